#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace aiops::models {
class PiiDetectionModel;
class PiiPatternModel;
} // namespace aiops::models

namespace aiops::widgets {

class EmptyState;
class SafetyTableView;
class SafetyTrendChart;

// The Detections section of the Safety page: the PII detection log filtered by severity, pattern and
// time range, with a chart of detections per day over the same filters.
class SafetyDetectionsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyDetectionsTab)
public:
    SafetyDetectionsTab(models::PiiDetectionModel* model, models::PiiPatternModel* patterns, QWidget* parent = nullptr);
    ~SafetyDetectionsTab() override;

    SafetyTableView* table() const { return m_table; }
    SafetyTrendChart* trendChart() const { return m_chart; }
    QComboBox* severityFilter() const { return m_severity; }
    QComboBox* patternFilter() const { return m_pattern; }
    QComboBox* rangeFilter() const { return m_range; }
    QWidget* filterWidget() const;
    bool isShowingEmptyState() const;
    // Days the trend chart covers for a time window (0 = all time).
    static int trendDays(qint64 windowSeconds);

private:
    void onReloaded();
    void onPatternsChanged();
    void clearFilters();

    models::PiiDetectionModel* m_model;
    models::PiiPatternModel* m_patterns;
    QComboBox* m_severity;
    QComboBox* m_pattern;
    QComboBox* m_range;
    QLabel* m_count;
    SafetyTrendChart* m_chart;
    QStackedWidget* m_tableStack;
    SafetyTableView* m_table;
    EmptyState* m_empty;
    EmptyState* m_noMatch;
};

} // namespace aiops::widgets
