#include "tests/support/FakeControllerServer.h"

#include "core/controller/NodeJson.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslConfiguration>
#include <QSslKey>
#include <QUrlQuery>

namespace aiops::testing {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

// A self-signed test certificate for CN=localhost, IP 127.0.0.1, valid for 100 years. Test data only.
constexpr const char* kCertificatePem = ""
                                        "-----BEGIN CERTIFICATE-----\n"
                                        "MIIBmzCCAUGgAwIBAgIUG7R72b4TmMuKXEI7q2qYxL+HEN0wCgYIKoZIzj0EAwIw\n"
                                        "FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyMzIwMzIwOVoYDzIxMjYxMDMw\n"
                                        "MjAzMjA5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO\n"
                                        "PQMBBwNCAAR+jXtZCSyaipRb3yBpAiPUAugT8yqrQLm8tbhTydg+M3MEAMrlys+o\n"
                                        "lUVyFchLFikbixwERKt0sFvi6IGMBlBgo28wbTAdBgNVHQ4EFgQUvuwNpwILqsQn\n"
                                        "ZhgedNqIfUSv+5wwHwYDVR0jBBgwFoAUvuwNpwILqsQnZhgedNqIfUSv+5wwDwYD\n"
                                        "VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI\n"
                                        "zj0EAwIDSAAwRQIhAOvcBzCQLHWmIixDgC5QRBYR4nAXrd2osCd+osRN719kAiBJ\n"
                                        "j2qHXAR5MjhWKGNEb9XkuzGJ7sGKmFpQWjEg8glF9A==\n"
                                        "-----END CERTIFICATE-----\n";

constexpr const char* kPrivateKeyPem = ""
                                       "-----BEGIN PRIVATE KEY-----\n"
                                       "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8HrmbEdCOaWWpRdD\n"
                                       "rx6PUwEE5HPnMiqXRvAhhfQlJxahRANCAAR+jXtZCSyaipRb3yBpAiPUAugT8yqr\n"
                                       "QLm8tbhTydg+M3MEAMrlys+olUVyFchLFikbixwERKt0sFvi6IGMBlBg\n"
                                       "-----END PRIVATE KEY-----\n";

QHttpServerResponse errorReply(Status status, const QString& code, const QString& message)
{
    static int requestNumber = 0;
    return QHttpServerResponse(
        QJsonObject { { QStringLiteral("errorCode"), code },
                      { QStringLiteral("message"), message },
                      { QStringLiteral("requestId"), QStringLiteral("req-%1").arg(++requestNumber) } },
        status);
}

QHttpServerResponse unauthorized(const QString& message)
{
    return errorReply(Status::Unauthorized, QStringLiteral("UNAUTHORIZED"), message);
}

QJsonObject userJson(const iam::User& u)
{
    return QJsonObject { { QStringLiteral("userId"), u.userId },
                         { QStringLiteral("username"), u.username },
                         { QStringLiteral("displayName"), u.displayName },
                         { QStringLiteral("email"), u.email },
                         { QStringLiteral("orgId"), u.orgId },
                         { QStringLiteral("roles"), QJsonArray::fromStringList(u.roles) } };
}

QJsonObject bodyOf(const QHttpServerRequest& request)
{
    return QJsonDocument::fromJson(request.body()).object();
}

} // namespace

FakeControllerServer::FakeControllerServer(QObject* parent)
    : QObject(parent)
{
    iam::User alice { QStringLiteral("u-alice"),      QStringLiteral("alice"), QStringLiteral("alice@example.org"),
                      QStringLiteral("Alice Nguyen"), QStringLiteral("org-1"), { QStringLiteral("universe.owner") } };
    iam::User victor {
        QStringLiteral("u-victor"),    QStringLiteral("victor"), QStringLiteral("victor@example.org"),
        QStringLiteral("Victor Tran"), QStringLiteral("org-1"),  { QStringLiteral("organization.viewer") }
    };
    m_accounts.insert(alice.username, Account { alice, QStringLiteral("correct-horse") });
    m_accounts.insert(victor.username, Account { victor, QStringLiteral("viewer-pass") });
    addRoutes();
}

FakeControllerServer::~FakeControllerServer() = default;

QSslCertificate FakeControllerServer::certificate()
{
    return QSslCertificate(QByteArray(kCertificatePem), QSsl::Pem);
}

bool FakeControllerServer::listen(bool tls)
{
    m_tls = tls;
    if (tls) {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(certificate());
        config.setPrivateKey(QSslKey(QByteArray(kPrivateKeyPem), QSsl::Ec, QSsl::Pem));
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.sslSetup(config);
    }
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

QUrl FakeControllerServer::url() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(m_tls ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

void FakeControllerServer::putNode(const nodes::NodeInfo& node)
{
    if (!m_nodes.contains(node.nodeId()))
        m_order.append(node.nodeId());
    m_nodes.insert(node.nodeId(), node);
}

void FakeControllerServer::dropNode(const QString& nodeId)
{
    m_order.removeAll(nodeId);
    m_nodes.remove(nodeId);
}

void FakeControllerServer::setNodeHistory(const QString& nodeId, QList<nodes::NodePoint> points)
{
    m_nodeHistory.insert(nodeId, std::move(points));
}

void FakeControllerServer::setGpuHistory(const QString& nodeId, const QString& deviceId, QList<nodes::GpuPoint> points)
{
    auto& gpus = m_gpuHistory[nodeId];
    for (auto& [id, list] : gpus) {
        if (id == deviceId) {
            list = std::move(points);
            return;
        }
    }
    gpus.append({ deviceId, std::move(points) });
}

void FakeControllerServer::revokeAllTokens()
{
    m_accessTokens.clear();
    m_refreshTokens.clear();
}

void FakeControllerServer::expireAccessTokens()
{
    m_accessTokens.clear();
}

QList<nodes::NodeInfo> FakeControllerServer::nodes() const
{
    QList<nodes::NodeInfo> list;
    for (const auto& id : m_order)
        list.append(m_nodes.value(id));
    return list;
}

const FakeControllerServer::Account* FakeControllerServer::authenticate(const QHttpServerRequest& request) const
{
    const QByteArray header = request.value("Authorization");
    if (!header.startsWith("Bearer "))
        return nullptr;
    const auto it = m_accessTokens.constFind(QString::fromUtf8(header.mid(7)));
    if (it == m_accessTokens.constEnd() || it->expiresAtMs < QDateTime::currentMSecsSinceEpoch())
        return nullptr;
    const auto account = m_accounts.constFind(it->username);
    return account == m_accounts.constEnd() ? nullptr : &*account;
}

bool FakeControllerServer::mayManageNodes(const Account& account) const
{
    for (const auto& role : account.user.roles) {
        if (role.endsWith(u".owner") || role.endsWith(u".editor"))
            return true;
    }
    return false;
}

QHttpServerResponse FakeControllerServer::issueTokens(const QString& username)
{
    const QString access = QStringLiteral("access-%1").arg(++m_nextToken);
    const QString refresh = QStringLiteral("refresh-%1").arg(++m_nextToken);
    m_accessTokens.insert(access, Token { username, QDateTime::currentMSecsSinceEpoch() + m_accessTtl * 1000LL });
    m_refreshTokens.insert(refresh, username);
    m_lastAccessToken = access;
    return QHttpServerResponse(QJsonObject { { QStringLiteral("accessToken"), access },
                                             { QStringLiteral("refreshToken"), refresh },
                                             { QStringLiteral("expiresIn"), m_accessTtl },
                                             { QStringLiteral("user"), userJson(m_accounts.value(username).user) } });
}

QHttpServerResponse FakeControllerServer::login(const QHttpServerRequest& request)
{
    ++m_loginAttempts;
    if (m_failures >= 5) {
        auto response = errorReply(
            Status::TooManyRequests, QStringLiteral("RATE_LIMITED"), QStringLiteral("Too many failed logins"));
        response.addHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(m_lockoutSeconds));
        return response;
    }
    const QJsonObject body = bodyOf(request);
    const QString username = body.value(QStringLiteral("username")).toString();
    const auto account = m_accounts.constFind(username);
    if (account == m_accounts.constEnd() || account->password != body.value(QStringLiteral("password")).toString()) {
        ++m_failures;
        return unauthorized(QStringLiteral("Invalid username or password"));
    }
    m_failures = 0;
    return issueTokens(username);
}

QHttpServerResponse FakeControllerServer::refresh(const QHttpServerRequest& request)
{
    ++m_refreshCount;
    const QString token = bodyOf(request).value(QStringLiteral("refreshToken")).toString();
    if (m_spentRefreshTokens.contains(token)) {
        // Reuse: revoke the whole family (here: all of the user's tokens).
        const QString username = m_spentRefreshTokens.value(token);
        m_refreshTokens.removeIf([&](const auto& it) { return it.value() == username; });
        m_accessTokens.removeIf([&](const auto& it) { return it.value().username == username; });
        return unauthorized(QStringLiteral("Refresh token reused; the session was revoked"));
    }
    if (!m_refreshTokens.contains(token))
        return unauthorized(QStringLiteral("Invalid refresh token"));
    const QString username = m_refreshTokens.take(token);
    m_spentRefreshTokens.insert(token, username);
    return issueTokens(username);
}

void FakeControllerServer::addRoutes()
{
    // Every route counts its call and answers 503 while the double is "down".
#define AIOPS_FAKE_PRELUDE(route)                                                                                      \
    count(QStringLiteral(route));                                                                                      \
    if (m_down)                                                                                                        \
        return errorReply(Status::ServiceUnavailable, QStringLiteral("SERVICE_UNAVAILABLE"), QStringLiteral("down"));
#define AIOPS_FAKE_AUTH()                                                                                              \
    const Account* account = authenticate(request);                                                                    \
    if (!account)                                                                                                      \
        return unauthorized(QStringLiteral("Missing or expired access token"));

    m_server.route(QStringLiteral("/auth/login"), Method::Post, [this](const QHttpServerRequest& request) {
        AIOPS_FAKE_PRELUDE("POST /auth/login")
        return login(request);
    });
    m_server.route(QStringLiteral("/auth/refresh"), Method::Post, [this](const QHttpServerRequest& request) {
        AIOPS_FAKE_PRELUDE("POST /auth/refresh")
        return refresh(request);
    });
    m_server.route(QStringLiteral("/auth/logout"), Method::Post, [this](const QHttpServerRequest& request) {
        AIOPS_FAKE_PRELUDE("POST /auth/logout")
        ++m_logoutCount;
        const QString token = bodyOf(request).value(QStringLiteral("refreshToken")).toString();
        m_refreshTokens.remove(token);
        return QHttpServerResponse(QJsonObject { { QStringLiteral("loggedOut"), true } });
    });
    m_server.route(QStringLiteral("/users/me"), Method::Get, [this](const QHttpServerRequest& request) {
        AIOPS_FAKE_PRELUDE("GET /users/me")
        AIOPS_FAKE_AUTH()
        return QHttpServerResponse(userJson(account->user));
    });
    m_server.route(QStringLiteral("/nodes"), Method::Get, [this](const QHttpServerRequest& request) {
        AIOPS_FAKE_PRELUDE("GET /nodes")
        AIOPS_FAKE_AUTH()
        QJsonArray list;
        for (const auto& id : std::as_const(m_order))
            list.append(controller::nodeToJson(m_nodes.value(id)));
        return QHttpServerResponse(
            QJsonObject { { QStringLiteral("nodes"), list }, { QStringLiteral("total"), list.size() } });
    });
    m_server.route(QStringLiteral("/nodes"), Method::Post, [this](const QHttpServerRequest& request) {
        AIOPS_FAKE_PRELUDE("POST /nodes")
        AIOPS_FAKE_AUTH()
        if (!mayManageNodes(*account))
            return errorReply(
                Status::Forbidden, QStringLiteral("FORBIDDEN"), QStringLiteral("Your role may not register nodes"));
        return QHttpServerResponse(
            QJsonObject { { QStringLiteral("token"), QStringLiteral("aiops_et_fake%1").arg(++m_nextToken) },
                          { QStringLiteral("tokenId"), QStringLiteral("et-%1").arg(m_nextToken) },
                          { QStringLiteral("expiresAt"),
                            QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODateWithMs) } },
            Status::Created);
    });
    m_server.route(
        QStringLiteral("/nodes/<arg>"), Method::Patch, [this](const QString& id, const QHttpServerRequest& request) {
            AIOPS_FAKE_PRELUDE("PATCH /nodes/:id")
            AIOPS_FAKE_AUTH()
            if (!mayManageNodes(*account))
                return errorReply(
                    Status::Forbidden, QStringLiteral("FORBIDDEN"), QStringLiteral("Viewers may not change nodes"));
            if (!m_nodes.contains(id))
                return errorReply(Status::NotFound, QStringLiteral("NOT_FOUND"), QStringLiteral("No node %1").arg(id));
            m_lastPatch = bodyOf(request);
            auto& node = m_nodes[id];
            if (m_lastPatch.contains(QStringLiteral("name")))
                node.record.name = m_lastPatch.value(QStringLiteral("name")).toString();
            if (m_lastPatch.contains(QStringLiteral("maintenance")))
                node.record.status = m_lastPatch.value(QStringLiteral("maintenance")).toBool()
                    ? QStringLiteral("maintenance")
                    : QStringLiteral("online");
            return QHttpServerResponse(controller::nodeToJson(node));
        });
    m_server.route(
        QStringLiteral("/nodes/<arg>"), Method::Delete, [this](const QString& id, const QHttpServerRequest& request) {
            AIOPS_FAKE_PRELUDE("DELETE /nodes/:id")
            AIOPS_FAKE_AUTH()
            if (!mayManageNodes(*account))
                return errorReply(
                    Status::Forbidden, QStringLiteral("FORBIDDEN"), QStringLiteral("Viewers may not remove nodes"));
            if (!m_nodes.contains(id))
                return errorReply(Status::NotFound, QStringLiteral("NOT_FOUND"), QStringLiteral("No node %1").arg(id));
            dropNode(id);
            return QHttpServerResponse(
                QJsonObject { { QStringLiteral("nodeId"), id }, { QStringLiteral("deleted"), true } });
        });
    m_server.route(QStringLiteral("/nodes/<arg>/metrics"),
                   Method::Get,
                   [this](const QString& id, const QHttpServerRequest& request) {
                       AIOPS_FAKE_PRELUDE("GET /nodes/:id/metrics")
                       AIOPS_FAKE_AUTH()
                       if (!m_nodes.contains(id))
                           return errorReply(
                               Status::NotFound, QStringLiteral("NOT_FOUND"), QStringLiteral("No node %1").arg(id));
                       const qint64 since = request.query().queryItemValue(QStringLiteral("since")).toLongLong();
                       QList<nodes::NodePoint> points;
                       for (const auto& p : m_nodeHistory.value(id)) {
                           if (p.tMs >= since)
                               points.append(p);
                       }
                       return QHttpServerResponse(
                           controller::nodeMetricsToJson(m_nodes.value(id), points, m_gpuHistory.value(id)));
                   });
#undef AIOPS_FAKE_AUTH
#undef AIOPS_FAKE_PRELUDE
}

} // namespace aiops::testing
