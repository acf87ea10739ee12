// Agents end to end: a real in-process controller, the real aiops-agent runtime it supervises, the real MCP
// reference server (@modelcontextprotocol/server-everything) registered as a tool, and OpenAiToolLlmDouble (a
// deterministic stand-in for an OpenAI-compatible LLM: it streams a tool call, then an answer). Users are real
// WebSocket clients on /ws/system and a real HTTP client on the REST API.
#include "../iam/rest/RestClient.h"
#include "AgentTestSupport.h"
#include "core/controller/AgentService.h"
#include "core/controller/Controller.h"
#include "core/controller/ControllerAgentService.h"
#include "core/iam/IamService.h"
#include "core/iam/SecretStore.h"
#include "core/safety/SafetyService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <memory>
#include <signal.h>

using namespace aiops;
using namespace aiops::testing;
using namespace Qt::StringLiterals;

namespace {

// A user's /ws/system connection that keeps every frame it receives.
class UserSocket
{
public:
    bool open(quint16 port, const QByteArray& token)
    {
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/ws/system"_s.arg(port)));
        request.setRawHeader("Authorization", "Bearer " + token);
        QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString& text) {
            frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        socket.open(request);
        return waitFor(u"system.connectionEstablished"_s).has_value();
    }
    void send(const QJsonObject& message)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }
    // The first frame of `type` after `from` (and optionally with conversationId), waiting up to timeoutMs.
    std::optional<QJsonObject> waitFor(const QString& type, int timeoutMs = 15000, qsizetype* from = nullptr)
    {
        QElapsedTimer timer;
        timer.start();
        qsizetype start = from ? *from : 0;
        while (timer.elapsed() < timeoutMs) {
            for (qsizetype i = start; i < frames.size(); ++i) {
                if (frames.at(i).value(u"type"_s).toString() == type) {
                    if (from)
                        *from = i + 1;
                    return frames.at(i);
                }
            }
            QTest::qWait(20);
        }
        return std::nullopt;
    }
    QStringList types(qsizetype from = 0) const
    {
        QStringList list;
        for (qsizetype i = from; i < frames.size(); ++i)
            list.append(frames.at(i).value(u"type"_s).toString());
        return list;
    }

    QWebSocket socket;
    QList<QJsonObject> frames;
};

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class AgentChatE2eTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<iam::SecretStore> m_secrets;
    std::unique_ptr<controller::Controller> m_controller;
    std::unique_ptr<RestClient> m_rest;
    QByteArray m_token;
    EverythingServer m_everything;
    std::unique_ptr<OpenAiToolLlmDouble> m_llm;
    QString m_toolId;
    QString m_agentId;

    controller::ControllerAgentService* agents() const
    {
        return static_cast<controller::ControllerAgentService*>(m_controller->agentService());
    }
    QString agentStatus(const QString& agentId)
    {
        return m_rest->send("GET", u"/agents/"_s + agentId, m_token).json().value(u"status"_s).toString();
    }
    bool waitForStatus(const QString& agentId, const QString& status, int timeoutMs = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (agentStatus(agentId) == status)
                return true;
            QTest::qWait(100);
        }
        return false;
    }
    QString createAgent(const QJsonObject& extra = {})
    {
        QJsonObject body { { u"name"_s, u"Support bot"_s },
                           { u"llmModel"_s,
                             QJsonObject { { u"provider"_s, u"openai-compatible"_s },
                                           { u"modelName"_s, u"double-1"_s },
                                           { u"endpoint"_s, m_llm->baseUrl().toString() } } },
                           { u"instructionOverride"_s, u"You are a helpful support agent."_s },
                           { u"tools"_s, QJsonArray { m_toolId } } };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        const Reply created = m_rest->send("POST", u"/agents"_s, m_token, json(body));
        if (created.status != 201)
            qWarning("POST /agents: %d %s", created.status, created.body.constData());
        return created.json().value(u"agentId"_s).toString();
    }
    // Joins `conversationId` of `agentId` on `user` and sends one message; returns the index of the first
    // frame after the send.
    qsizetype say(UserSocket& user,
                  const QString& conversationId,
                  const QString& agentId,
                  const QString& text,
                  const QString& messageId)
    {
        qsizetype from = user.frames.size();
        user.send(QJsonObject { { u"type"_s, u"user.joinConversation"_s },
                                { u"conversationId"_s, conversationId },
                                { u"agentId"_s, agentId },
                                { u"requestId"_s, QString(u"join-"_s + messageId) } });
        if (!user.waitFor(u"system.conversationJoined"_s, 5000, &from))
            qWarning("join %s failed: %s", qPrintable(conversationId), qPrintable(user.types().join(u", "_s)));
        const qsizetype start = user.frames.size();
        user.send(QJsonObject { { u"type"_s, u"user.message"_s },
                                { u"messageId"_s, messageId },
                                { u"conversationId"_s, conversationId },
                                { u"content"_s, text } });
        return start;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString started = m_everything.start(QStringLiteral(AIOPS_SOURCE_DIR));
        QVERIFY2(started.isEmpty(), qPrintable(started));
        m_llm = std::make_unique<OpenAiToolLlmDouble>(
            QList<OpenAiToolLlmDouble::Call> { { u"echo"_s, u"{\"message\": \"hi from e2e\"}"_s } });
        QVERIFY(m_llm->isListening());

        m_secrets = iam::makeMemorySecretStore();
        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(u"data"_s);
        config.secrets = m_secrets.get();
        config.fastPasswordHashing = true;
        config.anonymousRequestsPerMinute = 0;
        config.authenticatedRequestsPerMinute = 0;
        config.agentProgram = QStringLiteral(AIOPS_AGENT_BINARY);
        config.toolHealthIntervalMs = 0;
        config.agentRestartBaseMs = 200;
        m_controller = std::make_unique<controller::Controller>(config);
        const auto up = m_controller->start();
        QVERIFY2(up.has_value(), up ? "" : qPrintable(up.error().message));
        auto tokens = m_controller->iamService()->issueTokens(m_controller->ownerPrincipal().subject);
        QVERIFY(tokens.has_value());
        m_token = tokens->accessToken.toUtf8();
        m_rest = std::make_unique<RestClient>(u"http://127.0.0.1:%1"_s.arg(m_controller->port()));
    }

    void cleanupTestCase()
    {
        if (m_controller)
            m_controller->stop();
    }

    void registeredMcpServerIsHealthCheckedAndItsToolsDiscovered()
    {
        const Reply created = m_rest->send("POST",
                                           u"/tools"_s,
                                           m_token,
                                           json({ { u"name"_s, u"everything"_s },
                                                  { u"endpoint"_s, m_everything.url().toString() },
                                                  { u"transport"_s, u"http"_s } }));
        QCOMPARE(created.status, 201);
        m_toolId = created.json().value(u"toolId"_s).toString();
        QVERIFY(!m_toolId.isEmpty());

        const Reply health = m_rest->send("GET", u"/tools/%1/health"_s.arg(m_toolId), m_token);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json().value(u"status"_s).toString(), u"active"_s);
        QVERIFY(health.json().value(u"discoveredTools"_s).toInt() >= 3);

        const QJsonObject tool = m_rest->send("GET", u"/tools/"_s + m_toolId, m_token).json();
        QJsonObject echo;
        for (const auto& t : tool.value(u"discoveredTools"_s).toArray()) {
            if (t.toObject().value(u"name"_s).toString() == u"echo")
                echo = t.toObject();
        }
        QVERIFY2(!echo.isEmpty(), tool.value(u"discoveredTools"_s).toString().toUtf8());
        QVERIFY(echo.value(u"inputSchema"_s).toObject().value(u"properties"_s).toObject().contains(u"message"_s));

        // The controller's own tools are listed as built-in, with their schemas.
        QStringList builtins;
        for (const auto& t : m_rest->send("GET", u"/tools?type=builtin"_s, m_token).json().value(u"tools"_s).toArray())
            builtins.append(t.toObject().value(u"name"_s).toString());
        for (const QString& name : { u"listNodes"_s,
                                     u"gpuReport"_s,
                                     u"listDeployments"_s,
                                     u"listModels"_s,
                                     u"listAgents"_s,
                                     u"findDocuments"_s,
                                     u"readDocument"_s })
            QVERIFY2(builtins.contains(name), qPrintable(builtins.join(u", "_s)));

        // A server that does not answer is marked error with the reason.
        const Reply dead
            = m_rest->send("POST",
                           u"/tools"_s,
                           m_token,
                           json({ { u"name"_s, u"dead"_s }, { u"endpoint"_s, u"http://127.0.0.1:9/mcp"_s } }));
        QCOMPARE(dead.status, 201);
        const Reply deadHealth
            = m_rest->send("GET", u"/tools/%1/health"_s.arg(dead.json().value(u"toolId"_s).toString()), m_token);
        QCOMPARE(deadHealth.json().value(u"status"_s).toString(), u"error"_s);
        QVERIFY(!deadHealth.json().value(u"error"_s).toString().isEmpty());
        QCOMPARE(m_rest->send("DELETE", u"/tools/"_s + dead.json().value(u"toolId"_s).toString(), m_token).status, 204);
    }

    void badRestInputGetsTypedErrorsAndStoresNothing()
    {
        const int toolsBefore
            = int(m_rest->send("GET", u"/tools"_s, m_token).json().value(u"tools"_s).toArray().size());
        struct Case
        {
            QByteArray verb;
            QString path;
            QByteArray body;
            int status;
            QString errorCode;
        };
        const QList<Case> cases {
            { "POST", u"/tools"_s, "{}", 400, u"MISSING_FIELD"_s },
            { "POST", u"/tools"_s, "not json", 400, u"INVALID_JSON"_s },
            { "POST", u"/tools"_s, "{\"name\":\"x\",\"endpoint\":\"ftp://host/mcp\"}", 400, u"INVALID_VALUE"_s },
            { "POST",
              u"/tools"_s,
              "{\"name\":\"x\",\"endpoint\":\"http://h/mcp\",\"transport\":\"carrier-pigeon\"}",
              400,
              u"INVALID_VALUE"_s },
            { "POST",
              u"/tools"_s,
              "{\"name\":\"x\",\"type\":\"builtin\",\"endpoint\":\"http://h/mcp\"}",
              400,
              u"INVALID_VALUE"_s },
            { "POST", u"/tools"_s, "{\"name\":\"everything\",\"endpoint\":\"http://h/mcp\"}", 409, u"CONFLICT"_s },
            { "DELETE", u"/tools/builtin-gpuReport"_s, {}, 403, u"FORBIDDEN"_s },
            { "POST", u"/agents"_s, "{\"name\":\"a\"}", 400, u"MISSING_FIELD"_s },
            { "POST",
              u"/agents"_s,
              "{\"name\":\"a\",\"llmModel\":{\"provider\":\"skynet\",\"modelName\":\"m\"}}",
              400,
              u"INVALID_VALUE"_s },
            { "POST",
              u"/agents"_s,
              "{\"name\":\"a\",\"llmModel\":{\"provider\":\"openai\",\"modelName\":\"gpt\"},\"privacyMode\":\"local-"
              "only\"}",
              400,
              u"INVALID_VALUE"_s },
            { "POST",
              u"/agents"_s,
              "{\"name\":\"a\",\"llmModel\":{\"provider\":\"ollama\",\"modelName\":\"m\"},\"tools\":[\"no-such-tool\"]"
              "}",
              400,
              u"INVALID_VALUE"_s },
            { "POST",
              u"/agents"_s,
              "{\"name\":\"a\",\"llmModel\":{\"provider\":\"ollama\",\"modelName\":\"m\"},\"tools\":\"all\"}",
              400,
              u"INVALID_FIELD_TYPE"_s },
            { "POST", u"/instructions"_s, "{\"name\":\"n\"}", 400, u"MISSING_FIELD"_s },
            { "POST", u"/conversations"_s, "{\"agentId\":\"agent-missing\"}", 404, u"NOT_FOUND"_s },
            { "GET", u"/conversations/conv-nobody"_s, {}, 404, u"NOT_FOUND"_s },
            { "POST", u"/files/upload"_s, "raw bytes", 400, u"MISSING_FIELD"_s },
            { "GET", u"/files/file-missing"_s, {}, 404, u"NOT_FOUND"_s },
        };
        for (const Case& c : cases) {
            const Reply r = m_rest->send(c.verb, c.path, m_token, c.body);
            const QString what
                = u"%1 %2 %3 -> %4 %5"_s.arg(QString::fromLatin1(c.verb), c.path, QString::fromUtf8(c.body))
                      .arg(r.status)
                      .arg(QString::fromUtf8(r.body));
            QVERIFY2(r.status == c.status, qPrintable(what));
            QVERIFY2(r.errorCode() == c.errorCode, qPrintable(what));
        }
        QCOMPARE(int(m_rest->send("GET", u"/tools"_s, m_token).json().value(u"tools"_s).toArray().size()), toolsBefore);
        QCOMPARE(m_rest->send("GET", u"/agents"_s, m_token).json().value(u"agents"_s).toArray().size(), 0);
    }

    void agentAnswersWithAToolCallAndEveryUserInTheRoomSeesIt()
    {
        const Reply instruction = m_rest->send("POST",
                                               u"/instructions"_s,
                                               m_token,
                                               json({ { u"name"_s, u"Support"_s },
                                                      { u"systemPrompt"_s, u"You are a support agent."_s },
                                                      { u"guidelines"_s, QJsonArray { u"Be brief"_s } } }));
        QCOMPARE(instruction.status, 201);
        const QString instructionId = instruction.json().value(u"instructionId"_s).toString();
        m_agentId = createAgent({ { u"instructionId"_s, instructionId }, { u"instructionOverride"_s, QString() } });
        QVERIFY(!m_agentId.isEmpty());
        const Reply users = m_rest->send("GET", u"/instructions/%1/agents"_s.arg(instructionId), m_token);
        QCOMPARE(users.json().value(u"agents"_s).toArray().size(), 1);
        QCOMPARE(m_rest->send("DELETE", u"/instructions/"_s + instructionId, m_token).status, 409); // in use

        QCOMPARE(m_rest->send("POST", u"/agents/%1/start"_s.arg(m_agentId), m_token).status, 202);
        QVERIFY2(waitForStatus(m_agentId, u"running"_s), qPrintable(agentStatus(m_agentId)));

        UserSocket alice;
        UserSocket watcher;
        QVERIFY(alice.open(m_controller->port(), m_token));
        QVERIFY(watcher.open(m_controller->port(), m_token));
        qsizetype watchFrom = watcher.frames.size();
        watcher.send(QJsonObject { { u"type"_s, u"user.joinConversation"_s },
                                   { u"conversationId"_s, u"conv-e2e-1"_s },
                                   { u"agentId"_s, m_agentId } });
        QVERIFY(watcher.waitFor(u"system.conversationJoined"_s, 5000, &watchFrom));

        const qsizetype from = say(alice, u"conv-e2e-1"_s, m_agentId, u"Please echo something"_s, u"msg-e2e-1"_s);
        qsizetype cursor = from;
        const auto final = alice.waitFor(u"agent.message"_s, 30000, &cursor);
        QVERIFY2(final.has_value(), qPrintable(alice.types(from).join(u", "_s)));

        // The seed's sequence: the user's message, the tool call's start and end, the answer streamed, the answer.
        QStringList sequence;
        QString streamed;
        QJsonObject start;
        QJsonObject end;
        for (qsizetype i = from; i < alice.frames.size(); ++i) {
            const QJsonObject f = alice.frames.at(i);
            const QString type = f.value(u"type"_s).toString();
            if (type == u"agent.messageDelta") {
                streamed += f.value(u"delta"_s).toString();
                if (sequence.isEmpty() || sequence.last() != type)
                    sequence.append(type);
                continue;
            }
            if (type == u"agent.toolCall.start")
                start = f;
            if (type == u"agent.toolCall.end")
                end = f;
            if (type != u"agent.typing" && type != u"agent.heartbeat")
                sequence.append(type);
        }
        QCOMPARE(sequence.first(), u"user.message"_s);
        QVERIFY2(sequence.indexOf(u"agent.toolCall.start"_s) < sequence.indexOf(u"agent.toolCall.end"_s),
                 qPrintable(sequence.join(u", "_s)));
        QVERIFY2(sequence.indexOf(u"agent.toolCall.end"_s) < sequence.lastIndexOf(u"agent.messageDelta"_s),
                 qPrintable(sequence.join(u", "_s)));
        QCOMPARE(sequence.last(), u"agent.message"_s);
        QCOMPARE(start.value(u"toolName"_s).toString(), u"echo"_s);
        QCOMPARE(start.value(u"toolInput"_s).toObject().value(u"message"_s).toString(), u"hi from e2e"_s);
        QCOMPARE(end.value(u"status"_s).toString(), u"success"_s);
        QVERIFY(end.value(u"durationMs"_s).toDouble() >= 0);
        QVERIFY(QJsonDocument(end.value(u"toolOutput"_s).toObject()).toJson().contains("Echo: hi from e2e"));
        QCOMPARE(final->value(u"content"_s).toString(), streamed);
        QVERIFY(streamed.contains(u"Echo: hi from e2e"_s));
        QCOMPARE(final->value(u"agentId"_s).toString(), m_agentId);

        // The other user in the room got the same answer.
        const auto seen = watcher.waitFor(u"agent.message"_s, 5000, &watchFrom);
        QVERIFY(seen.has_value());
        QCOMPARE(seen->value(u"content"_s).toString(), streamed);

        // The LLM got the instruction template as its system prompt.
        const QJsonArray sent = m_llm->messages(0);
        QVERIFY(sent.at(0).toObject().value(u"content"_s).toString().contains(u"You are a support agent."_s));
        QVERIFY(sent.at(0).toObject().value(u"content"_s).toString().contains(u"- Be brief"_s));

        // The conversation is stored: the user's message, the tool call and the answer, with token counts.
        const QJsonObject conversation = m_rest->send("GET", u"/conversations/conv-e2e-1"_s, m_token).json();
        const QJsonArray messages = conversation.value(u"messages"_s).toArray();
        QStringList kinds;
        for (const auto& m : messages)
            kinds.append(m.toObject().value(u"type"_s).toString());
        QCOMPARE(kinds, (QStringList { u"user"_s, u"tool"_s, u"agent"_s }));
        QCOMPARE(messages.at(0).toObject().value(u"content"_s).toString(), u"Please echo something"_s);
        QCOMPARE(messages.at(1).toObject().value(u"toolName"_s).toString(), u"echo"_s);
        QCOMPARE(messages.at(2).toObject().value(u"content"_s).toString(), streamed);
        const QJsonObject agent = m_rest->send("GET", u"/agents/"_s + m_agentId, m_token).json();
        QVERIFY(agent.value(u"promptTokens"_s).toInteger() > 0);
        QCOMPARE(agent.value(u"messageCount"_s).toInt(), 3);
    }

    void userInputIsMaskedAndGuardrailsBlockBeforeTheAgentSeesIt()
    {
        UserSocket user;
        QVERIFY(user.open(m_controller->port(), m_token));
        const int llmRequests = m_llm->requests();
        qsizetype from = say(user, u"conv-e2e-2"_s, m_agentId, u"My card is 4111 1111 1111 1111"_s, u"msg-pii"_s);
        const auto echoed = user.waitFor(u"user.message"_s, 10000, &from);
        QVERIFY(echoed.has_value());
        QVERIFY2(!echoed->value(u"content"_s).toString().contains(u"4111 1111 1111 1111"_s),
                 qPrintable(echoed->value(u"content"_s).toString()));
        QVERIFY(user.waitFor(u"agent.message"_s, 30000, &from).has_value());
        // What the LLM received was the masked text.
        bool sawMasked = false;
        for (int n = llmRequests; n < m_llm->requests(); ++n) {
            const QString body = QString::fromUtf8(QJsonDocument(m_llm->messages(n)).toJson());
            QVERIFY(!body.contains(u"4111 1111 1111 1111"_s));
            sawMasked = sawMasked || body.contains(u"My card is"_s);
        }
        QVERIFY(sawMasked);

        safety::Guardrail guardrail;
        guardrail.name = u"No secrets"_s;
        guardrail.description = u"Keeps the code name of the next product out of chats"_s;
        guardrail.type = u"content-filter"_s;
        guardrail.config = QJsonObject { { u"blockedKeywords"_s, QJsonArray { u"project zephyr"_s } } };
        guardrail.action = u"block"_s;
        guardrail.blockMessage = u"Project Zephyr is confidential."_s;
        guardrail.appliesTo = { u"user-input"_s };
        QVERIFY(m_controller->safetyService()->createGuardrail(guardrail).has_value());
        const int before = int(
            m_rest->send("GET", u"/conversations/conv-e2e-2"_s, m_token).json().value(u"messages"_s).toArray().size());
        const int requests = m_llm->requests();
        from = user.frames.size();
        user.send(QJsonObject { { u"type"_s, u"user.message"_s },
                                { u"messageId"_s, u"msg-blocked"_s },
                                { u"conversationId"_s, u"conv-e2e-2"_s },
                                { u"content"_s, u"Tell me about Project Zephyr"_s } });
        const auto refused = user.waitFor(u"system.error"_s, 10000, &from);
        QVERIFY(refused.has_value());
        QCOMPARE(refused->value(u"errorCode"_s).toString(), u"FORBIDDEN"_s);
        QCOMPARE(refused->value(u"message"_s).toString(), u"Project Zephyr is confidential."_s);
        QCOMPARE(refused->value(u"requestId"_s).toString(), u"msg-blocked"_s);
        QTest::qWait(300);
        QCOMPARE(m_llm->requests(), requests); // never forwarded
        QCOMPARE(int(m_rest->send("GET", u"/conversations/conv-e2e-2"_s, m_token)
                         .json()
                         .value(u"messages"_s)
                         .toArray()
                         .size()),
                 before);
    }

    void badUserMessagesGetTypedErrorsAndTheConnectionStays()
    {
        UserSocket user;
        QVERIFY(user.open(m_controller->port(), m_token));
        struct Case
        {
            QJsonObject message;
            QString errorCode;
        };
        const QList<Case> cases {
            { { { u"type"_s, u"user.message"_s }, { u"content"_s, u"hi"_s } }, u"MISSING_FIELD"_s },
            { { { u"type"_s, u"user.message"_s }, { u"conversationId"_s, 42 } }, u"INVALID_FIELD_TYPE"_s },
            { { { u"type"_s, u"user.message"_s }, { u"conversationId"_s, u"conv-e2e-1"_s }, { u"content"_s, 7 } },
              u"INVALID_FIELD_TYPE"_s },
            { { { u"type"_s, u"user.message"_s },
                { u"conversationId"_s, u"conv-e2e-1"_s },
                { u"content"_s, u"not joined"_s } },
              u"CONFLICT"_s },
            { { { u"type"_s, u"user.message"_s }, { u"conversationId"_s, QString(200, u'x') } }, u"OUT_OF_RANGE"_s },
            { { { u"type"_s, u"user.joinConversation"_s }, { u"conversationId"_s, u"conv-new"_s } },
              u"MISSING_FIELD"_s },
            { { { u"type"_s, u"user.joinConversation"_s },
                { u"conversationId"_s, u"conv-new"_s },
                { u"agentId"_s, u"agent-nope"_s } },
              u"NOT_FOUND"_s },
            { { { u"type"_s, u"user.joinConversation"_s },
                { u"conversationId"_s, u"conv-e2e-1"_s },
                { u"userId"_s, u"someone-else"_s } },
              u"FORBIDDEN"_s },
            { { { u"type"_s, u"user.typing"_s },
                { u"conversationId"_s, u"conv-e2e-1"_s },
                { u"isTyping"_s, u"yes"_s } },
              u"INVALID_FIELD_TYPE"_s },
            { { { u"type"_s, u"user.message"_s },
                { u"conversationId"_s, u"conv-e2e-1"_s },
                { u"content"_s, u"x"_s },
                { u"files"_s, u"a.png"_s } },
              u"INVALID_FIELD_TYPE"_s },
            { { { u"type"_s, u"user.teleport"_s }, { u"conversationId"_s, u"conv-e2e-1"_s } },
              u"UNKNOWN_MESSAGE_TYPE"_s },
        };
        for (const Case& c : cases) {
            qsizetype from = user.frames.size();
            QJsonObject message = c.message;
            message.insert(u"requestId"_s, u"bad-%1"_s.arg(from));
            user.send(message);
            const auto error = user.waitFor(u"system.error"_s, 5000, &from);
            const QString what = QString::fromUtf8(json(c.message));
            QVERIFY2(error.has_value(), qPrintable(what));
            QVERIFY2(error->value(u"errorCode"_s).toString() == c.errorCode,
                     qPrintable(what + u" -> "_s + QString::fromUtf8(json(*error))));
        }
        qsizetype from = user.frames.size();
        user.send(QJsonObject { { u"type"_s, u"system.ping"_s } });
        QVERIFY(user.waitFor(u"system.pong"_s, 5000, &from).has_value());
    }

    void tokenCountsOnlyModeStoresNoText()
    {
        QCOMPARE(m_rest->send("PATCH", u"/agents/"_s + m_agentId, m_token, "{\"tokenCountsOnly\": true}").status, 200);
        UserSocket user;
        QVERIFY(user.open(m_controller->port(), m_token));
        qsizetype from = say(user, u"conv-e2e-3"_s, m_agentId, u"A private question"_s, u"msg-private"_s);
        const auto answer = user.waitFor(u"agent.message"_s, 30000, &from);
        QVERIFY(answer.has_value());
        QVERIFY(!answer->value(u"content"_s).toString().isEmpty()); // users still see the answer live
        const QJsonArray messages
            = m_rest->send("GET", u"/conversations/conv-e2e-3"_s, m_token).json().value(u"messages"_s).toArray();
        QCOMPARE(messages.size(), 3);
        qint64 tokens = 0;
        for (const auto& m : messages) {
            const QJsonObject o = m.toObject();
            QVERIFY2(o.value(u"content"_s).toString().isEmpty(), qPrintable(QString::fromUtf8(json(o))));
            QVERIFY(o.value(u"toolInput"_s).toObject().isEmpty());
            QVERIFY(o.value(u"toolOutput"_s).toObject().isEmpty());
            tokens += o.value(u"promptTokens"_s).toInteger() + o.value(u"completionTokens"_s).toInteger();
        }
        QVERIFY(tokens > 0);
        QFile database(m_dir.filePath(u"data/aiops.sqlite"_s));
        QVERIFY(database.open(QIODevice::ReadOnly));
        QVERIFY(!database.readAll().contains("A private question"));
        QCOMPARE(m_rest->send("PATCH", u"/agents/"_s + m_agentId, m_token, "{\"tokenCountsOnly\": false}").status, 200);
    }

    void killedRuntimeIsRestartedByTheWatchdog()
    {
        auto* service = agents();
        const qint64 pid = service->supervisor().pid(m_agentId);
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            service->supervisor().pid(m_agentId) > 0 && service->supervisor().pid(m_agentId) != pid, 10000);
        QVERIFY2(waitForStatus(m_agentId, u"running"_s), qPrintable(agentStatus(m_agentId)));
        QCOMPARE(service->supervisor().restarts(m_agentId), 1);

        UserSocket user;
        QVERIFY(user.open(m_controller->port(), m_token));
        qsizetype from = say(user, u"conv-e2e-4"_s, m_agentId, u"Still there?"_s, u"msg-after-restart"_s);
        QVERIFY(user.waitFor(u"agent.message"_s, 30000, &from).has_value());
    }

    void localOnlyBlocksCloudProviders()
    {
        const QString cloud = createAgent({ { u"name"_s, u"Cloud bot"_s },
                                            { u"llmModel"_s,
                                              QJsonObject { { u"provider"_s, u"openai"_s },
                                                            { u"modelName"_s, u"gpt-double"_s },
                                                            { u"endpoint"_s, m_llm->baseUrl().toString() } } },
                                            { u"apiKey"_s, u"sk-test-not-a-real-key"_s } });
        QVERIFY(!cloud.isEmpty());
        QVERIFY(!m_rest->send("GET", u"/agents/"_s + cloud, m_token).body.contains("sk-test"));
        QCOMPARE(m_rest->send("POST", u"/agents/%1/start"_s.arg(cloud), m_token).status, 202);
        QVERIFY(waitForStatus(cloud, u"running"_s));

        // Switched on while the agent runs: its next turn fails with a clear error and no request leaves.
        m_controller->agentService()->setLocalOnly(true);
        QTest::qWait(300);
        const int requests = m_llm->requests();
        UserSocket user;
        QVERIFY(user.open(m_controller->port(), m_token));
        qsizetype from = say(user, u"conv-e2e-5"_s, cloud, u"Hello cloud"_s, u"msg-cloud"_s);
        const auto error = user.waitFor(u"agent.error"_s, 15000, &from);
        QVERIFY2(error.has_value(), qPrintable(user.types().join(u", "_s)));
        QCOMPARE(error->value(u"errorCode"_s).toString(), u"FORBIDDEN"_s);
        QVERIFY(error->value(u"message"_s).toString().contains(u"Local only"_s, Qt::CaseInsensitive));
        QCOMPARE(m_llm->requests(), requests);

        // And a stopped cloud agent cannot start while the switch is on.
        QCOMPARE(m_rest->send("POST", u"/agents/%1/stop"_s.arg(cloud), m_token).status, 202);
        const Reply refused = m_rest->send("POST", u"/agents/%1/start"_s.arg(cloud), m_token);
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.json().value(u"message"_s).toString().contains(u"Local only"_s));
        m_controller->agentService()->setLocalOnly(false);
    }

    void filesUploadAndFeedTheDocumentTools()
    {
        const QByteArray boundary = "----aiopsboundary";
        const QByteArray body = "--" + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"runbook.txt\"\r\nContent-Type: "
              "text/plain\r\n\r\n"
              "Restart the vLLM container when GPU memory leaks.\r\n--"
            + boundary + "--\r\n";
        const Reply uploaded = m_rest->send("POST",
                                            u"/files/upload"_s,
                                            m_token,
                                            body,
                                            { { "Content-Type", "multipart/form-data; boundary=" + boundary } });
        QCOMPARE(uploaded.status, 201);
        const QString fileId = uploaded.json().value(u"fileId"_s).toString();
        QCOMPARE(uploaded.json().value(u"filename"_s).toString(), u"runbook.txt"_s);
        QCOMPARE(uploaded.json().value(u"url"_s).toString(), u"/files/"_s + fileId);
        const Reply downloaded = m_rest->send("GET", u"/files/"_s + fileId, m_token);
        QCOMPARE(downloaded.status, 200);
        QCOMPARE(downloaded.body, QByteArray("Restart the vLLM container when GPU memory leaks."));

        // The built-in document tools find and read it ("Try it" from the Tools page).
        QSignalSpy finished(agents(), &controller::AgentService::toolCallFinished);
        const QString request = agents()->tryTool(
            u"builtin-findDocuments"_s, u"findDocuments"_s, QJsonObject { { u"query"_s, u"gpu memory"_s } });
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        QCOMPARE(finished.at(0).at(0).toString(), request);
        const QJsonArray documents = finished.at(0).at(1).toJsonObject().value(u"documents"_s).toArray();
        QCOMPARE(documents.size(), 1);
        QCOMPARE(documents.at(0).toObject().value(u"fileId"_s).toString(), fileId);
        agents()->tryTool(u"builtin-readDocument"_s, u"readDocument"_s, QJsonObject { { u"fileId"_s, fileId } });
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 5000);
        QCOMPARE(finished.at(1).at(1).toJsonObject().value(u"content"_s).toString(),
                 u"Restart the vLLM container when GPU memory leaks."_s);
        // Try it on the MCP server registered above.
        agents()->tryTool(m_toolId, u"echo"_s, QJsonObject { { u"message"_s, u"try it"_s } });
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 10000);
        QVERIFY(QJsonDocument(finished.at(2).at(1).toJsonObject()).toJson().contains("Echo: try it"));
    }
};

QTEST_GUILESS_MAIN(AgentChatE2eTest)
#include "AgentChatE2eTest.moc"
