// The controller's storage route and a real aiops-node process caching a model from it:
// import a sample HuggingFace cache -> storage route (manifest, Range, If-Range, 416, node credential
// allowed there and nowhere else) -> POST /nodes/:nodeId/models -> the daemon fetches and verifies
// every file -> its report lists the model -> DELETE evicts it -> the files are gone. A user on
// /ws/system sees the node come online.
#include "TestPeers.h"
#include "core/controller/Controller.h"
#include "core/controller/NodeService.h"
#include "core/registry/ModelService.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace aiops;
using namespace Qt::StringLiterals;
using aiops::testing::http;

namespace {

struct RangeReply
{
    int status = 0;
    QByteArray body;
    QByteArray contentRange;
};

// GET with extra headers (the shared http() helper sends only Authorization).
RangeReply get(const QString& url, const QByteArray& token, const QList<QPair<QByteArray, QByteArray>>& headers)
{
    static QNetworkAccessManager* nam = new QNetworkAccessManager;
    QNetworkRequest request { QUrl(url) };
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = nam->get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    RangeReply r { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                   reply->readAll(),
                   reply->rawHeader("Content-Range") };
    reply->deleteLater();
    return r;
}

QByteArray body(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class ModelCacheE2ETest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<controller::ControllerThread> m_controller;
    std::unique_ptr<QProcess> m_node;
    QByteArray m_owner;
    QString m_base;
    QString m_modelId;
    aiops::testing::WsPeer m_events; // a user on /ws/system

    QString nodeDir() const { return m_dir.filePath(u"node"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(u"controller"_s);
        config.heartbeatIntervalMs = 500;
        config.fastPasswordHashing = true;
        m_controller = std::make_unique<controller::ControllerThread>(config);
        auto started = m_controller->start();
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        m_owner = aiops::testing::ownerToken(*m_controller);
        m_base = u"http://127.0.0.1:%1"_s.arg(m_controller->port());

        const QString hub = m_dir.filePath(u"hub"_s);
        QVERIFY(QDir().mkpath(hub));
        QCOMPARE(
            QProcess::execute(
                u"cp"_s,
                { u"-a"_s, QStringLiteral(AIOPS_TEST_DATA_DIR) + u"/hf-cache/models--tiny-org--tiny-qwen2"_s, hub }),
            0);
        m_controller->modelService()->importCache(hub);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->modelService()->models().size(), 1, 20000);
        m_modelId = m_controller->modelService()->models().first().modelId;

        QVERIFY(m_events.open(u"ws://127.0.0.1:%1/ws/system"_s.arg(m_controller->port()), m_owner));
        QCOMPARE(m_events.waitFor(u"system.connectionEstablished"_s).value(u"userId"_s).toString(),
                 m_controller->ownerPrincipal().subject);
    }

    void cleanupTestCase()
    {
        if (m_node) {
            m_node->terminate();
            m_node->waitForFinished(5000);
        }
        m_controller.reset();
    }

    void storageRouteServesManifestAndRanges()
    {
        const auto manifest = http("GET", m_base + u"/storage/models/"_s + m_modelId + u"/manifest"_s, m_owner);
        QCOMPARE(manifest.status, 200);
        const QJsonObject body = QJsonDocument::fromJson(manifest.body).object();
        const QJsonArray files = body.value(u"files"_s).toArray();
        QCOMPARE(files.size(), 3); // config.json, model.safetensors, tokenizer/tokenizer.json
        QCOMPARE(body.value(u"version"_s).toString(), u"1.0.0"_s);
        for (const auto& value : files) {
            const QJsonObject f = value.toObject();
            const QString url = f.value(u"url"_s).toString();
            QVERIFY2(url.startsWith(u"/storage/models/"_s), qPrintable(url));
            const auto whole = get(m_base + url, m_owner, {});
            QCOMPARE(whole.status, 200);
            QCOMPARE(whole.body.size(), f.value(u"size"_s).toInteger());
            // Every file carries a sha256, also the small ones the hub names by git sha1.
            QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(whole.body, QCryptographicHash::Sha256).toHex()),
                     f.value(u"sha256"_s).toString());
        }

        const QString config = [&] {
            for (const auto& value : files) {
                if (value.toObject().value(u"path"_s) == u"config.json"_s)
                    return QString(m_base + value.toObject().value(u"url"_s).toString());
            }
            return QString();
        }();
        const QByteArray whole = get(config, m_owner, {}).body;
        QVERIFY(whole.size() > 20);

        const auto slice = get(config, m_owner, { { "Range", "bytes=5-14" } });
        QCOMPARE(slice.status, 206);
        QCOMPARE(slice.body, whole.mid(5, 10));
        QCOMPARE(slice.contentRange, "bytes 5-14/" + QByteArray::number(whole.size()));
        const auto tail = get(config, m_owner, { { "Range", "bytes=-4" } });
        QCOMPARE(tail.status, 206);
        QCOMPARE(tail.body, whole.right(4));
        const auto open = get(config, m_owner, { { "Range", "bytes=10-" } });
        QCOMPARE(open.body, whole.mid(10));
        // A stale validator: the whole file, not a slice of a different one.
        const auto stale = get(config, m_owner, { { "Range", "bytes=5-14" }, { "If-Range", "\"other\"" } });
        QCOMPARE(stale.status, 200);
        QCOMPARE(stale.body, whole);
        const auto past = get(config, m_owner, { { "Range", "bytes=999999-" } });
        QCOMPARE(past.status, 416);
        QCOMPARE(past.contentRange, "bytes */" + QByteArray::number(whole.size()));
        QCOMPARE(QJsonDocument::fromJson(past.body).object().value(u"errorCode"_s).toString(),
                 u"RANGE_NOT_SATISFIABLE"_s);
        const auto malformed = get(config, m_owner, { { "Range", "bytes=9-2" } });
        QCOMPARE(malformed.status, 400);

        QCOMPARE(get(config, {}, {}).status, 401);
        // Only blobs of this model: a made-up or foreign hash is 404, a non-hash 400.
        QCOMPARE(get(m_base + u"/storage/models/%1/blobs/%2"_s.arg(m_modelId, QString(64, u'a')), m_owner, {}).status,
                 404);
        QCOMPARE(get(m_base + u"/storage/models/%1/blobs/not-a-hash"_s.arg(m_modelId), m_owner, {}).status, 400);
        const auto escape
            = get(m_base + u"/storage/models/%1/blobs/..%2F..%2Fsecrets.json"_s.arg(m_modelId), m_owner, {});
        QVERIFY2(escape.status == 400 || escape.status == 404, qPrintable(QString::number(escape.status)));
        QVERIFY(!escape.body.contains("jwt"));
        QCOMPARE(http("GET", m_base + u"/storage/models/nope/manifest"_s, m_owner).status, 404);
    }

    void nodeCachesTheModelFromTheStorageRoute()
    {
        m_node = std::make_unique<QProcess>();
        m_node->setProgram(QStringLiteral(AIOPS_NODE_BIN));
        m_node->setArguments({ u"--controller"_s,
                               u"ws://127.0.0.1:%1/ws/node"_s.arg(m_controller->port()),
                               u"--token"_s,
                               QString::fromUtf8(aiops::testing::enrollmentToken(*m_controller)),
                               u"--name"_s,
                               u"cache-node"_s,
                               u"--heartbeat-interval"_s,
                               u"0.5"_s,
                               u"--work-dir"_s,
                               nodeDir(),
                               u"--cache-size-gb"_s,
                               u"1"_s });
        m_node->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_node->start();
        QVERIFY(m_node->waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->nodeService()->nodes().size() == 1
                                     && m_controller->nodeService()->nodes().first().record.status == u"online",
                                 10000);
        const QString nodeId = m_controller->nodeService()->nodes().first().record.nodeId;
        // Users on /ws/system hear about it.
        QCOMPARE(m_events.waitFor(u"system.node.online"_s).value(u"nodeId"_s).toString(), nodeId);
        const QString nodeModels = m_base + u"/nodes/"_s + nodeId + u"/models"_s;

        // The node reports its (empty) cache after registering, with the capacity it was given.
        QTRY_VERIFY_WITH_TIMEOUT(
            QJsonDocument::fromJson(http("GET", nodeModels, m_owner).body).object().value(u"capacityMb"_s).toInteger()
                == 1024,
            10000);

        // Bad requests are typed.
        QCOMPARE(http("POST", nodeModels, m_owner, body({ { u"modelId"_s, u"missing"_s } })).status, 404);
        QCOMPARE(http("POST", nodeModels, m_owner, body({ { u"model"_s, u"x"_s } })).status, 400);

        const auto posted
            = http("POST", nodeModels, m_owner, QJsonDocument(QJsonObject { { u"modelId"_s, m_modelId } }).toJson());
        QCOMPARE(posted.status, 202);
        const QString requestId = QJsonDocument::fromJson(posted.body).object().value(u"requestId"_s).toString();
        QVERIFY(!requestId.isEmpty());

        QJsonObject state;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                state = QJsonDocument::fromJson(http("GET", nodeModels, m_owner).body).object();
                return !state.value(u"models"_s).toArray().isEmpty();
            }(),
            20000);
        const QJsonObject cached = state.value(u"models"_s).toArray().first().toObject();
        QCOMPARE(cached.value(u"modelId"_s).toString(), m_modelId);
        QCOMPARE(cached.value(u"version"_s).toString(), u"1.0.0"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QJsonArray requests = QJsonDocument::fromJson(http("GET", nodeModels, m_owner).body)
                                                .object()
                                                .value(u"requests"_s)
                                                .toArray();
                return !requests.isEmpty() && requests.last().toObject().value(u"status"_s) == u"ready"_s
                    && requests.last().toObject().value(u"progress"_s).toInt() == 100;
            }(),
            10000);

        // The files on the node are byte-identical to the controller's snapshot.
        const QString snapshot
            = m_dir.filePath(u"hub/models--tiny-org--tiny-qwen2/snapshots/3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f41"_s);
        const QString onNode = nodeDir() + u"/model-cache/models/"_s + m_modelId + u"/1.0.0"_s;
        for (const QString& file : { u"config.json"_s, u"model.safetensors"_s, u"tokenizer/tokenizer.json"_s }) {
            const QByteArray expected = readFile(snapshot + u'/' + file);
            QVERIFY2(!expected.isEmpty(), qPrintable(file));
            QCOMPARE(readFile(onNode + u'/' + file), expected);
        }

        // The node's credential reaches the storage route and nothing else on REST.
        const QByteArray credential = readFile(nodeDir() + u"/node-credential"_s).trimmed();
        QVERIFY(credential.startsWith("aiops_nc_"));
        QCOMPARE(http("GET", m_base + u"/storage/models/"_s + m_modelId + u"/manifest"_s, credential).status, 200);
        QCOMPARE(http("GET", m_base + u"/models"_s, credential).status, 403);
        QCOMPARE(http("POST", nodeModels, credential, body({ { u"modelId"_s, u"x"_s } })).status, 403);

        // Evict: the report no longer lists it and the files are gone.
        const auto evicted = http("DELETE", nodeModels + u"/"_s + m_modelId, m_owner);
        QCOMPARE(evicted.status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(QJsonDocument::fromJson(http("GET", nodeModels, m_owner).body)
                                     .object()
                                     .value(u"models"_s)
                                     .toArray()
                                     .isEmpty(),
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(onNode + u"/config.json"_s), 5000);
        QCOMPARE(http("DELETE", nodeModels + u"/"_s + m_modelId, m_owner).status, 404);
    }
};

QTEST_GUILESS_MAIN(ModelCacheE2ETest)
#include "ModelCacheE2ETest.moc"
