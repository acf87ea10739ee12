#include "widgets/Theme.h"

#include <QAction>
#include <QCoreApplication>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QSvgRenderer>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets::Theme {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor statusColor(const QString& status)
{
    if (status == QLatin1String("online"))
        return QColor(0x22, 0xa0, 0x5a);
    if (status == QLatin1String("maintenance"))
        return QColor(0xe0, 0x9a, 0x1a);
    if (status == QLatin1String("offline"))
        return QColor(0xdc, 0x4a, 0x4a);
    return QColor(0x8a, 0x8f, 0x98);
}

QColor accentColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x60, 0xa5, 0xfa) : QColor(0x25, 0x63, 0xeb);
}

QColor seriesColor(int index)
{
    static const QColor colors[] = {
        QColor(0x3b, 0x82, 0xf6), QColor(0x10, 0xb9, 0x81), QColor(0xf5, 0x9e, 0x0b), QColor(0xef, 0x44, 0x44),
        QColor(0x8b, 0x5c, 0xf6), QColor(0x06, 0xb6, 0xd4), QColor(0xec, 0x48, 0x99), QColor(0x84, 0xcc, 0x16),
    };
    return colors[index % int(std::size(colors))];
}

QColor gaugeColor(double fraction)
{
    return severityColor(fraction >= 0.9 ? 2 : fraction >= 0.7 ? 1 : 0);
}

QColor severityColor(int severity)
{
    if (severity >= 2)
        return QColor(0xdc, 0x4a, 0x4a);
    if (severity == 1)
        return QColor(0xe0, 0x9a, 0x1a);
    return QColor(0x3b, 0x82, 0xf6);
}

QColor subtleText(const QPalette& palette)
{
    QColor text = palette.color(QPalette::WindowText);
    text.setAlphaF(0.62f);
    return text;
}

QColor warningText(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x5b, 0x00);
}

QColor errorText(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xf8, 0x71, 0x71) : QColor(0xb9, 0x1c, 0x1c);
}

QColor cardBorder(const QPalette& palette)
{
    QColor c = palette.color(QPalette::WindowText);
    c.setAlphaF(isDark(palette) ? 0.16f : 0.12f);
    return c;
}

QColor sidebarBackground(const QPalette& palette)
{
    const QColor window = palette.color(QPalette::Window);
    return isDark(palette) ? window.lighter(112) : window.darker(104);
}

void paintStatusShape(QPainter* painter, const QRectF& rect, const QString& status)
{
    const QColor color = statusColor(status);
    const qreal d = std::min(rect.width(), rect.height());
    const QRectF circle(rect.center().x() - d / 2, rect.center().y() - d / 2, d, d);
    const qreal pen = std::max<qreal>(1.5, d / 6);
    const QRectF inner = circle.adjusted(pen / 2, pen / 2, -pen / 2, -pen / 2);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (status == QLatin1String("online")) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawEllipse(circle);
    } else if (status == QLatin1String("maintenance")) {
        painter->setPen(QPen(color, pen));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(inner);
        QPainterPath half;
        half.moveTo(inner.center());
        half.arcTo(inner, 90, 180);
        half.closeSubpath();
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawPath(half);
    } else {
        painter->setPen(QPen(color, pen));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(inner);
    }
    painter->restore();
}

static QPixmap renderSvg(const QByteArray& svg, int size, qreal dpr)
{
    QSvgRenderer renderer(svg);
    QPixmap pixmap(int(size * dpr), int(size * dpr));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    renderer.render(&painter);
    painter.end();
    pixmap.setDevicePixelRatio(dpr);
    return pixmap;
}

static QByteArray tinted(const QString& name, const QColor& color)
{
    QFile file(QStringLiteral(":/icons/%1.svg").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    svg.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
    return svg;
}

static void addPixmaps(QIcon& icon, const QByteArray& svg, QIcon::Mode mode)
{
    if (svg.isEmpty())
        return;
    for (const int size : { 16, 20, 24, 32, 48, 64 }) {
        icon.addPixmap(renderSvg(svg, size, 1.0), mode);
        icon.addPixmap(renderSvg(svg, size, 2.0), mode);
    }
}

QIcon icon(const QString& name, const QColor& color)
{
    QIcon result;
    addPixmaps(result, tinted(name, color), QIcon::Normal);
    return result;
}

QIcon paletteIcon(const QString& name, const QPalette& palette)
{
    QIcon result;
    addPixmaps(result, tinted(name, palette.color(QPalette::WindowText)), QIcon::Normal);
    addPixmaps(result, tinted(name, palette.color(QPalette::HighlightedText)), QIcon::Selected);
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    const QColor disabled = QColor::fromRgbF((text.redF() + window.redF() * 2) / 3,
                                             (text.greenF() + window.greenF() * 2) / 3,
                                             (text.blueF() + window.blueF() * 2) / 3);
    addPixmaps(result, tinted(name, disabled), QIcon::Disabled);
    return result;
}

void makePrimary(QPushButton* button, const QString& iconName)
{
    const QPalette p = button->palette();
    const QColor accent = accentColor(p);
    const QColor text = isDark(p) ? QColor(0x0b, 0x12, 0x20) : QColor(Qt::white);
    const QColor hover = isDark(p) ? accent.lighter(110) : accent.darker(110);
    button->setStyleSheet(
        QStringLiteral("QPushButton { background-color: %1; color: %2; border: none; border-radius: 6px;"
                       " padding: 6px 14px; font-weight: 600; }"
                       "QPushButton:hover { background-color: %3; }"
                       "QPushButton:pressed { background-color: %3; padding-top: 7px; }"
                       "QPushButton:focus { outline: none; border: 2px solid %4; padding: 4px 12px; }"
                       // A disabled primary action must not look clickable (role-gated buttons).
                       "QPushButton:disabled { background-color: %5; color: %6; }")
            .arg(accent.name(),
                 text.name(),
                 hover.name(),
                 p.color(QPalette::Highlight).lighter(140).name(),
                 p.color(QPalette::Disabled, QPalette::Button).name(),
                 p.color(QPalette::Disabled, QPalette::ButtonText).name()));
    if (!iconName.isEmpty())
        button->setIcon(icon(iconName, text));
    button->setCursor(Qt::PointingHandCursor);
}

QFont titleFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 1.6);
    f.setWeight(QFont::DemiBold);
    return f;
}

QFont valueFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 1.9);
    f.setWeight(QFont::DemiBold);
    return f;
}

QFont captionFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.92);
    f.setWeight(QFont::Medium);
    return f;
}

QLineEdit* searchField(const QString& placeholder, int minimumWidth, QWidget* parent, const QString& accessibleName)
{
    auto* edit = new QLineEdit(parent);
    edit->setPlaceholderText(placeholder);
    if (!accessibleName.isEmpty())
        edit->setAccessibleName(accessibleName);
    edit->setClearButtonEnabled(true);
    edit->addAction(paletteIcon(QStringLiteral("search"), parent->palette()), QLineEdit::LeadingPosition);
    edit->setMinimumWidth(minimumWidth);
    return edit;
}

QWidget* addScrollPage(QStackedWidget* stack)
{
    auto* scroll = new QScrollArea(stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->viewport()->setAutoFillBackground(false);
    auto* content = new QWidget;
    scroll->setWidget(content);
    content->setAutoFillBackground(false); // setWidget() turned it on; the card paints the background
    stack->addWidget(scroll);
    return content;
}

DetailColumns addDetailColumns(QVBoxLayout* content)
{
    DetailColumns columns;
    auto* body = new QHBoxLayout;
    body->setSpacing(kSpacingXL);
    content->addLayout(body, 1);
    columns.left = new QVBoxLayout;
    columns.left->setSpacing(kSpacingS);
    body->addLayout(columns.left, 2);
    columns.right = new QVBoxLayout;
    columns.right->setSpacing(kSpacingS);
    body->addLayout(columns.right, 3);
    columns.form = new QFormLayout;
    columns.form->setHorizontalSpacing(kSpacingL);
    columns.form->setVerticalSpacing(kSpacingS);
    columns.form->setLabelAlignment(Qt::AlignLeft);
    columns.form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    columns.left->addLayout(columns.form);
    return columns;
}

MessageBar messageBar(QWidget* parent, const QString& objectName)
{
    MessageBar bar;
    bar.box = new QWidget(parent);
    auto* layout = new QHBoxLayout(bar.box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(kSpacingS);
    bar.icon = new QLabel(bar.box);
    layout->addWidget(bar.icon, 0, Qt::AlignTop);
    bar.text = new QLabel(bar.box);
    bar.text->setObjectName(objectName);
    bar.text->setWordWrap(true);
    bar.text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(bar.text, 1);
    auto* close = new QToolButton(bar.box);
    close->setAutoRaise(true);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(QCoreApplication::translate("aiops::widgets::Theme", "Dismiss"));
    QObject::connect(close, &QToolButton::clicked, bar.box, &QWidget::hide);
    layout->addWidget(close, 0, Qt::AlignTop);
    bar.box->setVisible(false);
    return bar;
}

QLabel* sectionTitle(const QString& text, QWidget* parent, double scale)
{
    auto* label = new QLabel(text, parent);
    QFont f = label->font();
    f.setWeight(QFont::DemiBold);
    if (scale != 1.0)
        f.setPointSizeF(f.pointSizeF() * scale);
    label->setFont(f);
    return label;
}

QToolButton* toolButton(QAction* action, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}

bool confirmDestructive(QWidget* parent,
                        const QString& title,
                        const QString& text,
                        const QString& informativeText,
                        const QString& actionLabel)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Cancel, parent);
    box.setInformativeText(informativeText);
    QPushButton* confirm = box.addButton(actionLabel, QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == confirm;
}

} // namespace aiops::widgets::Theme
