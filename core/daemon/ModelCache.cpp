#include "core/daemon/ModelCache.h"

#include "core/net/CurlClient.h"
#include "core/net/HashingFileSink.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSaveFile>
#include <QStorageInfo>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <limits>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace aiops::daemon {

struct ModelCache::Job
{
    CacheManifest manifest;
    QSet<QString> missing; // blob hashes not yet in blobs/
    QElapsedTimer clock;
    qint64 lastProgressMs = -1;
};

// One blob on its way into blobs/, shared by every job that needs it (waiters).
struct ModelCache::BlobTask
{
    QString sha256;
    qint64 size = 0;
    QUrl url;
    bool sendCredential = false;
    QSet<QString> waiters; // model ids
    bool active = false; // holds one of the maxParallelFiles slots
    int attempts = 0;
    qint64 offset = 0; // bytes in the partial when the current request started
    qint64 received = 0; // bytes of the current request
    std::unique_ptr<net::HashingFileSink> sink;
    QPointer<net::Transfer> transfer;
    std::optional<Error> abortError; // why we cancelled the transfer ourselves
    QTimer* retryTimer = nullptr;
};

namespace {

constexpr qsizetype kMaxFiles = 10'000;
constexpr qint64 kMaxTotalBytes = 1LL << 50; // 1 PiB: keeps every sum far from overflowing
constexpr qsizetype kMaxNameLength = 128;
constexpr qsizetype kMaxPathLength = 1024;
constexpr int kIndexFormat = 1;

bool isSha256(const QString& text)
{
    if (text.size() != 64)
        return false;
    return std::all_of(
        text.cbegin(), text.cend(), [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'); });
}

// A model id or version becomes one folder name: no separators, no dot-names, nothing a shell mangles.
bool isSafeName(const QString& name)
{
    if (name.isEmpty() || name.size() > kMaxNameLength || name.startsWith(u'.'))
        return false;
    return std::all_of(name.cbegin(), name.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'_' || c == u'-';
    });
}

bool isSafeRelativePath(const QString& path)
{
    if (path.isEmpty() || path.size() > kMaxPathLength || path.startsWith(u'/') || path.contains(u'\\')
        || path.contains(QChar(0)))
        return false;
    const QStringList segments = path.split(u'/');
    return std::none_of(segments.cbegin(), segments.cend(), [](const QString& segment) {
        return segment.isEmpty() || segment == u"."_s || segment == u".."_s;
    });
}

bool isRetryable(const Error& error)
{
    return (error.code == ErrorCode::Unavailable || error.code == ErrorCode::RateLimited)
        && !net::isCancellation(error);
}

QString fileField(qsizetype index, const char* member)
{
    return u"files[%1].%2"_s.arg(index).arg(QLatin1StringView(member));
}

Result<void> validateFile(const CacheFile& file, qsizetype index)
{
    if (!isSafeRelativePath(file.path))
        return makeError(ErrorCode::InvalidValue,
                         ModelCache::tr("'%1' is not a safe relative path").arg(file.path),
                         fileField(index, "path"));
    if (!isSha256(file.sha256))
        return makeError(ErrorCode::InvalidValue,
                         ModelCache::tr("%1: sha256 must be 64 lowercase hex digits").arg(file.path),
                         fileField(index, "sha256"));
    if (file.size < 0 || file.size > kMaxTotalBytes)
        return makeError(ErrorCode::OutOfRange,
                         ModelCache::tr("%1: size %2 is out of range").arg(file.path).arg(file.size),
                         fileField(index, "size"));
    return {};
}

Result<void> validateUrl(const CacheFile& file, qsizetype index)
{
    const QString scheme = file.url.scheme();
    if (!file.url.isValid() || (scheme != u"http"_s && scheme != u"https"_s) || file.url.host().isEmpty())
        return makeError(ErrorCode::InvalidValue,
                         ModelCache::tr("%1: only http and https URLs can be fetched").arg(file.path),
                         fileField(index, "url"));
    return {};
}

Result<qint64> freeBytesOf(const QString& path)
{
    const QStorageInfo storage(path);
    if (!storage.isValid() || !storage.isReady())
        return makeError(ErrorCode::StoreError, ModelCache::tr("cannot query the free space of %1").arg(path));
    return storage.bytesAvailable();
}

QByteArray encoded(const QString& path)
{
    return QFile::encodeName(path);
}

// Hardlinks keep the bytes readable inside containers that bind-mount the model folder (a symlink to
// blobs/ would dangle there); a symlink is the fallback on filesystems without hardlinks.
bool linkBlob(const QString& blob, const QString& target)
{
    return ::link(encoded(blob).constData(), encoded(target).constData()) == 0 || QFile::link(blob, target);
}

QJsonObject entryToJson(const CachedModel& model, const QString& commitSha, const QList<CacheFile>& files)
{
    QJsonArray fileArray;
    for (const CacheFile& file : files)
        fileArray.append(
            QJsonObject { { u"path"_s, file.path }, { u"sha256"_s, file.sha256 }, { u"size"_s, file.size } });
    return QJsonObject { { u"modelId"_s, model.modelId },
                         { u"version"_s, model.version },
                         { u"commitSha"_s, commitSha },
                         { u"sizeBytes"_s, model.sizeBytes },
                         { u"lastUsedAt"_s, model.lastUsedAt.toString(Qt::ISODateWithMs) },
                         { u"pinned"_s, model.pinned },
                         { u"files"_s, fileArray } };
}

} // namespace

qint64 CacheManifest::totalBytes() const
{
    qint64 total = 0;
    for (const CacheFile& file : files)
        total += std::max<qint64>(file.size, 0);
    return total;
}

ModelCache::ModelCache(QString root, net::CurlClient* curl, ModelCacheOptions options, QObject* parent)
    : QObject(parent)
    , m_root(QDir::cleanPath(QDir(root).absolutePath()))
    , m_curl(curl)
    , m_options(std::move(options))
{
    m_options.capacityBytes = std::max<qint64>(0, m_options.capacityBytes);
    m_options.maxParallelFiles = std::max(1, m_options.maxParallelFiles);
    m_options.maxRetries = std::max(0, m_options.maxRetries);
    m_options.retryBaseDelayMs = std::max(0, m_options.retryBaseDelayMs);
}

ModelCache::~ModelCache()
{
    const QList<TaskPtr> tasks = m_tasks.values();
    for (const TaskPtr& task : tasks)
        stopTask(task);
}

// ---- paths

QString ModelCache::blobPath(const QString& sha256) const
{
    return m_root + u"/blobs/"_s + sha256;
}

QString ModelCache::partialPath(const QString& sha256) const
{
    return blobPath(sha256) + u".incomplete"_s;
}

QString ModelCache::versionDir(const QString& modelId, const QString& version) const
{
    return m_root + u"/models/"_s + modelId + u'/' + version;
}

bool ModelCache::hasBlob(const QString& sha256) const
{
    return QFileInfo(blobPath(sha256)).isFile();
}

bool ModelCache::ensureLayout() const
{
    return QDir().mkpath(m_root + u"/blobs"_s) && QDir().mkpath(m_root + u"/models"_s);
}

// ---- index

Result<void> ModelCache::load()
{
    if (!ensureLayout())
        return makeError(ErrorCode::StoreError, tr("cannot create the model cache in %1").arg(m_root));
    m_entries.clear();
    QFile file(m_root + u"/index.json"_s);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::StoreError, tr("cannot read %1: %2").arg(file.fileName(), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return makeError(ErrorCode::StoreError, tr("%1 is not a cache index").arg(file.fileName()));

    bool dropped = false;
    const QJsonArray models = document.object().value(u"models"_s).toArray();
    for (const QJsonValue& value : models) {
        const QJsonObject object = value.toObject();
        Entry entry;
        entry.model.modelId = object.value(u"modelId"_s).toString();
        entry.model.version = object.value(u"version"_s).toString();
        entry.model.sizeBytes = object.value(u"sizeBytes"_s).toInteger();
        entry.model.lastUsedAt = QDateTime::fromString(object.value(u"lastUsedAt"_s).toString(), Qt::ISODateWithMs);
        entry.model.pinned = object.value(u"pinned"_s).toBool();
        entry.commitSha = object.value(u"commitSha"_s).toString();
        bool valid = isSafeName(entry.model.modelId) && isSafeName(entry.model.version)
            && !m_entries.contains(entry.model.modelId);
        const QJsonArray files = object.value(u"files"_s).toArray();
        for (qsizetype i = 0; valid && i < files.size(); ++i) {
            const QJsonObject fileObject = files.at(i).toObject();
            CacheFile cacheFile { fileObject.value(u"path"_s).toString(),
                                  fileObject.value(u"size"_s).toInteger(-1),
                                  fileObject.value(u"sha256"_s).toString(),
                                  {},
                                  false };
            valid = validateFile(cacheFile, i).has_value();
            entry.files.append(std::move(cacheFile));
        }
        if (!valid || entry.files.isEmpty() || !entryIntact(entry)) {
            // A hand-edited or half-deleted entry: forget it rather than serve missing files.
            dropped = true;
            if (isSafeName(entry.model.modelId) && isSafeName(entry.model.version))
                QDir(versionDir(entry.model.modelId, entry.model.version)).removeRecursively();
            continue;
        }
        if (!entry.model.lastUsedAt.isValid())
            entry.model.lastUsedAt = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
        entry.model.path = versionDir(entry.model.modelId, entry.model.version);
        if (entry.model.pinned)
            m_pinned.insert(entry.model.modelId);
        entry.model.pinned = m_pinned.contains(entry.model.modelId);
        m_entries.insert(entry.model.modelId, std::move(entry));
    }
    if (dropped)
        persist();
    return {};
}

Result<void> ModelCache::saveIndex() const
{
    QStringList ids = m_entries.keys();
    ids.sort(); // a stable file diffs well
    QJsonArray models;
    for (const QString& id : std::as_const(ids)) {
        const Entry& entry = m_entries[id];
        models.append(entryToJson(entry.model, entry.commitSha, entry.files));
    }
    const QJsonObject root { { u"format"_s, kIndexFormat }, { u"models"_s, models } };
    QSaveFile file(m_root + u"/index.json"_s);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit())
        return makeError(ErrorCode::StoreError, tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    return {};
}

void ModelCache::persist() const
{
    // The in-memory index stays authoritative until a restart; a full disk must not fail a fetch.
    if (auto saved = saveIndex(); !saved)
        qWarning("model cache: %s", qUtf8Printable(saved.error().message));
}

bool ModelCache::entryIntact(const Entry& entry) const
{
    const QString dir = versionDir(entry.model.modelId, entry.model.version);
    return std::all_of(entry.files.cbegin(), entry.files.cend(), [&](const CacheFile& file) {
        const QFileInfo linked(dir + u'/' + file.path);
        return linked.exists() && linked.size() == file.size && hasBlob(file.sha256);
    });
}

bool ModelCache::entryMatches(const Entry& entry, const CacheManifest& manifest) const
{
    if (entry.model.version != manifest.version || entry.files.size() != manifest.files.size())
        return false;
    QHash<QString, const CacheFile*> byPath;
    for (const CacheFile& file : entry.files)
        byPath.insert(file.path, &file);
    return std::all_of(manifest.files.cbegin(), manifest.files.cend(), [&](const CacheFile& file) {
        const CacheFile* known = byPath.value(file.path);
        return known && known->sha256 == file.sha256 && known->size == file.size;
    });
}

QDateTime ModelCache::nextUseTime() const
{
    // Strictly after every recorded use, so the LRU order follows the order of calls even within one
    // millisecond or across a clock step backwards.
    QDateTime latest;
    for (const Entry& entry : m_entries)
        if (!latest.isValid() || entry.model.lastUsedAt > latest)
            latest = entry.model.lastUsedAt;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return latest.isValid() && now <= latest ? latest.addMSecs(1) : now;
}

void ModelCache::touch(Entry& entry)
{
    entry.model.lastUsedAt = nextUseTime();
    persist();
}

// ---- public API

void ModelCache::setCredential(QByteArray bearer)
{
    // A line break would smuggle extra header lines into every request.
    if (bearer.contains('\r') || bearer.contains('\n') || bearer.contains('\0')) {
        qWarning("model cache: ignoring a credential with control characters");
        return;
    }
    m_credential = std::move(bearer);
}

Result<void> ModelCache::validate(const CacheManifest& manifest)
{
    if (manifest.modelId.isEmpty())
        return makeError(ErrorCode::MissingField, tr("the manifest names no model"), u"modelId"_s);
    if (!isSafeName(manifest.modelId))
        return makeError(
            ErrorCode::InvalidValue, tr("model id '%1' is not a safe folder name").arg(manifest.modelId), u"modelId"_s);
    if (manifest.version.isEmpty())
        return makeError(ErrorCode::MissingField, tr("the manifest names no version"), u"version"_s);
    if (!isSafeName(manifest.version))
        return makeError(
            ErrorCode::InvalidValue, tr("version '%1' is not a safe folder name").arg(manifest.version), u"version"_s);
    if (manifest.files.isEmpty())
        return makeError(ErrorCode::MissingField, tr("the manifest lists no files"), u"files"_s);
    if (manifest.files.size() > kMaxFiles)
        return makeError(ErrorCode::OutOfRange, tr("more than %1 files in one model").arg(kMaxFiles), u"files"_s);

    QSet<QString> paths;
    QHash<QString, qint64> sizeByHash;
    qint64 total = 0;
    for (qsizetype i = 0; i < manifest.files.size(); ++i) {
        const CacheFile& file = manifest.files.at(i);
        if (auto valid = validateFile(file, i); !valid)
            return valid;
        if (auto valid = validateUrl(file, i); !valid)
            return valid;
        if (paths.contains(file.path))
            return makeError(ErrorCode::InvalidValue, tr("'%1' is listed twice").arg(file.path), fileField(i, "path"));
        paths.insert(file.path);
        // One blob cannot have two sizes: the manifest contradicts itself.
        if (sizeByHash.contains(file.sha256) && sizeByHash.value(file.sha256) != file.size)
            return makeError(ErrorCode::InvalidValue,
                             tr("%1: same sha256 as another file but a different size").arg(file.path),
                             fileField(i, "size"));
        sizeByHash.insert(file.sha256, file.size);
        total += file.size;
        if (total > kMaxTotalBytes)
            return makeError(ErrorCode::OutOfRange, tr("the model is too large"), u"files"_s);
    }
    return {};
}

void ModelCache::ensure(const CacheManifest& manifest)
{
    if (auto valid = validate(manifest); !valid)
        return postFailed(manifest.modelId, valid.error());
    const QString& id = manifest.modelId;
    if (const JobPtr running = m_jobs.value(id)) {
        if (running->manifest.version == manifest.version)
            return; // joined: its ready() or failed() answers this call too
        detachJob(running); // the controller wants another version now
    }
    const auto cached = m_entries.find(id);
    if (cached != m_entries.end()) {
        if (entryMatches(*cached, manifest) && entryIntact(*cached)) {
            touch(*cached);
            return postReady(id, cached->model.path);
        }
        if (!entryMatches(*cached, manifest) && m_pinned.contains(id))
            return postFailed(id,
                              Error { ErrorCode::Conflict,
                                      tr("version %1 of %2 is in use; stop its deployment before fetching %3")
                                          .arg(cached->model.version, id, manifest.version),
                                      u"version"_s });
    }
    if (!ensureLayout())
        return postFailed(id, Error { ErrorCode::StoreError, tr("cannot create the model cache in %1").arg(m_root) });
    auto plan = planRoom(manifest);
    if (!plan)
        return postFailed(id, plan.error());
    if (auto space = checkFreeSpace(manifest, plan->freedBytes); !space)
        return postFailed(id, space.error());

    // The job is registered first so that evicting cannot delete a blob it needs.
    startJob(manifest);
    for (const QString& evicted : std::as_const(plan->evictModels))
        removeEntry(evicted);
    for (const QString& sha256 : std::as_const(plan->dropBlobs))
        QFile::remove(blobPath(sha256));
    if (!plan->evictModels.isEmpty()) {
        persist();
        postChanged();
    }
}

void ModelCache::cancel(const QString& modelId)
{
    if (const JobPtr job = m_jobs.value(modelId))
        detachJob(job);
}

Result<void> ModelCache::evict(const QString& modelId)
{
    if (!m_entries.contains(modelId))
        return makeError(ErrorCode::NotFound, tr("model %1 is not cached").arg(modelId), u"modelId"_s);
    if (m_pinned.contains(modelId))
        return makeError(ErrorCode::Conflict, tr("model %1 is in use by a deployment").arg(modelId), u"modelId"_s);
    removeEntry(modelId);
    postChanged();
    return saveIndex();
}

void ModelCache::pin(const QString& modelId)
{
    m_pinned.insert(modelId);
    if (auto entry = m_entries.find(modelId); entry != m_entries.end() && !entry->model.pinned) {
        entry->model.pinned = true;
        persist();
    }
}

void ModelCache::unpin(const QString& modelId)
{
    m_pinned.remove(modelId);
    if (auto entry = m_entries.find(modelId); entry != m_entries.end() && entry->model.pinned) {
        entry->model.pinned = false;
        persist();
    }
}

QList<CachedModel> ModelCache::models() const
{
    QList<CachedModel> list;
    for (const Entry& entry : m_entries)
        list.append(entry.model);
    std::sort(list.begin(), list.end(), [](const CachedModel& a, const CachedModel& b) {
        return a.lastUsedAt > b.lastUsedAt; // most recently used first
    });
    return list;
}

qint64 ModelCache::usedBytes() const
{
    qint64 total = 0;
    for (qint64 size : referencedBlobs(false))
        total += size;
    return total;
}

std::optional<QString> ModelCache::modelPath(const QString& modelId) const
{
    const auto entry = m_entries.constFind(modelId);
    if (entry == m_entries.cend())
        return std::nullopt;
    return entry->model.path;
}

// ---- room

QHash<QString, qint64> ModelCache::referencedBlobs(bool includeJobs) const
{
    QHash<QString, qint64> blobs;
    for (const Entry& entry : m_entries)
        for (const CacheFile& file : entry.files)
            blobs.insert(file.sha256, file.size);
    if (includeJobs)
        for (const JobPtr& job : m_jobs)
            for (const CacheFile& file : std::as_const(job->manifest.files))
                blobs.insert(file.sha256, file.size);
    return blobs;
}

QHash<QString, qint64> ModelCache::unreferencedBlobsOnDisk() const
{
    const QHash<QString, qint64> referenced = referencedBlobs(true);
    QHash<QString, qint64> orphans;
    const QFileInfoList blobs = QDir(m_root + u"/blobs"_s).entryInfoList(QDir::Files);
    for (const QFileInfo& blob : blobs)
        if (isSha256(blob.fileName()) && !referenced.contains(blob.fileName()))
            orphans.insert(blob.fileName(), blob.size());
    return orphans;
}

Result<ModelCache::RoomPlan> ModelCache::planRoom(const CacheManifest& manifest) const
{
    // Fits the model under capacityBytes: drops orphan blobs first, then least recently used unpinned models.
    // Blobs that stay whatever is evicted: the new model's and those of other fetches in progress.
    QHash<QString, qint64> kept;
    for (const JobPtr& job : m_jobs)
        for (const CacheFile& file : std::as_const(job->manifest.files))
            kept.insert(file.sha256, file.size);
    for (const CacheFile& file : manifest.files)
        kept.insert(file.sha256, file.size);

    RoomPlan plan;
    QHash<QString, qint64> orphans = unreferencedBlobsOnDisk();
    for (const CacheFile& file : manifest.files)
        orphans.remove(file.sha256); // reused, not dropped
    QList<const Entry*> candidates;
    for (const Entry& entry : m_entries)
        if (!m_pinned.contains(entry.model.modelId))
            candidates.append(&entry);
    std::sort(candidates.begin(), candidates.end(), [](const Entry* a, const Entry* b) {
        return a->model.lastUsedAt < b->model.lastUsedAt;
    });

    // The cache's footprint if the models in `evicted` were gone (shared blobs counted once).
    const auto projected = [&](const QSet<QString>& evicted, bool withOrphans) {
        QHash<QString, qint64> blobs = kept;
        for (const Entry& entry : m_entries)
            if (!evicted.contains(entry.model.modelId))
                for (const CacheFile& file : entry.files)
                    blobs.insert(file.sha256, file.size);
        qint64 total = 0;
        for (qint64 size : std::as_const(blobs))
            total += size;
        if (withOrphans)
            for (qint64 size : std::as_const(orphans))
                total += size;
        return total;
    };
    const qint64 before = projected({}, true);
    QSet<QString> evicted;
    bool withOrphans = true;
    if (projected(evicted, withOrphans) > m_options.capacityBytes && !orphans.isEmpty()) {
        withOrphans = false; // leftovers of cancelled fetches go before any model
        plan.dropBlobs = orphans.keys();
    }
    for (const Entry* candidate : std::as_const(candidates)) {
        if (projected(evicted, withOrphans) <= m_options.capacityBytes)
            break;
        evicted.insert(candidate->model.modelId);
        plan.evictModels.append(candidate->model.modelId);
    }
    const qint64 after = projected(evicted, withOrphans);
    if (after > m_options.capacityBytes)
        return makeError(ErrorCode::InsufficientStorage,
                         tr("model %1 needs %2 bytes but the cache holds %3 bytes; %4 bytes would be in use "
                            "even after evicting every model not in use")
                             .arg(manifest.modelId)
                             .arg(manifest.totalBytes())
                             .arg(m_options.capacityBytes)
                             .arg(after),
                         u"capacityBytes"_s);

    plan.freedBytes = std::max<qint64>(0, before - after);
    return plan;
}

Result<void> ModelCache::checkFreeSpace(const CacheManifest& manifest, qint64 freedBytes) const
{
    // What is left to download: missing blobs less their partials (blobs another fetch brings are its own).
    QHash<QString, qint64> missing;
    for (const CacheFile& file : manifest.files)
        if (!hasBlob(file.sha256) && !m_tasks.contains(file.sha256))
            missing.insert(file.sha256, file.size);
    qint64 remaining = 0;
    for (auto it = missing.cbegin(); it != missing.cend(); ++it) {
        const qint64 partial = QFileInfo(partialPath(it.key())).size();
        remaining += partial <= it.value() ? it.value() - partial : it.value();
    }
    const auto available = m_options.availableBytes ? m_options.availableBytes(m_root) : freeBytesOf(m_root);
    if (!available)
        return std::unexpected(available.error());
    if (*available + freedBytes < remaining)
        return makeError(ErrorCode::InsufficientStorage,
                         tr("not enough disk space for %1: %2 bytes to download, %3 bytes free")
                             .arg(manifest.modelId)
                             .arg(remaining)
                             .arg(*available + freedBytes),
                         u"disk"_s);
    return {};
}

void ModelCache::removeEntry(const QString& modelId)
{
    const auto entry = m_entries.find(modelId);
    if (entry == m_entries.end())
        return;
    const QList<CacheFile> files = entry->files;
    QDir(entry->model.path).removeRecursively();
    QDir().rmdir(m_root + u"/models/"_s + modelId); // only once no version is left
    m_entries.erase(entry);
    removeUnreferencedBlobs(files);
}

void ModelCache::removeUnreferencedBlobs(const QList<CacheFile>& files)
{
    const QHash<QString, qint64> referenced = referencedBlobs(true);
    for (const CacheFile& file : files)
        if (!referenced.contains(file.sha256))
            QFile::remove(blobPath(file.sha256));
}

// ---- fetching

void ModelCache::startJob(const CacheManifest& manifest)
{
    auto job = std::make_shared<Job>();
    job->manifest = manifest;
    job->clock.start();
    m_jobs.insert(manifest.modelId, job);
    for (const CacheFile& file : manifest.files) {
        if (hasBlob(file.sha256))
            continue;
        job->missing.insert(file.sha256);
        TaskPtr task = m_tasks.value(file.sha256);
        if (!task) {
            task = std::make_shared<BlobTask>();
            task->sha256 = file.sha256;
            task->size = file.size;
            task->url = file.url;
            task->sendCredential = file.sendCredential;
            m_tasks.insert(file.sha256, task);
            m_queue.push_back(task);
        }
        task->waiters.insert(manifest.modelId);
    }
    if (job->missing.isEmpty()) {
        // Every blob is here already (another model holds them): only the links are missing.
        std::weak_ptr<Job> weak = job;
        QTimer::singleShot(0, this, [this, weak] {
            if (JobPtr current = weak.lock(); current && m_jobs.value(current->manifest.modelId) == current)
                completeJob(current);
        });
    }
    scheduleDispatch();
}

void ModelCache::scheduleDispatch()
{
    if (m_dispatchScheduled)
        return;
    m_dispatchScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_dispatchScheduled = false;
        dispatch();
    });
}

void ModelCache::dispatch()
{
    while (m_running < m_options.maxParallelFiles && !m_queue.empty()) {
        TaskPtr task = m_queue.front();
        m_queue.pop_front();
        if (m_tasks.value(task->sha256) != task || task->active)
            continue; // stopped while queued
        task->active = true;
        ++m_running;
        startTask(task);
    }
}

void ModelCache::startTask(const TaskPtr& task)
{
    task->retryTimer = nullptr;
    task->received = 0;
    task->abortError.reset();
    task->sink = std::make_unique<net::HashingFileSink>();
    auto prefix = task->sink->openAndHashPrefix(partialPath(task->sha256));
    if (!prefix)
        return onTaskFinished(task, std::unexpected(prefix.error()));
    task->offset = *prefix;
    if (task->offset > task->size) {
        // Longer than the blob can be: not a prefix of it.
        if (!task->sink->restart())
            return onTaskFinished(task, makeError(ErrorCode::StoreError, tr("cannot truncate a partial download")));
        task->offset = 0;
    }
    if (task->offset == task->size)
        return onTaskFinished(task, {}); // empty, or complete when the process died before the rename

    net::Request request;
    request.url = task->url;
    request.followRedirects = true;
    request.stallTimeoutSeconds = m_options.stallTimeoutSeconds;
    request.headers.set("Accept-Encoding", "identity");
    if (task->sendCredential && !m_credential.isEmpty())
        request.headers.set("Authorization", "Bearer " + m_credential);
    if (task->sendCredential)
        request.pinnedPublicKey = m_controllerKeyPin;
    if (task->offset > 0)
        request.rangeStart = task->offset;
    request.output = task->sink.get();
    task->transfer = m_curl->start(std::move(request));
    connectTransfer(task);
}

void ModelCache::connectTransfer(const TaskPtr& task)
{
    std::weak_ptr<BlobTask> weak = task;
    net::Transfer* transfer = task->transfer;
    connect(transfer, &net::Transfer::headersReceived, this, [weak](int status, const net::HttpHeaders& headers) {
        const TaskPtr current = weak.lock();
        if (!current || status >= 300 || current->offset == 0)
            return;
        if (status == 200) {
            // The server ignored the Range: the body is the whole blob.
            if (!current->sink->restart()) {
                current->abortError = Error { ErrorCode::StoreError, tr("cannot truncate a partial download") };
                current->transfer->cancel();
            }
            current->offset = 0;
        } else if (!headers.value("Content-Range")
                        .startsWith(QByteArray("bytes " + QByteArray::number(current->offset) + '-'))) {
            current->abortError = Error { ErrorCode::Unavailable, tr("the server resumed at the wrong offset") };
            current->transfer->cancel();
        }
    });
    connect(transfer, &net::Transfer::progress, this, [this, weak](qint64 received, qint64) {
        const TaskPtr current = weak.lock();
        if (!current || received <= current->received)
            return;
        current->received = received;
        if (current->offset + received > current->size && !current->abortError) {
            // Stop before a wrong body fills the disk.
            current->abortError
                = Error { ErrorCode::InvalidValue,
                          tr("blob %1 is bigger than its %2 bytes").arg(current->sha256).arg(current->size),
                          u"size"_s };
            current->transfer->cancel();
            return;
        }
        const QSet<QString> waiters = current->waiters; // a slot may cancel a model and edit the set
        for (const QString& id : waiters)
            if (const JobPtr job = m_jobs.value(id))
                emitProgress(job, false);
    });
    connect(transfer, &net::Transfer::finished, this, [this, weak](const Result<net::Response>& result) {
        const TaskPtr current = weak.lock();
        if (!current)
            return;
        if (result && result->bytes > current->received)
            current->received = result->bytes;
        if (current->abortError)
            return onTaskFinished(current, std::unexpected(*current->abortError));
        if (!result)
            return onTaskFinished(current, std::unexpected(result.error()));
        if (result->status >= 300) {
            const Error error = net::errorForStatus(result->status, result->body)
                                    .value_or(Error { ErrorCode::Unavailable,
                                                      tr("unexpected HTTP %1 for a model file").arg(result->status) });
            return onTaskFinished(current, std::unexpected(error));
        }
        onTaskFinished(current, {});
    });
}

void ModelCache::onTaskFinished(const TaskPtr& task, const Result<void>& result)
{
    task->transfer = nullptr;
    if (m_tasks.value(task->sha256) != task)
        return; // stopped meanwhile
    const Result<void> outcome = result ? commitBlob(task) : result;
    if (!outcome && retryLater(task, outcome.error()))
        return;

    m_tasks.remove(task->sha256);
    if (task->active) {
        task->active = false;
        --m_running;
    }
    task->sink.reset(); // the transfer has finished with it
    const QSet<QString> waiters = task->waiters;
    for (const QString& id : waiters) {
        const JobPtr job = m_jobs.value(id);
        if (!job)
            continue;
        if (!outcome) {
            failJob(job, outcome.error());
            continue;
        }
        job->missing.remove(task->sha256);
        if (job->missing.isEmpty())
            completeJob(job);
        else
            emitProgress(job, false);
    }
    scheduleDispatch();
}

bool ModelCache::retryLater(const TaskPtr& task, const Error& error)
{
    // A 416 to a resume means the partial is not a prefix the server knows: start that blob over.
    const bool badRange = error.code == ErrorCode::OutOfRange && task->offset > 0;
    if ((!isRetryable(error) && !badRange) || task->attempts >= m_options.maxRetries)
        return false;
    task->sink.reset();
    if (badRange)
        QFile::remove(partialPath(task->sha256));
    const qint64 backoff = qint64(m_options.retryBaseDelayMs) << std::min(task->attempts, 20);
    const qint64 delay = std::max<qint64>(backoff, qint64(error.retryAfterSeconds) * 1000);
    ++task->attempts;
    ++m_retriesDone;
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    task->retryTimer = timer;
    std::weak_ptr<BlobTask> weak = task;
    connect(timer, &QTimer::timeout, this, [this, weak, timer] {
        timer->deleteLater();
        const TaskPtr current = weak.lock();
        if (current && m_tasks.value(current->sha256) == current && current->retryTimer == timer)
            startTask(current);
    });
    timer->start(static_cast<int>(std::min<qint64>(delay, std::numeric_limits<int>::max())));
    return true;
}

Result<void> ModelCache::commitBlob(const TaskPtr& task)
{
    const qint64 size = task->offset + task->received;
    const QByteArray digest = task->sink->hexDigest();
    task->sink->close();
    task->sink.reset();
    const QString partial = partialPath(task->sha256);
    if (size > task->size) {
        QFile::remove(partial);
        return makeError(ErrorCode::InvalidValue,
                         tr("blob %1: got %2 bytes, expected %3").arg(task->sha256).arg(size).arg(task->size),
                         u"size"_s);
    }
    if (size < task->size) // a dropped connection: the partial is resumed on retry
        return makeError(ErrorCode::Unavailable,
                         tr("blob %1: got %2 of %3 bytes").arg(task->sha256).arg(size).arg(task->size));
    if (digest != task->sha256.toLatin1()) {
        QFile::remove(partial);
        return makeError(
            ErrorCode::InvalidValue,
            tr("blob failed verification: sha256 %1, expected %2").arg(QString::fromLatin1(digest), task->sha256),
            u"sha256"_s);
    }
    // rename(2) replaces atomically: a reader sees no blob or the whole verified one.
    if (std::rename(encoded(partial).constData(), encoded(blobPath(task->sha256)).constData()) != 0)
        return makeError(ErrorCode::StoreError, tr("cannot move %1 into the cache").arg(partial));
    return {};
}

void ModelCache::stopTask(const TaskPtr& task)
{
    if (task->retryTimer) {
        task->retryTimer->stop();
        task->retryTimer->deleteLater();
        task->retryTimer = nullptr;
    }
    if (task->transfer) {
        disconnect(task->transfer, nullptr, this, nullptr);
        task->transfer->cancel();
        task->transfer = nullptr;
    }
    // The transfer may write into the sink until its cancel lands on the next loop pass.
    if (task->sink) {
        task->sink->close();
        task->sink.release()->deleteLater();
    }
    if (task->active) {
        task->active = false;
        --m_running;
    }
    if (m_tasks.value(task->sha256) == task)
        m_tasks.remove(task->sha256);
}

void ModelCache::detachJob(const JobPtr& job)
{
    const QString& id = job->manifest.modelId;
    if (m_jobs.value(id) == job)
        m_jobs.remove(id);
    for (const QString& sha256 : std::as_const(job->missing)) {
        const TaskPtr task = m_tasks.value(sha256);
        if (!task)
            continue;
        task->waiters.remove(id);
        if (task->waiters.isEmpty())
            stopTask(task); // its partial stays for the next ensure
    }
    scheduleDispatch();
}

void ModelCache::completeJob(const JobPtr& job)
{
    const CacheManifest& manifest = job->manifest;
    const QString& id = manifest.modelId;
    const QString dir = versionDir(id, manifest.version);
    QDir(dir).removeRecursively(); // leftovers of an interrupted earlier pass
    for (const CacheFile& file : manifest.files) {
        const QString target = dir + u'/' + file.path;
        if (!QDir().mkpath(QFileInfo(target).path()) || !linkBlob(blobPath(file.sha256), target))
            return failJob(job, Error { ErrorCode::StoreError, tr("cannot link %1 into %2").arg(file.path, dir) });
    }
    m_jobs.remove(id);

    QList<CacheFile> replaced;
    if (const auto old = m_entries.constFind(id); old != m_entries.cend()) {
        replaced = old->files;
        if (old->model.version != manifest.version)
            QDir(old->model.path).removeRecursively();
    }
    Entry entry;
    entry.model
        = CachedModel { id, manifest.version, manifest.totalBytes(), nextUseTime(), dir, m_pinned.contains(id) };
    entry.commitSha = manifest.commitSha;
    for (const CacheFile& file : manifest.files)
        entry.files.append(CacheFile { file.path, file.size, file.sha256, {}, false });
    m_entries.insert(id, std::move(entry));
    removeUnreferencedBlobs(replaced);
    persist();

    emitProgress(job, true);
    emit changed();
    emit ready(id, dir);
}

void ModelCache::failJob(const JobPtr& job, const Error& error)
{
    detachJob(job);
    emit failed(job->manifest.modelId, error);
}

qint64 ModelCache::bytesDone(const Job& job) const
{
    qint64 done = 0;
    for (const CacheFile& file : job.manifest.files) {
        if (!job.missing.contains(file.sha256)) {
            done += file.size;
        } else if (const TaskPtr task = m_tasks.value(file.sha256); task && task->active) {
            done += std::min(file.size, task->offset + task->received);
        }
    }
    return done;
}

void ModelCache::emitProgress(const JobPtr& job, bool force)
{
    const qint64 now = job->clock.elapsed();
    if (!force && job->lastProgressMs >= 0 && now - job->lastProgressMs < m_options.progressIntervalMs)
        return;
    job->lastProgressMs = now;
    emit progress(job->manifest.modelId, bytesDone(*job), job->manifest.totalBytes());
}

// ---- queued signals

void ModelCache::postReady(const QString& modelId, const QString& path)
{
    QMetaObject::invokeMethod(
        this, [this, modelId, path] { emit ready(modelId, path); }, Qt::QueuedConnection);
}

void ModelCache::postFailed(const QString& modelId, const Error& error)
{
    QMetaObject::invokeMethod(
        this, [this, modelId, error] { emit failed(modelId, error); }, Qt::QueuedConnection);
}

void ModelCache::postChanged()
{
    QMetaObject::invokeMethod(
        this, [this] { emit changed(); }, Qt::QueuedConnection);
}

} // namespace aiops::daemon
