// MCP tools registered as containers (issue 6): a real in-process controller deploys the real
// @modelcontextprotocol/server-everything, packed into an image by the test, on a real Podman service (the Docker
// Engine API), health-checks it, calls its tools, adopts the container after a controller restart, replaces it on
// restart, and removes it with the tool. Bad input gets typed errors; an image that cannot be pulled gives the tool
// status error with the reason.
#include "../iam/rest/RestClient.h"
#include "McpServerImage.h"
#include "core/controller/Controller.h"
#include "core/controller/ControllerAgentService.h"
#include "core/controller/LocalContainers.h"
#include "core/iam/IamService.h"
#include "core/iam/SecretStore.h"
#include "tests/daemon/PodmanService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace aiops;
using namespace aiops::testing;
using namespace Qt::StringLiterals;

namespace {

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class ToolContainerE2eTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PodmanService m_podman;
    std::unique_ptr<iam::SecretStore> m_secrets;
    std::unique_ptr<controller::Controller> m_controller;
    std::unique_ptr<RestClient> m_rest;
    QByteArray m_token;
    QString m_toolId;
    QString m_containerId;

    controller::ControllerAgentService* agents() const
    {
        return static_cast<controller::ControllerAgentService*>(m_controller->agentService());
    }

    QString startController()
    {
        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(u"data"_s);
        config.secrets = m_secrets.get();
        config.fastPasswordHashing = true;
        config.anonymousRequestsPerMinute = 0;
        config.authenticatedRequestsPerMinute = 0;
        config.toolHealthIntervalMs = 0;
        config.restoreRunningAgents = false;
        config.containerSocket = m_podman.socketPath();
        m_controller = std::make_unique<controller::Controller>(config);
        const auto up = m_controller->start();
        if (!up)
            return up.error().message;
        auto tokens = m_controller->iamService()->issueTokens(m_controller->ownerPrincipal().subject);
        if (!tokens)
            return tokens.error().message;
        m_token = tokens->accessToken.toUtf8();
        m_rest = std::make_unique<RestClient>(u"http://127.0.0.1:%1"_s.arg(m_controller->port()));
        return {};
    }

    QJsonObject toolJson(const QString& toolId) { return m_rest->send("GET", u"/tools/"_s + toolId, m_token).json(); }

    // Polls the tool until its status is `status` and `extra` holds (or the time is up); returns the last record.
    QJsonObject waitForTool(const QString& toolId,
                            const QString& status,
                            int timeoutMs,
                            const std::function<bool(const QJsonObject&)>& extra = {})
    {
        QElapsedTimer timer;
        timer.start();
        QJsonObject tool;
        while (timer.elapsed() < timeoutMs) {
            tool = toolJson(toolId);
            if (tool.value(u"status"_s).toString() == status && (!extra || extra(tool)))
                return tool;
            QTest::qWait(200);
        }
        return tool;
    }

    // Containers of the engine carrying label=value, stopped ones included.
    QStringList containersLabelled(const QString& label)
    {
        QString output;
        m_podman.podman(
            { u"ps"_s, u"-a"_s, u"--no-trunc"_s, u"--format"_s, u"{{.ID}}"_s, u"--filter"_s, u"label="_s + label },
            &output);
        return output.split(u'\n', Qt::SkipEmptyParts);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString podman = m_podman.start();
        QVERIFY2(podman.isEmpty(), qPrintable(podman));
        const QString image = importMcpEverythingImage(m_podman, QStringLiteral(AIOPS_SOURCE_DIR));
        QVERIFY2(image.isEmpty(), qPrintable(image));
        m_secrets = iam::makeMemorySecretStore();
        const QString started = startController();
        QVERIFY2(started.isEmpty(), qPrintable(started));
    }

    void cleanupTestCase()
    {
        if (m_controller)
            m_controller->stop();
    }

    void badContainerInputGetsTypedErrorsAndStoresNothing()
    {
        const auto count = [this] {
            return m_rest->send("GET", u"/tools?type=mcp"_s, m_token).json().value(u"tools"_s).toArray().size();
        };
        const qsizetype before = count();
        struct Case
        {
            QJsonObject body;
            QString errorCode;
            QString field;
        };
        const QString image = QString::fromLatin1(kMcpEverythingImage);
        const QList<Case> cases {
            { { { u"name"_s, u"c1"_s }, { u"dockerImage"_s, image }, { u"port"_s, 80 } },
              u"OUT_OF_RANGE"_s,
              u"port"_s },
            { { { u"name"_s, u"c2"_s }, { u"dockerImage"_s, image } }, u"OUT_OF_RANGE"_s, u"port"_s },
            { { { u"name"_s, u"c3"_s }, { u"dockerImage"_s, u"bad image name"_s }, { u"port"_s, 3001 } },
              u"INVALID_VALUE"_s,
              u"dockerImage"_s },
            { { { u"name"_s, u"c4"_s }, { u"dockerImage"_s, image }, { u"port"_s, u"3001"_s } },
              u"INVALID_FIELD_TYPE"_s,
              u"port"_s },
            { { { u"name"_s, u"c5"_s },
                { u"dockerImage"_s, image },
                { u"port"_s, 3001 },
                { u"environment"_s, QJsonObject { { u"1BAD"_s, u"x"_s } } } },
              u"INVALID_VALUE"_s,
              u"environment.1BAD"_s },
            { { { u"name"_s, u"c6"_s }, { u"dockerImage"_s, image }, { u"port"_s, 3001 }, { u"endpoint"_s, u"mcp"_s } },
              u"INVALID_VALUE"_s,
              u"endpoint"_s },
        };
        for (const Case& c : cases) {
            const Reply reply = m_rest->send("POST", u"/tools"_s, m_token, json(c.body));
            QVERIFY2(reply.status == 400, reply.body.constData());
            QCOMPARE(reply.errorCode(), c.errorCode);
            QCOMPARE(reply.json().value(u"field"_s).toString(), c.field);
        }
        QCOMPARE(count(), before);
        QVERIFY(containersLabelled(u"aiops.owner=controller"_s).isEmpty());
    }

    void containerToolIsDeployedHealthCheckedAndCallable()
    {
        const Reply created = m_rest->send("POST",
                                           u"/tools"_s,
                                           m_token,
                                           json({ { u"name"_s, u"everything-in-a-container"_s },
                                                  { u"dockerImage"_s, QString::fromLatin1(kMcpEverythingImage) },
                                                  { u"port"_s, 3001 },
                                                  { u"environment"_s, QJsonObject { { u"GREETING"_s, u"hi"_s } } } }));
        QVERIFY2(created.status == 201, created.body.constData());
        m_toolId = created.json().value(u"toolId"_s).toString();
        QCOMPARE(created.json().value(u"endpoint"_s).toString(), u"/mcp"_s); // a path until it runs
        QCOMPARE(created.json().value(u"status"_s).toString(), u"inactive"_s);

        const QJsonObject tool = waitForTool(m_toolId, u"active"_s, 90'000);
        QVERIFY2(tool.value(u"status"_s).toString() == u"active"_s, json(tool).constData());
        const QUrl endpoint(tool.value(u"endpoint"_s).toString());
        QCOMPARE(endpoint.host(), u"127.0.0.1"_s);
        QCOMPARE(endpoint.path(), u"/mcp"_s);
        QVERIFY(endpoint.port() >= controller::LocalContainers::kFirstPort
                && endpoint.port() <= controller::LocalContainers::kLastPort);
        m_containerId = tool.value(u"containerId"_s).toString();
        QVERIFY(!m_containerId.isEmpty());
        QStringList discovered;
        for (const auto& t : tool.value(u"discoveredTools"_s).toArray())
            discovered.append(t.toObject().value(u"name"_s).toString());
        QVERIFY2(discovered.contains(u"echo"_s) && discovered.contains(u"get-sum"_s),
                 qPrintable(discovered.join(u", "_s)));

        // The engine runs it with the controller's labels (a node daemon on the same engine leaves it alone), the
        // tool's environment and PORT set to the container port.
        QCOMPARE(containersLabelled(u"aiops.tool="_s + m_toolId), QStringList { m_containerId });
        QCOMPARE(containersLabelled(u"aiops.owner=controller"_s), QStringList { m_containerId });
        QString env;
        m_podman.podman({ u"inspect"_s, u"--format"_s, u"{{.Config.Env}}"_s, m_containerId }, &env);
        QVERIFY2(env.contains(u"GREETING=hi"_s) && env.contains(u"PORT=3001"_s), qPrintable(env));

        // Its tools are callable through the registry (what "Try it" and agents use).
        std::optional<Result<QJsonObject>> answer;
        agents()->callToolAs(m_controller->ownerPrincipal(),
                             m_toolId,
                             u"get-sum"_s,
                             QJsonObject { { u"a"_s, 2 }, { u"b"_s, 40 } },
                             [&](Result<QJsonObject> r) { answer = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 20'000);
        QVERIFY2(answer->has_value(), answer->has_value() ? "" : qPrintable(answer->error().message));
        QVERIFY2(json(**answer).contains("42"), json(**answer).constData());
    }

    void controllerRestartAdoptsTheRunningContainer()
    {
        QVERIFY(!m_toolId.isEmpty());
        const QDateTime before = QDateTime::currentDateTimeUtc();
        m_controller->stop();
        m_controller.reset();
        const QString started = startController();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        // Checked again after the restart (the stored status alone says nothing about the container now).
        const QJsonObject tool = waitForTool(m_toolId, u"active"_s, 60'000, [before](const QJsonObject& t) {
            return QDateTime::fromString(t.value(u"lastHealthCheck"_s).toString(), Qt::ISODateWithMs) > before;
        });
        QVERIFY2(tool.value(u"status"_s).toString() == u"active"_s, json(tool).constData());
        // Adopted, not started twice.
        QCOMPARE(tool.value(u"containerId"_s).toString(), m_containerId);
        QCOMPARE(containersLabelled(u"aiops.tool="_s + m_toolId), QStringList { m_containerId });
    }

    void restartReplacesTheContainer()
    {
        const Reply restarted = m_rest->send("POST", u"/tools/%1/restart"_s.arg(m_toolId), m_token);
        QCOMPARE(restarted.status, 202);
        const QJsonObject tool = waitForTool(m_toolId, u"active"_s, 90'000, [this](const QJsonObject& t) {
            const QString id = t.value(u"containerId"_s).toString();
            return !id.isEmpty() && id != m_containerId;
        });
        QVERIFY2(tool.value(u"status"_s).toString() == u"active"_s
                     && tool.value(u"containerId"_s).toString() != m_containerId,
                 json(tool).constData());
        m_containerId = tool.value(u"containerId"_s).toString();
        QCOMPARE(containersLabelled(u"aiops.tool="_s + m_toolId), QStringList { m_containerId });
    }

    void changedEnvironmentRedeploys()
    {
        const Reply patched
            = m_rest->send("PATCH",
                           u"/tools/"_s + m_toolId,
                           m_token,
                           json({ { u"environment"_s, QJsonObject { { u"GREETING"_s, u"changed"_s } } } }));
        QVERIFY2(patched.status == 200, patched.body.constData());
        const QJsonObject tool = waitForTool(m_toolId, u"active"_s, 90'000, [this](const QJsonObject& t) {
            const QString id = t.value(u"containerId"_s).toString();
            return !id.isEmpty() && id != m_containerId;
        });
        QVERIFY2(tool.value(u"status"_s).toString() == u"active"_s, json(tool).constData());
        m_containerId = tool.value(u"containerId"_s).toString();
        QString env;
        m_podman.podman({ u"inspect"_s, u"--format"_s, u"{{.Config.Env}}"_s, m_containerId }, &env);
        QVERIFY2(env.contains(u"GREETING=changed"_s), qPrintable(env));
        // The old revision's container is gone.
        QTRY_COMPARE_WITH_TIMEOUT(
            containersLabelled(u"aiops.tool="_s + m_toolId), QStringList { m_containerId }, 20'000);
    }

    void imageThatCannotBePulledGivesTheReason()
    {
        const Reply created = m_rest->send("POST",
                                           u"/tools"_s,
                                           m_token,
                                           json({ { u"name"_s, u"missing-image"_s },
                                                  { u"dockerImage"_s, u"127.0.0.1:9/aiops/does-not-exist:1"_s },
                                                  { u"port"_s, 3001 } }));
        QVERIFY2(created.status == 201, created.body.constData());
        const QString id = created.json().value(u"toolId"_s).toString();
        const QJsonObject tool = waitForTool(id, u"error"_s, 60'000);
        QCOMPARE(tool.value(u"status"_s).toString(), u"error"_s);
        QVERIFY2(tool.value(u"lastError"_s).toString().contains(u"container did not start"_s), json(tool).constData());
        QVERIFY(containersLabelled(u"aiops.tool="_s + id).isEmpty());
        QCOMPARE(m_rest->send("DELETE", u"/tools/"_s + id, m_token).status, 204);
    }

    void removingTheToolRemovesItsContainer()
    {
        QCOMPARE(m_rest->send("DELETE", u"/tools/"_s + m_toolId, m_token).status, 204);
        QCOMPARE(m_rest->send("GET", u"/tools/"_s + m_toolId, m_token).status, 404);
        QTRY_VERIFY_WITH_TIMEOUT(containersLabelled(u"aiops.tool="_s + m_toolId).isEmpty(), 30'000);
    }
};

QTEST_GUILESS_MAIN(ToolContainerE2eTest)
#include "ToolContainerE2eTest.moc"
