#pragma once

#include "core/controller/NodeService.h"
#include "core/iam/Principal.h"

#include <QHash>
#include <QMutex>

namespace aiops::nodes {
class NodeRegistry;
}

namespace aiops::iam {
class IamService;
}

namespace aiops::controller {

class NodeModelCaches;

// NodeService over the live registry. Lives on the controller thread with the registry and the model
// caches; it keeps a copy of the caches' state under a lock for the other threads' getters.
class ControllerNodeService final : public NodeService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControllerNodeService)
public:
    // `actingAs`: who the embedded console acts as (its signed-in owner); checked like a REST caller.
    ControllerNodeService(nodes::NodeRegistry* registry,
                          QString endpointUrl,
                          iam::IamService* iam,
                          iam::Principal actingAs,
                          NodeModelCaches* caches = nullptr,
                          QObject* parent = nullptr);

    QList<nodes::NodeInfo> nodes() const override;
    std::optional<nodes::NodeInfo> node(const QString& nodeId) const override;
    QList<nodes::NodePoint> nodeHistory(const QString& nodeId, qint64 sinceMs) const override;
    QList<nodes::GpuPoint> gpuHistory(const QString& nodeId, const QString& deviceId, qint64 sinceMs) const override;

    void renameNode(const QString& nodeId, const QString& name) override;
    void setMaintenance(const QString& nodeId, bool maintenance) override;
    void removeNode(const QString& nodeId) override;

    QString nodeEndpointUrl() const override { return m_endpointUrl; }
    Result<iam::EnrollmentToken> issueEnrollmentToken() override;
    int heartbeatIntervalMs() const override;

    std::optional<NodeModelCacheView> modelCache(const QString& nodeId) const override;
    void cacheModelOnNode(const QString& nodeId, const QString& modelId) override;
    void evictModelFromNode(const QString& nodeId, const QString& modelId) override;

private:
    void onCacheStateChanged(const QString& nodeId);
    void onCacheRequestChanged(const NodeCacheRequest& request);
    Result<void> authorizeCacheChange(const QString& nodeId) const;

    nodes::NodeRegistry* m_registry;
    QString m_endpointUrl;
    iam::IamService* m_iam;
    iam::Principal m_actingAs;
    NodeModelCaches* m_caches;
    mutable QMutex m_cacheMutex;
    QHash<QString, NodeModelCacheView> m_cacheViews; // nodeId ->; guarded by m_cacheMutex
};

} // namespace aiops::controller
