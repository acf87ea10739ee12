#include "core/iam/IamStore.h"

#include "core/store/Database.h"
#include "core/store/WriteTransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace aiops::iam {

using namespace Qt::StringLiterals;

namespace {

std::unexpected<Error> storeError(const QString& what, const QSqlError& error)
{
    return makeError(ErrorCode::StoreError, what + u": "_s + error.text());
}

bool isUniqueViolation(const QSqlError& error)
{
    return error.nativeErrorCode() == u"2067" || error.nativeErrorCode() == u"1555";
}

QVariant toDb(const QDateTime& dt)
{
    return dt.isValid() ? QVariant(dt.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

QDateTime dateFromDb(const QVariant& v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

// QSQLITE binds a null QString as SQL NULL; NOT NULL text columns need an empty, non-null one.
QVariant text(const QString& s)
{
    return s.isNull() ? QVariant(QString(0, QChar())) : QVariant(s);
}

QVariant nullIfEmpty(const QString& s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QString jsonText(const QStringList& list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList stringListFromJson(const QVariant& v)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(v.toString().toUtf8()).array();
    for (const QJsonValue& item : array)
        out.append(item.toString());
    return out;
}

int clampLimit(int limit)
{
    return std::clamp(limit <= 0 ? 500 : limit, 1, 10000);
}

const QString kUserColumns = u"user_id, username, email, display_name, password_hash, roles, org_id, disabled, "
                             "last_login_at, createdAt, changedAt, deletedAt, isDeleted"_s;

UserRecord readUser(const QSqlQuery& q)
{
    UserRecord r;
    r.user.userId = q.value(0).toString();
    r.user.username = q.value(1).toString();
    r.user.email = q.value(2).toString();
    r.user.displayName = q.value(3).toString();
    r.passwordHash = q.value(4).toString().toUtf8();
    r.user.roles = stringListFromJson(q.value(5));
    r.user.orgId = q.value(6).toString();
    r.user.disabled = q.value(7).toBool();
    r.user.lastLoginAt = dateFromDb(q.value(8));
    r.user.createdAt = dateFromDb(q.value(9));
    r.user.changedAt = dateFromDb(q.value(10));
    r.deletedAt = dateFromDb(q.value(11));
    r.isDeleted = q.value(12).toBool();
    return r;
}

void bindUser(QSqlQuery& q, const UserRecord& r)
{
    q.bindValue(u":userId"_s, text(r.user.userId));
    q.bindValue(u":username"_s, text(r.user.username));
    q.bindValue(u":email"_s, text(r.user.email));
    q.bindValue(u":displayName"_s, text(r.user.displayName));
    q.bindValue(u":passwordHash"_s, QString::fromUtf8(r.passwordHash));
    q.bindValue(u":roles"_s, jsonText(r.user.roles));
    q.bindValue(u":orgId"_s, text(r.user.orgId));
    q.bindValue(u":disabled"_s, r.user.disabled ? 1 : 0);
    q.bindValue(u":lastLoginAt"_s, toDb(r.user.lastLoginAt));
    q.bindValue(u":createdAt"_s, toDb(r.user.createdAt));
    q.bindValue(u":changedAt"_s, toDb(r.user.changedAt));
}

const QString kApiKeyColumns = u"key_id, name, prefix, secret_sha256, org_id, owner_user_id, models, quota_requests, "
                               "quota_tokens, quota_window_seconds, rate_per_second, burst, window_start, "
                               "used_requests, used_tokens, created_at, last_used_at, revoked_at"_s;

const QString kRefreshColumns = u"jti, family, user_id, parent, issued_at, expires_at, used_at, revoked_at"_s;

const QString kAuditColumns = u"id, timestamp, event_type, actor_type, actor_id, actor_name, actor_ip, "
                              "resource_type, resource_path, action, outcome, details, risk_level, request_id"_s;

} // namespace

IamStore::IamStore(store::Database& db)
    : m_db(db)
{
}

Result<void> IamStore::inTransaction(const std::function<Result<void>()>& body)
{
    store::WriteTransaction tx(m_db.handle());
    if (auto begun = tx.begun(); !begun)
        return std::unexpected(begun.error());
    if (auto ok = body(); !ok)
        return ok;
    if (auto committed = tx.commit(); !committed)
        return std::unexpected(committed.error());
    return {};
}

// ---- organizations ---------------------------------------------------------------------------

Result<QList<Organization>> IamStore::organizations()
{
    QSqlQuery q(m_db.handle());
    if (!q.exec(u"SELECT org_id, name, createdAt FROM organizations WHERE isDeleted = 0 ORDER BY id"_s))
        return storeError(u"cannot list organizations"_s, q.lastError());
    QList<Organization> out;
    while (q.next())
        out.append(Organization { q.value(0).toString(), q.value(1).toString(), dateFromDb(q.value(2)) });
    return out;
}

Result<void> IamStore::insertOrganization(const Organization& org)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"INSERT INTO organizations (org_id, name, createdAt, changedAt) VALUES (?, ?, ?, ?)"_s);
    q.addBindValue(text(org.orgId));
    q.addBindValue(text(org.name));
    q.addBindValue(toDb(org.createdAt));
    q.addBindValue(toDb(org.createdAt));
    if (!q.exec()) {
        if (isUniqueViolation(q.lastError()))
            return makeError(ErrorCode::Conflict, u"organization %1 exists"_s.arg(org.name), u"name"_s);
        return storeError(u"cannot insert organization"_s, q.lastError());
    }
    return {};
}

// ---- users -----------------------------------------------------------------------------------

Result<QList<UserRecord>> IamStore::users()
{
    QSqlQuery q(m_db.handle());
    if (!q.exec(u"SELECT "_s + kUserColumns + u" FROM users ORDER BY id"_s))
        return storeError(u"cannot list users"_s, q.lastError());
    QList<UserRecord> out;
    while (q.next())
        out.append(readUser(q));
    return out;
}

Result<void> IamStore::insertUser(const UserRecord& record)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"INSERT INTO users (user_id, username, email, display_name, password_hash, roles, org_id, disabled, "
              "last_login_at, ownerOrgId, createdAt, changedAt) VALUES (:userId, :username, :email, :displayName, "
              ":passwordHash, :roles, :orgId, :disabled, :lastLoginAt, :ownerOrgId, :createdAt, :changedAt)"_s);
    bindUser(q, record);
    q.bindValue(u":ownerOrgId"_s, text(record.user.orgId));
    if (!q.exec()) {
        if (isUniqueViolation(q.lastError()))
            return makeError(ErrorCode::Conflict, u"user %1 exists"_s.arg(record.user.username), u"username"_s);
        return storeError(u"cannot insert user"_s, q.lastError());
    }
    return {};
}

Result<void> IamStore::updateUser(const UserRecord& record)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE users SET username = :username, email = :email, display_name = :displayName, "
              "password_hash = :passwordHash, roles = :roles, org_id = :orgId, disabled = :disabled, "
              "last_login_at = :lastLoginAt, createdAt = :createdAt, changedAt = :changedAt "
              "WHERE user_id = :userId AND isDeleted = 0"_s);
    bindUser(q, record);
    if (!q.exec())
        return storeError(u"cannot update user %1"_s.arg(record.user.userId), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no user %1"_s.arg(record.user.userId), u"userId"_s);
    return {};
}

Result<void> IamStore::softDeleteUser(const QString& userId, const QDateTime& at)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE users SET isDeleted = 1, deletedAt = ?, changedAt = ? WHERE user_id = ? AND isDeleted = 0"_s);
    q.addBindValue(toDb(at));
    q.addBindValue(toDb(at));
    q.addBindValue(userId);
    if (!q.exec())
        return storeError(u"cannot delete user %1"_s.arg(userId), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no user %1"_s.arg(userId), u"userId"_s);
    return {};
}

// ---- refresh tokens --------------------------------------------------------------------------

Result<void> IamStore::insertRefreshToken(const RefreshTokenRecord& r)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"INSERT INTO refresh_tokens ("_s + kRefreshColumns + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(text(r.jti));
    q.addBindValue(text(r.family));
    q.addBindValue(text(r.userId));
    q.addBindValue(nullIfEmpty(r.parent));
    q.addBindValue(toDb(r.issuedAt));
    q.addBindValue(toDb(r.expiresAt));
    q.addBindValue(toDb(r.usedAt));
    q.addBindValue(toDb(r.revokedAt));
    if (!q.exec())
        return storeError(u"cannot insert a refresh token"_s, q.lastError());
    return {};
}

Result<std::optional<RefreshTokenRecord>> IamStore::refreshToken(const QString& jti)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT "_s + kRefreshColumns + u" FROM refresh_tokens WHERE jti = ?"_s);
    q.addBindValue(jti);
    if (!q.exec())
        return storeError(u"cannot read refresh_tokens"_s, q.lastError());
    if (!q.next())
        return std::optional<RefreshTokenRecord>();
    RefreshTokenRecord r;
    r.jti = q.value(0).toString();
    r.family = q.value(1).toString();
    r.userId = q.value(2).toString();
    r.parent = q.value(3).toString();
    r.issuedAt = dateFromDb(q.value(4));
    r.expiresAt = dateFromDb(q.value(5));
    r.usedAt = dateFromDb(q.value(6));
    r.revokedAt = dateFromDb(q.value(7));
    return std::optional<RefreshTokenRecord>(std::move(r));
}

Result<bool> IamStore::markRefreshTokenUsed(const QString& jti, const QDateTime& at)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE refresh_tokens SET used_at = ? WHERE jti = ? AND used_at IS NULL AND revoked_at IS NULL"_s);
    q.addBindValue(toDb(at));
    q.addBindValue(jti);
    if (!q.exec())
        return storeError(u"cannot update refresh_tokens"_s, q.lastError());
    return q.numRowsAffected() == 1;
}

Result<int> IamStore::revokeRefreshFamily(const QString& family, const QDateTime& at)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL"_s);
    q.addBindValue(toDb(at));
    q.addBindValue(family);
    if (!q.exec())
        return storeError(u"cannot revoke a refresh token family"_s, q.lastError());
    return q.numRowsAffected();
}

Result<int> IamStore::revokeRefreshTokensOfUser(const QString& userId, const QDateTime& at)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL"_s);
    q.addBindValue(toDb(at));
    q.addBindValue(userId);
    if (!q.exec())
        return storeError(u"cannot revoke refresh tokens"_s, q.lastError());
    return q.numRowsAffected();
}

Result<int> IamStore::purgeRefreshTokensExpiredBefore(const QDateTime& cutoff)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"DELETE FROM refresh_tokens WHERE expires_at < ?"_s);
    q.addBindValue(toDb(cutoff));
    if (!q.exec())
        return storeError(u"cannot purge refresh_tokens"_s, q.lastError());
    return q.numRowsAffected();
}

// ---- API keys --------------------------------------------------------------------------------

Result<QList<ApiKeyRecord>> IamStore::apiKeys()
{
    QSqlQuery q(m_db.handle());
    if (!q.exec(u"SELECT "_s + kApiKeyColumns + u" FROM api_keys ORDER BY id"_s))
        return storeError(u"cannot list api_keys"_s, q.lastError());
    QList<ApiKeyRecord> out;
    while (q.next()) {
        ApiKeyRecord r;
        r.key.keyId = q.value(0).toString();
        r.key.name = q.value(1).toString();
        r.key.prefix = q.value(2).toString();
        r.secretSha256 = q.value(3).toString().toLatin1();
        r.key.orgId = q.value(4).toString();
        r.key.ownerUserId = q.value(5).toString();
        r.key.models = stringListFromJson(q.value(6));
        r.key.quotaRequests = q.value(7).toLongLong();
        r.key.quotaTokens = q.value(8).toLongLong();
        r.key.quotaWindowSeconds = q.value(9).toInt();
        r.key.ratePerSecond = q.value(10).toDouble();
        r.key.burst = q.value(11).toInt();
        r.windowStart = dateFromDb(q.value(12));
        r.key.usedRequests = q.value(13).toLongLong();
        r.key.usedTokens = q.value(14).toLongLong();
        r.key.createdAt = dateFromDb(q.value(15));
        r.key.lastUsedAt = dateFromDb(q.value(16));
        r.key.revokedAt = dateFromDb(q.value(17));
        r.key.revoked = r.key.revokedAt.isValid();
        out.append(std::move(r));
    }
    return out;
}

Result<void> IamStore::insertApiKey(const ApiKeyRecord& r)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"INSERT INTO api_keys ("_s + kApiKeyColumns
              + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(text(r.key.keyId));
    q.addBindValue(text(r.key.name));
    q.addBindValue(text(r.key.prefix));
    q.addBindValue(QString::fromLatin1(r.secretSha256));
    q.addBindValue(text(r.key.orgId));
    q.addBindValue(text(r.key.ownerUserId));
    q.addBindValue(jsonText(r.key.models));
    q.addBindValue(r.key.quotaRequests);
    q.addBindValue(r.key.quotaTokens);
    q.addBindValue(r.key.quotaWindowSeconds);
    q.addBindValue(r.key.ratePerSecond);
    q.addBindValue(r.key.burst);
    q.addBindValue(toDb(r.windowStart));
    q.addBindValue(r.key.usedRequests);
    q.addBindValue(r.key.usedTokens);
    q.addBindValue(toDb(r.key.createdAt));
    q.addBindValue(toDb(r.key.lastUsedAt));
    q.addBindValue(toDb(r.key.revokedAt));
    if (!q.exec()) {
        if (isUniqueViolation(q.lastError()))
            return makeError(ErrorCode::Conflict, u"API key %1 exists"_s.arg(r.key.keyId), u"keyId"_s);
        return storeError(u"cannot insert an API key"_s, q.lastError());
    }
    return {};
}

Result<void> IamStore::revokeApiKey(const QString& keyId, const QDateTime& at)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL"_s);
    q.addBindValue(toDb(at));
    q.addBindValue(keyId);
    if (!q.exec())
        return storeError(u"cannot revoke API key %1"_s.arg(keyId), q.lastError());
    return {};
}

Result<void> IamStore::saveApiKeyUsage(const QList<ApiKeyRecord>& records)
{
    if (records.isEmpty())
        return {};
    return inTransaction([&]() -> Result<void> {
        QSqlQuery q(m_db.handle());
        q.prepare(u"UPDATE api_keys SET window_start = ?, used_requests = ?, used_tokens = ?, last_used_at = ? "
                  "WHERE key_id = ?"_s);
        for (const ApiKeyRecord& r : records) {
            q.addBindValue(toDb(r.windowStart));
            q.addBindValue(r.key.usedRequests);
            q.addBindValue(r.key.usedTokens);
            q.addBindValue(toDb(r.key.lastUsedAt));
            q.addBindValue(r.key.keyId);
            if (!q.exec())
                return storeError(u"cannot save API key usage"_s, q.lastError());
        }
        q.finish();
        return {};
    });
}

// ---- enrollment tokens -----------------------------------------------------------------------

Result<QList<EnrollmentRecord>> IamStore::unusedEnrollmentTokens(const QDateTime& notExpiredAt)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT token_id, token_sha256, org_id, created_by, created_at, expires_at FROM enrollment_tokens "
              "WHERE used_at IS NULL AND expires_at > ? ORDER BY created_at"_s);
    q.addBindValue(toDb(notExpiredAt));
    if (!q.exec())
        return storeError(u"cannot list enrollment_tokens"_s, q.lastError());
    QList<EnrollmentRecord> out;
    while (q.next()) {
        EnrollmentRecord r;
        r.tokenId = q.value(0).toString();
        r.tokenSha256 = q.value(1).toString().toLatin1();
        r.orgId = q.value(2).toString();
        r.createdBy = q.value(3).toString();
        r.createdAt = dateFromDb(q.value(4));
        r.expiresAt = dateFromDb(q.value(5));
        out.append(std::move(r));
    }
    return out;
}

Result<void> IamStore::insertEnrollmentToken(const EnrollmentRecord& r)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"INSERT INTO enrollment_tokens (token_id, token_sha256, org_id, created_by, created_at, expires_at) "
              "VALUES (?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(text(r.tokenId));
    q.addBindValue(QString::fromLatin1(r.tokenSha256));
    q.addBindValue(text(r.orgId));
    q.addBindValue(text(r.createdBy));
    q.addBindValue(toDb(r.createdAt));
    q.addBindValue(toDb(r.expiresAt));
    if (!q.exec())
        return storeError(u"cannot insert an enrollment token"_s, q.lastError());
    return {};
}

Result<bool> IamStore::markEnrollmentTokenUsed(const QString& tokenId, const QString& nodeId, const QDateTime& at)
{
    QSqlQuery q(m_db.handle());
    q.prepare(
        u"UPDATE enrollment_tokens SET used_at = ?, used_by_node_id = ? WHERE token_id = ? AND used_at IS NULL"_s);
    q.addBindValue(toDb(at));
    q.addBindValue(text(nodeId));
    q.addBindValue(tokenId);
    if (!q.exec())
        return storeError(u"cannot update enrollment_tokens"_s, q.lastError());
    return q.numRowsAffected() == 1;
}

// ---- node credentials ------------------------------------------------------------------------

Result<QList<NodeCredentialRecord>> IamStore::nodeCredentials()
{
    QSqlQuery q(m_db.handle());
    if (!q.exec(u"SELECT credential_id, secret_sha256, node_id, node_name, org_id, created_at, last_used_at, "
                "revoked_at FROM node_credentials ORDER BY created_at, credential_id"_s)) {
        return storeError(u"cannot list node_credentials"_s, q.lastError());
    }
    QList<NodeCredentialRecord> out;
    while (q.next()) {
        NodeCredentialRecord r;
        r.credential.credentialId = q.value(0).toString();
        r.secretSha256 = q.value(1).toString().toLatin1();
        r.credential.nodeId = q.value(2).toString();
        r.credential.nodeName = q.value(3).toString();
        r.credential.orgId = q.value(4).toString();
        r.credential.createdAt = dateFromDb(q.value(5));
        r.credential.lastUsedAt = dateFromDb(q.value(6));
        r.credential.revokedAt = dateFromDb(q.value(7));
        r.credential.revoked = r.credential.revokedAt.isValid();
        out.append(std::move(r));
    }
    return out;
}

Result<void> IamStore::insertNodeCredential(const NodeCredentialRecord& r)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"INSERT INTO node_credentials (credential_id, secret_sha256, node_id, node_name, org_id, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(text(r.credential.credentialId));
    q.addBindValue(QString::fromLatin1(r.secretSha256));
    q.addBindValue(text(r.credential.nodeId));
    q.addBindValue(text(r.credential.nodeName));
    q.addBindValue(text(r.credential.orgId));
    q.addBindValue(toDb(r.credential.createdAt));
    if (!q.exec())
        return storeError(u"cannot insert a node credential"_s, q.lastError());
    return {};
}

Result<void> IamStore::revokeNodeCredential(const QString& credentialId, const QDateTime& at)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE node_credentials SET revoked_at = ? WHERE credential_id = ? AND revoked_at IS NULL"_s);
    q.addBindValue(toDb(at));
    q.addBindValue(credentialId);
    if (!q.exec())
        return storeError(u"cannot revoke node credential %1"_s.arg(credentialId), q.lastError());
    return {};
}

Result<void> IamStore::saveNodeCredentialUsage(const QList<NodeCredential>& credentials)
{
    if (credentials.isEmpty())
        return {};
    return inTransaction([&]() -> Result<void> {
        QSqlQuery q(m_db.handle());
        q.prepare(u"UPDATE node_credentials SET last_used_at = ? WHERE credential_id = ?"_s);
        for (const NodeCredential& c : credentials) {
            q.addBindValue(toDb(c.lastUsedAt));
            q.addBindValue(c.credentialId);
            if (!q.exec())
                return storeError(u"cannot save node credential usage"_s, q.lastError());
        }
        q.finish();
        return {};
    });
}

// ---- audit -----------------------------------------------------------------------------------

Result<void> IamStore::insertAuditEvents(const QList<AuditEvent>& events)
{
    if (events.isEmpty())
        return {};
    return inTransaction([&]() -> Result<void> {
        QSqlQuery q(m_db.handle());
        q.prepare(u"INSERT INTO audit_logs ("_s + kAuditColumns
                  + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        for (const AuditEvent& e : events) {
            q.addBindValue(text(e.id));
            q.addBindValue(toDb(e.timestamp));
            q.addBindValue(text(e.eventType));
            q.addBindValue(text(e.actorType));
            q.addBindValue(text(e.actorId));
            q.addBindValue(text(e.actorName));
            q.addBindValue(nullIfEmpty(e.actorIp));
            q.addBindValue(nullIfEmpty(e.resourceType));
            q.addBindValue(nullIfEmpty(e.resourcePath));
            q.addBindValue(text(e.action));
            q.addBindValue(text(e.outcome));
            q.addBindValue(QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact)));
            q.addBindValue(text(e.riskLevel));
            q.addBindValue(nullIfEmpty(e.requestId));
            if (!q.exec())
                return storeError(u"cannot insert audit event"_s, q.lastError());
        }
        q.finish();
        return {};
    });
}

Result<QList<AuditEvent>> IamStore::auditEvents(const AuditQuery& query)
{
    QStringList where;
    QVariantList binds;
    if (!query.actorId.isEmpty()) {
        where.append(u"(actor_id = ? OR instr(lower(actor_name), lower(?)) > 0)"_s);
        binds.append(query.actorId);
        binds.append(query.actorId);
    }
    if (!query.action.isEmpty()) {
        where.append(u"action = ?"_s);
        binds.append(query.action);
    }
    if (!query.outcome.isEmpty()) {
        where.append(u"outcome = ?"_s);
        binds.append(query.outcome);
    }
    if (query.from.isValid()) {
        where.append(u"timestamp >= ?"_s);
        binds.append(toDb(query.from));
    }
    if (query.to.isValid()) {
        where.append(u"timestamp < ?"_s);
        binds.append(toDb(query.to));
    }
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT "_s + kAuditColumns + u" FROM audit_logs"_s
              + (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s))
              + u" ORDER BY timestamp DESC, rowid DESC LIMIT %1"_s.arg(clampLimit(query.limit)));
    for (const QVariant& v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec())
        return storeError(u"cannot list audit events"_s, q.lastError());
    QList<AuditEvent> out;
    while (q.next()) {
        AuditEvent e;
        e.id = q.value(0).toString();
        e.timestamp = dateFromDb(q.value(1));
        e.eventType = q.value(2).toString();
        e.actorType = q.value(3).toString();
        e.actorId = q.value(4).toString();
        e.actorName = q.value(5).toString();
        e.actorIp = q.value(6).toString();
        e.resourceType = q.value(7).toString();
        e.resourcePath = q.value(8).toString();
        e.action = q.value(9).toString();
        e.outcome = q.value(10).toString();
        e.details = QJsonDocument::fromJson(q.value(11).toString().toUtf8()).object();
        e.riskLevel = q.value(12).toString();
        e.requestId = q.value(13).toString();
        out.append(std::move(e));
    }
    return out;
}

Result<int> IamStore::purgeAuditBefore(const QDateTime& cutoff)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"DELETE FROM audit_logs WHERE timestamp < ?"_s);
    q.addBindValue(toDb(cutoff));
    if (!q.exec())
        return storeError(u"cannot purge audit_logs"_s, q.lastError());
    return q.numRowsAffected();
}

} // namespace aiops::iam
