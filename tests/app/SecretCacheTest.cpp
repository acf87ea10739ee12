// The secret cache that lets the controller thread use the GUI thread's keychain store: preloaded
// values are served on any thread, writes from another thread land in the backing store on the
// owning thread, and keys it did not preload are refused off that thread instead of touching the
// keychain from the wrong thread. A keychain that answers inside a nested event loop is never
// entered twice: changes reach it one at a time, in order.
#include "app/SecretCache.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <thread>

using namespace aiops;
using namespace Qt::StringLiterals;

namespace {

// A double of the OS keychain store (KeychainSecretStore): each call waits for its answer in a
// nested event loop, as QtKeychain's jobs do, and notes when it is entered while a call runs
// (the real store deadlocks there on its mutex).
class NestedLoopKeychainDouble final : public iam::SecretStore
{
public:
    Result<QByteArray> read(const QString& key) const override { return m_memory->read(key); }
    Result<void> write(const QString& key, const QByteArray& value) override
    {
        return call(u"write %1=%2"_s.arg(key, QString::fromLatin1(value)), [&] { return m_memory->write(key, value); });
    }
    Result<void> remove(const QString& key) override
    {
        return call(u"remove %1"_s.arg(key), [&] { return m_memory->remove(key); });
    }
    QString backendName() const override { return u"keychain double"_s; }

    QStringList calls;
    int reentered = 0;

private:
    template<typename F> Result<void> call(const QString& what, F&& apply)
    {
        if (m_depth > 0)
            ++reentered;
        ++m_depth;
        calls << what;
        QEventLoop loop;
        QTimer::singleShot(30, &loop, &QEventLoop::quit);
        loop.exec();
        --m_depth;
        return apply();
    }

    std::unique_ptr<iam::SecretStore> m_memory = iam::makeMemorySecretStore();
    int m_depth = 0;
};

// A keychain that answers reads but fails writes the way a session without a Secret Service does.
class ReadOnlyKeychainDouble final : public iam::SecretStore
{
public:
    Result<QByteArray> read(const QString& key) const override
    {
        return makeError(ErrorCode::NotFound, u"no secret named '%1'"_s.arg(key));
    }
    Result<void> write(const QString&, const QByteArray&) override
    {
        ++writes;
        return makeError(ErrorCode::Unavailable, u"the OS keychain did not answer within 5 s"_s);
    }
    Result<void> remove(const QString&) override { return {}; }
    QString backendName() const override { return u"keychain"_s; }
    int writes = 0;
};

// A keychain that stores until its n-th write, which fails (a keychain locked half-way).
class FailingKeychainDouble final : public iam::SecretStore
{
public:
    explicit FailingKeychainDouble(int failingWrite)
        : m_failingWrite(failingWrite)
    {
    }
    Result<QByteArray> read(const QString& key) const override { return m_memory->read(key); }
    Result<void> write(const QString& key, const QByteArray& value) override
    {
        if (++writes == m_failingWrite)
            return makeError(ErrorCode::Unavailable, u"the keychain is locked"_s);
        return m_memory->write(key, value);
    }
    Result<void> remove(const QString& key) override { return m_memory->remove(key); }
    QString backendName() const override { return u"keychain"_s; }
    int writes = 0;

private:
    std::unique_ptr<iam::SecretStore> m_memory = iam::makeMemorySecretStore();
    int m_failingWrite;
};

} // namespace

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

    void secretsGoWhereTheyCanBeStored()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(u"secrets.json"_s);

        // A keychain that stores the probe: the keychain, and the probe is gone again.
        {
            auto keychain = iam::makeMemorySecretStore();
            iam::SecretStore* raw = keychain.get();
            const auto chosen = app::chooseSecretStore(std::move(keychain), *raw, file);
            QCOMPARE(chosen.store.get(), raw);
            QVERIFY(chosen.notice.isEmpty());
            QCOMPARE(raw->read(u"keychain-probe"_s).error().code, ErrorCode::NotFound);
        }
        // One that holds the console's secrets already: no probe needed.
        {
            auto keychain = iam::makeMemorySecretStore();
            QVERIFY(keychain->write(u"owner-password"_s, "pw").has_value());
            ReadOnlyKeychainDouble unusedProbe;
            const auto chosen = app::chooseSecretStore(std::move(keychain), unusedProbe, file);
            QCOMPARE(chosen.store->backendName(), u"memory"_s);
            QCOMPARE(unusedProbe.writes, 0);
        }
        // One that answers reads but cannot store: the file, with the reason.
        {
            auto keychain = std::make_unique<ReadOnlyKeychainDouble>();
            ReadOnlyKeychainDouble probe;
            const auto chosen = app::chooseSecretStore(std::move(keychain), probe, file);
            QCOMPARE(chosen.store->backendName(), u"file"_s);
            QCOMPARE(probe.writes, 1);
            QVERIFY2(chosen.notice.contains(u"did not answer"_s) && chosen.notice.contains(file),
                     qPrintable(chosen.notice));
            QVERIFY(chosen.store->write(u"owner-password"_s, "pw").has_value());
        }
        // The next start finds the file: it stays there, without waiting for the keychain again.
        {
            auto keychain = std::make_unique<ReadOnlyKeychainDouble>();
            ReadOnlyKeychainDouble probe;
            const auto chosen = app::chooseSecretStore(std::move(keychain), probe, file);
            QCOMPARE(chosen.store->backendName(), u"file"_s);
            QCOMPARE(probe.writes, 0);
            QCOMPARE(*chosen.store->read(u"owner-password"_s), QByteArray("pw"));
            QVERIFY(chosen.notice.contains(u"earlier start"_s));
        }
    }

    // Secrets an earlier start kept in the file move into a keychain that stores them now; a
    // keychain that refuses is not asked again for a week, and a half-done move is undone.
    void fileSecretsMoveToTheKeychainOnceItStores()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(u"secrets.json"_s);
        const QString marker = file + u".keychain-refused"_s;
        const auto writeFile = [&file] {
            auto store = iam::makeFileSecretStore(file);
            return store->write(u"jwt-hmac-secret"_s, "jwt").has_value()
                && store->write(u"owner-password"_s, "pw").has_value() && store->write(u"hf-token"_s, "hf").has_value();
        };
        QVERIFY(writeFile());

        // Refused: the file stays and the refusal is noted...
        {
            ReadOnlyKeychainDouble probe;
            const auto chosen = app::chooseSecretStore(std::make_unique<ReadOnlyKeychainDouble>(), probe, file);
            QCOMPARE(chosen.store->backendName(), u"file"_s);
            QCOMPARE(probe.writes, 1);
            QVERIFY2(chosen.notice.contains(u"did not answer"_s) && chosen.notice.contains(u"7 days"_s),
                     qPrintable(chosen.notice));
            QVERIFY(QFileInfo::exists(marker));
            QCOMPARE(*chosen.store->read(u"owner-password"_s), QByteArray("pw"));
        }
        // ...so the next start does not wait for the keychain again...
        {
            ReadOnlyKeychainDouble probe;
            const auto chosen = app::chooseSecretStore(std::make_unique<ReadOnlyKeychainDouble>(), probe, file);
            QCOMPARE(chosen.store->backendName(), u"file"_s);
            QCOMPARE(probe.writes, 0);
            QVERIFY(chosen.notice.contains(u"earlier start"_s));
        }
        // ...until a week has passed. A keychain that fails half-way keeps nothing.
        {
            QFile stamp(marker);
            QVERIFY(stamp.open(QIODevice::ReadWrite));
            QVERIFY(stamp.setFileTime(QDateTime::currentDateTime().addDays(-8), QFileDevice::FileModificationTime));
            stamp.close();
            FailingKeychainDouble probe(3);
            const auto chosen = app::chooseSecretStore(std::make_unique<ReadOnlyKeychainDouble>(), probe, file);
            QCOMPARE(chosen.store->backendName(), u"file"_s);
            QCOMPARE(probe.writes, 3);
            QVERIFY2(chosen.notice.contains(u"the keychain is locked"_s), qPrintable(chosen.notice));
            for (const QString& key : { u"jwt-hmac-secret"_s, u"owner-password"_s, u"hf-token"_s })
                QCOMPARE(probe.read(key).error().code, ErrorCode::NotFound);
            QCOMPARE(*chosen.store->read(u"hf-token"_s), QByteArray("hf"));
            QVERIFY(QFileInfo(marker).lastModified().daysTo(QDateTime::currentDateTime()) < 1);
        }
        // A keychain that stores: everything moves, the owner password last, and the file goes.
        {
            QVERIFY(QFile::remove(marker));
            auto keychain = iam::makeMemorySecretStore();
            iam::SecretStore* raw = keychain.get();
            NestedLoopKeychainDouble probe;
            const auto chosen = app::chooseSecretStore(std::move(keychain), probe, file);
            QCOMPARE(chosen.store.get(), raw);
            QVERIFY2(chosen.notice.contains(u"(hf-token, jwt-hmac-secret, owner-password) to the OS keychain"_s),
                     qPrintable(chosen.notice));
            QCOMPARE(
                probe.calls,
                QStringList({ u"write hf-token=hf"_s, u"write jwt-hmac-secret=jwt"_s, u"write owner-password=pw"_s }));
            QCOMPARE(*probe.read(u"owner-password"_s), QByteArray("pw"));
            QVERIFY(!QFileInfo::exists(file));
            QVERIFY(!QFileInfo::exists(marker));
        }
    }

    // A file that cannot be read is not the keychain's fault; an empty one is a first start.
    void unreadableOrEmptyFilesAreNotMoved()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(u"secrets.json"_s);
        QVERIFY(iam::makeFileSecretStore(file)->write(u"owner-password"_s, "pw").has_value());
        QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        {
            NestedLoopKeychainDouble probe;
            const auto chosen = app::chooseSecretStore(iam::makeMemorySecretStore(), probe, file);
            QCOMPARE(chosen.store->backendName(), u"file"_s);
            QVERIFY2(chosen.notice.contains(u"chmod 600"_s), qPrintable(chosen.notice));
            QVERIFY(probe.calls.isEmpty());
            QVERIFY(!QFileInfo::exists(file + u".keychain-refused"_s));
        }
        QVERIFY(QFile::remove(file));
        {
            QFile empty(file);
            QVERIFY(empty.open(QIODevice::WriteOnly));
        }
        QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        auto keychain = iam::makeMemorySecretStore();
        iam::SecretStore* raw = keychain.get();
        const auto chosen = app::chooseSecretStore(std::move(keychain), *raw, file);
        QCOMPARE(chosen.store.get(), raw); // after the probe, as on a first start
        QVERIFY(chosen.notice.isEmpty());
        QVERIFY(!QFileInfo::exists(file));
    }

    void keychainIsNeverEnteredTwice()
    {
        NestedLoopKeychainDouble keychain;
        app::SecretCache cache(keychain, {});
        // Changes from the owning thread and from the controller's, while the first one waits for
        // the keychain; the second change of "b" replaces the one still waiting.
        QVERIFY(cache.write(u"a"_s, "1").has_value());
        QTimer::singleShot(5, &cache, [&] {
            std::thread controller([&] {
                (void)cache.write(u"b"_s, "2");
                (void)cache.write(u"c"_s, "3");
                (void)cache.write(u"b"_s, "4");
            });
            controller.join();
            (void)cache.remove(u"c"_s);
        });
        QTRY_COMPARE(keychain.calls.size(), 3);
        QTest::qWait(100);
        QCOMPARE(keychain.reentered, 0);
        QCOMPARE(keychain.calls, (QStringList { u"write a=1"_s, u"write b=4"_s, u"remove c"_s }));
        QCOMPARE(*keychain.read(u"b"_s), QByteArray("4"));
        QCOMPARE(keychain.read(u"c"_s).error().code, ErrorCode::NotFound);
        QCOMPARE(*cache.read(u"b"_s), QByteArray("4"));
    }
};

QTEST_GUILESS_MAIN(SecretCacheTest)
#include "SecretCacheTest.moc"
