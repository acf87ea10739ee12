// The chat message write-behind of ControllerAgentService over a real SQLite file: messages are built in
// memory and fanned out at once, written in batches after storeFlushMs, written before any read that must
// see them, written on shutdown, kept and retried while the database is locked; the history sent with a
// user message comes from memory. The agent side is a real AgentGateway with a QWebSocket client standing in
// for the runtime (it only receives the forwarded user messages); agent frames go in through onAgentEvent,
// the gateway's signal target.
#include "core/agents/AgentStore.h"
#include "core/controller/AgentGateway.h"
#include "core/controller/ControllerAgentService.h"
#include "core/store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>
#include <memory>

using namespace aiops;
using namespace aiops::controller;
using namespace Qt::StringLiterals;

namespace {

iam::Principal systemPrincipal()
{
    iam::Principal p;
    p.subject = u"user-test"_s;
    p.kind = iam::PrincipalKind::System;
    p.orgId = u"org-test"_s;
    return p;
}

} // namespace

class ChatWriteBehindTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void burstIsStoredInOneBatchAfterTheFlushDelay();
    void fullBatchIsWrittenWithoutWaiting();
    void readRightAfterAMessageSeesIt();
    void tokenCountsOnlyStoresNoText();
    void shutdownWritesQueuedMessages();
    void lockedDatabaseKeepsTheBatchAndRetries();
    void reusedAgentMessageIdIsSkippedAndCountsStayTrue();
    void historyComesFromMemoryAndResentIdsAreRefused();

private:
    void startService(int flushMs, bool tokenCountsOnly = false, int historyMessages = 20, int batchMessages = 256);
    void stopService();
    void agentSays(const QString& messageId, const QString& content, qint64 prompt = 7, qint64 completion = 5);
    qint64 scalar(const QString& sql);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<AgentGateway> m_gateway;
    std::unique_ptr<ControllerAgentService> m_service;
    QString m_agentId;
    QString m_conversationId;
};

void ChatWriteBehindTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto db = store::Database::openSqlite(m_dir->filePath(u"aiops.sqlite"_s));
    QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
    m_db = std::move(*db);
}

void ChatWriteBehindTest::cleanup()
{
    stopService();
    m_db.reset();
    m_dir.reset();
}

void ChatWriteBehindTest::startService(int flushMs, bool tokenCountsOnly, int historyMessages, int batchMessages)
{
    AgentGateway::Options gatewayOptions;
    gatewayOptions.messagesPerSecond = 1e6;
    gatewayOptions.burst = 1e6;
    m_gateway = std::make_unique<AgentGateway>(gatewayOptions);
    ControllerAgentService::Options options;
    options.dataDir = m_dir->filePath(u"data"_s);
    options.agentProgram = u"/bin/false"_s;
    options.healthIntervalMs = 0;
    options.restoreRunningAgents = false;
    options.storeFlushMs = flushMs;
    options.historyMessages = historyMessages;
    options.storeBatchMessages = batchMessages;
    m_service = std::make_unique<ControllerAgentService>(
        *m_db, nullptr, nullptr, nullptr, m_gateway.get(), nullptr, systemPrincipal(), options);
    QVERIFY(m_service->start().has_value());
    const QJsonObject body { { u"name"_s, u"Writer"_s },
                             { u"llmModel"_s,
                               QJsonObject { { u"provider"_s, u"openai-compatible"_s },
                                             { u"modelName"_s, u"double-1"_s },
                                             { u"endpoint"_s, u"http://127.0.0.1:9/v1"_s } } },
                             { u"tokenCountsOnly"_s, tokenCountsOnly } };
    auto agent = m_service->createAgentAs(systemPrincipal(), body);
    QVERIFY2(agent.has_value(), agent ? "" : qPrintable(agent.error().message));
    m_agentId = agent->agentId;
    auto conversation = m_service->createConversationAs(systemPrincipal(), m_agentId, u"burst"_s);
    QVERIFY2(conversation.has_value(), conversation ? "" : qPrintable(conversation.error().message));
    m_conversationId = conversation->conversationId;
}

void ChatWriteBehindTest::stopService()
{
    m_service.reset(); // shutdown(): the queue is written
    m_gateway.reset();
}

void ChatWriteBehindTest::agentSays(const QString& messageId, const QString& content, qint64 prompt, qint64 completion)
{
    m_service->onAgentEvent(
        m_agentId,
        QJsonObject { { u"type"_s, u"agent.message"_s },
                      { u"agentId"_s, m_agentId },
                      { u"conversationId"_s, m_conversationId },
                      { u"messageId"_s, messageId },
                      { u"content"_s, content },
                      { u"metadata"_s,
                        QJsonObject { { u"usage"_s,
                                        QJsonObject { { u"promptTokens"_s, prompt },
                                                      { u"completionTokens"_s, completion } } } } } });
}

qint64 ChatWriteBehindTest::scalar(const QString& sql)
{
    QSqlQuery q(m_db->handle());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

void ChatWriteBehindTest::burstIsStoredInOneBatchAfterTheFlushDelay()
{
    startService(100);
    int fannedOut = 0;
    connect(m_service.get(), &AgentService::conversationEvent, this, [&](const QJsonObject& event) {
        if (event.value(u"type"_s).toString() == u"agent.message")
            ++fannedOut;
    });
    for (int i = 0; i < 150; ++i)
        agentSays(u"msg-burst-%1"_s.arg(i), u"answer %1"_s.arg(i));
    // Every frame went out at once; nothing was written yet (one batch, after the delay).
    QCOMPARE(fannedOut, 150);
    QCOMPARE(m_service->queuedMessages(), 150);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages"_s), 0);
    QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT COUNT(*) FROM messages"_s), 150, 5000);
    QCOMPARE(m_service->queuedMessages(), 0);
    QCOMPARE(scalar(u"SELECT messageCount FROM conversations WHERE conversationId = '%1'"_s.arg(m_conversationId)),
             150);
    QCOMPARE(scalar(u"SELECT messageCount FROM agents WHERE agentId = '%1'"_s.arg(m_agentId)), 150);
    QCOMPARE(scalar(u"SELECT promptTokens FROM agents WHERE agentId = '%1'"_s.arg(m_agentId)), 150 * 7);
    QCOMPARE(scalar(u"SELECT completionTokens FROM agents WHERE agentId = '%1'"_s.arg(m_agentId)), 150 * 5);
    // The order is the order they came in.
    auto stored = m_service->store().messages(m_conversationId);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->size(), 150);
    QCOMPARE(stored->first().content, u"answer 0"_s);
    QCOMPARE(stored->last().content, u"answer 149"_s);
    // What the service reports matches what is stored.
    QCOMPARE(m_service->agent(m_agentId)->messageCount, 150);
    QCOMPARE(m_service->agent(m_agentId)->promptTokens, 150 * 7);
}

void ChatWriteBehindTest::fullBatchIsWrittenWithoutWaiting()
{
    startService(600000, false, 20, 50);
    for (int i = 0; i < 49; ++i)
        agentSays(u"msg-f%1"_s.arg(i), u"f"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages"_s), 0);
    agentSays(u"msg-f49"_s, u"f"_s); // the 50th fills the batch
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages"_s), 50);
    QCOMPARE(m_service->queuedMessages(), 0);
    agentSays(u"msg-f50"_s, u"f"_s);
    QCOMPARE(m_service->queuedMessages(), 1);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages"_s), 50);
}

void ChatWriteBehindTest::readRightAfterAMessageSeesIt()
{
    startService(600000); // the timer never fires within the test: only a read can write the queue
    agentSays(u"msg-r1"_s, u"first"_s);
    agentSays(u"msg-r2"_s, u"second"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages"_s), 0);
    auto messages = m_service->messagesFor(systemPrincipal(), m_conversationId);
    QVERIFY(messages.has_value());
    QCOMPARE(messages->size(), 2);
    QCOMPARE(messages->at(0).content, u"first"_s);
    QCOMPARE(messages->at(1).content, u"second"_s);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages"_s), 2);

    agentSays(u"msg-r3"_s, u"third"_s);
    auto list = m_service->conversationsFor(systemPrincipal(), m_agentId);
    QVERIFY(list.has_value());
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->first().messageCount, 3);
    QVERIFY(list->first().lastMessageAt.isValid());
    // The conversation record the REST route shows is current too.
    QCOMPARE(m_service->conversationFor(systemPrincipal(), m_conversationId)->messageCount, 3);

    // A delete writes the queue first, then deletes it with the conversation.
    agentSays(u"msg-r4"_s, u"fourth"_s);
    QVERIFY(m_service->removeConversationAs(systemPrincipal(), m_conversationId).has_value());
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages WHERE isDeleted = 1"_s), 4);
    QCOMPARE(m_service->queuedMessages(), 0);
}

void ChatWriteBehindTest::tokenCountsOnlyStoresNoText()
{
    startService(600000, true);
    agentSays(u"msg-t1"_s, u"the launch code is swordfish"_s, 11, 13);
    m_service->onAgentEvent(m_agentId,
                            QJsonObject { { u"type"_s, u"agent.toolCall.end"_s },
                                          { u"agentId"_s, m_agentId },
                                          { u"conversationId"_s, m_conversationId },
                                          { u"messageId"_s, u"msg-t2"_s },
                                          { u"toolName"_s, u"echo"_s },
                                          { u"status"_s, u"success"_s },
                                          { u"durationMs"_s, 12 },
                                          { u"toolInput"_s, QJsonObject { { u"message"_s, u"swordfish"_s } } },
                                          { u"toolOutput"_s, QJsonObject { { u"echo"_s, u"swordfish"_s } } } });
    auto messages = m_service->messagesFor(systemPrincipal(), m_conversationId);
    QVERIFY(messages.has_value());
    QCOMPARE(messages->size(), 2);
    for (const agents::MessageRecord& m : *messages) {
        QVERIFY(m.content.isEmpty());
        QVERIFY(m.toolInput.isEmpty());
        QVERIFY(m.toolOutput.isEmpty());
    }
    QCOMPARE(messages->at(0).promptTokens, 11);
    QCOMPARE(messages->at(0).completionTokens, 13);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages WHERE content LIKE '%swordfish%' OR toolInput LIKE '%swordfish%' "
                    "OR toolOutput LIKE '%swordfish%' OR metadata LIKE '%swordfish%'"_s),
             0);
    QCOMPARE(scalar(u"SELECT promptTokens + completionTokens FROM agents WHERE agentId = '%1'"_s.arg(m_agentId)), 24);
    stopService();
    m_db.reset(); // the WAL is checkpointed into the file
    QFile file(m_dir->filePath(u"aiops.sqlite"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("swordfish"));
}

void ChatWriteBehindTest::shutdownWritesQueuedMessages()
{
    startService(600000);
    for (int i = 0; i < 40; ++i)
        agentSays(u"msg-s%1"_s.arg(i), u"queued %1"_s.arg(i), 3, 2);
    QCOMPARE(m_service->queuedMessages(), 40);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages"_s), 0);
    const QString agentId = m_agentId;
    const QString conversationId = m_conversationId;
    stopService();
    m_db.reset();

    auto reopened = store::Database::openSqlite(m_dir->filePath(u"aiops.sqlite"_s));
    QVERIFY(reopened.has_value());
    m_db = std::move(*reopened);
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages WHERE content LIKE 'queued %'"_s), 40);
    QCOMPARE(scalar(u"SELECT messageCount FROM conversations WHERE conversationId = '%1'"_s.arg(conversationId)), 40);
    QCOMPARE(scalar(u"SELECT messageCount FROM agents WHERE agentId = '%1'"_s.arg(agentId)), 40);
    QCOMPARE(scalar(u"SELECT promptTokens FROM agents WHERE agentId = '%1'"_s.arg(agentId)), 120);
    QCOMPARE(scalar(u"SELECT completionTokens FROM agents WHERE agentId = '%1'"_s.arg(agentId)), 80);
}

void ChatWriteBehindTest::lockedDatabaseKeepsTheBatchAndRetries()
{
    startService(20);
    QVERIFY(QSqlQuery(m_db->handle()).exec(u"PRAGMA busy_timeout = 100"_s));
    // Another connection (as IAM or the safety writer would) holds the write lock.
    auto other = store::Database::openSqlite(m_dir->filePath(u"aiops.sqlite"_s));
    QVERIFY(other.has_value());
    QVERIFY(QSqlQuery((*other)->handle()).exec(u"BEGIN IMMEDIATE"_s));

    agentSays(u"msg-l1"_s, u"kept while locked"_s);
    agentSays(u"msg-l2"_s, u"kept too"_s);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Chat store: cannot write 2 queued messages"_s));
    auto flushed = m_service->flushMessages();
    QVERIFY(!flushed.has_value());
    QCOMPARE(flushed.error().code, ErrorCode::StoreError);
    QCOMPARE(m_service->queuedMessages(), 2); // nothing dropped
    // A read that must see them says so instead of answering without them.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"Chat store: cannot write 2 queued messages"_s));
    QVERIFY(!m_service->messagesFor(systemPrincipal(), m_conversationId).has_value());

    QVERIFY(QSqlQuery((*other)->handle()).exec(u"ROLLBACK"_s));
    QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT COUNT(*) FROM messages"_s), 2, 5000); // the retry timer
    QCOMPARE(m_service->queuedMessages(), 0);
    auto messages = m_service->messagesFor(systemPrincipal(), m_conversationId);
    QVERIFY(messages.has_value());
    QCOMPARE(messages->size(), 2);
    QCOMPARE(messages->at(0).content, u"kept while locked"_s);
    other->reset();
}

void ChatWriteBehindTest::reusedAgentMessageIdIsSkippedAndCountsStayTrue()
{
    startService(600000);
    agentSays(u"msg-dup"_s, u"original"_s);
    QVERIFY(m_service->flushMessages().has_value());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"message msg-dup not stored"_s));
    agentSays(u"msg-dup"_s, u"again"_s); // already in the database: only the write can tell
    agentSays(u"msg-after"_s, u"next"_s);
    QVERIFY(m_service->flushMessages().has_value());
    auto messages = m_service->messagesFor(systemPrincipal(), m_conversationId);
    QVERIFY(messages.has_value());
    QCOMPARE(messages->size(), 2);
    QCOMPARE(messages->at(0).content, u"original"_s);
    QCOMPARE(messages->at(1).content, u"next"_s);
    QCOMPARE(m_service->conversationFor(systemPrincipal(), m_conversationId)->messageCount, 2);
    QCOMPARE(m_service->agent(m_agentId)->messageCount, 2);
    QCOMPARE(scalar(u"SELECT messageCount FROM agents WHERE agentId = '%1'"_s.arg(m_agentId)), 2);
}

void ChatWriteBehindTest::historyComesFromMemoryAndResentIdsAreRefused()
{
    startService(600000, false, 3);
    m_gateway->setAuthenticator([this](const QByteArray& token) -> std::optional<QString> {
        if (token == "runtime-secret")
            return m_agentId;
        return std::nullopt;
    });
    QWebSocketServer server(u"agent-test"_s, QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        while (QWebSocket* socket = server.nextPendingConnection())
            m_gateway->accept(std::unique_ptr<QWebSocket>(socket));
    });
    QWebSocket runtime; // stands in for aiops-agent: keeps what the controller forwards
    QList<QJsonObject> forwarded;
    connect(&runtime, &QWebSocket::textMessageReceived, this, [&](const QString& text) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        if (frame.value(u"type"_s).toString() == u"user.message")
            forwarded.append(frame);
    });
    QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/ws/agent"_s.arg(server.serverPort())));
    request.setRawHeader("Authorization", "Bearer runtime-secret");
    runtime.open(request);
    QTRY_VERIFY_WITH_TIMEOUT(m_gateway->isConnected(m_agentId), 5000);

    const auto say = [&](const QString& id, const QString& text) {
        return m_service->sendMessageAs(systemPrincipal(), m_conversationId, text, {}, id);
    };
    QVERIFY(say(u"u-1"_s, u"question one"_s).has_value());
    agentSays(u"a-1"_s, u"answer one"_s);
    QVERIFY(say(u"u-2"_s, u"question two"_s).has_value());
    agentSays(u"a-2"_s, u"answer two"_s);
    QVERIFY(say(u"u-3"_s, u"question three"_s).has_value());
    QTRY_COMPARE_WITH_TIMEOUT(forwarded.size(), 3, 5000);
    // Nothing is written yet, so the history the agent got came from memory: the last 3 messages.
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages"_s), 0);
    const QJsonArray history = forwarded.at(2).value(u"metadata"_s).toObject().value(u"history"_s).toArray();
    QStringList turns;
    for (const QJsonValue& turn : history)
        turns.append(turn.toObject().value(u"role"_s).toString() + u": "_s
                     + turn.toObject().value(u"content"_s).toString());
    QCOMPARE(turns, (QStringList { u"assistant: answer one"_s, u"user: question two"_s, u"assistant: answer two"_s }));
    QVERIFY(forwarded.at(0).value(u"metadata"_s).toObject().value(u"history"_s).toArray().isEmpty());

    // A resent id is refused, whether it is still queued or already written.
    auto again = say(u"u-2"_s, u"question two"_s);
    QVERIFY(!again.has_value());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QVERIFY(m_service->flushMessages().has_value());
    QCOMPARE(scalar(u"SELECT COUNT(*) FROM messages"_s), 5);
    again = say(u"u-1"_s, u"question one"_s);
    QVERIFY(!again.has_value());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    runtime.close();
}

QTEST_GUILESS_MAIN(ChatWriteBehindTest)
#include "ChatWriteBehindTest.moc"
