#pragma once

#include "widgets/Card.h"
#include "widgets/GaugeBar.h"

#include <optional>

class QLabel;

namespace aiops::widgets {

// A dashboard card: icon + caption, one big value, a detail line and an optional gauge.
class SummaryCard final : public Card
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryCard)
public:
    SummaryCard(const QString& iconName, const QString& caption, QWidget* parent = nullptr);
    ~SummaryCard() override;

    void setValue(const QString& value);
    void setDetail(const QString& detail);
    void setFraction(std::optional<double> fraction); // nullopt hides the gauge
    QString value() const;
    QString detail() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateColors();

    QString m_iconName;
    QLabel* m_icon;
    QLabel* m_caption;
    QLabel* m_value;
    QLabel* m_detail;
    GaugeBar* m_gauge;
};

} // namespace aiops::widgets
