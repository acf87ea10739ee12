#include "models/RemoteSession.h"

#include "core/iam/SecretStore.h"

#include <QCryptographicHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSslError>
#include <algorithm>

namespace aiops::models {

namespace {

constexpr int kTransferTimeoutMs = 15000;
constexpr int kRefreshRetryMs = 15000;
constexpr qint64 kRefreshMarginSeconds = 60;
const char* const kTlsProblemsProperty = "aiopsTlsProblems";

iam::User userFromJson(const QJsonObject& o)
{
    iam::User user;
    user.userId = o.value(QStringLiteral("userId")).toString();
    user.username = o.value(QStringLiteral("username")).toString();
    user.displayName = o.value(QStringLiteral("displayName")).toString();
    user.email = o.value(QStringLiteral("email")).toString();
    user.orgId = o.value(QStringLiteral("orgId")).toString();
    for (const auto& role : o.value(QStringLiteral("roles")).toArray())
        user.roles.append(role.toString());
    return user;
}

std::optional<ErrorCode> codeFromName(const QString& name)
{
    // Walks the enum instead of listing it, so codes added later are recognised too.
    for (int i = 0; i < 128; ++i) {
        const auto code = static_cast<ErrorCode>(i);
        if (errorCodeName(code) == name)
            return code;
    }
    return std::nullopt;
}

ErrorCode codeFromStatus(int status)
{
    switch (status) {
    case 400: return ErrorCode::BadRequest;
    case 401: return ErrorCode::Unauthorized;
    case 403: return ErrorCode::Forbidden;
    case 404: return ErrorCode::NotFound;
    case 405: return ErrorCode::MethodNotAllowed;
    case 409: return ErrorCode::Conflict;
    case 413: return ErrorCode::PayloadTooLarge;
    case 429: return ErrorCode::RateLimited;
    case 502:
    case 503:
    case 504: return ErrorCode::Unavailable;
    default: return status >= 500 ? ErrorCode::Internal : ErrorCode::BadRequest;
    }
}

int retryAfterSeconds(const QByteArray& header)
{
    const QByteArray trimmed = header.trimmed();
    if (trimmed.isEmpty())
        return 0;
    bool ok = false;
    const int seconds = trimmed.toInt(&ok);
    if (ok)
        return std::max(0, seconds);
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(trimmed), Qt::RFC2822Date);
    if (!when.isValid())
        return 0;
    return static_cast<int>(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when)));
}

QString hostAndPort(const QUrl& url)
{
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

} // namespace

RemoteSession::RemoteSession(QUrl controllerUrl, iam::SecretStore* secrets, QObject* parent)
    : QObject(parent)
    , m_url(std::move(controllerUrl))
    , m_secrets(secrets)
    , m_network(new QNetworkAccessManager(this))
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &RemoteSession::onRefreshTimer);
}

RemoteSession::~RemoteSession() = default;

Result<QUrl> RemoteSession::normalizeUrl(const QString& text)
{
    QString input = text.trimmed();
    if (input.isEmpty())
        return makeError(ErrorCode::MissingField, tr("Enter the controller's address."));
    if (!input.contains(QStringLiteral("://"))) {
        // Plain HTTP only where nothing leaves the machine; anywhere else the password needs TLS.
        const QString host = QUrl(QStringLiteral("http://") + input).host();
        const bool loopback = host == u"localhost" || QHostAddress(host).isLoopback();
        input.prepend(loopback ? QStringLiteral("http://") : QStringLiteral("https://"));
    }
    QUrl url(input, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty())
        return makeError(ErrorCode::InvalidValue, tr("\"%1\" is not a valid address.").arg(text.trimmed()));
    if (scheme != u"http" && scheme != u"https")
        return makeError(ErrorCode::InvalidValue, tr("The address must start with http:// or https://."));
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return makeError(ErrorCode::InvalidValue,
                         tr("Enter only the controller's address, without user name, query or fragment."));
    url.setScheme(scheme);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}

QString RemoteSession::secretKey(const QUrl& controllerUrl)
{
    return QStringLiteral("refresh-token:") + controllerUrl.toString(QUrl::FullyEncoded);
}

Error RemoteSession::errorFromHttp(int status, const QByteArray& body, const QByteArray& retryAfter)
{
    Error error;
    error.code = codeFromStatus(status);
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (const auto code = codeFromName(o.value(QStringLiteral("errorCode")).toString()))
        error.code = *code;
    error.message = o.value(QStringLiteral("message")).toString();
    if (error.message.isEmpty())
        error.message = tr("The controller answered HTTP %1.").arg(status);
    error.field = o.value(QStringLiteral("field")).toString();
    error.retryAfterSeconds = retryAfterSeconds(retryAfter);
    if (error.retryAfterSeconds == 0)
        error.retryAfterSeconds = o.value(QStringLiteral("retryAfterSeconds")).toInt();
    return error;
}

iam::Principal RemoteSession::principal() const
{
    iam::Principal p;
    p.subject = m_user.userId;
    p.roles = m_user.roles;
    p.kind = iam::PrincipalKind::User;
    p.orgId = m_user.orgId;
    p.displayName = m_user.username;
    return p;
}

bool RemoteSession::hasStoredToken() const
{
    return m_secrets && m_secrets->read(secretKey(m_url)).has_value();
}

void RemoteSession::login(const QString& username, const QString& password, bool remember)
{
    m_rememberMe = remember;
    setBusy(true);
    QNetworkReply* reply
        = send("POST",
               QStringLiteral("/auth/login"),
               QJsonObject { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } },
               false);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onAuthReply(reply, false); });
}

bool RemoteSession::resumeFromStoredToken()
{
    if (!m_secrets)
        return false;
    const auto stored = m_secrets->read(secretKey(m_url));
    if (!stored || stored->isEmpty())
        return false;
    m_rememberMe = true;
    m_refreshToken = QString::fromUtf8(*stored);
    refresh();
    return true;
}

void RemoteSession::refresh()
{
    if (m_refreshing)
        return;
    if (m_refreshToken.isEmpty()) {
        Q_EMIT errorOccurred(Error { ErrorCode::Unauthorized, tr("Not signed in.") });
        return;
    }
    m_refreshing = true;
    m_refreshTimer.stop();
    if (!isSignedIn())
        setBusy(true);
    QNetworkReply* reply = send("POST",
                                QStringLiteral("/auth/refresh"),
                                QJsonObject { { QStringLiteral("refreshToken"), m_refreshToken } },
                                false);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onAuthReply(reply, true); });
}

void RemoteSession::fetchCurrentUser()
{
    request("GET", QStringLiteral("/users/me"), std::nullopt, this, [this](const Result<QJsonDocument>& reply) {
        if (!reply) {
            Q_EMIT errorOccurred(reply.error());
            return;
        }
        m_user = userFromJson(reply->object());
        Q_EMIT userChanged(m_user);
    });
}

void RemoteSession::logout()
{
    if (!m_refreshToken.isEmpty()) {
        // Best effort: the controller revokes the token family; we forget the tokens either way.
        QNetworkReply* reply = send("POST",
                                    QStringLiteral("/auth/logout"),
                                    QJsonObject { { QStringLiteral("refreshToken"), m_refreshToken } },
                                    true);
        connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    }
    if (m_secrets)
        (void)m_secrets->remove(secretKey(m_url));
    const bool wasSignedIn = m_wasSignedIn;
    m_accessToken.clear();
    m_refreshToken.clear();
    m_accessExpiresAt = {};
    m_user = {};
    m_wasSignedIn = false;
    m_refreshTimer.stop();
    failQueued(Error { ErrorCode::Unauthorized, tr("Signed out.") });
    if (wasSignedIn)
        Q_EMIT signedOut();
}

void RemoteSession::request(const QByteArray& verb,
                            const QString& path,
                            const std::optional<QJsonObject>& body,
                            QObject* context,
                            ReplyHandler handler)
{
    Pending pending { verb, path, body, QPointer<QObject>(context), context != nullptr, std::move(handler) };
    if (m_refreshing) {
        m_waitingForRefresh.append(std::move(pending));
        return;
    }
    sendPending(std::move(pending));
}

QNetworkReply* RemoteSession::send(const QByteArray& verb,
                                   const QString& path,
                                   const std::optional<QJsonObject>& body,
                                   bool authorized)
{
    QUrl target = m_url;
    const qsizetype q = path.indexOf(u'?');
    target.setPath(m_url.path() + (q < 0 ? path : path.left(q)));
    if (q >= 0)
        target.setQuery(path.mid(q + 1));
    QNetworkRequest request(target);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(kTransferTimeoutMs);
    if (authorized && !m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken.toUtf8());
    QNetworkReply* reply = nullptr;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = m_network->sendCustomRequest(request, verb, QJsonDocument(*body).toJson(QJsonDocument::Compact));
    } else {
        reply = m_network->sendCustomRequest(request, verb);
    }
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError>& errors) {
        QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        if (peer.isNull() && !errors.isEmpty())
            peer = errors.first().certificate();
        if (!m_pinned.isNull() && peer == m_pinned) {
            reply->ignoreSslErrors(errors);
            return;
        }
        QStringList problems;
        for (const auto& e : errors)
            problems.append(e.errorString());
        problems.removeDuplicates();
        m_lastPeerCertificate = peer;
        reply->setProperty(kTlsProblemsProperty, problems);
        Q_EMIT tlsErrorsOccurred(problems, peer.isNull() ? QByteArray() : peer.digest(QCryptographicHash::Sha256));
    });
    return reply;
}

void RemoteSession::sendPending(Pending pending)
{
    QNetworkReply* reply = send(pending.verb, pending.path, pending.body, true);
    connect(reply, &QNetworkReply::finished, this, [this, reply, pending = std::move(pending)]() mutable {
        reply->deleteLater();
        auto result = readReply(reply);
        if (!result && result.error().code == ErrorCode::Unauthorized && !pending.retried
            && !m_refreshToken.isEmpty()) {
            pending.retried = true;
            m_waitingForRefresh.append(std::move(pending));
            refresh();
            return;
        }
        if (pending.isLive())
            pending.handler(result);
    });
}

Result<QJsonDocument> RemoteSession::readReply(QNetworkReply* reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    if (status == 0)
        return std::unexpected(transportError(reply));
    if (status >= 400)
        return std::unexpected(errorFromHttp(status, data, reply->rawHeader("Retry-After")));
    if (data.trimmed().isEmpty())
        return QJsonDocument();
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(ErrorCode::InvalidJson, tr("The controller sent an answer that is not JSON."));
    return doc;
}

Error RemoteSession::transportError(QNetworkReply* reply) const
{
    const QString where = hostAndPort(m_url);
    const QStringList problems = reply->property(kTlsProblemsProperty).toStringList();
    if (!problems.isEmpty()) {
        return Error { ErrorCode::Unavailable,
                       tr("The connection to %1 is not secure: %2").arg(where, problems.join(QStringLiteral("; "))) };
    }
    switch (reply->error()) {
    case QNetworkReply::SslHandshakeFailedError:
        return Error { ErrorCode::Unavailable,
                       tr("The secure connection to %1 failed: %2").arg(where, reply->errorString()) };
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        return Error { ErrorCode::Unavailable, tr("%1 did not answer in time.").arg(where) };
    default: return Error { ErrorCode::Unavailable, tr("Cannot reach %1: %2").arg(where, reply->errorString()) };
    }
}

void RemoteSession::onAuthReply(QNetworkReply* reply, bool isRefresh)
{
    reply->deleteLater();
    auto result = readReply(reply);
    if (isRefresh)
        m_refreshing = false;
    setBusy(false);
    if (result
        && (result->object().value(QStringLiteral("accessToken")).toString().isEmpty()
            || result->object().value(QStringLiteral("refreshToken")).toString().isEmpty())) {
        result = makeError(ErrorCode::InvalidJson, tr("The controller's answer has no tokens."));
    }
    if (!result) {
        const Error error = result.error();
        failQueued(error);
        if (isRefresh && (error.code == ErrorCode::Unauthorized || error.code == ErrorCode::Forbidden)) {
            Q_EMIT errorOccurred(error);
            expire(error.message);
            return;
        }
        if (isRefresh && isSignedIn())
            m_refreshTimer.start(kRefreshRetryMs);
        Q_EMIT errorOccurred(error);
        return;
    }
    const QJsonObject body = result->object();
    applyTokens(body);
    if (body.value(QStringLiteral("user")).isObject())
        m_user = userFromJson(body.value(QStringLiteral("user")).toObject());
    if (m_secrets) {
        // The stored token must follow every rotation: presenting a spent one revokes the family.
        const QString key = secretKey(m_url);
        const auto stored = m_rememberMe ? m_secrets->write(key, m_refreshToken.toUtf8()) : m_secrets->remove(key);
        if (!stored)
            qWarning("RemoteSession: the secret store refused the refresh token (%s)",
                     qPrintable(stored.error().codeName()));
    }
    const auto waiting = std::exchange(m_waitingForRefresh, {});
    if (m_wasSignedIn) {
        Q_EMIT tokensRefreshed();
    } else {
        m_wasSignedIn = true;
        Q_EMIT signedIn(m_user);
    }
    for (const auto& pending : waiting)
        sendPending(pending);
}

void RemoteSession::applyTokens(const QJsonObject& body)
{
    m_accessToken = body.value(QStringLiteral("accessToken")).toString();
    m_refreshToken = body.value(QStringLiteral("refreshToken")).toString();
    const qint64 expiresIn = body.value(QStringLiteral("expiresIn")).toInteger(15 * 60);
    m_accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
    scheduleRefresh(expiresIn);
}

void RemoteSession::scheduleRefresh(qint64 expiresInSeconds)
{
    // A minute ahead for real tokens (15 min); halfway for very short ones.
    const qint64 delayMs = expiresInSeconds > 2 * kRefreshMarginSeconds
        ? (expiresInSeconds - kRefreshMarginSeconds) * 1000
        : expiresInSeconds * 500;
    m_refreshTimer.start(static_cast<int>(std::max<qint64>(200, delayMs)));
}

void RemoteSession::onRefreshTimer()
{
    refresh();
}

void RemoteSession::failQueued(const Error& error)
{
    const auto waiting = std::exchange(m_waitingForRefresh, {});
    for (const auto& pending : waiting) {
        if (pending.isLive())
            pending.handler(std::unexpected(error));
    }
}

void RemoteSession::expire(const QString& reason)
{
    if (m_secrets)
        (void)m_secrets->remove(secretKey(m_url));
    m_accessToken.clear();
    m_refreshToken.clear();
    m_accessExpiresAt = {};
    m_refreshTimer.stop();
    const bool wasSignedIn = std::exchange(m_wasSignedIn, false);
    if (wasSignedIn)
        Q_EMIT sessionExpired(reason);
}

void RemoteSession::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace aiops::models
