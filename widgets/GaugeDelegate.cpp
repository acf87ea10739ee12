#include "widgets/GaugeDelegate.h"

#include "models/ModelRoles.h"
#include "widgets/Theme.h"

#include <QApplication>
#include <QPainter>

namespace aiops::widgets {

namespace {
constexpr int kBarHeight = 4;
constexpr int kBarGap = 3;
} // namespace

GaugeDelegate::~GaugeDelegate() = default;

void GaugeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariant fractionValue = index.data(models::FractionRole);
    if (!fractionValue.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(2, 0, -4, 0);
    const int textHeight = opt.fontMetrics.height();
    const int blockHeight = textHeight + kBarGap + kBarHeight;
    const int top = area.top() + (area.height() - blockHeight) / 2;
    const QRect textRect(area.left(), top, area.width(), textHeight);
    const QRectF track(area.left(), top + textHeight + kBarGap, area.width(), kBarHeight);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(opt.font);
    painter->drawText(textRect, int(opt.displayAlignment), text);

    QColor trackColor = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    trackColor.setAlphaF(0.12f);
    painter->setPen(Qt::NoPen);
    painter->setBrush(trackColor);
    painter->drawRoundedRect(track, kBarHeight / 2.0, kBarHeight / 2.0);
    const double fraction = std::clamp(fractionValue.toDouble(), 0.0, 1.0);
    if (fraction > 0) {
        QRectF bar = track;
        bar.setWidth(std::max<qreal>(kBarHeight, track.width() * fraction));
        const QVariant severity = index.data(models::SeverityRole);
        painter->setBrush(severity.isValid() ? Theme::severityColor(severity.toInt()) : Theme::gaugeColor(fraction));
        painter->drawRoundedRect(bar, kBarHeight / 2.0, kBarHeight / 2.0);
    }
    painter->restore();
}

QSize GaugeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width() + 8, 110));
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + kBarGap + kBarHeight + 12));
    return size;
}

} // namespace aiops::widgets
