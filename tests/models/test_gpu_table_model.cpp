#include "models/GpuTableModel.h"
#include "models/ModelRoles.h"
#include "tests/support/FakeNodeService.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using aiops::models::GpuTableModel;
using aiops::testing::FakeNodeService;
namespace models = aiops::models;

class TestGpuTableModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();
    void listsEveryGpuOfTheFleet();
    void showsGpuValues();
    void updatesInPlaceWhenDevicesStayTheSame();
    void replacesRowsWhenDevicesChange();
    void removesRowsOfRemovedNode();
    void filtersToOneNode();
    void sortAndFractionRoles();

private:
    QString display(int row, int column) const { return m_model->data(m_model->index(row, column)).toString(); }

    std::unique_ptr<FakeNodeService> m_service;
    std::unique_ptr<GpuTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestGpuTableModel::init()
{
    m_service = std::make_unique<FakeNodeService>();
    m_model = std::make_unique<GpuTableModel>(m_service.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestGpuTableModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_service.reset();
}

void TestGpuTableModel::listsEveryGpuOfTheFleet()
{
    m_service->putNodes({ FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 2),
                          FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("beta"), 0),
                          FakeNodeService::makeNode(QStringLiteral("n3"), QStringLiteral("gamma"), 3) });
    QCOMPARE(m_model->rowCount(), 0);
    QTRY_COMPARE(m_model->rowCount(), 5);
    QCOMPARE(display(0, GpuTableModel::NodeColumn), QStringLiteral("alpha"));
    QCOMPARE(display(1, GpuTableModel::DeviceColumn), QStringLiteral("GPU 1"));
    QCOMPARE(display(2, GpuTableModel::NodeColumn), QStringLiteral("gamma"));
    QCOMPARE(m_model->data(m_model->index(4, 0), models::NodeIdRole).toString(), QStringLiteral("n3"));
    QCOMPARE(m_model->data(m_model->index(4, 0), models::DeviceIdRole).toString(), QStringLiteral("2"));
}

void TestGpuTableModel::showsGpuValues()
{
    auto node = FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 1);
    node.record.gpuDevices[0].utilization = 87;
    node.record.gpuDevices[0].memoryFree = 20 * 1024;
    node.record.gpuDevices[0].temperature = 71;
    node.gpuLive[0].powerUsage = 312;
    m_service->putNode(node);
    m_model->flush();
    QCOMPARE(display(0, GpuTableModel::ModelColumn), QStringLiteral("NVIDIA A100-SXM4-80GB"));
    QCOMPARE(display(0, GpuTableModel::UtilizationColumn), QStringLiteral("87%"));
    QCOMPARE(display(0, GpuTableModel::MemoryColumn), QStringLiteral("60.0 / 80.0 GiB"));
    QCOMPARE(display(0, GpuTableModel::TemperatureColumn), QStringLiteral("71 °C"));
    QCOMPARE(display(0, GpuTableModel::PowerColumn), QStringLiteral("312 W"));
    node.gpuLive.clear();
    m_service->putNode(node);
    m_model->flush();
    QCOMPARE(display(0, GpuTableModel::PowerColumn), QStringLiteral("\u2013"));
}

void TestGpuTableModel::updatesInPlaceWhenDevicesStayTheSame()
{
    auto node = FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 2);
    m_service->putNode(node);
    m_model->flush();
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    node.record.gpuDevices[1].utilization = 99;
    m_service->putNode(node);
    m_model->flush();
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(display(1, GpuTableModel::UtilizationColumn), QStringLiteral("99%"));
}

void TestGpuTableModel::replacesRowsWhenDevicesChange()
{
    m_service->putNodes({ FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 2),
                          FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("beta"), 1) });
    m_model->flush();
    QCOMPARE(m_model->rowCount(), 3);
    m_service->putNode(FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 4));
    m_model->flush();
    QCOMPARE(m_model->rowCount(), 5);
    // The node's rows stay together, ahead of the next node's.
    for (int row = 0; row < 4; ++row)
        QCOMPARE(m_model->data(m_model->index(row, 0), models::NodeIdRole).toString(), QStringLiteral("n1"));
    QCOMPARE(display(4, GpuTableModel::NodeColumn), QStringLiteral("beta"));
}

void TestGpuTableModel::removesRowsOfRemovedNode()
{
    m_service->putNodes({ FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 2),
                          FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("beta"), 1) });
    m_model->flush();
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    m_service->removeNode(QStringLiteral("n1"));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(display(0, GpuTableModel::NodeColumn), QStringLiteral("beta"));
}

void TestGpuTableModel::filtersToOneNode()
{
    m_service->putNodes({ FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 2),
                          FakeNodeService::makeNode(QStringLiteral("n2"), QStringLiteral("beta"), 3) });
    m_model->flush();
    m_model->setNodeFilter(QStringLiteral("n2"));
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(display(0, GpuTableModel::NodeColumn), QStringLiteral("beta"));
    // Changes of other nodes do not touch the filtered model.
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_service->putNode(FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 5));
    m_model->flush();
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(m_model->rowCount(), 3);
    m_model->setNodeFilter({});
    QCOMPARE(m_model->rowCount(), 8);
}

void TestGpuTableModel::sortAndFractionRoles()
{
    auto node = FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("alpha"), 1);
    node.record.gpuDevices[0].utilization = 75;
    node.record.gpuDevices[0].temperature = 68;
    m_service->putNode(node);
    m_model->flush();
    m_model->setTemperatureThreshold(85);
    QCOMPARE(m_model->data(m_model->index(0, GpuTableModel::UtilizationColumn), models::SortRole).toDouble(), 75.0);
    QCOMPARE(m_model->data(m_model->index(0, GpuTableModel::MemoryColumn), models::SortRole).toLongLong(), 20LL * 1024);
    QCOMPARE(m_model->data(m_model->index(0, GpuTableModel::UtilizationColumn), models::FractionRole).toDouble(), 0.75);
    QCOMPARE(m_model->data(m_model->index(0, GpuTableModel::MemoryColumn), models::FractionRole).toDouble(), 0.25);
    QCOMPARE(m_model->data(m_model->index(0, GpuTableModel::TemperatureColumn), models::FractionRole).toDouble(), 0.8);
    QVERIFY(!m_model->data(m_model->index(0, GpuTableModel::ModelColumn), models::FractionRole).isValid());
}

QTEST_GUILESS_MAIN(TestGpuTableModel)
#include "test_gpu_table_model.moc"
