// ModelDownloader against FakeHfHub, the Hub double, into a LocalObjectStore in a temporary directory:
// the cache layout, sha256 verification, Range resume (after a cancel and after the downloading process
// is killed), 200-instead-of-206, retries, the parallel bound and the disk-space check.
#include "FakeHfHub.h"
#include "core/iam/SecretStore.h"
#include "core/net/CurlClient.h"
#include "core/registry/HfHubClient.h"
#include "core/registry/LocalObjectStore.h"
#include "core/registry/ModelDownloader.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace aiops;
using namespace aiops::registry;
using namespace Qt::StringLiterals;

namespace {

const QString kRepo = u"org/tiny-llama"_s;
constexpr qint64 kWeights = 8 * 1024 * 1024;

} // namespace

class TestModelDownloader final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void downloadsIntoCacheLayout();
    void followsCdnRedirectWithoutToken();
    void resumesAfterCancelWithRange();
    void serverIgnoringRangeStartsOver();
    void shaMismatchIsRejectedAndNotRegistered();
    void retriesServerErrorThenSucceeds();
    void givesUpAfterThreeRetries();
    void truncatedBodyResumes();
    void errorsAreTyped_data();
    void errorsAreTyped();
    void diskFullFailsBeforeDownloading();
    void boundsParallelFiles();
    void resumesAfterProcessIsKilled();

private:
    std::unique_ptr<ModelDownloader> makeDownloader(const QString& repo = kRepo);
    bool runToEnd(ModelDownloader& downloader, int timeoutMs = 30000);
    QString partialPath(const QString& path);
    QString blobHash(const QString& path) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<testing::FakeHfHub> m_hub;
    std::unique_ptr<net::CurlClient> m_curl;
    std::unique_ptr<iam::SecretStore> m_secrets;
    std::unique_ptr<HfHubClient> m_client;
    std::unique_ptr<LocalObjectStore> m_store;
    QMap<QString, QByteArray> m_files;
};

void TestModelDownloader::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_hub = std::make_unique<testing::FakeHfHub>();
    m_files = testing::sampleModelFiles(kWeights);
    m_hub->addRepo(kRepo, m_files);
    m_hub->addRepo(u"org/private"_s, m_files).requiresToken = true;
    m_hub->addRepo(u"org/gated"_s, m_files).gated = true;
    m_curl = std::make_unique<net::CurlClient>();
    m_secrets = iam::makeMemorySecretStore();
    m_client = std::make_unique<HfHubClient>(m_curl.get(), m_secrets.get());
    m_client->setEndpoint(m_hub->endpoint());
    m_store = std::make_unique<LocalObjectStore>(m_dir->path());
}

void TestModelDownloader::cleanup()
{
    m_client.reset();
    m_curl.reset();
    m_hub.reset();
    m_store.reset();
    m_dir.reset();
}

std::unique_ptr<ModelDownloader> TestModelDownloader::makeDownloader(const QString& repo)
{
    DownloadJob job;
    job.jobId = u"job-1"_s;
    job.repo = repo;
    job.revision = u"main"_s;
    auto downloader = std::make_unique<ModelDownloader>(m_client.get(), m_store.get(), job);
    DownloadOptions options;
    options.retryBaseDelayMs = 20;
    options.reserveBytes = 0;
    options.stallTimeoutSeconds = 5;
    downloader->setOptions(options);
    return downloader;
}

bool TestModelDownloader::runToEnd(ModelDownloader& downloader, int timeoutMs)
{
    if (downloader.job().state == u"queued"_s)
        downloader.start();
    QDeadlineTimer deadline(timeoutMs);
    while (!downloader.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    // Let cancelled transfers wind down before the next step reuses the store.
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return downloader.isFinished();
}

QString TestModelDownloader::blobHash(const QString& path) const
{
    const auto& file = m_hub->repo(kRepo).files[path];
    return QString::fromLatin1(file.lfs ? file.sha256 : file.gitSha1);
}

QString TestModelDownloader::partialPath(const QString& path)
{
    return *m_store->blobPath(kRepo, blobHash(path)) + u".incomplete"_s;
}

void TestModelDownloader::downloadsIntoCacheLayout()
{
    auto downloader = makeDownloader();
    QList<DownloadJob> updates;
    connect(downloader.get(), &ModelDownloader::jobChanged, this, [&updates](const DownloadJob& job) {
        updates.append(job);
    });
    QVERIFY(runToEnd(*downloader));
    QCOMPARE(downloader->job().state, u"completed"_s);
    QVERIFY(!downloader->error());
    const QString commit = QString::fromLatin1(m_hub->repo(kRepo).commit);
    QCOMPARE(downloader->commitSha(), commit);
    QCOMPARE(*m_store->readRef(kRepo, u"main"_s), commit);
    for (auto it = m_files.begin(); it != m_files.end(); ++it) {
        const QString snapshot = *m_store->snapshotFilePath(kRepo, commit, it.key());
        QVERIFY(QFileInfo(snapshot).isSymLink());
        QCOMPARE(QFileInfo(snapshot).symLinkTarget(),
                 QFileInfo(*m_store->blobPath(kRepo, blobHash(it.key()))).absoluteFilePath());
        QFile file(snapshot);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), it.value());
        QVERIFY(!QFile::exists(partialPath(it.key())));
    }
    const DownloadJob& job = downloader->job();
    QCOMPARE(job.filesDone, 3);
    QCOMPARE(job.filesTotal, 3);
    QCOMPARE(job.bytesDone, job.bytesTotal);
    QVERIFY(job.bytesTotal > kWeights);
    QVERIFY(!updates.isEmpty());
    QCOMPARE(updates.first().state, u"running"_s);
    QCOMPARE(updates.last().state, u"completed"_s);
    QCOMPARE(downloader->bytesFetched(), job.bytesTotal);

    // A second run finds every blob and fetches nothing.
    auto again = makeDownloader();
    QVERIFY(runToEnd(*again));
    QCOMPARE(again->job().state, u"completed"_s);
    QCOMPARE(again->bytesFetched(), qint64(0));
}

void TestModelDownloader::followsCdnRedirectWithoutToken()
{
    QVERIFY(m_secrets->write(HfHubClient::kTokenKey, "hf_secret"));
    m_hub->redirect = testing::FakeHfHub::Redirect::Cdn;
    auto downloader = makeDownloader();
    QVERIFY(runToEnd(*downloader));
    QCOMPARE(downloader->job().state, u"completed"_s);
    const auto cdn = m_hub->fileRequests(u"model.safetensors"_s, true);
    QCOMPARE(cdn.size(), 1);
    QVERIFY(!cdn.first().headers.contains("authorization"));
}

void TestModelDownloader::resumesAfterCancelWithRange()
{
    m_hub->throttleBytesPerTick = 256 * 1024;
    auto first = makeDownloader();
    first->start();
    const QString partial = partialPath(u"model.safetensors"_s);
    QDeadlineTimer deadline(20000);
    while (QFileInfo(partial).size() < 2 * 1024 * 1024 && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    first->cancel();
    QVERIFY(runToEnd(*first));
    QCOMPARE(first->job().state, u"cancelled"_s);
    const qint64 kept = QFileInfo(partial).size();
    QVERIFY2(kept >= 2 * 1024 * 1024 && kept < m_files.value(u"model.safetensors"_s).size(),
             qPrintable(QString::number(kept)));

    m_hub->throttleBytesPerTick = 0;
    m_hub->requests.clear();
    auto second = makeDownloader();
    QVERIFY(runToEnd(*second));
    QCOMPARE(second->job().state, u"completed"_s);
    const auto weights = m_hub->fileRequests(u"model.safetensors"_s);
    QCOMPARE(weights.size(), 1);
    QCOMPARE(weights.first().headers.value("range"), "bytes=" + QByteArray::number(kept) + '-');
    QVERIFY(second->bytesFetched() < second->job().bytesTotal);
    QVERIFY(m_store->hasBlob(kRepo, blobHash(u"model.safetensors"_s)));
}

void TestModelDownloader::serverIgnoringRangeStartsOver()
{
    // A stale partial of 1 MiB of garbage: a server answering 200 must replace it, not append to it.
    QVERIFY(m_store->beginBlob(kRepo, blobHash(u"model.safetensors"_s)));
    {
        QFile partial(partialPath(u"model.safetensors"_s));
        QVERIFY(partial.open(QIODevice::WriteOnly));
        partial.write(QByteArray(1024 * 1024, 'z'));
    }
    m_hub->ignoreRange = true;
    auto downloader = makeDownloader();
    QVERIFY(runToEnd(*downloader));
    QCOMPARE(downloader->job().state, u"completed"_s);
    QCOMPARE(m_hub->fileRequests(u"model.safetensors"_s).first().headers.value("range"), QByteArray("bytes=1048576-"));
    QFile blob(*m_store->blobPath(kRepo, blobHash(u"model.safetensors"_s)));
    QVERIFY(blob.open(QIODevice::ReadOnly));
    QCOMPARE(blob.readAll(), m_files.value(u"model.safetensors"_s));
}

void TestModelDownloader::shaMismatchIsRejectedAndNotRegistered()
{
    m_hub->corruptPath = u"model.safetensors"_s;
    auto downloader = makeDownloader();
    QVERIFY(runToEnd(*downloader));
    QCOMPARE(downloader->job().state, u"failed"_s);
    QCOMPARE(downloader->error()->code, ErrorCode::InvalidValue);
    QCOMPARE(downloader->job().errorCode, u"INVALID_VALUE"_s);
    QVERIFY(downloader->error()->message.contains(u"sha256"_s));
    QVERIFY(!m_store->hasBlob(kRepo, blobHash(u"model.safetensors"_s)));
    QVERIFY(!QFile::exists(partialPath(u"model.safetensors"_s)));
    QVERIFY(!m_store->readRef(kRepo, u"main"_s));
    const QString commit = QString::fromLatin1(m_hub->repo(kRepo).commit);
    QVERIFY(!QFileInfo::exists(*m_store->repoPath(kRepo) + u"/snapshots/"_s + commit));
}

void TestModelDownloader::retriesServerErrorThenSucceeds()
{
    m_hub->failNextDownloads = 2;
    auto downloader = makeDownloader();
    QVERIFY(runToEnd(*downloader));
    QCOMPARE(downloader->job().state, u"completed"_s);
    QCOMPARE(downloader->retriesDone(), 2);
}

void TestModelDownloader::givesUpAfterThreeRetries()
{
    m_hub->failNextDownloads = 100;
    m_hub->failStatus = 503;
    auto downloader = makeDownloader();
    downloader->setOptions([&] {
        DownloadOptions options = downloader->options();
        options.maxParallelFiles = 1;
        return options;
    }());
    QVERIFY(runToEnd(*downloader));
    QCOMPARE(downloader->job().state, u"failed"_s);
    QCOMPARE(downloader->error()->code, ErrorCode::Unavailable);
    QCOMPARE(downloader->retriesDone(), 3);
    QCOMPARE(100 - m_hub->failNextDownloads, 4); // one try and three retries
}

void TestModelDownloader::truncatedBodyResumes()
{
    m_hub->truncateNextDownloads = 1;
    auto downloader = makeDownloader();
    downloader->setOptions([&] {
        DownloadOptions options = downloader->options();
        options.maxParallelFiles = 1;
        return options;
    }());
    QVERIFY(runToEnd(*downloader));
    QCOMPARE(downloader->job().state, u"completed"_s);
    QCOMPARE(downloader->retriesDone(), 1);
    // The retry continued where the cut-off body ended instead of fetching it all again.
    QVERIFY(downloader->bytesFetched() <= downloader->job().bytesTotal);
    bool resumed = false;
    for (const auto& request : m_hub->requests)
        resumed = resumed || request.headers.value("range").startsWith("bytes=");
    QVERIFY(resumed);
}

void TestModelDownloader::errorsAreTyped_data()
{
    QTest::addColumn<QString>("repo");
    QTest::addColumn<int>("code");
    QTest::newRow("401") << u"org/private"_s << int(ErrorCode::Unauthorized);
    QTest::newRow("403 gated") << u"org/gated"_s << int(ErrorCode::Forbidden);
    QTest::newRow("404") << u"org/missing"_s << int(ErrorCode::NotFound);
}

void TestModelDownloader::errorsAreTyped()
{
    QFETCH(QString, repo);
    QFETCH(int, code);
    auto downloader = makeDownloader(repo);
    QVERIFY(runToEnd(*downloader));
    QCOMPARE(downloader->job().state, u"failed"_s);
    QCOMPARE(int(downloader->error()->code), code);
    QCOMPARE(downloader->job().errorCode, errorCodeName(ErrorCode(code)));
    QVERIFY(!m_store->readRef(repo, u"main"_s));
}

void TestModelDownloader::diskFullFailsBeforeDownloading()
{
    auto downloader = makeDownloader();
    DownloadOptions options = downloader->options();
    options.availableBytes = [](const QString&) -> Result<qint64> {
        return 1024 * 1024;
    };
    downloader->setOptions(options);
    QVERIFY(runToEnd(*downloader));
    QCOMPARE(downloader->job().state, u"failed"_s);
    QCOMPARE(downloader->error()->code, ErrorCode::InsufficientStorage);
    QCOMPARE(downloader->error()->field, u"disk"_s);
    QCOMPARE(downloader->job().errorCode, u"INSUFFICIENT_STORAGE"_s);
    QVERIFY(downloader->error()->message.contains(u"MiB needed"_s));
    QVERIFY(m_hub->fileRequests(u"model.safetensors"_s).isEmpty());

    // The real check too: more than any disk holds.
    auto real = makeDownloader();
    options = real->options();
    options.reserveBytes = qint64(1) << 60;
    real->setOptions(options);
    QVERIFY(runToEnd(*real));
    QCOMPARE(real->error()->code, ErrorCode::InsufficientStorage);
}

void TestModelDownloader::boundsParallelFiles()
{
    QMap<QString, QByteArray> many;
    for (int i = 0; i < 6; ++i)
        many.insert(u"shard-%1.bin"_s.arg(i), QByteArray(512 * 1024, char('a' + i)));
    m_hub->addRepo(u"org/many"_s, many);
    m_hub->throttleBytesPerTick = 64 * 1024;
    auto downloader = makeDownloader(u"org/many"_s);
    DownloadOptions options = downloader->options();
    options.maxParallelFiles = 2;
    downloader->setOptions(options);
    downloader->start();
    int maxBusy = 0;
    QDeadlineTimer deadline(30000);
    while (!downloader->isFinished() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        maxBusy = std::max(maxBusy, m_curl->runningCount() + m_curl->queuedCount());
    }
    QCOMPARE(downloader->job().state, u"completed"_s);
    QCOMPARE(maxBusy, 2);
    QCOMPARE(downloader->job().filesDone, 6);
}

void TestModelDownloader::resumesAfterProcessIsKilled()
{
    m_hub->throttleBytesPerTick = 128 * 1024;
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedChannels);
    helper.start(QStringLiteral(AIOPS_HF_DOWNLOAD_HELPER),
                 { m_hub->endpoint().toString(), m_dir->path(), kRepo, u"main"_s });
    QVERIFY(helper.waitForStarted(5000));
    const QString partial = partialPath(u"model.safetensors"_s);
    QDeadlineTimer deadline(30000);
    while (QFileInfo(partial).size() < 2 * 1024 * 1024 && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    helper.kill();
    QVERIFY(helper.waitForFinished(5000));
    QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
    const qint64 kept = QFileInfo(partial).size();
    const qint64 total = m_files.value(u"model.safetensors"_s).size();
    QVERIFY2(kept >= 2 * 1024 * 1024 && kept < total, qPrintable(QString::number(kept)));
    QVERIFY(!m_store->readRef(kRepo, u"main"_s));

    m_hub->throttleBytesPerTick = 0;
    m_hub->requests.clear();
    auto resumed = makeDownloader();
    QVERIFY(runToEnd(*resumed));
    QCOMPARE(resumed->job().state, u"completed"_s);
    QCOMPARE(m_hub->fileRequests(u"model.safetensors"_s).first().headers.value("range"),
             "bytes=" + QByteArray::number(kept) + '-');
    QVERIFY(resumed->bytesFetched() < resumed->job().bytesTotal);
    QVERIFY(resumed->bytesFetched() <= resumed->job().bytesTotal - kept);
    QFile blob(*m_store->snapshotFilePath(kRepo, resumed->commitSha(), u"model.safetensors"_s));
    QVERIFY(blob.open(QIODevice::ReadOnly));
    QCOMPARE(blob.readAll(), m_files.value(u"model.safetensors"_s));
}

QTEST_GUILESS_MAIN(TestModelDownloader)
#include "TestModelDownloader.moc"
