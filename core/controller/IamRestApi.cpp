#include "core/controller/IamRestApi.h"

#include "core/controller/HttpRouter.h"
#include "core/controller/JsonBody.h"
#include "core/iam/IamService.h"
#include "core/iam/Permissions.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>
#include <QUrlQuery>

namespace aiops::controller {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;
using iam::Permission;

namespace {

constexpr int MaxNameLength = 200;
constexpr int MaxPasswordLength = 1024;

QJsonValue dateJson(const QDateTime& dt)
{
    return dt.isValid() ? QJsonValue(dt.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

bool hasUniverseRole(const iam::Principal& principal)
{
    if (principal.kind == iam::PrincipalKind::System)
        return true;
    for (const QString& name : principal.roles) {
        if (const auto role = iam::roleFromName(name); role && iam::isUniverseRole(*role))
            return true;
    }
    return false;
}

// An organization owner may hand out organization roles only; universe roles need a universe owner.
Result<void> checkGrantableRoles(const iam::Principal& principal, const QStringList& roles)
{
    if (hasUniverseRole(principal))
        return {};
    for (const QString& name : roles) {
        if (const auto role = iam::roleFromName(name); role && iam::isUniverseRole(*role))
            return makeError(ErrorCode::Forbidden,
                             QStringLiteral("Only a universe role may grant %1").arg(name),
                             QStringLiteral("roles"));
    }
    return {};
}

QStringList roleNames()
{
    QStringList names;
    for (const iam::Role role : iam::allRoles())
        names.append(iam::roleName(role));
    return names;
}

QJsonObject schema(std::initializer_list<std::pair<QString, QString>> properties, const QStringList& required = {})
{
    QJsonObject props;
    for (const auto& [name, type] : properties) {
        if (type == u"string[]")
            props.insert(name,
                         QJsonObject { { QStringLiteral("type"), QStringLiteral("array") },
                                       { QStringLiteral("items"),
                                         QJsonObject { { QStringLiteral("type"), QStringLiteral("string") } } } });
        else
            props.insert(name, QJsonObject { { QStringLiteral("type"), type } });
    }
    QJsonObject out { { QStringLiteral("type"), QStringLiteral("object") },
                      { QStringLiteral("additionalProperties"), false },
                      { QStringLiteral("properties"), props } };
    if (!required.isEmpty())
        out.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    return out;
}

QHttpServerResponse ok(const QJsonObject& body, Status status = Status::Ok)
{
    return QHttpServerResponse(body, status);
}

} // namespace

QJsonObject IamRestApi::userToJson(const iam::User& user)
{
    return QJsonObject { { QStringLiteral("userId"), user.userId },
                         { QStringLiteral("username"), user.username },
                         { QStringLiteral("email"), user.email },
                         { QStringLiteral("displayName"), user.displayName },
                         { QStringLiteral("orgId"), user.orgId },
                         { QStringLiteral("roles"), QJsonArray::fromStringList(user.roles) },
                         { QStringLiteral("disabled"), user.disabled },
                         { QStringLiteral("createdAt"), dateJson(user.createdAt) },
                         { QStringLiteral("changedAt"), dateJson(user.changedAt) },
                         { QStringLiteral("lastLoginAt"), dateJson(user.lastLoginAt) } };
}

QJsonObject IamRestApi::apiKeyToJson(const iam::ApiKey& key)
{
    return QJsonObject { { QStringLiteral("keyId"), key.keyId },
                         { QStringLiteral("name"), key.name },
                         { QStringLiteral("prefix"), key.prefix },
                         { QStringLiteral("orgId"), key.orgId },
                         { QStringLiteral("ownerUserId"), key.ownerUserId },
                         { QStringLiteral("models"), QJsonArray::fromStringList(key.models) },
                         { QStringLiteral("quotaRequests"), double(key.quotaRequests) },
                         { QStringLiteral("quotaTokens"), double(key.quotaTokens) },
                         { QStringLiteral("quotaWindowSeconds"), key.quotaWindowSeconds },
                         { QStringLiteral("ratePerSecond"), key.ratePerSecond },
                         { QStringLiteral("burst"), key.burst },
                         { QStringLiteral("usedRequests"), double(key.usedRequests) },
                         { QStringLiteral("usedTokens"), double(key.usedTokens) },
                         { QStringLiteral("createdAt"), dateJson(key.createdAt) },
                         { QStringLiteral("lastUsedAt"), dateJson(key.lastUsedAt) },
                         { QStringLiteral("revokedAt"), dateJson(key.revokedAt) },
                         { QStringLiteral("revoked"), key.revoked } };
}

QJsonObject IamRestApi::nodeCredentialToJson(const iam::NodeCredential& credential)
{
    return QJsonObject { { QStringLiteral("credentialId"), credential.credentialId },
                         { QStringLiteral("nodeId"), credential.nodeId },
                         { QStringLiteral("nodeName"), credential.nodeName },
                         { QStringLiteral("orgId"), credential.orgId },
                         { QStringLiteral("createdAt"), dateJson(credential.createdAt) },
                         { QStringLiteral("lastUsedAt"), dateJson(credential.lastUsedAt) },
                         { QStringLiteral("revokedAt"), dateJson(credential.revokedAt) },
                         { QStringLiteral("revoked"), credential.revoked } };
}

QJsonObject IamRestApi::auditEventToJson(const iam::AuditEvent& event)
{
    return QJsonObject {
        { QStringLiteral("id"), event.id },
        { QStringLiteral("timestamp"), dateJson(event.timestamp) },
        { QStringLiteral("eventType"), event.eventType },
        { QStringLiteral("actor"),
          QJsonObject { { QStringLiteral("type"), event.actorType },
                        { QStringLiteral("id"), event.actorId },
                        { QStringLiteral("name"), event.actorName },
                        { QStringLiteral("ip"), event.actorIp } } },
        { QStringLiteral("resource"),
          QJsonObject { { QStringLiteral("type"), event.resourceType },
                        { QStringLiteral("path"), event.resourcePath } } },
        { QStringLiteral("action"), event.action },
        { QStringLiteral("outcome"), event.outcome },
        { QStringLiteral("details"), event.details },
        { QStringLiteral("riskLevel"), event.riskLevel },
        { QStringLiteral("requestId"), event.requestId },
    };
}

IamRestApi::IamRestApi(HttpRouter& router, iam::IamService& iam, QString nodeEndpointUrl, QString version)
    : m_router(router)
    , m_iam(iam)
    , m_nodeEndpointUrl(std::move(nodeEndpointUrl))
    , m_version(std::move(version))
{
    const QString auth = QStringLiteral("auth");
    const QString users = QStringLiteral("users");
    const QString access = QStringLiteral("access");
    const auto userOrg = [this](const RequestContext& c) -> Result<QString> {
        auto user = m_iam.user(c.param(QStringLiteral("userId")));
        if (!user)
            return std::unexpected(user.error());
        return user->orgId;
    };
    const auto keyOrg = [this](const RequestContext& c) -> Result<QString> {
        const QString keyId = c.param(QStringLiteral("keyId"));
        for (const auto& key : m_iam.apiKeys()) {
            if (key.keyId == keyId)
                return key.orgId;
        }
        return makeError(ErrorCode::NotFound, QStringLiteral("No API key %1").arg(keyId));
    };
    const auto credentialOrg = [this](const RequestContext& c) -> Result<QString> {
        const QString id = c.param(QStringLiteral("credentialId"));
        for (const auto& credential : m_iam.nodeCredentials()) {
            if (credential.credentialId == id)
                return credential.orgId.isEmpty() ? QStringLiteral("default") : credential.orgId;
        }
        return makeError(ErrorCode::NotFound, QStringLiteral("No node credential %1").arg(id));
    };
    // A create acts in the organization named in the body, else the caller's own.
    const auto bodyOrg = [](const RequestContext& c) -> Result<QString> {
        const auto body = parseJsonObject(c.request.body());
        if (body && body->value(QStringLiteral("orgId")).isString())
            return body->value(QStringLiteral("orgId")).toString();
        return c.principal.orgId;
    };

    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/openapi.json"),
                 .permission = Permission::Public,
                 .summary = QStringLiteral("This API, generated from the route table"),
                 .tag = QStringLiteral("system"),
                 .handler = [this](RequestContext&) { return ok(m_router.openApi(m_version)); },
                 .rateLimited = false });
    router.add({ .method = Method::Post,
                 .path = QStringLiteral("/auth/login"),
                 .permission = Permission::Public,
                 .summary = QStringLiteral("Sign in with username and password (JWT access + refresh tokens)"),
                 .tag = auth,
                 .handler = [this](RequestContext& c) { return login(c); },
                 .maxBodyBytes = 4096,
                 .audited = false,
                 .requestSchema = schema({ { QStringLiteral("username"), QStringLiteral("string") },
                                           { QStringLiteral("password"), QStringLiteral("string") } },
                                         { QStringLiteral("username"), QStringLiteral("password") }) });
    router.add(
        { .method = Method::Post,
          .path = QStringLiteral("/auth/refresh"),
          .permission = Permission::Public,
          .summary = QStringLiteral("Exchange a refresh token for a new pair (rotation; reuse revokes the family)"),
          .tag = auth,
          .handler = [this](RequestContext& c) { return refresh(c); },
          .maxBodyBytes = 8192,
          .audited = false,
          .requestSchema = schema({ { QStringLiteral("refreshToken"), QStringLiteral("string") } },
                                  { QStringLiteral("refreshToken") }) });
    router.add({ .method = Method::Post,
                 .path = QStringLiteral("/auth/logout"),
                 .permission = Permission::Public,
                 .summary = QStringLiteral("Revoke a refresh token and its family"),
                 .tag = auth,
                 .handler = [this](RequestContext& c) { return logout(c); },
                 .maxBodyBytes = 8192,
                 .requestSchema = schema({ { QStringLiteral("refreshToken"), QStringLiteral("string") } },
                                         { QStringLiteral("refreshToken") }) });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/users/me"),
                 .permission = Permission::Authenticated,
                 .summary = QStringLiteral("Current user"),
                 .tag = users,
                 .handler = [this](RequestContext& c) {
                     return me(c);
                 } });
    router.add({ .method = Method::Patch,
                 .path = QStringLiteral("/users/me"),
                 .permission = Permission::Authenticated,
                 .summary = QStringLiteral("Update the current user's profile or password"),
                 .tag = users,
                 .handler = [this](RequestContext& c) { return updateMe(c); },
                 .maxBodyBytes = 8192,
                 .requestSchema = schema({ { QStringLiteral("displayName"), QStringLiteral("string") },
                                           { QStringLiteral("email"), QStringLiteral("string") },
                                           { QStringLiteral("password"), QStringLiteral("string") },
                                           { QStringLiteral("currentPassword"), QStringLiteral("string") } }) });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/users"),
                 .permission = Permission::ManageUsers,
                 .summary = QStringLiteral("List users (organization owners see their organization)"),
                 .tag = users,
                 .handler = [this](RequestContext& c) {
                     return listUsers(c);
                 } });
    router.add(
        { .method = Method::Post,
          .path = QStringLiteral("/users"),
          .permission = Permission::ManageUsers,
          .summary = QStringLiteral("Add a user with roles"),
          .tag = users,
          .handler = [this](RequestContext& c) { return createUser(c); },
          .resourceOrg = bodyOrg,
          .maxBodyBytes = 8192,
          .createsResource = true,
          .requestSchema = schema({ { QStringLiteral("username"), QStringLiteral("string") },
                                    { QStringLiteral("password"), QStringLiteral("string") },
                                    { QStringLiteral("email"), QStringLiteral("string") },
                                    { QStringLiteral("displayName"), QStringLiteral("string") },
                                    { QStringLiteral("orgId"), QStringLiteral("string") },
                                    { QStringLiteral("roles"), QStringLiteral("string[]") } },
                                  { QStringLiteral("username"), QStringLiteral("password"), QStringLiteral("roles") }),
          .successStatus = QStringLiteral("201") });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/users/:userId"),
                 .permission = Permission::ManageUsers,
                 .summary = QStringLiteral("User details"),
                 .tag = users,
                 .handler = [this](RequestContext& c) { return getUser(c); },
                 .resourceOrg = userOrg });
    router.add({ .method = Method::Patch,
                 .path = QStringLiteral("/users/:userId"),
                 .permission = Permission::ManageUsers,
                 .summary = QStringLiteral("Change a user's roles, profile, password or disabled state"),
                 .tag = users,
                 .handler = [this](RequestContext& c) { return updateUser(c); },
                 .resourceOrg = userOrg,
                 .maxBodyBytes = 8192,
                 .requestSchema = schema({ { QStringLiteral("displayName"), QStringLiteral("string") },
                                           { QStringLiteral("email"), QStringLiteral("string") },
                                           { QStringLiteral("password"), QStringLiteral("string") },
                                           { QStringLiteral("roles"), QStringLiteral("string[]") },
                                           { QStringLiteral("disabled"), QStringLiteral("boolean") } }) });
    router.add({ .method = Method::Delete,
                 .path = QStringLiteral("/users/:userId"),
                 .permission = Permission::ManageUsers,
                 .summary = QStringLiteral("Delete a user (soft delete; revokes their tokens and API keys)"),
                 .tag = users,
                 .handler = [this](RequestContext& c) { return deleteUser(c); },
                 .resourceOrg = userOrg });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/organizations"),
                 .permission = Permission::ViewMetrics,
                 .summary = QStringLiteral("List organizations (organization roles see their own)"),
                 .tag = users,
                 .handler = [this](RequestContext& c) {
                     return listOrganizations(c);
                 } });
    router.add(
        { .method = Method::Post,
          .path = QStringLiteral("/organizations"),
          .permission = Permission::ManageOrganizations,
          .summary = QStringLiteral("Create an organization"),
          .tag = users,
          .handler = [this](RequestContext& c) { return createOrganization(c); },
          .maxBodyBytes = 4096,
          .createsResource = true,
          .requestSchema = schema({ { QStringLiteral("name"), QStringLiteral("string") } }, { QStringLiteral("name") }),
          .successStatus = QStringLiteral("201") });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/api-keys"),
                 .permission = Permission::ManageApiKeys,
                 .summary = QStringLiteral("List API keys (never their secrets)"),
                 .tag = access,
                 .handler = [this](RequestContext& c) {
                     return listApiKeys(c);
                 } });
    router.add({ .method = Method::Post,
                 .path = QStringLiteral("/api-keys"),
                 .permission = Permission::ManageApiKeys,
                 .summary = QStringLiteral("Create an API key; the secret is returned once"),
                 .tag = access,
                 .handler = [this](RequestContext& c) { return createApiKey(c); },
                 .maxBodyBytes = 16384,
                 .createsResource = true,
                 .requestSchema = schema({ { QStringLiteral("name"), QStringLiteral("string") },
                                           { QStringLiteral("models"), QStringLiteral("string[]") },
                                           { QStringLiteral("quotaRequests"), QStringLiteral("integer") },
                                           { QStringLiteral("quotaTokens"), QStringLiteral("integer") },
                                           { QStringLiteral("quotaWindowSeconds"), QStringLiteral("integer") },
                                           { QStringLiteral("ratePerSecond"), QStringLiteral("number") },
                                           { QStringLiteral("burst"), QStringLiteral("integer") } },
                                         { QStringLiteral("name") }),
                 .successStatus = QStringLiteral("201") });
    router.add({ .method = Method::Delete,
                 .path = QStringLiteral("/api-keys/:keyId"),
                 .permission = Permission::ManageApiKeys,
                 .summary = QStringLiteral("Revoke an API key"),
                 .tag = access,
                 .handler = [this](RequestContext& c) { return revokeApiKey(c); },
                 .resourceOrg = keyOrg });
    router.add({ .method = Method::Post,
                 .path = QStringLiteral("/nodes"),
                 .permission = Permission::RegisterNodes,
                 .summary = QStringLiteral("Register a node: issues a one-time enrollment token valid one hour"),
                 .tag = QStringLiteral("nodes"),
                 .handler = [this](RequestContext& c) { return createEnrollmentToken(c); },
                 .maxBodyBytes = 1024,
                 .createsResource = true,
                 .successStatus = QStringLiteral("201") });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/node-credentials"),
                 .permission = Permission::RegisterNodes,
                 .summary = QStringLiteral("List node credentials"),
                 .tag = access,
                 .handler = [this](RequestContext& c) {
                     return listNodeCredentials(c);
                 } });
    router.add({ .method = Method::Delete,
                 .path = QStringLiteral("/node-credentials/:credentialId"),
                 .permission = Permission::RegisterNodes,
                 .summary = QStringLiteral("Revoke a node credential (the node is disconnected at once)"),
                 .tag = access,
                 .handler = [this](RequestContext& c) { return revokeNodeCredential(c); },
                 .resourceOrg = credentialOrg });
    router.add({ .method = Method::Get,
                 .path = QStringLiteral("/audit-logs"),
                 .permission = Permission::ViewAudit,
                 .summary = QStringLiteral("Audit log (filters: actor, action, outcome, from, to, limit)"),
                 .tag = access,
                 .handler = [this](RequestContext& c) {
                     return listAuditLogs(c);
                 } });
}

QHttpServerResponse IamRestApi::tokenReply(const iam::TokenPair& pair) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject body { { QStringLiteral("accessToken"), pair.accessToken },
                       { QStringLiteral("refreshToken"), pair.refreshToken },
                       { QStringLiteral("tokenType"), QStringLiteral("Bearer") },
                       { QStringLiteral("expiresIn"), double(pair.accessExpiresAt - now) },
                       { QStringLiteral("refreshExpiresIn"), double(pair.refreshExpiresAt - now) } };
    if (auto who = m_iam.authenticateBearer(pair.accessToken.toUtf8()); who) {
        if (auto user = m_iam.user(who->subject); user)
            body.insert(QStringLiteral("user"), userToJson(*user));
    }
    return ok(body);
}

QHttpServerResponse IamRestApi::login(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("username"), QStringLiteral("password") });
    const auto username = r.string(QStringLiteral("username"), Need::Required, MaxNameLength, true);
    const auto password = r.string(QStringLiteral("password"), Need::Required, MaxPasswordLength, true);
    if (r.error())
        return errorResponse(*r.error());
    auto pair = m_iam.login(*username, *password, context.clientIp);
    if (!pair)
        return errorResponse(pair.error());
    return tokenReply(*pair);
}

QHttpServerResponse IamRestApi::refresh(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("refreshToken") });
    const auto token = r.string(QStringLiteral("refreshToken"), Need::Required, 4096, true);
    if (r.error())
        return errorResponse(*r.error());
    auto pair = m_iam.refresh(*token, context.clientIp);
    if (!pair)
        return errorResponse(pair.error());
    return tokenReply(*pair);
}

QHttpServerResponse IamRestApi::logout(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("refreshToken") });
    const auto token = r.string(QStringLiteral("refreshToken"), Need::Required, 4096, true);
    if (r.error())
        return errorResponse(*r.error());
    if (auto done = m_iam.logout(*token); !done)
        return errorResponse(done.error());
    return QHttpServerResponse(Status::NoContent);
}

QHttpServerResponse IamRestApi::me(const RequestContext& context) const
{
    if (auto user = m_iam.user(context.principal.subject); user)
        return ok(userToJson(*user));
    // A user of an external IAM (JWKS-verified token) has no local record: answer from the claims.
    return ok(QJsonObject { { QStringLiteral("userId"), context.principal.subject },
                            { QStringLiteral("username"), context.principal.displayName },
                            { QStringLiteral("orgId"), context.principal.orgId },
                            { QStringLiteral("roles"), QJsonArray::fromStringList(context.principal.roles) },
                            { QStringLiteral("external"), true } });
}

QHttpServerResponse IamRestApi::updateMe(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("displayName"),
                  QStringLiteral("email"),
                  QStringLiteral("password"),
                  QStringLiteral("currentPassword") });
    const auto displayName = r.string(QStringLiteral("displayName"), Need::Optional, MaxNameLength);
    const auto email = r.string(QStringLiteral("email"), Need::Optional, MaxNameLength);
    const auto password = r.string(QStringLiteral("password"), Need::Optional, MaxPasswordLength);
    const auto current = r.string(QStringLiteral("currentPassword"), Need::Optional, MaxPasswordLength);
    if (password && !current)
        r.fail(ErrorCode::MissingField,
               QStringLiteral("currentPassword is required to change the password"),
               QStringLiteral("currentPassword"));
    if (r.error())
        return errorResponse(*r.error());
    if (body->isEmpty())
        return errorResponse(Error { ErrorCode::BadRequest, QStringLiteral("Nothing to update") });
    const auto user = m_iam.user(context.principal.subject);
    if (!user)
        return errorResponse(Error { ErrorCode::NotFound, QStringLiteral("This account has no local profile") });
    if (password) {
        // Checking the current password goes through login, so guesses count towards the lockout.
        if (auto check = m_iam.login(user->username, *current, context.clientIp); !check) {
            Error error = check.error();
            if (error.code == ErrorCode::Unauthorized)
                error = Error { ErrorCode::Forbidden,
                                QStringLiteral("The current password is wrong"),
                                QStringLiteral("currentPassword") };
            return errorResponse(error);
        }
    }
    QJsonObject changes;
    if (displayName)
        changes.insert(QStringLiteral("displayName"), *displayName);
    if (email)
        changes.insert(QStringLiteral("email"), *email);
    if (password)
        changes.insert(QStringLiteral("password"), *password);
    auto updated = m_iam.updateUser(user->userId, changes);
    if (!updated)
        return errorResponse(updated.error());
    return ok(userToJson(*updated));
}

QHttpServerResponse IamRestApi::listUsers(const RequestContext& context) const
{
    const bool everyOrg = hasUniverseRole(context.principal)
        && QUrlQuery(context.request.url()).queryItemValue(QStringLiteral("orgId")).isEmpty();
    QJsonArray list;
    for (const auto& user : m_iam.users()) {
        if (everyOrg || user.orgId == context.resourceOrgId)
            list.append(userToJson(user));
    }
    return ok(QJsonObject { { QStringLiteral("users"), list }, { QStringLiteral("total"), list.size() } });
}

QHttpServerResponse IamRestApi::createUser(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("username"),
                  QStringLiteral("password"),
                  QStringLiteral("email"),
                  QStringLiteral("displayName"),
                  QStringLiteral("orgId"),
                  QStringLiteral("roles") });
    iam::NewUser user;
    user.username = r.string(QStringLiteral("username"), Need::Required, MaxNameLength, true).value_or(QString());
    user.password = r.string(QStringLiteral("password"), Need::Required, MaxPasswordLength).value_or(QString());
    user.email = r.string(QStringLiteral("email"), Need::Optional, MaxNameLength).value_or(QString());
    user.displayName = r.string(QStringLiteral("displayName"), Need::Optional, MaxNameLength).value_or(QString());
    user.orgId = r.string(QStringLiteral("orgId"), Need::Optional, MaxNameLength, true).value_or(context.resourceOrgId);
    user.roles = r.strings(QStringLiteral("roles"), Need::Required, roleNames()).value_or(QStringList());
    if (r.error())
        return errorResponse(*r.error());
    if (auto grant = checkGrantableRoles(context.principal, user.roles); !grant)
        return errorResponse(grant.error());
    auto created = m_iam.createUser(user);
    if (!created)
        return errorResponse(created.error());
    return ok(userToJson(*created), Status::Created);
}

QHttpServerResponse IamRestApi::getUser(const RequestContext& context) const
{
    auto user = m_iam.user(context.param(QStringLiteral("userId")));
    if (!user)
        return errorResponse(user.error());
    return ok(userToJson(*user));
}

QHttpServerResponse IamRestApi::updateUser(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("displayName"),
                  QStringLiteral("email"),
                  QStringLiteral("password"),
                  QStringLiteral("roles"),
                  QStringLiteral("disabled") });
    r.string(QStringLiteral("displayName"), Need::Optional, MaxNameLength);
    r.string(QStringLiteral("email"), Need::Optional, MaxNameLength);
    r.string(QStringLiteral("password"), Need::Optional, MaxPasswordLength);
    const auto roles = r.strings(QStringLiteral("roles"), Need::Optional, roleNames());
    r.boolean(QStringLiteral("disabled"));
    if (r.error())
        return errorResponse(*r.error());
    if (body->isEmpty())
        return errorResponse(Error { ErrorCode::BadRequest, QStringLiteral("Nothing to update") });
    if (roles) {
        if (auto grant = checkGrantableRoles(context.principal, *roles); !grant)
            return errorResponse(grant.error());
    }
    auto updated = m_iam.updateUser(context.param(QStringLiteral("userId")), *body);
    if (!updated)
        return errorResponse(updated.error());
    return ok(userToJson(*updated));
}

QHttpServerResponse IamRestApi::deleteUser(const RequestContext& context)
{
    const QString userId = context.param(QStringLiteral("userId"));
    if (userId == context.principal.subject)
        return errorResponse(Error { ErrorCode::Conflict, QStringLiteral("You cannot delete your own account") });
    if (auto done = m_iam.deleteUser(userId); !done)
        return errorResponse(done.error());
    return ok(QJsonObject { { QStringLiteral("userId"), userId }, { QStringLiteral("deleted"), true } });
}

QHttpServerResponse IamRestApi::listOrganizations(const RequestContext& context) const
{
    const bool everyOrg = hasUniverseRole(context.principal);
    QJsonArray list;
    for (const auto& org : m_iam.organizations()) {
        if (everyOrg || org.orgId == context.principal.orgId)
            list.append(QJsonObject { { QStringLiteral("orgId"), org.orgId },
                                      { QStringLiteral("name"), org.name },
                                      { QStringLiteral("createdAt"), dateJson(org.createdAt) } });
    }
    return ok(QJsonObject { { QStringLiteral("organizations"), list }, { QStringLiteral("total"), list.size() } });
}

QHttpServerResponse IamRestApi::createOrganization(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("name") });
    const auto name = r.string(QStringLiteral("name"), Need::Required, MaxNameLength, true);
    if (r.error())
        return errorResponse(*r.error());
    auto org = m_iam.createOrganization(*name);
    if (!org)
        return errorResponse(org.error());
    return ok(QJsonObject { { QStringLiteral("orgId"), org->orgId },
                            { QStringLiteral("name"), org->name },
                            { QStringLiteral("createdAt"), dateJson(org->createdAt) } },
              Status::Created);
}

QHttpServerResponse IamRestApi::listApiKeys(const RequestContext& context) const
{
    const QString org = hasUniverseRole(context.principal)
            && QUrlQuery(context.request.url()).queryItemValue(QStringLiteral("orgId")).isEmpty()
        ? QString()
        : context.resourceOrgId;
    QJsonArray list;
    for (const auto& key : m_iam.apiKeys(org))
        list.append(apiKeyToJson(key));
    return ok(QJsonObject { { QStringLiteral("apiKeys"), list }, { QStringLiteral("total"), list.size() } });
}

QHttpServerResponse IamRestApi::createApiKey(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ QStringLiteral("name"),
                  QStringLiteral("models"),
                  QStringLiteral("quotaRequests"),
                  QStringLiteral("quotaTokens"),
                  QStringLiteral("quotaWindowSeconds"),
                  QStringLiteral("ratePerSecond"),
                  QStringLiteral("burst") });
    iam::ApiKeySpec spec;
    spec.name = r.string(QStringLiteral("name"), Need::Required, MaxNameLength, true).value_or(QString());
    spec.models = r.strings(QStringLiteral("models"), Need::Optional, {}, 256).value_or(QStringList());
    spec.quotaRequests = r.integer(QStringLiteral("quotaRequests"), Need::Optional, 0, 1'000'000'000'000).value_or(0);
    spec.quotaTokens = r.integer(QStringLiteral("quotaTokens"), Need::Optional, 0, 1'000'000'000'000'000).value_or(0);
    spec.quotaWindowSeconds = static_cast<int>(
        r.integer(QStringLiteral("quotaWindowSeconds"), Need::Optional, 60, 31 * 86400).value_or(86400));
    spec.ratePerSecond = r.number(QStringLiteral("ratePerSecond"), Need::Optional, 0, 100000).value_or(0);
    spec.burst = static_cast<int>(r.integer(QStringLiteral("burst"), Need::Optional, 1, 100000).value_or(10));
    if (r.error())
        return errorResponse(*r.error());
    auto created = m_iam.createApiKey(spec, context.principal);
    if (!created)
        return errorResponse(created.error());
    return ok(
        QJsonObject { { QStringLiteral("apiKey"), apiKeyToJson(created->key) },
                      { QStringLiteral("secret"), created->secret },
                      { QStringLiteral("note"), QStringLiteral("Store the secret now: it is not shown again.") } },
        Status::Created);
}

QHttpServerResponse IamRestApi::revokeApiKey(const RequestContext& context)
{
    const QString keyId = context.param(QStringLiteral("keyId"));
    if (auto done = m_iam.revokeApiKey(keyId); !done)
        return errorResponse(done.error());
    return ok(QJsonObject { { QStringLiteral("keyId"), keyId }, { QStringLiteral("revoked"), true } });
}

QHttpServerResponse IamRestApi::createEnrollmentToken(const RequestContext& context)
{
    if (!context.request.body().trimmed().isEmpty()) {
        const auto body = parseJsonObject(context.request.body());
        if (!body)
            return errorResponse(body.error());
        BodyReader r(*body);
        r.allowOnly({});
        if (r.error())
            return errorResponse(*r.error());
    }
    iam::Principal creator = context.principal;
    creator.orgId = context.resourceOrgId;
    auto token = m_iam.createEnrollmentToken(creator);
    if (!token)
        return errorResponse(token.error());
    return ok(QJsonObject { { QStringLiteral("tokenId"), token->tokenId },
                            { QStringLiteral("token"), token->token },
                            { QStringLiteral("expiresAt"), dateJson(token->expiresAt) },
                            { QStringLiteral("endpoint"), m_nodeEndpointUrl },
                            { QStringLiteral("command"),
                              QStringLiteral("aiops-node --controller %1 --token <token>").arg(m_nodeEndpointUrl) } },
              Status::Created);
}

QHttpServerResponse IamRestApi::listNodeCredentials(const RequestContext& context) const
{
    const bool everyOrg = hasUniverseRole(context.principal);
    QJsonArray list;
    for (const auto& credential : m_iam.nodeCredentials()) {
        const QString org = credential.orgId.isEmpty() ? QStringLiteral("default") : credential.orgId;
        if (everyOrg || org == context.resourceOrgId)
            list.append(nodeCredentialToJson(credential));
    }
    return ok(QJsonObject { { QStringLiteral("credentials"), list }, { QStringLiteral("total"), list.size() } });
}

QHttpServerResponse IamRestApi::revokeNodeCredential(const RequestContext& context)
{
    const QString id = context.param(QStringLiteral("credentialId"));
    if (auto done = m_iam.revokeNodeCredential(id); !done)
        return errorResponse(done.error());
    return ok(QJsonObject { { QStringLiteral("credentialId"), id }, { QStringLiteral("revoked"), true } });
}

QHttpServerResponse IamRestApi::listAuditLogs(const RequestContext& context) const
{
    const QUrlQuery query(context.request.url());
    iam::AuditQuery filter;
    filter.actorId = query.queryItemValue(QStringLiteral("actor"));
    filter.action = query.queryItemValue(QStringLiteral("action"));
    filter.outcome = query.queryItemValue(QStringLiteral("outcome"));
    const auto readTime = [&](const QString& key, QDateTime& out) -> Result<void> {
        const QString text = query.queryItemValue(key);
        if (text.isEmpty())
            return {};
        out = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!out.isValid())
            return makeError(ErrorCode::InvalidValue, QStringLiteral("%1 must be an ISO 8601 time").arg(key), key);
        return {};
    };
    if (auto r = readTime(QStringLiteral("from"), filter.from); !r)
        return errorResponse(r.error());
    if (auto r = readTime(QStringLiteral("to"), filter.to); !r)
        return errorResponse(r.error());
    const QString limitText = query.queryItemValue(QStringLiteral("limit"));
    if (!limitText.isEmpty()) {
        bool okNumber = false;
        filter.limit = limitText.toInt(&okNumber);
        if (!okNumber || filter.limit < 1 || filter.limit > 5000)
            return errorResponse(Error {
                ErrorCode::OutOfRange, QStringLiteral("limit must be between 1 and 5000"), QStringLiteral("limit") });
    }
    auto events = m_iam.auditEvents(filter);
    if (!events)
        return errorResponse(events.error());
    // Organization owners see what the people of their organization did.
    QSet<QString> orgActors;
    const bool everyOrg = hasUniverseRole(context.principal);
    if (!everyOrg) {
        for (const auto& user : m_iam.users()) {
            if (user.orgId == context.principal.orgId)
                orgActors.insert(user.userId);
        }
    }
    QJsonArray list;
    for (const auto& event : *events) {
        if (everyOrg || orgActors.contains(event.actorId))
            list.append(auditEventToJson(event));
    }
    return ok(QJsonObject { { QStringLiteral("events"), list }, { QStringLiteral("total"), list.size() } });
}

} // namespace aiops::controller
