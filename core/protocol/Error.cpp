#include "core/protocol/Error.h"

namespace aiops {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidJson: return QStringLiteral("INVALID_JSON");
    case ErrorCode::FrameTooLarge: return QStringLiteral("FRAME_TOO_LARGE");
    case ErrorCode::UnknownType: return QStringLiteral("UNKNOWN_MESSAGE_TYPE");
    case ErrorCode::MissingField: return QStringLiteral("MISSING_FIELD");
    case ErrorCode::InvalidFieldType: return QStringLiteral("INVALID_FIELD_TYPE");
    case ErrorCode::OutOfRange: return QStringLiteral("OUT_OF_RANGE");
    case ErrorCode::InvalidValue: return QStringLiteral("INVALID_VALUE");
    case ErrorCode::Unauthorized: return QStringLiteral("UNAUTHORIZED");
    case ErrorCode::Forbidden: return QStringLiteral("FORBIDDEN");
    case ErrorCode::NotFound: return QStringLiteral("NOT_FOUND");
    case ErrorCode::NodeNotRegistered: return QStringLiteral("NODE_NOT_REGISTERED");
    case ErrorCode::NodeIdMismatch: return QStringLiteral("NODE_ID_MISMATCH");
    case ErrorCode::Conflict: return QStringLiteral("CONFLICT");
    case ErrorCode::RateLimited: return QStringLiteral("RATE_LIMITED");
    case ErrorCode::StoreError: return QStringLiteral("STORE_ERROR");
    case ErrorCode::Internal: return QStringLiteral("INTERNAL_ERROR");
    case ErrorCode::BadRequest: return QStringLiteral("BAD_REQUEST");
    case ErrorCode::Unavailable: return QStringLiteral("SERVICE_UNAVAILABLE");
    case ErrorCode::PayloadTooLarge: return QStringLiteral("PAYLOAD_TOO_LARGE");
    case ErrorCode::QuotaExceeded: return QStringLiteral("QUOTA_EXCEEDED");
    case ErrorCode::MethodNotAllowed: return QStringLiteral("METHOD_NOT_ALLOWED");
    case ErrorCode::InsufficientStorage: return QStringLiteral("INSUFFICIENT_STORAGE");
    case ErrorCode::RangeNotSatisfiable: return QStringLiteral("RANGE_NOT_SATISFIABLE");
    }
    return QStringLiteral("INTERNAL_ERROR");
}

int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidJson:
    case ErrorCode::MissingField:
    case ErrorCode::InvalidFieldType:
    case ErrorCode::OutOfRange:
    case ErrorCode::InvalidValue:
    case ErrorCode::UnknownType:
    case ErrorCode::BadRequest:
    case ErrorCode::NodeIdMismatch: return 400;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::NotFound:
    case ErrorCode::NodeNotRegistered: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::MethodNotAllowed: return 405;
    case ErrorCode::InsufficientStorage: return 507;
    case ErrorCode::RangeNotSatisfiable: return 416;
    case ErrorCode::FrameTooLarge:
    case ErrorCode::PayloadTooLarge: return 413;
    case ErrorCode::RateLimited:
    case ErrorCode::QuotaExceeded: return 429;
    case ErrorCode::Unavailable: return 503;
    case ErrorCode::StoreError:
    case ErrorCode::Internal: return 500;
    }
    return 500;
}

} // namespace aiops
