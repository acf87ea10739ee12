#pragma once

#include "core/controller/DeploymentService.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <algorithm>

namespace aiops::testing {

// Test double of controller::DeploymentService. Holds canned deployment records, a canned placement
// preview and canned errors, emits the service's signals synchronously and records every call.
// Header-only and without Q_OBJECT (it declares no signals or slots of its own), so any test can
// include it without moc.
class FakeDeploymentService final : public controller::DeploymentService
{
    Q_DISABLE_COPY_MOVE(FakeDeploymentService)
public:
    struct Call
    {
        QString operation; // "preview", "deploy", "stop", "remove", "logs"
        QString deploymentId;
        int lines = 0;
    };

    FakeDeploymentService() = default;
    ~FakeDeploymentService() override = default;

    // Test-side control.
    void putDeployment(const deploy::DeploymentRecord& record) // add or replace; emits deploymentsChanged
    {
        auto it = std::find_if(m_records.begin(), m_records.end(), [&](const deploy::DeploymentRecord& r) {
            return r.deploymentId == record.deploymentId;
        });
        if (it != m_records.end())
            *it = record;
        else
            m_records.append(record);
        Q_EMIT deploymentsChanged({ record.deploymentId });
    }
    void dropDeployment(const QString& deploymentId)
    {
        m_records.removeIf([&](const deploy::DeploymentRecord& r) { return r.deploymentId == deploymentId; });
        Q_EMIT deploymentRemoved(deploymentId);
    }
    void setPreview(Result<deploy::Placement> preview) { m_preview = std::move(preview); }
    void failNextOperation(Error error) { m_failure = std::move(error); } // deploy, stop or remove
    void answerLogs(const QString& requestId, const QString& deploymentId, const QString& logs)
    {
        Q_EMIT logsReady(requestId, deploymentId, logs);
    }
    QList<Call> calls() const { return m_calls; }
    QList<Call> callsOf(const QString& operation) const
    {
        QList<Call> found;
        for (const Call& call : m_calls) {
            if (call.operation == operation)
                found.append(call);
        }
        return found;
    }
    QList<controller::DeployRequest> deployRequests() const { return m_deployRequests; }
    QList<controller::DeployRequest> previewRequests() const { return m_previewRequests; }
    QString lastLogRequest() const { return QStringLiteral("logs-%1").arg(m_nextRequest - 1); }

    // A ready-made record: running on node-a GPU 0, with an endpoint and traffic.
    static deploy::DeploymentRecord
    makeRecord(const QString& deploymentId, const QString& modelId, deploy::DeploymentStatus status)
    {
        deploy::DeploymentRecord r;
        r.deploymentId = deploymentId;
        r.instanceId = deploymentId.right(8);
        r.modelId = modelId;
        r.nodeId = QStringLiteral("node-a");
        r.gpuDevices = { QStringLiteral("0") };
        r.framework = QStringLiteral("vllm");
        r.image = QStringLiteral("vllm/vllm-openai:latest");
        r.containerName = QStringLiteral("model-%1-%2").arg(modelId, r.instanceId);
        r.port = 8000;
        r.memoryAllocatedMb = 18432;
        r.endpoint = QStringLiteral("/models/%1/%2/v1/inference").arg(modelId, r.instanceId);
        r.status = status;
        r.phase = status == deploy::DeploymentStatus::Running ? deploy::DeploymentPhase::Running
                                                              : deploy::DeploymentPhase::Queued;
        r.progress = status == deploy::DeploymentStatus::Running ? 100 : 0;
        r.healthStatus = status == deploy::DeploymentStatus::Running ? deploy::HealthStatus::Healthy
                                                                     : deploy::HealthStatus::Unknown;
        r.createdAt = QDateTime::currentDateTimeUtc();
        r.changedAt = r.createdAt;
        return r;
    }

    // controller::DeploymentService
    QList<deploy::DeploymentRecord> deployments() const override { return m_records; }
    std::optional<deploy::DeploymentRecord> deployment(const QString& deploymentId) const override
    {
        for (const deploy::DeploymentRecord& r : m_records) {
            if (r.deploymentId == deploymentId)
                return r;
        }
        return std::nullopt;
    }
    Result<deploy::Placement> previewPlacement(const controller::DeployRequest& request) const override
    {
        m_previewRequests.append(request);
        return m_preview;
    }
    Result<deploy::DeploymentRecord> deploy(const controller::DeployRequest& request) override
    {
        m_calls.append({ QStringLiteral("deploy"), {}, 0 });
        m_deployRequests.append(request);
        if (auto failure = takeFailure())
            return std::unexpected(*failure);
        auto record = makeRecord(QStringLiteral("dep-%1").arg(m_records.size() + 1, 4, 10, QLatin1Char('0')),
                                 request.modelId,
                                 deploy::DeploymentStatus::Deploying);
        if (request.manual) {
            record.nodeId = request.manual->nodeId;
            record.gpuDevices = request.manual->deviceIds;
        }
        putDeployment(record);
        return record;
    }
    Result<void> stop(const QString& deploymentId) override
    {
        m_calls.append({ QStringLiteral("stop"), deploymentId, 0 });
        if (auto failure = takeFailure())
            return std::unexpected(*failure);
        return {};
    }
    Result<void> remove(const QString& deploymentId) override
    {
        m_calls.append({ QStringLiteral("remove"), deploymentId, 0 });
        if (auto failure = takeFailure())
            return std::unexpected(*failure);
        dropDeployment(deploymentId);
        return {};
    }
    QString requestLogs(const QString& deploymentId, int lines = 200) override
    {
        m_calls.append({ QStringLiteral("logs"), deploymentId, lines });
        return QStringLiteral("logs-%1").arg(m_nextRequest++);
    }
    QString inferenceBaseUrl() const override { return QStringLiteral("http://127.0.0.1:8750"); }

private:
    std::optional<Error> takeFailure()
    {
        auto failure = std::move(m_failure);
        m_failure.reset();
        return failure;
    }

    QList<deploy::DeploymentRecord> m_records;
    Result<deploy::Placement> m_preview { deploy::Placement {} };
    std::optional<Error> m_failure;
    QList<Call> m_calls;
    QList<controller::DeployRequest> m_deployRequests;
    mutable QList<controller::DeployRequest> m_previewRequests;
    int m_nextRequest = 1;
};

} // namespace aiops::testing
