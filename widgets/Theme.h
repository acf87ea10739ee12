#pragma once

#include <QColor>
#include <QFont>
#include <QIcon>
#include <QPalette>
#include <QString>

class QAction;
class QFormLayout;
class QVBoxLayout;
class QLabel;
class QLineEdit;
class QPainter;
class QPushButton;
class QRectF;
class QStackedWidget;
class QToolButton;
class QWidget;

namespace aiops::widgets {

// Visual constants and palette-aware helpers. Everything derives from the widget's QPalette so
// the console follows the system's light or dark theme; only status and series colours are fixed,
// and they are chosen to read on both.
namespace Theme {

inline constexpr int kSpacingS = 8;
inline constexpr int kSpacingM = 12;
inline constexpr int kSpacingL = 16;
inline constexpr int kSpacingXL = 24;
inline constexpr int kCardRadius = 10;

bool isDark(const QPalette& palette);

QColor statusColor(const QString& status); // online green, offline red, maintenance amber
QColor accentColor(const QPalette& palette);
QColor seriesColor(int index);
QColor gaugeColor(double fraction); // accent below 70 %, amber below 90 %, red above
QColor severityColor(int severity); // 0 accent, 1 amber, 2 red
QColor subtleText(const QPalette& palette);
QColor warningText(const QPalette& palette); // amber with enough contrast on the window colour
QColor errorText(const QPalette& palette);
QColor cardBorder(const QPalette& palette);
QColor sidebarBackground(const QPalette& palette);

// The shape that goes with a status, so it never relies on colour alone:
// filled circle = online, ring = offline, half-filled circle = maintenance.
void paintStatusShape(QPainter* painter, const QRectF& rect, const QString& status);

// An icon from :/icons/<name>.svg drawn in `color` (the SVGs use currentColor).
QIcon icon(const QString& name, const QColor& color);
// Normal state in the palette's text colour, selected/active state in the highlighted-text colour.
QIcon paletteIcon(const QString& name, const QPalette& palette);

// Gives a push button the accent colour: the one main action of a page or dialog.
void makePrimary(QPushButton* button, const QString& iconName = {});

QFont titleFont(const QFont& base); // page titles
QFont valueFont(const QFont& base); // big numbers on cards
QFont captionFont(const QFont& base); // small labels above values

// A bold section heading inside a page or card (scale 1.0 for headings inside panels).
QLabel* sectionTitle(const QString& text, QWidget* parent, double scale = 1.1);
// A filter field: placeholder, clear button and a leading search icon. accessibleName empty: none set.
QLineEdit*
searchField(const QString& placeholder, int minimumWidth, QWidget* parent, const QString& accessibleName = {});
// A frameless scroll area added to `stack` whose background the enclosing card paints; returns the
// widget to lay the scrolled content out in.
QWidget* addScrollPage(QStackedWidget* stack);
// A dismissable line above a page's content for the result of its last action: an icon, selectable
// wrapped text and a ✕ button. Hidden until the page shows a message.
struct MessageBar
{
    QWidget* box = nullptr;
    QLabel* icon = nullptr;
    QLabel* text = nullptr; // objectName as given, for tests
};
MessageBar messageBar(QWidget* parent, const QString& objectName);
// The body of a detail panel, added to `content`: a narrower left column that starts with a form of
// label/value rows, beside a wider right column.
struct DetailColumns
{
    QVBoxLayout* left = nullptr;
    QVBoxLayout* right = nullptr;
    QFormLayout* form = nullptr; // first in left
};
DetailColumns addDetailColumns(QVBoxLayout* content);
// A flat tool button with icon and text for an action of a table toolbar.
QToolButton* toolButton(QAction* action, QWidget* parent);
// Asks before a destructive action; Cancel is the default. True when the user confirmed.
bool confirmDestructive(QWidget* parent,
                        const QString& title,
                        const QString& text,
                        const QString& informativeText,
                        const QString& actionLabel);

} // namespace Theme

} // namespace aiops::widgets
