#pragma once

#include <QTableView>

class QSortFilterProxyModel;

namespace aiops::widgets {

// The table of a Safety section, set up like the Nodes table: rows selected whole, no grid, no
// frame (it sits in a Card), sorted through a proxy on models::SortRole. With a SafetySeverityDelegate
// on the severity column.
class SafetyTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyTableView)
public:
    explicit SafetyTableView(QWidget* parent = nullptr);
    ~SafetyTableView() override;

    // Shows `source` sorted by `sortColumn` through a proxy the view owns; the proxy filters free text
    // on models::SearchTextRole (setFilterText).
    void setSourceModel(QAbstractItemModel* source, int sortColumn, Qt::SortOrder order, int severityColumn = -1);
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    void setFilterText(const QString& text);
    // The source row of the current selection, -1 when nothing is selected.
    int selectedSourceRow() const;
    bool selectSourceRow(int sourceRow);

private:
    QSortFilterProxyModel* m_proxy;
};

} // namespace aiops::widgets
