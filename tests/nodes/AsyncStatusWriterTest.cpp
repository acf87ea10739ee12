// Status batches written off the controller thread: stored by the writer's own connection, in order,
// drained on destruction, and routed there by the registry instead of a synchronous write.
#include "core/store/AsyncStatusWriter.h"

#include "core/nodes/NodeRegistry.h"
#include "core/store/Database.h"
#include "core/store/NodeRepository.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace aiops;

namespace {

store::NodeRecord makeNode(const QString& id)
{
    store::NodeRecord r;
    r.nodeId = id;
    r.name = id;
    r.ramTotal = 1000;
    r.createdAt = QDateTime::currentDateTimeUtc();
    return r;
}

} // namespace

class AsyncStatusWriterTest final : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("aiops.sqlite")); }

private Q_SLOTS:
    void batchesAreStoredOnTheWriterThread()
    {
        auto db = store::Database::openSqlite(path());
        QVERIFY(db.has_value());
        store::NodeRepository repo(**db);
        for (int i = 0; i < 3; ++i)
            QVERIFY(repo.upsert(makeNode(QStringLiteral("n%1").arg(i))));

        auto writer = store::AsyncStatusWriter::open(path());
        QVERIFY2(writer.has_value(), qPrintable(writer ? QString() : writer.error().message));
        QSignalSpy written(writer->get(), &store::AsyncStatusWriter::written);
        for (int round = 1; round <= 5; ++round) {
            QList<store::NodeStatusUpdate> batch;
            for (int i = 0; i < 3; ++i)
                batch.append({ QStringLiteral("n%1").arg(i),
                               QStringLiteral("online"),
                               true,
                               QDateTime::currentDateTimeUtc(),
                               round * 100 + i,
                               {} });
            (*writer)->write(batch);
        }
        (*writer)->waitForIdle();
        QTRY_COMPARE(written.size(), 5);
        // The last batch wins: batches are applied in the order they were queued.
        QCOMPARE((*repo.find(QStringLiteral("n2")))->ramFree, 502);
        QCOMPARE((*repo.find(QStringLiteral("n0")))->status, QStringLiteral("online"));
    }

    void destructionDrainsTheQueue()
    {
        auto db = store::Database::openSqlite(path());
        QVERIFY(db.has_value());
        store::NodeRepository repo(**db);
        QVERIFY(repo.upsert(makeNode(QStringLiteral("d1"))));
        {
            auto writer = store::AsyncStatusWriter::open(path());
            QVERIFY(writer.has_value());
            for (int i = 1; i <= 50; ++i)
                (*writer)->write({ { QStringLiteral("d1"),
                                     QStringLiteral("offline"),
                                     false,
                                     QDateTime::currentDateTimeUtc(),
                                     i,
                                     {} } });
        }
        QCOMPARE((*repo.find(QStringLiteral("d1")))->ramFree, 50);
    }

    void unopenableDatabaseIsAnError()
    {
        QFile notSqlite(m_dir.filePath(QStringLiteral("garbage.sqlite")));
        QVERIFY(notSqlite.open(QIODevice::WriteOnly));
        notSqlite.write(QByteArray(4096, 'x'));
        notSqlite.close();
        auto writer = store::AsyncStatusWriter::open(notSqlite.fileName());
        QVERIFY(!writer.has_value());
        QCOMPARE(writer.error().code, ErrorCode::StoreError);
    }

    void registryHandsBatchesToTheWriter()
    {
        auto db = store::Database::openSqlite(path());
        QVERIFY(db.has_value());
        store::NodeRepository repo(**db);
        auto writer = store::AsyncStatusWriter::open(path());
        QVERIFY(writer.has_value());
        nodes::NodeRegistry registry(&repo, {});
        QVERIFY(registry.start().has_value());
        registry.setStatusWriter(writer->get());
        protocol::NodeRegister reg;
        reg.nodeId = QStringLiteral("r1");
        reg.name = QStringLiteral("r1");
        reg.ramTotal = 4000;
        QVERIFY(registry.registerNode(reg, 1));
        protocol::NodeHeartbeat hb;
        hb.nodeId = QStringLiteral("r1");
        hb.metrics.ramFree = 1234;
        QVERIFY(registry.heartbeat(hb, 1));
        QCOMPARE((*repo.find(QStringLiteral("r1")))->ramFree, 0); // not yet written
        QCOMPARE(*registry.flush(), 1);
        (*writer)->waitForIdle();
        QCOMPARE((*repo.find(QStringLiteral("r1")))->ramFree, 1234);
    }
};

QTEST_GUILESS_MAIN(AsyncStatusWriterTest)
#include "AsyncStatusWriterTest.moc"
