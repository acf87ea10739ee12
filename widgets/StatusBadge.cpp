#include "widgets/StatusBadge.h"

#include "models/Format.h"
#include "widgets/Theme.h"

#include <QPainter>

namespace aiops::widgets {

namespace {
constexpr int kPadX = 10;
constexpr int kGap = 6;
} // namespace

StatusBadge::StatusBadge(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

StatusBadge::~StatusBadge() = default;

void StatusBadge::setStatus(const QString& status)
{
    if (status == m_status)
        return;
    m_status = status;
    setAccessibleName(text());
    updateGeometry();
    update();
}

QString StatusBadge::text() const
{
    return models::Format::statusText(m_status);
}

QSize StatusBadge::sizeHint() const
{
    const QFontMetrics fm(font());
    const int h = fm.height() + 8;
    const int dot = fm.height() * 2 / 3;
    return { kPadX + dot + kGap + fm.horizontalAdvance(text()) + kPadX, h };
}

void StatusBadge::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor color = Theme::statusColor(m_status);
    QColor fill = color;
    fill.setAlphaF(0.14f);
    const QRectF pill = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);

    const QFontMetrics fm(font());
    const int dot = fm.height() * 2 / 3;
    const QRectF dotRect(kPadX, (height() - dot) / 2.0, dot, dot);
    Theme::paintStatusShape(&painter, dotRect, m_status);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(
        QRect(kPadX + dot + kGap, 0, width() - kPadX - dot - kGap, height()), Qt::AlignLeft | Qt::AlignVCenter, text());
}

} // namespace aiops::widgets
