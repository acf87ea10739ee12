#include "widgets/MainWindow.h"

#include "core/controller/NodeService.h"
#include "core/safety/SafetyService.h"
#include "models/FleetSummary.h"
#include "models/GpuTableModel.h"
#include "models/NodeTableModel.h"
#include "models/PiiDetectionModel.h"
#include "widgets/AddNodeDialog.h"
#include "widgets/ConsoleSettings.h"
#include "widgets/DashboardPage.h"
#include "widgets/NodesPage.h"
#include "widgets/SafetyPage.h"
#include "widgets/SettingsDialog.h"
#include "widgets/Sidebar.h"
#include "widgets/Theme.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
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

    m_pages->addWidget(m_dashboard);
    m_pages->addWidget(m_nodesPage);
    m_sidebar->addPage(QStringLiteral("dashboard"), tr("Dashboard"));
    m_sidebar->addPage(QStringLiteral("nodes"), tr("Nodes"));
    if (m_safetyPage) {
        m_pages->addWidget(m_safetyPage);
        m_sidebar->addPage(QStringLiteral("safety"), tr("Safety"));
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
    statusBar()->addPermanentWidget(m_redactionWarning);
    statusBar()->addPermanentWidget(m_onlineIcon);
    statusBar()->addPermanentWidget(m_onlineLabel);
    statusBar()->setSizeGripEnabled(false);

    buildMenus();
    connect(m_summary, &models::FleetSummary::changed, this, &MainWindow::onSummaryChanged);
    connect(m_service, &controller::NodeService::operationFailed, this, &MainWindow::onOperationFailed);
    onSummaryChanged();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* add = file->addAction(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("&Add node…"));
    add->setShortcut(QKeySequence::New);
    connect(add, &QAction::triggered, this, &MainWindow::onAddNodeRequested);
    QAction* settings = file->addAction(Theme::paletteIcon(QStringLiteral("settings"), palette()), tr("&Settings…"));
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    connect(settings, &QAction::triggered, this, &MainWindow::onSettingsRequested);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &MainWindow::quitRequested);

    QMenu* view = menuBar()->addMenu(tr("&View"));
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

void MainWindow::showPage(Page page)
{
    if (page == Page::Safety && !m_safetyPage)
        return;
    m_sidebar->setCurrentPage(int(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    switch (m_pages->currentIndex()) {
    case 1: return Page::Nodes;
    case 2: return Page::Safety;
    default: return Page::Dashboard;
    }
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
    AddNodeDialog dialog(m_service, this);
    dialog.exec();
}

void MainWindow::onSettingsRequested()
{
    QSettings settings;
    const ConsoleSettings current = ConsoleSettings::load(settings);
    SettingsDialog dialog(current, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
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
