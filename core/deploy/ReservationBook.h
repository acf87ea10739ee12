#pragma once

#include "core/protocol/Error.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <utility>

namespace aiops::deploy {

// VRAM promised to a deployment that is placed but whose container has not yet shown up in the
// node's reported memoryFree. The lifecycle releases it once the deployment runs, fails or stops.
struct Reservation
{
    QString nodeId;
    QString deviceId;
    qint64 memoryMb = 0;
    QString deploymentId;

    bool operator==(const Reservation&) const = default;
};

// The reservations of in-flight deployments, keyed by deploymentId. Thread-compatible, like a Qt
// container: no internal locking; the owner (the controller thread) serialises access.
class ReservationBook
{
public:
    using GpuKey = std::pair<QString, QString>; // nodeId, deviceId

    // Reserves memoryMbPerGpu on each of deviceIds. InvalidValue for an empty id, node, device list
    // or duplicate device, or a negative amount; Conflict when deploymentId already holds a reservation
    // (release it first: a retried placement must not count twice).
    Result<void>
    reserve(const QString& deploymentId, const QString& nodeId, const QStringList& deviceIds, qint64 memoryMbPerGpu);
    // Drops everything deploymentId holds; returns how many GPU reservations were released.
    int release(const QString& deploymentId);

    bool holds(const QString& deploymentId) const;
    bool isEmpty() const { return m_reservations.isEmpty(); }
    // In reservation order.
    const QList<Reservation>& reservations() const { return m_reservations; }
    QList<Reservation> reservationsOf(const QString& deploymentId) const;
    qint64 reservedMb(const QString& nodeId, const QString& deviceId) const;
    QMap<GpuKey, qint64> totalsPerGpu() const;

private:
    QList<Reservation> m_reservations;
};

} // namespace aiops::deploy
