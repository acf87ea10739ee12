#pragma once

#include "core/iam/SecretStore.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QStringList>

namespace aiops::app {

// Lets the controller thread use the desktop's keychain, which may only be touched from the GUI
// thread (QtKeychain runs its jobs on the thread that first used it, and the controller thread is
// started from a blocking call on the GUI thread). The keys the controller needs are read from the
// backing store up front, on the GUI thread; reads are answered from memory on any thread, and writes
// are kept in memory at once and forwarded to the backing store on the GUI thread.
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
    iam::SecretStore& m_backing;
    mutable QMutex m_lock;
    QHash<QString, QByteArray> m_values;
    QStringList m_loaded; // keys whose backing value (or its absence) is known
};

} // namespace aiops::app
