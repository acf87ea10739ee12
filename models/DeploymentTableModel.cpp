#include "models/DeploymentTableModel.h"

#include "core/controller/DeploymentService.h"
#include "core/controller/NodeService.h"
#include "core/registry/ModelService.h"
#include "models/Format.h"
#include "models/ModelRoles.h"

#include <QDateTime>
#include <QLocale>
#include <QSet>

namespace aiops::models {

using deploy::DeploymentPhase;
using deploy::DeploymentRecord;
using deploy::DeploymentStatus;
using deploy::HealthStatus;

DeploymentTableModel::DeploymentTableModel(controller::DeploymentService* service,
                                           registry::ModelService* models,
                                           controller::NodeService* nodes,
                                           QObject* parent)
    : QAbstractTableModel(parent)
    , m_service(service)
    , m_models(models)
    , m_nodes(nodes)
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_repaintTimer.setSingleShot(true);
    m_repaintTimer.setInterval(kRepaintIntervalMs);
    connect(&m_repaintTimer, &QTimer::timeout, this, &DeploymentTableModel::flush);
    connect(m_service,
            &controller::DeploymentService::deploymentsChanged,
            this,
            &DeploymentTableModel::onDeploymentsChanged);
    connect(m_service, &controller::DeploymentService::deploymentRemoved, this, &DeploymentTableModel::flush);
    flush();
}

DeploymentTableModel::~DeploymentTableModel() = default;

void DeploymentTableModel::onDeploymentsChanged()
{
    if (!m_repaintTimer.isActive())
        m_repaintTimer.start();
}

void DeploymentTableModel::setClock(std::function<qint64()> nowMs)
{
    m_nowMs = std::move(nowMs);
}

void DeploymentTableModel::flush()
{
    m_repaintTimer.stop();
    const QList<DeploymentRecord> fresh = m_service->deployments();
    QSet<QString> freshIds;
    for (const DeploymentRecord& r : fresh)
        freshIds.insert(r.deploymentId);

    // Removed rows first (from the bottom), then update in place or append, so a selection survives.
    for (int row = int(m_records.size()) - 1; row >= 0; --row) {
        if (!freshIds.contains(m_records.at(row).deploymentId)) {
            beginRemoveRows({}, row, row);
            m_records.removeAt(row);
            endRemoveRows();
        }
    }
    for (const DeploymentRecord& r : fresh) {
        const int row = rowOf(r.deploymentId);
        if (row >= 0) {
            if (m_records.at(row) == r)
                continue;
            m_records[row] = r;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            const int at = int(m_records.size());
            beginInsertRows({}, at, at);
            m_records.append(r);
            endInsertRows();
        }
    }
}

int DeploymentTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int DeploymentTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int DeploymentTableModel::rowOf(const QString& deploymentId) const
{
    for (int row = 0; row < m_records.size(); ++row) {
        if (m_records.at(row).deploymentId == deploymentId)
            return row;
    }
    return -1;
}

std::optional<DeploymentRecord> DeploymentTableModel::deploymentAt(int row) const
{
    if (row < 0 || row >= m_records.size())
        return std::nullopt;
    return m_records.at(row);
}

int DeploymentTableModel::countWithStatus(DeploymentStatus status) const
{
    return int(std::count_if(
        m_records.cbegin(), m_records.cend(), [status](const DeploymentRecord& r) { return r.status == status; }));
}

QString DeploymentTableModel::modelName(const QString& modelId) const
{
    if (m_models) {
        if (const auto model = m_models->model(modelId); model && !model->name.isEmpty())
            return model->name;
    }
    return modelId;
}

QString DeploymentTableModel::nodeName(const QString& nodeId) const
{
    if (m_nodes) {
        if (const auto node = m_nodes->node(nodeId); node && !node->record.name.isEmpty())
            return node->record.name;
    }
    return nodeId;
}

QVariant DeploymentTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeploymentRecord& r = m_records.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayData(r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn && r.status == DeploymentStatus::Failed)
            return r.error;
        if (index.column() == ModelColumn)
            return r.modelId;
        if (index.column() == EndpointColumn)
            return r.endpoint;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == RequestsColumn || index.column() == LatencyColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole: return sortData(r, index.column());
    case SearchTextRole:
        return QStringList { modelName(r.modelId), r.modelId, r.instanceId, nodeName(r.nodeId), r.framework }
            .join(QLatin1Char(' '))
            .toLower();
    case StatusRole: return statusShape(r.status);
    case DeploymentIdRole: return r.deploymentId;
    case DeploymentStatusRole: return deploy::statusName(r.status);
    default: return {};
    }
}

QVariant DeploymentTableModel::displayData(const DeploymentRecord& r, int column) const
{
    const QString dash = Format::dash();
    switch (column) {
    case ModelColumn: return modelName(r.modelId);
    case InstanceColumn: return r.instanceId.isEmpty() ? dash : r.instanceId;
    case NodeColumn:
        if (r.nodeId.isEmpty())
            return dash;
        return r.gpuDevices.isEmpty() ? nodeName(r.nodeId)
                                      : tr("%1 · %2").arg(nodeName(r.nodeId), gpuText(r.gpuDevices));
    case StatusColumn: return statusText(r);
    case HealthColumn: return r.status == DeploymentStatus::Running ? healthText(r.healthStatus) : dash;
    case EndpointColumn: return r.endpoint.isEmpty() ? dash : r.endpoint;
    case RequestsColumn: return QLocale().toString(r.requestCount);
    case LatencyColumn: return r.requestCount > 0 ? latencyText(r.avgLatencyMs) : dash;
    case LastRequestColumn:
        return r.lastRequestAt.isValid() ? Format::age(m_nowMs() - r.lastRequestAt.toMSecsSinceEpoch()) : tr("never");
    default: return {};
    }
}

QVariant DeploymentTableModel::sortData(const DeploymentRecord& r, int column) const
{
    switch (column) {
    case RequestsColumn: return r.requestCount;
    case LatencyColumn: return r.avgLatencyMs;
    case LastRequestColumn: return r.lastRequestAt.isValid() ? r.lastRequestAt.toMSecsSinceEpoch() : qint64(0);
    case StatusColumn: return int(r.status);
    default: return displayData(r, column).toString().toLower();
    }
}

QVariant DeploymentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return (section == RequestsColumn || section == LatencyColumn)
            ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ModelColumn: return tr("Model");
    case InstanceColumn: return tr("Instance");
    case NodeColumn: return tr("Node / GPUs");
    case StatusColumn: return tr("Status");
    case HealthColumn: return tr("Health");
    case EndpointColumn: return tr("Endpoint");
    case RequestsColumn: return tr("Requests");
    case LatencyColumn: return tr("Avg latency");
    case LastRequestColumn: return tr("Last request");
    default: return {};
    }
}

QString DeploymentTableModel::statusText(const DeploymentRecord& record)
{
    switch (record.status) {
    case DeploymentStatus::Running: return tr("Running");
    case DeploymentStatus::Stopped: return tr("Stopped");
    case DeploymentStatus::Failed: return tr("Failed");
    case DeploymentStatus::Deploying: break;
    }
    if (record.progress > 0 && record.progress < 100)
        return tr("Deploying · %1 %2 %").arg(phaseText(record.phase)).arg(record.progress);
    return tr("Deploying · %1").arg(phaseText(record.phase));
}

QString DeploymentTableModel::phaseText(DeploymentPhase phase)
{
    switch (phase) {
    case DeploymentPhase::Queued: return tr("queued");
    case DeploymentPhase::Placing: return tr("placing");
    case DeploymentPhase::Downloading: return tr("downloading");
    case DeploymentPhase::Pulling: return tr("pulling");
    case DeploymentPhase::Starting: return tr("starting");
    case DeploymentPhase::HealthCheck: return tr("health check");
    case DeploymentPhase::Running: return tr("running");
    }
    return {};
}

QString DeploymentTableModel::healthText(HealthStatus health)
{
    switch (health) {
    case HealthStatus::Healthy: return tr("Healthy");
    case HealthStatus::Unhealthy: return tr("Unhealthy");
    case HealthStatus::Unknown: break;
    }
    return tr("Unknown");
}

QString DeploymentTableModel::statusShape(DeploymentStatus status)
{
    switch (status) {
    case DeploymentStatus::Running: return QStringLiteral("online");
    case DeploymentStatus::Deploying: return QStringLiteral("maintenance");
    case DeploymentStatus::Failed: return QStringLiteral("offline");
    case DeploymentStatus::Stopped: break;
    }
    return QStringLiteral("stopped");
}

QString DeploymentTableModel::gpuText(const QStringList& deviceIds)
{
    if (deviceIds.isEmpty())
        return tr("CPU only");
    if (deviceIds.size() == 1)
        return tr("GPU %1").arg(deviceIds.first());
    return tr("GPUs %1").arg(deviceIds.join(QStringLiteral(", ")));
}

QString DeploymentTableModel::latencyText(double ms)
{
    if (ms <= 0)
        return Format::dash();
    const QLocale locale;
    if (ms < 1000)
        return tr("%1 ms").arg(locale.toString(ms, 'f', ms < 10 ? 1 : 0));
    return tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 1));
}

} // namespace aiops::models
