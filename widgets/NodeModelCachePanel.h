#pragma once

#include "core/controller/NodeCacheTypes.h"

#include <QHash>
#include <QWidget>
#include <functional>
#include <optional>

class QAbstractButton;
class QAction;
class QLabel;
class QStackedWidget;
class QTableWidget;
class QToolButton;
class QVBoxLayout;

namespace aiops::controller {
class NodeService;
}

namespace aiops::widgets {

class GaugeBar;

// "Models on this node": the node's model cache (disk used of capacity, the cached models with a
// Remove… button each) and its running or failed cache requests, from NodeService::modelCache().
class NodeModelCachePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeModelCachePanel)
public:
    // Asks before removing a model from a node's cache; replaceable by tests.
    using RemoveConfirmation = std::function<bool(QWidget* parent, const QString& modelId, const QString& nodeName)>;

    explicit NodeModelCachePanel(controller::NodeService* service, QWidget* parent = nullptr);
    ~NodeModelCachePanel() override;

    // The node to show (empty: none); refreshes.
    void setNode(const QString& nodeId, const QString& nodeName);
    QString nodeId() const { return m_nodeId; }
    void refresh();
    void setRemoveConfirmation(RemoveConfirmation confirm);
    void setClock(std::function<qint64()> nowMs);

    // Carries the permission for the per-model Remove… buttons: they follow its enabled state and
    // tooltip, so gate this one action (DeployModels).
    QAction* removeAction() const { return m_removeAction; }
    QString usageText() const;
    int modelCount() const;
    bool isShowingEmptyState() const;
    QString emptyStateText() const;
    QTableWidget* modelsTable() const { return m_table; }
    QAbstractButton* removeButton(const QString& modelId) const; // null when the model is not listed
    // The text of each request row shown ("Copying … · Downloading 45%", "Removing … failed: …").
    QStringList requestTexts() const;
    QString failureText() const; // the last failed removal, shown until the node changes

Q_SIGNALS:
    // The number of cached models changed (for a tab title).
    void modelCountChanged(int count);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct RequestRow;

    void onRemoveClicked(const QString& modelId);
    void fillRow(int row, const protocol::CachedModelInfo& model);
    void rebuildRequests(const QList<controller::NodeCacheRequest>& requests);
    void updateRemoveButtons();
    void updateColors();

    controller::NodeService* m_service;
    std::function<qint64()> m_nowMs;
    RemoveConfirmation m_confirm;
    QString m_nodeId;
    QString m_nodeName;
    std::optional<controller::NodeModelCacheView> m_view;
    int m_lastCount = -1;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_reported = nullptr;
    QLabel* m_usage = nullptr;
    GaugeBar* m_bar = nullptr;
    QVBoxLayout* m_requestLayout = nullptr;
    QList<RequestRow*> m_requestRows;
    QStackedWidget* m_listStack = nullptr;
    QTableWidget* m_table = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_failure = nullptr;
    QList<QLabel*> m_captions;
    QList<protocol::CachedModelInfo> m_shownModels;
    QHash<QString, QToolButton*> m_removeButtons; // modelId -> the row's button
    QList<QLabel*> m_badges;
    QAction* m_removeAction = nullptr;
};

} // namespace aiops::widgets
