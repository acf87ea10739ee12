#pragma once

#include <QSortFilterProxyModel>

namespace aiops::models {

// Sorts a NodeTableModel by its SortRole and filters it by free text (name, id, hostname) and status.
class NodeFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeFilterModel)
public:
    explicit NodeFilterModel(QObject* parent = nullptr);
    ~NodeFilterModel() override;

    void setText(const QString& text);
    QString text() const { return m_text; }
    // Empty = every status.
    void setStatus(const QString& status);
    QString status() const { return m_status; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QString m_status;
};

} // namespace aiops::models
