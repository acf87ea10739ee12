#include "tests/support/FakeNodeService.h"
#include "widgets/AddNodeDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLineEdit>
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
};

void TestAddNodeDialog::commandContainsEndpointTokenAndName()
{
    FakeNodeService service;
    service.setEndpoint(QStringLiteral("ws://10.0.0.5:8750/ws/node"), QStringLiteral("tok-3f9c1e"));
    AddNodeDialog dialog(&service);
    dialog.nameEdit()->setText(QStringLiteral("gpu-box"));
    const QString command = dialog.command();
    QVERIFY(command.contains(QStringLiteral("--controller ws://10.0.0.5:8750/ws/node")));
    QVERIFY(command.contains(QStringLiteral("--token tok-3f9c1e")));
    QCOMPARE(command,
             QStringLiteral("aiops-node --controller ws://10.0.0.5:8750/ws/node --token tok-3f9c1e --name gpu-box"));
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

QTEST_MAIN(TestAddNodeDialog)
#include "test_add_node_dialog.moc"
