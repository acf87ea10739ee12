#pragma once

#include "core/protocol/Error.h"

#include <QMainWindow>

class QLabel;
class QStackedWidget;

namespace aiops::controller {
class NodeService;
}
namespace aiops::models {
class FleetSummary;
class GpuTableModel;
class NodeTableModel;
} // namespace aiops::models

namespace aiops::widgets {

class DashboardPage;
class NodesPage;
class Sidebar;

// The console's window: navigation on the left, the pages, and a status bar with the controller's
// address and how many nodes are online.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum class Page { Dashboard, Nodes };

    explicit MainWindow(controller::NodeService* service, QWidget* parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    Page currentPage() const;
    // When set, closing the window hides it (the tray keeps the controller running) and emits
    // hiddenToTray(); otherwise closing the window closes it.
    void setHideOnClose(bool hide);
    void setGpuTemperatureThreshold(double celsius);

    DashboardPage* dashboardPage() const { return m_dashboard; }
    NodesPage* nodesPage() const { return m_nodesPage; }
    Sidebar* sidebar() const { return m_sidebar; }
    models::FleetSummary* fleetSummary() const { return m_summary; }
    models::NodeTableModel* nodeModel() const { return m_nodeModel; }
    models::GpuTableModel* gpuModel() const { return m_gpuModel; }
    QString controllerStatusText() const;
    QString onlineStatusText() const;

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
    void buildMenus();

    controller::NodeService* m_service;
    models::NodeTableModel* m_nodeModel;
    models::GpuTableModel* m_gpuModel;
    models::FleetSummary* m_summary;
    Sidebar* m_sidebar;
    QStackedWidget* m_pages;
    DashboardPage* m_dashboard;
    NodesPage* m_nodesPage;
    QLabel* m_controllerLabel;
    QLabel* m_onlineIcon;
    QLabel* m_onlineLabel;
    bool m_hideOnClose = false;
};

} // namespace aiops::widgets
