#pragma once

#include "core/store/NodeRecord.h"

#include <QList>
#include <QMetaType>

namespace aiops::nodes {

struct GpuLive
{
    QString deviceId;
    double powerUsage = -1; // W, -1 when unknown
};

// A node as the service API shows it: the stored record plus what only lives in memory.
struct NodeInfo
{
    store::NodeRecord record; // record.gpuDevices carry the latest per-GPU values
    double cpuUtilization = -1; // percent, -1 when unknown
    double loadAverage = -1;
    qint64 diskTotal = 0; // MiB
    qint64 diskFree = 0; // MiB
    qint64 lastHeartbeatMs = 0; // ms since epoch, 0 = never
    QString hostname;
    QString version;
    QList<GpuLive> gpuLive;

    QString nodeId() const { return record.nodeId; }
};

// One point of a node's history. Node-level values; per-GPU values are in GpuPoint.
struct NodePoint
{
    qint64 tMs = 0;
    float cpuUtilization = -1; // percent
    float ramUsedPercent = 0;
    float diskUsedPercent = 0;
};

struct GpuPoint
{
    qint64 tMs = 0;
    float utilization = 0; // percent
    float memoryUsedMb = 0;
    float temperature = 0;
};

} // namespace aiops::nodes

Q_DECLARE_METATYPE(aiops::nodes::NodeInfo)
