#pragma once

#include "core/protocol/Error.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

class QProcess;
class QTimer;

namespace aiops::daemon {
class ContainerRuntime;
struct ContainerSpec;
} // namespace aiops::daemon

namespace aiops::controller {

// Runs one `aiops-agent` child process per started agent and restarts it when it dies (seed 003's
// watchdog): up to maxRestarts attempts with exponential backoff (base, 2x base, 4x base...), and
// the attempt counter resets once a process has run stableResetMs. Exit code 2 means the runtime
// refused its configuration: it is not restarted. stop() ends a process without a restart
// (SIGTERM, then SIGKILL after killAfterMs).
//
// With a container image the runtime runs as a container instead (on the engine setContainerEngine()
// gives): the image's /usr/local/bin/aiops-agent with the config mounted read-only at
// /etc/aiops-agent/config.json and the host's network (the controller listens on loopback); an image
// the engine lacks is pulled once, and when that fails too the reason says how to build it. The
// container is polled every second; when it exits, its log tail is kept and it is removed, and the
// same watchdog rules apply.
class AgentSupervisor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentSupervisor)
public:
    struct Options
    {
        QString program; // path of aiops-agent
        int backoffBaseMs = 1000;
        int maxRestarts = 3;
        int stableResetMs = 5 * 60 * 1000;
        int killAfterMs = 3000;
    };
    static constexpr int ExitBadConfig = 2;

    explicit AgentSupervisor(Options options, QObject* parent = nullptr);
    ~AgentSupervisor() override; // stops every child

    // Starts (or restarts at once) the agent's process with `--config configPath`; with containerImage, a
    // container of that image.
    void start(const QString& agentId, const QString& configPath, const QString& containerImage = {});
    // Where containers run (created on first use); without it a container start gives up at once.
    void setContainerEngine(std::function<Result<daemon::ContainerRuntime*>()> engine) { m_engine = std::move(engine); }
    QString containerId(const QString& agentId) const; // empty unless it runs as a container
    void stop(const QString& agentId);
    void stopAll();
    // stopAll() for quitting: containers are removed before it returns (at most kShutdownRemoveMs
    // each), since no event loop runs the engine's asynchronous calls afterwards.
    void shutdown();
    static constexpr int kShutdownRemoveMs = 5000;
    bool isSupervised(const QString& agentId) const { return m_children.contains(agentId); }
    qint64 pid(const QString& agentId) const; // 0 when not running
    int restarts(const QString& agentId) const; // attempts since the last stable run
    const Options& options() const { return m_options; }

Q_SIGNALS:
    void started(const QString& agentId, qint64 pid);
    // The process ended without stop(). `restartInMs` < 0: no restart follows (see gaveUp).
    void exited(const QString& agentId, int exitCode, const QString& outputTail, int restartInMs);
    // No restart: the configuration was refused, or maxRestarts attempts failed.
    void gaveUp(const QString& agentId, const QString& reason);

private:
    struct Child
    {
        QProcess* process = nullptr;
        QString image; // non-empty: runs as a container
        QString containerId;
        QTimer* pollTimer = nullptr;
        daemon::ContainerRuntime* engine = nullptr;
        QTimer* restartTimer = nullptr;
        QString configPath;
        QElapsedTimer runningFor;
        int attempts = 0;
        QByteArray tail;
        bool stopping = false;
    };

    void launch(const QString& agentId);
    void launchContainer(const QString& agentId, const std::shared_ptr<Child>& child);
    // Creates and starts the agent's container; a missing image is pulled first when mayPull.
    void createContainer(const QString& agentId,
                         const std::shared_ptr<Child>& child,
                         const daemon::ContainerSpec& spec,
                         bool mayPull);
    void pollContainer(const QString& agentId, const std::shared_ptr<Child>& child);
    void onFinished(const QString& agentId, int exitCode, bool crashed);
    void terminate(Child& child);

    Options m_options;
    QHash<QString, std::shared_ptr<Child>> m_children;
    std::function<Result<daemon::ContainerRuntime*>()> m_engine;
};

} // namespace aiops::controller
