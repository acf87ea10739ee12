#pragma once

#include "core/protocol/Error.h"
#include "core/registry/ModelTypes.h"

#include <QHash>
#include <QWidget>
#include <functional>

class QAction;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTableWidget;
class QToolButton;
class QVBoxLayout;

namespace aiops::registry {
class ModelService;
}
namespace aiops::controller {
class DeploymentService;
class NodeService;
} // namespace aiops::controller
namespace aiops::models {
class DownloadListModel;
class ModelTableModel;
} // namespace aiops::models

namespace aiops::widgets {

class AddModelDialog;
class Card;
class CopyToNodeDialog;
class DeployWizard;
class EmptyState;
class PageHeader;

// The model registry: running and failed downloads, the models as a filterable table, and a detail
// panel with the selected model's metadata, versions and files. Adds models from HuggingFace (through
// AddModelDialog) or from an existing HuggingFace cache, and deletes them.
class ModelsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelsPage)
public:
    // Dialog hooks, replaceable by tests.
    using DeleteConfirmation = std::function<bool(QWidget* parent, const QString& modelName, qint64 freedMb)>;
    using CancelConfirmation = std::function<bool(QWidget* parent, const QString& repo)>;
    using DirectoryPrompt = std::function<QString(QWidget* parent)>; // empty = cancelled

    // nodes may be null: then the page offers no "Copy to node…" and shows no "Cached on".
    explicit ModelsPage(registry::ModelService* service,
                        controller::NodeService* nodes = nullptr,
                        QWidget* parent = nullptr);
    ~ModelsPage() override;

    void setDeleteConfirmation(DeleteConfirmation confirm);
    void setCancelConfirmation(CancelConfirmation confirm);
    void setImportDirectoryPrompt(DirectoryPrompt prompt);
    // Offers "Deploy…" for the selected ready model (null: no deploy action is shown).
    void setDeploymentService(controller::DeploymentService* deployments);

    QString selectedModelId() const;
    bool selectModel(const QString& modelId);

    models::ModelTableModel* modelTable() const { return m_models; }
    models::DownloadListModel* downloadList() const { return m_downloads; }
    QSortFilterProxyModel* filterModel() const { return m_filter; }
    QTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QPushButton* addButton() const { return m_addButton; }
    QPushButton* importButton() const { return m_importButton; }
    QPushButton* emptyStateAddButton() const;
    QAction* deleteAction() const { return m_deleteAction; }
    // Copies the selected model to an online node's cache; disabled without a selection or an online node.
    QAction* copyToNodeAction() const { return m_copyToNodeAction; }
    // Opens the Deploy wizard for the selected model; disabled without a ready selection or a
    // DeploymentService.
    QAction* deployAction() const { return m_deployAction; }
    // Enabled while the user may cancel or retry downloads; RoleGate disables it for other roles and
    // the Cancel / Retry buttons of the download rows follow it.
    QAction* manageDownloadsAction() const { return m_manageDownloads; }
    bool isShowingEmptyState() const;
    bool isShowingDownloads() const;
    // The row widget of a listed download (objectName "download-<jobId>"); null when not listed.
    QWidget* downloadRow(const QString& jobId) const;
    QString subtitle() const { return m_subtitle; }
    QString messageText() const; // the last import result or error shown above the table
    QTableWidget* versionsTable() const { return m_versions; }
    QTableWidget* filesTable() const { return m_files; }
    QString detailText(const QString& field) const; // a detail panel value by field key ("task", "license", …)

public Q_SLOTS:
    // Opens the Add from HuggingFace dialog (window-modal) and returns it.
    AddModelDialog* openAddDialog();
    // Opens the Copy to node dialog for the selected model (window-modal) and returns it; on accept the
    // page asks the NodeService to cache the model on the picked node. Null without a selection.
    CopyToNodeDialog* openCopyToNodeDialog();
    // Opens the Deploy wizard (window-modal) with the selected model preselected and returns it. Null
    // without a selection or a DeploymentService.
    DeployWizard* openDeployWizard();
    void importCache();
    void cancelDownload(const QString& jobId);
    void retryDownload(const QString& jobId);

Q_SIGNALS:
    void downloadStarted(const QString& jobId);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct DownloadRow;

    void onSelectionChanged();
    void onModelsChanged();
    void onDeleteTriggered();
    void onImportFinished(int modelsImported, const QStringList& warnings);
    void onOperationFailed(const QString& operation, const aiops::Error& error);
    void rebuildDownloadRows();
    void updateDownloadRow(int row);
    void updateDownloadButtons();
    void updateHeader();
    void showDetail(const std::optional<registry::ModelRecord>& model);
    void updateNodeCacheInfo();
    void showMessage(const QString& text, bool error);
    void updateColors();
    QLabel* addField(QFormLayout* form, const QString& key, const QString& label);

    registry::ModelService* m_service;
    controller::NodeService* m_nodeService;
    controller::DeploymentService* m_deploymentService = nullptr;
    models::ModelTableModel* m_models;
    models::DownloadListModel* m_downloads;
    QSortFilterProxyModel* m_filter;
    DeleteConfirmation m_deleteConfirmation;
    CancelConfirmation m_cancelConfirmation;
    DirectoryPrompt m_directoryPrompt;
    QString m_subtitle;
    QString m_shownModelId;

    PageHeader* m_header = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_importButton = nullptr;
    QWidget* m_messageBox = nullptr;
    QLabel* m_messageIcon = nullptr;
    QLabel* m_message = nullptr;
    bool m_messageIsError = false;
    Card* m_downloadsCard = nullptr;
    QVBoxLayout* m_downloadRows = nullptr;
    QList<DownloadRow*> m_rows;
    QStackedWidget* m_stack = nullptr;
    EmptyState* m_empty = nullptr;
    QStackedWidget* m_tableStack = nullptr;
    EmptyState* m_noMatch = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QTableView* m_table = nullptr;
    QStackedWidget* m_detailStack = nullptr;
    QLabel* m_detailTitle = nullptr;
    QLabel* m_detailSubtitle = nullptr;
    QHash<QString, QLabel*> m_fields;
    QTableWidget* m_versions = nullptr;
    QTableWidget* m_files = nullptr;
    QLabel* m_filesTitle = nullptr;
    QList<QLabel*> m_captions;
    QFormLayout* m_form = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_copyToNodeAction = nullptr;
    QAction* m_deployAction = nullptr;
    QToolButton* m_deployButton = nullptr;
    QAction* m_manageDownloads = nullptr;
};

} // namespace aiops::widgets
