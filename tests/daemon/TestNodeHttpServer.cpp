#include "core/daemon/NodeHttpServer.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace aiops::daemon;

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
    Reply get(quint16 port, const QString& path)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
        QNetworkReply* reply = m_network.get(request);
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
