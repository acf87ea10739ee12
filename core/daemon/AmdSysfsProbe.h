#pragma once

#include "core/daemon/GpuProbe.h"

#include <QString>

namespace aiops::daemon {

// AMD GPUs through the amdgpu driver's sysfs files under /sys/class/drm/card<N>/device. Cards of
// other vendors (integrated Intel graphics, NVIDIA) are ignored; connector entries such as
// card0-DP-1 are not cards.
class AmdSysfsProbe final : public GpuProbe
{
public:
    explicit AmdSysfsProbe(QString rootPath = QStringLiteral("/sys/class/drm"));

    Result<QList<GpuReading>> read() override;
    QString name() const override { return QStringLiteral("amd-sysfs"); }

private:
    QString m_rootPath;
};

} // namespace aiops::daemon
