#pragma once

#include "core/safety/SafetyTypes.h"
#include "models/SafetyTableModel.h"

#include <optional>

namespace aiops::safety {
class SafetyService;
}

namespace aiops::models {

// The guardrails of the SafetyService, one row each. The Active column is checkable.
class GuardrailModel final : public SafetyTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardrailModel)
public:
    enum Column {
        NameColumn,
        TypeColumn,
        ActionColumn,
        AppliesToColumn,
        AgentsColumn,
        SeverityColumn,
        ActiveColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit GuardrailModel(safety::SafetyService* service, QObject* parent = nullptr);
    ~GuardrailModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(const QString& guardrailId) const; // -1 when absent
    std::optional<safety::Guardrail> guardrailAt(int row) const;
    QList<safety::Guardrail> guardrails() const { return m_guardrails; }

Q_SIGNALS:
    void operationFailed(const QString& message);

protected:
    void reload() override;

private:
    safety::SafetyService* m_service;
    QList<safety::Guardrail> m_guardrails;
};

} // namespace aiops::models
