#pragma once

#include "core/daemon/GpuReading.h"
#include "core/protocol/Error.h"

#include <QList>
#include <QString>

namespace aiops::daemon {

// A source of GPU readings. read() is synchronous and is called from the sampler's worker thread,
// never from the thread that runs the WebSocket. An empty list is a valid answer: no GPU.
class GpuProbe
{
public:
    GpuProbe() = default;
    virtual ~GpuProbe() = default;
    GpuProbe(const GpuProbe&) = delete;
    GpuProbe& operator=(const GpuProbe&) = delete;

    virtual Result<QList<GpuReading>> read() = 0;
    virtual QString name() const = 0;
};

} // namespace aiops::daemon
