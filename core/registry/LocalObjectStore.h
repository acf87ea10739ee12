#pragma once

#include "core/protocol/Error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace aiops::registry {

struct StoredFile
{
    QString relativePath; // path inside the snapshot ("model.safetensors", "onnx/model.onnx")
    QString blobHash; // the blob file name: sha256 (LFS files) or the git blob sha1 (small files)
    qint64 size = 0;
};

struct StoredRevision
{
    QString commit;
    QStringList refs; // revisions (branch names, tags) whose refs/<name> holds this commit
    QList<StoredFile> files;
    qint64 size = 0; // sum of the file sizes
};

struct StoredModel
{
    QString repoId; // "org/name"
    QList<StoredRevision> revisions;
    qint64 blobBytes = 0; // bytes on disk, each blob counted once
    QStringList incompleteBlobs; // hashes with a partial download
};

struct BlobUpload
{
    QString incompletePath; // append here (open with QIODevice::Append)
    qint64 resumeOffset = 0; // bytes already there: the Range start of a resumed download
};

struct RemovedRevision
{
    QStringList deletedBlobs;
    qint64 freedBytes = 0;
};

struct AdoptOptions
{
    bool verify = true; // hash the source against the blob name before taking it
    bool allowHardlink = true; // false: always copy (the source may change in place later)
};

enum class BlobSource {
    AlreadyPresent,
    Hardlinked,
    Copied,
};

// Artifacts on a local directory laid out as huggingface_hub's cache, so that transformers, vLLM and
// huggingface-cli can use it as HF_HUB_CACHE and the console can reuse theirs:
//   <root>/models--org--name/blobs/<sha256 or git sha1>        content, named by hash
//   <root>/models--org--name/blobs/<hash>.incomplete           a partial download
//   <root>/models--org--name/refs/<revision>                   the commit sha the revision points at
//   <root>/models--org--name/snapshots/<commit>/<path>         relative symlink into ../../blobs
// Methods that hash files block: call them from a worker, never from an event loop.
class LocalObjectStore
{
public:
    explicit LocalObjectStore(QString root);

    const QString& root() const { return m_root; }

    // "Qwen/Qwen2.5-0.5B" <-> "models--Qwen--Qwen2.5-0.5B"; empty or an error for malformed ids.
    static Result<QString> folderNameForRepo(const QString& repoId);
    static Result<QString> repoForFolderName(const QString& folderName);
    static bool isBlobHash(const QString& hash); // 40 (git sha1) or 64 (sha256) lowercase hex
    static bool isCommitSha(const QString& commit); // 40 lowercase hex

    Result<QString> repoPath(const QString& repoId) const;
    Result<QString> blobPath(const QString& repoId, const QString& hash) const;
    bool hasBlob(const QString& repoId, const QString& hash) const;

    // Starts or resumes writing a blob: creates the folders and reports what is already in <hash>.incomplete.
    Result<BlobUpload> beginBlob(const QString& repoId, const QString& hash);
    // Verifies the finished .incomplete file and renames it onto blobs/<hash> atomically. A sha256 blob
    // must hash to its name; a git-sha1 blob must match its git object id. streamedSha256 (hex), when
    // the writer hashed while streaming, spares re-reading the file for sha256 blobs. A mismatch
    // deletes the partial file and returns INVALID_VALUE.
    Result<QString> commitBlob(const QString& repoId, const QString& hash, const QByteArray& streamedSha256 = {});
    Result<void> abortBlob(const QString& repoId, const QString& hash);
    // Puts an existing file in as blob <hash>: a hard link when on the same filesystem (no copy),
    // else a copy through <hash>.incomplete and an atomic rename.
    Result<BlobSource>
    adoptBlob(const QString& repoId, const QString& hash, const QString& sourcePath, const AdoptOptions& options = {});

    Result<void> writeRef(const QString& repoId, const QString& revision, const QString& commit);
    Result<QString> readRef(const QString& repoId, const QString& revision) const;
    // snapshots/<commit>/<relativePath> -> ../../blobs/<hash> (one more ../ per sub-folder).
    Result<void>
    linkSnapshotFile(const QString& repoId, const QString& commit, const QString& relativePath, const QString& hash);
    Result<QString> snapshotFilePath(const QString& repoId, const QString& commit, const QString& relativePath) const;

    Result<QList<StoredModel>> listModels() const;
    Result<StoredModel> model(const QString& repoId) const;

    // Deletes the snapshot, the refs that point at it, and the blobs no remaining snapshot links to.
    // The model folder goes too when no snapshot is left.
    Result<RemovedRevision> removeRevision(const QString& repoId, const QString& commit);

    static Result<qint64> availableBytes(const QString& path);
    // QUOTA_EXCEEDED (field "disk") when the filesystem of root has less than bytesNeeded + reserve free.
    Result<void> ensureFreeSpace(qint64 bytesNeeded, qint64 reserveBytes = 0) const;

private:
    Result<StoredModel> scanModel(const QString& repoId, const QString& dir) const;

    QString m_root;
};

// Rejects absolute paths, "..", empty segments and backslashes in a repo-relative file path.
bool isSafeRelativePath(const QString& path);

// Lowercase hex digest of a file: sha256, or the git blob id (sha1 of "blob <size>\0" + content) when
// gitBlobId is set; empty when the file cannot be read.
QByteArray fileDigest(const QString& path, bool gitBlobId = false);

} // namespace aiops::registry
