// aiops-node: argument parsing and wiring of the core/daemon services; no logic of its own.

#include "core/daemon/ContainerRuntime.h"
#include "core/daemon/ControllerPin.h"
#include "core/daemon/DeploymentAgent.h"
#include "core/daemon/DeploymentExecutor.h"
#include "core/daemon/ExitCodes.h"
#include "core/daemon/GpuProbeChain.h"
#include "core/daemon/ModelCache.h"
#include "core/daemon/ModelCacheAgent.h"
#include "core/daemon/NodeClient.h"
#include "core/daemon/NodeHttpServer.h"
#include "core/daemon/NodeIdentity.h"
#include "core/daemon/NodeInferenceProxy.h"
#include "core/daemon/PortAllocator.h"
#include "core/daemon/SystemProbe.h"
#include "core/net/CurlClient.h"
#include "core/safety/RedactingLogHandler.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostInfo>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using aiops::daemon::ExitFailure;
using aiops::daemon::ExitUsage;

// Self-pipe: the handler only writes one byte; the event loop does the rest.
int g_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, g_signalFds) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 && ::sigaction(SIGINT, &action, nullptr) == 0;
}

// Printed directly rather than logged, but masked the same way: paths name the user, URLs may
// carry credentials.
QString masked(const QString& text)
{
    using aiops::safety::RedactingLogHandler;
    return RedactingLogHandler::redactionEnabled() ? RedactingLogHandler::maskSecrets(text) : text;
}

void fail(const QString& message)
{
    std::fprintf(stderr, "aiops-node: %s\n", qUtf8Printable(masked(message)));
}

// A token file must not be readable by others, as with ssh keys.
std::optional<QString> readTokenFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(QStringLiteral("cannot read token file %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (file.permissions() & others) {
        fail(QStringLiteral("token file %1 is accessible by other users; chmod 600 it").arg(path));
        return std::nullopt;
    }
    return QString::fromUtf8(file.read(64 * 1024)).trimmed();
}

} // namespace

int main(int argc, char* argv[])
{
    using namespace aiops::daemon;

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("aiops-node"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIOPS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("AIOps node daemon: reports this machine's GPUs to a controller."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption controllerOption(QStringLiteral("controller"),
                                              QStringLiteral("Controller WebSocket URL, e.g. ws://host:8750/ws/node."),
                                              QStringLiteral("url"));
    const QCommandLineOption tokenOption(
        QStringLiteral("token"),
        QStringLiteral("Node token (else --token-file, else the AIOPS_NODE_TOKEN environment variable)."),
        QStringLiteral("token"));
    const QCommandLineOption tokenFileOption(QStringLiteral("token-file"),
                                             QStringLiteral("File holding the node token (mode 0600)."),
                                             QStringLiteral("path"));
    const QCommandLineOption nameOption(QStringLiteral("name"),
                                        QStringLiteral("Node name shown in the console (default: host name)."),
                                        QStringLiteral("name"));
    const QCommandLineOption intervalOption(QStringLiteral("heartbeat-interval"),
                                            QStringLiteral("Seconds between heartbeats (default 2)."),
                                            QStringLiteral("seconds"),
                                            QStringLiteral("2"));
    const QCommandLineOption workDirOption(QStringLiteral("work-dir"),
                                           QStringLiteral("Working directory: node id, model cache "
                                                          "(default ~/.local/share/aiops-node)."),
                                           QStringLiteral("dir"));
    const QCommandLineOption httpPortOption(QStringLiteral("http-port"),
                                            QStringLiteral("Local HTTP port on 127.0.0.1 (default 0: any free port)."),
                                            QStringLiteral("port"),
                                            QStringLiteral("0"));
    const QCommandLineOption fingerprintOption(
        QStringLiteral("controller-fingerprint"),
        QStringLiteral("SHA-256 fingerprint of the controller's TLS certificate (wss://), as the console shows it; "
                       "without it the first certificate seen is trusted and pinned."),
        QStringLiteral("sha256"));
    const QCommandLineOption localOption(QStringLiteral("local"),
                                         QStringLiteral("Mark this node as the console's local node."));
    const QCommandLineOption logFileOption(
        QStringLiteral("log-file"),
        QStringLiteral("Also append log lines to this file (redacted unless DEBUG_REDACTED_MODE=0)."),
        QStringLiteral("path"));
    const QCommandLineOption cacheDirOption(QStringLiteral("cache-dir"),
                                            QStringLiteral("Model cache directory (default <work-dir>/model-cache)."),
                                            QStringLiteral("dir"));
    const QCommandLineOption cacheSizeOption(
        QStringLiteral("cache-size-gb"),
        QStringLiteral("Most disk the model cache may use; least recently used models go first (default 200)."),
        QStringLiteral("GiB"),
        QStringLiteral("200"));
    const QCommandLineOption containerSocketOption(
        QStringLiteral("container-socket"),
        QStringLiteral("Docker Engine API socket of Docker or Podman (default: the first of %1 that exists).")
            .arg(aiops::daemon::ContainerRuntime::defaultSocketCandidates().join(QStringLiteral(", "))),
        QStringLiteral("path"));
    const QCommandLineOption portRangeOption(
        QStringLiteral("port-range"),
        QStringLiteral("Loopback ports handed to inference containers (default 20000-20999)."),
        QStringLiteral("first-last"),
        QStringLiteral("20000-20999"));
    const QCommandLineOption allowlistOption(
        QStringLiteral("image-allowlist"),
        QStringLiteral("JSON file of the images containers may run (default: the built-in worker image allowlist)."),
        QStringLiteral("path"));
    const QCommandLineOption proxyListenOption(
        QStringLiteral("proxy-listen"),
        QStringLiteral("Address of the inference proxy the controller forwards requests to (default: 127.0.0.1 "
                       "when the controller is on this machine, else every interface; requests must carry the "
                       "secret this node gives the controller)."),
        QStringLiteral("address"));
    const QCommandLineOption proxyPortOption(QStringLiteral("proxy-port"),
                                             QStringLiteral("Port of the inference proxy (default 0: any free port)."),
                                             QStringLiteral("port"),
                                             QStringLiteral("0"));
    parser.addOptions({ cacheDirOption,
                        cacheSizeOption,
                        containerSocketOption,
                        portRangeOption,
                        allowlistOption,
                        proxyListenOption,
                        proxyPortOption });
    parser.addOptions({ controllerOption,
                        tokenOption,
                        tokenFileOption,
                        nameOption,
                        intervalOption,
                        workDirOption,
                        httpPortOption,
                        localOption,
                        fingerprintOption,
                        logFileOption });
    parser.process(app);

    // Seed 004's DEBUG_REDACTED_MODE, on unless the environment turns it off. The daemon uses the
    // same handler as the controller (default PII patterns plus secret and path masks): it links
    // aiops_safety, which is core-only (no GUI), and one implementation means one set of tests.
    // Its line format is the one this daemon always had: "time level category: message".
    aiops::safety::RedactingLogHandler::Options logOptions;
    logOptions.logFilePath = parser.value(logFileOption);
    if (auto installed = aiops::safety::RedactingLogHandler::install(logOptions); !installed) {
        fail(installed.error().message);
        return ExitFailure;
    }

    NodeClient::Options options;
    options.controllerUrl = QUrl(parser.value(controllerOption), QUrl::StrictMode);
    if (!parser.isSet(controllerOption)) {
        fail(QStringLiteral("--controller URL is required (e.g. ws://127.0.0.1:8750/ws/node)"));
        return ExitUsage;
    }
    const QString scheme = options.controllerUrl.scheme();
    if (!options.controllerUrl.isValid() || (scheme != u"ws" && scheme != u"wss")
        || options.controllerUrl.host().isEmpty()) {
        fail(QStringLiteral("--controller must be a ws:// or wss:// URL, got \"%1\"")
                 .arg(parser.value(controllerOption)));
        return ExitUsage;
    }

    if (parser.isSet(tokenOption)) {
        options.token = parser.value(tokenOption);
    } else if (parser.isSet(tokenFileOption)) {
        const auto token = readTokenFile(parser.value(tokenFileOption));
        if (!token)
            return ExitUsage;
        options.token = *token;
    } else {
        options.token = qEnvironmentVariable("AIOPS_NODE_TOKEN");
    }
    // The token goes into an HTTP header verbatim.
    for (const QChar c : std::as_const(options.token)) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e) {
            fail(QStringLiteral("the node token must be printable ASCII without spaces"));
            return ExitUsage;
        }
    }

    bool ok = false;
    const double intervalSeconds = parser.value(intervalOption).toDouble(&ok);
    if (!ok || intervalSeconds < 0.1 || intervalSeconds > 3600) {
        fail(QStringLiteral("--heartbeat-interval must be a number of seconds between 0.1 and 3600"));
        return ExitUsage;
    }
    options.heartbeatInterval = std::chrono::milliseconds(qRound64(intervalSeconds * 1000));

    const uint httpPort = parser.value(httpPortOption).toUInt(&ok);
    if (!ok || httpPort > 65535) {
        fail(QStringLiteral("--http-port must be a port number (0 = any free port)"));
        return ExitUsage;
    }

    options.workDir = parser.isSet(workDirOption) ? QDir(parser.value(workDirOption)).absolutePath()
                                                  : QDir::homePath() + QStringLiteral("/.local/share/aiops-node");
    if (!QDir().mkpath(options.workDir)) {
        fail(QStringLiteral("cannot create the working directory %1").arg(options.workDir));
        return ExitFailure;
    }
    // An enrolled node presents its stored credential; the enrollment token is only needed once.
    if (options.token.isEmpty() && NodeClient::readCredential(options.workDir).isEmpty()) {
        fail(QStringLiteral("an enrollment token is required: --token, --token-file or AIOPS_NODE_TOKEN (none "
                            "needed once %1 exists)")
                 .arg(NodeClient::credentialFileIn(options.workDir)));
        return ExitUsage;
    }
    if (parser.isSet(fingerprintOption)) {
        const auto fingerprint = ControllerPin::normalizeFingerprint(parser.value(fingerprintOption));
        if (!fingerprint) {
            fail(QStringLiteral("--controller-fingerprint must be a SHA-256 fingerprint (64 hex digits, colons "
                                "allowed)"));
            return ExitUsage;
        }
        options.controllerFingerprint = *fingerprint;
    }

    const auto nodeId = NodeIdentity(options.workDir).loadOrCreate();
    if (!nodeId) {
        fail(nodeId.error().message);
        return ExitFailure;
    }
    options.nodeId = *nodeId;
    options.hostname = QHostInfo::localHostName();
    options.name = parser.isSet(nameOption) ? parser.value(nameOption) : options.hostname;
    options.isLocal = parser.isSet(localOption);

    const double cacheGb = parser.value(cacheSizeOption).toDouble(&ok);
    if (!ok || cacheGb < 0.001 || cacheGb > 1024 * 1024) {
        fail(QStringLiteral("--cache-size-gb must be a positive number of GiB"));
        return ExitUsage;
    }
    ModelCacheOptions cacheOptions;
    cacheOptions.capacityBytes = qint64(cacheGb * 1024 * 1024 * 1024);
    const QString cacheDir = parser.isSet(cacheDirOption)
        ? QDir(parser.value(cacheDirOption)).absolutePath()
        : QDir(options.workDir).filePath(QStringLiteral("model-cache"));

    static const QRegularExpression rangePattern(QStringLiteral("^(\\d{1,5})-(\\d{1,5})$"));
    const auto range = rangePattern.match(parser.value(portRangeOption));
    const int firstPort = range.hasMatch() ? range.captured(1).toInt() : 0;
    const int lastPort = range.hasMatch() ? range.captured(2).toInt() : 0;
    if (firstPort < 1024 || lastPort > 65535 || firstPort > lastPort) {
        fail(QStringLiteral("--port-range must be FIRST-LAST with 1024 <= FIRST <= LAST <= 65535, e.g. 20000-20999"));
        return ExitUsage;
    }
    DeploymentAgent::Options agentOptions;
    agentOptions.nodeId = options.nodeId;
    if (parser.isSet(allowlistOption)) {
        QFile file(parser.value(allowlistOption));
        if (!file.open(QIODevice::ReadOnly)) {
            fail(QStringLiteral("cannot read the image allowlist %1: %2").arg(file.fileName(), file.errorString()));
            return ExitUsage;
        }
        auto allowlist = aiops::deploy::ImageAllowlist::fromJson(file.read(4 * 1024 * 1024));
        if (!allowlist) {
            fail(QStringLiteral("image allowlist %1: %2").arg(file.fileName(), allowlist.error().message));
            return ExitUsage;
        }
        agentOptions.allowlist = std::move(*allowlist);
    }

    if (!installSignalHandlers()) {
        fail(QStringLiteral("cannot install signal handlers"));
        return ExitFailure;
    }

    NodeHttpServer http(options.nodeId);
    const auto port = http.listen(static_cast<quint16>(httpPort));
    if (!port) {
        fail(port.error().message);
        return ExitFailure;
    }
    options.httpPort = *port;
    std::fprintf(stderr,
                 "aiops-node %s: node %s, HTTP on 127.0.0.1:%u, work dir %s\n",
                 AIOPS_VERSION,
                 qUtf8Printable(options.nodeId),
                 static_cast<unsigned>(*port),
                 qUtf8Printable(masked(options.workDir)));

    // Inference requests from the controller: /deployments/{id}/... with the secret announced at register,
    // forwarded to the container's loopback port.
    DeploymentAgent* agent = nullptr; // set below, once it exists
    NodeInferenceProxy inferenceProxy(
        [&agent](const QString& deploymentId) { return agent ? agent->hostPortOf(deploymentId) : 0; },
        NodeInferenceProxy::newToken());
    const QString controllerHost = options.controllerUrl.host();
    const bool controllerIsLocal = controllerHost == u"localhost" || QHostAddress(controllerHost).isLoopback();
    const QHostAddress proxyAddress(parser.isSet(proxyListenOption) ? parser.value(proxyListenOption)
                                        : controllerIsLocal         ? QStringLiteral("127.0.0.1")
                                                                    : QStringLiteral("0.0.0.0"));
    const uint proxyPort = parser.value(proxyPortOption).toUInt(&ok);
    if (proxyAddress.isNull() || !ok || proxyPort > 65535) {
        fail(QStringLiteral("--proxy-listen needs an IP address and --proxy-port a port number"));
        return ExitUsage;
    }
    if (const auto bound = inferenceProxy.listen(proxyAddress, static_cast<quint16>(proxyPort)); bound) {
        options.proxyPort = *bound;
        options.proxyToken = inferenceProxy.token();
        inferenceProxy.setLocalHttpPort(static_cast<quint16>(options.httpPort));
        std::fprintf(stderr,
                     "aiops-node: inference proxy on %s:%u\n",
                     qUtf8Printable(proxyAddress.toString()),
                     static_cast<unsigned>(*bound));
    } else {
        fail(QStringLiteral("inference proxy: %1").arg(bound.error().message));
        return ExitFailure;
    }

    NodeClient client(options,
                      std::make_unique<SystemProbe>(QStringLiteral("/proc"), options.workDir),
                      GpuProbeChain::createDefault());
    QObject::connect(&client, &NodeClient::sampled, &http, &NodeHttpServer::setSample);
    QObject::connect(&client, &NodeClient::connectedChanged, &http, &NodeHttpServer::setConnected);
    QObject::connect(&client, &NodeClient::stopped, &app, [] { QCoreApplication::exit(0); });

    // Model files pulled from the controller's storage route or presigned S3 URLs.
    aiops::net::CurlClient curl;
    ModelCache cache(cacheDir, &curl, cacheOptions);
    if (auto loaded = cache.load(); !loaded) {
        fail(QStringLiteral("model cache %1: %2").arg(cacheDir, loaded.error().message));
        return ExitFailure;
    }
    ModelCacheAgent cacheAgent(&client, &cache);

    // Containers through the Docker Engine API of Docker or Podman. Without one the daemon still reports
    // metrics; deploy commands are refused SERVICE_UNAVAILABLE with the reason.
    curl.setMaxConcurrentTransfers(16); // the event stream holds one transfer for as long as it is open
    PortAllocator ports(firstPort, lastPort);
    std::unique_ptr<ContainerRuntime> runtime;
    std::unique_ptr<DeploymentExecutor> executor;
    const auto socket = ContainerRuntime::resolveSocket(parser.value(containerSocketOption),
                                                        ContainerRuntime::defaultSocketCandidates());
    if (socket) {
        runtime = std::make_unique<ContainerRuntime>(*socket, &curl);
        executor = std::make_unique<DeploymentExecutor>(runtime.get(), &ports, &curl);
    }
    DeploymentAgent deployments(agentOptions, runtime.get(), executor.get(), &cache, {});
    agent = &deployments;
    deployments.attach(&client);
    const auto disableDeployments = [&deployments](const QString& why) {
        const QString line = why + QStringLiteral("; deployments are disabled on this node");
        std::fprintf(stderr, "aiops-node: %s\n", qUtf8Printable(masked(line)));
        deployments.setUnavailable(line);
    };
    if (!socket) {
        disableDeployments(socket.error().message);
    } else {
        runtime->connectToEngine([&deployments, &disableDeployments, path = *socket](
                                     aiops::Result<aiops::daemon::RuntimeInfo> info) {
            if (!info) {
                disableDeployments(QStringLiteral("No container runtime at %1 (%2)").arg(path, info.error().message));
                return;
            }
            std::fprintf(stderr,
                         "aiops-node: container runtime %s %s at %s\n",
                         qUtf8Printable(info->name),
                         qUtf8Printable(info->version),
                         qUtf8Printable(masked(path)));
            deployments.start();
        });
    }
    NodeHttpServer::DeploymentHandlers handlers;
    handlers.deploy = [&deployments](const aiops::protocol::NodeDeployModel& command) {
        return deployments.deploy(command, DeploymentAgent::Origin::Local);
    };
    handlers.stop = [&deployments](const QString& id, std::function<void(aiops::Result<QString>)> done) {
        deployments.stop(id, std::move(done));
    };
    handlers.logs
        = [&deployments](const QString& id, int lines, qint64 since, std::function<void(aiops::Result<QString>)> done) {
              deployments.logs(id, lines, since, std::move(done));
          };
    http.setDeploymentHandlers(std::move(handlers));

    QSocketNotifier signalNotifier(g_signalFds[1], QSocketNotifier::Read);
    bool stopping = false;
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [&] {
        char buffer[16];
        while (::read(g_signalFds[1], buffer, sizeof buffer) > 0) { }
        if (stopping) {
            // A second signal while shutting down: do not wait for the controller any longer.
            QCoreApplication::exit(0);
            return;
        }
        stopping = true;
        std::fprintf(stderr, "aiops-node: shutting down\n");
        client.stop();
    });

    // A refused enrollment token never becomes valid: exit, so a supervisor can issue a new one.
    QObject::connect(&client, &NodeClient::enrollmentRefused, &app, [] {
        QCoreApplication::exit(aiops::daemon::ExitEnrollmentRefused);
    });

    client.start();
    return QCoreApplication::exec();
}
