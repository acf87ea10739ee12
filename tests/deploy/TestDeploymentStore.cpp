#include "core/deploy/DeploymentStateMachine.h"
#include "core/deploy/DeploymentStore.h"
#include "core/store/Database.h"
#include "tests/support/HeldWriteLock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace aiops;
using namespace aiops::deploy;
using namespace Qt::StringLiterals;
using std::chrono::milliseconds;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(aiops::deploy::DeploymentStatus)
Q_DECLARE_METATYPE(aiops::deploy::DeploymentPhase)
Q_DECLARE_METATYPE(aiops::ErrorCode)

// Readable QCOMPARE failures for the records (found by argument-dependent lookup).
namespace aiops::deploy {

char* toString(const DeploymentRecord& r)
{
    const QJsonObject o { { u"deploymentId"_s, r.deploymentId },
                          { u"instanceId"_s, r.instanceId },
                          { u"modelId"_s, r.modelId },
                          { u"nodeId"_s, r.nodeId },
                          { u"containerId"_s, r.containerId },
                          { u"containerName"_s, r.containerName },
                          { u"image"_s, r.image },
                          { u"framework"_s, r.framework },
                          { u"gpuDevices"_s, QJsonArray::fromStringList(r.gpuDevices) },
                          { u"memoryAllocatedMb"_s, r.memoryAllocatedMb },
                          { u"port"_s, r.port },
                          { u"endpoint"_s, r.endpoint },
                          { u"status"_s, statusName(r.status) },
                          { u"phase"_s, phaseName(r.phase) },
                          { u"progress"_s, r.progress },
                          { u"healthStatus"_s, healthStatusName(r.healthStatus) },
                          { u"error"_s, r.error },
                          { u"containerConfig"_s, r.containerConfig },
                          { u"requestCount"_s, r.requestCount },
                          { u"avgLatencyMs"_s, r.avgLatencyMs },
                          { u"lastRequestAt"_s, r.lastRequestAt.toString(Qt::ISODateWithMs) },
                          { u"deployedBy"_s, r.deployedBy },
                          { u"deployedAt"_s, r.deployedAt.toString(Qt::ISODateWithMs) },
                          { u"stoppedAt"_s, r.stoppedAt.toString(Qt::ISODateWithMs) },
                          { u"orgId"_s, r.orgId },
                          { u"userId"_s, r.userId },
                          { u"createdAt"_s, r.createdAt.toString(Qt::ISODateWithMs) },
                          { u"changedAt"_s, r.changedAt.toString(Qt::ISODateWithMs) },
                          { u"deletedAt"_s, r.deletedAt.toString(Qt::ISODateWithMs) },
                          { u"isDeleted"_s, r.isDeleted } };
    return qstrdup(QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
}

char* toString(const DeploymentJob& j)
{
    const QJsonObject o { { u"jobId"_s, j.jobId },
                          { u"deploymentId"_s, j.deploymentId },
                          { u"kind"_s, jobKindName(j.kind) },
                          { u"requestId"_s, j.requestId },
                          { u"attempts"_s, j.attempts },
                          { u"maxAttempts"_s, j.maxAttempts },
                          { u"nextAttemptAt"_s, j.nextAttemptAt.toString(Qt::ISODateWithMs) },
                          { u"state"_s, jobStateName(j.state) },
                          { u"lastError"_s, j.lastError },
                          { u"createdAt"_s, j.createdAt.toString(Qt::ISODateWithMs) },
                          { u"changedAt"_s, j.changedAt.toString(Qt::ISODateWithMs) } };
    return qstrdup(QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
}

} // namespace aiops::deploy

namespace {

const QDateTime kT0(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);

DeploymentRecord minimal(const QString& id, const QString& node = u"node-a"_s)
{
    DeploymentRecord r;
    r.deploymentId = id;
    r.modelId = u"qwen--qwen2.5-0.5b-instruct"_s;
    r.nodeId = node;
    return r;
}

// Every field set to something other than its default.
DeploymentRecord full()
{
    DeploymentRecord r;
    r.deploymentId = u"dep-1"_s;
    r.instanceId = u"inst-7"_s;
    r.modelId = u"qwen--qwen2.5-0.5b-instruct"_s;
    r.nodeId = u"node-a"_s;
    r.containerId = u"4f1c0ffee"_s;
    r.containerName = u"model-qwen-inst-7"_s;
    r.image = u"vllm/vllm-openai:v0.6.3"_s;
    r.framework = u"vllm"_s;
    r.gpuDevices = { u"0"_s, u"1"_s };
    r.memoryAllocatedMb = 20480;
    r.port = 18001;
    r.endpoint = u"/models/qwen/inst-7/v1/inference"_s;
    r.status = DeploymentStatus::Running;
    r.phase = DeploymentPhase::Running;
    r.progress = 100;
    r.healthStatus = HealthStatus::Healthy;
    r.error = u"previous attempt: pull timed out"_s;
    r.containerConfig = QJsonObject { { u"env"_s, QJsonObject { { u"HF_HOME"_s, u"/cache"_s } } },
                                      { u"args"_s, QJsonArray { u"--max-model-len"_s, 4096 } },
                                      { u"memoryLimitMb"_s, 32768 },
                                      { u"ipcHost"_s, true } };
    r.requestCount = 1234;
    r.avgLatencyMs = 42.5;
    r.lastRequestAt = kT0.addMSecs(-1500);
    r.deployedBy = u"user-9"_s;
    r.deployedAt = kT0.addSecs(-3600);
    r.stoppedAt = kT0.addSecs(-7200);
    r.orgId = u"org-3"_s;
    r.userId = u"user-9"_s;
    return r;
}

} // namespace

class TestDeploymentStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<store::Database> m_db;
    std::unique_ptr<DeploymentStore> m_store;
    QDateTime m_now;

    std::unique_ptr<DeploymentStore> makeStore(store::Database& db)
    {
        auto s = std::make_unique<DeploymentStore>(db);
        s->setClock([this] { return m_now; });
        s->setJitterSource([] { return 0.0; });
        return s;
    }

    void exec(const QString& sql)
    {
        QSqlQuery q(m_db->handle());
        QVERIFY2(q.exec(sql), qPrintable(sql));
    }

    DeploymentJob runningJob(const QString& requestId = {})
    {
        DeploymentJob in;
        in.deploymentId = u"dep-1"_s;
        in.requestId = requestId;
        const auto queued = m_store->enqueueJob(in);
        if (!queued)
            qFatal("enqueue: %s", qPrintable(queued.error().message));
        const auto claimed = m_store->claimJob(queued->jobId);
        if (!claimed)
            qFatal("claim: %s", qPrintable(claimed.error().message));
        return *claimed;
    }

private Q_SLOTS:
    void init()
    {
        m_now = kT0;
        auto db = store::Database::openSqlite(u":memory:"_s);
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        m_db = std::move(*db);
        m_store = makeStore(*m_db);
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    // --- state machine ---

    void transitions_data()
    {
        QTest::addColumn<DeploymentStatus>("from");
        QTest::addColumn<DeploymentStatus>("to");
        QTest::addColumn<bool>("allowed");
        using S = DeploymentStatus;
        const QList<std::tuple<S, S, bool>> rows {
            { S::Deploying, S::Deploying, false }, { S::Deploying, S::Running, true },
            { S::Deploying, S::Stopped, true },    { S::Deploying, S::Failed, true },
            { S::Running, S::Deploying, false },   { S::Running, S::Running, false },
            { S::Running, S::Stopped, true },      { S::Running, S::Failed, true },
            { S::Stopped, S::Deploying, true },    { S::Stopped, S::Running, false },
            { S::Stopped, S::Stopped, false },     { S::Stopped, S::Failed, false },
            { S::Failed, S::Deploying, true },     { S::Failed, S::Running, false },
            { S::Failed, S::Stopped, true },       { S::Failed, S::Failed, false },
        };
        for (const auto& [from, to, allowed] : rows) {
            const QString name = statusName(from) + u" -> "_s + statusName(to);
            QTest::newRow(qPrintable(name)) << from << to << allowed;
        }
    }

    void transitions()
    {
        QFETCH(DeploymentStatus, from);
        QFETCH(DeploymentStatus, to);
        QFETCH(bool, allowed);
        const auto r = DeploymentStateMachine::canTransition(from, to);
        QCOMPARE(r.has_value(), allowed);
        bool listed = false;
        for (const auto& t : DeploymentStateMachine::transitions())
            listed = listed || (t.from == from && t.to == to);
        QCOMPARE(listed, allowed);
        if (!allowed) {
            QCOMPARE(r.error().code, ErrorCode::Conflict);
            QCOMPARE(r.error().message,
                     u"a deployment cannot go from %1 to %2"_s.arg(statusName(from), statusName(to)));
        }
    }

    void phaseOrder_data()
    {
        QTest::addColumn<DeploymentPhase>("fromPhase");
        QTest::addColumn<int>("fromProgress");
        QTest::addColumn<DeploymentPhase>("toPhase");
        QTest::addColumn<int>("toProgress");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("message");
        using P = DeploymentPhase;
        QTest::newRow("next phase") << P::Placing << 5 << P::Downloading << 10 << true << ErrorCode::Internal << "";
        QTest::newRow("same phase, more")
            << P::Downloading << 10 << P::Downloading << 40 << true << ErrorCode::Internal << "";
        QTest::newRow("same phase, same") << P::Pulling << 50 << P::Pulling << 50 << true << ErrorCode::Internal << "";
        QTest::newRow("skip cached download")
            << P::Placing << 5 << P::Pulling << 45 << true << ErrorCode::Internal << "";
        QTest::newRow("phase back") << P::Starting << 70 << P::Pulling << 80 << false << ErrorCode::Conflict
                                    << "deployment phase cannot go back from starting to pulling";
        QTest::newRow("progress back") << P::Downloading << 40 << P::Downloading << 30 << false << ErrorCode::Conflict
                                       << "deployment progress cannot go back from 40 to 30";
        QTest::newRow("progress back across phases")
            << P::Downloading << 40 << P::HealthCheck << 35 << false << ErrorCode::Conflict
            << "deployment progress cannot go back from 40 to 35";
        QTest::newRow("over 100") << P::HealthCheck << 90 << P::HealthCheck << 101 << false << ErrorCode::OutOfRange
                                  << "progress 101 is outside 0-100";
        QTest::newRow("negative") << P::Queued << 0 << P::Queued << -1 << false << ErrorCode::OutOfRange
                                  << "progress -1 is outside 0-100";
    }

    void phaseOrder()
    {
        QFETCH(DeploymentPhase, fromPhase);
        QFETCH(int, fromProgress);
        QFETCH(DeploymentPhase, toPhase);
        QFETCH(int, toProgress);
        QFETCH(bool, ok);
        QFETCH(ErrorCode, code);
        QFETCH(QString, message);
        const auto r = DeploymentStateMachine::canAdvance(fromPhase, fromProgress, toPhase, toProgress);
        QCOMPARE(r.has_value(), ok);
        if (!ok) {
            QCOMPARE(r.error().code, code);
            QCOMPARE(r.error().message, message);
        }
    }

    void transitionAppliesSideEffects()
    {
        DeploymentRecord r = minimal(u"dep-1"_s);
        QVERIFY(DeploymentStateMachine::advance(r, DeploymentPhase::Downloading, 30));
        QVERIFY(DeploymentStateMachine::transition(r, DeploymentStatus::Failed, kT0, u"pull failed"_s));
        QCOMPARE(r.error, u"pull failed"_s);
        QCOMPARE(r.healthStatus, HealthStatus::Unhealthy);
        const auto refused = DeploymentStateMachine::advance(r, DeploymentPhase::Starting, 60);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QCOMPARE(refused.error().message, u"deployment dep-1 is failed, not deploying; its progress cannot change"_s);

        // A retry is a new attempt: progress starts again from zero.
        QVERIFY(DeploymentStateMachine::transition(r, DeploymentStatus::Deploying, kT0));
        QCOMPARE(r.phase, DeploymentPhase::Queued);
        QCOMPARE(r.progress, 0);
        QVERIFY(r.error.isEmpty());
        QVERIFY(DeploymentStateMachine::advance(r, DeploymentPhase::Placing, 5));

        const auto runningPhase = DeploymentStateMachine::advance(r, DeploymentPhase::Running, 100);
        QVERIFY(!runningPhase);
        QCOMPARE(runningPhase.error().code, ErrorCode::InvalidValue);

        QVERIFY(DeploymentStateMachine::transition(r, DeploymentStatus::Running, kT0.addSecs(30)));
        QCOMPARE(r.phase, DeploymentPhase::Running);
        QCOMPARE(r.progress, 100);
        QCOMPARE(r.deployedAt, kT0.addSecs(30));
        QVERIFY(DeploymentStateMachine::transition(r, DeploymentStatus::Stopped, kT0.addSecs(90)));
        QCOMPARE(r.stoppedAt, kT0.addSecs(90));
    }

    void parsersRefuseUnknownStrings()
    {
        QCOMPARE(*parseDeploymentPhase(u"health-check"_s), DeploymentPhase::HealthCheck);
        QCOMPARE(phaseName(DeploymentPhase::HealthCheck), u"health-check"_s);
        const auto bad = parseDeploymentStatus(u"Running"_s);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::InvalidValue);
        QCOMPARE(bad.error().field, u"status"_s);
        QCOMPARE(bad.error().message,
                 u"unknown status 'Running' (expected one of deploying, running, stopped, failed)"_s);
    }

    // --- deployments ---

    void roundTripEveryField()
    {
        const DeploymentRecord in = full();
        const auto created = m_store->createDeployment(in);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));

        DeploymentRecord expected = in;
        expected.createdAt = kT0;
        expected.changedAt = kT0;
        QCOMPARE(*created, expected);
        const auto read = m_store->deployment(u"dep-1"_s);
        QVERIFY(read);
        QCOMPARE(*read, expected);
        QCOMPARE(read->containerConfig.value(u"env"_s).toObject().value(u"HF_HOME"_s).toString(), u"/cache"_s);
        QCOMPARE(read->lastRequestAt, kT0.addMSecs(-1500));

        // An update keeps createdAt and moves changedAt.
        m_now = kT0.addSecs(5);
        DeploymentRecord changed = expected;
        changed.requestCount = 1300;
        changed.containerConfig.insert(u"shmSizeMb"_s, 2048);
        changed.gpuDevices = { u"2"_s };
        const auto updated = m_store->updateDeployment(changed);
        QVERIFY2(updated, updated ? "" : qPrintable(updated.error().message));
        changed.changedAt = kT0.addSecs(5);
        QCOMPARE(*updated, changed);
    }

    void defaultsRoundTrip()
    {
        const auto created = m_store->createDeployment(minimal(u"dep-min"_s));
        QVERIFY(created);
        QCOMPARE(created->status, DeploymentStatus::Deploying);
        QCOMPARE(created->phase, DeploymentPhase::Queued);
        QCOMPARE(created->healthStatus, HealthStatus::Unknown);
        QVERIFY(created->gpuDevices.isEmpty());
        QVERIFY(created->containerConfig.isEmpty());
        QVERIFY(!created->lastRequestAt.isValid());
        QVERIFY(!created->deployedAt.isValid());
        QCOMPARE(created->orgId, u"default"_s);
    }

    void createRefusesBadInput_data()
    {
        QTest::addColumn<QString>("deploymentId");
        QTest::addColumn<QString>("modelId");
        QTest::addColumn<QString>("nodeId");
        QTest::addColumn<int>("progress");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("field");
        QTest::newRow("empty deploymentId") << ""
                                            << "m"
                                            << "n" << 0 << ErrorCode::InvalidValue << "deploymentId";
        QTest::newRow("blank deploymentId") << "  "
                                            << "m"
                                            << "n" << 0 << ErrorCode::InvalidValue << "deploymentId";
        QTest::newRow("empty modelId") << "d"
                                       << ""
                                       << "n" << 0 << ErrorCode::InvalidValue << "modelId";
        QTest::newRow("empty nodeId") << "d"
                                      << "m"
                                      << "" << 0 << ErrorCode::InvalidValue << "nodeId";
        QTest::newRow("progress 101") << "d"
                                      << "m"
                                      << "n" << 101 << ErrorCode::OutOfRange << "progress";
        QTest::newRow("duplicate") << "dep-1"
                                   << "m"
                                   << "n" << 0 << ErrorCode::Conflict << "deploymentId";
    }

    void createRefusesBadInput()
    {
        QFETCH(QString, deploymentId);
        QFETCH(QString, modelId);
        QFETCH(QString, nodeId);
        QFETCH(int, progress);
        QFETCH(ErrorCode, code);
        QFETCH(QString, field);
        QVERIFY(m_store->createDeployment(minimal(u"dep-1"_s)));
        DeploymentRecord r = minimal(deploymentId);
        r.modelId = modelId;
        r.nodeId = nodeId;
        r.progress = progress;
        const auto created = m_store->createDeployment(r);
        QVERIFY(!created);
        QCOMPARE(created.error().code, code);
        QCOMPARE(created.error().field, field);
        QCOMPARE(m_store->deployments()->size(), 1);
    }

    void softDeleteHidesFromLists()
    {
        QVERIFY(m_store->createDeployment(minimal(u"dep-1"_s, u"node-a"_s)));
        QVERIFY(m_store->createDeployment(minimal(u"dep-2"_s, u"node-a"_s)));
        QVERIFY(m_store->createDeployment(minimal(u"dep-3"_s, u"node-b"_s)));
        m_now = kT0.addSecs(60);
        QVERIFY(m_store->softDeleteDeployment(u"dep-2"_s));

        const auto live = m_store->deployments();
        QVERIFY(live);
        QCOMPARE(live->size(), 2);
        QCOMPARE(live->at(0).deploymentId, u"dep-1"_s);
        QCOMPARE(live->at(1).deploymentId, u"dep-3"_s);
        const auto onA = m_store->deployments(u"node-a"_s);
        QCOMPARE(onA->size(), 1);
        QCOMPARE(onA->at(0).deploymentId, u"dep-1"_s);

        const auto hidden = m_store->deployment(u"dep-2"_s);
        QVERIFY(!hidden);
        QCOMPARE(hidden.error().code, ErrorCode::NotFound);
        const auto withDeleted = m_store->deployment(u"dep-2"_s, true);
        QVERIFY(withDeleted);
        QVERIFY(withDeleted->isDeleted);
        QCOMPARE(withDeleted->deletedAt, kT0.addSecs(60));
        QCOMPARE(m_store->deployments({}, true)->size(), 3);

        QCOMPARE(m_store->softDeleteDeployment(u"dep-2"_s).error().code, ErrorCode::NotFound);
        QCOMPARE(m_store->setStatus(u"dep-2"_s, DeploymentStatus::Stopped).error().code, ErrorCode::NotFound);
        // Ids are never reused, deleted or not.
        QCOMPARE(m_store->createDeployment(minimal(u"dep-2"_s)).error().code, ErrorCode::Conflict);
    }

    void storeChecksTheStateMachine()
    {
        QVERIFY(m_store->createDeployment(minimal(u"dep-1"_s)));
        QVERIFY(m_store->setProgress(u"dep-1"_s, DeploymentPhase::Downloading, 40));

        const auto back = m_store->setProgress(u"dep-1"_s, DeploymentPhase::Placing, 45);
        QVERIFY(!back);
        QCOMPARE(back.error().code, ErrorCode::Conflict);
        QCOMPARE(back.error().message, u"deployment phase cannot go back from downloading to placing"_s);

        // updateDeployment refuses the same regression, and leaves the row as it was.
        DeploymentRecord raw = *m_store->deployment(u"dep-1"_s);
        raw.progress = 10;
        QCOMPARE(m_store->updateDeployment(raw).error().code, ErrorCode::Conflict);
        QCOMPARE(m_store->deployment(u"dep-1"_s)->progress, 40);

        m_now = kT0.addSecs(20);
        const auto running = m_store->setStatus(u"dep-1"_s, DeploymentStatus::Running);
        QVERIFY(running);
        QCOMPARE(running->deployedAt, kT0.addSecs(20));
        QCOMPARE(m_store->deployment(u"dep-1"_s)->progress, 100);

        const auto refused = m_store->setStatus(u"dep-1"_s, DeploymentStatus::Deploying);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QCOMPARE(refused.error().message, u"a deployment cannot go from running to deploying"_s);

        raw = *m_store->deployment(u"dep-1"_s);
        raw.status = DeploymentStatus::Deploying;
        QCOMPARE(m_store->updateDeployment(raw).error().message, u"a deployment cannot go from running to deploying"_s);
        QCOMPARE(m_store->deployment(u"dep-1"_s)->status, DeploymentStatus::Running);

        const auto failed = m_store->setStatus(u"dep-1"_s, DeploymentStatus::Failed, u"OOMKilled"_s);
        QVERIFY(failed);
        QCOMPARE(m_store->deployment(u"dep-1"_s)->error, u"OOMKilled"_s);
        const auto retried = m_store->setStatus(u"dep-1"_s, DeploymentStatus::Deploying);
        QVERIFY(retried);
        QCOMPARE(retried->phase, DeploymentPhase::Queued);
        QCOMPARE(retried->progress, 0);
    }

    void unknownStoredValuesAreStoreErrors_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("status") << "status"
                                << "paused"
                                << "deployment dep-1: unknown status 'paused' (expected one of deploying, running, "
                                   "stopped, failed)";
        QTest::newRow("phase") << "phase"
                               << "warming"
                               << "deployment dep-1: unknown phase 'warming' (expected one of queued, placing, "
                                  "downloading, pulling, starting, health-check, running)";
        QTest::newRow("healthStatus") << "healthStatus"
                                      << "sick"
                                      << "deployment dep-1: unknown healthStatus 'sick' (expected one of unknown, "
                                         "healthy, unhealthy)";
        QTest::newRow("containerConfig") << "containerConfig"
                                         << "[1, 2]"
                                         << "deployment dep-1: containerConfig is not a JSON object";
        QTest::newRow("gpuDevices") << "gpuDevices"
                                    << "not json"
                                    << "deployment dep-1: gpuDevices is not a JSON array";
    }

    void unknownStoredValuesAreStoreErrors()
    {
        QFETCH(QString, column);
        QFETCH(QString, value);
        QFETCH(QString, message);
        QVERIFY(m_store->createDeployment(minimal(u"dep-1"_s)));
        // What an older or foreign writer might have left, bypassing the status CHECK.
        exec(u"PRAGMA ignore_check_constraints = ON"_s);
        exec(u"UPDATE deployments SET %1 = '%2' WHERE deploymentId = 'dep-1'"_s.arg(column, value));

        const auto one = m_store->deployment(u"dep-1"_s);
        QVERIFY(!one);
        QCOMPARE(one.error().code, ErrorCode::StoreError);
        QCOMPARE(one.error().message, message);
        const auto all = m_store->deployments();
        QVERIFY(!all);
        QCOMPARE(all.error().code, ErrorCode::StoreError);
    }

    void unknownStoredJobStateIsStoreError()
    {
        const DeploymentJob j = runningJob(u"req-1"_s);
        exec(u"PRAGMA ignore_check_constraints = ON"_s);
        exec(u"UPDATE deployment_jobs SET state = 'paused' WHERE jobId = '%1'"_s.arg(j.jobId));
        const auto read = m_store->job(j.jobId);
        QVERIFY(!read);
        QCOMPARE(read.error().code, ErrorCode::StoreError);
        QCOMPARE(read.error().field, u"state"_s);
        QVERIFY(read.error().message.contains(u"'paused'"_s));
        QCOMPARE(m_store->findByRequestId(u"req-1"_s).error().code, ErrorCode::StoreError);
    }

    void emptyIdsAreInvalid()
    {
        QCOMPARE(m_store->deployment({}).error().code, ErrorCode::InvalidValue);
        QCOMPARE(m_store->softDeleteDeployment({}).error().code, ErrorCode::InvalidValue);
        QCOMPARE(m_store->job({}).error().code, ErrorCode::InvalidValue);
        QCOMPARE(m_store->claimJob({}).error().code, ErrorCode::InvalidValue);
        QCOMPARE(m_store->completeJob({}).error().code, ErrorCode::InvalidValue);
        QCOMPARE(m_store->failJob({}, u"x"_s, kT0).error().code, ErrorCode::InvalidValue);
        QCOMPARE(m_store->findByRequestId({}).error().code, ErrorCode::InvalidValue);
        const auto noDeployment = m_store->enqueueJob(DeploymentJob {});
        QVERIFY(!noDeployment);
        QCOMPARE(noDeployment.error().code, ErrorCode::InvalidValue);
        QCOMPARE(noDeployment.error().field, u"deploymentId"_s);
        DeploymentJob zero;
        zero.deploymentId = u"dep-1"_s;
        zero.maxAttempts = 0;
        QCOMPARE(m_store->enqueueJob(zero).error().code, ErrorCode::OutOfRange);
        QCOMPARE(m_store->claimJob(u"no-such-job"_s).error().code, ErrorCode::NotFound);
    }

    // --- job queue ---

    void enqueueAndFindByRequestId()
    {
        DeploymentJob in;
        in.deploymentId = u"dep-1"_s;
        in.kind = DeploymentJobKind::Stop;
        const auto a = m_store->enqueueJob(in);
        const auto b = m_store->enqueueJob(in);
        QVERIFY(a && b);
        QVERIFY(!a->jobId.isEmpty());
        QVERIFY(!a->requestId.isEmpty());
        QVERIFY(a->jobId != b->jobId);
        QVERIFY(a->requestId != b->requestId);
        QCOMPARE(a->kind, DeploymentJobKind::Stop);
        QCOMPARE(a->state, DeploymentJobState::Queued);
        QCOMPARE(a->attempts, 0);
        QCOMPARE(a->maxAttempts, 3);
        QCOMPARE(a->nextAttemptAt, kT0);

        const auto found = m_store->findByRequestId(a->requestId);
        QVERIFY(found && found->has_value());
        QCOMPARE(**found, *a);
        QVERIFY(!m_store->findByRequestId(u"unknown"_s)->has_value());

        DeploymentJob again = in;
        again.requestId = a->requestId;
        const auto duplicate = m_store->enqueueJob(again);
        QVERIFY(!duplicate);
        QCOMPARE(duplicate.error().code, ErrorCode::Conflict);
        QCOMPARE(duplicate.error().field, u"requestId"_s);
        QCOMPARE(m_store->jobsFor(u"dep-1"_s)->size(), 2);
    }

    void retryDelay_data()
    {
        QTest::addColumn<int>("failedAttempts");
        QTest::addColumn<double>("jitter");
        QTest::addColumn<qint64>("expectedMs");
        QTest::newRow("1st failure") << 1 << 0.0 << qint64(2000);
        QTest::newRow("2nd failure") << 2 << 0.0 << qint64(4000);
        QTest::newRow("3rd failure") << 3 << 0.0 << qint64(8000);
        QTest::newRow("5th failure") << 5 << 0.0 << qint64(32000);
        QTest::newRow("6th failure capped") << 6 << 0.0 << qint64(60000);
        QTest::newRow("100th failure capped") << 100 << 0.0 << qint64(60000);
        QTest::newRow("full jitter") << 1 << 1.0 << qint64(2400);
        QTest::newRow("half jitter") << 2 << 0.5 << qint64(4400);
        QTest::newRow("jitter above cap") << 7 << 1.0 << qint64(72000);
        QTest::newRow("jitter clamped") << 1 << 7.0 << qint64(2400);
    }

    void retryDelay()
    {
        QFETCH(int, failedAttempts);
        QFETCH(double, jitter);
        QFETCH(qint64, expectedMs);
        QCOMPARE(DeploymentStore::retryDelay(RetryPolicy {}, failedAttempts, jitter).count(), expectedMs);
    }

    void retryScheduleThenGiveUp()
    {
        const DeploymentJob first = runningJob(u"req-1"_s);

        // Failure 1 at t0: back in 2 s.
        const auto f1 = m_store->failJob(first.jobId, u"node unreachable"_s, kT0);
        QVERIFY(f1);
        QCOMPARE(f1->state, DeploymentJobState::Queued);
        QCOMPARE(f1->attempts, 1);
        QCOMPARE(f1->nextAttemptAt, kT0.addSecs(2));
        QCOMPARE(f1->lastError, u"node unreachable"_s);
        QCOMPARE(f1->requestId, u"req-1"_s);
        QVERIFY(m_store->dueJobs(kT0.addMSecs(1999))->isEmpty());
        QCOMPARE(m_store->dueJobs(kT0.addSecs(2))->size(), 1);

        // Failure 2 at t0+2.5 s: back in 4 s.
        QVERIFY(m_store->claimJob(first.jobId));
        const QDateTime t1 = kT0.addMSecs(2500);
        const auto f2 = m_store->failJob(first.jobId, u"timeout"_s, t1);
        QVERIFY(f2);
        QCOMPARE(f2->state, DeploymentJobState::Queued);
        QCOMPARE(f2->attempts, 2);
        QCOMPARE(f2->nextAttemptAt, t1.addSecs(4));
        QVERIFY(m_store->dueJobs(t1.addMSecs(3999))->isEmpty());
        QCOMPARE(m_store->dueJobs(t1.addSecs(4))->constFirst().jobId, first.jobId);

        // Failure 3: maxAttempts reached, the job is failed and never due again.
        QVERIFY(m_store->claimJob(first.jobId));
        const auto f3 = m_store->failJob(first.jobId, u"image not found"_s, t1.addSecs(5));
        QVERIFY(f3);
        QCOMPARE(f3->state, DeploymentJobState::Failed);
        QCOMPARE(f3->attempts, 3);
        QCOMPARE(f3->lastError, u"image not found"_s);
        QCOMPARE(f3->requestId, u"req-1"_s);
        QVERIFY(m_store->dueJobs(kT0.addDays(1))->isEmpty());
        const auto reclaim = m_store->claimJob(first.jobId);
        QVERIFY(!reclaim);
        QCOMPARE(reclaim.error().code, ErrorCode::Conflict);
        QCOMPARE(reclaim.error().message, u"deployment job %1 is failed, not queued"_s.arg(first.jobId));
        QCOMPARE(m_store->failJob(first.jobId, u"again"_s, kT0).error().code, ErrorCode::Conflict);
    }

    void jitterIsApplied()
    {
        m_store->setJitterSource([] { return 1.0; });
        const DeploymentJob j = runningJob();
        const auto failed = m_store->failJob(j.jobId, u"x"_s, kT0);
        QVERIFY(failed);
        QCOMPARE(failed->nextAttemptAt, kT0.addMSecs(2400));
    }

    void dueJobsOrder()
    {
        DeploymentJob later;
        later.deploymentId = u"dep-1"_s;
        later.nextAttemptAt = kT0.addSecs(10);
        DeploymentJob sooner = later;
        sooner.nextAttemptAt = kT0.addSecs(5);
        const auto a = m_store->enqueueJob(later);
        const auto b = m_store->enqueueJob(sooner);
        QVERIFY(a && b);
        QVERIFY(m_store->dueJobs(kT0.addSecs(4))->isEmpty());
        const auto due = m_store->dueJobs(kT0.addSecs(10));
        QCOMPARE(due->size(), 2);
        QCOMPARE(due->at(0).jobId, b->jobId);
        QCOMPARE(due->at(1).jobId, a->jobId);
        // A claimed job is no longer due.
        QVERIFY(m_store->claimJob(b->jobId));
        QCOMPARE(m_store->dueJobs(kT0.addSecs(10))->size(), 1);
    }

    void claimIsExclusive()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"aiops.db"_s);
        auto first = store::Database::openSqlite(path);
        auto second = store::Database::openSqlite(path);
        QVERIFY(first && second);
        auto storeA = makeStore(**first);
        auto storeB = makeStore(**second);

        DeploymentJob in;
        in.deploymentId = u"dep-1"_s;
        const auto queued = storeA->enqueueJob(in);
        QVERIFY(queued);

        // Two connections (as two controller workers would have) race for one job: one wins.
        const auto winner = storeB->claimJob(queued->jobId);
        QVERIFY(winner);
        QCOMPARE(winner->state, DeploymentJobState::Running);
        const auto loser = storeA->claimJob(queued->jobId);
        QVERIFY(!loser);
        QCOMPARE(loser.error().code, ErrorCode::Conflict);
        QCOMPARE(loser.error().message, u"deployment job %1 is running, not queued"_s.arg(queued->jobId));

        const auto done = storeA->completeJob(queued->jobId);
        QVERIFY(done);
        QCOMPARE(done->state, DeploymentJobState::Done);
        QCOMPARE(storeB->completeJob(queued->jobId).error().code, ErrorCode::Conflict);
        QCOMPARE(storeB->claimJob(queued->jobId).error().code, ErrorCode::Conflict);
    }

    // Another connection holds the write lock (another worker writing) while a change reads, then
    // writes. The change waits for the lock and lands on top of the other one; a deferred transaction
    // failed at once with "database is locked" (a 500 on POST /deployments, a lost progress report).
    void changesWaitForAnotherConnectionsWrite()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"aiops.db"_s);
        auto db = store::Database::openSqlite(path);
        QVERIFY(db);
        auto s = makeStore(**db);
        QVERIFY(s->createDeployment(minimal(u"dep-1"_s)));

        {
            aiops::testing::HeldWriteLock other(
                path, u"UPDATE deployments SET requestCount = 7 WHERE deploymentId = 'dep-1'"_s, 300ms);
            QCOMPARE(other.waitUntilLocked(), QString());
            const auto moved = s->setProgress(u"dep-1"_s, DeploymentPhase::Downloading, 40);
            QVERIFY2(moved, qPrintable(moved ? QString() : moved.error().message));
            QCOMPARE(moved->progress, 40);
            QCOMPARE(moved->requestCount, 7); // read after the other commit, so kept
            QVERIFY(other.join());
        }
        {
            aiops::testing::HeldWriteLock other(
                path, u"UPDATE deployments SET avgLatencyMs = 12.5 WHERE deploymentId = 'dep-1'"_s, 300ms);
            QCOMPARE(other.waitUntilLocked(), QString());
            DeploymentJob in;
            in.deploymentId = u"dep-1"_s;
            const auto queued = s->enqueueJob(in);
            QVERIFY2(queued, qPrintable(queued ? QString() : queued.error().message));
            QVERIFY(other.join());
        }
        const auto stored = s->deployment(u"dep-1"_s);
        QVERIFY(stored);
        QCOMPARE(stored->phase, DeploymentPhase::Downloading);
        QCOMPARE(stored->requestCount, 7);
        QCOMPARE(stored->avgLatencyMs, 12.5);
        QCOMPARE(s->dueJobs(kT0.addSecs(1))->size(), 1);
    }

    void completeNeedsARunningJob()
    {
        DeploymentJob in;
        in.deploymentId = u"dep-1"_s;
        const auto queued = m_store->enqueueJob(in);
        const auto refused = m_store->completeJob(queued->jobId);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QCOMPARE(refused.error().message, u"deployment job %1 is queued, not running"_s.arg(queued->jobId));
        QCOMPARE(m_store->failJob(queued->jobId, u"x"_s, kT0).error().code, ErrorCode::Conflict);
        QCOMPARE(m_store->job(queued->jobId)->attempts, 0);
    }

    void resumeAfterRestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"controller/aiops.db"_s);
        QString jobId;
        QString doneJobId;
        {
            auto db = store::Database::openSqlite(path);
            QVERIFY(db);
            auto s = makeStore(**db);
            QVERIFY(s->createDeployment(minimal(u"dep-1"_s)));
            QVERIFY(s->setProgress(u"dep-1"_s, DeploymentPhase::Pulling, 55));
            DeploymentJob in;
            in.deploymentId = u"dep-1"_s;
            in.requestId = u"req-mid-deploy"_s;
            const auto queued = s->enqueueJob(in);
            QVERIFY(queued);
            jobId = queued->jobId;
            QVERIFY(s->claimJob(jobId));
            QVERIFY(s->failJob(jobId, u"first try lost"_s, kT0));
            QVERIFY(s->claimJob(jobId));
            in.requestId = u"req-done"_s;
            const auto other = s->enqueueJob(in);
            QVERIFY(other);
            doneJobId = other->jobId;
            QVERIFY(s->claimJob(doneJobId));
            QVERIFY(s->completeJob(doneJobId));
            // The controller dies here, with jobId running.
        }

        m_now = kT0.addSecs(300);
        auto db = store::Database::openSqlite(path);
        QVERIFY(db);
        auto s = makeStore(**db);
        QCOMPARE(s->job(jobId)->state, DeploymentJobState::Running);
        QVERIFY(s->dueJobs(m_now)->isEmpty());

        const auto resumed = s->resumeAfterRestart();
        QVERIFY(resumed);
        QCOMPARE(*resumed, 1);
        const auto j = s->job(jobId);
        QVERIFY(j);
        QCOMPARE(j->state, DeploymentJobState::Queued);
        QCOMPARE(j->requestId, u"req-mid-deploy"_s);
        QCOMPARE(j->attempts, 1); // an interrupted attempt is not a failure
        QCOMPARE(j->nextAttemptAt, m_now);
        const auto due = s->dueJobs(m_now);
        QCOMPARE(due->size(), 1);
        QCOMPARE(due->constFirst().jobId, jobId);
        QCOMPARE((*s->findByRequestId(u"req-mid-deploy"_s))->jobId, jobId);
        QCOMPARE(s->job(doneJobId)->state, DeploymentJobState::Done);
        const auto deployment = s->deployment(u"dep-1"_s);
        QCOMPARE(deployment->phase, DeploymentPhase::Pulling);
        QCOMPARE(deployment->progress, 55);
        QCOMPARE(*s->resumeAfterRestart(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDeploymentStore)
#include "TestDeploymentStore.moc"
