#pragma once

#include "core/agents/LlmProvider.h"

#include <QObject>
#include <QUrl>

namespace aiops::net {
class CurlClient;
}

namespace aiops::agents {

// An OpenAI-compatible chat-completions server: vLLM, Ollama (:11434/v1), llama.cpp's server, OpenAI.
// Streams with SSE ("data: <chunk>" ... "data: [DONE]") and joins tool_call fragments by index and id.
class OpenAiProvider final : public QObject, public LlmProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpenAiProvider)

public:
    struct Options
    {
        QString name; // unique among the router's providers ("vllm-a100", "openai")
        Kind kind = Kind::Local;
        QUrl baseUrl; // up to and including /v1: "http://host:8000/v1"
        QByteArray apiKey; // sent as "Authorization: Bearer"; empty for none
        int timeoutMs = 120'000; // a whole non-streamed answer
        int stallTimeoutSeconds = 60; // a stream silent for this long fails
    };

    OpenAiProvider(net::CurlClient* http, Options options, QObject* parent = nullptr);

    QString name() const override { return m_options.name; }
    Kind kind() const override { return m_options.kind; }
    ChatCall chat(const ChatRequest& request, DeltaHandler onDelta, Done<ChatResult> done) override;
    void listModels(Done<QStringList> done) override;

    // The chat-completions request body for this request (exposed for tests of the mapping).
    static QJsonObject requestBody(const ChatRequest& request);

private:
    net::CurlClient* m_http;
    Options m_options;
};

} // namespace aiops::agents
