#include "app/SecretCache.h"

#include <QFileInfo>
#include <QMutexLocker>
#include <QThread>

namespace aiops::app {

SecretStoreChoice
chooseSecretStore(std::unique_ptr<iam::SecretStore> keychain, iam::SecretStore& probe, const QString& filePath)
{
    const QString probeKey = QStringLiteral("keychain-probe");
    const auto held = keychain->read(QStringLiteral("owner-password"));
    if (held)
        return { std::move(keychain), {} };
    QString why = held.error().message;
    if (held.error().code == ErrorCode::NotFound) {
        if (QFileInfo::exists(filePath)) {
            return { iam::makeFileSecretStore(filePath),
                     SecretCache::tr("the console's secrets are in %1 (mode 0600), where an earlier start kept them.")
                         .arg(filePath) };
        }
        const auto wrote = probe.write(probeKey, "1");
        if (wrote) {
            (void)probe.remove(probeKey);
            return { std::move(keychain), {} };
        }
        why = wrote.error().message;
    }
    return {
        iam::makeFileSecretStore(filePath),
        SecretCache::tr("the OS keychain is not available (%1); keeping secrets in %2 (mode 0600).").arg(why, filePath)
    };
}

SecretCache::SecretCache(iam::SecretStore& backing, const QStringList& preloadKeys, QObject* parent)
    : QObject(parent)
    , m_backing(backing)
{
    for (const QString& key : preloadKeys) {
        auto value = m_backing.read(key);
        if (value)
            m_values.insert(key, *value);
        if (value || value.error().code == ErrorCode::NotFound)
            m_loaded.append(key);
    }
}

Result<QByteArray> SecretCache::read(const QString& key) const
{
    {
        QMutexLocker locker(&m_lock);
        if (auto it = m_values.constFind(key); it != m_values.cend())
            return *it;
        if (m_loaded.contains(key))
            return makeError(ErrorCode::NotFound, QStringLiteral("No secret %1").arg(key));
    }
    // A key that was not preloaded: only the owning thread may ask the backing store.
    if (QThread::currentThread() == thread())
        return m_backing.read(key);
    return makeError(ErrorCode::Unavailable, QStringLiteral("The secret %1 is not available on this thread").arg(key));
}

Result<void> SecretCache::write(const QString& key, const QByteArray& value)
{
    {
        QMutexLocker locker(&m_lock);
        m_values.insert(key, value);
        if (!m_loaded.contains(key))
            m_loaded.append(key);
    }
    enqueue({ key, value });
    return {};
}

Result<void> SecretCache::remove(const QString& key)
{
    {
        QMutexLocker locker(&m_lock);
        m_values.remove(key);
        if (!m_loaded.contains(key))
            m_loaded.append(key);
    }
    enqueue({ key, std::nullopt });
    return {};
}

void SecretCache::enqueue(Change change)
{
    {
        QMutexLocker locker(&m_lock);
        m_pending.removeIf([&](const Change& waiting) { return waiting.key == change.key; });
        m_pending.append(std::move(change));
    }
    QMetaObject::invokeMethod(this, &SecretCache::forward, Qt::QueuedConnection);
}

void SecretCache::forward()
{
    // A keychain call spins a nested event loop, where the next queued forward() may run: it leaves
    // the change to this loop. (Entering the keychain again from inside it would deadlock.)
    if (m_forwarding)
        return;
    m_forwarding = true;
    for (;;) {
        Change change;
        {
            QMutexLocker locker(&m_lock);
            if (m_pending.isEmpty())
                break;
            change = m_pending.takeFirst();
        }
        const Result<void> done
            = change.value ? m_backing.write(change.key, *change.value) : m_backing.remove(change.key);
        if (!done)
            Q_EMIT persistFailed(change.key, done.error());
    }
    m_forwarding = false;
}

} // namespace aiops::app
