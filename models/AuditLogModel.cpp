#include "models/AuditLogModel.h"

#include "core/iam/IamService.h"
#include "models/Format.h"
#include "models/IamFormat.h"
#include "models/IamRoles.h"
#include "models/ModelRoles.h"
#include "models/SafetyFormat.h"
#include "models/SafetyRoles.h"

#include <QJsonDocument>
#include <QSet>

namespace aiops::models {

namespace {

bool sameEvent(const iam::AuditEvent& a, const iam::AuditEvent& b)
{
    return a.timestamp == b.timestamp && a.outcome == b.outcome && a.riskLevel == b.riskLevel;
}

QString actorText(const iam::AuditEvent& e)
{
    return e.actorName.isEmpty() ? e.actorId : e.actorName;
}

QString resourceText(const iam::AuditEvent& e)
{
    return e.resourcePath.isEmpty() ? e.resourceType : e.resourcePath;
}

} // namespace

AuditLogModel::AuditLogModel(iam::IamService* service, QObject* parent)
    : SafetyTableModel(parent)
    , m_service(service)
{
    Q_ASSERT(m_service);
    connect(m_service, &iam::IamService::auditLogged, this, &AuditLogModel::onAuditLogged);
    refresh();
}

AuditLogModel::~AuditLogModel() = default;

bool AuditLogModel::matches(const iam::AuditQuery& query, const iam::AuditEvent& event)
{
    if (!query.actorId.isEmpty() && event.actorId != query.actorId
        && !event.actorName.contains(query.actorId, Qt::CaseInsensitive))
        return false;
    if (!query.action.isEmpty() && event.action != query.action)
        return false;
    if (!query.outcome.isEmpty() && event.outcome != query.outcome)
        return false;
    if (query.from.isValid() && event.timestamp < query.from)
        return false;
    if (query.to.isValid() && event.timestamp > query.to)
        return false;
    return true;
}

void AuditLogModel::setQuery(const iam::AuditQuery& query)
{
    m_query = query;
    requery();
}

void AuditLogModel::requery()
{
    m_needsQuery = true;
    refresh();
}

void AuditLogModel::onAuditLogged(const aiops::iam::AuditEvent& event)
{
    if (event.id.isEmpty() || !matches(m_query, event))
        return;
    m_pending.append(event);
    scheduleRefresh();
}

void AuditLogModel::reload()
{
    QList<iam::AuditEvent> fresh;
    if (m_needsQuery) {
        m_needsQuery = false;
        const auto events = m_service->auditEvents(m_query);
        if (!events) {
            m_lastError = events.error();
            Q_EMIT loadFailed(events.error());
            fresh = m_events;
        } else {
            m_lastError.reset();
            fresh = *events;
        }
    } else {
        fresh = m_events;
    }
    if (!m_pending.isEmpty()) {
        // Live events go on top, the latest first, so that the sort below keeps them above older
        // events of the same millisecond; the store may already hold some of them.
        QSet<QString> known;
        for (const iam::AuditEvent& e : fresh)
            known.insert(e.id);
        QList<iam::AuditEvent> live;
        for (auto it = m_pending.crbegin(); it != m_pending.crend(); ++it) {
            if (!known.contains(it->id)) {
                live.append(*it);
                known.insert(it->id);
            }
        }
        fresh = live + fresh;
        m_pending.clear();
    }
    std::stable_sort(fresh.begin(), fresh.end(), [](const iam::AuditEvent& a, const iam::AuditEvent& b) {
        return a.timestamp > b.timestamp;
    });
    if (m_query.limit > 0 && fresh.size() > m_query.limit)
        fresh.resize(m_query.limit);
    syncRows(
        m_events, fresh, [](const iam::AuditEvent& e) { return e.id; }, sameEvent);
}

int AuditLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AuditLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const iam::AuditEvent& e = m_events.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return IamFormat::timestamp(e.timestamp);
        case ActorColumn: return actorText(e);
        case SourceColumn: return e.actorIp.isEmpty() ? Format::dash() : e.actorIp;
        case ActionColumn: return IamFormat::actionText(e.action);
        case ResourceColumn: return resourceText(e);
        case OutcomeColumn: return IamFormat::accessStatusText(e.outcome);
        case RiskColumn: return SafetyFormat::severityText(e.riskLevel);
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case ActorColumn:
            return tr("%1 %2 (%3)").arg(e.actorType, e.actorId, e.actorIp.isEmpty() ? Format::dash() : e.actorIp);
        case ResourceColumn:
        case OutcomeColumn: {
            QString text = e.resourceType + QStringLiteral(" ") + e.resourcePath;
            if (!e.details.isEmpty())
                text += QLatin1Char('\n')
                    + QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Indented)).trimmed();
            if (!e.requestId.isEmpty())
                text += QLatin1Char('\n') + tr("Request %1").arg(e.requestId);
            return text;
        }
        default: return {};
        }
    case SortRole:
        switch (index.column()) {
        case TimeColumn: return e.timestamp.toMSecsSinceEpoch();
        case RiskColumn: return SafetyFormat::severityLevel(e.riskLevel);
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    case SearchTextRole:
        return QStringList { actorText(e), e.actorId, e.actorIp, e.action, resourceText(e), e.outcome }
            .join(QLatin1Char(' '))
            .toLower();
    case IamIdRole: return e.id;
    case AccessStatusRole: return e.outcome;
    case SeverityNameRole: return e.riskLevel;
    case SeverityLevelRole: return SafetyFormat::severityLevel(e.riskLevel);
    default: return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case ActorColumn: return tr("Actor");
    case SourceColumn: return tr("IP address");
    case ActionColumn: return tr("Action");
    case ResourceColumn: return tr("Resource");
    case OutcomeColumn: return tr("Outcome");
    case RiskColumn: return tr("Risk");
    default: return {};
    }
}

std::optional<iam::AuditEvent> AuditLogModel::eventAt(int row) const
{
    if (row < 0 || row >= m_events.size())
        return std::nullopt;
    return m_events.at(row);
}

int AuditLogModel::rowOf(const QString& eventId) const
{
    for (qsizetype row = 0; row < m_events.size(); ++row) {
        if (m_events.at(row).id == eventId)
            return int(row);
    }
    return -1;
}

} // namespace aiops::models
