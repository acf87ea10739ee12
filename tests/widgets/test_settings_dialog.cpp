#include "widgets/ConsoleSettings.h"
#include "widgets/SettingsDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
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
    void s3StorageFieldsValidateAndKeepKeysApart();
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
    s.tlsEnabled = true;
    s.tlsCertificatePath = QStringLiteral("/etc/aiops/cert.pem");
    s.tlsKeyPath = QStringLiteral("/etc/aiops/key.pem");
    s.huggingFaceEndpoint = QStringLiteral("https://hf-mirror.example");
    s.s3Endpoint = QStringLiteral("http://minio.local:9000");
    s.s3Bucket = QStringLiteral("aiops-models");
    s.s3Region = QStringLiteral("eu-central-1");
    s.s3Prefix = QStringLiteral("team-a");
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
    s.tlsEnabled = true;
    s.huggingFaceEndpoint = QStringLiteral("https://hf-mirror.example");
    SettingsDialog dialog(s);
    dialog.setHuggingFaceTokenStored(true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.isValid());
    QCOMPARE(dialog.settings(), s);
    // The token field is a password field, empty unless something is typed (then it replaces the stored one).
    auto* token = dialog.findChild<QLineEdit*>(QStringLiteral("hfToken"));
    QVERIFY(token);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    QVERIFY(token->placeholderText().contains(QStringLiteral("stored")));
    QVERIFY(dialog.huggingFaceToken().isEmpty());
    QTest::keyClicks(token, QStringLiteral("hf_secret"));
    QCOMPARE(dialog.huggingFaceToken(), QStringLiteral("hf_secret"));
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

void TestSettingsDialog::s3StorageFieldsValidateAndKeepKeysApart()
{
    SettingsDialog dialog(ConsoleSettings {});
    dialog.setS3KeysStored(false);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* tabs = dialog.findChild<QTabWidget*>();
    QVERIFY(tabs);
    tabs->setCurrentIndex(1);
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    const auto edit = [&](const QString& placeholder) {
        for (auto* e : dialog.findChildren<QLineEdit*>()) {
            if (e->placeholderText() == placeholder)
                return e;
        }
        return static_cast<QLineEdit*>(nullptr);
    };
    QLineEdit* endpoint = edit(QStringLiteral("http://minio.local:9000"));
    QLineEdit* bucket = edit(QStringLiteral("aiops-models"));
    QVERIFY(endpoint && bucket);

    // An endpoint without a bucket, or a non-http endpoint, cannot be saved; the reason is shown.
    QTest::keyClicks(endpoint, QStringLiteral("ftp://minio"));
    QVERIFY(!dialog.isValid());
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
    endpoint->clear();
    QTest::keyClicks(endpoint, QStringLiteral("http://minio.local:9000"));
    QVERIFY(!dialog.isValid());
    QTest::keyClicks(bucket, QStringLiteral("aiops-models"));
    QVERIFY(dialog.isValid());
    QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());

    // Keys are typed into password/plain fields but never end up in the settings struct.
    auto* access = dialog.findChild<QLineEdit*>(QStringLiteral("s3AccessKey"));
    auto* secret = dialog.findChild<QLineEdit*>(QStringLiteral("s3SecretKey"));
    QVERIFY(access && secret);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QTest::keyClicks(access, QStringLiteral("AKIDEXAMPLE"));
    QTest::keyClicks(secret, QStringLiteral("wJalrXUtnFEMI"));
    QCOMPARE(dialog.s3AccessKeyId(), QStringLiteral("AKIDEXAMPLE"));
    QCOMPARE(dialog.s3SecretAccessKey(), QStringLiteral("wJalrXUtnFEMI"));
    const ConsoleSettings s = dialog.settings();
    QCOMPARE(s.s3Endpoint, QStringLiteral("http://minio.local:9000"));
    QCOMPARE(s.s3Bucket, QStringLiteral("aiops-models"));
    QCOMPARE(s.s3Region, QStringLiteral("us-east-1"));
    QVERIFY(dialog.grab().save(QDir(QStringLiteral(AIOPS_BUILD_DIR)).filePath(QStringLiteral("settings-storage.png"))));
}

QTEST_MAIN(TestSettingsDialog)
#include "test_settings_dialog.moc"
