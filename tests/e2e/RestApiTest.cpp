// The REST API over real HTTP: authentication, JSON errors with statuses, node endpoints, /metrics.
#include "TestPeers.h"
#include "core/controller/Controller.h"
#include "core/controller/NodeService.h"

#include <QTemporaryDir>

using namespace aiops;
using aiops::testing::http;
using aiops::testing::WsPeer;

class RestApiTest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<controller::Controller> m_controller;
    QString m_base;
    QByteArray m_token;
    std::unique_ptr<WsPeer> m_node;

    QString url(const QString& path) const { return m_base + path; }

private Q_SLOTS:
    void init()
    {
        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(QStringLiteral("data-%1").arg(QDateTime::currentMSecsSinceEpoch()));
        m_controller = std::make_unique<controller::Controller>(config);
        QVERIFY(m_controller->start().has_value());
        m_base = QStringLiteral("http://127.0.0.1:%1").arg(m_controller->port());
        m_token = aiops::testing::ownerToken(*m_controller);
        m_node = std::make_unique<WsPeer>();
        QVERIFY(m_node->open(QStringLiteral("ws://127.0.0.1:%1/ws/node").arg(m_controller->port()),
                             aiops::testing::nodeCredentialFor(*m_controller, QStringLiteral("n1"))));
        m_node->send(aiops::testing::registerMessage(QStringLiteral("n1"), 2));
        QVERIFY(!m_node->waitFor(QStringLiteral("system.node.registered")).isEmpty());
        m_node->send(aiops::testing::heartbeatMessage(QStringLiteral("n1"), 2, 66));
        QTRY_COMPARE(m_controller->nodeService()->node(QStringLiteral("n1"))->record.gpuDevices[0].utilization, 66.0);
    }
    void cleanup()
    {
        m_node.reset();
        m_controller.reset();
    }

    void healthIsOpen()
    {
        const auto r = http("GET", url(QStringLiteral("/system/health")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(r.json().value(QStringLiteral("nodes")).toObject().value(QStringLiteral("online")).toInt(), 1);
    }

    void everythingElseNeedsAToken_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::newRow("list") << QByteArray("GET") << QStringLiteral("/nodes");
        QTest::newRow("get") << QByteArray("GET") << QStringLiteral("/nodes/n1");
        QTest::newRow("metrics") << QByteArray("GET") << QStringLiteral("/nodes/n1/metrics");
        QTest::newRow("delete") << QByteArray("DELETE") << QStringLiteral("/nodes/n1");
        QTest::newRow("prometheus") << QByteArray("GET") << QStringLiteral("/metrics");
        QTest::newRow("stats") << QByteArray("GET") << QStringLiteral("/system/stats");
    }
    void everythingElseNeedsAToken()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        for (const QByteArray& token : { QByteArray(), QByteArray("wrong") }) {
            const auto r = http(verb, url(path), token);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.json().value(QStringLiteral("errorCode")).toString(), QStringLiteral("UNAUTHORIZED"));
        }
        QCOMPARE(m_controller->nodeService()->nodes().size(), 1); // the DELETE did nothing
    }

    void listsAndGetsNodes()
    {
        const auto list = http("GET", url(QStringLiteral("/nodes")), m_token);
        QCOMPARE(list.status, 200);
        QVERIFY(list.contentType.startsWith("application/json"));
        QCOMPARE(list.json().value(QStringLiteral("total")).toInt(), 1);
        const auto node = list.json().value(QStringLiteral("nodes")).toArray().at(0).toObject();
        QCOMPARE(node.value(QStringLiteral("nodeId")).toString(), QStringLiteral("n1"));
        QCOMPARE(node.value(QStringLiteral("status")).toString(), QStringLiteral("online"));
        QCOMPARE(node.value(QStringLiteral("websocketConnected")).toBool(), true);
        QCOMPARE(node.value(QStringLiteral("gpuDevices")).toArray().size(), 2);
        QCOMPARE(node.value(QStringLiteral("gpuDevices"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("utilization"))
                     .toDouble(),
                 66.0);
        QCOMPARE(node.value(QStringLiteral("owner")).toObject().value(QStringLiteral("orgId")).toString(),
                 QStringLiteral("default"));
        QCOMPARE(node.value(QStringLiteral("isDeleted")).toBool(), false);

        QCOMPARE(http("GET", url(QStringLiteral("/nodes?status=offline")), m_token)
                     .json()
                     .value(QStringLiteral("total"))
                     .toInt(),
                 0);
        const auto bad = http("GET", url(QStringLiteral("/nodes?status=sleeping")), m_token);
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json().value(QStringLiteral("field")).toString(), QStringLiteral("status"));

        const auto one = http("GET", url(QStringLiteral("/nodes/n1")), m_token);
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json().value(QStringLiteral("cpuCores")).toInt(), 8);
        const auto missing = http("GET", url(QStringLiteral("/nodes/zzz")), m_token);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json().value(QStringLiteral("errorCode")).toString(), QStringLiteral("NOT_FOUND"));
    }

    void metricsOfANode()
    {
        const auto r = http("GET", url(QStringLiteral("/nodes/n1/metrics")), m_token);
        QCOMPARE(r.status, 200);
        const auto o = r.json();
        QCOMPARE(o.value(QStringLiteral("ramFree")).toInt(), 16000);
        QCOMPARE(o.value(QStringLiteral("gpuDevices")).toArray().size(), 2);
        const auto history = o.value(QStringLiteral("history")).toObject();
        QCOMPARE(history.value(QStringLiteral("node")).toArray().size(), 1);
        QCOMPARE(history.value(QStringLiteral("gpus")).toObject().value(QStringLiteral("1")).toArray().size(), 1);
        QCOMPARE(http("GET", url(QStringLiteral("/nodes/n1/metrics?since=abc")), m_token).status, 400);
        QCOMPARE(http("GET", url(QStringLiteral("/nodes/none/metrics")), m_token).status, 404);
    }

    void patchRenamesAndToggglesMaintenance()
    {
        auto r = http("PATCH", url(QStringLiteral("/nodes/n1")), m_token, R"({"name":"rack-4 box"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("name")).toString(), QStringLiteral("rack-4 box"));
        r = http("PATCH", url(QStringLiteral("/nodes/n1")), m_token, R"({"maintenance":true})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("maintenance"));
        r = http("PATCH", url(QStringLiteral("/nodes/n1")), m_token, R"({"maintenance":false})");
        QCOMPARE(r.json().value(QStringLiteral("status")).toString(), QStringLiteral("online"));
    }

    void patchRejectsBadBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("not json") << QByteArray("name=x") << 400 << QStringLiteral("INVALID_JSON");
        QTest::newRow("empty") << QByteArray("{}") << 400 << QStringLiteral("BAD_REQUEST");
        QTest::newRow("unknown field") << QByteArray(R"({"status":"online"})") << 400
                                       << QStringLiteral("INVALID_VALUE");
        QTest::newRow("name type") << QByteArray(R"({"name":5})") << 400 << QStringLiteral("INVALID_FIELD_TYPE");
        QTest::newRow("blank name") << QByteArray(R"({"name":"  "})") << 400 << QStringLiteral("INVALID_VALUE");
        QTest::newRow("maintenance type")
            << QByteArray(R"({"maintenance":"yes"})") << 400 << QStringLiteral("INVALID_FIELD_TYPE");
    }
    void patchRejectsBadBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        const auto r = http("PATCH", url(QStringLiteral("/nodes/n1")), m_token, body);
        QCOMPARE(r.status, status);
        QCOMPARE(r.json().value(QStringLiteral("errorCode")).toString(), code);
        QCOMPARE(m_controller->nodeService()->node(QStringLiteral("n1"))->record.name, QStringLiteral("n1"));
        QCOMPARE(http("PATCH", url(QStringLiteral("/nodes/none")), m_token, R"({"name":"x"})").status, 404);
    }

    void deleteRemovesTheNode()
    {
        auto r = http("DELETE", url(QStringLiteral("/nodes/n1")), m_token);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QStringLiteral("deleted")).toBool(), true);
        QCOMPARE(http("GET", url(QStringLiteral("/nodes/n1")), m_token).status, 404);
        QCOMPARE(http("DELETE", url(QStringLiteral("/nodes/n1")), m_token).status, 404);
    }

    void prometheusText()
    {
        const auto r = http("GET", url(QStringLiteral("/metrics")), m_token);
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentType.startsWith("text/plain"));
        QVERIFY(r.body.contains("aiops_nodes{status=\"online\"} 1\n"));
        QVERIFY(r.body.contains("aiops_gpu_utilization{node=\"n1\",device=\"0\"} 66\n"));
        QVERIFY(r.body.contains("aiops_heartbeats_total 1\n"));
    }

    void unknownRoutesAndMethods()
    {
        auto r = http("GET", url(QStringLiteral("/nope")), m_token);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().value(QStringLiteral("errorCode")).toString(), QStringLiteral("NOT_FOUND"));
        r = http("POST", url(QStringLiteral("/system/health")), m_token, "{}");
        QCOMPARE(r.status, 405);
        QCOMPARE(r.json().value(QStringLiteral("errorCode")).toString(), QStringLiteral("METHOD_NOT_ALLOWED"));
    }

    void statsReportIngestion()
    {
        const auto r = http("GET", url(QStringLiteral("/system/stats")), m_token);
        QCOMPARE(r.status, 200);
        const auto o = r.json();
        QCOMPARE(o.value(QStringLiteral("gpus")).toInt(), 2);
        QCOMPARE(o.value(QStringLiteral("connections")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("heartbeats")).toObject().value(QStringLiteral("ingested")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(RestApiTest)
#include "RestApiTest.moc"
