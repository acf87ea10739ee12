#pragma once

#include "core/deploy/DeploymentTypes.h"

#include <QHash>
#include <QTimer>
#include <QWidget>
#include <optional>

class QAction;
class QCheckBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace aiops {
struct Error;
}
namespace aiops::controller {
class DeploymentService;
class NodeService;
} // namespace aiops::controller
namespace aiops::registry {
class ModelService;
}
namespace aiops::models {
class DeploymentTableModel;
}

namespace aiops::widgets {

class DeployWizard;
class EmptyState;
class PageHeader;

// The running models: a table of deployments with their status, traffic and endpoint, and a detail
// panel for the selected one (endpoint with copy actions, placement, the error with a suggestion,
// and the container's logs). Deploys through DeployWizard, stops and removes with a confirmation.
class DeploymentsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentsPage)
public:
    static constexpr int kFollowIntervalMs = 2000;
    static constexpr int kLogLines = 200;

    // models and nodes may be null: then ids stand in for names and the wizard lists no models.
    explicit DeploymentsPage(controller::DeploymentService* service,
                             registry::ModelService* models = nullptr,
                             controller::NodeService* nodes = nullptr,
                             QWidget* parent = nullptr);
    ~DeploymentsPage() override;

    // What to try for a deployment error ("" when there is nothing specific to say).
    static QString errorSuggestion(const QString& error);
    // A ready-to-run request against the deployment's endpoint (OpenAI chat for vLLM).
    QString curlExample(const deploy::DeploymentRecord& record) const;
    QString endpointUrl(const deploy::DeploymentRecord& record) const;

    QString selectedDeploymentId() const;
    bool selectDeployment(const QString& deploymentId);

    models::DeploymentTableModel* deploymentTable() const { return m_model; }
    QTableView* table() const { return m_table; }
    QPushButton* deployButton() const { return m_deployButton; }
    QPushButton* emptyStateDeployButton() const;
    QAction* deployAction() const { return m_deployAction; }
    QAction* stopAction() const { return m_stopAction; }
    QAction* removeAction() const { return m_removeAction; }
    QAction* copyEndpointAction() const { return m_copyEndpointAction; }
    QAction* copyCurlAction() const { return m_copyCurlAction; }
    QCheckBox* followCheck() const { return m_follow; }
    QPushButton* refreshLogsButton() const { return m_refreshLogs; }
    QPlainTextEdit* logView() const { return m_logs; }
    bool isShowingEmptyState() const;
    bool isShowingDetail() const;
    QString subtitle() const { return m_subtitle; }
    QString messageText() const; // the last error shown above the table, "" when none
    // A detail panel value by key: "title", "status", "endpoint", "node", "image", "framework",
    // "requests", "latency", "lastRequest", "deployedAt", "error", "suggestion", "logStatus".
    QString detailText(const QString& field) const;

public Q_SLOTS:
    // Opens the Deploy wizard (window-modal), preselecting modelId when given, and returns it.
    DeployWizard* openDeployWizard(const QString& modelId = {});
    void stopSelected(); // asks first
    void removeSelected(); // asks first; stopped or failed deployments only
    void copyEndpoint();
    void copyCurlExample();
    void refreshLogs();

protected:
    void changeEvent(QEvent* event) override;

private:
    void onSelectionChanged();
    void onRowsChanged();
    void onLogsReady(const QString& requestId, const QString& deploymentId, const QString& logs);
    void onLogsFailed(const QString& requestId, const QString& deploymentId, const aiops::Error& error);
    void showDetail(const std::optional<deploy::DeploymentRecord>& record);
    void updateHeader();
    void updateActions(const std::optional<deploy::DeploymentRecord>& record);
    void showMessage(const QString& text);
    void updateColors();
    std::optional<deploy::DeploymentRecord> selectedDeployment() const;
    QLabel* addField(QFormLayout* form, const QString& key, const QString& label);

    controller::DeploymentService* m_service;
    registry::ModelService* m_modelService;
    controller::NodeService* m_nodeService;
    models::DeploymentTableModel* m_model;
    QSortFilterProxyModel* m_filter;
    QString m_subtitle;
    QString m_shownId;
    QString m_logRequestId;
    QTimer m_followTimer;

    PageHeader* m_header = nullptr;
    QPushButton* m_deployButton = nullptr;
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
    QProgressBar* m_progress = nullptr;
    QWidget* m_errorBox = nullptr;
    QWidget* m_endpointButtons = nullptr;
    QFormLayout* m_form = nullptr;
    QLabel* m_errorIcon = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_suggestion = nullptr;
    QHash<QString, QLabel*> m_fields;
    QList<QLabel*> m_captions;
    QCheckBox* m_follow = nullptr;
    QPushButton* m_refreshLogs = nullptr;
    QLabel* m_logStatus = nullptr;
    QPlainTextEdit* m_logs = nullptr;
    QAction* m_deployAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_removeAction = nullptr;
    QAction* m_copyEndpointAction = nullptr;
    QAction* m_copyCurlAction = nullptr;
};

} // namespace aiops::widgets
