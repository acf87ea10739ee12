// The framework table: what each framework's container runs, and the argument splitter the wizard
// and POST /deployments use for "extra arguments".
#include "core/deploy/Frameworks.h"

#include <QTest>

using namespace aiops;
using namespace aiops::deploy;
using namespace Qt::StringLiterals;

class TestFrameworks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void vllmUsesItsEntrypointAndTensorParallelFromTheGpuCount()
    {
        FrameworkInput in;
        in.framework = u"vllm"_s;
        in.modelId = u"qwen"_s;
        in.modelDirName = u"models--Qwen--Qwen2.5"_s;
        in.gpuDeviceIds = { u"0"_s, u"1"_s };
        in.gpuVendor = u"nvidia"_s;
        in.gpuMemoryUtilization = 0.85;
        in.extraArgs = { u"--max-model-len"_s, u"4096"_s };
        in.memoryLimitMb = 16384;
        const auto c = buildContainerConfig(in);
        QVERIFY(c.has_value());
        QCOMPARE(c->image, u"vllm/vllm-openai:latest"_s);
        QCOMPARE(c->entrypoint, QStringList({ u"python3"_s, u"-m"_s, u"vllm.entrypoints.openai.api_server"_s }));
        QCOMPARE(c->command,
                 QStringList({ u"--model"_s,
                               u"/models"_s,
                               u"--served-model-name"_s,
                               u"qwen"_s,
                               u"--port"_s,
                               u"8000"_s,
                               u"--tensor-parallel-size"_s,
                               u"2"_s,
                               u"--gpu-memory-utilization"_s,
                               u"0.85"_s,
                               u"--max-model-len"_s,
                               u"4096"_s }));
        QVERIFY(c->ipcHost);
        QCOMPARE(c->gpuDevice, u"0,1"_s);
        QCOMPARE(c->gpuVendor, u"nvidia"_s);
        QCOMPARE(c->memoryLimit, u"16g"_s);
        QCOMPARE(c->ports, u"8000"_s);
        QCOMPARE(c->healthPath, u"/health"_s);
        QCOMPARE(c->modelMount, u"/models"_s);
    }

    void vllmOnAmdDefaultsToTheRocmImage()
    {
        FrameworkInput in;
        in.framework = u"vllm"_s;
        in.modelId = u"m"_s;
        in.gpuDeviceIds = { u"0"_s };
        in.gpuVendor = u"amd"_s;
        QCOMPARE(buildContainerConfig(in)->image, u"rocm/vllm:latest"_s);
    }

    void tritonServesTheModelRepositoryOnItsHttpPort()
    {
        FrameworkInput in;
        in.framework = u"triton"_s;
        in.modelId = u"whisper"_s;
        in.modelDirName = u"models--openai--whisper"_s;
        in.gpuDeviceIds = { u"0"_s };
        in.gpuVendor = u"nvidia"_s;
        const auto c = buildContainerConfig(in);
        QVERIFY(c.has_value());
        QVERIFY(c->image.startsWith(u"nvcr.io/nvidia/tritonserver:"_s));
        QCOMPARE(c->command,
                 QStringList({ u"tritonserver"_s, u"--model-repository=/models"_s, u"--http-port=8000"_s }));
        QCOMPARE(c->healthPath, u"/v2/health/ready"_s);
        QVERIFY(c->shmSizeMb > 0);
        QVERIFY(!c->ipcHost);
    }

    void customNeedsAnImageAndKeepsItsCommand()
    {
        FrameworkInput in;
        in.framework = u"custom"_s;
        in.modelId = u"m"_s;
        QCOMPARE(buildContainerConfig(in).error().field, u"image"_s);
        in.image = u"localhost/aiops-test-engine:1"_s;
        in.command = { u"/bin/engine-double"_s };
        in.containerPort = 9000;
        in.healthPath = u"/ready"_s;
        const auto c = buildContainerConfig(in);
        QVERIFY(c.has_value());
        QCOMPARE(c->command, QStringList({ u"/bin/engine-double"_s }));
        QCOMPARE(c->ports, u"9000"_s);
        QCOMPARE(c->healthPath, u"/ready"_s);
        QCOMPARE(c->gpuDevice, QString());
        QCOMPARE(c->modelMount, QString());
    }

    void badInputIsRefusedWithTheField_data()
    {
        QTest::addColumn<QString>("framework");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("health");
        QTest::addColumn<double>("utilization");
        QTest::addColumn<QString>("field");
        QTest::newRow("framework") << u"tensorflow"_s << 0 << QString() << 0.9 << u"framework"_s;
        QTest::newRow("port") << u"vllm"_s << 70000 << QString() << 0.9 << u"containerPort"_s;
        QTest::newRow("negative port") << u"vllm"_s << -1 << QString() << 0.9 << u"containerPort"_s;
        QTest::newRow("health") << u"vllm"_s << 0 << u"health"_s << 0.9 << u"healthPath"_s;
        QTest::newRow("utilization") << u"vllm"_s << 0 << QString() << 1.5 << u"gpuMemoryUtilization"_s;
    }
    void badInputIsRefusedWithTheField()
    {
        QFETCH(QString, framework);
        QFETCH(int, port);
        QFETCH(QString, health);
        QFETCH(double, utilization);
        QFETCH(QString, field);
        FrameworkInput in;
        in.framework = framework;
        in.modelId = u"m"_s;
        in.containerPort = port;
        in.healthPath = health;
        in.gpuMemoryUtilization = utilization;
        const auto c = buildContainerConfig(in);
        QVERIFY(!c.has_value());
        QCOMPARE(c.error().code, ErrorCode::InvalidValue);
        QCOMPARE(c.error().field, field);
    }

    void memoryLimitsReadLikeDocker()
    {
        QCOMPARE(memoryLimitText(0), QString());
        QCOMPARE(memoryLimitText(8192), u"8g"_s);
        QCOMPARE(memoryLimitText(1500), u"1500m"_s);
    }

    void argumentsSplitLikeAShell()
    {
        QCOMPARE(*splitArguments(u"--a 1  --b 'two words' --c \"x \\\"y\\\"\""_s),
                 QStringList({ u"--a"_s, u"1"_s, u"--b"_s, u"two words"_s, u"--c"_s, u"x \"y\""_s }));
        QCOMPARE(*splitArguments(u"   "_s), QStringList());
        QCOMPARE(*splitArguments(u"''"_s), QStringList({ QString() }));
        QCOMPARE(splitArguments(u"--x 'open"_s).error().code, ErrorCode::InvalidValue);
    }
};

QTEST_GUILESS_MAIN(TestFrameworks)
#include "TestFrameworks.moc"
