#pragma once

// Shared by the agent loop and agent runtime tests: the real MCP reference server (server-everything from
// tests/peers) on a free port, and OpenAiToolLlmDouble, a scripted OpenAI-compatible chat server that streams
// tool calls and answers the way vLLM / OpenAI do.
#include "HttpServerDouble.h"
#include "LlmTestSupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace aiops::testing {

inline quint16 freeTcpPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// @modelcontextprotocol/server-everything in its Streamable HTTP mode (endpoint /mcp), on a free port.
class EverythingServer
{
public:
    // port 0: a free one.
    QString start(const QString& sourceDir, quint16 fixedPort = 0)
    {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node.isEmpty()) {
            return QStringLiteral("node is not on PATH: install nodejs 20");
        }
        const QString entry = sourceDir
            + QStringLiteral("/tests/peers/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
        if (!QFileInfo::exists(entry)) {
            return QStringLiteral("%1 is missing: run scripts/install-peers").arg(entry);
        }
        port = fixedPort != 0 ? fixedPort : freeTcpPort();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PORT"), QString::number(port));
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(node, { entry, QStringLiteral("streamableHttp") });
        if (!process.waitForStarted(10'000)) {
            return QStringLiteral("node did not start: ") + process.errorString();
        }
        QElapsedTimer elapsed;
        elapsed.start();
        while (elapsed.elapsed() < 20'000) {
            if (process.state() != QProcess::Running) {
                return QStringLiteral("server-everything exited: ") + QString::fromUtf8(process.readAll());
            }
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            if (probe.waitForConnected(200)) {
                return {};
            }
            QTest::qWait(100);
        }
        return QStringLiteral("server-everything did not listen on port %1").arg(port);
    }

    ~EverythingServer()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5'000);
        }
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port)); }

    QProcess process;
    quint16 port = 0;
};

// A scripted OpenAI-compatible chat-completions server (POST /v1/chat/completions, streamed as SSE
// chat.completion.chunk frames). When the last message of a request is not a tool result it asks for the scripted
// tool calls, their arguments split across several chunks; once it gets the tool results it answers in several text
// deltas that quote them ("Done. " + each tool result on its own line). Each answer reports usage: prompt tokens
// 10 * (number of the request), completion tokens 3.
class OpenAiToolLlmDouble
{
public:
    struct Call
    {
        QString name;
        QString argumentsJson;
    };

    enum class Mode {
        ToolsThenAnswer, // tool calls first, the answer after the results
        AlwaysTools, // asks for the tool calls on every request (a model that never stops)
        Silent, // accepts the request and never answers
    };

    explicit OpenAiToolLlmDouble(QList<Call> calls = {})
        : m_calls(std::move(calls))
        , m_server([this](const SeenRequest& request) { return answer(request); })
    {
    }

    void setMode(Mode mode) { m_mode = mode; }
    void setCalls(QList<Call> calls) { m_calls = std::move(calls); }
    bool isListening() const { return m_server.isListening(); }
    QUrl baseUrl() const { return m_server.url(QStringLiteral("/v1")); }
    const QList<SeenRequest>& seen() const { return m_server.seen(); }
    int requests() const { return m_requests; }

    // The messages of the n-th chat request (0-based).
    QJsonArray messages(int n) const
    {
        int index = 0;
        for (const SeenRequest& request : m_server.seen()) {
            if (request.path.endsWith("/chat/completions")) {
                if (index++ == n) {
                    return request.json().value(QStringLiteral("messages")).toArray();
                }
            }
        }
        return {};
    }

    static QStringList answerPieces(const QStringList& toolResults)
    {
        QStringList pieces { QStringLiteral("Done"), QStringLiteral(". ") };
        for (const QString& result : toolResults) {
            pieces.append(QStringLiteral("\n"));
            pieces.append(result);
        }
        return pieces;
    }

private:
    ScriptedReply answer(const SeenRequest& request)
    {
        if (!request.path.endsWith("/chat/completions")) {
            return { 404, "application/json", {}, "{}", false, false };
        }
        ++m_requests;
        if (m_mode == Mode::Silent) {
            return { 200, "text/event-stream", {}, {}, true, false };
        }
        const QJsonArray messages = request.json().value(QStringLiteral("messages")).toArray();
        QStringList toolResults;
        for (qsizetype i = messages.size() - 1; i >= 0; --i) {
            const QJsonObject message = messages.at(i).toObject();
            if (message.value(QStringLiteral("role")).toString() != QLatin1String("tool")) {
                break;
            }
            toolResults.prepend(message.value(QStringLiteral("content")).toString());
        }
        QByteArray body;
        if (m_mode == Mode::AlwaysTools || toolResults.isEmpty()) {
            body = toolCallStream();
        } else {
            for (const QString& piece : answerPieces(toolResults)) {
                body += sseData(textChunk(piece));
            }
            body += sseData(finishChunk(QStringLiteral("stop")));
        }
        body += sseData(usageChunk(10 * m_requests, 3));
        body += "data: [DONE]\n\n";
        return { 200, "text/event-stream", {}, body, false, false };
    }

    QByteArray toolCallStream() const
    {
        QByteArray body;
        for (qsizetype index = 0; index < m_calls.size(); ++index) {
            const Call& call = m_calls.at(index);
            const QString id = QStringLiteral("call_%1_%2").arg(m_requests).arg(index);
            body += sseData(toolChunk(int(index), id, call.name, {}));
            // The arguments in pieces of at most 5 characters, as real servers stream them.
            for (qsizetype offset = 0; offset < call.argumentsJson.size(); offset += 5) {
                body += sseData(toolChunk(int(index), {}, {}, call.argumentsJson.mid(offset, 5)));
            }
        }
        body += sseData(finishChunk(QStringLiteral("tool_calls")));
        return body;
    }

    static QJsonObject toolChunk(int index, const QString& id, const QString& name, const QString& arguments)
    {
        QJsonObject function { { QStringLiteral("arguments"), arguments } };
        QJsonObject fragment { { QStringLiteral("index"), index } };
        if (!id.isEmpty()) {
            fragment.insert(QStringLiteral("id"), id);
            fragment.insert(QStringLiteral("type"), QStringLiteral("function"));
            function.insert(QStringLiteral("name"), name);
        }
        fragment.insert(QStringLiteral("function"), function);
        return QJsonObject {
            { QStringLiteral("object"), QStringLiteral("chat.completion.chunk") },
            { QStringLiteral("model"), QStringLiteral("double-model") },
            { QStringLiteral("choices"),
              QJsonArray { QJsonObject { { QStringLiteral("index"), 0 },
                                         { QStringLiteral("delta"),
                                           QJsonObject { { QStringLiteral("tool_calls"), QJsonArray { fragment } } } },
                                         { QStringLiteral("finish_reason"), QJsonValue() } } } },
        };
    }

    QList<Call> m_calls;
    Mode m_mode = Mode::ToolsThenAnswer;
    int m_requests = 0;
    HttpServerDouble m_server;
};

} // namespace aiops::testing
