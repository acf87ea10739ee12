// ReverseProxy and SharedPortServer over real sockets on 127.0.0.1. Upstreams are UpstreamDouble servers
// whose handlers answer each parsed request themselves; clients are raw sockets with an independent
// response parser, so the test sees exactly the bytes the proxy wrote.
#include "core/net/ReverseProxy.h"

#include "core/net/HttpHead.h"
#include "core/net/SharedPortServer.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QWebSocket>
#include <arpa/inet.h>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace aiops;
using namespace aiops::net;
using namespace Qt::StringLiterals;

namespace {

using Fields = QList<std::pair<QByteArray, QByteArray>>;

QByteArray fieldValue(const Fields& fields, QByteArrayView name)
{
    for (const auto& [n, v] : fields) {
        if (n.compare(name, Qt::CaseInsensitive) == 0) {
            return v;
        }
    }
    return {};
}

bool hasField(const Fields& fields, QByteArrayView name)
{
    for (const auto& field : fields) {
        if (field.first.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

// Splits "Name: value" lines after the start line.
Fields parseFields(QByteArrayView head)
{
    Fields fields;
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            fields.append({ line.left(colon), line.mid(colon + 1).trimmed() });
        }
    }
    return fields;
}

// Decodes a chunked body at the start of data; returns the bytes it used, or -1 while incomplete.
qsizetype decodeChunked(QByteArrayView data, QByteArray& body)
{
    body.clear();
    qsizetype pos = 0;
    while (true) {
        const qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0) {
            return -1;
        }
        bool ok = false;
        const qint64 size = data.sliced(pos, nl - pos).trimmed().toByteArray().split(';').first().toLongLong(&ok, 16);
        if (!ok) {
            return -2;
        }
        pos = nl + 1;
        if (size == 0) {
            const qsizetype end = data.indexOf("\r\n", pos);
            return end < 0 ? -1 : end + 2; // no trailers in these tests
        }
        if (data.size() < pos + size + 2) {
            return -1;
        }
        body.append(data.sliced(pos, size));
        pos += size + 2;
    }
}

QByteArray bigBody(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i) {
        data[i] = static_cast<char>((static_cast<quint32>(i) * 2654435761u) >> 24);
    }
    return data;
}

void spin(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QTest::qWait(5);
    }
}

struct SeenRequest
{
    QByteArray method;
    QByteArray target;
    Fields headers;
    QByteArray body;
    int connection = 0;

    QByteArray header(QByteArrayView name) const { return fieldValue(headers, name); }
};

// An upstream HTTP/1.1 server double. The handler answers each complete request; by default a small JSON body
// with Content-Length on a kept-alive connection.
class UpstreamDouble
{
public:
    using Handler = std::function<void(UpstreamDouble& self, QTcpSocket* socket, const SeenRequest& request)>;

    explicit UpstreamDouble(Handler handler = {})
        : m_handler(handler ? std::move(handler) : Handler(&UpstreamDouble::answerJson))
    {
        QObject::connect(&m_server, &QTcpServer::pendingConnectionAvailable, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                accept(socket);
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    static void answerJson(UpstreamDouble&, QTcpSocket* socket, const SeenRequest& request)
    {
        const QByteArray body = R"({"ok":true,"target":")" + request.target + R"("})";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: keep-alive\r\nKeep-Alive: "
                      "timeout=5\r\nX-Upstream: double\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    quint16 port() const { return m_server.serverPort(); }
    int connections() const { return m_connections; }
    int closedByPeer() const { return m_closedByPeer; }
    const QList<SeenRequest>& requests() const { return m_requests; }
    QTcpSocket* lastSocket() const { return m_lastSocket; }

private:
    void accept(QTcpSocket* socket)
    {
        const int id = ++m_connections;
        m_lastSocket = socket;
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, id] {
            buffer->append(socket->readAll());
            while (parseOne(socket, *buffer, id)) { }
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
            ++m_closedByPeer;
            socket->deleteLater();
        });
    }

    bool parseOne(QTcpSocket* socket, QByteArray& buffer, int id)
    {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        SeenRequest request;
        const QList<QByteArray> startLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
        request.method = startLine.value(0);
        request.target = startLine.value(1);
        request.headers = parseFields(QByteArrayView(buffer).first(headEnd));
        request.connection = id;
        qsizetype used = headEnd + 4;
        if (request.header("Transfer-Encoding") == "chunked") {
            const qsizetype n = decodeChunked(QByteArrayView(buffer).sliced(used), request.body);
            if (n < 0) {
                return false;
            }
            used += n;
        } else {
            const qsizetype length = request.header("Content-Length").toLongLong();
            if (buffer.size() < used + length) {
                return false;
            }
            request.body = buffer.mid(used, length);
            used += length;
        }
        buffer.remove(0, used);
        m_requests.append(request);
        m_handler(*this, socket, request);
        return true;
    }

    Handler m_handler;
    QTcpServer m_server;
    QList<SeenRequest> m_requests;
    QPointer<QTcpSocket> m_lastSocket;
    int m_connections = 0;
    int m_closedByPeer = 0;
};

struct ParsedResponse
{
    int status = 0;
    Fields headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const { return fieldValue(headers, name); }
};

// A raw client connection; next() parses one response from what arrived.
class TestClient
{
public:
    explicit TestClient(quint16 port, bool tls = false)
    {
        if (tls) {
            m_socket.setPeerVerifyMode(QSslSocket::VerifyNone);
            m_socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
            QDeadlineTimer deadline(5000); // the server handshakes on this thread: no blocking wait
            while (!m_socket.isEncrypted() && !deadline.hasExpired()) {
                QTest::qWait(5);
            }
        } else {
            m_socket.connectToHost(QHostAddress::LocalHost, port);
            m_socket.waitForConnected(5000);
        }
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { m_buffer.append(m_socket.readAll()); });
    }

    QSslSocket& socket() { return m_socket; }
    const QByteArray& buffer() const { return m_buffer; }
    void send(const QByteArray& data)
    {
        m_socket.write(data);
        m_socket.flush();
    }
    bool closed() const { return m_socket.state() == QAbstractSocket::UnconnectedState; }

    std::optional<ParsedResponse> next(int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (true) {
            m_buffer.append(m_socket.readAll());
            if (auto response = tryParse()) {
                return response;
            }
            if (deadline.hasExpired()) {
                return std::nullopt;
            }
            QTest::qWait(5);
        }
    }

    bool waitClosed(int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!closed() && !deadline.hasExpired()) {
            QTest::qWait(5);
        }
        m_buffer.append(m_socket.readAll());
        return closed();
    }

private:
    std::optional<ParsedResponse> tryParse()
    {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return std::nullopt;
        }
        ParsedResponse response;
        response.status = m_buffer.mid(9, 3).toInt();
        response.headers = parseFields(QByteArrayView(m_buffer).first(headEnd));
        qsizetype used = headEnd + 4;
        if (response.status < 200) {
            m_buffer.remove(0, used);
            return tryParse();
        }
        if (response.header("Transfer-Encoding") == "chunked") {
            const qsizetype n = decodeChunked(QByteArrayView(m_buffer).sliced(used), response.body);
            if (n < 0) {
                return std::nullopt;
            }
            used += n;
        } else if (hasField(response.headers, "Content-Length")) {
            const qsizetype length = response.header("Content-Length").toLongLong();
            if (m_buffer.size() < used + length) {
                return std::nullopt;
            }
            response.body = m_buffer.mid(used, length);
            used += length;
        } else {
            if (!closed()) {
                return std::nullopt;
            }
            response.body = m_buffer.mid(used);
            used = m_buffer.size();
        }
        m_buffer.remove(0, used);
        return response;
    }

    QSslSocket m_socket; // plain TCP unless the constructor asked for TLS
    QByteArray m_buffer;
};

// A client on a plain non-blocking socket: unlike QTcpSocket it takes nothing off the kernel until asked.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    }
    ~RawClient() { ::close(m_fd); }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    void send(const QByteArray& data) { QCOMPARE(::send(m_fd, data.constData(), data.size(), 0), data.size()); }

    // Reads until the head and bodySize bytes after it arrived, or the time is up.
    QByteArray receive(qsizetype bodySize, int timeoutMs)
    {
        QByteArray data;
        QDeadlineTimer deadline(timeoutMs);
        char buffer[256 * 1024];
        while (!deadline.hasExpired()) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                data.append(buffer, n);
                const qsizetype headEnd = data.indexOf("\r\n\r\n");
                if (headEnd >= 0 && data.size() >= headEnd + 4 + bodySize) {
                    break;
                }
                continue;
            }
            if (n == 0) {
                break;
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
        return data;
    }

private:
    int m_fd = -1;
};

// A throwaway self-signed certificate and key (EC P-256) for the TLS front door.
QSslConfiguration selfSignedServerConfiguration()
{
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_sign(cert, key, EVP_sha256());
    const auto toPem = [](auto write) {
        BIO* bio = BIO_new(BIO_s_mem());
        write(bio);
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        QByteArray pem(data, size);
        BIO_free(bio);
        return pem;
    };
    const QByteArray certPem = toPem([cert](BIO* bio) { PEM_write_bio_X509(bio, cert); });
    const QByteArray keyPem
        = toPem([key](BIO* bio) { PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr); });
    X509_free(cert);
    EVP_PKEY_free(key);

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(certPem));
    configuration.setPrivateKey(QSslKey(keyPem, QSsl::Ec));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

QByteArray get(QByteArrayView target, QByteArrayView extra = {})
{
    return "GET " + target.toByteArray() + " HTTP/1.1\r\nHost: proxy.test\r\n" + extra.toByteArray() + "\r\n";
}

QByteArray errorCodeOf(const ParsedResponse& response)
{
    return QJsonDocument::fromJson(response.body).object().value(u"errorCode"_s).toString().toLatin1();
}

struct FinishedCall
{
    quint64 tag = 0;
    int status = 0;
    double elapsedMs = 0;
};

// A free TCP port that refuses connections.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

class ReverseProxyTest final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void requestHeads_data();
    void requestHeads();
    void chunkSizeLines();
    void getIsForwardedWithRewrittenHead();
    void postWithContentLength();
    void chunkedRequestAndResponse();
    void keepAliveReusesOneUpstreamConnection();
    void serverSentEventsArriveEventByEvent();
    void needBodyRoutesByModelField();
    void stalledBodyClosesTheConnection();
    void localReplyWithRetryAfter();
    void refusedUpstreamIs502();
    void silentUpstreamIs504();
    void upstreamDyingMidResponseClosesClient();
    void clientDisconnectMidStreamClosesUpstream();
    void garbageIs400AndOthersAreStillServed();
    void oversizedHeadIs431();
    void largeBodiesStreamWithBackPressure();
    void http10ClientGetsUnchunkedBody();
    void finishedReportsTagStatusAndTime();
    void sharedPortSplitsProxyAndHttpServer();
    void sharedPortServesTls();

private:
    ReverseProxy::Options m_options;
    std::unique_ptr<ReverseProxy> m_proxy;
    quint16 m_port = 0;
    QList<FinishedCall> m_finished;

    void startProxy(ReverseProxy::Resolver resolver);
    static ReverseProxy::Resolver routeTo(quint16 port);
};

void ReverseProxyTest::init()
{
    m_options = ReverseProxy::Options();
    m_finished.clear();
}

void ReverseProxyTest::cleanup()
{
    m_proxy.reset();
}

void ReverseProxyTest::startProxy(ReverseProxy::Resolver resolver)
{
    m_proxy = std::make_unique<ReverseProxy>(m_options);
    m_proxy->setResolver(std::move(resolver));
    m_proxy->setFinished([this](quint64 tag, int status, double ms) { m_finished.append({ tag, status, ms }); });
    const auto port = m_proxy->listen(QHostAddress::LocalHost);
    QVERIFY(port.has_value());
    m_port = *port;
}

// Routes /models/m/i/<rest> to <rest> on the upstream, tagged 7.
ReverseProxy::Resolver ReverseProxyTest::routeTo(quint16 port)
{
    return [port](const ProxyRequestHead& head, const QByteArray*) -> ProxyDecision {
        ProxyRoute route;
        route.host = u"127.0.0.1"_s;
        route.port = port;
        route.path = head.target.startsWith("/models/m/i") ? head.target.mid(11) : head.target;
        route.setHeaders = { { "X-Aiops-Proxy-Token", "secret" } };
        route.removeHeaders = { "Authorization" };
        route.tag = 7;
        return route;
    };
}

void ReverseProxyTest::requestHeads_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<qint64>("contentLength");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("get 1.1") << QByteArray("GET /a?b=1 HTTP/1.1\r\nHost: x\r\n\r\n") << true << QByteArray("/a?b=1")
                             << qint64(-1) << false << true;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: x\n\n") << true << QByteArray("/") << qint64(-1)
                             << false << true;
    QTest::newRow("1.0 default close") << QByteArray("GET / HTTP/1.0\r\n\r\n") << true << QByteArray("/") << qint64(-1)
                                       << false << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true
                                    << QByteArray("/") << qint64(-1) << false << true;
    QTest::newRow("close") << QByteArray("GET / HTTP/1.1\r\nConnection: x-hop, close\r\n\r\n") << true
                           << QByteArray("/") << qint64(-1) << false << false;
    QTest::newRow("length") << QByteArray("POST / HTTP/1.1\r\ncontent-length:  12 \r\n\r\n") << true << QByteArray("/")
                            << qint64(12) << false << true;
    QTest::newRow("same length twice") << QByteArray(
        "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n")
                                       << true << QByteArray("/") << qint64(3) << false << true;
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << true
                             << QByteArray("/") << qint64(-1) << true << true;
    QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
                                 << false << QByteArray() << qint64(-1) << false << false;
    QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << false
                                     << QByteArray() << qint64(-1) << false << false;
    QTest::newRow("chunked not last") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")
                                      << false << QByteArray() << qint64(-1) << false << false;
    QTest::newRow("http 2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << false << QByteArray() << qint64(-1) << false
                            << false;
    QTest::newRow("space in name") << QByteArray("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n") << false << QByteArray()
                                   << qint64(-1) << false << false;
    QTest::newRow("control in target") << QByteArray("GET /a\x01 HTTP/1.1\r\n\r\n") << false << QByteArray()
                                       << qint64(-1) << false << false;
}

void ReverseProxyTest::requestHeads()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, valid);
    QCOMPARE(findHeadEnd(head), head.size());
    QCOMPARE(findHeadEnd(head.chopped(1)), -1);
    HttpHead parsed;
    QCOMPARE(parseRequestHead(head, parsed), valid);
    if (valid) {
        QTEST(parsed.target, "target");
        QTEST(parsed.contentLength, "contentLength");
        QTEST(parsed.chunked, "chunked");
        QTEST(parsed.keepAlive(), "keepAlive");
    }
}

void ReverseProxyTest::chunkSizeLines()
{
    QCOMPARE(parseChunkSizeLine("1a\r\n"), 26);
    QCOMPARE(parseChunkSizeLine("FF;name=value\r\n"), 255);
    QCOMPARE(parseChunkSizeLine("0\n"), 0);
    QCOMPARE(parseChunkSizeLine("\r\n"), -1);
    QCOMPARE(parseChunkSizeLine("-1\r\n"), -1);
    QCOMPARE(parseChunkSizeLine("1g\r\n"), -1);
    QCOMPARE(parseChunkSizeLine("1234567890abcdef0\r\n"), -1); // would overflow
    HttpHead response;
    QVERIFY(parseResponseHead("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n", response));
    QCOMPARE(response.status, 204);
    QCOMPARE(response.reason, QByteArray("No Content"));
    QVERIFY(!response.keepAlive());
    QVERIFY(parseResponseHead("HTTP/1.0 200\r\n\r\n", response));
    QVERIFY(!response.keepAlive());
    QVERIFY(!parseResponseHead("HTTP/1.1 20 OK\r\n\r\n", response));
    QVERIFY(isHopByHopOrFraming("Proxy-Authorization"));
    QVERIFY(isHopByHopOrFraming("TRANSFER-ENCODING"));
    QVERIFY(!isHopByHopOrFraming("Authorization"));
}

void ReverseProxyTest::getIsForwardedWithRewrittenHead()
{
    UpstreamDouble upstream;
    startProxy(routeTo(upstream.port()));
    TestClient client(m_port);
    client.send(get("/models/m/i/v1/models?x=1",
                    "Authorization: Bearer user\r\nX-Custom: kept\r\nConnection: keep-alive, X-Hop\r\nX-Hop: "
                    "gone\r\nX-Aiops-Proxy-Token: forged\r\nX-Forwarded-For: 10.0.0.9\r\n"));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray(R"({"ok":true,"target":"/v1/models?x=1"})"));
    QCOMPARE(response->header("X-Upstream"), QByteArray("double"));
    QVERIFY(!hasField(response->headers, "Keep-Alive"));
    QVERIFY(!hasField(response->headers, "Connection"));

    QCOMPARE(upstream.requests().size(), 1);
    const SeenRequest& seen = upstream.requests().first();
    QCOMPARE(seen.method, QByteArray("GET"));
    QCOMPARE(seen.target, QByteArray("/v1/models?x=1"));
    QCOMPARE(seen.header("X-Custom"), QByteArray("kept"));
    QCOMPARE(seen.header("Host"), QByteArray("proxy.test"));
    QCOMPARE(seen.header("X-Aiops-Proxy-Token"), QByteArray("secret"));
    QCOMPARE(seen.header("X-Forwarded-For"), QByteArray("10.0.0.9, 127.0.0.1"));
    QVERIFY(!hasField(seen.headers, "Authorization"));
    QVERIFY(!hasField(seen.headers, "X-Hop"));
    QVERIFY(!hasField(seen.headers, "Connection"));
}

void ReverseProxyTest::postWithContentLength()
{
    UpstreamDouble upstream([](UpstreamDouble&, QTcpSocket* socket, const SeenRequest& request) {
        socket->write("HTTP/1.1 201 Created\r\nContent-Length: " + QByteArray::number(request.body.size() + 5)
                      + "\r\n\r\necho:" + request.body);
    });
    startProxy(routeTo(upstream.port()));
    TestClient client(m_port);
    const QByteArray body = R"({"model":"m","prompt":"hello"})";
    client.send("POST /models/m/i/v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 201);
    QCOMPARE(response->body, "echo:" + body);
    QCOMPARE(upstream.requests().first().body, body);
    QCOMPARE(upstream.requests().first().header("Content-Length"), QByteArray::number(body.size()));
}

void ReverseProxyTest::chunkedRequestAndResponse()
{
    UpstreamDouble upstream([](UpstreamDouble&, QTcpSocket* socket, const SeenRequest& request) {
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        socket->write("5\r\nfirst\r\n");
        socket->write(QByteArray::number(request.body.size(), 16) + "\r\n" + request.body + "\r\n0\r\n\r\n");
    });
    startProxy(routeTo(upstream.port()));
    TestClient client(m_port);
    client.send("POST /models/m/i/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n");
    spin(50);
    client.send("3;ext=1\r\nefg\r\n");
    spin(50);
    client.send("0\r\n\r\n");
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Transfer-Encoding"), QByteArray("chunked"));
    QCOMPARE(response->body, QByteArray("firstabcdefg"));
    QCOMPARE(upstream.requests().first().header("Transfer-Encoding"), QByteArray("chunked"));
    QCOMPARE(upstream.requests().first().body, QByteArray("abcdefg"));

    // The connection is still in step: a second request on it works.
    client.send(get("/models/m/i/again"));
    const auto again = client.next();
    QVERIFY(again);
    QCOMPARE(upstream.requests().size(), 2);
    QCOMPARE(upstream.requests().last().target, QByteArray("/again"));
}

void ReverseProxyTest::keepAliveReusesOneUpstreamConnection()
{
    UpstreamDouble upstream;
    startProxy(routeTo(upstream.port()));
    {
        TestClient client(m_port);
        for (int i = 0; i < 5; ++i) {
            client.send(get(QByteArray("/models/m/i/r" + QByteArray::number(i))));
            const auto response = client.next();
            QVERIFY(response);
            QCOMPARE(response->status, 200);
            QVERIFY(response->body.contains(QByteArray("/r" + QByteArray::number(i))));
        }
        // Pipelined: two requests in one write, answered in order.
        client.send(get("/models/m/i/p1") + get("/models/m/i/p2"));
        const auto first = client.next();
        const auto second = client.next();
        QVERIFY(first && second);
        QVERIFY(first->body.contains("/p1"));
        QVERIFY(second->body.contains("/p2"));
    }
    TestClient other(m_port);
    other.send(get("/models/m/i/other"));
    QVERIFY(other.next());
    QCOMPARE(upstream.connections(), 1);
    QCOMPARE(upstream.requests().size(), 8);
    QCOMPARE(m_proxy->idleUpstreamCount(), 1);
}

void ReverseProxyTest::serverSentEventsArriveEventByEvent()
{
    QPointer<QTcpSocket> stream;
    UpstreamDouble upstream([&stream](UpstreamDouble&, QTcpSocket* socket, const SeenRequest&) {
        stream = socket;
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        const QByteArray event = "data: {\"token\":\"one\"}\n\n";
        socket->write(QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n");
    });
    startProxy(routeTo(upstream.port()));
    TestClient client(m_port);
    client.send("POST /models/m/i/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
    QTRY_VERIFY_WITH_TIMEOUT(client.buffer().contains("token\":\"one"), 5000);
    QVERIFY(!client.buffer().contains("token\":\"two"));
    QVERIFY(stream);

    const QByteArray second = "data: {\"token\":\"two\"}\n\n";
    stream->write(QByteArray::number(second.size(), 16) + "\r\n" + second + "\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.buffer().contains("token\":\"two"), 5000);
    stream->write("0\r\n\r\n");
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->header("Content-Type"), QByteArray("text/event-stream"));
    QCOMPARE(response->body, "data: {\"token\":\"one\"}\n\n" + second);
    QTRY_COMPARE(m_finished.size(), 1);
    QCOMPARE(m_finished.first().status, 200);
}

void ReverseProxyTest::needBodyRoutesByModelField()
{
    UpstreamDouble llama;
    UpstreamDouble qwen;
    int calls = 0;
    startProxy([&](const ProxyRequestHead& head, const QByteArray* body) -> ProxyDecision {
        ++calls;
        if (!body) {
            return ProxyNeedBody {};
        }
        const QString model = QJsonDocument::fromJson(*body).object().value(u"model"_s).toString();
        ProxyRoute route;
        route.host = u"127.0.0.1"_s;
        route.port = model == u"qwen"_s ? qwen.port() : llama.port();
        route.path = head.target;
        return route;
    });
    TestClient client(m_port);
    const QByteArray body = R"({"model":"qwen","messages":[]})";
    client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n");
    spin(50);
    client.send(body.left(10));
    spin(50);
    client.send(body.mid(10));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(calls, 2);
    QCOMPARE(qwen.requests().size(), 1);
    QCOMPARE(llama.requests().size(), 0);
    QCOMPARE(qwen.requests().first().body, body);
    QVERIFY(!hasField(qwen.requests().first().headers, "Expect"));
}

void ReverseProxyTest::stalledBodyClosesTheConnection()
{
    m_options.clientIdleTimeoutMs = 300;
    startProxy([](const ProxyRequestHead&, const QByteArray*) -> ProxyDecision { return ProxyNeedBody {}; });
    TestClient client(m_port);
    client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{\"");
    QVERIFY(client.waitClosed(3000));
    QTRY_COMPARE(m_proxy->clientConnectionCount(), 0);
}

void ReverseProxyTest::localReplyWithRetryAfter()
{
    int calls = 0;
    startProxy([&calls](const ProxyRequestHead&, const QByteArray*) -> ProxyDecision {
        ++calls;
        ProxyReply reply;
        reply.status = 503;
        reply.body = R"({"errorCode":"SERVICE_UNAVAILABLE","message":"no instance ready"})";
        reply.headers = { { "Retry-After", "7" } };
        return reply;
    });
    TestClient client(m_port);
    client.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 503);
    QCOMPARE(response->header("Retry-After"), QByteArray("7"));
    QCOMPARE(response->header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(errorCodeOf(*response), QByteArray("SERVICE_UNAVAILABLE"));
    // The unread body was skipped: the next request on the connection is parsed correctly.
    client.send(get("/v1/models"));
    QVERIFY(client.next());
    QCOMPARE(calls, 2);
    QVERIFY(m_finished.isEmpty());
}

void ReverseProxyTest::refusedUpstreamIs502()
{
    startProxy(routeTo(closedPort()));
    TestClient client(m_port);
    client.send(get("/models/m/i/x"));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 502);
    QCOMPARE(errorCodeOf(*response), QByteArray("UPSTREAM_UNAVAILABLE"));
    QTRY_COMPARE(m_finished.size(), 1);
    QCOMPARE(m_finished.first().status, 502);
    QCOMPARE(m_finished.first().tag, quint64(7));
}

void ReverseProxyTest::silentUpstreamIs504()
{
    UpstreamDouble upstream([](UpstreamDouble&, QTcpSocket*, const SeenRequest&) {});
    m_options.upstreamIdleTimeoutMs = 300;
    startProxy(routeTo(upstream.port()));
    TestClient client(m_port);
    client.send(get("/models/m/i/slow"));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 504);
    QCOMPARE(errorCodeOf(*response), QByteArray("UPSTREAM_TIMEOUT"));
    QCOMPARE(m_finished.size(), 1);
    QCOMPARE(m_finished.first().status, 504);
    QVERIFY(m_finished.first().elapsedMs >= 290);
    QTRY_COMPARE(upstream.closedByPeer(), 1); // the silent connection is not pooled
}

void ReverseProxyTest::upstreamDyingMidResponseClosesClient()
{
    UpstreamDouble upstream([](UpstreamDouble&, QTcpSocket* socket, const SeenRequest&) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + QByteArray(100, 'x'));
        socket->flush();
        QTimer::singleShot(50, socket, [socket] { socket->abort(); });
    });
    startProxy(routeTo(upstream.port()));
    TestClient client(m_port);
    client.send(get("/models/m/i/dies"));
    QVERIFY(client.waitClosed());
    QVERIFY(client.buffer().startsWith("HTTP/1.1 200 OK"));
    QVERIFY(client.buffer().endsWith(QByteArray(100, 'x')));
    QCOMPARE(m_finished.size(), 1);
    QCOMPARE(m_finished.first().status, 502);
}

void ReverseProxyTest::clientDisconnectMidStreamClosesUpstream()
{
    UpstreamDouble upstream([](UpstreamDouble&, QTcpSocket* socket, const SeenRequest&) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "9\r\ndata: 1\n\n\r\n");
    });
    startProxy(routeTo(upstream.port()));
    {
        TestClient client(m_port);
        client.send(get("/models/m/i/stream"));
        QTRY_VERIFY_WITH_TIMEOUT(client.buffer().contains("data: 1"), 5000);
        client.socket().abort();
    }
    QTRY_COMPARE(upstream.closedByPeer(), 1);
    QCOMPARE(m_finished.size(), 1);
    QCOMPARE(m_finished.first().status, 499);
    QCOMPARE(m_proxy->idleUpstreamCount(), 0);
    QTRY_COMPARE(m_proxy->clientConnectionCount(), 0);
}

void ReverseProxyTest::garbageIs400AndOthersAreStillServed()
{
    UpstreamDouble upstream;
    startProxy(routeTo(upstream.port()));
    const QList<QByteArray> garbage = {
        QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), // a TLS ClientHello
        "GET /x HTTP/9.9\r\n\r\n",
        "GET  /x HTTP/1.1\r\n\r\n",
        "GET /x HTTP/1.1\r\nNo colon here\r\n\r\n",
        "GET /x HTTP/1.1\r\n folded: line\r\n\r\n",
        "POST /x HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    };
    for (const QByteArray& bytes : garbage) {
        TestClient client(m_port);
        client.send(bytes);
        const auto response = client.next();
        QVERIFY2(response, bytes.constData());
        QCOMPARE(response->status, 400);
        QCOMPARE(errorCodeOf(*response), QByteArray("BAD_REQUEST"));
        QVERIFY(client.waitClosed());
    }
    // Random bytes, and random cuts of a valid exchange, on connections that then go away.
    QRandomGenerator random(20261124);
    const QByteArray valid
        = "POST /models/m/i/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n";
    for (int i = 0; i < 60; ++i) {
        QByteArray bytes = valid.left(random.bounded(valid.size()));
        for (int j = random.bounded(64); j > 0; --j) {
            bytes.insert(random.bounded(bytes.size() + 1), static_cast<char>(random.bounded(256)));
        }
        TestClient client(m_port);
        client.send(bytes);
        spin(2);
    }
    spin(100);
    TestClient good(m_port);
    good.send(get("/models/m/i/fine"));
    const auto response = good.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
}

void ReverseProxyTest::oversizedHeadIs431()
{
    m_options.maxHeaderBytes = 4096;
    UpstreamDouble upstream;
    startProxy(routeTo(upstream.port()));
    TestClient client(m_port);
    client.send("GET /models/m/i/x HTTP/1.1\r\nX-Big: " + QByteArray(8000, 'a') + "\r\n\r\n");
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 431);
    QVERIFY(upstream.requests().isEmpty());
}

void ReverseProxyTest::largeBodiesStreamWithBackPressure()
{
    const QByteArray upload = bigBody(20 * 1024 * 1024);
    const QByteArray download = bigBody(64 * 1024 * 1024);
    QPointer<QTcpSocket> upstreamSocket;
    UpstreamDouble upstream([&](UpstreamDouble&, QTcpSocket* socket, const SeenRequest& request) {
        upstreamSocket = socket;
        if (request.method == "POST") {
            const QByteArray digest = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 64\r\n\r\n" + digest);
        } else {
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(download.size()) + "\r\n\r\n");
            socket->write(download);
        }
    });
    startProxy(routeTo(upstream.port()));
    TestClient client(m_port);
    client.send("POST /models/m/i/upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(upload.size())
                + "\r\n\r\n" + upload);
    const auto uploaded = client.next(30000);
    QVERIFY(uploaded);
    QCOMPARE(uploaded->body, QCryptographicHash::hash(upload, QCryptographicHash::Sha256).toHex());

    // A client that stops reading (a plain socket, so nothing drains the kernel buffers): the proxy stops reading
    // the upstream instead of buffering the body.
    RawClient slow(m_port);
    slow.send(get("/models/m/i/download"));
    spin(1000);
    QVERIFY(upstreamSocket);
    const qint64 heldByUpstream = upstreamSocket->bytesToWrite();
    QVERIFY2(heldByUpstream > 32 * 1024 * 1024, QByteArray::number(heldByUpstream).constData());

    const QByteArray downloaded = slow.receive(download.size(), 60000);
    const qsizetype headEnd = downloaded.indexOf("\r\n\r\n");
    QVERIFY(downloaded.startsWith("HTTP/1.1 200 OK\r\n"));
    QCOMPARE(downloaded.size() - headEnd - 4, download.size());
    QVERIFY(QByteArrayView(downloaded).sliced(headEnd + 4) == download);
    QCOMPARE(upstream.connections(), 1);
}

void ReverseProxyTest::http10ClientGetsUnchunkedBody()
{
    UpstreamDouble upstream([](UpstreamDouble&, QTcpSocket* socket, const SeenRequest&) {
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    });
    startProxy(routeTo(upstream.port()));
    TestClient client(m_port);
    client.send("GET /models/m/i/old HTTP/1.0\r\n\r\n");
    QVERIFY(client.waitClosed());
    const auto response = client.next(100);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QVERIFY(!hasField(response->headers, "Transfer-Encoding"));
    QCOMPARE(response->body, QByteArray("abcde"));
    QCOMPARE(upstream.requests().first().header("Host"), "127.0.0.1:" + QByteArray::number(upstream.port()));
}

void ReverseProxyTest::finishedReportsTagStatusAndTime()
{
    UpstreamDouble upstream([](UpstreamDouble&, QTcpSocket* socket, const SeenRequest&) {
        QTimer::singleShot(
            120, socket, [socket] { socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}"); });
    });
    startProxy(routeTo(upstream.port()));
    TestClient client(m_port);
    client.send(get("/models/m/i/missing"));
    const auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 404);
    QCOMPARE(m_finished.size(), 1);
    QCOMPARE(m_finished.first().tag, quint64(7));
    QCOMPARE(m_finished.first().status, 404);
    QVERIFY(m_finished.first().elapsedMs >= 110);
    QVERIFY(m_finished.first().elapsedMs < 5000);
}

void ReverseProxyTest::sharedPortSplitsProxyAndHttpServer()
{
    UpstreamDouble upstream;
    startProxy(routeTo(upstream.port()));
    QHttpServer http;
    http.route(u"/other"_s, [] { return u"from http server"_s; });
    // Qt 6.4 upgrades only when a route takes the request and writes nothing (as the controller's gateways do).
    http.route(u"/ws/test"_s, [](const QHttpServerRequest&, QHttpServerResponder&&) {});
    std::vector<std::unique_ptr<QWebSocket>> webSockets;
    QObject::connect(&http, &QHttpServer::newWebSocketConnection, &http, [&] {
        while (auto pending = http.nextPendingWebSocketConnection()) {
            QWebSocket* socket = pending.get();
            webSockets.push_back(std::move(pending));
            QObject::connect(socket, &QWebSocket::textMessageReceived, socket, [socket](const QString& text) {
                socket->sendTextMessage(u"echo:"_s + text);
            });
        }
    });
    auto* front
        = new SharedPortServer(m_proxy.get(), [](QByteArrayView target) { return target.startsWith("/models/"); });
    QVERIFY(front->listen(QHostAddress::LocalHost));
    http.bind(front);
    const quint16 port = front->serverPort();

    TestClient proxied(port);
    proxied.send(get("/models/m/i/v1/models"));
    auto response = proxied.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QVERIFY(response->body.contains("/v1/models"));

    TestClient rest(port);
    rest.send(get("/other"));
    response = rest.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, QByteArray("from http server"));

    // One keep-alive connection: proxied first, then a REST request handed over at the request boundary.
    TestClient mixed(port);
    mixed.send(get("/models/m/i/first"));
    response = mixed.next();
    QVERIFY(response);
    QVERIFY(response->body.contains("/first"));
    mixed.send(get("/other"));
    response = mixed.next();
    QVERIFY(response);
    QCOMPARE(response->body, QByteArray("from http server"));
    QCOMPARE(upstream.requests().size(), 2);

    QWebSocket ws;
    QString echoed;
    QObject::connect(&ws, &QWebSocket::textMessageReceived, &ws, [&echoed](const QString& text) { echoed = text; });
    ws.open(QUrl(u"ws://127.0.0.1:%1/ws/test"_s.arg(port)));
    QTRY_VERIFY_WITH_TIMEOUT(ws.state() == QAbstractSocket::ConnectedState, 5000);
    ws.sendTextMessage(u"ping"_s);
    QTRY_COMPARE_WITH_TIMEOUT(echoed, u"echo:ping"_s, 5000);
    QCOMPARE(webSockets.size(), 1);
    ws.close();
}

void ReverseProxyTest::sharedPortServesTls()
{
    UpstreamDouble upstream;
    startProxy(routeTo(upstream.port()));
    QHttpServer http;
    http.route(u"/other"_s, [] { return u"from http server"_s; });
    http.route(u"/ws/test"_s, [](const QHttpServerRequest&, QHttpServerResponder&&) {});
    std::vector<std::unique_ptr<QWebSocket>> webSockets;
    QObject::connect(&http, &QHttpServer::newWebSocketConnection, &http, [&] {
        while (auto pending = http.nextPendingWebSocketConnection()) {
            webSockets.push_back(std::move(pending));
        }
    });
    auto* front
        = new SharedPortServer(m_proxy.get(), [](QByteArrayView target) { return target.startsWith("/models/"); });
    front->setSslConfiguration(selfSignedServerConfiguration());
    QVERIFY(front->listen(QHostAddress::LocalHost));
    http.bind(front);
    const quint16 port = front->serverPort();

    TestClient client(port, true);
    QVERIFY(client.socket().isEncrypted());
    client.send(get("/models/m/i/secure"));
    auto response = client.next();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QVERIFY(response->body.contains("/secure"));
    client.send(get("/other"));
    response = client.next();
    QVERIFY(response);
    QCOMPARE(response->body, QByteArray("from http server"));

    // Plain HTTP on a TLS port gets nowhere.
    TestClient plain(port);
    plain.send(get("/models/m/i/plain"));
    QVERIFY(!plain.next(500));
    QCOMPARE(upstream.requests().size(), 1);

    QWebSocket ws;
    QSslConfiguration noVerify = QSslConfiguration::defaultConfiguration();
    noVerify.setPeerVerifyMode(QSslSocket::VerifyNone);
    ws.setSslConfiguration(noVerify);
    ws.open(QUrl(u"wss://127.0.0.1:%1/ws/test"_s.arg(port)));
    QTRY_VERIFY_WITH_TIMEOUT(ws.state() == QAbstractSocket::ConnectedState, 5000);
    QTRY_COMPARE(webSockets.size(), size_t(1));
    ws.close();
}

QTEST_GUILESS_MAIN(ReverseProxyTest)
#include "ReverseProxyTest.moc"
