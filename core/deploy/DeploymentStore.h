#pragma once

#include "core/deploy/DeploymentTypes.h"
#include "core/protocol/Error.h"

#include <QDateTime>
#include <QList>
#include <chrono>
#include <functional>
#include <optional>

namespace aiops::store {
class Database;
}

namespace aiops::deploy {

// How a failed job is retried: after the n-th failure (n = 1, 2, ...) the job waits
// base * 2^(n-1), at most cap, plus up to jitterRatio of that delay drawn from the jitter source.
struct RetryPolicy
{
    std::chrono::milliseconds base = std::chrono::seconds(2);
    std::chrono::milliseconds cap = std::chrono::seconds(60);
    double jitterRatio = 0.2;
};

// Repository of the `deployments` and `deployment_jobs` tables (migration 5). Use it on the thread
// that opened the Database. Every check of a status change goes through DeploymentStateMachine.
class DeploymentStore final
{
public:
    using Clock = std::function<QDateTime()>;
    // A number in [0, 1]; tests inject a constant.
    using JitterSource = std::function<double()>;

    explicit DeploymentStore(store::Database& database);

    // Source of createdAt/changedAt/deletedAt and of the state machine's timestamps. Default: UTC now.
    void setClock(Clock clock);
    void setJitterSource(JitterSource jitter);
    void setRetryPolicy(const RetryPolicy& policy) { m_policy = policy; }
    const RetryPolicy& retryPolicy() const { return m_policy; }

    // The delay before the next attempt after `failedAttempts` failures; jitterFraction in [0, 1].
    static std::chrono::milliseconds retryDelay(const RetryPolicy& policy, int failedAttempts, double jitterFraction);

    // --- deployments ---
    // InvalidValue for an empty deploymentId, modelId or nodeId or a progress outside 0-100; Conflict
    // when the deploymentId exists (deleted rows included: ids are never reused). createdAt and
    // changedAt are set to now.
    Result<DeploymentRecord> createDeployment(const DeploymentRecord& record);
    // NotFound unless a live row exists (or includeDeleted). StoreError when a stored enum column
    // holds a string this build does not know.
    Result<DeploymentRecord> deployment(const QString& deploymentId, bool includeDeleted = false) const;
    // Live deployments, oldest first; an empty nodeId lists every node.
    Result<QList<DeploymentRecord>> deployments(const QString& nodeId = {}, bool includeDeleted = false) const;
    // Writes every mutable column of a live row. A status change must be allowed by the state machine,
    // and within a deploying attempt the phase and progress must not go back (Conflict otherwise).
    Result<DeploymentRecord> updateDeployment(const DeploymentRecord& record);
    // Read, DeploymentStateMachine::transition(), write: in one transaction.
    Result<DeploymentRecord> setStatus(const QString& deploymentId, DeploymentStatus to, const QString& error = {});
    Result<DeploymentRecord> setProgress(const QString& deploymentId, DeploymentPhase phase, int progress);
    // NotFound when no live row matched.
    Result<void> softDeleteDeployment(const QString& deploymentId);

    // --- job queue ---
    // Stores a new queued job. Empty jobId/requestId are generated; a null nextAttemptAt means now;
    // attempts start at 0. InvalidValue for an empty deploymentId or maxAttempts < 1; Conflict when the
    // jobId or requestId already exists (look it up with findByRequestId instead of sending twice).
    Result<DeploymentJob> enqueueJob(const DeploymentJob& job);
    Result<DeploymentJob> job(const QString& jobId) const;
    Result<std::optional<DeploymentJob>> findByRequestId(const QString& requestId) const;
    Result<QList<DeploymentJob>> jobsFor(const QString& deploymentId) const; // oldest first
    // Queued jobs whose nextAttemptAt is at or before `now`, earliest first.
    Result<QList<DeploymentJob>> dueJobs(const QDateTime& now) const;
    // queued -> running in one UPDATE, so two workers (or two processes) cannot both win:
    // the loser gets Conflict naming the job's state. NotFound for an unknown job.
    Result<DeploymentJob> claimJob(const QString& jobId);
    // running -> done. Conflict when the job is not running.
    Result<DeploymentJob> completeJob(const QString& jobId);
    // running -> queued with nextAttemptAt = now + retryDelay(), or -> failed once attempts reaches
    // maxAttempts, or at once when the error is not retryable (a refused image does not get better).
    // The requestId is kept. Conflict when the job is not running.
    Result<DeploymentJob>
    failJob(const QString& jobId, const QString& error, const QDateTime& now, bool retryable = true);
    // After a controller restart: jobs left running were interrupted, not failed; they go back to
    // queued, due now, keeping their attempts and requestId. Returns how many were re-queued.
    Result<int> resumeAfterRestart();

private:
    QDateTime now() const;
    Result<DeploymentRecord> writeDeployment(const DeploymentRecord& record);
    Result<DeploymentRecord> mutate(const QString& deploymentId,
                                    const std::function<Result<void>(DeploymentRecord&)>& change);
    // NotFound, or Conflict naming the state `jobId` is in instead of `expected`.
    Result<DeploymentJob> wrongJobState(const QString& jobId, DeploymentJobState expected) const;

    store::Database& m_db;
    Clock m_clock;
    JitterSource m_jitter;
    RetryPolicy m_policy;
};

} // namespace aiops::deploy
