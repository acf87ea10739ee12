// The aiops-agent executable end to end: it is started with a config file that points at a gateway double (a
// QWebSocketServer in this test, standing in for the controller's /ws/agent), at OpenAiToolLlmDouble and at the real
// MCP reference server (@modelcontextprotocol/server-everything from tests/peers). AgentConfig's validation is
// tested on its own.
#include "AgentTestSupport.h"
#include "core/agents/AgentConfig.h"

#include <QJsonArray>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>
#include <memory>

using namespace aiops;
using namespace aiops::agents;
using namespace aiops::testing;
using namespace Qt::StringLiterals;

namespace {

const QString agentBinary = QStringLiteral(AIOPS_AGENT_BINARY);

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The controller's agent gateway, as far as aiops-agent can tell: it accepts every upgrade and records it.
class GatewayDouble
{
public:
    struct Connection
    {
        QPointer<QWebSocket> socket;
        QString path;
        QByteArray authorization;
        QList<QJsonObject> frames;

        QList<QJsonObject> ofType(const QString& type, qsizetype from = 0) const
        {
            QList<QJsonObject> list;
            for (qsizetype i = from; i < frames.size(); ++i) {
                if (frames.at(i).value(u"type"_s).toString() == type) {
                    list.append(frames.at(i));
                }
            }
            return list;
        }
        void send(const QJsonObject& frame) const { socket->sendTextMessage(QString::fromUtf8(compact(frame))); }
    };

    GatewayDouble()
        : m_server(u"gateway-double"_s, QWebSocketServer::NonSecureMode)
    {
        QObject::connect(&m_server, &QWebSocketServer::newConnection, &m_server, [this] {
            while (QWebSocket* socket = m_server.nextPendingConnection()) {
                auto connection = std::make_shared<Connection>();
                connection->socket = socket;
                connection->path = socket->requestUrl().path();
                connection->authorization = socket->request().rawHeader("Authorization");
                QObject::connect(socket, &QWebSocket::textMessageReceived, socket, [connection](const QString& text) {
                    connection->frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
                });
                m_connections.append(connection);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
        m_port = m_server.serverPort();
    }

    // Goes away as a controller that stops does: every socket dropped, nothing listening.
    void stop()
    {
        m_server.close();
        for (const auto& connection : std::as_const(m_connections)) {
            if (connection->socket) {
                connection->socket->abort();
            }
        }
    }
    bool listenAgain() { return m_server.listen(QHostAddress::LocalHost, m_port); }

    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1/ws/agent"_s.arg(m_port)); }
    const QList<std::shared_ptr<Connection>>& connections() const { return m_connections; }

private:
    QWebSocketServer m_server;
    quint16 m_port = 0;
    QList<std::shared_ptr<Connection>> m_connections;
};

QStringList typesWithoutHeartbeats(const QList<QJsonObject>& frames, qsizetype from)
{
    QStringList types;
    for (qsizetype i = from; i < frames.size(); ++i) {
        const QString type = frames.at(i).value(u"type"_s).toString();
        if (type != u"agent.heartbeat"_s) {
            types.append(type);
        }
    }
    return types;
}

QJsonObject userMessage(const QString& messageId, const QString& conversationId, const QString& content)
{
    return QJsonObject { { u"type"_s, u"user.message"_s },
                         { u"messageId"_s, messageId },
                         { u"conversationId"_s, conversationId },
                         { u"userId"_s, u"user-1"_s },
                         { u"content"_s, content },
                         { u"timestamp"_s, QDateTime::currentMSecsSinceEpoch() },
                         { u"metadata"_s, QJsonObject { { u"history"_s, QJsonArray {} } } } };
}

} // namespace

class AgentRuntimeTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void configErrorsNameTheField_data();
    void configErrorsNameTheField();
    void configDefaults();
    void badConfigExitsWithCode2_data();
    void badConfigExitsWithCode2();
    void versionOption();
    void registersChatsReconnectsAndStops();
    void conversationsRunSideBySideTurnsInOrder();
    void framesMadeOfflineFollowTheNextRegister();
    void localOnlySwitchBlocksCloudProvider();
    void toolServerThatWasDownIsRetriedOnTheNextTurn();

private:
    struct RunningAgent
    {
        QProcess process;
        ~RunningAgent()
        {
            if (process.state() != QProcess::NotRunning) {
                process.kill();
                process.waitForFinished(5'000);
            }
        }
    };
    // Starts aiops-agent with this config and waits for its first agent.register on the gateway.
    QString startAgent(RunningAgent& agent, const QJsonObject& config, const GatewayDouble& gateway);

    QJsonObject validConfig(const QUrl& gateway, const QUrl& llm) const;
    QString writeConfig(const QJsonObject& config);

    EverythingServer m_everything;
    QTemporaryDir m_dir;
    int m_files = 0;
};

void AgentRuntimeTest::initTestCase()
{
    QVERIFY2(QFileInfo::exists(agentBinary), qPrintable(agentBinary));
    QVERIFY(m_dir.isValid());
    const QString error = m_everything.start(QStringLiteral(AIOPS_SOURCE_DIR));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QJsonObject AgentRuntimeTest::validConfig(const QUrl& gateway, const QUrl& llm) const
{
    return QJsonObject {
        { u"agentId"_s, u"agent-1a2b3c4d"_s },
        { u"name"_s, u"Support bot"_s },
        { u"gatewayUrl"_s, gateway.toString() },
        { u"token"_s, u"secret-token-1"_s },
        { u"systemPrompt"_s, u"You are a support bot."_s },
        { u"llm"_s,
          QJsonObject { { u"policy"_s, QJsonObject { { u"mode"_s, u"hybrid"_s }, { u"preferLocal"_s, true } } },
                        { u"localOnly"_s, false },
                        { u"providers"_s,
                          QJsonArray { QJsonObject { { u"name"_s, u"internal"_s },
                                                     { u"kind"_s, u"local"_s },
                                                     { u"api"_s, u"openai"_s },
                                                     { u"baseUrl"_s, llm.toString() },
                                                     { u"apiKey"_s, u"internal-key"_s },
                                                     { u"model"_s, u"double-model"_s } } } } } },
        { u"tools"_s,
          QJsonArray { QJsonObject { { u"toolId"_s, u"tool-1"_s },
                                     { u"name"_s, u"everything"_s },
                                     { u"transport"_s, u"http"_s },
                                     { u"endpoint"_s, m_everything.url().toString() },
                                     { u"headers"_s, QJsonObject {} } },
                       QJsonObject { { u"toolId"_s, u"tool-down"_s },
                                     { u"name"_s, u"down"_s },
                                     { u"transport"_s, u"http"_s },
                                     { u"endpoint"_s, u"http://127.0.0.1:%1/mcp"_s.arg(freeTcpPort()) },
                                     { u"headers"_s, QJsonObject { { u"Authorization"_s, u"Bearer t"_s } } } } } },
        { u"heartbeatIntervalMs"_s, 200 },
        { u"maxToolRounds"_s, 4 },
        { u"requestTimeoutMs"_s, 60'000 },
    };
}

QString AgentRuntimeTest::writeConfig(const QJsonObject& config)
{
    const QString path = m_dir.filePath(u"agent-%1.json"_s.arg(++m_files));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(config).toJson());
    }
    return path;
}

void AgentRuntimeTest::configErrorsNameTheField_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("code");

    QTest::newRow("no agentId") << u"agentId"_s << QJsonValue(QJsonValue::Undefined) << u"agentId"_s
                                << u"MISSING_FIELD"_s;
    QTest::newRow("numeric token") << u"token"_s << QJsonValue(5) << u"token"_s << u"INVALID_FIELD_TYPE"_s;
    QTest::newRow("http gateway") << u"gatewayUrl"_s << QJsonValue(u"http://127.0.0.1:1/ws/agent"_s) << u"gatewayUrl"_s
                                  << u"INVALID_VALUE"_s;
    QTest::newRow("zero rounds") << u"maxToolRounds"_s << QJsonValue(0) << u"maxToolRounds"_s << u"OUT_OF_RANGE"_s;
    QTest::newRow("fractional heartbeat")
        << u"heartbeatIntervalMs"_s << QJsonValue(1.5) << u"heartbeatIntervalMs"_s << u"INVALID_FIELD_TYPE"_s;
    QTest::newRow("no llm") << u"llm"_s << QJsonValue(QJsonValue::Undefined) << u"llm"_s << u"MISSING_FIELD"_s;
    QTest::newRow("bad mode") << u"llm.policy.mode"_s << QJsonValue(u"cloud-only"_s) << u"llm.policy.mode"_s
                              << u"INVALID_VALUE"_s;
    QTest::newRow("no providers") << u"llm.providers"_s << QJsonValue(QJsonArray {}) << u"llm.providers"_s
                                  << u"INVALID_VALUE"_s;
    QTest::newRow("provider kind") << u"llm.providers[0].kind"_s << QJsonValue(u"remote"_s)
                                   << u"llm.providers[0].kind"_s << u"INVALID_VALUE"_s;
    QTest::newRow("provider url") << u"llm.providers[0].baseUrl"_s << QJsonValue(u"ftp://x/v1"_s)
                                  << u"llm.providers[0].baseUrl"_s << u"INVALID_VALUE"_s;
    QTest::newRow("provider model") << u"llm.providers[0].model"_s << QJsonValue(QJsonValue::Undefined)
                                    << u"llm.providers[0].model"_s << u"MISSING_FIELD"_s;
    QTest::newRow("tool transport") << u"tools[1].transport"_s << QJsonValue(u"stdio"_s) << u"tools[1].transport"_s
                                    << u"INVALID_VALUE"_s;
    QTest::newRow("tool header") << u"tools[0].headers"_s << QJsonValue(QJsonObject { { u"X-N"_s, 1 } })
                                 << u"tools[0].headers.X-N"_s << u"INVALID_FIELD_TYPE"_s;
    QTest::newRow("tools not array") << u"tools"_s << QJsonValue(u"tool-1"_s) << u"tools"_s << u"INVALID_FIELD_TYPE"_s;
}

namespace {

// Sets (or, for Undefined, removes) the value at a path like "llm.providers[0].kind".
QJsonValue withValue(const QJsonValue& node, QStringList path, const QJsonValue& value)
{
    if (path.isEmpty()) {
        return value;
    }
    QString head = path.takeFirst();
    int index = -1;
    if (const qsizetype bracket = head.indexOf(u'['); bracket >= 0) {
        index = head.mid(bracket + 1, head.size() - bracket - 2).toInt();
        head = head.left(bracket);
    }
    QJsonObject object = node.toObject();
    if (index >= 0) {
        QJsonArray array = object.value(head).toArray();
        array[index] = withValue(array.at(index), path, value);
        object.insert(head, array);
    } else if (path.isEmpty() && value.isUndefined()) {
        object.remove(head);
    } else {
        object.insert(head, withValue(object.value(head), path, value));
    }
    return object;
}

} // namespace

void AgentRuntimeTest::configErrorsNameTheField()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);
    QFETCH(QString, code);
    const QJsonObject good = validConfig(QUrl(u"ws://127.0.0.1:1/ws/agent"_s), QUrl(u"http://127.0.0.1:2/v1"_s));
    QVERIFY(AgentConfig::fromJson(good));
    const QJsonObject bad = withValue(good, key.split(u'.'), value).toObject();
    const Result<AgentConfig> config = AgentConfig::fromJson(bad);
    QVERIFY(!config);
    QCOMPARE(config.error().field, field);
    QCOMPARE(config.error().codeName(), code);
    QVERIFY2(config.error().message.contains(field), qPrintable(config.error().message));
}

void AgentRuntimeTest::configDefaults()
{
    QJsonObject json = validConfig(QUrl(u"wss://controller.example/ws/agent"_s), QUrl(u"http://127.0.0.1:2/v1"_s));
    json.remove(u"heartbeatIntervalMs"_s);
    json.remove(u"maxToolRounds"_s);
    json.remove(u"requestTimeoutMs"_s);
    json.remove(u"tools"_s);
    const Result<AgentConfig> config = AgentConfig::fromJson(json);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().message));
    QCOMPARE(config->gatewayUrl.scheme(), u"wss"_s);
    QCOMPARE(config->token, QByteArray("secret-token-1"));
    QCOMPARE(config->heartbeatIntervalMs, 10'000);
    QCOMPARE(config->maxToolRounds, 8);
    QCOMPARE(config->requestTimeoutMs, 120'000);
    QVERIFY(config->tools.isEmpty());
    QCOMPARE(config->providers.size(), 1);
    QCOMPARE(config->providers.first().kind, LlmProvider::Kind::Local);
    QCOMPARE(config->policy.mode, ProviderRouter::PrivacyMode::Hybrid);

    const Result<AgentConfig> full
        = AgentConfig::fromJson(validConfig(QUrl(u"ws://127.0.0.1:1/ws/agent"_s), QUrl(u"http://127.0.0.1:2/v1"_s)));
    QVERIFY(full);
    QCOMPARE(full->tools.size(), 2);
    QCOMPARE(full->tools.at(1).bearerToken(), QByteArray("t"));
    QCOMPARE(full->tools.at(0).bearerToken(), QByteArray());
}

void AgentRuntimeTest::badConfigExitsWithCode2_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: no file at all
    QTest::addColumn<QString>("mention");

    const QJsonObject good = validConfig(QUrl(u"ws://127.0.0.1:1/ws/agent"_s), QUrl(u"http://127.0.0.1:2/v1"_s));
    QJsonObject noToken = good;
    noToken.remove(u"token"_s);
    QJsonObject badUrl = good;
    badUrl.insert(u"gatewayUrl"_s, u"not a url"_s);
    QTest::newRow("missing file") << QByteArray() << u"cannot read"_s;
    QTest::newRow("not JSON") << QByteArray("{\"agentId\": ") << u"not valid JSON"_s;
    QTest::newRow("array") << QByteArray("[]") << u"JSON object"_s;
    QTest::newRow("no token") << compact(noToken) << u"token is missing"_s;
    QTest::newRow("bad gateway") << compact(badUrl) << u"gatewayUrl must be a ws/wss URL"_s;
}

void AgentRuntimeTest::badConfigExitsWithCode2()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, mention);
    QString path = m_dir.filePath(u"missing.json"_s);
    if (!content.isEmpty()) {
        path = m_dir.filePath(u"bad-%1.json"_s.arg(++m_files));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QProcess agent;
    agent.start(agentBinary, { u"--config"_s, path });
    QVERIFY(agent.waitForFinished(10'000));
    QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
    QCOMPARE(agent.exitCode(), 2);
    const QString stderrText = QString::fromUtf8(agent.readAllStandardError());
    QVERIFY2(stderrText.startsWith(u"aiops-agent: "_s), qPrintable(stderrText));
    QVERIFY2(stderrText.contains(mention), qPrintable(stderrText));
    QCOMPARE(stderrText.count(u'\n'), 1); // one line
    QVERIFY(agent.readAllStandardOutput().isEmpty());

    QProcess noArguments;
    noArguments.start(agentBinary, {});
    QVERIFY(noArguments.waitForFinished(10'000));
    QCOMPARE(noArguments.exitCode(), 2);
    QVERIFY(noArguments.readAllStandardError().contains("--config"));
}

void AgentRuntimeTest::versionOption()
{
    QProcess agent;
    agent.start(agentBinary, { u"--version"_s });
    QVERIFY(agent.waitForFinished(10'000));
    QCOMPARE(agent.exitCode(), 0);
    QCOMPARE(agent.readAllStandardOutput().trimmed(), QByteArray("aiops-agent " AIOPS_VERSION));
}

void AgentRuntimeTest::registersChatsReconnectsAndStops()
{
    GatewayDouble gateway;
    OpenAiToolLlmDouble llm({ { u"echo"_s, u"{\"message\": \"hello over the socket\"}"_s } });
    QVERIFY(llm.isListening());
    const QString config = writeConfig(validConfig(gateway.url(), llm.baseUrl()));

    QProcess agent;
    agent.setProcessChannelMode(QProcess::ForwardedChannels);
    agent.start(agentBinary, { u"--config"_s, config });
    QVERIFY(agent.waitForStarted(10'000));
    auto cleanup = qScopeGuard([&agent] {
        if (agent.state() != QProcess::NotRunning) {
            agent.kill();
            agent.waitForFinished(5'000);
        }
    });

    // Connect: the token in the upgrade, agent.register first.
    QVERIFY(QTest::qWaitFor(
        [&gateway] { return !gateway.connections().isEmpty() && !gateway.connections().first()->frames.isEmpty(); },
        20'000));
    const auto first = gateway.connections().first();
    QCOMPARE(first->path, u"/ws/agent"_s);
    QCOMPARE(first->authorization, QByteArray("Bearer secret-token-1"));
    const QJsonObject registration = first->frames.first();
    QCOMPARE(registration.value(u"type"_s).toString(), u"agent.register"_s);
    QCOMPARE(registration.value(u"agentId"_s).toString(), u"agent-1a2b3c4d"_s);
    QCOMPARE(registration.value(u"status"_s).toString(), u"ready"_s);
    QCOMPARE(registration.value(u"capabilities"_s).toArray(), QJsonArray({ u"chat"_s, u"toolUse"_s }));
    QVERIFY(registration.value(u"timestamp"_s).toDouble() > 1.7e12);
    const QJsonArray toolsConnected = registration.value(u"toolsConnected"_s).toArray();
    QVERIFY2(toolsConnected.contains(u"echo"_s) && toolsConnected.contains(u"get-sum"_s),
             compact(registration).constData());
    const QJsonArray toolErrors = registration.value(u"metadata"_s).toObject().value(u"toolErrors"_s).toArray();
    QCOMPARE(toolErrors.size(), 1);
    QCOMPARE(toolErrors.first().toObject().value(u"toolId"_s).toString(), u"tool-down"_s);
    QVERIFY(!toolErrors.first().toObject().value(u"error"_s).toString().isEmpty());

    // Heartbeats at the configured interval.
    QVERIFY(QTest::qWaitFor([&first] { return first->ofType(u"agent.heartbeat"_s).size() >= 2; }, 5'000));
    const QJsonObject heartbeat = first->ofType(u"agent.heartbeat"_s).first();
    QCOMPARE(heartbeat.value(u"agentId"_s).toString(), u"agent-1a2b3c4d"_s);
    QCOMPARE(heartbeat.value(u"stats"_s).toObject().value(u"activeConversations"_s).toInt(), 0);
    QVERIFY(heartbeat.value(u"stats"_s).toObject().value(u"uptimeSeconds"_s).isDouble());

    // Frames that are not valid are ignored; one that names its conversation gets an agent.error.
    first->socket->sendTextMessage(u"this is not JSON"_s);
    first->socket->sendTextMessage(u"[1, 2]"_s);
    first->send({ { u"type"_s, u"agent.bogus"_s } });
    first->send({ { u"type"_s, u"user.message"_s } });
    first->send({ { u"type"_s, u"agent.cancel"_s } });
    first->send({ { u"type"_s, u"agent.config.localOnly"_s }, { u"localOnly"_s, u"yes"_s } });
    first->send({ { u"type"_s, u"user.message"_s }, { u"conversationId"_s, u"conv-bad"_s }, { u"content"_s, 5 } });
    QVERIFY(QTest::qWaitFor([&first] { return !first->ofType(u"agent.error"_s).isEmpty(); }, 5'000));
    QCOMPARE(first->ofType(u"agent.error"_s).first().value(u"conversationId"_s).toString(), u"conv-bad"_s);
    QCOMPARE(first->ofType(u"agent.error"_s).first().value(u"errorCode"_s).toString(), u"MISSING_FIELD"_s);
    QCOMPARE(agent.state(), QProcess::Running);

    // A user message: the whole turn over the socket.
    qsizetype from = first->frames.size();
    first->send(userMessage(u"msg-u1"_s, u"conv-1"_s, u"Please echo"_s));
    QVERIFY(QTest::qWaitFor(
        [&first, from] {
            const QList<QJsonObject> changes = first->ofType(u"agent.statusChange"_s, from);
            return !changes.isEmpty() && changes.last().value(u"status"_s).toString() == u"ready"_s;
        },
        20'000));
    const QStringList answer = OpenAiToolLlmDouble::answerPieces({ u"Echo: hello over the socket"_s });
    QStringList expected {
        u"agent.statusChange"_s, u"agent.typing"_s, u"agent.toolCall.start"_s, u"agent.toolCall.end"_s
    };
    for (qsizetype i = 0; i < answer.size(); ++i) {
        expected.append(u"agent.messageDelta"_s);
    }
    expected += QStringList { u"agent.typing"_s, u"agent.message"_s, u"agent.statusChange"_s };
    QCOMPARE(typesWithoutHeartbeats(first->frames, from), expected);
    QCOMPARE(first->ofType(u"agent.statusChange"_s, from).first().value(u"status"_s).toString(), u"busy"_s);
    const QJsonObject start = first->ofType(u"agent.toolCall.start"_s, from).first();
    QCOMPARE(start.value(u"toolInput"_s).toObject(), QJsonObject({ { u"message"_s, u"hello over the socket"_s } }));
    QCOMPARE(start.value(u"metadata"_s).toObject().value(u"replyTo"_s).toString(), u"msg-u1"_s);
    const QJsonObject end = first->ofType(u"agent.toolCall.end"_s, from).first();
    QCOMPARE(end.value(u"status"_s).toString(), u"success"_s);
    QCOMPARE(end.value(u"toolOutput"_s).toObject().value(u"text"_s).toString(), u"Echo: hello over the socket"_s);
    QCOMPARE(end.value(u"messageId"_s), start.value(u"messageId"_s));
    QString joined;
    for (const QJsonObject& delta : first->ofType(u"agent.messageDelta"_s, from)) {
        joined += delta.value(u"delta"_s).toString();
    }
    const QJsonObject message = first->ofType(u"agent.message"_s, from).first();
    QCOMPARE(message.value(u"content"_s).toString(), joined);
    QCOMPARE(joined, answer.join(QString()));
    QCOMPARE(message.value(u"conversationId"_s).toString(), u"conv-1"_s);
    QCOMPARE(message.value(u"metadata"_s).toObject().value(u"replyTo"_s).toString(), u"msg-u1"_s);
    QCOMPARE(message.value(u"metadata"_s).toObject().value(u"usage"_s).toObject(),
             QJsonObject({ { u"promptTokens"_s, 30 }, { u"completionTokens"_s, 6 } }));
    QCOMPARE(message.value(u"metadata"_s).toObject().value(u"provider"_s).toString(), u"internal"_s);
    QCOMPARE(llm.seen().first().headers.value("authorization"), QByteArray("Bearer internal-key"));
    QCOMPARE(llm.messages(0).first().toObject().value(u"content"_s).toString(), u"You are a support bot."_s);

    // No history from the controller: the agent remembers the conversation itself.
    from = first->frames.size();
    first->send(userMessage(u"msg-u2"_s, u"conv-1"_s, u"And again"_s));
    QVERIFY(QTest::qWaitFor([&first, from] { return !first->ofType(u"agent.message"_s, from).isEmpty(); }, 20'000));
    const QJsonArray third = llm.messages(2);
    QCOMPARE(third.size(), 4);
    QCOMPARE(third.at(1).toObject().value(u"content"_s).toString(), u"Please echo"_s);
    QCOMPARE(third.at(2).toObject().value(u"role"_s).toString(), u"assistant"_s);
    QCOMPARE(third.at(2).toObject().value(u"content"_s).toString(), answer.join(QString()));
    QCOMPARE(third.at(3).toObject().value(u"content"_s).toString(), u"And again"_s);

    // The gateway drops the socket: the agent reconnects and registers again.
    first->socket->close();
    QVERIFY(QTest::qWaitFor(
        [&gateway] { return gateway.connections().size() >= 2 && !gateway.connections().at(1)->frames.isEmpty(); },
        10'000));
    const auto second = gateway.connections().at(1);
    QCOMPARE(second->authorization, QByteArray("Bearer secret-token-1"));
    QCOMPARE(second->frames.first().value(u"type"_s).toString(), u"agent.register"_s);
    QCOMPARE(second->frames.first().value(u"toolsConnected"_s).toArray(), toolsConnected);

    // agent.cancel stops a tool call in progress.
    llm.setCalls({ { u"trigger-long-running-operation"_s, u"{\"duration\": 30, \"steps\": 30}"_s } });
    second->send(userMessage(u"msg-u3"_s, u"conv-2"_s, u"Take your time"_s));
    QVERIFY(QTest::qWaitFor([&second] { return !second->ofType(u"agent.toolCall.start"_s).isEmpty(); }, 10'000));
    second->send({ { u"type"_s, u"agent.cancel"_s },
                   { u"conversationId"_s, u"conv-2"_s },
                   { u"metadata"_s, QJsonObject { { u"replyTo"_s, u"msg-u3"_s } } } });
    QVERIFY(QTest::qWaitFor([&second] { return !second->ofType(u"agent.error"_s).isEmpty(); }, 5'000));
    const QJsonObject cancelled = second->ofType(u"agent.error"_s).first();
    QCOMPARE(cancelled.value(u"conversationId"_s).toString(), u"conv-2"_s);
    QCOMPARE(cancelled.value(u"metadata"_s).toObject().value(u"replyTo"_s).toString(), u"msg-u3"_s);
    QCOMPARE(cancelled.value(u"metadata"_s).toObject().value(u"cancelled"_s).toBool(), true);
    QVERIFY(second->ofType(u"agent.message"_s).isEmpty());

    // SIGTERM: a clean exit.
    agent.terminate();
    QVERIFY(agent.waitForFinished(10'000));
    QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
    QCOMPARE(agent.exitCode(), 0);
}

QString AgentRuntimeTest::startAgent(RunningAgent& agent, const QJsonObject& config, const GatewayDouble& gateway)
{
    const qsizetype before = gateway.connections().size();
    agent.process.setProcessChannelMode(QProcess::ForwardedChannels);
    agent.process.start(agentBinary, { u"--config"_s, writeConfig(config) });
    if (!agent.process.waitForStarted(10'000)) {
        return u"aiops-agent did not start: "_s + agent.process.errorString();
    }
    const bool registered = QTest::qWaitFor(
        [&gateway, before] {
            return gateway.connections().size() > before && !gateway.connections().at(before)->frames.isEmpty();
        },
        20'000);
    return registered ? QString() : u"aiops-agent did not register"_s;
}

void AgentRuntimeTest::conversationsRunSideBySideTurnsInOrder()
{
    GatewayDouble gateway;
    OpenAiToolLlmDouble llm({ { u"trigger-long-running-operation"_s, u"{\"duration\": 2, \"steps\": 2}"_s } });
    RunningAgent agent;
    const QString started = startAgent(agent, validConfig(gateway.url(), llm.baseUrl()), gateway);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const auto connection = gateway.connections().first();

    // Two turns of conv-slow (each with a 2 s tool) and then one of conv-fast.
    connection->send(userMessage(u"msg-s1"_s, u"conv-slow"_s, u"first"_s));
    connection->send(userMessage(u"msg-s2"_s, u"conv-slow"_s, u"second"_s));
    QVERIFY(
        QTest::qWaitFor([&connection] { return !connection->ofType(u"agent.toolCall.start"_s).isEmpty(); }, 10'000));
    llm.setCalls({ { u"echo"_s, u"{\"message\": \"quick\"}"_s } });
    connection->send(userMessage(u"msg-f1"_s, u"conv-fast"_s, u"quick one"_s));
    QVERIFY(QTest::qWaitFor([&connection] { return connection->ofType(u"agent.message"_s).size() == 3; }, 30'000));

    QStringList order; // replyTo of each agent.message, and of each toolCall.start
    QStringList starts;
    for (const QJsonObject& frame : connection->frames) {
        const QString type = frame.value(u"type"_s).toString();
        const QString replyTo = frame.value(u"metadata"_s).toObject().value(u"replyTo"_s).toString();
        if (type == u"agent.message"_s) {
            order.append(replyTo);
        } else if (type == u"agent.toolCall.start"_s) {
            starts.append(replyTo);
        }
    }
    // conv-fast did not wait for conv-slow; conv-slow's second turn started after its first ended.
    QCOMPARE(order, QStringList({ u"msg-f1"_s, u"msg-s1"_s, u"msg-s2"_s }));
    QCOMPARE(starts, QStringList({ u"msg-s1"_s, u"msg-f1"_s, u"msg-s2"_s }));
    // busy once, ready once at the end.
    const QList<QJsonObject> changes = connection->ofType(u"agent.statusChange"_s);
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(0).value(u"status"_s).toString(), u"busy"_s);
    QCOMPARE(changes.at(1).value(u"status"_s).toString(), u"ready"_s);
}

void AgentRuntimeTest::framesMadeOfflineFollowTheNextRegister()
{
    GatewayDouble gateway;
    OpenAiToolLlmDouble llm({ { u"trigger-long-running-operation"_s, u"{\"duration\": 1, \"steps\": 1}"_s } });
    RunningAgent agent;
    const QString started = startAgent(agent, validConfig(gateway.url(), llm.baseUrl()), gateway);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const auto first = gateway.connections().first();
    first->send(userMessage(u"msg-o1"_s, u"conv-offline"_s, u"work while I am away"_s));
    QVERIFY(QTest::qWaitFor([&first] { return !first->ofType(u"agent.toolCall.start"_s).isEmpty(); }, 10'000));

    // The controller goes away; the turn ends meanwhile (the tool takes 1 s).
    gateway.stop();
    QVERIFY(QTest::qWaitFor([&llm] { return llm.requests() == 2; }, 10'000));
    QTest::qWait(1'500); // at least one refused reconnect
    QVERIFY(gateway.listenAgain());
    QVERIFY(QTest::qWaitFor(
        [&gateway] {
            return gateway.connections().size() == 2
                && !gateway.connections().at(1)->ofType(u"agent.message"_s).isEmpty();
        },
        40'000));
    const auto second = gateway.connections().at(1);
    QCOMPARE(second->frames.first().value(u"type"_s).toString(), u"agent.register"_s);
    const QStringList types = typesWithoutHeartbeats(second->frames, 1);
    QVERIFY2(types.contains(u"agent.toolCall.end"_s), qPrintable(types.join(u", "_s)));
    QCOMPARE(types.last(), u"agent.statusChange"_s); // ready, after the message
    QCOMPARE(second->ofType(u"agent.message"_s).first().value(u"metadata"_s).toObject().value(u"replyTo"_s).toString(),
             u"msg-o1"_s);
    QCOMPARE(second->ofType(u"agent.toolCall.end"_s).first().value(u"status"_s).toString(), u"success"_s);
    QVERIFY(first->ofType(u"agent.message"_s).isEmpty());
}

void AgentRuntimeTest::localOnlySwitchBlocksCloudProvider()
{
    GatewayDouble gateway;
    OpenAiToolLlmDouble llm({ { u"echo"_s, u"{\"message\": \"cloud\"}"_s } });
    QJsonObject config = validConfig(gateway.url(), llm.baseUrl());
    QJsonObject llmConfig = config.value(u"llm"_s).toObject();
    llmConfig.insert(u"policy"_s, QJsonObject { { u"mode"_s, u"allow-api"_s }, { u"preferLocal"_s, false } });
    QJsonArray providers = llmConfig.value(u"providers"_s).toArray();
    QJsonObject provider = providers.first().toObject();
    provider.insert(u"name"_s, u"openai"_s);
    provider.insert(u"kind"_s, u"cloud"_s);
    providers.replace(0, provider);
    llmConfig.insert(u"providers"_s, providers);
    config.insert(u"llm"_s, llmConfig);
    RunningAgent agent;
    const QString started = startAgent(agent, config, gateway);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const auto connection = gateway.connections().first();

    connection->send(userMessage(u"msg-c1"_s, u"conv-c"_s, u"to the cloud"_s));
    QVERIFY(QTest::qWaitFor([&connection] { return !connection->ofType(u"agent.message"_s).isEmpty(); }, 20'000));
    QCOMPARE(llm.requests(), 2);

    connection->send({ { u"type"_s, u"agent.config.localOnly"_s }, { u"localOnly"_s, true } });
    connection->send(userMessage(u"msg-c2"_s, u"conv-c"_s, u"not any more"_s));
    QVERIFY(QTest::qWaitFor([&connection] { return !connection->ofType(u"agent.error"_s).isEmpty(); }, 20'000));
    const QJsonObject blocked = connection->ofType(u"agent.error"_s).first();
    QCOMPARE(blocked.value(u"errorCode"_s).toString(), u"FORBIDDEN"_s);
    QCOMPARE(blocked.value(u"metadata"_s).toObject().value(u"replyTo"_s).toString(), u"msg-c2"_s);
    QCOMPARE(llm.requests(), 2); // nothing was sent

    connection->send({ { u"type"_s, u"agent.config.localOnly"_s }, { u"localOnly"_s, false } });
    connection->send(userMessage(u"msg-c3"_s, u"conv-c"_s, u"allowed again"_s));
    QVERIFY(QTest::qWaitFor([&connection] { return connection->ofType(u"agent.message"_s).size() == 2; }, 20'000));
    QCOMPARE(llm.requests(), 4);
}

void AgentRuntimeTest::toolServerThatWasDownIsRetriedOnTheNextTurn()
{
    GatewayDouble gateway;
    OpenAiToolLlmDouble llm({ { u"late__echo"_s, u"{\"message\": \"from the late server\"}"_s } });
    QJsonObject config = validConfig(gateway.url(), llm.baseUrl());
    const quint16 latePort = freeTcpPort();
    config.insert(u"tools"_s,
                  QJsonArray { config.value(u"tools"_s).toArray().first(),
                               QJsonObject { { u"toolId"_s, u"tool-late"_s },
                                             { u"name"_s, u"late"_s },
                                             { u"transport"_s, u"http"_s },
                                             { u"endpoint"_s, u"http://127.0.0.1:%1/mcp"_s.arg(latePort) } } });
    RunningAgent agent;
    const QString started = startAgent(agent, config, gateway);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const auto connection = gateway.connections().first();
    const QJsonObject registration = connection->frames.first();
    QCOMPARE(registration.value(u"metadata"_s)
                 .toObject()
                 .value(u"toolErrors"_s)
                 .toArray()
                 .first()
                 .toObject()
                 .value(u"toolId"_s),
             QJsonValue(u"tool-late"_s));
    QVERIFY(registration.value(u"toolsConnected"_s).toArray().contains(u"echo"_s)); // no clash yet: no prefix

    // The server comes up; the next turn connects it and offers its tools (prefixed: both servers have "echo").
    EverythingServer late;
    const QString lateError = late.start(QStringLiteral(AIOPS_SOURCE_DIR), latePort);
    QVERIFY2(lateError.isEmpty(), qPrintable(lateError));
    connection->send(userMessage(u"msg-l1"_s, u"conv-late"_s, u"use the late server"_s));
    QVERIFY(QTest::qWaitFor([&connection] { return !connection->ofType(u"agent.message"_s).isEmpty(); }, 20'000));
    const QJsonObject end = connection->ofType(u"agent.toolCall.end"_s).first();
    QCOMPARE(end.value(u"toolName"_s).toString(), u"late__echo"_s);
    QCOMPARE(end.value(u"status"_s).toString(), u"success"_s);
    QCOMPARE(end.value(u"toolOutput"_s).toObject().value(u"text"_s).toString(), u"Echo: from the late server"_s);
    QStringList offered;
    for (const QJsonValue& tool : llm.seen().first().json().value(u"tools"_s).toArray()) {
        offered.append(tool.toObject().value(u"function"_s).toObject().value(u"name"_s).toString());
    }
    QVERIFY2(offered.contains(u"everything__echo"_s) && offered.contains(u"late__echo"_s),
             qPrintable(offered.join(u", "_s)));
}

QTEST_GUILESS_MAIN(AgentRuntimeTest)
#include "AgentRuntimeTest.moc"
