#pragma once

#include "core/nodes/NodeInfo.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <optional>

namespace aiops::controller {
class NodeService;
}

namespace aiops::models {

// One row per node of the fleet, fed by NodeService. nodesChanged bursts are coalesced and applied
// at most every kRepaintIntervalMs; nodeRemoved is applied at once.
class NodeTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeTableModel)
public:
    enum Column {
        NameColumn,
        StatusColumn,
        GpuCountColumn,
        VramColumn,
        GpuUtilizationColumn,
        CpuColumn,
        RamColumn,
        HeartbeatColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    static constexpr int kRepaintIntervalMs = 100;
    static constexpr int kAgeRefreshIntervalMs = 5000;

    explicit NodeTableModel(controller::NodeService* service, QObject* parent = nullptr);
    ~NodeTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(const QString& nodeId) const; // -1 when absent
    std::optional<nodes::NodeInfo> nodeAt(int row) const;

    // Applies pending nodesChanged now instead of waiting for the repaint timer.
    void flush();
    // Clock used for "last heartbeat" ages (ms since epoch); tests inject a fixed one.
    void setClock(std::function<qint64()> nowMs);

private:
    void onNodesChanged(const QStringList& nodeIds);
    void onNodeRemoved(const QString& nodeId);
    void onAgeRefreshTimeout();
    void reindex(int fromRow);
    QVariant displayData(const nodes::NodeInfo& node, int column) const;
    QVariant sortData(const nodes::NodeInfo& node, int column) const;
    QVariant fractionData(const nodes::NodeInfo& node, int column) const;

    controller::NodeService* m_service;
    QList<nodes::NodeInfo> m_nodes;
    QHash<QString, int> m_rowById;
    QStringList m_pending;
    QTimer m_repaintTimer;
    QTimer m_ageTimer;
    std::function<qint64()> m_nowMs;
};

} // namespace aiops::models
