#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <functional>
#include <utility>
#include <variant>

class QTcpServer;
class QTcpSocket;

namespace aiops::net {

struct ProxyRequestHead
{
    QByteArray method; // "POST"
    QByteArray target; // path and query as received: "/models/m/i/v1/chat/completions?x=1"
    QList<std::pair<QByteArray, QByteArray>> headers; // as received, original case
    QHostAddress peer;

    // Case-insensitive, first match, empty when absent.
    QByteArray header(QByteArrayView name) const;
};

// Where to send a request.
struct ProxyRoute
{
    QString host; // "127.0.0.1"
    quint16 port = 0;
    QByteArray path; // rewritten path and query sent upstream
    QList<std::pair<QByteArray, QByteArray>> setHeaders; // added, or replacing received ones of that name
    QList<QByteArray> removeHeaders; // e.g. "Authorization"
    quint64 tag = 0; // opaque, handed back to the finished callback
};

// Answer locally instead of proxying: errors, 503 with Retry-After, /v1/models lists.
struct ProxyReply
{
    int status = 502;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

// "Call me again with the whole request body" (up to Options::maxBufferedBody).
struct ProxyNeedBody
{
};

using ProxyDecision = std::variant<ProxyRoute, ProxyReply, ProxyNeedBody>;

class ClientConnection;
class UpstreamConnection;

// An HTTP/1.1 reverse proxy for inference traffic, event-driven on the thread that owns it. Keep-alive on both
// sides with an upstream connection pool per host:port; request and response bodies stream through as they
// arrive (Server-Sent Events reach the client event by event), with back-pressure between the two sockets.
// Errors it answers itself are JSON bodies {"errorCode","message"}: 400 BAD_REQUEST, 431
// REQUEST_HEADER_FIELDS_TOO_LARGE, 413 PAYLOAD_TOO_LARGE, 502 UPSTREAM_UNAVAILABLE, 504 UPSTREAM_TIMEOUT.
class ReverseProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReverseProxy)

public:
    struct Options
    {
        int upstreamConnectTimeoutMs = 5000;
        int upstreamIdleTimeoutMs = 300000; // no byte from the upstream for this long; streams may be long
        qsizetype maxHeaderBytes = 64 * 1024;
        qsizetype maxBufferedBody = 8 * 1024 * 1024;
        int maxIdleUpstreamPerTarget = 64;
        int clientIdleTimeoutMs = 75000; // a keep-alive client that sends no next request is closed
        qint64 backPressureBytes = 1024 * 1024; // stop reading one side while the other has this much unsent
    };

    // body is null on the first call; non-null after the resolver returned ProxyNeedBody.
    using Resolver = std::function<ProxyDecision(const ProxyRequestHead&, const QByteArray* body)>;
    // After every routed request: the upstream status, or the local 502/504 the proxy answered; 499 when the
    // client went away first and 502 when the upstream broke off the response. ms from request head to end.
    using Finished = std::function<void(quint64 tag, int status, double elapsedMs)>;

    // A connection served on behalf of another server (SharedPortServer): before each request, accepts() says
    // whether the proxy handles it; when not, the socket is given to release() with the request unread.
    struct HandOff
    {
        std::function<bool(QByteArrayView requestTarget)> accepts;
        std::function<void(QTcpSocket* socket)> release;
    };

    explicit ReverseProxy(QObject* parent = nullptr);
    explicit ReverseProxy(const Options& options, QObject* parent = nullptr);
    ~ReverseProxy() override;

    void setResolver(Resolver resolver);
    void setFinished(Finished finished);
    const Options& options() const { return m_options; }

    // Listens on its own port (the node daemon's use); returns the port bound.
    Result<quint16> listen(const QHostAddress& address, quint16 port = 0);
    quint16 serverPort() const;
    // Adopts an already-accepted connection; the proxy owns the socket from now on.
    void serve(QTcpSocket* socket, HandOff handOff = {});

    int clientConnectionCount() const { return static_cast<int>(m_clients.size()); }
    int idleUpstreamCount() const;

private:
    friend class ClientConnection;
    friend class UpstreamConnection;
    using TargetKey = std::pair<QString, quint16>;

    UpstreamConnection* takeIdleUpstream(const TargetKey& key);
    void releaseUpstream(UpstreamConnection* upstream);
    void dropIdleUpstream(UpstreamConnection* upstream);
    void clientClosed(ClientConnection* client);

    Options m_options;
    Resolver m_resolver;
    Finished m_finished;
    QTcpServer* m_server = nullptr;
    QSet<ClientConnection*> m_clients;
    QHash<TargetKey, QList<UpstreamConnection*>> m_idle;
};

} // namespace aiops::net
