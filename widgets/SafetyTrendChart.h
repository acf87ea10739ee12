#pragma once

#include <QChartView>
#include <QDate>
#include <QList>

class QAreaSeries;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace aiops::widgets {

// Detections per day as a filled line over dates, drawn in the palette's colours like HistoryChart,
// with a note in place of the line while every day is zero.
class SafetyTrendChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyTrendChart)
public:
    explicit SafetyTrendChart(const QString& title, QWidget* parent = nullptr);
    ~SafetyTrendChart() override;

    // counts[i] = detections on first + i days.
    void setCounts(const QDate& first, const QList<int>& counts);
    void setEmptyText(const QString& text);

    QList<int> counts() const { return m_counts; }
    QDate firstDay() const { return m_first; }
    int total() const;
    QString title() const;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyPalette();

    QChart* m_chart;
    QLineSeries* m_line;
    QLineSeries* m_upper; // the area's edges; the area does not own them
    QLineSeries* m_base;
    QAreaSeries* m_area;
    QDateTimeAxis* m_dateAxis;
    QValueAxis* m_valueAxis;
    QLabel* m_emptyLabel;
    QDate m_first;
    QList<int> m_counts;
};

} // namespace aiops::widgets
