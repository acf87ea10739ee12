#pragma once

#include <QChartView>
#include <QList>
#include <QPointF>

class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace aiops::widgets {

// A line chart over a time window (x = ms since epoch) drawn in the palette's colours, with a
// note in place of the lines while there are no samples.
class HistoryChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryChart)
public:
    struct Series
    {
        QString name;
        QList<QPointF> points;
    };

    HistoryChart(const QString& title, QWidget* parent = nullptr);
    ~HistoryChart() override;

    void setSeries(const QList<Series>& series, qint64 fromMs, qint64 toMs);
    void setValueRange(double min, double max, const QString& labelFormat);
    void setEmptyText(const QString& text);

    int seriesCount() const;
    qsizetype pointCount() const; // all series together
    QString title() const;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void applyPalette();

    QChart* m_chart;
    QDateTimeAxis* m_timeAxis;
    QValueAxis* m_valueAxis;
    QList<QLineSeries*> m_series;
    QLabel* m_emptyLabel;
};

} // namespace aiops::widgets
