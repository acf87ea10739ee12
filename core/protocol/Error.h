#pragma once

#include <QString>
#include <expected>

namespace aiops {

// Stable machine codes. They travel in system.error.errorCode and in REST error bodies, so the
// string of an existing code never changes; add new codes at the end.
enum class ErrorCode {
    InvalidJson, // INVALID_JSON: frame/body is not a JSON object
    FrameTooLarge, // FRAME_TOO_LARGE
    UnknownType, // UNKNOWN_MESSAGE_TYPE
    MissingField, // MISSING_FIELD
    InvalidFieldType, // INVALID_FIELD_TYPE
    OutOfRange, // OUT_OF_RANGE
    InvalidValue, // INVALID_VALUE
    Unauthorized, // UNAUTHORIZED
    Forbidden, // FORBIDDEN
    NotFound, // NOT_FOUND
    NodeNotRegistered, // NODE_NOT_REGISTERED
    NodeIdMismatch, // NODE_ID_MISMATCH
    Conflict, // CONFLICT
    RateLimited, // RATE_LIMITED
    StoreError, // STORE_ERROR
    Internal, // INTERNAL_ERROR
    BadRequest, // BAD_REQUEST
    Unavailable, // SERVICE_UNAVAILABLE
    PayloadTooLarge, // PAYLOAD_TOO_LARGE
    QuotaExceeded, // QUOTA_EXCEEDED
    MethodNotAllowed, // METHOD_NOT_ALLOWED
    InsufficientStorage, // INSUFFICIENT_STORAGE: not enough disk for a download or an import
    RangeNotSatisfiable, // RANGE_NOT_SATISFIABLE: a Range past the end of a file (HTTP 416)
};

QString errorCodeName(ErrorCode code);
// HTTP status used when the error is returned by the REST API.
int httpStatusFor(ErrorCode code);

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    QString field; // JSON path of the offending field, when there is one ("metrics.gpuDevices[1].utilization")
    int retryAfterSeconds = 0; // RateLimited / Unavailable: when to try again (REST: Retry-After)

    QString codeName() const { return errorCodeName(code); }
};

template<typename T> using Result = std::expected<T, Error>;

inline std::unexpected<Error> makeError(ErrorCode code, QString message, QString field = {})
{
    return std::unexpected<Error>(Error { code, std::move(message), std::move(field) });
}

} // namespace aiops
