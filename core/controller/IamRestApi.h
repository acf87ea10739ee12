#pragma once

#include "core/iam/IamTypes.h"

#include <QHttpServerResponse>
#include <QString>

namespace aiops::iam {
class IamService;
}

namespace aiops::controller {

class HttpRouter;
struct RequestContext;

// Seed 000 "Authentication & Users" plus the IAM routes the console needs:
//   POST /auth/login, POST /auth/refresh, POST /auth/logout, GET|PATCH /users/me,
//   GET|POST /users, GET|PATCH|DELETE /users/:userId, GET|POST /organizations,
//   GET|POST /api-keys, DELETE /api-keys/:keyId, POST /nodes (one-time enrollment token),
//   GET /node-credentials, DELETE /node-credentials/:credentialId, GET /audit-logs,
//   GET /openapi.json (generated from the route table).
class IamRestApi final
{
public:
    // nodeEndpointUrl: what the enrollment reply tells the operator to point the daemon at.
    IamRestApi(HttpRouter& router, iam::IamService& iam, QString nodeEndpointUrl, QString version);

    static QJsonObject userToJson(const iam::User& user);
    static QJsonObject apiKeyToJson(const iam::ApiKey& key);
    static QJsonObject nodeCredentialToJson(const iam::NodeCredential& credential);
    static QJsonObject auditEventToJson(const iam::AuditEvent& event);

private:
    QHttpServerResponse login(const RequestContext& context);
    QHttpServerResponse refresh(const RequestContext& context);
    QHttpServerResponse logout(const RequestContext& context);
    QHttpServerResponse me(const RequestContext& context) const;
    QHttpServerResponse updateMe(const RequestContext& context);
    QHttpServerResponse listUsers(const RequestContext& context) const;
    QHttpServerResponse createUser(const RequestContext& context);
    QHttpServerResponse getUser(const RequestContext& context) const;
    QHttpServerResponse updateUser(const RequestContext& context);
    QHttpServerResponse deleteUser(const RequestContext& context);
    QHttpServerResponse listOrganizations(const RequestContext& context) const;
    QHttpServerResponse createOrganization(const RequestContext& context);
    QHttpServerResponse listApiKeys(const RequestContext& context) const;
    QHttpServerResponse createApiKey(const RequestContext& context);
    QHttpServerResponse revokeApiKey(const RequestContext& context);
    QHttpServerResponse createEnrollmentToken(const RequestContext& context);
    QHttpServerResponse listNodeCredentials(const RequestContext& context) const;
    QHttpServerResponse revokeNodeCredential(const RequestContext& context);
    QHttpServerResponse listAuditLogs(const RequestContext& context) const;

    QHttpServerResponse tokenReply(const iam::TokenPair& pair) const;

    HttpRouter& m_router;
    iam::IamService& m_iam;
    QString m_nodeEndpointUrl;
    QString m_version;
};

} // namespace aiops::controller
