#include "core/safety/PiiEngine.h"
#include "core/safety/SafetyService.h"
#include "models/GuardrailModel.h"
#include "models/GuardrailViolationModel.h"
#include "models/PiiDetectionModel.h"
#include "models/PiiPatternModel.h"
#include "models/SafetyRoles.h"
#include "tests/support/FakeNodeService.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/MainWindow.h"
#include "widgets/SafetyDetectionsTab.h"
#include "widgets/SafetyGuardrailDialog.h"
#include "widgets/SafetyGuardrailsTab.h"
#include "widgets/SafetyPage.h"
#include "widgets/SafetyPatternDialog.h"
#include "widgets/SafetyPatternsTab.h"
#include "widgets/SafetyReviewTab.h"
#include "widgets/SafetyTableView.h"
#include "widgets/SafetyTester.h"
#include "widgets/SafetyTrendChart.h"
#include "widgets/SafetyViolationsTab.h"
#include "widgets/Sidebar.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using aiops::testing::FakeNodeService;
using aiops::widgets::MainWindow;
using aiops::widgets::SafetyGuardrailDialog;
using aiops::widgets::SafetyPage;
using aiops::widgets::SafetyPatternDialog;
using aiops::widgets::SafetyTester;
namespace models = aiops::models;
namespace safety = aiops::safety;

using aiops::testing::darkPalette;
using aiops::testing::screenshotPath;

namespace {

const QString kSample = QStringLiteral("card 4111 1111 1111 1111 mail a@b.co");

// Lets pending layout requests run first, so the picture shows what a user would see.
bool saveScreenshot(QWidget* widget, const QString& name)
{
    QApplication::processEvents();
    QApplication::processEvents();
    return widget->grab().save(screenshotPath(name));
}

safety::FilterContext message(const QString& text, const QString& conversation, const QString& id)
{
    safety::FilterContext context;
    context.text = text;
    context.conversationId = conversation;
    context.messageId = id;
    context.userId = QStringLiteral("user-1");
    return context;
}

safety::Guardrail guardrail(const QString& name, const QString& type, const QString& action)
{
    safety::Guardrail g;
    g.name = name;
    g.description = QStringLiteral("%1 guardrail").arg(name);
    g.type = type;
    g.action = action;
    g.appliesTo = { QStringLiteral("both") };
    return g;
}

QStringList displayColumn(const QAbstractItemModel* model, int column)
{
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values << model->index(row, column).data().toString();
    return values;
}

} // namespace

class TestSafetyPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void testerHighlightsMatchesAsYouType();
    void addsAPatternThroughTheDialog();
    void invalidRegexDisablesOk();
    void deletesCustomPatternsOnlyAfterConfirmation();
    void activeToggleTakesEffectInTheTester();
    void guardrailEditorCreatesGuardrails();
    void guardrailDialogValidates();
    void detectionsLogWithFiltersAndTrend();
    void violationsAndReviewQueue();
    void keyboardShortcuts();
    void mainWindowShowsSafetyOnlyWithAService();
    void darkPaletteAndVietnamese();

private:
    void showPage();

    QTemporaryDir m_dir;
    std::unique_ptr<safety::SafetyService> m_service;
    std::unique_ptr<SafetyPage> m_page;
    QTranslator m_english;
};

void TestSafetyPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestSafetyPage::init()
{
    QVERIFY(m_dir.isValid());
    safety::SafetyService::Options options;
    const QString name = QString::fromLatin1(QTest::currentTestFunction());
    options.databasePath = m_dir.filePath(name + QStringLiteral(".db"));
    options.dataDir = m_dir.filePath(QStringLiteral("data-") + name);
    QVERIFY(QDir().mkpath(options.dataDir));
    auto created = safety::SafetyService::create(options);
    QVERIFY2(created.has_value(), created ? "" : qPrintable(created.error().message));
    m_service = std::move(*created);
}

void TestSafetyPage::cleanup()
{
    m_page.reset();
    m_service.reset();
}

void TestSafetyPage::showPage()
{
    m_page = std::make_unique<SafetyPage>(m_service.get());
    m_page->resize(1180, 820);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestSafetyPage::testerHighlightsMatchesAsYouType()
{
    showPage();
    QCOMPARE(m_page->currentSection(), SafetyPage::Section::Patterns);
    SafetyTester* tester = m_page->patternsTab()->tester();
    QVERIFY(tester->highlights().isEmpty());

    tester->input()->setFocus();
    QTest::keyClicks(tester->input(), kSample);
    QCOMPARE(tester->text(), kSample);
    const QList<SafetyTester::Highlight> spans = tester->highlights();
    QCOMPARE(spans.size(), 2);
    QCOMPARE(spans.at(0).start, qsizetype(5));
    QCOMPARE(spans.at(0).end, qsizetype(24));
    QCOMPARE(spans.at(0).patternName, QStringLiteral("Credit card"));
    QCOMPARE(spans.at(0).severity, QStringLiteral("critical"));
    QCOMPARE(spans.at(1).start, qsizetype(30));
    QCOMPARE(spans.at(1).end, qsizetype(36));
    QCOMPARE(spans.at(1).patternName, QStringLiteral("Email"));
    QCOMPARE(spans.at(1).severity, QStringLiteral("medium"));

    const QString preview = tester->redactedText();
    QVERIFY2(preview.startsWith(QStringLiteral("card ")), qPrintable(preview));
    QVERIFY2(preview.contains(QStringLiteral(" mail ")), qPrintable(preview));
    QVERIFY2(!preview.contains(QStringLiteral("4111 1111 1111 1111")), qPrintable(preview));
    QVERIFY2(!preview.contains(QStringLiteral("a@b.co")), qPrintable(preview));
    QCOMPARE(preview, m_service->pii().process(kSample)->redactedText);
    QVERIFY2(tester->summaryText().startsWith(QStringLiteral("2 matches: Credit card (Critical), Email (Medium)")),
             qPrintable(tester->summaryText()));

    // Typing on keeps the spans in step; deleting the e-mail drops its highlight.
    for (int i = 0; i < 6; ++i)
        QTest::keyClick(tester->input(), Qt::Key_Backspace);
    QCOMPARE(tester->highlights().size(), 1);
    QTest::keyClicks(tester->input(), QStringLiteral("a@b.co"));
    QCOMPARE(tester->highlights().size(), 2);

    QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("safety-patterns.png")));
}

void TestSafetyPage::addsAPatternThroughTheDialog()
{
    showPage();
    auto* tab = m_page->patternsTab();
    const int before = m_page->patternModel()->rowCount();
    bool dialogWasValid = false;
    int dialogHighlights = -1;
    tab->setPatternEditor([&](QWidget* parent,
                              const safety::PiiPattern& initial,
                              const QStringList& taken) -> std::optional<safety::PiiPattern> {
        SafetyPatternDialog dialog(initial, taken, parent);
        if (dialog.okButton()->isEnabled())
            return std::nullopt; // an empty pattern must not be accepted
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Employee ID"));
        QTest::keyClicks(dialog.regexEdit(), QStringLiteral("\\bEMP-\\d{6}\\b"));
        dialog.severityBox()->setCurrentIndex(dialog.severityBox()->findData(QStringLiteral("high")));
        dialog.categoryBox()->setCurrentIndex(dialog.categoryBox()->findData(QStringLiteral("identity")));
        QTest::keyClicks(dialog.tester()->input(), QStringLiteral("badge EMP-123456 and EMP-12"));
        dialogHighlights = int(dialog.tester()->highlights().size());
        dialogWasValid = dialog.okButton()->isEnabled();
        return dialog.pattern();
    });
    m_page->sectionButton(SafetyPage::Section::Patterns)->click();
    QPushButton* add = m_page->findChild<QPushButton*>(QStringLiteral("safetyPrimaryButton"));
    QVERIFY(add && add->isVisible());
    QCOMPARE(add->text(), QStringLiteral("Add pattern…"));
    QTest::mouseClick(add, Qt::LeftButton);

    QVERIFY(dialogWasValid);
    QCOMPARE(dialogHighlights, 1);
    QCOMPARE(m_page->patternModel()->rowCount(), before + 1);
    const auto patterns = m_service->listPatterns(true);
    const auto it = std::find_if(patterns.cbegin(), patterns.cend(), [](const safety::PiiPattern& p) {
        return p.name == QLatin1String("Employee ID");
    });
    QVERIFY(it != patterns.cend());
    QCOMPARE(it->severity, QStringLiteral("high"));
    QCOMPARE(tab->selectedPatternId(), it->patternId);
    QVERIFY(displayColumn(tab->table()->model(), models::PiiPatternModel::NameColumn)
                .contains(QStringLiteral("Employee ID")));
    QCOMPARE(m_page->messageText(), QStringLiteral("Pattern “Employee ID” added."));
    QVERIFY(m_page->subtitleText().startsWith(QStringLiteral("%1 of %1 PII patterns active").arg(before + 1)));

    // The live tester uses the new pattern at once.
    QTest::keyClicks(tab->tester()->input(), QStringLiteral("ask EMP-654321"));
    QCOMPARE(tab->tester()->highlights().size(), 1);
    QCOMPARE(tab->tester()->highlights().first().patternName, QStringLiteral("Employee ID"));
    QCOMPARE(tab->tester()->highlights().first().start, qsizetype(4));

    // Cancelling the dialog adds nothing.
    tab->setPatternEditor([](QWidget*, const safety::PiiPattern&, const QStringList&) { return std::nullopt; });
    tab->addAction()->trigger();
    QCOMPARE(m_page->patternModel()->rowCount(), before + 1);
}

void TestSafetyPage::invalidRegexDisablesOk()
{
    SafetyPatternDialog dialog(safety::PiiPattern {}, { QStringLiteral("Email") });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.okButton()->isEnabled());
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Order number"));
    QTest::keyClicks(dialog.regexEdit(), QStringLiteral("ORD-(\\d{4"));
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY(!dialog.errorText().isEmpty());
    QVERIFY(dialog.findChild<QWidget*>(QStringLiteral("patternError"))->isVisible());
    QVERIFY(saveScreenshot(&dialog, QStringLiteral("safety-pattern-dialog-error.png")));

    QTest::keyClicks(dialog.regexEdit(), QStringLiteral("})"));
    QVERIFY2(dialog.okButton()->isEnabled(), qPrintable(dialog.errorText()));
    QVERIFY(dialog.errorText().isEmpty());
    QTest::keyClicks(dialog.tester()->input(), QStringLiteral("see ORD-2024"));
    QCOMPARE(dialog.tester()->highlights().size(), 1);

    // RE2 has no backreferences: refused, so no user pattern can backtrack.
    dialog.regexEdit()->setText(QStringLiteral("(a+)\\1"));
    QVERIFY(!dialog.okButton()->isEnabled());
    dialog.regexEdit()->setText(QStringLiteral("ORD-\\d+"));
    QVERIFY(dialog.okButton()->isEnabled());

    dialog.nameEdit()->setText(QStringLiteral("email"));
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY(dialog.errorText().contains(QStringLiteral("already exists")));
    dialog.nameEdit()->clear();
    QVERIFY(!dialog.okButton()->isEnabled());
    dialog.nameEdit()->setText(QStringLiteral("Order number"));
    QVERIFY(dialog.okButton()->isEnabled());

    // Mask settings only apply to the mask method.
    dialog.methodBox()->setCurrentIndex(dialog.methodBox()->findData(QStringLiteral("hash")));
    QVERIFY(!dialog.maskCharEdit()->isEnabled());
    QCOMPARE(dialog.pattern().redactionMethod, QStringLiteral("hash"));
}

void TestSafetyPage::deletesCustomPatternsOnlyAfterConfirmation()
{
    safety::PiiPattern custom;
    custom.name = QStringLiteral("Ticket");
    custom.regex = QStringLiteral("\\bTCK-\\d{5}\\b");
    custom.category = QStringLiteral("identity");
    const auto created = m_service->createPattern(custom);
    QVERIFY(created.has_value());
    showPage();
    auto* tab = m_page->patternsTab();
    bool confirm = false;
    QString asked;
    tab->setDeleteConfirmation([&](QWidget*, const QString& name) {
        asked = name;
        return confirm;
    });

    QVERIFY(tab->selectPattern(QStringLiteral("pii-credit-card")));
    QVERIFY(tab->editAction()->isEnabled());
    QVERIFY(!tab->deleteAction()->isEnabled()); // built-in
    tab->deleteAction()->trigger();
    QVERIFY(asked.isEmpty());

    QVERIFY(tab->selectPattern(created->patternId));
    QVERIFY(tab->deleteAction()->isEnabled());
    tab->table()->setFocus();
    QTest::keyClick(tab->table(), Qt::Key_Delete);
    QCOMPARE(asked, QStringLiteral("Ticket"));
    QVERIFY(m_page->patternModel()->rowOf(created->patternId) >= 0);
    confirm = true;
    tab->deleteAction()->trigger();
    QCOMPARE(m_page->patternModel()->rowOf(created->patternId), -1);
    QCOMPARE(m_service->listPatterns(true).size(), safety::PiiEngine::defaultPatterns().size());
}

void TestSafetyPage::activeToggleTakesEffectInTheTester()
{
    showPage();
    auto* tab = m_page->patternsTab();
    tab->tester()->setText(kSample);
    QCOMPARE(tab->tester()->highlights().size(), 2);
    auto* model = m_page->patternModel();
    const QModelIndex active
        = model->index(model->rowOf(QStringLiteral("pii-email")), models::PiiPatternModel::ActiveColumn);
    QVERIFY(model->setData(active, Qt::Unchecked, Qt::CheckStateRole));
    QTRY_COMPARE(tab->tester()->highlights().size(), 1);
    QVERIFY(tab->tester()->redactedText().contains(QStringLiteral("a@b.co")));
    QTRY_VERIFY(m_page->subtitleText().startsWith(
        QStringLiteral("%1 of %2 PII patterns active").arg(model->rowCount() - 1).arg(model->rowCount())));
}

void TestSafetyPage::guardrailEditorCreatesGuardrails()
{
    showPage();
    m_page->showSection(SafetyPage::Section::Guardrails);
    auto* tab = m_page->guardrailsTab();
    QCOMPARE(tab->isShowingEmptyState(), m_page->guardrailModel()->rowCount() == 0);
    const int before = m_page->guardrailModel()->rowCount();
    QString sampleResult;
    tab->setGuardrailEditor([&](QWidget* parent,
                                const safety::Guardrail& initial,
                                const QStringList& taken) -> std::optional<safety::Guardrail> {
        SafetyGuardrailDialog dialog(initial, taken, parent);
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("No competitor talk"));
        QTest::keyClicks(dialog.descriptionEdit(), QStringLiteral("Support agents stay off competitors."));
        dialog.typeBox()->setCurrentIndex(dialog.typeBox()->findData(QStringLiteral("content-filter")));
        dialog.termsEdit()->setPlainText(QStringLiteral("acme corp\nglobex"));
        dialog.actionBox()->setCurrentIndex(dialog.actionBox()->findData(QStringLiteral("block")));
        QTest::keyClicks(dialog.blockMessageEdit(), QStringLiteral("Let's talk about our products."));
        QTest::keyClicks(dialog.sampleEdit(), QStringLiteral("is Globex cheaper?"));
        sampleResult = dialog.sampleResultText();
        if (!dialog.okButton()->isEnabled())
            return std::nullopt;
        return dialog.guardrail();
    });
    QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("safetyPrimaryButton")), Qt::LeftButton);
    QVERIFY2(sampleResult.startsWith(QStringLiteral("Blocked")), qPrintable(sampleResult));
    QCOMPARE(m_page->guardrailModel()->rowCount(), before + 1);
    QVERIFY(!tab->isShowingEmptyState());
    const auto stored = m_service->listGuardrails();
    const auto it = std::find_if(stored.cbegin(), stored.cend(), [](const safety::Guardrail& g) {
        return g.name == QLatin1String("No competitor talk");
    });
    QVERIFY(it != stored.cend());
    QCOMPARE(it->config.value(QStringLiteral("blockedKeywords")).toArray(),
             (QJsonArray { QStringLiteral("acme corp"), QStringLiteral("globex") }));
    QCOMPARE(it->blockMessage, QStringLiteral("Let's talk about our products."));
    QCOMPARE(tab->selectedGuardrailId(), it->guardrailId);
    QVERIFY(tab->detailsText().contains(QStringLiteral("acme corp, globex")));

    // More kinds, for the screenshot.
    auto toxicity = guardrail(QStringLiteral("Keep it civil"), QStringLiteral("toxicity"), QStringLiteral("warn"));
    toxicity.config.insert(QStringLiteral("maxToxicity"), 0.6);
    toxicity.severity = QStringLiteral("high");
    QVERIFY(m_service->createGuardrail(toxicity));
    auto advice = guardrail(
        QStringLiteral("No medical or legal advice"), QStringLiteral("medical-legal"), QStringLiteral("rephrase"));
    advice.appliesTo = { QStringLiteral("agent-output") };
    advice.severity = QStringLiteral("low");
    QVERIFY(m_service->createGuardrail(advice));
    auto topics = guardrail(
        QStringLiteral("Support topics only"), QStringLiteral("topic-restriction"), QStringLiteral("escalate"));
    topics.config.insert(QStringLiteral("allowedTopics"),
                         QJsonArray { QStringLiteral("billing"), QStringLiteral("shipping") });
    topics.agentIds = { QStringLiteral("support-bot") };
    QVERIFY(m_service->createGuardrail(topics));
    QTRY_COMPARE(m_page->guardrailModel()->rowCount(), before + 4);

    // Editing through the dialog changes only what changed.
    QVERIFY(tab->selectGuardrail(it->guardrailId));
    tab->setGuardrailEditor([](QWidget*, const safety::Guardrail& initial, const QStringList&) {
        safety::Guardrail edited = initial;
        edited.action = QStringLiteral("warn");
        return std::optional<safety::Guardrail>(edited);
    });
    tab->editAction()->trigger();
    QCOMPARE(m_page->guardrailModel()
                 ->index(m_page->guardrailModel()->rowOf(it->guardrailId), models::GuardrailModel::ActionColumn)
                 .data()
                 .toString(),
             QStringLiteral("Warn"));
    QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("safety-guardrails.png")));

    tab->setDeleteConfirmation([](QWidget*, const QString&) { return true; });
    tab->deleteAction()->trigger();
    QCOMPARE(m_page->guardrailModel()->rowCount(), before + 3);
}

void TestSafetyPage::guardrailDialogValidates()
{
    SafetyGuardrailDialog dialog(safety::Guardrail {}, { QStringLiteral("Existing") });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.okButton()->isEnabled());
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("existing"));
    QVERIFY(dialog.errorText().contains(QStringLiteral("already exists")));
    dialog.nameEdit()->setText(QStringLiteral("Profanity"));
    QVERIFY(!dialog.okButton()->isEnabled()); // no description yet
    QVERIFY(dialog.errorText().contains(QStringLiteral("Describe")));
    QTest::keyClicks(dialog.descriptionEdit(), QStringLiteral("Keeps the chat clean."));
    QVERIFY(!dialog.okButton()->isEnabled()); // no keywords yet
    QVERIFY(dialog.errorText().contains(QStringLiteral("keyword")));
    QTest::keyClicks(dialog.termsEdit(), QStringLiteral("darn"));
    QVERIFY2(dialog.okButton()->isEnabled(), qPrintable(dialog.errorText()));

    dialog.typeBox()->setCurrentIndex(dialog.typeBox()->findData(QStringLiteral("toxicity")));
    QVERIFY(!dialog.termsEdit()->isVisible());
    QVERIFY(dialog.toxicitySlider()->isVisible());
    dialog.toxicitySlider()->setValue(35);
    QVERIFY(dialog.okButton()->isEnabled());
    QCOMPARE(dialog.guardrail().config.value(QStringLiteral("maxToxicity")).toDouble(), 0.35);
    QVERIFY(!dialog.guardrail().config.contains(QStringLiteral("blockedKeywords")));

    dialog.someAgentsButton()->setChecked(true);
    QVERIFY(!dialog.okButton()->isEnabled()); // "only" without agent ids
    QTest::keyClicks(dialog.agentsEdit(), QStringLiteral("bot-a, bot-b"));
    QVERIFY(dialog.okButton()->isEnabled());
    QCOMPARE(dialog.guardrail().agentIds, (QStringList { QStringLiteral("bot-a"), QStringLiteral("bot-b") }));
    QVERIFY(saveScreenshot(&dialog, QStringLiteral("safety-guardrail-dialog.png")));
}

void TestSafetyPage::detectionsLogWithFiltersAndTrend()
{
    showPage();
    m_page->showSection(SafetyPage::Section::Detections);
    auto* tab = m_page->detectionsTab();
    QVERIFY(tab->isShowingEmptyState());
    QCOMPARE(tab->trendChart()->total(), 0);

    m_service->process(message(kSample, QStringLiteral("conv-7a1"), QStringLiteral("m1")));
    m_service->process(message(QStringLiteral("call me on 0912 345 678 or +1 415 555 0134"),
                               QStringLiteral("conv-7a1"),
                               QStringLiteral("m2")));
    m_service->process(message(
        QStringLiteral("my SSN is 123-45-6789, CCCD 001203004567"), QStringLiteral("conv-b22"), QStringLiteral("m3")));
    m_service->process(message(QStringLiteral("token sk-live-abcdefghijklmnopqrstuvwx1234"),
                               QStringLiteral("conv-b22"),
                               QStringLiteral("m4")));
    m_service->flush();
    QTRY_VERIFY(m_page->detectionModel()->rowCount() >= 7);
    const int total = m_page->detectionModel()->rowCount();
    QVERIFY(!tab->isShowingEmptyState());
    QCOMPARE(tab->table()->model()->rowCount(), total);
    QCOMPARE(tab->trendChart()->total(), total);
    QCOMPARE(tab->trendChart()->counts().last(), total);
    QCOMPARE(tab->trendChart()->counts().size(), 30);
    for (const QString& text : displayColumn(tab->table()->model(), models::PiiDetectionModel::RedactedColumn))
        QVERIFY2(!text.contains(QStringLiteral("4111")) && !text.contains(QStringLiteral("123-45-6789")),
                 qPrintable(text));
    QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("safety-detections.png")));

    tab->severityFilter()->setCurrentIndex(tab->severityFilter()->findData(QStringLiteral("critical")));
    const int critical = tab->table()->model()->rowCount();
    QVERIFY(critical >= 2 && critical < total);
    QCOMPARE(tab->trendChart()->total(), critical);
    for (int row = 0; row < critical; ++row)
        QCOMPARE(tab->table()->model()->index(row, 0).data(models::SeverityNameRole).toString(),
                 QStringLiteral("critical"));
    tab->severityFilter()->setCurrentIndex(0);
    tab->patternFilter()->setCurrentIndex(tab->patternFilter()->findData(QStringLiteral("pii-email")));
    QCOMPARE(tab->table()->model()->rowCount(), 1);
    tab->rangeFilter()->setCurrentIndex(tab->rangeFilter()->findData(qint64(7 * 24 * 3600)));
    QCOMPARE(tab->trendChart()->counts().size(), 7);
    QCOMPARE(tab->table()->model()->rowCount(), 1);
}

void TestSafetyPage::violationsAndReviewQueue()
{
    auto escalate
        = guardrail(QStringLiteral("Refund requests"), QStringLiteral("content-filter"), QStringLiteral("escalate"));
    escalate.config.insert(QStringLiteral("blockedKeywords"), QJsonArray { QStringLiteral("refund") });
    QVERIFY(m_service->createGuardrail(escalate));
    auto block = guardrail(QStringLiteral("No secrets"), QStringLiteral("content-filter"), QStringLiteral("block"));
    block.config.insert(QStringLiteral("blockedKeywords"), QJsonArray { QStringLiteral("launch codes") });
    QVERIFY(m_service->createGuardrail(block));
    showPage();
    QVERIFY(m_page->reviewTab()->isShowingEmptyState());

    m_service->process(
        message(QStringLiteral("I want a refund for order 1182"), QStringLiteral("conv-1"), QStringLiteral("m1")));
    m_service->process(message(QStringLiteral("refund me twice"), QStringLiteral("conv-2"), QStringLiteral("m2")));
    m_service->process(
        message(QStringLiteral("what are the launch codes"), QStringLiteral("conv-3"), QStringLiteral("m3")));
    m_service->flush();
    QTRY_COMPARE(m_page->escalationModel()->rowCount(), 2);
    QTRY_COMPARE(m_page->violationModel()->rowCount(), 3);
    QCOMPARE(m_page->sectionButton(SafetyPage::Section::Review)->text(), QStringLiteral("Review queue (2)"));
    QVERIFY(m_page->subtitleText().endsWith(QStringLiteral("2 messages to review")));

    m_page->showSection(SafetyPage::Section::Violations);
    auto* violations = m_page->violationsTab();
    QVERIFY(!violations->isShowingEmptyState());
    violations->actionFilter()->setCurrentIndex(violations->actionFilter()->findData(QStringLiteral("blocked")));
    QCOMPARE(violations->table()->model()->rowCount(), 1);
    QVERIFY(violations->table()->selectSourceRow(0));
    QVERIFY(violations->detailsText().contains(QStringLiteral("what are the launch codes")));
    violations->actionFilter()->setCurrentIndex(0);
    QCOMPARE(violations->table()->model()->rowCount(), 3);
    QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("safety-violations.png")));

    m_page->showSection(SafetyPage::Section::Review);
    auto* review = m_page->reviewTab();
    QVERIFY(!review->isShowingEmptyState());
    QVERIFY(!review->selectedViolationId().isEmpty()); // the oldest is selected
    QCOMPARE(review->messageView()->toPlainText(), QStringLiteral("I want a refund for order 1182"));
    QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("safety-review.png")));
    QTest::mouseClick(review->approveButton(), Qt::LeftButton);
    QCOMPARE(m_page->escalationModel()->rowCount(), 1);
    QCOMPARE(review->messageView()->toPlainText(), QStringLiteral("refund me twice"));
    QTest::mouseClick(review->rejectButton(), Qt::LeftButton);
    QCOMPARE(m_page->escalationModel()->rowCount(), 0);
    QVERIFY(review->isShowingEmptyState());
    QCOMPARE(m_page->sectionButton(SafetyPage::Section::Review)->text(), QStringLiteral("Review queue"));
    QCOMPARE(m_page->messageText(), QStringLiteral("Message rejected."));
    QVERIFY(m_service->escalations().isEmpty());
}

void TestSafetyPage::keyboardShortcuts()
{
    showPage();
    QApplication::setActiveWindow(m_page.get());
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    auto* patterns = m_page->patternsTab();
    patterns->table()->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), patterns->filterEdit());
    QTest::keyClicks(patterns->filterEdit(), QStringLiteral("phone"));
    QCOMPARE(patterns->table()->model()->rowCount(), 2);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), patterns->tester()->input());

    int patternDialogs = 0;
    patterns->setPatternEditor([&](QWidget*, const safety::PiiPattern&, const QStringList&) {
        ++patternDialogs;
        return std::optional<safety::PiiPattern>();
    });
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Insert);
    QCOMPARE(patternDialogs, 1);

    // Ctrl+PgDown walks the sections; Insert and Ctrl+F follow the one shown.
    m_page->sectionButton(SafetyPage::Section::Patterns)->setFocus();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(m_page->currentSection(), SafetyPage::Section::Guardrails);
    int guardrailDialogs = 0;
    m_page->guardrailsTab()->setGuardrailEditor([&](QWidget*, const safety::Guardrail&, const QStringList&) {
        ++guardrailDialogs;
        return std::optional<safety::Guardrail>();
    });
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Insert);
    QCOMPARE(guardrailDialogs, 1);
    QCOMPARE(patternDialogs, 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(m_page->currentSection(), SafetyPage::Section::Detections);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), m_page->detectionsTab()->severityFilter());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp, Qt::ControlModifier);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp, Qt::ControlModifier);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(m_page->currentSection(), SafetyPage::Section::Review);
}

void TestSafetyPage::mainWindowShowsSafetyOnlyWithAService()
{
    FakeNodeService nodes;
    {
        MainWindow window(&nodes);
        QCOMPARE(window.sidebar()->pageTitles(),
                 (QStringList { QStringLiteral("Dashboard"), QStringLiteral("Nodes") }));
        QVERIFY(!window.safetyPage());
        window.showPage(MainWindow::Page::Safety);
        QCOMPARE(window.currentPage(), MainWindow::Page::Dashboard);
    }
    MainWindow window(&nodes, m_service.get());
    window.resize(1360, 880);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.sidebar()->pageTitles(),
             (QStringList { QStringLiteral("Dashboard"), QStringLiteral("Nodes"), QStringLiteral("Safety") }));
    QVERIFY(window.safetyPage());
    window.showPage(MainWindow::Page::Safety);
    QCOMPARE(window.currentPage(), MainWindow::Page::Safety);
    QVERIFY(window.safetyPage()->isVisible());
    window.sidebar()->setCurrentPage(1);
    QCOMPARE(window.currentPage(), MainWindow::Page::Nodes);
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Page::Safety);

    // A critical detection is announced in the status bar.
    m_service->process(message(kSample, QStringLiteral("conv-1"), QStringLiteral("m1")));
    QTRY_VERIFY(window.statusMessage().contains(QStringLiteral("Credit card")));

    QVERIFY(!window.isShowingLogRedactionWarning());
    window.setLogRedactionEnabled(false);
    QVERIFY(window.isShowingLogRedactionWarning());
    window.safetyPage()->patternsTab()->tester()->setText(kSample);
    QVERIFY(saveScreenshot(&window, QStringLiteral("safety-window.png")));
    window.setLogRedactionEnabled(true);
    QVERIFY(!window.isShowingLogRedactionWarning());
}

void TestSafetyPage::darkPaletteAndVietnamese()
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
    showPage();
    m_page->patternsTab()->tester()->setText(kSample);
    QApplication::processEvents();
    const QImage shot = m_page->grab().toImage();
    QVERIFY(shot.save(screenshotPath(QStringLiteral("safety-patterns-dark.png"))));
    QVERIFY(shot.pixelColor(shot.width() - 4, shot.height() / 2).lightness() < 100);
    m_page.reset();
    QApplication::setPalette(light);

    QTranslator vietnamese;
    QVERIFY(vietnamese.load(QStringLiteral(":/i18n/aiops_vi.qm")));
    QCoreApplication::removeTranslator(&m_english);
    QCoreApplication::installTranslator(&vietnamese);
    showPage();
    QCOMPARE(m_page->sectionButton(SafetyPage::Section::Patterns)->text(), QStringLiteral("Mẫu nhận dạng"));
    m_page->patternsTab()->tester()->setText(kSample);
    QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("safety-patterns-vi.png")));
    m_page.reset();
    QCoreApplication::removeTranslator(&vietnamese);
    QCoreApplication::installTranslator(&m_english);
}

QTEST_MAIN(TestSafetyPage)
#include "test_safety_page.moc"
