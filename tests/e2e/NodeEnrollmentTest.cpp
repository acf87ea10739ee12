// Node enrollment end to end over wss://: a NodeClient holding a one-time enrollment token reaches a
// TLS QHttpServer whose /ws/node is the NodeGateway, enrolls, stores its node credential (0600),
// reconnects with it; the token cannot be used twice; a revoked credential is disconnected at once.
#include "core/controller/NodeGateway.h"
#include "core/daemon/ControllerPin.h"
#include "core/daemon/NodeClient.h"
#include "core/daemon/SystemProbe.h"
#include "core/iam/TlsIdentity.h"
#include "core/nodes/NodeRegistry.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <sys/stat.h>

using namespace aiops;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

int fileMode(const QString& path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

class NoGpu final : public daemon::GpuProbe
{
public:
    Result<QList<daemon::GpuReading>> read() override { return QList<daemon::GpuReading> {}; }
    QString name() const override { return u"none"_s; }
};

// IAM's node side as the contract describes it: one-time enrollment tokens, node credentials,
// revocation with a signal.
class FakeAuthority final : public QObject, public controller::NodeAuthority
{
    Q_OBJECT
public:
    struct Credential
    {
        QString id;
        QString nodeId;
        bool revoked = false;
    };

    Result<iam::Principal> authenticateNode(QByteArrayView credential) const override
    {
        const QByteArray presented = credential.toByteArray();
        iam::Principal p;
        if (tokens.contains(presented)) {
            p.kind = iam::PrincipalKind::Enrollment;
            p.subject = u"enrollment"_s;
            p.orgId = u"default"_s;
            return p;
        }
        const auto it = credentials.constFind(presented);
        if (it == credentials.cend() || it->revoked)
            return makeError(ErrorCode::Unauthorized, u"Unknown, used or revoked node credential"_s);
        p.kind = iam::PrincipalKind::Node;
        p.subject = it->nodeId;
        p.tokenId = it->id;
        p.orgId = u"default"_s;
        return p;
    }

    Result<iam::IssuedNodeCredential>
    exchangeEnrollmentToken(QByteArrayView token, const QString& nodeId, const QString& nodeName) override
    {
        if (!tokens.remove(token.toByteArray()))
            return makeError(ErrorCode::Unauthorized, u"The enrollment token was already used or has expired"_s);
        iam::IssuedNodeCredential issued;
        issued.credential.credentialId = u"nc-%1"_s.arg(credentials.size() + 1);
        issued.credential.nodeId = nodeId;
        issued.credential.nodeName = nodeName;
        issued.credential.orgId = u"default"_s;
        issued.secret = u"aiops_nc_secret_%1"_s.arg(credentials.size() + 1);
        credentials.insert(issued.secret.toUtf8(), { issued.credential.credentialId, nodeId, false });
        return issued;
    }

    QMetaObject::Connection onCredentialRevoked(QObject* context, RevokedHandler handler) override
    {
        return connect(this, &FakeAuthority::revokedSignal, context, std::move(handler));
    }

    void revoke(const QByteArray& secret)
    {
        Credential& c = credentials[secret];
        c.revoked = true;
        Q_EMIT revokedSignal(c.id, c.nodeId);
    }

    QSet<QByteArray> tokens;
    QHash<QByteArray, Credential> credentials;

Q_SIGNALS:
    void revokedSignal(const QString& credentialId, const QString& nodeId);
};

} // namespace

class NodeEnrollmentTest final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_controllerDir;
    std::unique_ptr<QTemporaryDir> m_nodeDir; // fresh per test: no credential, no pin
    FakeAuthority m_authority;
    std::unique_ptr<nodes::NodeRegistry> m_registry;
    std::unique_ptr<controller::NodeGateway> m_gateway;
    std::unique_ptr<QHttpServer> m_server;
    QUrl m_url;

    std::unique_ptr<daemon::NodeClient> makeClient(const QString& token)
    {
        daemon::NodeClient::Options options;
        options.controllerUrl = m_url;
        options.token = token;
        options.nodeId = u"node-enroll-0001"_s;
        options.name = u"enrolled-box"_s;
        options.hostname = u"enrolled-box"_s;
        options.heartbeatInterval = 100ms;
        options.workDir = m_nodeDir->path();
        options.backoffInitial = 100ms;
        options.backoffCap = 300ms;
        options.stopTimeout = 1s;
        return std::make_unique<daemon::NodeClient>(
            options, std::make_unique<daemon::SystemProbe>(u"/proc"_s, m_nodeDir->path()), std::make_unique<NoGpu>());
    }

    QString credentialFile() const { return daemon::NodeClient::credentialFileIn(m_nodeDir->path()); }

private Q_SLOTS:
    void init()
    {
        m_nodeDir = std::make_unique<QTemporaryDir>();
        m_authority.tokens.clear();
        m_authority.credentials.clear();
        auto identity = iam::TlsIdentity::loadOrCreateSelfSigned(m_controllerDir.path());
        QVERIFY(identity);
        nodes::NodeRegistry::Options registryOptions;
        registryOptions.heartbeatIntervalMs = 100;
        m_registry = std::make_unique<nodes::NodeRegistry>(nullptr, registryOptions);
        QVERIFY(m_registry->start());
        m_gateway = std::make_unique<controller::NodeGateway>(
            m_registry.get(), &m_authority, controller::NodeGateway::Options {});
        m_server = std::make_unique<QHttpServer>();
        identity->applyTo(*m_server);
        QHttpServer* server = m_server.get();
        connect(server, &QHttpServer::newWebSocketConnection, this, [this, server] {
            while (server->hasPendingWebSocketConnections())
                m_gateway->accept(server->nextPendingWebSocketConnection());
        });
        server->route(u"/ws/node"_s, [](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            if (request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
                return;
            responder.write(QHttpServerResponder::StatusCode::BadRequest);
        });
        const quint16 port = server->listen(QHostAddress::LocalHost, 0);
        QVERIFY(port != 0);
        m_url = QUrl(u"wss://127.0.0.1:%1/ws/node"_s.arg(port));
    }

    void cleanup()
    {
        m_server.reset();
        m_gateway.reset();
        m_registry.reset();
    }

    void enrollsReconnectsWithCredentialAndIsRevoked()
    {
        m_authority.tokens.insert("aiops_et_one_time");
        auto client = makeClient(u"aiops_et_one_time"_s);
        QSignalSpy enrolled(client.get(), &daemon::NodeClient::enrolled);
        client->start();
        QVERIFY(enrolled.wait(15000));
        QCOMPARE(enrolled.first().first().toString(), credentialFile());
        QCOMPARE(fileMode(credentialFile()), 0600);
        QCOMPARE(daemon::NodeClient::readCredential(m_nodeDir->path()), u"aiops_nc_secret_1"_s);
        QVERIFY(m_authority.tokens.isEmpty()); // the token is spent
        QTRY_VERIFY_WITH_TIMEOUT(m_registry->node(u"node-enroll-0001"_s).has_value(), 5000);
        // The controller certificate was pinned on first use.
        const auto pinned = daemon::ControllerPin(daemon::ControllerPin::fileIn(m_nodeDir->path()))
                                .pinned(daemon::ControllerPin::hostKey(m_url));
        QVERIFY(pinned && pinned->has_value());

        // The enrolling connection now acts as the node: heartbeats are accepted.
        const quint64 before = m_registry->stats().heartbeats;
        QTRY_VERIFY_WITH_TIMEOUT(m_registry->stats().heartbeats > before, 5000);

        // A restarted daemon (same token given again) presents the stored credential, not the token.
        QSignalSpy stopped(client.get(), &daemon::NodeClient::stopped);
        client->stop();
        QVERIFY(!stopped.isEmpty() || stopped.wait(5000)); // may come from within stop()
        client = makeClient(u"aiops_et_one_time"_s);
        QSignalSpy refused(client.get(), &daemon::NodeClient::authenticationRefused);
        QSignalSpy enrollmentRefused(client.get(), &daemon::NodeClient::enrollmentRefused);
        client->start();
        QTRY_VERIFY_WITH_TIMEOUT(client->isConnected(), 10000);
        QVERIFY(client->usingStoredCredential());
        const quint64 again = m_registry->stats().heartbeats;
        QTRY_VERIFY_WITH_TIMEOUT(m_registry->stats().heartbeats > again + 2, 5000);
        QVERIFY(refused.isEmpty());

        // Revoking the credential disconnects the node at once, with an explanation.
        QElapsedTimer timer;
        timer.start();
        m_authority.revoke("aiops_nc_secret_1");
        QTRY_VERIFY_WITH_TIMEOUT(!refused.isEmpty(), 5000);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        const QString message = refused.first().first().toString();
        QVERIFY2(message.contains(u"revoked"_s) && message.contains(credentialFile()), qPrintable(message));
        QVERIFY(enrollmentRefused.isEmpty()); // a revoked credential is no reason to enroll again
        QVERIFY(!client->isConnected());
        QCOMPARE(m_gateway->connectionCount(), 0);
        client->stop();
    }

    void enrollmentTokenWorksOnce()
    {
        m_authority.tokens.insert("aiops_et_once");
        // Spent by a first node (the exchange is what the gateway does on register).
        QVERIFY(m_authority.exchangeEnrollmentToken("aiops_et_once", u"other-node"_s, u"other"_s));
        auto client = makeClient(u"aiops_et_once"_s);
        QSignalSpy refused(client.get(), &daemon::NodeClient::authenticationRefused);
        QSignalSpy enrollmentRefused(client.get(), &daemon::NodeClient::enrollmentRefused);
        client->start();
        QVERIFY(refused.wait(10000));
        QVERIFY2(refused.first().first().toString().contains(u"enrollment token"_s),
                 qPrintable(refused.first().first().toString()));
        QCOMPARE(enrollmentRefused.size(), 1); // aiops-node exits on it (ExitEnrollmentRefused)
        QVERIFY(!QFile::exists(credentialFile()));
        QVERIFY(!m_registry->node(u"node-enroll-0001"_s).has_value());
        client->stop();
    }

    void tokenUsedTwiceConcurrentlyIsRefused()
    {
        // Two daemons present the same token: the first register exchanges it, the second is refused.
        m_authority.tokens.insert("aiops_et_race");
        QWebSocket first, second;
        for (QWebSocket* ws : { &first, &second }) {
            QNetworkRequest request(m_url);
            request.setRawHeader("Authorization", "Bearer aiops_et_race");
            QSslConfiguration ssl = ws->sslConfiguration();
            ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
            ws->setSslConfiguration(ssl);
            QSignalSpy connected(ws, &QWebSocket::connected);
            ws->open(request);
            QVERIFY(connected.wait(10000));
        }
        QSignalSpy firstMessages(&first, &QWebSocket::textMessageReceived);
        QSignalSpy secondMessages(&second, &QWebSocket::textMessageReceived);
        QSignalSpy secondClosed(&second, &QWebSocket::disconnected);
        const auto registerFrame = [](const QString& nodeId) {
            return u"{\"type\":\"system.node.register\",\"nodeId\":\"%1\",\"name\":\"%1\",\"isLocal\":false,"
                   u"\"gpuDevices\":[],\"config\":{},\"cpuCores\":4,\"ramTotal\":8000,\"timestamp\":%2}"_s.arg(nodeId)
                       .arg(QDateTime::currentMSecsSinceEpoch());
        };
        first.sendTextMessage(registerFrame(u"race-a"_s));
        QVERIFY(firstMessages.wait(5000));
        QVERIFY(firstMessages.first().first().toString().contains(u"\"nodeCredential\""_s));
        second.sendTextMessage(registerFrame(u"race-b"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!secondClosed.isEmpty(), 5000);
        QCOMPARE(int(second.closeCode()), controller::NodeGateway::CloseCodeUnauthorized);
        QVERIFY(!secondMessages.isEmpty());
        QVERIFY(secondMessages.first().first().toString().contains(u"UNAUTHORIZED"_s));
        QVERIFY(m_registry->node(u"race-a"_s).has_value());
        QVERIFY(!m_registry->node(u"race-b"_s).has_value());
    }
};

QTEST_GUILESS_MAIN(NodeEnrollmentTest)
#include "NodeEnrollmentTest.moc"
