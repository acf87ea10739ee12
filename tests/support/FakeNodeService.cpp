#include "tests/support/FakeNodeService.h"

#include <QDateTime>

namespace aiops::testing {

FakeNodeService::FakeNodeService(QObject* parent)
    : controller::NodeService(parent)
{
}

FakeNodeService::~FakeNodeService() = default;

void FakeNodeService::putNode(const nodes::NodeInfo& node)
{
    putNodes({ node });
}

void FakeNodeService::putNodes(const QList<nodes::NodeInfo>& nodes)
{
    QStringList ids;
    for (const auto& n : nodes) {
        if (!m_nodes.contains(n.nodeId()))
            m_order.append(n.nodeId());
        m_nodes.insert(n.nodeId(), n);
        ids.append(n.nodeId());
    }
    Q_EMIT nodesChanged(ids);
}

void FakeNodeService::dropNode(const QString& nodeId)
{
    if (m_nodes.remove(nodeId) == 0)
        return;
    m_order.removeAll(nodeId);
    Q_EMIT nodeRemoved(nodeId);
}

void FakeNodeService::setNodeHistory(const QString& nodeId, QList<nodes::NodePoint> points)
{
    m_nodeHistory.insert(nodeId, std::move(points));
}

void FakeNodeService::setGpuHistory(const QString& nodeId, const QString& deviceId, QList<nodes::GpuPoint> points)
{
    m_gpuHistory.insert(nodeId + QLatin1Char('/') + deviceId, std::move(points));
}

void FakeNodeService::setEndpoint(const QString& url, const QString& token)
{
    m_endpoint = url;
    m_token = token;
}

void FakeNodeService::setModelCache(const QString& nodeId, std::optional<controller::NodeModelCacheView> view)
{
    if (view)
        m_modelCaches.insert(nodeId, std::move(*view));
    else
        m_modelCaches.remove(nodeId);
    Q_EMIT modelCacheChanged(nodeId);
}

std::optional<controller::NodeModelCacheView> FakeNodeService::modelCache(const QString& nodeId) const
{
    const auto it = m_modelCaches.constFind(nodeId);
    if (it == m_modelCaches.cend())
        return std::nullopt;
    return *it;
}

void FakeNodeService::addCacheRequest(const QString& nodeId, const QString& modelId, const QString& version)
{
    const auto now = QDateTime::currentDateTimeUtc();
    controller::NodeCacheRequest request;
    request.requestId = QStringLiteral("req-%1").arg(m_calls.size());
    request.nodeId = nodeId;
    request.modelId = modelId;
    request.version = version;
    request.status = QStringLiteral("sent");
    request.createdAt = now;
    request.changedAt = now;
    m_modelCaches[nodeId].requests.append(request);
    Q_EMIT modelCacheChanged(nodeId);
}

void FakeNodeService::cacheModelOnNode(const QString& nodeId, const QString& modelId)
{
    m_calls.append({ QStringLiteral("cacheModel"), nodeId, modelId });
    if (consumeFailure(QStringLiteral("cacheModel")))
        return;
    addCacheRequest(nodeId, modelId, QStringLiteral("latest"));
}

void FakeNodeService::evictModelFromNode(const QString& nodeId, const QString& modelId)
{
    m_calls.append({ QStringLiteral("evictModel"), nodeId, modelId });
    if (consumeFailure(QStringLiteral("evictModel")))
        return;
    addCacheRequest(nodeId, modelId, {});
}

void FakeNodeService::failNextOperation(Error error)
{
    m_nextFailure = std::move(error);
}

nodes::NodeInfo
FakeNodeService::makeNode(const QString& nodeId, const QString& name, int gpuCount, const QString& status)
{
    const auto now = QDateTime::currentDateTimeUtc();
    nodes::NodeInfo info;
    info.record.nodeId = nodeId;
    info.record.name = name;
    info.record.status = status;
    info.record.websocketConnected = status != QStringLiteral("offline");
    info.record.lastHeartbeat = now;
    info.record.cpuCores = 32;
    info.record.ramTotal = 256 * 1024;
    info.record.ramFree = 192 * 1024;
    info.record.createdAt = now;
    info.record.changedAt = now;
    info.record.config.insert(QStringLiteral("workingDirectory"), QStringLiteral("/var/lib/aiops-node"));
    for (int i = 0; i < gpuCount; ++i) {
        store::GpuDeviceRecord gpu;
        gpu.deviceId = QString::number(i);
        gpu.model = QStringLiteral("NVIDIA A100-SXM4-80GB");
        gpu.memoryTotal = 80 * 1024;
        gpu.memoryFree = 60 * 1024;
        gpu.utilization = 50;
        gpu.temperature = 60;
        gpu.vendor = QStringLiteral("nvidia");
        gpu.uuid = QStringLiteral("GPU-%1-%2").arg(nodeId).arg(i);
        info.record.gpuDevices.append(gpu);
        info.gpuLive.append(nodes::GpuLive { gpu.deviceId, 250 });
    }
    info.cpuUtilization = 25;
    info.loadAverage = 4;
    info.diskTotal = 2 * 1024 * 1024;
    info.diskFree = 1024 * 1024;
    info.lastHeartbeatMs = now.toMSecsSinceEpoch();
    info.hostname = name + QStringLiteral(".lab");
    info.version = QStringLiteral("0.1.0");
    return info;
}

QList<nodes::NodeInfo> FakeNodeService::nodes() const
{
    QList<nodes::NodeInfo> out;
    out.reserve(m_order.size());
    for (const auto& id : m_order)
        out.append(m_nodes.value(id));
    return out;
}

std::optional<nodes::NodeInfo> FakeNodeService::node(const QString& nodeId) const
{
    const auto it = m_nodes.constFind(nodeId);
    if (it == m_nodes.cend())
        return std::nullopt;
    return *it;
}

QList<nodes::NodePoint> FakeNodeService::nodeHistory(const QString& nodeId, qint64 sinceMs) const
{
    QList<nodes::NodePoint> out;
    for (const auto& p : m_nodeHistory.value(nodeId)) {
        if (p.tMs >= sinceMs)
            out.append(p);
    }
    return out;
}

QList<nodes::GpuPoint> FakeNodeService::gpuHistory(const QString& nodeId, const QString& deviceId, qint64 sinceMs) const
{
    QList<nodes::GpuPoint> out;
    for (const auto& p : m_gpuHistory.value(nodeId + QLatin1Char('/') + deviceId)) {
        if (p.tMs >= sinceMs)
            out.append(p);
    }
    return out;
}

bool FakeNodeService::consumeFailure(const QString& operation)
{
    if (!m_nextFailure)
        return false;
    const Error error = *std::exchange(m_nextFailure, std::nullopt);
    Q_EMIT operationFailed(operation, error);
    return true;
}

void FakeNodeService::renameNode(const QString& nodeId, const QString& name)
{
    m_calls.append({ QStringLiteral("rename"), nodeId, name });
    if (consumeFailure(QStringLiteral("rename")))
        return;
    auto it = m_nodes.find(nodeId);
    if (it == m_nodes.end()) {
        Q_EMIT operationFailed(QStringLiteral("rename"), Error { ErrorCode::NotFound, QStringLiteral("no such node") });
        return;
    }
    it->record.name = name;
    Q_EMIT nodesChanged({ nodeId });
}

void FakeNodeService::setMaintenance(const QString& nodeId, bool maintenance)
{
    m_calls.append(
        { QStringLiteral("setMaintenance"), nodeId, maintenance ? QStringLiteral("true") : QStringLiteral("false") });
    if (consumeFailure(QStringLiteral("setMaintenance")))
        return;
    auto it = m_nodes.find(nodeId);
    if (it == m_nodes.end()) {
        Q_EMIT operationFailed(QStringLiteral("setMaintenance"),
                               Error { ErrorCode::NotFound, QStringLiteral("no such node") });
        return;
    }
    if (maintenance)
        it->record.status = QStringLiteral("maintenance");
    else
        it->record.status = it->record.websocketConnected ? QStringLiteral("online") : QStringLiteral("offline");
    Q_EMIT nodesChanged({ nodeId });
}

void FakeNodeService::removeNode(const QString& nodeId)
{
    m_calls.append({ QStringLiteral("remove"), nodeId, {} });
    if (consumeFailure(QStringLiteral("remove")))
        return;
    if (!m_nodes.contains(nodeId)) {
        Q_EMIT operationFailed(QStringLiteral("remove"), Error { ErrorCode::NotFound, QStringLiteral("no such node") });
        return;
    }
    dropNode(nodeId);
}

Result<iam::EnrollmentToken> FakeNodeService::issueEnrollmentToken()
{
    if (m_nextFailure)
        return std::unexpected(*std::exchange(m_nextFailure, std::nullopt));
    ++m_issued;
    iam::EnrollmentToken token;
    token.tokenId = QStringLiteral("et-%1").arg(m_issued);
    token.token = QStringLiteral("%1-%2").arg(m_token).arg(m_issued);
    token.orgId = QStringLiteral("default");
    token.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    return token;
}

} // namespace aiops::testing
