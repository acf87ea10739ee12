#pragma once

#include "core/safety/SafetyTypes.h"

#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QLineEdit;
class QStackedWidget;

namespace aiops::safety {
class SafetyService;
}
namespace aiops::models {
class PiiPatternModel;
}

namespace aiops::widgets {

class EmptyState;
class SafetyTableView;
class SafetyTester;

// The Patterns section of the Safety page: the PII patterns (add, edit, delete, activate) beside a
// live tester that highlights what the active patterns find in sample text.
class SafetyPatternsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyPatternsTab)
public:
    // Dialog hooks, replaceable by tests: edit a pattern (nullopt = cancelled) and confirm deletion.
    using PatternEditor = std::function<std::optional<safety::PiiPattern>(QWidget* parent,
                                                                          const safety::PiiPattern& initial,
                                                                          const QStringList& takenNames)>;
    using DeleteConfirmation = std::function<bool(QWidget* parent, const QString& name)>;

    SafetyPatternsTab(safety::SafetyService* service, models::PiiPatternModel* model, QWidget* parent = nullptr);
    ~SafetyPatternsTab() override;

    void setPatternEditor(PatternEditor editor);
    void setDeleteConfirmation(DeleteConfirmation confirm);

    SafetyTableView* table() const { return m_table; }
    SafetyTester* tester() const { return m_tester; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QWidget* filterWidget() const;
    QAction* addAction() const { return m_addAction; }
    QAction* editAction() const { return m_editAction; }
    QAction* deleteAction() const { return m_deleteAction; }
    QString selectedPatternId() const;
    bool selectPattern(const QString& patternId);

Q_SIGNALS:
    void message(const QString& text, bool error);

private:
    void onAddTriggered();
    void onEditTriggered();
    void onDeleteTriggered();
    void onRowsChanged();
    void onContextMenuRequested(const QPoint& pos);
    void updateActions();
    QStringList namesExcept(const QString& patternId) const;

    safety::SafetyService* m_service;
    models::PiiPatternModel* m_model;
    PatternEditor m_editor;
    DeleteConfirmation m_confirmDelete;
    QLineEdit* m_filterEdit;
    QStackedWidget* m_tableStack;
    SafetyTableView* m_table;
    EmptyState* m_noMatch;
    SafetyTester* m_tester;
    QAction* m_addAction;
    QAction* m_editAction;
    QAction* m_deleteAction;
};

} // namespace aiops::widgets
