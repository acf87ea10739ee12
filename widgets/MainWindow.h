#pragma once

#include "core/iam/Principal.h"
#include "core/protocol/Error.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QStackedWidget;

namespace aiops::controller {
class AgentService;
class DeploymentService;
class NodeService;
} // namespace aiops::controller
namespace aiops::iam {
class IamService;
class SecretStore;
} // namespace aiops::iam
namespace aiops::registry {
class ModelService;
}
namespace aiops::safety {
class SafetyService;
struct PiiDetection;
} // namespace aiops::safety
namespace aiops::models {
class FleetSummary;
class GpuTableModel;
class NodeTableModel;
} // namespace aiops::models

namespace aiops::widgets {

class AgentsPage;
class AuditLogPage;
class DashboardPage;
class DeploymentsPage;
class InstructionsPage;
class ModelsPage;
class NodesPage;
class RoleGate;
class SafetyPage;
class Sidebar;
class ToolsPage;
class UsersAccessPage;

// The console's window: navigation on the left, the pages, and a status bar with the controller's
// address and how many nodes are online. The Safety page is there only when a SafetyService is given;
// the Users & access and Audit log pages only once a session with an IamService is set. Actions the
// signed-in roles may not take are disabled with the reason in their tooltip (RoleGate).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum class Page {
        Dashboard,
        Nodes,
        Safety,
        UsersAccess,
        AuditLog,
        Models,
        Deployments,
        Agents,
        Tools,
        Instructions
    };

    explicit MainWindow(controller::NodeService* service,
                        safety::SafetyService* safety = nullptr,
                        QWidget* parent = nullptr);
    ~MainWindow() override;

    // Who is signed in, and the IAM service of the embedded controller (null for a remote one). Adds
    // the Users & access and Audit log pages the first time an IamService is given, enables what the
    // principal's roles allow and shows the principal in the status bar. A System principal (the
    // local console) is unrestricted.
    void setSession(iam::IamService* iam, const iam::Principal& principal);
    // Where Settings keeps the HuggingFace token (the keychain; null: no token field effect).
    void setSecretStore(iam::SecretStore* secrets);
    // Adds the Models page (viewing needs ViewMetrics; adding, downloading and deleting DeployModels).
    // Only the first service given is used.
    void setModelService(registry::ModelService* models);
    // Adds the Deployments page after the pages already there, and "Deploy…" on the Models page
    // (viewing needs ViewMetrics; deploying, stopping and removing DeployModels). Only the first
    // service given is used.
    void setDeploymentService(controller::DeploymentService* deployments);
    // Adds the agent pages: Agents (with its chat pane; viewing and chatting need ChatWithAgents,
    // creating, editing, starting, stopping and deleting CreateAgents), Tools and Instructions (viewing
    // needs ViewMetrics; registering, checking, restarting and removing tools DeployTools; editing
    // instructions CreateAgents). The agent dialog lists the running deployments of the
    // DeploymentService (given before or after). Only the first service is used.
    void setAgentService(controller::AgentService* agents);
    iam::Principal principal() const { return m_principal; }
    RoleGate* roleGate() const { return m_gate; }

    // Does nothing for a page that is not there or that the signed-in roles may not open.
    void showPage(Page page);
    Page currentPage() const;
    // When set, closing the window hides it (the tray keeps the controller running) and emits
    // hiddenToTray(); otherwise closing the window closes it.
    void setHideOnClose(bool hide);
    void setGpuTemperatureThreshold(double celsius);
    // Shows a permanent warning in the status bar while log redaction is off.
    void setLogRedactionEnabled(bool enabled);
    bool isShowingLogRedactionWarning() const;

    DashboardPage* dashboardPage() const { return m_dashboard; }
    NodesPage* nodesPage() const { return m_nodesPage; }
    SafetyPage* safetyPage() const { return m_safetyPage; } // null without a SafetyService
    UsersAccessPage* usersAccessPage() const { return m_usersPage; } // null without an IamService
    AuditLogPage* auditLogPage() const { return m_auditPage; } // null without an IamService
    ModelsPage* modelsPage() const { return m_modelsPage; } // null without a ModelService
    DeploymentsPage* deploymentsPage() const { return m_deploymentsPage; } // null without a DeploymentService
    AgentsPage* agentsPage() const { return m_agentsPage; } // null without an AgentService
    ToolsPage* toolsPage() const { return m_toolsPage; } // null without an AgentService
    InstructionsPage* instructionsPage() const { return m_instructionsPage; } // null without an AgentService
    bool isPageEnabled(Page page) const;
    Sidebar* sidebar() const { return m_sidebar; }
    models::FleetSummary* fleetSummary() const { return m_summary; }
    models::NodeTableModel* nodeModel() const { return m_nodeModel; }
    models::GpuTableModel* gpuModel() const { return m_gpuModel; }
    QString controllerStatusText() const;
    QString onlineStatusText() const;
    QString statusMessage() const;
    QString sessionStatusText() const; // "Signed in as … (role)", empty without a session

public Q_SLOTS:
    void onAddNodeRequested();
    void onSettingsRequested();

Q_SIGNALS:
    void quitRequested();
    void hiddenToTray();
    // The audit retention was changed on the Audit log page (persist it in the settings).
    void auditRetentionChanged(int days);
    // File → Connect to Remote Controller…
    void connectRemoteRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onSummaryChanged();
    void onOperationFailed(const QString& operation, const aiops::Error& error);
    void onAboutRequested();
    void onCriticalDetection(const aiops::safety::PiiDetection& detection);
    void buildMenus();
    void addPage(Page page, QWidget* widget, const QString& iconName, const QString& title);
    void gateExistingPages();
    void updatePageAccess();

    controller::NodeService* m_service;
    models::NodeTableModel* m_nodeModel;
    models::GpuTableModel* m_gpuModel;
    models::FleetSummary* m_summary;
    Sidebar* m_sidebar;
    QStackedWidget* m_pages;
    DashboardPage* m_dashboard;
    NodesPage* m_nodesPage;
    SafetyPage* m_safetyPage = nullptr;
    UsersAccessPage* m_usersPage = nullptr;
    AuditLogPage* m_auditPage = nullptr;
    ModelsPage* m_modelsPage = nullptr;
    DeploymentsPage* m_deploymentsPage = nullptr;
    AgentsPage* m_agentsPage = nullptr;
    controller::AgentService* m_agentService = nullptr;
    ToolsPage* m_toolsPage = nullptr;
    InstructionsPage* m_instructionsPage = nullptr;
    registry::ModelService* m_modelService = nullptr;
    controller::DeploymentService* m_deploymentService = nullptr;
    iam::IamService* m_iam = nullptr;
    iam::Principal m_principal;
    iam::SecretStore* m_secrets = nullptr;
    RoleGate* m_gate;
    QList<Page> m_pageOrder; // the page of each stack/sidebar index
    QMenu* m_viewMenu = nullptr;
    QAction* m_addNodeAction = nullptr;
    QLabel* m_sessionLabel;
    QLabel* m_controllerLabel;
    QLabel* m_redactionWarning;
    QLabel* m_onlineIcon;
    QLabel* m_onlineLabel;
    bool m_hideOnClose = false;
};

} // namespace aiops::widgets
