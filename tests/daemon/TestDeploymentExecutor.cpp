#include "PodmanService.h"
#include "core/daemon/ContainerRuntime.h"
#include "core/daemon/DeploymentExecutor.h"
#include "core/daemon/PortAllocator.h"
#include "core/net/CurlClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>
#include <memory>
#include <optional>

using namespace aiops;
using namespace aiops::daemon;
using aiops::testing::PodmanService;

namespace {

constexpr int kWaitMs = 60'000;
const QString kImage = QStringLiteral("localhost/aiops-test-engine:1");

template<typename T, typename Call> std::optional<Result<T>> await(Call&& call, int timeoutMs = kWaitMs)
{
    auto out = std::make_shared<std::optional<Result<T>>>();
    call([out](Result<T> result) { *out = std::move(result); });
    static_cast<void>(QTest::qWaitFor([&out] { return out->has_value(); }, timeoutMs));
    return *out;
}

template<typename T> QString why(const std::optional<Result<T>>& result)
{
    if (!result) {
        return QStringLiteral("timed out");
    }
    return *result ? QString() : result->error().codeName() + QStringLiteral(": ") + result->error().message;
}

// What one deploy() reported.
struct Outcome
{
    QStringList phases;
    bool done = false;
    QString containerId;
    int hostPort = 0;
    std::optional<Error> error;
    QString logTail;
};

} // namespace

class TestDeploymentExecutor final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void deployIsIdempotentAndStops();
    void concurrentRetryAdoptsTheSameContainer();
    void stopUnknownIsNotFound();
    void missingImageFails();
    void healthTimeoutRollsBack();

private:
    DeploySpec engineSpec(const QString& name) const;
    Outcome runDeploy(const DeploySpec& spec, int timeoutMs = kWaitMs);
    QList<ContainerSummary> listLabelled(const QString& filter);

    PodmanService m_podman;
    std::unique_ptr<net::CurlClient> m_curl;
    std::unique_ptr<ContainerRuntime> m_runtime;
    std::unique_ptr<PortAllocator> m_ports;
    std::unique_ptr<DeploymentExecutor> m_executor;
};

void TestDeploymentExecutor::initTestCase()
{
    const QString started = m_podman.start();
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const QString imported = m_podman.importEngineDoubleImage(kImage);
    QVERIFY2(imported.isEmpty(), qPrintable(imported));

    m_curl = std::make_unique<net::CurlClient>();
    m_curl->setMaxConcurrentTransfers(16);
    m_runtime = std::make_unique<ContainerRuntime>(m_podman.socketPath(), m_curl.get());
    const auto info = await<RuntimeInfo>([this](auto done) { m_runtime->connectToEngine(std::move(done)); });
    QVERIFY2(info && info->has_value(), qPrintable(why(info)));
    m_ports = std::make_unique<PortAllocator>(21000, 21999);
    m_executor = std::make_unique<DeploymentExecutor>(m_runtime.get(), m_ports.get(), m_curl.get());
}

void TestDeploymentExecutor::cleanupTestCase()
{
    m_executor.reset();
    m_runtime.reset();
    m_curl.reset();
    m_podman.stop();
}

void TestDeploymentExecutor::cleanup()
{
    // Whatever a test left behind.
    m_podman.podman(
        { QStringLiteral("rm"), QStringLiteral("--all"), QStringLiteral("--force"), QStringLiteral("--time=0") });
}

DeploySpec TestDeploymentExecutor::engineSpec(const QString& name) const
{
    DeploySpec spec;
    spec.deploymentId = QStringLiteral("dep-%1-%2").arg(name).arg(QCoreApplication::applicationPid());
    spec.requestId = QStringLiteral("req-%1-%2").arg(name).arg(QCoreApplication::applicationPid());
    spec.image = kImage;
    spec.cmd = { QStringLiteral("/bin/engine-double") };
    spec.env = { { QStringLiteral("PORT"), QStringLiteral("8000") }, { QStringLiteral("GREETING"), name } };
    spec.memoryLimitBytes = 256LL << 20;
    spec.containerPort = 8000;
    spec.healthTimeoutMs = 30'000;
    spec.healthIntervalMs = 200;
    return spec;
}

Outcome TestDeploymentExecutor::runDeploy(const DeploySpec& spec, int timeoutMs)
{
    Outcome outcome;
    QObject context;
    connect(
        m_executor.get(), &DeploymentExecutor::phaseChanged, &context, [&](const QString& id, const QString& phase) {
            if (id == spec.deploymentId) {
                outcome.phases << phase;
            }
        });
    connect(m_executor.get(),
            &DeploymentExecutor::deployed,
            &context,
            [&](const QString& id, const QString& containerId, int hostPort) {
                if (id == spec.deploymentId) {
                    outcome.containerId = containerId;
                    outcome.hostPort = hostPort;
                    outcome.done = true;
                }
            });
    connect(m_executor.get(),
            &DeploymentExecutor::failed,
            &context,
            [&](const QString& id, const Error& error, const QString& logTail) {
                if (id == spec.deploymentId) {
                    outcome.error = error;
                    outcome.logTail = logTail;
                    outcome.done = true;
                }
            });
    m_executor->deploy(spec);
    static_cast<void>(QTest::qWaitFor([&outcome] { return outcome.done; }, timeoutMs));
    return outcome;
}

QList<ContainerSummary> TestDeploymentExecutor::listLabelled(const QString& filter)
{
    const auto listed = await<QList<ContainerSummary>>(
        [this, &filter](auto done) { m_runtime->listContainers({ filter }, std::move(done)); });
    if (!listed || !listed->has_value()) {
        qWarning("listing %s failed: %s", qPrintable(filter), qPrintable(why(listed)));
        return {};
    }
    return **listed;
}

void TestDeploymentExecutor::deployIsIdempotentAndStops()
{
    const DeploySpec spec = engineSpec(QStringLiteral("idem"));
    const Outcome first = runDeploy(spec);
    QVERIFY2(first.done, "no deployed() or failed() in time");
    QVERIFY2(!first.error, qPrintable(first.error ? first.error->message + first.logTail : QString()));
    QCOMPARE(first.phases,
             QStringList({ QStringLiteral("pulling"),
                           QStringLiteral("starting"),
                           QStringLiteral("health-check"),
                           QStringLiteral("running") }));
    QVERIFY(!first.containerId.isEmpty());
    QVERIFY(first.hostPort >= 21000 && first.hostPort <= 21999);
    QVERIFY(!m_ports->isHeld(first.hostPort)); // the engine's listing covers it now

    const auto health = await<net::Response>([this, &first](auto done) {
        net::Transfer* transfer = m_curl->get(QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(first.hostPort)));
        QObject::connect(
            transfer, &net::Transfer::finished, transfer, [done](const Result<net::Response>& r) { done(r); });
    });
    QVERIFY2(health && health->has_value(), qPrintable(why(health)));
    QCOMPARE((*health)->status, 200);
    QCOMPARE((*health)->body, QByteArray("ok\n"));

    const QString requestFilter = QStringLiteral("aiops.request=") + spec.requestId;
    QList<ContainerSummary> listed = listLabelled(requestFilter);
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().labels.value(QStringLiteral("aiops.managed")), QStringLiteral("true"));
    QCOMPARE(listed.first().labels.value(QStringLiteral("aiops.deployment")), spec.deploymentId);
    QCOMPARE(listed.first().labels.value(QStringLiteral("aiops.port")), QString::number(first.hostPort));

    // The retried command adopts the running container.
    const Outcome again = runDeploy(spec);
    QVERIFY(again.done);
    QVERIFY2(!again.error, qPrintable(again.error ? again.error->message : QString()));
    QCOMPARE(again.containerId, first.containerId);
    QCOMPARE(again.hostPort, first.hostPort);
    QVERIFY(!again.phases.contains(QStringLiteral("pulling")));
    QCOMPARE(again.phases.last(), QStringLiteral("running"));
    QCOMPARE(listLabelled(requestFilter).size(), 1);

    // A stopped container of the same request is started again, not replaced.
    const auto stopped
        = await<void>([this, &first](auto done) { m_runtime->stopContainer(first.containerId, 0, std::move(done)); });
    QVERIFY2(stopped && stopped->has_value(), qPrintable(why(stopped)));
    const Outcome restarted = runDeploy(spec);
    QVERIFY2(restarted.done && !restarted.error,
             qPrintable(restarted.error ? restarted.error->message : QStringLiteral("timed out")));
    QCOMPARE(restarted.containerId, first.containerId);
    listed = listLabelled(requestFilter);
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().state, QStringLiteral("running"));

    const auto managed
        = await<QList<ContainerSummary>>([this](auto done) { m_executor->listManaged(std::move(done)); });
    QVERIFY2(managed && managed->has_value(), qPrintable(why(managed)));
    QCOMPARE((*managed)->size(), 1);

    QElapsedTimer clock;
    clock.start();
    const auto stop
        = await<void>([this, &spec](auto done) { m_executor->stop(spec.deploymentId, std::move(done)); }, 60'000);
    QVERIFY2(stop && stop->has_value(), qPrintable(why(stop)));
    qInfo("stop took %lld ms", clock.elapsed());
    QVERIFY(listLabelled(QStringLiteral("aiops.deployment=") + spec.deploymentId).isEmpty());
    QVERIFY(listLabelled(requestFilter).isEmpty());
}

void TestDeploymentExecutor::concurrentRetryAdoptsTheSameContainer()
{
    const DeploySpec spec = engineSpec(QStringLiteral("twice"));
    QStringList containers;
    int failures = 0;
    QObject context;
    connect(m_executor.get(), &DeploymentExecutor::deployed, &context, [&](const QString& id, const QString& c, int) {
        if (id == spec.deploymentId) {
            containers << c;
        }
    });
    connect(
        m_executor.get(), &DeploymentExecutor::failed, &context, [&](const QString& id, const Error&, const QString&) {
            if (id == spec.deploymentId) {
                ++failures;
            }
        });
    m_executor->deploy(spec);
    m_executor->deploy(spec); // the same command again before the first has finished
    QTRY_COMPARE_WITH_TIMEOUT(containers.size() + failures, 2, kWaitMs);
    QCOMPARE(failures, 0);
    QCOMPARE(containers[0], containers[1]);
    QCOMPARE(listLabelled(QStringLiteral("aiops.request=") + spec.requestId).size(), 1);
    const auto stop = await<void>([this, &spec](auto done) { m_executor->stop(spec.deploymentId, std::move(done)); });
    QVERIFY2(stop && stop->has_value(), qPrintable(why(stop)));
}

void TestDeploymentExecutor::stopUnknownIsNotFound()
{
    const auto stop
        = await<void>([this](auto done) { m_executor->stop(QStringLiteral("no-such-deployment"), std::move(done)); });
    QVERIFY(stop.has_value());
    QVERIFY(!stop->has_value());
    QCOMPARE(stop->error().code, ErrorCode::NotFound);
}

void TestDeploymentExecutor::missingImageFails()
{
    DeploySpec spec = engineSpec(QStringLiteral("noimage"));
    spec.image = QStringLiteral("localhost/does-not-exist:1");
    const Outcome outcome = runDeploy(spec);
    QVERIFY(outcome.done);
    QVERIFY(outcome.error.has_value());
    QVERIFY(!outcome.error->codeName().isEmpty());
    QVERIFY2(outcome.error->message.contains(QStringLiteral("localhost/does-not-exist:1")),
             qPrintable(outcome.error->message));
    qInfo("missing image: %s: %s", qPrintable(outcome.error->codeName()), qPrintable(outcome.error->message));
    QVERIFY(outcome.logTail.isEmpty());
    QCOMPARE(outcome.phases, QStringList { QStringLiteral("pulling") });
    QVERIFY(listLabelled(QStringLiteral("aiops.request=") + spec.requestId).isEmpty());
    QVERIFY(!m_executor->isDeploying(spec.requestId));
}

void TestDeploymentExecutor::healthTimeoutRollsBack()
{
    DeploySpec spec = engineSpec(QStringLiteral("nohealth"));
    // httpd never runs: the health path never answers. The echo gives the log tail something to carry.
    spec.cmd
        = { QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("echo waiting forever; exec sleep 600") };
    spec.healthPath = QStringLiteral("/ready-probe");
    spec.healthTimeoutMs = 1500;
    spec.healthIntervalMs = 100;
    QElapsedTimer clock;
    clock.start();
    const Outcome outcome = runDeploy(spec);
    QVERIFY(outcome.done);
    QVERIFY(outcome.error.has_value());
    QVERIFY2(clock.elapsed() >= 1500, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(outcome.error->code, ErrorCode::Unavailable);
    QVERIFY2(outcome.error->message.contains(QStringLiteral("/ready-probe")), qPrintable(outcome.error->message));
    qInfo("health timeout: %s", qPrintable(outcome.error->message));
    QCOMPARE(outcome.phases,
             QStringList({ QStringLiteral("pulling"), QStringLiteral("starting"), QStringLiteral("health-check") }));
    QVERIFY2(outcome.logTail.contains(QStringLiteral("waiting forever")), qPrintable(outcome.logTail));
    QVERIFY(listLabelled(QStringLiteral("aiops.request=") + spec.requestId).isEmpty());
    QVERIFY(listLabelled(QStringLiteral("aiops.deployment=") + spec.deploymentId).isEmpty());
    for (int port = m_ports->firstPort(); port <= m_ports->lastPort(); ++port) {
        QVERIFY2(!m_ports->isHeld(port), qPrintable(QString::number(port)));
    }
}

QTEST_GUILESS_MAIN(TestDeploymentExecutor)
#include "TestDeploymentExecutor.moc"
