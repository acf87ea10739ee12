#pragma once

#include "core/daemon/SystemSample.h"
#include "core/protocol/Error.h"

#include <QString>

namespace aiops::daemon {

// CPU, memory and disk from /proc and statvfs. CPU utilisation is the busy share of the jiffies
// that passed between two read() calls, so the first read() has none.
class SystemProbe final
{
public:
    explicit SystemProbe(QString procRoot = QStringLiteral("/proc"), QString diskPath = QStringLiteral("/"));

    Result<SystemSample> read();

    QString diskPath() const { return m_diskPath; }

private:
    struct CpuTimes
    {
        quint64 total = 0;
        quint64 idle = 0;
    };

    QString m_procRoot;
    QString m_diskPath;
    std::optional<CpuTimes> m_previous;
};

} // namespace aiops::daemon
