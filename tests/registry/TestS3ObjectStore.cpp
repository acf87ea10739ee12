#include "S3rverPeer.h"
#include "core/net/CurlClient.h"
#include "core/registry/S3ObjectStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace aiops;
using namespace aiops::registry;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
constexpr int kWaitMs = 60'000;

QByteArray pseudoRandomBytes(qint64 size, quint32 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (qint64 i = 0; i < size; ++i)
        out[i] = static_cast<char>(generator.bounded(256));
    return out;
}

QByteArray sha256(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// Runs an asynchronous operation to its callback on this thread's event loop.
template<typename T> Result<T> await(const std::function<void(ObjectStore::Callback<T>)>& start)
{
    std::optional<Result<T>> out;
    start([&out](Result<T> result) { out = std::move(result); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, kWaitMs))
        return makeError(ErrorCode::Internal, u"no callback within %1 ms"_s.arg(kWaitMs));
    return std::move(*out);
}

// QVERIFY2 evaluates its message even when the check passes, so this must not touch a value's error().
template<typename T> QString describe(const Result<T>& result)
{
    return result ? u"ok"_s : result.error().codeName() + u": "_s + result.error().message;
}

} // namespace

class TestS3ObjectStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void bucketIsCreatedByEnsureBucket();
    void smallFileRoundTripsThroughPresignedUrl();
    void multipartUploadSendsThreeParts();
    void cancelAllStopsMultipartUpload();
    void unusualKeysRoundTrip_data();
    void unusualKeysRoundTrip();
    void removeThenStatIsAbsent();
    void missingBucketIsNotFound();
    void wrongSecretIsForbidden();
    void unknownAccessKeyIsForbidden();
    void expiredPresignedUrlIsRefused();
    void tamperedPresignedUrlIsRefused();
    void presignExpiryIsChecked();
    void invalidConfigMakesNoRequest_data();
    void invalidConfigMakesNoRequest();
    void errorBodiesBecomeTypedErrors();

private:
    S3Config config(const QString& bucket = u"aiops-test"_s) const;
    QString writeFile(const QString& name, const QByteArray& data);
    Result<net::Response> fetch(const QUrl& url, const QByteArray& range = {});
    Result<void> put(S3ObjectStore& store, const QString& key, const QString& path);

    QTemporaryDir m_dir;
    testing::S3rverPeer m_s3rver;
    int m_port = 0;
    net::CurlClient* m_curl = nullptr;
};

S3Config TestS3ObjectStore::config(const QString& bucket) const
{
    S3Config config;
    config.endpoint = QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
    config.bucket = bucket;
    config.prefix = u"models/"_s;
    config.accessKeyId = "S3RVER";
    config.secretAccessKey = "S3RVER";
    config.retryBackoffMs = 10;
    return config;
}

QString TestS3ObjectStore::writeFile(const QString& name, const QByteArray& data)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        return {};
    return path;
}

Result<net::Response> TestS3ObjectStore::fetch(const QUrl& url, const QByteArray& range)
{
    net::Request request;
    request.url = url;
    if (!range.isEmpty())
        request.headers.set("Range", "bytes=" + range);
    std::optional<Result<net::Response>> out;
    net::Transfer* transfer = m_curl->start(std::move(request));
    connect(transfer, &net::Transfer::finished, this, [&out](const Result<net::Response>& result) { out = result; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, kWaitMs))
        return makeError(ErrorCode::Internal, u"GET timed out"_s);
    return *out;
}

Result<void> TestS3ObjectStore::put(S3ObjectStore& store, const QString& key, const QString& path)
{
    return await<void>([&](auto done) { store.putFile(key, path, {}, done); });
}

void TestS3ObjectStore::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A missing peer fails the test: scripts/test installs them first.
    const QString started = m_s3rver.start(m_dir.filePath(u"s3rver"_s));
    QVERIFY2(started.isEmpty(), qPrintable(started));
    m_port = m_s3rver.port();
    m_curl = new net::CurlClient(this);
}

void TestS3ObjectStore::cleanupTestCase()
{
    m_s3rver.stop();
}

void TestS3ObjectStore::bucketIsCreatedByEnsureBucket()
{
    S3ObjectStore store(config(), m_curl);
    auto before = await<void>([&](auto done) { store.testConnection(done); });
    QVERIFY(!before);
    QCOMPARE(before.error().code, ErrorCode::NotFound);

    auto ensured = await<void>([&](auto done) { store.ensureBucket(done); });
    QVERIFY2(ensured, qPrintable(describe(ensured)));
    auto after = await<void>([&](auto done) { store.testConnection(done); });
    QVERIFY2(after, qPrintable(describe(after)));
    // A second ensureBucket finds it there.
    QVERIFY(await<void>([&](auto done) { store.ensureBucket(done); }));
}

void TestS3ObjectStore::smallFileRoundTripsThroughPresignedUrl()
{
    S3ObjectStore store(config(), m_curl);
    QVERIFY(await<void>([&](auto done) { store.ensureBucket(done); }));
    const QByteArray data = pseudoRandomBytes(1000, 1);
    const QString key = u"org/small/blob.bin"_s;
    QCOMPARE(store.kind(), u"s3"_s);
    QCOMPARE(store.location(key), u"s3://aiops-test/models/org/small/blob.bin"_s);

    QList<std::pair<qint64, qint64>> progress;
    auto uploaded = await<void>([&](auto done) {
        store.putFile(
            key,
            writeFile(u"small.bin"_s, data),
            [&](qint64 d, qint64 t) {
                progress.append({ d, t });
            },
            done);
    });
    QVERIFY2(uploaded, qPrintable(describe(uploaded)));
    QCOMPARE(progress.last().first, 1000);
    QCOMPARE(progress.last().second, 1000);

    auto info = await<std::optional<ObjectInfo>>([&](auto done) { store.stat(key, done); });
    QVERIFY2(info, qPrintable(describe(info)));
    QVERIFY(info->has_value());
    QCOMPARE((*info)->size, 1000);
    QCOMPARE((*info)->etag, QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex());

    auto url = store.downloadUrl(key, 300);
    QVERIFY2(url, qPrintable(describe(url)));
    QVERIFY(url->query().contains(u"X-Amz-Expires=300"_s) && url->query().contains(u"X-Amz-Signature="_s));
    auto whole = fetch(*url);
    QVERIFY2(whole, qPrintable(describe(whole)));
    QCOMPARE(whole->status, 200);
    QCOMPARE(whole->body, data);

    auto slice = fetch(*url, "100-199");
    QVERIFY2(slice, qPrintable(describe(slice)));
    QCOMPARE(slice->status, 206);
    QCOMPARE(slice->body, data.mid(100, 100));
}

void TestS3ObjectStore::multipartUploadSendsThreeParts()
{
    S3Config cfg = config();
    cfg.partSize = 5 * kMiB;
    cfg.multipartThreshold = 5 * kMiB;
    S3ObjectStore store(cfg, m_curl);
    QVERIFY(await<void>([&](auto done) { store.ensureBucket(done); }));
    const QByteArray data = pseudoRandomBytes(13 * kMiB + 12345, 2);
    const QString key = u"org/big/model.safetensors"_s;

    QList<qint64> progress;
    QSet<qint64> totals;
    auto uploaded = await<void>([&](auto done) {
        store.putFile(
            key,
            writeFile(u"big.bin"_s, data),
            [&](qint64 d, qint64 t) {
                totals.insert(t);
                progress.append(d);
            },
            done);
    });
    QVERIFY2(uploaded, qPrintable(describe(uploaded)));
    // Once when the upload starts, then once per part: three parts of 5, 5 and 3 MiB.
    QCOMPARE(progress.size(), 4);
    QCOMPARE(totals, QSet<qint64> { data.size() });
    QCOMPARE(progress.first(), 0);
    QCOMPARE(progress.last(), data.size());
    QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));

    auto info = await<std::optional<ObjectInfo>>([&](auto done) { store.stat(key, done); });
    QVERIFY2(info && info->has_value(), "the multipart object is missing");
    QCOMPARE((*info)->size, data.size());
    auto body = fetch(*store.downloadUrl(key, 600));
    QVERIFY2(body, qPrintable(describe(body)));
    QCOMPARE(body->status, 200);
    QCOMPARE(sha256(body->body), sha256(data));
}

void TestS3ObjectStore::cancelAllStopsMultipartUpload()
{
    S3Config cfg = config();
    cfg.partSize = 5 * kMiB;
    cfg.multipartThreshold = 5 * kMiB;
    S3ObjectStore store(cfg, m_curl);
    QVERIFY(await<void>([&](auto done) { store.ensureBucket(done); }));
    const QString path = writeFile(u"cancel.bin"_s, pseudoRandomBytes(11 * kMiB, 3));
    const QString key = u"org/cancelled.bin"_s;

    auto result = await<void>([&](auto done) {
        store.putFile(key, path, {}, done);
        store.cancelAll();
    });
    QVERIFY(!result);
    QVERIFY2(net::isCancellation(result.error()), qPrintable(describe(result)));
    auto info = await<std::optional<ObjectInfo>>([&](auto done) { store.stat(key, done); });
    QVERIFY2(info, qPrintable(describe(info)));
    QVERIFY(!info->has_value());
}

void TestS3ObjectStore::unusualKeysRoundTrip_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("spaces") << u"with space/file name.txt"_s;
    QTest::newRow("unicode") << u"unicode/модель-é-😀.bin"_s;
    QTest::newRow("plus") << u"plus+sign/a+b=c.bin"_s;
    QTest::newRow("sub-delims") << u"punct/(1)!*'&,;:@$~.txt"_s;
    QTest::newRow("percent") << u"percent/100%25 sure.txt"_s;
}

void TestS3ObjectStore::unusualKeysRoundTrip()
{
    QFETCH(QString, key);
    S3ObjectStore store(config(), m_curl);
    QVERIFY(await<void>([&](auto done) { store.ensureBucket(done); }));
    const QByteArray data = key.toUtf8() + pseudoRandomBytes(77, 4);

    auto uploaded = put(store, key, writeFile(u"key.bin"_s, data));
    QVERIFY2(uploaded, qPrintable(describe(uploaded)));
    auto info = await<std::optional<ObjectInfo>>([&](auto done) { store.stat(key, done); });
    QVERIFY2(info && info->has_value(), "the object is missing under its key");
    QCOMPARE((*info)->size, data.size());
    auto body = fetch(*store.downloadUrl(key, 60));
    QVERIFY2(body, qPrintable(describe(body)));
    QCOMPARE(body->status, 200);
    QCOMPARE(body->body, data);
    QVERIFY(await<void>([&](auto done) { store.remove(key, done); }));
}

void TestS3ObjectStore::removeThenStatIsAbsent()
{
    S3ObjectStore store(config(), m_curl);
    QVERIFY(await<void>([&](auto done) { store.ensureBucket(done); }));
    const QString key = u"org/removed.bin"_s;
    QVERIFY(put(store, key, writeFile(u"removed.bin"_s, "bytes")));
    auto present = await<std::optional<ObjectInfo>>([&](auto done) { store.stat(key, done); });
    QVERIFY(present && present->has_value());

    auto removed = await<void>([&](auto done) { store.remove(key, done); });
    QVERIFY2(removed, qPrintable(describe(removed)));
    auto absent = await<std::optional<ObjectInfo>>([&](auto done) { store.stat(key, done); });
    QVERIFY2(absent, qPrintable(describe(absent)));
    QVERIFY(!absent->has_value());
    // Removing what is not there succeeds, as on S3.
    QVERIFY(await<void>([&](auto done) { store.remove(key, done); }));
    auto gone = fetch(*store.downloadUrl(key, 60));
    QVERIFY(gone);
    QCOMPARE(gone->status, 404);
}

void TestS3ObjectStore::missingBucketIsNotFound()
{
    S3ObjectStore store(config(u"no-such-bucket"_s), m_curl);
    auto info = await<std::optional<ObjectInfo>>([&](auto done) { store.stat(u"any/key"_s, done); });
    QVERIFY(!info);
    QCOMPARE(info.error().code, ErrorCode::NotFound);
    QVERIFY2(info.error().message.contains(u"NoSuchBucket"_s), qPrintable(info.error().message));

    auto uploaded = put(store, u"any/key"_s, writeFile(u"nobucket.bin"_s, "x"));
    QVERIFY(!uploaded);
    QCOMPARE(uploaded.error().code, ErrorCode::NotFound);
    QVERIFY2(uploaded.error().message.contains(u"NoSuchBucket"_s), qPrintable(uploaded.error().message));
}

void TestS3ObjectStore::wrongSecretIsForbidden()
{
    S3Config cfg = config();
    cfg.secretAccessKey = "not-the-secret";
    S3ObjectStore store(cfg, m_curl);
    auto uploaded = put(store, u"org/forbidden.bin"_s, writeFile(u"forbidden.bin"_s, "secret"));
    QVERIFY(!uploaded);
    QCOMPARE(uploaded.error().code, ErrorCode::Forbidden);
    QVERIFY2(uploaded.error().message.contains(u"SignatureDoesNotMatch"_s), qPrintable(uploaded.error().message));

    auto connection = await<void>([&](auto done) { store.testConnection(done); });
    QVERIFY(!connection);
    QCOMPARE(connection.error().code, ErrorCode::Forbidden);
    QVERIFY2(connection.error().message.contains(u"SignatureDoesNotMatch"_s), qPrintable(connection.error().message));

    S3ObjectStore good(config(), m_curl);
    auto info = await<std::optional<ObjectInfo>>([&](auto done) { good.stat(u"org/forbidden.bin"_s, done); });
    QVERIFY(info);
    QVERIFY2(!info->has_value(), "a request with a wrong signature stored an object");
}

void TestS3ObjectStore::unknownAccessKeyIsForbidden()
{
    S3Config cfg = config();
    cfg.accessKeyId = "NOBODY";
    S3ObjectStore store(cfg, m_curl);
    auto uploaded = put(store, u"org/x.bin"_s, writeFile(u"nobody.bin"_s, "x"));
    QVERIFY(!uploaded);
    QCOMPARE(uploaded.error().code, ErrorCode::Forbidden);
    QVERIFY2(uploaded.error().message.contains(u"InvalidAccessKeyId"_s), qPrintable(uploaded.error().message));
    // A HEAD answer has no body to say why, but the code is still Forbidden.
    auto info = await<std::optional<ObjectInfo>>([&](auto done) { store.stat(u"org/x.bin"_s, done); });
    QVERIFY(!info);
    QCOMPARE(info.error().code, ErrorCode::Forbidden);
}

void TestS3ObjectStore::expiredPresignedUrlIsRefused()
{
    S3ObjectStore store(config(), m_curl);
    QVERIFY(await<void>([&](auto done) { store.ensureBucket(done); }));
    const QString key = u"org/expiring.bin"_s;
    QVERIFY(put(store, key, writeFile(u"expiring.bin"_s, "soon gone")));

    // Signed an hour ago for a minute: expired for 59 minutes.
    store.setClock([] { return QDateTime::currentDateTimeUtc().addSecs(-3600); });
    auto expired = fetch(*store.downloadUrl(key, 60));
    QVERIFY2(expired, qPrintable(describe(expired)));
    QCOMPARE(expired->status, 403);
    QVERIFY2(expired->body.contains("AccessDenied") && expired->body.contains("expired"), expired->body.constData());

    // The same age with two hours to live still works.
    auto fresh = fetch(*store.downloadUrl(key, 7200));
    QVERIFY(fresh);
    QCOMPARE(fresh->status, 200);
    QCOMPARE(fresh->body, QByteArray("soon gone"));
}

void TestS3ObjectStore::tamperedPresignedUrlIsRefused()
{
    S3ObjectStore store(config(), m_curl);
    QVERIFY(await<void>([&](auto done) { store.ensureBucket(done); }));
    QVERIFY(put(store, u"org/a.bin"_s, writeFile(u"a.bin"_s, "object a")));
    QVERIFY(put(store, u"org/b.bin"_s, writeFile(u"b.bin"_s, "object b")));

    // A URL for a.bin does not open b.bin.
    const QUrl url = *store.downloadUrl(u"org/a.bin"_s, 60);
    QUrl other = url;
    other.setPath(url.path().replace(u"a.bin"_s, u"b.bin"_s));
    auto refused = fetch(other);
    QVERIFY(refused);
    QCOMPARE(refused->status, 403);
    QVERIFY2(refused->body.contains("SignatureDoesNotMatch"), refused->body.constData());
}

void TestS3ObjectStore::presignExpiryIsChecked()
{
    S3ObjectStore store(config(), m_curl);
    for (int seconds : { 0, -5, 604'801 }) {
        auto url = store.downloadUrl(u"org/a.bin"_s, seconds);
        QVERIFY(!url);
        QCOMPARE(url.error().code, ErrorCode::OutOfRange);
    }
    QVERIFY(store.downloadUrl(u"org/a.bin"_s, 604'800));
    QCOMPARE(store.downloadUrl(u"/rooted"_s, 60).error().code, ErrorCode::InvalidValue);
    QCOMPARE(store.downloadUrl(u"a/../b"_s, 60).error().code, ErrorCode::InvalidValue);
}

void TestS3ObjectStore::invalidConfigMakesNoRequest_data()
{
    QTest::addColumn<QString>("field");
    QTest::newRow("part size 1 MiB") << u"partSize"_s;
    QTest::newRow("empty bucket") << u"bucket"_s;
    QTest::newRow("ftp endpoint") << u"endpoint"_s;
    QTest::newRow("upper-case bucket") << u"bucket"_s;
    QTest::newRow("no secret") << u"accessKeyId"_s;
}

void TestS3ObjectStore::invalidConfigMakesNoRequest()
{
    QFETCH(QString, field);
    // Whatever is sent would arrive here.
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost));
    S3Config cfg = config();
    cfg.endpoint = QUrl(u"http://127.0.0.1:%1"_s.arg(listener.serverPort()));
    const QByteArray row = QTest::currentDataTag();
    if (row == "part size 1 MiB")
        cfg.partSize = 1 * kMiB;
    else if (row == "empty bucket")
        cfg.bucket.clear();
    else if (row == "ftp endpoint")
        cfg.endpoint.setScheme(u"ftp"_s);
    else if (row == "upper-case bucket")
        cfg.bucket = u"Models"_s;
    else
        cfg.secretAccessKey.clear();

    auto valid = cfg.validate();
    QVERIFY(!valid);
    QCOMPARE(valid.error().code, ErrorCode::InvalidValue);
    QCOMPARE(valid.error().field, field);

    S3ObjectStore store(cfg, m_curl);
    const QString path = writeFile(u"invalid.bin"_s, "data");
    QList<Result<void>> results;
    results.append(await<void>([&](auto done) { store.ensureBucket(done); }));
    results.append(await<void>([&](auto done) { store.testConnection(done); }));
    results.append(await<void>([&](auto done) { store.putFile(u"k"_s, path, {}, done); }));
    results.append(await<void>([&](auto done) { store.remove(u"k"_s, done); }));
    auto info = await<std::optional<ObjectInfo>>([&](auto done) { store.stat(u"k"_s, done); });
    QVERIFY(!info);
    results.append(std::unexpected(info.error()));
    auto url = store.downloadUrl(u"k"_s, 60);
    QVERIFY(!url);
    results.append(std::unexpected(url.error()));
    for (const Result<void>& result : std::as_const(results)) {
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::InvalidValue);
        QCOMPARE(result.error().field, field);
    }
    QTest::qWait(100);
    QVERIFY2(!listener.hasPendingConnections(), "an invalid config made a request");
}

void TestS3ObjectStore::errorBodiesBecomeTypedErrors()
{
    const QByteArray internal = "<?xml version=\"1.0\"?>\n<Error><Code>InternalError</Code>"
                                "<Message>We encountered an internal error.</Message></Error>";
    // CompleteMultipartUpload may fail after S3 has sent 200.
    auto late = s3ErrorFor(200, internal);
    QVERIFY(late);
    QCOMPARE(late->code, ErrorCode::Unavailable);
    QVERIFY(late->message.contains(u"InternalError"_s) && late->message.contains(u"internal error"_s));
    QVERIFY(!s3ErrorFor(200, "<CompleteMultipartUploadResult><ETag>x</ETag></CompleteMultipartUploadResult>"));
    QVERIFY(!s3ErrorFor(204, {}));

    auto skewed = s3ErrorFor(403, "<Error><Code>RequestTimeTooSkewed</Code><Message>m</Message></Error>");
    QCOMPARE(skewed->code, ErrorCode::Forbidden);
    auto noKey = s3ErrorFor(404, "<Error><Code>NoSuchKey</Code></Error>");
    QCOMPARE(noKey->code, ErrorCode::NotFound);
    auto slow = s3ErrorFor(503, "<Error><Code>SlowDown</Code></Error>");
    QCOMPARE(slow->code, ErrorCode::RateLimited);

    net::HttpHeaders headers;
    headers.set("x-amz-error-code", "NoSuchBucket");
    auto head = s3ErrorFor(404, {}, headers);
    QCOMPARE(head->code, ErrorCode::NotFound);
    QVERIFY(head->message.contains(u"NoSuchBucket"_s));
    auto bare = s3ErrorFor(502, "<html>bad gateway</html>");
    QCOMPARE(bare->code, ErrorCode::Unavailable);
}

QTEST_GUILESS_MAIN(TestS3ObjectStore)
#include "TestS3ObjectStore.moc"
