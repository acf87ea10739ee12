#include "core/daemon/NvidiaSmiProbe.h"
#include "core/daemon/SystemProbe.h"

#include <QFile>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

using aiops::ErrorCode;
using aiops::daemon::NvidiaSmiProbe;
using aiops::daemon::SystemProbe;

namespace {

const QString dataDir = QStringLiteral(AIOPS_TEST_DATA_DIR);

bool copyReplacing(const QString& from, const QString& to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

} // namespace

class TestSystemProbe final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_proc.emplace();
        QVERIFY(m_proc->isValid());
        QVERIFY(copyReplacing(dataDir + QStringLiteral("/proc/stat.1"), m_proc->filePath(QStringLiteral("stat"))));
        QVERIFY(copyReplacing(dataDir + QStringLiteral("/proc/meminfo"), m_proc->filePath(QStringLiteral("meminfo"))));
        QVERIFY(copyReplacing(dataDir + QStringLiteral("/proc/loadavg"), m_proc->filePath(QStringLiteral("loadavg"))));
    }
    void cleanup() { m_proc.reset(); }

    void cpuUtilisationComesFromTheDeltaBetweenReads()
    {
        SystemProbe probe(m_proc->path(), m_proc->path());
        const auto first = probe.read();
        QVERIFY(first.has_value());
        QCOMPARE(first->cpuCores, 4);
        QVERIFY(!first->cpuUtilization.has_value()); // one snapshot has no delta

        QVERIFY(copyReplacing(dataDir + QStringLiteral("/proc/stat.2"), m_proc->filePath(QStringLiteral("stat"))));
        const auto second = probe.read();
        QVERIFY(second.has_value());
        // 2000 jiffies passed, 1500 of them idle or iowait; guest time is not counted twice.
        QVERIFY(second->cpuUtilization.has_value());
        QCOMPARE(*second->cpuUtilization, 25.0);
    }

    void memoryAndLoad()
    {
        SystemProbe probe(m_proc->path(), m_proc->path());
        const auto sample = probe.read();
        QVERIFY(sample.has_value());
        QCOMPARE(sample->ramTotalMb, 16000); // 16384000 kB
        QCOMPARE(sample->ramFreeMb, 8000); // MemAvailable, not MemFree
        QCOMPARE(sample->loadAverage1, std::optional<double>(1.25));
        QCOMPARE(sample->loadAverage5, std::optional<double>(0.75));
        QCOMPARE(sample->loadAverage15, std::optional<double>(0.5));
    }

    void diskOfTheGivenPath()
    {
        SystemProbe probe(m_proc->path(), m_proc->path());
        const auto sample = probe.read();
        QVERIFY(sample.has_value());
        const QStorageInfo storage(m_proc->path());
        QVERIFY(sample->diskTotalMb.has_value());
        QVERIFY(sample->diskFreeMb.has_value());
        QCOMPARE(*sample->diskTotalMb, storage.bytesTotal() / (1024 * 1024));
        QVERIFY(*sample->diskFreeMb <= *sample->diskTotalMb);
        QVERIFY(*sample->diskTotalMb > 0);
    }

    void missingProcIsUnavailable()
    {
        SystemProbe probe(QStringLiteral("/nonexistent/proc"), QStringLiteral("/"));
        const auto sample = probe.read();
        QVERIFY(!sample.has_value());
        QCOMPARE(sample.error().code, ErrorCode::Unavailable);
    }

    void parsesNvidiaSmiCsv()
    {
        QFile file(dataDir + QStringLiteral("/nvidia-smi/query-gpu.csv"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto readings = NvidiaSmiProbe::parseCsv(file.readAll());
        QVERIFY2(readings.has_value(), qPrintable(readings ? QString() : readings.error().message));
        QCOMPARE(readings->size(), 2);

        const auto& a100 = readings->at(0);
        QCOMPARE(a100.deviceId, QStringLiteral("0"));
        QCOMPARE(a100.vendor, QStringLiteral("nvidia"));
        QCOMPARE(a100.uuid, QStringLiteral("GPU-6f1c2d3e-0000-4000-8000-000000000001"));
        QCOMPARE(a100.name, QStringLiteral("NVIDIA A100-SXM4-80GB"));
        QCOMPARE(a100.memoryTotalMb, std::optional<qint64>(81920));
        QCOMPARE(a100.memoryFreeMb, std::optional<qint64>(76800));
        QCOMPARE(a100.utilization, std::optional<double>(37));
        QCOMPARE(a100.temperature, std::optional<double>(45));
        QCOMPARE(a100.powerW, std::optional<double>(123.45));
        QCOMPARE(a100.powerLimitW, std::optional<double>(400));

        const auto& t4 = readings->at(1);
        QCOMPARE(t4.deviceId, QStringLiteral("1"));
        QCOMPARE(t4.name, QStringLiteral("Tesla T4"));
        QCOMPARE(t4.memoryFreeMb, std::optional<qint64>(14336));
        QVERIFY(!t4.powerW.has_value()); // "[N/A]"
        QVERIFY(!t4.powerLimitW.has_value());
    }

    void nvidiaSmiUnknownValues()
    {
        // Free memory unknown: derived from total - used. "[Not Supported]" is unknown too.
        const auto readings = NvidiaSmiProbe::parseCsv(
            "0, GPU-x, NVIDIA GH200, 97871, 1000, [N/A], [Not Supported], 40, [N/A], 900.00\n");
        QVERIFY(readings.has_value());
        QCOMPARE(readings->size(), 1);
        QCOMPARE(readings->at(0).memoryFreeMb, std::optional<qint64>(96871));
        QVERIFY(!readings->at(0).utilization.has_value());
        QCOMPARE(readings->at(0).temperature, std::optional<double>(40));
        QCOMPARE(readings->at(0).powerLimitW, std::optional<double>(900));
    }

    void nvidiaSmiNoGpuAndMalformedOutput()
    {
        const auto empty = NvidiaSmiProbe::parseCsv("\n");
        QVERIFY(empty.has_value());
        QVERIFY(empty->isEmpty());

        const auto shortLine = NvidiaSmiProbe::parseCsv("0, GPU-x, Tesla T4, 15360\n");
        QVERIFY(!shortLine.has_value());
        QCOMPARE(shortLine.error().code, ErrorCode::InvalidValue);

        const auto notNumber = NvidiaSmiProbe::parseCsv("0, GPU-x, Tesla T4, lots, 1, 2, 3, 4, 5, 6\n");
        QVERIFY(!notNumber.has_value());
        QVERIFY(notNumber.error().message.contains(QStringLiteral("memory.total")));
    }

    void nvidiaSmiRunsTheQuery()
    {
        // A stand-in for the tool that answers only the exact query the probe must send.
        const QString script = m_proc->filePath(QStringLiteral("nvidia-smi"));
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\n"
                   "[ \"$1\" = \"--query-gpu=index,uuid,name,memory.total,memory.used,memory.free,"
                   "utilization.gpu,temperature.gpu,power.draw,power.limit\" ] || exit 9\n"
                   "[ \"$2\" = \"--format=csv,noheader,nounits\" ] || exit 9\n"
                   "cat '"
                   + dataDir.toUtf8() + "/nvidia-smi/query-gpu.csv'\n");
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner));

        NvidiaSmiProbe probe(script);
        const auto readings = probe.read();
        QVERIFY2(readings.has_value(), qPrintable(readings ? QString() : readings.error().message));
        QCOMPARE(readings->size(), 2);
        QCOMPARE(readings->at(1).name, QStringLiteral("Tesla T4"));
    }

    void nvidiaSmiFailureIsUnavailable()
    {
        const QString script = m_proc->filePath(QStringLiteral("nvidia-smi"));
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\necho 'NVIDIA-SMI has failed because it could not communicate with the driver' >&2\n"
                   "exit 9\n");
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::ExeOwner));

        const auto readings = NvidiaSmiProbe(script).read();
        QVERIFY(!readings.has_value());
        QCOMPARE(readings.error().code, ErrorCode::Unavailable);
        QVERIFY(readings.error().message.contains(QStringLiteral("could not communicate")));
    }

    void nvidiaSmiMissingProgramIsUnavailable()
    {
        NvidiaSmiProbe probe(QStringLiteral("/nonexistent/nvidia-smi"));
        const auto readings = probe.read();
        QVERIFY(!readings.has_value());
        QCOMPARE(readings.error().code, ErrorCode::Unavailable);
    }

private:
    std::optional<QTemporaryDir> m_proc;
};

QTEST_GUILESS_MAIN(TestSystemProbe)
#include "TestSystemProbe.moc"
