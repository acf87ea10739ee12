#pragma once

#include "core/controller/NodeCacheTypes.h"
#include "core/protocol/Error.h"
#include "core/protocol/Messages.h"

#include <QDateTime>
#include <QHash>
#include <QHttpServerResponse>
#include <QObject>
#include <optional>

namespace aiops::nodes {
class NodeRegistry;
}
namespace aiops::registry {
class ModelRegistry;
}

namespace aiops::controller {

class HttpRouter;
class NodeGateway;
struct RequestContext;

// What a node last reported about its model cache (system.node.modelCache).
struct NodeCacheState
{
    qint64 capacityMb = 0;
    qint64 usedMb = 0;
    QList<protocol::CachedModelInfo> models;
    QDateTime reportedAt;
};

// The controller's view of its nodes' model caches: sends system.node.cacheModel (with the model's
// manifest: sizes, sha256 and storage-route or presigned URLs) and system.node.evictModel, follows
// the daemons' acks and progress, and keeps the caches they report. REST:
//   POST   /nodes/:nodeId/models            {modelId, version?} -> 202 {requestId}
//   GET    /nodes/:nodeId/models            capacity, cached models, recent requests
//   DELETE /nodes/:nodeId/models/:modelId   -> 202 {requestId}
// Lives on the controller thread.
class NodeModelCaches final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeModelCaches)
public:
    NodeModelCaches(NodeGateway& gateway,
                    nodes::NodeRegistry& nodes,
                    registry::ModelRegistry& models,
                    QObject* parent = nullptr);
    ~NodeModelCaches() override;

    void addRoutes(HttpRouter& router);

    Result<NodeCacheRequest> cacheModel(const QString& nodeId, const QString& modelId, const QString& version = {});
    Result<NodeCacheRequest> evictModel(const QString& nodeId, const QString& modelId);
    std::optional<NodeCacheState> state(const QString& nodeId) const;
    QList<NodeCacheRequest> requests(const QString& nodeId) const;
    bool isCached(const QString& nodeId, const QString& modelId) const;

    static QJsonObject toJson(const NodeCacheRequest& request);

Q_SIGNALS:
    void stateChanged(const QString& nodeId);
    void requestChanged(const aiops::controller::NodeCacheRequest& request);

private:
    void onAck(const protocol::NodeCommandAck& ack);
    void onProgress(const protocol::NodeModelCacheProgress& progress);
    void onReport(const protocol::NodeModelCache& report);
    NodeCacheRequest* find(const QString& requestId, const QString& nodeId);
    void remember(const NodeCacheRequest& request);
    QHttpServerResponse getRoute(const RequestContext& context) const;
    QHttpServerResponse postRoute(const RequestContext& context);
    QHttpServerResponse deleteRoute(const RequestContext& context);

    NodeGateway& m_gateway;
    nodes::NodeRegistry& m_nodes;
    registry::ModelRegistry& m_models;
    QHash<QString, NodeCacheState> m_states; // nodeId ->
    QList<NodeCacheRequest> m_requests; // newest last, bounded
};

} // namespace aiops::controller
