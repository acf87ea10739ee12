#include "core/daemon/AmdSysfsProbe.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <algorithm>

namespace aiops::daemon {

namespace {

constexpr auto AmdVendorId = "0x1002";
constexpr qint64 BytesPerMib = 1024 * 1024;

std::optional<QByteArray> readSysfs(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    // sysfs attributes are small; a bounded read also protects against a mis-pointed root.
    QByteArray data = file.read(4096).trimmed();
    if (data.isEmpty())
        return std::nullopt;
    return data;
}

std::optional<qint64> readInteger(const QString& path)
{
    const auto text = readSysfs(path);
    if (!text)
        return std::nullopt;
    bool ok = false;
    const qint64 value = text->toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// The first hwmon directory of the device that has the attribute.
std::optional<qint64> readHwmon(const QString& deviceDir, const QString& attribute)
{
    QDir hwmonRoot(deviceDir + QStringLiteral("/hwmon"));
    const QStringList entries
        = hwmonRoot.entryList({ QStringLiteral("hwmon*") }, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& entry : entries) {
        if (auto value = readInteger(hwmonRoot.filePath(entry) + u'/' + attribute))
            return value;
    }
    return std::nullopt;
}

} // namespace

AmdSysfsProbe::AmdSysfsProbe(QString rootPath)
    : m_rootPath(std::move(rootPath))
{
}

Result<QList<GpuReading>> AmdSysfsProbe::read()
{
    QDir root(m_rootPath);
    if (!root.exists())
        return makeError(ErrorCode::Unavailable, QStringLiteral("%1 does not exist").arg(m_rootPath));

    static const QRegularExpression cardPattern(QStringLiteral("^card(\\d+)$"));
    QList<std::pair<int, QString>> cards;
    for (const QString& entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::System)) {
        const auto match = cardPattern.match(entry);
        if (match.hasMatch())
            cards.append({ match.captured(1).toInt(), entry });
    }
    std::sort(cards.begin(), cards.end()); // card10 after card2

    QList<GpuReading> readings;
    for (const auto& [cardNumber, entry] : cards) {
        const QString device = root.filePath(entry) + QStringLiteral("/device");
        const auto vendor = readSysfs(device + QStringLiteral("/vendor"));
        if (!vendor || vendor->toLower() != AmdVendorId)
            continue;

        GpuReading r;
        r.index = static_cast<int>(readings.size());
        r.deviceId = QString::number(r.index);
        r.vendor = QStringLiteral("amd");
        if (const auto product = readSysfs(device + QStringLiteral("/product_name")))
            r.name = QString::fromUtf8(*product);
        else if (const auto pciId = readSysfs(device + QStringLiteral("/device")))
            r.name = QStringLiteral("AMD GPU ") + QString::fromLatin1(*pciId);
        else
            r.name = QStringLiteral("AMD GPU");
        if (const auto uniqueId = readSysfs(device + QStringLiteral("/unique_id")))
            r.uuid = QString::fromLatin1(*uniqueId);

        const auto total = readInteger(device + QStringLiteral("/mem_info_vram_total"));
        const auto used = readInteger(device + QStringLiteral("/mem_info_vram_used"));
        if (total) {
            r.memoryTotalMb = *total / BytesPerMib;
            if (used)
                r.memoryFreeMb = std::max<qint64>(0, *total - *used) / BytesPerMib;
        }
        if (const auto busy = readInteger(device + QStringLiteral("/gpu_busy_percent")))
            r.utilization = static_cast<double>(*busy);
        if (const auto milliCelsius = readHwmon(device, QStringLiteral("temp1_input")))
            r.temperature = static_cast<double>(*milliCelsius) / 1000.0;
        // Newer kernels expose power1_input instead of power1_average on some GPUs.
        auto microWatts = readHwmon(device, QStringLiteral("power1_average"));
        if (!microWatts)
            microWatts = readHwmon(device, QStringLiteral("power1_input"));
        if (microWatts)
            r.powerW = static_cast<double>(*microWatts) / 1e6;
        if (const auto cap = readHwmon(device, QStringLiteral("power1_cap")))
            r.powerLimitW = static_cast<double>(*cap) / 1e6;

        readings.append(std::move(r));
    }
    return readings;
}

} // namespace aiops::daemon
