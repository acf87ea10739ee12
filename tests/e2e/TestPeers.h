#pragma once

// Small synchronous helpers for tests that talk to a real controller over its real sockets.

#include "core/controller/Controller.h"
#include "core/iam/IamService.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

namespace aiops::testing {

// A WebSocket peer that records every text frame it receives as JSON.
class WsPeer final : public QObject
{
    Q_OBJECT
public:
    explicit WsPeer(QObject* parent = nullptr)
        : QObject(parent)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
            received.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] { closed = true; });
    }

    bool open(const QString& url, const QByteArray& token)
    {
        QNetworkRequest request { QUrl(url) };
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request);
        return connected.wait(5000);
    }

    void send(const QJsonObject& o)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    }
    void sendRaw(const QString& text) { socket.sendTextMessage(text); }

    // Waits for the next frame of the given type (skipping others) and returns it.
    QJsonObject waitFor(const QString& type, int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            for (qsizetype i = m_cursor; i < received.size(); ++i) {
                if (received[i].value(QStringLiteral("type")).toString() == type) {
                    m_cursor = i + 1;
                    return received[i];
                }
            }
            QTest::qWait(10);
        }
        return {};
    }

    bool isOpen() const { return socket.state() == QAbstractSocket::ConnectedState && !closed; }

    QWebSocket socket;
    QList<QJsonObject> received;
    bool closed = false;

private:
    qsizetype m_cursor = 0;
};

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

inline HttpResult
http(const QByteArray& verb, const QString& url, const QByteArray& token = {}, const QByteArray& body = {})
{
    static QNetworkAccessManager* nam = new QNetworkAccessManager;
    QNetworkRequest request { QUrl(url) };
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply* reply = nam->sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    reply->deleteLater();
    return r;
}

inline QJsonObject registerMessage(const QString& nodeId, int gpus = 1)
{
    QJsonArray devices;
    for (int i = 0; i < gpus; ++i) {
        devices.append(QJsonObject { { QStringLiteral("deviceId"), QString::number(i) },
                                     { QStringLiteral("model"), QStringLiteral("Test GPU") },
                                     { QStringLiteral("memoryTotal"), 16000 } });
    }
    return QJsonObject { { QStringLiteral("type"), QStringLiteral("system.node.register") },
                         { QStringLiteral("nodeId"), nodeId },
                         { QStringLiteral("name"), nodeId },
                         { QStringLiteral("isLocal"), false },
                         { QStringLiteral("gpuDevices"), devices },
                         { QStringLiteral("config"), QJsonObject {} },
                         { QStringLiteral("cpuCores"), 8 },
                         { QStringLiteral("ramTotal"), 32000 },
                         { QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch() } };
}

inline QJsonObject heartbeatMessage(const QString& nodeId, int gpus = 1, double utilization = 50)
{
    QJsonArray devices;
    for (int i = 0; i < gpus; ++i) {
        devices.append(QJsonObject { { QStringLiteral("deviceId"), QString::number(i) },
                                     { QStringLiteral("memoryFree"), 8000 },
                                     { QStringLiteral("utilization"), utilization },
                                     { QStringLiteral("temperature"), 55 } });
    }
    return QJsonObject { { QStringLiteral("type"), QStringLiteral("system.node.heartbeat") },
                         { QStringLiteral("nodeId"), nodeId },
                         { QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch() },
                         { QStringLiteral("metrics"),
                           QJsonObject { { QStringLiteral("gpuDevices"), devices },
                                         { QStringLiteral("ramFree"), 16000 },
                                         { QStringLiteral("diskFree"), 1000 } } } };
}

// (C: controller::Controller or controller::ControllerThread.)
// A 15-minute access token of the controller's local owner (universe.owner).
template<typename C> QByteArray ownerToken(const C& controller)
{
    const auto pair = controller.iamService()->issueTokens(controller.ownerPrincipal().subject);
    return pair ? pair->accessToken.toUtf8() : QByteArray();
}

// A long-lived node credential for `nodeId`, obtained the way a daemon enrolls: a one-time
// enrollment token from the owner, exchanged once.
template<typename C> QByteArray nodeCredentialFor(const C& controller, const QString& nodeId)
{
    iam::IamService& iam = *controller.iamService();
    const auto token = iam.createEnrollmentToken(controller.ownerPrincipal());
    if (!token)
        return {};
    const auto issued = iam.exchangeEnrollmentToken(token->token.toUtf8(), nodeId, nodeId);
    return issued ? issued->secret.toUtf8() : QByteArray();
}

// A one-time enrollment token, as "Add node" shows it.
template<typename C> QByteArray enrollmentToken(const C& controller)
{
    const auto token = controller.iamService()->createEnrollmentToken(controller.ownerPrincipal());
    return token ? token->token.toUtf8() : QByteArray();
}

} // namespace aiops::testing
