#pragma once

// Another connection to the same SQLite file that holds the write lock for a while: the situation of
// two controller workers (status writer, IAM, safety, deployments) writing at once. Its thread opens
// its own connection, runs BEGIN IMMEDIATE and the given statement, reports that it holds the lock,
// then commits after holdMs.

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QUuid>
#include <chrono>
#include <future>
#include <thread>

namespace aiops::testing {

class HeldWriteLock final
{
public:
    HeldWriteLock(const QString& filePath, const QString& statement, std::chrono::milliseconds holdMs)
    {
        std::promise<QString> locked;
        m_locked = locked.get_future();
        m_thread = std::thread([this, filePath, statement, holdMs, locked = std::move(locked)]() mutable {
            const QString name = QUuid::createUuid().toString();
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(filePath);
                QString error;
                if (!db.open()) {
                    error = db.lastError().text();
                } else {
                    QSqlQuery q(db);
                    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")) || !q.exec(statement))
                        error = q.lastError().text();
                }
                locked.set_value(error);
                if (error.isEmpty()) {
                    std::this_thread::sleep_for(holdMs);
                    QSqlQuery commit(db);
                    m_committed = commit.exec(QStringLiteral("COMMIT"));
                }
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        });
    }
    ~HeldWriteLock() { join(); }
    HeldWriteLock(const HeldWriteLock&) = delete;
    HeldWriteLock& operator=(const HeldWriteLock&) = delete;

    // Blocks until the other connection holds the lock; empty, or why it could not take it.
    QString waitUntilLocked() { return m_locked.get(); }
    // Blocks until it committed; whether the commit succeeded.
    bool join()
    {
        if (m_thread.joinable())
            m_thread.join();
        return m_committed;
    }

private:
    std::future<QString> m_locked;
    std::thread m_thread;
    bool m_committed = false;
};

} // namespace aiops::testing
