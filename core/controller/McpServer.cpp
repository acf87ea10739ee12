#include "core/controller/McpServer.h"

#include "core/controller/HttpRouter.h"
#include "core/controller/OpsTools.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QUrl>
#include <algorithm>

Q_LOGGING_CATEGORY(lcMcp, "aiops.mcp")

namespace aiops::controller {

using namespace Qt::StringLiterals;
using Status = QHttpServerResponse::StatusCode;

namespace {

// JSON-RPC 2.0 error codes, and the transport-level ones the MCP SDKs use in HTTP error bodies.
constexpr int ParseError = -32700;
constexpr int InvalidRequest = -32600;
constexpr int MethodNotFound = -32601;
constexpr int InvalidParams = -32602;
constexpr int TransportError = -32000;
constexpr int SessionNotFound = -32001;

// Batches were part of 2025-03-26 and earlier; 2025-06-18 removed them.
constexpr auto kLastVersionWithBatches = "2025-03-26";
// structuredContent and outputSchema arrived with 2025-06-18, tool annotations with 2025-03-26.
constexpr auto kFirstVersionWithStructuredContent = "2025-06-18";
constexpr auto kFirstVersionWithAnnotations = "2025-03-26";

QJsonObject errorMessage(const QJsonValue& id, int code, const QString& message)
{
    return QJsonObject { { u"jsonrpc"_s, u"2.0"_s },
                         { u"id"_s, id },
                         { u"error"_s, QJsonObject { { u"code"_s, code }, { u"message"_s, message } } } };
}

QJsonObject resultMessage(const QJsonValue& id, const QJsonObject& result)
{
    return QJsonObject { { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, id }, { u"result"_s, result } };
}

QHttpServerResponse jsonResponse(const QJsonDocument& document, Status status = Status::Ok)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"), document.toJson(QJsonDocument::Compact), status);
}

// An HTTP-level refusal with a JSON-RPC error body, as the MCP SDKs send them.
QHttpServerResponse transportError(Status status, int code, const QString& message)
{
    return jsonResponse(QJsonDocument(errorMessage(QJsonValue::Null, code, message)), status);
}

// The media ranges of an Accept header, lower-cased and without parameters.
QList<QByteArray> mediaRanges(const QByteArray& accept)
{
    QList<QByteArray> out;
    for (const QByteArray& part : accept.split(',')) {
        const QByteArray range = part.split(';').first().trimmed().toLower();
        if (!range.isEmpty())
            out.append(range);
    }
    return out;
}

bool accepts(const QList<QByteArray>& ranges, const QByteArray& type)
{
    const QByteArray family = type.left(type.indexOf('/')) + "/*";
    return std::any_of(
        ranges.begin(), ranges.end(), [&](const QByteArray& r) { return r == type || r == family || r == "*/*"; });
}

// A browser on this machine (localhost, 127.0.0.1, [::1], any port) may call; a page served from any
// other host may not unless configured, so a DNS-rebound name cannot reach the tools.
bool originAllowed(const QString& origin, const QStringList& configured)
{
    if (origin.isEmpty() || configured.contains(origin))
        return true;
    const QUrl url(origin);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return false;
    const QString host = url.host().toLower();
    return host == u"localhost" || host == u"127.0.0.1" || host == u"::1";
}

bool isValidId(const QJsonValue& id)
{
    return id.isString() || (id.isDouble() && std::isfinite(id.toDouble()));
}

QString toolErrorText(const Error& error)
{
    QString text = error.codeName() + u": "_s + error.message;
    if (!error.field.isEmpty() && !error.message.contains(error.field))
        text += u" (argument %1)"_s.arg(error.field);
    return text;
}

QString newSessionId()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

McpServer::McpServer(const OpsToolbox& toolbox, Options options)
    : m_toolbox(toolbox)
    , m_options(std::move(options))
{
}

const QStringList& McpServer::supportedProtocolVersions()
{
    static const QStringList versions { u"2025-11-25"_s, u"2025-06-18"_s, u"2025-03-26"_s, u"2024-11-05"_s };
    return versions;
}

qint64 McpServer::now() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

void McpServer::addRoutes(HttpRouter& router)
{
    const QJsonObject message {
        { u"type"_s, u"object"_s },
        { u"description"_s,
          u"A JSON-RPC 2.0 message (MCP Streamable HTTP): initialize, notifications/initialized, ping, "
          "tools/list, tools/call"_s },
        { u"required"_s, QJsonArray { u"jsonrpc"_s } },
        { u"properties"_s,
          QJsonObject { { u"jsonrpc"_s, QJsonObject { { u"const"_s, u"2.0"_s } } },
                        { u"id"_s, QJsonObject { { u"type"_s, QJsonArray { u"string"_s, u"integer"_s } } } },
                        { u"method"_s, QJsonObject { { u"type"_s, u"string"_s } } },
                        { u"params"_s, QJsonObject { { u"type"_s, u"object"_s } } } } },
    };
    router.add({ .method = QHttpServerRequest::Method::Post,
                 .path = u"/mcp"_s,
                 .permission = iam::Permission::UseMcpTools,
                 .summary = u"MCP server (Streamable HTTP, JSON replies): the read-only ops tools for agents"_s,
                 .tag = u"mcp"_s,
                 .handler = [this](RequestContext& c) { return post(c); },
                 .maxBodyBytes = m_options.maxBodyBytes,
                 .audited = false, // read-only tools; denials are still audited by the router
                 .requestSchema = message });
    router.add({ .method = QHttpServerRequest::Method::Delete,
                 .path = u"/mcp"_s,
                 .permission = iam::Permission::UseMcpTools,
                 .summary = u"End the MCP session named by Mcp-Session-Id"_s,
                 .tag = u"mcp"_s,
                 .handler = [this](RequestContext& c) { return remove(c); },
                 .audited = false,
                 .successStatus = u"204"_s });
}

void McpServer::expireSessions()
{
    const qint64 cutoff = now() - qint64(m_options.sessionIdleSeconds) * 1000;
    for (auto it = m_sessions.begin(); it != m_sessions.end();)
        it = it->lastUsedMs < cutoff ? m_sessions.erase(it) : std::next(it);
}

McpServer::Session* McpServer::sessionOf(const RequestContext& context, std::optional<QHttpServerResponse>& error)
{
    const QByteArray id = context.request.value("Mcp-Session-Id").trimmed();
    if (id.isEmpty()) {
        error = transportError(Status::BadRequest,
                               TransportError,
                               u"Bad Request: the Mcp-Session-Id header is required after initialize"_s);
        return nullptr;
    }
    const auto it = m_sessions.find(id);
    // Another caller's session is reported as unknown: a session id is not a credential.
    if (it == m_sessions.end() || it->subject != context.principal.subject || it->kind != context.principal.kind) {
        error = transportError(Status::NotFound, SessionNotFound, u"Session not found: initialize a new one"_s);
        return nullptr;
    }
    const QByteArray version = context.request.value("MCP-Protocol-Version").trimmed();
    if (!version.isEmpty() && !supportedProtocolVersions().contains(QString::fromLatin1(version))) {
        error = transportError(Status::BadRequest,
                               TransportError,
                               u"Bad Request: unsupported MCP-Protocol-Version %1 (supported: %2)"_s.arg(
                                   QString::fromLatin1(version), supportedProtocolVersions().join(u", "_s)));
        return nullptr;
    }
    it->lastUsedMs = now();
    return &*it;
}

QHttpServerResponse McpServer::post(const RequestContext& context)
{
    const QHttpServerRequest& request = context.request;
    const QString origin = QString::fromUtf8(request.value("Origin"));
    if (!originAllowed(origin, m_options.corsOrigins))
        return transportError(Status::Forbidden, TransportError, u"Forbidden: origin %1 is not allowed"_s.arg(origin));
    const QList<QByteArray> ranges = mediaRanges(request.value("Accept"));
    if (!accepts(ranges, "application/json") || !accepts(ranges, "text/event-stream"))
        return transportError(Status::NotAcceptable,
                              TransportError,
                              u"Not Acceptable: the client must accept both application/json and text/event-stream"_s);
    const QByteArray contentType = request.value("Content-Type").split(';').first().trimmed().toLower();
    if (contentType != "application/json")
        return transportError(Status::UnsupportedMediaType,
                              TransportError,
                              u"Unsupported Media Type: the body must be application/json"_s);

    expireSessions();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return transportError(Status::BadRequest, ParseError, u"Parse error: %1"_s.arg(parseError.errorString()));

    if (document.isArray()) {
        const QJsonArray batch = document.array();
        if (batch.isEmpty())
            return transportError(Status::BadRequest, InvalidRequest, u"Invalid Request: empty batch"_s);
        std::optional<QHttpServerResponse> refused;
        Session* session = sessionOf(context, refused);
        if (!session)
            return std::move(*refused);
        if (session->protocolVersion > QLatin1String(kLastVersionWithBatches))
            return transportError(Status::BadRequest,
                                  InvalidRequest,
                                  u"Invalid Request: protocol version %1 does not allow JSON-RPC batches"_s.arg(
                                      session->protocolVersion));
        QJsonArray replies;
        for (const QJsonValue& item : batch) {
            const QJsonObject message = item.toObject();
            if (!item.isObject())
                replies.append(errorMessage(QJsonValue::Null, InvalidRequest, u"Invalid Request: not an object"_s));
            else if (message.value(u"method"_s) == u"initialize"_s)
                replies.append(errorMessage(message.value(u"id"_s),
                                            InvalidRequest,
                                            u"Invalid Request: initialize must not be part of a batch"_s));
            else if (auto reply = handleMessage(message, context.principal, session, nullptr))
                replies.append(*reply);
        }
        if (replies.isEmpty())
            return QHttpServerResponse(Status::Accepted);
        return jsonResponse(QJsonDocument(replies));
    }
    if (!document.isObject())
        return transportError(Status::BadRequest, InvalidRequest, u"Invalid Request: not a JSON-RPC message"_s);

    const QJsonObject message = document.object();
    Session* session = nullptr;
    const bool initializing = message.value(u"method"_s) == u"initialize"_s && message.contains(u"id"_s);
    if (!initializing) {
        std::optional<QHttpServerResponse> refused;
        session = sessionOf(context, refused);
        if (!session)
            return std::move(*refused);
    }
    QByteArray opened;
    const std::optional<QJsonObject> reply = handleMessage(message, context.principal, session, &opened);
    if (!reply)
        return QHttpServerResponse(Status::Accepted);
    const int code = reply->value(u"error"_s).toObject().value(u"code"_s).toInt();
    QHttpServerResponse response
        = jsonResponse(QJsonDocument(*reply), code == InvalidRequest ? Status::BadRequest : Status::Ok);
    if (!opened.isEmpty())
        response.setHeader("Mcp-Session-Id", opened);
    return response;
}

QHttpServerResponse McpServer::remove(const RequestContext& context)
{
    std::optional<QHttpServerResponse> refused;
    Session* session = sessionOf(context, refused);
    if (!session)
        return std::move(*refused);
    m_sessions.remove(context.request.value("Mcp-Session-Id").trimmed());
    return QHttpServerResponse(Status::NoContent);
}

std::optional<QJsonObject> McpServer::handleMessage(const QJsonObject& message,
                                                    const iam::Principal& principal,
                                                    Session* session,
                                                    QByteArray* openedSession)
{
    const QJsonValue id = message.value(u"id"_s);
    const bool hasId = message.contains(u"id"_s);
    if (message.value(u"jsonrpc"_s) != u"2.0"_s)
        return errorMessage(isValidId(id) ? id : QJsonValue(QJsonValue::Null),
                            InvalidRequest,
                            u"Invalid Request: jsonrpc must be \"2.0\""_s);
    if (!message.contains(u"method"_s)) {
        // A response to a server request: this server sends none, so there is nothing to match it to.
        if (hasId && (message.contains(u"result"_s) || message.contains(u"error"_s)))
            return std::nullopt;
        return errorMessage(
            isValidId(id) ? id : QJsonValue(QJsonValue::Null), InvalidRequest, u"Invalid Request: no method"_s);
    }
    const QJsonValue methodValue = message.value(u"method"_s);
    if (!methodValue.isString() || (hasId && !isValidId(id)))
        return errorMessage(isValidId(id) ? id : QJsonValue(QJsonValue::Null),
                            InvalidRequest,
                            u"Invalid Request: method must be a string and id a string or a number"_s);
    const QString method = methodValue.toString();
    const QJsonValue paramsValue = message.value(u"params"_s);
    if (!paramsValue.isUndefined() && !paramsValue.isObject()) {
        if (!hasId)
            return std::nullopt;
        return errorMessage(id, InvalidParams, u"Invalid params: params must be an object"_s);
    }
    const QJsonObject params = paramsValue.toObject();

    if (!hasId) {
        if (method == u"notifications/initialized" && session)
            session->initialized = true;
        return std::nullopt; // notifications/cancelled and others need nothing: every reply is immediate
    }
    if (method == u"initialize") {
        if (!openedSession)
            return errorMessage(id, InvalidRequest, u"Invalid Request: initialize must not be part of a batch"_s);
        return initialize(id, params, principal, openedSession);
    }
    if (!session)
        return errorMessage(id, InvalidRequest, u"Invalid Request: initialize first"_s);
    if (method == u"ping")
        return resultMessage(id, {});
    if (method == u"tools/list")
        return toolsList(id, principal, *session);
    if (method == u"tools/call")
        return toolsCall(id, params, principal, *session);
    return errorMessage(id, MethodNotFound, u"Method not found: %1"_s.arg(method));
}

QJsonObject McpServer::initialize(const QJsonValue& id,
                                  const QJsonObject& params,
                                  const iam::Principal& principal,
                                  QByteArray* opened)
{
    const QJsonValue requested = params.value(u"protocolVersion"_s);
    if (!requested.isString())
        return errorMessage(id, InvalidParams, u"Invalid params: protocolVersion must be a string"_s);
    const QStringList& supported = supportedProtocolVersions();
    const QString version = supported.contains(requested.toString()) ? requested.toString() : supported.first();

    while (!m_sessions.isEmpty() && m_sessions.size() >= m_options.maxSessions) {
        auto oldest = std::min_element(m_sessions.begin(), m_sessions.end(), [](const Session& a, const Session& b) {
            return a.lastUsedMs < b.lastUsedMs;
        });
        m_sessions.erase(oldest);
    }
    const QByteArray sessionId = newSessionId().toLatin1();
    m_sessions.insert(
        sessionId,
        Session {
            .subject = principal.subject, .kind = principal.kind, .protocolVersion = version, .lastUsedMs = now() });
    *opened = sessionId;
    const QString client = params.value(u"clientInfo"_s).toObject().value(u"name"_s).toString();
    qCInfo(lcMcp).noquote() << u"session opened by %1 (client %2, protocol %3)"_s.arg(
        principal.subject, client.isEmpty() ? u"-"_s : client.left(64), version);
    return resultMessage(
        id,
        QJsonObject {
            { u"protocolVersion"_s, version },
            { u"capabilities"_s, QJsonObject { { u"tools"_s, QJsonObject { { u"listChanged"_s, false } } } } },
            { u"serverInfo"_s,
              QJsonObject { { u"name"_s, u"aiops-controller"_s },
                            { u"title"_s, u"AIOps Console controller"_s },
                            { u"version"_s, m_options.serverVersion } } },
            { u"instructions"_s,
              u"Read-only tools over the AIOps fleet of your organization: GPU nodes and their metrics, model "
              "deployments and the model registry. Call gpuReport to find hot or full GPUs."_s },
        });
}

QJsonObject McpServer::toolsList(const QJsonValue& id, const iam::Principal& principal, const Session& session) const
{
    const bool structured = session.protocolVersion >= QLatin1String(kFirstVersionWithStructuredContent);
    const bool annotated = session.protocolVersion >= QLatin1String(kFirstVersionWithAnnotations);
    QJsonArray tools;
    for (const OpsTool& tool : m_toolbox.toolsFor(principal)) {
        QJsonObject entry { { u"name"_s, tool.name },
                            { u"description"_s, tool.description },
                            { u"inputSchema"_s, tool.inputSchema } };
        if (structured && !tool.outputSchema.isEmpty())
            entry.insert(u"outputSchema"_s, tool.outputSchema);
        if (annotated && !tool.annotations.isEmpty())
            entry.insert(u"annotations"_s, tool.annotations);
        tools.append(entry);
    }
    return resultMessage(id, QJsonObject { { u"tools"_s, tools } });
}

QJsonObject McpServer::toolsCall(const QJsonValue& id,
                                 const QJsonObject& params,
                                 const iam::Principal& principal,
                                 const Session& session) const
{
    const QJsonValue name = params.value(u"name"_s);
    if (!name.isString())
        return errorMessage(id, InvalidParams, u"Invalid params: name must be a string"_s);
    const QJsonValue arguments = params.value(u"arguments"_s);
    if (!arguments.isUndefined() && !arguments.isNull() && !arguments.isObject())
        return errorMessage(id, InvalidParams, u"Invalid params: arguments must be an object"_s);
    if (!m_toolbox.find(name.toString()))
        return errorMessage(id, InvalidParams, u"Unknown tool: %1"_s.arg(name.toString()));

    // Everything from here on is the tool's outcome: an error is a result the model can read and act on.
    const Result<QJsonObject> outcome = m_toolbox.call(principal, name.toString(), arguments.toObject());
    if (!outcome)
        return resultMessage(
            id,
            QJsonObject { { u"content"_s,
                            QJsonArray { QJsonObject { { u"type"_s, u"text"_s },
                                                       { u"text"_s, toolErrorText(outcome.error()) } } } },
                          { u"isError"_s, true } });
    QJsonObject result {
        { u"content"_s,
          QJsonArray { QJsonObject {
              { u"type"_s, u"text"_s },
              { u"text"_s, QString::fromUtf8(QJsonDocument(*outcome).toJson(QJsonDocument::Compact)) } } } },
        { u"isError"_s, false },
    };
    if (session.protocolVersion >= QLatin1String(kFirstVersionWithStructuredContent))
        result.insert(u"structuredContent"_s, *outcome);
    return resultMessage(id, result);
}

} // namespace aiops::controller
