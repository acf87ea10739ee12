#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <functional>

namespace aiops::safety {

// Reversible tokens for the "token" redaction method. Values are encrypted with libsodium
// (crypto_secretbox) under a key kept in <dataDir>/pii-vault.key (0600); the token itself carries
// no information. Detokenizing needs an owner/editor role and is audited through the callback.
class TokenVault final
{
public:
    using AuditHook = std::function<void(const QString& actor, const QString& token, bool allowed)>;

    static Result<std::unique_ptr<TokenVault>> open(const QString& dataDir);

    // Returns a token like "[[PII:EMAIL:tk_1a2b3c4d5e6f]]" (category-tagged, random id).
    QString tokenize(const QString& category, const QString& value);
    // roles: the caller's roles; allowed: universe/organization owner or editor.
    Result<QString> detokenize(const QString& token, const QString& actor, const QStringList& roles);
    void setAuditHook(AuditHook hook);

    // Encrypts/decrypts arbitrary data at rest (used for piiDetections.detectedText).
    QByteArray seal(const QByteArray& plaintext) const;
    Result<QByteArray> open(const QByteArray& sealed) const;

    ~TokenVault();

private:
    TokenVault() = default;
    QByteArray m_key;
    QString m_path; // persisted token map (encrypted)
    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_tokens; // token -> sealed value
    AuditHook m_audit;
};

} // namespace aiops::safety
