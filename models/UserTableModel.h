#pragma once

#include "core/iam/IamTypes.h"
#include "models/SafetyTableModel.h"

#include <QHash>
#include <optional>

namespace aiops::iam {
class IamService;
}

namespace aiops::models {

// The users of the IamService, one row each (deleted users are gone). Reloads, coalesced, when the
// service reports usersChanged, from whichever thread it was emitted on.
class UserTableModel final : public SafetyTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserTableModel)
public:
    enum Column {
        NameColumn,
        UsernameColumn,
        EmailColumn,
        RoleColumn,
        OrganizationColumn,
        StatusColumn,
        LastLoginColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit UserTableModel(iam::IamService* service, QObject* parent = nullptr);
    ~UserTableModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString& userId) const; // -1 when absent
    std::optional<iam::User> userAt(int row) const;
    QList<iam::User> users() const { return m_users; }
    QString organizationName(const QString& orgId) const;

protected:
    void reload() override;

private:
    iam::IamService* m_service;
    QList<iam::User> m_users;
    QHash<QString, QString> m_orgNames;
};

} // namespace aiops::models
