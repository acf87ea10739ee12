#pragma once

#include "core/iam/Principal.h"
#include "core/protocol/Error.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace aiops::iam {

// Seed 000 "User Roles & Permissions": two scopes times three levels.
enum class Role {
    UniverseOwner,
    UniverseEditor,
    UniverseViewer,
    OrganizationOwner,
    OrganizationEditor,
    OrganizationViewer,
};

QString roleName(Role role); // "universe.owner", ...
std::optional<Role> roleFromName(const QString& name);
const QList<Role>& allRoles();
bool isUniverseRole(Role role);

// Everything a route or message can require. Seed 000's matrix names the first six; the rest
// extend it in the same spirit (owners manage people, owners and editors change resources, every
// role reads).
enum class Permission {
    Public, // no credential (health, login, refresh, openapi)
    Authenticated, // any signed-in user (users/me)
    ViewMetrics, // seed: "View metrics" — all roles; every read-only route
    ChatWithAgents, // seed: "Chat with agents" — all roles
    DeployModels, // seed: owner/editor
    RegisterNodes, // seed: owner/editor (also rename, maintenance, remove, credentials)
    CreateAgents, // seed: owner/editor
    DeployTools, // seed: owner/editor
    ManageSafety, // PII patterns and guardrails: owner/editor
    Detokenize, // reverse a PII token: owner/editor (seed 000 PII section)
    ManageApiKeys, // owner/editor
    ManageUsers, // owners
    ViewAudit, // owners
    ManageOrganizations, // universe.owner
    Inference, // inference and OpenAI-compatible routes: every role and API keys
    NodeAgent, // node daemons on /ws/node
    FetchArtifacts, // model files from the storage route: every role, and node daemons
    UseMcpTools, // the controller's MCP endpoint and its read-only ops tools: every role and API keys
};

QString permissionName(Permission permission); // "deployModels", ... (openapi x-permission)
const QList<Permission>& allPermissions();
// The matrix: which roles grant the permission (empty for Public/Authenticated/NodeAgent, which
// are decided by principal kind).
const QList<Role>& rolesGranting(Permission permission);

// The one authorization check. `resourceOrgId` is the organization owning the target (empty when
// the action is not tied to one org, e.g. listing across orgs, where universe roles are needed
// or results are filtered to the caller's org by the route).
// Organization roles only count when resourceOrgId equals the principal's orgId; universe roles
// count everywhere. API keys hold Inference and UseMcpTools only; nodes hold NodeAgent and
// FetchArtifacts only.
// Unauthorized when the principal is empty (not signed in), Forbidden otherwise.
Result<void> authorize(const Principal& principal, Permission permission, const QString& resourceOrgId);

// For enabling GUI actions: does any of `roles` grant the permission in the caller's own org?
bool rolesAllow(const QStringList& roles, Permission permission);
// A sentence for a disabled action's tooltip: "Deploying models needs an owner or editor role."
QString deniedExplanation(Permission permission);

} // namespace aiops::iam
