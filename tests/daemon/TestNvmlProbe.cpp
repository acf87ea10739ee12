#include "core/daemon/NvmlProbe.h"

#include <QTest>

using aiops::ErrorCode;
using aiops::daemon::NvmlProbe;

class TestNvmlProbe final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { qunsetenv("FAKE_NVML_INIT_FAIL"); }

    void readsBothGpus()
    {
        NvmlProbe probe(QStringLiteral(AIOPS_FAKE_NVML_PATH));
        const auto readings = probe.read();
        QVERIFY2(readings.has_value(), qPrintable(readings ? QString() : readings.error().message));
        QCOMPARE(readings->size(), 2);

        const auto& a100 = readings->at(0);
        QCOMPARE(a100.index, 0);
        QCOMPARE(a100.deviceId, QStringLiteral("0"));
        QCOMPARE(a100.vendor, QStringLiteral("nvidia"));
        QCOMPARE(a100.name, QStringLiteral("NVIDIA A100-SXM4-80GB"));
        QCOMPARE(a100.uuid, QStringLiteral("GPU-6f1c2d3e-0000-4000-8000-000000000001"));
        QCOMPARE(a100.memoryTotalMb, std::optional<qint64>(80 * 1024)); // 80 GiB in bytes -> MiB
        QCOMPARE(a100.memoryFreeMb, std::optional<qint64>(75 * 1024));
        QCOMPARE(a100.utilization, std::optional<double>(37));
        QCOMPARE(a100.temperature, std::optional<double>(45));
        QVERIFY(a100.powerW.has_value());
        QCOMPARE(*a100.powerW, 123.456); // mW -> W
        QCOMPARE(a100.powerLimitW, std::optional<double>(400.0));

        const auto& t4 = readings->at(1);
        QCOMPARE(t4.deviceId, QStringLiteral("1"));
        QCOMPARE(t4.name, QStringLiteral("Tesla T4"));
        QCOMPARE(t4.memoryTotalMb, std::optional<qint64>(15 * 1024));
        QCOMPARE(t4.memoryFreeMb, std::optional<qint64>(14 * 1024));
        QCOMPARE(t4.utilization, std::optional<double>(0));
        QCOMPARE(t4.temperature, std::optional<double>(33));
        // NOT_SUPPORTED is an unknown value, not a failed read.
        QVERIFY(!t4.powerW.has_value());
        QVERIFY(!t4.powerLimitW.has_value());
    }

    void readsAgainWithoutReinitialising()
    {
        NvmlProbe probe(QStringLiteral(AIOPS_FAKE_NVML_PATH));
        QVERIFY(probe.read().has_value());
        const auto second = probe.read();
        QVERIFY(second.has_value());
        QCOMPARE(second->size(), 2);
    }

    void missingLibraryIsUnavailable()
    {
        NvmlProbe probe(QStringLiteral("/nonexistent/libnvidia-ml.so.1"));
        const auto readings = probe.read();
        QVERIFY(!readings.has_value());
        QCOMPARE(readings.error().code, ErrorCode::Unavailable);
        QVERIFY(readings.error().message.contains(QStringLiteral("/nonexistent/libnvidia-ml.so.1")));
    }

    void libraryWithoutNvmlSymbolsIsUnavailable()
    {
        // Any shared library that is not NVML: the C library itself.
        NvmlProbe probe(QStringLiteral("libc.so.6"));
        const auto readings = probe.read();
        QVERIFY(!readings.has_value());
        QCOMPARE(readings.error().code, ErrorCode::Unavailable);
        QVERIFY(readings.error().message.contains(QStringLiteral("nvml")));
    }

    void initFailureIsUnavailable()
    {
        qputenv("FAKE_NVML_INIT_FAIL", "1");
        NvmlProbe probe(QStringLiteral(AIOPS_FAKE_NVML_PATH));
        const auto readings = probe.read();
        QVERIFY(!readings.has_value());
        QCOMPARE(readings.error().code, ErrorCode::Unavailable);
        QVERIFY2(readings.error().message.contains(QStringLiteral("Driver Not Loaded")),
                 qPrintable(readings.error().message));
    }
};

QTEST_GUILESS_MAIN(TestNvmlProbe)
#include "TestNvmlProbe.moc"
