#pragma once

// A scripted HTTP/1.1 server double on loopback, for what a real MCP server cannot be made to do on demand:
// lose a session (404), stay silent, push notifications and requests ahead of a response, or hold an SSE stream
// open and end it on cue. Each request is answered on its own connection (Connection: close).
#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <functional>
#include <memory>
#include <utility>

namespace aiops::testing {

struct SeenRequest
{
    QByteArray method;
    QByteArray path;
    QMap<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString rpcMethod() const { return json().value(QLatin1String("method")).toString(); }
};

struct ScriptedReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool silent = false; // keep the connection open and never answer
    bool stream = false; // send the head and body, then keep the connection open for push() and endStreams()
};

class HttpServerDouble
{
public:
    using Handler = std::function<ScriptedReply(const SeenRequest&)>;

    explicit HttpServerDouble(Handler handler)
        : m_handler(std::move(handler))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] { accept(); });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    bool isListening() const { return m_server.isListening(); }
    QUrl url(const QString& path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    const QList<SeenRequest>& seen() const { return m_seen; }
    QList<SeenRequest> seenRpc(const QString& method) const
    {
        QList<SeenRequest> matching;
        for (const SeenRequest& request : m_seen) {
            if (request.rpcMethod() == method) {
                matching.append(request);
            }
        }
        return matching;
    }

    // Writes to every open stream.
    void push(const QByteArray& data)
    {
        for (QTcpSocket* socket : std::as_const(m_streams)) {
            if (socket) {
                socket->write(data);
            }
        }
    }
    // Closes every open stream, as a server that goes away does.
    void endStreams()
    {
        for (QTcpSocket* socket : std::as_const(m_streams)) {
            if (socket) {
                socket->disconnectFromHost();
            }
        }
        m_streams.clear();
    }
    qsizetype openStreams() const { return m_streams.size(); }

private:
    void accept()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                buffer->append(socket->readAll());
                parse(socket, *buffer);
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void parse(QTcpSocket* socket, QByteArray& buffer)
    {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return;
        }
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        SeenRequest request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.path = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0) {
                request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                       lines.at(i).mid(colon + 1).trimmed());
            }
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headerEnd + 4 + length) {
            return;
        }
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.clear();
        m_seen.append(request);
        const ScriptedReply reply = m_handler(request);
        if (reply.silent) {
            return;
        }
        QByteArray response = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
        if (reply.stream) {
            response += "Content-Type: " + reply.contentType + "\r\nConnection: close\r\n\r\n" + reply.body;
            socket->write(response);
            m_streams.append(socket);
            return;
        }
        if (!reply.body.isEmpty()) {
            response += "Content-Type: " + reply.contentType + "\r\n";
        }
        for (const auto& [name, value] : reply.headers) {
            response += name + ": " + value + "\r\n";
        }
        response += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\nConnection: close\r\n\r\n";
        response += reply.body;
        socket->write(response);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<SeenRequest> m_seen;
    QList<QPointer<QTcpSocket>> m_streams;
};

} // namespace aiops::testing
