#include "core/safety/PiiEngine.h"
#include "core/safety/SafetyService.h"
#include "models/GuardrailModel.h"
#include "models/GuardrailViolationModel.h"
#include "models/ModelRoles.h"
#include "models/PiiDetectionModel.h"
#include "models/PiiPatternModel.h"
#include "models/SafetyRoles.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using aiops::models::GuardrailModel;
using aiops::models::GuardrailViolationModel;
using aiops::models::PiiDetectionModel;
using aiops::models::PiiPatternModel;
namespace models = aiops::models;
namespace safety = aiops::safety;

namespace {

const QString kSample = QStringLiteral("card 4111 1111 1111 1111 mail a@b.co");

safety::PiiPattern employeeIdPattern()
{
    safety::PiiPattern p;
    p.name = QStringLiteral("Employee ID");
    p.regex = QStringLiteral("\\bEMP-\\d{6}\\b");
    p.category = QStringLiteral("identity");
    p.severity = QStringLiteral("high");
    p.redactionMethod = QStringLiteral("mask");
    return p;
}

safety::Guardrail keywordGuardrail(const QString& name, const QString& keyword, const QString& action)
{
    safety::Guardrail g;
    g.name = name;
    g.description = QStringLiteral("Test guardrail");
    g.type = QStringLiteral("content-filter");
    g.config.insert(QStringLiteral("blockedKeywords"), QJsonArray { keyword });
    g.action = action;
    g.blockMessage = QStringLiteral("Not here.");
    g.appliesTo = { QStringLiteral("user-input") };
    return g;
}

safety::FilterContext message(const QString& text, const QString& id)
{
    safety::FilterContext context;
    context.direction = safety::Direction::UserInput;
    context.text = text;
    context.conversationId = QStringLiteral("conv-1");
    context.messageId = id;
    context.userId = QStringLiteral("user-1");
    return context;
}

QStringList column(const QAbstractItemModel& model, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, column).data(role).toString();
    return values;
}

} // namespace

class TestSafetyModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void init();
    void cleanup();
    void patternModelListsTheBuiltIns();
    void patternModelFollowsCreateUpdateDelete();
    void patternModelCoalescesBursts();
    void patternModelActiveToggleUpdatesTheService();
    void guardrailModelFollowsCreateUpdateDelete();
    void detectionModelShowsProcessedMessages();
    void detectionModelFilters();
    void violationModelShowsGuardrailViolations();
    void escalationModelEmptiesWhenResolved();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<safety::SafetyService> m_service;
};

void TestSafetyModels::init()
{
    QVERIFY(m_dir.isValid());
    safety::SafetyService::Options options;
    options.databasePath
        = m_dir.filePath(QStringLiteral("aiops-%1.db").arg(QString::fromLatin1(QTest::currentTestFunction())));
    options.dataDir = m_dir.path();
    auto created = safety::SafetyService::create(options);
    QVERIFY2(created.has_value(), created ? "" : qPrintable(created.error().message));
    m_service = std::move(*created);
}

void TestSafetyModels::cleanup()
{
    m_service.reset();
}

void TestSafetyModels::patternModelListsTheBuiltIns()
{
    PiiPatternModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<safety::PiiPattern> patterns = m_service->listPatterns(true);
    QVERIFY(patterns.size() >= 7);
    QCOMPARE(model.rowCount(), int(patterns.size()));
    QCOMPARE(model.columnCount(), int(PiiPatternModel::ColumnCount));
    const int card = model.rowOf(QStringLiteral("pii-credit-card"));
    QVERIFY(card >= 0);
    QCOMPARE(model.index(card, PiiPatternModel::NameColumn).data().toString(), QStringLiteral("Credit card"));
    QCOMPARE(model.index(card, PiiPatternModel::CategoryColumn).data().toString(), QStringLiteral("Financial"));
    QCOMPARE(model.index(card, PiiPatternModel::SeverityColumn).data().toString(), QStringLiteral("Critical"));
    QCOMPARE(model.index(card, PiiPatternModel::SeverityColumn).data(models::SeverityLevelRole).toInt(), 3);
    QCOMPARE(model.index(card, PiiPatternModel::SourceColumn).data().toString(), QStringLiteral("Built-in"));
    QVERIFY(model.index(card, 0).data(models::BuiltInRole).toBool());
    QCOMPARE(model.index(card, PiiPatternModel::ActiveColumn).data(Qt::CheckStateRole).value<Qt::CheckState>(),
             Qt::Checked);
    QVERIFY(model.flags(model.index(card, PiiPatternModel::ActiveColumn)) & Qt::ItemIsUserCheckable);
    QVERIFY(model.rowOf(QStringLiteral("pii-cccd")) >= 0);
    QVERIFY(model.rowOf(QStringLiteral("pii-phone-vn")) >= 0);
    QCOMPARE(model.activeCount(), model.rowCount());
}

void TestSafetyModels::patternModelFollowsCreateUpdateDelete()
{
    PiiPatternModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    const int before = model.rowCount();

    const auto created = m_service->createPattern(employeeIdPattern());
    QVERIFY2(created.has_value(), created ? "" : qPrintable(created.error().message));
    QTRY_COMPARE(model.rowCount(), before + 1);
    const int row = model.rowOf(created->patternId);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, PiiPatternModel::NameColumn).data().toString(), QStringLiteral("Employee ID"));
    QCOMPARE(model.index(row, PiiPatternModel::CategoryColumn).data().toString(), QStringLiteral("Identity"));
    QCOMPARE(model.index(row, PiiPatternModel::SeverityColumn).data().toString(), QStringLiteral("High"));
    QCOMPARE(model.index(row, PiiPatternModel::MethodColumn).data().toString(), QStringLiteral("Mask"));
    QCOMPARE(model.index(row, PiiPatternModel::ActionColumn).data().toString(), QStringLiteral("Redact"));
    QCOMPARE(model.index(row, PiiPatternModel::SourceColumn).data().toString(), QStringLiteral("Custom"));
    QVERIFY(!model.index(row, 0).data(models::BuiltInRole).toBool());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(m_service->updatePattern(created->patternId,
                                     QJsonObject { { QStringLiteral("severity"), QStringLiteral("low") },
                                                   { QStringLiteral("redactionMethod"), QStringLiteral("hash") } }));
    QTRY_COMPARE(model.index(model.rowOf(created->patternId), PiiPatternModel::SeverityColumn).data().toString(),
                 QStringLiteral("Low"));
    QCOMPARE(model.index(model.rowOf(created->patternId), PiiPatternModel::MethodColumn).data().toString(),
             QStringLiteral("Hash (SHA-256)"));
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.rowCount(), before + 1);

    QVERIFY(m_service->deletePattern(created->patternId));
    QTRY_COMPARE(model.rowCount(), before);
    QCOMPARE(model.rowOf(created->patternId), -1);
    QCOMPARE(resets.count(), 0); // applied as a diff: selections survive
}

void TestSafetyModels::patternModelCoalescesBursts()
{
    PiiPatternModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int before = model.rowCount();
    for (int i = 0; i < 3; ++i) {
        safety::PiiPattern p = employeeIdPattern();
        p.name = QStringLiteral("Badge %1").arg(i);
        p.regex = QStringLiteral("\\bB%1-\\d{4}\\b").arg(i);
        QVERIFY(m_service->createPattern(p));
    }
    QCOMPARE(model.rowCount(), before); // not applied before the refresh tick
    QTRY_COMPARE(model.rowCount(), before + 3);
    model.refresh();
    QCOMPARE(model.rowCount(), before + 3);
}

void TestSafetyModels::patternModelActiveToggleUpdatesTheService()
{
    PiiPatternModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int row = model.rowOf(QStringLiteral("pii-email"));
    QVERIFY(row >= 0);
    const QModelIndex active = model.index(row, PiiPatternModel::ActiveColumn);
    QVERIFY(model.setData(active, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(active.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QCOMPARE(active.data().toString(), QStringLiteral("Inactive"));
    QCOMPARE(model.activeCount(), model.rowCount() - 1);
    const auto patterns = m_service->listPatterns(false);
    QVERIFY(std::none_of(patterns.cbegin(), patterns.cend(), [](const safety::PiiPattern& p) {
        return p.patternId == QLatin1String("pii-email");
    }));
    // The engine no longer finds e-mail addresses.
    const auto matches = m_service->pii().detect(kSample);
    QVERIFY(matches.has_value());
    QCOMPARE(matches->size(), 1);
    QCOMPARE(matches->first().patternId, QStringLiteral("pii-credit-card"));

    QVERIFY(model.setData(active, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(m_service->pii().detect(kSample)->size(), 2);
    QVERIFY(!model.setData(model.index(row, PiiPatternModel::NameColumn), QStringLiteral("x"), Qt::EditRole));
}

void TestSafetyModels::guardrailModelFollowsCreateUpdateDelete()
{
    GuardrailModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int before = model.rowCount();
    auto guardrail = keywordGuardrail(QStringLiteral("No competitors"), QStringLiteral("acme"), QStringLiteral("warn"));
    guardrail.agentIds = { QStringLiteral("agent-7") };
    const auto created = m_service->createGuardrail(guardrail);
    QVERIFY2(created.has_value(), created ? "" : qPrintable(created.error().message));
    QTRY_COMPARE(model.rowCount(), before + 1);
    const int row = model.rowOf(created->guardrailId);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, GuardrailModel::NameColumn).data().toString(), QStringLiteral("No competitors"));
    QCOMPARE(model.index(row, GuardrailModel::TypeColumn).data().toString(), QStringLiteral("Content filter"));
    QCOMPARE(model.index(row, GuardrailModel::ActionColumn).data().toString(), QStringLiteral("Warn"));
    QCOMPARE(model.index(row, GuardrailModel::AppliesToColumn).data().toString(), QStringLiteral("User input"));
    QCOMPARE(model.index(row, GuardrailModel::AgentsColumn).data().toString(), QStringLiteral("agent-7"));
    QCOMPARE(model.index(row, GuardrailModel::NameColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("Test guardrail"));

    QVERIFY(m_service->updateGuardrail(created->guardrailId,
                                       QJsonObject { { QStringLiteral("action"), QStringLiteral("block") },
                                                     { QStringLiteral("agentIds"), QJsonArray() } }));
    QTRY_COMPARE(model.index(model.rowOf(created->guardrailId), GuardrailModel::ActionColumn).data().toString(),
                 QStringLiteral("Block"));
    QCOMPARE(model.index(model.rowOf(created->guardrailId), GuardrailModel::AgentsColumn).data().toString(),
             QStringLiteral("All agents"));

    const QModelIndex active = model.index(model.rowOf(created->guardrailId), GuardrailModel::ActiveColumn);
    QVERIFY(model.setData(active, Qt::Unchecked, Qt::CheckStateRole));
    const auto stored = m_service->listGuardrails();
    const auto it = std::find_if(stored.cbegin(), stored.cend(), [&](const safety::Guardrail& g) {
        return g.guardrailId == created->guardrailId;
    });
    QVERIFY(it != stored.cend());
    QVERIFY(!it->isActive);

    QVERIFY(m_service->deleteGuardrail(created->guardrailId));
    QTRY_COMPARE(model.rowCount(), before);
}

void TestSafetyModels::detectionModelShowsProcessedMessages()
{
    PiiDetectionModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);

    const safety::FilterContext processed = m_service->process(message(kSample, QStringLiteral("msg-1")));
    QVERIFY(!processed.text.contains(QStringLiteral("4111 1111 1111 1111")));
    m_service->flush();
    QTRY_COMPARE(model.rowCount(), 2);

    QStringList patterns = column(model, PiiDetectionModel::PatternColumn);
    patterns.sort();
    QCOMPARE(patterns, (QStringList { QStringLiteral("Credit card"), QStringLiteral("Email") }));
    const QStringList severities = column(model, PiiDetectionModel::SeverityColumn, models::SeverityNameRole);
    QVERIFY(severities.contains(QStringLiteral("critical")));
    QVERIFY(severities.contains(QStringLiteral("medium")));
    for (const QString& redacted : column(model, PiiDetectionModel::RedactedColumn)) {
        QVERIFY(!redacted.isEmpty());
        QVERIFY2(!redacted.contains(QStringLiteral("4111 1111 1111 1111")), qPrintable(redacted));
        QVERIFY2(!redacted.contains(QStringLiteral("a@b.co")), qPrintable(redacted));
    }
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto detection = model.detectionAt(row);
        QVERIFY(detection);
        QCOMPARE(detection->conversationId, QStringLiteral("conv-1"));
        QVERIFY(model.index(row, PiiDetectionModel::SourceColumn).data().toString().contains(QStringLiteral("conv-1")));
    }
    const QDate today = QDate::currentDate();
    QCOMPARE(model.countsPerDay(today.addDays(-2), 3), (QList<int> { 0, 0, 2 }));

    // A second message arrives: inserted at the top, no reset.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    m_service->process(message(QStringLiteral("write to x@y.org"), QStringLiteral("msg-2")));
    m_service->flush();
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(resets.count(), 0);
}

void TestSafetyModels::detectionModelFilters()
{
    PiiDetectionModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_service->process(message(kSample, QStringLiteral("msg-1")));
    m_service->process(message(QStringLiteral("and b@c.io"), QStringLiteral("msg-2")));
    m_service->flush();
    QTRY_COMPARE(model.rowCount(), 3);

    model.setSeverity(QStringLiteral("critical"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, PiiDetectionModel::PatternColumn).data().toString(), QStringLiteral("Credit card"));
    QVERIFY(model.isFiltered());
    model.setSeverity({});
    model.setPatternId(QStringLiteral("pii-email"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.countsPerDay(QDate::currentDate(), 1), (QList<int> { 2 }));
    model.setPatternId({});

    // A clock a week ahead: nothing in the last 24 hours, everything in the last 30 days.
    model.setClock([] { return QDateTime::currentDateTimeUtc().addDays(7); });
    model.setTimeWindow(24 * 3600);
    QCOMPARE(model.rowCount(), 0);
    model.setTimeWindow(30 * 24 * 3600);
    QCOMPARE(model.rowCount(), 3);
}

void TestSafetyModels::violationModelShowsGuardrailViolations()
{
    const auto blocker = m_service->createGuardrail(
        keywordGuardrail(QStringLiteral("No secrets"), QStringLiteral("launch codes"), QStringLiteral("block")));
    QVERIFY2(blocker.has_value(), blocker ? "" : qPrintable(blocker.error().message));
    const auto warner = m_service->createGuardrail(
        keywordGuardrail(QStringLiteral("Be nice"), QStringLiteral("stupid"), QStringLiteral("warn")));
    QVERIFY(warner.has_value());
    GuardrailViolationModel model(m_service.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);

    const auto blocked = m_service->process(message(QStringLiteral("tell me the launch codes"), QStringLiteral("m1")));
    QVERIFY(blocked.blocked);
    m_service->process(message(QStringLiteral("that is a stupid idea"), QStringLiteral("m2")));
    m_service->flush();
    QTRY_COMPARE(model.rowCount(), 2);
    QStringList guardrails = column(model, GuardrailViolationModel::GuardrailColumn);
    guardrails.sort();
    QCOMPARE(guardrails, (QStringList { QStringLiteral("Be nice"), QStringLiteral("No secrets") }));
    QStringList actions = column(model, GuardrailViolationModel::ActionColumn);
    actions.sort();
    QCOMPARE(actions, (QStringList { QStringLiteral("Blocked"), QStringLiteral("Warned") }));
    QCOMPARE(model.index(0, GuardrailViolationModel::TypeColumn).data().toString(), QStringLiteral("Content filter"));

    model.setActionTaken(QStringLiteral("blocked"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, GuardrailViolationModel::GuardrailColumn).data().toString(), QStringLiteral("No secrets"));
    QCOMPARE(model.index(0, GuardrailViolationModel::TextColumn).data().toString(),
             QStringLiteral("tell me the launch codes"));
    model.setActionTaken({});
    model.setGuardrailId(warner->guardrailId);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, GuardrailViolationModel::ActionColumn).data().toString(), QStringLiteral("Warned"));
    model.setGuardrailId({});
    QCOMPARE(model.rowCount(), 2);

    // Renaming the guardrail renames it in the log.
    QVERIFY(m_service->updateGuardrail(warner->guardrailId,
                                       QJsonObject { { QStringLiteral("name"), QStringLiteral("Be kind") } }));
    QTRY_VERIFY(column(model, GuardrailViolationModel::GuardrailColumn).contains(QStringLiteral("Be kind")));
}

void TestSafetyModels::escalationModelEmptiesWhenResolved()
{
    QVERIFY(m_service->createGuardrail(
        keywordGuardrail(QStringLiteral("Refunds"), QStringLiteral("refund"), QStringLiteral("escalate"))));
    GuardrailViolationModel queue(m_service.get(), GuardrailViolationModel::Source::Escalations);
    QAbstractItemModelTester tester(&queue, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(queue.rowCount(), 0);
    m_service->process(message(QStringLiteral("I want a refund now"), QStringLiteral("m1")));
    m_service->process(message(QStringLiteral("refund please"), QStringLiteral("m2")));
    m_service->flush();
    QTRY_COMPARE(queue.rowCount(), 2);
    QCOMPARE(queue.index(0, GuardrailViolationModel::ActionColumn).data().toString(), QStringLiteral("Escalated"));

    const QString first = queue.index(0, 0).data(models::SafetyIdRole).toString();
    QVERIFY(m_service->resolveEscalation(first, true));
    queue.refresh();
    QCOMPARE(queue.rowCount(), 1);
    QCOMPARE(queue.rowOf(first), -1);
    QVERIFY(m_service->resolveEscalation(queue.index(0, 0).data(models::SafetyIdRole).toString(), false));
    queue.refresh();
    QCOMPARE(queue.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestSafetyModels)
#include "test_safety_models.moc"
