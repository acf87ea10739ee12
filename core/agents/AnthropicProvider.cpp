#include "core/agents/AnthropicProvider.h"

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

QString finishReasonFor(const QString& stopReason)
{
    if (stopReason == QLatin1String("max_tokens")) {
        return QStringLiteral("length");
    }
    if (stopReason == QLatin1String("tool_use")) {
        return QStringLiteral("tool_calls");
    }
    if (stopReason == QLatin1String("refusal")) {
        return QStringLiteral("content_filter");
    }
    return stopReason.isEmpty() ? QString() : QStringLiteral("stop");
}

QJsonObject parseArguments(const QString& json)
{
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

Error streamError(const QString& provider, const QJsonObject& event)
{
    const QJsonObject error = event.value(QLatin1String("error")).toObject();
    const QString type = str(error, "type");
    ErrorCode code = ErrorCode::Unavailable; // overloaded_error, api_error
    if (type == QLatin1String("rate_limit_error")) {
        code = ErrorCode::RateLimited;
    } else if (type == QLatin1String("invalid_request_error")) {
        code = ErrorCode::BadRequest;
    } else if (type == QLatin1String("authentication_error")) {
        code = ErrorCode::Unauthorized;
    } else if (type == QLatin1String("permission_error")) {
        code = ErrorCode::Forbidden;
    }
    return Error { code, QStringLiteral("%1: %2 (%3)").arg(provider, str(error, "message"), type), {} };
}

// One streamed answer built from message_start / content_block_* / message_delta / message_stop events.
struct StreamAccumulator
{
    QString provider;
    LlmProvider::DeltaHandler onDelta;
    SseParser parser;
    ChatResult result;
    QHash<int, int> toolSlots; // content block index -> entry of result.message.toolCalls
    bool sawStop = false;
    qsizetype bytes = 0;

    std::optional<Error> onChunk(const QByteArray& data)
    {
        bytes += data.size();
        if (bytes > llmhttp::kMaxBodyBytes) {
            return Error { ErrorCode::PayloadTooLarge,
                           QStringLiteral("%1: the answer is too large").arg(provider),
                           {} };
        }
        for (const SseParser::Event& sse : parser.feed(data)) {
            if (sse.event == "ping" || sse.data.trimmed().isEmpty()) {
                continue;
            }
            auto event = llmhttp::parseObject(sse.data, provider, QStringLiteral("a stream event"));
            if (!event) {
                return event.error();
            }
            if (auto error = onEvent(*event)) {
                return error;
            }
        }
        return std::nullopt;
    }

    std::optional<Error> onEvent(const QJsonObject& event)
    {
        const QString type = str(event, "type");
        const int index = event.value(QLatin1String("index")).toInt();
        if (type == QLatin1String("error")) {
            return streamError(provider, event);
        }
        if (type == QLatin1String("message_start")) {
            const QJsonObject message = event.value(QLatin1String("message")).toObject();
            result.model = str(message, "model");
            const QJsonObject usage = message.value(QLatin1String("usage")).toObject();
            result.usage.promptTokens = usage.value(QLatin1String("input_tokens")).toInt();
            result.usage.completionTokens = usage.value(QLatin1String("output_tokens")).toInt();
        } else if (type == QLatin1String("content_block_start")) {
            const QJsonObject block = event.value(QLatin1String("content_block")).toObject();
            if (str(block, "type") == QLatin1String("tool_use")) {
                result.message.toolCalls.append(ToolCall { str(block, "id"), str(block, "name"), {} });
                const int slot = int(result.message.toolCalls.size()) - 1;
                toolSlots.insert(index, slot);
                ChatDelta piece;
                piece.toolIndex = slot;
                piece.toolCallId = str(block, "id");
                piece.toolName = str(block, "name");
                onDelta(piece);
            } else if (str(block, "type") == QLatin1String("text") && !str(block, "text").isEmpty()) {
                appendText(str(block, "text"));
            }
        } else if (type == QLatin1String("content_block_delta")) {
            const QJsonObject delta = event.value(QLatin1String("delta")).toObject();
            const QString deltaType = str(delta, "type");
            if (deltaType == QLatin1String("text_delta")) {
                appendText(str(delta, "text"));
            } else if (deltaType == QLatin1String("input_json_delta")) {
                const auto slot = toolSlots.constFind(index);
                if (slot == toolSlots.constEnd()) {
                    return Error { ErrorCode::InvalidValue,
                                   QStringLiteral("%1: input_json_delta for block %2, which is not a tool_use")
                                       .arg(provider)
                                       .arg(index),
                                   {} };
                }
                ToolCall& call = result.message.toolCalls[*slot];
                const QString fragment = str(delta, "partial_json");
                call.argumentsJson += fragment;
                ChatDelta piece;
                piece.toolIndex = *slot;
                piece.toolCallId = call.id;
                piece.toolName = call.name;
                piece.argumentsFragment = fragment;
                onDelta(piece);
            }
        } else if (type == QLatin1String("message_delta")) {
            const QString stopReason = str(event.value(QLatin1String("delta")).toObject(), "stop_reason");
            if (!stopReason.isEmpty()) {
                result.finishReason = finishReasonFor(stopReason);
            }
            const QJsonObject usage = event.value(QLatin1String("usage")).toObject();
            if (usage.contains(QLatin1String("output_tokens"))) {
                result.usage.completionTokens = usage.value(QLatin1String("output_tokens")).toInt();
            }
            if (usage.contains(QLatin1String("input_tokens"))) {
                result.usage.promptTokens = usage.value(QLatin1String("input_tokens")).toInt();
            }
        } else if (type == QLatin1String("message_stop")) {
            sawStop = true;
        }
        return std::nullopt;
    }

    void appendText(const QString& text)
    {
        if (text.isEmpty()) {
            return;
        }
        result.message.content += text;
        ChatDelta piece;
        piece.text = text;
        onDelta(piece);
    }

    Result<ChatResult> finish()
    {
        if (!sawStop) {
            return makeError(ErrorCode::Unavailable,
                             QStringLiteral("%1: the stream ended before message_stop").arg(provider));
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

Result<ChatResult> parseMessage(const QByteArray& body, const QString& provider)
{
    auto json = llmhttp::parseObject(body, provider, QStringLiteral("the answer"));
    if (!json) {
        return std::unexpected(json.error());
    }
    if (str(*json, "type") == QLatin1String("error")) {
        return std::unexpected(streamError(provider, *json));
    }
    ChatResult result;
    result.provider = provider;
    result.model = str(*json, "model");
    result.finishReason = finishReasonFor(str(*json, "stop_reason"));
    const QJsonObject usage = json->value(QLatin1String("usage")).toObject();
    result.usage.promptTokens = usage.value(QLatin1String("input_tokens")).toInt();
    result.usage.completionTokens = usage.value(QLatin1String("output_tokens")).toInt();
    result.message.role = QStringLiteral("assistant");
    for (const QJsonValue& value : json->value(QLatin1String("content")).toArray()) {
        const QJsonObject block = value.toObject();
        if (str(block, "type") == QLatin1String("text")) {
            result.message.content += str(block, "text");
        } else if (str(block, "type") == QLatin1String("tool_use")) {
            const QJsonObject input = block.value(QLatin1String("input")).toObject();
            result.message.toolCalls.append(
                ToolCall { str(block, "id"),
                           str(block, "name"),
                           QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact)) });
        }
    }
    return result;
}

} // namespace

AnthropicProvider::AnthropicProvider(net::CurlClient* http, Options options, QObject* parent)
    : QObject(parent)
    , m_http(http)
    , m_options(std::move(options))
{
}

QJsonObject AnthropicProvider::requestBody(const ChatRequest& request, int defaultMaxTokens)
{
    QStringList system;
    QJsonArray messages;
    // Consecutive tool results travel together in one user message.
    QJsonArray pendingResults;
    auto flushResults = [&messages, &pendingResults] {
        if (!pendingResults.isEmpty()) {
            messages.append(QJsonObject { { QStringLiteral("role"), QStringLiteral("user") },
                                          { QStringLiteral("content"), pendingResults } });
            pendingResults = QJsonArray();
        }
    };
    for (const ChatMessage& message : request.messages) {
        if (message.role == QLatin1String("system")) {
            system.append(message.content);
            continue;
        }
        if (message.role == QLatin1String("tool")) {
            pendingResults.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("tool_result") },
                                                { QStringLiteral("tool_use_id"), message.toolCallId },
                                                { QStringLiteral("content"), message.content } });
            continue;
        }
        flushResults();
        if (message.role == QLatin1String("assistant") && !message.toolCalls.isEmpty()) {
            QJsonArray blocks;
            if (!message.content.isEmpty()) {
                blocks.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("text") },
                                            { QStringLiteral("text"), message.content } });
            }
            for (const ToolCall& call : message.toolCalls) {
                blocks.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("tool_use") },
                                            { QStringLiteral("id"), call.id },
                                            { QStringLiteral("name"), call.name },
                                            { QStringLiteral("input"), parseArguments(call.argumentsJson) } });
            }
            messages.append(
                QJsonObject { { QStringLiteral("role"), message.role }, { QStringLiteral("content"), blocks } });
            continue;
        }
        messages.append(
            QJsonObject { { QStringLiteral("role"), message.role }, { QStringLiteral("content"), message.content } });
    }
    flushResults();
    QJsonObject body {
        { QStringLiteral("model"), request.model },
        { QStringLiteral("messages"), messages },
        { QStringLiteral("max_tokens"), request.maxTokens > 0 ? request.maxTokens : defaultMaxTokens },
        { QStringLiteral("stream"), request.stream },
    };
    if (!system.isEmpty()) {
        body.insert(QStringLiteral("system"), system.join(QStringLiteral("\n\n")));
    }
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const ToolSpec& tool : request.tools) {
            tools.append(QJsonObject { { QStringLiteral("name"), tool.name },
                                       { QStringLiteral("description"), tool.description },
                                       { QStringLiteral("input_schema"), tool.parameters } });
        }
        body.insert(QStringLiteral("tools"), tools);
    }
    if (request.toolChoice == QLatin1String("auto") || request.toolChoice == QLatin1String("none")) {
        body.insert(QStringLiteral("tool_choice"), QJsonObject { { QStringLiteral("type"), request.toolChoice } });
    } else if (request.toolChoice == QLatin1String("required")) {
        body.insert(QStringLiteral("tool_choice"), QJsonObject { { QStringLiteral("type"), QStringLiteral("any") } });
    } else if (!request.toolChoice.isEmpty()) {
        body.insert(QStringLiteral("tool_choice"),
                    QJsonObject { { QStringLiteral("type"), QStringLiteral("tool") },
                                  { QStringLiteral("name"), request.toolChoice } });
    }
    if (request.temperature) {
        body.insert(QStringLiteral("temperature"), *request.temperature);
    }
    return body;
}

net::Request AnthropicProvider::newRequest(const QString& path) const
{
    net::Request http;
    QString base = m_options.baseUrl.toString();
    while (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    http.url = QUrl(base + path);
    http.headers.set("x-api-key", m_options.apiKey);
    http.headers.set("anthropic-version", m_options.version);
    return http;
}

ChatCall AnthropicProvider::chat(const ChatRequest& request, DeltaHandler onDelta, Done<ChatResult> done)
{
    net::Request http = newRequest(QStringLiteral("/messages"));
    http.method = "POST";
    http.headers.set("Content-Type", "application/json");
    http.headers.set("Accept", request.stream ? "text/event-stream" : "application/json");
    http.body = QJsonDocument(requestBody(request, m_options.defaultMaxTokens)).toJson(QJsonDocument::Compact);
    llmhttp::BodyReader reader;
    if (request.stream) {
        http.stallTimeoutSeconds = m_options.stallTimeoutSeconds;
        reader = llmhttp::streamingReader<StreamAccumulator>(m_options.name, std::move(onDelta));
    } else {
        http.timeoutMs = m_options.timeoutMs;
        reader = llmhttp::bufferedReader(m_options.name, &parseMessage);
    }
    return llmhttp::run(this, m_http, std::move(http), m_options.name, std::move(reader), std::move(done));
}

void AnthropicProvider::listModels(Done<QStringList> done)
{
    net::Request http = newRequest(QStringLiteral("/models"));
    http.timeoutMs = m_options.timeoutMs;
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
