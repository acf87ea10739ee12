// The real aiops-console, offscreen, in local single-node mode with its own data and configuration
// directories. A first run prints the port it picked, starts its local aiops-node (which registers:
// GET /nodes shows one online local node, heartbeating at the interval from the console's settings)
// without the token on the node's command line, and takes the node with it when it dies. A second run
// with --screenshot writes the main window to <build>/console-live.png and quits cleanly.
#include "core/iam/SecretStore.h"
#include "widgets/ConsoleSettings.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <optional>

using aiops::widgets::ConsoleSettings;

namespace {

// Generous: the suite runs on loaded two-core machines.
constexpr int kTimeoutMs = 30000;
constexpr int kHeartbeatIntervalMs = 500;

QByteArray procFile(qint64 pid, const QString& name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// "pid (comm) state ppid ...": the fields after the last ')'.
QList<QByteArray> statFields(qint64 pid)
{
    const QByteArray stat = procFile(pid, QStringLiteral("stat"));
    const qsizetype end = stat.lastIndexOf(')');
    if (end < 0)
        return {};
    return stat.mid(end + 2).split(' ');
}

QList<qint64> childrenOf(qint64 parent)
{
    QList<qint64> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok)
            continue;
        const auto fields = statFields(pid);
        if (fields.size() > 1 && fields.at(1).toLongLong() == parent)
            children.append(pid);
    }
    return children;
}

// Gone, or a zombie that nobody has reaped yet (containers often run no init).
bool processEnded(qint64 pid)
{
    const auto fields = statFields(pid);
    return fields.isEmpty() || fields.first() == "Z" || fields.first() == "X";
}

struct HttpResult
{
    int status = 0;
    QJsonObject json;
};

QByteArray login(int port, const QString& username, const QString& password)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/auth/login").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = nam.post(request,
                                    QJsonDocument(QJsonObject { { QStringLiteral("username"), username },
                                                                { QStringLiteral("password"), password } })
                                        .toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray token
        = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("accessToken")).toString().toUtf8();
    delete reply;
    return token;
}

HttpResult httpGet(const QString& url, const QByteArray& token)
{
    static QNetworkAccessManager* nam = new QNetworkAccessManager;
    QNetworkRequest request { QUrl(url) };
    request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply* reply = nam->get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return result;
}

} // namespace

class ConsoleAppTest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_environment;
    QByteArray m_stdout;

    QString dataDir() const { return m_dir.filePath(QStringLiteral("data")); }

    std::unique_ptr<QProcess> startConsole(const QStringList& extraArguments)
    {
        auto console = std::make_unique<QProcess>();
        console->setProgram(QStringLiteral(AIOPS_CONSOLE_BIN));
        console->setArguments(
            QStringList { QStringLiteral("--data-dir"), dataDir(), QStringLiteral("--port"), QStringLiteral("0") }
            + extraArguments);
        console->setProcessEnvironment(m_environment);
        console->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_stdout.clear();
        connect(console.get(), &QProcess::readyReadStandardOutput, this, [this, p = console.get()] {
            m_stdout += p->readAllStandardOutput();
        });
        console->start();
        return console;
    }

    // The port from "aiops-console: controller listening on 127.0.0.1:<port>", or 0.
    int listeningPort() const
    {
        static const QRegularExpression line(QStringLiteral("controller listening on 127\\.0\\.0\\.1:(\\d+)\\n"));
        const auto match = line.match(QString::fromUtf8(m_stdout));
        return match.hasMatch() ? match.captured(1).toInt() : 0;
    }

    // The only node of GET /nodes when it is online; otherwise nothing.
    static std::optional<QJsonObject> onlineNode(int port, const QByteArray& token)
    {
        const auto result = httpGet(QStringLiteral("http://127.0.0.1:%1/nodes").arg(port), token);
        const QJsonArray nodes = result.json.value(QStringLiteral("nodes")).toArray();
        if (result.status != 200 || nodes.size() != 1)
            return std::nullopt;
        const QJsonObject node = nodes.first().toObject();
        if (node.value(QStringLiteral("status")).toString() != u"online")
            return std::nullopt;
        return node;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFileInfo(QStringLiteral(AIOPS_CONSOLE_BIN)).isExecutable());
        QVERIFY(QFileInfo(QStringLiteral(AIOPS_NODE_BIN)).isExecutable());
        // A home of its own: the console's QSettings, and anything else it writes, stay in the test.
        const QString home = m_dir.filePath(QStringLiteral("home"));
        const QString config = home + QStringLiteral("/.config");
        const QString runtime = m_dir.filePath(QStringLiteral("runtime"));
        QVERIFY(QDir().mkpath(config));
        QVERIFY(QDir().mkpath(runtime));
        QVERIFY(
            QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
        m_environment = QProcessEnvironment::systemEnvironment();
        m_environment.insert(QStringLiteral("HOME"), home);
        m_environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
        m_environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
        m_environment.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
        m_environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        m_environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // No keychain daemon here: the console keeps its secrets in a 0600 file in its data directory.
        m_environment.insert(QStringLiteral("AIOPS_SECRET_STORE"), QStringLiteral("file"));
        m_environment.remove(QStringLiteral("AIOPS_NODE_TOKEN"));

        // The settings the console reads at start-up (organisation "AIOps", application "AIOps Console").
        QSettings settings(config + QStringLiteral("/AIOps/AIOps Console.conf"), QSettings::IniFormat);
        ConsoleSettings stored;
        stored.heartbeatIntervalMs = kHeartbeatIntervalMs;
        stored.save(settings);
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
    }

    void localNodeRegisters()
    {
        auto console = startConsole({});
        QVERIFY2(console->waitForStarted(kTimeoutMs), qPrintable(console->errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(listeningPort() > 0 || console->state() == QProcess::NotRunning, kTimeoutMs);
        const int port = listeningPort();
        QVERIFY2(port > 0, m_stdout.constData());

        // The console created its owner account; its password is in the 0600 secret file, and a
        // script signs in with it like any REST client.
        const QString secretsPath = QDir(dataDir()).filePath(QStringLiteral("secrets.json"));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(secretsPath), kTimeoutMs);
        QCOMPARE(QFileInfo(secretsPath).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        const auto secrets = aiops::iam::makeFileSecretStore(secretsPath);
        const auto password = secrets->read(QStringLiteral("owner-password"));
        QVERIFY(password.has_value());
        const QByteArray token = login(port, QStringLiteral("owner"), QString::fromUtf8(*password));
        QVERIFY(token.size() >= 32);

        // The local node registers.
        std::optional<QJsonObject> node;
        QTRY_VERIFY_WITH_TIMEOUT((node = onlineNode(port, token)).has_value(), kTimeoutMs);
        QVERIFY(node->value(QStringLiteral("isLocal")).toBool());
        QVERIFY(node->value(QStringLiteral("websocketConnected")).toBool());
        QVERIFY(node->value(QStringLiteral("nodeId")).toString().startsWith(QStringLiteral("node-")));
        // It heartbeats at the console's configured interval, not the daemon's default.
        QCOMPARE(node->value(QStringLiteral("config")).toObject().value(QStringLiteral("heartbeatIntervalMs")).toInt(),
                 kHeartbeatIntervalMs);
        const QString nodeId = node->value(QStringLiteral("nodeId")).toString();

        // The node is the console's child, runs the aiops-node of this build, and has no token on its
        // command line.
        const QList<qint64> children = childrenOf(console->processId());
        QCOMPARE(children.size(), 1);
        const qint64 nodePid = children.first();
        QCOMPARE(QFileInfo(QStringLiteral("/proc/%1/exe").arg(nodePid)).canonicalFilePath(),
                 QFileInfo(QStringLiteral(AIOPS_NODE_BIN)).canonicalFilePath());
        const QByteArray cmdline = procFile(nodePid, QStringLiteral("cmdline"));
        QVERIFY2(cmdline.contains("--local"), cmdline.constData());
        QVERIFY2(!cmdline.contains("aiops_et_") && !cmdline.contains("--token"),
                 "the node token is on the local node's command line");
        // It enrolled: its own credential is in its work dir, readable by this user only.
        const QString credential = QDir(dataDir()).filePath(QStringLiteral("local-node/node-credential"));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(credential), kTimeoutMs);
        QCOMPARE(QFileInfo(credential).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());

        // Heartbeats arrive: history over REST grows.
        QTRY_VERIFY_WITH_TIMEOUT(
            httpGet(QStringLiteral("http://127.0.0.1:%1/nodes/%2/metrics").arg(port).arg(nodeId), token)
                    .json.value(QStringLiteral("history"))
                    .toObject()
                    .value(QStringLiteral("node"))
                    .toArray()
                    .size()
                >= 2,
            kTimeoutMs);

        // The console dies without stopping its child: the kernel still takes the node down.
        console->kill();
        QVERIFY(console->waitForFinished(kTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(processEnded(nodePid), kTimeoutMs);
    }

    void sigtermQuitsCleanly()
    {
        auto console = startConsole({});
        QVERIFY2(console->waitForStarted(kTimeoutMs), qPrintable(console->errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(
            childrenOf(console->processId()).size() == 1 || console->state() == QProcess::NotRunning, kTimeoutMs);
        const QList<qint64> children = childrenOf(console->processId());
        QCOMPARE(children.size(), 1);

        // SIGTERM goes through the event loop: the console stops its node and exits with 0.
        console->terminate();
        QVERIFY(console->waitForFinished(kTimeoutMs));
        QCOMPARE(console->exitStatus(), QProcess::NormalExit);
        QCOMPARE(console->exitCode(), 0);
        QVERIFY(processEnded(children.first()));
    }

    void screenshotShowsTheConsole()
    {
        const QString path = QDir(QStringLiteral(AIOPS_BUILD_DIR)).filePath(QStringLiteral("console-live.png"));
        QFile::remove(path);
        QVERIFY(!QFileInfo::exists(path));

        auto console = startConsole({ QStringLiteral("--screenshot"), path });
        QVERIFY2(console->waitForStarted(kTimeoutMs), qPrintable(console->errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(listeningPort() > 0 || console->state() == QProcess::NotRunning, kTimeoutMs);
        QVERIFY2(listeningPort() > 0, m_stdout.constData());
        QTRY_VERIFY_WITH_TIMEOUT(
            childrenOf(console->processId()).size() == 1 || console->state() == QProcess::NotRunning, kTimeoutMs);
        const QList<qint64> children = childrenOf(console->processId());
        QCOMPARE(children.size(), 1); // the local node runs while the console is up

        QVERIFY(console->waitForFinished(kTimeoutMs + 2 * 3000));
        QCOMPARE(console->exitStatus(), QProcess::NormalExit);
        QCOMPARE(console->exitCode(), 0);
        // On the way out the console stopped its node rather than leaving it behind.
        QVERIFY(processEnded(children.first()));

        QImage shot(path);
        QVERIFY2(!shot.isNull(), qPrintable(path));
        QVERIFY2(shot.width() >= 800 && shot.height() >= 500,
                 qPrintable(QStringLiteral("%1x%2").arg(shot.width()).arg(shot.height())));
        qInfo("screenshot: %s", qPrintable(path));
    }
};

QTEST_GUILESS_MAIN(ConsoleAppTest)
#include "ConsoleAppTest.moc"
