#include "core/registry/HfHubClient.h"

#include "core/iam/SecretStore.h"
#include "core/net/CurlClient.h"
#include "core/registry/ModelMetadata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <memory>

using namespace Qt::StringLiterals;

namespace aiops::registry {

namespace {

constexpr int kApiTimeoutMs = 30'000;
constexpr qint64 kHeaderProbeBytes = 64 * 1024; // one request covers the header of most safetensors files
constexpr qint64 kMaxConfigBytes = 4 * 1024 * 1024;

QString stripEtag(QByteArray etag)
{
    etag = etag.trimmed();
    if (etag.startsWith("W/"))
        etag = etag.mid(2);
    if (etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"'))
        etag = etag.mid(1, etag.size() - 2);
    return QString::fromLatin1(etag);
}

QString encodePath(const QString& path)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(path, "/"));
}

bool sameOrigin(const QUrl& a, const QUrl& b)
{
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == u"https"_s ? 443 : 80) == b.port(b.scheme() == u"https"_s ? 443 : 80);
}

} // namespace

HfHubClient::HfHubClient(net::CurlClient* client, iam::SecretStore* secrets, QObject* parent)
    : QObject(parent)
    , m_curl(client)
    , m_secrets(secrets)
    , m_endpoint(defaultEndpoint())
{
}

HfHubClient::~HfHubClient() = default;

QUrl HfHubClient::defaultEndpoint()
{
    const QByteArray env = qgetenv("HF_ENDPOINT").trimmed();
    if (!env.isEmpty()) {
        QUrl url(QString::fromUtf8(env));
        if (url.isValid() && !url.scheme().isEmpty())
            return url;
    }
    return QUrl(u"https://huggingface.co"_s);
}

void HfHubClient::setEndpoint(const QUrl& endpoint)
{
    m_endpoint = endpoint.isEmpty() ? defaultEndpoint() : endpoint;
}

QString HfHubClient::normalizeRepoId(const QString& repoOrUrl)
{
    QString text = repoOrUrl.trimmed();
    if (text.contains(u"://"_s)) {
        const QUrl url(text);
        text = url.path();
    }
    QStringList parts = text.split(u'/', Qt::SkipEmptyParts);
    if (!parts.isEmpty() && parts.first() == u"models"_s)
        parts.removeFirst();
    if (parts.size() < 2)
        return {};
    static const QRegularExpression kName(u"^[A-Za-z0-9][A-Za-z0-9._-]*$"_s);
    if (!kName.match(parts.at(0)).hasMatch() || !kName.match(parts.at(1)).hasMatch())
        return {};
    return parts.at(0) + u'/' + parts.at(1);
}

QUrl HfHubClient::modelInfoUrl(const QString& repo, const QString& revision) const
{
    QUrl url = m_endpoint;
    const QString base = url.path().endsWith(u'/') ? url.path().chopped(1) : url.path();
    const QString rev = QString::fromLatin1(QUrl::toPercentEncoding(revision.isEmpty() ? u"main"_s : revision));
    url.setPath(base + u"/api/models/"_s + repo + u"/revision/"_s + rev, QUrl::TolerantMode);
    url.setQuery(u"blobs=true"_s);
    return url;
}

QUrl HfHubClient::resolveUrl(const QString& repo, const QString& revision, const QString& path) const
{
    QUrl url = m_endpoint;
    const QString base = url.path().endsWith(u'/') ? url.path().chopped(1) : url.path();
    const QString rev = QString::fromLatin1(QUrl::toPercentEncoding(revision.isEmpty() ? u"main"_s : revision));
    url.setPath(base + u'/' + repo + u"/resolve/"_s + rev + u'/' + encodePath(path), QUrl::TolerantMode);
    return url;
}

net::Request HfHubClient::authorizedRequest(const QUrl& url) const
{
    net::Request request;
    request.url = url;
    if (m_secrets) {
        auto token = m_secrets->read(kTokenKey);
        if (token && !token->trimmed().isEmpty())
            request.headers.set("Authorization", "Bearer " + token->trimmed());
    }
    return request;
}

std::optional<Error> HfHubClient::errorForHubStatus(int status, const net::HttpHeaders& headers, const QString& repo)
{
    if (status < 400)
        return std::nullopt;
    const QByteArray hubCode = headers.value("X-Error-Code");
    const QString hubMessage = QString::fromUtf8(headers.value("X-Error-Message"));
    if (status == 401)
        return Error { ErrorCode::Unauthorized,
                       tr("%1 needs a HuggingFace token: add one in Settings").arg(repo),
                       u"token"_s };
    if (status == 403 || hubCode == "GatedRepo")
        return Error {
            ErrorCode::Forbidden,
            tr("%1 is gated: accept the license on its HuggingFace page with the account of your token").arg(repo),
            u"repo"_s
        };
    if (status == 404 || status == 410)
        return Error { ErrorCode::NotFound,
                       hubMessage.isEmpty() ? tr("%1 was not found on the Hub (repo, revision or file)").arg(repo)
                                            : hubMessage,
                       u"repo"_s };
    Error error = *net::errorForStatus(status);
    error.message = tr("the Hub answered HTTP %1 for %2").arg(status).arg(repo);
    if (status == 429 || status >= 500)
        error.retryAfterSeconds = headers.value("Retry-After").toInt();
    return error;
}

Result<HfModelInfo> parseHfModelInfo(const QByteArray& json, const QString& repo, const QString& revision)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return makeError(ErrorCode::InvalidJson, u"the Hub's model info is not a JSON object"_s);
    const QJsonObject root = doc.object();
    HfModelInfo info;
    info.repo = repo;
    info.revision = revision.isEmpty() ? u"main"_s : revision;
    info.commitSha = root.value(u"sha"_s).toString();
    const QJsonValue gated = root.value(u"gated"_s);
    info.gated = gated.isString() ? !gated.toString().isEmpty() : gated.toBool();
    info.isPrivate = root.value(u"private"_s).toBool();
    info.pipelineTag = root.value(u"pipeline_tag"_s).toString();
    info.libraryName = root.value(u"library_name"_s).toString();
    for (const QJsonValue& tag : root.value(u"tags"_s).toArray())
        info.tags.append(tag.toString());
    const QJsonValue license = root.value(u"cardData"_s).toObject().value(u"license"_s);
    info.license = license.isArray() ? license.toArray().first().toString() : license.toString();
    for (const QJsonValue& value : root.value(u"siblings"_s).toArray()) {
        const QJsonObject sibling = value.toObject();
        HfFile file;
        file.path = sibling.value(u"rfilename"_s).toString();
        if (file.path.isEmpty())
            continue;
        const QJsonObject lfs = sibling.value(u"lfs"_s).toObject();
        file.lfsSha256 = lfs.value(u"sha256"_s).toString().toLower();
        file.blobId = sibling.value(u"blobId"_s).toString().toLower();
        if (sibling.contains(u"size"_s))
            file.size = sibling.value(u"size"_s).toInteger(-1);
        else if (lfs.contains(u"size"_s))
            file.size = lfs.value(u"size"_s).toInteger(-1);
        if (file.size > 0)
            info.totalBytes += file.size;
        info.files.append(file);
    }
    return info;
}

void HfHubClient::modelInfo(const QString& repo, const QString& revision, Callback<HfModelInfo> done)
{
    net::Request request = authorizedRequest(modelInfoUrl(repo, revision));
    request.timeoutMs = kApiTimeoutMs;
    request.followRedirects = true; // a renamed repo answers 307 to its new name, same host
    net::Transfer* transfer = m_curl->start(std::move(request));
    connect(transfer,
            &net::Transfer::finished,
            this,
            [repo, revision, done = std::move(done)](const Result<net::Response>& result) {
                if (!result)
                    return done(std::unexpected(result.error()));
                if (auto error = errorForHubStatus(result->status, result->headers, repo))
                    return done(std::unexpected(*error));
                done(parseHfModelInfo(result->body, repo, revision));
            });
}

void HfHubClient::fileMetadata(const QString& repo,
                               const QString& revision,
                               const QString& path,
                               Callback<HfFileMetadata> done)
{
    struct State
    {
        QString repo;
        int hops = 0;
        Callback<HfFileMetadata> done;
        QUrl origin;
    };
    auto state = std::make_shared<State>(State { repo, 0, std::move(done), m_endpoint });
    auto issue = std::make_shared<std::function<void(QUrl)>>();
    QPointer<HfHubClient> self(this);
    *issue = [self, state, issue](const QUrl& url) {
        if (!self)
            return;
        net::Request request = self->authorizedRequest(url);
        request.method = "HEAD";
        request.timeoutMs = kApiTimeoutMs;
        request.headers.set("Accept-Encoding", "identity");
        net::Transfer* transfer = self->m_curl->start(std::move(request));
        connect(transfer, &net::Transfer::finished, self, [state, issue, url](const Result<net::Response>& result) {
            auto finish = [&](Result<HfFileMetadata> value) {
                auto callback = std::move(state->done);
                *issue = nullptr; // breaks the self-reference
                callback(std::move(value));
            };
            if (!result)
                return finish(std::unexpected(result.error()));
            if (auto error = errorForHubStatus(result->status, result->headers, state->repo))
                return finish(std::unexpected(*error));
            HfFileMetadata meta;
            const net::HttpHeaders& headers = result->headers;
            meta.commitSha = QString::fromLatin1(headers.value("X-Repo-Commit"));
            meta.etag = stripEtag(headers.value("X-Linked-Etag", headers.value("ETag")));
            meta.size = headers.value("X-Linked-Size", headers.value("Content-Length", "-1")).toLongLong();
            if (result->status >= 300 && result->status < 400 && headers.contains("Location")) {
                const QUrl target = url.resolved(QUrl::fromEncoded(headers.value("Location")));
                if (sameOrigin(target, state->origin) && ++state->hops <= 5) {
                    // A relative redirect (renamed repo): ask again there, with the token.
                    return (*issue)(target);
                }
                meta.location = target;
            }
            finish(meta);
        });
    };
    (*issue)(resolveUrl(repo, revision, path));
}

void HfHubClient::fetchRange(const QString& repo,
                             const QString& revision,
                             const QString& path,
                             qint64 from,
                             qint64 length,
                             Callback<QByteArray> done)
{
    net::Request request = authorizedRequest(resolveUrl(repo, revision, path));
    request.timeoutMs = kApiTimeoutMs;
    request.followRedirects = true;
    request.headers.set("Range", "bytes=" + QByteArray::number(from) + '-' + QByteArray::number(from + length - 1));
    // A server that ignores Range sends the whole file: allow the prefix plus a little.
    request.maxBufferedBytes = from + length + kHeaderProbeBytes;
    net::Transfer* transfer = m_curl->start(std::move(request));
    connect(transfer,
            &net::Transfer::finished,
            this,
            [repo, from, length, done = std::move(done)](const Result<net::Response>& result) {
                if (!result)
                    return done(std::unexpected(result.error()));
                if (auto error = errorForHubStatus(result->status, result->headers, repo))
                    return done(std::unexpected(*error));
                if (result->status == 200)
                    return done(result->body.mid(from, length));
                done(result->body.left(length));
            });
}

void HfHubClient::preview(const QString& repoOrUrl, const QString& revision, Callback<ModelPreview> done)
{
    const QString repo = normalizeRepoId(repoOrUrl);
    if (repo.isEmpty())
        return done(
            makeError(ErrorCode::InvalidValue, tr("'%1' is not a HuggingFace repo id").arg(repoOrUrl), u"repo"_s));

    struct State
    {
        HfModelInfo info;
        std::optional<ModelConfig> config;
        QList<SafetensorsHeader> headers;
        int pending = 0;
        std::optional<Error> fatal;
        Callback<ModelPreview> done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    QPointer<HfHubClient> self(this);

    auto complete = [state] {
        if (--state->pending > 0)
            return;
        if (state->fatal)
            return state->done(std::unexpected(*state->fatal));
        const HfModelInfo& info = state->info;
        QList<ModelFileInfo> files;
        ModelPreview preview;
        preview.repo = info.repo;
        preview.revision = info.revision;
        preview.commitSha = info.commitSha;
        preview.license = info.license;
        preview.gated = info.gated;
        preview.totalBytes = info.totalBytes;
        for (const HfFile& file : info.files) {
            files.append(ModelFileInfo { file.path, std::max<qint64>(file.size, 0) });
            preview.files.append(ModelFile { file.path, std::max<qint64>(file.size, 0), file.lfsSha256 });
        }
        ModelMetadata meta = deriveModelMetadata(state->config, state->headers, files);
        preview.parameters = meta.parameters;
        preview.dtype = meta.dtype;
        preview.contextLength = meta.contextLength;
        preview.task = meta.task;
        if (preview.task.isEmpty() && info.pipelineTag == u"text-generation"_s)
            preview.task = u"llm"_s;
        preview.framework = meta.framework;
        preview.modelFormat = meta.modelFormat;
        preview.minGpuMemoryMb = meta.minGpuMemoryMb;
        state->done(std::move(preview));
    };
    // A 401/403 on a file means the repo is not readable with this token: that is the answer.
    auto noteError = [state](const Error& error) {
        if (!state->fatal && (error.code == ErrorCode::Unauthorized || error.code == ErrorCode::Forbidden))
            state->fatal = error;
    };

    modelInfo(repo, revision, [self, state, repo, revision, complete, noteError](Result<HfModelInfo> info) {
        if (!info)
            return state->done(std::unexpected(info.error()));
        state->info = std::move(*info);
        // Pin the commit so that every metadata fetch reads the same revision.
        const QString rev = state->info.commitSha.isEmpty() ? revision : state->info.commitSha;
        if (!self)
            return;
        state->pending = 1; // released at the end of this function
        for (const HfFile& file : state->info.files) {
            if (file.path == u"config.json"_s) {
                ++state->pending;
                self->fetchRange(
                    repo, rev, file.path, 0, kMaxConfigBytes, [state, complete, noteError](Result<QByteArray> body) {
                        if (!body)
                            noteError(body.error());
                        else if (auto config = parseModelConfig(*body))
                            state->config = *config;
                        complete();
                    });
            } else if (file.path.endsWith(u".safetensors"_s)) {
                ++state->pending;
                QPointer<HfHubClient> client = self;
                self->fetchRange(
                    repo,
                    rev,
                    file.path,
                    0,
                    kHeaderProbeBytes,
                    [client, state, complete, noteError, repo, rev, path = file.path](Result<QByteArray> start) {
                        if (!start) {
                            noteError(start.error());
                            return complete();
                        }
                        auto length = safetensorsHeaderLength(*start);
                        if (!length || *length > kMaxSafetensorsHeaderBytes)
                            return complete();
                        if (8 + *length <= start->size()) {
                            if (auto header = parseSafetensorsHeader(*start))
                                state->headers.append(*header);
                            return complete();
                        }
                        if (!client)
                            return complete();
                        client->fetchRange(
                            repo, rev, path, 0, 8 + *length, [state, complete, noteError](Result<QByteArray> whole) {
                                if (!whole)
                                    noteError(whole.error());
                                else if (auto header = parseSafetensorsHeader(*whole))
                                    state->headers.append(*header);
                                complete();
                            });
                    });
            }
        }
        complete();
    });
}

} // namespace aiops::registry
