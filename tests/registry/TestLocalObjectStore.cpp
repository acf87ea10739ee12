#include "core/registry/LocalObjectStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <sys/stat.h>

using namespace aiops;
using namespace aiops::registry;
using namespace Qt::StringLiterals;

namespace {

const QString kRepo = u"Qwen/Qwen2.5-0.5B"_s;
const QString kCommitA = u"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"_s;
const QString kCommitB = u"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"_s;

QString sha256Of(const QByteArray& content)
{
    return QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

QString gitIdOf(const QByteArray& content)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray("blob " + QByteArray::number(content.size()) + '\0' + content),
                                 QCryptographicHash::Sha1)
            .toHex());
}

bool appendTo(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Append) && file.write(bytes) == bytes.size();
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qint64 linkCount(const QString& path)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? qint64(info.st_nlink) : -1;
}

} // namespace

class TestLocalObjectStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalObjectStore> m_store;

    // Downloads content in two parts through .incomplete, as a resumed download does.
    QString putBlob(const QByteArray& content, const QString& hash)
    {
        auto first = m_store->beginBlob(kRepo, hash);
        if (!first || first->resumeOffset != 0 || !appendTo(first->incompletePath, content.first(content.size() / 2)))
            return {};
        auto resumed = m_store->beginBlob(kRepo, hash);
        if (!resumed || resumed->resumeOffset != content.size() / 2
            || !appendTo(resumed->incompletePath, content.sliced(content.size() / 2)))
            return {};
        auto committed = m_store->commitBlob(kRepo, hash);
        return committed ? *committed : QString();
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_store = std::make_unique<LocalObjectStore>(m_dir->path() + u"/hub"_s);
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void folderNames_data()
    {
        QTest::addColumn<QString>("repoId");
        QTest::addColumn<QString>("folder");
        QTest::newRow("org/name") << u"Qwen/Qwen2.5-0.5B-Instruct"_s << u"models--Qwen--Qwen2.5-0.5B-Instruct"_s;
        QTest::newRow("no org") << u"gpt2"_s << u"models--gpt2"_s;
        QTest::newRow("traversal") << u"../etc"_s << QString();
        QTest::newRow("three parts") << u"a/b/c"_s << QString();
        QTest::newRow("double dash") << u"a--b/c"_s << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("space") << u"org/my model"_s << QString();
    }

    void folderNames()
    {
        QFETCH(QString, repoId);
        QFETCH(QString, folder);
        const auto name = LocalObjectStore::folderNameForRepo(repoId);
        if (folder.isEmpty()) {
            QVERIFY(!name);
            QCOMPARE(name.error().code, ErrorCode::InvalidValue);
            return;
        }
        QVERIFY(name);
        QCOMPARE(*name, folder);
        QCOMPARE(LocalObjectStore::repoForFolderName(folder).value_or(QString()), repoId);
    }

    void blobsRefsAndSnapshots()
    {
        const QByteArray weights = QByteArray("safetensors-bytes-").repeated(500);
        const QByteArray config = "{\"model_type\":\"qwen2\"}";
        const QString weightsHash = sha256Of(weights);
        const QString configHash = gitIdOf(config);

        const QString weightsBlob = putBlob(weights, weightsHash);
        QCOMPARE(weightsBlob, m_dir->path() + u"/hub/models--Qwen--Qwen2.5-0.5B/blobs/"_s + weightsHash);
        QCOMPARE(readAll(weightsBlob), weights);
        QVERIFY(!QFileInfo::exists(weightsBlob + u".incomplete"_s));
        QVERIFY(!putBlob(config, configHash).isEmpty());

        QVERIFY(m_store->writeRef(kRepo, u"main"_s, kCommitA));
        QVERIFY(m_store->linkSnapshotFile(kRepo, kCommitA, u"model.safetensors"_s, weightsHash));
        QVERIFY(m_store->linkSnapshotFile(kRepo, kCommitA, u"sub/dir/config.json"_s, configHash));

        QCOMPARE(m_store->readRef(kRepo, u"main"_s).value_or(QString()), kCommitA);
        const QString link = *m_store->snapshotFilePath(kRepo, kCommitA, u"sub/dir/config.json"_s);
        const QFileInfo info(link);
        QVERIFY(info.isSymLink());
        // Relative, so the cache can move and other tools resolve it the same way.
        QCOMPARE(QFile::symLinkTarget(link),
                 QFileInfo(m_store->blobPath(kRepo, configHash).value()).canonicalFilePath());
        QCOMPARE(readAll(link), config);

        const auto model = m_store->model(kRepo);
        QVERIFY(model);
        QCOMPARE(model->revisions.size(), 1);
        QCOMPARE(model->revisions[0].commit, kCommitA);
        QCOMPARE(model->revisions[0].refs, QStringList { u"main"_s });
        QCOMPARE(model->revisions[0].files.size(), 2);
        QCOMPARE(model->revisions[0].files[0].relativePath, u"model.safetensors"_s);
        QCOMPARE(model->revisions[0].files[0].blobHash, weightsHash);
        QCOMPARE(model->revisions[0].files[0].size, weights.size());
        QCOMPARE(model->revisions[0].files[1].relativePath, u"sub/dir/config.json"_s);
        QCOMPARE(model->revisions[0].size, weights.size() + config.size());
        QCOMPARE(model->blobBytes, weights.size() + config.size());

        const auto models = m_store->listModels();
        QVERIFY(models);
        QCOMPARE(models->size(), 1);
        QCOMPARE(models->first().repoId, kRepo);
    }

    void commitRejectsCorruptBlob_data()
    {
        QTest::addColumn<bool>("gitBlob");
        QTest::newRow("sha256 (LFS)") << false;
        QTest::newRow("git sha1 (small file)") << true;
    }

    void commitRejectsCorruptBlob()
    {
        QFETCH(bool, gitBlob);
        const QByteArray expected = "the real content";
        const QString hash = gitBlob ? gitIdOf(expected) : sha256Of(expected);
        auto upload = m_store->beginBlob(kRepo, hash);
        QVERIFY(upload);
        QVERIFY(appendTo(upload->incompletePath, "tampered content"));
        const auto committed = m_store->commitBlob(kRepo, hash);
        QVERIFY(!committed);
        QCOMPARE(committed.error().code, ErrorCode::InvalidValue);
        QVERIFY(!m_store->hasBlob(kRepo, hash));
        // The bad partial is gone, so the next attempt starts from zero.
        QVERIFY(!QFileInfo::exists(upload->incompletePath));
        QCOMPARE(m_store->beginBlob(kRepo, hash)->resumeOffset, 0);
    }

    void commitTrustsStreamedDigestOnlyWhenItMatches()
    {
        const QByteArray content = "streamed";
        const QString hash = sha256Of(content);
        auto upload = m_store->beginBlob(kRepo, hash);
        QVERIFY(upload && appendTo(upload->incompletePath, content));
        const auto wrong = m_store->commitBlob(kRepo, hash, QByteArray(64, '0'));
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, ErrorCode::InvalidValue);

        upload = m_store->beginBlob(kRepo, hash);
        QVERIFY(upload && appendTo(upload->incompletePath, content));
        QVERIFY(m_store->commitBlob(kRepo, hash, hash.toLatin1().toUpper()));
        QVERIFY(m_store->hasBlob(kRepo, hash));
    }

    void rejectsBadNames_data()
    {
        QTest::addColumn<QString>("hash");
        QTest::addColumn<QString>("commit");
        QTest::addColumn<QString>("path");
        const QString goodHash = sha256Of("x");
        QTest::newRow("short hash") << u"abc"_s << kCommitA << u"f"_s;
        QTest::newRow("uppercase hash") << goodHash.toUpper() << kCommitA << u"f"_s;
        QTest::newRow("hash traversal") << u"../../etc/passwd"_s << kCommitA << u"f"_s;
        QTest::newRow("bad commit") << goodHash << u"main"_s << u"f"_s;
        QTest::newRow("path traversal") << goodHash << kCommitA << u"../../../x"_s;
        QTest::newRow("absolute path") << goodHash << kCommitA << u"/etc/passwd"_s;
        QTest::newRow("empty segment") << goodHash << kCommitA << u"a//b"_s;
    }

    void rejectsBadNames()
    {
        QFETCH(QString, hash);
        QFETCH(QString, commit);
        QFETCH(QString, path);
        const QString goodHash = sha256Of("x");
        QVERIFY(!putBlob("x", goodHash).isEmpty());
        const auto linked = m_store->linkSnapshotFile(kRepo, commit, path, hash);
        QVERIFY(!linked);
        QCOMPARE(linked.error().code, ErrorCode::InvalidValue);
        QVERIFY(!QFileInfo::exists(m_dir->path() + u"/hub/models--Qwen--Qwen2.5-0.5B/snapshots"_s));
    }

    void linkNeedsTheBlob()
    {
        const auto linked = m_store->linkSnapshotFile(kRepo, kCommitA, u"model.safetensors"_s, sha256Of("absent"));
        QVERIFY(!linked);
        QCOMPARE(linked.error().code, ErrorCode::NotFound);
    }

    void removeRevisionKeepsSharedBlobs()
    {
        const QByteArray shared = "tokenizer shared by both revisions";
        const QByteArray oldWeights = "old weights";
        const QByteArray newWeights = "new weights!";
        for (const QByteArray& content : { shared, oldWeights, newWeights })
            QVERIFY(!putBlob(content, sha256Of(content)).isEmpty());
        QVERIFY(m_store->linkSnapshotFile(kRepo, kCommitA, u"tokenizer.json"_s, sha256Of(shared)));
        QVERIFY(m_store->linkSnapshotFile(kRepo, kCommitA, u"model.safetensors"_s, sha256Of(oldWeights)));
        QVERIFY(m_store->linkSnapshotFile(kRepo, kCommitB, u"tokenizer.json"_s, sha256Of(shared)));
        QVERIFY(m_store->linkSnapshotFile(kRepo, kCommitB, u"model.safetensors"_s, sha256Of(newWeights)));
        QVERIFY(m_store->writeRef(kRepo, u"v1"_s, kCommitA));
        QVERIFY(m_store->writeRef(kRepo, u"main"_s, kCommitB));

        const auto removed = m_store->removeRevision(kRepo, kCommitA);
        QVERIFY(removed);
        QCOMPARE(removed->deletedBlobs, QStringList { sha256Of(oldWeights) });
        QCOMPARE(removed->freedBytes, oldWeights.size());
        QVERIFY(m_store->hasBlob(kRepo, sha256Of(shared)));
        QVERIFY(m_store->hasBlob(kRepo, sha256Of(newWeights)));
        QVERIFY(!m_store->hasBlob(kRepo, sha256Of(oldWeights)));
        QCOMPARE(m_store->readRef(kRepo, u"v1"_s).error().code, ErrorCode::NotFound);
        QCOMPARE(m_store->readRef(kRepo, u"main"_s).value_or(QString()), kCommitB);
        QCOMPARE(readAll(*m_store->snapshotFilePath(kRepo, kCommitB, u"tokenizer.json"_s)), shared);

        const auto last = m_store->removeRevision(kRepo, kCommitB);
        QVERIFY(last);
        QCOMPARE(last->freedBytes, shared.size() + newWeights.size());
        QVERIFY(!QFileInfo::exists(*m_store->repoPath(kRepo)));
        QCOMPARE(m_store->listModels()->size(), 0);
        QCOMPARE(m_store->removeRevision(kRepo, kCommitB).error().code, ErrorCode::NotFound);
    }

    void listsIncompleteDownloads()
    {
        const QString hash = sha256Of("big file");
        auto upload = m_store->beginBlob(kRepo, hash);
        QVERIFY(upload && appendTo(upload->incompletePath, "big"));
        const auto model = m_store->model(kRepo);
        QVERIFY(model);
        QCOMPARE(model->incompleteBlobs, QStringList { hash });
        QCOMPARE(model->blobBytes, 0);
        QVERIFY(m_store->abortBlob(kRepo, hash));
        QVERIFY(!QFileInfo::exists(upload->incompletePath));
    }

    void adoptBlobHardlinksOrCopies_data()
    {
        QTest::addColumn<bool>("allowHardlink");
        QTest::addColumn<int>("source");
        QTest::addColumn<int>("links");
        QTest::newRow("hardlink") << true << int(BlobSource::Hardlinked) << 2;
        QTest::newRow("copy") << false << int(BlobSource::Copied) << 1;
    }

    void adoptBlobHardlinksOrCopies()
    {
        QFETCH(bool, allowHardlink);
        QFETCH(int, source);
        QFETCH(int, links);
        const QByteArray content = "weights from elsewhere";
        const QString sourcePath = m_dir->path() + u"/outside.bin"_s;
        QVERIFY(appendTo(sourcePath, content));
        const auto adopted = m_store->adoptBlob(kRepo, sha256Of(content), sourcePath, { true, allowHardlink });
        QVERIFY(adopted);
        QCOMPARE(int(*adopted), source);
        const QString blob = *m_store->blobPath(kRepo, sha256Of(content));
        QCOMPARE(readAll(blob), content);
        QCOMPARE(linkCount(sourcePath), links);
        QCOMPARE(int(*m_store->adoptBlob(kRepo, sha256Of(content), sourcePath)), int(BlobSource::AlreadyPresent));

        const auto wrong = m_store->adoptBlob(kRepo, sha256Of("other"), sourcePath);
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, ErrorCode::InvalidValue);
        QVERIFY(!m_store->hasBlob(kRepo, sha256Of("other")));
    }

    void freeSpace()
    {
        const auto available = LocalObjectStore::availableBytes(m_store->root());
        QVERIFY(available);
        QVERIFY(*available > 0);
        QVERIFY(m_store->ensureFreeSpace(1));
        const auto full = m_store->ensureFreeSpace(*available + (1LL << 40));
        QVERIFY(!full);
        QCOMPARE(full.error().code, ErrorCode::InsufficientStorage);
        QCOMPARE(full.error().field, u"disk"_s);
        const auto reserved = m_store->ensureFreeSpace(1, *available + (1LL << 40));
        QVERIFY(!reserved);
    }
};

QTEST_GUILESS_MAIN(TestLocalObjectStore)
#include "TestLocalObjectStore.moc"
