#include "core/controller/DeploymentRestApi.h"

#include "core/controller/ControllerDeploymentService.h"
#include "core/controller/HttpRouter.h"
#include "core/controller/JsonBody.h"
#include "core/iam/Permissions.h"
#include "core/nodes/NodeRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace aiops::controller {

using namespace Qt::StringLiterals;
using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

namespace {

QJsonObject deploySchema()
{
    const auto type = [](const char* t) {
        return QJsonObject { { u"type"_s, QString::fromLatin1(t) } };
    };
    return QJsonObject {
        { u"type"_s, u"object"_s },
        { u"required"_s, QJsonArray { u"modelId"_s } },
        { u"properties"_s,
          QJsonObject {
              { u"modelId"_s, type("string") },
              { u"framework"_s, QJsonObject { { u"enum"_s, QJsonArray { u"vllm"_s, u"triton"_s, u"custom"_s } } } },
              { u"image"_s, type("string") },
              { u"instanceId"_s, type("string") },
              { u"gpuCount"_s, type("integer") },
              { u"strategy"_s, QJsonObject { { u"enum"_s, QJsonArray { u"binpack"_s, u"spread"_s } } } },
              { u"placement"_s,
                QJsonObject { { u"type"_s, u"object"_s },
                              { u"properties"_s,
                                QJsonObject { { u"nodeId"_s, type("string") },
                                              { u"gpuDevices"_s,
                                                QJsonObject { { u"type"_s, u"array"_s },
                                                              { u"items"_s, type("string") } } } } } } },
              { u"environment"_s, type("object") },
              { u"args"_s, QJsonObject { { u"type"_s, u"array"_s }, { u"items"_s, type("string") } } },
              { u"command"_s, QJsonObject { { u"type"_s, u"array"_s }, { u"items"_s, type("string") } } },
              { u"containerPort"_s, type("integer") },
              { u"healthPath"_s, type("string") },
              { u"memoryLimitMb"_s, type("integer") },
              { u"gpuMemoryUtilization"_s, type("number") },
              { u"healthTimeoutSeconds"_s, type("integer") },
          } },
    };
}

// The DeployRequest in a POST body (the same body for /deployments and /deployments/preview).
Result<DeployRequest> deployRequestOf(const RequestContext& c)
{
    const auto body = parseJsonObject(c.request.body());
    if (!body)
        return std::unexpected(body.error());
    return ControllerDeploymentService::requestFromJson(*body);
}

QJsonObject placementJson(const deploy::Placement& p)
{
    QJsonArray ranked;
    for (const deploy::Candidate& c : p.ranked)
        ranked.append(QJsonObject { { u"nodeId"_s, c.nodeId },
                                    { u"gpuDevices"_s, QJsonArray::fromStringList(c.deviceIds) },
                                    { u"score"_s, c.score },
                                    { u"reason"_s, c.reason } });
    return QJsonObject { { u"nodeId"_s, p.nodeId },
                         { u"gpuDevices"_s, QJsonArray::fromStringList(p.deviceIds) },
                         { u"reservedMbPerGpu"_s, p.reservedMbPerGpu },
                         { u"explanation"_s, p.explanation },
                         { u"ranked"_s, ranked },
                         { u"rejected"_s, QJsonArray::fromStringList(p.rejected) } };
}

} // namespace

DeploymentRestApi::DeploymentRestApi(HttpRouter& router,
                                     ControllerDeploymentService& service,
                                     nodes::NodeRegistry& nodes,
                                     QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_nodes(nodes)
{
    const OrgResolver deploymentOrg = [this](const RequestContext& c) {
        return orgOfDeployment(c);
    };
    const OrgResolver nodeOrg = [this](const RequestContext& c) -> Result<QString> {
        const auto node = m_nodes.node(c.param(u"nodeId"_s));
        if (!node)
            return makeError(ErrorCode::NotFound, u"No node %1"_s.arg(c.param(u"nodeId"_s)));
        return node->record.owner.orgId.isEmpty() ? u"default"_s : node->record.owner.orgId;
    };
    const QString tag = u"deployments"_s;

    router.add({ .method = Method::Get,
                 .path = u"/deployments"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"Deployments of the caller's organization, newest first (?status=running filters)"_s,
                 .tag = tag,
                 .handler = [this](RequestContext& c) {
                     const QString status = QUrlQuery(c.request.url()).queryItemValue(u"status"_s);
                     QJsonArray list;
                     for (const deploy::DeploymentRecord& r : m_service.deployments()) {
                         if ((r.orgId.isEmpty() ? u"default"_s : r.orgId) != c.resourceOrgId)
                             continue;
                         if (!status.isEmpty() && deploy::statusName(r.status) != status)
                             continue;
                         list.append(ControllerDeploymentService::toJson(r));
                     }
                     return QHttpServerResponse(QJsonObject { { u"deployments"_s, list } });
                 } });
    router.add({ .method = Method::Post,
                 .path = u"/deployments/preview"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"Where an automatic placement would put this deployment now, and why"_s,
                 .tag = tag,
                 .handler =
                     [this](RequestContext& c) {
                         auto request = deployRequestOf(c);
                         if (!request)
                             return errorResponse(request.error());
                         auto placement = m_service.previewAs(c.principal, *request);
                         if (!placement)
                             return errorResponse(placement.error());
                         return QHttpServerResponse(placementJson(*placement));
                     },
                 .audited = false,
                 .requestSchema = deploySchema() });
    router.add({ .method = Method::Post,
                 .path = u"/deployments"_s,
                 .permission = iam::Permission::DeployModels,
                 .summary
                 = u"Deploy a model: choose a node and GPUs, start its container, follow it in GET /deployments/:id"_s,
                 .tag = tag,
                 .handler =
                     [this](RequestContext& c) {
                         auto request = deployRequestOf(c);
                         if (!request)
                             return errorResponse(request.error());
                         auto record = m_service.deployAs(c.principal, *request);
                         if (!record)
                             return errorResponse(record.error());
                         return QHttpServerResponse(ControllerDeploymentService::toJson(*record), Status::Created);
                     },
                 .createsResource = true,
                 .requestSchema = deploySchema(),
                 .successStatus = u"201"_s });
    router.add({ .method = Method::Get,
                 .path = u"/deployments/:deploymentId"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"One deployment: status, progress phase, endpoint, health and counters"_s,
                 .tag = tag,
                 .handler =
                     [this](RequestContext& c) {
                         const auto record = m_service.deployment(c.param(u"deploymentId"_s));
                         if (!record)
                             return errorResponse(Error { ErrorCode::NotFound, u"No such deployment"_s });
                         return QHttpServerResponse(ControllerDeploymentService::toJson(*record));
                     },
                 .resourceOrg = deploymentOrg });
    router.add({ .method = Method::Get,
                 .path = u"/deployments/:deploymentId/metrics"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"Request count, average latency and the live values of the deployment's GPUs"_s,
                 .tag = tag,
                 .handler =
                     [this](RequestContext& c) {
                         const auto record = m_service.deployment(c.param(u"deploymentId"_s));
                         if (!record)
                             return errorResponse(Error { ErrorCode::NotFound, u"No such deployment"_s });
                         QJsonArray gpus;
                         if (const auto node = m_nodes.node(record->nodeId)) {
                             for (const store::GpuDeviceRecord& g : node->record.gpuDevices) {
                                 if (!record->gpuDevices.contains(g.deviceId))
                                     continue;
                                 gpus.append(QJsonObject { { u"deviceId"_s, g.deviceId },
                                                           { u"utilization"_s, g.utilization },
                                                           { u"memoryTotal"_s, g.memoryTotal },
                                                           { u"memoryFree"_s, g.memoryFree },
                                                           { u"temperature"_s, g.temperature } });
                             }
                         }
                         const QJsonObject json = ControllerDeploymentService::toJson(*record);
                         QJsonObject metrics = json.value(u"metrics"_s).toObject();
                         metrics.insert(u"deploymentId"_s, record->deploymentId);
                         metrics.insert(u"status"_s, json.value(u"status"_s));
                         metrics.insert(u"healthStatus"_s, json.value(u"healthStatus"_s));
                         metrics.insert(u"gpus"_s, gpus);
                         return QHttpServerResponse(metrics);
                     },
                 .resourceOrg = deploymentOrg });
    // Served by the inference proxy through the front door (InferenceRouter): the node streams the log
    // tail back. Listed here for the route table (permission, OpenAPI); a request that reaches this
    // handler came on a connection QHttpServer already held.
    router.add(
        { .method = Method::Get,
          .path = u"/deployments/:deploymentId/logs"_s,
          .permission = iam::Permission::ViewMetrics,
          .summary = u"The container's last log lines (?lines=200, 1-10000; ?since=unix seconds), read from its node"_s,
          .tag = tag,
          .handler =
              [](RequestContext&) {
                  Error e { ErrorCode::Unavailable, u"Send this request on a new connection"_s };
                  e.retryAfterSeconds = 1;
                  return errorResponse(e);
              },
          .resourceOrg = deploymentOrg });
    router.add({ .method = Method::Get,
                 .path = u"/nodes/:nodeId/containers"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"The aiops-managed containers the node last reported (after every reconnect)"_s,
                 .tag = u"nodes"_s,
                 .handler =
                     [this](RequestContext& c) {
                         const QString nodeId = c.param(u"nodeId"_s);
                         const auto report = m_service.containersOf(nodeId);
                         QJsonArray containers;
                         if (report) {
                             for (const protocol::ManagedContainer& m : report->containers)
                                 containers.append(QJsonObject { { u"containerId"_s, m.containerId },
                                                                 { u"deploymentId"_s, m.deploymentId },
                                                                 { u"image"_s, m.image },
                                                                 { u"state"_s, m.state },
                                                                 { u"hostPort"_s, m.hostPort } });
                         }
                         return QHttpServerResponse(QJsonObject {
                             { u"nodeId"_s, nodeId },
                             { u"reportedAt"_s,
                               report ? QJsonValue(report->reportedAt.toString(Qt::ISODateWithMs)) : QJsonValue() },
                             { u"containers"_s, containers } });
                     },
                 .resourceOrg = nodeOrg });
}

Result<QString> DeploymentRestApi::orgOfDeployment(const RequestContext& context) const
{
    const QString id = context.param(u"deploymentId"_s);
    const auto record = m_service.deployment(id);
    if (!record)
        return makeError(ErrorCode::NotFound, u"No deployment %1"_s.arg(id));
    return record->orgId.isEmpty() ? u"default"_s : record->orgId;
}

void DeploymentRestApi::addDestructiveRoutes(HttpRouter& router)
{
    router.add({ .method = Method::Delete,
                 .path = u"/deployments/:deploymentId"_s,
                 .permission = iam::Permission::DeployModels,
                 .summary = u"Stop the deployment: its container is stopped and removed"_s,
                 .tag = u"deployments"_s,
                 .handler =
                     [this](RequestContext& c) {
                         const QString id = c.param(u"deploymentId"_s);
                         if (auto stopped = m_service.stopAs(c.principal, id); !stopped)
                             return errorResponse(stopped.error());
                         return QHttpServerResponse(
                             QJsonObject { { u"deploymentId"_s, id }, { u"status"_s, u"stopping"_s } },
                             Status::Accepted);
                     },
                 .resourceOrg = [this](const RequestContext& c) { return orgOfDeployment(c); },
                 .successStatus = u"202"_s });
}

} // namespace aiops::controller
