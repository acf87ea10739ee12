#pragma once

#include "core/daemon/Backoff.h"
#include "core/daemon/ContainerRuntime.h"
#include "core/deploy/ImageAllowlist.h"
#include "core/protocol/Error.h"
#include "core/protocol/Messages.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <chrono>
#include <functional>

namespace aiops::daemon {

class DeploymentExecutor;
class ModelCache;
class NodeClient;
struct DeploySpec;

// Carries out the controller's deployment commands on the node (seed 000 "SYSTEM.NODE Events"):
//
//   system.node.deployModel   → commandAck, then deploymentProgress downloading (model files into the
//                               ModelCache, pinned while the deployment exists) → pulling → starting →
//                               health-check → running (containerId, hostPort) | failed (error, errorCode,
//                               logTail). A refused image is rejected FORBIDDEN, a malformed config
//                               INVALID_VALUE, a node without a container runtime SERVICE_UNAVAILABLE: each as a
//                               rejected commandAck followed by a failed deploymentProgress.
//   system.node.stopContainer → commandAck, then deploymentProgress stopped | failed NOT_FOUND.
//   system.node.getLogs       → logsResponse (logs, or error and errorCode).
//
// While the runtime is reachable one event stream of the managed containers stays open (reopened with backoff
// when it ends) and becomes system.node.containerEvent; after every registration system.node.containers lists
// every managed container. Containers are found again from their labels when the daemon restarts (start()).
//
// Frames go out through the Sender (NodeClient::send in the daemon; a recorder in tests).
class DeploymentAgent final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentAgent)

public:
    using Sender = std::function<void(const QByteArray& frame)>;
    template<typename T> using Done = std::function<void(Result<T>)>;

    static constexpr QLatin1String kModelLabel { "aiops.model" };
    static constexpr QLatin1String kJobLabel { "aiops.job" };
    static constexpr int kEventLogTailLines = 50;

    struct Options
    {
        QString nodeId;
        // Checked again here: a controller with a laxer list (or a forged command) cannot start other images.
        deploy::ImageAllowlist allowlist = deploy::ImageAllowlist::defaults();
        // Where model file URLs that start with "/" resolve (the controller's HTTP base).
        QUrl storageBase;
        std::chrono::milliseconds progressInterval = std::chrono::milliseconds(250); // downloading / pulling
        int healthIntervalMs = 500;
        std::chrono::milliseconds eventsBackoffInitial = std::chrono::seconds(1);
        std::chrono::milliseconds eventsBackoffCap = std::chrono::seconds(30);
    };

    // None is owned. runtime and executor may be null: deployments are then refused SERVICE_UNAVAILABLE (see
    // setUnavailable). cache may be null: deployments that carry files are then refused.
    DeploymentAgent(Options options,
                    ContainerRuntime* runtime,
                    DeploymentExecutor* executor,
                    ModelCache* cache,
                    Sender sender,
                    QObject* parent = nullptr);
    ~DeploymentAgent() override;

    // Routes the client's commands to the slots below, sends the container report after every registration,
    // keeps the event stream open while connected, and sends through client->send() unless a Sender was given.
    void attach(NodeClient* client);
    // No container runtime on this node: every deploy is refused SERVICE_UNAVAILABLE with this reason.
    void setUnavailable(const QString& reason);
    bool isAvailable() const { return m_runtime && m_executor && m_unavailableReason.isEmpty(); }
    QString unavailableReason() const { return m_unavailableReason; }

    // Finds the managed containers already there (a daemon restart), then opens the event stream.
    // adopted() follows once they are known.
    void start();
    // Closes the event stream; no reopening until start().
    void stopWatching();

    // The node-loopback port of a running deployment; 0 when it does not run here.
    int hostPortOf(const QString& deploymentId) const;
    QStringList runningDeployments() const;

    // Who asked: the controller gets a commandAck and every deploymentProgress; a local caller (the node's HTTP
    // API) gets the result of deploy() and the progressed() signal only.
    enum class Origin { Controller, Local };
    // The command as the controller would send it. For the controller the first error is also sent as a rejected
    // commandAck and a failed deploymentProgress, and nothing more follows it.
    Result<void> deploy(const protocol::NodeDeployModel& command, Origin origin = Origin::Controller);
    // Stops by deployment id or container id (a managed container only). NotFound when neither exists here.
    void stop(const QString& id, Done<QString> done); // → the deployment id stopped
    // The last `lines` lines of a managed container (by deployment id or container id); since: epoch seconds.
    void logs(const QString& id, int lines, qint64 since, Done<QString> done);

    // The DeployContainerConfig checks a node makes on top of the codec's (allowlist, GPUs, cache), and the
    // spec it becomes.
    Result<DeploySpec> specFor(const protocol::NodeDeployModel& command) const;

    void onDeployModel(const protocol::NodeDeployModel& command);
    void onStopContainer(const protocol::NodeStopContainer& command);
    void onGetLogs(const protocol::NodeGetLogs& command);
    // Sends system.node.containers.
    void onRegistered();

Q_SIGNALS:
    // start() has listed the containers already on the node.
    void adopted(int containers);
    // A deployment's port on this node changed; 0: it no longer runs here.
    void hostPortChanged(const QString& deploymentId, int hostPort);
    // Every deploymentProgress sent (also while disconnected: the local HTTP API and tests watch it).
    void progressed(const aiops::protocol::NodeDeploymentProgress& progress);

private:
    enum class Stage { Downloading, Deploying, Running, Exited, Stopping };
    struct Deployment
    {
        QString deploymentId;
        QString requestId;
        QString jobId;
        QString modelId; // pinned in the cache while the deployment exists
        QString containerId;
        int hostPort = 0;
        Stage stage = Stage::Deploying;
        bool reported = true; // progress goes to the controller (Origin::Controller)
        QList<Done<QString>> pendingStops; // stops asked for while deploying: carried out once it ends
        QElapsedTimer lastProgress;
        int lastPercent = -1;
        protocol::NodeDeployModel command; // kept while downloading: the spec is built once the model is there
    };

    void reject(const protocol::NodeDeployModel& command, const Error& error);
    void sendAck(const QString& requestId, const Error* error);
    void sendProgress(const Deployment& d,
                      const QString& status,
                      int progress = 0,
                      const Error* error = nullptr,
                      const QString& logTail = {});
    void sendProgressFor(const QString& requestId,
                         const QString& deploymentId,
                         const QString& jobId,
                         const QString& status,
                         const QString& containerId,
                         const Error* error);
    void send(const QByteArray& frame);

    void startContainer(const QString& deploymentId, const QString& modelPath);
    void onModelProgress(const QString& modelId, qint64 done, qint64 total);
    void onModelReady(const QString& modelId, const QString& path);
    void onModelFailed(const QString& modelId, const Error& error);
    void onPhase(const QString& deploymentId, const QString& phase);
    void onPullProgress(const QString& deploymentId, qint64 current, qint64 total);
    void onDeployed(const QString& deploymentId, const QString& containerId, int hostPort);
    void onFailed(const QString& deploymentId, const Error& error, const QString& logTail);
    void finishStop(const QString& deploymentId, const Result<void>& result, Done<QString> done);

    void pinModel(const QString& modelId);
    void unpinModel(const QString& modelId);
    void forget(const QString& deploymentId);
    void setHostPort(Deployment& d, int port);
    // The managed container id, deployment id is or container id starts with `id`.
    void resolve(const QString& id, Done<ContainerSummary> done);

    void openEvents();
    void onEvent(const ContainerEvent& event);
    void onEventsEnded(const Error& error);
    void reportEvent(const ContainerEvent& event, const QString& name, const QString& logTail);

    Options m_options;
    ContainerRuntime* m_runtime;
    DeploymentExecutor* m_executor;
    ModelCache* m_cache;
    Sender m_sender;
    QString m_unavailableReason;
    QHash<QString, Deployment> m_deployments; // by deployment id
    QHash<QString, int> m_modelUsers; // modelId → deployments using it (pinned while > 0)
    // Deployments this agent stopped or rolled back: their die/stop events are not news. Cleared on destroy.
    QSet<QString> m_quiet;
    bool m_watching = false;
    ContainerRuntime::StreamId m_events = 0;
    qint64 m_lastEventSeconds = 0; // replay from here when the stream is reopened
    qint64 m_lastEventNano = 0; // what the replay repeats is skipped
    QSet<QString> m_eventsAtLastNano; // id + action of the events seen at m_lastEventNano
    Backoff m_eventsBackoff;
    QTimer m_eventsRetry;
};

} // namespace aiops::daemon
