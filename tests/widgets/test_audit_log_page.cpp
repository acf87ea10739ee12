#include "core/iam/IamService.h"
#include "core/iam/SecretStore.h"
#include "models/AuditLogModel.h"
#include "tests/support/WidgetTestSupport.h"
#include "widgets/AuditLogPage.h"
#include "widgets/SafetyTableView.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

using aiops::models::AuditLogModel;
using aiops::widgets::AuditLogPage;
namespace iam = aiops::iam;

using aiops::testing::darkPalette;
using aiops::testing::screenshotPath;

namespace {

} // namespace

class TestAuditLogPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void filtersByActorActionOutcomeAndTime();
    void customRange();
    void showsNewEventsLive();
    void emptyStateClearsFilters();
    void shorteningRetentionAsksAndDeletes();
    void screenshots();

private:
    void log(const QString& actor,
             const QString& action,
             const QString& outcome,
             const QString& resource,
             const QString& risk,
             qint64 secondsAgo);

    std::unique_ptr<iam::SecretStore> m_secrets;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<iam::IamService> m_iam;
    QDateTime m_now;
};

void TestAuditLogPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

void TestAuditLogPage::init()
{
    m_secrets = iam::makeMemorySecretStore();
    m_dir = std::make_unique<QTemporaryDir>();
    iam::IamService::Options options;
    options.databasePath = m_dir->filePath(QStringLiteral("controller.db"));
    options.secrets = m_secrets.get();
    options.fastPasswordHashing = true;
    auto created = iam::IamService::create(options);
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    m_iam = std::move(*created);
    m_now = QDateTime::currentDateTimeUtc();
    log(QStringLiteral("linh.nguyen"),
        QStringLiteral("login"),
        QStringLiteral("success"),
        QStringLiteral("/auth/login"),
        QStringLiteral("low"),
        300);
    log(QStringLiteral("bao.tran"),
        QStringLiteral("write"),
        QStringLiteral("denied"),
        QStringLiteral("/deployments"),
        QStringLiteral("high"),
        1200);
    log(QStringLiteral("linh.nguyen"),
        QStringLiteral("delete"),
        QStringLiteral("success"),
        QStringLiteral("/nodes/node-91bc"),
        QStringLiteral("medium"),
        5 * 3600);
    log(QStringLiteral("unknown"),
        QStringLiteral("login"),
        QStringLiteral("failure"),
        QStringLiteral("/auth/login"),
        QStringLiteral("medium"),
        3 * 86400);
    log(QStringLiteral("universe.owner"),
        QStringLiteral("write"),
        QStringLiteral("success"),
        QStringLiteral("/users/u-7"),
        QStringLiteral("low"),
        40 * 86400);
    m_iam->flush();
}

void TestAuditLogPage::cleanup()
{
    m_iam.reset();
    m_dir.reset();
    m_secrets.reset();
}

void TestAuditLogPage::log(const QString& actor,
                           const QString& action,
                           const QString& outcome,
                           const QString& resource,
                           const QString& risk,
                           qint64 secondsAgo)
{
    iam::AuditEvent e;
    e.timestamp = m_now.addSecs(-secondsAgo);
    e.eventType = action == QLatin1String("login") ? QStringLiteral("auth") : QStringLiteral("action");
    e.actorType = QStringLiteral("user");
    e.actorId = QStringLiteral("id-") + actor;
    e.actorName = actor;
    e.actorIp = QStringLiteral("192.168.1.23");
    e.resourceType = QStringLiteral("endpoint");
    e.resourcePath = resource;
    e.action = action;
    e.outcome = outcome;
    e.riskLevel = risk;
    m_iam->audit(e);
}

void TestAuditLogPage::filtersByActorActionOutcomeAndTime()
{
    AuditLogPage page(m_iam.get());
    page.setClock([this] { return m_now; });
    page.show();
    QCOMPARE(page.rangeFilter()->currentData().toInt(), int(AuditLogPage::Range::LastDay));
    QCOMPARE(page.model()->rowCount(), 3);
    QVERIFY2(page.subtitleText().startsWith(QStringLiteral("3 event")), qPrintable(page.subtitleText()));

    page.setRange(AuditLogPage::Range::LastHour);
    QCOMPARE(page.model()->rowCount(), 2);
    page.setRange(AuditLogPage::Range::LastWeek);
    QCOMPARE(page.model()->rowCount(), 4);
    page.setRange(AuditLogPage::Range::All);
    QCOMPARE(page.model()->rowCount(), 5);

    QTest::keyClicks(page.actorFilter(), QStringLiteral("linh"));
    QTRY_COMPARE(page.model()->rowCount(), 2); // applied after a short pause in typing
    page.actionFilter()->setCurrentIndex(page.actionFilter()->findData(QStringLiteral("delete")));
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->index(0, AuditLogModel::ResourceColumn).data().toString(),
             QStringLiteral("/nodes/node-91bc"));

    page.actorFilter()->clear();
    page.actionFilter()->setCurrentIndex(0);
    page.outcomeFilter()->setCurrentIndex(page.outcomeFilter()->findData(QStringLiteral("denied")));
    page.applyFilters();
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->index(0, AuditLogModel::ActorColumn).data().toString(), QStringLiteral("bao.tran"));
    QCOMPARE(page.model()->index(0, AuditLogModel::OutcomeColumn).data().toString(), QStringLiteral("Denied"));
    QCOMPARE(page.model()->index(0, AuditLogModel::RiskColumn).data().toString(), QStringLiteral("High"));
}

void TestAuditLogPage::customRange()
{
    AuditLogPage page(m_iam.get());
    page.setClock([this] { return m_now; });
    QVERIFY(!page.fromEdit()->isVisibleTo(&page));
    page.setRange(AuditLogPage::Range::Custom);
    QVERIFY(page.fromEdit()->isVisibleTo(&page));
    page.fromEdit()->setDateTime(m_now.addDays(-4).toLocalTime());
    page.toEdit()->setDateTime(m_now.addDays(-2).toLocalTime());
    page.applyFilters();
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->index(0, AuditLogModel::OutcomeColumn).data().toString(), QStringLiteral("Failure"));
}

void TestAuditLogPage::showsNewEventsLive()
{
    AuditLogPage page(m_iam.get());
    page.show();
    QCOMPARE(page.model()->rowCount(), 3);
    iam::AuditEvent e;
    e.actorName = QStringLiteral("minh.le");
    e.actorId = QStringLiteral("id-minh");
    e.action = QStringLiteral("write");
    e.outcome = QStringLiteral("success");
    e.resourceType = QStringLiteral("apiKey");
    e.resourcePath = QStringLiteral("/api-keys");
    m_iam->audit(e);
    QTRY_COMPARE(page.model()->rowCount(), 4);
    QCOMPARE(page.model()->index(0, AuditLogModel::ActorColumn).data().toString(), QStringLiteral("minh.le"));
}

void TestAuditLogPage::emptyStateClearsFilters()
{
    AuditLogPage page(m_iam.get());
    page.setClock([this] { return m_now; });
    page.show();
    page.actorFilter()->setText(QStringLiteral("nobody-like-this"));
    page.applyFilters();
    QVERIFY(page.isShowingEmptyState());
    const auto buttons = page.findChildren<QPushButton*>();
    const auto it = std::find_if(buttons.cbegin(), buttons.cend(), [](const QPushButton* b) {
        return b->text() == QLatin1String("Clear filters");
    });
    QVERIFY(it != buttons.cend());
    QTest::mouseClick(*it, Qt::LeftButton);
    QVERIFY(!page.isShowingEmptyState());
    QCOMPARE(page.model()->rowCount(), 5);
}

void TestAuditLogPage::shorteningRetentionAsksAndDeletes()
{
    AuditLogPage page(m_iam.get());
    page.setRange(AuditLogPage::Range::All);
    QSignalSpy changed(&page, &AuditLogPage::auditRetentionChanged);
    QStringList asked;
    bool confirm = false;
    page.setConfirmation([&](QWidget*, const QString&, const QString& text, const QString&, const QString&) {
        asked.append(text);
        return confirm;
    });
    QCOMPARE(page.retentionBox()->value(), m_iam->auditRetentionDays());
    QVERIFY(!page.applyRetentionButton()->isEnabled());
    page.retentionBox()->setValue(30);
    QVERIFY(page.applyRetentionButton()->isEnabled());
    QTest::mouseClick(page.applyRetentionButton(), Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.first().startsWith(QStringLiteral("Keep audit events for 30 day")), qPrintable(asked.first()));
    QCOMPARE(m_iam->auditRetentionDays(), 365);
    QCOMPARE(changed.count(), 0);
    confirm = true;
    QTest::mouseClick(page.applyRetentionButton(), Qt::LeftButton);
    QCOMPARE(m_iam->auditRetentionDays(), 30);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toInt(), 30);
    QVERIFY2(page.retentionMessage().startsWith(QStringLiteral("Events are now kept for 30 day")),
             qPrintable(page.retentionMessage()));
    QVERIFY2(page.retentionMessage().contains(QStringLiteral(" 1 older event")), qPrintable(page.retentionMessage()));
    QCOMPARE(page.model()->rowCount(), 4);
    QVERIFY(!page.applyRetentionButton()->isEnabled());

    page.retentionBox()->setValue(90); // longer: nothing to delete, no question
    QTest::mouseClick(page.applyRetentionButton(), Qt::LeftButton);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(m_iam->auditRetentionDays(), 90);
}

void TestAuditLogPage::screenshots()
{
    for (const bool dark : { false, true }) {
        const QPalette saved = QApplication::palette();
        if (dark)
            QApplication::setPalette(darkPalette());
        AuditLogPage page(m_iam.get());
        page.setClock([this] { return m_now; });
        page.setRange(AuditLogPage::Range::All);
        page.resize(1240, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.grab().save(
            screenshotPath(dark ? QStringLiteral("audit-log-dark.png") : QStringLiteral("audit-log.png"))));
        if (dark)
            QApplication::setPalette(saved);
    }
}

QTEST_MAIN(TestAuditLogPage)
#include "test_audit_log_page.moc"
