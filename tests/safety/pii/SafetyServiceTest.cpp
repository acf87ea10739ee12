#include "core/safety/SafetyService.h"

#include "core/safety/GuardrailEngine.h"
#include "core/safety/PiiEngine.h"
#include "core/safety/SafetyFilters.h"
#include "core/safety/TokenVault.h"
#include "core/store/Database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace aiops;
using namespace aiops::safety;
using namespace Qt::StringLiterals;

namespace {

const QString kCard = u"4111 1111 1111 1111"_s;

FilterContext userMessage(const QString& text, const QString& conversationId = u"conv-1"_s)
{
    FilterContext c;
    c.direction = Direction::UserInput;
    c.text = text;
    c.conversationId = conversationId;
    c.messageId = u"msg-1"_s;
    c.userId = u"user-1"_s;
    c.agentId = u"agent-1"_s;
    return c;
}

PiiPattern employeeIdPattern()
{
    PiiPattern p;
    p.patternId = u"employee-id"_s;
    p.name = u"Employee ID"_s;
    p.category = u"identity"_s;
    p.regex = uR"(\bEMP-\d{5}\b)"_s;
    p.severity = u"high"_s;
    return p;
}

Guardrail keywordGuardrail(const QString& action)
{
    Guardrail g;
    g.guardrailId = u"no-crypto-" + action;
    g.name = u"No crypto talk"_s;
    g.description = u"Keeps the support agent on topic"_s;
    g.type = u"content-filter"_s;
    g.config = QJsonObject { { u"blockedKeywords"_s, QJsonArray { u"bitcoin"_s } } };
    g.action = action;
    g.blockMessage = u"Let's keep to GPU support."_s;
    g.appliesTo = { u"user-input"_s };
    return g;
}

} // namespace

class SafetyServiceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void builtInsAreSeededOnce();
    void deletedBuiltInStaysDeleted();
    void patternCrudPersistsAndRecompiles();
    void invalidPatternIsTypedErrorAndNothingStored();
    void cardIsMaskedAndDetectionStoredSealed();
    void criticalDetectionIsSignalled();
    void blockActionBlocksTheMessage();
    void oversizeMessageIsBlockedUnscanned();
    void chainRunsInCombinedFlowOrder();
    void guardrailCrudAndViolationStorage();
    void invalidGuardrailIsTypedErrorAndNothingStored();
    void escalationsWaitForReview();
    void retentionPurgesOldRecordsAtStart();

private:
    std::unique_ptr<SafetyService> startService();
    int count(const QString& sql);
    QByteArray rawDatabaseBytes() const;
    QString dbPath() const { return QDir(m_dir->path()).filePath(u"aiops.sqlite"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SafetyService> m_service;
};

std::unique_ptr<SafetyService> SafetyServiceTest::startService()
{
    SafetyService::Options options;
    options.databasePath = dbPath();
    options.dataDir = m_dir->path();
    options.retentionDays = 90;
    auto service = SafetyService::create(options);
    if (!service) {
        qWarning("%s", qPrintable(service.error().message));
        return nullptr;
    }
    return std::move(*service);
}

// A second connection, as the controller has: the service shares the file through WAL.
int SafetyServiceTest::count(const QString& sql)
{
    auto db = store::Database::openSqlite(dbPath());
    if (!db)
        return -1;
    QSqlQuery q((*db)->handle());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QByteArray SafetyServiceTest::rawDatabaseBytes() const
{
    QByteArray all;
    for (const QString& suffix : { QString(), u"-wal"_s }) {
        QFile file(dbPath() + suffix);
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

void SafetyServiceTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_service = startService();
    QVERIFY(m_service);
}

void SafetyServiceTest::cleanup()
{
    m_service.reset();
    m_dir.reset();
}

void SafetyServiceTest::builtInsAreSeededOnce()
{
    const QList<PiiPattern> defaults = PiiEngine::defaultPatterns();
    const QList<PiiPattern> listed = m_service->listPatterns();
    QCOMPARE(listed.size(), defaults.size());
    for (const PiiPattern& p : defaults) {
        const auto it = std::find_if(
            listed.cbegin(), listed.cend(), [&](const PiiPattern& l) { return l.patternId == p.patternId; });
        QVERIFY2(it != listed.cend(), qPrintable(p.patternId));
        QVERIFY(it->builtIn);
        QVERIFY(it->createdAt.isValid());
    }
    QCOMPARE(count(u"SELECT count(*) FROM piiPatterns WHERE builtIn = 1"_s), int(defaults.size()));
    QCOMPARE(count(u"SELECT max(version) FROM schema_migrations"_s), store::Database::latestSchemaVersion());

    m_service.reset();
    m_service = startService();
    QVERIFY(m_service);
    QCOMPARE(count(u"SELECT count(*) FROM piiPatterns"_s), int(defaults.size()));
}

void SafetyServiceTest::deletedBuiltInStaysDeleted()
{
    QVERIFY(m_service->deletePattern(u"pii-ssn"_s));
    m_service.reset();
    m_service = startService();
    QVERIFY(m_service);
    for (const PiiPattern& p : m_service->listPatterns())
        QVERIFY(p.patternId != u"pii-ssn");
    QCOMPARE(count(u"SELECT isDeleted FROM piiPatterns WHERE patternId = 'pii-ssn'"_s), 1);
    QCOMPARE(m_service->process(userMessage(u"SSN 078-05-1120"_s)).text, u"SSN 078-05-1120"_s);
}

void SafetyServiceTest::patternCrudPersistsAndRecompiles()
{
    int changed = 0;
    // Lambdas that capture locals use a local context: queued calls die with it.
    auto context = std::make_unique<QObject>();
    connect(m_service.get(), &SafetyService::patternsChanged, context.get(), [&] { ++changed; });

    QCOMPARE(m_service->process(userMessage(u"badge EMP-12345"_s)).text, u"badge EMP-12345"_s);
    const auto created = m_service->createPattern(employeeIdPattern());
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    QVERIFY(!created->builtIn);
    QCOMPARE(m_service->process(userMessage(u"badge EMP-12345"_s)).text, u"badge *********"_s);
    QCOMPARE(count(u"SELECT count(*) FROM piiPatterns WHERE patternId = 'employee-id' AND isDeleted = 0"_s), 1);

    const auto duplicate = m_service->createPattern(employeeIdPattern());
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.error().code, ErrorCode::Conflict);

    const auto updated = m_service->updatePattern(
        u"employee-id"_s, QJsonObject { { u"redactionMethod"_s, u"remove"_s }, { u"createdAt"_s, u"ignored"_s } });
    QVERIFY(updated);
    QCOMPARE(updated->redactionMethod, u"remove"_s);
    QCOMPARE(m_service->process(userMessage(u"badge EMP-12345!"_s)).text, u"badge !"_s);
    QTRY_COMPARE(changed, 2); // emitted from the worker, delivered to this thread

    // The edit survives a restart.
    m_service.reset();
    m_service = startService();
    QVERIFY(m_service);
    QCOMPARE(m_service->process(userMessage(u"badge EMP-12345!"_s)).text, u"badge !"_s);

    connect(m_service.get(), &SafetyService::patternsChanged, context.get(), [&] { ++changed; });
    QVERIFY(m_service->deletePattern(u"employee-id"_s));
    QCOMPARE(m_service->process(userMessage(u"badge EMP-12345"_s)).text, u"badge EMP-12345"_s);
    const auto again = m_service->deletePattern(u"employee-id"_s);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::NotFound);
    QCOMPARE(count(u"SELECT isDeleted FROM piiPatterns WHERE patternId = 'employee-id'"_s), 1);
    QTRY_COMPARE(changed, 3);
}

void SafetyServiceTest::invalidPatternIsTypedErrorAndNothingStored()
{
    const int before = count(u"SELECT count(*) FROM piiPatterns"_s);
    const QString changedAt = m_service->listPatterns().constFirst().changedAt.toString(Qt::ISODateWithMs);

    PiiPattern bad = employeeIdPattern();
    bad.regex = u"EMP-(\\d{5}"_s;
    auto created = m_service->createPattern(bad);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::InvalidValue);
    QCOMPARE(created.error().field, u"regex"_s);

    bad = employeeIdPattern();
    bad.severity = u"urgent"_s;
    created = m_service->createPattern(bad);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::InvalidValue);
    QCOMPARE(created.error().field, u"severity"_s);

    auto updated = m_service->updatePattern(u"pii-email"_s, QJsonObject { { u"isActive"_s, u"yes"_s } });
    QVERIFY(!updated);
    QCOMPARE(updated.error().code, ErrorCode::InvalidFieldType);
    QCOMPARE(updated.error().field, u"isActive"_s);

    updated = m_service->updatePattern(u"pii-email"_s, QJsonObject { { u"redactionMethod"_s, u"encrypt"_s } });
    QVERIFY(!updated);
    QCOMPARE(updated.error().code, ErrorCode::InvalidValue);
    QCOMPARE(updated.error().field, u"redactionMethod"_s);

    updated = m_service->updatePattern(u"pii-email"_s, QJsonObject { { u"colour"_s, u"red"_s } });
    QVERIFY(!updated);
    QCOMPARE(updated.error().code, ErrorCode::InvalidValue);

    updated = m_service->updatePattern(u"nope"_s, QJsonObject { { u"isActive"_s, false } });
    QVERIFY(!updated);
    QCOMPARE(updated.error().code, ErrorCode::NotFound);

    QCOMPARE(count(u"SELECT count(*) FROM piiPatterns"_s), before);
    QCOMPARE(count(u"SELECT count(*) FROM piiPatterns WHERE redactionMethod != 'mask' OR isActive = 0"_s), 0);
    QCOMPARE(m_service->listPatterns().constFirst().changedAt.toString(Qt::ISODateWithMs), changedAt);
    QCOMPARE(m_service->process(userMessage(u"a@example.com"_s)).text, u"*************"_s);
}

void SafetyServiceTest::cardIsMaskedAndDetectionStoredSealed()
{
    const FilterContext out = m_service->process(userMessage(u"my card is "_s + kCard + u" thanks"_s));
    QVERIFY(!out.blocked);
    QCOMPARE(out.text, u"my card is ******************* thanks"_s);
    QCOMPARE(out.piiMatches.size(), 1);

    m_service->flush();
    DetectionQuery query;
    query.conversationId = u"conv-1"_s;
    const auto detections = m_service->detections(query);
    QVERIFY(detections);
    QCOMPARE(detections->size(), 1);
    const PiiDetection& d = detections->constFirst();
    QCOMPARE(d.patternId, u"pii-credit-card"_s);
    QCOMPARE(d.detectedText, kCard); // opened again by the service
    QCOMPARE(d.redactedText, u"*******************"_s);
    QCOMPARE(d.start, 11);
    QCOMPARE(d.end, 30);
    QCOMPARE(d.action, u"redacted"_s);
    QVERIFY(d.alertSent);
    QCOMPARE(d.severity, u"critical"_s);
    QCOMPARE(d.sourceId, u"msg-1"_s);
    QCOMPARE(d.owner.userId, u"user-1"_s);

    // The raw file (and its WAL) hold the row but never the number, spaced or not.
    const QByteArray raw = rawDatabaseBytes();
    QVERIFY(raw.contains(d.detectionId.toUtf8()));
    QVERIFY(!raw.contains(kCard.toUtf8()));
    QVERIFY(!raw.contains("4111111111111111"));

    auto db = store::Database::openSqlite(dbPath());
    QVERIFY(db);
    QSqlQuery q((*db)->handle());
    QVERIFY(q.exec(u"SELECT detectedText FROM piiDetections"_s) && q.next());
    const QByteArray sealed = QByteArray::fromBase64(q.value(0).toString().toLatin1());
    const auto opened = m_service->vault().open(sealed);
    QVERIFY(opened);
    QCOMPARE(QString::fromUtf8(*opened), kCard);
}

void SafetyServiceTest::criticalDetectionIsSignalled()
{
    QList<PiiDetection> logged;
    QList<PiiDetection> critical;
    QObject context;
    connect(
        m_service.get(), &SafetyService::detectionLogged, &context, [&](const PiiDetection& d) { logged.append(d); });
    connect(m_service.get(), &SafetyService::criticalDetection, &context, [&](const PiiDetection& d) {
        critical.append(d);
    });

    m_service->process(userMessage(u"mail eve@example.com"_s)); // medium: logged only
    QTRY_COMPARE(logged.size(), 1);
    QCOMPARE(critical.size(), 0);

    m_service->process(userMessage(u"SSN 078-05-1120"_s)); // critical
    QTRY_COMPARE(critical.size(), 1);
    QCOMPARE(critical[0].patternId, u"pii-ssn"_s);
    QCOMPARE(critical[0].detectedText, u"078-05-1120"_s);
    QTRY_COMPARE(logged.size(), 2);

    QVERIFY(m_service->updatePattern(u"pii-email"_s, QJsonObject { { u"action"_s, u"alert"_s } }));
    m_service->process(userMessage(u"mail eve@example.com"_s)); // alert action, medium severity
    QTRY_COMPARE(critical.size(), 2);
    QCOMPARE(critical[1].action, u"alerted"_s);
}

void SafetyServiceTest::blockActionBlocksTheMessage()
{
    QVERIFY(m_service->updatePattern(u"pii-cccd"_s, QJsonObject { { u"action"_s, u"block"_s } }));
    const FilterContext out = m_service->process(userMessage(u"CCCD của tôi 079203001234"_s));
    QVERIFY(out.blocked);
    QCOMPARE(out.blockErrorCode, kPiiBlockedCode.toString());
    QVERIFY(!out.text.contains(u"079203001234"));
    m_service->flush();
    const auto detections = m_service->detections({});
    QVERIFY(detections);
    QCOMPARE(detections->size(), 1);
    QCOMPARE(detections->constFirst().action, u"blocked"_s);
}

void SafetyServiceTest::oversizeMessageIsBlockedUnscanned()
{
    const FilterContext out = m_service->process(userMessage(QString(2 * 1024 * 1024, u'x')));
    QVERIFY(out.blocked);
    QCOMPARE(out.blockErrorCode, u"OUT_OF_RANGE"_s);
    m_service->flush();
    QCOMPARE(count(u"SELECT count(*) FROM piiDetections"_s), 0);
}

void SafetyServiceTest::chainRunsInCombinedFlowOrder()
{
    const QStringList names = m_service->chain().names();
    QCOMPARE(names.size(), 3);
    QCOMPARE(names[0], u"pii"_s);
    QCOMPARE(names[1], u"guardrails:user-input"_s);
    QCOMPARE(names[2], u"guardrails:agent-output"_s);

    // PII runs before the guardrails on user input: a blocked keyword next to a card number is
    // blocked, and the violation carries the already redacted text.
    QVERIFY(m_service->createGuardrail(keywordGuardrail(u"block"_s)));
    FilterContext out = m_service->process(userMessage(u"buy bitcoin with "_s + kCard));
    QVERIFY(out.blocked);
    QCOMPARE(out.blockErrorCode, kGuardrailBlockedCode.toString());
    QCOMPARE(out.piiMatches.size(), 1);
    QCOMPARE(out.violations.size(), 1);
    QVERIFY(!out.violations[0].originalText.contains(kCard));

    // Agent output is not scanned for PII (it is built from redacted input) but is guarded.
    FilterContext reply = userMessage(u"card "_s + kCard);
    reply.direction = Direction::AgentOutput;
    out = m_service->process(reply);
    QCOMPARE(out.text, reply.text);
    QVERIFY(out.piiMatches.isEmpty());
}

void SafetyServiceTest::guardrailCrudAndViolationStorage()
{
    int changed = 0;
    QList<GuardrailViolation> logged;
    QObject context;
    connect(m_service.get(), &SafetyService::guardrailsChanged, &context, [&] { ++changed; });
    connect(m_service.get(), &SafetyService::violationLogged, &context, [&](const GuardrailViolation& v) {
        logged.append(v);
    });

    const auto created = m_service->createGuardrail(keywordGuardrail(u"block"_s));
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    QCOMPARE(m_service->listGuardrails().size(), 1);
    QCOMPARE(count(u"SELECT count(*) FROM guardrails"_s), 1);

    const QString secretSentence = u"should I buy Bitcoin tomorrow"_s;
    FilterContext out = m_service->process(userMessage(secretSentence, u"conv-g"_s));
    QVERIFY(out.blocked);
    QCOMPARE(out.blockMessage, u"Let's keep to GPU support."_s);
    QTRY_COMPARE(logged.size(), 1);
    ViolationQuery query;
    query.conversationId = u"conv-g"_s;
    const auto violations = m_service->violations(query);
    QVERIFY(violations);
    QCOMPARE(violations->size(), 1);
    QCOMPARE(violations->constFirst().actionTaken, u"blocked"_s);
    QCOMPARE(violations->constFirst().originalText, secretSentence);
    QCOMPARE(violations->constFirst().messageId, u"msg-1"_s);
    QVERIFY(!rawDatabaseBytes().contains(secretSentence.toUtf8())); // message text is sealed at rest

    const auto updated = m_service->updateGuardrail(created->guardrailId, QJsonObject { { u"action"_s, u"warn"_s } });
    QVERIFY(updated);
    out = m_service->process(userMessage(secretSentence));
    QVERIFY(!out.blocked);
    QCOMPARE(out.warnings, QStringList { u"Let's keep to GPU support."_s });
    QTRY_COMPARE(changed, 2);

    // Restart: guardrails are loaded from the database.
    m_service.reset();
    m_service = startService();
    QVERIFY(m_service);
    QCOMPARE(m_service->listGuardrails().size(), 1);
    QCOMPARE(m_service->listGuardrails().constFirst().action, u"warn"_s);
    QVERIFY(m_service->deleteGuardrail(created->guardrailId));
    QVERIFY(m_service->listGuardrails().isEmpty());
    QVERIFY(!m_service->process(userMessage(secretSentence)).blocked);
}

void SafetyServiceTest::invalidGuardrailIsTypedErrorAndNothingStored()
{
    Guardrail bad = keywordGuardrail(u"block"_s);
    bad.type = u"mind-reading"_s;
    auto created = m_service->createGuardrail(bad);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::InvalidValue);
    QCOMPARE(created.error().field, u"type"_s);

    bad = keywordGuardrail(u"explode"_s);
    created = m_service->createGuardrail(bad);
    QVERIFY(!created);
    QCOMPARE(created.error().field, u"action"_s);

    QVERIFY(m_service->createGuardrail(keywordGuardrail(u"block"_s)));
    auto updated = m_service->updateGuardrail(u"no-crypto-block"_s, QJsonObject { { u"appliesTo"_s, 7 } });
    QVERIFY(!updated);
    QCOMPARE(updated.error().code, ErrorCode::InvalidFieldType);
    QCOMPARE(updated.error().field, u"appliesTo"_s);
    updated = m_service->updateGuardrail(u"no-crypto-block"_s, QJsonObject { { u"severity"_s, u"critical"_s } });
    QVERIFY(!updated); // guardrails have no critical severity in seed 000
    QCOMPARE(updated.error().code, ErrorCode::InvalidValue);

    QCOMPARE(count(u"SELECT count(*) FROM guardrails"_s), 1);
    QCOMPARE(count(u"SELECT count(*) FROM guardrails WHERE severity = 'medium'"_s), 1);
}

void SafetyServiceTest::escalationsWaitForReview()
{
    QList<GuardrailViolation> queued;
    QObject context;
    connect(m_service.get(), &SafetyService::escalationQueued, &context, [&](const GuardrailViolation& v) {
        queued.append(v);
    });
    QVERIFY(m_service->createGuardrail(keywordGuardrail(u"escalate"_s)));
    const FilterContext out = m_service->process(userMessage(u"tell me about bitcoin"_s));
    QVERIFY(!out.blocked);
    QVERIFY(out.escalated);
    QTRY_COMPARE(queued.size(), 1);

    const QList<GuardrailViolation> pending = m_service->escalations();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending[0].originalText, u"tell me about bitcoin"_s);
    QVERIFY(m_service->resolveEscalation(pending[0].violationId, true));
    QVERIFY(m_service->escalations().isEmpty());
    const auto twice = m_service->resolveEscalation(pending[0].violationId, false);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, ErrorCode::NotFound);
}

void SafetyServiceTest::retentionPurgesOldRecordsAtStart()
{
    m_service->process(userMessage(u"mail fresh@example.com"_s));
    m_service->flush();
    m_service.reset();
    {
        auto db = store::Database::openSqlite(dbPath());
        QVERIFY(db);
        QSqlQuery q((*db)->handle());
        const QString old = QDateTime::currentDateTimeUtc().addDays(-91).toString(Qt::ISODateWithMs);
        QVERIFY(q.exec(u"INSERT INTO piiDetections (detectionId, patternId, detectedText, redactedText, positionStart, "
                       "positionEnd, action, detectedAt) VALUES ('old-1', 'pii-email', 'x', '***', 0, 1, "
                       "'redacted', '%1')"_s.arg(old)));
        QVERIFY(q.exec(u"INSERT INTO guardrailViolations (violationId, guardrailId, violationType, actionTaken, "
                       "detectedAt) VALUES ('old-v', 'g', 'toxicity', 'warned', '%1')"_s.arg(old)));
    }
    QCOMPARE(count(u"SELECT count(*) FROM piiDetections"_s), 2);
    m_service = startService();
    QVERIFY(m_service);
    QCOMPARE(count(u"SELECT count(*) FROM piiDetections"_s), 1);
    QCOMPARE(count(u"SELECT count(*) FROM piiDetections WHERE detectionId = 'old-1'"_s), 0);
    QCOMPARE(count(u"SELECT count(*) FROM guardrailViolations"_s), 0);
}

QTEST_GUILESS_MAIN(SafetyServiceTest)
#include "SafetyServiceTest.moc"
