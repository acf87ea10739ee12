#include "core/daemon/SystemProbe.h"

#include <QFile>
#include <algorithm>
#include <sys/statvfs.h>
#include <thread>

namespace aiops::daemon {

namespace {

constexpr qint64 BytesPerMib = 1024 * 1024;

std::optional<QByteArray> readProcFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    // /proc files report size 0: read until EOF, bounded.
    return file.read(1024 * 1024);
}

} // namespace

SystemProbe::SystemProbe(QString procRoot, QString diskPath)
    : m_procRoot(std::move(procRoot))
    , m_diskPath(std::move(diskPath))
{
}

Result<SystemSample> SystemProbe::read()
{
    SystemSample sample;

    const auto stat = readProcFile(m_procRoot + QStringLiteral("/stat"));
    if (!stat)
        return makeError(ErrorCode::Unavailable, QStringLiteral("cannot read %1/stat").arg(m_procRoot));
    int cores = 0;
    std::optional<CpuTimes> now;
    for (const QByteArray& line : stat->split('\n')) {
        if (line.startsWith("cpu ")) {
            // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is
            // already part of user/nice, so only the first eight count.
            const QList<QByteArray> fields = line.simplified().split(' ');
            CpuTimes times;
            for (qsizetype i = 1; i < fields.size() && i <= 8; ++i) {
                const quint64 value = fields.at(i).toULongLong();
                times.total += value;
                if (i == 4 || i == 5) // idle, iowait
                    times.idle += value;
            }
            now = times;
        } else if (line.startsWith("cpu")) {
            ++cores;
        }
    }
    sample.cpuCores = cores > 0 ? cores : static_cast<int>(std::thread::hardware_concurrency());
    if (now && m_previous && now->total > m_previous->total) {
        const double total = static_cast<double>(now->total - m_previous->total);
        const double idle = static_cast<double>(now->idle >= m_previous->idle ? now->idle - m_previous->idle : 0);
        sample.cpuUtilization = std::clamp(100.0 * (total - idle) / total, 0.0, 100.0);
    }
    if (now)
        m_previous = now;

    const auto meminfo = readProcFile(m_procRoot + QStringLiteral("/meminfo"));
    if (!meminfo)
        return makeError(ErrorCode::Unavailable, QStringLiteral("cannot read %1/meminfo").arg(m_procRoot));
    std::optional<qint64> memFree;
    std::optional<qint64> memAvailable;
    for (const QByteArray& line : meminfo->split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 2)
            continue;
        const qint64 kib = fields.at(1).toLongLong();
        if (fields.at(0) == "MemTotal:")
            sample.ramTotalMb = kib / 1024;
        else if (fields.at(0) == "MemAvailable:")
            memAvailable = kib / 1024;
        else if (fields.at(0) == "MemFree:")
            memFree = kib / 1024;
    }
    // Kernels before 3.14 have no MemAvailable.
    sample.ramFreeMb = memAvailable.value_or(memFree.value_or(0));

    if (const auto loadavg = readProcFile(m_procRoot + QStringLiteral("/loadavg"))) {
        const QList<QByteArray> fields = loadavg->simplified().split(' ');
        bool ok = false;
        if (fields.size() >= 3) {
            if (const double v = fields.at(0).toDouble(&ok); ok)
                sample.loadAverage1 = v;
            if (const double v = fields.at(1).toDouble(&ok); ok)
                sample.loadAverage5 = v;
            if (const double v = fields.at(2).toDouble(&ok); ok)
                sample.loadAverage15 = v;
        }
    }

    struct statvfs fs = {};
    if (!m_diskPath.isEmpty() && ::statvfs(QFile::encodeName(m_diskPath).constData(), &fs) == 0) {
        const auto blockSize = static_cast<qint64>(fs.f_frsize ? fs.f_frsize : fs.f_bsize);
        sample.diskTotalMb = static_cast<qint64>(fs.f_blocks) * blockSize / BytesPerMib;
        sample.diskFreeMb = static_cast<qint64>(fs.f_bavail) * blockSize / BytesPerMib;
    }
    return sample;
}

} // namespace aiops::daemon
