#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>
#include <optional>

class QWebSocket;

namespace aiops {
struct Error;
}

namespace aiops::controller {

// The /ws/agent gateway for agent runtimes (aiops-agent). A runtime presents the secret the
// controller wrote into its configuration ("Authorization: Bearer <token>"); the authenticator maps
// it to the agent it was issued for. Frames are validated (JSON object, known agent.* type, the
// fields that type needs, agentId equal to the authenticated one) before anything acts on them; a
// bad frame gets system.error with an errorCode and the connection stays open. One connection per
// agent: a newer one replaces the older.
class AgentGateway final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentGateway)
public:
    struct Options
    {
        qsizetype maxFrameBytes = 1024 * 1024;
        double messagesPerSecond = 200; // sustained per connection (token deltas are many)
        double burst = 400;
        std::function<std::optional<QString>(const QByteArray& token)> authenticate;
    };
    static constexpr int CloseCodeUnauthorized = 4401;
    static constexpr int CloseCodeReplaced = 4409;

    explicit AgentGateway(Options options, QObject* parent = nullptr);
    ~AgentGateway() override;

    void setAuthenticator(std::function<std::optional<QString>(const QByteArray&)> authenticate);
    void accept(std::unique_ptr<QWebSocket> socket);
    bool isConnected(const QString& agentId) const { return m_byAgent.contains(agentId); }
    // Sends a frame to the agent's runtime; false when it is not connected.
    bool send(const QString& agentId, const QJsonObject& message);
    void disconnectAgent(const QString& agentId);
    quint64 errorsSent() const { return m_errorsSent; }

Q_SIGNALS:
    void agentConnected(const QString& agentId);
    void agentDisconnected(const QString& agentId);
    // A validated agent.* frame (agentId filled in when the type carries none).
    void agentEvent(const QString& agentId, const QJsonObject& event);

private:
    struct Connection;
    void onText(quint64 id, const QString& text);
    void onClosed(quint64 id);
    void sendError(Connection& connection, const Error& error);

    Options m_options;
    quint64 m_nextId = 1;
    QHash<quint64, Connection*> m_connections;
    QHash<QString, quint64> m_byAgent;
    quint64 m_errorsSent = 0;
};

} // namespace aiops::controller
