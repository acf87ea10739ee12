#include "models/GuardrailViolationModel.h"

#include "models/ModelRoles.h"
#include "models/SafetyFormat.h"
#include "models/SafetyRoles.h"

#include <QLocale>

namespace aiops::models {

namespace {

bool sameViolation(const safety::GuardrailViolation& a, const safety::GuardrailViolation& b)
{
    return a.actionTaken == b.actionTaken && a.modifiedText == b.modifiedText && a.userOverride == b.userOverride
        && a.detectedIssue == b.detectedIssue && a.confidence == b.confidence;
}

} // namespace

GuardrailViolationModel::GuardrailViolationModel(safety::SafetyService* service, Source source, QObject* parent)
    : SafetyTableModel(parent)
    , m_service(service)
    , m_source(source)
{
    Q_ASSERT(m_service);
    if (m_source == Source::Log)
        connect(m_service, &safety::SafetyService::violationLogged, this, &GuardrailViolationModel::scheduleRefresh);
    else
        connect(m_service, &safety::SafetyService::escalationQueued, this, &GuardrailViolationModel::scheduleRefresh);
    connect(m_service, &safety::SafetyService::guardrailsChanged, this, &GuardrailViolationModel::reloadGuardrailNames);
    reloadGuardrailNames();
    reload();
}

GuardrailViolationModel::~GuardrailViolationModel() = default;

void GuardrailViolationModel::reload()
{
    QList<safety::GuardrailViolation> fresh;
    if (m_source == Source::Escalations) {
        fresh = m_service->escalations();
    } else {
        safety::ViolationQuery q;
        q.guardrailId = m_guardrailId;
        q.actionTaken = m_actionTaken;
        q.limit = kRowLimit;
        auto logged = m_service->violations(q);
        if (!logged) {
            m_lastError = logged.error().message;
            return;
        }
        fresh = *std::move(logged);
    }
    m_lastError.clear();
    std::stable_sort(
        fresh.begin(), fresh.end(), [](const auto& a, const auto& b) { return a.detectedAt > b.detectedAt; });
    syncRows(
        m_violations, fresh, [](const safety::GuardrailViolation& v) { return v.violationId; }, sameViolation);
}

void GuardrailViolationModel::reloadGuardrailNames()
{
    QHash<QString, QString> names;
    for (const safety::Guardrail& g : m_service->listGuardrails())
        names.insert(g.guardrailId, g.name);
    if (names == m_guardrailNames)
        return;
    m_guardrailNames = names;
    if (!m_violations.isEmpty())
        Q_EMIT dataChanged(index(0, GuardrailColumn), index(int(m_violations.size()) - 1, GuardrailColumn));
}

QString GuardrailViolationModel::guardrailName(const QString& guardrailId) const
{
    return m_guardrailNames.value(guardrailId, guardrailId);
}

int GuardrailViolationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_violations.size());
}

int GuardrailViolationModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GuardrailViolationModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const safety::GuardrailViolation& v = m_violations.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TimeColumn: return SafetyFormat::timestamp(v.detectedAt);
        case GuardrailColumn: return guardrailName(v.guardrailId);
        case TypeColumn: return SafetyFormat::guardrailTypeText(v.violationType);
        case ActionColumn:
            return v.userOverride ? tr("%1, overridden").arg(SafetyFormat::violationActionText(v.actionTaken))
                                  : SafetyFormat::violationActionText(v.actionTaken);
        case IssueColumn: return SafetyFormat::oneLine(v.detectedIssue, 100);
        case ConfidenceColumn: return SafetyFormat::confidence(v.confidence);
        case TextColumn: return SafetyFormat::oneLine(v.originalText, 120);
        default: return {};
        }
    case Qt::ToolTipRole:
        if (column == TimeColumn && v.detectedAt.isValid())
            return QLocale().toString(v.detectedAt.toLocalTime(), QLocale::LongFormat);
        if (column == IssueColumn)
            return v.detectedIssue;
        if (column == TextColumn)
            return v.modifiedText.isEmpty() ? v.originalText
                                            : tr("Original: %1\nSent as: %2").arg(v.originalText, v.modifiedText);
        return {};
    case Qt::TextAlignmentRole:
        if (column == ConfidenceColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole:
        switch (column) {
        case TimeColumn: return v.detectedAt.toMSecsSinceEpoch();
        case ConfidenceColumn: return v.confidence;
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    case SafetyIdRole: return v.violationId;
    case FilterKeyRole: return v.guardrailId;
    default: return {};
    }
}

QVariant GuardrailViolationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue((section == ConfidenceColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case GuardrailColumn: return tr("Guardrail");
    case TypeColumn: return tr("Type");
    case ActionColumn: return tr("Action taken");
    case IssueColumn: return tr("Issue");
    case ConfidenceColumn: return tr("Confidence");
    case TextColumn: return tr("Message");
    default: return {};
    }
}

QHash<int, QByteArray> GuardrailViolationModel::roleNames() const
{
    auto names = SafetyTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(SafetyIdRole, "violationId");
    names.insert(FilterKeyRole, "guardrailId");
    return names;
}

void GuardrailViolationModel::setGuardrailId(const QString& guardrailId)
{
    if (guardrailId == m_guardrailId)
        return;
    m_guardrailId = guardrailId;
    refresh();
}

void GuardrailViolationModel::setActionTaken(const QString& actionTaken)
{
    if (actionTaken == m_actionTaken)
        return;
    m_actionTaken = actionTaken;
    refresh();
}

bool GuardrailViolationModel::isFiltered() const
{
    return !m_guardrailId.isEmpty() || !m_actionTaken.isEmpty();
}

int GuardrailViolationModel::rowOf(const QString& violationId) const
{
    for (qsizetype row = 0; row < m_violations.size(); ++row) {
        if (m_violations.at(row).violationId == violationId)
            return int(row);
    }
    return -1;
}

std::optional<safety::GuardrailViolation> GuardrailViolationModel::violationAt(int row) const
{
    if (row < 0 || row >= m_violations.size())
        return std::nullopt;
    return m_violations.at(row);
}

} // namespace aiops::models
