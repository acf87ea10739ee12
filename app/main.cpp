#include "app/Application.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AIOps"));
    QApplication::setApplicationName(QStringLiteral("AIOps Console"));
    QApplication::setApplicationVersion(QStringLiteral(AIOPS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("aiops-console"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));

    aiops::app::Application application;
    return application.run(QApplication::arguments());
}
