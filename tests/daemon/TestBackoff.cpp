#include "core/daemon/Backoff.h"

#include <QTest>

using aiops::daemon::Backoff;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(Backoff::Jitter)

class TestBackoff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void doublesUpToTheCap()
    {
        Backoff backoff(Backoff::Jitter::None);
        QList<qint64> delays;
        for (int i = 0; i < 8; ++i)
            delays.append(backoff.next().count());
        QCOMPARE(delays, (QList<qint64> { 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000 }));
        QCOMPARE(backoff.attempts(), 8);
    }

    void manyAttemptsDoNotOverflow()
    {
        Backoff backoff(Backoff::Jitter::None);
        for (int i = 0; i < 10000; ++i)
            backoff.next();
        QCOMPARE(backoff.next(), 30s);
    }

    void jitterBounds_data()
    {
        QTest::addColumn<Backoff::Jitter>("jitter");
        QTest::addColumn<double>("random");
        QTest::addColumn<QList<qint64>>("expected");
        QTest::newRow("full, low") << Backoff::Jitter::Full << 0.0 << QList<qint64> { 0, 0, 0, 0, 0, 0, 0 };
        QTest::newRow("full, high") << Backoff::Jitter::Full << 1.0
                                    << QList<qint64> { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
        QTest::newRow("full, quarter") << Backoff::Jitter::Full << 0.25
                                       << QList<qint64> { 250, 500, 1000, 2000, 4000, 7500, 7500 };
        QTest::newRow("equal, low") << Backoff::Jitter::Equal << 0.0
                                    << QList<qint64> { 500, 1000, 2000, 4000, 8000, 15000, 15000 };
        QTest::newRow("equal, high") << Backoff::Jitter::Equal << 1.0
                                     << QList<qint64> { 1000, 2000, 4000, 8000, 16000, 30000, 30000 };
    }

    void jitterBounds()
    {
        QFETCH(Backoff::Jitter, jitter);
        QFETCH(double, random);
        QFETCH(QList<qint64>, expected);
        Backoff backoff(jitter, 1s, 30s, [random] { return random; });
        QList<qint64> delays;
        for (qsizetype i = 0; i < expected.size(); ++i)
            delays.append(backoff.next().count());
        QCOMPARE(delays, expected);
    }

    void realRandomStaysWithinBounds()
    {
        for (const auto jitter : { Backoff::Jitter::Full, Backoff::Jitter::Equal }) {
            Backoff backoff(jitter);
            for (int i = 0; i < 200; ++i) {
                const auto ceiling = backoff.ceiling();
                const auto delay = backoff.next();
                const auto floor = jitter == Backoff::Jitter::Equal ? ceiling / 2 : 0ms;
                QVERIFY2(delay >= floor && delay <= ceiling, qPrintable(QString::number(delay.count())));
                QVERIFY(ceiling <= 30s);
            }
        }
    }

    void resetStartsOver()
    {
        Backoff backoff(Backoff::Jitter::None);
        backoff.next();
        backoff.next();
        backoff.next();
        QCOMPARE(backoff.ceiling(), 8s);
        backoff.reset();
        QCOMPARE(backoff.attempts(), 0);
        QCOMPARE(backoff.next(), 1s);
        QCOMPARE(backoff.next(), 2s);
    }

    void customInitialAndCap()
    {
        Backoff backoff(Backoff::Jitter::None, 100ms, 250ms);
        QCOMPARE(backoff.next(), 100ms);
        QCOMPARE(backoff.next(), 200ms);
        QCOMPARE(backoff.next(), 250ms);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "TestBackoff.moc"
