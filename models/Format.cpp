#include "models/Format.h"

#include <QLocale>
#include <algorithm>

namespace aiops::models {

QString Format::mebibytes(qint64 mib)
{
    const QLocale locale;
    if (mib < 1024)
        return tr("%1 MiB").arg(locale.toString(mib));
    if (mib < 1024LL * 1024)
        return tr("%1 GiB").arg(locale.toString(double(mib) / 1024.0, 'f', 1));
    return tr("%1 TiB").arg(locale.toString(double(mib) / (1024.0 * 1024.0), 'f', 1));
}

QString Format::usedOfTotal(qint64 usedMib, qint64 totalMib)
{
    if (totalMib <= 0)
        return dash();
    const QLocale locale;
    if (totalMib < 1024)
        return tr("%1 / %2 MiB").arg(locale.toString(usedMib), locale.toString(totalMib));
    return tr("%1 / %2 GiB")
        .arg(locale.toString(double(usedMib) / 1024.0, 'f', 1), locale.toString(double(totalMib) / 1024.0, 'f', 1));
}

QString Format::percent(double value)
{
    if (value < 0)
        return dash();
    return tr("%1%").arg(QLocale().toString(value, 'f', 0));
}

QString Format::celsius(double value)
{
    if (value <= 0)
        return dash();
    return tr("%1 °C").arg(QLocale().toString(value, 'f', 0));
}

QString Format::watts(double value)
{
    if (value < 0)
        return dash();
    return tr("%1 W").arg(QLocale().toString(value, 'f', 0));
}

QString Format::age(qint64 ageMs)
{
    const qint64 s = std::max<qint64>(0, ageMs / 1000);
    if (s < 5)
        return tr("just now");
    if (s < 60)
        return tr("%n s ago", nullptr, int(s));
    if (s < 3600)
        return tr("%n min ago", nullptr, int(s / 60));
    if (s < 86400)
        return tr("%n h ago", nullptr, int(s / 3600));
    return tr("%n d ago", nullptr, int(s / 86400));
}

QString Format::heartbeat(qint64 heartbeatMs, qint64 nowMs)
{
    if (heartbeatMs <= 0)
        return tr("never");
    return age(nowMs - heartbeatMs);
}

QString Format::statusText(const QString& status)
{
    if (status == QLatin1String("online"))
        return tr("Online");
    if (status == QLatin1String("offline"))
        return tr("Offline");
    if (status == QLatin1String("maintenance"))
        return tr("Maintenance");
    return status;
}

int Format::statusOrder(const QString& status)
{
    if (status == QLatin1String("online"))
        return 0;
    if (status == QLatin1String("maintenance"))
        return 1;
    if (status == QLatin1String("offline"))
        return 2;
    return 3;
}

} // namespace aiops::models
