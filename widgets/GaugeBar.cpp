#include "widgets/GaugeBar.h"

#include "widgets/Theme.h"

#include <QPainter>
#include <algorithm>

namespace aiops::widgets {

GaugeBar::GaugeBar(QWidget* parent)
    : QWidget(parent)
{
    setFixedHeight(6);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

GaugeBar::~GaugeBar() = default;

void GaugeBar::setFraction(double fraction)
{
    m_fraction = std::clamp(fraction, 0.0, 1.0);
    update();
}

void GaugeBar::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    QColor track = palette().color(QPalette::WindowText);
    track.setAlphaF(0.1f);
    painter.setBrush(track);
    const QRectF r = rect();
    painter.drawRoundedRect(r, r.height() / 2, r.height() / 2);
    if (m_fraction > 0) {
        QRectF bar = r;
        bar.setWidth(std::max(r.height(), r.width() * m_fraction));
        painter.setBrush(Theme::gaugeColor(m_fraction));
        painter.drawRoundedRect(bar, r.height() / 2, r.height() / 2);
    }
}

} // namespace aiops::widgets
