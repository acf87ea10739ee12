#pragma once

#include <QByteArrayView>
#include <QSet>
#include <QTcpServer>
#include <functional>
#include <optional>

#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#endif

class QTcpSocket;

namespace aiops::net {

class ReverseProxy;

// The controller's one port: a QTcpServer that QHttpServer is bound to (QAbstractHttpServer::bind). Each new
// connection waits for its first request line (peeked, not consumed); proxy paths go to the ReverseProxy, the
// rest (REST, /ws/... WebSocket upgrades) to QHttpServer with the bytes still unread. A keep-alive proxy
// connection whose next request is not a proxy path is handed to QHttpServer the same way at the request
// boundary; a connection QHttpServer holds stays there (its later requests are QHttpServer's to route).
// With an SSL configuration set, every connection is a QSslSocket: the handshake comes first, then the peek
// at the decrypted request line; the proxy and QHttpServer both get the encrypted socket.
class SharedPortServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SharedPortServer)

public:
    using Classifier = std::function<bool(QByteArrayView requestTarget)>;

    SharedPortServer(ReverseProxy* proxy, Classifier classifier, QObject* parent = nullptr);
    ~SharedPortServer() override;

    // A connection that sends no complete request line (TLS: handshake included) within this time is closed.
    void setFirstLineTimeoutMs(int ms) { m_firstLineTimeoutMs = ms; }
#if QT_CONFIG(ssl)
    // Serves TLS on this port from now on (call before listen()).
    void setSslConfiguration(const QSslConfiguration& configuration)
    {
        m_sslConfiguration = configuration;
    }
#endif

protected:
    void incomingConnection(qintptr handle) override;

private:
    void onSniffReadyRead(QTcpSocket* socket);
    void toProxy(QTcpSocket* socket);
    void toHttpServer(QTcpSocket* socket);

    ReverseProxy* m_proxy;
    Classifier m_classifier;
    QSet<QTcpSocket*> m_sniffing;
    int m_firstLineTimeoutMs = 30000;
#if QT_CONFIG(ssl)
    std::optional<QSslConfiguration> m_sslConfiguration;
#endif
};

} // namespace aiops::net
