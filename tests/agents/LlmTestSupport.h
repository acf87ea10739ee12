#pragma once

// Shared by the LLM provider and router tests: SSE and JSON bodies in the shape the OpenAI-compatible servers send
// them, and a waiter for one chat call.
#include "core/agents/LlmProvider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <optional>

namespace aiops::testing {

struct ChatOutcome
{
    QList<agents::ChatDelta> deltas;
    std::optional<Result<agents::ChatResult>> result;

    QStringList texts() const
    {
        QStringList list;
        for (const agents::ChatDelta& delta : deltas) {
            if (!delta.text.isEmpty()) {
                list.append(delta.text);
            }
        }
        return list;
    }
    bool ok() const { return result && result->has_value(); }
    // Safe on the wrong outcome too: an empty result, or an Internal error saying what happened instead, so a
    // comparison fails rather than the test crashing.
    agents::ChatResult value() const { return ok() ? **result : agents::ChatResult {}; }
    Error error() const
    {
        if (!result) {
            return Error { ErrorCode::Internal, QStringLiteral("test: no result"), {} };
        }
        return *result ? Error { ErrorCode::Internal, QStringLiteral("test: the call succeeded"), {} }
                       : result->error();
    }
    QString why() const
    {
        if (!result) {
            return QStringLiteral("no result");
        }
        return *result ? QString()
                       : QString(result->error().codeName() + QStringLiteral(": ") + result->error().message);
    }
};

inline QByteArray sseData(const QJsonObject& chunk)
{
    return "data: " + QJsonDocument(chunk).toJson(QJsonDocument::Compact) + "\n\n";
}

inline QJsonObject textChunk(const QString& text)
{
    return QJsonObject {
        { QStringLiteral("object"), QStringLiteral("chat.completion.chunk") },
        { QStringLiteral("model"), QStringLiteral("double-model") },
        { QStringLiteral("choices"),
          QJsonArray { QJsonObject { { QStringLiteral("index"), 0 },
                                     { QStringLiteral("delta"), QJsonObject { { QStringLiteral("content"), text } } },
                                     { QStringLiteral("finish_reason"), QJsonValue() } } } },
    };
}

inline QJsonObject finishChunk(const QString& reason)
{
    return QJsonObject {
        { QStringLiteral("choices"),
          QJsonArray { QJsonObject { { QStringLiteral("index"), 0 },
                                     { QStringLiteral("delta"), QJsonObject {} },
                                     { QStringLiteral("finish_reason"), reason } } } },
    };
}

inline QJsonObject usageChunk(int prompt, int completion)
{
    return QJsonObject {
        { QStringLiteral("choices"), QJsonArray {} },
        { QStringLiteral("usage"),
          QJsonObject { { QStringLiteral("prompt_tokens"), prompt },
                        { QStringLiteral("completion_tokens"), completion },
                        { QStringLiteral("total_tokens"), prompt + completion } } },
    };
}

// A whole streamed answer of these text pieces.
inline QByteArray textStream(const QStringList& pieces)
{
    QByteArray body;
    for (const QString& piece : pieces) {
        body += sseData(textChunk(piece));
    }
    body += sseData(finishChunk(QStringLiteral("stop")));
    body += sseData(usageChunk(12, int(pieces.size())));
    body += "data: [DONE]\n\n";
    return body;
}

// A non-streamed chat.completion answer.
inline QByteArray completionJson(const QString& text)
{
    const QJsonObject body {
        { QStringLiteral("object"), QStringLiteral("chat.completion") },
        { QStringLiteral("model"), QStringLiteral("double-model") },
        { QStringLiteral("choices"),
          QJsonArray { QJsonObject { { QStringLiteral("index"), 0 },
                                     { QStringLiteral("message"),
                                       QJsonObject { { QStringLiteral("role"), QStringLiteral("assistant") },
                                                     { QStringLiteral("content"), text } } },
                                     { QStringLiteral("finish_reason"), QStringLiteral("stop") } } } },
        { QStringLiteral("usage"),
          QJsonObject { { QStringLiteral("prompt_tokens"), 5 }, { QStringLiteral("completion_tokens"), 2 } } },
    };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

inline agents::ChatRequest userRequest(const QString& text, bool stream)
{
    agents::ChatRequest request;
    request.model = QStringLiteral("double-model");
    request.messages.append(agents::ChatMessage { QStringLiteral("user"), text, {}, {} });
    request.stream = stream;
    return request;
}

// Starts a chat through start (which gets onDelta and done) and waits for done.
template<typename Start> ChatOutcome runChat(Start start, int timeoutMs = 15'000)
{
    auto outcome = std::make_shared<ChatOutcome>();
    start([outcome](const agents::ChatDelta& delta) { outcome->deltas.append(delta); },
          [outcome](Result<agents::ChatResult> result) { outcome->result = std::move(result); });
    if (!QTest::qWaitFor([outcome] { return outcome->result.has_value(); }, timeoutMs)) {
        outcome->result = makeError(ErrorCode::Internal, QStringLiteral("test: the callback never came"));
    }
    return *outcome;
}

} // namespace aiops::testing
