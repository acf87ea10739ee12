#include "core/controller/NodeGateway.h"

#include "core/controller/Authenticator.h"

#include <QElapsedTimer>
#include <QUrlQuery>
#include <QWebSocket>

namespace aiops::controller {

struct NodeGateway::Connection
{
    nodes::ConnectionId id = 0;
    std::unique_ptr<QWebSocket> socket;
    double tokens = 0;
    QElapsedTimer refill;
};

NodeGateway::NodeGateway(nodes::NodeRegistry* registry,
                         const Authenticator* authenticator,
                         Options options,
                         QObject* parent)
    : QObject(parent)
    , m_registry(registry)
    , m_authenticator(authenticator)
    , m_options(options)
{
    connect(m_registry, &nodes::NodeRegistry::connectionSuperseded, this, &NodeGateway::onConnectionSuperseded);
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
    auto principal = m_authenticator->authenticate(token, Audience::Node);
    if (!principal) {
        sendError(*connection, principal.error());
        ws->close(QWebSocketProtocol::CloseCodePolicyViolated, principal.error().message);
        m_connections.remove(connection->id);
        ws->deleteLater();
        (void)connection->socket.release();
        delete connection;
        return;
    }

    const nodes::ConnectionId id = connection->id;
    connect(ws, &QWebSocket::textMessageReceived, this, [this, id](const QString& text) { onTextMessage(id, text); });
    connect(ws, &QWebSocket::binaryMessageReceived, this, [this, id](const QByteArray&) { onBinaryMessage(id); });
    connect(ws, &QWebSocket::disconnected, this, [this, id] { onDisconnected(id); });
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
    if (!c)
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
    Result<void> outcome;
    std::visit(
        [&](const auto& message) {
            using T = std::decay_t<decltype(message)>;
            if constexpr (std::is_same_v<T, protocol::NodeRegister>) {
                auto info = m_registry->registerNode(message, id);
                if (!info) {
                    outcome = std::unexpected(info.error());
                    return;
                }
                protocol::NodeRegistered ack { message.nodeId, m_registry->heartbeatIntervalMs(), protocol::nowMs() };
                c->socket->sendTextMessage(QString::fromUtf8(protocol::encode(ack)));
            } else if constexpr (std::is_same_v<T, protocol::NodeHeartbeat>) {
                outcome = m_registry->heartbeat(message, id);
            } else if constexpr (std::is_same_v<T, protocol::NodeDisconnect>) {
                m_registry->disconnectNode(message, id);
            }
        },
        *decoded);
    if (!outcome)
        sendError(*c, outcome.error());
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

void NodeGateway::sendError(Connection& connection, const Error& error, const QString& requestId)
{
    ++m_errorsSent;
    m_registry->noteRejectedMessage();
    connection.socket->sendTextMessage(QString::fromUtf8(protocol::encode(protocol::errorReply(error, requestId))));
}

} // namespace aiops::controller
