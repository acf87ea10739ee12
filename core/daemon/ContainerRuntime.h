#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QHash>
#include <QLatin1String>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace aiops::net {
class CurlClient;
struct Request;
struct Response;
} // namespace aiops::net

namespace aiops::daemon {

// What createContainer() builds. Every container gets the label "aiops.managed" = "true" on top of labels.
struct ContainerSpec
{
    QString name; // empty: the engine picks one
    QString image;
    QStringList cmd;
    QStringList entrypoint;
    QMap<QString, QString> env;
    QMap<QString, QString> labels;
    QStringList gpuDeviceIds; // NVIDIA: HostConfig.DeviceRequests with these DeviceIDs
    bool amdGpu = false; // AMD ROCm: /dev/kfd and /dev/dri passed through
    qint64 memoryLimitBytes = 0; // 0 = no limit
    qint64 shmSizeBytes = 0; // 0 = the engine's default (64 MiB)
    QString ipcMode; // "host" or empty
    int containerPort = 0; // TCP port inside the container; 0 = none published
    int hostPort = 0; // published on 127.0.0.1 only
    QStringList binds; // "host:container[:ro]"
    QString networkMode; // "host" (the host's network, loopback included) or empty (the engine's default)
};

struct ContainerState
{
    QString id;
    QString name;
    QString image;
    QString status; // engine words: created, running, exited, ...
    bool running = false;
    int exitCode = 0;
    bool oomKilled = false;
    QString health; // healthy, unhealthy, starting; empty without a health check
    int hostPort = 0; // first published port; 0 when none
    bool tty = false;
    QMap<QString, QString> labels;
};

struct ContainerSummary
{
    QString id;
    QString name;
    QString image;
    QString state; // created, running, exited, ...
    QString status; // human text ("Up 3 minutes")
    QMap<QString, QString> labels;
    QList<int> hostPorts;
};

struct ContainerEvent
{
    QString id;
    QString name;
    QString action; // create, start, die, oom, stop, kill, destroy ("remove" is reported as destroy), health_status
    std::optional<int> exitCode; // on die
    QString health; // on health_status
    QMap<QString, QString> labels;
    qint64 timeNano = 0;
};

struct RuntimeInfo
{
    QString name; // "Podman" or "Docker"
    QString version; // of the engine
    QString serverApiVersion; // the newest API the engine speaks
    QString apiVersion; // what this client uses: min(server, ContainerRuntime::kMaxApiVersion)
};

enum class LogStream { Stdout, Stderr };

// Splits a container log stream into stdout/stderr text. Without a TTY the engine frames the stream: an
// 8-byte header [type (1 stdout, 2 stderr), 0, 0, 0, big-endian uint32 size] then the payload; with a TTY the
// stream is raw. Frames may arrive split across chunks.
class LogDemuxer
{
public:
    explicit LogDemuxer(bool framed);

    // Calls onPayload for each complete frame (or each raw chunk); partial frames wait for the next chunk.
    void feed(const QByteArray& chunk, const std::function<void(LogStream, const QByteArray&)>& onPayload);
    // Bytes of an incomplete frame left at the end of the stream.
    qsizetype pendingBytes() const { return m_buffer.size(); }

private:
    bool m_framed;
    QByteArray m_buffer;
};

// Client of the Docker Engine API (Docker, or Podman's compatible `podman system service`) over its unix
// socket, through the node's CurlClient. Every call returns at once; done runs later on the event loop, never
// inside the call. Calls made before connectToEngine() use the engine's unversioned paths.
//
// Streams (followLogs, watchEvents) hold one of the CurlClient's transfer slots each while open: give the
// client enough (setMaxConcurrentTransfers) for them plus the ordinary calls.
class ContainerRuntime final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerRuntime)

public:
    template<typename T> using Done = std::function<void(Result<T>)>;
    using StreamId = quint64;

    static constexpr int kMaxApiMajor = 1;
    static constexpr int kMaxApiMinor = 43;
    static constexpr QLatin1String kManagedLabel { "aiops.managed" };

    // curl is not owned and must outlive the runtime.
    ContainerRuntime(QString socketPath, net::CurlClient* curl, QObject* parent = nullptr);
    ~ContainerRuntime() override; // stops open streams without calling their callbacks

    // Docker's socket, then the rootless and the rootful Podman socket.
    static QStringList defaultSocketCandidates();
    // The first candidate that exists as a socket.
    static std::optional<QString> autodetectSocket();
    static std::optional<QString> autodetectSocket(const QStringList& candidates);
    // The configured path when not empty, else the autodetected one, else an Unavailable error naming the
    // paths tried and how to start a runtime.
    static Result<QString> resolveSocket(const QString& configured, const QStringList& candidates);
    static Error noRuntimeError(const QStringList& tried);

    QString socketPath() const { return m_socketPath; }
    // Set once connectToEngine() succeeded.
    std::optional<RuntimeInfo> info() const { return m_info; }

    // GET /version: negotiates the API version used by every later call.
    void connectToEngine(Done<RuntimeInfo> done);

    // progress(status, currentBytes, totalBytes) sums the layers seen so far; total is 0 while unknown.
    void pullImage(const QString& image,
                   std::function<void(const QString& status, qint64 currentBytes, qint64 totalBytes)> progress,
                   Done<void> done);
    void imageExists(const QString& image, Done<bool> done);

    void createContainer(const ContainerSpec& spec, Done<QString> done); // → container id
    void startContainer(const QString& id, Done<void> done); // already running is success
    // The engine sends SIGTERM, then SIGKILL after graceSeconds. Already stopped is success.
    void stopContainer(const QString& id, int graceSeconds, Done<void> done);
    void removeContainer(const QString& id, bool force, Done<void> done);
    // Kills and removes the container before it returns (at most timeoutMs): for shutdown, when no
    // event loop will run the asynchronous calls. An unknown container is success.
    Result<void> removeContainerNow(const QString& id, int timeoutMs);
    void inspectContainer(const QString& id, Done<ContainerState> done);
    // labelFilters: "key=value" or "key"; all must match. Includes stopped containers.
    void listContainers(const QStringList& labelFilters, Done<QList<ContainerSummary>> done);

    // stdout and stderr interleaved as the engine stored them. tail < 0: all lines; sinceSeconds > 0: only the
    // lines of the last sinceSeconds seconds.
    void logs(const QString& id, int tail, qint64 sinceSeconds, Done<QString> done);
    // Follows the log from the last tail lines on; onLine gets complete lines without their newline. onEnded
    // runs once when the stream ends by itself (the container stops, the engine goes away, an error), not after
    // stopStream().
    StreamId followLogs(const QString& id,
                        int tail,
                        std::function<void(LogStream stream, const QString& line)> onLine,
                        std::function<void(const Error& error)> onEnded = {});

    // Events of the containers labelled aiops.managed=true. sinceUnixSeconds > 0 replays the events from then on
    // first (used after a reconnect so that nothing is missed). onEnded as for followLogs.
    StreamId watchEvents(std::function<void(const ContainerEvent& event)> onEvent,
                         std::function<void(const Error& error)> onEnded = {},
                         qint64 sinceUnixSeconds = 0);
    void stopStream(StreamId stream);
    bool isStreamOpen(StreamId stream) const { return m_streams.contains(stream); }

    // The body createContainer() sends (exposed for tests of the mapping).
    static QByteArray createBody(const ContainerSpec& spec);
    // A non-2xx engine reply as a typed error carrying the engine's message.
    static Error engineError(int status, const QByteArray& body, const QString& what);
    // Splits "registry/repo:tag" (or "...@sha256:...") into the fromImage and tag query values of a pull.
    static std::pair<QString, QString> splitImageReference(const QString& image);
    static bool parseEvent(const QByteArray& line, ContainerEvent* event);

private:
    struct Stream;
    using Handler = std::function<void(Result<net::Response>)>;

    using Query = QList<std::pair<QString, QString>>;

    net::Request makeRequest(const QByteArray& method, const QString& path, const Query& query = {}) const;
    void send(net::Request request, Handler handler);
    // Runs a call whose success carries no data: 2xx (and the extra statuses in okStatuses) succeed.
    void sendExpectingNoContent(net::Request request, QList<int> okStatuses, const QString& what, Done<void> done);
    Error transportError(const Error& error) const;
    StreamId openStream(net::Request request,
                        std::function<void(const QByteArray& chunk)> onChunk,
                        std::function<void(const Error& error)> onEnded);
    void startStream(StreamId streamId,
                     net::Request request,
                     std::function<void(const QByteArray& chunk)> onChunk,
                     std::function<void(const Error& error)> onEnded);
    template<typename F> void post(F&& function);

    QString m_socketPath;
    net::CurlClient* m_curl;
    std::optional<RuntimeInfo> m_info;
    QString m_apiPrefix; // "/v1.41" once negotiated
    QHash<StreamId, std::shared_ptr<Stream>> m_streams;
    StreamId m_nextStreamId = 1;
};

} // namespace aiops::daemon
