#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <functional>
#include <optional>

namespace aiops::registry {

struct ObjectInfo
{
    QString key; // as given to the store, without its prefix
    qint64 size = 0;
    QByteArray etag; // without quotes; for multipart uploads not an MD5 of the content
};

// Where model artifacts live (a local directory or an S3/MinIO bucket), seen asynchronously: every
// callback runs later on the event loop of the thread that owns the store, never inside the call
// that started the operation, so a caller may start the next step from a callback.
//
// Keys are '/'-separated relative paths ("org/model/config.json"), UTF-8, no leading '/'.
class ObjectStore
{
public:
    virtual ~ObjectStore() = default;

    virtual QString kind() const = 0; // "local" | "s3"
    // Human-readable location of the store or of one key: "s3://bucket/prefix/key".
    virtual QString location(const QString& key = {}) const = 0;

    using Progress = std::function<void(qint64 done, qint64 total)>;
    template<typename T> using Callback = std::function<void(Result<T>)>;

    // Uploads the file under key, replacing what is there. progress may be empty.
    virtual void putFile(const QString& key, const QString& filePath, Progress progress, Callback<void> done) = 0;
    // nullopt: no such object (an absent bucket is an error, not an absent object).
    virtual void stat(const QString& key, Callback<std::optional<ObjectInfo>> done) = 0;
    // Removing an absent object succeeds (S3 semantics).
    virtual void remove(const QString& key, Callback<void> done) = 0;
    // A URL anyone holding it can GET (Range allowed) until it expires: nodes never hold credentials.
    virtual Result<QUrl> downloadUrl(const QString& key, int expiresSeconds) const = 0;
};

} // namespace aiops::registry
