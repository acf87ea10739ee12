// The /ws/system gateway over a real socket: user authentication, inbound frames, event fan-out by
// organization, download progress throttling, slow consumers and token expiry.
#include "core/controller/SystemGateway.h"

#include "TestPeers.h"
#include "core/iam/IamService.h"
#include "core/iam/SecretStore.h"
#include "core/registry/ModelTypes.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTemporaryDir>

using namespace aiops;
using aiops::testing::WsPeer;

class SystemGatewayTest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<iam::SecretStore> m_secrets;
    std::unique_ptr<iam::IamService> m_iam;
    std::unique_ptr<controller::SystemGateway> m_gateway;
    std::unique_ptr<QHttpServer> m_server;
    QString m_url;
    qint64 m_clockOffsetMs = 0; // what the gateway's clock is ahead of the system clock
    QString m_otherOrg;
    QString m_ownerId, m_viewerId, m_otherUserId;
    iam::Principal m_ownerPrincipal;

    static QString errorCodeOf(const QJsonObject& o) { return o.value(QStringLiteral("errorCode")).toString(); }

    QString createUser(const QString& orgId, const QString& role)
    {
        static int counter = 0;
        iam::NewUser user;
        user.username = QStringLiteral("user-%1").arg(++counter);
        user.password = QStringLiteral("correct horse battery");
        user.orgId = orgId;
        user.roles = { role };
        auto created = m_iam->createUser(user);
        if (!created)
            qFatal("createUser: %s", qPrintable(created.error().message));
        return created->userId;
    }

    QByteArray tokenFor(const QString& userId)
    {
        auto pair = m_iam->issueTokens(userId);
        if (!pair)
            qFatal("issueTokens: %s", qPrintable(pair.error().message));
        return pair->accessToken.toUtf8();
    }

    // A peer connected as `userId` that has seen its system.connectionEstablished.
    std::unique_ptr<WsPeer> connectUser(const QString& userId)
    {
        auto peer = std::make_unique<WsPeer>();
        if (!peer->open(m_url, tokenFor(userId)))
            return {};
        if (peer->waitFor(QStringLiteral("system.connectionEstablished")).isEmpty())
            return {};
        return peer;
    }

    void restartGateway(controller::SystemGateway::Options options)
    {
        m_gateway.reset();
        options.clock = [this] {
            return QDateTime::currentMSecsSinceEpoch() + m_clockOffsetMs;
        };
        m_gateway = std::make_unique<controller::SystemGateway>(m_iam.get(), options);
    }

    static int countOf(const WsPeer& peer, const QString& type, const QString& state = {})
    {
        return int(std::count_if(peer.received.cbegin(), peer.received.cend(), [&](const QJsonObject& o) {
            return o.value(QStringLiteral("type")).toString() == type
                && (state.isEmpty() || o.value(QStringLiteral("state")).toString() == state);
        }));
    }

    static QList<QJsonObject> ofType(const WsPeer& peer, const QString& type)
    {
        QList<QJsonObject> found;
        for (const QJsonObject& o : peer.received) {
            if (o.value(QStringLiteral("type")).toString() == type)
                found.append(o);
        }
        return found;
    }

    static registry::DownloadJob job(const QString& state, qint64 done)
    {
        registry::DownloadJob j;
        j.jobId = QStringLiteral("job-1");
        j.repo = QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct");
        j.state = state;
        j.bytesDone = done;
        j.bytesTotal = 1000;
        j.bytesPerSecond = 250.5;
        j.etaSeconds = 3;
        return j;
    }

    // Publishes a marker to everyone and waits for it: every event sent before has then arrived.
    bool drain(WsPeer& peer)
    {
        static int counter = 0;
        const QString marker = QStringLiteral("marker-%1").arg(++counter);
        m_gateway->publish(QJsonObject { { QStringLiteral("type"), marker },
                                         { QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch() } },
                           {},
                           iam::Permission::Authenticated);
        return !peer.waitFor(marker).isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_secrets = iam::makeMemorySecretStore();
        iam::IamService::Options options;
        options.databasePath = m_dir.filePath(QStringLiteral("controller.db"));
        options.secrets = m_secrets.get();
        options.fastPasswordHashing = true;
        auto created = iam::IamService::create(options);
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        m_iam = std::move(*created);
        const auto owner = m_iam->ensureOwner(QStringLiteral("owner"), QStringLiteral("owner-passw0rd"));
        QVERIFY(owner);
        m_ownerId = owner->userId;
        const auto principal = m_iam->authenticateBearer(tokenFor(m_ownerId));
        QVERIFY(principal);
        m_ownerPrincipal = *principal;
        const auto other = m_iam->createOrganization(QStringLiteral("other"));
        QVERIFY(other);
        m_otherOrg = other->orgId;
        QVERIFY(m_otherOrg != u"default");
        m_viewerId = createUser(QStringLiteral("default"), QStringLiteral("organization.viewer"));
        m_otherUserId = createUser(m_otherOrg, QStringLiteral("organization.owner"));
    }

    void init()
    {
        m_clockOffsetMs = 0;
        restartGateway({});
        m_server = std::make_unique<QHttpServer>();
        QHttpServer* server = m_server.get();
        connect(server, &QHttpServer::newWebSocketConnection, this, [this, server] {
            while (server->hasPendingWebSocketConnections()) {
                if (auto socket = server->nextPendingWebSocketConnection())
                    m_gateway->accept(std::move(socket));
            }
        });
        // Qt 6.4 upgrades only when a route accepts the request and writes nothing back.
        server->route(QStringLiteral("/ws/system"), [](const QHttpServerRequest&, QHttpServerResponder&&) {});
        const quint16 port = server->listen(QHostAddress::LocalHost, 0);
        QVERIFY(port != 0);
        m_url = QStringLiteral("ws://127.0.0.1:%1/ws/system").arg(port);
    }

    void cleanup()
    {
        m_server.reset();
        m_gateway.reset();
    }

    void refusesWhatIsNotAUserToken_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("no token") << QStringLiteral("none");
        QTest::newRow("garbage") << QStringLiteral("garbage");
        QTest::newRow("API key") << QStringLiteral("apiKey");
        QTest::newRow("node credential") << QStringLiteral("node");
        QTest::newRow("refresh token") << QStringLiteral("refresh");
    }
    void refusesWhatIsNotAUserToken()
    {
        QFETCH(QString, kind);
        QByteArray token;
        if (kind == u"garbage") {
            token = QByteArray(64, 'a');
        } else if (kind == u"apiKey") {
            auto key = m_iam->createApiKey(iam::ApiKeySpec { .name = QStringLiteral("sdk") }, m_ownerPrincipal);
            QVERIFY(key);
            token = key->secret.toUtf8();
            QVERIFY(m_iam->authenticateBearer(token)); // a valid credential, just not a user's
        } else if (kind == u"node") {
            auto enrollment = m_iam->createEnrollmentToken(m_ownerPrincipal);
            QVERIFY(enrollment);
            static int counter = 0;
            const QString nodeId = QStringLiteral("node-%1").arg(++counter);
            auto credential = m_iam->exchangeEnrollmentToken(enrollment->token.toUtf8(), nodeId, nodeId);
            QVERIFY(credential);
            token = credential->secret.toUtf8();
            QVERIFY(m_iam->authenticateBearer(token));
        } else if (kind == u"refresh") {
            auto pair = m_iam->issueTokens(m_viewerId);
            QVERIFY(pair);
            token = pair->refreshToken.toUtf8();
        }
        WsPeer peer;
        QVERIFY(peer.open(m_url, token));
        const auto error = peer.waitFor(QStringLiteral("system.error"));
        QCOMPARE(errorCodeOf(error), QStringLiteral("UNAUTHORIZED"));
        QTRY_VERIFY(peer.closed);
        QCOMPARE(int(peer.socket.closeCode()), controller::SystemGateway::CloseCodeUnauthorized);
        QCOMPARE(countOf(peer, QStringLiteral("system.connectionEstablished")), 0);
        QCOMPARE(m_gateway->connectionCount(), 0);
    }

    void acceptsAUserToken_data()
    {
        QTest::addColumn<bool>("inQuery");
        QTest::newRow("Authorization header") << false;
        QTest::newRow("?token=") << true;
    }
    void acceptsAUserToken()
    {
        QFETCH(bool, inQuery);
        const QByteArray token = tokenFor(m_viewerId);
        WsPeer peer;
        QVERIFY(inQuery ? peer.open(m_url + QStringLiteral("?token=") + QString::fromLatin1(token), {})
                        : peer.open(m_url, token));
        const auto established = peer.waitFor(QStringLiteral("system.connectionEstablished"));
        QCOMPARE(established.value(QStringLiteral("userId")).toString(), m_viewerId);
        QVERIFY(!established.value(QStringLiteral("connectionId")).toString().isEmpty());
        const qint64 timestamp = qint64(established.value(QStringLiteral("timestamp")).toDouble());
        QVERIFY(qAbs(timestamp - QDateTime::currentMSecsSinceEpoch()) < 10000);
        QCOMPARE(m_gateway->connectionCount(), 1);

        peer.socket.close();
        QTRY_COMPARE(m_gateway->connectionCount(), 0);
    }

    void pingIsAnsweredWithPong()
    {
        auto peer = connectUser(m_viewerId);
        QVERIFY(peer);
        peer->send(QJsonObject { { QStringLiteral("type"), QStringLiteral("system.ping") },
                                 { QStringLiteral("requestId"), QStringLiteral("r-1") } });
        const auto pong = peer->waitFor(QStringLiteral("system.pong"));
        QVERIFY(!pong.isEmpty());
        QCOMPARE(pong.value(QStringLiteral("requestId")).toString(), QStringLiteral("r-1"));
        QVERIFY(pong.value(QStringLiteral("timestamp")).toDouble() > 0);
    }

    void badFramesGetAnErrorAndKeepTheConnection_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<bool>("binary");
        QTest::addColumn<QString>("errorCode");
        QTest::newRow("unknown type") << QStringLiteral(R"({"type":"user.chatMessage","requestId":"q"})") << false
                                      << QStringLiteral("UNKNOWN_MESSAGE_TYPE");
        QTest::newRow("not JSON") << QStringLiteral("{not json") << false << QStringLiteral("INVALID_JSON");
        QTest::newRow("JSON array") << QStringLiteral("[1,2]") << false << QStringLiteral("INVALID_JSON");
        QTest::newRow("binary") << QStringLiteral(R"({"type":"system.ping"})") << true
                                << QStringLiteral("INVALID_JSON");
        QTest::newRow("over 64 KiB")
            << QStringLiteral(R"({"type":"system.ping","pad":"%1"})").arg(QString(70 * 1024, u'x')) << false
            << QStringLiteral("FRAME_TOO_LARGE");
    }
    void badFramesGetAnErrorAndKeepTheConnection()
    {
        QFETCH(QString, frame);
        QFETCH(bool, binary);
        QFETCH(QString, errorCode);
        auto peer = connectUser(m_viewerId);
        QVERIFY(peer);
        if (binary)
            peer->socket.sendBinaryMessage(frame.toUtf8());
        else
            peer->sendRaw(frame);
        const auto error = peer->waitFor(QStringLiteral("system.error"));
        QCOMPARE(errorCodeOf(error), errorCode);
        if (errorCode == u"UNKNOWN_MESSAGE_TYPE")
            QCOMPARE(error.value(QStringLiteral("requestId")).toString(), QStringLiteral("q"));
        // Still served.
        peer->send(QJsonObject { { QStringLiteral("type"), QStringLiteral("system.ping") } });
        QVERIFY(!peer->waitFor(QStringLiteral("system.pong")).isEmpty());
        QVERIFY(peer->isOpen());
        QCOMPARE(m_gateway->connectionCount(), 1);
    }

    void floodIsRateLimited()
    {
        auto peer = connectUser(m_viewerId);
        QVERIFY(peer);
        const int frames = 60; // burst is 20, refill 5/s: most of these are over the limit
        for (int i = 0; i < frames; ++i)
            peer->send(QJsonObject { { QStringLiteral("type"), QStringLiteral("system.ping") } });
        const auto limitedCount = [&] {
            return int(std::count_if(peer->received.cbegin(), peer->received.cend(), [](const QJsonObject& o) {
                return errorCodeOf(o) == u"RATE_LIMITED";
            }));
        };
        // Every frame is answered: a pong, or RATE_LIMITED followed by system.rateLimit (seed 000).
        QTRY_COMPARE(countOf(*peer, QStringLiteral("system.pong")) + limitedCount(), frames);
        const int limited = limitedCount();
        QVERIFY2(limited >= frames / 2, qPrintable(QString::number(limited)));
        QTRY_COMPARE(countOf(*peer, QStringLiteral("system.rateLimit")), limited);
        QVERIFY(countOf(*peer, QStringLiteral("system.pong")) >= 20);
        QVERIFY(peer->isOpen());
    }

    void publishReachesOnlyAuthorizedUsers()
    {
        auto owner = connectUser(m_ownerId); // universe.owner: every org
        auto viewer = connectUser(m_viewerId); // organization.viewer of "default"
        auto other = connectUser(m_otherUserId); // organization.owner of the other org
        QVERIFY(owner && viewer && other);
        QCOMPARE(m_gateway->connectionCount(), 3);

        const auto event = [](const QString& title) {
            return QJsonObject { { QStringLiteral("type"), QStringLiteral("system.notification") },
                                 { QStringLiteral("level"), QStringLiteral("info") },
                                 { QStringLiteral("title"), title },
                                 { QStringLiteral("message"), title },
                                 { QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch() } };
        };
        QCOMPARE(m_gateway->publish(event(QStringLiteral("for default")), QStringLiteral("default")), 2);
        QCOMPARE(m_gateway->publish(event(QStringLiteral("for other")), m_otherOrg), 2);
        // DeployModels is owner/editor only: the viewer is left out.
        QCOMPARE(m_gateway->publish(
                     event(QStringLiteral("editors")), QStringLiteral("default"), iam::Permission::DeployModels),
                 1);
        QCOMPARE(m_gateway->publish(event(QStringLiteral("everyone")), {}), 3);

        const auto titles = [](WsPeer& peer) {
            QStringList seen;
            for (int i = 0; i < 4; ++i) {
                const auto n = peer.waitFor(QStringLiteral("system.notification"), 1000);
                if (n.isEmpty() || (seen << n.value(QStringLiteral("title")).toString()).last() == u"everyone")
                    break;
            }
            return seen;
        };
        QCOMPARE(titles(*owner),
                 (QStringList { QStringLiteral("for default"),
                                QStringLiteral("for other"),
                                QStringLiteral("editors"),
                                QStringLiteral("everyone") }));
        QCOMPARE(titles(*viewer), (QStringList { QStringLiteral("for default"), QStringLiteral("everyone") }));
        QCOMPARE(titles(*other), (QStringList { QStringLiteral("for other"), QStringLiteral("everyone") }));
    }

    void completedDownloadSendsModelDownloaded()
    {
        auto viewer = connectUser(m_viewerId);
        auto other = connectUser(m_otherUserId);
        QVERIFY(viewer && other);
        registry::DownloadJob j = job(QStringLiteral("completed"), 1000);
        j.modelId = QStringLiteral("qwen2.5-0.5b-instruct");
        registry::ModelRecord model;
        model.modelId = j.modelId;
        model.sizeMb = 943;
        model.orgId = QStringLiteral("default");
        m_gateway->onModelDownloadFinished(j, &model, 61500);

        const auto downloaded = viewer->waitFor(QStringLiteral("system.modelDownloaded"));
        QCOMPARE(downloaded.value(QStringLiteral("modelId")).toString(), QStringLiteral("qwen2.5-0.5b-instruct"));
        QCOMPARE(downloaded.value(QStringLiteral("sizeMb")).toInteger(), 943);
        QCOMPARE(downloaded.value(QStringLiteral("durationSeconds")).toDouble(), 61.5);
        QVERIFY(downloaded.value(QStringLiteral("timestamp")).toDouble() > 0);
        QVERIFY(drain(*other));
        QCOMPARE(countOf(*other, QStringLiteral("system.modelDownloaded")), 0);
    }

    void failedDownloadSendsAnErrorNotification()
    {
        auto viewer = connectUser(m_viewerId);
        QVERIFY(viewer);
        registry::DownloadJob j = job(QStringLiteral("failed"), 10);
        j.errorCode = QStringLiteral("FORBIDDEN");
        j.errorMessage = QStringLiteral("gated repository");
        m_gateway->onModelDownloadFinished(j, nullptr, 1000);

        const auto n = viewer->waitFor(QStringLiteral("system.notification"));
        QCOMPARE(n.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
        QVERIFY(!n.value(QStringLiteral("title")).toString().isEmpty());
        QVERIFY(n.value(QStringLiteral("message")).toString().contains(QStringLiteral("gated repository")));
        const QJsonObject metadata = n.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(metadata.value(QStringLiteral("jobId")).toString(), QStringLiteral("job-1"));
        QCOMPARE(metadata.value(QStringLiteral("errorCode")).toString(), QStringLiteral("FORBIDDEN"));
        QVERIFY(drain(*viewer));
        QCOMPARE(countOf(*viewer, QStringLiteral("system.modelDownloaded")), 0);
    }

    void progressIsThrottledButStateChangesArrive()
    {
        auto viewer = connectUser(m_viewerId);
        QVERIFY(viewer);
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 100; ++i)
            m_gateway->onModelDownloadChanged(job(QStringLiteral("running"), i * 5));
        m_gateway->onModelDownloadChanged(job(QStringLiteral("paused"), 500));
        m_gateway->onModelDownloadChanged(job(QStringLiteral("paused"), 500)); // same state, within 500 ms
        QVERIFY2(timer.elapsed() < 500, "the updates must fall within one throttle interval");
        QVERIFY(drain(*viewer));

        const QString type = QStringLiteral("system.modelDownloadProgress");
        const int running = countOf(*viewer, type, QStringLiteral("running"));
        QVERIFY2(running >= 1 && running <= 2, qPrintable(QString::number(running)));
        QCOMPARE(countOf(*viewer, type, QStringLiteral("paused")), 1);

        const QList<QJsonObject> sent = ofType(*viewer, type);
        const QJsonObject& first = sent.first();
        QCOMPARE(first.value(QStringLiteral("jobId")).toString(), QStringLiteral("job-1"));
        QCOMPARE(first.value(QStringLiteral("repo")).toString(), QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"));
        QCOMPARE(first.value(QStringLiteral("bytesDone")).toInteger(), 0);
        QCOMPARE(first.value(QStringLiteral("bytesTotal")).toInteger(), 1000);
        QCOMPARE(first.value(QStringLiteral("progress")).toInt(), 0);
        QCOMPARE(first.value(QStringLiteral("bytesPerSecond")).toDouble(), 250.5);
        QCOMPARE(first.value(QStringLiteral("etaSeconds")).toInt(), 3);
        QVERIFY(first.value(QStringLiteral("timestamp")).toDouble() > 0);
        QCOMPARE(sent.last().value(QStringLiteral("state")).toString(), QStringLiteral("paused"));
        QCOMPARE(sent.last().value(QStringLiteral("progress")).toInt(), 50);

        // Resumed and completed: both are state changes, sent even though they follow at once.
        m_gateway->onModelDownloadChanged(job(QStringLiteral("running"), 600));
        m_gateway->onModelDownloadChanged(job(QStringLiteral("completed"), 1000));
        QVERIFY(drain(*viewer));
        QCOMPARE(countOf(*viewer, type, QStringLiteral("running")), running + 1);
        QCOMPARE(countOf(*viewer, type, QStringLiteral("completed")), 1);
        const auto& last = viewer->received.at(viewer->received.size() - 2);
        QCOMPARE(last.value(QStringLiteral("progress")).toInt(), 100);

        // After the throttle interval a plain progress update goes out again.
        m_gateway->onModelDownloadChanged(job(QStringLiteral("running"), 100));
        m_gateway->onModelDownloadChanged(job(QStringLiteral("running"), 200));
        QTest::qWait(600);
        m_gateway->onModelDownloadChanged(job(QStringLiteral("running"), 700));
        QVERIFY(drain(*viewer));
        const auto& later = viewer->received.at(viewer->received.size() - 2);
        QCOMPARE(later.value(QStringLiteral("bytesDone")).toInteger(), 700);
        QCOMPARE(later.value(QStringLiteral("progress")).toInt(), 70);
        QCOMPARE(countOf(*viewer, type, QStringLiteral("running")), running + 3);
    }

    void backloggedConnectionSkipsProgressOnly()
    {
        controller::SystemGateway::Options options;
        options.maxBacklogBytes = 256 * 1024;
        options.progressIntervalMs = 0;
        restartGateway(options);
        auto viewer = connectUser(m_viewerId);
        QVERIFY(viewer);
        // Without returning to the event loop the socket cannot flush: its send buffer only grows.
        const QJsonObject big { { QStringLiteral("type"), QStringLiteral("bulk") },
                                { QStringLiteral("pad"), QString(300 * 1024, u'x') },
                                { QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch() } };
        QCOMPARE(m_gateway->publish(big, {}), 1);
        m_gateway->onModelDownloadChanged(job(QStringLiteral("running"), 1)); // a state change: sent
        m_gateway->onModelDownloadChanged(job(QStringLiteral("running"), 2)); // plain progress: dropped
        m_gateway->onModelDownloadChanged(job(QStringLiteral("running"), 3)); // dropped
        QCOMPARE(m_gateway->eventsDropped(), quint64(2));
        registry::DownloadJob done = job(QStringLiteral("completed"), 1000);
        done.modelId = QStringLiteral("m");
        m_gateway->onModelDownloadFinished(done, nullptr, 10);

        QVERIFY(!viewer->waitFor(QStringLiteral("system.modelDownloaded"), 10000).isEmpty());
        QCOMPARE(countOf(*viewer, QStringLiteral("bulk")), 1);
        const QString type = QStringLiteral("system.modelDownloadProgress");
        QCOMPARE(countOf(*viewer, type), 1);
        QCOMPARE(viewer->received.at(2).value(QStringLiteral("bytesDone")).toInteger(), 1);

        // Once the backlog is written, plain progress flows again.
        m_gateway->onModelDownloadChanged(job(QStringLiteral("running"), 4)); // a new job entry: sent
        m_gateway->onModelDownloadChanged(job(QStringLiteral("running"), 5)); // plain progress: sent now
        QVERIFY(drain(*viewer));
        QCOMPARE(countOf(*viewer, type), 3);
        QCOMPARE(m_gateway->eventsDropped(), quint64(2));
    }

    void nodeEventsAreForwarded()
    {
        auto viewer = connectUser(m_viewerId);
        QVERIFY(viewer);
        m_gateway->onNodeOnline(protocol::NodeOnline { QStringLiteral("gpu-1"), QStringLiteral("GPU one"), 2, 1234 });
        m_gateway->onNodeOffline(
            protocol::NodeOffline { QStringLiteral("gpu-1"), QStringLiteral("timeout"), 1000, 2000 });
        const auto online = viewer->waitFor(QStringLiteral("system.node.online"));
        QCOMPARE(online.value(QStringLiteral("nodeId")).toString(), QStringLiteral("gpu-1"));
        QCOMPARE(online.value(QStringLiteral("nodeName")).toString(), QStringLiteral("GPU one"));
        QCOMPARE(online.value(QStringLiteral("gpuCount")).toInt(), 2);
        QCOMPARE(online.value(QStringLiteral("timestamp")).toInteger(), 1234);
        const auto offline = viewer->waitFor(QStringLiteral("system.node.offline"));
        QCOMPARE(offline.value(QStringLiteral("reason")).toString(), QStringLiteral("timeout"));
        QCOMPARE(offline.value(QStringLiteral("lastSeen")).toInteger(), 1000);
    }

    void expiredTokenClosesTheConnection()
    {
        auto pair = m_iam->issueTokens(m_viewerId);
        QVERIFY(pair);
        // The gateway's clock runs to 400 ms before the token's exp; IAM's clock still accepts it.
        m_clockOffsetMs = pair->accessExpiresAt * 1000 - QDateTime::currentMSecsSinceEpoch() - 400;
        WsPeer peer;
        QVERIFY(peer.open(m_url, pair->accessToken.toUtf8()));
        QVERIFY(!peer.waitFor(QStringLiteral("system.connectionEstablished")).isEmpty());
        QVERIFY(peer.isOpen());
        QTRY_VERIFY_WITH_TIMEOUT(peer.closed, 5000);
        QCOMPARE(int(peer.socket.closeCode()), controller::SystemGateway::CloseCodeUnauthorized);
        QCOMPARE(peer.socket.closeReason(), QStringLiteral("token expired"));
        QCOMPARE(errorCodeOf(peer.waitFor(QStringLiteral("system.error"))), QStringLiteral("UNAUTHORIZED"));
        QTRY_COMPARE(m_gateway->connectionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(SystemGatewayTest)
#include "SystemGatewayTest.moc"
