#pragma once

#include "core/iam/SecretStore.h"

#include <QString>
#include <chrono>
#include <memory>

namespace aiops::iam {

// The desktop's SecretStore over the OS keychain through QtKeychain (Secret Service via libsecret on
// Linux: gnome-keyring or KWallet; the Keychain on macOS; the Credential Manager on Windows).
//
// QtKeychain jobs are asynchronous; this store is synchronous: each call starts a job and waits for
// it in a nested QEventLoop on the calling thread, for at most `timeout`. That works on the main
// thread before QCoreApplication::exec() as well as inside it; like any nested loop it may deliver
// other events of the calling thread while it waits. A QCoreApplication must exist. Calls are
// serialized by a process-wide lock; use the store from one thread (normally the GUI thread),
// because QtKeychain queues its jobs on an object that lives on the thread that used it first.
//
// Errors: a missing entry is NotFound; no keychain backend (no D-Bus session, no Secret Service
// daemon, a locked keyring that cannot be unlocked) or a timeout is Unavailable with a readable
// message; access denied is Forbidden.
class KeychainSecretStore final : public SecretStore
{
public:
    static constexpr auto kDefaultTimeout = std::chrono::seconds(10);

    explicit KeychainSecretStore(QString service = QStringLiteral("aiops-console"),
                                 std::chrono::milliseconds timeout = kDefaultTimeout);

    Result<QByteArray> read(const QString& key) const override;
    Result<void> write(const QString& key, const QByteArray& value) override;
    Result<void> remove(const QString& key) override;
    QString backendName() const override { return QStringLiteral("keychain"); }

    const QString& service() const { return m_service; }

private:
    QString m_service;
    std::chrono::milliseconds m_timeout;
};

std::unique_ptr<SecretStore> makeKeychainSecretStore(const QString& service = QStringLiteral("aiops-console"));

} // namespace aiops::iam
