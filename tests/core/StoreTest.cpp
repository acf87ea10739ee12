#include "core/store/Database.h"
#include "core/store/Migrations.h"
#include "core/store/NodeRepository.h"
#include "core/store/WriteTransaction.h"
#include "tests/support/HeldWriteLock.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace aiops;
using namespace aiops::store;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QVariant scalar(Database& db, const QString& sql)
{
    QSqlQuery query(db.handle());
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

NodeRecord makeNode(const QString& nodeId, const QString& name = {})
{
    NodeRecord n;
    n.nodeId = nodeId;
    n.name = name.isEmpty() ? nodeId : name;
    n.role = { u"controller"_s, u"worker"_s };
    n.status = u"online"_s;
    n.isLocal = true;
    n.vpnIp = u"10.8.0.7"_s;
    n.websocketConnected = true;
    n.lastHeartbeat = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0, 250), Qt::UTC);
    n.gpuDevices = { GpuDeviceRecord { u"0"_s, u"NVIDIA A100"_s, 81920, 40960, 37.5, 61, u"GPU-1"_s, u"nvidia"_s },
                     GpuDeviceRecord { u"1"_s, u"NVIDIA A100"_s, 81920, 81920, 0, 35, {}, {} } };
    n.cpuCores = 64;
    n.ramTotal = 515000;
    n.ramFree = 300000;
    n.config = QJsonObject { { u"controllerEndpoint"_s, u"ws://10.8.0.1:8080"_s },
                             { u"workingDirectory"_s, u"/srv/aiops"_s } };
    n.owner = { u"org-1"_s, u"user-1"_s };
    return n;
}

void compareGpus(const QList<GpuDeviceRecord>& actual, const QList<GpuDeviceRecord>& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual[i].deviceId, expected[i].deviceId);
        QCOMPARE(actual[i].model, expected[i].model);
        QCOMPARE(actual[i].memoryTotal, expected[i].memoryTotal);
        QCOMPARE(actual[i].memoryFree, expected[i].memoryFree);
        QCOMPARE(actual[i].utilization, expected[i].utilization);
        QCOMPARE(actual[i].temperature, expected[i].temperature);
        QCOMPARE(actual[i].uuid, expected[i].uuid);
        QCOMPARE(actual[i].vendor, expected[i].vendor);
    }
}

} // namespace

class StoreTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void freshDatabaseMigratesToLatest();
    void reopenIsIdempotent();
    void newerSchemaIsRefused();
    void corruptFileIsAnError();
    void upsertFindList();
    void upsertKeepsCreatedAt();
    void upsertRevivesDeleted();
    void saveStatusBatch();
    void saveStatusBatchKeepsInventoryWhenEmpty();
    void rename();
    void setStatus_data();
    void setStatus();
    void softDelete();
    void writeTransactionWaitsForTheLock();
    void writeTransactionRollsBackUnlessCommitted();

private:
    QString dbPath() const { return m_dir->filePath(u"data/aiops.db"_s); }
    std::unique_ptr<Database> open();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<NodeRepository> m_repo;
    QDateTime m_now;
};

void StoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = open();
    QVERIFY(m_db);
    m_repo = std::make_unique<NodeRepository>(*m_db);
    m_now = QDateTime(QDate(2024, 6, 1), QTime(8, 0, 0, 123), Qt::UTC);
    m_repo->setClock([this] { return m_now; });
}

void StoreTest::cleanup()
{
    m_repo.reset();
    m_db.reset();
    m_dir.reset();
}

std::unique_ptr<Database> StoreTest::open()
{
    auto db = Database::openSqlite(dbPath());
    if (!db) {
        qWarning("%s", qPrintable(db.error().message));
        return nullptr;
    }
    return std::move(*db);
}

void StoreTest::freshDatabaseMigratesToLatest()
{
    QVERIFY(QFile::exists(dbPath())); // parent directory was created
    QCOMPARE(Database::latestSchemaVersion(), migrations().constLast().version);
    QCOMPARE(m_db->schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE(scalar(*m_db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QCOMPARE(scalar(*m_db, u"PRAGMA foreign_keys"_s).toInt(), 1);
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM schema_migrations"_s).toInt(), migrations().size());
    QCOMPARE(scalar(*m_db, u"SELECT max(version) FROM schema_migrations"_s).toInt(), Database::latestSchemaVersion());
    QCOMPARE(scalar(*m_db, u"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'idx_nodes_status'"_s)
                 .toInt(),
             1);
    // The CHECK constraint guards the column even against direct SQL.
    QSqlQuery query(m_db->handle());
    QVERIFY(!query.exec(u"INSERT INTO nodes (nodeId, name, status, createdAt, changedAt) "
                        "VALUES ('x', 'x', 'rebooting', '', '')"_s));
}

void StoreTest::reopenIsIdempotent()
{
    QVERIFY(m_repo->upsert(makeNode(u"node-1"_s)));
    const QString appliedAt = scalar(*m_db, u"SELECT appliedAt FROM schema_migrations WHERE version = 1"_s).toString();
    QVERIFY(!appliedAt.isEmpty());
    m_repo.reset();
    m_db.reset();

    auto again = open();
    QVERIFY(again);
    QCOMPARE(again->schemaVersion(), Database::latestSchemaVersion());
    QCOMPARE(scalar(*again, u"SELECT count(*) FROM schema_migrations"_s).toInt(), migrations().size());
    QCOMPARE(scalar(*again, u"SELECT appliedAt FROM schema_migrations WHERE version = 1"_s).toString(), appliedAt);
    NodeRepository repo(*again);
    const auto found = repo.find(u"node-1"_s);
    QVERIFY(found && found->has_value());
    QCOMPARE(found->value().name, u"node-1"_s);

    // Two live connections to one file get distinct connection names.
    auto second = open();
    QVERIFY(second);
    QVERIFY(second->connectionName() != again->connectionName());
}

void StoreTest::newerSchemaIsRefused()
{
    QSqlQuery query(m_db->handle());
    QVERIFY(query.exec(u"INSERT INTO schema_migrations (version, appliedAt) VALUES (%1, 'future')"_s.arg(
        Database::latestSchemaVersion() + 1)));
    query.finish();
    m_repo.reset();
    m_db.reset();

    const auto refused = Database::openSqlite(dbPath());
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::StoreError);
    QVERIFY2(refused.error().message.contains(u"newer"), qPrintable(refused.error().message));
}

void StoreTest::corruptFileIsAnError()
{
    const QString path = m_dir->filePath(u"garbage.db"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'G'));
    file.close();

    const auto db = Database::openSqlite(path);
    QVERIFY(!db);
    QCOMPARE(db.error().code, ErrorCode::StoreError);
    QVERIFY(!db.error().message.isEmpty());
}

void StoreTest::upsertFindList()
{
    const NodeRecord node = makeNode(u"node-b"_s, u"Bravo"_s);
    QVERIFY(m_repo->upsert(node));
    QVERIFY(m_repo->upsert(makeNode(u"node-a"_s, u"Alpha"_s)));

    const auto found = m_repo->find(u"node-b"_s);
    QVERIFY(found);
    QVERIFY(found->has_value());
    const NodeRecord& r = **found;
    QCOMPARE(r.nodeId, node.nodeId);
    QCOMPARE(r.name, u"Bravo"_s);
    QCOMPARE(r.role, node.role);
    QCOMPARE(r.status, u"online"_s);
    QCOMPARE(r.isLocal, true);
    QCOMPARE(r.vpnIp, node.vpnIp);
    QCOMPARE(r.websocketConnected, true);
    QCOMPARE(r.lastHeartbeat, node.lastHeartbeat);
    compareGpus(r.gpuDevices, node.gpuDevices);
    QCOMPARE(r.cpuCores, 64);
    QCOMPARE(r.ramTotal, qint64(515000));
    QCOMPARE(r.ramFree, qint64(300000));
    QCOMPARE(r.config, node.config);
    QCOMPARE(r.owner.orgId, u"org-1"_s);
    QCOMPARE(r.owner.userId, u"user-1"_s);
    QCOMPARE(r.createdAt, m_now);
    QCOMPARE(r.changedAt, m_now);
    QVERIFY(!r.deletedAt);
    QVERIFY(!r.isDeleted);

    // Stored as ISO-8601 UTC with milliseconds.
    QCOMPARE(scalar(*m_db, u"SELECT lastHeartbeat FROM nodes WHERE nodeId = 'node-b'"_s).toString(),
             u"2024-05-01T12:00:00.250Z"_s);

    const auto missing = m_repo->find(u"nope"_s);
    QVERIFY(missing);
    QVERIFY(!missing->has_value());

    const auto all = m_repo->list();
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).nodeId, u"node-a"_s);
    QCOMPARE(all->at(1).nodeId, u"node-b"_s);
}

void StoreTest::upsertKeepsCreatedAt()
{
    QVERIFY(m_repo->upsert(makeNode(u"node-1"_s)));
    const QDateTime created = m_now;

    m_now = m_now.addSecs(3600);
    NodeRecord changed = makeNode(u"node-1"_s, u"Renamed by register"_s);
    changed.createdAt = m_now.addYears(1); // a caller's createdAt never overwrites the stored one
    changed.status = u"offline"_s;
    changed.gpuDevices.removeLast();
    QVERIFY(m_repo->upsert(changed));

    const auto r = m_repo->find(u"node-1"_s).value().value();
    QCOMPARE(r.createdAt, created);
    QCOMPARE(r.changedAt, m_now);
    QCOMPARE(r.name, u"Renamed by register"_s);
    QCOMPARE(r.status, u"offline"_s);
    QCOMPARE(r.gpuDevices.size(), 1);
    QCOMPARE(m_repo->list().value().size(), 1);
}

void StoreTest::upsertRevivesDeleted()
{
    QVERIFY(m_repo->upsert(makeNode(u"node-1"_s)));
    QVERIFY(m_repo->softDelete(u"node-1"_s).value());
    QVERIFY(m_repo->upsert(makeNode(u"node-1"_s)));
    const auto r = m_repo->find(u"node-1"_s).value();
    QVERIFY(r.has_value());
    QVERIFY(!r->isDeleted);
    QVERIFY(!r->deletedAt);
}

void StoreTest::saveStatusBatch()
{
    for (int i = 0; i < 20; ++i)
        QVERIFY(m_repo->upsert(makeNode(u"node-%1"_s.arg(i, 2, 10, QChar(u'0')))));
    QVERIFY(m_repo->upsert(makeNode(u"node-deleted"_s)));
    QVERIFY(m_repo->softDelete(u"node-deleted"_s).value());

    m_now = m_now.addSecs(30);
    const QDateTime beat = m_now.addMSecs(-5);
    QList<NodeStatusUpdate> updates;
    for (int i = 0; i < 20; ++i) {
        NodeStatusUpdate u;
        u.nodeId = u"node-%1"_s.arg(i, 2, 10, QChar(u'0'));
        u.status = i % 2 ? u"offline"_s : u"online"_s;
        u.websocketConnected = i % 2 == 0;
        u.lastHeartbeat = beat;
        u.ramFree = 1000 + i;
        u.gpuDevices = { GpuDeviceRecord { u"0"_s, u"NVIDIA A100"_s, 81920, 100 + i, 99, 80, {}, {} } };
        updates.append(u);
    }
    updates.append(NodeStatusUpdate { u"unknown-node"_s, u"online"_s, true, beat, 1, {} });
    updates.append(NodeStatusUpdate { u"node-deleted"_s, u"online"_s, true, beat, 1, {} });

    const auto updated = m_repo->saveStatusBatch(updates);
    QVERIFY2(updated, qPrintable(updated ? QString() : updated.error().message));
    QCOMPARE(*updated, 20);

    const auto all = m_repo->list().value();
    QCOMPARE(all.size(), 20);
    for (int i = 0; i < 20; ++i) {
        const NodeRecord& r = all.at(i);
        QCOMPARE(r.status, i % 2 ? u"offline"_s : u"online"_s);
        QCOMPARE(r.websocketConnected, i % 2 == 0);
        QCOMPARE(r.lastHeartbeat, beat);
        QCOMPARE(r.ramFree, qint64(1000 + i));
        QCOMPARE(r.gpuDevices.size(), 1);
        QCOMPARE(r.gpuDevices.at(0).memoryFree, qint64(100 + i));
        QCOMPARE(r.changedAt, m_now);
    }
    QVERIFY(!m_repo->find(u"unknown-node"_s).value().has_value());
    QCOMPARE(m_repo->find(u"node-deleted"_s, true).value()->status, u"online"_s); // untouched since upsert

    // One bad status refuses the whole batch before anything is written.
    updates.first().status = u"gone"_s;
    updates.last().status = u"bogus"_s;
    const auto refused = m_repo->saveStatusBatch(updates);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidValue);
    QCOMPARE(m_repo->saveStatusBatch({}).value(), 0);
}

void StoreTest::saveStatusBatchKeepsInventoryWhenEmpty()
{
    const NodeRecord node = makeNode(u"node-1"_s);
    QVERIFY(m_repo->upsert(node));
    QCOMPARE(m_repo->saveStatusBatch({ NodeStatusUpdate { u"node-1"_s, u"offline"_s, false, {}, 0, {} } }).value(), 1);
    const auto r = m_repo->find(u"node-1"_s).value().value();
    QCOMPARE(r.status, u"offline"_s);
    QVERIFY(!r.websocketConnected);
    QCOMPARE(r.lastHeartbeat, node.lastHeartbeat);
    compareGpus(r.gpuDevices, node.gpuDevices);
}

void StoreTest::rename()
{
    QVERIFY(m_repo->upsert(makeNode(u"node-1"_s)));
    m_now = m_now.addSecs(5);
    QVERIFY(m_repo->rename(u"node-1"_s, u"Lab GPU"_s));
    const auto r = m_repo->find(u"node-1"_s).value().value();
    QCOMPARE(r.name, u"Lab GPU"_s);
    QCOMPARE(r.changedAt, m_now);

    QCOMPARE(m_repo->rename(u"node-1"_s, u"  "_s).error().code, ErrorCode::InvalidValue);
    QCOMPARE(m_repo->rename(u"nope"_s, u"x"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_repo->find(u"node-1"_s).value()->name, u"Lab GPU"_s);
}

void StoreTest::setStatus_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("online") << u"online"_s << true;
    QTest::newRow("offline") << u"offline"_s << true;
    QTest::newRow("maintenance") << u"maintenance"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("unknown") << u"rebooting"_s << false;
    QTest::newRow("wrong case") << u"Online"_s << false;
    QTest::newRow("sql") << u"online' OR '1'='1"_s << false;
}

void StoreTest::setStatus()
{
    QFETCH(QString, status);
    QFETCH(bool, accepted);

    QVERIFY(m_repo->upsert(makeNode(u"node-1"_s)));
    QVERIFY(m_repo->setStatus(u"node-1"_s, u"offline"_s));
    const auto result = m_repo->setStatus(u"node-1"_s, status);
    QCOMPARE(result.has_value(), accepted);
    const QString stored = m_repo->find(u"node-1"_s).value()->status;
    if (accepted) {
        QCOMPARE(stored, status);
    } else {
        QCOMPARE(result.error().code, ErrorCode::InvalidValue);
        QCOMPARE(result.error().field, u"status"_s);
        QCOMPARE(stored, u"offline"_s);
    }
    QCOMPARE(m_repo->setStatus(u"nope"_s, u"online"_s).error().code, ErrorCode::NotFound);
}

void StoreTest::softDelete()
{
    QVERIFY(m_repo->upsert(makeNode(u"node-1"_s)));
    QVERIFY(m_repo->upsert(makeNode(u"node-2"_s)));
    m_now = m_now.addSecs(60);

    const auto first = m_repo->softDelete(u"node-1"_s);
    QVERIFY(first);
    QVERIFY(*first);
    const auto second = m_repo->softDelete(u"node-1"_s);
    QVERIFY(second);
    QVERIFY(!*second);
    QVERIFY(!m_repo->softDelete(u"never-existed"_s).value());

    QVERIFY(!m_repo->find(u"node-1"_s).value().has_value());
    const auto deleted = m_repo->find(u"node-1"_s, true).value();
    QVERIFY(deleted.has_value());
    QVERIFY(deleted->isDeleted);
    QCOMPARE(deleted->deletedAt.value_or(QDateTime()), m_now);

    const auto live = m_repo->list().value();
    QCOMPARE(live.size(), 1);
    QCOMPARE(live.at(0).nodeId, u"node-2"_s);
    QCOMPARE(m_repo->list(true).value().size(), 2);

    // A deleted node cannot be renamed or put into maintenance.
    QCOMPARE(m_repo->rename(u"node-1"_s, u"x"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(m_repo->setStatus(u"node-1"_s, u"maintenance"_s).error().code, ErrorCode::NotFound);
}

// A transaction that reads before it writes waits for another connection's writer, then sees its
// change; past the busy timeout it fails with a typed error and leaves the file as it was.
void StoreTest::writeTransactionWaitsForTheLock()
{
    QVERIFY(m_repo->upsert(makeNode(u"node-1"_s, u"before"_s)));
    {
        aiops::testing::HeldWriteLock other(
            dbPath(), u"UPDATE nodes SET name = 'renamed' WHERE nodeId = 'node-1'"_s, 300ms);
        QCOMPARE(other.waitUntilLocked(), QString());
        WriteTransaction tx(m_db->handle());
        QVERIFY2(tx.begun(), qPrintable(tx.begun() ? QString() : tx.begun().error().message));
        QCOMPARE(scalar(*m_db, u"SELECT name FROM nodes WHERE nodeId = 'node-1'"_s).toString(), u"renamed"_s);
        QSqlQuery q(m_db->handle());
        QVERIFY(q.exec(u"UPDATE nodes SET cpuCores = 3 WHERE nodeId = 'node-1'"_s));
        QVERIFY(tx.commit());
        QVERIFY(other.join());
    }
    QCOMPARE(scalar(*m_db, u"SELECT cpuCores FROM nodes WHERE nodeId = 'node-1'"_s).toInt(), 3);

    QSqlQuery shortWait(m_db->handle());
    QVERIFY(shortWait.exec(u"PRAGMA busy_timeout = 100"_s));
    aiops::testing::HeldWriteLock other(dbPath(), u"UPDATE nodes SET cpuCores = 4 WHERE nodeId = 'node-1'"_s, 1500ms);
    QCOMPARE(other.waitUntilLocked(), QString());
    WriteTransaction tx(m_db->handle());
    const auto begun = tx.begun();
    QVERIFY(!begun);
    QCOMPARE(begun.error().code, ErrorCode::StoreError);
    QVERIFY2(begun.error().message.contains(u"locked"_s), qPrintable(begun.error().message));
    QVERIFY(!tx.commit());
    QVERIFY(other.join());
    QCOMPARE(scalar(*m_db, u"SELECT cpuCores FROM nodes WHERE nodeId = 'node-1'"_s).toInt(), 4);
}

void StoreTest::writeTransactionRollsBackUnlessCommitted()
{
    QVERIFY(m_repo->upsert(makeNode(u"node-1"_s, u"before"_s)));
    {
        WriteTransaction tx(m_db->handle());
        QVERIFY(tx.begun());
        QSqlQuery q(m_db->handle());
        QVERIFY(q.exec(u"UPDATE nodes SET name = 'half done' WHERE nodeId = 'node-1'"_s));
    }
    QCOMPARE(scalar(*m_db, u"SELECT name FROM nodes WHERE nodeId = 'node-1'"_s).toString(), u"before"_s);
    // The connection is usable again: the next transaction begins and commits.
    WriteTransaction tx(m_db->handle());
    QVERIFY(tx.begun());
    QSqlQuery q(m_db->handle());
    QVERIFY(q.exec(u"UPDATE nodes SET name = 'after' WHERE nodeId = 'node-1'"_s));
    QVERIFY(tx.commit());
    QCOMPARE(scalar(*m_db, u"SELECT name FROM nodes WHERE nodeId = 'node-1'"_s).toString(), u"after"_s);
}

QTEST_GUILESS_MAIN(StoreTest)
#include "StoreTest.moc"
