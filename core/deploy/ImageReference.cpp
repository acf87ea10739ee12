#include "core/deploy/ImageReference.h"

#include <QRegularExpression>
#include <tuple>
#include <utility>

using namespace Qt::StringLiterals;

namespace aiops::deploy {

namespace {

const QString kDockerHub = u"docker.io"_s;

bool looksLikeRegistry(const QString& component)
{
    return component.contains(u'.') || component.contains(u':') || component == u"localhost"_s;
}

QString canonicalRegistry(const QString& registry)
{
    const QString host = registry.toLower();
    if (host == u"index.docker.io"_s || host == u"registry-1.docker.io"_s)
        return kDockerHub;
    return host;
}

// Splits a name into registry and repository and applies the docker.io rules.
std::pair<QString, QString> splitName(const QString& name)
{
    QString registry = kDockerHub;
    QString repository = name;
    const qsizetype slash = name.indexOf(u'/');
    if (slash > 0 && looksLikeRegistry(name.left(slash))) {
        registry = canonicalRegistry(name.left(slash));
        repository = name.mid(slash + 1);
    }
    if (registry == kDockerHub && !repository.contains(u'/'))
        repository = u"library/"_s + repository;
    return { registry, repository };
}

} // namespace

QString ImageReference::toString() const
{
    QString text = name();
    if (!tag.isEmpty())
        text += u':' + tag;
    if (!digest.isEmpty())
        text += u'@' + digest;
    return text;
}

QString ImageReference::normalizeName(const QString& name)
{
    const auto [registry, repository] = splitName(name);
    return registry + u'/' + repository;
}

Result<ImageReference> ImageReference::parse(const QString& reference)
{
    static const QRegularExpression registryRe(u"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?$"_s);
    static const QRegularExpression componentRe(u"^[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*$"_s);
    static const QRegularExpression tagRe(u"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"_s);
    static const QRegularExpression digestRe(u"^[a-z0-9]+([+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$"_s);
    static const QRegularExpression sha256Re(u"^sha256:[a-f0-9]{64}$"_s);

    auto invalid = [&](const QString& why) {
        return makeError(
            ErrorCode::InvalidValue, u"image '%1' is not a valid reference: %2"_s.arg(reference, why), u"image"_s);
    };
    const QString text = reference.trimmed();
    if (text.isEmpty())
        return invalid(u"it is empty"_s);

    ImageReference ref;
    QString rest = text;
    if (const qsizetype at = rest.indexOf(u'@'); at >= 0) {
        ref.digest = rest.mid(at + 1);
        rest = rest.left(at);
        if (!digestRe.match(ref.digest).hasMatch()
            || (ref.digest.startsWith(u"sha256:"_s) && !sha256Re.match(ref.digest).hasMatch()))
            return invalid(u"digest '%1' is malformed"_s.arg(ref.digest));
    }
    // A ':' after the last '/' starts the tag; one before it belongs to a registry port.
    const qsizetype colon = rest.lastIndexOf(u':');
    if (colon > rest.lastIndexOf(u'/')) {
        ref.tag = rest.mid(colon + 1);
        rest = rest.left(colon);
        if (!tagRe.match(ref.tag).hasMatch())
            return invalid(u"tag '%1' is malformed"_s.arg(ref.tag));
    } else if (ref.digest.isEmpty()) {
        ref.tag = u"latest"_s;
    }
    if (rest.isEmpty())
        return invalid(u"the repository name is missing"_s);

    const qsizetype slash = rest.indexOf(u'/');
    if (slash > 0 && looksLikeRegistry(rest.left(slash)) && !registryRe.match(rest.left(slash)).hasMatch())
        return invalid(u"registry '%1' is malformed"_s.arg(rest.left(slash)));
    std::tie(ref.registry, ref.repository) = splitName(rest);
    for (const QString& component : ref.repository.split(u'/')) {
        if (!componentRe.match(component).hasMatch())
            return invalid(
                u"repository component '%1' is malformed (lower-case letters, digits and . _ - only)"_s.arg(component));
    }
    return ref;
}

} // namespace aiops::deploy
