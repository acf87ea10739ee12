#include "app/LocalNodeSupervisor.h"

#include "core/daemon/ExitCodes.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace aiops::app {

LocalNodeSupervisor::LocalNodeSupervisor(QString program, QStringList arguments, QString token, QObject* parent)
    : QObject(parent)
    , m_program(std::move(program))
    , m_arguments(std::move(arguments))
    , m_token(std::move(token))
{
    m_restartTimer.setSingleShot(true);
    connect(&m_restartTimer, &QTimer::timeout, this, &LocalNodeSupervisor::launch);
}

LocalNodeSupervisor::~LocalNodeSupervisor()
{
    stop();
}

QString LocalNodeSupervisor::findNodeExecutable()
{
    const QDir appDir(QCoreApplication::applicationDirPath());
    const QString name = QStringLiteral("aiops-node");
    for (const QString& candidate : { appDir.filePath(name), appDir.filePath(QStringLiteral("../daemon/") + name) }) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath();
    }
    return QStandardPaths::findExecutable(name);
}

QStringList LocalNodeSupervisor::nodeArguments(const QString& controllerUrl,
                                               const QString& name,
                                               const QString& workDir,
                                               int heartbeatIntervalMs)
{
    return { QStringLiteral("--controller"),
             controllerUrl,
             QStringLiteral("--name"),
             name,
             QStringLiteral("--work-dir"),
             workDir,
             QStringLiteral("--heartbeat-interval"),
             QString::number(heartbeatIntervalMs / 1000.0),
             QStringLiteral("--local") };
}

void LocalNodeSupervisor::start()
{
    m_stopping = false;
    m_backoffMs = kInitialBackoffMs;
    m_restartCount = 0;
    launch();
}

bool LocalNodeSupervisor::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 LocalNodeSupervisor::processId() const
{
    return m_process ? m_process->processId() : 0;
}

void LocalNodeSupervisor::launch()
{
    if (m_stopping || isRunning())
        return;
    if (m_process)
        m_process->deleteLater();
    m_process = new QProcess(this);
    m_process->setProgram(m_program);
    m_process->setArguments(m_arguments);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(kTokenVariable), m_token);
    m_process->setProcessEnvironment(environment);
    m_process->setProcessChannelMode(QProcess::ForwardedChannels);
#ifdef Q_OS_LINUX
    // If the console dies without stopping the child (SIGKILL, crash), the kernel sends it SIGTERM.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(m_process, &QProcess::finished, this, &LocalNodeSupervisor::onProcessFinished);
    connect(m_process, &QProcess::errorOccurred, this, &LocalNodeSupervisor::onProcessError);
    connect(m_process, &QProcess::started, this, [this] {
        m_runTime.start();
        Q_EMIT nodeStarted(m_process->processId());
    });
    m_process->start();
}

void LocalNodeSupervisor::onProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return; // crashes arrive through finished()
    Q_EMIT nodeFailedToStart(m_process->errorString());
    scheduleRestart(-1);
}

void LocalNodeSupervisor::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_stopping)
        return;
    if (m_runTime.isValid() && m_runTime.elapsed() >= kStableRunMs)
        m_backoffMs = kInitialBackoffMs;
    if (status == QProcess::NormalExit && exitCode == daemon::ExitEnrollmentRefused) {
        // Retrying the same token cannot succeed; a fresh one can, unless tokens keep failing.
        const QString fresh = m_tokenSource && m_refusalsInRow < kMaxReenrollments ? m_tokenSource() : QString();
        if (fresh.isEmpty()) {
            m_restartTimer.stop();
            Q_EMIT nodeGaveUp(
                m_refusalsInRow >= kMaxReenrollments
                    ? tr("the controller refused %n fresh enrollment token(s) in a row", nullptr, m_refusalsInRow)
                    : tr("the controller refused its enrollment token and no new one could be issued"));
            return;
        }
        m_token = fresh;
        ++m_refusalsInRow;
        ++m_reenrollments;
        Q_EMIT nodeReenrolled();
        m_backoffMs = kInitialBackoffMs;
        launch();
        return;
    }
    m_refusalsInRow = 0;
    scheduleRestart(exitCode);
}

void LocalNodeSupervisor::scheduleRestart(int exitCode)
{
    if (m_stopping)
        return;
    const int delay = m_backoffMs;
    m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
    ++m_restartCount;
    Q_EMIT nodeExited(exitCode, delay);
    m_restartTimer.start(delay);
}

void LocalNodeSupervisor::stop()
{
    m_stopping = true;
    m_restartTimer.stop();
    if (!isRunning())
        return;
    m_process->terminate(); // SIGTERM: lets the daemon say goodbye to the controller
    if (!m_process->waitForFinished(kTerminateGraceMs)) {
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

} // namespace aiops::app
