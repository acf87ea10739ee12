#include "widgets/SummaryCard.h"

#include "widgets/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace aiops::widgets {

SummaryCard::SummaryCard(const QString& iconName, const QString& caption, QWidget* parent)
    : Card(parent)
    , m_iconName(iconName)
    , m_icon(new QLabel(this))
    , m_caption(new QLabel(caption, this))
    , m_value(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_gauge(new GaugeBar(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingS);

    auto* top = new QHBoxLayout;
    top->setSpacing(Theme::kSpacingS);
    top->addWidget(m_icon);
    m_caption->setFont(Theme::captionFont(font()));
    top->addWidget(m_caption, 1);
    layout->addLayout(top);

    m_value->setFont(Theme::valueFont(font()));
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    // Cards with and without a gauge keep the same height.
    QSizePolicy gaugePolicy = m_gauge->sizePolicy();
    gaugePolicy.setRetainSizeWhenHidden(true);
    m_gauge->setSizePolicy(gaugePolicy);
    m_gauge->setVisible(false);
    layout->addWidget(m_gauge);
    layout->addStretch(1);

    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setMinimumWidth(180);
    updateColors();
}

SummaryCard::~SummaryCard() = default;

void SummaryCard::setValue(const QString& value)
{
    m_value->setText(value);
}

void SummaryCard::setDetail(const QString& detail)
{
    m_detail->setText(detail);
}

void SummaryCard::setFraction(std::optional<double> fraction)
{
    m_gauge->setVisible(fraction.has_value());
    if (fraction)
        m_gauge->setFraction(*fraction);
}

QString SummaryCard::value() const
{
    return m_value->text();
}

QString SummaryCard::detail() const
{
    return m_detail->text();
}

void SummaryCard::changeEvent(QEvent* event)
{
    Card::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void SummaryCard::updateColors()
{
    const QColor accent = Theme::accentColor(palette());
    m_icon->setPixmap(Theme::icon(m_iconName, accent).pixmap(18, 18));
    for (QLabel* label : { m_caption, m_detail }) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, Theme::subtleText(palette()));
        label->setPalette(p);
    }
}

} // namespace aiops::widgets
