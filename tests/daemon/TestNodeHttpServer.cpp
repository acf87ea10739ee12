#include "core/daemon/NodeHttpServer.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace aiops::daemon;
using namespace Qt::StringLiterals;

namespace {

struct Reply
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

NodeSample twoGpuSample()
{
    NodeSample sample;
    sample.timestamp = 1700000000000;
    sample.systemValid = true;
    sample.system.cpuCores = 8;
    sample.system.cpuUtilization = 12.5;
    sample.system.ramTotalMb = 64000;
    sample.system.ramFreeMb = 48000;
    sample.system.loadAverage1 = 0.75;
    sample.system.diskTotalMb = 500000;
    sample.system.diskFreeMb = 250000;

    GpuReading a;
    a.deviceId = QStringLiteral("0");
    a.memoryTotalMb = 81920;
    a.memoryFreeMb = 76800;
    a.utilization = 37;
    a.temperature = 45;
    a.powerW = 123.456;
    GpuReading b;
    b.deviceId = QStringLiteral("1");
    b.index = 1;
    b.memoryTotalMb = 15360;
    b.memoryFreeMb = 14336;
    b.utilization = 0;
    b.temperature = 33;
    sample.gpus = { a, b };
    sample.gpuProbe = QStringLiteral("nvml");
    return sample;
}

} // namespace

class TestNodeHttpServer final : public QObject
{
    Q_OBJECT

private:
    Reply get(quint16 port, const QString& path) { return send(port, "GET", path); }

    Reply send(quint16 port, const QByteArray& method, const QString& path, const QByteArray& body = {})
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
        if (!body.isNull())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(5000))
            return {};
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        r.body = reply->readAll();
        reply->deleteLater();
        return r;
    }

    static QString errorCodeOf(const Reply& reply)
    {
        return QJsonDocument::fromJson(reply.body).object().value(u"errorCode").toString();
    }

    QNetworkAccessManager m_network;

private Q_SLOTS:
    void health()
    {
        NodeHttpServer server(QStringLiteral("node-0123456789ab"));
        const auto port = server.listen(0);
        QVERIFY2(port.has_value(), qPrintable(port ? QString() : port.error().message));
        QVERIFY(*port != 0);
        QCOMPARE(server.port(), *port);

        Reply reply = get(*port, QStringLiteral("/health"));
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.contentType.startsWith("application/json"), reply.contentType.constData());
        QJsonObject json = QJsonDocument::fromJson(reply.body).object();
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(json.value(QStringLiteral("nodeId")).toString(), QStringLiteral("node-0123456789ab"));
        QCOMPARE(json.value(QStringLiteral("connected")).toBool(true), false);
        QVERIFY(json.value(QStringLiteral("uptimeSeconds")).isDouble());
        QVERIFY(json.value(QStringLiteral("uptimeSeconds")).toDouble() >= 0);

        server.setConnected(true);
        reply = get(*port, QStringLiteral("/health"));
        json = QJsonDocument::fromJson(reply.body).object();
        QCOMPARE(json.value(QStringLiteral("connected")).toBool(false), true);
    }

    void metricsFromTheLatestSample()
    {
        NodeHttpServer server(QStringLiteral("node-0123456789ab"));
        const auto port = server.listen(0);
        QVERIFY(port.has_value());

        // Before any sample: only the connection gauge.
        Reply reply = get(*port, QStringLiteral("/metrics"));
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.contentType.startsWith("text/plain"), reply.contentType.constData());
        QVERIFY(reply.body.contains("\naiops_node_connected 0\n"));
        QVERIFY(!reply.body.contains("aiops_node_gpu_utilization"));

        server.setSample(twoGpuSample());
        server.setConnected(true);
        reply = get(*port, QStringLiteral("/metrics"));
        QCOMPARE(reply.status, 200);
        const QList<QByteArray> lines = reply.body.split('\n');
        const auto has = [&](const char* line) {
            return lines.contains(QByteArray(line));
        };
        QVERIFY(has("aiops_node_connected 1"));
        QVERIFY(has("# TYPE aiops_node_cpu_utilization gauge"));
        QVERIFY(has("aiops_node_cpu_utilization 12.5"));
        QVERIFY(has("aiops_node_ram_free_mib 48000"));
        QVERIFY(has("aiops_node_gpu_utilization{device=\"0\"} 37"));
        QVERIFY(has("aiops_node_gpu_utilization{device=\"1\"} 0"));
        QVERIFY(has("aiops_node_gpu_memory_free_mib{device=\"0\"} 76800"));
        QVERIFY(has("aiops_node_gpu_memory_free_mib{device=\"1\"} 14336"));
        QVERIFY(has("aiops_node_gpu_temperature_celsius{device=\"0\"} 45"));
        QVERIFY(has("aiops_node_gpu_power_watts{device=\"0\"} 123.456"));
        // Unknown power of GPU 1 is absent, not reported as 0.
        QVERIFY(!reply.body.contains("aiops_node_gpu_power_watts{device=\"1\"}"));
        // Each family is announced once, before its samples.
        QCOMPARE(reply.body.count("# TYPE aiops_node_gpu_utilization gauge"), 1);
        QVERIFY(reply.body.indexOf("# TYPE aiops_node_gpu_utilization")
                < reply.body.indexOf("aiops_node_gpu_utilization{device=\"0\"}"));
    }

    // The deployment routes against recording fakes: the DeploymentAgent behind them has its own test.
    void deployRoute()
    {
        NodeHttpServer server(u"node-0123456789ab"_s);
        const auto port = server.listen(0);
        QVERIFY(port.has_value());

        // Without handlers (no container runtime) the routes say so.
        Reply reply = send(*port, "POST", u"/deploy"_s, R"({"image":"localhost/aiops-test-engine:1","ports":"8000"})");
        QCOMPARE(reply.status, 503);
        QCOMPARE(errorCodeOf(reply), u"SERVICE_UNAVAILABLE"_s);

        QList<aiops::protocol::NodeDeployModel> started;
        aiops::Result<void> answer;
        NodeHttpServer::DeploymentHandlers handlers;
        handlers.deploy = [&](const aiops::protocol::NodeDeployModel& command) {
            started.append(command);
            return answer;
        };
        server.setDeploymentHandlers(handlers);

        reply = send(*port,
                     "POST",
                     u"/deploy"_s,
                     R"({"image":"localhost/aiops-test-engine:1","ports":"8000","environment":{"PORT":"8000"},)"
                     R"("command":["/bin/engine-double"],"healthPath":"/health","deploymentId":"dep-http-1"})");
        QCOMPARE(reply.status, 202);
        const QJsonObject accepted = QJsonDocument::fromJson(reply.body).object();
        QCOMPARE(accepted.value(u"deploymentId").toString(), u"dep-http-1"_s);
        QCOMPARE(started.size(), 1);
        const aiops::protocol::NodeDeployModel& command = started.first();
        QCOMPARE(accepted.value(u"requestId").toString(), command.requestId);
        QVERIFY(!command.requestId.isEmpty());
        QCOMPARE(command.deploymentId, u"dep-http-1"_s);
        QCOMPARE(command.nodeId, u"node-0123456789ab"_s);
        QCOMPARE(command.framework, u"custom"_s);
        QCOMPARE(command.containerConfig.image, u"localhost/aiops-test-engine:1"_s);
        QCOMPARE(command.containerConfig.ports, u"8000"_s);
        QCOMPARE(command.containerConfig.environment.value(u"PORT"_s), u"8000"_s);
        QCOMPARE(command.containerConfig.command, QStringList { u"/bin/engine-double"_s });
        QVERIFY(command.files.isEmpty());

        // Without a deploymentId one is made up, and two deploys never share one.
        reply = send(*port, "POST", u"/deploy"_s, R"({"image":"localhost/aiops-test-engine:1","ports":"8000"})");
        QCOMPARE(reply.status, 202);
        QVERIFY(QJsonDocument::fromJson(reply.body).object().value(u"deploymentId").toString().startsWith(u"local-"));
        QVERIFY(started.last().deploymentId != u"dep-http-1"_s);

        // Bad input never reaches the agent.
        const qsizetype calls = started.size();
        const struct
        {
            QByteArray body;
            int status;
            QString code;
            QString field;
        } bad[] = {
            { "not json", 400, u"INVALID_JSON"_s, {} },
            { "[1,2]", 400, u"INVALID_JSON"_s, {} },
            { R"({"ports":"8000"})", 400, u"MISSING_FIELD"_s, u"image"_s },
            { R"({"image":"localhost/aiops-test-engine:1","ports":"http"})", 400, u"INVALID_VALUE"_s, u"ports"_s },
            { R"({"image":"localhost/aiops-test-engine:1","ports":"8000","environment":{"A":1}})",
              400,
              u"INVALID_FIELD_TYPE"_s,
              u"environment.A"_s },
            { R"({"image":"localhost/aiops-test-engine:1","ports":"8000","deploymentId":"../x"})",
              400,
              u"INVALID_VALUE"_s,
              u"deploymentId"_s },
            { QByteArray(NodeHttpServer::kMaxBodyBytes + 1, ' '), 413, u"PAYLOAD_TOO_LARGE"_s, {} },
        };
        for (const auto& b : bad) {
            reply = send(*port, "POST", u"/deploy"_s, b.body);
            QVERIFY2(reply.status == b.status, qPrintable(QString::number(reply.status) + u" for "_s + b.code));
            QCOMPARE(errorCodeOf(reply), b.code);
            QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(u"field").toString(), b.field);
        }
        QCOMPARE(started.size(), calls);

        // The agent's refusal comes back with its code and status.
        answer = std::unexpected(aiops::Error { aiops::ErrorCode::Forbidden, u"image not allowed"_s, u"image"_s });
        reply = send(*port, "POST", u"/deploy"_s, R"({"image":"docker.io/library/nginx:1","ports":"80"})");
        QCOMPARE(reply.status, 403);
        QCOMPARE(errorCodeOf(reply), u"FORBIDDEN"_s);
        QCOMPARE(QJsonDocument::fromJson(reply.body).object().value(u"message").toString(), u"image not allowed"_s);

        // Only POST deploys (Qt's router answers other methods as unknown paths).
        const qsizetype before = started.size();
        QCOMPARE(send(*port, "GET", u"/deploy"_s).status, 404);
        QCOMPARE(started.size(), before);
    }

    void stopAndLogsRoutes()
    {
        NodeHttpServer server(u"node-0123456789ab"_s);
        const auto port = server.listen(0);
        QVERIFY(port.has_value());
        QCOMPARE(send(*port, "DELETE", u"/stop/dep-1"_s).status, 503);
        QCOMPARE(get(*port, u"/logs/dep-1"_s).status, 503);

        QStringList stopped;
        QList<std::pair<QString, int>> logRequests;
        qint64 lastSince = -1;
        NodeHttpServer::DeploymentHandlers handlers;
        // Both answer later, from the event loop, as the agent does.
        handlers.stop = [&](const QString& id, std::function<void(aiops::Result<QString>)> done) {
            QTimer::singleShot(20, [&stopped, id, done] {
                if (id == u"dep-1") {
                    stopped.append(id);
                    done(id);
                } else {
                    done(aiops::makeError(aiops::ErrorCode::NotFound, u"No deployment "_s + id));
                }
            });
        };
        handlers.logs
            = [&](const QString& id, int lines, qint64 since, std::function<void(aiops::Result<QString>)> done) {
                  logRequests.append({ id, lines });
                  lastSince = since;
                  QTimer::singleShot(20, [id, done] {
                      if (id == u"dep-1")
                          done(u"line one\nligne deux é\n"_s);
                      else
                          done(aiops::makeError(aiops::ErrorCode::NotFound, u"No deployment "_s + id));
                  });
              };
        server.setDeploymentHandlers(handlers);

        Reply reply = send(*port, "DELETE", u"/stop/dep-1"_s);
        QCOMPARE(reply.status, 200);
        const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
        QCOMPARE(body.value(u"deploymentId").toString(), u"dep-1"_s);
        QCOMPARE(body.value(u"status").toString(), u"stopped"_s);
        QCOMPARE(stopped, QStringList { u"dep-1"_s });
        reply = send(*port, "DELETE", u"/stop/dep-2"_s);
        QCOMPARE(reply.status, 404);
        QCOMPARE(errorCodeOf(reply), u"NOT_FOUND"_s);
        QCOMPARE(send(*port, "GET", u"/stop/dep-1"_s).status, 404);
        QCOMPARE(stopped.size(), 1);

        reply = get(*port, u"/logs/dep-1?lines=5&since=1700000000"_s);
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.contentType.startsWith("text/plain"), reply.contentType.constData());
        QCOMPARE(QString::fromUtf8(reply.body), u"line one\nligne deux é\n"_s);
        QCOMPARE(logRequests.last(), std::pair(u"dep-1"_s, 5));
        QCOMPARE(lastSince, 1700000000);
        reply = get(*port, u"/logs/dep-1"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(logRequests.last().second, 200); // the default
        reply = get(*port, u"/logs/dep-2"_s);
        QCOMPARE(reply.status, 404);
        QCOMPARE(errorCodeOf(reply), u"NOT_FOUND"_s);

        const qsizetype calls = logRequests.size();
        for (const QString& query : { u"lines=0"_s, u"lines=10001"_s, u"lines=ten"_s, u"since=-5"_s }) {
            reply = get(*port, u"/logs/dep-1?"_s + query);
            QVERIFY2(reply.status == 400, qPrintable(query));
            QCOMPARE(errorCodeOf(reply), u"OUT_OF_RANGE"_s);
        }
        QCOMPARE(logRequests.size(), calls);
    }

    void deferredReplyToAGoneClient()
    {
        // The client hangs up before the agent answers: the late answer is dropped, the server goes on.
        NodeHttpServer server(u"node-0123456789ab"_s);
        const auto port = server.listen(0);
        QVERIFY(port.has_value());
        std::function<void(aiops::Result<QString>)> pending;
        NodeHttpServer::DeploymentHandlers handlers;
        handlers.logs = [&](const QString&, int, qint64, std::function<void(aiops::Result<QString>)> done) {
            pending = std::move(done);
        };
        server.setDeploymentHandlers(handlers);
        QNetworkReply* reply = m_network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/logs/dep-1"_s.arg(*port))));
        QTRY_VERIFY(pending != nullptr);
        reply->abort();
        reply->deleteLater();
        QTest::qWait(100);
        pending(u"too late"_s);
        QCOMPARE(get(*port, u"/health"_s).status, 200);
    }

    void unknownPathIsNotFound()
    {
        NodeHttpServer server(QStringLiteral("node-0123456789ab"));
        const auto port = server.listen(0);
        QVERIFY(port.has_value());
        QCOMPARE(get(*port, QStringLiteral("/nope")).status, 404);
    }

    void busyPortIsAnError()
    {
        NodeHttpServer first(QStringLiteral("a"));
        const auto port = first.listen(0);
        QVERIFY(port.has_value());
        NodeHttpServer second(QStringLiteral("b"));
        const auto again = second.listen(*port);
        QVERIFY(!again.has_value());
        QCOMPARE(again.error().code, aiops::ErrorCode::Unavailable);
    }
};

QTEST_GUILESS_MAIN(TestNodeHttpServer)
#include "TestNodeHttpServer.moc"
