#pragma once

#include "core/iam/Principal.h"

#include <QByteArray>
#include <QHash>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace aiops::controller {

class HttpRouter;
class OpsToolbox;
struct RequestContext;

// The controller's own MCP server: JSON-RPC 2.0 over the Streamable HTTP transport at /mcp, offering an
// OpsToolbox to external agents (Claude Desktop, Cline, the console's agent runtime).
//
// POST /mcp carries one message (or, in sessions on 2025-03-26 or older, a batch); replies are
// application/json, never SSE. initialize opens a session (Mcp-Session-Id) that every later request must
// name: 400 without it, 404 when it is unknown, expired or belongs to another caller. DELETE /mcp ends it.
// GET /mcp is 405: the server never starts a stream. The router authenticates (Authorization: Bearer with
// an access token or an API key) and authorizes Permission::UseMcpTools before this class sees a request;
// each tool's own permission is checked again per call. Browsers' Origin headers must be local or in
// corsOrigins (DNS rebinding).
class McpServer final
{
public:
    struct Options
    {
        QString serverVersion = QStringLiteral("0.0.0");
        QStringList corsOrigins; // exact origins allowed besides localhost ones
        qsizetype maxBodyBytes = 256 * 1024;
        int sessionIdleSeconds = 3600; // a session unused this long is gone (404)
        int maxSessions = 1000; // the least recently used goes first beyond this
        std::function<qint64()> clock; // ms since epoch; null = the system clock (tests inject one)
    };

    McpServer(const OpsToolbox& toolbox, Options options);

    // POST and DELETE /mcp, with Permission::UseMcpTools.
    void addRoutes(HttpRouter& router);

    QHttpServerResponse post(const RequestContext& context);
    QHttpServerResponse remove(const RequestContext& context);

    // Newest first.
    static const QStringList& supportedProtocolVersions();
    int sessionCount() const { return int(m_sessions.size()); }

private:
    struct Session
    {
        QString subject; // the principal that opened it; no one else may use it
        iam::PrincipalKind kind = iam::PrincipalKind::User;
        QString protocolVersion;
        bool initialized = false; // notifications/initialized arrived
        qint64 lastUsedMs = 0;
    };

    // The reply to one message (nullopt for a notification or a response), and the session it opened.
    std::optional<QJsonObject> handleMessage(const QJsonObject& message,
                                             const iam::Principal& principal,
                                             Session* session,
                                             QByteArray* openedSession);
    QJsonObject
    initialize(const QJsonValue& id, const QJsonObject& params, const iam::Principal& principal, QByteArray* opened);
    QJsonObject toolsList(const QJsonValue& id, const iam::Principal& principal, const Session& session) const;
    QJsonObject toolsCall(const QJsonValue& id,
                          const QJsonObject& params,
                          const iam::Principal& principal,
                          const Session& session) const;
    // The caller's live session named by the request, or the HTTP error to answer with.
    Session* sessionOf(const RequestContext& context, std::optional<QHttpServerResponse>& error);
    void expireSessions();
    qint64 now() const;

    const OpsToolbox& m_toolbox;
    Options m_options;
    QHash<QByteArray, Session> m_sessions;
};

} // namespace aiops::controller
