// MCP tools registered as containers (issue 6): a real in-process controller deploys the real
// @modelcontextprotocol/server-everything, packed into an image by the test, on a real Podman service (the Docker
// Engine API), health-checks it, calls its tools, adopts the container after a controller restart, replaces it on
// restart, and removes it with the tool. Bad input gets typed errors; an image that cannot be pulled gives the tool
// status error with the reason. An agent whose runtime is "container" runs aiops-agent from the image
// scripts/make-agent-image builds: it registers on /ws/agent, answers a chat turn with a call to the container tool
// (its LLM is OpenAiToolLlmDouble, a stand-in for an OpenAI-compatible server), the watchdog replaces a killed
// container, and quitting the controller removes the agent's container before stop() returns.
#include "../iam/rest/RestClient.h"
#include "AgentTestSupport.h"
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
#include <QWebSocket>
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
    std::unique_ptr<OpenAiToolLlmDouble> m_llm;
    static constexpr auto kAgentImage = "localhost/aiops-agent-runtime:test";

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
        config.agentImage = QString::fromLatin1(kAgentImage);
        config.agentRestartBaseMs = 200;
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
        // The start's phases, as the Tools page sees them (each change of the tool's deployPhase).
        QStringList phases;
        const QMetaObject::Connection recorder
            = connect(agents(), &controller::AgentService::toolsChanged, this, [this, &phases] {
                  for (const auto& t : agents()->tools()) {
                      if (t.name == u"everything-in-a-container"_s
                          && (phases.isEmpty() || phases.last() != t.deployPhase))
                          phases.append(t.deployPhase);
                  }
              });
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
        disconnect(recorder);
        // Image check, container start, then the wait for the MCP server; nothing once it answers.
        QVERIFY2(phases.contains(u"pulling"_s) && phases.contains(u"starting"_s) && phases.contains(u"connecting"_s)
                     && phases.indexOf(u"pulling"_s) < phases.lastIndexOf(u"connecting"_s) && phases.last().isEmpty(),
                 qPrintable(phases.join(u" > "_s)));
        QVERIFY(!tool.contains(u"deployPhase"_s));
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

    void agentRuntimeRunsAsAContainer()
    {
        // Only the two runtimes exist.
        const Reply bad = m_rest->send(
            "POST",
            u"/agents"_s,
            m_token,
            json({ { u"name"_s, u"Bad runtime"_s },
                   { u"llmModel"_s, QJsonObject { { u"provider"_s, u"ollama"_s }, { u"modelName"_s, u"m"_s } } },
                   { u"runtime"_s, u"vm"_s } }));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.errorCode(), u"INVALID_VALUE"_s);
        QCOMPARE(bad.json().value(u"field"_s).toString(), u"runtime"_s);

        m_llm = std::make_unique<OpenAiToolLlmDouble>(
            QList<OpenAiToolLlmDouble::Call> { { u"echo"_s, u"{\"message\": \"from a container\"}"_s } });
        QVERIFY(m_llm->isListening());
        const Reply created = m_rest->send("POST",
                                           u"/agents"_s,
                                           m_token,
                                           json({ { u"name"_s, u"Containerised"_s },
                                                  { u"llmModel"_s,
                                                    QJsonObject { { u"provider"_s, u"openai-compatible"_s },
                                                                  { u"modelName"_s, u"double-1"_s },
                                                                  { u"endpoint"_s, m_llm->baseUrl().toString() } } },
                                                  { u"instructionOverride"_s, u"You help."_s },
                                                  { u"runtime"_s, u"container"_s },
                                                  { u"tools"_s, QJsonArray { m_toolId } } }));
        QVERIFY2(created.status == 201, created.body.constData());
        QCOMPARE(created.json().value(u"runtime"_s).toString(), u"container"_s);
        const QString agentId = created.json().value(u"agentId"_s).toString();
        const auto agentJson = [&] {
            return m_rest->send("GET", u"/agents/"_s + agentId, m_token).json();
        };
        const auto waitRunning = [&](const QString& notContainer) {
            QElapsedTimer timer;
            timer.start();
            while (timer.elapsed() < 60'000) {
                const QJsonObject a = agentJson();
                if (a.value(u"status"_s).toString() == u"running"_s && a.value(u"websocketConnected"_s).toBool()
                    && !a.value(u"containerId"_s).toString().isEmpty()
                    && a.value(u"containerId"_s).toString() != notContainer)
                    return a;
                QTest::qWait(200);
            }
            return agentJson();
        };

        // Before its image exists: the engine cannot pull a localhost/ image either, and the agent
        // turns error with the way to build it, without a container left behind.
        QCOMPARE(m_rest->send("POST", u"/agents/%1/start"_s.arg(agentId), m_token).status, 202);
        QJsonObject agent;
        QTRY_VERIFY_WITH_TIMEOUT((agent = agentJson()).value(u"status"_s).toString() == u"error"_s, 60'000);
        const QString reason = agent.value(u"lastError"_s).toString();
        QVERIFY2(reason.contains(u"could not be pulled (Pulling %1 failed: "_s.arg(QString::fromLatin1(kAgentImage)))
                     && reason.contains(u"scripts/make-agent-image"_s),
                 qPrintable(reason));
        QCOMPARE(containersLabelled(u"aiops.agent="_s + agentId), QStringList());
        qInfo("agent without its image: %s", qPrintable(reason));

        // The image, built by the script users run.
        const QString tarball = m_dir.filePath(u"agent-rootfs.tar"_s);
        QProcess script;
        script.setProcessChannelMode(QProcess::MergedChannels);
        script.start(QStringLiteral(AIOPS_SOURCE_DIR) + u"/scripts/make-agent-image"_s,
                     { u"--binary"_s, QStringLiteral(AIOPS_AGENT_BINARY), u"--tar"_s, tarball });
        QVERIFY(script.waitForFinished(120'000));
        QVERIFY2(script.exitCode() == 0, script.readAll().constData());
        QString output;
        QVERIFY2(m_podman.podman({ u"import"_s,
                                   u"--change"_s,
                                   u"ENTRYPOINT [\"/usr/local/bin/aiops-agent\"]"_s,
                                   tarball,
                                   QString::fromLatin1(kAgentImage) },
                                 &output,
                                 180'000)
                     == 0,
                 qPrintable(output));

        QCOMPARE(m_rest->send("POST", u"/agents/%1/start"_s.arg(agentId), m_token).status, 202);
        agent = waitRunning({});
        QVERIFY2(agent.value(u"status"_s).toString() == u"running"_s, json(agent).constData());
        const QString first = agent.value(u"containerId"_s).toString();
        QCOMPARE(containersLabelled(u"aiops.agent="_s + agentId), QStringList { first });

        // A chat turn: the runtime in its container reaches the LLM and the tool's container over loopback.
        QWebSocket user;
        QList<QJsonObject> frames;
        connect(&user, &QWebSocket::textMessageReceived, this, [&frames](const QString& text) {
            frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/ws/system"_s.arg(m_controller->port())));
        request.setRawHeader("Authorization", "Bearer " + m_token);
        user.open(request);
        const auto seen = [&frames](const QString& type) {
            for (const QJsonObject& f : std::as_const(frames))
                if (f.value(u"type"_s).toString() == type)
                    return f;
            return QJsonObject();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!seen(u"system.connectionEstablished"_s).isEmpty(), 10'000);
        const auto send = [&user](const QJsonObject& message) {
            user.sendTextMessage(QString::fromUtf8(json(message)));
        };
        send({ { u"type"_s, u"user.joinConversation"_s },
               { u"conversationId"_s, u"conv-container-1"_s },
               { u"agentId"_s, agentId } });
        QTRY_VERIFY_WITH_TIMEOUT(!seen(u"system.conversationJoined"_s).isEmpty(), 10'000);
        send({ { u"type"_s, u"user.message"_s },
               { u"conversationId"_s, u"conv-container-1"_s },
               { u"messageId"_s, u"m-container-1"_s },
               { u"content"_s, u"Echo something"_s } });
        QTRY_VERIFY_WITH_TIMEOUT(!seen(u"agent.message"_s).isEmpty(), 30'000);
        QCOMPARE(seen(u"agent.toolCall.start"_s).value(u"toolName"_s).toString(), u"echo"_s);
        QCOMPARE(seen(u"agent.toolCall.end"_s).value(u"status"_s).toString(), u"success"_s);
        QVERIFY2(json(seen(u"agent.message"_s)).contains("from a container"),
                 json(seen(u"agent.message"_s)).constData());

        // The watchdog replaces a container that dies.
        QCOMPARE(m_podman.podman({ u"kill"_s, first }), 0);
        agent = waitRunning(first);
        QVERIFY2(agent.value(u"status"_s).toString() == u"running"_s
                     && agent.value(u"containerId"_s).toString() != first,
                 json(agent).constData());

        // Quitting the console removes the agent's container before the controller is gone: after
        // stop() no event loop would run the engine's asynchronous calls.
        user.close();
        m_controller->stop();
        QCOMPARE(containersLabelled(u"aiops.agent="_s + agentId), QStringList());
        m_controller.reset();
        const QString restarted = startController();
        QVERIFY2(restarted.isEmpty(), qPrintable(restarted));
        QCOMPARE(m_rest->send("POST", u"/agents/%1/start"_s.arg(agentId), m_token).status, 202);
        agent = waitRunning({});
        QVERIFY2(agent.value(u"status"_s).toString() == u"running"_s, json(agent).constData());

        // Stopped: its container goes; removing the agent frees the tool for removal.
        QCOMPARE(m_rest->send("POST", u"/agents/%1/stop"_s.arg(agentId), m_token).status, 202);
        QTRY_VERIFY_WITH_TIMEOUT(containersLabelled(u"aiops.agent="_s + agentId).isEmpty(), 30'000);
        QCOMPARE(agentJson().value(u"containerId"_s).toString(), QString());
        QCOMPARE(m_rest->send("DELETE", u"/agents/"_s + agentId, m_token).status, 204);
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
