#include "core/safety/SafetyService.h"

#include "core/safety/GuardrailEngine.h"
#include "core/safety/PiiEngine.h"
#include "core/safety/SafetyFilters.h"
#include "core/safety/SafetyStore.h"
#include "core/safety/TokenVault.h"
#include "core/store/Database.h"
#include "core/store/StoreWorker.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QThread>
#include <QUuid>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <type_traits>

namespace aiops::safety {

using namespace Qt::StringLiterals;

namespace {

Q_LOGGING_CATEGORY(lcSafety, "aiops.safety")
Q_LOGGING_CATEGORY(lcAudit, "aiops.safety.audit")

QString newId(QStringView prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(16);
}

QString detectionAction(const QString& patternAction)
{
    if (patternAction == u"block")
        return u"blocked"_s;
    if (patternAction == u"log")
        return u"logged"_s;
    if (patternAction == u"alert")
        return u"alerted"_s;
    return u"redacted"_s;
}

std::unexpected<Error> wrongType(const QString& field, const char* expected)
{
    return makeError(ErrorCode::InvalidFieldType, u"%1 must be %2"_s.arg(field, QLatin1StringView(expected)), field);
}

Result<QString> stringField(const QJsonValue& v, const QString& field)
{
    if (!v.isString())
        return wrongType(field, "a string");
    return v.toString();
}

Result<bool> boolField(const QJsonValue& v, const QString& field)
{
    if (!v.isBool())
        return wrongType(field, "a boolean");
    return v.toBool();
}

Result<QStringList> stringListField(const QJsonValue& v, const QString& field, bool nullIsEmpty)
{
    if (nullIsEmpty && v.isNull())
        return QStringList();
    if (!v.isArray())
        return wrongType(field, "an array of strings");
    QStringList out;
    const QJsonArray array = v.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array[i].isString())
            return wrongType(u"%1[%2]"_s.arg(field).arg(i), "a string");
        out.append(array[i].toString());
    }
    return out;
}

// Fields a PATCH may echo back from a GET without meaning to change them.
bool isReadOnlyField(const QString& key)
{
    static const QStringList readOnly { u"_id"_s,   u"id"_s,        u"patternId"_s, u"guardrailId"_s, u"builtIn"_s,
                                        u"owner"_s, u"createdAt"_s, u"changedAt"_s, u"deletedAt"_s,   u"isDeleted"_s };
    return readOnly.contains(key);
}

Result<void> applyPatternChanges(PiiPattern& p, const QJsonObject& changes)
{
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        QString* text = nullptr;
        if (key == u"name")
            text = &p.name;
        else if (key == u"type")
            text = &p.type;
        else if (key == u"category")
            text = &p.category;
        else if (key == u"regex")
            text = &p.regex;
        else if (key == u"flags")
            text = &p.flags;
        else if (key == u"redactionMethod")
            text = &p.redactionMethod;
        else if (key == u"maskChar")
            text = &p.maskChar;
        else if (key == u"severity")
            text = &p.severity;
        else if (key == u"action")
            text = &p.action;
        else if (key == u"validator")
            text = &p.validator;
        if (text) {
            auto s = stringField(v, key);
            if (!s)
                return std::unexpected(s.error());
            *text = *s;
        } else if (key == u"preserveLength" || key == u"isActive") {
            auto b = boolField(v, key);
            if (!b)
                return std::unexpected(b.error());
            (key == u"preserveLength" ? p.preserveLength : p.isActive) = *b;
        } else if (key == u"nerLabels") {
            auto list = stringListField(v, key, true);
            if (!list)
                return std::unexpected(list.error());
            p.nerLabels = *list;
        } else if (!isReadOnlyField(key)) {
            return makeError(ErrorCode::InvalidValue, u"%1 is not a field of a PII pattern"_s.arg(key.left(64)), key);
        }
    }
    return {};
}

Result<void> applyGuardrailChanges(Guardrail& g, const QJsonObject& changes)
{
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        QString* text = nullptr;
        if (key == u"name")
            text = &g.name;
        else if (key == u"description")
            text = &g.description;
        else if (key == u"type")
            text = &g.type;
        else if (key == u"action")
            text = &g.action;
        else if (key == u"blockMessage")
            text = &g.blockMessage;
        else if (key == u"severity")
            text = &g.severity;
        if (text) {
            auto s = stringField(v, key);
            if (!s)
                return std::unexpected(s.error());
            *text = *s;
        } else if (key == u"config") {
            if (!v.isObject())
                return wrongType(key, "an object");
            g.config = v.toObject();
        } else if (key == u"appliesTo") {
            // A single scope is accepted as a string too, as the REST examples write it.
            auto list
                = v.isString() ? Result<QStringList>(QStringList { v.toString() }) : stringListField(v, key, false);
            if (!list)
                return std::unexpected(list.error());
            g.appliesTo = *list;
        } else if (key == u"agentIds") {
            auto list = stringListField(v, key, true);
            if (!list)
                return std::unexpected(list.error());
            g.agentIds = *list;
        } else if (key == u"isActive") {
            auto b = boolField(v, key);
            if (!b)
                return std::unexpected(b.error());
            g.isActive = *b;
        } else if (!isReadOnlyField(key)) {
            return makeError(ErrorCode::InvalidValue, u"%1 is not a field of a guardrail"_s.arg(key.left(64)), key);
        }
    }
    return {};
}

bool validId(const QString& id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-'
            || c == u'_' || c == u'.';
    });
}

} // namespace

class SafetyService::Impl
{
public:
    explicit Impl(SafetyService* q)
        : q(q)
    {
    }

    SafetyService* q;
    Options options;
    std::unique_ptr<TokenVault> vault;
    std::unique_ptr<PiiEngine> pii;
    GuardrailEngine guardrails;
    MessageFilterChain chain;
    std::mutex editMutex; // one pattern/guardrail edit at a time: each is compile + persist + swap
    store::StoreWorker worker { u"aiops-safety-store"_s };
    // Worker-thread only.
    std::unique_ptr<store::Database> db;
    std::unique_ptr<SafetyStore> store;

    Result<void> openOnWorker();
    void purgeExpired();
    void store_(QList<PiiDetection> detections, QList<GuardrailViolation> violations);
    QList<PiiPattern> livePatterns() const { return pii->patterns(); }
};

Result<void> SafetyService::Impl::openOnWorker()
{
    auto opened = store::Database::openSqlite(options.databasePath);
    if (!opened)
        return std::unexpected(opened.error());
    db = std::move(*opened);
    store = std::make_unique<SafetyStore>(*db, *vault);

    // Built-ins are seeded by id: one the operator deleted stays deleted, one added by a newer
    // build appears on its first start.
    auto existing = store->patterns(true);
    if (!existing)
        return std::unexpected(existing.error());
    QStringList known;
    for (const PiiPattern& p : std::as_const(*existing))
        known.append(p.patternId);
    const QDateTime now = store->now();
    for (PiiPattern p : PiiEngine::defaultPatterns()) {
        if (known.contains(p.patternId))
            continue;
        p.createdAt = now;
        p.changedAt = now;
        if (auto inserted = store->insertPattern(p); !inserted)
            return inserted;
    }

    auto patterns = store->patterns(false);
    if (!patterns)
        return std::unexpected(patterns.error());
    // A stored pattern that no longer validates (edited by hand, older rules) is left out rather
    // than keeping every message unscanned.
    QList<PiiPattern> usable;
    for (const PiiPattern& p : std::as_const(*patterns)) {
        if (auto ok = PiiEngine::validatePattern(p); !ok && p.isActive) {
            qCWarning(lcSafety) << "PII pattern" << p.patternId << "skipped:" << ok.error().message;
            continue;
        }
        usable.append(p);
    }
    if (auto set = pii->setPatterns(usable); !set)
        return set;

    auto stored = store->guardrails(false);
    if (!stored)
        return std::unexpected(stored.error());
    QList<Guardrail> rails;
    for (const Guardrail& g : std::as_const(*stored)) {
        if (auto ok = GuardrailEngine::validateGuardrail(g); !ok) {
            qCWarning(lcSafety) << "guardrail" << g.guardrailId << "skipped:" << ok.error().message;
            continue;
        }
        rails.append(g);
    }
    if (auto set = guardrails.setGuardrails(rails); !set)
        return set;
    purgeExpired();
    return {};
}

void SafetyService::Impl::purgeExpired()
{
    if (!store || options.retentionDays <= 0)
        return;
    const auto removed = store->purgeBefore(store->now().addDays(-options.retentionDays));
    if (!removed)
        qCWarning(lcSafety) << "retention purge failed:" << removed.error().message;
    else if (*removed > 0)
        qCInfo(lcSafety) << "retention removed" << *removed << "detections/violations older than"
                         << options.retentionDays << "days";
}

void SafetyService::Impl::store_(QList<PiiDetection> detections, QList<GuardrailViolation> violations)
{
    // The message path has moved on; a failed write is reported, never retried into its way.
    if (auto ok = store->insertDetections(detections); !ok) {
        qCWarning(lcSafety) << "cannot store" << detections.size() << "PII detections:" << ok.error().message;
    } else {
        for (const PiiDetection& d : std::as_const(detections))
            Q_EMIT q->detectionLogged(d);
    }
    for (const PiiDetection& d : std::as_const(detections)) {
        if (d.alertSent)
            Q_EMIT q->criticalDetection(d);
    }
    if (auto ok = store->insertViolations(violations); !ok) {
        qCWarning(lcSafety) << "cannot store" << violations.size() << "guardrail violations:" << ok.error().message;
        return;
    }
    for (const GuardrailViolation& v : std::as_const(violations)) {
        Q_EMIT q->violationLogged(v);
        if (v.actionTaken == u"escalated")
            Q_EMIT q->escalationQueued(v);
    }
}

SafetyService::SafetyService(QObject* parent)
    : QObject(parent)
    , d(std::make_unique<Impl>(this))
{
}

SafetyService::~SafetyService()
{
    // Queued writes drain first (the worker runs tasks in order), then the connection closes on
    // the thread that opened it.
    d->worker.call([this] {
        d->store.reset();
        d->db.reset();
    });
}

Result<std::unique_ptr<SafetyService>> SafetyService::create(Options options, QObject* parent)
{
    if (options.databasePath.isEmpty())
        return makeError(ErrorCode::MissingField, u"the safety service needs a database path"_s, u"databasePath"_s);
    auto vault = TokenVault::open(options.dataDir);
    if (!vault)
        return std::unexpected(vault.error());

    std::unique_ptr<SafetyService> service(new SafetyService(parent));
    Impl& d = *service->d;
    d.options = std::move(options);
    d.vault = std::move(*vault);
    d.vault->setAuditHook([](const QString& actor, const QString& token, bool allowed) {
        qCInfo(lcAudit).noquote() << "detokenize" << token << "by" << actor << (allowed ? "allowed" : "denied");
    });
    PiiEngine::Options piiOptions;
    piiOptions.hashSalt = d.vault->hashSalt();
    piiOptions.vault = d.vault.get();
    d.pii = std::make_unique<PiiEngine>(piiOptions);
    d.chain = makeDefaultChain(*d.pii, d.guardrails);

    // On failure the destructor closes whatever was opened, on the worker.
    if (auto opened = d.worker.call([&d] { return d.openOnWorker(); }); !opened)
        return std::unexpected(opened.error());
    d.worker.setPeriodic(std::chrono::hours(24), [&d] { d.purgeExpired(); });
    return service;
}

FilterContext SafetyService::process(FilterContext context)
{
    d->chain.run(context);
    if (context.piiMatches.isEmpty() && context.violations.isEmpty())
        return context;

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<PiiDetection> detections;
    detections.reserve(context.piiMatches.size());
    for (const PiiMatch& m : std::as_const(context.piiMatches)) {
        PiiDetection det;
        det.detectionId = newId(u"det-");
        det.sourceType = u"message"_s;
        det.sourceId = context.messageId;
        det.conversationId = context.conversationId;
        det.patternId = m.patternId;
        det.detectedText = m.text;
        // The replacement the pattern produces (a token is reused, not minted again).
        const auto pattern = d->pii->pattern(m.patternId);
        det.redactedText = pattern ? d->pii->redactValue(*pattern, m.text) : u"***"_s;
        det.start = m.start;
        det.end = m.end;
        det.action = detectionAction(m.action);
        det.alertSent = m.action == u"alert" || m.severity == u"critical";
        det.severity = m.severity;
        det.detectedAt = now;
        det.owner.userId = context.userId;
        detections.append(std::move(det));
    }
    QList<GuardrailViolation> violations = context.violations;
    for (GuardrailViolation& v : violations) {
        if (v.violationId.isEmpty())
            v.violationId = newId(u"vio-");
        if (v.conversationId.isEmpty())
            v.conversationId = context.conversationId;
        if (v.messageId.isEmpty())
            v.messageId = context.messageId;
        if (v.owner.userId.isEmpty())
            v.owner.userId = context.userId;
        if (!v.detectedAt.isValid())
            v.detectedAt = now;
    }
    context.violations = violations;
    // Sealing and SQLite run on the worker; the message goes on at once (seed 000: async logging).
    d->worker.post([impl = d.get(), detections = std::move(detections), violations = std::move(violations)] {
        impl->store_(detections, violations);
    });
    return context;
}

MessageFilterChain& SafetyService::chain()
{
    return d->chain;
}

PiiEngine& SafetyService::pii()
{
    return *d->pii;
}

GuardrailEngine& SafetyService::guardrails()
{
    return d->guardrails;
}

TokenVault& SafetyService::vault()
{
    return *d->vault;
}

QList<PiiPattern> SafetyService::listPatterns(bool includeInactive) const
{
    QList<PiiPattern> out = d->livePatterns();
    if (!includeInactive)
        out.removeIf([](const PiiPattern& p) { return !p.isActive; });
    return out;
}

Result<PiiPattern> SafetyService::createPattern(PiiPattern pattern)
{
    std::lock_guard lock(d->editMutex);
    if (pattern.patternId.isEmpty())
        pattern.patternId = newId(u"pat-");
    else if (!validId(pattern.patternId))
        return makeError(
            ErrorCode::InvalidValue, u"patternId may only hold letters, digits, '-', '_' and '.'"_s, u"patternId"_s);
    pattern.builtIn = false;
    pattern.isDeleted = false;
    if (auto ok = PiiEngine::validatePattern(pattern); !ok)
        return std::unexpected(ok.error());

    const QList<PiiPattern> before = d->livePatterns();
    for (const PiiPattern& p : before) {
        if (p.patternId == pattern.patternId)
            return makeError(ErrorCode::Conflict, u"pattern %1 exists"_s.arg(pattern.patternId), u"patternId"_s);
    }
    return d->worker.call([&]() -> Result<PiiPattern> {
        pattern.createdAt = d->store->now();
        pattern.changedAt = pattern.createdAt;
        QList<PiiPattern> after = before;
        after.append(pattern);
        if (auto set = d->pii->setPatterns(after); !set)
            return std::unexpected(set.error());
        if (auto stored = d->store->insertPattern(pattern); !stored) {
            (void)d->pii->setPatterns(before);
            return std::unexpected(stored.error());
        }
        Q_EMIT patternsChanged();
        return pattern;
    });
}

Result<PiiPattern> SafetyService::updatePattern(const QString& patternId, const QJsonObject& changes)
{
    std::lock_guard lock(d->editMutex);
    const QList<PiiPattern> before = d->livePatterns();
    const auto it
        = std::find_if(before.cbegin(), before.cend(), [&](const PiiPattern& p) { return p.patternId == patternId; });
    if (it == before.cend())
        return makeError(ErrorCode::NotFound, u"no pattern %1"_s.arg(patternId), u"patternId"_s);
    PiiPattern updated = *it;
    if (auto applied = applyPatternChanges(updated, changes); !applied)
        return std::unexpected(applied.error());
    if (auto ok = PiiEngine::validatePattern(updated); !ok)
        return std::unexpected(ok.error());
    const qsizetype index = it - before.cbegin();
    return d->worker.call([&]() -> Result<PiiPattern> {
        updated.changedAt = d->store->now();
        QList<PiiPattern> after = before;
        after[index] = updated;
        if (auto set = d->pii->setPatterns(after); !set)
            return std::unexpected(set.error());
        if (auto stored = d->store->updatePattern(updated); !stored) {
            (void)d->pii->setPatterns(before);
            return std::unexpected(stored.error());
        }
        Q_EMIT patternsChanged();
        return updated;
    });
}

Result<void> SafetyService::deletePattern(const QString& patternId)
{
    std::lock_guard lock(d->editMutex);
    const QList<PiiPattern> before = d->livePatterns();
    QList<PiiPattern> after = before;
    if (after.removeIf([&](const PiiPattern& p) { return p.patternId == patternId; }) == 0)
        return makeError(ErrorCode::NotFound, u"no pattern %1"_s.arg(patternId), u"patternId"_s);
    return d->worker.call([&]() -> Result<void> {
        if (auto set = d->pii->setPatterns(after); !set)
            return set;
        if (auto stored = d->store->deletePattern(patternId); !stored) {
            (void)d->pii->setPatterns(before);
            return stored;
        }
        Q_EMIT patternsChanged();
        return {};
    });
}

QList<Guardrail> SafetyService::listGuardrails() const
{
    return d->guardrails.guardrails();
}

Result<Guardrail> SafetyService::createGuardrail(Guardrail guardrail)
{
    std::lock_guard lock(d->editMutex);
    if (guardrail.guardrailId.isEmpty())
        guardrail.guardrailId = newId(u"gr-");
    else if (!validId(guardrail.guardrailId))
        return makeError(ErrorCode::InvalidValue,
                         u"guardrailId may only hold letters, digits, '-', '_' and '.'"_s,
                         u"guardrailId"_s);
    guardrail.isDeleted = false;
    if (auto ok = GuardrailEngine::validateGuardrail(guardrail); !ok)
        return std::unexpected(ok.error());
    const QList<Guardrail> before = d->guardrails.guardrails();
    for (const Guardrail& g : before) {
        if (g.guardrailId == guardrail.guardrailId) {
            return makeError(
                ErrorCode::Conflict, u"guardrail %1 exists"_s.arg(guardrail.guardrailId), u"guardrailId"_s);
        }
    }
    return d->worker.call([&]() -> Result<Guardrail> {
        guardrail.createdAt = d->store->now();
        guardrail.changedAt = guardrail.createdAt;
        QList<Guardrail> after = before;
        after.append(guardrail);
        if (auto set = d->guardrails.setGuardrails(after); !set)
            return std::unexpected(set.error());
        if (auto stored = d->store->insertGuardrail(guardrail); !stored) {
            (void)d->guardrails.setGuardrails(before);
            return std::unexpected(stored.error());
        }
        Q_EMIT guardrailsChanged();
        return guardrail;
    });
}

Result<Guardrail> SafetyService::updateGuardrail(const QString& guardrailId, const QJsonObject& changes)
{
    std::lock_guard lock(d->editMutex);
    const QList<Guardrail> before = d->guardrails.guardrails();
    const auto it = std::find_if(
        before.cbegin(), before.cend(), [&](const Guardrail& g) { return g.guardrailId == guardrailId; });
    if (it == before.cend())
        return makeError(ErrorCode::NotFound, u"no guardrail %1"_s.arg(guardrailId), u"guardrailId"_s);
    Guardrail updated = *it;
    if (auto applied = applyGuardrailChanges(updated, changes); !applied)
        return std::unexpected(applied.error());
    if (auto ok = GuardrailEngine::validateGuardrail(updated); !ok)
        return std::unexpected(ok.error());
    const qsizetype index = it - before.cbegin();
    return d->worker.call([&]() -> Result<Guardrail> {
        updated.changedAt = d->store->now();
        QList<Guardrail> after = before;
        after[index] = updated;
        if (auto set = d->guardrails.setGuardrails(after); !set)
            return std::unexpected(set.error());
        if (auto stored = d->store->updateGuardrail(updated); !stored) {
            (void)d->guardrails.setGuardrails(before);
            return std::unexpected(stored.error());
        }
        Q_EMIT guardrailsChanged();
        return updated;
    });
}

Result<void> SafetyService::deleteGuardrail(const QString& guardrailId)
{
    std::lock_guard lock(d->editMutex);
    const QList<Guardrail> before = d->guardrails.guardrails();
    QList<Guardrail> after = before;
    if (after.removeIf([&](const Guardrail& g) { return g.guardrailId == guardrailId; }) == 0)
        return makeError(ErrorCode::NotFound, u"no guardrail %1"_s.arg(guardrailId), u"guardrailId"_s);
    return d->worker.call([&]() -> Result<void> {
        if (auto set = d->guardrails.setGuardrails(after); !set)
            return set;
        if (auto stored = d->store->deleteGuardrail(guardrailId); !stored) {
            (void)d->guardrails.setGuardrails(before);
            return stored;
        }
        Q_EMIT guardrailsChanged();
        return {};
    });
}

Result<QList<PiiDetection>> SafetyService::detections(const DetectionQuery& query) const
{
    return d->worker.call([&] { return d->store->detections(query); });
}

Result<QList<GuardrailViolation>> SafetyService::violations(const ViolationQuery& query) const
{
    return d->worker.call([&] { return d->store->violations(query); });
}

QList<GuardrailViolation> SafetyService::escalations() const
{
    auto pending = d->worker.call([&] { return d->store->pendingEscalations(); });
    if (!pending) {
        qCWarning(lcSafety) << "cannot list escalations:" << pending.error().message;
        return {};
    }
    return *pending;
}

Result<void> SafetyService::resolveEscalation(const QString& violationId, bool approved)
{
    return d->worker.call([&] { return d->store->resolveEscalation(violationId, approved); });
}

void SafetyService::flush()
{
    d->worker.call([] {});
}

} // namespace aiops::safety
