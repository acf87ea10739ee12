#include "core/agents/JsonRpc.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace aiops::agents::jsonrpc {

namespace {

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const QString kPrefix = QStringLiteral("JSON-RPC error ");

} // namespace

QByteArray request(qint64 id, const QString& method, const QJsonObject& params)
{
    QJsonObject message { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                          { QStringLiteral("id"), id },
                          { QStringLiteral("method"), method } };
    if (!params.isEmpty()) {
        message.insert(QStringLiteral("params"), params);
    }
    return compact(message);
}

QByteArray notification(const QString& method, const QJsonObject& params)
{
    QJsonObject message { { QStringLiteral("jsonrpc"), QStringLiteral("2.0") }, { QStringLiteral("method"), method } };
    if (!params.isEmpty()) {
        message.insert(QStringLiteral("params"), params);
    }
    return compact(message);
}

QByteArray errorReply(const QJsonValue& id, int code, const QString& message)
{
    return compact({ { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                     { QStringLiteral("id"), id },
                     { QStringLiteral("error"),
                       QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } } } });
}

QByteArray resultReply(const QJsonValue& id, const QJsonObject& result)
{
    return compact({ { QStringLiteral("jsonrpc"), QStringLiteral("2.0") },
                     { QStringLiteral("id"), id },
                     { QStringLiteral("result"), result } });
}

Error toError(const QJsonObject& error)
{
    const int code = error.value(QStringLiteral("code")).toInt(InternalError);
    ErrorCode mapped = ErrorCode::Internal;
    switch (code) {
    case ParseError: mapped = ErrorCode::InvalidJson; break;
    case InvalidRequest: mapped = ErrorCode::BadRequest; break;
    case MethodNotFound: mapped = ErrorCode::NotFound; break;
    case InvalidParams: mapped = ErrorCode::InvalidValue; break;
    default: break;
    }
    const QString text = error.value(QStringLiteral("message")).toString();
    return Error { mapped, kPrefix + QString::number(code) + QStringLiteral(": ") + text, {} };
}

std::optional<int> errorCode(const Error& error)
{
    static const QRegularExpression pattern(QStringLiteral("^JSON-RPC error (-?\\d+): "));
    const QRegularExpressionMatch match = pattern.match(error.message);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    return match.captured(1).toInt();
}

} // namespace aiops::agents::jsonrpc
