#pragma once

#include "core/net/HttpHeaders.h"
#include "core/protocol/Error.h"

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QtCore/qtypeinfo.h>
#include <optional>

class QIODevice;

namespace aiops::net {

struct Request
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HttpHeaders headers;
    QByteArray body; // sent for any method when not empty
    int timeoutMs = 0; // whole transfer; 0 = no limit
    int connectTimeoutMs = 10'000;
    // Fails the transfer as a timeout when no byte arrives for this long (connecting included); for big
    // downloads, where a total timeout does not fit. 0 = off.
    int stallTimeoutSeconds = 0;
    // At most maxRedirects (capped at 5) hops, relative Location included. Authorization and Cookie headers
    // are not sent on to another host or port (libcurl's rule), so a CDN redirect never sees the token.
    bool followRedirects = false;
    int maxRedirects = 5;
    // Sends "Range: bytes=N-". A server may ignore it and answer 200 with the whole body: headersReceived
    // comes before the first byte is written, so a slot there can rewind the output device.
    std::optional<qint64> rangeStart;
    // When set, a 1xx-3xx body is streamed into this device (and dataReceived is emitted per chunk) instead
    // of being buffered; 4xx/5xx bodies are always buffered into Response::body. The device must stay open
    // until finished; the client does not own it.
    QIODevice* output = nullptr;
    qint64 maxBufferedBytes = 64 * 1024 * 1024; // buffered bodies above this fail with PayloadTooLarge
    QString unixSocketPath; // talk HTTP over this AF_UNIX socket (Docker Engine API); url gives host/path
    // "sha256//<base64 of the SubjectPublicKeyInfo DER>": trust exactly this server key instead of the CA
    // store and host name (a node fetching from its pinned, self-signed controller).
    QByteArray pinnedPublicKey;
};

struct Response
{
    int status = 0;
    HttpHeaders headers; // of the final response, after redirects
    QByteArray body; // empty when the request streamed into an output device
    QUrl effectiveUrl;
    qint64 bytes = 0; // body bytes received by this transfer (excluding a resumed prefix)
};

// Transfer::cancel() finishes the transfer with ErrorCode::Unavailable and this message.
QString cancelledMessage();
bool isCancellation(const Error& error);

// The typed error for a non-2xx status (401 Unauthorized, 403 Forbidden, 404 NotFound, 429 RateLimited,
// 5xx Unavailable, ...), or nullopt for 1xx-3xx. Transport errors never reach here: finished() carries those.
std::optional<Error> errorForStatus(int status, const QByteArray& body = {});

} // namespace aiops::net

// Transfer::finished carries a Result<Response>. libstdc++ 12 declares std::expected's operator== without
// constraints, so QMetaType would try to compare Errors, which have no ==: tell it there is none.
template<> struct QTypeTraits::has_operator_equal<aiops::Result<aiops::net::Response>> : std::false_type
{
};
