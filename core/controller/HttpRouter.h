#pragma once

#include "core/iam/Permissions.h"
#include "core/iam/Principal.h"
#include "core/protocol/Error.h"

#include <QDateTime>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

class QHttpServer;
class QHttpServerResponder;

namespace aiops::iam {
class IamService;
}

namespace aiops::controller {

// What a route handler gets: the request, its path parameters, who is calling and the request id.
struct RequestContext
{
    const QHttpServerRequest& request;
    QHash<QString, QString> params; // ":nodeId" -> value
    iam::Principal principal;
    QString requestId;
    QString clientIp;
    QString resourceOrgId; // the organization the request acts on (see Route::resourceOrg)

    QString param(const QString& name) const { return params.value(name); }

    // Set by a StreamHandler that wrote its reply itself (for the log and audit line).
    int streamedStatus = 0;
};

using RouteHandler = std::function<QHttpServerResponse(RequestContext&)>;
// For large bodies (model files): writes the reply straight to the responder, streaming from a
// device, and sets context.streamedStatus; or returns a response (an error) and writes nothing.
// Headers it writes must include X-Request-Id (context.requestId).
using StreamHandler = std::function<std::optional<QHttpServerResponse>(RequestContext&, QHttpServerResponder&)>;
// Names the organization owning the target of a request (NotFound when the target does not exist).
using OrgResolver = std::function<Result<QString>(const RequestContext&)>;

// One REST route. The route table is the single source of truth: the router dispatches from it,
// authorizes with its permission, and /openapi.json is generated from it, so they cannot drift.
struct Route
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Get;
    QString path; // "/nodes/:nodeId"
    // Required: add() refuses a route that does not declare its permission.
    std::optional<iam::Permission> permission;
    QString summary;
    QString tag;
    RouteHandler handler;
    // Null: the request acts in the caller's own organization, or in ?orgId= when given.
    OrgResolver resourceOrg;
    qsizetype maxBodyBytes = 64 * 1024;
    bool createsResource = false; // a POST that creates: honours Idempotency-Key
    bool audited = true; // mutating requests and denials are audited (login audits itself)
    bool rateLimited = true;
    QJsonObject requestSchema; // JSON Schema of the body, for openapi.json
    QString successStatus = QStringLiteral("200");
    // Instead of handler: a route whose reply is streamed (GET only; never idempotency-cached).
    StreamHandler stream;
};

// Dispatches every REST request of the controller's QHttpServer through one pipeline:
// request id -> CORS -> route match (404/405) -> body size (413) -> authentication (401) ->
// rate limit (429) -> organization -> permission (403) -> Idempotency-Key -> handler ->
// audit + one log line. Error bodies are {errorCode, message, requestId[, field]}.
class HttpRouter final
{
public:
    struct Options
    {
        QStringList corsOrigins; // exact origins ("http://localhost:3000"); no wildcard
        // Requests per minute per caller (seed 003 lists 10 anonymous / 100 authenticated; the
        // console's own remote clients poll every 2 s, so the defaults leave room for them).
        int anonymousPerMinute = 60;
        int authenticatedPerMinute = 600;
        int idempotencyTtlSeconds = 24 * 3600;
        bool closeConnections = false; // "Connection: close" on every reply
    };

    HttpRouter(iam::IamService* iam, Options options);
    ~HttpRouter();

    // False (and the route is not served) when the route lacks a permission, a summary or a handler.
    bool add(Route route);
    const QList<Route>& routes() const { return m_routes; }
    // Routes every request that no QHttpServer rule claimed (everything but the WebSocket paths).
    void install(QHttpServer& server);
    QJsonObject openApi(const QString& version) const;

    // Requests this hook takes (it returns true) bypass the route table: inference paths that arrive
    // on a connection QHttpServer already holds (a keep-alive client that called REST first). The
    // hook answers through the responder itself, possibly later (it may move it).
    using Passthrough = std::function<bool(const QHttpServerRequest&, QHttpServerResponder&)>;
    void setPassthrough(Passthrough passthrough) { m_passthrough = std::move(passthrough); }

    // Test hook: the clock the rate limiter and idempotency cache use (ms since epoch).
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

private:
    struct Match;
    struct IdempotentReply;

    void dispatch(const QHttpServerRequest& request, QHttpServerResponder& responder);
    // The reply to write, or nullopt when a streaming route wrote it (its status in streamedStatus).
    std::optional<QHttpServerResponse> handle(const QHttpServerRequest& request,
                                              const QString& requestId,
                                              const Route*& matched,
                                              iam::Principal& principal,
                                              QHttpServerResponder& responder,
                                              int& streamedStatus);
    std::optional<Match>
    match(const QString& path, QHttpServerRequest::Method method, bool& pathKnown, QStringList& allowed) const;
    Result<void> takeRateToken(const QString& caller, bool authenticated);
    void audit(const QHttpServerRequest& request,
               const Route* route,
               const iam::Principal& principal,
               const QString& requestId,
               const QString& ip,
               int status,
               const QByteArray& body) const;
    qint64 now() const;

    iam::IamService* m_iam;
    Options m_options;
    QList<Route> m_routes;
    std::function<qint64()> m_clock;
    Passthrough m_passthrough;
    struct Window
    {
        qint64 startMs = 0;
        int count = 0;
    };
    QHash<QString, Window> m_rate;
    QHash<QString, std::shared_ptr<IdempotentReply>> m_idempotency;
};

// JSON error body {errorCode, message[, field]} with the status that matches the code and a
// Retry-After header when the error says when to retry. The router adds requestId.
QHttpServerResponse errorResponse(const Error& error);

// "GET", "POST", ...
QString methodName(QHttpServerRequest::Method method);

} // namespace aiops::controller
