#pragma once

#include <QColor>
#include <QDir>
#include <QPalette>
#include <QString>

// Shared by the widget tests: where screenshots go, and the dark palette they are also taken in.
namespace aiops::testing {

// A PNG path in the build directory.
inline QString screenshotPath(const QString& name)
{
    return QDir(QStringLiteral(AIOPS_BUILD_DIR)).filePath(name);
}

// A dark palette like a desktop dark theme gives, to check every page in both.
inline QPalette darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x1e, 0x20, 0x24));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe8, 0xeb));
    dark.setColor(QPalette::Base, QColor(0x26, 0x29, 0x2e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2c, 0x2f, 0x35));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe8, 0xeb));
    dark.setColor(QPalette::Button, QColor(0x2c, 0x2f, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe8, 0xeb));
    dark.setColor(QPalette::Highlight, QColor(0x3b, 0x82, 0xf6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::Midlight, QColor(0x34, 0x38, 0x3f));
    dark.setColor(QPalette::Mid, QColor(0x44, 0x48, 0x50));
    dark.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x90, 0x99));
    return dark;
}

} // namespace aiops::testing
