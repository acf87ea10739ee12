#pragma once

#include "core/daemon/NodeSample.h"
#include "core/protocol/Error.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServer>
#include <QJsonObject>
#include <QObject>
#include <optional>

namespace aiops::daemon {

// The daemon's local HTTP endpoints: GET /health (JSON) and GET /metrics (Prometheus text
// exposition of the latest sample). Binds loopback by default.
class NodeHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeHttpServer)

public:
    explicit NodeHttpServer(QString nodeId, QObject* parent = nullptr);
    ~NodeHttpServer() override;

    // port 0 picks a free port; returns the port bound.
    Result<quint16> listen(quint16 port = 0, const QHostAddress& address = QHostAddress::LocalHost);
    quint16 port() const { return m_port; }

    void setSample(const aiops::daemon::NodeSample& sample);
    void setConnected(bool connected);

    QJsonObject health() const;
    QByteArray metricsText() const;

private:
    QString m_nodeId;
    QHttpServer m_server;
    QElapsedTimer m_uptime;
    quint16 m_port = 0;
    bool m_connected = false;
    std::optional<NodeSample> m_sample;
};

} // namespace aiops::daemon
