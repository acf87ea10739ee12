#include "core/iam/SecretStore.h"
#include "models/RemoteSession.h"
#include "tests/support/FakeControllerServer.h"
#include "widgets/LoginDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using aiops::models::RemoteSession;
using aiops::testing::FakeControllerServer;
using aiops::widgets::LoginDialog;

class TestLoginDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void startsEmptyWithLabelledFields();
    void offersRecentControllers();
    void validatesBeforeSending_data();
    void validatesBeforeSending();
    void wrongPasswordIsShownInline();
    void lockoutSaysHowLongToWait();
    void lockoutMessageRoundsUpToMinutes_data();
    void lockoutMessageRoundsUpToMinutes();
    void enterSignsInAndRemembers();
    void withoutRememberMeNoTokenIsKept();
    void unreachableControllerIsExplained();
    void busyWhileWaitingAndEscCancels();
    void untrustedCertificateCanBeTrusted();
    void warnsAboutPlainHttpToOtherHosts();

private:
    std::unique_ptr<LoginDialog> makeDialog();
    void fill(LoginDialog& dialog, const QString& url, const QString& user, const QString& password);
    QString screenshotPath(const QString& name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<aiops::iam::SecretStore> m_secrets;
    std::unique_ptr<FakeControllerServer> m_server;
};

void TestLoginDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
    m_secrets = aiops::iam::makeMemorySecretStore();
    m_server = std::make_unique<FakeControllerServer>();
    QVERIFY(m_server->listen());
}

void TestLoginDialog::cleanup()
{
    m_server.reset();
    m_settings.reset();
    m_secrets.reset();
    m_dir.reset();
}

std::unique_ptr<LoginDialog> TestLoginDialog::makeDialog()
{
    return std::make_unique<LoginDialog>(m_secrets.get(), m_settings.get());
}

void TestLoginDialog::fill(LoginDialog& dialog, const QString& url, const QString& user, const QString& password)
{
    dialog.setControllerUrl(url);
    dialog.usernameEdit()->setText(user);
    dialog.passwordEdit()->setText(password);
}

QString TestLoginDialog::screenshotPath(const QString& name) const
{
    return QDir(QStringLiteral(AIOPS_BUILD_DIR)).filePath(name);
}

void TestLoginDialog::startsEmptyWithLabelledFields()
{
    auto dialog = makeDialog();
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    QVERIFY(dialog->urlCombo()->currentText().isEmpty());
    QVERIFY(dialog->urlCombo()->hasFocus() || dialog->urlCombo()->lineEdit()->hasFocus());
    QCOMPARE(dialog->passwordEdit()->echoMode(), QLineEdit::Password);
    QVERIFY(!dialog->rememberCheck()->isChecked());
    QVERIFY(dialog->rememberCheck()->isEnabled());
    QVERIFY(dialog->rememberCheck()->text().contains(u'&'));
    QVERIFY(!dialog->isShowingError());
    QVERIFY(dialog->busyIndicator()->isHidden());
    QVERIFY(dialog->signInButton()->isDefault());
    // Every field has a label with a mnemonic pointing at it.
    const QList<QWidget*> fields { dialog->urlCombo(), dialog->usernameEdit(), dialog->passwordEdit() };
    for (QWidget* field : fields) {
        bool labelled = false;
        for (QLabel* label : dialog->findChildren<QLabel*>()) {
            if (label->buddy() == field && label->text().contains(u'&'))
                labelled = true;
        }
        QVERIFY2(labelled, qPrintable(field->accessibleName()));
    }
    QVERIFY(dialog->grab().save(screenshotPath(QStringLiteral("login-empty.png"))));

    LoginDialog noKeychain(nullptr, m_settings.get());
    QVERIFY(!noKeychain.rememberCheck()->isEnabled());
}

void TestLoginDialog::offersRecentControllers()
{
    m_settings->setValue(
        QStringLiteral("remote/recentControllers"),
        QStringList { QStringLiteral("https://a.example.org:8750"), QStringLiteral("http://127.0.0.1:8750") });
    m_settings->setValue(QStringLiteral("remote/lastUsername"), QStringLiteral("alice"));
    auto dialog = makeDialog();
    QCOMPARE(dialog->urlCombo()->count(), 2);
    QCOMPARE(dialog->urlCombo()->currentText(), QStringLiteral("https://a.example.org:8750"));
    QCOMPARE(dialog->urlCombo()->itemText(1), QStringLiteral("http://127.0.0.1:8750"));
    QCOMPARE(dialog->usernameEdit()->text(), QStringLiteral("alice"));
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    QVERIFY(dialog->passwordEdit()->hasFocus()); // only the password is left to type
    QCOMPARE(LoginDialog::recentControllers(*m_settings).size(), 2);
}

void TestLoginDialog::validatesBeforeSending_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("error");
    QTest::newRow("no url") << QString() << QStringLiteral("alice") << QStringLiteral("pw")
                            << QStringLiteral("Enter the controller's address.");
    QTest::newRow("bad scheme") << QStringLiteral("ftp://h") << QStringLiteral("alice") << QStringLiteral("pw")
                                << QStringLiteral("The address must start with http:// or https://.");
    QTest::newRow("no user") << QStringLiteral("127.0.0.1:1") << QStringLiteral("  ") << QStringLiteral("pw")
                             << QStringLiteral("Enter your user name.");
    QTest::newRow("no password") << QStringLiteral("127.0.0.1:1") << QStringLiteral("alice") << QString()
                                 << QStringLiteral("Enter your password.");
}

void TestLoginDialog::validatesBeforeSending()
{
    QFETCH(QString, url);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, error);
    auto dialog = makeDialog();
    fill(*dialog, url, user, password);
    dialog->signInButton()->click();
    QVERIFY(dialog->isShowingError());
    QCOMPARE(dialog->errorText(), error);
    QVERIFY(!dialog->isBusy());
    QVERIFY(!dialog->session());
}

void TestLoginDialog::wrongPasswordIsShownInline()
{
    auto dialog = makeDialog();
    dialog->show();
    fill(*dialog, m_server->url().toString(), QStringLiteral("alice"), QStringLiteral("nope"));
    dialog->signInButton()->click();
    QTRY_VERIFY(dialog->isShowingError());
    QCOMPARE(dialog->errorText(), QStringLiteral("Wrong user name or password."));
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isBusy());
    QVERIFY(dialog->passwordEdit()->hasFocus());
    QCOMPARE(dialog->passwordEdit()->selectedText(), QStringLiteral("nope"));
    QVERIFY(!m_secrets->read(RemoteSession::secretKey(m_server->url())));
}

void TestLoginDialog::lockoutSaysHowLongToWait()
{
    m_server->setLockoutSeconds(14 * 60);
    auto dialog = makeDialog();
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    fill(*dialog, m_server->url().toString(), QStringLiteral("alice"), QStringLiteral("nope"));
    for (int i = 0; i < 6; ++i) {
        dialog->signInButton()->click();
        QTRY_VERIFY(!dialog->isBusy());
    }
    QCOMPARE(m_server->loginAttempts(), 6);
    QCOMPARE(dialog->errorText(), QStringLiteral("Too many attempts; try again in 14 minutes."));
    QVERIFY(dialog->grab().save(screenshotPath(QStringLiteral("login-lockout.png"))));
}

void TestLoginDialog::lockoutMessageRoundsUpToMinutes_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown") << 0 << QStringLiteral("Too many attempts; try again later.");
    QTest::newRow("seconds") << 20 << QStringLiteral("Too many attempts; try again in 1 minute.");
    QTest::newRow("exact") << 900 << QStringLiteral("Too many attempts; try again in 15 minutes.");
    QTest::newRow("round up") << 61 << QStringLiteral("Too many attempts; try again in 2 minutes.");
}

void TestLoginDialog::lockoutMessageRoundsUpToMinutes()
{
    QFETCH(int, seconds);
    QFETCH(QString, message);
    QCOMPARE(LoginDialog::lockoutMessage(seconds), message);
}

void TestLoginDialog::enterSignsInAndRemembers()
{
    auto dialog = makeDialog();
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    QSignalSpy accepted(dialog.get(), &QDialog::accepted);
    fill(*dialog, m_server->url().toString() + QStringLiteral("/"), QStringLiteral("alice"), QString());
    dialog->rememberCheck()->setChecked(true);
    dialog->passwordEdit()->setFocus();
    QTest::keyClicks(dialog->passwordEdit(), QStringLiteral("correct-horse"));
    QTest::keyClick(dialog->passwordEdit(), Qt::Key_Return);
    QVERIFY(dialog->isBusy());
    QVERIFY(accepted.wait());
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QVERIFY(dialog->passwordEdit()->text().isEmpty());
    auto session = dialog->takeSession();
    QVERIFY(session);
    QVERIFY(!dialog->session());
    QVERIFY(session->isSignedIn());
    QCOMPARE(session->user().username, QStringLiteral("alice"));
    QCOMPARE(session->controllerUrl(), m_server->url());
    QVERIFY(m_secrets->read(RemoteSession::secretKey(m_server->url())));
    QCOMPARE(LoginDialog::recentControllers(*m_settings), QStringList { m_server->url().toString() });
    QCOMPARE(m_settings->value(QStringLiteral("remote/lastUsername")).toString(), QStringLiteral("alice"));

    // The session outlives the dialog and keeps working.
    dialog.reset();
    bool answered = false;
    session->request(
        "GET", QStringLiteral("/users/me"), std::nullopt, this, [&](const auto& r) { answered = bool(r); });
    QTRY_VERIFY(answered);
}

void TestLoginDialog::withoutRememberMeNoTokenIsKept()
{
    m_settings->setValue(QStringLiteral("remote/recentControllers"),
                         QStringList { QStringLiteral("https://a.example.org:8750") });
    auto dialog = makeDialog();
    fill(*dialog, m_server->url().toString(), QStringLiteral("victor"), QStringLiteral("viewer-pass"));
    QSignalSpy accepted(dialog.get(), &QDialog::accepted);
    dialog->signInButton()->click();
    QVERIFY(accepted.wait());
    QVERIFY(!m_secrets->read(RemoteSession::secretKey(m_server->url())));
    // Most recent first.
    QCOMPARE(LoginDialog::recentControllers(*m_settings),
             (QStringList { m_server->url().toString(), QStringLiteral("https://a.example.org:8750") }));
}

void TestLoginDialog::unreachableControllerIsExplained()
{
    const QUrl url = m_server->url();
    m_server.reset();
    auto dialog = makeDialog();
    fill(*dialog, url.toString(), QStringLiteral("alice"), QStringLiteral("correct-horse"));
    dialog->signInButton()->click();
    QTRY_VERIFY(dialog->isShowingError());
    QVERIFY2(dialog->errorText().startsWith(QStringLiteral("Cannot reach 127.0.0.1:%1").arg(url.port())),
             qPrintable(dialog->errorText()));
    QVERIFY(dialog->trustButton()->isHidden());
    QVERIFY(LoginDialog::recentControllers(*m_settings).isEmpty());
}

void TestLoginDialog::busyWhileWaitingAndEscCancels()
{
    // Accepts connections and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    auto dialog = makeDialog();
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    fill(*dialog,
         QStringLiteral("127.0.0.1:%1").arg(silent.serverPort()),
         QStringLiteral("alice"),
         QStringLiteral("correct-horse"));
    dialog->signInButton()->click();
    QVERIFY(dialog->isBusy());
    QVERIFY(dialog->busyIndicator()->isVisible());
    QVERIFY(!dialog->signInButton()->isEnabled());
    QCOMPARE(dialog->signInButton()->text(), QStringLiteral("Signing in…"));
    QVERIFY(!dialog->passwordEdit()->isEnabled());
    QTRY_VERIFY(silent.hasPendingConnections());
    QTest::qWait(50);
    QVERIFY(dialog->grab().save(screenshotPath(QStringLiteral("login-busy.png"))));

    QSignalSpy rejected(dialog.get(), &QDialog::rejected);
    QTest::keyClick(dialog.get(), Qt::Key_Escape);
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!dialog->isVisible());
    QVERIFY(!dialog->session());
    QVERIFY(!dialog->isBusy());
}

void TestLoginDialog::untrustedCertificateCanBeTrusted()
{
    FakeControllerServer tlsServer;
    QVERIFY(tlsServer.listen(true));
    auto dialog = makeDialog();
    dialog->show();
    fill(*dialog, tlsServer.url().toString(), QStringLiteral("alice"), QStringLiteral("correct-horse"));
    dialog->signInButton()->click();
    QTRY_VERIFY(dialog->isShowingError());
    QVERIFY2(dialog->errorText().startsWith(QStringLiteral("The controller's certificate is not trusted:")),
             qPrintable(dialog->errorText()));
    const QString fingerprint = QString::fromLatin1(
        FakeControllerServer::certificate().digest(QCryptographicHash::Sha256).toHex().toUpper().left(8));
    QVERIFY2(dialog->errorText().contains(fingerprint.left(2) + u':' + fingerprint.mid(2, 2)),
             qPrintable(dialog->errorText()));
    QVERIFY(dialog->trustButton()->isVisible());
    QCOMPARE(tlsServer.loginAttempts(), 0);
    QVERIFY(dialog->grab().save(screenshotPath(QStringLiteral("login-tls.png"))));

    QSignalSpy accepted(dialog.get(), &QDialog::accepted);
    dialog->trustButton()->click();
    QVERIFY(accepted.wait());
    QCOMPARE(tlsServer.loginAttempts(), 1);
    QCOMPARE(LoginDialog::pinnedCertificate(*m_settings, tlsServer.url()), FakeControllerServer::certificate());
    QVERIFY(LoginDialog::pinnedCertificate(*m_settings, QUrl(QStringLiteral("https://other:1"))).isNull());
}

void TestLoginDialog::warnsAboutPlainHttpToOtherHosts()
{
    auto dialog = makeDialog();
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    auto* warning = [&]() -> QLabel* {
        for (QLabel* label : dialog->findChildren<QLabel*>()) {
            if (label->text().startsWith(QStringLiteral("Not encrypted")))
                return label;
        }
        return nullptr;
    }();
    QVERIFY(warning);
    dialog->setControllerUrl(QStringLiteral("http://10.0.0.5:8750"));
    QVERIFY(warning->isVisible());
    dialog->setControllerUrl(QStringLiteral("https://10.0.0.5:8750"));
    QVERIFY(!warning->isVisible());
    dialog->setControllerUrl(QStringLiteral("http://127.0.0.1:8750"));
    QVERIFY(!warning->isVisible());
    dialog->setControllerUrl(QStringLiteral("10.0.0.5:8750")); // becomes https
    QVERIFY(!warning->isVisible());
}

QTEST_MAIN(TestLoginDialog)
#include "test_login_dialog.moc"
