#include "widgets/PageHeader.h"

#include "widgets/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace aiops::widgets {

PageHeader::PageHeader(const QString& title, const QString& subtitle, QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_subtitle(new QLabel(subtitle, this))
    , m_actions(new QHBoxLayout)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingM);
    auto* text = new QVBoxLayout;
    text->setSpacing(2);
    m_title->setFont(Theme::titleFont(font()));
    m_title->setAccessibleName(title);
    text->addWidget(m_title);
    text->addWidget(m_subtitle);
    layout->addLayout(text, 1);
    m_actions->setSpacing(Theme::kSpacingS);
    layout->addLayout(m_actions);
    updateColors();
}

PageHeader::~PageHeader() = default;

void PageHeader::setSubtitle(const QString& subtitle)
{
    m_subtitle->setText(subtitle);
}

void PageHeader::addAction(QWidget* widget)
{
    m_actions->addWidget(widget, 0, Qt::AlignBottom);
}

void PageHeader::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void PageHeader::updateColors()
{
    QPalette p = m_subtitle->palette();
    p.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    m_subtitle->setPalette(p);
}

} // namespace aiops::widgets
