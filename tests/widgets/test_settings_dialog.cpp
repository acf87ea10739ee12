#include "widgets/ConsoleSettings.h"
#include "widgets/SettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using aiops::widgets::ConsoleSettings;
using aiops::widgets::SettingsDialog;

class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settingsRoundTripThroughQSettings();
    void loadFallsBackToDefaultsForBadValues();
    void dialogShowsAndReturnsTheValues();
    void invalidAddressDisablesOk();
};

void TestSettingsDialog::settingsRoundTripThroughQSettings()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
    ConsoleSettings s;
    s.listenAddress = QStringLiteral("0.0.0.0");
    s.port = 9100;
    s.heartbeatIntervalMs = 5000;
    s.dataDir = QStringLiteral("/srv/aiops");
    s.gpuTemperatureThreshold = 78;
    s.redactLogs = false;
    s.save(settings);
    QCOMPARE(ConsoleSettings::load(settings), s);
}

void TestSettingsDialog::loadFallsBackToDefaultsForBadValues()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
    settings.setValue(ConsoleSettings::portKey(), 70000);
    settings.setValue(ConsoleSettings::heartbeatIntervalKey(), 10);
    const ConsoleSettings loaded = ConsoleSettings::load(settings);
    QCOMPARE(loaded.port, ConsoleSettings {}.port);
    QCOMPARE(loaded.heartbeatIntervalMs, ConsoleSettings {}.heartbeatIntervalMs);
    QVERIFY(!loaded.effectiveDataDir().isEmpty());
}

void TestSettingsDialog::dialogShowsAndReturnsTheValues()
{
    ConsoleSettings s;
    s.listenAddress = QStringLiteral("0.0.0.0");
    s.port = 9100;
    s.heartbeatIntervalMs = 1500;
    s.gpuTemperatureThreshold = 80;
    s.redactLogs = false;
    SettingsDialog dialog(s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.isValid());
    QCOMPARE(dialog.settings(), s);
    QVERIFY(dialog.grab().save(QDir(QStringLiteral(AIOPS_BUILD_DIR)).filePath(QStringLiteral("settings.png"))));
}

void TestSettingsDialog::invalidAddressDisablesOk()
{
    SettingsDialog dialog(ConsoleSettings {});
    auto* address = dialog.findChild<QComboBox*>();
    QVERIFY(address);
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
    address->setEditText(QStringLiteral("not-an-address"));
    QVERIFY(!dialog.isValid());
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
    address->setEditText(QStringLiteral("::1"));
    QVERIFY(dialog.isValid());
    QCOMPARE(dialog.settings().listenAddress, QStringLiteral("::1"));
}

QTEST_MAIN(TestSettingsDialog)
#include "test_settings_dialog.moc"
