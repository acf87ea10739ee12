#include "core/iam/Jwt.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <algorithm>
#include <cmath>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <optional>
#include <vector>

namespace aiops::iam {

namespace {

constexpr qsizetype maxTokenBytes = 16 * 1024;
constexpr int minHmacSecretBytes = 32;
constexpr int minRsaBits = 2048;
constexpr int es256CoordinateBytes = 32;

struct PkeyDeleter
{
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct PkeyCtxDeleter
{
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct BnDeleter
{
    void operator()(BIGNUM* p) const { BN_free(p); }
};
struct ParamBldDeleter
{
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamDeleter
{
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct EcdsaSigDeleter
{
    void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};

using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;
using BnPtr = std::unique_ptr<BIGNUM, BnDeleter>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, ParamDeleter>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter>;

// Failed OpenSSL calls leave entries on the thread's error queue; drop them so they do not surface
// later in an unrelated TLS error.
struct OpenSslErrorGuard
{
    ~OpenSslErrorGuard() { ERR_clear_error(); }
};

const auto b64UrlOptions = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray base64UrlEncode(const QByteArray& data)
{
    return data.toBase64(b64UrlOptions);
}

bool isBase64UrlChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// RFC 7515 base64url without padding, strictly: only the URL alphabet, no '=', no impossible
// length, and canonical trailing bits (so one token has exactly one encoding).
std::optional<QByteArray> base64UrlDecode(QByteArrayView text)
{
    if (text.size() % 4 == 1)
        return std::nullopt;
    for (char c : text) {
        if (!isBase64UrlChar(c))
            return std::nullopt;
    }
    auto decoded
        = QByteArray::fromBase64Encoding(text.toByteArray(), b64UrlOptions | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    if (base64UrlEncode(decoded.decoded) != text)
        return std::nullopt;
    return decoded.decoded;
}

std::optional<QJsonObject> parseObject(const QByteArray& json)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

std::unexpected<Error> refuse(const QString& reason)
{
    return makeError(ErrorCode::Unauthorized, QStringLiteral("token refused: %1").arg(reason));
}

BnPtr bignumFrom(const QByteArray& bigEndian)
{
    return BnPtr(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(bigEndian.constData()), int(bigEndian.size()), nullptr));
}

QByteArray hmacSha256(const QByteArray& key, QByteArrayView data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLen = 0;
    if (!HMAC(EVP_sha256(),
              key.constData(),
              int(key.size()),
              reinterpret_cast<const unsigned char*>(data.data()),
              size_t(data.size()),
              out,
              &outLen))
        return {};
    return QByteArray(reinterpret_cast<const char*>(out), qsizetype(outLen));
}

} // namespace

// One verification key. The EVP_PKEY is built once when the JWKS is parsed.
class JwkKey final
{
public:
    enum class Type { Rsa, Ec };

    QString kid;
    Type type = Type::Rsa;
    PkeyPtr pkey;
};

namespace {

PkeyPtr rsaPublicKey(const QByteArray& n, const QByteArray& e)
{
    const BnPtr bnN = bignumFrom(n);
    const BnPtr bnE = bignumFrom(e);
    const ParamBldPtr bld(OSSL_PARAM_BLD_new());
    if (!bnN || !bnE || !bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bnN.get())
        || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bnE.get()))
        return nullptr;
    const ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
    const PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0
        || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
        return nullptr;
    PkeyPtr key(raw);
    if (EVP_PKEY_get_bits(key.get()) < minRsaBits)
        return nullptr;
    return key;
}

PkeyPtr ecP256PublicKey(const QByteArray& x, const QByteArray& y)
{
    if (x.size() != es256CoordinateBytes || y.size() != es256CoordinateBytes)
        return nullptr;
    QByteArray point = QByteArray(1, '\x04') + x + y; // SEC 1 uncompressed point
    const ParamBldPtr bld(OSSL_PARAM_BLD_new());
    if (!bld || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0)
        || !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), size_t(point.size())))
        return nullptr;
    const ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
    const PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0
        || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
        return nullptr;
    PkeyPtr key(raw);
    // Refuse points that are not on the curve (invalid-curve attacks).
    const PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1)
        return nullptr;
    return key;
}

std::optional<QByteArray> jwkMember(const QJsonObject& jwk, const QString& name)
{
    const auto value = jwk.value(name);
    if (!value.isString())
        return std::nullopt;
    return base64UrlDecode(value.toString().toLatin1());
}

// A JWK this verifier can use, or nullopt for a key of another kind (skipped, not an error).
std::optional<JwkKey> parseJwk(const QJsonObject& jwk)
{
    const QString kty = jwk.value(u"kty").toString();
    const QString alg = jwk.value(u"alg").toString();
    const QString use = jwk.value(u"use").toString();
    if (jwk.contains(u"use") && use != u"sig")
        return std::nullopt;

    JwkKey key;
    key.kid = jwk.value(u"kid").toString();
    if (kty == u"RSA") {
        if (jwk.contains(u"alg") && alg != u"RS256")
            return std::nullopt;
        const auto n = jwkMember(jwk, QStringLiteral("n"));
        const auto e = jwkMember(jwk, QStringLiteral("e"));
        if (!n || !e)
            return std::nullopt;
        key.type = JwkKey::Type::Rsa;
        key.pkey = rsaPublicKey(*n, *e);
    } else if (kty == u"EC") {
        if (jwk.value(u"crv").toString() != u"P-256" || (jwk.contains(u"alg") && alg != u"ES256"))
            return std::nullopt;
        const auto x = jwkMember(jwk, QStringLiteral("x"));
        const auto y = jwkMember(jwk, QStringLiteral("y"));
        if (!x || !y)
            return std::nullopt;
        key.type = JwkKey::Type::Ec;
        key.pkey = ecP256PublicKey(*x, *y);
    }
    if (!key.pkey)
        return std::nullopt;
    return key;
}

// JWS ES256 carries r||s (RFC 7518 3.4); OpenSSL verifies a DER ECDSA-Sig-Value.
std::optional<QByteArray> es256RawToDer(const QByteArray& raw)
{
    if (raw.size() != 2 * es256CoordinateBytes)
        return std::nullopt;
    BnPtr r = bignumFrom(raw.left(es256CoordinateBytes));
    BnPtr s = bignumFrom(raw.mid(es256CoordinateBytes));
    EcdsaSigPtr sig(ECDSA_SIG_new());
    if (!r || !s || !sig || !ECDSA_SIG_set0(sig.get(), r.get(), s.get()))
        return std::nullopt;
    (void)r.release(); // owned by sig now
    (void)s.release();
    const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (len <= 0)
        return std::nullopt;
    QByteArray der(len, Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    if (i2d_ECDSA_SIG(sig.get(), &out) != len)
        return std::nullopt;
    return der;
}

bool verifySha256Signature(EVP_PKEY* key, QByteArrayView signingInput, const QByteArray& signature)
{
    const MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(),
                            reinterpret_cast<const unsigned char*>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char*>(signingInput.data()),
                            size_t(signingInput.size()))
        == 1;
}

// Seconds since the epoch from a NumericDate claim; nullopt when it is not a finite number.
std::optional<qint64> numericDate(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds) || std::fabs(seconds) > 1e15)
        return std::nullopt;
    return qint64(std::floor(seconds));
}

} // namespace

struct Jwks::Data
{
    std::vector<JwkKey> keys;
};

Jwks::Jwks()
    : d(std::make_unique<Data>())
{
}

Jwks::~Jwks() = default;
Jwks::Jwks(Jwks&&) noexcept = default;
Jwks& Jwks::operator=(Jwks&&) noexcept = default;

Result<Jwks> Jwks::parse(const QByteArray& json)
{
    const OpenSslErrorGuard guard;
    const auto doc = parseObject(json);
    if (!doc)
        return makeError(ErrorCode::InvalidJson, QStringLiteral("JWKS is not a JSON object"));
    const auto keys = doc->value(u"keys");
    if (!keys.isArray())
        return makeError(ErrorCode::MissingField, QStringLiteral("JWKS has no \"keys\" array"), QStringLiteral("keys"));

    Jwks jwks;
    for (const auto& entry : keys.toArray()) {
        if (!entry.isObject())
            continue;
        if (auto key = parseJwk(entry.toObject()))
            jwks.d->keys.push_back(std::move(*key));
    }
    if (jwks.d->keys.empty())
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("JWKS has no usable key (RSA >= 2048 bits or EC P-256, use \"sig\")"),
                         QStringLiteral("keys"));
    return jwks;
}

Result<Jwks> Jwks::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot read JWKS %1: %2").arg(path, file.errorString()));
    return parse(file.readAll());
}

int Jwks::size() const
{
    return int(d->keys.size());
}

JwtSigner::JwtSigner(QByteArray hmacSecret)
    : m_secret(std::move(hmacSecret))
{
}

QByteArray JwtSigner::sign(const JwtClaims& claims) const
{
    if (m_secret.size() < minHmacSecretBytes)
        return {};

    QJsonObject header { { QStringLiteral("alg"), QStringLiteral("HS256") },
                         { QStringLiteral("typ"), QStringLiteral("JWT") } };
    QJsonObject payload;
    const auto putString = [&payload](QStringView name, const QString& value) {
        if (!value.isEmpty())
            payload.insert(name, value);
    };
    putString(u"sub", claims.sub);
    putString(u"orgId", claims.orgId);
    if (!claims.roles.isEmpty())
        payload.insert(u"roles", QJsonArray::fromStringList(claims.roles));
    if (claims.exp != 0)
        payload.insert(u"exp", claims.exp);
    if (claims.iat != 0)
        payload.insert(u"iat", claims.iat);
    putString(u"aud", claims.aud);
    putString(u"jti", claims.jti);
    putString(u"iss", claims.iss);
    putString(u"typ", claims.typ);
    putString(u"fam", claims.family);

    const QByteArray signingInput = base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64UrlEncode(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QByteArray mac = hmacSha256(m_secret, signingInput);
    if (mac.isEmpty())
        return {};
    return signingInput + '.' + base64UrlEncode(mac);
}

JwtVerifier::JwtVerifier(Options options)
    : m_options(std::move(options))
{
}

Result<JwtClaims> JwtVerifier::verify(QByteArrayView token, qint64 nowSeconds) const
{
    const OpenSslErrorGuard guard;
    if (token.isEmpty())
        return refuse(QStringLiteral("empty token"));
    if (token.size() > maxTokenBytes)
        return refuse(QStringLiteral("token too large"));

    // Compact JWS: header.payload.signature.
    const qsizetype firstDot = token.indexOf('.');
    const qsizetype secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (firstDot < 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0)
        return refuse(QStringLiteral("malformed token: expected three segments"));
    const QByteArrayView headerPart = token.first(firstDot);
    const QByteArrayView payloadPart = token.sliced(firstDot + 1, secondDot - firstDot - 1);
    const QByteArrayView signaturePart = token.sliced(secondDot + 1);
    const QByteArrayView signingInput = token.first(secondDot);

    const auto headerJson = base64UrlDecode(headerPart);
    const auto payloadJson = base64UrlDecode(payloadPart);
    const auto signature = base64UrlDecode(signaturePart);
    if (!headerJson || !payloadJson || !signature)
        return refuse(QStringLiteral("malformed token: bad base64url"));
    const auto header = parseObject(*headerJson);
    if (!header)
        return refuse(QStringLiteral("malformed token: header is not a JSON object"));

    const QJsonValue algValue = header->value(u"alg");
    if (!algValue.isString())
        return refuse(QStringLiteral("header has no alg"));
    const QString alg = algValue.toString();
    if (alg.compare(u"none", Qt::CaseInsensitive) == 0)
        return refuse(QStringLiteral("alg none is not accepted"));
    if (alg != u"HS256" && alg != u"RS256" && alg != u"ES256")
        return refuse(QStringLiteral("unsupported alg %1").arg(alg.left(16)));
    // RFC 7515 4.1.11: extensions we do not implement must not be ignored.
    if (header->contains(u"crit"))
        return refuse(QStringLiteral("unsupported crit header"));

    if (alg == u"HS256") {
        // HS256 only ever uses our own secret, never JWKS material (no algorithm confusion).
        if (m_options.hmacSecret.isEmpty())
            return refuse(QStringLiteral("HS256 is not accepted (no HMAC secret configured)"));
        if (m_options.hmacSecret.size() < minHmacSecretBytes)
            return refuse(QStringLiteral("HS256 is not accepted (HMAC secret too short)"));
        const QByteArray expected = hmacSha256(m_options.hmacSecret, signingInput);
        if (expected.isEmpty() || signature->size() != expected.size()
            || CRYPTO_memcmp(expected.constData(), signature->constData(), size_t(expected.size())) != 0)
            return refuse(QStringLiteral("bad signature"));
    } else {
        if (!m_options.jwks)
            return refuse(QStringLiteral("%1 is not accepted (no JWKS configured)").arg(alg));
        const auto wantedType = alg == u"RS256" ? JwkKey::Type::Rsa : JwkKey::Type::Ec;
        const QString typeName = wantedType == JwkKey::Type::Rsa ? QStringLiteral("RSA") : QStringLiteral("EC");
        const bool hasKid = header->contains(u"kid");
        const QString kid = header->value(u"kid").toString();
        if (hasKid && !header->value(u"kid").isString())
            return refuse(QStringLiteral("kid is not a string"));

        std::vector<const JwkKey*> candidates;
        bool kidKnown = false;
        for (const JwkKey& key : m_options.jwks->d->keys) {
            if (hasKid && key.kid != kid)
                continue;
            kidKnown = true;
            if (key.type == wantedType)
                candidates.push_back(&key);
        }
        if (hasKid && !kidKnown)
            return refuse(QStringLiteral("unknown kid"));
        if (candidates.empty())
            return refuse(QStringLiteral("no %1 key in the JWKS for %2").arg(typeName, alg));

        QByteArray wireSignature = *signature;
        if (wantedType == JwkKey::Type::Ec) {
            const auto der = es256RawToDer(*signature);
            if (!der)
                return refuse(QStringLiteral("bad signature (ES256 expects 64-byte r||s)"));
            wireSignature = *der;
        }
        const bool verified = std::any_of(candidates.begin(), candidates.end(), [&](const JwkKey* key) {
            return verifySha256Signature(key->pkey.get(), signingInput, wireSignature);
        });
        if (!verified)
            return refuse(QStringLiteral("bad signature"));
    }

    // Only now, with the signature checked, is the payload trusted enough to read.
    const auto payload = parseObject(*payloadJson);
    if (!payload)
        return refuse(QStringLiteral("malformed token: payload is not a JSON object"));

    const qint64 now = nowSeconds != 0 ? nowSeconds : QDateTime::currentSecsSinceEpoch();
    const qint64 leeway = qMax(0, m_options.leewaySeconds);

    if (!payload->contains(u"exp"))
        return refuse(QStringLiteral("exp missing"));
    const auto exp = numericDate(payload->value(u"exp"));
    if (!exp)
        return refuse(QStringLiteral("exp is not a number"));
    if (now >= *exp + leeway)
        return refuse(QStringLiteral("token expired"));

    if (payload->contains(u"nbf")) {
        const auto nbf = numericDate(payload->value(u"nbf"));
        if (!nbf)
            return refuse(QStringLiteral("nbf is not a number"));
        if (*nbf > now + leeway)
            return refuse(QStringLiteral("token not yet valid (nbf in the future)"));
    }
    std::optional<qint64> iat;
    if (payload->contains(u"iat")) {
        iat = numericDate(payload->value(u"iat"));
        if (!iat)
            return refuse(QStringLiteral("iat is not a number"));
        if (*iat > now + leeway)
            return refuse(QStringLiteral("iat in the future"));
    }

    if (m_options.audience.isEmpty())
        return refuse(QStringLiteral("no audience configured"));
    const QJsonValue aud = payload->value(u"aud");
    bool audienceMatches = false;
    if (aud.isString()) {
        audienceMatches = aud.toString() == m_options.audience;
    } else if (aud.isArray()) {
        const QJsonArray list = aud.toArray();
        audienceMatches = std::any_of(list.begin(), list.end(), [this](const QJsonValue& v) {
            return v.isString() && v.toString() == m_options.audience;
        });
    } else if (aud.isUndefined()) {
        return refuse(QStringLiteral("aud missing"));
    }
    if (!audienceMatches)
        return refuse(QStringLiteral("wrong aud"));

    const QJsonValue sub = payload->value(u"sub");
    if (!sub.isString() || sub.toString().isEmpty())
        return refuse(QStringLiteral("sub missing"));

    JwtClaims claims;
    claims.sub = sub.toString();
    claims.exp = *exp;
    claims.iat = iat.value_or(0);
    claims.aud = m_options.audience;
    if (payload->contains(u"roles")) {
        const QJsonValue roles = payload->value(u"roles");
        if (!roles.isArray())
            return refuse(QStringLiteral("roles is not an array of strings"));
        for (const auto& role : roles.toArray()) {
            if (!role.isString())
                return refuse(QStringLiteral("roles is not an array of strings"));
            claims.roles.append(role.toString());
        }
    }
    claims.orgId = payload->value(u"orgId").toString();
    claims.jti = payload->value(u"jti").toString();
    claims.iss = payload->value(u"iss").toString();
    claims.typ = payload->value(u"typ").toString();
    claims.family = payload->value(u"fam").toString();
    return claims;
}

} // namespace aiops::iam
