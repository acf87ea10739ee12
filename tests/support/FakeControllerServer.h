#pragma once

#include "core/iam/IamTypes.h"
#include "core/nodes/NodeInfo.h"

#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

namespace aiops::testing {

// Test double of a remote controller's REST API, served over real HTTP (or HTTPS) on 127.0.0.1 by an
// in-process QHttpServer: POST /auth/login, /auth/refresh, /auth/logout, GET /users/me, GET /nodes,
// GET/PATCH/DELETE /nodes/:id, GET /nodes/:id/metrics, POST /nodes (one-time enrollment token). Shapes follow
// seed 000 and controller::nodeToJson. Two fixed users:
//   alice / correct-horse  universe.owner       (may manage nodes)
//   victor / viewer-pass   organization.viewer  (403 FORBIDDEN on every mutation)
// Login locks out after 5 failures (429 RATE_LIMITED, Retry-After: lockoutSeconds). Refresh tokens
// rotate; presenting a spent one is 401 and revokes all of that user's tokens.
class FakeControllerServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeControllerServer)
public:
    explicit FakeControllerServer(QObject* parent = nullptr);
    ~FakeControllerServer() override;

    // Listens on 127.0.0.1 on a free port; with tls, serves HTTPS with certificate() (self-signed for
    // "localhost" and 127.0.0.1), so clients see it as untrusted unless they pin it.
    bool listen(bool tls = false);
    QUrl url() const; // http://127.0.0.1:<port> or https://localhost:<port>
    static QSslCertificate certificate();

    // Test-side control.
    void setAccessTtlSeconds(int seconds) { m_accessTtl = seconds; }
    void setLockoutSeconds(int seconds) { m_lockoutSeconds = seconds; }
    void putNode(const nodes::NodeInfo& node);
    void dropNode(const QString& nodeId);
    void setNodeHistory(const QString& nodeId, QList<nodes::NodePoint> points);
    void setGpuHistory(const QString& nodeId, const QString& deviceId, QList<nodes::GpuPoint> points);
    void revokeAllTokens(); // every access and refresh token becomes invalid
    void expireAccessTokens(); // access tokens become invalid; refresh tokens still work
    void setDown(bool down) { m_down = down; } // every route answers 503

    // What the double saw.
    int loginAttempts() const { return m_loginAttempts; }
    int refreshCount() const { return m_refreshCount; }
    int logoutCount() const { return m_logoutCount; }
    int requestCount(const QString& route) const { return m_requests.value(route); } // "GET /nodes"
    QJsonObject lastPatchBody() const { return m_lastPatch; }
    QList<nodes::NodeInfo> nodes() const;
    QString lastAccessToken() const { return m_lastAccessToken; }

private:
    struct Account
    {
        iam::User user;
        QString password;
    };
    struct Token
    {
        QString username;
        qint64 expiresAtMs = 0;
    };

    void addRoutes();
    QHttpServerResponse login(const QHttpServerRequest& request);
    QHttpServerResponse refresh(const QHttpServerRequest& request);
    QHttpServerResponse issueTokens(const QString& username);
    // The account a valid, unexpired bearer token belongs to; null otherwise.
    const Account* authenticate(const QHttpServerRequest& request) const;
    bool mayManageNodes(const Account& account) const;
    void count(const QString& route) { ++m_requests[route]; }

    QHttpServer m_server;
    quint16 m_port = 0;
    bool m_tls = false;
    bool m_down = false;
    int m_accessTtl = 900;
    int m_lockoutSeconds = 900;
    int m_failures = 0;
    int m_loginAttempts = 0;
    int m_refreshCount = 0;
    int m_logoutCount = 0;
    int m_nextToken = 0;
    QHash<QString, Account> m_accounts; // by username
    QHash<QString, Token> m_accessTokens;
    QHash<QString, QString> m_refreshTokens; // live token -> username
    QHash<QString, QString> m_spentRefreshTokens;
    QList<QString> m_order;
    QHash<QString, nodes::NodeInfo> m_nodes;
    QHash<QString, QList<nodes::NodePoint>> m_nodeHistory;
    QHash<QString, QList<QPair<QString, QList<nodes::GpuPoint>>>> m_gpuHistory;
    QHash<QString, int> m_requests;
    QJsonObject m_lastPatch;
    QString m_lastAccessToken;
};

} // namespace aiops::testing
