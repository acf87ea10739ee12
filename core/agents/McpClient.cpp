#include "core/agents/McpClient.h"

#include "core/agents/JsonRpc.h"
#include "core/agents/SseParser.h"
#include "core/net/CurlClient.h"
#include "core/net/HttpTypes.h"
#include "core/net/Transfer.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimer>

namespace aiops::agents {

namespace {

constexpr int kMaxToolPages = 100;
constexpr qsizetype kMaxJsonBody = 64 * 1024 * 1024;

// Where a streamed response body goes: the bytes are read from Transfer::dataReceived instead.
class DiscardDevice final : public QIODevice
{
public:
    using QIODevice::QIODevice;

protected:
    qint64 readData(char* /*data*/, qint64 /*maxSize*/) override { return -1; }
    qint64 writeData(const char* /*data*/, qint64 size) override { return size; }
};

// The per-transfer state of a response read as it arrives.
struct StreamState
{
    int status = 0;
    bool sse = false;
    QByteArray body;
    SseParser parser;
};

bool isEventStream(const net::HttpHeaders& headers)
{
    return headers.value("Content-Type").trimmed().toLower().startsWith("text/event-stream");
}

QString str(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

McpTool toolFromJson(const QJsonObject& json)
{
    McpTool tool;
    tool.name = str(json, "name");
    tool.title = str(json, "title");
    tool.description = str(json, "description");
    tool.inputSchema = json.value(QLatin1String("inputSchema")).toObject();
    tool.annotations = json.value(QLatin1String("annotations")).toObject();
    if (tool.title.isEmpty()) {
        tool.title = str(tool.annotations, "title");
    }
    return tool;
}

Error timeoutError(const QString& method, int timeoutMs)
{
    return Error { ErrorCode::Unavailable,
                   QStringLiteral("MCP request '%1' timed out after %2 ms").arg(method).arg(timeoutMs),
                   {} };
}

Error notConnectedError()
{
    return Error { ErrorCode::Unavailable, QStringLiteral("not connected to an MCP server"), {} };
}

} // namespace

struct McpClient::Pending
{
    CallId id = 0;
    QString method;
    QJsonObject params;
    RawDone done;
    QTimer timer;
    int timeoutMs = 0;
    QPointer<net::Transfer> transfer; // Streamable HTTP: the POST whose response carries the reply
    bool retried = false; // already re-sent once after the session was lost
};

McpClient::McpClient(net::CurlClient* http, Options options, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_options(std::move(options))
{
}

McpClient::~McpClient()
{
    for (const auto& [id, pending] : m_pending) {
        if (pending->transfer) {
            pending->transfer->cancel();
        }
    }
    if (m_sseStream) {
        m_sseStream->cancel();
    }
}

template<typename F> void McpClient::later(F&& function)
{
    QMetaObject::invokeMethod(this, std::forward<F>(function), Qt::QueuedConnection);
}

net::Request McpClient::newRequest(const QByteArray& method, const QUrl& url) const
{
    net::Request request;
    request.method = method;
    request.url = url;
    request.connectTimeoutMs = std::min(10'000, std::max(1, m_options.timeoutMs));
    if (method == "GET") {
        request.headers.set("Accept", "text/event-stream");
    } else {
        request.headers.set("Accept", "application/json, text/event-stream");
        request.headers.set("Content-Type", "application/json");
    }
    if (!m_options.bearerToken.isEmpty()) {
        request.headers.set("Authorization", "Bearer " + m_options.bearerToken);
    }
    if (m_active == Transport::StreamableHttp) {
        if (!m_sessionId.isEmpty()) {
            request.headers.set("Mcp-Session-Id", m_sessionId);
        }
        if (!m_negotiatedVersion.isEmpty()) {
            request.headers.set("MCP-Protocol-Version", m_negotiatedVersion.toUtf8());
        }
    }
    return request;
}

void McpClient::connectToServer(Done<McpServerInfo> done)
{
    if (m_state != State::Idle) {
        later([done] { done(makeError(ErrorCode::Conflict, QStringLiteral("already connected or connecting"))); });
        return;
    }
    m_state = State::Connecting;
    m_lastInitializeStatus = 0;
    const quint64 generation = ++m_generation;
    auto finish = [this, done, generation](Result<McpServerInfo> result) {
        if (generation != m_generation) {
            done(makeError(ErrorCode::Unavailable, QStringLiteral("the MCP client was closed")));
            return;
        }
        if (result) {
            m_state = State::Connected;
            m_serverInfo = *result;
        } else {
            resetSession();
        }
        done(std::move(result));
    };
    switch (m_options.transport) {
    case Transport::Sse:
        m_active = Transport::Sse;
        openSseStream(finish);
        return;
    case Transport::StreamableHttp:
        m_active = Transport::StreamableHttp;
        handshake(finish);
        return;
    case Transport::Auto:
        m_active = Transport::StreamableHttp;
        handshake([this, finish, generation](Result<McpServerInfo> result) {
            const int status = m_lastInitializeStatus;
            if (!result && generation == m_generation && (status == 400 || status == 404 || status == 405)) {
                m_active = Transport::Sse;
                m_sessionId.clear();
                openSseStream(finish);
                return;
            }
            finish(std::move(result));
        });
        return;
    }
}

void McpClient::handshake(Done<McpServerInfo> done)
{
    m_negotiatedVersion.clear();
    const QJsonObject params {
        { QStringLiteral("protocolVersion"), QString::fromLatin1(protocolVersion) },
        { QStringLiteral("capabilities"), QJsonObject {} },
        { QStringLiteral("clientInfo"),
          QJsonObject { { QStringLiteral("name"), QStringLiteral("aiops-console") },
                        { QStringLiteral("version"), m_options.clientVersion } } },
    };
    sendRequest(QStringLiteral("initialize"), params, 0, [this, done](Result<QJsonObject> result) {
        if (!result) {
            done(std::unexpected(result.error()));
            return;
        }
        McpServerInfo info;
        const QJsonObject serverInfo = result->value(QLatin1String("serverInfo")).toObject();
        info.name = str(serverInfo, "name");
        info.title = str(serverInfo, "title");
        info.version = str(serverInfo, "version");
        info.protocolVersion = str(*result, "protocolVersion");
        info.instructions = str(*result, "instructions");
        info.capabilities = result->value(QLatin1String("capabilities")).toObject();
        if (info.protocolVersion.isEmpty()) {
            done(makeError(ErrorCode::MissingField,
                           QStringLiteral("the initialize result has no protocolVersion"),
                           QStringLiteral("protocolVersion")));
            return;
        }
        m_negotiatedVersion = info.protocolVersion;
        postMessage(jsonrpc::notification(QStringLiteral("notifications/initialized")),
                    [done, info](std::optional<Error> error) {
                        if (error) {
                            done(std::unexpected(*error));
                        } else {
                            done(info);
                        }
                    });
    });
}

void McpClient::openSseStream(Done<McpServerInfo> done)
{
    net::Request request = newRequest("GET", m_options.url);
    auto* sink = new DiscardDevice(this);
    sink->open(QIODevice::WriteOnly);
    request.output = sink;
    net::Transfer* transfer = m_http->start(std::move(request));
    sink->setParent(transfer);
    m_sseStream = transfer;
    m_waitingForEndpoint = std::move(done);
    auto state = std::make_shared<StreamState>();

    // The endpoint event must come within the request timeout.
    QTimer::singleShot(m_options.timeoutMs, transfer, [this, transfer] {
        if (m_sseStream == transfer && m_waitingForEndpoint) {
            transfer->cancel();
            auto waiting = std::exchange(m_waitingForEndpoint, {});
            waiting(std::unexpected(timeoutError(QStringLiteral("GET (SSE endpoint)"), m_options.timeoutMs)));
        }
    });
    connect(transfer, &net::Transfer::headersReceived, this, [state](int status, const net::HttpHeaders& headers) {
        state->status = status;
        state->sse = isEventStream(headers);
    });
    connect(transfer, &net::Transfer::dataReceived, this, [this, state, transfer](const QByteArray& chunk) {
        if (!state->sse || m_sseStream != transfer) {
            return;
        }
        for (const SseParser::Event& event : state->parser.feed(chunk)) {
            if (event.event == "endpoint") {
                m_postUrl = m_options.url.resolved(QUrl::fromEncoded(event.data.trimmed()));
                if (m_waitingForEndpoint) {
                    handshake(std::exchange(m_waitingForEndpoint, {}));
                }
            } else if (event.event == "message") {
                handleMessage(event.data);
            }
        }
    });
    connect(transfer, &net::Transfer::finished, this, [this, state, transfer](const Result<net::Response>& result) {
        if (m_sseStream != transfer) {
            return;
        }
        m_sseStream = nullptr;
        Error error;
        if (!result) {
            error = result.error();
        } else if (auto httpError = net::errorForStatus(result->status, result->body)) {
            error = *httpError;
        } else if (!state->sse) {
            error = Error { ErrorCode::BadRequest,
                            QStringLiteral("%1 is not an SSE endpoint").arg(m_options.url.toDisplayString()),
                            {} };
        } else {
            error = Error { ErrorCode::Unavailable, QStringLiteral("the MCP server closed the SSE stream"), {} };
        }
        if (m_waitingForEndpoint) {
            std::exchange(m_waitingForEndpoint, {})(std::unexpected(error));
            return;
        }
        const bool wasConnected = m_state == State::Connected;
        failAll(error);
        if (wasConnected) {
            resetSession();
            emit disconnected(error);
        }
    });
}

McpClient::CallId McpClient::sendRequest(const QString& method, const QJsonObject& params, int timeoutMs, RawDone done)
{
    const CallId id = m_nextId++;
    auto pending = std::make_unique<Pending>();
    pending->id = id;
    pending->method = method;
    pending->params = params;
    pending->done = std::move(done);
    pending->timeoutMs = timeoutMs > 0 ? timeoutMs : m_options.timeoutMs;
    pending->timer.setSingleShot(true);
    connect(&pending->timer, &QTimer::timeout, this, [this, id] {
        const auto it = m_pending.find(id);
        if (it != m_pending.end()) {
            abandon(id, timeoutError(it->second->method, it->second->timeoutMs));
        }
    });
    pending->timer.start(pending->timeoutMs);
    m_pending.emplace(id, std::move(pending));
    dispatch(id);
    return id;
}

void McpClient::dispatch(CallId id)
{
    if (m_active == Transport::StreamableHttp) {
        if (m_reinitializing && m_pending.at(id)->method != QLatin1String("initialize")) {
            m_waitingForReinit.append(id); // sent with the new session once it exists
            return;
        }
        postStreamable(id);
        return;
    }
    const Pending& pending = *m_pending.at(id);
    postMessage(jsonrpc::request(id, pending.method, pending.params), [this, id](std::optional<Error> error) {
        if (error) {
            resolve(id, std::unexpected(*error));
        }
    });
}

void McpClient::postStreamable(CallId id)
{
    Pending& pending = *m_pending.at(id);
    net::Request request = newRequest("POST", m_options.url);
    request.body = jsonrpc::request(id, pending.method, pending.params);
    auto* sink = new DiscardDevice(this);
    sink->open(QIODevice::WriteOnly);
    request.output = sink;
    net::Transfer* transfer = m_http->start(std::move(request));
    sink->setParent(transfer);
    pending.transfer = transfer;
    const bool isInitialize = pending.method == QLatin1String("initialize");
    auto state = std::make_shared<StreamState>();

    connect(transfer,
            &net::Transfer::headersReceived,
            this,
            [this, state, isInitialize](int status, const net::HttpHeaders& headers) {
                state->status = status;
                state->sse = isEventStream(headers);
                if (isInitialize && status >= 200 && status < 300) {
                    const QByteArray session = headers.value("Mcp-Session-Id").trimmed();
                    if (!session.isEmpty()) {
                        m_sessionId = session;
                    }
                }
            });
    connect(transfer, &net::Transfer::dataReceived, this, [this, state, id](const QByteArray& chunk) {
        if (!state->sse) {
            if (state->body.size() + chunk.size() > kMaxJsonBody) {
                abandon(id,
                        Error { ErrorCode::PayloadTooLarge,
                                QStringLiteral("the MCP response exceeds %1 bytes").arg(kMaxJsonBody),
                                {} });
                return;
            }
            state->body.append(chunk);
            return;
        }
        for (const SseParser::Event& event : state->parser.feed(chunk)) {
            if (event.event == "message") {
                handleMessage(event.data);
            }
        }
    });
    connect(transfer, &net::Transfer::finished, this, [this, state, transfer, id](const Result<net::Response>& result) {
        if (!result) {
            onStreamableFinished(id, transfer, 0, false, {}, std::unexpected(result.error()));
            return;
        }
        const QByteArray body = result->status >= 400 ? result->body : state->body;
        onStreamableFinished(id, transfer, result->status, state->sse, body, body);
    });
}

void McpClient::onStreamableFinished(CallId id,
                                     net::Transfer* transfer,
                                     int status,
                                     bool sse,
                                     const QByteArray& body,
                                     const Result<QByteArray>& result)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end() || it->second->transfer != transfer) {
        return; // answered already, abandoned, or re-sent on a new transfer
    }
    Pending& pending = *it->second;
    const bool isInitialize = pending.method == QLatin1String("initialize");
    if (isInitialize) {
        m_lastInitializeStatus = status;
    }
    if (!result) {
        resolve(id, std::unexpected(result.error()));
        return;
    }
    if (status == 404 && !isInitialize && !pending.retried && !m_sessionId.isEmpty()) {
        reinitializeThenRetry(id);
        return;
    }
    if (auto error = net::errorForStatus(status, body)) {
        resolve(id, std::unexpected(*error));
        return;
    }
    if (!sse && !body.isEmpty()) {
        handleMessage(body);
    }
    if (m_pending.contains(id)) {
        resolve(id,
                makeError(ErrorCode::Unavailable,
                          QStringLiteral("the MCP server answered HTTP %1 without a response to '%2'")
                              .arg(status)
                              .arg(pending.method)));
    }
}

void McpClient::postMessage(const QByteArray& body, SentDone done)
{
    const QUrl url = m_active == Transport::Sse ? m_postUrl : m_options.url;
    net::Request request = newRequest("POST", url);
    request.body = body;
    request.timeoutMs = m_options.timeoutMs;
    net::Transfer* transfer = m_http->start(std::move(request));
    connect(transfer, &net::Transfer::finished, this, [done](const Result<net::Response>& result) {
        if (!done) {
            return;
        }
        if (!result) {
            done(result.error());
        } else {
            done(net::errorForStatus(result->status, result->body));
        }
    });
}

void McpClient::reinitializeThenRetry(CallId id)
{
    Pending& pending = *m_pending.at(id);
    pending.retried = true;
    pending.transfer = nullptr;
    m_waitingForReinit.append(id);
    if (m_reinitializing) {
        return;
    }
    m_reinitializing = true;
    m_sessionId.clear();
    handshake([this, generation = m_generation](Result<McpServerInfo> result) {
        if (generation != m_generation) {
            return; // closed meanwhile: close() already failed the waiting calls
        }
        m_reinitializing = false;
        const QList<CallId> waiting = std::exchange(m_waitingForReinit, {});
        if (!result) {
            for (const CallId waitingId : waiting) {
                resolve(waitingId, std::unexpected(result.error()));
            }
            if (m_state == State::Connected) {
                failAll(result.error());
                resetSession();
                emit disconnected(result.error());
            }
            return;
        }
        m_serverInfo = *result;
        for (const CallId waitingId : waiting) {
            if (m_pending.contains(waitingId)) {
                postStreamable(waitingId);
            }
        }
    });
}

void McpClient::handleMessage(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isObject()) {
        handleObject(document.object());
    } else if (document.isArray()) {
        for (const QJsonValue& item : document.array()) {
            handleObject(item.toObject());
        }
    }
}

void McpClient::handleObject(const QJsonObject& message)
{
    const QJsonValue id = message.value(QLatin1String("id"));
    if (message.contains(QLatin1String("method"))) {
        const QString method = str(message, "method");
        if (!id.isUndefined() && !id.isNull()) {
            // A server-to-client request: only ping is supported.
            if (method == QLatin1String("ping")) {
                postMessage(jsonrpc::resultReply(id, {}));
            } else {
                postMessage(jsonrpc::errorReply(
                    id, jsonrpc::MethodNotFound, QStringLiteral("method '%1' is not supported").arg(method)));
            }
            return;
        }
        if (method == QLatin1String("notifications/tools/list_changed") && m_state == State::Connected) {
            listPages({}, {}, 0, [this](Result<QList<McpTool>> result) {
                if (result) {
                    m_tools = *result;
                    emit toolsChanged();
                }
            });
        }
        return;
    }
    CallId key = 0;
    if (id.isDouble()) {
        key = id.toInteger();
    } else if (id.isString()) {
        key = id.toString().toLongLong();
    }
    if (!m_pending.contains(key)) {
        return;
    }
    if (message.contains(QLatin1String("error"))) {
        resolve(key, std::unexpected(jsonrpc::toError(message.value(QLatin1String("error")).toObject())));
    } else {
        resolve(key, message.value(QLatin1String("result")).toObject());
    }
}

void McpClient::resolve(CallId id, Result<QJsonObject> result)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end()) {
        return;
    }
    std::unique_ptr<Pending> pending = std::move(it->second);
    m_pending.erase(it);
    pending->timer.stop();
    later([done = std::move(pending->done), result = std::move(result)] { done(result); });
}

void McpClient::abandon(CallId id, const Error& error)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end()) {
        return;
    }
    Pending& pending = *it->second;
    if (pending.transfer) {
        pending.transfer->cancel();
    }
    // The spec forbids cancelling initialize.
    if (pending.method != QLatin1String("initialize") && m_state == State::Connected) {
        postMessage(jsonrpc::notification(
            QStringLiteral("notifications/cancelled"),
            { { QStringLiteral("requestId"), id }, { QStringLiteral("reason"), error.message } }));
    }
    resolve(id, std::unexpected(error));
}

void McpClient::failAll(const Error& error)
{
    std::vector<CallId> ids;
    for (const auto& [id, pending] : m_pending) {
        ids.push_back(id);
    }
    for (const CallId id : ids) {
        if (const auto it = m_pending.find(id); it != m_pending.end() && it->second->transfer) {
            it->second->transfer->cancel();
        }
        resolve(id, std::unexpected(error));
    }
}

void McpClient::resetSession()
{
    m_state = State::Idle;
    m_sessionId.clear();
    m_negotiatedVersion.clear();
    m_postUrl.clear();
    m_reinitializing = false;
    m_waitingForReinit.clear();
    if (m_sseStream) {
        QPointer<net::Transfer> stream = std::exchange(m_sseStream, nullptr);
        stream->cancel();
    }
}

void McpClient::listTools(Done<QList<McpTool>> done)
{
    if (m_state != State::Connected) {
        later([done] { done(std::unexpected(notConnectedError())); });
        return;
    }
    listPages({}, {}, 0, [this, done](Result<QList<McpTool>> result) {
        if (result) {
            m_tools = *result;
        }
        done(std::move(result));
    });
}

void McpClient::listPages(const QString& cursor, QList<McpTool> collected, int page, Done<QList<McpTool>> done)
{
    QJsonObject params;
    if (!cursor.isEmpty()) {
        params.insert(QStringLiteral("cursor"), cursor);
    }
    sendRequest(QStringLiteral("tools/list"),
                params,
                0,
                [this, cursor, collected, page, done](Result<QJsonObject> result) mutable {
                    if (!result) {
                        done(std::unexpected(result.error()));
                        return;
                    }
                    for (const QJsonValue& tool : result->value(QLatin1String("tools")).toArray()) {
                        collected.append(toolFromJson(tool.toObject()));
                    }
                    const QString next = str(*result, "nextCursor");
                    if (next.isEmpty()) {
                        done(std::move(collected));
                        return;
                    }
                    if (next == cursor || page + 1 >= kMaxToolPages) {
                        done(makeError(ErrorCode::InvalidValue,
                                       QStringLiteral("tools/list did not end after %1 pages").arg(page + 1),
                                       QStringLiteral("nextCursor")));
                        return;
                    }
                    listPages(next, std::move(collected), page + 1, std::move(done));
                });
}

McpClient::CallId
McpClient::callTool(const QString& name, const QJsonObject& arguments, Done<McpToolResult> done, int timeoutMs)
{
    if (m_state != State::Connected) {
        later([done] { done(std::unexpected(notConnectedError())); });
        return 0;
    }
    const QJsonObject params { { QStringLiteral("name"), name }, { QStringLiteral("arguments"), arguments } };
    return sendRequest(QStringLiteral("tools/call"), params, timeoutMs, [done](Result<QJsonObject> result) {
        if (!result) {
            done(std::unexpected(result.error()));
            return;
        }
        McpToolResult toolResult;
        toolResult.content = result->value(QLatin1String("content")).toArray();
        toolResult.isError = result->value(QLatin1String("isError")).toBool();
        toolResult.structuredContent = result->value(QLatin1String("structuredContent")).toObject();
        done(std::move(toolResult));
    });
}

void McpClient::cancel(CallId id)
{
    abandon(id, Error { ErrorCode::Unavailable, net::cancelledMessage(), {} });
}

void McpClient::close()
{
    ++m_generation;
    failAll(Error { ErrorCode::Unavailable, QStringLiteral("the MCP client was closed"), {} });
    if (m_waitingForEndpoint) {
        later([waiting = std::exchange(m_waitingForEndpoint, {})] {
            waiting(makeError(ErrorCode::Unavailable, QStringLiteral("the MCP client was closed")));
        });
    }
    if (m_active == Transport::StreamableHttp && !m_sessionId.isEmpty()) {
        net::Request request = newRequest("DELETE", m_options.url);
        request.timeoutMs = std::min(m_options.timeoutMs, 5'000);
        m_http->start(std::move(request));
    }
    resetSession();
}

} // namespace aiops::agents
