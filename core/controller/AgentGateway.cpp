#include "core/controller/AgentGateway.h"

#include "core/protocol/Codec.h"
#include "core/protocol/Error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaObject>
#include <QWebSocket>
#include <algorithm>

namespace aiops::controller {

namespace {

QByteArray bearer(QByteArrayView header)
{
    const QByteArrayView prefix("Bearer ");
    if (header.size() <= prefix.size() || header.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) != 0)
        return {};
    return header.sliced(prefix.size()).trimmed().toByteArray();
}

enum class Kind { String, Number, Bool, Object, Array };

struct FieldRule
{
    const char* name;
    Kind kind;
};

// The fields each agent.* type must carry (seed 000 "AGENT Events" plus agent.messageDelta and
// agent.error). Types not listed here are refused.
const QHash<QString, QList<FieldRule>>& rules()
{
    static const QHash<QString, QList<FieldRule>> table {
        { QStringLiteral("agent.register"), { { "status", Kind::String } } },
        { QStringLiteral("agent.heartbeat"), {} },
        { QStringLiteral("agent.statusChange"), { { "status", Kind::String } } },
        { QStringLiteral("agent.typing"), { { "conversationId", Kind::String }, { "isTyping", Kind::Bool } } },
        { QStringLiteral("agent.messageDelta"),
          { { "messageId", Kind::String }, { "conversationId", Kind::String }, { "delta", Kind::String } } },
        { QStringLiteral("agent.message"),
          { { "messageId", Kind::String }, { "conversationId", Kind::String }, { "content", Kind::String } } },
        { QStringLiteral("agent.toolCall.start"),
          { { "messageId", Kind::String }, { "conversationId", Kind::String }, { "toolName", Kind::String } } },
        { QStringLiteral("agent.toolCall.end"),
          { { "messageId", Kind::String },
            { "conversationId", Kind::String },
            { "toolName", Kind::String },
            { "status", Kind::String } } },
        { QStringLiteral("agent.error"), { { "conversationId", Kind::String }, { "message", Kind::String } } },
    };
    return table;
}

bool hasKind(const QJsonValue& value, Kind kind)
{
    switch (kind) {
    case Kind::String: return value.isString();
    case Kind::Number: return value.isDouble();
    case Kind::Bool: return value.isBool();
    case Kind::Object: return value.isObject();
    case Kind::Array: return value.isArray();
    }
    return false;
}

Result<void> validate(const QJsonObject& message, const QString& agentId)
{
    const QJsonValue type = message.value(QStringLiteral("type"));
    if (!type.isString())
        return makeError(type.isUndefined() ? ErrorCode::MissingField : ErrorCode::InvalidFieldType,
                         QStringLiteral("\"type\" must be a string"),
                         QStringLiteral("type"));
    const auto rule = rules().constFind(type.toString());
    if (rule == rules().cend())
        return makeError(ErrorCode::UnknownType,
                         QStringLiteral("%1 is not accepted on /ws/agent").arg(type.toString().left(128)),
                         QStringLiteral("type"));
    const QJsonValue id = message.value(QStringLiteral("agentId"));
    if (!id.isUndefined() && (!id.isString() || id.toString() != agentId))
        return makeError(ErrorCode::Forbidden,
                         QStringLiteral("agentId does not match the agent this connection signed in as"),
                         QStringLiteral("agentId"));
    for (const FieldRule& field : *rule) {
        const QString name = QString::fromLatin1(field.name);
        const QJsonValue value = message.value(name);
        if (value.isUndefined())
            return makeError(
                ErrorCode::MissingField, QStringLiteral("%1 needs \"%2\"").arg(type.toString(), name), name);
        if (!hasKind(value, field.kind))
            return makeError(ErrorCode::InvalidFieldType, QStringLiteral("\"%1\" has the wrong type").arg(name), name);
    }
    for (const char* optionalObject : { "toolInput", "toolOutput", "metadata", "stats" }) {
        const QJsonValue value = message.value(QLatin1String(optionalObject));
        if (!value.isUndefined() && !value.isObject())
            return makeError(ErrorCode::InvalidFieldType,
                             QStringLiteral("\"%1\" must be an object").arg(QLatin1String(optionalObject)),
                             QString::fromLatin1(optionalObject));
    }
    return {};
}

} // namespace

struct AgentGateway::Connection
{
    quint64 id = 0;
    QString agentId;
    std::unique_ptr<QWebSocket> socket;
    double tokens = 0;
    QElapsedTimer refill;
};

AgentGateway::AgentGateway(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

AgentGateway::~AgentGateway()
{
    const auto connections = m_connections;
    m_connections.clear();
    for (Connection* c : connections) {
        c->socket->disconnect(this);
        c->socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("controller shutting down"));
        delete c;
    }
}

void AgentGateway::setAuthenticator(std::function<std::optional<QString>(const QByteArray&)> authenticate)
{
    m_options.authenticate = std::move(authenticate);
}

void AgentGateway::accept(std::unique_ptr<QWebSocket> socket)
{
    QWebSocket* ws = socket.get();
    const QByteArray token = bearer(ws->request().rawHeader("Authorization"));
    const std::optional<QString> agentId
        = token.isEmpty() || !m_options.authenticate ? std::nullopt : m_options.authenticate(token);
    if (!agentId) {
        const Error error { ErrorCode::Unauthorized,
                            token.isEmpty() ? QStringLiteral("/ws/agent needs the runtime's bearer token")
                                            : QStringLiteral("Unknown or revoked agent runtime token") };
        ws->sendTextMessage(QString::fromUtf8(protocol::encode(protocol::errorReply(error))));
        ++m_errorsSent;
        QMetaObject::invokeMethod(
            ws,
            [ws, reason = error.message] {
                ws->close(QWebSocketProtocol::CloseCode(CloseCodeUnauthorized), reason);
                ws->deleteLater();
            },
            Qt::QueuedConnection);
        (void)socket.release();
        return;
    }
    if (const auto previous = m_byAgent.value(*agentId)) {
        if (Connection* old = m_connections.take(previous)) {
            old->socket->disconnect(this);
            old->socket->close(QWebSocketProtocol::CloseCode(CloseCodeReplaced), QStringLiteral("replaced"));
            old->socket.release()->deleteLater();
            delete old;
        }
    }
    auto* connection = new Connection;
    connection->id = m_nextId++;
    connection->agentId = *agentId;
    connection->socket = std::move(socket);
    connection->tokens = m_options.burst;
    connection->refill.start();
    ws->setMaxAllowedIncomingMessageSize(quint64(m_options.maxFrameBytes) * 4);
    ws->setMaxAllowedIncomingFrameSize(quint64(m_options.maxFrameBytes) * 4);
    m_connections.insert(connection->id, connection);
    m_byAgent.insert(*agentId, connection->id);
    const quint64 id = connection->id;
    connect(ws, &QWebSocket::textMessageReceived, this, [this, id](const QString& text) { onText(id, text); });
    connect(ws, &QWebSocket::binaryMessageReceived, this, [this, id](const QByteArray&) {
        if (Connection* c = m_connections.value(id))
            sendError(*c, Error { ErrorCode::InvalidJson, QStringLiteral("Binary frames are not supported") });
    });
    connect(ws, &QWebSocket::disconnected, this, [this, id] { onClosed(id); });
    Q_EMIT agentConnected(*agentId);
}

void AgentGateway::onText(quint64 id, const QString& text)
{
    Connection* c = m_connections.value(id);
    if (!c)
        return;
    const double elapsed = double(c->refill.restart()) / 1000.0;
    c->tokens = std::min(m_options.burst, c->tokens + elapsed * m_options.messagesPerSecond);
    if (c->tokens < 1.0) {
        sendError(*c, Error { ErrorCode::RateLimited, QStringLiteral("Too many frames; slow down") });
        return;
    }
    c->tokens -= 1.0;
    const QByteArray frame = text.toUtf8();
    if (frame.size() > m_options.maxFrameBytes) {
        sendError(*c,
                  Error { ErrorCode::FrameTooLarge,
                          QStringLiteral("Frame of %1 bytes exceeds the limit of %2")
                              .arg(frame.size())
                              .arg(m_options.maxFrameBytes) });
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        sendError(*c, Error { ErrorCode::InvalidJson, QStringLiteral("A frame must be one JSON object") });
        return;
    }
    QJsonObject message = document.object();
    if (auto valid = validate(message, c->agentId); !valid) {
        sendError(*c, valid.error());
        return;
    }
    message.insert(QStringLiteral("agentId"), c->agentId);
    if (!message.value(QStringLiteral("timestamp")).isDouble())
        message.insert(QStringLiteral("timestamp"), protocol::nowMs());
    Q_EMIT agentEvent(c->agentId, message);
}

void AgentGateway::onClosed(quint64 id)
{
    Connection* c = m_connections.take(id);
    if (!c)
        return;
    const QString agentId = c->agentId;
    if (m_byAgent.value(agentId) == id)
        m_byAgent.remove(agentId);
    c->socket.release()->deleteLater();
    delete c;
    if (!m_byAgent.contains(agentId))
        Q_EMIT agentDisconnected(agentId);
}

bool AgentGateway::send(const QString& agentId, const QJsonObject& message)
{
    Connection* c = m_connections.value(m_byAgent.value(agentId));
    if (!c)
        return false;
    c->socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    return true;
}

void AgentGateway::disconnectAgent(const QString& agentId)
{
    if (Connection* c = m_connections.value(m_byAgent.value(agentId)))
        c->socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("agent stopped"));
}

void AgentGateway::sendError(Connection& connection, const Error& error)
{
    ++m_errorsSent;
    connection.socket->sendTextMessage(QString::fromUtf8(protocol::encode(protocol::errorReply(error))));
}

} // namespace aiops::controller
