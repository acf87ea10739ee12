// The REST pipeline's guarantees over real HTTP: a table of malformed requests (each gets its
// status and errorCode, and nothing is stored), request ids, CORS, Idempotency-Key, 405 with Allow,
// rate limits with Retry-After, login lockout, refresh rotation with reuse detection, the audit
// trail of mutating and denied requests, and that no secret reaches a log line.
#include "RestClient.h"
#include "core/controller/Controller.h"
#include "core/controller/HttpRouter.h"
#include "core/iam/IamService.h"
#include "core/iam/SecretStore.h"
#include "core/safety/SafetyService.h"

#include <QHttpServer>
#include <QLoggingCategory>
#include <QMutex>
#include <QTemporaryDir>
#include <QtTest>

using namespace aiops;
using namespace Qt::StringLiterals;
using testing::Reply;
using testing::RestClient;

namespace {

QMutex g_logLock;
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker locker(&g_logLock);
        g_log.append(QString::fromUtf8(context.category ? context.category : "") + u' ' + message);
    }
    if (g_previous && (type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg))
        g_previous(type, context, message);
}

QByteArray base64url(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray refreshBody(const QString& token)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("refreshToken"), token } }).toJson(QJsonDocument::Compact);
}

struct Snapshot
{
    qsizetype users = 0;
    qsizetype apiKeys = 0;
    qsizetype organizations = 0;
    qsizetype credentials = 0;
    qsizetype patterns = 0;
    qsizetype guardrails = 0;
    bool operator==(const Snapshot&) const = default;
};

} // namespace

class ApiHardeningTest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<iam::SecretStore> m_secrets;
    std::unique_ptr<controller::Controller> m_controller;
    std::unique_ptr<RestClient> m_client;
    iam::IamService* m_iam = nullptr;
    QByteArray m_owner;
    QByteArray m_viewer;
    QByteArray m_apiKey;
    QString m_userId;
    QString m_nodeId = u"no-node"_s;
    QStringList m_secretsSeen;

    std::unique_ptr<controller::Controller> startController(const QString& name, int perMinute)
    {
        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(name);
        config.secrets = m_secrets.get();
        config.fastPasswordHashing = true;
        config.anonymousRequestsPerMinute = perMinute;
        config.authenticatedRequestsPerMinute = perMinute;
        config.corsOrigins = { u"http://localhost:3000"_s };
        auto controller = std::make_unique<controller::Controller>(config);
        const auto started = controller->start();
        if (!started)
            qFatal("controller: %s", qPrintable(started.error().message));
        return controller;
    }

    Snapshot snapshot() const
    {
        return Snapshot { m_iam->users().size(),
                          m_iam->apiKeys().size(),
                          m_iam->organizations().size(),
                          m_iam->nodeCredentials().size(),
                          m_controller->safetyService()->listPatterns().size(),
                          m_controller->safetyService()->listGuardrails().size() };
    }

    QByteArray login(RestClient& client, const QString& user, const QString& password, int* status = nullptr)
    {
        const Reply r = client.send("POST",
                                    u"/auth/login"_s,
                                    {},
                                    QJsonDocument(QJsonObject { { u"username"_s, user }, { u"password"_s, password } })
                                        .toJson(QJsonDocument::Compact));
        if (status)
            *status = r.status;
        m_secretsSeen << r.json().value(u"accessToken"_s).toString() << r.json().value(u"refreshToken"_s).toString();
        return r.body;
    }

private Q_SLOTS:
    void initTestCase()
    {
        g_previous = qInstallMessageHandler(captureMessage);
        QLoggingCategory::setFilterRules(u"aiops.*.debug=true\naiops.*.info=true"_s);
        m_secrets = iam::makeMemorySecretStore();
        m_controller = startController(u"main"_s, 0);
        m_client = std::make_unique<RestClient>(u"http://127.0.0.1:%1"_s.arg(m_controller->port()));
        m_iam = m_controller->iamService();
        const QString ownerPassword = QString::fromUtf8(*m_secrets->read(u"owner-password"_s));
        m_secretsSeen << ownerPassword;
        int status = 0;
        const QJsonObject session
            = QJsonDocument::fromJson(login(*m_client, u"owner"_s, ownerPassword, &status)).object();
        QCOMPARE(status, 200);
        m_owner = session.value(u"accessToken"_s).toString().toUtf8();
        QCOMPARE(session.value(u"user"_s).toObject().value(u"roles"_s).toArray().first().toString(),
                 u"universe.owner"_s);
        QVERIFY(session.value(u"expiresIn"_s).toDouble() > 800);

        const Reply viewer
            = m_client->send("POST",
                             u"/users"_s,
                             m_owner,
                             R"({"username":"vera","password":"viewer-password","roles":["universe.viewer"]})");
        QCOMPARE(viewer.status, 201);
        m_userId = viewer.json().value(u"userId"_s).toString();
        m_viewer = QJsonDocument::fromJson(login(*m_client, u"vera"_s, u"viewer-password"_s))
                       .object()
                       .value(u"accessToken"_s)
                       .toString()
                       .toUtf8();
        QVERIFY(!m_viewer.isEmpty());
        const Reply key = m_client->send("POST", u"/api-keys"_s, m_owner, R"({"name":"sdk","models":["llama"]})");
        QCOMPARE(key.status, 201);
        m_apiKey = key.json().value(u"secret"_s).toString().toUtf8();
        QVERIFY(m_apiKey.startsWith("aiops_sk_"));
        m_secretsSeen << QString::fromUtf8(m_apiKey);
        // The secret is shown once: the list never carries it.
        const Reply keys = m_client->send("GET", u"/api-keys"_s, m_owner);
        QVERIFY(!keys.body.contains(m_apiKey));
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_controller.reset();
        qInstallMessageHandler(g_previous);
    }

    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("auth"); // owner | viewer | apikey | none | raw:<Authorization value>
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorCode");

        const QByteArray alg = base64url(R"({"alg":"none","typ":"JWT"})");
        const QByteArray claims = base64url(R"({"sub":"x","roles":["universe.owner"],"aud":"aiops","exp":9999999999})");
        const QString noneToken = QString::fromLatin1("raw:Bearer " + alg + '.' + claims + '.');
        const QByteArray big(5000, 'x');
        const QByteArray huge = "{\"text\":\"" + QByteArray(3 * 1024 * 1024, 'a') + "\"}";
        const QString user = u"/users/%1"_s;

        auto row = [](const char* name,
                      const QByteArray& verb,
                      const QString& path,
                      const QString& auth,
                      const QByteArray& body,
                      int status,
                      const QString& code) {
            QTest::newRow(name) << verb << path << auth << body << status << code;
        };
        // Authentication.
        row("no token", "GET", u"/nodes"_s, u"none"_s, {}, 401, u"UNAUTHORIZED"_s);
        row("basic auth", "GET", u"/nodes"_s, u"raw:Basic b3duZXI6cHc="_s, {}, 401, u"UNAUTHORIZED"_s);
        row("garbage bearer", "GET", u"/nodes"_s, u"raw:Bearer garbage"_s, {}, 401, u"UNAUTHORIZED"_s);
        row("three dots", "GET", u"/nodes"_s, u"raw:Bearer a.b.c"_s, {}, 401, u"UNAUTHORIZED"_s);
        row("alg none", "GET", u"/nodes"_s, noneToken, {}, 401, u"UNAUTHORIZED"_s);
        row("unknown api key", "GET", u"/nodes"_s, u"raw:Bearer aiops_sk_nope"_s, {}, 401, u"UNAUTHORIZED"_s);
        row("empty bearer", "GET", u"/nodes"_s, u"raw:Bearer "_s, {}, 401, u"UNAUTHORIZED"_s);
        row("viewer lists users", "GET", u"/users"_s, u"viewer"_s, {}, 403, u"FORBIDDEN"_s);
        row("viewer registers node", "POST", u"/nodes"_s, u"viewer"_s, "{}", 403, u"FORBIDDEN"_s);
        row("viewer creates key", "POST", u"/api-keys"_s, u"viewer"_s, R"({"name":"x"})", 403, u"FORBIDDEN"_s);
        row("api key lists nodes", "GET", u"/nodes"_s, u"apikey"_s, {}, 403, u"FORBIDDEN"_s);
        row("api key creates user", "POST", u"/users"_s, u"apikey"_s, "{}", 403, u"FORBIDDEN"_s);
        // Login and tokens.
        row("login no body", "POST", u"/auth/login"_s, u"none"_s, {}, 400, u"INVALID_JSON"_s);
        row("login not json", "POST", u"/auth/login"_s, u"none"_s, "username=a", 400, u"INVALID_JSON"_s);
        row("login array", "POST", u"/auth/login"_s, u"none"_s, "[]", 400, u"INVALID_JSON"_s);
        row("login missing password",
            "POST",
            u"/auth/login"_s,
            u"none"_s,
            R"({"username":"x"})",
            400,
            u"MISSING_FIELD"_s);
        row("login number user",
            "POST",
            u"/auth/login"_s,
            u"none"_s,
            R"({"username":1,"password":"x"})",
            400,
            u"INVALID_FIELD_TYPE"_s);
        row("login extra field",
            "POST",
            u"/auth/login"_s,
            u"none"_s,
            R"({"username":"a","password":"b","otp":1})",
            400,
            u"INVALID_VALUE"_s);
        row("login empty user",
            "POST",
            u"/auth/login"_s,
            u"none"_s,
            R"({"username":" ","password":"b"})",
            400,
            u"INVALID_VALUE"_s);
        row("login oversize",
            "POST",
            u"/auth/login"_s,
            u"none"_s,
            R"({"username":")" + big + R"(","password":"b"})",
            413,
            u"PAYLOAD_TOO_LARGE"_s);
        row("login unknown user",
            "POST",
            u"/auth/login"_s,
            u"none"_s,
            R"({"username":"nobody","password":"whatever"})",
            401,
            u"UNAUTHORIZED"_s);
        row("refresh missing", "POST", u"/auth/refresh"_s, u"none"_s, "{}", 400, u"MISSING_FIELD"_s);
        row("refresh garbage",
            "POST",
            u"/auth/refresh"_s,
            u"none"_s,
            R"({"refreshToken":"abc"})",
            401,
            u"UNAUTHORIZED"_s);
        row("refresh number",
            "POST",
            u"/auth/refresh"_s,
            u"none"_s,
            R"({"refreshToken":5})",
            400,
            u"INVALID_FIELD_TYPE"_s);
        row("logout array",
            "POST",
            u"/auth/logout"_s,
            u"none"_s,
            R"({"refreshToken":[]})",
            400,
            u"INVALID_FIELD_TYPE"_s);
        // Users.
        row("user empty", "POST", u"/users"_s, u"owner"_s, "{}", 400, u"MISSING_FIELD"_s);
        row("user roles string",
            "POST",
            u"/users"_s,
            u"owner"_s,
            R"({"username":"a1","password":"long enough","roles":"universe.owner"})",
            400,
            u"INVALID_FIELD_TYPE"_s);
        row("user role unknown",
            "POST",
            u"/users"_s,
            u"owner"_s,
            R"({"username":"a2","password":"long enough","roles":["root"]})",
            400,
            u"INVALID_VALUE"_s);
        row("user role number",
            "POST",
            u"/users"_s,
            u"owner"_s,
            R"({"username":"a3","password":"long enough","roles":[1]})",
            400,
            u"INVALID_FIELD_TYPE"_s);
        row("user unknown field",
            "POST",
            u"/users"_s,
            u"owner"_s,
            R"({"username":"a4","password":"long enough","roles":["universe.viewer"],"admin":true})",
            400,
            u"INVALID_VALUE"_s);
        row("user name too long",
            "POST",
            u"/users"_s,
            u"owner"_s,
            R"({"username":")" + QByteArray(300, 'n') + R"(","password":"long enough","roles":["universe.viewer"]})",
            400,
            u"OUT_OF_RANGE"_s);
        row("user duplicate",
            "POST",
            u"/users"_s,
            u"owner"_s,
            R"({"username":"OWNER","password":"long enough","roles":["universe.viewer"]})",
            409,
            u"CONFLICT"_s);
        row("user password number",
            "POST",
            u"/users"_s,
            u"owner"_s,
            R"({"username":"a5","password":12345678,"roles":["universe.viewer"]})",
            400,
            u"INVALID_FIELD_TYPE"_s);
        row("user no roles",
            "POST",
            u"/users"_s,
            u"owner"_s,
            R"({"username":"a6","password":"long enough"})",
            400,
            u"MISSING_FIELD"_s);
        row("patch user empty", "PATCH", user, u"owner"_s, "{}", 400, u"BAD_REQUEST"_s);
        row("patch user roles string", "PATCH", user, u"owner"_s, R"({"roles":"x"})", 400, u"INVALID_FIELD_TYPE"_s);
        row("patch user disabled string",
            "PATCH",
            user,
            u"owner"_s,
            R"({"disabled":"yes"})",
            400,
            u"INVALID_FIELD_TYPE"_s);
        row("patch user read-only", "PATCH", user, u"owner"_s, R"({"username":"x"})", 400, u"INVALID_VALUE"_s);
        row("patch user bad json", "PATCH", user, u"owner"_s, R"({"roles":)", 400, u"INVALID_JSON"_s);
        row("get missing user", "GET", u"/users/nope"_s, u"owner"_s, {}, 404, u"NOT_FOUND"_s);
        row("delete missing user", "DELETE", u"/users/nope"_s, u"owner"_s, {}, 404, u"NOT_FOUND"_s);
        row("me password alone",
            "PATCH",
            u"/users/me"_s,
            u"owner"_s,
            R"({"password":"new password"})",
            400,
            u"MISSING_FIELD"_s);
        row("me array", "PATCH", u"/users/me"_s, u"owner"_s, "[1]", 400, u"INVALID_JSON"_s);
        row("me empty", "PATCH", u"/users/me"_s, u"owner"_s, "{}", 400, u"BAD_REQUEST"_s);
        row("me roles",
            "PATCH",
            u"/users/me"_s,
            u"viewer"_s,
            R"({"roles":["universe.owner"]})",
            400,
            u"INVALID_VALUE"_s);
        // API keys.
        row("key empty", "POST", u"/api-keys"_s, u"owner"_s, "{}", 400, u"MISSING_FIELD"_s);
        row("key blank name", "POST", u"/api-keys"_s, u"owner"_s, R"({"name":""})", 400, u"INVALID_VALUE"_s);
        row("key negative quota",
            "POST",
            u"/api-keys"_s,
            u"owner"_s,
            R"({"name":"k","quotaRequests":-1})",
            400,
            u"OUT_OF_RANGE"_s);
        row("key fractional quota",
            "POST",
            u"/api-keys"_s,
            u"owner"_s,
            R"({"name":"k","quotaRequests":1.5})",
            400,
            u"INVALID_FIELD_TYPE"_s);
        row("key rate string",
            "POST",
            u"/api-keys"_s,
            u"owner"_s,
            R"({"name":"k","ratePerSecond":"fast"})",
            400,
            u"INVALID_FIELD_TYPE"_s);
        row("key models string",
            "POST",
            u"/api-keys"_s,
            u"owner"_s,
            R"({"name":"k","models":"all"})",
            400,
            u"INVALID_FIELD_TYPE"_s);
        row("key zero burst", "POST", u"/api-keys"_s, u"owner"_s, R"({"name":"k","burst":0})", 400, u"OUT_OF_RANGE"_s);
        row("key short window",
            "POST",
            u"/api-keys"_s,
            u"owner"_s,
            R"({"name":"k","quotaWindowSeconds":10})",
            400,
            u"OUT_OF_RANGE"_s);
        row("key own secret",
            "POST",
            u"/api-keys"_s,
            u"owner"_s,
            R"({"name":"k","secret":"mine"})",
            400,
            u"INVALID_VALUE"_s);
        row("revoke missing key", "DELETE", u"/api-keys/nope"_s, u"owner"_s, {}, 404, u"NOT_FOUND"_s);
        // Nodes, credentials, audit.
        row("enroll with fields", "POST", u"/nodes"_s, u"owner"_s, R"({"x":1})", 400, u"INVALID_VALUE"_s);
        row("enroll not json", "POST", u"/nodes"_s, u"owner"_s, "nope", 400, u"INVALID_JSON"_s);
        row("revoke missing credential", "DELETE", u"/node-credentials/nope"_s, u"owner"_s, {}, 404, u"NOT_FOUND"_s);
        row("node status filter", "GET", u"/nodes?status=sleeping"_s, u"owner"_s, {}, 400, u"INVALID_VALUE"_s);
        row("missing node", "GET", u"/nodes/none"_s, u"owner"_s, {}, 404, u"NOT_FOUND"_s);
        row("patch missing node", "PATCH", u"/nodes/none"_s, u"owner"_s, R"({"name":"x"})", 404, u"NOT_FOUND"_s);
        row("audit bad time", "GET", u"/audit-logs?from=yesterday"_s, u"owner"_s, {}, 400, u"INVALID_VALUE"_s);
        row("audit zero limit", "GET", u"/audit-logs?limit=0"_s, u"owner"_s, {}, 400, u"OUT_OF_RANGE"_s);
        row("audit text limit", "GET", u"/audit-logs?limit=abc"_s, u"owner"_s, {}, 400, u"OUT_OF_RANGE"_s);
        row("org blank", "POST", u"/organizations"_s, u"owner"_s, R"({"name":" "})", 400, u"INVALID_VALUE"_s);
        // Routing and limits.
        row("unknown path", "GET", u"/nope"_s, u"owner"_s, {}, 404, u"NOT_FOUND"_s);
        row("put nodes", "PUT", u"/nodes"_s, u"owner"_s, "{}", 405, u"METHOD_NOT_ALLOWED"_s);
        row("delete health", "DELETE", u"/system/health"_s, u"none"_s, {}, 405, u"METHOD_NOT_ALLOWED"_s);
        // Safety routes share the pipeline.
        row("pattern empty", "POST", u"/pii/patterns"_s, u"owner"_s, "{}", 400, u"MISSING_FIELD"_s);
        row("detect number", "POST", u"/pii/detect"_s, u"owner"_s, R"({"text":5})", 400, u"INVALID_FIELD_TYPE"_s);
        row("guardrail empty", "POST", u"/guardrails"_s, u"owner"_s, "{}", 400, u"MISSING_FIELD"_s);
        row("detect huge", "POST", u"/pii/detect"_s, u"owner"_s, huge, 413, u"PAYLOAD_TOO_LARGE"_s);
        row("viewer edits pattern", "POST", u"/pii/patterns"_s, u"viewer"_s, "{}", 403, u"FORBIDDEN"_s);
    }

    void malformedRequests()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QString, auth);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, errorCode);
        static const Snapshot before = snapshot();

        path = path.arg(m_userId);
        QByteArray bearer;
        QList<QPair<QByteArray, QByteArray>> headers;
        if (auth == u"owner"_s)
            bearer = m_owner;
        else if (auth == u"viewer"_s)
            bearer = m_viewer;
        else if (auth == u"apikey"_s)
            bearer = m_apiKey;
        else if (auth.startsWith(u"raw:"_s))
            headers.append({ "Authorization", auth.mid(4).toUtf8() });
        const Reply r = m_client->send(verb, path, bearer, body, headers);
        QVERIFY2(r.status == status, qPrintable(u"%1: %2"_s.arg(r.status).arg(QString::fromUtf8(r.body.left(300)))));
        QCOMPARE(r.errorCode(), errorCode);
        QVERIFY(!r.json().value(u"message"_s).toString().isEmpty());
        QCOMPARE(r.json().value(u"requestId"_s).toString().toLatin1(), r.header("X-Request-Id"));
        QCOMPARE(snapshot(), before); // nothing was stored
    }

    void requestIdsAreEchoedAndGenerated()
    {
        const Reply mine = m_client->send("GET", u"/system/health"_s, {}, {}, { { "X-Request-Id", "trace-123" } });
        QCOMPARE(mine.header("X-Request-Id"), QByteArray("trace-123"));
        const Reply hostile = m_client->send("GET", u"/system/health"_s, {}, {}, { { "X-Request-Id", "a b\tc" } });
        QVERIFY(hostile.header("X-Request-Id") != "a b\tc");
        QCOMPARE(hostile.header("X-Request-Id").size(), 36); // a UUID instead
    }

    void corsAllowsOnlyListedOrigins()
    {
        const Reply allowed
            = m_client->send("OPTIONS",
                             u"/nodes"_s,
                             {},
                             {},
                             { { "Origin", "http://localhost:3000" }, { "Access-Control-Request-Method", "GET" } });
        QCOMPARE(allowed.status, 204);
        QCOMPARE(allowed.header("Access-Control-Allow-Origin"), QByteArray("http://localhost:3000"));
        QVERIFY(allowed.header("Access-Control-Allow-Headers").contains("Authorization"));
        QVERIFY(allowed.header("Access-Control-Allow-Methods").contains("GET"));
        const Reply refused = m_client->send("OPTIONS", u"/nodes"_s, {}, {}, { { "Origin", "https://evil.example" } });
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.header("Access-Control-Allow-Origin").isEmpty());
        const Reply get = m_client->send("GET", u"/nodes"_s, m_owner, {}, { { "Origin", "http://localhost:3000" } });
        QCOMPARE(get.header("Access-Control-Allow-Origin"), QByteArray("http://localhost:3000"));
        const Reply evil = m_client->send("GET", u"/nodes"_s, m_owner, {}, { { "Origin", "https://evil.example" } });
        QVERIFY(evil.header("Access-Control-Allow-Origin").isEmpty());
    }

    void methodNotAllowedSaysWhatIs()
    {
        const Reply r = m_client->send("PUT", u"/users/me"_s, m_owner, "{}");
        QCOMPARE(r.status, 405);
        QVERIFY(r.header("Allow").contains("GET"));
        QVERIFY(r.header("Allow").contains("PATCH"));
    }

    void idempotencyKeyReplaysTheFirstReply()
    {
        const qsizetype before = m_iam->users().size();
        const QByteArray body = R"({"username":"idem","password":"long enough","roles":["universe.viewer"]})";
        const Reply first = m_client->send("POST", u"/users"_s, m_owner, body, { { "Idempotency-Key", "k-1" } });
        QCOMPARE(first.status, 201);
        const Reply again = m_client->send("POST", u"/users"_s, m_owner, body, { { "Idempotency-Key", "k-1" } });
        QCOMPARE(again.status, 201);
        QCOMPARE(again.json().value(u"userId"_s), first.json().value(u"userId"_s));
        QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(m_iam->users().size(), before + 1);
        const Reply changed
            = m_client->send("POST",
                             u"/users"_s,
                             m_owner,
                             R"({"username":"idem2","password":"long enough","roles":["universe.viewer"]})",
                             { { "Idempotency-Key", "k-1" } });
        QCOMPARE(changed.status, 409);
        QCOMPARE(m_iam->users().size(), before + 1);
        // Without the header a retry is a new request (and here a conflict on the name).
        QCOMPARE(m_client->send("POST", u"/users"_s, m_owner, body).status, 409);
    }

    void meAndProfile()
    {
        const Reply me = m_client->send("GET", u"/users/me"_s, m_viewer);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(u"username"_s).toString(), u"vera"_s);
        const Reply renamed = m_client->send("PATCH", u"/users/me"_s, m_viewer, R"({"displayName":"Vera V."})");
        QCOMPARE(renamed.status, 200);
        QCOMPARE(renamed.json().value(u"displayName"_s).toString(), u"Vera V."_s);
        const Reply wrong = m_client->send(
            "PATCH", u"/users/me"_s, m_viewer, R"({"password":"another one","currentPassword":"not it"})");
        QCOMPARE(wrong.status, 403);
        const Reply changed = m_client->send(
            "PATCH", u"/users/me"_s, m_viewer, R"({"password":"another one","currentPassword":"viewer-password"})");
        QCOMPARE(changed.status, 200);
        int status = 0;
        login(*m_client, u"vera"_s, u"another one"_s, &status);
        QCOMPARE(status, 200);
    }

    void refreshRotatesAndReuseRevokesTheFamily()
    {
        const QString password = QString::fromUtf8(*m_secrets->read(u"owner-password"_s));
        const QJsonObject first = QJsonDocument::fromJson(login(*m_client, u"owner"_s, password)).object();
        const QByteArray r1 = refreshBody(first.value(u"refreshToken"_s).toString());
        const Reply second = m_client->send("POST", u"/auth/refresh"_s, {}, r1);
        QCOMPARE(second.status, 200);
        m_secretsSeen << second.json().value(u"refreshToken"_s).toString()
                      << second.json().value(u"accessToken"_s).toString();
        QVERIFY(second.json().value(u"refreshToken"_s) != first.value(u"refreshToken"_s));
        const Reply reused = m_client->send("POST", u"/auth/refresh"_s, {}, r1);
        QCOMPARE(reused.status, 401);
        // The newest token of the family is dead too.
        const QByteArray r2 = refreshBody(second.json().value(u"refreshToken"_s).toString());
        QCOMPARE(m_client->send("POST", u"/auth/refresh"_s, {}, r2).status, 401);
    }

    void mutatingAndDeniedRequestsAreAudited()
    {
        const Reply denied = m_client->send("POST", u"/nodes"_s, m_viewer, "{}");
        QCOMPARE(denied.status, 403);
        const Reply created = m_client->send("POST", u"/nodes"_s, m_owner, "{}");
        QCOMPARE(created.status, 201);
        m_secretsSeen << created.json().value(u"token"_s).toString();
        m_iam->flush();
        const Reply log = m_client->send("GET", u"/audit-logs?limit=50"_s, m_owner);
        QCOMPARE(log.status, 200);
        bool sawDenied = false;
        bool sawCreated = false;
        for (const auto& value : log.json().value(u"events"_s).toArray()) {
            const QJsonObject e = value.toObject();
            if (e.value(u"requestId"_s).toString().toLatin1() == denied.header("X-Request-Id")) {
                sawDenied = e.value(u"outcome"_s).toString() == u"denied"_s
                    && e.value(u"actor"_s).toObject().value(u"id"_s).toString() == m_userId;
            }
            if (e.value(u"requestId"_s).toString().toLatin1() == created.header("X-Request-Id"))
                sawCreated = e.value(u"outcome"_s).toString() == u"success"_s
                    && e.value(u"resource"_s).toObject().value(u"path"_s).toString() == u"/nodes"_s;
        }
        QVERIFY(sawDenied);
        QVERIFY(sawCreated);
        // The viewer may not read the audit log.
        QCOMPARE(m_client->send("GET", u"/audit-logs"_s, m_viewer).status, 403);
    }

    void rateLimitAnswers429WithRetryAfter()
    {
        auto limited = startController(u"limited"_s, 3);
        RestClient client(u"http://127.0.0.1:%1"_s.arg(limited->port()));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.send("GET", u"/openapi.json/x"_s).status, 404); // unknown paths cost nothing
        int last = 0;
        Reply r;
        for (int i = 0; i < 4; ++i) {
            r = client.send("POST", u"/auth/refresh"_s, {}, R"({"refreshToken":"x"})");
            last = r.status;
        }
        QCOMPARE(last, 429);
        QCOMPARE(r.errorCode(), u"RATE_LIMITED"_s);
        QVERIFY(r.header("Retry-After").toInt() > 0);
    }

    void loginLocksOutAfterFiveFailures()
    {
        auto fresh = startController(u"lockout"_s, 0);
        RestClient client(u"http://127.0.0.1:%1"_s.arg(fresh->port()));
        const QString password = QString::fromUtf8(*m_secrets->read(u"owner-password"_s));
        int status = 0;
        for (int i = 0; i < 5; ++i) {
            login(client, u"owner"_s, u"wrong password"_s, &status);
            QCOMPARE(status, 401);
        }
        const Reply locked
            = client.send("POST",
                          u"/auth/login"_s,
                          {},
                          QJsonDocument(QJsonObject { { u"username"_s, u"owner"_s }, { u"password"_s, password } })
                              .toJson(QJsonDocument::Compact));
        QCOMPARE(locked.status, 429);
        QVERIFY(locked.header("Retry-After").toInt() > 60);
        fresh->iamService()->flush();
        iam::AuditQuery query;
        query.outcome = u"failure"_s;
        const auto failures = fresh->iamService()->auditEvents(query);
        QVERIFY(failures.has_value());
        QVERIFY(failures->size() >= 5);
    }

    void apiKeysAreScopedRateLimitedAndQuotaed()
    {
        // Inference routes arrive with deployments; a stand-in route with the Inference permission on
        // the same router class exercises the API key admission of the pipeline.
        QHttpServer server;
        controller::HttpRouter router(m_iam, {});
        QVERIFY(router.add({ .method = QHttpServerRequest::Method::Post,
                             .path = u"/v1/chat/completions"_s,
                             .permission = iam::Permission::Inference,
                             .summary = u"test stand-in"_s,
                             .handler = [](controller::RequestContext& c) {
                                 return QHttpServerResponse(QJsonObject { { u"served"_s, c.principal.subject } });
                             } }));
        router.install(server);
        const quint16 port = server.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port != 0);
        RestClient client(u"http://127.0.0.1:%1"_s.arg(port));
        const auto newKey = [this](const QByteArray& spec) {
            const Reply r = m_client->send("POST", u"/api-keys"_s, m_owner, spec);
            m_secretsSeen << r.json().value(u"secret"_s).toString();
            return r.json().value(u"secret"_s).toString().toUtf8();
        };

        // Scope: the key may call "llama" only.
        QCOMPARE(client.send("POST", u"/v1/chat/completions"_s, m_apiKey, R"({"model":"llama"})").status, 200);
        const Reply outOfScope = client.send("POST", u"/v1/chat/completions"_s, m_apiKey, R"({"model":"gpt-4o"})");
        QCOMPARE(outOfScope.status, 403);
        // A user token works too (every role may run inference).
        QCOMPARE(client.send("POST", u"/v1/chat/completions"_s, m_viewer, R"({"model":"any"})").status, 200);

        // Rate limit: a burst of 2 at 0.5 requests/s.
        const QByteArray limited = newKey(R"({"name":"rate","ratePerSecond":0.5,"burst":2})");
        QCOMPARE(client.send("POST", u"/v1/chat/completions"_s, limited, R"({"model":"m"})").status, 200);
        QCOMPARE(client.send("POST", u"/v1/chat/completions"_s, limited, R"({"model":"m"})").status, 200);
        const Reply throttled = client.send("POST", u"/v1/chat/completions"_s, limited, R"({"model":"m"})");
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.errorCode(), u"RATE_LIMITED"_s);
        QVERIFY(throttled.header("Retry-After").toInt() >= 1);

        // Quota: 3 requests per hour.
        const QByteArray quota = newKey(R"({"name":"quota","quotaRequests":3,"quotaWindowSeconds":3600})");
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.send("POST", u"/v1/chat/completions"_s, quota, R"({"model":"m"})").status, 200);
        const Reply exhausted = client.send("POST", u"/v1/chat/completions"_s, quota, R"({"model":"m"})");
        QCOMPARE(exhausted.status, 429);
        QCOMPARE(exhausted.errorCode(), u"QUOTA_EXCEEDED"_s);
        QVERIFY(exhausted.header("Retry-After").toInt() > 60);

        // A revoked key is refused at once.
        QString keyId;
        for (const auto& key : m_iam->apiKeys()) {
            if (key.name == u"quota"_s)
                keyId = key.keyId;
        }
        QCOMPARE(m_client->send("DELETE", u"/api-keys/"_s + keyId, m_owner).status, 200);
        QCOMPARE(client.send("POST", u"/v1/chat/completions"_s, quota, R"({"model":"m"})").status, 401);
    }

    void noSecretReachesTheLogs()
    {
        m_iam->flush();
        QMutexLocker locker(&g_logLock);
        QVERIFY(g_log.size() > 50); // the request log lines were captured
        const QString all = g_log.join(u'\n');
        QVERIFY(all.contains(u"request="_s));
        for (const QString& secret : std::as_const(m_secretsSeen)) {
            if (secret.size() < 12)
                continue;
            QVERIFY2(!all.contains(secret), qPrintable(u"a secret leaked into the log: %1..."_s.arg(secret.left(6))));
        }
    }
};

QTEST_GUILESS_MAIN(ApiHardeningTest)
#include "ApiHardeningTest.moc"
