#pragma once

#include "core/protocol/Error.h"
#include "core/store/NodeRecord.h"

#include <QList>
#include <optional>

namespace aiops::store {

class Database;

class NodeRepository final
{
public:
    explicit NodeRepository(Database& db);

    // Inserts, or updates every column of an existing row with the same nodeId (a soft-deleted row
    // is revived). createdAt is kept on update; changedAt is set to now.
    Result<void> upsert(const NodeRecord& node);
    Result<std::optional<NodeRecord>> find(const QString& nodeId, bool includeDeleted = false) const;
    Result<QList<NodeRecord>> list(bool includeDeleted = false) const;
    // Applies many liveness updates in one transaction. Unknown nodeIds are ignored.
    Result<int> saveStatusBatch(const QList<NodeStatusUpdate>& updates);
    // name / status("maintenance" or back) changes from the PATCH endpoint.
    Result<void> rename(const QString& nodeId, const QString& name);
    Result<void> setStatus(const QString& nodeId, const QString& status);
    // Sets isDeleted/deletedAt. Returns false when no live row matched.
    Result<bool> softDelete(const QString& nodeId);

private:
    Database& m_db;
};

} // namespace aiops::store
