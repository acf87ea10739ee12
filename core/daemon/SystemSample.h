#pragma once

#include <QtGlobal>
#include <optional>

namespace aiops::daemon {

// CPU, memory and disk of the node. Sizes in MiB.
struct SystemSample
{
    int cpuCores = 0;
    std::optional<double> cpuUtilization; // percent 0..100; unknown on the first read (needs a delta)
    qint64 ramTotalMb = 0;
    qint64 ramFreeMb = 0; // MemAvailable: what a new workload can get without swapping
    std::optional<double> loadAverage1;
    std::optional<double> loadAverage5;
    std::optional<double> loadAverage15;
    std::optional<qint64> diskTotalMb;
    std::optional<qint64> diskFreeMb; // available to unprivileged users
};

} // namespace aiops::daemon
