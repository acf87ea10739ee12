#pragma once

#include "core/agents/AgentConfig.h"
#include "core/agents/AgentLoop.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTimer>
#include <functional>
#include <memory>
#include <vector>

class QWebSocket;

namespace aiops::net {
class CurlClient;
}

namespace aiops::agents {

class LlmProvider;
class McpClient;
class ProviderRouter;

// The aiops-agent process: LLM providers and the router built from the config, one McpClient per tool server, and
// the WebSocket to the controller's agent gateway (see the agent runtime wire contract). It registers after every
// connect, sends heartbeats, reconnects with backoff (1 s doubling to 30 s), runs the turns of each conversation
// one at a time (conversations run side by side) and queues what it produces while disconnected. A tool server
// that cannot be reached leaves its tools out (agent.register metadata.toolErrors) and is tried again before the
// next turn. A frame from the controller that is not valid is logged and ignored.
class AgentRuntime final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentRuntime)

public:
    static constexpr int maxQueuedFrames = 1000; // frames kept while disconnected; the oldest go first
    static constexpr int maxHistoryMessages = 100; // in-memory history per conversation

    explicit AgentRuntime(AgentConfig config, QObject* parent = nullptr);
    ~AgentRuntime() override;

    // Connects the tool servers, then the gateway.
    void start();
    // Cancels the turns, closes the MCP sessions and the socket; stopped() follows once they had a moment to go.
    void shutdown();

    bool isRegistered() const { return m_registered; }
    QStringList toolsConnected() const;

signals:
    void stopped();

private:
    struct ToolServer
    {
        AgentConfig::Tool config;
        McpClient* client = nullptr;
        bool connecting = false;
        QString error; // why the last connect failed; empty once connected
        QList<std::function<void()>> waiting; // called when the connect attempt in progress settles
    };

    struct Conversation
    {
        QList<AgentTurn> queue;
        QPointer<AgentLoop> active;
        QList<ChatMessage> history; // kept for a controller that sends none
    };

    void buildProviders();
    void connectTools(std::function<void()> done);
    void connectTool(ToolServer& server, std::function<void()> done);
    QList<AgentTool> catalogue() const;

    void openSocket();
    void onConnected();
    void onDisconnected();
    void onTextMessage(const QString& text);
    void scheduleReconnect();
    void sendRegister();
    void sendHeartbeat();
    void send(QJsonObject frame, bool queueWhenOffline = true);

    void handleUserMessage(const QJsonObject& frame);
    void handleCancel(const QJsonObject& frame);
    void handleLocalOnly(const QJsonObject& frame);
    void startNextTurn(const QString& conversationId);
    void onTurnFinished(const QString& conversationId, AgentLoop* loop, const AgentLoop::Outcome& outcome);
    void updateStatus();
    int activeConversations() const;

    AgentConfig m_config;
    net::CurlClient* m_http;
    std::vector<std::unique_ptr<LlmProvider>> m_providers;
    ProviderRouter* m_router;
    std::vector<std::unique_ptr<ToolServer>> m_tools;

    QWebSocket* m_socket;
    QTimer m_heartbeat;
    QTimer m_reconnect;
    int m_backoffMs = 1'000;
    bool m_registered = false;
    bool m_stopping = false;
    QQueue<QJsonObject> m_offline;
    QElapsedTimer m_uptime;

    QHash<QString, Conversation> m_conversations;
    bool m_busy = false;
};

} // namespace aiops::agents
