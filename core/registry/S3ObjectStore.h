#pragma once

#include "core/net/HttpHeaders.h"
#include "core/registry/ObjectStore.h"
#include "core/registry/SigV4.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <memory>

namespace aiops::net {
class CurlClient;
class Transfer;
struct Request;
struct Response;
} // namespace aiops::net

namespace aiops::registry {

struct S3Config
{
    static constexpr qint64 kMiB = 1024 * 1024;
    static constexpr qint64 kMinPartSize = 5 * kMiB; // S3's floor for every part but the last
    static constexpr qint64 kMaxObjectPut = 5 * 1024 * kMiB; // S3's ceiling for one PUT (and one part)
    static constexpr int kMaxParts = 10'000;

    QUrl endpoint; // "http://minio:9000"; scheme and authority only (path-style: the bucket goes in the path)
    QString bucket;
    QString region = QStringLiteral("us-east-1");
    QString prefix; // prepended to every key with a '/'; slashes around it are ignored
    QByteArray accessKeyId;
    QByteArray secretAccessKey;
    QByteArray sessionToken; // empty: none
    // Files of this size and more go up in parts; smaller ones in one PUT, read into memory.
    qint64 multipartThreshold = 64 * kMiB;
    qint64 partSize = 16 * kMiB; // each part is read into memory
    int maxParallelParts = 4;
    int requestTimeoutMs = 30'000; // requests without a body to send
    int uploadTimeoutMs = 600'000; // one object PUT or one part, sent from memory
    int maxPartAttempts = 3; // a part failing with 5xx or a transport error is sent again, with backoff
    int retryBackoffMs = 500; // doubled after each failed attempt

    // InvalidValue naming the offending field; makes no request.
    Result<void> validate() const;
};

// S3's error for a response: the <Error><Code>/<Message> body (also when it comes with 200, as
// CompleteMultipartUpload may do), else the x-amz-error-code header (HEAD has no body), else the
// status. nullopt for a 1xx-3xx response without an <Error> body.
std::optional<Error> s3ErrorFor(int status, const QByteArray& body, const net::HttpHeaders& headers = {});

// Artifacts in an S3 bucket (AWS, MinIO, Ceph RGW), path-style URLs, every request signed with
// SigV4. Multipart uploads for big files, presigned GET URLs for nodes, which never hold credentials.
// Use from the thread that owns the CurlClient.
class S3ObjectStore final : public QObject, public ObjectStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(S3ObjectStore)

public:
    // The config is checked by every operation, which fails with InvalidValue before any request.
    S3ObjectStore(S3Config config, net::CurlClient* curl, QObject* parent = nullptr);
    ~S3ObjectStore() override; // cancels its transfers; pending callbacks are dropped

    const S3Config& config() const { return m_config; }

    QString kind() const override { return QStringLiteral("s3"); }
    QString location(const QString& key = {}) const override;
    void putFile(const QString& key, const QString& filePath, Progress progress, Callback<void> done) override;
    void stat(const QString& key, Callback<std::optional<ObjectInfo>> done) override;
    void remove(const QString& key, Callback<void> done) override;
    Result<QUrl> downloadUrl(const QString& key, int expiresSeconds) const override;

    // HEAD the bucket and create it (PUT) when it is missing.
    void ensureBucket(Callback<void> done);
    // HEAD the bucket: Forbidden (credentials), NotFound (no bucket), Unavailable (endpoint down).
    void testConnection(Callback<void> done);
    // Every operation under way fails with a cancellation (net::isCancellation); multipart uploads
    // are aborted on the server.
    void cancelAll();

    // Test hook: the time requests and presigned URLs are signed at.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

private:
    struct Call;
    struct Multipart;
    using Reply = std::function<void(Result<net::Response>)>;

    Result<net::Request> buildRequest(const Call& call) const;
    QPointer<net::Transfer> send(const Call& call, Reply reply);
    QByteArray wirePath(const QString& key) const;
    QByteArray hostHeader() const;
    QString fullKey(const QString& key) const;
    Result<void> checkKey(const QString& key) const;
    template<typename T> void failLater(const Callback<T>& done, Error error);
    bool cancelledSince(quint64 generation) const { return generation != m_generation; }

    void headBucket(Callback<void> done);
    void createBucket(Callback<void> done);
    void putSmall(const QString& key, const QString& filePath, qint64 size, Progress progress, Callback<void> done);
    void startMultipart(std::shared_ptr<Multipart> upload);
    void fillParts(const std::shared_ptr<Multipart>& upload);
    void uploadPart(std::shared_ptr<Multipart> upload, int index, int attempt);
    void onPartDone(const std::shared_ptr<Multipart>& upload, int index, int attempt, Result<net::Response> result);
    void completeMultipart(std::shared_ptr<Multipart> upload);
    void failMultipart(const std::shared_ptr<Multipart>& upload, Error error);

    S3Config m_config;
    QPointer<net::CurlClient> m_curl;
    SigV4Signer m_signer;
    std::function<QDateTime()> m_clock;
    QList<QPointer<net::Transfer>> m_transfers; // in flight, for cancelAll()
    quint64 m_generation = 0; // bumped by cancelAll(): operations started before it stop
};

} // namespace aiops::registry
