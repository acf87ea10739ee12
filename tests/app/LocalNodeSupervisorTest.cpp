// LocalNodeSupervisor with the embedded controller (on its own thread, as in the console) and a real
// aiops-node: the child registers as the local node without its token on the command line; after
// kill -9 it is restarted with a doubling backoff and comes back as the same node; stopping the
// supervisor lets it say goodbye. A child whose enrollment token was spent gets a fresh one.
#include "app/LocalNodeSupervisor.h"

#include "core/controller/Controller.h"
#include "core/controller/NodeService.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace aiops;
using aiops::app::LocalNodeSupervisor;

namespace {

constexpr int kIntervalMs = 400;
// Generous: the suite runs on loaded two-core machines.
constexpr int kTimeoutMs = 20000;
// QTimer may fire up to 5% early (Qt::CoarseTimer); the margin also covers how the times are taken.
constexpr int kEarlyMarginMs = 100;

struct OfflineEvent
{
    QString nodeId;
    QString reason;
};

struct ExitEvent
{
    int restartInMs = 0;
    qint64 atMs = 0;
};

QByteArray procFile(qint64 pid, const QString& name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

class LocalNodeSupervisorTest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<controller::ControllerThread> m_controller;
    QStringList m_online;
    QList<OfflineEvent> m_offline;

    std::optional<nodes::NodeInfo> onlyNode() const
    {
        const auto all = m_controller->nodeService()->nodes();
        if (all.size() != 1)
            return std::nullopt;
        return all.first();
    }

    // The nodeId of the online node with this name; empty when there is none.
    QString onlineNodeNamed(const QString& name) const
    {
        for (const auto& node : m_controller->nodeService()->nodes()) {
            if (node.record.name == name && node.record.status == u"online")
                return node.nodeId();
        }
        return {};
    }

    bool onlyNodeOnline() const
    {
        const auto node = onlyNode();
        return node && node->record.status == u"online";
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
        const auto started = m_controller->start();
        QVERIFY2(started.has_value(), qPrintable(started ? QString() : started.error().message));
        // Signals come from the controller thread; the context object queues them to this one.
        auto* service = m_controller->nodeService();
        connect(service,
                &controller::NodeService::nodeWentOffline,
                this,
                [this](const QString& nodeId, const QString&, const QString& reason) {
                    m_offline.append({ nodeId, reason });
                });
        connect(service, &controller::NodeService::nodeCameOnline, this, [this](const QString& nodeId, const QString&) {
            m_online.append(nodeId);
        });
    }

    void cleanupTestCase() { m_controller.reset(); }

    void supervisesLocalNode()
    {
        // A one-time enrollment token: the restarted child must come back on the credential it
        // received in exchange, since the token is spent by then.
        const auto issued = m_controller->nodeService()->issueEnrollmentToken();
        QVERIFY(issued.has_value());
        const QString token = issued->token;
        QVERIFY(token.size() >= 32);
        const QString url = QStringLiteral("ws://127.0.0.1:%1/ws/node").arg(m_controller->port());
        LocalNodeSupervisor supervisor(
            QStringLiteral(AIOPS_NODE_BIN),
            LocalNodeSupervisor::nodeArguments(
                url, QStringLiteral("local-test"), m_dir.filePath(QStringLiteral("local-node")), kIntervalMs),
            token);
        QCOMPARE(supervisor.program(), QStringLiteral(AIOPS_NODE_BIN));

        QElapsedTimer clock;
        clock.start();
        QList<qint64> startedAtMs;
        QList<ExitEvent> exits;
        QStringList failures;
        connect(
            &supervisor, &LocalNodeSupervisor::nodeStarted, this, [&](qint64) { startedAtMs.append(clock.elapsed()); });
        connect(&supervisor, &LocalNodeSupervisor::nodeExited, this, [&](int, int restartInMs) {
            exits.append({ restartInMs, clock.elapsed() });
        });
        connect(&supervisor, &LocalNodeSupervisor::nodeFailedToStart, this, [&](const QString& message) {
            failures.append(message);
        });

        // 1. The child registers as the console's local node.
        supervisor.start();
        QTRY_VERIFY_WITH_TIMEOUT(onlyNodeOnline(), kTimeoutMs);
        const nodes::NodeInfo node = *onlyNode();
        QVERIFY(node.record.isLocal);
        QCOMPARE(node.record.name, QStringLiteral("local-test"));
        QTRY_COMPARE_WITH_TIMEOUT(m_online.size(), 1, kTimeoutMs);
        QCOMPARE(startedAtMs.size(), 1);
        QVERIFY(supervisor.isRunning());
        const qint64 firstPid = supervisor.processId();
        QVERIFY(firstPid > 0);

        // 2. The token is in the child's environment (readable by this user only), not in its command
        //    line (readable by every user, e.g. through ps).
        const QByteArray cmdline = procFile(firstPid, QStringLiteral("cmdline"));
        QVERIFY2(cmdline.contains(url.toLatin1()), cmdline.constData()); // it is the node's command line
        QVERIFY2(!cmdline.contains(token.toLatin1()), "the node token is on the child's command line");
        QVERIFY(
            procFile(firstPid, QStringLiteral("environ")).split('\0').contains("AIOPS_NODE_TOKEN=" + token.toLatin1()));

        // 3. kill -9: offline; restarted after the initial backoff as the same node. The node is online
        //    as soon as the controller has its register, but it stores the credential it got in exchange
        //    only when the answer arrives (with an fsync, slow on a loaded disk): kill it after that, or the
        //    restart would come back with the spent token.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_dir.filePath(QStringLiteral("local-node/node-credential"))),
                                 kTimeoutMs);
        QVERIFY(::kill(pid_t(firstPid), SIGKILL) == 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_offline.size(), 1, kTimeoutMs);
        QCOMPARE(m_offline.first().nodeId, node.nodeId());
        QTRY_COMPARE_WITH_TIMEOUT(exits.size(), 1, kTimeoutMs);
        QCOMPARE(exits.at(0).restartInMs, LocalNodeSupervisor::kInitialBackoffMs);
        QTRY_COMPARE_WITH_TIMEOUT(startedAtMs.size(), 2, kTimeoutMs);
        const qint64 firstWaitMs = startedAtMs.at(1) - exits.at(0).atMs;
        QVERIFY2(firstWaitMs >= LocalNodeSupervisor::kInitialBackoffMs - kEarlyMarginMs,
                 qPrintable(QStringLiteral("restarted after %1 ms").arg(firstWaitMs)));
        QTRY_VERIFY_WITH_TIMEOUT(onlyNodeOnline(), kTimeoutMs);
        QCOMPARE(onlyNode()->nodeId(), node.nodeId());
        QVERIFY(onlyNode()->record.isLocal);
        QTRY_COMPARE_WITH_TIMEOUT(m_online.size(), 2, kTimeoutMs);
        QCOMPARE(supervisor.restartCount(), 1);
        const qint64 secondPid = supervisor.processId();
        QVERIFY(secondPid > 0 && secondPid != firstPid);

        // 4. A second kill: the restart waits twice as long.
        QVERIFY(::kill(pid_t(secondPid), SIGKILL) == 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_offline.size(), 2, kTimeoutMs);
        QCOMPARE(m_offline.last().nodeId, node.nodeId());
        QTRY_COMPARE_WITH_TIMEOUT(exits.size(), 2, kTimeoutMs);
        QCOMPARE(exits.at(1).restartInMs, 2 * LocalNodeSupervisor::kInitialBackoffMs);
        QTRY_COMPARE_WITH_TIMEOUT(startedAtMs.size(), 3, kTimeoutMs);
        const qint64 secondWaitMs = startedAtMs.at(2) - exits.at(1).atMs;
        QVERIFY2(secondWaitMs >= 2 * LocalNodeSupervisor::kInitialBackoffMs - kEarlyMarginMs,
                 qPrintable(QStringLiteral("restarted after %1 ms").arg(secondWaitMs)));
        QTRY_VERIFY_WITH_TIMEOUT(onlyNodeOnline(), kTimeoutMs);
        QCOMPARE(onlyNode()->nodeId(), node.nodeId());
        QTRY_COMPARE_WITH_TIMEOUT(m_online.size(), 3, kTimeoutMs);
        QCOMPARE(supervisor.restartCount(), 2);
        QCOMPARE(supervisor.nextBackoffMs(), 4 * LocalNodeSupervisor::kInitialBackoffMs);

        // 5. stop(): SIGTERM, the node says goodbye, and nothing restarts it.
        const qint64 lastPid = supervisor.processId();
        QVERIFY(lastPid > 0 && lastPid != secondPid);
        supervisor.stop();
        QVERIFY(!supervisor.isRunning());
        QCOMPARE(exits.size(), 2); // the child's exit during stop() scheduled no restart
        QVERIFY(procFile(lastPid, QStringLiteral("cmdline")).isEmpty()); // exited and reaped
        QTRY_COMPARE_WITH_TIMEOUT(m_offline.size(), 3, kTimeoutMs);
        QCOMPARE(m_offline.last().nodeId, node.nodeId());
        QCOMPARE(m_offline.last().reason, QStringLiteral("shutdown"));
        QTRY_VERIFY_WITH_TIMEOUT(onlyNode() && onlyNode()->record.status == u"offline", kTimeoutMs);
        QTest::qWait(LocalNodeSupervisor::kInitialBackoffMs + 500); // queued events, if any, run here
        QCOMPARE(exits.size(), 2);
        QCOMPARE(startedAtMs.size(), 3);
        QVERIFY(failures.isEmpty());
    }

    void reenrollsWhenItsTokenWasSpent()
    {
        // The race the console guards against: the child exchanged its one-time token and was
        // killed before it stored the credential. Its next start presents the spent token.
        const QString workDir = m_dir.filePath(QStringLiteral("local-node-spent"));
        const QString url = QStringLiteral("ws://127.0.0.1:%1/ws/node").arg(m_controller->port());
        const QStringList arguments
            = LocalNodeSupervisor::nodeArguments(url, QStringLiteral("local-spent"), workDir, kIntervalMs);
        const auto issued = m_controller->nodeService()->issueEnrollmentToken();
        QVERIFY(issued.has_value());
        const QString spent = issued->token;
        QString nodeId;
        {
            LocalNodeSupervisor first(QStringLiteral(AIOPS_NODE_BIN), arguments, spent);
            first.start();
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(workDir + QStringLiteral("/node-credential")), kTimeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(!(nodeId = onlineNodeNamed(QStringLiteral("local-spent"))).isEmpty(), kTimeoutMs);
            first.stop();
        }
        QVERIFY(QFile::remove(workDir + QStringLiteral("/node-credential"))); // never stored, as in the race

        LocalNodeSupervisor supervisor(QStringLiteral(AIOPS_NODE_BIN), arguments, spent);
        int issuedTokens = 0;
        supervisor.setTokenSource([&] {
            ++issuedTokens;
            const auto fresh = m_controller->nodeService()->issueEnrollmentToken();
            return fresh ? fresh->token : QString();
        });
        int reenrolled = 0;
        QStringList gaveUp;
        connect(&supervisor, &LocalNodeSupervisor::nodeReenrolled, this, [&] { ++reenrolled; });
        connect(&supervisor, &LocalNodeSupervisor::nodeGaveUp, this, [&](const QString& why) { gaveUp << why; });
        supervisor.start();
        // Refused once, given a fresh token at once (no backoff), and back as the same node.
        QTRY_COMPARE_WITH_TIMEOUT(reenrolled, 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(workDir + QStringLiteral("/node-credential")), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(onlineNodeNamed(QStringLiteral("local-spent")), nodeId, kTimeoutMs);
        QCOMPARE(issuedTokens, 1);
        QCOMPARE(supervisor.reenrollmentCount(), 1);
        QCOMPARE(supervisor.restartCount(), 0); // no backoff restart: the refusal was handled as such
        QVERIFY(gaveUp.isEmpty());
        supervisor.stop();
    }

    void givesUpWhenNoTokenHelps()
    {
        const QString url = QStringLiteral("ws://127.0.0.1:%1/ws/node").arg(m_controller->port());
        const QString bogus = QStringLiteral("aiops_et_0000000000000000000000000000000000000000");
        // 1. No token source: the refused child is not restarted with the same token.
        {
            LocalNodeSupervisor supervisor(
                QStringLiteral(AIOPS_NODE_BIN),
                LocalNodeSupervisor::nodeArguments(
                    url, QStringLiteral("local-bogus"), m_dir.filePath(QStringLiteral("bogus-1")), kIntervalMs),
                bogus);
            QStringList gaveUp;
            connect(&supervisor, &LocalNodeSupervisor::nodeGaveUp, this, [&](const QString& why) { gaveUp << why; });
            supervisor.start();
            QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, kTimeoutMs);
            QVERIFY2(gaveUp.first().contains(QStringLiteral("no new one")), qPrintable(gaveUp.first()));
            QTest::qWait(LocalNodeSupervisor::kInitialBackoffMs + 500);
            QVERIFY(!supervisor.isRunning());
            QCOMPARE(supervisor.restartCount(), 0);
        }
        // 2. Tokens that keep being refused: three fresh ones, then it stops.
        {
            LocalNodeSupervisor supervisor(
                QStringLiteral(AIOPS_NODE_BIN),
                LocalNodeSupervisor::nodeArguments(
                    url, QStringLiteral("local-bogus"), m_dir.filePath(QStringLiteral("bogus-2")), kIntervalMs),
                bogus);
            int issuedTokens = 0;
            supervisor.setTokenSource([&] {
                ++issuedTokens;
                return bogus;
            });
            QStringList gaveUp;
            connect(&supervisor, &LocalNodeSupervisor::nodeGaveUp, this, [&](const QString& why) { gaveUp << why; });
            supervisor.start();
            QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, kTimeoutMs);
            QCOMPARE(issuedTokens, LocalNodeSupervisor::kMaxReenrollments);
            QCOMPARE(supervisor.reenrollmentCount(), LocalNodeSupervisor::kMaxReenrollments);
            QVERIFY2(gaveUp.first().contains(QStringLiteral("refused 3 fresh enrollment token")),
                     qPrintable(gaveUp.first()));
            QVERIFY(!supervisor.isRunning());
        }
        QVERIFY(onlineNodeNamed(QStringLiteral("local-bogus")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(LocalNodeSupervisorTest)
#include "LocalNodeSupervisorTest.moc"
