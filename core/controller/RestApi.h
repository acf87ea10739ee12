#pragma once

#include "core/protocol/Error.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace aiops::nodes {
class NodeRegistry;
}

namespace aiops::controller {

class HttpRouter;
class NodeGateway;
struct RequestContext;

// Seed 000 "API Endpoints" for nodes and the system: /system/health, /system/stats, /nodes...,
// /metrics. Routes are declared in the router's table with their permissions.
class RestApi final
{
public:
    RestApi(HttpRouter& router, nodes::NodeRegistry& registry, const NodeGateway& gateway);

private:
    QHttpServerResponse health() const;
    QHttpServerResponse stats() const;
    QHttpServerResponse listNodes(const RequestContext& context) const;
    QHttpServerResponse getNode(const QString& nodeId) const;
    QHttpServerResponse getMetrics(const QString& nodeId, const QHttpServerRequest& request) const;
    QHttpServerResponse patchNode(const QString& nodeId, const QHttpServerRequest& request);
    QHttpServerResponse deleteNode(const QString& nodeId);
    QHttpServerResponse prometheus() const;

    nodes::NodeRegistry& m_registry;
    const NodeGateway& m_gateway;
    qint64 m_startedMs;
};

} // namespace aiops::controller
