#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <memory>

namespace aiops::iam {

// Where secrets live: the OS keychain on the desktop (KeychainSecretStore, QtKeychain), a 0600
// file or the environment for daemons (FileSecretStore), memory in tests (MemorySecretStore).
// Keys are short ASCII names ("owner-password", "hf-token", "s3-secret-key", "refresh-token:<url>").
// Implementations are synchronous and thread-safe; values are never logged.
class SecretStore
{
public:
    virtual ~SecretStore() = default;
    // NotFound when the key has no value.
    virtual Result<QByteArray> read(const QString& key) const = 0;
    virtual Result<void> write(const QString& key, const QByteArray& value) = 0;
    // Removing a missing key succeeds.
    virtual Result<void> remove(const QString& key) = 0;
    virtual QString backendName() const = 0; // "keychain", "file", "memory": shown in Settings
};

// Test double: a map in memory.
std::unique_ptr<SecretStore> makeMemorySecretStore();

// One JSON file of key -> base64 value, created with mode 0600 and refused (Forbidden) when it is
// readable by group or others. An environment variable AIOPS_SECRET_<KEY> (key upper-cased,
// non-alphanumerics as '_') overrides the file on read.
std::unique_ptr<SecretStore> makeFileSecretStore(const QString& filePath);
// Every secret such a file holds, as stored (environment overrides do not apply).
Result<QHash<QString, QByteArray>> readSecretFile(const QString& filePath);

} // namespace aiops::iam
