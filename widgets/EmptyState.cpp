#include "widgets/EmptyState.h"

#include "widgets/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace aiops::widgets {

EmptyState::EmptyState(const QString& iconName, QWidget* parent)
    : QWidget(parent)
    , m_iconName(iconName)
    , m_image(new QLabel(this))
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_button(new QPushButton(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL);
    layout->setSpacing(Theme::kSpacingM);
    layout->addStretch(1);
    m_image->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_image);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setObjectName(QStringLiteral("emptyTitle"));
    layout->addWidget(m_title);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setMaximumWidth(480);
    // Centred through stretches rather than an alignment flag, which would lose the label's
    // height-for-width and clip the wrapped text.
    auto* messageRow = new QHBoxLayout;
    messageRow->addStretch(1);
    messageRow->addWidget(m_message, 4);
    messageRow->addStretch(1);
    layout->addLayout(messageRow);
    m_button->setVisible(false);
    m_button->setDefault(true);
    layout->addSpacing(Theme::kSpacingS);
    layout->addWidget(m_button, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    connect(m_button, &QPushButton::clicked, this, &EmptyState::actionTriggered);
    updateIcons();
}

EmptyState::~EmptyState() = default;

void EmptyState::setTitle(const QString& title)
{
    m_title->setText(title);
}

void EmptyState::setMessage(const QString& message)
{
    m_message->setText(message);
}

void EmptyState::setAction(const QString& text, const QString& iconName)
{
    m_button->setText(text);
    m_actionIconName = iconName;
    m_button->setVisible(!text.isEmpty());
    updateIcons();
}

void EmptyState::setCompact(bool compact)
{
    m_iconSize = compact ? 40 : 96;
    const int margin = compact ? Theme::kSpacingS : Theme::kSpacingXL;
    layout()->setContentsMargins(margin, margin, margin, margin);
    static_cast<QVBoxLayout*>(layout())->setSpacing(compact ? Theme::kSpacingS : Theme::kSpacingM);
    // A compact message is one short line; unwrapped, it also keeps a scroll area around the card
    // from laying out by height-for-width.
    m_message->setWordWrap(!compact);
    m_message->setMaximumWidth(compact ? QWIDGETSIZE_MAX : 480);
    updateIcons();
}

void EmptyState::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons();
}

void EmptyState::updateIcons()
{
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    m_message->setPalette(p);
    const QColor art = Theme::accentColor(palette());
    m_image->setPixmap(Theme::icon(m_iconName, art).pixmap(m_iconSize, m_iconSize));
    if (!m_actionIconName.isEmpty())
        Theme::makePrimary(m_button, m_actionIconName);
}

} // namespace aiops::widgets
