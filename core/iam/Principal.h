#pragma once

#include <QString>
#include <QStringList>

namespace aiops::iam {

// What kind of caller a principal is. Users carry roles; API keys act for the user who created them
// (with that user's org and roles) but are limited to inference scopes; nodes and enrollment tokens
// only ever reach the node gateway.
enum class PrincipalKind {
    User,
    ApiKey,
    Node, // a node daemon holding a long-lived node credential
    Enrollment, // a daemon holding a one-time enrollment token (may only exchange it)
    System, // the controller itself (internal calls, local console)
};

// Who a request or connection acts as. Produced by authentication, consumed by authorization
// (core/iam/Permissions.h) and by the audit log.
struct Principal
{
    QString subject; // userId, API key id, nodeId (or "enrollment")
    QStringList roles; // "universe.owner", "organization.viewer", ...
    PrincipalKind kind = PrincipalKind::User;
    QString orgId; // home organization (empty for universe-only system principals)
    QString tokenId; // JWT jti, API key id, node credential id, enrollment token id
    QString displayName; // username, key name, node name: for logs and the audit view
    QStringList models; // API keys: models the key may call; empty = all
};

} // namespace aiops::iam
