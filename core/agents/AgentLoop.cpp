#include "core/agents/AgentLoop.h"

#include "core/agents/ProviderRouter.h"
#include "core/net/HttpTypes.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace aiops::agents {

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString newMessageId()
{
    return QStringLiteral("msg-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Tool names the OpenAI API accepts: letters, digits, '_' and '-'.
QString safeName(const QString& name)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_-]"));
    QString safe = name;
    safe.replace(unsafe, QStringLiteral("_"));
    return safe;
}

QString sizeText(qint64 size)
{
    return size > 0 ? QStringLiteral(", %1 bytes").arg(size) : QString();
}

} // namespace

AgentLoop::AgentLoop(ProviderRouter* router, Options options, QList<AgentTool> tools, QObject* parent)
    : QObject(parent)
    , m_router(router)
    , m_options(std::move(options))
    , m_tools(std::move(tools))
{
}

AgentLoop::~AgentLoop()
{
    m_chatCall.cancel();
    if (m_toolCallId && m_toolClient) {
        m_toolClient->cancel(*m_toolCallId);
    }
}

QList<AgentTool> AgentLoop::catalogue(const QList<std::pair<QString, McpClient*>>& servers)
{
    QHash<QString, int> uses;
    for (const auto& [server, client] : servers) {
        if (client) {
            for (const McpTool& tool : client->tools()) {
                ++uses[tool.name];
            }
        }
    }
    QList<AgentTool> tools;
    for (const auto& [server, client] : servers) {
        if (!client) {
            continue;
        }
        for (const McpTool& tool : client->tools()) {
            AgentTool entry;
            entry.toolName = tool.name;
            entry.name = uses.value(tool.name) > 1 ? safeName(server) + QStringLiteral("__") + tool.name : tool.name;
            entry.server = server;
            entry.client = client;
            entry.tool = tool;
            tools.append(std::move(entry));
        }
    }
    return tools;
}

ToolSpec AgentLoop::toolSpec(const AgentTool& tool)
{
    ToolSpec spec;
    spec.name = tool.name;
    spec.description = tool.tool.description.isEmpty() ? tool.tool.title : tool.tool.description;
    spec.parameters = tool.tool.inputSchema;
    if (spec.parameters.isEmpty()) {
        spec.parameters = QJsonObject { { QStringLiteral("type"), QStringLiteral("object") },
                                        { QStringLiteral("properties"), QJsonObject {} } };
    }
    return spec;
}

void AgentLoop::run(const AgentTurn& turn)
{
    if (m_started) {
        return;
    }
    m_started = true;
    m_turn = turn;
    m_messageId = newMessageId();
    m_clock.start();
    if (m_cancelled) {
        finishWithError(Error { ErrorCode::Unavailable, tr("the turn was cancelled"), {} }, true);
        return;
    }

    if (!m_options.systemPrompt.isEmpty()) {
        m_messages.append(ChatMessage { QStringLiteral("system"), m_options.systemPrompt, {}, {} });
    }
    for (const ChatMessage& message : turn.history) {
        m_messages.append(message);
    }
    QString content = turn.content;
    if (!turn.files.isEmpty()) {
        content += QStringLiteral("\n\nAttached files:");
        for (const AgentTurn::File& file : turn.files) {
            content += QStringLiteral("\n- %1 (%2%3): %4")
                           .arg(file.filename.isEmpty() ? QStringLiteral("file") : file.filename,
                                file.mimetype.isEmpty() ? QStringLiteral("unknown type") : file.mimetype,
                                sizeText(file.size),
                                file.url);
        }
    }
    m_messages.append(ChatMessage { QStringLiteral("user"), content, {}, {} });

    emitEvent(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.typing") },
                            { QStringLiteral("conversationId"), m_turn.conversationId },
                            { QStringLiteral("agentId"), m_options.agentId },
                            { QStringLiteral("isTyping"), true } });
    askModel();
}

void AgentLoop::cancel()
{
    if (m_finished) {
        return;
    }
    m_cancelled = true;
    if (!m_started) {
        return;
    }
    m_chatCall.cancel();
    m_chatCall = {};
    if (m_toolCallId && m_toolClient) {
        const McpClient::CallId id = *m_toolCallId;
        m_toolCallId.reset();
        m_toolClient->cancel(id);
    }
    finishWithError(Error { ErrorCode::Unavailable, tr("the turn was cancelled"), {} }, true);
}

void AgentLoop::askModel()
{
    if (m_finished) {
        return;
    }
    if (!m_router) {
        finishWithError(Error { ErrorCode::Unavailable, tr("no LLM router"), {} });
        return;
    }
    ChatRequest request;
    request.model = m_options.model;
    request.messages = m_messages;
    for (const AgentTool& tool : std::as_const(m_tools)) {
        request.tools.append(toolSpec(tool));
    }
    if (!request.tools.isEmpty()) {
        request.toolChoice = QStringLiteral("auto");
    }
    request.stream = true;
    m_roundHadDeltas = false;

    QPointer<AgentLoop> self(this);
    m_chatCall = m_router->chat(
        request,
        [self](const ChatDelta& delta) {
            if (!self || self->m_finished || delta.text.isEmpty()) {
                return;
            }
            self->m_roundHadDeltas = true;
            self->m_text += delta.text;
            self->emitEvent(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.messageDelta") },
                                          { QStringLiteral("messageId"), self->m_messageId },
                                          { QStringLiteral("conversationId"), self->m_turn.conversationId },
                                          { QStringLiteral("agentId"), self->m_options.agentId },
                                          { QStringLiteral("delta"), delta.text } });
        },
        [self](Result<ChatResult> result) {
            if (self) {
                self->onAnswer(std::move(result));
            }
        });
}

void AgentLoop::onAnswer(Result<ChatResult> result)
{
    m_chatCall = {};
    if (m_finished) {
        return;
    }
    if (!result) {
        finishWithError(result.error(), net::isCancellation(result.error()));
        return;
    }
    m_usage.promptTokens += result->usage.promptTokens;
    m_usage.completionTokens += result->usage.completionTokens;
    m_provider = result->provider;
    m_model = result->model;

    const ChatMessage& answer = result->message;
    if (!m_roundHadDeltas && !answer.content.isEmpty()) {
        // A provider that did not stream: the answer still reaches the client as one delta.
        m_text += answer.content;
        emitEvent(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.messageDelta") },
                                { QStringLiteral("messageId"), m_messageId },
                                { QStringLiteral("conversationId"), m_turn.conversationId },
                                { QStringLiteral("agentId"), m_options.agentId },
                                { QStringLiteral("delta"), answer.content } });
    }
    if (answer.toolCalls.isEmpty()) {
        finishWithMessage(m_text);
        return;
    }
    if (m_round >= m_options.maxToolRounds) {
        finishWithError(Error { ErrorCode::OutOfRange,
                                tr("the model still asked for tools after %1 rounds of tool calls (maxToolRounds); "
                                   "the turn was stopped")
                                    .arg(m_options.maxToolRounds),
                                {} });
        return;
    }
    ++m_round;
    ChatMessage assistant;
    assistant.role = QStringLiteral("assistant");
    assistant.content = answer.content;
    assistant.toolCalls = answer.toolCalls;
    m_messages.append(assistant);
    m_pendingCalls = answer.toolCalls;
    m_nextCall = 0;
    runNextTool();
}

void AgentLoop::runNextTool()
{
    if (m_finished) {
        return;
    }
    if (m_nextCall >= m_pendingCalls.size()) {
        m_pendingCalls.clear();
        askModel();
        return;
    }
    const int index = m_nextCall++;
    const ToolCall& call = m_pendingCalls.at(index);
    m_toolMessageId = newMessageId();
    m_toolInput = {};
    QString inputError;
    if (!call.argumentsJson.trimmed().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(call.argumentsJson.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            inputError = tr("the arguments of %1 are not a JSON object: %2").arg(call.name, call.argumentsJson);
        } else {
            m_toolInput = document.object();
        }
    }
    emitEvent(QJsonObject {
        { QStringLiteral("type"), QStringLiteral("agent.toolCall.start") },
        { QStringLiteral("messageId"), m_toolMessageId },
        { QStringLiteral("conversationId"), m_turn.conversationId },
        { QStringLiteral("agentId"), m_options.agentId },
        { QStringLiteral("toolName"), call.name },
        { QStringLiteral("toolInput"), m_toolInput },
        { QStringLiteral("metadata"),
          QJsonObject { { QStringLiteral("replyTo"), m_turn.replyTo }, { QStringLiteral("toolCallId"), call.id } } } });
    m_toolClock.start();

    const AgentTool* tool = findTool(call.name);
    if (inputError.isEmpty() && !tool) {
        inputError = tr("there is no tool named %1").arg(call.name);
    } else if (inputError.isEmpty() && (!tool->client || !tool->client->isConnected())) {
        inputError = tr("the tool server %1 of %2 is not connected").arg(tool->server, call.name);
    }
    if (!inputError.isEmpty()) {
        const ToolCall failed = call;
        QMetaObject::invokeMethod(
            this, [this, failed, inputError] { endTool(failed, m_toolInput, {}, inputError); }, Qt::QueuedConnection);
        return;
    }

    m_toolClient = tool->client;
    QPointer<AgentLoop> self(this);
    m_toolCallId = tool->client->callTool(
        tool->toolName,
        m_toolInput,
        [self, index](Result<McpToolResult> result) {
            if (self) {
                self->onToolDone(index, std::move(result));
            }
        },
        m_options.toolTimeoutMs);
}

void AgentLoop::onToolDone(int index, Result<McpToolResult> result)
{
    m_toolCallId.reset();
    m_toolClient = nullptr;
    if (m_finished || index >= m_pendingCalls.size()) {
        return;
    }
    const ToolCall call = m_pendingCalls.at(index);
    if (!result) {
        if (net::isCancellation(result.error())) {
            finishWithError(Error { ErrorCode::Unavailable, tr("the turn was cancelled"), {} }, true);
            return;
        }
        endTool(call, m_toolInput, {}, result.error().message);
        return;
    }
    QJsonObject output { { QStringLiteral("content"), result->content }, { QStringLiteral("text"), result->text() } };
    if (!result->structuredContent.isEmpty()) {
        output.insert(QStringLiteral("structuredContent"), result->structuredContent);
    }
    if (result->isError) {
        const QString text = result->text();
        endTool(call, m_toolInput, output, text.isEmpty() ? tr("the tool reported an error") : text);
        return;
    }
    endTool(call, m_toolInput, output, {});
}

void AgentLoop::endTool(const ToolCall& call, const QJsonObject& input, const QJsonObject& output, const QString& error)
{
    Q_UNUSED(input)
    if (m_finished) {
        return;
    }
    QJsonObject event {
        { QStringLiteral("type"), QStringLiteral("agent.toolCall.end") },
        { QStringLiteral("messageId"), m_toolMessageId },
        { QStringLiteral("conversationId"), m_turn.conversationId },
        { QStringLiteral("agentId"), m_options.agentId },
        { QStringLiteral("toolName"), call.name },
        { QStringLiteral("status"), error.isEmpty() ? QStringLiteral("success") : QStringLiteral("error") },
        { QStringLiteral("durationMs"), m_toolClock.elapsed() },
        { QStringLiteral("metadata"),
          QJsonObject { { QStringLiteral("replyTo"), m_turn.replyTo }, { QStringLiteral("toolCallId"), call.id } } }
    };
    if (!output.isEmpty()) {
        event.insert(QStringLiteral("toolOutput"), output);
    }
    if (!error.isEmpty()) {
        event.insert(QStringLiteral("error"), error);
    }
    emitEvent(event);

    // The model gets the tool's answer, or the failure as the answer: it can recover from a failed tool.
    QString content;
    if (error.isEmpty()) {
        content = output.value(QStringLiteral("text")).toString();
        if (content.isEmpty()) {
            content = QString::fromUtf8(
                QJsonDocument(output.value(QStringLiteral("content")).toArray()).toJson(QJsonDocument::Compact));
        }
    } else {
        content = QStringLiteral("Error: ") + error;
    }
    m_messages.append(ChatMessage { QStringLiteral("tool"), content, call.id, {} });
    runNextTool();
}

void AgentLoop::finishWithMessage(const QString& content)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    emitEvent(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.typing") },
                            { QStringLiteral("conversationId"), m_turn.conversationId },
                            { QStringLiteral("agentId"), m_options.agentId },
                            { QStringLiteral("isTyping"), false } });
    QJsonObject metadata = replyMetadata();
    metadata.insert(QStringLiteral("provider"), m_provider);
    metadata.insert(QStringLiteral("model"), m_model);
    metadata.insert(QStringLiteral("latencyMs"), m_clock.elapsed());
    emitEvent(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.message") },
                            { QStringLiteral("messageId"), m_messageId },
                            { QStringLiteral("conversationId"), m_turn.conversationId },
                            { QStringLiteral("agentId"), m_options.agentId },
                            { QStringLiteral("content"), content },
                            { QStringLiteral("metadata"), metadata } });
    emit finished(Outcome { true, content, m_usage });
}

void AgentLoop::finishWithError(const Error& error, bool cancelled)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    emitEvent(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.typing") },
                            { QStringLiteral("conversationId"), m_turn.conversationId },
                            { QStringLiteral("agentId"), m_options.agentId },
                            { QStringLiteral("isTyping"), false } });
    QJsonObject metadata = replyMetadata();
    if (cancelled) {
        metadata.insert(QStringLiteral("cancelled"), true);
    }
    emitEvent(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.error") },
                            { QStringLiteral("conversationId"), m_turn.conversationId },
                            { QStringLiteral("agentId"), m_options.agentId },
                            { QStringLiteral("errorCode"), error.codeName() },
                            { QStringLiteral("message"), error.message },
                            { QStringLiteral("metadata"), metadata } });
    emit finished(Outcome { false, error.message, m_usage });
}

void AgentLoop::emitEvent(QJsonObject event)
{
    event.insert(QStringLiteral("timestamp"), now());
    emit eventReady(event);
}

QJsonObject AgentLoop::replyMetadata() const
{
    return QJsonObject { { QStringLiteral("replyTo"), m_turn.replyTo },
                         { QStringLiteral("usage"),
                           QJsonObject { { QStringLiteral("promptTokens"), m_usage.promptTokens },
                                         { QStringLiteral("completionTokens"), m_usage.completionTokens } } } };
}

const AgentTool* AgentLoop::findTool(const QString& name) const
{
    for (const AgentTool& tool : m_tools) {
        if (tool.name == name) {
            return &tool;
        }
    }
    return nullptr;
}

} // namespace aiops::agents
