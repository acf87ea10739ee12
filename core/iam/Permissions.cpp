#include "core/iam/Permissions.h"

#include <QCoreApplication>

namespace aiops::iam {

namespace {

using enum Role;

const QList<Role> kAll { UniverseOwner,     UniverseEditor,     UniverseViewer,
                         OrganizationOwner, OrganizationEditor, OrganizationViewer };
const QList<Role> kWriters { UniverseOwner, UniverseEditor, OrganizationOwner, OrganizationEditor };
const QList<Role> kOwners { UniverseOwner, OrganizationOwner };
const QList<Role> kUniverseOwner { UniverseOwner };
const QList<Role> kNone {};

struct PermissionInfo
{
    Permission permission;
    const char* name;
    const QList<Role>* roles;
    const char* denied; // tooltip/explanation, translated in the GUI context "Permissions"
};

// The permission matrix, in one table.
const PermissionInfo kTable[] = {
    { Permission::Public, "public", &kNone, "" },
    { Permission::Authenticated, "authenticated", &kNone, QT_TRANSLATE_NOOP("Permissions", "You need to sign in.") },
    { Permission::ViewMetrics, "viewMetrics", &kAll, QT_TRANSLATE_NOOP("Permissions", "Viewing needs any role.") },
    { Permission::ChatWithAgents,
      "chatWithAgents",
      &kAll,
      QT_TRANSLATE_NOOP("Permissions", "Chatting with agents needs any role.") },
    { Permission::DeployModels,
      "deployModels",
      &kWriters,
      QT_TRANSLATE_NOOP("Permissions", "Deploying models needs an owner or editor role.") },
    { Permission::RegisterNodes,
      "registerNodes",
      &kWriters,
      QT_TRANSLATE_NOOP("Permissions", "Registering and changing GPU nodes needs an owner or editor role.") },
    { Permission::CreateAgents,
      "createAgents",
      &kWriters,
      QT_TRANSLATE_NOOP("Permissions", "Creating agents needs an owner or editor role.") },
    { Permission::DeployTools,
      "deployTools",
      &kWriters,
      QT_TRANSLATE_NOOP("Permissions", "Deploying MCP tools needs an owner or editor role.") },
    { Permission::ManageSafety,
      "manageSafety",
      &kWriters,
      QT_TRANSLATE_NOOP("Permissions", "Changing PII patterns and guardrails needs an owner or editor role.") },
    { Permission::Detokenize,
      "detokenize",
      &kWriters,
      QT_TRANSLATE_NOOP("Permissions", "Revealing tokenized values needs an owner or editor role.") },
    { Permission::ManageApiKeys,
      "manageApiKeys",
      &kWriters,
      QT_TRANSLATE_NOOP("Permissions", "Managing API keys needs an owner or editor role.") },
    { Permission::ManageUsers,
      "manageUsers",
      &kOwners,
      QT_TRANSLATE_NOOP("Permissions", "Managing users needs an owner role.") },
    { Permission::ViewAudit,
      "viewAudit",
      &kOwners,
      QT_TRANSLATE_NOOP("Permissions", "The audit log is visible to owners.") },
    { Permission::ManageOrganizations,
      "manageOrganizations",
      &kUniverseOwner,
      QT_TRANSLATE_NOOP("Permissions", "Managing organizations needs the universe owner role.") },
    { Permission::Inference,
      "inference",
      &kAll,
      QT_TRANSLATE_NOOP("Permissions", "Inference needs any role or an API key.") },
    { Permission::NodeAgent, "nodeAgent", &kNone, QT_TRANSLATE_NOOP("Permissions", "Only node daemons use this.") },
    { Permission::FetchArtifacts,
      "fetchArtifacts",
      &kAll,
      QT_TRANSLATE_NOOP("Permissions", "Downloading model files needs any role or a node credential.") },
    { Permission::UseMcpTools,
      "useMcpTools",
      &kAll,
      QT_TRANSLATE_NOOP("Permissions", "The MCP ops tools need any role or an API key.") },
};

const PermissionInfo& info(Permission permission)
{
    for (const auto& entry : kTable) {
        if (entry.permission == permission)
            return entry;
    }
    return kTable[0];
}

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case UniverseOwner: return QStringLiteral("universe.owner");
    case UniverseEditor: return QStringLiteral("universe.editor");
    case UniverseViewer: return QStringLiteral("universe.viewer");
    case OrganizationOwner: return QStringLiteral("organization.owner");
    case OrganizationEditor: return QStringLiteral("organization.editor");
    case OrganizationViewer: return QStringLiteral("organization.viewer");
    }
    return {};
}

std::optional<Role> roleFromName(const QString& name)
{
    for (const Role role : kAll) {
        if (roleName(role) == name)
            return role;
    }
    return std::nullopt;
}

const QList<Role>& allRoles()
{
    return kAll;
}

bool isUniverseRole(Role role)
{
    return role == UniverseOwner || role == UniverseEditor || role == UniverseViewer;
}

QString permissionName(Permission permission)
{
    return QString::fromLatin1(info(permission).name);
}

const QList<Permission>& allPermissions()
{
    static const QList<Permission> all = [] {
        QList<Permission> list;
        for (const auto& entry : kTable)
            list.append(entry.permission);
        return list;
    }();
    return all;
}

const QList<Role>& rolesGranting(Permission permission)
{
    return *info(permission).roles;
}

Result<void> authorize(const Principal& principal, Permission permission, const QString& resourceOrgId)
{
    if (permission == Permission::Public)
        return {};
    if (principal.subject.isEmpty())
        return makeError(ErrorCode::Unauthorized, QStringLiteral("Sign in first: this needs a bearer token"));

    switch (principal.kind) {
    case PrincipalKind::System: return {};
    case PrincipalKind::Node:
        if (permission == Permission::NodeAgent || permission == Permission::FetchArtifacts)
            return {};
        return makeError(ErrorCode::Forbidden,
                         QStringLiteral("A node credential only reaches the node gateway and the storage route"));
    case PrincipalKind::Enrollment:
        if (permission == Permission::NodeAgent)
            return {};
        return makeError(ErrorCode::Forbidden, QStringLiteral("A node credential only reaches the node gateway"));
    case PrincipalKind::ApiKey:
        if (permission != Permission::Inference && permission != Permission::UseMcpTools)
            return makeError(ErrorCode::Forbidden,
                             QStringLiteral("An API key only reaches inference routes and the MCP ops tools; %1 "
                                            "needs a user")
                                 .arg(permissionName(permission)));
        break;
    case PrincipalKind::User: break;
    }
    if (permission == Permission::NodeAgent)
        return makeError(ErrorCode::Forbidden, QStringLiteral("Only node daemons use the node gateway"));
    if (permission == Permission::Authenticated)
        return {};

    const auto& granting = rolesGranting(permission);
    const bool ownOrg = resourceOrgId.isEmpty() || resourceOrgId == principal.orgId;
    for (const QString& name : principal.roles) {
        const auto role = roleFromName(name);
        if (!role || !granting.contains(*role))
            continue;
        if (isUniverseRole(*role) || (ownOrg && !principal.orgId.isEmpty()))
            return {};
    }
    const char* why = info(permission).denied;
    QString message = QCoreApplication::translate("Permissions", why);
    if (!ownOrg)
        message = QStringLiteral("%1 (the resource belongs to another organization)").arg(message);
    return makeError(ErrorCode::Forbidden, message);
}

bool rolesAllow(const QStringList& roles, Permission permission)
{
    if (permission == Permission::Public || permission == Permission::Authenticated)
        return true;
    const auto& granting = rolesGranting(permission);
    for (const QString& name : roles) {
        if (const auto role = roleFromName(name); role && granting.contains(*role))
            return true;
    }
    return false;
}

QString deniedExplanation(Permission permission)
{
    return QCoreApplication::translate("Permissions", info(permission).denied);
}

} // namespace aiops::iam
