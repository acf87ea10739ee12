#include "core/net/ReverseProxy.h"

#include "core/net/HttpHead.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimerEvent>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <functional>
#include <memory>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace aiops::net {

namespace {

constexpr qint64 kSocketReadBuffer = 256 * 1024;
constexpr qint64 kMaxChunkLine = 4096;
constexpr qint64 kMaxTrailerBytes = 16 * 1024;
constexpr int kClientClosedStatus = 499;

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

void appendNumber(QByteArray& out, qint64 value, int base = 10)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value, base);
    out.append(digits, result.ptr - digits);
}

void appendField(QByteArray& out, QByteArrayView name, QByteArrayView value)
{
    out.append(name).append(": ").append(value).append("\r\n");
}

QByteArray errorJson(QByteArrayView code, const QString& message)
{
    return QJsonDocument(QJsonObject { { u"errorCode"_s, QString::fromLatin1(code) }, { u"message"_s, message } })
        .toJson(QJsonDocument::Compact);
}

QByteArray peerText(const QHostAddress& address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return (isV4 ? QHostAddress(v4) : address).toString().toLatin1();
}

void setLowDelay(QTcpSocket* socket)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

} // namespace

// One connected socket as the proxy reads and writes it. A plain TCP socket the proxy owns is driven on its
// descriptor: Qt's buffered socket asks the kernel for FIONREAD before every read, one more syscall per event
// on the hot path. TLS sockets and sockets that may go back to SharedPortServer stay with Qt.
class SocketChannel
{
    Q_DISABLE_COPY_MOVE(SocketChannel)

public:
    struct Events
    {
        std::function<void()> readyRead;
        std::function<void()> bytesWritten;
        std::function<void()> closed; // after the last byte was written; what was read stays readable
    };

    SocketChannel() = default;
    ~SocketChannel() { closeDescriptor(); }

    void useQt(QTcpSocket* socket) { m_qt = socket; }

    // Takes over the descriptor of a connected plain socket and the input Qt has buffered; the socket is left
    // closed for the caller to delete. False, with nothing changed, when the socket must stay with Qt.
    bool adopt(QTcpSocket* socket, qint64 readCap, Events events)
    {
#ifdef Q_OS_UNIX
        if (socket->state() != QAbstractSocket::ConnectedState || qobject_cast<QSslSocket*>(socket)
            || socket->bytesToWrite() > 0) {
            return false;
        }
        const int fd = ::fcntl(static_cast<int>(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
        if (fd < 0) {
            return false;
        }
        const int flags = ::fcntl(fd, F_GETFL);
        if (flags < 0 || (!(flags & O_NONBLOCK) && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)) {
            ::close(fd);
            return false;
        }
        m_in = socket->readAll();
        m_inPos = 0;
        QObject::disconnect(socket, nullptr, nullptr, nullptr);
        socket->abort(); // closes Qt's descriptor only: the connection lives on in the duplicate
        m_qt = nullptr;
        m_fd = fd;
        m_open = true;
        m_readCap = readCap;
        m_events = std::move(events);
        m_readNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
        QObject::connect(
            m_readNotifier.get(), &QSocketNotifier::activated, m_readNotifier.get(), [this] { onReadable(); });
        m_writeNotifier = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
        m_writeNotifier->setEnabled(false);
        QObject::connect(
            m_writeNotifier.get(), &QSocketNotifier::activated, m_writeNotifier.get(), [this] { onWritable(); });
        return true;
#else
        Q_UNUSED(socket);
        Q_UNUSED(readCap);
        Q_UNUSED(events);
        return false;
#endif
    }

    bool isOpen() const
    {
        return m_qt ? m_qt->state() == QAbstractSocket::ConnectedState : m_open && !m_closing;
    }

    qint64 bytesAvailable() const
    {
        return m_qt ? m_qt->bytesAvailable() : m_in.size() - m_inPos;
    }
    qint64 bytesToWrite() const
    {
        return m_qt ? m_qt->bytesToWrite() : m_out.size() - m_outPos;
    }

    qint64 peek(char* data, qint64 maxSize)
    {
        if (m_qt) {
            return m_qt->peek(data, maxSize);
        }
        const qint64 n = std::min(maxSize, bytesAvailable());
        std::memcpy(data, m_in.constData() + m_inPos, static_cast<size_t>(n));
        return n;
    }

    qint64 read(char* data, qint64 maxSize)
    {
        if (m_qt) {
            return m_qt->read(data, maxSize);
        }
        const qint64 n = peek(data, maxSize);
        consume(n);
        return n;
    }

    void skip(qint64 size)
    {
        if (m_qt) {
            m_qt->skip(size);
            return;
        }
        consume(std::min(size, bytesAvailable()));
    }

    bool canReadLine() const
    {
        if (m_qt) {
            return m_qt->canReadLine();
        }
        return std::memchr(m_in.constData() + m_inPos, '\n', static_cast<size_t>(bytesAvailable())) != nullptr;
    }

    // As QIODevice::readLine: at most maxSize - 1 bytes up to and including '\n', then a terminating zero.
    qint64 readLine(char* data, qint64 maxSize)
    {
        if (m_qt) {
            return m_qt->readLine(data, maxSize);
        }
        const qint64 limit = std::min(maxSize - 1, bytesAvailable());
        if (limit <= 0) {
            return -1;
        }
        const char* begin = m_in.constData() + m_inPos;
        const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', static_cast<size_t>(limit)));
        const qint64 n = newline ? newline - begin + 1 : limit;
        std::memcpy(data, begin, static_cast<size_t>(n));
        data[n] = '\0';
        consume(n);
        return n;
    }

    // Writes now as far as the kernel takes it; the rest goes out as the socket drains.
    void write(QByteArrayView data)
    {
        if (m_qt) {
            m_qt->write(data.data(), data.size());
            m_qt->flush();
            return;
        }
        if (!m_open || m_closing || data.isEmpty()) {
            return;
        }
        if (bytesToWrite() == 0) {
            const qint64 sent = send(data.data(), data.size());
            if (sent < 0) {
                fail();
                return;
            }
            if (sent == data.size()) {
                return;
            }
            data = data.sliced(sent);
            m_out.resize(0);
            m_outPos = 0;
        } else if (m_outPos > 0 && m_outPos >= m_out.size() / 2) {
            m_out.remove(0, m_outPos);
            m_outPos = 0;
        }
        m_out.append(data);
        m_writeNotifier->setEnabled(true);
    }

    // Stops reading, writes what is pending, then closes and reports closed.
    void disconnectFromHost()
    {
        if (m_qt) {
            m_qt->disconnectFromHost();
            return;
        }
        if (!m_open || m_closing) {
            return;
        }
        m_closing = true;
        m_readNotifier->setEnabled(false);
        if (bytesToWrite() == 0) {
            closeAndReport();
        }
    }

    void abort()
    {
        if (m_qt) {
            m_qt->abort();
            return;
        }
        if (m_open) {
            closeAndReport();
        }
    }

private:
    // -1 on a broken connection, 0 when the kernel buffer is full.
    qint64 send(const char* data, qint64 size)
    {
        while (true) {
            const ssize_t n = ::send(m_fd, data, static_cast<size_t>(size), MSG_NOSIGNAL);
            if (n >= 0) {
                return n;
            }
            if (errno == EINTR) {
                continue;
            }
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
        }
    }

    void consume(qint64 n)
    {
        m_inPos += n;
        if (m_inPos == m_in.size()) {
            m_in.resize(0);
            m_inPos = 0;
        }
        if (m_open && !m_closing && !m_eof && !m_readNotifier->isEnabled() && bytesAvailable() < m_readCap) {
            m_readNotifier->setEnabled(true);
        }
    }

    void onReadable()
    {
        const qint64 room = m_readCap - bytesAvailable();
        if (room <= 0) {
            m_readNotifier->setEnabled(false); // back on when the reader made room
            return;
        }
        if (m_inPos > 0) {
            m_in.remove(0, m_inPos);
            m_inPos = 0;
        }
        const qsizetype old = m_in.size();
        m_in.resize(old + room);
        ssize_t n = -1;
        do {
            n = ::recv(m_fd, m_in.data() + old, static_cast<size_t>(room), 0);
        } while (n < 0 && errno == EINTR);
        m_in.resize(old + std::max<qsizetype>(n, 0));
        if (n > 0) {
            m_events.readyRead();
            return;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return;
        }
        if (n < 0) {
            fail();
            return;
        }
        m_eof = true; // as Qt does on a remote close: finish writing, then report the connection closed
        disconnectFromHost();
    }

    void onWritable()
    {
        const qint64 pending = bytesToWrite();
        const qint64 sent = pending > 0 ? send(m_out.constData() + m_outPos, pending) : 0;
        if (sent < 0) {
            fail();
            return;
        }
        m_outPos += sent;
        if (m_outPos == m_out.size()) {
            m_out.resize(0);
            m_outPos = 0;
            m_writeNotifier->setEnabled(false);
            if (m_closing) {
                closeAndReport();
                return;
            }
        }
        if (sent > 0) {
            m_events.bytesWritten();
        }
    }

    void fail()
    {
        closeAndReport();
    }

    void closeAndReport()
    {
        closeDescriptor();
        m_events.closed();
    }

    void closeDescriptor()
    {
        if (m_fd < 0) {
            return;
        }
        // Notifiers may be mid-emission: disable now, delete from the event loop.
        m_readNotifier->setEnabled(false);
        m_writeNotifier->setEnabled(false);
        m_readNotifier.release()->deleteLater();
        m_writeNotifier.release()->deleteLater();
        ::close(m_fd);
        m_fd = -1;
        m_open = false;
        m_closing = false;
        m_out.clear();
        m_outPos = 0;
    }

    QTcpSocket* m_qt = nullptr;
    int m_fd = -1;
    bool m_open = false;
    bool m_closing = false;
    bool m_eof = false;
    qint64 m_readCap = kSocketReadBuffer;
    Events m_events;
    std::unique_ptr<QSocketNotifier> m_readNotifier;
    std::unique_ptr<QSocketNotifier> m_writeNotifier;
    QByteArray m_in;
    qsizetype m_inPos = 0;
    QByteArray m_out;
    qsizetype m_outPos = 0;
};

QByteArray ProxyRequestHead::header(QByteArrayView name) const
{
    return headerValue(headers, name);
}

// Reads one message body from a socket exactly up to its end, so that the next message stays unread.
class MessageBodyReader
{
public:
    enum class Mode { None, Length, Chunked, UntilClose };
    enum class Status { More, Done, Error };

    void start(Mode mode, qint64 length = 0)
    {
        m_mode = mode;
        m_remaining = length;
        m_chunk = ChunkState::Size;
        m_trailerBytes = 0;
        m_done = mode == Mode::None || (mode == Mode::Length && length == 0);
    }
    Mode mode() const { return m_mode; }
    bool done() const { return m_done; }

    // Appends up to budget payload bytes to out; with raw, the chunk framing is kept as received.
    Status read(SocketChannel* in, QByteArray& out, qint64 budget, bool raw)
    {
        if (m_done) {
            return Status::Done;
        }
        switch (m_mode) {
        case Mode::None: m_done = true; return Status::Done;
        case Mode::Length: {
            const qint64 n = std::min({ m_remaining, in->bytesAvailable(), budget });
            if (n > 0 && !append(in, out, n)) {
                return Status::Error;
            }
            m_remaining -= std::max<qint64>(n, 0);
            m_done = m_remaining == 0;
            return m_done ? Status::Done : Status::More;
        }
        case Mode::UntilClose: {
            const qint64 n = std::min(in->bytesAvailable(), budget);
            if (n > 0 && !append(in, out, n)) {
                return Status::Error;
            }
            return Status::More;
        }
        case Mode::Chunked: return readChunked(in, out, budget, raw);
        }
        return Status::Error;
    }

private:
    enum class ChunkState { Size, Data, DataEnd, Trailer };

    static bool append(SocketChannel* in, QByteArray& out, qint64 n)
    {
        const qsizetype old = out.size();
        out.resize(old + n);
        const qint64 got = in->read(out.data() + old, n);
        out.resize(old + std::max<qint64>(got, 0));
        return got == n;
    }

    Status readChunked(SocketChannel* in, QByteArray& out, qint64 budget, bool raw)
    {
        while (true) {
            if (m_chunk == ChunkState::Data) {
                const qint64 n = std::min({ m_remaining, in->bytesAvailable(), budget });
                if (n <= 0) {
                    return Status::More;
                }
                if (!append(in, out, n)) {
                    return Status::Error;
                }
                m_remaining -= n;
                budget -= n;
                if (m_remaining > 0) {
                    return Status::More;
                }
                m_chunk = ChunkState::DataEnd;
                continue;
            }
            if (!in->canReadLine()) {
                return in->bytesAvailable() > kMaxChunkLine ? Status::Error : Status::More;
            }
            char buffer[kMaxChunkLine + 1];
            const qint64 n = in->readLine(buffer, sizeof buffer);
            const QByteArrayView line(buffer, std::max<qint64>(n, 0));
            if (n <= 0 || line.back() != '\n') {
                return Status::Error;
            }
            const bool empty = line == "\r\n" || line == "\n";
            switch (m_chunk) {
            case ChunkState::Size: {
                const qint64 size = parseChunkSizeLine(line);
                if (size < 0) {
                    return Status::Error;
                }
                m_remaining = size;
                m_chunk = size == 0 ? ChunkState::Trailer : ChunkState::Data;
                break;
            }
            case ChunkState::DataEnd:
                if (!empty) {
                    return Status::Error;
                }
                m_chunk = ChunkState::Size;
                break;
            case ChunkState::Trailer:
                m_trailerBytes += n;
                if (m_trailerBytes > kMaxTrailerBytes) {
                    return Status::Error;
                }
                break;
            case ChunkState::Data: break;
            }
            if (raw) {
                out.append(line);
            }
            if (m_chunk == ChunkState::Trailer && empty) {
                m_done = true;
                return Status::Done;
            }
        }
    }

    Mode m_mode = Mode::None;
    qint64 m_remaining = 0;
    ChunkState m_chunk = ChunkState::Size;
    qint64 m_trailerBytes = 0;
    bool m_done = true;
};

// One upstream socket. It stays connected to itself for life; requests reach it through its current owner,
// so taking it from the pool costs no signal connections.
class UpstreamConnection final : public QObject
{
public:
    UpstreamConnection(ReverseProxy* proxy, ReverseProxy::TargetKey key)
        : QObject(proxy)
        , m_proxy(proxy)
        , m_key(std::move(key))
        , m_socket(new QTcpSocket(this))
    {
        m_socket->setReadBufferSize(kSocketReadBuffer);
        m_io.useQt(m_socket);
        connect(m_socket, &QTcpSocket::connected, this, &UpstreamConnection::onConnected);
        connect(m_socket, &QTcpSocket::readyRead, this, &UpstreamConnection::onReadyRead);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &UpstreamConnection::onBytesWritten);
        connect(m_socket, &QTcpSocket::disconnected, this, &UpstreamConnection::onClosed);
        connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
            if (!m_everConnected) {
                onClosed();
            }
        });
    }

    void connectToHost(const QString& host, quint16 port) { m_socket->connectToHost(host, port); }
    SocketChannel* io() { return &m_io; }
    QString errorString() const { return m_socket ? m_socket->errorString() : QString(); }
    const ReverseProxy::TargetKey& key() const { return m_key; }
    bool connected() const { return m_io.isOpen(); }
    bool everConnected() const { return m_everConnected; }
    void setOwner(ClientConnection* owner) { m_owner = owner; }
    ClientConnection* owner() const { return m_owner; }

    // Closes the socket and deletes this object later; nothing is reported to an owner any more.
    void discard()
    {
        if (m_discarded) {
            return;
        }
        m_discarded = true;
        m_owner = nullptr;
        m_io.abort();
        deleteLater();
    }

private:
    void onConnected();
    void onReadyRead();
    void onBytesWritten();
    void onClosed();

    ReverseProxy* m_proxy;
    ReverseProxy::TargetKey m_key;
    QTcpSocket* m_socket; // until connected; then the channel drives the descriptor
    SocketChannel m_io;
    ClientConnection* m_owner = nullptr;
    bool m_everConnected = false;
    bool m_discarded = false;
    bool m_closedReported = false;
};

// One client connection: reads requests one after the other and runs each exchange with an upstream.
class ClientConnection final : public QObject
{
public:
    ClientConnection(ReverseProxy* proxy, QTcpSocket* socket, ReverseProxy::HandOff handOff)
        : QObject(proxy)
        , m_proxy(proxy)
        , m_options(proxy->options())
        , m_socket(socket)
        , m_handOff(std::move(handOff))
    {
        const qint64 readCap = std::max<qint64>(kSocketReadBuffer, m_options.maxHeaderBytes + 4096);
        setLowDelay(m_socket);
        m_peer = m_socket->peerAddress();
        m_peerText = peerText(m_peer);
        SocketChannel::Events events;
        events.readyRead = [this] {
            onClientReadyRead();
        };
        events.bytesWritten = [this] {
            onClientBytesWritten();
        };
        events.closed = [this] {
            onClientClosed();
        };
        // A connection that may go back to SharedPortServer keeps its request unread in the Qt socket.
        if (!m_handOff.accepts && m_io.adopt(m_socket, readCap, std::move(events))) {
            m_socket->deleteLater(); // the caller may be inside one of its signals
            m_socket = nullptr;
        } else {
            m_io.useQt(m_socket);
            m_socket->setParent(this);
            m_socket->setReadBufferSize(readCap);
            connect(m_socket, &QTcpSocket::readyRead, this, &ClientConnection::onClientReadyRead);
            connect(m_socket, &QTcpSocket::bytesWritten, this, &ClientConnection::onClientBytesWritten);
            connect(m_socket, &QTcpSocket::disconnected, this, &ClientConnection::onClientClosed);
        }
        startTimer(m_options.clientIdleTimeoutMs, Deadline::ClientIdle);
    }

    ~ClientConnection() override
    {
        if (m_upstream) {
            m_upstream->discard();
        }
        if (m_socket) {
            m_socket->disconnect(this);
        }
    }

    void start()
    {
        if (!m_io.isOpen()) {
            onClientClosed();
            return;
        }
        onClientReadyRead();
    }

    void onUpstreamConnected()
    {
        startTimer(m_options.upstreamIdleTimeoutMs, Deadline::UpstreamIdle);
        sendUpstreamHead();
    }

    void onUpstreamReadyRead()
    {
        m_upstreamActivity.start();
        pumpResponse();
    }

    void onUpstreamBytesWritten()
    {
        if (m_requestPaused) {
            m_requestPaused = false;
            pumpRequest();
        }
    }

    void onUpstreamClosed()
    {
        m_upstreamEof = true;
        if (m_response == Response::Head && m_upstream->io()->bytesAvailable() > 0) {
            pumpResponse(); // a response followed by the close is still a response
            return;
        }
        if (m_response == Response::Connecting || (m_response == Response::Head && !m_responseBytesSeen)) {
            const bool retry = m_upstreamReused && !m_retried && !m_requestBodyStreamed && !m_responseBytesSeen;
            if (retry) {
                // A pooled connection the upstream closed while idle: send the request once more on a fresh one.
                m_retried = true;
                m_upstream->discard();
                m_upstream = nullptr;
                connectUpstream(false);
                return;
            }
            failExchange(502,
                         "UPSTREAM_UNAVAILABLE",
                         m_response == Response::Connecting
                             ? u"Upstream refused or unreachable: %1"_s.arg(m_upstream->errorString())
                             : u"Upstream closed the connection without a response"_s);
            return;
        }
        pumpResponse();
    }

protected:
    void timerEvent(QTimerEvent* event) override
    {
        if (event->timerId() != m_timer.timerId()) {
            QObject::timerEvent(event);
            return;
        }
        m_timer.stop();
        switch (m_deadline) {
        case Deadline::ClientIdle:
            if (!m_routed) { // waiting for a request, or for a body the proxy reads itself
                closeClient();
            }
            break;
        case Deadline::UpstreamConnect:
            failExchange(504, "UPSTREAM_TIMEOUT", u"Upstream did not accept the connection in time"_s);
            break;
        case Deadline::UpstreamIdle: {
            const qint64 idle = m_upstreamActivity.isValid() ? m_upstreamActivity.elapsed() : 0;
            if (idle < m_options.upstreamIdleTimeoutMs && m_upstreamActivity.isValid()) {
                startTimer(static_cast<int>(m_options.upstreamIdleTimeoutMs - idle), Deadline::UpstreamIdle);
                break;
            }
            failExchange(504, "UPSTREAM_TIMEOUT", u"Upstream sent nothing for too long"_s);
            break;
        }
        case Deadline::None: break;
        }
    }

private:
    enum class Request { Head, BufferBody, StreamBody, DiscardBody, Done };
    enum class Response { None, Connecting, Head, Body };
    enum class Deadline { None, ClientIdle, UpstreamConnect, UpstreamIdle };

    void startTimer(int ms, Deadline deadline)
    {
        m_deadline = deadline;
        m_timer.start(std::max(ms, 1), this);
    }

    void onClientReadyRead()
    {
        switch (m_request) {
        case Request::Head: readRequestHead(); break;
        case Request::BufferBody: readBufferedBody(); break;
        case Request::StreamBody: pumpRequest(); break;
        case Request::DiscardBody: discardBody(); break;
        case Request::Done: break; // a pipelined request waits until this response is complete
        }
    }

    void onClientBytesWritten()
    {
        if (m_routed) {
            m_upstreamActivity.start(); // a slow reader is not a silent upstream
        }
        if (m_responsePaused) {
            m_responsePaused = false;
            pumpResponse();
        }
    }

    void onClientClosed()
    {
        if (m_closed) {
            return;
        }
        m_closed = true;
        m_timer.stop();
        if (m_routed) {
            if (m_upstream) {
                m_upstream->discard();
                m_upstream = nullptr;
            }
            reportFinished(kClientClosedStatus);
        }
        m_proxy->clientClosed(this);
    }

    void readRequestHead()
    {
        if (m_closed) {
            return;
        }
        while (m_io.bytesAvailable() > 0) {
            // Empty lines before a request line are allowed (RFC 9112 2.2).
            char first = 0;
            if (m_io.peek(&first, 1) == 1 && (first == '\r' || first == '\n')) {
                m_io.skip(1);
                continue;
            }
            break;
        }
        const qint64 available = m_io.bytesAvailable();
        if (available == 0) {
            return;
        }
        const qint64 peekSize = std::min<qint64>(available, m_options.maxHeaderBytes + 4);
        m_scratch.resize(peekSize);
        m_scratch.resize(std::max<qint64>(m_io.peek(m_scratch.data(), peekSize), 0));
        const qsizetype headSize = findHeadEnd(m_scratch);
        if (headSize < 0 || headSize > m_options.maxHeaderBytes) {
            if (headSize > 0 || available > m_options.maxHeaderBytes) {
                replyError(431, "REQUEST_HEADER_FIELDS_TOO_LARGE", u"Request head is too large"_s, true);
            } else if (!startsLikeRequest(m_scratch)) {
                replyError(400, "BAD_REQUEST", u"Malformed request"_s, true);
            }
            return;
        }
        if (!parseRequestHead(QByteArrayView(m_scratch).first(headSize), m_requestHead)) {
            replyError(400, "BAD_REQUEST", u"Malformed request head"_s, true);
            return;
        }
        if (m_handOff.accepts && !m_handOff.accepts(m_requestHead.target)) {
            handOff();
            return;
        }
        m_io.skip(headSize);
        m_timer.stop();
        m_exchangeClock.start();
        m_head.method = std::move(m_requestHead.method);
        m_head.target = std::move(m_requestHead.target);
        m_head.headers = std::move(m_requestHead.headers);
        m_head.peer = m_peer;
        m_clientKeepAlive = m_requestHead.keepAlive();
        m_clientHttp11 = m_requestHead.minorVersion >= 1;
        if (m_requestHead.chunked) {
            m_requestBody.start(MessageBodyReader::Mode::Chunked);
        } else if (m_requestHead.contentLength > 0) {
            m_requestBody.start(MessageBodyReader::Mode::Length, m_requestHead.contentLength);
        } else {
            m_requestBody.start(MessageBodyReader::Mode::None);
        }
        m_bufferedBody.clear();
        m_hasBufferedBody = false;
        decide(nullptr);
    }

    // A garbage first line is refused before the head is complete, so junk does not hold the connection.
    static bool startsLikeRequest(QByteArrayView data)
    {
        for (char c : data) {
            if (c == ' ' || c == '\r' || c == '\n') {
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) {
                return false;
            }
        }
        return data.size() < 64;
    }

    void handOff()
    {
        m_timer.stop();
        QTcpSocket* socket = m_socket;
        socket->disconnect(this);
        socket->setReadBufferSize(0);
        socket->setParent(nullptr);
        m_socket = nullptr;
        m_io.useQt(nullptr);
        m_closed = true;
        auto release = std::move(m_handOff.release);
        m_proxy->clientClosed(this);
        if (release) {
            release(socket);
        } else {
            socket->deleteLater();
        }
    }

    void decide(const QByteArray* body)
    {
        ProxyDecision decision = m_proxy->m_resolver
            ? m_proxy->m_resolver(m_head, body)
            : ProxyDecision(ProxyReply { 404, "application/json", errorJson("NOT_FOUND", u"No route"_s), {} });
        if (auto* route = std::get_if<ProxyRoute>(&decision)) {
            m_route = std::move(*route);
            startExchange();
        } else if (auto* reply = std::get_if<ProxyReply>(&decision)) {
            replyLocal(*reply);
        } else if (body) {
            replyError(500, "INTERNAL_ERROR", u"Resolver asked for the body twice"_s, true);
        } else if (m_requestBody.done()) {
            m_hasBufferedBody = true;
            m_bufferedBodyForRoute.clear();
            decide(&m_bufferedBodyForRoute);
        } else {
            if (m_requestHead.expectContinue && m_clientHttp11) {
                writeClient("HTTP/1.1 100 Continue\r\n\r\n");
            }
            m_request = Request::BufferBody;
            startTimer(m_options.clientIdleTimeoutMs, Deadline::ClientIdle);
            readBufferedBody();
        }
    }

    void readBufferedBody()
    {
        const qint64 room = m_options.maxBufferedBody + 1 - m_bufferedBody.size();
        const auto status = m_requestBody.read(&m_io, m_bufferedBody, std::max<qint64>(room, 1), false);
        if (status == MessageBodyReader::Status::Error) {
            replyError(400, "BAD_REQUEST", u"Malformed request body framing"_s, true);
            return;
        }
        if (m_bufferedBody.size() > m_options.maxBufferedBody) {
            replyError(413, "PAYLOAD_TOO_LARGE", u"Request body is larger than the proxy buffers"_s, true);
            return;
        }
        if (status == MessageBodyReader::Status::Done) {
            m_hasBufferedBody = true;
            m_request = Request::Done;
            m_bufferedBodyForRoute = std::move(m_bufferedBody);
            m_bufferedBody = QByteArray();
            decide(&m_bufferedBodyForRoute);
        }
    }

    void replyLocal(const ProxyReply& reply)
    {
        const bool bodyPending = !m_requestBody.done();
        m_out.resize(0);
        appendStatusLine(reply.status, {});
        appendField(m_out, "Content-Type", reply.contentType);
        m_out.append("Content-Length: ");
        appendNumber(m_out, reply.body.size());
        m_out.append("\r\n");
        for (const auto& [name, value] : reply.headers) {
            appendField(m_out, name, value);
        }
        appendConnectionField(!m_clientKeepAlive);
        m_out.append("\r\n");
        if (m_head.method != "HEAD") {
            m_out.append(reply.body);
        }
        writeClient(m_out);
        if (!m_clientKeepAlive) {
            closeClient();
        } else if (bodyPending) {
            m_request = Request::DiscardBody;
            startTimer(m_options.clientIdleTimeoutMs, Deadline::ClientIdle);
            discardBody();
        } else {
            nextRequest();
        }
    }

    void discardBody()
    {
        while (true) {
            m_scratch.resize(0);
            const auto status = m_requestBody.read(&m_io, m_scratch, kSocketReadBuffer, false);
            if (status == MessageBodyReader::Status::Error) {
                closeClient();
                return;
            }
            if (status == MessageBodyReader::Status::Done) {
                nextRequest();
                return;
            }
            if (m_scratch.isEmpty()) {
                return;
            }
        }
    }

    void startExchange()
    {
        m_routed = true;
        m_retried = false;
        m_requestBodyStreamed = false;
        buildUpstreamHead();
        if (m_hasBufferedBody) {
            m_request = Request::Done;
        } else {
            m_request = m_requestBody.done() ? Request::Done : Request::StreamBody;
        }
        connectUpstream(true);
    }

    void buildUpstreamHead()
    {
        m_upstreamHead.resize(0);
        m_upstreamHead.append(m_head.method).append(' ');
        m_upstreamHead.append(m_route.path.isEmpty() ? m_head.target : m_route.path);
        m_upstreamHead.append(" HTTP/1.1\r\n");
        QByteArrayView forwardedFor;
        bool hostSeen = false;
        for (const auto& [name, value] : m_head.headers) {
            if (isHopByHopOrFraming(name) || listed(name, m_requestHead.connectionTokens)
                || listed(name, m_route.removeHeaders) || setByRoute(name)) {
                continue;
            }
            if (sameName(name, "x-forwarded-for")) {
                forwardedFor = value;
                continue;
            }
            if (m_hasBufferedBody && sameName(name, "expect")) {
                continue; // the proxy already holds the body
            }
            hostSeen = hostSeen || sameName(name, "host");
            appendField(m_upstreamHead, name, value);
        }
        for (const auto& [name, value] : m_route.setHeaders) {
            hostSeen = hostSeen || sameName(name, "host");
            appendField(m_upstreamHead, name, value);
        }
        if (!hostSeen) {
            m_upstreamHead.append("Host: ").append(m_route.host.toLatin1()).append(':');
            appendNumber(m_upstreamHead, m_route.port);
            m_upstreamHead.append("\r\n");
        }
        m_upstreamHead.append("X-Forwarded-For: ");
        if (!forwardedFor.isEmpty()) {
            m_upstreamHead.append(forwardedFor).append(", ");
        }
        m_upstreamHead.append(m_peerText).append("\r\n");
        if (m_hasBufferedBody) {
            if (!m_bufferedBodyForRoute.isEmpty() || m_requestHead.contentLength >= 0 || m_requestHead.chunked) {
                m_upstreamHead.append("Content-Length: ");
                appendNumber(m_upstreamHead, m_bufferedBodyForRoute.size());
                m_upstreamHead.append("\r\n");
            }
        } else if (m_requestHead.chunked) {
            m_upstreamHead.append("Transfer-Encoding: chunked\r\n");
        } else if (m_requestHead.contentLength >= 0) {
            m_upstreamHead.append("Content-Length: ");
            appendNumber(m_upstreamHead, m_requestHead.contentLength);
            m_upstreamHead.append("\r\n");
        }
        m_upstreamHead.append("\r\n");
        if (m_hasBufferedBody) {
            m_upstreamHead.append(m_bufferedBodyForRoute);
        }
    }

    static bool listed(QByteArrayView name, const QList<QByteArray>& names)
    {
        return std::any_of(names.cbegin(), names.cend(), [name](const QByteArray& n) { return sameName(n, name); });
    }

    bool setByRoute(QByteArrayView name) const
    {
        return std::any_of(m_route.setHeaders.cbegin(), m_route.setHeaders.cend(), [name](const auto& field) {
            return sameName(field.first, name);
        });
    }

    void connectUpstream(bool mayReuse)
    {
        m_response = Response::Connecting;
        m_responseBytesSeen = false;
        m_upstreamEof = false;
        m_upstreamActivity.invalidate();
        ReverseProxy::TargetKey key { m_route.host, m_route.port };
        m_upstream = mayReuse ? m_proxy->takeIdleUpstream(key) : nullptr;
        m_upstreamReused = m_upstream != nullptr;
        if (m_upstream) {
            m_upstream->setOwner(this);
            startTimer(m_options.upstreamIdleTimeoutMs, Deadline::UpstreamIdle);
            sendUpstreamHead();
            return;
        }
        m_upstream = new UpstreamConnection(m_proxy, std::move(key));
        m_upstream->setOwner(this);
        startTimer(m_options.upstreamConnectTimeoutMs, Deadline::UpstreamConnect);
        m_upstream->connectToHost(m_route.host, m_route.port);
    }

    void sendUpstreamHead()
    {
        m_response = Response::Head;
        m_upstreamActivity.start();
        SocketChannel* up = m_upstream->io();
        up->write(m_upstreamHead);
        if (m_upstream && m_request == Request::StreamBody) {
            pumpRequest();
        }
    }

    void pumpRequest()
    {
        if (m_request != Request::StreamBody || !m_upstream || m_response == Response::Connecting || m_closed) {
            return;
        }
        SocketChannel* up = m_upstream->io();
        while (m_io.bytesAvailable() > 0) {
            const qint64 budget = m_options.backPressureBytes - up->bytesToWrite();
            if (budget <= 0) {
                m_requestPaused = true;
                return;
            }
            m_scratch.resize(0);
            const auto status = m_requestBody.read(&m_io, m_scratch, budget, true);
            if (!m_scratch.isEmpty()) {
                m_requestBodyStreamed = true;
                up->write(m_scratch);
                if (!m_upstream) {
                    return;
                }
            }
            if (status == MessageBodyReader::Status::Error) {
                failExchange(400, "BAD_REQUEST", u"Malformed request body framing"_s);
                return;
            }
            if (status == MessageBodyReader::Status::Done) {
                m_request = Request::Done;
                return;
            }
            if (m_scratch.isEmpty()) {
                return;
            }
        }
    }

    void pumpResponse()
    {
        if (!m_upstream || m_closed) {
            return;
        }
        SocketChannel* up = m_upstream->io();
        m_out.resize(0);
        if (m_response == Response::Head && !readResponseHead(up)) {
            return;
        }
        while (m_response == Response::Body) {
            bool done = false;
            if (!fillResponse(up, done)) {
                abortResponse();
                return;
            }
            if (!m_out.isEmpty()) {
                writeClient(m_out);
                m_out.resize(0);
                if (m_closed) {
                    return;
                }
            }
            if (done) {
                m_response = Response::None;
                completeExchange();
                return;
            }
            // A flush inside a bytesWritten emission emits no further bytesWritten: when the write drained,
            // carry on here rather than wait for a signal that will not come.
            if (m_responsePaused && m_io.bytesToWrite() < m_options.backPressureBytes && up->bytesAvailable() > 0) {
                m_responsePaused = false;
                continue;
            }
            if (m_upstreamEof && up->bytesAvailable() == 0 && !m_responsePaused) {
                abortResponse();
            }
            return;
        }
        if (!m_out.isEmpty()) {
            writeClient(m_out);
        }
    }

    // Moves response body bytes into m_out, up to the back-pressure budget; false on broken framing.
    bool fillResponse(SocketChannel* up, bool& done)
    {
        while (true) {
            const qint64 budget = m_options.backPressureBytes - m_io.bytesToWrite() - m_out.size();
            if (budget <= 0) {
                m_responsePaused = true;
                return true;
            }
            const qsizetype mark = m_out.size();
            const auto status = m_responseBody.read(up, m_out, budget, m_passChunks);
            const qsizetype got = m_out.size() - mark;
            if (got > 0 && m_rechunk) {
                QByteArray sizeLine;
                appendNumber(sizeLine, got, 16);
                sizeLine.append("\r\n");
                m_out.insert(mark, sizeLine);
                m_out.append("\r\n");
            }
            if (status == MessageBodyReader::Status::Error) {
                return false;
            }
            if (status == MessageBodyReader::Status::Done
                || (m_responseBody.mode() == MessageBodyReader::Mode::UntilClose && m_upstreamEof
                    && up->bytesAvailable() == 0)) {
                done = true;
                if (m_rechunk) {
                    m_out.append("0\r\n\r\n");
                }
                return true;
            }
            if (got == 0) {
                return true;
            }
        }
    }

    // Parses the response head into m_out (rewritten for the client); false while it is incomplete.
    bool readResponseHead(SocketChannel* up)
    {
        while (true) {
            const qint64 available = up->bytesAvailable();
            if (available == 0) {
                if (m_upstreamEof) {
                    failExchange(502, "UPSTREAM_UNAVAILABLE", u"Upstream closed the connection mid-head"_s);
                }
                return false;
            }
            m_responseBytesSeen = true;
            const qint64 peekSize = std::min<qint64>(available, m_options.maxHeaderBytes + 4);
            m_scratch.resize(peekSize);
            m_scratch.resize(std::max<qint64>(up->peek(m_scratch.data(), peekSize), 0));
            const qsizetype headSize = findHeadEnd(m_scratch);
            if (headSize < 0) {
                if (available > m_options.maxHeaderBytes || m_upstreamEof) {
                    failExchange(502, "UPSTREAM_UNAVAILABLE", u"Upstream sent a malformed response head"_s);
                }
                return false;
            }
            if (!parseResponseHead(QByteArrayView(m_scratch).first(headSize), m_responseHead)
                || m_responseHead.status == 101) {
                failExchange(502, "UPSTREAM_UNAVAILABLE", u"Upstream sent a malformed response head"_s);
                return false;
            }
            up->skip(headSize);
            if (m_responseHead.status >= 200) {
                break;
            }
            if (m_clientHttp11) { // interim responses (100 Continue) pass through to HTTP/1.1 clients
                m_out.append(QByteArrayView(m_scratch).first(headSize));
            }
        }
        m_status = m_responseHead.status;
        const int status = m_status;
        MessageBodyReader::Mode mode = MessageBodyReader::Mode::UntilClose;
        if (m_head.method == "HEAD" || status == 204 || status == 304) {
            mode = MessageBodyReader::Mode::None;
        } else if (m_responseHead.chunked) {
            mode = MessageBodyReader::Mode::Chunked;
        } else if (m_responseHead.contentLength >= 0) {
            mode = MessageBodyReader::Mode::Length;
        }
        m_responseBody.start(mode, m_responseHead.contentLength);
        m_passChunks = mode == MessageBodyReader::Mode::Chunked && m_clientHttp11;
        m_rechunk = mode == MessageBodyReader::Mode::UntilClose && m_clientHttp11;
        if (!m_clientHttp11
            && (mode == MessageBodyReader::Mode::Chunked || mode == MessageBodyReader::Mode::UntilClose)) {
            m_clientKeepAlive = false; // the end of the body is the end of the connection
        }
        appendStatusLine(status, m_responseHead.reason);
        for (const auto& [name, value] : m_responseHead.headers) {
            if (isHopByHopOrFraming(name) || listed(name, m_responseHead.connectionTokens)) {
                continue;
            }
            appendField(m_out, name, value);
        }
        if (m_responseHead.contentLength >= 0 && status != 204 && !m_responseHead.chunked) {
            m_out.append("Content-Length: ");
            appendNumber(m_out, m_responseHead.contentLength);
            m_out.append("\r\n");
        } else if (m_passChunks || m_rechunk) {
            m_out.append("Transfer-Encoding: chunked\r\n");
        }
        appendConnectionField(!m_clientKeepAlive);
        m_out.append("\r\n");
        m_response = Response::Body;
        return true;
    }

    void appendStatusLine(int status, QByteArrayView reason)
    {
        m_out.append("HTTP/1.1 ");
        appendNumber(m_out, status);
        m_out.append(' ').append(reason.isEmpty() ? reasonPhrase(status) : reason).append("\r\n");
    }

    void appendConnectionField(bool close)
    {
        if (close) {
            m_out.append("Connection: close\r\n");
        } else if (!m_clientHttp11) {
            m_out.append("Connection: keep-alive\r\n");
        }
    }

    // The response is complete and the request fully read (or cut short by an early response).
    void completeExchange()
    {
        m_timer.stop();
        const bool requestRead = m_request == Request::Done;
        if (m_upstream) {
            SocketChannel* up = m_upstream->io();
            const bool reusable = requestRead && m_responseHead.keepAlive()
                && m_responseBody.mode() != MessageBodyReader::Mode::UntilClose && !m_upstreamEof
                && up->bytesAvailable() == 0 && up->bytesToWrite() == 0;
            UpstreamConnection* upstream = m_upstream;
            m_upstream = nullptr;
            if (reusable) {
                m_proxy->releaseUpstream(upstream);
            } else {
                upstream->discard();
            }
        }
        reportFinished(m_status);
        if (!requestRead || !m_clientKeepAlive) {
            closeClient();
            return;
        }
        nextRequest();
    }

    void nextRequest()
    {
        if (m_closed) {
            return;
        }
        m_request = Request::Head;
        m_response = Response::None;
        m_routed = false;
        m_bufferedBodyForRoute.clear();
        startTimer(m_options.clientIdleTimeoutMs, Deadline::ClientIdle);
        if (m_io.bytesAvailable() > 0) {
            readRequestHead();
        }
    }

    // The proxy answers in the upstream's place: before any response byte reached the client.
    void failExchange(int status, QByteArrayView code, const QString& message)
    {
        if (m_response == Response::Body) {
            abortResponse(status);
            return;
        }
        if (m_upstream) {
            m_upstream->discard();
            m_upstream = nullptr;
        }
        m_timer.stop();
        if (m_routed) {
            m_routed = false;
            reportFinished(status);
        }
        const bool closeAfter = m_request != Request::Done || !m_clientKeepAlive;
        replyError(status, code, message, closeAfter);
    }

    // The upstream broke off mid-response: the status is already sent, so the client connection is closed.
    void abortResponse(int status = 502)
    {
        if (m_upstream) {
            m_upstream->discard();
            m_upstream = nullptr;
        }
        if (m_routed) {
            m_routed = false;
            reportFinished(status);
        }
        m_timer.stop();
        m_io.abort();
    }

    void replyError(int status, QByteArrayView code, const QString& message, bool closeAfter)
    {
        if (closeAfter) {
            m_clientKeepAlive = false;
        }
        ProxyReply reply;
        reply.status = status;
        reply.body = errorJson(code, message);
        if (closeAfter) {
            m_requestBody.start(MessageBodyReader::Mode::None);
        }
        replyLocal(reply);
    }

    void reportFinished(int status)
    {
        m_routed = false;
        if (m_proxy->m_finished) {
            m_proxy->m_finished(m_route.tag, status, static_cast<double>(m_exchangeClock.nsecsElapsed()) / 1e6);
        }
    }

    void writeClient(QByteArrayView data)
    {
        if (m_closed) {
            return;
        }
        m_io.write(data);
    }

    void closeClient()
    {
        m_timer.stop();
        m_request = Request::Done;
        if (!m_closed) {
            m_io.disconnectFromHost();
        }
    }

    ReverseProxy* m_proxy;
    const ReverseProxy::Options& m_options;
    QTcpSocket* m_socket; // Qt-driven connections only: TLS, or one that may be handed off
    SocketChannel m_io;
    ReverseProxy::HandOff m_handOff;
    QHostAddress m_peer;
    QByteArray m_peerText;
    QBasicTimer m_timer;
    Deadline m_deadline = Deadline::None;

    Request m_request = Request::Head;
    Response m_response = Response::None;
    HttpHead m_requestHead;
    ProxyRequestHead m_head;
    ProxyRoute m_route;
    MessageBodyReader m_requestBody;
    QByteArray m_bufferedBody;
    QByteArray m_bufferedBodyForRoute;
    bool m_hasBufferedBody = false;
    bool m_clientKeepAlive = true;
    bool m_clientHttp11 = true;
    bool m_routed = false;
    bool m_closed = false;
    QElapsedTimer m_exchangeClock;

    UpstreamConnection* m_upstream = nullptr;
    bool m_upstreamReused = false;
    bool m_retried = false;
    bool m_requestBodyStreamed = false;
    bool m_responseBytesSeen = false;
    bool m_upstreamEof = false;
    bool m_requestPaused = false;
    bool m_responsePaused = false;
    QElapsedTimer m_upstreamActivity;
    QByteArray m_upstreamHead;
    HttpHead m_responseHead;
    MessageBodyReader m_responseBody;
    bool m_passChunks = false;
    bool m_rechunk = false;
    int m_status = 0;

    QByteArray m_scratch;
    QByteArray m_out;
};

void UpstreamConnection::onConnected()
{
    m_everConnected = true;
    setLowDelay(m_socket);
    SocketChannel::Events events;
    events.readyRead = [this] {
        onReadyRead();
    };
    events.bytesWritten = [this] {
        onBytesWritten();
    };
    events.closed = [this] {
        onClosed();
    };
    if (m_io.adopt(m_socket, kSocketReadBuffer, std::move(events))) {
        m_socket->deleteLater(); // this runs inside its connected() emission
        m_socket = nullptr;
    }
    if (m_owner) {
        m_owner->onUpstreamConnected();
    }
}

void UpstreamConnection::onReadyRead()
{
    if (m_owner) {
        m_owner->onUpstreamReadyRead();
    } else if (!m_discarded) {
        m_proxy->dropIdleUpstream(this); // an idle connection has nothing to say
    }
}

void UpstreamConnection::onBytesWritten()
{
    if (m_owner) {
        m_owner->onUpstreamBytesWritten();
    }
}

void UpstreamConnection::onClosed()
{
    if (m_closedReported) {
        return;
    }
    m_closedReported = true;
    if (m_owner) {
        m_owner->onUpstreamClosed();
    } else if (!m_discarded) {
        m_proxy->dropIdleUpstream(this);
    }
}

ReverseProxy::ReverseProxy(QObject* parent)
    : ReverseProxy(Options(), parent)
{
}

ReverseProxy::ReverseProxy(const Options& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

ReverseProxy::~ReverseProxy()
{
    const auto clients = m_clients;
    m_clients.clear();
    qDeleteAll(clients);
    for (const auto& list : std::as_const(m_idle)) {
        for (UpstreamConnection* upstream : list) {
            upstream->discard();
        }
    }
    m_idle.clear();
}

void ReverseProxy::setResolver(Resolver resolver)
{
    m_resolver = std::move(resolver);
}

void ReverseProxy::setFinished(Finished finished)
{
    m_finished = std::move(finished);
}

Result<quint16> ReverseProxy::listen(const QHostAddress& address, quint16 port)
{
    if (!m_server) {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = m_server->nextPendingConnection()) {
                serve(socket);
            }
        });
    }
    if (!m_server->listen(address, port)) {
        return makeError(
            ErrorCode::Unavailable,
            tr("Proxy cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(m_server->errorString()));
    }
    return m_server->serverPort();
}

quint16 ReverseProxy::serverPort() const
{
    return m_server ? m_server->serverPort() : 0;
}

void ReverseProxy::serve(QTcpSocket* socket, HandOff handOff)
{
    auto* client = new ClientConnection(this, socket, std::move(handOff));
    m_clients.insert(client);
    client->start();
}

int ReverseProxy::idleUpstreamCount() const
{
    int count = 0;
    for (const auto& list : m_idle) {
        count += static_cast<int>(list.size());
    }
    return count;
}

UpstreamConnection* ReverseProxy::takeIdleUpstream(const TargetKey& key)
{
    auto it = m_idle.find(key);
    while (it != m_idle.end() && !it->isEmpty()) {
        UpstreamConnection* upstream = it->takeLast();
        if (upstream->connected()) {
            return upstream;
        }
        upstream->discard();
    }
    return nullptr;
}

void ReverseProxy::releaseUpstream(UpstreamConnection* upstream)
{
    upstream->setOwner(nullptr);
    auto& list = m_idle[upstream->key()];
    if (list.size() >= m_options.maxIdleUpstreamPerTarget) {
        upstream->discard();
        return;
    }
    list.append(upstream);
}

void ReverseProxy::dropIdleUpstream(UpstreamConnection* upstream)
{
    auto it = m_idle.find(upstream->key());
    if (it != m_idle.end()) {
        it->removeOne(upstream);
    }
    upstream->discard();
}

void ReverseProxy::clientClosed(ClientConnection* client)
{
    m_clients.remove(client);
    client->deleteLater();
}

} // namespace aiops::net
