#include "core/iam/SecretStore.h"
#include "models/RemoteSession.h"
#include "tests/support/FakeControllerServer.h"

#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTest>

using aiops::Error;
using aiops::ErrorCode;
using aiops::models::RemoteSession;
using aiops::testing::FakeControllerServer;

class TestRemoteSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void normalizesControllerUrls_data();
    void normalizesControllerUrls();
    void mapsHttpErrors_data();
    void mapsHttpErrors();
    void signsInAndReadsTheUser();
    void wrongPasswordIsUnauthorized();
    void lockoutCarriesRetryAfter();
    void refreshesBeforeTheAccessTokenExpires();
    void retriesOnceAfterA401();
    void revokedSessionExpiresAndFailsTheRequest();
    void rememberMeStoresAndResumes();
    void withoutRememberMeNothingIsStored();
    void reusedRefreshTokenExpiresTheSession();
    void logoutForgetsTheTokens();
    void unreachableControllerIsUnavailable();
    void untrustedCertificateIsReportedNotIgnored();
    void pinnedCertificateIsAccepted();

private:
    std::unique_ptr<FakeControllerServer> m_server;
    std::unique_ptr<aiops::iam::SecretStore> m_secrets;
};

void TestRemoteSession::init()
{
    m_server = std::make_unique<FakeControllerServer>();
    QVERIFY(m_server->listen());
    m_secrets = aiops::iam::makeMemorySecretStore();
}

void TestRemoteSession::cleanup()
{
    m_server.reset();
    m_secrets.reset();
}

void TestRemoteSession::normalizesControllerUrls_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty = rejected
    QTest::newRow("loopback without scheme")
        << QStringLiteral("127.0.0.1:8750") << QStringLiteral("http://127.0.0.1:8750");
    QTest::newRow("localhost without scheme")
        << QStringLiteral("localhost:8750") << QStringLiteral("http://localhost:8750");
    QTest::newRow("remote defaults to https")
        << QStringLiteral("ctl.example.org:8750") << QStringLiteral("https://ctl.example.org:8750");
    QTest::newRow("explicit http kept") << QStringLiteral("http://10.0.0.5:8750/")
                                        << QStringLiteral("http://10.0.0.5:8750");
    QTest::newRow("upper-case scheme") << QStringLiteral(" HTTPS://Ctl.example.org ")
                                       << QStringLiteral("https://ctl.example.org");
    QTest::newRow("base path kept") << QStringLiteral("https://h/aiops//") << QStringLiteral("https://h/aiops");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("ftp") << QStringLiteral("ftp://h") << QString();
    QTest::newRow("user info") << QStringLiteral("https://bob:pw@h") << QString();
    QTest::newRow("query") << QStringLiteral("https://h/?x=1") << QString();
}

void TestRemoteSession::normalizesControllerUrls()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const auto url = RemoteSession::normalizeUrl(input);
    if (expected.isEmpty()) {
        QVERIFY2(!url, qPrintable(input));
        QVERIFY(!url.error().message.isEmpty());
    } else {
        QVERIFY2(url, qPrintable(url ? QString() : url.error().message));
        QCOMPARE(url->toString(), expected);
    }
}

void TestRemoteSession::mapsHttpErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("retryAfterSeconds");
    QTest::newRow("401 body") << 401 << QByteArray(R"({"errorCode":"UNAUTHORIZED","message":"Bad password"})")
                              << QByteArray() << int(ErrorCode::Unauthorized) << QStringLiteral("Bad password") << 0;
    QTest::newRow("403 body") << 403 << QByteArray(R"({"errorCode":"FORBIDDEN","message":"Viewers may not"})")
                              << QByteArray() << int(ErrorCode::Forbidden) << QStringLiteral("Viewers may not") << 0;
    QTest::newRow("429 seconds") << 429 << QByteArray(R"({"errorCode":"RATE_LIMITED","message":"Slow down"})")
                                 << QByteArray("840") << int(ErrorCode::RateLimited) << QStringLiteral("Slow down")
                                 << 840;
    QTest::newRow("code wins over status") << 400 << QByteArray(R"({"errorCode":"INVALID_VALUE","message":"m"})")
                                           << QByteArray() << int(ErrorCode::InvalidValue) << QStringLiteral("m") << 0;
    QTest::newRow("no body 404") << 404 << QByteArray() << QByteArray() << int(ErrorCode::NotFound)
                                 << QStringLiteral("The controller answered HTTP 404.") << 0;
    QTest::newRow("html 502") << 502 << QByteArray("<html>bad gateway</html>") << QByteArray()
                              << int(ErrorCode::Unavailable) << QStringLiteral("The controller answered HTTP 502.")
                              << 0;
    QTest::newRow("unknown code 500") << 500 << QByteArray(R"({"errorCode":"SOMETHING_NEW","message":"x"})")
                                      << QByteArray() << int(ErrorCode::Internal) << QStringLiteral("x") << 0;
}

void TestRemoteSession::mapsHttpErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, code);
    QFETCH(QString, message);
    QFETCH(int, retryAfterSeconds);
    const Error error = RemoteSession::errorFromHttp(status, body, retryAfter);
    QCOMPARE(int(error.code), code);
    QCOMPARE(error.message, message);
    QCOMPARE(error.retryAfterSeconds, retryAfterSeconds);
}

void TestRemoteSession::signsInAndReadsTheUser()
{
    RemoteSession session(m_server->url(), m_secrets.get());
    QSignalSpy signedIn(&session, &RemoteSession::signedIn);
    QSignalSpy busy(&session, &RemoteSession::busyChanged);
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), false);
    QVERIFY(session.isBusy());
    QVERIFY(signedIn.wait());
    QVERIFY(!session.isBusy());
    QCOMPARE(busy.count(), 2);
    QVERIFY(session.isSignedIn());
    const auto user = signedIn.at(0).at(0).value<aiops::iam::User>();
    QCOMPARE(user.username, QStringLiteral("alice"));
    QCOMPARE(user.displayName, QStringLiteral("Alice Nguyen"));
    QCOMPARE(user.roles, QStringList { QStringLiteral("universe.owner") });
    QCOMPARE(session.principal().subject, QStringLiteral("u-alice"));
    QCOMPARE(session.principal().orgId, QStringLiteral("org-1"));
    QCOMPARE(session.accessToken(), m_server->lastAccessToken());
    const qint64 ttl = QDateTime::currentDateTimeUtc().secsTo(session.accessExpiresAt());
    QVERIFY2(ttl > 890 && ttl <= 900, qPrintable(QString::number(ttl)));

    QSignalSpy userChanged(&session, &RemoteSession::userChanged);
    session.fetchCurrentUser();
    QVERIFY(userChanged.wait());
    QCOMPARE(session.user().email, QStringLiteral("alice@example.org"));
    QCOMPARE(m_server->requestCount(QStringLiteral("GET /users/me")), 1);
}

void TestRemoteSession::wrongPasswordIsUnauthorized()
{
    RemoteSession session(m_server->url(), m_secrets.get());
    QSignalSpy errors(&session, &RemoteSession::errorOccurred);
    QSignalSpy signedIn(&session, &RemoteSession::signedIn);
    session.login(QStringLiteral("alice"), QStringLiteral("wrong"), true);
    QVERIFY(errors.wait());
    const auto error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::Unauthorized);
    QCOMPARE(error.message, QStringLiteral("Invalid username or password"));
    QVERIFY(!session.isSignedIn());
    QVERIFY(!session.isBusy());
    QCOMPARE(signedIn.count(), 0);
    QVERIFY(!session.hasStoredToken());
}

void TestRemoteSession::lockoutCarriesRetryAfter()
{
    m_server->setLockoutSeconds(840);
    RemoteSession session(m_server->url(), m_secrets.get());
    QSignalSpy errors(&session, &RemoteSession::errorOccurred);
    for (int i = 0; i < 5; ++i) {
        session.login(QStringLiteral("alice"), QStringLiteral("wrong"), false);
        QVERIFY(errors.wait());
        QCOMPARE(errors.last().at(0).value<Error>().code, ErrorCode::Unauthorized);
    }
    // Even the right password is refused while locked out.
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), false);
    QVERIFY(errors.wait());
    const auto error = errors.last().at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::RateLimited);
    QCOMPARE(error.retryAfterSeconds, 840);
    QVERIFY(!session.isSignedIn());
}

void TestRemoteSession::refreshesBeforeTheAccessTokenExpires()
{
    m_server->setAccessTtlSeconds(2); // short tokens are refreshed halfway
    RemoteSession session(m_server->url(), m_secrets.get());
    QSignalSpy signedIn(&session, &RemoteSession::signedIn);
    QSignalSpy refreshed(&session, &RemoteSession::tokensRefreshed);
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), false);
    QVERIFY(signedIn.wait());
    const QString first = session.accessToken();
    QVERIFY(refreshed.wait(2500));
    QCOMPARE(m_server->refreshCount(), 1);
    QVERIFY(session.accessToken() != first);
    QCOMPARE(session.accessToken(), m_server->lastAccessToken());
    // Well past the first token's lifetime the session still works.
    QTest::qWait(1500);
    bool answered = false;
    session.request("GET", QStringLiteral("/users/me"), std::nullopt, this, [&](const auto& reply) {
        answered = reply.has_value();
    });
    QTRY_VERIFY(answered);
    QVERIFY(m_server->refreshCount() >= 2);
    QCOMPARE(signedIn.count(), 1);
}

void TestRemoteSession::retriesOnceAfterA401()
{
    RemoteSession session(m_server->url(), m_secrets.get());
    QSignalSpy signedIn(&session, &RemoteSession::signedIn);
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), false);
    QVERIFY(signedIn.wait());
    const QString before = session.accessToken();
    m_server->expireAccessTokens(); // the controller restarted, say; the refresh token still works
    std::optional<aiops::Result<QJsonDocument>> answer;
    session.request("GET", QStringLiteral("/nodes"), std::nullopt, this, [&](const auto& reply) { answer = reply; });
    QTRY_VERIFY(answer.has_value());
    QVERIFY2(answer->has_value(), qPrintable(answer->has_value() ? QString() : answer->error().message));
    QVERIFY((*answer)->object().value(QStringLiteral("nodes")).isArray());
    QCOMPARE(m_server->refreshCount(), 1);
    QCOMPARE(m_server->requestCount(QStringLiteral("GET /nodes")), 2);
    QVERIFY(session.accessToken() != before);
    QVERIFY(session.isSignedIn());
}

void TestRemoteSession::revokedSessionExpiresAndFailsTheRequest()
{
    RemoteSession session(m_server->url(), m_secrets.get());
    QSignalSpy signedIn(&session, &RemoteSession::signedIn);
    QSignalSpy expired(&session, &RemoteSession::sessionExpired);
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), true);
    QVERIFY(signedIn.wait());
    m_server->revokeAllTokens();
    std::optional<aiops::Result<QJsonDocument>> answer;
    session.request("GET", QStringLiteral("/nodes"), std::nullopt, this, [&](const auto& reply) { answer = reply; });
    QTRY_VERIFY(answer.has_value());
    QVERIFY(!answer->has_value());
    QCOMPARE(answer->error().code, ErrorCode::Unauthorized);
    QCOMPARE(m_server->refreshCount(), 1);
    QCOMPARE(m_server->requestCount(QStringLiteral("GET /nodes")), 1);
    QCOMPARE(expired.count(), 1);
    QVERIFY(!session.isSignedIn());
    QVERIFY(!session.hasStoredToken());
}

void TestRemoteSession::rememberMeStoresAndResumes()
{
    QString stored;
    {
        RemoteSession session(m_server->url(), m_secrets.get());
        QSignalSpy signedIn(&session, &RemoteSession::signedIn);
        session.login(QStringLiteral("victor"), QStringLiteral("viewer-pass"), true);
        QVERIFY(signedIn.wait());
        QVERIFY(session.hasStoredToken());
        const auto secret = m_secrets->read(RemoteSession::secretKey(m_server->url()));
        QVERIFY(secret);
        QVERIFY(!secret->isEmpty());
        // Rotation keeps the stored token current (a spent one would revoke the family).
        QSignalSpy refreshed(&session, &RemoteSession::tokensRefreshed);
        session.refresh();
        QVERIFY(refreshed.wait());
        const auto rotated = m_secrets->read(RemoteSession::secretKey(m_server->url()));
        QVERIFY(rotated);
        QVERIFY(*rotated != *secret);
        stored = QString::fromUtf8(*rotated);
    }
    QCOMPARE(RemoteSession::secretKey(m_server->url()), QStringLiteral("refresh-token:") + m_server->url().toString());

    // Next start: a new session with the same store signs in without a password.
    RemoteSession resumed(m_server->url(), m_secrets.get());
    QSignalSpy signedIn(&resumed, &RemoteSession::signedIn);
    QVERIFY(resumed.resumeFromStoredToken());
    QVERIFY(signedIn.wait());
    QCOMPARE(resumed.user().username, QStringLiteral("victor"));
    QCOMPARE(resumed.user().roles, QStringList { QStringLiteral("organization.viewer") });
    QCOMPARE(m_server->loginAttempts(), 1);
    QVERIFY(QString::fromUtf8(*m_secrets->read(RemoteSession::secretKey(m_server->url()))) != stored);
}

void TestRemoteSession::withoutRememberMeNothingIsStored()
{
    QVERIFY(m_secrets->write(RemoteSession::secretKey(m_server->url()), "old-token"));
    RemoteSession session(m_server->url(), m_secrets.get());
    QSignalSpy signedIn(&session, &RemoteSession::signedIn);
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), false);
    QVERIFY(signedIn.wait());
    QVERIFY(!session.hasStoredToken());
    QCOMPARE(m_secrets->read(RemoteSession::secretKey(m_server->url())).error().code, ErrorCode::NotFound);

    RemoteSession other(m_server->url(), m_secrets.get());
    QVERIFY(!other.resumeFromStoredToken());
    QCOMPARE(m_server->refreshCount(), 0);
}

void TestRemoteSession::reusedRefreshTokenExpiresTheSession()
{
    RemoteSession session(m_server->url(), m_secrets.get());
    QSignalSpy signedIn(&session, &RemoteSession::signedIn);
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), true);
    QVERIFY(signedIn.wait());
    // Someone else presents our refresh token first (a stolen copy): ours is now spent.
    const QByteArray ours = *m_secrets->read(RemoteSession::secretKey(m_server->url()));
    auto store = aiops::iam::makeMemorySecretStore();
    QVERIFY(store->write(RemoteSession::secretKey(m_server->url()), ours));
    RemoteSession stolen(m_server->url(), store.get());
    QSignalSpy stolenIn(&stolen, &RemoteSession::signedIn);
    QVERIFY(stolen.resumeFromStoredToken());
    QVERIFY(stolenIn.wait());

    QSignalSpy expired(&session, &RemoteSession::sessionExpired);
    QSignalSpy errors(&session, &RemoteSession::errorOccurred);
    session.refresh();
    QVERIFY(expired.wait());
    QCOMPARE(expired.at(0).at(0).toString(), QStringLiteral("Refresh token reused; the session was revoked"));
    QCOMPARE(errors.last().at(0).value<Error>().code, ErrorCode::Unauthorized);
    QVERIFY(!session.isSignedIn());
    QVERIFY(!session.hasStoredToken());
}

void TestRemoteSession::logoutForgetsTheTokens()
{
    RemoteSession session(m_server->url(), m_secrets.get());
    QSignalSpy signedIn(&session, &RemoteSession::signedIn);
    QSignalSpy signedOut(&session, &RemoteSession::signedOut);
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), true);
    QVERIFY(signedIn.wait());
    session.logout();
    QCOMPARE(signedOut.count(), 1);
    QVERIFY(!session.isSignedIn());
    QVERIFY(session.accessToken().isEmpty());
    QVERIFY(!session.hasStoredToken());
    QTRY_COMPARE(m_server->logoutCount(), 1);
}

void TestRemoteSession::unreachableControllerIsUnavailable()
{
    const QUrl url = m_server->url();
    m_server.reset(); // nothing listens on that port any more
    RemoteSession session(url, m_secrets.get());
    QSignalSpy errors(&session, &RemoteSession::errorOccurred);
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), false);
    QVERIFY(errors.wait());
    const auto error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::Unavailable);
    QVERIFY2(error.message.startsWith(QStringLiteral("Cannot reach 127.0.0.1:%1").arg(url.port())),
             qPrintable(error.message));
    QVERIFY(!session.isBusy());
}

void TestRemoteSession::untrustedCertificateIsReportedNotIgnored()
{
    FakeControllerServer tlsServer;
    QVERIFY(tlsServer.listen(true));
    QCOMPARE(tlsServer.url().scheme(), QStringLiteral("https"));
    RemoteSession session(tlsServer.url(), m_secrets.get());
    QSignalSpy errors(&session, &RemoteSession::errorOccurred);
    QSignalSpy tls(&session, &RemoteSession::tlsErrorsOccurred);
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), false);
    QVERIFY(errors.wait());
    QCOMPARE(tls.count(), 1);
    QVERIFY(!tls.at(0).at(0).toStringList().isEmpty());
    QCOMPARE(tls.at(0).at(1).toByteArray(), FakeControllerServer::certificate().digest(QCryptographicHash::Sha256));
    QCOMPARE(session.lastPeerCertificate(), FakeControllerServer::certificate());
    const auto error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::Unavailable);
    QVERIFY2(error.message.contains(QStringLiteral("not secure")), qPrintable(error.message));
    QVERIFY(!session.isSignedIn());
    // The password never reached the server.
    QCOMPARE(tlsServer.loginAttempts(), 0);
}

void TestRemoteSession::pinnedCertificateIsAccepted()
{
    FakeControllerServer tlsServer;
    QVERIFY(tlsServer.listen(true));
    RemoteSession session(tlsServer.url(), m_secrets.get());
    session.pinCertificate(FakeControllerServer::certificate());
    QSignalSpy signedIn(&session, &RemoteSession::signedIn);
    session.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), false);
    QVERIFY(signedIn.wait());
    QCOMPARE(tlsServer.loginAttempts(), 1);

    // A different pinned certificate does not open the door for this one.
    RemoteSession other(tlsServer.url(), m_secrets.get());
    other.pinCertificate(QSslConfiguration::systemCaCertificates().value(0));
    QSignalSpy errors(&other, &RemoteSession::errorOccurred);
    other.login(QStringLiteral("alice"), QStringLiteral("correct-horse"), false);
    QVERIFY(errors.wait());
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::Unavailable);
    QCOMPARE(tlsServer.loginAttempts(), 1);
}

QTEST_GUILESS_MAIN(TestRemoteSession)
#include "test_remote_session.moc"
