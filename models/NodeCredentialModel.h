#pragma once

#include "core/iam/IamTypes.h"
#include "models/SafetyTableModel.h"

#include <optional>

namespace aiops::iam {
class IamService;
}

namespace aiops::models {

// The long-lived node credentials that daemons received for their enrollment tokens, newest first.
// Revoked credentials are left out unless setIncludeRevoked(true). Reloads on nodeCredentialsChanged.
class NodeCredentialModel final : public SafetyTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeCredentialModel)
public:
    enum Column { NodeNameColumn, NodeIdColumn, CreatedColumn, LastUsedColumn, StatusColumn, ColumnCount };
    Q_ENUM(Column)

    explicit NodeCredentialModel(iam::IamService* service, QObject* parent = nullptr);
    ~NodeCredentialModel() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setIncludeRevoked(bool include);
    bool includesRevoked() const { return m_includeRevoked; }
    int rowOf(const QString& credentialId) const; // -1 when absent
    std::optional<iam::NodeCredential> credentialAt(int row) const;
    int activeCount() const;

protected:
    void reload() override;

private:
    QList<iam::NodeCredential> fetch() const;

    iam::IamService* m_service;
    QList<iam::NodeCredential> m_credentials;
    bool m_includeRevoked = false;
};

} // namespace aiops::models
