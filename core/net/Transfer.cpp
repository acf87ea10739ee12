#include "core/net/Transfer.h"

#include "core/net/CurlClient.h"

#include <QIODevice>
#include <QMetaMethod>

namespace aiops::net {

Transfer::Transfer(CurlClient* client, Request request)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
{
}

Transfer::~Transfer() = default;

void Transfer::cancel()
{
    if (m_state == State::Finished || m_cancelRequested) {
        return;
    }
    m_cancelRequested = true;
    m_client->scheduleCancel(this);
}

bool Transfer::streamsToOutput() const
{
    // Error bodies are always buffered, so a 404 page never lands in the caller's file.
    return m_request.output != nullptr && m_response.status < 400;
}

bool Transfer::onHeaderLine(QByteArrayView line)
{
    if (m_cancelRequested) {
        return false;
    }
    m_lastActivity.restart();
    if (line.startsWith("HTTP/")) {
        // A new response starts: a redirect hop or an interim 1xx came before it.
        m_response.headers.clear();
        const QList<QByteArray> parts = line.toByteArray().simplified().split(' ');
        m_response.status = parts.size() >= 2 ? parts.at(1).toInt() : 0;
        return true;
    }
    if (line.trimmed().isEmpty()) {
        const int statusCode = m_response.status;
        const bool interim = statusCode >= 100 && statusCode < 200;
        const bool followed = m_request.followRedirects && statusCode >= 300 && statusCode < 400
            && m_response.headers.contains("Location");
        if (!interim && !followed && !m_headersDone) {
            m_headersDone = true;
            emit headersReceived(statusCode, m_response.headers);
        }
        return !m_cancelRequested;
    }
    m_response.headers.addRawLine(line);
    return true;
}

bool Transfer::onBody(const char* data, qsizetype size)
{
    if (m_cancelRequested) {
        return false;
    }
    m_lastActivity.restart();
    if (streamsToOutput()) {
        if (m_request.output->write(data, size) != size) {
            m_abortError
                = Error { ErrorCode::Internal,
                          QStringLiteral("writing the response body failed: ") + m_request.output->errorString(),
                          {} };
            return false;
        }
        m_response.bytes += size;
        if (isSignalConnected(QMetaMethod::fromSignal(&Transfer::dataReceived))) {
            emit dataReceived(QByteArray(data, size));
        }
        return !m_cancelRequested;
    }
    if (m_response.body.size() + size > m_request.maxBufferedBytes) {
        m_abortError = Error { ErrorCode::PayloadTooLarge,
                               QStringLiteral("response body exceeds %1 bytes").arg(m_request.maxBufferedBytes),
                               {} };
        return false;
    }
    m_response.body.append(data, size);
    m_response.bytes += size;
    return true;
}

bool Transfer::onProgress(qint64 received, qint64 total)
{
    if (m_cancelRequested) {
        return false;
    }
    if (m_headersDone && received != m_lastReported) {
        m_lastReported = received;
        emit progress(received, total > 0 ? total : -1);
    }
    return !m_cancelRequested;
}

} // namespace aiops::net
