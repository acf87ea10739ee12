#pragma once

#include "core/protocol/Error.h"

#include <QString>

namespace aiops::deploy {

// A container image reference split the way Docker reads it:
//   [registry/]repository[:tag][@digest]
// The first path component is the registry when it contains '.' or ':' or is "localhost";
// otherwise the registry is docker.io, where a one-component name gets "library/" in front
// ("ubuntu" -> docker.io/library/ubuntu). index.docker.io and registry-1.docker.io read as docker.io.
// The registry host is lower-cased; the repository must already be lower case.
// No tag and no digest means tag "latest"; a digest without a tag leaves the tag empty.
struct ImageReference
{
    QString registry; // "docker.io", "nvcr.io", "localhost:5000"
    QString repository; // "library/ubuntu", "nvidia/tritonserver"
    QString tag; // "latest" by default; empty when only a digest pins the image
    QString digest; // "sha256:<64 hex>" or empty

    QString name() const { return registry + u'/' + repository; } // "docker.io/vllm/vllm-openai"
    QString toString() const; // the normalized reference, tag and digest included

    // InvalidValue (field "image") for an empty or malformed reference.
    static Result<ImageReference> parse(const QString& reference);
    // Registry + repository normalization alone, for names without tag or digest; used for
    // allowlist patterns, so it lets glob characters through.
    static QString normalizeName(const QString& name);
};

} // namespace aiops::deploy
