#pragma once

#include "core/iam/IamService.h"
#include "core/iam/IamTypes.h"
#include "core/iam/Principal.h"
#include "core/nodes/NodeRegistry.h"
#include "core/protocol/Codec.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

class QWebSocket;

namespace aiops::controller {

// What the gateway asks of IAM about node daemons (IamNodeAuthority in production, a fake in tests).
class NodeAuthority
{
public:
    using RevokedHandler = std::function<void(const QString& credentialId, const QString& nodeId)>;

    virtual ~NodeAuthority() = default;
    // A node credential gives a Node principal (subject = nodeId, tokenId = credential id), an
    // unspent enrollment token an Enrollment principal.
    virtual Result<iam::Principal> authenticateNode(QByteArrayView credential) const = 0;
    // Spends the enrollment token and issues the node's credential.
    virtual Result<iam::IssuedNodeCredential>
    exchangeEnrollmentToken(QByteArrayView token, const QString& nodeId, const QString& nodeName) = 0;
    // Calls `handler` (in `context`'s thread) whenever a node credential is revoked.
    virtual QMetaObject::Connection onCredentialRevoked(QObject* context, RevokedHandler handler) = 0;
};

// NodeAuthority over the IAM service (header-only so that tests with a fake need not link IAM).
class IamNodeAuthority final : public NodeAuthority
{
public:
    explicit IamNodeAuthority(iam::IamService& iam)
        : m_iam(iam)
    {
    }
    Result<iam::Principal> authenticateNode(QByteArrayView credential) const override
    {
        return m_iam.authenticateNode(credential);
    }
    Result<iam::IssuedNodeCredential>
    exchangeEnrollmentToken(QByteArrayView token, const QString& nodeId, const QString& nodeName) override
    {
        return m_iam.exchangeEnrollmentToken(token, nodeId, nodeName);
    }
    QMetaObject::Connection onCredentialRevoked(QObject* context, RevokedHandler handler) override
    {
        return QObject::connect(&m_iam, &iam::IamService::nodeCredentialRevoked, context, std::move(handler));
    }

private:
    iam::IamService& m_iam;
};

// Where the controller's inference proxy reaches a node daemon's proxy (issue "Deploy" §5).
struct NodeProxyEndpoint
{
    QHostAddress address; // the node's socket peer address
    int port = 0;
    QByteArray token; // sent as X-Aiops-Proxy-Token; the daemon refuses requests without it
};

// The /ws/node gateway: authenticates node daemons, validates every frame, feeds the registry and
// answers bad input with system.error. A bad message never closes a healthy connection.
//
// With a NodeAuthority (IAM): a daemon presents its node credential, or a one-time enrollment token
// ("Authorization: Bearer" or ?token=). An enrolling daemon may only send system.node.register; the
// gateway then exchanges the token and returns the node's credential in system.node.registered
// (nodeCredential), after which the connection acts as that node. A node may only speak for its
// own nodeId. A refused credential, and a credential revoked while connected, close the socket
// with CloseCodeUnauthorized and a reason.
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
        int pingIntervalMs = 5000; // WebSocket ping for the round-trip time
    };

    // Close code of a connection whose credential is refused or revoked (4000-4999: application).
    static constexpr int CloseCodeUnauthorized = 4401;

    NodeGateway(nodes::NodeRegistry* registry, NodeAuthority* authority, Options options, QObject* parent = nullptr);
    ~NodeGateway() override;

    // Takes ownership of an upgraded socket whose request path is /ws/node.
    void accept(std::unique_ptr<QWebSocket> socket);
    int connectionCount() const { return int(m_connections.size()); }
    // Sends a command frame to a connected node (Unavailable when it is not connected).
    Result<void> sendToNode(const QString& nodeId, const QByteArray& frame);
    quint64 errorsSent() const { return m_errorsSent; }
    // The address a connected node's socket comes from (null when it is not connected): where the
    // inference proxy reaches the daemon's proxy port.
    QHostAddress peerAddress(const QString& nodeId) const;
    // Last ping round trip of a connected node; -1 when unknown.
    int rttMs(const QString& nodeId) const;
    // The daemon's inference proxy, as its register announced (config.proxyPort, config.proxyToken).
    std::optional<NodeProxyEndpoint> proxyEndpoint(const QString& nodeId) const;

Q_SIGNALS:
    // Validated replies of a registered node, for the services that sent it commands.
    void commandAcknowledged(const aiops::protocol::NodeCommandAck& ack);
    void modelCacheProgress(const aiops::protocol::NodeModelCacheProgress& progress);
    void modelCacheReported(const aiops::protocol::NodeModelCache& report);
    void deploymentProgress(const aiops::protocol::NodeDeploymentProgress& progress);
    void logsReceived(const aiops::protocol::NodeLogsResponse& logs);
    void containerEvent(const aiops::protocol::NodeContainerEvent& event);
    // Sent by a daemon after every register: the controller reconciles its deployments with it.
    void containersReported(const aiops::protocol::NodeContainers& report);

private:
    struct Connection;

    void onTextMessage(nodes::ConnectionId id, const QString& text);
    void onBinaryMessage(nodes::ConnectionId id);
    void onDisconnected(nodes::ConnectionId id);
    void onConnectionSuperseded(nodes::ConnectionId id, const QString& nodeId);
    void onCredentialRevoked(const QString& credentialId, const QString& nodeId);
    Result<void> handleRegister(Connection& connection, const protocol::NodeRegister& message);
    void closeUnauthorized(Connection& connection, const Error& error);
    void sendError(Connection& connection, const Error& error, const QString& requestId = {});
    bool takeToken(Connection& connection);

    nodes::NodeRegistry* m_registry;
    NodeAuthority* m_authority = nullptr;
    Options m_options;
    nodes::ConnectionId m_nextId = 1;
    QHash<nodes::ConnectionId, Connection*> m_connections;
    quint64 m_errorsSent = 0;
    QTimer m_pingTimer;
};

} // namespace aiops::controller
