#pragma once

#include "tests/daemon/PodmanService.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>

namespace aiops::testing {

// The image the deployment tests run: busybox plus the engine double (tests/support/engine_double.cpp)
// as /bin/engine-double and as /usr/bin/python3, so vLLM's entrypoint and arguments work unchanged.
inline constexpr auto kEngineImage = "localhost/aiops-test-engine:vllm";

// Builds the image into the Podman service's storage. Empty on success, else what went wrong.
inline QString importEngineImage(const PodmanService& podman, const QString& dir)
{
    const QString rootfs = dir + QStringLiteral("/engine-rootfs");
    for (const char* sub : { "/bin", "/usr/bin", "/tmp", "/models" })
        QDir().mkpath(rootfs + QString::fromLatin1(sub));
    if (!QFile::copy(QStringLiteral("/bin/busybox"), rootfs + QStringLiteral("/bin/busybox")))
        return QStringLiteral("cannot copy /bin/busybox (busybox-static)");
    for (const char* applet : { "sh", "sleep", "echo", "cat" })
        QFile::link(QStringLiteral("busybox"), rootfs + QStringLiteral("/bin/") + QString::fromLatin1(applet));
    if (!QFile::copy(QStringLiteral(AIOPS_ENGINE_DOUBLE_BIN), rootfs + QStringLiteral("/bin/engine-double")))
        return QStringLiteral("cannot copy the engine double");
    QFile::link(QStringLiteral("/bin/engine-double"), rootfs + QStringLiteral("/usr/bin/python3"));
    return podman.importRootfs(
        rootfs, QString::fromLatin1(kEngineImage), QStringLiteral("CMD [\"/bin/engine-double\"]"), 60'000);
}

} // namespace aiops::testing
