#pragma once

// A real s3rver (tests/peers, installed by scripts/install-peers) run by tests/registry/s3rver-run.js on
// 127.0.0.1 and a free port, with SigV4 signatures checked. Shared by the registry's S3 tests; the
// including test defines AIOPS_SOURCE_DIR.

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTest>
#include <QUrl>

namespace aiops::testing {

class S3rverPeer final
{
    Q_DISABLE_COPY_MOVE(S3rverPeer)

public:
    S3rverPeer() = default;
    ~S3rverPeer() { stop(); }

    // Starts it storing under `directory`. Empty when it listens, else why it does not: a missing
    // peer is a failure, never a skip.
    QString start(const QString& directory)
    {
        const QString sourceDir = QStringLiteral(AIOPS_SOURCE_DIR);
        const QString peersDir = sourceDir + QStringLiteral("/tests/peers");
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty())
            return QStringLiteral("node is not on PATH (install nodejs 20)");
        if (!QFileInfo::exists(peersDir + QStringLiteral("/node_modules/s3rver/package.json")))
            return QStringLiteral("npm s3rver is not installed in tests/peers: run scripts/install-peers");

        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NODE_PATH"), peersDir + QStringLiteral("/node_modules"));
        m_process.setProcessEnvironment(env);
        m_process.setWorkingDirectory(peersDir);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QDir().mkpath(directory);
        m_process.start(node, { sourceDir + QStringLiteral("/tests/registry/s3rver-run.js"), directory });
        if (!m_process.waitForStarted(10'000))
            return m_process.errorString();
        const bool answered = QTest::qWaitFor(
            [this] { return m_process.canReadLine() || m_process.state() != QProcess::Running; }, 30'000);
        if (!answered)
            return QStringLiteral("s3rver did not listen within 30 s");
        const QByteArray line = m_process.readLine().trimmed();
        if (!line.startsWith("listening "))
            return QStringLiteral("s3rver-run said: ") + QString::fromUtf8(line);
        m_port = line.mid(10).toInt();
        return m_port > 0 ? QString() : QStringLiteral("s3rver-run gave no port");
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel(); // the runner exits when its stdin closes
        if (!m_process.waitForFinished(5'000))
            m_process.kill();
        m_process.waitForFinished(5'000);
    }

    int port() const { return m_port; }
    QUrl endpoint() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }

private:
    QProcess m_process;
    int m_port = 0;
};

} // namespace aiops::testing
