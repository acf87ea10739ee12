#pragma once

#include <QList>
#include <QMutex>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <atomic>
#include <memory>
#include <vector>

class QWebSocket;

namespace aiops::bench {

struct SimConfig
{
    QUrl url;
    QList<QByteArray> tokens; // one-time enrollment tokens, one per simulated node (index order)
    int gpusPerNode = 8;
    double rateHz = 1.0;
};

// Shared counters of all groups.
struct SimStats
{
    std::atomic<quint64> connected { 0 };
    std::atomic<quint64> registered { 0 };
    std::atomic<quint64> heartbeatsSent { 0 };
    std::atomic<quint64> errors { 0 };
    std::atomic<quint64> disconnects { 0 };
    QMutex latencyMutex;
    std::vector<quint64> latenciesUs; // ping-after-heartbeat round trips, for the current window
};

// A group of simulated node daemons on one thread. Heartbeat phases are spread evenly over the
// period, driven by one timer rather than one timer per node.
class SimGroup final : public QObject
{
    Q_OBJECT
public:
    SimGroup(SimConfig config, int firstIndex, int count, SimStats* stats);
    ~SimGroup() override;

public Q_SLOTS:
    void start(); // opens the connections in batches
    void stopAll();

private:
    struct Node;
    void openBatch();
    void tick();
    void sendHeartbeat(Node& node);

    SimConfig m_config;
    int m_firstIndex;
    int m_count;
    SimStats* m_stats;
    std::vector<std::unique_ptr<Node>> m_nodes;
    int m_opened = 0;
    QTimer* m_openTimer = nullptr;
    QTimer* m_tickTimer = nullptr;
    qint64 m_periodMs = 1000;
    qint64 m_startMs = 0;
};

} // namespace aiops::bench
