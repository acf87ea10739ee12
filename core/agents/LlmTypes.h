#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace aiops::agents {

// A function call the model asked for; argumentsJson is the JSON object text the model produced.
struct ToolCall
{
    QString id;
    QString name;
    QString argumentsJson;
};

struct ChatMessage
{
    QString role; // "system", "user", "assistant" or "tool"
    QString content;
    QString toolCallId; // role "tool": the call this message answers
    QList<ToolCall> toolCalls; // role "assistant": the calls it made
};

struct ToolSpec
{
    QString name;
    QString description;
    QJsonObject parameters; // JSON Schema of the arguments
};

struct ChatRequest
{
    QString model;
    QList<ChatMessage> messages;
    QList<ToolSpec> tools;
    QString toolChoice; // empty (server default), "none", "auto", "required", or the name of one tool
    std::optional<double> temperature;
    int maxTokens = 0; // 0: the provider's default
    bool stream = true;
};

// One piece of a streamed answer: a text fragment, or progress of one tool call.
struct ChatDelta
{
    QString text;
    int toolIndex = -1; // which tool call of the answer (0-based) the fields below belong to; -1 for text
    QString toolCallId;
    QString toolName;
    QString argumentsFragment;
};

struct ChatUsage
{
    int promptTokens = 0;
    int completionTokens = 0;
};

struct ChatResult
{
    ChatMessage message; // role "assistant"
    QString finishReason; // "stop", "length", "tool_calls", "content_filter"
    ChatUsage usage;
    QString provider; // the provider that answered
    QString model;
};

} // namespace aiops::agents
