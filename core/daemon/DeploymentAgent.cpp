#include "core/daemon/DeploymentAgent.h"

#include "core/daemon/DeploymentExecutor.h"
#include "core/daemon/ModelCache.h"
#include "core/daemon/ModelCacheAgent.h"
#include "core/daemon/NodeClient.h"
#include "core/protocol/Codec.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>
#include <algorithm>
#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace aiops::daemon {

Q_LOGGING_CATEGORY(lcDeployAgent, "aiops.node.deploy")

namespace {

int percent(qint64 done, qint64 total)
{
    return total > 0 ? int(std::clamp<qint64>(done * 100 / total, 0, 100)) : 0;
}

// The end of a log that fits the protocol's limit, cut at a line start where there is one.
QString tailOf(const QString& text, int maxChars)
{
    if (text.size() <= maxChars)
        return text;
    QString tail = text.right(maxChars);
    const qsizetype newline = tail.indexOf(u'\n');
    if (newline >= 0 && newline + 1 < tail.size())
        tail.remove(0, newline + 1);
    return tail;
}

Error withField(Error error, const QString& field)
{
    error.field = field;
    error.message = field + u": "_s + error.message;
    return error;
}

} // namespace

DeploymentAgent::DeploymentAgent(Options options,
                                 ContainerRuntime* runtime,
                                 DeploymentExecutor* executor,
                                 ModelCache* cache,
                                 Sender sender,
                                 QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_runtime(runtime)
    , m_executor(executor)
    , m_cache(cache)
    , m_sender(std::move(sender))
    , m_eventsBackoff(Backoff::Jitter::Equal, m_options.eventsBackoffInitial, m_options.eventsBackoffCap)
{
    m_eventsRetry.setSingleShot(true);
    connect(&m_eventsRetry, &QTimer::timeout, this, &DeploymentAgent::openEvents);
    if (m_executor) {
        connect(m_executor, &DeploymentExecutor::phaseChanged, this, &DeploymentAgent::onPhase);
        connect(m_executor,
                &DeploymentExecutor::pullProgress,
                this,
                [this](const QString& deploymentId, const QString&, qint64 current, qint64 total) {
                    onPullProgress(deploymentId, current, total);
                });
        connect(m_executor, &DeploymentExecutor::deployed, this, &DeploymentAgent::onDeployed);
        connect(m_executor, &DeploymentExecutor::failed, this, &DeploymentAgent::onFailed);
    }
    if (m_cache) {
        connect(m_cache, &ModelCache::progress, this, &DeploymentAgent::onModelProgress);
        connect(m_cache, &ModelCache::ready, this, &DeploymentAgent::onModelReady);
        connect(m_cache, &ModelCache::failed, this, &DeploymentAgent::onModelFailed);
    }
}

DeploymentAgent::~DeploymentAgent()
{
    stopWatching();
}

void DeploymentAgent::attach(NodeClient* client)
{
    if (!m_sender)
        m_sender = [client](const QByteArray& frame) {
            client->send(frame);
        };
    if (m_options.storageBase.isEmpty())
        m_options.storageBase = ModelCacheAgent::httpBaseFor(client->options().controllerUrl);
    connect(client, &NodeClient::deployModelRequested, this, &DeploymentAgent::onDeployModel);
    connect(client, &NodeClient::stopContainerRequested, this, &DeploymentAgent::onStopContainer);
    connect(client, &NodeClient::getLogsRequested, this, &DeploymentAgent::onGetLogs);
    connect(client, &NodeClient::registered, this, &DeploymentAgent::onRegistered);
}

void DeploymentAgent::setUnavailable(const QString& reason)
{
    m_unavailableReason = reason;
}

void DeploymentAgent::start()
{
    if (!isAvailable())
        return;
    // The stream opens after the listing: replaying from now on loses nothing that happens in between.
    if (m_lastEventSeconds == 0)
        m_lastEventSeconds = QDateTime::currentSecsSinceEpoch();
    QPointer<DeploymentAgent> self(this);
    m_executor->listManaged([self](Result<QList<ContainerSummary>> listed) {
        if (!self)
            return;
        int found = 0;
        if (!listed) {
            qCWarning(lcDeployAgent, "cannot list the managed containers: %s", qUtf8Printable(listed.error().message));
        } else {
            for (const ContainerSummary& c : std::as_const(*listed)) {
                const QString deploymentId = c.labels.value(DeploymentExecutor::kDeploymentLabel);
                if (deploymentId.isEmpty() || c.labels.contains(DeploymentExecutor::kOwnerLabel))
                    continue;
                const bool running = c.state == u"running";
                auto it = self->m_deployments.find(deploymentId);
                if (it != self->m_deployments.end() && (it->stage != Stage::Exited || !running))
                    continue; // known already (a command came first), or a stopped twin of a known one
                if (it == self->m_deployments.end()) {
                    Deployment d;
                    d.deploymentId = deploymentId;
                    d.modelId = c.labels.value(kModelLabel);
                    self->pinModel(d.modelId);
                    it = self->m_deployments.insert(deploymentId, d);
                }
                it->requestId = c.labels.value(DeploymentExecutor::kRequestLabel);
                it->jobId = c.labels.value(kJobLabel);
                it->containerId = c.id;
                it->stage = running ? Stage::Running : Stage::Exited;
                self->setHostPort(*it, running ? managedHostPort(c) : 0);
                ++found;
            }
            qCInfo(lcDeployAgent, "found %d managed container(s) on this node", found);
        }
        self->m_watching = true;
        self->openEvents();
        Q_EMIT self->adopted(found);
    });
}

void DeploymentAgent::stopWatching()
{
    m_watching = false;
    m_eventsRetry.stop();
    if (m_events && m_runtime)
        m_runtime->stopStream(m_events);
    m_events = 0;
}

int DeploymentAgent::hostPortOf(const QString& deploymentId) const
{
    const auto it = m_deployments.constFind(deploymentId);
    return it != m_deployments.constEnd() && it->stage == Stage::Running ? it->hostPort : 0;
}

QStringList DeploymentAgent::runningDeployments() const
{
    QStringList ids;
    for (const Deployment& d : m_deployments) {
        if (d.stage == Stage::Running)
            ids.append(d.deploymentId);
    }
    ids.sort();
    return ids;
}

// ---------------------------------------------------------------------------------------------------------------
// Deploy

Result<DeploySpec> DeploymentAgent::specFor(const protocol::NodeDeployModel& command) const
{
    const protocol::DeployContainerConfig& config = command.containerConfig;
    if (command.deploymentId.isEmpty() || command.requestId.isEmpty())
        return makeError(ErrorCode::MissingField, tr("A deployment needs a deploymentId and a requestId"));
    QStringList devices;
    for (const QString& device : config.gpuDevice.split(u',', Qt::SkipEmptyParts))
        devices.append(device.trimmed());
    // The controller checked the VRAM it gives the container; the node checks the image and the GPU need.
    const auto allowed
        = m_options.allowlist.check(config.image, !devices.isEmpty(), std::numeric_limits<qint64>::max());
    if (!allowed)
        return std::unexpected(withField(allowed.error(), u"containerConfig.image"_s));
    const auto memory = protocol::parseMemoryLimit(config.memoryLimit);
    if (!memory)
        return std::unexpected(withField(memory.error(), u"containerConfig.memoryLimit"_s));
    const auto ports = protocol::parsePortMapping(config.ports);
    if (!ports)
        return std::unexpected(withField(ports.error(), u"containerConfig.ports"_s));
    if (!config.gpuVendor.isEmpty() && config.gpuVendor != u"nvidia" && config.gpuVendor != u"amd") {
        return std::unexpected(withField(Error { ErrorCode::InvalidValue, tr("must be nvidia or amd"), {} },
                                         u"containerConfig.gpuVendor"_s));
    }
    if (!config.modelMount.isEmpty() && command.files.isEmpty()) {
        return std::unexpected(
            withField(Error { ErrorCode::InvalidValue, tr("a model mount needs the model's files"), {} },
                      u"containerConfig.modelMount"_s));
    }
    if (!command.files.isEmpty() && command.modelId.isEmpty()) {
        return std::unexpected(
            withField(Error { ErrorCode::MissingField, tr("required when files are given"), {} }, u"modelId"_s));
    }
    if (config.healthTimeoutSeconds < 1 || config.healthTimeoutSeconds > 3600) {
        return std::unexpected(withField(Error { ErrorCode::OutOfRange, tr("must be between 1 and 3600"), {} },
                                         u"containerConfig.healthTimeoutSeconds"_s));
    }

    DeploySpec spec;
    spec.deploymentId = command.deploymentId;
    spec.requestId = command.requestId;
    spec.image = config.image;
    spec.entrypoint = config.entrypoint;
    spec.cmd = config.command;
    spec.env = config.environment;
    if (config.gpuVendor == u"amd")
        spec.amdGpu = !devices.isEmpty();
    else
        spec.gpuDeviceIds = devices;
    spec.ipcHost = config.ipcHost;
    spec.shmSizeBytes = config.shmSizeMb * 1024 * 1024;
    spec.memoryLimitBytes = *memory;
    spec.containerPort = ports->containerPort;
    spec.hostPort = ports->hostPort;
    spec.healthPath = config.healthPath;
    spec.healthTimeoutMs = config.healthTimeoutSeconds * 1000;
    spec.healthIntervalMs = m_options.healthIntervalMs;
    if (!command.jobId.isEmpty())
        spec.labels.insert(QString(kJobLabel), command.jobId);
    if (!command.files.isEmpty())
        spec.labels.insert(QString(kModelLabel), command.modelId);
    return spec;
}

Result<void> DeploymentAgent::deploy(const protocol::NodeDeployModel& command, Origin origin)
{
    const bool reported = origin == Origin::Controller;
    const auto refuse = [&](const Error& error) -> Result<void> {
        qCWarning(lcDeployAgent,
                  "refusing deployment %s: %s %s",
                  qUtf8Printable(command.deploymentId),
                  qUtf8Printable(error.codeName()),
                  qUtf8Printable(error.message));
        if (reported)
            reject(command, error);
        return std::unexpected(error);
    };
    if (!isAvailable()) {
        return refuse(
            Error { ErrorCode::Unavailable,
                    m_unavailableReason.isEmpty() ? tr("No container runtime on this node") : m_unavailableReason,
                    {} });
    }
    auto spec = specFor(command);
    if (!spec)
        return refuse(spec.error());
    if (!command.files.isEmpty() && !m_cache)
        return refuse(Error { ErrorCode::Unavailable, tr("This node has no model cache"), {} });

    if (const auto it = m_deployments.find(command.deploymentId); it != m_deployments.end()) {
        switch (it->stage) {
        case Stage::Running: {
            // The same deployment again (a retried command, a controller that restarted): it runs already.
            if (reported) {
                sendAck(command.requestId, nullptr);
                Deployment answer = *it;
                answer.requestId = command.requestId;
                answer.jobId = command.jobId.isEmpty() ? it->jobId : command.jobId;
                answer.reported = true;
                sendProgress(answer, u"running"_s, 100);
            }
            return {};
        }
        case Stage::Downloading:
        case Stage::Deploying:
            // Under way: its progress follows.
            if (reported)
                sendAck(command.requestId, nullptr);
            it->reported = it->reported || reported;
            return {};
        case Stage::Stopping:
            return refuse(
                Error { ErrorCode::Conflict, tr("Deployment %1 is being stopped").arg(command.deploymentId), {} });
        case Stage::Exited:
            forget(command.deploymentId); // started again below (the executor adopts a container of this request)
            break;
        }
    }
    if (reported)
        sendAck(command.requestId, nullptr);

    Deployment d;
    d.deploymentId = command.deploymentId;
    d.requestId = command.requestId;
    d.jobId = command.jobId;
    d.reported = reported;
    d.command = command;
    m_quiet.remove(command.deploymentId);
    if (command.files.isEmpty()) {
        d.stage = Stage::Deploying;
        m_deployments.insert(d.deploymentId, d);
        startContainer(command.deploymentId, {});
        return {};
    }

    protocol::NodeCacheModel cacheCommand;
    cacheCommand.modelId = command.modelId;
    cacheCommand.version = command.modelVersion;
    cacheCommand.files = command.files;
    const CacheManifest manifest = ModelCacheAgent::manifestFor(cacheCommand, m_options.storageBase);
    if (auto valid = ModelCache::validate(manifest); !valid)
        return refuse(valid.error());
    d.modelId = command.modelId;
    d.stage = Stage::Downloading;
    pinModel(d.modelId);
    m_deployments.insert(d.deploymentId, d);
    sendProgress(m_deployments[d.deploymentId], u"downloading"_s, 0);
    m_deployments[d.deploymentId].lastProgress.start();
    qCInfo(lcDeployAgent,
           "deployment %s: caching %s %s",
           qUtf8Printable(d.deploymentId),
           qUtf8Printable(command.modelId),
           qUtf8Printable(command.modelVersion));
    m_cache->ensure(manifest);
    return {};
}

void DeploymentAgent::startContainer(const QString& deploymentId, const QString& modelPath)
{
    auto it = m_deployments.find(deploymentId);
    if (it == m_deployments.end())
        return;
    auto spec = specFor(it->command);
    if (!spec) {
        onFailed(deploymentId, spec.error(), {});
        return;
    }
    if (!modelPath.isEmpty() && !it->command.containerConfig.modelMount.isEmpty())
        spec->binds.append(modelPath + u':' + it->command.containerConfig.modelMount + u":ro"_s);
    it->stage = Stage::Deploying;
    it->lastPercent = -1;
    it->command = {}; // not needed any more
    qCInfo(lcDeployAgent,
           "deployment %s: starting %s (request %s)",
           qUtf8Printable(deploymentId),
           qUtf8Printable(spec->image),
           qUtf8Printable(spec->requestId));
    m_executor->deploy(*spec);
}

void DeploymentAgent::onModelProgress(const QString& modelId, qint64 done, qint64 total)
{
    for (Deployment& d : m_deployments) {
        if (d.stage != Stage::Downloading || d.modelId != modelId)
            continue;
        const int p = percent(done, total);
        if (p == d.lastPercent
            || (d.lastProgress.isValid() && d.lastProgress.elapsed() < m_options.progressInterval.count()))
            continue;
        d.lastPercent = p;
        d.lastProgress.start();
        sendProgress(d, u"downloading"_s, p);
    }
}

void DeploymentAgent::onModelReady(const QString& modelId, const QString& path)
{
    QStringList waiting;
    for (Deployment& d : m_deployments) {
        if (d.stage == Stage::Downloading && d.modelId == modelId) {
            sendProgress(d, u"downloading"_s, 100);
            waiting.append(d.deploymentId);
        }
    }
    for (const QString& id : std::as_const(waiting))
        startContainer(id, path);
}

void DeploymentAgent::onModelFailed(const QString& modelId, const Error& error)
{
    QStringList waiting;
    for (const Deployment& d : std::as_const(m_deployments)) {
        if (d.stage == Stage::Downloading && d.modelId == modelId)
            waiting.append(d.deploymentId);
    }
    for (const QString& id : std::as_const(waiting))
        onFailed(id, error, {});
}

void DeploymentAgent::onPhase(const QString& deploymentId, const QString& phase)
{
    auto it = m_deployments.find(deploymentId);
    if (it == m_deployments.end() || it->stage != Stage::Deploying || phase == u"running")
        return; // "running" goes out with deployed(), which carries the port
    it->lastPercent = -1;
    it->lastProgress.invalidate();
    sendProgress(*it, phase, 0);
}

void DeploymentAgent::onPullProgress(const QString& deploymentId, qint64 current, qint64 total)
{
    auto it = m_deployments.find(deploymentId);
    if (it == m_deployments.end() || it->stage != Stage::Deploying)
        return;
    const int p = percent(current, total);
    if (p == it->lastPercent
        || (it->lastProgress.isValid() && it->lastProgress.elapsed() < m_options.progressInterval.count()))
        return;
    it->lastPercent = p;
    it->lastProgress.start();
    sendProgress(*it, u"pulling"_s, p);
}

void DeploymentAgent::onDeployed(const QString& deploymentId, const QString& containerId, int hostPort)
{
    auto it = m_deployments.find(deploymentId);
    if (it == m_deployments.end())
        return;
    it->containerId = containerId;
    it->stage = Stage::Running;
    setHostPort(*it, hostPort);
    qCInfo(lcDeployAgent,
           "deployment %s running: container %s on 127.0.0.1:%d",
           qUtf8Printable(deploymentId),
           qUtf8Printable(containerId.left(12)),
           hostPort);
    sendProgress(*it, u"running"_s, 100);
    if (!it->pendingStops.isEmpty()) {
        const QList<Done<QString>> stops = std::exchange(it->pendingStops, {});
        for (const Done<QString>& done : stops)
            stop(deploymentId, done);
    }
}

void DeploymentAgent::onFailed(const QString& deploymentId, const Error& error, const QString& logTail)
{
    auto it = m_deployments.find(deploymentId);
    if (it == m_deployments.end())
        return;
    qCWarning(lcDeployAgent,
              "deployment %s failed: %s %s",
              qUtf8Printable(deploymentId),
              qUtf8Printable(error.codeName()),
              qUtf8Printable(error.message));
    m_quiet.insert(deploymentId); // the rollback's die/stop events are not news
    sendProgress(*it, u"failed"_s, 0, &error, logTail);
    const QList<Done<QString>> stops = std::exchange(it->pendingStops, {});
    forget(deploymentId);
    for (const Done<QString>& done : stops)
        done(deploymentId); // nothing left to stop
}

void DeploymentAgent::reject(const protocol::NodeDeployModel& command, const Error& error)
{
    sendAck(command.requestId, &error);
    Deployment d;
    d.deploymentId = command.deploymentId;
    d.requestId = command.requestId;
    d.jobId = command.jobId;
    sendProgress(d, u"failed"_s, 0, &error);
}

// ---------------------------------------------------------------------------------------------------------------
// Stop and logs

void DeploymentAgent::stop(const QString& id, Done<QString> done)
{
    if (!isAvailable()) {
        done(makeError(ErrorCode::Unavailable, m_unavailableReason));
        return;
    }
    auto it = m_deployments.find(id);
    if (it == m_deployments.end()) {
        // A container id, or a deployment this agent has not seen (yet): ask the engine.
        QPointer<DeploymentAgent> self(this);
        resolve(id, [self, id, done](Result<ContainerSummary> container) {
            if (!self)
                return;
            if (!container) {
                done(std::unexpected(container.error()));
                return;
            }
            const QString deploymentId = container->labels.value(DeploymentExecutor::kDeploymentLabel);
            if (deploymentId.isEmpty() || deploymentId == id) {
                if (deploymentId.isEmpty()) {
                    done(makeError(ErrorCode::NotFound, tr("Container %1 belongs to no deployment").arg(id)));
                    return;
                }
                self->m_quiet.insert(deploymentId);
                self->m_executor->stop(deploymentId, [self, deploymentId, done](Result<void> stopped) {
                    if (self)
                        self->finishStop(deploymentId, stopped, done);
                });
                return;
            }
            self->stop(deploymentId, done);
        });
        return;
    }
    const QString deploymentId = it->deploymentId;
    switch (it->stage) {
    case Stage::Downloading: {
        const QString modelId = it->modelId;
        forget(deploymentId);
        if (m_cache && !m_modelUsers.contains(modelId))
            m_cache->cancel(modelId);
        done(deploymentId);
        return;
    }
    case Stage::Deploying:
        // The executor cannot be interrupted: stop once it has finished.
        it->pendingStops.append(std::move(done));
        return;
    case Stage::Running:
    case Stage::Exited:
    case Stage::Stopping: break;
    }
    it->stage = Stage::Stopping;
    setHostPort(*it, 0);
    m_quiet.insert(deploymentId);
    QPointer<DeploymentAgent> self(this);
    m_executor->stop(deploymentId, [self, deploymentId, done](Result<void> stopped) {
        if (self)
            self->finishStop(deploymentId, stopped, done);
    });
}

void DeploymentAgent::finishStop(const QString& deploymentId, const Result<void>& result, Done<QString> done)
{
    const bool known = m_deployments.contains(deploymentId);
    if (result || (known && result.error().code == ErrorCode::NotFound)) {
        // Gone either way (a known deployment whose container someone else removed is stopped too).
        qCInfo(lcDeployAgent, "deployment %s stopped", qUtf8Printable(deploymentId));
        forget(deploymentId);
        done(deploymentId);
        return;
    }
    if (known) {
        auto it = m_deployments.find(deploymentId);
        it->stage = Stage::Exited; // an engine error: what state it is in is unknown, the port is not served
    }
    done(std::unexpected(result.error()));
}

void DeploymentAgent::logs(const QString& id, int lines, qint64 since, Done<QString> done)
{
    if (!isAvailable()) {
        done(makeError(ErrorCode::Unavailable, m_unavailableReason));
        return;
    }
    QPointer<DeploymentAgent> self(this);
    resolve(id, [self, lines, since, done](Result<ContainerSummary> container) {
        if (!self)
            return;
        if (!container) {
            done(std::unexpected(container.error()));
            return;
        }
        const qint64 secondsAgo = since > 0 ? std::max<qint64>(1, QDateTime::currentSecsSinceEpoch() - since) : 0;
        self->m_runtime->logs(container->id, lines, secondsAgo, [done](Result<QString> text) {
            if (!text) {
                done(std::unexpected(text.error()));
                return;
            }
            done(tailOf(*text, protocol::Limits {}.maxLogBytes));
        });
    });
}

void DeploymentAgent::resolve(const QString& id, Done<ContainerSummary> done)
{
    const auto known = m_deployments.constFind(id);
    const QString containerId = known != m_deployments.constEnd() ? known->containerId : QString();
    m_executor->listManaged([id, containerId, done](Result<QList<ContainerSummary>> listed) {
        if (!listed) {
            done(std::unexpected(listed.error()));
            return;
        }
        const ContainerSummary* byDeployment = nullptr;
        for (const ContainerSummary& c : std::as_const(*listed)) {
            if ((!containerId.isEmpty() && c.id == containerId) || c.id == id
                || (id.size() >= 12 && c.id.startsWith(id)) || c.name == id) {
                done(c);
                return;
            }
            if (c.labels.value(DeploymentExecutor::kDeploymentLabel) == id
                && (!byDeployment || (c.state == u"running" && byDeployment->state != u"running")))
                byDeployment = &c;
        }
        if (byDeployment) {
            done(*byDeployment);
            return;
        }
        done(makeError(ErrorCode::NotFound, tr("No deployment or managed container %1 on this node").arg(id)));
    });
}

void DeploymentAgent::onDeployModel(const protocol::NodeDeployModel& command)
{
    static_cast<void>(deploy(command, Origin::Controller));
}

void DeploymentAgent::onStopContainer(const protocol::NodeStopContainer& command)
{
    sendAck(command.requestId, nullptr);
    const QString id = command.deploymentId.isEmpty() ? command.containerId : command.deploymentId;
    const auto known = m_deployments.constFind(id);
    const QString jobId = known != m_deployments.constEnd() ? known->jobId : QString();
    const QString containerId = known != m_deployments.constEnd() ? known->containerId : command.containerId;
    QPointer<DeploymentAgent> self(this);
    stop(id, [self, command, jobId, containerId](Result<QString> stopped) {
        if (!self)
            return;
        if (stopped) {
            self->sendProgressFor(command.requestId, *stopped, jobId, u"stopped"_s, containerId, nullptr);
        } else {
            self->sendProgressFor(
                command.requestId, command.deploymentId, jobId, u"failed"_s, containerId, &stopped.error());
        }
    });
}

void DeploymentAgent::onGetLogs(const protocol::NodeGetLogs& command)
{
    QPointer<DeploymentAgent> self(this);
    logs(command.containerId, command.lines, command.since, [self, command](Result<QString> text) {
        if (!self)
            return;
        protocol::NodeLogsResponse response;
        response.requestId = command.requestId;
        response.nodeId = self->m_options.nodeId;
        response.containerId = command.containerId;
        if (text) {
            response.logs = *text;
        } else {
            response.error = text.error().message.left(protocol::Limits {}.maxTextLength);
            response.errorCode = text.error().codeName();
        }
        response.timestamp = protocol::nowMs();
        QByteArray frame = protocol::encode(response);
        // Escaped control characters can make the frame larger than the text: keep the end that fits.
        while (frame.size() > protocol::Limits {}.maxFrameBytes && !response.logs.isEmpty()) {
            response.logs = tailOf(response.logs, int(response.logs.size() / 2));
            frame = protocol::encode(response);
        }
        self->send(frame);
    });
}

void DeploymentAgent::onRegistered()
{
    // Without a runtime this node cannot tell which containers run: it says nothing, rather than an empty
    // list that would make the controller fail every deployment here.
    if (!isAvailable())
        return;
    QPointer<DeploymentAgent> self(this);
    m_executor->listManaged([self](Result<QList<ContainerSummary>> listed) {
        if (!self)
            return;
        if (!listed) {
            // Same reason: a failed listing is no report at all.
            qCWarning(lcDeployAgent, "cannot report the containers: %s", qUtf8Printable(listed.error().message));
            return;
        }
        protocol::NodeContainers report;
        report.nodeId = self->m_options.nodeId;
        for (const ContainerSummary& c : std::as_const(*listed)) {
            if (c.labels.contains(DeploymentExecutor::kOwnerLabel))
                continue; // the controller's own containers are not this node's deployments
            report.containers.append(protocol::ManagedContainer {
                c.id,
                c.labels.value(DeploymentExecutor::kDeploymentLabel),
                c.labels.value(DeploymentExecutor::kRequestLabel),
                c.image,
                c.state,
                managedHostPort(c),
            });
        }
        report.timestamp = protocol::nowMs();
        self->send(protocol::encode(report));
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Container events

void DeploymentAgent::openEvents()
{
    if (!m_watching || !isAvailable() || (m_events && m_runtime->isStreamOpen(m_events)))
        return;
    QPointer<DeploymentAgent> self(this);
    m_events = m_runtime->watchEvents(
        [self](const ContainerEvent& event) {
            if (self)
                self->onEvent(event);
        },
        [self](const Error& error) {
            if (self)
                self->onEventsEnded(error);
        },
        m_lastEventSeconds);
}

void DeploymentAgent::onEventsEnded(const Error& error)
{
    m_events = 0;
    if (!m_watching)
        return;
    const auto delay = m_eventsBackoff.next();
    qCWarning(lcDeployAgent,
              "container event stream ended (%s); reopening in %lld ms",
              qUtf8Printable(error.message),
              static_cast<long long>(delay.count()));
    m_eventsRetry.start(delay);
}

void DeploymentAgent::onEvent(const ContainerEvent& event)
{
    m_eventsBackoff.reset();
    if (event.timeNano > 0) {
        // A reopened stream replays from the last second seen: skip what was already handled.
        const QString key = event.id + u'/' + event.action;
        if (event.timeNano < m_lastEventNano || (event.timeNano == m_lastEventNano && m_eventsAtLastNano.contains(key)))
            return;
        if (event.timeNano > m_lastEventNano) {
            m_lastEventNano = event.timeNano;
            m_eventsAtLastNano.clear();
        }
        m_eventsAtLastNano.insert(key);
        m_lastEventSeconds = event.timeNano / 1'000'000'000;
    }
    if (event.labels.contains(DeploymentExecutor::kOwnerLabel))
        return;
    const QString deploymentId = event.labels.value(DeploymentExecutor::kDeploymentLabel);
    auto it = m_deployments.find(deploymentId);
    const bool known = it != m_deployments.end() && (it->containerId.isEmpty() || it->containerId == event.id);
    const bool busy = known && (it->stage == Stage::Deploying || it->stage == Stage::Stopping);
    const bool quiet = m_quiet.contains(deploymentId);

    if (event.action == u"destroy") {
        m_quiet.remove(deploymentId);
        if (known && !busy && it->containerId == event.id)
            forget(deploymentId);
        return;
    }
    if (event.action == u"start") {
        if (it != m_deployments.end() && it->stage == Stage::Exited && it->containerId == event.id) {
            it->stage = Stage::Running;
            bool ok = false;
            const int port = event.labels.value(DeploymentExecutor::kPortLabel).toInt(&ok);
            setHostPort(*it, ok ? port : it->hostPort);
        }
        reportEvent(event, u"started"_s, {});
        return;
    }
    const bool died = event.action == u"die";
    const bool oom = event.action == u"oom";
    const bool stopped = event.action == u"stop";
    if (!died && !oom && !stopped)
        return;
    if (busy || quiet) {
        // The agent's own stop or a deploy's rollback: its outcome goes out as deploymentProgress.
        return;
    }
    if (stopped) {
        reportEvent(event, u"stopped"_s, {});
        return;
    }
    if (known && it->stage == Stage::Running) {
        it->stage = Stage::Exited;
        setHostPort(*it, 0);
    }
    QPointer<DeploymentAgent> self(this);
    const QString name = oom ? u"oom"_s : u"died"_s;
    m_runtime->logs(event.id, kEventLogTailLines, 0, [self, event, name](Result<QString> tail) {
        if (self)
            self->reportEvent(event, name, tail ? tailOf(*tail, protocol::Limits {}.maxLogBytes) : QString());
    });
}

void DeploymentAgent::reportEvent(const ContainerEvent& event, const QString& name, const QString& logTail)
{
    protocol::NodeContainerEvent message;
    message.nodeId = m_options.nodeId;
    message.containerId = event.id;
    message.deploymentId = event.labels.value(DeploymentExecutor::kDeploymentLabel);
    message.event = name;
    if (name == u"died")
        message.exitCode = event.exitCode;
    if (name == u"oom")
        message.error = tr("The container ran out of memory");
    message.logTail = logTail;
    message.timestamp = event.timeNano > 0 ? event.timeNano / 1'000'000 : protocol::nowMs();
    send(protocol::encode(message));
}

// ---------------------------------------------------------------------------------------------------------------
// Bookkeeping

void DeploymentAgent::sendAck(const QString& requestId, const Error* error)
{
    protocol::NodeCommandAck ack;
    ack.requestId = requestId;
    ack.nodeId = m_options.nodeId;
    ack.status = error ? u"rejected"_s : u"accepted"_s;
    if (error) {
        ack.reason = error->message.left(protocol::Limits {}.maxTextLength);
        ack.errorCode = error->codeName();
    }
    ack.timestamp = protocol::nowMs();
    send(protocol::encode(ack));
}

void DeploymentAgent::sendProgress(const Deployment& d,
                                   const QString& status,
                                   int progress,
                                   const Error* error,
                                   const QString& logTail)
{
    protocol::NodeDeploymentProgress p;
    p.requestId = d.requestId;
    p.jobId = d.jobId;
    p.deploymentId = d.deploymentId;
    p.nodeId = m_options.nodeId;
    p.status = status;
    p.progress = progress;
    p.containerId = d.containerId;
    if (status == u"running")
        p.hostPort = d.hostPort;
    if (error) {
        p.error = error->message.left(protocol::Limits {}.maxTextLength);
        p.errorCode = error->codeName();
    }
    p.logTail = tailOf(logTail, protocol::Limits {}.maxLogBytes);
    p.timestamp = protocol::nowMs();
    Q_EMIT progressed(p);
    if (d.reported)
        send(protocol::encode(p));
}

void DeploymentAgent::sendProgressFor(const QString& requestId,
                                      const QString& deploymentId,
                                      const QString& jobId,
                                      const QString& status,
                                      const QString& containerId,
                                      const Error* error)
{
    Deployment d;
    d.requestId = requestId;
    d.deploymentId = deploymentId;
    d.jobId = jobId;
    d.containerId = containerId;
    sendProgress(d, status, status == u"stopped" ? 100 : 0, error);
}

void DeploymentAgent::send(const QByteArray& frame)
{
    if (m_sender)
        m_sender(frame);
}

void DeploymentAgent::pinModel(const QString& modelId)
{
    if (modelId.isEmpty() || !m_cache)
        return;
    if (m_modelUsers[modelId]++ == 0)
        m_cache->pin(modelId);
}

void DeploymentAgent::unpinModel(const QString& modelId)
{
    if (modelId.isEmpty() || !m_cache || !m_modelUsers.contains(modelId))
        return;
    if (--m_modelUsers[modelId] <= 0) {
        m_modelUsers.remove(modelId);
        m_cache->unpin(modelId);
    }
}

void DeploymentAgent::forget(const QString& deploymentId)
{
    auto it = m_deployments.find(deploymentId);
    if (it == m_deployments.end())
        return;
    setHostPort(*it, 0);
    const QString modelId = it->modelId;
    m_deployments.erase(it);
    unpinModel(modelId);
}

void DeploymentAgent::setHostPort(Deployment& d, int port)
{
    if (d.hostPort == port)
        return;
    const bool wasServed = d.hostPort > 0;
    d.hostPort = port;
    if (port > 0 || wasServed)
        Q_EMIT hostPortChanged(d.deploymentId, port);
}

} // namespace aiops::daemon
