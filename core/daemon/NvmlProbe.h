#pragma once

#include "core/daemon/GpuProbe.h"

#include <QString>
#include <memory>

namespace aiops::daemon {

// NVIDIA GPUs through NVML, loaded at run time with dlopen so that the daemon starts (and runs as
// a CPU node) on machines without the NVIDIA driver. The library is opened and nvmlInit_v2 called
// on the first read(); both stay until destruction.
class NvmlProbe final : public GpuProbe
{
public:
    explicit NvmlProbe(QString libraryPath = QStringLiteral("libnvidia-ml.so.1"));
    ~NvmlProbe() override;

    Result<QList<GpuReading>> read() override;
    QString name() const override { return QStringLiteral("nvml"); }

private:
    struct Library;

    Result<void> ensureLoaded();

    QString m_libraryPath;
    std::unique_ptr<Library> m_lib;
};

} // namespace aiops::daemon
