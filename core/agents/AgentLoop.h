#pragma once

#include "core/agents/LlmProvider.h"
#include "core/agents/McpClient.h"
#include "core/protocol/Error.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <optional>

namespace aiops::agents {

class ProviderRouter;

// One tool the model may call, and the MCP server that runs it.
struct AgentTool
{
    QString name; // as the model sees it: the tool's own name, or "<server>__<tool>" when servers share a name
    QString toolName; // the name on its server
    QString server;
    QPointer<McpClient> client;
    McpTool tool;
};

// One turn of a conversation: the system prompt and earlier turns, then the user's message.
struct AgentTurn
{
    struct File
    {
        QString url;
        QString filename;
        QString mimetype;
        qint64 size = 0;
    };

    QString conversationId;
    QString replyTo; // the user message's id
    QString content;
    QList<File> files; // given to the model as text references
    QList<ChatMessage> history; // oldest first, roles "user" / "assistant"
};

// The turn engine of the agent runtime, independent of any socket: it asks the router for an answer with the
// tools, streams the text as agent.messageDelta, runs each tool call the model asks for on its MCP server (in
// order, between agent.toolCall.start and agent.toolCall.end; a failing tool is an error result for the model,
// not a failed turn) and asks again, until the model answers without tools. It ends with exactly one
// agent.message or agent.error (after agent.typing false). The events are the frames of the agent runtime wire
// contract, ready to send. One object runs one turn.
class AgentLoop final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentLoop)

public:
    struct Options
    {
        QString agentId;
        QString systemPrompt;
        QString model; // asked of the router; each provider maps it to its own model
        int maxToolRounds = 8; // rounds of tool calls before the turn fails
        int toolTimeoutMs = 120'000; // one tools/call
    };

    struct Outcome
    {
        bool ok = false;
        QString content; // the final answer (ok) or the error message
        ChatUsage usage;
    };

    AgentLoop(ProviderRouter* router, Options options, QList<AgentTool> tools, QObject* parent = nullptr);
    ~AgentLoop() override;

    // The catalogue the model is offered for these servers' tools: a name two servers share is prefixed with the
    // server's name and "__" on both.
    static QList<AgentTool> catalogue(const QList<std::pair<QString, McpClient*>>& servers);
    // The tool specification the model gets for a tool.
    static ToolSpec toolSpec(const AgentTool& tool);

    // The tools offered to the model; set before run().
    void setTools(QList<AgentTool> tools) { m_tools = std::move(tools); }
    // The turn this loop is for, known before run() starts it (run() sets it too).
    void setTurn(const AgentTurn& turn) { m_turn = turn; }
    // Starts the turn; the events follow asynchronously. Call once.
    void run(const AgentTurn& turn);
    // Stops the LLM call or tool call in progress; the turn ends with agent.error (metadata.cancelled true). A turn
    // cancelled before run() ends that way as soon as it runs.
    void cancel();

    bool isFinished() const { return m_finished; }
    const AgentTurn& turn() const { return m_turn; }
    const QString& messageId() const { return m_messageId; }

signals:
    void eventReady(const QJsonObject& event);
    void finished(const aiops::agents::AgentLoop::Outcome& outcome);

private:
    void askModel();
    void onAnswer(Result<ChatResult> result);
    void runNextTool();
    void onToolDone(int index, Result<McpToolResult> result);
    void endTool(const ToolCall& call, const QJsonObject& input, const QJsonObject& output, const QString& error);
    void finishWithMessage(const QString& content);
    void finishWithError(const Error& error, bool cancelled = false);
    void emitEvent(QJsonObject event);
    QJsonObject replyMetadata() const;
    const AgentTool* findTool(const QString& name) const;

    QPointer<ProviderRouter> m_router;
    Options m_options;
    QList<AgentTool> m_tools;
    AgentTurn m_turn;
    QString m_messageId;
    QList<ChatMessage> m_messages;
    QString m_text; // every text delta of the turn, joined
    bool m_roundHadDeltas = false;
    int m_round = 0;
    ChatUsage m_usage;
    QString m_provider;
    QString m_model;
    QElapsedTimer m_clock;

    ChatCall m_chatCall;
    QList<ToolCall> m_pendingCalls;
    int m_nextCall = 0;
    // The tool call in progress.
    QPointer<McpClient> m_toolClient;
    std::optional<McpClient::CallId> m_toolCallId;
    QString m_toolMessageId;
    QJsonObject m_toolInput;
    QElapsedTimer m_toolClock;

    bool m_started = false;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace aiops::agents

Q_DECLARE_METATYPE(aiops::agents::AgentLoop::Outcome)
