#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace aiops::agents {

struct McpServerInfo
{
    QString name;
    QString title;
    QString version;
    QString protocolVersion; // the version the server agreed to
    QString instructions;
    QJsonObject capabilities;
};

struct McpTool
{
    QString name;
    QString title;
    QString description;
    QJsonObject inputSchema; // JSON Schema of the arguments
    QJsonObject annotations; // readOnlyHint, destructiveHint, ...
};

struct McpToolResult
{
    QJsonArray content; // [{type:"text", text}, {type:"image", ...}, ...]
    bool isError = false; // the tool ran and failed; the content says why
    QJsonObject structuredContent;

    // The text items of content, joined with '\n'.
    QString text() const
    {
        QStringList parts;
        for (const auto& item : content) {
            const QJsonObject object = item.toObject();
            if (object.value(QLatin1String("type")).toString() == QLatin1String("text")) {
                parts.append(object.value(QLatin1String("text")).toString());
            }
        }
        return parts.join(QLatin1Char('\n'));
    }
};

} // namespace aiops::agents
