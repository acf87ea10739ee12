#include "core/controller/FileResponse.h"

#include "core/controller/HttpRouter.h"

#include <QFile>
#include <QFileInfo>
#include <QHttpServerResponder>
#include <limits>

using namespace Qt::StringLiterals;

namespace aiops::controller {

namespace {

// A window [offset, offset + length) of a file, as a random-access device whose size() is the window's:
// QHttpServerResponder takes Content-Length from size() and streams the device in chunks.
class FileSlice final : public QIODevice
{
public:
    FileSlice(const QString& path, qint64 offset, qint64 length)
        : m_file(path)
        , m_offset(offset)
        , m_length(length)
    {
    }

    bool open(OpenMode mode) override
    {
        if (mode != ReadOnly || !m_file.open(QIODevice::ReadOnly) || !m_file.seek(m_offset))
            return false;
        return QIODevice::open(mode);
    }
    void close() override
    {
        QIODevice::close();
        m_file.close();
    }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 pos) override { return QIODevice::seek(pos) && m_file.seek(m_offset + pos); }
    QString fileError() const { return m_file.errorString(); }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        const qint64 left = m_length - pos();
        if (left <= 0)
            return 0; // the window's end is the device's end
        return m_file.read(data, std::min(maxSize, left));
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QFile m_file;
    qint64 m_offset;
    qint64 m_length;
};

constexpr qint64 kMaxOffset = std::numeric_limits<qint64>::max();

std::optional<qint64> parseOffset(QByteArrayView digits)
{
    if (digits.isEmpty() || digits.size() > 18)
        return std::nullopt;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
    }
    return digits.toLongLong();
}

} // namespace

Result<std::optional<ByteRange>> parseByteRange(const QByteArray& header, qint64 size)
{
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    // Other units and multi-range requests may be ignored (RFC 9110 §14.2): the whole file is a valid reply.
    if (!value.startsWith("bytes=") || value.contains(','))
        return std::nullopt;
    const QByteArray spec = value.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return makeError(
            ErrorCode::InvalidValue, u"Malformed Range header: %1"_s.arg(QString::fromLatin1(header)), u"Range"_s);
    const QByteArrayView firstText = QByteArrayView(spec).first(dash);
    const QByteArrayView lastText = QByteArrayView(spec).sliced(dash + 1);
    const auto unsatisfiable = [&] {
        return makeError(ErrorCode::RangeNotSatisfiable,
                         u"Range %1 is outside the file's %2 bytes"_s.arg(QString::fromLatin1(spec)).arg(size),
                         u"Range"_s);
    };

    if (firstText.isEmpty()) { // "bytes=-N": the last N bytes
        const auto suffix = parseOffset(lastText);
        if (!suffix)
            return makeError(
                ErrorCode::InvalidValue, u"Malformed Range header: %1"_s.arg(QString::fromLatin1(header)), u"Range"_s);
        if (*suffix == 0 || size == 0)
            return unsatisfiable();
        return ByteRange { std::max<qint64>(0, size - *suffix), size - 1 };
    }
    const auto first = parseOffset(firstText);
    const auto last = lastText.isEmpty() ? std::optional<qint64>(kMaxOffset) : parseOffset(lastText);
    if (!first || !last || *last < *first)
        return makeError(
            ErrorCode::InvalidValue, u"Malformed Range header: %1"_s.arg(QString::fromLatin1(header)), u"Range"_s);
    if (*first >= size)
        return unsatisfiable();
    return ByteRange { *first, std::min(*last, size - 1) };
}

std::optional<QHttpServerResponse>
streamFile(RequestContext& context, QHttpServerResponder& responder, const QString& path, const QByteArray& etag)
{
    const qint64 size = QFileInfo(path).size();
    if (!QFileInfo(path).isFile())
        return errorResponse(Error { ErrorCode::NotFound, u"The file is no longer in the object store"_s });
    auto range = parseByteRange(context.request.value("Range"), size);
    if (!range) {
        auto response = errorResponse(range.error());
        if (range.error().code == ErrorCode::RangeNotSatisfiable)
            response.setHeader("Content-Range", "bytes */" + QByteArray::number(size));
        return response;
    }
    // If-Range with another validator: the file changed, so send all of it (RFC 9110 §13.1.5).
    const QByteArray ifRange = context.request.value("If-Range");
    if (*range && !ifRange.isEmpty() && ifRange != etag)
        range->reset();

    const ByteRange window = range->value_or(ByteRange { 0, size - 1 });
    auto* device = new FileSlice(path, window.first, size == 0 ? 0 : window.length());
    if (!device->open(QIODevice::ReadOnly)) {
        const QString why = device->fileError();
        delete device;
        return errorResponse(Error { ErrorCode::StoreError, u"Cannot read the file: %1"_s.arg(why) });
    }
    const QByteArray requestId = context.requestId.toLatin1();
    if (*range) {
        const QByteArray contentRange = "bytes " + QByteArray::number(window.first) + '-'
            + QByteArray::number(window.last) + '/' + QByteArray::number(size);
        context.streamedStatus = 206;
        responder.write(device,
                        { { "Content-Type", "application/octet-stream" },
                          { "Content-Range", contentRange },
                          { "Accept-Ranges", "bytes" },
                          { "ETag", etag },
                          { "X-Request-Id", requestId } },
                        QHttpServerResponder::StatusCode::PartialContent);
    } else {
        context.streamedStatus = 200;
        responder.write(device,
                        { { "Content-Type", "application/octet-stream" },
                          { "Accept-Ranges", "bytes" },
                          { "ETag", etag },
                          { "X-Request-Id", requestId } },
                        QHttpServerResponder::StatusCode::Ok);
    }
    return std::nullopt;
}

} // namespace aiops::controller
