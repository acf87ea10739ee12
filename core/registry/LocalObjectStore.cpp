#include "core/registry/LocalObjectStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace aiops::registry {

namespace {

const QString kBlobs = u"blobs"_s;
const QString kRefs = u"refs"_s;
const QString kSnapshots = u"snapshots"_s;
const QString kIncompleteSuffix = u".incomplete"_s;

bool isLowerHex(const QString& text, qsizetype length)
{
    if (text.size() != length)
        return false;
    for (QChar c : text)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    return true;
}

bool isRepoSegment(const QString& segment)
{
    static const QRegularExpression allowed(u"^[A-Za-z0-9][A-Za-z0-9._-]*$"_s);
    return segment.size() <= 96 && allowed.match(segment).hasMatch() && !segment.contains(u"--"_s)
        && !segment.contains(u".."_s) && !segment.endsWith(u'.');
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QByteArray encoded(const QString& path)
{
    return QFile::encodeName(path);
}

bool isSymlink(const QString& path)
{
    return QFileInfo(path).isSymLink();
}

// The blob name a snapshot entry links to, read without resolving the link (it may dangle).
QString linkTargetName(const QString& linkPath)
{
    char buffer[4096];
    const ssize_t length = ::readlink(encoded(linkPath).constData(), buffer, sizeof(buffer) - 1);
    if (length <= 0)
        return {};
    return QFileInfo(QFile::decodeName(QByteArray(buffer, length))).fileName();
}

Error ioError(const QString& what)
{
    return Error { ErrorCode::StoreError, what };
}

} // namespace

bool isSafeRelativePath(const QString& path)
{
    if (path.isEmpty() || path.startsWith(u'/') || path.contains(u'\\') || path.contains(QChar(0)))
        return false;
    const QStringList segments = path.split(u'/');
    for (const QString& segment : segments)
        if (segment.isEmpty() || segment == u"."_s || segment == u".."_s)
            return false;
    return true;
}

QByteArray fileDigest(const QString& path, bool gitBlobId)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(gitBlobId ? QCryptographicHash::Sha1 : QCryptographicHash::Sha256);
    if (gitBlobId) {
        hash.addData(QByteArray("blob " + QByteArray::number(file.size())));
        hash.addData(QByteArrayView("\0", 1));
    }
    if (!hash.addData(&file))
        return {};
    return hash.result().toHex();
}

LocalObjectStore::LocalObjectStore(QString root)
    : m_root(QDir::cleanPath(std::move(root)))
{
}

Result<QString> LocalObjectStore::folderNameForRepo(const QString& repoId)
{
    const QStringList parts = repoId.split(u'/');
    if (parts.size() > 2 || !std::all_of(parts.begin(), parts.end(), isRepoSegment))
        return makeError(ErrorCode::InvalidValue, u"not a HuggingFace repo id: %1"_s.arg(repoId), u"repo"_s);
    return u"models--"_s + parts.join(u"--"_s);
}

Result<QString> LocalObjectStore::repoForFolderName(const QString& folderName)
{
    if (!folderName.startsWith(u"models--"_s))
        return makeError(ErrorCode::InvalidValue, u"not a model cache folder: %1"_s.arg(folderName));
    const QStringList parts = folderName.mid(8).split(u"--"_s);
    if (parts.size() > 2 || !std::all_of(parts.begin(), parts.end(), isRepoSegment))
        return makeError(ErrorCode::InvalidValue, u"not a model cache folder: %1"_s.arg(folderName));
    return parts.join(u'/');
}

bool LocalObjectStore::isBlobHash(const QString& hash)
{
    return isLowerHex(hash, 40) || isLowerHex(hash, 64);
}

bool LocalObjectStore::isCommitSha(const QString& commit)
{
    return isLowerHex(commit, 40);
}

Result<QString> LocalObjectStore::repoPath(const QString& repoId) const
{
    auto folder = folderNameForRepo(repoId);
    if (!folder)
        return folder;
    return m_root + u'/' + *folder;
}

Result<QString> LocalObjectStore::blobPath(const QString& repoId, const QString& hash) const
{
    if (!isBlobHash(hash))
        return makeError(ErrorCode::InvalidValue, u"not a blob hash: %1"_s.arg(hash), u"hash"_s);
    auto repo = repoPath(repoId);
    if (!repo)
        return repo;
    return *repo + u'/' + kBlobs + u'/' + hash;
}

bool LocalObjectStore::hasBlob(const QString& repoId, const QString& hash) const
{
    auto path = blobPath(repoId, hash);
    return path && QFileInfo(*path).isFile();
}

Result<BlobUpload> LocalObjectStore::beginBlob(const QString& repoId, const QString& hash)
{
    auto path = blobPath(repoId, hash);
    if (!path)
        return std::unexpected(path.error());
    if (!QDir().mkpath(QFileInfo(*path).path()))
        return std::unexpected(ioError(u"cannot create %1"_s.arg(QFileInfo(*path).path())));
    BlobUpload upload;
    upload.incompletePath = *path + kIncompleteSuffix;
    QFile partial(upload.incompletePath);
    if (!partial.open(QIODevice::WriteOnly | QIODevice::Append))
        return std::unexpected(ioError(u"cannot open %1: %2"_s.arg(upload.incompletePath, partial.errorString())));
    upload.resumeOffset = partial.size();
    return upload;
}

Result<QString>
LocalObjectStore::commitBlob(const QString& repoId, const QString& hash, const QByteArray& streamedSha256)
{
    auto path = blobPath(repoId, hash);
    if (!path)
        return path;
    const QString partial = *path + kIncompleteSuffix;
    if (!QFileInfo(partial).isFile())
        return makeError(ErrorCode::NotFound, u"no partial download for blob %1"_s.arg(hash), u"hash"_s);
    const bool sha256Blob = hash.size() == 64;
    const QByteArray digest
        = sha256Blob && !streamedSha256.isEmpty() ? streamedSha256.toLower() : fileDigest(partial, !sha256Blob);
    if (digest.isEmpty())
        return std::unexpected(ioError(u"cannot read %1"_s.arg(partial)));
    if (QString::fromLatin1(digest) != hash) {
        QFile::remove(partial);
        return makeError(ErrorCode::InvalidValue,
                         u"blob %1 failed verification: content hashes to %2"_s.arg(hash, QString::fromLatin1(digest)),
                         u"hash"_s);
    }
    if (::rename(encoded(partial).constData(), encoded(*path).constData()) != 0)
        return std::unexpected(ioError(u"cannot rename %1: %2"_s.arg(partial, errnoText())));
    return *path;
}

Result<void> LocalObjectStore::abortBlob(const QString& repoId, const QString& hash)
{
    auto path = blobPath(repoId, hash);
    if (!path)
        return std::unexpected(path.error());
    const QString partial = *path + kIncompleteSuffix;
    if (QFileInfo::exists(partial) && !QFile::remove(partial))
        return std::unexpected(ioError(u"cannot remove %1"_s.arg(partial)));
    return {};
}

Result<BlobSource> LocalObjectStore::adoptBlob(const QString& repoId,
                                               const QString& hash,
                                               const QString& sourcePath,
                                               const AdoptOptions& options)
{
    auto path = blobPath(repoId, hash);
    if (!path)
        return std::unexpected(path.error());
    if (QFileInfo(*path).isFile())
        return BlobSource::AlreadyPresent;
    if (!QFileInfo(sourcePath).isFile())
        return makeError(ErrorCode::NotFound, u"no such file: %1"_s.arg(sourcePath));
    if (options.verify) {
        const QByteArray digest = fileDigest(sourcePath, hash.size() == 40);
        if (QString::fromLatin1(digest) != hash)
            return makeError(
                ErrorCode::InvalidValue, u"%1 does not match its blob name %2"_s.arg(sourcePath, hash), u"hash"_s);
    }
    if (!QDir().mkpath(QFileInfo(*path).path()))
        return std::unexpected(ioError(u"cannot create %1"_s.arg(QFileInfo(*path).path())));
    if (options.allowHardlink) {
        if (::link(encoded(sourcePath).constData(), encoded(*path).constData()) == 0)
            return BlobSource::Hardlinked;
        if (errno == EEXIST)
            return BlobSource::AlreadyPresent;
        // EXDEV (another filesystem), EPERM/ENOTSUP (no hard links there): fall back to a copy.
        if (errno != EXDEV && errno != EPERM && errno != ENOTSUP && errno != EMLINK)
            return std::unexpected(ioError(u"cannot link %1: %2"_s.arg(sourcePath, errnoText())));
    }
    const QString partial = *path + kIncompleteSuffix;
    QFile::remove(partial);
    if (!QFile::copy(sourcePath, partial))
        return std::unexpected(ioError(u"cannot copy %1 into the store"_s.arg(sourcePath)));
    if (::rename(encoded(partial).constData(), encoded(*path).constData()) != 0)
        return std::unexpected(ioError(u"cannot rename %1: %2"_s.arg(partial, errnoText())));
    return BlobSource::Copied;
}

Result<void> LocalObjectStore::writeRef(const QString& repoId, const QString& revision, const QString& commit)
{
    if (!isSafeRelativePath(revision))
        return makeError(ErrorCode::InvalidValue, u"not a revision name: %1"_s.arg(revision), u"revision"_s);
    if (!isCommitSha(commit))
        return makeError(ErrorCode::InvalidValue, u"not a commit sha: %1"_s.arg(commit), u"commit"_s);
    auto repo = repoPath(repoId);
    if (!repo)
        return std::unexpected(repo.error());
    const QString path = *repo + u'/' + kRefs + u'/' + revision;
    if (!QDir().mkpath(QFileInfo(path).path()))
        return std::unexpected(ioError(u"cannot create %1"_s.arg(QFileInfo(path).path())));
    // Written beside and renamed, so a reader never sees half a sha.
    const QString temporary = path + u".tmp"_s;
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(commit.toLatin1()) != commit.size())
        return std::unexpected(ioError(u"cannot write %1"_s.arg(temporary)));
    file.close();
    if (::rename(encoded(temporary).constData(), encoded(path).constData()) != 0)
        return std::unexpected(ioError(u"cannot rename %1: %2"_s.arg(temporary, errnoText())));
    return {};
}

Result<QString> LocalObjectStore::readRef(const QString& repoId, const QString& revision) const
{
    if (!isSafeRelativePath(revision))
        return makeError(ErrorCode::InvalidValue, u"not a revision name: %1"_s.arg(revision), u"revision"_s);
    auto repo = repoPath(repoId);
    if (!repo)
        return repo;
    QFile file(*repo + u'/' + kRefs + u'/' + revision);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, u"%1 has no revision %2"_s.arg(repoId, revision), u"revision"_s);
    const QString commit = QString::fromLatin1(file.read(128).trimmed());
    if (!isCommitSha(commit))
        return makeError(ErrorCode::StoreError, u"ref %1 of %2 does not hold a commit sha"_s.arg(revision, repoId));
    return commit;
}

Result<QString>
LocalObjectStore::snapshotFilePath(const QString& repoId, const QString& commit, const QString& relativePath) const
{
    if (!isCommitSha(commit))
        return makeError(ErrorCode::InvalidValue, u"not a commit sha: %1"_s.arg(commit), u"commit"_s);
    if (!isSafeRelativePath(relativePath))
        return makeError(ErrorCode::InvalidValue, u"not a safe file path: %1"_s.arg(relativePath), u"path"_s);
    auto repo = repoPath(repoId);
    if (!repo)
        return repo;
    return *repo + u'/' + kSnapshots + u'/' + commit + u'/' + relativePath;
}

Result<void> LocalObjectStore::linkSnapshotFile(const QString& repoId,
                                                const QString& commit,
                                                const QString& relativePath,
                                                const QString& hash)
{
    if (!isBlobHash(hash))
        return makeError(ErrorCode::InvalidValue, u"not a blob hash: %1"_s.arg(hash), u"hash"_s);
    auto link = snapshotFilePath(repoId, commit, relativePath);
    if (!link)
        return std::unexpected(link.error());
    if (!hasBlob(repoId, hash))
        return makeError(ErrorCode::NotFound, u"%1 has no blob %2"_s.arg(repoId, hash), u"hash"_s);
    if (!QDir().mkpath(QFileInfo(*link).path()))
        return std::unexpected(ioError(u"cannot create %1"_s.arg(QFileInfo(*link).path())));
    // snapshots/<commit>/a/b/file -> ../../../blobs/<hash>: two levels for snapshots/<commit>, one per folder.
    const QString target = u"../"_s.repeated(2 + relativePath.count(u'/')) + kBlobs + u'/' + hash;
    if (QFileInfo(*link).isSymLink() || QFileInfo::exists(*link))
        QFile::remove(*link);
    if (::symlink(encoded(target).constData(), encoded(*link).constData()) != 0)
        return std::unexpected(ioError(u"cannot link %1: %2"_s.arg(*link, errnoText())));
    return {};
}

Result<StoredModel> LocalObjectStore::scanModel(const QString& repoId, const QString& dir) const
{
    StoredModel model;
    model.repoId = repoId;

    QMap<QString, QStringList> refsByCommit;
    const QString refsDir = dir + u'/' + kRefs;
    QDirIterator refs(refsDir, QDir::Files, QDirIterator::Subdirectories);
    while (refs.hasNext()) {
        const QString path = refs.next();
        if (path.endsWith(u".tmp"_s))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        refsByCommit[QString::fromLatin1(file.read(128).trimmed())] << path.mid(refsDir.size() + 1);
    }

    const QString blobsDir = dir + u'/' + kBlobs;
    const QStringList blobNames = QDir(blobsDir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    for (const QString& name : blobNames) {
        if (name.endsWith(kIncompleteSuffix))
            model.incompleteBlobs << name.chopped(kIncompleteSuffix.size());
        else
            model.blobBytes += QFileInfo(blobsDir + u'/' + name).size();
    }

    const QStringList commits = QDir(dir + u'/' + kSnapshots).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& commit : commits) {
        StoredRevision revision;
        revision.commit = commit;
        revision.refs = refsByCommit.value(commit);
        revision.refs.sort();
        const QString snapshotDir = dir + u'/' + kSnapshots + u'/' + commit;
        QDirIterator files(snapshotDir, QDir::Files | QDir::System | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            StoredFile file;
            file.relativePath = path.mid(snapshotDir.size() + 1);
            if (isSymlink(path)) {
                file.blobHash = linkTargetName(path);
                file.size = QFileInfo(blobsDir + u'/' + file.blobHash).size();
            } else {
                file.size = QFileInfo(path).size();
            }
            revision.size += file.size;
            revision.files << file;
        }
        std::sort(revision.files.begin(), revision.files.end(), [](const StoredFile& a, const StoredFile& b) {
            return a.relativePath < b.relativePath;
        });
        model.revisions << revision;
    }
    return model;
}

Result<QList<StoredModel>> LocalObjectStore::listModels() const
{
    QList<StoredModel> models;
    const QStringList folders
        = QDir(m_root).entryList({ u"models--*"_s }, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& folder : folders) {
        auto repoId = repoForFolderName(folder);
        if (!repoId)
            continue;
        auto model = scanModel(*repoId, m_root + u'/' + folder);
        if (!model)
            return std::unexpected(model.error());
        models << *model;
    }
    return models;
}

Result<StoredModel> LocalObjectStore::model(const QString& repoId) const
{
    auto dir = repoPath(repoId);
    if (!dir)
        return std::unexpected(dir.error());
    if (!QFileInfo(*dir).isDir())
        return makeError(ErrorCode::NotFound, u"no model %1 in the store"_s.arg(repoId), u"repo"_s);
    return scanModel(repoId, *dir);
}

Result<RemovedRevision> LocalObjectStore::removeRevision(const QString& repoId, const QString& commit)
{
    if (!isCommitSha(commit))
        return makeError(ErrorCode::InvalidValue, u"not a commit sha: %1"_s.arg(commit), u"commit"_s);
    auto stored = model(repoId);
    if (!stored)
        return std::unexpected(stored.error());
    const QString dir = *repoPath(repoId);
    const auto target = std::find_if(stored->revisions.cbegin(),
                                     stored->revisions.cend(),
                                     [&](const StoredRevision& r) { return r.commit == commit; });
    if (target == stored->revisions.cend())
        return makeError(ErrorCode::NotFound, u"%1 has no snapshot %2"_s.arg(repoId, commit), u"commit"_s);

    QSet<QString> stillUsed;
    for (const StoredRevision& revision : stored->revisions)
        if (revision.commit != commit)
            for (const StoredFile& file : revision.files)
                stillUsed.insert(file.blobHash);

    RemovedRevision removed;
    if (!QDir(dir + u'/' + kSnapshots + u'/' + commit).removeRecursively())
        return std::unexpected(ioError(u"cannot remove snapshot %1 of %2"_s.arg(commit, repoId)));
    for (const QString& ref : target->refs)
        QFile::remove(dir + u'/' + kRefs + u'/' + ref);
    QSet<QString> seen;
    for (const StoredFile& file : target->files) {
        if (file.blobHash.isEmpty() || stillUsed.contains(file.blobHash) || seen.contains(file.blobHash))
            continue;
        seen.insert(file.blobHash);
        const QString blob = dir + u'/' + kBlobs + u'/' + file.blobHash;
        const qint64 size = QFileInfo(blob).size();
        if (QFile::remove(blob)) {
            removed.deletedBlobs << file.blobHash;
            removed.freedBytes += size;
        }
    }
    removed.deletedBlobs.sort();
    if (stored->revisions.size() == 1)
        QDir(dir).removeRecursively();
    return removed;
}

Result<qint64> LocalObjectStore::availableBytes(const QString& path)
{
    // The store may not exist yet: ask the filesystem of its nearest existing ancestor.
    QString probe = QFileInfo(path).absoluteFilePath();
    while (!QFileInfo::exists(probe) && probe != u"/"_s)
        probe = QFileInfo(probe).path();
    struct statvfs info
    {
    };
    if (::statvfs(encoded(probe).constData(), &info) != 0)
        return std::unexpected(ioError(u"cannot query free space of %1: %2"_s.arg(probe, errnoText())));
    return static_cast<qint64>(info.f_bavail) * static_cast<qint64>(info.f_frsize);
}

Result<void> LocalObjectStore::ensureFreeSpace(qint64 bytesNeeded, qint64 reserveBytes) const
{
    auto available = availableBytes(m_root);
    if (!available)
        return std::unexpected(available.error());
    if (*available < bytesNeeded + reserveBytes)
        return makeError(ErrorCode::InsufficientStorage,
                         u"not enough disk space in %1: %2 bytes needed, %3 free"_s.arg(m_root)
                             .arg(bytesNeeded + reserveBytes)
                             .arg(*available),
                         u"disk"_s);
    return {};
}

} // namespace aiops::registry
