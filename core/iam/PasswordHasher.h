#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QString>

namespace aiops::iam {

// Argon2id through libsodium's crypto_pwhash_str (the encoded string carries salt and parameters).
// Interactive limits by default; tests may pass the minimum limits to stay fast.
class PasswordHasher final
{
public:
    enum class Strength { Interactive, Minimum };
    explicit PasswordHasher(Strength strength = Strength::Interactive);

    Result<QByteArray> hash(const QString& password) const;
    bool verify(const QByteArray& encoded, const QString& password) const;
    // True when the hash was made with weaker parameters than this hasher's (re-hash on login).
    bool needsRehash(const QByteArray& encoded) const;

private:
    Strength m_strength;
};

// A random secret of `bytes` bytes, base64url without padding (API keys, node credentials,
// enrollment tokens, refresh token ids). libsodium randombytes_buf.
QByteArray randomToken(int bytes = 32);
// SHA-256 of the input as lowercase hex (stored form of API keys and node credentials; the
// secrets themselves are high-entropy, so no slow hash is needed for them).
QByteArray sha256Hex(QByteArrayView data);

} // namespace aiops::iam
