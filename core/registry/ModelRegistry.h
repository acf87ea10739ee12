#pragma once

#include "core/registry/LocalObjectStore.h"
#include "core/registry/ModelService.h"
#include "core/registry/ModelStore.h"

#include <QHash>
#include <QReadWriteLock>
#include <memory>

namespace aiops::store {
class Database;
}

namespace aiops::registry {

class HfHubClient;
class ModelDownloader;
class ObjectStore;
struct HfCacheScan;
struct HfImportReport;

// The controller's model registry: the models table and its versions, the local object store (laid
// out as the HuggingFace hub cache under <dataDir>/models), import of an existing cache, and removal
// that frees the blobs no other version references. With a remote store (S3/MinIO) set, every registered
// model is also published there and nodes get presigned URLs to it instead of the storage route. Lives on the
// controller thread; the getters are thread-safe snapshots and the mutators may be called from any thread (they are
// posted).
class ModelRegistry final : public ModelService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelRegistry)
public:
    ModelRegistry(store::Database& database, QString objectStoreRoot, QObject* parent = nullptr);
    ~ModelRegistry() override;

    // Reads the tables into the snapshot and resumes downloads that were queued or running when the
    // controller stopped. Call once on the owning thread, after setHubClient().
    Result<void> load();
    // The HuggingFace client previews and downloads go through (not owned; null: previews and
    // downloads fail with a clear error).
    void setHubClient(HfHubClient* hub);
    // Where models are published besides the local store (not owned; null: local only). Call on the
    // owning thread, and again with null before deleting the store. Replacing the store abandons the
    // publications under way (their models are local again); it publishes nothing by itself:
    // load() and republishPending() do.
    void setRemoteStore(ObjectStore* store);
    ObjectStore* remoteStore() const { return m_remote; }
    // Lifetime of the presigned URLs manifest() hands out.
    void setPresignExpirySeconds(int seconds) { m_presignExpirySeconds = seconds; }
    int presignExpirySeconds() const { return m_presignExpirySeconds; }
    // Publishes every model whose minioPath is not the remote store's location (local://, another
    // bucket, or left "publishing" by a stop). On the owning thread; load() calls it, call it again
    // after setRemoteStore().
    void republishPending();
    // Uploads the blobs of every version of the model to the remote store, under
    // <models--org--name>/blobs/<hash>, skipping those already there with the same size, then points
    // minioPath at the store. Answers with modelPublished, or operationFailed("publish") with the model
    // left local. Nothing without a remote store.
    void publishModel(const QString& modelId);

    // ModelService
    QList<ModelRecord> models() const override;
    std::optional<ModelRecord> model(const QString& modelId) const override;
    QList<ModelVersion> versions(const QString& modelId) const override;
    QList<ModelFile> files(const QString& modelId, const QString& version = {}) const override;
    QList<DownloadJob> downloads() const override;
    QString requestPreview(const QString& repo, const QString& revision = {}) override;
    Result<QString> startDownload(const QString& repo, const QString& revision, const QString& framework) override;
    Result<void> cancelDownload(const QString& jobId) override;
    void importCache(const QString& hubDirectory) override;
    void removeModel(const QString& modelId) override;

    // On the owning thread (REST): removes at once and reports what was freed.
    Result<RemovedRevision> removeModelNow(const QString& modelId);
    // Registers (or adds a version to) the model of a revision now in the object store: metadata is
    // read from its config.json and safetensors headers. `framework` overrides the suggestion.
    // New models belong to `orgId`/`userId` (default: the default organization).
    Result<ModelRecord> registerRevision(const QString& repo,
                                         const QString& revision,
                                         const QString& commit,
                                         const QString& framework = {},
                                         const QString& license = {},
                                         const QString& orgId = {},
                                         const QString& userId = {});
    // importCache() for a given owner (REST: the caller's organization).
    void importCacheFor(const QString& hubDirectory, const QString& orgId, const QString& userId);

    // The files of a version (default: the latest) with a sha256 and a URL each, for nodes.
    Result<ModelManifest> manifest(const QString& modelId, const QString& version = {});
    // The file on disk of a blob that a version of the model references (storage route).
    Result<QString> blobFile(const QString& modelId, const QString& blobHash) const;
    static QString storagePath(const QString& modelId, const QString& blobHash);

    LocalObjectStore& objectStore() { return m_objects; }
    QString repoOf(const QString& modelId) const;

Q_SIGNALS:
    void modelPublished(const QString& modelId, const QString& location);

private:
    struct Publication;

    Result<void> reload();
    void launch(DownloadJob job);
    void onJobChanged(const DownloadJob& job, bool persist);
    void onJobFinished(ModelDownloader* downloader, DownloadJob job);
    void startPublication(const QString& modelId);
    std::shared_ptr<Publication> publicationOf(const QString& modelId) const;
    void pumpPublications();
    void publishBlob(const std::shared_ptr<Publication>& publication);
    void onBlobPublished(const std::shared_ptr<Publication>& publication,
                         const StoredFile& blob,
                         bool uploaded,
                         const Result<void>& result);
    void finishPublication(const std::shared_ptr<Publication>& publication);
    void setLocation(const QString& modelId, const QString& status, const QString& minioPath);
    void removeRemoteBlobs(QStringList keys);

    ModelStore m_store;
    LocalObjectStore m_objects;
    mutable QReadWriteLock m_lock;
    QList<ModelRecord> m_models;
    QHash<QString, QList<ModelVersion>> m_versions;
    QHash<QString, QString> m_repos; // modelId -> repo
    QList<DownloadJob> m_jobs;
    HfHubClient* m_hub = nullptr;
    QHash<QString, ModelDownloader*> m_running; // jobId -> downloader (children of this)
    QHash<QString, qint64> m_lastPersistMs;
    QHash<QString, QString> m_sha256OfGitBlob; // blob path -> sha256, for small files named by git sha1
    ObjectStore* m_remote = nullptr;
    int m_presignExpirySeconds = 6 * 3600;
    QList<std::shared_ptr<Publication>> m_publications; // under way, oldest first
};

} // namespace aiops::registry
