#pragma once

#include "core/iam/Permissions.h"

#include <QList>
#include <QString>
#include <optional>

namespace aiops::controller {

// Every inbound WebSocket message type and the permission its sender needs, in one table (the REST
// routes declare theirs in the router's table). A type missing here is refused by its gateway.
struct MessagePermission
{
    const char* type; // "system.node.heartbeat"
    iam::Permission permission;
    const char* gateway; // "/ws/node"
};

const QList<MessagePermission>& messagePermissions();
std::optional<iam::Permission> permissionForMessage(const QString& type);

} // namespace aiops::controller
