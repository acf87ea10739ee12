#include "core/registry/S3ObjectStore.h"

#include "core/net/CurlClient.h"
#include "core/net/HttpTypes.h"
#include "core/net/Transfer.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTimer>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>
#include <algorithm>
#include <utility>

namespace aiops::registry {

using namespace Qt::StringLiterals;

namespace {

constexpr int kMaxPresignSeconds = 604'800; // SigV4's limit for X-Amz-Expires: seven days
constexpr qsizetype kMaxKeyBytes = 1024; // S3's limit for a key, prefix included

std::unexpected<Error> invalid(const QString& field, const QString& message)
{
    return makeError(ErrorCode::InvalidValue, u"S3 config: %1"_s.arg(message), field);
}

bool isBucketChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.';
}

// S3's bucket naming rules; an uppercase or '_' name works on some servers only, and a name that is
// not a DNS label would break a later move to virtual-host style.
Result<void> checkBucketName(const QString& bucket)
{
    if (bucket.isEmpty())
        return invalid(u"bucket"_s, u"the bucket name is empty"_s);
    const bool rightSize = bucket.size() >= 3 && bucket.size() <= 63;
    const bool charsOk = std::all_of(bucket.cbegin(), bucket.cend(), isBucketChar);
    const bool edgesOk = bucket.front().isLetterOrNumber() && bucket.back().isLetterOrNumber();
    if (!rightSize || !charsOk || !edgesOk)
        return invalid(u"bucket"_s, u"'%1' is not a valid bucket name (3-63 of a-z, 0-9, '-', '.')"_s.arg(bucket));
    return {};
}

Result<void> checkEndpoint(const QUrl& endpoint)
{
    const QString scheme = endpoint.scheme();
    if (!endpoint.isValid() || endpoint.host().isEmpty())
        return invalid(u"endpoint"_s, u"'%1' is not a URL with a host"_s.arg(endpoint.toDisplayString()));
    if (scheme != u"http"_s && scheme != u"https"_s)
        return invalid(u"endpoint"_s, u"the endpoint scheme must be http or https, not '%1'"_s.arg(scheme));
    // Path-style addressing puts the bucket first in the path; credentials never go in a URL.
    const bool bare = (endpoint.path().isEmpty() || endpoint.path() == u"/"_s) && !endpoint.hasQuery()
        && !endpoint.hasFragment() && endpoint.userInfo().isEmpty();
    if (!bare)
        return invalid(u"endpoint"_s, u"the endpoint must be scheme://host[:port] only"_s);
    return {};
}

// Segments "." and ".." would be collapsed by the HTTP client, so the signed path would not be sent.
Result<void> checkPathSegments(const QString& path, const QString& field)
{
    for (const QString& segment : path.split(u'/')) {
        if (segment == u"."_s || segment == u".."_s)
            return makeError(ErrorCode::InvalidValue, u"%1 '%2' has a '.' or '..' segment"_s.arg(field, path), field);
    }
    for (const QChar c : path) {
        if (c.category() == QChar::Other_Control)
            return makeError(ErrorCode::InvalidValue, u"%1 '%2' has a control character"_s.arg(field, path), field);
    }
    return {};
}

Result<void> checkSizes(const S3Config& config)
{
    if (config.partSize < S3Config::kMinPartSize || config.partSize > S3Config::kMaxObjectPut)
        return invalid(u"partSize"_s, u"part size %1 is outside 5 MiB..5 GiB"_s.arg(config.partSize));
    if (config.multipartThreshold < 1 || config.multipartThreshold > S3Config::kMaxObjectPut)
        return invalid(u"multipartThreshold"_s,
                       u"multipart threshold %1 is outside 1 B..5 GiB"_s.arg(config.multipartThreshold));
    if (config.maxParallelParts < 1 || config.maxParallelParts > 64)
        return invalid(u"maxParallelParts"_s, u"parallel parts %1 is outside 1..64"_s.arg(config.maxParallelParts));
    if (config.maxPartAttempts < 1 || config.maxPartAttempts > 10)
        return invalid(u"maxPartAttempts"_s, u"part attempts %1 is outside 1..10"_s.arg(config.maxPartAttempts));
    if (config.requestTimeoutMs < 0 || config.uploadTimeoutMs < 0)
        return invalid(u"requestTimeoutMs"_s, u"a timeout is negative"_s);
    if (config.retryBackoffMs < 0 || config.retryBackoffMs > 60'000)
        return invalid(u"retryBackoffMs"_s, u"retry backoff %1 ms is outside 0..60000"_s.arg(config.retryBackoffMs));
    return {};
}

QString trimmedPrefix(const QString& prefix)
{
    qsizetype begin = 0;
    qsizetype end = prefix.size();
    while (begin < end && prefix.at(begin) == u'/')
        ++begin;
    while (end > begin && prefix.at(end - 1) == u'/')
        --end;
    return prefix.mid(begin, end - begin);
}

struct S3ErrorBody
{
    QString code;
    QString message;
};

std::optional<S3ErrorBody> parseErrorBody(const QByteArray& body)
{
    if (!body.contains("<Error"))
        return std::nullopt;
    QXmlStreamReader xml(body);
    if (!xml.readNextStartElement() || xml.name() != u"Error"_s)
        return std::nullopt;
    S3ErrorBody out;
    while (xml.readNextStartElement()) {
        if (xml.name() == u"Code"_s)
            out.code = xml.readElementText();
        else if (xml.name() == u"Message"_s)
            out.message = xml.readElementText();
        else
            xml.skipCurrentElement();
    }
    return out;
}

std::optional<ErrorCode> codeForS3Code(const QString& s3Code)
{
    static const QHash<QString, ErrorCode> codes {
        { u"AccessDenied"_s, ErrorCode::Forbidden },         { u"SignatureDoesNotMatch"_s, ErrorCode::Forbidden },
        { u"InvalidAccessKeyId"_s, ErrorCode::Forbidden },   { u"RequestTimeTooSkewed"_s, ErrorCode::Forbidden },
        { u"ExpiredToken"_s, ErrorCode::Forbidden },         { u"InvalidToken"_s, ErrorCode::Forbidden },
        { u"NoSuchBucket"_s, ErrorCode::NotFound },          { u"NoSuchKey"_s, ErrorCode::NotFound },
        { u"NoSuchUpload"_s, ErrorCode::NotFound },          { u"BucketAlreadyOwnedByYou"_s, ErrorCode::Conflict },
        { u"BucketAlreadyExists"_s, ErrorCode::Conflict },   { u"EntityTooLarge"_s, ErrorCode::PayloadTooLarge },
        { u"SlowDown"_s, ErrorCode::RateLimited },           { u"InternalError"_s, ErrorCode::Unavailable },
        { u"ServiceUnavailable"_s, ErrorCode::Unavailable },
    };
    const auto it = codes.constFind(s3Code);
    return it == codes.cend() ? std::nullopt : std::optional(it.value());
}

QByteArray unquoted(QByteArray etag)
{
    if (etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"'))
        return etag.mid(1, etag.size() - 2);
    return etag;
}

QByteArray uploadIdFrom(const QByteArray& body)
{
    QXmlStreamReader xml(body);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"UploadId"_s)
            return xml.readElementText().toUtf8();
    }
    return {};
}

QByteArray completeMultipartXml(const QList<QByteArray>& etags)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument();
    xml.writeStartElement(u"CompleteMultipartUpload"_s);
    for (qsizetype i = 0; i < etags.size(); ++i) {
        xml.writeStartElement(u"Part"_s);
        xml.writeTextElement(u"PartNumber"_s, QString::number(i + 1));
        xml.writeTextElement(u"ETag"_s, QString::fromUtf8(etags.at(i)));
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

// 5xx, SlowDown and transport errors (timeouts, resets) may pass on a second try; 4xx will not.
bool isRetryable(const Error& error)
{
    return !net::isCancellation(error)
        && (error.code == ErrorCode::Unavailable || error.code == ErrorCode::RateLimited);
}

Error withContext(Error error, const QString& context)
{
    if (net::isCancellation(error))
        return error; // callers recognise a cancellation by its exact message
    error.message = context + u": "_s + error.message;
    return error;
}

Error cancelledError()
{
    return Error { ErrorCode::Unavailable, net::cancelledMessage(), {} };
}

} // namespace

Result<void> S3Config::validate() const
{
    if (auto ok = checkEndpoint(endpoint); !ok)
        return ok;
    if (auto ok = checkBucketName(bucket); !ok)
        return ok;
    if (region.isEmpty())
        return invalid(u"region"_s, u"the region is empty"_s);
    if (accessKeyId.isEmpty() || secretAccessKey.isEmpty())
        return invalid(u"accessKeyId"_s, u"the access key id or secret key is empty"_s);
    if (auto ok = checkPathSegments(trimmedPrefix(prefix), u"prefix"_s); !ok)
        return ok;
    return checkSizes(*this);
}

std::optional<Error> s3ErrorFor(int status, const QByteArray& body, const net::HttpHeaders& headers)
{
    S3ErrorBody parsed = parseErrorBody(body).value_or(S3ErrorBody {});
    const bool errorBody = !parsed.code.isEmpty();
    if (!errorBody && status >= 100 && status < 400)
        return std::nullopt;
    if (!errorBody) {
        parsed.code = QString::fromUtf8(headers.value("x-amz-error-code"));
        parsed.message = QString::fromUtf8(headers.value("x-amz-error-message"));
    }
    const std::optional<Error> byStatus = net::errorForStatus(status);
    // An <Error> in a 200 (CompleteMultipartUpload) is S3 failing after it sent the status line.
    ErrorCode code = codeForS3Code(parsed.code).value_or(byStatus ? byStatus->code : ErrorCode::Unavailable);
    QString message = u"S3 %1 (HTTP %2)"_s.arg(parsed.code.isEmpty() ? u"error"_s : parsed.code).arg(status);
    if (!parsed.message.isEmpty())
        message += u": "_s + parsed.message;
    return Error { code, message, {} };
}

struct S3ObjectStore::Call
{
    QByteArray method = "GET";
    QString key; // empty: the bucket itself
    SigV4Pairs query;
    QByteArray body;
    QByteArray contentType;
    int timeoutMs = 0;
};

struct S3ObjectStore::Multipart
{
    QString key;
    QString filePath;
    qint64 size = 0;
    qint64 partSize = 0;
    int partCount = 0;
    Progress progress;
    Callback<void> done;
    quint64 generation = 0;
    QByteArray uploadId;
    int nextPart = 0;
    int inFlight = 0;
    int completed = 0;
    qint64 sent = 0;
    QList<QByteArray> etags; // by part index
    QList<QPointer<net::Transfer>> transfers;
    bool failed = false;

    qint64 partLength(int index) const { return std::min(partSize, size - index * partSize); }
    void report() const
    {
        if (progress)
            progress(sent, size);
    }
};

S3ObjectStore::S3ObjectStore(S3Config config, net::CurlClient* curl, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_curl(curl)
    , m_signer(SigV4Credentials { m_config.accessKeyId, m_config.secretAccessKey, m_config.sessionToken },
               m_config.region.toUtf8(),
               "s3")
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_config.prefix = trimmedPrefix(m_config.prefix);
}

S3ObjectStore::~S3ObjectStore()
{
    for (const QPointer<net::Transfer>& transfer : std::as_const(m_transfers)) {
        if (transfer)
            transfer->cancel();
    }
}

QString S3ObjectStore::fullKey(const QString& key) const
{
    if (m_config.prefix.isEmpty() || key.isEmpty())
        return m_config.prefix.isEmpty() ? key : m_config.prefix;
    return m_config.prefix + u'/' + key;
}

QString S3ObjectStore::location(const QString& key) const
{
    const QString path = fullKey(key);
    return u"s3://"_s + m_config.bucket + (path.isEmpty() ? QString() : u'/' + path);
}

Result<void> S3ObjectStore::checkKey(const QString& key) const
{
    if (auto ok = m_config.validate(); !ok)
        return ok;
    if (key.isEmpty() || key.startsWith(u'/'))
        return makeError(ErrorCode::InvalidValue, u"S3 key '%1' is empty or starts with '/'"_s.arg(key), u"key"_s);
    if (fullKey(key).toUtf8().size() > kMaxKeyBytes)
        return makeError(ErrorCode::InvalidValue, u"S3 key is longer than 1024 bytes"_s, u"key"_s);
    return checkPathSegments(key, u"key"_s);
}

QByteArray S3ObjectStore::wirePath(const QString& key) const
{
    const QString path = u'/' + m_config.bucket + (key.isEmpty() ? QString() : u'/' + fullKey(key));
    return SigV4::encodePath(path.toUtf8());
}

QByteArray S3ObjectStore::hostHeader() const
{
    // Sent explicitly so that the Host the server sees is the one that was signed.
    return m_config.endpoint.authority(QUrl::FullyEncoded).toUtf8();
}

Result<net::Request> S3ObjectStore::buildRequest(const Call& call) const
{
    SigV4Request signing;
    signing.method = call.method;
    signing.path = wirePath(call.key);
    signing.query = call.query;
    signing.headers.append({ "Host", hostHeader() });
    if (!call.contentType.isEmpty())
        signing.headers.append({ "Content-Type", call.contentType });
    const bool sendsBody = !call.body.isEmpty() || call.method == "PUT" || call.method == "POST";
    const QByteArray payloadHash = sendsBody ? SigV4::sha256Hex(call.body) : QByteArray("UNSIGNED-PAYLOAD");
    if (auto signature = m_signer.sign(signing, m_clock(), SigV4Options::s3(payloadHash)); !signature)
        return std::unexpected(signature.error());

    QByteArray wire = m_config.endpoint.scheme().toUtf8() + "://" + hostHeader() + signing.path;
    if (!signing.query.isEmpty())
        wire += '?' + SigV4::encodeQuery(signing.query);
    net::Request request;
    request.method = call.method;
    request.url = QUrl::fromEncoded(wire, QUrl::StrictMode);
    if (!request.url.isValid())
        return makeError(ErrorCode::InvalidValue, u"S3: cannot form a URL from '%1'"_s.arg(QString::fromUtf8(wire)));
    for (const auto& [name, value] : std::as_const(signing.headers))
        request.headers.add(name, value);
    // libcurl sends no length for a body-less PUT; S3 wants one.
    if (call.body.isEmpty() && call.method == "PUT")
        request.headers.set("Content-Length", "0");
    request.body = call.body;
    request.timeoutMs = call.timeoutMs;
    return request;
}

QPointer<net::Transfer> S3ObjectStore::send(const Call& call, Reply reply)
{
    auto request = buildRequest(call);
    if (request && !m_curl)
        request = makeError(ErrorCode::Internal, u"S3: the HTTP client is gone"_s);
    if (!request) {
        QTimer::singleShot(
            0, this, [reply = std::move(reply), error = request.error()] { reply(std::unexpected(error)); });
        return {};
    }
    net::Transfer* transfer = m_curl->start(std::move(*request));
    m_transfers.removeIf([](const QPointer<net::Transfer>& t) { return t.isNull(); });
    m_transfers.append(transfer);
    connect(transfer, &net::Transfer::finished, this, [reply = std::move(reply)](const Result<net::Response>& result) {
        if (!result)
            return reply(std::unexpected(result.error()));
        if (auto error = s3ErrorFor(result->status, result->body, result->headers))
            return reply(std::unexpected(*error));
        reply(*result);
    });
    return transfer;
}

template<typename T> void S3ObjectStore::failLater(const Callback<T>& done, Error error)
{
    QTimer::singleShot(0, this, [done, error = std::move(error)] { done(std::unexpected(error)); });
}

void S3ObjectStore::cancelAll()
{
    ++m_generation;
    const auto transfers = std::exchange(m_transfers, {});
    for (const QPointer<net::Transfer>& transfer : transfers) {
        if (transfer)
            transfer->cancel();
    }
}

void S3ObjectStore::headBucket(Callback<void> done)
{
    Call call { .method = "HEAD", .timeoutMs = m_config.requestTimeoutMs };
    const QString bucket = m_config.bucket;
    send(call, [done = std::move(done), bucket](Result<net::Response> result) {
        if (result)
            return done({});
        Error error = result.error();
        // A HEAD answer has no body to name the error; for a bucket, 404 can only mean this.
        if (error.code == ErrorCode::NotFound && !error.message.contains(u"NoSuchBucket"_s))
            error.message = u"S3 NoSuchBucket (HTTP 404): the bucket does not exist"_s;
        done(std::unexpected(withContext(error, u"bucket '%1'"_s.arg(bucket))));
    });
}

void S3ObjectStore::testConnection(Callback<void> done)
{
    if (auto ok = m_config.validate(); !ok)
        return failLater(done, ok.error());
    headBucket(std::move(done));
}

void S3ObjectStore::ensureBucket(Callback<void> done)
{
    if (auto ok = m_config.validate(); !ok)
        return failLater(done, ok.error());
    headBucket([this, done = std::move(done)](Result<void> result) {
        if (result || result.error().code != ErrorCode::NotFound)
            return done(result);
        createBucket(done);
    });
}

void S3ObjectStore::createBucket(Callback<void> done)
{
    Call call { .method = "PUT", .timeoutMs = m_config.requestTimeoutMs };
    // us-east-1 is the default location and AWS rejects it spelled out.
    if (m_config.region != u"us-east-1"_s) {
        call.body = "<CreateBucketConfiguration><LocationConstraint>" + m_config.region.toUtf8()
            + "</LocationConstraint></CreateBucketConfiguration>";
        call.contentType = "application/xml";
    }
    send(call, [done = std::move(done)](Result<net::Response> result) {
        // Created by a concurrent ensureBucket: as good as created here.
        if (!result && result.error().code != ErrorCode::Conflict)
            return done(std::unexpected(result.error()));
        done({});
    });
}

void S3ObjectStore::stat(const QString& key, Callback<std::optional<ObjectInfo>> done)
{
    if (auto ok = checkKey(key); !ok)
        return failLater(done, ok.error());
    Call call { .method = "HEAD", .key = key, .timeoutMs = m_config.requestTimeoutMs };
    send(call, [this, key, done = std::move(done)](Result<net::Response> result) {
        if (result) {
            const qint64 size = result->headers.value("Content-Length").toLongLong();
            return done(ObjectInfo { key, size, unquoted(result->headers.value("ETag")) });
        }
        if (result.error().code != ErrorCode::NotFound)
            return done(std::unexpected(result.error()));
        // HEAD has no body to tell a missing key from a missing bucket: ask the bucket.
        headBucket([done](Result<void> bucket) {
            if (!bucket)
                return done(std::unexpected(bucket.error()));
            done(std::optional<ObjectInfo>());
        });
    });
}

void S3ObjectStore::remove(const QString& key, Callback<void> done)
{
    if (auto ok = checkKey(key); !ok)
        return failLater(done, ok.error());
    Call call { .method = "DELETE", .key = key, .timeoutMs = m_config.requestTimeoutMs };
    send(call, [done = std::move(done)](Result<net::Response> result) {
        if (!result)
            return done(std::unexpected(result.error()));
        done({});
    });
}

Result<QUrl> S3ObjectStore::downloadUrl(const QString& key, int expiresSeconds) const
{
    if (auto ok = checkKey(key); !ok)
        return std::unexpected(ok.error());
    if (expiresSeconds < 1 || expiresSeconds > kMaxPresignSeconds)
        return makeError(ErrorCode::OutOfRange,
                         u"S3: a presigned URL lives 1..%1 s, not %2"_s.arg(kMaxPresignSeconds).arg(expiresSeconds),
                         u"expiresSeconds"_s);
    SigV4Request request;
    request.method = "GET";
    request.path = wirePath(key);
    request.headers.append({ "host", hostHeader() });
    SigV4Options options = SigV4Options::s3();
    options.signedHeaders = SigV4SignedHeaders::All; // host only: the holder may add Range
    auto signature = m_signer.presign(request, m_clock(), expiresSeconds, options);
    if (!signature)
        return std::unexpected(signature.error());
    const QByteArray wire
        = m_config.endpoint.scheme().toUtf8() + "://" + hostHeader() + request.path + '?' + signature->query;
    const QUrl url = QUrl::fromEncoded(wire, QUrl::StrictMode);
    if (!url.isValid())
        return makeError(ErrorCode::InvalidValue, u"S3: cannot form a URL from '%1'"_s.arg(QString::fromUtf8(wire)));
    return url;
}

void S3ObjectStore::putFile(const QString& key, const QString& filePath, Progress progress, Callback<void> done)
{
    if (auto ok = checkKey(key); !ok)
        return failLater(done, ok.error());
    const QFileInfo info(filePath);
    if (!info.isFile())
        return failLater(done, Error { ErrorCode::NotFound, u"S3 upload: no file '%1'"_s.arg(filePath), {} });
    const qint64 size = info.size();
    if (size < m_config.multipartThreshold)
        return putSmall(key, filePath, size, std::move(progress), std::move(done));

    auto upload = std::make_shared<Multipart>();
    upload->key = key;
    upload->filePath = filePath;
    upload->size = size;
    upload->partSize = m_config.partSize;
    const qint64 parts = (size + m_config.partSize - 1) / m_config.partSize;
    if (parts > S3Config::kMaxParts)
        return failLater(
            done,
            Error { ErrorCode::InvalidValue,
                    u"S3 upload: %1 bytes need more than 10000 parts of %2 bytes"_s.arg(size).arg(m_config.partSize),
                    u"partSize"_s });
    upload->partCount = static_cast<int>(parts);
    upload->etags.resize(upload->partCount);
    upload->progress = std::move(progress);
    upload->done = std::move(done);
    upload->generation = m_generation;
    startMultipart(std::move(upload));
}

void S3ObjectStore::putSmall(const QString& key,
                             const QString& filePath,
                             qint64 size,
                             Progress progress,
                             Callback<void> done)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return failLater(done, Error { ErrorCode::StoreError, u"S3 upload: %1"_s.arg(file.errorString()), {} });
    Call call { .method = "PUT", .key = key, .body = file.readAll() };
    if (call.body.size() != size)
        return failLater(done,
                         Error { ErrorCode::StoreError, u"S3 upload: '%1' changed while read"_s.arg(filePath), {} });
    call.contentType = "application/octet-stream";
    call.timeoutMs = m_config.uploadTimeoutMs;
    send(call, [size, progress = std::move(progress), done = std::move(done)](Result<net::Response> result) {
        if (!result)
            return done(std::unexpected(result.error()));
        if (progress)
            progress(size, size);
        done({});
    });
}

void S3ObjectStore::startMultipart(std::shared_ptr<Multipart> upload)
{
    Call call { .method = "POST", .key = upload->key, .query = { { "uploads", {} } } };
    // The object's Content-Type is fixed here; without one libcurl would send a form type.
    call.contentType = "application/octet-stream";
    call.timeoutMs = m_config.requestTimeoutMs;
    send(call, [this, upload](Result<net::Response> result) {
        if (!result)
            return upload->done(std::unexpected(withContext(result.error(), u"S3 CreateMultipartUpload"_s)));
        upload->uploadId = uploadIdFrom(result->body);
        if (upload->uploadId.isEmpty())
            return failMultipart(upload, Error { ErrorCode::BadRequest, u"S3: no UploadId in the answer"_s, {} });
        upload->report();
        fillParts(upload);
    });
}

void S3ObjectStore::fillParts(const std::shared_ptr<Multipart>& upload)
{
    if (upload->failed)
        return;
    if (cancelledSince(upload->generation))
        return failMultipart(upload, cancelledError());
    while (upload->inFlight < m_config.maxParallelParts && upload->nextPart < upload->partCount) {
        ++upload->inFlight;
        uploadPart(upload, upload->nextPart++, 1);
    }
}

void S3ObjectStore::uploadPart(std::shared_ptr<Multipart> upload, int index, int attempt)
{
    // Read per attempt, so that at most maxParallelParts parts are in memory.
    QFile file(upload->filePath);
    QByteArray data;
    if (file.open(QIODevice::ReadOnly) && file.seek(index * upload->partSize))
        data = file.read(upload->partLength(index));
    if (data.size() != upload->partLength(index)) {
        const QString reason = file.error() == QFileDevice::NoError ? u"it got shorter"_s : file.errorString();
        return failMultipart(
            upload,
            Error { ErrorCode::StoreError,
                    u"S3 upload: cannot read part %1 of '%2': %3"_s.arg(index + 1).arg(upload->filePath, reason),
                    {} });
    }
    Call call { .method = "PUT", .key = upload->key, .body = std::move(data) };
    call.query = { { "partNumber", QByteArray::number(index + 1) }, { "uploadId", upload->uploadId } };
    call.contentType = "application/octet-stream";
    call.timeoutMs = m_config.uploadTimeoutMs;
    upload->transfers.removeIf([](const QPointer<net::Transfer>& t) { return t.isNull(); });
    upload->transfers.append(send(call, [this, upload, index, attempt](Result<net::Response> result) {
        onPartDone(upload, index, attempt, std::move(result));
    }));
}

void S3ObjectStore::onPartDone(const std::shared_ptr<Multipart>& upload,
                               int index,
                               int attempt,
                               Result<net::Response> result)
{
    if (upload->failed)
        return;
    if (!result && isRetryable(result.error()) && attempt < m_config.maxPartAttempts
        && !cancelledSince(upload->generation)) {
        const int delayMs = m_config.retryBackoffMs << (attempt - 1);
        QTimer::singleShot(delayMs, this, [this, upload, index, attempt] {
            if (upload->failed)
                return;
            if (cancelledSince(upload->generation))
                return failMultipart(upload, cancelledError());
            uploadPart(upload, index, attempt + 1);
        });
        return;
    }
    if (!result)
        return failMultipart(upload, withContext(result.error(), u"S3 part %1"_s.arg(index + 1)));
    const QByteArray etag = result->headers.value("ETag");
    if (etag.isEmpty())
        return failMultipart(upload, Error { ErrorCode::BadRequest, u"S3: no ETag for part %1"_s.arg(index + 1), {} });
    upload->etags[index] = etag;
    --upload->inFlight;
    ++upload->completed;
    upload->sent += upload->partLength(index);
    upload->report();
    if (upload->completed == upload->partCount)
        return completeMultipart(upload);
    fillParts(upload);
}

void S3ObjectStore::completeMultipart(std::shared_ptr<Multipart> upload)
{
    if (cancelledSince(upload->generation))
        return failMultipart(upload, cancelledError());
    Call call { .method = "POST", .key = upload->key, .query = { { "uploadId", upload->uploadId } } };
    call.body = completeMultipartXml(upload->etags);
    call.contentType = "application/xml";
    call.timeoutMs = m_config.uploadTimeoutMs; // S3 assembles the parts before it answers
    upload->transfers.append(send(call, [this, upload](Result<net::Response> result) {
        if (upload->failed)
            return;
        if (!result)
            return failMultipart(upload, withContext(result.error(), u"S3 CompleteMultipartUpload"_s));
        upload->done({});
    }));
}

void S3ObjectStore::failMultipart(const std::shared_ptr<Multipart>& upload, Error error)
{
    if (upload->failed)
        return;
    upload->failed = true;
    for (const QPointer<net::Transfer>& transfer : std::as_const(upload->transfers)) {
        if (transfer)
            transfer->cancel();
    }
    if (upload->uploadId.isEmpty())
        return upload->done(std::unexpected(error));
    // Abort so that the parts stop costing storage; the error reported is the one that stopped us.
    Call call { .method = "DELETE", .key = upload->key, .query = { { "uploadId", upload->uploadId } } };
    call.timeoutMs = m_config.requestTimeoutMs;
    send(call, [upload, error = std::move(error)](Result<net::Response>) { upload->done(std::unexpected(error)); });
}

} // namespace aiops::registry
