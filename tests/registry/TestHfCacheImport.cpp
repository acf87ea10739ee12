#include "core/registry/HfCacheImport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace aiops;
using namespace aiops::registry;
using namespace Qt::StringLiterals;

namespace {

const QString sampleCache = QStringLiteral(AIOPS_TEST_DATA_DIR) + u"/hf-cache"_s;
const QString kQwen = u"tiny-org/tiny-qwen2"_s;
const QString kQwenCommit = u"3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f41"_s;
const QString kWhisper = u"demo/whisper-mini"_s;
const QString kWhisperOld = u"a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"_s;
const QString kWhisperNew = u"0123456789abcdef0123456789abcdef01234567"_s;
const QString kWhisperWeights = u"df1d59277fcc27fb5f3be9aaff61a1950c4cff240bc40f91e550d68c750570f1"_s;

// Copies a tree keeping symlinks as symlinks, so a test can hard-link and corrupt its own copy.
bool copyTree(const QString& from, const QString& to)
{
    QDirIterator it(
        from, QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QString target = to + path.mid(from.size());
        if (info.isSymLink()) {
            const QByteArray link = QFile::encodeName(path);
            char buffer[4096];
            const ssize_t length = ::readlink(link.constData(), buffer, sizeof(buffer) - 1);
            if (length <= 0 || !QDir().mkpath(QFileInfo(target).path())
                || ::symlink(QByteArray(buffer, length).constData(), QFile::encodeName(target).constData()) != 0)
                return false;
        } else if (info.isDir()) {
            if (!QDir().mkpath(target))
                return false;
        } else if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::copy(path, target)) {
            return false;
        }
    }
    return true;
}

const HfCacheModel* findModel(const HfCacheScan& scan, const QString& repoId)
{
    for (const HfCacheModel& model : scan.models)
        if (model.repoId == repoId)
            return &model;
    return nullptr;
}

const HfCacheRevision* findRevision(const HfCacheModel& model, const QString& commit)
{
    for (const HfCacheRevision& revision : model.revisions)
        if (revision.commit == commit)
            return &revision;
    return nullptr;
}

qint64 linkCount(const QString& path)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? qint64(info.st_nlink) : -1;
}

} // namespace

class TestHfCacheImport : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_hub;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_hub = m_dir->path() + u"/hf-hub"_s;
        QVERIFY(copyTree(sampleCache, m_hub));
    }

    void cleanup() { m_dir.reset(); }

    void scanFindsModelsOnly()
    {
        const auto scan = scanHfCache(sampleCache);
        QVERIFY(scan);
        QStringList repos;
        for (const HfCacheModel& model : scan->models)
            repos << model.repoId;
        QCOMPARE(repos, (QStringList { kWhisper, kQwen }));
        QVERIFY2(scan->warnings.isEmpty(), qPrintable(scan->warnings.join(u'\n')));
    }

    void scanRevisions_data()
    {
        QTest::addColumn<QString>("repoId");
        QTest::addColumn<QString>("commit");
        QTest::addColumn<QStringList>("refs");
        QTest::addColumn<QStringList>("paths");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<QString>("task");
        QTest::addColumn<QString>("framework");
        QTest::addColumn<qint64>("parameters");

        // Sizes are those of the sample files: model.safetensors = 8 + 712 header + 5184 data.
        QTest::newRow("qwen main") << kQwen << kQwenCommit << QStringList { u"main"_s }
                                   << QStringList { u"config.json"_s,
                                                    u"model.safetensors"_s,
                                                    u"tokenizer/tokenizer.json"_s }
                                   << qint64(QFileInfo(sampleCache + u"/models--tiny-org--tiny-qwen2/snapshots/"_s
                                                       + kQwenCommit + u"/config.json"_s)
                                                 .size()
                                             + 8 + 712 + 5184 + 41)
                                   << u"llm"_s << u"vllm"_s << 2592LL;
        QTest::newRow("whisper pr/1") << kWhisper << kWhisperOld << QStringList { u"refs/pr/1"_s }
                                      << QStringList { u"config.json"_s, u"model.safetensors"_s, u"tokenizer.json"_s }
                                      << -1LL << u"asr"_s << u"custom"_s << 264LL;
        QTest::newRow("whisper main onnx")
            << kWhisper << kWhisperNew << QStringList { u"main"_s }
            << QStringList { u"config.json"_s, u"onnx/encoder_model.onnx"_s, u"tokenizer.json"_s } << -1LL << u"asr"_s
            << u"triton"_s << 0LL;
    }

    void scanRevisions()
    {
        QFETCH(QString, repoId);
        QFETCH(QString, commit);
        QFETCH(QStringList, refs);
        QFETCH(QStringList, paths);
        QFETCH(qint64, size);
        QFETCH(QString, task);
        QFETCH(QString, framework);
        QFETCH(qint64, parameters);

        const auto scan = scanHfCache(sampleCache);
        QVERIFY(scan);
        const HfCacheModel* model = findModel(*scan, repoId);
        QVERIFY(model);
        const HfCacheRevision* revision = findRevision(*model, commit);
        QVERIFY(revision);
        QCOMPARE(revision->refs, refs);
        QStringList found;
        qint64 total = 0;
        for (const HfCacheFile& file : revision->files) {
            found << file.relativePath;
            QVERIFY(LocalObjectStore::isBlobHash(file.blobHash));
            QCOMPARE(QFileInfo(file.sourcePath).fileName(), file.blobHash);
            QCOMPARE(file.size, QFileInfo(file.sourcePath).size());
            total += file.size;
        }
        QCOMPARE(found, paths);
        QCOMPARE(revision->size, total);
        if (size >= 0)
            QCOMPARE(revision->size, size);
        QVERIFY(revision->metadata);
        QCOMPARE(revision->metadata->task, task);
        QCOMPARE(revision->metadata->framework, framework);
        QCOMPARE(revision->metadata->parameters, parameters);
    }

    void scanReportsBadLinks()
    {
        const QString snapshot = m_hub + u"/models--tiny-org--tiny-qwen2/snapshots/"_s + kQwenCommit;
        QVERIFY(::symlink("/etc/hostname", QFile::encodeName(snapshot + u"/escape.txt"_s).constData()) == 0);
        QVERIFY(::symlink("../../blobs/"
                          "0000000000000000000000000000000000000000",
                          QFile::encodeName(snapshot + u"/dangling.json"_s).constData())
                == 0);
        const auto scan = scanHfCache(m_hub);
        QVERIFY(scan);
        const HfCacheRevision* revision = findRevision(*findModel(*scan, kQwen), kQwenCommit);
        QCOMPARE(revision->files.size(), 3);
        QCOMPARE(scan->warnings.size(), 2);
        QVERIFY(scan->warnings.join(u'\n').contains(u"escape.txt"_s));
    }

    void scanMissingDirectory()
    {
        const auto scan = scanHfCache(m_dir->path() + u"/nothing-here"_s);
        QVERIFY(!scan);
        QCOMPARE(scan.error().code, ErrorCode::NotFound);
    }

    void importRegistersWithoutCopying_data()
    {
        QTest::addColumn<bool>("allowHardlink");
        QTest::addColumn<int>("hardlinked");
        QTest::addColumn<int>("copied");
        // 7 distinct blobs; the whisper tokenizer and config are shared by both revisions (2 files counted again).
        QTest::newRow("same filesystem") << true << 7 << 0;
        QTest::newRow("copy") << false << 0 << 7;
    }

    void importRegistersWithoutCopying()
    {
        QFETCH(bool, allowHardlink);
        QFETCH(int, hardlinked);
        QFETCH(int, copied);

        const auto scan = scanHfCache(m_hub);
        QVERIFY(scan);
        LocalObjectStore store(m_dir->path() + u"/store"_s);
        const auto report = importHfCache(*scan, store, { true, allowHardlink });
        QVERIFY(report);
        QVERIFY2(report->skipped.isEmpty(), qPrintable(report->skipped.join(u'\n')));
        QCOMPARE(report->importedRepos, (QStringList { kWhisper, kQwen }));
        QCOMPARE(report->hardlinked, hardlinked);
        QCOMPARE(report->copied, copied);
        QCOMPARE(report->alreadyPresent, 2);

        const auto models = store.listModels();
        QVERIFY(models);
        QCOMPARE(models->size(), 2);
        for (const HfCacheModel& scanned : scan->models) {
            const auto stored = store.model(scanned.repoId);
            QVERIFY(stored);
            QCOMPARE(stored->revisions.size(), scanned.revisions.size());
            for (int i = 0; i < scanned.revisions.size(); ++i) {
                QCOMPARE(stored->revisions[i].commit, scanned.revisions[i].commit);
                QCOMPARE(stored->revisions[i].refs, scanned.revisions[i].refs);
                QCOMPARE(stored->revisions[i].size, scanned.revisions[i].size);
                for (const HfCacheFile& file : scanned.revisions[i].files) {
                    const QString path
                        = *store.snapshotFilePath(scanned.repoId, scanned.revisions[i].commit, file.relativePath);
                    QVERIFY(QFileInfo(path).isSymLink());
                    QFile copy(path);
                    QFile original(file.sourcePath);
                    QVERIFY(copy.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly));
                    QCOMPARE(copy.readAll(), original.readAll());
                }
            }
        }
        const QString sourceBlob = m_hub + u"/models--demo--whisper-mini/blobs/"_s + kWhisperWeights;
        QCOMPARE(linkCount(sourceBlob), allowHardlink ? 2 : 1);
        QCOMPARE(store.readRef(kWhisper, u"refs/pr/1"_s).value_or(QString()), kWhisperOld);
        QCOMPARE(store.readRef(kQwen, u"main"_s).value_or(QString()), kQwenCommit);

        // A second import finds everything in place.
        const auto again = importHfCache(*scan, store);
        QVERIFY(again);
        QCOMPARE(again->hardlinked + again->copied, 0);
        QCOMPARE(again->alreadyPresent, 9);
    }

    void importSkipsCorruptRevision()
    {
        QFile blob(m_hub + u"/models--demo--whisper-mini/blobs/"_s + kWhisperWeights);
        QVERIFY(blob.open(QIODevice::ReadWrite));
        QVERIFY(blob.seek(blob.size() - 1));
        QVERIFY(blob.write("\x01") == 1);
        blob.close();

        const auto scan = scanHfCache(m_hub);
        QVERIFY(scan);
        LocalObjectStore store(m_dir->path() + u"/store"_s);
        const auto report = importHfCache(*scan, store);
        QVERIFY(report);
        QCOMPARE(report->skipped.size(), 1);
        QVERIFY(report->skipped.first().startsWith(kWhisper + u'@' + kWhisperOld + u"/model.safetensors"_s));
        QVERIFY(!store.hasBlob(kWhisper, kWhisperWeights));
        const auto whisper = store.model(kWhisper);
        QVERIFY(whisper);
        QCOMPARE(whisper->revisions.size(), 1);
        QCOMPARE(whisper->revisions.first().commit, kWhisperNew);
        QVERIFY(!store.readRef(kWhisper, u"refs/pr/1"_s));
    }
};

QTEST_GUILESS_MAIN(TestHfCacheImport)
#include "TestHfCacheImport.moc"
