// HfHubClient against FakeHfHub, the Hub double: model info, the pre-download preview (config.json and
// the safetensors header read with Range), HEAD metadata, typed errors and where the token goes.
#include "FakeHfHub.h"
#include "core/iam/SecretStore.h"
#include "core/net/CurlClient.h"
#include "core/registry/GpuMemoryEstimate.h"
#include "core/registry/HfHubClient.h"

#include <QDeadlineTimer>
#include <QTest>

using namespace aiops;
using namespace aiops::registry;
using namespace Qt::StringLiterals;

namespace {

template<typename T> Result<T> waitFor(const std::function<void(HfHubClient::Callback<T>)>& call)
{
    std::optional<Result<T>> result;
    call([&result](Result<T> value) { result = std::move(value); });
    QDeadlineTimer deadline(15000);
    while (!result && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!result)
        return makeError(ErrorCode::Internal, u"test: no answer in time"_s);
    return *result;
}

} // namespace

class TestHfHubClient final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void normalizesRepoIds_data();
    void normalizesRepoIds();
    void endpointFromEnvironment();
    void modelInfoListsFilesWithHashes();
    void previewReadsMetadataWithoutWeights();
    void headMetadataOfLfsFile();
    void errorsAreTyped_data();
    void errorsAreTyped();
    void gatedRepoOpensWithAcceptedToken();
    void relativeRedirectKeepsToken();
    void cdnRedirectGetsNoToken();

private:
    std::unique_ptr<testing::FakeHfHub> m_hub;
    std::unique_ptr<net::CurlClient> m_curl;
    std::unique_ptr<iam::SecretStore> m_secrets;
    std::unique_ptr<HfHubClient> m_client;
    QMap<QString, QByteArray> m_files;
};

void TestHfHubClient::init()
{
    m_hub = std::make_unique<testing::FakeHfHub>();
    m_files = testing::sampleModelFiles(1024 * 1024);
    m_hub->addRepo(u"org/tiny-llama"_s, m_files);
    m_hub->addRepo(u"org/private"_s, m_files).requiresToken = true;
    m_hub->addRepo(u"org/gated"_s, m_files).gated = true;
    m_curl = std::make_unique<net::CurlClient>();
    m_secrets = iam::makeMemorySecretStore();
    m_client = std::make_unique<HfHubClient>(m_curl.get(), m_secrets.get());
    m_client->setEndpoint(m_hub->endpoint());
}

void TestHfHubClient::cleanup()
{
    m_client.reset();
    m_curl.reset();
    m_hub.reset();
}

void TestHfHubClient::normalizesRepoIds_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("id") << u"Qwen/Qwen2.5-0.5B-Instruct"_s << u"Qwen/Qwen2.5-0.5B-Instruct"_s;
    QTest::newRow("url") << u"https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct"_s << u"Qwen/Qwen2.5-0.5B-Instruct"_s;
    QTest::newRow("url-tree") << u"https://huggingface.co/org/m/tree/main"_s << u"org/m"_s;
    QTest::newRow("spaces") << u"  org/m  "_s << u"org/m"_s;
    QTest::newRow("no-org") << u"gpt2x"_s << QString();
    QTest::newRow("dotdot") << u"../etc"_s << QString();
}

void TestHfHubClient::normalizesRepoIds()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(HfHubClient::normalizeRepoId(input), expected);
}

void TestHfHubClient::endpointFromEnvironment()
{
    qputenv("HF_ENDPOINT", "https://hf-mirror.example.com");
    QCOMPARE(HfHubClient::defaultEndpoint(), QUrl(u"https://hf-mirror.example.com"_s));
    HfHubClient client(m_curl.get(), nullptr);
    QCOMPARE(client.resolveUrl(u"org/m"_s, u"main"_s, u"sub dir/a.bin"_s).toEncoded(),
             QByteArray("https://hf-mirror.example.com/org/m/resolve/main/sub%20dir/a.bin"));
    qunsetenv("HF_ENDPOINT");
    QCOMPARE(HfHubClient::defaultEndpoint(), QUrl(u"https://huggingface.co"_s));
    client.setEndpoint({});
    QCOMPARE(client.endpoint(), QUrl(u"https://huggingface.co"_s));
}

void TestHfHubClient::modelInfoListsFilesWithHashes()
{
    auto info = waitFor<HfModelInfo>([this](auto cb) { m_client->modelInfo(u"org/tiny-llama"_s, u"main"_s, cb); });
    QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
    QCOMPARE(info->commitSha, QString::fromLatin1(m_hub->repo(u"org/tiny-llama"_s).commit));
    QCOMPARE(info->files.size(), 3);
    QCOMPARE(info->license, u"apache-2.0"_s);
    QVERIFY(!info->gated);
    qint64 total = 0;
    for (const HfFile& file : info->files) {
        QCOMPARE(file.size, qint64(m_files.value(file.path).size()));
        total += file.size;
        const auto& served = m_hub->repo(u"org/tiny-llama"_s).files[file.path];
        if (file.path == u"model.safetensors"_s) {
            QCOMPARE(file.lfsSha256.toLatin1(), served.sha256);
            QCOMPARE(file.blobHash().toLatin1(), served.sha256);
        } else {
            QVERIFY(file.lfsSha256.isEmpty());
            QCOMPARE(file.blobHash().toLatin1(), served.gitSha1);
        }
    }
    QCOMPARE(info->totalBytes, total);
    QVERIFY(m_hub->requests.first().target.endsWith("/api/models/org/tiny-llama/revision/main?blobs=true"));
}

void TestHfHubClient::previewReadsMetadataWithoutWeights()
{
    m_hub->redirect = testing::FakeHfHub::Redirect::Cdn;
    auto preview = waitFor<ModelPreview>(
        [this](auto cb) { m_client->preview(u"https://huggingface.co/org/tiny-llama"_s, u"main"_s, cb); });
    QVERIFY2(preview, qPrintable(preview ? QString() : preview.error().message));
    QCOMPARE(preview->repo, u"org/tiny-llama"_s);
    QCOMPARE(preview->files.size(), 3);
    const qint64 rows = 1024 * 1024 / 2 / 256;
    QCOMPARE(preview->parameters, rows * 256);
    QCOMPARE(preview->dtype, u"bfloat16"_s);
    QCOMPARE(preview->contextLength, qint64(8192));
    QCOMPARE(preview->task, u"llm"_s);
    QCOMPARE(preview->framework, u"vllm"_s);
    QCOMPARE(preview->license, u"apache-2.0"_s);
    // The same formula the registry documents, from the same inputs.
    GpuMemoryInput input;
    input.parameters = rows * 256;
    input.weightBytes = rows * 256 * 2;
    input.dtype = u"bfloat16"_s;
    input.numHiddenLayers = 2;
    input.numKeyValueHeads = 2;
    input.headDim = 64;
    input.contextLength = 8192;
    QCOMPARE(preview->minGpuMemoryMb, estimateGpuMemory(input).minGpuMemoryMb);
    QVERIFY(preview->minGpuMemoryMb > 1024);
    // Only the header bytes of the weights went over the wire.
    QVERIFY2(m_hub->bodyBytesSent < 64 * 1024 + 4096, qPrintable(QString::number(m_hub->bodyBytesSent)));
    bool sawRange = false;
    for (const auto& request : m_hub->fileRequests(u"model.safetensors"_s, true))
        sawRange = sawRange || request.headers.value("range").startsWith("bytes=0-");
    QVERIFY(sawRange);
}

void TestHfHubClient::headMetadataOfLfsFile()
{
    m_hub->redirect = testing::FakeHfHub::Redirect::Cdn;
    auto meta = waitFor<HfFileMetadata>(
        [this](auto cb) { m_client->fileMetadata(u"org/tiny-llama"_s, u"main"_s, u"model.safetensors"_s, cb); });
    QVERIFY2(meta, qPrintable(meta ? QString() : meta.error().message));
    const auto& served = m_hub->repo(u"org/tiny-llama"_s).files[u"model.safetensors"_s];
    QCOMPARE(meta->etag.toLatin1(), served.sha256);
    QCOMPARE(meta->size, served.size);
    QCOMPARE(meta->commitSha.toLatin1(), m_hub->repo(u"org/tiny-llama"_s).commit);
    QCOMPARE(meta->location.port(), int(m_hub->cdnPort()));
    // HEAD does not follow a cross-host redirect.
    QVERIFY(m_hub->fileRequests(u"x"_s, true).isEmpty());
}

void TestHfHubClient::errorsAreTyped_data()
{
    QTest::addColumn<QString>("repo");
    QTest::addColumn<QString>("revision");
    QTest::addColumn<int>("code");
    QTest::newRow("401 private without token") << u"org/private"_s << u"main"_s << int(ErrorCode::Unauthorized);
    QTest::newRow("403 gated") << u"org/gated"_s << u"main"_s << int(ErrorCode::Forbidden);
    QTest::newRow("404 repo") << u"org/nope"_s << u"main"_s << int(ErrorCode::NotFound);
    QTest::newRow("404 revision") << u"org/tiny-llama"_s << u"v9"_s << int(ErrorCode::NotFound);
}

void TestHfHubClient::errorsAreTyped()
{
    QFETCH(QString, repo);
    QFETCH(QString, revision);
    QFETCH(int, code);
    auto preview = waitFor<ModelPreview>([&](auto cb) { m_client->preview(repo, revision, cb); });
    QVERIFY(!preview);
    QCOMPARE(int(preview.error().code), code);
    if (code == int(ErrorCode::Unauthorized))
        QVERIFY(preview.error().message.contains(u"token"_s));
    if (code == int(ErrorCode::Forbidden))
        QVERIFY(preview.error().message.contains(u"license"_s));
}

void TestHfHubClient::gatedRepoOpensWithAcceptedToken()
{
    QVERIFY(m_secrets->write(HfHubClient::kTokenKey, m_hub->acceptedToken));
    auto preview = waitFor<ModelPreview>([this](auto cb) { m_client->preview(u"org/gated"_s, u"main"_s, cb); });
    QVERIFY2(preview, qPrintable(preview ? QString() : preview.error().message));
    QVERIFY(preview->gated);
    QVERIFY(preview->parameters > 0);
}

void TestHfHubClient::relativeRedirectKeepsToken()
{
    QVERIFY(m_secrets->write(HfHubClient::kTokenKey, "hf_secret"));
    m_hub->redirect = testing::FakeHfHub::Redirect::Relative;
    auto bytes = waitFor<QByteArray>(
        [this](auto cb) { m_client->fetchRange(u"org/tiny-llama"_s, u"main"_s, u"config.json"_s, 0, 1 << 20, cb); });
    QVERIFY(bytes);
    QCOMPARE(*bytes, m_files.value(u"config.json"_s));
    const auto hops = m_hub->fileRequests(u"config.json"_s);
    QCOMPARE(hops.size(), 2);
    QVERIFY(hops.at(1).target.startsWith("/api/resolve-cache/"));
    for (const auto& hop : hops)
        QCOMPARE(hop.headers.value("authorization"), QByteArray("Bearer hf_secret"));
}

void TestHfHubClient::cdnRedirectGetsNoToken()
{
    QVERIFY(m_secrets->write(HfHubClient::kTokenKey, "hf_secret"));
    m_hub->redirect = testing::FakeHfHub::Redirect::Cdn;
    auto bytes = waitFor<QByteArray>(
        [this](auto cb) { m_client->fetchRange(u"org/tiny-llama"_s, u"main"_s, u"model.safetensors"_s, 0, 8, cb); });
    QVERIFY(bytes);
    QCOMPARE(*bytes, m_files.value(u"model.safetensors"_s).left(8));
    const auto cdn = m_hub->fileRequests(u"model.safetensors"_s, true);
    QCOMPARE(cdn.size(), 1);
    QVERIFY(!cdn.first().headers.contains("authorization"));
    QCOMPARE(m_hub->fileRequests(u"model.safetensors"_s).first().headers.value("authorization"),
             QByteArray("Bearer hf_secret"));
}

QTEST_GUILESS_MAIN(TestHfHubClient)
#include "TestHfHubClient.moc"
