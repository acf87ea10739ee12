#include "core/nodes/MetricHistory.h"

namespace aiops::nodes {

void MetricHistory::Series::add(qint64 tMs, float a, float b, float c)
{
    const auto tSec = static_cast<std::uint32_t>(tMs / 1000);
    // At most one raw sample per second: a faster heartbeat replaces the second's sample.
    if (!raw.empty() && raw.back().tSec == tSec)
        raw.back() = Sample { tSec, a, b, c };
    else
        raw.push(Sample { tSec, a, b, c });

    const std::uint32_t bucket = tSec - tSec % (RollupPeriodMs / 1000);
    if (count > 0 && bucket != bucketStartSec) {
        rollup.push(Sample { bucketStartSec,
                             static_cast<float>(sumA / count),
                             static_cast<float>(sumB / count),
                             static_cast<float>(sumC / count) });
        sumA = sumB = sumC = 0;
        count = 0;
    }
    bucketStartSec = bucket;
    sumA += a;
    sumB += b;
    sumC += c;
    ++count;
}

template<typename Point, typename Make> QList<Point> MetricHistory::Series::since(qint64 sinceMs, Make make) const
{
    QList<Point> out;
    const qint64 sinceSec = sinceMs / 1000;
    const qint64 firstRawSec = raw.empty() ? 0 : raw.at(0).tSec;
    // Rollups only cover what the raw buffer no longer holds.
    for (std::size_t i = 0; i < rollup.size(); ++i) {
        const Sample& s = rollup.at(i);
        if (s.tSec >= sinceSec && (raw.empty() || s.tSec < firstRawSec))
            out.append(make(s));
    }
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const Sample& s = raw.at(i);
        if (s.tSec >= sinceSec)
            out.append(make(s));
    }
    return out;
}

void MetricHistory::addNodeSample(qint64 tMs, float cpu, float ramUsedPercent, float diskUsedPercent)
{
    m_node.add(tMs, cpu, ramUsedPercent, diskUsedPercent);
}

void MetricHistory::resizeGpus(int count)
{
    if (count >= 0 && static_cast<std::size_t>(count) != m_gpus.size())
        m_gpus.resize(static_cast<std::size_t>(count));
}

void MetricHistory::addGpuSample(int deviceIndex, qint64 tMs, float utilization, float memoryUsedMb, float temperature)
{
    if (deviceIndex < 0 || static_cast<std::size_t>(deviceIndex) >= m_gpus.size())
        return;
    m_gpus[static_cast<std::size_t>(deviceIndex)].add(tMs, utilization, memoryUsedMb, temperature);
}

QList<NodePoint> MetricHistory::nodeSince(qint64 sinceMs) const
{
    return m_node.since<NodePoint>(sinceMs, [](const Sample& s) {
        return NodePoint { qint64(s.tSec) * 1000, s.a, s.b, s.c };
    });
}

QList<GpuPoint> MetricHistory::gpuSince(int deviceIndex, qint64 sinceMs) const
{
    if (deviceIndex < 0 || static_cast<std::size_t>(deviceIndex) >= m_gpus.size())
        return {};
    return m_gpus[static_cast<std::size_t>(deviceIndex)].since<GpuPoint>(sinceMs, [](const Sample& s) {
        return GpuPoint { qint64(s.tSec) * 1000, s.a, s.b, s.c };
    });
}

std::size_t MetricHistory::maxBytesPerSeries()
{
    return (RawCapacity + RollupCapacity) * sizeof(Sample);
}

} // namespace aiops::nodes
