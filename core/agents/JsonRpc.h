#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <optional>

namespace aiops::agents::jsonrpc {

// JSON-RPC 2.0 error codes used by MCP.
inline constexpr int ParseError = -32700;
inline constexpr int InvalidRequest = -32600;
inline constexpr int MethodNotFound = -32601;
inline constexpr int InvalidParams = -32602;
inline constexpr int InternalError = -32603;

QByteArray request(qint64 id, const QString& method, const QJsonObject& params);
QByteArray notification(const QString& method, const QJsonObject& params = {});
QByteArray errorReply(const QJsonValue& id, int code, const QString& message);
QByteArray resultReply(const QJsonValue& id, const QJsonObject& result);

// A JSON-RPC error object as an Error: InvalidJson, BadRequest, NotFound, InvalidValue or Internal by code,
// with the numeric code kept in the message ("JSON-RPC error -32602: ...") so errorCode() can recover it.
Error toError(const QJsonObject& error);
// The JSON-RPC code of an Error made by toError(), or nullopt for any other error.
std::optional<int> errorCode(const Error& error);

} // namespace aiops::agents::jsonrpc
