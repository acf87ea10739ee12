#include "core/daemon/GpuProbeChain.h"

#include "core/daemon/AmdSysfsProbe.h"
#include "core/daemon/NvidiaSmiProbe.h"
#include "core/daemon/NvmlProbe.h"

#include <algorithm>

namespace aiops::daemon {

GpuProbeChain::GpuProbeChain(std::vector<std::unique_ptr<GpuProbe>> probes, int rediscoverEvery)
    : m_probes(std::move(probes))
    , m_rediscoverEvery(std::max(1, rediscoverEvery))
{
}

std::unique_ptr<GpuProbeChain> GpuProbeChain::createDefault()
{
    std::vector<std::unique_ptr<GpuProbe>> probes;
    probes.push_back(std::make_unique<NvmlProbe>());
    probes.push_back(std::make_unique<AmdSysfsProbe>());
    probes.push_back(std::make_unique<NvidiaSmiProbe>());
    return std::make_unique<GpuProbeChain>(std::move(probes));
}

QString GpuProbeChain::name() const
{
    return m_active ? m_active->name() : QStringLiteral("none");
}

Result<QList<GpuReading>> GpuProbeChain::read()
{
    if (m_active)
        return m_active->read();

    if (m_discovered && ++m_readsSinceDiscovery < m_rediscoverEvery)
        return QList<GpuReading>();

    m_discovered = true;
    m_readsSinceDiscovery = 0;
    m_notes.clear();
    for (const auto& probe : m_probes) {
        auto readings = probe->read();
        if (!readings) {
            m_notes.append(probe->name() + QStringLiteral(": ") + readings.error().message);
            continue;
        }
        if (readings->isEmpty()) {
            m_notes.append(probe->name() + QStringLiteral(": no GPU"));
            continue;
        }
        m_active = probe.get();
        return readings;
    }
    return QList<GpuReading>();
}

} // namespace aiops::daemon
