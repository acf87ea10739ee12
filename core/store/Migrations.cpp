#include "core/store/Migrations.h"

namespace aiops::store {

using namespace Qt::StringLiterals;

const QList<Migration>& migrations()
{
    // Dates are ISO-8601 UTC text with milliseconds; role, gpuDevices and config are JSON text.
    static const QList<Migration> all {
        { 1,
          u"nodes table"_s,
          { uR"(CREATE TABLE nodes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                nodeId TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT '["worker"]',
                status TEXT NOT NULL DEFAULT 'offline'
                    CHECK (status IN ('online', 'offline', 'maintenance')),
                isLocal INTEGER NOT NULL DEFAULT 0,
                vpnIp TEXT,
                websocketConnected INTEGER NOT NULL DEFAULT 0,
                lastHeartbeat TEXT,
                gpuDevices TEXT NOT NULL DEFAULT '[]',
                cpuCores INTEGER NOT NULL DEFAULT 0,
                ramTotal INTEGER NOT NULL DEFAULT 0,
                ramFree INTEGER NOT NULL DEFAULT 0,
                config TEXT NOT NULL DEFAULT '{}',
                ownerOrgId TEXT,
                ownerUserId TEXT,
                createdAt TEXT NOT NULL,
                changedAt TEXT NOT NULL,
                deletedAt TEXT,
                isDeleted INTEGER NOT NULL DEFAULT 0
            ))"_s,
            u"CREATE INDEX idx_nodes_status ON nodes (status, isDeleted)"_s } },
    };
    return all;
}

} // namespace aiops::store
