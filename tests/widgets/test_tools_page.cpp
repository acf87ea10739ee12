// ToolsPage, RegisterToolDialog and ToolTryItForm over FakeAgentService: the table with status
// text and shape, the empty state, live updates, the detail panel (offered tools, input schema,
// last error), registering by URL and as a container (inline validation, the service's errors),
// "Try it" (widgets from the JSON Schema, typed arguments, the answer of toolCallFinished), check
// health, restart, remove behind a confirmation, the keyboard, the main window, and screenshots.
#include "models/ModelRoles.h"
#include "tests/support/FakeAgentService.h"
#include "tests/support/FakeNodeService.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/MainWindow.h"
#include "widgets/RegisterToolDialog.h"
#include "widgets/RoleGate.h"
#include "widgets/Sidebar.h"
#include "widgets/ToolTryItForm.h"
#include "widgets/ToolsPage.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using aiops::Error;
using aiops::ErrorCode;
using aiops::agents::DiscoveredTool;
using aiops::agents::ToolRecord;
using aiops::testing::darkPalette;
using aiops::testing::FakeAgentService;
using aiops::testing::FakeNodeService;
using aiops::widgets::MainWindow;
using aiops::widgets::RegisterToolDialog;
using aiops::widgets::ToolsPage;
using aiops::widgets::ToolTryItForm;

namespace {

QString shotPath(const QString& name)
{
    QDir().mkpath(QStringLiteral("/tmp/shots-tools"));
    return QStringLiteral("/tmp/shots-tools/") + name;
}

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// Clicks the button labelled `buttonText` of the next message box that opens, and keeps its text.
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

// A search tool whose schema uses every kind of input the form knows.
DiscoveredTool searchTool()
{
    DiscoveredTool tool;
    tool.name = QStringLiteral("search_issues");
    tool.description = QStringLiteral("Searches the issues of a repository.");
    tool.inputSchema = json("{\"type\":\"object\",\"required\":[\"query\",\"limit\"],\"properties\":{"
                            "\"query\":{\"type\":\"string\",\"description\":\"Words to look for\"},"
                            "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":50,\"default\":10},"
                            "\"minScore\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},"
                            "\"includeClosed\":{\"type\":\"boolean\"},"
                            "\"state\":{\"type\":\"string\",\"enum\":[\"open\",\"closed\",\"all\"]},"
                            "\"filters\":{\"type\":\"object\"},"
                            "\"labels\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}");
    return tool;
}

ToolRecord githubTool()
{
    ToolRecord tool;
    tool.toolId = QStringLiteral("tool-github");
    tool.name = QStringLiteral("GitHub");
    tool.description = QStringLiteral("Issues and pull requests of the ops repositories");
    tool.category = QStringLiteral("productivity");
    tool.transport = QStringLiteral("http");
    tool.endpoint = QStringLiteral("http://127.0.0.1:3001/mcp");
    tool.status = QStringLiteral("active");
    tool.lastHealthCheck = QDateTime::currentDateTimeUtc().addSecs(-90);
    DiscoveredTool get;
    get.name = QStringLiteral("get_issue");
    get.description = QStringLiteral("Reads one issue.");
    get.inputSchema = json("{\"type\":\"object\",\"required\":[\"number\"],\"properties\":{\"number\":{\"type\":"
                           "\"integer\",\"minimum\":1}}}");
    tool.discovered = { searchTool(), get };
    return tool;
}

ToolRecord containerTool()
{
    ToolRecord tool;
    tool.toolId = QStringLiteral("tool-pg");
    tool.name = QStringLiteral("Postgres");
    tool.category = QStringLiteral("data");
    tool.dockerImage = QStringLiteral("ghcr.io/example/mcp-postgres:1.2");
    tool.port = 8080;
    tool.environment = { { QStringLiteral("PGHOST"), QStringLiteral("db") },
                         { QStringLiteral("PGPASSWORD"), QStringLiteral("secret") } };
    tool.endpoint = QStringLiteral("http://127.0.0.1:41234/mcp");
    tool.status = QStringLiteral("error");
    tool.lastError = QStringLiteral("connection refused (127.0.0.1:41234)");
    tool.lastHealthCheck = QDateTime::currentDateTimeUtc().addSecs(-600);
    return tool;
}

ToolRecord builtinTool()
{
    ToolRecord tool;
    tool.toolId = QStringLiteral("builtin-fleet");
    tool.name = QStringLiteral("fleet_status");
    tool.type = QStringLiteral("builtin");
    tool.category = QStringLiteral("system");
    tool.description = QStringLiteral("Nodes, GPUs and deployments of this controller");
    tool.status = QStringLiteral("active");
    tool.inputSchema = json("{\"type\":\"object\",\"properties\":{\"nodeId\":{\"type\":\"string\"}}}");
    return tool;
}

// Shows the end of the detail panel (the Try it result) in a screenshot.
void scrollDetailToBottom(QWidget* page)
{
    QApplication::processEvents();
    for (QScrollArea* area : page->findChildren<QScrollArea*>())
        area->verticalScrollBar()->setValue(area->verticalScrollBar()->maximum());
    QApplication::processEvents();
}

int rowOf(const ToolsPage& page, const QString& name)
{
    for (int row = 0; row < page.tableModel()->rowCount(); ++row) {
        if (page.tableModel()->index(row, ToolsPage::NameColumn).data().toString() == name)
            return row;
    }
    return -1;
}

} // namespace

class TestToolsPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsEmptyStateWithoutMcpServers();
    void listsToolsWithStatusTextAndShape();
    void detailShowsOfferedToolsSchemaAndError();
    void registersByUrl();
    void registersAsContainer();
    void invalidUrlShowsInlineErrorAndDoesNotCall();
    void containerFieldsAreValidated();
    void serviceErrorIsShownInTheDialog();
    void tryItBuildsWidgetsFromTheSchema();
    void tryItSendsTypedArguments();
    void tryItShowsTheResultOfItsRequest();
    void tryItShowsErrors();
    void tryItRejectsBadJson();
    void removeAsksFirst();
    void builtinToolsCannotBeRemoved();
    void removeConflictIsShown();
    void checkHealthAndRestart();
    void mainWindowAddsThePagesAndCtrlNRegisters();
    void screenshots();

private:
    void makePage();
    RegisterToolDialog* openDialog();
    static void settle();

    std::unique_ptr<FakeAgentService> m_service;
    std::unique_ptr<ToolsPage> m_page;
    QTranslator m_english;
};

void TestToolsPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QVERIFY(m_english.load(QStringLiteral(":/i18n/aiops_en.qm")));
    QCoreApplication::installTranslator(&m_english);
}

void TestToolsPage::init()
{
    m_service = std::make_unique<FakeAgentService>();
}

void TestToolsPage::cleanup()
{
    m_page.reset();
    m_service.reset();
}

void TestToolsPage::settle()
{
    QApplication::processEvents();
    QApplication::processEvents();
}

void TestToolsPage::makePage()
{
    m_page = std::make_unique<ToolsPage>(m_service.get());
    m_page->resize(1180, 900);
    m_page->show();
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    settle();
}

RegisterToolDialog* TestToolsPage::openDialog()
{
    RegisterToolDialog* dialog = m_page->openRegisterDialog();
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

void TestToolsPage::showsEmptyStateWithoutMcpServers()
{
    m_service->putTool(builtinTool());
    makePage();
    QVERIFY(m_page->isShowingEmptyState());
    QVERIFY(m_page->emptyStateRegisterButton()->isVisible());
    QCOMPARE(m_page->emptyStateRegisterButton()->text(), QStringLiteral("Register an MCP server…"));
    QVERIFY(m_page->grab().save(shotPath(QStringLiteral("tools-page-empty.png"))));
    m_service->putTool(githubTool()); // live update
    QVERIFY(!m_page->isShowingEmptyState());
    QCOMPARE(m_page->tableModel()->rowCount(), 2);
    QCOMPARE(m_page->subtitle(), QStringLiteral("1 MCP server · 1 built-in"));
}

void TestToolsPage::listsToolsWithStatusTextAndShape()
{
    m_service->putTool(githubTool());
    m_service->putTool(containerTool());
    m_service->putTool(builtinTool());
    makePage();
    QStandardItemModel* model = m_page->tableModel();
    QCOMPARE(model->rowCount(), 3);
    const int github = rowOf(*m_page, QStringLiteral("GitHub"));
    const int pg = rowOf(*m_page, QStringLiteral("Postgres"));
    const int fleet = rowOf(*m_page, QStringLiteral("fleet_status"));
    QVERIFY(github >= 0 && pg >= 0 && fleet >= 0);
    auto text = [model](int row, int column) {
        return model->index(row, column).data().toString();
    };
    QCOMPARE(text(github, ToolsPage::TypeColumn), QStringLiteral("MCP · URL"));
    QCOMPARE(text(github, ToolsPage::TransportColumn), QStringLiteral("Streamable HTTP"));
    QCOMPARE(text(github, ToolsPage::EndpointColumn), QStringLiteral("http://127.0.0.1:3001/mcp"));
    QCOMPARE(text(github, ToolsPage::StatusColumn), QStringLiteral("Active"));
    QCOMPARE(model->index(github, ToolsPage::StatusColumn).data(aiops::models::StatusRole).toString(),
             QStringLiteral("online"));
    QCOMPARE(text(github, ToolsPage::ToolsColumn), QStringLiteral("2"));
    QCOMPARE(text(github, ToolsPage::CheckedColumn), QStringLiteral("1 min ago"));
    QCOMPARE(text(pg, ToolsPage::TypeColumn), QStringLiteral("MCP · container"));
    QVERIFY(text(pg, ToolsPage::EndpointColumn).startsWith(QStringLiteral("ghcr.io/example/mcp-postgres:1.2")));
    QCOMPARE(text(pg, ToolsPage::StatusColumn), QStringLiteral("Error"));
    QCOMPARE(model->index(pg, ToolsPage::StatusColumn).data(aiops::models::StatusRole).toString(),
             QStringLiteral("offline"));
    QCOMPARE(text(fleet, ToolsPage::TypeColumn), QStringLiteral("Built-in"));
    QCOMPARE(text(fleet, ToolsPage::ToolsColumn), QStringLiteral("1"));
    // A container that does not run yet has only its MCP path: the image alone is shown.
    ToolRecord starting = containerTool();
    starting.endpoint = QStringLiteral("/mcp");
    starting.status = QStringLiteral("inactive");
    m_service->putTool(starting);
    QTRY_COMPARE(text(rowOf(*m_page, QStringLiteral("Postgres")), ToolsPage::EndpointColumn),
                 QStringLiteral("ghcr.io/example/mcp-postgres:1.2"));
    // While it starts, the status says how far it got, with the amber "on its way" shape.
    const auto statusOfPostgres = [&] {
        return text(rowOf(*m_page, QStringLiteral("Postgres")), ToolsPage::StatusColumn);
    };
    starting.deployPhase = QStringLiteral("pulling");
    starting.pullCurrentBytes = 45 << 20;
    starting.pullTotalBytes = 100 << 20;
    m_service->putTool(starting);
    QTRY_COMPARE(statusOfPostgres(), QStringLiteral("Starting · pulling the image 45 %"));
    QCOMPARE(model->index(rowOf(*m_page, QStringLiteral("Postgres")), ToolsPage::StatusColumn)
                 .data(aiops::models::StatusRole)
                 .toString(),
             QStringLiteral("maintenance"));
    starting.pullTotalBytes = 0; // size not known yet
    m_service->putTool(starting);
    QTRY_COMPARE(statusOfPostgres(), QStringLiteral("Starting · pulling the image"));
    starting.deployPhase = QStringLiteral("starting");
    m_service->putTool(starting);
    QTRY_COMPARE(statusOfPostgres(), QStringLiteral("Starting · creating the container"));
    starting.deployPhase = QStringLiteral("connecting");
    m_service->putTool(starting);
    QTRY_COMPARE(statusOfPostgres(), QStringLiteral("Starting · waiting for the server"));
    m_service->putTool(containerTool());
    QCOMPARE(text(fleet, ToolsPage::CheckedColumn), QStringLiteral("never"));
    QCOMPARE(m_page->subtitle(), QStringLiteral("2 MCP servers · 1 built-in · 1 with errors"));

    // Live: a tool turning inactive, and one removed elsewhere.
    ToolRecord changed = githubTool();
    changed.status = QStringLiteral("inactive");
    m_service->putTool(changed);
    const int again = rowOf(*m_page, QStringLiteral("GitHub"));
    QCOMPARE(model->index(again, ToolsPage::StatusColumn).data().toString(), QStringLiteral("Inactive"));
    QCOMPARE(model->index(again, ToolsPage::StatusColumn).data(aiops::models::StatusRole).toString(),
             QStringLiteral("stopped"));
    QVERIFY(m_service->removeTool(QStringLiteral("tool-pg")));
    QCOMPARE(model->rowCount(), 2);
}

void TestToolsPage::detailShowsOfferedToolsSchemaAndError()
{
    m_service->putTool(githubTool());
    m_service->putTool(containerTool());
    makePage();
    QVERIFY(!m_page->isShowingDetail());
    QVERIFY(m_page->selectTool(QStringLiteral("tool-github")));
    QVERIFY(m_page->isShowingDetail());
    QCOMPARE(m_page->detailText(QStringLiteral("title")), QStringLiteral("GitHub"));
    QCOMPARE(m_page->detailText(QStringLiteral("status")), QStringLiteral("Active"));
    QCOMPARE(m_page->detailText(QStringLiteral("error")), QString());
    QCOMPARE(m_page->discoveredList()->count(), 2);
    QCOMPARE(m_page->discoveredList()->currentItem()->text(), QStringLiteral("search_issues"));
    const QString schema = m_page->schemaView()->toPlainText();
    QVERIFY(schema.contains(QStringLiteral("\"required\": [")));
    QVERIFY(schema.contains(QStringLiteral("\"maximum\": 50")));
    QVERIFY(schema.count(QLatin1Char('\n')) > 10); // pretty-printed
    QCOMPARE(m_page->tryItForm()->toolName(), QStringLiteral("search_issues"));
    QVERIFY(m_page->selectDiscoveredTool(QStringLiteral("get_issue")));
    QVERIFY(m_page->schemaView()->toPlainText().contains(QStringLiteral("\"number\"")));
    QCOMPARE(m_page->tryItForm()->fieldNames(), QStringList { QStringLiteral("number") });

    QVERIFY(m_page->selectTool(QStringLiteral("tool-pg")));
    QCOMPARE(m_page->detailText(QStringLiteral("status")), QStringLiteral("Error"));
    QCOMPARE(m_page->detailText(QStringLiteral("error")),
             QStringLiteral("Last health check failed: connection refused (127.0.0.1:41234)"));
    QCOMPARE(m_page->detailText(QStringLiteral("image")),
             QStringLiteral("ghcr.io/example/mcp-postgres:1.2 · port 8080"));
    // Variable names only: values may be secrets.
    QCOMPARE(m_page->detailText(QStringLiteral("environment")), QStringLiteral("PGHOST, PGPASSWORD"));
    QCOMPARE(m_page->discoveredList()->count(), 1);
    QVERIFY(!(m_page->discoveredList()->item(0)->flags() & Qt::ItemIsSelectable));
    QVERIFY(!m_page->detailTabs()->isEnabled());
    QVERIFY(!m_page->detailTabs()->isVisible());

    // The health check's result arrives through toolsChanged.
    ToolRecord healed = containerTool();
    healed.status = QStringLiteral("active");
    healed.lastError.clear();
    healed.discovered = { searchTool() };
    m_service->putTool(healed);
    QCOMPARE(m_page->selectedToolId(), QStringLiteral("tool-pg"));
    QCOMPARE(m_page->detailText(QStringLiteral("status")), QStringLiteral("Active"));
    QCOMPARE(m_page->detailText(QStringLiteral("error")), QString());
    QCOMPARE(m_page->discoveredList()->count(), 1);
    QCOMPARE(m_page->discoveredList()->item(0)->text(), QStringLiteral("search_issues"));
    QVERIFY(m_page->detailTabs()->isEnabled());
    QVERIFY(m_page->detailTabs()->isVisible());
}

void TestToolsPage::registersByUrl()
{
    makePage();
    RegisterToolDialog* dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), RegisterToolDialog::Mode::Url);
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("GitHub"));
    QTest::keyClicks(dialog->descriptionEdit(), QStringLiteral("Issues and PRs"));
    dialog->categoryBox()->setCurrentIndex(dialog->categoryBox()->findData(QStringLiteral("communication")));
    QTest::keyClicks(dialog->endpointEdit(), QStringLiteral("https://mcp.example.com/github/mcp"));
    dialog->transportBox()->setCurrentIndex(dialog->transportBox()->findData(QStringLiteral("sse")));
    settle();
    QVERIFY(dialog->grab().save(shotPath(QStringLiteral("register-dialog-url.png"))));
    QPointer<RegisterToolDialog> guard(dialog);
    QTest::mouseClick(dialog->registerButton(), Qt::LeftButton);
    settle();
    QCOMPARE(m_service->callsOf(QStringLiteral("registerTool")).size(), 1);
    const QList<ToolRecord> tools = m_service->tools();
    QCOMPARE(tools.size(), 1);
    const ToolRecord& tool = tools.first();
    QCOMPARE(tool.name, QStringLiteral("GitHub"));
    QCOMPARE(tool.type, QStringLiteral("mcp"));
    QCOMPARE(tool.description, QStringLiteral("Issues and PRs"));
    QCOMPARE(tool.category, QStringLiteral("communication"));
    QCOMPARE(tool.endpoint, QStringLiteral("https://mcp.example.com/github/mcp"));
    QCOMPARE(tool.transport, QStringLiteral("sse"));
    QVERIFY(tool.dockerImage.isEmpty());
    QVERIFY(tool.environment.isEmpty());
    QTRY_VERIFY(guard.isNull() || !guard->isVisible()); // closed
    QCOMPARE(m_page->selectedToolId(), tool.toolId);
    QVERIFY(!m_page->isShowingEmptyState());
}

void TestToolsPage::registersAsContainer()
{
    makePage();
    RegisterToolDialog* dialog = openDialog();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->containerModeButton(), Qt::LeftButton);
    QCOMPARE(dialog->mode(), RegisterToolDialog::Mode::Container);
    QVERIFY(dialog->imageEdit()->isVisible());
    QVERIFY(!dialog->endpointEdit()->isVisible());
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Postgres"));
    QTest::keyClicks(dialog->imageEdit(), QStringLiteral("ghcr.io/example/mcp-postgres:1.2"));
    dialog->portBox()->setValue(8080);
    QVERIFY(dialog->pathEdit()->isVisible());
    QVERIFY(dialog->transportBox()->isVisible()); // the server in the container speaks one of the two
    QCOMPARE(dialog->pathEdit()->placeholderText(), QStringLiteral("/mcp"));
    dialog->transportBox()->setCurrentIndex(dialog->transportBox()->findData(QStringLiteral("sse")));
    QCOMPARE(dialog->pathEdit()->placeholderText(), QStringLiteral("/sse"));
    dialog->transportBox()->setCurrentIndex(dialog->transportBox()->findData(QStringLiteral("http")));
    QTest::keyClicks(dialog->pathEdit(), QStringLiteral("/v1/mcp"));
    QTest::mouseClick(dialog->addVariableButton(), Qt::LeftButton);
    QCOMPARE(dialog->environmentTable()->rowCount(), 1);
    dialog->environmentTable()->item(0, 0)->setText(QStringLiteral("PGHOST"));
    dialog->environmentTable()->item(0, 1)->setText(QStringLiteral("db.internal"));
    dialog->addVariable(QStringLiteral("PGUSER"), QStringLiteral("reader"));
    dialog->addVariable(); // an empty row is ignored
    settle();
    QVERIFY(dialog->grab().save(shotPath(QStringLiteral("register-dialog-container.png"))));
    QTest::mouseClick(dialog->registerButton(), Qt::LeftButton);
    settle();
    const QList<ToolRecord> tools = m_service->tools();
    QCOMPARE(tools.size(), 1);
    const ToolRecord& tool = tools.first();
    QCOMPARE(tool.name, QStringLiteral("Postgres"));
    QCOMPARE(tool.dockerImage, QStringLiteral("ghcr.io/example/mcp-postgres:1.2"));
    QCOMPARE(tool.port, 8080);
    QCOMPARE(tool.environment.size(), 2);
    QCOMPARE(tool.environment.value(QStringLiteral("PGHOST")), QStringLiteral("db.internal"));
    QCOMPARE(tool.environment.value(QStringLiteral("PGUSER")), QStringLiteral("reader"));
    QCOMPARE(tool.endpoint, QStringLiteral("/v1/mcp")); // the MCP path in the container
    QCOMPARE(tool.transport, QStringLiteral("http"));
}

void TestToolsPage::invalidUrlShowsInlineErrorAndDoesNotCall()
{
    makePage();
    RegisterToolDialog* dialog = openDialog();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->registerButton(), Qt::LeftButton);
    QCOMPARE(dialog->fieldError(QStringLiteral("name")), QStringLiteral("Enter a name."));
    QVERIFY(dialog->fieldError(QStringLiteral("endpoint")).startsWith(QStringLiteral("Enter the server's URL")));
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Broken"));
    QCOMPARE(dialog->fieldError(QStringLiteral("name")), QString()); // re-checked while typing
    QTest::keyClicks(dialog->endpointEdit(), QStringLiteral("localhost:3001/mcp"));
    QTest::mouseClick(dialog->registerButton(), Qt::LeftButton);
    QCOMPARE(dialog->fieldError(QStringLiteral("endpoint")),
             QStringLiteral("“localhost:3001/mcp” is not an http:// or https:// URL, e.g. http://localhost:3001/mcp."));
    QVERIFY(dialog->isVisible());
    settle();
    QVERIFY(dialog->grab().save(shotPath(QStringLiteral("register-dialog-invalid.png"))));
    dialog->endpointEdit()->setText(QStringLiteral("ftp://example.com/mcp"));
    QTest::mouseClick(dialog->registerButton(), Qt::LeftButton);
    QVERIFY(!dialog->fieldError(QStringLiteral("endpoint")).isEmpty());
    QCOMPARE(m_service->callsOf(QStringLiteral("registerTool")).size(), 0);
    QVERIFY(m_service->tools().isEmpty());
    dialog->reject();
}

void TestToolsPage::containerFieldsAreValidated()
{
    makePage();
    RegisterToolDialog* dialog = openDialog();
    QVERIFY(dialog);
    dialog->setMode(RegisterToolDialog::Mode::Container);
    dialog->nameEdit()->setText(QStringLiteral("Postgres"));
    dialog->imageEdit()->setText(QStringLiteral("my image"));
    dialog->addVariable(QStringLiteral("1BAD"), QStringLiteral("x"));
    dialog->pathEdit()->setText(QStringLiteral("mcp"));
    QTest::mouseClick(dialog->registerButton(), Qt::LeftButton);
    QCOMPARE(dialog->fieldError(QStringLiteral("image")), QStringLiteral("An image name has no spaces."));
    QCOMPARE(dialog->fieldError(QStringLiteral("path")),
             QStringLiteral("Enter a path such as /mcp, or leave it empty."));
    dialog->pathEdit()->clear();
    QCOMPARE(dialog->fieldError(QStringLiteral("path")), QString());
    QVERIFY(dialog->fieldError(QStringLiteral("environment"))
                .startsWith(QStringLiteral("Row 1: “1BAD” is not a variable name")));
    dialog->imageEdit()->setText(QStringLiteral("ghcr.io/x/y:1"));
    dialog->environmentTable()->item(0, 0)->setText(QStringLiteral("GOOD"));
    dialog->addVariable(QStringLiteral("GOOD"), QStringLiteral("y"));
    QCOMPARE(dialog->fieldError(QStringLiteral("image")), QString());
    QCOMPARE(dialog->fieldError(QStringLiteral("environment")), QStringLiteral("Row 2: “GOOD” is set twice."));
    QCOMPARE(m_service->callsOf(QStringLiteral("registerTool")).size(), 0);
    dialog->reject();
}

void TestToolsPage::serviceErrorIsShownInTheDialog()
{
    makePage();
    RegisterToolDialog* dialog = openDialog();
    QVERIFY(dialog);
    dialog->nameEdit()->setText(QStringLiteral("GitHub"));
    dialog->endpointEdit()->setText(QStringLiteral("http://localhost:3001/mcp"));
    m_service->failNextOperation(Error { ErrorCode::InvalidValue,
                                         QStringLiteral("endpoint: the server did not answer initialize"),
                                         QStringLiteral("endpoint") });
    QTest::mouseClick(dialog->registerButton(), Qt::LeftButton);
    QCOMPARE(m_service->callsOf(QStringLiteral("registerTool")).size(), 1);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->errorText(),
             QStringLiteral("Could not register the server: endpoint: the server did not answer initialize"));
    QCOMPARE(dialog->fieldError(QStringLiteral("endpoint")),
             QStringLiteral("endpoint: the server did not answer initialize"));
    QVERIFY(!dialog->registeredTool());
    // Trying again works.
    QTest::mouseClick(dialog->registerButton(), Qt::LeftButton);
    QVERIFY(dialog->registeredTool());
    QCOMPARE(m_service->tools().size(), 1);
}

void TestToolsPage::tryItBuildsWidgetsFromTheSchema()
{
    ToolTryItForm form(m_service.get());
    form.setTool(QStringLiteral("tool-github"), searchTool());
    QCOMPARE(form.fieldNames(),
             (QStringList { QStringLiteral("query"),
                            QStringLiteral("limit"),
                            QStringLiteral("filters"),
                            QStringLiteral("includeClosed"),
                            QStringLiteral("labels"),
                            QStringLiteral("minScore"),
                            QStringLiteral("state") }));
    QVERIFY(form.isRequired(QStringLiteral("query")));
    QVERIFY(form.isRequired(QStringLiteral("limit")));
    QVERIFY(!form.isRequired(QStringLiteral("state")));
    QVERIFY(qobject_cast<QLineEdit*>(form.fieldWidget(QStringLiteral("query"))));
    auto* limit = qobject_cast<QSpinBox*>(form.fieldWidget(QStringLiteral("limit")));
    QVERIFY(limit);
    QCOMPARE(limit->minimum(), 1);
    QCOMPARE(limit->maximum(), 50);
    QCOMPARE(limit->value(), 10); // the schema's default
    auto* score = qobject_cast<QDoubleSpinBox*>(form.fieldWidget(QStringLiteral("minScore")));
    QVERIFY(score);
    QCOMPARE(score->minimum(), 0.0);
    QCOMPARE(score->maximum(), 1.0);
    QVERIFY(qobject_cast<QCheckBox*>(form.fieldWidget(QStringLiteral("includeClosed"))));
    auto* state = qobject_cast<QComboBox*>(form.fieldWidget(QStringLiteral("state")));
    QVERIFY(state);
    QCOMPARE(state->count(), 4); // "(not set)" and the three values
    QCOMPARE(state->itemText(2), QStringLiteral("closed"));
    QVERIFY(qobject_cast<QPlainTextEdit*>(form.fieldWidget(QStringLiteral("filters"))));
    QVERIFY(qobject_cast<QPlainTextEdit*>(form.fieldWidget(QStringLiteral("labels"))));
    // Required fields are marked in their label and accessible name.
    bool marked = false;
    for (QLabel* label : form.findChildren<QLabel*>()) {
        if (label->buddy() == form.fieldWidget(QStringLiteral("query")))
            marked = label->text() == QStringLiteral("query *");
    }
    QVERIFY(marked);
    QCOMPARE(form.fieldWidget(QStringLiteral("query"))->accessibleName(), QStringLiteral("query (required)"));

    // A tool without inputs says so.
    DiscoveredTool ping;
    ping.name = QStringLiteral("ping");
    form.setTool(QStringLiteral("tool-github"), ping);
    QVERIFY(form.fieldNames().isEmpty());
    QVERIFY(form.findChild<QLabel*>(QStringLiteral("tryItNoInputs"))->isVisibleTo(&form));
}

void TestToolsPage::tryItSendsTypedArguments()
{
    ToolTryItForm form(m_service.get());
    form.setTool(QStringLiteral("tool-github"), searchTool());
    // Only the required fields (and those with a default) go out when nothing else was touched.
    qobject_cast<QLineEdit*>(form.fieldWidget(QStringLiteral("query")))->setText(QStringLiteral("gpu oom"));
    form.run();
    auto calls = m_service->callsOf(QStringLiteral("tryTool"));
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls.first().id, QStringLiteral("tool-github"));
    QCOMPARE(calls.first().text, QStringLiteral("search_issues"));
    QCOMPARE(calls.first().arguments, json("{\"query\":\"gpu oom\",\"limit\":10}"));
    m_service->answerTool(form.pendingRequestId(), json("{\"content\":[]}"));

    qobject_cast<QSpinBox*>(form.fieldWidget(QStringLiteral("limit")))->setValue(25);
    qobject_cast<QDoubleSpinBox*>(form.fieldWidget(QStringLiteral("minScore")))->setValue(0.5);
    qobject_cast<QCheckBox*>(form.fieldWidget(QStringLiteral("includeClosed")))->setChecked(true);
    auto* state = qobject_cast<QComboBox*>(form.fieldWidget(QStringLiteral("state")));
    state->setCurrentIndex(state->findText(QStringLiteral("all")));
    qobject_cast<QPlainTextEdit*>(form.fieldWidget(QStringLiteral("filters")))
        ->setPlainText(QStringLiteral("{\"author\": \"ops-bot\", \"since\": 2024}"));
    qobject_cast<QPlainTextEdit*>(form.fieldWidget(QStringLiteral("labels")))
        ->setPlainText(QStringLiteral("[\"gpu\", \"p1\"]"));
    QTest::mouseClick(form.runButton(), Qt::LeftButton);
    calls = m_service->callsOf(QStringLiteral("tryTool"));
    QCOMPARE(calls.size(), 2);
    const QJsonObject args = calls.last().arguments;
    QCOMPARE(args,
             json("{\"query\":\"gpu oom\",\"limit\":25,\"minScore\":0.5,\"includeClosed\":true,"
                  "\"state\":\"all\",\"filters\":{\"author\":\"ops-bot\",\"since\":2024},"
                  "\"labels\":[\"gpu\",\"p1\"]}"));
    QVERIFY(args.value(QStringLiteral("limit")).isDouble());
    QVERIFY(args.value(QStringLiteral("includeClosed")).isBool());

    // A missing required field stops the call with a readable error.
    m_service->answerTool(form.pendingRequestId(), json("{\"content\":[]}"));
    qobject_cast<QLineEdit*>(form.fieldWidget(QStringLiteral("query")))->clear();
    form.run();
    QCOMPARE(m_service->callsOf(QStringLiteral("tryTool")).size(), 2);
    QCOMPARE(form.errorText(), QStringLiteral("Enter a value for “query”."));
}

void TestToolsPage::tryItShowsTheResultOfItsRequest()
{
    m_service->putTool(githubTool());
    makePage();
    QVERIFY(m_page->selectTool(QStringLiteral("tool-github")));
    m_page->detailTabs()->setCurrentIndex(1);
    ToolTryItForm* form = m_page->tryItForm();
    qobject_cast<QLineEdit*>(form->fieldWidget(QStringLiteral("query")))->setText(QStringLiteral("gpu oom"));
    QTest::mouseClick(form->runButton(), Qt::LeftButton);
    QVERIFY(form->isRunning());
    auto* spinner = form->findChild<QProgressBar*>(QStringLiteral("tryItSpinner"));
    QVERIFY(spinner->isVisible());
    QVERIFY(!form->runButton()->isEnabled());
    const QString requestId = form->pendingRequestId();
    QVERIFY(!requestId.isEmpty());

    // Another request's answer is not ours.
    m_service->answerTool(QStringLiteral("req-other"), json("{\"content\":[{\"type\":\"text\",\"text\":\"nope\"}]}"));
    QVERIFY(form->isRunning());
    QCOMPARE(form->resultText(), QString());

    m_service->answerTool(
        requestId,
        json("{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"total\\\":2,\\\"items\\\":[{\\\"number\\\""
             ":4711,\\\"title\\\":\\\"vLLM OOM on gpu-02\\\"},{\\\"number\\\":4720,\\\"title\\\":"
             "\\\"Triton restart loop\\\"}]}\"}],\"isError\":false}"));
    settle();
    QVERIFY(!form->isRunning());
    QVERIFY(!spinner->isVisible());
    QVERIFY(form->runButton()->isEnabled());
    const QString result = form->resultText();
    QVERIFY(result.contains(QStringLiteral("\"title\": \"vLLM OOM on gpu-02\"")));
    QVERIFY(result.count(QLatin1Char('\n')) > 5); // pretty-printed
    QCOMPARE(form->errorText(), QString());
    scrollDetailToBottom(m_page.get());
    QVERIFY(m_page->grab().save(shotPath(QStringLiteral("tools-page-try-it-result.png"))));
    QVERIFY(form->grab().save(shotPath(QStringLiteral("try-it-form-result.png"))));

    // Plain text content is shown as it is.
    QTest::mouseClick(form->runButton(), Qt::LeftButton);
    m_service->answerTool(form->pendingRequestId(),
                          json("{\"content\":[{\"type\":\"text\",\"text\":\"2 issues found\"}]}"));
    QCOMPARE(form->resultText(), QStringLiteral("2 issues found"));
}

void TestToolsPage::tryItShowsErrors()
{
    ToolTryItForm form(m_service.get());
    DiscoveredTool get;
    get.name = QStringLiteral("get_issue");
    get.inputSchema = json("{\"type\":\"object\",\"properties\":{\"number\":{\"type\":\"integer\"}}}");
    form.setTool(QStringLiteral("tool-github"), get);
    form.run();
    m_service->answerTool(form.pendingRequestId(),
                          {},
                          Error { ErrorCode::Unavailable, QStringLiteral("the server is not reachable"), {} });
    QCOMPARE(form.errorText(), QStringLiteral("The call failed: the server is not reachable"));
    QCOMPARE(form.resultText(), QString());
    QVERIFY(!form.isRunning());
    form.run();
    m_service->answerTool(form.pendingRequestId(),
                          json("{\"content\":[{\"type\":\"text\",\"text\":\"issue 99 not found\"}],\"isError\":true}"));
    QCOMPARE(form.errorText(), QStringLiteral("The tool reported an error: issue 99 not found"));
}

void TestToolsPage::tryItRejectsBadJson()
{
    ToolTryItForm form(m_service.get());
    form.setTool(QStringLiteral("tool-github"), searchTool());
    form.show();
    qobject_cast<QLineEdit*>(form.fieldWidget(QStringLiteral("query")))->setText(QStringLiteral("x"));
    auto* filters = qobject_cast<QPlainTextEdit*>(form.fieldWidget(QStringLiteral("filters")));
    filters->setPlainText(QStringLiteral("{\"author\": "));
    auto* inline_ = form.findChild<QLabel*>(QStringLiteral("jsonError-filters"));
    QVERIFY(inline_);
    QVERIFY(inline_->isVisible());
    QCOMPARE(inline_->text(), QStringLiteral("Not valid JSON."));
    form.run();
    QCOMPARE(m_service->callsOf(QStringLiteral("tryTool")).size(), 0);
    QCOMPARE(form.errorText(), QStringLiteral("“filters” must be a JSON object."));
    filters->setPlainText(QStringLiteral("[1, 2]"));
    QCOMPARE(inline_->text(), QStringLiteral("Enter a JSON object ({…})."));
    filters->setPlainText(QStringLiteral("{}"));
    QVERIFY(!inline_->isVisible());
    form.run();
    QCOMPARE(m_service->callsOf(QStringLiteral("tryTool")).size(), 1);
}

void TestToolsPage::removeAsksFirst()
{
    m_service->putTool(githubTool());
    makePage();
    QVERIFY(m_page->selectTool(QStringLiteral("tool-github")));
    QVERIFY(m_page->removeAction()->isEnabled());
    MessageBoxAnswer cancel;
    answerNextMessageBox(QStringLiteral("Cancel"), &cancel);
    m_page->removeSelected();
    QVERIFY(cancel.seen);
    QCOMPARE(cancel.text, QStringLiteral("Remove “GitHub”?"));
    QCOMPARE(m_service->callsOf(QStringLiteral("removeTool")).size(), 0);
    QCOMPARE(m_service->tools().size(), 1);

    // Delete on the table asks too; confirming removes it.
    MessageBoxAnswer confirm;
    answerNextMessageBox(QStringLiteral("Remove"), &confirm);
    m_page->activateWindow(); // the closed message box had it
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->table()->setFocus();
    QTest::keyClick(m_page->table(), Qt::Key_Delete);
    QVERIFY(confirm.seen);
    QCOMPARE(m_service->callsOf(QStringLiteral("removeTool")).size(), 1);
    QCOMPARE(m_service->callsOf(QStringLiteral("removeTool")).first().id, QStringLiteral("tool-github"));
    QVERIFY(m_service->tools().isEmpty());
    QVERIFY(m_page->isShowingEmptyState());
}

void TestToolsPage::builtinToolsCannotBeRemoved()
{
    m_service->putTool(githubTool());
    m_service->putTool(builtinTool());
    makePage();
    QVERIFY(m_page->selectTool(QStringLiteral("builtin-fleet")));
    QVERIFY(!m_page->removeAction()->isEnabled());
    QCOMPARE(m_page->removeAction()->toolTip(), QStringLiteral("Built-in tools cannot be removed"));
    QVERIFY(!m_page->restartAction()->isEnabled());
    m_page->removeSelected();
    QCOMPARE(m_service->callsOf(QStringLiteral("removeTool")).size(), 0);
    // Its own schema is shown and can be tried.
    QCOMPARE(m_page->discoveredList()->count(), 1);
    QCOMPARE(m_page->tryItForm()->fieldNames(), QStringList { QStringLiteral("nodeId") });
}

void TestToolsPage::removeConflictIsShown()
{
    m_service->putTool(githubTool());
    makePage();
    QVERIFY(m_page->selectTool(QStringLiteral("tool-github")));
    m_service->failNextOperation(
        Error { ErrorCode::Conflict, QStringLiteral("2 agents use this tool (triage-bot, release-bot)."), {} });
    MessageBoxAnswer confirm;
    answerNextMessageBox(QStringLiteral("Remove"), &confirm);
    m_page->removeSelected();
    QVERIFY(confirm.seen);
    QCOMPARE(m_page->messageText(),
             QStringLiteral("Could not remove “GitHub”: 2 agents use this tool (triage-bot, release-bot). Take it "
                            "away from those agents first."));
    QCOMPARE(m_service->tools().size(), 1);
}

void TestToolsPage::checkHealthAndRestart()
{
    m_service->putTool(githubTool());
    m_service->putTool(containerTool());
    makePage();
    QVERIFY(m_page->selectTool(QStringLiteral("tool-github")));
    QVERIFY(!m_page->restartAction()->isEnabled());
    QCOMPARE(m_page->restartAction()->toolTip(),
             QStringLiteral("Only servers that run as a container can be restarted"));
    m_page->table()->setFocus();
    QTest::keyClick(m_page->table(), Qt::Key_F5);
    QCOMPARE(m_service->callsOf(QStringLiteral("checkToolHealth")).size(), 1);
    QCOMPARE(m_service->callsOf(QStringLiteral("checkToolHealth")).first().id, QStringLiteral("tool-github"));

    QVERIFY(m_page->selectTool(QStringLiteral("tool-pg")));
    QVERIFY(m_page->restartAction()->isEnabled());
    m_page->restartAction()->trigger();
    QCOMPARE(m_service->callsOf(QStringLiteral("restartTool")).size(), 1);
    QCOMPARE(m_service->callsOf(QStringLiteral("restartTool")).first().id, QStringLiteral("tool-pg"));
    m_service->failNextOperation(Error { ErrorCode::Unavailable, QStringLiteral("the node is offline"), {} });
    m_page->restartAction()->trigger();
    QCOMPARE(m_page->messageText(), QStringLiteral("Could not restart “Postgres”: the node is offline"));
}

void TestToolsPage::mainWindowAddsThePagesAndCtrlNRegisters()
{
    FakeNodeService nodes;
    m_service->putTool(githubTool());
    MainWindow window(&nodes);
    QVERIFY(!window.toolsPage());
    window.setAgentService(m_service.get());
    QVERIFY(window.toolsPage());
    QVERIFY(window.instructionsPage());
    const QStringList titles = window.sidebar()->pageTitles();
    QVERIFY(titles.contains(QStringLiteral("Tools")));
    QCOMPARE(titles.indexOf(QStringLiteral("Instructions")), titles.indexOf(QStringLiteral("Tools")) + 1);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.showPage(MainWindow::Page::Tools);
    QCOMPARE(window.currentPage(), MainWindow::Page::Tools);
    ToolsPage* page = window.toolsPage();
    QVERIFY(page->selectTool(QStringLiteral("tool-github")));
    page->table()->setFocus();
    settle();
    // Ctrl+N is File → Add node… elsewhere; on this page it registers a server.
    QTest::keyClick(page->table(), Qt::Key_N, Qt::ControlModifier);
    settle();
    auto* dialog = page->findChild<RegisterToolDialog*>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->reject();

    // Read-only roles may look but not register or remove.
    window.roleGate()->setRoles({ QStringLiteral("universe.viewer") });
    QVERIFY(!page->registerButton()->isEnabled());
    QVERIFY(!page->removeAction()->isEnabled());
    QVERIFY(window.isPageEnabled(MainWindow::Page::Tools));
    settle();
    QVERIFY(window.grab().save(shotPath(QStringLiteral("main-window-tools.png"))));
}

void TestToolsPage::screenshots()
{
    m_service->putTool(githubTool());
    m_service->putTool(containerTool());
    m_service->putTool(builtinTool());
    makePage();
    QVERIFY(m_page->selectTool(QStringLiteral("tool-github")));
    settle();
    const QImage light = m_page->grab().toImage();
    QVERIFY(light.save(shotPath(QStringLiteral("tools-page-light.png"))));
    QVERIFY(light.pixelColor(light.width() - 4, light.height() / 2).lightness() > 150);
    QVERIFY(m_page->selectTool(QStringLiteral("tool-pg")));
    settle();
    QVERIFY(m_page->grab().save(shotPath(QStringLiteral("tools-page-error.png"))));
    ToolRecord pulling = containerTool();
    pulling.status = QStringLiteral("inactive");
    pulling.lastError.clear();
    pulling.endpoint = QStringLiteral("/mcp");
    pulling.deployPhase = QStringLiteral("pulling");
    pulling.pullCurrentBytes = 62 << 20;
    pulling.pullTotalBytes = 148 << 20;
    m_service->putTool(pulling);
    settle();
    QVERIFY(m_page->grab().save(shotPath(QStringLiteral("tools-page-starting.png"))));
    m_page.reset();

    const QPalette lightPalette = QApplication::palette();
    QApplication::setPalette(darkPalette());
    makePage();
    QVERIFY(m_page->selectTool(QStringLiteral("tool-github")));
    m_page->detailTabs()->setCurrentIndex(1);
    ToolTryItForm* form = m_page->tryItForm();
    qobject_cast<QLineEdit*>(form->fieldWidget(QStringLiteral("query")))->setText(QStringLiteral("gpu oom"));
    form->run();
    m_service->answerTool(
        form->pendingRequestId(),
        json("{\"content\":[{\"type\":\"text\",\"text\":\"{\\\"total\\\":1,\\\"items\\\":[{\\\"number\\\""
             ":4711,\\\"title\\\":\\\"vLLM OOM on gpu-02\\\"}]}\"}]}"));
    settle();
    scrollDetailToBottom(m_page.get());
    const QImage dark = m_page->grab().toImage();
    QVERIFY(dark.save(shotPath(QStringLiteral("tools-page-dark.png"))));
    QVERIFY(dark.pixelColor(dark.width() - 4, dark.height() / 2).lightness() < 100);
    RegisterToolDialog* dialog = openDialog();
    QVERIFY(dialog);
    dialog->setMode(RegisterToolDialog::Mode::Container);
    dialog->nameEdit()->setText(QStringLiteral("Postgres"));
    dialog->imageEdit()->setText(QStringLiteral("ghcr.io/example/mcp-postgres:1.2"));
    dialog->addVariable(QStringLiteral("PGHOST"), QStringLiteral("db.internal"));
    settle();
    QVERIFY(dialog->grab().save(shotPath(QStringLiteral("register-dialog-dark.png"))));
    dialog->reject();
    m_page.reset();
    QApplication::setPalette(lightPalette);

    // Vietnamese: the longer texts still fit.
    QTranslator vietnamese;
    QVERIFY(vietnamese.load(QStringLiteral(":/i18n/aiops_vi.qm")));
    QCoreApplication::installTranslator(&vietnamese);
    makePage();
    QVERIFY(m_page->selectTool(QStringLiteral("tool-pg")));
    settle();
    QVERIFY(m_page->grab().save(shotPath(QStringLiteral("tools-page-vi.png"))));
    RegisterToolDialog* vi = openDialog();
    QVERIFY(vi);
    QCOMPARE(vi->registerButton()->text(), QStringLiteral("Đăng ký"));
    QTest::mouseClick(vi->registerButton(), Qt::LeftButton);
    settle();
    QVERIFY(vi->grab().save(shotPath(QStringLiteral("register-dialog-vi.png"))));
    vi->reject();
    m_page.reset();
    QCoreApplication::removeTranslator(&vietnamese);
}

QTEST_MAIN(TestToolsPage)
#include "test_tools_page.moc"
