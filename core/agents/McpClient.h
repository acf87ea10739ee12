#pragma once

#include "core/agents/McpTypes.h"
#include "core/protocol/Error.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace aiops::net {
class CurlClient;
class Transfer;
struct Request;
} // namespace aiops::net

namespace aiops::agents {

// Client for one MCP server over Streamable HTTP or the legacy HTTP+SSE transport, on CurlClient and the
// event loop of the thread that owns both. Every callback runs later on that loop, never inside the call
// that started it; none runs after the client is destroyed. Errors: a JSON-RPC error object becomes
// jsonrpc::toError() (jsonrpc::errorCode() gives the number back); HTTP statuses map as net::errorForStatus();
// transport failures keep CurlClient's errors; a timeout is Unavailable ("timed out after N ms"); cancel()
// gives a net::isCancellation() error.
class McpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(McpClient)

public:
    enum class Transport { Auto, StreamableHttp, Sse };
    Q_ENUM(Transport)

    struct Options
    {
        QUrl url; // Streamable HTTP endpoint (".../mcp") or legacy SSE URL (".../sse")
        // Auto: POST initialize to url; on HTTP 400/404/405 fall back to GET url as a legacy SSE stream.
        Transport transport = Transport::Auto;
        QByteArray bearerToken; // sent as "Authorization: Bearer ..." when set
        int timeoutMs = 60'000; // per request, unless the call gives its own
        QString clientVersion = QStringLiteral("0.1.0");
    };

    template<typename T> using Done = std::function<void(Result<T>)>;
    using CallId = qint64;

    static constexpr auto protocolVersion = "2025-06-18";

    McpClient(net::CurlClient* http, Options options, QObject* parent = nullptr);
    ~McpClient() override;

    // initialize + notifications/initialized. Fails with Conflict while connecting or connected.
    void connectToServer(Done<McpServerInfo> done);
    // tools/list, following nextCursor; also updates tools().
    void listTools(Done<QList<McpTool>> done);
    // tools/call. Returns the request id for cancel(); a tool that ran and failed is a result with isError.
    CallId callTool(const QString& name, const QJsonObject& arguments, Done<McpToolResult> done, int timeoutMs = 0);
    // Abandons a pending call: its callback gets a cancellation error (net::isCancellation()), its transfer is
    // aborted and the server is sent notifications/cancelled.
    void cancel(CallId id);
    // Fails every pending call, ends the session (DELETE on Streamable HTTP) and drops the SSE stream.
    // connectToServer() may be called again afterwards.
    void close();

    bool isConnected() const { return m_state == State::Connected; }
    Transport transport() const { return m_active; } // the transport in use; Auto until connecting
    const McpServerInfo& serverInfo() const { return m_serverInfo; }
    const QList<McpTool>& tools() const { return m_tools; } // the last listed
    QByteArray sessionId() const { return m_sessionId; }
    const Options& options() const { return m_options; }

signals:
    // The server announced notifications/tools/list_changed and tools() now holds the new list.
    void toolsChanged();
    // The connection was lost without close(): the SSE stream ended or re-initializing a lost session failed.
    void disconnected(const aiops::Error& error);

private:
    enum class State { Idle, Connecting, Connected };
    struct Pending;
    using RawDone = std::function<void(Result<QJsonObject>)>;
    using SentDone = std::function<void(std::optional<Error>)>;

    CallId sendRequest(const QString& method, const QJsonObject& params, int timeoutMs, RawDone done);
    void dispatch(CallId id);
    void postStreamable(CallId id);
    void onStreamableFinished(CallId id,
                              net::Transfer* transfer,
                              int status,
                              bool sse,
                              const QByteArray& body,
                              const Result<QByteArray>& result);
    void postMessage(const QByteArray& body, SentDone done = {});
    void handshake(Done<McpServerInfo> done);
    void openSseStream(Done<McpServerInfo> done);
    void reinitializeThenRetry(CallId id);
    void listPages(const QString& cursor, QList<McpTool> collected, int page, Done<QList<McpTool>> done);
    void handleMessage(const QByteArray& json);
    void handleObject(const QJsonObject& message);
    void resolve(CallId id, Result<QJsonObject> result);
    void abandon(CallId id, const Error& error);
    void failAll(const Error& error);
    void resetSession();
    net::Request newRequest(const QByteArray& method, const QUrl& url) const;
    template<typename F> void later(F&& function);

    net::CurlClient* m_http;
    Options m_options;
    State m_state = State::Idle;
    Transport m_active = Transport::Auto;
    QByteArray m_sessionId;
    QString m_negotiatedVersion; // empty until the initialize result arrived
    int m_lastInitializeStatus = 0;
    quint64 m_generation = 0; // bumped by connectToServer() and close(): callbacks of an older connection stop
    QUrl m_postUrl; // legacy SSE: from the endpoint event
    QPointer<net::Transfer> m_sseStream;
    Done<McpServerInfo> m_waitingForEndpoint;
    std::map<CallId, std::unique_ptr<Pending>> m_pending;
    CallId m_nextId = 1;
    bool m_reinitializing = false;
    QList<CallId> m_waitingForReinit;
    McpServerInfo m_serverInfo;
    QList<McpTool> m_tools;
};

} // namespace aiops::agents
