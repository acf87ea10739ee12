#pragma once

#include "core/agents/LlmProvider.h"
#include "core/net/HttpTypes.h"

#include <QObject>
#include <QUrl>

namespace aiops::net {
class CurlClient;
}

namespace aiops::agents {

// The Anthropic Messages API (POST /v1/messages) behind the common provider interface: system messages go to
// "system", tools to "input_schema", tool calls and results to tool_use / tool_result content blocks.
class AnthropicProvider final : public QObject, public LlmProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnthropicProvider)

public:
    struct Options
    {
        QString name = QStringLiteral("anthropic");
        Kind kind = Kind::Cloud;
        QUrl baseUrl = QUrl(QStringLiteral("https://api.anthropic.com/v1"));
        QByteArray apiKey; // x-api-key
        QByteArray version = "2023-06-01"; // anthropic-version
        int defaultMaxTokens = 4096; // max_tokens is required by the API
        int timeoutMs = 120'000;
        int stallTimeoutSeconds = 60;
    };

    AnthropicProvider(net::CurlClient* http, Options options, QObject* parent = nullptr);

    QString name() const override { return m_options.name; }
    Kind kind() const override { return m_options.kind; }
    ChatCall chat(const ChatRequest& request, DeltaHandler onDelta, Done<ChatResult> done) override;
    void listModels(Done<QStringList> done) override;

    // The Messages API request body for this request (exposed for tests of the mapping).
    static QJsonObject requestBody(const ChatRequest& request, int defaultMaxTokens);

private:
    net::Request newRequest(const QString& path) const;

    net::CurlClient* m_http;
    Options m_options;
};

} // namespace aiops::agents
