#pragma once

#include "core/daemon/GpuReading.h"
#include "core/daemon/SystemSample.h"

#include <QList>
#include <QMetaType>
#include <QStringList>

namespace aiops::daemon {

// Everything one sampling pass saw: what heartbeats, the register message and /metrics report.
struct NodeSample
{
    qint64 timestamp = 0; // ms since the Unix epoch
    SystemSample system;
    bool systemValid = false;
    QList<GpuReading> gpus;
    QString gpuProbe; // the probe that produced gpus ("nvml", ...), "none" on a CPU node
    QStringList errors; // probe failures of this pass, for the log
};

} // namespace aiops::daemon

Q_DECLARE_METATYPE(aiops::daemon::NodeSample)
