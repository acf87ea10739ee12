#pragma once

#include "core/protocol/Error.h"
#include "core/registry/HfHubClient.h"
#include "core/registry/ModelTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace aiops::net {
class Transfer;
}

namespace aiops::registry {

class LocalObjectStore;

struct DownloadOptions
{
    int maxParallelFiles = 4;
    int maxRetries = 3; // per file, on 5xx, 429, timeouts and dropped connections
    int retryBaseDelayMs = 1000; // then x2 per attempt
    int stallTimeoutSeconds = 60; // no byte for this long counts as a timeout
    qint64 reserveBytes = 512LL * 1024 * 1024; // kept free on the store's disk besides the download
    int progressIntervalMs = 250; // jobChanged at most this often while bytes flow
    int speedWindowMs = 5000; // speed is averaged over this sliding window
    // Free bytes on the filesystem of a path (tests inject a full disk); LocalObjectStore::availableBytes
    // when empty.
    std::function<Result<qint64>(const QString& path)> availableBytes;
};

// Downloads every file of one repo revision into a LocalObjectStore, huggingface_hub's cache layout:
// each file streams into blobs/<hash>.incomplete (sha256 computed while streaming), is verified and
// renamed atomically, and once all are there the snapshot is linked and refs/<revision> written.
//
// Resume: a partial left by a cancel, a failure or a killed process is hashed and continued with
// "Range: bytes=<size>-"; a 200 instead of 206 truncates it and starts over. A sha256 mismatch fails the
// job and registers nothing. Lives on the thread of its CurlClient; one job per instance.
class ModelDownloader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelDownloader)

public:
    // Neither hub nor store is owned; both must outlive the downloader. job carries repo and revision
    // (and an id of the caller's choosing).
    ModelDownloader(HfHubClient* hub, LocalObjectStore* store, DownloadJob job, QObject* parent = nullptr);
    ~ModelDownloader() override;

    void setOptions(DownloadOptions options);
    const DownloadOptions& options() const { return m_options; }

    // Reads the model info, checks the free space and starts the files. Does nothing unless queued.
    void start();
    // Stops every transfer; the partial files stay for a later resume. The job ends "cancelled".
    void cancel();

    const DownloadJob& job() const { return m_job; }
    bool isFinished() const;
    const std::optional<Error>& error() const { return m_error; }
    QString commitSha() const { return m_info.commitSha; }
    const HfModelInfo& modelInfo() const { return m_info; }
    // Body bytes received over the network by this instance (a resume fetches less than the total).
    qint64 bytesFetched() const { return m_bytesFetched; }
    int retriesDone() const { return m_retriesDone; }

signals:
    void jobChanged(const aiops::registry::DownloadJob& job); // progress and state changes
    void finished(const aiops::registry::DownloadJob& job); // completed, failed or cancelled

private:
    struct FileTask;

    void onModelInfo(Result<HfModelInfo> info);
    void startNextFiles();
    void startFile(const std::shared_ptr<FileTask>& task);
    void onFileFinished(const std::shared_ptr<FileTask>& task, const Result<void>& result);
    Result<void> commitFile(const std::shared_ptr<FileTask>& task);
    void completeJob();
    void fail(const Error& error);
    void finish(const QString& state);
    void noteBytes(qint64 delta);
    void publishProgress(bool force);

    HfHubClient* m_hub;
    LocalObjectStore* m_store;
    DownloadJob m_job;
    DownloadOptions m_options;
    HfModelInfo m_info;
    std::deque<std::shared_ptr<FileTask>> m_pending;
    QList<std::shared_ptr<FileTask>> m_active;
    QList<HfFile> m_done;
    std::optional<Error> m_error;
    qint64 m_bytesFetched = 0;
    qint64 m_bytesCompleted = 0; // sizes of finished files
    int m_retriesDone = 0;
    QElapsedTimer m_clock;
    qint64 m_lastPublishMs = -1;
    std::deque<std::pair<qint64, qint64>> m_samples; // (ms, bytesFetched) for the speed window
};

} // namespace aiops::registry
