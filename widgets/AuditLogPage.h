#pragma once

#include "core/iam/IamTypes.h"

#include <QDateTime>
#include <QTimer>
#include <QWidget>
#include <functional>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QWidget;

namespace aiops::iam {
class IamService;
}
namespace aiops::models {
class AuditLogModel;
}

namespace aiops::widgets {

class EmptyState;
class PageHeader;
class SafetyTableView;

// The audit log (seed 003 schema): who did what to which resource, with the outcome and risk level.
// Filters by actor text, action, outcome and time range (last hour, 24 hours, 7 days, all, or a
// custom from–to); new events appear live when they match. The retention (days) is set at the bottom;
// lowering it deletes older events after a confirmation.
class AuditLogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogPage)
public:
    enum class Range { LastHour, LastDay, LastWeek, All, Custom };

    static constexpr int kFilterDelayMs = 250;
    using Confirmation = std::function<bool(QWidget* parent,
                                            const QString& title,
                                            const QString& text,
                                            const QString& informativeText,
                                            const QString& actionLabel)>;

    explicit AuditLogPage(iam::IamService* service, QWidget* parent = nullptr);
    ~AuditLogPage() override;

    void setConfirmation(Confirmation confirm);
    // For tests: "now" of the relative ranges.
    void setClock(std::function<QDateTime()> now);

    models::AuditLogModel* model() const { return m_model; }
    SafetyTableView* table() const { return m_table; }
    QLineEdit* actorFilter() const { return m_actor; }
    QComboBox* actionFilter() const { return m_action; }
    QComboBox* outcomeFilter() const { return m_outcome; }
    QComboBox* rangeFilter() const { return m_range; }
    QDateTimeEdit* fromEdit() const { return m_from; }
    QDateTimeEdit* toEdit() const { return m_to; }
    QSpinBox* retentionBox() const { return m_retention; }
    QPushButton* applyRetentionButton() const { return m_applyRetention; }
    void setRange(Range range);
    // The query the filters describe right now.
    iam::AuditQuery currentQuery() const;
    bool isShowingEmptyState() const;
    QString subtitleText() const;
    QString retentionMessage() const;

public Q_SLOTS:
    // Applies the filters now (they otherwise apply kFilterDelayMs after the last keystroke).
    void applyFilters();

Q_SIGNALS:
    // The retention was changed here; the owner may persist it in the settings.
    void auditRetentionChanged(int days);

private:
    void onApplyRetention();
    void updateView();

    iam::IamService* m_service;
    models::AuditLogModel* m_model;
    Confirmation m_confirm;
    std::function<QDateTime()> m_now;
    PageHeader* m_header;
    QLineEdit* m_actor;
    QComboBox* m_action;
    QComboBox* m_outcome;
    QComboBox* m_range;
    QWidget* m_customRange;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QStackedWidget* m_stack;
    SafetyTableView* m_table;
    EmptyState* m_empty;
    QSpinBox* m_retention;
    QPushButton* m_applyRetention;
    QLabel* m_retentionMessage;
    QTimer m_filterDelay;
};

} // namespace aiops::widgets
