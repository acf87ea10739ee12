#include "core/iam/PasswordHasher.h"

#include <sodium.h>

namespace aiops::iam {

namespace {

// sodium_init() is itself idempotent and thread-safe; the static makes the check one-time cheap.
bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

struct Limits
{
    unsigned long long opsLimit;
    size_t memLimit;
};

Limits limitsFor(PasswordHasher::Strength strength)
{
    switch (strength) {
    case PasswordHasher::Strength::Minimum:
        return { crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN };
    case PasswordHasher::Strength::Interactive: break;
    }
    return { crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE };
}

// The UTF-8 copy of a password is wiped when it goes out of scope.
class Utf8Password final
{
public:
    explicit Utf8Password(const QString& password)
        : m_bytes(password.toUtf8())
    {
    }
    ~Utf8Password()
    {
        if (!m_bytes.isEmpty())
            sodium_memzero(m_bytes.data(), size_t(m_bytes.size()));
    }
    Q_DISABLE_COPY_MOVE(Utf8Password)

    const char* data() const { return m_bytes.constData(); }
    unsigned long long size() const { return static_cast<unsigned long long>(m_bytes.size()); }

private:
    QByteArray m_bytes;
};

// crypto_pwhash_str_* read a NUL-terminated string: refuse anything that could not be one of ours.
bool plausibleEncoded(const QByteArray& encoded)
{
    return !encoded.isEmpty() && encoded.size() < crypto_pwhash_STRBYTES && !encoded.contains('\0');
}

} // namespace

PasswordHasher::PasswordHasher(Strength strength)
    : m_strength(strength)
{
}

Result<QByteArray> PasswordHasher::hash(const QString& password) const
{
    if (!sodiumReady())
        return makeError(ErrorCode::Internal, QStringLiteral("libsodium failed to initialise"));
    const Utf8Password utf8(password);
    if (utf8.size() > crypto_pwhash_PASSWD_MAX)
        return makeError(ErrorCode::InvalidValue, QStringLiteral("password too long"), QStringLiteral("password"));
    const Limits limits = limitsFor(m_strength);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, utf8.data(), utf8.size(), limits.opsLimit, limits.memLimit, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return makeError(ErrorCode::Internal, QStringLiteral("password hashing failed (out of memory)"));
    return QByteArray(out);
}

bool PasswordHasher::verify(const QByteArray& encoded, const QString& password) const
{
    if (!sodiumReady() || !plausibleEncoded(encoded))
        return false;
    const Utf8Password utf8(password);
    return crypto_pwhash_str_verify(encoded.constData(), utf8.data(), utf8.size()) == 0;
}

bool PasswordHasher::needsRehash(const QByteArray& encoded) const
{
    if (!sodiumReady() || !plausibleEncoded(encoded))
        return true;
    const Limits limits = limitsFor(m_strength);
    // 0: same algorithm and parameters; 1: other parameters; -1: not an Argon2id hash at all.
    return crypto_pwhash_argon2id_str_needs_rehash(encoded.constData(), limits.opsLimit, limits.memLimit) != 0;
}

QByteArray randomToken(int bytes)
{
    // An empty "secret" would be far worse than stopping: there is no error channel here.
    if (!sodiumReady())
        qFatal("libsodium failed to initialise: no random source for secrets");
    if (bytes <= 0)
        return {};
    QByteArray raw(bytes, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    QByteArray token = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    sodium_memzero(raw.data(), size_t(raw.size()));
    return token;
}

QByteArray sha256Hex(QByteArrayView data)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    if (!sodiumReady())
        return {};
    crypto_hash_sha256(
        digest, reinterpret_cast<const unsigned char*>(data.data()), static_cast<unsigned long long>(data.size()));
    return QByteArray(reinterpret_cast<const char*>(digest), sizeof digest).toHex();
}

} // namespace aiops::iam
