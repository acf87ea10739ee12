#include "widgets/AccessStatusDelegate.h"

#include "models/IamRoles.h"
#include "widgets/Theme.h"

#include <QApplication>
#include <QPainter>

namespace aiops::widgets {

AccessStatusDelegate::~AccessStatusDelegate() = default;

QString AccessStatusDelegate::iconName(const QString& status)
{
    if (status == QLatin1String("active") || status == QLatin1String("success"))
        return QStringLiteral("check");
    if (status == QLatin1String("failure"))
        return QStringLiteral("alert");
    return QStringLiteral("reject");
}

QColor AccessStatusDelegate::color(const QString& status, const QPalette& palette)
{
    if (status == QLatin1String("active") || status == QLatin1String("success"))
        return Theme::statusColor(QStringLiteral("online"));
    if (status == QLatin1String("failure"))
        return Theme::severityColor(1);
    if (status == QLatin1String("denied"))
        return Theme::severityColor(2);
    return Theme::subtleText(palette);
}

QIcon AccessStatusDelegate::tintedIcon(const QString& status, const QColor& color) const
{
    const QString key = iconName(status) + QLatin1Char(' ') + color.name(QColor::HexArgb);
    auto it = m_icons.find(key);
    if (it == m_icons.end())
        it = m_icons.insert(key, Theme::icon(iconName(status), color));
    return it.value();
}

void AccessStatusDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QString status = index.data(models::AccessStatusRole).toString();
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const int size = opt.fontMetrics.height();
    const QRect iconRect(textRect.left() + 1, textRect.center().y() - size / 2 + 1, size, size);
    const bool selected = opt.state & QStyle::State_Selected;
    const QColor tint = selected ? opt.palette.color(QPalette::HighlightedText) : color(status, opt.palette);
    tintedIcon(status, tint).paint(painter, iconRect);

    painter->save();
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(opt.font);
    const QRect label = textRect.adjusted(size + 8, 0, 0, 0);
    painter->drawText(
        label, Qt::AlignLeft | Qt::AlignVCenter, opt.fontMetrics.elidedText(text, Qt::ElideRight, label.width()));
    painter->restore();
}

QSize AccessStatusDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += option.fontMetrics.height() + 8;
    return size;
}

} // namespace aiops::widgets
