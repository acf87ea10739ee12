// aiops-controller: the console's controller without a GUI, for servers, tests and benchmarks.
#include "core/controller/Controller.h"
#include "core/controller/NodeService.h"
#include "core/iam/IamService.h"
#include "core/safety/RedactingLogHandler.h"
#include "core/safety/SafetyService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalFd[2] = { -1, -1 };

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] auto n = ::write(g_signalFd[1], &c, 1);
}

// A controller holds one socket per node; lift the soft descriptor limit to the hard one.
void raiseFileLimit()
{
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("aiops"));
    QCoreApplication::setApplicationName(QStringLiteral("aiops-controller"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIOPS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("AIOps controller (headless)"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ QStringLiteral("listen"),
                       QStringLiteral("Address to listen on."),
                       QStringLiteral("address"),
                       QStringLiteral("127.0.0.1") });
    parser.addOption({ QStringLiteral("port"),
                       QStringLiteral("Port (0 = any free port)."),
                       QStringLiteral("port"),
                       QStringLiteral("8750") });
    parser.addOption({ QStringLiteral("data-dir"), QStringLiteral("Data directory."), QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("heartbeat-interval"),
                       QStringLiteral("Heartbeat interval in seconds."),
                       QStringLiteral("seconds"),
                       QStringLiteral("2") });
    parser.addOption({ QStringLiteral("print-token"),
                       QStringLiteral("Issue a one-time node enrollment token (valid 1 hour) and print it.") });
    parser.addOption(
        { QStringLiteral("print-tokens"),
          QStringLiteral("Issue this many one-time enrollment tokens, printed comma-separated (load tests)."),
          QStringLiteral("count") });
    parser.addOption({ QStringLiteral("print-owner-token"),
                       QStringLiteral("Print a 15-minute access token of the local owner account (scripts).") });
    parser.addOption(
        { QStringLiteral("tls"),
          QStringLiteral("Serve https and wss. Without --tls-cert a self-signed certificate is generated in "
                         "the data directory; nodes pin it on first use.") });
    parser.addOption({ QStringLiteral("tls-cert"),
                       QStringLiteral("TLS certificate chain (PEM); implies --tls."),
                       QStringLiteral("path") });
    parser.addOption({ QStringLiteral("tls-key"), QStringLiteral("TLS private key (PEM)."), QStringLiteral("path") });
    parser.addOption({ QStringLiteral("cors-origin"),
                       QStringLiteral("Allow this Web SDK origin (repeatable), e.g. http://localhost:3000."),
                       QStringLiteral("origin") });
    parser.addOption({ QStringLiteral("jwks"),
                       QStringLiteral("JWKS file of an external identity provider (RS256/ES256 tokens)."),
                       QStringLiteral("path") });
    parser.addOption({ QStringLiteral("hf-endpoint"),
                       QStringLiteral("HuggingFace mirror (default $HF_ENDPOINT, else https://huggingface.co)."),
                       QStringLiteral("url") });
    parser.addOption({ QStringLiteral("s3-endpoint"),
                       QStringLiteral("S3/MinIO endpoint for model artifacts, e.g. http://minio:9000 (keys from "
                                      "$AIOPS_S3_ACCESS_KEY_ID and $AIOPS_S3_SECRET_ACCESS_KEY)."),
                       QStringLiteral("url") });
    parser.addOption(
        { QStringLiteral("s3-bucket"), QStringLiteral("S3 bucket for model artifacts."), QStringLiteral("name") });
    parser.addOption({ QStringLiteral("s3-region"),
                       QStringLiteral("S3 region (default us-east-1)."),
                       QStringLiteral("region"),
                       QStringLiteral("us-east-1") });
    parser.addOption(
        { QStringLiteral("s3-prefix"), QStringLiteral("Key prefix inside the bucket."), QStringLiteral("prefix") });
    parser.addOption({ QStringLiteral("image-allowlist"),
                       QStringLiteral("JSON file of the worker images deployments may run (seed 004 allowlist: "
                                      "[{\"imagePattern\", \"tagPattern\", \"requiresGpu\", \"minVramMb\"}]); "
                                      "default: Triton, vLLM and the test images."),
                       QStringLiteral("file") });
    parser.addOption({ QStringLiteral("log-file"),
                       QStringLiteral("Also append log lines to this file (redacted unless DEBUG_REDACTED_MODE=0)."),
                       QStringLiteral("path") });
    parser.process(app);

    // Before anything logs: seed 004's DEBUG_REDACTED_MODE, on unless the environment turns it off.
    aiops::safety::RedactingLogHandler::Options logOptions;
    logOptions.logFilePath = parser.value(QStringLiteral("log-file"));
    if (auto installed = aiops::safety::RedactingLogHandler::install(logOptions); !installed) {
        std::fprintf(stderr, "aiops-controller: %s\n", qPrintable(installed.error().message));
        return 1;
    }

    aiops::controller::ControllerConfig config;
    if (!config.listenAddress.setAddress(parser.value(QStringLiteral("listen")))) {
        std::fprintf(stderr, "aiops-controller: invalid --listen address\n");
        return 2;
    }
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535) {
        std::fprintf(stderr, "aiops-controller: invalid --port\n");
        return 2;
    }
    config.port = quint16(port);
    const double interval = parser.value(QStringLiteral("heartbeat-interval")).toDouble(&ok);
    if (!ok || interval < 0.05 || interval > 3600) {
        std::fprintf(stderr, "aiops-controller: --heartbeat-interval must be between 0.05 and 3600 seconds\n");
        return 2;
    }
    config.heartbeatIntervalMs = int(interval * 1000);
    config.dataDir = parser.isSet(QStringLiteral("data-dir"))
        ? parser.value(QStringLiteral("data-dir"))
        : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);

    config.tlsCertificatePath = parser.value(QStringLiteral("tls-cert"));
    config.tlsKeyPath = parser.value(QStringLiteral("tls-key"));
    config.tlsEnabled = parser.isSet(QStringLiteral("tls")) || !config.tlsCertificatePath.isEmpty();
    if (config.tlsCertificatePath.isEmpty() != config.tlsKeyPath.isEmpty()) {
        std::fprintf(stderr, "aiops-controller: --tls-cert and --tls-key go together\n");
        return 2;
    }
    config.corsOrigins = parser.values(QStringLiteral("cors-origin"));
    config.jwksPath = parser.value(QStringLiteral("jwks"));
    config.huggingFaceEndpoint = parser.value(QStringLiteral("hf-endpoint"));
    config.s3Endpoint = parser.value(QStringLiteral("s3-endpoint"));
    config.s3Bucket = parser.value(QStringLiteral("s3-bucket"));
    config.s3Region = parser.value(QStringLiteral("s3-region"));
    config.s3Prefix = parser.value(QStringLiteral("s3-prefix"));
    config.imageAllowlistPath = parser.value(QStringLiteral("image-allowlist"));
    if (config.s3Endpoint.isEmpty() != config.s3Bucket.isEmpty()) {
        std::fprintf(stderr, "aiops-controller: --s3-endpoint and --s3-bucket go together\n");
        return 2;
    }

    raiseFileLimit();
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) != 0)
        return 1;
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QSocketNotifier notifier(g_signalFd[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });

    aiops::controller::Controller controller(config);
    if (auto started = controller.start(); !started) {
        std::fprintf(stderr,
                     "aiops-controller: %s: %s\n",
                     qPrintable(started.error().codeName()),
                     qPrintable(started.error().message));
        return 1;
    }
    // From now on the operator's own PII patterns apply to log lines too.
    aiops::safety::RedactingLogHandler::setEngine(&controller.safetyService()->pii());
    // One line a supervising script can parse.
    std::printf("listening port=%u endpoint=%s\n",
                unsigned(controller.port()),
                qPrintable(controller.nodeService()->nodeEndpointUrl()));
    if (!controller.tlsFingerprint().isEmpty())
        std::printf("tls-fingerprint=%s\n", qPrintable(controller.tlsFingerprint()));
    // Secrets go to stdout only when asked for, never to the log.
    if (parser.isSet(QStringLiteral("print-token"))) {
        const auto token = controller.nodeService()->issueEnrollmentToken();
        if (!token) {
            std::fprintf(stderr, "aiops-controller: %s\n", qPrintable(token.error().message));
            return 1;
        }
        std::printf("token=%s\n", qPrintable(token->token));
    }
    if (parser.isSet(QStringLiteral("print-tokens"))) {
        const int count = parser.value(QStringLiteral("print-tokens")).toInt(&ok);
        if (!ok || count < 1 || count > 100000) {
            std::fprintf(stderr, "aiops-controller: --print-tokens must be between 1 and 100000\n");
            return 2;
        }
        QStringList tokens;
        for (int i = 0; i < count; ++i) {
            const auto token = controller.nodeService()->issueEnrollmentToken();
            if (!token) {
                std::fprintf(stderr, "aiops-controller: %s\n", qPrintable(token.error().message));
                return 1;
            }
            tokens.append(token->token);
        }
        std::printf("tokens=%s\n", qPrintable(tokens.join(u',')));
    }
    if (parser.isSet(QStringLiteral("print-owner-token"))) {
        const auto pair = controller.iamService()->issueTokens(controller.ownerPrincipal().subject);
        if (!pair) {
            std::fprintf(stderr, "aiops-controller: %s\n", qPrintable(pair.error().message));
            return 1;
        }
        std::printf("owner-token=%s\n", qPrintable(pair->accessToken));
    }
    std::fflush(stdout);
    const int rc = app.exec();
    aiops::safety::RedactingLogHandler::setEngine(nullptr); // the engine goes away with the controller
    controller.stop();
    return rc; // the handler stays installed: whatever logs during teardown is redacted too
}
