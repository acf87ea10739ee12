// McpClient against the real MCP reference server (@modelcontextprotocol/server-everything from tests/peers,
// in both its streamableHttp and sse modes) and, for session loss, silence and server-pushed messages, against
// HttpServerDouble. SseParser and the JSON-RPC error mapping are tested on their own.
#include "core/agents/McpClient.h"

#include "HttpServerDouble.h"
#include "core/agents/JsonRpc.h"
#include "core/agents/SseParser.h"
#include "core/net/CurlClient.h"
#include "core/net/HttpTypes.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <memory>
#include <optional>

using namespace aiops;
using namespace aiops::agents;
using namespace aiops::testing;
using namespace Qt::StringLiterals;

namespace {

const QString sourceDir = QStringLiteral(AIOPS_SOURCE_DIR);
const QString serverPackage = sourceDir + u"/tests/peers/node_modules/@modelcontextprotocol/server-everything"_s;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Runs the callback-taking call and waits for its callback.
template<typename T> Result<T> waitFor(const std::function<void(McpClient::Done<T>)>& start, int timeoutMs = 20'000)
{
    std::optional<Result<T>> got;
    start([&got](Result<T> result) { got = std::move(result); });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, timeoutMs)) {
        return makeError(ErrorCode::Internal, u"test: the callback never came"_s);
    }
    return *got;
}

Result<McpServerInfo> connectClient(McpClient& client)
{
    return waitFor<McpServerInfo>([&client](auto done) { client.connectToServer(std::move(done)); });
}

Result<QList<McpTool>> listTools(McpClient& client)
{
    return waitFor<QList<McpTool>>([&client](auto done) { client.listTools(std::move(done)); });
}

Result<McpToolResult> callTool(McpClient& client, const QString& name, const QJsonObject& arguments)
{
    return waitFor<McpToolResult>(
        [&client, &name, &arguments](auto done) { client.callTool(name, arguments, std::move(done)); });
}

std::optional<McpTool> findTool(const QList<McpTool>& tools, const QString& name)
{
    for (const McpTool& tool : tools) {
        if (tool.name == name) {
            return tool;
        }
    }
    return std::nullopt;
}

// The error of a failed result for a test message; empty for a success (QVERIFY2 evaluates it either way).
template<typename T> QString why(const Result<T>& result)
{
    return result ? QString() : QString(result.error().codeName() + u": "_s + result.error().message);
}

// server-everything in one of its HTTP modes, on a free port.
class EverythingServer
{
public:
    QString start(const QString& mode)
    {
        const QString node = QStandardPaths::findExecutable(u"node"_s);
        if (node.isEmpty()) {
            return u"node is not on PATH: install nodejs 20"_s;
        }
        const QString entry = serverPackage + u"/dist/index.js"_s;
        if (!QFileInfo::exists(entry)) {
            return u"%1 is missing: run scripts/install-peers"_s.arg(entry);
        }
        port = freePort();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PORT"_s, QString::number(port));
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(node, { entry, mode });
        if (!process.waitForStarted(10'000)) {
            return u"node did not start: "_s + process.errorString();
        }
        QElapsedTimer elapsed;
        elapsed.start();
        while (elapsed.elapsed() < 20'000) {
            if (process.state() != QProcess::Running) {
                return u"server-everything %1 exited: %2"_s.arg(mode, QString::fromUtf8(process.readAll()));
            }
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            if (probe.waitForConnected(200)) {
                return {};
            }
            QTest::qWait(100);
        }
        return u"server-everything %1 did not listen on port %2"_s.arg(mode).arg(port);
    }

    ~EverythingServer()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5'000);
        }
    }

    QUrl url(const QString& path) const { return QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)); }

    QProcess process;
    quint16 port = 0;
};

QByteArray jsonBody(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject rpcResult(const QJsonValue& id, const QJsonObject& result)
{
    return { { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, id }, { u"result"_s, result } };
}

QJsonObject toolJson(const QString& name)
{
    return { { u"name"_s, name },
             { u"description"_s, QString(u"double tool "_s + name) },
             { u"inputSchema"_s, QJsonObject { { u"type"_s, u"object"_s } } } };
}

QByteArray sseEvent(const QJsonObject& message)
{
    return "event: message\r\ndata: " + jsonBody(message) + "\r\n\r\n";
}

// The state and script of the Streamable HTTP double.
struct DoubleScript
{
    int sessions = 0;
    QByteArray liveSession; // requests carrying another session get 404
    bool silentCalls = false;
    int silentInitializes = 0; // this many initialize requests are never answered
    bool pushBeforeResponse = false; // tools/call answers with an SSE stream that starts with server messages
    bool extraTool = false; // set once list_changed was pushed: tools/list then includes "gamma"
};

HttpServerDouble::Handler mcpDouble(const std::shared_ptr<DoubleScript>& script)
{
    return [script](const SeenRequest& request) -> ScriptedReply {
        if (request.method == "DELETE") {
            return { 200, {}, {}, {}, false };
        }
        const QJsonObject message = request.json();
        const QJsonValue id = message.value(u"id"_s);
        const QString method = message.value(u"method"_s).toString();
        if (id.isUndefined() || method.isEmpty()) {
            return { 202, {}, {}, {}, false }; // a notification or a response to the double
        }
        if (method == u"initialize"_s) {
            if (script->silentInitializes > 0) {
                --script->silentInitializes;
                return { 200, {}, {}, {}, true };
            }
            script->liveSession = "double-session-" + QByteArray::number(++script->sessions);
            const QJsonObject result {
                { u"protocolVersion"_s, u"2025-06-18"_s },
                { u"capabilities"_s, QJsonObject { { u"tools"_s, QJsonObject { { u"listChanged"_s, true } } } } },
                { u"serverInfo"_s, QJsonObject { { u"name"_s, u"mcp-double"_s }, { u"version"_s, u"1.0"_s } } },
            };
            return { 200,
                     "application/json",
                     { { "Mcp-Session-Id", script->liveSession } },
                     jsonBody(rpcResult(id, result)),
                     false };
        }
        if (request.headers.value("mcp-session-id") != script->liveSession) {
            return { 404, "text/plain", {}, "session not found", false };
        }
        if (method == u"tools/list"_s) {
            const QString cursor = message.value(u"params"_s).toObject().value(u"cursor"_s).toString();
            if (cursor.isEmpty()) {
                return { 200,
                         "application/json",
                         {},
                         jsonBody(rpcResult(id,
                                            { { u"tools"_s, QJsonArray { toolJson(u"alpha"_s) } },
                                              { u"nextCursor"_s, u"page-2"_s } })),
                         false };
            }
            QJsonArray rest { toolJson(u"beta"_s) };
            if (script->extraTool) {
                rest.append(toolJson(u"gamma"_s));
            }
            return { 200, "application/json", {}, jsonBody(rpcResult(id, { { u"tools"_s, rest } })), false };
        }
        if (method == u"tools/call"_s) {
            if (script->silentCalls) {
                return { 200, {}, {}, {}, true };
            }
            const QString name = message.value(u"params"_s).toObject().value(u"name"_s).toString();
            if (name == u"no-such-tool"_s) {
                const QJsonObject error { { u"code"_s, -32602 }, { u"message"_s, u"Tool no-such-tool not found"_s } };
                return { 200,
                         "application/json",
                         {},
                         jsonBody({ { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, id }, { u"error"_s, error } }),
                         false };
            }
            const QJsonObject result {
                { u"content"_s,
                  QJsonArray { QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, QString(u"called "_s + name) } } } }
            };
            if (!script->pushBeforeResponse) {
                return { 200, "application/json", {}, jsonBody(rpcResult(id, result)), false };
            }
            script->extraTool = true;
            QByteArray stream = ": keep-alive\n\n";
            stream += sseEvent({ { u"jsonrpc"_s, u"2.0"_s }, { u"method"_s, u"notifications/tools/list_changed"_s } });
            stream += sseEvent({ { u"jsonrpc"_s, u"2.0"_s },
                                 { u"id"_s, u"srv-1"_s },
                                 { u"method"_s, u"sampling/createMessage"_s },
                                 { u"params"_s, QJsonObject {} } });
            stream += sseEvent(rpcResult(id, result));
            return { 200, "text/event-stream", {}, stream, false };
        }
        return { 200,
                 "application/json",
                 {},
                 jsonBody({ { u"jsonrpc"_s, u"2.0"_s },
                            { u"id"_s, id },
                            { u"error"_s, QJsonObject { { u"code"_s, -32601 }, { u"message"_s, u"no"_s } } } }),
                 false };
    };
}

McpClient::Options optionsFor(const QUrl& url, McpClient::Transport transport)
{
    McpClient::Options options;
    options.url = url;
    options.transport = transport;
    options.timeoutMs = 15'000;
    return options;
}

QString describe(const QList<SseParser::Event>& events)
{
    QStringList parts;
    for (const SseParser::Event& event : events) {
        parts.append(QString::fromUtf8("[" + event.event + "|" + event.data + "|" + event.id + "]"));
    }
    return parts.join(QString());
}

} // namespace

class McpClientTest final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void sseParser_data();
    void sseParser();
    void jsonRpcErrors();

    void realServer_data();
    void realServer();
    void autoFallsBackToLegacySse();
    void autoPicksStreamableHttp();
    void cancelRunningCallOnRealServer();
    void closeEndsRealSession();

    void jsonBodiesPagingAndHeaders();
    void reinitializesAfterSessionLost();
    void timesOutAgainstSilentServer();
    void connectTimesOutWhenNothingAnswers();
    void cancelSendsCancelledNotification();
    void serverMessagesBeforeResponse();
    void closeDeletesSession();
    void legacySseStreamMessagesAndLoss();
    void closeWhileConnectingThenReconnect();

private:
    std::unique_ptr<EverythingServer> m_streamable;
    std::unique_ptr<EverythingServer> m_sse;
    net::CurlClient* m_http = nullptr;
};

void McpClientTest::initTestCase()
{
    m_http = new net::CurlClient(this);
    m_streamable = std::make_unique<EverythingServer>();
    const QString streamableError = m_streamable->start(u"streamableHttp"_s);
    QVERIFY2(streamableError.isEmpty(), qPrintable(streamableError));
    m_sse = std::make_unique<EverythingServer>();
    const QString sseError = m_sse->start(u"sse"_s);
    QVERIFY2(sseError.isEmpty(), qPrintable(sseError));
}

void McpClientTest::cleanupTestCase()
{
    m_streamable.reset();
    m_sse.reset();
}

void McpClientTest::sseParser_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("expected");

    QTest::newRow("lf") << QByteArray("event: message\ndata: {}\n\n") << u"[message|{}|]"_s;
    QTest::newRow("crlf") << QByteArray("event: endpoint\r\ndata: /message?sessionId=1\r\n\r\n")
                          << u"[endpoint|/message?sessionId=1|]"_s;
    QTest::newRow("cr") << QByteArray("data: a\rdata: b\r\r") << u"[message|a\nb|]"_s;
    QTest::newRow("multi-line data") << QByteArray("data: one\ndata: two\ndata:three\n\n")
                                     << u"[message|one\ntwo\nthree|]"_s;
    QTest::newRow("comments and unknown fields")
        << QByteArray(": keep-alive\nretry: 10\nfoo: bar\ndata: x\n\n: tail\n\n") << u"[message|x|]"_s;
    QTest::newRow("id carries over") << QByteArray("id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n")
                                     << u"[message|a|7][message|b|7][message|c|]"_s;
    QTest::newRow("only one space stripped") << QByteArray("data:  two spaces\n\n") << u"[message| two spaces|]"_s;
    QTest::newRow("empty data field") << QByteArray("data\ndata\n\n") << u"[message|\n|]"_s;
    QTest::newRow("no data, no event") << QByteArray("event: ping\n\n") << QString();
    QTest::newRow("unterminated event is held") << QByteArray("data: a\n\ndata: b\n") << u"[message|a|]"_s;
    QTest::newRow("two events") << QByteArray("event: a\r\ndata: 1\r\n\r\nevent: b\r\ndata: 2\r\n\r\n")
                                << u"[a|1|][b|2|]"_s;
}

void McpClientTest::sseParser()
{
    QFETCH(QByteArray, stream);
    QFETCH(QString, expected);

    SseParser whole;
    QCOMPARE(describe(whole.feed(stream)), expected);

    SseParser bytewise;
    QList<SseParser::Event> events;
    for (qsizetype i = 0; i < stream.size(); ++i) {
        events += bytewise.feed(stream.sliced(i, 1));
    }
    QCOMPARE(describe(events), expected);

    for (qsizetype split = 1; split < stream.size(); ++split) {
        SseParser parser;
        QList<SseParser::Event> parts = parser.feed(stream.first(split));
        parts += parser.feed(stream.sliced(split));
        QVERIFY2(describe(parts) == expected, qPrintable(u"split at %1: %2"_s.arg(split).arg(describe(parts))));
    }
}

void McpClientTest::jsonRpcErrors()
{
    const Error invalid = jsonrpc::toError({ { u"code"_s, -32602 }, { u"message"_s, u"Tool x not found"_s } });
    QCOMPARE(invalid.code, ErrorCode::InvalidValue);
    QVERIFY(invalid.message.contains(u"Tool x not found"_s));
    QCOMPARE(jsonrpc::errorCode(invalid).value_or(0), -32602);

    const Error custom = jsonrpc::toError({ { u"code"_s, -32000 }, { u"message"_s, u"custom"_s } });
    QCOMPARE(custom.code, ErrorCode::Internal);
    QCOMPARE(jsonrpc::errorCode(custom).value_or(0), -32000);
    QCOMPARE(jsonrpc::toError({ { u"code"_s, -32601 } }).code, ErrorCode::NotFound);

    QVERIFY(!jsonrpc::errorCode(Error { ErrorCode::NotFound, u"HTTP 404"_s, {} }));
}

void McpClientTest::realServer_data()
{
    QTest::addColumn<bool>("legacySse");
    QTest::newRow("streamable http") << false;
    QTest::newRow("legacy sse") << true;
}

void McpClientTest::realServer()
{
    QFETCH(bool, legacySse);
    const QUrl url = legacySse ? m_sse->url(u"/sse"_s) : m_streamable->url(u"/mcp"_s);
    const auto transport = legacySse ? McpClient::Transport::Sse : McpClient::Transport::StreamableHttp;
    McpClient client(m_http, optionsFor(url, transport));

    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));
    QCOMPARE(info->name, u"mcp-servers/everything"_s);
    QCOMPARE(info->protocolVersion, u"2025-06-18"_s);
    QVERIFY(info->capabilities.contains(u"tools"_s));
    QVERIFY(client.isConnected());
    QCOMPARE(client.transport(), transport);
    QCOMPARE(client.sessionId().isEmpty(), legacySse);

    const Result<QList<McpTool>> tools = listTools(client);
    QVERIFY2(tools, qPrintable(why(tools)));
    const std::optional<McpTool> echo = findTool(*tools, u"echo"_s);
    QVERIFY(echo);
    QVERIFY(!echo->description.isEmpty());
    QVERIFY(echo->inputSchema.value(u"properties"_s).toObject().contains(u"message"_s));
    const std::optional<McpTool> sum = findTool(*tools, u"get-sum"_s);
    QVERIFY(sum);
    QCOMPARE(sum->title, u"Get Sum Tool"_s);
    const QJsonObject sumProperties = sum->inputSchema.value(u"properties"_s).toObject();
    QCOMPARE(sumProperties.value(u"a"_s).toObject().value(u"type"_s).toString(), u"number"_s);
    QCOMPARE(sumProperties.value(u"b"_s).toObject().value(u"type"_s).toString(), u"number"_s);
    QCOMPARE(sum->annotations.value(u"readOnlyHint"_s).toBool(), true);
    QCOMPARE(client.tools().size(), tools->size());

    const Result<McpToolResult> echoed = callTool(client, u"echo"_s, { { u"message"_s, u"hello from aiops"_s } });
    QVERIFY2(echoed, qPrintable(why(echoed)));
    QVERIFY(!echoed->isError);
    QCOMPARE(echoed->text(), u"Echo: hello from aiops"_s);

    const Result<McpToolResult> summed = callTool(client, u"get-sum"_s, { { u"a"_s, 2 }, { u"b"_s, 3 } });
    QVERIFY2(summed, qPrintable(why(summed)));
    QCOMPARE(summed->text(), u"The sum of 2 and 3 is 5."_s);

    // This server (SDK 1.32) reports an unknown tool as a tool error result, not a JSON-RPC error.
    const Result<McpToolResult> missing = callTool(client, u"no-such-tool"_s, {});
    QVERIFY2(missing, qPrintable(why(missing)));
    QVERIFY(missing->isError);
    QVERIFY2(missing->text().contains(u"no-such-tool"_s), qPrintable(missing->text()));

    client.close();
    QVERIFY(!client.isConnected());
}

void McpClientTest::autoFallsBackToLegacySse()
{
    McpClient client(m_http, optionsFor(m_sse->url(u"/sse"_s), McpClient::Transport::Auto));
    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));
    QCOMPARE(client.transport(), McpClient::Transport::Sse);
    QCOMPARE(info->name, u"mcp-servers/everything"_s);
    const Result<McpToolResult> echoed = callTool(client, u"echo"_s, { { u"message"_s, u"via sse"_s } });
    QVERIFY2(echoed, qPrintable(why(echoed)));
    QCOMPARE(echoed->text(), u"Echo: via sse"_s);
    client.close();
}

void McpClientTest::autoPicksStreamableHttp()
{
    McpClient client(m_http, optionsFor(m_streamable->url(u"/mcp"_s), McpClient::Transport::Auto));
    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));
    QCOMPARE(client.transport(), McpClient::Transport::StreamableHttp);
    QVERIFY(!client.sessionId().isEmpty());
    client.close();
}

void McpClientTest::cancelRunningCallOnRealServer()
{
    McpClient client(m_http, optionsFor(m_streamable->url(u"/mcp"_s), McpClient::Transport::StreamableHttp));
    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));

    std::optional<Result<McpToolResult>> got;
    QElapsedTimer elapsed;
    elapsed.start();
    const McpClient::CallId id = client.callTool(u"trigger-long-running-operation"_s,
                                                 { { u"duration"_s, 10 }, { u"steps"_s, 10 } },
                                                 [&got](Result<McpToolResult> result) { got = std::move(result); });
    QVERIFY(id > 0);
    QTest::qWait(300);
    QVERIFY(!got);
    client.cancel(id);
    QVERIFY(!got); // never inside the call
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 5'000);
    QVERIFY(!*got);
    QVERIFY(net::isCancellation(got->error()));
    QVERIFY(elapsed.elapsed() < 5'000);

    // The session survives the cancelled call.
    const Result<McpToolResult> echoed = callTool(client, u"echo"_s, { { u"message"_s, u"still here"_s } });
    QVERIFY2(echoed, qPrintable(why(echoed)));
    QCOMPARE(echoed->text(), u"Echo: still here"_s);
    client.close();
}

void McpClientTest::closeEndsRealSession()
{
    const QUrl url = m_streamable->url(u"/mcp"_s);
    McpClient client(m_http, optionsFor(url, McpClient::Transport::StreamableHttp));
    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));
    const QByteArray session = client.sessionId();
    QVERIFY(!session.isEmpty());

    // A raw request on the session works before close() and is refused after it (the server forgot it).
    const auto rawList = [this, &url, &session] {
        net::Request request;
        request.method = "POST";
        request.url = url;
        request.headers.set("Accept", "application/json, text/event-stream");
        request.headers.set("Content-Type", "application/json");
        request.headers.set("Mcp-Session-Id", session);
        request.body = jsonrpc::request(99, u"tools/list"_s, {});
        std::optional<Result<net::Response>> got;
        net::Transfer* transfer = m_http->start(request);
        connect(
            transfer, &net::Transfer::finished, this, [&got](const Result<net::Response>& result) { got = result; });
        if (!QTest::qWaitFor([&got] { return got.has_value(); }, 10'000)) {
            return -2;
        }
        return *got ? got->value().status : -1;
    };
    QCOMPARE(rawList(), 200);
    client.close();
    QVERIFY(!client.isConnected());
    QVERIFY(client.sessionId().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(rawList(), 400, 5'000);

    const Result<McpToolResult> after = callTool(client, u"echo"_s, { { u"message"_s, u"x"_s } });
    QVERIFY(!after);
    QCOMPARE(after.error().code, ErrorCode::Unavailable);
}

void McpClientTest::jsonBodiesPagingAndHeaders()
{
    auto script = std::make_shared<DoubleScript>();
    HttpServerDouble server(mcpDouble(script));
    QVERIFY(server.isListening());
    McpClient::Options options = optionsFor(server.url(u"/mcp"_s), McpClient::Transport::Auto);
    options.bearerToken = "secret-token";
    McpClient client(m_http, options);

    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));
    QCOMPARE(info->name, u"mcp-double"_s);
    QCOMPARE(client.transport(), McpClient::Transport::StreamableHttp);
    QCOMPARE(client.sessionId(), QByteArray("double-session-1"));

    const Result<QList<McpTool>> tools = listTools(client);
    QVERIFY2(tools, qPrintable(why(tools)));
    QCOMPARE(tools->size(), 2);
    QCOMPARE(tools->at(0).name, u"alpha"_s);
    QCOMPARE(tools->at(1).name, u"beta"_s);
    QCOMPARE(tools->at(1).inputSchema.value(u"type"_s).toString(), u"object"_s);

    const QList<SeenRequest> initialize = server.seenRpc(u"initialize"_s);
    QCOMPARE(initialize.size(), 1);
    const QJsonObject params = initialize.first().json().value(u"params"_s).toObject();
    QCOMPARE(params.value(u"protocolVersion"_s).toString(), u"2025-06-18"_s);
    QCOMPARE(params.value(u"clientInfo"_s).toObject().value(u"name"_s).toString(), u"aiops-console"_s);
    QVERIFY(!initialize.first().headers.contains("mcp-session-id"));
    QVERIFY(!initialize.first().headers.contains("mcp-protocol-version"));
    QCOMPARE(initialize.first().headers.value("authorization"), QByteArray("Bearer secret-token"));
    QCOMPARE(initialize.first().headers.value("accept"), QByteArray("application/json, text/event-stream"));
    QCOMPARE(initialize.first().headers.value("content-type"), QByteArray("application/json"));

    QCOMPARE(server.seenRpc(u"notifications/initialized"_s).size(), 1);
    const QList<SeenRequest> lists = server.seenRpc(u"tools/list"_s);
    QCOMPARE(lists.size(), 2);
    QCOMPARE(lists.at(1).json().value(u"params"_s).toObject().value(u"cursor"_s).toString(), u"page-2"_s);
    for (const SeenRequest& request : lists) {
        QCOMPARE(request.headers.value("mcp-session-id"), QByteArray("double-session-1"));
        QCOMPARE(request.headers.value("mcp-protocol-version"), QByteArray("2025-06-18"));
    }
}

void McpClientTest::reinitializesAfterSessionLost()
{
    auto script = std::make_shared<DoubleScript>();
    HttpServerDouble server(mcpDouble(script));
    McpClient client(m_http, optionsFor(server.url(u"/mcp"_s), McpClient::Transport::StreamableHttp));
    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));
    QCOMPARE(client.sessionId(), QByteArray("double-session-1"));

    script->liveSession = "expired-by-the-test"; // the server forgets the session: the next request gets 404
    const Result<McpToolResult> called = callTool(client, u"alpha"_s, {});
    QVERIFY2(called, qPrintable(why(called)));
    QCOMPARE(called->text(), u"called alpha"_s);

    QCOMPARE(server.seenRpc(u"initialize"_s).size(), 2);
    const QList<SeenRequest> calls = server.seenRpc(u"tools/call"_s);
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(0).headers.value("mcp-session-id"), QByteArray("double-session-1"));
    QCOMPARE(calls.at(1).headers.value("mcp-session-id"), QByteArray("double-session-2"));
    QCOMPARE(calls.at(0).json().value(u"id"_s), calls.at(1).json().value(u"id"_s));
    QCOMPARE(client.sessionId(), QByteArray("double-session-2"));
    QVERIFY(client.isConnected());

    // A JSON-RPC error object becomes a typed error; it is not a lost session, so nothing is re-sent.
    const Result<McpToolResult> missing = callTool(client, u"no-such-tool"_s, {});
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::InvalidValue);
    QCOMPARE(jsonrpc::errorCode(missing.error()).value_or(0), jsonrpc::InvalidParams);
    QVERIFY2(missing.error().message.contains(u"Tool no-such-tool not found"_s), qPrintable(why(missing)));
    QCOMPARE(server.seenRpc(u"initialize"_s).size(), 2);
    QVERIFY(client.isConnected());
}

void McpClientTest::timesOutAgainstSilentServer()
{
    auto script = std::make_shared<DoubleScript>();
    script->silentCalls = true;
    HttpServerDouble server(mcpDouble(script));
    McpClient client(m_http, optionsFor(server.url(u"/mcp"_s), McpClient::Transport::StreamableHttp));
    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));

    std::optional<Result<McpToolResult>> got;
    QElapsedTimer elapsed;
    elapsed.start();
    const McpClient::CallId id = client.callTool(
        u"alpha"_s, {}, [&got](Result<McpToolResult> result) { got = std::move(result); }, 400);
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10'000);
    QVERIFY(elapsed.elapsed() >= 350);
    QVERIFY(!*got);
    QCOMPARE(got->error().code, ErrorCode::Unavailable);
    QVERIFY2(got->error().message.contains(u"timed out"_s), qPrintable(why(*got)));
    QVERIFY(!net::isCancellation(got->error()));

    QTRY_COMPARE_WITH_TIMEOUT(server.seenRpc(u"notifications/cancelled"_s).size(), 1, 5'000);
    const QJsonObject cancelled = server.seenRpc(u"notifications/cancelled"_s).first().json();
    QCOMPARE(cancelled.value(u"params"_s).toObject().value(u"requestId"_s).toInteger(), id);
}

void McpClientTest::connectTimesOutWhenNothingAnswers()
{
    HttpServerDouble server([](const SeenRequest&) { return ScriptedReply { 200, {}, {}, {}, true }; });
    McpClient::Options options = optionsFor(server.url(u"/mcp"_s), McpClient::Transport::Auto);
    options.timeoutMs = 400;
    McpClient client(m_http, options);
    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY(!info);
    QVERIFY2(info.error().message.contains(u"timed out"_s), qPrintable(why(info)));
    QVERIFY(!client.isConnected());
    QCOMPARE(server.seen().size(), 1); // no cancelled notification for initialize
}

void McpClientTest::cancelSendsCancelledNotification()
{
    auto script = std::make_shared<DoubleScript>();
    script->silentCalls = true;
    HttpServerDouble server(mcpDouble(script));
    McpClient client(m_http, optionsFor(server.url(u"/mcp"_s), McpClient::Transport::StreamableHttp));
    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));

    std::optional<Result<McpToolResult>> got;
    const McpClient::CallId id
        = client.callTool(u"alpha"_s, {}, [&got](Result<McpToolResult> result) { got = std::move(result); });
    QTRY_COMPARE_WITH_TIMEOUT(server.seenRpc(u"tools/call"_s).size(), 1, 5'000);
    client.cancel(id);
    QVERIFY(!got);
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 5'000);
    QVERIFY(!*got);
    QVERIFY(net::isCancellation(got->error()));
    QTRY_COMPARE_WITH_TIMEOUT(server.seenRpc(u"notifications/cancelled"_s).size(), 1, 5'000);
    const QJsonObject params
        = server.seenRpc(u"notifications/cancelled"_s).first().json().value(u"params"_s).toObject();
    QCOMPARE(params.value(u"requestId"_s).toInteger(), id);

    client.cancel(id); // a second cancel is a no-op
    QTest::qWait(100);
    QCOMPARE(server.seenRpc(u"notifications/cancelled"_s).size(), 1);
}

void McpClientTest::serverMessagesBeforeResponse()
{
    auto script = std::make_shared<DoubleScript>();
    script->pushBeforeResponse = true;
    HttpServerDouble server(mcpDouble(script));
    McpClient client(m_http, optionsFor(server.url(u"/mcp"_s), McpClient::Transport::StreamableHttp));
    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));
    QSignalSpy toolsChanged(&client, &McpClient::toolsChanged);

    const Result<McpToolResult> called = callTool(client, u"beta"_s, {});
    QVERIFY2(called, qPrintable(why(called)));
    QCOMPARE(called->text(), u"called beta"_s);

    QTRY_COMPARE_WITH_TIMEOUT(toolsChanged.size(), 1, 5'000);
    QCOMPARE(client.tools().size(), 3);
    QCOMPARE(client.tools().at(2).name, u"gamma"_s);

    // The unsupported server request got a JSON-RPC "method not found" reply.
    const auto replyToServer = [&server]() -> std::optional<QJsonObject> {
        for (const SeenRequest& request : server.seen()) {
            if (request.json().value(u"id"_s).toString() == u"srv-1"_s) {
                return request.json();
            }
        }
        return std::nullopt;
    };
    QTRY_VERIFY_WITH_TIMEOUT(replyToServer().has_value(), 5'000);
    const QJsonObject reply = *replyToServer();
    QCOMPARE(reply.value(u"error"_s).toObject().value(u"code"_s).toInt(), -32601);
    QVERIFY(!reply.contains(u"method"_s));
}

void McpClientTest::closeDeletesSession()
{
    auto script = std::make_shared<DoubleScript>();
    script->silentCalls = true;
    HttpServerDouble server(mcpDouble(script));
    McpClient client(m_http, optionsFor(server.url(u"/mcp"_s), McpClient::Transport::StreamableHttp));
    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));

    std::optional<Result<McpToolResult>> got;
    client.callTool(u"alpha"_s, {}, [&got](Result<McpToolResult> result) { got = std::move(result); });
    QTRY_COMPARE_WITH_TIMEOUT(server.seenRpc(u"tools/call"_s).size(), 1, 5'000);
    client.close();
    QVERIFY(!got);
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 5'000);
    QVERIFY(!*got);
    QCOMPARE(got->error().code, ErrorCode::Unavailable);

    const auto deleteSeen = [&server]() -> QByteArray {
        for (const SeenRequest& request : server.seen()) {
            if (request.method == "DELETE") {
                return request.headers.value("mcp-session-id");
            }
        }
        return {};
    };
    QTRY_COMPARE_WITH_TIMEOUT(deleteSeen(), QByteArray("double-session-1"), 5'000);

    // A closed client connects again with a new session.
    const Result<McpServerInfo> again = connectClient(client);
    QVERIFY2(again, qPrintable(why(again)));
    QCOMPARE(client.sessionId(), QByteArray("double-session-2"));
}

void McpClientTest::legacySseStreamMessagesAndLoss()
{
    HttpServerDouble* double_ = nullptr;
    int toolsVersion = 1;
    HttpServerDouble server([&double_, &toolsVersion](const SeenRequest& request) -> ScriptedReply {
        if (request.method == "GET") {
            return { 200,   "text/event-stream",
                     {},    ": hello\n\nevent: endpoint\ndata: /rpc/message?sessionId=abc\n\n",
                     false, true };
        }
        const QJsonObject message = request.json();
        const QJsonValue id = message.value(u"id"_s);
        const QString method = message.value(u"method"_s).toString();
        if (id.isUndefined() || method.isEmpty() || method == u"tools/call"_s) {
            return { 202, {}, {}, {}, false, false }; // tools/call is never answered
        }
        QJsonObject result;
        if (method == u"initialize"_s) {
            result = { { u"protocolVersion"_s, u"2024-11-05"_s },
                       { u"capabilities"_s, QJsonObject { { u"tools"_s, QJsonObject {} } } },
                       { u"serverInfo"_s, QJsonObject { { u"name"_s, u"sse-double"_s }, { u"version"_s, u"1"_s } } } };
        } else if (method == u"tools/list"_s) {
            QJsonArray tools { toolJson(u"alpha"_s) };
            if (toolsVersion > 1) {
                tools.append(toolJson(u"beta"_s));
            }
            result = { { u"tools"_s, tools } };
        }
        double_->push(sseEvent(rpcResult(id, result))); // the reply travels on the SSE stream
        return { 202, {}, {}, {}, false, false };
    });
    double_ = &server;
    McpClient client(m_http, optionsFor(server.url(u"/events/sse"_s), McpClient::Transport::Sse));
    QSignalSpy toolsChanged(&client, &McpClient::toolsChanged);
    QSignalSpy disconnected(&client, &McpClient::disconnected);

    const Result<McpServerInfo> info = connectClient(client);
    QVERIFY2(info, qPrintable(why(info)));
    QCOMPARE(info->name, u"sse-double"_s);
    QCOMPARE(info->protocolVersion, u"2024-11-05"_s);
    const QList<SeenRequest> initialize = server.seenRpc(u"initialize"_s);
    QCOMPARE(initialize.size(), 1);
    QCOMPARE(initialize.first().path, QByteArray("/rpc/message?sessionId=abc")); // resolved against the SSE URL
    QCOMPARE(server.seen().first().headers.value("accept"), QByteArray("text/event-stream"));

    const Result<QList<McpTool>> tools = listTools(client);
    QVERIFY2(tools, qPrintable(why(tools)));
    QCOMPARE(tools->size(), 1);

    toolsVersion = 2;
    server.push(sseEvent({ { u"jsonrpc"_s, u"2.0"_s }, { u"method"_s, u"notifications/tools/list_changed"_s } }));
    QTRY_COMPARE_WITH_TIMEOUT(toolsChanged.size(), 1, 5'000);
    QCOMPARE(client.tools().size(), 2);
    QCOMPARE(client.tools().at(1).name, u"beta"_s);

    // A server ping is answered with an empty result.
    server.push(sseEvent({ { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, 41 }, { u"method"_s, u"ping"_s } }));
    const auto pingReply = [&server]() -> std::optional<QJsonObject> {
        for (const SeenRequest& request : server.seen()) {
            if (request.json().value(u"id"_s).toInt() == 41) {
                return request.json();
            }
        }
        return std::nullopt;
    };
    QTRY_VERIFY_WITH_TIMEOUT(pingReply().has_value(), 5'000);
    QVERIFY(pingReply()->value(u"result"_s).isObject());
    QVERIFY(!pingReply()->contains(u"error"_s));

    // The stream ends while a call is pending: the call fails and disconnected() reports it.
    std::optional<Result<McpToolResult>> got;
    client.callTool(u"alpha"_s, {}, [&got](Result<McpToolResult> result) { got = std::move(result); });
    QTRY_COMPARE_WITH_TIMEOUT(server.seenRpc(u"tools/call"_s).size(), 1, 5'000);
    server.endStreams();
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 5'000);
    QVERIFY(!*got);
    QCOMPARE(got->error().code, ErrorCode::Unavailable);
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 5'000);
    QVERIFY(!client.isConnected());
}

void McpClientTest::closeWhileConnectingThenReconnect()
{
    auto script = std::make_shared<DoubleScript>();
    script->silentInitializes = 1;
    HttpServerDouble server(mcpDouble(script));
    McpClient client(m_http, optionsFor(server.url(u"/mcp"_s), McpClient::Transport::Auto));

    std::optional<Result<McpServerInfo>> first;
    client.connectToServer([&first](Result<McpServerInfo> result) { first = std::move(result); });
    QTRY_COMPARE_WITH_TIMEOUT(server.seenRpc(u"initialize"_s).size(), 1, 5'000);
    client.close();
    const Result<McpServerInfo> second = connectClient(client);
    QVERIFY2(second, qPrintable(why(second)));
    QVERIFY(first.has_value());
    QVERIFY(!*first);
    QCOMPARE(first->error().code, ErrorCode::Unavailable);
    QVERIFY(client.isConnected());
    QCOMPARE(client.transport(), McpClient::Transport::StreamableHttp);
    QCOMPARE(client.sessionId(), QByteArray("double-session-1"));
    const Result<McpToolResult> called = callTool(client, u"alpha"_s, {});
    QVERIFY2(called, qPrintable(why(called)));
}

QTEST_GUILESS_MAIN(McpClientTest)
#include "McpClientTest.moc"
