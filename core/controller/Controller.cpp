#include "core/controller/Controller.h"

#include "core/controller/AgentGateway.h"
#include "core/controller/AgentRestApi.h"
#include "core/controller/ControllerAgentService.h"
#include "core/controller/ControllerDeploymentService.h"
#include "core/controller/ControllerNodeService.h"
#include "core/controller/DeploymentRestApi.h"
#include "core/controller/HttpRouter.h"
#include "core/controller/IamRestApi.h"
#include "core/controller/InferenceRouter.h"
#include "core/controller/McpServer.h"
#include "core/controller/ModelRestApi.h"
#include "core/controller/NodeGateway.h"
#include "core/controller/NodeModelCaches.h"
#include "core/controller/OpsTools.h"
#include "core/controller/RestApi.h"
#include "core/controller/SafetyRestApi.h"
#include "core/controller/SystemGateway.h"
#include "core/iam/IamService.h"
#include "core/iam/PasswordHasher.h"
#include "core/iam/SecretStore.h"
#include "core/iam/TlsIdentity.h"
#include "core/net/CurlClient.h"
#include "core/net/ReverseProxy.h"
#include "core/net/SharedPortServer.h"
#include "core/nodes/NodeRegistry.h"
#include "core/registry/HfHubClient.h"
#include "core/registry/ModelRegistry.h"
#include "core/registry/S3ObjectStore.h"
#include "core/safety/SafetyService.h"
#include "core/store/AsyncStatusWriter.h"
#include "core/store/Database.h"
#include "core/store/NodeRepository.h"

#include <QDir>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QSslConfiguration>
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
    std::unique_ptr<iam::SecretStore> ownedSecrets; // a 0600 file when the embedder gave none
    std::unique_ptr<iam::IamService> iam;
    std::unique_ptr<NodeAuthority> nodeAuthority; // outlives the gateway
    iam::Principal owner;
    QString tlsFingerprint;
    std::unique_ptr<store::AsyncStatusWriter> statusWriter; // outlives the registry, which flushes into it
    std::unique_ptr<nodes::NodeRegistry> registry;
    std::unique_ptr<QHttpServer> server;
    net::SharedPortServer* frontDoor = nullptr; // owned by server: QHttpServer::bind() parents it
    std::unique_ptr<NodeGateway> gateway;
    std::unique_ptr<SystemGateway> systemGateway; // /ws/system: events for users (web SDK, remote consoles)
    std::unique_ptr<HttpRouter> router;
    std::unique_ptr<RestApi> api;
    std::unique_ptr<IamRestApi> iamApi;
    std::unique_ptr<net::CurlClient> curl; // the controller thread's HTTP client (libcurl multi)
    std::unique_ptr<registry::HfHubClient> hub;
    std::unique_ptr<registry::S3ObjectStore> s3; // optional: where models are published for nodes
    std::unique_ptr<registry::ModelRegistry> models;
    std::unique_ptr<ModelRestApi> modelApi;
    std::unique_ptr<NodeModelCaches> caches;
    std::unique_ptr<safety::SafetyService> safety;
    std::unique_ptr<SafetyRestApi> safetyApi;
    std::unique_ptr<ControllerNodeService> service;
    std::unique_ptr<ControllerDeploymentService> deployments;
    std::unique_ptr<DeploymentRestApi> deploymentApi;
    std::unique_ptr<net::ReverseProxy> proxy; // inference traffic (outlives the router and the front door)
    std::unique_ptr<InferenceRouter> inference;
    std::unique_ptr<AgentGateway> agentGateway; // /ws/agent: agent runtimes
    std::unique_ptr<ControllerAgentService> agents;
    std::unique_ptr<AgentRestApi> agentApi;
    std::unique_ptr<OpsToolbox> opsTools; // the tools agents call, over MCP at /mcp
    std::unique_ptr<McpServer> mcp;
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

// The S3 store of the configuration, or why there is none. Keys: the secret store, else the environment
// (headless servers).
Result<std::unique_ptr<registry::S3ObjectStore>> makeS3Store(const ControllerConfig& c, net::CurlClient* curl)
{
    const auto secret = [&](const char* key, const char* env) -> QByteArray {
        if (auto stored = c.secrets->read(QString::fromLatin1(key)); stored && !stored->isEmpty())
            return *stored;
        return qgetenv(env);
    };
    registry::S3Config s3;
    s3.endpoint = QUrl(c.s3Endpoint);
    s3.bucket = c.s3Bucket;
    s3.region = c.s3Region.isEmpty() ? QStringLiteral("us-east-1") : c.s3Region;
    s3.prefix = c.s3Prefix;
    s3.accessKeyId = secret("s3-access-key-id", "AIOPS_S3_ACCESS_KEY_ID");
    s3.secretAccessKey = secret("s3-secret-access-key", "AIOPS_S3_SECRET_ACCESS_KEY");
    if (auto valid = s3.validate(); !valid)
        return std::unexpected(valid.error());
    return std::make_unique<registry::S3ObjectStore>(std::move(s3), curl);
}

// The controller's own built-in tools (seed 000 "Built-in Tools"), listed in the tool registry and
// served to agents by /mcp.
QList<BuiltinTool> builtinTools(ControllerAgentService& service)
{
    const auto schema = [](QJsonObject properties, QStringList required = {}) {
        return QJsonObject { { QStringLiteral("type"), QStringLiteral("object") },
                             { QStringLiteral("properties"), properties },
                             { QStringLiteral("required"), QJsonArray::fromStringList(required) } };
    };
    const auto typed = [](const char* type, const char* description) {
        return QJsonObject { { QStringLiteral("type"), QString::fromLatin1(type) },
                             { QStringLiteral("description"), QString::fromLatin1(description) } };
    };
    QList<BuiltinTool> tools;
    tools.append({ QStringLiteral("listAgents"),
                   QStringLiteral("List the agents of your organization with their status and model"),
                   QStringLiteral("system"),
                   schema({}),
                   schema({ { QStringLiteral("agents"), typed("array", "agents") } }),
                   [&service](const iam::Principal& caller, const QJsonObject&) -> Result<QJsonObject> {
                       QJsonArray list;
                       for (const agents::AgentRecord& a : service.agentsFor(caller))
                           list.append(QJsonObject { { QStringLiteral("agentId"), a.agentId },
                                                     { QStringLiteral("name"), a.name },
                                                     { QStringLiteral("description"), a.description },
                                                     { QStringLiteral("status"), a.status },
                                                     { QStringLiteral("model"), a.llmModel.modelName } });
                       return QJsonObject { { QStringLiteral("agents"), list } };
                   } });
    tools.append({ QStringLiteral("findDocuments"),
                   QStringLiteral("Search the uploaded documents of your organization by words in their name or text"),
                   QStringLiteral("data"),
                   schema({ { QStringLiteral("query"), typed("string", "words to look for") },
                            { QStringLiteral("limit"), typed("integer", "most results (default 10)") } },
                          { QStringLiteral("query") }),
                   schema({ { QStringLiteral("documents"), typed("array", "matching documents") } }),
                   [&service](const iam::Principal& caller, const QJsonObject& args) -> Result<QJsonObject> {
                       if (!args.value(QStringLiteral("query")).isString())
                           return makeError(ErrorCode::InvalidValue,
                                            QStringLiteral("query must be a string"),
                                            QStringLiteral("query"));
                       return service.findDocuments(caller,
                                                    args.value(QStringLiteral("query")).toString(),
                                                    args.value(QStringLiteral("limit")).toInt(10));
                   } });
    tools.append({ QStringLiteral("readDocument"),
                   QStringLiteral("Read the text of an uploaded document by its fileId"),
                   QStringLiteral("data"),
                   schema({ { QStringLiteral("fileId"), typed("string", "the document's fileId") },
                            { QStringLiteral("maxBytes"), typed("integer", "most bytes to read (default 65536)") } },
                          { QStringLiteral("fileId") }),
                   schema({ { QStringLiteral("content"), typed("string", "the text") } }),
                   [&service](const iam::Principal& caller, const QJsonObject& args) -> Result<QJsonObject> {
                       if (!args.value(QStringLiteral("fileId")).isString())
                           return makeError(ErrorCode::InvalidValue,
                                            QStringLiteral("fileId must be a string"),
                                            QStringLiteral("fileId"));
                       return service.readDocument(caller,
                                                   args.value(QStringLiteral("fileId")).toString(),
                                                   args.value(QStringLiteral("maxBytes")).toInteger(65536));
                   } });
    return tools;
}

constexpr auto kOwnerUsername = "owner";
constexpr auto kOwnerPasswordKey = "owner-password";

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

    // Identity and access. The local owner account's password lives in the secret store (the OS
    // keychain for the console, a 0600 file for the headless controller), never in the database.
    if (!c.secrets) {
        d->ownedSecrets = iam::makeFileSecretStore(QDir(c.dataDir).filePath(QStringLiteral("secrets.json")));
        c.secrets = d->ownedSecrets.get();
    }
    iam::IamService::Options iamOptions;
    iamOptions.databasePath = databasePath;
    iamOptions.secrets = c.secrets;
    iamOptions.jwksPath = c.jwksPath;
    iamOptions.auditRetentionDays = c.auditRetentionDays;
    iamOptions.fastPasswordHashing = c.fastPasswordHashing;
    auto iamService = iam::IamService::create(iamOptions);
    if (!iamService)
        return std::unexpected(iamService.error());
    d->iam = std::move(*iamService);
    auto ownerPassword = c.secrets->read(QString::fromLatin1(kOwnerPasswordKey));
    if (!ownerPassword && ownerPassword.error().code == ErrorCode::NotFound) {
        ownerPassword = iam::randomToken(24);
        if (auto written = c.secrets->write(QString::fromLatin1(kOwnerPasswordKey), *ownerPassword); !written)
            return std::unexpected(written.error());
    }
    if (!ownerPassword)
        return std::unexpected(ownerPassword.error());
    auto owner = d->iam->ensureOwner(QString::fromLatin1(kOwnerUsername), QString::fromUtf8(*ownerPassword));
    if (!owner)
        return std::unexpected(owner.error());
    d->owner.subject = owner->userId;
    d->owner.roles = owner->roles;
    d->owner.kind = iam::PrincipalKind::User;
    d->owner.orgId = owner->orgId;
    d->owner.displayName = owner->displayName.isEmpty() ? owner->username : owner->displayName;
    d->nodeAuthority = std::make_unique<IamNodeAuthority>(*d->iam);

    // The model registry: its tables and the local object store, laid out as the HuggingFace cache.
    d->models
        = std::make_unique<registry::ModelRegistry>(*d->database, QDir(c.dataDir).filePath(QStringLiteral("models")));
    d->curl = std::make_unique<net::CurlClient>();
    d->hub = std::make_unique<registry::HfHubClient>(d->curl.get(), c.secrets);
    if (!c.huggingFaceEndpoint.isEmpty())
        d->hub->setEndpoint(QUrl(c.huggingFaceEndpoint));
    d->models->setHubClient(d->hub.get());
    if (!c.s3Endpoint.isEmpty()) {
        // A broken S3 setting must not keep the console from starting: models stay local and say so.
        if (auto store = makeS3Store(c, d->curl.get()); store) {
            d->s3 = std::move(*store);
            d->models->setRemoteStore(d->s3.get());
        } else {
            qWarning().noquote() << QStringLiteral("S3 model storage is off: %1").arg(store.error().message);
        }
    }
    if (auto loaded = d->models->load(); !loaded)
        return loaded;

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
    d->gateway = std::make_unique<NodeGateway>(d->registry.get(), d->nodeAuthority.get(), gatewayOptions);

    // Events for signed-in users: downloads, finished models, nodes coming and going.
    SystemGateway::Options systemOptions;
    systemOptions.messagesPerSecond = c.userMessagesPerSecond;
    systemOptions.burst = 4 * c.userMessagesPerSecond;
    systemOptions.nodeOrg = [this](const QString& nodeId) {
        const auto node = d->registry->node(nodeId);
        if (!node)
            return QString();
        return node->record.owner.orgId.isEmpty() ? QStringLiteral("default") : node->record.owner.orgId;
    };
    d->systemGateway = std::make_unique<SystemGateway>(d->iam.get(), systemOptions);
    SystemGateway* events = d->systemGateway.get();
    connect(d->registry.get(), &nodes::NodeRegistry::nodeCameOnline, events, &SystemGateway::onNodeOnline);
    connect(d->registry.get(),
            &nodes::NodeRegistry::nodeWentOffline,
            events,
            [events](const protocol::NodeOffline& event, const QString&) { events->onNodeOffline(event); });
    connect(d->models.get(), &registry::ModelService::downloadChanged, events, &SystemGateway::onModelDownloadChanged);
    connect(d->models.get(),
            &registry::ModelService::downloadFinished,
            events,
            [this, events](const registry::DownloadJob& job) {
                const auto model = job.modelId.isEmpty() ? std::nullopt : d->models->model(job.modelId);
                events->onModelDownloadFinished(job, model ? &*model : nullptr, job.createdAt.msecsTo(job.changedAt));
            });

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
            if (socket->requestUrl().path() == u"/ws/system") {
                d->systemGateway->accept(std::move(socket));
                continue;
            }
            if (socket->requestUrl().path() == u"/ws/agent" && d->agentGateway) {
                d->agentGateway->accept(std::move(socket));
                continue;
            }
            protocol::SystemError e = protocol::errorReply(Error {
                ErrorCode::NotFound, QStringLiteral("No WebSocket gateway at %1").arg(socket->requestUrl().path()) });
            socket->sendTextMessage(QString::fromUtf8(protocol::encode(e)));
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, e.message);
            socket.release()->deleteLater();
        }
    });
    // Qt 6.4 upgrades a WebSocket only when a route accepts the request and writes nothing back
    // (QAbstractHttpServer gates the upgrade on handleRequest()), so each gateway path has a silent route.
    for (const QString& path :
         { QStringLiteral("/ws/node"), QStringLiteral("/ws/system"), QStringLiteral("/ws/agent") }) {
        server->route(path, [path](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            if (request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
                return;
            responder.write(
                QJsonDocument(QJsonObject {
                    { QStringLiteral("errorCode"), errorCodeName(ErrorCode::BadRequest) },
                    { QStringLiteral("message"), QStringLiteral("%1 expects a WebSocket upgrade").arg(path) } }),
                QHttpServerResponder::StatusCode::BadRequest);
        });
    }

    // TLS (optional): the operator's certificate, or a self-signed one generated on first enable that
    // daemons pin on first use.
    std::optional<QSslConfiguration> tlsConfiguration;
    if (c.tlsEnabled) {
        auto identity = c.tlsCertificatePath.isEmpty()
            ? iam::TlsIdentity::loadOrCreateSelfSigned(c.dataDir,
                                                       { advertisedHost(c.listenAddress).remove(u'[').remove(u']') })
            : iam::TlsIdentity::fromFiles(c.tlsCertificatePath, c.tlsKeyPath);
        if (!identity)
            return std::unexpected(identity.error());
        tlsConfiguration = identity->serverConfiguration();
        d->tlsFingerprint = identity->fingerprint();
    }

    // One port for REST, WebSockets and inference (TLS or not): a front door peeks at each connection's
    // first request line and gives inference paths to the reverse proxy, everything else to QHttpServer.
    d->proxy = std::make_unique<net::ReverseProxy>();
    d->frontDoor = new net::SharedPortServer(d->proxy.get(), &InferenceRouter::claims, server);
    if (tlsConfiguration)
        d->frontDoor->setSslConfiguration(*tlsConfiguration);
    if (d->frontDoor->listen(c.listenAddress, c.port)) {
        server->bind(d->frontDoor);
        d->port = d->frontDoor->serverPort();
    }
    if (d->port == 0)
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("Cannot listen on %1:%2 — is another controller running?")
                             .arg(c.listenAddress.toString())
                             .arg(c.port));

    const QString endpoint
        = QStringLiteral("%1://%2:%3/ws/node")
              .arg(c.tlsEnabled ? QStringLiteral("wss") : QStringLiteral("ws"), advertisedHost(c.listenAddress))
              .arg(d->port);

    // Every REST route goes through one router: its table declares each route's permission and
    // generates /openapi.json. Literal paths are added before parameter paths that could shadow them.
    HttpRouter::Options routerOptions;
    routerOptions.corsOrigins = c.corsOrigins;
    routerOptions.anonymousPerMinute = c.anonymousRequestsPerMinute;
    routerOptions.authenticatedPerMinute = c.authenticatedRequestsPerMinute;
    // QHttpServer keeps a connection once it has it, so REST replies end theirs: a client's next request
    // (inference, say) comes through the front door again.
    routerOptions.closeConnections = true;
    d->router = std::make_unique<HttpRouter>(d->iam.get(), routerOptions);
    d->router->setPassthrough(&InferenceRouter::refuseHeld);
    d->iamApi = std::make_unique<IamRestApi>(*d->router, *d->iam, endpoint, QStringLiteral(AIOPS_VERSION));
    d->modelApi = std::make_unique<ModelRestApi>(*d->router, *d->models);
    d->api = std::make_unique<RestApi>(*d->router, *d->registry, *d->gateway);
    d->caches = std::make_unique<NodeModelCaches>(*d->gateway, *d->registry, *d->models);
    d->caches->addRoutes(*d->router);
    d->safetyApi = std::make_unique<SafetyRestApi>(*d->router, *d->safety);

    // Deployments: placement, the persistent job queue, reconciliation with the nodes' containers.
    ControllerDeploymentService::Options deployOptions;
    deployOptions.retry.base = std::chrono::milliseconds(c.deployRetryBaseMs);
    deployOptions.healthIntervalMs = c.deployHealthIntervalMs;
    deployOptions.inferenceBaseUrl
        = QStringLiteral("%1://%2:%3")
              .arg(c.tlsEnabled ? QStringLiteral("https") : QStringLiteral("http"), advertisedHost(c.listenAddress))
              .arg(d->port);
    if (!c.imageAllowlistPath.isEmpty()) {
        QFile file(c.imageAllowlistPath);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("Cannot read the image allowlist %1").arg(c.imageAllowlistPath));
        auto allowlist = deploy::ImageAllowlist::fromJson(file.readAll());
        if (!allowlist)
            return makeError(allowlist.error().code,
                             QStringLiteral("Image allowlist %1: %2 (%3)")
                                 .arg(c.imageAllowlistPath, allowlist.error().message, allowlist.error().field));
        deployOptions.allowlist = *allowlist;
    }
    d->deployments = std::make_unique<ControllerDeploymentService>(*d->database,
                                                                   d->gateway.get(),
                                                                   d->registry.get(),
                                                                   d->models.get(),
                                                                   d->caches.get(),
                                                                   d->iam.get(),
                                                                   d->owner,
                                                                   deployOptions,
                                                                   d->curl.get());
    if (auto started = d->deployments->start(); !started)
        return started;
    connect(d->deployments.get(),
            &ControllerDeploymentService::deploymentCreated,
            events,
            &SystemGateway::onDeploymentCreated);
    connect(d->deployments.get(),
            &ControllerDeploymentService::deploymentStatusChanged,
            events,
            &SystemGateway::onDeploymentStatus);
    d->inference
        = std::make_unique<InferenceRouter>(d->proxy.get(), d->deployments.get(), d->gateway.get(), d->iam.get());
    d->deploymentApi = std::make_unique<DeploymentRestApi>(*d->router, *d->deployments, *d->registry);

    // Agents, tools and chat: the agent gateway, the runtimes' supervisor and the message pipeline.
    const QString httpBase = QStringLiteral("%1://127.0.0.1:%2")
                                 .arg(c.tlsEnabled ? QStringLiteral("https") : QStringLiteral("http"))
                                 .arg(d->port);
    AgentGateway::Options agentGatewayOptions;
    agentGatewayOptions.messagesPerSecond = c.agentMessagesPerSecond;
    agentGatewayOptions.burst = 2 * c.agentMessagesPerSecond;
    d->agentGateway = std::make_unique<AgentGateway>(agentGatewayOptions);
    ControllerAgentService::Options agentOptions;
    agentOptions.dataDir = c.dataDir;
    agentOptions.controllerHttpUrl = httpBase;
    agentOptions.gatewayUrl = QStringLiteral("%1://127.0.0.1:%2/ws/agent")
                                  .arg(c.tlsEnabled ? QStringLiteral("wss") : QStringLiteral("ws"))
                                  .arg(d->port);
    agentOptions.agentProgram = c.agentProgram;
    agentOptions.healthIntervalMs = c.toolHealthIntervalMs;
    agentOptions.supervisor.backoffBaseMs = c.agentRestartBaseMs;
    agentOptions.restoreRunningAgents = c.restoreRunningAgents;
    agentOptions.containerSocket = c.containerSocket;
    agentOptions.agentImage = c.agentImage;
    d->agents = std::make_unique<ControllerAgentService>(*d->database,
                                                         d->iam.get(),
                                                         c.secrets,
                                                         d->safety.get(),
                                                         d->agentGateway.get(),
                                                         d->curl.get(),
                                                         d->owner,
                                                         agentOptions);
    d->agents->setDeployments(d->deployments.get());
    if (auto started = d->agents->start(); !started)
        return started;
    d->systemGateway->setChat(d->agents.get());
    connect(d->agents.get(), &AgentService::conversationEvent, events, &SystemGateway::onConversationEvent);
    d->agentApi = std::make_unique<AgentRestApi>(*d->router, *d->agents);

    d->deploymentApi->addDestructiveRoutes(*d->router);
    d->agentApi->addDestructiveRoutes(*d->router);
    d->router->install(*server);

    d->service
        = std::make_unique<ControllerNodeService>(d->registry.get(), endpoint, d->iam.get(), d->owner, d->caches.get());

    // The MCP server for agents: read-only ops tools over the services above, scoped to the caller's org.
    d->opsTools = std::make_unique<OpsToolbox>();
    addOpsTools(*d->opsTools, *d->service, *d->deployments, *d->models);
    // The agents' own built-in tools join them, and the tool registry lists all of them as built-in.
    for (const BuiltinTool& b : builtinTools(*d->agents)) {
        OpsTool tool;
        tool.name = b.name;
        tool.description = b.description;
        tool.inputSchema = b.inputSchema;
        tool.outputSchema = b.outputSchema;
        tool.permission = iam::Permission::UseMcpTools;
        tool.handler = b.call;
        tool.annotations = QJsonObject { { QStringLiteral("readOnlyHint"), true } };
        d->opsTools->add(tool);
    }
    QList<BuiltinTool> registryTools;
    for (const OpsTool& tool : d->opsTools->tools()) {
        const OpsToolbox* toolbox = d->opsTools.get();
        const QString name = tool.name;
        registryTools.append({ tool.name,
                               tool.description,
                               tool.name == u"findDocuments" || tool.name == u"readDocument" ? QStringLiteral("data")
                                                                                             : QStringLiteral("system"),
                               tool.inputSchema,
                               tool.outputSchema,
                               [toolbox, name](const iam::Principal& caller, const QJsonObject& arguments) {
                                   return toolbox->call(caller, name, arguments);
                               } });
    }
    d->agents->setBuiltinTools(registryTools);
    McpServer::Options mcpOptions;
    mcpOptions.serverVersion = QStringLiteral(AIOPS_VERSION);
    mcpOptions.corsOrigins = c.corsOrigins;
    d->mcp = std::make_unique<McpServer>(*d->opsTools, mcpOptions);
    d->mcp->addRoutes(*d->router);
    return {};
}

void Controller::stop()
{
    if (!d->server)
        return;
    if (d->registry)
        (void)d->registry->flush();
    d->mcp.reset();
    d->opsTools.reset(); // its tools read the services below
    d->service.reset();
    if (d->agents)
        d->agents->shutdown();
    d->frontDoor = nullptr;
    d->server.reset(); // and the front door it owns
    d->inference.reset();
    d->proxy.reset();
    d->deploymentApi.reset();
    d->agentApi.reset();
    if (d->systemGateway)
        d->systemGateway->setChat(nullptr);
    d->agents.reset();
    d->agentGateway.reset();
    d->deployments.reset();
    d->api.reset();
    d->safetyApi.reset();
    d->iamApi.reset();
    d->modelApi.reset();
    d->caches.reset();
    d->router.reset();
    d->models.reset();
    d->s3.reset();
    d->hub.reset();
    d->curl.reset();
    d->gateway.reset();
    d->systemGateway.reset();
    if (d->safety) {
        d->safety->flush(); // queued detections and violations reach the database before it closes
        d->safety.reset();
    }
    if (d->iam) {
        d->iam->flush(); // queued audit events are stored before the database closes
        d->iam.reset();
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

iam::IamService* Controller::iamService() const
{
    return d->iam.get();
}

iam::Principal Controller::ownerPrincipal() const
{
    return d->owner;
}

registry::ModelService* Controller::modelService() const
{
    return d->models.get();
}

AgentService* Controller::agentService() const
{
    return d->agents.get();
}

DeploymentService* Controller::deploymentService() const
{
    return d->deployments.get();
}

NodeModelCaches* Controller::nodeModelCaches() const
{
    return d->caches.get();
}

const HttpRouter* Controller::router() const
{
    return d->router.get();
}

QString Controller::tlsFingerprint() const
{
    return d->tlsFingerprint;
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

iam::IamService* ControllerThread::iamService() const
{
    return d->controller ? d->controller->iamService() : nullptr;
}

registry::ModelService* ControllerThread::modelService() const
{
    return d->controller ? d->controller->modelService() : nullptr;
}

DeploymentService* ControllerThread::deploymentService() const
{
    return d->controller ? d->controller->deploymentService() : nullptr;
}

AgentService* ControllerThread::agentService() const
{
    return d->controller ? d->controller->agentService() : nullptr;
}

iam::Principal ControllerThread::ownerPrincipal() const
{
    return d->controller ? d->controller->ownerPrincipal() : iam::Principal {};
}

QString ControllerThread::tlsFingerprint() const
{
    return d->controller ? d->controller->tlsFingerprint() : QString();
}

} // namespace aiops::controller
