#pragma once

#include "core/deploy/DeploymentTypes.h"
#include "core/deploy/GpuSelector.h"
#include "core/protocol/Error.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace aiops::controller {

// What the Deploy wizard (and POST /deployments) asks for. Only modelId is required; everything
// else has a default the wizard shows.
struct DeployRequest
{
    QString modelId;
    QString framework; // "vllm" | "triton" | "custom"; "" = the model's framework, else vllm
    QString image; // "" = the framework's default image
    QString instanceId; // "" = generated (8 hex characters)
    int gpuCount = 1; // 0 = CPU only (custom framework); >1 = tensor parallel on one node
    deploy::PlacementStrategy strategy = deploy::PlacementStrategy::Binpack;
    std::optional<deploy::ManualPlacement> manual; // nodeId + device ids; nullopt = auto
    QMap<QString, QString> environment;
    QStringList extraArgs; // appended to the framework's arguments
    QStringList command; // custom: the container command; "" = the image's
    int containerPort = 0; // 0 = the framework's (triton 8000, vllm 8000, custom 8080)
    QString healthPath; // "" = the framework's (/v2/health/ready, /health)
    qint64 memoryLimitMb = 0; // container RAM limit; 0 = none
    double gpuMemoryUtilization = 0.9; // vLLM --gpu-memory-utilization, 0.1..1.0
    int healthTimeoutSeconds = 600;

    bool operator==(const DeployRequest&) const = default;
};

// One running (or recently failed) instance as the inference router sees it.
struct InferenceInstance
{
    QString deploymentId;
    QString modelId;
    QString instanceId;
    QString nodeId;
    QString framework;
    qint64 outstanding = 0; // requests in flight through the router
};

// The service API the GUI (and a remote console) uses for deployments, like NodeService for nodes.
// Getters are thread-safe snapshots. deploy() and stop() validate and persist synchronously (from
// another thread they block on the controller thread for that short step) and then run in the
// background; progress arrives through deploymentsChanged.
class DeploymentService : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~DeploymentService() override = default;

    virtual QList<deploy::DeploymentRecord> deployments() const = 0;
    virtual std::optional<deploy::DeploymentRecord> deployment(const QString& deploymentId) const = 0;

    // Where Auto would place this request right now, with the explanation and the rejected
    // candidates (the wizard's Placement page). Errors as GpuSelector::select, plus NotFound for an
    // unknown model and Forbidden for an image the allowlist refuses.
    virtual Result<deploy::Placement> previewPlacement(const DeployRequest& request) const = 0;
    // Validates (permission, model, framework, allowlist, placement), reserves the GPUs, stores the
    // deployment as deploying/queued and queues its job. The record returned carries the ids and the
    // endpoint. Errors: as previewPlacement, plus Forbidden without the deploy permission.
    virtual Result<deploy::DeploymentRecord> deploy(const DeployRequest& request) = 0;
    // Stops and removes the container (queued job); the deployment turns stopped. NotFound for an
    // unknown id; Conflict when it is already stopped.
    virtual Result<void> stop(const QString& deploymentId) = 0;
    // Removes a stopped or failed deployment from the list (soft delete). Conflict while it runs.
    virtual Result<void> remove(const QString& deploymentId) = 0;
    // Asks the node for the container's last `lines` log lines; answers with logsReady or logsFailed.
    // Returns the request id.
    virtual QString requestLogs(const QString& deploymentId, int lines = 200) = 0;

    // Base URL inference clients use: "http://127.0.0.1:8750"; an endpoint is appended to it.
    virtual QString inferenceBaseUrl() const = 0;

Q_SIGNALS:
    // Any field of these deployments changed (status, phase, progress, request counters, ...).
    void deploymentsChanged(const QStringList& deploymentIds);
    void deploymentRemoved(const QString& deploymentId);
    // Transitions the tray reports.
    void deploymentRunning(const QString& deploymentId, const QString& modelId, const QString& endpoint);
    void deploymentFailed(const QString& deploymentId, const QString& modelId, const QString& error);
    void logsReady(const QString& requestId, const QString& deploymentId, const QString& logs);
    void logsFailed(const QString& requestId, const QString& deploymentId, const aiops::Error& error);
};

} // namespace aiops::controller

Q_DECLARE_METATYPE(aiops::controller::DeployRequest)
