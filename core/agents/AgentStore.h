#pragma once

#include "core/agents/AgentTypes.h"
#include "core/protocol/Error.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>
#include <memory>

namespace aiops::store {
class Database;
}

namespace aiops::agents {

// One row of the `files` table: an uploaded object's metadata. The bytes live in the object store
// under storageKey. ref.url is always "/files/<fileId>" when read back.
struct StoredFile
{
    FileRef ref;
    QString storageKey;
    QString sha256;
    QString orgId;
    QString userId;
    QDateTime createdAt;
};

// Filters of AgentStore::conversations(); an empty string matches any value.
struct ConversationQuery
{
    QString agentId;
    QString userId;
    QString orgId;
    int limit = 200; // <= 0: no limit
};

// Repository of migration 6's tables (tools, instructions, agents, conversations, messages, files).
// Use it on the thread that opened the Database. Ids come from the caller (the store never invents
// them): InvalidValue for an empty id or an enum value the schema does not allow (the error names
// the field); Conflict for an id already used (soft-deleted rows included: ids are never reused);
// NotFound unless a live row exists (or includeDeleted). A JSON column that does not parse, or holds
// the wrong JSON type, gives StoreError naming the column.
class AgentStore final
{
public:
    using Clock = std::function<QDateTime()>;

    explicit AgentStore(store::Database& database);
    ~AgentStore();
    AgentStore(const AgentStore&) = delete;
    AgentStore& operator=(const AgentStore&) = delete;

    // Source of createdAt/changedAt/deletedAt. Default: UTC now.
    void setClock(Clock clock);
    QDateTime now() const;

    // --- tools ---
    // Live (or all) tools, oldest first.
    Result<QList<ToolRecord>> tools(bool includeDeleted = false) const;
    Result<ToolRecord> tool(const QString& toolId, bool includeDeleted = false) const;
    // createdAt and changedAt are set to now. transport may be empty only for a built-in tool.
    Result<ToolRecord> insertTool(const ToolRecord& tool);
    // Writes every mutable column (everything but toolId, createdAt and the deletion columns);
    // changedAt = now.
    Result<ToolRecord> updateTool(const ToolRecord& tool);
    Result<void> softDeleteTool(const QString& toolId);

    // --- instructions (same shape) ---
    Result<QList<InstructionRecord>> instructions(bool includeDeleted = false) const;
    Result<InstructionRecord> instruction(const QString& instructionId, bool includeDeleted = false) const;
    Result<InstructionRecord> insertInstruction(const InstructionRecord& instruction);
    Result<InstructionRecord> updateInstruction(const InstructionRecord& instruction);
    Result<void> softDeleteInstruction(const QString& instructionId);

    // --- agents ---
    Result<QList<AgentRecord>> agents(bool includeDeleted = false) const;
    Result<AgentRecord> agent(const QString& agentId, bool includeDeleted = false) const;
    // The statistics (conversationCount, messageCount, promptTokens, completionTokens) are stored
    // as given on insert; afterwards only the store changes them (insertConversation,
    // insertMessage, addAgentUsage).
    Result<AgentRecord> insertAgent(const AgentRecord& agent);
    // Config and runtime columns (containerId, status, lastError, websocketConnected) and the owner;
    // never the statistics, so a stale copy cannot undo a count.
    Result<AgentRecord> updateAgent(const AgentRecord& agent);
    Result<void>
    setAgentStatus(const QString& agentId, const QString& status, const QString& error, bool websocketConnected);
    // Adds to the token counters. OutOfRange for a negative count.
    Result<void> addAgentUsage(const QString& agentId, qint64 promptTokens, qint64 completionTokens);
    Result<void> softDeleteAgent(const QString& agentId);
    // Live agents whose instructionId / tools name the given id, oldest first.
    Result<QList<AgentRecord>> agentsUsingInstruction(const QString& instructionId) const;
    Result<QList<AgentRecord>> agentsUsingTool(const QString& toolId) const;

    // --- conversations ---
    // Live conversations matching the query, newest activity first (lastMessageAt, or createdAt for
    // one without messages).
    Result<QList<ConversationRecord>> conversations(const ConversationQuery& query) const;
    Result<ConversationRecord> conversation(const QString& conversationId, bool includeDeleted = false) const;
    // NotFound (field agentId) unless the agent is live. agents.conversationCount += 1 in the same
    // transaction. messageCount starts at 0 and lastMessageAt null; createdAt is the given one when
    // valid, else now.
    Result<ConversationRecord> insertConversation(const ConversationRecord& conversation);
    // The conversation and its messages.
    Result<void> softDeleteConversation(const QString& conversationId);

    // --- messages ---
    // In one transaction: stores the message, bumps the conversation's messageCount and
    // lastMessageAt (= the message's createdAt) and the messageCount of the conversation's agent.
    // NotFound (field conversationId) for an unknown or deleted conversation. createdAt is the given
    // one when valid, else now. When the conversation's agent has tokenCountsOnly, content,
    // toolInput, toolOutput and thinking are stored empty whatever the caller passed.
    Result<MessageRecord> insertMessage(const MessageRecord& message);
    // A message as insertMessages() will store it, built without touching the database: the checks
    // of insertMessage that need no read (InvalidValue, OutOfRange), createdAt = the given one when
    // valid, else now (UTC), changedAt = createdAt. The tokenCountsOnly clearing is the caller's
    // (insertMessages applies it again).
    Result<MessageRecord> prepareMessage(const MessageRecord& message) const;
    // Whether a message with this id was ever stored (soft-deleted ones included).
    Result<bool> messageExists(const QString& messageId) const;

    struct AgentUsage
    {
        QString agentId;
        qint64 promptTokens = 0;
        qint64 completionTokens = 0;
    };
    struct SkippedMessage
    {
        QString messageId;
        QString conversationId;
        Error error; // Conflict (the id exists) or NotFound (no live conversation)
    };
    struct BatchResult
    {
        int stored = 0;
        QList<SkippedMessage> skipped;
    };
    // Stores prepared messages (in order) and adds token usage in ONE transaction, with the effects
    // of insertMessage (conversation and agent counters, lastMessageAt, no text for a
    // tokenCountsOnly agent) and of addAgentUsage. A message whose id exists or whose conversation
    // is unknown or deleted is skipped and listed; usage of an unknown agent is ignored. Anything
    // else (a locked database, a failed statement) rolls the whole batch back and gives StoreError:
    // nothing was stored and the same batch can be given again.
    Result<BatchResult> insertMessages(const QList<MessageRecord>& messages, const QList<AgentUsage>& usage = {});
    // Live messages of a live conversation, oldest first; limit > 0 gives the last `limit` of them,
    // still oldest first. NotFound for an unknown or deleted conversation.
    Result<QList<MessageRecord>> messages(const QString& conversationId, int limit = 0) const;

    // --- files ---
    // InvalidValue for an empty fileId or storageKey, OutOfRange for a negative size; createdAt is
    // the given one when valid, else now.
    Result<StoredFile> insertFile(const StoredFile& file);
    Result<StoredFile> file(const QString& fileId) const; // NotFound (also when deleted)
    Result<QList<StoredFile>> files(const QString& orgId) const; // newest first; empty orgId = all

private:
    Result<MessageRecord> message(const QString& messageId) const;

    store::Database& m_db;
    Clock m_clock;
    // The chat hot path's statements, prepared once (destroyed with the store, before the database).
    struct MessageStatements;
    mutable std::unique_ptr<MessageStatements> m_statements;
    Result<MessageStatements*> messageStatements() const;
};

} // namespace aiops::agents
