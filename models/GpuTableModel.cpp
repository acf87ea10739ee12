#include "models/GpuTableModel.h"

#include "core/controller/NodeService.h"
#include "models/Format.h"
#include "models/ModelRoles.h"

#include <algorithm>

namespace aiops::models {

GpuTableModel::GpuTableModel(controller::NodeService* service, QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    Q_ASSERT(m_service);
    m_repaintTimer.setSingleShot(true);
    m_repaintTimer.setInterval(kRepaintIntervalMs);
    connect(&m_repaintTimer, &QTimer::timeout, this, &GpuTableModel::flush);
    connect(m_service, &controller::NodeService::nodesChanged, this, &GpuTableModel::onNodesChanged);
    connect(m_service, &controller::NodeService::nodeRemoved, this, &GpuTableModel::onNodeRemoved);
    rebuild();
}

GpuTableModel::~GpuTableModel() = default;

void GpuTableModel::setNodeFilter(const QString& nodeId)
{
    if (nodeId == m_nodeFilter)
        return;
    beginResetModel();
    m_nodeFilter = nodeId;
    m_pending.clear();
    rebuild();
    endResetModel();
}

void GpuTableModel::setTemperatureThreshold(double celsius)
{
    m_temperatureThreshold = celsius;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, TemperatureColumn), index(int(m_rows.size()) - 1, TemperatureColumn));
}

void GpuTableModel::rebuild()
{
    m_rows.clear();
    const auto all = m_service->nodes();
    for (const auto& node : all)
        m_rows.append(rowsFor(node));
}

QList<GpuTableModel::Row> GpuTableModel::rowsFor(const nodes::NodeInfo& node) const
{
    QList<Row> rows;
    if (!m_nodeFilter.isEmpty() && node.nodeId() != m_nodeFilter)
        return rows;
    for (const auto& gpu : node.record.gpuDevices) {
        Row row;
        row.nodeId = node.nodeId();
        row.nodeName = node.record.name.isEmpty() ? node.nodeId() : node.record.name;
        row.nodeStatus = node.record.status;
        row.gpu = gpu;
        for (const auto& live : node.gpuLive) {
            if (live.deviceId == gpu.deviceId)
                row.powerW = live.powerUsage;
        }
        rows.append(row);
    }
    return rows;
}

int GpuTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int GpuTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GpuTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayData(row, index.column());
    case SortRole: return sortData(row, index.column());
    case NodeIdRole: return row.nodeId;
    case DeviceIdRole: return row.gpu.deviceId;
    case StatusRole: return row.nodeStatus;
    case FractionRole:
        switch (index.column()) {
        case UtilizationColumn: return std::clamp(row.gpu.utilization / 100.0, 0.0, 1.0);
        case MemoryColumn:
            if (row.gpu.memoryTotal <= 0)
                return {};
            return double(row.gpu.memoryTotal - row.gpu.memoryFree) / double(row.gpu.memoryTotal);
        case TemperatureColumn:
            if (row.gpu.temperature <= 0 || m_temperatureThreshold <= 0)
                return {};
            return std::clamp(row.gpu.temperature / m_temperatureThreshold, 0.0, 1.0);
        default: return {};
        }
    case SeverityRole:
        if (index.column() != TemperatureColumn || row.gpu.temperature <= 0)
            return {};
        if (row.gpu.temperature >= m_temperatureThreshold)
            return 2;
        return row.gpu.temperature >= m_temperatureThreshold - kTemperatureWarningMargin ? 1 : 0;
    case Qt::ToolTipRole:
        if (index.column() == ModelColumn && !row.gpu.uuid.isEmpty())
            return row.gpu.uuid;
        if (index.column() == TemperatureColumn && row.gpu.temperature >= m_temperatureThreshold)
            return tr("Above the alert threshold of %1").arg(Format::celsius(m_temperatureThreshold));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= UtilizationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant GpuTableModel::displayData(const Row& row, int column) const
{
    switch (column) {
    case NodeColumn: return row.nodeName;
    case DeviceColumn: return tr("GPU %1").arg(row.gpu.deviceId);
    case ModelColumn: return row.gpu.model;
    case UtilizationColumn: return Format::percent(row.gpu.utilization);
    case MemoryColumn: return Format::usedOfTotal(row.gpu.memoryTotal - row.gpu.memoryFree, row.gpu.memoryTotal);
    case TemperatureColumn: return Format::celsius(row.gpu.temperature);
    case PowerColumn: return Format::watts(row.powerW);
    default: return {};
    }
}

QVariant GpuTableModel::sortData(const Row& row, int column) const
{
    switch (column) {
    case NodeColumn: return row.nodeName.toLower();
    case DeviceColumn: {
        bool ok = false;
        const int n = row.gpu.deviceId.toInt(&ok);
        return ok ? QVariant(n) : QVariant(row.gpu.deviceId);
    }
    case ModelColumn: return row.gpu.model.toLower();
    case UtilizationColumn: return row.gpu.utilization;
    case MemoryColumn: return row.gpu.memoryTotal - row.gpu.memoryFree;
    case TemperatureColumn: return row.gpu.temperature;
    case PowerColumn: return row.powerW;
    default: return {};
    }
}

QVariant GpuTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (section >= UtilizationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NodeColumn: return tr("Node");
    case DeviceColumn: return tr("Device");
    case ModelColumn: return tr("Model");
    case UtilizationColumn: return tr("Utilization");
    case MemoryColumn: return tr("Memory");
    case TemperatureColumn: return tr("Temperature");
    case PowerColumn: return tr("Power");
    default: return {};
    }
}

void GpuTableModel::onNodesChanged(const QStringList& nodeIds)
{
    for (const auto& id : nodeIds) {
        if (!m_nodeFilter.isEmpty() && id != m_nodeFilter)
            continue;
        if (!m_pending.contains(id))
            m_pending.append(id);
    }
    if (!m_pending.isEmpty() && !m_repaintTimer.isActive())
        m_repaintTimer.start();
}

void GpuTableModel::onNodeRemoved(const QString& nodeId)
{
    m_pending.removeAll(nodeId);
    replaceNodeRows(nodeId, {});
}

void GpuTableModel::flush()
{
    m_repaintTimer.stop();
    const QStringList pending = std::exchange(m_pending, {});
    for (const auto& id : pending) {
        const auto fresh = m_service->node(id);
        replaceNodeRows(id, fresh ? rowsFor(*fresh) : QList<Row> {});
    }
}

void GpuTableModel::replaceNodeRows(const QString& nodeId, const QList<Row>& rows)
{
    const auto sameNode = [&nodeId](const Row& r) {
        return r.nodeId == nodeId;
    };
    const auto firstIt = std::find_if(m_rows.cbegin(), m_rows.cend(), sameNode);
    const int first = int(firstIt - m_rows.cbegin());
    const int count = int(std::count_if(m_rows.cbegin(), m_rows.cend(), sameNode));

    const bool sameDevices = count == rows.size()
        && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin() + first, [](const Row& a, const Row& b) {
                                 return a.gpu.deviceId == b.gpu.deviceId;
                             });
    if (count > 0 && sameDevices) {
        std::copy(rows.cbegin(), rows.cend(), m_rows.begin() + first);
        Q_EMIT dataChanged(index(first, 0), index(first + count - 1, ColumnCount - 1));
        return;
    }
    if (count > 0) {
        beginRemoveRows({}, first, first + count - 1);
        m_rows.remove(first, count);
        endRemoveRows();
    }
    if (rows.isEmpty())
        return;
    const int at = count > 0 ? first : int(m_rows.size());
    beginInsertRows({}, at, at + int(rows.size()) - 1);
    for (int i = 0; i < rows.size(); ++i)
        m_rows.insert(at + i, rows.at(i));
    endInsertRows();
}

} // namespace aiops::models
