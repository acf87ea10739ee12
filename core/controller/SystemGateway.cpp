#include "core/controller/SystemGateway.h"

#include "core/controller/ControllerAgentService.h"
#include "core/deploy/DeploymentTypes.h"
#include "core/iam/IamService.h"
#include "core/protocol/Codec.h"
#include "core/registry/ModelTypes.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMetaObject>
#include <QSet>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>
#include <algorithm>
#include <cmath>
#include <optional>

namespace aiops::controller {

namespace {

// Longest single wait of the expiry timer (QTimer takes an int of milliseconds); it re-arms.
constexpr qint64 kMaxTimerMs = 24LL * 3600 * 1000;

// The token of an "Authorization: Bearer <token>" header value; empty when absent or malformed.
QByteArray bearerToken(QByteArrayView header)
{
    const QByteArrayView prefix("Bearer ");
    if (header.size() <= prefix.size() || header.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) != 0)
        return {};
    return header.sliced(prefix.size()).trimmed().toByteArray();
}

// The exp claim (seconds since the epoch) of a JWT that IAM has already verified. The Principal
// does not carry it, so it is read from the payload; nullopt when the token is not a JWT.
std::optional<qint64> jwtExpiry(const QByteArray& token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return std::nullopt;
    const auto payload = QByteArray::fromBase64Encoding(parts[1],
                                                        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
                                                            | QByteArray::AbortOnBase64DecodingErrors);
    if (!payload)
        return std::nullopt;
    const QJsonValue exp = QJsonDocument::fromJson(*payload).object().value(QStringLiteral("exp"));
    if (!exp.isDouble())
        return std::nullopt;
    return qint64(exp.toDouble());
}

QString frameOf(const QJsonObject& event)
{
    return QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact));
}

bool isTerminal(const QString& state)
{
    return state == u"completed" || state == u"failed" || state == u"cancelled";
}

} // namespace

struct SystemGateway::Connection
{
    quint64 id = 0;
    QString connectionId; // what the user sees in system.connectionEstablished
    std::unique_ptr<QWebSocket> socket;
    double tokens = 0;
    QElapsedTimer refill;
    iam::Principal principal;
    qint64 expiresAtMs = 0; // access token exp; 0 = none known
    bool closing = false; // expired: frames still in flight are ignored
    QSet<QString> conversations; // joined
};

SystemGateway::SystemGateway(iam::IamService* iam, Options options, QObject* parent)
    : QObject(parent)
    , m_iam(iam)
    , m_options(std::move(options))
{
    m_monotonic.start();
}

SystemGateway::~SystemGateway()
{
    const auto connections = m_connections;
    m_connections.clear();
    for (Connection* c : connections) {
        c->socket->disconnect(this);
        c->socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("controller shutting down"));
        delete c;
    }
}

qint64 SystemGateway::nowMs() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

void SystemGateway::accept(std::unique_ptr<QWebSocket> socket)
{
    auto* connection = new Connection;
    connection->id = m_nextId++;
    connection->connectionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    connection->socket = std::move(socket);
    connection->tokens = m_options.burst;
    connection->refill.start();
    QWebSocket* ws = connection->socket.get();
    // Qt drops a peer whose message exceeds its own limit, so keep that well above ours and answer
    // anything in between with FRAME_TOO_LARGE.
    ws->setMaxAllowedIncomingMessageSize(quint64(m_options.maxFrameBytes) * 4);
    ws->setMaxAllowedIncomingFrameSize(quint64(m_options.maxFrameBytes) * 4);

    QByteArray token = bearerToken(ws->request().rawHeader("Authorization"));
    if (token.isEmpty())
        token = QUrlQuery(ws->requestUrl()).queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded).toUtf8();
    Result<iam::Principal> principal = token.isEmpty()
        ? makeError(ErrorCode::Unauthorized, tr("Sign in first: /ws/system needs an access token"))
        : m_iam->authenticateBearer(token);
    if (principal && principal->kind != iam::PrincipalKind::User && principal->kind != iam::PrincipalKind::System)
        principal = makeError(ErrorCode::Unauthorized, tr("Only a user's access token reaches /ws/system"));
    if (!principal) {
        sendError(*connection, principal.error());
        // Queued: the HTTP server is still handing the socket over when it gets here.
        QMetaObject::invokeMethod(
            ws,
            [ws, reason = principal.error().message] {
                ws->close(QWebSocketProtocol::CloseCode(CloseCodeUnauthorized), reason);
                ws->deleteLater();
            },
            Qt::QueuedConnection);
        (void)connection->socket.release();
        delete connection;
        return;
    }

    connection->principal = *principal;
    m_connections.insert(connection->id, connection);
    const quint64 id = connection->id;
    connect(ws, &QWebSocket::textMessageReceived, this, [this, id](const QString& text) { onTextMessage(id, text); });
    connect(ws, &QWebSocket::binaryMessageReceived, this, [this, id](const QByteArray&) { onBinaryMessage(id); });
    connect(ws, &QWebSocket::disconnected, this, [this, id] { onDisconnected(id); });

    if (const auto exp = jwtExpiry(token)) {
        connection->expiresAtMs = *exp * 1000;
        // Parented to the socket, which is deleted later than the connection: safe to fire mid-close.
        auto* timer = new QTimer(ws);
        timer->setSingleShot(true);
        timer->setTimerType(Qt::CoarseTimer);
        connect(timer, &QTimer::timeout, this, [this, id] { onTokenExpired(id); });
        timer->start(int(std::clamp<qint64>(connection->expiresAtMs - nowMs(), 0, kMaxTimerMs)));
    }

    ws->sendTextMessage(frameOf(QJsonObject {
        { QStringLiteral("type"), QStringLiteral("system.connectionEstablished") },
        { QStringLiteral("connectionId"), connection->connectionId },
        { QStringLiteral("userId"), connection->principal.subject },
        { QStringLiteral("timestamp"), protocol::nowMs() },
    }));
}

void SystemGateway::onTokenExpired(quint64 id)
{
    Connection* c = m_connections.value(id);
    if (!c || c->closing)
        return;
    const qint64 remaining = c->expiresAtMs - nowMs();
    if (remaining > 0) {
        if (auto* timer = c->socket->findChild<QTimer*>())
            timer->start(int(std::min(remaining, kMaxTimerMs)));
        return;
    }
    c->closing = true;
    sendError(*c, Error { ErrorCode::Unauthorized, tr("The access token expired; reconnect with a fresh one") });
    // Last use of `c`: closing may report the disconnection, which deletes it.
    c->socket->close(QWebSocketProtocol::CloseCode(CloseCodeUnauthorized), QStringLiteral("token expired"));
}

bool SystemGateway::takeToken(Connection& c)
{
    const double elapsed = double(c.refill.restart()) / 1000.0;
    c.tokens = std::min(m_options.burst, c.tokens + elapsed * m_options.messagesPerSecond);
    if (c.tokens < 1.0)
        return false;
    c.tokens -= 1.0;
    return true;
}

void SystemGateway::onTextMessage(quint64 id, const QString& text)
{
    Connection* c = m_connections.value(id);
    if (!c || c->closing)
        return;
    if (!takeToken(*c)) {
        auto reply = protocol::errorReply(Error { ErrorCode::RateLimited, tr("Too many messages; slow down") });
        reply.retryAfter = qint64(1000.0 / std::max(0.001, m_options.messagesPerSecond));
        c->socket->sendTextMessage(QString::fromUtf8(protocol::encode(reply)));
        c->socket->sendTextMessage(frameOf(QJsonObject {
            { QStringLiteral("type"), QStringLiteral("system.rateLimit") },
            { QStringLiteral("userId"), c->principal.subject },
            { QStringLiteral("limit"), m_options.messagesPerSecond },
            { QStringLiteral("resetAt"), nowMs() + reply.retryAfter.value_or(1000) },
            { QStringLiteral("timestamp"), protocol::nowMs() },
        }));
        ++m_errorsSent;
        return;
    }
    const QByteArray frame = text.toUtf8();
    if (frame.size() > m_options.maxFrameBytes) {
        sendError(
            *c,
            Error { ErrorCode::FrameTooLarge,
                    tr("Frame of %1 bytes exceeds the limit of %2").arg(frame.size()).arg(m_options.maxFrameBytes) });
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        sendError(*c, Error { ErrorCode::InvalidJson, tr("A frame must be one JSON object") });
        return;
    }
    const QJsonObject message = document.object();
    protocol::Limits limits;
    limits.maxFrameBytes = m_options.maxFrameBytes;
    const QString requestId = protocol::correlationId(frame, limits);
    const QJsonValue type = message.value(QStringLiteral("type"));
    if (!type.isString()) {
        sendError(*c,
                  Error { type.isUndefined() ? ErrorCode::MissingField : ErrorCode::InvalidFieldType,
                          tr("\"type\" must be a string"),
                          QStringLiteral("type") },
                  requestId);
        return;
    }
    if (type.toString().startsWith(u"user.")) {
        onUserMessage(*c, type.toString(), message, requestId);
        return;
    }
    if (type.toString() != u"system.ping") {
        sendError(*c,
                  Error { ErrorCode::UnknownType,
                          tr("%1 is not accepted on /ws/system").arg(type.toString().left(128)),
                          QStringLiteral("type") },
                  requestId);
        return;
    }
    QJsonObject pong { { QStringLiteral("type"), QStringLiteral("system.pong") },
                       { QStringLiteral("timestamp"), protocol::nowMs() } };
    if (!requestId.isEmpty())
        pong.insert(QStringLiteral("requestId"), requestId);
    c->socket->sendTextMessage(frameOf(pong));
}

void SystemGateway::onBinaryMessage(quint64 id)
{
    Connection* c = m_connections.value(id);
    if (c && !c->closing)
        sendError(*c, Error { ErrorCode::InvalidJson, tr("Binary frames are not supported; send JSON text") });
}

void SystemGateway::onDisconnected(quint64 id)
{
    Connection* c = m_connections.take(id);
    if (!c)
        return;
    const QSet<QString> joined = c->conversations;
    for (const QString& conversationId : joined)
        leave(*c, conversationId);
    c->socket.release()->deleteLater();
    delete c;
}

void SystemGateway::sendError(Connection& connection, const Error& error, const QString& requestId)
{
    ++m_errorsSent;
    connection.socket->sendTextMessage(QString::fromUtf8(protocol::encode(protocol::errorReply(error, requestId))));
}

namespace {

// The string field `key` of a user.* message: MissingField/InvalidFieldType/OutOfRange with its name.
Result<QString> userString(const QJsonObject& message, const char* key, qsizetype maxLength, bool required)
{
    const QString name = QString::fromLatin1(key);
    const QJsonValue value = message.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return makeError(ErrorCode::MissingField, QStringLiteral("\"%1\" is required").arg(name), name);
        return QString();
    }
    if (!value.isString())
        return makeError(ErrorCode::InvalidFieldType, QStringLiteral("\"%1\" must be a string").arg(name), name);
    if (value.toString().size() > maxLength)
        return makeError(ErrorCode::OutOfRange,
                         QStringLiteral("\"%1\" is longer than %2 characters").arg(name).arg(maxLength),
                         name);
    if (required && value.toString().isEmpty())
        return makeError(ErrorCode::InvalidValue, QStringLiteral("\"%1\" must not be empty").arg(name), name);
    return value.toString();
}

Result<QList<agents::FileRef>> userFiles(const QJsonObject& message)
{
    const QJsonValue value = message.value(QStringLiteral("files"));
    QList<agents::FileRef> files;
    if (value.isUndefined() || value.isNull())
        return files;
    if (!value.isArray())
        return makeError(
            ErrorCode::InvalidFieldType, QStringLiteral("\"files\" must be an array"), QStringLiteral("files"));
    const QJsonArray array = value.toArray();
    if (array.size() > 20)
        return makeError(
            ErrorCode::OutOfRange, QStringLiteral("At most 20 files per message"), QStringLiteral("files"));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("files[%1]").arg(i);
        if (!array.at(i).isObject())
            return makeError(ErrorCode::InvalidFieldType, path + QStringLiteral(" must be an object"), path);
        const QJsonObject f = array.at(i).toObject();
        for (const char* key : { "url", "filename", "mimetype" }) {
            if (!f.value(QLatin1String(key)).isString() || f.value(QLatin1String(key)).toString().isEmpty())
                return makeError(ErrorCode::MissingField,
                                 QStringLiteral("%1.%2 must be a non-empty string").arg(path, QLatin1String(key)),
                                 path + u'.' + QLatin1String(key));
        }
        files.append(agents::FileRef::fromJson(f));
    }
    return files;
}

} // namespace

void SystemGateway::onUserMessage(Connection& c,
                                  const QString& type,
                                  const QJsonObject& message,
                                  const QString& requestId)
{
    const auto fail = [&](const Error& error) {
        sendError(c, error, requestId);
    };
    static const QStringList known { QStringLiteral("user.connect"),          QStringLiteral("user.disconnect"),
                                     QStringLiteral("user.joinConversation"), QStringLiteral("user.leaveConversation"),
                                     QStringLiteral("user.message"),          QStringLiteral("user.typing") };
    if (!known.contains(type)) {
        fail(Error { ErrorCode::UnknownType,
                     tr("%1 is not accepted on /ws/system").arg(type.left(128)),
                     QStringLiteral("type") });
        return;
    }
    if (!m_chat) {
        fail(Error { ErrorCode::Unavailable, tr("Chat is not available on this controller") });
        return;
    }
    const QJsonValue userId = message.value(QStringLiteral("userId"));
    if (!userId.isUndefined() && (!userId.isString() || userId.toString() != c.principal.subject)) {
        fail(Error { ErrorCode::Forbidden, tr("userId must be the signed-in user"), QStringLiteral("userId") });
        return;
    }
    if (type == u"user.connect") {
        c.socket->sendTextMessage(frameOf(QJsonObject {
            { QStringLiteral("type"), QStringLiteral("system.connectionEstablished") },
            { QStringLiteral("connectionId"), c.connectionId },
            { QStringLiteral("userId"), c.principal.subject },
            { QStringLiteral("timestamp"), protocol::nowMs() },
        }));
        return;
    }
    if (type == u"user.disconnect") {
        c.closing = true;
        c.socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("user.disconnect"));
        return;
    }
    const auto conversationId = userString(message, "conversationId", 128, true);
    if (!conversationId) {
        fail(conversationId.error());
        return;
    }
    if (type == u"user.joinConversation") {
        const auto agentId = userString(message, "agentId", 128, false);
        if (!agentId) {
            fail(agentId.error());
            return;
        }
        auto joined = m_chat->joinConversationAs(c.principal, *conversationId, *agentId);
        if (!joined) {
            fail(joined.error());
            return;
        }
        if (!c.conversations.contains(*conversationId)) {
            c.conversations.insert(*conversationId);
            m_rooms[*conversationId].append(c.id);
        }
        QJsonObject ack { { QStringLiteral("type"), QStringLiteral("system.conversationJoined") },
                          { QStringLiteral("conversationId"), *conversationId },
                          { QStringLiteral("agentId"), joined->agentId },
                          { QStringLiteral("roomId"),
                            joined->agentId.isEmpty() ? QString() : QString(u"room:agent-" + joined->agentId) },
                          { QStringLiteral("timestamp"), protocol::nowMs() } };
        if (!requestId.isEmpty())
            ack.insert(QStringLiteral("requestId"), requestId);
        c.socket->sendTextMessage(frameOf(ack));
        return;
    }
    if (type == u"user.leaveConversation") {
        leave(c, *conversationId);
        return;
    }
    if (type == u"user.typing") {
        const QJsonValue typing = message.value(QStringLiteral("isTyping"));
        if (!typing.isBool()) {
            fail(Error { typing.isUndefined() ? ErrorCode::MissingField : ErrorCode::InvalidFieldType,
                         tr("\"isTyping\" must be a boolean"),
                         QStringLiteral("isTyping") });
            return;
        }
        m_chat->typingAs(c.principal, *conversationId, typing.toBool());
        return;
    }
    if (type == u"user.message") {
        const auto content = userString(message, "content", 100000, false);
        const auto messageId = userString(message, "messageId", 128, false);
        const auto files = userFiles(message);
        if (!content || !messageId || !files) {
            fail(!content ? content.error() : !messageId ? messageId.error() : files.error());
            return;
        }
        if (!c.conversations.contains(*conversationId)) {
            fail(Error { ErrorCode::Conflict,
                         tr("Join the conversation first (user.joinConversation)"),
                         QStringLiteral("conversationId") });
            return;
        }
        auto sent = m_chat->sendMessageAs(c.principal, *conversationId, *content, *files, *messageId);
        if (!sent)
            fail(sent.error());
        return;
    }
    fail(Error {
        ErrorCode::UnknownType, tr("%1 is not accepted on /ws/system").arg(type.left(128)), QStringLiteral("type") });
}

void SystemGateway::leave(Connection& c, const QString& conversationId)
{
    if (!c.conversations.remove(conversationId))
        return;
    auto room = m_rooms.find(conversationId);
    if (room == m_rooms.end())
        return;
    room->removeAll(c.id);
    if (room->isEmpty())
        m_rooms.erase(room);
}

int SystemGateway::onConversationEvent(const QJsonObject& event)
{
    const auto room = m_rooms.constFind(event.value(QStringLiteral("conversationId")).toString());
    if (room == m_rooms.cend())
        return 0;
    const QString frame = frameOf(event);
    int sent = 0;
    for (const quint64 id : *room) {
        Connection* c = m_connections.value(id);
        if (!c || c->closing)
            continue;
        c->socket->sendTextMessage(frame);
        ++sent;
    }
    return sent;
}

int SystemGateway::publish(const QJsonObject& event, const QString& orgId, iam::Permission needed)
{
    return deliver(event, orgId, needed, Delivery::Always);
}

int SystemGateway::deliver(const QJsonObject& event, const QString& orgId, iam::Permission needed, Delivery delivery)
{
    QString frame;
    int sent = 0;
    for (Connection* c : std::as_const(m_connections)) {
        if (c->closing || !iam::authorize(c->principal, needed, orgId))
            continue;
        if (delivery == Delivery::DropWhenBacklogged && c->socket->bytesToWrite() > m_options.maxBacklogBytes) {
            ++m_eventsDropped;
            continue;
        }
        if (frame.isEmpty())
            frame = frameOf(event);
        c->socket->sendTextMessage(frame);
        ++sent;
    }
    return sent;
}

void SystemGateway::onModelDownloadChanged(const registry::DownloadJob& job)
{
    const qint64 now = m_monotonic.elapsed();
    const auto it = m_jobThrottles.constFind(job.jobId);
    const bool stateChanged = it == m_jobThrottles.cend() || it->state != job.state;
    if (!stateChanged && now - it->lastSentMs < m_options.progressIntervalMs)
        return;
    if (isTerminal(job.state))
        m_jobThrottles.remove(job.jobId);
    else
        m_jobThrottles.insert(job.jobId, JobThrottle { job.state, now });

    const int progress = job.bytesTotal > 0
        ? int(std::clamp<qint64>(qint64(std::floor(100.0 * double(job.bytesDone) / double(job.bytesTotal))), 0, 100))
        : (job.state == u"completed" ? 100 : 0);
    const QJsonObject event {
        { QStringLiteral("type"), QStringLiteral("system.modelDownloadProgress") },
        { QStringLiteral("jobId"), job.jobId },
        { QStringLiteral("repo"), job.repo },
        { QStringLiteral("state"), job.state },
        { QStringLiteral("bytesDone"), job.bytesDone },
        { QStringLiteral("bytesTotal"), job.bytesTotal },
        { QStringLiteral("progress"), progress },
        { QStringLiteral("bytesPerSecond"), job.bytesPerSecond },
        { QStringLiteral("etaSeconds"), job.etaSeconds },
        { QStringLiteral("timestamp"), protocol::nowMs() },
    };
    // A state change is rare and tells the user something; only plain progress may be skipped.
    deliver(event,
            m_options.defaultOrgId,
            iam::Permission::ViewMetrics,
            stateChanged ? Delivery::Always : Delivery::DropWhenBacklogged);
}

void SystemGateway::onModelDownloadFinished(const registry::DownloadJob& job,
                                            const registry::ModelRecord* model,
                                            qint64 durationMs)
{
    const QString orgId = model && !model->orgId.isEmpty() ? model->orgId : m_options.defaultOrgId;
    if (job.state == u"completed") {
        const qint64 sizeMb = model ? model->sizeMb : job.bytesTotal / (1024 * 1024);
        deliver(
            QJsonObject {
                { QStringLiteral("type"), QStringLiteral("system.modelDownloaded") },
                { QStringLiteral("modelId"), model ? model->modelId : job.modelId },
                { QStringLiteral("sizeMb"), sizeMb },
                { QStringLiteral("durationSeconds"), double(std::max<qint64>(durationMs, 0)) / 1000.0 },
                { QStringLiteral("timestamp"), protocol::nowMs() },
            },
            orgId,
            iam::Permission::ViewMetrics,
            Delivery::Always);
    } else if (job.state == u"failed") {
        protocol::Notification n;
        n.level = QStringLiteral("error");
        n.title = tr("Model download failed");
        n.message = job.errorMessage.isEmpty() ? tr("Downloading %1 failed").arg(job.repo)
                                               : tr("Downloading %1 failed: %2").arg(job.repo, job.errorMessage);
        n.action = QStringLiteral("modelDownloadFailed");
        n.metadata = QJsonObject { { QStringLiteral("jobId"), job.jobId },
                                   { QStringLiteral("repo"), job.repo },
                                   { QStringLiteral("errorCode"), job.errorCode } };
        n.timestamp = protocol::nowMs();
        deliver(protocol::toJson(n), orgId, iam::Permission::ViewMetrics, Delivery::Always);
    }
    m_jobThrottles.remove(job.jobId);
}

void SystemGateway::onDeploymentCreated(const deploy::DeploymentRecord& record)
{
    deliver(QJsonObject { { QStringLiteral("type"), QStringLiteral("system.deploymentCreated") },
                          { QStringLiteral("deploymentId"), record.deploymentId },
                          { QStringLiteral("modelId"), record.modelId },
                          { QStringLiteral("nodeId"), record.nodeId },
                          { QStringLiteral("createdBy"), record.deployedBy },
                          { QStringLiteral("timestamp"), protocol::nowMs() } },
            record.orgId,
            iam::Permission::ViewMetrics,
            Delivery::Always);
}

void SystemGateway::onDeploymentStatus(const deploy::DeploymentRecord& record)
{
    const QString key = QStringLiteral("deployment:") + record.deploymentId;
    const QString state = deploy::statusName(record.status) + u'/' + deploy::phaseName(record.phase);
    JobThrottle& throttle = m_jobThrottles[key];
    const qint64 now = m_monotonic.elapsed();
    const bool changed = throttle.state != state;
    if (!changed && now - throttle.lastSentMs < m_options.progressIntervalMs)
        return;
    throttle.state = state;
    throttle.lastSentMs = now;
    QJsonObject event { { QStringLiteral("type"), QStringLiteral("system.deploymentStatus") },
                        { QStringLiteral("deploymentId"), record.deploymentId },
                        { QStringLiteral("status"), deploy::statusName(record.status) },
                        { QStringLiteral("phase"), deploy::phaseName(record.phase) },
                        { QStringLiteral("progress"), record.progress },
                        { QStringLiteral("timestamp"), protocol::nowMs() } };
    if (record.status == deploy::DeploymentStatus::Running)
        event.insert(QStringLiteral("endpoint"), record.endpoint);
    if (!record.error.isEmpty())
        event.insert(QStringLiteral("error"), record.error);
    deliver(
        event, record.orgId, iam::Permission::ViewMetrics, changed ? Delivery::Always : Delivery::DropWhenBacklogged);
    if (!changed)
        return;
    if (record.status == deploy::DeploymentStatus::Running || record.status == deploy::DeploymentStatus::Failed) {
        protocol::Notification n;
        const bool running = record.status == deploy::DeploymentStatus::Running;
        n.level = running ? QStringLiteral("success") : QStringLiteral("error");
        n.title = running ? tr("Model ready") : tr("Deployment failed");
        n.message = running ? tr("%1 is running at %2").arg(record.modelId, record.endpoint)
                            : tr("%1 failed: %2").arg(record.modelId, record.error.section(u'\n', 0, 0));
        n.action = running ? QStringLiteral("deploymentRunning") : QStringLiteral("deploymentFailed");
        n.metadata = QJsonObject { { QStringLiteral("deploymentId"), record.deploymentId } };
        n.timestamp = protocol::nowMs();
        deliver(protocol::toJson(n), record.orgId, iam::Permission::ViewMetrics, Delivery::Always);
    }
    if (record.status != deploy::DeploymentStatus::Deploying)
        m_jobThrottles.remove(key);
}

void SystemGateway::onNodeOnline(const protocol::NodeOnline& event)
{
    deliver(protocol::toJson(event),
            m_options.nodeOrg ? m_options.nodeOrg(event.nodeId) : QString(),
            iam::Permission::ViewMetrics,
            Delivery::Always);
}

void SystemGateway::onNodeOffline(const protocol::NodeOffline& event)
{
    deliver(protocol::toJson(event),
            m_options.nodeOrg ? m_options.nodeOrg(event.nodeId) : QString(),
            iam::Permission::ViewMetrics,
            Delivery::Always);
}

} // namespace aiops::controller
