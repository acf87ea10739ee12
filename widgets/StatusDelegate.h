#pragma once

#include <QStyledItemDelegate>

namespace aiops::widgets {

// Draws a status cell as its shape followed by the status word (models::StatusRole + DisplayRole).
class StatusDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusDelegate)
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ~StatusDelegate() override;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace aiops::widgets
