#pragma once

#include "core/net/HttpTypes.h"
#include "core/net/Transfer.h"

#include <QObject>
#include <memory>

namespace aiops::net {

// HTTP client on libcurl's multi interface in socket mode: QSocketNotifiers and one QTimer on the thread
// that owns the client drive every transfer, so nothing blocks and no thread is started per request.
// Use it from its own thread only.
//
// At most maxConcurrentTransfers() transfers run at once; the rest wait in a FIFO queue.
class CurlClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlClient)

public:
    explicit CurlClient(QObject* parent = nullptr);
    ~CurlClient() override;

    void setMaxConcurrentTransfers(int count);
    int maxConcurrentTransfers() const;
    void setUserAgent(const QByteArray& userAgent);

    // Queues the request and returns its transfer, which starts on the next event-loop pass (connect to
    // its signals now). Never returns null: a request that cannot start finishes with an error.
    Transfer* start(Request request);
    Transfer* get(const QUrl& url);

    int runningCount() const;
    int queuedCount() const;

private:
    friend class Transfer;
    friend struct CurlCallbacks;
    struct Private;

    void scheduleCancel(Transfer* transfer);
    void scheduleDispatch();
    void dispatch();
    bool startTransfer(Transfer* transfer);
    void abortTransfer(Transfer* transfer, const Error& error);
    void checkStall(Transfer* transfer);
    void processCompleted();
    void finishTransfer(Transfer* transfer, Result<Response> result);
    void releaseEasy(Transfer* transfer);
    void onSocketActivated(qintptr socket, int eventMask);
    void onTimeout();

    std::unique_ptr<Private> d;
};

} // namespace aiops::net
