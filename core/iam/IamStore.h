#pragma once

#include "core/iam/IamTypes.h"
#include "core/protocol/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace aiops::store {
class Database;
}

namespace aiops::iam {

// A user row: the public record plus what never leaves the store.
struct UserRecord
{
    User user;
    QByteArray passwordHash; // Argon2id encoded string
    bool isDeleted = false;
    QDateTime deletedAt;
};

struct RefreshTokenRecord
{
    QString jti;
    QString family;
    QString userId;
    QString parent; // jti of the token this one was rotated from; empty for the first of a family
    QDateTime issuedAt;
    QDateTime expiresAt;
    QDateTime usedAt; // set when rotated
    QDateTime revokedAt; // set on logout, reuse detection, password change, user deletion
};

struct ApiKeyRecord
{
    ApiKey key;
    QByteArray secretSha256; // lowercase hex
    QDateTime windowStart; // start of the current quota window; invalid before the first request
};

struct EnrollmentRecord
{
    QString tokenId;
    QByteArray tokenSha256;
    QString orgId;
    QString createdBy;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime usedAt;
    QString usedByNodeId;
};

struct NodeCredentialRecord
{
    NodeCredential credential;
    QByteArray secretSha256;
};

// Repositories of the IAM tables (migration 3). Holds hashes only: no plaintext secret reaches it.
//
// Not thread-safe: like store::Database, use it only on the thread that opened the connection.
class IamStore final
{
public:
    explicit IamStore(store::Database& db);

    // Runs body in one transaction; rolls back when it fails.
    Result<void> inTransaction(const std::function<Result<void>()>& body);

    // organizations
    Result<QList<Organization>> organizations();
    Result<void> insertOrganization(const Organization& org); // CONFLICT on a duplicate id or name

    // users (including soft-deleted ones, flagged)
    Result<QList<UserRecord>> users();
    Result<void> insertUser(const UserRecord& record); // CONFLICT on a duplicate id or username
    Result<void> updateUser(const UserRecord& record); // NOT_FOUND when no live row has its id
    Result<void> softDeleteUser(const QString& userId, const QDateTime& at);

    // refresh_tokens
    Result<void> insertRefreshToken(const RefreshTokenRecord& record);
    Result<std::optional<RefreshTokenRecord>> refreshToken(const QString& jti);
    // Marks the token used; false when it was already used or revoked (lost a race).
    Result<bool> markRefreshTokenUsed(const QString& jti, const QDateTime& at);
    Result<int> revokeRefreshFamily(const QString& family, const QDateTime& at);
    Result<int> revokeRefreshTokensOfUser(const QString& userId, const QDateTime& at);
    Result<int> purgeRefreshTokensExpiredBefore(const QDateTime& cutoff);

    // api_keys
    Result<QList<ApiKeyRecord>> apiKeys();
    Result<void> insertApiKey(const ApiKeyRecord& record);
    Result<void> revokeApiKey(const QString& keyId, const QDateTime& at);
    Result<void> saveApiKeyUsage(const QList<ApiKeyRecord>& records); // window, counters, last use

    // enrollment_tokens
    Result<QList<EnrollmentRecord>> unusedEnrollmentTokens(const QDateTime& notExpiredAt);
    Result<void> insertEnrollmentToken(const EnrollmentRecord& record);
    // False when the token was used already.
    Result<bool> markEnrollmentTokenUsed(const QString& tokenId, const QString& nodeId, const QDateTime& at);

    // node_credentials
    Result<QList<NodeCredentialRecord>> nodeCredentials();
    Result<void> insertNodeCredential(const NodeCredentialRecord& record);
    Result<void> revokeNodeCredential(const QString& credentialId, const QDateTime& at);
    Result<void> saveNodeCredentialUsage(const QList<NodeCredential>& credentials); // last_used_at

    // audit_logs
    Result<void> insertAuditEvents(const QList<AuditEvent>& events); // one transaction
    Result<QList<AuditEvent>> auditEvents(const AuditQuery& query); // newest first
    Result<int> purgeAuditBefore(const QDateTime& cutoff);

private:
    store::Database& m_db;
};

} // namespace aiops::iam
