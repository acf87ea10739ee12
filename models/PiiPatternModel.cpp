#include "models/PiiPatternModel.h"

#include "core/safety/SafetyService.h"
#include "models/ModelRoles.h"
#include "models/SafetyFormat.h"
#include "models/SafetyRoles.h"

#include <QJsonObject>

namespace aiops::models {

namespace {

bool samePattern(const safety::PiiPattern& a, const safety::PiiPattern& b)
{
    return a.name == b.name && a.category == b.category && a.regex == b.regex && a.flags == b.flags
        && a.redactionMethod == b.redactionMethod && a.maskChar == b.maskChar && a.preserveLength == b.preserveLength
        && a.isActive == b.isActive && a.severity == b.severity && a.action == b.action && a.builtIn == b.builtIn
        && a.changedAt == b.changedAt;
}

} // namespace

PiiPatternModel::PiiPatternModel(safety::SafetyService* service, QObject* parent)
    : SafetyTableModel(parent)
    , m_service(service)
{
    Q_ASSERT(m_service);
    connect(m_service, &safety::SafetyService::patternsChanged, this, &PiiPatternModel::scheduleRefresh);
    m_patterns = m_service->listPatterns(true);
}

PiiPatternModel::~PiiPatternModel() = default;

void PiiPatternModel::reload()
{
    syncRows(
        m_patterns,
        m_service->listPatterns(true),
        [](const safety::PiiPattern& p) { return p.patternId; },
        samePattern);
}

int PiiPatternModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_patterns.size());
}

int PiiPatternModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PiiPatternModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const safety::PiiPattern& p = m_patterns.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return p.name;
        case CategoryColumn: return SafetyFormat::categoryText(p.category);
        case SeverityColumn: return SafetyFormat::severityText(p.severity);
        case MethodColumn: return SafetyFormat::methodText(p.redactionMethod);
        case ActionColumn: return SafetyFormat::patternActionText(p.action);
        case SourceColumn: return p.builtIn ? tr("Built-in") : tr("Custom");
        case ActiveColumn: return p.isActive ? tr("Active") : tr("Inactive");
        default: return {};
        }
    case Qt::CheckStateRole:
        if (column == ActiveColumn)
            return p.isActive ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        if (column == NameColumn)
            return p.regex;
        if (column == SourceColumn && p.builtIn)
            return tr("Shipped with the console: it can be deactivated but not deleted.");
        if (column == ActiveColumn)
            return p.isActive ? tr("Matches of this pattern are detected. Uncheck to pause it.")
                              : tr("This pattern is paused. Check to detect its matches again.");
        return {};
    case SortRole:
        switch (column) {
        case NameColumn: return p.name.toLower();
        case SeverityColumn: return SafetyFormat::severityLevel(p.severity);
        case ActiveColumn: return p.isActive ? 1 : 0;
        case SourceColumn: return p.builtIn ? 0 : 1;
        default: return data(index, Qt::DisplayRole).toString().toLower();
        }
    case SearchTextRole:
        return QStringList { p.name, SafetyFormat::categoryText(p.category), p.category, p.regex }
            .join(QLatin1Char(' '))
            .toLower();
    case SafetyIdRole: return p.patternId;
    case SeverityNameRole: return p.severity;
    case SeverityLevelRole: return SafetyFormat::severityLevel(p.severity);
    case BuiltInRole: return p.builtIn;
    case ActiveRole: return p.isActive;
    case FilterKeyRole: return p.category;
    default: return {};
    }
}

bool PiiPatternModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    if (index.column() != ActiveColumn || role != Qt::CheckStateRole)
        return false;
    safety::PiiPattern& p = m_patterns[index.row()];
    const bool active = value.value<Qt::CheckState>() == Qt::Checked;
    if (active == p.isActive)
        return true;
    const auto updated = m_service->updatePattern(p.patternId, QJsonObject { { QStringLiteral("isActive"), active } });
    if (!updated) {
        Q_EMIT operationFailed(updated.error().message);
        return false;
    }
    p = *updated;
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}

Qt::ItemFlags PiiPatternModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = SafetyTableModel::flags(index);
    if (index.isValid() && index.column() == ActiveColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant PiiPatternModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Pattern");
    case CategoryColumn: return tr("Category");
    case SeverityColumn: return tr("Severity");
    case MethodColumn: return tr("Redaction");
    case ActionColumn: return tr("Action");
    case SourceColumn: return tr("Source");
    case ActiveColumn: return tr("Active");
    default: return {};
    }
}

QHash<int, QByteArray> PiiPatternModel::roleNames() const
{
    auto names = SafetyTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(SearchTextRole, "searchText");
    names.insert(SafetyIdRole, "patternId");
    names.insert(SeverityNameRole, "severity");
    names.insert(SeverityLevelRole, "severityLevel");
    names.insert(BuiltInRole, "builtIn");
    names.insert(ActiveRole, "active");
    return names;
}

int PiiPatternModel::rowOf(const QString& patternId) const
{
    for (qsizetype row = 0; row < m_patterns.size(); ++row) {
        if (m_patterns.at(row).patternId == patternId)
            return int(row);
    }
    return -1;
}

std::optional<safety::PiiPattern> PiiPatternModel::patternAt(int row) const
{
    if (row < 0 || row >= m_patterns.size())
        return std::nullopt;
    return m_patterns.at(row);
}

int PiiPatternModel::activeCount() const
{
    return int(
        std::count_if(m_patterns.cbegin(), m_patterns.cend(), [](const safety::PiiPattern& p) { return p.isActive; }));
}

} // namespace aiops::models
