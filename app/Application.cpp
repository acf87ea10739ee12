#include "app/Application.h"

#include "app/LocalNodeSupervisor.h"
#include "app/SecretCache.h"
#include "app/TrayIcon.h"
#include "core/controller/AgentService.h"
#include "core/controller/Controller.h"
#include "core/controller/NodeService.h"
#include "core/iam/IamService.h"
#include "core/iam/KeychainSecretStore.h"
#include "core/iam/SecretStore.h"
#include "core/registry/ModelService.h"
#include "core/safety/RedactingLogHandler.h"
#include "core/safety/SafetyService.h"
#include "models/RemoteSession.h"
#include "models/RestNodeService.h"
#include "widgets/ConsoleSettings.h"
#include "widgets/LoginDialog.h"
#include "widgets/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QHostInfo>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

namespace aiops::app {

namespace {

const QString kGeometryKey = QStringLiteral("ui/geometry");
const QString kAuditRetentionKey = QStringLiteral("iam/auditRetentionDays");

void printError(const QString& message)
{
    std::fprintf(stderr, "aiops-console: %s\n", qPrintable(message));
}

// For scripts and tests (--port 0 picks a free port), so not translated.
void printListening(const QHostAddress& address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(address.toString())
        : address.toString();
    std::fprintf(stdout, "aiops-console: controller listening on %s:%u\n", qPrintable(host), unsigned(port));
    std::fflush(stdout);
}

constexpr std::chrono::seconds kKeychainProbeTimeout { 5 };

// The OS keychain holds the console's secrets (the local owner's password, tokens). Without a
// keychain service that stores (a bare X session, CI) they go to a 0600 file in the data directory
// instead, and the console says so (chooseSecretStore). AIOPS_SECRET_STORE=file chooses the file
// outright.
std::unique_ptr<iam::SecretStore> openSecretStore(const QString& dataDir)
{
    const QString filePath = QDir(dataDir).filePath(QStringLiteral("secrets.json"));
    if (qEnvironmentVariable("AIOPS_SECRET_STORE") != u"file") {
        iam::KeychainSecretStore probe(QStringLiteral("aiops-console"), kKeychainProbeTimeout);
        auto chosen = chooseSecretStore(iam::makeKeychainSecretStore(), probe, filePath);
        if (!chosen.notice.isEmpty())
            printError(chosen.notice);
        return std::move(chosen.store);
    }
    return iam::makeFileSecretStore(filePath);
}

} // namespace

Application::Application(QObject* parent)
    : QObject(parent)
{
}

Application::~Application()
{
    // Child first, so that it can still say goodbye to the controller; then the window; then the controller.
    delete m_localNode;
    m_localNode = nullptr;
    m_remotes.clear();
    m_window.reset();
    // The log handler must not keep using the engine the controller is about to destroy.
    safety::RedactingLogHandler::setEngine(nullptr);
    m_controller.reset();
    m_secretCache.reset(); // the controller held a pointer to it
    m_secrets.reset();
}

QString Application::languageArgument(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& arg = arguments.at(i);
        if (arg == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (arg.startsWith(QLatin1String("--lang=")))
            return arg.mid(7);
    }
    return {};
}

void Application::installTranslations(const QString& language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    auto* own = new QTranslator(this);
    // English is the fallback: the source strings are English, but plural forms come from aiops_en.qm.
    if (own->load(locale, QStringLiteral("aiops"), QStringLiteral("_"), QStringLiteral(":/i18n"))
        || own->load(QStringLiteral(":/i18n/aiops_en.qm"))) {
        QCoreApplication::installTranslator(own);
        m_translators.append(own);
    } else {
        delete own;
    }
    auto* qt = new QTranslator(this);
    if (qt->load(locale,
                 QStringLiteral("qtbase"),
                 QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        m_translators.append(qt);
    } else {
        delete qt;
    }
}

std::optional<AppOptions> Application::parseArguments(const QStringList& arguments, int* exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("AIOps Console: run AI models on your own GPU machines."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     tr("Directory for the database and the enrollment "
                                        "token (default: the one in Settings)."),
                                     tr("dir"));
    const QCommandLineOption port(
        QStringLiteral("port"), tr("Port the controller listens on (0 = any free port)."), tr("port"));
    const QCommandLineOption listen(QStringLiteral("listen"), tr("Address the controller listens on."), tr("address"));
    const QCommandLineOption noLocalNode(QStringLiteral("no-local-node"),
                                         tr("Do not start a node daemon on this computer."));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"), tr("Save a PNG of the main window after 3 seconds, then quit."), tr("file"));
    const QCommandLineOption lang(QStringLiteral("lang"), tr("User interface language: vi or en."), tr("language"));
    parser.addOptions({ dataDir, port, listen, noLocalNode, screenshot, lang });
    parser.process(arguments); // exits on --help, --version and unknown options

    AppOptions options;
    if (parser.isSet(dataDir))
        options.dataDir = parser.value(dataDir);
    if (parser.isSet(port)) {
        bool ok = false;
        const int value = parser.value(port).toInt(&ok);
        if (!ok || value < 0 || value > 65535) {
            printError(tr("--port must be a number from 0 to 65535."));
            *exitCode = 2;
            return std::nullopt;
        }
        options.port = value;
    }
    if (parser.isSet(listen)) {
        if (QHostAddress(parser.value(listen)).isNull()) {
            printError(tr("--listen must be an IP address, such as 127.0.0.1 or 0.0.0.0."));
            *exitCode = 2;
            return std::nullopt;
        }
        options.listenAddress = parser.value(listen);
    }
    options.noLocalNode = parser.isSet(noLocalNode);
    options.screenshotPath = parser.value(screenshot);
    options.language = parser.value(lang);
    return options;
}

int Application::run(const QStringList& arguments)
{
    installTranslations(languageArgument(arguments));
    int exitCode = 0;
    const auto options = parseArguments(arguments, &exitCode);
    if (!options)
        return exitCode;
    m_screenshotPath = options->screenshotPath;
    const bool interactive = m_screenshotPath.isEmpty();

    QSettings settings;
    const auto stored = widgets::ConsoleSettings::load(settings);
    controller::ControllerConfig config;
    config.listenAddress = QHostAddress(options->listenAddress.value_or(stored.listenAddress));
    config.port = quint16(options->port.value_or(stored.port));
    config.dataDir = options->dataDir.value_or(stored.effectiveDataDir());
    config.heartbeatIntervalMs = stored.heartbeatIntervalMs;
    config.gpuTemperatureThreshold = stored.gpuTemperatureThreshold;
    config.auditRetentionDays = settings.value(kAuditRetentionKey, config.auditRetentionDays).toInt();
    config.tlsEnabled = stored.tlsEnabled;
    config.tlsCertificatePath = stored.tlsCertificatePath;
    config.tlsKeyPath = stored.tlsKeyPath;
    config.huggingFaceEndpoint = stored.huggingFaceEndpoint;
    config.s3Endpoint = stored.s3Endpoint;
    config.s3Bucket = stored.s3Bucket;
    config.s3Region = stored.s3Region;
    config.s3Prefix = stored.s3Prefix;
    QDir().mkpath(config.dataDir);

    // Log lines pass the PII engine and the secret masks (seed 004 DEBUG_REDACTED_MODE, on by default).
    safety::RedactingLogHandler::Options logOptions;
    logOptions.logFilePath = QDir(config.dataDir).filePath(QStringLiteral("logs/console.log"));
    // The environment (DEBUG_REDACTED_MODE=0) can turn redaction off for one run; the setting for good.
    if (!stored.redactLogs)
        logOptions.redact = false;
    QDir().mkpath(QFileInfo(logOptions.logFilePath).absolutePath());
    if (const auto installed = safety::RedactingLogHandler::install(logOptions); !installed)
        printError(installed.error().message);

    m_secrets = openSecretStore(config.dataDir);
    // The controller thread reads and writes its secrets through a cache filled here, on the GUI thread.
    m_secretCache = std::make_unique<SecretCache>(*m_secrets,
                                                  QStringList { QStringLiteral("owner-password"),
                                                                QStringLiteral("jwt-hmac-secret"),
                                                                QStringLiteral("hf-token"),
                                                                QStringLiteral("s3-access-key-id"),
                                                                QStringLiteral("s3-secret-access-key") });
    connect(m_secretCache.get(), &SecretCache::persistFailed, this, [](const QString& key, const aiops::Error& error) {
        printError(tr("could not store the secret %1: %2").arg(key, error.message));
    });
    config.secrets = m_secretCache.get();
    m_controller = std::make_unique<controller::ControllerThread>(config);
    if (const auto started = m_controller->start(); !started) {
        const QString message = tr("The controller could not start on %1:%2: %3")
                                    .arg(config.listenAddress.toString())
                                    .arg(config.port)
                                    .arg(started.error().message);
        printError(message);
        if (interactive)
            QMessageBox::critical(nullptr, tr("AIOps Console"), message);
        return 1;
    }
    printListening(config.listenAddress, m_controller->port());
    controller::NodeService* service = m_controller->nodeService();

    safety::SafetyService* safety = m_controller->safetyService();
    if (safety)
        safety::RedactingLogHandler::setEngine(&safety->pii()); // operator patterns apply to logs too

    m_window = std::make_unique<widgets::MainWindow>(service, safety);
    // The embedded console is signed in as its local owner account; the controller checks the same
    // roles on every action, and remote viewers see the same gated actions.
    if (iam::IamService* iam = m_controller->iamService()) {
        m_window->setSession(iam, m_controller->ownerPrincipal());
        connect(m_window.get(), &widgets::MainWindow::auditRetentionChanged, this, [iam](int days) {
            iam->setAuditRetentionDays(days);
            QSettings().setValue(kAuditRetentionKey, days);
        });
    }
    connect(m_window.get(), &widgets::MainWindow::connectRemoteRequested, this, &Application::onConnectRemote);
    if (registry::ModelService* models = m_controller->modelService())
        m_window->setModelService(models);
    if (controller::DeploymentService* deployments = m_controller->deploymentService())
        m_window->setDeploymentService(deployments);
    if (controller::AgentService* agents = m_controller->agentService())
        m_window->setAgentService(agents);
    m_window->setSecretStore(m_secretCache.get()); // the HuggingFace token, read by the controller thread
    m_window->setLogRedactionEnabled(safety::RedactingLogHandler::redactionEnabled());
    m_window->setGpuTemperatureThreshold(config.gpuTemperatureThreshold);
    m_window->restoreGeometry(settings.value(kGeometryKey).toByteArray());
    connect(m_window.get(), &widgets::MainWindow::quitRequested, this, &Application::onQuitRequested);
    connect(qApp, &QCoreApplication::aboutToQuit, this, &Application::onAboutToQuit);

    if (interactive && TrayIcon::isAvailable()) {
        m_tray = new TrayIcon(service, m_window.get(), this);
        m_tray->setSafetyService(safety);
        m_tray->setModelService(m_controller->modelService());
        m_tray->setDeploymentService(m_controller->deploymentService());
        m_tray->setAgentService(m_controller->agentService());
        connect(m_tray, &TrayIcon::quitRequested, this, &Application::onQuitRequested);
        m_tray->show();
        m_window->setHideOnClose(true);
        QApplication::setQuitOnLastWindowClosed(false);
    }

    if (!options->noLocalNode)
        startLocalNode(config.listenAddress, config.dataDir, config.heartbeatIntervalMs);

    m_window->show();
    if (!interactive)
        QTimer::singleShot(kScreenshotDelayMs, this, &Application::onScreenshotTimeout);
    return QApplication::exec();
}

void Application::startLocalNode(const QHostAddress& listenAddress, const QString& dataDir, int heartbeatIntervalMs)
{
    const QString program = LocalNodeSupervisor::findNodeExecutable();
    if (program.isEmpty()) {
        printError(tr("aiops-node was not found next to the console; running without a local node."));
        return;
    }
    // The child always connects over loopback; IPv6 only when the controller listens on ::1 alone.
    const QString host = listenAddress == QHostAddress(QHostAddress::LocalHostIPv6) ? QStringLiteral("[::1]")
                                                                                    : QStringLiteral("127.0.0.1");
    const QString fingerprint = m_controller->tlsFingerprint();
    const QString url = QStringLiteral("%1://%2:%3/ws/node")
                            .arg(fingerprint.isEmpty() ? QStringLiteral("ws") : QStringLiteral("wss"), host)
                            .arg(m_controller->port());
    const QString workDir = QDir(dataDir).filePath(QStringLiteral("local-node"));
    QDir().mkpath(workDir);
    // A node that enrolled before keeps its own credential in its work dir; a new one gets a one-time
    // enrollment token (in its environment, never on its command line) and exchanges it on first connect.
    QString token;
    if (!QFileInfo::exists(QDir(workDir).filePath(QStringLiteral("node-credential")))) {
        const auto issued = m_controller->nodeService()->issueEnrollmentToken();
        if (!issued) {
            printError(tr("cannot enroll the local node: %1").arg(issued.error().message));
            return;
        }
        token = issued->token;
    }
    QStringList arguments
        = LocalNodeSupervisor::nodeArguments(url, QHostInfo::localHostName(), workDir, heartbeatIntervalMs);
    // The console knows its own certificate, so its local node pins it outright instead of trusting on first use.
    if (!fingerprint.isEmpty())
        arguments << QStringLiteral("--controller-fingerprint") << fingerprint;
    m_localNode = new LocalNodeSupervisor(program, arguments, token, this);
    connect(m_localNode, &LocalNodeSupervisor::nodeExited, this, [](int exitCode, int restartInMs) {
        printError(
            tr("local aiops-node exited with code %1; restarting in %2 s.").arg(exitCode).arg(restartInMs / 1000));
    });
    connect(m_localNode, &LocalNodeSupervisor::nodeFailedToStart, this, [](const QString& message) {
        printError(tr("local aiops-node failed to start: %1").arg(message));
    });
    // Killed between exchanging its token and storing the credential, the child comes back with a
    // spent token: it gets a fresh one instead of retrying forever.
    m_localNode->setTokenSource([this] {
        const auto issued = m_controller->nodeService()->issueEnrollmentToken();
        if (!issued) {
            printError(tr("cannot issue a new enrollment token for the local node: %1").arg(issued.error().message));
            return QString();
        }
        return issued->token;
    });
    connect(m_localNode, &LocalNodeSupervisor::nodeReenrolled, this, [] {
        printError(tr("the local aiops-node's enrollment token was already spent; it got a new one."));
    });
    connect(m_localNode, &LocalNodeSupervisor::nodeGaveUp, this, [this](const QString& message) {
        printError(tr("local aiops-node stopped: %1").arg(message));
        if (m_tray)
            m_tray->notify(tr("Local node stopped"), message, QSystemTrayIcon::Warning);
    });
    m_localNode->start();
}

void Application::onConnectRemote()
{
    QSettings settings;
    widgets::LoginDialog dialog(m_secrets.get(), &settings, m_window.get());
    if (dialog.exec() != QDialog::Accepted)
        return;
    std::unique_ptr<models::RemoteSession> session = dialog.takeSession();
    if (!session)
        return;
    // A remote fleet opens in its own window over REST; the remote controller enforces the roles,
    // the window greys out what this user's roles do not allow.
    RemoteWindow remote;
    remote.session = std::move(session);
    remote.service = std::make_unique<models::RestNodeService>(remote.session.get());
    remote.window = std::make_unique<widgets::MainWindow>(remote.service.get());
    remote.window->setSession(nullptr, remote.session->principal());
    remote.window->setWindowTitle(tr("AIOps Console — %1").arg(remote.session->controllerUrl().toString()));
    remote.window->setAttribute(Qt::WA_DeleteOnClose, false);
    connect(remote.session.get(),
            &models::RemoteSession::sessionExpired,
            remote.window.get(),
            [window = remote.window.get()](const QString& reason) {
                QMessageBox::warning(window, tr("Signed out"), tr("The remote session ended: %1").arg(reason));
            });
    connect(remote.window.get(), &widgets::MainWindow::connectRemoteRequested, this, &Application::onConnectRemote);
    remote.window->show();
    m_remotes.push_back(std::move(remote));
}

void Application::onScreenshotTimeout()
{
    if (!m_window->grab().save(m_screenshotPath)) {
        printError(tr("could not write the screenshot to %1").arg(m_screenshotPath));
        QCoreApplication::exit(1);
        return;
    }
    onQuitRequested();
}

void Application::onQuitRequested()
{
    QCoreApplication::quit();
}

void Application::onAboutToQuit()
{
    // Reached however the console quits: tray or menu Quit, or the last window closed without a tray.
    if (m_window && m_screenshotPath.isEmpty()) {
        QSettings settings;
        settings.setValue(kGeometryKey, m_window->saveGeometry());
    }
    if (m_localNode)
        m_localNode->stop();
}

} // namespace aiops::app
