#include "core/agents/OpenAiProvider.h"

#include "core/agents/LlmHttp.h"
#include "core/agents/SseParser.h"
#include "core/net/CurlClient.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace aiops::agents {

namespace {

QString str(const QJsonObject& object, const char* key)
{
    return object.value(QLatin1String(key)).toString();
}

QJsonArray toolCallsJson(const QList<ToolCall>& calls)
{
    QJsonArray array;
    for (const ToolCall& call : calls) {
        array.append(QJsonObject {
            { QStringLiteral("id"), call.id },
            { QStringLiteral("type"), QStringLiteral("function") },
            { QStringLiteral("function"),
              QJsonObject { { QStringLiteral("name"), call.name },
                            { QStringLiteral("arguments"),
                              call.argumentsJson.isEmpty() ? QStringLiteral("{}") : call.argumentsJson } } },
        });
    }
    return array;
}

ChatUsage usageFrom(const QJsonObject& usage)
{
    return ChatUsage { usage.value(QLatin1String("prompt_tokens")).toInt(),
                       usage.value(QLatin1String("completion_tokens")).toInt() };
}

// The state of one streamed answer: text so far and tool calls joined from their fragments.
struct StreamAccumulator
{
    QString provider;
    LlmProvider::DeltaHandler onDelta;
    SseParser parser;
    ChatResult result;
    QList<int> toolIndexes; // the server's "index" of each entry of result.message.toolCalls
    bool sawDone = false;
    qsizetype bytes = 0;

    // The call a fragment belongs to: by id when it has one (servers that reuse index 0 give each call a new
    // id), else the latest call with the same index; a new call otherwise.
    int slotFor(int index, const QString& id)
    {
        QList<ToolCall>& calls = result.message.toolCalls;
        if (!id.isEmpty()) {
            for (int i = 0; i < calls.size(); ++i) {
                if (calls.at(i).id == id) {
                    return i;
                }
            }
        } else {
            for (int i = int(calls.size()) - 1; i >= 0; --i) {
                if (toolIndexes.at(i) == index) {
                    return i;
                }
            }
        }
        calls.append(ToolCall { id, {}, {} });
        toolIndexes.append(index);
        return int(calls.size()) - 1;
    }

    std::optional<Error> onChunk(const QByteArray& data)
    {
        bytes += data.size();
        if (bytes > llmhttp::kMaxBodyBytes) {
            return Error { ErrorCode::PayloadTooLarge,
                           QStringLiteral("%1: the answer is too large").arg(provider),
                           {} };
        }
        for (const SseParser::Event& event : parser.feed(data)) {
            if (sawDone) {
                continue;
            }
            const QByteArray payload = event.data.trimmed();
            if (payload.isEmpty()) {
                continue;
            }
            if (payload == "[DONE]") {
                sawDone = true;
                continue;
            }
            auto chunk = llmhttp::parseObject(payload, provider, QStringLiteral("a stream chunk"));
            if (!chunk) {
                return chunk.error();
            }
            if (auto error = onObject(*chunk)) {
                return error;
            }
        }
        return std::nullopt;
    }

    std::optional<Error> onObject(const QJsonObject& chunk)
    {
        const QJsonValue errorValue = chunk.value(QLatin1String("error"));
        if (!errorValue.isUndefined() && !errorValue.isNull()) {
            const QString message
                = errorValue.isObject() ? str(errorValue.toObject(), "message") : errorValue.toString();
            return Error { ErrorCode::Unavailable, QStringLiteral("%1: %2").arg(provider, message), {} };
        }
        if (chunk.value(QLatin1String("usage")).isObject()) {
            result.usage = usageFrom(chunk.value(QLatin1String("usage")).toObject());
        }
        if (result.model.isEmpty()) {
            result.model = str(chunk, "model");
        }
        const QJsonArray choices = chunk.value(QLatin1String("choices")).toArray();
        for (const QJsonValue& choiceValue : choices) {
            const QJsonObject choice = choiceValue.toObject();
            if (choice.value(QLatin1String("index")).toInt() != 0) {
                continue; // n > 1 is never requested
            }
            const QString finish = str(choice, "finish_reason");
            if (!finish.isEmpty()) {
                result.finishReason = finish;
            }
            const QJsonObject delta = choice.value(QLatin1String("delta")).toObject();
            const QString text = str(delta, "content");
            if (!text.isEmpty()) {
                result.message.content += text;
                ChatDelta piece;
                piece.text = text;
                onDelta(piece);
            }
            const QJsonArray toolCalls = delta.value(QLatin1String("tool_calls")).toArray();
            for (qsizetype position = 0; position < toolCalls.size(); ++position) {
                const QJsonObject fragment = toolCalls.at(position).toObject();
                const int index = fragment.value(QLatin1String("index")).toInt(int(position));
                const QString id = str(fragment, "id");
                const QJsonObject function = fragment.value(QLatin1String("function")).toObject();
                const int slot = slotFor(index, id);
                ToolCall& call = result.message.toolCalls[slot];
                const QString name = str(function, "name");
                if (call.name.isEmpty()) {
                    call.name = name;
                }
                const QJsonValue arguments = function.value(QLatin1String("arguments"));
                // A few servers send the arguments as an object rather than as JSON text.
                const QString argumentsText = arguments.isObject()
                    ? QString::fromUtf8(QJsonDocument(arguments.toObject()).toJson(QJsonDocument::Compact))
                    : arguments.toString();
                call.argumentsJson += argumentsText;
                ChatDelta piece;
                piece.toolIndex = slot;
                piece.toolCallId = call.id;
                piece.toolName = call.name;
                piece.argumentsFragment = argumentsText;
                onDelta(piece);
            }
        }
        return std::nullopt;
    }

    Result<ChatResult> finish()
    {
        if (!sawDone && result.finishReason.isEmpty()) {
            return makeError(ErrorCode::Unavailable,
                             QStringLiteral("%1: the stream ended before [DONE]").arg(provider));
        }
        for (ToolCall& call : result.message.toolCalls) {
            if (call.argumentsJson.trimmed().isEmpty()) {
                call.argumentsJson = QStringLiteral("{}");
            }
        }
        result.provider = provider;
        return result;
    }
};

Result<ChatResult> parseCompletion(const QByteArray& body, const QString& provider)
{
    auto json = llmhttp::parseObject(body, provider, QStringLiteral("the answer"));
    if (!json) {
        return std::unexpected(json.error());
    }
    const QJsonArray choices = json->value(QLatin1String("choices")).toArray();
    if (choices.isEmpty()) {
        return makeError(ErrorCode::MissingField,
                         QStringLiteral("%1: the answer has no choices").arg(provider),
                         QStringLiteral("choices"));
    }
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject message = choice.value(QLatin1String("message")).toObject();
    ChatResult result;
    result.provider = provider;
    result.model = str(*json, "model");
    result.finishReason = str(choice, "finish_reason");
    result.usage = usageFrom(json->value(QLatin1String("usage")).toObject());
    result.message.role = QStringLiteral("assistant");
    result.message.content = str(message, "content");
    for (const QJsonValue& value : message.value(QLatin1String("tool_calls")).toArray()) {
        const QJsonObject call = value.toObject();
        const QJsonObject function = call.value(QLatin1String("function")).toObject();
        const QJsonValue arguments = function.value(QLatin1String("arguments"));
        QString argumentsText = arguments.isObject()
            ? QString::fromUtf8(QJsonDocument(arguments.toObject()).toJson(QJsonDocument::Compact))
            : arguments.toString();
        if (argumentsText.trimmed().isEmpty()) {
            argumentsText = QStringLiteral("{}");
        }
        result.message.toolCalls.append(ToolCall { str(call, "id"), str(function, "name"), argumentsText });
    }
    return result;
}

QUrl endpoint(const QUrl& baseUrl, const QString& path)
{
    QString base = baseUrl.toString();
    while (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    return QUrl(base + path);
}

} // namespace

OpenAiProvider::OpenAiProvider(net::CurlClient* http, Options options, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_options(std::move(options))
{
}

QJsonObject OpenAiProvider::requestBody(const ChatRequest& request)
{
    QJsonArray messages;
    for (const ChatMessage& message : request.messages) {
        QJsonObject json { { QStringLiteral("role"), message.role } };
        if (message.role == QLatin1String("assistant") && !message.toolCalls.isEmpty()) {
            json.insert(QStringLiteral("content"),
                        message.content.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(message.content));
            json.insert(QStringLiteral("tool_calls"), toolCallsJson(message.toolCalls));
        } else {
            json.insert(QStringLiteral("content"), message.content);
        }
        if (message.role == QLatin1String("tool")) {
            json.insert(QStringLiteral("tool_call_id"), message.toolCallId);
        }
        messages.append(json);
    }
    QJsonObject body {
        { QStringLiteral("model"), request.model },
        { QStringLiteral("messages"), messages },
        { QStringLiteral("stream"), request.stream },
    };
    if (request.stream) {
        body.insert(QStringLiteral("stream_options"), QJsonObject { { QStringLiteral("include_usage"), true } });
    }
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const ToolSpec& tool : request.tools) {
            tools.append(QJsonObject {
                { QStringLiteral("type"), QStringLiteral("function") },
                { QStringLiteral("function"),
                  QJsonObject { { QStringLiteral("name"), tool.name },
                                { QStringLiteral("description"), tool.description },
                                { QStringLiteral("parameters"), tool.parameters } } },
            });
        }
        body.insert(QStringLiteral("tools"), tools);
    }
    if (request.toolChoice == QLatin1String("none") || request.toolChoice == QLatin1String("auto")
        || request.toolChoice == QLatin1String("required")) {
        body.insert(QStringLiteral("tool_choice"), request.toolChoice);
    } else if (!request.toolChoice.isEmpty()) {
        body.insert(QStringLiteral("tool_choice"),
                    QJsonObject { { QStringLiteral("type"), QStringLiteral("function") },
                                  { QStringLiteral("function"),
                                    QJsonObject { { QStringLiteral("name"), request.toolChoice } } } });
    }
    if (request.temperature) {
        body.insert(QStringLiteral("temperature"), *request.temperature);
    }
    if (request.maxTokens > 0) {
        body.insert(QStringLiteral("max_tokens"), request.maxTokens);
    }
    return body;
}

ChatCall OpenAiProvider::chat(const ChatRequest& request, DeltaHandler onDelta, Done<ChatResult> done)
{
    net::Request http;
    http.method = "POST";
    http.url = endpoint(m_options.baseUrl, QStringLiteral("/chat/completions"));
    http.headers.set("Content-Type", "application/json");
    http.headers.set("Accept", request.stream ? "text/event-stream" : "application/json");
    if (!m_options.apiKey.isEmpty()) {
        http.headers.set("Authorization", "Bearer " + m_options.apiKey);
    }
    http.body = QJsonDocument(requestBody(request)).toJson(QJsonDocument::Compact);
    llmhttp::BodyReader reader;
    if (request.stream) {
        http.stallTimeoutSeconds = m_options.stallTimeoutSeconds;
        reader = llmhttp::streamingReader<StreamAccumulator>(m_options.name, std::move(onDelta));
    } else {
        http.timeoutMs = m_options.timeoutMs;
        reader = llmhttp::bufferedReader(m_options.name, &parseCompletion);
    }
    return llmhttp::run(this, m_http, std::move(http), m_options.name, std::move(reader), std::move(done));
}

void OpenAiProvider::listModels(Done<QStringList> done)
{
    net::Request http;
    http.url = endpoint(m_options.baseUrl, QStringLiteral("/models"));
    http.timeoutMs = m_options.timeoutMs;
    if (!m_options.apiKey.isEmpty()) {
        http.headers.set("Authorization", "Bearer " + m_options.apiKey);
    }
    llmhttp::getJson(this, m_http, std::move(http), m_options.name, [done](Result<QJsonObject> json) {
        if (!json) {
            done(std::unexpected(json.error()));
            return;
        }
        QStringList models;
        for (const QJsonValue& value : json->value(QLatin1String("data")).toArray()) {
            models.append(value.toObject().value(QLatin1String("id")).toString());
        }
        done(models);
    });
}

} // namespace aiops::agents
