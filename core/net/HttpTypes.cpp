#include "core/net/HttpTypes.h"

namespace aiops::net {

std::optional<Error> errorForStatus(int status, const QByteArray& body)
{
    if (status >= 100 && status < 400) {
        return std::nullopt;
    }
    ErrorCode code = ErrorCode::Internal;
    switch (status) {
    case 400: code = ErrorCode::BadRequest; break;
    case 401: code = ErrorCode::Unauthorized; break;
    case 403: code = ErrorCode::Forbidden; break;
    case 404:
    case 410: code = ErrorCode::NotFound; break;
    case 405: code = ErrorCode::MethodNotAllowed; break;
    case 409: code = ErrorCode::Conflict; break;
    case 413: code = ErrorCode::PayloadTooLarge; break;
    case 416: code = ErrorCode::OutOfRange; break;
    case 429: code = ErrorCode::RateLimited; break;
    default: code = status >= 500 ? ErrorCode::Unavailable : ErrorCode::BadRequest; break;
    }
    QString message = QStringLiteral("HTTP %1").arg(status);
    const QByteArray excerpt = body.left(200).trimmed();
    if (!excerpt.isEmpty()) {
        message += QStringLiteral(": ") + QString::fromUtf8(excerpt);
    }
    return Error { code, message, {} };
}

} // namespace aiops::net
