#pragma once

#include "core/safety/SafetyTypes.h"

#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace aiops::safety {
class SafetyService;
}
namespace aiops::models {
class GuardrailModel;
}

namespace aiops::widgets {

class EmptyState;
class SafetyTableView;

// The Guardrails section of the Safety page: the guardrails with add, edit, delete and activate,
// and the details of the selected one.
class SafetyGuardrailsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyGuardrailsTab)
public:
    // Dialog hooks, replaceable by tests: edit a guardrail (nullopt = cancelled) and confirm deletion.
    using GuardrailEditor = std::function<std::optional<safety::Guardrail>(QWidget* parent,
                                                                           const safety::Guardrail& initial,
                                                                           const QStringList& takenNames)>;
    using DeleteConfirmation = std::function<bool(QWidget* parent, const QString& name)>;

    SafetyGuardrailsTab(safety::SafetyService* service, models::GuardrailModel* model, QWidget* parent = nullptr);
    ~SafetyGuardrailsTab() override;

    void setGuardrailEditor(GuardrailEditor editor);
    void setDeleteConfirmation(DeleteConfirmation confirm);

    SafetyTableView* table() const { return m_table; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QWidget* filterWidget() const;
    QAction* addAction() const { return m_addAction; }
    QAction* editAction() const { return m_editAction; }
    QAction* deleteAction() const { return m_deleteAction; }
    QString selectedGuardrailId() const;
    bool selectGuardrail(const QString& guardrailId);
    bool isShowingEmptyState() const;
    QString detailsText() const;

Q_SIGNALS:
    void message(const QString& text, bool error);

private:
    void onAddTriggered();
    void onEditTriggered();
    void onDeleteTriggered();
    void onRowsChanged();
    void onContextMenuRequested(const QPoint& pos);
    void updateSelection();
    QStringList namesExcept(const QString& guardrailId) const;

    safety::SafetyService* m_service;
    models::GuardrailModel* m_model;
    GuardrailEditor m_editor;
    DeleteConfirmation m_confirmDelete;
    QStackedWidget* m_stack;
    EmptyState* m_empty;
    QLineEdit* m_filterEdit;
    QStackedWidget* m_tableStack;
    SafetyTableView* m_table;
    EmptyState* m_noMatch;
    QLabel* m_details;
    QAction* m_addAction;
    QAction* m_editAction;
    QAction* m_deleteAction;
};

} // namespace aiops::widgets
