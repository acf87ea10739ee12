#pragma once

#include "core/agents/AgentTypes.h"

#include <QHash>
#include <QWidget>
#include <optional>

class QAction;
class QFormLayout;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace aiops::controller {
class AgentService;
}

namespace aiops::widgets {

class EmptyState;
class PageHeader;
class RegisterToolDialog;
class ToolTryItForm;

// The tools agents may call: MCP servers (by URL or as a container) and the controller's built-in
// tools, with their status, endpoint or image and last health check; a detail panel with the tools a
// server offers (description and input schema), its last error and "Try it". Registers through
// RegisterToolDialog; checks health, restarts container tools and removes MCP servers (asking first).
class ToolsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ToolsPage)
public:
    enum Column { NameColumn, TypeColumn, TransportColumn, EndpointColumn, StatusColumn, ToolsColumn, CheckedColumn };

    explicit ToolsPage(controller::AgentService* service, QWidget* parent = nullptr);
    ~ToolsPage() override;

    static QString statusText(const QString& status); // Active / Inactive / Error
    static QString statusShape(const QString& status); // the Theme::paintStatusShape name
    // The same for a tool, with its container's start while it is deployed ("Starting · pulling 45 %").
    static QString statusText(const agents::ToolRecord& tool);
    static QString statusShape(const agents::ToolRecord& tool);
    // The tools one registry entry offers: its discovered tools, or the built-in tool itself.
    static QList<agents::DiscoveredTool> offeredTools(const agents::ToolRecord& tool);

    QString selectedToolId() const;
    bool selectTool(const QString& toolId);
    // Selects one of the offered tools of the selected entry in the detail panel.
    bool selectDiscoveredTool(const QString& name);

    QTableView* table() const { return m_table; }
    QStandardItemModel* tableModel() const { return m_model; }
    QPushButton* registerButton() const { return m_registerButton; }
    QPushButton* emptyStateRegisterButton() const;
    QAction* registerAction() const { return m_registerAction; }
    QAction* checkHealthAction() const { return m_healthAction; }
    QAction* restartAction() const { return m_restartAction; }
    QAction* removeAction() const { return m_removeAction; }
    QListWidget* discoveredList() const { return m_discovered; }
    QPlainTextEdit* schemaView() const { return m_schema; }
    QTabWidget* detailTabs() const { return m_tabs; }
    ToolTryItForm* tryItForm() const { return m_tryIt; }
    bool isShowingEmptyState() const;
    bool isShowingDetail() const;
    QString subtitle() const { return m_subtitle; }
    QString messageText() const; // the last error shown above the table, "" when none
    // "title", "status", "error", "type", "category", "transport", "endpoint", "image", "environment",
    // "lastCheck", "description".
    QString detailText(const QString& field) const;

public Q_SLOTS:
    // Opens the Register dialog (window-modal) and returns it.
    RegisterToolDialog* openRegisterDialog();
    void checkHealthSelected();
    void restartSelected();
    void removeSelected(); // asks first; MCP servers only

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void reload();
    void onSelectionChanged();
    void onDiscoveredChanged();
    void showDetail(const std::optional<agents::ToolRecord>& tool);
    void updateActions(const std::optional<agents::ToolRecord>& tool);
    void showMessage(const QString& text);
    void updateColors();
    std::optional<agents::ToolRecord> selectedTool() const;
    QLabel* addField(QFormLayout* form, const QString& key, const QString& label);

    controller::AgentService* m_service;
    QStandardItemModel* m_model;
    QString m_subtitle;
    QString m_shownId;

    PageHeader* m_header = nullptr;
    QPushButton* m_registerButton = nullptr;
    QWidget* m_messageBox = nullptr;
    QLabel* m_messageIcon = nullptr;
    QLabel* m_message = nullptr;
    QStackedWidget* m_stack = nullptr;
    EmptyState* m_empty = nullptr;
    QTableView* m_table = nullptr;
    QStackedWidget* m_detailStack = nullptr;
    QLabel* m_detailTitle = nullptr;
    QLabel* m_detailStatusIcon = nullptr;
    QLabel* m_detailStatus = nullptr;
    QWidget* m_errorBox = nullptr;
    QLabel* m_errorIcon = nullptr;
    QLabel* m_error = nullptr;
    QFormLayout* m_form = nullptr;
    QHash<QString, QLabel*> m_fields;
    QList<QLabel*> m_captions;
    QListWidget* m_discovered = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_noTools = nullptr;
    QLabel* m_toolDescription = nullptr;
    QPlainTextEdit* m_schema = nullptr;
    ToolTryItForm* m_tryIt = nullptr;
    QAction* m_registerAction = nullptr;
    QAction* m_healthAction = nullptr;
    QAction* m_restartAction = nullptr;
    QAction* m_removeAction = nullptr;
};

} // namespace aiops::widgets
