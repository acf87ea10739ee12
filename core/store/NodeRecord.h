#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace aiops::store {

// seed 000 `nodes.gpuDevices[]`; memory in MiB.
struct GpuDeviceRecord
{
    QString deviceId;
    QString model;
    qint64 memoryTotal = 0;
    qint64 memoryFree = 0;
    double utilization = 0;
    double temperature = 0;
    QString uuid;
    QString vendor;
};

struct Owner
{
    QString orgId;
    QString userId;
};

// One row of the `nodes` table (seed 000 "Data Models → nodes").
struct NodeRecord
{
    QString nodeId;
    QString name;
    QStringList role { QStringLiteral("worker") };
    QString status { QStringLiteral("offline") }; // online | offline | maintenance
    bool isLocal = false;
    QString vpnIp;
    bool websocketConnected = false;
    QDateTime lastHeartbeat;
    QList<GpuDeviceRecord> gpuDevices;
    int cpuCores = 0;
    qint64 ramTotal = 0; // MiB
    qint64 ramFree = 0; // MiB
    QJsonObject config; // controllerEndpoint, workingDirectory, ...
    Owner owner;
    QDateTime createdAt;
    QDateTime changedAt;
    std::optional<QDateTime> deletedAt;
    bool isDeleted = false;
};

// The part of a node that changes with liveness; written in batches.
struct NodeStatusUpdate
{
    QString nodeId;
    QString status;
    bool websocketConnected = false;
    QDateTime lastHeartbeat;
    qint64 ramFree = 0;
    QList<GpuDeviceRecord> gpuDevices; // latest per-GPU values
};

} // namespace aiops::store
