#include "FakeHfHub.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

using namespace Qt::StringLiterals;

namespace aiops::testing {

namespace {

constexpr qint64 kChunk = 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 302: return "Found";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 416: return "Range Not Satisfiable";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

bool isLfsName(const QString& path, qint64 size)
{
    return path.endsWith(u".safetensors"_s) || path.endsWith(u".bin"_s) || path.endsWith(u".gguf"_s)
        || path.endsWith(u".onnx"_s) || size > 10 * 1024 * 1024;
}

// Streams [from, to] of a file into the socket, refilling as the socket drains; optionally dripping
// (throttle) or stopping early (truncate: stopAt bytes, then abort the connection).
struct BodyPump : QObject
{
    QTcpSocket* socket = nullptr;
    QByteArray memory;
    std::unique_ptr<QFile> file;
    qint64 position = 0;
    qint64 end = 0; // exclusive
    qint64 stopAt = -1; // absolute position where a truncated answer stops
    qint64 corruptAt = -1;
    qint64 perTick = 0;
    qint64* counter = nullptr;

    QByteArray read(qint64 n)
    {
        QByteArray data;
        if (file) {
            file->seek(position);
            data = file->read(n);
        } else {
            data = memory.mid(position, n);
        }
        if (corruptAt >= position && corruptAt < position + data.size())
            data[corruptAt - position] = static_cast<char>(data.at(corruptAt - position) ^ 0x5a);
        return data;
    }

    // Returns false when done.
    bool pump(qint64 budget)
    {
        const qint64 limit = stopAt >= 0 ? std::min(stopAt, end) : end;
        while (budget > 0 && position < limit && socket->bytesToWrite() < 4 * kChunk) {
            const QByteArray data = read(std::min({ kChunk, budget, limit - position }));
            if (data.isEmpty())
                break;
            socket->write(data);
            position += data.size();
            budget -= data.size();
            *counter += data.size();
        }
        if (position >= limit) {
            if (stopAt >= 0 && stopAt < end) {
                socket->flush();
                socket->abort();
            } else {
                socket->disconnectFromHost();
            }
            return false;
        }
        return true;
    }
};

} // namespace

FakeHfHub::FakeHfHub(QObject* parent)
    : QObject(parent)
{
    connect(&m_hub, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_hub.nextPendingConnection())
            accept(socket, false);
    });
    connect(&m_cdn, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_cdn.nextPendingConnection())
            accept(socket, true);
    });
    m_hub.listen(QHostAddress::LocalHost);
    m_cdn.listen(QHostAddress::LocalHost);
}

FakeHfHub::~FakeHfHub() = default;

QUrl FakeHfHub::endpoint() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_hub.serverPort()));
}

FakeHfHub::Repo& FakeHfHub::addRepo(const QString& id, const QMap<QString, QByteArray>& files)
{
    Repo repo;
    repo.id = id;
    repo.commit = QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha1).toHex();
    for (auto it = files.begin(); it != files.end(); ++it) {
        File file;
        file.content = it.value();
        file.size = it.value().size();
        file.sha256 = QCryptographicHash::hash(it.value(), QCryptographicHash::Sha256).toHex();
        file.gitSha1 = QCryptographicHash::hash(QByteArray("blob " + QByteArray::number(file.size) + '\0' + it.value()),
                                                QCryptographicHash::Sha1)
                           .toHex();
        file.lfs = isLfsName(it.key(), file.size);
        repo.files.insert(it.key(), file);
    }
    m_repos.insert(id, repo);
    return m_repos[id];
}

void FakeHfHub::addDiskFile(const QString& repoId,
                            const QString& path,
                            const QString& diskPath,
                            const QByteArray& sha256)
{
    File file;
    file.diskPath = diskPath;
    file.size = QFile(diskPath).size();
    file.sha256 = sha256;
    file.gitSha1 = QCryptographicHash::hash(sha256, QCryptographicHash::Sha1).toHex(); // unused for LFS
    file.lfs = true;
    m_repos[repoId].files.insert(path, file);
}

QList<FakeHfHub::RecordedRequest> FakeHfHub::fileRequests(const QString& path, bool cdnOnly) const
{
    QList<RecordedRequest> out;
    for (const RecordedRequest& request : requests) {
        if (cdnOnly && !request.cdn)
            continue;
        if (request.cdn || request.target.endsWith(QByteArray('/' + QUrl::toPercentEncoding(path, "/"))))
            out.append(request);
    }
    return out;
}

void FakeHfHub::accept(QTcpSocket* socket, bool cdn)
{
    auto buffer = std::make_shared<QByteArray>();
    auto handled = std::make_shared<bool>(false);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, cdn, buffer, handled] {
        buffer->append(socket->readAll());
        if (!*handled && buffer->contains("\r\n\r\n")) {
            *handled = true;
            handle(socket, cdn, buffer->left(buffer->indexOf("\r\n\r\n")));
        }
    });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

FakeHfHub::Repo* FakeHfHub::findRepo(const QString& id)
{
    auto it = m_repos.find(id);
    return it == m_repos.end() ? nullptr : &it.value();
}

void FakeHfHub::respond(QTcpSocket* socket,
                        int status,
                        const QList<std::pair<QByteArray, QByteArray>>& headers,
                        const QByteArray& body,
                        bool head)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    bool hasLength = false;
    for (const auto& [name, value] : headers) {
        out += name + ": " + value + "\r\n";
        hasLength = hasLength || name.compare("Content-Length", Qt::CaseInsensitive) == 0;
    }
    if (!hasLength)
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Connection: close\r\n\r\n";
    if (!head)
        out += body;
    socket->write(out);
    socket->disconnectFromHost();
}

void FakeHfHub::handle(QTcpSocket* socket, bool cdn, const QByteArray& head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    RecordedRequest request;
    request.cdn = cdn;
    request.method = first.value(0);
    request.target = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    requests.append(request);

    const QUrl url = QUrl::fromEncoded("http://x" + request.target);
    const QStringList parts = url.path().split(u'/', Qt::SkipEmptyParts);
    const bool isHead = request.method == "HEAD";
    if (cdn) {
        // /repos/<repo-id with ~>/<path>
        if (parts.size() >= 3 && parts[0] == u"repos"_s) {
            const QString repoId = QString(parts[1]).replace(u'~', u'/');
            const QString path = parts.mid(2).join(u'/');
            if (Repo* repo = findRepo(repoId); repo && repo->files.contains(path))
                return serveBody(socket, request, *repo, path, isHead);
        }
        return respond(socket, 404, {}, "no such object", isHead);
    }
    // /api/models/{org}/{name}/revision/{rev}
    if (parts.size() == 6 && parts[0] == u"api"_s && parts[1] == u"models"_s && parts[4] == u"revision"_s)
        return handleApi(socket, request, parts[2] + u'/' + parts[3], parts[5]);
    // /api/resolve-cache/models/{org}/{name}/{commit}/{path}: where a relative redirect lands
    if (parts.size() >= 7 && parts[0] == u"api"_s && parts[1] == u"resolve-cache"_s)
        return handleResolve(socket, request, parts[3] + u'/' + parts[4], parts[5], parts.mid(6).join(u'/'), true);
    // /{org}/{name}/resolve/{rev}/{path}
    if (parts.size() >= 5 && parts[2] == u"resolve"_s)
        return handleResolve(socket, request, parts[0] + u'/' + parts[1], parts[3], parts.mid(4).join(u'/'), false);
    respond(socket, 404, { { "X-Error-Code", "EntryNotFound" } }, "not found", isHead);
}

bool FakeHfHub::tokenOk(const RecordedRequest& request, const Repo& repo, QTcpSocket* socket, bool head)
{
    const QByteArray auth = request.headers.value("authorization");
    if (repo.requiresToken && auth.isEmpty()) {
        respond(socket, 401, { { "X-Error-Code", "RepoNotFound" } }, "Invalid username or password.", head);
        return false;
    }
    return true;
}

void FakeHfHub::handleApi(QTcpSocket* socket,
                          const RecordedRequest& request,
                          const QString& repoId,
                          const QString& revision)
{
    Repo* repo = findRepo(repoId);
    if (!repo)
        return respond(socket, 404, { { "X-Error-Code", "RepoNotFound" } }, "Repository not found");
    if (!tokenOk(request, *repo, socket, false))
        return;
    if (revision != u"main"_s && revision.toLatin1() != repo->commit)
        return respond(socket, 404, { { "X-Error-Code", "RevisionNotFound" } }, "Revision not found");
    QJsonArray siblings;
    for (auto it = repo->files.begin(); it != repo->files.end(); ++it) {
        QJsonObject sibling { { u"rfilename"_s, it.key() },
                              { u"size"_s, it->size },
                              { u"blobId"_s, QString::fromLatin1(it->gitSha1) } };
        if (it->lfs)
            sibling.insert(u"lfs"_s,
                           QJsonObject { { u"sha256"_s, QString::fromLatin1(it->sha256) },
                                         { u"size"_s, it->size },
                                         { u"pointerSize"_s, 134 } });
        siblings.append(sibling);
    }
    const QJsonObject body { { u"id"_s, repoId },
                             { u"sha"_s, QString::fromLatin1(repo->commit) },
                             { u"private"_s, repo->requiresToken },
                             { u"gated"_s, repo->gated ? QJsonValue(u"manual"_s) : QJsonValue(false) },
                             { u"pipeline_tag"_s, u"text-generation"_s },
                             { u"library_name"_s, u"transformers"_s },
                             { u"tags"_s, QJsonArray { u"transformers"_s, u"safetensors"_s } },
                             { u"cardData"_s, QJsonObject { { u"license"_s, repo->license } } },
                             { u"siblings"_s, siblings } };
    respond(
        socket, 200, { { "Content-Type", "application/json" } }, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void FakeHfHub::handleResolve(QTcpSocket* socket,
                              const RecordedRequest& request,
                              const QString& repoId,
                              const QString& revision,
                              const QString& path,
                              bool viaRedirect)
{
    const bool isHead = request.method == "HEAD";
    Repo* repo = findRepo(repoId);
    if (!repo)
        return respond(socket, 404, { { "X-Error-Code", "RepoNotFound" } }, "Repository not found", isHead);
    if (!tokenOk(request, *repo, socket, isHead))
        return;
    if (repo->gated && request.headers.value("authorization") != "Bearer " + acceptedToken)
        return respond(socket,
                       403,
                       { { "X-Error-Code", "GatedRepo" },
                         { "X-Error-Message", "Access to model " + repoId.toUtf8() + " is restricted." } },
                       "gated",
                       isHead);
    if (revision != u"main"_s && revision.toLatin1() != repo->commit)
        return respond(socket, 404, { { "X-Error-Code", "RevisionNotFound" } }, "Revision not found", isHead);
    if (!repo->files.contains(path))
        return respond(socket, 404, { { "X-Error-Code", "EntryNotFound" } }, "Entry not found", isHead);
    const File& file = repo->files[path];
    QList<std::pair<QByteArray, QByteArray>> meta { { "X-Repo-Commit", repo->commit } };
    if (file.lfs) {
        meta.append({ "X-Linked-Etag", '"' + file.sha256 + '"' });
        meta.append({ "X-Linked-Size", QByteArray::number(file.size) });
    }
    if (!viaRedirect && redirect == Redirect::Relative) {
        meta.append({ "Location",
                      "/api/resolve-cache/models/" + repoId.toUtf8() + '/' + repo->commit + '/'
                          + QUrl::toPercentEncoding(path, "/") });
        return respond(socket, 302, meta, {}, isHead);
    }
    if (!viaRedirect && redirect == Redirect::Cdn && file.lfs) {
        meta.append({ "Location",
                      "http://127.0.0.1:" + QByteArray::number(m_cdn.serverPort()) + "/repos/"
                          + QString(repoId).replace(u'/', u'~').toUtf8() + '/' + QUrl::toPercentEncoding(path, "/")
                          + "?X-Amz-Signature=fake" });
        return respond(socket, 302, meta, {}, isHead);
    }
    serveBody(socket, request, *repo, path, isHead);
}

void FakeHfHub::serveBody(QTcpSocket* socket,
                          const RecordedRequest& request,
                          const Repo& repo,
                          const QString& path,
                          bool head)
{
    const File& file = repo.files[path];
    QList<std::pair<QByteArray, QByteArray>> headers { { "X-Repo-Commit", repo.commit },
                                                       { "ETag", '"' + (file.lfs ? file.sha256 : file.gitSha1) + '"' },
                                                       { "Accept-Ranges", "bytes" },
                                                       { "Content-Type", "application/octet-stream" } };
    if (!head && request.method == "GET" && failNextDownloads > 0) {
        --failNextDownloads;
        return respond(socket, failStatus, {}, "upstream trouble");
    }
    qint64 from = 0;
    qint64 to = file.size - 1;
    int status = 200;
    const QByteArray range = request.headers.value("range");
    if (range.startsWith("bytes=") && !ignoreRange) {
        const QList<QByteArray> bounds = range.mid(6).split('-');
        from = bounds.value(0).toLongLong();
        if (!bounds.value(1).isEmpty())
            to = std::min(to, bounds.value(1).toLongLong());
        if (from > to && file.size > 0)
            return respond(socket, 416, { { "Content-Range", "bytes */" + QByteArray::number(file.size) } }, {}, head);
        status = 206;
        headers.append({ "Content-Range",
                         "bytes " + QByteArray::number(from) + '-' + QByteArray::number(to) + '/'
                             + QByteArray::number(file.size) });
    }
    const qint64 length = std::max<qint64>(0, to - from + 1);
    headers.append({ "Content-Length", QByteArray::number(length) });
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Connection: close\r\n\r\n";
    socket->write(out);
    if (head || length == 0) {
        socket->disconnectFromHost();
        return;
    }

    auto* pump = new BodyPump;
    pump->setParent(socket);
    pump->socket = socket;
    pump->counter = &bodyBytesSent;
    pump->position = from;
    pump->end = to + 1;
    pump->perTick = throttleBytesPerTick;
    if (!file.diskPath.isEmpty()) {
        pump->file = std::make_unique<QFile>(file.diskPath);
        pump->file->open(QIODevice::ReadOnly);
    } else {
        pump->memory = file.content;
    }
    if (truncateNextDownloads > 0 && request.method == "GET") {
        --truncateNextDownloads;
        pump->stopAt = from + length / 2;
    }
    if (!corruptPath.isEmpty() && corruptPath == path)
        pump->corruptAt = file.size / 2;
    if (pump->perTick > 0) {
        auto* timer = new QTimer(pump);
        connect(timer, &QTimer::timeout, pump, [pump, timer] {
            if (!pump->pump(pump->perTick))
                timer->stop();
        });
        timer->start(throttleIntervalMs);
        return;
    }
    connect(socket, &QTcpSocket::bytesWritten, pump, [pump] { pump->pump(16 * kChunk); });
    pump->pump(16 * kChunk);
}

QMap<QString, QByteArray> sampleModelFiles(qint64 weightBytes)
{
    const qint64 rows = std::max<qint64>(1, weightBytes / 2 / 256);
    const qint64 dataBytes = rows * 256 * 2;
    const QByteArray json
        = QJsonDocument(QJsonObject { { u"__metadata__"_s, QJsonObject { { u"format"_s, u"pt"_s } } },
                                      { u"model.embed.weight"_s,
                                        QJsonObject { { u"dtype"_s, u"BF16"_s },
                                                      { u"shape"_s, QJsonArray { rows, 256 } },
                                                      { u"data_offsets"_s, QJsonArray { 0, dataBytes } } } } })
              .toJson(QJsonDocument::Compact);
    QByteArray safetensors(8, '\0');
    for (int i = 0; i < 8; ++i)
        safetensors[i] = static_cast<char>((json.size() >> (8 * i)) & 0xff);
    safetensors += json;
    QByteArray data(dataBytes, Qt::Uninitialized);
    for (qint64 i = 0; i < dataBytes; ++i)
        data[i] = static_cast<char>((static_cast<quint32>(i) * 2654435761u) >> 24);
    safetensors += data;
    const QByteArray config = QJsonDocument(QJsonObject { { u"architectures"_s, QJsonArray { u"LlamaForCausalLM"_s } },
                                                          { u"model_type"_s, u"llama"_s },
                                                          { u"torch_dtype"_s, u"bfloat16"_s },
                                                          { u"max_position_embeddings"_s, 8192 },
                                                          { u"hidden_size"_s, 256 },
                                                          { u"num_hidden_layers"_s, 2 },
                                                          { u"num_attention_heads"_s, 4 },
                                                          { u"num_key_value_heads"_s, 2 },
                                                          { u"vocab_size"_s, 1000 } })
                                  .toJson(QJsonDocument::Compact);
    return { { u"config.json"_s, config },
             { u"README.md"_s, "# sample model\n" },
             { u"model.safetensors"_s, safetensors } };
}

} // namespace aiops::testing
