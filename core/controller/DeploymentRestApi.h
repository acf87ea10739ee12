#pragma once

#include "core/protocol/Error.h"

#include <QObject>
#include <QString>

namespace aiops::nodes {
class NodeRegistry;
}

namespace aiops::controller {

class ControllerDeploymentService;
class HttpRouter;
struct RequestContext;

// Seed 000's deployment routes:
//   GET    /deployments                   the caller's organization's deployments (?status= filters)
//   POST   /deployments                   {modelId, framework?, image?, gpuCount?, strategy?, placement?, ...}
//                                         -> 201 the record (status deploying); Idempotency-Key honoured
//   POST   /deployments/preview           the same body -> where Auto would place it, and why
//   GET    /deployments/:id               one record
//   DELETE /deployments/:id               stop and remove the container -> 202
//   GET    /deployments/:id/logs          ?lines=200 -> text/plain, read from the node (InferenceRouter)
//   GET    /deployments/:id/metrics       request counters plus the live values of its GPUs
//   GET    /nodes/:nodeId/containers      the aiops containers the node last reported
class DeploymentRestApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentRestApi)
public:
    DeploymentRestApi(HttpRouter& router,
                      ControllerDeploymentService& service,
                      nodes::NodeRegistry& nodes,
                      QObject* parent = nullptr);
    // The destructive route (DELETE) goes last: the RBAC matrix test walks the table in order.
    void addDestructiveRoutes(HttpRouter& router);

private:
    // The organization owning the :deploymentId of a request; NotFound when there is no such deployment.
    Result<QString> orgOfDeployment(const RequestContext& context) const;

    ControllerDeploymentService& m_service;
    nodes::NodeRegistry& m_nodes;
};

} // namespace aiops::controller
