#pragma once

#include "core/safety/SafetyTypes.h"
#include "models/SafetyTableModel.h"

#include <optional>

namespace aiops::safety {
class SafetyService;
}

namespace aiops::models {

// The PII patterns of the SafetyService, built-in and custom, one row each. The Active column is
// checkable: toggling it activates or deactivates the pattern in the service.
class PiiPatternModel final : public SafetyTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PiiPatternModel)
public:
    enum Column {
        NameColumn,
        CategoryColumn,
        SeverityColumn,
        MethodColumn,
        ActionColumn,
        SourceColumn,
        ActiveColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit PiiPatternModel(safety::SafetyService* service, QObject* parent = nullptr);
    ~PiiPatternModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(const QString& patternId) const; // -1 when absent
    std::optional<safety::PiiPattern> patternAt(int row) const;
    QList<safety::PiiPattern> patterns() const { return m_patterns; }
    int activeCount() const;

Q_SIGNALS:
    // A change made through the model (the Active toggle) was refused by the service.
    void operationFailed(const QString& message);

protected:
    void reload() override;

private:
    safety::SafetyService* m_service;
    QList<safety::PiiPattern> m_patterns;
};

} // namespace aiops::models
