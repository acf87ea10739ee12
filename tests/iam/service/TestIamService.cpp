#include "core/iam/IamService.h"
#include "core/iam/PasswordHasher.h"
#include "core/iam/Permissions.h"
#include "core/iam/SecretStore.h"

#include <QJsonArray>
#include <QMutex>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <atomic>
#include <thread>

using namespace aiops;
using namespace aiops::iam;
using namespace Qt::StringLiterals;

namespace {

const QString kOwnerPassword = u"owner-passw0rd-Secret"_s;
const QString kAlicePassword = u"alice-passw0rd-Secret"_s;
const qint64 kStart = QDateTime(QDate(2025, 6, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();

// Every row of a table as text, to look for plaintext secrets in the file itself.
QString tableText(const QString& dbPath, const QString& table)
{
    const QString name = u"inspect-"_s + QUuid::createUuid().toString(QUuid::Id128);
    QString out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(dbPath);
        if (!db.open())
            return u"<cannot open>"_s;
        QSqlQuery q(db);
        if (!q.exec(u"SELECT * FROM "_s + table))
            return u"<cannot read "_s + table + u">"_s;
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                out += q.value(i).toString() + u'|';
            out += u'\n';
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

QVariant scalar(const QString& dbPath, const QString& sql, const QVariantList& binds = {})
{
    const QString name = u"inspect-"_s + QUuid::createUuid().toString(QUuid::Id128);
    QVariant out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(dbPath);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(sql);
            for (const QVariant& b : binds)
                q.addBindValue(b);
            if (q.exec() && q.next())
                out = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

QMutex g_logMutex;
QStringList g_log;

void captureMessage(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    QMutexLocker lock(&g_logMutex);
    g_log.append(QString::fromLatin1(context.category ? context.category : "") + u": "_s + message);
}

} // namespace

class TestIamService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void missingSecretStoreIsAClearError();
    void bootstrapCreatesOwnerOnce();
    void loginSuccessAndFailure();
    void lockoutAfterFiveFailuresPerIp();
    void refreshRotatesAndReuseRevokesFamily();
    void concurrentRefreshHasOneWinner();
    void logoutRevokesFamily();
    void disabledUserIsRefused();
    void createUserValidation_data();
    void createUserValidation();
    void updateUserIsStrict();
    void lastOwnerIsProtected();
    void deleteUserRevokesSessionsAndKeys();
    void apiKeyShownOnceAndStoredHashed();
    void apiKeyModelScope();
    void apiKeyRateLimit();
    void apiKeyRequestAndTokenQuotas();
    void revokedApiKeyIsRefused();
    void enrollmentTokenIsOneTime();
    void enrollmentTokenExpires();
    void revokedNodeCredentialIsRefusedAndSignalled();
    void auditWriteQueryAndRetention();
    void restartKeepsEverything();
    void secretsStayOutOfLogsAndAudit();

private:
    std::unique_ptr<IamService> open(SecretStore* secrets);
    User owner();
    Principal ownerPrincipal();
    User makeUser(const QString& username, const QStringList& roles, const QString& password = kAlicePassword);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SecretStore> m_secrets;
    std::atomic<qint64> m_now { kStart };
    QString m_dbPath;
    std::unique_ptr<IamService> m_iam;
};

std::unique_ptr<IamService> TestIamService::open(SecretStore* secrets)
{
    IamService::Options options;
    options.databasePath = m_dbPath;
    options.secrets = secrets;
    options.fastPasswordHashing = true;
    options.clock = [this] {
        return m_now.load();
    };
    auto created = IamService::create(options);
    if (!created) {
        qWarning() << "IamService::create failed:" << created.error().message;
        return {};
    }
    return std::move(*created);
}

void TestIamService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_dbPath = m_dir->filePath(u"controller.db"_s);
    m_now = kStart;
    m_secrets = makeMemorySecretStore();
    m_iam = open(m_secrets.get());
    QVERIFY(m_iam);
}

void TestIamService::cleanup()
{
    m_iam.reset();
    m_secrets.reset();
    m_dir.reset();
}

User TestIamService::owner()
{
    auto created = m_iam->ensureOwner(u"universe.owner"_s, kOwnerPassword);
    if (!created)
        qWarning() << "ensureOwner failed:" << created.error().message;
    return created.value_or(User {});
}

Principal TestIamService::ownerPrincipal()
{
    const User o = owner();
    Principal p;
    p.subject = o.userId;
    p.roles = o.roles;
    p.kind = PrincipalKind::User;
    p.orgId = o.orgId;
    p.displayName = o.username;
    return p;
}

User TestIamService::makeUser(const QString& username, const QStringList& roles, const QString& password)
{
    NewUser nu;
    nu.username = username;
    nu.password = password;
    nu.roles = roles;
    nu.displayName = username;
    auto created = m_iam->createUser(nu);
    if (!created)
        qWarning() << "createUser failed:" << created.error().message;
    return created.value_or(User {});
}

void TestIamService::missingSecretStoreIsAClearError()
{
    IamService::Options options;
    options.databasePath = m_dir->filePath(u"other.db"_s);
    auto created = IamService::create(options);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::InvalidValue);
    QVERIFY(created.error().message.contains(u"secret store"_s));
    QVERIFY(created.error().message.contains(u"jwt-hmac-secret"_s));
}

void TestIamService::bootstrapCreatesOwnerOnce()
{
    QCOMPARE(m_iam->users().size(), 0);
    const auto orgs = m_iam->organizations();
    QCOMPARE(orgs.size(), 1);
    QCOMPARE(orgs.first().orgId, u"default"_s);

    QSignalSpy changed(m_iam.get(), &IamService::usersChanged);
    const User first = owner();
    QVERIFY(!first.userId.isEmpty());
    QCOMPARE(first.username, u"universe.owner"_s);
    QCOMPARE(first.roles, QStringList { u"universe.owner"_s });
    QCOMPARE(first.orgId, u"default"_s);
    QCOMPARE(changed.count(), 1);

    const User again = owner();
    QCOMPARE(again.userId, first.userId);
    QCOMPARE(m_iam->users().size(), 1);
    QCOMPARE(changed.count(), 1);
    QVERIFY(m_secrets->read(u"jwt-hmac-secret"_s).has_value());
    QVERIFY(m_secrets->read(u"jwt-hmac-secret"_s)->size() >= 32);
}

void TestIamService::loginSuccessAndFailure()
{
    const User o = owner();
    auto pair = m_iam->login(u"UNIVERSE.owner"_s, kOwnerPassword, u"10.0.0.1"_s);
    QVERIFY(pair);
    QCOMPARE(pair->accessExpiresAt, kStart / 1000 + 15 * 60);
    QCOMPARE(pair->refreshExpiresAt, kStart / 1000 + 7 * 24 * 3600);

    auto principal = m_iam->authenticateBearer(pair->accessToken.toLatin1());
    QVERIFY2(principal, principal ? "" : qPrintable(principal.error().message));
    QCOMPARE(principal->kind, PrincipalKind::User);
    QCOMPARE(principal->subject, o.userId);
    QCOMPARE(principal->orgId, u"default"_s);
    QCOMPARE(principal->roles, QStringList { u"universe.owner"_s });
    QVERIFY(!principal->tokenId.isEmpty());
    QVERIFY(m_iam->user(o.userId)->lastLoginAt.isValid());

    // A refresh token is not an access token.
    QVERIFY(!m_iam->authenticateBearer(pair->refreshToken.toLatin1()));

    auto wrong = m_iam->login(u"universe.owner"_s, u"not-the-password"_s, u"10.0.0.1"_s);
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::Unauthorized);
    auto unknown = m_iam->login(u"nobody"_s, u"not-the-password"_s, u"10.0.0.1"_s);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::Unauthorized);
    QCOMPARE(unknown.error().message, wrong.error().message);

    // Access tokens expire after 15 minutes (plus the leeway).
    m_now += (15 * 60 + 31) * 1000;
    QCOMPARE(m_iam->authenticateBearer(pair->accessToken.toLatin1()).error().code, ErrorCode::Unauthorized);

    AuditQuery query;
    query.action = u"login"_s;
    auto events = m_iam->auditEvents(query);
    QVERIFY(events);
    QCOMPARE(events->size(), 3);
    QCOMPARE(events->at(2).outcome, u"success"_s);
    QCOMPARE(events->at(2).actorId, o.userId);
    QCOMPARE(events->at(2).eventType, u"auth"_s);
    QCOMPARE(events->at(2).actorIp, u"10.0.0.1"_s);
    QCOMPARE(events->at(1).outcome, u"failure"_s);
    QCOMPARE(events->at(1).actorId, o.userId);
    QCOMPARE(events->at(0).outcome, u"failure"_s);
    QCOMPARE(events->at(0).actorName, u"nobody"_s);
}

void TestIamService::lockoutAfterFiveFailuresPerIp()
{
    owner();
    for (int i = 0; i < 5; ++i) {
        m_now += 1000;
        auto failed = m_iam->login(u"universe.owner"_s, u"wrong-password"_s, u"10.0.0.1"_s);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::Unauthorized);
    }
    // Locked: even the right password is refused, with a retry time.
    auto locked = m_iam->login(u"universe.owner"_s, kOwnerPassword, u"10.0.0.1"_s);
    QVERIFY(!locked);
    QCOMPARE(locked.error().code, ErrorCode::RateLimited);
    // The first failure was 5 s ago; the 15-minute window ends 895 s from now.
    QCOMPARE(locked.error().retryAfterSeconds, 15 * 60 - 4);

    // Another address is not affected.
    QVERIFY(m_iam->login(u"universe.owner"_s, kOwnerPassword, u"10.0.0.2"_s));

    m_now += 10 * 60 * 1000;
    QCOMPARE(m_iam->login(u"universe.owner"_s, kOwnerPassword, u"10.0.0.1"_s).error().code, ErrorCode::RateLimited);

    m_now += 5 * 60 * 1000;
    QVERIFY(m_iam->login(u"universe.owner"_s, kOwnerPassword, u"10.0.0.1"_s));

    AuditQuery query;
    query.outcome = u"denied"_s;
    auto denied = m_iam->auditEvents(query);
    QVERIFY(denied);
    QCOMPARE(denied->size(), 2);
    QCOMPARE(denied->first().riskLevel, u"high"_s);
}

void TestIamService::refreshRotatesAndReuseRevokesFamily()
{
    owner();
    auto p1 = m_iam->login(u"universe.owner"_s, kOwnerPassword, u"10.0.0.1"_s);
    auto other = m_iam->login(u"universe.owner"_s, kOwnerPassword, u"10.0.0.9"_s);
    QVERIFY(p1 && other);

    m_now += 60 * 1000;
    auto p2 = m_iam->refresh(p1->refreshToken, u"10.0.0.1"_s);
    QVERIFY2(p2, p2 ? "" : qPrintable(p2.error().message));
    QVERIFY(p2->refreshToken != p1->refreshToken);
    QCOMPARE(p2->accessExpiresAt, m_now / 1000 + 15 * 60);
    QVERIFY(m_iam->authenticateBearer(p2->accessToken.toLatin1()));
    auto p3 = m_iam->refresh(p2->refreshToken, u"10.0.0.1"_s);
    QVERIFY(p3);

    // An access token is not a refresh token.
    QCOMPARE(m_iam->refresh(p3->accessToken, u"10.0.0.1"_s).error().code, ErrorCode::Unauthorized);

    // p1 was spent: presenting it again is reuse and revokes the whole family.
    auto reused = m_iam->refresh(p1->refreshToken, u"10.6.6.6"_s);
    QVERIFY(!reused);
    QCOMPARE(reused.error().code, ErrorCode::Unauthorized);
    QVERIFY(reused.error().message.contains(u"reuse"_s));
    auto newest = m_iam->refresh(p3->refreshToken, u"10.0.0.1"_s);
    QVERIFY(!newest);
    QCOMPARE(newest.error().code, ErrorCode::Unauthorized);

    // Another session (another family) is untouched.
    QVERIFY(m_iam->refresh(other->refreshToken, u"10.0.0.9"_s));

    AuditQuery query;
    query.action = u"refresh"_s;
    auto events = m_iam->auditEvents(query);
    QVERIFY(events);
    QVERIFY(!events->isEmpty());
    QCOMPARE(events->first().outcome, u"denied"_s);
    QCOMPARE(events->last().riskLevel, u"high"_s);
}

void TestIamService::concurrentRefreshHasOneWinner()
{
    owner();
    auto pair = m_iam->login(u"universe.owner"_s, kOwnerPassword, u"10.0.0.1"_s);
    QVERIFY(pair);
    std::atomic<int> wins { 0 };
    std::atomic<int> refused { 0 };
    QString winnerRefresh;
    QMutex winnerMutex;
    std::vector<std::thread> threads;
    for (int i = 0; i < 6; ++i) {
        threads.emplace_back([&] {
            auto r = m_iam->refresh(pair->refreshToken, u"10.0.0.1"_s);
            if (r) {
                ++wins;
                QMutexLocker lock(&winnerMutex);
                winnerRefresh = r->refreshToken;
            } else if (r.error().code == ErrorCode::Unauthorized) {
                ++refused;
            }
        });
    }
    for (std::thread& t : threads)
        t.join();
    QCOMPARE(wins.load(), 1);
    QCOMPARE(refused.load(), 5);
    // The losers presented a spent token: the family, the winner's new token included, is revoked.
    QCOMPARE(m_iam->refresh(winnerRefresh, u"10.0.0.1"_s).error().code, ErrorCode::Unauthorized);
}

void TestIamService::logoutRevokesFamily()
{
    owner();
    auto p1 = m_iam->login(u"universe.owner"_s, kOwnerPassword, u"10.0.0.1"_s);
    QVERIFY(p1);
    auto p2 = m_iam->refresh(p1->refreshToken, u"10.0.0.1"_s);
    QVERIFY(p2);
    QVERIFY(m_iam->logout(p2->refreshToken));
    QCOMPARE(m_iam->refresh(p2->refreshToken, u"10.0.0.1"_s).error().code, ErrorCode::Unauthorized);
    QCOMPARE(m_iam->logout(u"not-a-token"_s).error().code, ErrorCode::Unauthorized);
}

void TestIamService::disabledUserIsRefused()
{
    owner();
    const User alice = makeUser(u"alice"_s, { u"organization.editor"_s });
    auto pair = m_iam->login(u"alice"_s, kAlicePassword, u"10.0.0.3"_s);
    QVERIFY(pair);
    auto principal = m_iam->authenticateBearer(pair->accessToken.toLatin1());
    QVERIFY(principal);
    QCOMPARE(principal->roles, QStringList { u"organization.editor"_s });

    auto updated = m_iam->updateUser(alice.userId, QJsonObject { { u"disabled"_s, true } });
    QVERIFY(updated);
    QVERIFY(updated->disabled);

    QCOMPARE(m_iam->authenticateBearer(pair->accessToken.toLatin1()).error().code, ErrorCode::Unauthorized);
    QCOMPARE(m_iam->login(u"alice"_s, kAlicePassword, u"10.0.0.3"_s).error().code, ErrorCode::Unauthorized);
    QCOMPARE(m_iam->refresh(pair->refreshToken, u"10.0.0.3"_s).error().code, ErrorCode::Unauthorized);
    QCOMPARE(m_iam->issueTokens(alice.userId).error().code, ErrorCode::Unauthorized);

    // Enabled again: signs in; the old refresh token stays revoked.
    QVERIFY(m_iam->updateUser(alice.userId, QJsonObject { { u"disabled"_s, false } }));
    QVERIFY(m_iam->login(u"alice"_s, kAlicePassword, u"10.0.0.3"_s));
    QCOMPARE(m_iam->refresh(pair->refreshToken, u"10.0.0.3"_s).error().code, ErrorCode::Unauthorized);
}

void TestIamService::createUserValidation_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<QString>("orgId");
    QTest::addColumn<QString>("email");
    QTest::addColumn<int>("code"); // -1: created
    QTest::addColumn<QString>("field");

    const QStringList viewer { u"organization.viewer"_s };
    const int invalid = int(ErrorCode::InvalidValue);
    QTest::newRow("valid") << u"bob"_s << u"12345678"_s << viewer << QString() << u"bob@example.com"_s << -1
                           << QString();
    QTest::newRow("empty username") << QString() << u"12345678"_s << viewer << QString() << QString() << invalid
                                    << u"username"_s;
    QTest::newRow("blank username") << u"   "_s << u"12345678"_s << viewer << QString() << QString() << invalid
                                    << u"username"_s;
    QTest::newRow("space in username") << u"bo b"_s << u"12345678"_s << viewer << QString() << QString() << invalid
                                       << u"username"_s;
    QTest::newRow("username too long") << QString(65, u'a') << u"12345678"_s << viewer << QString() << QString()
                                       << invalid << u"username"_s;
    QTest::newRow("duplicate, other case")
        << u"ALICE"_s << u"12345678"_s << viewer << QString() << QString() << int(ErrorCode::Conflict) << u"username"_s;
    QTest::newRow("password of 7") << u"bob"_s << u"1234567"_s << viewer << QString() << QString() << invalid
                                   << u"password"_s;
    QTest::newRow("no role") << u"bob"_s << u"12345678"_s << QStringList() << QString() << QString() << invalid
                             << u"roles"_s;
    QTest::newRow("unknown role") << u"bob"_s << u"12345678"_s << QStringList { u"universe.god"_s } << QString()
                                  << QString() << invalid << u"roles[0]"_s;
    QTest::newRow("second role unknown") << u"bob"_s << u"12345678"_s
                                         << QStringList { u"organization.viewer"_s, u"admin"_s } << QString()
                                         << QString() << invalid << u"roles[1]"_s;
    QTest::newRow("unknown organization")
        << u"bob"_s << u"12345678"_s << viewer << u"org-nope"_s << QString() << invalid << u"orgId"_s;
    QTest::newRow("bad email") << u"bob"_s << u"12345678"_s << viewer << QString() << u"bob-at-example"_s << invalid
                               << u"email"_s;
}

void TestIamService::createUserValidation()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QStringList, roles);
    QFETCH(QString, orgId);
    QFETCH(QString, email);
    QFETCH(int, code);
    QFETCH(QString, field);

    makeUser(u"alice"_s, { u"organization.editor"_s });
    QCOMPARE(m_iam->users().size(), 1);
    NewUser nu;
    nu.username = username;
    nu.password = password;
    nu.roles = roles;
    nu.orgId = orgId;
    nu.email = email;
    auto created = m_iam->createUser(nu);
    if (code < 0) {
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        QCOMPARE(created->orgId, u"default"_s);
        QCOMPARE(m_iam->users().size(), 2);
        QVERIFY(m_iam->login(username, password, u"10.1.1.1"_s));
        return;
    }
    QVERIFY(!created);
    QCOMPARE(int(created.error().code), code);
    QCOMPARE(created.error().field, field);
    QCOMPARE(m_iam->users().size(), 1);
    QCOMPARE(scalar(m_dbPath, u"SELECT count(*) FROM users"_s).toInt(), 1);
}

void TestIamService::updateUserIsStrict()
{
    owner();
    const User alice = makeUser(u"alice"_s, { u"organization.viewer"_s });
    auto org = m_iam->createOrganization(u"Research"_s);
    QVERIFY(org);
    QCOMPARE(m_iam->createOrganization(u"research"_s).error().code, ErrorCode::Conflict);

    auto unknownKey = m_iam->updateUser(alice.userId, QJsonObject { { u"username"_s, u"eve"_s } });
    QCOMPARE(unknownKey.error().code, ErrorCode::InvalidValue);
    QCOMPARE(unknownKey.error().field, u"username"_s);
    QCOMPARE(m_iam->updateUser(alice.userId, QJsonObject { { u"roles"_s, u"universe.owner"_s } }).error().code,
             ErrorCode::InvalidFieldType);
    QCOMPARE(m_iam->updateUser(alice.userId, QJsonObject { { u"password"_s, u"short"_s } }).error().field,
             u"password"_s);
    QCOMPARE(m_iam->updateUser(u"usr-missing"_s, QJsonObject {}).error().code, ErrorCode::NotFound);

    auto pair = m_iam->login(u"alice"_s, kAlicePassword, u"10.0.0.3"_s);
    QVERIFY(pair);
    auto updated = m_iam->updateUser(alice.userId,
                                     QJsonObject { { u"displayName"_s, u"Alice Nguyen"_s },
                                                   { u"email"_s, u"alice@example.com"_s },
                                                   { u"roles"_s, QJsonArray { u"organization.owner"_s } },
                                                   { u"orgId"_s, org->orgId },
                                                   { u"password"_s, u"a-new-password"_s } });
    QVERIFY2(updated, updated ? "" : qPrintable(updated.error().message));
    QCOMPARE(updated->displayName, u"Alice Nguyen"_s);
    QCOMPARE(updated->orgId, org->orgId);
    // Roles apply at once to existing access tokens; the password change ends refresh sessions.
    auto principal = m_iam->authenticateBearer(pair->accessToken.toLatin1());
    QVERIFY(principal);
    QCOMPARE(principal->roles, QStringList { u"organization.owner"_s });
    QCOMPARE(principal->orgId, org->orgId);
    QCOMPARE(m_iam->refresh(pair->refreshToken, u"10.0.0.3"_s).error().code, ErrorCode::Unauthorized);
    QVERIFY(!m_iam->login(u"alice"_s, kAlicePassword, u"10.0.0.3"_s));
    QVERIFY(m_iam->login(u"alice"_s, u"a-new-password"_s, u"10.0.0.3"_s));
}

void TestIamService::lastOwnerIsProtected()
{
    const User o = owner();
    auto del = m_iam->deleteUser(o.userId);
    QCOMPARE(del.error().code, ErrorCode::Conflict);
    auto disable = m_iam->updateUser(o.userId, QJsonObject { { u"disabled"_s, true } });
    QCOMPARE(disable.error().code, ErrorCode::Conflict);
    QCOMPARE(disable.error().field, u"disabled"_s);
    auto demote = m_iam->updateUser(o.userId, QJsonObject { { u"roles"_s, QJsonArray { u"universe.editor"_s } } });
    QCOMPARE(demote.error().code, ErrorCode::Conflict);
    QCOMPARE(demote.error().field, u"roles"_s);
    QCOMPARE(m_iam->user(o.userId)->roles, QStringList { u"universe.owner"_s });

    // A disabled second owner does not count as active.
    const User second = makeUser(u"second.owner"_s, { u"universe.owner"_s });
    QVERIFY(m_iam->updateUser(second.userId, QJsonObject { { u"disabled"_s, true } }));
    QCOMPARE(m_iam->deleteUser(o.userId).error().code, ErrorCode::Conflict);

    QVERIFY(m_iam->updateUser(second.userId, QJsonObject { { u"disabled"_s, false } }));
    QVERIFY(m_iam->updateUser(o.userId, QJsonObject { { u"roles"_s, QJsonArray { u"universe.editor"_s } } }));
    QCOMPARE(m_iam->deleteUser(second.userId).error().code, ErrorCode::Conflict);
    QVERIFY(m_iam->deleteUser(o.userId));
}

void TestIamService::deleteUserRevokesSessionsAndKeys()
{
    owner();
    const User bob = makeUser(u"bob"_s, { u"organization.editor"_s });
    auto pair = m_iam->login(u"bob"_s, kAlicePassword, u"10.0.0.4"_s);
    QVERIFY(pair);
    Principal bobPrincipal = *m_iam->authenticateBearer(pair->accessToken.toLatin1());
    auto key = m_iam->createApiKey(ApiKeySpec { u"bob's client"_s }, bobPrincipal);
    QVERIFY(key);
    QVERIFY(m_iam->authenticateBearer(key->secret.toLatin1()));

    QSignalSpy keysChanged(m_iam.get(), &IamService::apiKeysChanged);
    QVERIFY(m_iam->deleteUser(bob.userId));
    QCOMPARE(keysChanged.count(), 1);
    QCOMPARE(m_iam->user(bob.userId).error().code, ErrorCode::NotFound);
    QCOMPARE(m_iam->users().size(), 1);
    QCOMPARE(m_iam->deleteUser(bob.userId).error().code, ErrorCode::NotFound);
    QVERIFY(!m_iam->login(u"bob"_s, kAlicePassword, u"10.0.0.4"_s));
    QVERIFY(!m_iam->authenticateBearer(pair->accessToken.toLatin1()));
    QVERIFY(!m_iam->refresh(pair->refreshToken, u"10.0.0.4"_s));
    QVERIFY(!m_iam->authenticateBearer(key->secret.toLatin1()));
    QVERIFY(m_iam->apiKeys().first().revoked);

    // Soft delete: the row stays, flagged; the name may be used again.
    QCOMPARE(scalar(m_dbPath, u"SELECT isDeleted FROM users WHERE user_id = ?"_s, { bob.userId }).toInt(), 1);
    QVERIFY(!makeUser(u"bob"_s, { u"organization.viewer"_s }).userId.isEmpty());
}

void TestIamService::apiKeyShownOnceAndStoredHashed()
{
    const Principal p = ownerPrincipal();
    ApiKeySpec spec;
    spec.name = u"chat frontend"_s;
    spec.models = { u"llama-3-8b"_s };
    auto key = m_iam->createApiKey(spec, p);
    QVERIFY(key);
    QVERIFY(key->secret.startsWith(u"aiops_sk_"_s));
    QVERIFY(key->secret.size() >= 9 + 40);
    QVERIFY(key->secret.startsWith(key->key.prefix));
    QVERIFY(key->key.prefix.size() < key->secret.size() / 2);
    QCOMPARE(key->key.ownerUserId, p.subject);
    QCOMPARE(key->key.orgId, u"default"_s);

    const QString stored = tableText(m_dbPath, u"api_keys"_s);
    QVERIFY(stored.contains(key->key.keyId));
    QVERIFY(!stored.contains(key->secret));
    QVERIFY(!stored.contains(key->secret.mid(13)));
    QCOMPARE(scalar(m_dbPath, u"SELECT secret_sha256 FROM api_keys WHERE key_id = ?"_s, { key->key.keyId }).toString(),
             QString::fromLatin1(sha256Hex(key->secret.toLatin1())));
    // Passwords are Argon2id strings, not the password.
    const QString users = tableText(m_dbPath, u"users"_s);
    QVERIFY(users.contains(u"$argon2id$"_s));
    QVERIFY(!users.contains(kOwnerPassword));

    auto principal = m_iam->authenticateBearer(key->secret.toLatin1());
    QVERIFY(principal);
    QCOMPARE(principal->kind, PrincipalKind::ApiKey);
    QCOMPARE(principal->subject, key->key.keyId);
    QCOMPARE(principal->roles, QStringList { u"universe.owner"_s });
    QCOMPARE(principal->models, spec.models);
    QCOMPARE(principal->orgId, u"default"_s);
    QCOMPARE(m_iam->authenticateBearer("aiops_sk_notakey").error().code, ErrorCode::Unauthorized);
}

void TestIamService::apiKeyModelScope()
{
    ApiKeySpec spec;
    spec.name = u"scoped"_s;
    spec.models = { u"llama-3-8b"_s, u"qwen-7b"_s };
    auto key = m_iam->createApiKey(spec, ownerPrincipal());
    QVERIFY(key);
    QVERIFY(m_iam->admitApiKeyRequest(key->key.keyId, u"qwen-7b"_s));
    auto out = m_iam->admitApiKeyRequest(key->key.keyId, u"gpt-4o"_s);
    QCOMPARE(out.error().code, ErrorCode::Forbidden);

    auto all = m_iam->createApiKey(ApiKeySpec { u"all models"_s }, ownerPrincipal());
    QVERIFY(all);
    QVERIFY(m_iam->admitApiKeyRequest(all->key.keyId, u"gpt-4o"_s));

    ApiKeySpec bad;
    bad.name = u"bad"_s;
    bad.burst = 0;
    QCOMPARE(m_iam->createApiKey(bad, ownerPrincipal()).error().field, u"burst"_s);
    QCOMPARE(m_iam->createApiKey(ApiKeySpec {}, ownerPrincipal()).error().field, u"name"_s);
}

void TestIamService::apiKeyRateLimit()
{
    ApiKeySpec spec;
    spec.name = u"rated"_s;
    spec.ratePerSecond = 1.0;
    spec.burst = 2;
    auto key = m_iam->createApiKey(spec, ownerPrincipal());
    QVERIFY(key);
    const QString id = key->key.keyId;
    QVERIFY(m_iam->admitApiKeyRequest(id, u"m"_s));
    QVERIFY(m_iam->admitApiKeyRequest(id, u"m"_s));
    auto limited = m_iam->admitApiKeyRequest(id, u"m"_s);
    QCOMPARE(limited.error().code, ErrorCode::RateLimited);
    QCOMPARE(limited.error().retryAfterSeconds, 1);

    m_now += 500;
    QCOMPARE(m_iam->admitApiKeyRequest(id, u"m"_s).error().code, ErrorCode::RateLimited);
    m_now += 500;
    QVERIFY(m_iam->admitApiKeyRequest(id, u"m"_s));
    QCOMPARE(m_iam->admitApiKeyRequest(id, u"m"_s).error().code, ErrorCode::RateLimited);

    // The bucket refills up to the burst, not beyond.
    m_now += 60 * 1000;
    QVERIFY(m_iam->admitApiKeyRequest(id, u"m"_s));
    QVERIFY(m_iam->admitApiKeyRequest(id, u"m"_s));
    QCOMPARE(m_iam->admitApiKeyRequest(id, u"m"_s).error().code, ErrorCode::RateLimited);
}

void TestIamService::apiKeyRequestAndTokenQuotas()
{
    ApiKeySpec spec;
    spec.name = u"quota"_s;
    spec.quotaRequests = 3;
    spec.quotaWindowSeconds = 60;
    auto key = m_iam->createApiKey(spec, ownerPrincipal());
    QVERIFY(key);
    const QString id = key->key.keyId;
    for (int i = 0; i < 3; ++i)
        QVERIFY(m_iam->admitApiKeyRequest(id, u"m"_s));
    auto over = m_iam->admitApiKeyRequest(id, u"m"_s);
    QCOMPARE(over.error().code, ErrorCode::QuotaExceeded);
    QCOMPARE(over.error().retryAfterSeconds, 60);
    m_now += 30 * 1000;
    QCOMPARE(m_iam->admitApiKeyRequest(id, u"m"_s).error().retryAfterSeconds, 30);
    QCOMPARE(m_iam->apiKeys().first().usedRequests, 3);
    m_now += 30 * 1000;
    QVERIFY(m_iam->admitApiKeyRequest(id, u"m"_s));
    QCOMPARE(m_iam->apiKeys().first().usedRequests, 1);

    ApiKeySpec tokens;
    tokens.name = u"tokens"_s;
    tokens.quotaTokens = 100;
    tokens.quotaWindowSeconds = 3600;
    auto tokenKey = m_iam->createApiKey(tokens, ownerPrincipal());
    QVERIFY(tokenKey);
    const QString tid = tokenKey->key.keyId;
    QVERIFY(m_iam->admitApiKeyRequest(tid, u"m"_s));
    m_iam->recordApiKeyTokens(tid, 60);
    QVERIFY(m_iam->admitApiKeyRequest(tid, u"m"_s));
    m_iam->recordApiKeyTokens(tid, 50);
    auto spent = m_iam->admitApiKeyRequest(tid, u"m"_s);
    QCOMPARE(spent.error().code, ErrorCode::QuotaExceeded);
    QCOMPARE(spent.error().retryAfterSeconds, 3600);
    const auto listed = m_iam->apiKeys();
    const auto it = std::find_if(listed.cbegin(), listed.cend(), [&](const ApiKey& k) { return k.keyId == tid; });
    QVERIFY(it != listed.cend());
    QCOMPARE(it->usedTokens, 110);
    QCOMPARE(it->usedRequests, 2);

    // Counters are written behind; flush() writes them.
    m_iam->flush();
    QCOMPARE(scalar(m_dbPath, u"SELECT used_tokens FROM api_keys WHERE key_id = ?"_s, { tid }).toLongLong(), 110);
}

void TestIamService::revokedApiKeyIsRefused()
{
    auto key = m_iam->createApiKey(ApiKeySpec { u"temp"_s }, ownerPrincipal());
    QVERIFY(key);
    QSignalSpy changed(m_iam.get(), &IamService::apiKeysChanged);
    QVERIFY(m_iam->revokeApiKey(key->key.keyId));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_iam->authenticateBearer(key->secret.toLatin1()).error().code, ErrorCode::Unauthorized);
    QCOMPARE(m_iam->admitApiKeyRequest(key->key.keyId, u"m"_s).error().code, ErrorCode::Unauthorized);
    QVERIFY(m_iam->apiKeys().first().revoked);
    QVERIFY(m_iam->apiKeys().first().revokedAt.isValid());
    QCOMPARE(m_iam->revokeApiKey(u"key-missing"_s).error().code, ErrorCode::NotFound);
}

void TestIamService::enrollmentTokenIsOneTime()
{
    const Principal p = ownerPrincipal();
    auto et = m_iam->createEnrollmentToken(p);
    QVERIFY(et);
    QVERIFY(et->token.startsWith(u"aiops_et_"_s));
    QCOMPARE(et->expiresAt.toMSecsSinceEpoch(), kStart + 3600 * 1000);
    QVERIFY(!tableText(m_dbPath, u"enrollment_tokens"_s).contains(et->token));

    auto enrolling = m_iam->authenticateNode(et->token.toLatin1());
    QVERIFY(enrolling);
    QCOMPARE(enrolling->kind, PrincipalKind::Enrollment);
    QCOMPARE(enrolling->subject, u"enrollment"_s);
    QCOMPARE(enrolling->tokenId, et->tokenId);

    QSignalSpy changed(m_iam.get(), &IamService::nodeCredentialsChanged);
    QSignalSpy revoked(m_iam.get(), &IamService::nodeCredentialRevoked);
    auto issued = m_iam->exchangeEnrollmentToken(et->token.toLatin1(), u"gpu-01"_s, u"GPU box 1"_s);
    QVERIFY2(issued, issued ? "" : qPrintable(issued.error().message));
    QVERIFY(issued->secret.startsWith(u"aiops_nc_"_s));
    QCOMPARE(changed.count(), 1);
    QVERIFY(!tableText(m_dbPath, u"node_credentials"_s).contains(issued->secret));

    auto node = m_iam->authenticateNode(issued->secret.toLatin1());
    QVERIFY(node);
    QCOMPARE(node->kind, PrincipalKind::Node);
    QCOMPARE(node->subject, u"gpu-01"_s);
    QCOMPARE(node->tokenId, issued->credential.credentialId);
    // On REST a node credential is the same Node principal, which reaches only the node gateway and
    // the storage route; enrollment tokens are refused there outright.
    auto rest = m_iam->authenticateBearer(issued->secret.toLatin1());
    QVERIFY(rest);
    QCOMPARE(rest->kind, PrincipalKind::Node);
    QVERIFY(authorize(*rest, Permission::FetchArtifacts, rest->orgId));
    QCOMPARE(authorize(*rest, Permission::ViewMetrics, rest->orgId).error().code, ErrorCode::Forbidden);
    QCOMPARE(authorize(*rest, Permission::DeployModels, rest->orgId).error().code, ErrorCode::Forbidden);
    QCOMPARE(m_iam->authenticateBearer(et->token.toLatin1()).error().code, ErrorCode::Unauthorized);

    auto second = m_iam->exchangeEnrollmentToken(et->token.toLatin1(), u"gpu-02"_s, u"GPU box 2"_s);
    QCOMPARE(second.error().code, ErrorCode::Unauthorized);
    QCOMPARE(m_iam->authenticateNode(et->token.toLatin1()).error().code, ErrorCode::Unauthorized);

    // Re-enrolling the same node replaces (revokes) its older credential.
    auto et2 = m_iam->createEnrollmentToken(p);
    QVERIFY(et2);
    auto reissued = m_iam->exchangeEnrollmentToken(et2->token.toLatin1(), u"gpu-01"_s, u"GPU box 1"_s);
    QVERIFY(reissued);
    QCOMPARE(revoked.count(), 1);
    QCOMPARE(revoked.first().at(0).toString(), issued->credential.credentialId);
    QCOMPARE(revoked.first().at(1).toString(), u"gpu-01"_s);
    QCOMPARE(m_iam->authenticateNode(issued->secret.toLatin1()).error().code, ErrorCode::Unauthorized);
    QVERIFY(m_iam->authenticateNode(reissued->secret.toLatin1()));
    const auto creds = m_iam->nodeCredentials();
    QCOMPARE(creds.size(), 2);
    QCOMPARE(std::count_if(creds.cbegin(), creds.cend(), [](const NodeCredential& c) { return c.revoked; }), 1);

    QCOMPARE(m_iam->exchangeEnrollmentToken("aiops_et_made-up", u"gpu-03"_s, {}).error().code, ErrorCode::Unauthorized);
    QCOMPARE(m_iam->exchangeEnrollmentToken(et2->token.toLatin1(), u"bad id!"_s, {}).error().field, u"nodeId"_s);
}

void TestIamService::enrollmentTokenExpires()
{
    const Principal p = ownerPrincipal();
    auto et = m_iam->createEnrollmentToken(p);
    QVERIFY(et);
    m_now += 3599 * 1000;
    QVERIFY(m_iam->authenticateNode(et->token.toLatin1()));
    m_now += 1000;
    QCOMPARE(m_iam->authenticateNode(et->token.toLatin1()).error().code, ErrorCode::Unauthorized);
    auto late = m_iam->exchangeEnrollmentToken(et->token.toLatin1(), u"gpu-01"_s, {});
    QCOMPARE(late.error().code, ErrorCode::Unauthorized);
    QVERIFY(late.error().message.contains(u"expired"_s));
    QVERIFY(m_iam->nodeCredentials().isEmpty());
}

void TestIamService::revokedNodeCredentialIsRefusedAndSignalled()
{
    auto et = m_iam->createEnrollmentToken(ownerPrincipal());
    QVERIFY(et);
    auto issued = m_iam->exchangeEnrollmentToken(et->token.toLatin1(), u"gpu-07"_s, u"seven"_s);
    QVERIFY(issued);
    QVERIFY(m_iam->authenticateNode(issued->secret.toLatin1()));

    QSignalSpy revoked(m_iam.get(), &IamService::nodeCredentialRevoked);
    QSignalSpy changed(m_iam.get(), &IamService::nodeCredentialsChanged);
    QVERIFY(m_iam->revokeNodeCredential(issued->credential.credentialId));
    QCOMPARE(revoked.count(), 1);
    QCOMPARE(revoked.first().at(0).toString(), issued->credential.credentialId);
    QCOMPARE(revoked.first().at(1).toString(), u"gpu-07"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_iam->authenticateNode(issued->secret.toLatin1()).error().code, ErrorCode::Unauthorized);
    QVERIFY(m_iam->nodeCredentials().first().revoked);
    QVERIFY(!scalar(m_dbPath,
                    u"SELECT revoked_at FROM node_credentials WHERE credential_id = ?"_s,
                    { issued->credential.credentialId })
                 .isNull());
    QCOMPARE(m_iam->revokeNodeCredential(u"nc-missing"_s).error().code, ErrorCode::NotFound);
}

void TestIamService::auditWriteQueryAndRetention()
{
    QSignalSpy logged(m_iam.get(), &IamService::auditLogged);
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(kStart, Qt::UTC);
    auto event = [](const QString& actorId,
                    const QString& actorName,
                    const QString& action,
                    const QString& outcome,
                    const QDateTime& at) {
        AuditEvent e;
        e.eventType = u"action"_s;
        e.actorType = u"user"_s;
        e.actorId = actorId;
        e.actorName = actorName;
        e.actorIp = u"192.168.1.5"_s;
        e.resourceType = u"endpoint"_s;
        e.resourcePath = u"/nodes/gpu-01"_s;
        e.action = action;
        e.outcome = outcome;
        e.timestamp = at;
        e.details = QJsonObject { { u"status"_s, 200 } };
        e.requestId = u"req-1"_s;
        return e;
    };
    m_iam->audit(event(u"usr-alice"_s, u"Alice Nguyen"_s, u"write"_s, u"success"_s, now.addDays(-40)));
    m_iam->audit(event(u"usr-bob"_s, u"Bob"_s, u"delete"_s, u"denied"_s, now.addDays(-1)));
    m_iam->audit(event(u"usr-alice"_s, u"Alice Nguyen"_s, u"login"_s, u"failure"_s, QDateTime()));
    m_iam->flush();
    QCOMPARE(logged.count(), 3);

    auto all = m_iam->auditEvents(AuditQuery {});
    QVERIFY(all);
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(0).action, u"login"_s); // newest first; timestamp filled in
    QCOMPARE(all->at(0).timestamp, now);
    QVERIFY(!QUuid::fromString(all->at(0).id).isNull());
    QCOMPARE(all->at(1).action, u"delete"_s);
    QCOMPARE(all->at(2).action, u"write"_s);
    QCOMPARE(all->at(2).details.value(u"status"_s).toInt(), 200);
    QCOMPARE(all->at(2).actorIp, u"192.168.1.5"_s);
    QCOMPARE(all->at(2).requestId, u"req-1"_s);
    QCOMPARE(all->at(2).riskLevel, u"low"_s);

    auto count = [&](const AuditQuery& q) {
        auto r = m_iam->auditEvents(q);
        return r ? int(r->size()) : -1;
    };
    AuditQuery q;
    q.actorId = u"usr-alice"_s;
    QCOMPARE(count(q), 2);
    q.actorId = u"nguy"_s; // substring of the name, any case
    QCOMPARE(count(q), 2);
    q = {};
    q.action = u"delete"_s;
    QCOMPARE(count(q), 1);
    q = {};
    q.outcome = u"denied"_s;
    QCOMPARE(count(q), 1);
    q = {};
    q.from = now.addDays(-2);
    QCOMPARE(count(q), 2);
    q = {};
    q.to = now.addDays(-2);
    QCOMPARE(count(q), 1);
    q = {};
    q.limit = 1;
    auto limited = m_iam->auditEvents(q);
    QCOMPARE(limited->size(), 1);
    QCOMPARE(limited->first().action, u"login"_s);

    QCOMPARE(m_iam->auditRetentionDays(), 365);
    QCOMPARE(*m_iam->applyAuditRetention(), 0);
    m_iam->setAuditRetentionDays(30);
    QCOMPARE(m_iam->auditRetentionDays(), 30);
    QCOMPARE(*m_iam->applyAuditRetention(), 1);
    QCOMPARE(count(AuditQuery {}), 2);
}

void TestIamService::restartKeepsEverything()
{
    const Principal p = ownerPrincipal();
    const User alice = makeUser(u"alice"_s, { u"organization.editor"_s });
    auto key = m_iam->createApiKey(ApiKeySpec { u"client"_s }, p);
    QVERIFY(key);
    QVERIFY(m_iam->admitApiKeyRequest(key->key.keyId, u"m"_s));
    auto et = m_iam->createEnrollmentToken(p);
    auto unusedEt = m_iam->createEnrollmentToken(p);
    QVERIFY(et && unusedEt);
    auto cred = m_iam->exchangeEnrollmentToken(et->token.toLatin1(), u"gpu-01"_s, {});
    QVERIFY(cred);
    auto tokens = m_iam->login(u"alice"_s, kAlicePassword, u"10.0.0.3"_s);
    QVERIFY(tokens);
    m_iam.reset();

    m_now += 60 * 1000;
    m_iam = open(m_secrets.get());
    QVERIFY(m_iam);
    QCOMPARE(m_iam->users().size(), 2);
    QCOMPARE(m_iam->user(alice.userId)->roles, QStringList { u"organization.editor"_s });
    QCOMPARE(owner().userId, p.subject);
    // The signing key was reused: tokens from before the restart still verify.
    auto principal = m_iam->authenticateBearer(tokens->accessToken.toLatin1());
    QVERIFY2(principal, principal ? "" : qPrintable(principal.error().message));
    QCOMPARE(principal->subject, alice.userId);
    QVERIFY(m_iam->refresh(tokens->refreshToken, u"10.0.0.3"_s));
    QVERIFY(m_iam->login(u"alice"_s, kAlicePassword, u"10.0.0.3"_s));
    QVERIFY(m_iam->authenticateBearer(key->secret.toLatin1()));
    QCOMPARE(m_iam->apiKeys().first().usedRequests, 1);
    QVERIFY(m_iam->authenticateNode(cred->secret.toLatin1()));
    QVERIFY(m_iam->authenticateNode(unusedEt->token.toLatin1()));
    QCOMPARE(m_iam->authenticateNode(et->token.toLatin1()).error().code, ErrorCode::Unauthorized);
    m_iam.reset();

    // Another signing key (a fresh secret store) does not accept those tokens.
    auto otherSecrets = makeMemorySecretStore();
    m_iam = open(otherSecrets.get());
    QVERIFY(m_iam);
    QCOMPARE(m_iam->authenticateBearer(tokens->accessToken.toLatin1()).error().code, ErrorCode::Unauthorized);
    m_iam.reset();
    m_iam = open(m_secrets.get());
    QVERIFY(m_iam);
}

void TestIamService::secretsStayOutOfLogsAndAudit()
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);

    const Principal p = ownerPrincipal();
    const User alice = makeUser(u"alice"_s, { u"organization.editor"_s });
    const QString wrongPassword = u"almost-the-Secret-pw"_s;
    QVERIFY(!m_iam->login(u"alice"_s, wrongPassword, u"10.0.0.3"_s));
    auto tokens = m_iam->login(u"alice"_s, kAlicePassword, u"10.0.0.3"_s);
    QVERIFY(tokens);
    auto rotated = m_iam->refresh(tokens->refreshToken, u"10.0.0.3"_s);
    QVERIFY(rotated);
    QVERIFY(!m_iam->refresh(tokens->refreshToken, u"10.0.0.3"_s)); // reuse: logs a warning
    auto key = m_iam->createApiKey(ApiKeySpec { u"client"_s }, p);
    QVERIFY(key);
    auto et = m_iam->createEnrollmentToken(p);
    QVERIFY(et);
    auto cred = m_iam->exchangeEnrollmentToken(et->token.toLatin1(), u"gpu-01"_s, {});
    QVERIFY(cred);
    QVERIFY(m_iam->revokeNodeCredential(cred->credential.credentialId));
    QVERIFY(m_iam->updateUser(alice.userId, QJsonObject { { u"password"_s, u"another-Secret-pw"_s } }));
    AuditEvent careless;
    careless.eventType = u"action"_s;
    careless.actorType = u"user"_s;
    careless.action = u"write"_s;
    careless.outcome = u"success"_s;
    careless.details = QJsonObject { { u"password"_s, kAlicePassword }, { u"apiKey"_s, key->secret } };
    m_iam->audit(careless);
    m_iam->flush();

    qInstallMessageHandler(previous);
    QString logText;
    {
        QMutexLocker lock(&g_logMutex);
        logText = g_log.join(u'\n');
    }
    // The scenario did log (users, keys, enrollment, reuse), so the check below is not vacuous.
    QVERIFY(logText.contains(u"reuse"_s));
    QVERIFY(logText.contains(key->key.keyId));
    QVERIFY(logText.contains(cred->credential.credentialId));

    const QString auditText = tableText(m_dbPath, u"audit_logs"_s);
    QVERIFY(auditText.contains(u"[redacted]"_s));
    const QStringList secrets { kOwnerPassword,
                                kAlicePassword,
                                wrongPassword,
                                u"another-Secret-pw"_s,
                                tokens->accessToken,
                                tokens->refreshToken,
                                rotated->refreshToken,
                                key->secret,
                                et->token,
                                cred->secret,
                                QString::fromLatin1(*m_secrets->read(u"jwt-hmac-secret"_s)) };
    for (const QString& secret : secrets) {
        QVERIFY2(!logText.contains(secret), qPrintable(u"a secret appears in the log"_s));
        QVERIFY2(!auditText.contains(secret), qPrintable(u"a secret appears in the audit log"_s));
        for (const QString& table :
             { u"users"_s, u"api_keys"_s, u"refresh_tokens"_s, u"node_credentials"_s, u"enrollment_tokens"_s })
            QVERIFY2(!tableText(m_dbPath, table).contains(secret), qPrintable(u"a secret is stored in "_s + table));
    }
}

QTEST_GUILESS_MAIN(TestIamService)
#include "TestIamService.moc"
