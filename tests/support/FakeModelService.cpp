#include "tests/support/FakeModelService.h"

#include <QDateTime>
#include <algorithm>

namespace aiops::testing {

using registry::DownloadJob;
using registry::ModelFile;
using registry::ModelPreview;
using registry::ModelRecord;
using registry::ModelVersion;

FakeModelService::FakeModelService(QObject* parent)
    : registry::ModelService(parent)
{
}

FakeModelService::~FakeModelService() = default;

void FakeModelService::putModel(const ModelRecord& model,
                                const QList<ModelVersion>& versions,
                                const QList<ModelFile>& files)
{
    auto it = std::find_if(
        m_models.begin(), m_models.end(), [&](const ModelRecord& m) { return m.modelId == model.modelId; });
    if (it == m_models.end())
        m_models.append(model);
    else
        *it = model;
    m_versions.insert(model.modelId, versions);
    m_files.insert(model.modelId, files);
    Q_EMIT modelsChanged();
}

void FakeModelService::dropModel(const QString& modelId)
{
    const auto removed = m_models.removeIf([&](const ModelRecord& m) { return m.modelId == modelId; });
    if (removed == 0)
        return;
    m_versions.remove(modelId);
    m_files.remove(modelId);
    Q_EMIT modelRemoved(modelId);
    Q_EMIT modelsChanged();
}

void FakeModelService::putDownload(const DownloadJob& job)
{
    auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [&](const DownloadJob& j) { return j.jobId == job.jobId; });
    if (it == m_jobs.end())
        m_jobs.append(job);
    else
        *it = job;
    Q_EMIT downloadChanged(job);
}

void FakeModelService::finishDownload(const QString& jobId)
{
    for (const DownloadJob& job : std::as_const(m_jobs)) {
        if (job.jobId == jobId) {
            Q_EMIT downloadFinished(job);
            return;
        }
    }
}

void FakeModelService::finishPreview(const QString& requestId, const ModelPreview& preview)
{
    Q_EMIT previewReady(requestId, preview);
}

void FakeModelService::failPreview(const QString& requestId, const Error& error)
{
    Q_EMIT previewFailed(requestId, error);
}

void FakeModelService::failNextOperation(Error error)
{
    m_failure = std::move(error);
}

std::optional<Error> FakeModelService::takeFailure()
{
    auto failure = std::move(m_failure);
    m_failure.reset();
    return failure;
}

ModelRecord FakeModelService::makeModel(const QString& repo, qint64 sizeMb, qint64 parameters)
{
    ModelRecord m;
    m.modelId = repo.section(QLatin1Char('/'), -1).toLower();
    m.name = repo;
    m.sourceUrl = QStringLiteral("https://huggingface.co/") + repo;
    m.framework = QStringLiteral("vllm");
    m.modelFormat = QStringLiteral("pytorch");
    m.task = QStringLiteral("llm");
    m.minioPath = QStringLiteral("local://models--") + QString(repo).replace(QLatin1Char('/'), QStringLiteral("--"));
    m.sizeMb = sizeMb;
    m.version = QStringLiteral("1.0.0");
    m.parameters = parameters;
    m.dtype = QStringLiteral("bfloat16");
    m.contextLength = 32768;
    m.minGpuMemory = sizeMb * 2;
    m.license = QStringLiteral("apache-2.0");
    m.createdAt = QDateTime(QDate(2026, 11, 20), QTime(9, 30), Qt::UTC);
    m.changedAt = m.createdAt;
    return m;
}

ModelPreview FakeModelService::makePreview(const QString& repo)
{
    ModelPreview p;
    p.repo = repo;
    p.revision = QStringLiteral("main");
    p.commitSha = QStringLiteral("7ae557604adf67be50417f59c2c2f167def9a775");
    p.files = {
        { QStringLiteral("model.safetensors"), 988097824, QStringLiteral("fdf756fa") },
        { QStringLiteral("config.json"), 659, {} },
        { QStringLiteral("tokenizer.json"), 7031645, {} },
        { QStringLiteral("generation_config.json"), 242, {} },
    };
    for (const ModelFile& f : std::as_const(p.files))
        p.totalBytes += f.size;
    p.parameters = 494032768;
    p.dtype = QStringLiteral("bfloat16");
    p.contextLength = 32768;
    p.task = QStringLiteral("llm");
    p.framework = QStringLiteral("vllm");
    p.modelFormat = QStringLiteral("pytorch");
    p.minGpuMemoryMb = 2458;
    p.license = QStringLiteral("apache-2.0");
    return p;
}

QList<ModelRecord> FakeModelService::models() const
{
    return m_models;
}

std::optional<ModelRecord> FakeModelService::model(const QString& modelId) const
{
    for (const ModelRecord& m : m_models) {
        if (m.modelId == modelId)
            return m;
    }
    return std::nullopt;
}

QList<ModelVersion> FakeModelService::versions(const QString& modelId) const
{
    return m_versions.value(modelId);
}

QList<ModelFile> FakeModelService::files(const QString& modelId, const QString& /*version*/) const
{
    return m_files.value(modelId);
}

QList<DownloadJob> FakeModelService::downloads() const
{
    return m_jobs;
}

QString FakeModelService::requestPreview(const QString& repo, const QString& revision)
{
    m_calls.append({ QStringLiteral("preview"), { repo, revision } });
    m_lastPreview = QStringLiteral("preview-%1").arg(m_nextId++);
    return m_lastPreview;
}

Result<QString> FakeModelService::startDownload(const QString& repo, const QString& revision, const QString& framework)
{
    m_calls.append({ QStringLiteral("startDownload"), { repo, revision, framework } });
    if (auto failure = takeFailure())
        return std::unexpected(*failure);
    DownloadJob job;
    job.jobId = QStringLiteral("job-%1").arg(m_nextId++);
    job.repo = repo;
    job.revision = revision;
    job.framework = framework;
    job.state = QStringLiteral("queued");
    job.createdAt = QDateTime::currentDateTimeUtc();
    job.changedAt = job.createdAt;
    putDownload(job);
    return job.jobId;
}

Result<void> FakeModelService::cancelDownload(const QString& jobId)
{
    m_calls.append({ QStringLiteral("cancelDownload"), { jobId } });
    if (auto failure = takeFailure())
        return std::unexpected(*failure);
    for (DownloadJob& job : m_jobs) {
        if (job.jobId == jobId) {
            job.state = QStringLiteral("cancelled");
            Q_EMIT downloadChanged(job);
            return {};
        }
    }
    return makeError(ErrorCode::NotFound, QStringLiteral("no such download"));
}

void FakeModelService::importCache(const QString& hubDirectory)
{
    m_calls.append({ QStringLiteral("importCache"), { hubDirectory } });
}

void FakeModelService::removeModel(const QString& modelId)
{
    m_calls.append({ QStringLiteral("removeModel"), { modelId } });
    if (auto failure = takeFailure()) {
        Q_EMIT operationFailed(QStringLiteral("removeModel"), *failure);
        return;
    }
    if (m_applyRemovals)
        dropModel(modelId);
}

} // namespace aiops::testing
