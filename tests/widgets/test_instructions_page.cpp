// InstructionsPage over FakeAgentService: the list with its active state, the empty state, the
// editor (fields, prompt length against the limit, guidelines, tags), creating and saving, the
// service's errors (Conflict), deleting behind a confirmation, live updates, Ctrl+N, screenshots.
#include "models/ModelRoles.h"
#include "tests/support/FakeAgentService.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/InstructionsPage.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using aiops::Error;
using aiops::ErrorCode;
using aiops::agents::InstructionRecord;
using aiops::testing::darkPalette;
using aiops::testing::FakeAgentService;
using aiops::widgets::InstructionsPage;

namespace {

QString shotPath(const QString& name)
{
    QDir().mkpath(QStringLiteral("/tmp/shots-tools"));
    return QStringLiteral("/tmp/shots-tools/") + name;
}

struct MessageBoxAnswer
{
    QString text;
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

InstructionRecord oncall()
{
    InstructionRecord r;
    r.instructionId = QStringLiteral("inst-oncall");
    r.name = QStringLiteral("Kubernetes on-call");
    r.description = QStringLiteral("First responder for cluster alerts");
    r.systemPrompt
        = QStringLiteral("You are the on-call assistant for our Kubernetes clusters. Diagnose before you act.");
    r.guidelines = { QStringLiteral("Never delete a namespace."), QStringLiteral("Quote the command you ran.") };
    r.tags = { QStringLiteral("ops"), QStringLiteral("kubernetes") };
    return r;
}

InstructionRecord reviewer()
{
    InstructionRecord r;
    r.instructionId = QStringLiteral("inst-review");
    r.name = QStringLiteral("Change reviewer");
    r.systemPrompt = QStringLiteral("Review infrastructure changes for risk.");
    r.isActive = false;
    return r;
}

} // namespace

class TestInstructionsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsEmptyStateAndCreatesTheFirst();
    void listsInstructions();
    void editsAndSavesTheSelected();
    void validatesBeforeSaving();
    void promptCountsAgainstTheLimit();
    void saveConflictIsShown();
    void deleteAsksFirst();
    void deleteConflictIsShown();
    void followsChangesElsewhere();
    void ctrlNStartsANewOne();
    void asksBeforeDroppingUnsavedEdits();
    void screenshots();

private:
    void makePage();
    static void settle();

    std::unique_ptr<FakeAgentService> m_service;
    std::unique_ptr<InstructionsPage> m_page;
    QTranslator m_english;
};

void TestInstructionsPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestInstructionsPage::init()
{
    m_service = std::make_unique<FakeAgentService>();
}

void TestInstructionsPage::cleanup()
{
    m_page.reset();
    m_service.reset();
}

void TestInstructionsPage::settle()
{
    QApplication::processEvents();
    QApplication::processEvents();
}

void TestInstructionsPage::makePage()
{
    m_page = std::make_unique<InstructionsPage>(m_service.get());
    m_page->resize(1180, 820);
    m_page->show();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    settle();
}

void TestInstructionsPage::showsEmptyStateAndCreatesTheFirst()
{
    makePage();
    QVERIFY(m_page->isShowingEmptyState());
    QVERIFY(m_page->emptyStateNewButton()->isVisible());
    QVERIFY(m_page->grab().save(shotPath(QStringLiteral("instructions-empty.png"))));
    QTest::mouseClick(m_page->emptyStateNewButton(), Qt::LeftButton);
    QVERIFY(!m_page->isShowingEmptyState());
    QVERIFY(m_page->isShowingEditor());
    QVERIFY(m_page->isEditingNew());
    QVERIFY(!m_page->deleteAction()->isEnabled());
    QTest::keyClicks(m_page->nameEdit(), QStringLiteral("Release notes writer"));
    m_page->tagsEdit()->setText(QStringLiteral("docs, release , docs,"));
    m_page->promptEdit()->setPlainText(QStringLiteral("Write release notes from merged pull requests."));
    m_page->addGuideline(QStringLiteral("Group changes by component."));
    m_page->addGuideline(QStringLiteral("   "));
    QTest::mouseClick(m_page->saveButton(), Qt::LeftButton);
    QCOMPARE(m_service->callsOf(QStringLiteral("saveInstruction")).size(), 1);
    QCOMPARE(m_service->callsOf(QStringLiteral("saveInstruction")).first().id, QString()); // create
    const QList<InstructionRecord> saved = m_service->instructions();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().name, QStringLiteral("Release notes writer"));
    QCOMPARE(saved.first().tags, (QStringList { QStringLiteral("docs"), QStringLiteral("release") }));
    QCOMPARE(saved.first().guidelines, QStringList { QStringLiteral("Group changes by component.") });
    QVERIFY(saved.first().isActive);
    QCOMPARE(m_page->selectedInstructionId(), saved.first().instructionId);
    QVERIFY(!m_page->isEditingNew());
    QVERIFY(!m_page->hasUnsavedChanges());
    QVERIFY(m_page->deleteAction()->isEnabled());
    QCOMPARE(m_page->subtitle(), QStringLiteral("1 instruction template"));
}

void TestInstructionsPage::listsInstructions()
{
    m_service->putInstruction(oncall());
    m_service->putInstruction(reviewer());
    makePage();
    QVERIFY(!m_page->isShowingEmptyState());
    QVERIFY(!m_page->isShowingEditor());
    auto* model = m_page->table()->model();
    QCOMPARE(model->rowCount(), 2);
    // Sorted by name.
    QCOMPARE(model->index(0, InstructionsPage::NameColumn).data().toString(), QStringLiteral("Change reviewer"));
    QCOMPARE(model->index(0, InstructionsPage::ActiveColumn).data().toString(), QStringLiteral("Inactive"));
    QCOMPARE(model->index(0, InstructionsPage::ActiveColumn).data(aiops::models::StatusRole).toString(),
             QStringLiteral("stopped"));
    QCOMPARE(model->index(1, InstructionsPage::TagsColumn).data().toString(), QStringLiteral("ops, kubernetes"));
    QCOMPARE(model->index(1, InstructionsPage::ActiveColumn).data().toString(), QStringLiteral("Active"));
    QCOMPARE(m_page->subtitle(), QStringLiteral("2 instruction templates"));
}

void TestInstructionsPage::editsAndSavesTheSelected()
{
    m_service->putInstruction(oncall());
    makePage();
    QVERIFY(m_page->selectInstruction(QStringLiteral("inst-oncall")));
    QVERIFY(m_page->isShowingEditor());
    QCOMPARE(m_page->nameEdit()->text(), QStringLiteral("Kubernetes on-call"));
    QCOMPARE(m_page->tagsEdit()->text(), QStringLiteral("ops, kubernetes"));
    QCOMPARE(m_page->guidelinesList()->count(), 2);
    QVERIFY(m_page->activeCheck()->isChecked());
    QVERIFY(!m_page->hasUnsavedChanges());
    QVERIFY(!m_page->saveButton()->isEnabled());

    m_page->activeCheck()->setChecked(false);
    m_page->guidelinesList()->item(1)->setText(QStringLiteral("Quote every command you ran."));
    m_page->guidelinesList()->setCurrentRow(0);
    m_page->removeGuideline();
    m_page->addGuideline(QStringLiteral("Escalate after 15 minutes."));
    QVERIFY(m_page->hasUnsavedChanges());
    QVERIFY(m_page->saveButton()->isEnabled());
    // Ctrl+S saves.
    QTest::keyClick(m_page->nameEdit(), Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(m_service->callsOf(QStringLiteral("saveInstruction")).size(), 1);
    QCOMPARE(m_service->callsOf(QStringLiteral("saveInstruction")).first().id, QStringLiteral("inst-oncall"));
    const InstructionRecord saved = m_service->instructions().first();
    QVERIFY(!saved.isActive);
    QCOMPARE(
        saved.guidelines,
        (QStringList { QStringLiteral("Quote every command you ran."), QStringLiteral("Escalate after 15 minutes.") }));
    QCOMPARE(saved.systemPrompt, oncall().systemPrompt);
    QVERIFY(!m_page->hasUnsavedChanges());
    QCOMPARE(m_page->selectedInstructionId(), QStringLiteral("inst-oncall"));
}

void TestInstructionsPage::validatesBeforeSaving()
{
    makePage();
    m_page->newInstruction();
    QTest::mouseClick(m_page->saveButton(), Qt::LeftButton);
    QCOMPARE(m_page->fieldError(), QStringLiteral("Give the instruction a name."));
    m_page->nameEdit()->setText(QStringLiteral("Empty prompt"));
    QCOMPARE(m_page->fieldError(), QStringLiteral("Write the system prompt.")); // re-checked while typing
    m_page->promptEdit()->setPlainText(QStringLiteral("   \n "));
    QTest::mouseClick(m_page->saveButton(), Qt::LeftButton);
    QCOMPARE(m_page->fieldError(), QStringLiteral("Write the system prompt."));
    QCOMPARE(m_service->callsOf(QStringLiteral("saveInstruction")).size(), 0);
}

void TestInstructionsPage::promptCountsAgainstTheLimit()
{
    makePage();
    m_page->newInstruction();
    m_page->nameEdit()->setText(QStringLiteral("Long"));
    m_page->promptEdit()->setPlainText(QString(1234, QLatin1Char('a')));
    QCOMPARE(m_page->promptCountLabel()->text(), QStringLiteral("1,234 / 10,000 characters"));
    const QColor normal = m_page->promptCountLabel()->palette().color(QPalette::WindowText);
    m_page->promptEdit()->setPlainText(QString(InstructionsPage::kPromptLimit + 1, QLatin1Char('a')));
    QCOMPARE(m_page->promptCountLabel()->text(), QStringLiteral("10,001 / 10,000 characters"));
    QVERIFY(m_page->promptCountLabel()->palette().color(QPalette::WindowText) != normal);
    QVERIFY(!m_page->save());
    QCOMPARE(m_page->fieldError(), QStringLiteral("The system prompt has 10,001 characters; the limit is 10,000."));
    QCOMPARE(m_service->callsOf(QStringLiteral("saveInstruction")).size(), 0);
    m_page->promptEdit()->setPlainText(QString(InstructionsPage::kPromptLimit, QLatin1Char('a')));
    QVERIFY(m_page->save());
}

void TestInstructionsPage::saveConflictIsShown()
{
    m_service->putInstruction(oncall());
    makePage();
    QVERIFY(m_page->selectInstruction(QStringLiteral("inst-oncall")));
    m_page->nameEdit()->setText(QStringLiteral("Kubernetes on-call v2"));
    m_service->failNextOperation(
        Error { ErrorCode::Conflict, QStringLiteral("The instruction was changed by someone else."), {} });
    QVERIFY(!m_page->save());
    QCOMPARE(m_page->messageText(),
             QStringLiteral("Could not save “Kubernetes on-call v2”: The instruction was changed by someone else. "
                            "Reload it and try again."));
    QVERIFY(m_page->hasUnsavedChanges()); // the edits are kept
    QCOMPARE(m_page->nameEdit()->text(), QStringLiteral("Kubernetes on-call v2"));
    QVERIFY(m_page->save());
    QCOMPARE(m_page->messageText(), QString());
}

void TestInstructionsPage::deleteAsksFirst()
{
    m_service->putInstruction(oncall());
    m_service->putInstruction(reviewer());
    makePage();
    QVERIFY(m_page->selectInstruction(QStringLiteral("inst-oncall")));
    MessageBoxAnswer cancel;
    answerNextMessageBox(QStringLiteral("Cancel"), &cancel);
    m_page->deleteSelected();
    QVERIFY(cancel.seen);
    QCOMPARE(cancel.text, QStringLiteral("Delete “Kubernetes on-call”?"));
    QCOMPARE(m_service->callsOf(QStringLiteral("removeInstruction")).size(), 0);

    MessageBoxAnswer confirm;
    answerNextMessageBox(QStringLiteral("Delete"), &confirm);
    m_page->activateWindow(); // the closed message box had it
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->table()->setFocus();
    QTest::keyClick(m_page->table(), Qt::Key_Delete);
    QVERIFY(confirm.seen);
    QCOMPARE(m_service->callsOf(QStringLiteral("removeInstruction")).size(), 1);
    QCOMPARE(m_service->callsOf(QStringLiteral("removeInstruction")).first().id, QStringLiteral("inst-oncall"));
    QCOMPARE(m_service->instructions().size(), 1);
    QCOMPARE(m_page->table()->model()->rowCount(), 1);
    QVERIFY(!m_page->isShowingEditor());
}

void TestInstructionsPage::deleteConflictIsShown()
{
    m_service->putInstruction(oncall());
    makePage();
    QVERIFY(m_page->selectInstruction(QStringLiteral("inst-oncall")));
    m_service->failNextOperation(Error { ErrorCode::Conflict, QStringLiteral("3 agents use this instruction."), {} });
    MessageBoxAnswer confirm;
    answerNextMessageBox(QStringLiteral("Delete"), &confirm);
    m_page->deleteSelected();
    QVERIFY(confirm.seen);
    QCOMPARE(m_page->messageText(),
             QStringLiteral("Could not delete “Kubernetes on-call”: 3 agents use this instruction. Give those agents "
                            "another instruction first."));
    QCOMPARE(m_service->instructions().size(), 1);
    QVERIFY(m_page->isShowingEditor());
}

void TestInstructionsPage::followsChangesElsewhere()
{
    m_service->putInstruction(oncall());
    makePage();
    QVERIFY(m_page->selectInstruction(QStringLiteral("inst-oncall")));
    InstructionRecord changed = oncall();
    changed.systemPrompt = QStringLiteral("Updated elsewhere.");
    m_service->putInstruction(changed);
    QCOMPARE(m_page->promptEdit()->toPlainText(), QStringLiteral("Updated elsewhere.")); // nothing of ours to lose
    m_page->descriptionEdit()->setText(QStringLiteral("Mine"));
    changed.systemPrompt = QStringLiteral("Updated again.");
    m_service->putInstruction(changed);
    QCOMPARE(m_page->descriptionEdit()->text(), QStringLiteral("Mine")); // our edit is kept
    QVERIFY(m_service->removeInstruction(QStringLiteral("inst-oncall")));
    QVERIFY(!m_page->isShowingEditor());
    QVERIFY(m_page->isShowingEmptyState());
}

void TestInstructionsPage::ctrlNStartsANewOne()
{
    m_service->putInstruction(oncall());
    makePage();
    QVERIFY(m_page->selectInstruction(QStringLiteral("inst-oncall")));
    m_page->table()->setFocus();
    QTest::keyClick(m_page->table(), Qt::Key_N, Qt::ControlModifier);
    QVERIFY(m_page->isEditingNew());
    QCOMPARE(m_page->selectedInstructionId(), QString());
    QCOMPARE(m_page->nameEdit()->text(), QString());
    QTRY_VERIFY(m_page->nameEdit()->hasFocus());
}

void TestInstructionsPage::asksBeforeDroppingUnsavedEdits()
{
    m_service->putInstruction(oncall());
    m_service->putInstruction(reviewer());
    makePage();
    QVERIFY(m_page->selectInstruction(QStringLiteral("inst-oncall")));
    m_page->descriptionEdit()->setText(QStringLiteral("Edited"));
    MessageBoxAnswer cancel;
    answerNextMessageBox(QStringLiteral("Cancel"), &cancel);
    QVERIFY(m_page->selectInstruction(QStringLiteral("inst-review")));
    QVERIFY(cancel.seen);
    QCOMPARE(cancel.text, QStringLiteral("Discard your changes to “Kubernetes on-call”?"));
    QCOMPARE(m_page->selectedInstructionId(), QStringLiteral("inst-oncall")); // stays
    QCOMPARE(m_page->descriptionEdit()->text(), QStringLiteral("Edited"));

    MessageBoxAnswer discard;
    answerNextMessageBox(QStringLiteral("Discard"), &discard);
    m_page->newInstruction();
    QVERIFY(discard.seen);
    QVERIFY(m_page->isEditingNew());
    QCOMPARE(m_page->descriptionEdit()->text(), QString());
    QCOMPARE(m_service->callsOf(QStringLiteral("saveInstruction")).size(), 0);
}

void TestInstructionsPage::screenshots()
{
    m_service->putInstruction(oncall());
    m_service->putInstruction(reviewer());
    makePage();
    QVERIFY(m_page->selectInstruction(QStringLiteral("inst-oncall")));
    m_page->descriptionEdit()->setText(QStringLiteral("First responder for cluster alerts and paging"));
    settle();
    const QImage light = m_page->grab().toImage();
    QVERIFY(light.save(shotPath(QStringLiteral("instructions-light.png"))));
    m_page.reset();
    const QPalette lightPalette = QApplication::palette();
    QApplication::setPalette(darkPalette());
    makePage();
    QVERIFY(m_page->selectInstruction(QStringLiteral("inst-oncall")));
    settle();
    const QImage dark = m_page->grab().toImage();
    QVERIFY(dark.save(shotPath(QStringLiteral("instructions-dark.png"))));
    QVERIFY(dark.pixelColor(dark.width() - 4, dark.height() / 2).lightness() < 100);
    m_page.reset();
    QApplication::setPalette(lightPalette);
}

QTEST_MAIN(TestInstructionsPage)
#include "test_instructions_page.moc"
