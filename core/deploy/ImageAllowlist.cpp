#include "core/deploy/ImageAllowlist.h"

#include "core/deploy/ByteUnits.h"
#include "core/deploy/ImageReference.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <cmath>

using namespace Qt::StringLiterals;

namespace aiops::deploy {

namespace {

const QString kImagePattern = u"imagePattern"_s;
const QString kTagPattern = u"tagPattern"_s;
const QString kRequiresGpu = u"requiresGpu"_s;
const QString kMinVramMb = u"minVramMb"_s;

// Iterative glob match with backtracking to the last star; '**' may cross '/', '*' may not.
bool matchFrom(QStringView pattern, QStringView text)
{
    if (pattern.isEmpty())
        return text.isEmpty();
    if (pattern.front() == u'*') {
        const bool deep = pattern.size() > 1 && pattern.at(1) == u'*';
        const QStringView rest = pattern.mid(deep ? 2 : 1);
        for (qsizetype i = 0; i <= text.size(); ++i) {
            if (matchFrom(rest, text.mid(i)))
                return true;
            if (i < text.size() && !deep && text.at(i) == u'/')
                return false;
        }
        return false;
    }
    if (text.isEmpty())
        return false;
    if (pattern.front() == u'?')
        return text.front() != u'/' && matchFrom(pattern.mid(1), text.mid(1));
    return pattern.front() == text.front() && matchFrom(pattern.mid(1), text.mid(1));
}

Result<void> checkPattern(const QString& pattern, bool image, const QString& field)
{
    static const QRegularExpression imageRe(u"^[a-z0-9._/:*?-]+$"_s);
    static const QRegularExpression tagRe(u"^[A-Za-z0-9_.*?-]+$"_s);
    if (pattern.isEmpty())
        return makeError(ErrorCode::InvalidValue, u"%1 is empty"_s.arg(field), field);
    if (!(image ? imageRe : tagRe).match(pattern).hasMatch())
        return makeError(ErrorCode::InvalidValue,
                         u"%1 '%2' has characters outside %3"_s.arg(
                             field, pattern, image ? u"a-z 0-9 . _ / : - * ?"_s : u"A-Z a-z 0-9 . _ - * ?"_s),
                         field);
    if (image && (pattern.startsWith(u'/') || pattern.endsWith(u'/') || pattern.contains(u"//"_s)))
        return makeError(ErrorCode::InvalidValue, u"%1 '%2' has an empty path component"_s.arg(field, pattern), field);
    return {};
}

} // namespace

ImageAllowlist::ImageAllowlist(QList<Entry> entries)
    : m_entries(std::move(entries))
{
    for (Entry& entry : m_entries)
        entry.imagePattern = ImageReference::normalizeName(entry.imagePattern);
}

ImageAllowlist ImageAllowlist::defaults()
{
    return ImageAllowlist({
        Entry { u"nvcr.io/nvidia/tritonserver"_s, u"*"_s, true, 0 },
        Entry { u"docker.io/vllm/vllm-openai"_s, u"*"_s, true, 0 },
        Entry { u"docker.io/rocm/vllm"_s, u"*"_s, true, 0 },
        Entry { u"localhost/aiops-test-*"_s, u"*"_s, false, 0 },
    });
}

Result<ImageAllowlist> ImageAllowlist::fromJson(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return makeError(
            ErrorCode::InvalidJson,
            u"image allowlist is not valid JSON: %1 at offset %2"_s.arg(error.errorString()).arg(error.offset));
    if (!doc.isArray())
        return makeError(ErrorCode::InvalidFieldType, u"image allowlist must be a JSON array of objects"_s);
    return fromJson(doc.array());
}

Result<ImageAllowlist> ImageAllowlist::fromJson(const QJsonArray& array)
{
    static const QSet<QString> known { kImagePattern, kTagPattern, kRequiresGpu, kMinVramMb };
    QList<Entry> entries;
    QSet<QString> seen;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = u"[%1]"_s.arg(i);
        if (!array.at(i).isObject())
            return makeError(ErrorCode::InvalidFieldType, u"%1 must be an object"_s.arg(at), at);
        const QJsonObject object = array.at(i).toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!known.contains(it.key()))
                return makeError(ErrorCode::InvalidValue,
                                 u"%1.%2 is not a known field (imagePattern, tagPattern, requiresGpu, minVramMb)"_s.arg(
                                     at, it.key()),
                                 at + u'.' + it.key());
        }
        Entry entry;
        const QString imageField = at + u'.' + kImagePattern;
        if (!object.contains(kImagePattern))
            return makeError(ErrorCode::MissingField, u"%1 is missing"_s.arg(imageField), imageField);
        if (!object.value(kImagePattern).isString())
            return makeError(ErrorCode::InvalidFieldType, u"%1 must be a string"_s.arg(imageField), imageField);
        entry.imagePattern = object.value(kImagePattern).toString();
        if (auto ok = checkPattern(entry.imagePattern, true, imageField); !ok)
            return std::unexpected(ok.error());

        const QString tagField = at + u'.' + kTagPattern;
        if (object.contains(kTagPattern)) {
            if (!object.value(kTagPattern).isString())
                return makeError(ErrorCode::InvalidFieldType, u"%1 must be a string"_s.arg(tagField), tagField);
            entry.tagPattern = object.value(kTagPattern).toString();
            if (auto ok = checkPattern(entry.tagPattern, false, tagField); !ok)
                return std::unexpected(ok.error());
        }
        const QString gpuField = at + u'.' + kRequiresGpu;
        if (object.contains(kRequiresGpu)) {
            if (!object.value(kRequiresGpu).isBool())
                return makeError(ErrorCode::InvalidFieldType, u"%1 must be true or false"_s.arg(gpuField), gpuField);
            entry.requiresGpu = object.value(kRequiresGpu).toBool();
        }
        const QString vramField = at + u'.' + kMinVramMb;
        if (object.contains(kMinVramMb)) {
            const QJsonValue value = object.value(kMinVramMb);
            const double number = value.toDouble();
            if (!value.isDouble() || number != std::floor(number) || std::abs(number) > 9.0e15)
                return makeError(
                    ErrorCode::InvalidFieldType, u"%1 must be an integer (MiB)"_s.arg(vramField), vramField);
            if (number < 0)
                return makeError(ErrorCode::OutOfRange, u"%1 cannot be negative"_s.arg(vramField), vramField);
            entry.minVramMb = static_cast<qint64>(number);
        }
        const QString normalized = ImageReference::normalizeName(entry.imagePattern);
        const QString key = normalized + u':' + entry.tagPattern;
        if (seen.contains(key))
            return makeError(ErrorCode::InvalidValue,
                             u"%1 repeats an earlier entry for %2:%3"_s.arg(at, normalized, entry.tagPattern),
                             at);
        seen.insert(key);
        entries.append(std::move(entry));
    }
    return ImageAllowlist(std::move(entries));
}

QJsonArray ImageAllowlist::toJson() const
{
    QJsonArray array;
    for (const Entry& entry : m_entries) {
        array.append(QJsonObject {
            { kImagePattern, entry.imagePattern },
            { kTagPattern, entry.tagPattern },
            { kRequiresGpu, entry.requiresGpu },
            { kMinVramMb, entry.minVramMb },
        });
    }
    return array;
}

bool ImageAllowlist::globMatch(const QString& pattern, const QString& text)
{
    return matchFrom(pattern, text);
}

Result<const ImageAllowlist::Entry*> ImageAllowlist::check(const QString& image, bool hasGpu, qint64 vramMb) const
{
    const auto ref = ImageReference::parse(image);
    if (!ref)
        return std::unexpected(ref.error());
    const QString name = ref->name();
    const Entry* refusedBy = nullptr;
    for (const Entry& entry : m_entries) {
        if (!globMatch(entry.imagePattern, name) || !globMatch(entry.tagPattern, ref->tag))
            continue;
        if ((entry.requiresGpu && !hasGpu) || vramMb < entry.minVramMb) {
            if (!refusedBy)
                refusedBy = &entry;
            continue;
        }
        return &entry;
    }
    const QString shown = ref->toString();
    if (!refusedBy)
        return makeError(ErrorCode::Forbidden, u"image %1 is not on the allowlist"_s.arg(shown), u"image"_s);
    if (refusedBy->requiresGpu && !hasGpu)
        return makeError(ErrorCode::Forbidden,
                         u"image %1 needs a GPU (allowlist entry %2:%3)"_s.arg(
                             shown, refusedBy->imagePattern, refusedBy->tagPattern),
                         u"image"_s);
    return makeError(
        ErrorCode::Forbidden,
        u"image %1 needs %2 VRAM; the placement gives it %3 (allowlist entry %4:%5)"_s.arg(
            shown, formatGiB(refusedBy->minVramMb), formatGiB(vramMb), refusedBy->imagePattern, refusedBy->tagPattern),
        u"image"_s);
}

} // namespace aiops::deploy
