#include "core/controller/AgentSupervisor.h"

#include <QProcess>
#include <QTimer>

namespace aiops::controller {

namespace {

constexpr qsizetype kTailBytes = 4096;

QString lastLines(const QByteArray& tail)
{
    const QString text = QString::fromUtf8(tail).trimmed();
    const QStringList lines = text.split(u'\n');
    return lines.mid(std::max<qsizetype>(0, lines.size() - 5)).join(u'\n');
}

} // namespace

AgentSupervisor::AgentSupervisor(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

AgentSupervisor::~AgentSupervisor()
{
    stopAll();
}

void AgentSupervisor::start(const QString& agentId, const QString& configPath)
{
    auto& slot = m_children[agentId];
    if (slot) {
        slot->stopping = true;
        terminate(*slot);
    }
    slot = std::make_shared<Child>();
    slot->configPath = configPath;
    launch(agentId);
}

void AgentSupervisor::launch(const QString& agentId)
{
    const auto child = m_children.value(agentId);
    if (!child)
        return;
    auto* process = new QProcess(this);
    child->process = process;
    child->tail.clear();
    process->setProcessChannelMode(QProcess::MergedChannels);
    connect(process, &QProcess::readyRead, this, [child, process] {
        child->tail.append(process->readAll());
        if (child->tail.size() > kTailBytes)
            child->tail = child->tail.right(kTailBytes);
    });
    connect(process, &QProcess::finished, this, [this, agentId, process](int exitCode, QProcess::ExitStatus status) {
        const auto current = m_children.value(agentId);
        process->deleteLater();
        if (!current || current->process != process)
            return; // a replaced or stopped process
        current->process = nullptr;
        current->tail.append(process->readAll());
        onFinished(agentId, exitCode, status == QProcess::CrashExit);
    });
    connect(process, &QProcess::errorOccurred, this, [this, agentId, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        const auto current = m_children.value(agentId);
        process->deleteLater();
        if (!current || current->process != process)
            return;
        current->process = nullptr;
        m_children.remove(agentId);
        Q_EMIT gaveUp(agentId, tr("Cannot start %1: %2").arg(m_options.program, process->errorString()));
    });
    child->runningFor.start();
    process->start(m_options.program, { QStringLiteral("--config"), child->configPath });
    if (process->waitForStarted(5000))
        Q_EMIT started(agentId, process->processId());
}

void AgentSupervisor::onFinished(const QString& agentId, int exitCode, bool crashed)
{
    const auto child = m_children.value(agentId);
    if (!child || child->stopping)
        return;
    const QString tail = lastLines(child->tail);
    if (!crashed && exitCode == ExitBadConfig) {
        m_children.remove(agentId);
        Q_EMIT exited(agentId, exitCode, tail, -1);
        Q_EMIT gaveUp(agentId, tail.isEmpty() ? tr("The agent runtime refused its configuration") : tail);
        return;
    }
    if (child->runningFor.elapsed() >= m_options.stableResetMs)
        child->attempts = 0;
    if (child->attempts >= m_options.maxRestarts) {
        m_children.remove(agentId);
        Q_EMIT exited(agentId, exitCode, tail, -1);
        Q_EMIT gaveUp(agentId,
                      tr("The agent runtime stopped %1 times in a row; last output: %2")
                          .arg(m_options.maxRestarts + 1)
                          .arg(tail.isEmpty() ? tr("(none)") : tail));
        return;
    }
    const int delay = m_options.backoffBaseMs * (1 << std::min(child->attempts, 16));
    ++child->attempts;
    Q_EMIT exited(agentId, exitCode, tail, delay);
    if (!child->restartTimer) {
        child->restartTimer = new QTimer(this);
        child->restartTimer->setSingleShot(true);
        connect(child->restartTimer, &QTimer::timeout, this, [this, agentId] { launch(agentId); });
    }
    child->restartTimer->start(delay);
}

void AgentSupervisor::terminate(Child& child)
{
    if (child.restartTimer) {
        child.restartTimer->stop();
        child.restartTimer->deleteLater();
        child.restartTimer = nullptr;
    }
    QProcess* process = std::exchange(child.process, nullptr);
    if (!process)
        return;
    process->disconnect(this);
    if (process->state() != QProcess::NotRunning) {
        process->terminate();
        if (!process->waitForFinished(m_options.killAfterMs)) {
            process->kill();
            process->waitForFinished(1000);
        }
    }
    process->deleteLater();
}

void AgentSupervisor::stop(const QString& agentId)
{
    const auto child = m_children.take(agentId);
    if (!child)
        return;
    child->stopping = true;
    terminate(*child);
}

void AgentSupervisor::stopAll()
{
    const QStringList ids = m_children.keys();
    for (const QString& id : ids)
        stop(id);
}

qint64 AgentSupervisor::pid(const QString& agentId) const
{
    const auto child = m_children.value(agentId);
    return child && child->process ? child->process->processId() : 0;
}

int AgentSupervisor::restarts(const QString& agentId) const
{
    const auto child = m_children.value(agentId);
    return child ? child->attempts : 0;
}

} // namespace aiops::controller
