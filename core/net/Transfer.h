#pragma once

#include "core/net/HttpTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <array>

class QTimer;

namespace aiops::net {

class CurlClient;

// One HTTP exchange started by CurlClient::start(). Owned by the client; it deletes itself (deleteLater)
// after emitting finished(), so hold it in a QPointer when keeping it beyond that.
//
// Signal order: headersReceived (once, for the final response; not for followed redirects or 1xx),
// then progress/dataReceived any number of times, then finished exactly once. Signals are emitted from
// inside libcurl callbacks: a slot may call cancel() or CurlClient::start(), both of which take effect
// on the next event-loop pass.
class Transfer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transfer)

public:
    enum class State { Queued, Running, Finished };

    ~Transfer() override;

    const Request& request() const { return m_request; }
    State state() const { return m_state; }
    bool isCancelled() const { return m_cancelRequested; }

    // Aborts the transfer; finished() then carries a cancellation error (see isCancellation()).
    // Does nothing once finished.
    void cancel();

signals:
    void headersReceived(int status, const aiops::net::HttpHeaders& headers);
    void progress(qint64 received, qint64 total); // bytes of this transfer; total is -1 when unknown
    // Only when the request streams into an output device: the chunk just written to it.
    void dataReceived(const QByteArray& chunk);
    void finished(const aiops::Result<aiops::net::Response>& result);

private:
    friend class CurlClient;
    friend struct CurlCallbacks;

    Transfer(CurlClient* client, Request request);

    // Called by libcurl's callbacks; they return false to abort the transfer.
    bool onHeaderLine(QByteArrayView line);
    bool onBody(const char* data, qsizetype size);
    bool onProgress(qint64 received, qint64 total);
    bool streamsToOutput() const;

    CurlClient* m_client;
    Request m_request;
    State m_state = State::Queued;
    Response m_response;
    bool m_cancelRequested = false;
    bool m_headersDone = false;
    std::optional<Error> m_abortError; // why a callback aborted, when it was not a cancel
    qint64 m_lastReported = -1;
    QElapsedTimer m_lastActivity; // since the last byte received, for Request::stallTimeoutSeconds
    QTimer* m_stallTimer = nullptr;
    void* m_easy = nullptr; // CURL*
    void* m_headerList = nullptr; // curl_slist*
    std::array<char, 256> m_errorBuffer {}; // CURL_ERROR_SIZE
};

} // namespace aiops::net
