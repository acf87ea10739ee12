#include "core/registry/ModelDownloader.h"

#include "core/net/CurlClient.h"
#include "core/net/HashingFileSink.h"
#include "core/registry/LocalObjectStore.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace aiops::registry {

struct ModelDownloader::FileTask
{
    HfFile file;
    QString hash;
    int attempts = 0;
    qint64 offset = 0; // bytes in the partial when the current request started
    qint64 received = 0; // bytes of the current request
    std::unique_ptr<net::HashingFileSink> sink;
    QPointer<net::Transfer> transfer;
    std::optional<Error> abortError; // why we cancelled the transfer ourselves
    QTimer* retryTimer = nullptr;
};

namespace {

bool isRetryable(const Error& error)
{
    return (error.code == ErrorCode::Unavailable || error.code == ErrorCode::RateLimited)
        && !net::isCancellation(error);
}

} // namespace

ModelDownloader::ModelDownloader(HfHubClient* hub, LocalObjectStore* store, DownloadJob job, QObject* parent)
    : QObject(parent)
    , m_hub(hub)
    , m_store(store)
    , m_job(std::move(job))
{
    if (m_job.state.isEmpty())
        m_job.state = u"queued"_s;
    if (m_job.revision.isEmpty())
        m_job.revision = u"main"_s;
    if (!m_job.createdAt.isValid())
        m_job.createdAt = QDateTime::currentDateTimeUtc();
}

ModelDownloader::~ModelDownloader()
{
    for (const auto& task : std::as_const(m_active)) {
        if (task->transfer) {
            disconnect(task->transfer, nullptr, this, nullptr);
            task->transfer->cancel();
        }
    }
}

void ModelDownloader::setOptions(DownloadOptions options)
{
    m_options = std::move(options);
    m_options.maxParallelFiles = std::max(1, m_options.maxParallelFiles);
    m_options.maxRetries = std::max(0, m_options.maxRetries);
}

bool ModelDownloader::isFinished() const
{
    return m_job.state == u"completed"_s || m_job.state == u"failed"_s || m_job.state == u"cancelled"_s;
}

void ModelDownloader::start()
{
    if (m_job.state != u"queued"_s)
        return;
    m_clock.start();
    m_job.state = u"running"_s;
    publishProgress(true);
    QPointer<ModelDownloader> self(this);
    m_hub->modelInfo(m_job.repo, m_job.revision, [self](Result<HfModelInfo> info) {
        if (self)
            self->onModelInfo(std::move(info));
    });
}

void ModelDownloader::onModelInfo(Result<HfModelInfo> info)
{
    if (isFinished())
        return;
    if (!info)
        return fail(info.error());
    m_info = std::move(*info);
    if (!LocalObjectStore::isCommitSha(m_info.commitSha))
        return fail(Error { ErrorCode::InvalidValue, tr("the Hub gave no commit for %1").arg(m_job.repo), u"sha"_s });

    qint64 needed = 0;
    for (const HfFile& file : std::as_const(m_info.files)) {
        if (!isSafeRelativePath(file.path))
            return fail(Error { ErrorCode::InvalidValue, tr("unsafe file name '%1' in the repo").arg(file.path) });
        const QString hash = file.blobHash();
        if (!LocalObjectStore::isBlobHash(hash))
            return fail(Error { ErrorCode::InvalidValue, tr("no sha256 or blob id for '%1'").arg(file.path) });
        m_job.bytesTotal += std::max<qint64>(file.size, 0);
        if (m_store->hasBlob(m_job.repo, hash)) {
            m_done.append(file);
            m_bytesCompleted += std::max<qint64>(file.size, 0);
            continue;
        }
        auto task = std::make_shared<FileTask>();
        task->file = file;
        task->hash = hash;
        qint64 partial = 0;
        if (auto blob = m_store->blobPath(m_job.repo, hash))
            partial = QFileInfo(*blob + u".incomplete"_s).size();
        needed += std::max<qint64>(0, file.size - partial);
        m_pending.push_back(task);
    }
    m_job.filesTotal = static_cast<int>(m_info.files.size());
    m_job.filesDone = static_cast<int>(m_done.size());

    // Room for what is left, checked before the first byte.
    auto repoDir = m_store->repoPath(m_job.repo);
    QString probe = m_store->root();
    if (repoDir && QFileInfo::exists(*repoDir))
        probe = *repoDir;
    auto available
        = m_options.availableBytes ? m_options.availableBytes(probe) : LocalObjectStore::availableBytes(probe);
    if (!available)
        return fail(available.error());
    if (*available < needed + m_options.reserveBytes) {
        return fail(Error { ErrorCode::InsufficientStorage,
                            tr("not enough disk space for %1: %2 MiB needed (with %3 MiB kept free), %4 MiB free")
                                .arg(m_job.repo)
                                .arg((needed + m_options.reserveBytes) / (1024 * 1024))
                                .arg(m_options.reserveBytes / (1024 * 1024))
                                .arg(*available / (1024 * 1024)),
                            u"disk"_s });
    }
    publishProgress(true);
    startNextFiles();
}

void ModelDownloader::startNextFiles()
{
    while (!isFinished() && m_active.size() < m_options.maxParallelFiles && !m_pending.empty()) {
        auto task = m_pending.front();
        m_pending.pop_front();
        m_active.append(task);
        startFile(task);
    }
    if (!isFinished() && m_active.isEmpty() && m_pending.empty())
        completeJob();
}

void ModelDownloader::startFile(const std::shared_ptr<FileTask>& task)
{
    task->retryTimer = nullptr;
    task->received = 0;
    task->abortError.reset();
    m_job.currentFile = task->file.path;

    auto upload = m_store->beginBlob(m_job.repo, task->hash);
    if (!upload)
        return onFileFinished(task, std::unexpected(upload.error()));
    task->sink = std::make_unique<net::HashingFileSink>();
    auto prefix = task->sink->openAndHashPrefix(upload->incompletePath);
    if (!prefix)
        return onFileFinished(task, std::unexpected(prefix.error()));
    task->offset = *prefix;
    if (task->file.size >= 0 && task->offset > task->file.size) {
        task->sink->restart();
        task->offset = 0;
    }
    if (task->file.size >= 0 && task->offset == task->file.size && task->offset > 0) {
        // Complete already (killed between the last byte and the rename).
        return onFileFinished(task, {});
    }

    net::Request request = m_hub->authorizedRequest(m_hub->resolveUrl(m_job.repo, m_info.commitSha, task->file.path));
    request.followRedirects = true;
    request.stallTimeoutSeconds = m_options.stallTimeoutSeconds;
    request.headers.set("Accept-Encoding", "identity");
    if (task->offset > 0)
        request.rangeStart = task->offset;
    request.output = task->sink.get();
    net::Transfer* transfer = m_hub->curl()->start(std::move(request));
    task->transfer = transfer;

    std::weak_ptr<FileTask> weak = task;
    connect(transfer, &net::Transfer::headersReceived, this, [this, weak](int status, const net::HttpHeaders& headers) {
        auto current = weak.lock();
        if (!current || status >= 300)
            return;
        if (current->offset > 0 && status == 200) {
            // The server ignored the Range: the body is the whole file.
            if (!current->sink->restart()) {
                current->abortError = Error { ErrorCode::Internal, tr("cannot truncate the partial download") };
                current->transfer->cancel();
            }
            current->offset = 0;
        } else if (current->offset > 0 && status == 206) {
            const QByteArray range = headers.value("Content-Range");
            if (!range.startsWith(QByteArray("bytes " + QByteArray::number(current->offset) + '-'))) {
                current->abortError
                    = Error { ErrorCode::Unavailable,
                              tr("the server resumed at the wrong offset (%1)").arg(QString::fromLatin1(range)) };
                current->transfer->cancel();
            }
        }
        publishProgress(false);
    });
    connect(transfer, &net::Transfer::progress, this, [this, weak](qint64 received, qint64) {
        auto current = weak.lock();
        if (!current || received <= current->received)
            return;
        noteBytes(received - current->received);
        current->received = received;
        publishProgress(false);
    });
    connect(transfer, &net::Transfer::finished, this, [this, weak](const Result<net::Response>& result) {
        auto current = weak.lock();
        if (!current)
            return;
        if (result && result->bytes > current->received) {
            noteBytes(result->bytes - current->received);
            current->received = result->bytes;
        }
        if (current->abortError)
            return onFileFinished(current, std::unexpected(*current->abortError));
        if (!result)
            return onFileFinished(current, std::unexpected(result.error()));
        if (auto error = HfHubClient::errorForHubStatus(result->status, result->headers, m_job.repo))
            return onFileFinished(current, std::unexpected(*error));
        if (result->status >= 300)
            return onFileFinished(
                current,
                makeError(ErrorCode::Unavailable,
                          tr("unexpected HTTP %1 for %2").arg(result->status).arg(current->file.path)));
        onFileFinished(current, {});
    });
}

void ModelDownloader::onFileFinished(const std::shared_ptr<FileTask>& task, const Result<void>& result)
{
    task->transfer = nullptr;
    if (isFinished())
        return;
    Result<void> outcome = result ? commitFile(task) : result;
    if (!outcome && isRetryable(outcome.error()) && task->attempts < m_options.maxRetries) {
        // Keep the partial: the retry resumes from it.
        const int delay = m_options.retryBaseDelayMs * (1 << task->attempts);
        ++task->attempts;
        ++m_retriesDone;
        task->sink.reset();
        auto* timer = new QTimer(this);
        timer->setSingleShot(true);
        task->retryTimer = timer;
        connect(timer, &QTimer::timeout, this, [this, task, timer] {
            timer->deleteLater();
            if (!isFinished())
                startFile(task);
        });
        timer->start(delay);
        return;
    }
    m_active.removeAll(task);
    if (!outcome)
        return fail(outcome.error());
    m_done.append(task->file);
    m_bytesCompleted += std::max<qint64>(task->file.size, 0);
    m_job.filesDone = static_cast<int>(m_done.size());
    publishProgress(true);
    startNextFiles();
}

Result<void> ModelDownloader::commitFile(const std::shared_ptr<FileTask>& task)
{
    const qint64 size = task->offset + task->received;
    const QByteArray digest = task->sink->hexDigest();
    task->sink->close();
    task->sink.reset();
    if (task->file.size >= 0 && size != task->file.size) {
        if (size > task->file.size)
            (void)m_store->abortBlob(m_job.repo, task->hash);
        return makeError(ErrorCode::Unavailable,
                         tr("%1: got %2 of %3 bytes").arg(task->file.path).arg(size).arg(task->file.size));
    }
    const bool sha256Blob = task->hash.size() == 64;
    if (sha256Blob && digest != task->hash.toLatin1()) {
        (void)m_store->abortBlob(m_job.repo, task->hash);
        return makeError(ErrorCode::InvalidValue,
                         tr("%1 failed verification: sha256 %2, expected %3")
                             .arg(task->file.path, QString::fromLatin1(digest), task->hash),
                         u"sha256"_s);
    }
    auto committed = m_store->commitBlob(m_job.repo, task->hash, sha256Blob ? digest : QByteArray());
    if (!committed)
        return std::unexpected(committed.error());
    return {};
}

void ModelDownloader::completeJob()
{
    for (const HfFile& file : std::as_const(m_info.files)) {
        auto linked = m_store->linkSnapshotFile(m_job.repo, m_info.commitSha, file.path, file.blobHash());
        if (!linked)
            return fail(linked.error());
    }
    if (m_job.revision != m_info.commitSha) {
        auto ref = m_store->writeRef(m_job.repo, m_job.revision, m_info.commitSha);
        if (!ref)
            return fail(ref.error());
    }
    m_job.bytesDone = m_job.bytesTotal;
    m_job.currentFile.clear();
    m_job.etaSeconds = 0;
    finish(u"completed"_s);
}

void ModelDownloader::cancel()
{
    if (isFinished())
        return;
    finish(u"cancelled"_s);
}

void ModelDownloader::fail(const Error& error)
{
    if (isFinished())
        return;
    m_error = error;
    m_job.errorCode = error.codeName();
    m_job.errorMessage = error.message;
    finish(u"failed"_s);
}

void ModelDownloader::finish(const QString& state)
{
    m_job.state = state;
    for (const auto& task : std::as_const(m_active)) {
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
        // The sink may still be the transfer's output: it stays alive until the transfer has let go.
        if (task->sink) {
            task->sink->close();
            task->sink.release()->deleteLater();
        }
    }
    m_active.clear();
    m_pending.clear();
    m_job.bytesPerSecond = state == u"completed"_s ? m_job.bytesPerSecond : 0;
    publishProgress(true);
    emit finished(m_job);
}

void ModelDownloader::noteBytes(qint64 delta)
{
    m_bytesFetched += delta;
}

void ModelDownloader::publishProgress(bool force)
{
    const qint64 now = m_clock.isValid() ? m_clock.elapsed() : 0;
    if (!force && m_lastPublishMs >= 0 && now - m_lastPublishMs < m_options.progressIntervalMs)
        return;
    m_lastPublishMs = now;

    if (m_job.state == u"running"_s) {
        qint64 inFlight = 0;
        for (const auto& task : std::as_const(m_active))
            inFlight += task->offset + task->received;
        m_job.bytesDone = std::min(m_job.bytesTotal, m_bytesCompleted + inFlight);
        m_samples.emplace_back(now, m_bytesFetched);
        while (m_samples.size() > 2 && now - m_samples.front().first > m_options.speedWindowMs)
            m_samples.pop_front();
        const qint64 spanMs = now - m_samples.front().first;
        if (spanMs > 0) {
            m_job.bytesPerSecond = double(m_bytesFetched - m_samples.front().second) * 1000.0 / double(spanMs);
            m_job.etaSeconds = m_job.bytesPerSecond > 0
                ? static_cast<int>(double(m_job.bytesTotal - m_job.bytesDone) / m_job.bytesPerSecond + 0.5)
                : -1;
        }
    }
    m_job.changedAt = QDateTime::currentDateTimeUtc();
    emit jobChanged(m_job);
}

} // namespace aiops::registry
