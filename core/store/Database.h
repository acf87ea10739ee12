#pragma once

#include "core/protocol/Error.h"

#include <QSqlDatabase>
#include <QString>
#include <memory>

namespace aiops::store {

// Owns one QSqlDatabase connection (per thread: use it only on the thread that opened it).
// SQLite in WAL mode is the embedded default; numbered migrations run on open.
class Database final
{
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating directories and file as needed) and migrates an SQLite database file.
    static Result<std::unique_ptr<Database>> openSqlite(const QString& filePath);

    QSqlDatabase& handle() { return m_db; }
    int schemaVersion() const;
    QString connectionName() const { return m_connectionName; }

    // Latest migration number this build knows.
    static int latestSchemaVersion();

private:
    Database() = default;
    Result<void> migrate();
    Result<void> exec(const QString& sql);
    // Highest applied migration, 0 for a file without a schema_migrations table. Reads only.
    Result<int> readSchemaVersion();

    QString m_connectionName;
    QSqlDatabase m_db;
    int m_schemaVersion = 0;
};

} // namespace aiops::store
