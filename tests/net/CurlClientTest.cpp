// CurlClient against in-process servers: QHttpServer for ordinary exchanges, a raw QTcpServer where the test
// needs control over timing and connections, and a QLocalServer for HTTP over a unix socket.
#include "core/net/CurlClient.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>
#include <functional>
#include <memory>

using namespace aiops;
using namespace aiops::net;
using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kBigSize = 20 * 1024 * 1024;

QByteArray makeBigBody()
{
    QByteArray data(kBigSize, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i) {
        data[i] = static_cast<char>((static_cast<quint32>(i) * 2654435761u) >> 24);
    }
    return data;
}

// Waits for finished() and returns its result.
Result<Response> waitFinished(Transfer* transfer, int timeoutMs = 15000)
{
    std::optional<Result<Response>> result;
    QObject::connect(transfer, &Transfer::finished, transfer, [&result](const Result<Response>& r) { result = r; });
    QDeadlineTimer deadline(timeoutMs);
    while (!result && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    if (!result) {
        return makeError(ErrorCode::Internal, u"test: transfer did not finish in time"_s);
    }
    return *result;
}

// A TCP server whose handler answers each request head itself; counts open connections.
class RawHttpServer
{
public:
    using Handler = std::function<void(RawHttpServer& server, QTcpSocket* socket, const QByteArray& head)>;

    explicit RawHttpServer(Handler handler)
        : m_handler(std::move(handler))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                accept(socket);
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    QUrl url(const QString& path) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(path));
    }
    int openConnections() const { return static_cast<int>(m_open.size()); }
    int maxOpenConnections() const { return m_maxOpen; }
    int totalConnections() const { return m_total; }
    int disconnectsByPeer() const { return m_peerDisconnects; }

    // Answers and closes; the connection stops counting as open right away.
    void respondAndClose(QTcpSocket* socket, const QByteArray& body, const QByteArray& status = "200 OK")
    {
        socket->write("HTTP/1.1 " + status + "\r\nContent-Length: " + QByteArray::number(body.size())
                      + "\r\nConnection: close\r\n\r\n" + body);
        m_open.remove(socket);
        socket->disconnectFromHost();
    }

private:
    void accept(QTcpSocket* socket)
    {
        m_open.insert(socket);
        ++m_total;
        m_maxOpen = std::max(m_maxOpen, openConnections());
        auto buffer = std::make_shared<QByteArray>();
        auto handled = std::make_shared<bool>(false);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, handled] {
            buffer->append(socket->readAll());
            if (!*handled && buffer->contains("\r\n\r\n")) {
                *handled = true;
                m_handler(*this, socket, buffer->left(buffer->indexOf("\r\n\r\n")));
            }
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
            if (m_open.remove(socket)) {
                ++m_peerDisconnects;
            }
            socket->deleteLater();
        });
    }

    Handler m_handler;
    QTcpServer m_server;
    QSet<QTcpSocket*> m_open;
    int m_maxOpen = 0;
    int m_total = 0;
    int m_peerDisconnects = 0;
};

// Sends a body of `total` bytes in `chunk`-sized pieces every `intervalMs`.
void drip(QTcpSocket* socket, qint64 total, qint64 chunk, int intervalMs)
{
    socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(total) + "\r\n\r\n");
    auto* timer = new QTimer(socket);
    auto sent = std::make_shared<qint64>(0);
    QObject::connect(timer, &QTimer::timeout, socket, [socket, timer, sent, total, chunk] {
        const qint64 n = std::min(chunk, total - *sent);
        socket->write(QByteArray(n, 'x'));
        *sent += n;
        if (*sent >= total) {
            timer->stop();
            socket->disconnectFromHost();
        }
    });
    timer->start(intervalMs);
}

} // namespace

class CurlClientTest final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void getJson();
    void postBody();
    void parallelTransfersRespectTheBound();
    void streamsLargeBodyIntoFile();
    void rangeResumeReturnsPartialContent();
    void rangeIgnoredLetsCallerRestart();
    void followsRelativeRedirect();
    void redirectLoopIsAnError();
    void crossHostRedirectDropsAuthorization();
    void headReturnsHeadersOnly();
    void stallTimeoutIsAnError();
    void timeoutIsAnError();
    void cancelMidTransfer();
    void cancelQueuedTransfer();
    void connectionRefusedIsAnError();
    void bufferLimitIsEnforced();
    void errorBodyIsNotStreamedIntoOutput();
    void eventLoopStaysResponsive();
    void unixSocketTransport();
    void missingUnixSocketIsAnError();
    void headersAreCaseInsensitiveMultiMap();
    void statusErrors_data();
    void statusErrors();

private:
    QUrl httpUrl(const QString& path) const { return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)); }

    QHttpServer m_http;
    quint16 m_port = 0;
    QByteArray m_big;
    QByteArray m_lastPostHeader;
};

void CurlClientTest::initTestCase()
{
    m_big = makeBigBody();
    m_http.route(u"/json"_s, [] { return QJsonObject { { u"name"_s, u"qwen"_s }, { u"size"_s, 42 } }; });
    m_http.route(u"/echo"_s, QHttpServerRequest::Method::Post, [this](const QHttpServerRequest& request) {
        m_lastPostHeader = request.value("X-Aiops-Test");
        QHttpServerResponse response(QByteArrayLiteral("text/plain"), "echo:" + request.body());
        response.setHeader("X-Reply", "one");
        response.addHeader("X-Reply", "two");
        return response;
    });
    m_http.route(u"/big"_s, [this](const QHttpServerRequest& request) {
        const QByteArray range = request.value("Range");
        if (range.startsWith("bytes=") && range.endsWith('-')) {
            const qsizetype from = range.mid(6, range.size() - 7).toLongLong();
            QHttpServerResponse response(QByteArrayLiteral("application/octet-stream"),
                                         m_big.mid(from),
                                         QHttpServerResponse::StatusCode::PartialContent);
            response.setHeader("Content-Range",
                               "bytes " + QByteArray::number(from) + '-' + QByteArray::number(m_big.size() - 1) + '/'
                                   + QByteArray::number(m_big.size()));
            return response;
        }
        return QHttpServerResponse(QByteArrayLiteral("application/octet-stream"), m_big);
    });
    m_http.route(u"/redir/start"_s, [] {
        QHttpServerResponse response(QHttpServerResponse::StatusCode::Found);
        response.setHeader("Location", "target?x=1");
        return response;
    });
    m_http.route(u"/redir/target"_s, [] { return QHttpServerResponse(QByteArrayLiteral("text/plain"), "arrived"); });
    m_http.route(u"/loop"_s, [] {
        QHttpServerResponse response(QHttpServerResponse::StatusCode::Found);
        response.setHeader("Location", "/loop");
        return response;
    });
    m_http.route(u"/missing"_s, [] {
        return QHttpServerResponse(QByteArrayLiteral("text/plain"),
                                   QByteArrayLiteral("no such model"),
                                   QHttpServerResponse::StatusCode::NotFound);
    });
    m_port = m_http.listen(QHostAddress::LocalHost);
    QVERIFY(m_port != 0);
}

void CurlClientTest::getJson()
{
    CurlClient client;
    Transfer* transfer = client.get(httpUrl(u"/json"_s));
    int headerStatus = 0;
    connect(transfer, &Transfer::headersReceived, this, [&](int status, const HttpHeaders&) { headerStatus = status; });
    const auto result = waitFinished(transfer);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->status, 200);
    QCOMPARE(headerStatus, 200);
    QVERIFY(result->headers.value("content-type").contains("application/json"));
    const QJsonObject json = QJsonDocument::fromJson(result->body).object();
    QCOMPARE(json.value(u"name"_s).toString(), u"qwen"_s);
    QCOMPARE(json.value(u"size"_s).toInt(), 42);
    QCOMPARE(result->effectiveUrl, httpUrl(u"/json"_s));
    QCOMPARE(result->bytes, result->body.size());
}

void CurlClientTest::postBody()
{
    CurlClient client;
    Request request;
    request.method = "POST";
    request.url = httpUrl(u"/echo"_s);
    request.body = R"({"repo":"Qwen/Qwen2.5-0.5B"})";
    request.headers.add("Content-Type", "application/json");
    request.headers.add("X-Aiops-Test", "marker");
    const auto result = waitFinished(client.start(request));
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->status, 200);
    QCOMPARE(result->body, "echo:" + request.body);
    QCOMPARE(m_lastPostHeader, QByteArray("marker"));
    QList<QByteArray> replies = result->headers.values("x-reply");
    std::ranges::sort(replies);
    QCOMPARE(replies, (QList<QByteArray> { "one", "two" }));
}

void CurlClientTest::parallelTransfersRespectTheBound()
{
    RawHttpServer server([](RawHttpServer& self, QTcpSocket* socket, const QByteArray& head) {
        const QByteArray path = head.split(' ').value(1);
        QTimer::singleShot(80, socket, [&self, socket, path] { self.respondAndClose(socket, "path=" + path); });
    });
    CurlClient client;
    client.setMaxConcurrentTransfers(3);
    constexpr int kCount = 12;
    std::vector<std::optional<Result<Response>>> results(kCount);
    int maxRunning = 0;
    for (int i = 0; i < kCount; ++i) {
        Transfer* transfer = client.get(server.url(u"/item/%1"_s.arg(i)));
        connect(transfer, &Transfer::finished, this, [&results, &client, &maxRunning, i](const Result<Response>& r) {
            results[i] = r;
            maxRunning = std::max(maxRunning, client.runningCount());
        });
    }
    QCOMPARE(client.queuedCount(), kCount);
    QTRY_VERIFY_WITH_TIMEOUT(std::ranges::all_of(results, [](const auto& r) { return r.has_value(); }), 15000);
    for (int i = 0; i < kCount; ++i) {
        QVERIFY(*results[i]);
        QCOMPARE(results[i]->value().body, "path=/item/" + QByteArray::number(i));
    }
    QCOMPARE(server.totalConnections(), kCount);
    QCOMPARE(server.maxOpenConnections(), 3);
    QVERIFY(maxRunning <= 3);
    QCOMPARE(client.runningCount(), 0);
    QCOMPARE(client.queuedCount(), 0);
}

void CurlClientTest::streamsLargeBodyIntoFile()
{
    CurlClient client;
    QTemporaryFile file;
    QVERIFY(file.open());
    Request request;
    request.url = httpUrl(u"/big"_s);
    request.output = &file;
    Transfer* transfer = client.start(request);
    int progressCount = 0;
    qint64 lastReceived = -1;
    qint64 lastTotal = 0;
    qint64 streamed = 0;
    connect(transfer, &Transfer::progress, this, [&](qint64 received, qint64 total) {
        QVERIFY(received >= lastReceived);
        ++progressCount;
        lastReceived = received;
        lastTotal = total;
    });
    connect(transfer, &Transfer::dataReceived, this, [&](const QByteArray& chunk) { streamed += chunk.size(); });
    const auto result = waitFinished(transfer, 60000);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->status, 200);
    QVERIFY(result->body.isEmpty());
    QCOMPARE(result->bytes, kBigSize);
    QCOMPARE(streamed, kBigSize);
    QVERIFY2(progressCount > 1, qPrintable(QString::number(progressCount)));
    QCOMPARE(lastReceived, kBigSize);
    QCOMPARE(lastTotal, kBigSize);
    file.flush();
    file.seek(0);
    QVERIFY(file.readAll() == m_big);
}

void CurlClientTest::rangeResumeReturnsPartialContent()
{
    CurlClient client;
    const qint64 offset = 5 * 1024 * 1024 + 3;
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(m_big.left(offset)); // what an interrupted download left behind
    Request request;
    request.url = httpUrl(u"/big"_s);
    request.rangeStart = offset;
    request.output = &file;
    const auto result = waitFinished(client.start(request), 60000);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->status, 206);
    QCOMPARE(result->bytes, kBigSize - offset);
    QCOMPARE(result->headers.value("Content-Range"),
             "bytes " + QByteArray::number(offset) + '-' + QByteArray::number(kBigSize - 1) + '/'
                 + QByteArray::number(kBigSize));
    file.flush();
    file.seek(0);
    QVERIFY(file.readAll() == m_big);
}

void CurlClientTest::rangeIgnoredLetsCallerRestart()
{
    CurlClient client;
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("stale partial");
    Request request;
    request.url = httpUrl(u"/redir/target"_s); // ignores Range
    request.rangeStart = file.size();
    request.output = &file;
    Transfer* transfer = client.start(request);
    // headersReceived comes before any body byte, so a 200 can reset the partial file in time.
    connect(transfer, &Transfer::headersReceived, this, [&file](int status, const HttpHeaders&) {
        if (status == 200) {
            file.resize(0);
            file.seek(0);
        }
    });
    const auto result = waitFinished(transfer);
    QVERIFY(result);
    QCOMPARE(result->status, 200);
    file.flush();
    file.seek(0);
    QCOMPARE(file.readAll(), QByteArray("arrived"));
}

void CurlClientTest::followsRelativeRedirect()
{
    CurlClient client;
    Request request;
    request.url = httpUrl(u"/redir/start"_s);
    request.followRedirects = true;
    Transfer* transfer = client.start(request);
    QList<int> headerStatuses;
    connect(transfer, &Transfer::headersReceived, this, [&](int status, const HttpHeaders&) {
        headerStatuses.append(status);
    });
    const auto result = waitFinished(transfer);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->status, 200);
    QCOMPARE(result->body, QByteArray("arrived"));
    QCOMPARE(result->effectiveUrl, httpUrl(u"/redir/target?x=1"_s));
    QCOMPARE(headerStatuses, QList<int> { 200 });

    request.followRedirects = false;
    const auto unfollowed = waitFinished(client.start(request));
    QVERIFY(unfollowed);
    QCOMPARE(unfollowed->status, 302);
    QCOMPARE(unfollowed->headers.value("location"), QByteArray("target?x=1"));
}

void CurlClientTest::redirectLoopIsAnError()
{
    CurlClient client;
    Request request;
    request.url = httpUrl(u"/loop"_s);
    request.followRedirects = true;
    const auto result = waitFinished(client.start(request));
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Unavailable);
    QVERIFY2(result.error().message.contains(u"more than 5 redirects"_s), qPrintable(result.error().message));
}

void CurlClientTest::crossHostRedirectDropsAuthorization()
{
    QByteArray cdnHead;
    RawHttpServer cdn([&cdnHead](RawHttpServer& self, QTcpSocket* socket, const QByteArray& head) {
        cdnHead = head;
        self.respondAndClose(socket, "weights");
    });
    QByteArray originAuth;
    RawHttpServer origin([&](RawHttpServer&, QTcpSocket* socket, const QByteArray& head) {
        for (const QByteArray& line : head.split('\n')) {
            if (line.toLower().startsWith("authorization:")) {
                originAuth = line.trimmed();
            }
        }
        const QByteArray location = cdn.url(u"/blob/abc?sig=1"_s).toEncoded();
        socket->write("HTTP/1.1 302 Found\r\nLocation: " + location
                      + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
    });
    CurlClient client;
    Request request;
    request.url = origin.url(u"/resolve/main/model.safetensors"_s);
    request.headers.add("Authorization", "Bearer hf_secret");
    request.followRedirects = true;
    const auto result = waitFinished(client.start(request));
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->status, 200);
    QCOMPARE(result->body, QByteArray("weights"));
    QCOMPARE(result->effectiveUrl, cdn.url(u"/blob/abc?sig=1"_s));
    QCOMPARE(originAuth, QByteArray("Authorization: Bearer hf_secret"));
    QVERIFY(cdnHead.startsWith("GET /blob/abc?sig=1 HTTP/1.1"));
    QVERIFY2(!cdnHead.toLower().contains("authorization"), cdnHead.constData());
}

void CurlClientTest::headReturnsHeadersOnly()
{
    CurlClient client;
    Request request;
    request.method = "HEAD";
    request.url = httpUrl(u"/big"_s);
    const auto result = waitFinished(client.start(request));
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->status, 200);
    QVERIFY(result->body.isEmpty());
    QCOMPARE(result->headers.value("Content-Length").toLongLong(), kBigSize);
}

void CurlClientTest::stallTimeoutIsAnError()
{
    RawHttpServer stalling([](RawHttpServer&, QTcpSocket* socket, const QByteArray&) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n" + QByteArray(1000, 'x'));
    });
    CurlClient client;
    Request request;
    request.url = stalling.url(u"/stall"_s);
    request.stallTimeoutSeconds = 1;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = waitFinished(client.start(request));
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Unavailable);
    QVERIFY2(result.error().message.contains(u"timed out"_s), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(u"no data for 1000 ms"_s), qPrintable(result.error().message));
    QVERIFY(elapsed.elapsed() >= 950);
    QVERIFY(elapsed.elapsed() < 5000);
    QTRY_COMPARE(stalling.disconnectsByPeer(), 1); // the stalled connection was dropped
}

void CurlClientTest::timeoutIsAnError()
{
    RawHttpServer silent([](RawHttpServer&, QTcpSocket*, const QByteArray&) {});
    CurlClient client;
    Request request;
    request.url = silent.url(u"/never"_s);
    request.timeoutMs = 300;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = waitFinished(client.start(request));
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Unavailable);
    QVERIFY2(result.error().message.contains(u"timed out"_s), qPrintable(result.error().message));
    QVERIFY(!isCancellation(result.error()));
    QVERIFY(elapsed.elapsed() >= 250);
    QVERIFY(elapsed.elapsed() < 5000);
}

void CurlClientTest::cancelMidTransfer()
{
    RawHttpServer server(
        [](RawHttpServer&, QTcpSocket* socket, const QByteArray&) { drip(socket, 10 * 1024 * 1024, 16 * 1024, 10); });
    CurlClient client;
    QTemporaryFile file;
    QVERIFY(file.open());
    Request request;
    request.url = server.url(u"/slow"_s);
    request.output = &file;
    Transfer* transfer = client.start(request);
    qint64 received = 0;
    connect(transfer, &Transfer::dataReceived, this, [&](const QByteArray& chunk) {
        received += chunk.size();
        if (received >= 64 * 1024) {
            transfer->cancel();
        }
    });
    const auto result = waitFinished(transfer);
    QVERIFY(!result);
    QVERIFY2(isCancellation(result.error()), qPrintable(result.error().message));
    QCOMPARE(result.error().code, ErrorCode::Unavailable);
    QVERIFY(received >= 64 * 1024);
    QVERIFY(received < 10 * 1024 * 1024);
    QTRY_COMPARE(server.disconnectsByPeer(), 1); // the connection was really dropped
    QCOMPARE(client.runningCount(), 0);
}

void CurlClientTest::cancelQueuedTransfer()
{
    RawHttpServer server([](RawHttpServer& self, QTcpSocket* socket, const QByteArray&) {
        QTimer::singleShot(100, socket, [&self, socket] { self.respondAndClose(socket, "first"); });
    });
    CurlClient client;
    client.setMaxConcurrentTransfers(1);
    Transfer* first = client.get(server.url(u"/a"_s));
    Transfer* second = client.get(server.url(u"/b"_s));
    std::optional<Result<Response>> secondResult;
    connect(second, &Transfer::finished, this, [&](const Result<Response>& r) { secondResult = r; });
    second->cancel();
    const auto firstResult = waitFinished(first);
    QVERIFY(firstResult);
    QCOMPARE(firstResult->body, QByteArray("first"));
    QVERIFY(secondResult.has_value());
    QVERIFY(!*secondResult);
    QVERIFY(isCancellation(secondResult->error()));
    QCOMPARE(server.totalConnections(), 1);
}

void CurlClientTest::connectionRefusedIsAnError()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    CurlClient client;
    const auto result = waitFinished(client.get(QUrl(u"http://127.0.0.1:%1/x"_s.arg(port))));
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Unavailable);
    QVERIFY2(result.error().message.contains(u"could not connect to 127.0.0.1:%1"_s.arg(port)),
             qPrintable(result.error().message));
}

void CurlClientTest::bufferLimitIsEnforced()
{
    CurlClient client;
    Request request;
    request.url = httpUrl(u"/big"_s);
    request.maxBufferedBytes = 100'000;
    const auto result = waitFinished(client.start(request));
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::PayloadTooLarge);
}

void CurlClientTest::errorBodyIsNotStreamedIntoOutput()
{
    CurlClient client;
    QTemporaryFile file;
    QVERIFY(file.open());
    Request request;
    request.url = httpUrl(u"/missing"_s);
    request.output = &file;
    const auto result = waitFinished(client.start(request));
    QVERIFY(result);
    QCOMPARE(result->status, 404);
    QCOMPARE(result->body, QByteArray("no such model"));
    QCOMPARE(file.size(), 0);
    const auto error = errorForStatus(result->status, result->body);
    QVERIFY(error);
    QCOMPARE(error->code, ErrorCode::NotFound);
    QVERIFY(error->message.contains(u"no such model"_s));
}

void CurlClientTest::eventLoopStaysResponsive()
{
    constexpr qint64 kTotal = 2 * 1024 * 1024;
    RawHttpServer server([](RawHttpServer&, QTcpSocket* socket, const QByteArray&) {
        drip(socket, kTotal, 32 * 1024, 15); // about one second
    });
    CurlClient client;
    QTimer ticker;
    int ticks = 0;
    qint64 maxGap = 0;
    QElapsedTimer sinceTick;
    connect(&ticker, &QTimer::timeout, this, [&] {
        if (ticks > 0) {
            maxGap = std::max(maxGap, sinceTick.elapsed());
        }
        sinceTick.restart();
        ++ticks;
    });
    ticker.start(10);
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = waitFinished(client.get(server.url(u"/slow"_s)), 30000);
    ticker.stop();
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->body.size(), kTotal);
    QVERIFY(elapsed.elapsed() >= 500);
    // The timer ticked all along: the download never blocked the loop it runs on.
    QVERIFY2(ticks >= elapsed.elapsed() / 10 / 3, qPrintable(u"%1 ticks in %2 ms"_s.arg(ticks).arg(elapsed.elapsed())));
    QVERIFY2(maxGap < 250, qPrintable(u"longest gap %1 ms"_s.arg(maxGap)));
}

void CurlClientTest::unixSocketTransport()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"docker.sock"_s);
    QLocalServer server;
    QVERIFY(server.listen(path));
    QByteArray requestHead;
    connect(&server, &QLocalServer::newConnection, this, [&] {
        QLocalSocket* socket = server.nextPendingConnection();
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QLocalSocket::readyRead, socket, [&requestHead, socket, buffer] {
            buffer->append(socket->readAll());
            if (requestHead.isEmpty() && buffer->contains("\r\n\r\n")) {
                requestHead = buffer->left(buffer->indexOf("\r\n\r\n"));
                const QByteArray body = R"({"ApiVersion":"1.43"})";
                socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                              + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                socket->disconnectFromServer();
            }
        });
    });
    CurlClient client;
    Request request;
    request.url = QUrl(u"http://localhost/v1.43/version"_s);
    request.unixSocketPath = path;
    const auto result = waitFinished(client.start(request));
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->status, 200);
    QCOMPARE(QJsonDocument::fromJson(result->body).object().value(u"ApiVersion"_s).toString(), u"1.43"_s);
    QVERIFY2(requestHead.startsWith("GET /v1.43/version HTTP/1.1\r\n"), requestHead.constData());
}

void CurlClientTest::headersAreCaseInsensitiveMultiMap()
{
    HttpHeaders headers;
    QVERIFY(headers.addRawLine("Set-Cookie: a=1\r\n"));
    QVERIFY(headers.addRawLine("content-length:  42 \r\n"));
    QVERIFY(headers.addRawLine("SET-COOKIE: b=2\r\n"));
    QVERIFY(!headers.addRawLine("HTTP/1.1 200 OK\r\n"));
    QVERIFY(!headers.addRawLine("\r\n"));
    QCOMPARE(headers.size(), 3);
    QCOMPARE(headers.value("Content-Length"), QByteArray("42"));
    QCOMPARE(headers.values("set-cookie"), (QList<QByteArray> { "a=1", "b=2" }));
    QVERIFY(headers.contains("CONTENT-length"));
    headers.set("Set-Cookie", "c=3");
    QCOMPARE(headers.values("set-cookie"), QList<QByteArray> { "c=3" });
    headers.remove("content-LENGTH");
    QVERIFY(!headers.contains("Content-Length"));
    QCOMPARE(headers.value("missing", "fallback"), QByteArray("fallback"));
}

void CurlClientTest::missingUnixSocketIsAnError()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"absent.sock"_s);
    CurlClient client;
    Request request;
    request.url = QUrl(u"http://localhost/_ping"_s);
    request.unixSocketPath = path;
    const auto result = waitFinished(client.start(request));
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Unavailable);
    QVERIFY2(result.error().message.contains(u"could not connect to unix socket "_s + path),
             qPrintable(result.error().message));
}

void CurlClientTest::statusErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("isError");
    QTest::addColumn<ErrorCode>("code");
    QTest::newRow("200") << 200 << false << ErrorCode::Internal;
    QTest::newRow("206") << 206 << false << ErrorCode::Internal;
    QTest::newRow("302") << 302 << false << ErrorCode::Internal;
    QTest::newRow("400") << 400 << true << ErrorCode::BadRequest;
    QTest::newRow("401") << 401 << true << ErrorCode::Unauthorized;
    QTest::newRow("403") << 403 << true << ErrorCode::Forbidden;
    QTest::newRow("404") << 404 << true << ErrorCode::NotFound;
    QTest::newRow("416") << 416 << true << ErrorCode::OutOfRange;
    QTest::newRow("429") << 429 << true << ErrorCode::RateLimited;
    QTest::newRow("503") << 503 << true << ErrorCode::Unavailable;
}

void CurlClientTest::statusErrors()
{
    QFETCH(int, status);
    QFETCH(bool, isError);
    QFETCH(ErrorCode, code);
    const auto error = errorForStatus(status);
    QCOMPARE(error.has_value(), isError);
    if (error) {
        QCOMPARE(error->code, code);
        QVERIFY(error->message.contains(QString::number(status)));
    }
}

QTEST_GUILESS_MAIN(CurlClientTest)
#include "CurlClientTest.moc"
