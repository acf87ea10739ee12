// chat-fanout-bench: chat fan-out through the controller's /ws/system gateway. An in-process controller
// (ControllerThread, its own thread) runs one agent whose runtime is the scripted bench double
// (aiops-bench-scripted-agent: K agent.messageDelta + one agent.message per user message, no LLM). N
// WebSocket users join one conversation; client 0 sends M user messages, keeping at most W turns in
// flight, and every client timestamps every frame of the room it receives. The full product path is
// measured: user.message -> PII + guardrails -> store (write-behind) -> /ws/agent -> the agent's frames ->
// guardrails (final message) -> store -> every joined connection.
//
//   chat-fanout-bench [--clients 50] [--turns 2000] [--window 8] [--deltas 8] [--warmup T] [--agent PATH]
//   chat-fanout-bench --serve [--deltas 8]     the controller and the agent only, for fanout_client.js
//
// Prints one "RESULT side=ours-qt ..." line, the fields of fanout_client.js (run.sh shows it for reference):
//   frames_per_s  room frames delivered per second, summed over the clients (user.message echo +
//                 K deltas + final message per turn and client)
//   turns_per_s   user messages answered (final message at every client) per second
//   p50_us/p99_us latency of every agent.* frame at every client: receive time minus the send time of
//                 the user message it answers (metadata.replyTo)
#include "core/agents/AgentTypes.h"
#include "core/controller/AgentService.h"
#include "core/controller/Controller.h"
#include "core/iam/IamService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QThread>
#include <QWebSocket>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace aiops;
using namespace Qt::StringLiterals;

namespace {

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "chat-fanout-bench: %s\n", qPrintable(message));
    std::fflush(stderr);
    std::_Exit(1);
}

bool spinUntil(const std::function<bool()>& done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

QString frame(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// The number after `"key":"u-` in a compact JSON frame, or -1. Clients only scan the frame: the server
// is what is measured, so they skip a full parse (QJsonDocument keeps keys sorted, the text is stable).
qint64 turnOf(const QString& text, QStringView key)
{
    const qsizetype at = text.indexOf(key);
    if (at < 0)
        return -1;
    qint64 turn = 0;
    qsizetype i = at + key.size();
    if (i >= text.size() || !text.at(i).isDigit())
        return -1;
    for (; i < text.size() && text.at(i).isDigit(); ++i)
        turn = turn * 10 + text.at(i).digitValue();
    return turn;
}

double percentile(std::vector<qint64>& samples, double p)
{
    if (samples.empty())
        return 0;
    const auto k = std::min(samples.size() - 1, size_t(p * double(samples.size())));
    std::nth_element(samples.begin(), samples.begin() + qsizetype(k), samples.end());
    return double(samples[k]);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Chat fan-out through /ws/system with a scripted agent"_s);
    parser.addHelpOption();
    const QCommandLineOption clientsOption(u"clients"_s, u"WebSocket users in the conversation"_s, u"N"_s, u"50"_s);
    const QCommandLineOption turnsOption(u"turns"_s, u"User messages measured"_s, u"M"_s, u"2000"_s);
    const QCommandLineOption windowOption(u"window"_s, u"Turns in flight at most"_s, u"W"_s, u"8"_s);
    const QCommandLineOption deltasOption(u"deltas"_s, u"agent.messageDelta frames per answer"_s, u"K"_s, u"8"_s);
    const QCommandLineOption warmupOption(u"warmup"_s, u"Turns before measuring (default M/10)"_s, u"T"_s);
    const QCommandLineOption serveOption(u"serve"_s,
                                         u"Only run the controller and the agent for other clients: print a SERVE line "
                                         "(url, token, agent) and stop when stdin closes"_s);
    const QCommandLineOption agentOption(
        u"agent"_s, u"The scripted agent (default: aiops-bench-scripted-agent next to this program)"_s, u"PATH"_s);
    parser.addOptions(
        { clientsOption, turnsOption, windowOption, deltasOption, warmupOption, serveOption, agentOption });
    parser.process(app);
    const int clients = std::max(1, parser.value(clientsOption).toInt());
    const int turns = std::max(1, parser.value(turnsOption).toInt());
    const int window = std::max(1, parser.value(windowOption).toInt());
    const int deltas = std::max(0, parser.value(deltasOption).toInt());
    const int warmup = parser.isSet(warmupOption) ? std::max(0, parser.value(warmupOption).toInt()) : turns / 10;
    const QString agentProgram = parser.isSet(agentOption)
        ? parser.value(agentOption)
        : QDir(QCoreApplication::applicationDirPath()).filePath(u"aiops-bench-scripted-agent"_s);
    if (!QFileInfo(agentProgram).isExecutable())
        die(u"no scripted agent at %1 (ninja aiops-bench-scripted-agent)"_s.arg(agentProgram));
    qputenv("AIOPS_BENCH_DELTAS", QByteArray::number(deltas)); // inherited by the agent process

    QTemporaryDir dataDir;
    if (!dataDir.isValid())
        die(u"no temp dir"_s);
    controller::ControllerConfig config;
    config.port = 0;
    config.dataDir = dataDir.path();
    config.fastPasswordHashing = true;
    config.agentProgram = agentProgram;
    config.toolHealthIntervalMs = 0;
    config.restoreRunningAgents = false;
    // The per-connection limits (5 user frames/s, 200 agent frames/s) are abuse guards, not the
    // pipeline's capacity: lifted here so that both sides measure fan-out, not a policy.
    config.userMessagesPerSecond = 1e6;
    config.agentMessagesPerSecond = 1e6;
    controller::ControllerThread server(config);
    if (auto started = server.start(); !started)
        die(u"controller: "_s + started.error().message);
    const auto tokens = server.iamService()->issueTokens(server.ownerPrincipal().subject);
    if (!tokens)
        die(u"issueTokens: "_s + tokens.error().message);

    controller::AgentService* agents = server.agentService();
    agents::AgentRecord draft;
    draft.name = u"chat-fanout bench"_s;
    draft.llmModel.provider = u"internal"_s;
    draft.llmModel.modelName = u"scripted"_s;
    const auto agent = agents->saveAgent(draft);
    if (!agent)
        die(u"saveAgent: "_s + agent.error().message);
    const QString agentId = agent->agentId;
    if (auto started = agents->startAgent(agentId); !started)
        die(u"startAgent: "_s + started.error().message);
    if (!spinUntil([&] { return agents->agent(agentId)->status == u"running"; }, 20000))
        die(u"the scripted agent did not register (status %1: %2)"_s.arg(agents->agent(agentId)->status,
                                                                         agents->agent(agentId)->lastError));

    if (parser.isSet(serveOption)) {
        std::printf("SERVE url=ws://127.0.0.1:%u/ws/system token=%s agent=%s\n",
                    unsigned(server.port()),
                    qPrintable(tokens->accessToken),
                    qPrintable(agentId));
        std::fflush(stdout);
        std::thread([] {
            char buffer[256];
            while (::read(STDIN_FILENO, buffer, sizeof buffer) > 0) { }
            QMetaObject::invokeMethod(
                qApp, [] { QCoreApplication::quit(); }, Qt::QueuedConnection);
        }).detach();
        app.exec();
        (void)agents->stopAgent(agentId);
        server.stop();
        return 0;
    }

    // ---- N users join one conversation ----
    const QString conversationId = u"conv-bench-fanout"_s;
    const QUrl url(u"ws://127.0.0.1:%1/ws/system"_s.arg(server.port()));
    const qsizetype expectedPerTurn = 2 + deltas; // echo + deltas + final, per client
    const qint64 total = qint64(warmup) + turns;
    std::vector<std::unique_ptr<QWebSocket>> sockets;
    std::vector<qint64> sentNs(size_t(total), 0);
    std::vector<int> finals(size_t(total), 0); // clients that got the turn's agent.message
    std::vector<qint64> latencies;
    latencies.reserve(size_t(clients) * size_t(turns) * size_t(deltas + 1));
    int joined = 0;
    qint64 measuredFrames = 0;
    qint64 measuredBytes = 0;
    qint64 sent = 0;
    qint64 completed = 0;
    qint64 inFlight = 0;
    qint64 startNs = 0;
    qint64 endNs = 0;
    QElapsedTimer clock;
    clock.start();

    const auto sendNext = [&] {
        QWebSocket* sender = sockets.front().get();
        while (inFlight < window && sent < total) {
            const qint64 turn = sent++;
            if (turn == warmup)
                startNs = clock.nsecsElapsed();
            sentNs[size_t(turn)] = clock.nsecsElapsed();
            ++inFlight;
            sender->sendTextMessage(frame(QJsonObject {
                { u"type"_s, u"user.message"_s },
                { u"conversationId"_s, conversationId },
                { u"messageId"_s, u"u-%1"_s.arg(turn) },
                { u"content"_s, u"How is GPU %1 doing?"_s.arg(turn % 8) },
                { u"timestamp"_s, QDateTime::currentMSecsSinceEpoch() },
            }));
        }
    };

    for (int i = 0; i < clients; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        QWebSocket* ws = socket.get();
        QObject::connect(ws, &QWebSocket::textMessageReceived, ws, [&, ws](const QString& text) {
            const qint64 now = clock.nsecsElapsed();
            if (text.contains(u"\"type\":\"agent."_s)) {
                const qint64 turn = turnOf(text, u"\"replyTo\":\"u-");
                if (turn < 0 || turn >= total)
                    die(u"an agent frame without a known replyTo: "_s + text.left(300));
                if (turn >= warmup) {
                    latencies.push_back((now - sentNs[size_t(turn)]) / 1000);
                    ++measuredFrames;
                    measuredBytes += text.size();
                }
                if (text.contains(u"\"type\":\"agent.message\""_s) && ++finals[size_t(turn)] == clients) {
                    ++completed;
                    --inFlight;
                    if (completed == total)
                        endNs = now;
                    else
                        sendNext();
                }
                return;
            }
            if (text.contains(u"\"type\":\"user.message\""_s)) {
                const qint64 turn = turnOf(text, u"\"messageId\":\"u-");
                if (turn >= warmup) {
                    ++measuredFrames;
                    measuredBytes += text.size();
                }
                return;
            }
            if (text.contains(u"\"type\":\"system.conversationJoined\""_s)) {
                ++joined;
                return;
            }
            if (text.contains(u"\"type\":\"system.error\""_s) || text.contains(u"\"type\":\"error\""_s))
                die(u"client got an error: "_s + text.left(400));
        });
        QObject::connect(
            ws, &QWebSocket::disconnected, ws, [ws] { die(u"a client was disconnected: "_s + ws->closeReason()); });
        ws->setMaxAllowedIncomingMessageSize(16 * 1024 * 1024);
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + tokens->accessToken.toUtf8());
        ws->open(request);
        sockets.push_back(std::move(socket));
    }
    if (!spinUntil(
            [&] {
                return std::ranges::all_of(sockets,
                                           [](const auto& s) { return s->state() == QAbstractSocket::ConnectedState; });
            },
            30000))
        die(u"not every client connected"_s);
    for (int i = 0; i < clients; ++i) {
        QJsonObject join { { u"type"_s, u"user.joinConversation"_s },
                           { u"conversationId"_s, conversationId },
                           { u"requestId"_s, u"join-%1"_s.arg(i) } };
        if (i == 0)
            join.insert(u"agentId"_s, agentId); // creates the conversation
        sockets[size_t(i)]->sendTextMessage(frame(join));
        if (i == 0 && !spinUntil([&] { return joined == 1; }, 10000))
            die(u"the first join was not acknowledged"_s);
    }
    if (!spinUntil([&] { return joined == clients; }, 30000))
        die(u"only %1 of %2 clients joined"_s.arg(joined).arg(clients));

    // ---- the measured run ----
    sendNext();
    const qint64 timeoutMs = 120000 + qint64(total) * 50;
    if (!spinUntil([&] { return completed == total; }, int(std::min<qint64>(timeoutMs, 1800000))))
        die(u"stalled: %1 of %2 turns answered"_s.arg(completed).arg(total));
    const double seconds = double(endNs - startNs) / 1e9;
    const qint64 expectedFrames = qint64(turns) * clients * expectedPerTurn;
    // Frames still in flight when the last turn completed arrive later; wait for the stragglers.
    spinUntil([&] { return measuredFrames >= expectedFrames; }, 5000);
    if (measuredFrames != expectedFrames)
        die(u"delivered %1 room frames, expected %2"_s.arg(measuredFrames).arg(expectedFrames));

    const double frameBytes = double(measuredBytes) / double(std::max<qint64>(1, measuredFrames));
    const double p50 = percentile(latencies, 0.50);
    const double p99 = percentile(latencies, 0.99);
    std::printf("RESULT side=ours-qt clients=%d turns=%d window=%d deltas=%d seconds=%.3f frames=%lld "
                "frames_per_s=%.0f turns_per_s=%.1f p50_us=%.0f p99_us=%.0f bytes_per_frame=%.0f\n",
                clients,
                turns,
                window,
                deltas,
                seconds,
                static_cast<long long>(measuredFrames),
                double(measuredFrames) / seconds,
                double(turns) / seconds,
                p50,
                p99,
                frameBytes);
    std::fflush(stdout);

    for (auto& s : sockets) {
        s->disconnect();
        s->close();
    }
    (void)agents->stopAgent(agentId);
    server.stop();
    return 0;
}
