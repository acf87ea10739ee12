#pragma once

#include "core/controller/NodeService.h"
#include "core/iam/Principal.h"

namespace aiops::nodes {
class NodeRegistry;
}

namespace aiops::iam {
class IamService;
}

namespace aiops::controller {

// NodeService over the live registry. Lives on the controller thread with the registry.
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

private:
    nodes::NodeRegistry* m_registry;
    QString m_endpointUrl;
    iam::IamService* m_iam;
    iam::Principal m_actingAs;
};

} // namespace aiops::controller
