#include "widgets/StatusDelegate.h"

#include "models/ModelRoles.h"
#include "widgets/Theme.h"

#include <QApplication>
#include <QPainter>

namespace aiops::widgets {

StatusDelegate::~StatusDelegate() = default;

void StatusDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const int dot = opt.fontMetrics.height() * 2 / 3;
    const QRectF dotRect(textRect.left() + 2, textRect.center().y() - dot / 2.0 + 0.5, dot, dot);
    Theme::paintStatusShape(painter, dotRect, index.data(models::StatusRole).toString());

    painter->save();
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(opt.font);
    const QRect label = textRect.adjusted(dot + 10, 0, 0, 0);
    painter->drawText(
        label, Qt::AlignLeft | Qt::AlignVCenter, opt.fontMetrics.elidedText(text, Qt::ElideRight, label.width()));
    painter->restore();
}

QSize StatusDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += option.fontMetrics.height() + 8;
    return size;
}

} // namespace aiops::widgets
