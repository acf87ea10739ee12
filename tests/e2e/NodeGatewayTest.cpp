// The /ws/node gateway over a real socket: authentication, validation, error replies, rate limit.
#include "TestPeers.h"
#include "core/controller/Controller.h"
#include "core/controller/NodeService.h"

#include <QTemporaryDir>

using namespace aiops;
using aiops::testing::WsPeer;

class NodeGatewayTest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<controller::Controller> m_controller;
    QString m_url;
    QHash<QString, QByteArray> m_credentials;

    // The node credential a daemon holds after enrolling as `nodeId` (one per node: a node may only
    // speak for itself).
    QByteArray credential(const QString& nodeId)
    {
        if (!m_credentials.contains(nodeId))
            m_credentials.insert(nodeId, aiops::testing::nodeCredentialFor(*m_controller, nodeId));
        return m_credentials.value(nodeId);
    }

    QString errorCodeOf(const QJsonObject& o) const { return o.value(QStringLiteral("errorCode")).toString(); }

private Q_SLOTS:
    void init()
    {
        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(QStringLiteral("data-%1").arg(QDateTime::currentMSecsSinceEpoch()));
        config.heartbeatIntervalMs = 1000;
        m_controller = std::make_unique<controller::Controller>(config);
        auto started = m_controller->start();
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        m_url = QStringLiteral("ws://127.0.0.1:%1/ws/node").arg(m_controller->port());
        m_credentials.clear();
    }
    void cleanup() { m_controller.reset(); }

    void rejectsMissingAndWrongTokens_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("none") << QByteArray();
        QTest::newRow("wrong") << QByteArray(64, 'a');
    }
    void rejectsMissingAndWrongTokens()
    {
        QFETCH(QByteArray, token);
        WsPeer peer;
        QVERIFY(peer.open(m_url, token));
        const auto error = peer.waitFor(QStringLiteral("system.error"));
        QCOMPARE(errorCodeOf(error), QStringLiteral("UNAUTHORIZED"));
        QTRY_VERIFY(peer.closed);
        QVERIFY(m_controller->nodeService()->nodes().isEmpty());
    }

    void tokenInQueryIsAccepted()
    {
        WsPeer peer;
        QVERIFY(
            peer.open(m_url + QStringLiteral("?token=") + QString::fromLatin1(credential(QStringLiteral("q1"))), {}));
        peer.send(aiops::testing::registerMessage(QStringLiteral("q1")));
        QVERIFY(!peer.waitFor(QStringLiteral("system.node.registered")).isEmpty());
    }

    void unknownGatewayPathIsRefused()
    {
        WsPeer peer;
        QVERIFY(!peer.open(QStringLiteral("ws://127.0.0.1:%1/ws/nope").arg(m_controller->port()),
                           credential(QStringLiteral("g1"))));
        QVERIFY(m_controller->nodeService()->nodes().isEmpty());
    }

    void plainGetOnGatewayPathIsABadRequest()
    {
        const auto r
            = aiops::testing::http("GET", QStringLiteral("http://127.0.0.1:%1/ws/node").arg(m_controller->port()));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("errorCode")).toString(), QStringLiteral("BAD_REQUEST"));
    }

    void badMessagesGetTypedErrorsAndKeepTheConnection_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("code");
        QTest::newRow("not json") << QStringLiteral("hello") << QStringLiteral("INVALID_JSON");
        QTest::newRow("array") << QStringLiteral("[1,2]") << QStringLiteral("INVALID_JSON");
        QTest::newRow("no type") << QStringLiteral("{\"nodeId\":\"a\"}") << QStringLiteral("MISSING_FIELD");
        QTest::newRow("unknown type") << QStringLiteral("{\"type\":\"system.node.dance\",\"timestamp\":1}")
                                      << QStringLiteral("UNKNOWN_MESSAGE_TYPE");
        QTest::newRow("heartbeat before register")
            << QString::fromUtf8(QJsonDocument(aiops::testing::heartbeatMessage(QStringLiteral("g1"))).toJson())
            << QStringLiteral("NODE_NOT_REGISTERED");
        QTest::newRow("utilization out of range")
            << QStringLiteral("{\"type\":\"system.node.heartbeat\",\"nodeId\":\"g1\",\"timestamp\":1,\"metrics\":{"
                              "\"gpuDevices\":[{\"deviceId\":\"0\",\"memoryFree\":1,\"utilization\":101,"
                              "\"temperature\":40}],\"ramFree\":1,\"diskFree\":1}}")
            << QStringLiteral("OUT_OF_RANGE");
    }
    void badMessagesGetTypedErrorsAndKeepTheConnection()
    {
        QFETCH(QString, frame);
        QFETCH(QString, code);
        WsPeer peer;
        QVERIFY(peer.open(m_url, credential(QStringLiteral("g1"))));
        peer.sendRaw(frame);
        const auto error = peer.waitFor(QStringLiteral("system.error"));
        QCOMPARE(errorCodeOf(error), code);
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(error.value(QStringLiteral("timestamp")).toDouble() > 0);
        // The connection is still usable.
        peer.send(aiops::testing::registerMessage(QStringLiteral("g1")));
        QVERIFY(!peer.waitFor(QStringLiteral("system.node.registered")).isEmpty());
        QVERIFY(peer.isOpen());
    }

    void errorEchoesRequestId()
    {
        WsPeer peer;
        QVERIFY(peer.open(m_url, credential(QStringLiteral("g1"))));
        peer.sendRaw(QStringLiteral("{\"type\":\"system.node.nope\",\"timestamp\":1,\"requestId\":\"r-42\"}"));
        const auto error = peer.waitFor(QStringLiteral("system.error"));
        QCOMPARE(error.value(QStringLiteral("requestId")).toString(), QStringLiteral("r-42"));
    }

    void oversizedFrameIsRejectedNotDisconnected()
    {
        WsPeer peer;
        QVERIFY(peer.open(m_url, credential(QStringLiteral("g1"))));
        QString big = QStringLiteral("{\"type\":\"system.node.heartbeat\",\"pad\":\"");
        big += QString(1024 * 1024, u'x');
        big += QStringLiteral("\"}");
        peer.sendRaw(big);
        QCOMPARE(errorCodeOf(peer.waitFor(QStringLiteral("system.error"), 10000)), QStringLiteral("FRAME_TOO_LARGE"));
        QVERIFY(peer.isOpen());
    }

    void binaryFrameIsRejected()
    {
        WsPeer peer;
        QVERIFY(peer.open(m_url, credential(QStringLiteral("g1"))));
        peer.socket.sendBinaryMessage(QByteArrayLiteral("\x01\x02"));
        QCOMPARE(errorCodeOf(peer.waitFor(QStringLiteral("system.error"))), QStringLiteral("INVALID_JSON"));
        QVERIFY(peer.isOpen());
    }

    void registerAndHeartbeatReachTheRegistry()
    {
        WsPeer peer;
        QVERIFY(peer.open(m_url, credential(QStringLiteral("n1"))));
        peer.send(aiops::testing::registerMessage(QStringLiteral("n1"), 2));
        const auto ack = peer.waitFor(QStringLiteral("system.node.registered"));
        QCOMPARE(ack.value(QStringLiteral("nodeId")).toString(), QStringLiteral("n1"));
        QCOMPARE(ack.value(QStringLiteral("heartbeatIntervalMs")).toInt(), 1000);
        peer.send(aiops::testing::heartbeatMessage(QStringLiteral("n1"), 2, 77));
        QTRY_COMPARE(m_controller->nodeService()->node(QStringLiteral("n1"))->record.gpuDevices[1].utilization, 77.0);
        const auto n = m_controller->nodeService()->node(QStringLiteral("n1"));
        QCOMPARE(n->record.status, QStringLiteral("online"));
        QVERIFY(n->record.websocketConnected);
        peer.socket.close();
        QTRY_COMPARE(m_controller->nodeService()->node(QStringLiteral("n1"))->record.status, QStringLiteral("offline"));
    }

    void floodIsRateLimitedWithoutHurtingOtherPeers()
    {
        WsPeer calm;
        QVERIFY(calm.open(m_url, credential(QStringLiteral("calm"))));
        calm.send(aiops::testing::registerMessage(QStringLiteral("calm")));
        QVERIFY(!calm.waitFor(QStringLiteral("system.node.registered")).isEmpty());

        WsPeer noisy;
        QVERIFY(noisy.open(m_url, credential(QStringLiteral("noisy"))));
        noisy.send(aiops::testing::registerMessage(QStringLiteral("noisy")));
        for (int i = 0; i < 300; ++i)
            noisy.send(aiops::testing::heartbeatMessage(QStringLiteral("noisy")));
        const auto limited = noisy.waitFor(QStringLiteral("system.error"));
        QCOMPARE(errorCodeOf(limited), QStringLiteral("RATE_LIMITED"));
        QVERIFY(limited.value(QStringLiteral("retryAfter")).toDouble() > 0);
        QVERIFY(noisy.isOpen());

        calm.send(aiops::testing::heartbeatMessage(QStringLiteral("calm"), 1, 12));
        QTRY_COMPARE(m_controller->nodeService()->node(QStringLiteral("calm"))->record.gpuDevices[0].utilization, 12.0);
        QCOMPARE(m_controller->nodeService()->node(QStringLiteral("calm"))->record.status, QStringLiteral("online"));
        QVERIFY(calm.received.size() == 1); // only its ack: no errors leaked to the calm peer
    }

    void secondConnectionForSameNodeSupersedesTheFirst()
    {
        WsPeer first;
        QVERIFY(first.open(m_url, credential(QStringLiteral("dup"))));
        first.send(aiops::testing::registerMessage(QStringLiteral("dup")));
        QVERIFY(!first.waitFor(QStringLiteral("system.node.registered")).isEmpty());
        WsPeer second;
        QVERIFY(second.open(m_url, credential(QStringLiteral("dup"))));
        second.send(aiops::testing::registerMessage(QStringLiteral("dup")));
        QVERIFY(!second.waitFor(QStringLiteral("system.node.registered")).isEmpty());
        QTRY_VERIFY(first.closed);
        QTest::qWait(100);
        QCOMPARE(m_controller->nodeService()->node(QStringLiteral("dup"))->record.status, QStringLiteral("online"));
        QCOMPARE(m_controller->nodeService()->nodes().size(), 1);
    }
};

QTEST_GUILESS_MAIN(NodeGatewayTest)
#include "NodeGatewayTest.moc"
