#pragma once

#include "core/controller/NodeService.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

namespace aiops::testing {

// Test double of controller::NodeService. Holds nodes and history in memory, emits the service's
// signals synchronously, and records every mutator call so tests can assert on them. Mutators are
// applied like the real controller would (rename changes the name, maintenance changes the status,
// remove drops the node) unless failNextOperation() was called.
class FakeNodeService final : public controller::NodeService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeNodeService)
public:
    struct Call
    {
        QString operation; // "rename", "setMaintenance", "remove", "cacheModel", "evictModel"
        QString nodeId;
        QString argument; // new name, "true"/"false", the model ID, or empty
    };

    explicit FakeNodeService(QObject* parent = nullptr);
    ~FakeNodeService() override;

    // Test-side control.
    void putNode(const nodes::NodeInfo& node); // add or replace; emits nodesChanged
    void putNodes(const QList<nodes::NodeInfo>& nodes); // one nodesChanged for all
    void dropNode(const QString& nodeId); // emits nodeRemoved
    void setNodeHistory(const QString& nodeId, QList<nodes::NodePoint> points);
    void setGpuHistory(const QString& nodeId, const QString& deviceId, QList<nodes::GpuPoint> points);
    void setEndpoint(const QString& url, const QString& token);
    void setModelCache(const QString& nodeId, std::optional<controller::NodeModelCacheView> view); // emits
    void failNextOperation(Error error);
    QList<Call> calls() const { return m_calls; }

    // A ready-made node: online, heartbeat now, with gpuCount GPUs of 80 GiB each.
    static nodes::NodeInfo makeNode(const QString& nodeId,
                                    const QString& name,
                                    int gpuCount,
                                    const QString& status = QStringLiteral("online"));

    // controller::NodeService
    QList<nodes::NodeInfo> nodes() const override;
    std::optional<nodes::NodeInfo> node(const QString& nodeId) const override;
    QList<nodes::NodePoint> nodeHistory(const QString& nodeId, qint64 sinceMs) const override;
    QList<nodes::GpuPoint> gpuHistory(const QString& nodeId, const QString& deviceId, qint64 sinceMs) const override;
    void renameNode(const QString& nodeId, const QString& name) override;
    void setMaintenance(const QString& nodeId, bool maintenance) override;
    void removeNode(const QString& nodeId) override;
    QString nodeEndpointUrl() const override { return m_endpoint; }
    // Returns a token built from the one set by setEndpoint(), numbered per call ("<token>-1", ...).
    Result<iam::EnrollmentToken> issueEnrollmentToken() override;
    int issuedEnrollmentTokens() const { return m_issued; }
    int heartbeatIntervalMs() const override { return 2000; }
    std::optional<controller::NodeModelCacheView> modelCache(const QString& nodeId) const override;
    // Both record the call and append a "sent" request to the node's cache view.
    void cacheModelOnNode(const QString& nodeId, const QString& modelId) override;
    void evictModelFromNode(const QString& nodeId, const QString& modelId) override;

private:
    bool consumeFailure(const QString& operation);
    void addCacheRequest(const QString& nodeId, const QString& modelId, const QString& version);

    QList<QString> m_order; // insertion order, like the registry's
    QHash<QString, nodes::NodeInfo> m_nodes;
    QHash<QString, QList<nodes::NodePoint>> m_nodeHistory;
    QHash<QString, QList<nodes::GpuPoint>> m_gpuHistory; // key: nodeId + '/' + deviceId
    QHash<QString, controller::NodeModelCacheView> m_modelCaches;
    QList<Call> m_calls;
    std::optional<Error> m_nextFailure;
    QString m_endpoint { QStringLiteral("ws://127.0.0.1:8750/ws/node") };
    QString m_token { QStringLiteral("enroll-test-token") };
    int m_issued = 0;
};

} // namespace aiops::testing
