#pragma once

#include "core/agents/LlmProvider.h"
#include "core/net/HttpTypes.h"

#include <QJsonObject>
#include <memory>

class QObject;

namespace aiops::net {
class CurlClient;
}

namespace aiops::agents::llmhttp {

// How a provider reads one 2xx response body: onChunk gets it piece by piece as it arrives (returning an error
// aborts the exchange with that error), onEnd builds the result once the body is complete.
struct BodyReader
{
    std::function<std::optional<Error>(const QByteArray& chunk)> onChunk;
    std::function<Result<ChatResult>()> onEnd;
};

// The most a provider buffers of one answer (a whole non-streamed body, or a stream's total).
inline constexpr qsizetype kMaxBodyBytes = 64 * 1024 * 1024;

// Reads a streamed answer into a fresh Accumulator (the provider's SSE state: provider, onDelta and result
// fields, onChunk() and finish()), which hands deltas to onDelta as they arrive.
template<typename Accumulator> BodyReader streamingReader(const QString& provider, LlmProvider::DeltaHandler onDelta)
{
    auto stream = std::make_shared<Accumulator>();
    stream->provider = provider;
    stream->onDelta = onDelta ? std::move(onDelta) : [](const ChatDelta&) {
    };
    stream->result.message.role = QStringLiteral("assistant");
    BodyReader reader;
    reader.onChunk = [stream](const QByteArray& chunk) {
        return stream->onChunk(chunk);
    };
    reader.onEnd = [stream] {
        return stream->finish();
    };
    return reader;
}

// Buffers a whole answer (at most kMaxBodyBytes) and builds the result with parse(body, provider).
BodyReader bufferedReader(const QString& provider,
                          std::function<Result<ChatResult>(const QByteArray& body, const QString& provider)> parse);

// Starts the request with its body streamed into reader; 4xx/5xx and transport failures go to done as errors.
ChatCall run(QObject* context,
             net::CurlClient* http,
             net::Request request,
             const QString& provider,
             BodyReader reader,
             LlmProvider::Done<ChatResult> done);

// GET returning a JSON object (model lists).
void getJson(QObject* context,
             net::CurlClient* http,
             net::Request request,
             const QString& provider,
             std::function<void(Result<QJsonObject>)> done);

// The typed error for a failed HTTP exchange, with the server's own message ({"error":{"message"}} in both the
// OpenAI and the Anthropic shape) and Retry-After in seconds.
Error httpError(const QString& provider, int status, const net::HttpHeaders& headers, const QByteArray& body);

Result<QJsonObject> parseObject(const QByteArray& json, const QString& provider, const QString& what);

} // namespace aiops::agents::llmhttp
