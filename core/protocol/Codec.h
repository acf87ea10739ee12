#pragma once

#include "core/protocol/Error.h"
#include "core/protocol/Messages.h"

#include <QByteArray>
#include <QByteArrayView>

namespace aiops::protocol {

struct Limits
{
    qsizetype maxFrameBytes = 1024 * 1024; // 1 MiB
    int maxGpuDevices = 64;
    int maxStringLength = 255; // ids and names
    int maxTextLength = 4096; // free text: reasons, notification and error messages
    int maxUrlLength = 8192; // presigned S3 URLs run to a couple of KiB
    int maxModelFiles = 10000; // files of one model in system.node.cacheModel
    int maxCachedModels = 10000; // models listed in system.node.modelCache
    int maxLogBytes = 512 * 1024; // logs and log tails (counted in characters; the frame limit still applies)
    int maxEnvironment = 256; // variables of one containerConfig.environment
    int maxArguments = 256; // elements of containerConfig.entrypoint and containerConfig.command
    int maxContainers = 10000; // containers listed in system.node.containers
};

qint64 nowMs();

// Parses and fully validates one frame. Never throws. Errors carry a stable code and the JSON path
// of the first offending field.
Result<Envelope> decodeEnvelope(QByteArrayView frame, const Limits& limits = {});
Result<NodeInbound> decodeNodeMessage(QByteArrayView frame, const Limits& limits = {});
// Every message type decodeNodeMessage accepts (daemon -> controller).
const QStringList& inboundNodeTypes();
// For the daemon side: what the controller sends.
Result<NodeOutbound> decodeControllerMessage(QByteArrayView frame, const Limits& limits = {});

// Validation of already-parsed objects (used by decode*, and by REST handlers on bodies).
Result<NodeRegister> parseNodeRegister(const QJsonObject& o, const Limits& limits = {});
Result<NodeHeartbeat> parseNodeHeartbeat(const QJsonObject& o, const Limits& limits = {});
Result<NodeDisconnect> parseNodeDisconnect(const QJsonObject& o, const Limits& limits = {});
Result<NodeOnline> parseNodeOnline(const QJsonObject& o, const Limits& limits = {});
Result<NodeOffline> parseNodeOffline(const QJsonObject& o, const Limits& limits = {});
Result<NodeRegistered> parseNodeRegistered(const QJsonObject& o, const Limits& limits = {});
Result<Notification> parseNotification(const QJsonObject& o, const Limits& limits = {});
Result<SystemError> parseSystemError(const QJsonObject& o, const Limits& limits = {});
Result<NodeCacheModel> parseNodeCacheModel(const QJsonObject& o, const Limits& limits = {});
Result<NodeEvictModel> parseNodeEvictModel(const QJsonObject& o, const Limits& limits = {});
Result<NodeCommandAck> parseNodeCommandAck(const QJsonObject& o, const Limits& limits = {});
Result<NodeModelCacheProgress> parseNodeModelCacheProgress(const QJsonObject& o, const Limits& limits = {});
Result<NodeModelCache> parseNodeModelCache(const QJsonObject& o, const Limits& limits = {});
Result<DeployContainerConfig> parseDeployContainerConfig(const QJsonObject& o, const Limits& limits = {});
Result<NodeDeployModel> parseNodeDeployModel(const QJsonObject& o, const Limits& limits = {});
Result<NodeStopContainer> parseNodeStopContainer(const QJsonObject& o, const Limits& limits = {});
Result<NodeGetLogs> parseNodeGetLogs(const QJsonObject& o, const Limits& limits = {});
Result<NodeDeploymentProgress> parseNodeDeploymentProgress(const QJsonObject& o, const Limits& limits = {});
Result<NodeLogsResponse> parseNodeLogsResponse(const QJsonObject& o, const Limits& limits = {});
Result<NodeContainerEvent> parseNodeContainerEvent(const QJsonObject& o, const Limits& limits = {});
Result<ManagedContainer> parseManagedContainer(const QJsonObject& o, const Limits& limits = {});
Result<NodeContainers> parseNodeContainers(const QJsonObject& o, const Limits& limits = {});

// containerConfig.memoryLimit in bytes: "8g", "512m", "64k", "1024" (bytes); 0 for "". Error on anything else.
Result<qint64> parseMemoryLimit(const QString& text);
// containerConfig.ports split: {hostPort (0 = allocate), containerPort}. Error unless "host:container" or
// "container" with decimal ports (host 0..65535, container 1..65535).
struct PortMapping
{
    int hostPort = 0;
    int containerPort = 0;
};
Result<PortMapping> parsePortMapping(const QString& text);

// Serialisation: compact JSON with "type" and every set field. encode(decode(x)) round-trips.
QJsonObject toJson(const NodeRegister& m);
QJsonObject toJson(const NodeHeartbeat& m);
QJsonObject toJson(const NodeDisconnect& m);
QJsonObject toJson(const NodeOnline& m);
QJsonObject toJson(const NodeOffline& m);
QJsonObject toJson(const NodeRegistered& m);
QJsonObject toJson(const Notification& m);
QJsonObject toJson(const SystemError& m);
QJsonObject toJson(const NodeCacheModel& m);
QJsonObject toJson(const NodeEvictModel& m);
QJsonObject toJson(const NodeCommandAck& m);
QJsonObject toJson(const NodeModelCacheProgress& m);
QJsonObject toJson(const NodeModelCache& m);
QJsonObject toJson(const DeployContainerConfig& m); // no "type": the containerConfig object
QJsonObject toJson(const NodeDeployModel& m);
QJsonObject toJson(const NodeStopContainer& m);
QJsonObject toJson(const NodeGetLogs& m);
QJsonObject toJson(const NodeDeploymentProgress& m);
QJsonObject toJson(const NodeLogsResponse& m);
QJsonObject toJson(const NodeContainerEvent& m);
QJsonObject toJson(const ManagedContainer& m); // no "type": one element of system.node.containers
QJsonObject toJson(const NodeContainers& m);

template<typename T> QByteArray encode(const T& message);

// Builds the system.error reply for a failed decode; echoes requestId/messageId when recoverable.
SystemError errorReply(const Error& error, const QString& requestId = {});
// Best effort: the requestId (else messageId) of a frame that failed to decode, for errorReply.
// Empty when the frame is too large, not a JSON object, or carries neither as a string.
QString correlationId(QByteArrayView frame, const Limits& limits = {});

} // namespace aiops::protocol
