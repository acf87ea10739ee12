#pragma once

#include "core/nodes/MetricHistory.h"
#include "core/nodes/NodeInfo.h"
#include "core/protocol/Error.h"
#include "core/protocol/Messages.h"

#include <QHash>
#include <QObject>
#include <QReadWriteLock>
#include <QSet>
#include <QTimer>
#include <array>
#include <functional>
#include <optional>

namespace aiops::store {
class AsyncStatusWriter;
class NodeRepository;
} // namespace aiops::store

namespace aiops::nodes {

using ConnectionId = quint64;

// The live fleet: who is registered, online, what they measured. Lives on the controller thread;
// its mutators must be called there. The const getters are thread-safe (read lock + copy).
class NodeRegistry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeRegistry)
public:
    struct Options
    {
        int heartbeatIntervalMs = 2000;
        int missedHeartbeats = 3;
        double gpuTemperatureThreshold = 85.0;
        int statusFlushIntervalMs = 5000;
        int changeCoalesceMs = 100;
        // Owner of nodes registered without one (IAM's default organization).
        store::Owner owner { QStringLiteral("default"), QStringLiteral("local-owner") };
    };
    using Clock = std::function<qint64()>;

    struct Stats
    {
        quint64 registrations = 0;
        quint64 heartbeats = 0;
        quint64 rejectedMessages = 0;
        int online = 0;
        int offline = 0;
        int maintenance = 0;
        int gpus = 0;
        double latencyP50Ms = 0; // heartbeat timestamp -> ingested by the registry
        double latencyP99Ms = 0;
        quint64 latencySamples = 0;
    };

    // repository may be null (no persistence, e.g. in unit tests).
    NodeRegistry(store::NodeRepository* repository, Options options, Clock clock = {}, QObject* parent = nullptr);
    ~NodeRegistry() override;

    // Loads persisted nodes (as offline, or maintenance) and starts the liveness/flush timers.
    Result<void> start();

    // `owner`: the organization and user the node's credential belongs to; null keeps the node's
    // current owner (or the default one for a new node).
    Result<NodeInfo>
    registerNode(const protocol::NodeRegister& message, ConnectionId connection, const store::Owner* owner = nullptr);
    Result<void> heartbeat(const protocol::NodeHeartbeat& message, ConnectionId connection);
    void disconnectNode(const protocol::NodeDisconnect& message, ConnectionId connection);
    void connectionClosed(ConnectionId connection);
    // Marks nodes whose heartbeats stopped as offline. Runs on a timer; public for tests.
    void checkLiveness();
    // Writes pending status changes in one batch. Runs on a timer and at shutdown. With an async
    // writer the batch is handed over and stored on the writer's thread.
    Result<int> flush();
    // Status batches go to this writer instead of the repository (null: write synchronously).
    void setStatusWriter(store::AsyncStatusWriter* writer);
    void noteRejectedMessage();

    Result<void> rename(const QString& nodeId, const QString& name);
    Result<void> setMaintenance(const QString& nodeId, bool maintenance);
    Result<void> remove(const QString& nodeId);

    // Thread-safe snapshots.
    QList<NodeInfo> nodes() const;
    std::optional<NodeInfo> node(const QString& nodeId) const;
    QList<NodePoint> nodeHistory(const QString& nodeId, qint64 sinceMs) const;
    QList<GpuPoint> gpuHistory(const QString& nodeId, const QString& deviceId, qint64 sinceMs) const;
    Stats stats() const;
    std::optional<ConnectionId> connectionOf(const QString& nodeId) const;
    int heartbeatIntervalMs() const { return m_options.heartbeatIntervalMs; }

Q_SIGNALS:
    void nodeCameOnline(const aiops::protocol::NodeOnline& event);
    void nodeWentOffline(const aiops::protocol::NodeOffline& event, const QString& name);
    void nodesChanged(const QStringList& nodeIds);
    void nodeRemoved(const QString& nodeId);
    void gpuTemperatureHigh(const QString& nodeId, const QString& deviceId, double celsius);
    // A node registered again on a new connection: the gateway should close the old one.
    void connectionSuperseded(aiops::nodes::ConnectionId oldConnection, const QString& nodeId);
    void failed(const QString& operation, const aiops::Error& error);

private:
    struct Entry
    {
        NodeInfo info;
        MetricHistory history;
        std::optional<ConnectionId> connection;
        qint64 lastSeenMs = 0;
        int intervalMs = 0;
        QSet<QString> hotGpus; // above the temperature threshold, to alert once per crossing
    };

    void markChanged(const QString& nodeId);
    void markStatusDirty(const QString& nodeId);
    void goOffline(Entry& entry, const QString& reason, QList<protocol::NodeOffline>& events);
    void recordLatency(qint64 ms);
    qint64 now() const { return m_clock(); }

    store::NodeRepository* m_repository;
    store::AsyncStatusWriter* m_writer = nullptr;
    Options m_options;
    Clock m_clock;

    mutable QReadWriteLock m_lock;
    QHash<QString, Entry> m_nodes;
    QHash<ConnectionId, QString> m_byConnection;
    quint64 m_registrations = 0;
    quint64 m_heartbeats = 0;
    quint64 m_rejected = 0;
    // Latency histogram: 1 ms buckets up to 10 s; the last bucket collects the rest.
    std::array<quint64, 10001> m_latency {};
    quint64 m_latencyCount = 0;

    QSet<QString> m_changed;
    QSet<QString> m_statusDirty;
    QTimer m_changeTimer;
    QTimer m_livenessTimer;
    QTimer m_flushTimer;
};

} // namespace aiops::nodes

Q_DECLARE_METATYPE(aiops::protocol::NodeOnline)
Q_DECLARE_METATYPE(aiops::protocol::NodeOffline)
