#include "widgets/SafetyTableView.h"

#include "models/ModelRoles.h"
#include "widgets/SafetySeverityDelegate.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace aiops::widgets {

SafetyTableView::SafetyTableView(QWidget* parent)
    : QTableView(parent)
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setSortRole(models::SortRole);
    m_proxy->setFilterRole(models::SearchTextRole);
    m_proxy->setFilterKeyColumn(0);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setShowGrid(false);
    setFrameShape(QFrame::NoFrame);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setContextMenuPolicy(Qt::CustomContextMenu);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 18);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

SafetyTableView::~SafetyTableView() = default;

void SafetyTableView::setSourceModel(QAbstractItemModel* source,
                                     int sortColumn,
                                     Qt::SortOrder order,
                                     int severityColumn)
{
    m_proxy->setSourceModel(source);
    setModel(m_proxy);
    setSortingEnabled(true);
    sortByColumn(sortColumn, order);
    if (severityColumn >= 0)
        setItemDelegateForColumn(severityColumn, new SafetySeverityDelegate(this));
}

void SafetyTableView::setFilterText(const QString& text)
{
    m_proxy->setFilterFixedString(text.trimmed());
}

int SafetyTableView::selectedSourceRow() const
{
    if (!selectionModel())
        return -1;
    const auto rows = selectionModel()->selectedRows();
    if (rows.isEmpty())
        return -1;
    return m_proxy->mapToSource(rows.first()).row();
}

bool SafetyTableView::selectSourceRow(int sourceRow)
{
    if (!m_proxy->sourceModel() || sourceRow < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_proxy->sourceModel()->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows | QItemSelectionModel::Current);
    setCurrentIndex(index);
    scrollTo(index);
    return true;
}

} // namespace aiops::widgets
