#include "core/controller/MessagePermissions.h"

#include "core/protocol/Messages.h"

namespace aiops::controller {

const QList<MessagePermission>& messagePermissions()
{
    static const QList<MessagePermission> table {
        { protocol::type::NodeRegister, iam::Permission::NodeAgent, "/ws/node" },
        { protocol::type::NodeHeartbeat, iam::Permission::NodeAgent, "/ws/node" },
        { protocol::type::NodeDisconnect, iam::Permission::NodeAgent, "/ws/node" },
        { protocol::type::NodeCommandAck, iam::Permission::NodeAgent, "/ws/node" },
        { protocol::type::NodeModelCacheProgress, iam::Permission::NodeAgent, "/ws/node" },
        { protocol::type::NodeModelCache, iam::Permission::NodeAgent, "/ws/node" },
        { protocol::type::NodeDeploymentProgress, iam::Permission::NodeAgent, "/ws/node" },
        { protocol::type::NodeLogsResponse, iam::Permission::NodeAgent, "/ws/node" },
        { protocol::type::NodeContainerEvent, iam::Permission::NodeAgent, "/ws/node" },
        { protocol::type::NodeContainers, iam::Permission::NodeAgent, "/ws/node" },
    };
    return table;
}

std::optional<iam::Permission> permissionForMessage(const QString& type)
{
    for (const auto& entry : messagePermissions()) {
        if (type == QLatin1String(entry.type))
            return entry.permission;
    }
    return std::nullopt;
}

} // namespace aiops::controller
