#include "core/iam/Jwt.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace aiops;
using namespace aiops::iam;
using namespace Qt::StringLiterals;

namespace {

const QString sourceDir = QStringLiteral(AIOPS_SOURCE_DIR);
const QString peersDir = sourceDir + u"/tests/peers"_s;
const QString scriptsDir = sourceDir + u"/tests/iam/jwt"_s;

struct NodeResult
{
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QString nodeProgram()
{
    const QString found = QStandardPaths::findExecutable(u"node"_s);
    return found.isEmpty() ? u"/usr/bin/node"_s : found;
}

// Runs one of this folder's node scripts against the pinned npm peers in tests/peers.
NodeResult runNode(const QString& script, const QStringList& args)
{
    QProcess process;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NODE_PATH"_s, peersDir + u"/node_modules"_s);
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(peersDir);
    process.start(nodeProgram(), QStringList { scriptsDir + u'/' + script } + args);
    NodeResult result;
    result.finished = process.waitForFinished(60000);
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

JwtClaims sampleClaims(qint64 now)
{
    JwtClaims claims;
    claims.sub = u"user-1"_s;
    claims.orgId = u"org-1"_s;
    claims.roles = QStringList { u"admin"_s, u"operator"_s };
    claims.iat = now;
    claims.exp = now + 900;
    claims.aud = u"aiops"_s;
    claims.jti = u"7f3c"_s;
    claims.iss = u"aiops-controller"_s;
    claims.typ = u"refresh"_s;
    claims.family = u"fam-1"_s;
    return claims;
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_secret;
    qint64 m_now = 0;
    QHash<QString, QByteArray> m_tokens;
    std::shared_ptr<const Jwks> m_jwks;
    std::shared_ptr<const Jwks> m_rsaOnlyJwks;

    JwtVerifier verifierFor(const QString& config) const
    {
        JwtVerifier::Options options;
        if (config == u"both" || config == u"hmac" || config == u"rsaOnly")
            options.hmacSecret = m_secret;
        if (config == u"both" || config == u"jwks")
            options.jwks = m_jwks;
        if (config == u"rsaOnly")
            options.jwks = m_rsaOnlyJwks;
        return JwtVerifier(options);
    }

    QString secretArg() const { return QString::fromLatin1(m_secret.toBase64()); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString jsonwebtoken = peersDir + u"/node_modules/jsonwebtoken/package.json"_s;
        QVERIFY2(QFileInfo::exists(jsonwebtoken),
                 "tests/peers/node_modules is missing the npm peers (jsonwebtoken): run scripts/install-peers");
        QVERIFY2(QFileInfo(nodeProgram()).isExecutable(), "node (v20) is not installed");
        QVERIFY(m_dir.isValid());

        m_secret.resize(48);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(m_secret.data()), m_secret.size() / 4);
        m_now = QDateTime::currentSecsSinceEpoch();

        const NodeResult minted = runNode(u"mint.js"_s, { secretArg(), QString::number(m_now), m_dir.path() });
        QVERIFY2(minted.finished && minted.exitCode == 0, minted.err.constData());
        const QJsonObject tokens = QJsonDocument::fromJson(minted.out).object().value(u"tokens").toObject();
        QVERIFY2(!tokens.isEmpty(), minted.out.constData());
        for (auto it = tokens.begin(); it != tokens.end(); ++it)
            m_tokens.insert(it.key(), it.value().toString().toLatin1());

        auto jwks = Jwks::loadFile(m_dir.filePath(u"jwks.json"_s));
        QVERIFY2(jwks, qPrintable(jwks ? QString() : jwks.error().message));
        m_jwks = std::make_shared<const Jwks>(std::move(*jwks));
        auto rsaOnly = Jwks::loadFile(m_dir.filePath(u"jwks-rsa-only.json"_s));
        QVERIFY2(rsaOnly, qPrintable(rsaOnly ? QString() : rsaOnly.error().message));
        m_rsaOnlyJwks = std::make_shared<const Jwks>(std::move(*rsaOnly));
    }

    // Tokens from jsonwebtoken as the external issuer. config: which keys the verifier holds.
    void verifiesIssuerTokens_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("config");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("reason");

        const auto accept = [](const char* tag, const QString& token, const QString& config) {
            QTest::newRow(tag) << token << config << true << QString();
        };
        const auto refuse = [](const char* tag, const QString& token, const QString& config, const QString& reason) {
            QTest::newRow(tag) << token << config << false << reason;
        };

        accept("HS256 valid", u"hs256_valid"_s, u"both"_s);
        accept("HS256 valid, HMAC only", u"hs256_valid"_s, u"hmac"_s);
        refuse("HS256 without a secret", u"hs256_valid"_s, u"jwks"_s, u"no HMAC secret"_s);
        accept("RS256 valid", u"rs256_valid"_s, u"both"_s);
        accept("RS256 valid, JWKS only", u"rs256_valid"_s, u"jwks"_s);
        refuse("RS256 without a JWKS", u"rs256_valid"_s, u"hmac"_s, u"no JWKS"_s);
        accept("ES256 valid", u"es256_valid"_s, u"both"_s);
        refuse("ES256 without a JWKS", u"es256_valid"_s, u"hmac"_s, u"no JWKS"_s);
        accept("RS256 without kid", u"rs256_no_kid"_s, u"both"_s);
        accept("ES256 without kid", u"es256_no_kid"_s, u"both"_s);
        refuse("ES256 without kid, RSA-only JWKS", u"es256_no_kid"_s, u"rsaOnly"_s, u"no EC key"_s);
        refuse("ES256 kid absent from RSA-only JWKS", u"es256_valid"_s, u"rsaOnly"_s, u"unknown kid"_s);
        refuse("RS256 unknown kid", u"rs256_unknown_kid"_s, u"both"_s, u"unknown kid"_s);
        refuse("RS256 naming the EC key", u"rs256_kid_of_ec_key"_s, u"both"_s, u"no RSA key"_s);
        refuse("ES256 naming the RSA key", u"es256_kid_of_rsa_key"_s, u"both"_s, u"no EC key"_s);
        refuse("RS256 other key, same kid", u"rs256_other_key_same_kid"_s, u"both"_s, u"bad signature"_s);

        refuse("alg none", u"alg_none"_s, u"both"_s, u"alg none"_s);
        refuse("alg NONE", u"alg_none_upper"_s, u"both"_s, u"alg none"_s);
        refuse("alg nOnE with a signature", u"alg_none_mixed_signed"_s, u"both"_s, u"alg none"_s);
        refuse("alg HS512", u"alg_hs512"_s, u"both"_s, u"unsupported alg HS512"_s);
        refuse("alg PS256", u"alg_ps256"_s, u"both"_s, u"unsupported alg PS256"_s);
        refuse("alg RS384", u"alg_rs384"_s, u"both"_s, u"unsupported alg RS384"_s);
        refuse("crit header", u"crit_header"_s, u"both"_s, u"crit"_s);

        refuse("confusion: HS256 keyed with RSA PEM", u"confusion_hs256_rsa_pem"_s, u"both"_s, u"bad signature"_s);
        refuse("confusion: HS256 keyed with RSA PEM, JWKS only",
               u"confusion_hs256_rsa_pem"_s,
               u"jwks"_s,
               u"no HMAC secret"_s);
        refuse("confusion: HS256 keyed with RSA JWK", u"confusion_hs256_rsa_jwk"_s, u"both"_s, u"bad signature"_s);
        refuse(
            "confusion: HS256 keyed with RSA modulus", u"confusion_hs256_rsa_modulus"_s, u"both"_s, u"bad signature"_s);

        refuse("expired beyond leeway", u"expired_beyond_leeway"_s, u"both"_s, u"expired"_s);
        accept("expired within leeway", u"expired_within_leeway"_s, u"both"_s);
        refuse("RS256 expired", u"rs256_expired"_s, u"both"_s, u"expired"_s);
        refuse("exp missing", u"exp_missing"_s, u"both"_s, u"exp missing"_s);
        refuse("exp not a number", u"exp_not_number"_s, u"both"_s, u"exp is not a number"_s);
        refuse("iat in the future", u"iat_future"_s, u"both"_s, u"iat in the future"_s);
        accept("iat in the future within leeway", u"iat_future_within_leeway"_s, u"both"_s);
        refuse("nbf in the future", u"nbf_future"_s, u"both"_s, u"nbf in the future"_s);
        accept("nbf in the past", u"nbf_past"_s, u"both"_s);

        refuse("aud wrong", u"aud_wrong"_s, u"both"_s, u"wrong aud"_s);
        accept("aud array with ours", u"aud_array_ours"_s, u"both"_s);
        refuse("aud array without ours", u"aud_array_not_ours"_s, u"both"_s, u"wrong aud"_s);
        refuse("aud missing", u"aud_missing"_s, u"both"_s, u"aud missing"_s);
        refuse("sub missing", u"sub_missing"_s, u"both"_s, u"sub missing"_s);
        refuse("sub empty", u"sub_empty"_s, u"both"_s, u"sub missing"_s);
        refuse("roles not an array", u"roles_not_array"_s, u"both"_s, u"roles"_s);

        refuse("tampered payload RS256", u"tampered_payload_rs256"_s, u"both"_s, u"bad signature"_s);
        refuse("tampered payload HS256", u"tampered_payload_hs256"_s, u"both"_s, u"bad signature"_s);
        refuse("tampered header HS256", u"tampered_header_hs256"_s, u"both"_s, u"bad signature"_s);
        refuse("tampered signature RS256", u"tampered_signature_rs256"_s, u"both"_s, u"bad signature"_s);
        refuse("tampered signature ES256", u"tampered_signature_es256"_s, u"both"_s, u"bad signature"_s);
        refuse("tampered signature HS256", u"tampered_signature_hs256"_s, u"both"_s, u"bad signature"_s);
        refuse("ES256 with a DER signature", u"es256_der_signature"_s, u"both"_s, u"bad signature"_s);

        refuse("two segments", u"malformed_two_segments"_s, u"both"_s, u"three segments"_s);
        refuse("four segments", u"malformed_four_segments"_s, u"both"_s, u"three segments"_s);
        refuse("invalid base64url character", u"malformed_bad_char"_s, u"both"_s, u"bad base64url"_s);
        refuse("base64 padding", u"malformed_padding"_s, u"both"_s, u"bad base64url"_s);
        refuse("standard base64 alphabet", u"malformed_standard_base64"_s, u"both"_s, u"bad base64url"_s);
        refuse("header not JSON", u"malformed_header_json"_s, u"both"_s, u"header is not a JSON object"_s);
        refuse(
            "payload not an object", u"malformed_payload_not_object"_s, u"both"_s, u"payload is not a JSON object"_s);
        refuse("empty", u"empty"_s, u"both"_s, u"empty token"_s);
    }

    void verifiesIssuerTokens()
    {
        QFETCH(QString, token);
        QFETCH(QString, config);
        QFETCH(bool, accepted);
        QFETCH(QString, reason);

        QVERIFY2(m_tokens.contains(token), qPrintable(u"mint.js did not produce "_s + token));
        const auto result = verifierFor(config).verify(m_tokens.value(token), m_now);
        if (accepted) {
            QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
            QCOMPARE(result->sub, u"user-42"_s);
        } else {
            QVERIFY2(!result, "token was accepted");
            QCOMPARE(result.error().code, ErrorCode::Unauthorized);
            QVERIFY2(result.error().message.contains(reason), qPrintable(result.error().message));
        }
    }

    void mapsClaims_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("typ");
        QTest::addColumn<QString>("family");
        QTest::newRow("HS256") << u"hs256_valid"_s << u"refresh"_s << u"fam-9"_s;
        QTest::newRow("RS256") << u"rs256_valid"_s << u"access"_s << QString();
        QTest::newRow("ES256") << u"es256_valid"_s << u"access"_s << QString();
        QTest::newRow("aud array") << u"aud_array_ours"_s << u"access"_s << QString();
    }

    void mapsClaims()
    {
        QFETCH(QString, token);
        QFETCH(QString, typ);
        QFETCH(QString, family);

        const auto claims = verifierFor(u"both"_s).verify(m_tokens.value(token), m_now);
        QVERIFY2(claims, qPrintable(claims ? QString() : claims.error().message));
        QCOMPARE(claims->sub, u"user-42"_s);
        QCOMPARE(claims->orgId, u"org-7"_s);
        QCOMPARE(claims->roles, (QStringList { u"operator"_s, u"viewer"_s }));
        QCOMPARE(claims->aud, u"aiops"_s);
        QCOMPARE(claims->jti, u"jti-1"_s);
        QCOMPARE(claims->iss, u"https://issuer.example"_s);
        QCOMPARE(claims->iat, m_now);
        QCOMPARE(claims->exp, m_now + 900);
        QCOMPARE(claims->typ, typ);
        QCOMPARE(claims->family, family);
    }

    void usesTheSystemClockByDefault()
    {
        // The issuer stamped iat/exp from m_now, a few seconds ago.
        QVERIFY(verifierFor(u"both"_s).verify(m_tokens.value(u"rs256_valid"_s)));
        QVERIFY(!verifierFor(u"both"_s).verify(m_tokens.value(u"rs256_valid"_s), m_now + 3600));
    }

    void jwksKeepsOnlyUsableKeys()
    {
        // jwks.json also holds an oct key, a P-384 key and an RSA key with use "enc".
        QCOMPARE(m_jwks->size(), 2);
        QCOMPARE(m_rsaOnlyJwks->size(), 1);
    }

    void jwksRefusesBadDocuments_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("not JSON") << QByteArray("{keys:") << ErrorCode::InvalidJson;
        QTest::newRow("array") << QByteArray("[]") << ErrorCode::InvalidJson;
        QTest::newRow("no keys") << QByteArray("{}") << ErrorCode::MissingField;
        QTest::newRow("empty keys") << QByteArray(R"({"keys":[]})") << ErrorCode::InvalidValue;
        QTest::newRow("only oct") << QByteArray(R"({"keys":[{"kty":"oct","k":"c2VjcmV0"}]})")
                                  << ErrorCode::InvalidValue;
        QTest::newRow("RSA with bad base64url")
            << QByteArray(R"({"keys":[{"kty":"RSA","n":"ab+c","e":"AQAB"}]})") << ErrorCode::InvalidValue;
    }

    void jwksRefusesBadDocuments()
    {
        QFETCH(QByteArray, json);
        QFETCH(ErrorCode, code);
        const auto jwks = Jwks::parse(json);
        QVERIFY(!jwks);
        QCOMPARE(jwks.error().code, code);
    }

    void jwksSkipsWeakOrInvalidKeys()
    {
        QFile file(m_dir.filePath(u"jwks.json"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray keys = QJsonDocument::fromJson(file.readAll()).object().value(u"keys").toArray();
        QJsonObject rsa = keys.at(0).toObject();
        QJsonObject ec = keys.at(1).toObject();
        QCOMPARE(rsa.value(u"kty").toString(), u"RSA"_s);
        QCOMPARE(ec.value(u"kty").toString(), u"EC"_s);

        const auto parseOne = [](const QJsonObject& key) {
            return Jwks::parse(QJsonDocument(QJsonObject { { u"keys"_s, QJsonArray { key } } }).toJson());
        };
        QVERIFY(parseOne(rsa));
        QVERIFY(parseOne(ec));

        // A 1024-bit modulus.
        QJsonObject weakRsa = rsa;
        const QByteArray n
            = QByteArray::fromBase64(rsa.value(u"n").toString().toLatin1(), QByteArray::Base64UrlEncoding);
        weakRsa[u"n"_s]
            = QString::fromLatin1(n.left(128).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QVERIFY(!parseOne(weakRsa));

        // A point that is not on P-256 (invalid-curve attack).
        QJsonObject offCurve = ec;
        QByteArray y = QByteArray::fromBase64(ec.value(u"y").toString().toLatin1(), QByteArray::Base64UrlEncoding);
        y[31] = char(y[31] ^ 0x01);
        offCurve[u"y"_s]
            = QString::fromLatin1(y.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        QVERIFY(!parseOne(offCurve));

        // Declared for another algorithm.
        QJsonObject rsaForPs = rsa;
        rsaForPs[u"alg"_s] = u"PS256"_s;
        QVERIFY(!parseOne(rsaForPs));
    }

    void jwksLoadFileReportsMissingFile()
    {
        const auto jwks = Jwks::loadFile(m_dir.filePath(u"absent.json"_s));
        QVERIFY(!jwks);
        QCOMPARE(jwks.error().code, ErrorCode::NotFound);
    }

    void signerRoundTrip()
    {
        const QByteArray token = JwtSigner(m_secret).sign(sampleClaims(m_now));
        QCOMPARE(token.count('.'), 2);
        const auto claims = verifierFor(u"hmac"_s).verify(token, m_now);
        QVERIFY2(claims, qPrintable(claims ? QString() : claims.error().message));
        const JwtClaims expected = sampleClaims(m_now);
        QCOMPARE(claims->sub, expected.sub);
        QCOMPARE(claims->orgId, expected.orgId);
        QCOMPARE(claims->roles, expected.roles);
        QCOMPARE(claims->exp, expected.exp);
        QCOMPARE(claims->iat, expected.iat);
        QCOMPARE(claims->aud, expected.aud);
        QCOMPARE(claims->jti, expected.jti);
        QCOMPARE(claims->iss, expected.iss);
        QCOMPARE(claims->typ, expected.typ);
        QCOMPARE(claims->family, expected.family);

        // Another secret does not verify it.
        JwtVerifier::Options other;
        other.hmacSecret = QByteArray(32, 'k');
        const auto refused = JwtVerifier(other).verify(token, m_now);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(u"bad signature"_s));
    }

    void signerTokenVerifiedByJsonwebtoken()
    {
        const JwtClaims claims = sampleClaims(m_now);
        const QByteArray token = JwtSigner(m_secret).sign(claims);
        const NodeResult checked
            = runNode(u"verify.js"_s, { QString::fromLatin1(token), secretArg(), u"aiops"_s, QString::number(m_now) });
        QVERIFY(checked.finished);
        QVERIFY2(checked.exitCode == 0, checked.err.constData());

        const QJsonObject decoded = QJsonDocument::fromJson(checked.out).object();
        QCOMPARE(decoded.value(u"header").toObject(),
                 (QJsonObject { { u"alg"_s, u"HS256"_s }, { u"typ"_s, u"JWT"_s } }));
        const QJsonObject payload = decoded.value(u"payload").toObject();
        QCOMPARE(payload.value(u"sub").toString(), claims.sub);
        QCOMPARE(payload.value(u"orgId").toString(), claims.orgId);
        QCOMPARE(payload.value(u"roles").toArray(), QJsonArray::fromStringList(claims.roles));
        QCOMPARE(payload.value(u"exp").toInteger(), claims.exp);
        QCOMPARE(payload.value(u"iat").toInteger(), claims.iat);
        QCOMPARE(payload.value(u"aud").toString(), claims.aud);
        QCOMPARE(payload.value(u"jti").toString(), claims.jti);
        QCOMPARE(payload.value(u"iss").toString(), claims.iss);
        QCOMPARE(payload.value(u"typ").toString(), claims.typ);
        QCOMPARE(payload.value(u"fam").toString(), claims.family);
    }

    void signerOmitsEmptyClaims()
    {
        JwtClaims claims;
        claims.sub = u"user-2"_s;
        claims.aud = u"aiops"_s;
        claims.exp = m_now + 60;
        const NodeResult checked = runNode(
            u"verify.js"_s,
            { QString::fromLatin1(JwtSigner(m_secret).sign(claims)), secretArg(), u"aiops"_s, QString::number(m_now) });
        QVERIFY2(checked.finished && checked.exitCode == 0, checked.err.constData());
        QStringList keys = QJsonDocument::fromJson(checked.out).object().value(u"payload").toObject().keys();
        keys.sort();
        QCOMPARE(keys, (QStringList { u"aud"_s, u"exp"_s, u"sub"_s }));
    }

    void jsonwebtokenRefusesSignerTokenWithOtherSecret()
    {
        // Shows that verify.js really verifies: the same token fails under another secret.
        const QByteArray token = JwtSigner(m_secret).sign(sampleClaims(m_now));
        const NodeResult checked = runNode(u"verify.js"_s,
                                           { QString::fromLatin1(token),
                                             QString::fromLatin1(QByteArray(32, 'k').toBase64()),
                                             u"aiops"_s,
                                             QString::number(m_now) });
        QVERIFY(checked.finished);
        QCOMPARE(checked.exitCode, 1);
        QVERIFY2(checked.err.contains("invalid signature"), checked.err.constData());
    }

    void signerRefusesShortSecret()
    {
        QVERIFY(JwtSigner(QByteArray(31, 's')).sign(sampleClaims(m_now)).isEmpty());
        QVERIFY(!JwtSigner(QByteArray(32, 's')).sign(sampleClaims(m_now)).isEmpty());
    }

    void verifierRefusesShortSecret()
    {
        const QByteArray shortSecret(31, 's');
        JwtVerifier::Options options;
        options.hmacSecret = shortSecret;
        const QByteArray token = JwtSigner(shortSecret + 's').sign(sampleClaims(m_now));
        const auto result = JwtVerifier(options).verify(token, m_now);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::Unauthorized);
        QVERIFY2(result.error().message.contains(u"too short"_s), qPrintable(result.error().message));
    }

    void leewayBoundary_data()
    {
        QTest::addColumn<qint64>("expOffset");
        QTest::addColumn<qint64>("iatOffset");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("exp now-29") << qint64(-29) << qint64(-100) << true;
        QTest::newRow("exp now-30") << qint64(-30) << qint64(-100) << false;
        QTest::newRow("iat now+30") << qint64(900) << qint64(30) << true;
        QTest::newRow("iat now+31") << qint64(900) << qint64(31) << false;
    }

    void leewayBoundary()
    {
        QFETCH(qint64, expOffset);
        QFETCH(qint64, iatOffset);
        QFETCH(bool, accepted);
        JwtClaims claims = sampleClaims(m_now);
        claims.exp = m_now + expOffset;
        claims.iat = m_now + iatOffset;
        const auto result = verifierFor(u"hmac"_s).verify(JwtSigner(m_secret).sign(claims), m_now);
        QCOMPARE(bool(result), accepted);
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "TestJwt.moc"
