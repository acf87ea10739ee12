#include "core/daemon/ContainerRuntime.h"

#include "core/net/CurlClient.h"
#include "core/net/HttpTypes.h"
#include "core/net/Transfer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QtEndian>
#include <algorithm>
#include <sys/stat.h>

namespace aiops::daemon {

namespace {

constexpr int kCallTimeoutMs = 60'000;
constexpr int kCreateTimeoutMs = 120'000;
constexpr int kPullStallSeconds = 300;
constexpr qsizetype kMaxLineBytes = 4 * 1024 * 1024; // a JSON line longer than this is not the engine talking

// Streamed bodies go through Transfer::dataReceived; the device only has to accept the bytes.
class DiscardDevice final : public QIODevice
{
public:
    explicit DiscardDevice(QObject* parent = nullptr)
        : QIODevice(parent)
    {
        open(QIODevice::WriteOnly);
    }

protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char*, qint64 size) override { return size; }
};

// Splits a byte stream into lines; a trailing partial line waits for the next chunk.
class LineSplitter
{
public:
    // False when a line grew past kMaxLineBytes.
    bool feed(const QByteArray& chunk, const std::function<void(const QByteArray&)>& onLine)
    {
        m_buffer += chunk;
        qsizetype start = 0;
        for (qsizetype newline = m_buffer.indexOf('\n'); newline >= 0; newline = m_buffer.indexOf('\n', start)) {
            onLine(m_buffer.sliced(start, newline - start));
            start = newline + 1;
        }
        m_buffer.remove(0, start);
        return m_buffer.size() <= kMaxLineBytes;
    }
    QByteArray rest() const { return m_buffer; }

private:
    QByteArray m_buffer;
};

QMap<QString, QString> toStringMap(const QJsonValue& value)
{
    QMap<QString, QString> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        map.insert(it.key(), it.value().toString());
    }
    return map;
}

QJsonArray toJsonArray(const QStringList& list)
{
    QJsonArray array;
    for (const QString& item : list) {
        array.append(item);
    }
    return array;
}

QJsonObject toJsonObject(const QMap<QString, QString>& map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it) {
        object.insert(it.key(), it.value());
    }
    return object;
}

std::optional<QJsonObject> parseObject(const QByteArray& bytes)
{
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return std::nullopt;
    }
    return document.object();
}

std::optional<std::pair<int, int>> parseApiVersion(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('.'));
    if (parts.size() != 2) {
        return std::nullopt;
    }
    bool majorOk = false;
    bool minorOk = false;
    const int major = parts[0].toInt(&majorOk);
    const int minor = parts[1].toInt(&minorOk);
    if (!majorOk || !minorOk) {
        return std::nullopt;
    }
    return std::pair { major, minor };
}

QString pathSegment(const QString& text)
{
    // Image names keep their '/' (the engine routes /images/{name:.*}/json); everything else is escaped.
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "/:@"));
}

// Pull failures arrive as text; sort them into what a caller can act on.
ErrorCode pullErrorCode(const QString& message)
{
    const QString lower = message.toLower();
    static const QStringList notFound = {
        QStringLiteral("not found"), QStringLiteral("unknown"),        QStringLiteral("not known"),
        QStringLiteral("no such"),   QStringLiteral("does not exist"),
    };
    static const QStringList forbidden = {
        QStringLiteral("denied"),
        QStringLiteral("unauthorized"),
        QStringLiteral("authentication required"),
    };
    const auto mentions = [&lower](const QStringList& words) {
        return std::any_of(words.begin(), words.end(), [&lower](const QString& word) { return lower.contains(word); });
    };
    if (mentions(notFound)) {
        return ErrorCode::NotFound;
    }
    if (mentions(forbidden)) {
        return ErrorCode::Forbidden;
    }
    return ErrorCode::Unavailable;
}

bool isSocket(const QString& path)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 && S_ISSOCK(info.st_mode);
}

int firstHostPort(const QJsonObject& ports)
{
    for (auto it = ports.begin(); it != ports.end(); ++it) {
        for (const QJsonValue& binding : it.value().toArray()) {
            const int port = binding.toObject().value(QLatin1String("HostPort")).toString().toInt();
            if (port > 0) {
                return port;
            }
        }
    }
    return 0;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------
// LogDemuxer

LogDemuxer::LogDemuxer(bool framed)
    : m_framed(framed)
{
}

void LogDemuxer::feed(const QByteArray& chunk, const std::function<void(LogStream, const QByteArray&)>& onPayload)
{
    if (!m_framed) {
        if (!chunk.isEmpty()) {
            onPayload(LogStream::Stdout, chunk);
        }
        return;
    }
    m_buffer += chunk;
    qsizetype offset = 0;
    while (m_buffer.size() - offset >= 8) {
        const auto* header = reinterpret_cast<const uchar*>(m_buffer.constData() + offset);
        const quint32 size = qFromBigEndian<quint32>(header + 4);
        if (m_buffer.size() - offset - 8 < qsizetype(size)) {
            break;
        }
        // Type 0 is stdin (only on attach); 1 stdout, 2 stderr.
        const LogStream stream = header[0] == 2 ? LogStream::Stderr : LogStream::Stdout;
        if (size > 0) {
            onPayload(stream, m_buffer.sliced(offset + 8, size));
        }
        offset += 8 + qsizetype(size);
    }
    m_buffer.remove(0, offset);
}

// ---------------------------------------------------------------------------------------------------------------
// ContainerRuntime

struct ContainerRuntime::Stream
{
    QPointer<net::Transfer> transfer;
};

ContainerRuntime::ContainerRuntime(QString socketPath, net::CurlClient* curl, QObject* parent)
    : QObject(parent)
    , m_socketPath(std::move(socketPath))
    , m_curl(curl)
{
}

ContainerRuntime::~ContainerRuntime()
{
    for (const auto& stream : std::as_const(m_streams)) {
        if (stream->transfer) {
            stream->transfer->cancel();
        }
    }
}

QStringList ContainerRuntime::defaultSocketCandidates()
{
    QStringList candidates { QStringLiteral("/var/run/docker.sock") };
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtimeDir.isEmpty()) {
        candidates << runtimeDir + QStringLiteral("/podman/podman.sock");
    }
    candidates << QStringLiteral("/run/podman/podman.sock");
    return candidates;
}

std::optional<QString> ContainerRuntime::autodetectSocket()
{
    return autodetectSocket(defaultSocketCandidates());
}

std::optional<QString> ContainerRuntime::autodetectSocket(const QStringList& candidates)
{
    for (const QString& candidate : candidates) {
        if (isSocket(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

Result<QString> ContainerRuntime::resolveSocket(const QString& configured, const QStringList& candidates)
{
    if (!configured.isEmpty()) {
        if (!isSocket(configured)) {
            return std::unexpected(noRuntimeError({ configured }));
        }
        return configured;
    }
    if (auto found = autodetectSocket(candidates)) {
        return *found;
    }
    return std::unexpected(noRuntimeError(candidates));
}

Error ContainerRuntime::noRuntimeError(const QStringList& tried)
{
    return Error { ErrorCode::Unavailable,
                   tr("No container runtime found: tried %1; start Docker or `podman system service`")
                       .arg(tried.join(QStringLiteral(", "))),
                   {} };
}

// ---------------------------------------------------------------------------------------------------------------
// Plumbing

template<typename F> void ContainerRuntime::post(F&& function)
{
    QTimer::singleShot(0, this, std::forward<F>(function));
}

net::Request ContainerRuntime::makeRequest(const QByteArray& method, const QString& path, const Query& query) const
{
    net::Request request;
    request.method = method;
    request.unixSocketPath = m_socketPath;
    request.timeoutMs = kCallTimeoutMs;
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("localhost"));
    url.setPath(m_apiPrefix + path, QUrl::StrictMode);
    if (!query.isEmpty()) {
        QStringList items;
        for (const auto& [key, value] : query) {
            items << QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value));
        }
        url.setQuery(items.join(QLatin1Char('&')), QUrl::StrictMode);
    }
    request.url = url;
    return request;
}

Error ContainerRuntime::transportError(const Error& error) const
{
    if (net::isCancellation(error)) {
        return error;
    }
    Error wrapped = error;
    wrapped.message = tr("Container runtime at %1 is not reachable: %2").arg(m_socketPath, error.message);
    return wrapped;
}

void ContainerRuntime::send(net::Request request, Handler handler)
{
    net::Transfer* transfer = m_curl->start(std::move(request));
    QObject::connect(transfer,
                     &net::Transfer::finished,
                     this,
                     [this, handler = std::move(handler)](const Result<net::Response>& result) {
                         if (!result) {
                             handler(std::unexpected(transportError(result.error())));
                             return;
                         }
                         handler(result);
                     });
}

void ContainerRuntime::sendExpectingNoContent(net::Request request,
                                              QList<int> okStatuses,
                                              const QString& what,
                                              Done<void> done)
{
    send(std::move(request),
         [done = std::move(done), okStatuses = std::move(okStatuses), what](Result<net::Response> result) {
             if (!result) {
                 done(std::unexpected(result.error()));
             } else if ((result->status >= 200 && result->status < 300) || okStatuses.contains(result->status)) {
                 done({});
             } else {
                 done(std::unexpected(engineError(result->status, result->body, what)));
             }
         });
}

Error ContainerRuntime::engineError(int status, const QByteArray& body, const QString& what)
{
    const std::optional<Error> byStatus = net::errorForStatus(status, body);
    Error error { byStatus ? byStatus->code : ErrorCode::Internal, {}, {} };
    if (status < 400) {
        error.code = ErrorCode::Internal; // an unexpected success status (a redirect, say) is a protocol error
    }
    QString engineMessage;
    if (const auto object = parseObject(body)) {
        engineMessage = object->value(QLatin1String("message")).toString();
    }
    if (engineMessage.isEmpty()) {
        engineMessage = QString::fromUtf8(body.left(300).trimmed());
    }
    if (engineMessage.isEmpty()) {
        engineMessage = QStringLiteral("HTTP %1").arg(status);
    }
    // Podman's compatible API answers 500 where Docker answers 409 (removing a running container, say).
    if (status == 500 && engineMessage.contains(QLatin1String("container state improper"))) {
        error.code = ErrorCode::Conflict;
    }
    error.message = what.isEmpty() ? engineMessage : what + QStringLiteral(": ") + engineMessage;
    return error;
}

// ---------------------------------------------------------------------------------------------------------------
// Streams

ContainerRuntime::StreamId ContainerRuntime::openStream(net::Request request,
                                                        std::function<void(const QByteArray& chunk)> onChunk,
                                                        std::function<void(const Error& error)> onEnded)
{
    const StreamId id = m_nextStreamId++;
    m_streams.insert(id, std::make_shared<Stream>());
    startStream(id, std::move(request), std::move(onChunk), std::move(onEnded));
    return id;
}

void ContainerRuntime::startStream(StreamId id,
                                   net::Request request,
                                   std::function<void(const QByteArray& chunk)> onChunk,
                                   std::function<void(const Error& error)> onEnded)
{
    const std::shared_ptr<Stream> stream = m_streams.value(id);
    if (!stream) {
        return;
    }
    request.timeoutMs = 0;
    auto* sink = new DiscardDevice;
    request.output = sink;
    net::Transfer* transfer = m_curl->start(std::move(request));
    sink->setParent(transfer); // lives exactly as long as the transfer that writes into it
    stream->transfer = transfer;
    QObject::connect(transfer,
                     &net::Transfer::dataReceived,
                     this,
                     [this, id, onChunk = std::move(onChunk)](const QByteArray& chunk) {
                         // A stopped stream may still deliver until its cancel takes effect.
                         if (m_streams.contains(id)) {
                             onChunk(chunk);
                         }
                     });
    QObject::connect(transfer,
                     &net::Transfer::finished,
                     this,
                     [this, id, onEnded = std::move(onEnded)](const Result<net::Response>& result) {
                         if (!m_streams.remove(id)) {
                             return; // stopped by the caller
                         }
                         if (!onEnded) {
                             return;
                         }
                         if (!result) {
                             onEnded(transportError(result.error()));
                         } else if (result->status >= 300) {
                             onEnded(engineError(result->status, result->body, tr("stream")));
                         } else {
                             onEnded(Error { ErrorCode::Unavailable, tr("The container engine ended the stream"), {} });
                         }
                     });
}

void ContainerRuntime::stopStream(StreamId id)
{
    const std::shared_ptr<Stream> stream = m_streams.take(id);
    if (stream && stream->transfer) {
        stream->transfer->cancel();
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Engine

void ContainerRuntime::connectToEngine(Done<RuntimeInfo> done)
{
    net::Request request = makeRequest("GET", QStringLiteral("/version"));
    request.url.setPath(QStringLiteral("/version")); // unversioned: the one call every API version answers
    send(std::move(request), [this, done = std::move(done)](Result<net::Response> result) {
        if (!result) {
            done(std::unexpected(result.error()));
            return;
        }
        if (result->status != 200) {
            done(std::unexpected(engineError(result->status, result->body, tr("engine version"))));
            return;
        }
        const auto object = parseObject(result->body);
        const QString serverApi = object ? object->value(QLatin1String("ApiVersion")).toString() : QString();
        const auto serverVersion = parseApiVersion(serverApi);
        if (!serverVersion) {
            done(makeError(
                ErrorCode::InvalidValue,
                tr("%1 does not answer like a Docker Engine API (no ApiVersion in /version)").arg(m_socketPath)));
            return;
        }
        RuntimeInfo info;
        info.serverApiVersion = serverApi;
        info.version = object->value(QLatin1String("Version")).toString();
        const auto ours = std::pair { kMaxApiMajor, kMaxApiMinor };
        const auto use = std::min(*serverVersion, ours);
        info.apiVersion = QStringLiteral("%1.%2").arg(use.first).arg(use.second);
        info.name = QStringLiteral("Docker");
        for (const QJsonValue& component : object->value(QLatin1String("Components")).toArray()) {
            if (component.toObject().value(QLatin1String("Name")).toString().contains(QLatin1String("Podman"))) {
                info.name = QStringLiteral("Podman");
            }
        }
        m_apiPrefix = QStringLiteral("/v") + info.apiVersion;
        m_info = info;
        done(info);
    });
}

std::pair<QString, QString> ContainerRuntime::splitImageReference(const QString& image)
{
    const qsizetype at = image.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        return { image.left(at), image.mid(at + 1) };
    }
    const qsizetype slash = image.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = image.lastIndexOf(QLatin1Char(':'));
    if (colon > slash) {
        return { image.left(colon), image.mid(colon + 1) };
    }
    // Without a tag the engine would pull every tag of the repository.
    return { image, QStringLiteral("latest") };
}

void ContainerRuntime::pullImage(
    const QString& image,
    std::function<void(const QString& status, qint64 currentBytes, qint64 totalBytes)> progress,
    Done<void> done)
{
    if (image.trimmed().isEmpty()) {
        post([done = std::move(done)] { done(makeError(ErrorCode::InvalidValue, tr("No image to pull"))); });
        return;
    }
    const auto [fromImage, tag] = splitImageReference(image);
    net::Request request = makeRequest("POST",
                                       QStringLiteral("/images/create"),
                                       { { QStringLiteral("fromImage"), fromImage }, { QStringLiteral("tag"), tag } });
    request.timeoutMs = 0;
    request.stallTimeoutSeconds = kPullStallSeconds;
    auto* sink = new DiscardDevice;
    request.output = sink;

    // The reply is 200 at once; the outcome is in the JSON lines that follow.
    struct PullState
    {
        LineSplitter lines;
        std::optional<Error> error;
        QHash<QString, std::pair<qint64, qint64>> layers; // id → current, total
    };
    auto state = std::make_shared<PullState>();
    const auto onLine = [state, image, progress](const QByteArray& line) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty() || state->error) {
            return;
        }
        const auto object = parseObject(trimmed);
        if (!object) {
            return;
        }
        QString failure
            = object->value(QLatin1String("errorDetail")).toObject().value(QLatin1String("message")).toString();
        if (failure.isEmpty()) {
            failure = object->value(QLatin1String("error")).toString();
        }
        if (!failure.isEmpty()) {
            state->error = Error { pullErrorCode(failure), tr("Pulling %1 failed: %2").arg(image, failure), {} };
            return;
        }
        const QString layer = object->value(QLatin1String("id")).toString();
        const QJsonObject detail = object->value(QLatin1String("progressDetail")).toObject();
        if (!layer.isEmpty() && detail.contains(QLatin1String("total"))) {
            state->layers.insert(layer,
                                 { qint64(detail.value(QLatin1String("current")).toDouble()),
                                   qint64(detail.value(QLatin1String("total")).toDouble()) });
        }
        if (progress) {
            qint64 current = 0;
            qint64 total = 0;
            for (const auto& [layerCurrent, layerTotal] : std::as_const(state->layers)) {
                current += layerCurrent;
                total += layerTotal;
            }
            progress(object->value(QLatin1String("status")).toString(), current, total);
        }
    };

    net::Transfer* transfer = m_curl->start(std::move(request));
    sink->setParent(transfer);
    QObject::connect(transfer, &net::Transfer::dataReceived, this, [state, onLine](const QByteArray& chunk) {
        if (!state->lines.feed(chunk, onLine) && !state->error) {
            state->error = Error { ErrorCode::InvalidValue, tr("The engine sent an overlong pull status line"), {} };
        }
    });
    QObject::connect(transfer,
                     &net::Transfer::finished,
                     this,
                     [this, state, onLine, image, done = std::move(done)](const Result<net::Response>& result) {
                         if (!result) {
                             done(std::unexpected(transportError(result.error())));
                             return;
                         }
                         if (result->status != 200) {
                             done(std::unexpected(engineError(result->status, result->body, tr("pull %1").arg(image))));
                             return;
                         }
                         onLine(state->lines.rest()); // a last line without its newline
                         if (state->error) {
                             done(std::unexpected(*state->error));
                             return;
                         }
                         done({});
                     });
}

void ContainerRuntime::imageExists(const QString& image, Done<bool> done)
{
    send(makeRequest("GET", QStringLiteral("/images/%1/json").arg(pathSegment(image))),
         [image, done = std::move(done)](Result<net::Response> result) {
             if (!result) {
                 done(std::unexpected(result.error()));
             } else if (result->status == 200) {
                 done(true);
             } else if (result->status == 404) {
                 done(false);
             } else {
                 done(std::unexpected(engineError(result->status, result->body, tr("inspect image %1").arg(image))));
             }
         });
}

// ---------------------------------------------------------------------------------------------------------------
// Containers

QByteArray ContainerRuntime::createBody(const ContainerSpec& spec)
{
    QJsonObject body;
    body.insert(QLatin1String("Image"), spec.image);
    if (!spec.cmd.isEmpty()) {
        body.insert(QLatin1String("Cmd"), toJsonArray(spec.cmd));
    }
    if (!spec.entrypoint.isEmpty()) {
        body.insert(QLatin1String("Entrypoint"), toJsonArray(spec.entrypoint));
    }
    QStringList env;
    for (auto it = spec.env.begin(); it != spec.env.end(); ++it) {
        env << it.key() + QLatin1Char('=') + it.value();
    }
    if (!env.isEmpty()) {
        body.insert(QLatin1String("Env"), toJsonArray(env));
    }
    QMap<QString, QString> labels = spec.labels;
    labels.insert(QString(kManagedLabel), QStringLiteral("true"));
    body.insert(QLatin1String("Labels"), toJsonObject(labels));

    QJsonObject host;
    if (spec.containerPort > 0) {
        const QString port = QStringLiteral("%1/tcp").arg(spec.containerPort);
        body.insert(QLatin1String("ExposedPorts"), QJsonObject { { port, QJsonObject() } });
        // Only the node's loopback: the daemon proxies authenticated requests to the container.
        const QJsonObject binding { { QLatin1String("HostIp"), QStringLiteral("127.0.0.1") },
                                    { QLatin1String("HostPort"),
                                      spec.hostPort > 0 ? QString::number(spec.hostPort) : QString() } };
        host.insert(QLatin1String("PortBindings"), QJsonObject { { port, QJsonArray { binding } } });
    }
    if (!spec.binds.isEmpty()) {
        host.insert(QLatin1String("Binds"), toJsonArray(spec.binds));
    }
    if (spec.memoryLimitBytes > 0) {
        host.insert(QLatin1String("Memory"), double(spec.memoryLimitBytes));
    }
    if (spec.shmSizeBytes > 0) {
        host.insert(QLatin1String("ShmSize"), double(spec.shmSizeBytes));
    }
    if (!spec.ipcMode.isEmpty()) {
        host.insert(QLatin1String("IpcMode"), spec.ipcMode);
    }
    if (!spec.networkMode.isEmpty()) {
        host.insert(QLatin1String("NetworkMode"), spec.networkMode);
    }
    if (!spec.gpuDeviceIds.isEmpty()) {
        const QJsonObject request { { QLatin1String("Driver"), QStringLiteral("nvidia") },
                                    { QLatin1String("DeviceIDs"), toJsonArray(spec.gpuDeviceIds) },
                                    { QLatin1String("Capabilities"),
                                      QJsonArray { QJsonArray { QStringLiteral("gpu") } } } };
        host.insert(QLatin1String("DeviceRequests"), QJsonArray { request });
    }
    if (spec.amdGpu) {
        QJsonArray devices;
        for (const QString& path : { QStringLiteral("/dev/kfd"), QStringLiteral("/dev/dri") }) {
            devices.append(QJsonObject { { QLatin1String("PathOnHost"), path },
                                         { QLatin1String("PathInContainer"), path },
                                         { QLatin1String("CgroupPermissions"), QStringLiteral("rwm") } });
        }
        host.insert(QLatin1String("Devices"), devices);
    }
    body.insert(QLatin1String("HostConfig"), host);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void ContainerRuntime::createContainer(const ContainerSpec& spec, Done<QString> done)
{
    std::optional<Error> invalid;
    if (spec.image.trimmed().isEmpty()) {
        invalid = Error { ErrorCode::MissingField, tr("A container needs an image"), QStringLiteral("image") };
    } else if (spec.containerPort < 0 || spec.containerPort > 65535) {
        invalid = Error { ErrorCode::OutOfRange, tr("Container port out of range"), QStringLiteral("containerPort") };
    } else if (spec.hostPort < 0 || spec.hostPort > 65535 || (spec.hostPort > 0 && spec.containerPort == 0)) {
        invalid = Error { ErrorCode::OutOfRange,
                          tr("Host port out of range or without a container port"),
                          QStringLiteral("hostPort") };
    } else if (!spec.ipcMode.isEmpty() && spec.ipcMode != QLatin1String("host")
               && spec.ipcMode != QLatin1String("private") && spec.ipcMode != QLatin1String("shareable")) {
        invalid = Error { ErrorCode::InvalidValue,
                          tr("Unsupported IPC mode %1").arg(spec.ipcMode),
                          QStringLiteral("ipcMode") };
    }
    if (invalid) {
        post([done = std::move(done), error = *invalid] { done(std::unexpected(error)); });
        return;
    }
    Query query;
    if (!spec.name.isEmpty()) {
        query.append({ QStringLiteral("name"), spec.name });
    }
    net::Request request = makeRequest("POST", QStringLiteral("/containers/create"), query);
    request.timeoutMs = kCreateTimeoutMs;
    request.headers.set("Content-Type", "application/json");
    request.body = createBody(spec);
    const QString what = tr("create container %1").arg(spec.name.isEmpty() ? spec.image : spec.name);
    send(std::move(request), [what, done = std::move(done)](Result<net::Response> result) {
        if (!result) {
            done(std::unexpected(result.error()));
            return;
        }
        if (result->status != 201 && result->status != 200) {
            done(std::unexpected(engineError(result->status, result->body, what)));
            return;
        }
        const auto object = parseObject(result->body);
        const QString id = object ? object->value(QLatin1String("Id")).toString() : QString();
        if (id.isEmpty()) {
            done(makeError(ErrorCode::InvalidValue, tr("%1: the engine returned no container id").arg(what)));
            return;
        }
        done(id);
    });
}

void ContainerRuntime::startContainer(const QString& id, Done<void> done)
{
    sendExpectingNoContent(makeRequest("POST", QStringLiteral("/containers/%1/start").arg(pathSegment(id))),
                           { 304 },
                           tr("start container %1").arg(id),
                           std::move(done));
}

void ContainerRuntime::stopContainer(const QString& id, int graceSeconds, Done<void> done)
{
    const int grace = std::max(0, graceSeconds);
    net::Request request = makeRequest("POST",
                                       QStringLiteral("/containers/%1/stop").arg(pathSegment(id)),
                                       { { QStringLiteral("t"), QString::number(grace) } });
    request.timeoutMs = kCallTimeoutMs + grace * 1000;
    sendExpectingNoContent(std::move(request), { 304 }, tr("stop container %1").arg(id), std::move(done));
}

void ContainerRuntime::removeContainer(const QString& id, bool force, Done<void> done)
{
    Query query { { QStringLiteral("v"), QStringLiteral("1") } };
    if (force) {
        query.append({ QStringLiteral("force"), QStringLiteral("1") });
    }
    sendExpectingNoContent(makeRequest("DELETE", QStringLiteral("/containers/%1").arg(pathSegment(id)), query),
                           {},
                           tr("remove container %1").arg(id),
                           std::move(done));
}

Result<void> ContainerRuntime::removeContainerNow(const QString& id, int timeoutMs)
{
    // One request over the engine's socket, blocking: HTTP/1.1 with Connection: close, so the
    // status line is all there is to read.
    const net::Request request = makeRequest(
        "DELETE",
        QStringLiteral("/containers/%1").arg(pathSegment(id)),
        { { QStringLiteral("v"), QStringLiteral("1") }, { QStringLiteral("force"), QStringLiteral("1") } });
    const QString what = tr("remove container %1").arg(id);
    QElapsedTimer clock;
    clock.start();
    const auto left = [&] {
        return int(std::max<qint64>(1, timeoutMs - clock.elapsed()));
    };
    QLocalSocket socket;
    socket.connectToServer(m_socketPath);
    if (!socket.waitForConnected(left()))
        return std::unexpected(transportError(makeError(ErrorCode::Unavailable, socket.errorString()).error()));
    const QByteArray head = "DELETE " + request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)
        + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    socket.write(head);
    QByteArray answer;
    while (!answer.contains("\r\n") && clock.elapsed() < timeoutMs) {
        if (!socket.bytesAvailable() && !socket.waitForReadyRead(left()))
            break;
        answer += socket.readAll();
    }
    const QList<QByteArray> statusLine = answer.left(answer.indexOf("\r\n")).split(' ');
    bool ok = false;
    const int status = statusLine.size() >= 2 ? statusLine.at(1).toInt(&ok) : 0;
    if (!ok) {
        return std::unexpected(
            transportError(makeError(ErrorCode::Unavailable, tr("no answer within %1 ms").arg(timeoutMs)).error()));
    }
    if (status == 404 || (status >= 200 && status < 300))
        return {};
    const qsizetype body = answer.indexOf("\r\n\r\n");
    return std::unexpected(engineError(status, body < 0 ? QByteArray() : answer.mid(body + 4), what));
}

void ContainerRuntime::inspectContainer(const QString& id, Done<ContainerState> done)
{
    send(makeRequest("GET", QStringLiteral("/containers/%1/json").arg(pathSegment(id))),
         [id, done = std::move(done)](Result<net::Response> result) {
             if (!result) {
                 done(std::unexpected(result.error()));
                 return;
             }
             if (result->status != 200) {
                 done(std::unexpected(engineError(result->status, result->body, tr("inspect container %1").arg(id))));
                 return;
             }
             const auto object = parseObject(result->body);
             if (!object) {
                 done(makeError(ErrorCode::InvalidJson, tr("inspect container %1: not a JSON object").arg(id)));
                 return;
             }
             const QJsonObject state = object->value(QLatin1String("State")).toObject();
             const QJsonObject config = object->value(QLatin1String("Config")).toObject();
             ContainerState out;
             out.id = object->value(QLatin1String("Id")).toString();
             out.name = object->value(QLatin1String("Name")).toString();
             if (out.name.startsWith(QLatin1Char('/'))) {
                 out.name.remove(0, 1);
             }
             out.image = config.value(QLatin1String("Image")).toString();
             out.status = state.value(QLatin1String("Status")).toString();
             out.running = state.value(QLatin1String("Running")).toBool();
             out.exitCode = state.value(QLatin1String("ExitCode")).toInt();
             out.oomKilled = state.value(QLatin1String("OOMKilled")).toBool();
             out.health = state.value(QLatin1String("Health")).toObject().value(QLatin1String("Status")).toString();
             out.tty = config.value(QLatin1String("Tty")).toBool();
             out.labels = toStringMap(config.value(QLatin1String("Labels")));
             // Live bindings while running; the configured ones otherwise.
             out.hostPort = firstHostPort(
                 object->value(QLatin1String("NetworkSettings")).toObject().value(QLatin1String("Ports")).toObject());
             if (out.hostPort == 0) {
                 out.hostPort = firstHostPort(object->value(QLatin1String("HostConfig"))
                                                  .toObject()
                                                  .value(QLatin1String("PortBindings"))
                                                  .toObject());
             }
             done(out);
         });
}

void ContainerRuntime::listContainers(const QStringList& labelFilters, Done<QList<ContainerSummary>> done)
{
    Query query { { QStringLiteral("all"), QStringLiteral("1") } };
    if (!labelFilters.isEmpty()) {
        const QJsonObject filters { { QLatin1String("label"), toJsonArray(labelFilters) } };
        query.append(
            { QStringLiteral("filters"), QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact)) });
    }
    send(makeRequest("GET", QStringLiteral("/containers/json"), query),
         [done = std::move(done)](Result<net::Response> result) {
             if (!result) {
                 done(std::unexpected(result.error()));
                 return;
             }
             if (result->status != 200) {
                 done(std::unexpected(engineError(result->status, result->body, tr("list containers"))));
                 return;
             }
             QJsonParseError parseError {};
             const QJsonDocument document = QJsonDocument::fromJson(result->body, &parseError);
             if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
                 done(makeError(ErrorCode::InvalidJson, tr("list containers: not a JSON array")));
                 return;
             }
             QList<ContainerSummary> containers;
             for (const QJsonValue& value : document.array()) {
                 const QJsonObject object = value.toObject();
                 ContainerSummary summary;
                 summary.id = object.value(QLatin1String("Id")).toString();
                 const QJsonArray names = object.value(QLatin1String("Names")).toArray();
                 summary.name = names.isEmpty() ? QString() : names.first().toString();
                 if (summary.name.startsWith(QLatin1Char('/'))) {
                     summary.name.remove(0, 1);
                 }
                 summary.image = object.value(QLatin1String("Image")).toString();
                 summary.state = object.value(QLatin1String("State")).toString();
                 summary.status = object.value(QLatin1String("Status")).toString();
                 summary.labels = toStringMap(object.value(QLatin1String("Labels")));
                 for (const QJsonValue& port : object.value(QLatin1String("Ports")).toArray()) {
                     const int publicPort = port.toObject().value(QLatin1String("PublicPort")).toInt();
                     if (publicPort > 0 && !summary.hostPorts.contains(publicPort)) {
                         summary.hostPorts.append(publicPort);
                     }
                 }
                 containers.append(summary);
             }
             done(containers);
         });
}

// ---------------------------------------------------------------------------------------------------------------
// Logs and events

void ContainerRuntime::logs(const QString& id, int tail, qint64 sinceSeconds, Done<QString> done)
{
    // Whether the stream is framed depends on the container's TTY setting.
    inspectContainer(id, [this, id, tail, sinceSeconds, done = std::move(done)](Result<ContainerState> state) {
        if (!state) {
            done(std::unexpected(state.error()));
            return;
        }
        Query query { { QStringLiteral("stdout"), QStringLiteral("1") },
                      { QStringLiteral("stderr"), QStringLiteral("1") },
                      { QStringLiteral("tail"), tail < 0 ? QStringLiteral("all") : QString::number(tail) } };
        if (sinceSeconds > 0) {
            query.append(
                { QStringLiteral("since"), QString::number(QDateTime::currentSecsSinceEpoch() - sinceSeconds) });
        }
        const bool framed = !state->tty;
        send(makeRequest("GET", QStringLiteral("/containers/%1/logs").arg(pathSegment(id)), query),
             [id, framed, done](Result<net::Response> result) {
                 if (!result) {
                     done(std::unexpected(result.error()));
                     return;
                 }
                 if (result->status != 200) {
                     done(std::unexpected(engineError(result->status, result->body, tr("logs of %1").arg(id))));
                     return;
                 }
                 QByteArray text;
                 LogDemuxer demuxer(framed);
                 demuxer.feed(result->body, [&text](LogStream, const QByteArray& payload) { text += payload; });
                 done(QString::fromUtf8(text));
             });
    });
}

ContainerRuntime::StreamId ContainerRuntime::followLogs(const QString& id,
                                                        int tail,
                                                        std::function<void(LogStream, const QString&)> onLine,
                                                        std::function<void(const Error&)> onEnded)
{
    const StreamId streamId = m_nextStreamId++;
    m_streams.insert(streamId, std::make_shared<Stream>());
    inspectContainer(id, [this, streamId, id, tail, onLine, onEnded](Result<ContainerState> state) {
        if (!m_streams.contains(streamId)) {
            return; // stopped while inspecting
        }
        if (!state) {
            m_streams.remove(streamId);
            if (onEnded) {
                onEnded(state.error());
            }
            return;
        }
        const Query query { { QStringLiteral("stdout"), QStringLiteral("1") },
                            { QStringLiteral("stderr"), QStringLiteral("1") },
                            { QStringLiteral("follow"), QStringLiteral("1") },
                            { QStringLiteral("tail"), tail < 0 ? QStringLiteral("all") : QString::number(tail) } };
        struct Splitter
        {
            LogDemuxer demuxer;
            LineSplitter stdoutLines;
            LineSplitter stderrLines;
        };
        auto splitter = std::make_shared<Splitter>(Splitter { LogDemuxer(!state->tty), {}, {} });
        const auto onChunk = [splitter, onLine](const QByteArray& chunk) {
            splitter->demuxer.feed(chunk, [&splitter, &onLine](LogStream stream, const QByteArray& payload) {
                LineSplitter& lines = stream == LogStream::Stderr ? splitter->stderrLines : splitter->stdoutLines;
                lines.feed(payload, [stream, &onLine](const QByteArray& line) {
                    QByteArray text = line;
                    if (text.endsWith('\r')) {
                        text.chop(1);
                    }
                    onLine(stream, QString::fromUtf8(text));
                });
            });
        };
        startStream(streamId,
                    makeRequest("GET", QStringLiteral("/containers/%1/logs").arg(pathSegment(id)), query),
                    onChunk,
                    onEnded);
    });
    return streamId;
}

bool ContainerRuntime::parseEvent(const QByteArray& line, ContainerEvent* event)
{
    const auto object = parseObject(line.trimmed());
    if (!object) {
        return false;
    }
    const QString type = object->value(QLatin1String("Type")).toString();
    if (!type.isEmpty() && type != QLatin1String("container")) {
        return false;
    }
    const QJsonObject actor = object->value(QLatin1String("Actor")).toObject();
    QMap<QString, QString> attributes = toStringMap(actor.value(QLatin1String("Attributes")));
    ContainerEvent out;
    out.id = actor.value(QLatin1String("ID")).toString();
    if (out.id.isEmpty()) {
        out.id = object->value(QLatin1String("id")).toString();
    }
    out.action = object->value(QLatin1String("Action")).toString();
    if (out.action.isEmpty()) {
        out.action = object->value(QLatin1String("status")).toString();
    }
    if (out.id.isEmpty() || out.action.isEmpty()) {
        return false;
    }
    // Docker writes "health_status: healthy"; Podman puts the status in an attribute.
    const qsizetype colon = out.action.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        out.health = out.action.mid(colon + 1).trimmed();
        out.action = out.action.left(colon).trimmed();
    }
    if (out.action == QLatin1String("remove")) {
        out.action = QStringLiteral("destroy");
    }
    if (out.action == QLatin1String("health_status") && out.health.isEmpty()) {
        out.health = attributes.value(QStringLiteral("health_status"));
    }
    // Docker names it exitCode, Podman containerExitCode.
    for (const QString& key : { QStringLiteral("exitCode"), QStringLiteral("containerExitCode") }) {
        bool ok = false;
        const int code = attributes.value(key).toInt(&ok);
        if (ok && out.action == QLatin1String("die")) {
            out.exitCode = code;
        }
    }
    out.name = attributes.value(QStringLiteral("name"));
    out.timeNano = qint64(object->value(QLatin1String("timeNano")).toDouble());
    // Attributes mix the container's labels with a few engine keys.
    for (const QString& key : { QStringLiteral("name"),
                                QStringLiteral("image"),
                                QStringLiteral("exitCode"),
                                QStringLiteral("containerExitCode"),
                                QStringLiteral("signal"),
                                QStringLiteral("podId"),
                                QStringLiteral("health_status") }) {
        attributes.remove(key);
    }
    out.labels = attributes;
    *event = out;
    return true;
}

ContainerRuntime::StreamId ContainerRuntime::watchEvents(std::function<void(const ContainerEvent&)> onEvent,
                                                         std::function<void(const Error&)> onEnded,
                                                         qint64 sinceUnixSeconds)
{
    const QJsonObject filters {
        { QLatin1String("type"), QJsonArray { QStringLiteral("container") } },
        { QLatin1String("label"), QJsonArray { QString(QString(kManagedLabel) + QStringLiteral("=true")) } },
    };
    Query query { { QStringLiteral("filters"),
                    QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact)) } };
    if (sinceUnixSeconds > 0) {
        query.append({ QStringLiteral("since"), QString::number(sinceUnixSeconds) });
    }
    auto lines = std::make_shared<LineSplitter>();
    const auto onChunk = [lines, onEvent = std::move(onEvent)](const QByteArray& chunk) {
        lines->feed(chunk, [&onEvent](const QByteArray& line) {
            ContainerEvent event;
            if (parseEvent(line, &event)) {
                onEvent(event);
            }
        });
    };
    return openStream(makeRequest("GET", QStringLiteral("/events"), query), onChunk, std::move(onEnded));
}

} // namespace aiops::daemon
