#include "core/daemon/ControllerPin.h"
#include "core/iam/TlsIdentity.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace aiops;
using namespace aiops::daemon;
using namespace Qt::StringLiterals;

namespace {

// A TLS QHttpServer with a /ws route that greets every WebSocket with "hello".
class TlsWsServer
{
public:
    TlsWsServer(const iam::TlsIdentity& identity, quint16 port)
    {
        identity.applyTo(m_server);
        m_server.route(u"/ws"_s, [](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            if (request.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
                return;
            responder.write(QHttpServerResponder::StatusCode::BadRequest);
        });
        QObject::connect(&m_server, &QHttpServer::newWebSocketConnection, &m_server, [this] {
            while (m_server.hasPendingWebSocketConnections()) {
                std::unique_ptr<QWebSocket> socket = m_server.nextPendingWebSocketConnection();
                socket->sendTextMessage(u"hello"_s);
                m_sockets.push_back(std::move(socket));
            }
        });
        m_port = m_server.listen(QHostAddress::LocalHost, port);
    }

    quint16 port() const { return m_port; }

private:
    QHttpServer m_server;
    std::vector<std::unique_ptr<QWebSocket>> m_sockets;
    quint16 m_port = 0;
};

struct Attempt
{
    bool connected = false;
    QString greeting;
    QString refusal;
    bool settled = false; // greeted, refused or disconnected within the timeout
};

Attempt connectThroughPin(ControllerPin& pin, const QUrl& url)
{
    Attempt attempt;
    QWebSocket client;
    pin.guard(
        client, [url] { return url; }, [&attempt](const Error& e) { attempt.refusal = e.message; });
    QSignalSpy message(&client, &QWebSocket::textMessageReceived);
    QSignalSpy disconnected(&client, &QWebSocket::disconnected);
    QSignalSpy errored(&client, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
    QObject::connect(&client, &QWebSocket::connected, &client, [&attempt] { attempt.connected = true; });
    client.open(url);
    attempt.settled = QTest::qWaitFor(
        [&] {
            return message.size() > 0 || disconnected.size() > 0 || errored.size() > 0 || !attempt.refusal.isEmpty();
        },
        15000);
    if (!message.isEmpty())
        attempt.greeting = message.first().first().toString();
    client.abort();
    return attempt;
}

} // namespace

// A daemon-side QWebSocket reaching a TLS controller (QHttpServer + sslSetup) through the pin.
class TestTlsPinnedWebSocket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstConnectPinsChangedCertificateIsRefused()
    {
        QTemporaryDir controllerA, controllerB, node;
        auto identityA = iam::TlsIdentity::loadOrCreateSelfSigned(controllerA.path());
        auto identityB = iam::TlsIdentity::loadOrCreateSelfSigned(controllerB.path());
        QVERIFY(identityA && identityB);

        ControllerPin pin(ControllerPin::fileIn(node.path()));
        quint16 port = 0;
        {
            TlsWsServer server(*identityA, 0);
            QVERIFY(server.port() != 0);
            port = server.port();
            const QUrl url(u"wss://127.0.0.1:%1/ws"_s.arg(port));

            // Without the pin's guard the self-signed certificate is refused by Qt.
            {
                QWebSocket plain;
                QSignalSpy sslErrors(&plain, &QWebSocket::sslErrors);
                QSignalSpy connected(&plain, &QWebSocket::connected);
                plain.open(url);
                QTRY_VERIFY_WITH_TIMEOUT(!sslErrors.isEmpty(), 15000);
                QTest::qWait(200);
                QVERIFY(connected.isEmpty());
            }

            const Attempt first = connectThroughPin(pin, url);
            QVERIFY(first.settled);
            QVERIFY2(first.connected, qPrintable(first.refusal));
            QCOMPARE(first.greeting, u"hello"_s);
            QCOMPARE(pin.pinned(u"127.0.0.1:%1"_s.arg(port)).value(), identityA->fingerprint());

            const Attempt again = connectThroughPin(pin, url);
            QVERIFY(again.connected);
            QCOMPARE(again.greeting, u"hello"_s);
        }

        // The same host:port now presents another certificate.
        TlsWsServer impostor(*identityB, port);
        QCOMPARE(impostor.port(), port);
        const QUrl url(u"wss://127.0.0.1:%1/ws"_s.arg(port));
        const Attempt refused = connectThroughPin(pin, url);
        QVERIFY(refused.settled);
        QVERIFY(!refused.connected);
        QVERIFY(refused.greeting.isEmpty());
        QCOMPARE(refused.refusal,
                 u"the controller's certificate changed: expected %1, got %2; if this is intended, remove the line "
                 u"for 127.0.0.1:%3 from %4"_s.arg(identityA->fingerprint(), identityB->fingerprint())
                     .arg(port)
                     .arg(pin.filePath()));
        QCOMPARE(pin.pinned(u"127.0.0.1:%1"_s.arg(port)).value(), identityA->fingerprint());
    }
};

QTEST_GUILESS_MAIN(TestTlsPinnedWebSocket)
#include "TestTlsPinnedWebSocket.moc"
