#include "widgets/SafetySeverityDelegate.h"

#include "models/SafetyRoles.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace aiops::widgets {

SafetySeverityDelegate::~SafetySeverityDelegate() = default;

QColor SafetySeverityDelegate::color(const QString& severity)
{
    if (severity == QLatin1String("low"))
        return QColor(0x3b, 0x82, 0xf6);
    if (severity == QLatin1String("medium"))
        return QColor(0xe0, 0x9a, 0x1a);
    if (severity == QLatin1String("high"))
        return QColor(0xea, 0x6a, 0x1c);
    if (severity == QLatin1String("critical"))
        return QColor(0xdc, 0x3c, 0x3c);
    return QColor(0x8a, 0x8f, 0x98);
}

void SafetySeverityDelegate::paintShape(QPainter* painter, const QRectF& rect, const QString& severity)
{
    const QColor c = color(severity);
    const qreal d = std::min(rect.width(), rect.height());
    const QRectF box(rect.center().x() - d / 2, rect.center().y() - d / 2, d, d);
    const qreal pen = std::max<qreal>(1.5, d / 6);
    const QRectF inner = box.adjusted(pen / 2, pen / 2, -pen / 2, -pen / 2);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (severity == QLatin1String("critical")) {
        QPainterPath triangle;
        triangle.moveTo(box.center().x(), box.top());
        triangle.lineTo(box.right() + d * 0.08, box.bottom());
        triangle.lineTo(box.left() - d * 0.08, box.bottom());
        triangle.closeSubpath();
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawPath(triangle);
    } else if (severity == QLatin1String("high")) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawEllipse(box);
    } else if (severity == QLatin1String("medium")) {
        painter->setPen(QPen(c, pen));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(inner);
        QPainterPath half;
        half.moveTo(inner.center());
        half.arcTo(inner, 90, 180);
        half.closeSubpath();
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawPath(half);
    } else {
        painter->setPen(QPen(c, pen));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(inner);
    }
    painter->restore();
}

void SafetySeverityDelegate::paint(QPainter* painter,
                                   const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const int shape = opt.fontMetrics.height() * 2 / 3;
    const QRectF shapeRect(textRect.left() + 2, textRect.center().y() - shape / 2.0 + 0.5, shape, shape);
    paintShape(painter, shapeRect, index.data(models::SeverityNameRole).toString());

    painter->save();
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(opt.font);
    const QRect label = textRect.adjusted(shape + 10, 0, 0, 0);
    painter->drawText(
        label, Qt::AlignLeft | Qt::AlignVCenter, opt.fontMetrics.elidedText(text, Qt::ElideRight, label.width()));
    painter->restore();
}

QSize SafetySeverityDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += option.fontMetrics.height() + 8;
    return size;
}

} // namespace aiops::widgets
