#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace aiops::models {
class GuardrailModel;
class GuardrailViolationModel;
} // namespace aiops::models

namespace aiops::widgets {

class EmptyState;
class SafetyTableView;

// The Violations section of the Safety page: the guardrail violation log filtered by guardrail and
// action taken, with the full text of the selected violation.
class SafetyViolationsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyViolationsTab)
public:
    SafetyViolationsTab(models::GuardrailViolationModel* model,
                        models::GuardrailModel* guardrails,
                        QWidget* parent = nullptr);
    ~SafetyViolationsTab() override;

    SafetyTableView* table() const { return m_table; }
    QComboBox* guardrailFilter() const { return m_guardrail; }
    QComboBox* actionFilter() const { return m_action; }
    QWidget* filterWidget() const;
    bool isShowingEmptyState() const;
    QString detailsText() const;

private:
    void onRowsChanged();
    void onGuardrailsChanged();
    void onSelectionChanged();

    models::GuardrailViolationModel* m_model;
    models::GuardrailModel* m_guardrails;
    QComboBox* m_guardrail;
    QComboBox* m_action;
    QLabel* m_count;
    QStackedWidget* m_tableStack;
    SafetyTableView* m_table;
    EmptyState* m_empty;
    EmptyState* m_noMatch;
    QLabel* m_details;
};

} // namespace aiops::widgets
