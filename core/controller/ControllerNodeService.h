#pragma once

#include "core/controller/NodeService.h"

namespace aiops::nodes {
class NodeRegistry;
}

namespace aiops::controller {

// NodeService over the live registry. Lives on the controller thread with the registry.
class ControllerNodeService final : public NodeService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControllerNodeService)
public:
    ControllerNodeService(nodes::NodeRegistry* registry, QString endpointUrl, QString token, QObject* parent = nullptr);

    QList<nodes::NodeInfo> nodes() const override;
    std::optional<nodes::NodeInfo> node(const QString& nodeId) const override;
    QList<nodes::NodePoint> nodeHistory(const QString& nodeId, qint64 sinceMs) const override;
    QList<nodes::GpuPoint> gpuHistory(const QString& nodeId, const QString& deviceId, qint64 sinceMs) const override;

    void renameNode(const QString& nodeId, const QString& name) override;
    void setMaintenance(const QString& nodeId, bool maintenance) override;
    void removeNode(const QString& nodeId) override;

    QString nodeEndpointUrl() const override { return m_endpointUrl; }
    QString enrollmentToken() const override { return m_token; }
    int heartbeatIntervalMs() const override;

private:
    nodes::NodeRegistry* m_registry;
    QString m_endpointUrl;
    QString m_token;
};

} // namespace aiops::controller
