#include "core/nodes/NodeRegistry.h"

#include "core/store/Database.h"
#include "core/store/NodeRepository.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace aiops;
using nodes::NodeRegistry;

namespace {

protocol::NodeRegister makeRegister(const QString& id, int gpus = 2)
{
    protocol::NodeRegister r;
    r.nodeId = id;
    r.name = id + QStringLiteral("-name");
    r.cpuCores = 16;
    r.ramTotal = 64000;
    r.diskTotal = 500000;
    for (int i = 0; i < gpus; ++i)
        r.gpuDevices.append(protocol::GpuInventory { QString::number(i), QStringLiteral("Tesla P40"), 24000, {}, {} });
    return r;
}

protocol::NodeHeartbeat
makeHeartbeat(const QString& id, qint64 ts, double util = 40, qint64 memFree = 12000, double temp = 60)
{
    protocol::NodeHeartbeat h;
    h.nodeId = id;
    h.timestamp = ts;
    h.metrics.ramFree = 32000;
    h.metrics.diskFree = 250000;
    h.metrics.cpuUtilization = 25;
    h.metrics.gpuDevices.append(protocol::GpuSample { QStringLiteral("0"), memFree, util, temp, 120.0 });
    h.metrics.gpuDevices.append(protocol::GpuSample { QStringLiteral("1"), 24000, 0, 35, std::nullopt });
    return h;
}

} // namespace

class NodeRegistryTest final : public QObject
{
    Q_OBJECT
private:
    qint64 m_now = 1'700'000'000'000;
    NodeRegistry::Options options()
    {
        NodeRegistry::Options o;
        o.heartbeatIntervalMs = 1000;
        o.missedHeartbeats = 3;
        o.gpuTemperatureThreshold = 85;
        o.changeCoalesceMs = 10;
        return o;
    }
    std::unique_ptr<NodeRegistry> makeRegistry(store::NodeRepository* repo = nullptr)
    {
        auto r = std::make_unique<NodeRegistry>(repo, options(), [this] { return m_now; });
        [&] {
            QVERIFY(r->start().has_value());
        }();
        return r;
    }

private Q_SLOTS:
    void init() { m_now = 1'700'000'000'000; }

    void registerBringsNodeOnline()
    {
        auto reg = makeRegistry();
        QSignalSpy online(reg.get(), &NodeRegistry::nodeCameOnline);
        auto info = reg->registerNode(makeRegister(QStringLiteral("n1")), 1);
        QVERIFY(info.has_value());
        QCOMPARE(info->record.status, QStringLiteral("online"));
        QCOMPARE(info->record.gpuDevices.size(), 2);
        QCOMPARE(online.size(), 1);
        const auto event = online.at(0).at(0).value<protocol::NodeOnline>();
        QCOMPARE(event.nodeId, QStringLiteral("n1"));
        QCOMPARE(event.gpuCount, 2);
        QCOMPARE(reg->stats().online, 1);
    }

    void heartbeatUpdatesMetricsAndHistory()
    {
        auto reg = makeRegistry();
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 1));
        m_now += 1000;
        QVERIFY(reg->heartbeat(makeHeartbeat(QStringLiteral("n1"), m_now - 7, 55, 10000), 1));
        const auto n = reg->node(QStringLiteral("n1"));
        QVERIFY(n);
        QCOMPARE(n->record.gpuDevices[0].utilization, 55.0);
        QCOMPARE(n->record.gpuDevices[0].memoryFree, 10000);
        QCOMPARE(n->record.ramFree, 32000);
        QCOMPARE(n->diskFree, 250000);
        QCOMPARE(n->cpuUtilization, 25.0);
        QCOMPARE(n->gpuLive[0].powerUsage, 120.0);
        QCOMPARE(n->gpuLive[1].powerUsage, -1.0);
        const auto gpu = reg->gpuHistory(QStringLiteral("n1"), QStringLiteral("0"), 0);
        QCOMPARE(gpu.size(), 1);
        QCOMPARE(gpu[0].memoryUsedMb, 14000.0f);
        QCOMPARE(reg->nodeHistory(QStringLiteral("n1"), 0).size(), 1);
        QCOMPARE(reg->stats().heartbeats, quint64(1));
        QCOMPARE(reg->stats().latencyP99Ms, 7.0);
    }

    void heartbeatErrors_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        QTest::newRow("not registered") << 0 << QStringLiteral("NODE_NOT_REGISTERED") << QStringLiteral("nodeId");
        QTest::newRow("other node id") << 1 << QStringLiteral("NODE_ID_MISMATCH") << QStringLiteral("nodeId");
        QTest::newRow("unknown gpu") << 2 << QStringLiteral("INVALID_VALUE")
                                     << QStringLiteral("metrics.gpuDevices[0].deviceId");
        QTest::newRow("memoryFree > memoryTotal")
            << 3 << QStringLiteral("OUT_OF_RANGE") << QStringLiteral("metrics.gpuDevices[0].memoryFree");
        QTest::newRow("ramFree > ramTotal") << 4 << QStringLiteral("OUT_OF_RANGE") << QStringLiteral("metrics.ramFree");
    }
    void heartbeatErrors()
    {
        QFETCH(int, kind);
        QFETCH(QString, code);
        QFETCH(QString, field);
        auto reg = makeRegistry();
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 1));
        auto hb = makeHeartbeat(QStringLiteral("n1"), m_now);
        nodes::ConnectionId conn = 1;
        switch (kind) {
        case 0: conn = 99; break;
        case 1: hb.nodeId = QStringLiteral("n2"); break;
        case 2: hb.metrics.gpuDevices[0].deviceId = QStringLiteral("7"); break;
        case 3: hb.metrics.gpuDevices[0].memoryFree = 24001; break;
        case 4: hb.metrics.ramFree = 64001; break;
        }
        const auto before = reg->node(QStringLiteral("n1"));
        auto r = reg->heartbeat(hb, conn);
        QVERIFY(!r);
        QCOMPARE(r.error().codeName(), code);
        QCOMPARE(r.error().field, field);
        // A rejected heartbeat changes nothing.
        QCOMPARE(reg->node(QStringLiteral("n1"))->record.gpuDevices[0].memoryFree,
                 before->record.gpuDevices[0].memoryFree);
        QCOMPARE(reg->stats().heartbeats, quint64(0));
    }

    void missedHeartbeatsGoOfflineThenBackOnline()
    {
        auto reg = makeRegistry();
        QSignalSpy offline(reg.get(), &NodeRegistry::nodeWentOffline);
        QSignalSpy online(reg.get(), &NodeRegistry::nodeCameOnline);
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 1));
        m_now += 3000; // exactly 3 intervals: still online
        reg->checkLiveness();
        QCOMPARE(offline.size(), 0);
        m_now += 1;
        reg->checkLiveness();
        QCOMPARE(offline.size(), 1);
        QCOMPARE(offline.at(0).at(0).value<protocol::NodeOffline>().reason, QStringLiteral("heartbeat timeout"));
        QCOMPARE(reg->node(QStringLiteral("n1"))->record.status, QStringLiteral("offline"));
        reg->checkLiveness();
        QCOMPARE(offline.size(), 1); // reported once
        QVERIFY(reg->heartbeat(makeHeartbeat(QStringLiteral("n1"), m_now), 1));
        QCOMPARE(online.size(), 2);
        QCOMPARE(reg->node(QStringLiteral("n1"))->record.status, QStringLiteral("online"));
    }

    void perNodeIntervalFromConfig()
    {
        auto reg = makeRegistry();
        auto r = makeRegister(QStringLiteral("n1"));
        r.config.insert(QStringLiteral("heartbeatIntervalMs"), 5000);
        QVERIFY(reg->registerNode(r, 1));
        m_now += 14000;
        reg->checkLiveness();
        QCOMPARE(reg->node(QStringLiteral("n1"))->record.status, QStringLiteral("online"));
        m_now += 2000;
        reg->checkLiveness();
        QCOMPARE(reg->node(QStringLiteral("n1"))->record.status, QStringLiteral("offline"));
    }

    void socketCloseIsImmediateOffline()
    {
        auto reg = makeRegistry();
        QSignalSpy offline(reg.get(), &NodeRegistry::nodeWentOffline);
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 1));
        reg->connectionClosed(1);
        QCOMPARE(offline.size(), 1);
        const auto n = reg->node(QStringLiteral("n1"));
        QCOMPARE(n->record.status, QStringLiteral("offline"));
        QVERIFY(!n->record.websocketConnected);
        QVERIFY(!reg->connectionOf(QStringLiteral("n1")));
    }

    void reconnectSupersedesOldConnectionAndKeepsIdentity()
    {
        auto reg = makeRegistry();
        QSignalSpy superseded(reg.get(), &NodeRegistry::connectionSuperseded);
        QSignalSpy offline(reg.get(), &NodeRegistry::nodeWentOffline);
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 1));
        const auto created = reg->node(QStringLiteral("n1"))->record.createdAt;
        m_now += 500;
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 2));
        QCOMPARE(superseded.size(), 1);
        QCOMPARE(superseded.at(0).at(0).value<nodes::ConnectionId>(), nodes::ConnectionId(1));
        reg->connectionClosed(1); // the old socket closing must not take the node offline
        QCOMPARE(offline.size(), 0);
        QCOMPARE(reg->nodes().size(), 1);
        QCOMPARE(reg->node(QStringLiteral("n1"))->record.createdAt, created);
        QCOMPARE(*reg->connectionOf(QStringLiteral("n1")), nodes::ConnectionId(2));
        // A connection cannot switch identities.
        auto other = reg->registerNode(makeRegister(QStringLiteral("n2")), 2);
        QVERIFY(!other);
        QCOMPARE(other.error().code, ErrorCode::NodeIdMismatch);
    }

    void maintenanceSurvivesHeartbeatsAndTimeouts()
    {
        auto reg = makeRegistry();
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 1));
        QVERIFY(reg->setMaintenance(QStringLiteral("n1"), true));
        QVERIFY(reg->heartbeat(makeHeartbeat(QStringLiteral("n1"), m_now), 1));
        m_now += 10000;
        reg->checkLiveness();
        QCOMPARE(reg->node(QStringLiteral("n1"))->record.status, QStringLiteral("maintenance"));
        QVERIFY(reg->setMaintenance(QStringLiteral("n1"), false));
        QCOMPARE(reg->node(QStringLiteral("n1"))->record.status, QStringLiteral("online"));
        QCOMPARE(reg->setMaintenance(QStringLiteral("nope"), true).error().code, ErrorCode::NotFound);
    }

    void renameValidates()
    {
        auto reg = makeRegistry();
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 1));
        QVERIFY(reg->rename(QStringLiteral("n1"), QStringLiteral("  gpu-box  ")));
        QCOMPARE(reg->node(QStringLiteral("n1"))->record.name, QStringLiteral("gpu-box"));
        QCOMPARE(reg->rename(QStringLiteral("n1"), QStringLiteral("   ")).error().code, ErrorCode::InvalidValue);
        QCOMPARE(reg->rename(QStringLiteral("n1"), QString(256, u'x')).error().code, ErrorCode::InvalidValue);
    }

    void temperatureAlertOncePerCrossing()
    {
        auto reg = makeRegistry();
        QSignalSpy hot(reg.get(), &NodeRegistry::gpuTemperatureHigh);
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 1));
        QVERIFY(reg->heartbeat(makeHeartbeat(QStringLiteral("n1"), m_now, 90, 1000, 90), 1));
        QVERIFY(reg->heartbeat(makeHeartbeat(QStringLiteral("n1"), m_now, 90, 1000, 91), 1));
        QCOMPARE(hot.size(), 1);
        QCOMPARE(hot.at(0).at(1).toString(), QStringLiteral("0"));
        QVERIFY(reg->heartbeat(makeHeartbeat(QStringLiteral("n1"), m_now, 10, 1000, 70), 1));
        QVERIFY(reg->heartbeat(makeHeartbeat(QStringLiteral("n1"), m_now, 90, 1000, 88), 1));
        QCOMPARE(hot.size(), 2);
    }

    void changesAreCoalesced()
    {
        auto reg = makeRegistry();
        QSignalSpy changed(reg.get(), &NodeRegistry::nodesChanged);
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 1));
        QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n2")), 2));
        for (int i = 0; i < 50; ++i)
            QVERIFY(reg->heartbeat(makeHeartbeat(QStringLiteral("n1"), m_now), 1));
        QTRY_COMPARE(changed.size(), 1);
        QStringList ids = changed.at(0).at(0).toStringList();
        ids.sort();
        QCOMPARE(ids, (QStringList { QStringLiteral("n1"), QStringLiteral("n2") }));
    }

    void statusIsPersistedInBatchesAndReloaded()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto db = store::Database::openSqlite(dir.filePath(QStringLiteral("t.sqlite")));
        QVERIFY2(db.has_value(), qPrintable(db ? QString() : db.error().message));
        store::NodeRepository repo(**db);
        {
            auto reg = makeRegistry(&repo);
            QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n1")), 1));
            QVERIFY(reg->registerNode(makeRegister(QStringLiteral("n2")), 2));
            // Registration is written at once (identity); heartbeats only reach the database on flush.
            QCOMPARE((*repo.find(QStringLiteral("n1")))->ramFree, 0);
            QVERIFY(reg->heartbeat(makeHeartbeat(QStringLiteral("n1"), m_now), 1));
            QCOMPARE((*repo.find(QStringLiteral("n1")))->ramFree, 0);
            auto written = reg->flush();
            QVERIFY(written.has_value());
            QCOMPARE(*written, 1);
            QCOMPARE((*repo.find(QStringLiteral("n1")))->ramFree, 32000);
            QCOMPARE(*reg->flush(), 0); // nothing pending
            QVERIFY(reg->setMaintenance(QStringLiteral("n2"), true));
            QVERIFY(reg->remove(QStringLiteral("n1")));
        }
        auto reg = makeRegistry(&repo);
        const auto all = reg->nodes();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].record.nodeId, QStringLiteral("n2"));
        QCOMPARE(all[0].record.status, QStringLiteral("maintenance"));
        QVERIFY(!all[0].record.websocketConnected);
        QCOMPARE(all[0].record.gpuDevices.size(), 2);
    }
};

QTEST_GUILESS_MAIN(NodeRegistryTest)
#include "NodeRegistryTest.moc"
