#pragma once

#include "core/controller/AgentService.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QList>
#include <algorithm>
#include <utility>

namespace aiops::testing {

using namespace Qt::StringLiterals;

// Test double of controller::AgentService: in-memory tools, instructions, agents, conversations
// and messages. Emits the service's signals synchronously, records every call and fails the next
// operation on request. Chat events are pushed by the test with emitEvent(). Header-only and
// without Q_OBJECT, so any test can include it without moc.
class FakeAgentService final : public controller::AgentService
{
    Q_DISABLE_COPY_MOVE(FakeAgentService)
public:
    struct Call
    {
        QString operation; // "registerTool", "sendMessage", "startAgent", "tryTool", ...
        QString id; // the tool, agent or conversation it acted on
        QString text; // message content, tool name, ...
        QJsonObject arguments;
    };

    FakeAgentService() = default;
    ~FakeAgentService() override = default;

    // --- test-side control ---
    void putTool(const agents::ToolRecord& tool)
    {
        put(m_tools, tool, &agents::ToolRecord::toolId);
        Q_EMIT toolsChanged();
    }
    void putInstruction(const agents::InstructionRecord& instruction)
    {
        put(m_instructions, instruction, &agents::InstructionRecord::instructionId);
        Q_EMIT instructionsChanged();
    }
    void putAgent(const agents::AgentRecord& agent)
    {
        put(m_agents, agent, &agents::AgentRecord::agentId);
        Q_EMIT agentsChanged({ agent.agentId });
    }
    void putConversation(const agents::ConversationRecord& conversation)
    {
        put(m_conversations, conversation, &agents::ConversationRecord::conversationId);
        Q_EMIT conversationsChanged(conversation.agentId);
    }
    void putMessage(const agents::MessageRecord& message) { m_messages[message.conversationId].append(message); }
    void emitEvent(const QJsonObject& event) { Q_EMIT conversationEvent(event); }
    void answerTool(const QString& requestId, const QJsonObject& result, const Error& error = {})
    {
        Q_EMIT toolCallFinished(requestId, result, error);
    }
    void failNextOperation(Error error) { m_failure = std::move(error); }
    QList<Call> calls() const { return m_calls; }
    QList<Call> callsOf(const QString& operation) const
    {
        QList<Call> found;
        for (const Call& call : m_calls) {
            if (call.operation == operation)
                found.append(call);
        }
        return found;
    }

    // --- tools ---
    QList<agents::ToolRecord> tools() const override { return m_tools; }
    std::optional<agents::ToolRecord> tool(const QString& toolId) const override
    {
        return find(m_tools, toolId, &agents::ToolRecord::toolId);
    }
    Result<agents::ToolRecord> registerTool(const agents::ToolRecord& draft) override
    {
        record(u"registerTool"_s, draft.toolId, draft.name);
        if (auto failed = takeFailure())
            return std::unexpected(*failed);
        agents::ToolRecord tool = draft;
        if (tool.toolId.isEmpty())
            tool.toolId = newId(u"tool-"_s);
        tool.createdAt = tool.changedAt = QDateTime::currentDateTimeUtc();
        putTool(tool);
        return tool;
    }
    Result<agents::ToolRecord> updateTool(const agents::ToolRecord& tool) override
    {
        record(u"updateTool"_s, tool.toolId, tool.name);
        if (auto failed = takeFailure())
            return std::unexpected(*failed);
        putTool(tool);
        return tool;
    }
    Result<void> removeTool(const QString& toolId) override
    {
        return removeFrom(
            m_tools, u"removeTool"_s, toolId, &agents::ToolRecord::toolId, [this] { Q_EMIT toolsChanged(); });
    }
    Result<void> checkToolHealth(const QString& toolId) override { return simple(u"checkToolHealth"_s, toolId); }
    Result<void> restartTool(const QString& toolId) override { return simple(u"restartTool"_s, toolId); }
    QString tryTool(const QString& toolId, const QString& toolName, const QJsonObject& arguments) override
    {
        m_calls.append({ u"tryTool"_s, toolId, toolName, arguments });
        return newId(u"req-"_s);
    }

    // --- instructions ---
    QList<agents::InstructionRecord> instructions() const override { return m_instructions; }
    Result<agents::InstructionRecord> saveInstruction(const agents::InstructionRecord& instruction) override
    {
        record(u"saveInstruction"_s, instruction.instructionId, instruction.name);
        if (auto failed = takeFailure())
            return std::unexpected(*failed);
        agents::InstructionRecord saved = instruction;
        if (saved.instructionId.isEmpty())
            saved.instructionId = newId(u"inst-"_s);
        putInstruction(saved);
        return saved;
    }
    Result<void> removeInstruction(const QString& instructionId) override
    {
        return removeFrom(
            m_instructions, u"removeInstruction"_s, instructionId, &agents::InstructionRecord::instructionId, [this] {
                Q_EMIT instructionsChanged();
            });
    }

    // --- agents ---
    QList<agents::AgentRecord> agents() const override { return m_agents; }
    std::optional<agents::AgentRecord> agent(const QString& agentId) const override
    {
        return find(m_agents, agentId, &agents::AgentRecord::agentId);
    }
    Result<agents::AgentRecord> saveAgent(const agents::AgentRecord& agent, const QString& apiKey = {}) override
    {
        m_calls.append({ u"saveAgent"_s, agent.agentId, apiKey, {} });
        if (auto failed = takeFailure())
            return std::unexpected(*failed);
        agents::AgentRecord saved = agent;
        if (saved.agentId.isEmpty())
            saved.agentId = newId(u"agent-"_s);
        if (!apiKey.isEmpty())
            saved.llmModel.apiKeySecret = u"agent-"_s + saved.agentId + u"-api-key"_s;
        putAgent(saved);
        return saved;
    }
    Result<void> removeAgent(const QString& agentId) override
    {
        return removeFrom(m_agents, u"removeAgent"_s, agentId, &agents::AgentRecord::agentId, [this, agentId] {
            Q_EMIT agentsChanged({ agentId });
        });
    }
    Result<void> startAgent(const QString& agentId) override
    {
        return setStatus(u"startAgent"_s, agentId, u"running"_s);
    }
    Result<void> stopAgent(const QString& agentId) override { return setStatus(u"stopAgent"_s, agentId, u"stopped"_s); }

    // --- conversations ---
    QList<agents::ConversationRecord> conversations(const QString& agentId = {}) const override
    {
        QList<agents::ConversationRecord> found;
        for (const agents::ConversationRecord& c : m_conversations) {
            if (agentId.isEmpty() || c.agentId == agentId)
                found.prepend(c); // newest first
        }
        return found;
    }
    Result<agents::ConversationRecord> createConversation(const QString& agentId, const QString& title = {}) override
    {
        record(u"createConversation"_s, agentId, title);
        if (auto failed = takeFailure())
            return std::unexpected(*failed);
        agents::ConversationRecord conversation;
        conversation.conversationId = newId(u"conv-"_s);
        conversation.agentId = agentId;
        conversation.title = title;
        conversation.createdAt = conversation.changedAt = QDateTime::currentDateTimeUtc();
        putConversation(conversation);
        return conversation;
    }
    Result<QList<agents::MessageRecord>> messages(const QString& conversationId) const override
    {
        return m_messages.value(conversationId);
    }
    Result<void> removeConversation(const QString& conversationId) override
    {
        m_messages.remove(conversationId);
        QString agentId;
        if (auto c = find(m_conversations, conversationId, &agents::ConversationRecord::conversationId))
            agentId = c->agentId;
        return removeFrom(m_conversations,
                          u"removeConversation"_s,
                          conversationId,
                          &agents::ConversationRecord::conversationId,
                          [this, agentId] { Q_EMIT conversationsChanged(agentId); });
    }
    // Stores the message as sent (the test decides what the pipeline would have done through
    // failNextOperation or setNextMasking) and emits it as a user.message event.
    Result<agents::MessageRecord> sendMessage(const QString& conversationId,
                                              const QString& content,
                                              const QList<agents::FileRef>& files = {}) override
    {
        record(u"sendMessage"_s, conversationId, content);
        if (auto failed = takeFailure())
            return std::unexpected(*failed);
        agents::MessageRecord message;
        message.messageId = newId(u"msg-"_s);
        message.conversationId = conversationId;
        message.content = m_nextMasked.isEmpty() ? content : std::exchange(m_nextMasked, {});
        message.files = files;
        message.senderId = u"owner"_s;
        message.createdAt = message.changedAt = QDateTime::currentDateTimeUtc();
        if (!m_nextWarnings.isEmpty())
            message.metadata.insert(u"warnings"_s, QJsonArray::fromStringList(std::exchange(m_nextWarnings, {})));
        putMessage(message);
        QJsonObject event {
            { u"type"_s, u"user.message"_s },        { u"messageId"_s, message.messageId },
            { u"conversationId"_s, conversationId }, { u"userId"_s, message.senderId },
            { u"content"_s, message.content },       { u"timestamp"_s, QDateTime::currentMSecsSinceEpoch() }
        };
        if (!message.metadata.isEmpty())
            event.insert(u"metadata"_s, message.metadata);
        Q_EMIT conversationEvent(event);
        return message;
    }
    // What the next sendMessage stores instead of the typed text (as PII masking would), and its warnings.
    void setNextMasking(const QString& masked, const QStringList& warnings = {})
    {
        m_nextMasked = masked;
        m_nextWarnings = warnings;
    }
    void setTyping(const QString& conversationId, bool typing) override
    {
        m_calls.append({ u"setTyping"_s, conversationId, typing ? u"true"_s : u"false"_s, {} });
    }
    Result<agents::FileRef> uploadFile(const QString& localPath) override
    {
        record(u"uploadFile"_s, {}, localPath);
        if (auto failed = takeFailure())
            return std::unexpected(*failed);
        agents::FileRef ref;
        ref.fileId = newId(u"file-"_s);
        ref.url = u"/files/"_s + ref.fileId;
        ref.filename = localPath.section(u'/', -1);
        ref.mimetype = u"application/octet-stream"_s;
        return ref;
    }

    bool localOnly() const override { return m_localOnly; }
    void setLocalOnly(bool on) override
    {
        record(u"setLocalOnly"_s, {}, on ? u"true"_s : u"false"_s);
        if (m_localOnly == on)
            return;
        m_localOnly = on;
        Q_EMIT localOnlyChanged(on);
    }

private:
    template<typename T> static void put(QList<T>& list, const T& item, QString T::*key)
    {
        auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.*key == item.*key; });
        if (it != list.end())
            *it = item;
        else
            list.append(item);
    }
    template<typename T> static std::optional<T> find(const QList<T>& list, const QString& id, QString T::*key)
    {
        for (const T& x : list) {
            if (x.*key == id)
                return x;
        }
        return std::nullopt;
    }
    template<typename T, typename Notify>
    Result<void> removeFrom(QList<T>& list, const QString& operation, const QString& id, QString T::*key, Notify notify)
    {
        record(operation, id, {});
        if (auto failed = takeFailure())
            return std::unexpected(*failed);
        if (list.removeIf([&](const T& x) { return x.*key == id; }) == 0)
            return makeError(ErrorCode::NotFound, u"No such item: "_s + id);
        notify();
        return {};
    }
    Result<void> simple(const QString& operation, const QString& id)
    {
        record(operation, id, {});
        if (auto failed = takeFailure())
            return std::unexpected(*failed);
        return {};
    }
    Result<void> setStatus(const QString& operation, const QString& agentId, const QString& status)
    {
        record(operation, agentId, {});
        if (auto failed = takeFailure())
            return std::unexpected(*failed);
        for (agents::AgentRecord& a : m_agents) {
            if (a.agentId == agentId) {
                a.status = status;
                Q_EMIT agentsChanged({ agentId });
                return {};
            }
        }
        return makeError(ErrorCode::NotFound, u"No such agent: "_s + agentId);
    }
    void record(const QString& operation, const QString& id, const QString& text)
    {
        m_calls.append({ operation, id, text, {} });
    }
    std::optional<Error> takeFailure() { return std::exchange(m_failure, std::nullopt); }
    QString newId(const QString& prefix) { return prefix + QString::number(++m_nextId); }

    QList<agents::ToolRecord> m_tools;
    QList<agents::InstructionRecord> m_instructions;
    QList<agents::AgentRecord> m_agents;
    QList<agents::ConversationRecord> m_conversations;
    QHash<QString, QList<agents::MessageRecord>> m_messages;
    QList<Call> m_calls;
    std::optional<Error> m_failure;
    QString m_nextMasked;
    QStringList m_nextWarnings;
    bool m_localOnly = false;
    int m_nextId = 0;
};

} // namespace aiops::testing
