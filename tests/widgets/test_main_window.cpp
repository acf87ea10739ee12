#include "core/iam/IamService.h"
#include "core/iam/Permissions.h"
#include "core/iam/SecretStore.h"
#include "models/FleetSummary.h"
#include "models/GpuTableModel.h"
#include "models/ModelRoles.h"
#include "models/NodeFilterModel.h"
#include "models/NodeTableModel.h"
#include "models/UserTableModel.h"
#include "tests/support/FakeNodeService.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/DashboardPage.h"
#include "widgets/MainWindow.h"
#include "widgets/NodeDetailPanel.h"
#include "widgets/NodesPage.h"
#include "widgets/RoleGate.h"
#include "widgets/Sidebar.h"
#include "widgets/SummaryCard.h"
#include "widgets/UsersAccessPage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QTranslator>
#include <cmath>

using aiops::testing::FakeNodeService;
using aiops::widgets::MainWindow;
namespace models = aiops::models;
namespace nodes = aiops::nodes;

using aiops::testing::darkPalette;
using aiops::testing::screenshotPath;

namespace {

// Ten minutes of plausible samples every 2 s, ending now.
void addHistory(FakeNodeService& service, const nodes::NodeInfo& node, double phase)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<nodes::NodePoint> points;
    for (qint64 t = now - 10 * 60 * 1000; t <= now; t += 2000) {
        const double x = double(t - now) / 60000.0 + phase;
        points.append({ t, float(35 + 20 * std::sin(x)), float(58 + 6 * std::sin(x / 3)), float(41 + 0.5 * x / 10) });
    }
    service.setNodeHistory(node.nodeId(), points);
    for (const auto& gpu : node.record.gpuDevices) {
        QList<nodes::GpuPoint> gpuPoints;
        const double offset = gpu.deviceId.toInt() * 0.9;
        for (qint64 t = now - 10 * 60 * 1000; t <= now; t += 2000) {
            const double x = double(t - now) / 60000.0 + phase + offset;
            gpuPoints.append({ t,
                               float(std::clamp(60 + 30 * std::sin(x), 0.0, 100.0)),
                               float(gpu.memoryTotal * (0.55 + 0.2 * std::sin(x / 2))),
                               float(62 + 8 * std::sin(x)) });
        }
        service.setGpuHistory(node.nodeId(), gpu.deviceId, gpuPoints);
    }
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsNodesOnDashboardAndNodesPage();
    void filtersAndShowsDetails();
    void nodeActionsCallTheService();
    void followsRemovals();
    void emptyFleetShowsAddNodeHint();
    void darkPaletteScreenshot();
    void vietnameseTranslation();
    void viewerSessionDisablesWhatTheRoleLacks();
    void ownerSessionOpensUsersAndAudit();

private:
    std::unique_ptr<aiops::iam::IamService> makeIam(QTemporaryDir& dir, aiops::iam::SecretStore* secrets);
    void populate();
    void settle();

    std::unique_ptr<FakeNodeService> m_service;
    std::unique_ptr<MainWindow> m_window;
    QTranslator m_english; // plural forms ("1 node", "2 nodes") come from the English translation
};

void TestMainWindow::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestMainWindow::init()
{
    m_service = std::make_unique<FakeNodeService>();
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_service.reset();
}

void TestMainWindow::populate()
{
    auto a = FakeNodeService::makeNode(QStringLiteral("node-7f3a"), QStringLiteral("dgx-a100-01"), 4);
    a.record.gpuDevices[0].utilization = 92;
    a.record.gpuDevices[0].temperature = 81;
    a.record.gpuDevices[0].memoryFree = 6 * 1024;
    a.record.gpuDevices[1].utilization = 64;
    a.record.gpuDevices[2].utilization = 12;
    a.record.gpuDevices[2].memoryFree = 72 * 1024;
    a.record.gpuDevices[3].utilization = 40;
    a.record.isLocal = true;
    a.cpuUtilization = 37;
    auto b = FakeNodeService::makeNode(QStringLiteral("node-91bc"), QStringLiteral("rtx-4090-lab"), 2);
    for (auto& gpu : b.record.gpuDevices) {
        gpu.model = QStringLiteral("NVIDIA GeForce RTX 4090");
        gpu.memoryTotal = 24 * 1024;
        gpu.memoryFree = 9 * 1024;
        gpu.utilization = 71;
        gpu.temperature = 66;
    }
    b.cpuUtilization = 18;
    b.record.ramTotal = 128 * 1024;
    b.record.ramFree = 70 * 1024;
    m_service->putNodes({ a, b });
    addHistory(*m_service, a, 0);
    addHistory(*m_service, b, 2);
}

void TestMainWindow::settle()
{
    m_window->nodeModel()->flush();
    m_window->gpuModel()->flush();
    m_window->fleetSummary()->flush();
    QTest::qWait(250); // the detail panel's own model, layout, chart refresh
    QApplication::processEvents();
}

void TestMainWindow::showsNodesOnDashboardAndNodesPage()
{
    populate();
    m_window = std::make_unique<MainWindow>(m_service.get());
    m_window->resize(1360, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    settle();

    QCOMPARE(m_window->sidebar()->pageTitles(), (QStringList { QStringLiteral("Dashboard"), QStringLiteral("Nodes") }));
    auto* dashboard = m_window->dashboardPage();
    QVERIFY(!dashboard->isShowingEmptyState());
    QCOMPARE(dashboard->nodesCard()->value(), QStringLiteral("2"));
    QCOMPARE(dashboard->gpusCard()->value(), QStringLiteral("6"));
    QCOMPARE(m_window->onlineStatusText(), QStringLiteral("2 of 2 nodes online"));
    QCOMPARE(m_window->controllerStatusText(), QStringLiteral("Controller listening on 127.0.0.1:8750"));
    QCOMPARE(dashboard->gpuTable()->model()->rowCount(), 6);
    QCOMPARE(dashboard->selectedNodeId(), QStringLiteral("node-7f3a"));
    QCOMPARE(dashboard->systemChart()->seriesCount(), 3);
    QCOMPARE(dashboard->gpuUtilizationChart()->seriesCount(), 4);
    QVERIFY(dashboard->gpuMemoryChart()->pointCount() > 0);
    QVERIFY(m_window->grab().save(screenshotPath(QStringLiteral("dashboard.png"))));

    m_window->showPage(MainWindow::Page::Nodes);
    auto* page = m_window->nodesPage();
    QVERIFY(!page->isShowingEmptyState());
    QTableView* table = page->table();
    QCOMPARE(table->model()->rowCount(), 2);
    QStringList names;
    for (int row = 0; row < table->model()->rowCount(); ++row)
        names << table->model()->index(row, models::NodeTableModel::NameColumn).data().toString();
    QCOMPARE(names, (QStringList { QStringLiteral("dgx-a100-01"), QStringLiteral("rtx-4090-lab") }));
    QVERIFY(page->selectNode(QStringLiteral("node-7f3a")));
    QApplication::processEvents();
    QCOMPARE(page->detailPanel()->titleText(), QStringLiteral("dgx-a100-01"));
    QVERIFY(page->renameAction()->isEnabled());
    QVERIFY(m_window->grab().save(screenshotPath(QStringLiteral("nodes.png"))));
}

void TestMainWindow::filtersAndShowsDetails()
{
    populate();
    m_window = std::make_unique<MainWindow>(m_service.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->showPage(MainWindow::Page::Nodes);
    settle();
    auto* page = m_window->nodesPage();
    QTest::keyClicks(page->filterEdit(), QStringLiteral("4090"));
    QCOMPARE(page->table()->model()->rowCount(), 1);
    page->filterEdit()->clear();
    page->statusFilter()->setCurrentIndex(page->statusFilter()->findData(QStringLiteral("maintenance")));
    QCOMPARE(page->table()->model()->rowCount(), 0);
    page->statusFilter()->setCurrentIndex(0);
    QCOMPARE(page->table()->model()->rowCount(), 2);

    QVERIFY(page->selectNode(QStringLiteral("node-91bc")));
    QCOMPARE(page->detailPanel()->nodeId(), QStringLiteral("node-91bc"));
    QTRY_COMPARE(page->detailPanel()->gpuTable()->model()->rowCount(), 2);
}

void TestMainWindow::nodeActionsCallTheService()
{
    populate();
    m_window = std::make_unique<MainWindow>(m_service.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->showPage(MainWindow::Page::Nodes);
    settle();
    auto* page = m_window->nodesPage();
    page->setRenamePrompt([](QWidget*, const QString& current) -> std::optional<QString> {
        return current + QStringLiteral("-renamed");
    });
    bool confirmed = false;
    page->setRemoveConfirmation([&confirmed](QWidget*, const QString&) { return confirmed; });
    QVERIFY(page->selectNode(QStringLiteral("node-91bc")));

    page->renameAction()->trigger();
    QCOMPARE(m_service->calls().size(), 1);
    QCOMPARE(m_service->calls().at(0).operation, QStringLiteral("rename"));
    QCOMPARE(m_service->calls().at(0).argument, QStringLiteral("rtx-4090-lab-renamed"));
    QTRY_COMPARE(page->detailPanel()->titleText(), QStringLiteral("rtx-4090-lab-renamed"));

    page->maintenanceAction()->trigger();
    QCOMPARE(m_service->calls().at(1).operation, QStringLiteral("setMaintenance"));
    QCOMPARE(m_service->calls().at(1).argument, QStringLiteral("true"));
    QTRY_VERIFY(page->maintenanceAction()->isChecked());

    page->removeAction()->trigger(); // declined
    QCOMPARE(m_service->calls().size(), 2);
    confirmed = true;
    page->removeAction()->trigger();
    QCOMPARE(m_service->calls().size(), 3);
    QCOMPARE(m_service->calls().at(2).operation, QStringLiteral("remove"));
    QCOMPARE(page->table()->model()->rowCount(), 1);
    QVERIFY(page->detailPanel()->nodeId().isEmpty());
    QVERIFY(!page->removeAction()->isEnabled());
}

void TestMainWindow::followsRemovals()
{
    populate();
    m_window = std::make_unique<MainWindow>(m_service.get());
    m_window->show();
    settle();
    m_service->dropNode(QStringLiteral("node-7f3a"));
    settle();
    QCOMPARE(m_window->dashboardPage()->nodesCard()->value(), QStringLiteral("1"));
    QCOMPARE(m_window->dashboardPage()->selectedNodeId(), QStringLiteral("node-91bc"));
    QCOMPARE(m_window->dashboardPage()->gpuTable()->model()->rowCount(), 2);
    QCOMPARE(m_window->onlineStatusText(), QStringLiteral("1 of 1 node online"));
}

void TestMainWindow::emptyFleetShowsAddNodeHint()
{
    m_window = std::make_unique<MainWindow>(m_service.get());
    m_window->resize(1360, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    settle();
    QVERIFY(m_window->dashboardPage()->isShowingEmptyState());
    QVERIFY(m_window->nodesPage()->isShowingEmptyState());
    QCOMPARE(m_window->onlineStatusText(), QStringLiteral("No nodes"));
    QVERIFY(m_window->grab().save(screenshotPath(QStringLiteral("dashboard-empty.png"))));

    m_service->putNode(FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("first"), 1));
    settle();
    QVERIFY(!m_window->dashboardPage()->isShowingEmptyState());
    QVERIFY(!m_window->nodesPage()->isShowingEmptyState());
    QVERIFY(!m_window->dashboardPage()->isShowingNoGpusHint());

    m_service->putNode(FakeNodeService::makeNode(QStringLiteral("n1"), QStringLiteral("first"), 0)); // lost its GPU
    settle();
    QVERIFY(m_window->dashboardPage()->isShowingNoGpusHint());
    QCOMPARE(m_window->dashboardPage()->gpusCard()->value(), QStringLiteral("0"));
}

void TestMainWindow::darkPaletteScreenshot()
{
    const QPalette light = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x1e, 0x20, 0x24));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe8, 0xeb));
    dark.setColor(QPalette::Base, QColor(0x26, 0x29, 0x2e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2c, 0x2f, 0x35));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xeb));
    dark.setColor(QPalette::Button, QColor(0x2c, 0x2f, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe8, 0xeb));
    dark.setColor(QPalette::Highlight, QColor(0x3b, 0x82, 0xf6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Midlight, QColor(0x34, 0x38, 0x3f));
    dark.setColor(QPalette::Mid, QColor(0x44, 0x48, 0x50));
    dark.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x90, 0x99));
    QApplication::setPalette(dark);

    populate();
    m_window = std::make_unique<MainWindow>(m_service.get());
    m_window->resize(1360, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    settle();
    const QImage shot = m_window->grab().toImage();
    QVERIFY(shot.save(screenshotPath(QStringLiteral("dashboard-dark.png"))));
    // The page background follows the palette instead of a hard-coded light colour.
    QVERIFY(shot.pixelColor(shot.width() - 4, shot.height() / 2).lightness() < 100);
    m_window->showPage(MainWindow::Page::Nodes);
    m_window->nodesPage()->selectNode(QStringLiteral("node-7f3a"));
    QApplication::processEvents();
    QVERIFY(m_window->grab().save(screenshotPath(QStringLiteral("nodes-dark.png"))));
    QApplication::setPalette(light);
}

void TestMainWindow::vietnameseTranslation()
{
    QTranslator vietnamese;
    QVERIFY(vietnamese.load(QStringLiteral(":/i18n/aiops_vi.qm")));
    QCoreApplication::removeTranslator(&m_english);
    QCoreApplication::installTranslator(&vietnamese);
    populate();
    m_window = std::make_unique<MainWindow>(m_service.get());
    m_window->resize(1360, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    settle();
    QCOMPARE(m_window->sidebar()->pageTitles(), (QStringList { QStringLiteral("Tổng quan"), QStringLiteral("Node") }));
    QCOMPARE(m_window->onlineStatusText(), QStringLiteral("2/2 node trực tuyến"));
    QCOMPARE(m_window->dashboardPage()->nodesCard()->detail(), QStringLiteral("trên tổng 2 node"));
    QVERIFY(m_window->grab().save(screenshotPath(QStringLiteral("dashboard-vi.png"))));
    m_window->showPage(MainWindow::Page::Nodes);
    m_window->nodesPage()->selectNode(QStringLiteral("node-91bc"));
    QApplication::processEvents();
    QVERIFY(m_window->grab().save(screenshotPath(QStringLiteral("nodes-vi.png"))));
    m_window.reset();
    QCoreApplication::removeTranslator(&vietnamese);
    QCoreApplication::installTranslator(&m_english);
}

std::unique_ptr<aiops::iam::IamService> TestMainWindow::makeIam(QTemporaryDir& dir, aiops::iam::SecretStore* secrets)
{
    aiops::iam::IamService::Options options;
    options.databasePath = dir.filePath(QStringLiteral("controller.db"));
    options.secrets = secrets;
    options.fastPasswordHashing = true;
    auto created = aiops::iam::IamService::create(options);
    if (!created)
        return nullptr;
    (void)(*created)->ensureOwner(QStringLiteral("universe.owner"), QStringLiteral("owner-passw0rd"));
    return std::move(*created);
}

void TestMainWindow::viewerSessionDisablesWhatTheRoleLacks()
{
    namespace iam = aiops::iam;
    QTemporaryDir dir;
    const auto secrets = iam::makeMemorySecretStore();
    const auto service = makeIam(dir, secrets.get());
    QVERIFY(service);
    populate();
    m_window = std::make_unique<MainWindow>(m_service.get());
    m_window->resize(1360, 900);
    iam::Principal viewer;
    viewer.subject = QStringLiteral("u-viewer");
    viewer.displayName = QStringLiteral("Bao Tran");
    viewer.roles = { QStringLiteral("universe.viewer") };
    viewer.orgId = QStringLiteral("default");
    m_window->setSession(service.get(), viewer);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    settle();

    QCOMPARE(m_window->sidebar()->pageTitles(),
             (QStringList { QStringLiteral("Dashboard"),
                            QStringLiteral("Nodes"),
                            QStringLiteral("Users & access"),
                            QStringLiteral("Audit log") }));
    QCOMPARE(m_window->sessionStatusText(), QStringLiteral("Signed in as Bao Tran (Universe viewer)"));
    QVERIFY(!m_window->isPageEnabled(MainWindow::Page::UsersAccess));
    QVERIFY(!m_window->isPageEnabled(MainWindow::Page::AuditLog));
    m_window->showPage(MainWindow::Page::UsersAccess);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::Dashboard);

    m_window->showPage(MainWindow::Page::Nodes);
    auto* page = m_window->nodesPage();
    const QString reason = iam::deniedExplanation(iam::Permission::RegisterNodes);
    QVERIFY(!page->addNodeButton()->isEnabled());
    QCOMPARE(page->addNodeButton()->toolTip(), reason);
    QVERIFY(page->selectNode(QStringLiteral("node-7f3a")));
    QApplication::processEvents();
    for (QAction* action : { page->renameAction(), page->maintenanceAction(), page->removeAction() }) {
        QVERIFY(!action->isEnabled());
        QCOMPARE(action->toolTip(), reason);
    }
    page->removeAction()->trigger();
    QVERIFY(m_service->calls().isEmpty());
    m_window->onAddNodeRequested(); // e.g. from the dashboard: explained, no dialog
    QCOMPARE(m_window->statusMessage(), reason);

    // The screenshot shows the disabled button with its tooltip.
    QToolTip::showText(page->addNodeButton()->mapToGlobal(QPoint(0, page->addNodeButton()->height() + 4)),
                       page->addNodeButton()->toolTip(),
                       page->addNodeButton());
    QImage shot = m_window->grab().toImage();
    const auto tops = QApplication::topLevelWidgets();
    const auto tip = std::find_if(
        tops.cbegin(), tops.cend(), [](const QWidget* w) { return w->inherits("QTipLabel") && w->isVisible(); });
    QVERIFY(tip != tops.cend());
    {
        QPainter painter(&shot);
        // Placed under the button as on a real screen (the offscreen screen is smaller than the window).
        const QPoint at = page->addNodeButton()->mapTo(
            m_window.get(),
            QPoint(page->addNodeButton()->width() - (*tip)->width(), page->addNodeButton()->height() + 4));
        painter.drawPixmap(at, (*tip)->grab());
    }
    QVERIFY(shot.save(screenshotPath(QStringLiteral("nodes-viewer.png"))));
    QToolTip::hideText();

    // Signing in as an editor enables the node actions again.
    viewer.roles = { QStringLiteral("organization.editor") };
    m_window->setSession(service.get(), viewer);
    QVERIFY(page->addNodeButton()->isEnabled());
    QVERIFY(page->renameAction()->isEnabled());
    QVERIFY(!m_window->isPageEnabled(MainWindow::Page::UsersAccess));
}

void TestMainWindow::ownerSessionOpensUsersAndAudit()
{
    namespace iam = aiops::iam;
    QTemporaryDir dir;
    const auto secrets = iam::makeMemorySecretStore();
    const auto service = makeIam(dir, secrets.get());
    QVERIFY(service);
    const iam::User owner = service->users().constFirst();
    m_window = std::make_unique<MainWindow>(m_service.get());
    iam::Principal principal;
    principal.subject = owner.userId;
    principal.displayName = owner.username;
    principal.roles = owner.roles;
    principal.orgId = owner.orgId;
    m_window->setSession(service.get(), principal);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->sessionStatusText(), QStringLiteral("Signed in as universe.owner (Universe owner)"));
    QVERIFY(m_window->isPageEnabled(MainWindow::Page::UsersAccess));
    m_window->showPage(MainWindow::Page::UsersAccess);
    QCOMPARE(m_window->currentPage(), MainWindow::Page::UsersAccess);
    QCOMPARE(m_window->usersAccessPage()->userModel()->rowCount(), 1);
    QVERIFY(m_window->usersAccessPage()->addUserAction()->isEnabled());
    QTest::keySequence(m_window.get(), QKeySequence(Qt::CTRL | Qt::Key_5));
    QCOMPARE(m_window->currentPage(), MainWindow::Page::AuditLog);
    QVERIFY(m_window->nodesPage()->addNodeButton()->isEnabled());
}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
