// Seed 004 DEBUG_REDACTED_MODE: secrets written through qInfo/qWarning from several threads never
// reach the log file, and with redaction off they do (so the greps below can fail).
#include "core/safety/PiiEngine.h"
#include "core/safety/RedactingLogHandler.h"

#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace aiops;
using namespace Qt::StringLiterals;
using safety::RedactingLogHandler;

namespace {

Q_LOGGING_CATEGORY(lcTest, "aiops.test.secrets")

const QString Card = QStringLiteral("4111 1111 1111 1111");
const QString Email = QStringLiteral("alice.nguyen@example.com");
const QString BearerValue = QStringLiteral("eyJhbGciOi.J9x_Y-z");
const QString Password = QStringLiteral("hunter2hunter2");
const QString HomeFile = QStringLiteral("/home/alice/secret.txt");

QString randomHex64()
{
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::global()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(raw.toHex());
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The message handler QTest had before a test replaced it, restored after each test.
QtMessageHandler g_testHandler = nullptr;
QStringList g_captured;

void capture(QtMsgType, const QMessageLogContext&, const QString& message)
{
    g_captured.append(message);
}

} // namespace

class RedactedLoggingTest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_log;

    void install(bool redact)
    {
        RedactingLogHandler::Options options;
        options.logFilePath = m_log;
        options.writeToStderr = false;
        options.redact = redact;
        const auto installed = RedactingLogHandler::install(options);
        QVERIFY2(installed.has_value(), qPrintable(installed ? QString() : installed.error().message));
    }

    // Two threads log every secret through qInfo, qWarning and a category, interleaved.
    void logSecretsFromTwoThreads(const QString& hex, int linesPerThread)
    {
        const auto writer = [&](int thread) {
            for (int i = 0; i < linesPerThread; ++i) {
                qInfo("thread %d line %d: paid with card %s", thread, i, qUtf8Printable(Card));
                qWarning() << "mail to" << Email << "Authorization: Bearer" << BearerValue;
                qCInfo(lcTest).noquote() << "enrollment token" << hex << "--token" << hex
                                         << QStringLiteral("password=") + Password;
                qInfo().noquote() << "opened" << HomeFile << "and /root/.ssh/id_ed25519";
            }
        };
        std::thread a(writer, 1);
        std::thread b(writer, 2);
        a.join();
        b.join();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_log = m_dir.filePath(QStringLiteral("logs/aiops-%1.log").arg(QRandomGenerator::global()->generate()));
        g_captured.clear();
    }
    void cleanup() { RedactingLogHandler::uninstall(); }

    void logFileHoldsNoRawSecrets()
    {
        install(true);
        const QString hex = randomHex64();
        const int linesPerThread = 50;
        logSecretsFromTwoThreads(hex, linesPerThread);
        RedactingLogHandler::uninstall();

        const QByteArray log = readAll(m_log);
        const QList<QByteArray> lines = log.trimmed().split('\n');
        QCOMPARE(lines.size(), 2 * linesPerThread * 4); // none lost, none merged
        static const QRegularExpression shape(QStringLiteral(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (debug|info|warning|critical) [\\w.]+: .+$"));
        for (const QByteArray& line : lines)
            QVERIFY2(shape.match(QString::fromUtf8(line)).hasMatch(), line.constData());

        for (const QString& raw : { Card,
                                    QStringLiteral("4111"),
                                    Email,
                                    QStringLiteral("alice.nguyen"),
                                    BearerValue,
                                    hex,
                                    Password,
                                    HomeFile,
                                    QStringLiteral("/home/alice"),
                                    QStringLiteral("/root/") })
            QVERIFY2(!log.contains(raw.toUtf8()), qPrintable(QStringLiteral("raw %1 in the log").arg(raw)));

        // What is left says what was there.
        QVERIFY(log.contains("Authorization: Bearer \"***\"")); // qWarning() quotes strings
        QVERIFY(log.contains("password=***"));
        QVERIFY(log.contains("--token ***"));
        QVERIFY(log.contains("~/secret.txt"));
        QVERIFY(log.contains("~/.ssh/id_ed25519"));
        QVERIFY(log.contains("paid with card ****"));
        QVERIFY(log.contains(" warning default: mail to "));
        QVERIFY(log.contains(" info aiops.test.secrets: enrollment token "));
        QVERIFY(log.contains("thread 1 line 49") && log.contains("thread 2 line 49"));
    }

    void redactionOffWritesRawValues()
    {
        install(false);
        QVERIFY(!RedactingLogHandler::redactionEnabled());
        const QString hex = randomHex64();
        logSecretsFromTwoThreads(hex, 1);
        RedactingLogHandler::uninstall();

        const QByteArray log = readAll(m_log);
        QVERIFY(log.contains("DEBUG_REDACTED_MODE is off")); // the operator is told
        QVERIFY(log.contains(Card.toUtf8()));
        QVERIFY(log.contains(Email.toUtf8()));
        QVERIFY(log.contains(hex.toUtf8()));
        QVERIFY(log.contains(HomeFile.toUtf8()));
    }

    void setterSwitchesAtRuntime()
    {
        install(true);
        qInfo().noquote() << "first" << Email;
        RedactingLogHandler::setRedactionEnabled(false);
        qInfo().noquote() << "second" << Email;
        RedactingLogHandler::setRedactionEnabled(true);
        qInfo().noquote() << "third" << Email;
        RedactingLogHandler::uninstall();

        const QList<QByteArray> lines = readAll(m_log).trimmed().split('\n');
        QCOMPARE(lines.size(), 4); // three lines and the warning
        QVERIFY(!lines[0].contains(Email.toUtf8()));
        QVERIFY(lines[1].contains("DEBUG_REDACTED_MODE is off"));
        QVERIFY(lines[2].contains(Email.toUtf8()));
        QVERIFY(!lines[3].contains(Email.toUtf8()));
    }

    void environmentDecidesTheDefault_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("enabled");
        QTest::newRow("unset") << QByteArray() << true;
        QTest::newRow("True (seed 004)") << QByteArray("True") << true;
        QTest::newRow("1") << QByteArray("1") << true;
        QTest::newRow("0") << QByteArray("0") << false;
        QTest::newRow("False") << QByteArray("False") << false;
        QTest::newRow("off") << QByteArray("off") << false;
        QTest::newRow("no") << QByteArray(" no ") << false;
    }
    void environmentDecidesTheDefault()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, enabled);
        const QByteArray saved = qgetenv("DEBUG_REDACTED_MODE");
        if (value.isNull())
            qunsetenv("DEBUG_REDACTED_MODE");
        else
            qputenv("DEBUG_REDACTED_MODE", value);
        QCOMPARE(RedactingLogHandler::redactionEnabledByEnvironment(), enabled);
        RedactingLogHandler::Options options;
        options.logFilePath = m_log;
        options.writeToStderr = false;
        QVERIFY(RedactingLogHandler::install(options).has_value());
        QCOMPARE(RedactingLogHandler::redactionEnabled(), enabled);
        qInfo().noquote() << "value" << Email;
        RedactingLogHandler::uninstall();
        QCOMPARE(readAll(m_log).contains(Email.toUtf8()), !enabled);
        if (saved.isNull())
            qunsetenv("DEBUG_REDACTED_MODE");
        else
            qputenv("DEBUG_REDACTED_MODE", saved);
    }

    void masksSecretsAndPaths_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, const QString& input, const QString& expected) {
            QTest::newRow(name) << input << expected;
        };
        row("bearer", u"Authorization: Bearer abc.DEF-123_x="_s, u"Authorization: Bearer ***"_s);
        row("bearer lower case", u"authorization: bearer abc"_s, u"authorization: bearer ***"_s);
        row("bearer quoted by qDebug", u"Authorization: Bearer \"abc\""_s, u"Authorization: Bearer \"***\""_s);
        row("query token", u"GET /ws?token=abc123&x=1"_s, u"GET /ws?token=***&x=1"_s);
        row("prefixed key", u"node_token=abc api_key: xyz"_s, u"node_token=*** api_key: ***"_s);
        row("json password", u"{\"password\":\"p@ss\"}"_s, u"{\"password\":\"***\"}"_s);
        row("cli token", u"aiops-node --token abc --name n"_s, u"aiops-node --token *** --name n"_s);
        row("cli api key", u"--api-key=abc"_s, u"--api-key=***"_s);
        row("token file is a path, not a secret", u"--token-file /etc/aiops/t"_s, u"--token-file /etc/aiops/t"_s);
        row("url credentials", u"ws://admin:pw@host:8750/ws/node"_s, u"ws://admin:***@host:8750/ws/node"_s);
        row("64 hex", u"token "_s + QString(64, u'a') + u" ok"_s, u"token *** ok"_s);
        row("63 hex is not a token", QString(63, u'a'), QString(63, u'a'));
        row("home path", u"read /home/alice/secret.txt"_s, u"read ~/secret.txt"_s);
        row("home dir itself", u"cd /home/bob"_s, u"cd ~"_s);
        row("root home", u"key /root/.ssh/id_rsa"_s, u"key ~/.ssh/id_rsa"_s);
        row("macOS home", u"/Users/carol/Library"_s, u"~/Library"_s);
        row("windows home", u"C:\\Users\\dave\\x.txt"_s, u"~\\x.txt"_s);
        row("not a home path", u"/homework/a /var/home"_s, u"/homework/a /var/home"_s);
        row("token counts stay (seed 004)",
            u"prompt_tokens=1250 completion_tokens=800"_s,
            u"prompt_tokens=1250 completion_tokens=800"_s);
        row("tokenizer stays", u"tokenizer=llama"_s, u"tokenizer=llama"_s);
        row("plain prose stays", u"the token expired"_s, u"the token expired"_s);
    }
    void masksSecretsAndPaths()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(RedactingLogHandler::maskSecrets(input), expected);
    }

    void piiEngineMasksWhatItFinds()
    {
        safety::PiiEngine engine { safety::PiiEngine::Options {} };
        QVERIFY(engine.setPatterns(safety::PiiEngine::defaultPatterns()).has_value());
        const QString out = RedactingLogHandler::redact(QStringLiteral("card %1, mail %2").arg(Card, Email), &engine);
        QVERIFY2(!out.contains(Card) && !out.contains(Email), qPrintable(out));
        QCOMPARE(out.size(), QStringLiteral("card %1, mail %2").arg(Card, Email).size()); // masks keep the length
        QVERIFY(out.startsWith(QStringLiteral("card *")));
    }

    void suppliedEngineAddsOperatorPatterns()
    {
        safety::PiiPattern employee;
        employee.patternId = QStringLiteral("emp");
        employee.name = QStringLiteral("Employee");
        employee.category = QStringLiteral("identity");
        employee.regex = QStringLiteral("EMP-[0-9]{6}");
        employee.redactionMethod = QStringLiteral("token"); // logs mask whatever the method
        safety::PiiEngine engine { safety::PiiEngine::Options {} };
        QVERIFY(engine.setPatterns({ employee }).has_value());

        install(true);
        qInfo("default engine EMP-123456");
        RedactingLogHandler::setEngine(&engine);
        qInfo("operator engine EMP-123456");
        RedactingLogHandler::setEngine(nullptr);
        RedactingLogHandler::uninstall();

        const QByteArray log = readAll(m_log);
        QVERIFY(log.contains("default engine EMP-123456"));
        QVERIFY(log.contains("operator engine **********"));
        QVERIFY(!log.contains("[[PII"));
    }

    void oddInputNeverBreaksTheHandler()
    {
        install(true);
        const QString lone = QString(QChar(0xD800)) + QStringLiteral(" lone surrogate ") + QChar(0xDC00);
        qInfo().noquote() << lone;
        qInfo().noquote() << QString();
        qInfo().noquote() << QString(QChar(0)) + QStringLiteral("nul");
        qWarning().noquote() << QString(3 * 1024 * 1024, u'7'); // longer than the engine takes
        qWarning().noquote() << QStringLiteral("Bearer ") + QString(300 * 1024, u'x');
        qInfo().noquote() << QStringLiteral("a_-").repeated(80000)
                + QStringLiteral("token=zzz"); // no quadratic blow-up
        qInfo("still alive");
        RedactingLogHandler::uninstall();
        const QByteArray log = readAll(m_log);
        QVERIFY(log.contains("lone surrogate"));
        QVERIFY(log.contains("[truncated "));
        QVERIFY(!log.contains("zzz"));
        QVERIFY(log.trimmed().endsWith("still alive"));
    }

    void uninstallRestoresThePreviousHandler()
    {
        g_testHandler = qInstallMessageHandler(capture);
        install(true);
        qInfo("to the file");
        RedactingLogHandler::uninstall();
        QVERIFY(!RedactingLogHandler::isInstalled());
        qInfo("to the previous handler");
        qInstallMessageHandler(g_testHandler);
        QCOMPARE(g_captured, QStringList { QStringLiteral("to the previous handler") });
        QVERIFY(readAll(m_log).contains("to the file"));
        QVERIFY(!readAll(m_log).contains("previous handler"));
    }

    void unwritableLogFileIsAnError()
    {
        RedactingLogHandler::Options options;
        options.logFilePath = QStringLiteral("/proc/aiops-no-such-dir/x.log");
        options.writeToStderr = false;
        QVERIFY(!RedactingLogHandler::install(options).has_value());
        QVERIFY(!RedactingLogHandler::isInstalled());
    }
};

QTEST_GUILESS_MAIN(RedactedLoggingTest)
#include "RedactedLoggingTest.moc"
