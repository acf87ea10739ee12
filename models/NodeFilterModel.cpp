#include "models/NodeFilterModel.h"

#include "models/ModelRoles.h"

namespace aiops::models {

NodeFilterModel::NodeFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    setDynamicSortFilter(true);
}

NodeFilterModel::~NodeFilterModel() = default;

void NodeFilterModel::setText(const QString& text)
{
    const QString normalized = text.trimmed().toLower();
    if (normalized == m_text)
        return;
    m_text = normalized;
    invalidateFilter();
}

void NodeFilterModel::setStatus(const QString& status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

bool NodeFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_status.isEmpty() && index.data(StatusRole).toString() != m_status)
        return false;
    if (m_text.isEmpty())
        return true;
    const QString haystack = index.data(SearchTextRole).toString();
    const auto words = QStringView(m_text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const auto word : words) {
        if (!haystack.contains(word))
            return false;
    }
    return true;
}

} // namespace aiops::models
