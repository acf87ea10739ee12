#include "core/controller/JsonBody.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace aiops::controller {

Result<QJsonObject> parseJsonObject(const QByteArray& body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(ErrorCode::InvalidJson,
                         QStringLiteral("The body is not valid JSON: %1 at offset %2")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
    if (!doc.isObject())
        return makeError(ErrorCode::InvalidJson, QStringLiteral("The body must be a JSON object"));
    return doc.object();
}

} // namespace aiops::controller
