#pragma once

#include "core/protocol/Error.h"

#include <QSqlDatabase>
#include <QString>

namespace aiops::store {

// A write transaction on one connection that rolls back unless commit() succeeded, so every early
// return leaves the file unchanged.
//
// It begins with BEGIN IMMEDIATE, which takes SQLite's write lock up front and waits for it up to the
// connection's busy timeout. A plain (deferred) BEGIN that reads first must upgrade to a writer later;
// when another connection (the status writer, IAM, safety, agents) wrote in between, SQLite fails
// that upgrade at once with "database is locked", without waiting, and the caller's change is lost.
class WriteTransaction final
{
public:
    explicit WriteTransaction(QSqlDatabase& db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    // Whether BEGIN succeeded; the error names SQLite's reason.
    Result<void> begun() const;
    // Commits; on failure the transaction stays open and the destructor rolls it back.
    Result<void> commit();

private:
    QSqlDatabase& m_db;
    bool m_open = false;
    QString m_beginError;
};

} // namespace aiops::store
