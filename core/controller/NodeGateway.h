#pragma once

#include "core/nodes/NodeRegistry.h"
#include "core/protocol/Codec.h"

#include <QHash>
#include <QObject>
#include <memory>

class QWebSocket;

namespace aiops::controller {

class Authenticator;

// The /ws/node gateway: authenticates node daemons, validates every frame, feeds the registry and
// answers bad input with system.error. A bad message never closes a healthy connection.
class NodeGateway final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeGateway)
public:
    struct Options
    {
        protocol::Limits limits;
        double messagesPerSecond = 20; // sustained per connection
        double burst = 40;
    };

    NodeGateway(nodes::NodeRegistry* registry,
                const Authenticator* authenticator,
                Options options,
                QObject* parent = nullptr);
    ~NodeGateway() override;

    // Takes ownership of an upgraded socket whose request path is /ws/node.
    void accept(std::unique_ptr<QWebSocket> socket);
    int connectionCount() const { return int(m_connections.size()); }
    quint64 errorsSent() const { return m_errorsSent; }

private:
    struct Connection;

    void onTextMessage(nodes::ConnectionId id, const QString& text);
    void onBinaryMessage(nodes::ConnectionId id);
    void onDisconnected(nodes::ConnectionId id);
    void onConnectionSuperseded(nodes::ConnectionId id, const QString& nodeId);
    void sendError(Connection& connection, const Error& error, const QString& requestId = {});
    bool takeToken(Connection& connection);

    nodes::NodeRegistry* m_registry;
    const Authenticator* m_authenticator;
    Options m_options;
    nodes::ConnectionId m_nextId = 1;
    QHash<nodes::ConnectionId, Connection*> m_connections;
    quint64 m_errorsSent = 0;
};

} // namespace aiops::controller
