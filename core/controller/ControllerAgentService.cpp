#include "core/controller/ControllerAgentService.h"

#include "core/agents/AgentStore.h"
#include "core/agents/McpClient.h"
#include "core/controller/AgentGateway.h"
#include "core/controller/LocalContainers.h"
#include "core/iam/IamService.h"
#include "core/iam/PasswordHasher.h"
#include "core/iam/Permissions.h"
#include "core/iam/SecretStore.h"
#include "core/protocol/Codec.h"
#include "core/safety/SafetyService.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QPointer>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>
#include <QUuid>
#include <openssl/crypto.h>

namespace aiops::controller {

using namespace agents;

namespace {

const QStringList kToolCategories { QStringLiteral("productivity"),
                                    QStringLiteral("data"),
                                    QStringLiteral("system"),
                                    QStringLiteral("communication") };
const QStringList kScopes { QStringLiteral("public"), QStringLiteral("org"), QStringLiteral("private") };
const QStringList kProviders { QStringLiteral("internal"),
                               QStringLiteral("openai"),
                               QStringLiteral("anthropic"),
                               QStringLiteral("ollama"),
                               QStringLiteral("openai-compatible") };
const QStringList kPrivacyModes { QStringLiteral("local-only"), QStringLiteral("allow-api"), QStringLiteral("hybrid") };

QString apiKeySecretName(const QString& agentId)
{
    return QStringLiteral("agent-%1-api-key").arg(agentId);
}

Result<QString> stringField(const QJsonObject& body, const char* name, int maxLength, bool required)
{
    const QString key = QString::fromLatin1(name);
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return makeError(ErrorCode::MissingField, QStringLiteral("\"%1\" is required").arg(key), key);
        return QString();
    }
    if (!value.isString())
        return makeError(ErrorCode::InvalidFieldType, QStringLiteral("\"%1\" must be a string").arg(key), key);
    const QString text = value.toString();
    if (required && text.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, QStringLiteral("\"%1\" must not be empty").arg(key), key);
    if (text.size() > maxLength)
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("\"%1\" is longer than %2 characters").arg(key).arg(maxLength),
                         key);
    return text;
}

Result<QStringList> stringList(const QJsonValue& value, const QString& field, int maxItems = 200, int maxLength = 500)
{
    if (!value.isArray())
        return makeError(
            ErrorCode::InvalidFieldType, QStringLiteral("\"%1\" must be an array of strings").arg(field), field);
    QStringList list;
    const QJsonArray array = value.toArray();
    if (array.size() > maxItems)
        return makeError(
            ErrorCode::InvalidValue, QStringLiteral("\"%1\" has more than %2 items").arg(field).arg(maxItems), field);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("%1[%2]").arg(field).arg(i);
        if (!array.at(i).isString())
            return makeError(ErrorCode::InvalidFieldType, QStringLiteral("\"%1\" must be a string").arg(path), path);
        if (array.at(i).toString().size() > maxLength)
            return makeError(ErrorCode::InvalidValue, QStringLiteral("\"%1\" is too long").arg(path), path);
        list.append(array.at(i).toString());
    }
    return list;
}

Result<void> checkEnum(const QString& value, const QStringList& allowed, const QString& field)
{
    if (allowed.contains(value))
        return {};
    return makeError(ErrorCode::InvalidValue,
                     QStringLiteral("\"%1\" must be one of %2").arg(field, allowed.join(QStringLiteral(", "))),
                     field);
}

// The MCP path of a container tool: its endpoint while that is a path, the path of its loopback URL
// once it runs, else the transport's usual one.
QString containerToolPath(const ToolRecord& tool)
{
    if (tool.endpoint.startsWith(u'/'))
        return tool.endpoint;
    const QString path = QUrl(tool.endpoint).path();
    if (!tool.endpoint.isEmpty() && !path.isEmpty())
        return path;
    return tool.transport == u"sse" ? QStringLiteral("/sse") : QStringLiteral("/mcp");
}

// Changes when anything that shapes a tool's container changes (a new revision replaces the container).
QString containerRevision(const ToolRecord& tool)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& part : { tool.dockerImage, QString::number(tool.port), tool.healthEndpoint })
        hash.addData((part + QLatin1Char('\n')).toUtf8());
    for (auto it = tool.environment.cbegin(); it != tool.environment.cend(); ++it)
        hash.addData((it.key() + QLatin1Char('=') + it.value() + QLatin1Char('\n')).toUtf8());
    return QString::fromLatin1(hash.result().toHex().left(12));
}

Result<void> checkHttpUrl(const QString& text, const QString& field)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return makeError(
            ErrorCode::InvalidValue, QStringLiteral("\"%1\" must be an http:// or https:// URL").arg(field), field);
    return {};
}

bool isLocalHost(const QString& host)
{
    if (host == u"localhost")
        return true;
    const QHostAddress address(host);
    if (address.isNull())
        return false;
    for (const auto& [network, bits] :
         { std::pair { "10.0.0.0", 8 }, std::pair { "172.16.0.0", 12 }, std::pair { "192.168.0.0", 16 } }) {
        if (address.isInSubnet(QHostAddress(QString::fromLatin1(network)), bits))
            return true;
    }
    return address.isLoopback() || address.isLinkLocal() || address.isUniqueLocalUnicast();
}

QJsonObject toolCallResultJson(const McpToolResult& result)
{
    QJsonObject json { { QStringLiteral("content"), result.content }, { QStringLiteral("isError"), result.isError } };
    if (!result.structuredContent.isEmpty())
        json.insert(QStringLiteral("structuredContent"), result.structuredContent);
    return json;
}

// aiops-agent next to this executable (installed), in the build tree's agent/ folder, else on PATH.
QString findAgentProgram()
{
    const QDir appDir(QCoreApplication::applicationDirPath());
    const QString name = QStringLiteral("aiops-agent");
    for (const QString& candidate : { appDir.filePath(name), appDir.filePath(QStringLiteral("../agent/") + name) }) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    const QString onPath = QStandardPaths::findExecutable(name);
    return onPath.isEmpty() ? appDir.filePath(name) : onPath;
}

} // namespace

ControllerAgentService::ControllerAgentService(store::Database& database,
                                               iam::IamService* iam,
                                               iam::SecretStore* secrets,
                                               safety::SafetyService* safety,
                                               AgentGateway* gateway,
                                               net::CurlClient* curl,
                                               iam::Principal actingAs,
                                               Options options,
                                               QObject* parent)
    : AgentService(parent)
    , m_database(database)
    , m_iam(iam)
    , m_secrets(secrets)
    , m_safety(safety)
    , m_gateway(gateway)
    , m_curl(curl)
    , m_actingAs(std::move(actingAs))
    , m_options(std::move(options))
    , m_store(std::make_unique<AgentStore>(database))
{
    if (m_options.supervisor.program.isEmpty())
        m_options.supervisor.program = m_options.agentProgram.isEmpty() ? findAgentProgram() : m_options.agentProgram;
    m_supervisor = std::make_unique<AgentSupervisor>(m_options.supervisor);
    connect(m_supervisor.get(),
            &AgentSupervisor::exited,
            this,
            [this](const QString& agentId, int code, const QString& tail, int restartInMs) {
                if (restartInMs < 0)
                    return; // gaveUp follows
                setStatus(agentId,
                          QStringLiteral("starting"),
                          tr("The agent runtime exited (code %1); restarting in %2 s. %3")
                              .arg(code)
                              .arg(restartInMs / 1000.0, 0, 'f', 1)
                              .arg(tail));
            });
    connect(m_supervisor.get(), &AgentSupervisor::gaveUp, this, [this](const QString& agentId, const QString& reason) {
        endRuntime(agentId);
        setStatus(agentId, QStringLiteral("error"), reason);
        const auto a = agent(agentId);
        Q_EMIT agentFailed(agentId, a ? a->name : agentId, reason);
    });
    if (m_gateway) {
        m_gateway->setAuthenticator([this](const QByteArray& token) { return agentForToken(token); });
        connect(m_gateway, &AgentGateway::agentConnected, this, &ControllerAgentService::onAgentConnected);
        connect(m_gateway, &AgentGateway::agentDisconnected, this, &ControllerAgentService::onAgentDisconnected);
        connect(m_gateway, &AgentGateway::agentEvent, this, &ControllerAgentService::onAgentEvent);
    }
    m_healthTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_healthTimer, &QTimer::timeout, this, &ControllerAgentService::runHealthChecks);
    m_containers = std::make_unique<LocalContainers>(m_options.containerSocket, m_curl);
    m_supervisor->setContainerEngine([this] { return m_containers->engine(); });
    connect(m_supervisor.get(), &AgentSupervisor::started, this, [this](const QString& agentId, qint64) {
        const QString containerId = m_supervisor->containerId(agentId);
        // The snapshot, not a re-read: its counters may be ahead of SQLite (write-behind).
        auto current = agent(agentId);
        if (!current || current->containerId == containerId)
            return;
        current->containerId = containerId;
        if (m_store->updateAgent(*current))
            putAgent(*current);
    });
    connect(m_containers.get(), &LocalContainers::deployed, this, &ControllerAgentService::onToolContainerDeployed);
    // Progress for the Tools page while a container tool starts (the tool is "inactive" until it answers).
    connect(
        m_containers.get(), &LocalContainers::phaseChanged, this, [this](const QString& toolId, const QString& phase) {
            if (phase != u"running" && m_toolsDeploying.contains(toolId))
                setToolDeployPhase(toolId, phase, 0, 0);
        });
    connect(m_containers.get(),
            &LocalContainers::pullProgress,
            this,
            [this](const QString& toolId, qint64 current, qint64 total) {
                if (m_toolsDeploying.contains(toolId))
                    setToolDeployPhase(toolId, QStringLiteral("pulling"), current, total);
            });
    connect(m_containers.get(), &LocalContainers::failed, this, &ControllerAgentService::onToolContainerFailed);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { (void)flushMessages(); });
}

ControllerAgentService::~ControllerAgentService()
{
    shutdown();
}

template<typename T, typename F> T ControllerAgentService::onOwnThread(F&& work) const
{
    if (QThread::currentThread() == thread())
        return work();
    T result;
    QMetaObject::invokeMethod(
        const_cast<ControllerAgentService*>(this), [&] { result = work(); }, Qt::BlockingQueuedConnection);
    return result;
}

QString ControllerAgentService::newId(const QString& prefix) const
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

Result<void> ControllerAgentService::start()
{
    QDir().mkpath(QDir(m_options.dataDir).filePath(QStringLiteral("agents")));
    QDir().mkpath(QDir(m_options.dataDir).filePath(QStringLiteral("files")));
    auto tools = m_store->tools();
    if (!tools)
        return std::unexpected(tools.error());
    auto instructions = m_store->instructions();
    if (!instructions)
        return std::unexpected(instructions.error());
    auto agentList = m_store->agents();
    if (!agentList)
        return std::unexpected(agentList.error());
    {
        QMutexLocker lock(&m_mutex);
        for (const ToolRecord& t : *tools)
            m_tools.insert(t.toolId, t);
        for (const InstructionRecord& i : *instructions)
            m_instructions.insert(i.instructionId, i);
        for (const AgentRecord& a : *agentList)
            m_agents.insert(a.agentId, a);
    }
    // Runtimes do not survive the controller: agents that were running start again (state survives
    // a restart); the others keep their status.
    for (AgentRecord a : *agentList) {
        const bool wasRunning = a.status == u"running" || a.status == u"starting";
        if (wasRunning && m_options.restoreRunningAgents) {
            if (auto launched = launch(a); !launched)
                setStatus(a.agentId, QStringLiteral("error"), launched.error().message);
        } else if (wasRunning) {
            setStatus(a.agentId, QStringLiteral("stopped"));
        }
    }
    // Container tools outlive the controller: the same spec adopts the running container, a stopped
    // or missing one is started again.
    for (const ToolRecord& t : *tools) {
        if (t.type == u"mcp" && !t.dockerImage.isEmpty() && !t.isDeleted)
            deployToolContainer(t);
    }
    if (m_options.healthIntervalMs > 0) {
        m_healthTimer.start(m_options.healthIntervalMs);
        QTimer::singleShot(0, this, &ControllerAgentService::runHealthChecks);
    }
    return {};
}

void ControllerAgentService::shutdown()
{
    m_healthTimer.stop();
    m_flushTimer.stop();
    // Queued messages reach the database before it closes. A batch that fails here was already
    // retried by SQLite for busy_timeout; two more tries, then the loss is logged.
    for (int attempt = 0; attempt < 3 && (!m_pending.isEmpty() || !m_pendingUsage.isEmpty()); ++attempt)
        (void)flushMessages();
    m_flushTimer.stop();
    if (!m_pending.isEmpty())
        qCritical("Chat store: %d queued messages could not be written before shutdown", int(m_pending.size()));
    if (!m_supervisor)
        return;
    const QStringList ids = m_runtimes.keys();
    m_supervisor->shutdown();
    for (const QString& id : ids) {
        const Runtime runtime = m_runtimes.take(id);
        if (!runtime.apiKeyId.isEmpty() && m_iam)
            (void)m_iam->revokeApiKey(runtime.apiKeyId);
        QFile::remove(runtime.configPath);
    }
}

// ---- snapshots ---------------------------------------------------------------------------------

void ControllerAgentService::putTool(const ToolRecord& tool)
{
    {
        QMutexLocker lock(&m_mutex);
        if (tool.isDeleted) {
            m_tools.remove(tool.toolId);
        } else {
            ToolRecord& slot = m_tools[tool.toolId];
            // A stored record has no deploy progress: keep the one shown until the deploy ends.
            const bool keepProgress = tool.deployPhase.isEmpty() && m_toolsDeploying.contains(tool.toolId);
            ToolRecord next = tool;
            if (keepProgress) {
                next.deployPhase = slot.deployPhase;
                next.pullCurrentBytes = slot.pullCurrentBytes;
                next.pullTotalBytes = slot.pullTotalBytes;
            }
            slot = std::move(next);
        }
    }
    Q_EMIT toolsChanged();
}

void ControllerAgentService::setToolDeployPhase(const QString& toolId,
                                                const QString& phase,
                                                qint64 currentBytes,
                                                qint64 totalBytes)
{
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_tools.find(toolId);
        if (it == m_tools.end())
            return;
        // Pull progress comes many times a second: the page hears of each whole percent (or MiB,
        // while the size is unknown).
        const auto step = [](qint64 current, qint64 total) {
            return total > 0 ? current * 100 / total : current >> 20;
        };
        const bool same = it->deployPhase == phase && it->pullTotalBytes == totalBytes
            && step(it->pullCurrentBytes, it->pullTotalBytes) == step(currentBytes, totalBytes);
        it->deployPhase = phase;
        it->pullCurrentBytes = currentBytes;
        it->pullTotalBytes = totalBytes;
        if (same)
            return;
    }
    Q_EMIT toolsChanged();
}

void ControllerAgentService::putAgent(const AgentRecord& agent)
{
    {
        QMutexLocker lock(&m_mutex);
        if (agent.isDeleted)
            m_agents.remove(agent.agentId);
        else
            m_agents.insert(agent.agentId, agent);
    }
    Q_EMIT agentsChanged({ agent.agentId });
}

void ControllerAgentService::putInstruction(const InstructionRecord& instruction)
{
    {
        QMutexLocker lock(&m_mutex);
        if (instruction.isDeleted)
            m_instructions.remove(instruction.instructionId);
        else
            m_instructions.insert(instruction.instructionId, instruction);
    }
    Q_EMIT instructionsChanged();
}

Result<void> ControllerAgentService::canManage(const iam::Principal& caller, const QString& orgId) const
{
    return iam::authorize(caller, iam::Permission::CreateAgents, orgId);
}

Result<void> ControllerAgentService::canSee(const iam::Principal& caller, const QString& orgId) const
{
    return iam::authorize(caller, iam::Permission::ViewMetrics, orgId);
}

// ---- tools -------------------------------------------------------------------------------------

void ControllerAgentService::setBuiltinTools(const QList<BuiltinTool>& builtins)
{
    onOwnThread<int>([&] {
        for (const BuiltinTool& b : builtins) {
            m_builtins.insert(b.name, b);
            const QString toolId = QStringLiteral("builtin-") + b.name;
            ToolRecord record;
            if (auto existing = m_store->tool(toolId))
                record = *existing;
            record.toolId = toolId;
            record.name = b.name;
            record.type = QStringLiteral("builtin");
            record.description = b.description.left(500);
            record.category = b.category;
            record.transport.clear();
            record.status = QStringLiteral("active");
            record.inputSchema = b.inputSchema;
            record.outputSchema = b.outputSchema;
            record.scope = QStringLiteral("public");
            record.lastHealthCheck = m_store->now();
            if (record.orgId.isEmpty()) {
                record.orgId = m_actingAs.orgId;
                record.userId = m_actingAs.subject;
            }
            auto saved = record.createdAt.isValid() ? m_store->updateTool(record) : m_store->insertTool(record);
            if (saved)
                putTool(*saved);
            else
                qWarning(
                    "Cannot store the built-in tool %s: %s", qPrintable(b.name), qPrintable(saved.error().message));
        }
        return 0;
    });
}

Result<ToolRecord> ControllerAgentService::toolFromJson(const QJsonObject& body, ToolRecord base)
{
    const bool creating = base.toolId.isEmpty();
    if (body.contains(QStringLiteral("type")) && body.value(QStringLiteral("type")).toString() != u"mcp")
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("Only MCP tools can be registered; built-in tools are pre-configured"),
                         QStringLiteral("type"));
    auto name = stringField(body, "name", 100, creating);
    if (!name)
        return std::unexpected(name.error());
    if (!name->isEmpty())
        base.name = name->trimmed();
    for (const auto& [key, target, max] : { std::tuple { "description", &base.description, 500 },
                                            std::tuple { "category", &base.category, 40 },
                                            std::tuple { "transport", &base.transport, 10 },
                                            std::tuple { "endpoint", &base.endpoint, 2048 },
                                            std::tuple { "dockerImage", &base.dockerImage, 512 },
                                            std::tuple { "healthEndpoint", &base.healthEndpoint, 512 },
                                            std::tuple { "scope", &base.scope, 10 } }) {
        if (!body.contains(QLatin1String(key)))
            continue;
        auto value = stringField(body, key, max, false);
        if (!value)
            return std::unexpected(value.error());
        *target = value->trimmed();
    }
    if (body.contains(QStringLiteral("port"))) {
        const QJsonValue port = body.value(QStringLiteral("port"));
        if (!port.isDouble() || port.toDouble() != double(port.toInt()))
            return makeError(
                ErrorCode::InvalidFieldType, QStringLiteral("\"port\" must be an integer"), QStringLiteral("port"));
        base.port = port.toInt();
    }
    if (body.contains(QStringLiteral("environment"))) {
        const QJsonValue env = body.value(QStringLiteral("environment"));
        if (!env.isObject())
            return makeError(ErrorCode::InvalidFieldType,
                             QStringLiteral("\"environment\" must be an object of strings"),
                             QStringLiteral("environment"));
        const QMap<QString, QString> previous = base.environment;
        base.environment.clear();
        const QJsonObject object = env.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString())
                return makeError(ErrorCode::InvalidFieldType,
                                 QStringLiteral("environment.%1 must be a string").arg(it.key()),
                                 QStringLiteral("environment.") + it.key());
            // toJson() masks secret-looking values; the mask sent back keeps the stored value.
            const QString value = it.value().toString();
            base.environment.insert(
                it.key(), value == u"********" && previous.contains(it.key()) ? previous.value(it.key()) : value);
        }
    }
    if (body.contains(QStringLiteral("allowedOrgs"))) {
        auto orgs = stringList(body.value(QStringLiteral("allowedOrgs")), QStringLiteral("allowedOrgs"));
        if (!orgs)
            return std::unexpected(orgs.error());
        base.allowedOrgs = *orgs;
    }
    if (base.transport.isEmpty())
        base.transport = QStringLiteral("http");
    if (auto ok = checkEnum(base.category, kToolCategories, QStringLiteral("category")); !ok)
        return std::unexpected(ok.error());
    if (auto ok
        = checkEnum(base.transport, { QStringLiteral("http"), QStringLiteral("sse") }, QStringLiteral("transport"));
        !ok)
        return std::unexpected(ok.error());
    if (auto ok = checkEnum(base.scope, kScopes, QStringLiteral("scope")); !ok)
        return std::unexpected(ok.error());
    if (!base.healthEndpoint.isEmpty() && !base.healthEndpoint.startsWith(u'/'))
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("\"healthEndpoint\" must be a path such as /health"),
                         QStringLiteral("healthEndpoint"));
    base.type = QStringLiteral("mcp");
    if (!base.dockerImage.isEmpty()) {
        // As a container on this machine: the image, the port it listens on, and the MCP path. The
        // endpoint is a path until the container runs, then its loopback URL.
        static const QRegularExpression imageReference(QStringLiteral("^[a-z0-9][a-z0-9._/:@-]*$"),
                                                       QRegularExpression::CaseInsensitiveOption);
        if (!imageReference.match(base.dockerImage).hasMatch())
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("\"dockerImage\" is not an image reference such as "
                                            "ghcr.io/example/mcp-server:1.0"),
                             QStringLiteral("dockerImage"));
        if (base.port < 1024 || base.port > 65535)
            return makeError(ErrorCode::OutOfRange,
                             QStringLiteral("\"port\" must be the server's port in the container, 1024-65535"),
                             QStringLiteral("port"));
        static const QRegularExpression variable(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        for (auto it = base.environment.cbegin(); it != base.environment.cend(); ++it) {
            if (!variable.match(it.key()).hasMatch())
                return makeError(ErrorCode::InvalidValue,
                                 QStringLiteral("environment: \"%1\" is not a variable name").arg(it.key()),
                                 QStringLiteral("environment.") + it.key());
        }
        const QString path = containerToolPath(base);
        if (!path.startsWith(u'/') || path.contains(u' '))
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("For a container, \"endpoint\" is the MCP path in it, such as /mcp"),
                             QStringLiteral("endpoint"));
        if (base.endpoint.isEmpty() || base.endpoint.startsWith(u'/'))
            base.endpoint = path;
        return base;
    }
    if (base.endpoint.isEmpty())
        return makeError(ErrorCode::MissingField,
                         QStringLiteral("\"endpoint\" is required: the MCP server's URL"),
                         QStringLiteral("endpoint"));
    if (auto ok = checkHttpUrl(base.endpoint, QStringLiteral("endpoint")); !ok)
        return std::unexpected(ok.error());
    return base;
}

QList<ToolRecord> ControllerAgentService::tools() const
{
    QMutexLocker lock(&m_mutex);
    QList<ToolRecord> list = m_tools.values();
    std::sort(list.begin(), list.end(), [](const ToolRecord& a, const ToolRecord& b) {
        return std::pair(a.type != u"mcp", a.name.toLower()) < std::pair(b.type != u"mcp", b.name.toLower());
    });
    return list;
}

std::optional<ToolRecord> ControllerAgentService::tool(const QString& toolId) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_tools.constFind(toolId);
    return it == m_tools.cend() ? std::nullopt : std::optional(*it);
}

QList<ToolRecord> ControllerAgentService::toolsFor(const iam::Principal& caller) const
{
    QList<ToolRecord> visible;
    for (const ToolRecord& t : tools()) {
        if (t.scope == u"public" || canSee(caller, t.orgId)
            || (t.scope == u"org" && t.allowedOrgs.contains(caller.orgId)))
            visible.append(t);
    }
    return visible;
}

Result<ToolRecord> ControllerAgentService::toolFor(const iam::Principal& caller, const QString& toolId) const
{
    const auto t = tool(toolId);
    if (!t)
        return makeError(ErrorCode::NotFound, tr("No tool %1").arg(toolId));
    if (t->scope == u"public" || (t->scope == u"org" && t->allowedOrgs.contains(caller.orgId)))
        return *t;
    if (auto ok = canSee(caller, t->orgId); !ok)
        return std::unexpected(ok.error());
    return *t;
}

Result<ToolRecord> ControllerAgentService::registerToolAs(const iam::Principal& caller, const ToolRecord& draft)
{
    if (auto ok = iam::authorize(caller, iam::Permission::DeployTools, caller.orgId); !ok)
        return std::unexpected(ok.error());
    ToolRecord tool = draft;
    tool.toolId = newId(QStringLiteral("tool-"));
    tool.orgId = caller.orgId;
    tool.userId = caller.subject;
    tool.status = QStringLiteral("inactive");
    tool.discovered.clear();
    tool.lastError.clear();
    tool.isDeleted = false;
    for (const ToolRecord& existing : tools()) {
        if (existing.orgId == tool.orgId && existing.name.compare(tool.name, Qt::CaseInsensitive) == 0)
            return makeError(
                ErrorCode::Conflict, tr("A tool named %1 exists already").arg(tool.name), QStringLiteral("name"));
    }
    if (!tool.dockerImage.isEmpty())
        tool.containerId.clear();
    auto saved = m_store->insertTool(tool);
    if (!saved)
        return saved;
    putTool(*saved);
    if (saved->dockerImage.isEmpty())
        checkHealth(saved->toolId, {});
    else
        deployToolContainer(*saved);
    return saved;
}

Result<ToolRecord> ControllerAgentService::registerTool(const ToolRecord& draft)
{
    return onOwnThread<Result<ToolRecord>>([&]() -> Result<ToolRecord> {
        QJsonObject body = draft.toJson();
        body.remove(QStringLiteral("toolId"));
        body.remove(QStringLiteral("status"));
        body.remove(QStringLiteral("schema"));
        body.remove(QStringLiteral("discoveredTools"));
        body.remove(QStringLiteral("owner"));
        body.remove(QStringLiteral("createdAt"));
        body.remove(QStringLiteral("changedAt"));
        body.remove(QStringLiteral("lastHealthCheck"));
        body.remove(QStringLiteral("lastError"));
        body.remove(QStringLiteral("containerId"));
        body.remove(QStringLiteral("isDeleted"));
        auto parsed = toolFromJson(body, ToolRecord {});
        if (!parsed)
            return parsed;
        return registerToolAs(m_actingAs, *parsed);
    });
}

Result<ToolRecord>
ControllerAgentService::updateToolAs(const iam::Principal& caller, const QString& toolId, const QJsonObject& changes)
{
    auto current = toolFor(caller, toolId);
    if (!current)
        return current;
    if (current->type != u"mcp")
        return makeError(ErrorCode::Forbidden, tr("Built-in tools cannot be changed"));
    if (auto ok = iam::authorize(caller, iam::Permission::DeployTools, current->orgId); !ok)
        return std::unexpected(ok.error());
    auto updated = toolFromJson(changes, *current);
    if (!updated)
        return updated;
    updated->toolId = current->toolId;
    const bool wasContainer = !current->dockerImage.isEmpty();
    const bool isContainer = !updated->dockerImage.isEmpty();
    const bool redeploy = isContainer
        && (!wasContainer || containerRevision(*updated) != containerRevision(*current)
            || containerToolPath(*updated) != containerToolPath(*current));
    if (redeploy) {
        updated->endpoint = containerToolPath(*updated);
        updated->containerId.clear();
        updated->status = QStringLiteral("inactive");
        updated->lastError.clear();
    } else if (!isContainer) {
        updated->containerId.clear();
    }
    auto saved = m_store->updateTool(*updated);
    if (!saved)
        return saved;
    putTool(*saved);
    if (wasContainer && !isContainer)
        m_containers->remove(toolId);
    if (redeploy)
        deployToolContainer(*saved);
    else if (!m_toolsDeploying.contains(toolId))
        checkHealth(toolId, {});
    return saved;
}

Result<ToolRecord> ControllerAgentService::updateTool(const ToolRecord& tool)
{
    return onOwnThread<Result<ToolRecord>>([&]() -> Result<ToolRecord> {
        QJsonObject changes = tool.toJson();
        for (const char* key : { "toolId",
                                 "type",
                                 "status",
                                 "schema",
                                 "discoveredTools",
                                 "owner",
                                 "createdAt",
                                 "changedAt",
                                 "lastHealthCheck",
                                 "lastError",
                                 "containerId",
                                 "isDeleted" })
            changes.remove(QLatin1String(key));
        return updateToolAs(m_actingAs, tool.toolId, changes);
    });
}

Result<void> ControllerAgentService::removeToolAs(const iam::Principal& caller, const QString& toolId)
{
    auto current = toolFor(caller, toolId);
    if (!current)
        return std::unexpected(current.error());
    if (current->type != u"mcp")
        return makeError(ErrorCode::Forbidden, tr("Built-in tools cannot be removed"));
    if (auto ok = iam::authorize(caller, iam::Permission::DeployTools, current->orgId); !ok)
        return ok;
    auto users = m_store->agentsUsingTool(toolId);
    if (!users)
        return std::unexpected(users.error());
    if (!users->isEmpty()) {
        QStringList names;
        for (const AgentRecord& a : *users)
            names.append(a.name);
        return makeError(
            ErrorCode::Conflict,
            tr("%1 is assigned to %2; remove it from those agents first").arg(current->name, names.join(u", ")));
    }
    if (auto removed = m_store->softDeleteTool(toolId); !removed)
        return removed;
    ToolRecord gone = *current;
    gone.isDeleted = true;
    putTool(gone);
    m_toolsDeploying.remove(toolId);
    if (!current->dockerImage.isEmpty()) {
        const QString name = current->name;
        m_containers->remove(toolId, [name](Result<void> removed) {
            if (!removed)
                qWarning("Cannot remove the container of the tool %s: %s",
                         qPrintable(name),
                         qPrintable(removed.error().message));
        });
    }
    return {};
}

Result<void> ControllerAgentService::removeTool(const QString& toolId)
{
    return onOwnThread<Result<void>>([&] { return removeToolAs(m_actingAs, toolId); });
}

Result<void> ControllerAgentService::checkToolHealth(const QString& toolId)
{
    return onOwnThread<Result<void>>([&]() -> Result<void> {
        auto t = toolFor(m_actingAs, toolId);
        if (!t)
            return std::unexpected(t.error());
        checkHealth(toolId, {});
        return {};
    });
}

Result<void> ControllerAgentService::restartToolAs(const iam::Principal& caller, const QString& toolId)
{
    auto t = toolFor(caller, toolId);
    if (!t)
        return std::unexpected(t.error());
    if (t->type != u"mcp")
        return makeError(ErrorCode::Forbidden, tr("Built-in tools run inside the controller and cannot be restarted"));
    if (auto ok = iam::authorize(caller, iam::Permission::DeployTools, t->orgId); !ok)
        return ok;
    if (t->dockerImage.isEmpty()) {
        // A URL-registered server is not ours to restart: the restart is a fresh session + health check.
        checkHealth(toolId, {});
        return {};
    }
    if (m_toolsDeploying.contains(toolId))
        return makeError(ErrorCode::Conflict, tr("%1 is starting already").arg(t->name));
    m_toolsDeploying.insert(toolId);
    setToolDeployPhase(toolId, QStringLiteral("starting"), 0, 0);
    saveToolState(toolId, [](ToolRecord& r) {
        r.status = QStringLiteral("inactive");
        r.lastError.clear();
        r.containerId.clear();
    });
    QPointer<ControllerAgentService> self(this);
    m_containers->remove(toolId, [self, toolId](Result<void> removed) {
        if (!self)
            return;
        const auto current = self->tool(toolId);
        if (!current) {
            self->m_toolsDeploying.remove(toolId);
            return;
        }
        if (!removed) {
            self->onToolContainerFailed(toolId, removed.error().message);
            return;
        }
        self->deployToolContainer(*current);
    });
    return {};
}

Result<void> ControllerAgentService::restartTool(const QString& toolId)
{
    return onOwnThread<Result<void>>([&]() -> Result<void> { return restartToolAs(m_actingAs, toolId); });
}

// ---- container tools -----------------------------------------------------------------------------

void ControllerAgentService::saveToolState(const QString& toolId, const std::function<void(ToolRecord&)>& change)
{
    auto current = m_store->tool(toolId);
    if (!current || current->isDeleted)
        return;
    change(*current);
    if (auto saved = m_store->updateTool(*current))
        putTool(*saved);
    else
        qWarning("Cannot store the tool %s: %s", qPrintable(toolId), qPrintable(saved.error().message));
}

void ControllerAgentService::deployToolContainer(const ToolRecord& tool)
{
    m_toolsDeploying.insert(tool.toolId);
    setToolDeployPhase(tool.toolId, QStringLiteral("starting"), 0, 0);
    LocalContainerSpec spec;
    spec.key = tool.toolId;
    spec.revision = containerRevision(tool);
    spec.image = tool.dockerImage;
    spec.env = tool.environment;
    // Most MCP servers read their port from PORT; the tool's own value wins.
    if (!spec.env.contains(QStringLiteral("PORT")))
        spec.env.insert(QStringLiteral("PORT"), QString::number(tool.port));
    spec.labels.insert(QStringLiteral("aiops.tool"), tool.toolId);
    spec.containerPort = tool.port;
    spec.healthPath = tool.healthEndpoint;
    m_containers->deploy(spec);
}

void ControllerAgentService::onToolContainerDeployed(const QString& toolId, const QString& containerId, int hostPort)
{
    const auto current = tool(toolId);
    if (!current) {
        // Removed while it started.
        m_toolsDeploying.remove(toolId);
        m_containers->remove(toolId);
        return;
    }
    const QString url = QStringLiteral("http://127.0.0.1:%1%2").arg(hostPort).arg(containerToolPath(*current));
    saveToolState(toolId, [&](ToolRecord& r) {
        r.containerId = containerId;
        r.endpoint = url;
    });
    setToolDeployPhase(toolId, QStringLiteral("connecting"), 0, 0);
    probeUntilReady(toolId, QDateTime::currentMSecsSinceEpoch() + m_options.containerReadyTimeoutMs);
}

void ControllerAgentService::probeUntilReady(const QString& toolId, qint64 deadlineMs)
{
    // The container runs before the server in it listens: probe quietly until it answers or the time is up.
    const bool last = QDateTime::currentMSecsSinceEpoch() >= deadlineMs;
    QPointer<ControllerAgentService> self(this);
    checkHealth(
        toolId,
        [self, toolId, deadlineMs, last](Result<ToolRecord> checked) {
            if (!self || !self->m_toolsDeploying.contains(toolId))
                return;
            if ((checked && checked->status == u"active") || last) {
                self->m_toolsDeploying.remove(toolId);
                self->setToolDeployPhase(toolId, {}, 0, 0);
                return;
            }
            QTimer::singleShot(500, self, [self, toolId, deadlineMs] {
                if (self)
                    self->probeUntilReady(toolId, deadlineMs);
            });
        },
        !last);
}

void ControllerAgentService::onToolContainerFailed(const QString& toolId, const QString& message)
{
    m_toolsDeploying.remove(toolId);
    setToolDeployPhase(toolId, {}, 0, 0);
    saveToolState(toolId, [&](ToolRecord& r) {
        r.status = QStringLiteral("error");
        r.lastError = tr("The container did not start: %1").arg(message);
        r.containerId.clear();
        r.lastHealthCheck = m_store->now();
    });
}

void ControllerAgentService::runHealthChecks()
{
    for (const ToolRecord& t : tools()) {
        if (t.type == u"mcp" && !m_toolsDeploying.contains(t.toolId))
            checkHealth(t.toolId, {});
    }
}

void ControllerAgentService::checkToolHealthAs(const iam::Principal& caller,
                                               const QString& toolId,
                                               std::function<void(Result<ToolRecord>)> done)
{
    auto t = toolFor(caller, toolId);
    if (!t) {
        done(std::unexpected(t.error()));
        return;
    }
    if (t->type != u"mcp") {
        done(*t);
        return;
    }
    checkHealth(toolId, std::move(done));
}

void ControllerAgentService::checkHealth(const QString& toolId,
                                         std::function<void(Result<ToolRecord>)> done,
                                         bool quiet)
{
    const auto t = tool(toolId);
    if (!t || t->type != u"mcp" || !m_curl || t->endpoint.startsWith(u'/')) {
        // (A container tool whose container does not run yet has only a path: nothing to probe.)
        if (done)
            done(t ? Result<ToolRecord>(*t) : makeError(ErrorCode::NotFound, tr("No tool %1").arg(toolId)));
        return;
    }
    McpClient::Options options;
    options.url = QUrl(t->endpoint);
    options.transport = t->transport == u"sse" ? McpClient::Transport::Sse : McpClient::Transport::Auto;
    options.timeoutMs = 10000;
    auto* client = new McpClient(m_curl, options, this);
    auto finish = [this, client, toolId, done, quiet](Result<QList<McpTool>> listed) {
        client->close();
        client->deleteLater();
        auto current = m_store->tool(toolId);
        if (!current) {
            if (done)
                done(std::unexpected(current.error()));
            return;
        }
        if (!listed && quiet) {
            if (done)
                done(std::unexpected(listed.error()));
            return;
        }
        current->lastHealthCheck = m_store->now();
        if (listed) {
            current->status = QStringLiteral("active");
            current->lastError.clear();
            current->discovered.clear();
            for (const McpTool& m : *listed)
                current->discovered.append(DiscoveredTool { m.name, m.description, m.inputSchema, {} });
        } else {
            current->status = QStringLiteral("error");
            current->lastError = listed.error().message;
        }
        auto saved = m_store->updateTool(*current);
        if (saved)
            putTool(*saved);
        if (done)
            done(saved);
    };
    client->connectToServer([client, finish](Result<McpServerInfo> info) {
        if (!info) {
            finish(std::unexpected(info.error()));
            return;
        }
        client->listTools([finish](Result<QList<McpTool>> listed) { finish(std::move(listed)); });
    });
}

void ControllerAgentService::callToolAs(const iam::Principal& caller,
                                        const QString& toolId,
                                        const QString& toolName,
                                        const QJsonObject& arguments,
                                        std::function<void(Result<QJsonObject>)> done)
{
    auto t = toolFor(caller, toolId);
    if (!t) {
        done(std::unexpected(t.error()));
        return;
    }
    if (auto ok = iam::authorize(caller, iam::Permission::ChatWithAgents, caller.orgId); !ok) {
        done(std::unexpected(ok.error()));
        return;
    }
    if (t->type == u"builtin") {
        const auto builtin = m_builtins.constFind(t->name);
        if (builtin == m_builtins.cend() || !builtin->call) {
            done(makeError(ErrorCode::Unavailable, tr("The built-in tool %1 is not available").arg(t->name)));
            return;
        }
        done(builtin->call(caller, arguments));
        return;
    }
    if (!m_curl) {
        done(makeError(ErrorCode::Unavailable, tr("No HTTP client")));
        return;
    }
    McpClient::Options options;
    options.url = QUrl(t->endpoint);
    options.transport = t->transport == u"sse" ? McpClient::Transport::Sse : McpClient::Transport::Auto;
    options.timeoutMs = 60000;
    auto* client = new McpClient(m_curl, options, this);
    auto finish = [client, done](Result<QJsonObject> result) {
        client->close();
        client->deleteLater();
        done(std::move(result));
    };
    client->connectToServer([client, finish, toolName, arguments](Result<McpServerInfo> info) {
        if (!info) {
            finish(std::unexpected(info.error()));
            return;
        }
        client->callTool(toolName, arguments, [finish](Result<McpToolResult> result) {
            if (!result)
                finish(std::unexpected(result.error()));
            else
                finish(toolCallResultJson(*result));
        });
    });
}

QString ControllerAgentService::tryTool(const QString& toolId, const QString& toolName, const QJsonObject& arguments)
{
    const QString requestId = newId(QStringLiteral("try-"));
    QMetaObject::invokeMethod(this, [this, requestId, toolId, toolName, arguments] {
        callToolAs(m_actingAs, toolId, toolName, arguments, [this, requestId](Result<QJsonObject> result) {
            if (result)
                Q_EMIT toolCallFinished(requestId, *result, Error {});
            else
                Q_EMIT toolCallFinished(requestId, {}, result.error());
        });
    });
    return requestId;
}

// ---- instructions ------------------------------------------------------------------------------

Result<InstructionRecord> ControllerAgentService::instructionFromJson(const QJsonObject& body, InstructionRecord base)
{
    const bool creating = base.instructionId.isEmpty();
    auto name = stringField(body, "name", 255, creating);
    if (!name)
        return std::unexpected(name.error());
    if (!name->isEmpty())
        base.name = name->trimmed();
    if (body.contains(QStringLiteral("description"))) {
        auto description = stringField(body, "description", 500, false);
        if (!description)
            return std::unexpected(description.error());
        base.description = *description;
    }
    if (creating || body.contains(QStringLiteral("systemPrompt"))) {
        auto prompt = stringField(body, "systemPrompt", 10000, true);
        if (!prompt)
            return std::unexpected(prompt.error());
        base.systemPrompt = *prompt;
    }
    for (const auto& [key, target] :
         { std::pair { "guidelines", &base.guidelines }, std::pair { "tags", &base.tags } }) {
        if (!body.contains(QLatin1String(key)))
            continue;
        auto list = stringList(body.value(QLatin1String(key)), QString::fromLatin1(key));
        if (!list)
            return std::unexpected(list.error());
        *target = *list;
    }
    if (body.contains(QStringLiteral("isActive"))) {
        if (!body.value(QStringLiteral("isActive")).isBool())
            return makeError(ErrorCode::InvalidFieldType,
                             QStringLiteral("\"isActive\" must be a boolean"),
                             QStringLiteral("isActive"));
        base.isActive = body.value(QStringLiteral("isActive")).toBool();
    }
    return base;
}

QList<InstructionRecord> ControllerAgentService::instructions() const
{
    QMutexLocker lock(&m_mutex);
    QList<InstructionRecord> list = m_instructions.values();
    std::sort(list.begin(), list.end(), [](const InstructionRecord& a, const InstructionRecord& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return list;
}

QList<InstructionRecord> ControllerAgentService::instructionsFor(const iam::Principal& caller) const
{
    QList<InstructionRecord> visible;
    for (const InstructionRecord& i : instructions()) {
        if (canSee(caller, i.orgId))
            visible.append(i);
    }
    return visible;
}

Result<InstructionRecord> ControllerAgentService::instructionFor(const iam::Principal& caller, const QString& id) const
{
    InstructionRecord found;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_instructions.constFind(id);
        if (it == m_instructions.cend())
            return makeError(ErrorCode::NotFound, tr("No instruction template %1").arg(id));
        found = *it;
    }
    if (auto ok = canSee(caller, found.orgId); !ok)
        return std::unexpected(ok.error());
    return found;
}

Result<InstructionRecord> ControllerAgentService::createInstructionAs(const iam::Principal& caller,
                                                                      const QJsonObject& body)
{
    if (auto ok = canManage(caller, caller.orgId); !ok)
        return std::unexpected(ok.error());
    auto parsed = instructionFromJson(body, InstructionRecord {});
    if (!parsed)
        return parsed;
    parsed->instructionId
        = QStringLiteral("inst-%1").arg(QDateTime::currentMSecsSinceEpoch()) + newId(QStringLiteral("-")).left(5);
    parsed->orgId = caller.orgId;
    parsed->userId = caller.subject;
    auto saved = m_store->insertInstruction(*parsed);
    if (saved)
        putInstruction(*saved);
    return saved;
}

Result<InstructionRecord>
ControllerAgentService::updateInstructionAs(const iam::Principal& caller, const QString& id, const QJsonObject& changes)
{
    auto current = instructionFor(caller, id);
    if (!current)
        return current;
    if (auto ok = canManage(caller, current->orgId); !ok)
        return std::unexpected(ok.error());
    auto parsed = instructionFromJson(changes, *current);
    if (!parsed)
        return parsed;
    auto saved = m_store->updateInstruction(*parsed);
    if (saved)
        putInstruction(*saved);
    return saved;
}

Result<void> ControllerAgentService::removeInstructionAs(const iam::Principal& caller, const QString& id)
{
    auto current = instructionFor(caller, id);
    if (!current)
        return std::unexpected(current.error());
    if (auto ok = canManage(caller, current->orgId); !ok)
        return ok;
    auto users = m_store->agentsUsingInstruction(id);
    if (!users)
        return std::unexpected(users.error());
    if (!users->isEmpty())
        return makeError(
            ErrorCode::Conflict,
            tr("%n agent(s) use this template; pick another template for them first", nullptr, int(users->size())));
    if (auto removed = m_store->softDeleteInstruction(id); !removed)
        return removed;
    InstructionRecord gone = *current;
    gone.isDeleted = true;
    putInstruction(gone);
    return {};
}

Result<QList<AgentRecord>> ControllerAgentService::agentsUsingInstructionAs(const iam::Principal& caller,
                                                                            const QString& id) const
{
    auto current = instructionFor(caller, id);
    if (!current)
        return std::unexpected(current.error());
    auto users = m_store->agentsUsingInstruction(id);
    if (!users)
        return users;
    QList<AgentRecord> visible;
    for (const AgentRecord& a : *users) {
        if (canSee(caller, a.orgId))
            visible.append(a);
    }
    return visible;
}

Result<InstructionRecord> ControllerAgentService::saveInstruction(const InstructionRecord& instruction)
{
    return onOwnThread<Result<InstructionRecord>>([&]() -> Result<InstructionRecord> {
        QJsonObject body { { QStringLiteral("name"), instruction.name },
                           { QStringLiteral("description"), instruction.description },
                           { QStringLiteral("systemPrompt"), instruction.systemPrompt },
                           { QStringLiteral("guidelines"), QJsonArray::fromStringList(instruction.guidelines) },
                           { QStringLiteral("tags"), QJsonArray::fromStringList(instruction.tags) },
                           { QStringLiteral("isActive"), instruction.isActive } };
        if (instruction.instructionId.isEmpty())
            return createInstructionAs(m_actingAs, body);
        return updateInstructionAs(m_actingAs, instruction.instructionId, body);
    });
}

Result<void> ControllerAgentService::removeInstruction(const QString& instructionId)
{
    return onOwnThread<Result<void>>([&] { return removeInstructionAs(m_actingAs, instructionId); });
}

// ---- agents ------------------------------------------------------------------------------------

Result<AgentRecord> ControllerAgentService::agentFromJson(const QJsonObject& body, AgentRecord base)
{
    const bool creating = base.agentId.isEmpty();
    auto name = stringField(body, "name", 255, creating);
    if (!name)
        return std::unexpected(name.error());
    if (!name->isEmpty())
        base.name = name->trimmed();
    for (const auto& [key, target, max] : { std::tuple { "description", &base.description, 1000 },
                                            std::tuple { "instructionId", &base.instructionId, 128 },
                                            std::tuple { "instructionOverride", &base.instructionOverride, 10000 },
                                            std::tuple { "workingDirectory", &base.workingDirectory, 1024 },
                                            std::tuple { "workingDir", &base.workingDirectory, 1024 },
                                            std::tuple { "privacyMode", &base.privacyMode, 20 },
                                            std::tuple { "runtime", &base.runtime, 20 } }) {
        if (!body.contains(QLatin1String(key)))
            continue;
        auto value = stringField(body, key, max, false);
        if (!value)
            return std::unexpected(value.error());
        *target = *value;
    }
    if (creating || body.contains(QStringLiteral("llmModel"))) {
        const QJsonValue llm = body.value(QStringLiteral("llmModel"));
        if (!llm.isObject())
            return makeError(
                llm.isUndefined() ? ErrorCode::MissingField : ErrorCode::InvalidFieldType,
                QStringLiteral("\"llmModel\" must be an object {provider, modelName, deploymentId?, endpoint?}"),
                QStringLiteral("llmModel"));
        const QJsonObject o = llm.toObject();
        for (const char* key : { "provider", "modelName", "deploymentId", "endpoint" }) {
            const QJsonValue v = o.value(QLatin1String(key));
            if (!v.isUndefined() && !v.isNull() && !v.isString())
                return makeError(ErrorCode::InvalidFieldType,
                                 QStringLiteral("llmModel.%1 must be a string").arg(QLatin1String(key)),
                                 QStringLiteral("llmModel.") + QLatin1String(key));
        }
        const QString secret = base.llmModel.apiKeySecret;
        base.llmModel = LlmModelRef::fromJson(o);
        base.llmModel.apiKeySecret = secret;
    }
    if (body.contains(QStringLiteral("tools"))) {
        auto list = stringList(body.value(QStringLiteral("tools")), QStringLiteral("tools"), 64, 128);
        if (!list)
            return std::unexpected(list.error());
        base.tools = *list;
        base.tools.removeDuplicates();
    }
    if (body.contains(QStringLiteral("tokenCountsOnly"))) {
        if (!body.value(QStringLiteral("tokenCountsOnly")).isBool())
            return makeError(ErrorCode::InvalidFieldType,
                             QStringLiteral("\"tokenCountsOnly\" must be a boolean"),
                             QStringLiteral("tokenCountsOnly"));
        base.tokenCountsOnly = body.value(QStringLiteral("tokenCountsOnly")).toBool();
    }
    if (auto ok = checkEnum(base.llmModel.provider, kProviders, QStringLiteral("llmModel.provider")); !ok)
        return std::unexpected(ok.error());
    if (base.llmModel.modelName.trimmed().isEmpty())
        return makeError(ErrorCode::MissingField,
                         QStringLiteral("llmModel.modelName is required"),
                         QStringLiteral("llmModel.modelName"));
    if (base.llmModel.provider == u"openai-compatible" && base.llmModel.endpoint.isEmpty())
        return makeError(ErrorCode::MissingField,
                         QStringLiteral("An OpenAI-compatible provider needs llmModel.endpoint (its base URL)"),
                         QStringLiteral("llmModel.endpoint"));
    if (!base.llmModel.endpoint.isEmpty()) {
        if (auto ok = checkHttpUrl(base.llmModel.endpoint, QStringLiteral("llmModel.endpoint")); !ok)
            return std::unexpected(ok.error());
    }
    if (auto ok = checkEnum(base.privacyMode, kPrivacyModes, QStringLiteral("privacyMode")); !ok)
        return std::unexpected(ok.error());
    if (auto ok = checkEnum(
            base.runtime, { QStringLiteral("process"), QStringLiteral("container") }, QStringLiteral("runtime"));
        !ok)
        return std::unexpected(ok.error());
    if (base.privacyMode == u"local-only" && base.llmModel.isCloud())
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("Privacy mode local-only cannot use the cloud provider %1").arg(base.llmModel.provider),
            QStringLiteral("privacyMode"));
    if (!base.workingDirectory.isEmpty() && !QDir::isAbsolutePath(base.workingDirectory))
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("\"workingDirectory\" must be an absolute path"),
                         QStringLiteral("workingDirectory"));
    return base;
}

Result<AgentRecord> ControllerAgentService::validateAgent(const AgentRecord& agent) const
{
    if (!agent.instructionId.isEmpty()) {
        QMutexLocker lock(&m_mutex);
        if (!m_instructions.contains(agent.instructionId))
            return makeError(ErrorCode::InvalidValue,
                             tr("No instruction template %1").arg(agent.instructionId),
                             QStringLiteral("instructionId"));
    }
    for (qsizetype i = 0; i < agent.tools.size(); ++i) {
        QMutexLocker lock(&m_mutex);
        if (!m_tools.contains(agent.tools.at(i)))
            return makeError(
                ErrorCode::InvalidValue, tr("No tool %1").arg(agent.tools.at(i)), QStringLiteral("tools[%1]").arg(i));
    }
    return agent;
}

QList<AgentRecord> ControllerAgentService::agents() const
{
    QMutexLocker lock(&m_mutex);
    QList<AgentRecord> list = m_agents.values();
    std::sort(list.begin(), list.end(), [](const AgentRecord& a, const AgentRecord& b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return list;
}

std::optional<AgentRecord> ControllerAgentService::agent(const QString& agentId) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_agents.constFind(agentId);
    return it == m_agents.cend() ? std::nullopt : std::optional(*it);
}

QList<AgentRecord> ControllerAgentService::agentsFor(const iam::Principal& caller) const
{
    QList<AgentRecord> visible;
    for (const AgentRecord& a : agents()) {
        if (canSee(caller, a.orgId))
            visible.append(a);
    }
    return visible;
}

Result<AgentRecord> ControllerAgentService::agentFor(const iam::Principal& caller, const QString& agentId) const
{
    const auto a = agent(agentId);
    if (!a)
        return makeError(ErrorCode::NotFound, tr("No agent %1").arg(agentId));
    if (auto ok = canSee(caller, a->orgId); !ok)
        return std::unexpected(ok.error());
    return *a;
}

Result<AgentRecord> ControllerAgentService::createAgentAs(const iam::Principal& caller, const QJsonObject& body)
{
    if (auto ok = canManage(caller, caller.orgId); !ok)
        return std::unexpected(ok.error());
    auto parsed = agentFromJson(body, AgentRecord {});
    if (!parsed)
        return parsed;
    if (auto valid = validateAgent(*parsed); !valid)
        return valid;
    parsed->agentId = newId(QStringLiteral("agent-"));
    parsed->orgId = caller.orgId;
    parsed->userId = caller.subject;
    parsed->status = QStringLiteral("stopped");
    if (body.value(QStringLiteral("apiKey")).isString() && !body.value(QStringLiteral("apiKey")).toString().isEmpty()) {
        if (!m_secrets)
            return makeError(ErrorCode::Unavailable, tr("No secret store for API keys"));
        parsed->llmModel.apiKeySecret = apiKeySecretName(parsed->agentId);
        if (auto written
            = m_secrets->write(parsed->llmModel.apiKeySecret, body.value(QStringLiteral("apiKey")).toString().toUtf8());
            !written)
            return std::unexpected(written.error());
    }
    auto saved = m_store->insertAgent(*parsed);
    if (saved)
        putAgent(*saved);
    return saved;
}

Result<AgentRecord>
ControllerAgentService::updateAgentAs(const iam::Principal& caller, const QString& agentId, const QJsonObject& changes)
{
    auto current = agentFor(caller, agentId);
    if (!current)
        return current;
    if (auto ok = canManage(caller, current->orgId); !ok)
        return std::unexpected(ok.error());
    auto parsed = agentFromJson(changes, *current);
    if (!parsed)
        return parsed;
    if (auto valid = validateAgent(*parsed); !valid)
        return valid;
    const QJsonValue apiKey = changes.value(QStringLiteral("apiKey"));
    if (apiKey.isString() && !apiKey.toString().isEmpty()) {
        if (!m_secrets)
            return makeError(ErrorCode::Unavailable, tr("No secret store for API keys"));
        parsed->llmModel.apiKeySecret = apiKeySecretName(agentId);
        if (auto written = m_secrets->write(parsed->llmModel.apiKeySecret, apiKey.toString().toUtf8()); !written)
            return std::unexpected(written.error());
    }
    (void)flushMessages(); // the agent read back must include the queued counts
    auto saved = m_store->updateAgent(*parsed);
    if (saved)
        putAgent(*saved);
    return saved;
}

Result<AgentRecord> ControllerAgentService::saveAgent(const AgentRecord& agent, const QString& apiKey)
{
    return onOwnThread<Result<AgentRecord>>([&]() -> Result<AgentRecord> {
        QJsonObject body { { QStringLiteral("name"), agent.name },
                           { QStringLiteral("description"), agent.description },
                           { QStringLiteral("llmModel"), agent.llmModel.toJson() },
                           { QStringLiteral("instructionId"), agent.instructionId },
                           { QStringLiteral("instructionOverride"), agent.instructionOverride },
                           { QStringLiteral("tools"), QJsonArray::fromStringList(agent.tools) },
                           { QStringLiteral("workingDirectory"), agent.workingDirectory },
                           { QStringLiteral("privacyMode"), agent.privacyMode },
                           { QStringLiteral("tokenCountsOnly"), agent.tokenCountsOnly } };
        if (!apiKey.isEmpty())
            body.insert(QStringLiteral("apiKey"), apiKey);
        if (agent.agentId.isEmpty())
            return createAgentAs(m_actingAs, body);
        return updateAgentAs(m_actingAs, agent.agentId, body);
    });
}

Result<void> ControllerAgentService::removeAgentAs(const iam::Principal& caller, const QString& agentId)
{
    auto current = agentFor(caller, agentId);
    if (!current)
        return std::unexpected(current.error());
    if (auto ok = canManage(caller, current->orgId); !ok)
        return ok;
    m_supervisor->stop(agentId);
    endRuntime(agentId);
    (void)flushMessages(); // its queued messages and usage are stored first
    if (auto removed = m_store->softDeleteAgent(agentId); !removed)
        return removed;
    if (!current->llmModel.apiKeySecret.isEmpty() && m_secrets)
        (void)m_secrets->remove(current->llmModel.apiKeySecret);
    AgentRecord gone = *current;
    gone.isDeleted = true;
    putAgent(gone);
    return {};
}

Result<void> ControllerAgentService::removeAgent(const QString& agentId)
{
    return onOwnThread<Result<void>>([&] { return removeAgentAs(m_actingAs, agentId); });
}

Result<QJsonObject>
ControllerAgentService::runtimeConfig(const AgentRecord& agent, const QByteArray& token, const QByteArray& apiKey) const
{
    QString systemPrompt = agent.instructionOverride;
    if (systemPrompt.isEmpty() && !agent.instructionId.isEmpty()) {
        QMutexLocker lock(&m_mutex);
        const auto it = m_instructions.constFind(agent.instructionId);
        if (it != m_instructions.cend())
            systemPrompt = it->composedPrompt();
    }
    const LlmModelRef& llm = agent.llmModel;
    QString providerKey;
    if (!llm.apiKeySecret.isEmpty() && m_secrets) {
        auto stored = m_secrets->read(llm.apiKeySecret);
        if (!stored)
            return makeError(
                ErrorCode::Unavailable,
                tr("The API key of %1 cannot be read from the keychain: %2").arg(agent.name, stored.error().message));
        providerKey = QString::fromUtf8(*stored);
    }
    QJsonObject provider { { QStringLiteral("name"), llm.provider }, { QStringLiteral("model"), llm.modelName } };
    if (llm.provider == u"internal") {
        provider.insert(QStringLiteral("kind"), QStringLiteral("local"));
        provider.insert(QStringLiteral("api"), QStringLiteral("openai"));
        provider.insert(QStringLiteral("baseUrl"),
                        llm.endpoint.isEmpty() ? QString(m_options.controllerHttpUrl + QStringLiteral("/v1"))
                                               : llm.endpoint);
        provider.insert(QStringLiteral("apiKey"), QString::fromUtf8(apiKey));
    } else if (llm.provider == u"openai") {
        provider.insert(QStringLiteral("kind"), QStringLiteral("cloud"));
        provider.insert(QStringLiteral("api"), QStringLiteral("openai"));
        provider.insert(QStringLiteral("baseUrl"),
                        llm.endpoint.isEmpty() ? QString(QStringLiteral("https://api.openai.com/v1")) : llm.endpoint);
        provider.insert(QStringLiteral("apiKey"), providerKey);
    } else if (llm.provider == u"anthropic") {
        provider.insert(QStringLiteral("kind"), QStringLiteral("cloud"));
        provider.insert(QStringLiteral("api"), QStringLiteral("anthropic"));
        provider.insert(QStringLiteral("baseUrl"),
                        llm.endpoint.isEmpty() ? QString(QStringLiteral("https://api.anthropic.com")) : llm.endpoint);
        provider.insert(QStringLiteral("apiKey"), providerKey);
    } else {
        const QString base
            = llm.endpoint.isEmpty() ? QString(QStringLiteral("http://127.0.0.1:11434/v1")) : llm.endpoint;
        provider.insert(QStringLiteral("kind"),
                        isLocalHost(QUrl(base).host()) ? QString(QStringLiteral("local"))
                                                       : QString(QStringLiteral("cloud")));
        provider.insert(QStringLiteral("api"), QStringLiteral("openai"));
        provider.insert(QStringLiteral("baseUrl"), base);
        provider.insert(QStringLiteral("apiKey"), providerKey);
    }

    QJsonArray toolServers;
    QStringList builtinNames;
    for (const QString& toolId : agent.tools) {
        const auto t = tool(toolId);
        if (!t)
            continue;
        if (t->type == u"builtin") {
            builtinNames.append(t->name);
            continue;
        }
        toolServers.append(QJsonObject { { QStringLiteral("toolId"), t->toolId },
                                         { QStringLiteral("name"), t->name },
                                         { QStringLiteral("transport"), t->transport },
                                         { QStringLiteral("endpoint"), t->endpoint },
                                         { QStringLiteral("headers"), QJsonObject {} } });
    }
    if (!builtinNames.isEmpty()) {
        toolServers.append(
            QJsonObject { { QStringLiteral("toolId"), QStringLiteral("builtin") },
                          { QStringLiteral("name"), QStringLiteral("aiops") },
                          { QStringLiteral("transport"), QStringLiteral("http") },
                          { QStringLiteral("endpoint"), QString(m_options.controllerHttpUrl + QStringLiteral("/mcp")) },
                          { QStringLiteral("headers"),
                            QJsonObject { { QStringLiteral("Authorization"),
                                            QString(QStringLiteral("Bearer ") + QString::fromUtf8(apiKey)) } } },
                          { QStringLiteral("allow"), QJsonArray::fromStringList(builtinNames) } });
    }
    return QJsonObject {
        { QStringLiteral("agentId"), agent.agentId },
        { QStringLiteral("name"), agent.name },
        { QStringLiteral("gatewayUrl"), m_options.gatewayUrl },
        { QStringLiteral("token"), QString::fromUtf8(token) },
        { QStringLiteral("systemPrompt"), systemPrompt },
        { QStringLiteral("llm"),
          QJsonObject { { QStringLiteral("policy"),
                          QJsonObject { { QStringLiteral("mode"), agent.privacyMode },
                                        { QStringLiteral("preferLocal"), true } } },
                        { QStringLiteral("localOnly"), localOnly() },
                        { QStringLiteral("providers"), QJsonArray { provider } } } },
        { QStringLiteral("tools"), toolServers },
        { QStringLiteral("heartbeatIntervalMs"), m_options.heartbeatIntervalMs },
        { QStringLiteral("maxToolRounds"), 8 },
        { QStringLiteral("requestTimeoutMs"), 120000 },
    };
}

Result<void> ControllerAgentService::launch(const AgentRecord& agent)
{
    endRuntime(agent.agentId);
    Runtime runtime;
    runtime.token = iam::randomToken(32);
    QByteArray apiKey;
    if (m_iam) {
        iam::ApiKeySpec spec;
        spec.name = QStringLiteral("agent runtime: %1").arg(agent.name).left(100);
        iam::Principal owner;
        owner.subject = agent.userId;
        owner.orgId = agent.orgId;
        owner.kind = iam::PrincipalKind::User;
        owner.roles = m_actingAs.roles;
        auto key = m_iam->createApiKey(spec, owner);
        if (!key)
            return std::unexpected(key.error());
        runtime.apiKeyId = key->key.keyId;
        apiKey = key->secret.toUtf8();
    }
    auto config = runtimeConfig(agent, runtime.token, apiKey);
    if (!config) {
        if (!runtime.apiKeyId.isEmpty())
            (void)m_iam->revokeApiKey(runtime.apiKeyId);
        return std::unexpected(config.error());
    }
    runtime.configPath = QDir(m_options.dataDir).filePath(QStringLiteral("agents/%1.json").arg(agent.agentId));
    QSaveFile file(runtime.configPath);
    if (!file.open(QIODevice::WriteOnly)) {
        if (!runtime.apiKeyId.isEmpty())
            (void)m_iam->revokeApiKey(runtime.apiKeyId);
        return makeError(ErrorCode::StoreError, tr("Cannot write %1").arg(runtime.configPath));
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(*config).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return makeError(ErrorCode::StoreError, tr("Cannot write %1").arg(runtime.configPath));
    m_runtimes.insert(agent.agentId, runtime);
    setStatus(agent.agentId, QStringLiteral("starting"));
    m_supervisor->start(
        agent.agentId, runtime.configPath, agent.runtime == u"container" ? m_options.agentImage : QString());
    return {};
}

void ControllerAgentService::endRuntime(const QString& agentId)
{
    const auto it = m_runtimes.find(agentId);
    if (it == m_runtimes.end())
        return;
    const Runtime runtime = *it;
    m_runtimes.erase(it);
    if (m_gateway)
        m_gateway->disconnectAgent(agentId);
    if (!runtime.apiKeyId.isEmpty() && m_iam)
        (void)m_iam->revokeApiKey(runtime.apiKeyId);
    QFile::remove(runtime.configPath);
    if (auto current = agent(agentId); current && !current->containerId.isEmpty()) {
        current->containerId.clear(); // the snapshot: its counters may be ahead of SQLite (write-behind)
        if (m_store->updateAgent(*current))
            putAgent(*current);
    }
}

Result<void> ControllerAgentService::startAgentAs(const iam::Principal& caller, const QString& agentId)
{
    auto current = agentFor(caller, agentId);
    if (!current)
        return std::unexpected(current.error());
    if (auto ok = canManage(caller, current->orgId); !ok)
        return ok;
    if (current->status == u"running" && m_runtimes.contains(agentId))
        return makeError(ErrorCode::Conflict, tr("%1 is running already").arg(current->name));
    if (localOnly() && current->llmModel.isCloud())
        return makeError(
            ErrorCode::Forbidden,
            tr("Local only is on: %1 uses the cloud provider %2").arg(current->name, current->llmModel.provider));
    return launch(*current);
}

Result<void> ControllerAgentService::stopAgentAs(const iam::Principal& caller, const QString& agentId)
{
    auto current = agentFor(caller, agentId);
    if (!current)
        return std::unexpected(current.error());
    if (auto ok = canManage(caller, current->orgId); !ok)
        return ok;
    m_supervisor->stop(agentId);
    endRuntime(agentId);
    setStatus(agentId, QStringLiteral("stopped"));
    return {};
}

Result<void> ControllerAgentService::startAgent(const QString& agentId)
{
    return onOwnThread<Result<void>>([&] { return startAgentAs(m_actingAs, agentId); });
}

Result<void> ControllerAgentService::stopAgent(const QString& agentId)
{
    return onOwnThread<Result<void>>([&] { return stopAgentAs(m_actingAs, agentId); });
}

void ControllerAgentService::setStatus(const QString& agentId, const QString& status, const QString& error)
{
    auto current = agent(agentId);
    if (!current)
        return;
    const bool connected = status == u"running" && m_gateway && m_gateway->isConnected(agentId);
    if (current->status == status && current->lastError == error && current->websocketConnected == connected)
        return;
    if (auto saved = m_store->setAgentStatus(agentId, status, error, connected); !saved) {
        qWarning("Cannot store the status of agent %s: %s", qPrintable(agentId), qPrintable(saved.error().message));
        return;
    }
    current->status = status;
    current->lastError = error;
    current->websocketConnected = connected;
    putAgent(*current);
}

bool ControllerAgentService::localOnly() const
{
    QMutexLocker lock(&m_mutex);
    return m_localOnly;
}

void ControllerAgentService::setLocalOnly(bool on)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_localOnly == on)
            return;
        m_localOnly = on;
    }
    QMetaObject::invokeMethod(this, [this, on] {
        for (auto it = m_runtimes.cbegin(); it != m_runtimes.cend(); ++it) {
            if (m_gateway)
                m_gateway->send(it.key(),
                                QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.config.localOnly") },
                                              { QStringLiteral("localOnly"), on },
                                              { QStringLiteral("timestamp"), protocol::nowMs() } });
        }
    });
    Q_EMIT localOnlyChanged(on);
}

std::optional<QString> ControllerAgentService::agentForToken(const QByteArray& token) const
{
    for (auto it = m_runtimes.cbegin(); it != m_runtimes.cend(); ++it) {
        if (it->token.size() == token.size()
            && CRYPTO_memcmp(it->token.constData(), token.constData(), size_t(token.size())) == 0)
            return it.key();
    }
    return std::nullopt;
}

// ---- conversations -----------------------------------------------------------------------------

Result<ConversationRecord> ControllerAgentService::conversationRef(const QString& conversationId) const
{
    const auto cached = m_conversationCache.constFind(conversationId);
    if (cached != m_conversationCache.cend())
        return *cached;
    if (!m_pending.isEmpty())
        (void)flushMessages(); // the stored counters must include the queued messages
    auto conversation = m_store->conversation(conversationId);
    if (conversation) {
        if (m_conversationCache.size() >= 10000)
            m_conversationCache.clear(); // a bound, not an LRU: a miss only costs one read
        m_conversationCache.insert(conversationId, *conversation);
    }
    return conversation;
}

void ControllerAgentService::noteStoredMessage(const MessageRecord& message,
                                               qint64 promptTokens,
                                               qint64 completionTokens)
{
    QString agentId;
    auto cached = m_conversationCache.find(message.conversationId);
    if (cached != m_conversationCache.end()) {
        ++cached->messageCount;
        cached->lastMessageAt = message.createdAt;
        agentId = cached->agentId;
    } else if (auto conversation = m_store->conversation(message.conversationId)) {
        agentId = conversation->agentId;
    }
    if (auto a = agent(agentId)) {
        ++a->messageCount;
        a->promptTokens += promptTokens;
        a->completionTokens += completionTokens;
        putAgent(*a);
    }
}

namespace {

// What the history needs of a message (its type, text and time): tool input and output, files and
// metadata stay out of the cache.
MessageRecord historyEntry(const MessageRecord& m)
{
    MessageRecord entry;
    entry.messageId = m.messageId;
    entry.conversationId = m.conversationId;
    entry.type = m.type;
    if (m.type == u"user" || m.type == u"agent")
        entry.content = m.content;
    entry.createdAt = m.createdAt;
    return entry;
}

} // namespace

void ControllerAgentService::queueMessage(const MessageRecord& message, const QString& agentId, bool addUsage)
{
    m_pending.append(message);
    m_pendingIds.insert(message.messageId);
    if (addUsage) {
        AgentStore::AgentUsage& usage = m_pendingUsage[agentId];
        usage.agentId = agentId;
        usage.promptTokens += message.promptTokens;
        usage.completionTokens += message.completionTokens;
    }
    auto history = m_history.find(message.conversationId);
    if (history != m_history.end()) {
        // Oldest first by createdAt, as SQLite orders them (ties: insertion order).
        QList<MessageRecord>& list = history->messages;
        qsizetype at = list.size();
        while (at > 0 && list.at(at - 1).createdAt > message.createdAt)
            --at;
        list.insert(at, historyEntry(message));
        while (list.size() > m_options.historyMessages)
            list.removeFirst();
    }
    noteStoredMessage(message, addUsage ? message.promptTokens : 0, addUsage ? message.completionTokens : 0);
    if (m_flushFailures > 0)
        return; // the retry timer runs: no blocking write per message while the database refuses
    if (m_pending.size() >= std::max(1, m_options.storeBatchMessages))
        (void)flushMessages();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start(std::max(0, m_options.storeFlushMs));
}

Result<void> ControllerAgentService::flushMessages() const
{
    if (m_pending.isEmpty() && m_pendingUsage.isEmpty())
        return {};
    m_flushTimer.stop();
    const auto written = m_store->insertMessages(m_pending, m_pendingUsage.values());
    if (!written) {
        // Nothing was written: the batch stays queued (new messages join it) and is tried again.
        ++m_flushFailures;
        const int retryMs = std::min(5000, 50 << std::min(m_flushFailures, 7));
        qWarning("Chat store: cannot write %d queued messages (attempt %d, retry in %d ms): %s",
                 int(m_pending.size()),
                 m_flushFailures,
                 retryMs,
                 qPrintable(written.error().message));
        m_flushTimer.start(retryMs);
        return std::unexpected(written.error());
    }
    if (m_flushFailures > 0)
        qInfo("Chat store: %d queued messages written after %d failed attempts", written->stored, m_flushFailures);
    m_flushFailures = 0;
    m_pending.clear();
    m_pendingIds.clear();
    m_pendingUsage.clear();
    if (!written->skipped.isEmpty()) {
        // What memory assumed about these conversations and agents is wrong: read them again.
        QSet<QString> agentIds;
        for (const AgentStore::SkippedMessage& skipped : written->skipped) {
            qWarning("Chat store: message %s not stored: %s",
                     qPrintable(skipped.messageId),
                     qPrintable(skipped.error.message));
            const auto cached = m_conversationCache.constFind(skipped.conversationId);
            if (cached != m_conversationCache.cend())
                agentIds.insert(cached->agentId);
            m_conversationCache.remove(skipped.conversationId);
            m_history.remove(skipped.conversationId);
        }
        auto* self = const_cast<ControllerAgentService*>(this);
        for (const QString& agentId : std::as_const(agentIds)) {
            if (auto fresh = m_store->agent(agentId))
                self->putAgent(*fresh);
        }
    }
    return {};
}

QList<MessageRecord> ControllerAgentService::recentMessages(const QString& conversationId) const
{
    const int limit = m_options.historyMessages;
    auto cached = m_history.find(conversationId);
    if (cached != m_history.end()) {
        cached->lastUse = ++m_historyClock;
        return cached->messages;
    }
    (void)flushMessages(); // on failure the read misses the queued messages (logged by the flush)
    auto loaded = m_store->messages(conversationId, limit);
    if (!loaded)
        return {};
    if (limit <= 0)
        return *loaded; // no bound: nothing to keep
    for (MessageRecord& m : *loaded)
        m = historyEntry(m);
    if (m_history.size() >= std::max(1, m_options.historyConversations)) {
        auto oldest = m_history.begin();
        for (auto it = m_history.begin(); it != m_history.end(); ++it) {
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        }
        m_history.erase(oldest);
    }
    m_history.insert(conversationId, History { *loaded, ++m_historyClock });
    return *loaded;
}

Result<ConversationRecord> ControllerAgentService::conversationFor(const iam::Principal& caller,
                                                                   const QString& conversationId) const
{
    auto conversation = conversationRef(conversationId);
    if (!conversation)
        return conversation;
    // A conversation is its user's; owners and editors of the org may read it too.
    if (conversation->userId != caller.subject) {
        if (auto ok = canManage(caller, conversation->orgId); !ok)
            return makeError(ErrorCode::NotFound, tr("No conversation %1").arg(conversationId));
    }
    return conversation;
}

Result<QList<ConversationRecord>> ControllerAgentService::conversationsFor(const iam::Principal& caller,
                                                                           const QString& agentId) const
{
    ConversationQuery query;
    query.agentId = agentId;
    query.userId = caller.subject;
    if (auto flushed = flushMessages(); !flushed)
        return std::unexpected(flushed.error());
    return m_store->conversations(query);
}

QList<ConversationRecord> ControllerAgentService::conversations(const QString& agentId) const
{
    return onOwnThread<QList<ConversationRecord>>([&] {
        auto list = conversationsFor(m_actingAs, agentId);
        return list ? *list : QList<ConversationRecord> {};
    });
}

Result<QList<MessageRecord>> ControllerAgentService::messagesFor(const iam::Principal& caller,
                                                                 const QString& conversationId) const
{
    auto conversation = conversationFor(caller, conversationId);
    if (!conversation)
        return std::unexpected(conversation.error());
    if (auto flushed = flushMessages(); !flushed)
        return std::unexpected(flushed.error());
    return m_store->messages(conversationId);
}

Result<QList<MessageRecord>> ControllerAgentService::messages(const QString& conversationId) const
{
    return onOwnThread<Result<QList<MessageRecord>>>([&] { return messagesFor(m_actingAs, conversationId); });
}

Result<ConversationRecord> ControllerAgentService::createConversationAs(const iam::Principal& caller,
                                                                        const QString& agentId,
                                                                        const QString& title,
                                                                        const QString& conversationId)
{
    auto a = agentFor(caller, agentId);
    if (!a)
        return std::unexpected(a.error());
    if (auto ok = iam::authorize(caller, iam::Permission::ChatWithAgents, a->orgId); !ok)
        return std::unexpected(ok.error());
    if (title.size() > 255)
        return makeError(
            ErrorCode::InvalidValue, tr("The title is longer than 255 characters"), QStringLiteral("title"));
    ConversationRecord conversation;
    conversation.conversationId = conversationId.isEmpty() ? newId(QStringLiteral("conv-")) : conversationId;
    conversation.agentId = agentId;
    conversation.userId = caller.subject;
    conversation.orgId = a->orgId;
    conversation.title = title;
    conversation.channel
        = caller.kind == iam::PrincipalKind::System ? QStringLiteral("console") : QStringLiteral("web-sdk");
    auto saved = m_store->insertConversation(conversation);
    if (saved) {
        Q_EMIT conversationsChanged(agentId);
        (void)flushMessages(); // the agent read back must include the queued counts
        if (auto refreshed = m_store->agent(agentId))
            putAgent(*refreshed);
    }
    return saved;
}

Result<ConversationRecord> ControllerAgentService::createConversation(const QString& agentId, const QString& title)
{
    return onOwnThread<Result<ConversationRecord>>([&] { return createConversationAs(m_actingAs, agentId, title); });
}

Result<void> ControllerAgentService::removeConversationAs(const iam::Principal& caller, const QString& conversationId)
{
    auto conversation = conversationFor(caller, conversationId);
    if (!conversation)
        return std::unexpected(conversation.error());
    if (auto flushed = flushMessages(); !flushed)
        return flushed;
    if (auto removed = m_store->softDeleteConversation(conversationId); !removed)
        return removed;
    m_conversationCache.remove(conversationId);
    m_history.remove(conversationId);
    Q_EMIT conversationsChanged(conversation->agentId);
    return {};
}

Result<void> ControllerAgentService::removeConversation(const QString& conversationId)
{
    return onOwnThread<Result<void>>([&] { return removeConversationAs(m_actingAs, conversationId); });
}

Result<ConversationRecord> ControllerAgentService::joinConversationAs(const iam::Principal& caller,
                                                                      const QString& conversationId,
                                                                      const QString& agentId)
{
    auto existing = conversationRef(conversationId);
    if (existing) {
        auto visible = conversationFor(caller, conversationId);
        if (!visible)
            return visible;
        if (!agentId.isEmpty() && existing->agentId != agentId)
            return makeError(ErrorCode::Conflict,
                             tr("Conversation %1 belongs to another agent").arg(conversationId),
                             QStringLiteral("agentId"));
        return visible;
    }
    if (existing.error().code != ErrorCode::NotFound)
        return existing;
    if (agentId.isEmpty())
        return makeError(
            ErrorCode::MissingField, tr("A new conversation needs the agentId"), QStringLiteral("agentId"));
    return createConversationAs(caller, agentId, {}, conversationId);
}

void ControllerAgentService::emitEvent(QJsonObject event)
{
    if (!event.contains(QStringLiteral("timestamp")))
        event.insert(QStringLiteral("timestamp"), protocol::nowMs());
    Q_EMIT conversationEvent(event);
}

bool ControllerAgentService::guardsAgentOutput(const QString& agentId) const
{
    if (!m_safety)
        return false;
    for (const safety::Guardrail& g : m_safety->listGuardrails()) {
        if (!g.isActive)
            continue;
        const bool output
            = g.appliesTo.contains(QStringLiteral("agent-output")) || g.appliesTo.contains(QStringLiteral("both"));
        if (output && (g.agentIds.isEmpty() || g.agentIds.contains(agentId)))
            return true;
    }
    return false;
}

Result<MessageRecord> ControllerAgentService::sendMessageAs(const iam::Principal& caller,
                                                            const QString& conversationId,
                                                            const QString& content,
                                                            const QList<FileRef>& files,
                                                            const QString& messageId)
{
    auto conversation = conversationFor(caller, conversationId);
    if (!conversation)
        return std::unexpected(conversation.error());
    if (auto ok = iam::authorize(caller, iam::Permission::ChatWithAgents, conversation->orgId); !ok)
        return std::unexpected(ok.error());
    if (content.trimmed().isEmpty() && files.isEmpty())
        return makeError(ErrorCode::InvalidValue, tr("The message is empty"), QStringLiteral("content"));
    if (content.size() > 100000)
        return makeError(
            ErrorCode::PayloadTooLarge, tr("The message is longer than 100000 characters"), QStringLiteral("content"));
    const auto a = agent(conversation->agentId);
    if (!a)
        return makeError(ErrorCode::NotFound, tr("The agent of this conversation was deleted"));
    if (!m_gateway || !m_gateway->isConnected(a->agentId))
        return makeError(ErrorCode::Unavailable,
                         a->status == u"starting" ? tr("%1 is starting; try again in a moment").arg(a->name)
                                                  : tr("%1 is not running; start it first").arg(a->name));

    // User input: PII, then guardrails, before anything is stored or forwarded.
    safety::FilterContext context;
    context.direction = safety::Direction::UserInput;
    context.text = content;
    context.conversationId = conversationId;
    context.messageId = messageId.isEmpty() ? newId(QStringLiteral("msg-")) : messageId;
    context.agentId = a->agentId;
    context.userId = caller.subject;
    if (m_safety)
        context = m_safety->process(std::move(context));
    if (context.blocked) {
        Error error { ErrorCode::Forbidden,
                      context.blockMessage.isEmpty() ? tr("This message was blocked by a guardrail")
                                                     : context.blockMessage };
        error.field = QStringLiteral("content");
        return std::unexpected(error);
    }

    MessageRecord message;
    message.messageId = context.messageId;
    message.conversationId = conversationId;
    message.type = QStringLiteral("user");
    message.senderId = caller.subject;
    message.senderType = QStringLiteral("user");
    message.content = a->tokenCountsOnly ? QString() : context.text;
    message.files = files;
    message.orgId = conversation->orgId;
    message.userId = caller.subject;
    if (!context.warnings.isEmpty())
        message.metadata.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(context.warnings));
    if (!context.piiMatches.isEmpty())
        message.metadata.insert(QStringLiteral("piiRedacted"), int(context.piiMatches.size()));
    auto stored = m_store->prepareMessage(message);
    if (!stored)
        return stored;
    if (!messageId.isEmpty()) { // the client's id: a resend is refused
        auto exists = m_pendingIds.contains(messageId) ? Result<bool>(true) : m_store->messageExists(messageId);
        if (!exists)
            return std::unexpected(exists.error());
        if (*exists)
            return makeError(
                ErrorCode::Conflict, tr("Message %1 was already sent").arg(messageId), QStringLiteral("messageId"));
    }
    const QList<MessageRecord> history = recentMessages(conversationId);
    queueMessage(*stored, a->agentId, false);

    QJsonArray files_;
    for (const FileRef& f : files)
        files_.append(f.toJson());
    QJsonObject event { { QStringLiteral("type"), QStringLiteral("user.message") },
                        { QStringLiteral("messageId"), message.messageId },
                        { QStringLiteral("conversationId"), conversationId },
                        { QStringLiteral("userId"), caller.subject },
                        { QStringLiteral("agentId"), a->agentId },
                        { QStringLiteral("content"), context.text },
                        { QStringLiteral("timestamp"), protocol::nowMs() } };
    if (!files_.isEmpty())
        event.insert(QStringLiteral("files"), files_);
    if (!message.metadata.isEmpty())
        event.insert(QStringLiteral("metadata"), message.metadata);
    emitEvent(event);

    QJsonArray turns;
    for (const MessageRecord& m : std::as_const(history)) {
        if ((m.type != u"user" && m.type != u"agent") || m.content.isEmpty())
            continue;
        turns.append(QJsonObject {
            { QStringLiteral("role"),
              m.type == u"user" ? QString(QStringLiteral("user")) : QString(QStringLiteral("assistant")) },
            { QStringLiteral("content"), m.content } });
    }
    QJsonObject forward = event;
    QJsonObject metadata = forward.value(QStringLiteral("metadata")).toObject();
    metadata.insert(QStringLiteral("history"), turns);
    forward.insert(QStringLiteral("metadata"), metadata);
    m_turns.insert(message.messageId, Turn { conversationId, message.messageId, {}, !guardsAgentOutput(a->agentId) });
    if (!m_gateway->send(a->agentId, forward))
        return makeError(ErrorCode::Unavailable,
                         tr("%1 disconnected; the message is stored, send it again").arg(a->name));
    return stored;
}

Result<MessageRecord>
ControllerAgentService::sendMessage(const QString& conversationId, const QString& content, const QList<FileRef>& files)
{
    return onOwnThread<Result<MessageRecord>>(
        [&] { return sendMessageAs(m_actingAs, conversationId, content, files); });
}

void ControllerAgentService::typingAs(const iam::Principal& caller, const QString& conversationId, bool typing)
{
    auto conversation = conversationFor(caller, conversationId);
    if (!conversation)
        return;
    emitEvent(QJsonObject { { QStringLiteral("type"), QStringLiteral("user.typing") },
                            { QStringLiteral("conversationId"), conversationId },
                            { QStringLiteral("userId"), caller.subject },
                            { QStringLiteral("isTyping"), typing } });
}

void ControllerAgentService::setTyping(const QString& conversationId, bool typing)
{
    QMetaObject::invokeMethod(this, [this, conversationId, typing] { typingAs(m_actingAs, conversationId, typing); });
}

// ---- agent events ------------------------------------------------------------------------------

void ControllerAgentService::onAgentConnected(const QString& agentId)
{
    if (!m_runtimes.contains(agentId))
        return;
    m_runtimes[agentId].connected = true;
}

void ControllerAgentService::onAgentDisconnected(const QString& agentId)
{
    if (!m_runtimes.contains(agentId))
        return; // stopped on purpose
    m_runtimes[agentId].connected = false;
    const auto a = agent(agentId);
    if (a && a->status == u"running")
        setStatus(agentId, QStringLiteral("starting"), tr("The runtime disconnected; waiting for it to reconnect"));
}

void ControllerAgentService::storeAgentMessage(const AgentRecord& a, const QJsonObject& event)
{
    const QString type = event.value(QStringLiteral("type")).toString();
    const QString conversationId = event.value(QStringLiteral("conversationId")).toString();
    auto conversation = conversationRef(conversationId);
    if (!conversation)
        return;
    MessageRecord message;
    message.messageId = event.value(QStringLiteral("messageId")).toString();
    message.conversationId = conversationId;
    message.senderId = a.agentId;
    message.senderType = QStringLiteral("agent");
    message.orgId = conversation->orgId;
    message.userId = conversation->userId;
    QJsonObject metadata = event.value(QStringLiteral("metadata")).toObject();
    if (type == u"agent.toolCall.end") {
        message.type = QStringLiteral("tool");
        message.toolName = event.value(QStringLiteral("toolName")).toString();
        message.toolStatus = event.value(QStringLiteral("status")).toString();
        message.durationMs = qint64(event.value(QStringLiteral("durationMs")).toDouble());
        if (!a.tokenCountsOnly) {
            message.toolInput = event.value(QStringLiteral("toolInput")).toObject();
            message.toolOutput = event.value(QStringLiteral("toolOutput")).toObject();
            if (event.contains(QStringLiteral("error")))
                metadata.insert(QStringLiteral("error"), event.value(QStringLiteral("error")));
        }
    } else if (type == u"agent.error") {
        message.type = QStringLiteral("system");
        message.senderType = QStringLiteral("system");
        message.messageId = newId(QStringLiteral("msg-"));
        message.content = a.tokenCountsOnly ? QString() : event.value(QStringLiteral("message")).toString();
        metadata.insert(QStringLiteral("errorCode"), event.value(QStringLiteral("errorCode")));
    } else {
        message.type = QStringLiteral("agent");
        const QJsonObject usage = metadata.value(QStringLiteral("usage")).toObject();
        message.promptTokens = qint64(usage.value(QStringLiteral("promptTokens")).toDouble());
        message.completionTokens = qint64(usage.value(QStringLiteral("completionTokens")).toDouble());
        if (!a.tokenCountsOnly) {
            message.content = event.value(QStringLiteral("content")).toString();
            message.thinking = event.value(QStringLiteral("thinking")).toString();
        }
    }
    if (a.tokenCountsOnly) {
        QJsonObject kept;
        for (const char* key : { "usage", "provider", "model", "latencyMs", "replyTo", "errorCode" }) {
            if (metadata.contains(QLatin1String(key)))
                kept.insert(QLatin1String(key), metadata.value(QLatin1String(key)));
        }
        metadata = kept;
    }
    message.metadata = metadata;
    if (message.messageId.isEmpty())
        message.messageId = newId(QStringLiteral("msg-"));
    auto stored = m_store->prepareMessage(message);
    if (!stored) {
        qWarning("Cannot store a message of agent %s: %s", qPrintable(a.agentId), qPrintable(stored.error().message));
        return;
    }
    if (m_pendingIds.contains(stored->messageId)) {
        qWarning("Cannot store a message of agent %s: message %s already exists",
                 qPrintable(a.agentId),
                 qPrintable(stored->messageId));
        return;
    }
    queueMessage(*stored, a.agentId, message.type == u"agent");
}

void ControllerAgentService::onAgentEvent(const QString& agentId, const QJsonObject& incoming)
{
    const auto a = agent(agentId);
    if (!a)
        return;
    QJsonObject event = incoming;
    const QString type = event.value(QStringLiteral("type")).toString();
    if (type == u"agent.register") {
        setStatus(agentId, QStringLiteral("running"));
        const QJsonArray toolErrors
            = event.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("toolErrors")).toArray();
        if (!toolErrors.isEmpty()) {
            QStringList problems;
            for (const auto& e : toolErrors)
                problems.append(e.toObject().value(QStringLiteral("toolId")).toString() + u": "
                                + e.toObject().value(QStringLiteral("error")).toString());
            setStatus(
                agentId, QStringLiteral("running"), tr("Some tools are unreachable: %1").arg(problems.join(u"; ")));
        }
        return;
    }
    if (type == u"agent.heartbeat")
        return;
    if (type == u"agent.statusChange") {
        const QString status = event.value(QStringLiteral("status")).toString();
        if (status == u"error")
            setStatus(agentId, QStringLiteral("error"), event.value(QStringLiteral("reason")).toString());
        else if (status == u"ready" || status == u"busy")
            setStatus(agentId, QStringLiteral("running"));
        return;
    }
    const QString conversationId = event.value(QStringLiteral("conversationId")).toString();
    auto conversation = conversationRef(conversationId);
    if (!conversation || conversation->agentId != agentId) {
        if (m_gateway)
            m_gateway->send(agentId,
                            QJsonObject { { QStringLiteral("type"), QStringLiteral("system.error") },
                                          { QStringLiteral("errorCode"), errorCodeName(ErrorCode::NotFound) },
                                          { QStringLiteral("message"),
                                            tr("No conversation %1 for this agent").arg(conversationId) },
                                          { QStringLiteral("timestamp"), protocol::nowMs() } });
        return;
    }
    const QString replyTo
        = event.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("replyTo")).toString();

    if (type == u"agent.messageDelta") {
        auto turn = m_turns.find(replyTo);
        if (turn != m_turns.end() && !turn->streamDeltas)
            return; // agent-output guardrails apply: users see the checked final message only
        emitEvent(event);
        return;
    }
    if (type == u"agent.message") {
        safety::FilterContext context;
        context.direction = safety::Direction::AgentOutput;
        context.text = event.value(QStringLiteral("content")).toString();
        context.conversationId = conversationId;
        context.messageId = event.value(QStringLiteral("messageId")).toString();
        context.agentId = agentId;
        context.userId = conversation->userId;
        if (m_safety)
            context = m_safety->process(std::move(context));
        QJsonObject metadata = event.value(QStringLiteral("metadata")).toObject();
        if (context.blocked) {
            event.insert(QStringLiteral("content"),
                         context.blockMessage.isEmpty() ? tr("The answer was withheld by a guardrail")
                                                        : context.blockMessage);
            metadata.insert(QStringLiteral("blocked"), true);
        } else {
            event.insert(QStringLiteral("content"), context.text);
        }
        if (!context.warnings.isEmpty())
            metadata.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(context.warnings));
        event.insert(QStringLiteral("metadata"), metadata);
        m_turns.remove(replyTo);
        storeAgentMessage(*a, event);
        emitEvent(event);
        return;
    }
    if (type == u"agent.toolCall.end" || type == u"agent.error") {
        if (type == u"agent.error")
            m_turns.remove(replyTo);
        storeAgentMessage(*a, event);
    }
    emitEvent(event);
}

// ---- files -------------------------------------------------------------------------------------

Result<FileRef> ControllerAgentService::storeFileAs(const iam::Principal& caller,
                                                    const QString& filename,
                                                    const QString& mimetype,
                                                    const QByteArray& content)
{
    if (auto ok = iam::authorize(caller, iam::Permission::ChatWithAgents, caller.orgId); !ok)
        return std::unexpected(ok.error());
    const QString name = QFileInfo(filename).fileName().trimmed();
    if (name.isEmpty() || name.size() > 255)
        return makeError(
            ErrorCode::InvalidValue, tr("A file needs a name of 1-255 characters"), QStringLiteral("filename"));
    if (content.size() > m_options.maxUploadBytes)
        return makeError(ErrorCode::PayloadTooLarge,
                         tr("The file is larger than %1 MB").arg(m_options.maxUploadBytes / (1024 * 1024)),
                         QStringLiteral("file"));
    StoredFile file;
    file.ref.fileId = newId(QStringLiteral("file-"));
    file.ref.url = QStringLiteral("/files/") + file.ref.fileId;
    file.ref.filename = name;
    file.ref.mimetype
        = mimetype.isEmpty() ? QMimeDatabase().mimeTypeForFileNameAndData(name, content).name() : mimetype;
    file.ref.size = content.size();
    file.sha256 = QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    file.storageKey = QStringLiteral("files/") + file.ref.fileId;
    file.orgId = caller.orgId;
    file.userId = caller.subject;
    const QString path = QDir(m_options.dataDir).filePath(file.storageKey);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(content) != content.size() || !out.commit())
        return makeError(ErrorCode::StoreError, tr("Cannot write the uploaded file"));
    auto stored = m_store->insertFile(file);
    if (!stored) {
        QFile::remove(path);
        return std::unexpected(stored.error());
    }
    return stored->ref;
}

Result<FileRef> ControllerAgentService::uploadFile(const QString& localPath)
{
    QFile file(localPath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, tr("Cannot read %1").arg(localPath));
    if (file.size() > m_options.maxUploadBytes)
        return makeError(ErrorCode::PayloadTooLarge,
                         tr("%1 is larger than %2 MB")
                             .arg(QFileInfo(localPath).fileName())
                             .arg(m_options.maxUploadBytes / (1024 * 1024)));
    const QByteArray content = file.readAll();
    return onOwnThread<Result<FileRef>>([&] { return storeFileAs(m_actingAs, localPath, {}, content); });
}

Result<ControllerAgentService::FileContent> ControllerAgentService::fileFor(const iam::Principal& caller,
                                                                            const QString& fileId) const
{
    auto file = m_store->file(fileId);
    if (!file)
        return std::unexpected(file.error());
    if (auto ok = canSee(caller, file->orgId); !ok)
        return makeError(ErrorCode::NotFound, tr("No file %1").arg(fileId));
    return FileContent { file->ref, QDir(m_options.dataDir).filePath(file->storageKey) };
}

Result<QJsonObject>
ControllerAgentService::findDocuments(const iam::Principal& caller, const QString& query, int limit) const
{
    auto files = m_store->files(caller.orgId);
    if (!files)
        return std::unexpected(files.error());
    const QStringList words = query.toLower().split(u' ', Qt::SkipEmptyParts);
    QJsonArray found;
    for (const StoredFile& f : *files) {
        if (found.size() >= std::clamp(limit, 1, 100))
            break;
        QString haystack = f.ref.filename.toLower();
        const bool text = f.ref.mimetype.startsWith(u"text/") || f.ref.mimetype == u"application/json";
        if (text && f.ref.size <= 2 * 1024 * 1024) {
            QFile file(QDir(m_options.dataDir).filePath(f.storageKey));
            if (file.open(QIODevice::ReadOnly))
                haystack += u'\n' + QString::fromUtf8(file.readAll()).toLower();
        }
        const bool match
            = std::all_of(words.cbegin(), words.cend(), [&](const QString& w) { return haystack.contains(w); });
        if (match)
            found.append(f.ref.toJson());
    }
    return QJsonObject { { QStringLiteral("documents"), found }, { QStringLiteral("count"), found.size() } };
}

Result<QJsonObject>
ControllerAgentService::readDocument(const iam::Principal& caller, const QString& fileId, qint64 maxBytes) const
{
    auto file = fileFor(caller, fileId);
    if (!file)
        return std::unexpected(file.error());
    const bool text = file->ref.mimetype.startsWith(u"text/") || file->ref.mimetype == u"application/json";
    if (!text)
        return makeError(ErrorCode::InvalidValue,
                         tr("%1 is not a text document (%2)").arg(file->ref.filename, file->ref.mimetype));
    QFile in(file->path);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::StoreError, tr("Cannot read %1").arg(file->ref.filename));
    const QByteArray content = in.read(std::clamp<qint64>(maxBytes, 1, 1024 * 1024));
    return QJsonObject { { QStringLiteral("document"), file->ref.toJson() },
                         { QStringLiteral("content"), QString::fromUtf8(content) },
                         { QStringLiteral("truncated"), in.size() > content.size() } };
}

} // namespace aiops::controller
