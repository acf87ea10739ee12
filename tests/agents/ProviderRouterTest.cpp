// ProviderRouter over two real OpenAiProviders pointed at scripted doubles: one registered as a local engine
// (a vLLM double), one as a cloud API (an OpenAI double). The doubles count every request that reaches them.
#include "core/agents/ProviderRouter.h"

#include "HttpServerDouble.h"
#include "LlmTestSupport.h"
#include "core/agents/OpenAiProvider.h"
#include "core/net/CurlClient.h"
#include "core/net/HttpTypes.h"

#include <QElapsedTimer>
#include <QTest>
#include <memory>

using namespace aiops;
using namespace aiops::agents;
using namespace aiops::testing;
using namespace Qt::StringLiterals;

namespace {

ScriptedReply okReply(const QString& text)
{
    ScriptedReply reply;
    reply.body = completionJson(text);
    return reply;
}

ScriptedReply statusReply(int status, QList<std::pair<QByteArray, QByteArray>> headers = {})
{
    ScriptedReply reply;
    reply.status = status;
    reply.headers = std::move(headers);
    reply.body = "{\"error\":{\"message\":\"scripted failure\"}}";
    return reply;
}

const QString localName = u"local-vllm-double"_s;
const QString cloudName = u"cloud-openai-double"_s;

} // namespace

class ProviderRouterTest final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void hybridPicksLocalFirst();
    void hybridFallsBackToCloudWhenLocalFails();
    void localOnlyModeNeverContactsTheCloud();
    void localOnlySwitchOverridesAllowApi();
    void allowApiWithoutPreferLocalTriesCloudFirst();
    void perRequestOverride();
    void rateLimitWithRetryAfterIsRetried();
    void retriesStopAfterThreeAttempts();
    void clientErrorsAreNotRetried();
    void circuitOpensHalfOpensAndCloses();
    void halfOpenLetsOneTrialThrough();
    void localOnlyTurnedOnMidRequestBlocksTheFallback();
    void cancelStopsAnInFlightStream();
    void noRetryAfterADeltaWasDelivered();

private:
    ChatOutcome chat(const QString& route = {}, bool stream = false);

    std::unique_ptr<net::CurlClient> m_http;
    std::unique_ptr<HttpServerDouble> m_localServer;
    std::unique_ptr<HttpServerDouble> m_cloudServer;
    std::unique_ptr<OpenAiProvider> m_local;
    std::unique_ptr<OpenAiProvider> m_cloud;
    std::unique_ptr<ProviderRouter> m_router;
    // What each double answers; tests replace them.
    std::function<ScriptedReply(const SeenRequest&)> m_localHandler;
    std::function<ScriptedReply(const SeenRequest&)> m_cloudHandler;
    std::chrono::steady_clock::time_point m_now;
};

void ProviderRouterTest::init()
{
    m_http = std::make_unique<net::CurlClient>();
    m_localHandler = [](const SeenRequest&) {
        return okReply(u"from local"_s);
    };
    m_cloudHandler = [](const SeenRequest&) {
        return okReply(u"from cloud"_s);
    };
    m_localServer = std::make_unique<HttpServerDouble>([this](const SeenRequest& r) { return m_localHandler(r); });
    m_cloudServer = std::make_unique<HttpServerDouble>([this](const SeenRequest& r) { return m_cloudHandler(r); });
    OpenAiProvider::Options local;
    local.name = localName;
    local.kind = LlmProvider::Kind::Local;
    local.baseUrl = m_localServer->url(u"/v1"_s);
    m_local = std::make_unique<OpenAiProvider>(m_http.get(), local);
    OpenAiProvider::Options cloud;
    cloud.name = cloudName;
    cloud.kind = LlmProvider::Kind::Cloud;
    cloud.baseUrl = m_cloudServer->url(u"/v1"_s);
    cloud.apiKey = "sk-cloud";
    m_cloud = std::make_unique<OpenAiProvider>(m_http.get(), cloud);

    m_now = std::chrono::steady_clock::time_point {} + std::chrono::hours(1);
    m_router = std::make_unique<ProviderRouter>();
    m_router->setClock([this] { return m_now; });
    ProviderRouter::RetryPolicy retry;
    retry.baseDelayMs = 5;
    retry.maxDelayMs = 20;
    m_router->setRetryPolicy(retry);
    m_router->addProvider(m_local.get(), { u"double-model"_s });
    m_router->addProvider(m_cloud.get(), { u"gpt-double"_s });
}

void ProviderRouterTest::cleanup()
{
    m_router.reset();
    m_local.reset();
    m_cloud.reset();
    m_localServer.reset();
    m_cloudServer.reset();
    m_http.reset();
}

ChatOutcome ProviderRouterTest::chat(const QString& route, bool stream)
{
    return runChat([this, &route, stream](auto onDelta, auto done) {
        m_router->chat(userRequest(u"hello"_s, stream), onDelta, done, route);
    });
}

void ProviderRouterTest::hybridPicksLocalFirst()
{
    const ChatOutcome outcome = chat();
    QVERIFY2(outcome.ok(), qPrintable(outcome.why()));
    QCOMPARE(outcome.value().provider, localName);
    QCOMPARE(outcome.value().message.content, u"from local"_s);
    QCOMPARE(m_localServer->seen().size(), 1);
    QCOMPARE(m_cloudServer->seen().size(), 0);
}

void ProviderRouterTest::hybridFallsBackToCloudWhenLocalFails()
{
    m_localHandler = [](const SeenRequest&) {
        return statusReply(503);
    };
    const ChatOutcome outcome = chat();
    QVERIFY2(outcome.ok(), qPrintable(outcome.why()));
    QCOMPARE(outcome.value().provider, cloudName);
    QCOMPARE(m_localServer->seen().size(), 3); // retried, then given up
    QCOMPARE(m_cloudServer->seen().size(), 1);
    // The cloud provider gets its own model name, not the local one.
    QCOMPARE(m_cloudServer->seen().first().json().value(u"model"_s).toString(), u"gpt-double"_s);
}

void ProviderRouterTest::localOnlyModeNeverContactsTheCloud()
{
    m_router->setPolicy({ ProviderRouter::PrivacyMode::LocalOnly, true });
    m_localHandler = [](const SeenRequest&) {
        return statusReply(503);
    };
    const ChatOutcome failed = chat();
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, ErrorCode::Unavailable);

    const ChatOutcome named = chat(cloudName);
    QVERIFY(!named.ok());
    QCOMPARE(named.error().code, ErrorCode::Forbidden);
    QCOMPARE(named.error().message, u"Local only is on: requests to %1 are blocked"_s.arg(cloudName));

    const ChatOutcome cloud = chat(u"cloud"_s);
    QVERIFY(!cloud.ok());
    QCOMPARE(cloud.error().code, ErrorCode::Forbidden);
    QVERIFY2(cloud.error().message.startsWith(u"Local only is on"_s), qPrintable(cloud.error().message));

    QCOMPARE(m_cloudServer->seen().size(), 0);
}

void ProviderRouterTest::localOnlySwitchOverridesAllowApi()
{
    m_router->setPolicy({ ProviderRouter::PrivacyMode::AllowApi, false });
    QCOMPARE(chat().value().provider, cloudName);
    QCOMPARE(m_cloudServer->seen().size(), 1);

    m_router->setLocalOnly(true);
    QVERIFY(m_router->isLocalOnly());
    const ChatOutcome local = chat();
    QVERIFY2(local.ok(), qPrintable(local.why()));
    QCOMPARE(local.value().provider, localName);

    m_localHandler = [](const SeenRequest&) {
        return statusReply(503);
    };
    const ChatOutcome noFallback = chat();
    QVERIFY(!noFallback.ok());
    const ChatOutcome named = chat(cloudName);
    QCOMPARE(named.error().code, ErrorCode::Forbidden);
    QCOMPARE(named.error().message, u"Local only is on: requests to %1 are blocked"_s.arg(cloudName));
    QCOMPARE(m_cloudServer->seen().size(), 1); // only the request from before the switch

    m_router->setLocalOnly(false);
    QCOMPARE(chat().value().provider, cloudName);
    QCOMPARE(m_cloudServer->seen().size(), 2);
}

void ProviderRouterTest::allowApiWithoutPreferLocalTriesCloudFirst()
{
    m_router->setPolicy({ ProviderRouter::PrivacyMode::AllowApi, false });
    m_cloudHandler = [](const SeenRequest&) {
        return statusReply(502);
    };
    const ChatOutcome outcome = chat();
    QVERIFY2(outcome.ok(), qPrintable(outcome.why()));
    QCOMPARE(outcome.value().provider, localName);
    QCOMPARE(m_cloudServer->seen().size(), 3);
}

void ProviderRouterTest::perRequestOverride()
{
    QCOMPARE(chat(u"cloud"_s).value().provider, cloudName);
    QCOMPARE(chat(cloudName).value().provider, cloudName);
    QCOMPARE(chat(u"local"_s).value().provider, localName);
    QCOMPARE(chat(localName).value().provider, localName);
    const ChatOutcome unknown = chat(u"no-such-provider"_s);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    QCOMPARE(m_localServer->seen().size(), 2);
    QCOMPARE(m_cloudServer->seen().size(), 2);

    // A provider named by the request gets no fallback.
    m_cloudHandler = [](const SeenRequest&) {
        return statusReply(503);
    };
    const ChatOutcome forced = chat(cloudName);
    QCOMPARE(forced.error().code, ErrorCode::Unavailable);
    QCOMPARE(m_localServer->seen().size(), 2);
}

void ProviderRouterTest::rateLimitWithRetryAfterIsRetried()
{
    int calls = 0;
    m_localHandler = [&calls](const SeenRequest&) {
        return ++calls == 1 ? statusReply(429, { { "Retry-After", "1" } }) : okReply(u"after the wait"_s);
    };
    QElapsedTimer clock;
    clock.start();
    const ChatOutcome outcome = chat(localName);
    QVERIFY2(outcome.ok(), qPrintable(outcome.why()));
    QCOMPARE(outcome.value().message.content, u"after the wait"_s);
    QCOMPARE(m_localServer->seen().size(), 2);
    QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
}

void ProviderRouterTest::retriesStopAfterThreeAttempts()
{
    m_localHandler = [](const SeenRequest&) {
        return statusReply(500);
    };
    const ChatOutcome outcome = chat(localName);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().code, ErrorCode::Unavailable);
    QVERIFY2(outcome.error().message.contains(u"scripted failure"_s), qPrintable(outcome.error().message));
    QCOMPARE(m_localServer->seen().size(), 3);
    QTest::qWait(100);
    QCOMPARE(m_localServer->seen().size(), 3);
}

void ProviderRouterTest::clientErrorsAreNotRetried()
{
    m_localHandler = [](const SeenRequest&) {
        return statusReply(400);
    };
    const ChatOutcome outcome = chat();
    QCOMPARE(outcome.error().code, ErrorCode::BadRequest);
    QCOMPARE(m_localServer->seen().size(), 1);
    QCOMPARE(m_cloudServer->seen().size(), 0); // the request itself is wrong: no fallback either
}

void ProviderRouterTest::circuitOpensHalfOpensAndCloses()
{
    ProviderRouter::RetryPolicy once;
    once.maxAttempts = 1;
    m_router->setRetryPolicy(once);
    m_router->setBreakerPolicy({ 5, std::chrono::seconds(30) });
    m_localHandler = [](const SeenRequest&) {
        return statusReply(503);
    };
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(m_router->circuitState(localName), ProviderRouter::CircuitState::Closed);
        QCOMPARE(chat(localName).error().code, ErrorCode::Unavailable);
    }
    QCOMPARE(m_router->circuitState(localName), ProviderRouter::CircuitState::Open);
    QCOMPARE(m_localServer->seen().size(), 5);

    // Open: nothing reaches the local double; hybrid goes straight to the cloud.
    const ChatOutcome blocked = chat(localName);
    QCOMPARE(blocked.error().code, ErrorCode::Unavailable);
    QVERIFY2(blocked.error().message.contains(u"circuit"_s), qPrintable(blocked.error().message));
    QCOMPARE(chat().value().provider, cloudName);
    QCOMPARE(m_localServer->seen().size(), 5);

    // Just before the cool-down ends it is still open.
    m_now += std::chrono::seconds(29);
    QVERIFY(!chat(localName).ok());
    QCOMPARE(m_localServer->seen().size(), 5);

    // Half-open: one trial; it fails, so the circuit opens again for another cool-down.
    m_now += std::chrono::seconds(2);
    QVERIFY(!chat(localName).ok());
    QCOMPARE(m_localServer->seen().size(), 6);
    QCOMPARE(m_router->circuitState(localName), ProviderRouter::CircuitState::Open);
    QVERIFY(!chat(localName).ok());
    QCOMPARE(m_localServer->seen().size(), 6);

    // Next cool-down: the trial succeeds and closes the circuit.
    m_now += std::chrono::seconds(31);
    m_localHandler = [](const SeenRequest&) {
        return okReply(u"recovered"_s);
    };
    const ChatOutcome trial = chat(localName);
    QVERIFY2(trial.ok(), qPrintable(trial.why()));
    QCOMPARE(m_router->circuitState(localName), ProviderRouter::CircuitState::Closed);
    QCOMPARE(chat().value().provider, localName);
    QCOMPARE(m_localServer->seen().size(), 8);
}

void ProviderRouterTest::halfOpenLetsOneTrialThrough()
{
    ProviderRouter::RetryPolicy once;
    once.maxAttempts = 1;
    m_router->setRetryPolicy(once);
    m_localHandler = [](const SeenRequest&) {
        return statusReply(503);
    };
    for (int i = 0; i < 5; ++i) {
        QVERIFY(!chat(localName).ok());
    }
    QCOMPARE(m_router->circuitState(localName), ProviderRouter::CircuitState::Open);
    m_now += std::chrono::seconds(30);

    // The trial stays in flight (an open stream) while a second request arrives.
    m_localHandler = [](const SeenRequest&) {
        ScriptedReply reply;
        reply.contentType = "text/event-stream";
        reply.stream = true;
        return reply;
    };
    ChatOutcome trial;
    m_router->chat(
        userRequest(u"trial"_s, true),
        [&trial](const ChatDelta& delta) { trial.deltas.append(delta); },
        [&trial](Result<ChatResult> result) { trial.result = std::move(result); },
        localName);
    QTRY_COMPARE(m_localServer->seen().size(), 6);
    QCOMPARE(m_router->circuitState(localName), ProviderRouter::CircuitState::HalfOpen);
    const ChatOutcome second = chat(localName);
    QVERIFY(!second.ok());
    QVERIFY2(second.error().message.contains(u"circuit"_s), qPrintable(second.error().message));
    QCOMPARE(m_localServer->seen().size(), 6);

    m_localServer->push(sseData(textChunk(u"fine"_s)) + sseData(finishChunk(u"stop"_s)) + "data: [DONE]\n\n");
    m_localServer->endStreams();
    QTRY_VERIFY(trial.result.has_value());
    QVERIFY2(trial.ok(), qPrintable(trial.why()));
    QCOMPARE(m_router->circuitState(localName), ProviderRouter::CircuitState::Closed);
}

void ProviderRouterTest::localOnlyTurnedOnMidRequestBlocksTheFallback()
{
    // The local engine fails; while the router backs off, the operator switches Local only on.
    m_localHandler = [this](const SeenRequest&) {
        m_router->setLocalOnly(true);
        return statusReply(503);
    };
    const ChatOutcome outcome = chat();
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().code, ErrorCode::Forbidden);
    QCOMPARE(outcome.error().message, u"Local only is on: requests to %1 are blocked"_s.arg(cloudName));
    QCOMPARE(m_localServer->seen().size(), 3);
    QCOMPARE(m_cloudServer->seen().size(), 0);
}

void ProviderRouterTest::cancelStopsAnInFlightStream()
{
    m_localHandler = [](const SeenRequest&) {
        ScriptedReply reply;
        reply.contentType = "text/event-stream";
        reply.body = sseData(textChunk(u"partial"_s));
        reply.stream = true;
        return reply;
    };
    ChatOutcome outcome;
    const ChatCall call = m_router->chat(
        userRequest(u"hello"_s, true),
        [&outcome](const ChatDelta& delta) { outcome.deltas.append(delta); },
        [&outcome](Result<ChatResult> result) { outcome.result = std::move(result); });
    QTRY_COMPARE(outcome.texts(), QStringList { u"partial"_s });
    QCOMPARE(m_localServer->openStreams(), 1);
    call.cancel();
    QTRY_VERIFY(outcome.result.has_value());
    QVERIFY(!outcome.ok());
    QVERIFY2(net::isCancellation(outcome.error()), qPrintable(outcome.why()));
    m_localServer->push(sseData(textChunk(u" more"_s)));
    QTest::qWait(100);
    QCOMPARE(outcome.texts(), QStringList { u"partial"_s });
    QCOMPARE(m_localServer->seen().size(), 1);
    QCOMPARE(m_cloudServer->seen().size(), 0);
}

void ProviderRouterTest::noRetryAfterADeltaWasDelivered()
{
    m_localHandler = [](const SeenRequest&) {
        ScriptedReply reply;
        reply.contentType = "text/event-stream";
        reply.body = sseData(textChunk(u"half an answ"_s));
        reply.stream = true;
        return reply;
    };
    ChatOutcome outcome;
    m_router->chat(
        userRequest(u"hello"_s, true),
        [&outcome](const ChatDelta& delta) { outcome.deltas.append(delta); },
        [&outcome](Result<ChatResult> result) { outcome.result = std::move(result); });
    QTRY_COMPARE(outcome.texts(), QStringList { u"half an answ"_s });
    m_localServer->endStreams(); // the engine dies mid-answer
    QTRY_VERIFY(outcome.result.has_value());
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().code, ErrorCode::Unavailable);
    QTest::qWait(100);
    QCOMPARE(m_localServer->seen().size(), 1);
    QCOMPARE(m_cloudServer->seen().size(), 0);
}

QTEST_GUILESS_MAIN(ProviderRouterTest)
#include "ProviderRouterTest.moc"
