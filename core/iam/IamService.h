#pragma once

#include "core/iam/IamTypes.h"
#include "core/iam/Principal.h"
#include "core/protocol/Error.h"

#include <QObject>
#include <functional>
#include <memory>

namespace aiops::iam {

class SecretStore;

// The IAM facade used by the controller (REST, gateways), the GUI and tests: users and
// organizations, login and token refresh, API keys with quotas and rate limits, node enrollment
// and node credentials, and the audit log.
//
// Thread-safe: every public method may be called from any thread. Authentication of bearer
// tokens, API keys and node credentials is answered from memory (no database read per request).
// Storage uses its own SQLite connection; audit events are written asynchronously in batches.
// Signals are emitted from whichever thread made the change; connect with a receiver context.
class IamService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IamService)
public:
    struct Options
    {
        QString databasePath; // the controller's SQLite file (WAL): IAM opens its own connection
        SecretStore* secrets = nullptr; // holds "jwt-hmac-secret" (generated on first start); not owned
        QString audience = QStringLiteral("aiops");
        QString issuer = QStringLiteral("aiops-controller");
        int accessTtlSeconds = 15 * 60;
        int refreshTtlSeconds = 7 * 24 * 3600;
        int leewaySeconds = 30;
        QString jwksPath; // optional: RS256/ES256 tokens of an external IAM are verified against it
        int loginMaxFailures = 5; // seed 003: 5 tries per 15 minutes per IP
        int loginWindowSeconds = 15 * 60;
        int auditRetentionDays = 365;
        int enrollmentTtlSeconds = 3600;
        bool fastPasswordHashing = false; // tests: Argon2id minimum limits
        // Milliseconds since the epoch (UTC); empty = the system clock. Tests inject one to pass
        // lockout windows, token expiry, quota windows and the token bucket without sleeping.
        std::function<qint64()> clock;
        int usageFlushIntervalMs = 5000; // API key counters and node last-use: write-behind period
    };

    static Result<std::unique_ptr<IamService>> create(Options options, QObject* parent = nullptr);
    ~IamService() override;

    // ---- bootstrap -------------------------------------------------------------------------
    // The default organization ("default") always exists. When no user exists yet, creates
    // `username` as universe.owner with `password`. Returns the (existing or new) owner.
    Result<User> ensureOwner(const QString& username, const QString& password);

    // ---- authentication --------------------------------------------------------------------
    // Counts failures per ip: after loginMaxFailures within loginWindowSeconds the ip gets
    // RateLimited (with retryAfterSeconds) until the window passes, even with the right password.
    Result<TokenPair> login(const QString& username, const QString& password, const QString& ip);
    // Rotation: the presented refresh token is spent and a new pair returned. Presenting a spent
    // token again revokes its whole family (every descendant) and fails with Unauthorized.
    Result<TokenPair> refresh(const QString& refreshToken, const QString& ip);
    // Revokes the family of the given refresh token (logout).
    Result<void> logout(const QString& refreshToken);
    // An "Authorization: Bearer" value: a JWT access token (local HS256 or external via JWKS) or an
    // API key ("aiops_sk_..."). Disabled/deleted users and revoked keys are refused.
    Result<Principal> authenticateBearer(QByteArrayView credential) const;
    // What a node daemon presents on /ws/node: a node credential ("aiops_nc_...") gives a Node
    // principal, an unexpired unused enrollment token ("aiops_et_...") an Enrollment principal.
    Result<Principal> authenticateNode(QByteArrayView credential) const;
    // Mints a token pair for a principal without a password (the embedded console's owner).
    Result<TokenPair> issueTokens(const QString& userId);

    // ---- users and organizations -------------------------------------------------------------
    QList<Organization> organizations() const;
    Result<Organization> createOrganization(const QString& name);
    QList<User> users() const;
    Result<User> user(const QString& userId) const;
    Result<User> createUser(const NewUser& user);
    // changes: any of displayName, email, roles, disabled, orgId, password. Unknown keys: InvalidValue.
    Result<User> updateUser(const QString& userId, const QJsonObject& changes);
    // Soft delete; the user's refresh tokens and API keys are revoked.
    Result<void> deleteUser(const QString& userId);

    // ---- API keys ----------------------------------------------------------------------------
    Result<NewApiKey> createApiKey(const ApiKeySpec& spec, const Principal& owner);
    QList<ApiKey> apiKeys(const QString& orgId = {}) const; // empty = all orgs
    Result<void> revokeApiKey(const QString& keyId);
    // Called for every request made with an API key, before it is served: checks the model scope,
    // the token bucket and the request quota. RateLimited carries retryAfterSeconds; a model out
    // of scope is Forbidden. Counts the request when admitted. Without a model (MCP calls) the
    // scope is not checked.
    Result<void> admitApiKeyRequest(const QString& keyId, const std::optional<QString>& model);
    // Adds tokens used by a served request to the key's window (quota on tokens).
    void recordApiKeyTokens(const QString& keyId, qint64 tokens);

    // ---- nodes -------------------------------------------------------------------------------
    // One-time enrollment token, valid enrollmentTtlSeconds.
    Result<EnrollmentToken> createEnrollmentToken(const Principal& creator);
    // Spends the enrollment token and issues the node's long-lived credential. A token used once
    // is refused afterwards (Unauthorized) as is an expired one.
    Result<IssuedNodeCredential>
    exchangeEnrollmentToken(QByteArrayView token, const QString& nodeId, const QString& nodeName);
    QList<NodeCredential> nodeCredentials() const;
    // Emits nodeCredentialRevoked so the gateway disconnects the node at once.
    Result<void> revokeNodeCredential(const QString& credentialId);

    // ---- audit -------------------------------------------------------------------------------
    // Queued; fills id and timestamp when empty. Never blocks on the database.
    void audit(AuditEvent event);
    Result<QList<AuditEvent>> auditEvents(const AuditQuery& query) const;
    // Deletes events older than the retention; returns how many were removed.
    Result<int> applyAuditRetention();
    void setAuditRetentionDays(int days);
    int auditRetentionDays() const;
    // Blocks until queued audit writes are stored (tests, shutdown).
    void flush();

Q_SIGNALS:
    void usersChanged();
    void apiKeysChanged();
    void nodeCredentialsChanged();
    void nodeCredentialRevoked(const QString& credentialId, const QString& nodeId);
    void auditLogged(const aiops::iam::AuditEvent& event);

private:
    explicit IamService(QObject* parent);
    class Impl;
    std::unique_ptr<Impl> d;
};

} // namespace aiops::iam
