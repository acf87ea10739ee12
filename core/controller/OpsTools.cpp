#include "core/controller/OpsTools.h"

#include "core/controller/DeploymentService.h"
#include "core/controller/NodeService.h"
#include "core/registry/ModelService.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace aiops::controller {

using namespace Qt::StringLiterals;

namespace {

QJsonObject typed(const QString& type, const QString& description = {})
{
    QJsonObject o { { u"type"_s, type } };
    if (!description.isEmpty())
        o.insert(u"description"_s, description);
    return o;
}

QJsonObject enumOf(const QStringList& values, const QString& description)
{
    return QJsonObject { { u"type"_s, u"string"_s },
                         { u"enum"_s, QJsonArray::fromStringList(values) },
                         { u"description"_s, description } };
}

QJsonObject objectSchema(const QJsonObject& properties, const QStringList& required = {})
{
    QJsonObject o { { u"type"_s, u"object"_s }, { u"properties"_s, properties } };
    if (!required.isEmpty())
        o.insert(u"required"_s, QJsonArray::fromStringList(required));
    return o;
}

// An input schema: an object that refuses arguments it does not declare.
QJsonObject inputSchema(const QJsonObject& properties)
{
    QJsonObject o = objectSchema(properties);
    o.insert(u"additionalProperties"_s, false);
    return o;
}

// {<listKey>: [items], total}
QJsonObject listOutputSchema(const QString& listKey, const QJsonObject& item)
{
    return objectSchema({ { listKey, QJsonObject { { u"type"_s, u"array"_s }, { u"items"_s, item } } },
                          { u"total"_s, typed(u"integer"_s) } },
                        { listKey, u"total"_s });
}

QJsonObject readOnly()
{
    return QJsonObject { { u"readOnlyHint"_s, true }, { u"openWorldHint"_s, false } };
}

QString orgOrDefault(const QString& org)
{
    return org.isEmpty() ? u"default"_s : org;
}

QString isoDate(const QDateTime& dt)
{
    return dt.toUTC().toString(Qt::ISODateWithMs);
}

double oneDecimal(double v)
{
    return std::round(v * 10.0) / 10.0;
}

bool matchesType(const QJsonValue& value, const QString& type)
{
    if (type == u"string")
        return value.isString();
    if (type == u"number")
        return value.isDouble();
    if (type == u"integer") {
        if (!value.isDouble())
            return false;
        const double d = value.toDouble();
        return std::isfinite(d) && std::floor(d) == d && std::abs(d) <= 9007199254740992.0;
    }
    if (type == u"boolean")
        return value.isBool();
    if (type == u"object")
        return value.isObject();
    if (type == u"array")
        return value.isArray();
    if (type == u"null")
        return value.isNull();
    return true; // a type this check does not know is left to the handler
}

QString describe(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String: return u"a string"_s;
    case QJsonValue::Double: return u"a number"_s;
    case QJsonValue::Bool: return u"a boolean"_s;
    case QJsonValue::Object: return u"an object"_s;
    case QJsonValue::Array: return u"an array"_s;
    case QJsonValue::Null: return u"null"_s;
    default: return u"undefined"_s;
    }
}

// ---- listNodes ----

QJsonObject nodeItemSchema()
{
    return objectSchema(
        { { u"nodeId"_s, typed(u"string"_s) },
          { u"name"_s, typed(u"string"_s) },
          { u"status"_s, enumOf({ u"online"_s, u"offline"_s, u"maintenance"_s }, u"Liveness"_s) },
          { u"gpuCount"_s, typed(u"integer"_s) },
          { u"cpuCores"_s, typed(u"integer"_s) },
          { u"cpuUtilization"_s, typed(u"number"_s, u"Percent; absent when unknown"_s) },
          { u"ramTotalMb"_s, typed(u"integer"_s) },
          { u"ramFreeMb"_s, typed(u"integer"_s) },
          { u"hostname"_s, typed(u"string"_s) },
          { u"lastHeartbeat"_s, typed(u"string"_s, u"ISO 8601 UTC; absent before the first"_s) } },
        { u"nodeId"_s, u"name"_s, u"status"_s, u"gpuCount"_s, u"cpuCores"_s, u"ramTotalMb"_s, u"ramFreeMb"_s });
}

QJsonObject nodeItem(const nodes::NodeInfo& node)
{
    const auto& r = node.record;
    QJsonObject o { { u"nodeId"_s, r.nodeId },     { u"name"_s, r.name },
                    { u"status"_s, r.status },     { u"gpuCount"_s, int(r.gpuDevices.size()) },
                    { u"cpuCores"_s, r.cpuCores }, { u"ramTotalMb"_s, r.ramTotal },
                    { u"ramFreeMb"_s, r.ramFree } };
    if (node.cpuUtilization >= 0)
        o.insert(u"cpuUtilization"_s, oneDecimal(node.cpuUtilization));
    if (!node.hostname.isEmpty())
        o.insert(u"hostname"_s, node.hostname);
    if (r.lastHeartbeat.isValid())
        o.insert(u"lastHeartbeat"_s, isoDate(r.lastHeartbeat));
    return o;
}

QList<nodes::NodeInfo> nodesOfOrg(const NodeService& service, const QString& org)
{
    QList<nodes::NodeInfo> out;
    for (const nodes::NodeInfo& node : service.nodes()) {
        if (!node.record.isDeleted && orgOrDefault(node.record.owner.orgId) == org)
            out.append(node);
    }
    return out;
}

// ---- gpuReport (seed 004 task 2: utilization, VRAM, temperature per GPU) ----

struct GpuRow
{
    QJsonObject json;
    double temperature = 0;
    double memoryUsedPercent = 0;
    double utilization = 0;
    QString nodeId;
    QString deviceId;
};

QJsonObject gpuItemSchema()
{
    return objectSchema({ { u"nodeId"_s, typed(u"string"_s) },
                          { u"nodeName"_s, typed(u"string"_s) },
                          { u"nodeStatus"_s, typed(u"string"_s) },
                          { u"deviceId"_s, typed(u"string"_s) },
                          { u"model"_s, typed(u"string"_s) },
                          { u"utilization"_s, typed(u"number"_s, u"Percent"_s) },
                          { u"memoryUsedMb"_s, typed(u"integer"_s) },
                          { u"memoryTotalMb"_s, typed(u"integer"_s) },
                          { u"memoryUsedPercent"_s, typed(u"number"_s) },
                          { u"temperature"_s, typed(u"number"_s, u"Degrees Celsius"_s) },
                          { u"powerUsage"_s, typed(u"number"_s, u"Watts; absent when unknown"_s) } },
                        { u"nodeId"_s,
                          u"nodeName"_s,
                          u"nodeStatus"_s,
                          u"deviceId"_s,
                          u"model"_s,
                          u"utilization"_s,
                          u"memoryUsedMb"_s,
                          u"memoryTotalMb"_s,
                          u"memoryUsedPercent"_s,
                          u"temperature"_s });
}

QJsonObject gpuReportOutputSchema()
{
    QJsonObject schema = listOutputSchema(u"gpus"_s, gpuItemSchema());
    QJsonObject properties = schema.value(u"properties"_s).toObject();
    properties.insert(u"total"_s, typed(u"integer"_s, u"GPUs that matched, before top"_s));
    properties.insert(u"summary"_s,
                      objectSchema({ { u"gpuCount"_s, typed(u"integer"_s) },
                                     { u"nodeCount"_s, typed(u"integer"_s) },
                                     { u"averageUtilization"_s, typed(u"number"_s) },
                                     { u"memoryUsedMb"_s, typed(u"integer"_s) },
                                     { u"memoryTotalMb"_s, typed(u"integer"_s) },
                                     { u"maxTemperature"_s, typed(u"number"_s) } },
                                   { u"gpuCount"_s,
                                     u"nodeCount"_s,
                                     u"averageUtilization"_s,
                                     u"memoryUsedMb"_s,
                                     u"memoryTotalMb"_s,
                                     u"maxTemperature"_s }));
    schema.insert(u"properties"_s, properties);
    schema.insert(u"required"_s, QJsonArray { u"gpus"_s, u"total"_s, u"summary"_s });
    return schema;
}

Result<QJsonObject> gpuReport(const NodeService& service, const iam::Principal& principal, const QJsonObject& args)
{
    const QString org = toolOrgOf(principal);
    const QString onlyNode = args.value(u"nodeId"_s).toString();
    const bool includeOffline = args.value(u"includeOffline"_s).toBool(false);
    const QList<nodes::NodeInfo> nodes = nodesOfOrg(service, org);
    if (!onlyNode.isEmpty()
        && std::none_of(nodes.begin(), nodes.end(), [&](const nodes::NodeInfo& n) { return n.nodeId() == onlyNode; }))
        return makeError(ErrorCode::NotFound, u"No node %1 in your organization"_s.arg(onlyNode), u"nodeId"_s);

    QList<GpuRow> rows;
    QSet<QString> nodeIds;
    for (const nodes::NodeInfo& node : nodes) {
        const auto& r = node.record;
        if (!onlyNode.isEmpty() && r.nodeId != onlyNode)
            continue;
        // An offline node's last values are stale: left out unless asked for (or named).
        if (onlyNode.isEmpty() && !includeOffline && r.status == u"offline")
            continue;
        for (qsizetype i = 0; i < r.gpuDevices.size(); ++i) {
            const auto& g = r.gpuDevices[i];
            const qint64 used = std::max<qint64>(0, g.memoryTotal - g.memoryFree);
            const double percent = g.memoryTotal > 0 ? oneDecimal(100.0 * double(used) / double(g.memoryTotal)) : 0;
            GpuRow row;
            row.temperature = g.temperature;
            row.memoryUsedPercent = percent;
            row.utilization = g.utilization;
            row.nodeId = r.nodeId;
            row.deviceId = g.deviceId;
            row.json = QJsonObject { { u"nodeId"_s, r.nodeId },
                                     { u"nodeName"_s, r.name },
                                     { u"nodeStatus"_s, r.status },
                                     { u"deviceId"_s, g.deviceId },
                                     { u"model"_s, g.model },
                                     { u"utilization"_s, oneDecimal(g.utilization) },
                                     { u"memoryUsedMb"_s, used },
                                     { u"memoryTotalMb"_s, g.memoryTotal },
                                     { u"memoryUsedPercent"_s, percent },
                                     { u"temperature"_s, oneDecimal(g.temperature) } };
            if (i < node.gpuLive.size() && node.gpuLive[i].powerUsage >= 0)
                row.json.insert(u"powerUsage"_s, oneDecimal(node.gpuLive[i].powerUsage));
            rows.append(std::move(row));
            nodeIds.insert(r.nodeId);
        }
    }
    // Hottest first, then fullest (VRAM), then busiest; ties in a stable, readable order.
    std::sort(rows.begin(), rows.end(), [](const GpuRow& a, const GpuRow& b) {
        if (a.temperature != b.temperature)
            return a.temperature > b.temperature;
        if (a.memoryUsedPercent != b.memoryUsedPercent)
            return a.memoryUsedPercent > b.memoryUsedPercent;
        if (a.utilization != b.utilization)
            return a.utilization > b.utilization;
        return a.nodeId != b.nodeId ? a.nodeId < b.nodeId : a.deviceId < b.deviceId;
    });

    double utilization = 0;
    double maxTemperature = 0;
    qint64 usedMb = 0;
    qint64 totalMb = 0;
    for (const GpuRow& row : rows) {
        utilization += row.utilization;
        maxTemperature = std::max(maxTemperature, row.temperature);
        usedMb += row.json.value(u"memoryUsedMb"_s).toInteger();
        totalMb += row.json.value(u"memoryTotalMb"_s).toInteger();
    }
    const QJsonObject summary { { u"gpuCount"_s, int(rows.size()) },
                                { u"nodeCount"_s, int(nodeIds.size()) },
                                { u"averageUtilization"_s,
                                  rows.isEmpty() ? 0.0 : oneDecimal(utilization / rows.size()) },
                                { u"memoryUsedMb"_s, usedMb },
                                { u"memoryTotalMb"_s, totalMb },
                                { u"maxTemperature"_s, oneDecimal(maxTemperature) } };
    const qsizetype total = rows.size();
    const qsizetype top = args.contains(u"top"_s) ? qsizetype(args.value(u"top"_s).toInteger()) : total;
    QJsonArray gpus;
    for (qsizetype i = 0; i < std::min(top, total); ++i)
        gpus.append(rows[i].json);
    return QJsonObject { { u"gpus"_s, gpus }, { u"total"_s, int(total) }, { u"summary"_s, summary } };
}

// ---- listDeployments ----

QJsonObject deploymentItemSchema()
{
    return objectSchema(
        { { u"deploymentId"_s, typed(u"string"_s) },
          { u"modelId"_s, typed(u"string"_s) },
          { u"instanceId"_s, typed(u"string"_s) },
          { u"nodeId"_s, typed(u"string"_s) },
          { u"status"_s, typed(u"string"_s) },
          { u"phase"_s, typed(u"string"_s) },
          { u"healthStatus"_s, typed(u"string"_s) },
          { u"framework"_s, typed(u"string"_s) },
          { u"image"_s, typed(u"string"_s) },
          { u"gpuDevices"_s, QJsonObject { { u"type"_s, u"array"_s }, { u"items"_s, typed(u"string"_s) } } },
          { u"endpoint"_s, typed(u"string"_s) },
          { u"requestCount"_s, typed(u"integer"_s) },
          { u"error"_s, typed(u"string"_s, u"Why it failed; absent otherwise"_s) },
          { u"createdAt"_s, typed(u"string"_s) } },
        { u"deploymentId"_s,
          u"modelId"_s,
          u"nodeId"_s,
          u"status"_s,
          u"phase"_s,
          u"healthStatus"_s,
          u"framework"_s,
          u"gpuDevices"_s });
}

QJsonObject deploymentItem(const deploy::DeploymentRecord& r)
{
    QJsonObject o { { u"deploymentId"_s, r.deploymentId },
                    { u"modelId"_s, r.modelId },
                    { u"instanceId"_s, r.instanceId },
                    { u"nodeId"_s, r.nodeId },
                    { u"status"_s, deploy::statusName(r.status) },
                    { u"phase"_s, deploy::phaseName(r.phase) },
                    { u"healthStatus"_s, deploy::healthStatusName(r.healthStatus) },
                    { u"framework"_s, r.framework },
                    { u"image"_s, r.image },
                    { u"gpuDevices"_s, QJsonArray::fromStringList(r.gpuDevices) },
                    { u"endpoint"_s, r.endpoint },
                    { u"requestCount"_s, r.requestCount } };
    if (!r.error.isEmpty())
        o.insert(u"error"_s, r.error);
    if (r.createdAt.isValid())
        o.insert(u"createdAt"_s, isoDate(r.createdAt));
    return o;
}

// ---- listModels ----

QJsonObject modelItemSchema()
{
    return objectSchema({ { u"modelId"_s, typed(u"string"_s) },
                          { u"name"_s, typed(u"string"_s) },
                          { u"task"_s, typed(u"string"_s) },
                          { u"framework"_s, typed(u"string"_s) },
                          { u"version"_s, typed(u"string"_s) },
                          { u"source"_s, typed(u"string"_s) },
                          { u"sizeMb"_s, typed(u"integer"_s) },
                          { u"minGpuMemoryMb"_s, typed(u"integer"_s) },
                          { u"parameters"_s, typed(u"integer"_s) },
                          { u"status"_s, typed(u"string"_s) } },
                        { u"modelId"_s, u"name"_s, u"task"_s, u"framework"_s, u"version"_s, u"status"_s });
}

QJsonObject modelItem(const registry::ModelRecord& m)
{
    return QJsonObject { { u"modelId"_s, m.modelId },
                         { u"name"_s, m.name },
                         { u"task"_s, m.task },
                         { u"framework"_s, m.framework },
                         { u"version"_s, m.version },
                         { u"source"_s, m.source },
                         { u"sizeMb"_s, m.sizeMb },
                         { u"minGpuMemoryMb"_s, m.minGpuMemory },
                         { u"parameters"_s, m.parameters },
                         { u"status"_s, m.status } };
}

} // namespace

QString toolOrgOf(const iam::Principal& principal)
{
    return orgOrDefault(principal.orgId);
}

bool OpsToolbox::add(OpsTool tool)
{
    static const QRegularExpression validName(u"^[A-Za-z0-9_.-]{1,64}$"_s);
    if (!validName.match(tool.name).hasMatch() || !tool.handler
        || tool.inputSchema.value(u"type"_s).toString() != u"object" || find(tool.name))
        return false;
    m_tools.append(std::move(tool));
    return true;
}

QList<OpsTool> OpsToolbox::toolsFor(const iam::Principal& principal) const
{
    QList<OpsTool> out;
    for (const OpsTool& tool : m_tools) {
        if (iam::authorize(principal, tool.permission, toolOrgOf(principal)))
            out.append(tool);
    }
    return out;
}

const OpsTool* OpsToolbox::find(const QString& name) const
{
    for (const OpsTool& tool : m_tools) {
        if (tool.name == name)
            return &tool;
    }
    return nullptr;
}

Result<QJsonObject>
OpsToolbox::call(const iam::Principal& principal, const QString& name, const QJsonObject& arguments) const
{
    const OpsTool* tool = find(name);
    if (!tool)
        return makeError(ErrorCode::NotFound, u"No tool %1"_s.arg(name));
    if (auto allowed = iam::authorize(principal, tool->permission, toolOrgOf(principal)); !allowed)
        return std::unexpected(allowed.error());
    if (auto valid = validate(tool->inputSchema, arguments); !valid)
        return std::unexpected(valid.error());
    return tool->handler(principal, arguments);
}

Result<void> OpsToolbox::validate(const QJsonObject& schema, const QJsonObject& arguments)
{
    const QJsonObject properties = schema.value(u"properties"_s).toObject();
    for (const QJsonValue& required : schema.value(u"required"_s).toArray()) {
        const QString field = required.toString();
        if (!arguments.contains(field))
            return makeError(ErrorCode::InvalidValue, u"The argument %1 is required"_s.arg(field), field);
    }
    const bool closed = schema.value(u"additionalProperties"_s) == QJsonValue(false);
    for (auto it = arguments.begin(); it != arguments.end(); ++it) {
        const QString field = it.key();
        const QJsonValue value = it.value();
        if (!properties.contains(field)) {
            if (closed)
                return makeError(ErrorCode::InvalidValue,
                                 u"Unknown argument %1 (expected: %2)"_s.arg(field, properties.keys().join(u", "_s)),
                                 field);
            continue;
        }
        const QJsonObject property = properties.value(field).toObject();
        const QJsonValue type = property.value(u"type"_s);
        QStringList types;
        if (type.isString())
            types << type.toString();
        for (const QJsonValue& t : type.toArray())
            types << t.toString();
        if (!types.isEmpty()
            && std::none_of(types.begin(), types.end(), [&](const QString& t) { return matchesType(value, t); }))
            return makeError(ErrorCode::InvalidValue,
                             u"The argument %1 must be %2, not %3"_s.arg(field, types.join(u" or "_s), describe(value)),
                             field);
        const QJsonArray allowed = property.value(u"enum"_s).toArray();
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            QStringList names;
            for (const QJsonValue& v : allowed)
                names << (v.isString() ? v.toString() : QString::number(v.toDouble()));
            return makeError(ErrorCode::InvalidValue,
                             u"The argument %1 must be one of: %2"_s.arg(field, names.join(u", "_s)),
                             field);
        }
        if (value.isDouble()) {
            if (property.contains(u"minimum"_s) && value.toDouble() < property.value(u"minimum"_s).toDouble())
                return makeError(
                    ErrorCode::InvalidValue,
                    u"The argument %1 must be at least %2"_s.arg(field).arg(property.value(u"minimum"_s).toDouble()),
                    field);
            if (property.contains(u"maximum"_s) && value.toDouble() > property.value(u"maximum"_s).toDouble())
                return makeError(
                    ErrorCode::InvalidValue,
                    u"The argument %1 must be at most %2"_s.arg(field).arg(property.value(u"maximum"_s).toDouble()),
                    field);
        }
    }
    return {};
}

void addOpsTools(OpsToolbox& toolbox,
                 const NodeService& nodes,
                 const DeploymentService& deployments,
                 const registry::ModelService& models)
{
    using iam::Permission;
    toolbox.add(OpsTool {
        .name = u"listNodes"_s,
        .description = u"List the GPU nodes of your organization: id, name, status (online/offline/maintenance), "
                       "number of GPUs, CPU cores and utilization, RAM total/free in MiB."_s,
        .inputSchema
        = inputSchema({ { u"status"_s,
                          enumOf({ u"online"_s, u"offline"_s, u"maintenance"_s }, u"Only nodes in this status"_s) } }),
        .outputSchema = listOutputSchema(u"nodes"_s, nodeItemSchema()),
        .permission = Permission::UseMcpTools,
        .handler = [&nodes](const iam::Principal& principal, const QJsonObject& args) -> Result<QJsonObject> {
            const QString status = args.value(u"status"_s).toString();
            QJsonArray list;
            for (const nodes::NodeInfo& node : nodesOfOrg(nodes, toolOrgOf(principal))) {
                if (status.isEmpty() || node.record.status == status)
                    list.append(nodeItem(node));
            }
            return QJsonObject { { u"nodes"_s, list }, { u"total"_s, int(list.size()) } };
        },
        .annotations = readOnly(),
    });
    toolbox.add(OpsTool {
        .name = u"gpuReport"_s,
        .description = u"GPU report of your organization's nodes: per GPU utilization %, VRAM used/total in MiB, "
                       "temperature in °C and node, sorted hottest first, then fullest VRAM, then busiest; with a "
                       "fleet summary. Offline nodes are left out unless includeOffline is true or nodeId names "
                       "one."_s,
        .inputSchema
        = inputSchema({ { u"nodeId"_s, typed(u"string"_s, u"Only this node's GPUs"_s) },
                        { u"top"_s,
                          QJsonObject { { u"type"_s, u"integer"_s },
                                        { u"minimum"_s, 1 },
                                        { u"maximum"_s, 10000 },
                                        { u"description"_s, u"Return only the first N GPUs of the order"_s } } },
                        { u"includeOffline"_s, typed(u"boolean"_s, u"Include offline nodes' last known values"_s) } }),
        .outputSchema = gpuReportOutputSchema(),
        .permission = Permission::UseMcpTools,
        .handler = [&nodes](const iam::Principal& principal,
                            const QJsonObject& args) { return gpuReport(nodes, principal, args); },
        .annotations = readOnly(),
    });
    toolbox.add(OpsTool {
        .name = u"listDeployments"_s,
        .description = u"List your organization's model deployments, newest first: model, node, GPUs, status, "
                       "phase, health, inference endpoint, request count and the error of a failed one."_s,
        .inputSchema = inputSchema({ { u"status"_s,
                                       enumOf({ u"deploying"_s, u"running"_s, u"stopped"_s, u"failed"_s },
                                              u"Only deployments in this status"_s) } }),
        .outputSchema = listOutputSchema(u"deployments"_s, deploymentItemSchema()),
        .permission = Permission::UseMcpTools,
        .handler = [&deployments](const iam::Principal& principal, const QJsonObject& args) -> Result<QJsonObject> {
            const QString org = toolOrgOf(principal);
            const QString status = args.value(u"status"_s).toString();
            QJsonArray list;
            for (const deploy::DeploymentRecord& r : deployments.deployments()) {
                if (r.isDeleted || orgOrDefault(r.orgId) != org)
                    continue;
                if (!status.isEmpty() && deploy::statusName(r.status) != status)
                    continue;
                list.append(deploymentItem(r));
            }
            return QJsonObject { { u"deployments"_s, list }, { u"total"_s, int(list.size()) } };
        },
        .annotations = readOnly(),
    });
    toolbox.add(OpsTool {
        .name = u"listModels"_s,
        .description = u"List the models in your organization's registry: id, name, task (llm/asr/tts/cv/nlp), "
                       "framework, version, size and minimum GPU memory in MiB, status."_s,
        .inputSchema = inputSchema({ { u"task"_s, typed(u"string"_s, u"Only models of this task, e.g. llm"_s) } }),
        .outputSchema = listOutputSchema(u"models"_s, modelItemSchema()),
        .permission = Permission::UseMcpTools,
        .handler = [&models](const iam::Principal& principal, const QJsonObject& args) -> Result<QJsonObject> {
            const QString org = toolOrgOf(principal);
            const QString task = args.value(u"task"_s).toString();
            QJsonArray list;
            for (const registry::ModelRecord& m : models.models()) {
                if (orgOrDefault(m.orgId) != org || (!task.isEmpty() && m.task != task))
                    continue;
                list.append(modelItem(m));
            }
            return QJsonObject { { u"models"_s, list }, { u"total"_s, int(list.size()) } };
        },
        .annotations = readOnly(),
    });
}

} // namespace aiops::controller
