#include "core/nodes/MetricHistory.h"

#include <QTest>

using aiops::nodes::MetricHistory;

class MetricHistoryTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rawIsBoundedToItsCapacity()
    {
        MetricHistory h;
        h.resizeGpus(1);
        const qint64 t0 = 1'700'000'000'000;
        for (int i = 0; i < 2000; ++i)
            h.addGpuSample(0, t0 + i * 1000, float(i % 100), 100.0f, 50.0f);
        // Raw keeps the newest 600 seconds; older time is covered by minute rollups only.
        const auto recent = h.gpuSince(0, t0 + 1400 * 1000);
        QCOMPARE(recent.size(), 600);
        QCOMPARE(recent.first().tMs, t0 + 1400 * 1000);
        QCOMPARE(recent.last().tMs, t0 + 1999 * 1000);
    }

    void rollupsAverageEachMinute()
    {
        MetricHistory h;
        const qint64 minute = 60'000;
        const qint64 t0 = 1'700'000'040'000 - (1'700'000'040'000 % minute); // start of a minute
        // 20 minutes at 1 Hz: the first minutes fall out of the 600-sample raw buffer.
        for (int s = 0; s < 20 * 60; ++s)
            h.addNodeSample(t0 + s * 1000, float(s / 60), 10.0f, 20.0f);
        const auto all = h.nodeSince(0);
        // 600 raw samples cover the last 10 minutes; the rollups before them are minute averages.
        QCOMPARE(all.size(), 600 + 10);
        QCOMPARE(all.first().tMs, t0);
        QCOMPARE(all.first().cpuUtilization, 0.0f);
        QCOMPARE(all.at(5).cpuUtilization, 5.0f);
        QCOMPARE(all.at(5).ramUsedPercent, 10.0f);
        for (int i = 1; i < all.size(); ++i)
            QVERIFY2(all[i].tMs > all[i - 1].tMs, "points must be in time order without overlap");
    }

    void fasterThanOneHertzKeepsOneSamplePerSecond()
    {
        MetricHistory h;
        const qint64 t0 = 1'700'000'000'000;
        h.addNodeSample(t0, 1, 0, 0);
        h.addNodeSample(t0 + 400, 2, 0, 0);
        h.addNodeSample(t0 + 1000, 3, 0, 0);
        const auto points = h.nodeSince(t0);
        QCOMPARE(points.size(), 2);
        QCOMPARE(points[0].cpuUtilization, 2.0f);
        QCOMPARE(points[1].cpuUtilization, 3.0f);
    }

    void unknownGpuIndexIsIgnored()
    {
        MetricHistory h;
        h.resizeGpus(1);
        h.addGpuSample(3, 1000, 1, 1, 1);
        QVERIFY(h.gpuSince(3, 0).isEmpty());
        QVERIFY(h.gpuSince(0, 0).isEmpty());
    }

    void documentedMemoryBound() { QCOMPARE(MetricHistory::maxBytesPerSeries(), std::size_t((600 + 360) * 16)); }
};

QTEST_GUILESS_MAIN(MetricHistoryTest)
#include "MetricHistoryTest.moc"
