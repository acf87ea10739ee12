#include "ArtifactServerDouble.h"
#include "core/daemon/ModelCache.h"
#include "core/net/CurlClient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace aiops;
using namespace aiops::daemon;
using aiops::testing::ArtifactServerDouble;

namespace {

constexpr int kWaitMs = 15'000;

// Deterministic, seed-dependent bytes: different seeds give different blobs.
QByteArray makeContent(qsizetype size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 state = 2166136261u ^ quint32(seed);
    for (qsizetype i = 0; i < size; ++i) {
        state = state * 1664525u + 1013904223u;
        bytes[i] = char(state >> 24);
    }
    return bytes;
}

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// What a cache emitted, in order.
struct Recorder
{
    QStringList ready;
    QList<std::pair<QString, Error>> failed;
    QList<std::pair<qint64, qint64>> progress;
    QList<qint64> progressAtMs;
    int changed = 0;
    QElapsedTimer clock;

    void attach(ModelCache* cache, QObject* context)
    {
        clock.start();
        QObject::connect(cache, &ModelCache::ready, context, [this](const QString& id, const QString&) {
            ready.append(id);
            lastErrors.insert(id, std::nullopt);
        });
        QObject::connect(cache, &ModelCache::failed, context, [this](const QString& id, const Error& error) {
            failed.append({ id, error });
            lastErrors.insert(id, error);
        });
        QObject::connect(cache, &ModelCache::progress, context, [this](const QString&, qint64 done, qint64 total) {
            progress.append({ done, total });
            progressAtMs.append(clock.elapsed());
        });
        QObject::connect(cache, &ModelCache::changed, context, [this] { ++changed; });
    }
    int outcomes(const QString& id) const
    {
        int count = int(ready.count(id));
        for (const auto& [failedId, error] : failed)
            count += failedId == id ? 1 : 0;
        return count;
    }
    // The error of the model's latest outcome, or nullopt when that was ready().
    std::optional<Error> lastError(const QString& id) const { return lastErrors.value(id); }

    QHash<QString, std::optional<Error>> lastErrors;
};

} // namespace

class TestModelCache final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ArtifactServerDouble> m_server;
    std::unique_ptr<net::CurlClient> m_curl;
    std::unique_ptr<ModelCache> m_cache;
    std::unique_ptr<QObject> m_context; // owns the recorder's connections
    Recorder m_events;

    QString root() const { return m_dir->path() + QStringLiteral("/cache"); }

    ModelCacheOptions fastOptions(qint64 capacity = 1LL << 30) const
    {
        ModelCacheOptions options;
        options.capacityBytes = capacity;
        options.retryBaseDelayMs = 20;
        options.stallTimeoutSeconds = 5;
        return options;
    }

    void makeCache(ModelCacheOptions options)
    {
        m_cache.reset();
        m_context = std::make_unique<QObject>();
        m_events = Recorder {};
        m_cache = std::make_unique<ModelCache>(root(), m_curl.get(), std::move(options));
        m_events.attach(m_cache.get(), m_context.get());
        QVERIFY(m_cache->load().has_value());
    }

    // A file served by the double under prefix + its sha256, so two models sharing a blob share a URL.
    CacheFile serve(const QString& path, const QByteArray& content, const QString& prefix = QStringLiteral("/s3/"))
    {
        const QString sha = sha256Hex(content);
        m_server->addFile(prefix + sha, content);
        return CacheFile { path,
                           content.size(),
                           sha,
                           m_server->url(prefix + sha + QStringLiteral("?X-Amz-Sig=x")),
                           prefix == QStringLiteral("/storage/") };
    }

    static CacheManifest
    manifest(const QString& id, const QList<CacheFile>& files, const QString& version = QStringLiteral("v1"))
    {
        return CacheManifest { id, version, QStringLiteral("c0ffee"), files };
    }

    bool fetch(const CacheManifest& model)
    {
        const int before = m_events.outcomes(model.modelId);
        m_cache->ensure(model);
        return QTest::qWaitFor([&] { return m_events.outcomes(model.modelId) > before; }, kWaitMs)
            && !m_events.lastError(model.modelId);
    }

    std::optional<Error> fetchError(const CacheManifest& model)
    {
        const int before = m_events.outcomes(model.modelId);
        m_cache->ensure(model);
        if (!QTest::qWaitFor([&] { return m_events.outcomes(model.modelId) > before; }, kWaitMs))
            return Error { ErrorCode::Internal, QStringLiteral("no outcome in time") };
        return m_events.lastError(model.modelId);
    }

    QStringList cachedIds() const
    {
        QStringList ids;
        for (const CachedModel& model : m_cache->models())
            ids.append(model.modelId);
        ids.sort();
        return ids;
    }

    QString blob(const QString& sha) const { return root() + QStringLiteral("/blobs/") + sha; }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_server = std::make_unique<ArtifactServerDouble>();
        QVERIFY(m_server->isListening());
        m_curl = std::make_unique<net::CurlClient>();
        makeCache(fastOptions());
    }

    void cleanup()
    {
        m_cache.reset();
        m_context.reset();
        m_curl.reset();
        m_server.reset();
        m_dir.reset();
    }

    void freshFetchLaysOutFilesAndIndex()
    {
        const QByteArray config = makeContent(200, 1);
        const QByteArray weights = makeContent(300 * 1024, 2);
        const auto model = manifest(QStringLiteral("llama-3-8b"),
                                    { serve(QStringLiteral("config.json"), config),
                                      serve(QStringLiteral("weights/model.safetensors"), weights) });
        QVERIFY(fetch(model));

        const QString dir = root() + QStringLiteral("/models/llama-3-8b/v1");
        QCOMPARE(m_cache->modelPath(QStringLiteral("llama-3-8b")), dir);
        QCOMPARE(readFile(dir + QStringLiteral("/config.json")), config);
        QCOMPARE(readFile(dir + QStringLiteral("/weights/model.safetensors")), weights);
        QCOMPARE(sha256Hex(readFile(blob(sha256Hex(weights)))), sha256Hex(weights));
        QVERIFY(!QFile::exists(blob(sha256Hex(weights)) + QStringLiteral(".incomplete")));
        QVERIFY(QFile::exists(root() + QStringLiteral("/index.json")));

        const QList<CachedModel> models = m_cache->models();
        QCOMPARE(models.size(), 1);
        QCOMPARE(models.first().modelId, QStringLiteral("llama-3-8b"));
        QCOMPARE(models.first().version, QStringLiteral("v1"));
        QCOMPARE(models.first().sizeBytes, config.size() + weights.size());
        QCOMPARE(models.first().path, dir);
        QVERIFY(models.first().lastUsedAt.isValid());
        QCOMPARE(m_cache->usedBytes(), config.size() + weights.size());
        QVERIFY(!m_events.progress.isEmpty());
        QCOMPARE(m_events.progress.last(), std::make_pair(model.totalBytes(), model.totalBytes()));
        QVERIFY(m_events.changed >= 1);
        QCOMPARE(m_server->requests.size(), 2);

        // Already complete: reported ready again without a request.
        QVERIFY(fetch(model));
        QCOMPARE(m_events.ready.count(QStringLiteral("llama-3-8b")), 2);
        QCOMPARE(m_server->requests.size(), 2);
    }

    void credentialSentOnlyOnMarkedFiles()
    {
        m_server->requiredToken = "node-secret";
        m_cache->setCredential("node-secret");
        const CacheFile stored = serve(QStringLiteral("a.bin"), makeContent(4096, 3), QStringLiteral("/storage/"));
        const CacheFile presigned = serve(QStringLiteral("b.bin"), makeContent(4096, 4), QStringLiteral("/s3/"));
        QVERIFY(stored.sendCredential);
        QVERIFY(!presigned.sendCredential);
        QVERIFY(fetch(manifest(QStringLiteral("m"), { stored, presigned })));

        const auto storedRequests = m_server->requestsFor(QStringLiteral("/storage/") + stored.sha256);
        const auto presignedRequests = m_server->requestsFor(QStringLiteral("/s3/") + presigned.sha256);
        QCOMPARE(storedRequests.size(), 1);
        QCOMPARE(presignedRequests.size(), 1);
        QCOMPARE(storedRequests.first().headers.value("authorization"), QByteArray("Bearer node-secret"));
        QVERIFY(!presignedRequests.first().headers.contains("authorization"));
        QCOMPARE(presignedRequests.first().query, QByteArray("X-Amz-Sig=x")); // the signature travels untouched
    }

    void resumesFromPartial()
    {
        const QByteArray content = makeContent(256 * 1024, 5);
        const CacheFile file = serve(QStringLiteral("w.bin"), content);
        QVERIFY(QDir().mkpath(root() + QStringLiteral("/blobs")));
        const qint64 prefix = 100'000;
        QVERIFY(writeFile(blob(file.sha256) + QStringLiteral(".incomplete"), content.left(prefix)));

        QVERIFY(fetch(manifest(QStringLiteral("m"), { file })));
        QCOMPARE(m_server->requests.size(), 1);
        QCOMPARE(m_server->requests.first().headers.value("range"), QByteArray("bytes=100000-"));
        QCOMPARE(m_server->requests.first().status, 206);
        QCOMPARE(m_server->bodyBytesSent, content.size() - prefix);
        QCOMPARE(readFile(*m_cache->modelPath(QStringLiteral("m")) + QStringLiteral("/w.bin")), content);
    }

    void rangeIgnoredRestartsFromZero()
    {
        m_server->ignoreRange = true;
        const QByteArray content = makeContent(128 * 1024, 6);
        const CacheFile file = serve(QStringLiteral("w.bin"), content);
        QVERIFY(QDir().mkpath(root() + QStringLiteral("/blobs")));
        // A prefix that does not match: only a real restart yields the right file.
        QVERIFY(writeFile(blob(file.sha256) + QStringLiteral(".incomplete"), makeContent(5000, 99)));

        QVERIFY(fetch(manifest(QStringLiteral("m"), { file })));
        QCOMPARE(m_server->requests.size(), 1);
        QCOMPARE(m_server->requests.first().headers.value("range"), QByteArray("bytes=5000-"));
        QCOMPARE(m_server->requests.first().status, 200);
        QCOMPARE(m_server->bodyBytesSent, content.size());
        QCOMPARE(readFile(*m_cache->modelPath(QStringLiteral("m")) + QStringLiteral("/w.bin")), content);
    }

    void shaMismatchFailsAndLeavesNothing()
    {
        m_server->corruptBodies = true;
        const CacheFile file = serve(QStringLiteral("w.bin"), makeContent(64 * 1024, 7));
        const auto error = fetchError(manifest(QStringLiteral("m"), { file }));
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::InvalidValue);
        QCOMPARE(error->field, QStringLiteral("sha256"));
        QVERIFY(m_events.ready.isEmpty());
        QVERIFY(m_cache->models().isEmpty());
        QVERIFY(!m_cache->modelPath(QStringLiteral("m")));
        QVERIFY(!QFile::exists(blob(file.sha256)));
        QVERIFY(!QFile::exists(blob(file.sha256) + QStringLiteral(".incomplete")));
        QVERIFY(!QFile::exists(root() + QStringLiteral("/models/m")));
        QCOMPARE(m_server->requests.size(), 1); // a corrupt body is not retried
    }

    void unauthorizedFailsWithoutRetry()
    {
        m_server->requiredToken = "node-secret"; // and the cache has no credential
        const CacheFile file = serve(QStringLiteral("w.bin"), makeContent(1024, 8), QStringLiteral("/storage/"));
        const auto error = fetchError(manifest(QStringLiteral("m"), { file }));
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::Unauthorized);
        QCOMPARE(m_server->requests.size(), 1);
        QCOMPARE(m_server->requests.first().status, 401);
        QCOMPARE(m_cache->retriesDone(), 0);
        QVERIFY(m_cache->models().isEmpty());

        CacheFile missing = serve(QStringLiteral("w.bin"), makeContent(1024, 9));
        missing.url = m_server->url(QStringLiteral("/s3/no-such-object"));
        const auto notFound = fetchError(manifest(QStringLiteral("n"), { missing }));
        QVERIFY(notFound);
        QCOMPARE(notFound->code, ErrorCode::NotFound);
        QCOMPARE(m_server->requestsFor(QStringLiteral("/s3/no-such-object")).size(), 1);
        QCOMPARE(m_cache->retriesDone(), 0);
    }

    void oversizedPartialRestarts()
    {
        const QByteArray content = makeContent(10'000, 15);
        const CacheFile file = serve(QStringLiteral("w.bin"), content);
        QVERIFY(QDir().mkpath(root() + QStringLiteral("/blobs")));
        QVERIFY(writeFile(blob(file.sha256) + QStringLiteral(".incomplete"), makeContent(20'000, 16)));

        QVERIFY(fetch(manifest(QStringLiteral("m"), { file })));
        QCOMPARE(m_server->requests.size(), 1);
        QVERIFY(!m_server->requests.first().headers.contains("range"));
        QCOMPARE(readFile(*m_cache->modelPath(QStringLiteral("m")) + QStringLiteral("/w.bin")), content);
    }

    void retriesOn503ThenSucceeds()
    {
        m_server->failuresBeforeSuccess = 2;
        const QByteArray content = makeContent(8192, 9);
        const CacheFile file = serve(QStringLiteral("w.bin"), content);
        QVERIFY(fetch(manifest(QStringLiteral("m"), { file })));
        QCOMPARE(m_cache->retriesDone(), 2);
        QCOMPARE(m_server->requests.size(), 3);
        QCOMPARE(m_server->requests.at(0).status, 503);
        QCOMPARE(m_server->requests.at(1).status, 503);
        QCOMPARE(m_server->requests.at(2).status, 200);
        QCOMPARE(readFile(*m_cache->modelPath(QStringLiteral("m")) + QStringLiteral("/w.bin")), content);
    }

    void givesUpAfterMaxRetries()
    {
        ModelCacheOptions options = fastOptions();
        options.maxRetries = 1;
        makeCache(options);
        m_server->failuresBeforeSuccess = 5;
        const auto error
            = fetchError(manifest(QStringLiteral("m"), { serve(QStringLiteral("w"), makeContent(10, 10)) }));
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::Unavailable);
        QCOMPARE(m_server->requests.size(), 2);
        QCOMPARE(m_cache->retriesDone(), 1);
    }

    void lruEvictsLeastRecentlyUsed()
    {
        const qint64 size = 100 * 1024;
        makeCache(fastOptions(2 * size));
        const auto a = manifest(QStringLiteral("a"), { serve(QStringLiteral("w"), makeContent(size, 11)) });
        const auto b = manifest(QStringLiteral("b"), { serve(QStringLiteral("w"), makeContent(size, 12)) });
        const auto c = manifest(QStringLiteral("c"), { serve(QStringLiteral("w"), makeContent(size, 13)) });
        QVERIFY(fetch(a));
        QVERIFY(fetch(b));
        QVERIFY(fetch(a)); // touched: b is now the least recently used
        QCOMPARE(m_server->requests.size(), 2);
        QVERIFY(fetch(c));

        QCOMPARE(cachedIds(), QStringList({ QStringLiteral("a"), QStringLiteral("c") }));
        QVERIFY(!QFile::exists(blob(b.files.first().sha256)));
        QVERIFY(!QFile::exists(root() + QStringLiteral("/models/b")));
        QVERIFY(QFile::exists(blob(a.files.first().sha256)));
        QVERIFY(m_cache->usedBytes() <= m_cache->capacityBytes());
        QCOMPARE(m_cache->models().first().modelId, QStringLiteral("c")); // most recently used first
    }

    void pinnedStaysAndTooBigFails()
    {
        const qint64 size = 100 * 1024;
        makeCache(fastOptions(2 * size));
        const auto a = manifest(QStringLiteral("a"), { serve(QStringLiteral("w"), makeContent(size, 21)) });
        const auto b = manifest(QStringLiteral("b"), { serve(QStringLiteral("w"), makeContent(size, 22)) });
        const auto c = manifest(QStringLiteral("c"), { serve(QStringLiteral("w"), makeContent(size, 23)) });
        QVERIFY(fetch(a));
        QVERIFY(fetch(b));
        m_cache->pin(QStringLiteral("a")); // a is the least recently used, but in use
        QVERIFY(fetch(c));
        QCOMPARE(cachedIds(), QStringList({ QStringLiteral("a"), QStringLiteral("c") }));
        QVERIFY(m_cache->models().last().pinned);

        const auto refused = m_cache->evict(QStringLiteral("a"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);

        // a (pinned) + d cannot fit even with c gone: fails before anything is evicted or fetched.
        const int requestsBefore = int(m_server->requests.size());
        const auto d = manifest(QStringLiteral("d"), { serve(QStringLiteral("w"), makeContent(size + size / 2, 24)) });
        const auto error = fetchError(d);
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::InsufficientStorage);
        QVERIFY(error->message.contains(QString::number(m_cache->capacityBytes())));
        QCOMPARE(cachedIds(), QStringList({ QStringLiteral("a"), QStringLiteral("c") }));
        QCOMPARE(m_server->requests.size(), requestsBefore);

        m_cache->unpin(QStringLiteral("a"));
        QVERIFY(m_cache->evict(QStringLiteral("a")).has_value());
        QCOMPARE(cachedIds(), QStringList({ QStringLiteral("c") }));
    }

    void diskFullFails()
    {
        ModelCacheOptions options = fastOptions();
        options.availableBytes = [](const QString&) -> Result<qint64> {
            return 1000;
        };
        makeCache(options);
        const auto error
            = fetchError(manifest(QStringLiteral("m"), { serve(QStringLiteral("w"), makeContent(5000, 30)) }));
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::InsufficientStorage);
        QCOMPARE(error->field, QStringLiteral("disk"));
        QVERIFY(m_server->requests.isEmpty());
    }

    void sharedBlobFetchedOnceAndSurvivesEviction()
    {
        const CacheFile shared = serve(QStringLiteral("tokenizer.json"), makeContent(64 * 1024, 40));
        const CacheFile onlyA = serve(QStringLiteral("a.bin"), makeContent(32 * 1024, 41));
        const CacheFile onlyB = serve(QStringLiteral("b.bin"), makeContent(32 * 1024, 42));
        const auto a = manifest(QStringLiteral("a"), { shared, onlyA });
        const auto b = manifest(QStringLiteral("b"), { shared, onlyB });
        m_cache->ensure(a);
        m_cache->ensure(a); // joins the fetch in progress
        m_cache->ensure(b);
        QVERIFY(QTest::qWaitFor(
            [&] { return m_events.outcomes(QStringLiteral("a")) && m_events.outcomes(QStringLiteral("b")); }, kWaitMs));
        QTest::qWait(50);
        QCOMPARE(m_events.ready.count(QStringLiteral("a")), 1);
        QCOMPARE(m_events.ready.count(QStringLiteral("b")), 1);
        QVERIFY(m_events.failed.isEmpty());
        QCOMPARE(m_server->requestsFor(QStringLiteral("/s3/") + shared.sha256).size(), 1);
        QCOMPARE(m_server->requests.size(), 3);
        QCOMPARE(m_cache->usedBytes(), shared.size + onlyA.size + onlyB.size);

        QVERIFY(m_cache->evict(QStringLiteral("a")).has_value());
        QVERIFY(QFile::exists(blob(shared.sha256)));
        QVERIFY(!QFile::exists(blob(onlyA.sha256)));
        const QString bDir = *m_cache->modelPath(QStringLiteral("b"));
        QCOMPARE(sha256Hex(readFile(bDir + QStringLiteral("/tokenizer.json"))), shared.sha256);
        QCOMPARE(m_cache->usedBytes(), shared.size + onlyB.size);

        QVERIFY(m_cache->evict(QStringLiteral("b")).has_value());
        QVERIFY(!QFile::exists(blob(shared.sha256)));
        QCOMPARE(m_cache->usedBytes(), 0);
        QCOMPARE(m_cache->evict(QStringLiteral("b")).error().code, ErrorCode::NotFound);
    }

    void reloadsFromIndex()
    {
        const auto a = manifest(QStringLiteral("a"), { serve(QStringLiteral("w"), makeContent(4096, 50)) });
        const auto b = manifest(QStringLiteral("b"), { serve(QStringLiteral("x/y"), makeContent(8192, 51)) });
        const auto gone = manifest(QStringLiteral("gone"), { serve(QStringLiteral("z"), makeContent(100, 52)) });
        QVERIFY(fetch(a));
        QVERIFY(fetch(b));
        QVERIFY(fetch(gone));
        m_cache->pin(QStringLiteral("b"));
        const qint64 used = m_cache->usedBytes();
        const QDateTime usedAtB = m_cache->models().at(1).lastUsedAt;

        m_cache.reset();
        QVERIFY(QFile::remove(root() + QStringLiteral("/models/gone/v1/z"))); // vanished while stopped
        makeCache(fastOptions());

        QCOMPARE(cachedIds(), QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
        QCOMPARE(m_cache->usedBytes(), used - 100);
        const CachedModel reloadedB = m_cache->models().constFirst().modelId == QStringLiteral("b")
            ? m_cache->models().constFirst()
            : m_cache->models().constLast();
        QVERIFY(reloadedB.pinned);
        QCOMPARE(reloadedB.sizeBytes, 8192);
        QCOMPARE(reloadedB.lastUsedAt, usedAtB);
        QCOMPARE(m_cache->modelPath(QStringLiteral("b")), root() + QStringLiteral("/models/b/v1"));
        QCOMPARE(m_cache->evict(QStringLiteral("b")).error().code, ErrorCode::Conflict);

        const int requestsBefore = int(m_server->requests.size());
        QVERIFY(fetch(a));
        QCOMPARE(m_server->requests.size(), requestsBefore); // served from disk
    }

    void rejectsBadManifests_data()
    {
        QTest::addColumn<QString>("modelId");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("sha");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("field");

        const QString goodSha = sha256Hex("x");
        const QString http = QStringLiteral("http://127.0.0.1:1/f");
        const int invalid = int(ErrorCode::InvalidValue);
        QTest::newRow("parent path") << "m"
                                     << "../etc/passwd" << goodSha << qint64(1) << http << invalid << "files[0].path";
        QTest::newRow("inner parent") << "m"
                                      << "a/../../b" << goodSha << qint64(1) << http << invalid << "files[0].path";
        QTest::newRow("absolute path") << "m"
                                       << "/etc/passwd" << goodSha << qint64(1) << http << invalid << "files[0].path";
        QTest::newRow("backslash") << "m"
                                   << "a\\b" << goodSha << qint64(1) << http << invalid << "files[0].path";
        QTest::newRow("empty segment") << "m"
                                       << "a//b" << goodSha << qint64(1) << http << invalid << "files[0].path";
        QTest::newRow("short sha") << "m"
                                   << "w" << goodSha.left(63) << qint64(1) << http << invalid << "files[0].sha256";
        QTest::newRow("upper sha") << "m"
                                   << "w" << goodSha.toUpper() << qint64(1) << http << invalid << "files[0].sha256";
        QTest::newRow("ftp url") << "m"
                                 << "w" << goodSha << qint64(1) << "ftp://127.0.0.1/f" << invalid << "files[0].url";
        QTest::newRow("file url") << "m"
                                  << "w" << goodSha << qint64(1) << "file:///etc/passwd" << invalid << "files[0].url";
        QTest::newRow("negative size") << "m"
                                       << "w" << goodSha << qint64(-1) << http << int(ErrorCode::OutOfRange)
                                       << "files[0].size";
        QTest::newRow("model id with slash") << "a/b"
                                             << "w" << goodSha << qint64(1) << http << invalid << "modelId";
        QTest::newRow("dot model id") << ".."
                                      << "w" << goodSha << qint64(1) << http << invalid << "modelId";
        QTest::newRow("empty model id") << ""
                                        << "w" << goodSha << qint64(1) << http << int(ErrorCode::MissingField)
                                        << "modelId";
    }

    void rejectsBadManifests()
    {
        QFETCH(QString, modelId);
        QFETCH(QString, path);
        QFETCH(QString, sha);
        QFETCH(qint64, size);
        QFETCH(QString, url);
        QFETCH(int, code);
        QFETCH(QString, field);

        const CacheManifest bad {
            modelId, QStringLiteral("v1"), {}, { CacheFile { path, size, sha, QUrl(url), false } }
        };
        const auto direct = ModelCache::validate(bad);
        QVERIFY(!direct);
        QCOMPARE(int(direct.error().code), code);
        QCOMPARE(direct.error().field, field);

        const auto error = fetchError(bad);
        QVERIFY(error);
        QCOMPARE(int(error->code), code);
        QCOMPARE(error->field, field);
        QVERIFY(m_server->requests.isEmpty());
        QVERIFY(m_cache->models().isEmpty());
        QVERIFY(QDir(root() + QStringLiteral("/blobs")).isEmpty());
    }

    void rejectsManifestShapeErrors()
    {
        const CacheFile file = serve(QStringLiteral("w"), makeContent(10, 60));
        QCOMPARE(ModelCache::validate(manifest(QStringLiteral("m"), {})).error().code, ErrorCode::MissingField);
        QCOMPARE(ModelCache::validate(manifest(QStringLiteral("m"), { file, file })).error().code,
                 ErrorCode::InvalidValue);
        QCOMPARE(ModelCache::validate(manifest(QStringLiteral("m"), { file }, QStringLiteral("v/1"))).error().field,
                 QStringLiteral("version"));
        QList<CacheFile> tooMany;
        for (int i = 0; i < 10'001; ++i)
            tooMany.append(CacheFile { QStringLiteral("f%1").arg(i), 1, file.sha256, file.url, false });
        QCOMPARE(ModelCache::validate(manifest(QStringLiteral("m"), tooMany)).error().code, ErrorCode::OutOfRange);
        QVERIFY(ModelCache::validate(manifest(QStringLiteral("m"), { file })).has_value());
    }

    void cancelKeepsPartialAndLaterEnsureResumes()
    {
        m_server->dripBytes = 16 * 1024;
        m_server->dripIntervalMs = 20;
        const QByteArray content = makeContent(1024 * 1024, 70);
        const CacheFile file = serve(QStringLiteral("w.bin"), content);
        const auto model = manifest(QStringLiteral("m"), { file });
        const QString partial = blob(file.sha256) + QStringLiteral(".incomplete");
        m_cache->ensure(model);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(partial).size() > 0, kWaitMs);
        m_cache->cancel(QStringLiteral("m"));
        QVERIFY(!m_cache->isFetching(QStringLiteral("m")));
        QTest::qWait(150); // let the aborted transfer wind down
        const qint64 kept = QFileInfo(partial).size();
        QVERIFY(kept > 0);
        QVERIFY(kept < content.size());
        QCOMPARE(m_events.outcomes(QStringLiteral("m")), 0); // a cancel reports nothing
        QVERIFY(m_cache->models().isEmpty());

        // A new process on the same root continues the partial.
        m_server->dripBytes = 0;
        makeCache(fastOptions());
        QVERIFY(fetch(model));
        QCOMPARE(m_server->requests.size(), 2);
        QCOMPARE(m_server->requests.last().headers.value("range"), "bytes=" + QByteArray::number(kept) + '-');
        QCOMPARE(m_server->requests.last().status, 206);
        QCOMPARE(readFile(*m_cache->modelPath(QStringLiteral("m")) + QStringLiteral("/w.bin")), content);
    }

    void progressIsThrottled()
    {
        m_server->dripBytes = 8 * 1024;
        m_server->dripIntervalMs = 10;
        const QByteArray content = makeContent(800 * 1024, 80); // ~1 s on the wire
        const auto model = manifest(QStringLiteral("m"), { serve(QStringLiteral("w"), content) });
        QVERIFY(fetch(model));
        QVERIFY(m_events.progress.size() >= 3);
        QCOMPARE(m_events.progress.last(), std::make_pair(qint64(content.size()), qint64(content.size())));
        for (qsizetype i = 1; i + 1 < m_events.progress.size(); ++i) {
            QVERIFY(m_events.progress.at(i).first >= m_events.progress.at(i - 1).first);
            QVERIFY2(m_events.progressAtMs.at(i) - m_events.progressAtMs.at(i - 1) >= 240,
                     "progress more often than 250 ms");
        }
    }

    void newVersionReplacesOld()
    {
        const CacheFile shared = serve(QStringLiteral("config.json"), makeContent(100, 90));
        const auto v1 = manifest(QStringLiteral("m"), { shared, serve(QStringLiteral("w"), makeContent(1000, 91)) });
        const auto v2 = manifest(
            QStringLiteral("m"), { shared, serve(QStringLiteral("w"), makeContent(1000, 92)) }, QStringLiteral("v2"));
        QVERIFY(fetch(v1));
        m_cache->pin(QStringLiteral("m"));
        const auto conflict = fetchError(v2);
        QVERIFY(conflict);
        QCOMPARE(conflict->code, ErrorCode::Conflict);

        m_cache->unpin(QStringLiteral("m"));
        QVERIFY(fetch(v2));
        QCOMPARE(m_cache->models().size(), 1);
        QCOMPARE(m_cache->models().first().version, QStringLiteral("v2"));
        QVERIFY(!QFile::exists(root() + QStringLiteral("/models/m/v1")));
        QVERIFY(!QFile::exists(blob(v1.files.at(1).sha256)));
        QVERIFY(QFile::exists(blob(shared.sha256)));
        QCOMPARE(m_server->requestsFor(QStringLiteral("/s3/") + shared.sha256).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestModelCache)
#include "TestModelCache.moc"
