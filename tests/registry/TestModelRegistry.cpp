// The registry over its real tables and object store: importing the sample HuggingFace cache
// registers both models with metadata and one version per snapshot, files are listed from the
// store, a restart keeps everything, and removing a model frees only blobs no other version uses.
#include "core/registry/HfCacheImport.h"
#include "core/registry/ModelRegistry.h"
#include "core/store/Database.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace aiops;
using namespace Qt::StringLiterals;

class TestModelRegistry final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString hubDir() const { return QStringLiteral(AIOPS_TEST_DATA_DIR) + u"/hf-cache"_s; }
    QString dbPath() const { return m_dir.filePath(u"registry.sqlite"_s); }
    QString storeRoot() const { return m_dir.filePath(u"models"_s); }

private Q_SLOTS:
    void importsTheSampleCache()
    {
        auto db = store::Database::openSqlite(dbPath());
        QVERIFY(db.has_value());
        registry::ModelRegistry registry(**db, storeRoot());
        QVERIFY(registry.load().has_value());
        QVERIFY(registry.models().isEmpty());

        QSignalSpy finished(&registry, &registry::ModelService::importFinished);
        registry.importCache(hubDir());
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.first().at(0).toInt() == 2, qPrintable(finished.first().at(1).toStringList().join(u'\n')));

        const auto models = registry.models();
        QCOMPARE(models.size(), 2);
        const auto qwen = registry.model(registry::modelIdForRepo(u"tiny-org/tiny-qwen2"_s));
        QVERIFY(qwen.has_value());
        QCOMPARE(qwen->name, u"tiny-org/tiny-qwen2"_s);
        QCOMPARE(qwen->source, u"huggingface"_s);
        QCOMPARE(qwen->sourceUrl, u"https://huggingface.co/tiny-org/tiny-qwen2"_s);
        QCOMPARE(qwen->task, u"llm"_s);
        QCOMPARE(qwen->framework, u"vllm"_s);
        QVERIFY(qwen->parameters > 0);
        QVERIFY(qwen->minGpuMemory > 1024); // weights + KV + the runtime's fixed GiB
        QCOMPARE(qwen->version, u"1.0.0"_s);
        QVERIFY(qwen->minioPath.startsWith(u"local://models--tiny-org--tiny-qwen2"_s));

        // Two snapshots of whisper-mini: two versions, each with the commit it came from.
        const QString whisper = registry::modelIdForRepo(u"demo/whisper-mini"_s);
        const auto versions = registry.versions(whisper);
        QCOMPARE(versions.size(), 2);
        QStringList names { versions[0].version, versions[1].version };
        names.sort();
        QCOMPARE(names, (QStringList { u"1.0.0"_s, u"1.1.0"_s }));
        for (const auto& v : versions)
            QCOMPARE(v.commitSha.size(), 40);
        QVERIFY(!registry.files(whisper).isEmpty());
        bool hasConfig = false;
        for (const auto& f : registry.files(registry::modelIdForRepo(u"tiny-org/tiny-qwen2"_s)))
            hasConfig = hasConfig || f.path == u"config.json"_s;
        QVERIFY(hasConfig);
    }

    void survivesARestart()
    {
        auto db = store::Database::openSqlite(dbPath());
        QVERIFY(db.has_value());
        registry::ModelRegistry registry(**db, storeRoot());
        QVERIFY(registry.load().has_value());
        QCOMPARE(registry.models().size(), 2);
        QCOMPARE(registry.versions(registry::modelIdForRepo(u"demo/whisper-mini"_s)).size(), 2);
    }

    void removingFreesOnlyUnsharedBlobs()
    {
        auto db = store::Database::openSqlite(dbPath());
        QVERIFY(db.has_value());
        registry::ModelRegistry registry(**db, storeRoot());
        QVERIFY(registry.load().has_value());
        const QString qwen = registry::modelIdForRepo(u"tiny-org/tiny-qwen2"_s);
        QSignalSpy removed(&registry, &registry::ModelService::modelRemoved);
        const auto freed = registry.removeModelNow(qwen);
        QVERIFY2(freed.has_value(), freed ? "" : qPrintable(freed.error().message));
        QVERIFY(freed->freedBytes > 0);
        QCOMPARE(removed.size(), 1);
        QVERIFY(!registry.model(qwen).has_value());
        QVERIFY(!QDir(storeRoot() + u"/models--tiny-org--tiny-qwen2"_s).exists());
        // The other model is untouched, and a second removal is a clear NotFound.
        QVERIFY(registry.model(registry::modelIdForRepo(u"demo/whisper-mini"_s)).has_value());
        QCOMPARE(registry.removeModelNow(qwen).error().code, ErrorCode::NotFound);
        // The source cache was not modified by the import or the removal.
        QVERIFY(QDir(hubDir() + u"/models--tiny-org--tiny-qwen2/blobs"_s).exists());
    }

    void versionsFollowSemver()
    {
        QCOMPARE(registry::nextVersion({}), u"1.0.0"_s);
        QCOMPARE(registry::nextVersion(u"1.0.0"_s), u"1.1.0"_s);
        QCOMPARE(registry::nextVersion(u"2.9.0"_s), u"2.10.0"_s);
        QCOMPARE(registry::nextVersion(u"garbage"_s), u"1.0.0"_s);
        QCOMPARE(registry::modelIdForRepo(u"Qwen/Qwen2.5-0.5B-Instruct"_s), u"qwen--qwen2.5-0.5b-instruct"_s);
    }
};

QTEST_GUILESS_MAIN(TestModelRegistry)
#include "TestModelRegistry.moc"
