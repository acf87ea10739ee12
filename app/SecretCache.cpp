#include "app/SecretCache.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSaveFile>
#include <QThread>
#include <algorithm>

namespace aiops::app {

namespace {

constexpr int kKeychainRetryDays = 7;
const QString kOwnerPassword = QStringLiteral("owner-password");

// Marks (by its time) that the keychain refused to store, so that starts in the next
// kKeychainRetryDays keep the file without waiting for it again.
QString refusedMarker(const QString& filePath)
{
    return filePath + QStringLiteral(".keychain-refused");
}

bool refusedRecently(const QString& filePath)
{
    const QFileInfo marker(refusedMarker(filePath));
    return marker.exists() && marker.lastModified().daysTo(QDateTime::currentDateTime()) < kKeychainRetryDays;
}

void noteRefusal(const QString& filePath)
{
    QSaveFile marker(refusedMarker(filePath));
    if (marker.open(QIODevice::WriteOnly)) {
        marker.write(QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toLatin1() + '\n');
        (void)marker.commit();
    }
}

// Copies the file's secrets (`values`) into the keychain and deletes the file. The owner password
// goes last: a keychain that holds it is the one later starts use. On any failure what was written
// is removed again and the file stays as it was.
Result<QStringList>
moveIntoKeychain(const QString& filePath, const QHash<QString, QByteArray>& values, iam::SecretStore& keychain)
{
    QStringList keys = values.keys();
    std::sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) {
        return std::pair(a == kOwnerPassword, a) < std::pair(b == kOwnerPassword, b);
    });
    QStringList written;
    const auto undo = [&](const Error& error) -> Result<QStringList> {
        for (const QString& key : std::as_const(written))
            (void)keychain.remove(key);
        return std::unexpected(error);
    };
    for (const QString& key : std::as_const(keys)) {
        const QByteArray value = values.value(key);
        if (auto stored = keychain.write(key, value); !stored)
            return undo(stored.error());
        written.append(key);
        if (auto back = keychain.read(key); !back || *back != value)
            return undo(Error { ErrorCode::StoreError, SecretCache::tr("the keychain did not keep %1").arg(key) });
    }
    if (!QFile::remove(filePath))
        return undo(Error { ErrorCode::StoreError, SecretCache::tr("cannot delete %1").arg(filePath) });
    return keys;
}

} // namespace

SecretStoreChoice
chooseSecretStore(std::unique_ptr<iam::SecretStore> keychain, iam::SecretStore& probe, const QString& filePath)
{
    const QString probeKey = QStringLiteral("keychain-probe");
    const auto held = keychain->read(kOwnerPassword);
    if (held)
        return { std::move(keychain), {} };
    QString why = held.error().message;
    if (held.error().code == ErrorCode::NotFound) {
        if (QFileInfo::exists(filePath)) {
            if (refusedRecently(filePath)) {
                return { iam::makeFileSecretStore(filePath),
                         SecretCache::tr("the console's secrets are in %1 (mode 0600), where an earlier start kept "
                                         "them; the OS keychain refused them then and is tried again after %2 days.")
                             .arg(filePath)
                             .arg(kKeychainRetryDays) };
            }
            // An earlier start kept them in the file; the keychain may store them now. A file that
            // cannot be read stays in use and says why; the keychain is not to blame for it.
            const auto values = iam::readSecretFile(filePath);
            if (!values)
                return { iam::makeFileSecretStore(filePath), values.error().message };
            if (values->isEmpty() && QFile::remove(filePath))
                return chooseSecretStore(std::move(keychain), probe, filePath); // as on a first start
            const auto moved = moveIntoKeychain(filePath, *values, probe);
            if (moved) {
                QFile::remove(refusedMarker(filePath));
                return { std::move(keychain),
                         SecretCache::tr("moved the secrets in %1 (%2) to the OS keychain and deleted the file.")
                             .arg(filePath, moved->join(QStringLiteral(", "))) };
            }
            noteRefusal(filePath);
            return { iam::makeFileSecretStore(filePath),
                     SecretCache::tr("the console's secrets stay in %1 (mode 0600): the OS keychain did not store "
                                     "them (%2); it is tried again after %3 days.")
                         .arg(filePath, moved.error().message)
                         .arg(kKeychainRetryDays) };
        }
        const auto wrote = probe.write(probeKey, "1");
        if (wrote) {
            (void)probe.remove(probeKey);
            return { std::move(keychain), {} };
        }
        why = wrote.error().message;
        noteRefusal(filePath);
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
