#pragma once

#include <Qt>

namespace aiops::models {

// Item roles of the IAM models (UserTableModel, ApiKeyTableModel, NodeCredentialModel,
// AuditLogModel). Sorting and filtering use SortRole and SearchTextRole from ModelRoles.h; the
// audit log's risk level uses SeverityNameRole from SafetyRoles.h so the severity delegate draws it.
enum IamRole {
    IamIdRole = Qt::UserRole + 64, // QString: userId, keyId, credentialId or audit event id
    AccessStatusRole, // QString: active | disabled | revoked | success | failure | denied
};

} // namespace aiops::models
