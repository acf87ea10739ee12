// aiops-bench-scripted-agent: a BENCH DOUBLE of the aiops-agent runtime for bench/chat-fanout. It speaks
// the /ws/agent wire contract (agent config file, "Authorization: Bearer", agent.register) but has no LLM:
// it answers every user.message at once with a fixed script of AIOPS_BENCH_DELTAS (default 8)
// agent.messageDelta frames and one final agent.message, all carrying metadata.replyTo = the user
// messageId. bench/chat-fanout/socketio_agent.js is the same script on the Socket.io side.
//
//   aiops-bench-scripted-agent --config <path>     (the controller starts it; exit 2 on a bad config)
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTimer>
#include <QWebSocket>
#include <cstdio>

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "aiops-bench-scripted-agent: %s\n", qPrintable(message));
    return 2;
}

QString frame(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype at = args.indexOf(QStringLiteral("--config"));
    if (at < 0 || at + 1 >= args.size())
        return fail(QStringLiteral("usage: aiops-bench-scripted-agent --config <path>"));
    QFile file(args.at(at + 1));
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1").arg(file.fileName()));
    const QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
    const QString agentId = config.value(QStringLiteral("agentId")).toString();
    const QString gatewayUrl = config.value(QStringLiteral("gatewayUrl")).toString();
    const QByteArray token = config.value(QStringLiteral("token")).toString().toUtf8();
    if (agentId.isEmpty() || gatewayUrl.isEmpty() || token.isEmpty())
        return fail(QStringLiteral("%1 needs agentId, gatewayUrl and token").arg(file.fileName()));
    bool ok = false;
    int deltas = qEnvironmentVariableIntValue("AIOPS_BENCH_DELTAS", &ok);
    if (!ok || deltas < 0)
        deltas = 8;

    QWebSocket socket;
    socket.setMaxAllowedIncomingMessageSize(16 * 1024 * 1024);
    QObject::connect(&socket, &QWebSocket::connected, &socket, [&] {
        socket.sendTextMessage(frame(QJsonObject {
            { QStringLiteral("type"), QStringLiteral("agent.register") },
            { QStringLiteral("agentId"), agentId },
            { QStringLiteral("status"), QStringLiteral("ready") },
            { QStringLiteral("capabilities"), QJsonArray { QStringLiteral("chat") } },
            { QStringLiteral("toolsConnected"), QJsonArray {} },
            { QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch() },
        }));
    });
    // A closed gateway ends the process: the supervisor restarts it (any exit other than 2).
    QObject::connect(&socket, &QWebSocket::disconnected, &app, [] { QCoreApplication::exit(1); });
    quint64 replies = 0;
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString& text) {
        const QJsonObject in = QJsonDocument::fromJson(text.toUtf8()).object();
        if (in.value(QStringLiteral("type")).toString() != u"user.message")
            return;
        const QString conversationId = in.value(QStringLiteral("conversationId")).toString();
        const QString replyTo = in.value(QStringLiteral("messageId")).toString();
        const QString messageId = QStringLiteral("msg-agent-%1").arg(++replies);
        const QJsonObject metadata { { QStringLiteral("replyTo"), replyTo } };
        QString content;
        for (int i = 0; i < deltas; ++i) {
            const QString delta = QStringLiteral("token-%1 ").arg(i, 2, 10, QLatin1Char('0'));
            content += delta;
            socket.sendTextMessage(frame(QJsonObject {
                { QStringLiteral("type"), QStringLiteral("agent.messageDelta") },
                { QStringLiteral("messageId"), messageId },
                { QStringLiteral("conversationId"), conversationId },
                { QStringLiteral("delta"), delta },
                { QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch() },
                { QStringLiteral("metadata"), metadata },
            }));
        }
        socket.sendTextMessage(frame(QJsonObject {
            { QStringLiteral("type"), QStringLiteral("agent.message") },
            { QStringLiteral("messageId"), messageId },
            { QStringLiteral("conversationId"), conversationId },
            { QStringLiteral("content"), content },
            { QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch() },
            { QStringLiteral("metadata"),
              QJsonObject { { QStringLiteral("replyTo"), replyTo },
                            { QStringLiteral("usage"),
                              QJsonObject { { QStringLiteral("promptTokens"), 0 },
                                            { QStringLiteral("completionTokens"), deltas } } },
                            { QStringLiteral("provider"), QStringLiteral("bench") },
                            { QStringLiteral("model"), QStringLiteral("scripted") },
                            { QStringLiteral("latencyMs"), 0 } } },
        }));
    });
    QTimer heartbeat;
    const int heartbeatMs = config.value(QStringLiteral("heartbeatIntervalMs")).toInt(10000);
    QObject::connect(&heartbeat, &QTimer::timeout, &socket, [&] {
        socket.sendTextMessage(
            frame(QJsonObject { { QStringLiteral("type"), QStringLiteral("agent.heartbeat") },
                                { QStringLiteral("agentId"), agentId },
                                { QStringLiteral("timestamp"), QDateTime::currentMSecsSinceEpoch() } }));
    });
    heartbeat.start(std::max(1000, heartbeatMs));

    QNetworkRequest request { QUrl(gatewayUrl) };
    request.setRawHeader("Authorization", "Bearer " + token);
    socket.open(request);
    return app.exec();
}
