#include "core/controller/ControllerNodeService.h"

#include "core/iam/IamService.h"
#include "core/iam/Permissions.h"
#include "core/nodes/NodeRegistry.h"

namespace aiops::controller {

ControllerNodeService::ControllerNodeService(nodes::NodeRegistry* registry,
                                             QString endpointUrl,
                                             iam::IamService* iam,
                                             iam::Principal actingAs,
                                             QObject* parent)
    : NodeService(parent)
    , m_registry(registry)
    , m_endpointUrl(std::move(endpointUrl))
    , m_iam(iam)
    , m_actingAs(std::move(actingAs))
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

Result<iam::EnrollmentToken> ControllerNodeService::issueEnrollmentToken()
{
    if (!m_iam)
        return makeError(ErrorCode::Unavailable, QStringLiteral("Identity service not running"));
    if (auto allowed = iam::authorize(m_actingAs, iam::Permission::RegisterNodes, m_actingAs.orgId); !allowed)
        return std::unexpected(allowed.error());
    return m_iam->createEnrollmentToken(m_actingAs);
}

} // namespace aiops::controller
