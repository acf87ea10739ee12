#pragma once

#include "core/iam/SecretStore.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

namespace aiops::app {

// Where the console keeps its secrets: the OS keychain when it holds them already, or (on a first
// start) when it stores a probe value through `probe`, a keychain with a short timeout; otherwise
// the 0600 file at filePath. Some sessions answer keychain reads but never store (a D-Bus session
// without a Secret Service to write to). When an earlier start kept the secrets in the file, they
// move into the keychain (through `probe`) once it stores them, and the file is deleted; a refusal
// is remembered beside the file, so the next 7 days of starts use the file without waiting.
// `notice` says what happened; empty when the keychain was simply used.
struct SecretStoreChoice
{
    std::unique_ptr<iam::SecretStore> store;
    QString notice;
};
SecretStoreChoice
chooseSecretStore(std::unique_ptr<iam::SecretStore> keychain, iam::SecretStore& probe, const QString& filePath);

// Lets the controller thread use the desktop's keychain, which may only be touched from the GUI
// thread (QtKeychain runs its jobs on the thread that first used it, and the controller thread is
// started from a blocking call on the GUI thread). The keys the controller needs are read from the
// backing store up front, on the GUI thread; reads are answered from memory on any thread, and writes
// are kept in memory at once and forwarded to the backing store on the GUI thread, one at a time and
// in order (only the last change of a key still waiting is sent). The keychain answers inside a
// nested event loop, so the next change must wait for it instead of starting inside it.
class SecretCache final : public QObject, public iam::SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretCache)
public:
    // Call on the thread that owns `backing` (the GUI thread); `backing` must outlive the cache.
    SecretCache(iam::SecretStore& backing, const QStringList& preloadKeys, QObject* parent = nullptr);

    Result<QByteArray> read(const QString& key) const override;
    Result<void> write(const QString& key, const QByteArray& value) override;
    Result<void> remove(const QString& key) override;
    QString backendName() const override { return m_backing.backendName(); }

Q_SIGNALS:
    // A forwarded write or remove failed in the backing store (the value stays in memory for this run).
    void persistFailed(const QString& key, const aiops::Error& error);

private:
    struct Change
    {
        QString key;
        std::optional<QByteArray> value; // nullopt: remove
    };
    void enqueue(Change change);
    void forward(); // on the owning thread; re-entered calls return at once

    iam::SecretStore& m_backing;
    QList<Change> m_pending; // under m_lock
    bool m_forwarding = false; // owning thread only
    mutable QMutex m_lock;
    QHash<QString, QByteArray> m_values;
    QStringList m_loaded; // keys whose backing value (or its absence) is known
};

} // namespace aiops::app
