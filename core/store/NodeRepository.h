#pragma once

#include "core/protocol/Error.h"
#include "core/store/NodeRecord.h"

#include <QDateTime>
#include <QList>
#include <functional>
#include <optional>

namespace aiops::store {

class Database;

class NodeRepository final
{
public:
    using Clock = std::function<QDateTime()>;

    explicit NodeRepository(Database& db);

    // Source of createdAt/changedAt/deletedAt; tests inject a fixed clock. Default: current UTC time.
    void setClock(Clock clock);

    // Inserts, or updates every column of an existing row with the same nodeId (a soft-deleted row
    // is revived). createdAt is kept on update; changedAt is set to now.
    Result<void> upsert(const NodeRecord& node);
    Result<std::optional<NodeRecord>> find(const QString& nodeId, bool includeDeleted = false) const;
    Result<QList<NodeRecord>> list(bool includeDeleted = false) const;
    // Applies many liveness updates in one transaction. Unknown and deleted nodeIds are ignored;
    // returns the number of rows updated. A null lastHeartbeat or an empty gpuDevices list keeps the
    // stored value, so an offline update does not erase the GPU inventory.
    Result<int> saveStatusBatch(const QList<NodeStatusUpdate>& updates);
    // name / status("maintenance" or back) changes from the PATCH endpoint. An empty name or an
    // unknown status is INVALID_VALUE; an unknown or deleted nodeId is NOT_FOUND.
    Result<void> rename(const QString& nodeId, const QString& name);
    Result<void> setStatus(const QString& nodeId, const QString& status);
    // Sets isDeleted/deletedAt. Returns false when no live row matched.
    Result<bool> softDelete(const QString& nodeId);

private:
    QDateTime now() const;

    Database& m_db;
    Clock m_clock;
};

} // namespace aiops::store
