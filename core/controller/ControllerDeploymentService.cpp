#include "core/controller/ControllerDeploymentService.h"

#include "core/controller/NodeGateway.h"
#include "core/controller/NodeModelCaches.h"
#include "core/deploy/Frameworks.h"
#include "core/iam/IamService.h"
#include "core/iam/Permissions.h"
#include "core/net/CurlClient.h"
#include "core/net/Transfer.h"
#include "core/nodes/NodeRegistry.h"
#include "core/protocol/Codec.h"
#include "core/registry/ModelRegistry.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>
#include <QUuid>

Q_LOGGING_CATEGORY(lcDeploy, "aiops.deploy")

namespace aiops::controller {

using namespace Qt::StringLiterals;
using deploy::DeploymentJob;
using deploy::DeploymentJobKind;
using deploy::DeploymentJobState;
using deploy::DeploymentPhase;
using deploy::DeploymentRecord;
using deploy::DeploymentStatus;

namespace {

QString orgOrDefault(const QString& orgId)
{
    return orgId.isEmpty() ? u"default"_s : orgId;
}

// Node errors after which another attempt cannot succeed: the image is refused or missing, the
// request is malformed, the disk is full.
bool isRetryable(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Forbidden:
    case ErrorCode::NotFound:
    case ErrorCode::InvalidValue:
    case ErrorCode::InvalidFieldType:
    case ErrorCode::MissingField:
    case ErrorCode::OutOfRange:
    case ErrorCode::BadRequest:
    case ErrorCode::Conflict:
    case ErrorCode::InsufficientStorage: return false;
    default: return true;
    }
}

ErrorCode codeFromName(const QString& name)
{
    for (int i = 0; i <= int(ErrorCode::RangeNotSatisfiable); ++i) {
        if (errorCodeName(ErrorCode(i)) == name)
            return ErrorCode(i);
    }
    return ErrorCode::Internal;
}

std::optional<DeploymentPhase> phaseOfNodeStatus(const QString& status)
{
    if (status == u"downloading" || status == u"extracting")
        return DeploymentPhase::Downloading;
    if (status == u"pulling")
        return DeploymentPhase::Pulling;
    if (status == u"starting")
        return DeploymentPhase::Starting;
    if (status == u"health-check")
        return DeploymentPhase::HealthCheck;
    return std::nullopt;
}

// The seed's advice for an out-of-memory container.
QString oomSuggestion()
{
    return u"The model ran out of memory. Try a smaller model, a lower GPU memory utilization, a higher "
           u"memory limit, or a node with more free VRAM."_s;
}

QString withLogTail(const QString& message, const QString& logTail)
{
    if (logTail.trimmed().isEmpty())
        return message;
    return message + u"\n\nLast log lines:\n"_s + logTail.trimmed();
}

QString modelDirName(const registry::ModelRecord& model)
{
    return u"models--"_s + QString(model.name.isEmpty() ? model.modelId : model.name).replace(u'/', u"--"_s);
}

QString newId(QStringView prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(16);
}

QJsonObject requestToJson(const DeployRequest& r)
{
    QJsonObject env;
    for (auto it = r.environment.cbegin(); it != r.environment.cend(); ++it)
        env.insert(it.key(), it.value());
    QJsonObject o { { u"modelId"_s, r.modelId },
                    { u"framework"_s, r.framework },
                    { u"image"_s, r.image },
                    { u"instanceId"_s, r.instanceId },
                    { u"gpuCount"_s, r.gpuCount },
                    { u"strategy"_s, deploy::strategyName(r.strategy) },
                    { u"environment"_s, env },
                    { u"args"_s, QJsonArray::fromStringList(r.extraArgs) },
                    { u"command"_s, QJsonArray::fromStringList(r.command) },
                    { u"containerPort"_s, r.containerPort },
                    { u"healthPath"_s, r.healthPath },
                    { u"memoryLimitMb"_s, r.memoryLimitMb },
                    { u"gpuMemoryUtilization"_s, r.gpuMemoryUtilization },
                    { u"healthTimeoutSeconds"_s, r.healthTimeoutSeconds } };
    if (r.manual)
        o.insert(u"placement"_s,
                 QJsonObject { { u"nodeId"_s, r.manual->nodeId },
                               { u"gpuDevices"_s, QJsonArray::fromStringList(r.manual->deviceIds) } });
    return o;
}

} // namespace

ControllerDeploymentService::ControllerDeploymentService(store::Database& database,
                                                         NodeGateway* gateway,
                                                         nodes::NodeRegistry* nodes,
                                                         registry::ModelRegistry* models,
                                                         NodeModelCaches* caches,
                                                         iam::IamService* iam,
                                                         iam::Principal actingAs,
                                                         Options options,
                                                         net::CurlClient* curl,
                                                         QObject* parent)
    : DeploymentService(parent)
    , m_store(std::make_unique<deploy::DeploymentStore>(database))
    , m_gateway(gateway)
    , m_nodes(nodes)
    , m_models(models)
    , m_caches(caches)
    , m_iam(iam)
    , m_actingAs(std::move(actingAs))
    , m_options(std::move(options))
    , m_curl(curl)
{
    qRegisterMetaType<aiops::deploy::DeploymentRecord>();
    m_store->setRetryPolicy(m_options.retry);
    m_tick.setInterval(m_options.pollMs);
    connect(&m_tick, &QTimer::timeout, this, &ControllerDeploymentService::tick);
    m_statsTimer.setInterval(m_options.statsFlushMs);
    connect(&m_statsTimer, &QTimer::timeout, this, &ControllerDeploymentService::flushStats);
    m_healthTimer.setInterval(std::max(100, m_options.healthIntervalMs));
    connect(&m_healthTimer, &QTimer::timeout, this, &ControllerDeploymentService::probeHealth);
    connect(m_gateway, &NodeGateway::commandAcknowledged, this, &ControllerDeploymentService::onAck);
    connect(m_gateway, &NodeGateway::deploymentProgress, this, &ControllerDeploymentService::onProgress);
    connect(m_gateway, &NodeGateway::logsReceived, this, &ControllerDeploymentService::onLogs);
    connect(m_gateway, &NodeGateway::containerEvent, this, &ControllerDeploymentService::onContainerEvent);
    connect(m_gateway, &NodeGateway::containersReported, this, &ControllerDeploymentService::onContainers);
    connect(m_nodes,
            &nodes::NodeRegistry::nodeWentOffline,
            this,
            [this](const protocol::NodeOffline& event, const QString&) { onNodeOffline(event.nodeId); });
}

ControllerDeploymentService::~ControllerDeploymentService()
{
    flushStats();
}

Result<void> ControllerDeploymentService::start()
{
    auto resumed = m_store->resumeAfterRestart();
    if (!resumed)
        return std::unexpected(resumed.error());
    if (*resumed > 0)
        qCInfo(lcDeploy, "resuming %d interrupted deployment job(s)", *resumed);
    auto all = m_store->deployments();
    if (!all)
        return std::unexpected(all.error());
    for (const DeploymentRecord& record : std::as_const(*all)) {
        remember(record, false);
        // A placement survives the restart: its GPUs stay promised until the node reports back.
        if (record.status == DeploymentStatus::Deploying && !record.gpuDevices.isEmpty())
            (void)m_reservations.reserve(
                record.deploymentId, record.nodeId, record.gpuDevices, record.memoryAllocatedMb);
    }
    m_tick.start();
    m_statsTimer.start();
    if (m_curl && m_options.healthIntervalMs > 0)
        m_healthTimer.start();
    return {};
}

template<typename T, typename F> T ControllerDeploymentService::onOwnThread(F&& work) const
{
    if (QThread::currentThread() == thread())
        return work();
    T result;
    QMetaObject::invokeMethod(
        const_cast<ControllerDeploymentService*>(this), [&] { result = work(); }, Qt::BlockingQueuedConnection);
    return result;
}

// ---- DeploymentService -------------------------------------------------------------------------

QList<DeploymentRecord> ControllerDeploymentService::deployments() const
{
    QMutexLocker lock(&m_mutex);
    QList<DeploymentRecord> list = m_snapshot.values();
    lock.unlock();
    std::sort(list.begin(), list.end(), [](const DeploymentRecord& a, const DeploymentRecord& b) {
        return a.createdAt == b.createdAt ? a.deploymentId < b.deploymentId : a.createdAt > b.createdAt;
    });
    return list;
}

std::optional<DeploymentRecord> ControllerDeploymentService::deployment(const QString& deploymentId) const
{
    return cached(deploymentId);
}

std::optional<DeploymentRecord> ControllerDeploymentService::cached(const QString& deploymentId) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_snapshot.constFind(deploymentId);
    return it == m_snapshot.cend() ? std::nullopt : std::optional(*it);
}

Result<deploy::Placement> ControllerDeploymentService::previewPlacement(const DeployRequest& request) const
{
    return onOwnThread<Result<deploy::Placement>>([&] { return previewAs(m_actingAs, request); });
}

Result<DeploymentRecord> ControllerDeploymentService::deploy(const DeployRequest& request)
{
    return onOwnThread<Result<DeploymentRecord>>([&] { return deployAs(m_actingAs, request); });
}

Result<void> ControllerDeploymentService::stop(const QString& deploymentId)
{
    return onOwnThread<Result<void>>([&] { return stopAs(m_actingAs, deploymentId); });
}

Result<void> ControllerDeploymentService::remove(const QString& deploymentId)
{
    return onOwnThread<Result<void>>([&] { return removeAs(m_actingAs, deploymentId); });
}

QString ControllerDeploymentService::requestLogs(const QString& deploymentId, int lines)
{
    const QString requestId = newId(u"logs-");
    QMetaObject::invokeMethod(this, [this, deploymentId, lines, requestId] {
        auto sent = requestLogsAs(m_actingAs, deploymentId, lines);
        if (!sent) {
            Q_EMIT logsFailed(requestId, deploymentId, sent.error());
            return;
        }
        // requestLogsAs made its own id: answer under the caller's.
        m_logRequests.insert(*sent, deploymentId + u'\n' + requestId);
    });
    return requestId;
}

// ---- validation and placement ------------------------------------------------------------------

Result<void> ControllerDeploymentService::authorizeDeploy(const iam::Principal& caller, const QString& orgId) const
{
    return iam::authorize(caller, iam::Permission::DeployModels, orgOrDefault(orgId));
}

Result<deploy::Placement> ControllerDeploymentService::place(const DeployRequest& request,
                                                             const QString& framework,
                                                             const QString& deploymentId,
                                                             const QString& orgId) const
{
    // Only the caller's organization's nodes run its deployments.
    QList<nodes::NodeInfo> all;
    for (const nodes::NodeInfo& n : m_nodes->nodes()) {
        if (orgOrDefault(n.record.owner.orgId) == orgOrDefault(orgId))
            all.append(n);
    }
    const auto model = m_models->model(request.modelId);
    if (!model)
        return makeError(ErrorCode::NotFound, u"No model “%1” in the registry"_s.arg(request.modelId), u"modelId"_s);

    if (request.gpuCount == 0) {
        // A CPU deployment (custom engines, tests on GPU-less machines): any online node.
        deploy::Placement placement;
        if (request.manual) {
            auto node = std::find_if(all.cbegin(), all.cend(), [&](const nodes::NodeInfo& n) {
                return n.record.nodeId == request.manual->nodeId;
            });
            if (node == all.cend())
                return makeError(
                    ErrorCode::InvalidValue, u"No node “%1”"_s.arg(request.manual->nodeId), u"placement.nodeId"_s);
            if (node->record.status != u"online")
                return makeError(ErrorCode::Conflict,
                                 u"Node %1 is %2"_s.arg(node->record.name, node->record.status),
                                 u"placement.nodeId"_s);
            placement.nodeId = node->record.nodeId;
            placement.explanation = u"%1 chosen by hand; no GPU requested."_s.arg(node->record.name);
            return placement;
        }
        const nodes::NodeInfo* best = nullptr;
        for (const nodes::NodeInfo& n : all) {
            if (n.record.status != u"online") {
                placement.rejected << u"%1: %2"_s.arg(n.record.name, n.record.status);
                continue;
            }
            const double load = n.cpuUtilization < 0 ? 100 : n.cpuUtilization;
            if (!best || load < (best->cpuUtilization < 0 ? 100 : best->cpuUtilization)
                || (load == (best->cpuUtilization < 0 ? 100 : best->cpuUtilization)
                    && n.record.nodeId < best->record.nodeId))
                best = &n;
        }
        if (!best)
            return makeError(ErrorCode::Conflict, u"No node is online to run this deployment"_s, u"placement"_s);
        placement.nodeId = best->record.nodeId;
        placement.explanation = u"%1: the least busy online node (CPU %2 %); no GPU requested."_s.arg(
            best->record.name, best->cpuUtilization < 0 ? u"unknown"_s : QString::number(best->cpuUtilization, 'f', 0));
        return placement;
    }

    deploy::PlacementRequest p;
    p.modelId = request.modelId;
    p.deploymentId = deploymentId;
    p.minGpuMemoryMb = std::max(model->minGpuMemory, model->minVram);
    p.framework = framework;
    p.gpuCount = request.gpuCount;
    p.strategy = request.strategy;
    p.manual = request.manual;
    deploy::PlacementInputs inputs;
    for (const nodes::NodeInfo& n : std::as_const(all)) {
        inputs.nodes.append(deploy::NodeView::fromNodeInfo(n));
        if (const int rtt = m_gateway->rttMs(n.record.nodeId); rtt >= 0)
            inputs.rttMs.insert(n.record.nodeId, rtt);
        if (m_caches && m_caches->isCached(n.record.nodeId, request.modelId))
            inputs.nodesWithModelCached.insert(n.record.nodeId);
    }
    inputs.reservations = m_reservations.reservations();
    return m_selector.select(p, inputs);
}

Result<protocol::DeployContainerConfig>
ControllerDeploymentService::containerFor(const DeployRequest& request,
                                          const QString& framework,
                                          const deploy::Placement& placement) const
{
    const auto model = m_models->model(request.modelId);
    deploy::FrameworkInput in;
    in.framework = framework;
    in.image = request.image;
    in.modelId = request.modelId;
    in.modelDirName = model ? modelDirName(*model) : QString();
    in.gpuDeviceIds = placement.deviceIds;
    if (const auto node = m_nodes->node(placement.nodeId)) {
        for (const store::GpuDeviceRecord& gpu : node->record.gpuDevices) {
            if (placement.deviceIds.contains(gpu.deviceId))
                in.gpuVendor = gpu.vendor.toLower();
        }
    }
    in.memoryLimitMb = request.memoryLimitMb;
    in.environment = request.environment;
    in.extraArgs = request.extraArgs;
    in.command = request.command;
    in.containerPort = request.containerPort;
    in.healthPath = request.healthPath;
    in.gpuMemoryUtilization = request.gpuMemoryUtilization;
    in.healthTimeoutSeconds = request.healthTimeoutSeconds;
    return deploy::buildContainerConfig(in);
}

Result<deploy::Placement> ControllerDeploymentService::previewAs(const iam::Principal& caller,
                                                                 const DeployRequest& request) const
{
    if (auto allowed = iam::authorize(caller, iam::Permission::ViewMetrics, orgOrDefault(caller.orgId)); !allowed)
        return std::unexpected(allowed.error());
    const auto model = m_models->model(request.modelId);
    if (!model)
        return makeError(ErrorCode::NotFound, u"No model “%1” in the registry"_s.arg(request.modelId), u"modelId"_s);
    const QString framework = !request.framework.isEmpty() ? request.framework
        : model->framework.isEmpty()                       ? u"vllm"_s
                                                           : model->framework;
    auto placement = place(request, framework, {}, caller.orgId);
    if (!placement)
        return placement;
    auto config = containerFor(request, framework, *placement);
    if (!config)
        return std::unexpected(config.error());
    const qint64 vram = placement->reservedMbPerGpu * placement->deviceIds.size();
    if (auto ok = m_options.allowlist.check(config->image, !placement->deviceIds.isEmpty(), vram); !ok)
        return std::unexpected(ok.error());
    return placement;
}

// ---- deploy / stop / remove --------------------------------------------------------------------

Result<DeploymentRecord> ControllerDeploymentService::deployAs(const iam::Principal& caller,
                                                               const DeployRequest& request)
{
    if (auto allowed = authorizeDeploy(caller, caller.orgId); !allowed)
        return std::unexpected(allowed.error());
    if (request.modelId.isEmpty())
        return makeError(ErrorCode::MissingField, u"modelId is required"_s, u"modelId"_s);
    const auto model = m_models->model(request.modelId);
    if (!model)
        return makeError(ErrorCode::NotFound, u"No model “%1” in the registry"_s.arg(request.modelId), u"modelId"_s);
    if (!authorizeDeploy(caller, model->orgId)) // another organization's model: not there for this caller
        return makeError(ErrorCode::NotFound, u"No model “%1” in the registry"_s.arg(request.modelId), u"modelId"_s);
    if (model->status != u"ready" && model->status != u"publishing") // publishing: copying to S3, usable
        return makeError(
            ErrorCode::Conflict, u"Model “%1” is %2, not ready"_s.arg(request.modelId, model->status), u"modelId"_s);
    if (request.gpuCount < 0 || request.gpuCount > 64)
        return makeError(ErrorCode::InvalidValue, u"gpuCount must be 0-64"_s, u"gpuCount"_s);
    const QString framework = !request.framework.isEmpty() ? request.framework
        : model->framework.isEmpty()                       ? u"vllm"_s
                                                           : model->framework;
    if (auto known = deploy::frameworkDefaults(framework); !known)
        return std::unexpected(known.error());

    static const QRegularExpression instancePattern(u"^[a-z0-9][a-z0-9-]{0,31}$"_s);
    QString instanceId = request.instanceId;
    if (instanceId.isEmpty())
        instanceId = QString::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, u'0');
    if (!instancePattern.match(instanceId).hasMatch())
        return makeError(
            ErrorCode::InvalidValue, u"instanceId must be 1-32 lowercase letters, digits or dashes"_s, u"instanceId"_s);
    {
        QMutexLocker lock(&m_mutex);
        for (const DeploymentRecord& r : std::as_const(m_snapshot)) {
            if (r.modelId == request.modelId && r.instanceId == instanceId
                && (r.status == DeploymentStatus::Deploying || r.status == DeploymentStatus::Running))
                return makeError(
                    ErrorCode::Conflict,
                    u"Instance %1 of %2 is already %3"_s.arg(instanceId, request.modelId, deploy::statusName(r.status)),
                    u"instanceId"_s);
        }
    }

    const QString deploymentId = newId(u"dep-");
    auto placement = place(request, framework, deploymentId, caller.orgId);
    if (!placement)
        return std::unexpected(placement.error());
    auto config = containerFor(request, framework, *placement);
    if (!config)
        return std::unexpected(config.error());
    const qint64 vram = placement->reservedMbPerGpu * placement->deviceIds.size();
    if (auto ok = m_options.allowlist.check(config->image, !placement->deviceIds.isEmpty(), vram); !ok)
        return std::unexpected(ok.error());

    DeployRequest stored = request;
    stored.framework = framework;
    stored.instanceId = instanceId;
    DeploymentRecord record;
    record.deploymentId = deploymentId;
    record.instanceId = instanceId;
    record.modelId = request.modelId;
    record.nodeId = placement->nodeId;
    record.containerName = u"model-%1-%2"_s.arg(request.modelId, instanceId);
    record.image = config->image;
    record.framework = framework;
    record.gpuDevices = placement->deviceIds;
    record.memoryAllocatedMb = placement->reservedMbPerGpu;
    record.endpoint = u"/models/%1/%2/v1/inference"_s.arg(request.modelId, instanceId);
    record.status = DeploymentStatus::Deploying;
    record.phase = DeploymentPhase::Queued;
    record.containerConfig = requestToJson(stored);
    record.containerConfig.insert(u"explanation"_s, placement->explanation);
    record.deployedBy = caller.subject;
    record.orgId = orgOrDefault(caller.orgId);
    record.userId = caller.subject;
    auto created = m_store->createDeployment(record);
    if (!created)
        return created;
    if (!placement->deviceIds.isEmpty())
        (void)m_reservations.reserve(
            deploymentId, placement->nodeId, placement->deviceIds, placement->reservedMbPerGpu);
    DeploymentJob job;
    job.deploymentId = deploymentId;
    job.kind = DeploymentJobKind::Deploy;
    job.maxAttempts = m_options.maxAttempts;
    if (auto queued = m_store->enqueueJob(job); !queued) {
        m_reservations.release(deploymentId);
        (void)m_store->softDeleteDeployment(deploymentId);
        return std::unexpected(queued.error());
    }
    qCInfo(lcDeploy,
           "deployment %s of %s queued on %s: %s",
           qUtf8Printable(deploymentId),
           qUtf8Printable(request.modelId),
           qUtf8Printable(placement->nodeId),
           qUtf8Printable(placement->explanation));
    remember(*created);
    Q_EMIT deploymentCreated(*created);
    QTimer::singleShot(0, this, &ControllerDeploymentService::tick);
    return created;
}

Result<void> ControllerDeploymentService::stopAs(const iam::Principal& caller, const QString& deploymentId)
{
    auto record = m_store->deployment(deploymentId);
    if (!record)
        return std::unexpected(record.error());
    if (auto allowed = authorizeDeploy(caller, record->orgId); !allowed)
        return std::unexpected(allowed.error());
    if (record->status == DeploymentStatus::Stopped)
        return makeError(ErrorCode::Conflict, u"Deployment %1 is already stopped"_s.arg(deploymentId), u"status"_s);
    if (auto jobs = m_store->jobsFor(deploymentId)) {
        for (const DeploymentJob& j : std::as_const(*jobs)) {
            if (j.kind == DeploymentJobKind::Stop
                && (j.state == DeploymentJobState::Queued || j.state == DeploymentJobState::Running))
                return {}; // already on its way
        }
    }
    DeploymentJob job;
    job.deploymentId = deploymentId;
    job.kind = DeploymentJobKind::Stop;
    job.maxAttempts = m_options.maxAttempts;
    if (auto queued = m_store->enqueueJob(job); !queued)
        return std::unexpected(queued.error());
    QTimer::singleShot(0, this, &ControllerDeploymentService::tick);
    return {};
}

Result<void> ControllerDeploymentService::removeAs(const iam::Principal& caller, const QString& deploymentId)
{
    auto record = m_store->deployment(deploymentId);
    if (!record)
        return std::unexpected(record.error());
    if (auto allowed = authorizeDeploy(caller, record->orgId); !allowed)
        return std::unexpected(allowed.error());
    if (record->status == DeploymentStatus::Running || record->status == DeploymentStatus::Deploying)
        return makeError(ErrorCode::Conflict,
                         u"Deployment %1 is %2: stop it first"_s.arg(deploymentId, deploy::statusName(record->status)),
                         u"status"_s);
    if (auto deleted = m_store->softDeleteDeployment(deploymentId); !deleted)
        return deleted;
    // A failed deployment may leave an exited container (kept for its logs): remove it now. A node that is
    // away removes it at its next register (reconciliation of a deleted deployment).
    if (record->status == DeploymentStatus::Failed)
        sendCleanupStop(record->nodeId, deploymentId, record->containerId);
    forget(deploymentId);
    return {};
}

Result<QString>
ControllerDeploymentService::requestLogsAs(const iam::Principal& caller, const QString& deploymentId, int lines)
{
    auto record = m_store->deployment(deploymentId);
    if (!record)
        return std::unexpected(record.error());
    if (auto allowed = iam::authorize(caller, iam::Permission::ViewMetrics, record->orgId); !allowed)
        return std::unexpected(allowed.error());
    if (record->containerId.isEmpty())
        return makeError(ErrorCode::Conflict, u"Deployment %1 has no container yet"_s.arg(deploymentId));
    protocol::NodeGetLogs command;
    command.requestId = newId(u"logs-");
    command.nodeId = record->nodeId;
    command.containerId = record->containerId;
    command.lines = std::clamp(lines, 1, 10000);
    command.timestamp = protocol::nowMs();
    if (auto sent = m_gateway->sendToNode(record->nodeId, protocol::encode(command)); !sent)
        return std::unexpected(sent.error());
    m_logRequests.insert(command.requestId, deploymentId);
    return command.requestId;
}

// ---- the job runner ----------------------------------------------------------------------------

void ControllerDeploymentService::tick()
{
    auto due = m_store->dueJobs(QDateTime::currentDateTimeUtc());
    if (!due) {
        qCWarning(lcDeploy, "cannot read the job queue: %s", qUtf8Printable(due.error().message));
        return;
    }
    for (const DeploymentJob& job : std::as_const(*due)) {
        auto claimed = m_store->claimJob(job.jobId);
        if (!claimed)
            continue; // another runner won it
        runJob(*claimed);
    }
}

void ControllerDeploymentService::runJob(const DeploymentJob& job)
{
    auto record = m_store->deployment(job.deploymentId, true);
    if (!record || record->isDeleted) {
        (void)m_store->completeJob(job.jobId);
        return;
    }
    if (job.kind == DeploymentJobKind::Deploy) {
        if (record->status != DeploymentStatus::Deploying) {
            (void)m_store->completeJob(job.jobId); // stopped meanwhile
            return;
        }
        sendDeploy(job, *record);
    } else {
        sendStop(job, *record);
    }
}

void ControllerDeploymentService::sendDeploy(const DeploymentJob& job, const DeploymentRecord& record)
{
    auto request = requestFromJson(record.containerConfig);
    if (!request) {
        finishAttempt(job.jobId, request.error(), false);
        return;
    }
    deploy::Placement placement;
    placement.nodeId = record.nodeId;
    placement.deviceIds = record.gpuDevices;
    auto config = containerFor(*request, record.framework, placement);
    if (!config) {
        finishAttempt(job.jobId, config.error(), false);
        return;
    }
    protocol::NodeDeployModel command;
    command.requestId = job.requestId;
    command.nodeId = record.nodeId;
    command.jobId = job.jobId;
    command.deploymentId = record.deploymentId;
    command.modelId = record.modelId;
    command.framework = record.framework;
    command.containerConfig = *config;
    if (const auto model = m_models->model(record.modelId)) {
        command.modelPath = model->minioPath;
        auto manifest = m_models->manifest(record.modelId);
        if (!manifest) {
            finishAttempt(job.jobId, manifest.error(), isRetryable(manifest.error().code));
            return;
        }
        command.modelVersion = manifest->version;
        for (const registry::ManifestFile& f : std::as_const(manifest->files))
            command.files.append(protocol::CacheFileRef { f.path, f.size, f.sha256, f.url });
    }
    command.timestamp = protocol::nowMs();
    if (auto sent = m_gateway->sendToNode(record.nodeId, protocol::encode(command)); !sent) {
        m_jobOfRequest.insert(job.requestId, job.jobId);
        finishAttempt(job.jobId, sent.error(), true);
        return;
    }
    m_jobOfRequest.insert(job.requestId, job.jobId);
    m_nodeOfJob.insert(job.jobId, record.nodeId);
    qCInfo(lcDeploy,
           "sent %s for %s to %s (attempt %d)",
           protocol::type::NodeDeployModel,
           qUtf8Printable(record.deploymentId),
           qUtf8Printable(record.nodeId),
           job.attempts + 1);
}

void ControllerDeploymentService::sendStop(const DeploymentJob& job, const DeploymentRecord& record)
{
    const auto markStopped = [this, &job, &record] {
        m_reservations.release(record.deploymentId);
        if (record.status != DeploymentStatus::Stopped) {
            if (auto stopped = m_store->setStatus(record.deploymentId, DeploymentStatus::Stopped))
                remember(*stopped);
        }
        (void)m_store->completeJob(job.jobId);
    };
    protocol::NodeStopContainer command;
    command.requestId = job.requestId;
    command.nodeId = record.nodeId;
    command.containerId = record.containerId;
    command.deploymentId = record.deploymentId;
    command.timestamp = protocol::nowMs();
    if (auto sent = m_gateway->sendToNode(record.nodeId, protocol::encode(command)); !sent) {
        // The node is away: the deployment is stopped now, and the reconciliation on its next
        // register removes whatever container is left.
        markStopped();
        return;
    }
    // Any deploy job still waiting for this deployment is over.
    for (auto it = m_nodeOfJob.begin(); it != m_nodeOfJob.end();) {
        auto other = m_store->job(it.key());
        if (other && other->deploymentId == record.deploymentId && other->kind == DeploymentJobKind::Deploy) {
            m_jobOfRequest.remove(other->requestId);
            (void)m_store->completeJob(other->jobId);
            it = m_nodeOfJob.erase(it);
        } else {
            ++it;
        }
    }
    if (record.status == DeploymentStatus::Deploying) {
        // A cancelled deployment is stopped at once; the node's answer only confirms it.
        if (auto stopped = m_store->setStatus(record.deploymentId, DeploymentStatus::Stopped))
            remember(*stopped);
        m_reservations.release(record.deploymentId);
    }
    m_jobOfRequest.insert(job.requestId, job.jobId);
    m_nodeOfJob.insert(job.jobId, record.nodeId);
}

void ControllerDeploymentService::finishAttempt(const QString& jobId,
                                                const Error& error,
                                                bool retryable,
                                                const QString& logTail)
{
    auto job = m_store->job(jobId);
    if (!job)
        return;
    m_jobOfRequest.remove(job->requestId);
    m_nodeOfJob.remove(jobId);
    auto failed = m_store->failJob(jobId, error.message, QDateTime::currentDateTimeUtc(), retryable);
    if (!failed) {
        qCWarning(lcDeploy,
                  "cannot record the failed job %s: %s",
                  qUtf8Printable(jobId),
                  qUtf8Printable(failed.error().message));
        return;
    }
    if (failed->state == DeploymentJobState::Queued) {
        qCInfo(lcDeploy,
               "attempt %d of %s failed (%s); retrying at %s",
               failed->attempts,
               qUtf8Printable(failed->deploymentId),
               qUtf8Printable(error.message),
               qUtf8Printable(failed->nextAttemptAt.toString(Qt::ISODateWithMs)));
        return;
    }
    if (failed->kind == DeploymentJobKind::Deploy) {
        const QString attempts = failed->attempts > 1 ? u" (after %1 attempts)"_s.arg(failed->attempts) : QString();
        (void)markFailed(failed->deploymentId, withLogTail(error.message + attempts, logTail));
    } else {
        qCWarning(
            lcDeploy, "stopping %s failed: %s", qUtf8Printable(failed->deploymentId), qUtf8Printable(error.message));
    }
}

Result<DeploymentRecord> ControllerDeploymentService::markFailed(const QString& deploymentId, const QString& error)
{
    m_reservations.release(deploymentId);
    auto failed = m_store->setStatus(deploymentId, DeploymentStatus::Failed, error);
    if (failed) {
        auto record = *failed;
        record.healthStatus = deploy::HealthStatus::Unhealthy;
        if (auto updated = m_store->updateDeployment(record))
            failed = updated;
        remember(*failed);
    }
    return failed;
}

// ---- node messages -----------------------------------------------------------------------------

void ControllerDeploymentService::onAck(const protocol::NodeCommandAck& ack)
{
    const QString jobId = m_jobOfRequest.value(ack.requestId);
    if (jobId.isEmpty() || m_nodeOfJob.value(jobId) != ack.nodeId || ack.status != u"rejected")
        return;
    const ErrorCode code = codeFromName(ack.errorCode);
    finishAttempt(jobId,
                  Error { code, ack.reason.isEmpty() ? u"The node refused the command"_s : ack.reason },
                  isRetryable(code));
}

void ControllerDeploymentService::onProgress(const protocol::NodeDeploymentProgress& p)
{
    const QString jobId = m_jobOfRequest.value(p.requestId);
    if (jobId.isEmpty() || m_nodeOfJob.value(jobId) != p.nodeId)
        return; // a late answer to an attempt already given up, or a cleanup stop
    auto job = m_store->job(jobId);
    if (!job)
        return;
    if (job->kind == DeploymentJobKind::Stop) {
        const bool gone = p.status == u"stopped" || (p.status == u"failed" && p.errorCode == u"NOT_FOUND");
        if (!gone) {
            if (p.status == u"failed")
                finishAttempt(jobId, Error { codeFromName(p.errorCode), p.error }, true);
            return;
        }
        m_jobOfRequest.remove(p.requestId);
        m_nodeOfJob.remove(jobId);
        m_reservations.release(job->deploymentId);
        dropContainer(p.nodeId, job->deploymentId);
        if (auto record = m_store->deployment(job->deploymentId);
            record && record->status != DeploymentStatus::Stopped) {
            if (auto stopped = m_store->setStatus(job->deploymentId, DeploymentStatus::Stopped))
                remember(*stopped);
        }
        (void)m_store->completeJob(jobId);
        return;
    }

    if (const auto phase = phaseOfNodeStatus(p.status)) {
        auto moved = m_store->setProgress(job->deploymentId, *phase, std::clamp(p.progress, 0, 100));
        if (moved)
            remember(*moved);
        else if (moved.error().code == ErrorCode::StoreError)
            warnUnrecorded(job->deploymentId, p.status, moved.error());
        // Otherwise a retried attempt reported an earlier phase again: the record keeps the furthest.
        return;
    }
    if (p.status == u"running") {
        auto record = m_store->deployment(job->deploymentId);
        if (!record || record->status != DeploymentStatus::Deploying)
            return;
        auto running = m_store->setStatus(job->deploymentId, DeploymentStatus::Running);
        if (!running) {
            warnUnrecorded(job->deploymentId, p.status, running.error());
            return;
        }
        running->containerId = p.containerId;
        running->port = p.hostPort;
        running->healthStatus = deploy::HealthStatus::Healthy;
        if (auto updated = m_store->updateDeployment(*running))
            running = updated;
        m_jobOfRequest.remove(p.requestId);
        m_nodeOfJob.remove(jobId);
        (void)m_store->completeJob(jobId);
        m_reservations.release(job->deploymentId);
        noteContainer(p.nodeId,
                      protocol::ManagedContainer {
                          p.containerId, job->deploymentId, p.requestId, running->image, u"running"_s, p.hostPort });
        qCInfo(lcDeploy,
               "deployment %s is running on %s (container %s)",
               qUtf8Printable(job->deploymentId),
               qUtf8Printable(p.nodeId),
               qUtf8Printable(p.containerId.left(12)));
        remember(*running);
        return;
    }
    if (p.status == u"failed") {
        const ErrorCode code = codeFromName(p.errorCode);
        finishAttempt(jobId,
                      Error { code, p.error.isEmpty() ? u"The deployment failed on the node"_s : p.error },
                      isRetryable(code),
                      p.logTail);
    }
}

void ControllerDeploymentService::warnUnrecorded(const QString& deploymentId,
                                                 const QString& nodeStatus,
                                                 const Error& error) const
{
    qCWarning(lcDeploy,
              "cannot record \"%s\" from the node for %s: %s",
              qUtf8Printable(nodeStatus),
              qUtf8Printable(deploymentId),
              qUtf8Printable(error.message));
}

void ControllerDeploymentService::onLogs(const protocol::NodeLogsResponse& logs)
{
    const QString entry = m_logRequests.take(logs.requestId);
    if (entry.isEmpty())
        return;
    // "deploymentId" for REST-less requests, "deploymentId\ncallerRequestId" for the GUI's.
    const QString deploymentId = entry.section(u'\n', 0, 0);
    const QString requestId = entry.contains(u'\n') ? entry.section(u'\n', 1) : logs.requestId;
    if (!logs.errorCode.isEmpty())
        Q_EMIT logsFailed(requestId, deploymentId, Error { codeFromName(logs.errorCode), logs.error });
    else
        Q_EMIT logsReady(requestId, deploymentId, logs.logs);
}

void ControllerDeploymentService::onContainerEvent(const protocol::NodeContainerEvent& event)
{
    if (event.deploymentId.isEmpty())
        return;
    auto record = m_store->deployment(event.deploymentId);
    if (!record || record->nodeId != event.nodeId)
        return;
    if (auto report = m_containerReports.find(event.nodeId); report != m_containerReports.end()) {
        for (protocol::ManagedContainer& c : report->containers) {
            if (c.containerId == event.containerId || c.deploymentId == event.deploymentId)
                c.state = event.event == u"started" ? u"running"_s : u"exited"_s;
        }
    }
    if (record->status == DeploymentStatus::Running && (event.event == u"died" || event.event == u"oom")) {
        QString message = event.event == u"oom"
            ? u"The container ran out of memory (OOM). "_s + oomSuggestion()
            : u"The container exited%1."_s.arg(event.exitCode ? u" with code %1"_s.arg(*event.exitCode) : QString());
        if (!event.error.isEmpty())
            message += u" "_s + event.error;
        qCWarning(lcDeploy, "deployment %s failed: %s", qUtf8Printable(event.deploymentId), qUtf8Printable(message));
        (void)markFailed(event.deploymentId, withLogTail(message, event.logTail));
    }
}

void ControllerDeploymentService::sendCleanupStop(const QString& nodeId,
                                                  const QString& deploymentId,
                                                  const QString& containerId)
{
    protocol::NodeStopContainer command;
    command.requestId = newId(u"cleanup-");
    command.nodeId = nodeId;
    command.containerId = containerId;
    command.deploymentId = deploymentId;
    command.timestamp = protocol::nowMs();
    qCInfo(lcDeploy,
           "removing orphan container %s (deployment %s) on %s",
           qUtf8Printable(containerId.left(12)),
           qUtf8Printable(deploymentId),
           qUtf8Printable(nodeId));
    (void)m_gateway->sendToNode(nodeId, protocol::encode(command));
}

void ControllerDeploymentService::noteContainer(const QString& nodeId, const protocol::ManagedContainer& container)
{
    auto report = m_containerReports.find(nodeId);
    if (report == m_containerReports.end())
        return; // no report since the node connected: the next one lists it
    dropContainer(nodeId, container.deploymentId);
    report->containers.append(container);
}

void ControllerDeploymentService::dropContainer(const QString& nodeId, const QString& deploymentId)
{
    auto report = m_containerReports.find(nodeId);
    if (report == m_containerReports.end())
        return;
    report->containers.removeIf([&](const protocol::ManagedContainer& c) { return c.deploymentId == deploymentId; });
}

std::optional<ControllerDeploymentService::NodeContainerReport>
ControllerDeploymentService::containersOf(const QString& nodeId) const
{
    const auto it = m_containerReports.constFind(nodeId);
    return it == m_containerReports.cend() ? std::nullopt : std::optional(*it);
}

void ControllerDeploymentService::onContainers(const protocol::NodeContainers& report)
{
    m_containerReports.insert(report.nodeId,
                              NodeContainerReport { report.containers, QDateTime::currentDateTimeUtc() });
    QSet<QString> present;
    for (const protocol::ManagedContainer& c : report.containers) {
        if (c.deploymentId.isEmpty())
            continue;
        present.insert(c.deploymentId);
        auto record = m_store->deployment(c.deploymentId, true);
        const bool orphan = !record || record->isDeleted || record->nodeId != report.nodeId
            || record->status == DeploymentStatus::Stopped || record->status == DeploymentStatus::Failed;
        if (orphan) {
            sendCleanupStop(report.nodeId, c.deploymentId, c.containerId);
            continue;
        }
        if (record->status != DeploymentStatus::Running)
            continue; // deploying: its (re-sent, idempotent) job adopts the container
        if (c.state != u"running") {
            (void)markFailed(record->deploymentId,
                             u"The container was found %1 when node %2 reconnected."_s.arg(c.state, report.nodeId));
            sendCleanupStop(report.nodeId, c.deploymentId, c.containerId);
            continue;
        }
        DeploymentRecord adopted = *record;
        adopted.containerId = c.containerId;
        if (c.hostPort > 0)
            adopted.port = c.hostPort;
        adopted.healthStatus = deploy::HealthStatus::Healthy;
        if (!(adopted == *record)) {
            if (auto updated = m_store->updateDeployment(adopted))
                remember(*updated);
        }
    }
    auto mine = m_store->deployments(report.nodeId);
    if (!mine)
        return;
    for (const DeploymentRecord& record : std::as_const(*mine)) {
        if (record.status == DeploymentStatus::Running && !present.contains(record.deploymentId))
            (void)markFailed(record.deploymentId,
                             u"The container is gone: node %1 no longer runs it."_s.arg(report.nodeId));
    }
}

void ControllerDeploymentService::onNodeOffline(const QString& nodeId)
{
    m_containerReports.remove(nodeId);
    QStringList waiting;
    for (auto it = m_nodeOfJob.cbegin(); it != m_nodeOfJob.cend(); ++it) {
        if (it.value() == nodeId)
            waiting << it.key();
    }
    for (const QString& jobId : std::as_const(waiting))
        finishAttempt(jobId, Error { ErrorCode::Unavailable, u"Node %1 went offline"_s.arg(nodeId) }, true);
    // Containers outlive their daemon: running deployments stay running, their health unknown until the
    // node reports its containers again.
    auto mine = m_store->deployments(nodeId);
    if (!mine)
        return;
    for (DeploymentRecord record : std::as_const(*mine)) {
        if (record.status != DeploymentStatus::Running || record.healthStatus == deploy::HealthStatus::Unknown)
            continue;
        record.healthStatus = deploy::HealthStatus::Unknown;
        if (auto updated = m_store->updateDeployment(record))
            remember(*updated);
    }
}

// ---- inference routing -------------------------------------------------------------------------

std::optional<InferenceTarget> ControllerDeploymentService::target(const QString& modelId,
                                                                   const QString& instanceId) const
{
    QMutexLocker lock(&m_mutex);
    for (const DeploymentRecord& r : std::as_const(m_snapshot)) {
        if (r.modelId == modelId && r.instanceId == instanceId && r.status == DeploymentStatus::Running)
            return InferenceTarget { r.deploymentId, r.nodeId, r.framework, r.modelId };
    }
    return std::nullopt;
}

QList<InferenceTarget> ControllerDeploymentService::openAiTargets(const QString& modelId) const
{
    QList<InferenceTarget> targets;
    QMutexLocker lock(&m_mutex);
    for (const DeploymentRecord& r : std::as_const(m_snapshot)) {
        if (r.status != DeploymentStatus::Running || (!modelId.isEmpty() && r.modelId != modelId))
            continue;
        const auto defaults = deploy::frameworkDefaults(r.framework);
        const bool openAi
            = (defaults && defaults->speaksOpenAi) || r.containerConfig.value(u"openAiCompatible"_s).toBool();
        if (openAi)
            targets.append(InferenceTarget { r.deploymentId, r.nodeId, r.framework, r.modelId });
    }
    return targets;
}

void ControllerDeploymentService::noteRequest(const QString& deploymentId, int status, double elapsedMs)
{
    Q_UNUSED(status);
    Stats& s = m_pendingStats[deploymentId];
    ++s.count;
    s.totalMs += elapsedMs;
    s.last = QDateTime::currentDateTimeUtc();
}

void ControllerDeploymentService::flushStats()
{
    if (m_pendingStats.isEmpty())
        return;
    const auto pending = std::exchange(m_pendingStats, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        auto record = m_store->deployment(it.key());
        if (!record)
            continue;
        const qint64 total = record->requestCount + it->count;
        record->avgLatencyMs
            = total > 0 ? (record->avgLatencyMs * double(record->requestCount) + it->totalMs) / double(total) : 0;
        record->requestCount = total;
        record->lastRequestAt = it->last;
        if (auto updated = m_store->updateDeployment(*record))
            remember(*updated, false);
    }
    Q_EMIT deploymentsChanged(pending.keys());
}

// ---- health ------------------------------------------------------------------------------------

void ControllerDeploymentService::probeHealth()
{
    const QList<DeploymentRecord> all = deployments();
    for (const DeploymentRecord& record : all) {
        if (record.status != DeploymentStatus::Running || m_probing.contains(record.deploymentId))
            continue;
        const auto endpoint = m_gateway->proxyEndpoint(record.nodeId);
        if (!endpoint)
            continue; // an offline node's deployments are already "unknown"
        QString healthPath = record.containerConfig.value(u"healthPath"_s).toString();
        if (healthPath.isEmpty()) {
            const auto defaults = deploy::frameworkDefaults(record.framework);
            healthPath = defaults ? defaults->healthPath : u"/health"_s;
        }
        bool isV4 = false;
        const quint32 v4 = endpoint->address.toIPv4Address(&isV4);
        const QString host = isV4 ? QHostAddress(v4).toString() : u"["_s + endpoint->address.toString() + u"]"_s;
        net::Request request;
        request.url = QUrl(
            u"http://%1:%2/deployments/%3%4"_s.arg(host).arg(endpoint->port).arg(record.deploymentId, healthPath));
        request.headers.set("X-Aiops-Proxy-Token", endpoint->token);
        request.timeoutMs = 5000;
        request.connectTimeoutMs = 3000;
        m_probing.insert(record.deploymentId);
        net::Transfer* transfer = m_curl->start(std::move(request));
        const QString id = record.deploymentId;
        connect(transfer, &net::Transfer::finished, this, [this, id](const Result<net::Response>& response) {
            m_probing.remove(id);
            onHealthProbed(id, response && response->status == 200);
        });
    }
}

void ControllerDeploymentService::onHealthProbed(const QString& deploymentId, bool healthy)
{
    const int failures = healthy ? 0 : m_healthFailures.value(deploymentId) + 1;
    m_healthFailures.insert(deploymentId, failures);
    auto record = m_store->deployment(deploymentId);
    if (!record || record->status != DeploymentStatus::Running)
        return;
    deploy::HealthStatus health = record->healthStatus;
    if (healthy)
        health = deploy::HealthStatus::Healthy;
    else if (failures >= std::max(1, m_options.unhealthyAfter))
        health = deploy::HealthStatus::Unhealthy;
    if (health == record->healthStatus)
        return;
    qCInfo(lcDeploy,
           "deployment %s is %s",
           qUtf8Printable(deploymentId),
           qUtf8Printable(deploy::healthStatusName(health)));
    record->healthStatus = health;
    if (auto updated = m_store->updateDeployment(*record))
        remember(*updated);
}

// ---- snapshot ----------------------------------------------------------------------------------

void ControllerDeploymentService::remember(const DeploymentRecord& record, bool announce)
{
    QMutexLocker lock(&m_mutex);
    const auto previous = m_snapshot.value(record.deploymentId);
    const bool known = m_snapshot.contains(record.deploymentId);
    m_snapshot.insert(record.deploymentId, record);
    lock.unlock();
    if (!announce)
        return;
    Q_EMIT deploymentsChanged({ record.deploymentId });
    if (known && previous.status == record.status && previous.phase == record.phase
        && previous.progress == record.progress)
        return;
    Q_EMIT deploymentStatusChanged(record);
    if (known && previous.status == record.status)
        return;
    if (record.status == DeploymentStatus::Running)
        Q_EMIT deploymentRunning(record.deploymentId, record.modelId, record.endpoint);
    else if (record.status == DeploymentStatus::Failed)
        Q_EMIT deploymentFailed(record.deploymentId, record.modelId, record.error);
}

void ControllerDeploymentService::forget(const QString& deploymentId)
{
    {
        QMutexLocker lock(&m_mutex);
        m_snapshot.remove(deploymentId);
    }
    Q_EMIT deploymentRemoved(deploymentId);
}

// ---- JSON --------------------------------------------------------------------------------------

Result<DeployRequest> ControllerDeploymentService::requestFromJson(const QJsonObject& o)
{
    static const QStringList known { u"modelId"_s,
                                     u"framework"_s,
                                     u"image"_s,
                                     u"instanceId"_s,
                                     u"gpuCount"_s,
                                     u"strategy"_s,
                                     u"placement"_s,
                                     u"environment"_s,
                                     u"args"_s,
                                     u"command"_s,
                                     u"containerPort"_s,
                                     u"healthPath"_s,
                                     u"memoryLimitMb"_s,
                                     u"gpuMemoryUtilization"_s,
                                     u"healthTimeoutSeconds"_s,
                                     u"explanation"_s,
                                     u"openAiCompatible"_s };
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!known.contains(it.key()))
            return makeError(ErrorCode::InvalidValue, u"Unknown field “%1”"_s.arg(it.key()), it.key());
    }
    const auto string = [&](const QString& key, QString& out) -> Result<void> {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString())
            return makeError(ErrorCode::InvalidFieldType, u"%1 must be a string"_s.arg(key), key);
        out = v.toString();
        return {};
    };
    const auto integer = [&](const QString& key, qint64 low, qint64 high, auto& out) -> Result<void> {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()))
            return makeError(ErrorCode::InvalidFieldType, u"%1 must be an integer"_s.arg(key), key);
        const double d = v.toDouble();
        if (d < double(low) || d > double(high))
            return makeError(ErrorCode::OutOfRange, u"%1 must be %2-%3"_s.arg(key).arg(low).arg(high), key);
        out = std::remove_reference_t<decltype(out)>(qint64(d));
        return {};
    };
    const auto strings = [&](const QString& key, QStringList& out) -> Result<void> {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (v.isString()) {
            auto split = deploy::splitArguments(v.toString());
            if (!split)
                return makeError(ErrorCode::InvalidValue, split.error().message, key);
            out = *split;
            return {};
        }
        if (!v.isArray())
            return makeError(ErrorCode::InvalidFieldType, u"%1 must be an array of strings"_s.arg(key), key);
        for (const QJsonValue& item : v.toArray()) {
            if (!item.isString())
                return makeError(ErrorCode::InvalidFieldType, u"%1 must be an array of strings"_s.arg(key), key);
            out << item.toString();
        }
        return {};
    };

    DeployRequest r;
    Result<void> ok;
    if (!(ok = string(u"modelId"_s, r.modelId)) || !(ok = string(u"framework"_s, r.framework))
        || !(ok = string(u"image"_s, r.image)) || !(ok = string(u"instanceId"_s, r.instanceId))
        || !(ok = string(u"healthPath"_s, r.healthPath)) || !(ok = integer(u"gpuCount"_s, 0, 64, r.gpuCount))
        || !(ok = integer(u"containerPort"_s, 0, 65535, r.containerPort))
        || !(ok = integer(u"memoryLimitMb"_s, 0, qint64(1) << 40, r.memoryLimitMb))
        || !(ok = integer(u"healthTimeoutSeconds"_s, 1, 3600, r.healthTimeoutSeconds))
        || !(ok = strings(u"args"_s, r.extraArgs)) || !(ok = strings(u"command"_s, r.command)))
        return std::unexpected(ok.error());
    if (r.modelId.isEmpty())
        return makeError(ErrorCode::MissingField, u"modelId is required"_s, u"modelId"_s);
    if (const QJsonValue v = o.value(u"strategy"_s); !v.isUndefined() && !v.isNull()) {
        if (v.toString() == u"binpack")
            r.strategy = deploy::PlacementStrategy::Binpack;
        else if (v.toString() == u"spread")
            r.strategy = deploy::PlacementStrategy::Spread;
        else
            return makeError(ErrorCode::InvalidValue, u"strategy must be binpack or spread"_s, u"strategy"_s);
    }
    if (const QJsonValue v = o.value(u"gpuMemoryUtilization"_s); !v.isUndefined() && !v.isNull()) {
        if (!v.isDouble())
            return makeError(
                ErrorCode::InvalidFieldType, u"gpuMemoryUtilization must be a number"_s, u"gpuMemoryUtilization"_s);
        r.gpuMemoryUtilization = v.toDouble();
    }
    if (const QJsonValue v = o.value(u"environment"_s); !v.isUndefined() && !v.isNull()) {
        if (!v.isObject())
            return makeError(ErrorCode::InvalidFieldType, u"environment must be an object"_s, u"environment"_s);
        const QJsonObject env = v.toObject();
        for (auto it = env.constBegin(); it != env.constEnd(); ++it) {
            if (!it.value().isString())
                return makeError(ErrorCode::InvalidFieldType,
                                 u"environment values must be strings"_s,
                                 u"environment.%1"_s.arg(it.key()));
            r.environment.insert(it.key(), it.value().toString());
        }
    }
    if (const QJsonValue v = o.value(u"placement"_s); !v.isUndefined() && !v.isNull()) {
        if (!v.isObject())
            return makeError(ErrorCode::InvalidFieldType, u"placement must be an object"_s, u"placement"_s);
        const QJsonObject p = v.toObject();
        deploy::ManualPlacement manual;
        manual.nodeId = p.value(u"nodeId"_s).toString();
        if (manual.nodeId.isEmpty())
            return makeError(ErrorCode::MissingField, u"placement.nodeId is required"_s, u"placement.nodeId"_s);
        for (const QJsonValue& d : p.value(u"gpuDevices"_s).toArray())
            manual.deviceIds << (d.isString() ? d.toString() : QString::number(d.toInt()));
        r.manual = manual;
        if (!o.contains(u"gpuCount"_s))
            r.gpuCount = int(manual.deviceIds.size());
    }
    return r;
}

QJsonObject ControllerDeploymentService::toJson(const DeploymentRecord& r)
{
    const auto iso = [](const QDateTime& t) {
        return t.isValid() ? QJsonValue(t.toString(Qt::ISODateWithMs)) : QJsonValue();
    };
    QJsonObject config = r.containerConfig;
    return QJsonObject {
        { u"deploymentId"_s, r.deploymentId },
        { u"instanceId"_s, r.instanceId },
        { u"modelId"_s, r.modelId },
        { u"nodeId"_s, r.nodeId },
        { u"containerId"_s, r.containerId },
        { u"containerName"_s, r.containerName },
        { u"image"_s, r.image },
        { u"framework"_s, r.framework },
        { u"gpuDevice"_s, r.gpuDevices.join(u',') },
        { u"gpuDevices"_s, QJsonArray::fromStringList(r.gpuDevices) },
        { u"memoryAllocated"_s, r.memoryAllocatedMb },
        { u"port"_s, r.port },
        { u"endpoint"_s, r.endpoint },
        { u"status"_s, deploy::statusName(r.status) },
        { u"phase"_s, deploy::phaseName(r.phase) },
        { u"progress"_s, r.progress },
        { u"healthStatus"_s, deploy::healthStatusName(r.healthStatus) },
        { u"errorMessage"_s, r.error.isEmpty() ? QJsonValue() : QJsonValue(r.error) },
        { u"containerConfig"_s, config },
        { u"metrics"_s,
          QJsonObject { { u"requestCount"_s, r.requestCount },
                        { u"avgLatencyMs"_s, r.avgLatencyMs },
                        { u"lastRequestAt"_s, iso(r.lastRequestAt) } } },
        { u"deployedBy"_s, r.deployedBy },
        { u"deployedAt"_s, iso(r.deployedAt) },
        { u"stoppedAt"_s, iso(r.stoppedAt) },
        { u"owner"_s, QJsonObject { { u"orgId"_s, r.orgId }, { u"userId"_s, r.userId } } },
        { u"createdAt"_s, iso(r.createdAt) },
        { u"changedAt"_s, iso(r.changedAt) },
    };
}

} // namespace aiops::controller
