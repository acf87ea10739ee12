// OpenAiProvider and AnthropicProvider against scripted HTTP doubles of an OpenAI-compatible server and of the
// Anthropic Messages API (HttpServerDouble): streamed text, tool calls joined from fragments, usage, errors.
#include "HttpServerDouble.h"
#include "LlmTestSupport.h"
#include "core/agents/AnthropicProvider.h"
#include "core/agents/OpenAiProvider.h"
#include "core/net/CurlClient.h"
#include "core/net/HttpTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <memory>

using namespace aiops;
using namespace aiops::agents;
using namespace aiops::testing;
using namespace Qt::StringLiterals;

namespace {

QJsonObject fragment(int index, const QString& id, const QString& name, const QString& arguments)
{
    QJsonObject function { { u"arguments"_s, arguments } };
    if (!name.isEmpty()) {
        function.insert(u"name"_s, name);
    }
    QJsonObject call { { u"index"_s, index }, { u"function"_s, function } };
    if (!id.isEmpty()) {
        call.insert(u"id"_s, id);
        call.insert(u"type"_s, u"function"_s);
    }
    return call;
}

QByteArray toolChunk(const QJsonArray& calls)
{
    return sseData(QJsonObject {
        { u"choices"_s,
          QJsonArray {
              QJsonObject { { u"index"_s, 0 }, { u"delta"_s, QJsonObject { { u"tool_calls"_s, calls } } } } } },
    });
}

QJsonObject expectedCall(const QString& id, const QString& name, const QJsonObject& arguments)
{
    return QJsonObject { { u"id"_s, id }, { u"name"_s, name }, { u"arguments"_s, arguments } };
}

QByteArray anthropicEvent(const QByteArray& type, const QJsonObject& data)
{
    QJsonObject withType = data;
    withType.insert(u"type"_s, QString::fromLatin1(type));
    return "event: " + type + "\ndata: " + QJsonDocument(withType).toJson(QJsonDocument::Compact) + "\n\n";
}

ScriptedReply sseReply(const QByteArray& body)
{
    ScriptedReply reply;
    reply.contentType = "text/event-stream";
    reply.body = body;
    return reply;
}

} // namespace

class LlmProviderTest final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void openAiStreamsTextInOrder();
    void openAiDeliversDeltasBeforeTheStreamEnds();
    void openAiJoinsFragmentedToolCalls_data();
    void openAiJoinsFragmentedToolCalls();
    void openAiNonStreaming();
    void openAiRequestBodyMapsMessagesAndTools();
    void openAiUnauthorizedCarriesTheServerMessage();
    void openAiMalformedAnswersAreTypedErrors_data();
    void openAiMalformedAnswersAreTypedErrors();
    void openAiListsModels();
    void anthropicStreamsTextAndToolUse();
    void anthropicNonStreaming();
    void anthropicStreamErrorEventIsTyped();

private:
    std::unique_ptr<OpenAiProvider> openAi(const HttpServerDouble& server);
    std::unique_ptr<AnthropicProvider> anthropic(const HttpServerDouble& server);

    std::unique_ptr<net::CurlClient> m_http;
};

void LlmProviderTest::init()
{
    m_http = std::make_unique<net::CurlClient>();
}

void LlmProviderTest::cleanup()
{
    m_http.reset();
}

std::unique_ptr<OpenAiProvider> LlmProviderTest::openAi(const HttpServerDouble& server)
{
    OpenAiProvider::Options options;
    options.name = u"vllm-double"_s;
    options.baseUrl = server.url(u"/v1/"_s);
    options.apiKey = "sk-double";
    return std::make_unique<OpenAiProvider>(m_http.get(), options);
}

std::unique_ptr<AnthropicProvider> LlmProviderTest::anthropic(const HttpServerDouble& server)
{
    AnthropicProvider::Options options;
    options.name = u"anthropic-double"_s;
    options.baseUrl = server.url(u"/v1"_s);
    options.apiKey = "ak-double";
    return std::make_unique<AnthropicProvider>(m_http.get(), options);
}

void LlmProviderTest::openAiStreamsTextInOrder()
{
    HttpServerDouble server([](const SeenRequest&) {
        return sseReply(textStream({ u"Hel"_s, u"lo"_s, u", "_s, u"world"_s }));
    });
    auto provider = openAi(server);
    const ChatOutcome outcome
        = runChat([&](auto onDelta, auto done) { provider->chat(userRequest(u"hi"_s, true), onDelta, done); });
    QVERIFY2(outcome.ok(), qPrintable(outcome.why()));
    QCOMPARE(outcome.texts(), QStringList({ u"Hel"_s, u"lo"_s, u", "_s, u"world"_s }));
    QCOMPARE(outcome.value().message.content, u"Hello, world"_s);
    QCOMPARE(outcome.value().message.role, u"assistant"_s);
    QCOMPARE(outcome.value().finishReason, u"stop"_s);
    QCOMPARE(outcome.value().usage.promptTokens, 12);
    QCOMPARE(outcome.value().usage.completionTokens, 4);
    QCOMPARE(outcome.value().provider, u"vllm-double"_s);

    QCOMPARE(server.seen().size(), 1);
    const SeenRequest& seen = server.seen().first();
    QCOMPARE(seen.method, QByteArray("POST"));
    QCOMPARE(seen.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(seen.headers.value("authorization"), QByteArray("Bearer sk-double"));
    QCOMPARE(seen.json().value(u"stream"_s).toBool(), true);
    QCOMPARE(seen.json().value(u"stream_options"_s).toObject().value(u"include_usage"_s).toBool(), true);
    QCOMPARE(seen.json().value(u"model"_s).toString(), u"double-model"_s);
}

void LlmProviderTest::openAiDeliversDeltasBeforeTheStreamEnds()
{
    HttpServerDouble server([](const SeenRequest&) {
        ScriptedReply reply = sseReply(sseData(textChunk(u"first"_s)));
        reply.stream = true;
        return reply;
    });
    auto provider = openAi(server);
    ChatOutcome outcome;
    provider->chat(
        userRequest(u"hi"_s, true),
        [&outcome](const ChatDelta& delta) { outcome.deltas.append(delta); },
        [&outcome](Result<ChatResult> result) { outcome.result = std::move(result); });
    QTRY_COMPARE(outcome.texts(), QStringList { u"first"_s });
    QVERIFY(!outcome.result.has_value());
    server.push(sseData(textChunk(u" second"_s)));
    QTRY_COMPARE(outcome.texts(), QStringList({ u"first"_s, u" second"_s }));
    QVERIFY(!outcome.result.has_value());
    server.push(sseData(finishChunk(u"stop"_s)) + "data: [DONE]\n\n");
    server.endStreams();
    QTRY_VERIFY(outcome.result.has_value());
    QVERIFY2(outcome.ok(), qPrintable(outcome.why()));
    QCOMPARE(outcome.value().message.content, u"first second"_s);
}

void LlmProviderTest::openAiJoinsFragmentedToolCalls_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QJsonArray>("expected");

    QTest::newRow("arguments split across chunks")
        << toolChunk({ fragment(0, u"call_a"_s, u"get_gpu_status"_s, {}) })
            + toolChunk({ fragment(0, {}, {}, u"{\"no"_s) }) + toolChunk({ fragment(0, {}, {}, u"de\": \"gpu-"_s) })
            + toolChunk({ fragment(0, {}, {}, u"01\", \"verbose\""_s) })
            + toolChunk({ fragment(0, {}, {}, u": true}"_s) })
        << QJsonArray { expectedCall(
               u"call_a"_s, u"get_gpu_status"_s, { { u"node"_s, u"gpu-01"_s }, { u"verbose"_s, true } }) };

    QTest::newRow("two parallel calls by index")
        << toolChunk({ fragment(0, u"call_a"_s, u"list_nodes"_s, u"{\"lim"_s) })
            + toolChunk({ fragment(1, u"call_b"_s, u"get_metrics"_s, u"{\"no"_s) })
            + toolChunk({ fragment(0, {}, {}, u"it\": 5}"_s) }) + toolChunk({ fragment(1, {}, {}, u"de\": \"n1\"}"_s) })
        << QJsonArray { expectedCall(u"call_a"_s, u"list_nodes"_s, { { u"limit"_s, 5 } }),
                        expectedCall(u"call_b"_s, u"get_metrics"_s, { { u"node"_s, u"n1"_s } }) };

    QTest::newRow("index 0 reused with new ids")
        << toolChunk({ fragment(0, u"call_1"_s, u"first"_s, u"{\"a\":"_s) })
            + toolChunk({ fragment(0, {}, {}, u" 1}"_s) })
            + toolChunk({ fragment(0, u"call_2"_s, u"second"_s, u"{\"b\""_s) })
            + toolChunk({ fragment(0, {}, {}, u": 2}"_s) })
        << QJsonArray { expectedCall(u"call_1"_s, u"first"_s, { { u"a"_s, 1 } }),
                        expectedCall(u"call_2"_s, u"second"_s, { { u"b"_s, 2 } }) };

    QTest::newRow("whole calls in one delta each (Ollama)")
        << toolChunk({ fragment(0, u"call_x"_s, u"restart"_s, u"{\"deployment\": \"d1\"}"_s) })
            + toolChunk({ fragment(0, u"call_y"_s, u"scale"_s, u"{\"replicas\": 3}"_s) })
        << QJsonArray { expectedCall(u"call_x"_s, u"restart"_s, { { u"deployment"_s, u"d1"_s } }),
                        expectedCall(u"call_y"_s, u"scale"_s, { { u"replicas"_s, 3 } }) };
}

void LlmProviderTest::openAiJoinsFragmentedToolCalls()
{
    QFETCH(QByteArray, stream);
    QFETCH(QJsonArray, expected);
    const QByteArray body
        = stream + sseData(finishChunk(u"tool_calls"_s)) + sseData(usageChunk(40, 21)) + "data: [DONE]\n\n";
    HttpServerDouble server([body](const SeenRequest&) { return sseReply(body); });
    auto provider = openAi(server);
    const ChatOutcome outcome = runChat(
        [&](auto onDelta, auto done) { provider->chat(userRequest(u"check the fleet"_s, true), onDelta, done); });
    QVERIFY2(outcome.ok(), qPrintable(outcome.why()));
    const QList<ToolCall> calls = outcome.value().message.toolCalls;
    QCOMPARE(calls.size(), expected.size());
    QMap<int, QString> streamedArguments;
    for (const ChatDelta& delta : outcome.deltas) {
        QVERIFY(delta.toolIndex >= 0);
        streamedArguments[delta.toolIndex] += delta.argumentsFragment;
    }
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const QJsonObject want = expected.at(i).toObject();
        QCOMPARE(calls.at(i).id, want.value(u"id"_s).toString());
        QCOMPARE(calls.at(i).name, want.value(u"name"_s).toString());
        QJsonParseError error;
        const QJsonDocument arguments = QJsonDocument::fromJson(calls.at(i).argumentsJson.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(calls.at(i).argumentsJson));
        QCOMPARE(arguments.object(), want.value(u"arguments"_s).toObject());
        QCOMPARE(streamedArguments.value(int(i)), calls.at(i).argumentsJson);
    }
    QCOMPARE(outcome.value().finishReason, u"tool_calls"_s);
    QCOMPARE(outcome.value().usage.promptTokens, 40);
    QCOMPARE(outcome.value().usage.completionTokens, 21);
}

void LlmProviderTest::openAiNonStreaming()
{
    const QJsonObject answer {
        { u"model"_s, u"served-name"_s },
        { u"choices"_s,
          QJsonArray { QJsonObject {
              { u"index"_s, 0 },
              { u"message"_s,
                QJsonObject {
                    { u"role"_s, u"assistant"_s },
                    { u"content"_s, QJsonValue() },
                    { u"tool_calls"_s,
                      QJsonArray { QJsonObject { { u"id"_s, u"call_9"_s },
                                                 { u"type"_s, u"function"_s },
                                                 { u"function"_s,
                                                   QJsonObject { { u"name"_s, u"list_nodes"_s },
                                                                 { u"arguments"_s, u"{\"limit\": 2}"_s } } } } } } } },
              { u"finish_reason"_s, u"tool_calls"_s } } } },
        { u"usage"_s, QJsonObject { { u"prompt_tokens"_s, 30 }, { u"completion_tokens"_s, 9 } } },
    };
    HttpServerDouble server([answer](const SeenRequest&) {
        ScriptedReply reply;
        reply.body = QJsonDocument(answer).toJson();
        return reply;
    });
    auto provider = openAi(server);
    const ChatOutcome outcome
        = runChat([&](auto onDelta, auto done) { provider->chat(userRequest(u"hi"_s, false), onDelta, done); });
    QVERIFY2(outcome.ok(), qPrintable(outcome.why()));
    QVERIFY(outcome.deltas.isEmpty());
    QCOMPARE(outcome.value().model, u"served-name"_s);
    QCOMPARE(outcome.value().finishReason, u"tool_calls"_s);
    QCOMPARE(outcome.value().usage.promptTokens, 30);
    QCOMPARE(outcome.value().usage.completionTokens, 9);
    QCOMPARE(outcome.value().message.toolCalls.size(), 1);
    QCOMPARE(outcome.value().message.toolCalls.first().id, u"call_9"_s);
    QCOMPARE(outcome.value().message.toolCalls.first().name, u"list_nodes"_s);
    QCOMPARE(QJsonDocument::fromJson(outcome.value().message.toolCalls.first().argumentsJson.toUtf8()).object(),
             QJsonObject({ { u"limit"_s, 2 } }));
    QCOMPARE(server.seen().first().json().value(u"stream"_s).toBool(true), false);
    QVERIFY(!server.seen().first().json().contains(u"stream_options"_s));
}

void LlmProviderTest::openAiRequestBodyMapsMessagesAndTools()
{
    ChatRequest request = userRequest(u"restart d1"_s, true);
    request.messages.prepend(ChatMessage { u"system"_s, u"You operate a GPU fleet."_s, {}, {} });
    request.messages.append(ChatMessage {
        u"assistant"_s, {}, {}, { ToolCall { u"call_1"_s, u"restart"_s, u"{\"deployment\":\"d1\"}"_s } } });
    request.messages.append(ChatMessage { u"tool"_s, u"restarted"_s, u"call_1"_s, {} });
    request.tools.append(ToolSpec {
        u"restart"_s,
        u"Restart a deployment"_s,
        { { u"type"_s, u"object"_s },
          { u"properties"_s, QJsonObject { { u"deployment"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } } });
    request.toolChoice = u"restart"_s;
    request.temperature = 0.2;
    request.maxTokens = 256;
    const QJsonObject body = OpenAiProvider::requestBody(request);
    const QJsonArray messages = body.value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 4);
    QCOMPARE(messages.at(0).toObject().value(u"role"_s).toString(), u"system"_s);
    const QJsonObject assistant = messages.at(2).toObject();
    QVERIFY(assistant.value(u"content"_s).isNull());
    const QJsonObject call = assistant.value(u"tool_calls"_s).toArray().first().toObject();
    QCOMPARE(call.value(u"id"_s).toString(), u"call_1"_s);
    QCOMPARE(call.value(u"type"_s).toString(), u"function"_s);
    QCOMPARE(call.value(u"function"_s).toObject().value(u"arguments"_s).toString(), u"{\"deployment\":\"d1\"}"_s);
    QCOMPARE(messages.at(3).toObject().value(u"tool_call_id"_s).toString(), u"call_1"_s);
    const QJsonObject tool = body.value(u"tools"_s).toArray().first().toObject();
    QCOMPARE(tool.value(u"type"_s).toString(), u"function"_s);
    QCOMPARE(tool.value(u"function"_s).toObject().value(u"parameters"_s).toObject().value(u"type"_s).toString(),
             u"object"_s);
    QCOMPARE(body.value(u"tool_choice"_s).toObject().value(u"function"_s).toObject().value(u"name"_s).toString(),
             u"restart"_s);
    QCOMPARE(body.value(u"temperature"_s).toDouble(), 0.2);
    QCOMPARE(body.value(u"max_tokens"_s).toInt(), 256);
    request.toolChoice = u"required"_s;
    QCOMPARE(OpenAiProvider::requestBody(request).value(u"tool_choice"_s).toString(), u"required"_s);
}

void LlmProviderTest::openAiUnauthorizedCarriesTheServerMessage()
{
    HttpServerDouble server([](const SeenRequest&) {
        ScriptedReply reply;
        reply.status = 401;
        reply.body = "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}";
        return reply;
    });
    auto provider = openAi(server);
    const ChatOutcome outcome
        = runChat([&](auto onDelta, auto done) { provider->chat(userRequest(u"hi"_s, true), onDelta, done); });
    QVERIFY(outcome.result.has_value());
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().code, ErrorCode::Unauthorized);
    QVERIFY2(outcome.error().message.contains(u"Incorrect API key provided"_s), qPrintable(outcome.error().message));
    QVERIFY2(outcome.error().message.contains(u"vllm-double"_s), qPrintable(outcome.error().message));
}

void LlmProviderTest::openAiMalformedAnswersAreTypedErrors_data()
{
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<ErrorCode>("code");

    QTest::newRow("chunk is not JSON") << true << QByteArray("text/event-stream")
                                       << QByteArray(sseData(textChunk(u"ok"_s)) + "data: {\"choices\": [\n\n")
                                       << ErrorCode::InvalidJson;
    QTest::newRow("stream ends before [DONE]")
        << true << QByteArray("text/event-stream") << sseData(textChunk(u"cut"_s)) << ErrorCode::Unavailable;
    QTest::newRow("error inside the stream")
        << true << QByteArray("text/event-stream")
        << QByteArray("data: {\"error\":{\"message\":\"engine overloaded\"}}\n\n") << ErrorCode::Unavailable;
    QTest::newRow("body is not JSON") << false << QByteArray("application/json") << QByteArray("<html>oops</html>")
                                      << ErrorCode::InvalidJson;
    QTest::newRow("no choices") << false << QByteArray("application/json") << QByteArray("{\"choices\": []}")
                                << ErrorCode::MissingField;
}

void LlmProviderTest::openAiMalformedAnswersAreTypedErrors()
{
    QFETCH(bool, stream);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(ErrorCode, code);
    HttpServerDouble server([contentType, body](const SeenRequest&) {
        ScriptedReply reply;
        reply.contentType = contentType;
        reply.body = body;
        return reply;
    });
    auto provider = openAi(server);
    const ChatOutcome outcome
        = runChat([&](auto onDelta, auto done) { provider->chat(userRequest(u"hi"_s, stream), onDelta, done); });
    QVERIFY(outcome.result.has_value());
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().code, code);
    QVERIFY(!net::isCancellation(outcome.error()));
}

void LlmProviderTest::openAiListsModels()
{
    HttpServerDouble server([](const SeenRequest&) {
        ScriptedReply reply;
        reply.body = "{\"object\":\"list\",\"data\":[{\"id\":\"qwen2.5-7b\"},{\"id\":\"llama-3.1-8b\"}]}";
        return reply;
    });
    auto provider = openAi(server);
    std::optional<Result<QStringList>> models;
    provider->listModels([&models](Result<QStringList> result) { models = std::move(result); });
    QTRY_VERIFY(models.has_value());
    QVERIFY(models->has_value());
    QCOMPARE(**models, QStringList({ u"qwen2.5-7b"_s, u"llama-3.1-8b"_s }));
    QCOMPARE(server.seen().first().path, QByteArray("/v1/models"));
}

void LlmProviderTest::anthropicStreamsTextAndToolUse()
{
    QByteArray body;
    body += anthropicEvent(
        "message_start",
        { { u"message"_s,
            QJsonObject { { u"id"_s, u"msg_1"_s },
                          { u"model"_s, u"claude-double"_s },
                          { u"usage"_s, QJsonObject { { u"input_tokens"_s, 25 }, { u"output_tokens"_s, 1 } } } } } });
    body += anthropicEvent(
        "content_block_start",
        { { u"index"_s, 0 }, { u"content_block"_s, QJsonObject { { u"type"_s, u"text"_s }, { u"text"_s, u""_s } } } });
    body += "event: ping\ndata: {\"type\": \"ping\"}\n\n";
    for (const QString& piece : { u"Checking "_s, u"the node."_s }) {
        body
            += anthropicEvent("content_block_delta",
                              { { u"index"_s, 0 },
                                { u"delta"_s, QJsonObject { { u"type"_s, u"text_delta"_s }, { u"text"_s, piece } } } });
    }
    body += anthropicEvent("content_block_stop", { { u"index"_s, 0 } });
    body += anthropicEvent("content_block_start",
                           { { u"index"_s, 1 },
                             { u"content_block"_s,
                               QJsonObject { { u"type"_s, u"tool_use"_s },
                                             { u"id"_s, u"toolu_01"_s },
                                             { u"name"_s, u"get_gpu_status"_s },
                                             { u"input"_s, QJsonObject {} } } } });
    for (const QString& piece : { u""_s, u"{\"node\": \"gp"_s, u"u-07\", \"deta"_s, u"il\": true}"_s }) {
        body += anthropicEvent(
            "content_block_delta",
            { { u"index"_s, 1 },
              { u"delta"_s, QJsonObject { { u"type"_s, u"input_json_delta"_s }, { u"partial_json"_s, piece } } } });
    }
    body += anthropicEvent("content_block_stop", { { u"index"_s, 1 } });
    body += anthropicEvent("message_delta",
                           { { u"delta"_s, QJsonObject { { u"stop_reason"_s, u"tool_use"_s } } },
                             { u"usage"_s, QJsonObject { { u"output_tokens"_s, 17 } } } });
    body += anthropicEvent("message_stop", {});
    HttpServerDouble server([body](const SeenRequest&) { return sseReply(body); });
    auto provider = anthropic(server);

    ChatRequest request = userRequest(u"is gpu-07 healthy?"_s, true);
    request.messages.prepend(ChatMessage { u"system"_s, u"You operate a GPU fleet."_s, {}, {} });
    request.messages.append(ChatMessage {
        u"assistant"_s, u"Let me look."_s, {}, { ToolCall { u"toolu_00"_s, u"list_nodes"_s, u"{}"_s } } });
    request.messages.append(ChatMessage { u"tool"_s, u"gpu-07"_s, u"toolu_00"_s, {} });
    request.tools.append(ToolSpec { u"get_gpu_status"_s, u"GPU status of a node"_s, { { u"type"_s, u"object"_s } } });
    request.toolChoice = u"required"_s;
    const ChatOutcome outcome = runChat([&](auto onDelta, auto done) { provider->chat(request, onDelta, done); });
    QVERIFY2(outcome.ok(), qPrintable(outcome.why()));
    QCOMPARE(outcome.texts(), QStringList({ u"Checking "_s, u"the node."_s }));
    QCOMPARE(outcome.value().message.content, u"Checking the node."_s);
    QCOMPARE(outcome.value().message.toolCalls.size(), 1);
    const ToolCall call = outcome.value().message.toolCalls.first();
    QCOMPARE(call.id, u"toolu_01"_s);
    QCOMPARE(call.name, u"get_gpu_status"_s);
    QCOMPARE(QJsonDocument::fromJson(call.argumentsJson.toUtf8()).object(),
             QJsonObject({ { u"node"_s, u"gpu-07"_s }, { u"detail"_s, true } }));
    QCOMPARE(outcome.value().finishReason, u"tool_calls"_s);
    QCOMPARE(outcome.value().usage.promptTokens, 25);
    QCOMPARE(outcome.value().usage.completionTokens, 17);
    QCOMPARE(outcome.value().model, u"claude-double"_s);

    const SeenRequest& seen = server.seen().first();
    QCOMPARE(seen.path, QByteArray("/v1/messages"));
    QCOMPARE(seen.headers.value("x-api-key"), QByteArray("ak-double"));
    QCOMPARE(seen.headers.value("anthropic-version"), QByteArray("2023-06-01"));
    const QJsonObject sent = seen.json();
    QCOMPARE(sent.value(u"system"_s).toString(), u"You operate a GPU fleet."_s);
    QVERIFY(sent.value(u"max_tokens"_s).toInt() > 0);
    QCOMPARE(sent.value(u"tool_choice"_s).toObject().value(u"type"_s).toString(), u"any"_s);
    const QJsonObject tool = sent.value(u"tools"_s).toArray().first().toObject();
    QCOMPARE(tool.value(u"input_schema"_s).toObject().value(u"type"_s).toString(), u"object"_s);
    const QJsonArray messages = sent.value(u"messages"_s).toArray();
    QCOMPARE(messages.size(), 3); // user, assistant with tool_use, user with tool_result
    const QJsonArray assistantBlocks = messages.at(1).toObject().value(u"content"_s).toArray();
    QCOMPARE(assistantBlocks.at(1).toObject().value(u"type"_s).toString(), u"tool_use"_s);
    QCOMPARE(assistantBlocks.at(1).toObject().value(u"id"_s).toString(), u"toolu_00"_s);
    QVERIFY(assistantBlocks.at(1).toObject().value(u"input"_s).isObject());
    const QJsonObject result = messages.at(2).toObject().value(u"content"_s).toArray().first().toObject();
    QCOMPARE(messages.at(2).toObject().value(u"role"_s).toString(), u"user"_s);
    QCOMPARE(result.value(u"type"_s).toString(), u"tool_result"_s);
    QCOMPARE(result.value(u"tool_use_id"_s).toString(), u"toolu_00"_s);
    QCOMPARE(result.value(u"content"_s).toString(), u"gpu-07"_s);
}

void LlmProviderTest::anthropicNonStreaming()
{
    HttpServerDouble server([](const SeenRequest&) {
        ScriptedReply reply;
        reply.body = "{\"type\":\"message\",\"model\":\"claude-double\",\"stop_reason\":\"tool_use\","
                     "\"content\":[{\"type\":\"text\",\"text\":\"On it.\"},"
                     "{\"type\":\"tool_use\",\"id\":\"toolu_5\",\"name\":\"scale\",\"input\":{\"replicas\":2}}],"
                     "\"usage\":{\"input_tokens\":11,\"output_tokens\":7}}";
        return reply;
    });
    auto provider = anthropic(server);
    const ChatOutcome outcome
        = runChat([&](auto onDelta, auto done) { provider->chat(userRequest(u"scale"_s, false), onDelta, done); });
    QVERIFY2(outcome.ok(), qPrintable(outcome.why()));
    QCOMPARE(outcome.value().message.content, u"On it."_s);
    QCOMPARE(outcome.value().message.toolCalls.size(), 1);
    QCOMPARE(outcome.value().message.toolCalls.first().id, u"toolu_5"_s);
    QCOMPARE(QJsonDocument::fromJson(outcome.value().message.toolCalls.first().argumentsJson.toUtf8()).object(),
             QJsonObject({ { u"replicas"_s, 2 } }));
    QCOMPARE(outcome.value().finishReason, u"tool_calls"_s);
    QCOMPARE(outcome.value().usage.promptTokens, 11);
    QCOMPARE(outcome.value().usage.completionTokens, 7);
}

void LlmProviderTest::anthropicStreamErrorEventIsTyped()
{
    const QByteArray body
        = anthropicEvent("message_start", { { u"message"_s, QJsonObject {} } })
        + anthropicEvent(
              "error",
              { { u"error"_s,
                  QJsonObject { { u"type"_s, u"overloaded_error"_s }, { u"message"_s, u"Overloaded"_s } } } });
    HttpServerDouble server([body](const SeenRequest&) { return sseReply(body); });
    auto provider = anthropic(server);
    const ChatOutcome outcome
        = runChat([&](auto onDelta, auto done) { provider->chat(userRequest(u"hi"_s, true), onDelta, done); });
    QVERIFY(outcome.result.has_value());
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().code, ErrorCode::Unavailable);
    QVERIFY2(outcome.error().message.contains(u"Overloaded"_s), qPrintable(outcome.error().message));
}

QTEST_GUILESS_MAIN(LlmProviderTest)
#include "LlmProviderTest.moc"
