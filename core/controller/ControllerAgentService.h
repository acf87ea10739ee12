#pragma once

#include "core/agents/AgentStore.h"
#include "core/agents/AgentTypes.h"
#include "core/controller/AgentService.h"
#include "core/controller/AgentSupervisor.h"
#include "core/iam/Principal.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QTimer>
#include <functional>
#include <memory>

namespace aiops::store {
class Database;
}
namespace aiops::iam {
class IamService;
class SecretStore;
} // namespace aiops::iam
namespace aiops::safety {
class SafetyService;
}
namespace aiops::net {
class CurlClient;
}
namespace aiops::agents {
class AgentStore;
}

namespace aiops::controller {

class AgentGateway;
class ControllerDeploymentService;
class LocalContainers;

// A built-in tool of the controller (served by its /mcp endpoint), as the registry lists it.
struct BuiltinTool
{
    QString name;
    QString description;
    QString category = QStringLiteral("system");
    QJsonObject inputSchema;
    QJsonObject outputSchema;
    // Runs the tool for "Try it" and the REST API as the caller; null = not callable here.
    std::function<Result<QJsonObject>(const iam::Principal&, const QJsonObject&)> call;
};

// Tools, instructions, agents and chat on the controller thread (issue 6):
//
//   tools      MCP servers registered by URL (Streamable HTTP or SSE) are health-checked every
//              healthIntervalMs (initialize + tools/list): active with the discovered tools, or
//              error with the reason. A server registered as a container (dockerImage + port) is
//              run on this machine by LocalContainers first; its endpoint is its loopback URL
//              once it runs. Built-in tools are seeded from setBuiltinTools().
//   agents     start() writes the runtime's 0600 config (agents/<id>.json: LLM providers, the
//              composed instructions, the MCP servers) with a fresh API key for the controller's
//              /v1 and /mcp routes, and runs aiops-agent under the AgentSupervisor (restart with
//              backoff). The agent is running once it registers on /ws/agent.
//   chat       user message -> PII redaction -> guardrails -> store -> the agent; agent output ->
//              guardrails -> store -> every user in the conversation (conversationEvent). In
//              token-counts-only mode no message text is stored.
//   storage    write-behind: a stored message is built in memory and fanned out at once; messages and
//              token usage are queued and written in one transaction per batch (storeBatchMessages
//              queued, or storeFlushMs after the first), on the controller thread. Every read that
//              must see them (REST messages and conversation lists, conversation and agent deletes
//              and edits, shutdown) writes the queue first. A failed batch stays queued and is
//              retried with backoff. The last historyMessages messages of recently active
//              conversations stay in memory, so a user message needs no history read.
class ControllerAgentService final : public AgentService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControllerAgentService)
public:
    struct Options
    {
        QString dataDir; // agents/<agentId>.json configs, files/ uploads
        QString controllerHttpUrl; // "http://127.0.0.1:8750" (runtime: /v1, /mcp)
        QString gatewayUrl; // "ws://127.0.0.1:8750/ws/agent"
        QString agentProgram; // aiops-agent; empty = next to this executable
        int healthIntervalMs = 30000; // 0 = only on demand
        int heartbeatIntervalMs = 10000;
        int historyMessages = 20; // earlier turns sent with a user message
        int storeFlushMs = 25; // queued messages are written at most this late...
        int storeBatchMessages = 256; // ...or as soon as this many are queued
        int historyConversations = 256; // conversations whose recent messages stay in memory (LRU)
        qint64 maxUploadBytes = 25 * 1024 * 1024;
        AgentSupervisor::Options supervisor;
        bool restoreRunningAgents = true; // restart agents that were running when the controller stopped
        QString containerSocket; // Docker Engine API socket for container tools and agents; empty = autodetect
        QString agentImage = QStringLiteral("localhost/aiops-agent-runtime:latest"); // agents with runtime container
        int containerReadyTimeoutMs = 30000; // a started tool container must answer MCP within this
    };

    ControllerAgentService(store::Database& database,
                           iam::IamService* iam,
                           iam::SecretStore* secrets,
                           safety::SafetyService* safety,
                           AgentGateway* gateway,
                           net::CurlClient* curl,
                           iam::Principal actingAs,
                           Options options,
                           QObject* parent = nullptr);
    ~ControllerAgentService() override;

    Result<void> start();
    void shutdown(); // stops the runtimes (their status is kept for restoreRunningAgents), writes queued messages
    // Writes the queued messages and token usage now (one transaction; controller thread). On failure
    // they stay queued and a retry is scheduled.
    Result<void> flushMessages() const;
    int queuedMessages() const { return int(m_pending.size()); } // controller thread
    void setBuiltinTools(const QList<BuiltinTool>& tools);
    void setDeployments(ControllerDeploymentService* deployments) { m_deployments = deployments; }
    agents::AgentStore& store() { return *m_store; }
    AgentSupervisor& supervisor() { return *m_supervisor; }

    // --- AgentService (any thread; acts as actingAs) ---
    QList<agents::ToolRecord> tools() const override;
    std::optional<agents::ToolRecord> tool(const QString& toolId) const override;
    Result<agents::ToolRecord> registerTool(const agents::ToolRecord& draft) override;
    Result<agents::ToolRecord> updateTool(const agents::ToolRecord& tool) override;
    Result<void> removeTool(const QString& toolId) override;
    Result<void> checkToolHealth(const QString& toolId) override;
    Result<void> restartTool(const QString& toolId) override;
    QString tryTool(const QString& toolId, const QString& toolName, const QJsonObject& arguments) override;
    QList<agents::InstructionRecord> instructions() const override;
    Result<agents::InstructionRecord> saveInstruction(const agents::InstructionRecord& instruction) override;
    Result<void> removeInstruction(const QString& instructionId) override;
    QList<agents::AgentRecord> agents() const override;
    std::optional<agents::AgentRecord> agent(const QString& agentId) const override;
    Result<agents::AgentRecord> saveAgent(const agents::AgentRecord& agent, const QString& apiKey = {}) override;
    Result<void> removeAgent(const QString& agentId) override;
    Result<void> startAgent(const QString& agentId) override;
    Result<void> stopAgent(const QString& agentId) override;
    QList<agents::ConversationRecord> conversations(const QString& agentId = {}) const override;
    Result<agents::ConversationRecord> createConversation(const QString& agentId, const QString& title = {}) override;
    Result<QList<agents::MessageRecord>> messages(const QString& conversationId) const override;
    Result<void> removeConversation(const QString& conversationId) override;
    Result<agents::MessageRecord> sendMessage(const QString& conversationId,
                                              const QString& content,
                                              const QList<agents::FileRef>& files = {}) override;
    void setTyping(const QString& conversationId, bool typing) override;
    Result<agents::FileRef> uploadFile(const QString& localPath) override;
    bool localOnly() const override;
    void setLocalOnly(bool on) override;

    // --- the same operations for a caller (controller thread: REST and /ws/system) ---
    QList<agents::ToolRecord> toolsFor(const iam::Principal& caller) const;
    Result<agents::ToolRecord> toolFor(const iam::Principal& caller, const QString& toolId) const;
    Result<agents::ToolRecord> registerToolAs(const iam::Principal& caller, const agents::ToolRecord& draft);
    Result<agents::ToolRecord>
    updateToolAs(const iam::Principal& caller, const QString& toolId, const QJsonObject& changes);
    Result<void> removeToolAs(const iam::Principal& caller, const QString& toolId);
    // A container tool: its container is removed and started again, then health-checked. An MCP
    // server by URL: a fresh session and health check.
    Result<void> restartToolAs(const iam::Principal& caller, const QString& toolId);
    // Runs a health check now and answers when it is done.
    void checkToolHealthAs(const iam::Principal& caller,
                           const QString& toolId,
                           std::function<void(Result<agents::ToolRecord>)> done);
    void callToolAs(const iam::Principal& caller,
                    const QString& toolId,
                    const QString& toolName,
                    const QJsonObject& arguments,
                    std::function<void(Result<QJsonObject>)> done);

    QList<agents::InstructionRecord> instructionsFor(const iam::Principal& caller) const;
    Result<agents::InstructionRecord> instructionFor(const iam::Principal& caller, const QString& id) const;
    Result<agents::InstructionRecord> createInstructionAs(const iam::Principal& caller, const QJsonObject& body);
    Result<agents::InstructionRecord>
    updateInstructionAs(const iam::Principal& caller, const QString& id, const QJsonObject& changes);
    Result<void> removeInstructionAs(const iam::Principal& caller, const QString& id);
    Result<QList<agents::AgentRecord>> agentsUsingInstructionAs(const iam::Principal& caller, const QString& id) const;

    QList<agents::AgentRecord> agentsFor(const iam::Principal& caller) const;
    Result<agents::AgentRecord> agentFor(const iam::Principal& caller, const QString& agentId) const;
    Result<agents::AgentRecord> createAgentAs(const iam::Principal& caller, const QJsonObject& body);
    Result<agents::AgentRecord>
    updateAgentAs(const iam::Principal& caller, const QString& agentId, const QJsonObject& changes);
    Result<void> removeAgentAs(const iam::Principal& caller, const QString& agentId);
    Result<void> startAgentAs(const iam::Principal& caller, const QString& agentId);
    Result<void> stopAgentAs(const iam::Principal& caller, const QString& agentId);

    Result<QList<agents::ConversationRecord>> conversationsFor(const iam::Principal& caller,
                                                               const QString& agentId) const;
    Result<agents::ConversationRecord> conversationFor(const iam::Principal& caller,
                                                       const QString& conversationId) const;
    Result<QList<agents::MessageRecord>> messagesFor(const iam::Principal& caller, const QString& conversationId) const;
    Result<agents::ConversationRecord> createConversationAs(const iam::Principal& caller,
                                                            const QString& agentId,
                                                            const QString& title,
                                                            const QString& conversationId = {});
    Result<void> removeConversationAs(const iam::Principal& caller, const QString& conversationId);
    // user.joinConversation: the caller's conversation with agentId (created when unknown).
    Result<agents::ConversationRecord>
    joinConversationAs(const iam::Principal& caller, const QString& conversationId, const QString& agentId);
    // user.message: the pipeline. messageId may be the client's (idempotent: a resent id is refused
    // with Conflict). Returns the message as stored (queued: the next batch writes it).
    Result<agents::MessageRecord> sendMessageAs(const iam::Principal& caller,
                                                const QString& conversationId,
                                                const QString& content,
                                                const QList<agents::FileRef>& files,
                                                const QString& messageId = {});
    void typingAs(const iam::Principal& caller, const QString& conversationId, bool typing);

    // Files (POST /files/upload, GET /files/:id).
    Result<agents::FileRef> storeFileAs(const iam::Principal& caller,
                                        const QString& filename,
                                        const QString& mimetype,
                                        const QByteArray& content);
    struct FileContent
    {
        agents::FileRef ref;
        QString path; // on disk
    };
    Result<FileContent> fileFor(const iam::Principal& caller, const QString& fileId) const;
    // Built-in document tools: uploaded files of the caller's org whose name or text matches.
    Result<QJsonObject> findDocuments(const iam::Principal& caller, const QString& query, int limit) const;
    Result<QJsonObject> readDocument(const iam::Principal& caller, const QString& fileId, qint64 maxBytes) const;

    // From the agent gateway.
    void onAgentConnected(const QString& agentId);
    void onAgentDisconnected(const QString& agentId);
    void onAgentEvent(const QString& agentId, const QJsonObject& event);
    // The agent a runtime token belongs to (the gateway's authentication).
    std::optional<QString> agentForToken(const QByteArray& token) const;

    static Result<agents::ToolRecord> toolFromJson(const QJsonObject& body, agents::ToolRecord base);
    static Result<agents::AgentRecord> agentFromJson(const QJsonObject& body, agents::AgentRecord base);
    static Result<agents::InstructionRecord> instructionFromJson(const QJsonObject& body,
                                                                 agents::InstructionRecord base);

private:
    struct Runtime
    {
        QByteArray token; // the runtime's /ws/agent secret
        QString apiKeyId; // its key for /v1 and /mcp, revoked on stop
        QString configPath;
        bool connected = false;
    };
    struct Turn
    {
        QString conversationId;
        QString replyTo;
        QString text; // streamed so far
        bool streamDeltas = true;
    };

    template<typename T, typename F> T onOwnThread(F&& work) const;
    // The conversation record, from memory after its first read (this service is its only writer).
    Result<agents::ConversationRecord> conversationRef(const QString& conversationId) const;
    // Keeps the cached conversation's and the agent snapshot's counters in step with a stored message.
    void noteStoredMessage(const agents::MessageRecord& message, qint64 promptTokens, qint64 completionTokens);
    // Queues a prepared message (and the agent's token usage) for the next batch and updates the caches.
    void queueMessage(const agents::MessageRecord& message, const QString& agentId, bool addUsage);
    // The last historyMessages messages of a conversation, oldest first (memory; SQLite on a miss).
    QList<agents::MessageRecord> recentMessages(const QString& conversationId) const;
    void publishTools();
    void putTool(const agents::ToolRecord& tool);
    // The transient deploy progress of a container tool (ToolRecord::deployPhase); "" when done.
    void setToolDeployPhase(const QString& toolId, const QString& phase, qint64 currentBytes, qint64 totalBytes);
    void putAgent(const agents::AgentRecord& agent);
    void putInstruction(const agents::InstructionRecord& instruction);
    void runHealthChecks();
    // quiet: a failure is returned but not stored (a container that is still starting).
    void checkHealth(const QString& toolId, std::function<void(Result<agents::ToolRecord>)> done, bool quiet = false);
    // Container tools (issue 6): run the tool's image on this machine, then probe it until it answers.
    void deployToolContainer(const agents::ToolRecord& tool);
    void onToolContainerDeployed(const QString& toolId, const QString& containerId, int hostPort);
    void onToolContainerFailed(const QString& toolId, const QString& message);
    void probeUntilReady(const QString& toolId, qint64 deadlineMs);
    void saveToolState(const QString& toolId, const std::function<void(agents::ToolRecord&)>& change);
    Result<void> canManage(const iam::Principal& caller, const QString& orgId) const;
    Result<void> canSee(const iam::Principal& caller, const QString& orgId) const;
    Result<agents::AgentRecord> validateAgent(const agents::AgentRecord& agent) const;
    Result<void> launch(const agents::AgentRecord& agent);
    Result<QJsonObject>
    runtimeConfig(const agents::AgentRecord& agent, const QByteArray& token, const QByteArray& apiKey) const;
    void setStatus(const QString& agentId, const QString& status, const QString& error = {});
    void endRuntime(const QString& agentId);
    bool guardsAgentOutput(const QString& agentId) const;
    void emitEvent(QJsonObject event);
    void storeAgentMessage(const agents::AgentRecord& agent, const QJsonObject& event);
    QString newId(const QString& prefix) const;

    store::Database& m_database;
    iam::IamService* m_iam;
    iam::SecretStore* m_secrets;
    safety::SafetyService* m_safety;
    AgentGateway* m_gateway;
    net::CurlClient* m_curl;
    ControllerDeploymentService* m_deployments = nullptr;
    iam::Principal m_actingAs;
    Options m_options;
    std::unique_ptr<agents::AgentStore> m_store;
    std::unique_ptr<AgentSupervisor> m_supervisor;
    std::unique_ptr<LocalContainers> m_containers; // container tools; the engine is found on first use
    QTimer m_healthTimer;
    QHash<QString, BuiltinTool> m_builtins;

    mutable QMutex m_mutex; // guards the snapshots below (read from any thread)
    QHash<QString, agents::ToolRecord> m_tools;
    QHash<QString, agents::InstructionRecord> m_instructions;
    QHash<QString, agents::AgentRecord> m_agents;
    bool m_localOnly = false;

    QHash<QString, Runtime> m_runtimes; // controller thread only
    mutable QHash<QString, agents::ConversationRecord> m_conversationCache; // controller thread only
    QHash<QString, Turn> m_turns; // agent messageId -> streaming state

    // Write-behind of chat messages (controller thread only).
    struct History
    {
        QList<agents::MessageRecord> messages; // the last historyMessages (type, text, time), oldest first
        quint64 lastUse = 0;
    };
    mutable QList<agents::MessageRecord> m_pending;
    mutable QSet<QString> m_pendingIds;
    mutable QHash<QString, agents::AgentStore::AgentUsage> m_pendingUsage; // by agentId
    mutable QTimer m_flushTimer;
    mutable int m_flushFailures = 0;
    mutable QHash<QString, History> m_history; // by conversationId
    mutable quint64 m_historyClock = 0;
    QSet<QString> m_healthInFlight;
    QSet<QString> m_toolsDeploying; // container tools between deploy and their first answer
};

} // namespace aiops::controller
