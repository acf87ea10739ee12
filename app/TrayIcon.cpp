#include "app/TrayIcon.h"

#include "core/controller/AgentService.h"
#include "core/controller/DeploymentService.h"
#include "core/controller/NodeService.h"
#include "core/registry/ModelService.h"
#include "core/safety/SafetyService.h"
#include "widgets/MainWindow.h"

#include <QDateTime>
#include <QMenu>
#include <QSettings>

namespace aiops::app {

namespace {
const QString kTrayHintShownKey = QStringLiteral("ui/trayHintShown");
}

TrayIcon::TrayIcon(controller::NodeService* service, widgets::MainWindow* window, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_window(window)
    , m_tray(new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/tray.svg")), this))
    , m_menu(std::make_unique<QMenu>())
    , m_notify([this](const QString& title, const QString& message, QSystemTrayIcon::MessageIcon icon) {
        m_tray->showMessage(title, message, icon);
    })
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_tray->setToolTip(tr("AIOps Console"));
    QAction* showAction = m_menu->addAction(tr("Show AIOps Console"));
    connect(showAction, &QAction::triggered, this, &TrayIcon::onShowWindowTriggered);
    m_menu->addSeparator();
    QAction* quit = m_menu->addAction(tr("Quit"));
    connect(quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    m_tray->setContextMenu(m_menu.get());

    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(kBatchMs);
    connect(&m_batchTimer, &QTimer::timeout, this, &TrayIcon::onBatchTimeout);
    connect(m_tray, &QSystemTrayIcon::activated, this, &TrayIcon::onActivated);
    connect(m_window, &widgets::MainWindow::hiddenToTray, this, &TrayIcon::onWindowHidden);
    connect(m_service, &controller::NodeService::nodeCameOnline, this, &TrayIcon::onNodeCameOnline);
    connect(m_service, &controller::NodeService::nodeWentOffline, this, &TrayIcon::onNodeWentOffline);
    connect(m_service, &controller::NodeService::gpuTemperatureHigh, this, &TrayIcon::onGpuTemperatureHigh);
}

TrayIcon::~TrayIcon() = default;

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::show()
{
    m_tray->show();
}

void TrayIcon::setNotifier(Notifier notifier)
{
    m_notify = std::move(notifier);
}

void TrayIcon::setClock(std::function<qint64()> nowMs)
{
    m_nowMs = std::move(nowMs);
}

void TrayIcon::onActivated(QSystemTrayIcon::ActivationReason reason)
{
    if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
        onShowWindowTriggered();
}

void TrayIcon::onShowWindowTriggered()
{
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

void TrayIcon::onWindowHidden()
{
    QSettings settings;
    if (settings.value(kTrayHintShownKey, false).toBool())
        return;
    settings.setValue(kTrayHintShownKey, true);
    m_notify(tr("AIOps Console is still running"),
             tr("The controller keeps managing your nodes in the background. Use Quit in the tray "
                "menu to stop it."),
             QSystemTrayIcon::Information);
}

void TrayIcon::onNodeCameOnline(const QString& nodeId, const QString& name)
{
    PendingNodeEvent& event = m_pending[nodeId];
    event.name = name;
    event.offline = false;
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void TrayIcon::onNodeWentOffline(const QString& nodeId, const QString& name, const QString& reason)
{
    PendingNodeEvent& event = m_pending[nodeId];
    event.name = name;
    event.reason = reason;
    event.offline = true;
    if (!m_batchTimer.isActive())
        m_batchTimer.start();
}

void TrayIcon::setSafetyService(safety::SafetyService* safety)
{
    m_safety = safety;
    if (!safety)
        return;
    // Emitted on the safety worker thread; this context makes the delivery queued to the GUI thread.
    connect(safety, &safety::SafetyService::criticalDetection, this, [this](const safety::PiiDetection& detection) {
        onCriticalDetection(detection.patternId, detection.severity);
    });
}

void TrayIcon::setModelService(registry::ModelService* models)
{
    if (!models)
        return;
    m_models = models;
    connect(models, &registry::ModelService::downloadFinished, this, [this](const registry::DownloadJob& job) {
        onDownloadFinished(job.repo, job.state, job.errorMessage);
    });
}

void TrayIcon::setDeploymentService(controller::DeploymentService* deployments)
{
    if (m_deployments)
        disconnect(m_deployments, nullptr, this, nullptr);
    m_deployments = deployments;
    if (!deployments)
        return;
    connect(deployments,
            &controller::DeploymentService::deploymentRunning,
            this,
            [this](const QString&, const QString& modelId, const QString& endpoint) {
                onDeploymentRunning(modelId, endpoint);
            });
    connect(
        deployments,
        &controller::DeploymentService::deploymentFailed,
        this,
        [this](const QString&, const QString& modelId, const QString& error) { onDeploymentFailed(modelId, error); });
}

void TrayIcon::setAgentService(controller::AgentService* agents)
{
    if (m_agents)
        disconnect(m_agents, nullptr, this, nullptr);
    m_agents = agents;
    if (!agents)
        return;
    connect(agents,
            &controller::AgentService::agentFailed,
            this,
            [this](const QString&, const QString& name, const QString& error) {
                m_notify(tr("Agent %1 stopped with an error").arg(name), error, QSystemTrayIcon::Warning);
            });
}

void TrayIcon::notify(const QString& title, const QString& message, QSystemTrayIcon::MessageIcon icon)
{
    m_notify(title, message, icon);
}

void TrayIcon::onDeploymentRunning(const QString& modelId, const QString& endpoint)
{
    QString name = modelId;
    if (m_models) {
        if (const auto model = m_models->model(modelId); model && !model->name.isEmpty())
            name = model->name;
    }
    const QString url = m_deployments ? m_deployments->inferenceBaseUrl() + endpoint : endpoint;
    m_notify(tr("Model %1 is running").arg(name), tr("Send requests to %1").arg(url), QSystemTrayIcon::Information);
}

void TrayIcon::onDeploymentFailed(const QString& modelId, const QString& error)
{
    QString name = modelId;
    if (m_models) {
        if (const auto model = m_models->model(modelId); model && !model->name.isEmpty())
            name = model->name;
    }
    m_notify(tr("Deployment of %1 failed").arg(name), error, QSystemTrayIcon::Warning);
}

void TrayIcon::onDownloadFinished(const QString& repo, const QString& state, const QString& error)
{
    if (state == u"completed")
        m_notify(tr("Model downloaded"),
                 tr("%1 is in the registry and ready to deploy.").arg(repo),
                 QSystemTrayIcon::Information);
    else if (state == u"failed")
        m_notify(tr("Model download failed"), tr("%1: %2").arg(repo, error), QSystemTrayIcon::Warning);
}

void TrayIcon::onCriticalDetection(const QString& patternId, const QString& severity)
{
    QString name = patternId;
    if (m_safety) {
        for (const auto& pattern : m_safety->listPatterns()) {
            if (pattern.patternId == patternId) {
                name = pattern.name;
                break;
            }
        }
    }
    m_notify(tr("Sensitive data detected"),
             tr("%1 (%2) was found in a message. Open Safety → Detections for details.").arg(name, severity),
             QSystemTrayIcon::Critical);
}

void TrayIcon::onBatchTimeout()
{
    QStringList wentOffline;
    QStringList cameOnline;
    for (const PendingNodeEvent& event : std::as_const(m_pending)) {
        if (event.offline)
            wentOffline.append(event.reason.isEmpty() ? event.name : tr("%1 (%2)").arg(event.name, event.reason));
        else
            cameOnline.append(event.name);
    }
    m_pending.clear();
    if (!wentOffline.isEmpty()) {
        const QString title
            = wentOffline.size() == 1 ? tr("Node offline") : tr("%n node(s) offline", nullptr, int(wentOffline.size()));
        m_notify(title, wentOffline.join(QStringLiteral(", ")), QSystemTrayIcon::Warning);
    }
    if (!cameOnline.isEmpty()) {
        const QString title
            = cameOnline.size() == 1 ? tr("Node online") : tr("%n node(s) online", nullptr, int(cameOnline.size()));
        m_notify(title, cameOnline.join(QStringLiteral(", ")), QSystemTrayIcon::Information);
    }
}

void TrayIcon::onGpuTemperatureHigh(const QString& nodeId, const QString& deviceId, double celsius)
{
    const QString key = nodeId + QLatin1Char('/') + deviceId;
    const qint64 now = m_nowMs();
    const auto last = m_lastTemperatureAlertMs.constFind(key);
    if (last != m_lastTemperatureAlertMs.cend() && now - *last < kTemperatureAlertEveryMs)
        return;
    m_lastTemperatureAlertMs.insert(key, now);
    const auto node = m_service->node(nodeId);
    const QString name = node && !node->record.name.isEmpty() ? node->record.name : nodeId;
    m_notify(tr("GPU running hot"),
             tr("GPU %1 on %2 is at %3 °C.").arg(deviceId, name, QString::number(celsius, 'f', 0)),
             QSystemTrayIcon::Warning);
}

} // namespace aiops::app
