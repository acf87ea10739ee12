#include "core/daemon/NodeClient.h"

#include "core/daemon/NodeSampler.h"
#include "core/protocol/Codec.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QSaveFile>
#include <algorithm>
#include <variant>

namespace aiops::daemon {

namespace {

Q_LOGGING_CATEGORY(lcNode, "aiops.node")

// A connection that stayed up this long counts as a success even without an acknowledgement.
constexpr std::chrono::seconds StableConnection(10);
constexpr qsizetype MaxControllerFrameBytes = 1024 * 1024;
// The controller closes with this code when it refuses or revokes a credential (NodeGateway).
constexpr int CloseCodeUnauthorized = 4401;

template<class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};

// The protocol rejects an inventory entry without a memory size; a GPU whose driver does not
// report one is left out rather than registered with a made-up size.
bool reportable(const GpuReading& gpu)
{
    return gpu.memoryTotalMb && *gpu.memoryTotalMb > 0;
}

protocol::GpuInventory toInventory(const GpuReading& gpu)
{
    protocol::GpuInventory inv;
    inv.deviceId = gpu.deviceId;
    inv.model = gpu.name.isEmpty() ? QStringLiteral("unknown") : gpu.name;
    inv.memoryTotal = gpu.memoryTotalMb.value_or(0);
    inv.uuid = gpu.uuid;
    inv.vendor = gpu.vendor;
    return inv;
}

// Unknown utilisation/temperature go out as 0 (the protocol has no "unknown" for them); values
// are clamped to the protocol's ranges so that one odd sensor reading cannot get the whole
// heartbeat rejected.
protocol::GpuSample toGpuSample(const GpuReading& gpu)
{
    protocol::GpuSample s;
    s.deviceId = gpu.deviceId;
    s.memoryFree = std::max<qint64>(0, gpu.memoryFreeMb.value_or(0));
    s.utilization = std::clamp(gpu.utilization.value_or(0.0), 0.0, 100.0);
    s.temperature = std::clamp(gpu.temperature.value_or(0.0), -50.0, 150.0);
    if (gpu.powerW)
        s.powerUsage = std::max(0.0, *gpu.powerW);
    return s;
}

} // namespace

NodeClient::NodeClient(Options options,
                       std::unique_ptr<SystemProbe> system,
                       std::unique_ptr<GpuProbe> gpu,
                       QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_pin(ControllerPin::fileIn(m_options.workDir), m_options.controllerFingerprint)
    , m_backoff(Backoff::Jitter::Equal, m_options.backoffInitial, m_options.backoffCap, m_options.random)
    , m_sampler(new NodeSampler(std::move(system), std::move(gpu)))
{
    qRegisterMetaType<NodeSample>();

    m_socket.setMaxAllowedIncomingMessageSize(MaxControllerFrameBytes);
    connect(&m_socket, &QWebSocket::connected, this, &NodeClient::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &NodeClient::onDisconnected);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, &NodeClient::onSocketError);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &NodeClient::onTextMessage);
    m_pin.guard(
        m_socket,
        [this] { return m_options.controllerUrl; },
        [this](const Error& refused) {
            qCCritical(lcNode, "%s", qUtf8Printable(refused.message));
            Q_EMIT authenticationRefused(refused.message);
        },
        [this](const QString& fingerprint) {
            qCInfo(lcNode,
                   "pinned the certificate of %s: %s (in %s)",
                   qUtf8Printable(ControllerPin::hostKey(m_options.controllerUrl)),
                   qUtf8Printable(fingerprint),
                   qUtf8Printable(m_pin.filePath()));
        });

    m_heartbeatTimer.setInterval(m_options.heartbeatInterval);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &NodeClient::requestSample);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &NodeClient::openSocket);
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Connecting)
            connectionLost(QStringLiteral("no handshake within %1 ms").arg(m_options.connectTimeout.count()));
    });
    m_stopTimer.setSingleShot(true);
    connect(&m_stopTimer, &QTimer::timeout, this, [this] {
        m_socket.abort();
        finishStop();
    });

    m_sampler->moveToThread(&m_samplerThread);
    connect(m_sampler, &NodeSampler::sampled, this, &NodeClient::onSampled);
    m_samplerThread.setObjectName(QStringLiteral("aiops-node-sampler"));
    m_samplerThread.start();
}

NodeClient::~NodeClient()
{
    m_samplerThread.quit();
    m_samplerThread.wait();
    delete m_sampler; // its thread has finished: safe to delete from here
    m_socket.disconnect(this);
    m_socket.abort();
}

void NodeClient::start()
{
    if (m_state != State::Idle)
        return;
    requestSample();
    m_heartbeatTimer.start();
    openSocket();
}

void NodeClient::stop()
{
    if (m_state == State::Stopping || m_state == State::Stopped)
        return;
    m_heartbeatTimer.stop();
    m_reconnectTimer.stop();
    m_connectTimer.stop();

    if (m_state == State::Connected) {
        protocol::NodeDisconnect bye;
        bye.nodeId = m_options.nodeId;
        bye.reason = QStringLiteral("shutdown");
        bye.timestamp = protocol::nowMs();
        sendFrame(protocol::encode(bye));
        m_socket.flush();
        m_state = State::Stopping;
        m_stopTimer.start(m_options.stopTimeout);
        m_socket.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("shutdown"));
        return;
    }

    m_state = State::Stopping;
    m_socket.abort();
    // Emitted from the event loop so that a caller can connect to stopped() after calling stop().
    QMetaObject::invokeMethod(this, &NodeClient::finishStop, Qt::QueuedConnection);
}

void NodeClient::finishStop()
{
    if (m_state == State::Stopped)
        return;
    m_state = State::Stopped;
    m_stopTimer.stop();
    m_heartbeatTimer.stop();
    m_reconnectTimer.stop();
    m_connectTimer.stop();
    qCInfo(lcNode, "stopped");
    Q_EMIT connectedChanged(false);
    Q_EMIT stopped();
}

void NodeClient::openSocket()
{
    if (m_state == State::Stopping || m_state == State::Stopped)
        return;
    m_socket.abort();
    m_state = State::Connecting;
    m_registered = false;
    m_registerPending = false;

    // The stored node credential wins over the enrollment token: the token is spent once enrolled.
    const QString credential = readCredential(m_options.workDir);
    m_usingCredential = !credential.isEmpty();
    QNetworkRequest request(m_options.controllerUrl);
    request.setRawHeader("Authorization", "Bearer " + (m_usingCredential ? credential : m_options.token).toUtf8());
    m_connectTimer.start(m_options.connectTimeout);
    m_socket.open(request);
}

void NodeClient::connectionLost(const QString& why)
{
    if (m_state != State::Connecting && m_state != State::Connected)
        return;
    const bool wasConnected = m_state == State::Connected;
    m_state = State::Waiting;
    m_connectTimer.stop();
    m_registered = false;
    m_registerPending = false;
    if (wasConnected && m_connectedFor.isValid()
        && m_connectedFor.elapsed() >= std::chrono::milliseconds(StableConnection).count()) {
        m_backoff.reset();
    }
    const auto delay = m_backoff.next();
    if (wasConnected) {
        qCWarning(lcNode,
                  "disconnected from %s (%s); reconnecting in %lld ms",
                  qUtf8Printable(m_options.controllerUrl.toDisplayString()),
                  qUtf8Printable(why),
                  static_cast<long long>(delay.count()));
        Q_EMIT connectedChanged(false);
    } else {
        qCWarning(lcNode,
                  "cannot connect to %s (%s); retry %d in %lld ms",
                  qUtf8Printable(m_options.controllerUrl.toDisplayString()),
                  qUtf8Printable(why),
                  m_backoff.attempts(),
                  static_cast<long long>(delay.count()));
    }
    m_socket.abort();
    m_reconnectTimer.start(delay);
}

void NodeClient::onConnected()
{
    if (m_state != State::Connecting)
        return;
    m_connectTimer.stop();
    m_state = State::Connected;
    m_connectedFor.start();
    qCInfo(lcNode,
           "connected to %s as %s",
           qUtf8Printable(m_options.controllerUrl.toDisplayString()),
           qUtf8Printable(m_options.nodeId));
    Q_EMIT connectedChanged(true);
    // Register with a fresh inventory: the sample that answers this request carries it.
    m_registerPending = true;
    if (m_sampleInFlight)
        return;
    requestSample();
}

void NodeClient::onDisconnected()
{
    if (m_state == State::Stopping) {
        finishStop();
        return;
    }
    // A refused or reset connection also ends here, sometimes before error(): the socket error
    // then says more than the close code.
    const QString reason = m_socket.closeReason();
    if (int(m_socket.closeCode()) == CloseCodeUnauthorized) {
        const QString message = m_usingCredential
            ? QStringLiteral("the controller refused this node's credential (%1); it was probably revoked. To "
                             "re-enroll: create an enrollment token in the console (Add node), remove %2 and "
                             "restart the daemon with --token <token>")
                  .arg(reason, credentialFileIn(m_options.workDir))
            : QStringLiteral("the controller refused the enrollment token (%1); a token works once and expires "
                             "after an hour: create a new one in the console (Add node)")
                  .arg(reason);
        qCCritical(lcNode, "%s", qUtf8Printable(message));
        Q_EMIT authenticationRefused(message);
        if (!m_usingCredential)
            Q_EMIT enrollmentRefused(message);
    }
    if (m_state == State::Connecting || (reason.isEmpty() && m_socket.error() != QAbstractSocket::UnknownSocketError))
        connectionLost(m_socket.errorString());
    else if (reason.isEmpty())
        connectionLost(QStringLiteral("close code %1").arg(int(m_socket.closeCode())));
    else
        connectionLost(QStringLiteral("close code %1: %2").arg(int(m_socket.closeCode())).arg(reason));
}

void NodeClient::onSocketError(QAbstractSocket::SocketError)
{
    if (m_state == State::Stopping) {
        finishStop();
        return;
    }
    connectionLost(m_socket.errorString());
}

void NodeClient::onTextMessage(const QString& message)
{
    auto decoded = protocol::decodeControllerMessage(message.toUtf8());
    if (!decoded) {
        qCWarning(lcNode,
                  "ignoring a controller frame: %s %s",
                  qUtf8Printable(decoded.error().codeName()),
                  qUtf8Printable(decoded.error().message));
        return;
    }
    std::visit(Overloaded {
                   [this](const protocol::NodeRegistered& ack) {
                       m_backoff.reset();
                       qCInfo(lcNode, "registered as %s", qUtf8Printable(ack.nodeId));
                       if (!ack.nodeCredential.isEmpty())
                           storeCredential(ack.nodeCredential);
                       m_registered = true;
                       Q_EMIT registered();
                   },
                   [this](const protocol::NodeCacheModel& command) { Q_EMIT cacheModelRequested(command); },
                   [this](const protocol::NodeEvictModel& command) { Q_EMIT evictModelRequested(command); },
                   [this](const protocol::NodeDeployModel& command) { Q_EMIT deployModelRequested(command); },
                   [this](const protocol::NodeStopContainer& command) { Q_EMIT stopContainerRequested(command); },
                   [this](const protocol::NodeGetLogs& command) { Q_EMIT getLogsRequested(command); },
                   [](const protocol::SystemError& error) {
                       qCWarning(lcNode,
                                 "controller error %s: %s",
                                 qUtf8Printable(error.errorCode),
                                 qUtf8Printable(error.message));
                   },
                   // Nothing else from the controller is acted on yet.
                   [](const auto&) {},
               },
               *decoded);
}

QString NodeClient::credentialFileIn(const QString& workDir)
{
    return QDir(workDir).filePath(QStringLiteral("node-credential"));
}

QString NodeClient::readCredential(const QString& workDir)
{
    if (workDir.isEmpty())
        return {};
    QFile file(credentialFileIn(workDir));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

void NodeClient::storeCredential(const QString& credential)
{
    const QString path = credentialFileIn(m_options.workDir);
    QSaveFile file(path);
    // 0600 before the secret is written; the atomic rename keeps the mode.
    if (m_options.workDir.isEmpty() || !file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(credential.toUtf8() + '\n') < 0 || !file.commit()) {
        qCCritical(lcNode,
                   "enrolled, but cannot store the node credential in %s (%s); the next connection will fail "
                   "and the node must be enrolled again",
                   qUtf8Printable(path),
                   qUtf8Printable(file.errorString()));
        return;
    }
    m_usingCredential = true;
    qCInfo(lcNode, "enrolled: node credential stored in %s", qUtf8Printable(path));
    Q_EMIT enrolled(path);
}

void NodeClient::requestSample()
{
    if (m_sampleInFlight)
        return;
    m_sampleInFlight = true;
    QMetaObject::invokeMethod(m_sampler, &NodeSampler::sample, Qt::QueuedConnection);
}

void NodeClient::onSampled(const NodeSample& sample)
{
    m_sampleInFlight = false;
    if (m_state == State::Stopping || m_state == State::Stopped)
        return;
    if (sample.errors != m_lastErrors) {
        for (const QString& error : sample.errors)
            qCWarning(lcNode, "probe: %s", qUtf8Printable(error));
        m_lastErrors = sample.errors;
    }
    m_lastSample = sample;
    Q_EMIT sampled(sample);

    if (m_state != State::Connected)
        return;
    if (m_registerPending) {
        sendRegister(sample);
        return;
    }
    if (m_registered)
        sendHeartbeat(sample);
}

bool NodeClient::send(const QByteArray& frame)
{
    if (m_state != State::Connected || !m_registered)
        return false;
    sendFrame(frame);
    return true;
}

QSslCertificate NodeClient::controllerCertificate() const
{
    return m_socket.sslConfiguration().peerCertificate();
}

QString NodeClient::currentCredential() const
{
    const QString stored = readCredential(m_options.workDir);
    return stored.isEmpty() ? m_options.token : stored;
}

void NodeClient::sendFrame(const QByteArray& frame)
{
    m_socket.sendTextMessage(QString::fromUtf8(frame));
}

void NodeClient::sendRegister(const NodeSample& sample)
{
    protocol::NodeRegister reg;
    reg.nodeId = m_options.nodeId;
    reg.name = m_options.name;
    reg.isLocal = m_options.isLocal;
    for (const GpuReading& gpu : sample.gpus) {
        if (reportable(gpu)) {
            reg.gpuDevices.append(toInventory(gpu));
        } else if (!m_warnedUnknownMemory) {
            m_warnedUnknownMemory = true;
            qCWarning(lcNode, "GPU %s reports no memory size; not registered", qUtf8Printable(gpu.deviceId));
        }
    }
    reg.config = QJsonObject {
        { QStringLiteral("controllerEndpoint"), m_options.controllerUrl.toString(QUrl::RemoveUserInfo) },
        { QStringLiteral("workingDirectory"), m_options.workDir },
        { QStringLiteral("httpPort"), m_options.httpPort },
        { QStringLiteral("heartbeatIntervalMs"), static_cast<qint64>(m_options.heartbeatInterval.count()) },
        { QStringLiteral("gpuProbe"), sample.gpuProbe },
    };
    if (m_options.proxyPort > 0) {
        reg.config.insert(QStringLiteral("proxyPort"), m_options.proxyPort);
        reg.config.insert(QStringLiteral("proxyToken"), QString::fromLatin1(m_options.proxyToken));
    }
    reg.timestamp = protocol::nowMs();
    reg.cpuCores = sample.system.cpuCores;
    reg.ramTotal = sample.system.ramTotalMb;
    reg.diskTotal = sample.system.diskTotalMb.value_or(0);
    reg.hostname = m_options.hostname;
    reg.version = QStringLiteral(AIOPS_VERSION);

    sendFrame(protocol::encode(reg));
    m_registerPending = false;
    m_registered = true;
    qCInfo(lcNode,
           "sent register: %lld GPU(s) via %s",
           static_cast<long long>(reg.gpuDevices.size()),
           qUtf8Printable(sample.gpuProbe));
    Q_EMIT registrationSent();
}

void NodeClient::sendHeartbeat(const NodeSample& sample)
{
    protocol::NodeHeartbeat hb;
    hb.nodeId = m_options.nodeId;
    hb.timestamp = protocol::nowMs();
    for (const GpuReading& gpu : sample.gpus) {
        if (reportable(gpu))
            hb.metrics.gpuDevices.append(toGpuSample(gpu));
    }
    hb.metrics.ramFree = std::max<qint64>(0, sample.system.ramFreeMb);
    hb.metrics.diskFree = std::max<qint64>(0, sample.system.diskFreeMb.value_or(0));
    if (sample.system.cpuUtilization)
        hb.metrics.cpuUtilization = std::clamp(*sample.system.cpuUtilization, 0.0, 100.0);
    if (sample.system.loadAverage1)
        hb.metrics.loadAverage = std::max(0.0, *sample.system.loadAverage1);
    sendFrame(protocol::encode(hb));
}

} // namespace aiops::daemon
