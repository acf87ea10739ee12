#include "core/controller/SafetyRestApi.h"

#include "core/controller/HttpRouter.h"
#include "core/controller/JsonBody.h"
#include "core/safety/GuardrailEngine.h"
#include "core/safety/PiiEngine.h"
#include "core/safety/SafetyService.h"
#include "core/safety/TokenVault.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrlQuery>
#include <algorithm>
#include <exception>
#include <optional>

namespace aiops::controller {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;
using safety::Guardrail;
using safety::GuardrailViolation;
using safety::PiiDetection;
using safety::PiiMatch;
using safety::PiiPattern;

namespace {

// Enumerations of seed 000 (plus the "medical-legal" guardrail type and the per-pattern action of issue 7).
const QStringList PatternTypes { QStringLiteral("regex"), QStringLiteral("ai-based") };
const QStringList PatternCategories { QStringLiteral("contact"),
                                      QStringLiteral("financial"),
                                      QStringLiteral("medical"),
                                      QStringLiteral("identity") };
const QStringList RedactionMethods { QStringLiteral("mask"),
                                     QStringLiteral("hash"),
                                     QStringLiteral("remove"),
                                     QStringLiteral("token") };
const QStringList PiiSeverities { QStringLiteral("low"),
                                  QStringLiteral("medium"),
                                  QStringLiteral("high"),
                                  QStringLiteral("critical") };
const QStringList PiiActions { QStringLiteral("redact"),
                               QStringLiteral("block"),
                               QStringLiteral("log"),
                               QStringLiteral("alert") };
const QStringList GuardrailTypes { QStringLiteral("content-filter"),
                                   QStringLiteral("topic-restriction"),
                                   QStringLiteral("sentiment"),
                                   QStringLiteral("toxicity"),
                                   QStringLiteral("medical-legal") };
const QStringList GuardrailActions { QStringLiteral("block"),
                                     QStringLiteral("warn"),
                                     QStringLiteral("rephrase"),
                                     QStringLiteral("escalate") };
const QStringList GuardrailScopes { QStringLiteral("user-input"),
                                    QStringLiteral("agent-output"),
                                    QStringLiteral("both") };
const QStringList GuardrailSeverities { QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high") };
const QStringList ViolationActions { QStringLiteral("blocked"),
                                     QStringLiteral("warned"),
                                     QStringLiteral("rephrased"),
                                     QStringLiteral("escalated") };
const QStringList Directions { QStringLiteral("user-input"), QStringLiteral("agent-output") };

constexpr int MaxListLimit = 1000;
constexpr int DefaultListLimit = 200;

Result<QJsonObject> parseBody(const QHttpServerRequest& request)
{
    return parseJsonObject(request.body());
}

// The text every scanning route takes: required, a string, at most MaxTextLength code units.
std::optional<QString> readText(BodyReader& reader)
{
    auto text = reader.string(QStringLiteral("text"), Need::Required, -1);
    if (text && text->size() > SafetyRestApi::MaxTextLength)
        return reader.fail(ErrorCode::OutOfRange,
                           QStringLiteral("text is longer than %1 characters").arg(SafetyRestApi::MaxTextLength),
                           QStringLiteral("text"));
    return text;
}

QJsonValue dateToJson(const QDateTime& dt)
{
    return dt.isValid() ? QJsonValue(dt.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject ownerToJson(const store::Owner& owner)
{
    return QJsonObject { { QStringLiteral("orgId"), owner.orgId }, { QStringLiteral("userId"), owner.userId } };
}

QJsonObject matchToJson(const PiiMatch& m)
{
    // Offsets are UTF-16 code units, the unit of JavaScript string indexes.
    return QJsonObject {
        { QStringLiteral("patternId"), m.patternId }, { QStringLiteral("name"), m.patternName },
        { QStringLiteral("category"), m.category },   { QStringLiteral("severity"), m.severity },
        { QStringLiteral("action"), m.action },       { QStringLiteral("start"), qint64(m.start) },
        { QStringLiteral("end"), qint64(m.end) },     { QStringLiteral("text"), m.text },
    };
}

QJsonArray matchesToJson(const QList<PiiMatch>& matches)
{
    QJsonArray array;
    for (const auto& m : matches)
        array.append(matchToJson(m));
    return array;
}

QJsonObject patternToJson(const PiiPattern& p)
{
    return QJsonObject {
        { QStringLiteral("patternId"), p.patternId },
        { QStringLiteral("name"), p.name },
        { QStringLiteral("type"), p.type },
        { QStringLiteral("category"), p.category },
        { QStringLiteral("regex"), p.regex },
        { QStringLiteral("flags"), p.flags },
        { QStringLiteral("nerLabels"), QJsonArray::fromStringList(p.nerLabels) },
        { QStringLiteral("redactionMethod"), p.redactionMethod },
        { QStringLiteral("maskChar"), p.maskChar },
        { QStringLiteral("preserveLength"), p.preserveLength },
        { QStringLiteral("isActive"), p.isActive },
        { QStringLiteral("severity"), p.severity },
        { QStringLiteral("action"), p.action },
        { QStringLiteral("validator"), p.validator },
        { QStringLiteral("builtIn"), p.builtIn },
        { QStringLiteral("owner"), ownerToJson(p.owner) },
        { QStringLiteral("createdAt"), dateToJson(p.createdAt) },
        { QStringLiteral("changedAt"), dateToJson(p.changedAt) },
    };
}

// detectedText is left out on purpose: it is the raw PII, encrypted at rest, and a listing is not
// the place to decrypt it. Tokenised values are revealed through /pii/detokenize, which checks roles.
QJsonObject detectionToJson(const PiiDetection& d)
{
    return QJsonObject {
        { QStringLiteral("detectionId"), d.detectionId },
        { QStringLiteral("sourceType"), d.sourceType },
        { QStringLiteral("sourceId"), d.sourceId },
        { QStringLiteral("conversationId"), d.conversationId },
        { QStringLiteral("patternId"), d.patternId },
        { QStringLiteral("redactedText"), d.redactedText },
        { QStringLiteral("position"),
          QJsonObject { { QStringLiteral("start"), qint64(d.start) }, { QStringLiteral("end"), qint64(d.end) } } },
        { QStringLiteral("action"), d.action },
        { QStringLiteral("alertSent"), d.alertSent },
        { QStringLiteral("severity"), d.severity },
        { QStringLiteral("detectedAt"), dateToJson(d.detectedAt) },
        { QStringLiteral("owner"), ownerToJson(d.owner) },
    };
}

QJsonObject guardrailToJson(const Guardrail& g)
{
    return QJsonObject {
        { QStringLiteral("guardrailId"), g.guardrailId },
        { QStringLiteral("name"), g.name },
        { QStringLiteral("description"), g.description },
        { QStringLiteral("type"), g.type },
        { QStringLiteral("config"), g.config },
        { QStringLiteral("action"), g.action },
        { QStringLiteral("blockMessage"), g.blockMessage },
        { QStringLiteral("appliesTo"), QJsonArray::fromStringList(g.appliesTo) },
        // Seed 000: null = all agents.
        { QStringLiteral("agentIds"), g.agentIds.isEmpty() ? QJsonValue() : QJsonArray::fromStringList(g.agentIds) },
        { QStringLiteral("isActive"), g.isActive },
        { QStringLiteral("severity"), g.severity },
        { QStringLiteral("owner"), ownerToJson(g.owner) },
        { QStringLiteral("createdAt"), dateToJson(g.createdAt) },
        { QStringLiteral("changedAt"), dateToJson(g.changedAt) },
    };
}

QJsonObject violationToJson(const GuardrailViolation& v)
{
    return QJsonObject {
        { QStringLiteral("violationId"), v.violationId },
        { QStringLiteral("guardrailId"), v.guardrailId },
        { QStringLiteral("conversationId"), v.conversationId },
        { QStringLiteral("messageId"), v.messageId },
        { QStringLiteral("violationType"), v.violationType },
        { QStringLiteral("originalText"), v.originalText },
        { QStringLiteral("detectedIssue"), v.detectedIssue },
        { QStringLiteral("confidence"), v.confidence },
        { QStringLiteral("actionTaken"), v.actionTaken },
        { QStringLiteral("modifiedText"), v.modifiedText },
        { QStringLiteral("userOverride"), v.userOverride },
        { QStringLiteral("detectedAt"), dateToJson(v.detectedAt) },
        { QStringLiteral("owner"), ownerToJson(v.owner) },
    };
}

// Applies the fields of a POST (creating) or PATCH body to `pattern`, refusing anything malformed.
std::optional<Error> readPattern(const QJsonObject& body, PiiPattern& pattern, bool creating)
{
    const Need need = creating ? Need::Required : Need::Optional;
    BodyReader r(body);
    r.allowOnly({ QStringLiteral("name"),
                  QStringLiteral("type"),
                  QStringLiteral("category"),
                  QStringLiteral("regex"),
                  QStringLiteral("flags"),
                  QStringLiteral("nerLabels"),
                  QStringLiteral("redactionMethod"),
                  QStringLiteral("maskChar"),
                  QStringLiteral("preserveLength"),
                  QStringLiteral("isActive"),
                  QStringLiteral("severity"),
                  QStringLiteral("action"),
                  QStringLiteral("validator") });
    if (auto v = r.string(QStringLiteral("name"), need, 255, true))
        pattern.name = *v;
    if (auto v = r.oneOf(QStringLiteral("type"), PatternTypes, Need::Optional))
        pattern.type = *v;
    if (auto v = r.oneOf(QStringLiteral("category"), PatternCategories, need))
        pattern.category = *v;
    if (auto v = r.string(QStringLiteral("regex"), Need::Optional, -1))
        pattern.regex = *v;
    if (auto v = r.string(QStringLiteral("flags"), Need::Optional, 8))
        pattern.flags = *v;
    if (auto v = r.strings(QStringLiteral("nerLabels"), Need::Optional, {}, 64))
        pattern.nerLabels = *v;
    if (auto v = r.oneOf(QStringLiteral("redactionMethod"), RedactionMethods, need))
        pattern.redactionMethod = *v;
    if (auto v = r.string(QStringLiteral("maskChar"), Need::Optional, 8))
        pattern.maskChar = *v;
    if (auto v = r.boolean(QStringLiteral("preserveLength")))
        pattern.preserveLength = *v;
    if (auto v = r.boolean(QStringLiteral("isActive")))
        pattern.isActive = *v;
    if (auto v = r.oneOf(QStringLiteral("severity"), PiiSeverities, Need::Optional))
        pattern.severity = *v;
    if (auto v = r.oneOf(QStringLiteral("action"), PiiActions, Need::Optional))
        pattern.action = *v;
    if (auto v = r.string(QStringLiteral("validator"), Need::Optional, 32))
        pattern.validator = *v;
    if (r.error())
        return r.error();
    // The rest (RE2 syntax, program size, one-character maskChar, flags, validator) is the engine's.
    if (auto valid = safety::PiiEngine::validatePattern(pattern); !valid)
        return valid.error();
    return std::nullopt;
}

std::optional<Error> readGuardrail(const QJsonObject& body, Guardrail& guardrail, bool creating)
{
    const Need need = creating ? Need::Required : Need::Optional;
    BodyReader r(body);
    r.allowOnly({ QStringLiteral("name"),
                  QStringLiteral("description"),
                  QStringLiteral("type"),
                  QStringLiteral("config"),
                  QStringLiteral("action"),
                  QStringLiteral("blockMessage"),
                  QStringLiteral("appliesTo"),
                  QStringLiteral("agentIds"),
                  QStringLiteral("isActive"),
                  QStringLiteral("severity") });
    if (auto v = r.string(QStringLiteral("name"), need, 255, true))
        guardrail.name = *v;
    if (auto v = r.string(QStringLiteral("description"), Need::Optional, 1000))
        guardrail.description = *v;
    if (auto v = r.oneOf(QStringLiteral("type"), GuardrailTypes, need))
        guardrail.type = *v;
    // The keys inside config depend on the type; the guardrail engine checks them.
    if (auto v = r.object(QStringLiteral("config"), Need::Optional))
        guardrail.config = *v;
    if (auto v = r.oneOf(QStringLiteral("action"), GuardrailActions, need))
        guardrail.action = *v;
    if (auto v = r.string(QStringLiteral("blockMessage"), Need::Optional, 500))
        guardrail.blockMessage = *v;
    if (auto v = r.strings(QStringLiteral("appliesTo"), need, GuardrailScopes)) {
        if (v->isEmpty())
            r.fail(ErrorCode::InvalidValue, QStringLiteral("appliesTo must not be empty"), QStringLiteral("appliesTo"));
        else
            guardrail.appliesTo = *v;
    }
    if (r.isNull(QStringLiteral("agentIds")))
        guardrail.agentIds.clear(); // null = all agents
    else if (auto v = r.strings(QStringLiteral("agentIds"), Need::Optional, {}, 255))
        guardrail.agentIds = *v;
    if (auto v = r.boolean(QStringLiteral("isActive")))
        guardrail.isActive = *v;
    if (auto v = r.oneOf(QStringLiteral("severity"), GuardrailSeverities, Need::Optional))
        guardrail.severity = *v;
    if (r.error())
        return r.error();
    if (auto valid = safety::GuardrailEngine::validateGuardrail(guardrail); !valid)
        return valid.error();
    return std::nullopt;
}

// Query parameters: absent = empty; enums, dates and limits are checked like body fields.
class QueryReader
{
public:
    explicit QueryReader(const QHttpServerRequest& request)
        : m_query(request.query())
    {
    }

    QString string(const QString& key) const { return m_query.queryItemValue(key, QUrl::FullyDecoded); }

    QString oneOf(const QString& key, const QStringList& allowed)
    {
        const QString value = string(key);
        if (!value.isEmpty() && !allowed.contains(value))
            fail(Error { ErrorCode::InvalidValue,
                         QStringLiteral("%1 must be one of %2").arg(key, allowed.join(QStringLiteral(", "))),
                         key });
        return value;
    }

    std::optional<bool> boolean(const QString& key)
    {
        const QString value = string(key);
        if (value.isEmpty())
            return std::nullopt;
        if (value == u"true")
            return true;
        if (value == u"false")
            return false;
        fail(Error { ErrorCode::InvalidValue, QStringLiteral("%1 must be true or false").arg(key), key });
        return std::nullopt;
    }

    // ISO 8601 or milliseconds since the epoch.
    QDateTime date(const QString& key)
    {
        const QString value = string(key);
        if (value.isEmpty())
            return {};
        bool isNumber = false;
        const qint64 ms = value.toLongLong(&isNumber);
        QDateTime dt
            = isNumber ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime::fromString(value, Qt::ISODateWithMs);
        if (!dt.isValid())
            dt = QDateTime::fromString(value, Qt::ISODate);
        if (!dt.isValid() || (isNumber && ms < 0))
            fail(Error { ErrorCode::InvalidValue,
                         QStringLiteral("%1 must be an ISO 8601 date or milliseconds since the epoch").arg(key),
                         key });
        return dt;
    }

    int limit()
    {
        const QString value = string(QStringLiteral("limit"));
        if (value.isEmpty())
            return DefaultListLimit;
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok)
            fail(
                Error { ErrorCode::InvalidValue, QStringLiteral("limit must be an integer"), QStringLiteral("limit") });
        else if (n < 1 || n > MaxListLimit)
            fail(Error { ErrorCode::OutOfRange,
                         QStringLiteral("limit must be between 1 and %1").arg(MaxListLimit),
                         QStringLiteral("limit") });
        return n;
    }

    void checkRange(const QDateTime& from, const QDateTime& to)
    {
        if (from.isValid() && to.isValid() && from > to)
            fail(
                Error { ErrorCode::InvalidValue, QStringLiteral("from must not be after to"), QStringLiteral("from") });
    }

    void fail(const Error& error)
    {
        if (!m_error)
            m_error = error;
    }
    const std::optional<Error>& error() const { return m_error; }

private:
    QUrlQuery m_query;
    std::optional<Error> m_error;
};

QHttpServerResponse notFound(const QString& what, const QString& id)
{
    return errorResponse(Error { ErrorCode::NotFound, QStringLiteral("No %1 %2").arg(what, id) });
}

std::optional<PiiPattern> findPattern(const QList<PiiPattern>& patterns, const QString& patternId)
{
    for (const auto& p : patterns) {
        if (p.patternId == patternId && !p.isDeleted)
            return p;
    }
    return std::nullopt;
}

std::optional<Guardrail> findGuardrail(const QList<Guardrail>& guardrails, const QString& guardrailId)
{
    for (const auto& g : guardrails) {
        if (g.guardrailId == guardrailId && !g.isDeleted)
            return g;
    }
    return std::nullopt;
}

QHttpServerResponse created(const QJsonObject& body)
{
    return QHttpServerResponse(body, Status::Created);
}

} // namespace

SafetyRestApi::SafetyRestApi(HttpRouter& router, safety::SafetyService& service)
    : m_service(service)
{
    using iam::Permission;
    const auto text
        = [&](Method method, const QString& path, Permission permission, const QString& summary, RouteHandler handler) {
              router.add({ .method = method,
                           .path = path,
                           .permission = permission,
                           .summary = summary,
                           .tag = QStringLiteral("safety"),
                           .handler = std::move(handler),
                           .maxBodyBytes = MaxBodyBytes });
          };
    const auto add = [&](Method method,
                         const QString& path,
                         Permission permission,
                         const QString& summary,
                         RouteHandler handler,
                         bool creates = false) {
        router.add({ .method = method,
                     .path = path,
                     .permission = permission,
                     .summary = summary,
                     .tag = QStringLiteral("safety"),
                     .handler = std::move(handler),
                     .createsResource = creates });
    };
    const QString patternId = QStringLiteral("patternId");
    const QString guardrailId = QStringLiteral("guardrailId");

    text(Method::Post,
         QStringLiteral("/pii/detect"),
         Permission::ViewMetrics,
         QStringLiteral("Detect PII in a text"),
         [this](RequestContext& c) { return detect(c.request); });
    text(Method::Post,
         QStringLiteral("/pii/redact"),
         Permission::ViewMetrics,
         QStringLiteral("Redact PII in a text"),
         [this](RequestContext& c) { return redact(c.request); });
    add(Method::Post,
        QStringLiteral("/pii/detokenize"),
        Permission::Detokenize,
        QStringLiteral("Reveal the value behind a PII token (audited)"),
        [this](RequestContext& c) { return detokenize(c.request, c.principal); });
    add(Method::Get,
        QStringLiteral("/pii/patterns"),
        Permission::ViewMetrics,
        QStringLiteral("List PII patterns"),
        [this](RequestContext& c) { return listPatterns(c.request); });
    add(
        Method::Post,
        QStringLiteral("/pii/patterns"),
        Permission::ManageSafety,
        QStringLiteral("Create a PII pattern"),
        [this](RequestContext& c) { return createPattern(c.request); },
        true);
    add(Method::Get,
        QStringLiteral("/pii/patterns/:patternId"),
        Permission::ViewMetrics,
        QStringLiteral("PII pattern details"),
        [this, patternId](RequestContext& c) { return getPattern(c.param(patternId)); });
    add(Method::Patch,
        QStringLiteral("/pii/patterns/:patternId"),
        Permission::ManageSafety,
        QStringLiteral("Update a PII pattern"),
        [this, patternId](RequestContext& c) { return updatePattern(c.param(patternId), c.request); });
    add(Method::Delete,
        QStringLiteral("/pii/patterns/:patternId"),
        Permission::ManageSafety,
        QStringLiteral("Delete a PII pattern"),
        [this, patternId](RequestContext& c) { return deletePattern(c.param(patternId)); });
    add(Method::Get,
        QStringLiteral("/pii/detections"),
        Permission::ViewMetrics,
        QStringLiteral("List PII detections (audit log)"),
        [this](RequestContext& c) { return listDetections(c.request); });
    text(Method::Post,
         QStringLiteral("/guardrails/validate"),
         Permission::ViewMetrics,
         QStringLiteral("Check a text against the guardrails"),
         [this](RequestContext& c) { return validate(c.request); });
    add(Method::Get,
        QStringLiteral("/guardrails/violations"),
        Permission::ViewMetrics,
        QStringLiteral("List guardrail violations"),
        [this](RequestContext& c) { return listViolations(c.request); });
    add(Method::Get,
        QStringLiteral("/guardrails"),
        Permission::ViewMetrics,
        QStringLiteral("List guardrails"),
        [this](RequestContext& c) { return listGuardrails(c.request); });
    add(
        Method::Post,
        QStringLiteral("/guardrails"),
        Permission::ManageSafety,
        QStringLiteral("Create a guardrail"),
        [this](RequestContext& c) { return createGuardrail(c.request); },
        true);
    add(Method::Get,
        QStringLiteral("/guardrails/:guardrailId"),
        Permission::ViewMetrics,
        QStringLiteral("Guardrail details"),
        [this, guardrailId](RequestContext& c) { return getGuardrail(c.param(guardrailId)); });
    add(Method::Patch,
        QStringLiteral("/guardrails/:guardrailId"),
        Permission::ManageSafety,
        QStringLiteral("Update a guardrail"),
        [this, guardrailId](RequestContext& c) { return updateGuardrail(c.param(guardrailId), c.request); });
    add(Method::Delete,
        QStringLiteral("/guardrails/:guardrailId"),
        Permission::ManageSafety,
        QStringLiteral("Delete a guardrail"),
        [this, guardrailId](RequestContext& c) { return deleteGuardrail(c.param(guardrailId)); });
}

QHttpServerResponse SafetyRestApi::detect(const QHttpServerRequest& request)
{
    const auto body = parseBody(request);
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("text"), QStringLiteral("returnRedacted") });
    const auto text = readText(r);
    const bool returnRedacted = r.boolean(QStringLiteral("returnRedacted")).value_or(false);
    if (r.error())
        return errorResponse(*r.error());

    if (!returnRedacted) {
        const auto matches = m_service.pii().detect(*text);
        if (!matches)
            return errorResponse(matches.error());
        return QHttpServerResponse(QJsonObject { { QStringLiteral("detections"), matchesToJson(*matches) },
                                                 { QStringLiteral("count"), matches->size() } });
    }
    const auto outcome = m_service.pii().process(*text);
    if (!outcome)
        return errorResponse(outcome.error());
    return QHttpServerResponse(QJsonObject { { QStringLiteral("detections"), matchesToJson(outcome->matches) },
                                             { QStringLiteral("count"), outcome->matches.size() },
                                             { QStringLiteral("redactedText"), outcome->redactedText },
                                             { QStringLiteral("blocked"), outcome->blocked },
                                             { QStringLiteral("alert"), outcome->alert } });
}

QHttpServerResponse SafetyRestApi::redact(const QHttpServerRequest& request)
{
    const auto body = parseBody(request);
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("text"), QStringLiteral("patterns") });
    const auto text = readText(r);
    const auto only = r.strings(QStringLiteral("patterns"), Need::Optional, {}, 255);
    if (r.error())
        return errorResponse(*r.error());

    if (!only) {
        const auto outcome = m_service.pii().process(*text);
        if (!outcome)
            return errorResponse(outcome.error());
        return QHttpServerResponse(QJsonObject { { QStringLiteral("redactedText"), outcome->redactedText },
                                                 { QStringLiteral("detections"), matchesToJson(outcome->matches) },
                                                 { QStringLiteral("blocked"), outcome->blocked } });
    }

    // A chosen subset runs on its own engine, so that overlaps are resolved among the chosen
    // patterns only; the values are still redacted by the service's engine (its salt, its vault).
    // The caller names the patterns, so inactive ones run too (the GUI tests a pattern before enabling it).
    const QList<PiiPattern> all = m_service.listPatterns(true);
    QList<PiiPattern> chosen;
    for (qsizetype i = 0; i < only->size(); ++i) {
        auto pattern = findPattern(all, only->at(i));
        if (!pattern)
            return errorResponse(Error { ErrorCode::InvalidValue,
                                         QStringLiteral("No pattern %1").arg(only->at(i)),
                                         QStringLiteral("patterns[%1]").arg(i) });
        pattern->isActive = true;
        chosen.append(*pattern);
    }
    safety::PiiEngine engine { safety::PiiEngine::Options {} };
    if (auto compiled = engine.setPatterns(chosen); !compiled)
        return errorResponse(compiled.error());
    auto matches = engine.detect(*text);
    if (!matches)
        return errorResponse(matches.error());
    std::sort(matches->begin(), matches->end(), [](const PiiMatch& a, const PiiMatch& b) { return a.start < b.start; });
    QString redacted = *text;
    qsizetype limit = redacted.size();
    for (auto it = matches->crbegin(); it != matches->crend(); ++it) {
        if (it->end > limit || it->start < 0 || it->start >= it->end)
            continue; // overlaps were resolved by the engine; anything else is not ours to touch
        const auto pattern = std::find_if(
            chosen.cbegin(), chosen.cend(), [&](const PiiPattern& p) { return p.patternId == it->patternId; });
        if (pattern == chosen.cend())
            continue;
        redacted.replace(it->start,
                         it->end - it->start,
                         m_service.pii().redactValue(*pattern, QStringView(*text).mid(it->start, it->end - it->start)));
        limit = it->start;
    }
    return QHttpServerResponse(QJsonObject { { QStringLiteral("redactedText"), redacted },
                                             { QStringLiteral("detections"), matchesToJson(*matches) } });
}

QHttpServerResponse SafetyRestApi::detokenize(const QHttpServerRequest& request, const iam::Principal& principal)
{
    const auto body = parseBody(request);
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("token") });
    const auto token = r.string(QStringLiteral("token"), Need::Required, 255, true);
    if (r.error())
        return errorResponse(*r.error());
    // The vault checks the roles and audits the attempt, allowed or not.
    auto value = m_service.vault().detokenize(*token, principal.subject, principal.roles);
    if (!value)
        return errorResponse(value.error());
    return QHttpServerResponse(
        QJsonObject { { QStringLiteral("token"), *token }, { QStringLiteral("value"), *value } });
}

QHttpServerResponse SafetyRestApi::listPatterns(const QHttpServerRequest& request) const
{
    QueryReader q(request);
    const QString category = q.oneOf(QStringLiteral("category"), PatternCategories);
    const auto isActive = q.boolean(QStringLiteral("isActive"));
    if (q.error())
        return errorResponse(*q.error());
    QJsonArray patterns;
    for (const auto& p : m_service.listPatterns(true)) {
        if (p.isDeleted || (!category.isEmpty() && p.category != category) || (isActive && p.isActive != *isActive))
            continue;
        patterns.append(patternToJson(p));
    }
    return QHttpServerResponse(
        QJsonObject { { QStringLiteral("patterns"), patterns }, { QStringLiteral("total"), patterns.size() } });
}

QHttpServerResponse SafetyRestApi::getPattern(const QString& patternId) const
{
    const auto pattern = findPattern(m_service.listPatterns(true), patternId);
    if (!pattern)
        return notFound(QStringLiteral("pattern"), patternId);
    return QHttpServerResponse(patternToJson(*pattern));
}

QHttpServerResponse SafetyRestApi::createPattern(const QHttpServerRequest& request)
{
    const auto body = parseBody(request);
    if (!body)
        return errorResponse(body.error());
    PiiPattern pattern;
    if (auto error = readPattern(*body, pattern, true))
        return errorResponse(*error);
    auto stored = m_service.createPattern(pattern);
    if (!stored)
        return errorResponse(stored.error());
    return created(patternToJson(*stored));
}

QHttpServerResponse SafetyRestApi::updatePattern(const QString& patternId, const QHttpServerRequest& request)
{
    const auto body = parseBody(request);
    if (!body)
        return errorResponse(body.error());
    if (body->isEmpty())
        return errorResponse(Error { ErrorCode::BadRequest, QStringLiteral("Nothing to update") });
    auto pattern = findPattern(m_service.listPatterns(true), patternId);
    if (!pattern)
        return notFound(QStringLiteral("pattern"), patternId);
    // Checked on a copy first: a bad edit must leave the stored pattern and the engine untouched.
    if (auto error = readPattern(*body, *pattern, false))
        return errorResponse(*error);
    auto stored = m_service.updatePattern(patternId, *body);
    if (!stored)
        return errorResponse(stored.error());
    return QHttpServerResponse(patternToJson(*stored));
}

QHttpServerResponse SafetyRestApi::deletePattern(const QString& patternId)
{
    if (!findPattern(m_service.listPatterns(true), patternId))
        return notFound(QStringLiteral("pattern"), patternId);
    if (auto deleted = m_service.deletePattern(patternId); !deleted)
        return errorResponse(deleted.error());
    return QHttpServerResponse(
        QJsonObject { { QStringLiteral("patternId"), patternId }, { QStringLiteral("deleted"), true } });
}

QHttpServerResponse SafetyRestApi::listDetections(const QHttpServerRequest& request) const
{
    QueryReader q(request);
    safety::DetectionQuery query;
    query.conversationId = q.string(QStringLiteral("conversationId"));
    query.patternId = q.string(QStringLiteral("patternId"));
    query.severity = q.oneOf(QStringLiteral("severity"), PiiSeverities);
    query.from = q.date(QStringLiteral("from"));
    query.to = q.date(QStringLiteral("to"));
    query.limit = q.limit();
    q.checkRange(query.from, query.to);
    if (q.error())
        return errorResponse(*q.error());
    const auto detections = m_service.detections(query);
    if (!detections)
        return errorResponse(detections.error());
    QJsonArray array;
    for (const auto& d : *detections)
        array.append(detectionToJson(d));
    return QHttpServerResponse(
        QJsonObject { { QStringLiteral("detections"), array }, { QStringLiteral("total"), array.size() } });
}

QHttpServerResponse SafetyRestApi::validate(const QHttpServerRequest& request)
{
    const auto body = parseBody(request);
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly(
        { QStringLiteral("text"), QStringLiteral("context"), QStringLiteral("agentId"), QStringLiteral("direction") });
    const auto text = readText(r);
    // Seed 000 lets a caller pass the conversation context; the keyword and lexicon checks do not
    // read it, the LLM topic check of the agents issue will. Its shape is checked already.
    r.object(QStringLiteral("context"), Need::Optional);
    const QString agentId = r.string(QStringLiteral("agentId"), Need::Optional, 255).value_or(QString());
    const QString direction
        = r.oneOf(QStringLiteral("direction"), Directions, Need::Optional).value_or(QStringLiteral("user-input"));
    if (r.error())
        return errorResponse(*r.error());

    // A dry run: the verdict is returned, nothing is logged as a violation (the message pipeline does that).
    const auto outcome = m_service.guardrails().evaluate(
        *text, direction == u"agent-output" ? safety::Direction::AgentOutput : safety::Direction::UserInput, agentId);
    QJsonArray violations;
    for (const auto& v : outcome.violations)
        violations.append(violationToJson(v));
    return QHttpServerResponse(QJsonObject {
        { QStringLiteral("passed"), outcome.violations.isEmpty() },
        { QStringLiteral("blocked"), outcome.blocked },
        { QStringLiteral("blockMessage"), outcome.blockMessage },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(outcome.warnings) },
        { QStringLiteral("escalated"), outcome.escalated },
        { QStringLiteral("text"), outcome.text },
        { QStringLiteral("violations"), violations },
    });
}

QHttpServerResponse SafetyRestApi::listGuardrails(const QHttpServerRequest& request) const
{
    QueryReader q(request);
    const QString agentId = q.string(QStringLiteral("agentId"));
    const QString type = q.oneOf(QStringLiteral("type"), GuardrailTypes);
    const auto isActive = q.boolean(QStringLiteral("isActive"));
    if (q.error())
        return errorResponse(*q.error());
    QJsonArray guardrails;
    for (const auto& g : m_service.listGuardrails()) {
        if (g.isDeleted || (!type.isEmpty() && g.type != type) || (isActive && g.isActive != *isActive))
            continue;
        if (!agentId.isEmpty() && !g.agentIds.isEmpty() && !g.agentIds.contains(agentId))
            continue;
        guardrails.append(guardrailToJson(g));
    }
    return QHttpServerResponse(
        QJsonObject { { QStringLiteral("guardrails"), guardrails }, { QStringLiteral("total"), guardrails.size() } });
}

QHttpServerResponse SafetyRestApi::getGuardrail(const QString& guardrailId) const
{
    const auto guardrail = findGuardrail(m_service.listGuardrails(), guardrailId);
    if (!guardrail)
        return notFound(QStringLiteral("guardrail"), guardrailId);
    return QHttpServerResponse(guardrailToJson(*guardrail));
}

QHttpServerResponse SafetyRestApi::createGuardrail(const QHttpServerRequest& request)
{
    const auto body = parseBody(request);
    if (!body)
        return errorResponse(body.error());
    Guardrail guardrail;
    if (auto error = readGuardrail(*body, guardrail, true))
        return errorResponse(*error);
    auto stored = m_service.createGuardrail(guardrail);
    if (!stored)
        return errorResponse(stored.error());
    return created(guardrailToJson(*stored));
}

QHttpServerResponse SafetyRestApi::updateGuardrail(const QString& guardrailId, const QHttpServerRequest& request)
{
    const auto body = parseBody(request);
    if (!body)
        return errorResponse(body.error());
    if (body->isEmpty())
        return errorResponse(Error { ErrorCode::BadRequest, QStringLiteral("Nothing to update") });
    auto guardrail = findGuardrail(m_service.listGuardrails(), guardrailId);
    if (!guardrail)
        return notFound(QStringLiteral("guardrail"), guardrailId);
    if (auto error = readGuardrail(*body, *guardrail, false))
        return errorResponse(*error);
    auto stored = m_service.updateGuardrail(guardrailId, *body);
    if (!stored)
        return errorResponse(stored.error());
    return QHttpServerResponse(guardrailToJson(*stored));
}

QHttpServerResponse SafetyRestApi::deleteGuardrail(const QString& guardrailId)
{
    if (!findGuardrail(m_service.listGuardrails(), guardrailId))
        return notFound(QStringLiteral("guardrail"), guardrailId);
    if (auto deleted = m_service.deleteGuardrail(guardrailId); !deleted)
        return errorResponse(deleted.error());
    return QHttpServerResponse(
        QJsonObject { { QStringLiteral("guardrailId"), guardrailId }, { QStringLiteral("deleted"), true } });
}

QHttpServerResponse SafetyRestApi::listViolations(const QHttpServerRequest& request) const
{
    QueryReader q(request);
    safety::ViolationQuery query;
    query.conversationId = q.string(QStringLiteral("conversationId"));
    query.guardrailId = q.string(QStringLiteral("guardrailId"));
    query.actionTaken = q.oneOf(QStringLiteral("actionTaken"), ViolationActions);
    const QString severity = q.oneOf(QStringLiteral("severity"), GuardrailSeverities);
    query.from = q.date(QStringLiteral("from"));
    query.to = q.date(QStringLiteral("to"));
    const int limit = q.limit();
    q.checkRange(query.from, query.to);
    if (q.error())
        return errorResponse(*q.error());

    // A violation's severity is its guardrail's (deleted ones included: the log outlives them).
    // The store does not filter on it, so fetch wider and cut after filtering.
    QHash<QString, QString> severityOf;
    for (const auto& g : m_service.listGuardrails())
        severityOf.insert(g.guardrailId, g.severity);
    query.limit = severity.isEmpty() ? limit : MaxListLimit * 10;
    const auto violations = m_service.violations(query);
    if (!violations)
        return errorResponse(violations.error());
    QJsonArray array;
    for (const auto& v : *violations) {
        if (!severity.isEmpty() && severityOf.value(v.guardrailId) != severity)
            continue;
        if (array.size() >= limit)
            break;
        QJsonObject json = violationToJson(v);
        json.insert(QStringLiteral("severity"), severityOf.value(v.guardrailId));
        array.append(json);
    }
    return QHttpServerResponse(
        QJsonObject { { QStringLiteral("violations"), array }, { QStringLiteral("total"), array.size() } });
}

} // namespace aiops::controller
