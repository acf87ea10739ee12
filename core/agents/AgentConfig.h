#pragma once

#include "core/agents/ProviderRouter.h"
#include "core/protocol/Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

namespace aiops::agents {

// The configuration file the controller writes for one aiops-agent process (agents/<agentId>.json, see the agent
// runtime wire contract). fromJson() checks every field; a bad one is an Error naming its JSON path
// ("llm.providers[1].baseUrl").
struct AgentConfig
{
    struct Provider
    {
        QString name;
        LlmProvider::Kind kind = LlmProvider::Kind::Local;
        QString api; // "openai" | "anthropic"
        QUrl baseUrl;
        QByteArray apiKey;
        QString model;
    };

    struct Tool
    {
        QString toolId;
        QString name;
        QString transport; // "http" (Streamable HTTP) | "sse"
        QUrl endpoint;
        QMap<QString, QString> headers;
        QStringList allow; // the server's tools this agent may use; empty = all of them

        // The token of an "Authorization: Bearer <token>" header; empty when there is none.
        QByteArray bearerToken() const;
    };

    QString agentId;
    QString name;
    QUrl gatewayUrl; // ws:// or wss://
    QByteArray token;
    QString systemPrompt;
    ProviderRouter::RoutingPolicy policy;
    bool localOnly = false;
    QList<Provider> providers; // in preference order, at least one
    QList<Tool> tools;
    int heartbeatIntervalMs = 10'000;
    int maxToolRounds = 8;
    int requestTimeoutMs = 120'000;

    static Result<AgentConfig> fromJson(const QJsonObject& json);
    // Reads and parses the file; an unreadable file or invalid JSON is an error too.
    static Result<AgentConfig> load(const QString& path);
};

} // namespace aiops::agents
