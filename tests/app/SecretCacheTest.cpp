// The secret cache that lets the controller thread use the GUI thread's keychain store: preloaded
// values are served on any thread, writes from another thread land in the backing store on the
// owning thread, and keys it did not preload are refused off that thread instead of touching the
// keychain from the wrong thread.
#include "app/SecretCache.h"

#include <QSignalSpy>
#include <QtTest>
#include <thread>

using namespace aiops;
using namespace Qt::StringLiterals;

class SecretCacheTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void servesPreloadedKeysAndForwardsWrites()
    {
        auto backing = iam::makeMemorySecretStore();
        QVERIFY(backing->write(u"owner-password"_s, "pw").has_value());
        app::SecretCache cache(*backing, { u"owner-password"_s, u"jwt-hmac-secret"_s });

        Result<QByteArray> owner = makeError(ErrorCode::Internal, {});
        Result<QByteArray> missing = makeError(ErrorCode::Internal, {});
        Result<QByteArray> unknown = makeError(ErrorCode::Internal, {});
        std::thread worker([&] {
            owner = cache.read(u"owner-password"_s);
            missing = cache.read(u"jwt-hmac-secret"_s);
            unknown = cache.read(u"other"_s);
            (void)cache.write(u"jwt-hmac-secret"_s, "secret");
        });
        worker.join();
        QCOMPARE(*owner, QByteArray("pw"));
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(unknown.error().code, ErrorCode::Unavailable);
        // Visible at once through the cache, in the backing store once the owning thread runs.
        QCOMPARE(*cache.read(u"jwt-hmac-secret"_s), QByteArray("secret"));
        QTRY_VERIFY(backing->read(u"jwt-hmac-secret"_s).has_value());
        QCOMPARE(*backing->read(u"jwt-hmac-secret"_s), QByteArray("secret"));
        // On the owning thread, keys it did not preload go to the backing store.
        QCOMPARE(cache.read(u"other"_s).error().code, ErrorCode::NotFound);
        QVERIFY(cache.remove(u"owner-password"_s).has_value());
        QCOMPARE(cache.read(u"owner-password"_s).error().code, ErrorCode::NotFound);
        QTRY_COMPARE(backing->read(u"owner-password"_s).error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(SecretCacheTest)
#include "SecretCacheTest.moc"
