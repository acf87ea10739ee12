#include "tests/support/FakeNodeService.h"
#include "widgets/AddNodeDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

using aiops::testing::FakeNodeService;
using aiops::widgets::AddNodeDialog;

class TestAddNodeDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandContainsEndpointTokenAndName();
    void editingTheNameUpdatesTheCommand();
    void quotesValuesForTheShell_data();
    void quotesValuesForTheShell();
    void copyPutsTheCommandOnTheClipboard();
    void warnsWhenTheControllerIsLoopbackOnly();
    void showsTheOneTimeTokenAndItsExpiry();
    void newTokenIssuesAnother();
    void showsWhyWhenTheTokenIsRefused();
};

void TestAddNodeDialog::commandContainsEndpointTokenAndName()
{
    FakeNodeService service;
    service.setEndpoint(QStringLiteral("ws://10.0.0.5:8750/ws/node"), QStringLiteral("tok-3f9c1e"));
    AddNodeDialog dialog(&service);
    dialog.nameEdit()->setText(QStringLiteral("gpu-box"));
    const QString command = dialog.command();
    QVERIFY(command.contains(QStringLiteral("--controller ws://10.0.0.5:8750/ws/node")));
    QVERIFY(command.contains(QStringLiteral("--token tok-3f9c1e-1")));
    QCOMPARE(command,
             QStringLiteral("aiops-node --controller ws://10.0.0.5:8750/ws/node --token tok-3f9c1e-1 --name gpu-box"));
    QVERIFY(dialog.commandField()->isReadOnly());
    QVERIFY(dialog.commandField()->font().fixedPitch() || dialog.commandField()->font().styleHint() == QFont::Monospace
            || QFontInfo(dialog.commandField()->font()).fixedPitch());
    QVERIFY(!dialog.isShowingLoopbackWarning());
}

void TestAddNodeDialog::editingTheNameUpdatesTheCommand()
{
    FakeNodeService service;
    AddNodeDialog dialog(&service);
    QVERIFY(dialog.command().endsWith(QStringLiteral("--name gpu-node-1")));
    dialog.nameEdit()->clear();
    QTest::keyClicks(dialog.nameEdit(), QStringLiteral("trainer-02"));
    QVERIFY(dialog.command().endsWith(QStringLiteral("--name trainer-02")));
    dialog.nameEdit()->clear();
    QVERIFY(!dialog.command().contains(QStringLiteral("--name")));
}

void TestAddNodeDialog::quotesValuesForTheShell_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expectedTail");
    QTest::newRow("plain") << QStringLiteral("node_01.lab") << QStringLiteral("--name node_01.lab");
    QTest::newRow("space") << QStringLiteral("lab box") << QStringLiteral("--name 'lab box'");
    QTest::newRow("quote") << QStringLiteral("bob's gpu") << QStringLiteral("--name 'bob'\\''s gpu'");
    QTest::newRow("dollar") << QStringLiteral("$(rm)") << QStringLiteral("--name '$(rm)'");
}

void TestAddNodeDialog::quotesValuesForTheShell()
{
    QFETCH(QString, name);
    QFETCH(QString, expectedTail);
    const QString command = AddNodeDialog::commandLine(QStringLiteral("ws://h:1/ws/node"), QStringLiteral("t"), name);
    QVERIFY2(command.endsWith(expectedTail), qPrintable(command));
}

void TestAddNodeDialog::copyPutsTheCommandOnTheClipboard()
{
    FakeNodeService service;
    AddNodeDialog dialog(&service);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(dialog.copyButton(), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), dialog.command());
    QCOMPARE(dialog.copyButton()->text(), QStringLiteral("Copied"));
    QVERIFY(dialog.grab().save(QDir(QStringLiteral(AIOPS_BUILD_DIR)).filePath(QStringLiteral("add-node.png"))));
}

void TestAddNodeDialog::warnsWhenTheControllerIsLoopbackOnly()
{
    FakeNodeService service;
    service.setEndpoint(QStringLiteral("ws://127.0.0.1:8750/ws/node"), QStringLiteral("t"));
    AddNodeDialog dialog(&service);
    QVERIFY(dialog.isShowingLoopbackWarning());
}

void TestAddNodeDialog::showsTheOneTimeTokenAndItsExpiry()
{
    FakeNodeService service;
    AddNodeDialog dialog(&service);
    QCOMPARE(service.issuedEnrollmentTokens(), 1);
    QCOMPARE(dialog.token(), QStringLiteral("enroll-test-token-1"));
    QCOMPARE(dialog.tokenField()->text(), dialog.token());
    QVERIFY(dialog.tokenField()->isReadOnly());
    const QDateTime expires = dialog.expiresAt();
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - 3600) < 60);
    const QString until = QLocale().toString(expires.toLocalTime().time(), QLocale::ShortFormat);
    QVERIFY2(dialog.expiryText().startsWith(QStringLiteral("Valid until %1, single use.").arg(until)),
             qPrintable(dialog.expiryText()));
    QVERIFY(!dialog.isShowingError());
}

void TestAddNodeDialog::newTokenIssuesAnother()
{
    FakeNodeService service;
    AddNodeDialog dialog(&service);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(dialog.newTokenButton(), Qt::LeftButton);
    QCOMPARE(service.issuedEnrollmentTokens(), 2);
    QCOMPARE(dialog.token(), QStringLiteral("enroll-test-token-2"));
    QVERIFY(dialog.command().contains(QStringLiteral("--token enroll-test-token-2")));
}

void TestAddNodeDialog::showsWhyWhenTheTokenIsRefused()
{
    FakeNodeService service;
    service.failNextOperation(aiops::Error { aiops::ErrorCode::Forbidden,
                                             QStringLiteral("Registering and changing GPU nodes needs an owner or "
                                                            "editor role.") });
    AddNodeDialog dialog(&service);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.isShowingError());
    QCOMPARE(
        dialog.errorText(),
        QStringLiteral("You may not add nodes: Registering and changing GPU nodes needs an owner or editor role."));
    QVERIFY(dialog.token().isEmpty());
    QVERIFY(dialog.command().isEmpty());
    QVERIFY(dialog.commandField()->isHidden() || !dialog.commandField()->isVisible());
    QCOMPARE(dialog.newTokenButton()->text(), QStringLiteral("&Try again"));
    QVERIFY(dialog.grab().save(QDir(QStringLiteral(AIOPS_BUILD_DIR)).filePath(QStringLiteral("add-node-denied.png"))));
    QTest::mouseClick(dialog.newTokenButton(), Qt::LeftButton); // the failure was one-off
    QVERIFY(!dialog.isShowingError());
    QVERIFY(dialog.command().contains(QStringLiteral("--token enroll-test-token-1")));
}

QTEST_MAIN(TestAddNodeDialog)
#include "test_add_node_dialog.moc"
