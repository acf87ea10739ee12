#pragma once

#include "core/agents/AgentTypes.h"
#include "core/protocol/Error.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace aiops::controller {

// The service API the GUI (and a remote console) uses for tools, instructions, agents and chat,
// like DeploymentService for deployments. The in-process console acts as the local owner.
// Getters are thread-safe snapshots; mutators validate and persist synchronously (from another
// thread they block briefly on the controller thread) and report later changes through signals.
class AgentService : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~AgentService() override = default;

    // --- tools (seed 000 `tools`) ---
    virtual QList<agents::ToolRecord> tools() const = 0; // built-in ones included
    virtual std::optional<agents::ToolRecord> tool(const QString& toolId) const = 0;
    // An MCP server by URL (endpoint + transport) or as a container (dockerImage + port +
    // environment, deployed on the local node). The first health check starts at once; its result
    // arrives through toolsChanged. InvalidValue for a bad field (the message names it).
    virtual Result<agents::ToolRecord> registerTool(const agents::ToolRecord& draft) = 0;
    virtual Result<agents::ToolRecord> updateTool(const agents::ToolRecord& tool) = 0; // MCP only
    virtual Result<void> removeTool(const QString& toolId) = 0; // MCP only; Conflict while assigned
    virtual Result<void> checkToolHealth(const QString& toolId) = 0; // result via toolsChanged
    virtual Result<void> restartTool(const QString& toolId) = 0; // container tools
    // Calls one discovered tool ("Try it"); the answer comes as toolCallFinished(requestId, ...).
    // Returns the request id.
    virtual QString tryTool(const QString& toolId, const QString& toolName, const QJsonObject& arguments) = 0;

    // --- instructions (seed 000 `instructions`) ---
    virtual QList<agents::InstructionRecord> instructions() const = 0;
    virtual Result<agents::InstructionRecord> saveInstruction(const agents::InstructionRecord& instruction)
        = 0; // empty id = create
    virtual Result<void> removeInstruction(const QString& instructionId) = 0; // Conflict while agents use it

    // --- agents (seed 000 `agents`) ---
    virtual QList<agents::AgentRecord> agents() const = 0;
    virtual std::optional<agents::AgentRecord> agent(const QString& agentId) const = 0;
    // Empty agentId = create. `apiKey` (cloud and keyed providers) goes to the keychain, never to the
    // database; an empty apiKey keeps the stored one.
    virtual Result<agents::AgentRecord> saveAgent(const agents::AgentRecord& agent, const QString& apiKey = {}) = 0;
    virtual Result<void> removeAgent(const QString& agentId) = 0; // stops it first
    virtual Result<void> startAgent(const QString& agentId) = 0; // status: starting, then running
    virtual Result<void> stopAgent(const QString& agentId) = 0;

    // --- conversations and chat ---
    virtual QList<agents::ConversationRecord> conversations(const QString& agentId = {}) const = 0; // newest first
    virtual Result<agents::ConversationRecord> createConversation(const QString& agentId, const QString& title = {})
        = 0;
    virtual Result<QList<agents::MessageRecord>> messages(const QString& conversationId) const = 0; // oldest first
    virtual Result<void> removeConversation(const QString& conversationId) = 0;
    // Sends a user message through the pipeline (PII, guardrails, store, agent). Returns the stored
    // message as others see it (masked PII, warnings in metadata.warnings). A blocked message
    // returns the filter's error (e.g. GUARDRAIL_BLOCKED with the guardrail's message); an agent that
    // is not running gives Unavailable.
    virtual Result<agents::MessageRecord>
    sendMessage(const QString& conversationId, const QString& content, const QList<agents::FileRef>& files = {}) = 0;
    virtual void setTyping(const QString& conversationId, bool typing) = 0;
    // Copies a local file into the object store; the result goes into sendMessage's files.
    virtual Result<agents::FileRef> uploadFile(const QString& localPath) = 0;

    // Seed 004's global switch: no request leaves for a cloud provider while it is on.
    virtual bool localOnly() const = 0;
    virtual void setLocalOnly(bool on) = 0;

Q_SIGNALS:
    void toolsChanged();
    void instructionsChanged();
    void agentsChanged(const QStringList& agentIds);
    void conversationsChanged(const QString& agentId);
    // Every event of a conversation as /ws/system users get it: user.message, agent.typing,
    // agent.messageDelta, agent.toolCall.start, agent.toolCall.end, agent.message, agent.error.
    void conversationEvent(const QJsonObject& event);
    void toolCallFinished(const QString& requestId, const QJsonObject& result, const aiops::Error& error);
    // The tray reports these.
    void agentFailed(const QString& agentId, const QString& name, const QString& error);
    void localOnlyChanged(bool on);
};

} // namespace aiops::controller
