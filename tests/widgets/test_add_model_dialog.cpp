#include "tests/support/FakeModelService.h"
#include "widgets/AddModelDialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableWidget>
#include <QTest>
#include <QTranslator>

using aiops::Error;
using aiops::ErrorCode;
using aiops::testing::FakeModelService;
using aiops::widgets::AddModelDialog;

class TestAddModelDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void normalizesRepo_data();
    void normalizesRepo();
    void rejectsWhatIsNotARepo();
    void previewShowsWhatWouldBeDownloaded();
    void downloadStartsTheJobWithTheChosenFramework();
    void urlWithTreeSetsTheRevision();
    void editingAfterPreviewAsksForANewOne();
    void ignoresAnswersToEarlierRequests();
    void showsGatedWarning();
    void showsTypedErrors_data();
    void showsTypedErrors();
    void downloadRefusalIsShown();
    void screenshot();

private:
    static void preview(FakeModelService& service, AddModelDialog& dialog, const QString& repo);
    QTranslator m_english;
};

void TestAddModelDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestAddModelDialog::preview(FakeModelService& service, AddModelDialog& dialog, const QString& repo)
{
    dialog.repoEdit()->setText(repo);
    QTest::mouseClick(dialog.previewButton(), Qt::LeftButton);
    service.finishPreview(service.lastPreviewRequest(), FakeModelService::makePreview(repo));
}

void TestAddModelDialog::normalizesRepo_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("repo");
    QTest::newRow("org/name") << QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct")
                              << QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct");
    QTest::newRow("spaces") << QStringLiteral("  openai/whisper-small ") << QStringLiteral("openai/whisper-small");
    QTest::newRow("url") << QStringLiteral("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct")
                         << QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct");
    QTest::newRow("url tree") << QStringLiteral("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct/tree/v1.0")
                              << QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct");
    QTest::newRow("url blob") << QStringLiteral("https://huggingface.co/openai/whisper-small/blob/main/config.json")
                              << QStringLiteral("openai/whisper-small");
    QTest::newRow("other host") << QStringLiteral("https://example.com/Qwen/Qwen2.5") << QString();
    QTest::newRow("no org") << QStringLiteral("gpt2") << QString();
    QTest::newRow("three parts") << QStringLiteral("a/b/c") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestAddModelDialog::normalizesRepo()
{
    QFETCH(QString, input);
    QFETCH(QString, repo);
    QCOMPARE(AddModelDialog::normalizeRepo(input), repo);
}

void TestAddModelDialog::rejectsWhatIsNotARepo()
{
    FakeModelService service;
    AddModelDialog dialog(&service);
    dialog.repoEdit()->setText(QStringLiteral("not a repo"));
    QTest::mouseClick(dialog.previewButton(), Qt::LeftButton);
    QVERIFY(service.calls().isEmpty());
    QVERIFY(dialog.errorText().startsWith(QStringLiteral("Enter a repository as org/name")));
    QVERIFY(!dialog.downloadButton()->isEnabled());
}

void TestAddModelDialog::previewShowsWhatWouldBeDownloaded()
{
    FakeModelService service;
    AddModelDialog dialog(&service);
    dialog.show();
    QVERIFY(!dialog.downloadButton()->isEnabled());
    QCOMPARE(dialog.revisionEdit()->text(), QStringLiteral("main"));
    dialog.repoEdit()->setText(QStringLiteral("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct"));
    QTest::mouseClick(dialog.previewButton(), Qt::LeftButton);
    QCOMPARE(service.calls().size(), 1);
    QCOMPARE(service.calls().first().arguments,
             (QStringList { QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"), QStringLiteral("main") }));
    QVERIFY(dialog.isBusy());
    QVERIFY(!dialog.previewButton()->isEnabled());
    QVERIFY(!dialog.downloadButton()->isEnabled());

    service.finishPreview(service.lastPreviewRequest(),
                          FakeModelService::makePreview(QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct")));
    QVERIFY(!dialog.isBusy());
    QVERIFY(dialog.isShowingPreview());
    QVERIFY(dialog.downloadButton()->isEnabled());
    QCOMPARE(dialog.filesTable()->rowCount(), 4);
    QCOMPARE(dialog.filesTable()->item(0, 0)->text(), QStringLiteral("model.safetensors"));
    QCOMPARE(dialog.filesTable()->item(0, 1)->text(), QStringLiteral("988 MB"));
    QCOMPARE(dialog.frameworkCombo()->currentText(), QStringLiteral("vllm"));
    QStringList texts;
    for (const QLabel* label : dialog.findChildren<QLabel*>())
        if (label->isVisible())
            texts.append(label->text());
    for (const QString& expected : { QStringLiteral("995 MB"),
                                     QStringLiteral("494M"),
                                     QStringLiteral("bfloat16"),
                                     QStringLiteral("32,768 tokens"),
                                     QStringLiteral("2.4 GiB"),
                                     QStringLiteral("LLM"),
                                     QStringLiteral("apache-2.0") })
        QVERIFY2(texts.contains(expected), qPrintable(expected + QStringLiteral(" not in ") + texts.join(u'|')));
}

void TestAddModelDialog::downloadStartsTheJobWithTheChosenFramework()
{
    FakeModelService service;
    AddModelDialog dialog(&service);
    dialog.show();
    preview(service, dialog, QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"));
    dialog.frameworkCombo()->setCurrentText(QStringLiteral("custom"));
    QSignalSpy started(&dialog, &AddModelDialog::downloadStarted);
    QTest::mouseClick(dialog.downloadButton(), Qt::LeftButton);
    QCOMPARE(service.calls().last().operation, QStringLiteral("startDownload"));
    QCOMPARE(service.calls().last().arguments,
             (QStringList {
                 QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"), QStringLiteral("main"), QStringLiteral("custom") }));
    QCOMPARE(started.count(), 1);
    QCOMPARE(dialog.startedJobId(), service.downloads().first().jobId);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestAddModelDialog::urlWithTreeSetsTheRevision()
{
    FakeModelService service;
    AddModelDialog dialog(&service);
    dialog.repoEdit()->setText(QStringLiteral("https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct/tree/v1.1"));
    dialog.requestPreview();
    QCOMPARE(dialog.revisionEdit()->text(), QStringLiteral("v1.1"));
    QCOMPARE(service.calls().first().arguments,
             (QStringList { QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"), QStringLiteral("v1.1") }));
}

void TestAddModelDialog::editingAfterPreviewAsksForANewOne()
{
    FakeModelService service;
    AddModelDialog dialog(&service);
    dialog.show();
    preview(service, dialog, QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"));
    QVERIFY(dialog.downloadButton()->isEnabled());
    dialog.revisionEdit()->setText(QStringLiteral("v2"));
    QVERIFY(!dialog.downloadButton()->isEnabled());
    QVERIFY(!dialog.isShowingPreview());
}

void TestAddModelDialog::ignoresAnswersToEarlierRequests()
{
    FakeModelService service;
    AddModelDialog dialog(&service);
    dialog.show();
    dialog.repoEdit()->setText(QStringLiteral("a/first"));
    dialog.requestPreview();
    const QString first = service.lastPreviewRequest();
    dialog.repoEdit()->setText(QStringLiteral("b/second"));
    dialog.requestPreview();
    service.finishPreview(first, FakeModelService::makePreview(QStringLiteral("a/first")));
    QVERIFY(!dialog.isShowingPreview());
    QVERIFY(dialog.isBusy());
    service.finishPreview(service.lastPreviewRequest(), FakeModelService::makePreview(QStringLiteral("b/second")));
    QVERIFY(dialog.isShowingPreview());
}

void TestAddModelDialog::showsGatedWarning()
{
    FakeModelService service;
    AddModelDialog dialog(&service);
    dialog.show();
    dialog.repoEdit()->setText(QStringLiteral("meta-llama/Llama-3.2-1B"));
    dialog.requestPreview();
    auto gated = FakeModelService::makePreview(QStringLiteral("meta-llama/Llama-3.2-1B"));
    gated.gated = true;
    gated.license = QStringLiteral("llama3.2");
    service.finishPreview(service.lastPreviewRequest(), gated);
    auto* warning = dialog.findChild<QLabel*>(QStringLiteral("gatedWarning"));
    QVERIFY(warning && warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("gated")));
    QVERIFY(dialog.downloadButton()->isEnabled());
}

void TestAddModelDialog::showsTypedErrors_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("text");
    QTest::newRow("401") << int(ErrorCode::Unauthorized) << QStringLiteral("401")
                         << QStringLiteral("This model needs a HuggingFace token: add one in Settings");
    QTest::newRow("403 gated") << int(ErrorCode::Forbidden) << QStringLiteral("gated")
                               << QStringLiteral("Accept the model's license on huggingface.co first");
    QTest::newRow("404") << int(ErrorCode::NotFound) << QStringLiteral("404") << QStringLiteral("No such model");
    QTest::newRow("disk") << int(ErrorCode::InsufficientStorage)
                          << QStringLiteral("not enough disk space in /srv: 16100000000 bytes needed, 9400000000 free")
                          << QStringLiteral("Not enough disk space: 16.1 GB needed, 9.4 GB free");
}

void TestAddModelDialog::showsTypedErrors()
{
    QFETCH(int, code);
    QFETCH(QString, message);
    QFETCH(QString, text);
    FakeModelService service;
    AddModelDialog dialog(&service);
    dialog.show();
    dialog.repoEdit()->setText(QStringLiteral("org/model"));
    dialog.requestPreview();
    service.failPreview(service.lastPreviewRequest(), Error { ErrorCode(code), message });
    QCOMPARE(dialog.errorText(), text);
    QVERIFY(!dialog.isBusy());
    QVERIFY(dialog.previewButton()->isEnabled());
    QVERIFY(!dialog.downloadButton()->isEnabled());
    auto* label = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
    const QColor color = label->palette().color(QPalette::WindowText);
    QVERIFY(color.red() > color.green() && color.red() > color.blue());
}

void TestAddModelDialog::downloadRefusalIsShown()
{
    FakeModelService service;
    AddModelDialog dialog(&service);
    dialog.show();
    preview(service, dialog, QStringLiteral("Qwen/Qwen2.5-7B-Instruct"));
    service.failNextOperation(
        { ErrorCode::InsufficientStorage,
          QStringLiteral("not enough disk space in /srv: 15300000000 bytes needed, 2100000000 free") });
    QTest::mouseClick(dialog.downloadButton(), Qt::LeftButton);
    QCOMPARE(dialog.errorText(), QStringLiteral("Not enough disk space: 15.3 GB needed, 2.1 GB free"));
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.startedJobId().isEmpty());
}

void TestAddModelDialog::screenshot()
{
    FakeModelService service;
    AddModelDialog dialog(&service);
    dialog.resize(720, 700);
    dialog.show();
    preview(service, dialog, QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"));
    QApplication::processEvents();
    QApplication::processEvents();
    const QImage shot = dialog.grab().toImage();
    QVERIFY(shot.save(QDir(QStringLiteral(AIOPS_BUILD_DIR)).filePath(QStringLiteral("add-model-preview.png"))));
    QVERIFY(dialog.filesTable()->isVisible());

    AddModelDialog failed(&service);
    failed.resize(720, 300);
    failed.show();
    failed.repoEdit()->setText(QStringLiteral("meta-llama/Llama-3.1-8B-Instruct"));
    failed.requestPreview();
    service.failPreview(service.lastPreviewRequest(), Error { ErrorCode::Unauthorized, QStringLiteral("401") });
    QApplication::processEvents();
    QVERIFY(failed.grab().save(QDir(QStringLiteral(AIOPS_BUILD_DIR)).filePath(QStringLiteral("add-model-error.png"))));
    QVERIFY(!failed.isShowingPreview());
}

QTEST_MAIN(TestAddModelDialog)
#include "test_add_model_dialog.moc"
