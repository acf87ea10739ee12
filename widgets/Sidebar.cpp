#include "widgets/Sidebar.h"

#include "widgets/Theme.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

Sidebar::Sidebar(QWidget* parent)
    : QWidget(parent)
    , m_logo(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_settings(new QToolButton(this))
{
    setFixedWidth(216);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingM);
    layout->setSpacing(Theme::kSpacingS);

    auto* brand = new QHBoxLayout;
    brand->setContentsMargins(Theme::kSpacingS, 0, 0, Theme::kSpacingM);
    brand->setSpacing(Theme::kSpacingS + 2);
    m_logo->setPixmap(QIcon(QStringLiteral(":/icons/app.svg")).pixmap(28, 28));
    brand->addWidget(m_logo);
    auto* name = new QLabel(tr("AIOps Console"), this);
    QFont nameFont = font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.15);
    nameFont.setWeight(QFont::DemiBold);
    name->setFont(nameFont);
    brand->addWidget(name, 1);
    layout->addLayout(brand);

    m_list->setObjectName(QStringLiteral("navigation"));
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setIconSize(QSize(20, 20));
    m_list->setSpacing(2);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setAttribute(Qt::WA_MacShowFocusRect, false);
    m_list->setStyleSheet(QStringLiteral(
        "QListWidget#navigation { background: transparent; outline: 0; }"
        "QListWidget#navigation::item { padding: 8px 10px; border-radius: 6px; }"
        "QListWidget#navigation::item:hover:!selected { background: palette(midlight); }"
        "QListWidget#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }"));
    layout->addWidget(m_list, 1);

    m_settings->setText(tr("Settings"));
    m_settings->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_settings->setAutoRaise(true);
    m_settings->setIconSize(QSize(18, 18));
    m_settings->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    layout->addWidget(m_settings);

    connect(m_list, &QListWidget::currentRowChanged, this, &Sidebar::currentPageChanged);
    connect(m_settings, &QToolButton::clicked, this, &Sidebar::settingsRequested);
    updateIcons();
}

Sidebar::~Sidebar() = default;

void Sidebar::addPage(const QString& iconName, const QString& text)
{
    auto* item = new QListWidgetItem(Theme::paletteIcon(iconName, palette()), text, m_list);
    item->setSizeHint(QSize(0, fontMetrics().height() + 20));
    m_iconNames.append(iconName);
    if (m_list->currentRow() < 0)
        m_list->setCurrentRow(0);
}

void Sidebar::setCurrentPage(int index)
{
    m_list->setCurrentRow(index);
}

int Sidebar::currentPage() const
{
    return m_list->currentRow();
}

QStringList Sidebar::pageTitles() const
{
    QStringList titles;
    for (int i = 0; i < m_list->count(); ++i)
        titles << m_list->item(i)->text();
    return titles;
}

void Sidebar::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    painter.fillRect(rect(), Theme::sidebarBackground(palette()));
    painter.setPen(Theme::cardBorder(palette()));
    painter.drawLine(rect().topRight(), rect().bottomRight());
}

void Sidebar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons();
}

void Sidebar::updateIcons()
{
    for (int i = 0; i < m_list->count() && i < m_iconNames.size(); ++i)
        m_list->item(i)->setIcon(Theme::paletteIcon(m_iconNames.at(i), palette()));
    m_settings->setIcon(Theme::paletteIcon(QStringLiteral("settings"), palette()));
}

} // namespace aiops::widgets
