#pragma once

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QStyledItemDelegate>

namespace aiops::widgets {

// Draws an IAM status cell (models::AccessStatusRole) as an icon in the status colour followed by its
// word, so it never relies on colour alone: check = active/success, crossed circle = denied or
// revoked/disabled (grey), warning triangle = failure.
class AccessStatusDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessStatusDelegate)
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    ~AccessStatusDelegate() override;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QString iconName(const QString& status);
    static QColor color(const QString& status, const QPalette& palette);

private:
    QIcon tintedIcon(const QString& status, const QColor& color) const;

    mutable QHash<QString, QIcon> m_icons; // rendering an SVG per cell is too slow
};

} // namespace aiops::widgets
