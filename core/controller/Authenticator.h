#pragma once

#include "core/protocol/Error.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace aiops::controller {

// Who a request or connection acts as. The IAM layer (users, roles, API keys) supplies richer
// principals through the same interface.
struct Principal
{
    QString subject; // "enrollment", a userId, an API key id
    QStringList roles; // e.g. "node", "universe.owner"
};

enum class Audience {
    Node, // /ws/node: a node daemon
    Api, // REST callers
};

class Authenticator
{
public:
    virtual ~Authenticator() = default;
    // `credential` is the bearer token presented (the "Bearer " prefix already stripped).
    virtual Result<Principal> authenticate(QByteArrayView credential, Audience audience) const = 0;
};

// Extracts the token of an "Authorization: Bearer <token>" header value; empty when absent/malformed.
QByteArray bearerToken(QByteArrayView authorizationHeader);

} // namespace aiops::controller
