#include "core/agents/AgentTypes.h"

namespace aiops::agents {

using namespace Qt::StringLiterals;

namespace {

// ISO-8601 UTC with milliseconds; a null date is left out of the object.
void putDate(QJsonObject& o, const QString& key, const QDateTime& dt)
{
    if (dt.isValid())
        o.insert(key, dt.toUTC().toString(Qt::ISODateWithMs));
}

QJsonObject owner(const QString& orgId, const QString& userId)
{
    return QJsonObject { { u"orgId"_s, orgId }, { u"userId"_s, userId } };
}

void putAudit(QJsonObject& o,
              const QString& orgId,
              const QString& userId,
              const QDateTime& createdAt,
              const QDateTime& changedAt,
              const QDateTime& deletedAt,
              bool isDeleted)
{
    o.insert(u"owner"_s, owner(orgId, userId));
    putDate(o, u"createdAt"_s, createdAt);
    putDate(o, u"changedAt"_s, changedAt);
    putDate(o, u"deletedAt"_s, deletedAt);
    o.insert(u"isDeleted"_s, isDeleted);
}

// Environment variables of an MCP container often carry credentials (API keys, tokens). The REST
// spelling never shows their values: a name that looks like a credential gets a fixed mask.
bool looksSecret(const QString& name)
{
    static const QStringList markers { u"KEY"_s,        u"TOKEN"_s, u"SECRET"_s,  u"PASSWORD"_s, u"PASSWD"_s,
                                       u"CREDENTIAL"_s, u"AUTH"_s,  u"PRIVATE"_s, u"SESSION"_s,  u"COOKIE"_s };
    const QString upper = name.toUpper();
    for (const QString& marker : markers) {
        if (upper.contains(marker))
            return true;
    }
    return false;
}

} // namespace

// --- DiscoveredTool ---

QJsonObject DiscoveredTool::toJson() const
{
    QJsonObject o { { u"name"_s, name }, { u"description"_s, description }, { u"inputSchema"_s, inputSchema } };
    if (!outputSchema.isEmpty())
        o.insert(u"outputSchema"_s, outputSchema);
    return o;
}

DiscoveredTool DiscoveredTool::fromJson(const QJsonObject& json)
{
    DiscoveredTool t;
    t.name = json.value(u"name"_s).toString();
    t.description = json.value(u"description"_s).toString();
    t.inputSchema = json.value(u"inputSchema"_s).toObject();
    t.outputSchema = json.value(u"outputSchema"_s).toObject();
    return t;
}

// --- ToolRecord ---

QJsonObject ToolRecord::toJson() const
{
    QJsonObject env;
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), looksSecret(it.key()) ? u"********"_s : it.value());
    QJsonArray tools;
    for (const DiscoveredTool& t : discovered)
        tools.append(t.toJson());

    QJsonObject o {
        { u"toolId"_s, toolId },
        { u"name"_s, name },
        { u"type"_s, type },
        { u"description"_s, description },
        { u"category"_s, category },
        { u"endpoint"_s, endpoint },
        { u"dockerImage"_s, dockerImage },
        { u"containerId"_s, containerId },
        { u"port"_s, port },
        { u"environment"_s, env },
        { u"healthEndpoint"_s, healthEndpoint },
        { u"lastError"_s, lastError },
        { u"status"_s, status },
        { u"schema"_s, QJsonObject { { u"inputSchema"_s, inputSchema }, { u"outputSchema"_s, outputSchema } } },
        { u"discoveredTools"_s, tools },
        { u"scope"_s, scope },
        { u"allowedOrgs"_s, QJsonArray::fromStringList(allowedOrgs) },
    };
    if (!transport.isEmpty())
        o.insert(u"transport"_s, transport);
    if (!deployPhase.isEmpty()) {
        o.insert(u"deployPhase"_s, deployPhase);
        if (deployPhase == u"pulling") {
            o.insert(u"pullProgress"_s,
                     QJsonObject { { u"currentBytes"_s, pullCurrentBytes }, { u"totalBytes"_s, pullTotalBytes } });
        }
    }
    putDate(o, u"lastHealthCheck"_s, lastHealthCheck);
    putAudit(o, orgId, userId, createdAt, changedAt, deletedAt, isDeleted);
    return o;
}

// --- InstructionRecord ---

QJsonObject InstructionRecord::toJson() const
{
    QJsonObject o {
        { u"instructionId"_s, instructionId },
        { u"name"_s, name },
        { u"description"_s, description },
        { u"systemPrompt"_s, systemPrompt },
        { u"guidelines"_s, QJsonArray::fromStringList(guidelines) },
        { u"tags"_s, QJsonArray::fromStringList(tags) },
        { u"isActive"_s, isActive },
    };
    putAudit(o, orgId, userId, createdAt, changedAt, deletedAt, isDeleted);
    return o;
}

QString InstructionRecord::composedPrompt() const
{
    QStringList bullets;
    for (const QString& g : guidelines) {
        const QString line = g.trimmed();
        if (!line.isEmpty())
            bullets.append(u"- "_s + line);
    }
    if (bullets.isEmpty())
        return systemPrompt;
    QString out = systemPrompt;
    if (!out.isEmpty())
        out += u"\n\n"_s;
    out += u"Guidelines:\n"_s;
    out += bullets.join(u'\n');
    return out;
}

// --- LlmModelRef ---

QJsonObject LlmModelRef::toJson() const
{
    // The keychain entry's name stays inside the controller; clients only learn whether a key is set.
    QJsonObject o {
        { u"provider"_s, provider },
        { u"modelName"_s, modelName },
        { u"hasApiKey"_s, !apiKeySecret.isEmpty() },
    };
    if (!deploymentId.isEmpty())
        o.insert(u"deploymentId"_s, deploymentId);
    if (!endpoint.isEmpty())
        o.insert(u"endpoint"_s, endpoint);
    return o;
}

LlmModelRef LlmModelRef::fromJson(const QJsonObject& json)
{
    // apiKeySecret is never read from a client: the service names the keychain entry itself.
    LlmModelRef m;
    m.deploymentId = json.value(u"deploymentId"_s).toString();
    m.provider = json.value(u"provider"_s).toString(m.provider);
    m.modelName = json.value(u"modelName"_s).toString();
    m.endpoint = json.value(u"endpoint"_s).toString();
    return m;
}

bool LlmModelRef::isCloud() const
{
    return provider == u"openai"_s || provider == u"anthropic"_s;
}

// --- AgentRecord ---

QJsonObject AgentRecord::toJson() const
{
    QJsonObject o {
        { u"agentId"_s, agentId },
        { u"name"_s, name },
        { u"description"_s, description },
        { u"llmModel"_s, llmModel.toJson() },
        { u"instructionOverride"_s, instructionOverride },
        { u"tools"_s, QJsonArray::fromStringList(tools) },
        { u"workingDirectory"_s, workingDirectory },
        { u"privacyMode"_s, privacyMode },
        { u"runtime"_s, runtime },
        { u"tokenCountsOnly"_s, tokenCountsOnly },
        { u"containerId"_s, containerId },
        { u"status"_s, status },
        { u"lastError"_s, lastError },
        { u"websocketConnected"_s, websocketConnected },
        { u"roomId"_s, roomId() },
        { u"conversationCount"_s, conversationCount },
        { u"messageCount"_s, messageCount },
        { u"promptTokens"_s, promptTokens },
        { u"completionTokens"_s, completionTokens },
    };
    o.insert(u"instructionId"_s, instructionId.isEmpty() ? QJsonValue() : QJsonValue(instructionId));
    putAudit(o, orgId, userId, createdAt, changedAt, deletedAt, isDeleted);
    return o;
}

// --- ConversationRecord ---

QJsonObject ConversationRecord::toJson() const
{
    QJsonObject o {
        { u"conversationId"_s, conversationId },
        { u"agentId"_s, agentId },
        { u"userId"_s, userId },
        { u"title"_s, title },
        { u"channel"_s, channel },
        { u"messageCount"_s, messageCount },
        { u"status"_s, status },
    };
    putDate(o, u"lastMessageAt"_s, lastMessageAt);
    putAudit(o, orgId, userId, createdAt, changedAt, deletedAt, isDeleted);
    return o;
}

// --- FileRef ---

QJsonObject FileRef::toJson() const
{
    return QJsonObject {
        { u"fileId"_s, fileId },     { u"url"_s, url },   { u"filename"_s, filename },
        { u"mimetype"_s, mimetype }, { u"size"_s, size },
    };
}

FileRef FileRef::fromJson(const QJsonObject& json)
{
    FileRef f;
    f.fileId = json.value(u"fileId"_s).toString();
    f.url = json.value(u"url"_s).toString();
    f.filename = json.value(u"filename"_s).toString();
    f.mimetype = json.value(u"mimetype"_s).toString();
    f.size = json.value(u"size"_s).toInteger();
    return f;
}

// --- MessageRecord ---

QJsonObject MessageRecord::toJson() const
{
    QJsonArray fileArray;
    for (const FileRef& f : files)
        fileArray.append(f.toJson());
    QJsonObject o {
        { u"messageId"_s, messageId },
        { u"conversationId"_s, conversationId },
        { u"type"_s, type },
        { u"senderId"_s, senderId },
        { u"senderType"_s, senderType },
        { u"content"_s, content },
        { u"files"_s, fileArray },
        { u"promptTokens"_s, promptTokens },
        { u"completionTokens"_s, completionTokens },
        { u"metadata"_s, metadata },
    };
    if (!toolName.isEmpty() || type == u"tool"_s) {
        o.insert(u"toolName"_s, toolName);
        o.insert(u"toolInput"_s, toolInput);
        o.insert(u"toolOutput"_s, toolOutput);
        o.insert(u"toolStatus"_s, toolStatus);
        o.insert(u"durationMs"_s, durationMs);
    }
    if (!thinking.isEmpty())
        o.insert(u"thinking"_s, thinking);
    o.insert(u"owner"_s, owner(orgId, userId));
    putDate(o, u"createdAt"_s, createdAt);
    putDate(o, u"changedAt"_s, changedAt);
    o.insert(u"isDeleted"_s, isDeleted);
    return o;
}

} // namespace aiops::agents
