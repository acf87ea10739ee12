#pragma once

#include "core/protocol/Error.h"
#include "core/registry/ModelTypes.h"

#include <QObject>
#include <optional>

namespace aiops::registry {

// The service API the GUI (and a remote console) uses for the model registry, like
// controller::NodeService for nodes. Getters are thread-safe snapshots; long operations report
// through signals (emitted on the service's thread; connect with a receiver context).
class ModelService : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ModelService() override = default;

    virtual QList<ModelRecord> models() const = 0;
    virtual std::optional<ModelRecord> model(const QString& modelId) const = 0;
    virtual QList<ModelVersion> versions(const QString& modelId) const = 0;
    virtual QList<ModelFile> files(const QString& modelId, const QString& version = {}) const = 0;
    virtual QList<DownloadJob> downloads() const = 0;

    // Reads the repo's file list, config.json and safetensors headers (no weights) and answers
    // with previewReady(requestId, preview) or previewFailed(requestId, error). `repo` may be
    // "org/name" or a https://huggingface.co/org/name URL. Returns the request id.
    virtual QString requestPreview(const QString& repo, const QString& revision = {}) = 0;
    // Queues a download (job id); progress arrives through downloadChanged.
    virtual Result<QString> startDownload(const QString& repo, const QString& revision, const QString& framework) = 0;
    virtual Result<void> cancelDownload(const QString& jobId) = 0;
    // Imports models of an existing HuggingFace cache (e.g. ~/.cache/huggingface/hub) without
    // copying weights where the filesystem allows; answers with importFinished.
    virtual void importCache(const QString& hubDirectory) = 0;
    // Soft delete; frees blobs no other version references. Answers with modelRemoved or operationFailed.
    virtual void removeModel(const QString& modelId) = 0;

Q_SIGNALS:
    void modelsChanged();
    void modelRemoved(const QString& modelId);
    void previewReady(const QString& requestId, const aiops::registry::ModelPreview& preview);
    void previewFailed(const QString& requestId, const aiops::Error& error);
    void downloadChanged(const aiops::registry::DownloadJob& job); // progress, state changes
    void downloadFinished(const aiops::registry::DownloadJob& job); // completed (modelId set) or failed
    void importFinished(int modelsImported, const QStringList& warnings);
    void operationFailed(const QString& operation, const aiops::Error& error);
};

} // namespace aiops::registry
