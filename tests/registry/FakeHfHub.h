#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

namespace aiops::testing {

// Test double of the HuggingFace Hub: a raw HTTP/1.1 server on loopback (a QTcpServer, because the
// failure modes need control over bytes and connections: truncated bodies, ignored Range) plus a
// second server on another port that plays the CDN. It mimics
//   GET  /api/models/{repo}/revision/{rev}?blobs=true   siblings (rfilename, size, blobId, lfs.sha256), sha,
//                                                       gated, cardData.license
//   HEAD/GET /{repo}/resolve/{rev}/{path}               X-Repo-Commit, ETag, X-Linked-Etag/-Size, Range
// and answers 401 (private repo, no token), 403 GatedRepo (gated, token not accepted), 404.
// Every answer closes its connection.
class FakeHfHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeHfHub)

public:
    enum class Redirect { None, Relative, Cdn };

    struct File
    {
        QByteArray content; // in memory, or
        QString diskPath; // served from disk (big files)
        qint64 size = 0;
        QByteArray sha256; // hex
        QByteArray gitSha1; // hex
        bool lfs = false;
    };

    struct Repo
    {
        QString id;
        QByteArray commit; // 40 hex
        QMap<QString, File> files;
        bool gated = false;
        bool requiresToken = false; // private: 401 without a token
        QString license = QStringLiteral("apache-2.0");
    };

    struct RecordedRequest
    {
        bool cdn = false;
        QByteArray method;
        QByteArray target;
        QMap<QByteArray, QByteArray> headers; // lower-case names
    };

    explicit FakeHfHub(QObject* parent = nullptr);
    ~FakeHfHub() override;

    QUrl endpoint() const;
    quint16 cdnPort() const { return m_cdn.serverPort(); }

    // Files ending in .safetensors/.bin/.gguf/.onnx, or larger than 10 MiB, are LFS (blob = sha256).
    Repo& addRepo(const QString& id, const QMap<QString, QByteArray>& files);
    // A big file served from disk; sha256 given by the caller (hashing 1 GiB here would be slow).
    void addDiskFile(const QString& repoId, const QString& path, const QString& diskPath, const QByteArray& sha256);
    Repo& repo(const QString& id) { return m_repos[id]; }

    // The token with which gated repos are readable ("the license was accepted").
    QByteArray acceptedToken = "hf_accepted";
    Redirect redirect = Redirect::None;
    bool ignoreRange = false; // answer 200 with the whole body to a Range request
    int failNextDownloads = 0; // that many file GETs answer failStatus first
    int failStatus = 500;
    int truncateNextDownloads = 0; // that many file GETs send half the body, then drop the connection
    QString corruptPath; // this file is served with one byte flipped (the sha256 no longer matches)
    qint64 throttleBytesPerTick = 0; // > 0: bodies drip this many bytes every throttleIntervalMs
    int throttleIntervalMs = 10;

    QList<RecordedRequest> requests; // every request, in order
    qint64 bodyBytesSent = 0; // file-body bytes written to sockets

    QList<RecordedRequest> fileRequests(const QString& path, bool cdnOnly = false) const;

private:
    void accept(QTcpSocket* socket, bool cdn);
    void handle(QTcpSocket* socket, bool cdn, const QByteArray& head);
    void handleApi(QTcpSocket* socket, const RecordedRequest& request, const QString& repoId, const QString& revision);
    void handleResolve(QTcpSocket* socket,
                       const RecordedRequest& request,
                       const QString& repoId,
                       const QString& revision,
                       const QString& path,
                       bool viaRedirect);
    void
    serveBody(QTcpSocket* socket, const RecordedRequest& request, const Repo& repo, const QString& path, bool head);
    void respond(QTcpSocket* socket,
                 int status,
                 const QList<std::pair<QByteArray, QByteArray>>& headers,
                 const QByteArray& body = {},
                 bool head = false);
    Repo* findRepo(const QString& id);
    bool tokenOk(const RecordedRequest& request, const Repo& repo, QTcpSocket* socket, bool head);

    QTcpServer m_hub;
    QTcpServer m_cdn;
    QHash<QString, Repo> m_repos;
};

// A small Llama-like repo: config.json, a README, and model.safetensors with one BF16 tensor of
// weightBytes / 2 elements (shape [rows, 256]) whose bytes are a deterministic pattern.
QMap<QString, QByteArray> sampleModelFiles(qint64 weightBytes);

} // namespace aiops::testing
