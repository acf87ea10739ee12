#include "core/agents/AgentStore.h"

#include "core/store/Database.h"
#include "core/store/WriteTransaction.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <optional>

namespace aiops::agents {

using namespace Qt::StringLiterals;

namespace {

QString iso(const QDateTime& dt)
{
    return dt.toUTC().toString(Qt::ISODateWithMs);
}

QVariant isoOrNull(const QDateTime& dt)
{
    return dt.isValid() ? QVariant(iso(dt)) : QVariant();
}

// NOT NULL text columns: a null QString would bind as SQL NULL.
QVariant text(const QString& value)
{
    return value.isNull() ? QVariant(u""_s) : QVariant(value);
}

QDateTime fromIso(const QVariant& v)
{
    if (v.isNull())
        return {};
    QDateTime dt = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return dt.isValid() ? dt.toUTC() : dt;
}

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonArray& a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

std::unexpected<Error> sqlError(const QSqlQuery& q, const QString& what)
{
    return std::unexpected(Error { ErrorCode::StoreError, u"%1: %2"_s.arg(what, q.lastError().text()) });
}

std::unexpected<Error> emptyId(const QString& field)
{
    return makeError(ErrorCode::InvalidValue, u"%1 is empty"_s.arg(field), field);
}

Result<void> oneOf(const QString& value, const QStringList& allowed, const QString& field)
{
    if (!allowed.contains(value))
        return makeError(
            ErrorCode::InvalidValue, u"%1 \"%2\" is not one of %3"_s.arg(field, value, allowed.join(u", "_s)), field);
    return {};
}

// Reads JSON text columns of one row; the first failure sticks and names the column.
class JsonColumns final
{
public:
    JsonColumns(const QSqlQuery& q, QString what)
        : m_q(q)
        , m_what(std::move(what))
    {
    }

    QJsonObject object(const QString& column)
    {
        const QJsonDocument doc = parse(column);
        if (!m_error && !doc.isObject())
            fail(column, u"is not a JSON object"_s);
        return doc.object();
    }

    QJsonArray array(const QString& column)
    {
        const QJsonDocument doc = parse(column);
        if (!m_error && !doc.isArray())
            fail(column, u"is not a JSON array"_s);
        return doc.array();
    }

    QStringList strings(const QString& column)
    {
        QStringList out;
        for (const QJsonValue& v : array(column)) {
            if (!v.isString()) {
                fail(column, u"holds a value that is not a string"_s);
                return {};
            }
            out.append(v.toString());
        }
        return out;
    }

    QMap<QString, QString> stringMap(const QString& column)
    {
        QMap<QString, QString> out;
        const QJsonObject o = object(column);
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().isString()) {
                fail(column, u"holds a value that is not a string"_s);
                return {};
            }
            out.insert(it.key(), it.value().toString());
        }
        return out;
    }

    // Objects of an array column, each read with `read`.
    template<typename T, typename Read> QList<T> objects(const QString& column, Read read)
    {
        QList<T> out;
        for (const QJsonValue& v : array(column)) {
            if (!v.isObject()) {
                fail(column, u"holds a value that is not a JSON object"_s);
                return {};
            }
            out.append(read(v.toObject()));
        }
        return out;
    }

    // StoreError for the first bad column, if any.
    Result<void> result() const
    {
        if (m_error)
            return std::unexpected(*m_error);
        return {};
    }

private:
    QJsonDocument parse(const QString& column)
    {
        if (m_error)
            return {};
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(m_q.value(column).toString().toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            fail(column, u"is not valid JSON (%1)"_s.arg(parseError.errorString()));
        return doc;
    }

    void fail(const QString& column, const QString& why)
    {
        if (!m_error)
            m_error = Error { ErrorCode::StoreError, u"%1: column %2 %3"_s.arg(m_what, column, why), column };
    }

    const QSqlQuery& m_q;
    QString m_what;
    std::optional<Error> m_error;
};

// Runs a prepared query and reads every row with `read`.
template<typename T, typename Read> Result<QList<T>> readAll(QSqlQuery& q, const QString& what, Read read)
{
    if (!q.exec())
        return sqlError(q, what);
    QList<T> out;
    while (q.next()) {
        auto row = read(q);
        if (!row)
            return std::unexpected(row.error());
        out.append(std::move(*row));
    }
    return out;
}

// One row by primary key: NotFound (naming `noun`) unless it exists (live, unless includeDeleted).
template<typename T, typename Read>
Result<T> readOne(QSqlDatabase& db,
                  const QString& table,
                  const QString& idColumn,
                  const QString& id,
                  bool includeDeleted,
                  const QString& noun,
                  Read read)
{
    if (id.trimmed().isEmpty())
        return emptyId(idColumn);
    QSqlQuery q(db);
    q.prepare(
        u"SELECT * FROM %1 WHERE %2 = :id%3"_s.arg(table, idColumn, includeDeleted ? u""_s : u" AND isDeleted = 0"_s));
    q.bindValue(u":id"_s, id);
    if (!q.exec())
        return sqlError(q, u"read "_s + noun);
    if (!q.next())
        return makeError(ErrorCode::NotFound, u"no %1 %2"_s.arg(noun, id), idColumn);
    return read(q);
}

// Conflict when a row with this id exists, deleted ones included.
Result<void>
ensureUnused(QSqlDatabase& db, const QString& table, const QString& idColumn, const QString& id, const QString& noun)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT 1 FROM %1 WHERE %2 = :id"_s.arg(table, idColumn));
    q.bindValue(u":id"_s, id);
    if (!q.exec())
        return sqlError(q, u"read "_s + noun);
    if (q.next())
        return makeError(ErrorCode::Conflict, u"%1 %2 already exists"_s.arg(noun, id), idColumn);
    return {};
}

Result<void> softDelete(QSqlDatabase& db,
                        const QString& table,
                        const QString& idColumn,
                        const QString& id,
                        const QString& noun,
                        const QString& at)
{
    if (id.trimmed().isEmpty())
        return emptyId(idColumn);
    QSqlQuery q(db);
    q.prepare(u"UPDATE %1 SET isDeleted = 1, deletedAt = :now, changedAt = :now WHERE %2 = :id AND isDeleted = 0"_s.arg(
        table, idColumn));
    q.bindValue(u":now"_s, at);
    q.bindValue(u":id"_s, id);
    if (!q.exec())
        return sqlError(q, u"delete "_s + noun);
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no %1 %2"_s.arg(noun, id), idColumn);
    return {};
}

Result<void> checkUpdated(const QSqlQuery& q, const QString& noun, const QString& id, const QString& idColumn)
{
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no %1 %2"_s.arg(noun, id), idColumn);
    return {};
}

void readAudit(const QSqlQuery& q,
               QString& orgId,
               QString& userId,
               QDateTime& createdAt,
               QDateTime& changedAt,
               QDateTime& deletedAt,
               bool& isDeleted)
{
    orgId = q.value(u"ownerOrgId"_s).toString();
    userId = q.value(u"ownerUserId"_s).toString();
    createdAt = fromIso(q.value(u"createdAt"_s));
    changedAt = fromIso(q.value(u"changedAt"_s));
    deletedAt = fromIso(q.value(u"deletedAt"_s));
    isDeleted = q.value(u"isDeleted"_s).toBool();
}

// --- tools ---

const QStringList kToolTypes { u"mcp"_s, u"builtin"_s };
const QStringList kToolStatuses { u"active"_s, u"inactive"_s, u"error"_s };
const QStringList kTransports { u"http"_s, u"sse"_s };
const QStringList kAgentStatuses { u"stopped"_s, u"starting"_s, u"running"_s, u"error"_s };
const QStringList kPrivacyModes { u"local-only"_s, u"allow-api"_s, u"hybrid"_s };
const QStringList kAgentRuntimes { u"process"_s, u"container"_s };
const QStringList kConversationStatuses { u"active"_s, u"archived"_s };
const QStringList kMessageTypes { u"user"_s, u"agent"_s, u"system"_s, u"tool"_s };
const QStringList kSenderTypes { u"user"_s, u"agent"_s, u"system"_s };

Result<void> validateTool(const ToolRecord& t)
{
    if (t.toolId.trimmed().isEmpty())
        return emptyId(u"toolId"_s);
    if (auto r = oneOf(t.type, kToolTypes, u"type"_s); !r)
        return r;
    if (auto r = oneOf(t.status, kToolStatuses, u"status"_s); !r)
        return r;
    if (t.type == u"mcp"_s || !t.transport.isEmpty()) {
        if (auto r = oneOf(t.transport, kTransports, u"transport"_s); !r)
            return r;
    }
    return {};
}

Result<ToolRecord> readTool(const QSqlQuery& q)
{
    ToolRecord t;
    t.toolId = q.value(u"toolId"_s).toString();
    JsonColumns json(q, u"tool %1"_s.arg(t.toolId));
    t.name = q.value(u"name"_s).toString();
    t.type = q.value(u"type"_s).toString();
    t.description = q.value(u"description"_s).toString();
    t.category = q.value(u"category"_s).toString();
    t.transport = q.value(u"transport"_s).toString(); // NULL (built-in) reads as empty
    t.endpoint = q.value(u"endpoint"_s).toString();
    t.dockerImage = q.value(u"dockerImage"_s).toString();
    t.containerId = q.value(u"containerId"_s).toString();
    t.port = q.value(u"port"_s).toInt();
    t.environment = json.stringMap(u"environment"_s);
    t.healthEndpoint = q.value(u"healthEndpoint"_s).toString();
    t.lastHealthCheck = fromIso(q.value(u"lastHealthCheck"_s));
    t.lastError = q.value(u"lastError"_s).toString();
    t.status = q.value(u"status"_s).toString();
    t.inputSchema = json.object(u"inputSchema"_s);
    t.outputSchema = json.object(u"outputSchema"_s);
    t.discovered = json.objects<DiscoveredTool>(u"discoveredTools"_s, &DiscoveredTool::fromJson);
    t.scope = q.value(u"scope"_s).toString();
    t.allowedOrgs = json.strings(u"allowedOrgs"_s);
    readAudit(q, t.orgId, t.userId, t.createdAt, t.changedAt, t.deletedAt, t.isDeleted);
    if (auto r = json.result(); !r)
        return std::unexpected(r.error());
    return t;
}

void bindTool(QSqlQuery& q, const ToolRecord& t)
{
    QJsonObject env;
    for (auto it = t.environment.cbegin(); it != t.environment.cend(); ++it)
        env.insert(it.key(), it.value());
    QJsonArray discovered;
    for (const DiscoveredTool& d : t.discovered)
        discovered.append(d.toJson());
    q.bindValue(u":id"_s, t.toolId);
    q.bindValue(u":name"_s, text(t.name));
    q.bindValue(u":type"_s, t.type);
    q.bindValue(u":description"_s, text(t.description));
    q.bindValue(u":category"_s, text(t.category));
    q.bindValue(u":transport"_s, t.transport.isEmpty() ? QVariant() : QVariant(t.transport));
    q.bindValue(u":endpoint"_s, text(t.endpoint));
    q.bindValue(u":dockerImage"_s, text(t.dockerImage));
    q.bindValue(u":containerId"_s, text(t.containerId));
    q.bindValue(u":port"_s, t.port);
    q.bindValue(u":environment"_s, compact(env));
    q.bindValue(u":healthEndpoint"_s, text(t.healthEndpoint));
    q.bindValue(u":lastHealthCheck"_s, isoOrNull(t.lastHealthCheck));
    q.bindValue(u":lastError"_s, text(t.lastError));
    q.bindValue(u":status"_s, t.status);
    q.bindValue(u":inputSchema"_s, compact(t.inputSchema));
    q.bindValue(u":outputSchema"_s, compact(t.outputSchema));
    q.bindValue(u":discovered"_s, compact(discovered));
    q.bindValue(u":scope"_s, text(t.scope));
    q.bindValue(u":allowedOrgs"_s, compact(QJsonArray::fromStringList(t.allowedOrgs)));
    q.bindValue(u":org"_s, text(t.orgId));
    q.bindValue(u":user"_s, text(t.userId));
}

// --- instructions ---

Result<InstructionRecord> readInstruction(const QSqlQuery& q)
{
    InstructionRecord i;
    i.instructionId = q.value(u"instructionId"_s).toString();
    JsonColumns json(q, u"instruction %1"_s.arg(i.instructionId));
    i.name = q.value(u"name"_s).toString();
    i.description = q.value(u"description"_s).toString();
    i.systemPrompt = q.value(u"systemPrompt"_s).toString();
    i.guidelines = json.strings(u"guidelines"_s);
    i.tags = json.strings(u"tags"_s);
    i.isActive = q.value(u"isActive"_s).toBool();
    readAudit(q, i.orgId, i.userId, i.createdAt, i.changedAt, i.deletedAt, i.isDeleted);
    if (auto r = json.result(); !r)
        return std::unexpected(r.error());
    return i;
}

void bindInstruction(QSqlQuery& q, const InstructionRecord& i)
{
    q.bindValue(u":id"_s, i.instructionId);
    q.bindValue(u":name"_s, text(i.name));
    q.bindValue(u":description"_s, text(i.description));
    q.bindValue(u":systemPrompt"_s, text(i.systemPrompt));
    q.bindValue(u":guidelines"_s, compact(QJsonArray::fromStringList(i.guidelines)));
    q.bindValue(u":tags"_s, compact(QJsonArray::fromStringList(i.tags)));
    q.bindValue(u":isActive"_s, i.isActive ? 1 : 0);
    q.bindValue(u":org"_s, text(i.orgId));
    q.bindValue(u":user"_s, text(i.userId));
}

// --- agents ---

Result<void> validateAgent(const AgentRecord& a)
{
    if (a.agentId.trimmed().isEmpty())
        return emptyId(u"agentId"_s);
    if (auto r = oneOf(a.status, kAgentStatuses, u"status"_s); !r)
        return r;
    if (auto r = oneOf(a.privacyMode, kPrivacyModes, u"privacyMode"_s); !r)
        return r;
    if (auto r = oneOf(a.runtime, kAgentRuntimes, u"runtime"_s); !r)
        return r;
    return {};
}

Result<AgentRecord> readAgent(const QSqlQuery& q)
{
    AgentRecord a;
    a.agentId = q.value(u"agentId"_s).toString();
    JsonColumns json(q, u"agent %1"_s.arg(a.agentId));
    a.name = q.value(u"name"_s).toString();
    a.description = q.value(u"description"_s).toString();
    a.llmModel.deploymentId = q.value(u"llmDeploymentId"_s).toString();
    a.llmModel.provider = q.value(u"llmProvider"_s).toString();
    a.llmModel.modelName = q.value(u"llmModelName"_s).toString();
    a.llmModel.endpoint = q.value(u"llmEndpoint"_s).toString();
    a.llmModel.apiKeySecret = q.value(u"llmApiKeySecret"_s).toString();
    a.instructionId = q.value(u"instructionId"_s).toString();
    a.instructionOverride = q.value(u"instructionOverride"_s).toString();
    a.tools = json.strings(u"tools"_s);
    a.workingDirectory = q.value(u"workingDirectory"_s).toString();
    a.privacyMode = q.value(u"privacyMode"_s).toString();
    a.tokenCountsOnly = q.value(u"tokenCountsOnly"_s).toBool();
    a.containerId = q.value(u"containerId"_s).toString();
    a.runtime = q.value(u"runtime"_s).toString();
    a.status = q.value(u"status"_s).toString();
    a.lastError = q.value(u"lastError"_s).toString();
    a.websocketConnected = q.value(u"websocketConnected"_s).toBool();
    a.conversationCount = q.value(u"conversationCount"_s).toLongLong();
    a.messageCount = q.value(u"messageCount"_s).toLongLong();
    a.promptTokens = q.value(u"promptTokens"_s).toLongLong();
    a.completionTokens = q.value(u"completionTokens"_s).toLongLong();
    readAudit(q, a.orgId, a.userId, a.createdAt, a.changedAt, a.deletedAt, a.isDeleted);
    if (auto r = json.result(); !r)
        return std::unexpected(r.error());
    return a;
}

void bindAgentConfig(QSqlQuery& q, const AgentRecord& a)
{
    q.bindValue(u":id"_s, a.agentId);
    q.bindValue(u":name"_s, text(a.name));
    q.bindValue(u":description"_s, text(a.description));
    q.bindValue(u":llmDeploymentId"_s, text(a.llmModel.deploymentId));
    q.bindValue(u":llmProvider"_s, text(a.llmModel.provider));
    q.bindValue(u":llmModelName"_s, text(a.llmModel.modelName));
    q.bindValue(u":llmEndpoint"_s, text(a.llmModel.endpoint));
    q.bindValue(u":llmApiKeySecret"_s, text(a.llmModel.apiKeySecret));
    q.bindValue(u":instructionId"_s, text(a.instructionId));
    q.bindValue(u":instructionOverride"_s, text(a.instructionOverride));
    q.bindValue(u":tools"_s, compact(QJsonArray::fromStringList(a.tools)));
    q.bindValue(u":workingDirectory"_s, text(a.workingDirectory));
    q.bindValue(u":privacyMode"_s, a.privacyMode);
    q.bindValue(u":tokenCountsOnly"_s, a.tokenCountsOnly ? 1 : 0);
    q.bindValue(u":containerId"_s, text(a.containerId));
    q.bindValue(u":runtime"_s, a.runtime);
    q.bindValue(u":status"_s, a.status);
    q.bindValue(u":lastError"_s, text(a.lastError));
    q.bindValue(u":websocketConnected"_s, a.websocketConnected ? 1 : 0);
    q.bindValue(u":org"_s, text(a.orgId));
    q.bindValue(u":user"_s, text(a.userId));
}

// --- conversations ---

Result<ConversationRecord> readConversation(const QSqlQuery& q)
{
    ConversationRecord c;
    c.conversationId = q.value(u"conversationId"_s).toString();
    c.agentId = q.value(u"agentId"_s).toString();
    c.title = q.value(u"title"_s).toString();
    c.channel = q.value(u"channel"_s).toString();
    c.messageCount = q.value(u"messageCount"_s).toLongLong();
    c.lastMessageAt = fromIso(q.value(u"lastMessageAt"_s));
    c.status = q.value(u"status"_s).toString();
    readAudit(q, c.orgId, c.userId, c.createdAt, c.changedAt, c.deletedAt, c.isDeleted);
    return c;
}

// --- messages ---

Result<MessageRecord> readMessage(const QSqlQuery& q)
{
    MessageRecord m;
    m.messageId = q.value(u"messageId"_s).toString();
    JsonColumns json(q, u"message %1"_s.arg(m.messageId));
    m.conversationId = q.value(u"conversationId"_s).toString();
    m.type = q.value(u"type"_s).toString();
    m.senderId = q.value(u"senderId"_s).toString();
    m.senderType = q.value(u"senderType"_s).toString();
    m.content = q.value(u"content"_s).toString();
    m.files = json.objects<FileRef>(u"files"_s, &FileRef::fromJson);
    m.toolName = q.value(u"toolName"_s).toString();
    m.toolInput = json.object(u"toolInput"_s);
    m.toolOutput = json.object(u"toolOutput"_s);
    m.toolStatus = q.value(u"toolStatus"_s).toString();
    m.durationMs = q.value(u"durationMs"_s).toLongLong();
    m.thinking = q.value(u"thinking"_s).toString();
    m.promptTokens = q.value(u"promptTokens"_s).toLongLong();
    m.completionTokens = q.value(u"completionTokens"_s).toLongLong();
    m.metadata = json.object(u"metadata"_s);
    QDateTime deletedAt;
    readAudit(q, m.orgId, m.userId, m.createdAt, m.changedAt, deletedAt, m.isDeleted);
    if (auto r = json.result(); !r)
        return std::unexpected(r.error());
    return m;
}

// --- files ---

Result<StoredFile> readFile(const QSqlQuery& q)
{
    StoredFile f;
    f.ref.fileId = q.value(u"fileId"_s).toString();
    f.ref.url = u"/files/"_s + f.ref.fileId;
    f.ref.filename = q.value(u"filename"_s).toString();
    f.ref.mimetype = q.value(u"mimetype"_s).toString();
    f.ref.size = q.value(u"size"_s).toLongLong();
    f.storageKey = q.value(u"storageKey"_s).toString();
    f.sha256 = q.value(u"sha256"_s).toString();
    f.orgId = q.value(u"ownerOrgId"_s).toString();
    f.userId = q.value(u"ownerUserId"_s).toString();
    f.createdAt = fromIso(q.value(u"createdAt"_s));
    return f;
}

} // namespace

AgentStore::AgentStore(store::Database& database)
    : m_db(database)
{
}

AgentStore::~AgentStore() = default;

struct AgentStore::MessageStatements
{
    explicit MessageStatements(QSqlDatabase& db)
        : exists(db)
        , find(db)
        , insert(db)
        , conversation(db)
        , agentCount(db)
        , tokens(db)
    {
    }
    QSqlQuery exists;
    QSqlQuery find;
    QSqlQuery insert;
    QSqlQuery conversation;
    QSqlQuery agentCount;
    QSqlQuery tokens;
};

Result<AgentStore::MessageStatements*> AgentStore::messageStatements() const
{
    if (m_statements)
        return m_statements.get();
    auto s = std::make_unique<MessageStatements>(m_db.handle());
    const auto prepare = [](QSqlQuery& q, const QString& sql) {
        return q.prepare(sql);
    };
    const bool ok = prepare(s->exists, u"SELECT 1 FROM messages WHERE messageId = :id"_s)
        && prepare(s->find, uR"(SELECT c.agentId, COALESCE(a.tokenCountsOnly, 0) FROM conversations c
                                LEFT JOIN agents a ON a.agentId = c.agentId
                                WHERE c.conversationId = :id AND c.isDeleted = 0)"_s)
        // ON CONFLICT on the key only: a reused id skips that message, any other constraint fails the batch.
        && prepare(s->insert,
                   uR"(INSERT INTO messages (messageId, conversationId, type, senderId, senderType, content, files,
                         toolName, toolInput, toolOutput, toolStatus, durationMs, thinking, promptTokens,
                         completionTokens, metadata, ownerOrgId, ownerUserId, createdAt, changedAt, deletedAt,
                         isDeleted)
                       VALUES (:id, :conversation, :type, :senderId, :senderType, :content, :files, :toolName,
                         :toolInput, :toolOutput, :toolStatus, :durationMs, :thinking, :promptTokens,
                         :completionTokens, :metadata, :org, :user, :created, :created, NULL, 0)
                       ON CONFLICT (messageId) DO NOTHING)"_s)
        && prepare(s->conversation, uR"(UPDATE conversations SET messageCount = messageCount + :added,
                                          lastMessageAt = CASE WHEN lastMessageAt IS NULL OR lastMessageAt < :created
                                                               THEN :created ELSE lastMessageAt END,
                                          changedAt = :now
                                        WHERE conversationId = :id)"_s)
        && prepare(s->agentCount, u"UPDATE agents SET messageCount = messageCount + :added WHERE agentId = :agent"_s)
        && prepare(s->tokens, uR"(UPDATE agents SET promptTokens = promptTokens + :prompt,
                                   completionTokens = completionTokens + :completion, changedAt = :now
                                 WHERE agentId = :id AND isDeleted = 0)"_s);
    if (!ok)
        return makeError(ErrorCode::StoreError, u"prepare message statements: "_s + m_db.handle().lastError().text());
    m_statements = std::move(s);
    return m_statements.get();
}

void AgentStore::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QDateTime AgentStore::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

// --- tools ---

Result<QList<ToolRecord>> AgentStore::tools(bool includeDeleted) const
{
    QSqlQuery q(m_db.handle());
    q.prepare(includeDeleted ? u"SELECT * FROM tools ORDER BY createdAt, rowid"_s
                             : u"SELECT * FROM tools WHERE isDeleted = 0 ORDER BY createdAt, rowid"_s);
    return readAll<ToolRecord>(q, u"list tools"_s, readTool);
}

Result<ToolRecord> AgentStore::tool(const QString& toolId, bool includeDeleted) const
{
    return readOne<ToolRecord>(m_db.handle(), u"tools"_s, u"toolId"_s, toolId, includeDeleted, u"tool"_s, readTool);
}

Result<ToolRecord> AgentStore::insertTool(const ToolRecord& tool)
{
    if (auto r = validateTool(tool); !r)
        return std::unexpected(r.error());
    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    if (auto r = ensureUnused(m_db.handle(), u"tools"_s, u"toolId"_s, tool.toolId, u"tool"_s); !r)
        return std::unexpected(r.error());
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(INSERT INTO tools (toolId, name, type, description, category, transport, endpoint, dockerImage,
                    containerId, port, environment, healthEndpoint, lastHealthCheck, lastError, status, inputSchema,
                    outputSchema, discoveredTools, scope, allowedOrgs, ownerOrgId, ownerUserId, createdAt, changedAt,
                    deletedAt, isDeleted)
                  VALUES (:id, :name, :type, :description, :category, :transport, :endpoint, :dockerImage,
                    :containerId, :port, :environment, :healthEndpoint, :lastHealthCheck, :lastError, :status,
                    :inputSchema, :outputSchema, :discovered, :scope, :allowedOrgs, :org, :user, :now, :now,
                    NULL, 0))"_s);
    bindTool(q, tool);
    q.bindValue(u":now"_s, iso(now()));
    if (!q.exec())
        return sqlError(q, u"insert tool"_s);
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return this->tool(tool.toolId);
}

Result<ToolRecord> AgentStore::updateTool(const ToolRecord& tool)
{
    if (auto r = validateTool(tool); !r)
        return std::unexpected(r.error());
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(UPDATE tools SET name = :name, type = :type, description = :description, category = :category,
                    transport = :transport, endpoint = :endpoint, dockerImage = :dockerImage,
                    containerId = :containerId, port = :port, environment = :environment,
                    healthEndpoint = :healthEndpoint, lastHealthCheck = :lastHealthCheck, lastError = :lastError,
                    status = :status, inputSchema = :inputSchema, outputSchema = :outputSchema,
                    discoveredTools = :discovered, scope = :scope, allowedOrgs = :allowedOrgs,
                    ownerOrgId = :org, ownerUserId = :user, changedAt = :now
                  WHERE toolId = :id AND isDeleted = 0)"_s);
    bindTool(q, tool);
    q.bindValue(u":now"_s, iso(now()));
    if (!q.exec())
        return sqlError(q, u"update tool"_s);
    if (auto r = checkUpdated(q, u"tool"_s, tool.toolId, u"toolId"_s); !r)
        return std::unexpected(r.error());
    return this->tool(tool.toolId);
}

Result<void> AgentStore::softDeleteTool(const QString& toolId)
{
    return softDelete(m_db.handle(), u"tools"_s, u"toolId"_s, toolId, u"tool"_s, iso(now()));
}

// --- instructions ---

Result<QList<InstructionRecord>> AgentStore::instructions(bool includeDeleted) const
{
    QSqlQuery q(m_db.handle());
    q.prepare(includeDeleted ? u"SELECT * FROM instructions ORDER BY createdAt, rowid"_s
                             : u"SELECT * FROM instructions WHERE isDeleted = 0 ORDER BY createdAt, rowid"_s);
    return readAll<InstructionRecord>(q, u"list instructions"_s, readInstruction);
}

Result<InstructionRecord> AgentStore::instruction(const QString& instructionId, bool includeDeleted) const
{
    return readOne<InstructionRecord>(m_db.handle(),
                                      u"instructions"_s,
                                      u"instructionId"_s,
                                      instructionId,
                                      includeDeleted,
                                      u"instruction"_s,
                                      readInstruction);
}

Result<InstructionRecord> AgentStore::insertInstruction(const InstructionRecord& instruction)
{
    if (instruction.instructionId.trimmed().isEmpty())
        return emptyId(u"instructionId"_s);
    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    if (auto r = ensureUnused(
            m_db.handle(), u"instructions"_s, u"instructionId"_s, instruction.instructionId, u"instruction"_s);
        !r)
        return std::unexpected(r.error());
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(INSERT INTO instructions (instructionId, name, description, systemPrompt, guidelines, tags,
                    isActive, ownerOrgId, ownerUserId, createdAt, changedAt, deletedAt, isDeleted)
                  VALUES (:id, :name, :description, :systemPrompt, :guidelines, :tags, :isActive, :org, :user,
                    :now, :now, NULL, 0))"_s);
    bindInstruction(q, instruction);
    q.bindValue(u":now"_s, iso(now()));
    if (!q.exec())
        return sqlError(q, u"insert instruction"_s);
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return this->instruction(instruction.instructionId);
}

Result<InstructionRecord> AgentStore::updateInstruction(const InstructionRecord& instruction)
{
    if (instruction.instructionId.trimmed().isEmpty())
        return emptyId(u"instructionId"_s);
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(UPDATE instructions SET name = :name, description = :description, systemPrompt = :systemPrompt,
                    guidelines = :guidelines, tags = :tags, isActive = :isActive, ownerOrgId = :org,
                    ownerUserId = :user, changedAt = :now
                  WHERE instructionId = :id AND isDeleted = 0)"_s);
    bindInstruction(q, instruction);
    q.bindValue(u":now"_s, iso(now()));
    if (!q.exec())
        return sqlError(q, u"update instruction"_s);
    if (auto r = checkUpdated(q, u"instruction"_s, instruction.instructionId, u"instructionId"_s); !r)
        return std::unexpected(r.error());
    return this->instruction(instruction.instructionId);
}

Result<void> AgentStore::softDeleteInstruction(const QString& instructionId)
{
    return softDelete(
        m_db.handle(), u"instructions"_s, u"instructionId"_s, instructionId, u"instruction"_s, iso(now()));
}

// --- agents ---

Result<QList<AgentRecord>> AgentStore::agents(bool includeDeleted) const
{
    QSqlQuery q(m_db.handle());
    q.prepare(includeDeleted ? u"SELECT * FROM agents ORDER BY createdAt, rowid"_s
                             : u"SELECT * FROM agents WHERE isDeleted = 0 ORDER BY createdAt, rowid"_s);
    return readAll<AgentRecord>(q, u"list agents"_s, readAgent);
}

Result<AgentRecord> AgentStore::agent(const QString& agentId, bool includeDeleted) const
{
    return readOne<AgentRecord>(
        m_db.handle(), u"agents"_s, u"agentId"_s, agentId, includeDeleted, u"agent"_s, readAgent);
}

Result<AgentRecord> AgentStore::insertAgent(const AgentRecord& agent)
{
    if (auto r = validateAgent(agent); !r)
        return std::unexpected(r.error());
    if (agent.conversationCount < 0 || agent.messageCount < 0 || agent.promptTokens < 0 || agent.completionTokens < 0)
        return makeError(ErrorCode::OutOfRange, u"agent statistics must not be negative"_s);
    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    if (auto r = ensureUnused(m_db.handle(), u"agents"_s, u"agentId"_s, agent.agentId, u"agent"_s); !r)
        return std::unexpected(r.error());
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(INSERT INTO agents (agentId, name, description, llmDeploymentId, llmProvider, llmModelName,
                    llmEndpoint, llmApiKeySecret, instructionId, instructionOverride, tools, workingDirectory,
                    privacyMode, tokenCountsOnly, containerId, runtime, status, lastError, websocketConnected,
                    conversationCount, messageCount, promptTokens, completionTokens, ownerOrgId, ownerUserId,
                    createdAt, changedAt, deletedAt, isDeleted)
                  VALUES (:id, :name, :description, :llmDeploymentId, :llmProvider, :llmModelName, :llmEndpoint,
                    :llmApiKeySecret, :instructionId, :instructionOverride, :tools, :workingDirectory, :privacyMode,
                    :tokenCountsOnly, :containerId, :runtime, :status, :lastError, :websocketConnected, :conversations,
                    :messages, :promptTokens, :completionTokens, :org, :user, :now, :now, NULL, 0))"_s);
    bindAgentConfig(q, agent);
    q.bindValue(u":conversations"_s, agent.conversationCount);
    q.bindValue(u":messages"_s, agent.messageCount);
    q.bindValue(u":promptTokens"_s, agent.promptTokens);
    q.bindValue(u":completionTokens"_s, agent.completionTokens);
    q.bindValue(u":now"_s, iso(now()));
    if (!q.exec())
        return sqlError(q, u"insert agent"_s);
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return this->agent(agent.agentId);
}

Result<AgentRecord> AgentStore::updateAgent(const AgentRecord& agent)
{
    if (auto r = validateAgent(agent); !r)
        return std::unexpected(r.error());
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(UPDATE agents SET name = :name, description = :description, llmDeploymentId = :llmDeploymentId,
                    llmProvider = :llmProvider, llmModelName = :llmModelName, llmEndpoint = :llmEndpoint,
                    llmApiKeySecret = :llmApiKeySecret, instructionId = :instructionId,
                    instructionOverride = :instructionOverride, tools = :tools, workingDirectory = :workingDirectory,
                    privacyMode = :privacyMode, tokenCountsOnly = :tokenCountsOnly, containerId = :containerId,
                    runtime = :runtime, status = :status, lastError = :lastError, websocketConnected = :websocketConnected,
                    ownerOrgId = :org, ownerUserId = :user, changedAt = :now
                  WHERE agentId = :id AND isDeleted = 0)"_s);
    bindAgentConfig(q, agent);
    q.bindValue(u":now"_s, iso(now()));
    if (!q.exec())
        return sqlError(q, u"update agent"_s);
    if (auto r = checkUpdated(q, u"agent"_s, agent.agentId, u"agentId"_s); !r)
        return std::unexpected(r.error());
    return this->agent(agent.agentId);
}

Result<void>
AgentStore::setAgentStatus(const QString& agentId, const QString& status, const QString& error, bool websocketConnected)
{
    if (agentId.trimmed().isEmpty())
        return emptyId(u"agentId"_s);
    if (auto r = oneOf(status, kAgentStatuses, u"status"_s); !r)
        return r;
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(UPDATE agents SET status = :status, lastError = :error, websocketConnected = :ws, changedAt = :now
                  WHERE agentId = :id AND isDeleted = 0)"_s);
    q.bindValue(u":status"_s, status);
    q.bindValue(u":error"_s, text(error));
    q.bindValue(u":ws"_s, websocketConnected ? 1 : 0);
    q.bindValue(u":now"_s, iso(now()));
    q.bindValue(u":id"_s, agentId);
    if (!q.exec())
        return sqlError(q, u"set agent status"_s);
    return checkUpdated(q, u"agent"_s, agentId, u"agentId"_s);
}

Result<void> AgentStore::addAgentUsage(const QString& agentId, qint64 promptTokens, qint64 completionTokens)
{
    if (agentId.trimmed().isEmpty())
        return emptyId(u"agentId"_s);
    if (promptTokens < 0)
        return makeError(ErrorCode::OutOfRange, u"promptTokens %1 is negative"_s.arg(promptTokens), u"promptTokens"_s);
    if (completionTokens < 0)
        return makeError(
            ErrorCode::OutOfRange, u"completionTokens %1 is negative"_s.arg(completionTokens), u"completionTokens"_s);
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(UPDATE agents SET promptTokens = promptTokens + :prompt,
                    completionTokens = completionTokens + :completion, changedAt = :now
                  WHERE agentId = :id AND isDeleted = 0)"_s);
    q.bindValue(u":prompt"_s, promptTokens);
    q.bindValue(u":completion"_s, completionTokens);
    q.bindValue(u":now"_s, iso(now()));
    q.bindValue(u":id"_s, agentId);
    if (!q.exec())
        return sqlError(q, u"add agent usage"_s);
    return checkUpdated(q, u"agent"_s, agentId, u"agentId"_s);
}

Result<void> AgentStore::softDeleteAgent(const QString& agentId)
{
    return softDelete(m_db.handle(), u"agents"_s, u"agentId"_s, agentId, u"agent"_s, iso(now()));
}

Result<QList<AgentRecord>> AgentStore::agentsUsingInstruction(const QString& instructionId) const
{
    if (instructionId.trimmed().isEmpty())
        return emptyId(u"instructionId"_s);
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT * FROM agents WHERE instructionId = :id AND isDeleted = 0 ORDER BY createdAt, rowid"_s);
    q.bindValue(u":id"_s, instructionId);
    return readAll<AgentRecord>(q, u"list agents using an instruction"_s, readAgent);
}

Result<QList<AgentRecord>> AgentStore::agentsUsingTool(const QString& toolId) const
{
    if (toolId.trimmed().isEmpty())
        return emptyId(u"toolId"_s);
    // tools is a JSON array; the match is exact on the parsed list (no JSON1 dependency).
    auto all = agents();
    if (!all)
        return all;
    QList<AgentRecord> out;
    for (AgentRecord& a : *all) {
        if (a.tools.contains(toolId))
            out.append(std::move(a));
    }
    return out;
}

// --- conversations ---

Result<QList<ConversationRecord>> AgentStore::conversations(const ConversationQuery& query) const
{
    QString sql = u"SELECT * FROM conversations WHERE isDeleted = 0"_s;
    if (!query.agentId.isEmpty())
        sql += u" AND agentId = :agent"_s;
    if (!query.userId.isEmpty())
        sql += u" AND ownerUserId = :user"_s;
    if (!query.orgId.isEmpty())
        sql += u" AND ownerOrgId = :org"_s;
    sql += u" ORDER BY COALESCE(lastMessageAt, createdAt) DESC, createdAt DESC, rowid DESC"_s;
    if (query.limit > 0)
        sql += u" LIMIT :limit"_s;
    QSqlQuery q(m_db.handle());
    q.prepare(sql);
    if (!query.agentId.isEmpty())
        q.bindValue(u":agent"_s, query.agentId);
    if (!query.userId.isEmpty())
        q.bindValue(u":user"_s, query.userId);
    if (!query.orgId.isEmpty())
        q.bindValue(u":org"_s, query.orgId);
    if (query.limit > 0)
        q.bindValue(u":limit"_s, query.limit);
    return readAll<ConversationRecord>(q, u"list conversations"_s, readConversation);
}

Result<ConversationRecord> AgentStore::conversation(const QString& conversationId, bool includeDeleted) const
{
    return readOne<ConversationRecord>(m_db.handle(),
                                       u"conversations"_s,
                                       u"conversationId"_s,
                                       conversationId,
                                       includeDeleted,
                                       u"conversation"_s,
                                       readConversation);
}

Result<ConversationRecord> AgentStore::insertConversation(const ConversationRecord& conversation)
{
    if (conversation.conversationId.trimmed().isEmpty())
        return emptyId(u"conversationId"_s);
    if (conversation.agentId.trimmed().isEmpty())
        return emptyId(u"agentId"_s);
    if (auto r = oneOf(conversation.status, kConversationStatuses, u"status"_s); !r)
        return std::unexpected(r.error());
    const QString at = iso(now());
    const QString created = conversation.createdAt.isValid() ? iso(conversation.createdAt) : at;

    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    if (auto r = ensureUnused(
            m_db.handle(), u"conversations"_s, u"conversationId"_s, conversation.conversationId, u"conversation"_s);
        !r)
        return std::unexpected(r.error());
    QSqlQuery bump(m_db.handle());
    bump.prepare(uR"(UPDATE agents SET conversationCount = conversationCount + 1
                     WHERE agentId = :agent AND isDeleted = 0)"_s);
    bump.bindValue(u":agent"_s, conversation.agentId);
    if (!bump.exec())
        return sqlError(bump, u"count agent conversation"_s);
    if (bump.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no agent %1"_s.arg(conversation.agentId), u"agentId"_s);

    QSqlQuery q(m_db.handle());
    q.prepare(uR"(INSERT INTO conversations (conversationId, agentId, title, channel, messageCount, lastMessageAt,
                    status, ownerOrgId, ownerUserId, createdAt, changedAt, deletedAt, isDeleted)
                  VALUES (:id, :agent, :title, :channel, 0, NULL, :status, :org, :user, :created, :created,
                    NULL, 0))"_s);
    q.bindValue(u":id"_s, conversation.conversationId);
    q.bindValue(u":agent"_s, conversation.agentId);
    q.bindValue(u":title"_s, text(conversation.title));
    q.bindValue(u":channel"_s, text(conversation.channel));
    q.bindValue(u":status"_s, conversation.status);
    q.bindValue(u":org"_s, text(conversation.orgId));
    q.bindValue(u":user"_s, text(conversation.userId));
    q.bindValue(u":created"_s, created);
    if (!q.exec())
        return sqlError(q, u"insert conversation"_s);
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return this->conversation(conversation.conversationId);
}

Result<void> AgentStore::softDeleteConversation(const QString& conversationId)
{
    const QString at = iso(now());
    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    if (auto r
        = softDelete(m_db.handle(), u"conversations"_s, u"conversationId"_s, conversationId, u"conversation"_s, at);
        !r)
        return r;
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(UPDATE messages SET isDeleted = 1, deletedAt = :now, changedAt = :now
                  WHERE conversationId = :id AND isDeleted = 0)"_s);
    q.bindValue(u":now"_s, at);
    q.bindValue(u":id"_s, conversationId);
    if (!q.exec())
        return sqlError(q, u"delete conversation messages"_s);
    return tx.commit();
}

// --- messages ---

Result<MessageRecord> AgentStore::message(const QString& messageId) const
{
    return readOne<MessageRecord>(
        m_db.handle(), u"messages"_s, u"messageId"_s, messageId, true, u"message"_s, readMessage);
}

Result<MessageRecord> AgentStore::prepareMessage(const MessageRecord& input) const
{
    if (input.messageId.trimmed().isEmpty())
        return emptyId(u"messageId"_s);
    if (input.conversationId.trimmed().isEmpty())
        return emptyId(u"conversationId"_s);
    if (auto r = oneOf(input.type, kMessageTypes, u"type"_s); !r)
        return std::unexpected(r.error());
    if (auto r = oneOf(input.senderType, kSenderTypes, u"senderType"_s); !r)
        return std::unexpected(r.error());
    if (input.durationMs < 0 || input.promptTokens < 0 || input.completionTokens < 0)
        return makeError(ErrorCode::OutOfRange, u"durationMs and token counts must not be negative"_s);
    MessageRecord m = input;
    // Stored with millisecond precision (ISO text), so the record in memory is what a read gives.
    const QDateTime created = m.createdAt.isValid() ? m.createdAt : now();
    m.createdAt = QDateTime::fromMSecsSinceEpoch(created.toMSecsSinceEpoch(), Qt::UTC);
    m.changedAt = m.createdAt;
    m.isDeleted = false;
    return m;
}

Result<bool> AgentStore::messageExists(const QString& messageId) const
{
    auto statements = messageStatements();
    if (!statements)
        return std::unexpected(statements.error());
    QSqlQuery& q = (*statements)->exists;
    q.bindValue(u":id"_s, messageId);
    if (!q.exec())
        return sqlError(q, u"read message"_s);
    const bool found = q.next();
    q.finish(); // no read transaction left open
    return found;
}

Result<AgentStore::BatchResult> AgentStore::insertMessages(const QList<MessageRecord>& messages,
                                                           const QList<AgentUsage>& usage)
{
    for (const MessageRecord& m : messages) {
        if (auto valid = prepareMessage(m); !valid)
            return std::unexpected(valid.error());
    }
    for (const AgentUsage& u : usage) {
        if (u.promptTokens < 0 || u.completionTokens < 0)
            return makeError(ErrorCode::OutOfRange, u"token counts must not be negative"_s, u"promptTokens"_s);
    }
    BatchResult result;
    if (messages.isEmpty() && usage.isEmpty())
        return result;
    const QString at = iso(now());

    auto statements = messageStatements();
    if (!statements)
        return std::unexpected(statements.error());
    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());

    struct Conversation
    {
        bool live = false;
        QString agentId;
        bool tokenCountsOnly = false;
        qint64 added = 0;
        QString lastCreated;
    };
    QHash<QString, Conversation> conversations;
    QList<QString> conversationOrder;
    QHash<QString, qint64> agentMessages;

    QSqlQuery& find = (*statements)->find;
    QSqlQuery& insert = (*statements)->insert;
    for (const MessageRecord& input : messages) {
        auto known = conversations.find(input.conversationId);
        if (known == conversations.end()) {
            Conversation c;
            find.bindValue(u":id"_s, input.conversationId);
            if (!find.exec())
                return sqlError(find, u"read conversation"_s);
            if (find.next()) {
                c.live = true;
                c.agentId = find.value(0).toString();
                c.tokenCountsOnly = find.value(1).toBool();
            }
            find.finish();
            known = conversations.insert(input.conversationId, c);
            conversationOrder.append(input.conversationId);
        }
        if (!known->live) {
            result.skipped.append({ input.messageId,
                                    input.conversationId,
                                    Error { ErrorCode::NotFound,
                                            u"no conversation %1"_s.arg(input.conversationId),
                                            u"conversationId"_s } });
            continue;
        }
        MessageRecord m = input;
        if (known->tokenCountsOnly) {
            m.content.clear();
            m.toolInput = {};
            m.toolOutput = {};
            m.thinking.clear();
        }
        const QString created = m.createdAt.isValid() ? iso(m.createdAt) : at;
        QJsonArray files;
        for (const FileRef& f : m.files)
            files.append(f.toJson());
        insert.bindValue(u":id"_s, m.messageId);
        insert.bindValue(u":conversation"_s, m.conversationId);
        insert.bindValue(u":type"_s, m.type);
        insert.bindValue(u":senderId"_s, text(m.senderId));
        insert.bindValue(u":senderType"_s, m.senderType);
        insert.bindValue(u":content"_s, text(m.content));
        insert.bindValue(u":files"_s, compact(files));
        insert.bindValue(u":toolName"_s, text(m.toolName));
        insert.bindValue(u":toolInput"_s, compact(m.toolInput));
        insert.bindValue(u":toolOutput"_s, compact(m.toolOutput));
        insert.bindValue(u":toolStatus"_s, text(m.toolStatus));
        insert.bindValue(u":durationMs"_s, m.durationMs);
        insert.bindValue(u":thinking"_s, text(m.thinking));
        insert.bindValue(u":promptTokens"_s, m.promptTokens);
        insert.bindValue(u":completionTokens"_s, m.completionTokens);
        insert.bindValue(u":metadata"_s, compact(m.metadata));
        insert.bindValue(u":org"_s, text(m.orgId));
        insert.bindValue(u":user"_s, text(m.userId));
        insert.bindValue(u":created"_s, created);
        if (!insert.exec())
            return sqlError(insert, u"insert message"_s);
        if (insert.numRowsAffected() == 0) {
            result.skipped.append(
                { m.messageId,
                  m.conversationId,
                  Error { ErrorCode::Conflict, u"message %1 already exists"_s.arg(m.messageId), u"messageId"_s } });
            continue;
        }
        ++result.stored;
        ++known->added;
        if (known->lastCreated.isEmpty() || known->lastCreated < created)
            known->lastCreated = created;
        agentMessages[known->agentId] += 1;
    }

    QSqlQuery& conv = (*statements)->conversation;
    for (const QString& id : std::as_const(conversationOrder)) {
        const Conversation& c = conversations[id];
        if (c.added == 0)
            continue;
        conv.bindValue(u":added"_s, c.added);
        conv.bindValue(u":created"_s, c.lastCreated);
        conv.bindValue(u":now"_s, at);
        conv.bindValue(u":id"_s, id);
        if (!conv.exec())
            return sqlError(conv, u"count conversation message"_s);
    }
    QSqlQuery& agentCount = (*statements)->agentCount;
    for (auto it = agentMessages.cbegin(); it != agentMessages.cend(); ++it) {
        agentCount.bindValue(u":added"_s, it.value());
        agentCount.bindValue(u":agent"_s, it.key());
        if (!agentCount.exec())
            return sqlError(agentCount, u"count agent message"_s);
    }
    QSqlQuery& tokens = (*statements)->tokens;
    for (const AgentUsage& u : usage) {
        tokens.bindValue(u":prompt"_s, u.promptTokens);
        tokens.bindValue(u":completion"_s, u.completionTokens);
        tokens.bindValue(u":now"_s, at);
        tokens.bindValue(u":id"_s, u.agentId);
        if (!tokens.exec())
            return sqlError(tokens, u"add agent usage"_s);
    }
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return result;
}

Result<MessageRecord> AgentStore::insertMessage(const MessageRecord& input)
{
    auto prepared = prepareMessage(input);
    if (!prepared)
        return prepared;
    auto batch = insertMessages({ *prepared });
    if (!batch)
        return std::unexpected(batch.error());
    if (!batch->skipped.isEmpty())
        return std::unexpected(batch->skipped.first().error);
    return message(prepared->messageId);
}

Result<QList<MessageRecord>> AgentStore::messages(const QString& conversationId, int limit) const
{
    if (auto c = conversation(conversationId); !c)
        return std::unexpected(c.error());
    QSqlQuery q(m_db.handle());
    if (limit > 0) {
        q.prepare(uR"(SELECT * FROM (SELECT *, rowid AS seq FROM messages
                                     WHERE conversationId = :id AND isDeleted = 0
                                     ORDER BY createdAt DESC, rowid DESC LIMIT :limit)
                      ORDER BY createdAt, seq)"_s);
        q.bindValue(u":limit"_s, limit);
    } else {
        q.prepare(u"SELECT * FROM messages WHERE conversationId = :id AND isDeleted = 0 ORDER BY createdAt, rowid"_s);
    }
    q.bindValue(u":id"_s, conversationId);
    return readAll<MessageRecord>(q, u"list messages"_s, readMessage);
}

// --- files ---

Result<StoredFile> AgentStore::insertFile(const StoredFile& file)
{
    if (file.ref.fileId.trimmed().isEmpty())
        return emptyId(u"fileId"_s);
    if (file.storageKey.trimmed().isEmpty())
        return emptyId(u"storageKey"_s);
    if (file.ref.size < 0)
        return makeError(ErrorCode::OutOfRange, u"size %1 is negative"_s.arg(file.ref.size), u"size"_s);
    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    if (auto r = ensureUnused(m_db.handle(), u"files"_s, u"fileId"_s, file.ref.fileId, u"file"_s); !r)
        return std::unexpected(r.error());
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(INSERT INTO files (fileId, filename, mimetype, size, storageKey, sha256, ownerOrgId, ownerUserId,
                    createdAt, isDeleted)
                  VALUES (:id, :filename, :mimetype, :size, :storageKey, :sha256, :org, :user, :created, 0))"_s);
    q.bindValue(u":id"_s, file.ref.fileId);
    q.bindValue(u":filename"_s, text(file.ref.filename));
    q.bindValue(u":mimetype"_s, text(file.ref.mimetype));
    q.bindValue(u":size"_s, file.ref.size);
    q.bindValue(u":storageKey"_s, file.storageKey);
    q.bindValue(u":sha256"_s, text(file.sha256));
    q.bindValue(u":org"_s, text(file.orgId));
    q.bindValue(u":user"_s, text(file.userId));
    q.bindValue(u":created"_s, iso(file.createdAt.isValid() ? file.createdAt : now()));
    if (!q.exec())
        return sqlError(q, u"insert file"_s);
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return this->file(file.ref.fileId);
}

Result<StoredFile> AgentStore::file(const QString& fileId) const
{
    return readOne<StoredFile>(m_db.handle(), u"files"_s, u"fileId"_s, fileId, false, u"file"_s, readFile);
}

Result<QList<StoredFile>> AgentStore::files(const QString& orgId) const
{
    QSqlQuery q(m_db.handle());
    q.prepare(
        orgId.isEmpty()
            ? u"SELECT * FROM files WHERE isDeleted = 0 ORDER BY createdAt DESC, rowid DESC"_s
            : u"SELECT * FROM files WHERE isDeleted = 0 AND ownerOrgId = :org ORDER BY createdAt DESC, rowid DESC"_s);
    if (!orgId.isEmpty())
        q.bindValue(u":org"_s, orgId);
    return readAll<StoredFile>(q, u"list files"_s, readFile);
}

} // namespace aiops::agents
