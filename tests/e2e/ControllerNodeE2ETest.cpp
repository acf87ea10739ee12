// The controller (on its own thread, as in the console) with a real aiops-node process over a real
// WebSocket: register -> heartbeat -> metrics over REST -> SIGSTOP -> offline after 3 missed intervals ->
// SIGCONT -> online -> kill -9 -> offline ->
// restart -> same nodeId online -> SIGTERM -> clean disconnect.
#include "TestPeers.h"
#include "core/controller/Controller.h"
#include "core/controller/NodeService.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <csignal>

using namespace aiops;
using aiops::testing::http;

namespace {

constexpr int kIntervalMs = 400;

struct OfflineEvent
{
    QString nodeId;
    QString reason;
    qint64 atMs = 0;
};

} // namespace

class ControllerNodeE2ETest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<controller::ControllerThread> m_controller;
    QList<OfflineEvent> m_offline;
    QStringList m_online;

    std::unique_ptr<QProcess> startNode()
    {
        auto p = std::make_unique<QProcess>();
        p->setProgram(QStringLiteral(AIOPS_NODE_BIN));
        p->setArguments({ QStringLiteral("--controller"),
                          QStringLiteral("ws://127.0.0.1:%1/ws/node").arg(m_controller->port()),
                          QStringLiteral("--token"),
                          QString::fromUtf8(aiops::testing::enrollmentToken(*m_controller)),
                          QStringLiteral("--name"),
                          QStringLiteral("e2e-node"),
                          QStringLiteral("--heartbeat-interval"),
                          QString::number(kIntervalMs / 1000.0),
                          QStringLiteral("--work-dir"),
                          m_dir.filePath(QStringLiteral("node")),
                          QStringLiteral("--http-port"),
                          QStringLiteral("0") });
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->start();
        [&] {
            QVERIFY2(p->waitForStarted(5000), qPrintable(p->errorString()));
        }();
        return p;
    }

    std::optional<nodes::NodeInfo> onlyNode() const
    {
        const auto all = m_controller->nodeService()->nodes();
        if (all.size() != 1)
            return std::nullopt;
        return all.first();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(QStringLiteral("controller"));
        config.heartbeatIntervalMs = kIntervalMs;
        m_controller = std::make_unique<controller::ControllerThread>(config);
        auto started = m_controller->start();
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        auto* service = m_controller->nodeService();
        // Signals come from the controller thread; the context object makes them queued to this one.
        connect(service,
                &controller::NodeService::nodeWentOffline,
                this,
                [this](const QString& id, const QString&, const QString& reason) {
                    m_offline.append({ id, reason, QDateTime::currentMSecsSinceEpoch() });
                });
        connect(service, &controller::NodeService::nodeCameOnline, this, [this](const QString& id, const QString&) {
            m_online.append(id);
        });
    }

    void cleanupTestCase() { m_controller.reset(); }

    void nodeLifecycle()
    {
        // 1. Register: the node appears online promptly.
        QElapsedTimer appear;
        appear.start();
        auto node = startNode();
        QTRY_VERIFY_WITH_TIMEOUT(onlyNode() && onlyNode()->record.status == u"online", 5000);
        qInfo("node appeared after %lld ms", appear.elapsed());
        const QString nodeId = onlyNode()->record.nodeId;
        QVERIFY(nodeId.startsWith(QStringLiteral("node-")));
        QCOMPARE(onlyNode()->record.name, QStringLiteral("e2e-node"));
        QVERIFY(onlyNode()->record.cpuCores > 0);
        QVERIFY(onlyNode()->record.ramTotal > 0);
        QTRY_COMPARE(m_online.size(), 1);

        // 2. Heartbeats carry real /proc metrics into the registry and its history.
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->nodeService()->nodeHistory(nodeId, 0).size() >= 2, 5000);
        const auto info = *onlyNode();
        QVERIFY(info.record.ramFree > 0 && info.record.ramFree <= info.record.ramTotal);
        QVERIFY(info.diskTotal > 0);

        // 3. The same metrics over REST.
        const QByteArray token = aiops::testing::ownerToken(*m_controller);
        const auto metrics = http(
            "GET", QStringLiteral("http://127.0.0.1:%1/nodes/%2/metrics").arg(m_controller->port()).arg(nodeId), token);
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.json().value(QStringLiteral("ramTotal")).toInteger() > 0);
        QVERIFY(
            metrics.json().value(QStringLiteral("history")).toObject().value(QStringLiteral("node")).toArray().size()
            >= 2);

        // 4. A frozen daemon (socket open, no heartbeats) goes offline after 3 missed intervals and
        //    comes back when it resumes.
        const qint64 stoppedAt = QDateTime::currentMSecsSinceEpoch();
        ::kill(pid_t(node->processId()), SIGSTOP);
        QTRY_VERIFY_WITH_TIMEOUT(!m_offline.isEmpty(), 3 * kIntervalMs + 2000);
        QCOMPARE(m_offline.first().reason, QStringLiteral("heartbeat timeout"));
        const qint64 frozenFor = m_offline.first().atMs - stoppedAt;
        QVERIFY2(frozenFor >= 3 * kIntervalMs - kIntervalMs && frozenFor <= 4 * kIntervalMs + 250,
                 qPrintable(QStringLiteral("offline after %1 ms").arg(frozenFor)));
        ::kill(pid_t(node->processId()), SIGCONT);
        QTRY_VERIFY_WITH_TIMEOUT(onlyNode()->record.status == u"online", 3000);
        QTRY_COMPARE(m_online.size(), 2);
        m_offline.clear();

        // 5. kill -9: offline within 3 heartbeat intervals.
        const qint64 killedAt = QDateTime::currentMSecsSinceEpoch();
        node->kill();
        QVERIFY(node->waitForFinished(5000));
        QTRY_VERIFY_WITH_TIMEOUT(!m_offline.isEmpty(), 3 * kIntervalMs + 2000);
        QCOMPARE(m_offline.first().nodeId, nodeId);
        QVERIFY2(m_offline.first().atMs - killedAt <= 3 * kIntervalMs + 250,
                 qPrintable(QStringLiteral("offline after %1 ms").arg(m_offline.first().atMs - killedAt)));
        QCOMPARE(onlyNode()->record.status, QStringLiteral("offline"));
        QVERIFY(!onlyNode()->record.websocketConnected);

        // 6. Restart with the same work dir: the same node comes back online.
        node = startNode();
        QTRY_VERIFY_WITH_TIMEOUT(onlyNode() && onlyNode()->record.status == u"online", 5000);
        QCOMPARE(onlyNode()->record.nodeId, nodeId);
        QTRY_COMPARE(m_online.size(), 3);

        // 7. SIGTERM: the daemon says goodbye and exits cleanly.
        ::kill(pid_t(node->processId()), SIGTERM);
        QVERIFY(node->waitForFinished(5000));
        QCOMPARE(node->exitStatus(), QProcess::NormalExit);
        QCOMPARE(node->exitCode(), 0);
        QTRY_COMPARE(m_offline.size(), 2);
        QCOMPARE(m_offline.last().reason, QStringLiteral("shutdown"));
    }
};

QTEST_GUILESS_MAIN(ControllerNodeE2ETest)
#include "ControllerNodeE2ETest.moc"
