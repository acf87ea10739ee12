#include "core/net/CurlClient.h"

#include <QPointer>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>
#include <curl/curl.h>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace aiops::net {

namespace {

constexpr long kReceiveBufferBytes = 256 * 1024;
// For a download into an output device: half the event-loop wakeups, callbacks and write() calls.
constexpr long kStreamingBufferBytes = 512 * 1024;

struct SocketWatch
{
    QSocketNotifier* read = nullptr;
    QSocketNotifier* write = nullptr;
};

void retire(QSocketNotifier*& notifier)
{
    // The notifier may be the one whose activation led here: disable now, delete after the signal.
    if (notifier) {
        notifier->setEnabled(false);
        notifier->deleteLater();
        notifier = nullptr;
    }
}

bool isTlsError(CURLcode code)
{
    switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT: return true;
    default: return false;
    }
}

QString target(const Request& request)
{
    if (!request.unixSocketPath.isEmpty()) {
        return QStringLiteral("unix socket ") + request.unixSocketPath;
    }
    const QUrl& url = request.url;
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.host() + u':' + QString::number(port);
}

Error transportError(CURLcode code, const Request& request, const char* detailBuffer)
{
    const QString detail = QString::fromUtf8(detailBuffer).trimmed();
    const QString reason = detail.isEmpty() ? QString::fromUtf8(curl_easy_strerror(code)) : detail;
    const auto make = [](ErrorCode c, QString message) {
        return Error { c, std::move(message), {} };
    };
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return make(ErrorCode::Unavailable,
                    QStringLiteral("timed out talking to %1 (%2)").arg(target(request), reason));
    case CURLE_COULDNT_RESOLVE_HOST:
        return make(ErrorCode::Unavailable,
                    QStringLiteral("could not resolve host '%1' (%2)").arg(request.url.host(), reason));
    case CURLE_COULDNT_RESOLVE_PROXY:
        return make(ErrorCode::Unavailable, QStringLiteral("could not resolve the proxy (%1)").arg(reason));
    case CURLE_COULDNT_CONNECT:
        return make(ErrorCode::Unavailable,
                    QStringLiteral("could not connect to %1: connection refused or unreachable (%2)")
                        .arg(target(request), reason));
    case CURLE_TOO_MANY_REDIRECTS:
        return make(ErrorCode::Unavailable,
                    QStringLiteral("more than %1 redirects from %2").arg(request.maxRedirects).arg(target(request)));
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return make(ErrorCode::BadRequest,
                    QStringLiteral("invalid URL '%1' (%2)").arg(request.url.toDisplayString(), reason));
    case CURLE_RANGE_ERROR:
        return make(ErrorCode::OutOfRange, QStringLiteral("the server rejected the byte range (%1)").arg(reason));
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        return make(ErrorCode::Unavailable,
                    QStringLiteral("connection to %1 failed mid-transfer (%2)").arg(target(request), reason));
    default: break;
    }
    if (isTlsError(code)) {
        return make(ErrorCode::Unavailable, QStringLiteral("TLS error with %1 (%2)").arg(target(request), reason));
    }
    return make(ErrorCode::Unavailable, QStringLiteral("request to %1 failed (%2)").arg(target(request), reason));
}

} // namespace

bool isCancellation(const Error& error)
{
    return error.code == ErrorCode::Unavailable && error.message == cancelledMessage();
}

QString cancelledMessage()
{
    return QStringLiteral("cancelled");
}

struct CurlClient::Private
{
    CURLM* multi = nullptr;
    QTimer timer;
    std::unordered_map<curl_socket_t, SocketWatch> sockets;
    std::deque<QPointer<Transfer>> queue;
    int running = 0;
    int maxConcurrent = 8;
    bool dispatchPending = false;
    QByteArray userAgent = QByteArrayLiteral("aiops/" AIOPS_VERSION);
};

// libcurl's C callbacks, with access to the client's and transfers' internals.
struct CurlCallbacks
{
    static int socket(CURL* /*easy*/, curl_socket_t fd, int what, void* clientp, void* /*socketp*/)
    {
        auto* client = static_cast<CurlClient*>(clientp);
        auto& sockets = client->d->sockets;
        if (what == CURL_POLL_REMOVE) {
            if (auto it = sockets.find(fd); it != sockets.end()) {
                retire(it->second.read);
                retire(it->second.write);
                sockets.erase(it);
            }
            return 0;
        }
        SocketWatch& watch = sockets[fd];
        const bool wantRead = what == CURL_POLL_IN || what == CURL_POLL_INOUT;
        const bool wantWrite = what == CURL_POLL_OUT || what == CURL_POLL_INOUT;
        const auto update = [&](QSocketNotifier*& notifier, bool wanted, QSocketNotifier::Type type, int mask) {
            if (wanted && !notifier) {
                notifier = new QSocketNotifier(fd, type, client);
                QObject::connect(notifier, &QSocketNotifier::activated, client, [client, fd, mask] {
                    client->onSocketActivated(fd, mask);
                });
            }
            if (notifier) {
                notifier->setEnabled(wanted);
            }
        };
        update(watch.read, wantRead, QSocketNotifier::Read, CURL_CSELECT_IN);
        update(watch.write, wantWrite, QSocketNotifier::Write, CURL_CSELECT_OUT);
        return 0;
    }

    static int timer(CURLM* /*multi*/, long timeoutMs, void* clientp)
    {
        auto* client = static_cast<CurlClient*>(clientp);
        if (timeoutMs < 0) {
            client->d->timer.stop();
        } else {
            client->d->timer.start(static_cast<int>(std::min<long>(timeoutMs, 24L * 3600 * 1000)));
        }
        return 0;
    }

    static size_t header(char* data, size_t size, size_t count, void* userp)
    {
        auto* transfer = static_cast<Transfer*>(userp);
        const size_t bytes = size * count;
        return transfer->onHeaderLine(QByteArrayView(data, static_cast<qsizetype>(bytes))) ? bytes : 0;
    }

    static size_t write(char* data, size_t size, size_t count, void* userp)
    {
        auto* transfer = static_cast<Transfer*>(userp);
        const size_t bytes = size * count;
        return transfer->onBody(data, static_cast<qsizetype>(bytes)) ? bytes : 0;
    }

    static int progress(void* userp, curl_off_t dlTotal, curl_off_t dlNow, curl_off_t /*ulTotal*/, curl_off_t /*ulNow*/)
    {
        auto* transfer = static_cast<Transfer*>(userp);
        return transfer->onProgress(dlNow, dlTotal) ? 0 : 1;
    }
};

CurlClient::CurlClient(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    static std::once_flag globalInit;
    std::call_once(globalInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

    d->timer.setSingleShot(true);
    connect(&d->timer, &QTimer::timeout, this, &CurlClient::onTimeout);

    d->multi = curl_multi_init();
    curl_multi_setopt(d->multi, CURLMOPT_SOCKETFUNCTION, &CurlCallbacks::socket);
    curl_multi_setopt(d->multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(d->multi, CURLMOPT_TIMERFUNCTION, &CurlCallbacks::timer);
    curl_multi_setopt(d->multi, CURLMOPT_TIMERDATA, this);
    setMaxConcurrentTransfers(d->maxConcurrent);
}

CurlClient::~CurlClient()
{
    // Transfers are children and go with the client; tear down their handles without emitting.
    for (Transfer* transfer : findChildren<Transfer*>(Qt::FindDirectChildrenOnly)) {
        if (transfer->m_state == Transfer::State::Running) {
            curl_multi_remove_handle(d->multi, transfer->m_easy);
        }
        releaseEasy(transfer);
    }
    for (auto& [fd, watch] : d->sockets) {
        delete watch.read;
        delete watch.write;
    }
    d->sockets.clear();
    curl_multi_cleanup(d->multi);
}

void CurlClient::setMaxConcurrentTransfers(int count)
{
    d->maxConcurrent = std::max(1, count);
    curl_multi_setopt(d->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(d->maxConcurrent));
    scheduleDispatch();
}

int CurlClient::maxConcurrentTransfers() const
{
    return d->maxConcurrent;
}

void CurlClient::setUserAgent(const QByteArray& userAgent)
{
    d->userAgent = userAgent;
}

int CurlClient::runningCount() const
{
    return d->running;
}

int CurlClient::queuedCount() const
{
    return static_cast<int>(d->queue.size());
}

Transfer* CurlClient::get(const QUrl& url)
{
    Request request;
    request.url = url;
    return start(std::move(request));
}

Transfer* CurlClient::start(Request request)
{
    Q_ASSERT(thread() == QThread::currentThread());
    auto* transfer = new Transfer(this, std::move(request));
    d->queue.emplace_back(transfer);
    scheduleDispatch();
    return transfer;
}

void CurlClient::scheduleDispatch()
{
    // Deferred so that start() and cancel() are safe from inside libcurl callbacks (signal handlers).
    if (d->dispatchPending) {
        return;
    }
    d->dispatchPending = true;
    QMetaObject::invokeMethod(this, &CurlClient::dispatch, Qt::QueuedConnection);
}

void CurlClient::scheduleCancel(Transfer* transfer)
{
    QMetaObject::invokeMethod(
        this,
        [this, guard = QPointer<Transfer>(transfer)] {
            if (guard) {
                abortTransfer(guard, Error { ErrorCode::Unavailable, cancelledMessage(), {} });
            }
        },
        Qt::QueuedConnection);
}

void CurlClient::dispatch()
{
    d->dispatchPending = false;
    while (d->running < d->maxConcurrent && !d->queue.empty()) {
        QPointer<Transfer> transfer = d->queue.front();
        d->queue.pop_front();
        if (transfer && transfer->m_state == Transfer::State::Queued) {
            startTransfer(transfer);
        }
    }
}

bool CurlClient::startTransfer(Transfer* transfer)
{
    const Request& request = transfer->m_request;
    if (!request.url.isValid() || request.url.scheme().isEmpty()) {
        finishTransfer(
            transfer,
            makeError(ErrorCode::BadRequest, QStringLiteral("invalid URL '%1'").arg(request.url.toDisplayString())));
        return false;
    }

    CURL* easy = curl_easy_init();
    transfer->m_easy = easy;
    curl_easy_setopt(easy, CURLOPT_PRIVATE, transfer);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->m_errorBuffer.data());
    curl_easy_setopt(easy, CURLOPT_URL, request.url.toEncoded().constData());
    curl_easy_setopt(easy, CURLOPT_USERAGENT, d->userAgent.constData());
    curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, request.output ? kStreamingBufferBytes : kReceiveBufferBytes);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L); // a proxy's CONNECT reply is not the response
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &CurlCallbacks::header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, transfer);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &CurlCallbacks::write);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, &CurlCallbacks::progress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, transfer);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max(0, request.timeoutMs)));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::max(0, request.connectTimeoutMs)));
    if (request.followRedirects) {
        curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(easy, CURLOPT_MAXREDIRS, static_cast<long>(std::clamp(request.maxRedirects, 0, 5)));
    }
    if (request.rangeStart) {
        const QByteArray range = QByteArray::number(*request.rangeStart) + '-';
        curl_easy_setopt(easy, CURLOPT_RANGE, range.constData());
    }
    if (!request.unixSocketPath.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_UNIX_SOCKET_PATH, request.unixSocketPath.toUtf8().constData());
    }
    if (!request.pinnedPublicKey.isEmpty()) {
        // The pin replaces the CA and host name checks; libcurl still aborts before any byte is
        // exchanged when the server's key differs.
        curl_easy_setopt(easy, CURLOPT_PINNEDPUBLICKEY, request.pinnedPublicKey.constData());
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 0L);
    }

    const QByteArray method = request.method.toUpper();
    if (method == "HEAD") {
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else if (!request.body.isEmpty() || method == "POST") {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.constData());
        if (method != "POST") {
            curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.constData());
        }
    } else if (method != "GET") {
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.constData());
    }

    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers.fields()) {
        // "Name;" sends a header with an empty value; "Name:" would remove it.
        const QByteArray line = value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value);
        headers = curl_slist_append(headers, line.constData());
    }
    if (!request.body.isEmpty() && !request.headers.contains("Expect")) {
        headers = curl_slist_append(headers, "Expect:"); // no 100-continue round trip
    }
    transfer->m_headerList = headers;
    if (headers) {
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    }

    if (const CURLMcode rc = curl_multi_add_handle(d->multi, easy); rc != CURLM_OK) {
        releaseEasy(transfer);
        finishTransfer(
            transfer,
            makeError(
                ErrorCode::Internal,
                QStringLiteral("could not start the transfer (%1)").arg(QString::fromUtf8(curl_multi_strerror(rc)))));
        return false;
    }
    transfer->m_state = Transfer::State::Running;
    ++d->running;
    if (request.stallTimeoutSeconds > 0) {
        // libcurl's low-speed check averages over several seconds; this fires on the configured silence.
        transfer->m_lastActivity.start();
        transfer->m_stallTimer = new QTimer(transfer);
        transfer->m_stallTimer->setSingleShot(true);
        connect(transfer->m_stallTimer, &QTimer::timeout, this, [this, transfer] { checkStall(transfer); });
        transfer->m_stallTimer->start(request.stallTimeoutSeconds * 1000);
    }
    return true;
}

void CurlClient::checkStall(Transfer* transfer)
{
    if (transfer->m_state != Transfer::State::Running) {
        return;
    }
    const qint64 limit = qint64(transfer->m_request.stallTimeoutSeconds) * 1000;
    const qint64 silent = transfer->m_lastActivity.elapsed();
    if (silent < limit) {
        transfer->m_stallTimer->start(static_cast<int>(limit - silent));
        return;
    }
    abortTransfer(
        transfer,
        Error {
            ErrorCode::Unavailable,
            QStringLiteral("timed out talking to %1 (no data for %2 ms)").arg(target(transfer->m_request)).arg(limit),
            {} });
}

void CurlClient::abortTransfer(Transfer* transfer, const Error& error)
{
    switch (transfer->m_state) {
    case Transfer::State::Finished: return;
    case Transfer::State::Queued: std::erase(d->queue, QPointer<Transfer>(transfer)); break;
    case Transfer::State::Running:
        curl_multi_remove_handle(d->multi, transfer->m_easy);
        releaseEasy(transfer);
        --d->running;
        break;
    }
    finishTransfer(transfer, std::unexpected(error));
    scheduleDispatch();
}

void CurlClient::onSocketActivated(qintptr socket, int eventMask)
{
    int stillRunning = 0;
    curl_multi_socket_action(d->multi, static_cast<curl_socket_t>(socket), eventMask, &stillRunning);
    processCompleted();
}

void CurlClient::onTimeout()
{
    int stillRunning = 0;
    curl_multi_socket_action(d->multi, CURL_SOCKET_TIMEOUT, 0, &stillRunning);
    processCompleted();
}

void CurlClient::processCompleted()
{
    int pending = 0;
    bool completed = false;
    while (CURLMsg* message = curl_multi_info_read(d->multi, &pending)) {
        if (message->msg != CURLMSG_DONE) {
            continue;
        }
        CURL* easy = message->easy_handle;
        const CURLcode code = message->data.result;
        Transfer* transfer = nullptr;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, &transfer);
        curl_multi_remove_handle(d->multi, easy);
        --d->running;

        Result<Response> result;
        if (transfer->m_cancelRequested) {
            result = makeError(ErrorCode::Unavailable, cancelledMessage());
        } else if (code != CURLE_OK && transfer->m_abortError) {
            result = std::unexpected(*transfer->m_abortError);
        } else if (code != CURLE_OK) {
            result = std::unexpected(transportError(code, transfer->m_request, transfer->m_errorBuffer.data()));
        } else {
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            const char* effectiveUrl = nullptr;
            curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effectiveUrl);
            Response response = std::move(transfer->m_response);
            response.status = static_cast<int>(status);
            response.effectiveUrl = QUrl::fromEncoded(QByteArray(effectiveUrl ? effectiveUrl : ""));
            result = std::move(response);
        }
        releaseEasy(transfer);
        completed = true;
        finishTransfer(transfer, std::move(result));
    }
    if (completed) {
        scheduleDispatch();
    }
}

void CurlClient::finishTransfer(Transfer* transfer, Result<Response> result)
{
    transfer->m_state = Transfer::State::Finished;
    if (transfer->m_stallTimer) {
        transfer->m_stallTimer->stop();
    }
    emit transfer->finished(result);
    transfer->deleteLater();
}

void CurlClient::releaseEasy(Transfer* transfer)
{
    if (transfer->m_easy) {
        curl_easy_cleanup(transfer->m_easy);
        transfer->m_easy = nullptr;
    }
    if (transfer->m_headerList) {
        curl_slist_free_all(static_cast<curl_slist*>(transfer->m_headerList));
        transfer->m_headerList = nullptr;
    }
}

} // namespace aiops::net
