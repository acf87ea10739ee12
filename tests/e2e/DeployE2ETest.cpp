// Deployments end to end: a controller, a real aiops-node process and a real Podman service started by
// the test. The image is busybox plus the engine double (tests/support/engine_double.cpp, a stand-in
// for vLLM installed as the image's python3 so vLLM's entrypoint and arguments are used as-is).
//
//   refused image -> 403 before anything runs
//   deploy -> running -> inference through the controller's port (plain, SSE streaming, OpenAI routes)
//          -> counters, logs, container list, /ws/system events -> stop -> the container is gone
//   a missing image -> failed, with the reason
//   a container that dies -> failed, with its last log lines
//   the daemon killed -> the container keeps running -> the daemon restarted -> adopted, inference works
//   the controller stopped mid-deploy -> restarted -> the job resumes -> running, one container only
#include "EngineImage.h"
#include "TestPeers.h"
#include "core/controller/Controller.h"
#include "core/registry/ModelService.h"
#include "tests/daemon/PodmanService.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

using namespace aiops;
using namespace Qt::StringLiterals;
using aiops::testing::http;

namespace {

using aiops::testing::kEngineImage;
const char* const kImage = kEngineImage;

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

struct StreamedReply
{
    int status = 0;
    QList<QByteArray> events; // "data: ..." lines, in arrival order
    QList<qint64> arrivalMs; // when each arrived, from the request
};

// POST over a raw socket, reading the SSE events as they arrive.
StreamedReply postStreaming(quint16 port, const QByteArray& path, const QByteArray& token, const QByteArray& body)
{
    StreamedReply reply;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return reply;
    QElapsedTimer clock;
    clock.start();
    socket.write("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                 + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                 + "\r\nConnection: close\r\n\r\n" + body);
    QByteArray buffer;
    bool headersDone = false;
    while (clock.elapsed() < 15000) {
        if (!socket.waitForReadyRead(15000 - int(clock.elapsed())))
            break;
        buffer += socket.readAll();
        if (!headersDone) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                continue;
            reply.status = buffer.mid(9, 3).toInt();
            buffer.remove(0, end + 4);
            headersDone = true;
        }
        qsizetype at;
        while ((at = buffer.indexOf("data: ")) >= 0) {
            const qsizetype eol = buffer.indexOf('\n', at);
            if (eol < 0)
                break;
            reply.events.append(buffer.mid(at, eol - at));
            reply.arrivalMs.append(clock.elapsed());
            buffer.remove(0, eol + 1);
        }
        if (!reply.events.isEmpty() && reply.events.last() == "data: [DONE]")
            break;
    }
    return reply;
}

} // namespace

class DeployE2ETest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    aiops::testing::PodmanService m_podman;
    controller::ControllerConfig m_config;
    std::unique_ptr<controller::ControllerThread> m_controller;
    std::unique_ptr<QProcess> m_node;
    QByteArray m_owner;
    QString m_base;
    QString m_modelId;
    QString m_nodeId;

    void startController()
    {
        m_controller = std::make_unique<controller::ControllerThread>(m_config);
        auto started = m_controller->start();
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        m_owner = aiops::testing::ownerToken(*m_controller);
        m_base = u"http://127.0.0.1:%1"_s.arg(m_controller->port());
    }

    void startNode(bool enroll)
    {
        m_node = std::make_unique<QProcess>();
        m_node->setProgram(QStringLiteral(AIOPS_NODE_BIN));
        QStringList args { u"--controller"_s,
                           u"ws://127.0.0.1:%1/ws/node"_s.arg(m_config.port),
                           u"--name"_s,
                           u"deploy-node"_s,
                           u"--heartbeat-interval"_s,
                           u"0.5"_s,
                           u"--work-dir"_s,
                           m_dir.filePath(u"node"_s),
                           u"--cache-size-gb"_s,
                           u"1"_s,
                           u"--container-socket"_s,
                           m_podman.socketPath() };
        if (enroll)
            args << u"--token"_s << QString::fromUtf8(aiops::testing::enrollmentToken(*m_controller));
        m_node->setArguments(args);
        m_node->setProcessChannelMode(QProcess::ForwardedChannels);
        m_node->start();
        QVERIFY(m_node->waitForStarted(5000));
    }

    QJsonObject deployment(const QString& id) { return http("GET", m_base + u"/deployments/"_s + id, m_owner).json(); }

    QString status(const QString& id) { return deployment(id).value(u"status"_s).toString(); }

    int containersOf(const QString& deploymentId)
    {
        QString output;
        m_podman.podman({ u"ps"_s, u"-a"_s, u"-q"_s, u"--filter"_s, u"label=aiops.deployment="_s + deploymentId },
                        &output);
        return int(output.split(u'\n', Qt::SkipEmptyParts).size());
    }

    QString deploy(const QJsonObject& extra)
    {
        QJsonObject body { { u"modelId"_s, m_modelId },
                           { u"framework"_s, u"vllm"_s },
                           { u"image"_s, QString::fromLatin1(kImage) },
                           { u"gpuCount"_s, 0 },
                           { u"healthTimeoutSeconds"_s, 60 } };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        const auto created = http("POST", m_base + u"/deployments"_s, m_owner, json(body));
        if (created.status != 201)
            qWarning() << "deploy failed:" << created.status << created.body;
        return created.json().value(u"deploymentId"_s).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString started = m_podman.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        const QString imported = aiops::testing::importEngineImage(m_podman, m_dir.path());
        QVERIFY2(imported.isEmpty(), qPrintable(imported));

        m_config.port = freePort();
        m_config.dataDir = m_dir.filePath(u"controller"_s);
        m_config.heartbeatIntervalMs = 500;
        m_config.fastPasswordHashing = true;
        m_config.deployRetryBaseMs = 300;
        m_config.deployHealthIntervalMs = 500; // probes run through the real node proxy
        // The tests poll the REST API while they wait; on a busy machine that passes 600 a minute.
        m_config.authenticatedRequestsPerMinute = 0;
        startController();
        if (QTest::currentTestFailed())
            return;

        const QString hub = m_dir.filePath(u"hub"_s);
        QVERIFY(QDir().mkpath(hub));
        QCOMPARE(
            QProcess::execute(
                u"cp"_s,
                { u"-a"_s, QStringLiteral(AIOPS_TEST_DATA_DIR) + u"/hf-cache/models--tiny-org--tiny-qwen2"_s, hub }),
            0);
        m_controller->modelService()->importCache(hub);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->modelService()->models().size(), 1, 20000);
        m_modelId = m_controller->modelService()->models().first().modelId;

        startNode(true);
        QTRY_VERIFY_WITH_TIMEOUT(http("GET", m_base + u"/nodes"_s, m_owner).body.contains("\"online\""), 20000);
        const QJsonArray nodes = QJsonDocument::fromJson(http("GET", m_base + u"/nodes"_s, m_owner).body)
                                     .object()
                                     .value(u"nodes"_s)
                                     .toArray();
        QCOMPARE(nodes.size(), 1);
        m_nodeId = nodes.first().toObject().value(u"nodeId"_s).toString();
        // The daemon reports its (still empty) container list after registering.
        QTRY_VERIFY_WITH_TIMEOUT(http("GET", m_base + u"/nodes/%1/containers"_s.arg(m_nodeId), m_owner)
                                     .json()
                                     .value(u"reportedAt"_s)
                                     .isString(),
                                 10000);
    }

    void cleanupTestCase()
    {
        if (m_node) {
            m_node->terminate();
            m_node->waitForFinished(5000);
        }
        m_controller.reset();
        m_podman.stop();
    }

    void refusedImageIsForbiddenBeforeAnythingRuns()
    {
        const auto refused = http("POST",
                                  m_base + u"/deployments"_s,
                                  m_owner,
                                  json({ { u"modelId"_s, m_modelId },
                                         { u"framework"_s, u"custom"_s },
                                         { u"image"_s, u"docker.io/library/nginx:latest"_s },
                                         { u"gpuCount"_s, 0 } }));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.json().value(u"errorCode"_s).toString(), u"FORBIDDEN"_s);
        QVERIFY2(refused.json().value(u"message"_s).toString().contains(u"nginx"_s), refused.body.constData());
        const auto list = http("GET", m_base + u"/deployments"_s, m_owner).json();
        QCOMPARE(list.value(u"deployments"_s).toArray().size(), 0);
    }

    void deployInferAndStop()
    {
        aiops::testing::WsPeer events;
        QVERIFY(events.open(u"ws://127.0.0.1:%1/ws/system"_s.arg(m_config.port), m_owner));
        events.waitFor(u"system.connectionEstablished"_s);

        const QString id = deploy({ { u"instanceId"_s, u"main"_s } });
        QVERIFY(!id.isEmpty());
        QCOMPARE(events.waitFor(u"system.deploymentCreated"_s).value(u"deploymentId"_s).toString(), id);
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"running"_s, 60000);
        const QJsonObject record = deployment(id);
        QCOMPARE(record.value(u"healthStatus"_s).toString(), u"healthy"_s);
        QCOMPARE(record.value(u"endpoint"_s).toString(), u"/models/%1/main/v1/inference"_s.arg(m_modelId));
        QVERIFY(!record.value(u"containerId"_s).toString().isEmpty());
        QCOMPARE(containersOf(id), 1);
        // The seed's flow: created, status updates, running with the endpoint, then a notification.
        QJsonObject running;
        while ((running = events.waitFor(u"system.deploymentStatus"_s)).value(u"status"_s) != u"running"_s)
            QVERIFY(!running.isEmpty());
        QCOMPARE(running.value(u"endpoint"_s).toString(), record.value(u"endpoint"_s).toString());

        // Inference through the controller's port: vLLM's v1/inference is its chat completions.
        const QString endpoint = m_base + record.value(u"endpoint"_s).toString();
        const QByteArray chat = json(
            { { u"messages"_s, QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"hi"_s } } } } });
        const auto answer = http("POST", endpoint, m_owner, chat);
        QCOMPARE(answer.status, 200);
        QVERIFY2(answer.body.contains("Hello from the engine double"), answer.body.constData());
        QCOMPARE(http("POST", endpoint, {}, chat).status, 401);

        // Streaming passes through event by event.
        const auto streamed = postStreaming(m_config.port,
                                            u"/models/%1/main/v1/chat/completions"_s.arg(m_modelId).toUtf8(),
                                            m_owner,
                                            "{\"stream\":true,\"messages\":[]}");
        QCOMPARE(streamed.status, 200);
        QCOMPARE(streamed.events.size(), 4);
        QCOMPARE(streamed.events.last(), QByteArray("data: [DONE]"));
        QVERIFY2(streamed.arrivalMs.last() - streamed.arrivalMs.first() >= 150,
                 qPrintable(u"events arrived %1 ms apart: buffered"_s.arg(streamed.arrivalMs.last()
                                                                          - streamed.arrivalMs.first())));

        // OpenAI-compatible routes by model.
        const auto models = http("GET", m_base + u"/v1/models"_s, m_owner).json();
        QCOMPARE(models.value(u"data"_s).toArray().first().toObject().value(u"id"_s).toString(), m_modelId);
        const auto completion = http("POST",
                                     m_base + u"/v1/chat/completions"_s,
                                     m_owner,
                                     json({ { u"model"_s, m_modelId }, { u"messages"_s, QJsonArray() } }));
        QCOMPARE(completion.status, 200);
        QVERIFY(completion.body.contains("chat.completion"));
        const auto unknown = http("POST",
                                  m_base + u"/v1/chat/completions"_s,
                                  m_owner,
                                  json({ { u"model"_s, u"no-such-model"_s }, { u"messages"_s, QJsonArray() } }));
        QCOMPARE(unknown.status, 503);

        // Counters are written in batches.
        QTRY_VERIFY_WITH_TIMEOUT(
            http("GET", m_base + u"/deployments/%1/metrics"_s.arg(id), m_owner).json().value(u"requestCount"_s).toInt()
                >= 3,
            10000);
        const auto metrics = http("GET", m_base + u"/deployments/%1/metrics"_s.arg(id), m_owner).json();
        QVERIFY(metrics.value(u"avgLatencyMs"_s).toDouble() > 0);
        QVERIFY(metrics.value(u"lastRequestAt"_s).isString());

        const auto logs = http("GET", m_base + u"/deployments/%1/logs?lines=50"_s.arg(id), m_owner);
        QCOMPARE(logs.status, 200);
        QVERIFY2(logs.body.contains("engine double listening"), logs.body.constData());
        const QJsonArray containers = http("GET", m_base + u"/nodes/%1/containers"_s.arg(m_nodeId), m_owner)
                                          .json()
                                          .value(u"containers"_s)
                                          .toArray();
        QCOMPARE(containers.size(), 1);
        QCOMPARE(containers.first().toObject().value(u"deploymentId"_s).toString(), id);
        QCOMPARE(containers.first().toObject().value(u"state"_s).toString(), u"running"_s);

        const auto stopped = http("DELETE", m_base + u"/deployments/"_s + id, m_owner);
        QCOMPARE(stopped.status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"stopped"_s, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(containersOf(id), 0, 15000);
        QCOMPARE(http("POST", endpoint, m_owner, chat).status, 404);
        QCOMPARE(http("DELETE", m_base + u"/deployments/"_s + id, m_owner).status, 409);
    }

    void missingImageFailsWithTheReason()
    {
        const QString id
            = deploy({ { u"instanceId"_s, u"missing"_s }, { u"image"_s, u"localhost/aiops-test-missing:1"_s } });
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"failed"_s, 60000);
        const QString error = deployment(id).value(u"errorMessage"_s).toString();
        QVERIFY2(error.contains(u"aiops-test-missing"_s), qPrintable(error));
        QCOMPARE(containersOf(id), 0);
    }

    void dyingContainerFailsWithItsLogs()
    {
        const QString id = deploy({ { u"instanceId"_s, u"dies"_s },
                                    { u"environment"_s, QJsonObject { { u"DIE_AFTER_SECONDS"_s, u"4"_s } } } });
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"running"_s, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"failed"_s, 30000);
        const QString error = deployment(id).value(u"errorMessage"_s).toString();
        QVERIFY2(error.contains(u"exited"_s), qPrintable(error));
        QVERIFY2(error.contains(u"simulated crash"_s), qPrintable(error));
    }

    void killedDaemonsContainersAreAdopted()
    {
        const QString id = deploy({ { u"instanceId"_s, u"survivor"_s } });
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"running"_s, 60000);
        const QString endpoint = m_base + deployment(id).value(u"endpoint"_s).toString();
        const QByteArray chat = "{\"messages\":[]}";
        QCOMPARE(http("POST", endpoint, m_owner, chat).status, 200);

        m_node->kill(); // SIGKILL: no goodbye
        m_node->waitForFinished(5000);
        QTRY_COMPARE_WITH_TIMEOUT(deployment(id).value(u"healthStatus"_s).toString(), u"unknown"_s, 15000);
        QCOMPARE(status(id), u"running"_s); // the container outlives its daemon
        QCOMPARE(containersOf(id), 1);
        QCOMPARE(http("POST", endpoint, m_owner, chat).status, 503);

        startNode(false);
        QTRY_COMPARE_WITH_TIMEOUT(deployment(id).value(u"healthStatus"_s).toString(), u"healthy"_s, 30000);
        QCOMPARE(status(id), u"running"_s);
        QCOMPARE(containersOf(id), 1);
        QTRY_COMPARE_WITH_TIMEOUT(http("POST", endpoint, m_owner, chat).status, 200, 10000);
    }

    void controllerRestartMidDeployResumesWithoutDuplicates()
    {
        const QString id = deploy({ { u"instanceId"_s, u"restart"_s },
                                    { u"environment"_s, QJsonObject { { u"STARTUP_DELAY_MS"_s, u"5000"_s } } } });
        QVERIFY(!id.isEmpty());
        // Wait until the container exists and is still starting, then take the controller away.
        QTRY_COMPARE_WITH_TIMEOUT(containersOf(id), 1, 60000);
        QCOMPARE(status(id), u"deploying"_s);
        m_controller.reset();

        startController();
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"running"_s, 60000);
        QCOMPARE(containersOf(id), 1); // the resent command adopted the container
        int sameInstance = 0;
        for (const QJsonValue& d :
             http("GET", m_base + u"/deployments"_s, m_owner).json().value(u"deployments"_s).toArray())
            sameInstance += d.toObject().value(u"instanceId"_s).toString() == u"restart"_s;
        QCOMPARE(sameInstance, 1);
        const QString endpoint = m_base + deployment(id).value(u"endpoint"_s).toString();
        QTRY_COMPARE_WITH_TIMEOUT(http("POST", endpoint, m_owner, "{\"messages\":[]}").status, 200, 10000);
    }
};

QTEST_GUILESS_MAIN(DeployE2ETest)
#include "DeployE2ETest.moc"
