#include "models/DownloadListModel.h"
#include "models/ModelTableModel.h"
#include "tests/support/FakeModelService.h"
#include "tests/support/FakeNodeService.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/AddModelDialog.h"
#include "widgets/CopyToNodeDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/ModelsPage.h"
#include "widgets/RoleGate.h"
#include "widgets/Sidebar.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStyleFactory>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

using aiops::models::ModelTableModel;
using aiops::registry::DownloadJob;
using aiops::registry::ModelFile;
using aiops::registry::ModelVersion;
using aiops::testing::FakeModelService;
using aiops::testing::FakeNodeService;
using aiops::widgets::AddModelDialog;
using aiops::widgets::CopyToNodeDialog;
using aiops::widgets::MainWindow;
using aiops::widgets::ModelsPage;

using aiops::testing::darkPalette;
using aiops::testing::screenshotPath;

namespace {

DownloadJob runningJob()
{
    DownloadJob job;
    job.jobId = QStringLiteral("job-7");
    job.repo = QStringLiteral("meta-llama/Llama-3.2-1B-Instruct");
    job.revision = QStringLiteral("main");
    job.framework = QStringLiteral("vllm");
    job.state = QStringLiteral("running");
    job.bytesDone = 1'012'000'000;
    job.bytesTotal = 2'471'000'000;
    job.bytesPerSecond = 12'300'000;
    job.etaSeconds = 118;
    job.filesDone = 3;
    job.filesTotal = 7;
    job.currentFile = QStringLiteral("model.safetensors");
    return job;
}

DownloadJob failedJob()
{
    DownloadJob job;
    job.jobId = QStringLiteral("job-9");
    job.repo = QStringLiteral("meta-llama/Llama-3.1-8B-Instruct");
    job.revision = QStringLiteral("main");
    job.framework = QStringLiteral("vllm");
    job.state = QStringLiteral("failed");
    job.bytesTotal = 16'060'000'000;
    job.errorCode = QStringLiteral("FORBIDDEN");
    job.errorMessage = QStringLiteral("gated repo");
    return job;
}

} // namespace

class TestModelsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsEmptyStateWithoutModels();
    void listsModelsWithCountsInTheHeader();
    void detailPanelShowsMetadataVersionsAndFiles();
    void filterNarrowsTheTable();
    void deleteAsksAndFreesTheModel();
    void deleteFailureIsShown();
    void runningDownloadShowsProgressSpeedAndEta();
    void cancelAsksFirst();
    void failedDownloadShowsErrorAndRetries();
    void importAsksForTheCacheDirectory();
    void addButtonOpensTheDialog();
    void mainWindowAddsTheGatedPage();
    void screenshotsLightAndDark();
    void showsWhereTheModelIsCached();
    void copyToNodeCachesOnThePickedNode();
    void copyToNodeNeedsAnOnlineNode();
    void copyToNodeFailureIsShown();
    void viewerCannotCopyToNodes();
    void copyToNodeDialogScreenshots();

private:
    static void populateNodes(FakeNodeService& nodes);
    void populate();
    void settle();

    std::unique_ptr<FakeModelService> m_service;
    std::unique_ptr<ModelsPage> m_page;
    QTranslator m_english;
};

void TestModelsPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestModelsPage::init()
{
    m_service = std::make_unique<FakeModelService>();
}

void TestModelsPage::cleanup()
{
    m_page.reset();
    m_service.reset();
}

void TestModelsPage::populate()
{
    auto qwen = FakeModelService::makeModel(QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"), 988, 494032768);
    const QList<ModelVersion> versions {
        { qwen.modelId,
          QStringLiteral("1.0.0"),
          QStringLiteral("main"),
          QStringLiteral("7ae557604adf67be50417f59c2c2f167def9a775"),
          995130370,
          qwen.createdAt },
    };
    const QList<ModelFile> files {
        { QStringLiteral("model.safetensors"),
          988097824,
          QStringLiteral("fdf756fa7fcbe7404d5c60e26bff1a0c8b8aa1f72ced49e7dd0210fe288fb7fe") },
        { QStringLiteral("config.json"), 659, {} },
        { QStringLiteral("tokenizer.json"), 7031645, {} },
    };
    m_service->putModel(qwen, versions, files);
    auto whisper = FakeModelService::makeModel(QStringLiteral("openai/whisper-small"), 967, 241734912);
    whisper.task = QStringLiteral("asr");
    whisper.framework = QStringLiteral("triton");
    whisper.modelFormat = QStringLiteral("onnx");
    whisper.dtype = QStringLiteral("float32");
    whisper.contextLength = 448;
    whisper.minGpuMemory = 2048;
    whisper.license = QStringLiteral("apache-2.0");
    m_service->putModel(whisper);
    auto mistral = FakeModelService::makeModel(QStringLiteral("mistralai/Mistral-7B-Instruct-v0.3"), 14496, 7248023552);
    mistral.version = QStringLiteral("1.1.0");
    mistral.minGpuMemory = 18432;
    mistral.license = QStringLiteral("apache-2.0");
    m_service->putModel(mistral);
}

void TestModelsPage::settle()
{
    QApplication::processEvents();
    QApplication::processEvents();
}

void TestModelsPage::showsEmptyStateWithoutModels()
{
    m_page = std::make_unique<ModelsPage>(m_service.get());
    QVERIFY(m_page->isShowingEmptyState());
    QVERIFY(!m_page->isShowingDownloads());
    QCOMPARE(m_page->subtitle(), QStringLiteral("Models from HuggingFace, ready to deploy to your nodes"));
    QVERIFY(m_page->emptyStateAddButton());
    m_page->resize(1000, 640);
    m_page->show();
    settle();
    QVERIFY(m_page->grab().save(screenshotPath(QStringLiteral("models-page-empty.png"))));
    m_service->putModel(FakeModelService::makeModel(QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"), 988, 494032768));
    QVERIFY(!m_page->isShowingEmptyState());
}

void TestModelsPage::listsModelsWithCountsInTheHeader()
{
    populate();
    m_page = std::make_unique<ModelsPage>(m_service.get());
    QCOMPARE(m_page->table()->model()->rowCount(), 3);
    QVERIFY(m_page->subtitle().startsWith(QStringLiteral("3 model")));
    QVERIFY(m_page->subtitle().endsWith(QStringLiteral("16.5 GB")));
    // Sorted by name.
    QCOMPARE(m_page->table()->model()->index(0, ModelTableModel::NameColumn).data().toString(),
             QStringLiteral("mistralai/Mistral-7B-Instruct-v0.3"));
    m_service->putDownload(runningJob());
    QVERIFY(m_page->subtitle().contains(QStringLiteral("1 downloading")));
}

void TestModelsPage::detailPanelShowsMetadataVersionsAndFiles()
{
    populate();
    m_page = std::make_unique<ModelsPage>(m_service.get());
    QVERIFY(!m_page->deleteAction()->isEnabled());
    QVERIFY(m_page->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    QCOMPARE(m_page->selectedModelId(), QStringLiteral("qwen2.5-0.5b-instruct"));
    QVERIFY(m_page->deleteAction()->isEnabled());
    QCOMPARE(m_page->detailText(QStringLiteral("source")),
             QStringLiteral("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct"));
    QCOMPARE(m_page->detailText(QStringLiteral("task")), QStringLiteral("LLM"));
    QCOMPARE(m_page->detailText(QStringLiteral("framework")), QStringLiteral("vLLM"));
    QCOMPARE(m_page->detailText(QStringLiteral("parameters")), QStringLiteral("494M (494,032,768)"));
    QCOMPARE(m_page->detailText(QStringLiteral("dtype")), QStringLiteral("bfloat16"));
    QCOMPARE(m_page->detailText(QStringLiteral("context")), QStringLiteral("32,768 tokens"));
    QCOMPARE(m_page->detailText(QStringLiteral("size")), QStringLiteral("988 MB"));
    QCOMPARE(m_page->detailText(QStringLiteral("gpu")), QStringLiteral("1.9 GiB"));
    QCOMPARE(m_page->detailText(QStringLiteral("license")), QStringLiteral("apache-2.0"));
    QCOMPARE(m_page->versionsTable()->rowCount(), 1);
    QCOMPARE(m_page->versionsTable()->item(0, 0)->text(), QStringLiteral("1.0.0"));
    QCOMPARE(m_page->versionsTable()->item(0, 1)->text(), QStringLiteral("7ae557604adf"));
    QCOMPARE(m_page->versionsTable()->item(0, 1)->toolTip(),
             QStringLiteral("7ae557604adf67be50417f59c2c2f167def9a775"));
    QCOMPARE(m_page->filesTable()->rowCount(), 3);
    QCOMPARE(m_page->filesTable()->item(0, 0)->text(), QStringLiteral("model.safetensors"));
    QCOMPARE(m_page->filesTable()->item(0, 1)->text(), QStringLiteral("988 MB"));

    // A change of the shown model updates the panel; selecting another model switches it.
    auto qwen = *m_service->model(QStringLiteral("qwen2.5-0.5b-instruct"));
    qwen.license = QStringLiteral("mit");
    m_service->putModel(qwen, m_service->versions(qwen.modelId), m_service->files(qwen.modelId));
    QCOMPARE(m_page->detailText(QStringLiteral("license")), QStringLiteral("mit"));
    QVERIFY(m_page->selectModel(QStringLiteral("whisper-small")));
    QCOMPARE(m_page->detailText(QStringLiteral("task")), QStringLiteral("Speech recognition"));
    QCOMPARE(m_page->detailText(QStringLiteral("format")), QStringLiteral("onnx"));
    QCOMPARE(m_page->filesTable()->rowCount(), 0);
}

void TestModelsPage::filterNarrowsTheTable()
{
    populate();
    m_page = std::make_unique<ModelsPage>(m_service.get());
    m_page->show();
    QTest::keyClicks(m_page->filterEdit(), QStringLiteral("whisper"));
    QCOMPARE(m_page->table()->model()->rowCount(), 1);
    m_page->filterEdit()->setText(QStringLiteral("no-such-thing"));
    QCOMPARE(m_page->table()->model()->rowCount(), 0);
    QVERIFY(!m_page->table()->isVisible()); // the "no match" state replaces the table
    m_page->filterEdit()->clear();
    QCOMPARE(m_page->table()->model()->rowCount(), 3);
    QVERIFY(m_page->table()->isVisible());
}

void TestModelsPage::deleteAsksAndFreesTheModel()
{
    populate();
    m_page = std::make_unique<ModelsPage>(m_service.get());
    QString askedName;
    qint64 askedMb = 0;
    bool answer = false;
    m_page->setDeleteConfirmation([&](QWidget*, const QString& name, qint64 freedMb) {
        askedName = name;
        askedMb = freedMb;
        return answer;
    });
    QVERIFY(m_page->selectModel(QStringLiteral("mistral-7b-instruct-v0.3")));
    m_page->deleteAction()->trigger();
    QCOMPARE(askedName, QStringLiteral("mistralai/Mistral-7B-Instruct-v0.3"));
    QCOMPARE(askedMb, qint64(14496));
    QVERIFY(m_service->calls().isEmpty());
    QCOMPARE(m_page->table()->model()->rowCount(), 3);

    answer = true;
    m_page->deleteAction()->trigger();
    QCOMPARE(m_service->calls().size(), 1);
    QCOMPARE(m_service->calls().first().operation, QStringLiteral("removeModel"));
    QCOMPARE(m_service->calls().first().arguments, QStringList { QStringLiteral("mistral-7b-instruct-v0.3") });
    QCOMPARE(m_page->table()->model()->rowCount(), 2);
    QVERIFY(m_page->selectedModelId().isEmpty());
    QVERIFY(!m_page->deleteAction()->isEnabled());
}

void TestModelsPage::deleteFailureIsShown()
{
    populate();
    m_page = std::make_unique<ModelsPage>(m_service.get());
    m_page->setDeleteConfirmation([](QWidget*, const QString&, qint64) { return true; });
    QVERIFY(m_page->selectModel(QStringLiteral("whisper-small")));
    m_service->failNextOperation({ aiops::ErrorCode::Conflict, QStringLiteral("deployed on gpu-01") });
    m_page->deleteAction()->trigger();
    QCOMPARE(m_page->messageText(), QStringLiteral("Could not delete the model: deployed on gpu-01"));
    QCOMPARE(m_page->table()->model()->rowCount(), 3);
}

void TestModelsPage::runningDownloadShowsProgressSpeedAndEta()
{
    m_page = std::make_unique<ModelsPage>(m_service.get());
    m_page->show();
    m_service->putDownload(runningJob());
    QVERIFY(m_page->isShowingDownloads());
    QWidget* row = m_page->downloadRow(QStringLiteral("job-7"));
    QVERIFY(row);
    QStringList texts;
    for (const QLabel* label : row->findChildren<QLabel*>())
        texts.append(label->text());
    QVERIFY2(texts.contains(QStringLiteral("meta-llama/Llama-3.2-1B-Instruct")), qPrintable(texts.join(u'|')));
    QVERIFY2(texts.contains(QStringLiteral("1.0 GB of 2.5 GB · 12.3 MB/s · 2 min left")), qPrintable(texts.join(u'|')));
    QVERIFY2(texts.contains(QStringLiteral("41%")), qPrintable(texts.join(u'|')));
    auto* cancel = row->findChild<QPushButton*>(QStringLiteral("cancelDownloadButton"));
    QVERIFY(cancel && cancel->isVisible());
    QVERIFY(!row->findChild<QPushButton*>(QStringLiteral("retryDownloadButton"))->isVisible());

    // Completion moves it out of the downloads into the table.
    auto job = runningJob();
    job.state = QStringLiteral("completed");
    job.bytesDone = job.bytesTotal;
    m_service->putDownload(job);
    m_service->putModel(FakeModelService::makeModel(job.repo, 2471, 1235814400));
    m_service->finishDownload(job.jobId);
    QVERIFY(!m_page->isShowingDownloads());
    QVERIFY(!m_page->downloadRow(QStringLiteral("job-7")));
    QCOMPARE(m_page->table()->model()->rowCount(), 1);
}

void TestModelsPage::cancelAsksFirst()
{
    m_page = std::make_unique<ModelsPage>(m_service.get());
    m_page->show();
    m_service->putDownload(runningJob());
    bool answer = false;
    QString askedRepo;
    m_page->setCancelConfirmation([&](QWidget*, const QString& repo) {
        askedRepo = repo;
        return answer;
    });
    auto* cancel
        = m_page->downloadRow(QStringLiteral("job-7"))->findChild<QPushButton*>(QStringLiteral("cancelDownloadButton"));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(askedRepo, QStringLiteral("meta-llama/Llama-3.2-1B-Instruct"));
    QVERIFY(m_service->calls().isEmpty());
    answer = true;
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(m_service->calls().size(), 1);
    QCOMPARE(m_service->calls().first().operation, QStringLiteral("cancelDownload"));
    QCOMPARE(m_service->calls().first().arguments, QStringList { QStringLiteral("job-7") });
    settle();
    QVERIFY(!m_page->downloadRow(QStringLiteral("job-7")));
    QVERIFY(!m_page->isShowingDownloads());
}

void TestModelsPage::failedDownloadShowsErrorAndRetries()
{
    m_page = std::make_unique<ModelsPage>(m_service.get());
    m_page->show();
    m_service->putDownload(failedJob());
    QWidget* row = m_page->downloadRow(QStringLiteral("job-9"));
    QVERIFY(row);
    auto* error = row->findChild<QLabel*>(QStringLiteral("downloadError"));
    QVERIFY(error && error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("Accept the model's license on huggingface.co first"));
    QVERIFY(error->palette().color(QPalette::WindowText).red() > error->palette().color(QPalette::WindowText).blue());
    QVERIFY(!row->findChild<QPushButton*>(QStringLiteral("cancelDownloadButton"))->isVisible());
    auto* retry = row->findChild<QPushButton*>(QStringLiteral("retryDownloadButton"));
    QVERIFY(retry && retry->isVisible());
    QCOMPARE(m_page->subtitle(), QStringLiteral("Models from HuggingFace, ready to deploy to your nodes"));

    QTest::mouseClick(retry, Qt::LeftButton);
    settle();
    QCOMPARE(m_service->calls().size(), 1);
    QCOMPARE(m_service->calls().first().operation, QStringLiteral("startDownload"));
    QCOMPARE(m_service->calls().first().arguments,
             (QStringList {
                 QStringLiteral("meta-llama/Llama-3.1-8B-Instruct"), QStringLiteral("main"), QStringLiteral("vllm") }));
    QVERIFY(!m_page->downloadRow(QStringLiteral("job-9")));
    QCOMPARE(m_page->downloadList()->rowCount(), 1); // the new, queued job
    QCOMPARE(m_page->downloadList()->index(0).data(aiops::models::DownloadListModel::StateRole).toString(),
             QStringLiteral("queued"));
}

void TestModelsPage::importAsksForTheCacheDirectory()
{
    m_page = std::make_unique<ModelsPage>(m_service.get());
    QString answer;
    m_page->setImportDirectoryPrompt([&](QWidget*) { return answer; });
    m_page->importButton()->click();
    QVERIFY(m_service->calls().isEmpty());
    answer = QStringLiteral("/home/an/.cache/huggingface/hub");
    m_page->importButton()->click();
    QCOMPARE(m_service->calls().size(), 1);
    QCOMPARE(m_service->calls().first().operation, QStringLiteral("importCache"));
    QCOMPARE(m_service->calls().first().arguments, QStringList { answer });
    QVERIFY(m_page->messageText().startsWith(QStringLiteral("Importing the models of ")));
    Q_EMIT m_service->importFinished(2, {});
    QVERIFY(m_page->messageText().startsWith(QStringLiteral("Imported 2 model")));
}

void TestModelsPage::addButtonOpensTheDialog()
{
    m_page = std::make_unique<ModelsPage>(m_service.get());
    m_page->show();
    QVERIFY(!m_page->findChild<AddModelDialog*>());
    m_page->addButton()->click();
    auto* dialog = m_page->findChild<AddModelDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QSignalSpy started(m_page.get(), &ModelsPage::downloadStarted);
    dialog->repoEdit()->setText(QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"));
    dialog->requestPreview();
    m_service->finishPreview(m_service->lastPreviewRequest(),
                             FakeModelService::makePreview(QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct")));
    dialog->downloadButton()->click();
    QCOMPARE(started.count(), 1);
    QVERIFY(m_page->isShowingDownloads());
}

void TestModelsPage::mainWindowAddsTheGatedPage()
{
    aiops::testing::FakeNodeService nodes;
    MainWindow window(&nodes);
    QVERIFY(!window.modelsPage());
    window.setModelService(m_service.get());
    QVERIFY(window.modelsPage());
    QVERIFY(window.sidebar()->pageTitles().contains(QStringLiteral("Models")));
    QStringList viewEntries;
    for (QAction* menu : window.menuBar()->actions()) {
        if (menu->menu() && menu->text() == QStringLiteral("&View")) {
            for (QAction* action : menu->menu()->actions())
                viewEntries.append(action->text());
        }
    }
    QCOMPARE(viewEntries.value(2), QStringLiteral("&Models"));
    window.showPage(MainWindow::Page::Models);
    QCOMPARE(window.currentPage(), MainWindow::Page::Models);
    window.resize(1360, 880);
    window.show();
    settle();
    QVERIFY(window.grab().save(screenshotPath(QStringLiteral("models-window.png"))));
    QVERIFY(window.modelsPage()->addButton()->isEnabled());

    // A viewer sees the models but may not add, download, cancel or delete.
    window.roleGate()->setRoles({ QStringLiteral("universe.viewer") });
    QVERIFY(window.isPageEnabled(MainWindow::Page::Models));
    QVERIFY(!window.modelsPage()->addButton()->isEnabled());
    QVERIFY(!window.modelsPage()->importButton()->isEnabled());
    QVERIFY(!window.modelsPage()->manageDownloadsAction()->isEnabled());
    m_service->putDownload(runningJob());
    QVERIFY(!window.modelsPage()
                 ->downloadRow(QStringLiteral("job-7"))
                 ->findChild<QPushButton*>(QStringLiteral("cancelDownloadButton"))
                 ->isEnabled());
    window.roleGate()->setRoles({ QStringLiteral("universe.editor") });
    QVERIFY(window.modelsPage()->addButton()->isEnabled());
    QVERIFY(window.modelsPage()
                ->downloadRow(QStringLiteral("job-7"))
                ->findChild<QPushButton*>(QStringLiteral("cancelDownloadButton"))
                ->isEnabled());
}

void TestModelsPage::screenshotsLightAndDark()
{
    populate();
    m_service->putDownload(runningJob());
    m_page = std::make_unique<ModelsPage>(m_service.get());
    m_page->resize(1180, 860);
    m_page->show();
    QVERIFY(m_page->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    settle();
    QImage light = m_page->grab().toImage();
    QVERIFY(light.save(screenshotPath(QStringLiteral("models-page-light.png"))));
    QVERIFY(light.pixelColor(light.width() - 4, light.height() / 2).lightness() > 150);

    m_service->putDownload(failedJob());
    settle();
    QVERIFY(m_page->grab().save(screenshotPath(QStringLiteral("models-page-failed-download.png"))));
    m_page.reset();

    const QPalette lightPalette = QApplication::palette();
    QApplication::setPalette(darkPalette());
    m_service = std::make_unique<FakeModelService>();
    populate();
    m_service->putDownload(runningJob());
    m_page = std::make_unique<ModelsPage>(m_service.get());
    m_page->resize(1180, 860);
    m_page->show();
    QVERIFY(m_page->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    settle();
    const QImage dark = m_page->grab().toImage();
    QVERIFY(dark.save(screenshotPath(QStringLiteral("models-page-dark.png"))));
    QVERIFY(dark.pixelColor(dark.width() - 4, dark.height() / 2).lightness() < 100);
    m_page.reset();
    QApplication::setPalette(lightPalette);
}

// gpu-01 (cache reported, 290 GiB free) and gpu-02 (already holds Qwen) are online, gpu-03 is not.
void TestModelsPage::populateNodes(FakeNodeService& nodes)
{
    nodes.putNodes({ FakeNodeService::makeNode(QStringLiteral("node-a"), QStringLiteral("gpu-01"), 2),
                     FakeNodeService::makeNode(QStringLiteral("node-b"), QStringLiteral("gpu-02"), 1),
                     FakeNodeService::makeNode(
                         QStringLiteral("node-c"), QStringLiteral("gpu-03"), 1, QStringLiteral("offline")) });
    aiops::controller::NodeModelCacheView a;
    a.capacityMb = 500 * 1024;
    a.usedMb = 210 * 1024;
    a.reportedAt = QDateTime::currentDateTimeUtc();
    nodes.setModelCache(QStringLiteral("node-a"), a);
    aiops::controller::NodeModelCacheView b = a;
    b.models = { { QStringLiteral("qwen2.5-0.5b-instruct"), QStringLiteral("1.0.0"), 943, 0, false } };
    nodes.setModelCache(QStringLiteral("node-b"), b);
}

void TestModelsPage::showsWhereTheModelIsCached()
{
    populate();
    FakeNodeService nodes;
    populateNodes(nodes);
    m_page = std::make_unique<ModelsPage>(m_service.get(), &nodes);
    QVERIFY(m_page->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    QCOMPARE(m_page->detailText(QStringLiteral("cachedOn")), QStringLiteral("gpu-02"));
    QVERIFY(m_page->selectModel(QStringLiteral("whisper-small")));
    QCOMPARE(m_page->detailText(QStringLiteral("cachedOn")), QStringLiteral("Not cached on any node"));
    // A new report updates the line.
    auto a = *nodes.modelCache(QStringLiteral("node-a"));
    a.models.append({ QStringLiteral("whisper-small"), QStringLiteral("1.0.0"), 922, 0, false });
    nodes.setModelCache(QStringLiteral("node-a"), a);
    QCOMPARE(m_page->detailText(QStringLiteral("cachedOn")), QStringLiteral("gpu-01"));

    // Without a NodeService the page still works, without the line and the action.
    m_page = std::make_unique<ModelsPage>(m_service.get());
    QVERIFY(m_page->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    QVERIFY(!m_page->copyToNodeAction()->isEnabled());
    QVERIFY(!m_page->openCopyToNodeDialog());
}

void TestModelsPage::copyToNodeCachesOnThePickedNode()
{
    populate();
    FakeNodeService nodes;
    populateNodes(nodes);
    m_page = std::make_unique<ModelsPage>(m_service.get(), &nodes);
    m_page->show();
    QVERIFY(!m_page->copyToNodeAction()->isEnabled()); // nothing selected
    QVERIFY(m_page->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    QVERIFY(m_page->copyToNodeAction()->isEnabled());

    // Cancel sends nothing.
    m_page->copyToNodeAction()->trigger();
    auto* dialog = m_page->findChild<CopyToNodeDialog*>();
    QVERIFY(dialog && dialog->isVisible());
    dialog->reject();
    settle();
    QVERIFY(nodes.calls().isEmpty());

    dialog = m_page->openCopyToNodeDialog();
    QVERIFY(dialog);
    // Online nodes only, with their free cache space; the node that has the model cannot be picked.
    QComboBox* combo = dialog->nodeCombo();
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(0), QStringLiteral("gpu-01 — 290.0 GiB free"));
    QCOMPARE(combo->itemText(1), QStringLiteral("gpu-02 — already cached"));
    QCOMPARE(dialog->selectedNodeId(), QStringLiteral("node-a"));
    QVERIFY(!dialog->selectNode(QStringLiteral("node-b")));
    QVERIFY(!dialog->selectNode(QStringLiteral("node-c")));
    QCOMPARE(dialog->hintText(), QStringLiteral("Downloads 942 MiB to the node."));
    QVERIFY(dialog->copyButton()->isEnabled());
    QTest::mouseClick(dialog->copyButton(), Qt::LeftButton);
    settle();
    QCOMPARE(nodes.calls().size(), 1);
    QCOMPARE(nodes.calls().first().operation, QStringLiteral("cacheModel"));
    QCOMPARE(nodes.calls().first().nodeId, QStringLiteral("node-a"));
    QCOMPARE(nodes.calls().first().argument, QStringLiteral("qwen2.5-0.5b-instruct"));
    // The running copy shows next to where the model already is.
    QCOMPARE(m_page->detailText(QStringLiteral("cachedOn")), QStringLiteral("gpu-02 · copying to gpu-01"));
}

void TestModelsPage::copyToNodeNeedsAnOnlineNode()
{
    populate();
    FakeNodeService nodes;
    nodes.putNode(
        FakeNodeService::makeNode(QStringLiteral("node-c"), QStringLiteral("gpu-03"), 1, QStringLiteral("offline")));
    m_page = std::make_unique<ModelsPage>(m_service.get(), &nodes);
    QVERIFY(m_page->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    QVERIFY(!m_page->copyToNodeAction()->isEnabled());
    QCOMPARE(m_page->copyToNodeAction()->toolTip(),
             QStringLiteral("No node is online. Start a node's daemon to copy models to it."));
    QVERIFY(!m_page->openCopyToNodeDialog());
    auto node = *nodes.node(QStringLiteral("node-c"));
    node.record.status = QStringLiteral("online");
    nodes.putNode(node);
    QVERIFY(m_page->copyToNodeAction()->isEnabled());
}

void TestModelsPage::copyToNodeFailureIsShown()
{
    populate();
    FakeNodeService nodes;
    populateNodes(nodes);
    m_page = std::make_unique<ModelsPage>(m_service.get(), &nodes);
    QVERIFY(m_page->selectModel(QStringLiteral("whisper-small")));
    nodes.failNextOperation({ aiops::ErrorCode::NotFound, QStringLiteral("No node node-a") });
    CopyToNodeDialog* dialog = m_page->openCopyToNodeDialog();
    QVERIFY(dialog);
    dialog->accept();
    QCOMPARE(m_page->messageText(), QStringLiteral("Could not copy the model to the node: No node node-a"));
}

void TestModelsPage::viewerCannotCopyToNodes()
{
    populate();
    FakeNodeService nodes;
    populateNodes(nodes);
    MainWindow window(&nodes);
    window.setModelService(m_service.get());
    QVERIFY(window.modelsPage()->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    QVERIFY(window.modelsPage()->copyToNodeAction()->isEnabled());
    window.roleGate()->setRoles({ QStringLiteral("universe.viewer") });
    QAction* copy = window.modelsPage()->copyToNodeAction();
    QVERIFY(!copy->isEnabled());
    QVERIFY(!copy->toolTip().isEmpty());
    QVERIFY(!copy->toolTip().startsWith(QStringLiteral("Download the model")));
    QVERIFY(!window.modelsPage()->openCopyToNodeDialog());
    // Still disabled after the page refreshes its own state.
    QVERIFY(window.modelsPage()->selectModel(QStringLiteral("whisper-small")));
    QVERIFY(!copy->isEnabled());
    window.roleGate()->setRoles({ QStringLiteral("universe.editor") });
    QVERIFY(copy->isEnabled());
    QVERIFY(nodes.calls().isEmpty());
}

void TestModelsPage::copyToNodeDialogScreenshots()
{
    populate();
    FakeNodeService nodes;
    populateNodes(nodes);
    m_page = std::make_unique<ModelsPage>(m_service.get(), &nodes);
    m_page->resize(1180, 860);
    m_page->show();
    QVERIFY(m_page->selectModel(QStringLiteral("mistral-7b-instruct-v0.3")));
    settle();
    QVERIFY(m_page->grab().save(screenshotPath(QStringLiteral("models-page-cached-on.png"))));
    CopyToNodeDialog* dialog = m_page->openCopyToNodeDialog();
    QVERIFY(dialog);
    settle();
    QVERIFY(dialog->grab().save(screenshotPath(QStringLiteral("copy-to-node.png"))));
    dialog->reject();
    settle();

    const QPalette lightPalette = QApplication::palette();
    QApplication::setPalette(darkPalette());
    auto a = *nodes.modelCache(QStringLiteral("node-a"));
    a.usedMb = a.capacityMb - 4 * 1024; // too little room for Mistral: a warning
    nodes.setModelCache(QStringLiteral("node-a"), a);
    dialog = m_page->openCopyToNodeDialog();
    QVERIFY(dialog);
    settle();
    QVERIFY(dialog->hintText().startsWith(QStringLiteral("Needs 13.5 GiB but only 4.0 GiB is free")));
    QVERIFY(dialog->grab().save(screenshotPath(QStringLiteral("copy-to-node-dark.png"))));
    dialog->reject();
    m_page.reset();
    QApplication::setPalette(lightPalette);
}

QTEST_MAIN(TestModelsPage)
#include "test_models_page.moc"
