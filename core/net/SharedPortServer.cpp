#include "core/net/SharedPortServer.h"

#include "core/net/ReverseProxy.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#if QT_CONFIG(ssl)
#include <QSslSocket>
#endif

namespace aiops::net {

namespace {

// Longer request lines go to QHttpServer, which answers them with its own error.
constexpr qint64 kMaxSniffBytes = 16 * 1024;

} // namespace

SharedPortServer::SharedPortServer(ReverseProxy* proxy, Classifier classifier, QObject* parent)
    : QTcpServer(parent)
    , m_proxy(proxy)
    , m_classifier(std::move(classifier))
{
}

SharedPortServer::~SharedPortServer()
{
    for (QTcpSocket* socket : std::as_const(m_sniffing)) {
        socket->disconnect(this);
    }
}

void SharedPortServer::incomingConnection(qintptr handle)
{
#if QT_CONFIG(ssl)
    QSslSocket* ssl = m_sslConfiguration ? new QSslSocket(this) : nullptr;
    QTcpSocket* socket = ssl ? ssl : new QTcpSocket(this);
#else
    auto* socket = new QTcpSocket(this);
#endif
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    // No Nagle: WebSocket events and streamed answers are many small writes, and a held segment waits
    // for the peer's delayed ACK (40 ms on Linux; bench/chat-fanout, one turn in flight: 22 -> 159 turns/s).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_sniffing.insert(socket);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onSniffReadyRead(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        if (m_sniffing.remove(socket)) {
            socket->deleteLater();
        }
    });
    QTimer::singleShot(m_firstLineTimeoutMs, socket, [this, socket] {
        if (m_sniffing.contains(socket)) {
            socket->abort();
        }
    });
#if QT_CONFIG(ssl)
    if (ssl) {
        // readyRead comes with decrypted bytes only, so the sniffing is the same once the handshake is done.
        connect(ssl, &QSslSocket::sslErrors, ssl, [ssl] { ssl->abort(); });
        ssl->setSslConfiguration(*m_sslConfiguration);
        ssl->startServerEncryption();
    }
#endif
}

void SharedPortServer::onSniffReadyRead(QTcpSocket* socket)
{
    if (!m_sniffing.contains(socket)) {
        return;
    }
    char buffer[kMaxSniffBytes];
    const qint64 n = socket->peek(buffer, sizeof buffer);
    QByteArrayView data(buffer, std::max<qint64>(n, 0));
    qsizetype start = 0;
    while (start < data.size() && (data[start] == '\r' || data[start] == '\n')) {
        ++start;
    }
    data = data.sliced(start);
    const qsizetype lineEnd = data.indexOf('\n');
    if (lineEnd < 0) {
        if (n >= kMaxSniffBytes) {
            toHttpServer(socket);
        }
        return;
    }
    const QByteArrayView line = data.first(lineEnd);
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 > 0 && sp2 > sp1 + 1 && m_classifier && m_classifier(line.sliced(sp1 + 1, sp2 - sp1 - 1))) {
        toProxy(socket);
    } else {
        toHttpServer(socket);
    }
}

void SharedPortServer::toProxy(QTcpSocket* socket)
{
    m_sniffing.remove(socket);
    socket->disconnect(this);
    QPointer<SharedPortServer> self(this);
    ReverseProxy::HandOff handOff;
    handOff.accepts = m_classifier;
    handOff.release = [self](QTcpSocket* released) {
        if (self) {
            self->toHttpServer(released);
        } else {
            released->deleteLater();
        }
    };
    m_proxy->serve(socket, std::move(handOff));
}

void SharedPortServer::toHttpServer(QTcpSocket* socket)
{
    m_sniffing.remove(socket);
    socket->disconnect(this);
    socket->setParent(this);
    // addPendingConnection emits pendingConnectionAvailable, on which QHttpServer 6.4 takes the socket with
    // nextPendingConnection(); newConnection is for anyone else listening the classic way.
    addPendingConnection(socket);
    Q_EMIT newConnection();
    // QHttpServer parses only on readyRead, and the request it must see is already in the socket's buffer.
    if (socket->bytesAvailable() > 0) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(0, socket, [guard] {
            if (guard && guard->bytesAvailable() > 0) {
                Q_EMIT guard->readyRead();
            }
        });
    }
}

} // namespace aiops::net
