#include "core/iam/KeychainSecretStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QMutex>
#include <QMutexLocker>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace aiops::iam {

namespace {

// QtKeychain keeps one global job queue that is not thread-safe.
QMutex& keychainMutex()
{
    static QMutex mutex;
    return mutex;
}

struct JobOutcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data;
};

// Starts `job` (owned by QtKeychain from here on: it deletes itself once finished) and waits for it.
JobOutcome runJob(QKeychain::Job* job, std::chrono::milliseconds timeout)
{
    JobOutcome outcome;
    QEventLoop loop;
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&outcome, &loop](QKeychain::Job* done) {
        outcome.finished = true;
        outcome.error = done->error();
        outcome.errorString = done->errorString();
        if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(done))
            outcome.data = read->binaryData();
        loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    job->start();
    if (!outcome.finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    // On a timeout the job may still finish later; the connection dies with `loop`.
    return outcome;
}

Error toError(const JobOutcome& outcome, const QString& key, const QString& action)
{
    const QString detail = outcome.errorString.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(outcome.errorString);
    switch (outcome.error) {
    case QKeychain::EntryNotFound:
        return Error { ErrorCode::NotFound, QStringLiteral("no secret named '%1' in the keychain").arg(key) };
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return Error { ErrorCode::Forbidden,
                       QStringLiteral("the keychain refused to %1 the secret '%2'%3").arg(action, key, detail) };
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return Error { ErrorCode::Unavailable,
                       QStringLiteral("the OS keychain is not available to %1 the secret '%2'%3; on Linux a Secret "
                                      "Service (gnome-keyring or KWallet) must run in the D-Bus session and be "
                                      "unlocked")
                           .arg(action, key, detail) };
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NoError: break;
    }
    return Error { ErrorCode::StoreError,
                   QStringLiteral("cannot %1 the secret '%2' in the keychain%3").arg(action, key, detail) };
}

Result<JobOutcome>
run(QKeychain::Job* job, const QString& key, const QString& action, std::chrono::milliseconds timeout)
{
    if (!QCoreApplication::instance()) {
        delete job;
        return makeError(ErrorCode::Unavailable, QStringLiteral("the keychain needs a QCoreApplication"));
    }
    // A job waits in a nested event loop; a call from inside it (an event delivered there) would
    // wait for the mutex this thread holds: refuse it instead of deadlocking.
    thread_local bool inJob = false;
    if (inJob) {
        delete job;
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("the OS keychain is busy with another call on this thread; %1 the secret '%2' "
                                        "later")
                             .arg(action, key));
    }
    QMutexLocker lock(&keychainMutex());
    inJob = true;
    JobOutcome outcome = runJob(job, timeout);
    inJob = false;
    if (!outcome.finished)
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("the OS keychain did not answer within %1 s to %2 the secret '%3'; is it "
                                        "locked and waiting for a password?")
                             .arg(timeout.count() / 1000.0)
                             .arg(action, key));
    return outcome;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, std::chrono::milliseconds timeout)
    : m_service(std::move(service))
    , m_timeout(timeout)
{
}

Result<QByteArray> KeychainSecretStore::read(const QString& key) const
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(key);
    auto outcome = run(job, key, QStringLiteral("read"), m_timeout);
    if (!outcome)
        return std::unexpected(outcome.error());
    if (outcome->error != QKeychain::NoError)
        return std::unexpected(toError(*outcome, key, QStringLiteral("read")));
    return outcome->data;
}

Result<void> KeychainSecretStore::write(const QString& key, const QByteArray& value)
{
    if (key.isEmpty())
        return makeError(ErrorCode::InvalidValue, QStringLiteral("a secret needs a name"));
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setBinaryData(value);
    auto outcome = run(job, key, QStringLiteral("store"), m_timeout);
    if (!outcome)
        return std::unexpected(outcome.error());
    if (outcome->error != QKeychain::NoError)
        return std::unexpected(toError(*outcome, key, QStringLiteral("store")));
    return {};
}

Result<void> KeychainSecretStore::remove(const QString& key)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setInsecureFallback(false);
    job->setKey(key);
    auto outcome = run(job, key, QStringLiteral("remove"), m_timeout);
    if (!outcome)
        return std::unexpected(outcome.error());
    if (outcome->error == QKeychain::EntryNotFound)
        return {};
    if (outcome->error != QKeychain::NoError)
        return std::unexpected(toError(*outcome, key, QStringLiteral("remove")));
    return {};
}

std::unique_ptr<SecretStore> makeKeychainSecretStore(const QString& service)
{
    return std::make_unique<KeychainSecretStore>(service);
}

} // namespace aiops::iam
