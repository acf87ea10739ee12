#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace aiops::safety {
class SafetyService;
}
namespace aiops::models {
class GuardrailViolationModel;
}

namespace aiops::widgets {

class EmptyState;
class SafetyTableView;

// The Review queue of the Safety page: messages a guardrail escalated, waiting until an operator
// approves (the message was acceptable: recorded as an override) or rejects (the violation stands) them.
class SafetyReviewTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyReviewTab)
public:
    // `escalations`: a GuardrailViolationModel over Source::Escalations.
    SafetyReviewTab(safety::SafetyService* service,
                    models::GuardrailViolationModel* escalations,
                    QWidget* parent = nullptr);
    ~SafetyReviewTab() override;

    SafetyTableView* table() const { return m_table; }
    QPushButton* approveButton() const { return m_approve; }
    QPushButton* rejectButton() const { return m_reject; }
    QPlainTextEdit* messageView() const { return m_message; }
    QWidget* filterWidget() const; // no filters: the queue itself
    bool selectViolation(const QString& violationId);
    QString selectedViolationId() const;
    bool isShowingEmptyState() const;

Q_SIGNALS:
    void message(const QString& text, bool error);

private:
    void onRowsChanged();
    void onSelectionChanged();
    void resolve(bool approved);

    safety::SafetyService* m_service;
    models::GuardrailViolationModel* m_model;
    QStackedWidget* m_stack;
    EmptyState* m_empty;
    SafetyTableView* m_table;
    QLabel* m_heading;
    QLabel* m_issue;
    QPlainTextEdit* m_message;
    QPushButton* m_approve;
    QPushButton* m_reject;
};

} // namespace aiops::widgets
