#pragma once

#include "core/protocol/Error.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace aiops::net {
class CurlClient;
}

namespace aiops::daemon {

// One file of a model as the controller describes it. url is the controller's storage route (needs the
// node's bearer credential: sendCredential) or a presigned S3 URL (needs nothing).
struct CacheFile
{
    QString path; // relative, '/'-separated
    qint64 size = 0;
    QString sha256; // 64 lowercase hex
    QUrl url;
    bool sendCredential = false;
};

struct CacheManifest
{
    QString modelId;
    QString version;
    QString commitSha; // informational, kept in the index
    QList<CacheFile> files;

    qint64 totalBytes() const;
};

struct CachedModel
{
    QString modelId;
    QString version;
    qint64 sizeBytes = 0;
    QDateTime lastUsedAt;
    QString path;
    bool pinned = false;
};

struct ModelCacheOptions
{
    qint64 capacityBytes = 200LL << 30;
    int maxParallelFiles = 4; // blob transfers at once, over all models
    int maxRetries = 3; // per blob, on 5xx, 429, timeouts and dropped connections
    int retryBaseDelayMs = 1000; // then x2 per attempt
    int stallTimeoutSeconds = 60;
    int progressIntervalMs = 250;
    // Free bytes on the filesystem holding path; QStorageInfo when empty (tests inject a full disk).
    std::function<Result<qint64>(const QString& path)> availableBytes;
};

// The node's model cache: fetches the files of a model manifest over HTTP, verifies their sha256 while
// streaming and keeps them under a size cap, least recently used first out.
//
// Layout under root:
//   blobs/<sha256>                 content-addressed, shared between models
//   blobs/<sha256>.incomplete      partial downloads, resumed with a Range request
//   models/<modelId>/<version>/... hardlinks to the blobs (symlinks where hardlinks fail); hardlinks keep a
//                                  running container's bind mount readable even if the cache evicts
//   index.json                     models, files, sizes, lastUsedAt, pinned (written with QSaveFile)
//
// A model id holds one version: a completed new version replaces the old one (refused while the old one is
// pinned). Complete blobs left by a cancelled model stay on disk and are reused by the next ensure.
// Every signal is emitted from the event loop, never from inside a call to this class. Lives on the thread
// of its CurlClient.
class ModelCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelCache)

public:
    // curl is not owned and must outlive the cache.
    ModelCache(QString root, net::CurlClient* curl, ModelCacheOptions options = {}, QObject* parent = nullptr);
    ~ModelCache() override;

    // Creates the layout and reads <root>/index.json; drops entries whose files vanished. A missing index is
    // an empty cache; an unreadable one is an error and leaves the cache empty.
    Result<void> load();
    // Sent as "Authorization: Bearer <bearer>" on files with sendCredential, never on the others.
    void setCredential(QByteArray bearer);
    // The controller's pinned TLS key ("sha256//…", see net::Request::pinnedPublicKey), used with the
    // credential on the controller's storage route; empty: the system's CA store decides.
    void setControllerKeyPin(QByteArray pin) { m_controllerKeyPin = std::move(pin); }

    // Checks a manifest without touching anything: the same typed errors ensure() reports through failed().
    static Result<void> validate(const CacheManifest& manifest);

    // Starts (or joins) fetching a model and returns at once; ready() or failed() follows. A model already
    // complete is touched and reported ready on the next loop pass. A different version of a model being
    // fetched supersedes that fetch.
    void ensure(const CacheManifest& manifest);
    // Stops the model's transfers (blobs another model still needs go on); partials stay for a later ensure.
    // Emits nothing.
    void cancel(const QString& modelId);
    // NotFound when not cached, Conflict when pinned.
    Result<void> evict(const QString& modelId);
    // A pinned model is in use by a running deployment and is never evicted.
    void pin(const QString& modelId);
    void unpin(const QString& modelId);

    QList<CachedModel> models() const;
    qint64 usedBytes() const; // blobs referenced by cached models, shared ones counted once
    qint64 capacityBytes() const { return m_options.capacityBytes; }
    // The directory holding the model's files under their relative paths.
    std::optional<QString> modelPath(const QString& modelId) const;
    bool isFetching(const QString& modelId) const { return m_jobs.contains(modelId); }
    // Retries done since construction (for metrics and tests).
    int retriesDone() const { return m_retriesDone; }

signals:
    void progress(const QString& modelId, qint64 bytesDone, qint64 bytesTotal);
    void ready(const QString& modelId, const QString& path);
    void failed(const QString& modelId, const aiops::Error& error);
    // The set of cached models or their sizes changed (to report to the controller).
    void changed();

private:
    struct Entry
    {
        CachedModel model;
        QString commitSha;
        QList<CacheFile> files; // url and sendCredential are not kept
    };
    // What ensure() must delete before fetching: least recently used models, then complete blobs that no
    // model references (left by a cancelled or failed fetch).
    struct RoomPlan
    {
        QStringList evictModels;
        QStringList dropBlobs;
        qint64 freedBytes = 0; // on disk, once those are gone
    };
    struct Job;
    struct BlobTask;
    using JobPtr = std::shared_ptr<Job>;
    using TaskPtr = std::shared_ptr<BlobTask>;

    // Paths
    bool ensureLayout() const;
    QString blobPath(const QString& sha256) const;
    QString partialPath(const QString& sha256) const;
    QString versionDir(const QString& modelId, const QString& version) const;
    bool hasBlob(const QString& sha256) const;

    // Index
    Result<void> saveIndex() const;
    void persist() const;
    bool entryIntact(const Entry& entry) const;
    bool entryMatches(const Entry& entry, const CacheManifest& manifest) const;
    QDateTime nextUseTime() const;
    void touch(Entry& entry);

    // Room
    Result<RoomPlan> planRoom(const CacheManifest& manifest) const;
    Result<void> checkFreeSpace(const CacheManifest& manifest, qint64 freedBytes) const;
    QHash<QString, qint64> referencedBlobs(bool includeJobs) const;
    QHash<QString, qint64> unreferencedBlobsOnDisk() const;
    void removeEntry(const QString& modelId);
    void removeUnreferencedBlobs(const QList<CacheFile>& files);

    // Fetching
    void startJob(const CacheManifest& manifest);
    void scheduleDispatch();
    void dispatch();
    void startTask(const TaskPtr& task);
    void connectTransfer(const TaskPtr& task);
    void onTaskFinished(const TaskPtr& task, const Result<void>& result);
    bool retryLater(const TaskPtr& task, const Error& error);
    Result<void> commitBlob(const TaskPtr& task);
    void stopTask(const TaskPtr& task);
    void detachJob(const JobPtr& job);
    void completeJob(const JobPtr& job);
    void failJob(const JobPtr& job, const Error& error);
    void emitProgress(const JobPtr& job, bool force);
    qint64 bytesDone(const Job& job) const;

    // Signals on the next loop pass
    void postReady(const QString& modelId, const QString& path);
    void postFailed(const QString& modelId, const Error& error);
    void postChanged();

    QString m_root;
    net::CurlClient* m_curl;
    ModelCacheOptions m_options;
    QByteArray m_credential;
    QByteArray m_controllerKeyPin;
    QHash<QString, Entry> m_entries;
    QSet<QString> m_pinned; // also ids not cached yet: a deployment may pin before the fetch completes
    QHash<QString, JobPtr> m_jobs;
    QHash<QString, TaskPtr> m_tasks; // by sha256: one transfer per blob, whatever the number of models
    std::deque<TaskPtr> m_queue;
    int m_running = 0;
    bool m_dispatchScheduled = false;
    int m_retriesDone = 0;
};

} // namespace aiops::daemon
