#include "core/daemon/NodeClient.h"
#include "core/protocol/Codec.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace aiops;
using namespace aiops::daemon;
using namespace std::chrono_literals;

namespace {

class OneGpuProbe final : public GpuProbe
{
public:
    Result<QList<GpuReading>> read() override
    {
        GpuReading gpu;
        gpu.deviceId = QStringLiteral("0");
        gpu.name = QStringLiteral("NVIDIA A100-SXM4-80GB");
        gpu.uuid = QStringLiteral("GPU-1");
        gpu.vendor = QStringLiteral("nvidia");
        gpu.memoryTotalMb = 81920;
        gpu.memoryFreeMb = 76800;
        gpu.utilization = 37;
        gpu.temperature = 45;
        gpu.powerW = 123.5;
        GpuReading unknownSize; // a GPU whose driver reports no memory size is not registered
        unknownSize.deviceId = QStringLiteral("1");
        unknownSize.vendor = QStringLiteral("nvidia");
        return QList<GpuReading> { gpu, unknownSize };
    }
    QString name() const override { return QStringLiteral("scripted"); }
};

// The controller side of /ws/node, recording what each connection presented and sent.
class FakeController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeController)

public:
    FakeController()
        : m_server(QStringLiteral("fake-controller"), QWebSocketServer::NonSecureMode)
    {
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket* socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                m_peer = socket;
                m_authorizations.append(socket->request().rawHeader("Authorization"));
                connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
                    m_frames.append(text.toUtf8());
                    Q_EMIT frameReceived();
                });
                Q_EMIT connected();
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/node").arg(m_server.serverPort())); }
    void dropConnection()
    {
        if (m_peer)
            m_peer->abort();
    }
    void send(const QByteArray& frame)
    {
        if (m_peer)
            m_peer->sendTextMessage(QString::fromUtf8(frame));
    }
    void close() { m_server.close(); }

    // Waits until a frame of the given type arrives and returns it (frames before it are kept).
    QJsonObject waitFor(const char* type, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            while (m_next < m_frames.size()) {
                const QJsonObject o = QJsonDocument::fromJson(m_frames.at(m_next++)).object();
                if (o.value(QStringLiteral("type")).toString() == QLatin1StringView(type))
                    return o;
            }
            QSignalSpy spy(this, &FakeController::frameReceived);
            spy.wait(50);
        }
        return {};
    }

    QList<QByteArray> frames() const { return m_frames; }
    QList<QByteArray> authorizations() const { return m_authorizations; }

Q_SIGNALS:
    void connected();
    void frameReceived();

private:
    QWebSocketServer m_server;
    QWebSocket* m_peer = nullptr;
    QList<QByteArray> m_frames;
    QList<QByteArray> m_authorizations;
    qsizetype m_next = 0;
};

} // namespace

class TestNodeClient final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<NodeClient> makeClient(const QUrl& url)
    {
        NodeClient::Options options;
        options.controllerUrl = url;
        options.token = QStringLiteral("s3cret-token");
        options.nodeId = QStringLiteral("node-0123456789ab");
        options.name = QStringLiteral("gpu-box");
        options.hostname = QStringLiteral("gpu-box.example");
        options.isLocal = true;
        options.heartbeatInterval = 50ms;
        options.workDir = m_proc->path();
        options.httpPort = 18080;
        options.backoffInitial = 50ms;
        options.backoffCap = 200ms;
        options.stopTimeout = 1s;
        return std::make_unique<NodeClient>(
            options, std::make_unique<SystemProbe>(m_proc->path(), m_proc->path()), std::make_unique<OneGpuProbe>());
    }

    std::optional<QTemporaryDir> m_proc;

private Q_SLOTS:
    void init()
    {
        m_proc.emplace();
        QVERIFY(m_proc->isValid());
        for (const auto& [from, to] :
             { std::pair { "stat.1", "stat" }, { "meminfo", "meminfo" }, { "loadavg", "loadavg" } }) {
            QVERIFY(QFile::copy(QStringLiteral(AIOPS_TEST_DATA_DIR "/proc/") + QLatin1StringView(from),
                                m_proc->filePath(QLatin1StringView(to))));
        }
    }
    void cleanup() { m_proc.reset(); }

    void registersWithTokenAndInventory()
    {
        FakeController controller;
        QVERIFY(controller.listen());
        auto client = makeClient(controller.url());
        client->start();

        const QJsonObject reg = controller.waitFor(protocol::type::NodeRegister);
        QVERIFY(!reg.isEmpty());
        QCOMPARE(controller.authorizations().value(0), QByteArray("Bearer s3cret-token"));
        QVERIFY(client->isConnected());

        // What the controller's own decoder accepts, with the values the probes produced.
        const auto decoded = protocol::parseNodeRegister(reg);
        QVERIFY2(decoded.has_value(),
                 qPrintable(decoded ? QString() : decoded.error().message + u' ' + decoded.error().field));
        QCOMPARE(decoded->nodeId, QStringLiteral("node-0123456789ab"));
        QCOMPARE(decoded->name, QStringLiteral("gpu-box"));
        QCOMPARE(decoded->hostname, QStringLiteral("gpu-box.example"));
        QVERIFY(decoded->isLocal);
        QCOMPARE(decoded->cpuCores, 4);
        QCOMPARE(decoded->ramTotal, 16000);
        QVERIFY(decoded->diskTotal > 0);
        QCOMPARE(decoded->version, QStringLiteral(AIOPS_VERSION));
        QCOMPARE(decoded->gpuDevices.size(), 1);
        QCOMPARE(decoded->gpuDevices.at(0).model, QStringLiteral("NVIDIA A100-SXM4-80GB"));
        QCOMPARE(decoded->gpuDevices.at(0).memoryTotal, 81920);
        QCOMPARE(decoded->gpuDevices.at(0).vendor, QStringLiteral("nvidia"));
        QCOMPARE(decoded->config.value(QStringLiteral("controllerEndpoint")).toString(), controller.url().toString());
        QCOMPARE(decoded->config.value(QStringLiteral("workingDirectory")).toString(), m_proc->path());
        QCOMPARE(decoded->config.value(QStringLiteral("httpPort")).toInt(), 18080);
        QVERIFY(!QJsonDocument(reg).toJson().contains("s3cret-token"));
    }

    void sendsHeartbeats()
    {
        FakeController controller;
        QVERIFY(controller.listen());
        auto client = makeClient(controller.url());
        QSignalSpy sampled(client.get(), &NodeClient::sampled);
        client->start();

        QVERIFY(!controller.waitFor(protocol::type::NodeRegister).isEmpty());
        const QJsonObject hb = controller.waitFor(protocol::type::NodeHeartbeat);
        QVERIFY(!hb.isEmpty());
        const auto decoded = protocol::parseNodeHeartbeat(hb);
        QVERIFY2(decoded.has_value(),
                 qPrintable(decoded ? QString() : decoded.error().message + u' ' + decoded.error().field));
        QCOMPARE(decoded->nodeId, QStringLiteral("node-0123456789ab"));
        QCOMPARE(decoded->metrics.ramFree, 8000);
        QCOMPARE(decoded->metrics.loadAverage, std::optional<double>(1.25));
        QCOMPARE(decoded->metrics.gpuDevices.size(), 1);
        QCOMPARE(decoded->metrics.gpuDevices.at(0).memoryFree, 76800);
        QCOMPARE(decoded->metrics.gpuDevices.at(0).utilization, 37.0);
        QCOMPARE(decoded->metrics.gpuDevices.at(0).powerUsage, std::optional<double>(123.5));
        QVERIFY(!controller.waitFor(protocol::type::NodeHeartbeat).isEmpty()); // and again
        QVERIFY(sampled.size() >= 2);
    }

    void reconnectsAndRegistersAgain()
    {
        FakeController controller;
        QVERIFY(controller.listen());
        auto client = makeClient(controller.url());
        QSignalSpy connectedChanged(client.get(), &NodeClient::connectedChanged);
        client->start();
        QVERIFY(!controller.waitFor(protocol::type::NodeRegister).isEmpty());

        controller.dropConnection();
        const QJsonObject again = controller.waitFor(protocol::type::NodeRegister);
        QVERIFY(!again.isEmpty());
        QCOMPARE(controller.authorizations().size(), 2);
        QCOMPARE(controller.authorizations().at(1), QByteArray("Bearer s3cret-token"));
        QVERIFY(connectedChanged.contains(QVariantList { false }));
        QCOMPARE(connectedChanged.last(), QVariantList { true });
    }

    void controllerErrorsDoNotDropTheConnection()
    {
        FakeController controller;
        QVERIFY(controller.listen());
        auto client = makeClient(controller.url());
        client->start();
        QVERIFY(!controller.waitFor(protocol::type::NodeRegister).isEmpty());

        protocol::SystemError error;
        error.errorCode = QStringLiteral("OUT_OF_RANGE");
        error.message = QStringLiteral("metrics.gpuDevices[0].utilization out of range");
        error.timestamp = protocol::nowMs();
        controller.send(protocol::encode(error));
        controller.send("not json at all");
        QVERIFY(!controller.waitFor(protocol::type::NodeHeartbeat).isEmpty());
        QVERIFY(client->isConnected());
        QCOMPARE(controller.authorizations().size(), 1);
    }

    void stopSendsDisconnectThenStops()
    {
        FakeController controller;
        QVERIFY(controller.listen());
        auto client = makeClient(controller.url());
        client->start();
        QVERIFY(!controller.waitFor(protocol::type::NodeRegister).isEmpty());

        QSignalSpy stopped(client.get(), &NodeClient::stopped);
        client->stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 3000);
        const QJsonObject bye = controller.waitFor(protocol::type::NodeDisconnect);
        QVERIFY(!bye.isEmpty());
        const auto decoded = protocol::parseNodeDisconnect(bye);
        QVERIFY(decoded.has_value());
        QCOMPARE(decoded->reason, QStringLiteral("shutdown"));
        QCOMPARE(decoded->nodeId, QStringLiteral("node-0123456789ab"));
        QVERIFY(!client->isConnected());

        // Nothing more is sent once stopped.
        const qsizetype sent = controller.frames().size();
        QTest::qWait(200);
        QCOMPARE(controller.frames().size(), sent);
        QCOMPARE(stopped.size(), 1);
    }

    void rejectedHandshakeIsRetried()
    {
        // A controller that refuses the token answers the upgrade with 401.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QList<QByteArray> requests;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [&requests, socket] {
                    requests.append(socket->readAll());
                    socket->write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });

        auto client = makeClient(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/node").arg(server.serverPort())));
        client->start();
        QTRY_VERIFY_WITH_TIMEOUT(requests.size() >= 2, 3000);
        QVERIFY(!client->isConnected());
        QVERIFY(requests.at(0).contains("\r\nAuthorization: Bearer s3cret-token\r\n"));
        QVERIFY(requests.at(0).startsWith("GET /ws/node HTTP/1.1\r\n"));
    }

    void retriesWhileTheControllerIsDownAndStopsCleanly()
    {
        FakeController controller;
        QVERIFY(controller.listen());
        const QUrl url = controller.url();
        controller.close(); // nothing listens there now

        auto client = makeClient(url);
        QSignalSpy stopped(client.get(), &NodeClient::stopped);
        QSignalSpy sampled(client.get(), &NodeClient::sampled);
        client->start();
        QVERIFY(sampled.wait(2000)); // sampling goes on without a controller (local /metrics)
        QTest::qWait(300);
        QVERIFY(!client->isConnected());
        client->stop();
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, 2000);
        QTest::qWait(100);
        QCOMPARE(stopped.size(), 1); // exactly once
    }
};

QTEST_GUILESS_MAIN(TestNodeClient)
#include "TestNodeClient.moc"
