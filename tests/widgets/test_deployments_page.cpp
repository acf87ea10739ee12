// DeploymentsPage over FakeDeploymentService: rows and status text, the coalesced table, the detail
// panel (endpoint copy actions, the error with its suggestion, the logs viewer), stop and remove
// behind a confirmation, the keyboard, the main window's gated page, and screenshots.
#include "models/DeploymentTableModel.h"
#include "models/ModelRoles.h"
#include "tests/support/FakeDeploymentService.h"
#include "tests/support/FakeModelService.h"
#include "tests/support/FakeNodeService.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/DeployWizard.h"
#include "widgets/DeploymentsPage.h"
#include "widgets/MainWindow.h"
#include "widgets/ModelsPage.h"
#include "widgets/RoleGate.h"
#include "widgets/Sidebar.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using aiops::deploy::DeploymentPhase;
using aiops::deploy::DeploymentRecord;
using aiops::deploy::DeploymentStatus;
using aiops::models::DeploymentTableModel;
using aiops::testing::FakeDeploymentService;
using aiops::testing::FakeModelService;
using aiops::testing::FakeNodeService;
using aiops::widgets::DeploymentsPage;
using aiops::widgets::MainWindow;

using aiops::testing::darkPalette;
using aiops::testing::screenshotPath;

namespace {

// Clicks the button labelled `buttonText` of the next message box that opens, and keeps its text.
struct MessageBoxAnswer
{
    QString text;
    QString informativeText;
    bool seen = false;
};

void answerNextMessageBox(const QString& buttonText, MessageBoxAnswer* answer)
{
    auto* poll = new QTimer;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, buttonText, answer] {
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            auto* box = qobject_cast<QMessageBox*>(widget);
            if (!box || !box->isVisible())
                continue;
            answer->seen = true;
            answer->text = box->text();
            answer->informativeText = box->informativeText();
            for (QAbstractButton* button : box->buttons()) {
                if (button->text().remove(QLatin1Char('&')) == buttonText) {
                    button->click();
                    poll->deleteLater();
                    return;
                }
            }
        }
    });
    poll->start();
    QTimer::singleShot(10000, poll, &QObject::deleteLater);
}

DeploymentRecord runningRecord()
{
    auto r = FakeDeploymentService::makeRecord(
        QStringLiteral("dep-run"), QStringLiteral("qwen2.5-0.5b-instruct"), DeploymentStatus::Running);
    r.instanceId = QStringLiteral("a1b2c3d4");
    r.endpoint = QStringLiteral("/models/qwen2.5-0.5b-instruct/a1b2c3d4/v1/inference");
    r.requestCount = 1234;
    r.avgLatencyMs = 84;
    r.lastRequestAt = QDateTime::currentDateTimeUtc().addSecs(-30);
    r.deployedAt = QDateTime(QDate(2026, 11, 24), QTime(1, 15), Qt::UTC);
    return r;
}

DeploymentRecord deployingRecord()
{
    auto r = FakeDeploymentService::makeRecord(
        QStringLiteral("dep-new"), QStringLiteral("mistral-7b-instruct-v0.3"), DeploymentStatus::Deploying);
    r.instanceId = QStringLiteral("77aa01fe");
    r.nodeId = QStringLiteral("node-b");
    r.gpuDevices = { QStringLiteral("0"), QStringLiteral("1") };
    r.phase = DeploymentPhase::Pulling;
    r.progress = 40;
    r.endpoint.clear();
    return r;
}

DeploymentRecord failedRecord()
{
    auto r = FakeDeploymentService::makeRecord(
        QStringLiteral("dep-bad"), QStringLiteral("whisper-small"), DeploymentStatus::Failed);
    r.instanceId = QStringLiteral("0f0f0f0f");
    r.framework = QStringLiteral("triton");
    r.image = QStringLiteral("nvcr.io/nvidia/tritonserver:24.08-py3");
    r.error = QStringLiteral("container exited: CUDA out of memory. Tried to allocate 2.00 GiB");
    r.endpoint.clear();
    return r;
}

} // namespace

class TestDeploymentsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void tableModelPassesTheTester();
    void showsEmptyStateWithoutDeployments();
    void listsDeploymentsWithStatusText();
    void coalescesChangeBursts();
    void detailShowsEndpointAndCopiesIt();
    void failedDeploymentShowsErrorAndSuggestion();
    void stopAsksFirstAndStopsTheSelected();
    void cancellingTheStopDoesNothing();
    void deleteKeyStopsAfterConfirmation();
    void stopErrorIsShown();
    void removeIsForStoppedOrFailedOnly();
    void logsAreLoadedAndFollowed();
    void mainWindowAddsTheGatedPage();
    void screenshotsLightAndDark();

private:
    void populate();
    void makePage();
    void settle();

    std::unique_ptr<FakeDeploymentService> m_service;
    std::unique_ptr<FakeModelService> m_models;
    std::unique_ptr<FakeNodeService> m_nodes;
    std::unique_ptr<DeploymentsPage> m_page;
    QTranslator m_english;
};

void TestDeploymentsPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestDeploymentsPage::init()
{
    m_service = std::make_unique<FakeDeploymentService>();
    m_models = std::make_unique<FakeModelService>();
    m_models->putModel(FakeModelService::makeModel(QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"), 988, 494032768));
    m_models->putModel(
        FakeModelService::makeModel(QStringLiteral("mistralai/Mistral-7B-Instruct-v0.3"), 14496, 7248023552));
    m_models->putModel(FakeModelService::makeModel(QStringLiteral("openai/whisper-small"), 967, 241734912));
    m_nodes = std::make_unique<FakeNodeService>();
    m_nodes->putNodes({ FakeNodeService::makeNode(QStringLiteral("node-a"), QStringLiteral("gpu-01"), 2),
                        FakeNodeService::makeNode(QStringLiteral("node-b"), QStringLiteral("gpu-02"), 4) });
}

void TestDeploymentsPage::cleanup()
{
    m_page.reset();
    m_service.reset();
    m_models.reset();
    m_nodes.reset();
}

void TestDeploymentsPage::populate()
{
    m_service->putDeployment(runningRecord());
    m_service->putDeployment(deployingRecord());
    m_service->putDeployment(failedRecord());
}

void TestDeploymentsPage::makePage()
{
    m_page = std::make_unique<DeploymentsPage>(m_service.get(), m_models.get(), m_nodes.get());
    m_page->resize(1180, 860);
    m_page->show();
    // Delete and Ctrl+C are shortcuts of the table: they need the page to be the active window.
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    settle();
}

void TestDeploymentsPage::settle()
{
    QApplication::processEvents();
    QApplication::processEvents();
}

void TestDeploymentsPage::tableModelPassesTheTester()
{
    DeploymentTableModel model(m_service.get(), m_models.get(), m_nodes.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    populate();
    model.flush();
    QCOMPARE(model.rowCount(), 3);
    m_service->dropDeployment(QStringLiteral("dep-new"));
    QCOMPARE(model.rowCount(), 2); // removals apply at once
    QCOMPARE(model.rowOf(QStringLiteral("dep-new")), -1);
}

void TestDeploymentsPage::showsEmptyStateWithoutDeployments()
{
    makePage();
    QVERIFY(m_page->isShowingEmptyState());
    QCOMPARE(m_page->subtitle(), QStringLiteral("Models running on your GPU nodes, with their endpoints"));
    QVERIFY(m_page->emptyStateDeployButton());
    QVERIFY(m_page->emptyStateDeployButton()->isVisible());
    QVERIFY(m_page->grab().save(screenshotPath(QStringLiteral("deployments-page-empty.png"))));
    m_service->putDeployment(runningRecord());
    m_page->deploymentTable()->flush();
    QVERIFY(!m_page->isShowingEmptyState());
}

void TestDeploymentsPage::listsDeploymentsWithStatusText()
{
    populate();
    makePage();
    DeploymentTableModel* model = m_page->deploymentTable();
    QCOMPARE(model->rowCount(), 3);
    auto cell = [model](const QString& id, int column, int role = Qt::DisplayRole) {
        return model->index(model->rowOf(id), column).data(role);
    };
    QCOMPARE(cell(QStringLiteral("dep-run"), DeploymentTableModel::StatusColumn).toString(), QStringLiteral("Running"));
    QCOMPARE(cell(QStringLiteral("dep-new"), DeploymentTableModel::StatusColumn).toString(),
             QStringLiteral("Deploying · pulling 40 %"));
    QCOMPARE(cell(QStringLiteral("dep-bad"), DeploymentTableModel::StatusColumn).toString(), QStringLiteral("Failed"));
    // Colour and shape key for StatusDelegate: filled green, half amber, red ring.
    QCOMPARE(cell(QStringLiteral("dep-run"), 0, aiops::models::StatusRole).toString(), QStringLiteral("online"));
    QCOMPARE(cell(QStringLiteral("dep-new"), 0, aiops::models::StatusRole).toString(), QStringLiteral("maintenance"));
    QCOMPARE(cell(QStringLiteral("dep-bad"), 0, aiops::models::StatusRole).toString(), QStringLiteral("offline"));
    QCOMPARE(cell(QStringLiteral("dep-run"), DeploymentTableModel::ModelColumn).toString(),
             QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"));
    QCOMPARE(cell(QStringLiteral("dep-new"), DeploymentTableModel::NodeColumn).toString(),
             QStringLiteral("gpu-02 · GPUs 0, 1"));
    QCOMPARE(cell(QStringLiteral("dep-run"), DeploymentTableModel::HealthColumn).toString(), QStringLiteral("Healthy"));
    QCOMPARE(cell(QStringLiteral("dep-run"), DeploymentTableModel::RequestsColumn).toString(), QStringLiteral("1,234"));
    QCOMPARE(cell(QStringLiteral("dep-run"), DeploymentTableModel::LatencyColumn).toString(), QStringLiteral("84 ms"));
    QCOMPARE(cell(QStringLiteral("dep-bad"), DeploymentTableModel::LastRequestColumn).toString(),
             QStringLiteral("never"));
    QCOMPARE(m_page->subtitle(), QStringLiteral("3 deployments · 1 running · 1 deploying · 1 failed"));
}

void TestDeploymentsPage::coalescesChangeBursts()
{
    populate();
    makePage();
    DeploymentTableModel* model = m_page->deploymentTable();
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    auto record = deployingRecord();
    for (int progress = 41; progress <= 60; ++progress) {
        record.progress = progress;
        m_service->putDeployment(record);
    }
    // Nothing is applied synchronously; one repaint later the row shows the last state.
    QCOMPARE(changed.size(), 0);
    const QModelIndex status
        = model->index(model->rowOf(QStringLiteral("dep-new")), DeploymentTableModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("Deploying · pulling 40 %"));
    QTRY_COMPARE(status.data().toString(), QStringLiteral("Deploying · pulling 60 %"));
    QCOMPARE(changed.size(), 1);
}

void TestDeploymentsPage::detailShowsEndpointAndCopiesIt()
{
    populate();
    makePage();
    QVERIFY(!m_page->isShowingDetail());
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-run")));
    QVERIFY(m_page->isShowingDetail());
    const QString url = QStringLiteral("http://127.0.0.1:8750/models/qwen2.5-0.5b-instruct/a1b2c3d4/v1/inference");
    QCOMPARE(m_page->detailText(QStringLiteral("title")), QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"));
    QCOMPARE(m_page->detailText(QStringLiteral("status")), QStringLiteral("Running"));
    QCOMPARE(m_page->detailText(QStringLiteral("endpoint")), url);
    QCOMPARE(m_page->detailText(QStringLiteral("node")), QStringLiteral("gpu-01 · GPU 0 (18.0 GiB per GPU)"));
    QCOMPARE(m_page->detailText(QStringLiteral("image")), QStringLiteral("vllm/vllm-openai:latest"));
    QCOMPARE(m_page->detailText(QStringLiteral("requests")), QStringLiteral("1,234"));
    QCOMPARE(m_page->detailText(QStringLiteral("latency")), QStringLiteral("84 ms"));
    QVERIFY(m_page->detailText(QStringLiteral("error")).isEmpty());

    // Live counters follow the service.
    auto record = runningRecord();
    record.requestCount = 1300;
    m_service->putDeployment(record);
    QTRY_COMPARE(m_page->detailText(QStringLiteral("requests")), QStringLiteral("1,300"));

    // Ctrl+C on the table copies the endpoint; "Copy curl example" a ready command.
    QApplication::clipboard()->clear();
    m_page->table()->setFocus();
    QTest::keySequence(m_page->table(), QKeySequence::Copy);
    QCOMPARE(QApplication::clipboard()->text(), url);
    m_page->copyCurlAction()->trigger();
    const QString curl = QApplication::clipboard()->text();
    QVERIFY2(curl.startsWith(QStringLiteral("curl ")), qPrintable(curl));
    QVERIFY2(curl.contains(url + QStringLiteral("/chat/completions")), qPrintable(curl));
    QVERIFY2(curl.contains(QStringLiteral("\"model\":\"qwen2.5-0.5b-instruct\"")), qPrintable(curl));

    // A deployment without an endpoint yet offers no copy.
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-new")));
    QVERIFY(!m_page->copyEndpointAction()->isEnabled());
    QVERIFY(m_page->stopAction()->isEnabled());
}

void TestDeploymentsPage::failedDeploymentShowsErrorAndSuggestion()
{
    populate();
    makePage();
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-bad")));
    QCOMPARE(m_page->detailText(QStringLiteral("error")),
             QStringLiteral("Failed: container exited: CUDA out of memory. Tried to allocate 2.00 GiB"));
    QVERIFY2(
        m_page->detailText(QStringLiteral("suggestion")).contains(QStringLiteral("lower --gpu-memory-utilization")),
        qPrintable(m_page->detailText(QStringLiteral("suggestion"))));
    QVERIFY(DeploymentsPage::errorSuggestion(QStringLiteral("exit code 1")).isEmpty());
}

void TestDeploymentsPage::stopAsksFirstAndStopsTheSelected()
{
    populate();
    makePage();
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-run")));
    MessageBoxAnswer answer;
    answerNextMessageBox(QStringLiteral("Stop"), &answer);
    m_page->stopAction()->trigger();
    QVERIFY(answer.seen);
    QCOMPARE(answer.text, QStringLiteral("Stop “Qwen/Qwen2.5-0.5B-Instruct”?"));
    QVERIFY2(answer.informativeText.contains(QStringLiteral("stopped and removed")),
             qPrintable(answer.informativeText));
    const auto stops = m_service->callsOf(QStringLiteral("stop"));
    QCOMPARE(stops.size(), 1);
    QCOMPARE(stops.first().deploymentId, QStringLiteral("dep-run"));
}

void TestDeploymentsPage::cancellingTheStopDoesNothing()
{
    populate();
    makePage();
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-run")));
    MessageBoxAnswer answer;
    answerNextMessageBox(QStringLiteral("Cancel"), &answer);
    m_page->stopAction()->trigger();
    QVERIFY(answer.seen);
    QVERIFY(m_service->callsOf(QStringLiteral("stop")).isEmpty());
}

void TestDeploymentsPage::deleteKeyStopsAfterConfirmation()
{
    populate();
    makePage();
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-new")));
    m_page->table()->setFocus();
    MessageBoxAnswer answer;
    answerNextMessageBox(QStringLiteral("Stop"), &answer);
    QTest::keyClick(m_page->table(), Qt::Key_Delete);
    QVERIFY(answer.seen);
    const auto stops = m_service->callsOf(QStringLiteral("stop"));
    QCOMPARE(stops.size(), 1);
    QCOMPARE(stops.first().deploymentId, QStringLiteral("dep-new"));
}

void TestDeploymentsPage::stopErrorIsShown()
{
    populate();
    makePage();
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-run")));
    m_service->failNextOperation({ aiops::ErrorCode::Conflict, QStringLiteral("the deployment is already stopped") });
    MessageBoxAnswer answer;
    answerNextMessageBox(QStringLiteral("Stop"), &answer);
    m_page->stopAction()->trigger();
    QCOMPARE(m_page->messageText(),
             QStringLiteral("Could not stop “Qwen/Qwen2.5-0.5B-Instruct”: the deployment is already stopped"));
}

void TestDeploymentsPage::removeIsForStoppedOrFailedOnly()
{
    populate();
    makePage();
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-run")));
    QVERIFY(!m_page->removeAction()->isEnabled());
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-bad")));
    QVERIFY(m_page->removeAction()->isEnabled());
    QVERIFY(!m_page->stopAction()->isEnabled());

    MessageBoxAnswer cancel;
    answerNextMessageBox(QStringLiteral("Cancel"), &cancel);
    m_page->removeAction()->trigger();
    QVERIFY(cancel.seen);
    QVERIFY(m_service->callsOf(QStringLiteral("remove")).isEmpty());

    MessageBoxAnswer answer;
    answerNextMessageBox(QStringLiteral("Remove"), &answer);
    m_page->removeAction()->trigger();
    QCOMPARE(answer.text, QStringLiteral("Remove “openai/whisper-small” from the list?"));
    const auto removes = m_service->callsOf(QStringLiteral("remove"));
    QCOMPARE(removes.size(), 1);
    QCOMPARE(removes.first().deploymentId, QStringLiteral("dep-bad"));
    QCOMPARE(m_page->deploymentTable()->rowOf(QStringLiteral("dep-bad")), -1);
    // The view moves on to a neighbouring deployment; the detail panel never shows the removed one.
    QVERIFY(m_page->selectedDeploymentId() != QStringLiteral("dep-bad"));
    QVERIFY(m_page->detailText(QStringLiteral("title")) != QStringLiteral("openai/whisper-small"));
}

void TestDeploymentsPage::logsAreLoadedAndFollowed()
{
    populate();
    makePage();
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-run")));
    auto logs = m_service->callsOf(QStringLiteral("logs"));
    QCOMPARE(logs.size(), 1);
    QCOMPARE(logs.first().deploymentId, QStringLiteral("dep-run"));
    QCOMPARE(logs.first().lines, DeploymentsPage::kLogLines);
    m_service->answerLogs(m_service->lastLogRequest(),
                          QStringLiteral("dep-run"),
                          QStringLiteral("INFO: Started server process\nINFO: Uvicorn running on 0.0.0.0:8000"));
    QCOMPARE(m_page->logView()->toPlainText(),
             QStringLiteral("INFO: Started server process\nINFO: Uvicorn running on 0.0.0.0:8000"));
    // An answer to an older request is ignored.
    m_service->answerLogs(QStringLiteral("logs-0"), QStringLiteral("dep-run"), QStringLiteral("stale"));
    QVERIFY(!m_page->logView()->toPlainText().contains(QStringLiteral("stale")));

    m_page->refreshLogsButton()->click();
    QCOMPARE(m_service->callsOf(QStringLiteral("logs")).size(), 2);
    m_page->followCheck()->setChecked(true);
    QCOMPARE(m_service->callsOf(QStringLiteral("logs")).size(), 3); // at once, then every 2 s
    QTRY_COMPARE_WITH_TIMEOUT(m_service->callsOf(QStringLiteral("logs")).size(), 4, 5000);
    m_page->followCheck()->setChecked(false);
    QTest::qWait(DeploymentsPage::kFollowIntervalMs + 300);
    QCOMPARE(m_service->callsOf(QStringLiteral("logs")).size(), 4);
}

void TestDeploymentsPage::mainWindowAddsTheGatedPage()
{
    populate();
    MainWindow window(m_nodes.get());
    window.setModelService(m_models.get());
    QVERIFY(!window.deploymentsPage());
    window.setDeploymentService(m_service.get());
    QVERIFY(window.deploymentsPage());
    const QStringList titles = window.sidebar()->pageTitles();
    QCOMPARE(titles.indexOf(QStringLiteral("Deployments")), titles.indexOf(QStringLiteral("Models")) + 1);
    QStringList viewEntries;
    QAction* deploymentsEntry = nullptr;
    for (QAction* menu : window.menuBar()->actions()) {
        if (menu->menu() && menu->text() == QStringLiteral("&View")) {
            for (QAction* action : menu->menu()->actions()) {
                viewEntries.append(action->text());
                if (action->text() == QStringLiteral("D&eployments"))
                    deploymentsEntry = action;
            }
        }
    }
    QCOMPARE(viewEntries.indexOf(QStringLiteral("D&eployments")), viewEntries.indexOf(QStringLiteral("&Models")) + 1);
    QVERIFY(deploymentsEntry);
    QCOMPARE(deploymentsEntry->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_7));
    deploymentsEntry->trigger();
    QCOMPARE(window.currentPage(), MainWindow::Page::Deployments);
    window.resize(1360, 880);
    window.show();
    QVERIFY(window.deploymentsPage()->selectDeployment(QStringLiteral("dep-run")));
    settle();
    QVERIFY(window.grab().save(screenshotPath(QStringLiteral("deployments-window.png"))));
    QVERIFY(window.deploymentsPage()->deployButton()->isEnabled());
    QVERIFY(window.deploymentsPage()->stopAction()->isEnabled());

    // The Models page offers Deploy… for the selected model, preselected in the wizard.
    QVERIFY(window.modelsPage()->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    QVERIFY(window.modelsPage()->deployAction()->isEnabled());
    window.showPage(MainWindow::Page::Models);
    settle();
    QVERIFY(window.grab().save(screenshotPath(QStringLiteral("models-page-deploy-action.png"))));
    auto* wizard = window.modelsPage()->openDeployWizard();
    QVERIFY(wizard);
    QCOMPARE(wizard->request().modelId, QStringLiteral("qwen2.5-0.5b-instruct"));
    wizard->close();

    // A viewer sees the deployments but may not deploy or stop.
    window.roleGate()->setRoles({ QStringLiteral("universe.viewer") });
    QVERIFY(window.isPageEnabled(MainWindow::Page::Deployments));
    QVERIFY(!window.deploymentsPage()->deployButton()->isEnabled());
    QVERIFY(!window.deploymentsPage()->stopAction()->isEnabled());
    QVERIFY(!window.modelsPage()->deployAction()->isEnabled());
    window.roleGate()->setRoles({ QStringLiteral("universe.editor") });
    QVERIFY(window.deploymentsPage()->deployButton()->isEnabled());
    QVERIFY(window.deploymentsPage()->stopAction()->isEnabled());
}

void TestDeploymentsPage::screenshotsLightAndDark()
{
    populate();
    makePage();
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-run")));
    m_service->answerLogs(m_service->lastLogRequest(),
                          QStringLiteral("dep-run"),
                          QStringLiteral("INFO 11-24 01:15:02 api_server.py:219] vLLM API server version 0.6.3\n"
                                         "INFO 11-24 01:15:40 model_runner.py:1072] Loading model weights took "
                                         "0.93 GB\n"
                                         "INFO:     Started server process [1]\n"
                                         "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)\n"
                                         "INFO:     172.17.0.1:51234 - \"POST /v1/chat/completions HTTP/1.1\" 200 OK"));
    settle();
    const QImage light = m_page->grab().toImage();
    QVERIFY(light.save(screenshotPath(QStringLiteral("deployments-page-light.png"))));
    QVERIFY(light.pixelColor(light.width() - 4, light.height() / 2).lightness() > 150);
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-bad")));
    settle();
    QVERIFY(m_page->grab().save(screenshotPath(QStringLiteral("deployments-page-failed.png"))));
    m_page.reset();

    const QPalette lightPalette = QApplication::palette();
    QApplication::setPalette(darkPalette());
    makePage();
    QVERIFY(m_page->selectDeployment(QStringLiteral("dep-new")));
    settle();
    const QImage dark = m_page->grab().toImage();
    QVERIFY(dark.save(screenshotPath(QStringLiteral("deployments-page-dark.png"))));
    QVERIFY(dark.pixelColor(dark.width() - 4, dark.height() / 2).lightness() < 100);
    m_page.reset();
    QApplication::setPalette(lightPalette);
}

QTEST_MAIN(TestDeploymentsPage)
#include "test_deployments_page.moc"
