#include "widgets/MainWindow.h"

#include "core/controller/AgentService.h"
#include "core/controller/DeploymentService.h"
#include "core/controller/NodeService.h"
#include "core/iam/IamService.h"
#include "core/iam/Permissions.h"
#include "core/iam/SecretStore.h"
#include "core/registry/ModelService.h"
#include "core/safety/SafetyService.h"
#include "models/FleetSummary.h"
#include "models/GpuTableModel.h"
#include "models/IamFormat.h"
#include "models/NodeTableModel.h"
#include "models/PiiDetectionModel.h"
#include "widgets/AddNodeDialog.h"
#include "widgets/AgentsPage.h"
#include "widgets/AuditLogPage.h"
#include "widgets/ConsoleSettings.h"
#include "widgets/DashboardPage.h"
#include "widgets/DeploymentsPage.h"
#include "widgets/InstructionsPage.h"
#include "widgets/ModelsPage.h"
#include "widgets/NodeModelCachePanel.h"
#include "widgets/NodesPage.h"
#include "widgets/RoleGate.h"
#include "widgets/SafetyGuardrailsTab.h"
#include "widgets/SafetyPage.h"
#include "widgets/SafetyPatternsTab.h"
#include "widgets/SettingsDialog.h"
#include "widgets/Sidebar.h"
#include "widgets/Theme.h"
#include "widgets/ToolsPage.h"
#include "widgets/UsersAccessPage.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUrl>

namespace aiops::widgets {

namespace {

QPixmap statusPixmap(const QString& status, int size, qreal dpr)
{
    QPixmap pixmap(int(size * dpr), int(size * dpr));
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    Theme::paintStatusShape(&painter, QRectF(1, 1, size - 2, size - 2), status);
    return pixmap;
}

} // namespace

MainWindow::MainWindow(controller::NodeService* service, safety::SafetyService* safety, QWidget* parent)
    : QMainWindow(parent)
    , m_service(service)
    , m_nodeModel(new models::NodeTableModel(service, this))
    , m_gpuModel(new models::GpuTableModel(service, this))
    , m_summary(new models::FleetSummary(service, this))
    , m_sidebar(new Sidebar(this))
    , m_pages(new QStackedWidget(this))
    , m_dashboard(new DashboardPage(service, m_summary, m_nodeModel, m_gpuModel, m_pages))
    , m_nodesPage(new NodesPage(service, m_nodeModel, m_pages))
    , m_safetyPage(safety ? new SafetyPage(safety, m_pages) : nullptr)
    , m_gate(new RoleGate(this))
    , m_sessionLabel(new QLabel(this))
    , m_controllerLabel(new QLabel(this))
    , m_redactionWarning(new QLabel(this))
    , m_onlineIcon(new QLabel(this))
    , m_onlineLabel(new QLabel(this))
{
    setWindowTitle(tr("AIOps Console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));
    resize(1360, 880);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    addPage(Page::Dashboard, m_dashboard, QStringLiteral("dashboard"), tr("Dashboard"));
    addPage(Page::Nodes, m_nodesPage, QStringLiteral("nodes"), tr("Nodes"));
    if (m_safetyPage) {
        addPage(Page::Safety, m_safetyPage, QStringLiteral("safety"), tr("Safety"));
        connect(safety, &safety::SafetyService::criticalDetection, this, &MainWindow::onCriticalDetection);
    }
    connect(m_sidebar, &Sidebar::currentPageChanged, m_pages, &QStackedWidget::setCurrentIndex);
    connect(m_sidebar, &Sidebar::settingsRequested, this, &MainWindow::onSettingsRequested);
    connect(m_dashboard, &DashboardPage::addNodeRequested, this, &MainWindow::onAddNodeRequested);
    connect(m_nodesPage, &NodesPage::addNodeRequested, this, &MainWindow::onAddNodeRequested);

    const QUrl endpoint(service->nodeEndpointUrl());
    const QString address
        = endpoint.port() > 0 ? QStringLiteral("%1:%2").arg(endpoint.host()).arg(endpoint.port()) : endpoint.host();
    m_controllerLabel->setText(tr("Controller listening on %1").arg(address));
    m_controllerLabel->setToolTip(tr("Nodes connect to %1").arg(service->nodeEndpointUrl()));
    m_controllerLabel->setContentsMargins(Theme::kSpacingS, 0, Theme::kSpacingS, 0);
    m_onlineLabel->setContentsMargins(0, 0, Theme::kSpacingS, 0);
    statusBar()->addWidget(m_controllerLabel);
    m_redactionWarning->setText(tr("Log redaction is off: log files may contain personal data"));
    m_redactionWarning->setToolTip(tr("Turn log redaction back on in Settings."));
    QPalette warning = m_redactionWarning->palette();
    warning.setColor(QPalette::WindowText, Theme::warningText(palette()));
    m_redactionWarning->setPalette(warning);
    m_redactionWarning->setContentsMargins(Theme::kSpacingS, 0, Theme::kSpacingS, 0);
    m_redactionWarning->setVisible(false);
    m_sessionLabel->setObjectName(QStringLiteral("sessionLabel"));
    m_sessionLabel->setContentsMargins(Theme::kSpacingS, 0, Theme::kSpacingS, 0);
    m_sessionLabel->setVisible(false);
    statusBar()->addPermanentWidget(m_sessionLabel);
    statusBar()->addPermanentWidget(m_redactionWarning);
    statusBar()->addPermanentWidget(m_onlineIcon);
    statusBar()->addPermanentWidget(m_onlineLabel);
    statusBar()->setSizeGripEnabled(false);

    buildMenus();
    gateExistingPages();
    connect(m_summary, &models::FleetSummary::changed, this, &MainWindow::onSummaryChanged);
    connect(m_service, &controller::NodeService::operationFailed, this, &MainWindow::onOperationFailed);
    onSummaryChanged();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_addNodeAction = file->addAction(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("&Add node…"));
    m_addNodeAction->setShortcut(QKeySequence::New);
    connect(m_addNodeAction, &QAction::triggered, this, &MainWindow::onAddNodeRequested);
    QAction* settings = file->addAction(Theme::paletteIcon(QStringLiteral("settings"), palette()), tr("&Settings…"));
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    connect(settings, &QAction::triggered, this, &MainWindow::onSettingsRequested);
    QAction* remote = file->addAction(tr("&Connect to Remote Controller…"));
    remote->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    remote->setToolTip(tr("Sign in to another AIOps controller and open its fleet in a new window"));
    connect(remote, &QAction::triggered, this, &MainWindow::connectRemoteRequested);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &MainWindow::quitRequested);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    QAction* dashboard = view->addAction(tr("&Dashboard"));
    dashboard->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(dashboard, &QAction::triggered, this, [this] { showPage(Page::Dashboard); });
    QAction* nodes = view->addAction(tr("&Nodes"));
    nodes->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    connect(nodes, &QAction::triggered, this, [this] { showPage(Page::Nodes); });
    if (m_safetyPage) {
        QAction* safety = view->addAction(tr("&Safety"));
        safety->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
        connect(safety, &QAction::triggered, this, [this] { showPage(Page::Safety); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About AIOps Console"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::onAboutRequested);
}

void MainWindow::addPage(Page page, QWidget* widget, const QString& iconName, const QString& title)
{
    m_pages->addWidget(widget);
    m_sidebar->addPage(iconName, title);
    m_pageOrder.append(page);
}

void MainWindow::gateExistingPages()
{
    using iam::Permission;
    m_gate->add(m_addNodeAction, Permission::RegisterNodes);
    m_gate->add(m_nodesPage->addNodeButton(), Permission::RegisterNodes);
    m_gate->add(m_nodesPage->emptyStateAddButton(), Permission::RegisterNodes);
    m_gate->add(m_nodesPage->modelCachePanel()->removeAction(), Permission::DeployModels);
    for (QAction* action :
         { m_nodesPage->renameAction(), m_nodesPage->maintenanceAction(), m_nodesPage->removeAction() })
        m_gate->add(action, Permission::RegisterNodes);
    if (m_safetyPage) {
        for (QAction* action : { m_safetyPage->patternsTab()->addAction(),
                                 m_safetyPage->patternsTab()->editAction(),
                                 m_safetyPage->patternsTab()->deleteAction(),
                                 m_safetyPage->guardrailsTab()->addAction(),
                                 m_safetyPage->guardrailsTab()->editAction(),
                                 m_safetyPage->guardrailsTab()->deleteAction() })
            m_gate->add(action, Permission::ManageSafety);
    }
}

void MainWindow::setSecretStore(iam::SecretStore* secrets)
{
    m_secrets = secrets;
}

void MainWindow::setSession(iam::IamService* iam, const iam::Principal& principal)
{
    m_principal = principal;
    if (iam && !m_iam) {
        m_iam = iam;
        m_usersPage = new UsersAccessPage(iam, principal, m_pages);
        m_auditPage = new AuditLogPage(iam, m_pages);
        addPage(Page::UsersAccess, m_usersPage, QStringLiteral("users"), tr("Users & access"));
        addPage(Page::AuditLog, m_auditPage, QStringLiteral("audit"), tr("Audit log"));
        connect(m_auditPage, &AuditLogPage::auditRetentionChanged, this, &MainWindow::auditRetentionChanged);
        using iam::Permission;
        m_gate->add(m_usersPage->addUserAction(), Permission::ManageUsers);
        m_gate->add(m_usersPage->editUserAction(), Permission::ManageUsers);
        m_gate->add(m_usersPage->disableUserAction(), Permission::ManageUsers);
        m_gate->add(m_usersPage->deleteUserAction(), Permission::ManageUsers);
        m_gate->add(m_usersPage->createApiKeyAction(), Permission::ManageApiKeys);
        m_gate->add(m_usersPage->revokeApiKeyAction(), Permission::ManageApiKeys);
        m_gate->add(m_usersPage->revokeCredentialAction(), Permission::RegisterNodes);
        QAction* users = m_viewMenu->addAction(tr("&Users && access"));
        users->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_4));
        connect(users, &QAction::triggered, this, [this] { showPage(Page::UsersAccess); });
        m_gate->add(users, Permission::ManageUsers);
        QAction* audit = m_viewMenu->addAction(tr("A&udit log"));
        audit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
        connect(audit, &QAction::triggered, this, [this] { showPage(Page::AuditLog); });
        m_gate->add(audit, Permission::ViewAudit);
    }
    if (m_usersPage)
        m_usersPage->setPrincipal(principal);
    if (principal.kind == iam::PrincipalKind::System)
        m_gate->clearRoles();
    else
        m_gate->setRoles(principal.roles);

    const QString name = principal.displayName.isEmpty() ? principal.subject : principal.displayName;
    const QString role = principal.kind == iam::PrincipalKind::System ? tr("local console")
        : principal.roles.isEmpty()                                   ? tr("no role")
                                    : models::IamFormat::roleText(principal.roles.first());
    m_sessionLabel->setText(tr("Signed in as %1 (%2)").arg(name, role));
    m_sessionLabel->setToolTip(
        principal.roles.isEmpty() ? QString() : tr("Roles: %1").arg(models::IamFormat::rolesText(principal.roles)));
    m_sessionLabel->setVisible(!name.isEmpty());
    updatePageAccess();
}

void MainWindow::setModelService(registry::ModelService* models)
{
    if (!models || m_modelsPage)
        return;
    using iam::Permission;
    m_modelService = models;
    m_modelsPage = new ModelsPage(models, m_service, m_pages);
    m_modelsPage->setDeploymentService(m_deploymentService);
    m_gate->add(m_modelsPage->deployAction(), Permission::DeployModels);
    // The sidebar only appends, so the page follows the pages that are already there.
    addPage(Page::Models, m_modelsPage, QStringLiteral("gpu"), tr("Models"));
    for (QPushButton* button :
         { m_modelsPage->addButton(), m_modelsPage->importButton(), m_modelsPage->emptyStateAddButton() })
        m_gate->add(button, Permission::DeployModels);
    m_gate->add(m_modelsPage->deleteAction(), Permission::DeployModels);
    m_gate->add(m_modelsPage->copyToNodeAction(), Permission::DeployModels);
    m_gate->add(m_modelsPage->manageDownloadsAction(), Permission::DeployModels);

    auto* action = new QAction(tr("&Models"), m_viewMenu);
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_6));
    connect(action, &QAction::triggered, this, [this] { showPage(Page::Models); });
    const QList<QAction*> viewActions = m_viewMenu->actions();
    m_viewMenu->insertAction(viewActions.value(2), action); // right after Nodes
    m_gate->add(action, Permission::ViewMetrics);

    connect(models, &registry::ModelService::downloadFinished, this, [this](const registry::DownloadJob& job) {
        statusBar()->showMessage(job.state == QLatin1String("completed")
                                     ? tr("Model “%1” downloaded and ready").arg(job.repo)
                                     : tr("Download of “%1” failed").arg(job.repo),
                                 8000);
    });
    updatePageAccess();
}

void MainWindow::setDeploymentService(controller::DeploymentService* deployments)
{
    if (!deployments || m_deploymentsPage)
        return;
    using iam::Permission;
    m_deploymentService = deployments;
    m_deploymentsPage = new DeploymentsPage(deployments, m_modelService, m_service, m_pages);
    addPage(Page::Deployments, m_deploymentsPage, QStringLiteral("deploy"), tr("Deployments"));
    for (QPushButton* button : { m_deploymentsPage->deployButton(), m_deploymentsPage->emptyStateDeployButton() })
        m_gate->add(button, Permission::DeployModels);
    for (QAction* action :
         { m_deploymentsPage->deployAction(), m_deploymentsPage->stopAction(), m_deploymentsPage->removeAction() })
        m_gate->add(action, Permission::DeployModels);
    if (m_modelsPage)
        m_modelsPage->setDeploymentService(deployments);
    if (m_agentsPage)
        m_agentsPage->setDeploymentService(deployments);

    auto* action = new QAction(tr("D&eployments"), m_viewMenu);
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_7));
    connect(action, &QAction::triggered, this, [this] { showPage(Page::Deployments); });
    // Right after Models (Ctrl+6) when it is there, else right after Nodes.
    const QList<QAction*> viewActions = m_viewMenu->actions();
    qsizetype before = 2;
    for (qsizetype i = 0; i < viewActions.size(); ++i) {
        if (viewActions.at(i)->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_6))
            before = i + 1;
    }
    m_viewMenu->insertAction(viewActions.value(before), action);
    m_gate->add(action, Permission::ViewMetrics);

    connect(deployments,
            &controller::DeploymentService::deploymentRunning,
            this,
            [this](const QString&, const QString& modelId, const QString& endpoint) {
                statusBar()->showMessage(tr("Model “%1” is running at %2").arg(modelId, endpoint), 8000);
            });
    updatePageAccess();
}

void MainWindow::setAgentService(controller::AgentService* agents)
{
    if (!agents || m_agentService)
        return;
    using iam::Permission;
    m_agentService = agents;
    m_agentsPage = new AgentsPage(agents, m_deploymentService, m_pages);
    addPage(Page::Agents, m_agentsPage, QStringLiteral("agent"), tr("Agents"));
    for (QPushButton* button : { m_agentsPage->newButton(), m_agentsPage->emptyStateNewButton() })
        m_gate->add(button, Permission::CreateAgents);
    for (QAction* action : { m_agentsPage->newAction(),
                             m_agentsPage->editAction(),
                             m_agentsPage->startAction(),
                             m_agentsPage->stopAction(),
                             m_agentsPage->deleteAction() })
        m_gate->add(action, Permission::CreateAgents);
    m_gate->add(m_agentsPage->chatAction(), Permission::ChatWithAgents);
    QAction* view = m_viewMenu->addAction(tr("A&gents"));
    view->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_8));
    connect(view, &QAction::triggered, this, [this] { showPage(Page::Agents); });
    m_gate->add(view, Permission::ChatWithAgents);
    connect(agents,
            &controller::AgentService::agentFailed,
            this,
            [this](const QString&, const QString& name, const QString& error) {
                statusBar()->showMessage(tr("Agent “%1” failed: %2").arg(name, error), 8000);
            });
    m_toolsPage = new ToolsPage(agents, m_pages);
    m_instructionsPage = new InstructionsPage(agents, m_pages);
    addPage(Page::Tools, m_toolsPage, QStringLiteral("tools"), tr("Tools"));
    addPage(Page::Instructions, m_instructionsPage, QStringLiteral("instructions"), tr("Instructions"));
    for (QPushButton* button : { m_toolsPage->registerButton(), m_toolsPage->emptyStateRegisterButton() })
        m_gate->add(button, Permission::DeployTools);
    for (QAction* action : { m_toolsPage->registerAction(),
                             m_toolsPage->checkHealthAction(),
                             m_toolsPage->restartAction(),
                             m_toolsPage->removeAction() })
        m_gate->add(action, Permission::DeployTools);
    for (QPushButton* button : { m_instructionsPage->newButton(), m_instructionsPage->emptyStateNewButton() })
        m_gate->add(button, Permission::CreateAgents);
    for (QAction* action : { m_instructionsPage->newAction(), m_instructionsPage->deleteAction() })
        m_gate->add(action, Permission::CreateAgents);

    QAction* tools = m_viewMenu->addAction(tr("&Tools"));
    tools->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_9));
    connect(tools, &QAction::triggered, this, [this] { showPage(Page::Tools); });
    m_gate->add(tools, Permission::ViewMetrics);
    QAction* instructions = m_viewMenu->addAction(tr("&Instructions"));
    instructions->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(instructions, &QAction::triggered, this, [this] { showPage(Page::Instructions); });
    m_gate->add(instructions, Permission::ViewMetrics);
    updatePageAccess();
}

bool MainWindow::isPageEnabled(Page page) const
{
    const int index = m_pageOrder.indexOf(page);
    if (index < 0)
        return false;
    switch (page) {
    case Page::UsersAccess: return m_gate->allows(iam::Permission::ManageUsers);
    case Page::AuditLog: return m_gate->allows(iam::Permission::ViewAudit);
    case Page::Models:
    case Page::Deployments:
    case Page::Tools:
    case Page::Instructions: return m_gate->allows(iam::Permission::ViewMetrics);
    case Page::Agents: return m_gate->allows(iam::Permission::ChatWithAgents);
    default: return true;
    }
}

void MainWindow::updatePageAccess()
{
    // The sidebar has no API for disabled entries; its list is found by its object name.
    auto* list = m_sidebar->findChild<QListWidget*>(QStringLiteral("navigation"));
    if (!list)
        return;
    for (int index = 0; index < m_pageOrder.size() && index < list->count(); ++index) {
        const Page page = m_pageOrder.at(index);
        QListWidgetItem* item = list->item(index);
        const bool enabled = isPageEnabled(page);
        item->setFlags(enabled ? (item->flags() | Qt::ItemIsEnabled | Qt::ItemIsSelectable)
                               : (item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable)));
        QString toolTip;
        if (!enabled)
            toolTip = iam::deniedExplanation(page == Page::UsersAccess ? iam::Permission::ManageUsers
                                                 : page == Page::Models || page == Page::Deployments
                                                     || page == Page::Tools || page == Page::Instructions
                                                 ? iam::Permission::ViewMetrics
                                                 : page == Page::Agents ? iam::Permission::ChatWithAgents
                                                                        : iam::Permission::ViewAudit);
        item->setToolTip(toolTip);
    }
    if (!isPageEnabled(currentPage()))
        showPage(Page::Dashboard);
}

void MainWindow::showPage(Page page)
{
    if (!isPageEnabled(page))
        return;
    m_sidebar->setCurrentPage(int(m_pageOrder.indexOf(page)));
}

MainWindow::Page MainWindow::currentPage() const
{
    return m_pageOrder.value(m_pages->currentIndex(), Page::Dashboard);
}

QString MainWindow::sessionStatusText() const
{
    return m_sessionLabel->isHidden() ? QString() : m_sessionLabel->text();
}

void MainWindow::setHideOnClose(bool hide)
{
    m_hideOnClose = hide;
}

void MainWindow::setGpuTemperatureThreshold(double celsius)
{
    m_gpuModel->setTemperatureThreshold(celsius);
}

QString MainWindow::controllerStatusText() const
{
    return m_controllerLabel->text();
}

QString MainWindow::onlineStatusText() const
{
    return m_onlineLabel->text();
}

QString MainWindow::statusMessage() const
{
    return statusBar()->currentMessage();
}

void MainWindow::setLogRedactionEnabled(bool enabled)
{
    m_redactionWarning->setVisible(!enabled);
}

bool MainWindow::isShowingLogRedactionWarning() const
{
    return !m_redactionWarning->isHidden();
}

void MainWindow::onCriticalDetection(const aiops::safety::PiiDetection& detection)
{
    statusBar()->showMessage(tr("Critical personal data detected in a message (%1). See Safety → Detections.")
                                 .arg(m_safetyPage->detectionModel()->patternName(detection.patternId)),
                             15000);
}

void MainWindow::onSummaryChanged()
{
    const int online = m_summary->nodesOnline();
    const int total = m_summary->nodesTotal();
    m_onlineLabel->setText(total == 0 ? tr("No nodes") : tr("%1 of %n node(s) online", nullptr, total).arg(online));
    const QString status = total == 0 ? QString()
        : online == total             ? QStringLiteral("online")
        : online == 0                 ? QStringLiteral("offline")
                                      : QStringLiteral("maintenance");
    m_onlineIcon->setPixmap(
        statusPixmap(status.isEmpty() ? QStringLiteral("offline") : status, 12, devicePixelRatioF()));
}

void MainWindow::onOperationFailed(const QString& operation, const aiops::Error& error)
{
    QString what;
    if (operation == QLatin1String("rename"))
        what = tr("Could not rename the node");
    else if (operation == QLatin1String("setMaintenance"))
        what = tr("Could not change maintenance mode");
    else if (operation == QLatin1String("remove"))
        what = tr("Could not remove the node");
    else
        what = tr("The operation “%1” failed").arg(operation);
    statusBar()->showMessage(tr("%1: %2").arg(what, error.message), 8000);
}

void MainWindow::onAddNodeRequested()
{
    if (!m_gate->allows(iam::Permission::RegisterNodes)) {
        statusBar()->showMessage(iam::deniedExplanation(iam::Permission::RegisterNodes), 8000);
        return;
    }
    AddNodeDialog dialog(m_service, this);
    dialog.exec();
}

void MainWindow::onSettingsRequested()
{
    QSettings settings;
    const ConsoleSettings current = ConsoleSettings::load(settings);
    SettingsDialog dialog(current, this);
    if (m_secrets) {
        dialog.setHuggingFaceTokenStored(m_secrets->read(QStringLiteral("hf-token")).has_value());
        dialog.setS3KeysStored(m_secrets->read(QStringLiteral("s3-secret-access-key")).has_value());
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    // The token takes effect at once: the HuggingFace client reads it for every request.
    if (m_secrets && !dialog.huggingFaceToken().isEmpty()) {
        if (auto stored = m_secrets->write(QStringLiteral("hf-token"), dialog.huggingFaceToken().toUtf8()); !stored)
            QMessageBox::warning(
                this, tr("Settings"), tr("The HuggingFace token could not be stored: %1").arg(stored.error().message));
        else
            statusBar()->showMessage(tr("HuggingFace token stored in the keychain."), 8000);
    }
    // The S3 keys go to the keychain too; the controller reads them when it starts.
    for (const auto& [key, value] :
         { std::pair { QStringLiteral("s3-access-key-id"), dialog.s3AccessKeyId() },
           std::pair { QStringLiteral("s3-secret-access-key"), dialog.s3SecretAccessKey() } }) {
        if (!m_secrets || value.isEmpty())
            continue;
        if (auto stored = m_secrets->write(key, value.toUtf8()); !stored)
            QMessageBox::warning(
                this, tr("Settings"), tr("The S3 key could not be stored: %1").arg(stored.error().message));
    }
    const ConsoleSettings updated = dialog.settings();
    if (updated == current)
        return;
    updated.save(settings);
    statusBar()->showMessage(tr("Settings saved. Restart AIOps Console to apply them."), 8000);
}

void MainWindow::onAboutRequested()
{
    QMessageBox::about(this,
                       tr("About AIOps Console"),
                       tr("<h3>AIOps Console %1</h3><p>Run AI models on your own GPU machines: the console embeds "
                          "the controller and manages the node daemons of your fleet.</p>")
                           .arg(QStringLiteral(AIOPS_VERSION)));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_hideOnClose) {
        hide();
        event->ignore();
        Q_EMIT hiddenToTray();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace aiops::widgets
