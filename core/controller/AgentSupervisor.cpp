#include "core/controller/AgentSupervisor.h"

#include "core/daemon/ContainerRuntime.h"

#include <QPointer>
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

void AgentSupervisor::start(const QString& agentId, const QString& configPath, const QString& containerImage)
{
    auto& slot = m_children[agentId];
    if (slot) {
        slot->stopping = true;
        terminate(*slot);
    }
    slot = std::make_shared<Child>();
    slot->configPath = configPath;
    slot->image = containerImage;
    launch(agentId);
}

void AgentSupervisor::launch(const QString& agentId)
{
    const auto child = m_children.value(agentId);
    if (!child)
        return;
    if (!child->image.isEmpty()) {
        launchContainer(agentId, child);
        return;
    }
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

void AgentSupervisor::launchContainer(const QString& agentId, const std::shared_ptr<Child>& child)
{
    auto engine = m_engine ? m_engine()
                           : Result<daemon::ContainerRuntime*>(std::unexpected(
                               Error { ErrorCode::Unavailable, tr("No container engine is configured") }));
    if (!engine) {
        m_children.remove(agentId);
        Q_EMIT gaveUp(agentId, tr("Cannot run the agent runtime as a container: %1").arg(engine.error().message));
        return;
    }
    child->engine = *engine;
    child->tail.clear();
    daemon::ContainerSpec spec;
    spec.name = QStringLiteral("aiops-agent-") + agentId;
    spec.image = child->image;
    spec.entrypoint = { QStringLiteral("/usr/local/bin/aiops-agent") };
    spec.cmd = { QStringLiteral("--config"), QStringLiteral("/etc/aiops-agent/config.json") };
    spec.binds = { child->configPath + QStringLiteral(":/etc/aiops-agent/config.json:ro") };
    spec.networkMode = QStringLiteral("host");
    spec.labels = { { QStringLiteral("aiops.owner"), QStringLiteral("controller") },
                    { QStringLiteral("aiops.agent"), agentId } };
    QPointer<AgentSupervisor> self(this);
    // A container left by an earlier run (a crash, a controller killed) holds the name: it goes first.
    child->engine->removeContainer(spec.name, true, [self, agentId, child, spec](Result<void>) {
        if (self && self->m_children.value(agentId) == child)
            self->createContainer(agentId, child, spec, true);
    });
}

void AgentSupervisor::createContainer(const QString& agentId,
                                      const std::shared_ptr<Child>& child,
                                      const daemon::ContainerSpec& spec,
                                      bool mayPull)
{
    QPointer<AgentSupervisor> self(this);
    const auto current = [self, agentId, child] {
        return self && self->m_children.value(agentId) == child;
    };
    child->engine->createContainer(spec, [self, agentId, child, spec, mayPull, current](Result<QString> created) {
        if (!current())
            return;
        if (!created && created.error().code == ErrorCode::NotFound && mayPull) {
            // The image is not on this machine: pull it once, then create again.
            child->engine->pullImage(spec.image, {}, [self, agentId, child, spec, current](Result<void> pulled) {
                if (!current())
                    return;
                if (pulled) {
                    self->createContainer(agentId, child, spec, false);
                    return;
                }
                self->m_children.remove(agentId);
                Q_EMIT self->gaveUp(
                    agentId,
                    tr("The agent runtime's image %1 is not on this machine and could not be pulled (%2). "
                       "Build it with scripts/make-agent-image, or set an image your registry has.")
                        .arg(spec.image, pulled.error().message));
            });
            return;
        }
        if (!created) {
            // A refused spec will not change by retrying: say so at once.
            self->m_children.remove(agentId);
            Q_EMIT self->gaveUp(agentId,
                                tr("Cannot create the agent runtime's container from %1: %2")
                                    .arg(child->image, created.error().message));
            return;
        }
        child->containerId = *created;
        child->runningFor.start();
        child->engine->startContainer(*created, [self, agentId, child, current](Result<void> started) {
            if (!current())
                return;
            if (!started) {
                child->tail = started.error().message.toUtf8();
                self->pollContainer(agentId, child); // ends as an exit: the watchdog decides
                return;
            }
            Q_EMIT self->started(agentId, 0);
            if (!child->pollTimer) {
                child->pollTimer = new QTimer(self);
                child->pollTimer->setInterval(1000);
                connect(child->pollTimer, &QTimer::timeout, self, [self, agentId, child] {
                    if (self)
                        self->pollContainer(agentId, child);
                });
            }
            child->pollTimer->start();
        });
    });
}

void AgentSupervisor::pollContainer(const QString& agentId, const std::shared_ptr<Child>& child)
{
    const QString id = child->containerId;
    if (id.isEmpty() || !child->engine)
        return;
    QPointer<AgentSupervisor> self(this);
    child->engine->inspectContainer(id, [self, agentId, child, id](Result<daemon::ContainerState> state) {
        if (!self || self->m_children.value(agentId) != child || child->containerId != id)
            return;
        if (state && state->running)
            return;
        if (child->pollTimer)
            child->pollTimer->stop();
        const int exitCode = state ? state->exitCode : -1;
        child->containerId.clear();
        child->engine->logs(id, 20, 0, [self, agentId, child, id, exitCode](Result<QString> text) {
            if (text)
                child->tail.append(text->toUtf8());
            child->engine->removeContainer(id, true, [](Result<void>) {});
            if (self && self->m_children.value(agentId) == child)
                self->onFinished(agentId, exitCode, false);
        });
    });
}

QString AgentSupervisor::containerId(const QString& agentId) const
{
    const auto child = m_children.value(agentId);
    return child ? child->containerId : QString();
}

void AgentSupervisor::terminate(Child& child)
{
    if (child.restartTimer) {
        child.restartTimer->stop();
        child.restartTimer->deleteLater();
        child.restartTimer = nullptr;
    }
    if (child.pollTimer) {
        child.pollTimer->stop();
        child.pollTimer->deleteLater();
        child.pollTimer = nullptr;
    }
    if (const QString id = std::exchange(child.containerId, QString()); !id.isEmpty() && child.engine) {
        // Stop (SIGTERM, then SIGKILL after the grace period) and remove; the engine finishes it even when the
        // controller goes on to other work.
        daemon::ContainerRuntime* engine = child.engine;
        const int grace = std::max(1, m_options.killAfterMs / 1000);
        engine->stopContainer(
            id, grace, [engine, id](Result<void>) { engine->removeContainer(id, true, [](Result<void>) {}); });
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

void AgentSupervisor::shutdown()
{
    for (const auto& child : std::as_const(m_children)) {
        if (child->containerId.isEmpty() || !child->engine)
            continue;
        child->stopping = true;
        const QString id = std::exchange(child->containerId, QString());
        if (auto removed = child->engine->removeContainerNow(id, kShutdownRemoveMs); !removed)
            qWarning(
                "agent container %s is left running: %s", qUtf8Printable(id), qUtf8Printable(removed.error().message));
    }
    stopAll();
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
