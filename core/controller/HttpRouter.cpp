#include "core/controller/HttpRouter.h"

#include "core/iam/IamService.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QUuid>
#include <exception>

Q_LOGGING_CATEGORY(lcHttp, "aiops.http")

namespace aiops::controller {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

namespace {

constexpr int MaxIdempotencyEntries = 10000;
constexpr qsizetype MaxIdempotencyKeyLength = 255;

const QList<Method> kKnownMethods { Method::Get, Method::Post, Method::Patch, Method::Put, Method::Delete };

bool isMutating(Method method)
{
    return method == Method::Post || method == Method::Patch || method == Method::Put || method == Method::Delete;
}

QString newRequestId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A caller-supplied X-Request-Id is kept when it is short and plain, so it can be traced end to end.
QString requestIdFor(const QHttpServerRequest& request)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._:-]{1,64}$"));
    const QString given = QString::fromLatin1(request.value("X-Request-Id"));
    return plain.match(given).hasMatch() ? given : newRequestId();
}

QString clientIp(const QHttpServerRequest& request)
{
    QHostAddress address = request.remoteAddress();
    bool ok = false;
    const QHostAddress v4(address.toIPv4Address(&ok));
    return ok ? v4.toString() : address.toString();
}

QString actorType(iam::PrincipalKind kind)
{
    switch (kind) {
    case iam::PrincipalKind::User: return QStringLiteral("user");
    case iam::PrincipalKind::ApiKey: return QStringLiteral("apiKey");
    case iam::PrincipalKind::Node:
    case iam::PrincipalKind::Enrollment: return QStringLiteral("node");
    case iam::PrincipalKind::System: return QStringLiteral("system");
    }
    return QStringLiteral("user");
}

QString openApiPath(const QString& path)
{
    QStringList segments = path.split(u'/');
    for (QString& segment : segments) {
        if (segment.startsWith(u':'))
            segment = u'{' + segment.mid(1) + u'}';
    }
    return segments.join(u'/');
}

QJsonObject errorSchemaRef()
{
    return QJsonObject {
        { QStringLiteral("description"), QStringLiteral("Error") },
        { QStringLiteral("content"),
          QJsonObject { { QStringLiteral("application/json"),
                          QJsonObject { { QStringLiteral("schema"),
                                          QJsonObject { { QStringLiteral("$ref"),
                                                          QStringLiteral("#/components/schemas/Error") } } } } } } }
    };
}

} // namespace

struct HttpRouter::Match
{
    const Route* route = nullptr;
    QHash<QString, QString> params;
};

struct HttpRouter::IdempotentReply
{
    QByteArray bodyHash;
    qint64 expiresMs = 0;
    int status = 200;
    QByteArray mimeType;
    QByteArray data;
};

QString methodName(Method method)
{
    switch (method) {
    case Method::Get: return QStringLiteral("GET");
    case Method::Post: return QStringLiteral("POST");
    case Method::Patch: return QStringLiteral("PATCH");
    case Method::Put: return QStringLiteral("PUT");
    case Method::Delete: return QStringLiteral("DELETE");
    case Method::Head: return QStringLiteral("HEAD");
    case Method::Options: return QStringLiteral("OPTIONS");
    default: return QStringLiteral("OTHER");
    }
}

QHttpServerResponse errorResponse(const Error& error)
{
    QJsonObject body { { QStringLiteral("errorCode"), error.codeName() },
                       { QStringLiteral("message"), error.message } };
    if (!error.field.isEmpty())
        body.insert(QStringLiteral("field"), error.field);
    if (error.retryAfterSeconds > 0)
        body.insert(QStringLiteral("retryAfterSeconds"), error.retryAfterSeconds);
    QHttpServerResponse response(body, static_cast<Status>(httpStatusFor(error.code)));
    if (error.retryAfterSeconds > 0)
        response.setHeader("Retry-After", QByteArray::number(error.retryAfterSeconds));
    if (error.code == ErrorCode::Unauthorized)
        response.setHeader("WWW-Authenticate", "Bearer realm=\"aiops\""); // RFC 6750: a 401 names the scheme
    return response;
}

HttpRouter::HttpRouter(iam::IamService* iam, Options options)
    : m_iam(iam)
    , m_options(std::move(options))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

HttpRouter::~HttpRouter() = default;

bool HttpRouter::add(Route route)
{
    const bool oneHandler = bool(route.handler) != bool(route.stream);
    if (!route.permission || !oneHandler || route.summary.isEmpty() || !route.path.startsWith(u'/')) {
        qCCritical(lcHttp) << "route" << methodName(route.method) << route.path
                           << "refused: every route declares a permission, a summary and a handler";
        return false;
    }
    m_routes.append(std::move(route));
    return true;
}

void HttpRouter::install(QHttpServer& server)
{
    server.setMissingHandler(
        [this](const QHttpServerRequest& request, QHttpServerResponder&& responder) { dispatch(request, responder); });
}

qint64 HttpRouter::now() const
{
    return m_clock();
}

std::optional<HttpRouter::Match>
HttpRouter::match(const QString& path, Method method, bool& pathKnown, QStringList& allowed) const
{
    const QStringList segments = path.split(u'/');
    pathKnown = false;
    std::optional<Match> found;
    for (const Route& route : m_routes) {
        const QStringList pattern = route.path.split(u'/');
        if (pattern.size() != segments.size())
            continue;
        QHash<QString, QString> params;
        bool ok = true;
        for (qsizetype i = 0; i < pattern.size() && ok; ++i) {
            if (pattern[i].startsWith(u':')) {
                ok = !segments[i].isEmpty();
                params.insert(pattern[i].mid(1), segments[i]);
            } else {
                ok = pattern[i] == segments[i];
            }
        }
        if (!ok)
            continue;
        // A literal route ("/nodes/credentials") wins over a parameter route ("/nodes/:nodeId")
        // because literal routes are added first.
        pathKnown = true;
        if (!allowed.contains(methodName(route.method)))
            allowed.append(methodName(route.method));
        if (route.method == method && !found)
            found = Match { &route, std::move(params) };
    }
    return found;
}

Result<void> HttpRouter::takeRateToken(const QString& caller, bool authenticated)
{
    const int limit = authenticated ? m_options.authenticatedPerMinute : m_options.anonymousPerMinute;
    if (limit <= 0)
        return {};
    const qint64 nowMs = now();
    Window& window = m_rate[caller];
    if (nowMs - window.startMs >= 60000) {
        window.startMs = nowMs;
        window.count = 0;
    }
    if (window.count >= limit) {
        Error error { ErrorCode::RateLimited, QStringLiteral("Too many requests: %1 per minute allowed").arg(limit) };
        error.retryAfterSeconds = static_cast<int>((window.startMs + 60000 - nowMs + 999) / 1000);
        return std::unexpected(error);
    }
    ++window.count;
    // Forget idle callers now and then so the table stays small.
    if (m_rate.size() > 10000) {
        for (auto it = m_rate.begin(); it != m_rate.end();)
            it = nowMs - it->startMs >= 60000 ? m_rate.erase(it) : std::next(it);
    }
    return {};
}

void HttpRouter::dispatch(const QHttpServerRequest& request, QHttpServerResponder& responder)
{
    if (m_passthrough && m_passthrough(request, responder))
        return;
    QElapsedTimer timer;
    timer.start();
    const QString requestId = requestIdFor(request);
    const QString ip = clientIp(request);
    const Route* route = nullptr;
    iam::Principal principal;

    int streamedStatus = 0;
    std::optional<QHttpServerResponse> reply = [&]() -> std::optional<QHttpServerResponse> {
        // Nothing thrown by a library may reach the HTTP server's event loop.
        try {
            return handle(request, requestId, route, principal, responder, streamedStatus);
        } catch (const std::exception& e) {
            qCWarning(lcHttp) << "request" << requestId << "handler threw:" << e.what();
            return errorResponse(Error { ErrorCode::Internal, QStringLiteral("Unexpected error") });
        } catch (...) {
            return errorResponse(Error { ErrorCode::Internal, QStringLiteral("Unexpected error") });
        }
    }();
    if (!reply) {
        audit(request, route, principal, requestId, ip, streamedStatus, {});
        qCInfo(lcHttp).noquote() << QStringLiteral("request=%1 %2 %3 status=%4 actor=%5 ms=%6 streamed")
                                        .arg(requestId, methodName(request.method()), request.url().path())
                                        .arg(streamedStatus)
                                        .arg(principal.subject.isEmpty() ? QStringLiteral("-") : principal.subject)
                                        .arg(timer.elapsed());
        return;
    }
    const QHttpServerResponse& response = *reply;

    const int status = static_cast<int>(response.statusCode());
    QByteArray data = response.data();
    QByteArray mime = response.mimeType();
    // Every error body names the request, so a user can quote it and an operator can find the log line.
    if (status >= 400 && mime.contains("json")) {
        QJsonObject body = QJsonDocument::fromJson(data).object();
        if (body.contains(QStringLiteral("errorCode"))) {
            body.insert(QStringLiteral("requestId"), requestId);
            data = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
    }
    QHttpServerResponse out(mime, data, response.statusCode());
    for (const QByteArray& name : { QByteArrayLiteral("Retry-After"),
                                    QByteArrayLiteral("Allow"),
                                    QByteArrayLiteral("Access-Control-Allow-Methods"),
                                    QByteArrayLiteral("Access-Control-Allow-Headers"),
                                    QByteArrayLiteral("Access-Control-Max-Age"),
                                    QByteArrayLiteral("Idempotent-Replayed"),
                                    QByteArrayLiteral("Location"),
                                    QByteArrayLiteral("Content-Range"),
                                    QByteArrayLiteral("WWW-Authenticate"),
                                    QByteArrayLiteral("Mcp-Session-Id") }) {
        const auto values = response.headers(name);
        if (!values.isEmpty())
            out.setHeader(QByteArray(name), values.constFirst());
    }
    out.setHeader("X-Request-Id", requestId.toLatin1());
    if (m_options.closeConnections)
        out.setHeader("Connection", "close");
    const QString origin = QString::fromUtf8(request.value("Origin"));
    if (!origin.isEmpty() && m_options.corsOrigins.contains(origin)) {
        out.setHeader("Access-Control-Allow-Origin", origin.toUtf8());
        out.setHeader("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, Mcp-Session-Id, WWW-Authenticate");
        out.setHeader("Vary", "Origin");
    }
    out.write(std::move(responder));

    audit(request, route, principal, requestId, ip, status, data);
    qCInfo(lcHttp).noquote() << QStringLiteral("request=%1 %2 %3 status=%4 actor=%5 ms=%6")
                                    .arg(requestId, methodName(request.method()), request.url().path())
                                    .arg(status)
                                    .arg(principal.subject.isEmpty() ? QStringLiteral("-") : principal.subject)
                                    .arg(timer.elapsed());
}

std::optional<QHttpServerResponse> HttpRouter::handle(const QHttpServerRequest& request,
                                                      const QString& requestId,
                                                      const Route*& matched,
                                                      iam::Principal& principal,
                                                      QHttpServerResponder& responder,
                                                      int& streamedStatus)
{
    const QString path = request.url().path();
    const Method method = request.method();
    const QString origin = QString::fromUtf8(request.value("Origin"));

    bool pathKnown = false;
    QStringList allowed;
    const bool preflight = method == Method::Options;
    auto found = match(path, preflight ? Method::Unknown : method, pathKnown, allowed);
    if (!pathKnown)
        return errorResponse(Error { ErrorCode::NotFound, QStringLiteral("No route %1").arg(path) });

    if (preflight) {
        if (origin.isEmpty() || !m_options.corsOrigins.contains(origin))
            return errorResponse(Error {
                ErrorCode::Forbidden,
                QStringLiteral("Origin %1 is not allowed").arg(origin.isEmpty() ? QStringLiteral("(none)") : origin) });
        QHttpServerResponse response(Status::NoContent);
        response.setHeader("Access-Control-Allow-Methods", allowed.join(QStringLiteral(", ")).toLatin1());
        response.setHeader("Access-Control-Allow-Headers",
                           "Authorization, Content-Type, Idempotency-Key, X-Request-Id, Mcp-Session-Id, "
                           "MCP-Protocol-Version");
        response.setHeader("Access-Control-Max-Age", "600");
        return response;
    }
    if (!found) {
        auto response = errorResponse(Error { ErrorCode::MethodNotAllowed,
                                              QStringLiteral("Method %1 not allowed on %2 (allowed: %3)")
                                                  .arg(methodName(method), path, allowed.join(QStringLiteral(", "))) });
        response.setHeader("Allow", allowed.join(QStringLiteral(", ")).toLatin1());
        return response;
    }
    const Route& route = *found->route;
    matched = &route;

    if (request.body().size() > route.maxBodyBytes)
        return errorResponse(Error { ErrorCode::PayloadTooLarge,
                                     QStringLiteral("The body is %1 bytes; this route accepts at most %2")
                                         .arg(request.body().size())
                                         .arg(route.maxBodyBytes) });

    const QString ip = clientIp(request);
    if (*route.permission != iam::Permission::Public) {
        const QByteArray header = request.value("Authorization");
        if (header.isEmpty())
            return errorResponse(
                Error { ErrorCode::Unauthorized, QStringLiteral("This route needs an Authorization: Bearer token") });
        if (!header.startsWith("Bearer ") || header.size() <= 7)
            return errorResponse(Error { ErrorCode::Unauthorized,
                                         QStringLiteral("The Authorization header must be \"Bearer <token>\"") });
        if (!m_iam)
            return errorResponse(Error { ErrorCode::Unavailable, QStringLiteral("Identity service not running") });
        auto who = m_iam->authenticateBearer(QByteArrayView(header).sliced(7).trimmed());
        if (!who)
            return errorResponse(who.error());
        principal = std::move(*who);
    }

    if (route.rateLimited) {
        const bool authenticated = !principal.subject.isEmpty();
        if (auto ok = takeRateToken(authenticated ? principal.subject : ip, authenticated); !ok)
            return errorResponse(ok.error());
    }

    RequestContext context { request, std::move(found->params), principal, requestId, ip, {} };
    if (route.resourceOrg) {
        auto org = route.resourceOrg(context);
        if (!org) {
            // Do not tell a caller without read access whether the target exists.
            if (auto ok = iam::authorize(principal, *route.permission, principal.orgId); !ok)
                return errorResponse(ok.error());
            return errorResponse(org.error());
        }
        context.resourceOrgId = *org;
    } else {
        const QString requested = QUrlQuery(request.url()).queryItemValue(QStringLiteral("orgId"));
        context.resourceOrgId = requested.isEmpty() ? principal.orgId : requested;
    }
    if (auto ok = iam::authorize(principal, *route.permission, context.resourceOrgId); !ok)
        return errorResponse(ok.error());

    // API keys: model scope, rate limit and quota before anything is served. MCP calls (an agent's
    // tools) count against the same rate limit and request quota; they name no model.
    if (principal.kind == iam::PrincipalKind::ApiKey && *route.permission == iam::Permission::Inference) {
        QString model = context.param(QStringLiteral("model"));
        if (model.isEmpty())
            model = QJsonDocument::fromJson(request.body()).object().value(QStringLiteral("model")).toString();
        if (auto ok = m_iam->admitApiKeyRequest(principal.subject, model); !ok)
            return errorResponse(ok.error());
    } else if (principal.kind == iam::PrincipalKind::ApiKey && *route.permission == iam::Permission::UseMcpTools) {
        if (auto ok = m_iam->admitApiKeyRequest(principal.subject, std::nullopt); !ok)
            return errorResponse(ok.error());
    }

    // Idempotency-Key: a retried create returns the first reply instead of creating twice.
    const QByteArray idempotencyKey = request.value("Idempotency-Key");
    QString cacheKey;
    QByteArray bodyHash;
    if (route.createsResource && !idempotencyKey.isEmpty()) {
        if (idempotencyKey.size() > MaxIdempotencyKeyLength)
            return errorResponse(
                Error { ErrorCode::InvalidValue,
                        QStringLiteral("Idempotency-Key is longer than %1 characters").arg(MaxIdempotencyKeyLength),
                        QStringLiteral("Idempotency-Key") });
        cacheKey = principal.subject + u'\n' + route.path + u'\n' + QString::fromUtf8(idempotencyKey);
        bodyHash = QCryptographicHash::hash(request.body(), QCryptographicHash::Sha256);
        const qint64 nowMs = now();
        if (auto it = m_idempotency.find(cacheKey); it != m_idempotency.end()) {
            if ((*it)->expiresMs > nowMs) {
                if ((*it)->bodyHash != bodyHash)
                    return errorResponse(
                        Error { ErrorCode::Conflict,
                                QStringLiteral("Idempotency-Key was already used with a different body"),
                                QStringLiteral("Idempotency-Key") });
                QHttpServerResponse replay((*it)->mimeType, (*it)->data, static_cast<Status>((*it)->status));
                replay.setHeader("Idempotent-Replayed", "true");
                return replay;
            }
            m_idempotency.erase(it);
        }
    }

    if (route.stream) {
        auto direct = route.stream(context, responder);
        streamedStatus = context.streamedStatus;
        return direct;
    }
    QHttpServerResponse response = route.handler(context);

    if (!cacheKey.isEmpty()) {
        const int status = static_cast<int>(response.statusCode());
        if (status < 500) {
            if (m_idempotency.size() >= MaxIdempotencyEntries) {
                const qint64 nowMs = now();
                for (auto it = m_idempotency.begin(); it != m_idempotency.end();)
                    it = (*it)->expiresMs <= nowMs ? m_idempotency.erase(it) : std::next(it);
                if (m_idempotency.size() >= MaxIdempotencyEntries)
                    m_idempotency.erase(m_idempotency.begin());
            }
            auto reply = std::make_shared<IdempotentReply>();
            reply->bodyHash = bodyHash;
            reply->expiresMs = now() + qint64(m_options.idempotencyTtlSeconds) * 1000;
            reply->status = status;
            reply->mimeType = response.mimeType();
            reply->data = response.data();
            m_idempotency.insert(cacheKey, std::move(reply));
        }
    }
    return response;
}

void HttpRouter::audit(const QHttpServerRequest& request,
                       const Route* route,
                       const iam::Principal& principal,
                       const QString& requestId,
                       const QString& ip,
                       int status,
                       const QByteArray& body) const
{
    if (!m_iam)
        return;
    const bool denied = status == 401 || status == 403;
    const bool mutating = isMutating(request.method());
    if (!denied && !(mutating && route && route->audited))
        return;
    if (!denied && status == 404 && !route)
        return;

    iam::AuditEvent event;
    event.eventType = denied ? QStringLiteral("access") : QStringLiteral("action");
    event.actorType = principal.subject.isEmpty() ? QStringLiteral("anonymous") : actorType(principal.kind);
    event.actorId = principal.subject.isEmpty() ? ip : principal.subject;
    event.actorName = principal.displayName;
    event.actorIp = ip;
    event.resourceType = QStringLiteral("endpoint");
    event.resourcePath = request.url().path();
    switch (request.method()) {
    case Method::Delete: event.action = QStringLiteral("delete"); break;
    case Method::Get: event.action = QStringLiteral("read"); break;
    default: event.action = QStringLiteral("write"); break;
    }
    if (route && *route->permission == iam::Permission::Detokenize)
        event.action = QStringLiteral("execute");
    event.outcome
        = denied ? QStringLiteral("denied") : (status < 400 ? QStringLiteral("success") : QStringLiteral("failure"));
    QJsonObject details { { QStringLiteral("method"), methodName(request.method()) },
                          { QStringLiteral("status"), status } };
    if (route)
        details.insert(QStringLiteral("route"), route->path);
    if (status >= 400) {
        const QJsonObject error = QJsonDocument::fromJson(body).object();
        details.insert(QStringLiteral("errorCode"), error.value(QStringLiteral("errorCode")));
        details.insert(QStringLiteral("reason"), error.value(QStringLiteral("message")));
    }
    event.details = details;
    const bool sensitive = route
        && (*route->permission == iam::Permission::ManageUsers || *route->permission == iam::Permission::ManageApiKeys
            || *route->permission == iam::Permission::ManageOrganizations
            || *route->permission == iam::Permission::Detokenize);
    event.riskLevel = sensitive                        ? QStringLiteral("high")
        : denied || request.method() == Method::Delete ? QStringLiteral("medium")
                                                       : QStringLiteral("low");
    event.requestId = requestId;
    m_iam->audit(std::move(event));
}

QJsonObject HttpRouter::openApi(const QString& version) const
{
    QJsonObject paths;
    for (const Route& route : m_routes) {
        const QString path = openApiPath(route.path);
        QJsonObject item = paths.value(path).toObject();
        QJsonObject operation { { QStringLiteral("summary"), route.summary },
                                { QStringLiteral("operationId"),
                                  QString(methodName(route.method).toLower()
                                          + QString(route.path).replace(u'/', u'_').replace(u':', u'$')) },
                                { QStringLiteral("x-permission"), iam::permissionName(*route.permission) } };
        if (!route.tag.isEmpty())
            operation.insert(QStringLiteral("tags"), QJsonArray { route.tag });
        QJsonArray roles;
        for (const iam::Role role : iam::rolesGranting(*route.permission))
            roles.append(iam::roleName(role));
        operation.insert(QStringLiteral("x-roles"), roles);
        QJsonArray parameters;
        for (const QString& segment : route.path.split(u'/')) {
            if (segment.startsWith(u':'))
                parameters.append(
                    QJsonObject { { QStringLiteral("name"), segment.mid(1) },
                                  { QStringLiteral("in"), QStringLiteral("path") },
                                  { QStringLiteral("required"), true },
                                  { QStringLiteral("schema"),
                                    QJsonObject { { QStringLiteral("type"), QStringLiteral("string") } } } });
        }
        if (route.createsResource)
            parameters.append(
                QJsonObject { { QStringLiteral("name"), QStringLiteral("Idempotency-Key") },
                              { QStringLiteral("in"), QStringLiteral("header") },
                              { QStringLiteral("required"), false },
                              { QStringLiteral("schema"),
                                QJsonObject { { QStringLiteral("type"), QStringLiteral("string") },
                                              { QStringLiteral("maxLength"), int(MaxIdempotencyKeyLength) } } } });
        if (!parameters.isEmpty())
            operation.insert(QStringLiteral("parameters"), parameters);
        if (!route.requestSchema.isEmpty())
            operation.insert(
                QStringLiteral("requestBody"),
                QJsonObject {
                    { QStringLiteral("required"), true },
                    { QStringLiteral("content"),
                      QJsonObject { { QStringLiteral("application/json"),
                                      QJsonObject { { QStringLiteral("schema"), route.requestSchema } } } } } });
        if (*route.permission == iam::Permission::Public)
            operation.insert(QStringLiteral("security"), QJsonArray {});
        QJsonObject responses { { route.successStatus,
                                  QJsonObject { { QStringLiteral("description"), QStringLiteral("Success") } } },
                                { QStringLiteral("400"), errorSchemaRef() },
                                { QStringLiteral("413"), errorSchemaRef() },
                                { QStringLiteral("429"), errorSchemaRef() } };
        if (*route.permission != iam::Permission::Public) {
            responses.insert(QStringLiteral("401"), errorSchemaRef());
            responses.insert(QStringLiteral("403"), errorSchemaRef());
        }
        operation.insert(QStringLiteral("responses"), responses);
        item.insert(methodName(route.method).toLower(), operation);
        paths.insert(path, item);
    }
    const QJsonObject errorSchema {
        { QStringLiteral("type"), QStringLiteral("object") },
        { QStringLiteral("required"),
          QJsonArray { QStringLiteral("errorCode"), QStringLiteral("message"), QStringLiteral("requestId") } },
        { QStringLiteral("properties"),
          QJsonObject {
              { QStringLiteral("errorCode"), QJsonObject { { QStringLiteral("type"), QStringLiteral("string") } } },
              { QStringLiteral("message"), QJsonObject { { QStringLiteral("type"), QStringLiteral("string") } } },
              { QStringLiteral("requestId"), QJsonObject { { QStringLiteral("type"), QStringLiteral("string") } } },
              { QStringLiteral("field"), QJsonObject { { QStringLiteral("type"), QStringLiteral("string") } } },
              { QStringLiteral("retryAfterSeconds"),
                QJsonObject { { QStringLiteral("type"), QStringLiteral("integer") } } } } },
    };
    return QJsonObject {
        { QStringLiteral("openapi"), QStringLiteral("3.0.3") },
        { QStringLiteral("info"),
          QJsonObject { { QStringLiteral("title"), QStringLiteral("AIOps Console controller API") },
                        { QStringLiteral("version"), version } } },
        { QStringLiteral("paths"), paths },
        { QStringLiteral("security"), QJsonArray { QJsonObject { { QStringLiteral("bearer"), QJsonArray {} } } } },
        { QStringLiteral("components"),
          QJsonObject { { QStringLiteral("securitySchemes"),
                          QJsonObject { { QStringLiteral("bearer"),
                                          QJsonObject { { QStringLiteral("type"), QStringLiteral("http") },
                                                        { QStringLiteral("scheme"), QStringLiteral("bearer") },
                                                        { QStringLiteral("bearerFormat"),
                                                          QStringLiteral("JWT or API key") } } } } },
                        { QStringLiteral("schemas"), QJsonObject { { QStringLiteral("Error"), errorSchema } } } } },
    };
}

} // namespace aiops::controller
