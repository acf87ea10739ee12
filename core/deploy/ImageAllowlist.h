#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace aiops::deploy {

// Seed 004's WorkerImageAllowlist: only images matching an entry may run as workers. It is
// checked at the controller before a deployment is queued and again at the node before a
// container is created.
//
// Patterns are globs: '?' is one character, '*' any run of characters except '/', '**' any run
// including '/'. Image patterns are normalized like references (ImageReference::normalizeName),
// so "vllm/vllm-openai" and "docker.io/vllm/vllm-openai" are the same entry and a pattern without
// a registry means Docker Hub.
struct ImageAllowlistEntry
{
    QString imagePattern; // "nvcr.io/nvidia/tritonserver", "localhost/aiops-test-*"
    QString tagPattern { QStringLiteral("*") }; // "24.*"; matched against the tag ("latest" when none)
    bool requiresGpu = false;
    qint64 minVramMb = 0; // 0 = no minimum

    bool operator==(const ImageAllowlistEntry&) const = default;
};

class ImageAllowlist
{
public:
    using Entry = ImageAllowlistEntry;

    ImageAllowlist() = default; // empty: refuses every image
    explicit ImageAllowlist(QList<Entry> entries);

    // The built-in list, used when no allowlist is configured:
    //   nvcr.io/nvidia/tritonserver  any tag   GPU required
    //   docker.io/vllm/vllm-openai   any tag   GPU required (NVIDIA; "vllm/vllm-openai" is the same)
    //   docker.io/rocm/vllm          any tag   GPU required (vLLM for AMD ROCm)
    //   localhost/aiops-test-*       any tag   no GPU (images built locally by the test suite)
    static ImageAllowlist defaults();

    // A JSON array of objects:
    //   [{"imagePattern": "nvcr.io/nvidia/tritonserver", "tagPattern": "24.*", "requiresGpu": true, "minVramMb":
    //   16384}]
    // imagePattern is required; tagPattern defaults to "*", requiresGpu to false, minVramMb to 0.
    // Errors carry the field path ("[2].minVramMb"): InvalidJson (not JSON), InvalidFieldType,
    // MissingField, OutOfRange (negative minVramMb), InvalidValue (unknown key, malformed or
    // empty pattern, an entry repeating an earlier imagePattern + tagPattern).
    static Result<ImageAllowlist> fromJson(const QByteArray& json);
    static Result<ImageAllowlist> fromJson(const QJsonArray& array);
    QJsonArray toJson() const;

    const QList<Entry>& entries() const { return m_entries; }

    // The first entry that matches the image and whose needs the placement meets. vramMb is the
    // VRAM given to the container (all its GPUs together); hasGpu whether it gets any GPU.
    // Forbidden (field "image") naming the image and why: not on the allowlist, needs a GPU, or
    // needs N GiB VRAM. InvalidValue (field "image") when the reference does not parse.
    // The pointer stays valid while this allowlist lives and is not modified.
    Result<const Entry*> check(const QString& image, bool hasGpu, qint64 vramMb) const;

    // Glob match as described above; exposed for tests and for the wizard's preview.
    static bool globMatch(const QString& pattern, const QString& text);

private:
    QList<Entry> m_entries; // image patterns normalized
};

} // namespace aiops::deploy
