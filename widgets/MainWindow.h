#pragma once

#include "core/protocol/Error.h"

#include <QMainWindow>

class QLabel;
class QStackedWidget;

namespace aiops::controller {
class NodeService;
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

class DashboardPage;
class NodesPage;
class SafetyPage;
class Sidebar;

// The console's window: navigation on the left, the pages, and a status bar with the controller's
// address and how many nodes are online. The Safety page is there only when a SafetyService is given.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum class Page { Dashboard, Nodes, Safety };

    explicit MainWindow(controller::NodeService* service,
                        safety::SafetyService* safety = nullptr,
                        QWidget* parent = nullptr);
    ~MainWindow() override;

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
    Sidebar* sidebar() const { return m_sidebar; }
    models::FleetSummary* fleetSummary() const { return m_summary; }
    models::NodeTableModel* nodeModel() const { return m_nodeModel; }
    models::GpuTableModel* gpuModel() const { return m_gpuModel; }
    QString controllerStatusText() const;
    QString onlineStatusText() const;
    QString statusMessage() const;

public Q_SLOTS:
    void onAddNodeRequested();
    void onSettingsRequested();

Q_SIGNALS:
    void quitRequested();
    void hiddenToTray();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void onSummaryChanged();
    void onOperationFailed(const QString& operation, const aiops::Error& error);
    void onAboutRequested();
    void onCriticalDetection(const aiops::safety::PiiDetection& detection);
    void buildMenus();

    controller::NodeService* m_service;
    models::NodeTableModel* m_nodeModel;
    models::GpuTableModel* m_gpuModel;
    models::FleetSummary* m_summary;
    Sidebar* m_sidebar;
    QStackedWidget* m_pages;
    DashboardPage* m_dashboard;
    NodesPage* m_nodesPage;
    SafetyPage* m_safetyPage = nullptr;
    QLabel* m_controllerLabel;
    QLabel* m_redactionWarning;
    QLabel* m_onlineIcon;
    QLabel* m_onlineLabel;
    bool m_hideOnClose = false;
};

} // namespace aiops::widgets
