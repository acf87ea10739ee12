#pragma once

#include "core/safety/SafetyService.h"
#include "models/SafetyTableModel.h"

#include <QHash>
#include <optional>

namespace aiops::models {

// Guardrail violations, newest first: the audit log filtered by guardrail and action taken, or
// (Source::Escalations) the escalated messages still waiting for a reviewer.
class GuardrailViolationModel final : public SafetyTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardrailViolationModel)
public:
    enum class Source { Log, Escalations };
    enum Column {
        TimeColumn,
        GuardrailColumn,
        TypeColumn,
        ActionColumn,
        IssueColumn,
        ConfidenceColumn,
        TextColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    static constexpr int kRowLimit = 500;

    explicit GuardrailViolationModel(safety::SafetyService* service,
                                     Source source = Source::Log,
                                     QObject* parent = nullptr);
    ~GuardrailViolationModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    Source source() const { return m_source; }
    // Filters of the log; an empty value matches everything. Each change reloads at once.
    void setGuardrailId(const QString& guardrailId);
    void setActionTaken(const QString& actionTaken);
    QString guardrailId() const { return m_guardrailId; }
    QString actionTaken() const { return m_actionTaken; }
    bool isFiltered() const;

    int rowOf(const QString& violationId) const; // -1 when absent
    std::optional<safety::GuardrailViolation> violationAt(int row) const;
    QString guardrailName(const QString& guardrailId) const;
    QString lastError() const { return m_lastError; }

protected:
    void reload() override;

private:
    void reloadGuardrailNames();

    safety::SafetyService* m_service;
    Source m_source;
    QList<safety::GuardrailViolation> m_violations;
    QHash<QString, QString> m_guardrailNames;
    QString m_guardrailId;
    QString m_actionTaken;
    QString m_lastError;
};

} // namespace aiops::models
