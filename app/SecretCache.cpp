#include "app/SecretCache.h"

#include <QMutexLocker>
#include <QThread>

namespace aiops::app {

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
    QMetaObject::invokeMethod(
        this,
        [this, key, value] {
            if (auto written = m_backing.write(key, value); !written)
                Q_EMIT persistFailed(key, written.error());
        },
        Qt::AutoConnection);
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
    QMetaObject::invokeMethod(
        this,
        [this, key] {
            if (auto removed = m_backing.remove(key); !removed)
                Q_EMIT persistFailed(key, removed.error());
        },
        Qt::AutoConnection);
    return {};
}

} // namespace aiops::app
