#pragma once

#include "core/nodes/NodeInfo.h"

#include <QList>
#include <cstdint>
#include <vector>

namespace aiops::nodes {

// Fixed-capacity ring buffer that allocates lazily, so memory grows with uptime up to the bound.
template<typename T> class RingBuffer
{
public:
    explicit RingBuffer(std::size_t capacity)
        : m_capacity(capacity)
    {
    }

    void push(const T& value)
    {
        if (m_items.size() < m_capacity) {
            m_items.push_back(value);
            return;
        }
        m_items[m_head] = value;
        m_head = (m_head + 1) % m_capacity;
    }
    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    // i = 0 is the oldest element.
    const T& at(std::size_t i) const { return m_items[(m_head + i) % m_items.size()]; }
    T& back() { return m_items[(m_head + m_items.size() - 1) % m_items.size()]; }
    std::size_t capacity() const { return m_capacity; }

private:
    std::size_t m_capacity;
    std::size_t m_head = 0;
    std::vector<T> m_items;
};

// Metric history of one node and its GPUs.
//
// Memory bound (documented in the README): per series, RawCapacity raw samples (at most one per
// second, so 10 minutes at a 1 Hz heartbeat) plus RollupCapacity one-minute averages (6 hours).
// A compact sample is 16 bytes, so one GPU costs at most (600 + 360) * 16 B = 15 KiB, and a node's
// own CPU/RAM/disk series the same. 1,000 nodes x 8 GPUs: at most ~140 MiB after 6 hours.
class MetricHistory
{
public:
    static constexpr std::size_t RawCapacity = 600;
    static constexpr std::size_t RollupCapacity = 360;
    static constexpr qint64 RollupPeriodMs = 60'000;

    MetricHistory() = default;

    void addNodeSample(qint64 tMs, float cpu, float ramUsedPercent, float diskUsedPercent);
    // deviceIndex is the position of the GPU in the node's inventory.
    void addGpuSample(int deviceIndex, qint64 tMs, float utilization, float memoryUsedMb, float temperature);
    void resizeGpus(int count);

    QList<NodePoint> nodeSince(qint64 sinceMs) const;
    QList<GpuPoint> gpuSince(int deviceIndex, qint64 sinceMs) const;

    // Upper bound on the bytes this history can ever hold, for the documented memory bound.
    static std::size_t maxBytesPerSeries();

private:
    struct Sample
    {
        std::uint32_t tSec = 0; // seconds since epoch
        float a = 0;
        float b = 0;
        float c = 0;
    };
    static_assert(sizeof(Sample) == 16);

    struct Series
    {
        RingBuffer<Sample> raw { RawCapacity };
        RingBuffer<Sample> rollup { RollupCapacity };
        // Running sums of the minute being rolled up.
        std::uint32_t bucketStartSec = 0;
        double sumA = 0, sumB = 0, sumC = 0;
        int count = 0;

        void add(qint64 tMs, float a, float b, float c);
        template<typename Point, typename Make> QList<Point> since(qint64 sinceMs, Make make) const;
    };

    Series m_node;
    std::vector<Series> m_gpus;
};

} // namespace aiops::nodes
