#include "ArtifactServerDouble.h"
#include "PodmanService.h"
#include "core/daemon/ContainerRuntime.h"
#include "core/daemon/DeploymentAgent.h"
#include "core/daemon/DeploymentExecutor.h"
#include "core/daemon/ModelCache.h"
#include "core/daemon/PortAllocator.h"
#include "core/net/CurlClient.h"
#include "core/protocol/Codec.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>

using namespace aiops;
using namespace aiops::daemon;
using namespace aiops::protocol;
using namespace Qt::StringLiterals;
using aiops::testing::ArtifactServerDouble;
using aiops::testing::PodmanService;

namespace {

constexpr int kWaitMs = 60'000;
const QString kImage = u"localhost/aiops-test-engine:1"_s;
const QString kNodeId = u"node-agent-test"_s;

template<typename T, typename Call> std::optional<Result<T>> await(Call&& call, int timeoutMs = kWaitMs)
{
    auto out = std::make_shared<std::optional<Result<T>>>();
    call([out](Result<T> result) { *out = std::move(result); });
    static_cast<void>(QTest::qWaitFor([&out] { return out->has_value(); }, timeoutMs));
    return *out;
}

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// Every frame the agent sent, decoded as the controller decodes it (so each is also a valid message).
class Recorder
{
public:
    DeploymentAgent::Sender sender()
    {
        return [this](const QByteArray& frame) {
            auto decoded = decodeNodeMessage(frame);
            if (!decoded) {
                qWarning("undecodable frame %s: %s", frame.left(300).constData(), qPrintable(decoded.error().message));
                ++invalid;
                return;
            }
            messages.append(*decoded);
        };
    }

    template<typename T> QList<T> all() const
    {
        QList<T> out;
        for (const NodeInbound& m : messages) {
            if (const T* t = std::get_if<T>(&m))
                out.append(*t);
        }
        return out;
    }

    QList<NodeDeploymentProgress> progressOf(const QString& deploymentId) const
    {
        QList<NodeDeploymentProgress> out;
        for (const NodeDeploymentProgress& p : all<NodeDeploymentProgress>()) {
            if (p.deploymentId == deploymentId)
                out.append(p);
        }
        return out;
    }

    QStringList statusesOf(const QString& deploymentId) const
    {
        QStringList out;
        for (const NodeDeploymentProgress& p : progressOf(deploymentId)) {
            if (out.isEmpty() || out.last() != p.status)
                out.append(p.status);
        }
        return out;
    }

    std::optional<NodeCommandAck> ackOf(const QString& requestId) const
    {
        for (const NodeCommandAck& a : all<NodeCommandAck>()) {
            if (a.requestId == requestId)
                return a;
        }
        return std::nullopt;
    }

    bool ended(const QString& deploymentId) const
    {
        const auto p = progressOf(deploymentId);
        return !p.isEmpty() && (p.last().status == u"running" || p.last().status == u"failed");
    }

    QList<NodeInbound> messages;
    int invalid = 0;
};

} // namespace

class TestDeploymentAgent final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void lifecycleWithModelFiles();
    void refusedImageIsForbidden();
    void malformedConfigIsInvalid();
    void missingImageFails();
    void crashAfterHealthyIsReported();
    void fixedHostPortEntrypointNoProbe();
    void eventsSurviveARuntimeRestart();
    void stopOfNothingIsNotFound();
    void logsOfUnknownIsNotFound();
    void noRuntimeRefusesDeployments();

private:
    NodeDeployModel engineCommand(const QString& name) const;
    QList<ContainerSummary> listLabelled(const QString& filter);
    std::unique_ptr<DeploymentAgent> makeAgent(Recorder& recorder);
    std::optional<net::Response> httpGet(int port, const QString& path);
    static QString containersOfRequest(const QString& requestId)
    {
        return QString(DeploymentExecutor::kRequestLabel) + u'=' + requestId;
    }

    PodmanService m_podman;
    QTemporaryDir m_cacheDir;
    std::unique_ptr<ArtifactServerDouble> m_artifacts;
    std::unique_ptr<net::CurlClient> m_curl;
    std::unique_ptr<ContainerRuntime> m_runtime;
    std::unique_ptr<PortAllocator> m_ports;
    std::unique_ptr<DeploymentExecutor> m_executor;
    std::unique_ptr<ModelCache> m_cache;
    Recorder m_recorder;
    std::unique_ptr<DeploymentAgent> m_agent;
};

void TestDeploymentAgent::initTestCase()
{
    const QString started = m_podman.start();
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const QString imported = m_podman.importEngineDoubleImage(kImage);
    QVERIFY2(imported.isEmpty(), qPrintable(imported));
    QVERIFY(m_cacheDir.isValid());

    m_artifacts = std::make_unique<ArtifactServerDouble>();
    QVERIFY(m_artifacts->isListening());
    m_curl = std::make_unique<net::CurlClient>();
    m_curl->setMaxConcurrentTransfers(16);
    m_runtime = std::make_unique<ContainerRuntime>(m_podman.socketPath(), m_curl.get());
    const auto info = await<RuntimeInfo>([this](auto done) { m_runtime->connectToEngine(std::move(done)); });
    QVERIFY2(info && info->has_value(), "cannot reach the podman service");
    m_ports = std::make_unique<PortAllocator>(22000, 22999);
    m_executor = std::make_unique<DeploymentExecutor>(m_runtime.get(), m_ports.get(), m_curl.get());
    m_cache = std::make_unique<ModelCache>(m_cacheDir.path(), m_curl.get());
    QVERIFY(m_cache->load().has_value());
}

void TestDeploymentAgent::cleanupTestCase()
{
    m_agent.reset();
    m_executor.reset();
    m_cache.reset();
    m_runtime.reset();
    m_curl.reset();
    m_podman.stop();
}

void TestDeploymentAgent::init()
{
    m_recorder = Recorder();
    m_agent = makeAgent(m_recorder);
    QSignalSpy adopted(m_agent.get(), &DeploymentAgent::adopted);
    m_agent->start();
    QVERIFY(adopted.wait(kWaitMs));
}

void TestDeploymentAgent::cleanup()
{
    QCOMPARE(m_recorder.invalid, 0);
    m_agent.reset();
    m_podman.podman({ u"rm"_s, u"--all"_s, u"--force"_s, u"--time=0"_s });
}

std::unique_ptr<DeploymentAgent> TestDeploymentAgent::makeAgent(Recorder& recorder)
{
    DeploymentAgent::Options options;
    options.nodeId = kNodeId;
    options.storageBase = m_artifacts->url(u"/"_s);
    options.healthIntervalMs = 200;
    options.eventsBackoffInitial = std::chrono::milliseconds(200);
    return std::make_unique<DeploymentAgent>(
        options, m_runtime.get(), m_executor.get(), m_cache.get(), recorder.sender());
}

NodeDeployModel TestDeploymentAgent::engineCommand(const QString& name) const
{
    const qint64 pid = QCoreApplication::applicationPid();
    NodeDeployModel command;
    command.requestId = u"req-%1-%2"_s.arg(name).arg(pid);
    command.nodeId = kNodeId;
    command.jobId = u"job-%1"_s.arg(name);
    command.deploymentId = u"dep-%1-%2"_s.arg(name).arg(pid);
    command.modelId = u"model-%1"_s.arg(name);
    command.framework = u"custom"_s;
    command.containerConfig.image = kImage;
    command.containerConfig.ports = u"8000"_s;
    command.containerConfig.memoryLimit = u"256m"_s;
    command.containerConfig.environment = { { u"PORT"_s, u"8000"_s }, { u"GREETING"_s, name } };
    command.containerConfig.command = { u"/bin/engine-double"_s };
    command.containerConfig.healthPath = u"/health"_s;
    command.containerConfig.healthTimeoutSeconds = 30;
    command.timestamp = nowMs();
    return command;
}

QList<ContainerSummary> TestDeploymentAgent::listLabelled(const QString& filter)
{
    const auto listed = await<QList<ContainerSummary>>(
        [this, &filter](auto done) { m_runtime->listContainers({ filter }, std::move(done)); });
    return listed && listed->has_value() ? **listed : QList<ContainerSummary> {};
}

std::optional<net::Response> TestDeploymentAgent::httpGet(int port, const QString& path)
{
    const auto response = await<net::Response>([this, port, &path](auto done) {
        net::Transfer* transfer = m_curl->get(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)));
        QObject::connect(
            transfer, &net::Transfer::finished, transfer, [done](const Result<net::Response>& r) { done(r); });
    });
    if (!response || !response->has_value())
        return std::nullopt;
    return **response;
}

// Deploy with model files from the artifact double → running, the model mounted read-only; the same request again
// → no second container; logs; the container report; a daemon restart finds the container; stop.
void TestDeploymentAgent::lifecycleWithModelFiles()
{
    const QByteArray weights = "weights of the tiny model\n";
    const QByteArray config = R"({"layers":1})";
    m_artifacts->addFile(u"/storage/models/tiny/1/weights.bin"_s, weights);
    m_artifacts->addFile(u"/presigned/tiny/config.json"_s, config);

    NodeDeployModel command = engineCommand(u"life"_s);
    command.modelId = u"tiny"_s;
    command.modelVersion = u"1"_s;
    command.files = {
        { u"weights.bin"_s, weights.size(), sha256Hex(weights), u"/storage/models/tiny/1/weights.bin"_s },
        { u"config.json"_s,
          config.size(),
          sha256Hex(config),
          m_artifacts->url(u"/presigned/tiny/config.json"_s).toString() + u"?X-Amz-Signature=abc"_s },
    };
    command.containerConfig.modelMount = u"/models"_s;
    // The container serves the mounted weights next to /health: proof that the mount is there.
    command.containerConfig.command
        = { u"/bin/sh"_s, u"-c"_s, u"cat /models/weights.bin > /www/weights.bin && exec /bin/engine-double"_s };
    QVERIFY(encode(command).size() > 0);

    QSignalSpy portChanged(m_agent.get(), &DeploymentAgent::hostPortChanged);
    m_agent->onDeployModel(command);
    const auto ack = m_recorder.ackOf(command.requestId);
    QVERIFY(ack.has_value());
    QCOMPARE(ack->status, u"accepted"_s);
    QCOMPARE(ack->nodeId, kNodeId);
    QVERIFY(QTest::qWaitFor([&] { return m_recorder.ended(command.deploymentId); }, kWaitMs));

    const QList<NodeDeploymentProgress> progress = m_recorder.progressOf(command.deploymentId);
    QVERIFY2(progress.last().status == u"running",
             qPrintable(progress.last().error + u"\n"_s + progress.last().logTail));
    QCOMPARE(m_recorder.statusesOf(command.deploymentId),
             QStringList({ u"downloading"_s, u"pulling"_s, u"starting"_s, u"health-check"_s, u"running"_s }));
    for (const NodeDeploymentProgress& p : progress) {
        QCOMPARE(p.requestId, command.requestId);
        QCOMPARE(p.jobId, command.jobId);
        QCOMPARE(p.nodeId, kNodeId);
        QVERIFY(p.progress >= 0 && p.progress <= 100);
    }
    QCOMPARE(progress.first().progress, 0);
    QVERIFY(std::any_of(progress.begin(), progress.end(), [](const NodeDeploymentProgress& p) {
        return p.status == u"downloading" && p.progress == 100;
    }));
    const NodeDeploymentProgress running = progress.last();
    QVERIFY(!running.containerId.isEmpty());
    QVERIFY2(running.hostPort >= 22000 && running.hostPort <= 22999, qPrintable(QString::number(running.hostPort)));
    QCOMPARE(m_agent->hostPortOf(command.deploymentId), running.hostPort);
    QCOMPARE(m_agent->runningDeployments(), QStringList { command.deploymentId });
    QVERIFY(!portChanged.isEmpty());
    QCOMPARE(portChanged.last().at(1).toInt(), running.hostPort);

    // The container answers on its loopback port and serves the model file it was given read-only.
    const auto health = httpGet(running.hostPort, u"/health"_s);
    QVERIFY(health.has_value());
    QCOMPARE(health->status, 200);
    const auto served = httpGet(running.hostPort, u"/weights.bin"_s);
    QVERIFY(served.has_value());
    QCOMPARE(served->body, weights);
    // The model stays pinned while the deployment exists.
    const auto pinned = [this] {
        for (const CachedModel& m : m_cache->models()) {
            if (m.modelId == u"tiny")
                return m.pinned;
        }
        return false;
    };
    QVERIFY(pinned());
    QCOMPARE(m_cache->evict(u"tiny"_s).error().code, ErrorCode::Conflict);
    const QList<ContainerSummary> containers = listLabelled(containersOfRequest(command.requestId));
    QCOMPARE(containers.size(), 1);
    QCOMPARE(containers.first().labels.value(QString(DeploymentAgent::kModelLabel)), u"tiny"_s);

    // The same command again: acknowledged, "running" again, no second container.
    const qsizetype before = m_recorder.progressOf(command.deploymentId).size();
    m_agent->onDeployModel(command);
    QVERIFY(QTest::qWaitFor([&] { return m_recorder.progressOf(command.deploymentId).size() > before; }, kWaitMs));
    const NodeDeploymentProgress again = m_recorder.progressOf(command.deploymentId).last();
    QCOMPARE(again.status, u"running"_s);
    QCOMPARE(again.containerId, running.containerId);
    QCOMPARE(again.hostPort, running.hostPort);
    QTest::qWait(500);
    QCOMPARE(m_recorder.progressOf(command.deploymentId).size(), before + 1);
    QCOMPARE(listLabelled(containersOfRequest(command.requestId)).size(), 1);

    // Logs by deployment id: the double's stdout and stderr.
    NodeGetLogs getLogs { u"req-logs"_s, kNodeId, command.deploymentId, 100, 0, nowMs() };
    m_agent->onGetLogs(getLogs);
    QVERIFY(QTest::qWaitFor([&] { return !m_recorder.all<NodeLogsResponse>().isEmpty(); }, kWaitMs));
    const NodeLogsResponse logs = m_recorder.all<NodeLogsResponse>().last();
    QCOMPARE(logs.requestId, u"req-logs"_s);
    QCOMPARE(logs.containerId, command.deploymentId);
    QVERIFY2(logs.error.isEmpty(), qPrintable(logs.error));
    QVERIFY2(logs.logs.contains(u"engine double listening on 8000 greeting=life"_s), qPrintable(logs.logs));
    QVERIFY2(logs.logs.contains(u"engine double stderr line"_s), qPrintable(logs.logs));
    // lines = 1: only the last line.
    m_agent->onGetLogs(NodeGetLogs { u"req-logs-1"_s, kNodeId, running.containerId, 1, 0, nowMs() });
    QVERIFY(QTest::qWaitFor([&] { return m_recorder.all<NodeLogsResponse>().size() == 2; }, kWaitMs));
    QCOMPARE(m_recorder.all<NodeLogsResponse>().last().logs.count(u'\n'), 1);

    // After a registration: the container report.
    m_agent->onRegistered();
    QVERIFY(QTest::qWaitFor([&] { return !m_recorder.all<NodeContainers>().isEmpty(); }, kWaitMs));
    const NodeContainers report = m_recorder.all<NodeContainers>().last();
    QCOMPARE(report.nodeId, kNodeId);
    QCOMPARE(report.containers.size(), 1);
    const ManagedContainer& reported = report.containers.first();
    QCOMPARE(reported.containerId, running.containerId);
    QCOMPARE(reported.deploymentId, command.deploymentId);
    QCOMPARE(reported.requestId, command.requestId);
    QCOMPARE(reported.image, kImage);
    QCOMPARE(reported.state, u"running"_s);
    QCOMPARE(reported.hostPort, running.hostPort);

    // A daemon restart: a fresh agent finds the running container, its port and its model.
    {
        Recorder restarted;
        std::unique_ptr<DeploymentAgent> fresh = makeAgent(restarted);
        QCOMPARE(fresh->hostPortOf(command.deploymentId), 0);
        QSignalSpy adopted(fresh.get(), &DeploymentAgent::adopted);
        fresh->start();
        QVERIFY(adopted.wait(kWaitMs));
        QCOMPARE(adopted.first().first().toInt(), 1);
        QCOMPARE(fresh->hostPortOf(command.deploymentId), running.hostPort);
        // The restarted agent answers a retried command with "running" from what it found.
        fresh->onDeployModel(command);
        QVERIFY(QTest::qWaitFor([&] { return restarted.ended(command.deploymentId); }, kWaitMs));
        QCOMPARE(restarted.progressOf(command.deploymentId).last().status, u"running"_s);
        QCOMPARE(restarted.progressOf(command.deploymentId).last().containerId, running.containerId);
        QCOMPARE(restarted.invalid, 0);
    }
    QVERIFY(pinned()); // the first agent still holds it

    // Stop by deployment id: acknowledged, "stopped", the container gone, the port and the pin released.
    m_agent->onStopContainer(NodeStopContainer { u"req-stop"_s, kNodeId, {}, command.deploymentId, nowMs() });
    QCOMPARE(m_recorder.ackOf(u"req-stop"_s)->status, u"accepted"_s);
    const auto stopProgress = [&] {
        for (const NodeDeploymentProgress& p : m_recorder.all<NodeDeploymentProgress>()) {
            if (p.requestId == u"req-stop")
                return std::optional(p);
        }
        return std::optional<NodeDeploymentProgress>();
    };
    QVERIFY(QTest::qWaitFor([&] { return stopProgress().has_value(); }, kWaitMs));
    QCOMPARE(stopProgress()->status, u"stopped"_s);
    QCOMPARE(stopProgress()->deploymentId, command.deploymentId);
    QCOMPARE(stopProgress()->jobId, command.jobId);
    QVERIFY(listLabelled(QString(DeploymentExecutor::kDeploymentLabel) + u'=' + command.deploymentId).isEmpty());
    QCOMPARE(m_agent->hostPortOf(command.deploymentId), 0);
    QCOMPARE(portChanged.last().at(1).toInt(), 0);
    QVERIFY(!pinned());
    // Its own stop is not reported as a crash.
    QTest::qWait(1000);
    for (const NodeContainerEvent& e : m_recorder.all<NodeContainerEvent>()) {
        if (e.deploymentId == command.deploymentId)
            QVERIFY2(e.event != u"died" && e.event != u"oom", qPrintable(e.event));
    }
}

void TestDeploymentAgent::refusedImageIsForbidden()
{
    NodeDeployModel command = engineCommand(u"forbidden"_s);
    command.containerConfig.image = u"docker.io/library/nginx:1.25"_s;
    m_agent->onDeployModel(command);
    const auto ack = m_recorder.ackOf(command.requestId);
    QVERIFY(ack.has_value());
    QCOMPARE(ack->status, u"rejected"_s);
    QCOMPARE(ack->errorCode, u"FORBIDDEN"_s);
    QVERIFY2(ack->reason.contains(u"nginx"_s), qPrintable(ack->reason));
    const auto progress = m_recorder.progressOf(command.deploymentId);
    QCOMPARE(progress.size(), 1);
    QCOMPARE(progress.first().status, u"failed"_s);
    QCOMPARE(progress.first().errorCode, u"FORBIDDEN"_s);
    QCOMPARE(progress.first().jobId, command.jobId);
    QVERIFY(listLabelled(containersOfRequest(command.requestId)).isEmpty());

    // The same through the local API: the error comes back, nothing goes to the controller.
    const qsizetype sent = m_recorder.messages.size();
    const auto local = m_agent->deploy(command, DeploymentAgent::Origin::Local);
    QVERIFY(!local);
    QCOMPARE(local.error().code, ErrorCode::Forbidden);
    QCOMPARE(m_recorder.messages.size(), sent);
}

void TestDeploymentAgent::malformedConfigIsInvalid()
{
    const struct
    {
        const char* what;
        std::function<void(NodeDeployModel&)> change;
        QString code;
    } cases[] = {
        { "memory", [](NodeDeployModel& c) { c.containerConfig.memoryLimit = u"8 gigs"_s; }, u"INVALID_VALUE"_s },
        { "ports", [](NodeDeployModel& c) { c.containerConfig.ports = u"80:http"_s; }, u"INVALID_VALUE"_s },
        { "vendor", [](NodeDeployModel& c) { c.containerConfig.gpuVendor = u"intel"_s; }, u"INVALID_VALUE"_s },
        { "mount without files",
          [](NodeDeployModel& c) { c.containerConfig.modelMount = u"/models"_s; },
          u"INVALID_VALUE"_s },
    };
    for (const auto& c : cases) {
        NodeDeployModel command = engineCommand(QString::fromLatin1(c.what).replace(u' ', u'-'));
        c.change(command);
        m_agent->onDeployModel(command);
        const auto ack = m_recorder.ackOf(command.requestId);
        QVERIFY2(ack.has_value(), c.what);
        QCOMPARE(ack->status, u"rejected"_s);
        QCOMPARE(ack->errorCode, c.code);
        QCOMPARE(m_recorder.progressOf(command.deploymentId).last().status, u"failed"_s);
        QCOMPARE(m_recorder.progressOf(command.deploymentId).last().errorCode, c.code);
    }
}

void TestDeploymentAgent::missingImageFails()
{
    NodeDeployModel command = engineCommand(u"missing"_s);
    command.containerConfig.image = u"localhost/aiops-test-missing:1"_s;
    m_agent->onDeployModel(command);
    QCOMPARE(m_recorder.ackOf(command.requestId)->status, u"accepted"_s);
    QVERIFY(QTest::qWaitFor([&] { return m_recorder.ended(command.deploymentId); }, kWaitMs));
    const NodeDeploymentProgress failed = m_recorder.progressOf(command.deploymentId).last();
    QCOMPARE(failed.status, u"failed"_s);
    QVERIFY(!failed.errorCode.isEmpty());
    QVERIFY2(failed.error.contains(u"localhost/aiops-test-missing:1"_s), qPrintable(failed.error));
    QCOMPARE(m_recorder.statusesOf(command.deploymentId), QStringList({ u"pulling"_s, u"failed"_s }));
    QCOMPARE(m_agent->hostPortOf(command.deploymentId), 0);
    QVERIFY(listLabelled(containersOfRequest(command.requestId)).isEmpty());
}

void TestDeploymentAgent::crashAfterHealthyIsReported()
{
    NodeDeployModel command = engineCommand(u"crash"_s);
    // Healthy at once (httpd in the background), then the main process dies with code 3.
    command.containerConfig.command = {
        u"/bin/sh"_s,
        u"-c"_s,
        u"httpd -p $PORT -h /www; echo serving for a while; sleep 4; echo giving up now >&2; exit 3"_s,
    };
    m_agent->onDeployModel(command);
    QVERIFY(QTest::qWaitFor([&] { return m_recorder.ended(command.deploymentId); }, kWaitMs));
    const NodeDeploymentProgress running = m_recorder.progressOf(command.deploymentId).last();
    QVERIFY2(running.status == u"running", qPrintable(running.error));
    QVERIFY(m_agent->hostPortOf(command.deploymentId) > 0);

    const auto died = [&] {
        for (const NodeContainerEvent& e : m_recorder.all<NodeContainerEvent>()) {
            if (e.deploymentId == command.deploymentId && e.event == u"died")
                return std::optional(e);
        }
        return std::optional<NodeContainerEvent>();
    };
    QVERIFY(QTest::qWaitFor([&] { return died().has_value(); }, kWaitMs));
    QCOMPARE(died()->nodeId, kNodeId);
    QCOMPARE(died()->containerId, running.containerId);
    QCOMPARE(died()->exitCode, std::optional<int>(3));
    QVERIFY2(died()->logTail.contains(u"giving up now"_s), qPrintable(died()->logTail));
    QVERIFY2(died()->logTail.contains(u"serving for a while"_s), qPrintable(died()->logTail));
    QCOMPARE(m_agent->hostPortOf(command.deploymentId), 0);
    // Podman's file event log may hand the start over after the death when both land in one read.
    const auto started = [&] {
        const auto events = m_recorder.all<NodeContainerEvent>();
        return std::any_of(events.cbegin(), events.cend(), [&](const NodeContainerEvent& e) {
            return e.deploymentId == command.deploymentId && e.event == u"started";
        });
    };
    QVERIFY(QTest::qWaitFor(started, kWaitMs));
}

// "ports" naming a host port publishes exactly that one; an entrypoint replaces the image's; an empty healthPath
// means running is healthy. A second deployment on the same fixed port fails CONFLICT before creating anything.
void TestDeploymentAgent::fixedHostPortEntrypointNoProbe()
{
    int fixedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        fixedPort = probe.serverPort();
    }
    NodeDeployModel command = engineCommand(u"fixed"_s);
    command.containerConfig.ports = u"%1:8000"_s.arg(fixedPort);
    command.containerConfig.entrypoint = { u"/bin/sh"_s, u"-c"_s };
    command.containerConfig.command = { u"echo via entrypoint; exec /bin/engine-double"_s };
    command.containerConfig.healthPath.clear();
    m_agent->onDeployModel(command);
    QVERIFY(QTest::qWaitFor([&] { return m_recorder.ended(command.deploymentId); }, kWaitMs));
    const NodeDeploymentProgress running = m_recorder.progressOf(command.deploymentId).last();
    QVERIFY2(running.status == u"running", qPrintable(running.error));
    QCOMPARE(running.hostPort, fixedPort);
    QCOMPARE(m_agent->hostPortOf(command.deploymentId), fixedPort);
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto health = httpGet(fixedPort, u"/health"_s);
            return health && health->status == 200;
        },
        10'000));
    m_agent->onGetLogs(NodeGetLogs { u"req-fixed-logs"_s, kNodeId, command.deploymentId, 50, 0, nowMs() });
    QVERIFY(QTest::qWaitFor([&] { return !m_recorder.all<NodeLogsResponse>().isEmpty(); }, kWaitMs));
    QVERIFY2(m_recorder.all<NodeLogsResponse>().last().logs.contains(u"via entrypoint"_s),
             qPrintable(m_recorder.all<NodeLogsResponse>().last().logs));

    NodeDeployModel clash = engineCommand(u"clash"_s);
    clash.containerConfig.ports = command.containerConfig.ports;
    m_agent->onDeployModel(clash);
    QVERIFY(QTest::qWaitFor([&] { return m_recorder.ended(clash.deploymentId); }, kWaitMs));
    const NodeDeploymentProgress failed = m_recorder.progressOf(clash.deploymentId).last();
    QCOMPARE(failed.status, u"failed"_s);
    QCOMPARE(failed.errorCode, u"CONFLICT"_s);
    QVERIFY2(failed.error.contains(QString::number(fixedPort)), qPrintable(failed.error));
    QVERIFY(listLabelled(containersOfRequest(clash.requestId)).isEmpty());
    QCOMPARE(m_agent->hostPortOf(command.deploymentId), fixedPort);
}

// The event stream ends when the runtime restarts; the agent reopens it (with backoff, replaying from the last
// event) and still reports a container that dies afterwards.
void TestDeploymentAgent::eventsSurviveARuntimeRestart()
{
    NodeDeployModel command = engineCommand(u"restart"_s);
    command.containerConfig.command = {
        u"/bin/sh"_s,
        u"-c"_s,
        u"httpd -p $PORT -h /www; sleep 8; echo died after the restart >&2; exit 4"_s,
    };
    m_agent->onDeployModel(command);
    QVERIFY(QTest::qWaitFor([&] { return m_recorder.ended(command.deploymentId); }, kWaitMs));
    QVERIFY2(m_recorder.progressOf(command.deploymentId).last().status == u"running",
             qPrintable(m_recorder.progressOf(command.deploymentId).last().error));

    const QString restarted = m_podman.restartService();
    QVERIFY2(restarted.isEmpty(), qPrintable(restarted));

    const auto died = [&] {
        QList<NodeContainerEvent> out;
        for (const NodeContainerEvent& e : m_recorder.all<NodeContainerEvent>()) {
            if (e.deploymentId == command.deploymentId && e.event == u"died")
                out.append(e);
        }
        return out;
    };
    QVERIFY(QTest::qWaitFor([&] { return !died().isEmpty(); }, kWaitMs));
    QCOMPARE(died().first().exitCode, std::optional<int>(4));
    QVERIFY2(died().first().logTail.contains(u"died after the restart"_s), qPrintable(died().first().logTail));
    QCOMPARE(m_agent->hostPortOf(command.deploymentId), 0);
    // Replays after reopening do not repeat it.
    QTest::qWait(1500);
    QCOMPARE(died().size(), 1);
}

void TestDeploymentAgent::stopOfNothingIsNotFound()
{
    m_agent->onStopContainer(NodeStopContainer { u"req-stop-none"_s, kNodeId, {}, u"dep-none"_s, nowMs() });
    QCOMPARE(m_recorder.ackOf(u"req-stop-none"_s)->status, u"accepted"_s);
    QVERIFY(QTest::qWaitFor([&] { return !m_recorder.progressOf(u"dep-none"_s).isEmpty(); }, kWaitMs));
    const NodeDeploymentProgress p = m_recorder.progressOf(u"dep-none"_s).last();
    QCOMPARE(p.status, u"failed"_s);
    QCOMPARE(p.errorCode, u"NOT_FOUND"_s);
    QCOMPARE(p.requestId, u"req-stop-none"_s);

    // By container id too.
    m_agent->onStopContainer(NodeStopContainer { u"req-stop-c"_s, kNodeId, u"0123456789abcdef"_s, {}, nowMs() });
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto all = m_recorder.all<NodeDeploymentProgress>();
            return std::any_of(all.begin(), all.end(), [](const auto& q) { return q.requestId == u"req-stop-c"; });
        },
        kWaitMs));
    QCOMPARE(m_recorder.all<NodeDeploymentProgress>().last().errorCode, u"NOT_FOUND"_s);
}

void TestDeploymentAgent::logsOfUnknownIsNotFound()
{
    m_agent->onGetLogs(NodeGetLogs { u"req-logs-none"_s, kNodeId, u"dep-none"_s, 10, 0, nowMs() });
    QVERIFY(QTest::qWaitFor([&] { return !m_recorder.all<NodeLogsResponse>().isEmpty(); }, kWaitMs));
    const NodeLogsResponse response = m_recorder.all<NodeLogsResponse>().last();
    QCOMPARE(response.requestId, u"req-logs-none"_s);
    QCOMPARE(response.containerId, u"dep-none"_s);
    QCOMPARE(response.errorCode, u"NOT_FOUND"_s);
    QVERIFY(response.logs.isEmpty());
}

void TestDeploymentAgent::noRuntimeRefusesDeployments()
{
    Recorder recorder;
    DeploymentAgent::Options options;
    options.nodeId = kNodeId;
    DeploymentAgent agent(options, nullptr, nullptr, nullptr, recorder.sender());
    const QString reason = u"No container runtime found: tried /var/run/docker.sock; deployments are disabled"_s;
    agent.setUnavailable(reason);
    QVERIFY(!agent.isAvailable());
    agent.start(); // nothing to watch

    const NodeDeployModel command = engineCommand(u"noruntime"_s);
    agent.onDeployModel(command);
    const auto ack = recorder.ackOf(command.requestId);
    QVERIFY(ack.has_value());
    QCOMPARE(ack->status, u"rejected"_s);
    QCOMPARE(ack->errorCode, u"SERVICE_UNAVAILABLE"_s);
    QCOMPARE(ack->reason, reason);
    QCOMPARE(recorder.progressOf(command.deploymentId).last().errorCode, u"SERVICE_UNAVAILABLE"_s);

    // No runtime, no report: an empty list would tell the controller that every container here is gone.
    agent.onRegistered();
    QTest::qWait(50);
    QCOMPARE(recorder.all<NodeContainers>().size(), 0);

    std::optional<Result<QString>> logs;
    agent.logs(u"x"_s, 10, 0, [&logs](Result<QString> r) { logs = std::move(r); });
    QVERIFY(logs.has_value() && !logs->has_value());
    QCOMPARE(logs->error().code, ErrorCode::Unavailable);
    QCOMPARE(recorder.invalid, 0);
}

QTEST_GUILESS_MAIN(TestDeploymentAgent)
#include "TestDeploymentAgent.moc"
