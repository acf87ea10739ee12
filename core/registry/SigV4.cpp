#include "core/registry/SigV4.h"

#include <QMap>
#include <algorithm>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace Qt::StringLiterals;

namespace aiops::registry {

namespace {

constexpr QByteArrayView kAlgorithm = "AWS4-HMAC-SHA256";
constexpr int kMaxPresignSeconds = 7 * 24 * 3600; // SigV4's limit on X-Amz-Expires

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '_' || c == '~';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// Trim, and fold each run of whitespace into one space (the suite folds inside quotes too).
QByteArray canonicalHeaderValue(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    bool pendingSpace = false;
    for (const char c : value) {
        if (isSpace(c) || c == '\r' || c == '\n') {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out.append(' ');
        pendingSpace = false;
        out.append(c);
    }
    return out;
}

bool isVolatileHeader(const QByteArray& lowerName)
{
    static const QList<QByteArray> names { "authorization",     "connection", "x-amzn-trace-id", "user-agent", "expect",
                                           "presigned-expires", "range" };
    return names.contains(lowerName);
}

void removeHeader(SigV4Pairs& headers, QByteArrayView name)
{
    headers.removeIf([name](const auto& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray headerValue(const SigV4Pairs& headers, QByteArrayView name)
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

struct CanonicalHeaders
{
    QByteArray block; // "name:value\n" lines
    QByteArray signedNames; // "a;b;c"
};

CanonicalHeaders canonicalHeaders(const SigV4Pairs& headers, SigV4SignedHeaders policy, QByteArrayView skip)
{
    // QMap keeps the names sorted; values of repeated names are joined in wire order.
    QMap<QByteArray, QByteArray> byName;
    for (const auto& [name, value] : headers) {
        const QByteArray lower = name.trimmed().toLower();
        if (lower == skip || (policy == SigV4SignedHeaders::Standard && isVolatileHeader(lower)))
            continue;
        auto it = byName.find(lower);
        if (it == byName.end())
            byName.insert(lower, canonicalHeaderValue(value));
        else
            it.value() += ',' + canonicalHeaderValue(value);
    }
    CanonicalHeaders out;
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        out.block += it.key() + ':' + it.value() + '\n';
        if (!out.signedNames.isEmpty())
            out.signedNames += ';';
        out.signedNames += it.key();
    }
    return out;
}

bool isValidPayloadHash(const QByteArray& hash)
{
    if (hash == "UNSIGNED-PAYLOAD")
        return true;
    return hash.size() == 64 && std::all_of(hash.cbegin(), hash.cend(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

Result<void> checkRequest(const SigV4Request& request, const SigV4Options& options)
{
    if (request.method.isEmpty())
        return makeError(ErrorCode::InvalidValue, u"SigV4: the request has no method"_s, u"method"_s);
    if (!request.path.startsWith('/'))
        return makeError(ErrorCode::InvalidValue, u"SigV4: the path must start with '/'"_s, u"path"_s);
    if (headerValue(request.headers, "host").isEmpty())
        return makeError(ErrorCode::MissingField, u"SigV4: the request has no Host header"_s, u"host"_s);
    if (!isValidPayloadHash(options.payloadHash))
        return makeError(ErrorCode::InvalidValue,
                         u"SigV4: the payload hash must be a lowercase hex SHA-256 or UNSIGNED-PAYLOAD"_s,
                         u"payloadHash"_s);
    return {};
}

} // namespace

SigV4Options SigV4Options::s3(QByteArray payloadHash)
{
    SigV4Options options;
    options.normalizePath = false;
    options.doubleEncodePath = false;
    options.payloadHash = std::move(payloadHash);
    options.addContentSha256Header = true;
    options.signedHeaders = SigV4SignedHeaders::Standard;
    return options;
}

SigV4Signer::SigV4Signer(SigV4Credentials credentials, QByteArray region, QByteArray service)
    : m_credentials(std::move(credentials))
    , m_region(std::move(region))
    , m_service(std::move(service))
{
}

QByteArray SigV4Signer::credentialScope(const QByteArray& amzDate) const
{
    return amzDate.left(8) + '/' + m_region + '/' + m_service + "/aws4_request";
}

QByteArray SigV4Signer::signatureFor(const QByteArray& amzDate, const QByteArray& stringToSign) const
{
    const QByteArray kDate = SigV4::hmacSha256(QByteArray("AWS4") += m_credentials.secretAccessKey, amzDate.left(8));
    const QByteArray kRegion = SigV4::hmacSha256(kDate, m_region);
    const QByteArray kService = SigV4::hmacSha256(kRegion, m_service);
    const QByteArray kSigning = SigV4::hmacSha256(kService, "aws4_request");
    return SigV4::hmacSha256(kSigning, stringToSign).toHex();
}

Result<SigV4Signer::Prepared>
SigV4Signer::prepare(SigV4Request& request, const QDateTime& now, const SigV4Options& options) const
{
    if (auto ok = checkRequest(request, options); !ok)
        return std::unexpected(ok.error());
    if (m_credentials.accessKeyId.isEmpty() || m_credentials.secretAccessKey.isEmpty())
        return makeError(ErrorCode::Unauthorized, u"SigV4: no access key or secret key"_s);

    Prepared prepared;
    prepared.amzDate = SigV4::amzDate(now);
    removeHeader(request.headers, "authorization");
    removeHeader(request.headers, "x-amz-date");
    request.headers.append({ "X-Amz-Date", prepared.amzDate });
    if (!m_credentials.sessionToken.isEmpty()) {
        removeHeader(request.headers, "x-amz-security-token");
        request.headers.append({ "X-Amz-Security-Token", m_credentials.sessionToken });
    }
    if (m_service == "s3" || options.addContentSha256Header) {
        removeHeader(request.headers, "x-amz-content-sha256");
        request.headers.append({ "X-Amz-Content-Sha256", options.payloadHash });
    }

    const QByteArrayView skip = options.signSessionToken ? QByteArrayView() : QByteArrayView("x-amz-security-token");
    const CanonicalHeaders headers = canonicalHeaders(request.headers, options.signedHeaders, skip);
    prepared.signedHeaders = headers.signedNames;
    prepared.canonicalRequest = request.method + '\n'
        + SigV4::canonicalUri(request.path, options.normalizePath, options.doubleEncodePath) + '\n'
        + SigV4::canonicalQuery(request.query) + '\n' + headers.block + '\n' + headers.signedNames + '\n'
        + options.payloadHash;
    prepared.stringToSign = kAlgorithm.toByteArray() + '\n' + prepared.amzDate + '\n'
        + credentialScope(prepared.amzDate) + '\n' + SigV4::sha256Hex(prepared.canonicalRequest);
    return prepared;
}

Result<SigV4Signature> SigV4Signer::sign(SigV4Request& request, const QDateTime& now, const SigV4Options& options) const
{
    auto prepared = prepare(request, now, options);
    if (!prepared)
        return std::unexpected(prepared.error());
    SigV4Signature out;
    out.canonicalRequest = prepared->canonicalRequest;
    out.stringToSign = prepared->stringToSign;
    out.signature = signatureFor(prepared->amzDate, prepared->stringToSign);
    out.authorization = kAlgorithm.toByteArray() + " Credential=" + m_credentials.accessKeyId + '/'
        + credentialScope(prepared->amzDate) + ", SignedHeaders=" + prepared->signedHeaders
        + ", Signature=" + out.signature;
    request.headers.append({ "Authorization", out.authorization });
    return out;
}

Result<QByteArray>
SigV4Signer::canonicalRequest(const SigV4Request& request, const QDateTime& now, const SigV4Options& options) const
{
    SigV4Request copy = request;
    auto prepared = prepare(copy, now, options);
    if (!prepared)
        return std::unexpected(prepared.error());
    return prepared->canonicalRequest;
}

Result<QByteArray>
SigV4Signer::stringToSign(const SigV4Request& request, const QDateTime& now, const SigV4Options& options) const
{
    SigV4Request copy = request;
    auto prepared = prepare(copy, now, options);
    if (!prepared)
        return std::unexpected(prepared.error());
    return prepared->stringToSign;
}

Result<SigV4Signer::Prepared> SigV4Signer::preparePresign(SigV4Request& request,
                                                          const QDateTime& now,
                                                          int expiresSeconds,
                                                          const SigV4Options& options) const
{
    if (auto ok = checkRequest(request, options); !ok)
        return std::unexpected(ok.error());
    if (m_credentials.accessKeyId.isEmpty() || m_credentials.secretAccessKey.isEmpty())
        return makeError(ErrorCode::Unauthorized, u"SigV4: no access key or secret key"_s);
    if (expiresSeconds < 1 || expiresSeconds > kMaxPresignSeconds)
        return makeError(
            ErrorCode::OutOfRange, u"SigV4: a presigned URL expires after 1 s to 7 days"_s, u"expiresSeconds"_s);

    Prepared prepared;
    prepared.amzDate = SigV4::amzDate(now);
    removeHeader(request.headers, "authorization");
    const CanonicalHeaders headers = canonicalHeaders(request.headers, options.signedHeaders, {});
    prepared.signedHeaders = headers.signedNames;

    request.query.removeIf([](const auto& q) { return q.first.startsWith("X-Amz-"); });
    request.query.append({ "X-Amz-Algorithm", kAlgorithm.toByteArray() });
    request.query.append(
        { "X-Amz-Credential", QByteArray(m_credentials.accessKeyId + '/' + credentialScope(prepared.amzDate)) });
    request.query.append({ "X-Amz-Date", prepared.amzDate });
    request.query.append({ "X-Amz-Expires", QByteArray::number(expiresSeconds) });
    if (!m_credentials.sessionToken.isEmpty() && options.signSessionToken)
        request.query.append({ "X-Amz-Security-Token", m_credentials.sessionToken });
    request.query.append({ "X-Amz-SignedHeaders", headers.signedNames });

    prepared.canonicalRequest = request.method + '\n'
        + SigV4::canonicalUri(request.path, options.normalizePath, options.doubleEncodePath) + '\n'
        + SigV4::canonicalQuery(request.query) + '\n' + headers.block + '\n' + headers.signedNames + '\n'
        + options.payloadHash;
    prepared.stringToSign = kAlgorithm.toByteArray() + '\n' + prepared.amzDate + '\n'
        + credentialScope(prepared.amzDate) + '\n' + SigV4::sha256Hex(prepared.canonicalRequest);
    return prepared;
}

Result<SigV4Signature> SigV4Signer::presign(const SigV4Request& request,
                                            const QDateTime& now,
                                            int expiresSeconds,
                                            const SigV4Options& options) const
{
    SigV4Request copy = request;
    auto prepared = preparePresign(copy, now, expiresSeconds, options);
    if (!prepared)
        return std::unexpected(prepared.error());
    SigV4Signature out;
    out.canonicalRequest = prepared->canonicalRequest;
    out.stringToSign = prepared->stringToSign;
    out.signature = signatureFor(prepared->amzDate, prepared->stringToSign);
    if (!m_credentials.sessionToken.isEmpty() && !options.signSessionToken)
        copy.query.append({ "X-Amz-Security-Token", m_credentials.sessionToken });
    copy.query.append({ "X-Amz-Signature", out.signature });
    out.query = SigV4::encodeQuery(copy.query);
    return out;
}

Result<QString> SigV4Signer::presignGet(const QUrl& url, int expiresSeconds, const QDateTime& now) const
{
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != u"http"_s && scheme != u"https"_s) || url.host().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"SigV4: not an http(s) URL: %1"_s.arg(url.toString()), u"url"_s);

    SigV4Request request;
    request.method = "GET";
    // Path-style S3: /bucket/key. Decoded first so that the key is encoded exactly once.
    const QByteArray decodedPath = url.path(QUrl::FullyDecoded).toUtf8();
    request.path = SigV4::encodePath(decodedPath.isEmpty() ? QByteArray("/") : decodedPath);
    request.query = SigV4::parseQuery(url.query(QUrl::FullyEncoded).toUtf8());
    const int defaultPort = scheme == u"https"_s ? 443 : 80;
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (url.port() != -1 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    request.headers.append({ "host", host });

    SigV4Options options = SigV4Options::s3();
    options.signedHeaders = SigV4SignedHeaders::All;
    auto signature = presign(request, now, expiresSeconds, options);
    if (!signature)
        return std::unexpected(signature.error());
    const QString authority = QString::fromUtf8(host);
    return QString(scheme + u"://"_s + authority + QString::fromUtf8(request.path) + u'?'
                   + QString::fromUtf8(signature->query));
}

namespace SigV4 {

QByteArray uriEncode(QByteArrayView bytes, bool encodeSlash)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char c : bytes) {
        if (isUnreserved(c) || (c == '/' && !encodeSlash)) {
            out.append(c);
        } else {
            const auto u = static_cast<unsigned char>(c);
            out.append('%');
            out.append(hex[u >> 4]);
            out.append(hex[u & 0x0f]);
        }
    }
    return out;
}

QByteArray percentDecode(QByteArrayView bytes)
{
    QByteArray out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '%' && i + 2 < bytes.size() && hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0) {
            out.append(static_cast<char>(hexValue(bytes[i + 1]) * 16 + hexValue(bytes[i + 2])));
            i += 2;
        } else {
            out.append(c);
        }
    }
    return out;
}

QByteArray encodePath(QByteArrayView decodedPath)
{
    return uriEncode(decodedPath, false);
}

SigV4Pairs parseQuery(QByteArrayView wireQuery)
{
    SigV4Pairs out;
    for (const QByteArray& piece : wireQuery.toByteArray().split('&')) {
        if (piece.isEmpty())
            continue;
        const qsizetype eq = piece.indexOf('=');
        if (eq < 0)
            out.append({ percentDecode(piece), QByteArray() });
        else
            out.append({ percentDecode(piece.first(eq)), percentDecode(piece.sliced(eq + 1)) });
    }
    return out;
}

QByteArray encodeQuery(const SigV4Pairs& query)
{
    QByteArray out;
    for (const auto& [key, value] : query) {
        if (!out.isEmpty())
            out += '&';
        out += uriEncode(key);
        if (!value.isEmpty())
            out += '=' + uriEncode(value);
    }
    return out;
}

QByteArray canonicalUri(QByteArrayView wirePath, bool normalize, bool doubleEncode)
{
    const QByteArray owned = wirePath.toByteArray();
    QList<QByteArray> segments = owned.split('/');
    // split("/a/b/") gives "", "a", "b", ""; the leading empty piece is the root.
    if (!segments.isEmpty())
        segments.removeFirst();
    if (normalize) {
        QList<QByteArray> kept;
        const QByteArray last = segments.isEmpty() ? QByteArray() : segments.last();
        for (const QByteArray& segment : segments) {
            if (segment.isEmpty() || segment == ".")
                continue;
            if (segment == "..") {
                if (!kept.isEmpty())
                    kept.removeLast();
                continue;
            }
            kept.append(segment);
        }
        const bool trailingSlash = last.isEmpty() || last == "." || last == "..";
        if (trailingSlash && !kept.isEmpty())
            kept.append(QByteArray());
        segments = kept;
    }
    QByteArray out = "/";
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (i > 0)
            out += '/';
        out += doubleEncode ? uriEncode(segments[i]) : uriEncode(percentDecode(segments[i]));
    }
    return out;
}

QByteArray canonicalQuery(const SigV4Pairs& query)
{
    QList<QPair<QByteArray, QByteArray>> encoded;
    encoded.reserve(query.size());
    for (const auto& [key, value] : query)
        encoded.append({ uriEncode(key), uriEncode(value) });
    std::sort(encoded.begin(), encoded.end());
    QByteArray out;
    for (const auto& [key, value] : encoded) {
        if (!out.isEmpty())
            out += '&';
        out += key + '=' + value;
    }
    return out;
}

QByteArray sha256Hex(QByteArrayView data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), static_cast<size_t>(data.size()), digest, &length, EVP_sha256(), nullptr) != 1)
        return {};
    return QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length)).toHex();
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(),
              key.data(),
              static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(data.data()),
              static_cast<size_t>(data.size()),
              mac,
              &length))
        return {};
    return QByteArray(reinterpret_cast<const char*>(mac), static_cast<qsizetype>(length));
}

QByteArray amzDate(const QDateTime& now)
{
    return now.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s).toLatin1();
}

} // namespace SigV4

} // namespace aiops::registry
