#pragma once

#include <QWidget>

namespace aiops::widgets {

// A thin rounded progress bar in the gauge colours.
class GaugeBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GaugeBar)
public:
    explicit GaugeBar(QWidget* parent = nullptr);
    ~GaugeBar() override;
    void setFraction(double fraction);
    double fraction() const { return m_fraction; }
    QSize sizeHint() const override { return { 120, 6 }; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    double m_fraction = 0;
};

} // namespace aiops::widgets
