#include "core/agents/AgentRuntime.h"

#include "core/agents/AnthropicProvider.h"
#include "core/agents/McpClient.h"
#include "core/agents/OpenAiProvider.h"
#include "core/agents/ProviderRouter.h"
#include "core/net/CurlClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcAgent, "aiops.agent")

namespace aiops::agents {

namespace {

constexpr int maxBackoffMs = 30'000;
constexpr int toolConnectTimeoutMs = 15'000;
constexpr int toolRetryWaitMs = 5'000;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// A field of a controller frame that must be a non-empty string; empty when it is not.
QString requiredString(const QJsonObject& frame, const QString& key)
{
    const QJsonValue value = frame.value(key);
    return value.isString() ? value.toString() : QString();
}

QUrl anthropicBase(QUrl url)
{
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    if (!path.endsWith(QLatin1String("/v1"))) {
        path += QStringLiteral("/v1");
    }
    url.setPath(path);
    return url;
}

Result<AgentTurn> parseUserMessage(const QJsonObject& frame)
{
    AgentTurn turn;
    turn.replyTo = requiredString(frame, QStringLiteral("messageId"));
    turn.conversationId = requiredString(frame, QStringLiteral("conversationId"));
    if (turn.replyTo.isEmpty()) {
        return makeError(ErrorCode::MissingField,
                         QStringLiteral("user.message needs a messageId string"),
                         QStringLiteral("messageId"));
    }
    if (turn.conversationId.isEmpty()) {
        return makeError(ErrorCode::MissingField,
                         QStringLiteral("user.message needs a conversationId string"),
                         QStringLiteral("conversationId"));
    }
    const QJsonValue content = frame.value(QStringLiteral("content"));
    if (!content.isString()) {
        return makeError(ErrorCode::InvalidFieldType,
                         QStringLiteral("user.message content must be a string"),
                         QStringLiteral("content"));
    }
    turn.content = content.toString();
    const QJsonValue files = frame.value(QStringLiteral("files"));
    if (!files.isUndefined() && !files.isNull()) {
        if (!files.isArray()) {
            return makeError(
                ErrorCode::InvalidFieldType, QStringLiteral("files must be an array"), QStringLiteral("files"));
        }
        const QJsonArray list = files.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonObject file = list.at(i).toObject();
            if (!list.at(i).isObject() || !file.value(QStringLiteral("url")).isString()) {
                return makeError(ErrorCode::InvalidFieldType,
                                 QStringLiteral("files[%1] must be an object with a url").arg(i),
                                 QStringLiteral("files[%1]").arg(i));
            }
            turn.files.append(AgentTurn::File { file.value(QStringLiteral("url")).toString(),
                                                file.value(QStringLiteral("filename")).toString(),
                                                file.value(QStringLiteral("mimetype")).toString(),
                                                qint64(file.value(QStringLiteral("size")).toDouble()) });
        }
    }
    const QJsonValue metadata = frame.value(QStringLiteral("metadata"));
    if (metadata.isObject()) {
        const QJsonValue history = metadata.toObject().value(QStringLiteral("history"));
        if (!history.isUndefined() && !history.isNull() && !history.isArray()) {
            return makeError(ErrorCode::InvalidFieldType,
                             QStringLiteral("metadata.history must be an array"),
                             QStringLiteral("metadata.history"));
        }
        const QJsonArray list = history.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonObject entry = list.at(i).toObject();
            const QString role = entry.value(QStringLiteral("role")).toString();
            const QJsonValue text = entry.value(QStringLiteral("content"));
            if ((role != QLatin1String("user") && role != QLatin1String("assistant")) || !text.isString()) {
                const QString field = QStringLiteral("metadata.history[%1]").arg(i);
                return makeError(ErrorCode::InvalidValue,
                                 field + QStringLiteral(" must be {role: user|assistant, content: string}"),
                                 field);
            }
            turn.history.append(ChatMessage { role, text.toString(), {}, {} });
        }
    }
    return turn;
}

} // namespace

AgentRuntime::AgentRuntime(AgentConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_http(new net::CurlClient(this))
    , m_router(new ProviderRouter(this))
    , m_socket(nullptr)
{
    buildProviders();
    for (const AgentConfig::Tool& tool : std::as_const(m_config.tools)) {
        auto server = std::make_unique<ToolServer>();
        server->config = tool;
        McpClient::Options options;
        options.url = tool.endpoint;
        options.transport
            = tool.transport == QLatin1String("sse") ? McpClient::Transport::Sse : McpClient::Transport::StreamableHttp;
        options.bearerToken = tool.bearerToken();
        options.timeoutMs = qMin(m_config.requestTimeoutMs, toolConnectTimeoutMs);
        options.clientVersion = QStringLiteral(AIOPS_VERSION);
        for (auto it = tool.headers.begin(); it != tool.headers.end(); ++it) {
            if (it.key().compare(QLatin1String("authorization"), Qt::CaseInsensitive) != 0) {
                qCWarning(lcAgent,
                          "tool %s: header %s is not supported and is not sent",
                          qPrintable(tool.toolId),
                          qPrintable(it.key()));
            }
        }
        server->client = new McpClient(m_http, options, this);
        ToolServer* raw = server.get();
        connect(server->client, &McpClient::disconnected, this, [raw](const Error& error) {
            raw->error = error.message;
            qCWarning(
                lcAgent, "tool %s lost its connection: %s", qPrintable(raw->config.toolId), qPrintable(error.message));
        });
        m_tools.push_back(std::move(server));
    }

    m_heartbeat.setInterval(m_config.heartbeatIntervalMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &AgentRuntime::sendHeartbeat);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &AgentRuntime::openSocket);
}

AgentRuntime::~AgentRuntime()
{
    if (m_socket) {
        m_socket->disconnect(this);
        delete m_socket;
    }
    for (auto it = m_conversations.begin(); it != m_conversations.end(); ++it) {
        if (it->active) {
            it->active->disconnect(this);
            delete it->active.data();
        }
    }
    // The clients and providers (children, or owned here) go before the CurlClient they use.
    for (auto& server : m_tools) {
        delete server->client;
        server->client = nullptr;
    }
    m_router->disconnect(this);
    delete m_router;
    m_providers.clear();
}

void AgentRuntime::buildProviders()
{
    for (const AgentConfig::Provider& config : std::as_const(m_config.providers)) {
        std::unique_ptr<LlmProvider> provider;
        if (config.api == QLatin1String("anthropic")) {
            AnthropicProvider::Options options;
            options.name = config.name;
            options.kind = config.kind;
            options.baseUrl = anthropicBase(config.baseUrl);
            options.apiKey = config.apiKey;
            options.timeoutMs = m_config.requestTimeoutMs;
            provider = std::make_unique<AnthropicProvider>(m_http, options);
        } else {
            OpenAiProvider::Options options;
            options.name = config.name;
            options.kind = config.kind;
            options.baseUrl = config.baseUrl;
            options.apiKey = config.apiKey;
            options.timeoutMs = m_config.requestTimeoutMs;
            provider = std::make_unique<OpenAiProvider>(m_http, options);
        }
        m_router->addProvider(provider.get(), { config.model });
        m_providers.push_back(std::move(provider));
    }
    m_router->setPolicy(m_config.policy);
    m_router->setLocalOnly(m_config.localOnly);
}

QStringList AgentRuntime::toolsConnected() const
{
    QStringList names;
    for (const AgentTool& tool : catalogue()) {
        names.append(tool.name);
    }
    return names;
}

QList<AgentTool> AgentRuntime::catalogue() const
{
    QList<std::pair<QString, McpClient*>> servers;
    for (const auto& server : m_tools) {
        if (server->client && server->client->isConnected()) {
            servers.append({ server->config.name, server->client });
        }
    }
    QList<AgentTool> tools = AgentLoop::catalogue(servers);
    tools.removeIf([this](const AgentTool& tool) {
        for (const auto& server : m_tools) {
            if (server->config.name == tool.server)
                return !server->config.allow.isEmpty() && !server->config.allow.contains(tool.toolName);
        }
        return false;
    });
    return tools;
}

void AgentRuntime::start()
{
    m_uptime.start();
    qCInfo(lcAgent,
           "agent %s starting: %lld tool servers, gateway %s",
           qPrintable(m_config.agentId),
           qlonglong(m_tools.size()),
           qPrintable(m_config.gatewayUrl.toString(QUrl::RemoveUserInfo)));
    QPointer<AgentRuntime> self(this);
    connectTools([self] {
        if (self && !self->m_stopping) {
            self->openSocket();
        }
    });
}

void AgentRuntime::connectTools(std::function<void()> done)
{
    auto remaining = std::make_shared<int>(1);
    auto settle = [remaining, done = std::move(done)] {
        if (--*remaining == 0 && done) {
            done();
        }
    };
    for (auto& server : m_tools) {
        ++*remaining;
        connectTool(*server, settle);
    }
    settle();
}

void AgentRuntime::connectTool(ToolServer& server, std::function<void()> done)
{
    if (server.client->isConnected()) {
        done();
        return;
    }
    server.waiting.append(std::move(done));
    if (server.connecting) {
        return;
    }
    server.connecting = true;
    ToolServer* raw = &server;
    QPointer<AgentRuntime> self(this);
    auto settle = [self, raw](const QString& error) {
        if (!self) {
            return;
        }
        raw->connecting = false;
        raw->error = error;
        if (error.isEmpty()) {
            qCInfo(lcAgent,
                   "tool %s connected: %lld tools",
                   qPrintable(raw->config.toolId),
                   qlonglong(raw->client->tools().size()));
        } else {
            qCWarning(lcAgent, "tool %s is not available: %s", qPrintable(raw->config.toolId), qPrintable(error));
        }
        const QList<std::function<void()>> waiting = std::exchange(raw->waiting, {});
        for (const auto& callback : waiting) {
            callback();
        }
    };
    server.client->connectToServer([raw, settle](Result<McpServerInfo> info) {
        if (!info) {
            raw->client->close();
            settle(info.error().message);
            return;
        }
        raw->client->listTools([raw, settle](Result<QList<McpTool>> tools) {
            if (!tools) {
                raw->client->close();
                settle(tools.error().message);
                return;
            }
            settle({});
        });
    });
}

void AgentRuntime::openSocket()
{
    if (m_stopping) {
        return;
    }
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &AgentRuntime::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &AgentRuntime::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &AgentRuntime::onTextMessage);
    connect(m_socket,
            qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
            this,
            [this](QAbstractSocket::SocketError) {
                if (m_socket) {
                    qCWarning(lcAgent, "gateway: %s", qPrintable(m_socket->errorString()));
                    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
                        onDisconnected();
                    }
                }
            });
    QNetworkRequest request(m_config.gatewayUrl);
    request.setRawHeader("Authorization", "Bearer " + m_config.token);
    m_socket->open(request);
}

void AgentRuntime::onConnected()
{
    qCInfo(lcAgent, "connected to the gateway");
    m_backoffMs = 1'000;
    m_reconnect.stop();
    sendRegister();
    m_registered = true;
    if (m_busy) {
        send(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.statusChange") },
                           { QStringLiteral("agentId"), m_config.agentId },
                           { QStringLiteral("status"), QStringLiteral("busy") } });
    }
    while (!m_offline.isEmpty() && m_registered) {
        send(m_offline.dequeue());
    }
    m_heartbeat.start();
}

void AgentRuntime::onDisconnected()
{
    if (m_registered) {
        qCWarning(lcAgent, "lost the gateway connection");
    }
    m_registered = false;
    m_heartbeat.stop();
    scheduleReconnect();
}

void AgentRuntime::scheduleReconnect()
{
    if (m_stopping || m_reconnect.isActive()) {
        return;
    }
    qCInfo(lcAgent, "reconnecting in %d ms", m_backoffMs);
    m_reconnect.start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, maxBackoffMs);
}

void AgentRuntime::sendRegister()
{
    QJsonArray toolErrors;
    for (const auto& server : m_tools) {
        if (!server->client->isConnected()) {
            toolErrors.append(
                QJsonObject { { QStringLiteral("toolId"), server->config.toolId },
                              { QStringLiteral("error"),
                                server->error.isEmpty() ? QStringLiteral("not connected") : server->error } });
        }
    }
    QJsonObject frame { { QStringLiteral("type"), QStringLiteral("agent.register") },
                        { QStringLiteral("agentId"), m_config.agentId },
                        { QStringLiteral("status"), QStringLiteral("ready") },
                        { QStringLiteral("capabilities"),
                          QJsonArray { QStringLiteral("chat"), QStringLiteral("toolUse") } },
                        { QStringLiteral("toolsConnected"), QJsonArray::fromStringList(toolsConnected()) },
                        { QStringLiteral("timestamp"), now() },
                        { QStringLiteral("metadata"), QJsonObject { { QStringLiteral("toolErrors"), toolErrors } } } };
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void AgentRuntime::sendHeartbeat()
{
    send(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.heartbeat") },
                       { QStringLiteral("agentId"), m_config.agentId },
                       { QStringLiteral("stats"),
                         QJsonObject { { QStringLiteral("activeConversations"), activeConversations() },
                                       { QStringLiteral("uptimeSeconds"), m_uptime.elapsed() / 1000 } } } },
         false);
}

void AgentRuntime::send(QJsonObject frame, bool queueWhenOffline)
{
    if (!frame.contains(QStringLiteral("timestamp"))) {
        frame.insert(QStringLiteral("timestamp"), now());
    }
    if (m_registered && m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
        return;
    }
    if (!queueWhenOffline) {
        return;
    }
    if (m_offline.size() >= maxQueuedFrames) {
        m_offline.dequeue();
    }
    m_offline.enqueue(frame);
}

void AgentRuntime::onTextMessage(const QString& text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qCWarning(lcAgent, "ignored a frame that is not a JSON object (%d bytes)", int(text.size()));
        return;
    }
    const QJsonObject frame = document.object();
    const QString type = frame.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("user.message")) {
        handleUserMessage(frame);
    } else if (type == QLatin1String("agent.cancel")) {
        handleCancel(frame);
    } else if (type == QLatin1String("agent.config.localOnly")) {
        handleLocalOnly(frame);
    } else if (type == QLatin1String("system.error")) {
        qCWarning(lcAgent,
                  "the controller refused a frame: %s %s",
                  qPrintable(frame.value(QStringLiteral("errorCode")).toString()),
                  qPrintable(frame.value(QStringLiteral("message")).toString()));
    } else {
        qCWarning(lcAgent, "ignored a frame of unknown type \"%s\"", qPrintable(type.left(100)));
    }
}

void AgentRuntime::handleUserMessage(const QJsonObject& frame)
{
    Result<AgentTurn> turn = parseUserMessage(frame);
    if (!turn) {
        qCWarning(lcAgent, "ignored a user.message: %s", qPrintable(turn.error().message));
        const QString conversationId = requiredString(frame, QStringLiteral("conversationId"));
        if (!conversationId.isEmpty()) {
            send(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.error") },
                               { QStringLiteral("conversationId"), conversationId },
                               { QStringLiteral("agentId"), m_config.agentId },
                               { QStringLiteral("errorCode"), turn.error().codeName() },
                               { QStringLiteral("message"), turn.error().message },
                               { QStringLiteral("metadata"),
                                 QJsonObject { { QStringLiteral("replyTo"),
                                                 requiredString(frame, QStringLiteral("messageId")) } } } });
        }
        return;
    }
    const QString conversationId = turn->conversationId;
    m_conversations[conversationId].queue.append(std::move(*turn));
    startNextTurn(conversationId);
}

void AgentRuntime::handleCancel(const QJsonObject& frame)
{
    const QString conversationId = requiredString(frame, QStringLiteral("conversationId"));
    if (conversationId.isEmpty()) {
        qCWarning(lcAgent, "ignored an agent.cancel without a conversationId");
        return;
    }
    const QString replyTo
        = frame.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("replyTo")).toString();
    auto it = m_conversations.find(conversationId);
    if (it == m_conversations.end()) {
        return;
    }
    for (qsizetype i = it->queue.size() - 1; i >= 0; --i) {
        if (!replyTo.isEmpty() && it->queue.at(i).replyTo == replyTo) {
            it->queue.removeAt(i);
            send(QJsonObject {
                { QStringLiteral("type"), QStringLiteral("agent.error") },
                { QStringLiteral("conversationId"), conversationId },
                { QStringLiteral("agentId"), m_config.agentId },
                { QStringLiteral("errorCode"), errorCodeName(ErrorCode::Unavailable) },
                { QStringLiteral("message"), tr("the turn was cancelled") },
                { QStringLiteral("metadata"),
                  QJsonObject { { QStringLiteral("replyTo"), replyTo }, { QStringLiteral("cancelled"), true } } } });
        }
    }
    if (it->active && (replyTo.isEmpty() || it->active->turn().replyTo == replyTo)) {
        it->active->cancel();
    }
}

void AgentRuntime::handleLocalOnly(const QJsonObject& frame)
{
    const QJsonValue value = frame.value(QStringLiteral("localOnly"));
    if (!value.isBool()) {
        qCWarning(lcAgent, "ignored an agent.config.localOnly without a boolean localOnly");
        return;
    }
    qCInfo(lcAgent, "local only is now %s", value.toBool() ? "on" : "off");
    m_router->setLocalOnly(value.toBool());
}

void AgentRuntime::startNextTurn(const QString& conversationId)
{
    auto it = m_conversations.find(conversationId);
    if (m_stopping || it == m_conversations.end() || it->active || it->queue.isEmpty()) {
        return;
    }
    AgentTurn turn = it->queue.takeFirst();
    if (turn.history.isEmpty()) {
        turn.history = it->history;
    }
    AgentLoop::Options options;
    options.agentId = m_config.agentId;
    options.systemPrompt = m_config.systemPrompt;
    options.model = m_config.providers.value(0).model;
    options.maxToolRounds = m_config.maxToolRounds;
    options.toolTimeoutMs = m_config.requestTimeoutMs;
    auto* loop = new AgentLoop(m_router, options, {}, this);
    loop->setTurn(turn);
    it->active = loop;
    connect(loop, &AgentLoop::eventReady, this, [this](const QJsonObject& event) { send(event); });
    connect(loop, &AgentLoop::finished, this, [this, conversationId, loop](const AgentLoop::Outcome& outcome) {
        onTurnFinished(conversationId, loop, outcome);
    });
    updateStatus();

    // Tool servers that failed before get another chance with every turn; a server that does not answer holds the
    // turn up for toolRetryWaitMs at most (it then runs with the tools at hand).
    QPointer<AgentLoop> guard(loop);
    QPointer<AgentRuntime> self(this);
    auto begun = std::make_shared<bool>(false);
    auto begin = [self, guard, turn, begun] {
        if (*begun) {
            return;
        }
        *begun = true;
        if (self && guard) {
            guard->setTools(self->catalogue());
            guard->run(turn);
        }
    };
    connectTools(begin);
    if (!*begun) {
        QTimer::singleShot(toolRetryWaitMs, this, begin);
    }
}

void AgentRuntime::onTurnFinished(const QString& conversationId, AgentLoop* loop, const AgentLoop::Outcome& outcome)
{
    loop->deleteLater();
    auto it = m_conversations.find(conversationId);
    if (it == m_conversations.end()) {
        return;
    }
    if (it->active == loop) {
        it->active = nullptr;
    }
    if (outcome.ok) {
        it->history.append(ChatMessage { QStringLiteral("user"), loop->turn().content, {}, {} });
        it->history.append(ChatMessage { QStringLiteral("assistant"), outcome.content, {}, {} });
        while (it->history.size() > maxHistoryMessages) {
            it->history.removeFirst();
        }
    }
    updateStatus();
    QPointer<AgentRuntime> self(this);
    QMetaObject::invokeMethod(
        this,
        [self, conversationId] {
            if (self) {
                self->startNextTurn(conversationId);
            }
        },
        Qt::QueuedConnection);
}

int AgentRuntime::activeConversations() const
{
    int count = 0;
    for (const Conversation& conversation : m_conversations) {
        count += conversation.active ? 1 : 0;
    }
    return count;
}

void AgentRuntime::updateStatus()
{
    // Queued turns count too: the status does not flap between two turns of one conversation.
    bool busy = false;
    for (const Conversation& conversation : std::as_const(m_conversations)) {
        busy = busy || conversation.active || !conversation.queue.isEmpty();
    }
    if (busy == m_busy) {
        return;
    }
    m_busy = busy;
    send(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.statusChange") },
                       { QStringLiteral("agentId"), m_config.agentId },
                       { QStringLiteral("status"), busy ? QStringLiteral("busy") : QStringLiteral("ready") } });
}

void AgentRuntime::shutdown()
{
    if (m_stopping) {
        return;
    }
    qCInfo(lcAgent, "stopping");
    for (auto it = m_conversations.begin(); it != m_conversations.end(); ++it) {
        it->queue.clear();
        if (it->active) {
            it->active->cancel();
        }
    }
    m_stopping = true;
    m_reconnect.stop();
    m_heartbeat.stop();
    for (auto& server : m_tools) {
        server->client->close();
    }
    if (m_socket) {
        m_socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("agent stopping"));
    }
    // A moment for the session DELETEs and the close frame to go out.
    QTimer::singleShot(500, this, [this] { emit stopped(); });
}

} // namespace aiops::agents
