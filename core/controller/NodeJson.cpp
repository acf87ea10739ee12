#include "core/controller/NodeJson.h"

#include <QDateTime>

namespace aiops::controller {

namespace {

QJsonValue dateOrNull(const QDateTime& dt)
{
    return dt.isValid() ? QJsonValue(dt.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalNumber(double v)
{
    return v < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(v);
}

QJsonArray gpusToJson(const nodes::NodeInfo& node)
{
    QJsonArray gpus;
    for (qsizetype i = 0; i < node.record.gpuDevices.size(); ++i) {
        const auto& g = node.record.gpuDevices[i];
        QJsonObject o {
            { QStringLiteral("deviceId"), g.deviceId },       { QStringLiteral("model"), g.model },
            { QStringLiteral("memoryTotal"), g.memoryTotal }, { QStringLiteral("memoryFree"), g.memoryFree },
            { QStringLiteral("utilization"), g.utilization }, { QStringLiteral("temperature"), g.temperature }
        };
        if (!g.uuid.isEmpty())
            o.insert(QStringLiteral("uuid"), g.uuid);
        if (!g.vendor.isEmpty())
            o.insert(QStringLiteral("vendor"), g.vendor);
        if (i < node.gpuLive.size() && node.gpuLive[i].powerUsage >= 0)
            o.insert(QStringLiteral("powerUsage"), node.gpuLive[i].powerUsage);
        gpus.append(o);
    }
    return gpus;
}

} // namespace

QJsonObject nodeToJson(const nodes::NodeInfo& node)
{
    const auto& r = node.record;
    QJsonObject o {
        { QStringLiteral("nodeId"), r.nodeId },
        { QStringLiteral("name"), r.name },
        { QStringLiteral("role"), QJsonArray::fromStringList(r.role) },
        { QStringLiteral("status"), r.status },
        { QStringLiteral("isLocal"), r.isLocal },
        { QStringLiteral("websocketConnected"), r.websocketConnected },
        { QStringLiteral("lastHeartbeat"), dateOrNull(r.lastHeartbeat) },
        { QStringLiteral("gpuDevices"), gpusToJson(node) },
        { QStringLiteral("cpuCores"), r.cpuCores },
        { QStringLiteral("ramTotal"), r.ramTotal },
        { QStringLiteral("ramFree"), r.ramFree },
        { QStringLiteral("diskTotal"), node.diskTotal },
        { QStringLiteral("diskFree"), node.diskFree },
        { QStringLiteral("cpuUtilization"), optionalNumber(node.cpuUtilization) },
        { QStringLiteral("loadAverage"), optionalNumber(node.loadAverage) },
        { QStringLiteral("config"), r.config },
        { QStringLiteral("owner"),
          QJsonObject { { QStringLiteral("orgId"), r.owner.orgId }, { QStringLiteral("userId"), r.owner.userId } } },
        { QStringLiteral("createdAt"), dateOrNull(r.createdAt) },
        { QStringLiteral("changedAt"), dateOrNull(r.changedAt) },
        { QStringLiteral("isDeleted"), r.isDeleted },
    };
    if (!r.vpnIp.isEmpty())
        o.insert(QStringLiteral("vpnIp"), r.vpnIp);
    if (!node.hostname.isEmpty())
        o.insert(QStringLiteral("hostname"), node.hostname);
    if (!node.version.isEmpty())
        o.insert(QStringLiteral("version"), node.version);
    return o;
}

QJsonObject nodeMetricsToJson(const nodes::NodeInfo& node,
                              const QList<nodes::NodePoint>& history,
                              const QList<QPair<QString, QList<nodes::GpuPoint>>>& gpuHistory)
{
    QJsonArray nodePoints;
    for (const auto& p : history) {
        nodePoints.append(QJsonObject { { QStringLiteral("t"), p.tMs },
                                        { QStringLiteral("cpuUtilization"), optionalNumber(p.cpuUtilization) },
                                        { QStringLiteral("ramUsedPercent"), p.ramUsedPercent },
                                        { QStringLiteral("diskUsedPercent"), p.diskUsedPercent } });
    }
    QJsonObject gpus;
    for (const auto& [deviceId, points] : gpuHistory) {
        QJsonArray arr;
        for (const auto& p : points) {
            arr.append(QJsonObject { { QStringLiteral("t"), p.tMs },
                                     { QStringLiteral("utilization"), p.utilization },
                                     { QStringLiteral("memoryUsed"), p.memoryUsedMb },
                                     { QStringLiteral("temperature"), p.temperature } });
        }
        gpus.insert(deviceId, arr);
    }
    const auto& r = node.record;
    return QJsonObject {
        { QStringLiteral("nodeId"), r.nodeId },
        { QStringLiteral("status"), r.status },
        { QStringLiteral("timestamp"), node.lastHeartbeatMs },
        { QStringLiteral("cpuUtilization"), optionalNumber(node.cpuUtilization) },
        { QStringLiteral("loadAverage"), optionalNumber(node.loadAverage) },
        { QStringLiteral("ramTotal"), r.ramTotal },
        { QStringLiteral("ramFree"), r.ramFree },
        { QStringLiteral("diskTotal"), node.diskTotal },
        { QStringLiteral("diskFree"), node.diskFree },
        { QStringLiteral("gpuDevices"), gpusToJson(node) },
        { QStringLiteral("history"),
          QJsonObject { { QStringLiteral("node"), nodePoints }, { QStringLiteral("gpus"), gpus } } },
    };
}

} // namespace aiops::controller
