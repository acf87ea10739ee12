#include "models/FleetSummary.h"
#include "tests/support/FakeNodeService.h"

#include <QSignalSpy>
#include <QTest>

using aiops::models::FleetSummary;
using aiops::testing::FakeNodeService;

class TestFleetSummary final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyFleet();
    void countsNodesByStatus();
    void aggregatesGpusOfReachableNodes();
    void coalescesAndEmitsOnlyOnChange();
    void followsRemovals();
    void exposesProperties();
};

void TestFleetSummary::emptyFleet()
{
    FakeNodeService service;
    FleetSummary summary(&service);
    QCOMPARE(summary.nodesTotal(), 0);
    QCOMPARE(summary.gpuCount(), 0);
    QCOMPARE(summary.avgGpuUtilization(), -1.0);
}

void TestFleetSummary::countsNodesByStatus()
{
    FakeNodeService service;
    FleetSummary summary(&service);
    service.putNodes(
        { FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("a"), 1),
          FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("b"), 1),
          FakeNodeService::makeNode(QStringLiteral("n3"), QStringLiteral("c"), 1, QStringLiteral("offline")),
          FakeNodeService::makeNode(QStringLiteral("n4"), QStringLiteral("d"), 1, QStringLiteral("maintenance")) });
    summary.flush();
    QCOMPARE(summary.nodesOnline(), 2);
    QCOMPARE(summary.nodesOffline(), 1);
    QCOMPARE(summary.nodesMaintenance(), 1);
    QCOMPARE(summary.nodesTotal(), 4);
}

void TestFleetSummary::aggregatesGpusOfReachableNodes()
{
    FakeNodeService service;
    auto a = FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("a"), 2); // 2 x 80 GiB, 60 free
    a.record.gpuDevices[0].utilization = 10;
    a.record.gpuDevices[1].utilization = 20;
    auto b = FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("b"), 1, QStringLiteral("maintenance"));
    b.record.gpuDevices[0].utilization = 90;
    auto c = FakeNodeService::makeNode(QStringLiteral("n3"), QStringLiteral("c"), 4, QStringLiteral("offline"));
    service.putNodes({ a, b, c });
    FleetSummary summary(&service);
    QCOMPARE(summary.gpuCount(), 3);
    QCOMPARE(summary.vramTotalMb(), 3LL * 80 * 1024);
    QCOMPARE(summary.vramFreeMb(), 3LL * 60 * 1024);
    QCOMPARE(summary.avgGpuUtilization(), 40.0);
}

void TestFleetSummary::coalescesAndEmitsOnlyOnChange()
{
    FakeNodeService service;
    FleetSummary summary(&service);
    QSignalSpy changed(&summary, &FleetSummary::changed);
    auto node = FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("a"), 1);
    for (int i = 0; i < 20; ++i) {
        node.record.gpuDevices[0].utilization = i;
        service.putNode(node);
    }
    QCOMPARE(changed.count(), 0);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(summary.avgGpuUtilization(), 19.0);
    service.putNode(node); // nothing changed
    summary.flush();
    QCOMPARE(changed.count(), 1);
}

void TestFleetSummary::followsRemovals()
{
    FakeNodeService service;
    service.putNodes({ FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("a"), 1),
                       FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("b"), 2) });
    FleetSummary summary(&service);
    QCOMPARE(summary.nodesOnline(), 2);
    QSignalSpy changed(&summary, &FleetSummary::changed);
    service.removeNode(QStringLiteral("n2"));
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(summary.nodesOnline(), 1);
    QCOMPARE(summary.gpuCount(), 1);
}

void TestFleetSummary::exposesProperties()
{
    FakeNodeService service;
    service.putNode(FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("a"), 2));
    FleetSummary summary(&service);
    QCOMPARE(summary.property("nodesOnline").toInt(), 1);
    QCOMPARE(summary.property("gpuCount").toInt(), 2);
    QCOMPARE(summary.property("vramTotalMb").toLongLong(), 2LL * 80 * 1024);
    QCOMPARE(summary.property("avgGpuUtilization").toDouble(), 50.0);
}

QTEST_GUILESS_MAIN(TestFleetSummary)
#include "test_fleet_summary.moc"
