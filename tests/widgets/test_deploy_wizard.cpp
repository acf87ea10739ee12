// DeployWizard over FakeDeploymentService, FakeModelService and FakeNodeService: the model list, Auto
// placement with the preview's explanation, candidates and rejections, Manual placement with VRAM bars,
// the settings (framework defaults, environment, shell-like argument splitting), the request Deploy
// sends, deploy errors on the review page, and the live progress page. Saves a screenshot per page.
#include "tests/support/FakeDeploymentService.h"
#include "tests/support/FakeModelService.h"
#include "tests/support/FakeNodeService.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/DeployWizard.h"
#include "widgets/GaugeBar.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QTreeWidget>

using aiops::controller::DeployRequest;
using aiops::deploy::Candidate;
using aiops::deploy::DeploymentPhase;
using aiops::deploy::DeploymentStatus;
using aiops::deploy::Placement;
using aiops::deploy::PlacementStrategy;
using aiops::testing::FakeDeploymentService;
using aiops::testing::FakeModelService;
using aiops::testing::FakeNodeService;
using aiops::widgets::DeployWizard;

using aiops::testing::darkPalette;
using aiops::testing::screenshotPath;

namespace {

Placement autoPlacement()
{
    Placement p;
    p.nodeId = QStringLiteral("node-b");
    p.deviceIds = { QStringLiteral("2") };
    p.reservedMbPerGpu = 1976;
    p.explanation = QStringLiteral("gpu-02 GPU 2: the fullest GPU that still fits (61.2 GiB free after placement, "
                                   "12 % busy), and the model is already in its cache.");
    Candidate best;
    best.nodeId = QStringLiteral("node-b");
    best.deviceIds = { QStringLiteral("2") };
    best.score = 78.4;
    best.reason = QStringLiteral("node-b GPU 2: 61.2 GiB free after placement, 12 % busy, RTT 4 ms, model cached");
    Candidate second;
    second.nodeId = QStringLiteral("node-a");
    second.deviceIds = { QStringLiteral("0") };
    second.score = 52.0;
    second.reason = QStringLiteral("node-a GPU 0: 58.1 GiB free after placement, 50 % busy, RTT 9 ms");
    p.ranked = { best, second };
    p.rejected = { QStringLiteral("node-c is offline"),
                   QStringLiteral("node-b GPU 0: 3.1 GiB free, needs 2.9 GiB + 1.0 GiB headroom") };
    return p;
}

} // namespace

class TestDeployWizard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listsReadyModelsAndFilters();
    void autoPlacementShowsThePreview();
    void previewErrorIsShownInline();
    void manualPlacementAndSettingsMakeTheRequest();
    void frameworkDefaultsAndCustomFields();
    void deployErrorStaysOnReview();
    void progressReachesRunning();
    void progressShowsTheFailure();
    void darkScreenshots();

private:
    void makeWizard();
    void settle();
    void shoot(const QString& name);

    std::unique_ptr<FakeDeploymentService> m_service;
    std::unique_ptr<FakeModelService> m_models;
    std::unique_ptr<FakeNodeService> m_nodes;
    std::unique_ptr<DeployWizard> m_wizard;
    QTranslator m_english;
};

void TestDeployWizard::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestDeployWizard::init()
{
    m_service = std::make_unique<FakeDeploymentService>();
    m_service->setPreview(autoPlacement());
    m_models = std::make_unique<FakeModelService>();
    m_models->putModel(FakeModelService::makeModel(QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"), 988, 494032768));
    m_models->putModel(
        FakeModelService::makeModel(QStringLiteral("mistralai/Mistral-7B-Instruct-v0.3"), 14496, 7248023552));
    auto whisper = FakeModelService::makeModel(QStringLiteral("openai/whisper-small"), 967, 241734912);
    whisper.framework = QStringLiteral("triton");
    m_models->putModel(whisper);
    auto downloading = FakeModelService::makeModel(QStringLiteral("meta-llama/Llama-3.2-1B-Instruct"), 2471, 1e9);
    downloading.status = QStringLiteral("downloading");
    m_models->putModel(downloading);
    m_nodes = std::make_unique<FakeNodeService>();
    auto busy = FakeNodeService::makeNode(QStringLiteral("node-b"), QStringLiteral("gpu-02"), 4);
    busy.record.gpuDevices[0].memoryFree = 3 * 1024;
    busy.record.gpuDevices[1].memoryFree = 41 * 1024;
    busy.record.gpuDevices[3].memoryFree = 79 * 1024;
    m_nodes->putNodes({ FakeNodeService::makeNode(QStringLiteral("node-a"), QStringLiteral("gpu-01"), 2), busy });
}

void TestDeployWizard::cleanup()
{
    m_wizard.reset();
    m_service.reset();
    m_models.reset();
    m_nodes.reset();
}

void TestDeployWizard::makeWizard()
{
    m_wizard = std::make_unique<DeployWizard>(m_service.get(), m_models.get(), m_nodes.get());
    m_wizard->show();
    settle();
}

void TestDeployWizard::settle()
{
    QApplication::processEvents();
    QApplication::processEvents();
}

void TestDeployWizard::shoot(const QString& name)
{
    settle();
    QVERIFY(m_wizard->grab().save(screenshotPath(name)));
}

void TestDeployWizard::listsReadyModelsAndFilters()
{
    makeWizard();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::ModelStep);
    QCOMPARE(m_wizard->modelList()->count(), 3); // the downloading model is not offered
    QVERIFY(!m_wizard->nextButton()->isEnabled());
    const QString qwen = m_wizard->modelList()->item(0)->text();
    QVERIFY2(qwen.contains(QStringLiteral("988 MB")) && qwen.contains(QStringLiteral("GPU memory 1.9 GiB")),
             qPrintable(qwen));
    m_wizard->modelFilter()->setText(QStringLiteral("mistral"));
    int shown = 0;
    for (int row = 0; row < m_wizard->modelList()->count(); ++row)
        shown += m_wizard->modelList()->item(row)->isHidden() ? 0 : 1;
    QCOMPARE(shown, 1);
    m_wizard->modelFilter()->clear();
    QVERIFY(m_wizard->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    QVERIFY(!m_wizard->selectModel(QStringLiteral("llama-3.2-1b-instruct")));
    QVERIFY(m_wizard->nextButton()->isEnabled());
    shoot(QStringLiteral("deploy-wizard-model.png"));
}

void TestDeployWizard::autoPlacementShowsThePreview()
{
    makeWizard();
    QVERIFY(m_wizard->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::PlacementStep);
    QVERIFY(m_wizard->autoPlacementButton()->isChecked());
    QCOMPARE(m_wizard->explanationLabel()->text(), autoPlacement().explanation);
    QCOMPARE(m_wizard->candidateList()->topLevelItemCount(), 2);
    QCOMPARE(m_wizard->candidateList()->topLevelItem(0)->text(1), QStringLiteral("gpu-02"));
    QCOMPARE(m_wizard->candidateList()->topLevelItem(0)->text(4), autoPlacement().ranked.first().reason);
    QCOMPARE(m_wizard->rejectedToggle()->text(), QStringLiteral("Rejected (2)"));
    QVERIFY(m_wizard->rejectedList()->isHidden());
    m_wizard->rejectedToggle()->click();
    QVERIFY(m_wizard->rejectedList()->isVisible());
    QCOMPARE(m_wizard->rejectedList()->item(0)->text(), QStringLiteral("node-c is offline"));
    QVERIFY(m_wizard->nextButton()->isEnabled());
    shoot(QStringLiteral("deploy-wizard-placement-auto.png"));

    // Strategy and GPU count go into the preview's request.
    m_wizard->strategyCombo()->setCurrentIndex(1);
    QCOMPARE(m_service->previewRequests().last().strategy, PlacementStrategy::Spread);
    m_wizard->gpuCountSpin()->setValue(2);
    QCOMPARE(m_service->previewRequests().last().gpuCount, 2);
    QVERIFY(!m_service->previewRequests().last().manual.has_value());
    QCOMPARE(m_service->previewRequests().last().modelId, QStringLiteral("qwen2.5-0.5b-instruct"));
}

void TestDeployWizard::previewErrorIsShownInline()
{
    m_service->setPreview(std::unexpected(
        aiops::Error { aiops::ErrorCode::Conflict,
                       QStringLiteral("No GPU has 38.3 GiB free; the closest is gpu-02 GPU 3 with 35.0 GiB free") }));
    makeWizard();
    QVERIFY(m_wizard->selectModel(QStringLiteral("mistral-7b-instruct-v0.3")));
    m_wizard->next();
    QVERIFY(m_wizard->placementError()->isVisible());
    QCOMPARE(m_wizard->placementError()->text(),
             QStringLiteral("No GPU has 38.3 GiB free; the closest is gpu-02 GPU 3 with 35.0 GiB free"));
    QVERIFY(!m_wizard->nextButton()->isEnabled());
    m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::PlacementStep);
}

void TestDeployWizard::manualPlacementAndSettingsMakeTheRequest()
{
    makeWizard();
    QVERIFY(m_wizard->selectModel(QStringLiteral("mistral-7b-instruct-v0.3")));
    m_wizard->next();
    m_wizard->manualPlacementButton()->setChecked(true);
    m_wizard->nodeCombo()->setCurrentIndex(m_wizard->nodeCombo()->findData(QStringLiteral("node-b")));
    QVERIFY(m_wizard->placementError()->isVisible()); // no GPU picked yet
    QVERIFY(!m_wizard->nextButton()->isEnabled());
    QVERIFY(m_wizard->gpuCheck(QStringLiteral("3")));
    QCOMPARE(m_wizard->findChildren<aiops::widgets::GaugeBar*>().size(), 4);
    m_wizard->gpuCheck(QStringLiteral("3"))->setChecked(true);
    m_wizard->gpuCheck(QStringLiteral("1"))->setChecked(true);
    QVERIFY(!m_wizard->placementError()->isVisible());
    QVERIFY(m_wizard->nextButton()->isEnabled());
    shoot(QStringLiteral("deploy-wizard-placement-manual.png"));
    m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::SettingsStep);

    QCOMPARE(m_wizard->frameworkCombo()->currentData().toString(), QStringLiteral("vllm"));
    QCOMPARE(m_wizard->imageEdit()->text(), DeployWizard::defaultImage(QStringLiteral("vllm")));
    m_wizard->portSpin()->setValue(9000);
    m_wizard->memoryLimitSpin()->setValue(32768);
    m_wizard->gpuUtilizationSpin()->setValue(0.85);
    m_wizard->addVariableButton()->click();
    m_wizard->environmentTable()->item(0, 0)->setText(QStringLiteral("HF_HUB_OFFLINE"));
    m_wizard->environmentTable()->item(0, 1)->setText(QStringLiteral("1"));
    m_wizard->addVariableButton()->click();
    m_wizard->environmentTable()->item(1, 0)->setText(QStringLiteral("VLLM_LOGGING_LEVEL"));
    m_wizard->environmentTable()->item(1, 1)->setText(QStringLiteral("DEBUG"));
    m_wizard->addVariableButton()->click(); // an empty row is ignored
    m_wizard->argumentsEdit()->setText(
        QStringLiteral("--max-model-len 4096  --chat-template \"{{ messages }} end\" --served-model-name 'my model'"));
    shoot(QStringLiteral("deploy-wizard-settings.png"));
    m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::ReviewStep);
    QCOMPARE(m_wizard->nextButton()->text(), QStringLiteral("Deploy"));
    const QString summary = m_wizard->reviewSummary()->text();
    QVERIFY2(summary.contains(QStringLiteral("mistralai/Mistral-7B-Instruct-v0.3")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("gpu-02 · GPUs 1, 3, chosen by hand")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("HF_HUB_OFFLINE=1")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("--chat-template '{{ messages }} end' --served-model-name 'my model'")),
             qPrintable(summary));
    shoot(QStringLiteral("deploy-wizard-review.png"));

    QSignalSpy deployed(m_wizard.get(), &DeployWizard::deployed);
    m_wizard->next();
    QCOMPARE(m_service->deployRequests().size(), 1);
    DeployRequest expected;
    expected.modelId = QStringLiteral("mistral-7b-instruct-v0.3");
    expected.framework = QStringLiteral("vllm");
    expected.gpuCount = 2;
    expected.manual
        = aiops::deploy::ManualPlacement { QStringLiteral("node-b"), { QStringLiteral("1"), QStringLiteral("3") } };
    expected.environment = { { QStringLiteral("HF_HUB_OFFLINE"), QStringLiteral("1") },
                             { QStringLiteral("VLLM_LOGGING_LEVEL"), QStringLiteral("DEBUG") } };
    expected.extraArgs = { QStringLiteral("--max-model-len"),     QStringLiteral("4096"),
                           QStringLiteral("--chat-template"),     QStringLiteral("{{ messages }} end"),
                           QStringLiteral("--served-model-name"), QStringLiteral("my model") };
    expected.containerPort = 9000;
    expected.memoryLimitMb = 32768;
    expected.gpuMemoryUtilization = 0.85;
    const DeployRequest sent = m_service->deployRequests().first();
    QCOMPARE(sent.extraArgs, expected.extraArgs);
    QCOMPARE(sent.environment, expected.environment);
    // DeployRequest's defaulted operator== is deleted (ManualPlacement has none), so compare the fields.
    QCOMPARE(sent.modelId, expected.modelId);
    QCOMPARE(sent.framework, expected.framework);
    QCOMPARE(sent.image, expected.image);
    QCOMPARE(sent.gpuCount, expected.gpuCount);
    QCOMPARE(sent.strategy, expected.strategy);
    QVERIFY(sent.manual.has_value());
    QCOMPARE(sent.manual->nodeId, expected.manual->nodeId);
    QCOMPARE(sent.manual->deviceIds, expected.manual->deviceIds);
    QCOMPARE(sent.command, expected.command);
    QCOMPARE(sent.containerPort, expected.containerPort);
    QCOMPARE(sent.healthPath, expected.healthPath);
    QCOMPARE(sent.memoryLimitMb, expected.memoryLimitMb);
    QCOMPARE(sent.gpuMemoryUtilization, expected.gpuMemoryUtilization);
    QCOMPARE(deployed.size(), 1);
    QCOMPARE(m_wizard->currentStep(), DeployWizard::ProgressStep);
}

void TestDeployWizard::frameworkDefaultsAndCustomFields()
{
    makeWizard();
    QVERIFY(m_wizard->selectModel(QStringLiteral("whisper-small")));
    m_wizard->next();
    m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::SettingsStep);
    QCOMPARE(m_wizard->frameworkCombo()->currentData().toString(), QStringLiteral("triton"));
    QCOMPARE(m_wizard->imageEdit()->text(), QStringLiteral("nvcr.io/nvidia/tritonserver:24.08-py3"));
    QVERIFY(m_wizard->gpuUtilizationSpin()->isHidden());
    QVERIFY(m_wizard->commandEdit()->isHidden());

    // An unterminated quote keeps the user on the page.
    m_wizard->argumentsEdit()->setText(QStringLiteral("--log-verbose 'unterminated"));
    m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::SettingsStep);
    QVERIFY(m_wizard->settingsError()->isVisible());
    QVERIFY2(m_wizard->settingsError()->text().startsWith(QStringLiteral("Extra arguments: ")),
             qPrintable(m_wizard->settingsError()->text()));
    m_wizard->argumentsEdit()->clear();

    // Custom: command and health path appear, and an image is required.
    m_wizard->frameworkCombo()->setCurrentIndex(m_wizard->frameworkCombo()->findData(QStringLiteral("custom")));
    QVERIFY(!m_wizard->commandEdit()->isHidden());
    QVERIFY(!m_wizard->healthPathEdit()->isHidden());
    QVERIFY(m_wizard->imageEdit()->text().isEmpty());
    m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::SettingsStep);
    QCOMPARE(m_wizard->settingsError()->text(), QStringLiteral("A custom deployment needs an image."));
    m_wizard->imageEdit()->setText(QStringLiteral("ghcr.io/acme/asr-server:1.2"));
    m_wizard->commandEdit()->setText(QStringLiteral("python serve.py --port 8080"));
    m_wizard->healthPathEdit()->setText(QStringLiteral("/ready"));
    m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::ReviewStep);
    const DeployRequest request = m_wizard->request();
    QCOMPARE(request.framework, QStringLiteral("custom"));
    QCOMPARE(request.image, QStringLiteral("ghcr.io/acme/asr-server:1.2"));
    QCOMPARE(request.command,
             QStringList({ QStringLiteral("python"),
                           QStringLiteral("serve.py"),
                           QStringLiteral("--port"),
                           QStringLiteral("8080") }));
    QCOMPARE(request.healthPath, QStringLiteral("/ready"));

    // Back to triton: the default image returns, and the request leaves it to the controller.
    m_wizard->back();
    m_wizard->imageEdit()->clear();
    m_wizard->frameworkCombo()->setCurrentIndex(m_wizard->frameworkCombo()->findData(QStringLiteral("triton")));
    QCOMPARE(m_wizard->imageEdit()->text(), QStringLiteral("nvcr.io/nvidia/tritonserver:24.08-py3"));
    QVERIFY(m_wizard->request().image.isEmpty());
    QVERIFY(m_wizard->request().command.isEmpty());
}

void TestDeployWizard::deployErrorStaysOnReview()
{
    makeWizard();
    QVERIFY(m_wizard->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    m_wizard->next();
    m_wizard->next();
    m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::ReviewStep);
    m_service->failNextOperation(
        { aiops::ErrorCode::Forbidden, QStringLiteral("image docker.io/acme/x:1 is not in the allowlist") });
    m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::ReviewStep);
    QVERIFY(m_wizard->reviewError()->isVisible());
    QCOMPARE(m_wizard->reviewError()->text(),
             QStringLiteral("Could not deploy: image docker.io/acme/x:1 is not in the allowlist"));
    shoot(QStringLiteral("deploy-wizard-review-error.png"));
}

void TestDeployWizard::progressReachesRunning()
{
    makeWizard();
    QVERIFY(m_wizard->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    for (int step = 0; step < 4; ++step)
        m_wizard->next();
    QCOMPARE(m_wizard->currentStep(), DeployWizard::ProgressStep);
    const QString id = m_wizard->deploymentId();
    QVERIFY(!id.isEmpty());
    QVERIFY(m_wizard->backButton()->isHidden());
    QCOMPARE(m_wizard->closeButton()->text(), QStringLiteral("Close"));
    QCOMPARE(m_wizard->progressTitle()->text(), QStringLiteral("Deploying Qwen/Qwen2.5-0.5B-Instruct"));
    QCOMPARE(m_service->callsOf(QStringLiteral("logs")).size(), 1);

    auto record = *m_service->deployment(id);
    record.phase = DeploymentPhase::Pulling;
    record.progress = 50;
    m_service->putDeployment(record);
    QCOMPARE(m_wizard->highlightedPhase(), QStringLiteral("pulling"));
    const int pulling = m_wizard->progressBar()->value();
    QVERIFY2(pulling > 0 && pulling < 50, qPrintable(QString::number(pulling)));
    QVERIFY2(m_wizard->progressStatus()->text().startsWith(QStringLiteral("Deploying · pulling 50 %")),
             qPrintable(m_wizard->progressStatus()->text()));
    m_service->answerLogs(m_service->lastLogRequest(),
                          id,
                          QStringLiteral("Pulling vllm/vllm-openai:latest\n4f4fb700: Download complete"));
    QCOMPARE(m_wizard->progressLog()->toPlainText(),
             QStringLiteral("Pulling vllm/vllm-openai:latest\n4f4fb700: Download complete"));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->callsOf(QStringLiteral("logs")).size(), 2, 5000); // every 2 s

    record.phase = DeploymentPhase::HealthCheck;
    record.progress = 0;
    m_service->putDeployment(record);
    QCOMPARE(m_wizard->highlightedPhase(), QStringLiteral("health-check"));

    record.status = DeploymentStatus::Running;
    record.phase = DeploymentPhase::Running;
    record.progress = 100;
    m_service->putDeployment(record);
    const QString url = m_service->inferenceBaseUrl() + record.endpoint;
    QCOMPARE(m_wizard->progressStatus()->text(), QStringLiteral("Running at ") + url);
    QCOMPARE(m_wizard->progressTitle()->text(), QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct is running"));
    QCOMPARE(m_wizard->progressBar()->value(), 100);
    QVERIFY(m_wizard->copyEndpointButton()->isVisible());
    m_service->answerLogs(
        m_service->lastLogRequest(),
        id,
        QStringLiteral("INFO:     Started server process [1]\nINFO:     Application startup complete.\n"
                       "INFO:     Uvicorn running on http://0.0.0.0:8000"));
    shoot(QStringLiteral("deploy-wizard-progress-running.png"));
    m_wizard->copyEndpointButton()->click();
    QCOMPARE(QApplication::clipboard()->text(), url);

    // Close leaves it running.
    m_wizard->closeButton()->click();
    QVERIFY(!m_wizard->isVisible());
    QVERIFY(m_service->callsOf(QStringLiteral("stop")).isEmpty());
}

void TestDeployWizard::progressShowsTheFailure()
{
    makeWizard();
    QVERIFY(m_wizard->selectModel(QStringLiteral("mistral-7b-instruct-v0.3")));
    for (int step = 0; step < 4; ++step)
        m_wizard->next();
    const QString id = m_wizard->deploymentId();
    auto record = *m_service->deployment(id);
    record.phase = DeploymentPhase::Starting;
    record.status = DeploymentStatus::Failed;
    record.error = QStringLiteral("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.96 GiB");
    m_service->putDeployment(record);
    const QString status = m_wizard->progressStatus()->text();
    QVERIFY2(status.startsWith(QStringLiteral("Failed: torch.OutOfMemoryError: CUDA out of memory")),
             qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("a node with more free VRAM")), qPrintable(status));
    QCOMPARE(m_wizard->highlightedPhase(), QStringLiteral("starting"));
    QVERIFY(!m_wizard->copyEndpointButton()->isVisible());
    QCOMPARE(m_wizard->progressTitle()->text(),
             QStringLiteral("mistralai/Mistral-7B-Instruct-v0.3 could not be deployed"));
    m_service->answerLogs(m_service->lastLogRequest(),
                          id,
                          QStringLiteral("INFO 11-24 01:20:11 model_runner.py:1056] Starting to load model...\n"
                                         "ERROR 11-24 01:20:19 engine.py:366] CUDA out of memory. Tried to allocate "
                                         "1.96 GiB. GPU 0 has a total capacity of 79.15 GiB of which 1.02 GiB is "
                                         "free."));
    shoot(QStringLiteral("deploy-wizard-progress-failed.png"));
}

void TestDeployWizard::darkScreenshots()
{
    const QPalette lightPalette = QApplication::palette();
    QApplication::setPalette(darkPalette());
    makeWizard();
    QVERIFY(m_wizard->selectModel(QStringLiteral("qwen2.5-0.5b-instruct")));
    m_wizard->next();
    m_wizard->rejectedToggle()->click();
    shoot(QStringLiteral("deploy-wizard-placement-auto-dark.png"));
    m_wizard->manualPlacementButton()->setChecked(true);
    m_wizard->nodeCombo()->setCurrentIndex(m_wizard->nodeCombo()->findData(QStringLiteral("node-b")));
    m_wizard->gpuCheck(QStringLiteral("3"))->setChecked(true);
    shoot(QStringLiteral("deploy-wizard-placement-manual-dark.png"));
    const QImage dark = m_wizard->grab().toImage();
    QVERIFY(dark.pixelColor(4, dark.height() / 2).lightness() < 100);
    m_wizard.reset();
    QApplication::setPalette(lightPalette);
}

QTEST_MAIN(TestDeployWizard)
#include "test_deploy_wizard.moc"
