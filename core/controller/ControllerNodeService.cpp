#include "core/controller/ControllerNodeService.h"

#include "core/controller/NodeModelCaches.h"
#include "core/iam/IamService.h"
#include "core/iam/Permissions.h"
#include "core/nodes/NodeRegistry.h"

namespace aiops::controller {

namespace {

constexpr qsizetype kRequestsPerNode = 20; // what the console shows of a node's recent cache requests

} // namespace

ControllerNodeService::ControllerNodeService(nodes::NodeRegistry* registry,
                                             QString endpointUrl,
                                             iam::IamService* iam,
                                             iam::Principal actingAs,
                                             NodeModelCaches* caches,
                                             QObject* parent)
    : NodeService(parent)
    , m_registry(registry)
    , m_endpointUrl(std::move(endpointUrl))
    , m_iam(iam)
    , m_actingAs(std::move(actingAs))
    , m_caches(caches)
{
    connect(registry, &nodes::NodeRegistry::nodesChanged, this, &NodeService::nodesChanged);
    connect(registry, &nodes::NodeRegistry::nodeRemoved, this, &NodeService::nodeRemoved);
    connect(registry, &nodes::NodeRegistry::nodeCameOnline, this, [this](const protocol::NodeOnline& e) {
        Q_EMIT nodeCameOnline(e.nodeId, e.nodeName);
    });
    connect(registry,
            &nodes::NodeRegistry::nodeWentOffline,
            this,
            [this](const protocol::NodeOffline& e, const QString& name) {
                Q_EMIT nodeWentOffline(e.nodeId, name, e.reason);
            });
    connect(registry, &nodes::NodeRegistry::gpuTemperatureHigh, this, &NodeService::gpuTemperatureHigh);
    connect(registry, &nodes::NodeRegistry::failed, this, &NodeService::operationFailed);
    connect(registry, &nodes::NodeRegistry::nodeRemoved, this, [this](const QString& nodeId) {
        const QMutexLocker lock(&m_cacheMutex);
        m_cacheViews.remove(nodeId);
    });
    if (!m_caches)
        return;
    connect(m_caches, &NodeModelCaches::stateChanged, this, &ControllerNodeService::onCacheStateChanged);
    connect(m_caches, &NodeModelCaches::requestChanged, this, &ControllerNodeService::onCacheRequestChanged);
    for (const nodes::NodeInfo& node : registry->nodes()) {
        const QString id = node.nodeId();
        const auto state = m_caches->state(id);
        QList<NodeCacheRequest> requests = m_caches->requests(id);
        if (!state && requests.isEmpty())
            continue;
        NodeModelCacheView view;
        if (state)
            view = NodeModelCacheView { state->capacityMb, state->usedMb, state->reportedAt, state->models, {} };
        view.requests = requests.mid(std::max<qsizetype>(0, requests.size() - kRequestsPerNode));
        m_cacheViews.insert(id, std::move(view));
    }
}

void ControllerNodeService::onCacheStateChanged(const QString& nodeId)
{
    const auto state = m_caches->state(nodeId);
    if (!state)
        return;
    {
        const QMutexLocker lock(&m_cacheMutex);
        NodeModelCacheView& view = m_cacheViews[nodeId];
        view.capacityMb = state->capacityMb;
        view.usedMb = state->usedMb;
        view.reportedAt = state->reportedAt;
        view.models = state->models;
    }
    Q_EMIT modelCacheChanged(nodeId);
}

void ControllerNodeService::onCacheRequestChanged(const NodeCacheRequest& request)
{
    {
        const QMutexLocker lock(&m_cacheMutex);
        QList<NodeCacheRequest>& requests = m_cacheViews[request.nodeId].requests;
        const auto it = std::find_if(requests.begin(), requests.end(), [&](const NodeCacheRequest& r) {
            return r.requestId == request.requestId;
        });
        if (it != requests.end()) {
            *it = request;
        } else {
            requests.append(request);
            if (requests.size() > kRequestsPerNode)
                requests.removeFirst();
        }
    }
    Q_EMIT modelCacheChanged(request.nodeId);
}

QList<nodes::NodeInfo> ControllerNodeService::nodes() const
{
    return m_registry->nodes();
}

std::optional<nodes::NodeInfo> ControllerNodeService::node(const QString& nodeId) const
{
    return m_registry->node(nodeId);
}

QList<nodes::NodePoint> ControllerNodeService::nodeHistory(const QString& nodeId, qint64 sinceMs) const
{
    return m_registry->nodeHistory(nodeId, sinceMs);
}

QList<nodes::GpuPoint>
ControllerNodeService::gpuHistory(const QString& nodeId, const QString& deviceId, qint64 sinceMs) const
{
    return m_registry->gpuHistory(nodeId, deviceId, sinceMs);
}

int ControllerNodeService::heartbeatIntervalMs() const
{
    return m_registry->heartbeatIntervalMs();
}

// Mutators may be called from any thread; they run on the registry's thread.
void ControllerNodeService::renameNode(const QString& nodeId, const QString& name)
{
    QMetaObject::invokeMethod(m_registry, [this, nodeId, name] {
        if (auto r = m_registry->rename(nodeId, name); !r)
            Q_EMIT operationFailed(QStringLiteral("rename"), r.error());
    });
}

void ControllerNodeService::setMaintenance(const QString& nodeId, bool maintenance)
{
    QMetaObject::invokeMethod(m_registry, [this, nodeId, maintenance] {
        if (auto r = m_registry->setMaintenance(nodeId, maintenance); !r)
            Q_EMIT operationFailed(QStringLiteral("maintenance"), r.error());
    });
}

void ControllerNodeService::removeNode(const QString& nodeId)
{
    QMetaObject::invokeMethod(m_registry, [this, nodeId] {
        if (auto r = m_registry->remove(nodeId); !r)
            Q_EMIT operationFailed(QStringLiteral("remove"), r.error());
    });
}

std::optional<NodeModelCacheView> ControllerNodeService::modelCache(const QString& nodeId) const
{
    const QMutexLocker lock(&m_cacheMutex);
    const auto it = m_cacheViews.constFind(nodeId);
    if (it == m_cacheViews.cend())
        return std::nullopt;
    return *it;
}

// Checked like POST/DELETE /nodes/:nodeId/models; runs on the controller thread.
Result<void> ControllerNodeService::authorizeCacheChange(const QString& nodeId) const
{
    const auto node = m_registry->node(nodeId);
    if (!node)
        return makeError(ErrorCode::NotFound, QStringLiteral("No node %1").arg(nodeId));
    const QString org = node->record.owner.orgId.isEmpty() ? QStringLiteral("default") : node->record.owner.orgId;
    return iam::authorize(m_actingAs, iam::Permission::DeployModels, org);
}

void ControllerNodeService::cacheModelOnNode(const QString& nodeId, const QString& modelId)
{
    if (!m_caches) {
        Q_EMIT operationFailed(QStringLiteral("cacheModel"),
                               Error { ErrorCode::Unavailable, QStringLiteral("Model caches not running") });
        return;
    }
    QMetaObject::invokeMethod(m_caches, [this, nodeId, modelId] {
        if (auto allowed = authorizeCacheChange(nodeId); !allowed) {
            Q_EMIT operationFailed(QStringLiteral("cacheModel"), allowed.error());
            return;
        }
        if (auto r = m_caches->cacheModel(nodeId, modelId); !r)
            Q_EMIT operationFailed(QStringLiteral("cacheModel"), r.error());
    });
}

void ControllerNodeService::evictModelFromNode(const QString& nodeId, const QString& modelId)
{
    if (!m_caches) {
        Q_EMIT operationFailed(QStringLiteral("evictModel"),
                               Error { ErrorCode::Unavailable, QStringLiteral("Model caches not running") });
        return;
    }
    QMetaObject::invokeMethod(m_caches, [this, nodeId, modelId] {
        if (auto allowed = authorizeCacheChange(nodeId); !allowed) {
            Q_EMIT operationFailed(QStringLiteral("evictModel"), allowed.error());
            return;
        }
        if (auto r = m_caches->evictModel(nodeId, modelId); !r)
            Q_EMIT operationFailed(QStringLiteral("evictModel"), r.error());
    });
}

Result<iam::EnrollmentToken> ControllerNodeService::issueEnrollmentToken()
{
    if (!m_iam)
        return makeError(ErrorCode::Unavailable, QStringLiteral("Identity service not running"));
    if (auto allowed = iam::authorize(m_actingAs, iam::Permission::RegisterNodes, m_actingAs.orgId); !allowed)
        return std::unexpected(allowed.error());
    return m_iam->createEnrollmentToken(m_actingAs);
}

} // namespace aiops::controller
