#include "core/store/Database.h"

#include "core/store/Migrations.h"
#include "core/store/WriteTransaction.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <atomic>

namespace aiops::store {

using namespace Qt::StringLiterals;

namespace {

std::unexpected<Error> storeError(const QString& what, const QSqlError& error)
{
    return makeError(ErrorCode::StoreError, what + u": "_s + error.text());
}

QString nextConnectionName()
{
    static std::atomic<int> counter { 0 };
    return u"aiops-store-%1"_s.arg(++counter);
}

} // namespace

Database::~Database()
{
    if (m_db.isOpen())
        m_db.close();
    // removeDatabase() warns while any QSqlDatabase copy of the connection is alive.
    m_db = QSqlDatabase();
    if (!m_connectionName.isEmpty())
        QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::openSqlite(const QString& filePath)
{
    const bool inMemory = filePath == u":memory:";
    if (!inMemory) {
        const QString dir = QFileInfo(filePath).absolutePath();
        if (!QDir().mkpath(dir))
            return makeError(ErrorCode::StoreError, u"cannot create directory %1"_s.arg(dir));
    }

    // Owned from here on, so that every failure path below removes the connection again.
    std::unique_ptr<Database> db(new Database);
    db->m_connectionName = nextConnectionName();
    db->m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, db->m_connectionName);
    if (!db->m_db.isValid())
        return storeError(u"QSQLITE driver unavailable"_s, db->m_db.lastError());
    db->m_db.setDatabaseName(filePath);
    db->m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!db->m_db.open())
        return storeError(u"cannot open %1"_s.arg(filePath), db->m_db.lastError());

    // Per-connection settings first; they do not write to the file.
    for (const auto& pragma :
         { u"PRAGMA busy_timeout = 5000"_s, u"PRAGMA foreign_keys = ON"_s, u"PRAGMA synchronous = NORMAL"_s }) {
        if (auto r = db->exec(pragma); !r)
            return std::unexpected(r.error());
    }

    // Check the version before anything writes: a newer file belongs to a newer build.
    const auto version = db->readSchemaVersion();
    if (!version)
        return std::unexpected(version.error());
    if (*version > latestSchemaVersion()) {
        return makeError(
            ErrorCode::StoreError,
            u"%1 has schema version %2, newer than the %3 this build supports; refusing to open it"_s.arg(filePath)
                .arg(*version)
                .arg(latestSchemaVersion()));
    }
    db->m_schemaVersion = *version;

    if (auto r = db->exec(u"PRAGMA journal_mode = WAL"_s); !r)
        return std::unexpected(r.error());
    if (auto r = db->migrate(); !r)
        return std::unexpected(r.error());
    return db;
}

int Database::schemaVersion() const
{
    return m_schemaVersion;
}

int Database::latestSchemaVersion()
{
    return migrations().isEmpty() ? 0 : migrations().constLast().version;
}

Result<void> Database::exec(const QString& sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return storeError(sql.simplified().left(80), query.lastError());
    return {};
}

Result<int> Database::readSchemaVersion()
{
    QSqlQuery query(m_db);
    // Also the first read of the file: a file that is not SQLite fails here.
    if (!query.exec(u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"_s)
        || !query.next()) {
        return storeError(u"cannot read schema of %1"_s.arg(m_db.databaseName()), query.lastError());
    }
    if (query.value(0).toInt() == 0)
        return 0;
    if (!query.exec(u"SELECT coalesce(max(version), 0) FROM schema_migrations"_s) || !query.next())
        return storeError(u"cannot read schema_migrations"_s, query.lastError());
    return query.value(0).toInt();
}

Result<void> Database::migrate()
{
    if (auto r = exec(u"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, appliedAt TEXT)"_s);
        !r) {
        return r;
    }
    for (const Migration& migration : migrations()) {
        if (migration.version <= m_schemaVersion)
            continue;
        const QString what = u"migration %1 (%2)"_s.arg(migration.version).arg(migration.description);
        WriteTransaction tx(m_db);
        if (auto begun = tx.begun(); !begun)
            return makeError(ErrorCode::StoreError, what + u": "_s + begun.error().message);
        // Another connection to the same file may have applied it while this one waited for the lock.
        const auto applied = readSchemaVersion();
        if (!applied)
            return std::unexpected(applied.error());
        if (*applied >= migration.version) {
            m_schemaVersion = *applied;
            continue;
        }
        QSqlQuery query(m_db);
        bool ok = true;
        for (const QString& statement : migration.statements) {
            ok = query.exec(statement);
            if (!ok)
                break;
        }
        if (ok) {
            ok = query.prepare(u"INSERT INTO schema_migrations (version, appliedAt) VALUES (?, ?)"_s);
            query.addBindValue(migration.version);
            query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
            ok = ok && query.exec();
        }
        if (!ok) {
            const QSqlError error = query.lastError();
            query.finish();
            return storeError(what, error);
        }
        query.finish();
        if (auto committed = tx.commit(); !committed)
            return makeError(ErrorCode::StoreError, what + u": "_s + committed.error().message);
        m_schemaVersion = migration.version;
    }
    return {};
}

} // namespace aiops::store
