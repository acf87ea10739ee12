#include "core/registry/ModelRegistry.h"

#include "core/registry/HfCacheImport.h"
#include "core/registry/HfHubClient.h"
#include "core/registry/ModelDownloader.h"
#include "core/registry/ModelMetadata.h"
#include "core/registry/ObjectStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QPointer>
#include <QSet>
#include <QThreadPool>
#include <QUrl>
#include <QUuid>

Q_LOGGING_CATEGORY(lcRegistry, "aiops.registry")

namespace aiops::registry {

using namespace Qt::StringLiterals;

namespace {

// Blobs in flight to the remote store at once, over all models: a model is a few big shards, and the
// store already sends the parts of each one in parallel.
constexpr int kParallelBlobs = 2;

QString localPath(const QString& folder)
{
    return u"local://%1"_s.arg(folder);
}

QString remoteKey(const QString& folder, const QString& hash)
{
    return u"%1/blobs/%2"_s.arg(folder, hash);
}

} // namespace

// One model's blobs on their way to the remote store.
struct ModelRegistry::Publication
{
    QString modelId;
    QString repo;
    QString folder;
    ObjectStore* store = nullptr;
    QList<StoredFile> blobs; // each blob of the model's versions once
    int next = 0;
    int inFlight = 0;
    int uploaded = 0;
    qint64 uploadedBytes = 0;
    std::optional<Error> error;
    bool cancelled = false; // the model was removed
    bool again = false; // a version was registered meanwhile: its blobs may be missing
    bool finished = false;

    bool done() const { return inFlight == 0 && (cancelled || error || next == blobs.size()); }
};

ModelRegistry::ModelRegistry(store::Database& database, QString objectStoreRoot, QObject* parent)
    : ModelService(parent)
    , m_store(database)
    , m_objects(std::move(objectStoreRoot))
{
    qRegisterMetaType<aiops::registry::DownloadJob>();
    qRegisterMetaType<aiops::registry::ModelPreview>();
}

ModelRegistry::~ModelRegistry() = default;

void ModelRegistry::setHubClient(HfHubClient* hub)
{
    m_hub = hub;
}

void ModelRegistry::setRemoteStore(ObjectStore* store)
{
    if (store == m_remote)
        return;
    // Answers of the old store, if any still come, find their publication cancelled.
    const QList<std::shared_ptr<Publication>> abandoned = std::exchange(m_publications, {});
    m_remote = store;
    for (const auto& p : abandoned) {
        p->cancelled = true;
        setLocation(p->modelId, u"ready"_s, localPath(p->folder));
    }
}

Result<void> ModelRegistry::load()
{
    QDir().mkpath(m_objects.root());
    if (auto loaded = reload(); !loaded)
        return loaded;
    // A download the controller was running when it stopped (quit, crash) resumes from its partial
    // files: the downloader continues each blob with a Range request.
    for (DownloadJob job : downloads()) {
        if (job.state == u"queued"_s || job.state == u"running"_s) {
            qCInfo(lcRegistry, "resuming download of %s", qUtf8Printable(job.repo));
            job.state = u"queued"_s;
            launch(job);
        }
    }
    // A publication the controller was running when it stopped starts over (blobs already uploaded are
    // skipped); without a remote store the model is simply local again.
    for (const ModelRecord& m : models()) {
        if (m.status == u"publishing"_s && !m_remote) {
            const QString folder = LocalObjectStore::folderNameForRepo(repoOf(m.modelId)).value_or(m.modelId);
            setLocation(m.modelId, u"ready"_s, localPath(folder));
        }
    }
    republishPending();
    return {};
}

Result<void> ModelRegistry::reload()
{
    auto models = m_store.models();
    if (!models)
        return std::unexpected(models.error());
    QHash<QString, QList<ModelVersion>> versions;
    QHash<QString, QString> repos;
    for (const ModelRecord& m : *models) {
        auto v = m_store.versions(m.modelId);
        if (!v)
            return std::unexpected(v.error());
        versions.insert(m.modelId, *v);
        auto repo = m_store.repoOf(m.modelId);
        if (repo)
            repos.insert(m.modelId, *repo);
    }
    auto jobs = m_store.jobs();
    if (!jobs)
        return std::unexpected(jobs.error());
    QWriteLocker locker(&m_lock);
    m_models = std::move(*models);
    m_versions = std::move(versions);
    m_repos = std::move(repos);
    m_jobs = std::move(*jobs);
    return {};
}

QList<ModelRecord> ModelRegistry::models() const
{
    QReadLocker locker(&m_lock);
    return m_models;
}

std::optional<ModelRecord> ModelRegistry::model(const QString& modelId) const
{
    QReadLocker locker(&m_lock);
    for (const ModelRecord& m : m_models) {
        if (m.modelId == modelId)
            return m;
    }
    return std::nullopt;
}

QList<ModelVersion> ModelRegistry::versions(const QString& modelId) const
{
    QReadLocker locker(&m_lock);
    return m_versions.value(modelId);
}

QString ModelRegistry::repoOf(const QString& modelId) const
{
    QReadLocker locker(&m_lock);
    return m_repos.value(modelId);
}

QList<ModelFile> ModelRegistry::files(const QString& modelId, const QString& version) const
{
    const QList<ModelVersion> all = versions(modelId);
    const QString repo = repoOf(modelId);
    if (all.isEmpty() || repo.isEmpty())
        return {};
    ModelVersion chosen = all.last();
    for (const ModelVersion& v : all) {
        if (v.version == version)
            chosen = v;
    }
    const auto stored = m_objects.model(repo);
    if (!stored)
        return {};
    QList<ModelFile> out;
    for (const StoredRevision& revision : stored->revisions) {
        if (revision.commit != chosen.commitSha)
            continue;
        for (const StoredFile& f : revision.files)
            out.append(ModelFile { f.relativePath, f.size, f.blobHash.size() == 64 ? f.blobHash : QString() });
    }
    return out;
}

QString ModelRegistry::storagePath(const QString& modelId, const QString& blobHash)
{
    return u"/storage/models/%1/blobs/%2"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(modelId)), blobHash);
}

Result<ModelManifest> ModelRegistry::manifest(const QString& modelId, const QString& version)
{
    const QList<ModelVersion> all = versions(modelId);
    const QString repo = repoOf(modelId);
    if (all.isEmpty() || repo.isEmpty())
        return makeError(ErrorCode::NotFound, u"No model %1"_s.arg(modelId));
    const ModelVersion* chosen = version.isEmpty() ? &all.last() : nullptr;
    for (const ModelVersion& v : all) {
        if (v.version == version)
            chosen = &v;
    }
    if (!chosen)
        return makeError(ErrorCode::NotFound, u"Model %1 has no version %2"_s.arg(modelId, version));
    auto stored = m_objects.model(repo);
    if (!stored)
        return std::unexpected(stored.error());

    // Presigned URLs only once every blob is in the store the registry uses now (not while publishing,
    // nor when the model was published to a bucket since replaced).
    const QString folder = LocalObjectStore::folderNameForRepo(repo).value_or(QString());
    const auto record = model(modelId);
    const bool remote = m_remote && record && !folder.isEmpty() && record->minioPath.startsWith(u"s3://"_s)
        && record->minioPath == m_remote->location(folder);

    ModelManifest manifest { modelId, chosen->version, chosen->commitSha, {}, 0 };
    for (const StoredRevision& revision : std::as_const(stored->revisions)) {
        if (revision.commit != chosen->commitSha)
            continue;
        for (const StoredFile& f : revision.files) {
            ManifestFile file { f.relativePath, f.size, f.blobHash, f.blobHash, storagePath(modelId, f.blobHash) };
            if (remote) {
                auto url = m_remote->downloadUrl(remoteKey(folder, f.blobHash), m_presignExpirySeconds);
                if (!url)
                    return std::unexpected(url.error());
                file.url = url->toString(QUrl::FullyEncoded);
            }
            // Small files are named by their git sha1; nodes verify sha256 only, so hash them once
            // here (they are configs and tokenizers: kilobytes to a few megabytes).
            if (f.blobHash.size() != 64) {
                auto path = m_objects.blobPath(repo, f.blobHash);
                if (!path)
                    return std::unexpected(path.error());
                QString& sha = m_sha256OfGitBlob[*path];
                if (sha.isEmpty())
                    sha = QString::fromLatin1(fileDigest(*path));
                if (sha.isEmpty())
                    return makeError(ErrorCode::StoreError,
                                     u"Cannot read %1 of model %2"_s.arg(f.relativePath, modelId));
                file.sha256 = sha;
            }
            manifest.totalBytes += f.size;
            manifest.files.append(std::move(file));
        }
    }
    if (manifest.files.isEmpty())
        return makeError(ErrorCode::NotFound,
                         u"The files of %1 version %2 are not in the object store"_s.arg(modelId, chosen->version));
    return manifest;
}

Result<QString> ModelRegistry::blobFile(const QString& modelId, const QString& blobHash) const
{
    const QString repo = repoOf(modelId);
    if (repo.isEmpty())
        return makeError(ErrorCode::NotFound, u"No model %1"_s.arg(modelId));
    if (!LocalObjectStore::isBlobHash(blobHash))
        return makeError(ErrorCode::InvalidValue, u"Not a blob name: %1"_s.arg(blobHash), u"hash"_s);
    auto stored = m_objects.model(repo);
    if (!stored)
        return std::unexpected(stored.error());
    // Only blobs this model's snapshots reference: the route must not serve another model's files.
    for (const StoredRevision& revision : std::as_const(stored->revisions)) {
        for (const StoredFile& f : revision.files) {
            if (f.blobHash == blobHash)
                return m_objects.blobPath(repo, blobHash);
        }
    }
    return makeError(ErrorCode::NotFound, u"Model %1 has no file %2"_s.arg(modelId, blobHash));
}

QList<DownloadJob> ModelRegistry::downloads() const
{
    QReadLocker locker(&m_lock);
    return m_jobs;
}

QString ModelRegistry::requestPreview(const QString& repo, const QString& revision)
{
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QMetaObject::invokeMethod(
        this,
        [this, requestId, repo, revision] {
            if (!m_hub) {
                Q_EMIT previewFailed(requestId,
                                     Error { ErrorCode::Unavailable, u"The HuggingFace client is not running"_s });
                return;
            }
            m_hub->preview(
                repo, revision.isEmpty() ? u"main"_s : revision, [this, requestId](Result<ModelPreview> preview) {
                    if (preview)
                        Q_EMIT previewReady(requestId, *preview);
                    else
                        Q_EMIT previewFailed(requestId, preview.error());
                });
        },
        Qt::QueuedConnection);
    return requestId;
}

Result<QString> ModelRegistry::startDownload(const QString& repo, const QString& revision, const QString& framework)
{
    const QString repoId = HfHubClient::normalizeRepoId(repo);
    if (repoId.isEmpty())
        return makeError(ErrorCode::InvalidValue,
                         u"\"%1\" is not a HuggingFace repo: use org/name or a huggingface.co URL"_s.arg(repo),
                         u"repo"_s);
    if (!framework.isEmpty() && framework != u"vllm"_s && framework != u"triton"_s && framework != u"custom"_s)
        return makeError(ErrorCode::InvalidValue, u"framework must be vllm, triton or custom"_s, u"framework"_s);
    {
        QReadLocker locker(&m_lock);
        for (const DownloadJob& j : m_jobs) {
            if (j.repo == repoId && (j.state == u"queued"_s || j.state == u"running"_s))
                return makeError(ErrorCode::Conflict, u"%1 is already downloading"_s.arg(repoId));
        }
    }
    DownloadJob job;
    job.jobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    job.repo = repoId;
    job.revision = revision.isEmpty() ? u"main"_s : revision;
    job.framework = framework;
    job.state = u"queued"_s;
    job.createdAt = QDateTime::currentDateTimeUtc();
    job.changedAt = job.createdAt;
    {
        QWriteLocker locker(&m_lock);
        m_jobs.prepend(job);
    }
    // Store and start on the owning thread (its database connection and curl client live there).
    QMetaObject::invokeMethod(
        this,
        [this, job] {
            if (auto saved = m_store.saveJob(job); !saved)
                qCWarning(lcRegistry, "cannot persist download job: %s", qUtf8Printable(saved.error().message));
            launch(job);
        },
        Qt::AutoConnection);
    return job.jobId;
}

void ModelRegistry::launch(DownloadJob job)
{
    if (!m_hub) {
        job.state = u"failed"_s;
        job.errorCode = errorCodeName(ErrorCode::Unavailable);
        job.errorMessage = u"The HuggingFace client is not running"_s;
        onJobChanged(job, true);
        Q_EMIT downloadFinished(job);
        return;
    }
    auto* downloader = new ModelDownloader(m_hub, &m_objects, job, this);
    m_running.insert(job.jobId, downloader);
    connect(downloader, &ModelDownloader::jobChanged, this, [this](const DownloadJob& changed) {
        onJobChanged(changed, false);
    });
    connect(downloader, &ModelDownloader::finished, this, [this, downloader](const DownloadJob& done) {
        onJobFinished(downloader, done);
    });
    downloader->start();
}

void ModelRegistry::onJobChanged(const DownloadJob& job, bool persist)
{
    {
        QWriteLocker locker(&m_lock);
        bool found = false;
        for (DownloadJob& j : m_jobs) {
            if (j.jobId == job.jobId) {
                const QString framework = j.framework;
                j = job;
                if (j.framework.isEmpty())
                    j.framework = framework;
                found = true;
            }
        }
        if (!found)
            m_jobs.prepend(job);
    }
    // Progress reaches the database every few seconds (it is what a restart resumes from); the
    // bytes themselves are in the partial files, so nothing is lost in between.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (persist || now - m_lastPersistMs.value(job.jobId) > 3000) {
        m_lastPersistMs.insert(job.jobId, now);
        if (auto saved = m_store.saveJob(job); !saved)
            qCWarning(lcRegistry, "cannot persist download job: %s", qUtf8Printable(saved.error().message));
    }
    Q_EMIT downloadChanged(job);
}

void ModelRegistry::onJobFinished(ModelDownloader* downloader, DownloadJob job)
{
    m_running.remove(job.jobId);
    m_lastPersistMs.remove(job.jobId);
    if (job.state == u"completed"_s) {
        QString framework;
        {
            QReadLocker locker(&m_lock);
            for (const DownloadJob& j : m_jobs) {
                if (j.jobId == job.jobId)
                    framework = j.framework;
            }
        }
        auto model = registerRevision(
            job.repo, job.revision, downloader->commitSha(), framework, downloader->modelInfo().license);
        if (model) {
            job.modelId = model->modelId;
            qCInfo(lcRegistry, "downloaded %s as %s", qUtf8Printable(job.repo), qUtf8Printable(model->version));
            startPublication(model->modelId);
        } else {
            job.state = u"failed"_s;
            job.errorCode = model.error().codeName();
            job.errorMessage = model.error().message;
        }
    }
    onJobChanged(job, true);
    Q_EMIT downloadFinished(job);
    downloader->deleteLater();
}

Result<void> ModelRegistry::cancelDownload(const QString& jobId)
{
    {
        QReadLocker locker(&m_lock);
        const bool known = std::any_of(m_jobs.cbegin(), m_jobs.cend(), [&](const DownloadJob& j) {
            return j.jobId == jobId && (j.state == u"queued"_s || j.state == u"running"_s);
        });
        if (!known)
            return makeError(ErrorCode::NotFound, u"No running download %1"_s.arg(jobId));
    }
    QMetaObject::invokeMethod(
        this,
        [this, jobId] {
            if (ModelDownloader* downloader = m_running.value(jobId))
                downloader->cancel();
        },
        Qt::AutoConnection);
    return {};
}

Result<ModelRecord> ModelRegistry::registerRevision(const QString& repo,
                                                    const QString& revision,
                                                    const QString& commit,
                                                    const QString& framework,
                                                    const QString& license,
                                                    const QString& orgId,
                                                    const QString& userId)
{
    auto stored = m_objects.model(repo);
    if (!stored)
        return std::unexpected(stored.error());
    const StoredRevision* found = nullptr;
    for (const StoredRevision& r : stored->revisions) {
        if (r.commit == commit)
            found = &r;
    }
    if (!found)
        return makeError(ErrorCode::NotFound, u"%1 has no snapshot %2 in the object store"_s.arg(repo, commit));

    // Metadata from the snapshot: config.json and the safetensors headers (weights are not read).
    std::optional<ModelConfig> config;
    QList<SafetensorsHeader> headers;
    QList<ModelFileInfo> fileInfos;
    for (const StoredFile& f : found->files) {
        fileInfos.append({ f.relativePath, f.size });
        const auto path = m_objects.snapshotFilePath(repo, commit, f.relativePath);
        if (!path)
            continue;
        if (f.relativePath == u"config.json"_s) {
            QFile file(*path);
            if (file.open(QIODevice::ReadOnly) && file.size() < 4 * 1024 * 1024) {
                if (auto parsed = parseModelConfig(file.readAll()); parsed)
                    config = *parsed;
            }
        } else if (f.relativePath.endsWith(u".safetensors"_s)) {
            if (auto header = readSafetensorsFile(*path); header)
                headers.append(*header);
        }
    }
    const ModelMetadata meta = deriveModelMetadata(config, headers, fileInfos);

    const QString modelId = modelIdForRepo(repo);
    const auto existing = m_store.model(modelId);
    if (!existing)
        return std::unexpected(existing.error());
    auto versions = m_store.versions(modelId);
    if (!versions)
        return std::unexpected(versions.error());
    QString version;
    for (const ModelVersion& v : *versions) {
        if (v.commitSha == commit)
            version = v.version;
    }
    if (version.isEmpty())
        version = nextVersion(versions->isEmpty() ? QString() : versions->last().version);

    ModelRecord m = existing->value_or(ModelRecord {});
    if (!existing->has_value()) {
        m.orgId = orgId.isEmpty() ? u"default"_s : orgId;
        m.userId = userId;
    }
    m.modelId = modelId;
    m.name = repo;
    m.source = u"huggingface"_s;
    m.sourceUrl = u"https://huggingface.co/%1"_s.arg(repo);
    m.framework = framework.isEmpty() ? (meta.framework.isEmpty() ? u"custom"_s : meta.framework) : framework;
    m.modelFormat = meta.modelFormat.isEmpty() ? u"pytorch"_s : meta.modelFormat;
    m.task = meta.task.isEmpty() ? u"nlp"_s : meta.task;
    m.minioPath = u"local://%1"_s.arg(LocalObjectStore::folderNameForRepo(repo).value_or(repo));
    m.sizeMb = meta.sizeMb;
    m.version = version;
    m.minGpuMemory = meta.minGpuMemoryMb;
    m.minVram = meta.minGpuMemoryMb;
    m.parameters = meta.parameters;
    m.dtype = meta.dtype;
    m.contextLength = meta.contextLength;
    if (!license.isEmpty())
        m.license = license;
    if (m.description.isEmpty())
        m.description = u"%1 from HuggingFace"_s.arg(repo);
    m.status = u"ready"_s;
    if (auto saved = m_store.saveModel(m, repo); !saved)
        return std::unexpected(saved.error());
    if (auto added = m_store.addVersion(ModelVersion { modelId, version, revision, commit, found->size, {} }); !added)
        return std::unexpected(added.error());
    if (auto reloaded = reload(); !reloaded)
        return std::unexpected(reloaded.error());
    Q_EMIT modelsChanged();
    return *model(modelId);
}

void ModelRegistry::importCache(const QString& hubDirectory)
{
    importCacheFor(hubDirectory, {}, {});
}

void ModelRegistry::importCacheFor(const QString& hubDirectory, const QString& orgId, const QString& userId)
{
    // Hashing blobs blocks: scan and link on a worker, register on the owning thread.
    QThreadPool::globalInstance()->start([this, hubDirectory, orgId, userId] {
        auto scan = scanHfCache(hubDirectory);
        Result<HfImportReport> report
            = scan ? importHfCache(*scan, m_objects) : Result<HfImportReport>(std::unexpected(scan.error()));
        QMetaObject::invokeMethod(
            this,
            [this, scan = std::move(scan), report = std::move(report), orgId, userId] {
                if (!report) {
                    Q_EMIT operationFailed(u"importCache"_s, report.error());
                    return;
                }
                QStringList warnings = scan->warnings + report->skipped;
                int imported = 0;
                for (const HfCacheModel& model : scan->models) {
                    if (!report->importedRepos.contains(model.repoId))
                        continue;
                    bool registered = false;
                    for (const HfCacheRevision& revision : model.revisions) {
                        const QString name = revision.refs.isEmpty() ? revision.commit : revision.refs.first();
                        auto m = registerRevision(model.repoId, name, revision.commit, {}, {}, orgId, userId);
                        if (m)
                            registered = true;
                        else
                            warnings.append(u"%1@%2: %3"_s.arg(model.repoId, revision.commit, m.error().message));
                    }
                    imported += registered ? 1 : 0;
                    if (registered)
                        startPublication(modelIdForRepo(model.repoId));
                }
                qCInfo(lcRegistry, "imported %d model(s) from %s", imported, qUtf8Printable(scan->hubDir));
                Q_EMIT importFinished(imported, warnings);
            },
            Qt::QueuedConnection);
    });
}

Result<RemovedRevision> ModelRegistry::removeModelNow(const QString& modelId)
{
    const QString repo = repoOf(modelId);
    if (repo.isEmpty() || !model(modelId))
        return makeError(ErrorCode::NotFound, u"No model %1"_s.arg(modelId));
    if (auto publication = publicationOf(modelId)) {
        publication->cancelled = true;
        m_publications.removeOne(publication);
    }
    RemovedRevision total;
    QStringList remoteKeys;
    const QString folder = LocalObjectStore::folderNameForRepo(repo).value_or(QString());
    for (const ModelVersion& v : versions(modelId)) {
        auto removed = m_objects.removeRevision(repo, v.commitSha);
        if (!removed) {
            if (removed.error().code == ErrorCode::NotFound)
                continue;
            return std::unexpected(removed.error());
        }
        total.deletedBlobs += removed->deletedBlobs;
        total.freedBytes += removed->freedBytes;
        for (const QString& hash : std::as_const(removed->deletedBlobs))
            remoteKeys.append(remoteKey(folder, hash));
    }
    if (auto deleted = m_store.softDelete(modelId); !deleted)
        return std::unexpected(deleted.error());
    if (auto reloaded = reload(); !reloaded)
        return std::unexpected(reloaded.error());
    qCInfo(lcRegistry, "removed model %s, freed %lld bytes", qUtf8Printable(modelId), total.freedBytes);
    // Blobs only this model's versions used go from the remote store too (absent ones are no error).
    if (m_remote && !folder.isEmpty())
        removeRemoteBlobs(remoteKeys);
    Q_EMIT modelRemoved(modelId);
    Q_EMIT modelsChanged();
    return total;
}

void ModelRegistry::removeModel(const QString& modelId)
{
    QMetaObject::invokeMethod(
        this,
        [this, modelId] {
            if (auto removed = removeModelNow(modelId); !removed)
                Q_EMIT operationFailed(u"removeModel"_s, removed.error());
        },
        Qt::AutoConnection);
}

void ModelRegistry::publishModel(const QString& modelId)
{
    QMetaObject::invokeMethod(
        this, [this, modelId] { startPublication(modelId); }, Qt::AutoConnection);
}

void ModelRegistry::republishPending()
{
    if (!m_remote)
        return;
    for (const ModelRecord& m : models()) {
        const auto folder = LocalObjectStore::folderNameForRepo(repoOf(m.modelId));
        if (folder && m.minioPath != m_remote->location(*folder))
            startPublication(m.modelId);
    }
}

void ModelRegistry::startPublication(const QString& modelId)
{
    if (!m_remote)
        return;
    if (auto running = publicationOf(modelId)) {
        running->again = true;
        return;
    }
    const auto record = model(modelId);
    if (!record)
        return;
    auto publication = std::make_shared<Publication>();
    publication->modelId = modelId;
    publication->repo = repoOf(modelId);
    publication->store = m_remote;
    auto fail = [&](const Error& error) {
        qCWarning(lcRegistry, "cannot publish %s: %s", qUtf8Printable(modelId), qUtf8Printable(error.message));
        Q_EMIT operationFailed(u"publish"_s, error);
    };
    auto folder = LocalObjectStore::folderNameForRepo(publication->repo);
    if (!folder)
        return fail(folder.error());
    publication->folder = *folder;
    auto stored = m_objects.model(publication->repo);
    if (!stored)
        return fail(stored.error());
    QSet<QString> commits;
    for (const ModelVersion& v : versions(modelId))
        commits.insert(v.commitSha);
    QSet<QString> seen;
    for (const StoredRevision& revision : std::as_const(stored->revisions)) {
        if (!commits.contains(revision.commit))
            continue;
        for (const StoredFile& f : revision.files) {
            if (!seen.contains(f.blobHash)) {
                seen.insert(f.blobHash);
                publication->blobs.append(f);
            }
        }
    }
    if (publication->blobs.isEmpty())
        return fail(Error { ErrorCode::NotFound, u"The files of %1 are not in the object store"_s.arg(modelId) });

    m_publications.append(publication);
    qCInfo(lcRegistry,
           "publishing %s (%lld blobs) to %s",
           qUtf8Printable(modelId),
           qlonglong(publication->blobs.size()),
           qUtf8Printable(m_remote->location(publication->folder)));
    setLocation(modelId, u"publishing"_s, record->minioPath);
    pumpPublications();
}

std::shared_ptr<ModelRegistry::Publication> ModelRegistry::publicationOf(const QString& modelId) const
{
    for (const auto& p : m_publications) {
        if (p->modelId == modelId)
            return p;
    }
    return nullptr;
}

void ModelRegistry::pumpPublications()
{
    // Abandoned and cancelled publications are out of the list: their blobs no longer hold a slot.
    const auto inFlight = [this] {
        int n = 0;
        for (const auto& p : std::as_const(m_publications))
            n += p->inFlight;
        return n;
    };
    // finishPublication() may start another publication, which pumps too: iterate over a copy.
    const QList<std::shared_ptr<Publication>> running = m_publications;
    for (const auto& p : running) {
        if (p->finished)
            continue;
        while (inFlight() < kParallelBlobs && !p->cancelled && !p->error && p->next < p->blobs.size())
            publishBlob(p);
        if (p->done())
            finishPublication(p);
    }
}

void ModelRegistry::publishBlob(const std::shared_ptr<Publication>& p)
{
    const QPointer<ModelRegistry> self(this);
    const StoredFile blob = p->blobs.at(p->next++);
    ++p->inFlight;
    const QString key = remoteKey(p->folder, blob.blobHash);
    p->store->stat(key, [self, p, blob, key](Result<std::optional<ObjectInfo>> info) {
        if (!self)
            return;
        if (!info)
            return self->onBlobPublished(p, blob, false, std::unexpected(info.error()));
        if ((*info && (*info)->size == blob.size) || p->cancelled || p->error)
            return self->onBlobPublished(p, blob, false, {});
        auto path = self->m_objects.blobPath(p->repo, blob.blobHash);
        if (!path)
            return self->onBlobPublished(p, blob, false, std::unexpected(path.error()));
        p->store->putFile(key, *path, {}, [self, p, blob](Result<void> put) {
            if (self)
                self->onBlobPublished(p, blob, true, put);
        });
    });
}

void ModelRegistry::onBlobPublished(const std::shared_ptr<Publication>& p,
                                    const StoredFile& blob,
                                    bool uploaded,
                                    const Result<void>& result)
{
    --p->inFlight;
    if (!result && !p->error)
        p->error = result.error();
    if (result && uploaded) {
        ++p->uploaded;
        p->uploadedBytes += blob.size;
        // The model was removed while this blob was on its way: removeModelNow() may have deleted the
        // remote copy before it arrived.
        if (p->cancelled && p->store == m_remote && !m_objects.hasBlob(p->repo, blob.blobHash))
            removeRemoteBlobs({ remoteKey(p->folder, blob.blobHash) });
    }
    pumpPublications();
}

void ModelRegistry::finishPublication(const std::shared_ptr<Publication>& p)
{
    if (p->finished)
        return;
    p->finished = true;
    m_publications.removeOne(p);
    if (p->cancelled)
        return;
    if (p->error) {
        // The local copy keeps serving nodes through the storage route.
        qCWarning(lcRegistry,
                  "cannot publish %s to %s: %s",
                  qUtf8Printable(p->modelId),
                  qUtf8Printable(p->store->location(p->folder)),
                  qUtf8Printable(p->error->message));
        setLocation(p->modelId, u"ready"_s, localPath(p->folder));
        Q_EMIT operationFailed(u"publish"_s, *p->error);
        return;
    }
    if (p->store != m_remote || p->again) {
        setLocation(p->modelId, u"ready"_s, localPath(p->folder));
        startPublication(p->modelId);
        return;
    }
    const QString location = p->store->location(p->folder);
    qCInfo(lcRegistry,
           "published %s to %s (%d blobs, %lld bytes uploaded)",
           qUtf8Printable(p->modelId),
           qUtf8Printable(location),
           p->uploaded,
           p->uploadedBytes);
    setLocation(p->modelId, u"ready"_s, location);
    Q_EMIT modelPublished(p->modelId, location);
}

void ModelRegistry::setLocation(const QString& modelId, const QString& status, const QString& minioPath)
{
    if (auto saved = m_store.setLocation(modelId, status, minioPath); !saved) {
        if (saved.error().code != ErrorCode::NotFound)
            qCWarning(lcRegistry,
                      "cannot persist model %s: %s",
                      qUtf8Printable(modelId),
                      qUtf8Printable(saved.error().message));
        return;
    }
    {
        QWriteLocker locker(&m_lock);
        for (ModelRecord& m : m_models) {
            if (m.modelId == modelId) {
                m.status = status;
                m.minioPath = minioPath;
                m.changedAt = QDateTime::currentDateTimeUtc();
            }
        }
    }
    Q_EMIT modelsChanged();
}

void ModelRegistry::removeRemoteBlobs(QStringList keys)
{
    // One at a time, fire and forget: a leftover object costs storage, never correctness.
    if (keys.isEmpty() || !m_remote)
        return;
    const QString key = keys.takeFirst();
    const QPointer<ModelRegistry> self(this);
    ObjectStore* store = m_remote;
    store->remove(key, [self, store, key, keys](Result<void> removed) {
        if (!removed)
            qCWarning(lcRegistry,
                      "cannot remove %s: %s",
                      qUtf8Printable(store->location(key)),
                      qUtf8Printable(removed.error().message));
        if (self && self->m_remote == store)
            self->removeRemoteBlobs(keys);
    });
}

} // namespace aiops::registry
