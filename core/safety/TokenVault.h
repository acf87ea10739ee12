#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace aiops::safety {

// Reversible tokens for the "token" redaction method. Values are encrypted with libsodium
// (crypto_secretbox) under a key kept in <dataDir>/pii-vault.key (0600); the token itself carries
// no information. Detokenizing needs an owner/editor role and is audited through the callback.
class TokenVault final
{
public:
    using AuditHook = std::function<void(const QString& actor, const QString& token, bool allowed)>;

    static Result<std::unique_ptr<TokenVault>> open(const QString& dataDir);

    // Returns a token like "[[PII:EMAIL:tk_1a2b3c4d5e6f7a8b]]" (category-tagged, random id). The
    // same category and value get the same token again, so a conversation stays readable.
    QString tokenize(const QString& category, const QString& value);
    // roles: the caller's roles; allowed: universe/organization owner or editor.
    Result<QString> detokenize(const QString& token, const QString& actor, const QStringList& roles);
    void setAuditHook(AuditHook hook);

    // Encrypts/decrypts arbitrary data at rest (used for piiDetections.detectedText).
    QByteArray seal(const QByteArray& plaintext) const;
    Result<QByteArray> open(const QByteArray& sealed) const;

    // Per-installation salt for the "hash" redaction method, derived from the vault key.
    QByteArray hashSalt() const;
    qsizetype tokenCount() const;

    ~TokenVault();

private:
    TokenVault() = default;
    Result<void> load();
    Result<void> persistLocked() const;
    QByteArray indexOf(const QString& category, const QString& value) const;

    QByteArray m_key; // data key derived from the key file: seals token values, the map, detectedText
    QString m_path; // persisted token map (encrypted)
    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_tokens; // token -> sealed value
    AuditHook m_audit;
    QByteArray m_indexKey; // keyed hash of (category, value) -> token, for reuse without decrypting
    QByteArray m_salt;
    QHash<QByteArray, QString> m_index;
};

} // namespace aiops::safety
