#include "core/registry/HfCacheImport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>

using namespace Qt::StringLiterals;

namespace aiops::registry {

namespace {

constexpr qint64 kMaxConfigBytes = 4LL * 1024 * 1024;

std::optional<ModelMetadata> readMetadata(const HfCacheRevision& revision, QStringList& warnings, const QString& label)
{
    std::optional<ModelConfig> config;
    QList<SafetensorsHeader> headers;
    QList<ModelFileInfo> files;
    for (const HfCacheFile& file : revision.files) {
        files << ModelFileInfo { file.relativePath, file.size };
        if (file.relativePath == u"config.json"_s) {
            QFile json(file.sourcePath);
            if (json.size() > kMaxConfigBytes || !json.open(QIODevice::ReadOnly)) {
                warnings << u"%1/config.json: unreadable"_s.arg(label);
                continue;
            }
            auto parsed = parseModelConfig(json.readAll());
            if (parsed)
                config = *parsed;
            else
                warnings << u"%1/config.json: %2"_s.arg(label, parsed.error().message);
        } else if (file.relativePath.endsWith(u".safetensors"_s)) {
            auto header = readSafetensorsFile(file.sourcePath);
            if (header)
                headers << *header;
            else
                warnings << u"%1/%2: %3"_s.arg(label, file.relativePath, header.error().message);
        }
    }
    if (!config && headers.isEmpty())
        return std::nullopt;
    return deriveModelMetadata(config, headers, files);
}

} // namespace

Result<HfCacheScan> scanHfCache(const QString& hubDir)
{
    if (!QFileInfo(hubDir).isDir())
        return makeError(ErrorCode::NotFound, u"no HuggingFace cache at %1"_s.arg(hubDir), u"path"_s);
    HfCacheScan scan;
    scan.hubDir = QDir::cleanPath(QFileInfo(hubDir).absoluteFilePath());
    const QStringList folders
        = QDir(scan.hubDir).entryList({ u"models--*"_s }, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& folder : folders) {
        auto repoId = LocalObjectStore::repoForFolderName(folder);
        if (!repoId) {
            scan.warnings << u"%1: %2"_s.arg(folder, repoId.error().message);
            continue;
        }
        const QString repoDir = scan.hubDir + u'/' + folder;
        const QString blobsDir = repoDir + u"/blobs"_s;
        const QString canonicalBlobs = QFileInfo(blobsDir).canonicalFilePath();

        QMap<QString, QStringList> refsByCommit;
        const QString refsDir = repoDir + u"/refs"_s;
        QDirIterator refs(refsDir, QDir::Files, QDirIterator::Subdirectories);
        while (refs.hasNext()) {
            const QString path = refs.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QString commit = QString::fromLatin1(file.read(128).trimmed());
            if (LocalObjectStore::isCommitSha(commit))
                refsByCommit[commit] << path.mid(refsDir.size() + 1);
            else
                scan.warnings << u"%1: ref %2 does not hold a commit sha"_s.arg(*repoId, path.mid(refsDir.size() + 1));
        }

        HfCacheModel model;
        model.repoId = *repoId;
        model.folder = repoDir;
        const QStringList commits
            = QDir(repoDir + u"/snapshots"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString& commit : commits) {
            const QString label = *repoId + u'@' + commit;
            if (!LocalObjectStore::isCommitSha(commit)) {
                scan.warnings << u"%1: snapshot folder is not a commit sha"_s.arg(label);
                continue;
            }
            HfCacheRevision revision;
            revision.commit = commit;
            revision.refs = refsByCommit.value(commit);
            revision.refs.sort();
            const QString snapshotDir = repoDir + u"/snapshots/"_s + commit;
            QDirIterator entries(snapshotDir, QDir::Files | QDir::System | QDir::Hidden, QDirIterator::Subdirectories);
            while (entries.hasNext()) {
                const QString path = entries.next();
                const QFileInfo info(path);
                HfCacheFile file;
                file.relativePath = path.mid(snapshotDir.size() + 1);
                if (info.isSymLink()) {
                    const QFileInfo target(info.symLinkTarget());
                    // Only blobs of this repo: a link elsewhere would import files outside the cache.
                    if (!target.isFile() || target.canonicalPath() != canonicalBlobs
                        || !LocalObjectStore::isBlobHash(target.fileName())) {
                        scan.warnings << u"%1/%2: link does not point at a blob of this repo"_s.arg(label,
                                                                                                    file.relativePath);
                        continue;
                    }
                    file.blobHash = target.fileName();
                    file.sourcePath = target.canonicalFilePath();
                    file.size = target.size();
                } else {
                    file.sourcePath = info.absoluteFilePath();
                    file.size = info.size();
                }
                revision.size += file.size;
                revision.files << file;
            }
            std::sort(revision.files.begin(), revision.files.end(), [](const HfCacheFile& a, const HfCacheFile& b) {
                return a.relativePath < b.relativePath;
            });
            revision.metadata = readMetadata(revision, scan.warnings, label);
            model.revisions << revision;
        }
        if (!model.revisions.isEmpty())
            scan.models << model;
    }
    return scan;
}

Result<HfImportReport> importHfCache(const HfCacheScan& scan, LocalObjectStore& store, const AdoptOptions& options)
{
    qint64 needed = 0;
    for (const HfCacheModel& model : scan.models)
        for (const HfCacheRevision& revision : model.revisions)
            for (const HfCacheFile& file : revision.files)
                if (!file.blobHash.isEmpty() && !store.hasBlob(model.repoId, file.blobHash))
                    needed += file.size;
    // Hard links cost no space; only a copy needs it, and which one happens is known only per file.
    if (!options.allowHardlink) {
        auto space = store.ensureFreeSpace(needed);
        if (!space)
            return std::unexpected(space.error());
    }

    HfImportReport report;
    for (const HfCacheModel& model : scan.models) {
        bool importedAny = false;
        for (const HfCacheRevision& revision : model.revisions) {
            const QString label = model.repoId + u'@' + revision.commit;
            QList<QPair<QString, QString>> links; // relative path, blob hash
            bool complete = true;
            for (const HfCacheFile& file : revision.files) {
                QString hash = file.blobHash;
                if (hash.isEmpty()) {
                    // A plain file (caches made without symlinks): content-address it by sha256.
                    hash = QString::fromLatin1(fileDigest(file.sourcePath));
                    if (hash.isEmpty()) {
                        report.skipped << u"%1/%2: unreadable"_s.arg(label, file.relativePath);
                        complete = false;
                        continue;
                    }
                }
                auto adopted = store.adoptBlob(model.repoId, hash, file.sourcePath, options);
                if (!adopted) {
                    report.skipped << u"%1/%2: %3"_s.arg(label, file.relativePath, adopted.error().message);
                    complete = false;
                    continue;
                }
                switch (*adopted) {
                case BlobSource::Hardlinked: ++report.hardlinked; break;
                case BlobSource::Copied: ++report.copied; break;
                case BlobSource::AlreadyPresent: ++report.alreadyPresent; break;
                }
                links << qMakePair(file.relativePath, hash);
            }
            if (!complete)
                continue;
            for (const auto& [path, hash] : std::as_const(links)) {
                auto linked = store.linkSnapshotFile(model.repoId, revision.commit, path, hash);
                if (!linked)
                    return std::unexpected(linked.error());
            }
            for (const QString& ref : revision.refs) {
                auto written = store.writeRef(model.repoId, ref, revision.commit);
                if (!written)
                    return std::unexpected(written.error());
            }
            importedAny = true;
        }
        if (importedAny)
            report.importedRepos << model.repoId;
    }
    return report;
}

} // namespace aiops::registry
