#pragma once

#include "core/deploy/DeploymentTypes.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <optional>

namespace aiops::controller {
class DeploymentService;
class NodeService;
} // namespace aiops::controller
namespace aiops::registry {
class ModelService;
}

namespace aiops::models {

// One row per deployment, fed by controller::DeploymentService. deploymentsChanged bursts (progress,
// request counters) are coalesced and applied at most every kRepaintIntervalMs; deploymentRemoved
// at once. Model and node names come from the optional ModelService and NodeService.
class DeploymentTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentTableModel)
public:
    enum Column {
        ModelColumn,
        InstanceColumn,
        NodeColumn,
        StatusColumn,
        HealthColumn,
        EndpointColumn,
        RequestsColumn,
        LatencyColumn,
        LastRequestColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    // ModelRoles.h's SortRole and SearchTextRole apply, and StatusRole carries the shape and colour
    // key StatusDelegate draws (statusShape()).
    static constexpr int DeploymentIdRole = Qt::UserRole + 80; // QString
    static constexpr int DeploymentStatusRole = Qt::UserRole + 81; // QString: deploying | running | ...
    static constexpr int kRepaintIntervalMs = 100;

    explicit DeploymentTableModel(controller::DeploymentService* service,
                                  registry::ModelService* models = nullptr,
                                  controller::NodeService* nodes = nullptr,
                                  QObject* parent = nullptr);
    ~DeploymentTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString& deploymentId) const; // -1 when absent
    std::optional<deploy::DeploymentRecord> deploymentAt(int row) const;
    int countWithStatus(deploy::DeploymentStatus status) const;

    // Reads the service's list now instead of waiting for the repaint timer.
    void flush();
    // Clock for "last request" ages (ms since epoch); tests inject a fixed one.
    void setClock(std::function<qint64()> nowMs);

    QString modelName(const QString& modelId) const; // the registry's name, else the id
    QString nodeName(const QString& nodeId) const; // the node's name, else the id

    // "Running", "Failed", "Stopped", or "Deploying · pulling 40 %".
    static QString statusText(const deploy::DeploymentRecord& record);
    static QString phaseText(deploy::DeploymentPhase phase); // "pulling", "health check", ...
    static QString healthText(deploy::HealthStatus health);
    // The node-status key whose shape and colour a deployment status borrows: running "online"
    // (filled green), deploying "maintenance" (half amber), failed "offline" (red ring), stopped
    // "stopped" (grey ring).
    static QString statusShape(deploy::DeploymentStatus status);
    static QString gpuText(const QStringList& deviceIds); // "GPU 0", "GPUs 0, 1"
    static QString latencyText(double ms); // "84 ms", "1.2 s", "–"

private:
    void onDeploymentsChanged();
    QVariant displayData(const deploy::DeploymentRecord& record, int column) const;
    QVariant sortData(const deploy::DeploymentRecord& record, int column) const;

    controller::DeploymentService* m_service;
    registry::ModelService* m_models;
    controller::NodeService* m_nodes;
    QList<deploy::DeploymentRecord> m_records;
    QTimer m_repaintTimer;
    std::function<qint64()> m_nowMs;
};

} // namespace aiops::models
