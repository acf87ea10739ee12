#pragma once

#include "core/daemon/NodeSample.h"
#include "core/protocol/Error.h"
#include "core/protocol/Messages.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServer>
#include <QJsonObject>
#include <QObject>
#include <functional>
#include <optional>

class QHttpServerRequest;
class QHttpServerResponder;
class QHttpServerResponse;

namespace aiops::daemon {

// The daemon's local HTTP endpoints. Binds loopback by default.
//   GET /health          JSON
//   GET /metrics         Prometheus text exposition of the latest sample
//   POST /deploy         JSON body: the containerConfig fields of system.node.deployModel at the top level
//                        (image, ports, environment, command, entrypoint, healthPath, healthTimeoutSeconds,
//                        memoryLimit, gpuDevice, gpuVendor, ipcHost, shmSizeMb) plus optional deploymentId and
//                        requestId → 202 {deploymentId, requestId}. No model files: those come from the controller.
//   DELETE /stop/{id}    by deployment id or container id → 200 {deploymentId, status: "stopped"} | 404
//   GET /logs/{id}       ?lines=N (1-10000, default 200)&since=epoch seconds → text/plain
// Errors are JSON {errorCode, message[, field]} with the status of httpStatusFor(); without deployment handlers
// the deployment routes answer 503.
class NodeHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeHttpServer)

public:
    // What the deployment routes act through (the node's DeploymentAgent in the daemon).
    struct DeploymentHandlers
    {
        // Validates and starts; the error when refused.
        std::function<Result<void>(const protocol::NodeDeployModel& command)> deploy;
        // done gets the deployment id stopped.
        std::function<void(const QString& id, std::function<void(Result<QString>)> done)> stop;
        std::function<void(const QString& id, int lines, qint64 since, std::function<void(Result<QString>)> done)> logs;
    };
    static constexpr qsizetype kMaxBodyBytes = 1024 * 1024;

    explicit NodeHttpServer(QString nodeId, QObject* parent = nullptr);
    ~NodeHttpServer() override;

    // port 0 picks a free port; returns the port bound.
    Result<quint16> listen(quint16 port = 0, const QHostAddress& address = QHostAddress::LocalHost);
    quint16 port() const { return m_port; }

    void setSample(const aiops::daemon::NodeSample& sample);
    void setConnected(bool connected);

    QJsonObject health() const;
    QByteArray metricsText() const;

    void setDeploymentHandlers(DeploymentHandlers handlers) { m_deployments = std::move(handlers); }
    // The command a POST /deploy body describes, or why it does not.
    Result<protocol::NodeDeployModel> deployCommandFor(const QByteArray& body) const;

private:
    QHttpServerResponse onDeploy(const QHttpServerRequest& request);
    void onStop(const QString& id, QHttpServerResponder&& responder);
    void onLogs(const QString& id, const QHttpServerRequest& request, QHttpServerResponder&& responder);

    DeploymentHandlers m_deployments;
    QString m_nodeId;
    QHttpServer m_server;
    QElapsedTimer m_uptime;
    quint16 m_port = 0;
    bool m_connected = false;
    std::optional<NodeSample> m_sample;
};

} // namespace aiops::daemon
