// TrayIcon over the fake service: node events within kBatchMs share one notification, a hot GPU is
// reported at once and then at most every kTemperatureAlertEveryMs per GPU, and hiding the window to
// the tray explains itself once. Notifications are captured through the notifier hook.
#include "app/TrayIcon.h"

#include "core/safety/SafetyService.h"
#include "tests/support/FakeDeploymentService.h"
#include "tests/support/FakeNodeService.h"
#include "widgets/MainWindow.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using aiops::app::TrayIcon;
using aiops::testing::FakeNodeService;
using aiops::widgets::MainWindow;

namespace {

// Long enough for a batch to fire on a loaded machine.
constexpr int kNotifyTimeoutMs = 10 * TrayIcon::kBatchMs;
const QString kTrayHintShownKey = QStringLiteral("ui/trayHintShown");

struct Notification
{
    QString title;
    QString message;
    QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::NoIcon;
};

} // namespace

class TrayIconTest final : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<FakeNodeService> m_service;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;
    QList<Notification> m_shown;
    qint64 m_nowMs = 0;

private Q_SLOTS:
    void initTestCase()
    {
        // QSettings (the tray hint flag) goes to a test location, never to the user's configuration.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("AIOps"));
        QCoreApplication::setApplicationName(QStringLiteral("test_tray_icon"));
    }

    void init()
    {
        QSettings().remove(kTrayHintShownKey);
        m_service = std::make_unique<FakeNodeService>();
        m_service->putNodes({ FakeNodeService::makeNode(QStringLiteral("node-a"), QStringLiteral("gpu-01"), 2),
                              FakeNodeService::makeNode(QStringLiteral("node-b"), QStringLiteral("gpu-02"), 1) });
        m_window = std::make_unique<MainWindow>(m_service.get());
        m_tray = std::make_unique<TrayIcon>(m_service.get(), m_window.get());
        m_shown.clear();
        m_tray->setNotifier([this](const QString& title, const QString& message, QSystemTrayIcon::MessageIcon icon) {
            m_shown.append({ title, message, icon });
        });
        m_nowMs = QDateTime(QDate(2025, 1, 1), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
        m_tray->setClock([this] { return m_nowMs; });
    }

    void cleanup()
    {
        m_tray.reset();
        m_window.reset();
        m_service.reset();
        QSettings().remove(kTrayHintShownKey);
    }

    void nodeWentOffline_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("message");
        QTest::newRow("with reason") << QStringLiteral("heartbeat timeout")
                                     << QStringLiteral("gpu-01 (heartbeat timeout)");
        QTest::newRow("without reason") << QString() << QStringLiteral("gpu-01");
    }

    void nodeWentOffline()
    {
        QFETCH(QString, reason);
        QFETCH(QString, message);
        Q_EMIT m_service->nodeWentOffline(QStringLiteral("node-a"), QStringLiteral("gpu-01"), reason);
        QVERIFY(m_shown.isEmpty()); // batched, not shown at once
        QTRY_COMPARE_WITH_TIMEOUT(m_shown.size(), 1, kNotifyTimeoutMs);
        QCOMPARE(m_shown.first().title, QStringLiteral("Node offline"));
        QCOMPARE(m_shown.first().message, message);
        QCOMPARE(m_shown.first().icon, QSystemTrayIcon::Warning);
    }

    void nodeCameOnline()
    {
        Q_EMIT m_service->nodeCameOnline(QStringLiteral("node-b"), QStringLiteral("gpu-02"));
        QVERIFY(m_shown.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_shown.size(), 1, kNotifyTimeoutMs);
        QCOMPARE(m_shown.first().title, QStringLiteral("Node online"));
        QCOMPARE(m_shown.first().message, QStringLiteral("gpu-02"));
        QCOMPARE(m_shown.first().icon, QSystemTrayIcon::Information);
    }

    void eventsWithinBatchShareOneNotification()
    {
        Q_EMIT m_service->nodeWentOffline(
            QStringLiteral("node-a"), QStringLiteral("gpu-01"), QStringLiteral("shutdown"));
        Q_EMIT m_service->nodeWentOffline(
            QStringLiteral("node-b"), QStringLiteral("gpu-02"), QStringLiteral("heartbeat timeout"));
        QTRY_COMPARE_WITH_TIMEOUT(m_shown.size(), 1, kNotifyTimeoutMs);
        QCOMPARE(m_shown.first().title, QStringLiteral("2 node(s) offline"));
        QCOMPARE(m_shown.first().message, QStringLiteral("gpu-01 (shutdown), gpu-02 (heartbeat timeout)"));
        // The batch is emptied: nothing more follows.
        QTest::qWait(2 * TrayIcon::kBatchMs);
        QCOMPARE(m_shown.size(), 1);

        // A later event starts a new batch.
        Q_EMIT m_service->nodeCameOnline(QStringLiteral("node-a"), QStringLiteral("gpu-01"));
        QTRY_COMPARE_WITH_TIMEOUT(m_shown.size(), 2, kNotifyTimeoutMs);
        QCOMPARE(m_shown.last().title, QStringLiteral("Node online"));
        QCOMPARE(m_shown.last().message, QStringLiteral("gpu-01"));
    }

    void quickRestartWithinBatchIsReportedAsOnline()
    {
        // The local node supervisor restarts a killed daemon after 1 s: the tray must end on "online".
        Q_EMIT m_service->nodeWentOffline(
            QStringLiteral("node-a"), QStringLiteral("gpu-01"), QStringLiteral("connection closed"));
        Q_EMIT m_service->nodeWentOffline(
            QStringLiteral("node-b"), QStringLiteral("gpu-02"), QStringLiteral("heartbeat timeout"));
        Q_EMIT m_service->nodeCameOnline(QStringLiteral("node-a"), QStringLiteral("gpu-01"));
        QTRY_COMPARE_WITH_TIMEOUT(m_shown.size(), 2, kNotifyTimeoutMs);
        QCOMPARE(m_shown.at(0).title, QStringLiteral("Node offline"));
        QCOMPARE(m_shown.at(0).message, QStringLiteral("gpu-02 (heartbeat timeout)"));
        QCOMPARE(m_shown.at(1).title, QStringLiteral("Node online"));
        QCOMPARE(m_shown.at(1).message, QStringLiteral("gpu-01"));
        QCOMPARE(m_shown.at(1).icon, QSystemTrayIcon::Information);
    }

    void criticalPiiDetectionNotifies()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto safety = aiops::safety::SafetyService::create(
            { dir.filePath(QStringLiteral("aiops.sqlite")), dir.filePath(QStringLiteral("data")), 90 });
        QVERIFY2(safety.has_value(), qPrintable(safety ? QString() : safety.error().message));
        m_tray->setSafetyService(safety->get());
        aiops::safety::FilterContext message;
        message.text = QStringLiteral("my card is 4111 1111 1111 1111");
        const auto result = (*safety)->process(message);
        QVERIFY(!result.text.contains(QStringLiteral("4111 1111")));
        QTRY_COMPARE_WITH_TIMEOUT(m_shown.size(), 1, kNotifyTimeoutMs);
        QCOMPARE(m_shown.first().title, QStringLiteral("Sensitive data detected"));
        QVERIFY2(m_shown.first().message.contains(QStringLiteral("Credit card")), qPrintable(m_shown.first().message));
        QVERIFY(!m_shown.first().message.contains(QStringLiteral("4111")));
        QCOMPARE(m_shown.first().icon, QSystemTrayIcon::Critical);
        m_tray->setSafetyService(nullptr);
        (*safety)->flush();
    }

    void deploymentRunningAndFailedNotify()
    {
        aiops::testing::FakeDeploymentService deployments;
        m_tray->setDeploymentService(&deployments);
        Q_EMIT deployments.deploymentRunning(QStringLiteral("dep-1"),
                                             QStringLiteral("qwen2.5-0.5b-instruct"),
                                             QStringLiteral("/models/qwen2.5-0.5b-instruct/a1b2c3d4/v1/inference"));
        QCOMPARE(m_shown.size(), 1); // not batched
        QCOMPARE(m_shown.last().title, QStringLiteral("Model qwen2.5-0.5b-instruct is running"));
        QCOMPARE(m_shown.last().message,
                 QStringLiteral(
                     "Send requests to http://127.0.0.1:8750/models/qwen2.5-0.5b-instruct/a1b2c3d4/v1/inference"));
        QCOMPARE(m_shown.last().icon, QSystemTrayIcon::Information);

        Q_EMIT deployments.deploymentFailed(
            QStringLiteral("dep-2"), QStringLiteral("mistral-7b"), QStringLiteral("CUDA out of memory"));
        QCOMPARE(m_shown.size(), 2);
        QCOMPARE(m_shown.last().title, QStringLiteral("Deployment of mistral-7b failed"));
        QCOMPARE(m_shown.last().message, QStringLiteral("CUDA out of memory"));
        QCOMPARE(m_shown.last().icon, QSystemTrayIcon::Warning);

        // Without a service nothing more is reported.
        m_tray->setDeploymentService(nullptr);
        Q_EMIT deployments.deploymentFailed(QStringLiteral("dep-3"), QStringLiteral("x"), QStringLiteral("y"));
        QCOMPARE(m_shown.size(), 2);
    }

    void gpuTemperatureHighIsRateLimitedPerGpu()
    {
        const qint64 start = m_nowMs;
        Q_EMIT m_service->gpuTemperatureHigh(QStringLiteral("node-a"), QStringLiteral("0"), 91.4);
        QCOMPARE(m_shown.size(), 1); // not batched
        QCOMPARE(m_shown.last().title, QStringLiteral("GPU running hot"));
        QCOMPARE(m_shown.last().message, QStringLiteral("GPU 0 on gpu-01 is at 91 °C."));
        QCOMPARE(m_shown.last().icon, QSystemTrayIcon::Warning);

        // The same GPU again within the limit: nothing.
        m_nowMs = start + 60 * 1000;
        Q_EMIT m_service->gpuTemperatureHigh(QStringLiteral("node-a"), QStringLiteral("0"), 93.0);
        m_nowMs = start + TrayIcon::kTemperatureAlertEveryMs - 1;
        Q_EMIT m_service->gpuTemperatureHigh(QStringLiteral("node-a"), QStringLiteral("0"), 94.0);
        QCOMPARE(m_shown.size(), 1);

        // Another GPU of the same node, and a GPU of another node, have limits of their own.
        Q_EMIT m_service->gpuTemperatureHigh(QStringLiteral("node-a"), QStringLiteral("1"), 88.0);
        QCOMPARE(m_shown.size(), 2);
        QCOMPARE(m_shown.last().message, QStringLiteral("GPU 1 on gpu-01 is at 88 °C."));
        Q_EMIT m_service->gpuTemperatureHigh(QStringLiteral("node-b"), QStringLiteral("0"), 90.0);
        QCOMPARE(m_shown.size(), 3);
        QCOMPARE(m_shown.last().message, QStringLiteral("GPU 0 on gpu-02 is at 90 °C."));

        // Once the limit has passed, the first GPU is reported again.
        m_nowMs = start + TrayIcon::kTemperatureAlertEveryMs;
        Q_EMIT m_service->gpuTemperatureHigh(QStringLiteral("node-a"), QStringLiteral("0"), 95.0);
        QCOMPARE(m_shown.size(), 4);
        QCOMPARE(m_shown.last().message, QStringLiteral("GPU 0 on gpu-01 is at 95 °C."));
    }

    void gpuTemperatureHighOfUnknownNodeNamesTheId()
    {
        Q_EMIT m_service->gpuTemperatureHigh(QStringLiteral("node-gone"), QStringLiteral("3"), 86.0);
        QCOMPARE(m_shown.size(), 1);
        QCOMPARE(m_shown.first().message, QStringLiteral("GPU 3 on node-gone is at 86 °C."));
    }

    void hidingToTrayExplainsItselfOnce()
    {
        m_window->setHideOnClose(true);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->close() == false); // hidden, not closed
        QVERIFY(!m_window->isVisible());
        QCOMPARE(m_shown.size(), 1);
        QCOMPARE(m_shown.first().title, QStringLiteral("AIOps Console is still running"));
        QCOMPARE(m_shown.first().icon, QSystemTrayIcon::Information);

        m_window->show();
        m_window->close();
        QVERIFY(!m_window->isVisible());
        QCOMPARE(m_shown.size(), 1);
    }
};

QTEST_MAIN(TrayIconTest)
#include "TrayIconTest.moc"
