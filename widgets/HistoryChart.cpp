#include "widgets/HistoryChart.h"

#include "widgets/Theme.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>

namespace aiops::widgets {

HistoryChart::HistoryChart(const QString& title, QWidget* parent)
    : QChartView(parent)
    , m_chart(new QChart)
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(new QValueAxis)
    , m_emptyLabel(new QLabel(this))
{
    setChart(m_chart); // takes ownership
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setMinimumHeight(220);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

    m_chart->setTitle(title);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setMarkerShape(QLegend::MarkerShapeCircle);
    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    m_chart->setTitleFont(titleFont);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    m_chart->legend()->setFont(small);

    m_timeAxis->setFormat(QStringLiteral("HH:mm"));
    m_timeAxis->setTickCount(6);
    m_timeAxis->setLabelsFont(small);
    m_valueAxis->setLabelsFont(small);
    m_valueAxis->setTickCount(5);
    m_valueAxis->setRange(0, 100);
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f%%"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(now - 10 * 60 * 1000), QDateTime::fromMSecsSinceEpoch(now));

    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyLabel->setWordWrap(true);
    applyPalette();
}

HistoryChart::~HistoryChart() = default;

void HistoryChart::setSeries(const QList<Series>& series, qint64 fromMs, qint64 toMs)
{
    while (m_series.size() > series.size()) {
        QLineSeries* extra = m_series.takeLast();
        m_chart->removeSeries(extra);
        delete extra;
    }
    for (qsizetype i = 0; i < series.size(); ++i) {
        if (i == m_series.size()) {
            auto* line = new QLineSeries;
            QPen pen(Theme::seriesColor(int(i)));
            pen.setWidthF(2.0);
            line->setPen(pen);
            m_chart->addSeries(line);
            line->attachAxis(m_timeAxis);
            line->attachAxis(m_valueAxis);
            m_series.append(line);
        }
        m_series[i]->setName(series.at(i).name);
        m_series[i]->replace(series.at(i).points);
    }
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
    m_emptyLabel->setVisible(pointCount() == 0);
}

void HistoryChart::setValueRange(double min, double max, const QString& labelFormat)
{
    m_valueAxis->setRange(min, max);
    m_valueAxis->setLabelFormat(labelFormat);
}

void HistoryChart::setEmptyText(const QString& text)
{
    m_emptyLabel->setText(text);
}

int HistoryChart::seriesCount() const
{
    return int(m_series.size());
}

qsizetype HistoryChart::pointCount() const
{
    qsizetype n = 0;
    for (const QLineSeries* s : m_series)
        n += s->count();
    return n;
}

QString HistoryChart::title() const
{
    return m_chart->title();
}

void HistoryChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void HistoryChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    m_emptyLabel->setGeometry(rect().adjusted(48, 40, -16, -48));
}

void HistoryChart::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor subtle = Theme::subtleText(pal);
    QColor grid = text;
    grid.setAlphaF(0.09f);
    QColor axisLine = text;
    axisLine.setAlphaF(0.25f);

    setBackgroundBrush(pal.brush(QPalette::Base));
    m_chart->setBackgroundVisible(false);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(subtle);
    for (QAbstractAxis* axis : { static_cast<QAbstractAxis*>(m_timeAxis), static_cast<QAbstractAxis*>(m_valueAxis) }) {
        axis->setLabelsColor(subtle);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(axisLine);
        axis->setMinorGridLineVisible(false);
    }
    QPalette labelPalette = m_emptyLabel->palette();
    labelPalette.setColor(QPalette::WindowText, subtle);
    m_emptyLabel->setPalette(labelPalette);
}

} // namespace aiops::widgets
