#pragma once

#include "core/nodes/NodeInfo.h"

namespace aiops::models {

// Aggregates of one node's GPUs, computed the same way by every model.
struct NodeMetrics
{
    int gpuCount = 0;
    qint64 vramTotalMb = 0;
    qint64 vramFreeMb = 0;
    double avgGpuUtilization = -1; // -1 without GPUs

    static NodeMetrics of(const nodes::NodeInfo& node)
    {
        NodeMetrics m;
        double utilSum = 0;
        for (const auto& gpu : node.record.gpuDevices) {
            ++m.gpuCount;
            m.vramTotalMb += gpu.memoryTotal;
            m.vramFreeMb += gpu.memoryFree;
            utilSum += gpu.utilization;
        }
        if (m.gpuCount > 0)
            m.avgGpuUtilization = utilSum / m.gpuCount;
        return m;
    }
};

} // namespace aiops::models
