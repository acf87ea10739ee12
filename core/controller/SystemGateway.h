#pragma once

#include "core/iam/Permissions.h"
#include "core/iam/Principal.h"
#include "core/protocol/Messages.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>

class QWebSocket;

namespace aiops::iam {
class IamService;
}

namespace aiops::registry {
struct DownloadJob;
struct ModelRecord;
} // namespace aiops::registry

namespace aiops::deploy {
struct DeploymentRecord;
}

namespace aiops::controller {

class ControllerAgentService;

// The /ws/system gateway for users (Web SDK, remote consoles): authenticates a user's access token,
// then pushes system.* events to every connection whose principal may see them.
//
// A user presents a JWT access token ("Authorization: Bearer" or ?token=, since browsers cannot set
// headers on a WebSocket). API keys, node credentials and enrollment tokens are refused with
// system.error UNAUTHORIZED and close code CloseCodeUnauthorized; so is an access token once it
// expires while connected. Users send system.ping and the seed's user.* chat messages
// (user.connect, user.disconnect, user.joinConversation, user.leaveConversation, user.message,
// user.typing); anything else gets a system.error and the connection stays open. A connection that
// joined a conversation gets its events (user.message, agent.*) as they happen.
class SystemGateway final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemGateway)
public:
    struct Options
    {
        qsizetype maxFrameBytes = 64 * 1024; // inbound frames
        double messagesPerSecond = 5; // sustained per connection
        double burst = 20;
        int progressIntervalMs = 500; // at most one system.modelDownloadProgress per job per interval
        qint64 maxBacklogBytes = 8 * 1024 * 1024; // above this, progress events skip the connection
        QString defaultOrgId = QStringLiteral("default"); // org of downloads that record none
        // Milliseconds since the epoch (UTC); empty = the system clock. Decides when a token expires.
        std::function<qint64()> clock;
        // The organization owning a node, for system.node.online/offline; empty (or no resolver) =
        // every user who may view metrics in their own organization.
        std::function<QString(const QString& nodeId)> nodeOrg;
    };

    // Close code of a connection whose credential is refused or has expired (4000-4999: application).
    static constexpr int CloseCodeUnauthorized = 4401;

    SystemGateway(iam::IamService* iam, Options options, QObject* parent = nullptr);
    ~SystemGateway() override;

    // Takes ownership of an upgraded socket whose request path is /ws/system.
    void accept(std::unique_ptr<QWebSocket> socket);
    int connectionCount() const { return int(m_connections.size()); }

    // Sends `event` (a JSON object with at least type and timestamp) to every connection whose
    // principal holds `needed` in `orgId`; an empty orgId reaches every user holding it in their own
    // org. Returns how many connections it was sent to.
    int publish(const QJsonObject& event, const QString& orgId, iam::Permission needed = iam::Permission::ViewMetrics);

    // Slots for the model registry and the node registry.
    // system.modelDownloadProgress, throttled per job; a state change is always sent.
    void onModelDownloadChanged(const registry::DownloadJob& job);
    // Completed: system.modelDownloaded; failed: system.notification (level error).
    void
    onModelDownloadFinished(const registry::DownloadJob& job, const registry::ModelRecord* model, qint64 durationMs);
    void onNodeOnline(const protocol::NodeOnline& event);
    void onNodeOffline(const protocol::NodeOffline& event);
    // Seed 000 Message Flow Example 2: system.deploymentCreated, then system.deploymentStatus on every
    // status or phase change (phase progress throttled like downloads), and a system.notification
    // when the model is ready or the deployment failed.
    void onDeploymentCreated(const deploy::DeploymentRecord& record);
    void onDeploymentStatus(const deploy::DeploymentRecord& record);

    // Chat: user.* messages go to this service; its conversation events come back through
    // onConversationEvent. Null: user.* messages are refused.
    void setChat(ControllerAgentService* chat) { m_chat = chat; }
    // Sends a conversation's event (user.message, agent.*) to every connection that joined it.
    int onConversationEvent(const QJsonObject& event);
    int joinedCount(const QString& conversationId) const { return int(m_rooms.value(conversationId).size()); }

    quint64 errorsSent() const { return m_errorsSent; }
    // Progress events skipped because a connection's send backlog was over maxBacklogBytes.
    quint64 eventsDropped() const { return m_eventsDropped; }

private:
    struct Connection;
    struct JobThrottle
    {
        QString state;
        qint64 lastSentMs = 0; // m_monotonic time
    };
    enum class Delivery { Always, DropWhenBacklogged };

    int deliver(const QJsonObject& event, const QString& orgId, iam::Permission needed, Delivery delivery);
    void onTextMessage(quint64 id, const QString& text);
    void
    onUserMessage(Connection& connection, const QString& type, const QJsonObject& message, const QString& requestId);
    void leave(Connection& connection, const QString& conversationId);
    void onBinaryMessage(quint64 id);
    void onDisconnected(quint64 id);
    void onTokenExpired(quint64 id);
    void sendError(Connection& connection, const Error& error, const QString& requestId = {});
    bool takeToken(Connection& connection);
    qint64 nowMs() const;

    iam::IamService* m_iam;
    Options m_options;
    quint64 m_nextId = 1;
    QHash<quint64, Connection*> m_connections;
    QHash<QString, QList<quint64>> m_rooms; // conversationId -> joined connections
    ControllerAgentService* m_chat = nullptr;
    QHash<QString, JobThrottle> m_jobThrottles;
    QElapsedTimer m_monotonic;
    quint64 m_errorsSent = 0;
    quint64 m_eventsDropped = 0;
};

} // namespace aiops::controller
