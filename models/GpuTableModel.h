#pragma once

#include "core/nodes/NodeInfo.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <QTimer>
#include <optional>

namespace aiops::controller {
class NodeService;
}

namespace aiops::models {

// One row per GPU: every GPU of the fleet, or only those of one node (setNodeFilter). Rows of a node
// stay together in the order the service lists nodes; updates are coalesced like NodeTableModel's.
class GpuTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GpuTableModel)
public:
    enum Column {
        NodeColumn,
        DeviceColumn,
        ModelColumn,
        UtilizationColumn,
        MemoryColumn,
        TemperatureColumn,
        PowerColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    static constexpr int kRepaintIntervalMs = 100;
    // A GPU this close below the alert threshold is shown as a warning.
    static constexpr double kTemperatureWarningMargin = 10.0;

    explicit GpuTableModel(controller::NodeService* service, QObject* parent = nullptr);
    ~GpuTableModel() override;

    // Empty = all nodes.
    void setNodeFilter(const QString& nodeId);
    QString nodeFilter() const { return m_nodeFilter; }
    // Temperature at which a GPU counts as hot (drawn as such; FractionRole is relative to it).
    void setTemperatureThreshold(double celsius);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void flush();

private:
    struct Row
    {
        QString nodeId;
        QString nodeName;
        QString nodeStatus;
        store::GpuDeviceRecord gpu;
        double powerW = -1;
    };

    void onNodesChanged(const QStringList& nodeIds);
    void onNodeRemoved(const QString& nodeId);
    void rebuild();
    QList<Row> rowsFor(const nodes::NodeInfo& node) const;
    void replaceNodeRows(const QString& nodeId, const QList<Row>& rows);
    QVariant displayData(const Row& row, int column) const;
    QVariant sortData(const Row& row, int column) const;

    controller::NodeService* m_service;
    QString m_nodeFilter;
    double m_temperatureThreshold = 85.0;
    QList<Row> m_rows;
    QStringList m_pending;
    QTimer m_repaintTimer;
};

} // namespace aiops::models
