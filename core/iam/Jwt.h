#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>

namespace aiops::iam {

// Claims of an access or refresh token (seed 000 "Security": access 15 min, refresh 7 days).
struct JwtClaims
{
    QString sub; // userId
    QString orgId;
    QStringList roles;
    qint64 exp = 0; // seconds since epoch
    qint64 iat = 0;
    QString aud; // a single audience string
    QString jti;
    QString iss; // optional
    QString typ; // "access" | "refresh" (private claim "typ"; empty when an external issuer omits it)
    QString family; // refresh-token family id (private claim "fam"), empty for access tokens
};

// One verification key from a JWKS document (RFC 7517): RSA (kty RSA, n/e) for RS256 and
// EC P-256 (kty EC, crv P-256, x/y) for ES256. Opaque; built by Jwks::parse.
class JwkKey;

// A parsed JWKS document. Keys without a supported kty/crv/alg are skipped (not an error), a
// document with no usable key is an error.
class Jwks final
{
public:
    Jwks();
    ~Jwks();
    Jwks(Jwks&&) noexcept;
    Jwks& operator=(Jwks&&) noexcept;

    static Result<Jwks> parse(const QByteArray& json);
    static Result<Jwks> loadFile(const QString& path);
    int size() const;

private:
    friend class JwtVerifier;
    struct Data;
    std::unique_ptr<Data> d;
};

// Mints HS256 tokens for locally issued sessions (OpenSSL HMAC; base64url without padding).
class JwtSigner final
{
public:
    explicit JwtSigner(QByteArray hmacSecret); // at least 32 bytes
    // Header {"alg":"HS256","typ":"JWT"}; every non-empty claim. Empty when the secret is too short.
    QByteArray sign(const JwtClaims& claims) const;

private:
    QByteArray m_secret;
};

// Verifies compact JWS tokens. Accepts HS256 with the local secret, and RS256/ES256 only with a
// key from the configured JWKS (matched by "kid" when present, else every key of the right type).
// Refuses: malformed input, "alg":"none" and any other algorithm, an RS/ES token signed with the
// HMAC secret or an HS token when only a JWKS is configured (algorithm confusion), a bad signature,
// exp in the past beyond the leeway, iat in the future beyond the leeway, a missing/wrong aud, and
// missing sub/exp. Also refused: nbf in the future beyond the leeway, a "crit" header, an HMAC secret
// shorter than 32 bytes. Every refusal is ErrorCode::Unauthorized with a message naming the reason.
class JwtVerifier final
{
public:
    struct Options
    {
        QByteArray hmacSecret; // empty: HS256 is refused
        std::shared_ptr<const Jwks> jwks; // null: RS256/ES256 are refused
        QString audience = QStringLiteral("aiops");
        int leewaySeconds = 30;
    };
    explicit JwtVerifier(Options options);

    // nowSeconds: injectable clock for tests; 0 = the system clock.
    Result<JwtClaims> verify(QByteArrayView token, qint64 nowSeconds = 0) const;

private:
    Options m_options;
};

} // namespace aiops::iam
