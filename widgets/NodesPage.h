#pragma once

#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QComboBox;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTabBar;
class QTableView;

namespace aiops::controller {
class NodeService;
}
namespace aiops::models {
class NodeFilterModel;
class NodeTableModel;
} // namespace aiops::models

namespace aiops::widgets {

class EmptyState;
class NodeDetailPanel;
class NodeModelCachePanel;
class PageHeader;

// The fleet as a sortable, filterable table with a detail panel and the node actions.
class NodesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodesPage)
public:
    // Dialog hooks, replaceable by tests: ask for a new name (nullopt = cancelled) and confirm removal.
    using RenamePrompt = std::function<std::optional<QString>(QWidget* parent, const QString& currentName)>;
    using RemoveConfirmation = std::function<bool(QWidget* parent, const QString& nodeName)>;

    NodesPage(controller::NodeService* service, models::NodeTableModel* nodes, QWidget* parent = nullptr);
    ~NodesPage() override;

    void setRenamePrompt(RenamePrompt prompt);
    void setRemoveConfirmation(RemoveConfirmation confirm);

    QString selectedNodeId() const;
    bool selectNode(const QString& nodeId);

    QTableView* table() const { return m_table; }
    models::NodeFilterModel* filterModel() const { return m_filter; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QComboBox* statusFilter() const { return m_statusFilter; }
    NodeDetailPanel* detailPanel() const { return m_detail; }
    // "Models on this node", the second tab of the detail card.
    NodeModelCachePanel* modelCachePanel() const { return m_cachePanel; }
    QTabBar* detailTabs() const { return m_detailTabs; } // Overview, Models on this node
    void showModelCacheTab();
    QAction* renameAction() const { return m_renameAction; }
    QAction* maintenanceAction() const { return m_maintenanceAction; }
    QAction* removeAction() const { return m_removeAction; }
    QPushButton* addNodeButton() const { return m_addButton; }
    QPushButton* emptyStateAddButton() const;
    bool isShowingEmptyState() const;

Q_SIGNALS:
    void addNodeRequested();

private:
    void onSelectionChanged();
    void onNodesDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight);
    void onRowCountChanged();
    void onRenameTriggered();
    void onMaintenanceTriggered();
    void onRemoveTriggered();
    void onTableContextMenuRequested(const QPoint& pos);
    void updateActions();
    void updateCacheTabTitle(int modelCount);

    controller::NodeService* m_service;
    models::NodeTableModel* m_nodes;
    models::NodeFilterModel* m_filter;
    RenamePrompt m_renamePrompt;
    RemoveConfirmation m_removeConfirmation;

    PageHeader* m_header = nullptr;
    QPushButton* m_addButton = nullptr;
    QStackedWidget* m_stack = nullptr;
    EmptyState* m_empty = nullptr;
    QStackedWidget* m_tableStack = nullptr;
    EmptyState* m_noMatch = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QComboBox* m_statusFilter = nullptr;
    QTableView* m_table = nullptr;
    NodeDetailPanel* m_detail = nullptr;
    QTabBar* m_detailTabs = nullptr;
    QStackedWidget* m_detailStack = nullptr;
    NodeModelCachePanel* m_cachePanel = nullptr;
    QAction* m_renameAction = nullptr;
    QAction* m_maintenanceAction = nullptr;
    QAction* m_removeAction = nullptr;
};

} // namespace aiops::widgets
