#include "core/registry/SigV4.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUrlQuery>

using namespace aiops;
using namespace aiops::registry;
using namespace Qt::StringLiterals;

namespace {

const QString sourceDir = QStringLiteral(AIOPS_SOURCE_DIR);
const QString peersModules = sourceDir + u"/tests/peers/node_modules"_s;
const QString signScript = sourceDir + u"/tests/registry/aws4sign.js"_s;

QString vectorsDir()
{
    const QString fromEnv = qEnvironmentVariable("AIOPS_SIGV4_VECTORS");
    return QDir::cleanPath(fromEnv.isEmpty() ? QStringLiteral(AIOPS_SIGV4_VECTORS_DIR) : fromEnv);
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// A raw HTTP/1.1 request from the suite: "METHOD target HTTP/1.1", headers, blank line, body.
// The target may hold spaces ("/example space/"), so the version is cut from the end.
struct RawRequest
{
    SigV4Request request;
    QByteArray body;
};

std::optional<RawRequest> parseRawRequest(const QByteArray& text)
{
    QList<QByteArray> lines = text.split('\n');
    if (lines.isEmpty())
        return std::nullopt;
    for (auto& line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    const QByteArray first = lines.takeFirst();
    const qsizetype methodEnd = first.indexOf(' ');
    const qsizetype versionStart = first.lastIndexOf(' ');
    if (methodEnd <= 0 || versionStart <= methodEnd)
        return std::nullopt;
    RawRequest raw;
    raw.request.method = first.left(methodEnd);
    const QByteArray target = first.mid(methodEnd + 1, versionStart - methodEnd - 1);
    const qsizetype queryStart = target.indexOf('?');
    raw.request.path = queryStart < 0 ? target : target.left(queryStart);
    if (queryStart >= 0)
        raw.request.query = SigV4::parseQuery(target.mid(queryStart + 1));
    qsizetype i = 0;
    for (; i < lines.size() && !lines[i].isEmpty(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon <= 0)
            return std::nullopt;
        raw.request.headers.append({ lines[i].left(colon), lines[i].mid(colon + 1) });
    }
    if (i + 1 < lines.size())
        raw.body = lines.mid(i + 1).join('\n');
    return raw;
}

QByteArray authorizationLine(const QByteArray& signedRequest)
{
    for (const QByteArray& line : signedRequest.split('\n')) {
        if (line.startsWith("Authorization:"))
            return line.mid(int(sizeof("Authorization:")) - 1).trimmed();
    }
    return {};
}

template<typename T> QString errorText(const Result<T>& result)
{
    return result.has_value() ? QString() : result.error().message;
}

const QDateTime kNow(QDate(2024, 5, 17), QTime(8, 30, 15), Qt::UTC);
const SigV4Credentials kCredentials { "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", {} };
const QByteArray kHost = "localhost:9000";

// S3 requests the object store sends, with the query strings libcurl 7.88 gets wrong.
struct S3Case
{
    QByteArray name;
    QByteArray method;
    QByteArray decodedPath;
    SigV4Pairs query;
    SigV4Pairs headers;
    QByteArray body;
    bool unsignedPayload = false;
    QByteArray sessionToken;
    // aws4 keeps only the first value of a repeated key for service "s3", which the SigV4 spec does
    // not; rows with repeated keys are cross-checked as the generic service, where aws4 keeps all.
    bool genericService = false;
};

QList<S3Case> s3Cases()
{
    return {
        { "plain-get", "GET", "/models/weights.bin", {}, {}, {} },
        { "space-plus-equals-amp", "GET", "/models", { { "prefix", "a b+c=d&e%f" } }, {}, {} },
        { "unicode", "GET", u"/models/Qwen ß/模型.bin"_s.toUtf8(), { { "name", u"ünïcødé ✓"_s.toUtf8() } }, {}, {} },
        { "empty-values", "GET", "/models", { { "b", "" }, { "a", "" }, { "c", "x" } }, {}, {} },
        { "uploads", "POST", "/models/big.safetensors", { { "uploads", "" } }, {}, {} },
        { "upload-part",
          "PUT",
          "/models/big.safetensors",
          { { "uploadId", "2~abc/def+ghi==" }, { "partNumber", "1" } },
          { { "Content-Type", "application/octet-stream" }, { "Content-Length", "10" } },
          "hello part" },
        { "complete-upload",
          "POST",
          "/models/big.safetensors",
          { { "uploadId", "2~abc/def+ghi==" } },
          { { "Content-Type", "application/xml" }, { "Content-Length", "58" } },
          "<CompleteMultipartUpload><Part>1</Part></CompleteMultipartUpload>" },
        { "list-unsorted-keys",
          "GET",
          "/models",
          { { "list-type", "2" },
            { "prefix", "Qwen/" },
            { "delimiter", "/" },
            { "max-keys", "1000" },
            { "continuation-token", "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=" },
            { "encoding-type", "url" } },
          {},
          {} },
        { "rfc3986-reserved", "GET", "/models/a(1)!*'.bin", { { "k!'()*", "v!'()*" }, { "~t", "a~b" } }, {}, {} },
        { "unsigned-payload",
          "PUT",
          "/models/stream.bin",
          {},
          { { "Content-Type", "application/octet-stream" }, { "Content-Length", "4" } },
          "data",
          true },
        { "session-token", "GET", "/models/weights.bin", {}, {}, {}, false, "FQoGZXIvYXdzEXAMPLE+/token==" },
        { "header-whitespace",
          "GET",
          "/models/weights.bin",
          {},
          { { "X-Amz-Meta-Note", "  a   b\tc  " }, { "User-Agent", "aiops/1.0" }, { "Range", "bytes=0-99" } },
          {} },
        { "repeated-keys",
          "GET",
          "/models",
          { { "key", "b" }, { "key", "a" }, { "key", "c" }, { "a", "1" } },
          {},
          {},
          false,
          {},
          true },
    };
}

struct PresignCase
{
    QByteArray name;
    QString url;
    int expires = 3600;
};

QList<PresignCase> presignCases()
{
    return {
        { "plain", u"http://localhost:9000/models/Qwen/weights.safetensors"_s, 3600 },
        { "existing-query",
          u"http://localhost:9000/models/w.bin?versionId=abc%2Bdef%3D&response-content-disposition=attachment%3B%20filename%3D%22w.bin%22"_s,
          900 },
        { "unicode-key", u"http://127.0.0.1:9000/bucket/dir/naïve file.bin"_s, 600 },
        { "default-port", u"https://s3.example.com/bucket/key.bin"_s, 604800 },
    };
}

SigV4Request requestFor(const S3Case& c)
{
    SigV4Request request;
    request.method = c.method;
    request.path = SigV4::encodePath(c.decodedPath);
    request.query = c.query;
    request.headers = c.headers;
    request.headers.prepend({ "Host", kHost });
    return request;
}

SigV4Options optionsFor(const S3Case& c)
{
    if (c.genericService) {
        SigV4Options options;
        options.normalizePath = true;
        options.doubleEncodePath = true;
        options.payloadHash = SigV4::sha256Hex(c.body);
        return options;
    }
    return SigV4Options::s3(c.unsignedPayload ? QByteArray("UNSIGNED-PAYLOAD") : SigV4::sha256Hex(c.body));
}

QJsonObject pairsToJson(const SigV4Pairs& pairs)
{
    QJsonObject out;
    for (const auto& [k, v] : pairs)
        out.insert(QString::fromUtf8(k), QString::fromUtf8(v));
    return out;
}

QJsonArray queryToJson(const SigV4Pairs& pairs)
{
    QJsonArray out;
    for (const auto& [k, v] : pairs)
        out.append(QJsonArray { QString::fromUtf8(k), QString::fromUtf8(v) });
    return out;
}

} // namespace

class TestSigV4 : public QObject
{
    Q_OBJECT

private:
    QJsonObject m_aws4; // name -> aws4's output, filled once by runAws4()
    QString m_aws4Error;
    bool m_aws4Ran = false;

    bool runAws4();

private slots:
    void suiteVectors_data();
    void suiteVectors();
    void s3MatchesAws4_data();
    void s3MatchesAws4();
    void presignGetMatchesAws4_data();
    void presignGetMatchesAws4();
    void canonicalQueryEncodesReservedCharacters();
    void rejectsInvalidInput();
};

void TestSigV4::suiteVectors_data()
{
    QTest::addColumn<QString>("dir");
    const QDir suite(vectorsDir());
    const QStringList names = suite.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    int added = 0;
    for (const QString& name : names) {
        if (QFileInfo::exists(suite.filePath(name + u"/request.txt"_s))) {
            QTest::newRow(qPrintable(name)) << suite.filePath(name);
            ++added;
        }
    }
    // A missing or empty suite must fail, not pass with zero rows.
    if (added == 0)
        QTest::newRow("no-vectors") << QString();
}

void TestSigV4::suiteVectors()
{
    QFETCH(QString, dir);
    QVERIFY2(!dir.isEmpty(),
             qPrintable(u"no SigV4 vectors in %1 (set AIOPS_SIGV4_VECTORS or provide ../shared/testdata/sigv4)"_s.arg(
                 vectorsDir())));

    QJsonParseError jsonError;
    const QJsonObject context = QJsonDocument::fromJson(readFile(dir + u"/context.json"_s), &jsonError).object();
    QVERIFY2(jsonError.error == QJsonParseError::NoError, qPrintable(jsonError.errorString()));
    const QJsonObject creds = context.value(u"credentials"_s).toObject();
    const SigV4Credentials credentials { creds.value(u"access_key_id"_s).toString().toUtf8(),
                                         creds.value(u"secret_access_key"_s).toString().toUtf8(),
                                         creds.value(u"token"_s).toString().toUtf8() };
    QVERIFY(!credentials.accessKeyId.isEmpty());
    const QDateTime now = QDateTime::fromString(context.value(u"timestamp"_s).toString(), Qt::ISODate);
    QVERIFY(now.isValid());

    const auto raw = parseRawRequest(readFile(dir + u"/request.txt"_s));
    QVERIFY2(raw.has_value(), "request.txt is not an HTTP request");

    const SigV4Signer signer(
        credentials, context.value(u"region"_s).toString().toUtf8(), context.value(u"service"_s).toString().toUtf8());
    SigV4Options options;
    options.normalizePath = context.value(u"normalize"_s).toBool();
    options.doubleEncodePath = true; // the suite's generic service, not S3
    options.payloadHash = SigV4::sha256Hex(raw->body);
    options.addContentSha256Header = context.value(u"sign_body"_s).toBool();
    options.signSessionToken = !context.value(u"omit_session_token"_s).toBool();
    options.signedHeaders = SigV4SignedHeaders::All;

    SigV4Request request = raw->request;
    const auto canonical = signer.canonicalRequest(request, now, options);
    QVERIFY2(canonical.has_value(), qPrintable(errorText(canonical)));
    QCOMPARE(*canonical, readFile(dir + u"/header-canonical-request.txt"_s));
    const auto sts = signer.stringToSign(request, now, options);
    QVERIFY(sts.has_value());
    QCOMPARE(*sts, readFile(dir + u"/header-string-to-sign.txt"_s));

    const auto signature = signer.sign(request, now, options);
    QVERIFY(signature.has_value());
    QCOMPARE(signature->signature, readFile(dir + u"/header-signature.txt"_s).trimmed());
    QCOMPARE(signature->authorization, authorizationLine(readFile(dir + u"/header-signed-request.txt"_s)));
    // The request now carries what the signed request in the suite carries.
    const auto hasHeader = [&request](QByteArrayView name, QByteArrayView value) {
        return std::any_of(request.headers.cbegin(), request.headers.cend(), [&](const auto& h) {
            return h.first.compare(name, Qt::CaseInsensitive) == 0 && h.second == value;
        });
    };
    QVERIFY(hasHeader("authorization", signature->authorization));
    QVERIFY(hasHeader("x-amz-date", now.toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s).toLatin1()));
    if (!credentials.sessionToken.isEmpty())
        QVERIFY(hasHeader("x-amz-security-token", credentials.sessionToken));

    // Query signing (presigned form) of the same request.
    const auto presigned
        = signer.presign(raw->request, now, context.value(u"expiration_in_seconds"_s).toInt(), options);
    QVERIFY2(presigned.has_value(), qPrintable(errorText(presigned)));
    QCOMPARE(presigned->canonicalRequest, readFile(dir + u"/query-canonical-request.txt"_s));
    QCOMPARE(presigned->stringToSign, readFile(dir + u"/query-string-to-sign.txt"_s));
    QCOMPARE(presigned->signature, readFile(dir + u"/query-signature.txt"_s).trimmed());
    QVERIFY(presigned->query.contains(QByteArray("X-Amz-Signature=" + presigned->signature)));
}

bool TestSigV4::runAws4()
{
    if (m_aws4Ran)
        return m_aws4Error.isEmpty();
    m_aws4Ran = true;
    if (!QFileInfo::exists(peersModules + u"/aws4/package.json"_s)) {
        m_aws4Error = u"npm aws4 is not installed in %1: run scripts/install-peers"_s.arg(peersModules);
        return false;
    }
    QJsonArray cases;
    const QByteArray amzDate = SigV4::amzDate(kNow);
    for (const S3Case& c : s3Cases()) {
        QJsonObject o { { u"name"_s, QString::fromLatin1(c.name) },
                        { u"service"_s, c.genericService ? u"service"_s : u"s3"_s },
                        { u"method"_s, QString::fromLatin1(c.method) },
                        { u"host"_s, QString::fromLatin1(kHost) },
                        { u"path"_s, QString::fromLatin1(SigV4::encodePath(c.decodedPath)) },
                        { u"query"_s, queryToJson(c.query) },
                        { u"headers"_s, pairsToJson(c.headers) },
                        { u"amzDate"_s, QString::fromLatin1(amzDate) } };
        if (!c.body.isEmpty())
            o.insert(u"body"_s, QString::fromUtf8(c.body));
        if (c.unsignedPayload)
            o.insert(u"headers"_s,
                     pairsToJson(c.headers + SigV4Pairs { { "X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD" } }));
        if (!c.sessionToken.isEmpty())
            o.insert(u"sessionToken"_s, QString::fromUtf8(c.sessionToken));
        cases.append(o);
    }
    for (const PresignCase& c : presignCases()) {
        const QUrl url(c.url);
        QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
        if (url.port() != -1)
            host += ':' + QByteArray::number(url.port());
        cases.append(
            QJsonObject { { u"name"_s, QString(u"presign-"_s + QString::fromLatin1(c.name)) },
                          { u"service"_s, u"s3"_s },
                          { u"method"_s, u"GET"_s },
                          { u"host"_s, QString::fromUtf8(host) },
                          { u"path"_s, QString::fromLatin1(SigV4::encodePath(url.path(QUrl::FullyDecoded).toUtf8())) },
                          { u"query"_s, queryToJson(SigV4::parseQuery(url.query(QUrl::FullyEncoded).toUtf8())) },
                          { u"headers"_s, QJsonObject() },
                          { u"amzDate"_s, QString::fromLatin1(amzDate) },
                          { u"signQuery"_s, true },
                          { u"expires"_s, c.expires } });
    }
    const QJsonObject input { { u"credentials"_s,
                                QJsonObject {
                                    { u"accessKeyId"_s, QString::fromLatin1(kCredentials.accessKeyId) },
                                    { u"secretAccessKey"_s, QString::fromLatin1(kCredentials.secretAccessKey) } } },
                              { u"region"_s, u"us-east-1"_s },
                              { u"cases"_s, cases } };

    QProcess node;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NODE_PATH"_s, peersModules);
    node.setProcessEnvironment(env);
    node.setWorkingDirectory(sourceDir + u"/tests/peers"_s);
    node.start(u"/usr/bin/node"_s, { signScript });
    if (!node.waitForStarted(10000)) {
        m_aws4Error = u"cannot start /usr/bin/node: %1"_s.arg(node.errorString());
        return false;
    }
    node.write(QJsonDocument(input).toJson(QJsonDocument::Compact));
    node.closeWriteChannel();
    if (!node.waitForFinished(60000) || node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0) {
        m_aws4Error = u"aws4sign.js failed: %1"_s.arg(QString::fromUtf8(node.readAllStandardError()));
        return false;
    }
    QJsonParseError jsonError;
    m_aws4 = QJsonDocument::fromJson(node.readAllStandardOutput(), &jsonError).object();
    if (jsonError.error != QJsonParseError::NoError) {
        m_aws4Error = u"aws4sign.js printed no JSON: %1"_s.arg(jsonError.errorString());
        return false;
    }
    return true;
}

void TestSigV4::s3MatchesAws4_data()
{
    QTest::addColumn<int>("index");
    const auto cases = s3Cases();
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].name.constData()) << i;
}

void TestSigV4::s3MatchesAws4()
{
    QFETCH(int, index);
    QVERIFY2(runAws4(), qPrintable(m_aws4Error));
    const S3Case c = s3Cases().at(index);
    const QJsonObject expected = m_aws4.value(QString::fromLatin1(c.name)).toObject();
    QVERIFY2(!expected.isEmpty(), "aws4sign.js did not sign this case");

    SigV4Credentials credentials = kCredentials;
    credentials.sessionToken = c.sessionToken;
    const SigV4Signer signer(credentials, "us-east-1", c.genericService ? "service" : "s3");
    SigV4Request request = requestFor(c);
    const auto signature = signer.sign(request, kNow, optionsFor(c));
    QVERIFY2(signature.has_value(), qPrintable(errorText(signature)));
    QCOMPARE(QString::fromUtf8(signature->canonicalRequest), expected.value(u"canonical"_s).toString());
    QCOMPARE(QString::fromLatin1(signature->authorization), expected.value(u"authorization"_s).toString());
    if (!c.genericService) {
        const auto contentSha = std::find_if(request.headers.cbegin(), request.headers.cend(), [](const auto& h) {
            return h.first.toLower() == "x-amz-content-sha256";
        });
        QVERIFY(contentSha != request.headers.cend());
        QCOMPARE(contentSha->second, c.unsignedPayload ? QByteArray("UNSIGNED-PAYLOAD") : SigV4::sha256Hex(c.body));
    }
}

void TestSigV4::presignGetMatchesAws4_data()
{
    QTest::addColumn<int>("index");
    const auto cases = presignCases();
    for (int i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].name.constData()) << i;
}

void TestSigV4::presignGetMatchesAws4()
{
    QFETCH(int, index);
    QVERIFY2(runAws4(), qPrintable(m_aws4Error));
    const PresignCase c = presignCases().at(index);
    const QJsonObject expected = m_aws4.value(QString(u"presign-"_s + QString::fromLatin1(c.name))).toObject();
    QVERIFY2(!expected.isEmpty(), "aws4sign.js did not presign this case");

    const SigV4Signer signer(kCredentials, "us-east-1", "s3");
    const auto url = signer.presignGet(QUrl(c.url), c.expires, kNow);
    QVERIFY2(url.has_value(), qPrintable(errorText(url)));

    // Same path, and the same query parameters (X-Amz-Signature included) as aws4's presigned path.
    const QByteArray ours = url->toUtf8();
    const QByteArray theirs = expected.value(u"path"_s).toString().toUtf8();
    const qsizetype ourQuery = ours.indexOf('?');
    const qsizetype theirQuery = theirs.indexOf('?');
    QVERIFY(ourQuery > 0 && theirQuery > 0);
    const QUrl original(c.url);
    const QByteArray origin = original.scheme().toUtf8() + "://" + original.host(QUrl::FullyEncoded).toUtf8()
        + (original.port() == -1 ? QByteArray() : ':' + QByteArray::number(original.port()));
    QCOMPARE(ours.left(ourQuery), origin + theirs.left(theirQuery));
    auto ourParams = SigV4::parseQuery(ours.mid(ourQuery + 1));
    auto theirParams = SigV4::parseQuery(theirs.mid(theirQuery + 1));
    std::sort(ourParams.begin(), ourParams.end());
    std::sort(theirParams.begin(), theirParams.end());
    QCOMPARE(ourParams, theirParams);
    QVERIFY(ourParams.contains(QPair<QByteArray, QByteArray>("X-Amz-Expires", QByteArray::number(c.expires))));
    QVERIFY(ourParams.contains(QPair<QByteArray, QByteArray>("X-Amz-SignedHeaders", "host")));
}

void TestSigV4::canonicalQueryEncodesReservedCharacters()
{
    // Sorted by encoded key, then encoded value; '=', '&', '+' and ' ' are percent-encoded.
    const SigV4Pairs query { { "b", "x y" }, { "a", "2" }, { "a", "1+1=2&" }, { "uploads", "" }, { "A", "" } };
    QCOMPARE(SigV4::canonicalQuery(query), QByteArray("A=&a=1%2B1%3D2%26&a=2&b=x%20y&uploads="));
    QCOMPARE(SigV4::parseQuery("uploads&partNumber=1&uploadId=a%2Bb+c"),
             (SigV4Pairs { { "uploads", "" }, { "partNumber", "1" }, { "uploadId", "a+b+c" } }));
    QCOMPARE(SigV4::canonicalUri("/bucket/a%20b/c d", false, false), QByteArray("/bucket/a%20b/c%20d"));
    QCOMPARE(SigV4::canonicalUri("/bucket/a%20b", false, true), QByteArray("/bucket/a%2520b"));
    QCOMPARE(SigV4::canonicalUri("/bucket//a/../b", false, false), QByteArray("/bucket//a/../b"));
}

void TestSigV4::rejectsInvalidInput()
{
    const SigV4Signer signer(kCredentials, "us-east-1", "s3");
    SigV4Request noHost;
    auto result = signer.sign(noHost, kNow, SigV4Options::s3());
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().code, ErrorCode::MissingField);

    SigV4Request badHash;
    badHash.headers.append({ "Host", kHost });
    result = signer.sign(badHash, kNow, SigV4Options::s3("not-a-hash"));
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().code, ErrorCode::InvalidValue);

    const auto tooLong = signer.presignGet(QUrl(u"http://localhost:9000/b/k"_s), 604801, kNow);
    QVERIFY(!tooLong.has_value());
    QCOMPARE(tooLong.error().code, ErrorCode::OutOfRange);
    QVERIFY(!signer.presignGet(QUrl(u"ftp://localhost/b/k"_s), 60, kNow).has_value());

    const SigV4Signer anonymous({}, "us-east-1", "s3");
    QCOMPARE(anonymous.presignGet(QUrl(u"http://localhost:9000/b/k"_s), 60, kNow).error().code,
             ErrorCode::Unauthorized);
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "TestSigV4.moc"
