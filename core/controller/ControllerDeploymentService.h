#pragma once

#include "core/controller/DeploymentService.h"
#include "core/deploy/DeploymentStore.h"
#include "core/deploy/GpuSelector.h"
#include "core/deploy/ImageAllowlist.h"
#include "core/deploy/ReservationBook.h"
#include "core/iam/Principal.h"
#include "core/protocol/Messages.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QTimer>
#include <memory>

namespace aiops::store {
class Database;
}
namespace aiops::nodes {
class NodeRegistry;
}
namespace aiops::registry {
class ModelRegistry;
}
namespace aiops::iam {
class IamService;
}
namespace aiops::net {
class CurlClient;
}

namespace aiops::controller {

class NodeGateway;
class NodeModelCaches;

// Where the inference proxy sends one request for a running deployment.
struct InferenceTarget
{
    QString deploymentId;
    QString nodeId;
    QString framework;
    QString modelId;
};

// The deployment lifecycle on the controller thread (issue "Deploy" §2):
//
//   deploy()  validate (permission, model, framework, allowlist) -> place (GpuSelector, reservations)
//             -> store deploying/queued + a Deploy job -> system.deploymentCreated
//   job runner  every pollMs: due jobs are claimed and sent to their node as system.node.deployModel
//             (requestId = the job's: a resent command never starts a second container). The job stays
//             running until the node reports running or failed; a node that is not connected, or that
//             disconnects meanwhile, fails the attempt (retried with backoff up to maxAttempts).
//   progress  system.node.deploymentProgress moves the phase (downloading, pulling, starting,
//             health-check) and ends in running (endpoint live) or failed (log tail kept).
//   events    system.node.containerEvent died/oom turns a running deployment failed (OOM gets the
//             seed's suggestion).
//   reconcile system.node.containers after every register: running deployments whose container is
//             gone or exited turn failed; containers of stopped, failed, deleted or unknown
//             deployments are stopped (orphans); running containers of deploying deployments are left
//             to their (re-sent, idempotent) job.
//   restart   jobs left running are re-queued (DeploymentStore::resumeAfterRestart) and reservations
//             of deploying deployments are re-taken.
class ControllerDeploymentService final : public DeploymentService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControllerDeploymentService)
public:
    struct Options
    {
        int pollMs = 500; // job runner tick
        int statsFlushMs = 2000; // request counters are written in batches
        deploy::ImageAllowlist allowlist = deploy::ImageAllowlist::defaults();
        deploy::RetryPolicy retry;
        int maxAttempts = 3;
        QString inferenceBaseUrl; // "http://127.0.0.1:8750"
        // Running deployments are probed on their framework's health path through their node's proxy;
        // healthStatus turns unhealthy after this many failed probes in a row. 0 = no probing.
        int healthIntervalMs = 15000;
        int unhealthyAfter = 2;
    };

    ControllerDeploymentService(store::Database& database,
                                NodeGateway* gateway,
                                nodes::NodeRegistry* nodes,
                                registry::ModelRegistry* models,
                                NodeModelCaches* caches,
                                iam::IamService* iam,
                                iam::Principal actingAs,
                                Options options,
                                net::CurlClient* curl = nullptr, // for health probes; null: none
                                QObject* parent = nullptr);
    ~ControllerDeploymentService() override;

    // Re-queues interrupted jobs, re-takes reservations, loads the snapshot and starts the runner.
    Result<void> start();

    // DeploymentService (any thread; the embedded console acts as actingAs).
    QList<deploy::DeploymentRecord> deployments() const override;
    std::optional<deploy::DeploymentRecord> deployment(const QString& deploymentId) const override;
    Result<deploy::Placement> previewPlacement(const DeployRequest& request) const override;
    Result<deploy::DeploymentRecord> deploy(const DeployRequest& request) override;
    Result<void> stop(const QString& deploymentId) override;
    Result<void> remove(const QString& deploymentId) override;
    QString requestLogs(const QString& deploymentId, int lines = 200) override;
    QString inferenceBaseUrl() const override { return m_options.inferenceBaseUrl; }

    // Controller thread, for REST: the same operations checked against `caller`.
    Result<deploy::Placement> previewAs(const iam::Principal& caller, const DeployRequest& request) const;
    Result<deploy::DeploymentRecord> deployAs(const iam::Principal& caller, const DeployRequest& request);
    Result<void> stopAs(const iam::Principal& caller, const QString& deploymentId);
    Result<void> removeAs(const iam::Principal& caller, const QString& deploymentId);
    // Sends system.node.getLogs; the answer comes as logsReady/logsFailed with the returned request id.
    Result<QString> requestLogsAs(const iam::Principal& caller, const QString& deploymentId, int lines);
    deploy::DeploymentStore& store() { return *m_store; }

    // Inference routing (controller thread). The running deployment serving /models/{model}/{instance}.
    std::optional<InferenceTarget> target(const QString& modelId, const QString& instanceId) const;
    // Running deployments whose framework speaks the OpenAI API, for /v1/models and /v1/chat/completions.
    QList<InferenceTarget> openAiTargets(const QString& modelId = {}) const;
    // Counted into requestCount/avgLatencyMs/lastRequestAt, written every statsFlushMs.
    void noteRequest(const QString& deploymentId, int status, double elapsedMs);

    // What the node last reported in system.node.containers (nullopt: no report since it connected).
    struct NodeContainerReport
    {
        QList<protocol::ManagedContainer> containers;
        QDateTime reportedAt;
    };
    std::optional<NodeContainerReport> containersOf(const QString& nodeId) const;

    // Parses a POST /deployments body into a request (InvalidValue/InvalidFieldType with the field).
    static Result<DeployRequest> requestFromJson(const QJsonObject& body);
    static QJsonObject toJson(const deploy::DeploymentRecord& record);

Q_SIGNALS:
    // Seed 000 resource events, for /ws/system.
    void deploymentCreated(const aiops::deploy::DeploymentRecord& record);
    void deploymentStatusChanged(const aiops::deploy::DeploymentRecord& record);

private:
    struct Stats
    {
        qint64 count = 0;
        double totalMs = 0;
        QDateTime last;
    };

    template<typename T, typename F> T onOwnThread(F&& work) const;
    Result<void> authorizeDeploy(const iam::Principal& caller, const QString& orgId) const;
    Result<deploy::Placement> place(const DeployRequest& request,
                                    const QString& framework,
                                    const QString& deploymentId,
                                    const QString& orgId) const;
    Result<protocol::DeployContainerConfig>
    containerFor(const DeployRequest& request, const QString& framework, const deploy::Placement& placement) const;
    void tick();
    void runJob(const deploy::DeploymentJob& job);
    void sendDeploy(const deploy::DeploymentJob& job, const deploy::DeploymentRecord& record);
    void sendStop(const deploy::DeploymentJob& job, const deploy::DeploymentRecord& record);
    void finishAttempt(const QString& jobId, const Error& error, bool retryable, const QString& logTail = {});
    void onAck(const protocol::NodeCommandAck& ack);
    void onProgress(const protocol::NodeDeploymentProgress& progress);
    // Logs a node report the store could not take (the deployment keeps its previous state).
    void warnUnrecorded(const QString& deploymentId, const QString& nodeStatus, const Error& error) const;
    void onLogs(const protocol::NodeLogsResponse& logs);
    void onContainerEvent(const protocol::NodeContainerEvent& event);
    void onContainers(const protocol::NodeContainers& report);
    void onNodeOffline(const QString& nodeId);
    void flushStats();
    void probeHealth();
    void onHealthProbed(const QString& deploymentId, bool healthy);
    // Keeps containersOf() current between the node's reports.
    void noteContainer(const QString& nodeId, const protocol::ManagedContainer& container);
    void dropContainer(const QString& nodeId, const QString& deploymentId);
    void sendCleanupStop(const QString& nodeId, const QString& deploymentId, const QString& containerId);
    Result<deploy::DeploymentRecord> markFailed(const QString& deploymentId, const QString& error);
    void remember(const deploy::DeploymentRecord& record, bool announce = true);
    void forget(const QString& deploymentId);
    std::optional<deploy::DeploymentRecord> cached(const QString& deploymentId) const;

    std::unique_ptr<deploy::DeploymentStore> m_store;
    NodeGateway* m_gateway;
    nodes::NodeRegistry* m_nodes;
    registry::ModelRegistry* m_models;
    NodeModelCaches* m_caches;
    iam::IamService* m_iam;
    iam::Principal m_actingAs;
    Options m_options;
    deploy::GpuSelector m_selector;
    deploy::ReservationBook m_reservations;
    QTimer m_tick;
    QTimer m_statsTimer;
    QTimer m_healthTimer;
    net::CurlClient* m_curl = nullptr;
    QHash<QString, int> m_healthFailures; // deploymentId -> failed probes in a row
    QSet<QString> m_probing; // deploymentIds with a probe in flight

    QHash<QString, QString> m_jobOfRequest; // requestId -> jobId of a job waiting for its node
    QHash<QString, QString> m_nodeOfJob; // jobId -> nodeId, while waiting
    QHash<QString, QString> m_logRequests; // requestId -> deploymentId
    QHash<QString, Stats> m_pendingStats; // deploymentId -> counters not yet written
    QHash<QString, NodeContainerReport> m_containerReports; // nodeId ->

    mutable QMutex m_mutex;
    QHash<QString, deploy::DeploymentRecord> m_snapshot; // guarded by m_mutex
};

} // namespace aiops::controller
