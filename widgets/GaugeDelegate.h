#pragma once

#include <QStyledItemDelegate>

namespace aiops::widgets {

// Draws the cell text with a thin bar under it from models::FractionRole (0..1); cells without a
// fraction are drawn as plain text.
class GaugeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GaugeDelegate)
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ~GaugeDelegate() override;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace aiops::widgets
