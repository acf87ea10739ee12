#include "core/deploy/ReservationBook.h"

#include <QSet>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace aiops::deploy {

Result<void> ReservationBook::reserve(const QString& deploymentId,
                                      const QString& nodeId,
                                      const QStringList& deviceIds,
                                      qint64 memoryMbPerGpu)
{
    if (deploymentId.isEmpty())
        return makeError(ErrorCode::InvalidValue, u"a reservation needs a deployment id"_s, u"deploymentId"_s);
    if (nodeId.isEmpty())
        return makeError(ErrorCode::InvalidValue, u"a reservation needs a node id"_s, u"nodeId"_s);
    if (deviceIds.isEmpty())
        return makeError(ErrorCode::InvalidValue, u"a reservation needs at least one GPU"_s, u"deviceIds"_s);
    if (memoryMbPerGpu < 0)
        return makeError(ErrorCode::InvalidValue, u"a reservation cannot be negative"_s, u"memoryMb"_s);
    QSet<QString> seen;
    for (const QString& deviceId : deviceIds) {
        if (deviceId.isEmpty() || seen.contains(deviceId))
            return makeError(ErrorCode::InvalidValue,
                             u"GPU list for %1 has an empty or repeated device id"_s.arg(deploymentId),
                             u"deviceIds"_s);
        seen.insert(deviceId);
    }
    if (holds(deploymentId))
        return makeError(ErrorCode::Conflict, u"deployment %1 already holds a GPU reservation"_s.arg(deploymentId));
    for (const QString& deviceId : deviceIds)
        m_reservations.append(Reservation { nodeId, deviceId, memoryMbPerGpu, deploymentId });
    return {};
}

int ReservationBook::release(const QString& deploymentId)
{
    return static_cast<int>(
        m_reservations.removeIf([&](const Reservation& r) { return r.deploymentId == deploymentId; }));
}

bool ReservationBook::holds(const QString& deploymentId) const
{
    return std::any_of(m_reservations.cbegin(), m_reservations.cend(), [&](const Reservation& r) {
        return r.deploymentId == deploymentId;
    });
}

QList<Reservation> ReservationBook::reservationsOf(const QString& deploymentId) const
{
    QList<Reservation> out;
    for (const Reservation& r : m_reservations)
        if (r.deploymentId == deploymentId)
            out.append(r);
    return out;
}

qint64 ReservationBook::reservedMb(const QString& nodeId, const QString& deviceId) const
{
    qint64 total = 0;
    for (const Reservation& r : m_reservations)
        if (r.nodeId == nodeId && r.deviceId == deviceId)
            total += r.memoryMb;
    return total;
}

QMap<ReservationBook::GpuKey, qint64> ReservationBook::totalsPerGpu() const
{
    QMap<GpuKey, qint64> totals;
    for (const Reservation& r : m_reservations)
        totals[GpuKey { r.nodeId, r.deviceId }] += r.memoryMb;
    return totals;
}

} // namespace aiops::deploy
