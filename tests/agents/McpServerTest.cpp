// The controller's own MCP server (/mcp) against a real in-process controller: the project's McpClient, raw HTTP
// for the transport and JSON-RPC errors, and the official TypeScript SDK (tests/peers) as a real peer. GPU nodes
// are real WebSocket peers that register and send heartbeats through the node gateway. The OpsToolbox checks
// (argument validation, per-tool permission) are tested on their own.
#include "core/controller/McpServer.h"

#include "../e2e/TestPeers.h"
#include "../iam/rest/RestClient.h"
#include "core/agents/JsonRpc.h"
#include "core/agents/McpClient.h"
#include "core/controller/Controller.h"
#include "core/controller/HttpRouter.h"
#include "core/controller/NodeService.h"
#include "core/controller/OpsTools.h"
#include "core/iam/IamService.h"
#include "core/iam/SecretStore.h"
#include "core/net/CurlClient.h"
#include "core/registry/ModelService.h"

#include <QDir>
#include <QFileInfo>
#include <QHttpServer>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <optional>

using namespace aiops;
using namespace aiops::agents;
using namespace Qt::StringLiterals;
using testing::Reply;
using testing::RestClient;
using testing::WsPeer;

namespace {

const QString kSourceDir = QStringLiteral(AIOPS_SOURCE_DIR);

struct GpuSpec
{
    QString deviceId;
    qint64 memoryTotal;
    qint64 memoryFree;
    double utilization;
    double temperature;
};

QJsonObject registerWith(const QString& nodeId, const QList<GpuSpec>& gpus)
{
    QJsonObject message = testing::registerMessage(nodeId, 0);
    QJsonArray devices;
    for (const GpuSpec& g : gpus)
        devices.append(QJsonObject { { u"deviceId"_s, g.deviceId },
                                     { u"model"_s, u"Test GPU %1"_s.arg(g.memoryTotal) },
                                     { u"memoryTotal"_s, g.memoryTotal } });
    message.insert(u"gpuDevices"_s, devices);
    return message;
}

QJsonObject heartbeatWith(const QString& nodeId, const QList<GpuSpec>& gpus)
{
    QJsonObject message = testing::heartbeatMessage(nodeId, 0);
    QJsonArray devices;
    for (const GpuSpec& g : gpus)
        devices.append(QJsonObject { { u"deviceId"_s, g.deviceId },
                                     { u"memoryFree"_s, g.memoryFree },
                                     { u"utilization"_s, g.utilization },
                                     { u"temperature"_s, g.temperature } });
    QJsonObject metrics = message.value(u"metrics"_s).toObject();
    metrics.insert(u"gpuDevices"_s, devices);
    message.insert(u"metrics"_s, metrics);
    return message;
}

template<typename T> Result<T> waitFor(const std::function<void(McpClient::Done<T>)>& start, int timeoutMs = 20'000)
{
    std::optional<Result<T>> got;
    start([&got](Result<T> result) { got = std::move(result); });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, timeoutMs))
        return makeError(ErrorCode::Internal, u"test: the callback never came"_s);
    return *got;
}

template<typename T> QString why(const Result<T>& result)
{
    return result ? QString() : QString(result.error().codeName() + u": "_s + result.error().message);
}

// "nodeId/deviceId" of each GPU in a gpuReport result, in order.
QStringList gpuOrder(const QJsonObject& report)
{
    QStringList out;
    for (const QJsonValue& gpu : report.value(u"gpus"_s).toArray())
        out << gpu.toObject().value(u"nodeId"_s).toString() + u'/' + gpu.toObject().value(u"deviceId"_s).toString();
    return out;
}

QStringList nodeIdsOf(const QJsonObject& listNodes)
{
    QStringList out;
    for (const QJsonValue& node : listNodes.value(u"nodes"_s).toArray())
        out << node.toObject().value(u"nodeId"_s).toString();
    return out;
}

const QList<GpuSpec> kNodeA {
    { u"0"_s, 24000, 12000, 40, 60 }, // 50 % VRAM
    { u"1"_s, 80000, 8000, 95, 60 }, // same temperature, fuller (90 %)
    { u"2"_s, 16000, 15000, 10, 45 }, // coolest
};
const QList<GpuSpec> kNodeB { { u"0"_s, 48000, 24000, 70, 83 } }; // hottest of all

} // namespace

class McpServerTest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<iam::SecretStore> m_secrets;
    std::unique_ptr<controller::ControllerThread> m_controller;
    std::unique_ptr<RestClient> m_rest;
    std::unique_ptr<net::CurlClient> m_curl;
    QList<std::shared_ptr<WsPeer>> m_peers;
    iam::IamService* m_iam = nullptr;
    QString m_otherOrg;
    QByteArray m_ownerToken; // universe.owner of the default organization
    QByteArray m_viewerToken; // organization.viewer of the default organization
    QByteArray m_apiKey; // an API key of the default organization
    QByteArray m_otherApiKey; // an API key of the other organization
    QByteArray m_nodeCredential;
    QString m_deploymentId;

    QString url() const { return u"http://127.0.0.1:%1/mcp"_s.arg(m_controller->port()); }

    iam::Principal principalOf(const QByteArray& token) const
    {
        auto p = m_iam->authenticateBearer(token);
        return p ? *p : iam::Principal {};
    }

    QByteArray tokenFor(const QString& userId) const
    {
        auto pair = m_iam->issueTokens(userId);
        return pair ? pair->accessToken.toUtf8() : QByteArray();
    }

    QString createUser(const QString& org, const QString& role) const
    {
        static int counter = 0;
        iam::NewUser user;
        user.username = u"mcp-user-%1"_s.arg(++counter);
        user.password = u"correct horse battery"_s;
        user.orgId = org;
        user.roles = { role };
        auto created = m_iam->createUser(user);
        return created ? created->userId : QString();
    }

    // A node of the creator's organization that registers with `gpus` and reports their metrics once.
    bool addNode(const iam::Principal& creator, const QString& nodeId, const QList<GpuSpec>& gpus)
    {
        auto token = m_iam->createEnrollmentToken(creator);
        if (!token)
            return false;
        auto credential = m_iam->exchangeEnrollmentToken(token->token.toUtf8(), nodeId, nodeId);
        if (!credential)
            return false;
        m_nodeCredential = credential->secret.toUtf8();
        auto peer = std::make_shared<WsPeer>();
        if (!peer->open(u"ws://127.0.0.1:%1/ws/node"_s.arg(m_controller->port()), credential->secret.toUtf8()))
            return false;
        peer->send(registerWith(nodeId, gpus));
        if (peer->waitFor(u"system.node.registered"_s).isEmpty())
            return false;
        peer->send(heartbeatWith(nodeId, gpus));
        m_peers.append(peer);
        const double lastTemperature = gpus.isEmpty() ? 0 : gpus.last().temperature;
        return QTest::qWaitFor(
            [&] {
                const auto node = m_controller->nodeService()->node(nodeId);
                return node && node->record.gpuDevices.size() == gpus.size()
                    && (gpus.isEmpty() || node->record.gpuDevices.last().temperature == lastTemperature);
            },
            5000);
    }

    // POST /mcp with the headers a conforming client sends, plus `extra`.
    Reply post(const QByteArray& token,
               const QByteArray& body,
               const QByteArray& session = {},
               QList<QPair<QByteArray, QByteArray>> extra = {})
    {
        extra.append(qMakePair(QByteArray("Accept"), QByteArray("application/json, text/event-stream")));
        if (!session.isEmpty())
            extra.append(qMakePair(QByteArray("Mcp-Session-Id"), session));
        return m_rest->send("POST", u"/mcp"_s, token, body, extra);
    }

    static QByteArray request(int id, const QString& method, const QJsonObject& params = {})
    {
        return QJsonDocument(
                   QJsonObject {
                       { u"jsonrpc"_s, u"2.0"_s }, { u"id"_s, id }, { u"method"_s, method }, { u"params"_s, params } })
            .toJson(QJsonDocument::Compact);
    }

    // initialize over raw HTTP; returns the session id (empty on failure) and the result.
    QByteArray openSession(const QByteArray& token, const QString& version, QJsonObject* result = nullptr)
    {
        const Reply r = post(
            token,
            request(1,
                    u"initialize"_s,
                    { { u"protocolVersion"_s, version },
                      { u"capabilities"_s, QJsonObject {} },
                      { u"clientInfo"_s, QJsonObject { { u"name"_s, u"raw-test"_s }, { u"version"_s, u"1"_s } } } }));
        if (result)
            *result = r.json().value(u"result"_s).toObject();
        if (r.status != 200)
            return {};
        const QByteArray session = r.header("Mcp-Session-Id");
        post(token, R"({"jsonrpc":"2.0","method":"notifications/initialized"})", session);
        return session;
    }

    std::unique_ptr<McpClient> newClient(const QByteArray& token)
    {
        McpClient::Options options;
        options.url = QUrl(url());
        options.transport = McpClient::Transport::StreamableHttp;
        options.bearerToken = token;
        options.timeoutMs = 15'000;
        return std::make_unique<McpClient>(m_curl.get(), options);
    }

    static Result<McpToolResult> call(McpClient& client, const QString& name, const QJsonObject& arguments = {})
    {
        return waitFor<McpToolResult>(
            [&](McpClient::Done<McpToolResult> done) { client.callTool(name, arguments, std::move(done)); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_secrets = iam::makeMemorySecretStore();
        controller::ControllerConfig config;
        config.port = 0;
        config.dataDir = m_dir.filePath(u"data"_s);
        config.secrets = m_secrets.get();
        config.fastPasswordHashing = true;
        config.anonymousRequestsPerMinute = 0;
        config.authenticatedRequestsPerMinute = 0;
        config.deployHealthIntervalMs = 0;
        config.corsOrigins = { u"https://console.example.com"_s };
        m_controller = std::make_unique<controller::ControllerThread>(config);
        const auto started = m_controller->start();
        QVERIFY2(started.has_value(), started ? "" : qPrintable(started.error().message));
        m_iam = m_controller->iamService();
        m_rest = std::make_unique<RestClient>(u"http://127.0.0.1:%1"_s.arg(m_controller->port()));
        m_curl = std::make_unique<net::CurlClient>();

        const iam::Principal owner = m_controller->ownerPrincipal();
        m_ownerToken = testing::ownerToken(*m_controller);
        QVERIFY(!m_ownerToken.isEmpty());
        m_viewerToken = tokenFor(createUser(owner.orgId, u"organization.viewer"_s));
        QVERIFY(!m_viewerToken.isEmpty());
        auto key = m_iam->createApiKey(iam::ApiKeySpec { .name = u"mcp"_s }, principalOf(m_viewerToken));
        QVERIFY(key.has_value());
        m_apiKey = key->secret.toUtf8();

        const auto other = m_iam->createOrganization(u"other"_s);
        QVERIFY(other.has_value());
        m_otherOrg = other->orgId;
        const iam::Principal otherOwner = principalOf(tokenFor(createUser(m_otherOrg, u"organization.owner"_s)));
        QCOMPARE(otherOwner.orgId, m_otherOrg);
        auto otherKey = m_iam->createApiKey(iam::ApiKeySpec { .name = u"other-mcp"_s }, otherOwner);
        QVERIFY(otherKey.has_value());
        m_otherApiKey = otherKey->secret.toUtf8();

        QVERIFY(addNode(owner, u"gpu-node-a"_s, kNodeA));
        QVERIFY(addNode(owner, u"gpu-node-b"_s, kNodeB));
        QVERIFY(addNode(otherOwner, u"other-node"_s, { { u"0"_s, 16000, 1000, 99, 90 } }));

        // A model in the registry (imported from a copy of the sample HuggingFace cache) and a deployment of it
        // on node a, which never answers the deploy command: it stays deploying.
        const QString hub = m_dir.filePath(u"hub"_s);
        QVERIFY(QDir().mkpath(hub));
        QCOMPARE(
            QProcess::execute(
                u"cp"_s,
                { u"-a"_s, QStringLiteral(AIOPS_TEST_DATA_DIR) + u"/hf-cache/models--tiny-org--tiny-qwen2"_s, hub }),
            0);
        const Reply imported = m_rest->send(
            "POST", u"/models/import"_s, m_ownerToken, QJsonDocument(QJsonObject { { u"hubDir"_s, hub } }).toJson());
        QVERIFY2(imported.status == 202, imported.body.constData());
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->modelService()->models().size(), 1, 20000);
        const QJsonObject deployment {
            { u"modelId"_s, m_controller->modelService()->models().first().modelId },
            { u"framework"_s, u"custom"_s },
            { u"image"_s, u"localhost/aiops-test-mcp:1"_s },
            { u"gpuCount"_s, 0 },
            { u"placement"_s, QJsonObject { { u"nodeId"_s, u"gpu-node-a"_s } } },
        };
        const Reply created = m_rest->send("POST", u"/deployments"_s, m_ownerToken, QJsonDocument(deployment).toJson());
        QVERIFY2(created.status == 201, created.body.constData());
        m_deploymentId = created.json().value(u"deploymentId"_s).toString();
    }

    void cleanupTestCase()
    {
        m_peers.clear();
        m_curl.reset();
        m_rest.reset();
        if (m_controller)
            m_controller->stop();
        m_controller.reset();
    }

    // ---- through the project's McpClient ----

    void clientInitializesAndListsTheOpsTools()
    {
        auto client = newClient(m_apiKey);
        const auto info = waitFor<McpServerInfo>(
            [&](McpClient::Done<McpServerInfo> done) { client->connectToServer(std::move(done)); });
        QVERIFY2(info.has_value(), qPrintable(why(info)));
        QCOMPARE(info->name, u"aiops-controller"_s);
        QCOMPARE(info->version, QStringLiteral(AIOPS_VERSION));
        QCOMPARE(info->protocolVersion, QString::fromLatin1(McpClient::protocolVersion));
        QCOMPARE(info->capabilities.value(u"tools"_s).toObject().value(u"listChanged"_s), QJsonValue(false));
        QVERIFY(!client->sessionId().isEmpty());

        const auto tools = waitFor<QList<McpTool>>(
            [&](McpClient::Done<QList<McpTool>> done) { client->listTools(std::move(done)); });
        QVERIFY2(tools.has_value(), qPrintable(why(tools)));
        QStringList names;
        for (const McpTool& tool : *tools)
            names << tool.name;
        QCOMPARE(names,
                 QStringList({ u"listNodes"_s,
                               u"gpuReport"_s,
                               u"listDeployments"_s,
                               u"listModels"_s,
                               u"listAgents"_s,
                               u"findDocuments"_s,
                               u"readDocument"_s }));
        for (const McpTool& tool : *tools) {
            QCOMPARE(tool.inputSchema.value(u"type"_s).toString(), u"object"_s);
            QVERIFY(!tool.description.isEmpty());
            QCOMPARE(tool.annotations.value(u"readOnlyHint"_s), QJsonValue(true));
        }
        const QJsonObject gpuProperties = tools->at(1).inputSchema.value(u"properties"_s).toObject();
        QCOMPARE(gpuProperties.value(u"nodeId"_s).toObject().value(u"type"_s).toString(), u"string"_s);
        QCOMPARE(gpuProperties.value(u"top"_s).toObject().value(u"type"_s).toString(), u"integer"_s);
        client->close();
    }

    void gpuReportPutsTheHottestAndFullestFirst()
    {
        auto client = newClient(m_apiKey);
        QVERIFY(waitFor<McpServerInfo>([&](auto done) { client->connectToServer(std::move(done)); }).has_value());
        const auto report = call(*client, u"gpuReport"_s);
        QVERIFY2(report.has_value(), qPrintable(why(report)));
        QVERIFY2(!report->isError, qPrintable(report->text()));
        const QJsonObject structured = report->structuredContent;
        // b/0 83 °C; a/1 and a/0 both 60 °C, a/1 fuller (90 % against 50 %); a/2 45 °C. The other
        // organization's 90 °C GPU is not there.
        QCOMPARE(gpuOrder(structured),
                 QStringList({ u"gpu-node-b/0"_s, u"gpu-node-a/1"_s, u"gpu-node-a/0"_s, u"gpu-node-a/2"_s }));
        QCOMPARE(structured.value(u"total"_s).toInt(), 4);
        const QJsonObject fullest = structured.value(u"gpus"_s).toArray().at(1).toObject();
        QCOMPARE(fullest.value(u"memoryUsedMb"_s).toInteger(), 72000);
        QCOMPARE(fullest.value(u"memoryTotalMb"_s).toInteger(), 80000);
        QCOMPARE(fullest.value(u"memoryUsedPercent"_s).toDouble(), 90.0);
        QCOMPARE(fullest.value(u"utilization"_s).toDouble(), 95.0);
        QCOMPARE(fullest.value(u"temperature"_s).toDouble(), 60.0);
        QCOMPARE(fullest.value(u"nodeName"_s).toString(), u"gpu-node-a"_s);
        const QJsonObject summary = structured.value(u"summary"_s).toObject();
        QCOMPARE(summary.value(u"gpuCount"_s).toInt(), 4);
        QCOMPARE(summary.value(u"nodeCount"_s).toInt(), 2);
        QCOMPARE(summary.value(u"maxTemperature"_s).toDouble(), 83.0);
        QCOMPARE(summary.value(u"memoryTotalMb"_s).toInteger(), 24000 + 80000 + 16000 + 48000);
        QCOMPARE(summary.value(u"averageUtilization"_s).toDouble(), 53.8); // (40 + 95 + 10 + 70) / 4, one decimal
        // The text content is the same result as compact JSON.
        QCOMPARE(QJsonDocument::fromJson(report->text().toUtf8()).object(), structured);

        const auto top = call(*client, u"gpuReport"_s, { { u"top"_s, 2 } });
        QVERIFY(top.has_value());
        QCOMPARE(gpuOrder(top->structuredContent), QStringList({ u"gpu-node-b/0"_s, u"gpu-node-a/1"_s }));
        QCOMPARE(top->structuredContent.value(u"total"_s).toInt(), 4);

        const auto one = call(*client, u"gpuReport"_s, { { u"nodeId"_s, u"gpu-node-a"_s }, { u"top"_s, 1 } });
        QVERIFY(one.has_value());
        QCOMPARE(gpuOrder(one->structuredContent), QStringList({ u"gpu-node-a/1"_s }));
        QCOMPARE(one->structuredContent.value(u"total"_s).toInt(), 3);
        client->close();
    }

    void listToolsAnswerForTheCallersOrganization()
    {
        auto client = newClient(m_viewerToken); // a user's access token works as well as an API key
        QVERIFY(waitFor<McpServerInfo>([&](auto done) { client->connectToServer(std::move(done)); }).has_value());
        const auto nodes = call(*client, u"listNodes"_s);
        QVERIFY2(nodes.has_value() && !nodes->isError, qPrintable(nodes ? nodes->text() : why(nodes)));
        QCOMPARE(nodeIdsOf(nodes->structuredContent), QStringList({ u"gpu-node-a"_s, u"gpu-node-b"_s }));
        const QJsonObject a = nodes->structuredContent.value(u"nodes"_s).toArray().first().toObject();
        QCOMPARE(a.value(u"gpuCount"_s).toInt(), 3);
        QCOMPARE(a.value(u"status"_s).toString(), u"online"_s);
        QCOMPARE(a.value(u"cpuCores"_s).toInt(), 8);
        QCOMPARE(a.value(u"ramTotalMb"_s).toInteger(), 32000);
        QCOMPARE(a.value(u"ramFreeMb"_s).toInteger(), 16000);
        const auto offline = call(*client, u"listNodes"_s, { { u"status"_s, u"offline"_s } });
        QVERIFY(offline.has_value());
        QCOMPARE(offline->structuredContent.value(u"total"_s).toInt(), 0);

        const auto models = call(*client, u"listModels"_s);
        QVERIFY(models.has_value() && !models->isError);
        QCOMPARE(models->structuredContent.value(u"total"_s).toInt(), 1);
        const QJsonObject model = models->structuredContent.value(u"models"_s).toArray().first().toObject();
        QCOMPARE(model.value(u"name"_s).toString(), u"tiny-org/tiny-qwen2"_s);
        QCOMPARE(model.value(u"task"_s).toString(), u"llm"_s);
        QCOMPARE(
            call(*client, u"listModels"_s, { { u"task"_s, u"asr"_s } })->structuredContent.value(u"total"_s).toInt(),
            0);

        const auto deploying = call(*client, u"listDeployments"_s, { { u"status"_s, u"deploying"_s } });
        QVERIFY(deploying.has_value() && !deploying->isError);
        const QJsonArray list = deploying->structuredContent.value(u"deployments"_s).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value(u"deploymentId"_s).toString(), m_deploymentId);
        QCOMPARE(list.first().toObject().value(u"nodeId"_s).toString(), u"gpu-node-a"_s);
        QCOMPARE(list.first().toObject().value(u"framework"_s).toString(), u"custom"_s);
        const auto running = call(*client, u"listDeployments"_s, { { u"status"_s, u"running"_s } });
        QCOMPARE(running->structuredContent.value(u"total"_s).toInt(), 0);
        client->close();
    }

    void anotherOrganizationsKeySeesNoneOfThisOrganization()
    {
        auto client = newClient(m_otherApiKey);
        QVERIFY(waitFor<McpServerInfo>([&](auto done) { client->connectToServer(std::move(done)); }).has_value());
        const auto nodes = call(*client, u"listNodes"_s);
        QVERIFY(nodes.has_value() && !nodes->isError);
        QCOMPARE(nodeIdsOf(nodes->structuredContent), QStringList({ u"other-node"_s }));
        const auto report = call(*client, u"gpuReport"_s);
        QCOMPARE(gpuOrder(report->structuredContent), QStringList({ u"other-node/0"_s }));
        QCOMPARE(call(*client, u"listModels"_s)->structuredContent.value(u"total"_s).toInt(), 0);
        QCOMPARE(call(*client, u"listDeployments"_s)->structuredContent.value(u"total"_s).toInt(), 0);
        // Naming this organization's node is answered as if it did not exist.
        const auto named = call(*client, u"gpuReport"_s, { { u"nodeId"_s, u"gpu-node-a"_s } });
        QVERIFY(named.has_value());
        QVERIFY(named->isError);
        QVERIFY2(named->text().startsWith(u"NOT_FOUND"_s), qPrintable(named->text()));
        client->close();
    }

    void badArgumentsAreToolErrors()
    {
        auto client = newClient(m_apiKey);
        QVERIFY(waitFor<McpServerInfo>([&](auto done) { client->connectToServer(std::move(done)); }).has_value());
        const auto wrongType = call(*client, u"gpuReport"_s, { { u"top"_s, u"three"_s } });
        QVERIFY(wrongType.has_value());
        QVERIFY(wrongType->isError);
        QVERIFY2(wrongType->text().contains(u"INVALID_VALUE"_s) && wrongType->text().contains(u"top"_s),
                 qPrintable(wrongType->text()));
        const auto unknownArgument = call(*client, u"listNodes"_s, { { u"colour"_s, u"red"_s } });
        QVERIFY(unknownArgument->isError);
        QVERIFY(unknownArgument->text().contains(u"colour"_s));
        const auto badEnum = call(*client, u"listDeployments"_s, { { u"status"_s, u"sleeping"_s } });
        QVERIFY(badEnum->isError);
        QVERIFY(badEnum->text().contains(u"running"_s));
        const auto zero = call(*client, u"gpuReport"_s, { { u"top"_s, 0 } });
        QVERIFY(zero->isError);
        // An unknown tool is a protocol error (-32602), not a tool result.
        const auto unknown = call(*client, u"rebootEverything"_s);
        QVERIFY(!unknown.has_value());
        QCOMPARE(jsonrpc::errorCode(unknown.error()), std::optional<int>(jsonrpc::InvalidParams));
        client->close();
    }

    // ---- raw HTTP: the transport's rules and JSON-RPC errors ----

    void apiKeyQuotaAndRateCoverMcpCalls()
    {
        // A key scoped to one model may still use the tools (an MCP call names no model), but each
        // call counts against its request quota; the third of two is refused with Retry-After.
        auto key = m_iam->createApiKey(
            iam::ApiKeySpec {
                .name = u"mcp-quota"_s, .models = { u"llama"_s }, .quotaRequests = 2, .quotaWindowSeconds = 3600 },
            principalOf(m_viewerToken));
        QVERIFY(key.has_value());
        const QByteArray secret = key->secret.toUtf8();
        const QByteArray session = openSession(secret, u"2025-06-18"_s); // initialize + initialized: 2 calls
        QVERIFY(!session.isEmpty());
        const Reply refused = post(secret, request(2, u"tools/list"_s), session);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), u"QUOTA_EXCEEDED"_s);
        QVERIFY(refused.header("Retry-After").toInt() > 60);
        for (const auto& k : m_iam->apiKeys()) {
            if (k.keyId == key->key.keyId)
                QCOMPARE(k.usedRequests, qint64(2));
        }

        // The token bucket too: a burst of 1 at 0.01 requests/s.
        auto limited = m_iam->createApiKey(iam::ApiKeySpec { .name = u"mcp-rate"_s, .ratePerSecond = 0.01, .burst = 1 },
                                           principalOf(m_viewerToken));
        QVERIFY(limited.has_value());
        const QByteArray limitedSecret = limited->secret.toUtf8();
        const Reply first = post(limitedSecret, request(1, u"ping"_s));
        QVERIFY2(first.status != 429, first.body.constData()); // the burst's one request reaches the handler
        const Reply throttled = post(limitedSecret, request(1, u"ping"_s));
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.errorCode(), u"RATE_LIMITED"_s);
    }

    void credentialsAreRequired()
    {
        const QByteArray init = request(1, u"initialize"_s, { { u"protocolVersion"_s, u"2025-06-18"_s } });
        const Reply anonymous = post({}, init);
        QCOMPARE(anonymous.status, 401);
        QVERIFY2(anonymous.header("WWW-Authenticate").startsWith("Bearer"), anonymous.header("WWW-Authenticate"));
        QCOMPARE(post("aiops_sk_not-a-real-key", init).status, 401);
        // A node daemon's credential does not reach the tools.
        QCOMPARE(post(m_nodeCredential, init).status, 403);
    }

    void initializeNegotiatesTheProtocolVersion()
    {
        QJsonObject result;
        QVERIFY(!openSession(m_apiKey, u"2024-11-05"_s, &result).isEmpty());
        QCOMPARE(result.value(u"protocolVersion"_s).toString(), u"2024-11-05"_s);
        QCOMPARE(result.value(u"serverInfo"_s).toObject().value(u"name"_s).toString(), u"aiops-controller"_s);
        QVERIFY(!openSession(m_apiKey, u"2025-11-25"_s, &result).isEmpty());
        QCOMPARE(result.value(u"protocolVersion"_s).toString(), u"2025-11-25"_s);
        QVERIFY(!openSession(m_apiKey, u"1999-01-01"_s, &result).isEmpty());
        QCOMPARE(result.value(u"protocolVersion"_s).toString(),
                 controller::McpServer::supportedProtocolVersions().first());
        const Reply noVersion = post(m_apiKey, request(1, u"initialize"_s));
        QCOMPARE(noVersion.status, 200);
        QCOMPARE(noVersion.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32602);
        QVERIFY(noVersion.header("Mcp-Session-Id").isEmpty());
    }

    void sessionsAreRequiredAndBoundToTheirCaller()
    {
        const QByteArray list = request(2, u"tools/list"_s);
        const Reply without = post(m_apiKey, list);
        QCOMPARE(without.status, 400);
        QCOMPARE(post(m_apiKey, list, "0123456789abcdef").status, 404);

        const QByteArray session = openSession(m_apiKey, u"2025-06-18"_s);
        QVERIFY(!session.isEmpty());
        const Reply listed = post(m_apiKey, list, session, { { "MCP-Protocol-Version", "2025-06-18" } });
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.json().value(u"result"_s).toObject().value(u"tools"_s).toArray().size(), 7);
        // Another caller cannot ride on the session.
        QCOMPARE(post(m_otherApiKey, list, session).status, 404);
        QCOMPARE(post(m_apiKey, list, session, { { "MCP-Protocol-Version", "2031-01-01" } }).status, 400);

        // DELETE ends it.
        const Reply ended = m_rest->send("DELETE", u"/mcp"_s, m_apiKey, {}, { { "Mcp-Session-Id", session } });
        QCOMPARE(ended.status, 204);
        QCOMPARE(post(m_apiKey, list, session).status, 404);
        QCOMPARE(m_rest->send("DELETE", u"/mcp"_s, m_apiKey, {}, { { "Mcp-Session-Id", session } }).status, 404);
        QCOMPARE(m_rest->send("DELETE", u"/mcp"_s, m_apiKey).status, 400);
    }

    void jsonRpcErrors()
    {
        const QByteArray session = openSession(m_apiKey, u"2025-06-18"_s);
        QVERIFY(!session.isEmpty());
        const Reply badJson = post(m_apiKey, "{\"jsonrpc\":\"2.0\",", session);
        QCOMPARE(badJson.status, 400);
        QCOMPARE(badJson.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32700);

        const Reply unknown = post(m_apiKey, request(7, u"resources/list"_s), session);
        QCOMPARE(unknown.status, 200);
        QCOMPARE(unknown.json().value(u"id"_s).toInt(), 7);
        QCOMPARE(unknown.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32601);

        const Reply invalid = post(m_apiKey, R"({"jsonrpc":"1.0","id":8,"method":"ping"})", session);
        QCOMPARE(invalid.status, 400);
        QCOMPARE(invalid.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32600);

        const Reply badParams = post(m_apiKey, request(9, u"tools/call"_s, { { u"name"_s, 42 } }), session);
        QCOMPARE(badParams.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32602);
        const Reply badArguments = post(
            m_apiKey,
            request(10, u"tools/call"_s, { { u"name"_s, u"listNodes"_s }, { u"arguments"_s, QJsonArray { 1 } } }),
            session);
        QCOMPARE(badArguments.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32602);

        const Reply ping = post(m_apiKey, request(11, u"ping"_s), session);
        QCOMPARE(ping.status, 200);
        QCOMPARE(ping.json().value(u"result"_s).toObject(), QJsonObject {});

        const Reply notification = post(m_apiKey, R"({"jsonrpc":"2.0","method":"notifications/cancelled"})", session);
        QCOMPARE(notification.status, 202);
        QVERIFY(notification.body.isEmpty());
        const Reply clientResponse = post(m_apiKey, R"({"jsonrpc":"2.0","id":"s1","result":{}})", session);
        QCOMPARE(clientResponse.status, 202);

        // Batches were removed in 2025-06-18 ...
        const QByteArray batch = "[" + request(12, u"ping"_s) + "," + request(13, u"tools/list"_s) + "]";
        const Reply refused = post(m_apiKey, batch, session);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().value(u"error"_s).toObject().value(u"code"_s).toInt(), -32600);
        // ... and answered in a 2025-03-26 session.
        const QByteArray old = openSession(m_apiKey, u"2025-03-26"_s);
        const Reply answered = post(m_apiKey, batch, old);
        QCOMPARE(answered.status, 200);
        const QJsonArray replies = QJsonDocument::fromJson(answered.body).array();
        QCOMPARE(replies.size(), 2);
        QCOMPARE(replies.at(0).toObject().value(u"id"_s).toInt(), 12);
        QCOMPARE(replies.at(1).toObject().value(u"result"_s).toObject().value(u"tools"_s).toArray().size(), 7);
        QCOMPARE(post(m_apiKey, R"([{"jsonrpc":"2.0","method":"notifications/initialized"}])", old).status, 202);
    }

    void olderProtocolVersionsGetNoStructuredContent()
    {
        const QByteArray session = openSession(m_apiKey, u"2024-11-05"_s);
        const Reply listed = post(m_apiKey, request(2, u"tools/list"_s), session);
        const QJsonObject tool
            = listed.json().value(u"result"_s).toObject().value(u"tools"_s).toArray().first().toObject();
        QVERIFY(tool.contains(u"inputSchema"_s));
        QVERIFY(!tool.contains(u"outputSchema"_s));
        const Reply called = post(m_apiKey, request(3, u"tools/call"_s, { { u"name"_s, u"listNodes"_s } }), session);
        const QJsonObject result = called.json().value(u"result"_s).toObject();
        QVERIFY(!result.contains(u"structuredContent"_s));
        const QJsonObject text
            = QJsonDocument::fromJson(
                  result.value(u"content"_s).toArray().first().toObject().value(u"text"_s).toString().toUtf8())
                  .object();
        QCOMPARE(nodeIdsOf(text), QStringList({ u"gpu-node-a"_s, u"gpu-node-b"_s }));

        const QByteArray current = openSession(m_apiKey, u"2025-06-18"_s);
        const Reply withSchemas = post(m_apiKey, request(2, u"tools/list"_s), current);
        for (const QJsonValue& t : withSchemas.json().value(u"result"_s).toObject().value(u"tools"_s).toArray())
            QCOMPARE(t.toObject().value(u"outputSchema"_s).toObject().value(u"type"_s).toString(), u"object"_s);
    }

    void transportChecks()
    {
        const QByteArray session = openSession(m_apiKey, u"2025-06-18"_s);
        const QByteArray ping = request(1, u"ping"_s);
        // Accept must allow both JSON and SSE.
        const Reply jsonOnly = m_rest->send(
            "POST", u"/mcp"_s, m_apiKey, ping, { { "Accept", "application/json" }, { "Mcp-Session-Id", session } });
        QCOMPARE(jsonOnly.status, 406);
        QCOMPARE(m_rest->send("POST", u"/mcp"_s, m_apiKey, ping, { { "Accept", "*/*" }, { "Mcp-Session-Id", session } })
                     .status,
                 200);
        QCOMPARE(post(m_apiKey, ping, session, { { "Content-Type", "text/plain" } }).status, 415);
        // Origins: local and configured ones pass, others (DNS rebinding) do not.
        QCOMPARE(post(m_apiKey, ping, session, { { "Origin", "http://evil.example" } }).status, 403);
        QCOMPARE(post(m_apiKey, ping, session, { { "Origin", "http://localhost:5173" } }).status, 200);
        QCOMPARE(post(m_apiKey, ping, session, { { "Origin", "http://127.0.0.1:8080" } }).status, 200);
        QCOMPARE(post(m_apiKey, ping, session, { { "Origin", "https://console.example.com" } }).status, 200);
        // No server-initiated stream.
        const Reply get = m_rest->send("GET", u"/mcp"_s, m_apiKey, {}, { { "Accept", "text/event-stream" } });
        QCOMPARE(get.status, 405);
        QVERIFY(get.header("Allow").contains("POST"));
        // The body limit.
        QByteArray huge = request(1, u"tools/call"_s, { { u"name"_s, QString(300 * 1024, u'x') } });
        QCOMPARE(post(m_apiKey, huge, session).status, 413);
        // The route is in the API description with its permission.
        const Reply doc = m_rest->send("GET", u"/openapi.json"_s);
        const QJsonObject operation
            = doc.json().value(u"paths"_s).toObject().value(u"/mcp"_s).toObject().value(u"post"_s).toObject();
        QCOMPARE(operation.value(u"x-permission"_s).toString(), u"useMcpTools"_s);
    }

    // ---- the official TypeScript SDK as the client ----

    void officialTypeScriptSdkClient()
    {
        const QString node = QStandardPaths::findExecutable(u"node"_s);
        QVERIFY2(!node.isEmpty(), "node is not on PATH: install nodejs 20");
        const QString sdk = kSourceDir + u"/tests/peers/node_modules/@modelcontextprotocol/sdk/package.json"_s;
        QVERIFY2(QFileInfo::exists(sdk), qPrintable(sdk + u" is missing: run scripts/install-peers"_s));
        QProcess process;
        process.start(node, { kSourceDir + u"/tests/agents/mcp_sdk_client.mjs"_s, url(), QString::fromUtf8(m_apiKey) });
        QVERIFY(process.waitForStarted(10'000));
        QVERIFY(process.waitForFinished(60'000)); // the controller runs on its own thread
        const QByteArray out = process.readAllStandardOutput();
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(process.exitCode() == 0, QByteArray(out + err).constData());
        const QJsonObject result = QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
        QVERIFY2(!result.isEmpty(), out.constData());
        QCOMPARE(result.value(u"serverName"_s).toString(), u"aiops-controller"_s);
        QVERIFY(
            controller::McpServer::supportedProtocolVersions().contains(result.value(u"protocolVersion"_s).toString()));
        QStringList names;
        for (const QJsonValue& tool : result.value(u"tools"_s).toArray()) {
            names << tool.toObject().value(u"name"_s).toString();
            QVERIFY(tool.toObject().value(u"hasInputSchema"_s).toBool());
            QVERIFY(tool.toObject().value(u"hasOutputSchema"_s).toBool());
        }
        QCOMPARE(names,
                 QStringList({ u"listNodes"_s,
                               u"gpuReport"_s,
                               u"listDeployments"_s,
                               u"listModels"_s,
                               u"listAgents"_s,
                               u"findDocuments"_s,
                               u"readDocument"_s }));
        QVERIFY(!result.value(u"gpuReportIsError"_s).toBool());
        const QJsonObject report = result.value(u"gpuReport"_s).toObject();
        QCOMPARE(gpuOrder(report), QStringList({ u"gpu-node-b/0"_s, u"gpu-node-a/1"_s, u"gpu-node-a/0"_s }));
        QCOMPARE(QJsonDocument::fromJson(result.value(u"gpuReportText"_s).toString().toUtf8()).object(), report);
        QCOMPARE(nodeIdsOf(result.value(u"listNodes"_s).toObject()), QStringList({ u"gpu-node-a"_s, u"gpu-node-b"_s }));
        // The SDK ended its session with DELETE.
        const QByteArray session = result.value(u"sessionId"_s).toString().toUtf8();
        QVERIFY(!session.isEmpty());
        QCOMPARE(post(m_apiKey, request(1, u"ping"_s), session).status, 404);
    }

    void idleSessionsExpireAndTheOldestGoFirst()
    {
        // A second McpServer on its own QHttpServer and router, with a clock the test moves.
        qint64 nowMs = 1'000'000;
        controller::OpsToolbox box;
        controller::McpServer::Options options;
        options.sessionIdleSeconds = 60;
        options.maxSessions = 2;
        options.clock = [&nowMs] {
            return nowMs;
        };
        controller::McpServer server(box, options);
        controller::HttpRouter router(m_iam, {});
        server.addRoutes(router);
        QHttpServer http;
        router.install(http);
        const quint16 port = http.listen(QHostAddress::LocalHost, 0);
        QVERIFY(port != 0);
        RestClient rest(u"http://127.0.0.1:%1"_s.arg(port));
        const auto open = [&] {
            const Reply r = rest.send("POST",
                                      u"/mcp"_s,
                                      m_apiKey,
                                      request(1, u"initialize"_s, { { u"protocolVersion"_s, u"2025-06-18"_s } }),
                                      { { "Accept", "application/json, text/event-stream" } });
            return r.header("Mcp-Session-Id");
        };
        const auto ping = [&](const QByteArray& session) {
            return rest
                .send("POST",
                      u"/mcp"_s,
                      m_apiKey,
                      request(2, u"ping"_s),
                      { { "Accept", "application/json, text/event-stream" }, { "Mcp-Session-Id", session } })
                .status;
        };
        const QByteArray first = open();
        QVERIFY(!first.isEmpty());
        nowMs += 59'000;
        QCOMPARE(ping(first), 200); // used: idle time starts again
        nowMs += 59'000;
        QCOMPARE(ping(first), 200);
        nowMs += 61'000;
        QCOMPARE(ping(first), 404); // idle for longer than 60 s
        QCOMPARE(server.sessionCount(), 0);

        const QByteArray a = open();
        nowMs += 1000;
        const QByteArray b = open();
        nowMs += 1000;
        QCOMPARE(ping(a), 200); // a is now the most recently used
        nowMs += 1000;
        const QByteArray c = open(); // over the limit of two: b goes
        QCOMPARE(server.sessionCount(), 2);
        QCOMPARE(ping(b), 404);
        QCOMPARE(ping(a), 200);
        QCOMPARE(ping(c), 200);
    }

    // ---- the toolbox on its own ----

    void toolboxValidatesArgumentsAndChecksEachToolsPermission()
    {
        controller::OpsToolbox box;
        const auto echo = [](const iam::Principal&, const QJsonObject& args) -> Result<QJsonObject> {
            return args;
        };
        QVERIFY(box.add(
            { .name = u"echo"_s,
              .description = u"Echo"_s,
              .inputSchema = QJsonObject { { u"type"_s, u"object"_s },
                                           { u"required"_s, QJsonArray { u"text"_s } },
                                           { u"properties"_s,
                                             QJsonObject { { u"text"_s, QJsonObject { { u"type"_s, u"string"_s } } },
                                                           { u"count"_s,
                                                             QJsonObject { { u"type"_s, u"integer"_s },
                                                                           { u"maximum"_s, 3 } } } } } },
              .permission = iam::Permission::UseMcpTools,
              .handler = echo }));
        QVERIFY(box.add({ .name = u"deploy"_s,
                          .description = u"Needs a writer"_s,
                          .inputSchema = QJsonObject { { u"type"_s, u"object"_s } },
                          .permission = iam::Permission::DeployModels,
                          .handler = echo }));
        // Names are unique; a tool needs a handler and an object schema.
        QVERIFY(!box.add(
            { .name = u"echo"_s, .inputSchema = QJsonObject { { u"type"_s, u"object"_s } }, .handler = echo }));
        QVERIFY(!box.add({ .name = u"nohandler"_s, .inputSchema = QJsonObject { { u"type"_s, u"object"_s } } }));
        QCOMPARE(box.tools().size(), 2);

        const iam::Principal viewer = principalOf(m_viewerToken);
        const iam::Principal key = principalOf(m_apiKey);
        QCOMPARE(key.kind, iam::PrincipalKind::ApiKey);
        QCOMPARE(box.call(viewer, u"echo"_s, { { u"text"_s, u"hi"_s } })->value(u"text"_s).toString(), u"hi"_s);
        QCOMPARE(box.call(key, u"echo"_s, { { u"text"_s, u"hi"_s } })->value(u"text"_s).toString(), u"hi"_s);
        const auto missing = box.call(viewer, u"echo"_s, {});
        QCOMPARE(missing.error().code, ErrorCode::InvalidValue);
        QCOMPARE(missing.error().field, u"text"_s);
        QCOMPARE(box.call(viewer, u"echo"_s, { { u"text"_s, 5 } }).error().field, u"text"_s);
        QCOMPARE(box.call(viewer, u"echo"_s, { { u"text"_s, u"a"_s }, { u"count"_s, 1.5 } }).error().field, u"count"_s);
        QCOMPARE(box.call(viewer, u"echo"_s, { { u"text"_s, u"a"_s }, { u"count"_s, 4 } }).error().field, u"count"_s);
        QVERIFY(box.call(viewer, u"echo"_s, { { u"text"_s, u"a"_s }, { u"other"_s, 4 } }).has_value()); // open schema
        QCOMPARE(box.call(viewer, u"nope"_s, {}).error().code, ErrorCode::NotFound);
        // Each tool's own permission: a viewer and an API key may not call a tool that needs DeployModels,
        // nor see it listed; the owner may.
        QCOMPARE(box.call(viewer, u"deploy"_s, {}).error().code, ErrorCode::Forbidden);
        QCOMPARE(box.call(key, u"deploy"_s, {}).error().code, ErrorCode::Forbidden);
        QCOMPARE(box.toolsFor(viewer).size(), 1);
        const iam::Principal owner = principalOf(m_ownerToken);
        QVERIFY(box.call(owner, u"deploy"_s, {}).has_value());
        QCOMPARE(box.toolsFor(owner).size(), 2);
        QCOMPARE(box.call(iam::Principal {}, u"echo"_s, { { u"text"_s, u"a"_s } }).error().code,
                 ErrorCode::Unauthorized);
    }
};

QTEST_GUILESS_MAIN(McpServerTest)
#include "McpServerTest.moc"
