#include "models/ModelRoles.h"
#include "models/NodeFilterModel.h"
#include "models/NodeTableModel.h"
#include "tests/support/FakeNodeService.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using aiops::models::NodeTableModel;
using aiops::testing::FakeNodeService;
namespace models = aiops::models;

class TestNodeTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();
    void showsNodesPresentAtConstruction();
    void insertsRegisteredNodes();
    void coalescesBurstsIntoOneRepaint();
    void updatesChangedRows();
    void removesRowsOnNodeRemoved();
    void removalBeforeFlushDropsPendingChange();
    void displaysAggregates_data();
    void displaysAggregates();
    void sortRoleCarriesRawNumbers();
    void heartbeatUsesInjectedClock();
    void filterModelMatchesTextAndStatus();

private:
    QString display(int row, int column) const { return m_model->data(m_model->index(row, column)).toString(); }

    std::unique_ptr<FakeNodeService> m_service;
    std::unique_ptr<NodeTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestNodeTableModel::init()
{
    m_service = std::make_unique<FakeNodeService>();
    m_model = std::make_unique<NodeTableModel>(m_service.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestNodeTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_service.reset();
}

void TestNodeTableModel::showsNodesPresentAtConstruction()
{
    FakeNodeService service;
    service.putNode(FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 2));
    service.putNode(FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("beta"), 1));
    NodeTableModel model(&service);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(NodeTableModel::ColumnCount));
    QCOMPARE(model.data(model.index(0, NodeTableModel::NameColumn)).toString(), QStringLiteral("alpha"));
    QCOMPARE(model.data(model.index(1, NodeTableModel::NameColumn), models::NodeIdRole).toString(),
             QStringLiteral("n2"));
}

void TestNodeTableModel::insertsRegisteredNodes()
{
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_service->putNode(FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 2));
    QCOMPARE(m_model->rowCount(), 0); // coalesced: not applied before the repaint tick
    QTRY_COMPARE(m_model->rowCount(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(display(0, NodeTableModel::NameColumn), QStringLiteral("alpha"));
    QCOMPARE(display(0, NodeTableModel::StatusColumn), QStringLiteral("Online"));
    QCOMPARE(m_model->rowOf(QStringLiteral("n1")), 0);
}

void TestNodeTableModel::coalescesBurstsIntoOneRepaint()
{
    m_service->putNode(FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 1));
    m_model->flush();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    auto node = FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 1);
    for (int i = 0; i < 50; ++i) {
        node.cpuUtilization = i;
        m_service->putNode(node);
    }
    QCOMPARE(changed.count(), 0);
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(display(0, NodeTableModel::CpuColumn), QStringLiteral("49%"));
}

void TestNodeTableModel::updatesChangedRows()
{
    m_service->putNodes({ FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 1),
                          FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("beta"), 1) });
    m_model->flush();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_service->renameNode(QStringLiteral("n2"), QStringLiteral("gamma"));
    m_service->setMaintenance(QStringLiteral("n2"), true);
    m_model->flush();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(display(1, NodeTableModel::NameColumn), QStringLiteral("gamma"));
    QCOMPARE(display(1, NodeTableModel::StatusColumn), QStringLiteral("Maintenance"));
    QCOMPARE(m_model->data(m_model->index(1, 0), models::StatusRole).toString(), QStringLiteral("maintenance"));
    QCOMPARE(display(0, NodeTableModel::NameColumn), QStringLiteral("alpha"));
}

void TestNodeTableModel::removesRowsOnNodeRemoved()
{
    m_service->putNodes({ FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 1),
                          FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("beta"), 1),
                          FakeNodeService::makeNode(QStringLiteral("n3"), QStringLiteral("gamma"), 1) });
    m_model->flush();
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_service->removeNode(QStringLiteral("n2"));
    QCOMPARE(removed.count(), 1); // not coalesced
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(display(1, NodeTableModel::NameColumn), QStringLiteral("gamma"));
    QCOMPARE(m_model->rowOf(QStringLiteral("n3")), 1);
    QCOMPARE(m_model->rowOf(QStringLiteral("n2")), -1);
}

void TestNodeTableModel::removalBeforeFlushDropsPendingChange()
{
    m_service->putNode(FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 1));
    m_service->dropNode(QStringLiteral("n1"));
    m_model->flush();
    QCOMPARE(m_model->rowCount(), 0);
}

void TestNodeTableModel::displaysAggregates_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");
    QTest::newRow("gpus") << int(NodeTableModel::GpuCountColumn) << QStringLiteral("2");
    QTest::newRow("vram") << int(NodeTableModel::VramColumn) << QStringLiteral("40.0 / 160.0 GiB");
    QTest::newRow("gpu util") << int(NodeTableModel::GpuUtilizationColumn) << QStringLiteral("30%");
    QTest::newRow("cpu") << int(NodeTableModel::CpuColumn) << QStringLiteral("25%");
    QTest::newRow("ram") << int(NodeTableModel::RamColumn) << QStringLiteral("64.0 / 256.0 GiB");
}

void TestNodeTableModel::displaysAggregates()
{
    QFETCH(int, column);
    QFETCH(QString, expected);
    auto node = FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 2);
    node.record.gpuDevices[0].utilization = 20;
    node.record.gpuDevices[1].utilization = 40;
    m_service->putNode(node);
    m_model->flush();
    QCOMPARE(display(0, column), expected);
}

void TestNodeTableModel::sortRoleCarriesRawNumbers()
{
    auto a = FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("Bravo"), 4);
    a.cpuUtilization = 90;
    auto b = FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("alpha"), 1);
    b.cpuUtilization = 10;
    auto c = FakeNodeService::makeNode(QStringLiteral("n3"), QStringLiteral("charlie"), 0, QStringLiteral("offline"));
    c.cpuUtilization = -1;
    m_service->putNodes({ a, b, c });
    m_model->flush();

    QCOMPARE(m_model->data(m_model->index(0, NodeTableModel::GpuCountColumn), models::SortRole).toInt(), 4);
    QCOMPARE(m_model->data(m_model->index(0, NodeTableModel::CpuColumn), models::SortRole).toDouble(), 90.0);
    QCOMPARE(m_model->data(m_model->index(0, NodeTableModel::VramColumn), models::SortRole).toLongLong(),
             4LL * 20 * 1024);
    QCOMPARE(display(2, NodeTableModel::GpuUtilizationColumn), QStringLiteral("\u2013"));
    QCOMPARE(m_model->data(m_model->index(2, NodeTableModel::GpuUtilizationColumn), models::SortRole).toDouble(), -1.0);

    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model.get());
    proxy.setSortRole(models::SortRole);
    proxy.sort(NodeTableModel::CpuColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, NodeTableModel::NameColumn).data().toString(), QStringLiteral("Bravo"));
    QCOMPARE(proxy.index(2, NodeTableModel::NameColumn).data().toString(), QStringLiteral("charlie"));
    proxy.sort(NodeTableModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, NodeTableModel::NameColumn).data().toString(), QStringLiteral("alpha"));
    QCOMPARE(proxy.index(1, NodeTableModel::NameColumn).data().toString(), QStringLiteral("Bravo"));
    proxy.sort(NodeTableModel::StatusColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(2, NodeTableModel::NameColumn).data().toString(), QStringLiteral("charlie"));
}

void TestNodeTableModel::heartbeatUsesInjectedClock()
{
    auto node = FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 1);
    node.lastHeartbeatMs = 1'000'000;
    auto never = FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("beta"), 1);
    never.lastHeartbeatMs = 0;
    m_service->putNodes({ node, never });
    m_model->flush();
    m_model->setClock([] { return qint64(1'000'000 + 125'000); });
    QCOMPARE(display(0, NodeTableModel::HeartbeatColumn), QStringLiteral("2 min ago"));
    QCOMPARE(m_model->data(m_model->index(0, NodeTableModel::HeartbeatColumn), models::SortRole).toLongLong(),
             1'000'000LL);
    QCOMPARE(display(1, NodeTableModel::HeartbeatColumn), QStringLiteral("never"));
    m_model->setClock([] { return qint64(1'000'000 + 30'000); });
    QCOMPARE(display(0, NodeTableModel::HeartbeatColumn), QStringLiteral("30 s ago"));
}

void TestNodeTableModel::filterModelMatchesTextAndStatus()
{
    auto a = FakeNodeService::makeNode(QStringLiteral("n-a1"), QStringLiteral("trainer-01"), 8);
    auto b = FakeNodeService::makeNode(QStringLiteral("n-b2"), QStringLiteral("inference-01"), 2);
    auto c = FakeNodeService::makeNode(
        QStringLiteral("n-c3"), QStringLiteral("inference-02"), 2, QStringLiteral("maintenance"));
    m_service->putNodes({ a, b, c });
    m_model->flush();
    models::NodeFilterModel filter;
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setSourceModel(m_model.get());
    QCOMPARE(filter.rowCount(), 3);
    filter.setText(QStringLiteral("  Inference "));
    QCOMPARE(filter.rowCount(), 2);
    filter.setStatus(QStringLiteral("maintenance"));
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, NodeTableModel::NameColumn).data().toString(), QStringLiteral("inference-02"));
    filter.setStatus({});
    filter.setText(QStringLiteral("n-a1")); // by id
    QCOMPARE(filter.rowCount(), 1);
    filter.setText(QStringLiteral("trainer-01.lab")); // by hostname
    QCOMPARE(filter.rowCount(), 1);
    filter.setText(QStringLiteral("nothing-matches"));
    QCOMPARE(filter.rowCount(), 0);
    filter.setText({});
    // A node that changes status leaves a status-filtered view.
    filter.setStatus(QStringLiteral("online"));
    QCOMPARE(filter.rowCount(), 2);
    m_service->setMaintenance(QStringLiteral("n-a1"), true);
    m_model->flush();
    QCOMPARE(filter.rowCount(), 1);
}

QTEST_GUILESS_MAIN(TestNodeTableModel)
#include "test_node_table_model.moc"
