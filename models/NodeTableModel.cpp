#include "models/NodeTableModel.h"

#include "core/controller/NodeService.h"
#include "models/Format.h"
#include "models/ModelRoles.h"
#include "models/NodeMetrics.h"

#include <QDateTime>
#include <QLocale>

namespace aiops::models {

NodeTableModel::NodeTableModel(controller::NodeService* service, QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    Q_ASSERT(m_service);
    m_repaintTimer.setSingleShot(true);
    m_repaintTimer.setInterval(kRepaintIntervalMs);
    connect(&m_repaintTimer, &QTimer::timeout, this, &NodeTableModel::flush);
    m_ageTimer.setInterval(kAgeRefreshIntervalMs);
    connect(&m_ageTimer, &QTimer::timeout, this, &NodeTableModel::onAgeRefreshTimeout);
    m_ageTimer.start();

    connect(m_service, &controller::NodeService::nodesChanged, this, &NodeTableModel::onNodesChanged);
    connect(m_service, &controller::NodeService::nodeRemoved, this, &NodeTableModel::onNodeRemoved);

    m_nodes = m_service->nodes();
    reindex(0);
}

NodeTableModel::~NodeTableModel() = default;

int NodeTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_nodes.size());
}

int NodeTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NodeTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const nodes::NodeInfo& node = m_nodes.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayData(node, index.column());
    case SortRole: return sortData(node, index.column());
    case FractionRole: return fractionData(node, index.column());
    case NodeIdRole: return node.nodeId();
    case StatusRole: return node.record.status;
    case SearchTextRole:
        return QStringList { node.record.name, node.nodeId(), node.hostname }.join(QLatin1Char(' ')).toLower();
    case Qt::ToolTipRole:
        if (index.column() == HeartbeatColumn && node.lastHeartbeatMs > 0)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(node.lastHeartbeatMs), QLocale::LongFormat);
        if (index.column() == NameColumn)
            return node.hostname.isEmpty() ? node.nodeId() : tr("%1 on %2").arg(node.nodeId(), node.hostname);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == NameColumn || index.column() == StatusColumn)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant NodeTableModel::displayData(const nodes::NodeInfo& node, int column) const
{
    const NodeMetrics m = NodeMetrics::of(node);
    switch (column) {
    case NameColumn: return node.record.name.isEmpty() ? node.nodeId() : node.record.name;
    case StatusColumn: return Format::statusText(node.record.status);
    case GpuCountColumn: return QString::number(m.gpuCount);
    case VramColumn: return Format::usedOfTotal(m.vramTotalMb - m.vramFreeMb, m.vramTotalMb);
    case GpuUtilizationColumn: return Format::percent(m.avgGpuUtilization);
    case CpuColumn: return Format::percent(node.cpuUtilization);
    case RamColumn: return Format::usedOfTotal(node.record.ramTotal - node.record.ramFree, node.record.ramTotal);
    case HeartbeatColumn: return Format::heartbeat(node.lastHeartbeatMs, m_nowMs());
    default: return {};
    }
}

QVariant NodeTableModel::sortData(const nodes::NodeInfo& node, int column) const
{
    const NodeMetrics m = NodeMetrics::of(node);
    switch (column) {
    case NameColumn: return (node.record.name.isEmpty() ? node.nodeId() : node.record.name).toLower();
    case StatusColumn: return Format::statusOrder(node.record.status);
    case GpuCountColumn: return m.gpuCount;
    case VramColumn: return m.vramTotalMb - m.vramFreeMb;
    case GpuUtilizationColumn: return m.avgGpuUtilization;
    case CpuColumn: return node.cpuUtilization;
    case RamColumn: return node.record.ramTotal - node.record.ramFree;
    case HeartbeatColumn: return node.lastHeartbeatMs;
    default: return {};
    }
}

QVariant NodeTableModel::fractionData(const nodes::NodeInfo& node, int column) const
{
    const NodeMetrics m = NodeMetrics::of(node);
    switch (column) {
    case VramColumn:
        if (m.vramTotalMb <= 0)
            return {};
        return double(m.vramTotalMb - m.vramFreeMb) / double(m.vramTotalMb);
    case GpuUtilizationColumn:
        if (m.avgGpuUtilization < 0)
            return {};
        return m.avgGpuUtilization / 100.0;
    case CpuColumn:
        if (node.cpuUtilization < 0)
            return {};
        return node.cpuUtilization / 100.0;
    case RamColumn:
        if (node.record.ramTotal <= 0)
            return {};
        return double(node.record.ramTotal - node.record.ramFree) / double(node.record.ramTotal);
    default: return {};
    }
}

QVariant NodeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (section == NameColumn || section == StatusColumn)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case StatusColumn: return tr("Status");
    case GpuCountColumn: return tr("GPUs");
    case VramColumn: return tr("VRAM used / total");
    case GpuUtilizationColumn: return tr("Avg GPU util.");
    case CpuColumn: return tr("CPU");
    case RamColumn: return tr("RAM used / total");
    case HeartbeatColumn: return tr("Last heartbeat");
    default: return {};
    }
}

QHash<int, QByteArray> NodeTableModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(NodeIdRole, "nodeId");
    names.insert(StatusRole, "status");
    names.insert(FractionRole, "fraction");
    names.insert(SearchTextRole, "searchText");
    return names;
}

int NodeTableModel::rowOf(const QString& nodeId) const
{
    return m_rowById.value(nodeId, -1);
}

std::optional<nodes::NodeInfo> NodeTableModel::nodeAt(int row) const
{
    if (row < 0 || row >= m_nodes.size())
        return std::nullopt;
    return m_nodes.at(row);
}

void NodeTableModel::setClock(std::function<qint64()> nowMs)
{
    m_nowMs = std::move(nowMs);
    onAgeRefreshTimeout();
}

void NodeTableModel::onNodesChanged(const QStringList& nodeIds)
{
    for (const auto& id : nodeIds) {
        if (!m_pending.contains(id))
            m_pending.append(id);
    }
    if (!m_repaintTimer.isActive())
        m_repaintTimer.start();
}

void NodeTableModel::flush()
{
    m_repaintTimer.stop();
    const QStringList pending = std::exchange(m_pending, {});
    for (const auto& id : pending) {
        const auto fresh = m_service->node(id);
        const int row = rowOf(id);
        if (!fresh) {
            if (row >= 0)
                onNodeRemoved(id);
            continue;
        }
        if (row >= 0) {
            m_nodes[row] = *fresh;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            continue;
        }
        const int newRow = int(m_nodes.size());
        beginInsertRows({}, newRow, newRow);
        m_nodes.append(*fresh);
        m_rowById.insert(id, newRow);
        endInsertRows();
    }
}

void NodeTableModel::onNodeRemoved(const QString& nodeId)
{
    m_pending.removeAll(nodeId);
    const int row = rowOf(nodeId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_nodes.removeAt(row);
    m_rowById.remove(nodeId);
    reindex(row);
    endRemoveRows();
}

void NodeTableModel::onAgeRefreshTimeout()
{
    if (m_nodes.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, HeartbeatColumn), index(int(m_nodes.size()) - 1, HeartbeatColumn), { Qt::DisplayRole });
}

void NodeTableModel::reindex(int fromRow)
{
    if (fromRow == 0)
        m_rowById.clear();
    for (int row = fromRow; row < m_nodes.size(); ++row)
        m_rowById.insert(m_nodes.at(row).nodeId(), row);
}

} // namespace aiops::models
