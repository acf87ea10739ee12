#include "PodmanService.h"
#include "core/daemon/ContainerRuntime.h"
#include "core/daemon/PortAllocator.h"
#include "core/net/CurlClient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTcpServer>
#include <QTest>
#include <memory>

using namespace aiops;
using namespace aiops::daemon;
using aiops::testing::PodmanService;

namespace {

constexpr int kWaitMs = 30'000;
const QString kImage = QStringLiteral("localhost/aiops-test-engine:1");

// Runs one asynchronous runtime call to completion on the test's event loop.
template<typename T, typename Call> std::optional<Result<T>> await(Call&& call, int timeoutMs = kWaitMs)
{
    auto out = std::make_shared<std::optional<Result<T>>>();
    call([out](Result<T> result) { *out = std::move(result); });
    // A timeout leaves the optional empty, which every caller checks.
    static_cast<void>(QTest::qWaitFor([&out] { return out->has_value(); }, timeoutMs));
    return *out;
}

QString describe(const Error& error)
{
    return error.codeName() + QStringLiteral(": ") + error.message;
}

// For QVERIFY2 messages, which are built whether or not the check fails.
template<typename T> QString why(const Result<T>& result)
{
    return result ? QString() : describe(result.error());
}

template<typename T> QString why(const std::optional<Result<T>>& result)
{
    return result ? why(*result) : QStringLiteral("timed out");
}

QByteArray frame(int stream, const QByteArray& payload)
{
    QByteArray bytes(8, '\0');
    bytes[0] = char(stream);
    const quint32 size = quint32(payload.size());
    bytes[4] = char(size >> 24);
    bytes[5] = char(size >> 16);
    bytes[6] = char(size >> 8);
    bytes[7] = char(size);
    return bytes + payload;
}

// A one-shot stand-in for an engine newer than our API: answers /version on a unix socket and records the
// request lines it gets.
class NewerEngineDouble
{
public:
    explicit NewerEngineDouble(const QString& path)
    {
        QLocalServer::removeServer(path);
        m_server.listen(path);
        QObject::connect(&m_server, &QLocalServer::newConnection, &m_server, [this] {
            while (QLocalSocket* socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QLocalSocket::readyRead, socket, [this, socket] {
                    m_buffer += socket->readAll();
                    if (!m_buffer.contains("\r\n\r\n")) {
                        return;
                    }
                    requestLines << m_buffer.left(m_buffer.indexOf("\r\n"));
                    m_buffer.clear();
                    const QByteArray body = requestLines.last().startsWith("GET /version ")
                        ? QByteArrayLiteral(R"({"Version":"99.0","ApiVersion":"1.47","MinAPIVersion":"1.24"})")
                        : QByteArrayLiteral("[]");
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromServer();
                });
            }
        });
    }
    bool isListening() const { return m_server.isListening(); }
    QList<QByteArray> requestLines;

private:
    QLocalServer m_server;
    QByteArray m_buffer;
};

// Closes a stream when a test returns early, so that its callbacks never outlive the test's locals.
struct StreamGuard
{
    ContainerRuntime* runtime;
    ContainerRuntime::StreamId stream;
    ~StreamGuard() { runtime->stopStream(stream); }
};

} // namespace

class TestContainerRuntime final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    // Without an engine
    void autodetectFindsNothing();
    void autodetectFindsSocket();
    void missingRuntimeIsTypedError();
    void negotiatesDownToOurMaximum();
    void engineErrorMapping_data();
    void engineErrorMapping();
    void createBodyMapsSpec();
    void splitImageReference_data();
    void splitImageReference();
    void demuxesSplitFrames();
    void parsesPodmanAndDockerEvents();
    void portAllocatorSkipsUsedPorts();

    // Against the Podman service
    void connectNegotiatesVersion();
    void imageExists();
    void pullMissingImageFails();
    void createWithMissingImageIsNotFound();
    void containerLifecycle();
    void exitCodeArrivesAsDieEvent();

private:
    Result<QString> createContainer(const ContainerSpec& spec);
    void removeQuietly(const QString& id);

    PodmanService m_podman;
    std::unique_ptr<net::CurlClient> m_curl;
    std::unique_ptr<ContainerRuntime> m_runtime;
    QStringList m_created; // removed in cleanup() whatever the test's outcome
};

void TestContainerRuntime::initTestCase()
{
    const QString started = m_podman.start();
    // A missing podman is a failure, never a skip: CI installs it (scripts/install-deps --test).
    QVERIFY2(started.isEmpty(), qPrintable(started));

    // The image: a busybox rootfs whose /bin/engine-double is the stand-in for an inference server (busybox
    // httpd serving /health), plus a few lines on stdout and stderr for the log tests.
    const QString busybox = QStringLiteral("/bin/busybox");
    QVERIFY2(QFileInfo::exists(busybox), "busybox-static is not installed (/bin/busybox)");
    const QString rootfs = m_podman.dir() + QStringLiteral("/rootfs");
    QVERIFY(QDir().mkpath(rootfs + QStringLiteral("/bin")));
    QVERIFY(QDir().mkpath(rootfs + QStringLiteral("/www")));
    QVERIFY(QDir().mkpath(rootfs + QStringLiteral("/tmp")));
    QVERIFY(QFile::copy(busybox, rootfs + QStringLiteral("/bin/busybox")));
    for (const char* applet : { "sh", "httpd", "sleep", "echo", "cat" }) {
        QVERIFY(QFile::link(QStringLiteral("busybox"), rootfs + QStringLiteral("/bin/") + QString::fromLatin1(applet)));
    }
    QFile health(rootfs + QStringLiteral("/www/health"));
    QVERIFY(health.open(QIODevice::WriteOnly));
    health.write("ok\n");
    health.close();
    QFile script(rootfs + QStringLiteral("/bin/engine-double"));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\n"
                 "echo \"engine double listening on $PORT greeting=$GREETING\"\n"
                 "echo \"engine double stderr line\" >&2\n"
                 "exec httpd -f -p \"$PORT\" -h /www\n");
    script.close();
    QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                  | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));

    const QString tarball = m_podman.dir() + QStringLiteral("/rootfs.tar");
    QProcess tar;
    tar.start(QStringLiteral("tar"),
              { QStringLiteral("-C"), rootfs, QStringLiteral("-cf"), tarball, QStringLiteral(".") });
    QVERIFY(tar.waitForFinished(30'000));
    QCOMPARE(tar.exitCode(), 0);
    QString output;
    QVERIFY2(m_podman.podman({ QStringLiteral("import"), tarball, kImage }, &output) == 0, qPrintable(output));

    m_curl = std::make_unique<net::CurlClient>();
    m_curl->setMaxConcurrentTransfers(16);
    m_runtime = std::make_unique<ContainerRuntime>(m_podman.socketPath(), m_curl.get());
    const auto info = await<RuntimeInfo>([this](auto done) { m_runtime->connectToEngine(std::move(done)); });
    QVERIFY(info.has_value());
    QVERIFY2(info->has_value(), qPrintable(why(info)));
}

void TestContainerRuntime::cleanupTestCase()
{
    m_runtime.reset();
    m_curl.reset();
    m_podman.stop();
}

void TestContainerRuntime::cleanup()
{
    for (const QString& id : std::as_const(m_created)) {
        removeQuietly(id);
    }
    m_created.clear();
}

Result<QString> TestContainerRuntime::createContainer(const ContainerSpec& spec)
{
    const auto id = await<QString>([this, &spec](auto done) { m_runtime->createContainer(spec, std::move(done)); });
    if (!id) {
        return makeError(ErrorCode::Internal, QStringLiteral("create timed out"));
    }
    if (id->has_value()) {
        m_created << **id;
    }
    return *id;
}

void TestContainerRuntime::removeQuietly(const QString& id)
{
    if (m_runtime) {
        await<void>([this, &id](auto done) { m_runtime->removeContainer(id, true, std::move(done)); });
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Without an engine

void TestContainerRuntime::autodetectFindsNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString regularFile = dir.filePath(QStringLiteral("docker.sock"));
    QFile file(regularFile);
    QVERIFY(file.open(QIODevice::WriteOnly)); // a plain file where a socket should be is no runtime
    file.close();
    const QStringList candidates { dir.filePath(QStringLiteral("missing/docker.sock")),
                                   regularFile,
                                   dir.filePath(QStringLiteral("podman/podman.sock")) };
    QCOMPARE(ContainerRuntime::autodetectSocket(candidates), std::nullopt);
}

void TestContainerRuntime::autodetectFindsSocket()
{
    const QStringList candidates { m_podman.dir() + QStringLiteral("/missing.sock"), m_podman.socketPath() };
    QCOMPARE(ContainerRuntime::autodetectSocket(candidates), std::optional<QString>(m_podman.socketPath()));

    // The default list follows $XDG_RUNTIME_DIR for rootless Podman.
    const QByteArray saved = qgetenv("XDG_RUNTIME_DIR");
    qputenv("XDG_RUNTIME_DIR", "/run/user/4242");
    const QStringList defaults = ContainerRuntime::defaultSocketCandidates();
    qputenv("XDG_RUNTIME_DIR", saved);
    QCOMPARE(defaults,
             QStringList({ QStringLiteral("/var/run/docker.sock"),
                           QStringLiteral("/run/user/4242/podman/podman.sock"),
                           QStringLiteral("/run/podman/podman.sock") }));
}

void TestContainerRuntime::missingRuntimeIsTypedError()
{
    QTemporaryDir dir;
    const QStringList candidates { dir.filePath(QStringLiteral("a.sock")), dir.filePath(QStringLiteral("b.sock")) };
    const Result<QString> resolved = ContainerRuntime::resolveSocket({}, candidates);
    QVERIFY(!resolved);
    QCOMPARE(resolved.error().code, ErrorCode::Unavailable);
    QVERIFY2(resolved.error().message.startsWith(QStringLiteral("No container runtime found: tried ")),
             qPrintable(resolved.error().message));
    QVERIFY(resolved.error().message.contains(candidates[0]));
    QVERIFY(resolved.error().message.contains(candidates[1]));
    QVERIFY(resolved.error().message.contains(QStringLiteral("podman system service")));

    // A configured path that is not there, and a call through it.
    QCOMPARE(ContainerRuntime::resolveSocket(candidates[0], {}).error().code, ErrorCode::Unavailable);
    QCOMPARE(ContainerRuntime::resolveSocket(m_podman.socketPath(), candidates).value(), m_podman.socketPath());
    ContainerRuntime runtime(candidates[0], m_curl.get());
    const auto info = await<RuntimeInfo>([&runtime](auto done) { runtime.connectToEngine(std::move(done)); });
    QVERIFY(info.has_value());
    QVERIFY(!info->has_value());
    QCOMPARE(info->error().code, ErrorCode::Unavailable);
    QVERIFY2(info->error().message.contains(candidates[0]), qPrintable(info->error().message));
}

void TestContainerRuntime::negotiatesDownToOurMaximum()
{
    const QString path = m_podman.dir() + QStringLiteral("/newer.sock");
    NewerEngineDouble engine(path);
    QVERIFY(engine.isListening());
    ContainerRuntime runtime(path, m_curl.get());
    const auto info = await<RuntimeInfo>([&runtime](auto done) { runtime.connectToEngine(std::move(done)); });
    QVERIFY(info && info->has_value());
    QCOMPARE((*info)->serverApiVersion, QStringLiteral("1.47"));
    QCOMPARE((*info)->apiVersion, QStringLiteral("1.43"));
    QCOMPARE((*info)->name, QStringLiteral("Docker"));
    const auto listed
        = await<QList<ContainerSummary>>([&runtime](auto done) { runtime.listContainers({}, std::move(done)); });
    QVERIFY(listed && listed->has_value());
    QCOMPARE(engine.requestLines.size(), 2);
    QVERIFY2(engine.requestLines[1].startsWith("GET /v1.43/containers/json?all=1 "),
             engine.requestLines[1].constData());
}

void TestContainerRuntime::engineErrorMapping_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("404") << 404 << QByteArray(R"({"cause":"x","message":"no such container: abc","response":404})")
                         << ErrorCode::NotFound << QStringLiteral("op: no such container: abc");
    QTest::newRow("409") << 409 << QByteArray(R"({"message":"container is running"})") << ErrorCode::Conflict
                         << QStringLiteral("op: container is running");
    QTest::newRow("500") << 500 << QByteArray(R"({"message":"runc failed"})") << ErrorCode::Unavailable
                         << QStringLiteral("op: runc failed");
    QTest::newRow("podman 500 state")
        << 500
        << QByteArray(
               R"({"cause":"container state improper","message":"cannot remove container x as it is running: container state improper","response":500})")
        << ErrorCode::Conflict
        << QStringLiteral("op: cannot remove container x as it is running: container state improper");
    QTest::newRow("400 text") << 400 << QByteArray("bad parameter\n") << ErrorCode::BadRequest
                              << QStringLiteral("op: bad parameter");
    QTest::newRow("empty") << 503 << QByteArray() << ErrorCode::Unavailable << QStringLiteral("op: HTTP 503");
}

void TestContainerRuntime::engineErrorMapping()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(ErrorCode, code);
    QFETCH(QString, message);
    const Error error = ContainerRuntime::engineError(status, body, QStringLiteral("op"));
    QCOMPARE(error.code, code);
    QCOMPARE(error.message, message);
}

void TestContainerRuntime::createBodyMapsSpec()
{
    ContainerSpec spec;
    spec.name = QStringLiteral("m");
    spec.image = QStringLiteral("vllm/vllm-openai:v0.6.0");
    spec.entrypoint = { QStringLiteral("vllm"), QStringLiteral("serve") };
    spec.cmd = { QStringLiteral("/models/x") };
    spec.env = { { QStringLiteral("A"), QStringLiteral("1") } };
    spec.labels = { { QStringLiteral("aiops.deployment"), QStringLiteral("d1") } };
    spec.gpuDeviceIds = { QStringLiteral("0"), QStringLiteral("2") };
    spec.amdGpu = true;
    spec.memoryLimitBytes = 8LL << 30;
    spec.shmSizeBytes = 1LL << 30;
    spec.ipcMode = QStringLiteral("host");
    spec.containerPort = 8000;
    spec.hostPort = 20001;
    spec.binds = { QStringLiteral("/cache/m:/models/x:ro") };
    spec.networkMode = QStringLiteral("host");

    const QJsonObject body = QJsonDocument::fromJson(ContainerRuntime::createBody(spec)).object();
    QCOMPARE(body.value(QStringLiteral("Image")).toString(), spec.image);
    QCOMPARE(body.value(QStringLiteral("Entrypoint")).toArray(),
             QJsonArray({ QStringLiteral("vllm"), QStringLiteral("serve") }));
    QCOMPARE(body.value(QStringLiteral("Cmd")).toArray(), QJsonArray({ QStringLiteral("/models/x") }));
    QCOMPARE(body.value(QStringLiteral("Env")).toArray(), QJsonArray({ QStringLiteral("A=1") }));
    const QJsonObject labels = body.value(QStringLiteral("Labels")).toObject();
    QCOMPARE(labels.value(QStringLiteral("aiops.managed")).toString(), QStringLiteral("true"));
    QCOMPARE(labels.value(QStringLiteral("aiops.deployment")).toString(), QStringLiteral("d1"));
    QVERIFY(body.value(QStringLiteral("ExposedPorts")).toObject().contains(QStringLiteral("8000/tcp")));

    const QJsonObject host = body.value(QStringLiteral("HostConfig")).toObject();
    const QJsonObject binding = host.value(QStringLiteral("PortBindings"))
                                    .toObject()
                                    .value(QStringLiteral("8000/tcp"))
                                    .toArray()
                                    .at(0)
                                    .toObject();
    QCOMPARE(binding.value(QStringLiteral("HostIp")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(binding.value(QStringLiteral("HostPort")).toString(), QStringLiteral("20001"));
    QCOMPARE(host.value(QStringLiteral("Memory")).toInteger(), 8LL << 30);
    QCOMPARE(host.value(QStringLiteral("ShmSize")).toInteger(), 1LL << 30);
    QCOMPARE(host.value(QStringLiteral("IpcMode")).toString(), QStringLiteral("host"));
    QCOMPARE(host.value(QStringLiteral("NetworkMode")).toString(), QStringLiteral("host"));
    QCOMPARE(host.value(QStringLiteral("Binds")).toArray(), QJsonArray({ QStringLiteral("/cache/m:/models/x:ro") }));
    const QJsonObject request = host.value(QStringLiteral("DeviceRequests")).toArray().at(0).toObject();
    QCOMPARE(request.value(QStringLiteral("Driver")).toString(), QStringLiteral("nvidia"));
    QCOMPARE(request.value(QStringLiteral("DeviceIDs")).toArray(),
             QJsonArray({ QStringLiteral("0"), QStringLiteral("2") }));
    QCOMPARE(request.value(QStringLiteral("Capabilities")).toArray(),
             QJsonArray({ QJsonArray({ QStringLiteral("gpu") }) }));
    QVERIFY(!request.contains(QStringLiteral("Count"))); // exclusive with DeviceIDs
    const QJsonArray devices = host.value(QStringLiteral("Devices")).toArray();
    QCOMPARE(devices.size(), 2);
    QCOMPARE(devices.at(0).toObject().value(QStringLiteral("PathOnHost")).toString(), QStringLiteral("/dev/kfd"));
    QCOMPARE(devices.at(1).toObject().value(QStringLiteral("PathInContainer")).toString(), QStringLiteral("/dev/dri"));

    // A minimal spec sends no GPU, limit or port keys at all.
    ContainerSpec minimal;
    minimal.image = QStringLiteral("busybox");
    const QJsonObject minimalBody = QJsonDocument::fromJson(ContainerRuntime::createBody(minimal)).object();
    QCOMPARE(minimalBody.value(QStringLiteral("HostConfig")).toObject(), QJsonObject());
    QVERIFY(!minimalBody.contains(QStringLiteral("ExposedPorts")));
    QCOMPARE(minimalBody.value(QStringLiteral("Labels")).toObject().size(), 1);
}

void TestContainerRuntime::splitImageReference_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("fromImage");
    QTest::addColumn<QString>("tag");
    QTest::newRow("tag") << QStringLiteral("nvcr.io/nvidia/tritonserver:24.05-py3")
                         << QStringLiteral("nvcr.io/nvidia/tritonserver") << QStringLiteral("24.05-py3");
    QTest::newRow("registry port, no tag") << QStringLiteral("localhost:5000/engine")
                                           << QStringLiteral("localhost:5000/engine") << QStringLiteral("latest");
    QTest::newRow("digest") << QStringLiteral("busybox@sha256:abc") << QStringLiteral("busybox")
                            << QStringLiteral("sha256:abc");
}

void TestContainerRuntime::splitImageReference()
{
    QFETCH(QString, image);
    QFETCH(QString, fromImage);
    QFETCH(QString, tag);
    const auto [repository, reference] = ContainerRuntime::splitImageReference(image);
    QCOMPARE(repository, fromImage);
    QCOMPARE(reference, tag);
}

void TestContainerRuntime::demuxesSplitFrames()
{
    const QByteArray stream
        = frame(1, "out one\n") + frame(2, "err one\n") + frame(1, QByteArray()) + frame(1, "out two\n");
    // Every split point, so that headers and payloads arrive cut in two.
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        LogDemuxer demuxer(true);
        QByteArray out;
        QByteArray err;
        const auto collect = [&out, &err](LogStream which, const QByteArray& payload) {
            (which == LogStream::Stderr ? err : out) += payload;
        };
        demuxer.feed(stream.left(cut), collect);
        demuxer.feed(stream.mid(cut), collect);
        QCOMPARE(out, QByteArray("out one\nout two\n"));
        QCOMPARE(err, QByteArray("err one\n"));
        QCOMPARE(demuxer.pendingBytes(), 0);
    }
    LogDemuxer tty(false);
    QByteArray raw;
    tty.feed("\x01raw tty text", [&raw](LogStream which, const QByteArray& payload) {
        QCOMPARE(which, LogStream::Stdout);
        raw += payload;
    });
    QCOMPARE(raw, QByteArray("\x01raw tty text"));
}

void TestContainerRuntime::parsesPodmanAndDockerEvents()
{
    ContainerEvent event;
    QVERIFY(ContainerRuntime::parseEvent(
        R"({"status":"died","id":"abc","Type":"container","Action":"die","Actor":{"ID":"abc","Attributes":{"containerExitCode":"3","image":"i","name":"n","aiops.managed":"true"}},"timeNano":5})",
        &event));
    QCOMPARE(event.id, QStringLiteral("abc"));
    QCOMPARE(event.action, QStringLiteral("die"));
    QCOMPARE(event.exitCode, std::optional<int>(3));
    QCOMPARE(event.name, QStringLiteral("n"));
    QCOMPARE(event.labels, (QMap<QString, QString> { { QStringLiteral("aiops.managed"), QStringLiteral("true") } }));
    QCOMPARE(event.timeNano, 5);

    QVERIFY(ContainerRuntime::parseEvent(
        R"({"Type":"container","Action":"health_status: unhealthy","Actor":{"ID":"def","Attributes":{"name":"m"}}})",
        &event));
    QCOMPARE(event.action, QStringLiteral("health_status"));
    QCOMPARE(event.health, QStringLiteral("unhealthy"));
    QCOMPARE(event.exitCode, std::nullopt);

    QVERIFY(ContainerRuntime::parseEvent(R"({"Type":"container","Action":"remove","Actor":{"ID":"x"}})", &event));
    QCOMPARE(event.action, QStringLiteral("destroy"));
    QVERIFY(!ContainerRuntime::parseEvent(R"({"Type":"image","Action":"pull","Actor":{"ID":"x"}})", &event));
    QVERIFY(!ContainerRuntime::parseEvent("not json", &event));
}

void TestContainerRuntime::portAllocatorSkipsUsedPorts()
{
    // Three consecutive ports that are free now; one is then listened on, one "published" by a container.
    QList<std::unique_ptr<QTcpServer>> probes;
    int first = 0;
    for (int candidate = 21000; candidate < 21900 && first == 0; candidate += 3) {
        if (PortAllocator::isFreeOnLoopback(candidate) && PortAllocator::isFreeOnLoopback(candidate + 1)
            && PortAllocator::isFreeOnLoopback(candidate + 2)) {
            first = candidate;
        }
    }
    QVERIFY(first > 0);
    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, quint16(first)));
    ContainerSummary container;
    container.hostPorts = { first + 1 };

    PortAllocator allocator(first, first + 2);
    const Result<int> port = allocator.allocate(QList<ContainerSummary> { container });
    QCOMPARE(port.value(), first + 2);
    QVERIFY(allocator.isHeld(first + 2));
    const Result<int> none = allocator.allocate(QList<ContainerSummary> { container });
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::Unavailable);
    allocator.release(first + 2);
    QCOMPARE(allocator.allocate(QList<ContainerSummary> { container }).value(), first + 2);
}

// ---------------------------------------------------------------------------------------------------------------
// Against the Podman service

void TestContainerRuntime::connectNegotiatesVersion()
{
    const std::optional<RuntimeInfo> info = m_runtime->info();
    QVERIFY(info.has_value());
    QCOMPARE(info->name, QStringLiteral("Podman"));
    QVERIFY(!info->version.isEmpty());
    // Podman 4.x speaks 1.41 (below our 1.43): we use the server's version as is.
    const QStringList server = info->serverApiVersion.split(QLatin1Char('.'));
    QCOMPARE(server.size(), 2);
    const bool serverIsOlder = server[0].toInt() == 1 && server[1].toInt() <= ContainerRuntime::kMaxApiMinor;
    QCOMPARE(info->apiVersion, serverIsOlder ? info->serverApiVersion : QStringLiteral("1.43"));
    qInfo("engine: %s %s, API %s", qPrintable(info->name), qPrintable(info->version), qPrintable(info->apiVersion));
}

void TestContainerRuntime::imageExists()
{
    const auto present = await<bool>([this](auto done) { m_runtime->imageExists(kImage, std::move(done)); });
    QVERIFY(present && present->has_value());
    QCOMPARE(**present, true);
    const auto absent = await<bool>(
        [this](auto done) { m_runtime->imageExists(QStringLiteral("localhost/does-not-exist:1"), std::move(done)); });
    QVERIFY(absent && absent->has_value());
    QCOMPARE(**absent, false);
}

void TestContainerRuntime::pullMissingImageFails()
{
    // No registry is reachable from here: the engine reports the failure inside its 200 stream.
    QStringList statuses;
    const auto pulled = await<void>([this, &statuses](auto done) {
        m_runtime->pullImage(
            QStringLiteral("localhost/does-not-exist:1"),
            [&statuses](const QString& status, qint64, qint64) { statuses << status; },
            std::move(done));
    });
    QVERIFY(pulled.has_value());
    QVERIFY(!pulled->has_value());
    const Error& error = pulled->error();
    QVERIFY2(error.code == ErrorCode::NotFound || error.code == ErrorCode::Unavailable
                 || error.code == ErrorCode::Forbidden,
             qPrintable(describe(error)));
    QVERIFY2(error.message.startsWith(QStringLiteral("Pulling localhost/does-not-exist:1 failed: ")),
             qPrintable(error.message));
    QVERIFY2(error.message.size() > 45, qPrintable(error.message)); // the engine's reason follows
    qInfo("pull error: %s", qPrintable(describe(error)));
}

void TestContainerRuntime::createWithMissingImageIsNotFound()
{
    ContainerSpec spec;
    spec.image = QStringLiteral("localhost/does-not-exist:1");
    const Result<QString> id = createContainer(spec);
    QVERIFY(!id);
    QCOMPARE(id.error().code, ErrorCode::NotFound);
    QVERIFY2(id.error().message.contains(QStringLiteral("no such image"), Qt::CaseInsensitive),
             qPrintable(id.error().message));
}

void TestContainerRuntime::containerLifecycle()
{
    const QString deployment = QStringLiteral("dep-%1").arg(QCoreApplication::applicationPid());
    const QString deploymentLabel = QStringLiteral("aiops.deployment=") + deployment;
    const auto before = await<QList<ContainerSummary>>(
        [this](auto done) { m_runtime->listContainers({ QStringLiteral("aiops.managed=true") }, std::move(done)); });
    QVERIFY(before && before->has_value());
    PortAllocator ports(20000, 20999);
    const Result<int> hostPort = ports.allocate(**before);
    QVERIFY2(hostPort.has_value(), qPrintable(why(hostPort)));

    ContainerSpec spec;
    spec.name = QStringLiteral("aiops-test-") + deployment;
    spec.image = kImage;
    spec.cmd = { QStringLiteral("/bin/engine-double") };
    spec.env = { { QStringLiteral("PORT"), QStringLiteral("8000") },
                 { QStringLiteral("GREETING"), QStringLiteral("hello") } };
    spec.labels = { { QStringLiteral("aiops.deployment"), deployment } };
    spec.containerPort = 8000;
    spec.hostPort = *hostPort;
    spec.memoryLimitBytes = 256LL << 20;
    const Result<QString> id = createContainer(spec);
    QVERIFY2(id.has_value(), qPrintable(why(id)));
    ports.release(*hostPort); // the listing covers it from now on

    auto started = await<void>([this, &id](auto done) { m_runtime->startContainer(*id, std::move(done)); });
    QVERIFY(started.has_value());
    QVERIFY2(started->has_value(), qPrintable(why(started)));
    started = await<void>([this, &id](auto done) { m_runtime->startContainer(*id, std::move(done)); });
    QVERIFY2(started && started->has_value(), "starting a running container again is success (304)");

    // The engine double answers on the published port, on the loopback only.
    QByteArray body;
    const bool answered = QTest::qWaitFor(
        [&] {
            const auto response = await<net::Response>([this, &hostPort](auto done) {
                net::Transfer* transfer
                    = m_curl->get(QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(*hostPort)));
                QObject::connect(
                    transfer, &net::Transfer::finished, transfer, [done](const Result<net::Response>& r) { done(r); });
            });
            if (response && response->has_value() && (*response)->status == 200) {
                body = (*response)->body;
                return true;
            }
            QTest::qWait(100);
            return false;
        },
        kWaitMs);
    QVERIFY(answered);
    QCOMPARE(body, QByteArray("ok\n"));

    const auto state
        = await<ContainerState>([this, &id](auto done) { m_runtime->inspectContainer(*id, std::move(done)); });
    QVERIFY(state && state->has_value());
    QCOMPARE((*state)->id, *id);
    QCOMPARE((*state)->name, spec.name);
    QVERIFY((*state)->running);
    QCOMPARE((*state)->hostPort, *hostPort);
    QCOMPARE((*state)->labels.value(QStringLiteral("aiops.managed")), QStringLiteral("true"));
    QCOMPARE((*state)->labels.value(QStringLiteral("aiops.deployment")), deployment);

    // Logs: both streams, demultiplexed (no frame header bytes in the text).
    // conmon writes the log file on its own schedule: poll until both lines are there.
    QString text;
    std::optional<Result<QString>> logs;
    const bool logged = QTest::qWaitFor(
        [&] {
            logs = await<QString>([this, &id](auto done) { m_runtime->logs(*id, -1, 0, std::move(done)); });
            if (!logs || !logs->has_value()) {
                return true; // reported below
            }
            text = **logs;
            return text.count(QLatin1Char('\n')) >= 2;
        },
        kWaitMs);
    QVERIFY2(logged && logs && logs->has_value(), qPrintable(why(logs)));
    QVERIFY2(text.contains(QStringLiteral("engine double listening on 8000 greeting=hello\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("engine double stderr line\n")), qPrintable(text));
    QVERIFY2(!text.contains(QChar(0)) && !text.contains(QChar(1)) && !text.contains(QChar(2)), qPrintable(text));
    const auto lastLine = await<QString>([this, &id](auto done) { m_runtime->logs(*id, 1, 3600, std::move(done)); });
    QVERIFY(lastLine && lastLine->has_value());
    QCOMPARE((*lastLine)->count(QLatin1Char('\n')), 1);

    // Following: each line arrives with the stream it was written to.
    QList<std::pair<LogStream, QString>> followed;
    std::optional<Error> followEnded;
    const ContainerRuntime::StreamId follow = m_runtime->followLogs(
        *id,
        -1,
        [&followed](LogStream stream, const QString& line) {
            followed.append({ stream, line });
        },
        [&followEnded](const Error& error) { followEnded = error; });
    QTRY_COMPARE_WITH_TIMEOUT(followed.size(), 2, kWaitMs);
    QVERIFY(followed.contains({ LogStream::Stdout, QStringLiteral("engine double listening on 8000 greeting=hello") }));
    QVERIFY(followed.contains({ LogStream::Stderr, QStringLiteral("engine double stderr line") }));
    QVERIFY(m_runtime->isStreamOpen(follow));
    const StreamGuard followGuard { m_runtime.get(), follow };

    const auto listed = await<QList<ContainerSummary>>([this, &deploymentLabel](auto done) {
        m_runtime->listContainers({ QStringLiteral("aiops.managed=true"), deploymentLabel }, std::move(done));
    });
    QVERIFY(listed && listed->has_value());
    QCOMPARE((*listed)->size(), 1);
    const ContainerSummary& summary = (*listed)->first();
    QCOMPARE(summary.id, *id);
    QCOMPARE(summary.name, spec.name);
    QCOMPARE(summary.state, QStringLiteral("running"));
    QCOMPARE(summary.hostPorts, QList<int> { *hostPort });
    QCOMPARE(summary.labels.value(QStringLiteral("aiops.deployment")), deployment);

    // A port listed for a container is never handed out again.
    PortAllocator single(*hostPort, *hostPort);
    QVERIFY(!single.allocate(**listed));

    // Removing a running container needs force.
    const auto refused
        = await<void>([this, &id](auto done) { m_runtime->removeContainer(*id, false, std::move(done)); });
    QVERIFY(refused && !refused->has_value());
    QCOMPARE(refused->error().code, ErrorCode::Conflict);
    QVERIFY(!refused->error().message.isEmpty());

    // httpd as PID 1 ignores SIGTERM: the engine kills it after the grace period.
    const auto stopped = await<void>([this, &id](auto done) { m_runtime->stopContainer(*id, 1, std::move(done)); });
    QVERIFY(stopped.has_value());
    QVERIFY2(stopped->has_value(), qPrintable(why(stopped)));
    const auto afterStop
        = await<ContainerState>([this, &id](auto done) { m_runtime->inspectContainer(*id, std::move(done)); });
    QVERIFY(afterStop && afterStop->has_value());
    QVERIFY(!(*afterStop)->running);
    QCOMPARE((*afterStop)->status, QStringLiteral("exited"));
    QVERIFY2((*afterStop)->exitCode == 137 || (*afterStop)->exitCode == 143,
             qPrintable(QString::number((*afterStop)->exitCode)));
    QVERIFY(!(*afterStop)->oomKilled);
    QTRY_VERIFY_WITH_TIMEOUT(followEnded.has_value(), kWaitMs); // the follow stream ends with the container
    QVERIFY(!m_runtime->isStreamOpen(follow));

    const auto removed
        = await<void>([this, &id](auto done) { m_runtime->removeContainer(*id, false, std::move(done)); });
    QVERIFY(removed && removed->has_value());
    m_created.removeAll(*id);
    const auto gone
        = await<ContainerState>([this, &id](auto done) { m_runtime->inspectContainer(*id, std::move(done)); });
    QVERIFY(gone && !gone->has_value());
    QCOMPARE(gone->error().code, ErrorCode::NotFound);
    const auto empty = await<QList<ContainerSummary>>(
        [this, &deploymentLabel](auto done) { m_runtime->listContainers({ deploymentLabel }, std::move(done)); });
    QVERIFY(empty && empty->has_value());
    QVERIFY((*empty)->isEmpty());
}

void TestContainerRuntime::exitCodeArrivesAsDieEvent()
{
    QList<ContainerEvent> events;
    std::optional<Error> ended;
    // Replays from a second ago, so that events before the stream is up are not lost.
    const ContainerRuntime::StreamId watch
        = m_runtime->watchEvents([&events](const ContainerEvent& event) { events << event; },
                                 [&ended](const Error& error) { ended = error; },
                                 QDateTime::currentSecsSinceEpoch() - 1);
    QVERIFY(m_runtime->isStreamOpen(watch));
    const StreamGuard watchGuard { m_runtime.get(), watch };

    ContainerSpec spec;
    spec.image = kImage;
    spec.cmd = { QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("echo bye; exit 3") };
    spec.labels = { { QStringLiteral("aiops.deployment"), QStringLiteral("exits") } };
    const Result<QString> id = createContainer(spec);
    QVERIFY2(id.has_value(), qPrintable(why(id)));

    // An unmanaged container's events never reach the watcher (the engine filters by label).
    QString output;
    QVERIFY2(m_podman.podman({ QStringLiteral("run"),
                               QStringLiteral("--rm"),
                               kImage,
                               QStringLiteral("/bin/sh"),
                               QStringLiteral("-c"),
                               QStringLiteral("exit 0") },
                             &output)
                 == 0,
             qPrintable(output));

    const auto started = await<void>([this, &id](auto done) { m_runtime->startContainer(*id, std::move(done)); });
    QVERIFY(started && started->has_value());

    const auto findEvent = [&events, &id](const QString& action) -> std::optional<ContainerEvent> {
        for (const ContainerEvent& event : events) {
            if (event.id == *id && event.action == action) {
                return event;
            }
        }
        return std::nullopt;
    };
    QTRY_VERIFY_WITH_TIMEOUT(findEvent(QStringLiteral("die")).has_value(), kWaitMs);
    const ContainerEvent die = *findEvent(QStringLiteral("die"));
    QCOMPARE(die.exitCode, std::optional<int>(3));
    QCOMPARE(die.labels.value(QStringLiteral("aiops.managed")), QStringLiteral("true"));
    QCOMPARE(die.labels.value(QStringLiteral("aiops.deployment")), QStringLiteral("exits"));
    QVERIFY(findEvent(QStringLiteral("start")).has_value());
    for (const ContainerEvent& event : std::as_const(events)) {
        QCOMPARE(event.labels.value(QStringLiteral("aiops.managed")), QStringLiteral("true"));
    }

    const auto state
        = await<ContainerState>([this, &id](auto done) { m_runtime->inspectContainer(*id, std::move(done)); });
    QVERIFY(state && state->has_value());
    QVERIFY(!(*state)->running);
    QCOMPARE((*state)->exitCode, 3);

    const auto removed
        = await<void>([this, &id](auto done) { m_runtime->removeContainer(*id, false, std::move(done)); });
    QVERIFY(removed && removed->has_value());
    m_created.removeAll(*id);
    QTRY_VERIFY_WITH_TIMEOUT(findEvent(QStringLiteral("destroy")).has_value(), kWaitMs);

    m_runtime->stopStream(watch);
    QVERIFY(!m_runtime->isStreamOpen(watch));
    const qsizetype seen = events.size();
    QTest::qWait(200);
    QCOMPARE(events.size(), seen);
    QVERIFY(!ended.has_value()); // stopping is not an ending
}

QTEST_GUILESS_MAIN(TestContainerRuntime)
#include "TestContainerRuntime.moc"
