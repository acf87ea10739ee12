// AgentStore over a real SQLite file (migration 6): round trips of every record type, soft delete,
// conflicts, counters kept by the store, ordering and filters, the REST spelling, and stored JSON
// that no longer parses.
#include "core/agents/AgentStore.h"

#include "core/store/Database.h"
#include "core/store/Migrations.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace aiops;
using namespace aiops::agents;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(aiops::ErrorCode)

// Readable QCOMPARE failures (found by argument-dependent lookup).
namespace aiops::agents {

template<typename T> char* jsonString(const T& record)
{
    return qstrdup(QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact).constData());
}

char* toString(const ToolRecord& r)
{
    return jsonString(r);
}
char* toString(const InstructionRecord& r)
{
    return jsonString(r);
}
char* toString(const AgentRecord& r)
{
    QJsonObject o = r.toJson();
    o.insert(u"apiKeySecret(test)"_s, r.llmModel.apiKeySecret);
    return qstrdup(QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
}
char* toString(const ConversationRecord& r)
{
    return jsonString(r);
}
char* toString(const MessageRecord& r)
{
    return jsonString(r);
}

} // namespace aiops::agents

namespace {

const QDateTime kT0(QDate(2026, 3, 1), QTime(12, 0, 0, 125), Qt::UTC);

ToolRecord makeMcpTool(const QString& id)
{
    ToolRecord t;
    t.toolId = id;
    t.name = u"Wetter-Dienst ☀ 天気"_s;
    t.type = u"mcp"_s;
    t.description = u"Prévisions météo — «ünïcödé» 🌦"_s;
    t.category = u"data"_s;
    t.transport = u"sse"_s;
    t.endpoint = u"http://127.0.0.1:8931/sse"_s;
    t.dockerImage = u"aiops/mcp-weather:1.2"_s;
    t.containerId = u"c0ffee"_s;
    t.port = 8931;
    t.environment = { { u"API_KEY"_s, u"sk-very-secret"_s }, { u"REGION"_s, u"eu-west"_s } };
    t.healthEndpoint = u"/health"_s;
    t.lastHealthCheck = kT0.addSecs(-30);
    t.lastError = u"timeout after 5 s"_s;
    t.status = u"error"_s;
    t.discovered = {
        DiscoveredTool { u"forecast"_s,
                         u"Forecast for a city"_s,
                         QJsonObject { { u"type"_s, u"object"_s },
                                       { u"properties"_s,
                                         QJsonObject { { u"city"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } },
                         QJsonObject { { u"type"_s, u"object"_s } } },
        DiscoveredTool { u"alerts"_s, u"Weather alerts"_s, QJsonObject { { u"type"_s, u"object"_s } }, {} },
    };
    t.scope = u"org"_s;
    t.allowedOrgs = { u"org-1"_s, u"org-ü"_s };
    t.orgId = u"org-1"_s;
    t.userId = u"user-1"_s;
    return t;
}

ToolRecord makeBuiltinTool(const QString& id)
{
    ToolRecord t;
    t.toolId = id;
    t.name = u"listAgents"_s;
    t.type = u"builtin"_s;
    t.transport.clear();
    t.status = u"active"_s;
    t.category = u"system"_s;
    t.inputSchema = QJsonObject { { u"type"_s, u"object"_s } };
    t.outputSchema = QJsonObject { { u"type"_s, u"array"_s } };
    t.scope = u"public"_s;
    t.orgId = u"org-1"_s;
    t.userId = u"system"_s;
    return t;
}

InstructionRecord makeInstruction(const QString& id)
{
    InstructionRecord i;
    i.instructionId = id;
    i.name = u"Support — Kundendienst"_s;
    i.description = u"Freundlich 😊"_s;
    i.systemPrompt = u"You are a support agent.\nAnswer in the user's language (日本語 too)."_s;
    i.guidelines = { u"Greet warmly"_s, u"Listen actively"_s };
    i.tags = { u"support"_s, u"ß"_s };
    i.isActive = false;
    i.orgId = u"org-1"_s;
    i.userId = u"user-1"_s;
    return i;
}

AgentRecord makeAgent(const QString& id)
{
    AgentRecord a;
    a.agentId = id;
    a.name = u"Agent Ωmega"_s;
    a.description = u"Hilft bei Tickets — 🤖"_s;
    a.llmModel.provider = u"anthropic"_s;
    a.llmModel.modelName = u"claude-x"_s;
    a.llmModel.endpoint = u"https://api.example.test"_s;
    a.llmModel.apiKeySecret = u"agent-"_s + id + u"-api-key"_s;
    a.instructionId = u"inst-1"_s;
    a.instructionOverride = u"Override: be brief."_s;
    a.tools = { u"tool-1"_s, u"tool-2"_s };
    a.workingDirectory = u"/srv/agents/ω"_s;
    a.privacyMode = u"allow-api"_s;
    a.tokenCountsOnly = false;
    a.containerId = u"ctr-9"_s;
    a.status = u"running"_s;
    a.lastError = u"none yet"_s;
    a.websocketConnected = true;
    a.conversationCount = 3;
    a.messageCount = 7;
    a.promptTokens = 100;
    a.completionTokens = 50;
    a.orgId = u"org-1"_s;
    a.userId = u"user-1"_s;
    return a;
}

ConversationRecord makeConversation(const QString& id, const QString& agentId, const QString& userId = u"user-1"_s)
{
    ConversationRecord c;
    c.conversationId = id;
    c.agentId = agentId;
    c.userId = userId;
    c.title = u"Erste Frage — 最初"_s;
    c.channel = u"console"_s;
    c.orgId = u"org-1"_s;
    return c;
}

MessageRecord makeMessage(const QString& id, const QString& conversationId, const QString& content)
{
    MessageRecord m;
    m.messageId = id;
    m.conversationId = conversationId;
    m.type = u"user"_s;
    m.senderId = u"user-1"_s;
    m.senderType = u"user"_s;
    m.content = content;
    m.orgId = u"org-1"_s;
    m.userId = u"user-1"_s;
    return m;
}

} // namespace

class AgentStoreTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void migrationCreatesTablesWithChecks();
    void toolRoundTrip();
    void builtinToolHasNoTransport();
    void instructionRoundTripAndComposedPrompt();
    void agentRoundTripAndRuntimeColumns();
    void softDeleteHidesRows();
    void conflictsNotFoundAndInvalidValues();
    void conversationCountsOnAgent();
    void messageInsertBumpsCounts();
    void messagesLimitReturnsTheLastOldestFirst();
    void softDeletedConversationHidesMessages();
    void tokenCountsOnlyAgentStoresNoText();
    void batchStoresPreparedMessagesAndSkipsBadOnes();
    void conversationsOrderAndFilters();
    void agentsUsingToolAndInstruction();
    void filesRoundTripAndOrder();
    void jsonSpellingAndNoSecrets();
    void tamperedJsonColumnIsStoreError();

private:
    QVariant scalar(const QString& sql);
    bool execSql(const QString& sql);
    void advance(qint64 ms) { m_now = m_now.addMSecs(ms); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<AgentStore> m_store;
    QDateTime m_now;
};

void AgentStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto db = store::Database::openSqlite(m_dir->filePath(u"agents.sqlite"_s));
    QVERIFY2(db.has_value(), db ? "" : qPrintable(db.error().message));
    m_db = std::move(*db);
    m_store = std::make_unique<AgentStore>(*m_db);
    m_now = kT0;
    m_store->setClock([this] { return m_now; });
}

void AgentStoreTest::cleanup()
{
    m_store.reset();
    m_db.reset();
    m_dir.reset();
}

QVariant AgentStoreTest::scalar(const QString& sql)
{
    QSqlQuery q(m_db->handle());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

bool AgentStoreTest::execSql(const QString& sql)
{
    QSqlQuery q(m_db->handle());
    return q.exec(sql);
}

void AgentStoreTest::migrationCreatesTablesWithChecks()
{
    QCOMPARE(m_db->schemaVersion(), store::Database::latestSchemaVersion());
    QVERIFY(store::Database::latestSchemaVersion() >= 6);
    for (const QString& table :
         { u"tools"_s, u"instructions"_s, u"agents"_s, u"conversations"_s, u"messages"_s, u"files"_s }) {
        QCOMPARE(
            scalar(u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'"_s.arg(table)).toInt(), 1);
    }
    QCOMPARE(scalar(u"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = "
                    "'idx_messages_conversation'"_s)
                 .toInt(),
             1);
    // The CHECK constraints refuse what the store would refuse.
    QVERIFY(!execSql(u"INSERT INTO agents (agentId, name, status, createdAt, changedAt) VALUES ('a', 'a', 'dancing', "
                     "'x', 'x')"_s));
    QVERIFY(!execSql(u"INSERT INTO tools (toolId, name, type, transport, createdAt, changedAt) VALUES ('t', 't', "
                     "'mcp', NULL, 'x', 'x')"_s));
    QVERIFY(!execSql(u"INSERT INTO messages (messageId, conversationId, type, createdAt, changedAt) VALUES ('m', "
                     "'c', 'shout', 'x', 'x')"_s));
    QVERIFY(execSql(u"INSERT INTO tools (toolId, name, type, transport, createdAt, changedAt) VALUES ('t', 't', "
                    "'builtin', NULL, 'x', 'x')"_s));
}

void AgentStoreTest::toolRoundTrip()
{
    const ToolRecord input = makeMcpTool(u"tool-1"_s);
    auto inserted = m_store->insertTool(input);
    QVERIFY2(inserted.has_value(), inserted ? "" : qPrintable(inserted.error().message));
    ToolRecord expected = input;
    expected.createdAt = kT0;
    expected.changedAt = kT0;
    QCOMPARE(*inserted, expected);
    QCOMPARE(*m_store->tool(u"tool-1"_s), expected);

    advance(1500);
    ToolRecord changed = expected;
    changed.status = u"active"_s;
    changed.lastError.clear();
    changed.environment.remove(u"REGION"_s);
    changed.discovered.removeLast();
    changed.transport = u"http"_s;
    changed.createdAt = kT0.addDays(-5); // ignored: createdAt never changes
    auto updated = m_store->updateTool(changed);
    QVERIFY(updated.has_value());
    changed.createdAt = kT0;
    changed.changedAt = m_now;
    QCOMPARE(*updated, changed);
    QCOMPARE(m_store->tools()->size(), 1);
}

void AgentStoreTest::builtinToolHasNoTransport()
{
    auto inserted = m_store->insertTool(makeBuiltinTool(u"builtin-1"_s));
    QVERIFY(inserted.has_value());
    QCOMPARE(inserted->transport, QString());
    QVERIFY(scalar(u"SELECT transport FROM tools WHERE toolId = 'builtin-1'"_s).isNull());
    QCOMPARE(inserted->inputSchema, (QJsonObject { { u"type"_s, u"object"_s } }));

    ToolRecord mcpWithoutTransport = makeMcpTool(u"tool-x"_s);
    mcpWithoutTransport.transport.clear();
    auto refused = m_store->insertTool(mcpWithoutTransport);
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().code, ErrorCode::InvalidValue);
    QCOMPARE(refused.error().field, u"transport"_s);
}

void AgentStoreTest::instructionRoundTripAndComposedPrompt()
{
    const InstructionRecord input = makeInstruction(u"inst-1"_s);
    auto inserted = m_store->insertInstruction(input);
    QVERIFY(inserted.has_value());
    InstructionRecord expected = input;
    expected.createdAt = kT0;
    expected.changedAt = kT0;
    QCOMPARE(*inserted, expected);
    QCOMPARE(inserted->composedPrompt(), input.systemPrompt + u"\n\nGuidelines:\n- Greet warmly\n- Listen actively"_s);

    advance(10);
    expected.guidelines.clear();
    expected.isActive = true;
    auto updated = m_store->updateInstruction(expected);
    QVERIFY(updated.has_value());
    QCOMPARE(updated->guidelines, QStringList());
    QCOMPARE(updated->changedAt, m_now);
    QCOMPARE(updated->composedPrompt(), input.systemPrompt);
    QVERIFY(updated->isActive);
    QCOMPARE(*m_store->instruction(u"inst-1"_s), *updated);
}

void AgentStoreTest::agentRoundTripAndRuntimeColumns()
{
    const AgentRecord input = makeAgent(u"agent-1"_s);
    auto inserted = m_store->insertAgent(input);
    QVERIFY2(inserted.has_value(), inserted ? "" : qPrintable(inserted.error().message));
    AgentRecord expected = input;
    expected.createdAt = kT0;
    expected.changedAt = kT0;
    QCOMPARE(*inserted, expected);
    QCOMPARE(inserted->roomId(), u"room:agent-agent-1"_s);

    // updateAgent writes config and runtime, never the statistics.
    advance(100);
    AgentRecord stale = expected;
    stale.name = u"Renamed ✓"_s;
    stale.llmModel = LlmModelRef { u"dep-7"_s, u"internal"_s, u"llama-3-8b"_s, {}, {} };
    stale.tools = { u"tool-3"_s };
    stale.privacyMode = u"local-only"_s;
    stale.tokenCountsOnly = true;
    stale.status = u"stopped"_s;
    stale.containerId.clear();
    stale.websocketConnected = false;
    stale.conversationCount = 0;
    stale.messageCount = 0;
    stale.promptTokens = 0;
    stale.completionTokens = 0;
    auto updated = m_store->updateAgent(stale);
    QVERIFY(updated.has_value());
    QCOMPARE(updated->name, u"Renamed ✓"_s);
    QCOMPARE(updated->llmModel, stale.llmModel);
    QCOMPARE(updated->tools, stale.tools);
    QCOMPARE(updated->privacyMode, u"local-only"_s);
    QVERIFY(updated->tokenCountsOnly);
    QCOMPARE(updated->status, u"stopped"_s);
    QCOMPARE(updated->conversationCount, 3);
    QCOMPARE(updated->messageCount, 7);
    QCOMPARE(updated->promptTokens, 100);
    QCOMPARE(updated->completionTokens, 50);
    QCOMPARE(updated->changedAt, m_now);
    QCOMPARE(updated->createdAt, kT0);

    advance(100);
    QVERIFY(m_store->setAgentStatus(u"agent-1"_s, u"error"_s, u"engine gone"_s, false).has_value());
    QVERIFY(m_store->addAgentUsage(u"agent-1"_s, 11, 22).has_value());
    QVERIFY(m_store->addAgentUsage(u"agent-1"_s, 1, 2).has_value());
    auto after = m_store->agent(u"agent-1"_s);
    QVERIFY(after.has_value());
    QCOMPARE(after->status, u"error"_s);
    QCOMPARE(after->lastError, u"engine gone"_s);
    QVERIFY(!after->websocketConnected);
    QCOMPARE(after->promptTokens, 112);
    QCOMPARE(after->completionTokens, 74);
    QCOMPARE(after->changedAt, m_now);

    auto badStatus = m_store->setAgentStatus(u"agent-1"_s, u"sleeping"_s, {}, false);
    QVERIFY(!badStatus.has_value());
    QCOMPARE(badStatus.error().code, ErrorCode::InvalidValue);
    QCOMPARE(badStatus.error().field, u"status"_s);
    auto negative = m_store->addAgentUsage(u"agent-1"_s, -1, 0);
    QVERIFY(!negative.has_value());
    QCOMPARE(negative.error().code, ErrorCode::OutOfRange);
    QCOMPARE(m_store->setAgentStatus(u"nobody"_s, u"running"_s, {}, true).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->addAgentUsage(u"nobody"_s, 1, 1).error().code, ErrorCode::NotFound);
}

void AgentStoreTest::softDeleteHidesRows()
{
    QVERIFY(m_store->insertTool(makeMcpTool(u"tool-1"_s)).has_value());
    QVERIFY(m_store->insertTool(makeBuiltinTool(u"tool-2"_s)).has_value());
    QVERIFY(m_store->insertInstruction(makeInstruction(u"inst-1"_s)).has_value());
    QVERIFY(m_store->insertAgent(makeAgent(u"agent-1"_s)).has_value());

    advance(1000);
    QVERIFY(m_store->softDeleteTool(u"tool-1"_s).has_value());
    QVERIFY(m_store->softDeleteInstruction(u"inst-1"_s).has_value());
    QVERIFY(m_store->softDeleteAgent(u"agent-1"_s).has_value());

    QCOMPARE(m_store->tools()->size(), 1);
    QCOMPARE(m_store->tools()->constFirst().toolId, u"tool-2"_s);
    QCOMPARE(m_store->tools(true)->size(), 2);
    QCOMPARE(m_store->tool(u"tool-1"_s).error().code, ErrorCode::NotFound);
    auto deleted = m_store->tool(u"tool-1"_s, true);
    QVERIFY(deleted.has_value());
    QVERIFY(deleted->isDeleted);
    QCOMPARE(deleted->deletedAt, m_now);
    QVERIFY(m_store->instructions()->isEmpty());
    QCOMPARE(m_store->instructions(true)->size(), 1);
    QCOMPARE(m_store->instruction(u"inst-1"_s).error().code, ErrorCode::NotFound);
    QVERIFY(m_store->agents()->isEmpty());
    QCOMPARE(m_store->agent(u"agent-1"_s).error().code, ErrorCode::NotFound);
    QVERIFY(m_store->agent(u"agent-1"_s, true)->isDeleted);

    // Deleting again, or updating a deleted row: NotFound.
    QCOMPARE(m_store->softDeleteTool(u"tool-1"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->updateTool(makeMcpTool(u"tool-1"_s)).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->updateInstruction(makeInstruction(u"inst-1"_s)).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->updateAgent(makeAgent(u"agent-1"_s)).error().code, ErrorCode::NotFound);
}

void AgentStoreTest::conflictsNotFoundAndInvalidValues()
{
    QVERIFY(m_store->insertTool(makeMcpTool(u"tool-1"_s)).has_value());
    auto again = m_store->insertTool(makeMcpTool(u"tool-1"_s));
    QVERIFY(!again.has_value());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(again.error().field, u"toolId"_s);
    // Ids are never reused, not even after a soft delete.
    QVERIFY(m_store->softDeleteTool(u"tool-1"_s).has_value());
    QCOMPARE(m_store->insertTool(makeMcpTool(u"tool-1"_s)).error().code, ErrorCode::Conflict);

    QVERIFY(m_store->insertInstruction(makeInstruction(u"inst-1"_s)).has_value());
    QCOMPARE(m_store->insertInstruction(makeInstruction(u"inst-1"_s)).error().code, ErrorCode::Conflict);
    QVERIFY(m_store->insertAgent(makeAgent(u"agent-1"_s)).has_value());
    QCOMPARE(m_store->insertAgent(makeAgent(u"agent-1"_s)).error().code, ErrorCode::Conflict);
    QVERIFY(m_store->insertConversation(makeConversation(u"conv-1"_s, u"agent-1"_s)).has_value());
    QCOMPARE(m_store->insertConversation(makeConversation(u"conv-1"_s, u"agent-1"_s)).error().code,
             ErrorCode::Conflict);
    QVERIFY(m_store->insertMessage(makeMessage(u"msg-1"_s, u"conv-1"_s, u"hi"_s)).has_value());
    QCOMPARE(m_store->insertMessage(makeMessage(u"msg-1"_s, u"conv-1"_s, u"hi"_s)).error().code, ErrorCode::Conflict);
    // The refused duplicate counted nothing.
    QCOMPARE(m_store->conversation(u"conv-1"_s)->messageCount, 1);
    QCOMPARE(m_store->agent(u"agent-1"_s)->conversationCount, 4);

    // NotFound.
    QCOMPARE(m_store->tool(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->instruction(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->agent(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->conversation(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->updateTool(makeMcpTool(u"nope"_s)).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->softDeleteAgent(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->softDeleteConversation(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->messages(u"nope"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_store->file(u"nope"_s).error().code, ErrorCode::NotFound);

    // Empty ids and values outside an enum: InvalidValue naming the field.
    QCOMPARE(m_store->insertTool(makeMcpTool({})).error().field, u"toolId"_s);
    QCOMPARE(m_store->insertTool(makeMcpTool({})).error().code, ErrorCode::InvalidValue);
    QCOMPARE(m_store->insertInstruction(makeInstruction(u" "_s)).error().code, ErrorCode::InvalidValue);
    QCOMPARE(m_store->insertAgent(makeAgent({})).error().code, ErrorCode::InvalidValue);
    QCOMPARE(m_store->tool({}).error().code, ErrorCode::InvalidValue);
    QCOMPARE(m_store->insertConversation(makeConversation({}, u"agent-1"_s)).error().code, ErrorCode::InvalidValue);
    QCOMPARE(m_store->insertMessage(makeMessage({}, u"conv-1"_s, u"x"_s)).error().code, ErrorCode::InvalidValue);
    StoredFile noId;
    noId.storageKey = u"k"_s;
    QCOMPARE(m_store->insertFile(noId).error().code, ErrorCode::InvalidValue);

    ToolRecord badType = makeMcpTool(u"tool-9"_s);
    badType.type = u"plugin"_s;
    QCOMPARE(m_store->insertTool(badType).error().field, u"type"_s);
    AgentRecord badPrivacy = makeAgent(u"agent-9"_s);
    badPrivacy.privacyMode = u"yolo"_s;
    auto refused = m_store->insertAgent(badPrivacy);
    QCOMPARE(refused.error().code, ErrorCode::InvalidValue);
    QCOMPARE(refused.error().field, u"privacyMode"_s);
    MessageRecord badSender = makeMessage(u"msg-9"_s, u"conv-1"_s, u"x"_s);
    badSender.senderType = u"tool"_s;
    QCOMPARE(m_store->insertMessage(badSender).error().field, u"senderType"_s);
    ConversationRecord badConversation = makeConversation(u"conv-9"_s, u"agent-1"_s);
    badConversation.status = u"closed"_s;
    QCOMPARE(m_store->insertConversation(badConversation).error().code, ErrorCode::InvalidValue);
}

void AgentStoreTest::conversationCountsOnAgent()
{
    QVERIFY(m_store->insertAgent(makeAgent(u"agent-1"_s)).has_value());
    ConversationRecord input = makeConversation(u"conv-1"_s, u"agent-1"_s);
    input.channel = u"web-sdk"_s;
    input.status = u"archived"_s;
    auto inserted = m_store->insertConversation(input);
    QVERIFY(inserted.has_value());
    ConversationRecord expected = input;
    expected.createdAt = kT0;
    expected.changedAt = kT0;
    QCOMPARE(*inserted, expected);
    QCOMPARE(*m_store->conversation(u"conv-1"_s), expected);
    QCOMPARE(m_store->agent(u"agent-1"_s)->conversationCount, 4);

    // An unknown or deleted agent: NotFound, and nothing is stored.
    auto orphan = m_store->insertConversation(makeConversation(u"conv-2"_s, u"ghost"_s));
    QVERIFY(!orphan.has_value());
    QCOMPARE(orphan.error().code, ErrorCode::NotFound);
    QCOMPARE(orphan.error().field, u"agentId"_s);
    QCOMPARE(m_store->conversation(u"conv-2"_s, true).error().code, ErrorCode::NotFound);
    QVERIFY(m_store->softDeleteAgent(u"agent-1"_s).has_value());
    QCOMPARE(m_store->insertConversation(makeConversation(u"conv-3"_s, u"agent-1"_s)).error().code,
             ErrorCode::NotFound);
    QCOMPARE(m_store->agent(u"agent-1"_s, true)->conversationCount, 4);
}

void AgentStoreTest::messageInsertBumpsCounts()
{
    QVERIFY(m_store->insertAgent(makeAgent(u"agent-1"_s)).has_value());
    QVERIFY(m_store->insertConversation(makeConversation(u"conv-1"_s, u"agent-1"_s)).has_value());

    advance(1000);
    MessageRecord user = makeMessage(u"msg-1"_s, u"conv-1"_s, u"Hallo — こんにちは 👋"_s);
    user.files = { FileRef { u"file-1"_s, u"/files/file-1"_s, u"Bericht ü.pdf"_s, u"application/pdf"_s, 4096 } };
    user.metadata = QJsonObject { { u"warnings"_s, QJsonArray { u"pii.masked"_s } } };
    auto stored = m_store->insertMessage(user);
    QVERIFY2(stored.has_value(), stored ? "" : qPrintable(stored.error().message));
    MessageRecord expected = user;
    expected.createdAt = m_now;
    expected.changedAt = m_now;
    QCOMPARE(*stored, expected);

    advance(2000);
    MessageRecord tool = makeMessage(u"msg-2"_s, u"conv-1"_s, {});
    tool.type = u"tool"_s;
    tool.senderType = u"agent"_s;
    tool.senderId = u"agent-1"_s;
    tool.toolName = u"forecast"_s;
    tool.toolInput = QJsonObject { { u"city"_s, u"Zürich"_s } };
    tool.toolOutput = QJsonObject { { u"tempC"_s, 21.5 }, { u"sky"_s, u"☀"_s } };
    tool.toolStatus = u"success"_s;
    tool.durationMs = 321;
    tool.thinking = u"Need the weather first."_s;
    tool.promptTokens = 40;
    tool.completionTokens = 12;
    auto storedTool = m_store->insertMessage(tool);
    QVERIFY(storedTool.has_value());
    MessageRecord expectedTool = tool;
    expectedTool.createdAt = m_now;
    expectedTool.changedAt = m_now;
    QCOMPARE(*storedTool, expectedTool);

    auto conversation = m_store->conversation(u"conv-1"_s);
    QVERIFY(conversation.has_value());
    QCOMPARE(conversation->messageCount, 2);
    QCOMPARE(conversation->lastMessageAt, m_now);
    QCOMPARE(m_store->agent(u"agent-1"_s)->messageCount, 7 + 2);

    auto all = m_store->messages(u"conv-1"_s);
    QVERIFY(all.has_value());
    QCOMPARE(*all, (QList<MessageRecord> { expected, expectedTool }));

    // Unknown conversation: NotFound, nothing counted.
    auto lost = m_store->insertMessage(makeMessage(u"msg-3"_s, u"conv-404"_s, u"?"_s));
    QVERIFY(!lost.has_value());
    QCOMPARE(lost.error().code, ErrorCode::NotFound);
    QCOMPARE(lost.error().field, u"conversationId"_s);
    QCOMPARE(m_store->agent(u"agent-1"_s)->messageCount, 9);
}

void AgentStoreTest::messagesLimitReturnsTheLastOldestFirst()
{
    QVERIFY(m_store->insertAgent(makeAgent(u"agent-1"_s)).has_value());
    QVERIFY(m_store->insertConversation(makeConversation(u"conv-1"_s, u"agent-1"_s)).has_value());
    for (int i = 1; i <= 6; ++i) {
        // Two messages share a timestamp: insertion order breaks the tie.
        if (i != 4)
            advance(10);
        QVERIFY(m_store->insertMessage(makeMessage(u"msg-%1"_s.arg(i), u"conv-1"_s, u"#%1"_s.arg(i))).has_value());
    }
    const auto ids = [](const QList<MessageRecord>& list) {
        QStringList out;
        for (const MessageRecord& m : list)
            out << m.messageId;
        return out;
    };
    QCOMPARE(ids(*m_store->messages(u"conv-1"_s)),
             (QStringList { u"msg-1"_s, u"msg-2"_s, u"msg-3"_s, u"msg-4"_s, u"msg-5"_s, u"msg-6"_s }));
    QCOMPARE(ids(*m_store->messages(u"conv-1"_s, 3)), (QStringList { u"msg-4"_s, u"msg-5"_s, u"msg-6"_s }));
    QCOMPARE(ids(*m_store->messages(u"conv-1"_s, 4)), (QStringList { u"msg-3"_s, u"msg-4"_s, u"msg-5"_s, u"msg-6"_s }));
    QCOMPARE(ids(*m_store->messages(u"conv-1"_s, 100)).size(), 6);
    QCOMPARE(m_store->conversation(u"conv-1"_s)->messageCount, 6);
}

void AgentStoreTest::softDeletedConversationHidesMessages()
{
    QVERIFY(m_store->insertAgent(makeAgent(u"agent-1"_s)).has_value());
    QVERIFY(m_store->insertConversation(makeConversation(u"conv-1"_s, u"agent-1"_s)).has_value());
    QVERIFY(m_store->insertMessage(makeMessage(u"msg-1"_s, u"conv-1"_s, u"a"_s)).has_value());
    QVERIFY(m_store->insertMessage(makeMessage(u"msg-2"_s, u"conv-1"_s, u"b"_s)).has_value());

    advance(500);
    QVERIFY(m_store->softDeleteConversation(u"conv-1"_s).has_value());
    QCOMPARE(m_store->conversation(u"conv-1"_s).error().code, ErrorCode::NotFound);
    QVERIFY(m_store->conversation(u"conv-1"_s, true)->isDeleted);
    QCOMPARE(m_store->conversation(u"conv-1"_s, true)->deletedAt, m_now);
    QVERIFY(m_store->conversations({})->isEmpty());
    QCOMPARE(m_store->messages(u"conv-1"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(scalar(u"SELECT count(*) FROM messages WHERE conversationId = 'conv-1' AND isDeleted = 1"_s).toInt(), 2);
    QCOMPARE(m_store->insertMessage(makeMessage(u"msg-3"_s, u"conv-1"_s, u"c"_s)).error().code, ErrorCode::NotFound);
}

void AgentStoreTest::tokenCountsOnlyAgentStoresNoText()
{
    AgentRecord quiet = makeAgent(u"agent-q"_s);
    quiet.tokenCountsOnly = true;
    QVERIFY(m_store->insertAgent(quiet).has_value());
    QVERIFY(m_store->insertConversation(makeConversation(u"conv-q"_s, u"agent-q"_s)).has_value());
    MessageRecord m = makeMessage(u"msg-q"_s, u"conv-q"_s, u"my secret plan"_s);
    m.thinking = u"private reasoning"_s;
    m.toolInput = QJsonObject { { u"q"_s, u"secret"_s } };
    m.toolOutput = QJsonObject { { u"a"_s, u"secret"_s } };
    m.promptTokens = 5;
    m.completionTokens = 6;
    auto stored = m_store->insertMessage(m);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->content, QString());
    QCOMPARE(stored->thinking, QString());
    QVERIFY(stored->toolInput.isEmpty());
    QVERIFY(stored->toolOutput.isEmpty());
    QCOMPARE(stored->promptTokens, 5);
    QCOMPARE(stored->completionTokens, 6);
    QCOMPARE(scalar(u"SELECT count(*) FROM messages WHERE content LIKE '%secret%' OR thinking <> '' OR toolInput "
                    "LIKE '%secret%' OR toolOutput LIKE '%secret%'"_s)
                 .toInt(),
             0);
}

void AgentStoreTest::batchStoresPreparedMessagesAndSkipsBadOnes()
{
    AgentRecord agent = makeAgent(u"agent-1"_s);
    QVERIFY(m_store->insertAgent(agent).has_value());
    AgentRecord quiet = makeAgent(u"agent-q"_s);
    quiet.tokenCountsOnly = true;
    QVERIFY(m_store->insertAgent(quiet).has_value());
    QVERIFY(m_store->insertConversation(makeConversation(u"conv-1"_s, u"agent-1"_s)).has_value());
    QVERIFY(m_store->insertConversation(makeConversation(u"conv-q"_s, u"agent-q"_s)).has_value());
    QVERIFY(m_store->insertMessage(makeMessage(u"msg-old"_s, u"conv-1"_s, u"stored before"_s)).has_value());

    // prepareMessage builds the stored record without a write: stamps, and the same checks.
    advance(1000);
    auto first = m_store->prepareMessage(makeMessage(u"msg-1"_s, u"conv-1"_s, u"one"_s));
    QVERIFY(first.has_value());
    QCOMPARE(first->createdAt, m_now);
    QCOMPARE(first->changedAt, m_now);
    QCOMPARE(m_store->prepareMessage(makeMessage(u""_s, u"conv-1"_s, u"x"_s)).error().code, ErrorCode::InvalidValue);
    MessageRecord negative = makeMessage(u"msg-n"_s, u"conv-1"_s, u"x"_s);
    negative.promptTokens = -1;
    QCOMPARE(m_store->prepareMessage(negative).error().code, ErrorCode::OutOfRange);
    QCOMPARE(m_store->messageExists(u"msg-1"_s).value(), false);
    QCOMPARE(m_store->messageExists(u"msg-old"_s).value(), true);

    advance(10);
    auto second = m_store->prepareMessage(makeMessage(u"msg-2"_s, u"conv-1"_s, u"two"_s));
    auto secret = m_store->prepareMessage(makeMessage(u"msg-q"_s, u"conv-q"_s, u"a secret"_s));
    auto reused = m_store->prepareMessage(makeMessage(u"msg-old"_s, u"conv-1"_s, u"again"_s));
    auto orphan = m_store->prepareMessage(makeMessage(u"msg-o"_s, u"conv-404"_s, u"lost"_s));
    QVERIFY(second && secret && reused && orphan);
    auto batch = m_store->insertMessages({ *first, *reused, *second, *orphan, *secret },
                                         { { u"agent-1"_s, 100, 20 }, { u"ghost"_s, 1, 1 } });
    QVERIFY2(batch.has_value(), batch ? "" : qPrintable(batch.error().message));
    QCOMPARE(batch->stored, 3);
    QCOMPARE(batch->skipped.size(), 2);
    QCOMPARE(batch->skipped.at(0).messageId, u"msg-old"_s);
    QCOMPARE(batch->skipped.at(0).error.code, ErrorCode::Conflict);
    QCOMPARE(batch->skipped.at(1).messageId, u"msg-o"_s);
    QCOMPARE(batch->skipped.at(1).error.code, ErrorCode::NotFound);

    // What was read back is what was prepared; counters as insertMessage keeps them.
    auto all = m_store->messages(u"conv-1"_s);
    QVERIFY(all.has_value());
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(0).content, u"stored before"_s);
    QCOMPARE(all->at(1), *first);
    QCOMPARE(all->at(2), *second);
    QCOMPARE(m_store->conversation(u"conv-1"_s)->messageCount, 3);
    QCOMPARE(m_store->conversation(u"conv-1"_s)->lastMessageAt, second->createdAt);
    QCOMPARE(m_store->agent(u"agent-1"_s)->messageCount, agent.messageCount + 3);
    QCOMPARE(m_store->agent(u"agent-1"_s)->promptTokens, agent.promptTokens + 100);
    QCOMPARE(m_store->agent(u"agent-1"_s)->completionTokens, agent.completionTokens + 20);
    QCOMPARE(m_store->messages(u"conv-q"_s)->first().content, QString()); // token counts only
    QCOMPARE(m_store->agent(u"agent-q"_s)->messageCount, quiet.messageCount + 1);

    // A batch that fails as a whole stores nothing (and can be given again).
    auto third = m_store->prepareMessage(makeMessage(u"msg-3"_s, u"conv-1"_s, u"three"_s));
    QVERIFY(execSql(u"CREATE TRIGGER refuse BEFORE INSERT ON messages WHEN NEW.content = 'boom' "
                    "BEGIN SELECT RAISE(ABORT, 'refused'); END"_s));
    auto boom = m_store->prepareMessage(makeMessage(u"msg-b"_s, u"conv-1"_s, u"boom"_s));
    auto failed = m_store->insertMessages({ *third, *boom }, { { u"agent-1"_s, 5, 5 } });
    QVERIFY(!failed.has_value());
    QCOMPARE(failed.error().code, ErrorCode::StoreError);
    QCOMPARE(m_store->messageExists(u"msg-3"_s).value(), false);
    QCOMPARE(m_store->agent(u"agent-1"_s)->promptTokens, agent.promptTokens + 100);
    QVERIFY(execSql(u"DROP TRIGGER refuse"_s));
    QCOMPARE(m_store->insertMessages({ *third, *boom }, { { u"agent-1"_s, 5, 5 } })->stored, 2);
    QCOMPARE(m_store->conversation(u"conv-1"_s)->messageCount, 5);
}

void AgentStoreTest::conversationsOrderAndFilters()
{
    QVERIFY(m_store->insertAgent(makeAgent(u"agent-1"_s)).has_value());
    QVERIFY(m_store->insertAgent(makeAgent(u"agent-2"_s)).has_value());
    // c1 oldest, c2, c3 newest by creation; then a message in c1 makes it the most recent.
    QVERIFY(m_store->insertConversation(makeConversation(u"c1"_s, u"agent-1"_s, u"alice"_s)).has_value());
    advance(100);
    QVERIFY(m_store->insertConversation(makeConversation(u"c2"_s, u"agent-1"_s, u"bob"_s)).has_value());
    advance(100);
    ConversationRecord other = makeConversation(u"c3"_s, u"agent-2"_s, u"alice"_s);
    other.orgId = u"org-2"_s;
    QVERIFY(m_store->insertConversation(other).has_value());
    const auto ids = [this](const ConversationQuery& query) {
        QStringList out;
        const auto list = m_store->conversations(query);
        if (!list)
            return QStringList { u"error: "_s + list.error().message };
        for (const ConversationRecord& c : *list)
            out << c.conversationId;
        return out;
    };
    QCOMPARE(ids({}), (QStringList { u"c3"_s, u"c2"_s, u"c1"_s }));
    advance(100);
    QVERIFY(m_store->insertMessage(makeMessage(u"m1"_s, u"c1"_s, u"bump"_s)).has_value());
    QCOMPARE(ids({}), (QStringList { u"c1"_s, u"c3"_s, u"c2"_s }));

    QCOMPARE(ids({ u"agent-1"_s, {}, {}, 200 }), (QStringList { u"c1"_s, u"c2"_s }));
    QCOMPARE(ids({ {}, u"alice"_s, {}, 200 }), (QStringList { u"c1"_s, u"c3"_s }));
    QCOMPARE(ids({ {}, {}, u"org-2"_s, 200 }), (QStringList { u"c3"_s }));
    QCOMPARE(ids({ u"agent-1"_s, u"alice"_s, u"org-1"_s, 200 }), (QStringList { u"c1"_s }));
    QCOMPARE(ids({ {}, {}, {}, 2 }), (QStringList { u"c1"_s, u"c3"_s }));
    QCOMPARE(ids({ {}, {}, {}, 0 }).size(), 3);
    QCOMPARE(ids({ u"agent-404"_s, {}, {}, 200 }), QStringList());
}

void AgentStoreTest::agentsUsingToolAndInstruction()
{
    AgentRecord a1 = makeAgent(u"agent-1"_s);
    a1.tools = { u"tool-1"_s, u"tool-2"_s };
    a1.instructionId = u"inst-1"_s;
    AgentRecord a2 = makeAgent(u"agent-2"_s);
    a2.tools = { u"tool-2"_s };
    a2.instructionId = u"inst-2"_s;
    AgentRecord a3 = makeAgent(u"agent-3"_s);
    a3.tools = { u"tool-10"_s }; // a prefix of nothing: tool-1 must not match tool-10
    a3.instructionId = u"inst-1"_s;
    QVERIFY(m_store->insertAgent(a1).has_value());
    advance(1);
    QVERIFY(m_store->insertAgent(a2).has_value());
    advance(1);
    QVERIFY(m_store->insertAgent(a3).has_value());

    const auto ids = [](const Result<QList<AgentRecord>>& list) {
        QStringList out;
        if (!list)
            return QStringList { u"error: "_s + list.error().message };
        for (const AgentRecord& a : *list)
            out << a.agentId;
        return out;
    };
    QCOMPARE(ids(m_store->agentsUsingTool(u"tool-1"_s)), (QStringList { u"agent-1"_s }));
    QCOMPARE(ids(m_store->agentsUsingTool(u"tool-2"_s)), (QStringList { u"agent-1"_s, u"agent-2"_s }));
    QCOMPARE(ids(m_store->agentsUsingTool(u"tool-3"_s)), QStringList());
    QCOMPARE(ids(m_store->agentsUsingInstruction(u"inst-1"_s)), (QStringList { u"agent-1"_s, u"agent-3"_s }));

    // Deleted agents do not hold a tool or an instruction any more.
    QVERIFY(m_store->softDeleteAgent(u"agent-1"_s).has_value());
    QCOMPARE(ids(m_store->agentsUsingTool(u"tool-2"_s)), (QStringList { u"agent-2"_s }));
    QCOMPARE(ids(m_store->agentsUsingInstruction(u"inst-1"_s)), (QStringList { u"agent-3"_s }));
    QCOMPARE(m_store->agentsUsingTool({}).error().code, ErrorCode::InvalidValue);
}

void AgentStoreTest::filesRoundTripAndOrder()
{
    StoredFile first;
    first.ref = FileRef { u"file-1"_s, u"/files/file-1"_s, u"Übersicht 日本.png"_s, u"image/png"_s, 123456 };
    first.storageKey = u"objects/ab/cdef"_s;
    first.sha256 = u"ab"_s.repeated(32);
    first.orgId = u"org-1"_s;
    first.userId = u"user-1"_s;
    auto stored = m_store->insertFile(first);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->ref, first.ref);
    QCOMPARE(stored->storageKey, first.storageKey);
    QCOMPARE(stored->sha256, first.sha256);
    QCOMPARE(stored->orgId, u"org-1"_s);
    QCOMPARE(stored->userId, u"user-1"_s);
    QCOMPARE(stored->createdAt, kT0);

    advance(10);
    StoredFile second = first;
    second.ref.fileId = u"file-2"_s;
    second.ref.url.clear(); // the store derives it
    second.orgId = u"org-2"_s;
    QCOMPARE(m_store->insertFile(second)->ref.url, u"/files/file-2"_s);
    advance(10);
    StoredFile third = first;
    third.ref.fileId = u"file-3"_s;
    QVERIFY(m_store->insertFile(third).has_value());
    QCOMPARE(m_store->insertFile(third).error().code, ErrorCode::Conflict);
    StoredFile negative = first;
    negative.ref.fileId = u"file-4"_s;
    negative.ref.size = -1;
    QCOMPARE(m_store->insertFile(negative).error().code, ErrorCode::OutOfRange);

    const auto ids = [](const Result<QList<StoredFile>>& list) {
        QStringList out;
        for (const StoredFile& f : *list)
            out << f.ref.fileId;
        return out;
    };
    QCOMPARE(ids(m_store->files({})), (QStringList { u"file-3"_s, u"file-2"_s, u"file-1"_s }));
    QCOMPARE(ids(m_store->files(u"org-1"_s)), (QStringList { u"file-3"_s, u"file-1"_s }));

    QVERIFY(execSql(u"UPDATE files SET isDeleted = 1 WHERE fileId = 'file-3'"_s));
    QCOMPARE(m_store->file(u"file-3"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(ids(m_store->files(u"org-1"_s)), (QStringList { u"file-1"_s }));
}

void AgentStoreTest::jsonSpellingAndNoSecrets()
{
    auto agent = m_store->insertAgent(makeAgent(u"agent-1"_s));
    QVERIFY(agent.has_value());
    const QJsonObject a = agent->toJson();
    QCOMPARE(a.value(u"agentId"_s).toString(), u"agent-1"_s);
    QCOMPARE(a.value(u"roomId"_s).toString(), u"room:agent-agent-1"_s);
    QCOMPARE(a.value(u"status"_s).toString(), u"running"_s);
    QCOMPARE(a.value(u"privacyMode"_s).toString(), u"allow-api"_s);
    QCOMPARE(a.value(u"tokenCountsOnly"_s).toBool(), false);
    QCOMPARE(a.value(u"conversationCount"_s).toInteger(), 3);
    QCOMPARE(a.value(u"messageCount"_s).toInteger(), 7);
    QCOMPARE(a.value(u"createdAt"_s).toString(), u"2026-03-01T12:00:00.125Z"_s);
    QVERIFY(!a.contains(u"deletedAt"_s));
    QCOMPARE(a.value(u"owner"_s).toObject(),
             (QJsonObject { { u"orgId"_s, u"org-1"_s }, { u"userId"_s, u"user-1"_s } }));
    const QJsonObject llm = a.value(u"llmModel"_s).toObject();
    QCOMPARE(llm.value(u"provider"_s).toString(), u"anthropic"_s);
    QCOMPARE(llm.value(u"modelName"_s).toString(), u"claude-x"_s);
    QCOMPARE(llm.value(u"hasApiKey"_s).toBool(), true);
    QVERIFY(!llm.contains(u"apiKeySecret"_s));
    const QByteArray agentText = QJsonDocument(a).toJson(QJsonDocument::Compact);
    QVERIFY(!agentText.contains("agent-agent-1-api-key"));
    QVERIFY(agent->llmModel.isCloud());
    QVERIFY(!LlmModelRef {}.isCloud());
    QCOMPARE(LlmModelRef {}.toJson().value(u"hasApiKey"_s).toBool(true), false);
    // A client cannot point an agent at a keychain entry.
    QJsonObject fromClient = llm;
    fromClient.insert(u"apiKeySecret"_s, u"someone-elses-key"_s);
    QCOMPARE(LlmModelRef::fromJson(fromClient).apiKeySecret, QString());
    QCOMPARE(LlmModelRef::fromJson(fromClient).provider, u"anthropic"_s);

    auto tool = m_store->insertTool(makeMcpTool(u"tool-1"_s));
    QVERIFY(tool.has_value());
    const QJsonObject t = tool->toJson();
    QCOMPARE(t.value(u"schema"_s).toObject().keys(), (QStringList { u"inputSchema"_s, u"outputSchema"_s }));
    QCOMPARE(t.value(u"discoveredTools"_s).toArray().size(), 2);
    QCOMPARE(t.value(u"discoveredTools"_s).toArray().at(0).toObject().value(u"name"_s).toString(), u"forecast"_s);
    QCOMPARE(DiscoveredTool::fromJson(t.value(u"discoveredTools"_s).toArray().at(0).toObject()),
             tool->discovered.at(0));
    QCOMPARE(t.value(u"transport"_s).toString(), u"sse"_s);
    QCOMPARE(t.value(u"lastHealthCheck"_s).toString(), u"2026-03-01T11:59:30.125Z"_s);
    const QJsonObject env = t.value(u"environment"_s).toObject();
    QCOMPARE(env.value(u"REGION"_s).toString(), u"eu-west"_s);
    QVERIFY(env.contains(u"API_KEY"_s));
    QVERIFY(!QJsonDocument(t).toJson().contains("sk-very-secret"));

    InstructionRecord instruction = makeInstruction(u"inst-1"_s);
    const QJsonObject i = instruction.toJson();
    QCOMPARE(i.value(u"guidelines"_s).toArray().size(), 2);
    QCOMPARE(i.value(u"isActive"_s).toBool(true), false);
    QVERIFY(!i.contains(u"createdAt"_s)); // null dates are left out

    MessageRecord m = makeMessage(u"msg-1"_s, u"conv-1"_s, u"hi"_s);
    m.files = { FileRef { u"f"_s, u"/files/f"_s, u"a.txt"_s, u"text/plain"_s, 3 } };
    const QJsonObject mj = m.toJson();
    QCOMPARE(mj.value(u"senderType"_s).toString(), u"user"_s);
    QCOMPARE(FileRef::fromJson(mj.value(u"files"_s).toArray().at(0).toObject()), m.files.at(0));
    QVERIFY(!mj.contains(u"toolName"_s));

    ConversationRecord c = makeConversation(u"conv-1"_s, u"agent-1"_s);
    c.lastMessageAt = kT0;
    const QJsonObject cj = c.toJson();
    QCOMPARE(cj.value(u"lastMessageAt"_s).toString(), u"2026-03-01T12:00:00.125Z"_s);
    QCOMPARE(cj.value(u"owner"_s).toObject().value(u"userId"_s).toString(), u"user-1"_s);
}

void AgentStoreTest::tamperedJsonColumnIsStoreError()
{
    QVERIFY(m_store->insertTool(makeMcpTool(u"tool-1"_s)).has_value());
    QVERIFY(m_store->insertInstruction(makeInstruction(u"inst-1"_s)).has_value());
    QVERIFY(m_store->insertAgent(makeAgent(u"agent-1"_s)).has_value());
    QVERIFY(m_store->insertConversation(makeConversation(u"conv-1"_s, u"agent-1"_s)).has_value());
    QVERIFY(m_store->insertMessage(makeMessage(u"msg-1"_s, u"conv-1"_s, u"hi"_s)).has_value());

    QVERIFY(execSql(u"UPDATE tools SET environment = '{not json' WHERE toolId = 'tool-1'"_s));
    auto tool = m_store->tool(u"tool-1"_s);
    QVERIFY(!tool.has_value());
    QCOMPARE(tool.error().code, ErrorCode::StoreError);
    QCOMPARE(tool.error().field, u"environment"_s);
    QCOMPARE(m_store->tools().error().code, ErrorCode::StoreError);

    QVERIFY(execSql(u"UPDATE tools SET environment = '{}', discoveredTools = '[1, 2]' WHERE toolId = 'tool-1'"_s));
    QCOMPARE(m_store->tool(u"tool-1"_s).error().field, u"discoveredTools"_s);

    QVERIFY(execSql(u"UPDATE instructions SET guidelines = '{\"a\": 1}'"_s));
    QCOMPARE(m_store->instruction(u"inst-1"_s).error().code, ErrorCode::StoreError);
    QCOMPARE(m_store->instructions().error().code, ErrorCode::StoreError);

    QVERIFY(execSql(u"UPDATE agents SET tools = '[\"tool-1\", 7]'"_s));
    QCOMPARE(m_store->agent(u"agent-1"_s).error().code, ErrorCode::StoreError);
    QCOMPARE(m_store->agentsUsingTool(u"tool-1"_s).error().code, ErrorCode::StoreError);

    QVERIFY(execSql(u"UPDATE messages SET metadata = 'garbage'"_s));
    auto messages = m_store->messages(u"conv-1"_s);
    QVERIFY(!messages.has_value());
    QCOMPARE(messages.error().code, ErrorCode::StoreError);
    QCOMPARE(messages.error().field, u"metadata"_s);

    // A valid row still reads after the bad one is fixed.
    QVERIFY(execSql(u"UPDATE messages SET metadata = '{}'"_s));
    QCOMPARE(m_store->messages(u"conv-1"_s)->size(), 1);
}

QTEST_GUILESS_MAIN(AgentStoreTest)
#include "AgentStoreTest.moc"
