#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace aiops::widgets {

// Draws a severity cell as a shape in the severity's colour followed by its word, so severity never
// relies on colour alone: ring = low, half-filled = medium, filled = high, filled triangle = critical.
// Reads models::SeverityNameRole.
class SafetySeverityDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetySeverityDelegate)
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ~SafetySeverityDelegate() override;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // low blue, medium amber, high orange, critical red: readable on light and dark palettes.
    static QColor color(const QString& severity);
    static void paintShape(QPainter* painter, const QRectF& rect, const QString& severity);
};

} // namespace aiops::widgets
