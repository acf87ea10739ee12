#include "app/Application.h"

#include <QApplication>
#include <QIcon>
#include <QSocketNotifier>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalFd[2] = { -1, -1 };

void onTerminationSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFd[1], &c, 1);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AIOps"));
    QApplication::setApplicationName(QStringLiteral("AIOps Console"));
    QApplication::setApplicationVersion(QStringLiteral(AIOPS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("aiops-console"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));

    // SIGTERM/SIGINT quit through the event loop, so the local node says goodbye, the controller
    // flushes its batched status and the window geometry is saved.
    std::unique_ptr<QSocketNotifier> notifier;
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) == 0) {
        notifier = std::make_unique<QSocketNotifier>(g_signalFd[0], QSocketNotifier::Read);
        QObject::connect(notifier.get(), &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
        std::signal(SIGTERM, onTerminationSignal);
        std::signal(SIGINT, onTerminationSignal);
    }

    aiops::app::Application application;
    return application.run(QApplication::arguments());
}
