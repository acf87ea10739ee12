#pragma once

#include "core/net/ReverseProxy.h"
#include "core/protocol/Error.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <functional>

namespace aiops::daemon {

// The daemon's side of the inference path (issue "Deploy" §5): the controller sends
// /deployments/{deploymentId}/{rest} with the secret this daemon announced in its register
// (config.proxyToken); the daemon forwards {rest} to the container's port on 127.0.0.1. Requests
// without the secret get 401, unknown or stopped deployments 503 with Retry-After. /logs/{id} goes to
// the daemon's own local HTTP.
class NodeInferenceProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeInferenceProxy)
public:
    static constexpr QByteArrayView kTokenHeader = "X-Aiops-Proxy-Token";

    // hostPortOf: the loopback port of a deployment running here, 0 when none.
    NodeInferenceProxy(std::function<int(const QString& deploymentId)> hostPortOf,
                       QByteArray token,
                       QObject* parent = nullptr);

    Result<quint16> listen(const QHostAddress& address, quint16 port = 0);
    // The daemon's local HTTP port: /logs/{id} is forwarded there (the controller's GET
    // /deployments/:id/logs). 0 = no logs.
    void setLocalHttpPort(quint16 port) { m_httpPort = port; }
    quint16 port() const { return m_port; }
    const QByteArray& token() const { return m_token; }
    net::ReverseProxy* proxy() { return &m_proxy; }

    // 32 random bytes, hex.
    static QByteArray newToken();

    net::ProxyDecision resolve(const net::ProxyRequestHead& head) const;

private:
    std::function<int(const QString&)> m_hostPortOf;
    QByteArray m_token;
    net::ReverseProxy m_proxy;
    quint16 m_port = 0;
    quint16 m_httpPort = 0;
};

} // namespace aiops::daemon
