#pragma once

// A synchronous HTTP client for tests that talk to a real controller over its real socket.

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QTimer>

namespace aiops::testing {

struct Reply
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorCode() const { return json().value(QStringLiteral("errorCode")).toString(); }
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

class RestClient
{
public:
    explicit RestClient(QString base)
        : m_base(std::move(base))
    {
    }

    Reply send(const QByteArray& verb,
               const QString& path,
               const QByteArray& bearer = {},
               const QByteArray& body = {},
               const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        QNetworkRequest request { QUrl(m_base + path) };
        if (!bearer.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + bearer);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        for (const auto& [key, value] : headers)
            request.setRawHeader(key, value);
        QNetworkReply* reply = m_nam.sendCustomRequest(request, verb, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return r;
    }

private:
    QString m_base;
    QNetworkAccessManager m_nam;
};

} // namespace aiops::testing
