#pragma once

#include <QCoreApplication>
#include <QString>

namespace aiops::models {

// Display formatting shared by the models and the pages, so a value reads the same everywhere.
class Format
{
    Q_DECLARE_TR_FUNCTIONS(aiops::models::Format)
public:
    static QString mebibytes(qint64 mib); // "512 MiB", "79.6 GiB", "1.9 TiB"
    static QString usedOfTotal(qint64 usedMib, qint64 totalMib); // "12.0 / 80.0 GiB"
    static QString percent(double value); // "54%", "–" when negative (unknown)
    static QString celsius(double value); // "61 °C"
    static QString watts(double value); // "250 W", "–" when negative (unknown)
    static QString age(qint64 ageMs); // "just now", "12 s ago", "3 min ago", ...
    static QString heartbeat(qint64 heartbeatMs, qint64 nowMs); // age, or "never"
    static QString statusText(const QString& status); // translated online/offline/maintenance
    static int statusOrder(const QString& status); // online < maintenance < offline < unknown
    static QString dash() { return QStringLiteral("\u2013"); }
};

} // namespace aiops::models
