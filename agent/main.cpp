// aiops-agent: the agent runtime process the controller starts for each agent (see the agent runtime wire contract).
// Argument parsing, signal handling and wiring of core/agents; no logic of its own.

#include "core/agents/AgentConfig.h"
#include "core/agents/AgentRuntime.h"
#include "core/safety/RedactingLogHandler.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr int ExitUsage = 2; // the supervisor does not restart on this code
constexpr int ExitFailure = 1;

// Self-pipe: the handler only writes one byte; the event loop does the rest.
int g_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, g_signalFds) != 0) {
        return false;
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0;
}

void fail(const QString& message)
{
    std::fprintf(stderr, "aiops-agent: %s\n", qUtf8Printable(message));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("aiops-agent"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIOPS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("AIOps agent runtime: answers the conversations of one agent with an LLM and MCP tools."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configOption(
        QStringLiteral("config"), QStringLiteral("The agent's configuration file (JSON)."), QStringLiteral("path"));
    parser.addOption(configOption);
    if (!parser.parse(QCoreApplication::arguments())) {
        fail(parser.errorText());
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        parser.showVersion();
    }
    if (parser.isSet(QStringLiteral("help"))) {
        parser.showHelp(0);
    }
    if (!parser.isSet(configOption)) {
        fail(QStringLiteral("--config <path> is required"));
        return ExitUsage;
    }

    auto config = aiops::agents::AgentConfig::load(parser.value(configOption));
    if (!config) {
        const aiops::Error& error = config.error();
        fail(QStringLiteral("bad config %1: %2 (%3)").arg(parser.value(configOption), error.message, error.codeName()));
        return ExitUsage;
    }

    // Seed 004's DEBUG_REDACTED_MODE, as in the controller and the node daemon: log lines are masked (tokens, API
    // keys, PII) before they reach stderr, which the controller captures.
    if (auto installed = aiops::safety::RedactingLogHandler::install({}); !installed) {
        fail(installed.error().message);
        return ExitFailure;
    }

    if (!installSignalHandlers()) {
        fail(QStringLiteral("cannot install signal handlers"));
        return ExitFailure;
    }

    aiops::agents::AgentRuntime runtime(std::move(*config));
    QObject::connect(&runtime, &aiops::agents::AgentRuntime::stopped, &app, &QCoreApplication::quit);
    QSocketNotifier signalNotifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &runtime, [&runtime] {
        char byte = 0;
        while (::read(g_signalFds[1], &byte, 1) > 0) { }
        runtime.shutdown();
    });
    runtime.start();
    return app.exec();
}
