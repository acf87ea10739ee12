#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace aiops::iam {

// Seed 000 `users` + the local additions IAM needs. Passwords never leave the store.
struct User
{
    QString userId;
    QString username; // unique, case-insensitive
    QString email;
    QString displayName;
    QString orgId;
    QStringList roles; // see Permissions.h; at least one
    bool disabled = false;
    QDateTime createdAt;
    QDateTime changedAt;
    QDateTime lastLoginAt;
};

struct NewUser
{
    QString username;
    QString password; // at least 8 characters
    QString email;
    QString displayName;
    QString orgId; // empty = the default organization
    QStringList roles;
};

struct Organization
{
    QString orgId;
    QString name;
    QDateTime createdAt;
};

struct TokenPair
{
    QString accessToken;
    QString refreshToken;
    qint64 accessExpiresAt = 0; // seconds since epoch
    qint64 refreshExpiresAt = 0;
};

// An API key for machine clients (inference, OpenAI-compatible routes). The secret is shown once;
// the store keeps its SHA-256 and a display prefix.
struct ApiKey
{
    QString keyId;
    QString name;
    QString prefix; // first characters of the secret, for recognising it in lists ("aiops_sk_AbCd")
    QString orgId;
    QString ownerUserId;
    QStringList models; // empty = all models
    qint64 quotaRequests = 0; // per window; 0 = unlimited
    qint64 quotaTokens = 0; // per window; 0 = unlimited
    int quotaWindowSeconds = 86400;
    double ratePerSecond = 0; // token bucket refill; 0 = unlimited
    int burst = 10;
    qint64 usedRequests = 0; // in the current window
    qint64 usedTokens = 0;
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QDateTime revokedAt; // invalid while active
    bool revoked = false;
};

struct ApiKeySpec
{
    QString name;
    QStringList models;
    qint64 quotaRequests = 0;
    qint64 quotaTokens = 0;
    int quotaWindowSeconds = 86400;
    double ratePerSecond = 0;
    int burst = 10;
};

struct NewApiKey
{
    ApiKey key;
    QString secret; // "aiops_sk_" + random; only returned here
};

struct NodeCredential
{
    QString credentialId;
    QString nodeId;
    QString nodeName;
    QString orgId;
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QDateTime revokedAt;
    bool revoked = false;
};

struct IssuedNodeCredential
{
    NodeCredential credential;
    QString secret; // "aiops_nc_" + random; sent once to the daemon, stored hashed
};

struct EnrollmentToken
{
    QString tokenId;
    QString token; // "aiops_et_" + random; one-time
    QString orgId;
    QString createdBy;
    QDateTime expiresAt; // 1 hour after creation
};

// Seed 003 "Audit Logging" event.
struct AuditEvent
{
    QString id;
    QDateTime timestamp;
    QString eventType; // auth | access | action | escalation | error
    QString actorType; // user | agent | system | apiKey | node
    QString actorId;
    QString actorName;
    QString actorIp;
    QString resourceType; // endpoint | node | user | apiKey | ...
    QString resourcePath; // "/nodes/abc"
    QString action; // read | write | execute | delete | login | logout | escalate
    QString outcome; // success | failure | denied
    QJsonObject details; // reason, changes, status, errorCode
    QString riskLevel = QStringLiteral("low"); // low | medium | high | critical
    QString requestId;
};

struct AuditQuery
{
    QString actorId; // exact, or a substring of actorName
    QString action;
    QString outcome;
    QDateTime from;
    QDateTime to;
    int limit = 500;
};

} // namespace aiops::iam

Q_DECLARE_METATYPE(aiops::iam::AuditEvent)
