// Downloads through the registry against the FakeHfHub double (a stand-in for huggingface.co):
// a download registers the model with its metadata and a version; a controller that stops in the
// middle of a download resumes it on the next start and fetches only what was missing; bad repos
// and unknown jobs get typed errors.
#include "FakeHfHub.h"
#include "core/net/CurlClient.h"
#include "core/registry/HfHubClient.h"
#include "core/registry/ModelRegistry.h"
#include "core/store/Database.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace aiops;
using namespace Qt::StringLiterals;

namespace {

QByteArray safetensors(qint64 elements)
{
    const QByteArray header = QByteArray(R"({"w":{"dtype":"BF16","shape":[)") + QByteArray::number(elements)
        + R"(],"data_offsets":[0,)" + QByteArray::number(elements * 2) + "]}}";
    QByteArray out(8, '\0');
    qint64 length = header.size();
    for (int i = 0; i < 8; ++i)
        out[i] = char((length >> (8 * i)) & 0xff);
    return out + header + QByteArray(elements * 2, 'x');
}

} // namespace

class TestModelDownloads final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<testing::FakeHfHub> m_hub;

    struct Stack
    {
        std::unique_ptr<store::Database> db;
        std::unique_ptr<net::CurlClient> curl;
        std::unique_ptr<registry::HfHubClient> hub;
        std::unique_ptr<registry::ModelRegistry> registry;
    };

    Stack open(const QString& name)
    {
        Stack s;
        auto db = store::Database::openSqlite(m_dir.filePath(name + u".sqlite"_s));
        if (!db)
            qFatal("database: %s", qPrintable(db.error().message));
        s.db = std::move(*db);
        s.curl = std::make_unique<net::CurlClient>();
        s.hub = std::make_unique<registry::HfHubClient>(s.curl.get(), nullptr);
        s.hub->setEndpoint(m_hub->endpoint());
        s.registry = std::make_unique<registry::ModelRegistry>(*s.db, m_dir.filePath(name + u"-models"_s));
        s.registry->setHubClient(s.hub.get());
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_hub = std::make_unique<testing::FakeHfHub>();
        const QByteArray config
            = R"({"architectures":["Qwen2ForCausalLM"],"model_type":"qwen2","torch_dtype":"bfloat16",
            "max_position_embeddings":4096,"hidden_size":64,"num_hidden_layers":2,"num_attention_heads":4,
            "num_key_value_heads":2,"vocab_size":1000})";
        m_hub->addRepo(u"org/tiny"_s,
                       { { u"config.json"_s, config }, { u"model.safetensors"_s, safetensors(1 << 20) } });
        m_hub->addRepo(u"org/slow"_s,
                       { { u"config.json"_s, config }, { u"model.safetensors"_s, safetensors(3 << 20) } });
    }

    void downloadRegistersTheModel()
    {
        Stack s = open(u"a"_s);
        QVERIFY(s.registry->load().has_value());
        QSignalSpy finished(s.registry.get(), &registry::ModelService::downloadFinished);
        QSignalSpy changed(s.registry.get(), &registry::ModelService::downloadChanged);
        const auto jobId = s.registry->startDownload(u"https://huggingface.co/org/tiny"_s, {}, {});
        QVERIFY(jobId.has_value());
        QVERIFY(finished.wait(20000));
        const auto job = finished.first().first().value<registry::DownloadJob>();
        QCOMPARE(job.jobId, *jobId);
        QVERIFY2(job.state == u"completed"_s, qPrintable(job.errorMessage));
        QVERIFY(changed.size() >= 2);
        const auto model = s.registry->model(job.modelId);
        QVERIFY(model.has_value());
        QCOMPARE(model->name, u"org/tiny"_s);
        QCOMPARE(model->task, u"llm"_s);
        QCOMPARE(model->framework, u"vllm"_s);
        QCOMPARE(model->parameters, qint64(1 << 20));
        QCOMPARE(model->version, u"1.0.0"_s);
        QCOMPARE(model->license, u"apache-2.0"_s);
        QCOMPARE(s.registry->versions(job.modelId).first().commitSha.size(), 40);
        QCOMPARE(s.registry->files(job.modelId).size(), 2);
        // The job is kept, finished, with the model it produced.
        QCOMPARE(s.registry->downloads().first().state, u"completed"_s);
        QCOMPARE(s.registry->downloads().first().modelId, job.modelId);
    }

    void badInputIsRefused()
    {
        Stack s = open(u"b"_s);
        QVERIFY(s.registry->load().has_value());
        QCOMPARE(s.registry->startDownload(u"not a repo"_s, {}, {}).error().code, ErrorCode::InvalidValue);
        QCOMPARE(s.registry->startDownload(u"org/tiny"_s, {}, u"tensorflow"_s).error().code, ErrorCode::InvalidValue);
        QCOMPARE(s.registry->cancelDownload(u"nope"_s).error().code, ErrorCode::NotFound);
        QSignalSpy finished(s.registry.get(), &registry::ModelService::downloadFinished);
        QVERIFY(s.registry->startDownload(u"org/missing"_s, {}, {}).has_value());
        QVERIFY(finished.wait(20000));
        const auto job = finished.first().first().value<registry::DownloadJob>();
        QCOMPARE(job.state, u"failed"_s);
        QCOMPARE(job.errorCode, u"NOT_FOUND"_s);
        QVERIFY(s.registry->models().isEmpty());
    }

    void aStoppedDownloadResumesOnTheNextStart()
    {
        m_hub->throttleBytesPerTick = 8 * 1024; // ~0.8 MB/s: the 6 MiB file takes about 8 s
        qint64 before = 0;
        {
            Stack s = open(u"c"_s);
            QVERIFY(s.registry->load().has_value());
            QVERIFY(s.registry->startDownload(u"org/slow"_s, {}, {}).has_value());
            // Stop the "controller" once a good part of the file is on disk.
            QTRY_VERIFY_WITH_TIMEOUT(!s.registry->downloads().isEmpty()
                                         && s.registry->downloads().first().bytesDone > 2 * 1024 * 1024,
                                     20000);
            QCOMPARE(s.registry->downloads().first().state, u"running"_s);
            // The job's state ("running") is in the database from its first progress; the bytes are
            // in the partial file. Stopping now is like quitting the console mid-download.
            before = m_hub->bodyBytesSent;
        }
        m_hub->throttleBytesPerTick = 0;
        Stack s = open(u"c"_s);
        QSignalSpy finished(s.registry.get(), &registry::ModelService::downloadFinished);
        QSignalSpy changed(s.registry.get(), &registry::ModelService::downloadChanged);
        QVERIFY(s.registry->load().has_value()); // resumes the running job
        QVERIFY(!s.registry->downloads().isEmpty());
        QVERIFY2(finished.wait(20000),
                 qPrintable(u"state %1, %2 changes"_s.arg(s.registry->downloads().first().state).arg(changed.size())));
        const auto job = finished.first().first().value<registry::DownloadJob>();
        QVERIFY2(job.state == u"completed"_s, qPrintable(job.errorMessage));
        const qint64 fetchedOnResume = m_hub->bodyBytesSent - before;
        QVERIFY2(fetchedOnResume < 6 * 1024 * 1024, qPrintable(QString::number(fetchedOnResume)));
        QVERIFY(s.registry->model(job.modelId).has_value());
    }
};

QTEST_GUILESS_MAIN(TestModelDownloads)
#include "TestModelDownloads.moc"
