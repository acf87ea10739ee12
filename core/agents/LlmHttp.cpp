#include "core/agents/LlmHttp.h"

#include "core/net/CurlClient.h"
#include "core/net/Transfer.h"

#include <QIODevice>
#include <QJsonDocument>
#include <QPointer>

namespace aiops::agents::llmhttp {

namespace {

// Where a streamed body goes: the bytes are read from Transfer::dataReceived instead.
class DiscardDevice final : public QIODevice
{
public:
    using QIODevice::QIODevice;

protected:
    qint64 readData(char* /*data*/, qint64 /*maxSize*/) override { return -1; }
    qint64 writeData(const char* /*data*/, qint64 size) override { return size; }
};

struct ExchangeState
{
    int status = 0;
    std::optional<Error> abortError;
};

} // namespace

Error httpError(const QString& provider, int status, const net::HttpHeaders& headers, const QByteArray& body)
{
    Error error = net::errorForStatus(status).value_or(
        Error { ErrorCode::BadRequest, QStringLiteral("HTTP %1").arg(status), {} });
    QString serverMessage;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QJsonValue errorValue = json.value(QLatin1String("error"));
    if (errorValue.isObject()) {
        serverMessage = errorValue.toObject().value(QLatin1String("message")).toString();
    } else if (errorValue.isString()) {
        serverMessage = errorValue.toString();
    }
    if (serverMessage.isEmpty()) {
        serverMessage = QString::fromUtf8(body.left(200).trimmed());
    }
    error.message = QStringLiteral("%1: HTTP %2").arg(provider).arg(status);
    if (!serverMessage.isEmpty()) {
        error.message += QStringLiteral(": ") + serverMessage;
    }
    bool ok = false;
    const int retryAfter = headers.value("Retry-After").trimmed().toInt(&ok);
    if (ok && retryAfter >= 0) {
        error.retryAfterSeconds = retryAfter;
    }
    return error;
}

Result<QJsonObject> parseObject(const QByteArray& json, const QString& provider, const QString& what)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return makeError(ErrorCode::InvalidJson,
                         QStringLiteral("%1: %2 is not a JSON object (%3)")
                             .arg(provider,
                                  what,
                                  parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                               : QStringLiteral("not an object")));
    }
    return document.object();
}

BodyReader bufferedReader(const QString& provider,
                          std::function<Result<ChatResult>(const QByteArray& body, const QString& provider)> parse)
{
    auto body = std::make_shared<QByteArray>();
    BodyReader reader;
    reader.onChunk = [body, provider](const QByteArray& chunk) -> std::optional<Error> {
        if (body->size() + chunk.size() > kMaxBodyBytes)
            return Error { ErrorCode::PayloadTooLarge,
                           QStringLiteral("%1: the answer is too large").arg(provider),
                           {} };
        body->append(chunk);
        return std::nullopt;
    };
    reader.onEnd = [body, provider, parse = std::move(parse)] {
        return parse(*body, provider);
    };
    return reader;
}

ChatCall run(QObject* context,
             net::CurlClient* http,
             net::Request request,
             const QString& provider,
             BodyReader reader,
             LlmProvider::Done<ChatResult> done)
{
    auto* sink = new DiscardDevice(context);
    sink->open(QIODevice::WriteOnly);
    request.output = sink;
    net::Transfer* transfer = http->start(std::move(request));
    sink->setParent(transfer);
    auto state = std::make_shared<ExchangeState>();
    QPointer<net::Transfer> guard(transfer);

    QObject::connect(transfer, &net::Transfer::headersReceived, context, [state](int status, const net::HttpHeaders&) {
        state->status = status;
    });
    QObject::connect(transfer, &net::Transfer::dataReceived, context, [state, reader, guard](const QByteArray& chunk) {
        if (state->abortError || state->status >= 300) {
            return;
        }
        if (auto error = reader.onChunk(chunk)) {
            state->abortError = std::move(error);
            if (guard) {
                guard->cancel();
            }
        }
    });
    QObject::connect(transfer,
                     &net::Transfer::finished,
                     context,
                     [state, reader, done, provider](const Result<net::Response>& result) {
                         if (state->abortError) {
                             done(std::unexpected(*state->abortError));
                         } else if (!result) {
                             Error error = result.error();
                             if (!net::isCancellation(error)) {
                                 error.message = provider + QStringLiteral(": ") + error.message;
                             }
                             done(std::unexpected(error));
                         } else if (result->status < 200 || result->status >= 300) {
                             done(std::unexpected(httpError(provider, result->status, result->headers, result->body)));
                         } else {
                             done(reader.onEnd());
                         }
                     });
    return ChatCall([guard] {
        if (guard) {
            guard->cancel();
        }
    });
}

void getJson(QObject* context,
             net::CurlClient* http,
             net::Request request,
             const QString& provider,
             std::function<void(Result<QJsonObject>)> done)
{
    request.maxBufferedBytes = kMaxBodyBytes;
    net::Transfer* transfer = http->start(std::move(request));
    QObject::connect(
        transfer, &net::Transfer::finished, context, [done, provider](const Result<net::Response>& result) {
            if (!result) {
                done(std::unexpected(result.error()));
            } else if (result->status < 200 || result->status >= 300) {
                done(std::unexpected(httpError(provider, result->status, result->headers, result->body)));
            } else {
                done(parseObject(result->body, provider, QStringLiteral("the response")));
            }
        });
}

} // namespace aiops::agents::llmhttp
