#include "core/daemon/AmdSysfsProbe.h"

#include <QTemporaryDir>
#include <QTest>

using aiops::ErrorCode;
using aiops::daemon::AmdSysfsProbe;

class TestAmdSysfsProbe final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsAmdCardsOnly()
    {
        AmdSysfsProbe probe(QStringLiteral(AIOPS_TEST_DATA_DIR "/sysfs"));
        const auto readings = probe.read();
        QVERIFY(readings.has_value());
        // card0 and card2 are AMD (0x1002); card1 is Intel and card0-DP-1 is a connector.
        QCOMPARE(readings->size(), 2);

        const auto& first = readings->at(0);
        QCOMPARE(first.deviceId, QStringLiteral("0"));
        QCOMPARE(first.vendor, QStringLiteral("amd"));
        QCOMPARE(first.name, QStringLiteral("AMD Radeon RX 7900 XTX"));
        QCOMPARE(first.uuid, QStringLiteral("0123456789abcdef"));
        QCOMPARE(first.memoryTotalMb, std::optional<qint64>(24560)); // 25753026560 bytes
        QCOMPARE(first.memoryFreeMb, std::optional<qint64>(24560 - 4096));
        QCOMPARE(first.utilization, std::optional<double>(42));
        QCOMPARE(first.temperature, std::optional<double>(61.0)); // 61000 m°C
        QCOMPARE(first.powerW, std::optional<double>(87.5)); // 87500000 µW
        QCOMPARE(first.powerLimitW, std::optional<double>(327.0));

        const auto& second = readings->at(1);
        QCOMPARE(second.deviceId, QStringLiteral("1"));
        QCOMPARE(second.name, QStringLiteral("AMD GPU 0x73bf")); // no product_name: PCI device id
        QCOMPARE(second.memoryTotalMb, std::optional<qint64>(16368));
        QCOMPARE(second.memoryFreeMb, std::optional<qint64>(0));
        QCOMPARE(second.utilization, std::optional<double>(0));
        QCOMPARE(second.temperature, std::optional<double>(38.5));
        QVERIFY(!second.powerW.has_value());
        QVERIFY(!second.powerLimitW.has_value());
    }

    void noCardsIsAnEmptyList()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        AmdSysfsProbe probe(root.path());
        const auto readings = probe.read();
        QVERIFY(readings.has_value());
        QVERIFY(readings->isEmpty());
    }

    void missingRootIsUnavailable()
    {
        AmdSysfsProbe probe(QStringLiteral("/nonexistent/drm"));
        const auto readings = probe.read();
        QVERIFY(!readings.has_value());
        QCOMPARE(readings.error().code, ErrorCode::Unavailable);
    }
};

QTEST_GUILESS_MAIN(TestAmdSysfsProbe)
#include "TestAmdSysfsProbe.moc"
