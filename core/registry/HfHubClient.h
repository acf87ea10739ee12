#pragma once

#include "core/net/HttpTypes.h"
#include "core/protocol/Error.h"
#include "core/registry/ModelTypes.h"

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <functional>

namespace aiops::net {
class CurlClient;
}
namespace aiops::iam {
class SecretStore;
}

namespace aiops::registry {

// One file of a repo revision, from the model-info call with blobs=true.
struct HfFile
{
    QString path; // rfilename
    qint64 size = -1; // -1 when the Hub did not say
    QString lfsSha256; // LFS files only
    QString blobId; // git blob sha1; the blob name (and ETag) of small non-LFS files

    // The huggingface_hub cache names a blob by this: the LFS sha256, else the git blob id.
    QString blobHash() const { return lfsSha256.isEmpty() ? blobId : lfsSha256; }
};

struct HfModelInfo
{
    QString repo;
    QString revision; // as asked
    QString commitSha; // resolved ("sha")
    QList<HfFile> files;
    qint64 totalBytes = 0;
    bool gated = false; // "auto" or "manual" count as gated
    bool isPrivate = false;
    QString license; // cardData.license
    QString pipelineTag;
    QString libraryName;
    QStringList tags;
};

// What a HEAD on /{repo}/resolve/{rev}/{path} tells.
struct HfFileMetadata
{
    QString commitSha; // X-Repo-Commit
    QString etag; // X-Linked-Etag else ETag, quotes and W/ removed: sha256 for LFS files
    qint64 size = -1; // X-Linked-Size else Content-Length
    QUrl location; // where the content is (a CDN redirect target), empty when served in place
};

// HuggingFace Hub client on the shared CurlClient: nothing blocks, answers come through callbacks on
// the client's thread. The token (SecretStore key "hf-token") goes out as "Authorization: Bearer" to the
// endpoint host only: libcurl drops it on redirects to another host or port, so a CDN never sees it.
//
// Errors: 401 -> Unauthorized ("needs a HuggingFace token"), 403 or a gated repo -> Forbidden ("accept
// the license"), 404 -> NotFound; 5xx and transport failures -> Unavailable.
class HfHubClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HfHubClient)

public:
    template<typename T> using Callback = std::function<void(Result<T>)>;

    inline static const QString kTokenKey = QStringLiteral("hf-token");

    // secrets may be null (anonymous). Neither is owned.
    HfHubClient(net::CurlClient* client, iam::SecretStore* secrets, QObject* parent = nullptr);
    ~HfHubClient() override;

    // $HF_ENDPOINT when set, else https://huggingface.co.
    static QUrl defaultEndpoint();
    // A mirror from the settings; an empty URL restores defaultEndpoint().
    void setEndpoint(const QUrl& endpoint);
    QUrl endpoint() const { return m_endpoint; }
    net::CurlClient* curl() const { return m_curl; }

    // "org/name", "https://huggingface.co/org/name[/tree/rev]" -> "org/name"; empty when malformed.
    static QString normalizeRepoId(const QString& repoOrUrl);

    QUrl modelInfoUrl(const QString& repo, const QString& revision) const;
    QUrl resolveUrl(const QString& repo, const QString& revision, const QString& path) const;
    // A request to url with the token when there is one.
    net::Request authorizedRequest(const QUrl& url) const;
    // The Hub's typed error for an HTTP status (the messages the GUI shows); nullopt for < 400.
    static std::optional<Error> errorForHubStatus(int status, const net::HttpHeaders& headers, const QString& repo);

    void modelInfo(const QString& repo, const QString& revision, Callback<HfModelInfo> done);
    // HEAD; follows only relative redirects, reads the metadata off a cross-host redirect itself.
    void fileMetadata(const QString& repo, const QString& revision, const QString& path, Callback<HfFileMetadata> done);
    // Bytes [from, from + length) of a file (a Range GET that follows redirects). A server that ignores
    // the Range gets its answer cut to what was asked, up to maxBufferedBytes.
    void fetchRange(const QString& repo,
                    const QString& revision,
                    const QString& path,
                    qint64 from,
                    qint64 length,
                    Callback<QByteArray> done);
    // Model info, then config.json and the safetensors headers (Range, no weights): parameters, dtype,
    // context, task, framework and the minimum GPU memory. A gated repo the token cannot read fails
    // with Forbidden; missing config/headers only leave those fields empty.
    void preview(const QString& repo, const QString& revision, Callback<ModelPreview> done);

private:
    net::CurlClient* m_curl;
    iam::SecretStore* m_secrets;
    QUrl m_endpoint;
};

// Parses the body of GET /api/models/{repo}/revision/{rev}?blobs=true.
Result<HfModelInfo> parseHfModelInfo(const QByteArray& json, const QString& repo, const QString& revision);

} // namespace aiops::registry
