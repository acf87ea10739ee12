#pragma once

#include "core/agents/AgentTypes.h"

#include <QHash>
#include <QWidget>
#include <optional>

class QAction;
class QFormLayout;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace aiops::controller {
class AgentService;
class DeploymentService;
} // namespace aiops::controller

namespace aiops::widgets {

class AgentDialog;
class ChatPane;
class EmptyState;
class PageHeader;

// The agents: a table (name, LLM, tools, status as shape + word, conversations, messages, tokens)
// with a detail panel for the selected one (its settings and last error), actions to create, edit,
// start, stop and delete (asks first), and Chat, which opens the chat pane on that agent inside the
// page (Esc or "← Agents" goes back). Follows AgentService::agentsChanged.
class AgentsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentsPage)
public:
    enum Column {
        NameColumn,
        LlmColumn,
        ToolsColumn,
        StatusColumn,
        ConversationsColumn,
        MessagesColumn,
        TokensColumn,
        ColumnCount
    };

    // deployments may be null: the agent dialog then offers providers only.
    explicit AgentsPage(controller::AgentService* service,
                        controller::DeploymentService* deployments = nullptr,
                        QWidget* parent = nullptr);
    ~AgentsPage() override;

    // Where the agent dialog finds running deployments (null: providers only).
    void setDeploymentService(controller::DeploymentService* deployments);

    static QString statusText(const QString& status); // Stopped, Starting…, Running, Error
    static QString statusShape(const QString& status); // the Theme::paintStatusShape name
    static QString llmText(const agents::AgentRecord& agent); // "OpenAI · gpt-4o", "Deployment · llama-3"
    static QString privacyText(const QString& mode);

    QString selectedAgentId() const;
    bool selectAgent(const QString& agentId);

    QTableView* table() const { return m_table; }
    QStandardItemModel* tableModel() const { return m_model; }
    ChatPane* chatPane() const { return m_chat; }
    QPushButton* newButton() const { return m_newButton; }
    QPushButton* emptyStateNewButton() const;
    QAction* newAction() const { return m_newAction; }
    QAction* editAction() const { return m_editAction; }
    QAction* startAction() const { return m_startAction; }
    QAction* stopAction() const { return m_stopAction; }
    QAction* deleteAction() const { return m_deleteAction; }
    QAction* chatAction() const { return m_chatAction; }
    bool isShowingEmptyState() const;
    bool isShowingChat() const;
    bool isShowingDetail() const;
    QString subtitle() const { return m_subtitle; }
    QString messageText() const; // the last error shown above the table, "" when none
    // A detail value: "title", "status", "error", "llm", "instructions", "tools", "privacy", "storage",
    // "usage", "description".
    QString detailText(const QString& field) const;

public Q_SLOTS:
    AgentDialog* openNewDialog(); // window-modal; returns it (shown)
    AgentDialog* openEditDialog(); // for the selected agent; null without one
    void startSelected();
    void stopSelected();
    void deleteSelected(); // asks first
    void openChat(const QString& agentId = {}); // the selected agent when empty
    void showList();

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void onSelectionChanged();
    void showDetail(const std::optional<agents::AgentRecord>& agent);
    void updateActions(const std::optional<agents::AgentRecord>& agent);
    void updateHeader();
    void showMessage(const QString& text);
    void updateColors();
    std::optional<agents::AgentRecord> selectedAgent() const;
    AgentDialog* showDialog(AgentDialog* dialog);
    QLabel* addField(QFormLayout* form, const QString& key, const QString& label);

    controller::AgentService* m_service;
    controller::DeploymentService* m_deployments;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_filter;
    QString m_subtitle;
    QString m_shownId;

    QStackedWidget* m_modeStack = nullptr;
    ChatPane* m_chat = nullptr;
    PageHeader* m_header = nullptr;
    QPushButton* m_newButton = nullptr;
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
    QHash<QString, QLabel*> m_fields;
    QList<QLabel*> m_captions;
    QAction* m_newAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_startAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_chatAction = nullptr;
};

} // namespace aiops::widgets
