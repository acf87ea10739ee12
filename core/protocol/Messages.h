#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>
#include <variant>

// Message types of seed 000 "WebSocket Message Patterns": the SYSTEM.NODE lifecycle events plus
// system.notification and system.error. Memory sizes are MiB ("MB" in the seed), temperatures °C,
// utilisation percent 0-100, timestamps milliseconds since the Unix epoch.
namespace aiops::protocol {

namespace type {
inline constexpr auto NodeRegister = "system.node.register";
inline constexpr auto NodeHeartbeat = "system.node.heartbeat";
inline constexpr auto NodeDisconnect = "system.node.disconnect";
inline constexpr auto NodeOnline = "system.node.online";
inline constexpr auto NodeOffline = "system.node.offline";
inline constexpr auto NodeRegistered = "system.node.registered"; // controller -> daemon acknowledgement
inline constexpr auto Notification = "system.notification";
inline constexpr auto SystemError = "system.error";
// Model cache of a node (issue "Model registry"): commands, the seed's commandAck, progress and reports.
inline constexpr auto NodeCacheModel = "system.node.cacheModel"; // controller -> daemon
inline constexpr auto NodeEvictModel = "system.node.evictModel"; // controller -> daemon
inline constexpr auto NodeCommandAck = "system.node.commandAck"; // daemon -> controller (seed)
inline constexpr auto NodeModelCacheProgress = "system.node.modelCacheProgress"; // daemon -> controller
inline constexpr auto NodeModelCache = "system.node.modelCache"; // daemon -> controller: what it holds
// Deployments (issue "Deploy"): seed 000's commands and responses, plus the container report the
// daemon sends after every register so the controller can reconcile.
inline constexpr auto NodeDeployModel = "system.node.deployModel"; // controller -> daemon (seed)
inline constexpr auto NodeStopContainer = "system.node.stopContainer"; // controller -> daemon (seed)
inline constexpr auto NodeGetLogs = "system.node.getLogs"; // controller -> daemon (seed)
inline constexpr auto NodeDeploymentProgress = "system.node.deploymentProgress"; // daemon -> controller (seed)
inline constexpr auto NodeLogsResponse = "system.node.logsResponse"; // daemon -> controller (seed)
inline constexpr auto NodeContainerEvent = "system.node.containerEvent"; // daemon -> controller (seed)
inline constexpr auto NodeContainers = "system.node.containers"; // daemon -> controller: managed containers
} // namespace type

// Base fields every message may carry (seed: BaseMessage).
struct Envelope
{
    QString type;
    qint64 timestamp = 0;
    QString messageId;
    QString requestId;
    QString conversationId;
    QString userId;
    QString agentId;
    QString nodeId;
    QJsonObject metadata;

    bool operator==(const Envelope&) const = default;
};

struct GpuInventory
{
    QString deviceId; // "0", "1", ...
    QString model; // "NVIDIA A100-SXM4-80GB"
    qint64 memoryTotal = 0; // MiB, > 0
    QString uuid; // optional
    QString vendor; // optional: "nvidia" | "amd"

    bool operator==(const GpuInventory&) const = default;
};

struct NodeRegister
{
    QString nodeId;
    QString name;
    bool isLocal = false;
    QList<GpuInventory> gpuDevices;
    QJsonObject config; // controllerEndpoint, workingDirectory, httpPort, ...
    qint64 timestamp = 0;
    // Optional extensions (hardware the nodes table records).
    QStringList role { QStringLiteral("worker") }; // decoded as ["worker"] when absent
    int cpuCores = 0; // >= 0
    qint64 ramTotal = 0; // MiB
    qint64 diskTotal = 0; // MiB
    QString hostname;
    QString version; // aiops-node version

    bool operator==(const NodeRegister&) const = default;
};

struct GpuSample
{
    QString deviceId;
    qint64 memoryFree = 0; // MiB, >= 0
    double utilization = 0; // 0..100
    double temperature = 0; // -50..150
    std::optional<double> powerUsage; // W, optional, >= 0

    bool operator==(const GpuSample&) const = default;
};

struct NodeMetrics
{
    QList<GpuSample> gpuDevices;
    qint64 ramFree = 0; // MiB, >= 0
    qint64 diskFree = 0; // MiB, >= 0
    std::optional<double> cpuUtilization; // 0..100
    std::optional<double> loadAverage; // 1-minute load, >= 0

    bool operator==(const NodeMetrics&) const = default;
};

struct NodeHeartbeat
{
    QString nodeId;
    qint64 timestamp = 0;
    NodeMetrics metrics;

    bool operator==(const NodeHeartbeat&) const = default;
};

struct NodeDisconnect
{
    QString nodeId;
    QString reason;
    qint64 timestamp = 0;

    bool operator==(const NodeDisconnect&) const = default;
};

struct NodeOnline
{
    QString nodeId;
    QString nodeName;
    int gpuCount = 0;
    qint64 timestamp = 0;

    bool operator==(const NodeOnline&) const = default;
};

struct NodeOffline
{
    QString nodeId;
    QString reason;
    qint64 lastSeen = 0;
    qint64 timestamp = 0;

    bool operator==(const NodeOffline&) const = default;
};

// Controller -> daemon acknowledgement of a register (not in the seed; carries the heartbeat interval).
struct NodeRegistered
{
    QString nodeId;
    int heartbeatIntervalMs = 2000;
    qint64 timestamp = 0;
    // Only in the reply to a daemon that enrolled with a one-time token: its long-lived node
    // credential ("aiops_nc_..."), to be stored and presented on every later connection.
    QString nodeCredential;

    bool operator==(const NodeRegistered&) const = default;
};

struct Notification
{
    QString level; // info | warning | error | success
    QString title;
    QString message;
    QString action;
    QJsonObject metadata;
    qint64 timestamp = 0;

    bool operator==(const Notification&) const = default;
};

struct SystemError
{
    QString errorCode;
    QString message;
    QJsonObject context;
    std::optional<qint64> retryAfter;
    QString requestId; // echoes the offending message's requestId/messageId when it had one
    qint64 timestamp = 0;

    bool operator==(const SystemError&) const = default;
};

// One file of a model the daemon is told to cache. `url` is absolute (a presigned S3 URL: no
// credential) or starts with "/" (the controller's storage route: the daemon sends its credential).
struct CacheFileRef
{
    QString path; // relative path inside the model folder
    qint64 size = 0; // bytes
    QString sha256; // 64 lowercase hex; verified while streaming
    QString url;

    bool operator==(const CacheFileRef&) const = default;
};

struct NodeCacheModel
{
    QString requestId;
    QString nodeId;
    QString modelId;
    QString version;
    QString commitSha;
    QList<CacheFileRef> files;
    qint64 timestamp = 0;

    bool operator==(const NodeCacheModel&) const = default;
};

struct NodeEvictModel
{
    QString requestId;
    QString nodeId;
    QString modelId;
    qint64 timestamp = 0;

    bool operator==(const NodeEvictModel&) const = default;
};

// Seed 000: the daemon's answer to a command, before the work (accepted) or instead of it (rejected).
struct NodeCommandAck
{
    QString requestId;
    QString nodeId;
    QString status; // accepted | rejected
    QString reason;
    QString errorCode; // with rejected: the typed reason (INVALID_VALUE, INSUFFICIENT_STORAGE, ...)
    qint64 timestamp = 0;

    bool operator==(const NodeCommandAck&) const = default;
};

struct NodeModelCacheProgress
{
    QString requestId;
    QString nodeId;
    QString modelId;
    QString status; // downloading | ready | failed | cancelled
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    int progress = 0; // 0-100
    QString error;
    QString errorCode;
    qint64 timestamp = 0;

    bool operator==(const NodeModelCacheProgress&) const = default;
};

struct CachedModelInfo
{
    QString modelId;
    QString version;
    qint64 sizeMb = 0;
    qint64 lastUsedAt = 0; // ms since the epoch
    bool pinned = false; // in use: never evicted

    bool operator==(const CachedModelInfo&) const = default;
};

// The daemon's model cache: sent after every register and whenever it changes.
struct NodeModelCache
{
    QString nodeId;
    qint64 capacityMb = 0;
    qint64 usedMb = 0;
    QList<CachedModelInfo> models;
    qint64 timestamp = 0;

    bool operator==(const NodeModelCache&) const = default;
};

// Seed 000 containerConfig of system.node.deployModel, with the fields the controller resolves from
// the framework (issue "Deploy" §4) so the daemon needs no framework knowledge.
struct DeployContainerConfig
{
    QString image; // "nvcr.io/nvidia/tritonserver:24.01"; checked against the node's allowlist too
    QString gpuDevice; // seed: "0" or "0,1"; "" = no GPU
    QString gpuVendor; // "nvidia" (DeviceRequests) | "amd" (/dev/kfd, /dev/dri) | ""
    QString memoryLimit; // seed: "8g", "512m", "" = none
    QString ports; // seed: "8001:8000" host:container; host 0 or absent ("8000") = allocate
    QMap<QString, QString> environment;
    QStringList entrypoint; // explicit entrypoint (vLLM); empty = the image's
    QStringList command; // arguments / command; empty = the image's
    QString healthPath { QStringLiteral("/health") }; // GET on the container port until 200
    int healthTimeoutSeconds = 600; // 1..3600
    bool ipcHost = false; // vLLM: IPC host for NCCL shared memory
    qint64 shmSizeMb = 0; // 0 = runtime default
    QString modelMount; // container path the cached model folder is mounted at (read-only); "" = none

    bool operator==(const DeployContainerConfig&) const = default;
};

struct NodeDeployModel
{
    QString requestId; // idempotency: a repeated requestId never starts a second container
    QString nodeId;
    QString jobId;
    QString deploymentId;
    QString modelId;
    QString framework; // triton | vllm | custom
    DeployContainerConfig containerConfig;
    QString modelPath; // seed: s3://... or the registry's minioPath; informational
    QString modelVersion;
    QList<CacheFileRef> files; // what to cache before starting (empty: no model files to mount)
    qint64 timestamp = 0;

    bool operator==(const NodeDeployModel&) const = default;
};

struct NodeStopContainer
{
    QString requestId;
    QString nodeId;
    QString containerId; // may be empty when deploymentId is given (stop whatever carries its label)
    QString deploymentId;
    qint64 timestamp = 0;

    bool operator==(const NodeStopContainer&) const = default;
};

struct NodeGetLogs
{
    QString requestId;
    QString nodeId;
    QString containerId;
    int lines = 200; // 1..10000
    qint64 since = 0; // seconds since the epoch; 0 = from the start
    qint64 timestamp = 0;

    bool operator==(const NodeGetLogs&) const = default;
};

struct NodeDeploymentProgress
{
    QString requestId;
    QString jobId;
    QString deploymentId;
    QString nodeId;
    // seed: downloading | extracting | starting | running | failed; plus pulling, health-check, stopped
    QString status;
    int progress = 0; // 0-100 within status
    QString containerId;
    int hostPort = 0; // with running: the node-loopback port the container publishes
    QString error;
    QString errorCode; // with failed
    QString logTail; // with failed: the container's last log lines
    qint64 timestamp = 0;

    bool operator==(const NodeDeploymentProgress&) const = default;
};

struct NodeLogsResponse
{
    QString requestId;
    QString nodeId;
    QString containerId;
    QString logs;
    QString error; // set (with errorCode) when the logs could not be read
    QString errorCode;
    qint64 timestamp = 0;

    bool operator==(const NodeLogsResponse&) const = default;
};

struct NodeContainerEvent
{
    QString nodeId;
    QString containerId;
    QString deploymentId; // from the container's aiops.deployment label
    QString event; // started | stopped | died | oom
    std::optional<int> exitCode;
    QString error;
    QString logTail; // with died/oom: the last log lines
    qint64 timestamp = 0;

    bool operator==(const NodeContainerEvent&) const = default;
};

struct ManagedContainer
{
    QString containerId;
    QString deploymentId;
    QString requestId;
    QString image;
    QString state; // created | running | exited | ...
    int hostPort = 0;

    bool operator==(const ManagedContainer&) const = default;
};

// Every aiops-managed container on the node: sent after every register and on request.
struct NodeContainers
{
    QString nodeId;
    QList<ManagedContainer> containers;
    qint64 timestamp = 0;

    bool operator==(const NodeContainers&) const = default;
};

// What a node daemon may send to the controller.
using NodeInbound = std::variant<NodeRegister,
                                 NodeHeartbeat,
                                 NodeDisconnect,
                                 NodeCommandAck,
                                 NodeModelCacheProgress,
                                 NodeModelCache,
                                 NodeDeploymentProgress,
                                 NodeLogsResponse,
                                 NodeContainerEvent,
                                 NodeContainers>;
// What the controller may send to a node daemon.
using NodeOutbound = std::variant<NodeRegistered,
                                  SystemError,
                                  Notification,
                                  NodeCacheModel,
                                  NodeEvictModel,
                                  NodeDeployModel,
                                  NodeStopContainer,
                                  NodeGetLogs>;

} // namespace aiops::protocol
