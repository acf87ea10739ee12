#include "core/controller/RestApi.h"

#include "core/controller/HttpRouter.h"
#include "core/controller/JsonBody.h"
#include "core/controller/NodeGateway.h"
#include "core/controller/NodeJson.h"
#include "core/nodes/NodeRegistry.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QUrlQuery>

namespace aiops::controller {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

namespace {

QString escapeLabel(QString value)
{
    return value.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'"', QStringLiteral("\\\""))
        .replace(u'\n', QStringLiteral("\\n"));
}

QString nodeOrg(const nodes::NodeInfo& node)
{
    return node.record.owner.orgId.isEmpty() ? QStringLiteral("default") : node.record.owner.orgId;
}

bool hasUniverseRole(const iam::Principal& principal)
{
    for (const QString& name : principal.roles) {
        if (const auto role = iam::roleFromName(name); role && iam::isUniverseRole(*role))
            return true;
    }
    return principal.kind == iam::PrincipalKind::System;
}

QJsonObject patchNodeSchema()
{
    const QJsonObject string { { QStringLiteral("type"), QStringLiteral("string") } };
    const QJsonObject boolean { { QStringLiteral("type"), QStringLiteral("boolean") } };
    return QJsonObject { { QStringLiteral("type"), QStringLiteral("object") },
                         { QStringLiteral("additionalProperties"), false },
                         { QStringLiteral("properties"),
                           QJsonObject { { QStringLiteral("name"), string },
                                         { QStringLiteral("maintenance"), boolean } } } };
}

} // namespace

RestApi::RestApi(HttpRouter& router, nodes::NodeRegistry& registry, const NodeGateway& gateway)
    : m_registry(registry)
    , m_gateway(gateway)
    , m_startedMs(QDateTime::currentMSecsSinceEpoch())
{
    using iam::Permission;
    const QString tag = QStringLiteral("nodes");
    // The organization of the node a request names; NotFound for an unknown node.
    const OrgResolver nodeOrgOf = [this](const RequestContext& c) -> Result<QString> {
        const QString nodeId = c.param(QStringLiteral("nodeId"));
        const auto node = m_registry.node(nodeId);
        if (!node)
            return makeError(ErrorCode::NotFound, QStringLiteral("No node %1").arg(nodeId));
        return nodeOrg(*node);
    };

    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/system/health"),
                 .permission = Permission::Public,
                 .summary = QStringLiteral("Liveness and node counts"),
                 .tag = QStringLiteral("system"),
                 .handler = [this](RequestContext&) { return health(); },
                 .rateLimited = false });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/system/stats"),
                 .permission = Permission::ViewMetrics,
                 .summary = QStringLiteral("Controller statistics"),
                 .tag = QStringLiteral("system"),
                 .handler = [this](RequestContext&) {
                     return stats();
                 } });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/metrics"),
                 .permission = Permission::ViewMetrics,
                 .summary = QStringLiteral("Prometheus text exposition"),
                 .tag = QStringLiteral("system"),
                 .handler = [this](RequestContext&) {
                     return prometheus();
                 } });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/nodes"),
                 .permission = Permission::ViewMetrics,
                 .summary = QStringLiteral("List nodes with metrics (organization roles see their organization's)"),
                 .tag = tag,
                 .handler = [this](RequestContext& c) {
                     return listNodes(c);
                 } });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/nodes/:nodeId"),
                 .permission = Permission::ViewMetrics,
                 .summary = QStringLiteral("Node details"),
                 .tag = tag,
                 .handler = [this](RequestContext& c) { return getNode(c.param(QStringLiteral("nodeId"))); },
                 .resourceOrg = nodeOrgOf });
    router.add(
        { .method = Method::Patch,
          .path = QStringLiteral("/nodes/:nodeId"),
          .permission = Permission::RegisterNodes,
          .summary = QStringLiteral("Rename a node or switch maintenance"),
          .tag = tag,
          .handler = [this](RequestContext& c) { return patchNode(c.param(QStringLiteral("nodeId")), c.request); },
          .resourceOrg = nodeOrgOf,
          .requestSchema = patchNodeSchema() });
    router.add({ .method = Method::Delete,
                 .path = QStringLiteral("/nodes/:nodeId"),
                 .permission = Permission::RegisterNodes,
                 .summary = QStringLiteral("Remove a node"),
                 .tag = tag,
                 .handler = [this](RequestContext& c) { return deleteNode(c.param(QStringLiteral("nodeId"))); },
                 .resourceOrg = nodeOrgOf });
    router.add(
        { .method = Method::Get,
          .path = QStringLiteral("/nodes/:nodeId/metrics"),
          .permission = Permission::ViewMetrics,
          .summary = QStringLiteral("Metric history of a node and its GPUs"),
          .tag = tag,
          .handler = [this](RequestContext& c) { return getMetrics(c.param(QStringLiteral("nodeId")), c.request); },
          .resourceOrg = nodeOrgOf });
}

QHttpServerResponse RestApi::health() const
{
    const auto s = m_registry.stats();
    return QHttpServerResponse(QJsonObject {
        { QStringLiteral("status"), QStringLiteral("ok") },
        { QStringLiteral("version"), QStringLiteral(AIOPS_VERSION) },
        { QStringLiteral("uptimeSeconds"), (QDateTime::currentMSecsSinceEpoch() - m_startedMs) / 1000 },
        { QStringLiteral("nodes"),
          QJsonObject { { QStringLiteral("online"), s.online },
                        { QStringLiteral("offline"), s.offline },
                        { QStringLiteral("maintenance"), s.maintenance } } },
    });
}

QHttpServerResponse RestApi::stats() const
{
    const auto s = m_registry.stats();
    return QHttpServerResponse(QJsonObject {
        { QStringLiteral("nodes"),
          QJsonObject { { QStringLiteral("total"), s.online + s.offline + s.maintenance },
                        { QStringLiteral("online"), s.online },
                        { QStringLiteral("offline"), s.offline },
                        { QStringLiteral("maintenance"), s.maintenance } } },
        { QStringLiteral("gpus"), s.gpus },
        { QStringLiteral("connections"), m_gateway.connectionCount() },
        { QStringLiteral("heartbeats"),
          QJsonObject { { QStringLiteral("ingested"), double(s.heartbeats) },
                        { QStringLiteral("latencyP50Ms"), s.latencyP50Ms },
                        { QStringLiteral("latencyP99Ms"), s.latencyP99Ms },
                        { QStringLiteral("latencySamples"), double(s.latencySamples) } } },
        { QStringLiteral("registrations"), double(s.registrations) },
        { QStringLiteral("rejectedMessages"), double(s.rejectedMessages) },
    });
}

QHttpServerResponse RestApi::listNodes(const RequestContext& context) const
{
    const QString status = context.request.query().queryItemValue(QStringLiteral("status"));
    // Universe roles see every organization (or the one asked for); organization roles their own.
    const QString askedOrg = context.request.query().queryItemValue(QStringLiteral("orgId"));
    const bool everyOrg = hasUniverseRole(context.principal) && askedOrg.isEmpty();
    if (!status.isEmpty() && status != u"online" && status != u"offline" && status != u"maintenance")
        return errorResponse(Error { ErrorCode::InvalidValue,
                                     QStringLiteral("status must be online, offline or maintenance"),
                                     QStringLiteral("status") });
    QJsonArray nodes;
    for (const auto& n : m_registry.nodes()) {
        if (!everyOrg && nodeOrg(n) != context.resourceOrgId)
            continue;
        if (status.isEmpty() || n.record.status == status)
            nodes.append(nodeToJson(n));
    }
    return QHttpServerResponse(
        QJsonObject { { QStringLiteral("nodes"), nodes }, { QStringLiteral("total"), nodes.size() } });
}

QHttpServerResponse RestApi::getNode(const QString& nodeId) const
{
    const auto node = m_registry.node(nodeId);
    if (!node)
        return errorResponse(Error { ErrorCode::NotFound, QStringLiteral("No node %1").arg(nodeId) });
    return QHttpServerResponse(nodeToJson(*node));
}

QHttpServerResponse RestApi::getMetrics(const QString& nodeId, const QHttpServerRequest& request) const
{
    const auto node = m_registry.node(nodeId);
    if (!node)
        return errorResponse(Error { ErrorCode::NotFound, QStringLiteral("No node %1").arg(nodeId) });
    qint64 since = QDateTime::currentMSecsSinceEpoch() - 10 * 60 * 1000;
    const QString sinceText = request.query().queryItemValue(QStringLiteral("since"));
    if (!sinceText.isEmpty()) {
        bool ok = false;
        since = sinceText.toLongLong(&ok);
        if (!ok || since < 0)
            return errorResponse(Error { ErrorCode::InvalidValue,
                                         QStringLiteral("since must be milliseconds since the epoch"),
                                         QStringLiteral("since") });
    }
    QList<QPair<QString, QList<nodes::GpuPoint>>> gpus;
    for (const auto& g : node->record.gpuDevices)
        gpus.append({ g.deviceId, m_registry.gpuHistory(nodeId, g.deviceId, since) });
    return QHttpServerResponse(nodeMetricsToJson(*node, m_registry.nodeHistory(nodeId, since), gpus));
}

QHttpServerResponse RestApi::patchNode(const QString& nodeId, const QHttpServerRequest& request)
{
    const auto parsed = parseJsonObject(request.body());
    if (!parsed)
        return errorResponse(parsed.error());
    const QJsonObject body = *parsed;
    if (body.isEmpty())
        return errorResponse(
            Error { ErrorCode::BadRequest, QStringLiteral("Nothing to update: send name and/or maintenance") });
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != u"name" && it.key() != u"maintenance")
            return errorResponse(Error { ErrorCode::InvalidValue,
                                         QStringLiteral("Unknown field %1 (allowed: name, maintenance)").arg(it.key()),
                                         it.key() });
    }
    if (body.contains(QStringLiteral("name")) && !body.value(QStringLiteral("name")).isString())
        return errorResponse(
            Error { ErrorCode::InvalidFieldType, QStringLiteral("name must be a string"), QStringLiteral("name") });
    if (body.contains(QStringLiteral("maintenance")) && !body.value(QStringLiteral("maintenance")).isBool())
        return errorResponse(Error { ErrorCode::InvalidFieldType,
                                     QStringLiteral("maintenance must be a boolean"),
                                     QStringLiteral("maintenance") });
    if (!m_registry.node(nodeId))
        return errorResponse(Error { ErrorCode::NotFound, QStringLiteral("No node %1").arg(nodeId) });
    if (body.contains(QStringLiteral("name"))) {
        if (auto r = m_registry.rename(nodeId, body.value(QStringLiteral("name")).toString()); !r)
            return errorResponse(r.error());
    }
    if (body.contains(QStringLiteral("maintenance"))) {
        if (auto r = m_registry.setMaintenance(nodeId, body.value(QStringLiteral("maintenance")).toBool()); !r)
            return errorResponse(r.error());
    }
    return getNode(nodeId);
}

QHttpServerResponse RestApi::deleteNode(const QString& nodeId)
{
    if (auto r = m_registry.remove(nodeId); !r)
        return errorResponse(r.error());
    return QHttpServerResponse(
        QJsonObject { { QStringLiteral("nodeId"), nodeId }, { QStringLiteral("deleted"), true } });
}

QHttpServerResponse RestApi::prometheus() const
{
    const auto s = m_registry.stats();
    QString out;
    out += QStringLiteral("# HELP aiops_nodes Nodes by status.\n# TYPE aiops_nodes gauge\n");
    out += QStringLiteral("aiops_nodes{status=\"online\"} %1\n").arg(s.online);
    out += QStringLiteral("aiops_nodes{status=\"offline\"} %1\n").arg(s.offline);
    out += QStringLiteral("aiops_nodes{status=\"maintenance\"} %1\n").arg(s.maintenance);
    out += QStringLiteral("# HELP aiops_gpus GPUs registered.\n# TYPE aiops_gpus gauge\naiops_gpus %1\n").arg(s.gpus);
    out += QStringLiteral("# HELP aiops_heartbeats_total Heartbeats ingested.\n# TYPE aiops_heartbeats_total counter\n"
                          "aiops_heartbeats_total %1\n")
               .arg(s.heartbeats);
    out += QStringLiteral("# HELP aiops_rejected_messages_total Node messages answered with system.error.\n"
                          "# TYPE aiops_rejected_messages_total counter\naiops_rejected_messages_total %1\n")
               .arg(s.rejectedMessages);
    out += QStringLiteral("# HELP aiops_node_connections Open node WebSocket connections.\n"
                          "# TYPE aiops_node_connections gauge\naiops_node_connections %1\n")
               .arg(m_gateway.connectionCount());
    out += QStringLiteral(
        "# HELP aiops_gpu_utilization GPU utilisation percent.\n# TYPE aiops_gpu_utilization gauge\n");
    QString memory
        = QStringLiteral("# HELP aiops_gpu_memory_free_mib Free GPU memory.\n# TYPE aiops_gpu_memory_free_mib gauge\n");
    QString temperature = QStringLiteral("# HELP aiops_gpu_temperature_celsius GPU temperature.\n"
                                         "# TYPE aiops_gpu_temperature_celsius gauge\n");
    for (const auto& n : m_registry.nodes()) {
        const QString node = escapeLabel(n.record.nodeId);
        for (const auto& g : n.record.gpuDevices) {
            const QString labels = QStringLiteral("{node=\"%1\",device=\"%2\"}").arg(node, escapeLabel(g.deviceId));
            out += QStringLiteral("aiops_gpu_utilization%1 %2\n").arg(labels).arg(g.utilization);
            memory += QStringLiteral("aiops_gpu_memory_free_mib%1 %2\n").arg(labels).arg(g.memoryFree);
            temperature += QStringLiteral("aiops_gpu_temperature_celsius%1 %2\n").arg(labels).arg(g.temperature);
        }
    }
    out += memory + temperature;
    return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"), out.toUtf8());
}

} // namespace aiops::controller
