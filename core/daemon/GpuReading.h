#pragma once

#include <QString>
#include <optional>

namespace aiops::daemon {

// One GPU as a probe saw it. A value a driver does not report (NVML NOT_SUPPORTED, "[N/A]" from
// nvidia-smi, a missing sysfs file) is std::nullopt, never a made-up zero.
struct GpuReading
{
    int index = 0;
    QString deviceId; // "0", "1", ...: the index as the container runtime names the device
    QString uuid;
    QString name; // "NVIDIA A100-SXM4-80GB"
    QString vendor; // "nvidia" | "amd"
    std::optional<qint64> memoryTotalMb;
    std::optional<qint64> memoryFreeMb;
    std::optional<double> utilization; // percent 0..100
    std::optional<double> temperature; // °C
    std::optional<double> powerW;
    std::optional<double> powerLimitW;
};

} // namespace aiops::daemon
