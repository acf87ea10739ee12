#include "core/daemon/DeploymentExecutor.h"

#include "core/daemon/PortAllocator.h"
#include "core/net/CurlClient.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <algorithm>

namespace aiops::daemon {

struct DeploymentExecutor::Operation
{
    DeploySpec spec;
    QString containerId;
    int hostPort = 0;
    bool portHeld = false; // allocated by this operation, released when it ends
    bool finished = false;
    QElapsedTimer healthClock;
    QString lastHealthProblem;
};

int managedHostPort(const ContainerSummary& container)
{
    bool ok = false;
    const int labelled = container.labels.value(DeploymentExecutor::kPortLabel).toInt(&ok);
    if (ok && labelled > 0) {
        return labelled;
    }
    return container.hostPorts.isEmpty() ? 0 : container.hostPorts.first();
}

DeploymentExecutor::DeploymentExecutor(ContainerRuntime* runtime,
                                       PortAllocator* ports,
                                       net::CurlClient* curl,
                                       QObject* parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_ports(ports)
    , m_curl(curl)
{
}

DeploymentExecutor::~DeploymentExecutor() = default;

void DeploymentExecutor::deploy(const DeploySpec& spec)
{
    auto op = std::make_shared<Operation>();
    op->spec = spec;
    if (spec.deploymentId.isEmpty() || spec.requestId.isEmpty() || spec.image.isEmpty()) {
        QPointer<DeploymentExecutor> self(this);
        QTimer::singleShot(0, this, [self, op] {
            if (self) {
                self->fail(op,
                           Error { ErrorCode::MissingField,
                                   QStringLiteral("A deployment needs an id, a request id and an image"),
                                   {} });
            }
        });
        return;
    }
    if (m_inFlight.contains(spec.requestId)) {
        // The same command again while its first run is under way: run it after that one, when it adopts the
        // container the first one made (or starts afresh if that one failed and rolled back).
        m_waiting[spec.requestId].append(spec);
        return;
    }
    m_inFlight.insert(spec.requestId);
    begin(op);
}

void DeploymentExecutor::begin(const OperationPtr& op)
{
    QPointer<DeploymentExecutor> self(this);
    m_runtime->listContainers({ QString(kRequestLabel) + QLatin1Char('=') + op->spec.requestId },
                              [self, op](Result<QList<ContainerSummary>> listed) {
                                  if (!self) {
                                      return;
                                  }
                                  if (!listed) {
                                      self->fail(op, listed.error());
                                  } else if (!listed->isEmpty()) {
                                      self->adopt(op, listed->first());
                                  } else {
                                      self->ensureImage(op);
                                  }
                              });
}

void DeploymentExecutor::adopt(const OperationPtr& op, const ContainerSummary& container)
{
    op->containerId = container.id;
    op->hostPort = managedHostPort(container);
    if (op->hostPort <= 0) {
        fail(op,
             Error { ErrorCode::Conflict,
                     QStringLiteral("Container %1 of request %2 publishes no host port")
                         .arg(container.id, op->spec.requestId),
                     {} });
        return;
    }
    setPhase(op, QStringLiteral("starting"));
    startContainer(op); // already running is success
}

void DeploymentExecutor::ensureImage(const OperationPtr& op)
{
    setPhase(op, QStringLiteral("pulling"));
    QPointer<DeploymentExecutor> self(this);
    m_runtime->imageExists(op->spec.image, [self, op](Result<bool> exists) {
        if (!self) {
            return;
        }
        if (!exists) {
            self->fail(op, exists.error());
            return;
        }
        if (*exists) {
            self->createAndStart(op);
            return;
        }
        self->m_runtime->pullImage(
            op->spec.image,
            [self, op](const QString& status, qint64 current, qint64 total) {
                if (self) {
                    emit self->pullProgress(op->spec.deploymentId, status, current, total);
                }
            },
            [self, op](Result<void> pulled) {
                if (!self) {
                    return;
                }
                if (!pulled) {
                    self->fail(op, pulled.error());
                } else {
                    self->createAndStart(op);
                }
            });
    });
}

void DeploymentExecutor::createAndStart(const OperationPtr& op)
{
    setPhase(op, QStringLiteral("starting"));
    QPointer<DeploymentExecutor> self(this);
    // Ports of every managed container, stopped ones included, so that a stopped deployment keeps its port.
    m_runtime->listContainers(
        { QString(ContainerRuntime::kManagedLabel) + QStringLiteral("=true") },
        [self, op](Result<QList<ContainerSummary>> listed) {
            if (!self) {
                return;
            }
            if (!listed) {
                self->fail(op, listed.error());
                return;
            }
            QSet<int> used;
            for (const ContainerSummary& container : std::as_const(*listed)) {
                for (int port : container.hostPorts) {
                    used.insert(port);
                }
                if (const int port = managedHostPort(container); port > 0) {
                    used.insert(port);
                }
            }
            const DeploySpec& spec = op->spec;
            if (spec.hostPort > 0) {
                if (used.contains(spec.hostPort) || !PortAllocator::isFreeOnLoopback(spec.hostPort)) {
                    self->fail(op,
                               Error { ErrorCode::Conflict,
                                       QStringLiteral("Host port %1 is already in use").arg(spec.hostPort),
                                       {} });
                    return;
                }
                op->hostPort = spec.hostPort;
            } else {
                const Result<int> port = self->m_ports->allocate(used);
                if (!port) {
                    self->fail(op, port.error());
                    return;
                }
                op->hostPort = *port;
                op->portHeld = true;
            }

            ContainerSpec container;
            container.image = spec.image;
            container.entrypoint = spec.entrypoint;
            container.cmd = spec.cmd;
            container.env = spec.env;
            container.gpuDeviceIds = spec.gpuDeviceIds;
            container.amdGpu = spec.amdGpu;
            container.ipcMode = spec.ipcHost ? QStringLiteral("host") : QString();
            container.shmSizeBytes = spec.shmSizeBytes;
            container.memoryLimitBytes = spec.memoryLimitBytes;
            container.binds = spec.binds;
            container.containerPort = spec.containerPort;
            container.hostPort = op->hostPort;
            container.labels = spec.labels;
            container.labels.insert(QString(ContainerRuntime::kManagedLabel), QStringLiteral("true"));
            container.labels.insert(QString(kDeploymentLabel), spec.deploymentId);
            container.labels.insert(QString(kRequestLabel), spec.requestId);
            container.labels.insert(QString(kPortLabel), QString::number(op->hostPort));
            self->m_runtime->createContainer(container, [self, op](Result<QString> id) {
                if (!self) {
                    return;
                }
                if (!id) {
                    self->fail(op, id.error());
                    return;
                }
                op->containerId = *id;
                self->startContainer(op);
            });
        });
}

void DeploymentExecutor::startContainer(const OperationPtr& op)
{
    QPointer<DeploymentExecutor> self(this);
    m_runtime->startContainer(op->containerId, [self, op](Result<void> started) {
        if (!self) {
            return;
        }
        if (!started) {
            self->fail(op, started.error());
            return;
        }
        self->setPhase(op, QStringLiteral("health-check"));
        op->healthClock.start();
        if (op->spec.healthPath.isEmpty()) {
            self->checkStillRunning(op, {});
            return;
        }
        self->pollHealth(op);
    });
}

void DeploymentExecutor::pollHealth(const OperationPtr& op)
{
    const DeploySpec& spec = op->spec;
    const qint64 remaining = spec.healthTimeoutMs - op->healthClock.elapsed();
    const QString url = QStringLiteral("http://127.0.0.1:%1%2").arg(op->hostPort).arg(spec.healthPath);
    if (remaining <= 0) {
        QString message
            = QStringLiteral("Health check %1 did not answer 200 within %2 ms").arg(url).arg(spec.healthTimeoutMs);
        if (!op->lastHealthProblem.isEmpty()) {
            message += QStringLiteral(" (last: %1)").arg(op->lastHealthProblem);
        }
        fail(op, Error { ErrorCode::Unavailable, message, {} });
        return;
    }
    net::Request request;
    request.url = QUrl(url);
    request.timeoutMs = int(std::clamp<qint64>(remaining, 1, 10'000));
    request.connectTimeoutMs = request.timeoutMs;
    net::Transfer* transfer = m_curl->start(std::move(request));
    QPointer<DeploymentExecutor> self(this);
    connect(transfer, &net::Transfer::finished, this, [self, op](const Result<net::Response>& response) {
        if (!self || op->finished) {
            return;
        }
        if (response && response->status == 200) {
            self->succeed(op);
            return;
        }
        const QString problem = response ? QStringLiteral("HTTP %1").arg(response->status) : response.error().message;
        self->checkStillRunning(op, problem);
    });
}

void DeploymentExecutor::checkStillRunning(const OperationPtr& op, const QString& lastProblem)
{
    op->lastHealthProblem = lastProblem;
    QPointer<DeploymentExecutor> self(this);
    m_runtime->inspectContainer(op->containerId, [self, op](Result<ContainerState> state) {
        if (!self || op->finished) {
            return;
        }
        if (state && !state->running) {
            QString message = QStringLiteral("Container exited with code %1 during the health check of %2")
                                  .arg(state->exitCode)
                                  .arg(op->spec.healthPath);
            if (state->oomKilled) {
                message += QStringLiteral(" (out of memory)");
            }
            self->fail(op, Error { ErrorCode::Unavailable, message, {} });
            return;
        }
        if (state && op->spec.healthPath.isEmpty()) {
            self->succeed(op); // no probe: running is healthy
            return;
        }
        const qint64 remaining = op->spec.healthTimeoutMs - op->healthClock.elapsed();
        const int delay = int(std::clamp<qint64>(remaining, 0, std::max(0, op->spec.healthIntervalMs)));
        const QString problem = state ? op->lastHealthProblem : state.error().message;
        QTimer::singleShot(delay, self, [self, op, problem] {
            if (!self || op->finished) {
                return;
            }
            if (!op->spec.healthPath.isEmpty()) {
                self->pollHealth(op);
            } else if (op->healthClock.elapsed() >= op->spec.healthTimeoutMs) {
                self->fail(op,
                           Error { ErrorCode::Unavailable,
                                   QStringLiteral("Container state unknown after %1 ms: %2")
                                       .arg(op->spec.healthTimeoutMs)
                                       .arg(problem),
                                   {} });
            } else {
                self->checkStillRunning(op, problem);
            }
        });
    });
}

void DeploymentExecutor::succeed(const OperationPtr& op)
{
    setPhase(op, QStringLiteral("running"));
    finish(op);
    emit deployed(op->spec.deploymentId, op->containerId, op->hostPort);
}

void DeploymentExecutor::fail(const OperationPtr& op, const Error& error)
{
    if (op->finished) {
        return;
    }
    if (op->containerId.isEmpty()) {
        finish(op);
        emit failed(op->spec.deploymentId, error, QString());
        return;
    }
    // Roll back: keep the log tail for the report, then stop and remove the container.
    op->finished = true;
    QPointer<DeploymentExecutor> self(this);
    const QString id = op->containerId;
    m_runtime->logs(id, kLogTailLines, 0, [self, op, error, id](Result<QString> logs) {
        if (!self) {
            return;
        }
        const QString tail = logs ? *logs : QString();
        self->m_runtime->stopContainer(id, kRollbackGraceSeconds, [self, op, error, id, tail](Result<void>) {
            if (!self) {
                return;
            }
            self->m_runtime->removeContainer(id, true, [self, op, error, tail](Result<void>) {
                if (!self) {
                    return;
                }
                self->finish(op);
                emit self->failed(op->spec.deploymentId, error, tail);
            });
        });
    });
}

void DeploymentExecutor::finish(const OperationPtr& op)
{
    op->finished = true;
    if (op->portHeld) {
        // A created container's port is covered by the engine's listing (and its aiops.port label) from now on.
        m_ports->release(op->hostPort);
        op->portHeld = false;
    }
    const QString requestId = op->spec.requestId;
    if (requestId.isEmpty() || !m_inFlight.contains(requestId)) {
        return;
    }
    m_inFlight.remove(requestId);
    QList<DeploySpec> waiting = m_waiting.take(requestId);
    if (!waiting.isEmpty()) {
        // The next one goes after this one's signal has been delivered.
        QPointer<DeploymentExecutor> self(this);
        QTimer::singleShot(0, this, [self, waiting] {
            if (self) {
                for (const DeploySpec& spec : waiting) {
                    self->deploy(spec);
                }
            }
        });
    }
}

void DeploymentExecutor::setPhase(const OperationPtr& op, const QString& phase)
{
    emit phaseChanged(op->spec.deploymentId, phase);
}

void DeploymentExecutor::stop(const QString& deploymentId, Done<void> done)
{
    QPointer<DeploymentExecutor> self(this);
    m_runtime->listContainers(
        { QString(ContainerRuntime::kManagedLabel) + QStringLiteral("=true"),
          QString(kDeploymentLabel) + QLatin1Char('=') + deploymentId },
        [self, deploymentId, done](Result<QList<ContainerSummary>> listed) {
            if (!self) {
                return;
            }
            if (!listed) {
                done(std::unexpected(listed.error()));
                return;
            }
            if (listed->isEmpty()) {
                done(
                    makeError(ErrorCode::NotFound, QStringLiteral("No container for deployment %1").arg(deploymentId)));
                return;
            }
            self->stopNext(std::make_shared<QList<ContainerSummary>>(std::move(*listed)), done);
        });
}

void DeploymentExecutor::stopNext(std::shared_ptr<QList<ContainerSummary>> remaining, Done<void> done)
{
    if (remaining->isEmpty()) {
        done({});
        return;
    }
    const ContainerSummary container = remaining->takeFirst();
    QPointer<DeploymentExecutor> self(this);
    m_runtime->stopContainer(container.id, kStopGraceSeconds, [self, container, remaining, done](Result<void> stopped) {
        if (!self) {
            return;
        }
        if (!stopped && stopped.error().code != ErrorCode::NotFound) {
            done(std::unexpected(stopped.error()));
            return;
        }
        self->m_runtime->removeContainer(container.id, true, [self, container, remaining, done](Result<void> removed) {
            if (!self) {
                return;
            }
            if (!removed && removed.error().code != ErrorCode::NotFound) {
                done(std::unexpected(removed.error()));
                return;
            }
            if (const int port = managedHostPort(container); port > 0) {
                self->m_ports->release(port);
            }
            self->stopNext(remaining, done);
        });
    });
}

void DeploymentExecutor::listManaged(Done<QList<ContainerSummary>> done)
{
    m_runtime->listContainers({ QString(ContainerRuntime::kManagedLabel) + QStringLiteral("=true") }, std::move(done));
}

} // namespace aiops::daemon
