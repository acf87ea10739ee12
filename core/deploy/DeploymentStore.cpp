#include "core/deploy/DeploymentStore.h"

#include "core/deploy/DeploymentStateMachine.h"
#include "core/store/Database.h"
#include "core/store/WriteTransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>
#include <algorithm>
#include <cmath>

namespace aiops::deploy {

using namespace Qt::StringLiterals;

namespace {

QString iso(const QDateTime& dt)
{
    return dt.toUTC().toString(Qt::ISODateWithMs);
}

// Nullable date columns.
QVariant isoOrNull(const QDateTime& dt)
{
    return dt.isValid() ? QVariant(iso(dt)) : QVariant();
}

// NOT NULL text columns: a null QString would bind as SQL NULL.
QVariant text(const QString& value)
{
    return value.isNull() ? QVariant(u""_s) : QVariant(value);
}

QDateTime fromIso(const QVariant& v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

std::unexpected<Error> sqlError(const QSqlQuery& q, const QString& what)
{
    return std::unexpected(Error { ErrorCode::StoreError, u"%1: %2"_s.arg(what, q.lastError().text()) });
}

// A stored value this build cannot read is the store's fault, not the caller's: StoreError, with
// the parser's message and field.
template<typename T> Result<T> stored(Result<T> parsed, const QString& what)
{
    if (!parsed)
        return makeError(ErrorCode::StoreError, what + u": "_s + parsed.error().message, parsed.error().field);
    return parsed;
}

Result<void> validate(const DeploymentRecord& r)
{
    if (r.deploymentId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"deploymentId is empty"_s, u"deploymentId"_s);
    if (r.modelId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"modelId is empty"_s, u"modelId"_s);
    if (r.nodeId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"nodeId is empty"_s, u"nodeId"_s);
    if (r.progress < 0 || r.progress > 100)
        return makeError(ErrorCode::OutOfRange, u"progress %1 is outside 0-100"_s.arg(r.progress), u"progress"_s);
    if (r.port < 0 || r.port > 65535)
        return makeError(ErrorCode::OutOfRange, u"port %1 is outside 0-65535"_s.arg(r.port), u"port"_s);
    return {};
}

Result<DeploymentRecord> readDeployment(const QSqlQuery& q)
{
    DeploymentRecord r;
    r.deploymentId = q.value(u"deploymentId"_s).toString();
    const QString what = u"deployment %1"_s.arg(r.deploymentId);
    const auto status = stored(parseDeploymentStatus(q.value(u"status"_s).toString()), what);
    if (!status)
        return std::unexpected(status.error());
    const auto phase = stored(parseDeploymentPhase(q.value(u"phase"_s).toString()), what);
    if (!phase)
        return std::unexpected(phase.error());
    const auto health = stored(parseHealthStatus(q.value(u"healthStatus"_s).toString()), what);
    if (!health)
        return std::unexpected(health.error());
    QJsonParseError jsonError;
    const QJsonDocument config = QJsonDocument::fromJson(q.value(u"containerConfig"_s).toByteArray(), &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !config.isObject())
        return makeError(
            ErrorCode::StoreError, what + u": containerConfig is not a JSON object"_s, u"containerConfig"_s);
    const QJsonDocument gpus = QJsonDocument::fromJson(q.value(u"gpuDevices"_s).toByteArray(), &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !gpus.isArray())
        return makeError(ErrorCode::StoreError, what + u": gpuDevices is not a JSON array"_s, u"gpuDevices"_s);

    r.instanceId = q.value(u"instanceId"_s).toString();
    r.modelId = q.value(u"modelId"_s).toString();
    r.nodeId = q.value(u"nodeId"_s).toString();
    r.containerId = q.value(u"containerId"_s).toString();
    r.containerName = q.value(u"containerName"_s).toString();
    r.image = q.value(u"image"_s).toString();
    r.framework = q.value(u"framework"_s).toString();
    for (const auto& device : gpus.array())
        r.gpuDevices.append(device.toString());
    r.memoryAllocatedMb = q.value(u"memoryAllocated"_s).toLongLong();
    r.port = q.value(u"port"_s).toInt();
    r.endpoint = q.value(u"endpoint"_s).toString();
    r.status = *status;
    r.phase = *phase;
    r.progress = q.value(u"progress"_s).toInt();
    r.healthStatus = *health;
    r.error = q.value(u"errorMessage"_s).toString();
    r.containerConfig = config.object();
    r.requestCount = q.value(u"requestCount"_s).toLongLong();
    r.avgLatencyMs = q.value(u"avgLatencyMs"_s).toDouble();
    r.lastRequestAt = fromIso(q.value(u"lastRequestAt"_s));
    r.deployedBy = q.value(u"deployedBy"_s).toString();
    r.deployedAt = fromIso(q.value(u"deployedAt"_s));
    r.stoppedAt = fromIso(q.value(u"stoppedAt"_s));
    r.orgId = q.value(u"ownerOrgId"_s).toString();
    r.userId = q.value(u"ownerUserId"_s).toString();
    r.createdAt = fromIso(q.value(u"createdAt"_s));
    r.changedAt = fromIso(q.value(u"changedAt"_s));
    r.deletedAt = fromIso(q.value(u"deletedAt"_s));
    r.isDeleted = q.value(u"isDeleted"_s).toBool();
    return r;
}

Result<DeploymentJob> readJob(const QSqlQuery& q)
{
    DeploymentJob j;
    j.jobId = q.value(u"jobId"_s).toString();
    const QString what = u"deployment job %1"_s.arg(j.jobId);
    const auto kind = stored(parseDeploymentJobKind(q.value(u"kind"_s).toString()), what);
    if (!kind)
        return std::unexpected(kind.error());
    const auto state = stored(parseDeploymentJobState(q.value(u"state"_s).toString()), what);
    if (!state)
        return std::unexpected(state.error());
    j.deploymentId = q.value(u"deploymentId"_s).toString();
    j.kind = *kind;
    j.requestId = q.value(u"requestId"_s).toString();
    j.attempts = q.value(u"attempts"_s).toInt();
    j.maxAttempts = q.value(u"maxAttempts"_s).toInt();
    j.nextAttemptAt = fromIso(q.value(u"nextAttemptAt"_s));
    j.state = *state;
    j.lastError = q.value(u"lastError"_s).toString();
    j.createdAt = fromIso(q.value(u"createdAt"_s));
    j.changedAt = fromIso(q.value(u"changedAt"_s));
    return j;
}

// Runs a prepared query and reads every row with `read`.
template<typename T, typename Read> Result<QList<T>> readAll(QSqlQuery& q, const QString& what, Read read)
{
    if (!q.exec())
        return sqlError(q, what);
    QList<T> out;
    while (q.next()) {
        auto row = read(q);
        if (!row)
            return std::unexpected(row.error());
        out.append(std::move(*row));
    }
    return out;
}

void bindDeployment(QSqlQuery& q, const DeploymentRecord& r)
{
    QJsonArray gpus;
    for (const QString& device : r.gpuDevices)
        gpus.append(device);
    q.bindValue(u":id"_s, r.deploymentId);
    q.bindValue(u":instance"_s, text(r.instanceId));
    q.bindValue(u":model"_s, r.modelId);
    q.bindValue(u":node"_s, r.nodeId);
    q.bindValue(u":container"_s, text(r.containerId));
    q.bindValue(u":containerName"_s, text(r.containerName));
    q.bindValue(u":image"_s, text(r.image));
    q.bindValue(u":framework"_s, text(r.framework));
    q.bindValue(u":gpus"_s, QString::fromUtf8(QJsonDocument(gpus).toJson(QJsonDocument::Compact)));
    q.bindValue(u":memory"_s, r.memoryAllocatedMb);
    q.bindValue(u":port"_s, r.port);
    q.bindValue(u":endpoint"_s, text(r.endpoint));
    q.bindValue(u":status"_s, statusName(r.status));
    q.bindValue(u":phase"_s, phaseName(r.phase));
    q.bindValue(u":progress"_s, r.progress);
    q.bindValue(u":health"_s, healthStatusName(r.healthStatus));
    q.bindValue(u":error"_s, text(r.error));
    q.bindValue(u":config"_s, QString::fromUtf8(QJsonDocument(r.containerConfig).toJson(QJsonDocument::Compact)));
    q.bindValue(u":requests"_s, r.requestCount);
    q.bindValue(u":latency"_s, r.avgLatencyMs);
    q.bindValue(u":lastRequest"_s, isoOrNull(r.lastRequestAt));
    q.bindValue(u":deployedBy"_s, text(r.deployedBy));
    q.bindValue(u":deployedAt"_s, isoOrNull(r.deployedAt));
    q.bindValue(u":stoppedAt"_s, isoOrNull(r.stoppedAt));
    q.bindValue(u":org"_s, r.orgId.isEmpty() ? u"default"_s : r.orgId);
    q.bindValue(u":user"_s, r.userId.isEmpty() ? u"system"_s : r.userId);
}

} // namespace

DeploymentStore::DeploymentStore(store::Database& database)
    : m_db(database)
{
}

void DeploymentStore::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void DeploymentStore::setJitterSource(JitterSource jitter)
{
    m_jitter = std::move(jitter);
}

QDateTime DeploymentStore::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

std::chrono::milliseconds
DeploymentStore::retryDelay(const RetryPolicy& policy, int failedAttempts, double jitterFraction)
{
    using std::chrono::milliseconds;
    const milliseconds cap = std::max(policy.cap, milliseconds(0));
    milliseconds delay = std::min(std::max(policy.base, milliseconds(0)), cap);
    // Doubling stops at the cap, so a large attempt count cannot overflow.
    for (int i = 1; i < failedAttempts && delay < cap; ++i)
        delay = std::min(delay * 2, cap);
    const double fraction = std::clamp(jitterFraction, 0.0, 1.0);
    const double ratio = std::max(policy.jitterRatio, 0.0);
    return delay + milliseconds(std::llround(double(delay.count()) * ratio * fraction));
}

// --- deployments ---

Result<DeploymentRecord> DeploymentStore::createDeployment(const DeploymentRecord& record)
{
    if (auto r = validate(record); !r)
        return std::unexpected(r.error());
    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    {
        QSqlQuery exists(m_db.handle());
        exists.prepare(u"SELECT 1 FROM deployments WHERE deploymentId = :id"_s);
        exists.bindValue(u":id"_s, record.deploymentId);
        if (!exists.exec())
            return sqlError(exists, u"read deployment"_s);
        if (exists.next())
            return makeError(
                ErrorCode::Conflict, u"deployment %1 already exists"_s.arg(record.deploymentId), u"deploymentId"_s);
    }
    const QDateTime at = now();
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(INSERT INTO deployments (deploymentId, instanceId, modelId, nodeId, containerId, containerName,
                    image, framework, gpuDevices, memoryAllocated, port, endpoint, status, phase, progress,
                    healthStatus, errorMessage, containerConfig, requestCount, avgLatencyMs, lastRequestAt,
                    deployedBy, deployedAt, stoppedAt, ownerOrgId, ownerUserId, createdAt, changedAt, deletedAt,
                    isDeleted)
                  VALUES (:id, :instance, :model, :node, :container, :containerName, :image, :framework, :gpus,
                    :memory, :port, :endpoint, :status, :phase, :progress, :health, :error, :config, :requests,
                    :latency, :lastRequest, :deployedBy, :deployedAt, :stoppedAt, :org, :user, :created,
                    :changed, NULL, 0))"_s);
    bindDeployment(q, record);
    q.bindValue(u":created"_s, iso(at));
    q.bindValue(u":changed"_s, iso(at));
    if (!q.exec())
        return sqlError(q, u"create deployment"_s);
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return deployment(record.deploymentId);
}

Result<DeploymentRecord> DeploymentStore::deployment(const QString& deploymentId, bool includeDeleted) const
{
    if (deploymentId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"deploymentId is empty"_s, u"deploymentId"_s);
    QSqlQuery q(m_db.handle());
    q.prepare(includeDeleted ? u"SELECT * FROM deployments WHERE deploymentId = :id"_s
                             : u"SELECT * FROM deployments WHERE deploymentId = :id AND isDeleted = 0"_s);
    q.bindValue(u":id"_s, deploymentId);
    if (!q.exec())
        return sqlError(q, u"read deployment"_s);
    if (!q.next())
        return makeError(ErrorCode::NotFound, u"no deployment %1"_s.arg(deploymentId));
    return readDeployment(q);
}

Result<QList<DeploymentRecord>> DeploymentStore::deployments(const QString& nodeId, bool includeDeleted) const
{
    QString sql = u"SELECT * FROM deployments WHERE 1 = 1"_s;
    if (!includeDeleted)
        sql += u" AND isDeleted = 0"_s;
    if (!nodeId.isEmpty())
        sql += u" AND nodeId = :node"_s;
    sql += u" ORDER BY createdAt, deploymentId"_s;
    QSqlQuery q(m_db.handle());
    q.prepare(sql);
    if (!nodeId.isEmpty())
        q.bindValue(u":node"_s, nodeId);
    return readAll<DeploymentRecord>(q, u"list deployments"_s, readDeployment);
}

Result<DeploymentRecord> DeploymentStore::writeDeployment(const DeploymentRecord& record)
{
    if (auto r = validate(record); !r)
        return std::unexpected(r.error());
    const auto current = deployment(record.deploymentId);
    if (!current)
        return std::unexpected(current.error());
    if (current->status != record.status) {
        if (auto r = DeploymentStateMachine::canTransition(current->status, record.status); !r)
            return std::unexpected(r.error());
    } else if (record.status == DeploymentStatus::Deploying) {
        if (auto r
            = DeploymentStateMachine::canAdvance(current->phase, current->progress, record.phase, record.progress);
            !r) {
            return std::unexpected(r.error());
        }
    }
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(UPDATE deployments SET instanceId = :instance, modelId = :model, nodeId = :node,
                    containerId = :container, containerName = :containerName, image = :image,
                    framework = :framework, gpuDevices = :gpus, memoryAllocated = :memory, port = :port,
                    endpoint = :endpoint, status = :status, phase = :phase, progress = :progress,
                    healthStatus = :health, errorMessage = :error, containerConfig = :config,
                    requestCount = :requests, avgLatencyMs = :latency, lastRequestAt = :lastRequest,
                    deployedBy = :deployedBy, deployedAt = :deployedAt, stoppedAt = :stoppedAt,
                    ownerOrgId = :org, ownerUserId = :user, changedAt = :changed
                  WHERE deploymentId = :id AND isDeleted = 0)"_s);
    bindDeployment(q, record);
    q.bindValue(u":changed"_s, iso(now()));
    if (!q.exec())
        return sqlError(q, u"update deployment"_s);
    return deployment(record.deploymentId);
}

Result<DeploymentRecord> DeploymentStore::updateDeployment(const DeploymentRecord& record)
{
    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    auto written = writeDeployment(record);
    if (!written)
        return written;
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return written;
}

Result<DeploymentRecord> DeploymentStore::mutate(const QString& deploymentId,
                                                 const std::function<Result<void>(DeploymentRecord&)>& change)
{
    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    auto record = deployment(deploymentId);
    if (!record)
        return record;
    if (auto r = change(*record); !r)
        return std::unexpected(r.error());
    auto written = writeDeployment(*record);
    if (!written)
        return written;
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return written;
}

Result<DeploymentRecord>
DeploymentStore::setStatus(const QString& deploymentId, DeploymentStatus to, const QString& error)
{
    const QDateTime at = now();
    return mutate(deploymentId,
                  [&](DeploymentRecord& r) { return DeploymentStateMachine::transition(r, to, at, error); });
}

Result<DeploymentRecord> DeploymentStore::setProgress(const QString& deploymentId, DeploymentPhase phase, int progress)
{
    return mutate(deploymentId,
                  [&](DeploymentRecord& r) { return DeploymentStateMachine::advance(r, phase, progress); });
}

Result<void> DeploymentStore::softDeleteDeployment(const QString& deploymentId)
{
    if (deploymentId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"deploymentId is empty"_s, u"deploymentId"_s);
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(UPDATE deployments SET isDeleted = 1, deletedAt = :now, changedAt = :now
                  WHERE deploymentId = :id AND isDeleted = 0)"_s);
    q.bindValue(u":now"_s, iso(now()));
    q.bindValue(u":id"_s, deploymentId);
    if (!q.exec())
        return sqlError(q, u"delete deployment"_s);
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no deployment %1"_s.arg(deploymentId));
    return {};
}

// --- job queue ---

Result<DeploymentJob> DeploymentStore::enqueueJob(const DeploymentJob& input)
{
    if (input.deploymentId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"deploymentId is empty"_s, u"deploymentId"_s);
    if (input.maxAttempts < 1)
        return makeError(
            ErrorCode::OutOfRange, u"maxAttempts %1 is below 1"_s.arg(input.maxAttempts), u"maxAttempts"_s);
    DeploymentJob j = input;
    if (j.jobId.isEmpty())
        j.jobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (j.requestId.isEmpty())
        j.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QDateTime at = now();
    if (!j.nextAttemptAt.isValid())
        j.nextAttemptAt = at;

    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    {
        QSqlQuery exists(m_db.handle());
        exists.prepare(u"SELECT jobId, requestId FROM deployment_jobs WHERE jobId = :id OR requestId = :request"_s);
        exists.bindValue(u":id"_s, j.jobId);
        exists.bindValue(u":request"_s, j.requestId);
        if (!exists.exec())
            return sqlError(exists, u"read deployment job"_s);
        if (exists.next()) {
            const bool sameRequest = exists.value(1).toString() == j.requestId;
            return makeError(ErrorCode::Conflict,
                             sameRequest ? u"a job with requestId %1 already exists"_s.arg(j.requestId)
                                         : u"job %1 already exists"_s.arg(j.jobId),
                             sameRequest ? u"requestId"_s : u"jobId"_s);
        }
    }
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(INSERT INTO deployment_jobs (jobId, deploymentId, kind, requestId, attempts, maxAttempts,
                    nextAttemptAt, state, lastError, createdAt, changedAt)
                  VALUES (:id, :deployment, :kind, :request, 0, :max, :next, 'queued', '', :now, :now))"_s);
    q.bindValue(u":id"_s, j.jobId);
    q.bindValue(u":deployment"_s, j.deploymentId);
    q.bindValue(u":kind"_s, jobKindName(j.kind));
    q.bindValue(u":request"_s, j.requestId);
    q.bindValue(u":max"_s, j.maxAttempts);
    q.bindValue(u":next"_s, iso(j.nextAttemptAt));
    q.bindValue(u":now"_s, iso(at));
    if (!q.exec())
        return sqlError(q, u"enqueue deployment job"_s);
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return job(j.jobId);
}

Result<DeploymentJob> DeploymentStore::job(const QString& jobId) const
{
    if (jobId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"jobId is empty"_s, u"jobId"_s);
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT * FROM deployment_jobs WHERE jobId = :id"_s);
    q.bindValue(u":id"_s, jobId);
    if (!q.exec())
        return sqlError(q, u"read deployment job"_s);
    if (!q.next())
        return makeError(ErrorCode::NotFound, u"no deployment job %1"_s.arg(jobId));
    return readJob(q);
}

Result<std::optional<DeploymentJob>> DeploymentStore::findByRequestId(const QString& requestId) const
{
    if (requestId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"requestId is empty"_s, u"requestId"_s);
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT * FROM deployment_jobs WHERE requestId = :request"_s);
    q.bindValue(u":request"_s, requestId);
    if (!q.exec())
        return sqlError(q, u"read deployment job"_s);
    if (!q.next())
        return std::optional<DeploymentJob>();
    auto j = readJob(q);
    if (!j)
        return std::unexpected(j.error());
    return std::optional<DeploymentJob>(std::move(*j));
}

Result<QList<DeploymentJob>> DeploymentStore::jobsFor(const QString& deploymentId) const
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT * FROM deployment_jobs WHERE deploymentId = :deployment ORDER BY createdAt, jobId"_s);
    q.bindValue(u":deployment"_s, deploymentId);
    return readAll<DeploymentJob>(q, u"list deployment jobs"_s, readJob);
}

Result<QList<DeploymentJob>> DeploymentStore::dueJobs(const QDateTime& at) const
{
    // All stamps are UTC ISO-8601 with milliseconds, so text order is time order.
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(SELECT * FROM deployment_jobs WHERE state = 'queued' AND nextAttemptAt <= :now
                  ORDER BY nextAttemptAt, createdAt, jobId)"_s);
    q.bindValue(u":now"_s, iso(at.isValid() ? at : now()));
    return readAll<DeploymentJob>(q, u"list due deployment jobs"_s, readJob);
}

Result<DeploymentJob> DeploymentStore::wrongJobState(const QString& jobId, DeploymentJobState expected) const
{
    auto current = job(jobId);
    if (!current)
        return current;
    return makeError(
        ErrorCode::Conflict,
        u"deployment job %1 is %2, not %3"_s.arg(jobId, jobStateName(current->state), jobStateName(expected)),
        u"state"_s);
}

Result<DeploymentJob> DeploymentStore::claimJob(const QString& jobId)
{
    if (jobId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"jobId is empty"_s, u"jobId"_s);
    QSqlQuery q(m_db.handle());
    q.prepare(
        u"UPDATE deployment_jobs SET state = 'running', changedAt = :now WHERE jobId = :id AND state = 'queued'"_s);
    q.bindValue(u":now"_s, iso(now()));
    q.bindValue(u":id"_s, jobId);
    if (!q.exec())
        return sqlError(q, u"claim deployment job"_s);
    if (q.numRowsAffected() != 1)
        return wrongJobState(jobId, DeploymentJobState::Queued);
    return job(jobId);
}

Result<DeploymentJob> DeploymentStore::completeJob(const QString& jobId)
{
    if (jobId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"jobId is empty"_s, u"jobId"_s);
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE deployment_jobs SET state = 'done', changedAt = :now WHERE jobId = :id AND state = 'running'"_s);
    q.bindValue(u":now"_s, iso(now()));
    q.bindValue(u":id"_s, jobId);
    if (!q.exec())
        return sqlError(q, u"complete deployment job"_s);
    if (q.numRowsAffected() != 1)
        return wrongJobState(jobId, DeploymentJobState::Running);
    return job(jobId);
}

Result<DeploymentJob>
DeploymentStore::failJob(const QString& jobId, const QString& error, const QDateTime& at, bool retryable)
{
    store::WriteTransaction tx(m_db.handle());
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    auto current = job(jobId);
    if (!current)
        return current;
    if (current->state != DeploymentJobState::Running)
        return wrongJobState(jobId, DeploymentJobState::Running);

    const QDateTime when = at.isValid() ? at.toUTC() : now();
    const int attempts = current->attempts + 1;
    const bool givingUp = !retryable || attempts >= current->maxAttempts;
    QDateTime next = current->nextAttemptAt;
    if (!givingUp) {
        const double fraction = m_jitter ? m_jitter() : QRandomGenerator::global()->generateDouble();
        next = when.addMSecs(retryDelay(m_policy, attempts, fraction).count());
    }
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(UPDATE deployment_jobs SET state = :state, attempts = :attempts, nextAttemptAt = :next,
                    lastError = :error, changedAt = :now
                  WHERE jobId = :id AND state = 'running')"_s);
    q.bindValue(u":state"_s, jobStateName(givingUp ? DeploymentJobState::Failed : DeploymentJobState::Queued));
    q.bindValue(u":attempts"_s, attempts);
    q.bindValue(u":next"_s, iso(next));
    q.bindValue(u":error"_s, text(error));
    q.bindValue(u":now"_s, iso(when));
    q.bindValue(u":id"_s, jobId);
    if (!q.exec())
        return sqlError(q, u"fail deployment job"_s);
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return job(jobId);
}

Result<int> DeploymentStore::resumeAfterRestart()
{
    const QString at = iso(now());
    QSqlQuery q(m_db.handle());
    q.prepare(uR"(UPDATE deployment_jobs SET state = 'queued', nextAttemptAt = :now, changedAt = :now
                  WHERE state = 'running')"_s);
    q.bindValue(u":now"_s, at);
    if (!q.exec())
        return sqlError(q, u"resume deployment jobs"_s);
    return q.numRowsAffected();
}

} // namespace aiops::deploy
