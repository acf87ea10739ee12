#include "core/store/WriteTransaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace aiops::store {

using namespace Qt::StringLiterals;

WriteTransaction::WriteTransaction(QSqlDatabase& db)
    : m_db(db)
{
    QSqlQuery begin(m_db);
    m_open = begin.exec(u"BEGIN IMMEDIATE"_s);
    if (!m_open)
        m_beginError = begin.lastError().text();
}

WriteTransaction::~WriteTransaction()
{
    if (m_open)
        m_db.rollback();
}

Result<void> WriteTransaction::begun() const
{
    if (!m_open)
        return makeError(ErrorCode::StoreError, u"begin transaction: "_s + m_beginError);
    return {};
}

Result<void> WriteTransaction::commit()
{
    if (!m_open)
        return begun();
    if (!m_db.commit())
        return makeError(ErrorCode::StoreError, u"commit: "_s + m_db.lastError().text());
    m_open = false;
    return {};
}

} // namespace aiops::store
