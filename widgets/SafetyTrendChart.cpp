#include "widgets/SafetyTrendChart.h"

#include "widgets/Theme.h"

#include <QAreaSeries>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>

namespace aiops::widgets {

SafetyTrendChart::SafetyTrendChart(const QString& title, QWidget* parent)
    : QChartView(parent)
    , m_chart(new QChart)
    , m_line(new QLineSeries)
    , m_upper(new QLineSeries(this))
    , m_base(new QLineSeries(this))
    , m_area(new QAreaSeries(m_upper, m_base))
    , m_dateAxis(new QDateTimeAxis)
    , m_valueAxis(new QValueAxis)
    , m_emptyLabel(new QLabel(this))
{
    setChart(m_chart); // takes ownership
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setMinimumHeight(180);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

    m_chart->setTitle(title);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setVisible(false);
    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    m_chart->setTitleFont(titleFont);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);

    m_dateAxis->setFormat(QStringLiteral("d MMM"));
    m_dateAxis->setLabelsFont(small);
    m_valueAxis->setLabelsFont(small);
    m_valueAxis->setLabelFormat(QStringLiteral("%d"));
    m_valueAxis->setRange(0, 4);
    m_valueAxis->setTickCount(5);
    m_chart->addSeries(m_area);
    m_chart->addSeries(m_line);
    m_chart->addAxis(m_dateAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    for (QAbstractSeries* series : { static_cast<QAbstractSeries*>(m_area), static_cast<QAbstractSeries*>(m_line) }) {
        series->attachAxis(m_dateAxis);
        series->attachAxis(m_valueAxis);
    }
    m_line->setPointsVisible(true);

    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyLabel->setWordWrap(true);
    applyPalette();
    setCounts(QDate::currentDate().addDays(-6), QList<int>(7, 0));
}

SafetyTrendChart::~SafetyTrendChart() = default;

void SafetyTrendChart::setCounts(const QDate& first, const QList<int>& counts)
{
    m_first = first;
    m_counts = counts;
    QList<QPointF> points;
    QList<QPointF> base;
    int max = 0;
    for (qsizetype i = 0; i < counts.size(); ++i) {
        const qreal x = qreal(first.addDays(i).startOfDay().addSecs(12 * 3600).toMSecsSinceEpoch());
        points.append(QPointF(x, counts.at(i)));
        base.append(QPointF(x, 0));
        max = std::max(max, counts.at(i));
    }
    m_line->replace(points);
    m_upper->replace(points);
    m_base->replace(base);
    if (!counts.isEmpty()) {
        m_dateAxis->setRange(first.startOfDay().addSecs(12 * 3600),
                             first.addDays(counts.size() - 1).startOfDay().addSecs(12 * 3600));
        m_dateAxis->setTickCount(int(std::clamp<qsizetype>(counts.size(), 2, 8)));
    }
    // A round top with four intervals, so the labels stay whole numbers.
    int top = 4;
    while (top < max)
        top *= 2;
    m_valueAxis->setRange(0, top);
    m_emptyLabel->setVisible(total() == 0);
}

void SafetyTrendChart::setEmptyText(const QString& text)
{
    m_emptyLabel->setText(text);
}

int SafetyTrendChart::total() const
{
    int sum = 0;
    for (const int count : m_counts)
        sum += count;
    return sum;
}

QString SafetyTrendChart::title() const
{
    return m_chart->title();
}

void SafetyTrendChart::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void SafetyTrendChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    m_emptyLabel->setGeometry(rect().adjusted(48, 40, -16, -40));
}

void SafetyTrendChart::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor subtle = Theme::subtleText(pal);
    const QColor accent = Theme::accentColor(pal);
    QColor grid = text;
    grid.setAlphaF(0.09f);
    QColor axisLine = text;
    axisLine.setAlphaF(0.25f);
    QColor fill = accent;
    fill.setAlphaF(0.16f);

    setBackgroundBrush(pal.brush(QPalette::Base));
    m_chart->setBackgroundVisible(false);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(text);
    QPen pen(accent);
    pen.setWidthF(2.0);
    m_line->setPen(pen);
    m_line->setColor(accent);
    m_area->setPen(Qt::NoPen);
    m_area->setBrush(fill);
    for (QAbstractAxis* axis : { static_cast<QAbstractAxis*>(m_dateAxis), static_cast<QAbstractAxis*>(m_valueAxis) }) {
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
