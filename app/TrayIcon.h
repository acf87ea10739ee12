#pragma once

#include <QHash>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <QSystemTrayIcon>
#include <QTimer>
#include <functional>
#include <memory>

class QMenu;

namespace aiops::controller {
class AgentService;
class DeploymentService;
class NodeService;
} // namespace aiops::controller
namespace aiops::registry {
class ModelService;
}
namespace aiops::widgets {
class MainWindow;
}

namespace aiops::safety {
class SafetyService;
}

namespace aiops::app {

// The tray icon that keeps the controller reachable while the window is closed: Show/Quit menu,
// notifications for nodes going offline or coming back and for hot GPUs.
class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)
public:
    static constexpr int kBatchMs = 1500; // node events closer than this share a message
    static constexpr qint64 kTemperatureAlertEveryMs = 10 * 60 * 1000; // per GPU

    using Notifier
        = std::function<void(const QString& title, const QString& message, QSystemTrayIcon::MessageIcon icon)>;

    TrayIcon(controller::NodeService* service, widgets::MainWindow* window, QObject* parent = nullptr);
    ~TrayIcon() override;

    static bool isAvailable();
    void show();

    // Test hooks: where notifications go (default: the tray's balloon) and the clock of the
    // per-GPU temperature alert limit (default: ms since the epoch).
    void setNotifier(Notifier notifier);
    void setClock(std::function<qint64()> nowMs);
    // Critical PII detections raise a notification (null: none).
    void setSafetyService(safety::SafetyService* safety);
    // Finished and failed model downloads raise a notification (null: none).
    void setModelService(registry::ModelService* models);
    // Deployments that start running or fail raise a notification (null: none).
    void setDeploymentService(controller::DeploymentService* deployments);
    // An agent whose runtime failed (the watchdog gave up) raises a notification (null: none).
    void setAgentService(controller::AgentService* agents);
    // A notification from elsewhere in the console (the local node supervisor).
    void notify(const QString& title, const QString& message, QSystemTrayIcon::MessageIcon icon);

Q_SIGNALS:
    void quitRequested();

private:
    void onActivated(QSystemTrayIcon::ActivationReason reason);
    void onShowWindowTriggered();
    void onWindowHidden();
    void onNodeCameOnline(const QString& nodeId, const QString& name);
    void onNodeWentOffline(const QString& nodeId, const QString& name, const QString& reason);
    void onGpuTemperatureHigh(const QString& nodeId, const QString& deviceId, double celsius);
    void onBatchTimeout();
    void onCriticalDetection(const QString& patternId, const QString& severity);
    void onDownloadFinished(const QString& repo, const QString& state, const QString& error);
    void onDeploymentRunning(const QString& modelId, const QString& endpoint);
    void onDeploymentFailed(const QString& modelId, const QString& error);

    controller::NodeService* m_service;
    safety::SafetyService* m_safety = nullptr;
    registry::ModelService* m_models = nullptr;
    controller::DeploymentService* m_deployments = nullptr;
    controller::AgentService* m_agents = nullptr;
    widgets::MainWindow* m_window;
    QSystemTrayIcon* m_tray;
    std::unique_ptr<QMenu> m_menu; // a QMenu takes only a widget parent
    // Node events of the current batch, by nodeId (ordered), netted so that a node that went offline
    // and came back within the batch is reported as online, not as offline.
    struct PendingNodeEvent
    {
        QString name;
        QString reason;
        bool offline = false;
    };
    QMap<QString, PendingNodeEvent> m_pending;
    QTimer m_batchTimer;
    QHash<QString, qint64> m_lastTemperatureAlertMs; // nodeId/deviceId
    Notifier m_notify;
    std::function<qint64()> m_nowMs;
};

} // namespace aiops::app
