#include "core/iam/KeychainSecretStore.h"

#include <QProcess>
#include <QTest>
#include <QUuid>
#include <cstring>

using namespace aiops;
using namespace aiops::iam;
using namespace Qt::StringLiterals;

namespace {

// The child mode of the test binary: reads one key and prints "<ERROR_CODE>\n<message>".
int probeMain(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    KeychainSecretStore store(u"aiops-console-test"_s, std::chrono::seconds(5));
    auto value = store.read(u"probe"_s);
    QTextStream out(stdout);
    if (value)
        out << "OK\n";
    else
        out << value.error().codeName() << '\n' << value.error().message << '\n';
    return 0;
}

} // namespace

// Runs under tests/iam/secrets/run-with-keyring.sh: a private D-Bus session with an unlocked
// gnome-keyring. QTest runs every function from main() before any QCoreApplication::exec(), which
// is the "called before app.exec()" case the store must handle.
class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_service = u"aiops-console-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces); }

    void roundTrip()
    {
        KeychainSecretStore store(m_service);
        QCOMPARE(store.backendName(), u"keychain"_s);
        const QByteArray value("hf_\0\x01\xfe-token", 12);
        auto written = store.write(u"hf-token"_s, value);
        QVERIFY2(written, written ? "" : qPrintable(written.error().message));
        auto read = store.read(u"hf-token"_s);
        QVERIFY2(read, read ? "" : qPrintable(read.error().message));
        QCOMPARE(*read, value);

        QVERIFY(store.write(u"hf-token"_s, "replaced"));
        QCOMPARE(store.read(u"hf-token"_s).value(), QByteArray("replaced"));

        // A second store instance (as after a restart) reads the same entry.
        KeychainSecretStore again(m_service);
        QCOMPARE(again.read(u"hf-token"_s).value(), QByteArray("replaced"));
        QVERIFY(store.remove(u"hf-token"_s));
    }

    void missingEntryIsNotFound()
    {
        KeychainSecretStore store(m_service);
        auto read = store.read(u"never-written"_s);
        QVERIFY(!read);
        QCOMPARE(read.error().code, ErrorCode::NotFound);
        QVERIFY(store.write(u"gone"_s, "x"));
        QVERIFY(store.remove(u"gone"_s));
        QCOMPARE(store.read(u"gone"_s).error().code, ErrorCode::NotFound);
        auto removedAgain = store.remove(u"gone"_s);
        QVERIFY2(removedAgain, removedAgain ? "" : qPrintable(removedAgain.error().message));
    }

    void servicesAreSeparate()
    {
        KeychainSecretStore a(m_service);
        KeychainSecretStore b(m_service + u"-other"_s);
        QVERIFY(a.write(u"owner-password"_s, "a"));
        QCOMPARE(b.read(u"owner-password"_s).error().code, ErrorCode::NotFound);
        QVERIFY(a.remove(u"owner-password"_s));
    }

    void noSessionBusIsUnavailable()
    {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/aiops-test-bus"_s);
        env.remove(u"DISPLAY"_s);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), { u"--probe-keychain"_s });
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitCode(), 0);
        const QStringList lines = QString::fromUtf8(child.readAllStandardOutput()).split(u'\n');
        QVERIFY2(lines.size() >= 2, qPrintable(lines.join(u'|')));
        QCOMPARE(lines.at(0), u"SERVICE_UNAVAILABLE"_s);
        QVERIFY2(lines.at(1).contains(u"keychain is not available"_s), qPrintable(lines.at(1)));
    }

private:
    QString m_service;
};

int main(int argc, char** argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--probe-keychain") == 0)
        return probeMain(argc, argv);
    QCoreApplication app(argc, argv);
    TestKeychainSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestKeychainSecretStore.moc"
