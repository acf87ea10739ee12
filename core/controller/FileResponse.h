#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QHttpServerResponse>
#include <QString>
#include <optional>

class QHttpServerResponder;

namespace aiops::controller {

struct RequestContext;

// A byte range of a file: [first, last], both inclusive (RFC 9110 §14.1.2).
struct ByteRange
{
    qint64 first = 0;
    qint64 last = 0;
    qint64 length() const { return last - first + 1; }
};

// Parses a Range header against a file of `size` bytes. nullopt: no header, or one the server may ignore
// (several ranges, another unit) and answer with the whole file. RangeNotSatisfiable: a well-formed single
// range that lies past the end (the caller answers 416). InvalidValue: a malformed one.
Result<std::optional<ByteRange>> parseByteRange(const QByteArray& header, qint64 size);

// Streams a file (or the Range the request asks for: 206 + Content-Range) to the responder without reading
// it into memory, with Accept-Ranges, ETag and X-Request-Id headers. Returns an error response, writing
// nothing, when the file cannot be opened or the range cannot be satisfied.
std::optional<QHttpServerResponse>
streamFile(RequestContext& context, QHttpServerResponder& responder, const QString& path, const QByteArray& etag);

} // namespace aiops::controller
