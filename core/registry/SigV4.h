#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace aiops::registry {

// AWS Signature Version 4 (request signing for S3/MinIO), on OpenSSL's SHA-256 and HMAC. Our own
// signer because libcurl 7.88's CURLOPT_AWS_SIGV4 mis-signs unsorted and bare-key query strings.

struct SigV4Credentials
{
    QByteArray accessKeyId;
    QByteArray secretAccessKey;
    QByteArray sessionToken; // empty: none
};

using SigV4Pairs = QList<QPair<QByteArray, QByteArray>>;

struct SigV4Request
{
    QByteArray method = "GET";
    // As it goes on the wire: percent-encoded, no query (see SigV4::encodePath).
    QByteArray path = "/";
    // Decoded key/value pairs, in wire order; a bare key ("?uploads") has an empty value.
    SigV4Pairs query;
    // In wire order; repeated names are kept. Must contain Host ("host[:port]").
    SigV4Pairs headers;
};

enum class SigV4SignedHeaders {
    All, // every header of the request (the AWS test suite)
    Standard, // all but those proxies and retries rewrite (the same list as the npm aws4 signer)
};

struct SigV4Options
{
    bool normalizePath = false; // remove dot segments and repeated slashes (not S3)
    bool doubleEncodePath = false; // encode the wire path again (not S3); S3 encodes segments once
    QByteArray payloadHash = "UNSIGNED-PAYLOAD"; // hex sha256 of the body, or UNSIGNED-PAYLOAD
    bool addContentSha256Header = false; // always on for service "s3"
    bool signSessionToken = true; // false: the token is sent but not signed (some STS flows)
    SigV4SignedHeaders signedHeaders = SigV4SignedHeaders::Standard;

    static SigV4Options s3(QByteArray payloadHash = "UNSIGNED-PAYLOAD");
};

// What was signed; the canonical request and string to sign are kept for tests and debugging.
struct SigV4Signature
{
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature; // hex
    QByteArray authorization; // header mode: the Authorization header value
    QByteArray query; // query mode: the full wire query string, X-Amz-Signature included
};

class SigV4Signer
{
public:
    SigV4Signer(SigV4Credentials credentials, QByteArray region, QByteArray service);

    // Adds X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256 (s3) and Authorization to the
    // request's headers (replacing earlier ones) and returns what was signed.
    Result<SigV4Signature> sign(SigV4Request& request, const QDateTime& now, const SigV4Options& options) const;

    // The canonical request and string to sign that sign() would use, without touching the request.
    Result<QByteArray>
    canonicalRequest(const SigV4Request& request, const QDateTime& now, const SigV4Options& options) const;
    Result<QByteArray>
    stringToSign(const SigV4Request& request, const QDateTime& now, const SigV4Options& options) const;

    // Query-string signing (a presigned request): X-Amz-* parameters, no Date/Authorization header.
    Result<SigV4Signature>
    presign(const SigV4Request& request, const QDateTime& now, int expiresSeconds, const SigV4Options& options) const;

    // A presigned GET for an S3 path-style URL (http://host:9000/bucket/key?...), signing only host.
    Result<QString> presignGet(const QUrl& url, int expiresSeconds, const QDateTime& now) const;

    const QByteArray& region() const { return m_region; }
    const QByteArray& service() const { return m_service; }

private:
    struct Prepared
    {
        QByteArray amzDate;
        QByteArray canonicalRequest;
        QByteArray stringToSign;
        QByteArray signedHeaders;
    };
    Result<Prepared> prepare(SigV4Request& request, const QDateTime& now, const SigV4Options& options) const;
    Result<Prepared>
    preparePresign(SigV4Request& request, const QDateTime& now, int expiresSeconds, const SigV4Options& options) const;
    QByteArray credentialScope(const QByteArray& amzDate) const;
    QByteArray signatureFor(const QByteArray& amzDate, const QByteArray& stringToSign) const;

    SigV4Credentials m_credentials;
    QByteArray m_region;
    QByteArray m_service;
};

namespace SigV4 {

// RFC 3986 percent-encoding: unreserved characters stay, everything else becomes %XX (upper).
QByteArray uriEncode(QByteArrayView bytes, bool encodeSlash = true);
QByteArray percentDecode(QByteArrayView bytes);
// A decoded object path ("/bucket/my file") as it goes on the wire for S3.
QByteArray encodePath(QByteArrayView decodedPath);
// "a=1&b&c=%20" into decoded pairs; '+' is a literal plus (RFC 3986, not form encoding).
SigV4Pairs parseQuery(QByteArrayView wireQuery);
// Pairs into a wire query string, in their order; empty values are written as bare keys.
QByteArray encodeQuery(const SigV4Pairs& query);

QByteArray canonicalUri(QByteArrayView wirePath, bool normalize, bool doubleEncode);
QByteArray canonicalQuery(const SigV4Pairs& query);

QByteArray sha256Hex(QByteArrayView data);
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);
QByteArray amzDate(const QDateTime& now); // 20150830T123600Z

} // namespace SigV4

} // namespace aiops::registry
