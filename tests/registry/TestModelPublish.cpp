// The registry publishing its models to a real s3rver: imported models go up blob by blob, at most two
// at a time, then point at the bucket and hand nodes presigned URLs that return the exact bytes; blobs
// already there are not sent again; a failed publication leaves the model local and a restart publishes
// it; removing a model removes its blobs from the bucket.
#include "S3rverPeer.h"
#include "core/net/CurlClient.h"
#include "core/net/Transfer.h"
#include "core/registry/ModelRegistry.h"
#include "core/registry/S3ObjectStore.h"
#include "core/store/Database.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace aiops;
using namespace aiops::registry;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 60'000;
const QString kBucket = u"aiops-publish"_s;
const QString kQwenRepo = u"tiny-org/tiny-qwen2"_s;
const QString kWhisperRepo = u"demo/whisper-mini"_s;

template<typename T> Result<T> await(const std::function<void(ObjectStore::Callback<T>)>& start)
{
    std::optional<Result<T>> out;
    start([&out](Result<T> result) { out = std::move(result); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, kWaitMs))
        return makeError(ErrorCode::Internal, u"no callback within %1 ms"_s.arg(kWaitMs));
    return std::move(*out);
}

template<typename T> QString describe(const Result<T>& result)
{
    return result ? u"ok"_s : result.error().codeName() + u": "_s + result.error().message;
}

// Forwards to a real store and counts what the registry asks of it.
class CountingStore final : public ObjectStore
{
public:
    explicit CountingStore(ObjectStore& inner)
        : m_inner(inner)
    {
    }

    QString kind() const override { return m_inner.kind(); }
    QString location(const QString& key = {}) const override { return m_inner.location(key); }
    void putFile(const QString& key, const QString& filePath, Progress progress, Callback<void> done) override
    {
        ++puts;
        maxPutsInFlight = std::max(maxPutsInFlight, ++putsInFlight);
        m_inner.putFile(key, filePath, std::move(progress), [this, done](Result<void> result) {
            --putsInFlight;
            done(std::move(result));
        });
    }
    void stat(const QString& key, Callback<std::optional<ObjectInfo>> done) override
    {
        ++stats;
        m_inner.stat(key, std::move(done));
    }
    void remove(const QString& key, Callback<void> done) override
    {
        ++removes;
        m_inner.remove(key, std::move(done));
    }
    Result<QUrl> downloadUrl(const QString& key, int expiresSeconds) const override
    {
        return m_inner.downloadUrl(key, expiresSeconds);
    }

    int puts = 0;
    int putsInFlight = 0;
    int maxPutsInFlight = 0;
    int stats = 0;
    int removes = 0;

private:
    ObjectStore& m_inner;
};

} // namespace

class TestModelPublish final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void importedModelsArePublished();
    void blobsAlreadyThereAreNotSentAgain();
    void failedPublicationKeepsTheModelLocal_data();
    void failedPublicationKeepsTheModelLocal();
    void removingAModelRemovesItsBlobs();

private:
    S3Config config(const QString& prefix) const;
    QString hubDir() const { return QStringLiteral(AIOPS_TEST_DATA_DIR) + u"/hf-cache"_s; }
    QString dbPath(const QString& name) const { return m_dir.filePath(name + u".sqlite"_s); }
    QString storeRoot(const QString& name) const { return m_dir.filePath(name + u"-models"_s); }
    // Imports the sample cache and waits until both models are published (or failed to).
    bool importAndWait(ModelRegistry& registry, QSignalSpy& settled);
    QSet<QString> blobKeys(ModelRegistry& registry, const QString& repo);
    Result<net::Response> get(const QUrl& url);

    QTemporaryDir m_dir;
    testing::S3rverPeer m_s3rver;
    net::CurlClient* m_curl = nullptr;
};

S3Config TestModelPublish::config(const QString& prefix) const
{
    S3Config config;
    config.endpoint = m_s3rver.endpoint();
    config.bucket = kBucket;
    config.prefix = prefix;
    config.accessKeyId = "S3RVER";
    config.secretAccessKey = "S3RVER";
    config.retryBackoffMs = 10;
    return config;
}

bool TestModelPublish::importAndWait(ModelRegistry& registry, QSignalSpy& settled)
{
    QSignalSpy imported(&registry, &ModelService::importFinished);
    registry.importCacheFor(hubDir(), {}, {});
    if (!imported.wait(20'000) || imported.first().at(0).toInt() != 2)
        return false;
    return QTest::qWaitFor([&settled] { return settled.size() >= 2; }, kWaitMs);
}

// The keys of every blob the model's versions reference, from the registry's manifests.
QSet<QString> TestModelPublish::blobKeys(ModelRegistry& registry, const QString& repo)
{
    const QString modelId = modelIdForRepo(repo);
    const QString folder = *LocalObjectStore::folderNameForRepo(repo);
    QSet<QString> keys;
    for (const ModelVersion& v : registry.versions(modelId)) {
        auto manifest = registry.manifest(modelId, v.version);
        if (!manifest)
            return {};
        for (const ManifestFile& f : manifest->files)
            keys.insert(folder + u"/blobs/"_s + f.blobHash);
    }
    return keys;
}

Result<net::Response> TestModelPublish::get(const QUrl& url)
{
    std::optional<Result<net::Response>> out;
    net::Transfer* transfer = m_curl->get(url);
    connect(transfer, &net::Transfer::finished, this, [&out](const Result<net::Response>& result) { out = result; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, kWaitMs))
        return makeError(ErrorCode::Internal, u"GET timed out"_s);
    return *out;
}

void TestModelPublish::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A missing peer fails the test: scripts/test installs them first.
    const QString started = m_s3rver.start(m_dir.filePath(u"s3rver"_s));
    QVERIFY2(started.isEmpty(), qPrintable(started));
    m_curl = new net::CurlClient(this);
    S3ObjectStore store(config({}), m_curl);
    auto bucket = await<void>([&](auto done) { store.ensureBucket(done); });
    QVERIFY2(bucket, qPrintable(describe(bucket)));
}

void TestModelPublish::cleanupTestCase()
{
    m_s3rver.stop();
}

void TestModelPublish::importedModelsArePublished()
{
    auto db = store::Database::openSqlite(dbPath(u"published"_s));
    QVERIFY(db.has_value());
    S3ObjectStore s3(config(u"published"_s), m_curl);
    CountingStore counting(s3);
    ModelRegistry registry(**db, storeRoot(u"published"_s));
    registry.setRemoteStore(&counting);
    QCOMPARE(registry.presignExpirySeconds(), 6 * 3600);
    QVERIFY(registry.load().has_value());

    // What the model looked like each time the registry said it changed.
    const QString qwen = modelIdForRepo(kQwenRepo);
    QStringList states;
    connect(&registry, &ModelService::modelsChanged, this, [&] {
        if (auto m = registry.model(qwen)) {
            const QString state = m->status + u' ' + m->minioPath.section(u"://"_s, 0, 0);
            if (states.isEmpty() || states.last() != state)
                states.append(state);
        }
    });
    QSignalSpy published(&registry, &ModelRegistry::modelPublished);
    QSignalSpy failed(&registry, &ModelService::operationFailed);
    QVERIFY(importAndWait(registry, published));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<Error>().message));

    const QString location = u"s3://aiops-publish/published/models--tiny-org--tiny-qwen2"_s;
    QCOMPARE(states, (QStringList { u"ready local"_s, u"publishing local"_s, u"ready s3"_s }));
    QCOMPARE(registry.model(qwen)->minioPath, location);
    QCOMPARE(registry.model(modelIdForRepo(kWhisperRepo))->minioPath,
             u"s3://aiops-publish/published/models--demo--whisper-mini"_s);
    QVERIFY(published.contains(QVariantList { qwen, location }));

    // Every blob once, never more than two at a time, and each in the bucket with its size.
    const QSet<QString> keys = blobKeys(registry, kQwenRepo) + blobKeys(registry, kWhisperRepo);
    QVERIFY(keys.size() >= 5);
    QCOMPARE(counting.puts, keys.size());
    QVERIFY(counting.maxPutsInFlight >= 1 && counting.maxPutsInFlight <= 2);
    for (const QString& key : keys) {
        auto info = await<std::optional<ObjectInfo>>([&](auto done) { s3.stat(key, done); });
        QVERIFY2(info && info->has_value(), qPrintable(key + u": "_s + describe(info)));
        const QString blobFile = storeRoot(u"published"_s) + u'/' + key;
        QCOMPARE((*info)->size, QFileInfo(blobFile).size());
    }

    // The record survives a restart as published (the database, not only the snapshot).
    {
        ModelRegistry reopened(**db, storeRoot(u"published"_s));
        QVERIFY(reopened.load().has_value());
        QCOMPARE(reopened.model(qwen)->minioPath, location);
        QCOMPARE(reopened.model(qwen)->status, u"ready"_s);
    }

    // Nodes get absolute presigned URLs that need no credentials and return the exact bytes.
    registry.setPresignExpirySeconds(600);
    auto manifest = registry.manifest(qwen);
    QVERIFY2(manifest, qPrintable(describe(manifest)));
    QVERIFY(!manifest->files.isEmpty());
    for (const ManifestFile& f : std::as_const(manifest->files)) {
        const QUrl url(f.url);
        QVERIFY2(url.isValid() && url.scheme() == u"http"_s, qPrintable(f.url));
        QCOMPARE(url.port(), m_s3rver.port());
        QCOMPARE(url.path(), u"/aiops-publish/published/models--tiny-org--tiny-qwen2/blobs/"_s + f.blobHash);
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(u"X-Amz-Expires"_s), u"600"_s);
        QVERIFY(!query.queryItemValue(u"X-Amz-Signature"_s).isEmpty());

        auto response = get(url);
        QVERIFY2(response, qPrintable(describe(response)));
        QCOMPARE(response->status, 200);
        QFile local(*registry.blobFile(qwen, f.blobHash));
        QVERIFY(local.open(QIODevice::ReadOnly));
        QCOMPARE(response->body, local.readAll());
        QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(response->body, QCryptographicHash::Sha256).toHex()),
                 f.sha256);
    }
}

void TestModelPublish::blobsAlreadyThereAreNotSentAgain()
{
    // The registry of the previous test, restarted: its models are published, so load() sends nothing.
    auto db = store::Database::openSqlite(dbPath(u"published"_s));
    QVERIFY(db.has_value());
    S3ObjectStore s3(config(u"published"_s), m_curl);
    CountingStore counting(s3);
    ModelRegistry registry(**db, storeRoot(u"published"_s));
    registry.setRemoteStore(&counting);
    QVERIFY(registry.load().has_value());
    QTest::qWait(200);
    QCOMPARE(counting.stats, 0);

    // Registering the snapshot again makes the model local until it is published again.
    const QString qwen = modelIdForRepo(kQwenRepo);
    const ModelVersion version = registry.versions(qwen).last();
    auto registered = registry.registerRevision(kQwenRepo, version.revision, version.commitSha);
    QVERIFY2(registered, qPrintable(describe(registered)));
    QVERIFY(registered->minioPath.startsWith(u"local://"_s));
    QVERIFY(registry.manifest(qwen)->files.first().url.startsWith(u"/storage/models/"_s));

    QSignalSpy published(&registry, &ModelRegistry::modelPublished);
    registry.publishModel(qwen);
    QVERIFY(published.wait(kWaitMs));
    QCOMPARE(counting.puts, 0);
    QCOMPARE(counting.stats, blobKeys(registry, kQwenRepo).size());
    QVERIFY(registry.model(qwen)->minioPath.startsWith(u"s3://"_s));
    QVERIFY(registry.manifest(qwen)->files.first().url.startsWith(m_s3rver.endpoint().toString()));

    // Another bucket prefix: nodes use the storage route until the models are published there.
    S3ObjectStore moved(config(u"moved"_s), m_curl);
    registry.setRemoteStore(&moved);
    QCOMPARE(registry.manifest(qwen)->files.first().url,
             ModelRegistry::storagePath(qwen, registry.manifest(qwen)->files.first().blobHash));
    published.clear();
    registry.republishPending();
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 2, kWaitMs);
    QCOMPARE(registry.model(qwen)->minioPath, u"s3://aiops-publish/moved/models--tiny-org--tiny-qwen2"_s);
    QVERIFY(
        registry.manifest(qwen)->files.first().url.contains(u"/aiops-publish/moved/models--tiny-org--tiny-qwen2/"_s));
    // No remote store: the storage route again.
    registry.setRemoteStore(nullptr);
    QVERIFY(registry.manifest(qwen)->files.first().url.startsWith(u"/storage/models/"_s));
}

void TestModelPublish::failedPublicationKeepsTheModelLocal_data()
{
    QTest::addColumn<bool>("wrongSecret");
    QTest::addColumn<int>("code");
    QTest::newRow("wrong secret") << true << int(ErrorCode::Forbidden);
    QTest::newRow("endpoint down") << false << int(ErrorCode::Unavailable);
}

void TestModelPublish::failedPublicationKeepsTheModelLocal()
{
    QFETCH(bool, wrongSecret);
    QFETCH(int, code);
    const QString name = wrongSecret ? u"wrongsecret"_s : u"down"_s;
    auto db = store::Database::openSqlite(dbPath(name));
    QVERIFY(db.has_value());

    S3Config bad = config(name);
    if (wrongSecret) {
        bad.secretAccessKey = "not-the-secret";
    } else {
        QTcpServer closed; // a port nobody listens on any more
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        bad.endpoint = QUrl(u"http://127.0.0.1:%1"_s.arg(closed.serverPort()));
    }
    const QString qwen = modelIdForRepo(kQwenRepo);
    {
        S3ObjectStore s3(bad, m_curl);
        ModelRegistry registry(**db, storeRoot(name));
        registry.setRemoteStore(&s3);
        QVERIFY(registry.load().has_value());
        QSignalSpy failed(&registry, &ModelService::operationFailed);
        QVERIFY(importAndWait(registry, failed));
        for (const QList<QVariant>& signal : std::as_const(failed)) {
            QCOMPARE(signal.at(0).toString(), u"publish"_s);
            const Error error = signal.at(1).value<Error>();
            QVERIFY2(int(error.code) == code, qPrintable(error.codeName() + u": "_s + error.message));
        }
        const auto model = registry.model(qwen);
        QCOMPARE(model->status, u"ready"_s);
        QCOMPARE(model->minioPath, u"local://models--tiny-org--tiny-qwen2"_s);
        auto manifest = registry.manifest(qwen);
        QVERIFY2(manifest, qPrintable(describe(manifest)));
        for (const ManifestFile& f : std::as_const(manifest->files))
            QCOMPARE(f.url, ModelRegistry::storagePath(qwen, f.blobHash));
    }

    // A restart with the store fixed publishes what is still local.
    S3ObjectStore s3(config(name), m_curl);
    ModelRegistry registry(**db, storeRoot(name));
    registry.setRemoteStore(&s3);
    QSignalSpy published(&registry, &ModelRegistry::modelPublished);
    QVERIFY(registry.load().has_value());
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 2, kWaitMs);
    QCOMPARE(registry.model(qwen)->minioPath, u"s3://aiops-publish/%1/models--tiny-org--tiny-qwen2"_s.arg(name));
    for (const QString& key : blobKeys(registry, kQwenRepo)) {
        auto info = await<std::optional<ObjectInfo>>([&](auto done) { s3.stat(key, done); });
        QVERIFY2(info && info->has_value(), qPrintable(key + u": "_s + describe(info)));
    }
}

void TestModelPublish::removingAModelRemovesItsBlobs()
{
    auto db = store::Database::openSqlite(dbPath(u"removed"_s));
    QVERIFY(db.has_value());
    S3ObjectStore s3(config(u"removed"_s), m_curl);
    ModelRegistry registry(**db, storeRoot(u"removed"_s));
    registry.setRemoteStore(&s3);
    QVERIFY(registry.load().has_value());
    QSignalSpy published(&registry, &ModelRegistry::modelPublished);
    QVERIFY(importAndWait(registry, published));

    const QSet<QString> qwenKeys = blobKeys(registry, kQwenRepo);
    const QSet<QString> whisperKeys = blobKeys(registry, kWhisperRepo);
    QVERIFY(!qwenKeys.isEmpty() && !whisperKeys.isEmpty());
    auto present = [&](const QString& key) {
        auto info = await<std::optional<ObjectInfo>>([&](auto done) { s3.stat(key, done); });
        return info && info->has_value();
    };
    for (const QString& key : qwenKeys)
        QVERIFY(present(key));

    auto removed = registry.removeModelNow(modelIdForRepo(kQwenRepo));
    QVERIFY2(removed, qPrintable(describe(removed)));
    QCOMPARE(removed->deletedBlobs.size(), qwenKeys.size());
    for (const QString& key : qwenKeys)
        QTRY_VERIFY2_WITH_TIMEOUT(!present(key), qPrintable(key), kWaitMs);
    // The other model's blobs stay.
    for (const QString& key : whisperKeys)
        QVERIFY2(present(key), qPrintable(key));
}

QTEST_GUILESS_MAIN(TestModelPublish)
#include "TestModelPublish.moc"
