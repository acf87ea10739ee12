#pragma once

#include "core/protocol/Error.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace aiops::agents {

// Records of seed 000's `tools`, `instructions`, `agents`, `conversations` and `messages`
// collections (migration 6), plus the uploaded `files`. toJson() gives the REST spelling (seed
// field names, dates as ISO-8601 UTC, the owner as {orgId, userId}).

// One tool an MCP server offers (tools/list), kept with the tool registry entry that found it.
struct DiscoveredTool
{
    QString name;
    QString description;
    QJsonObject inputSchema;
    QJsonObject outputSchema; // may be empty

    bool operator==(const DiscoveredTool&) const = default;
    QJsonObject toJson() const;
    static DiscoveredTool fromJson(const QJsonObject& json);
};

// Seed 000 `tools`: an MCP server (type "mcp": by URL, or as a container deployed on the local
// node) or a built-in tool of the controller (type "builtin", served by its own /mcp endpoint).
struct ToolRecord
{
    QString toolId;
    QString name; // 1-100 characters
    QString type = QStringLiteral("mcp"); // "mcp" | "builtin"
    QString description; // up to 500 characters
    QString category = QStringLiteral("productivity"); // productivity | data | system | communication

    QString transport = QStringLiteral("http"); // mcp: "http" (Streamable HTTP) | "sse"
    QString endpoint; // mcp by URL, or the container's URL once deployed
    QString dockerImage; // mcp as a container; empty for a URL-registered server
    QString containerId;
    int port = 0; // container port (1024-65535) when dockerImage is set
    QMap<QString, QString> environment;
    QString healthEndpoint; // optional HTTP path probed besides the MCP handshake
    QDateTime lastHealthCheck;
    QString lastError; // why the last health check failed; empty when it passed

    QString status = QStringLiteral("inactive"); // active | inactive | error
    // While its container is deployed (not stored): "pulling", "starting", "health-check", or
    // "connecting" (the container runs, the MCP server in it does not answer yet); empty otherwise.
    // A pull's progress in bytes (total 0 while unknown).
    QString deployPhase;
    qint64 pullCurrentBytes = 0;
    qint64 pullTotalBytes = 0;
    // Seed: schema {inputSchema, outputSchema}. For a built-in tool, its own schemas; for an MCP
    // server, the tools it discovered are in `discovered` and `schema` stays empty.
    QJsonObject inputSchema;
    QJsonObject outputSchema;
    QList<DiscoveredTool> discovered;

    QString scope = QStringLiteral("org"); // public | org | private
    QStringList allowedOrgs;

    QString orgId;
    QString userId;
    QDateTime createdAt;
    QDateTime changedAt;
    QDateTime deletedAt;
    bool isDeleted = false;

    bool operator==(const ToolRecord&) const = default;
    QJsonObject toJson() const;
};

// Seed 000 `instructions`.
struct InstructionRecord
{
    QString instructionId;
    QString name; // 1-255
    QString description; // up to 500
    QString systemPrompt; // 1-10000
    QStringList guidelines;
    QStringList tags;
    bool isActive = true;

    QString orgId;
    QString userId;
    QDateTime createdAt;
    QDateTime changedAt;
    QDateTime deletedAt;
    bool isDeleted = false;

    bool operator==(const InstructionRecord&) const = default;
    QJsonObject toJson() const;
    // The system prompt an agent gets: systemPrompt, then the guidelines as "- " bullets.
    QString composedPrompt() const;
};

// Seed 000 `agents.llmModel`. provider: "internal" (a running deployment, reached through the
// controller's /v1 routes), "openai", "anthropic", "ollama" or "openai-compatible" (any URL).
struct LlmModelRef
{
    QString deploymentId; // internal only
    QString provider = QStringLiteral("internal");
    QString modelName;
    QString endpoint; // base URL override (ollama, openai-compatible); empty = the provider's default
    // Name of the keychain secret holding the API key ("agent-<agentId>-api-key"); never the key.
    QString apiKeySecret;

    bool operator==(const LlmModelRef&) const = default;
    QJsonObject toJson() const;
    static LlmModelRef fromJson(const QJsonObject& json);
    bool isCloud() const; // openai and anthropic leave the machine
};

// Seed 000 `agents`.
struct AgentRecord
{
    QString agentId;
    QString name; // 1-255
    QString description; // up to 1000
    LlmModelRef llmModel;
    QString instructionId;
    QString instructionOverride; // up to 10000; wins over instructionId
    QStringList tools; // toolIds
    QString workingDirectory;
    QString privacyMode = QStringLiteral("hybrid"); // local-only | allow-api | hybrid (seed 002)
    bool tokenCountsOnly = false; // seed 004: store token counts, never message text

    QString runtime = QStringLiteral("process"); // process (a local child) | container (on this machine)
    QString containerId; // the runtime's container while it runs as one
    QString status = QStringLiteral("stopped"); // stopped | starting | running | error
    QString lastError;
    bool websocketConnected = false;
    QString roomId() const { return QStringLiteral("room:agent-") + agentId; }

    qint64 conversationCount = 0;
    qint64 messageCount = 0;
    qint64 promptTokens = 0; // token accounting over every call
    qint64 completionTokens = 0;

    QString orgId;
    QString userId;
    QDateTime createdAt;
    QDateTime changedAt;
    QDateTime deletedAt;
    bool isDeleted = false;

    bool operator==(const AgentRecord&) const = default;
    QJsonObject toJson() const;
};

// Seed 000 `conversations`.
struct ConversationRecord
{
    QString conversationId;
    QString agentId;
    QString userId;
    QString title;
    QString channel = QStringLiteral("console"); // console | web-sdk | ...
    qint64 messageCount = 0;
    QDateTime lastMessageAt;
    QString status = QStringLiteral("active"); // active | archived

    QString orgId;
    QDateTime createdAt;
    QDateTime changedAt;
    QDateTime deletedAt;
    bool isDeleted = false;

    bool operator==(const ConversationRecord&) const = default;
    QJsonObject toJson() const;
};

struct FileRef
{
    QString fileId;
    QString url; // "/files/<fileId>" on the controller
    QString filename;
    QString mimetype;
    qint64 size = 0;

    bool operator==(const FileRef&) const = default;
    QJsonObject toJson() const;
    static FileRef fromJson(const QJsonObject& json);
};

// Seed 000 `messages`. In token-counts-only mode content, toolInput, toolOutput and thinking are
// empty and only the token counts are kept.
struct MessageRecord
{
    QString messageId;
    QString conversationId;
    QString type = QStringLiteral("user"); // user | agent | system | tool
    QString senderId;
    QString senderType = QStringLiteral("user"); // user | agent | system
    QString content;
    QList<FileRef> files;
    QString toolName;
    QJsonObject toolInput;
    QJsonObject toolOutput;
    QString toolStatus; // pending | success | error
    qint64 durationMs = 0;
    QString thinking;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    QJsonObject metadata; // warnings, replyTo, provider/model/latency of the call, ...

    QString orgId;
    QString userId;
    QDateTime createdAt;
    QDateTime changedAt;
    bool isDeleted = false;

    bool operator==(const MessageRecord&) const = default;
    QJsonObject toJson() const;
};

} // namespace aiops::agents
