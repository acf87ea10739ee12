#include "core/controller/InferenceRouter.h"

#include "core/controller/ControllerDeploymentService.h"
#include "core/controller/NodeGateway.h"
#include "core/iam/IamService.h"
#include "core/iam/Permissions.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace aiops::controller {

using namespace Qt::StringLiterals;

namespace {

constexpr QByteArrayView kModelsPrefix = "/models/";
constexpr QByteArrayView kProxyTokenHeader = "X-Aiops-Proxy-Token";

QByteArrayView pathOf(QByteArrayView target)
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.first(q);
}

QByteArrayView queryOf(QByteArrayView target)
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? QByteArrayView() : target.sliced(q);
}

QString orgOrDefault(const QString& orgId)
{
    return orgId.isEmpty() ? u"default"_s : orgId;
}

// Where to dial a node: its socket's peer address, with an IPv4-mapped IPv6 address ("::ffff:10.0.0.5")
// turned back into IPv4.
QString hostOf(const QHostAddress& address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

} // namespace

net::ProxyReply proxyError(const Error& error)
{
    net::ProxyReply reply;
    reply.status = httpStatusFor(error.code);
    QJsonObject body { { u"errorCode"_s, error.codeName() }, { u"message"_s, error.message } };
    if (!error.field.isEmpty())
        body.insert(u"field"_s, error.field);
    reply.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (error.retryAfterSeconds > 0)
        reply.headers.append(std::pair(QByteArray("Retry-After"), QByteArray::number(error.retryAfterSeconds)));
    if (error.code == ErrorCode::Unauthorized)
        reply.headers.append(std::pair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
    return reply;
}

InferenceRouter::InferenceRouter(net::ReverseProxy* proxy,
                                 ControllerDeploymentService* deployments,
                                 NodeGateway* gateway,
                                 iam::IamService* iam,
                                 QObject* parent)
    : QObject(parent)
    , m_deployments(deployments)
    , m_gateway(gateway)
    , m_iam(iam)
    , m_proxy(proxy)
{
    m_clock.start();
    m_proxy->setResolver(
        [this](const net::ProxyRequestHead& head, const QByteArray* body) { return resolve(head, body); });
    m_proxy->setFinished([this](quint64 tag, int status, double elapsedMs) { onFinished(tag, status, elapsedMs); });
}

InferenceRouter::~InferenceRouter()
{
    // Requests still in flight must not call back into a router that is gone.
    m_proxy->setResolver([](const net::ProxyRequestHead&, const QByteArray*) -> net::ProxyDecision {
        return proxyError(Error { ErrorCode::Unavailable, u"The controller is shutting down"_s });
    });
    m_proxy->setFinished({});
}

bool InferenceRouter::claims(QByteArrayView target)
{
    const QByteArrayView path = pathOf(target);
    if (path.startsWith("/v1/"))
        return true;
    if (path.startsWith("/deployments/") && path.endsWith("/logs"))
        return path.sliced(13).indexOf('/') == path.size() - 13 - 5; // /deployments/{id}/logs

    if (!path.startsWith(kModelsPrefix))
        return false;
    // /models/{model}/{instance}/{rest}: three segments at least. Shorter /models/... paths are the
    // registry's REST routes (/models/:modelId, /models/downloads/:jobId).
    const QByteArrayView tail = path.sliced(kModelsPrefix.size());
    const qsizetype a = tail.indexOf('/');
    if (a <= 0)
        return false;
    const qsizetype b = tail.sliced(a + 1).indexOf('/');
    return b > 0 && a + 1 + b + 1 < tail.size();
}

Result<iam::Principal> InferenceRouter::authenticate(const net::ProxyRequestHead& head)
{
    const QByteArray header = head.header("Authorization");
    if (!header.startsWith("Bearer ") || header.size() <= 7)
        return makeError(ErrorCode::Unauthorized, u"Send a bearer token or API key: Authorization: Bearer <key>"_s);
    const QByteArray credential = header.mid(7).trimmed();
    const qint64 now = m_clock.elapsed();
    if (const auto it = m_authCache.constFind(credential); it != m_authCache.cend() && it->expiresAtMs > now)
        return it->principal;
    auto principal = m_iam->authenticateBearer(credential);
    if (!principal)
        return principal;
    if (m_authCache.size() > 4096)
        m_authCache.clear();
    m_authCache.insert(credential, CachedPrincipal { *principal, now + kAuthCacheMs });
    return principal;
}

quint64 InferenceRouter::tagFor(const QString& deploymentId)
{
    auto it = m_tags.constFind(deploymentId);
    if (it != m_tags.cend())
        return *it;
    const quint64 tag = quint64(m_tags.size()) + 1;
    m_tags.insert(deploymentId, tag);
    m_deploymentOfTag.insert(tag, deploymentId);
    return tag;
}

net::ProxyDecision InferenceRouter::routeTo(const QString& deploymentId,
                                            const QString& nodeId,
                                            const QByteArray& upstreamPath,
                                            const net::ProxyRequestHead& head)
{
    Q_UNUSED(head);
    const auto endpoint = m_gateway->proxyEndpoint(nodeId);
    if (!endpoint) {
        Error e { ErrorCode::Unavailable, u"Node %1 is not connected; try again shortly"_s.arg(nodeId) };
        e.retryAfterSeconds = kRetryAfterSeconds;
        return proxyError(e);
    }
    net::ProxyRoute route;
    route.host = endpoint->address.toString();
    if (endpoint->address.protocol() == QAbstractSocket::IPv6Protocol && endpoint->address.isLoopback())
        route.host = u"::1"_s;
    if (const QHostAddress v4(endpoint->address.toIPv4Address());
        endpoint->address.protocol() == QAbstractSocket::IPv6Protocol && !v4.isNull() && v4.toIPv4Address() != 0)
        route.host = v4.toString(); // ::ffff:127.0.0.1
    route.port = quint16(endpoint->port);
    route.path = "/deployments/" + deploymentId.toUtf8() + upstreamPath;
    route.setHeaders.append(std::pair(QByteArray(kProxyTokenHeader.data(), kProxyTokenHeader.size()), endpoint->token));
    route.removeHeaders.append("Authorization");
    route.tag = tagFor(deploymentId);
    ++m_outstanding[deploymentId];
    return route;
}

net::ProxyDecision InferenceRouter::resolve(const net::ProxyRequestHead& head, const QByteArray* body)
{
    auto principal = authenticate(head);
    if (!principal)
        return proxyError(principal.error());
    const QByteArrayView target(head.target);
    const QByteArrayView path = pathOf(target);

    if (path.startsWith("/deployments/")) {
        // /deployments/{id}/logs: read from the node's local HTTP through its proxy.
        const QString deploymentId = QString::fromUtf8(path.sliced(13, path.size() - 13 - 5));
        if (head.method != "GET")
            return proxyError(Error { ErrorCode::MethodNotAllowed, u"Logs answer GET"_s });
        if (principal->kind == iam::PrincipalKind::ApiKey)
            return proxyError(Error { ErrorCode::Forbidden, u"API keys may only call inference routes"_s });
        const auto record = m_deployments->deployment(deploymentId);
        if (!record)
            return proxyError(Error { ErrorCode::NotFound, u"No deployment %1"_s.arg(deploymentId) });
        if (auto allowed = iam::authorize(*principal, iam::Permission::ViewMetrics, orgOrDefault(record->orgId));
            !allowed)
            return proxyError(allowed.error());
        const QByteArrayView rawQuery = queryOf(target);
        const QUrlQuery query(QString::fromUtf8(rawQuery.isEmpty() ? rawQuery : rawQuery.sliced(1)));
        bool ok = true;
        const QString linesText = query.queryItemValue(u"lines"_s);
        const int lines = linesText.isEmpty() ? 200 : linesText.toInt(&ok);
        if (!ok || lines < 1 || lines > 10000)
            return proxyError(Error { ErrorCode::OutOfRange, u"lines must be 1-10000"_s, u"lines"_s });
        if (record->containerId.isEmpty())
            return proxyError(Error { ErrorCode::Conflict, u"Deployment %1 has no container yet"_s.arg(deploymentId) });
        const auto endpoint = m_gateway->proxyEndpoint(record->nodeId);
        if (!endpoint) {
            Error e { ErrorCode::Unavailable, u"Node %1 is not connected"_s.arg(record->nodeId) };
            e.retryAfterSeconds = kRetryAfterSeconds;
            return proxyError(e);
        }
        net::ProxyRoute route;
        route.host = hostOf(endpoint->address);
        route.port = quint16(endpoint->port);
        route.path = "/logs/" + record->containerId.toUtf8() + "?lines=" + QByteArray::number(lines);
        if (const QString since = query.queryItemValue(u"since"_s); !since.isEmpty())
            route.path += "&since=" + QUrl::toPercentEncoding(since);
        route.setHeaders.append(
            std::pair(QByteArray(kProxyTokenHeader.data(), kProxyTokenHeader.size()), endpoint->token));
        route.removeHeaders.append("Authorization");
        return route;
    }

    if (path.startsWith(kModelsPrefix)) {
        // /models/{model}/{instance}/{rest}
        const QByteArrayView tail = path.sliced(kModelsPrefix.size());
        const qsizetype a = tail.indexOf('/');
        const qsizetype b = a < 0 ? -1 : tail.sliced(a + 1).indexOf('/');
        if (a <= 0 || b <= 0)
            return proxyError(Error { ErrorCode::NotFound, u"Use /models/{model}/{instance}/v1/inference"_s });
        const QString modelId = QString::fromUtf8(QByteArray::fromPercentEncoding(tail.first(a).toByteArray()));
        const QString instanceId
            = QString::fromUtf8(QByteArray::fromPercentEncoding(tail.sliced(a + 1, b).toByteArray()));
        QByteArray rest = tail.sliced(a + 1 + b).toByteArray(); // "/v1/inference"
        const auto found = m_deployments->target(modelId, instanceId);
        if (!found) {
            for (const deploy::DeploymentRecord& r : m_deployments->deployments()) {
                if (r.modelId == modelId && r.instanceId == instanceId
                    && r.status == deploy::DeploymentStatus::Deploying) {
                    Error e { ErrorCode::Unavailable,
                              u"Instance %1 of %2 is still deploying"_s.arg(instanceId, modelId) };
                    e.retryAfterSeconds = kRetryAfterSeconds;
                    return proxyError(e);
                }
            }
            return proxyError(
                Error { ErrorCode::NotFound, u"No running instance %1 of model %2"_s.arg(instanceId, modelId) });
        }
        const auto record = m_deployments->deployment(found->deploymentId);
        if (auto allowed
            = iam::authorize(*principal, iam::Permission::Inference, orgOrDefault(record ? record->orgId : QString()));
            !allowed)
            return proxyError(allowed.error());
        if (!principal->models.isEmpty() && !principal->models.contains(modelId))
            return proxyError(Error { ErrorCode::Forbidden, u"This API key may not call %1"_s.arg(modelId) });
        if (rest == "/v1/inference") {
            if (found->framework == u"triton")
                rest = "/v2/models/" + modelId.toUtf8() + "/infer";
            else if (found->framework == u"vllm")
                rest = "/v1/chat/completions";
        }
        return routeTo(found->deploymentId, found->nodeId, rest + queryOf(target).toByteArray(), head);
    }

    if (path == "/v1/models") {
        if (head.method != "GET")
            return proxyError(Error { ErrorCode::MethodNotAllowed, u"/v1/models answers GET"_s });
        return modelsList(*principal);
    }
    return openAi(head, body, *principal);
}

net::ProxyDecision InferenceRouter::modelsList(const iam::Principal& principal) const
{
    QJsonArray data;
    QSet<QString> seen;
    for (const InferenceTarget& t : m_deployments->openAiTargets()) {
        if (seen.contains(t.modelId) || (!principal.models.isEmpty() && !principal.models.contains(t.modelId)))
            continue;
        const auto record = m_deployments->deployment(t.deploymentId);
        if (!record || !iam::authorize(principal, iam::Permission::Inference, orgOrDefault(record->orgId)))
            continue;
        seen.insert(t.modelId);
        data.append(QJsonObject { { u"id"_s, t.modelId },
                                  { u"object"_s, u"model"_s },
                                  { u"created"_s, record->deployedAt.toSecsSinceEpoch() },
                                  { u"owned_by"_s, u"aiops"_s } });
    }
    net::ProxyReply reply;
    reply.status = 200;
    reply.body
        = QJsonDocument(QJsonObject { { u"object"_s, u"list"_s }, { u"data"_s, data } }).toJson(QJsonDocument::Compact);
    return reply;
}

net::ProxyDecision
InferenceRouter::openAi(const net::ProxyRequestHead& head, const QByteArray* body, const iam::Principal& principal)
{
    const QByteArrayView path = pathOf(QByteArrayView(head.target));
    if (path != "/v1/chat/completions" && path != "/v1/completions" && path != "/v1/embeddings")
        return proxyError(
            Error { ErrorCode::NotFound, u"No OpenAI-compatible route %1"_s.arg(QString::fromUtf8(path)) });
    if (head.method != "POST")
        return proxyError(Error { ErrorCode::MethodNotAllowed, u"%1 answers POST"_s.arg(QString::fromUtf8(path)) });
    if (!body)
        return net::ProxyNeedBody {};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*body, &parseError);
    if (!doc.isObject())
        return proxyError(Error { ErrorCode::InvalidJson, u"The body must be a JSON object"_s });
    const QString modelId = doc.object().value(u"model"_s).toString();
    if (modelId.isEmpty())
        return proxyError(Error { ErrorCode::MissingField, u"model is required"_s, u"model"_s });
    if (!principal.models.isEmpty() && !principal.models.contains(modelId))
        return proxyError(Error { ErrorCode::Forbidden, u"This API key may not call %1"_s.arg(modelId) });

    // Least outstanding requests, then the deployment id for a stable order.
    const InferenceTarget* best = nullptr;
    const QList<InferenceTarget> targets = m_deployments->openAiTargets(modelId);
    for (const InferenceTarget& t : targets) {
        const auto record = m_deployments->deployment(t.deploymentId);
        if (!record || !iam::authorize(principal, iam::Permission::Inference, orgOrDefault(record->orgId)))
            continue;
        if (!m_gateway->proxyEndpoint(t.nodeId))
            continue;
        if (!best || m_outstanding.value(t.deploymentId) < m_outstanding.value(best->deploymentId)
            || (m_outstanding.value(t.deploymentId) == m_outstanding.value(best->deploymentId)
                && t.deploymentId < best->deploymentId))
            best = &t;
    }
    if (!best) {
        Error e { ErrorCode::Unavailable, u"No instance of %1 is ready; try again shortly"_s.arg(modelId) };
        e.retryAfterSeconds = kRetryAfterSeconds;
        return proxyError(e);
    }
    return routeTo(best->deploymentId, best->nodeId, QByteArray(head.target), head);
}

bool InferenceRouter::refuseHeld(const QHttpServerRequest& request, QHttpServerResponder& responder)
{
    const QByteArray target = request.url().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
    if (!claims(target))
        return false;
    const QByteArray body
        = QJsonDocument(QJsonObject { { u"errorCode"_s, errorCodeName(ErrorCode::Unavailable) },
                                      { u"message"_s, u"Send inference requests on a new connection"_s } })
              .toJson(QJsonDocument::Compact);
    responder.write(body,
                    { { "Content-Type", "application/json" }, { "Retry-After", "0" }, { "Connection", "close" } },
                    QHttpServerResponder::StatusCode::ServiceUnavailable);
    return true;
}

void InferenceRouter::onFinished(quint64 tag, int status, double elapsedMs)
{
    const QString deploymentId = m_deploymentOfTag.value(tag);
    if (deploymentId.isEmpty())
        return;
    if (auto it = m_outstanding.find(deploymentId); it != m_outstanding.end() && --*it <= 0)
        m_outstanding.erase(it);
    m_deployments->noteRequest(deploymentId, status, elapsedMs);
}

} // namespace aiops::controller
