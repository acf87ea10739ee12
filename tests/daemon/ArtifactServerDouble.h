#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

namespace aiops::testing {

// Test double of the places a node fetches model files from: the controller's storage route (paths under
// /storage/, which may require "Authorization: Bearer <requiredToken>") and presigned S3 URLs (any other
// path, never checked). A raw HTTP/1.1 server on loopback, because the tests need control over Range
// handling, status codes and the pace of the body. Every answer closes its connection.
class ArtifactServerDouble final : public QObject
{
    Q_DISABLE_COPY_MOVE(ArtifactServerDouble)

public:
    struct RecordedRequest
    {
        QByteArray path; // without the query
        QByteArray query; // a presigned URL's signature, never checked
        QMap<QByteArray, QByteArray> headers; // lower-case names
        int status = 0;
    };

    ArtifactServerDouble()
    {
        connect(&m_server, &QTcpServer::newConnection, this, &ArtifactServerDouble::onNewConnection);
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    bool isListening() const { return m_server.isListening(); }
    void addFile(const QString& path, const QByteArray& content) { m_files.insert(path.toUtf8(), content); }
    QUrl url(const QString& path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    QList<RecordedRequest> requestsFor(const QString& path) const
    {
        QList<RecordedRequest> matching;
        for (const RecordedRequest& request : requests)
            if (request.path == path.toUtf8())
                matching.append(request);
        return matching;
    }

    bool ignoreRange = false; // answer 200 with the whole body to a Range request
    QByteArray requiredToken; // non-empty: /storage/ paths answer 401 without "Bearer <requiredToken>"
    int failuresBeforeSuccess = 0; // that many file requests answer failStatus first
    int failStatus = 503;
    bool corruptBodies = false; // flip the last byte of every file (its sha256 no longer matches)
    qint64 dripBytes = 0; // > 0: bodies are sent this many bytes every dripIntervalMs
    int dripIntervalMs = 10;

    QList<RecordedRequest> requests;
    qint64 bodyBytesSent = 0; // file-body bytes written to sockets

private:
    void onNewConnection()
    {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        }
    }

    void onReadyRead(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        m_buffers.remove(socket);
        RecordedRequest request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        const QByteArray target = requestLine.value(1);
        const qsizetype question = target.indexOf('?');
        request.path = question < 0 ? target : target.left(question);
        request.query = question < 0 ? QByteArray() : target.mid(question + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                       lines.at(i).mid(colon + 1).trimmed());
        }
        handle(socket, request);
    }

    void handle(QTcpSocket* socket, RecordedRequest request)
    {
        const QByteArray path = request.path;
        const auto file = m_files.constFind(path);
        if (file == m_files.cend())
            return finish(socket, request, 404, {}, {});
        if (!requiredToken.isEmpty() && path.startsWith("/storage/")
            && request.headers.value("authorization") != "Bearer " + requiredToken)
            return finish(socket, request, 401, {}, "missing or wrong token");
        if (failuresBeforeSuccess > 0) {
            --failuresBeforeSuccess;
            return finish(socket, request, failStatus, {}, "try again");
        }
        QByteArray content = *file;
        if (corruptBodies && !content.isEmpty())
            content[content.size() - 1] = char(content.back() ^ 0x5a);
        const QByteArray range = request.headers.value("range");
        if (range.startsWith("bytes=") && range.endsWith('-') && !ignoreRange) {
            const qint64 start = range.mid(6, range.size() - 7).toLongLong();
            if (start >= content.size())
                return finish(socket, request, 416, {}, {});
            const QByteArray contentRange = "bytes " + QByteArray::number(start) + '-'
                + QByteArray::number(content.size() - 1) + '/' + QByteArray::number(content.size());
            return finish(socket, request, 206, contentRange, content.mid(start), true);
        }
        finish(socket, request, 200, {}, content, true);
    }

    void finish(QTcpSocket* socket,
                RecordedRequest request,
                int status,
                const QByteArray& contentRange,
                const QByteArray& body,
                bool fileBody = false)
    {
        request.status = status;
        requests.append(request);
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        if (!contentRange.isEmpty())
            head += "Content-Range: " + contentRange + "\r\n";
        head += "Connection: close\r\n\r\n";
        socket->write(head);
        if (!fileBody || dripBytes <= 0) {
            socket->write(body);
            if (fileBody)
                bodyBytesSent += body.size();
            socket->disconnectFromHost();
            return;
        }
        drip(socket, body);
    }

    // Sends the body in small timed pieces so that a test can act while it is in flight.
    void drip(QTcpSocket* socket, const QByteArray& body)
    {
        auto* timer = new QTimer(socket);
        auto offset = std::make_shared<qint64>(0);
        QPointer<QTcpSocket> guard(socket);
        connect(timer, &QTimer::timeout, this, [this, guard, timer, body, offset] {
            if (!guard || guard->state() != QAbstractSocket::ConnectedState) {
                timer->stop();
                return;
            }
            const QByteArray piece = body.mid(*offset, dripBytes);
            guard->write(piece);
            bodyBytesSent += piece.size();
            *offset += piece.size();
            if (*offset >= body.size()) {
                timer->stop();
                guard->disconnectFromHost();
            }
        });
        timer->start(dripIntervalMs);
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200: return "OK";
        case 206: return "Partial Content";
        case 401: return "Unauthorized";
        case 404: return "Not Found";
        case 416: return "Range Not Satisfiable";
        case 503: return "Service Unavailable";
        default: return "Status";
        }
    }

    QTcpServer m_server;
    QHash<QByteArray, QByteArray> m_files;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

} // namespace aiops::testing
