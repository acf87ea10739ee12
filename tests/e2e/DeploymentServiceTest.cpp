// The controller's deployment lifecycle against a NODE DOUBLE: a WebSocket peer in the test that speaks
// the daemon's side of the protocol by hand, so every node answer (acks, progress, failures, container
// reports, disconnects) is under the test's control. The real daemon and Podman are in DeployE2ETest.
#include "core/controller/DeploymentService.h"

#include "TestPeers.h"
#include "core/controller/Controller.h"
#include "core/registry/ModelService.h"
#include "tests/agents/HttpServerDouble.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace aiops;
using namespace Qt::StringLiterals;
using aiops::testing::http;
using aiops::testing::WsPeer;

namespace {

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject registerWithGpus(const QString& nodeId, int proxyPort)
{
    QJsonObject message = aiops::testing::registerMessage(nodeId, 2);
    QJsonArray devices = message.value(u"gpuDevices"_s).toArray();
    for (qsizetype i = 0; i < devices.size(); ++i) {
        QJsonObject d = devices[i].toObject();
        d.insert(u"vendor"_s, u"nvidia"_s);
        devices[i] = d;
    }
    message.insert(u"gpuDevices"_s, devices);
    message.insert(u"config"_s, QJsonObject { { u"proxyPort"_s, proxyPort }, { u"proxyToken"_s, u"secret"_s } });
    return message;
}

} // namespace

class DeploymentServiceTest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<controller::ControllerThread> m_controller;
    std::unique_ptr<WsPeer> m_node;
    QByteArray m_owner;
    QByteArray m_nodeCredential;
    QString m_base;
    QString m_modelId;
    const QString m_nodeId = u"gpu-node"_s;
    // The node's inference proxy, as a DOUBLE: answers the controller's health probes.
    bool m_engineHealthy = true;
    aiops::testing::HttpServerDouble m_proxy { [this](const aiops::testing::SeenRequest& request) {
        aiops::testing::ScriptedReply reply;
        const bool authorized = request.headers.value("x-aiops-proxy-token") == "secret";
        reply.status = !authorized ? 401 : m_engineHealthy ? 200 : 503;
        reply.contentType = "text/plain";
        reply.body = m_engineHealthy ? "ok" : "loading";
        return reply;
    } };

    void connectNode()
    {
        m_node = std::make_unique<WsPeer>();
        QVERIFY(m_node->open(u"ws://127.0.0.1:%1/ws/node"_s.arg(m_controller->port()), m_nodeCredential));
        m_node->send(registerWithGpus(m_nodeId, int(m_proxy.url(u"/"_s).port())));
        QVERIFY(!m_node->waitFor(u"system.node.registered"_s).isEmpty());
        m_node->send(aiops::testing::heartbeatMessage(m_nodeId, 2, 10));
    }

    void progress(const QJsonObject& command, const QString& status, const QJsonObject& extra = {})
    {
        QJsonObject message { { u"type"_s, u"system.node.deploymentProgress"_s },
                              { u"requestId"_s, command.value(u"requestId"_s) },
                              { u"jobId"_s, command.value(u"jobId"_s) },
                              { u"deploymentId"_s, command.value(u"deploymentId"_s) },
                              { u"nodeId"_s, m_nodeId },
                              { u"status"_s, status },
                              { u"progress"_s, 100 },
                              { u"timestamp"_s, QDateTime::currentMSecsSinceEpoch() } };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            message.insert(it.key(), it.value());
        m_node->send(message);
    }

    QString deploy(const QString& instanceId, const QJsonObject& extra = {})
    {
        QJsonObject body { { u"modelId"_s, m_modelId }, { u"instanceId"_s, instanceId } };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            body.insert(it.key(), it.value());
        const auto created = http("POST", m_base + u"/deployments"_s, m_owner, json(body));
        if (created.status != 201)
            qWarning() << created.status << created.body;
        return created.json().value(u"deploymentId"_s).toString();
    }

    QJsonObject record(const QString& id) { return http("GET", m_base + u"/deployments/"_s + id, m_owner).json(); }
    QString status(const QString& id) { return record(id).value(u"status"_s).toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(u"controller"_s);
        config.heartbeatIntervalMs = 60000; // the double sends heartbeats only when a test wants them
        config.fastPasswordHashing = true;
        config.deployRetryBaseMs = 100;
        config.deployHealthIntervalMs = 200;
        // The tests poll the REST API while they wait; on a busy machine that passes 600 a minute.
        config.authenticatedRequestsPerMinute = 0;
        m_controller = std::make_unique<controller::ControllerThread>(config);
        auto started = m_controller->start();
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        m_owner = aiops::testing::ownerToken(*m_controller);
        m_base = u"http://127.0.0.1:%1"_s.arg(m_controller->port());

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

        m_nodeCredential = aiops::testing::nodeCredentialFor(*m_controller, m_nodeId);
        QVERIFY(!m_nodeCredential.isEmpty());
        connectNode();
    }

    void cleanupTestCase()
    {
        m_node.reset();
        m_controller.reset();
    }

    void badRequestsGetTypedErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");
        QTest::newRow("not json") << QByteArray("{nope") << 400 << u"INVALID_JSON"_s;
        QTest::newRow("no model") << QByteArray("{}") << 400 << u"MISSING_FIELD"_s;
        QTest::newRow("unknown field") << QByteArray("{\"modelId\":\"m\",\"color\":1}") << 400 << u"INVALID_VALUE"_s;
        QTest::newRow("gpuCount type") << QByteArray("{\"modelId\":\"m\",\"gpuCount\":\"two\"}") << 400
                                       << u"INVALID_FIELD_TYPE"_s;
        QTest::newRow("gpuCount range") << QByteArray("{\"modelId\":\"m\",\"gpuCount\":99}") << 400
                                        << u"OUT_OF_RANGE"_s;
        QTest::newRow("unknown model") << QByteArray("{\"modelId\":\"no-such-model\"}") << 404 << u"NOT_FOUND"_s;
    }
    void badRequestsGetTypedErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        const auto reply = http("POST", m_base + u"/deployments"_s, m_owner, body);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.json().value(u"errorCode"_s).toString(), errorCode);
    }

    void manualPlacementOnAnUnknownGpuIsRefused()
    {
        const auto reply
            = http("POST",
                   m_base + u"/deployments"_s,
                   m_owner,
                   json({ { u"modelId"_s, m_modelId },
                          { u"placement"_s,
                            QJsonObject { { u"nodeId"_s, m_nodeId }, { u"gpuDevices"_s, QJsonArray { u"7"_s } } } } }));
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(u"errorCode"_s).toString(), u"INVALID_VALUE"_s);
    }

    void previewExplainsTheChoice()
    {
        const auto reply = http("POST",
                                m_base + u"/deployments/preview"_s,
                                m_owner,
                                json({ { u"modelId"_s, m_modelId }, { u"strategy"_s, u"spread"_s } }));
        QCOMPARE(reply.status, 200);
        const QJsonObject placement = reply.json();
        QCOMPARE(placement.value(u"nodeId"_s).toString(), m_nodeId);
        QCOMPARE(placement.value(u"gpuDevices"_s).toArray().size(), 1);
        QVERIFY(!placement.value(u"explanation"_s).toString().isEmpty());
        QCOMPARE(placement.value(u"ranked"_s).toArray().size(), 2);
    }

    void deployFollowsTheNodesProgressToRunning()
    {
        const QString id = deploy(u"a"_s);
        QVERIFY(!id.isEmpty());
        const QJsonObject command = m_node->waitFor(u"system.node.deployModel"_s);
        QCOMPARE(command.value(u"deploymentId"_s).toString(), id);
        QCOMPARE(command.value(u"modelId"_s).toString(), m_modelId);
        QCOMPARE(command.value(u"framework"_s).toString(), u"vllm"_s);
        QVERIFY(!command.value(u"requestId"_s).toString().isEmpty());
        QVERIFY(!command.value(u"jobId"_s).toString().isEmpty());
        const QJsonObject container = command.value(u"containerConfig"_s).toObject();
        QCOMPARE(container.value(u"gpuDevice"_s).toString().size(), 1);
        QCOMPARE(container.value(u"gpuVendor"_s).toString(), u"nvidia"_s);
        QVERIFY(container.value(u"command"_s).toArray().contains(u"--served-model-name"_s));
        QCOMPARE(command.value(u"files"_s).toArray().size(), 3);

        progress(command, u"downloading"_s, { { u"progress"_s, 40 } });
        QTRY_COMPARE_WITH_TIMEOUT(record(id).value(u"phase"_s).toString(), u"downloading"_s, 5000);
        QCOMPARE(record(id).value(u"progress"_s).toInt(), 40);
        progress(command, u"running"_s, { { u"containerId"_s, u"c-a"_s }, { u"hostPort"_s, 20001 } });
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"running"_s, 5000);
        QCOMPARE(record(id).value(u"containerId"_s).toString(), u"c-a"_s);
        QCOMPARE(record(id).value(u"port"_s).toInt(), 20001);
        // The same instance cannot be deployed twice.
        QCOMPARE(http("POST",
                      m_base + u"/deployments"_s,
                      m_owner,
                      json({ { u"modelId"_s, m_modelId }, { u"instanceId"_s, u"a"_s } }))
                     .status,
                 409);
    }

    void healthProbesGoThroughTheNodesProxy()
    {
        QString a;
        for (const QJsonValue& v :
             http("GET", m_base + u"/deployments?status=running"_s, m_owner).json().value(u"deployments"_s).toArray()) {
            if (v.toObject().value(u"instanceId"_s) == u"a"_s)
                a = v.toObject().value(u"deploymentId"_s).toString();
        }
        QVERIFY(!a.isEmpty());
        m_engineHealthy = false;
        QTRY_COMPARE_WITH_TIMEOUT(record(a).value(u"healthStatus"_s).toString(), u"unhealthy"_s, 5000);
        QCOMPARE(status(a), u"running"_s); // unhealthy is not dead
        m_engineHealthy = true;
        QTRY_COMPARE_WITH_TIMEOUT(record(a).value(u"healthStatus"_s).toString(), u"healthy"_s, 5000);
        bool probed = false;
        for (const auto& seen : m_proxy.seen())
            probed = probed || (seen.path == "/deployments/" + a.toUtf8() + "/health" && seen.method == "GET");
        QVERIFY(probed);
    }

    void aRetryableFailureIsRetriedWithTheSameRequestId()
    {
        const QString id = deploy(u"b"_s);
        const QJsonObject first = m_node->waitFor(u"system.node.deployModel"_s);
        QCOMPARE(first.value(u"deploymentId"_s).toString(), id);
        progress(
            first, u"failed"_s, { { u"errorCode"_s, u"SERVICE_UNAVAILABLE"_s }, { u"error"_s, u"runtime busy"_s } });
        const QJsonObject second = m_node->waitFor(u"system.node.deployModel"_s, 5000);
        QCOMPARE(second.value(u"deploymentId"_s).toString(), id);
        QCOMPARE(second.value(u"requestId"_s), first.value(u"requestId"_s)); // idempotent on the node
        QCOMPARE(status(id), u"deploying"_s);
        progress(second, u"running"_s, { { u"containerId"_s, u"c-b"_s }, { u"hostPort"_s, 20002 } });
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"running"_s, 5000);
    }

    void aRefusedImageFailsAtOnce()
    {
        const QString id = deploy(u"c"_s);
        const QJsonObject command = m_node->waitFor(u"system.node.deployModel"_s);
        m_node->send(QJsonObject { { u"type"_s, u"system.node.commandAck"_s },
                                   { u"requestId"_s, command.value(u"requestId"_s) },
                                   { u"nodeId"_s, m_nodeId },
                                   { u"status"_s, u"rejected"_s },
                                   { u"reason"_s, u"image not on this node's allowlist"_s },
                                   { u"errorCode"_s, u"FORBIDDEN"_s },
                                   { u"timestamp"_s, QDateTime::currentMSecsSinceEpoch() } });
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"failed"_s, 5000);
        QVERIFY(record(id).value(u"errorMessage"_s).toString().contains(u"allowlist"_s));
        QVERIFY(m_node->waitFor(u"system.node.deployModel"_s, 800).isEmpty()); // no retry
        // A failed deployment frees its instance name and can be removed from the list... once stopped.
        QCOMPARE(http("DELETE", m_base + u"/deployments/"_s + id, m_owner).status, 202);
    }

    void aNodeThatDropsMidDeployGetsTheCommandAgainAfterReconnecting()
    {
        const QString id = deploy(u"d"_s);
        const QJsonObject first = m_node->waitFor(u"system.node.deployModel"_s);
        QCOMPARE(first.value(u"deploymentId"_s).toString(), id);
        m_node->socket.close();
        QTRY_VERIFY(m_node->closed);
        connectNode();
        const QJsonObject again = m_node->waitFor(u"system.node.deployModel"_s, 8000);
        QCOMPARE(again.value(u"deploymentId"_s).toString(), id);
        QCOMPARE(again.value(u"requestId"_s), first.value(u"requestId"_s));
        progress(again, u"running"_s, { { u"containerId"_s, u"c-d"_s }, { u"hostPort"_s, 20004 } });
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"running"_s, 5000);
    }

    void logsAreReadFromTheNode()
    {
        const QString id = record(deploy(u"logs"_s)).value(u"deploymentId"_s).toString();
        const QJsonObject command = m_node->waitFor(u"system.node.deployModel"_s);
        progress(command, u"running"_s, { { u"containerId"_s, u"c-logs"_s }, { u"hostPort"_s, 20005 } });
        QTRY_COMPARE_WITH_TIMEOUT(status(id), u"running"_s, 5000);
        // The double answers getLogs.
        const auto connection
            = connect(&m_node->socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
                  const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
                  if (o.value(u"type"_s) != u"system.node.getLogs"_s)
                      return;
                  m_node->send(QJsonObject {
                      { u"type"_s, u"system.node.logsResponse"_s },
                      { u"requestId"_s, o.value(u"requestId"_s) },
                      { u"nodeId"_s, m_nodeId },
                      { u"containerId"_s, o.value(u"containerId"_s) },
                      { u"logs"_s, u"line one\nline two for %1\n"_s.arg(o.value(u"containerId"_s).toString()) },
                      { u"timestamp"_s, QDateTime::currentMSecsSinceEpoch() } });
              });
        controller::DeploymentService* service = m_controller->deploymentService();
        QSignalSpy ready(service, &controller::DeploymentService::logsReady);
        const QString requestId = service->requestLogs(id, 20);
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 5000);
        disconnect(connection);
        QCOMPARE(ready.first().at(0).toString(), requestId);
        QCOMPARE(ready.first().at(1).toString(), id);
        QCOMPARE(ready.first().at(2).toString(), u"line one\nline two for c-logs\n"_s);
        // A deployment without a container has no logs yet.
        QSignalSpy failed(service, &controller::DeploymentService::logsFailed);
        service->requestLogs(u"dep-unknown"_s, 20);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QCOMPARE(failed.first().at(2).value<aiops::Error>().code, ErrorCode::NotFound);
    }

    void reconciliationFailsMissingContainersAndRemovesOrphans()
    {
        // a and b run; the node reports a (running), an orphan of an unknown deployment, and not b.
        QString a, b, d;
        for (const QJsonValue& v :
             http("GET", m_base + u"/deployments"_s, m_owner).json().value(u"deployments"_s).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(u"instanceId"_s) == u"a"_s)
                a = o.value(u"deploymentId"_s).toString();
            if (o.value(u"instanceId"_s) == u"b"_s)
                b = o.value(u"deploymentId"_s).toString();
            if (o.value(u"instanceId"_s) == u"d"_s)
                d = o.value(u"deploymentId"_s).toString();
        }
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !d.isEmpty());
        m_node->send(QJsonObject { { u"type"_s, u"system.node.containers"_s },
                                   { u"nodeId"_s, m_nodeId },
                                   { u"containers"_s,
                                     QJsonArray {
                                         QJsonObject { { u"containerId"_s, u"c-a"_s },
                                                       { u"deploymentId"_s, a },
                                                       { u"image"_s, u"vllm/vllm-openai:latest"_s },
                                                       { u"state"_s, u"running"_s },
                                                       { u"hostPort"_s, 20001 } },
                                         QJsonObject { { u"containerId"_s, u"c-d"_s },
                                                       { u"deploymentId"_s, d },
                                                       { u"image"_s, u"vllm/vllm-openai:latest"_s },
                                                       { u"state"_s, u"running"_s },
                                                       { u"hostPort"_s, 20004 } },
                                         QJsonObject { { u"containerId"_s, u"c-orphan"_s },
                                                       { u"deploymentId"_s, u"dep-gone"_s },
                                                       { u"image"_s, u"vllm/vllm-openai:latest"_s },
                                                       { u"state"_s, u"running"_s } },
                                     } },
                                   { u"timestamp"_s, QDateTime::currentMSecsSinceEpoch() } });
        QJsonObject stop;
        while ((stop = m_node->waitFor(u"system.node.stopContainer"_s)).value(u"deploymentId"_s) != u"dep-gone"_s)
            QVERIFY(!stop.isEmpty());
        QCOMPARE(stop.value(u"containerId"_s).toString(), u"c-orphan"_s);
        QTRY_COMPARE_WITH_TIMEOUT(status(b), u"failed"_s, 5000);
        QVERIFY(record(b).value(u"errorMessage"_s).toString().contains(u"gone"_s));
        QCOMPARE(status(a), u"running"_s);
        const auto containers = http("GET", m_base + u"/nodes/%1/containers"_s.arg(m_nodeId), m_owner).json();
        QCOMPARE(containers.value(u"containers"_s).toArray().size(), 3);
    }

    void anOutOfMemoryContainerFailsWithTheSuggestion()
    {
        QString a;
        for (const QJsonValue& v :
             http("GET", m_base + u"/deployments?status=running"_s, m_owner).json().value(u"deployments"_s).toArray()) {
            if (v.toObject().value(u"instanceId"_s) == u"a"_s)
                a = v.toObject().value(u"deploymentId"_s).toString();
        }
        QVERIFY(!a.isEmpty());
        m_node->send(QJsonObject { { u"type"_s, u"system.node.containerEvent"_s },
                                   { u"nodeId"_s, m_nodeId },
                                   { u"containerId"_s, u"c-a"_s },
                                   { u"deploymentId"_s, a },
                                   { u"event"_s, u"oom"_s },
                                   { u"logTail"_s, u"CUDA out of memory. Tried to allocate 2.00 GiB"_s },
                                   { u"timestamp"_s, QDateTime::currentMSecsSinceEpoch() } });
        QTRY_COMPARE_WITH_TIMEOUT(status(a), u"failed"_s, 5000);
        const QString error = record(a).value(u"errorMessage"_s).toString();
        QVERIFY2(error.contains(u"smaller model"_s), qPrintable(error));
        QVERIFY2(error.contains(u"CUDA out of memory"_s), qPrintable(error));
    }

    void stopSendsTheCommandAndEndsStopped()
    {
        QString d;
        for (const QJsonValue& v :
             http("GET", m_base + u"/deployments?status=running"_s, m_owner).json().value(u"deployments"_s).toArray()) {
            if (v.toObject().value(u"instanceId"_s) == u"d"_s)
                d = v.toObject().value(u"deploymentId"_s).toString();
        }
        QVERIFY(!d.isEmpty());
        QCOMPARE(http("DELETE", m_base + u"/deployments/"_s + d, m_owner).status, 202);
        QJsonObject stop;
        while ((stop = m_node->waitFor(u"system.node.stopContainer"_s)).value(u"deploymentId"_s) != d)
            QVERIFY(!stop.isEmpty());
        QCOMPARE(stop.value(u"containerId"_s).toString(), u"c-d"_s);
        QCOMPARE(status(d), u"running"_s); // until the node confirms
        progress(stop, u"stopped"_s);
        QTRY_COMPARE_WITH_TIMEOUT(status(d), u"stopped"_s, 5000);
        QVERIFY(record(d).value(u"stoppedAt"_s).isString());
    }

    void theServiceApiSeesTheSameDeployments()
    {
        controller::DeploymentService* service = m_controller->deploymentService();
        QVERIFY(service);
        const auto list = service->deployments();
        QCOMPARE(list.size(),
                 http("GET", m_base + u"/deployments"_s, m_owner).json().value(u"deployments"_s).toArray().size());
        QVERIFY(service->inferenceBaseUrl().endsWith(u":%1"_s.arg(m_controller->port())));
        // From another thread: the call blocks on the controller thread for validation and returns the error.
        const auto refused = service->deploy(controller::DeployRequest { .modelId = u"no-such-model"_s });
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(DeploymentServiceTest)
#include "DeploymentServiceTest.moc"
