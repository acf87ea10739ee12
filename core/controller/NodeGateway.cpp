#include "core/controller/NodeGateway.h"

#include "core/controller/MessagePermissions.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QUrlQuery>
#include <QWebSocket>

namespace aiops::controller {

namespace {

// The token of an "Authorization: Bearer <token>" header value; empty when absent or malformed.
QByteArray bearerToken(QByteArrayView header)
{
    const QByteArrayView prefix("Bearer ");
    if (header.size() <= prefix.size() || header.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) != 0)
        return {};
    return header.sliced(prefix.size()).trimmed().toByteArray();
}

} // namespace

struct NodeGateway::Connection
{
    nodes::ConnectionId id = 0;
    std::unique_ptr<QWebSocket> socket;
    double tokens = 0;
    QElapsedTimer refill;
    iam::Principal principal; // with a NodeAuthority: who the daemon is (Node or Enrollment)
    QByteArray enrollmentToken; // an Enrollment principal's token, until it is exchanged
    bool closing = false; // refused or revoked: frames still in flight are ignored
    NodeProxyEndpoint proxy; // from the register's config (port 0: the daemon proxies nothing)
    int rttMs = -1; // last WebSocket ping round trip
};

NodeGateway::NodeGateway(nodes::NodeRegistry* registry, NodeAuthority* authority, Options options, QObject* parent)
    : QObject(parent)
    , m_registry(registry)
    , m_authority(authority)
    , m_options(options)
{
    connect(m_registry, &nodes::NodeRegistry::connectionSuperseded, this, &NodeGateway::onConnectionSuperseded);
    // Round trips feed the GPU selector's score.
    m_pingTimer.setInterval(options.pingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        for (Connection* c : std::as_const(m_connections)) {
            if (!c->closing)
                c->socket->ping();
        }
    });
    m_authority->onCredentialRevoked(this, [this](const QString& credentialId, const QString& nodeId) {
        onCredentialRevoked(credentialId, nodeId);
    });
}

NodeGateway::~NodeGateway()
{
    const auto connections = m_connections;
    m_connections.clear();
    for (Connection* c : connections) {
        c->socket->disconnect(this);
        c->socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("controller shutting down"));
        delete c;
    }
}

void NodeGateway::accept(std::unique_ptr<QWebSocket> socket)
{
    auto* connection = new Connection;
    connection->id = m_nextId++;
    connection->socket = std::move(socket);
    connection->tokens = m_options.burst;
    connection->refill.start();
    QWebSocket* ws = connection->socket.get();
    // Qt closes a connection whose message exceeds its limit, so keep Qt's limit well above ours and
    // answer anything between the two with FRAME_TOO_LARGE instead of dropping the peer.
    ws->setMaxAllowedIncomingMessageSize(quint64(m_options.limits.maxFrameBytes) * 4);
    ws->setMaxAllowedIncomingFrameSize(quint64(m_options.limits.maxFrameBytes) * 4);
    m_connections.insert(connection->id, connection);

    const QByteArray header = ws->request().rawHeader("Authorization");
    QByteArray token = bearerToken(header);
    if (token.isEmpty())
        token = QUrlQuery(ws->requestUrl()).queryItemValue(QStringLiteral("token")).toUtf8();
    auto principal = m_authority->authenticateNode(token);
    if (principal && m_authority && principal->kind != iam::PrincipalKind::Node
        && principal->kind != iam::PrincipalKind::Enrollment)
        principal = makeError(ErrorCode::Unauthorized, QStringLiteral("Only node credentials reach /ws/node"));
    if (!principal) {
        sendError(*connection, principal.error());
        ws->close(m_authority ? QWebSocketProtocol::CloseCode(CloseCodeUnauthorized)
                              : QWebSocketProtocol::CloseCodePolicyViolated,
                  principal.error().message);
        m_connections.remove(connection->id);
        ws->deleteLater();
        (void)connection->socket.release();
        delete connection;
        return;
    }

    connection->principal = *principal;
    if (principal->kind == iam::PrincipalKind::Enrollment)
        connection->enrollmentToken = token;

    const nodes::ConnectionId id = connection->id;
    connect(ws, &QWebSocket::textMessageReceived, this, [this, id](const QString& text) { onTextMessage(id, text); });
    connect(ws, &QWebSocket::binaryMessageReceived, this, [this, id](const QByteArray&) { onBinaryMessage(id); });
    connect(ws, &QWebSocket::disconnected, this, [this, id] { onDisconnected(id); });
    connect(ws, &QWebSocket::pong, this, [this, id](quint64 elapsedMs, const QByteArray&) {
        if (Connection* c = m_connections.value(id))
            c->rttMs = int(std::min<quint64>(elapsedMs, 60000));
    });
    ws->ping();
    if (!m_pingTimer.isActive())
        m_pingTimer.start();
}

int NodeGateway::rttMs(const QString& nodeId) const
{
    const auto connectionId = m_registry->connectionOf(nodeId);
    const Connection* c = connectionId ? m_connections.value(*connectionId) : nullptr;
    return c ? c->rttMs : -1;
}

std::optional<NodeProxyEndpoint> NodeGateway::proxyEndpoint(const QString& nodeId) const
{
    const auto connectionId = m_registry->connectionOf(nodeId);
    const Connection* c = connectionId ? m_connections.value(*connectionId) : nullptr;
    if (!c || c->closing || c->proxy.port <= 0 || c->proxy.port > 65535)
        return std::nullopt;
    NodeProxyEndpoint endpoint = c->proxy;
    endpoint.address = c->socket->peerAddress();
    return endpoint;
}

bool NodeGateway::takeToken(Connection& c)
{
    const double elapsed = double(c.refill.restart()) / 1000.0;
    c.tokens = std::min(m_options.burst, c.tokens + elapsed * m_options.messagesPerSecond);
    if (c.tokens < 1.0)
        return false;
    c.tokens -= 1.0;
    return true;
}

void NodeGateway::onTextMessage(nodes::ConnectionId id, const QString& text)
{
    Connection* c = m_connections.value(id);
    if (!c || c->closing)
        return;
    if (!takeToken(*c)) {
        Error e { ErrorCode::RateLimited, QStringLiteral("Too many messages; slow down") };
        auto reply = protocol::errorReply(e);
        reply.retryAfter = qint64(1000.0 / std::max(0.001, m_options.messagesPerSecond));
        c->socket->sendTextMessage(QString::fromUtf8(protocol::encode(reply)));
        ++m_errorsSent;
        m_registry->noteRejectedMessage();
        return;
    }
    const QByteArray frame = text.toUtf8();
    auto decoded = protocol::decodeNodeMessage(frame, m_options.limits);
    if (!decoded) {
        // Echo the requestId when the envelope itself was readable, so the peer can correlate.
        QString requestId;
        if (decoded.error().code != ErrorCode::FrameTooLarge && decoded.error().code != ErrorCode::InvalidJson) {
            if (auto env = protocol::decodeEnvelope(frame, m_options.limits))
                requestId = env->requestId.isEmpty() ? env->messageId : env->requestId;
        }
        sendError(*c, decoded.error(), requestId);
        return;
    }
    // Every inbound type declares the permission its sender needs (MessagePermissions.cpp).
    const QString typeName = std::visit(
        [](const auto& message) -> QString {
            using T = std::decay_t<decltype(message)>;
            if constexpr (std::is_same_v<T, protocol::NodeRegister>)
                return QLatin1String(protocol::type::NodeRegister);
            else if constexpr (std::is_same_v<T, protocol::NodeHeartbeat>)
                return QLatin1String(protocol::type::NodeHeartbeat);
            else if constexpr (std::is_same_v<T, protocol::NodeCommandAck>)
                return QLatin1String(protocol::type::NodeCommandAck);
            else if constexpr (std::is_same_v<T, protocol::NodeModelCacheProgress>)
                return QLatin1String(protocol::type::NodeModelCacheProgress);
            else if constexpr (std::is_same_v<T, protocol::NodeModelCache>)
                return QLatin1String(protocol::type::NodeModelCache);
            else if constexpr (std::is_same_v<T, protocol::NodeDeploymentProgress>)
                return QLatin1String(protocol::type::NodeDeploymentProgress);
            else if constexpr (std::is_same_v<T, protocol::NodeLogsResponse>)
                return QLatin1String(protocol::type::NodeLogsResponse);
            else if constexpr (std::is_same_v<T, protocol::NodeContainerEvent>)
                return QLatin1String(protocol::type::NodeContainerEvent);
            else if constexpr (std::is_same_v<T, protocol::NodeContainers>)
                return QLatin1String(protocol::type::NodeContainers);
            else
                return QLatin1String(protocol::type::NodeDisconnect);
        },
        *decoded);
    const auto permission = permissionForMessage(typeName);
    if (!permission) {
        sendError(*c, Error { ErrorCode::Forbidden, QStringLiteral("%1 declares no permission").arg(typeName) });
        return;
    }
    if (auto allowed = iam::authorize(c->principal, *permission, c->principal.orgId); !allowed) {
        sendError(*c, allowed.error());
        return;
    }
    Result<void> outcome;
    std::visit(
        [&](const auto& message) {
            using T = std::decay_t<decltype(message)>;
            if constexpr (std::is_same_v<T, protocol::NodeRegister>) {
                outcome = handleRegister(*c, message);
            } else if (m_authority && c->principal.kind == iam::PrincipalKind::Enrollment) {
                outcome = makeError(ErrorCode::Forbidden,
                                    QStringLiteral("An enrollment token only allows system.node.register"));
            } else if (m_authority && message.nodeId != c->principal.subject) {
                outcome = makeError(ErrorCode::NodeIdMismatch,
                                    QStringLiteral("This credential belongs to node %1").arg(c->principal.subject),
                                    QStringLiteral("nodeId"));
            } else if constexpr (std::is_same_v<T, protocol::NodeHeartbeat>) {
                outcome = m_registry->heartbeat(message, id);
            } else if constexpr (std::is_same_v<T, protocol::NodeDisconnect>) {
                m_registry->disconnectNode(message, id);
            } else if (m_registry->connectionOf(message.nodeId) != id) {
                outcome = makeError(ErrorCode::NodeNotRegistered,
                                    QStringLiteral("Send system.node.register first"),
                                    QStringLiteral("nodeId"));
            } else if constexpr (std::is_same_v<T, protocol::NodeCommandAck>) {
                Q_EMIT commandAcknowledged(message);
            } else if constexpr (std::is_same_v<T, protocol::NodeModelCacheProgress>) {
                Q_EMIT modelCacheProgress(message);
            } else if constexpr (std::is_same_v<T, protocol::NodeModelCache>) {
                Q_EMIT modelCacheReported(message);
            } else if constexpr (std::is_same_v<T, protocol::NodeDeploymentProgress>) {
                Q_EMIT deploymentProgress(message);
            } else if constexpr (std::is_same_v<T, protocol::NodeLogsResponse>) {
                Q_EMIT logsReceived(message);
            } else if constexpr (std::is_same_v<T, protocol::NodeContainerEvent>) {
                Q_EMIT containerEvent(message);
            } else if constexpr (std::is_same_v<T, protocol::NodeContainers>) {
                Q_EMIT containersReported(message);
            }
        },
        *decoded);
    if (!outcome && !c->closing)
        sendError(*c, outcome.error());
}

Result<void> NodeGateway::handleRegister(Connection& c, const protocol::NodeRegister& message)
{
    protocol::NodeRegistered ack { message.nodeId, m_registry->heartbeatIntervalMs(), protocol::nowMs(), {} };
    std::optional<store::Owner> owner;
    if (m_authority) {
        if (c.principal.kind == iam::PrincipalKind::Node && message.nodeId != c.principal.subject)
            return makeError(ErrorCode::NodeIdMismatch,
                             QStringLiteral("This credential belongs to node %1").arg(c.principal.subject),
                             QStringLiteral("nodeId"));
        if (c.principal.kind == iam::PrincipalKind::Enrollment) {
            // Spent here, before the registry sees the node: a token is good for one node only.
            auto issued = m_authority->exchangeEnrollmentToken(c.enrollmentToken, message.nodeId, message.name);
            if (!issued) {
                closeUnauthorized(c, issued.error());
                return {};
            }
            c.enrollmentToken.clear();
            c.principal.kind = iam::PrincipalKind::Node;
            c.principal.subject = issued->credential.nodeId;
            c.principal.tokenId = issued->credential.credentialId;
            c.principal.displayName = issued->credential.nodeName;
            if (!issued->credential.orgId.isEmpty())
                c.principal.orgId = issued->credential.orgId;
            ack.nodeCredential = issued->secret;
        }
        if (!c.principal.orgId.isEmpty())
            owner = store::Owner { c.principal.orgId, {} };
    }
    // The daemon's inference proxy secret stays in memory: it must not land in the stored config.
    protocol::NodeRegister stored = message;
    NodeProxyEndpoint proxy;
    proxy.port = stored.config.value(QStringLiteral("proxyPort")).toInt();
    proxy.token = stored.config.value(QStringLiteral("proxyToken")).toString().toUtf8();
    stored.config.remove(QStringLiteral("proxyToken"));
    auto info = m_registry->registerNode(stored, c.id, owner ? &*owner : nullptr);
    if (!info)
        return std::unexpected(info.error());
    c.proxy = proxy;
    c.socket->sendTextMessage(QString::fromUtf8(protocol::encode(ack)));
    return {};
}

void NodeGateway::closeUnauthorized(Connection& c, const Error& error)
{
    if (c.closing)
        return;
    c.closing = true;
    sendError(c, error);
    // Queued: closing may report the disconnection, which deletes `c`, before the caller is done with it.
    QWebSocket* ws = c.socket.get();
    QMetaObject::invokeMethod(
        ws,
        [ws, reason = error.message] { ws->close(QWebSocketProtocol::CloseCode(CloseCodeUnauthorized), reason); },
        Qt::QueuedConnection);
}

void NodeGateway::onCredentialRevoked(const QString& credentialId, const QString& nodeId)
{
    const auto connections = m_connections;
    for (Connection* c : connections) {
        if (c->principal.kind != iam::PrincipalKind::Node || c->principal.tokenId != credentialId)
            continue;
        closeUnauthorized(*c,
                          Error { ErrorCode::Unauthorized,
                                  QStringLiteral("The node credential of %1 was revoked; enroll the node again")
                                      .arg(nodeId.isEmpty() ? c->principal.subject : nodeId) });
    }
}

void NodeGateway::onBinaryMessage(nodes::ConnectionId id)
{
    if (Connection* c = m_connections.value(id))
        sendError(*c,
                  Error { ErrorCode::InvalidJson, QStringLiteral("Binary frames are not supported; send JSON text") });
}

void NodeGateway::onDisconnected(nodes::ConnectionId id)
{
    Connection* c = m_connections.take(id);
    if (!c)
        return;
    m_registry->connectionClosed(id);
    c->socket.release()->deleteLater();
    delete c;
}

void NodeGateway::onConnectionSuperseded(nodes::ConnectionId id, const QString& nodeId)
{
    Connection* c = m_connections.value(id);
    if (!c)
        return;
    c->socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("superseded: %1").arg(nodeId));
}

Result<void> NodeGateway::sendToNode(const QString& nodeId, const QByteArray& frame)
{
    const auto connectionId = m_registry->connectionOf(nodeId);
    Connection* c = connectionId ? m_connections.value(*connectionId) : nullptr;
    if (!c || c->closing)
        return makeError(ErrorCode::Unavailable, QStringLiteral("Node %1 is not connected").arg(nodeId));
    c->socket->sendTextMessage(QString::fromUtf8(frame));
    return {};
}

QHostAddress NodeGateway::peerAddress(const QString& nodeId) const
{
    const auto connectionId = m_registry->connectionOf(nodeId);
    const Connection* c = connectionId ? m_connections.value(*connectionId) : nullptr;
    return c && !c->closing ? c->socket->peerAddress() : QHostAddress();
}

void NodeGateway::sendError(Connection& connection, const Error& error, const QString& requestId)
{
    ++m_errorsSent;
    m_registry->noteRejectedMessage();
    connection.socket->sendTextMessage(QString::fromUtf8(protocol::encode(protocol::errorReply(error, requestId))));
}

} // namespace aiops::controller
