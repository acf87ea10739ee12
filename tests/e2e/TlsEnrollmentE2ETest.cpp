// The real aiops-node against a real TLS controller: it enrolls over wss with a one-time token,
// pins the controller's certificate (trust on first use), keeps its node credential (0600), comes
// back on that credential after a restart, is cut off when the credential is revoked, and a daemon
// whose pin does not match the controller's certificate refuses to connect. Model files reach the
// node's cache over https from the same controller, trusted by its pinned key.
#include "TestPeers.h"
#include "core/controller/Controller.h"
#include "core/controller/NodeService.h"
#include "core/iam/IamService.h"
#include "core/registry/ModelService.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace aiops;
using namespace Qt::StringLiterals;

class TlsEnrollmentE2ETest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<controller::ControllerThread> m_controller;

    QString url() const { return u"wss://127.0.0.1:%1/ws/node"_s.arg(m_controller->port()); }

    std::unique_ptr<QProcess> startNode(const QString& workDir, const QString& token)
    {
        auto p = std::make_unique<QProcess>();
        p->setProgram(QStringLiteral(AIOPS_NODE_BIN));
        QStringList args { u"--controller"_s,         url(),   u"--name"_s,      u"tls-node"_s,
                           u"--work-dir"_s,           workDir, u"--http-port"_s, u"0"_s,
                           u"--heartbeat-interval"_s, u"0.5"_s };
        if (!token.isEmpty())
            args << u"--token"_s << token;
        p->setArguments(args);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start();
        if (!p->waitForStarted(5000))
            qFatal("cannot start aiops-node");
        return p;
    }

    bool nodeOnline(const QString& name) const
    {
        for (const auto& node : m_controller->nodeService()->nodes()) {
            if (node.record.name == name && node.record.status == u"online"_s)
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(u"controller"_s);
        config.heartbeatIntervalMs = 500;
        config.tlsEnabled = true;
        config.fastPasswordHashing = true;
        m_controller = std::make_unique<controller::ControllerThread>(config);
        const auto started = m_controller->start();
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        QCOMPARE(m_controller->tlsFingerprint().size(), 95); // 32 bytes as colon-separated hex
        QVERIFY(m_controller->nodeService()->nodeEndpointUrl().startsWith(u"wss://"_s));

        const QString hub = m_dir.filePath(u"hub"_s);
        QVERIFY(QDir().mkpath(hub));
        QCOMPARE(
            QProcess::execute(
                u"cp"_s,
                { u"-a"_s, QStringLiteral(AIOPS_TEST_DATA_DIR) + u"/hf-cache/models--tiny-org--tiny-qwen2"_s, hub }),
            0);
        m_controller->modelService()->importCache(hub);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->modelService()->models().size(), 1, 20000);
    }

    void cleanupTestCase() { m_controller.reset(); }

    void enrollsPinsAndComesBackOnItsCredential()
    {
        const QString workDir = m_dir.filePath(u"node"_s);
        const QString token = QString::fromUtf8(testing::enrollmentToken(*m_controller));
        QVERIFY(token.startsWith(u"aiops_et_"_s));
        auto node = startNode(workDir, token);
        QTRY_VERIFY_WITH_TIMEOUT(nodeOnline(u"tls-node"_s), 10000);

        // It pinned the controller's certificate and keeps its own credential, both private.
        QFile pins(QDir(workDir).filePath(u"known_controllers"_s));
        QVERIFY(pins.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(pins.readAll()).contains(m_controller->tlsFingerprint()));
        const QString credentialPath = QDir(workDir).filePath(u"node-credential"_s);
        QTRY_VERIFY(QFile::exists(credentialPath));
        QCOMPARE(QFile::permissions(credentialPath) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());
        QFile credentialFile(credentialPath);
        QVERIFY(credentialFile.open(QIODevice::ReadOnly));
        QVERIFY(credentialFile.readAll().startsWith("aiops_nc_"));

        // The token was spent: a restart without it comes back on the credential.
        node->terminate();
        QVERIFY(node->waitForFinished(5000));
        QTRY_VERIFY_WITH_TIMEOUT(!nodeOnline(u"tls-node"_s), 10000);
        auto again = startNode(workDir, {});
        QTRY_VERIFY_WITH_TIMEOUT(nodeOnline(u"tls-node"_s), 10000);

        // The node caches a model over https from the storage route: the self-signed certificate is
        // accepted because its key is the pinned controller's, and the files arrive intact.
        QString nodeId;
        for (const auto& n : m_controller->nodeService()->nodes()) {
            if (n.record.name == u"tls-node"_s)
                nodeId = n.record.nodeId;
        }
        const QString modelId = m_controller->modelService()->models().first().modelId;
        m_controller->nodeService()->cacheModelOnNode(nodeId, modelId);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->nodeService()
                                     ->modelCache(nodeId)
                                     .value_or(controller::NodeModelCacheView {})
                                     .contains(modelId),
                                 20000);
        QFile cached(QDir(workDir).filePath(u"model-cache/models/%1/1.0.0/config.json"_s.arg(modelId)));
        QVERIFY(cached.open(QIODevice::ReadOnly));
        QFile original(QStringLiteral(AIOPS_TEST_DATA_DIR)
                       + u"/hf-cache/models--tiny-org--tiny-qwen2/snapshots/"
                         u"3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f41/config.json"_s);
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(cached.readAll(), original.readAll());

        // Revoking the credential cuts the node off at once, and it says how to re-enroll.
        iam::IamService* iam = m_controller->iamService();
        QString credentialId;
        for (const auto& credential : iam->nodeCredentials()) {
            if (credential.nodeName == u"tls-node"_s && !credential.revoked)
                credentialId = credential.credentialId;
        }
        QVERIFY(!credentialId.isEmpty());
        QVERIFY(iam->revokeNodeCredential(credentialId).has_value());
        QTRY_VERIFY_WITH_TIMEOUT(!nodeOnline(u"tls-node"_s), 5000);
        QByteArray output;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (output += again->readAll()).contains("re-enroll"), output.right(3000).constData(), 10000);
        again->terminate();
        again->waitForFinished(5000);
    }

    void refusesAControllerWhoseCertificateChanged()
    {
        const QString workDir = m_dir.filePath(u"pinned-elsewhere"_s);
        QVERIFY(QDir().mkpath(workDir));
        // This daemon pinned another certificate for the same host:port earlier.
        QFile pins(QDir(workDir).filePath(u"known_controllers"_s));
        QVERIFY(pins.open(QIODevice::WriteOnly));
        const QString wrong = QStringList(32, u"AB"_s).join(u':');
        pins.write(u"127.0.0.1:%1 %2\n"_s.arg(m_controller->port()).arg(wrong).toUtf8());
        pins.close();
        QVERIFY(pins.setPermissions(QFile::ReadOwner | QFile::WriteOwner));

        auto node = startNode(workDir, QString::fromUtf8(testing::enrollmentToken(*m_controller)));
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT((output += node->readAll()).contains("certificate changed"), 10000);
        QVERIFY(output.contains(wrong.toUtf8()));
        QVERIFY(!nodeOnline(u"tls-node"_s));
        QVERIFY(!QFile::exists(QDir(workDir).filePath(u"node-credential"_s)));
        node->terminate();
        node->waitForFinished(5000);
    }
};

QTEST_GUILESS_MAIN(TlsEnrollmentE2ETest)
#include "TlsEnrollmentE2ETest.moc"
