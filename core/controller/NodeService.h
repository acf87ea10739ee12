#pragma once

#include "core/controller/NodeCacheTypes.h"
#include "core/iam/IamTypes.h"
#include "core/nodes/NodeInfo.h"
#include "core/protocol/Error.h"

#include <QObject>
#include <QStringList>
#include <optional>

namespace aiops::controller {

// The service API the GUI (and any remote console) uses for nodes. Implemented by the controller,
// whose state lives on its own thread: the getters are thread-safe snapshots, the mutators are
// posted to the controller thread and report back through the signals. Signals are emitted on the
// controller thread; connect with the default (auto) connection type from the GUI thread.
class NodeService : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~NodeService() override = default;

    virtual QList<nodes::NodeInfo> nodes() const = 0;
    virtual std::optional<nodes::NodeInfo> node(const QString& nodeId) const = 0;
    // History since sinceMs (ms since epoch): raw samples for the last 10 minutes, minute rollups
    // before that.
    virtual QList<nodes::NodePoint> nodeHistory(const QString& nodeId, qint64 sinceMs) const = 0;
    virtual QList<nodes::GpuPoint> gpuHistory(const QString& nodeId, const QString& deviceId, qint64 sinceMs) const = 0;

    virtual void renameNode(const QString& nodeId, const QString& name) = 0;
    virtual void setMaintenance(const QString& nodeId, bool maintenance) = 0;
    virtual void removeNode(const QString& nodeId) = 0;

    // What the "Add node" dialog shows.
    virtual QString nodeEndpointUrl() const = 0; // ws://host:port/ws/node
    // A new one-time enrollment token (valid one hour). A daemon presents it once and receives its
    // own long-lived node credential in exchange. Forbidden for roles that may not register nodes.
    virtual Result<iam::EnrollmentToken> issueEnrollmentToken() = 0;
    virtual int heartbeatIntervalMs() const = 0;

    // The node's model cache as it last reported it, with the recent cache requests sent to it;
    // nullopt when the node has neither reported nor been sent any.
    virtual std::optional<NodeModelCacheView> modelCache(const QString& nodeId) const = 0;
    // Asks the node to download the model's latest version into its cache (DeployModels); the
    // progress shows in modelCache().requests.
    virtual void cacheModelOnNode(const QString& nodeId, const QString& modelId) = 0;
    // Asks the node to delete the model from its cache; refused while a deployment uses it.
    virtual void evictModelFromNode(const QString& nodeId, const QString& modelId) = 0;

Q_SIGNALS:
    // A node was registered or any of its fields/metrics changed (coalesce in the GUI).
    void nodesChanged(const QStringList& nodeIds);
    void nodeRemoved(const QString& nodeId);
    void nodeCameOnline(const QString& nodeId, const QString& name);
    void nodeWentOffline(const QString& nodeId, const QString& name, const QString& reason);
    // A GPU crossed the temperature threshold the registry was configured with.
    void gpuTemperatureHigh(const QString& nodeId, const QString& deviceId, double celsius);
    // What modelCache(nodeId) returns changed: a new report from the node, or a request progressed.
    void modelCacheChanged(const QString& nodeId);
    // A mutator failed ("cacheModel" and "evictModel" for the model cache ones).
    void operationFailed(const QString& operation, const aiops::Error& error);
};

} // namespace aiops::controller
