#pragma once

#include "core/protocol/Error.h"
#include "core/registry/LocalObjectStore.h"
#include "core/registry/ModelMetadata.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace aiops::registry {

struct HfCacheFile
{
    QString relativePath;
    QString blobHash; // empty when the snapshot holds a plain file instead of a link (no-symlink caches)
    qint64 size = 0;
    QString sourcePath; // the blob, or the plain file
};

struct HfCacheRevision
{
    QString commit;
    QStringList refs;
    QList<HfCacheFile> files;
    qint64 size = 0;
    std::optional<ModelMetadata> metadata; // from config.json and the safetensors headers, when present
};

struct HfCacheModel
{
    QString repoId;
    QString folder;
    QList<HfCacheRevision> revisions;
};

struct HfCacheScan
{
    QString hubDir;
    QList<HfCacheModel> models;
    QStringList warnings; // entries skipped: dangling links, links out of the repo, unreadable metadata
};

// Reads an existing huggingface_hub cache (~/.cache/huggingface/hub or $HF_HUB_CACHE) without copying
// anything: models only (datasets--, spaces-- are skipped), one entry per snapshot. Only headers of
// the weights are read.
Result<HfCacheScan> scanHfCache(const QString& hubDir);

struct HfImportReport
{
    QStringList importedRepos;
    int hardlinked = 0;
    int copied = 0;
    int alreadyPresent = 0;
    QStringList skipped; // "<repo>@<commit>/<path>: reason"; a revision with a skipped file is not linked
};

// Registers the scanned models in the store: blobs are hard-linked (copied across filesystems) after
// checking that each hashes to its name, then refs and snapshot links are written. Revisions whose
// files all verified are imported; a corrupt blob skips its revision and is reported.
Result<HfImportReport>
importHfCache(const HfCacheScan& scan, LocalObjectStore& store, const AdoptOptions& options = {});

} // namespace aiops::registry
