#include "core/controller/Controller.h"

#include "core/controller/ControllerNodeService.h"
#include "core/controller/EnrollmentTokenAuthenticator.h"
#include "core/controller/NodeGateway.h"
#include "core/controller/RestApi.h"
#include "core/controller/SafetyRestApi.h"
#include "core/nodes/NodeRegistry.h"
#include "core/safety/SafetyService.h"
#include "core/store/AsyncStatusWriter.h"
#include "core/store/Database.h"
#include "core/store/NodeRepository.h"

#include <QDir>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QStandardPaths>
#include <QThread>
#include <QWebSocket>
#include <optional>

namespace aiops::controller {

class ControllerPrivate
{
public:
    explicit ControllerPrivate(ControllerConfig c)
        : config(std::move(c))
    {
    }

    ControllerConfig config;
    std::unique_ptr<store::Database> database;
    std::unique_ptr<store::NodeRepository> repository;
    std::optional<EnrollmentTokenAuthenticator> authenticator;
    std::unique_ptr<store::AsyncStatusWriter> statusWriter; // outlives the registry, which flushes into it
    std::unique_ptr<nodes::NodeRegistry> registry;
    std::unique_ptr<QHttpServer> server;
    std::unique_ptr<NodeGateway> gateway;
    std::unique_ptr<RestApi> api;
    std::unique_ptr<safety::SafetyService> safety;
    std::unique_ptr<SafetyRestApi> safetyApi;
    std::unique_ptr<ControllerNodeService> service;
    quint16 port = 0;
};

namespace {

// The address a remote daemon should dial: the listen address, or for a wildcard listen this
// machine's first non-loopback IPv4 address.
QString advertisedHost(const QHostAddress& listen)
{
    if (listen != QHostAddress::Any && listen != QHostAddress::AnyIPv4 && listen != QHostAddress::AnyIPv6)
        return listen.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + listen.toString() + u']' : listen.toString();
    for (const QHostAddress& a : QNetworkInterface::allAddresses()) {
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
            return a.toString();
    }
    return QStringLiteral("127.0.0.1");
}

} // namespace

Controller::Controller(ControllerConfig config, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<ControllerPrivate>(std::move(config)))
{
}

Controller::~Controller()
{
    stop();
}

Result<void> Controller::start()
{
    ControllerConfig& c = d->config;
    if (c.dataDir.isEmpty())
        c.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!QDir().mkpath(c.dataDir))
        return makeError(ErrorCode::StoreError, QStringLiteral("Cannot create the data directory %1").arg(c.dataDir));

    const QString databasePath = QDir(c.dataDir).filePath(QStringLiteral("aiops.sqlite"));
    auto db = store::Database::openSqlite(databasePath);
    if (!db)
        return std::unexpected(db.error());
    d->database = std::move(*db);
    d->repository = std::make_unique<store::NodeRepository>(*d->database);

    // Messages must not flow without their PII and guardrail stages, so a safety service that
    // cannot start stops the controller from starting.
    safety::SafetyService::Options safetyOptions;
    safetyOptions.databasePath = databasePath;
    safetyOptions.dataDir = c.dataDir;
    auto safetyService = safety::SafetyService::create(safetyOptions);
    if (!safetyService)
        return std::unexpected(safetyService.error());
    d->safety = std::move(*safetyService);

    auto auth = EnrollmentTokenAuthenticator::loadOrCreate(c.dataDir);
    if (!auth)
        return std::unexpected(auth.error());
    d->authenticator.emplace(std::move(*auth));

    nodes::NodeRegistry::Options options;
    options.heartbeatIntervalMs = c.heartbeatIntervalMs;
    options.missedHeartbeats = c.missedHeartbeats;
    options.gpuTemperatureThreshold = c.gpuTemperatureThreshold;
    options.statusFlushIntervalMs = c.statusFlushIntervalMs;
    d->registry = std::make_unique<nodes::NodeRegistry>(d->repository.get(), options);
    auto writer = store::AsyncStatusWriter::open(QDir(c.dataDir).filePath(QStringLiteral("aiops.sqlite")));
    if (!writer)
        return std::unexpected(writer.error());
    d->statusWriter = std::move(*writer);
    d->registry->setStatusWriter(d->statusWriter.get());
    if (auto started = d->registry->start(); !started)
        return started;

    NodeGateway::Options gatewayOptions;
    gatewayOptions.limits.maxFrameBytes = c.maxFrameBytes;
    // Allow a daemon a few messages per heartbeat plus bursts when it reconnects.
    gatewayOptions.messagesPerSecond = std::max(20.0, 4000.0 / std::max(1, c.heartbeatIntervalMs));
    d->gateway = std::make_unique<NodeGateway>(d->registry.get(), &*d->authenticator, gatewayOptions);

    d->server = std::make_unique<QHttpServer>();
    QHttpServer* server = d->server.get();
    connect(server, &QHttpServer::newWebSocketConnection, this, [this, server] {
        while (server->hasPendingWebSocketConnections()) {
            std::unique_ptr<QWebSocket> socket = server->nextPendingWebSocketConnection();
            if (!socket)
                continue;
            if (socket->requestUrl().path() == u"/ws/node") {
                d->gateway->accept(std::move(socket));
                continue;
            }
            // Other gateways (/ws/agent, /ws/system) arrive with later steps.
            protocol::SystemError e = protocol::errorReply(Error {
                ErrorCode::NotFound, QStringLiteral("No WebSocket gateway at %1").arg(socket->requestUrl().path()) });
            socket->sendTextMessage(QString::fromUtf8(protocol::encode(e)));
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, e.message);
            socket.release()->deleteLater();
        }
    });
    // Qt 6.4 upgrades a WebSocket only when a route accepts the request and writes nothing back
    // (QAbstractHttpServer gates the upgrade on handleRequest()), so the gateway path has a silent route.
    server->route(QStringLiteral("/ws/node"), [](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        if (request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
            return;
        responder.write(QJsonDocument(QJsonObject {
                            { QStringLiteral("errorCode"), errorCodeName(ErrorCode::BadRequest) },
                            { QStringLiteral("message"), QStringLiteral("/ws/node expects a WebSocket upgrade") } }),
                        QHttpServerResponder::StatusCode::BadRequest);
    });
    d->api = std::make_unique<RestApi>(*server, *d->registry, *d->authenticator, *d->gateway);
    d->safetyApi = std::make_unique<SafetyRestApi>(*server, *d->safety, *d->authenticator);

    d->port = server->listen(c.listenAddress, c.port);
    if (d->port == 0)
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("Cannot listen on %1:%2 — is another controller running?")
                             .arg(c.listenAddress.toString())
                             .arg(c.port));

    const QString endpoint = QStringLiteral("ws://%1:%2/ws/node").arg(advertisedHost(c.listenAddress)).arg(d->port);
    d->service = std::make_unique<ControllerNodeService>(
        d->registry.get(), endpoint, QString::fromLatin1(d->authenticator->token()));
    return {};
}

void Controller::stop()
{
    if (!d->server)
        return;
    if (d->registry)
        (void)d->registry->flush();
    d->service.reset();
    d->api.reset();
    d->safetyApi.reset();
    d->gateway.reset();
    d->server.reset();
    if (d->safety) {
        d->safety->flush(); // queued detections and violations reach the database before it closes
        d->safety.reset();
    }
    d->registry.reset(); // its last flush goes to the writer...
    d->statusWriter.reset(); // ...which stores every queued batch before it stops
    d->repository.reset();
    d->database.reset();
}

quint16 Controller::port() const
{
    return d->port;
}

const ControllerConfig& Controller::config() const
{
    return d->config;
}

NodeService* Controller::nodeService() const
{
    return d->service.get();
}

safety::SafetyService* Controller::safetyService() const
{
    return d->safety.get();
}

class ControllerThread::Impl
{
public:
    explicit Impl(ControllerConfig c)
        : config(std::move(c))
    {
    }
    ControllerConfig config;
    QThread thread;
    QObject anchor; // lives on the controller thread; target of the blocking calls
    Controller* controller = nullptr;
};

ControllerThread::ControllerThread(ControllerConfig config, QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(std::move(config)))
{
    d->thread.setObjectName(QStringLiteral("aiops-controller"));
}

ControllerThread::~ControllerThread()
{
    stop();
}

Result<void> ControllerThread::start()
{
    if (d->controller)
        return {};
    d->anchor.moveToThread(&d->thread);
    d->thread.start();
    Result<void> result;
    QMetaObject::invokeMethod(
        &d->anchor,
        [this, &result] {
            auto* controller = new Controller(d->config);
            result = controller->start();
            if (result)
                d->controller = controller;
            else
                delete controller;
        },
        Qt::BlockingQueuedConnection);
    if (!result) {
        d->thread.quit();
        d->thread.wait();
    }
    return result;
}

void ControllerThread::stop()
{
    if (!d->thread.isRunning())
        return;
    if (d->controller) {
        QMetaObject::invokeMethod(
            &d->anchor,
            [this] {
                delete d->controller;
                d->controller = nullptr;
            },
            Qt::BlockingQueuedConnection);
    }
    d->thread.quit();
    d->thread.wait();
}

quint16 ControllerThread::port() const
{
    return d->controller ? d->controller->port() : 0;
}

NodeService* ControllerThread::nodeService() const
{
    return d->controller ? d->controller->nodeService() : nullptr;
}

safety::SafetyService* ControllerThread::safetyService() const
{
    return d->controller ? d->controller->safetyService() : nullptr;
}

} // namespace aiops::controller
