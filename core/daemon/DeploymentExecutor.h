#pragma once

#include "core/daemon/ContainerRuntime.h"
#include "core/protocol/Error.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace aiops::net {
class CurlClient;
} // namespace aiops::net

namespace aiops::daemon {

class PortAllocator;

// One deployment as the controller asks for it.
struct DeploySpec
{
    QString deploymentId;
    QString requestId; // the command's id: a retried command carries the same one
    QString image;
    QStringList entrypoint; // empty: the image's
    QStringList cmd;
    QMap<QString, QString> env;
    QStringList gpuDeviceIds; // NVIDIA device ids or UUIDs (DeviceRequests)
    bool amdGpu = false; // AMD ROCm: /dev/kfd and /dev/dri
    bool ipcHost = false;
    qint64 shmSizeBytes = 0; // 0 = the engine's default
    qint64 memoryLimitBytes = 0;
    QStringList binds; // "hostPath:containerPath[:ro]"
    QMap<QString, QString> labels; // extra labels; the executor's own (aiops.*) win
    int containerPort = 8000;
    int hostPort = 0; // a fixed loopback port; 0 = allocate one from the PortAllocator
    QString healthPath = QStringLiteral("/health"); // empty: healthy as soon as the container runs
    int healthTimeoutMs = 120000;
    int healthIntervalMs = 500;
};

// Runs deployments on this node through the container runtime, idempotently: a container is labelled with the
// request that created it, and a deploy() whose request already has a container adopts that container (starting it
// when it is stopped) instead of creating a second one. A second deploy() of a request whose first is still running
// waits for it, then adopts its container.
//
// deploy(): [imageExists, pullImage when missing] → allocate a host port → createContainer (labels aiops.managed,
// aiops.deployment, aiops.request, aiops.port) → start → GET http://127.0.0.1:<hostPort><healthPath> every
// healthIntervalMs until 200 or healthTimeoutMs (an empty healthPath skips the probe). A fixed hostPort that another
// managed container publishes, or that is busy on loopback, fails with Conflict before anything is created. Any failure
// once a container exists rolls back: the container is stopped and removed, and the port released; failed() then
// carries the last log lines of the container.
//
// Phases: "pulling" (image check and pull; not for an adopted container), "starting", "health-check", "running".
class DeploymentExecutor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentExecutor)

public:
    template<typename T> using Done = std::function<void(Result<T>)>;

    static constexpr QLatin1String kDeploymentLabel { "aiops.deployment" };
    static constexpr QLatin1String kRequestLabel { "aiops.request" };
    static constexpr QLatin1String kPortLabel { "aiops.port" };
    // Set to "controller" on the containers the controller runs on its own machine (MCP tool servers): a node
    // daemon on the same engine leaves them alone (no adoption, no report, no cleanup).
    static constexpr QLatin1String kOwnerLabel { "aiops.owner" };
    static constexpr int kStopGraceSeconds = 10;
    static constexpr int kRollbackGraceSeconds = 1;
    static constexpr int kLogTailLines = 50;

    // None is owned; all must outlive the executor.
    DeploymentExecutor(ContainerRuntime* runtime,
                       PortAllocator* ports,
                       net::CurlClient* curl,
                       QObject* parent = nullptr);
    ~DeploymentExecutor() override;

    // Ends with exactly one deployed() or failed() for spec.deploymentId (never inside this call).
    void deploy(const DeploySpec& spec);
    // Stops (grace kStopGraceSeconds) and removes every container labelled aiops.deployment=deploymentId and
    // releases their ports. NotFound when there is none.
    void stop(const QString& deploymentId, Done<void> done);
    // Every container labelled aiops.managed=true, stopped ones included (for reconciliation).
    void listManaged(Done<QList<ContainerSummary>> done);

    bool isDeploying(const QString& requestId) const { return m_inFlight.contains(requestId); }

signals:
    void phaseChanged(const QString& deploymentId, const QString& phase);
    void pullProgress(const QString& deploymentId, const QString& status, qint64 currentBytes, qint64 totalBytes);
    void deployed(const QString& deploymentId, const QString& containerId, int hostPort);
    // logTail: the last kLogTailLines lines of the container's log when one existed, else empty.
    void failed(const QString& deploymentId, const aiops::Error& error, const QString& logTail);

private:
    struct Operation;
    using OperationPtr = std::shared_ptr<Operation>;

    void begin(const OperationPtr& op);
    void adopt(const OperationPtr& op, const ContainerSummary& container);
    void ensureImage(const OperationPtr& op);
    void createAndStart(const OperationPtr& op);
    void startContainer(const OperationPtr& op);
    void pollHealth(const OperationPtr& op);
    void checkStillRunning(const OperationPtr& op, const QString& lastProblem);
    void succeed(const OperationPtr& op);
    void fail(const OperationPtr& op, const Error& error);
    void finish(const OperationPtr& op);
    void stopNext(std::shared_ptr<QList<ContainerSummary>> remaining, Done<void> done);
    void setPhase(const OperationPtr& op, const QString& phase);

    ContainerRuntime* m_runtime;
    PortAllocator* m_ports;
    net::CurlClient* m_curl;
    QSet<QString> m_inFlight; // request ids
    QHash<QString, QList<DeploySpec>> m_waiting; // request id → deploys that wait for the one in flight
};

// The host port a managed container publishes: its aiops.port label, else its first published port; 0 if none.
int managedHostPort(const ContainerSummary& container);

} // namespace aiops::daemon
