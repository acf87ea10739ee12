// AgentSupervisor (seed 003's watchdog) over real child processes: a small shell script stands in for
// aiops-agent and does what its --config file says (crash, refuse its configuration, or run).
#include "core/controller/AgentSupervisor.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <signal.h>

using namespace aiops::controller;
using namespace Qt::StringLiterals;

namespace {

// The script reads the mode from its config file on every start, so a test can change what the next
// restart does.
constexpr auto kScript = "#!/bin/sh\n"
                         "mode=$(cat \"$2\")\n"
                         "case \"$mode\" in\n"
                         "  crash) echo \"runtime crashed: boom\"; exit 3 ;;\n"
                         "  badconfig) echo \"aiops-agent: llm.providers[0].baseUrl must be a URL\" >&2; exit 2 ;;\n"
                         "  run) echo started; exec sleep 30 ;;\n"
                         "esac\n";

} // namespace

class AgentSupervisorTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_program;

    QString config(const QString& name, const QByteArray& mode)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(mode);
        return path;
    }

    AgentSupervisor::Options options(int stableResetMs = 60000) const
    {
        AgentSupervisor::Options o;
        o.program = m_program;
        o.backoffBaseMs = 50;
        o.maxRestarts = 3;
        o.stableResetMs = stableResetMs;
        o.killAfterMs = 1000;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_program = m_dir.filePath(u"fake-agent.sh"_s);
        QFile script(m_program);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(kScript);
        script.close();
        QVERIFY(script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    }

    void crashLoopGivesUpAfterThreeRestartsWithBackoff()
    {
        AgentSupervisor supervisor(options());
        QSignalSpy exited(&supervisor, &AgentSupervisor::exited);
        QSignalSpy gaveUp(&supervisor, &AgentSupervisor::gaveUp);
        QSignalSpy started(&supervisor, &AgentSupervisor::started);
        supervisor.start(u"a1"_s, config(u"a1.cfg"_s, "crash"));
        QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, 10000);
        QCOMPARE(started.size(), 4); // the first start and three restarts
        QCOMPARE(exited.size(), 4);
        // Backoff doubles: 50, 100, 200 ms; the last exit schedules nothing.
        QCOMPARE(exited.at(0).at(3).toInt(), 50);
        QCOMPARE(exited.at(1).at(3).toInt(), 100);
        QCOMPARE(exited.at(2).at(3).toInt(), 200);
        QCOMPARE(exited.at(3).at(3).toInt(), -1);
        QCOMPARE(exited.at(0).at(1).toInt(), 3);
        QVERIFY(exited.at(0).at(2).toString().contains(u"boom"_s));
        QVERIFY(gaveUp.at(0).at(1).toString().contains(u"4 times"_s));
        QVERIFY(!supervisor.isSupervised(u"a1"_s));
    }

    void refusedConfigurationIsNotRestarted()
    {
        AgentSupervisor supervisor(options());
        QSignalSpy started(&supervisor, &AgentSupervisor::started);
        QSignalSpy gaveUp(&supervisor, &AgentSupervisor::gaveUp);
        supervisor.start(u"a2"_s, config(u"a2.cfg"_s, "badconfig"));
        QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, 5000);
        QTest::qWait(300);
        QCOMPARE(started.size(), 1);
        QVERIFY(gaveUp.at(0).at(1).toString().contains(u"baseUrl must be a URL"_s));
    }

    void killedProcessIsRestartedAndStopEndsIt()
    {
        AgentSupervisor supervisor(options());
        QSignalSpy started(&supervisor, &AgentSupervisor::started);
        QSignalSpy exited(&supervisor, &AgentSupervisor::exited);
        supervisor.start(u"a3"_s, config(u"a3.cfg"_s, "run"));
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 5000);
        const qint64 first = supervisor.pid(u"a3"_s);
        QVERIFY(first > 0);
        QCOMPARE(::kill(pid_t(first), SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, 5000);
        const qint64 second = supervisor.pid(u"a3"_s);
        QVERIFY(second > 0);
        QVERIFY(second != first);
        QCOMPARE(supervisor.restarts(u"a3"_s), 1);

        supervisor.stop(u"a3"_s);
        QVERIFY(!supervisor.isSupervised(u"a3"_s));
        QTest::qWait(300);
        QCOMPARE(started.size(), 2); // no restart after stop()
        QCOMPARE(exited.size(), 1);
        QCOMPARE(::kill(pid_t(second), 0), -1); // the process is gone
    }

    void attemptsResetAfterAStableRun()
    {
        // A stable window of 200 ms: a crash after running longer than that starts the count again.
        AgentSupervisor supervisor(options(200));
        QSignalSpy started(&supervisor, &AgentSupervisor::started);
        QSignalSpy exited(&supervisor, &AgentSupervisor::exited);
        const QString cfg = config(u"a4.cfg"_s, "run");
        supervisor.start(u"a4"_s, cfg);
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, 5000);
        for (int round = 0; round < 5; ++round) {
            QTest::qWait(300); // longer than the stable window
            const int before = started.size();
            QCOMPARE(::kill(pid_t(supervisor.pid(u"a4"_s)), SIGKILL), 0);
            QTRY_COMPARE_WITH_TIMEOUT(started.size(), before + 1, 5000);
            QCOMPARE(exited.last().at(3).toInt(), 50); // always the first backoff step
        }
        QVERIFY(supervisor.isSupervised(u"a4"_s));
        supervisor.stopAll();
    }

    void missingProgramGivesUpWithAReadableReason()
    {
        AgentSupervisor::Options o = options();
        o.program = m_dir.filePath(u"no-such-agent"_s);
        AgentSupervisor supervisor(o);
        QSignalSpy gaveUp(&supervisor, &AgentSupervisor::gaveUp);
        supervisor.start(u"a5"_s, config(u"a5.cfg"_s, "run"));
        QTRY_COMPARE_WITH_TIMEOUT(gaveUp.size(), 1, 5000);
        QVERIFY(gaveUp.at(0).at(1).toString().contains(u"no-such-agent"_s));
    }
};

QTEST_GUILESS_MAIN(AgentSupervisorTest)
#include "AgentSupervisorTest.moc"
