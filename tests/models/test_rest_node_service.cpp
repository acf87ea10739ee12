#include "core/controller/NodeJson.h"
#include "core/controller/NodeModelCaches.h"
#include "models/RemoteSession.h"
#include "models/RestNodeService.h"
#include "tests/support/FakeControllerServer.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using aiops::Error;
using aiops::ErrorCode;
using aiops::models::RemoteSession;
using aiops::models::RestNodeService;
using aiops::nodes::NodeInfo;
using aiops::testing::FakeControllerServer;

namespace {

constexpr int kInterval = 100; // ms: fast polling for the tests

NodeInfo makeNode(const QString& id, const QString& name, const QString& status, int gpus = 1)
{
    NodeInfo n;
    n.record.nodeId = id;
    n.record.name = name;
    n.record.status = status;
    n.record.websocketConnected = status != u"offline";
    n.record.lastHeartbeat = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    n.record.cpuCores = 32;
    n.record.ramTotal = 256000;
    n.record.ramFree = 128000;
    n.record.owner = { QStringLiteral("org-1"), QStringLiteral("u-alice") };
    n.record.config = QJsonObject { { QStringLiteral("workingDirectory"), QStringLiteral("/srv/aiops") } };
    n.record.createdAt = QDateTime::fromMSecsSinceEpoch(1'690'000'000'000, Qt::UTC);
    n.record.changedAt = n.record.createdAt;
    for (int i = 0; i < gpus; ++i) {
        aiops::store::GpuDeviceRecord g;
        g.deviceId = QStringLiteral("gpu%1").arg(i);
        g.model = QStringLiteral("NVIDIA H100 80GB HBM3");
        g.memoryTotal = 81559;
        g.memoryFree = 40000 + i;
        g.utilization = 55.5;
        g.temperature = 61;
        g.uuid = QStringLiteral("GPU-%1").arg(i);
        g.vendor = QStringLiteral("nvidia");
        n.record.gpuDevices.append(g);
        n.gpuLive.append(aiops::nodes::GpuLive { g.deviceId, 310.5 });
    }
    n.cpuUtilization = 12.5;
    n.loadAverage = 3.25;
    n.diskTotal = 1'000'000;
    n.diskFree = 250'000;
    n.lastHeartbeatMs = n.record.lastHeartbeat.toMSecsSinceEpoch();
    n.hostname = QStringLiteral("%1.lab").arg(name);
    n.version = QStringLiteral("0.1.0");
    return n;
}

} // namespace

class TestRestNodeService final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void nodeJsonRoundTrips();
    void pollsAndListsTheFleet();
    void diffsIntoSignals();
    void renameAndMaintenanceArePatched();
    void removeIsDeleted();
    void viewerGetsForbiddenFromTheServer();
    void missingNodeFailsWithNotFound();
    void historyIsCachedAndRefreshed();
    void issuesEnrollmentTokens();
    void enrollmentIsForbiddenForViewers();
    void endpointFollowsTheControllerUrl();
    void pollingStopsWhenSignedOut();
    void modelCacheJsonIsParsed();
    void modelCacheIsEmptyUntilTheControllerAnswers();
    void cacheMutationFailuresAreReported();

private:
    void signIn(const QString& user, const QString& password);

    std::unique_ptr<FakeControllerServer> m_server;
    std::unique_ptr<RemoteSession> m_session;
};

void TestRestNodeService::init()
{
    m_server = std::make_unique<FakeControllerServer>();
    QVERIFY(m_server->listen());
    m_server->putNode(makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), QStringLiteral("online"), 2));
    m_server->putNode(makeNode(QStringLiteral("n2"), QStringLiteral("beta"), QStringLiteral("offline"), 0));
    m_session = std::make_unique<RemoteSession>(m_server->url());
}

void TestRestNodeService::cleanup()
{
    m_session.reset();
    m_server.reset();
}

void TestRestNodeService::signIn(const QString& user, const QString& password)
{
    QSignalSpy signedIn(m_session.get(), &RemoteSession::signedIn);
    m_session->login(user, password, false);
    QVERIFY(signedIn.wait());
}

void TestRestNodeService::nodeJsonRoundTrips()
{
    const NodeInfo original = makeNode(QStringLiteral("n9"), QStringLiteral("gamma"), QStringLiteral("maintenance"), 2);
    const auto parsed = RestNodeService::nodeFromJson(aiops::controller::nodeToJson(original));
    QVERIFY(parsed);
    QCOMPARE(aiops::controller::nodeToJson(*parsed), aiops::controller::nodeToJson(original));
    QCOMPARE(parsed->lastHeartbeatMs, original.lastHeartbeatMs);
    QCOMPARE(parsed->gpuLive.size(), 2);
    QCOMPARE(parsed->gpuLive[1].powerUsage, 310.5);
    QCOMPARE(parsed->record.owner.userId, QStringLiteral("u-alice"));

    const auto bad = RestNodeService::nodeFromJson(QJsonObject { { QStringLiteral("name"), QStringLiteral("x") } });
    QVERIFY(!bad);
    QCOMPARE(bad.error().field, QStringLiteral("nodeId"));
}

void TestRestNodeService::pollsAndListsTheFleet()
{
    RestNodeService service(m_session.get(), kInterval);
    QVERIFY(!service.isPolling());
    QSignalSpy changed(&service, &RestNodeService::nodesChanged);
    QSignalSpy online(&service, &RestNodeService::nodeCameOnline);
    signIn(QStringLiteral("alice"), QStringLiteral("correct-horse"));
    QVERIFY(service.isPolling());
    QVERIFY(changed.wait());
    QCOMPARE(changed.at(0).at(0).toStringList(), (QStringList { QStringLiteral("n1"), QStringLiteral("n2") }));
    QCOMPARE(service.nodes().size(), 2);
    QCOMPARE(service.nodes().at(0).record.name, QStringLiteral("alpha"));
    QCOMPARE(service.node(QStringLiteral("n1"))->record.gpuDevices.size(), 2);
    QCOMPARE(service.node(QStringLiteral("n2"))->record.status, QStringLiteral("offline"));
    QVERIFY(!service.node(QStringLiteral("nope")));
    // The first poll learns the fleet; it does not announce nodes as newly online.
    QCOMPARE(online.count(), 0);
    // Unchanged polls are silent.
    const int polls = m_server->requestCount(QStringLiteral("GET /nodes"));
    QTRY_VERIFY(m_server->requestCount(QStringLiteral("GET /nodes")) >= polls + 3);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(service.heartbeatIntervalMs(), kInterval);
}

void TestRestNodeService::diffsIntoSignals()
{
    signIn(QStringLiteral("alice"), QStringLiteral("correct-horse"));
    RestNodeService service(m_session.get(), kInterval); // created after sign-in: polls at once
    QTRY_COMPARE(service.nodes().size(), 2);
    QSignalSpy changed(&service, &RestNodeService::nodesChanged);
    QSignalSpy removed(&service, &RestNodeService::nodeRemoved);
    QSignalSpy online(&service, &RestNodeService::nodeCameOnline);
    QSignalSpy offline(&service, &RestNodeService::nodeWentOffline);

    m_server->putNode(makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), QStringLiteral("offline"), 2));
    m_server->putNode(makeNode(QStringLiteral("n2"), QStringLiteral("beta"), QStringLiteral("online"), 0));
    m_server->putNode(makeNode(QStringLiteral("n3"), QStringLiteral("gamma"), QStringLiteral("online"), 1));
    QVERIFY(changed.wait());
    QCOMPARE(changed.at(0).at(0).toStringList(),
             (QStringList { QStringLiteral("n1"), QStringLiteral("n2"), QStringLiteral("n3") }));
    QCOMPARE(offline.count(), 1);
    QCOMPARE(offline.at(0).at(0).toString(), QStringLiteral("n1"));
    QCOMPARE(offline.at(0).at(1).toString(), QStringLiteral("alpha"));
    QCOMPARE(online.count(), 2);
    QCOMPARE(online.at(0).at(0).toString(), QStringLiteral("n2"));
    QCOMPARE(online.at(1).at(0).toString(), QStringLiteral("n3"));

    m_server->dropNode(QStringLiteral("n2"));
    QVERIFY(removed.wait());
    QCOMPARE(removed.at(0).at(0).toString(), QStringLiteral("n2"));
    QCOMPARE(service.nodes().size(), 2);
    QVERIFY(!service.node(QStringLiteral("n2")));
}

void TestRestNodeService::renameAndMaintenanceArePatched()
{
    signIn(QStringLiteral("alice"), QStringLiteral("correct-horse"));
    RestNodeService service(m_session.get(), 60'000); // only explicit polls
    QTRY_COMPARE(service.nodes().size(), 2);
    QSignalSpy failed(&service, &RestNodeService::operationFailed);
    QSignalSpy changed(&service, &RestNodeService::nodesChanged);

    service.renameNode(QStringLiteral("n1"), QStringLiteral("alpha-renamed"));
    QVERIFY(changed.wait());
    QCOMPARE(m_server->lastPatchBody(), (QJsonObject { { QStringLiteral("name"), QStringLiteral("alpha-renamed") } }));
    QCOMPARE(service.node(QStringLiteral("n1"))->record.name, QStringLiteral("alpha-renamed"));

    service.setMaintenance(QStringLiteral("n1"), true);
    QVERIFY(changed.wait());
    QCOMPARE(m_server->lastPatchBody(), (QJsonObject { { QStringLiteral("maintenance"), true } }));
    QCOMPARE(service.node(QStringLiteral("n1"))->record.status, QStringLiteral("maintenance"));
    QCOMPARE(failed.count(), 0);
}

void TestRestNodeService::removeIsDeleted()
{
    signIn(QStringLiteral("alice"), QStringLiteral("correct-horse"));
    RestNodeService service(m_session.get(), 60'000);
    QTRY_COMPARE(service.nodes().size(), 2);
    QSignalSpy removed(&service, &RestNodeService::nodeRemoved);
    service.removeNode(QStringLiteral("n2"));
    QVERIFY(removed.wait());
    QCOMPARE(removed.at(0).at(0).toString(), QStringLiteral("n2"));
    QCOMPARE(m_server->requestCount(QStringLiteral("DELETE /nodes/:id")), 1);
    QCOMPARE(m_server->nodes().size(), 1);
}

void TestRestNodeService::viewerGetsForbiddenFromTheServer()
{
    signIn(QStringLiteral("victor"), QStringLiteral("viewer-pass"));
    RestNodeService service(m_session.get(), 60'000);
    QTRY_COMPARE(service.nodes().size(), 2); // viewers see everything
    QSignalSpy failed(&service, &RestNodeService::operationFailed);
    service.setMaintenance(QStringLiteral("n1"), true);
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("maintenance"));
    const auto error = failed.at(0).at(1).value<Error>();
    QCOMPARE(error.code, ErrorCode::Forbidden);
    QCOMPARE(error.message, QStringLiteral("Viewers may not change nodes"));
    service.removeNode(QStringLiteral("n1"));
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(1).at(0).toString(), QStringLiteral("remove"));
    QCOMPARE(failed.at(1).at(1).value<Error>().code, ErrorCode::Forbidden);
    QCOMPARE(m_server->nodes().size(), 2);
    QCOMPARE(m_server->nodes().at(0).record.status, QStringLiteral("online"));
}

void TestRestNodeService::missingNodeFailsWithNotFound()
{
    signIn(QStringLiteral("alice"), QStringLiteral("correct-horse"));
    RestNodeService service(m_session.get(), 60'000);
    QSignalSpy failed(&service, &RestNodeService::operationFailed);
    service.renameNode(QStringLiteral("no such/node"), QStringLiteral("x"));
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("rename"));
    QCOMPARE(failed.at(0).at(1).value<Error>().code, ErrorCode::NotFound);
}

void TestRestNodeService::historyIsCachedAndRefreshed()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_server->setNodeHistory(QStringLiteral("n1"),
                             { { now - 4000, 10, 40, 50 }, { now - 2000, 20, 41, 50 }, { now - 1000, 30, 42, 50 } });
    m_server->setGpuHistory(QStringLiteral("n1"), QStringLiteral("gpu0"), { { now - 2000, 70, 30000, 60 } });
    signIn(QStringLiteral("alice"), QStringLiteral("correct-horse"));
    RestNodeService service(m_session.get(), kInterval);
    QTRY_COMPARE(service.nodes().size(), 2);
    QSignalSpy changed(&service, &RestNodeService::nodesChanged);

    // Nothing cached yet: empty now, the reply announces itself with nodesChanged({n1}).
    QVERIFY(service.nodeHistory(QStringLiteral("n1"), now - 60'000).isEmpty());
    QTRY_VERIFY(changed.count() > 0 && changed.last().at(0).toStringList() == QStringList { QStringLiteral("n1") });
    const auto history = service.nodeHistory(QStringLiteral("n1"), now - 60'000);
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.at(2).cpuUtilization, 30.0f);
    QCOMPARE(history.at(1).ramUsedPercent, 41.0f);
    QCOMPARE(service.nodeHistory(QStringLiteral("n1"), now - 1500).size(), 1); // filtered by since
    const auto gpu = service.gpuHistory(QStringLiteral("n1"), QStringLiteral("gpu0"), now - 60'000);
    QCOMPARE(gpu.size(), 1);
    QCOMPARE(gpu.at(0).memoryUsedMb, 30000.0f);
    QCOMPARE(gpu.at(0).temperature, 60.0f);
    QVERIFY(service.gpuHistory(QStringLiteral("n1"), QStringLiteral("gpu9"), now - 60'000).isEmpty());

    // New samples on the controller reach the cache on a later call.
    m_server->setNodeHistory(QStringLiteral("n1"), { { now - 4000, 10, 40, 50 }, { now - 500, 99, 43, 50 } });
    QTRY_COMPARE(service.nodeHistory(QStringLiteral("n1"), now - 60'000).size(), 2);
    QCOMPARE(service.nodeHistory(QStringLiteral("n1"), now - 60'000).last().cpuUtilization, 99.0f);
    // No request for nodes the controller does not have.
    QVERIFY(service.nodeHistory(QStringLiteral("ghost"), 0).isEmpty());
    QVERIFY(m_server->requestCount(QStringLiteral("GET /nodes/:id/metrics")) >= 2);
}

void TestRestNodeService::issuesEnrollmentTokens()
{
    signIn(QStringLiteral("alice"), QStringLiteral("correct-horse"));
    RestNodeService service(m_session.get(), 60'000);
    const auto token = service.issueEnrollmentToken();
    QVERIFY2(token, qPrintable(token ? QString() : token.error().message));
    QVERIFY(token->token.startsWith(QStringLiteral("aiops_et_")));
    QVERIFY(!token->tokenId.isEmpty());
    const qint64 validFor = QDateTime::currentDateTimeUtc().secsTo(token->expiresAt);
    QVERIFY2(validFor > 3500 && validFor <= 3600, qPrintable(QString::number(validFor)));
    const auto second = service.issueEnrollmentToken();
    QVERIFY(second);
    QVERIFY(second->token != token->token);
}

void TestRestNodeService::enrollmentIsForbiddenForViewers()
{
    signIn(QStringLiteral("victor"), QStringLiteral("viewer-pass"));
    RestNodeService service(m_session.get(), 60'000);
    const auto token = service.issueEnrollmentToken();
    QVERIFY(!token);
    QCOMPARE(token.error().code, ErrorCode::Forbidden);
    QCOMPARE(token.error().message, QStringLiteral("Your role may not register nodes"));

    RemoteSession signedOut(m_server->url());
    RestNodeService offline(&signedOut, 60'000);
    QCOMPARE(offline.issueEnrollmentToken().error().code, ErrorCode::Unauthorized);
}

void TestRestNodeService::endpointFollowsTheControllerUrl()
{
    RestNodeService plain(m_session.get());
    QCOMPARE(plain.nodeEndpointUrl(), QStringLiteral("ws://127.0.0.1:%1/ws/node").arg(m_server->url().port()));
    QCOMPARE(plain.heartbeatIntervalMs(), 2000);
    RemoteSession secure(QUrl(QStringLiteral("https://ctl.example.org:8750/aiops")));
    RestNodeService tls(&secure);
    QCOMPARE(tls.nodeEndpointUrl(), QStringLiteral("wss://ctl.example.org:8750/aiops/ws/node"));
}

void TestRestNodeService::pollingStopsWhenSignedOut()
{
    signIn(QStringLiteral("alice"), QStringLiteral("correct-horse"));
    RestNodeService service(m_session.get(), kInterval);
    QTRY_COMPARE(service.nodes().size(), 2);
    m_session->logout();
    QVERIFY(!service.isPolling());
    QTest::qWait(kInterval); // let a poll in flight land
    const int polls = m_server->requestCount(QStringLiteral("GET /nodes"));
    QTest::qWait(kInterval * 4);
    QCOMPARE(m_server->requestCount(QStringLiteral("GET /nodes")), polls);

    // Signing in again resumes polling; a controller that stops answering is reported.
    QSignalSpy failed(&service, &RestNodeService::pollFailed);
    signIn(QStringLiteral("alice"), QStringLiteral("correct-horse"));
    QVERIFY(service.isPolling());
    m_server->setDown(true);
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(0).at(0).value<Error>().code, ErrorCode::Unavailable);
}

void TestRestNodeService::modelCacheJsonIsParsed()
{
    using aiops::controller::NodeCacheRequest;
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);
    NodeCacheRequest copy { QStringLiteral("r1"),
                            QStringLiteral("n1"),
                            QStringLiteral("qwen"),
                            QStringLiteral("1.0.0"),
                            QStringLiteral("downloading"),
                            512,
                            2048,
                            25,
                            {},
                            {},
                            t,
                            t.addSecs(5) };
    NodeCacheRequest evict { QStringLiteral("r2"),
                             QStringLiteral("n1"),
                             QStringLiteral("phi"),
                             {},
                             QStringLiteral("failed"),
                             0,
                             0,
                             0,
                             QStringLiteral("IO_ERROR"),
                             QStringLiteral("read-only"),
                             t,
                             t };
    // The controller's own serialisation of requests, and the shape of GET /nodes/:id/models.
    const QJsonObject body {
        { QStringLiteral("nodeId"), QStringLiteral("n1") },
        { QStringLiteral("capacityMb"), 512000 },
        { QStringLiteral("usedMb"), 215040 },
        { QStringLiteral("reportedAt"), t.toString(Qt::ISODateWithMs) },
        { QStringLiteral("models"),
          QJsonArray { QJsonObject { { QStringLiteral("modelId"), QStringLiteral("qwen") },
                                     { QStringLiteral("version"), QStringLiteral("1.0.0") },
                                     { QStringLiteral("sizeMb"), 943 },
                                     { QStringLiteral("lastUsedAt"), 1'700'000'000'000.0 },
                                     { QStringLiteral("pinned"), true } } } },
        { QStringLiteral("requests"),
          QJsonArray { aiops::controller::NodeModelCaches::toJson(copy),
                       aiops::controller::NodeModelCaches::toJson(evict) } },
    };
    const auto view = RestNodeService::modelCacheFromJson(body);
    QVERIFY(view);
    QCOMPARE(view->capacityMb, 512000);
    QCOMPARE(view->usedMb, 215040);
    QCOMPARE(view->freeMb(), 512000 - 215040);
    QCOMPARE(view->reportedAt, t);
    QCOMPARE(view->models.size(), 1);
    QCOMPARE(view->models.first(),
             (aiops::protocol::CachedModelInfo {
                 QStringLiteral("qwen"), QStringLiteral("1.0.0"), 943, 1'700'000'000'000, true }));
    QCOMPARE(view->requests.size(), 2);
    QCOMPARE(view->requests.at(0), copy);
    QCOMPARE(view->requests.at(1), evict);
    QVERIFY(view->requests.at(1).isEviction());

    const auto never
        = RestNodeService::modelCacheFromJson(QJsonObject { { QStringLiteral("reportedAt"), QJsonValue() } });
    QVERIFY(never);
    QVERIFY(!never->hasReported());
    const auto bad = RestNodeService::modelCacheFromJson(QJsonObject { { QStringLiteral("models"), 3 } });
    QVERIFY(!bad);
    QCOMPARE(bad.error().field, QStringLiteral("models"));
}

void TestRestNodeService::modelCacheIsEmptyUntilTheControllerAnswers()
{
    signIn(QStringLiteral("alice"), QStringLiteral("correct-horse"));
    RestNodeService service(m_session.get(), kInterval);
    QTRY_COMPARE(service.nodes().size(), 2);
    QVERIFY(!service.modelCache(QStringLiteral("n1"))); // asks in the background
    QVERIFY(!service.modelCache(QStringLiteral("ghost")));
    // This fake controller has no cache route: the answer is an error, and the view stays empty.
    QTest::qWait(kInterval * 2);
    QVERIFY(!service.modelCache(QStringLiteral("n1")));
}

void TestRestNodeService::cacheMutationFailuresAreReported()
{
    signIn(QStringLiteral("victor"), QStringLiteral("viewer-pass"));
    RestNodeService service(m_session.get(), 60'000);
    QTRY_COMPARE(service.nodes().size(), 2);
    QSignalSpy failed(&service, &RestNodeService::operationFailed);
    service.cacheModelOnNode(QStringLiteral("n1"), QStringLiteral("qwen"));
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("cacheModel"));
    service.evictModelFromNode(QStringLiteral("n1"), QStringLiteral("qwen/with slash"));
    QVERIFY(failed.wait());
    QCOMPARE(failed.at(1).at(0).toString(), QStringLiteral("evictModel"));
}

QTEST_GUILESS_MAIN(TestRestNodeService)
#include "test_rest_node_service.moc"
