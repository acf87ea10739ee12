// AgentLoop, the turn engine of aiops-agent: an OpenAiProvider behind the ProviderRouter talks to
// OpenAiToolLlmDouble (a scripted OpenAI-compatible server that streams tool calls), and the tools run on the real
// MCP reference server (@modelcontextprotocol/server-everything from tests/peers).
#include "core/agents/AgentLoop.h"

#include "AgentTestSupport.h"
#include "core/agents/McpClient.h"
#include "core/agents/OpenAiProvider.h"
#include "core/agents/ProviderRouter.h"
#include "core/net/CurlClient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <optional>

using namespace aiops;
using namespace aiops::agents;
using namespace aiops::testing;
using namespace Qt::StringLiterals;

namespace {

struct LoopRun
{
    QList<QJsonObject> events;
    std::optional<AgentLoop::Outcome> outcome;

    QStringList types() const
    {
        QStringList list;
        for (const QJsonObject& event : events) {
            list.append(event.value(u"type"_s).toString());
        }
        return list;
    }
    QList<QJsonObject> ofType(const QString& type) const
    {
        QList<QJsonObject> list;
        for (const QJsonObject& event : events) {
            if (event.value(u"type"_s).toString() == type) {
                list.append(event);
            }
        }
        return list;
    }
    QString deltasJoined() const
    {
        QString text;
        for (const QJsonObject& event : ofType(u"agent.messageDelta"_s)) {
            text += event.value(u"delta"_s).toString();
        }
        return text;
    }
};

AgentTurn userTurn(const QString& content)
{
    AgentTurn turn;
    turn.conversationId = u"conv-1"_s;
    turn.replyTo = u"msg-user-1"_s;
    turn.content = content;
    return turn;
}

QStringList repeated(const QString& type, int count)
{
    QStringList list;
    for (int i = 0; i < count; ++i) {
        list.append(type);
    }
    return list;
}

} // namespace

class AgentLoopTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void toolCallsThenStreamedAnswer();
    void toolFailuresGoBackToTheModel();
    void stopsAfterMaxToolRounds();
    void cancelWhileTheModelThinks();
    void cancelDuringToolCall();
    void localOnlyBlocksCloudProvider();
    void sharedToolNamesArePrefixed();

private:
    struct Stack
    {
        std::unique_ptr<OpenAiProvider> provider;
        std::unique_ptr<ProviderRouter> router;
    };
    Stack stackFor(const OpenAiToolLlmDouble& llm, LlmProvider::Kind kind = LlmProvider::Kind::Local);
    AgentLoop::Options options(int maxToolRounds = 8) const;
    LoopRun run(AgentLoop& loop, const AgentTurn& turn, int timeoutMs = 30'000);

    EverythingServer m_everything;
    net::CurlClient* m_http = nullptr;
    McpClient* m_mcp = nullptr;
};

void AgentLoopTest::initTestCase()
{
    m_http = new net::CurlClient(this);
    const QString error = m_everything.start(QStringLiteral(AIOPS_SOURCE_DIR));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    McpClient::Options mcpOptions;
    mcpOptions.url = m_everything.url();
    mcpOptions.transport = McpClient::Transport::StreamableHttp;
    m_mcp = new McpClient(m_http, mcpOptions, this);
    std::optional<Result<QList<McpTool>>> tools;
    m_mcp->connectToServer([this, &tools](Result<McpServerInfo> info) {
        if (!info) {
            tools = std::unexpected(info.error());
            return;
        }
        m_mcp->listTools([&tools](Result<QList<McpTool>> listed) { tools = std::move(listed); });
    });
    QVERIFY(QTest::qWaitFor([&tools] { return tools.has_value(); }, 20'000));
    QVERIFY2(*tools, qPrintable(tools->has_value() ? QString() : tools->error().message));
    QStringList names;
    for (const McpTool& tool : **tools) {
        names.append(tool.name);
    }
    // The tool names this test relies on, as the pinned server version spells them.
    QVERIFY2(names.contains(u"echo"_s) && names.contains(u"get-sum"_s)
                 && names.contains(u"trigger-long-running-operation"_s),
             qPrintable(names.join(u", "_s)));
}

void AgentLoopTest::cleanupTestCase()
{
    if (m_mcp) {
        m_mcp->close();
        QTest::qWait(200);
    }
}

AgentLoopTest::Stack AgentLoopTest::stackFor(const OpenAiToolLlmDouble& llm, LlmProvider::Kind kind)
{
    Stack stack;
    OpenAiProvider::Options providerOptions;
    providerOptions.name = kind == LlmProvider::Kind::Local ? u"local-double"_s : u"cloud-double"_s;
    providerOptions.kind = kind;
    providerOptions.baseUrl = llm.baseUrl();
    providerOptions.timeoutMs = 20'000;
    stack.provider = std::make_unique<OpenAiProvider>(m_http, providerOptions);
    stack.router = std::make_unique<ProviderRouter>();
    stack.router->addProvider(stack.provider.get(), { u"double-model"_s });
    stack.router->setRetryPolicy(ProviderRouter::RetryPolicy { 1, 10, 10, 0 });
    return stack;
}

AgentLoop::Options AgentLoopTest::options(int maxToolRounds) const
{
    AgentLoop::Options options;
    options.agentId = u"agent-test"_s;
    options.systemPrompt = u"You are a test agent."_s;
    options.model = u"double-model"_s;
    options.maxToolRounds = maxToolRounds;
    options.toolTimeoutMs = 20'000;
    return options;
}

LoopRun AgentLoopTest::run(AgentLoop& loop, const AgentTurn& turn, int timeoutMs)
{
    auto result = std::make_shared<LoopRun>();
    QObject::connect(
        &loop, &AgentLoop::eventReady, &loop, [result](const QJsonObject& event) { result->events.append(event); });
    QObject::connect(
        &loop, &AgentLoop::finished, &loop, [result](const AgentLoop::Outcome& outcome) { result->outcome = outcome; });
    loop.run(turn);
    [[maybe_unused]] const bool done = QTest::qWaitFor([result] { return result->outcome.has_value(); }, timeoutMs);
    return *result;
}

void AgentLoopTest::toolCallsThenStreamedAnswer()
{
    OpenAiToolLlmDouble llm(
        { { u"echo"_s, u"{\"message\": \"hello from the loop\"}"_s }, { u"get-sum"_s, u"{\"a\": 2, \"b\": 3}"_s } });
    QVERIFY(llm.isListening());
    Stack stack = stackFor(llm);
    AgentLoop loop(stack.router.get(), options(), AgentLoop::catalogue({ { u"everything"_s, m_mcp } }));

    AgentTurn turn = userTurn(u"Echo something and add 2 and 3"_s);
    turn.history = { ChatMessage { u"user"_s, u"earlier question"_s, {}, {} },
                     ChatMessage { u"assistant"_s, u"earlier answer"_s, {}, {} } };
    turn.files = { AgentTurn::File { u"/files/file-1"_s, u"notes.txt"_s, u"text/plain"_s, 42 } };
    const LoopRun result = run(loop, turn);
    QVERIFY(result.outcome);
    QVERIFY2(result.outcome->ok, qPrintable(result.outcome->content));

    const QStringList answer
        = OpenAiToolLlmDouble::answerPieces({ u"Echo: hello from the loop"_s, u"The sum of 2 and 3 is 5."_s });
    const QStringList expected = QStringList { u"agent.typing"_s,
                                               u"agent.toolCall.start"_s,
                                               u"agent.toolCall.end"_s,
                                               u"agent.toolCall.start"_s,
                                               u"agent.toolCall.end"_s }
        + repeated(u"agent.messageDelta"_s, int(answer.size())) + QStringList { u"agent.typing"_s, u"agent.message"_s };
    QCOMPARE(result.types(), expected);
    for (const QJsonObject& event : result.events) {
        QCOMPARE(event.value(u"agentId"_s).toString(), u"agent-test"_s);
        QCOMPARE(event.value(u"conversationId"_s).toString(), u"conv-1"_s);
        QVERIFY(event.value(u"timestamp"_s).toDouble() > 1.7e12);
    }
    QCOMPARE(result.events.first().value(u"isTyping"_s).toBool(), true);
    QCOMPARE(result.events.at(result.events.size() - 2).value(u"isTyping"_s).toBool(), false);

    const QList<QJsonObject> starts = result.ofType(u"agent.toolCall.start"_s);
    const QList<QJsonObject> ends = result.ofType(u"agent.toolCall.end"_s);
    QCOMPARE(starts.at(0).value(u"toolName"_s).toString(), u"echo"_s);
    QCOMPARE(starts.at(0).value(u"toolInput"_s).toObject(),
             QJsonObject({ { u"message"_s, u"hello from the loop"_s } }));
    QCOMPARE(starts.at(1).value(u"toolName"_s).toString(), u"get-sum"_s);
    QCOMPARE(starts.at(1).value(u"toolInput"_s).toObject(), QJsonObject({ { u"a"_s, 2 }, { u"b"_s, 3 } }));
    for (int i = 0; i < 2; ++i) {
        QVERIFY(!starts.at(i).value(u"messageId"_s).toString().isEmpty());
        QCOMPARE(ends.at(i).value(u"messageId"_s).toString(), starts.at(i).value(u"messageId"_s).toString());
        QCOMPARE(ends.at(i).value(u"toolName"_s).toString(), starts.at(i).value(u"toolName"_s).toString());
        QCOMPARE(ends.at(i).value(u"status"_s).toString(), u"success"_s);
        QVERIFY(!ends.at(i).contains(u"error"_s));
        QVERIFY(ends.at(i).value(u"durationMs"_s).isDouble());
        QVERIFY(ends.at(i).value(u"durationMs"_s).toDouble() >= 0);
        const QJsonObject metadata = ends.at(i).value(u"metadata"_s).toObject();
        QCOMPARE(metadata.value(u"replyTo"_s).toString(), u"msg-user-1"_s);
        QCOMPARE(metadata.value(u"toolCallId"_s).toString(), u"call_1_%1"_s.arg(i));
        QCOMPARE(starts.at(i).value(u"metadata"_s).toObject(), metadata);
    }
    QVERIFY(starts.at(0).value(u"messageId"_s) != starts.at(1).value(u"messageId"_s));
    // The real server's output.
    const QJsonObject echoOutput = ends.at(0).value(u"toolOutput"_s).toObject();
    QCOMPARE(echoOutput.value(u"text"_s).toString(), u"Echo: hello from the loop"_s);
    QCOMPARE(echoOutput.value(u"content"_s).toArray().at(0).toObject().value(u"text"_s).toString(),
             u"Echo: hello from the loop"_s);
    QCOMPARE(ends.at(1).value(u"toolOutput"_s).toObject().value(u"text"_s).toString(), u"The sum of 2 and 3 is 5."_s);

    // Streamed in pieces; the pieces make up the final message, which carries their id.
    const QJsonObject message = result.ofType(u"agent.message"_s).first();
    const QList<QJsonObject> deltas = result.ofType(u"agent.messageDelta"_s);
    QVERIFY(deltas.size() > 1);
    for (qsizetype i = 0; i < deltas.size(); ++i) {
        QCOMPARE(deltas.at(i).value(u"delta"_s).toString(), answer.at(i));
        QCOMPARE(deltas.at(i).value(u"messageId"_s).toString(), message.value(u"messageId"_s).toString());
    }
    QCOMPARE(message.value(u"content"_s).toString(), result.deltasJoined());
    QCOMPARE(message.value(u"content"_s).toString(), answer.join(QString()));
    QCOMPARE(result.outcome->content, answer.join(QString()));
    const QJsonObject metadata = message.value(u"metadata"_s).toObject();
    QCOMPARE(metadata.value(u"replyTo"_s).toString(), u"msg-user-1"_s);
    QCOMPARE(metadata.value(u"usage"_s).toObject(),
             QJsonObject({ { u"promptTokens"_s, 10 + 20 }, { u"completionTokens"_s, 3 + 3 } }));
    QCOMPARE(result.outcome->usage.promptTokens, 30);
    QCOMPARE(metadata.value(u"provider"_s).toString(), u"local-double"_s);
    QCOMPARE(metadata.value(u"model"_s).toString(), u"double-model"_s);
    QVERIFY(metadata.value(u"latencyMs"_s).isDouble());

    // What the model was sent: system prompt, history, the message with its file, the tools; then the results.
    QCOMPARE(llm.requests(), 2);
    const QJsonArray first = llm.messages(0);
    QCOMPARE(first.size(), 4);
    QCOMPARE(first.at(0).toObject().value(u"role"_s).toString(), u"system"_s);
    QCOMPARE(first.at(0).toObject().value(u"content"_s).toString(), u"You are a test agent."_s);
    QCOMPARE(first.at(1).toObject().value(u"content"_s).toString(), u"earlier question"_s);
    QCOMPARE(first.at(2).toObject().value(u"role"_s).toString(), u"assistant"_s);
    const QString userContent = first.at(3).toObject().value(u"content"_s).toString();
    QVERIFY2(userContent.startsWith(u"Echo something and add 2 and 3"_s), qPrintable(userContent));
    QVERIFY2(userContent.contains(u"notes.txt (text/plain, 42 bytes): /files/file-1"_s), qPrintable(userContent));
    const QJsonArray tools = llm.seen().first().json().value(u"tools"_s).toArray();
    QStringList toolNames;
    for (const QJsonValue& tool : tools) {
        toolNames.append(tool.toObject().value(u"function"_s).toObject().value(u"name"_s).toString());
    }
    QVERIFY(toolNames.contains(u"echo"_s));
    QVERIFY(toolNames.contains(u"get-sum"_s));
    const QJsonArray second = llm.messages(1);
    QCOMPARE(second.size(), 7);
    QCOMPARE(second.at(4).toObject().value(u"tool_calls"_s).toArray().size(), 2);
    QCOMPARE(second.at(5).toObject().value(u"role"_s).toString(), u"tool"_s);
    QCOMPARE(second.at(5).toObject().value(u"tool_call_id"_s).toString(), u"call_1_0"_s);
    QCOMPARE(second.at(6).toObject().value(u"content"_s).toString(), u"The sum of 2 and 3 is 5."_s);
}

void AgentLoopTest::toolFailuresGoBackToTheModel()
{
    OpenAiToolLlmDouble llm({ { u"get-sum"_s, u"{\"a\": \"two\", \"b\": 3}"_s },
                              { u"no-such-tool"_s, u"{}"_s },
                              { u"echo"_s, u"{not json"_s } });
    Stack stack = stackFor(llm);
    AgentLoop loop(stack.router.get(), options(), AgentLoop::catalogue({ { u"everything"_s, m_mcp } }));
    const LoopRun result = run(loop, userTurn(u"break things"_s));
    QVERIFY(result.outcome);
    // A failing tool does not fail the turn: the model gets the failures and answers.
    QVERIFY2(result.outcome->ok, qPrintable(result.outcome->content));
    QCOMPARE(result.types().last(), u"agent.message"_s);

    const QList<QJsonObject> ends = result.ofType(u"agent.toolCall.end"_s);
    QCOMPARE(ends.size(), 3);
    for (const QJsonObject& end : ends) {
        QCOMPARE(end.value(u"status"_s).toString(), u"error"_s);
        QVERIFY2(!end.value(u"error"_s).toString().isEmpty(), qPrintable(end.value(u"toolName"_s).toString()));
        QVERIFY(end.value(u"durationMs"_s).isDouble());
    }
    // get-sum ran on the real server, which rejected the argument.
    QVERIFY2(ends.at(0).value(u"error"_s).toString().contains(u"a"_s),
             qPrintable(ends.at(0).value(u"error"_s).toString()));
    QVERIFY2(ends.at(1).value(u"error"_s).toString().contains(u"no-such-tool"_s),
             qPrintable(ends.at(1).value(u"error"_s).toString()));
    QVERIFY2(ends.at(2).value(u"error"_s).toString().contains(u"not a JSON object"_s),
             qPrintable(ends.at(2).value(u"error"_s).toString()));
    QCOMPARE(result.ofType(u"agent.toolCall.start"_s).at(2).value(u"toolInput"_s).toObject(), QJsonObject());

    const QJsonArray second = llm.messages(1);
    QCOMPARE(second.size(), 6);
    QStringList toolResults;
    for (int i = 3; i < 6; ++i) {
        const QString content = second.at(i).toObject().value(u"content"_s).toString();
        QVERIFY2(content.startsWith(u"Error: "_s), qPrintable(content));
        toolResults.append(content);
    }
    QCOMPARE(result.ofType(u"agent.message"_s).first().value(u"content"_s).toString(),
             OpenAiToolLlmDouble::answerPieces(toolResults).join(QString()));
}

void AgentLoopTest::stopsAfterMaxToolRounds()
{
    OpenAiToolLlmDouble llm({ { u"echo"_s, u"{\"message\": \"again\"}"_s } });
    llm.setMode(OpenAiToolLlmDouble::Mode::AlwaysTools);
    Stack stack = stackFor(llm);
    AgentLoop loop(stack.router.get(), options(2), AgentLoop::catalogue({ { u"everything"_s, m_mcp } }));
    const LoopRun result = run(loop, userTurn(u"loop forever"_s));
    QVERIFY(result.outcome);
    QVERIFY(!result.outcome->ok);
    QCOMPARE(result.types(),
             QStringList({ u"agent.typing"_s,
                           u"agent.toolCall.start"_s,
                           u"agent.toolCall.end"_s,
                           u"agent.toolCall.start"_s,
                           u"agent.toolCall.end"_s,
                           u"agent.typing"_s,
                           u"agent.error"_s }));
    const QJsonObject error = result.events.last();
    QCOMPARE(error.value(u"errorCode"_s).toString(), u"OUT_OF_RANGE"_s);
    QVERIFY2(error.value(u"message"_s).toString().contains(u"maxToolRounds"_s),
             qPrintable(error.value(u"message"_s).toString()));
    QCOMPARE(error.value(u"metadata"_s).toObject().value(u"replyTo"_s).toString(), u"msg-user-1"_s);
    QCOMPARE(error.value(u"metadata"_s).toObject().value(u"usage"_s).toObject(),
             QJsonObject({ { u"promptTokens"_s, 10 + 20 + 30 }, { u"completionTokens"_s, 9 } }));
    QCOMPARE(llm.requests(), 3);
}

void AgentLoopTest::cancelWhileTheModelThinks()
{
    OpenAiToolLlmDouble llm;
    llm.setMode(OpenAiToolLlmDouble::Mode::Silent);
    Stack stack = stackFor(llm);
    AgentLoop loop(stack.router.get(), options(), AgentLoop::catalogue({ { u"everything"_s, m_mcp } }));
    auto result = std::make_shared<LoopRun>();
    connect(&loop, &AgentLoop::eventReady, this, [result](const QJsonObject& event) { result->events.append(event); });
    connect(
        &loop, &AgentLoop::finished, this, [result](const AgentLoop::Outcome& outcome) { result->outcome = outcome; });
    loop.run(userTurn(u"think hard"_s));
    QVERIFY(QTest::qWaitFor([&llm] { return llm.requests() == 1; }, 10'000));
    QVERIFY(!result->outcome);
    loop.cancel();
    QVERIFY(result->outcome);
    QVERIFY(!result->outcome->ok);
    QTest::qWait(300); // nothing else arrives once the call is cancelled
    QCOMPARE(result->types(), QStringList({ u"agent.typing"_s, u"agent.typing"_s, u"agent.error"_s }));
    const QJsonObject error = result->events.last();
    QCOMPARE(error.value(u"errorCode"_s).toString(), u"SERVICE_UNAVAILABLE"_s);
    QCOMPARE(error.value(u"metadata"_s).toObject().value(u"cancelled"_s).toBool(), true);
    QVERIFY(loop.isFinished());
}

void AgentLoopTest::cancelDuringToolCall()
{
    OpenAiToolLlmDouble llm({ { u"trigger-long-running-operation"_s, u"{\"duration\": 30, \"steps\": 30}"_s } });
    Stack stack = stackFor(llm);
    AgentLoop loop(stack.router.get(), options(), AgentLoop::catalogue({ { u"everything"_s, m_mcp } }));
    auto result = std::make_shared<LoopRun>();
    connect(&loop, &AgentLoop::eventReady, this, [result](const QJsonObject& event) { result->events.append(event); });
    connect(
        &loop, &AgentLoop::finished, this, [result](const AgentLoop::Outcome& outcome) { result->outcome = outcome; });
    QElapsedTimer elapsed;
    elapsed.start();
    loop.run(userTurn(u"run something long"_s));
    QVERIFY(QTest::qWaitFor([result] { return !result->ofType(u"agent.toolCall.start"_s).isEmpty(); }, 10'000));
    QTest::qWait(300);
    QVERIFY(!result->outcome);
    loop.cancel();
    QVERIFY(result->outcome);
    QVERIFY(elapsed.elapsed() < 15'000);
    QTest::qWait(300);
    QCOMPARE(result->types(),
             QStringList({ u"agent.typing"_s, u"agent.toolCall.start"_s, u"agent.typing"_s, u"agent.error"_s }));
    QCOMPARE(result->events.last().value(u"metadata"_s).toObject().value(u"cancelled"_s).toBool(), true);
    QCOMPARE(llm.requests(), 1);
    // The MCP session is still usable after the abandoned call.
    std::optional<Result<McpToolResult>> echoed;
    m_mcp->callTool(u"echo"_s, { { u"message"_s, u"after cancel"_s } }, [&echoed](Result<McpToolResult> value) {
        echoed = std::move(value);
    });
    QVERIFY(QTest::qWaitFor([&echoed] { return echoed.has_value(); }, 10'000));
    QVERIFY(*echoed);
    QCOMPARE((*echoed)->text(), u"Echo: after cancel"_s);
}

void AgentLoopTest::localOnlyBlocksCloudProvider()
{
    OpenAiToolLlmDouble llm({ { u"echo"_s, u"{\"message\": \"x\"}"_s } });
    Stack stack = stackFor(llm, LlmProvider::Kind::Cloud);
    stack.router->setPolicy(ProviderRouter::RoutingPolicy { ProviderRouter::PrivacyMode::AllowApi, false });
    stack.router->setLocalOnly(true);
    AgentLoop loop(stack.router.get(), options(), AgentLoop::catalogue({ { u"everything"_s, m_mcp } }));
    const LoopRun result = run(loop, userTurn(u"send this to the cloud"_s));
    QVERIFY(result.outcome);
    QVERIFY(!result.outcome->ok);
    QCOMPARE(result.types(), QStringList({ u"agent.typing"_s, u"agent.typing"_s, u"agent.error"_s }));
    QCOMPARE(result.events.last().value(u"errorCode"_s).toString(), u"FORBIDDEN"_s);
    QVERIFY(!result.events.last().value(u"message"_s).toString().isEmpty());
    QCOMPARE(llm.requests(), 0); // nothing left the machine
}

void AgentLoopTest::sharedToolNamesArePrefixed()
{
    McpClient::Options mcpOptions;
    mcpOptions.url = m_everything.url();
    mcpOptions.transport = McpClient::Transport::StreamableHttp;
    McpClient second(m_http, mcpOptions);
    std::optional<bool> listed;
    second.connectToServer([&second, &listed](Result<McpServerInfo> info) {
        if (!info) {
            listed = false;
            return;
        }
        second.listTools([&listed](Result<QList<McpTool>> tools) { listed = tools.has_value(); });
    });
    QVERIFY(QTest::qWaitFor([&listed] { return listed.has_value(); }, 20'000));
    QVERIFY(*listed);

    const QList<AgentTool> single = AgentLoop::catalogue({ { u"everything"_s, m_mcp } });
    QCOMPARE(single.size(), m_mcp->tools().size());
    QCOMPARE(single.first().name, single.first().toolName);

    const QList<AgentTool> both = AgentLoop::catalogue({ { u"alpha"_s, m_mcp }, { u"beta two"_s, &second } });
    QCOMPARE(both.size(), 2 * m_mcp->tools().size());
    QStringList names;
    for (const AgentTool& tool : both) {
        names.append(tool.name);
    }
    QVERIFY(names.contains(u"alpha__echo"_s));
    QVERIFY(names.contains(u"beta_two__echo"_s));
    QVERIFY(!names.contains(u"echo"_s));

    // A prefixed name reaches its own server under the tool's real name.
    OpenAiToolLlmDouble llm({ { u"beta_two__echo"_s, u"{\"message\": \"via beta\"}"_s } });
    Stack stack = stackFor(llm);
    AgentLoop loop(stack.router.get(), options(), both);
    const LoopRun result = run(loop, userTurn(u"echo via beta"_s));
    QVERIFY(result.outcome && result.outcome->ok);
    const QJsonObject end = result.ofType(u"agent.toolCall.end"_s).first();
    QCOMPARE(end.value(u"toolName"_s).toString(), u"beta_two__echo"_s);
    QCOMPARE(end.value(u"toolOutput"_s).toObject().value(u"text"_s).toString(), u"Echo: via beta"_s);
    second.close();
    QTest::qWait(100);
}

QTEST_GUILESS_MAIN(AgentLoopTest)
#include "AgentLoopTest.moc"
