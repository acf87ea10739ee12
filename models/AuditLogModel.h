#pragma once

#include "core/iam/IamTypes.h"
#include "core/protocol/Error.h"
#include "models/SafetyTableModel.h"

#include <optional>

namespace aiops::iam {
class IamService;
}

namespace aiops::models {

// The audit log, newest first, as selected by an AuditQuery (actor, action, outcome, time range,
// limit). Events the service logs while the model is shown are added live when they match the
// query, coalesced; changing the query reads the store again.
class AuditLogModel final : public SafetyTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogModel)
public:
    enum Column {
        TimeColumn,
        ActorColumn,
        SourceColumn,
        ActionColumn,
        ResourceColumn,
        OutcomeColumn,
        RiskColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit AuditLogModel(iam::IamService* service, QObject* parent = nullptr);
    ~AuditLogModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Reads the events matching `query` now.
    void setQuery(const iam::AuditQuery& query);
    iam::AuditQuery query() const { return m_query; }
    // Reads the store again with the current query.
    void requery();
    // The error of the last read, if it failed (the rows then keep what they showed).
    std::optional<Error> lastError() const { return m_lastError; }
    std::optional<iam::AuditEvent> eventAt(int row) const;
    int rowOf(const QString& eventId) const;

    // The filter the service applies, for events that arrive live: actorId exact or a substring of
    // actorName (case-insensitive), action and outcome exact, from <= timestamp <= to.
    static bool matches(const iam::AuditQuery& query, const iam::AuditEvent& event);

Q_SIGNALS:
    void loadFailed(const aiops::Error& error);

protected:
    void reload() override;

private:
    void onAuditLogged(const aiops::iam::AuditEvent& event);

    iam::IamService* m_service;
    iam::AuditQuery m_query;
    QList<iam::AuditEvent> m_events;
    QList<iam::AuditEvent> m_pending;
    bool m_needsQuery = true;
    std::optional<Error> m_lastError;
};

} // namespace aiops::models
