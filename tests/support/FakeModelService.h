#pragma once

#include "core/registry/ModelService.h"

#include <QHash>
#include <QList>
#include <QString>

namespace aiops::testing {

// Test double of registry::ModelService. Holds models, versions, files and download jobs in memory,
// emits the service's signals synchronously, and records every request so tests can assert on them.
// Previews and download progress are driven by the test (finishPreview, failPreview, putDownload).
class FakeModelService final : public registry::ModelService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeModelService)
public:
    struct Call
    {
        QString operation; // "preview", "startDownload", "cancelDownload", "importCache", "removeModel"
        QStringList arguments;
    };

    explicit FakeModelService(QObject* parent = nullptr);
    ~FakeModelService() override;

    // Test-side control.
    void putModel(const registry::ModelRecord& model,
                  const QList<registry::ModelVersion>& versions = {},
                  const QList<registry::ModelFile>& files = {}); // emits modelsChanged
    void dropModel(const QString& modelId); // emits modelRemoved and modelsChanged
    void putDownload(const registry::DownloadJob& job); // add or replace; emits downloadChanged
    // Emits downloadFinished for the job as it is now (after putDownload set its final state).
    void finishDownload(const QString& jobId);
    void finishPreview(const QString& requestId, const registry::ModelPreview& preview);
    void failPreview(const QString& requestId, const Error& error);
    void failNextOperation(Error error); // the next startDownload/cancelDownload/removeModel fails
    // removeModel applies at once (modelRemoved) unless this is false; then the test drops the model.
    void setApplyRemovals(bool apply) { m_applyRemovals = apply; }
    QList<Call> calls() const { return m_calls; }
    QString lastPreviewRequest() const { return m_lastPreview; }

    // Ready-made values.
    static registry::ModelRecord makeModel(const QString& repo, qint64 sizeMb, qint64 parameters);
    static registry::ModelPreview makePreview(const QString& repo);

    // registry::ModelService
    QList<registry::ModelRecord> models() const override;
    std::optional<registry::ModelRecord> model(const QString& modelId) const override;
    QList<registry::ModelVersion> versions(const QString& modelId) const override;
    QList<registry::ModelFile> files(const QString& modelId, const QString& version = {}) const override;
    QList<registry::DownloadJob> downloads() const override;
    QString requestPreview(const QString& repo, const QString& revision = {}) override;
    Result<QString> startDownload(const QString& repo, const QString& revision, const QString& framework) override;
    Result<void> cancelDownload(const QString& jobId) override;
    void importCache(const QString& hubDirectory) override;
    void removeModel(const QString& modelId) override;

private:
    std::optional<Error> takeFailure();

    QList<registry::ModelRecord> m_models;
    QHash<QString, QList<registry::ModelVersion>> m_versions;
    QHash<QString, QList<registry::ModelFile>> m_files;
    QList<registry::DownloadJob> m_jobs;
    QList<Call> m_calls;
    std::optional<Error> m_failure;
    QString m_lastPreview;
    bool m_applyRemovals = true;
    int m_nextId = 1;
};

} // namespace aiops::testing
