// AgentsPage and AgentDialog over FakeAgentService and FakeDeploymentService: the table with status
// shape + word, the empty state, live updates, start/stop/delete calling through (delete asks first),
// errors shown above the table, Chat opening the chat pane; the dialog building the right
// AgentRecord for a deployment and for a provider (API key passed separately, never in the record),
// inline validation, editing and save errors. Saves screenshots of the page and the dialog.
#include "models/ModelRoles.h"
#include "tests/support/FakeAgentService.h"
#include "tests/support/FakeDeploymentService.h"
#include "tests/support/FakeNodeService.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/AgentDialog.h"
#include "widgets/AgentsPage.h"
#include "widgets/ChatPane.h"
#include "widgets/MainWindow.h"
#include "widgets/Sidebar.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using aiops::ErrorCode;
using aiops::agents::AgentRecord;
using aiops::agents::InstructionRecord;
using aiops::agents::ToolRecord;
using aiops::deploy::DeploymentStatus;
using aiops::testing::darkPalette;
using aiops::testing::FakeAgentService;
using aiops::testing::FakeDeploymentService;
using aiops::testing::FakeNodeService;
using aiops::testing::screenshotPath;
using aiops::widgets::AgentDialog;
using aiops::widgets::AgentsPage;
using aiops::widgets::MainWindow;

namespace {

// Also copies the shot where the lead looks at them.
bool saveShot(const QImage& image, const QString& name)
{
    QDir().mkpath(QStringLiteral("/tmp/shots-agents"));
    image.save(QStringLiteral("/tmp/shots-agents/") + name);
    return image.save(screenshotPath(name));
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

AgentRecord makeAgent(const QString& id, const QString& name, const QString& status)
{
    AgentRecord a;
    a.agentId = id;
    a.name = name;
    a.status = status;
    a.llmModel.provider = QStringLiteral("openai");
    a.llmModel.modelName = QStringLiteral("gpt-4o-mini");
    return a;
}

} // namespace

class TestAgentsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsEmptyStateWithoutAgents();
    void listsAgentsWithStatusAndCounts();
    void followsAgentsChanged();
    void startAndStopCallThrough();
    void startErrorIsShown();
    void deleteAsksFirst();
    void chatOpensTheChatPane();
    void detailShowsLastError();
    void dialogBuildsDeploymentRecord();
    void dialogBuildsProviderRecordWithKeySeparately();
    void dialogValidatesNameAndModel();
    void dialogWithoutDeploymentServiceExplains();
    void dialogEditsAnExistingAgent();
    void dialogShowsSaveError();
    void mainWindowAddsTheAgentsPage();
    void screenshots();

private:
    void populate();
    void makePage();
    static void settle();

    std::unique_ptr<FakeAgentService> m_service;
    std::unique_ptr<FakeDeploymentService> m_deployments;
    std::unique_ptr<AgentsPage> m_page;
    QTranslator m_english;
};

void TestAgentsPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestAgentsPage::init()
{
    m_service = std::make_unique<FakeAgentService>();
    m_deployments = std::make_unique<FakeDeploymentService>();
    auto running = FakeDeploymentService::makeRecord(
        QStringLiteral("dep-1"), QStringLiteral("qwen2.5-7b-instruct"), DeploymentStatus::Running);
    auto stopped = FakeDeploymentService::makeRecord(
        QStringLiteral("dep-2"), QStringLiteral("whisper-small"), DeploymentStatus::Stopped);
    m_deployments->putDeployment(running);
    m_deployments->putDeployment(stopped);

    ToolRecord everything;
    everything.toolId = QStringLiteral("tool-1");
    everything.name = QStringLiteral("everything");
    everything.status = QStringLiteral("active");
    m_service->putTool(everything);
    ToolRecord broken;
    broken.toolId = QStringLiteral("tool-2");
    broken.name = QStringLiteral("jira");
    broken.status = QStringLiteral("error");
    broken.lastError = QStringLiteral("connection refused");
    m_service->putTool(broken);
    InstructionRecord support;
    support.instructionId = QStringLiteral("inst-1");
    support.name = QStringLiteral("Support tone");
    support.systemPrompt = QStringLiteral("You are a friendly support agent.");
    m_service->putInstruction(support);
}

void TestAgentsPage::cleanup()
{
    m_page.reset();
    m_service.reset();
    m_deployments.reset();
}

void TestAgentsPage::populate()
{
    AgentRecord support
        = makeAgent(QStringLiteral("agent-a"), QStringLiteral("Support bot"), QStringLiteral("running"));
    support.description = QStringLiteral("Answers customer questions with the docs and Jira.");
    support.tools = { QStringLiteral("tool-1"), QStringLiteral("tool-2") };
    support.instructionId = QStringLiteral("inst-1");
    support.conversationCount = 12;
    support.messageCount = 148;
    support.promptTokens = 51234;
    support.completionTokens = 9876;
    support.llmModel.apiKeySecret = QStringLiteral("agent-agent-a-api-key");
    m_service->putAgent(support);
    AgentRecord local = makeAgent(QStringLiteral("agent-b"), QStringLiteral("Log triage"), QStringLiteral("stopped"));
    local.llmModel.provider = QStringLiteral("internal");
    local.llmModel.deploymentId = QStringLiteral("dep-1");
    local.llmModel.modelName = QStringLiteral("qwen2.5-7b-instruct");
    local.privacyMode = QStringLiteral("local-only");
    local.tokenCountsOnly = true;
    m_service->putAgent(local);
    AgentRecord failing
        = makeAgent(QStringLiteral("agent-c"), QStringLiteral("Release notes"), QStringLiteral("error"));
    failing.llmModel.provider = QStringLiteral("anthropic");
    failing.llmModel.modelName = QStringLiteral("claude-3-5-haiku-latest");
    failing.lastError = QStringLiteral("aiops-agent exited with code 2: invalid config (llm.providers is empty)");
    m_service->putAgent(failing);
    AgentRecord starting
        = makeAgent(QStringLiteral("agent-d"), QStringLiteral("Ops helper"), QStringLiteral("starting"));
    starting.llmModel.provider = QStringLiteral("ollama");
    starting.llmModel.modelName = QStringLiteral("llama3.1:8b");
    m_service->putAgent(starting);
}

void TestAgentsPage::makePage()
{
    m_page = std::make_unique<AgentsPage>(m_service.get(), m_deployments.get());
    m_page->resize(1180, 820);
    m_page->show();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    settle();
}

void TestAgentsPage::settle()
{
    QApplication::processEvents();
    QApplication::processEvents();
}

static int rowOf(AgentsPage* page, const QString& name)
{
    auto* model = page->table()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, AgentsPage::NameColumn).data().toString() == name)
            return row;
    }
    return -1;
}

void TestAgentsPage::showsEmptyStateWithoutAgents()
{
    makePage();
    QVERIFY(m_page->isShowingEmptyState());
    QVERIFY(m_page->emptyStateNewButton()->isVisible());
    QCOMPARE(m_page->subtitle(), QStringLiteral("Assistants that answer with a model and use your tools"));
    auto* title = m_page->findChild<QLabel*>();
    QVERIFY(title);
    bool found = false;
    for (QLabel* label : m_page->findChildren<QLabel*>())
        found = found || label->text() == QStringLiteral("Create your first agent");
    QVERIFY(found);
    m_service->putAgent(makeAgent(QStringLiteral("agent-x"), QStringLiteral("X"), QStringLiteral("stopped")));
    QVERIFY(!m_page->isShowingEmptyState());
}

void TestAgentsPage::listsAgentsWithStatusAndCounts()
{
    populate();
    makePage();
    auto* model = m_page->table()->model();
    QCOMPARE(model->rowCount(), 4);
    const int row = rowOf(m_page.get(), QStringLiteral("Support bot"));
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, AgentsPage::LlmColumn).data().toString(), QStringLiteral("OpenAI · gpt-4o-mini"));
    QCOMPARE(model->index(row, AgentsPage::ToolsColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(model->index(row, AgentsPage::StatusColumn).data().toString(), QStringLiteral("Running"));
    QCOMPARE(model->index(row, AgentsPage::StatusColumn).data(aiops::models::StatusRole).toString(),
             QStringLiteral("online"));
    QCOMPARE(model->index(row, AgentsPage::ConversationsColumn).data().toString(), QStringLiteral("12"));
    QCOMPARE(model->index(row, AgentsPage::MessagesColumn).data().toString(), QStringLiteral("148"));
    QCOMPARE(model->index(row, AgentsPage::TokensColumn).data().toString(), QStringLiteral("61,110"));
    const int local = rowOf(m_page.get(), QStringLiteral("Log triage"));
    QCOMPARE(model->index(local, AgentsPage::LlmColumn).data().toString(),
             QStringLiteral("Deployment · qwen2.5-7b-instruct"));
    QCOMPARE(model->index(local, AgentsPage::StatusColumn).data().toString(), QStringLiteral("Stopped"));
    const int failing = rowOf(m_page.get(), QStringLiteral("Release notes"));
    QCOMPARE(model->index(failing, AgentsPage::StatusColumn).data(aiops::models::StatusRole).toString(),
             QStringLiteral("offline"));
    const int starting = rowOf(m_page.get(), QStringLiteral("Ops helper"));
    QCOMPARE(model->index(starting, AgentsPage::StatusColumn).data().toString(), QStringLiteral("Starting…"));
    QCOMPARE(m_page->subtitle(), QStringLiteral("4 agents · 1 running · 1 with errors"));
}

void TestAgentsPage::followsAgentsChanged()
{
    populate();
    makePage();
    QVERIFY(m_page->selectAgent(QStringLiteral("agent-b")));
    QCOMPARE(m_page->detailText(QStringLiteral("status")), QStringLiteral("Stopped"));
    auto agent = *m_service->agent(QStringLiteral("agent-b"));
    agent.status = QStringLiteral("running");
    agent.messageCount = 7;
    m_service->putAgent(agent);
    QCOMPARE(m_page->selectedAgentId(), QStringLiteral("agent-b")); // the selection survives
    QCOMPARE(m_page->detailText(QStringLiteral("status")), QStringLiteral("Running"));
    const int row = rowOf(m_page.get(), QStringLiteral("Log triage"));
    QCOMPARE(m_page->table()->model()->index(row, AgentsPage::MessagesColumn).data().toString(), QStringLiteral("7"));
    QVERIFY(m_page->stopAction()->isEnabled());
    QVERIFY(!m_page->startAction()->isEnabled());
}

void TestAgentsPage::startAndStopCallThrough()
{
    populate();
    makePage();
    QVERIFY(m_page->selectAgent(QStringLiteral("agent-b")));
    QVERIFY(m_page->startAction()->isEnabled());
    m_page->startAction()->trigger();
    QCOMPARE(m_service->callsOf(QStringLiteral("startAgent")).size(), 1);
    QCOMPARE(m_service->callsOf(QStringLiteral("startAgent")).first().id, QStringLiteral("agent-b"));
    QCOMPARE(m_page->detailText(QStringLiteral("status")), QStringLiteral("Running"));
    m_page->stopAction()->trigger();
    QCOMPARE(m_service->callsOf(QStringLiteral("stopAgent")).size(), 1);
    QCOMPARE(m_service->callsOf(QStringLiteral("stopAgent")).first().id, QStringLiteral("agent-b"));
    QCOMPARE(m_page->detailText(QStringLiteral("status")), QStringLiteral("Stopped"));
}

void TestAgentsPage::startErrorIsShown()
{
    populate();
    makePage();
    QVERIFY(m_page->selectAgent(QStringLiteral("agent-b")));
    m_service->failNextOperation({ ErrorCode::Unavailable, QStringLiteral("deployment dep-1 is not running") });
    m_page->startSelected();
    QCOMPARE(m_page->messageText(), QStringLiteral("Could not start “Log triage”: deployment dep-1 is not running"));
}

void TestAgentsPage::deleteAsksFirst()
{
    populate();
    makePage();
    QVERIFY(m_page->selectAgent(QStringLiteral("agent-c")));
    MessageBoxAnswer cancel;
    answerNextMessageBox(QStringLiteral("Cancel"), &cancel);
    m_page->deleteAction()->trigger();
    QVERIFY(cancel.seen);
    QCOMPARE(cancel.text, QStringLiteral("Delete “Release notes”?"));
    QVERIFY(m_service->callsOf(QStringLiteral("removeAgent")).isEmpty());

    MessageBoxAnswer confirm;
    answerNextMessageBox(QStringLiteral("Delete"), &confirm);
    m_page->deleteAction()->trigger();
    QVERIFY(confirm.seen);
    QCOMPARE(m_service->callsOf(QStringLiteral("removeAgent")).size(), 1);
    QVERIFY(!m_service->agent(QStringLiteral("agent-c")));
    QCOMPARE(m_page->table()->model()->rowCount(), 3);
    QCOMPARE(rowOf(m_page.get(), QStringLiteral("Release notes")), -1);
}

void TestAgentsPage::chatOpensTheChatPane()
{
    populate();
    makePage();
    QVERIFY(m_page->selectAgent(QStringLiteral("agent-a")));
    m_page->chatAction()->trigger();
    QVERIFY(m_page->isShowingChat());
    QCOMPARE(m_page->chatPane()->agentId(), QStringLiteral("agent-a"));
    QVERIFY(m_page->chatPane()->isVisible());
    Q_EMIT m_page->chatPane()->backRequested();
    QVERIFY(!m_page->isShowingChat());
    QVERIFY(m_page->table()->isVisible());
    // Double-click (or Enter) on a row opens the chat too; deleting that agent elsewhere closes it.
    m_page->openChat(QStringLiteral("agent-b"));
    QVERIFY(m_page->isShowingChat());
    QCOMPARE(m_page->selectedAgentId(), QStringLiteral("agent-b"));
    QVERIFY(m_service->removeAgent(QStringLiteral("agent-b")));
    QVERIFY(!m_page->isShowingChat());
}

void TestAgentsPage::detailShowsLastError()
{
    populate();
    makePage();
    QVERIFY(m_page->selectAgent(QStringLiteral("agent-c")));
    QVERIFY(m_page->isShowingDetail());
    QCOMPARE(m_page->detailText(QStringLiteral("title")), QStringLiteral("Release notes"));
    QCOMPARE(m_page->detailText(QStringLiteral("status")), QStringLiteral("Error"));
    QCOMPARE(m_page->detailText(QStringLiteral("error")),
             QStringLiteral("Failed: aiops-agent exited with code 2: invalid config (llm.providers is empty)"));
    QVERIFY(m_page->selectAgent(QStringLiteral("agent-a")));
    QCOMPARE(m_page->detailText(QStringLiteral("error")), QString());
    QCOMPARE(m_page->detailText(QStringLiteral("tools")), QStringLiteral("everything, jira"));
    QCOMPARE(m_page->detailText(QStringLiteral("instructions")), QStringLiteral("Support tone"));
    QCOMPARE(m_page->detailText(QStringLiteral("runtime")), QStringLiteral("Local process"));
    auto containerised = *m_service->agent(QStringLiteral("agent-a"));
    containerised.runtime = QStringLiteral("container");
    containerised.containerId = QStringLiteral("0123456789abcdef0123");
    m_service->putAgent(containerised);
    QTRY_COMPARE(m_page->detailText(QStringLiteral("runtime")), QStringLiteral("Container 0123456789ab"));
}

void TestAgentsPage::dialogBuildsDeploymentRecord()
{
    AgentDialog dialog(m_service.get(), m_deployments.get());
    auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("deploymentCombo"));
    QCOMPARE(combo->count(), 1); // running deployments only
    QVERIFY(dialog.findChild<QRadioButton*>(QStringLiteral("useDeployment"))->isChecked());
    dialog.findChild<QLineEdit*>(QStringLiteral("agentName"))->setText(QStringLiteral("  Cluster bot "));
    dialog.findChild<QPlainTextEdit*>(QStringLiteral("agentDescription"))->setPlainText(QStringLiteral("Local one"));
    auto* instruction = dialog.findChild<QComboBox*>(QStringLiteral("instructionCombo"));
    instruction->setCurrentIndex(instruction->findData(QStringLiteral("inst-1")));
    auto* tools = dialog.findChild<QListWidget*>(QStringLiteral("toolList"));
    QCOMPARE(tools->count(), 2);
    QVERIFY(tools->item(1)->text().contains(QStringLiteral("error")));
    tools->item(0)->setCheckState(Qt::Checked);
    dialog.findChild<QRadioButton*>(QStringLiteral("privacy-local-only"))->setChecked(true);
    dialog.findChild<QCheckBox*>(QStringLiteral("tokenCountsOnly"))->setChecked(true);
    auto* runtime = dialog.findChild<QComboBox*>(QStringLiteral("runtime"));
    QCOMPARE(runtime->currentData().toString(), QStringLiteral("process")); // the default
    runtime->setCurrentIndex(runtime->findData(QStringLiteral("container")));
    QSignalSpy saved(&dialog, &AgentDialog::saved);
    dialog.accept();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    const auto calls = m_service->callsOf(QStringLiteral("saveAgent"));
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.first().text, QString()); // no API key for a deployment
    const auto agent = m_service->agent(saved.first().first().toString());
    QVERIFY(agent);
    QCOMPARE(agent->name, QStringLiteral("Cluster bot"));
    QCOMPARE(agent->description, QStringLiteral("Local one"));
    QCOMPARE(agent->llmModel.provider, QStringLiteral("internal"));
    QCOMPARE(agent->llmModel.deploymentId, QStringLiteral("dep-1"));
    QCOMPARE(agent->llmModel.modelName, QStringLiteral("qwen2.5-7b-instruct"));
    QCOMPARE(agent->llmModel.endpoint, QString());
    QCOMPARE(agent->instructionId, QStringLiteral("inst-1"));
    QCOMPARE(agent->instructionOverride, QString());
    QCOMPARE(agent->tools, QStringList { QStringLiteral("tool-1") });
    QCOMPARE(agent->privacyMode, QStringLiteral("local-only"));
    QVERIFY(agent->tokenCountsOnly);
    QCOMPARE(agent->runtime, QStringLiteral("container"));
}

void TestAgentsPage::dialogBuildsProviderRecordWithKeySeparately()
{
    AgentDialog dialog(m_service.get(), m_deployments.get());
    dialog.findChild<QRadioButton*>(QStringLiteral("useProvider"))->setChecked(true);
    auto* provider = dialog.findChild<QComboBox*>(QStringLiteral("providerCombo"));
    auto* endpoint = dialog.findChild<QLineEdit*>(QStringLiteral("endpointUrl"));
    QCOMPARE(endpoint->text(), QStringLiteral("https://api.openai.com/v1"));
    provider->setCurrentIndex(provider->findData(QStringLiteral("anthropic")));
    QCOMPARE(endpoint->text(), QStringLiteral("https://api.anthropic.com"));
    provider->setCurrentIndex(provider->findData(QStringLiteral("ollama")));
    QCOMPARE(endpoint->text(), QStringLiteral("http://127.0.0.1:11434/v1"));
    provider->setCurrentIndex(provider->findData(QStringLiteral("openai")));
    dialog.findChild<QLineEdit*>(QStringLiteral("agentName"))->setText(QStringLiteral("Cloud bot"));
    dialog.findChild<QLineEdit*>(QStringLiteral("modelName"))->setText(QStringLiteral("gpt-4o"));
    auto* key = dialog.findChild<QLineEdit*>(QStringLiteral("apiKey"));
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    key->setText(QStringLiteral("sk-test-123"));
    dialog.findChild<QRadioButton*>(QStringLiteral("useOverride"))->setChecked(true);
    dialog.findChild<QPlainTextEdit*>(QStringLiteral("instructionOverride"))
        ->setPlainText(QStringLiteral("Answer in one sentence."));
    dialog.findChild<QRadioButton*>(QStringLiteral("privacy-allow-api"))->setChecked(true);

    const AgentRecord built = dialog.record();
    QCOMPARE(built.llmModel.provider, QStringLiteral("openai"));
    QCOMPARE(built.llmModel.modelName, QStringLiteral("gpt-4o"));
    QCOMPARE(built.llmModel.endpoint, QString()); // the default stays implicit
    QCOMPARE(built.llmModel.apiKeySecret, QString()); // the key never goes into the record
    QCOMPARE(built.instructionOverride, QStringLiteral("Answer in one sentence."));
    QCOMPARE(built.privacyMode, QStringLiteral("allow-api"));
    QCOMPARE(dialog.apiKey(), QStringLiteral("sk-test-123"));

    dialog.accept();
    const auto calls = m_service->callsOf(QStringLiteral("saveAgent"));
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.first().text, QStringLiteral("sk-test-123"));
    const auto agent = m_service->agent(dialog.savedAgentId());
    QVERIFY(agent);
    QCOMPARE(agent->llmModel.provider, QStringLiteral("openai"));

    // A custom endpoint for an OpenAI-compatible server is kept.
    AgentDialog other(m_service.get(), nullptr);
    other.findChild<QLineEdit*>(QStringLiteral("agentName"))->setText(QStringLiteral("vLLM elsewhere"));
    auto* otherProvider = other.findChild<QComboBox*>(QStringLiteral("providerCombo"));
    otherProvider->setCurrentIndex(otherProvider->findData(QStringLiteral("openai-compatible")));
    QCOMPARE(other.findChild<QLineEdit*>(QStringLiteral("endpointUrl"))->text(), QString());
    other.findChild<QLineEdit*>(QStringLiteral("modelName"))->setText(QStringLiteral("mistral-7b"));
    QVERIFY(!other.validate());
    QVERIFY(!other.errorText(QStringLiteral("endpoint")).isEmpty());
    other.findChild<QLineEdit*>(QStringLiteral("endpointUrl"))->setText(QStringLiteral("http://10.0.0.5:8000/v1"));
    QVERIFY(other.validate());
    QCOMPARE(other.record().llmModel.endpoint, QStringLiteral("http://10.0.0.5:8000/v1"));
    QCOMPARE(other.record().llmModel.provider, QStringLiteral("openai-compatible"));
}

void TestAgentsPage::dialogValidatesNameAndModel()
{
    AgentDialog dialog(m_service.get(), m_deployments.get());
    dialog.findChild<QRadioButton*>(QStringLiteral("useProvider"))->setChecked(true);
    dialog.accept();
    QCOMPARE(dialog.errorText(QStringLiteral("name")), QStringLiteral("Enter a name."));
    QCOMPARE(dialog.errorText(QStringLiteral("model")), QStringLiteral("Enter the model name."));
    QVERIFY(m_service->callsOf(QStringLiteral("saveAgent")).isEmpty());
    QVERIFY(dialog.result() != QDialog::Accepted);

    dialog.findChild<QLineEdit*>(QStringLiteral("agentName"))->setText(QStringLiteral("Bot"));
    dialog.findChild<QLineEdit*>(QStringLiteral("modelName"))->setText(QStringLiteral("gpt-4o"));
    dialog.findChild<QLineEdit*>(QStringLiteral("endpointUrl"))->setText(QStringLiteral("not a url"));
    QVERIFY(!dialog.validate());
    QCOMPARE(dialog.errorText(QStringLiteral("name")), QString());
    QCOMPARE(dialog.errorText(QStringLiteral("endpoint")), QStringLiteral("Enter an http:// or https:// URL."));
    dialog.findChild<QLineEdit*>(QStringLiteral("endpointUrl"))->setText(QStringLiteral("https://api.openai.com/v1"));
    dialog.findChild<QRadioButton*>(QStringLiteral("useOverride"))->setChecked(true);
    QVERIFY(!dialog.validate());
    QVERIFY(!dialog.errorText(QStringLiteral("instructions")).isEmpty());
    dialog.findChild<QRadioButton*>(QStringLiteral("useTemplate"))->setChecked(true);
    QVERIFY(dialog.validate());
}

void TestAgentsPage::dialogWithoutDeploymentServiceExplains()
{
    AgentDialog dialog(m_service.get(), nullptr);
    auto* useDeployment = dialog.findChild<QRadioButton*>(QStringLiteral("useDeployment"));
    QVERIFY(!useDeployment->isEnabled());
    QVERIFY(dialog.findChild<QRadioButton*>(QStringLiteral("useProvider"))->isChecked());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("deploymentHint"))
                ->text()
                .startsWith(QStringLiteral("Not available")));

    // A service with nothing running: disabled too, with its own reason.
    FakeDeploymentService empty;
    AgentDialog second(m_service.get(), &empty);
    QVERIFY(!second.findChild<QRadioButton*>(QStringLiteral("useDeployment"))->isEnabled());
    QVERIFY(
        second.findChild<QLabel*>(QStringLiteral("deploymentHint"))->text().contains(QStringLiteral("No deployment")));
}

void TestAgentsPage::dialogEditsAnExistingAgent()
{
    populate();
    AgentDialog dialog(m_service.get(), m_deployments.get());
    dialog.setAgent(*m_service->agent(QStringLiteral("agent-a")));
    QVERIFY(dialog.isEditing());
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Edit “Support bot”"));
    QVERIFY(dialog.findChild<QRadioButton*>(QStringLiteral("useProvider"))->isChecked());
    QCOMPARE(dialog.findChild<QLineEdit*>(QStringLiteral("modelName"))->text(), QStringLiteral("gpt-4o-mini"));
    auto* key = dialog.findChild<QLineEdit*>(QStringLiteral("apiKey"));
    QVERIFY(key->text().isEmpty());
    QVERIFY(key->placeholderText().contains(QStringLiteral("leave empty")));
    auto* tools = dialog.findChild<QListWidget*>(QStringLiteral("toolList"));
    QCOMPARE(tools->item(0)->checkState(), Qt::Checked);
    QCOMPARE(tools->item(1)->checkState(), Qt::Checked);
    dialog.findChild<QLineEdit*>(QStringLiteral("agentName"))->setText(QStringLiteral("Support bot 2"));
    dialog.accept();
    const auto calls = m_service->callsOf(QStringLiteral("saveAgent"));
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.first().id, QStringLiteral("agent-a"));
    QCOMPARE(calls.first().text, QString()); // empty keeps the stored key
    const auto agent = m_service->agent(QStringLiteral("agent-a"));
    QCOMPARE(agent->name, QStringLiteral("Support bot 2"));
    QCOMPARE(agent->llmModel.apiKeySecret, QStringLiteral("agent-agent-a-api-key"));
    QCOMPARE(agent->conversationCount, 12); // counters are not reset by an edit
}

void TestAgentsPage::dialogShowsSaveError()
{
    AgentDialog dialog(m_service.get(), m_deployments.get());
    dialog.findChild<QLineEdit*>(QStringLiteral("agentName"))->setText(QStringLiteral("Dup"));
    m_service->failNextOperation({ ErrorCode::Conflict, QStringLiteral("An agent named Dup exists") });
    dialog.accept();
    QCOMPARE(dialog.errorText(QStringLiteral("save")), QStringLiteral("Could not save: An agent named Dup exists"));
    QVERIFY(dialog.result() != QDialog::Accepted);
}

void TestAgentsPage::mainWindowAddsTheAgentsPage()
{
    populate();
    FakeNodeService nodes;
    MainWindow window(&nodes);
    window.setDeploymentService(m_deployments.get());
    QVERIFY(!window.agentsPage());
    window.setAgentService(m_service.get());
    QVERIFY(window.agentsPage());
    QVERIFY(window.sidebar()->pageTitles().contains(QStringLiteral("Agents")));
    window.showPage(MainWindow::Page::Agents);
    QCOMPARE(window.currentPage(), MainWindow::Page::Agents);
    QVERIFY(window.isPageEnabled(MainWindow::Page::Agents));
    window.resize(1360, 860);
    window.show();
    QVERIFY(window.agentsPage()->selectAgent(QStringLiteral("agent-a")));
    settle();
    QVERIFY(window.agentsPage()->newButton()->isEnabled());
    QVERIFY(window.agentsPage()->chatAction()->isEnabled());
    // The dialog of the page lists the window's running deployments.
    AgentDialog* dialog = window.agentsPage()->openNewDialog();
    QCOMPARE(dialog->findChild<QComboBox*>(QStringLiteral("deploymentCombo"))->count(), 1);
    dialog->close();
    QVERIFY(saveShot(window.grab().toImage(), QStringLiteral("agents-window.png")));

    // Given the other way round, the dialog still finds the deployments.
    MainWindow second(&nodes);
    second.setAgentService(m_service.get());
    second.setDeploymentService(m_deployments.get());
    AgentDialog* later = second.agentsPage()->openNewDialog();
    QCOMPARE(later->findChild<QComboBox*>(QStringLiteral("deploymentCombo"))->count(), 1);
    later->close();
}

void TestAgentsPage::screenshots()
{
    populate();
    makePage();
    QVERIFY(m_page->selectAgent(QStringLiteral("agent-c")));
    settle();
    QVERIFY(saveShot(m_page->grab().toImage(), QStringLiteral("agents-page-light.png")));
    m_page->setPalette(darkPalette());
    QVERIFY(m_page->selectAgent(QStringLiteral("agent-a")));
    settle();
    QVERIFY(saveShot(m_page->grab().toImage(), QStringLiteral("agents-page-dark.png")));
    m_page->setPalette(QPalette());

    // A container agent whose image is missing: the long reason wraps under the header.
    AgentRecord container
        = makeAgent(QStringLiteral("agent-e"), QStringLiteral("Container helper"), QStringLiteral("error"));
    container.runtime = QStringLiteral("container");
    container.lastError = QStringLiteral(
        "The agent runtime's image localhost/aiops-agent-runtime:latest is not on this machine and could not be "
        "pulled (Pulling localhost/aiops-agent-runtime:latest failed: pinging container registry localhost: Get "
        "\"https://localhost/v2/\": dial tcp 127.0.0.1:443: connect: connection refused). Build it with "
        "scripts/make-agent-image, or set an image your registry has.");
    m_service->putAgent(container);
    QVERIFY(m_page->selectAgent(QStringLiteral("agent-e")));
    // The detail's scroll area takes a few event loop turns to size its page to the wrapped text.
    for (int i = 0; i < 5; ++i) {
        settle();
        QTest::qWait(20);
    }
    QCOMPARE(m_page->findChild<QLabel*>(QStringLiteral("agentError"))->text(),
             QStringLiteral("Failed: ") + container.lastError);
    QVERIFY(saveShot(m_page->grab().toImage(), QStringLiteral("agents-page-image-missing.png")));

    AgentDialog* dialog = m_page->openNewDialog();
    QVERIFY(dialog);
    dialog->resize(640, 1180); // everything in one shot
    dialog->findChild<QLineEdit*>(QStringLiteral("agentName"))->setText(QStringLiteral("Support bot"));
    dialog->findChild<QRadioButton*>(QStringLiteral("useProvider"))->setChecked(true);
    dialog->findChild<QListWidget*>(QStringLiteral("toolList"))->item(0)->setCheckState(Qt::Checked);
    dialog->accept(); // the model is missing: inline error
    settle();
    QVERIFY(saveShot(dialog->grab().toImage(), QStringLiteral("agent-dialog.png")));
    dialog->close();

    FakeAgentService none;
    AgentsPage emptyPage(&none);
    emptyPage.resize(1000, 640);
    emptyPage.show();
    settle();
    QVERIFY(saveShot(emptyPage.grab().toImage(), QStringLiteral("agents-page-empty.png")));

    // The dialog in Vietnamese (longer labels must still fit).
    QTranslator vietnamese;
    QVERIFY(vietnamese.load(QStringLiteral(":/i18n/aiops_vi.qm")));
    QCoreApplication::installTranslator(&vietnamese);
    AgentDialog vi(m_service.get(), m_deployments.get());
    vi.resize(640, 1180);
    vi.show();
    settle();
    QVERIFY(saveShot(vi.grab().toImage(), QStringLiteral("agent-dialog-vi.png")));
    QCoreApplication::removeTranslator(&vietnamese);
    QCOMPARE(vi.windowTitle(), QStringLiteral("Agent mới"));
}

QTEST_MAIN(TestAgentsPage)
#include "test_agents_page.moc"
