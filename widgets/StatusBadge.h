#pragma once

#include <QWidget>

namespace aiops::widgets {

// A node status as shape + word ("● Online", "○ Offline", "◐ Maintenance"), never colour alone.
class StatusBadge final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadge)
public:
    explicit StatusBadge(QWidget* parent = nullptr);
    ~StatusBadge() override;

    void setStatus(const QString& status); // online | offline | maintenance
    QString status() const { return m_status; }
    QString text() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_status;
};

} // namespace aiops::widgets
