#pragma once

#include "core/iam/IamTypes.h"
#include "core/iam/Principal.h"
#include "core/protocol/Error.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace aiops::iam {
class SecretStore;
}

namespace aiops::models {

// A signed-in session with one remote controller over its REST API (seed 000 "Authentication & Users").
// Holds the access token, refreshes it about a minute before it expires, retries a request once after
// a refresh when the controller answers 401, and keeps the rotated refresh token in the SecretStore when
// "Remember me" is on. Every failure is reported as an aiops::Error: the controller's errorCode and
// message, Retry-After in retryAfterSeconds; transport failures (unreachable, TLS) are Unavailable
// with a translated message. Certificate problems are never ignored unless the peer's certificate
// matches the one pinned with pinCertificate().
class RemoteSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteSession)
public:
    using ReplyHandler = std::function<void(const Result<QJsonDocument>& reply)>;

    // secrets may be null (nothing is remembered); it must outlive the session.
    explicit RemoteSession(QUrl controllerUrl, iam::SecretStore* secrets = nullptr, QObject* parent = nullptr);
    ~RemoteSession() override;

    // "host:8750", "http://host:8750", "https://host" -> a URL with scheme and no trailing slash.
    // InvalidValue for other schemes, user info, queries or an empty host.
    static Result<QUrl> normalizeUrl(const QString& text);
    // The SecretStore key of the remembered refresh token: "refresh-token:<url>".
    static QString secretKey(const QUrl& controllerUrl);
    // The error for an HTTP answer: errorCode from the body (falling back on the status), message,
    // field, and Retry-After (seconds or an HTTP date) in retryAfterSeconds.
    static Error errorFromHttp(int status, const QByteArray& body, const QByteArray& retryAfter);

    QUrl controllerUrl() const { return m_url; }
    bool isSignedIn() const { return !m_accessToken.isEmpty(); }
    bool isBusy() const { return m_busy; }
    iam::User user() const { return m_user; }
    // The signed-in user as a principal, for iam::rolesAllow()/authorize() checks in the GUI.
    iam::Principal principal() const;
    QString accessToken() const { return m_accessToken; }
    QDateTime accessExpiresAt() const { return m_accessExpiresAt; }
    bool rememberMe() const { return m_rememberMe; }
    bool hasStoredToken() const;

    // TLS: the certificate the controller presented on the last failed handshake (null if none) and a
    // pin. A pinned certificate is accepted despite its errors (self-signed, other name); any other
    // certificate still fails.
    QSslCertificate lastPeerCertificate() const { return m_lastPeerCertificate; }
    void pinCertificate(const QSslCertificate& certificate) { m_pinned = certificate; }
    QSslCertificate pinnedCertificate() const { return m_pinned; }

    // Starts signing in; ends in signedIn or errorOccurred. remember stores the refresh token (and
    // each rotated one) under secretKey(); without it any stored token is removed.
    void login(const QString& username, const QString& password, bool remember);
    // Signs in with the remembered refresh token. False (and nothing sent) when none is stored.
    bool resumeFromStoredToken();
    // Rotates the tokens now (the timer does this before expiry).
    void refresh();
    // Re-reads GET /users/me; emits userChanged.
    void fetchCurrentUser();
    // Forgets the tokens (and the remembered one), tells the controller best-effort, emits signedOut.
    void logout();

    // An authorized JSON request to path ("/nodes"). The handler runs unless context is destroyed
    // first. A 401 triggers one refresh and one retry; body is sent as JSON when given.
    void request(const QByteArray& verb,
                 const QString& path,
                 const std::optional<QJsonObject>& body,
                 QObject* context,
                 ReplyHandler handler);

    QNetworkAccessManager* network() const { return m_network; }

Q_SIGNALS:
    void signedIn(const aiops::iam::User& user);
    void signedOut();
    void userChanged(const aiops::iam::User& user);
    void tokensRefreshed();
    // The controller no longer accepts the session (refresh token rejected, reused or revoked).
    void sessionExpired(const QString& reason);
    void errorOccurred(const aiops::Error& error);
    // The handshake failed: what was wrong with the certificate, and its SHA-256 fingerprint.
    void tlsErrorsOccurred(const QStringList& problems, const QByteArray& sha256Fingerprint);
    void busyChanged(bool busy);

private:
    struct Pending
    {
        QByteArray verb;
        QString path;
        std::optional<QJsonObject> body;
        QPointer<QObject> context;
        bool hasContext = false; // a null context means "always call"
        ReplyHandler handler;
        bool retried = false;

        bool isLive() const { return !hasContext || !context.isNull(); }
    };

    QNetworkReply*
    send(const QByteArray& verb, const QString& path, const std::optional<QJsonObject>& body, bool authorized);
    void sendPending(Pending pending);
    void onAuthReply(QNetworkReply* reply, bool isRefresh);
    void applyTokens(const QJsonObject& body);
    void scheduleRefresh(qint64 expiresInSeconds);
    void onRefreshTimer();
    void failQueued(const Error& error);
    void expire(const QString& reason);
    void setBusy(bool busy);
    Error transportError(QNetworkReply* reply) const;
    Result<QJsonDocument> readReply(QNetworkReply* reply);

    QUrl m_url;
    iam::SecretStore* m_secrets;
    QNetworkAccessManager* m_network;
    QTimer m_refreshTimer;
    QString m_accessToken;
    QString m_refreshToken;
    QDateTime m_accessExpiresAt;
    iam::User m_user;
    bool m_rememberMe = false;
    bool m_busy = false;
    bool m_refreshing = false;
    bool m_wasSignedIn = false;
    QList<Pending> m_waitingForRefresh;
    QSslCertificate m_pinned;
    QSslCertificate m_lastPeerCertificate;
};

} // namespace aiops::models
