#include "core/daemon/GpuProbeChain.h"

#include <QTest>

using namespace aiops;
using namespace aiops::daemon;

namespace {

// A probe with scripted answers (the last one repeats) that counts its calls.
class ScriptedProbe final : public GpuProbe
{
public:
    ScriptedProbe(QString name, QList<Result<QList<GpuReading>>> answers, int* calls)
        : m_name(std::move(name))
        , m_answers(std::move(answers))
        , m_calls(calls)
    {
    }
    ScriptedProbe(QString name, Result<QList<GpuReading>> answer, int* calls)
        : ScriptedProbe(std::move(name), QList<Result<QList<GpuReading>>> { std::move(answer) }, calls)
    {
    }
    Result<QList<GpuReading>> read() override
    {
        const qsizetype i = std::min<qsizetype>(*m_calls, m_answers.size() - 1);
        ++*m_calls;
        return m_answers.at(i);
    }
    QString name() const override { return m_name; }

private:
    QString m_name;
    QList<Result<QList<GpuReading>>> m_answers;
    int* m_calls;
};

QList<GpuReading> oneGpu(const QString& vendor)
{
    GpuReading gpu;
    gpu.deviceId = QStringLiteral("0");
    gpu.vendor = vendor;
    gpu.memoryTotalMb = 1024;
    return { gpu };
}

} // namespace

class TestGpuProbeChain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsTheFirstProbeThatFindsGpus()
    {
        int nvml = 0;
        int amd = 0;
        int smi = 0;
        std::vector<std::unique_ptr<GpuProbe>> probes;
        probes.push_back(std::make_unique<ScriptedProbe>(
            QStringLiteral("nvml"), makeError(ErrorCode::Unavailable, QStringLiteral("no lib")), &nvml));
        probes.push_back(std::make_unique<ScriptedProbe>(QStringLiteral("amd-sysfs"), QList<GpuReading>(), &amd));
        probes.push_back(
            std::make_unique<ScriptedProbe>(QStringLiteral("nvidia-smi"), oneGpu(QStringLiteral("nvidia")), &smi));
        GpuProbeChain chain(std::move(probes));

        QCOMPARE(chain.name(), QStringLiteral("none"));
        const auto first = chain.read();
        QVERIFY(first.has_value());
        QCOMPARE(first->size(), 1);
        QCOMPARE(chain.name(), QStringLiteral("nvidia-smi"));
        QCOMPARE(chain.discoveryNotes().size(), 2);
        QVERIFY(chain.discoveryNotes().at(0).contains(QStringLiteral("no lib")));

        QVERIFY(chain.read().has_value());
        QVERIFY(chain.read().has_value());
        // Discovery ran once; afterwards only the chosen probe is asked.
        QCOMPARE(nvml, 1);
        QCOMPARE(amd, 1);
        QCOMPARE(smi, 3);
    }

    void noGpuIsAValidCpuNode()
    {
        int nvml = 0;
        int amd = 0;
        std::vector<std::unique_ptr<GpuProbe>> probes;
        probes.push_back(std::make_unique<ScriptedProbe>(
            QStringLiteral("nvml"), makeError(ErrorCode::Unavailable, QStringLiteral("no lib")), &nvml));
        probes.push_back(std::make_unique<ScriptedProbe>(QStringLiteral("amd-sysfs"), QList<GpuReading>(), &amd));
        GpuProbeChain chain(std::move(probes), 3);

        for (int i = 0; i < 6; ++i) {
            const auto readings = chain.read();
            QVERIFY(readings.has_value());
            QVERIFY(readings->isEmpty());
        }
        QCOMPARE(chain.name(), QStringLiteral("none"));
        // Reads 1 and 4 rediscover (every third read); the others answer "no GPU" at once.
        QCOMPARE(nvml, 2);
        QCOMPARE(amd, 2);
    }

    void aFailingActiveProbeReportsItsError()
    {
        int nvml = 0;
        int smi = 0;
        std::vector<std::unique_ptr<GpuProbe>> probes;
        probes.push_back(std::make_unique<ScriptedProbe>(
            QStringLiteral("nvml"),
            QList<Result<QList<GpuReading>>> { oneGpu(QStringLiteral("nvidia")),
                                               makeError(ErrorCode::Unavailable, QStringLiteral("GPU is lost")) },
            &nvml));
        probes.push_back(
            std::make_unique<ScriptedProbe>(QStringLiteral("nvidia-smi"), oneGpu(QStringLiteral("nvidia")), &smi));
        GpuProbeChain chain(std::move(probes));
        QVERIFY(chain.read().has_value());
        QCOMPARE(chain.name(), QStringLiteral("nvml"));

        // A transient failure of the chosen probe is reported, not papered over by another probe.
        const auto failed = chain.read();
        QVERIFY(!failed.has_value());
        QCOMPARE(failed.error().message, QStringLiteral("GPU is lost"));
        QCOMPARE(chain.name(), QStringLiteral("nvml"));
        QCOMPARE(smi, 0);
    }
};

QTEST_GUILESS_MAIN(TestGpuProbeChain)
#include "TestGpuProbeChain.moc"
