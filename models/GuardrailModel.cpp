#include "models/GuardrailModel.h"

#include "core/safety/SafetyService.h"
#include "models/ModelRoles.h"
#include "models/SafetyFormat.h"
#include "models/SafetyRoles.h"

#include <QJsonObject>

namespace aiops::models {

namespace {

bool sameGuardrail(const safety::Guardrail& a, const safety::Guardrail& b)
{
    return a.name == b.name && a.description == b.description && a.type == b.type && a.config == b.config
        && a.action == b.action && a.blockMessage == b.blockMessage && a.appliesTo == b.appliesTo
        && a.agentIds == b.agentIds && a.isActive == b.isActive && a.severity == b.severity
        && a.changedAt == b.changedAt;
}

} // namespace

GuardrailModel::GuardrailModel(safety::SafetyService* service, QObject* parent)
    : SafetyTableModel(parent)
    , m_service(service)
{
    Q_ASSERT(m_service);
    connect(m_service, &safety::SafetyService::guardrailsChanged, this, &GuardrailModel::scheduleRefresh);
    m_guardrails = m_service->listGuardrails();
}

GuardrailModel::~GuardrailModel() = default;

void GuardrailModel::reload()
{
    syncRows(
        m_guardrails,
        m_service->listGuardrails(),
        [](const safety::Guardrail& g) { return g.guardrailId; },
        sameGuardrail);
}

int GuardrailModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_guardrails.size());
}

int GuardrailModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GuardrailModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const safety::Guardrail& g = m_guardrails.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return g.name;
        case TypeColumn: return SafetyFormat::guardrailTypeText(g.type);
        case ActionColumn: return SafetyFormat::guardrailActionText(g.action);
        case AppliesToColumn: return SafetyFormat::appliesToText(g.appliesTo);
        case AgentsColumn: return SafetyFormat::agentsText(g.agentIds);
        case SeverityColumn: return SafetyFormat::severityText(g.severity);
        case ActiveColumn: return g.isActive ? tr("Active") : tr("Inactive");
        default: return {};
        }
    case Qt::CheckStateRole:
        if (column == ActiveColumn)
            return g.isActive ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (column == NameColumn && !g.description.isEmpty())
            return g.description;
        if (column == ActionColumn && !g.blockMessage.isEmpty())
            return g.blockMessage;
        return {};
    case SortRole:
        switch (column) {
        case SeverityColumn: return SafetyFormat::severityLevel(g.severity);
        case ActiveColumn: return g.isActive ? 1 : 0;
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    case SearchTextRole:
        return QStringList { g.name, g.description, SafetyFormat::guardrailTypeText(g.type) }
            .join(QLatin1Char(' '))
            .toLower();
    case SafetyIdRole: return g.guardrailId;
    case SeverityNameRole: return g.severity;
    case SeverityLevelRole: return SafetyFormat::severityLevel(g.severity);
    case ActiveRole: return g.isActive;
    case FilterKeyRole: return g.type;
    default: return {};
    }
}

bool GuardrailModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (index.column() != ActiveColumn || role != Qt::CheckStateRole)
        return false;
    safety::Guardrail& g = m_guardrails[index.row()];
    const bool active = value.value<Qt::CheckState>() == Qt::Checked;
    if (active == g.isActive)
        return true;
    const auto updated
        = m_service->updateGuardrail(g.guardrailId, QJsonObject { { QStringLiteral("isActive"), active } });
    if (!updated) {
        Q_EMIT operationFailed(updated.error().message);
        return false;
    }
    g = *updated;
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

Qt::ItemFlags GuardrailModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = SafetyTableModel::flags(index);
    if (index.isValid() && index.column() == ActiveColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant GuardrailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Guardrail");
    case TypeColumn: return tr("Type");
    case ActionColumn: return tr("Action");
    case AppliesToColumn: return tr("Applies to");
    case AgentsColumn: return tr("Agents");
    case SeverityColumn: return tr("Severity");
    case ActiveColumn: return tr("Active");
    default: return {};
    }
}

QHash<int, QByteArray> GuardrailModel::roleNames() const
{
    auto names = SafetyTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(SearchTextRole, "searchText");
    names.insert(SafetyIdRole, "guardrailId");
    names.insert(SeverityNameRole, "severity");
    names.insert(SeverityLevelRole, "severityLevel");
    names.insert(ActiveRole, "active");
    return names;
}

int GuardrailModel::rowOf(const QString& guardrailId) const
{
    for (qsizetype row = 0; row < m_guardrails.size(); ++row) {
        if (m_guardrails.at(row).guardrailId == guardrailId)
            return int(row);
    }
    return -1;
}

std::optional<safety::Guardrail> GuardrailModel::guardrailAt(int row) const
{
    if (row < 0 || row >= m_guardrails.size())
        return std::nullopt;
    return m_guardrails.at(row);
}

} // namespace aiops::models
