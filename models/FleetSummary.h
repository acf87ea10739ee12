#pragma once

#include <QObject>
#include <QTimer>

namespace aiops::controller {
class NodeService;
}

namespace aiops::models {

// Fleet-wide figures for the dashboard cards. GPU figures count nodes that are not offline (an
// offline node's last metrics are stale). Recomputed at most every kRecomputeIntervalMs; changed()
// is emitted only when a value actually changed.
class FleetSummary final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetSummary)
    Q_PROPERTY(int nodesOnline READ nodesOnline NOTIFY changed)
    Q_PROPERTY(int nodesOffline READ nodesOffline NOTIFY changed)
    Q_PROPERTY(int nodesMaintenance READ nodesMaintenance NOTIFY changed)
    Q_PROPERTY(int nodesTotal READ nodesTotal NOTIFY changed)
    Q_PROPERTY(int gpuCount READ gpuCount NOTIFY changed)
    Q_PROPERTY(qint64 vramTotalMb READ vramTotalMb NOTIFY changed)
    Q_PROPERTY(qint64 vramFreeMb READ vramFreeMb NOTIFY changed)
    Q_PROPERTY(double avgGpuUtilization READ avgGpuUtilization NOTIFY changed)
public:
    static constexpr int kRecomputeIntervalMs = 100;

    explicit FleetSummary(controller::NodeService* service, QObject* parent = nullptr);
    ~FleetSummary() override;

    int nodesOnline() const { return m_values.nodesOnline; }
    int nodesOffline() const { return m_values.nodesOffline; }
    int nodesMaintenance() const { return m_values.nodesMaintenance; }
    int nodesTotal() const { return m_values.nodesTotal; }
    int gpuCount() const { return m_values.gpuCount; }
    qint64 vramTotalMb() const { return m_values.vramTotalMb; }
    qint64 vramFreeMb() const { return m_values.vramFreeMb; }
    double avgGpuUtilization() const { return m_values.avgGpuUtilization; } // -1 without GPUs

    // Recomputes now instead of waiting for the timer.
    void flush();

Q_SIGNALS:
    void changed();

private:
    struct Values
    {
        int nodesOnline = 0;
        int nodesOffline = 0;
        int nodesMaintenance = 0;
        int nodesTotal = 0;
        int gpuCount = 0;
        qint64 vramTotalMb = 0;
        qint64 vramFreeMb = 0;
        double avgGpuUtilization = -1;
        bool operator==(const Values&) const = default;
    };

    void onServiceChanged();
    Values compute() const;

    controller::NodeService* m_service;
    Values m_values;
    QTimer m_recomputeTimer;
};

} // namespace aiops::models
