#pragma once

#include "core/daemon/GpuProbe.h"

#include <memory>
#include <vector>

namespace aiops::daemon {

// Tries its probes in order and keeps the first one that finds a GPU. When none does, the node is
// a CPU node: read() returns an empty list and discovery is tried again only every
// rediscoverEvery reads (a driver that loads after the daemon starts is still picked up, without
// spawning nvidia-smi on every heartbeat).
class GpuProbeChain final : public GpuProbe
{
public:
    explicit GpuProbeChain(std::vector<std::unique_ptr<GpuProbe>> probes, int rediscoverEvery = 30);

    // NVML, then AMD sysfs, then nvidia-smi.
    static std::unique_ptr<GpuProbeChain> createDefault();

    Result<QList<GpuReading>> read() override;
    // The probe in use, or "none".
    QString name() const override;
    // Why each probe was passed over during the last discovery ("nvml: cannot load ...").
    QStringList discoveryNotes() const { return m_notes; }

private:
    std::vector<std::unique_ptr<GpuProbe>> m_probes;
    GpuProbe* m_active = nullptr;
    int m_rediscoverEvery;
    int m_readsSinceDiscovery = 0;
    bool m_discovered = false;
    QStringList m_notes;
};

} // namespace aiops::daemon
