#include "core/safety/SafetyStore.h"

#include "core/safety/TokenVault.h"
#include "core/store/Database.h"
#include "core/store/WriteTransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace aiops::safety {

using namespace Qt::StringLiterals;

namespace {

std::unexpected<Error> storeError(const QString& what, const QSqlError& error)
{
    return makeError(ErrorCode::StoreError, what + u": "_s + error.text());
}

QVariant toDb(const QDateTime& dt)
{
    return dt.isValid() ? QVariant(dt.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

QDateTime dateFromDb(const QVariant& v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

// QSQLITE binds a null QString as SQL NULL; NOT NULL text columns need an empty, non-null one.
QVariant text(const QString& s)
{
    return s.isNull() ? QVariant(QString(0, QChar())) : QVariant(s);
}

QVariant nullIfEmpty(const QString& s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QString jsonText(const QJsonArray& array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString jsonText(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QStringList stringListFromJson(const QVariant& v)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(v.toString().toUtf8()).array();
    for (const QJsonValue& item : array)
        out.append(item.toString());
    return out;
}

const QString kPatternColumns = u"patternId, name, type, category, regex, flags, nerLabels, redactionMethod, maskChar, "
                                "preserveLength, isActive, severity, action, validator, builtIn, ownerOrgId, "
                                "ownerUserId, createdAt, changedAt, isDeleted"_s;

PiiPattern readPattern(const QSqlQuery& q)
{
    PiiPattern p;
    p.patternId = q.value(0).toString();
    p.name = q.value(1).toString();
    p.type = q.value(2).toString();
    p.category = q.value(3).toString();
    p.regex = q.value(4).toString();
    p.flags = q.value(5).toString();
    p.nerLabels = stringListFromJson(q.value(6));
    p.redactionMethod = q.value(7).toString();
    p.maskChar = q.value(8).toString();
    p.preserveLength = q.value(9).toBool();
    p.isActive = q.value(10).toBool();
    p.severity = q.value(11).toString();
    p.action = q.value(12).toString();
    p.validator = q.value(13).toString();
    p.builtIn = q.value(14).toBool();
    p.owner = { q.value(15).toString(), q.value(16).toString() };
    p.createdAt = dateFromDb(q.value(17));
    p.changedAt = dateFromDb(q.value(18));
    p.isDeleted = q.value(19).toBool();
    return p;
}

void bindPattern(QSqlQuery& q, const PiiPattern& p)
{
    q.bindValue(u":patternId"_s, text(p.patternId));
    q.bindValue(u":name"_s, text(p.name));
    q.bindValue(u":type"_s, text(p.type));
    q.bindValue(u":category"_s, text(p.category));
    q.bindValue(u":regex"_s, nullIfEmpty(p.regex));
    q.bindValue(u":flags"_s, text(p.flags));
    q.bindValue(u":nerLabels"_s, jsonText(QJsonArray::fromStringList(p.nerLabels)));
    q.bindValue(u":redactionMethod"_s, text(p.redactionMethod));
    q.bindValue(u":maskChar"_s, text(p.maskChar));
    q.bindValue(u":preserveLength"_s, p.preserveLength ? 1 : 0);
    q.bindValue(u":isActive"_s, p.isActive ? 1 : 0);
    q.bindValue(u":severity"_s, text(p.severity));
    q.bindValue(u":action"_s, text(p.action));
    q.bindValue(u":validator"_s, text(p.validator));
    q.bindValue(u":builtIn"_s, p.builtIn ? 1 : 0);
    q.bindValue(u":ownerOrgId"_s, nullIfEmpty(p.owner.orgId));
    q.bindValue(u":ownerUserId"_s, nullIfEmpty(p.owner.userId));
    q.bindValue(u":createdAt"_s, toDb(p.createdAt));
    q.bindValue(u":changedAt"_s, toDb(p.changedAt));
}

const QString kGuardrailColumns = u"guardrailId, name, description, type, config, action, blockMessage, appliesTo, "
                                  "agentIds, isActive, severity, ownerOrgId, ownerUserId, createdAt, changedAt, "
                                  "isDeleted"_s;

Guardrail readGuardrail(const QSqlQuery& q)
{
    Guardrail g;
    g.guardrailId = q.value(0).toString();
    g.name = q.value(1).toString();
    g.description = q.value(2).toString();
    g.type = q.value(3).toString();
    g.config = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    g.action = q.value(5).toString();
    g.blockMessage = q.value(6).toString();
    g.appliesTo = stringListFromJson(q.value(7));
    g.agentIds = stringListFromJson(q.value(8));
    g.isActive = q.value(9).toBool();
    g.severity = q.value(10).toString();
    g.owner = { q.value(11).toString(), q.value(12).toString() };
    g.createdAt = dateFromDb(q.value(13));
    g.changedAt = dateFromDb(q.value(14));
    g.isDeleted = q.value(15).toBool();
    return g;
}

void bindGuardrail(QSqlQuery& q, const Guardrail& g)
{
    q.bindValue(u":guardrailId"_s, text(g.guardrailId));
    q.bindValue(u":name"_s, text(g.name));
    q.bindValue(u":description"_s, text(g.description));
    q.bindValue(u":type"_s, text(g.type));
    q.bindValue(u":config"_s, jsonText(g.config));
    q.bindValue(u":action"_s, text(g.action));
    q.bindValue(u":blockMessage"_s, text(g.blockMessage));
    q.bindValue(u":appliesTo"_s, jsonText(QJsonArray::fromStringList(g.appliesTo)));
    // seed 000: agentIds null means every agent.
    q.bindValue(u":agentIds"_s,
                g.agentIds.isEmpty() ? QVariant() : QVariant(jsonText(QJsonArray::fromStringList(g.agentIds))));
    q.bindValue(u":isActive"_s, g.isActive ? 1 : 0);
    q.bindValue(u":severity"_s, text(g.severity));
    q.bindValue(u":ownerOrgId"_s, nullIfEmpty(g.owner.orgId));
    q.bindValue(u":ownerUserId"_s, nullIfEmpty(g.owner.userId));
    q.bindValue(u":createdAt"_s, toDb(g.createdAt));
    q.bindValue(u":changedAt"_s, toDb(g.changedAt));
}

const QString kViolationColumns = u"violationId, guardrailId, conversationId, messageId, violationType, originalText, "
                                  "detectedIssue, confidence, actionTaken, modifiedText, userOverride, detectedAt, "
                                  "ownerOrgId, ownerUserId"_s;

int clampLimit(int limit)
{
    return std::clamp(limit <= 0 ? 200 : limit, 1, 10000);
}

} // namespace

SafetyStore::SafetyStore(store::Database& db, const TokenVault& vault)
    : m_db(db)
    , m_vault(vault)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

void SafetyStore::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QDateTime SafetyStore::now() const
{
    return m_clock();
}

Result<QList<PiiPattern>> SafetyStore::patterns(bool includeDeleted)
{
    QSqlQuery q(m_db.handle());
    const QString sql = u"SELECT "_s + kPatternColumns + u" FROM piiPatterns"_s
        + (includeDeleted ? QString() : u" WHERE isDeleted = 0"_s) + u" ORDER BY builtIn DESC, id"_s;
    if (!q.exec(sql))
        return storeError(u"cannot list piiPatterns"_s, q.lastError());
    QList<PiiPattern> out;
    while (q.next())
        out.append(readPattern(q));
    return out;
}

Result<std::optional<PiiPattern>> SafetyStore::pattern(const QString& patternId, bool includeDeleted)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT "_s + kPatternColumns + u" FROM piiPatterns WHERE patternId = ?"_s
              + (includeDeleted ? QString() : u" AND isDeleted = 0"_s));
    q.addBindValue(patternId);
    if (!q.exec())
        return storeError(u"cannot read piiPatterns"_s, q.lastError());
    if (!q.next())
        return std::optional<PiiPattern>();
    return std::optional<PiiPattern>(readPattern(q));
}

Result<void> SafetyStore::insertPattern(const PiiPattern& pattern)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"INSERT INTO piiPatterns (patternId, name, type, category, regex, flags, nerLabels, redactionMethod, "
              "maskChar, preserveLength, isActive, severity, action, validator, builtIn, ownerOrgId, ownerUserId, "
              "createdAt, changedAt) VALUES (:patternId, :name, :type, :category, :regex, :flags, :nerLabels, "
              ":redactionMethod, :maskChar, :preserveLength, :isActive, :severity, :action, :validator, :builtIn, "
              ":ownerOrgId, :ownerUserId, :createdAt, :changedAt)"_s);
    bindPattern(q, pattern);
    if (!q.exec()) {
        if (q.lastError().nativeErrorCode() == u"2067" || q.lastError().nativeErrorCode() == u"1555")
            return makeError(ErrorCode::Conflict, u"pattern %1 exists"_s.arg(pattern.patternId), u"patternId"_s);
        return storeError(u"cannot insert pattern %1"_s.arg(pattern.patternId), q.lastError());
    }
    return {};
}

Result<void> SafetyStore::updatePattern(const PiiPattern& pattern)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE piiPatterns SET name = :name, type = :type, category = :category, regex = :regex, "
              "flags = :flags, nerLabels = :nerLabels, redactionMethod = :redactionMethod, maskChar = :maskChar, "
              "preserveLength = :preserveLength, isActive = :isActive, severity = :severity, action = :action, "
              "validator = :validator, builtIn = :builtIn, ownerOrgId = :ownerOrgId, ownerUserId = :ownerUserId, "
              "createdAt = :createdAt, changedAt = :changedAt WHERE patternId = :patternId AND isDeleted = 0"_s);
    bindPattern(q, pattern);
    if (!q.exec())
        return storeError(u"cannot update pattern %1"_s.arg(pattern.patternId), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no pattern %1"_s.arg(pattern.patternId), u"patternId"_s);
    return {};
}

Result<void> SafetyStore::deletePattern(const QString& patternId)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE piiPatterns SET isDeleted = 1, isActive = 0, deletedAt = ?, changedAt = ? "
              "WHERE patternId = ? AND isDeleted = 0"_s);
    const QVariant at = toDb(now());
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(patternId);
    if (!q.exec())
        return storeError(u"cannot delete pattern %1"_s.arg(patternId), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no pattern %1"_s.arg(patternId), u"patternId"_s);
    return {};
}

Result<QList<Guardrail>> SafetyStore::guardrails(bool includeDeleted)
{
    QSqlQuery q(m_db.handle());
    const QString sql = u"SELECT "_s + kGuardrailColumns + u" FROM guardrails"_s
        + (includeDeleted ? QString() : u" WHERE isDeleted = 0"_s) + u" ORDER BY id"_s;
    if (!q.exec(sql))
        return storeError(u"cannot list guardrails"_s, q.lastError());
    QList<Guardrail> out;
    while (q.next())
        out.append(readGuardrail(q));
    return out;
}

Result<std::optional<Guardrail>> SafetyStore::guardrail(const QString& guardrailId, bool includeDeleted)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT "_s + kGuardrailColumns + u" FROM guardrails WHERE guardrailId = ?"_s
              + (includeDeleted ? QString() : u" AND isDeleted = 0"_s));
    q.addBindValue(guardrailId);
    if (!q.exec())
        return storeError(u"cannot read guardrails"_s, q.lastError());
    if (!q.next())
        return std::optional<Guardrail>();
    return std::optional<Guardrail>(readGuardrail(q));
}

Result<void> SafetyStore::insertGuardrail(const Guardrail& guardrail)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"INSERT INTO guardrails (guardrailId, name, description, type, config, action, blockMessage, "
              "appliesTo, agentIds, isActive, severity, ownerOrgId, ownerUserId, createdAt, changedAt) VALUES "
              "(:guardrailId, :name, :description, :type, :config, :action, :blockMessage, :appliesTo, :agentIds, "
              ":isActive, :severity, :ownerOrgId, :ownerUserId, :createdAt, :changedAt)"_s);
    bindGuardrail(q, guardrail);
    if (!q.exec()) {
        if (q.lastError().nativeErrorCode() == u"2067" || q.lastError().nativeErrorCode() == u"1555") {
            return makeError(
                ErrorCode::Conflict, u"guardrail %1 exists"_s.arg(guardrail.guardrailId), u"guardrailId"_s);
        }
        return storeError(u"cannot insert guardrail %1"_s.arg(guardrail.guardrailId), q.lastError());
    }
    return {};
}

Result<void> SafetyStore::updateGuardrail(const Guardrail& guardrail)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE guardrails SET name = :name, description = :description, type = :type, config = :config, "
              "action = :action, blockMessage = :blockMessage, appliesTo = :appliesTo, agentIds = :agentIds, "
              "isActive = :isActive, severity = :severity, ownerOrgId = :ownerOrgId, ownerUserId = :ownerUserId, "
              "createdAt = :createdAt, changedAt = :changedAt WHERE guardrailId = :guardrailId AND isDeleted = 0"_s);
    bindGuardrail(q, guardrail);
    if (!q.exec())
        return storeError(u"cannot update guardrail %1"_s.arg(guardrail.guardrailId), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no guardrail %1"_s.arg(guardrail.guardrailId), u"guardrailId"_s);
    return {};
}

Result<void> SafetyStore::deleteGuardrail(const QString& guardrailId)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE guardrails SET isDeleted = 1, isActive = 0, deletedAt = ?, changedAt = ? "
              "WHERE guardrailId = ? AND isDeleted = 0"_s);
    const QVariant at = toDb(now());
    q.addBindValue(at);
    q.addBindValue(at);
    q.addBindValue(guardrailId);
    if (!q.exec())
        return storeError(u"cannot delete guardrail %1"_s.arg(guardrailId), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no guardrail %1"_s.arg(guardrailId), u"guardrailId"_s);
    return {};
}

Result<void> SafetyStore::insertDetections(const QList<PiiDetection>& detections)
{
    if (detections.isEmpty())
        return {};
    store::WriteTransaction tx(m_db.handle());
    if (auto begun = tx.begun(); !begun)
        return std::unexpected(begun.error());
    QSqlQuery q(m_db.handle());
    q.prepare(u"INSERT INTO piiDetections (detectionId, sourceType, sourceId, conversationId, patternId, "
              "detectedText, redactedText, positionStart, positionEnd, action, alertSent, severity, detectedAt, "
              "ownerOrgId, ownerUserId) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const PiiDetection& d : detections) {
        q.addBindValue(text(d.detectionId));
        q.addBindValue(text(d.sourceType));
        q.addBindValue(text(d.sourceId));
        q.addBindValue(nullIfEmpty(d.conversationId));
        q.addBindValue(text(d.patternId));
        q.addBindValue(QString::fromLatin1(m_vault.seal(d.detectedText.toUtf8()).toBase64()));
        q.addBindValue(text(d.redactedText));
        q.addBindValue(qint64(d.start));
        q.addBindValue(qint64(d.end));
        q.addBindValue(text(d.action));
        q.addBindValue(d.alertSent ? 1 : 0);
        q.addBindValue(text(d.severity));
        q.addBindValue(toDb(d.detectedAt.isValid() ? d.detectedAt : now()));
        q.addBindValue(nullIfEmpty(d.owner.orgId));
        q.addBindValue(nullIfEmpty(d.owner.userId));
        if (!q.exec())
            return storeError(u"cannot insert detection %1"_s.arg(d.detectionId), q.lastError());
    }
    q.finish();
    if (auto committed = tx.commit(); !committed)
        return std::unexpected(committed.error());
    return {};
}

Result<QList<PiiDetection>> SafetyStore::detections(const DetectionQuery& query)
{
    QStringList where;
    QVariantList binds;
    auto filter = [&](const QString& clause, const QVariant& value) {
        where.append(clause);
        binds.append(value);
    };
    if (!query.conversationId.isEmpty())
        filter(u"conversationId = ?"_s, query.conversationId);
    if (!query.patternId.isEmpty())
        filter(u"patternId = ?"_s, query.patternId);
    if (!query.severity.isEmpty())
        filter(u"severity = ?"_s, query.severity);
    if (query.from.isValid())
        filter(u"detectedAt >= ?"_s, toDb(query.from));
    if (query.to.isValid())
        filter(u"detectedAt < ?"_s, toDb(query.to));
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT detectionId, sourceType, sourceId, conversationId, patternId, detectedText, redactedText, "
              "positionStart, positionEnd, action, alertSent, severity, detectedAt, ownerOrgId, ownerUserId "
              "FROM piiDetections"_s
              + (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s))
              + u" ORDER BY detectedAt DESC, id DESC LIMIT %1"_s.arg(clampLimit(query.limit)));
    for (const QVariant& v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec())
        return storeError(u"cannot list detections"_s, q.lastError());
    QList<PiiDetection> out;
    while (q.next()) {
        PiiDetection d;
        d.detectionId = q.value(0).toString();
        d.sourceType = q.value(1).toString();
        d.sourceId = q.value(2).toString();
        d.conversationId = q.value(3).toString();
        d.patternId = q.value(4).toString();
        // A row that does not open (another installation's key) keeps an empty text, not an error.
        if (auto plain = m_vault.open(QByteArray::fromBase64(q.value(5).toString().toLatin1())))
            d.detectedText = QString::fromUtf8(*plain);
        d.redactedText = q.value(6).toString();
        d.start = q.value(7).toLongLong();
        d.end = q.value(8).toLongLong();
        d.action = q.value(9).toString();
        d.alertSent = q.value(10).toBool();
        d.severity = q.value(11).toString();
        d.detectedAt = dateFromDb(q.value(12));
        d.owner = { q.value(13).toString(), q.value(14).toString() };
        out.append(std::move(d));
    }
    return out;
}

Result<void> SafetyStore::insertViolations(const QList<GuardrailViolation>& violations)
{
    if (violations.isEmpty())
        return {};
    store::WriteTransaction tx(m_db.handle());
    if (auto begun = tx.begun(); !begun)
        return std::unexpected(begun.error());
    QSqlQuery q(m_db.handle());
    q.prepare(u"INSERT INTO guardrailViolations ("_s + kViolationColumns
              + u", reviewStatus) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    auto sealed = [this](const QString& text) {
        return text.isEmpty() ? QVariant() : QVariant(QString::fromLatin1(m_vault.seal(text.toUtf8()).toBase64()));
    };
    for (const GuardrailViolation& v : violations) {
        q.addBindValue(text(v.violationId));
        q.addBindValue(text(v.guardrailId));
        q.addBindValue(text(v.conversationId));
        q.addBindValue(text(v.messageId));
        q.addBindValue(text(v.violationType));
        q.addBindValue(sealed(v.originalText));
        q.addBindValue(text(v.detectedIssue.left(500)));
        q.addBindValue(v.confidence);
        q.addBindValue(text(v.actionTaken));
        q.addBindValue(sealed(v.modifiedText));
        q.addBindValue(v.userOverride ? 1 : 0);
        q.addBindValue(toDb(v.detectedAt.isValid() ? v.detectedAt : now()));
        q.addBindValue(nullIfEmpty(v.owner.orgId));
        q.addBindValue(nullIfEmpty(v.owner.userId));
        q.addBindValue(v.actionTaken == u"escalated" ? QVariant(u"pending"_s) : QVariant());
        if (!q.exec())
            return storeError(u"cannot insert violation %1"_s.arg(v.violationId), q.lastError());
    }
    q.finish();
    if (auto committed = tx.commit(); !committed)
        return std::unexpected(committed.error());
    return {};
}

namespace {

GuardrailViolation readViolation(const QSqlQuery& q, const TokenVault& vault)
{
    auto opened = [&](const QVariant& v) {
        if (v.isNull())
            return QString();
        auto plain = vault.open(QByteArray::fromBase64(v.toString().toLatin1()));
        return plain ? QString::fromUtf8(*plain) : QString();
    };
    GuardrailViolation v;
    v.violationId = q.value(0).toString();
    v.guardrailId = q.value(1).toString();
    v.conversationId = q.value(2).toString();
    v.messageId = q.value(3).toString();
    v.violationType = q.value(4).toString();
    v.originalText = opened(q.value(5));
    v.detectedIssue = q.value(6).toString();
    v.confidence = q.value(7).toDouble();
    v.actionTaken = q.value(8).toString();
    v.modifiedText = opened(q.value(9));
    v.userOverride = q.value(10).toBool();
    v.detectedAt = dateFromDb(q.value(11));
    v.owner = { q.value(12).toString(), q.value(13).toString() };
    return v;
}

} // namespace

Result<QList<GuardrailViolation>> SafetyStore::violations(const ViolationQuery& query)
{
    QStringList where;
    QVariantList binds;
    auto filter = [&](const QString& clause, const QVariant& value) {
        where.append(clause);
        binds.append(value);
    };
    if (!query.conversationId.isEmpty())
        filter(u"conversationId = ?"_s, query.conversationId);
    if (!query.guardrailId.isEmpty())
        filter(u"guardrailId = ?"_s, query.guardrailId);
    if (!query.actionTaken.isEmpty())
        filter(u"actionTaken = ?"_s, query.actionTaken);
    if (query.from.isValid())
        filter(u"detectedAt >= ?"_s, toDb(query.from));
    if (query.to.isValid())
        filter(u"detectedAt < ?"_s, toDb(query.to));
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT "_s + kViolationColumns + u" FROM guardrailViolations"_s
              + (where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s))
              + u" ORDER BY detectedAt DESC, id DESC LIMIT %1"_s.arg(clampLimit(query.limit)));
    for (const QVariant& v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec())
        return storeError(u"cannot list violations"_s, q.lastError());
    QList<GuardrailViolation> out;
    while (q.next())
        out.append(readViolation(q, m_vault));
    return out;
}

Result<QList<GuardrailViolation>> SafetyStore::pendingEscalations(int limit)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"SELECT "_s + kViolationColumns
              + u" FROM guardrailViolations WHERE reviewStatus = 'pending' ORDER BY detectedAt, id LIMIT %1"_s.arg(
                  clampLimit(limit)));
    if (!q.exec())
        return storeError(u"cannot list escalations"_s, q.lastError());
    QList<GuardrailViolation> out;
    while (q.next())
        out.append(readViolation(q, m_vault));
    return out;
}

Result<void> SafetyStore::resolveEscalation(const QString& violationId, bool approved)
{
    QSqlQuery q(m_db.handle());
    q.prepare(u"UPDATE guardrailViolations SET reviewStatus = ?, reviewedAt = ?, userOverride = ? "
              "WHERE violationId = ? AND reviewStatus = 'pending'"_s);
    q.addBindValue(approved ? u"approved"_s : u"rejected"_s);
    q.addBindValue(toDb(now()));
    q.addBindValue(approved ? 1 : 0);
    q.addBindValue(violationId);
    if (!q.exec())
        return storeError(u"cannot resolve escalation %1"_s.arg(violationId), q.lastError());
    if (q.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"no pending escalation %1"_s.arg(violationId), u"violationId"_s);
    return {};
}

Result<int> SafetyStore::purgeBefore(const QDateTime& cutoff)
{
    store::WriteTransaction tx(m_db.handle());
    if (auto begun = tx.begun(); !begun)
        return std::unexpected(begun.error());
    int removed = 0;
    for (const QString& table : { u"piiDetections"_s, u"guardrailViolations"_s }) {
        QSqlQuery q(m_db.handle());
        q.prepare(u"DELETE FROM %1 WHERE detectedAt < ?"_s.arg(table));
        q.addBindValue(toDb(cutoff));
        if (!q.exec())
            return storeError(u"cannot purge %1"_s.arg(table), q.lastError());
        removed += q.numRowsAffected();
    }
    if (auto committed = tx.commit(); !committed)
        return std::unexpected(committed.error());
    return removed;
}

} // namespace aiops::safety
