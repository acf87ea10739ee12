#pragma once

#include "core/protocol/Error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace aiops::deploy {

// Seed 000 `deployments.status`.
enum class DeploymentStatus { Deploying, Running, Stopped, Failed };

// Progress substate of one deploying attempt, in the order an attempt goes through them.
enum class DeploymentPhase { Queued, Placing, Downloading, Pulling, Starting, HealthCheck, Running };

// Seed 000 `deployments.healthStatus`.
enum class HealthStatus { Unknown, Healthy, Unhealthy };

enum class DeploymentJobKind { Deploy, Stop };

enum class DeploymentJobState { Queued, Running, Done, Failed };

// Wire and column spellings ("deploying", "health-check", ...). The parsers return InvalidValue for
// anything else, so an unknown string never turns silently into a default.
QString statusName(DeploymentStatus status);
QString phaseName(DeploymentPhase phase);
QString healthStatusName(HealthStatus health);
QString jobKindName(DeploymentJobKind kind);
QString jobStateName(DeploymentJobState state);
Result<DeploymentStatus> parseDeploymentStatus(const QString& text);
Result<DeploymentPhase> parseDeploymentPhase(const QString& text);
Result<HealthStatus> parseHealthStatus(const QString& text);
Result<DeploymentJobKind> parseDeploymentJobKind(const QString& text);
Result<DeploymentJobState> parseDeploymentJobState(const QString& text);

// One row of seed 000's `deployments` collection, plus the controller's progress substate.
struct DeploymentRecord
{
    QString deploymentId;
    QString instanceId; // several instances of one model each get a deployment
    QString modelId;
    QString nodeId;

    QString containerId; // empty until the node has created the container
    QString containerName; // "model-{modelId}-{instanceId}"
    QString image;
    QString framework; // "triton" | "vllm" | "custom"

    QStringList gpuDevices; // device ids on nodeId; several for tensor parallel
    qint64 memoryAllocatedMb = 0; // per GPU

    int port = 0; // container port on the node's loopback
    QString endpoint; // "/models/{model}/{instance}/v1/inference"

    DeploymentStatus status = DeploymentStatus::Deploying;
    DeploymentPhase phase = DeploymentPhase::Queued;
    int progress = 0; // 0-100 within the current attempt
    HealthStatus healthStatus = HealthStatus::Unknown;
    QString error; // seed: errorMessage; set when status is failed

    QJsonObject containerConfig; // environment, memory limit, framework arguments, ...

    qint64 requestCount = 0;
    double avgLatencyMs = 0;
    QDateTime lastRequestAt;

    QString deployedBy; // user id
    QDateTime deployedAt; // set on entering running
    QDateTime stoppedAt; // set on entering stopped

    QString orgId;
    QString userId;
    QDateTime createdAt;
    QDateTime changedAt;
    QDateTime deletedAt;
    bool isDeleted = false;

    bool operator==(const DeploymentRecord&) const = default;
};

// A unit of work for the node (system.node.deployModel or the stop command), kept in the store so
// that a controller restart resumes it. requestId travels with the command: the node answers a
// repeated requestId with the outcome of the first, so a retry never starts a second container.
struct DeploymentJob
{
    QString jobId;
    QString deploymentId;
    DeploymentJobKind kind = DeploymentJobKind::Deploy;
    QString requestId;
    int attempts = 0; // failed attempts so far
    int maxAttempts = 3;
    QDateTime nextAttemptAt;
    DeploymentJobState state = DeploymentJobState::Queued;
    QString lastError;
    QDateTime createdAt;
    QDateTime changedAt;

    bool operator==(const DeploymentJob&) const = default;
};

} // namespace aiops::deploy
