#include "core/iam/IamService.h"
#include "core/iam/SecretStore.h"
#include "models/ApiKeyTableModel.h"
#include "models/AuditLogModel.h"
#include "models/IamFormat.h"
#include "models/IamRoles.h"
#include "models/ModelRoles.h"
#include "models/NodeCredentialModel.h"
#include "models/SafetyRoles.h"
#include "models/UserTableModel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using aiops::models::ApiKeyTableModel;
using aiops::models::AuditLogModel;
using aiops::models::NodeCredentialModel;
using aiops::models::UserTableModel;
namespace iam = aiops::iam;
namespace models = aiops::models;

class TestIamModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void usersFollowTheService();
    void apiKeysHideRevokedUnlessAsked();
    void apiKeyTexts();
    void nodeCredentialsListAndRevoke();
    void auditLogFiltersAndFollowsLiveEvents();
    void auditQueryMatching_data();
    void auditQueryMatching();
    void roleTexts();

private:
    iam::User addUser(const QString& username, const QString& role);
    iam::Principal ownerPrincipal() const;
    static iam::AuditEvent event(const QString& actor, const QString& action, const QString& outcome);

    std::unique_ptr<iam::SecretStore> m_secrets;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<iam::IamService> m_iam;
    iam::User m_owner;
};

void TestIamModels::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestIamModels::init()
{
    m_secrets = iam::makeMemorySecretStore();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    iam::IamService::Options options;
    options.databasePath = m_dir->filePath(QStringLiteral("controller.db"));
    options.secrets = m_secrets.get();
    options.fastPasswordHashing = true;
    auto created = iam::IamService::create(options);
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    m_iam = std::move(*created);
    const auto owner = m_iam->ensureOwner(QStringLiteral("universe.owner"), QStringLiteral("owner-passw0rd"));
    QVERIFY(owner);
    m_owner = *owner;
}

void TestIamModels::cleanup()
{
    m_iam.reset();
    m_dir.reset();
    m_secrets.reset();
}

iam::User TestIamModels::addUser(const QString& username, const QString& role)
{
    iam::NewUser user;
    user.username = username;
    user.password = QStringLiteral("passw0rd-%1").arg(username);
    user.displayName = username.section(QLatin1Char('.'), 0, 0);
    user.email = username + QStringLiteral("@example.com");
    user.roles = { role };
    const auto created = m_iam->createUser(user);
    if (!created)
        qWarning() << "createUser failed:" << created.error().message;
    return created.value_or(iam::User {});
}

iam::Principal TestIamModels::ownerPrincipal() const
{
    iam::Principal p;
    p.subject = m_owner.userId;
    p.roles = m_owner.roles;
    p.orgId = m_owner.orgId;
    p.displayName = m_owner.username;
    return p;
}

iam::AuditEvent TestIamModels::event(const QString& actor, const QString& action, const QString& outcome)
{
    iam::AuditEvent e;
    e.eventType = QStringLiteral("action");
    e.actorType = QStringLiteral("user");
    e.actorId = QStringLiteral("id-") + actor;
    e.actorName = actor;
    e.actorIp = QStringLiteral("10.0.0.7");
    e.resourceType = QStringLiteral("node");
    e.resourcePath = QStringLiteral("/nodes/n1");
    e.action = action;
    e.outcome = outcome;
    e.riskLevel = outcome == QLatin1String("denied") ? QStringLiteral("high") : QStringLiteral("low");
    return e;
}

void TestIamModels::usersFollowTheService()
{
    UserTableModel model(m_iam.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 1);
    const iam::User linh = addUser(QStringLiteral("linh.nguyen"), QStringLiteral("organization.editor"));
    const iam::User bao = addUser(QStringLiteral("bao.tran"), QStringLiteral("universe.viewer"));
    QTRY_COMPARE(model.rowCount(), 3); // usersChanged schedules a coalesced reload

    const int row = model.rowOf(linh.userId);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, UserTableModel::UsernameColumn).data().toString(), QStringLiteral("linh.nguyen"));
    QCOMPARE(model.index(row, UserTableModel::NameColumn).data().toString(), QStringLiteral("linh"));
    QCOMPARE(model.index(row, UserTableModel::RoleColumn).data().toString(), QStringLiteral("Organization editor"));
    QCOMPARE(model.index(row, UserTableModel::EmailColumn).data().toString(),
             QStringLiteral("linh.nguyen@example.com"));
    QCOMPARE(model.index(row, UserTableModel::StatusColumn).data().toString(), QStringLiteral("Active"));
    QCOMPARE(model.index(row, UserTableModel::StatusColumn).data(models::AccessStatusRole).toString(),
             QStringLiteral("active"));
    QCOMPARE(model.index(row, UserTableModel::LastLoginColumn).data().toString(), QStringLiteral("Never"));
    QCOMPARE(model.index(row, 0).data(models::IamIdRole).toString(), linh.userId);
    QVERIFY(
        model.index(row, 0).data(models::SearchTextRole).toString().contains(QStringLiteral("organization editor")));

    QVERIFY(m_iam->updateUser(linh.userId, QJsonObject { { QStringLiteral("disabled"), true } }));
    model.refresh();
    QCOMPARE(model.index(model.rowOf(linh.userId), UserTableModel::StatusColumn).data().toString(),
             QStringLiteral("Disabled"));
    QVERIFY(m_iam->login(QStringLiteral("bao.tran"), QStringLiteral("passw0rd-bao.tran"), QStringLiteral("127.0.0.1")));
    model.refresh();
    QCOMPARE(model.index(model.rowOf(bao.userId), UserTableModel::LastLoginColumn).data().toString(),
             QStringLiteral("just now"));

    QVERIFY(m_iam->deleteUser(bao.userId));
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(bao.userId), -1);
}

void TestIamModels::apiKeysHideRevokedUnlessAsked()
{
    ApiKeyTableModel model(m_iam.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    iam::ApiKeySpec chat;
    chat.name = QStringLiteral("support-chatbot");
    chat.models = { QStringLiteral("llama-3-8b") };
    chat.quotaRequests = 1000;
    chat.quotaTokens = 50000;
    chat.quotaWindowSeconds = 86400;
    chat.ratePerSecond = 5;
    chat.burst = 10;
    const auto first = m_iam->createApiKey(chat, ownerPrincipal());
    QVERIFY(first);
    iam::ApiKeySpec batch;
    batch.name = QStringLiteral("nightly-batch");
    const auto second = m_iam->createApiKey(batch, ownerPrincipal());
    QVERIFY(second);
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.activeCount(), 2);

    const int row = model.rowOf(first->key.keyId);
    QCOMPARE(model.index(row, ApiKeyTableModel::NameColumn).data().toString(), QStringLiteral("support-chatbot"));
    QCOMPARE(model.index(row, ApiKeyTableModel::ModelsColumn).data().toString(), QStringLiteral("llama-3-8b"));
    QCOMPARE(model.index(row, ApiKeyTableModel::QuotaColumn).data().toString(),
             QStringLiteral("1,000 requests · 50,000 tokens per day"));
    QCOMPARE(model.index(row, ApiKeyTableModel::RateLimitColumn).data().toString(), QStringLiteral("5/s, burst 10"));
    QVERIFY(first->secret.startsWith(first->key.prefix));
    // The list never shows the secret, only its prefix.
    const QString keyText = model.index(row, ApiKeyTableModel::KeyColumn).data().toString();
    QVERIFY(keyText.startsWith(first->key.prefix));
    QVERIFY(!keyText.contains(first->secret));
    const int other = model.rowOf(second->key.keyId);
    QCOMPARE(model.index(other, ApiKeyTableModel::ModelsColumn).data().toString(), QStringLiteral("All models"));
    QCOMPARE(model.index(other, ApiKeyTableModel::QuotaColumn).data().toString(), QStringLiteral("Unlimited"));

    QVERIFY(m_iam->revokeApiKey(first->key.keyId));
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowOf(first->key.keyId), -1);
    model.setIncludeRevoked(true);
    QCOMPARE(model.rowCount(), 2);
    const int revoked = model.rowOf(first->key.keyId);
    QCOMPARE(model.index(revoked, ApiKeyTableModel::StatusColumn).data().toString(), QStringLiteral("Revoked"));
    QCOMPARE(model.index(revoked, ApiKeyTableModel::StatusColumn).data(models::AccessStatusRole).toString(),
             QStringLiteral("revoked"));
    QCOMPARE(model.activeCount(), 1);
}

void TestIamModels::apiKeyTexts()
{
    QCOMPARE(ApiKeyTableModel::quotaText(0, 0, 60), QStringLiteral("Unlimited"));
    QCOMPARE(ApiKeyTableModel::quotaText(120, 0, 60), QStringLiteral("120 requests per minute"));
    QCOMPARE(ApiKeyTableModel::quotaText(0, 2000000, 3600), QStringLiteral("2,000,000 tokens per hour"));
    QCOMPARE(ApiKeyTableModel::rateText(0, 10), QStringLiteral("Unlimited"));
    QCOMPARE(ApiKeyTableModel::rateText(2.5, 4), QStringLiteral("2.5/s, burst 4"));
    QCOMPARE(ApiKeyTableModel::modelsText({ QStringLiteral("a"), QStringLiteral("b") }), QStringLiteral("a, b"));
}

void TestIamModels::nodeCredentialsListAndRevoke()
{
    NodeCredentialModel model(m_iam.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    for (const auto& [id, name] : { std::pair { QStringLiteral("node-7f3a"), QStringLiteral("dgx-a100-01") },
                                    std::pair { QStringLiteral("node-91bc"), QStringLiteral("rtx-4090-lab") } }) {
        const auto token = m_iam->createEnrollmentToken(ownerPrincipal());
        QVERIFY(token);
        QVERIFY(m_iam->exchangeEnrollmentToken(token->token.toUtf8(), id, name));
    }
    QTRY_COMPARE(model.rowCount(), 2);
    const auto credentials = m_iam->nodeCredentials();
    const auto dgx = std::find_if(credentials.cbegin(), credentials.cend(), [](const iam::NodeCredential& c) {
        return c.nodeId == QLatin1String("node-7f3a");
    });
    QVERIFY(dgx != credentials.cend());
    const int row = model.rowOf(dgx->credentialId);
    QCOMPARE(model.index(row, NodeCredentialModel::NodeNameColumn).data().toString(), QStringLiteral("dgx-a100-01"));
    QCOMPARE(model.index(row, NodeCredentialModel::NodeIdColumn).data().toString(), QStringLiteral("node-7f3a"));
    QCOMPARE(model.index(row, NodeCredentialModel::StatusColumn).data().toString(), QStringLiteral("Active"));
    QCOMPARE(model.index(row, 0).data(models::NodeIdRole).toString(), QStringLiteral("node-7f3a"));

    QVERIFY(m_iam->revokeNodeCredential(dgx->credentialId));
    QTRY_COMPARE(model.rowCount(), 1);
    model.setIncludeRevoked(true);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(model.rowOf(dgx->credentialId), NodeCredentialModel::StatusColumn).data().toString(),
             QStringLiteral("Revoked"));
    QCOMPARE(model.activeCount(), 1);
}

void TestIamModels::auditLogFiltersAndFollowsLiveEvents()
{
    m_iam->audit(event(QStringLiteral("linh"), QStringLiteral("write"), QStringLiteral("success")));
    m_iam->audit(event(QStringLiteral("bao"), QStringLiteral("write"), QStringLiteral("denied")));
    m_iam->audit(event(QStringLiteral("linh"), QStringLiteral("delete"), QStringLiteral("success")));
    m_iam->flush();

    AuditLogModel model(m_iam.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    iam::AuditQuery query;
    query.actorId = QStringLiteral("LINH");
    model.setQuery(query);
    QVERIFY(!model.lastError());
    QCOMPARE(model.rowCount(), 2);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, AuditLogModel::ActorColumn).data().toString(), QStringLiteral("linh"));

    query = {};
    query.outcome = QStringLiteral("denied");
    model.setQuery(query);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex denied = model.index(0, AuditLogModel::OutcomeColumn);
    QCOMPARE(denied.data().toString(), QStringLiteral("Denied"));
    QCOMPARE(denied.data(models::AccessStatusRole).toString(), QStringLiteral("denied"));
    QCOMPARE(model.index(0, AuditLogModel::RiskColumn).data(models::SeverityNameRole).toString(),
             QStringLiteral("high"));
    QCOMPARE(model.index(0, AuditLogModel::ActionColumn).data().toString(), QStringLiteral("Write"));
    QCOMPARE(model.index(0, AuditLogModel::ResourceColumn).data().toString(), QStringLiteral("/nodes/n1"));
    QCOMPARE(model.index(0, AuditLogModel::SourceColumn).data().toString(), QStringLiteral("10.0.0.7"));

    // Live: a matching event appears without re-reading; one that does not match stays out.
    m_iam->audit(event(QStringLiteral("minh"), QStringLiteral("login"), QStringLiteral("denied")));
    m_iam->audit(event(QStringLiteral("minh"), QStringLiteral("login"), QStringLiteral("success")));
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, AuditLogModel::ActorColumn).data().toString(), QStringLiteral("minh"));
    QCOMPARE(model.index(0, AuditLogModel::ActionColumn).data().toString(), QStringLiteral("Sign in"));
    QTest::qWait(2 * models::SafetyTableModel::kRefreshIntervalMs);
    QCOMPARE(model.rowCount(), 2);

    query = {};
    query.limit = 3;
    model.setQuery(query);
    QCOMPARE(model.rowCount(), 3); // newest first, cut at the limit
    QVERIFY(model.eventAt(0)->timestamp >= model.eventAt(2)->timestamp);
}

void TestIamModels::auditQueryMatching_data()
{
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<int>("fromSecondsAgo"); // -1 = none
    QTest::addColumn<bool>("matches");
    QTest::newRow("empty query") << QString() << QString() << QString() << -1 << true;
    QTest::newRow("actor id exact") << QStringLiteral("id-linh") << QString() << QString() << -1 << true;
    QTest::newRow("actor name substring") << QStringLiteral("IN") << QString() << QString() << -1 << true;
    QTest::newRow("other actor") << QStringLiteral("bao") << QString() << QString() << -1 << false;
    QTest::newRow("action") << QString() << QStringLiteral("write") << QString() << -1 << true;
    QTest::newRow("other action") << QString() << QStringLiteral("delete") << QString() << -1 << false;
    QTest::newRow("other outcome") << QString() << QString() << QStringLiteral("denied") << -1 << false;
    QTest::newRow("within range") << QString() << QString() << QString() << 3600 << true;
    QTest::newRow("before range") << QString() << QString() << QString() << 60 << false;
}

void TestIamModels::auditQueryMatching()
{
    QFETCH(QString, actor);
    QFETCH(QString, action);
    QFETCH(QString, outcome);
    QFETCH(int, fromSecondsAgo);
    QFETCH(bool, matches);
    iam::AuditEvent e = event(QStringLiteral("linh"), QStringLiteral("write"), QStringLiteral("success"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    e.timestamp = now.addSecs(-600);
    iam::AuditQuery query;
    query.actorId = actor;
    query.action = action;
    query.outcome = outcome;
    if (fromSecondsAgo >= 0)
        query.from = now.addSecs(-fromSecondsAgo);
    QCOMPARE(AuditLogModel::matches(query, e), matches);
}

void TestIamModels::roleTexts()
{
    QCOMPARE(models::IamFormat::roleText(QStringLiteral("universe.owner")), QStringLiteral("Universe owner"));
    QCOMPARE(models::IamFormat::rolesText({ QStringLiteral("organization.viewer"), QStringLiteral("universe.editor") }),
             QStringLiteral("Organization viewer, Universe editor"));
    QVERIFY(!models::IamFormat::roleDescription(QStringLiteral("organization.owner")).isEmpty());
    QCOMPARE(models::IamFormat::lastUsed({}, QDateTime::currentDateTimeUtc()), QStringLiteral("Never"));
}

QTEST_GUILESS_MAIN(TestIamModels)
#include "test_iam_models.moc"
