#include "models/NodeTableModel.h"
#include "tests/support/FakeNodeService.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/MainWindow.h"
#include "widgets/NodeModelCachePanel.h"
#include "widgets/NodesPage.h"
#include "widgets/RoleGate.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QStyleFactory>
#include <QTabBar>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>

using aiops::controller::NodeCacheRequest;
using aiops::controller::NodeModelCacheView;
using aiops::testing::FakeNodeService;
using aiops::widgets::MainWindow;
using aiops::widgets::NodeModelCachePanel;

using aiops::testing::darkPalette;
using aiops::testing::screenshotPath;

namespace {

constexpr qint64 kGiB = 1024; // MiB

NodeCacheRequest
request(const QString& id, const QString& modelId, const QString& version, const QString& status, int progress = 0)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    NodeCacheRequest r;
    r.requestId = id;
    r.nodeId = QStringLiteral("node-a");
    r.modelId = modelId;
    r.version = version;
    r.status = status;
    r.progress = progress;
    r.bytesTotal = version.isEmpty() ? 0 : qint64(16) * 1024 * 1024 * 1024;
    r.bytesDone = r.bytesTotal * progress / 100;
    r.createdAt = now;
    r.changedAt = now;
    return r;
}

NodeModelCacheView cacheOfNodeA()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    NodeModelCacheView view;
    view.capacityMb = 500 * kGiB;
    view.usedMb = 210 * kGiB;
    view.reportedAt = QDateTime::currentDateTimeUtc().addSecs(-12);
    view.models = {
        { QStringLiteral("qwen2.5-0.5b-instruct"), QStringLiteral("1.0.0"), 1 * kGiB, now - 3 * 60'000, true },
        { QStringLiteral("mistral-7b-instruct-v0.3"), QStringLiteral("1.1.0"), 14 * kGiB, now - 2 * 3'600'000, false },
        { QStringLiteral("whisper-small"), QStringLiteral("1.0.0"), 967, 0, false },
    };
    NodeCacheRequest failed = request(QStringLiteral("r1"), QStringLiteral("phi-3-mini"), {}, QStringLiteral("failed"));
    failed.errorCode = QStringLiteral("IO_ERROR");
    failed.error = QStringLiteral("disk is read-only");
    view.requests = {
        request(
            QStringLiteral("r0"), QStringLiteral("whisper-small"), QStringLiteral("1.0.0"), QStringLiteral("ready")),
        failed,
        request(QStringLiteral("r2"),
                QStringLiteral("llama-3.1-8b-instruct"),
                QStringLiteral("1.0.0"),
                QStringLiteral("downloading"),
                45),
    };
    return view;
}

} // namespace

class TestNodeModelCache final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsCachedModelsDiskUseAndRequests();
    void showsHelpfulEmptyState();
    void followsCacheChanges();
    void removeAsksFirstAndEvictsOnlyAfterOk();
    void removeFailureIsShown();
    void viewerSeesRemoveDisabled();
    void screenshotsLightAndDark();

private:
    NodeModelCachePanel* openNodeA();
    void settle();

    std::unique_ptr<FakeNodeService> m_service;
    std::unique_ptr<MainWindow> m_window;
    QTranslator m_english;
};

void TestNodeModelCache::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestNodeModelCache::init()
{
    m_service = std::make_unique<FakeNodeService>();
    m_service->putNodes({ FakeNodeService::makeNode(QStringLiteral("node-a"), QStringLiteral("gpu-01"), 2),
                          FakeNodeService::makeNode(QStringLiteral("node-b"), QStringLiteral("gpu-02"), 1) });
    m_service->setModelCache(QStringLiteral("node-a"), cacheOfNodeA());
    m_window = std::make_unique<MainWindow>(m_service.get());
    m_window->resize(1360, 900);
    m_window->showPage(MainWindow::Page::Nodes);
}

void TestNodeModelCache::cleanup()
{
    m_window.reset();
    m_service.reset();
}

void TestNodeModelCache::settle()
{
    m_window->nodeModel()->flush();
    QApplication::processEvents();
    QApplication::processEvents();
}

NodeModelCachePanel* TestNodeModelCache::openNodeA()
{
    settle();
    auto* page = m_window->nodesPage();
    if (!page->selectNode(QStringLiteral("node-a")))
        return nullptr;
    page->showModelCacheTab();
    QApplication::processEvents();
    return page->modelCachePanel();
}

void TestNodeModelCache::showsCachedModelsDiskUseAndRequests()
{
    auto* page = m_window->nodesPage();
    settle();
    QVERIFY(page->detailTabs()->isHidden()); // nothing selected: only the overview's hint
    auto* panel = openNodeA();
    QVERIFY(panel);
    QCOMPARE(panel->nodeId(), QStringLiteral("node-a"));
    QVERIFY(!page->detailTabs()->isHidden());
    QCOMPARE(page->detailTabs()->tabText(1), QStringLiteral("Models on this node (3)"));
    QCOMPARE(panel->usageText(), QStringLiteral("210.0 GiB used of 500.0 GiB (290.0 GiB free)"));
    auto* bar = panel->findChild<QWidget*>(QStringLiteral("cacheUsageBar"));
    QVERIFY(bar && !bar->isHidden());
    QVERIFY(!panel->isShowingEmptyState());

    QTableWidget* table = panel->modelsTable();
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("qwen2.5-0.5b-instruct"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("1.0.0"));
    QCOMPARE(table->item(1, 3)->text(), QStringLiteral("14.0 GiB"));
    QCOMPARE(table->item(2, 3)->text(), QStringLiteral("967 MiB"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("3 min ago"));
    QCOMPARE(table->item(1, 2)->text(), QStringLiteral("2 h ago"));
    QCOMPARE(table->item(2, 2)->text(), QStringLiteral("never"));
    // The state is written out, not only coloured.
    auto* pinned = table->cellWidget(0, 4)->findChild<QLabel*>();
    QVERIFY(pinned);
    QCOMPARE(pinned->text(), QStringLiteral("In use"));
    QCOMPARE(table->cellWidget(1, 4)->findChild<QLabel*>()->text(), QStringLiteral("Cached"));

    // The running copy with its progress, the failed removal with the node's reason; the finished
    // copy of whisper is not repeated.
    const QStringList requests = panel->requestTexts();
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(0), QStringLiteral("Removing phi-3-mini · Failed: disk is read-only"));
    QCOMPARE(requests.at(1),
             QStringLiteral("Copying llama-3.1-8b-instruct 1.0.0 · Downloading 45% · 7.2 GiB of 16.0 GiB"));
    auto* error = panel->findChild<QLabel*>(QStringLiteral("cacheRequestError"));
    QVERIFY(error);
    const QColor color = error->palette().color(QPalette::WindowText);
    QVERIFY(color.red() > color.blue());
}

void TestNodeModelCache::showsHelpfulEmptyState()
{
    auto* page = m_window->nodesPage();
    settle();
    QVERIFY(page->selectNode(QStringLiteral("node-b")));
    page->showModelCacheTab();
    auto* panel = page->modelCachePanel();
    QVERIFY(panel->isShowingEmptyState());
    QCOMPARE(panel->emptyStateText(),
             QStringLiteral("No models cached on this node yet. Use Models → Copy to node… to prefetch one."));
    QCOMPARE(panel->usageText(), QStringLiteral("The node has not reported its model cache yet."));
    QVERIFY(panel->findChild<QWidget*>(QStringLiteral("cacheUsageBar"))->isHidden());
    QCOMPARE(page->detailTabs()->tabText(1), QStringLiteral("Models on this node"));

    // Reported but empty: the disk bar, still the hint.
    NodeModelCacheView empty;
    empty.capacityMb = 100 * kGiB;
    empty.reportedAt = QDateTime::currentDateTimeUtc();
    m_service->setModelCache(QStringLiteral("node-b"), empty);
    QVERIFY(panel->isShowingEmptyState());
    QCOMPARE(panel->usageText(), QStringLiteral("0 MiB used of 100.0 GiB (100.0 GiB free)"));
    QVERIFY(!panel->findChild<QWidget*>(QStringLiteral("cacheUsageBar"))->isHidden());
}

void TestNodeModelCache::followsCacheChanges()
{
    auto* panel = openNodeA();
    QVERIFY(panel);
    auto view = cacheOfNodeA();
    view.models.removeLast();
    view.usedMb -= 967;
    m_service->setModelCache(QStringLiteral("node-a"), view);
    QCOMPARE(panel->modelsTable()->rowCount(), 2);
    QCOMPARE(m_window->nodesPage()->detailTabs()->tabText(1), QStringLiteral("Models on this node (2)"));
    QVERIFY(!panel->removeButton(QStringLiteral("whisper-small")));
    // Another node's change does not touch the panel.
    m_service->setModelCache(QStringLiteral("node-b"), cacheOfNodeA());
    QCOMPARE(panel->modelsTable()->rowCount(), 2);
}

void TestNodeModelCache::removeAsksFirstAndEvictsOnlyAfterOk()
{
    auto* panel = openNodeA();
    QVERIFY(panel);
    bool answer = false;
    QString askedModel;
    QString askedNode;
    panel->setRemoveConfirmation([&](QWidget*, const QString& modelId, const QString& nodeName) {
        askedModel = modelId;
        askedNode = nodeName;
        return answer;
    });
    // A model a deployment uses cannot be removed.
    QAbstractButton* pinned = panel->removeButton(QStringLiteral("qwen2.5-0.5b-instruct"));
    QVERIFY(pinned);
    QVERIFY(!pinned->isEnabled());
    QVERIFY(pinned->toolTip().contains(QStringLiteral("deployment")));

    QAbstractButton* remove = panel->removeButton(QStringLiteral("mistral-7b-instruct-v0.3"));
    QVERIFY(remove && remove->isEnabled());
    QCOMPARE(remove->text(), QStringLiteral("Remove from node…"));
    remove->click();
    QCOMPARE(askedModel, QStringLiteral("mistral-7b-instruct-v0.3"));
    QCOMPARE(askedNode, QStringLiteral("gpu-01"));
    QVERIFY(m_service->calls().isEmpty()); // cancelled: nothing sent

    answer = true;
    remove->click();
    QCOMPARE(m_service->calls().size(), 1);
    QCOMPARE(m_service->calls().first().operation, QStringLiteral("evictModel"));
    QCOMPARE(m_service->calls().first().nodeId, QStringLiteral("node-a"));
    QCOMPARE(m_service->calls().first().argument, QStringLiteral("mistral-7b-instruct-v0.3"));
    // While the node works on it, the request shows and the button waits.
    QVERIFY(
        panel->requestTexts().contains(QStringLiteral("Removing mistral-7b-instruct-v0.3… · Waiting for the node")));
    QVERIFY(!panel->removeButton(QStringLiteral("mistral-7b-instruct-v0.3"))->isEnabled());
}

void TestNodeModelCache::removeFailureIsShown()
{
    auto* panel = openNodeA();
    QVERIFY(panel);
    panel->setRemoveConfirmation([](QWidget*, const QString&, const QString&) { return true; });
    m_service->failNextOperation({ aiops::ErrorCode::Conflict, QStringLiteral("deployed on gpu-01") });
    panel->removeButton(QStringLiteral("whisper-small"))->click();
    QCOMPARE(panel->failureText(), QStringLiteral("Could not remove the model: deployed on gpu-01"));
    // Gone once another node is shown.
    QVERIFY(m_window->nodesPage()->selectNode(QStringLiteral("node-b")));
    QVERIFY(panel->failureText().isEmpty());
}

void TestNodeModelCache::viewerSeesRemoveDisabled()
{
    auto* panel = openNodeA();
    QVERIFY(panel);
    QVERIFY(panel->removeButton(QStringLiteral("whisper-small"))->isEnabled());
    m_window->roleGate()->setRoles({ QStringLiteral("universe.viewer") });
    QAbstractButton* remove = panel->removeButton(QStringLiteral("whisper-small"));
    QVERIFY(!remove->isEnabled());
    QCOMPARE(remove->toolTip(), panel->removeAction()->toolTip());
    QVERIFY(!remove->toolTip().isEmpty());
    bool asked = false;
    panel->setRemoveConfirmation([&](QWidget*, const QString&, const QString&) { return asked = true; });
    remove->click();
    QVERIFY(!asked);
    QVERIFY(m_service->calls().isEmpty());
    // A later refresh keeps them disabled; an operator gets them back.
    m_service->setModelCache(QStringLiteral("node-a"), cacheOfNodeA());
    QVERIFY(!panel->removeButton(QStringLiteral("whisper-small"))->isEnabled());
    m_window->roleGate()->setRoles({ QStringLiteral("universe.owner") });
    QVERIFY(panel->removeButton(QStringLiteral("whisper-small"))->isEnabled());
}

void TestNodeModelCache::screenshotsLightAndDark()
{
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(openNodeA());
    QTest::qWait(100);
    QVERIFY(m_window->grab().save(screenshotPath(QStringLiteral("node-model-cache.png"))));
    const QPalette saved = QApplication::palette();
    QApplication::setPalette(darkPalette());
    QTest::qWait(100);
    QVERIFY(m_window->grab().save(screenshotPath(QStringLiteral("node-model-cache-dark.png"))));
    QVERIFY(m_window->nodesPage()->selectNode(QStringLiteral("node-b")));
    QTest::qWait(50);
    QVERIFY(m_window->nodesPage()->grab().save(screenshotPath(QStringLiteral("node-model-cache-empty-dark.png"))));
    QApplication::setPalette(saved);
}

QTEST_MAIN(TestNodeModelCache)
#include "test_node_model_cache.moc"
