#include "core/daemon/NvidiaSmiProbe.h"

#include <QProcess>

namespace aiops::daemon {

namespace {

constexpr int FieldCount = 10;

bool isUnknown(const QByteArray& field)
{
    return field.isEmpty() || field.startsWith('[') || field == "N/A";
}

// Unknown → nullopt; anything else must parse or the line is malformed.
Result<std::optional<double>> parseNumber(const QByteArray& field, const char* what, int line)
{
    if (isUnknown(field))
        return std::optional<double>();
    bool ok = false;
    const double value = field.toDouble(&ok);
    if (!ok) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("nvidia-smi line %1: %2 is not a number: %3")
                             .arg(line)
                             .arg(QLatin1StringView(what), QString::fromUtf8(field)));
    }
    return std::optional<double>(value);
}

} // namespace

NvidiaSmiProbe::NvidiaSmiProbe(QString program, int timeoutMs)
    : m_program(std::move(program))
    , m_timeoutMs(timeoutMs)
{
}

QStringList NvidiaSmiProbe::arguments()
{
    return { QStringLiteral("--query-gpu=index,uuid,name,memory.total,memory.used,memory.free,utilization.gpu,"
                            "temperature.gpu,power.draw,power.limit"),
             QStringLiteral("--format=csv,noheader,nounits") };
}

Result<QList<GpuReading>> NvidiaSmiProbe::read()
{
    QProcess process;
    process.setProgram(m_program);
    process.setArguments(arguments());
    process.start(QIODevice::ReadOnly);
    if (!process.waitForStarted(m_timeoutMs)) {
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("cannot run %1: %2").arg(m_program, process.errorString()));
    }
    if (!process.waitForFinished(m_timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("%1 did not finish within %2 ms").arg(m_program).arg(m_timeoutMs));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString detail = QString::fromLocal8Bit(process.readAllStandardError().trimmed().left(500))
            + QString::fromLocal8Bit(process.readAllStandardOutput().trimmed().left(500));
        return makeError(
            ErrorCode::Unavailable,
            QStringLiteral("%1 exited with code %2: %3").arg(m_program).arg(process.exitCode()).arg(detail));
    }
    return parseCsv(process.readAllStandardOutput());
}

Result<QList<GpuReading>> NvidiaSmiProbe::parseCsv(const QByteArray& output)
{
    QList<GpuReading> readings;
    const QList<QByteArray> lines = output.split('\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QByteArray line = lines.at(n).trimmed();
        if (line.isEmpty())
            continue;
        const int lineNo = static_cast<int>(n + 1);
        QList<QByteArray> fields = line.split(',');
        if (fields.size() != FieldCount) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("nvidia-smi line %1: expected %2 fields, got %3")
                                 .arg(lineNo)
                                 .arg(FieldCount)
                                 .arg(fields.size()));
        }
        for (QByteArray& field : fields)
            field = field.trimmed();

        bool ok = false;
        const int index = fields.at(0).toInt(&ok);
        if (!ok || index < 0) {
            return makeError(
                ErrorCode::InvalidValue,
                QStringLiteral("nvidia-smi line %1: bad index %2").arg(lineNo).arg(QString::fromUtf8(fields.at(0))));
        }

        GpuReading r;
        r.index = index;
        r.deviceId = QString::number(index);
        r.vendor = QStringLiteral("nvidia");
        if (!isUnknown(fields.at(1)))
            r.uuid = QString::fromUtf8(fields.at(1));
        if (!isUnknown(fields.at(2)))
            r.name = QString::fromUtf8(fields.at(2));

        std::optional<double> values[7];
        static constexpr const char* names[7] = { "memory.total",    "memory.used", "memory.free", "utilization.gpu",
                                                  "temperature.gpu", "power.draw",  "power.limit" };
        for (int i = 0; i < 7; ++i) {
            auto value = parseNumber(fields.at(3 + i), names[i], lineNo);
            if (!value)
                return std::unexpected(value.error());
            values[i] = *value;
        }
        const auto& [total, used, free, utilization, temperature, power, limit] = values;
        if (total)
            r.memoryTotalMb = static_cast<qint64>(*total);
        if (free)
            r.memoryFreeMb = static_cast<qint64>(*free);
        else if (total && used)
            r.memoryFreeMb = static_cast<qint64>(*total - *used);
        r.utilization = utilization;
        r.temperature = temperature;
        r.powerW = power;
        r.powerLimitW = limit;
        readings.append(std::move(r));
    }
    return readings;
}

} // namespace aiops::daemon
