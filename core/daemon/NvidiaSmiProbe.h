#pragma once

#include "core/daemon/GpuProbe.h"

#include <QByteArray>
#include <QString>

namespace aiops::daemon {

// NVIDIA GPUs through the nvidia-smi CLI: the fallback when NVML cannot be loaded by the daemon
// itself (for example a container image with the tool but not the library on the default path).
// read() blocks until the tool exits (at most timeoutMs); call it off the WebSocket thread.
class NvidiaSmiProbe final : public GpuProbe
{
public:
    explicit NvidiaSmiProbe(QString program = QStringLiteral("nvidia-smi"), int timeoutMs = 5000);

    Result<QList<GpuReading>> read() override;
    QString name() const override { return QStringLiteral("nvidia-smi"); }

    static QStringList arguments();
    // Parses the output of the query in arguments(): one GPU per line, ten fields in that order.
    // "[N/A]" and "[Not Supported]" are unknown values.
    static Result<QList<GpuReading>> parseCsv(const QByteArray& output);

private:
    QString m_program;
    int m_timeoutMs;
};

} // namespace aiops::daemon
