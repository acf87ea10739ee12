#pragma once

#include "core/agents/LlmProvider.h"
#include "core/net/HttpTypes.h"

#include <QJsonObject>

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
