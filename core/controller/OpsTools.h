#pragma once

#include "core/iam/Permissions.h"
#include "core/iam/Principal.h"
#include "core/protocol/Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>

namespace aiops::registry {
class ModelService;
}

namespace aiops::controller {

class DeploymentService;
class NodeService;

// One tool the controller offers to agents (over MCP at /mcp, and to its own agent runtime).
struct OpsTool
{
    QString name; // "gpuReport": unique, [A-Za-z0-9_-]
    QString description; // what the model reads to decide when to call it
    QJsonObject inputSchema; // JSON Schema of the arguments: an object schema
    QJsonObject outputSchema; // JSON Schema of the result; empty = undeclared
    // Checked for every call, in the caller's organization (on top of the MCP endpoint's own).
    iam::Permission permission = iam::Permission::ViewMetrics;
    // The arguments arrive validated against inputSchema. The handler scopes what it returns to the
    // caller's organization.
    std::function<Result<QJsonObject>(const iam::Principal&, const QJsonObject& arguments)> handler;
    QJsonObject annotations; // MCP tool annotations: readOnlyHint, openWorldHint, ...
};

// The controller's tools, in the order they were added.
class OpsToolbox final
{
public:
    // False (and the tool is not added) without a name, handler or object input schema, or when the
    // name is taken.
    bool add(OpsTool tool);
    QList<OpsTool> tools() const { return m_tools; }
    // The tools this caller may call (their permission passes in the caller's organization).
    QList<OpsTool> toolsFor(const iam::Principal& principal) const;
    const OpsTool* find(const QString& name) const;

    // NotFound for an unknown tool; Unauthorized/Forbidden when the tool's permission fails in the caller's
    // organization; InvalidValue (field = the argument) when the arguments do not match the input schema;
    // else whatever the handler returns.
    Result<QJsonObject> call(const iam::Principal& principal, const QString& name, const QJsonObject& arguments) const;

    // The top-level check call() makes: required properties present, declared types (string, integer,
    // number, boolean, object, array, null), enum, minimum/maximum, and no undeclared property when
    // additionalProperties is false.
    static Result<void> validate(const QJsonObject& schema, const QJsonObject& arguments);

private:
    QList<OpsTool> m_tools;
};

// The organization a principal's tool results are scoped to ("default" when it names none).
QString toolOrgOf(const iam::Principal& principal);

// Adds the read-only ops tools over the controller's services: listNodes, gpuReport, listDeployments,
// listModels. Each needs Permission::UseMcpTools (every role and API keys) and answers for the caller's
// organization only. The services must outlive the toolbox.
void addOpsTools(OpsToolbox& toolbox,
                 const NodeService& nodes,
                 const DeploymentService& deployments,
                 const registry::ModelService& models);

} // namespace aiops::controller
