#pragma once

#include <QJsonObject>
#include <QList>
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

// What a node daemon may send to the controller.
using NodeInbound = std::variant<NodeRegister, NodeHeartbeat, NodeDisconnect>;
// What the controller may send to a node daemon (this step).
using NodeOutbound = std::variant<NodeRegistered, SystemError, Notification>;

} // namespace aiops::protocol
