#pragma once

#include "core/iam/Principal.h"
#include "core/net/ReverseProxy.h"
#include "core/protocol/Error.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

class QHttpServerRequest;
class QHttpServerResponder;

namespace aiops::iam {
class IamService;
}

namespace aiops::controller {

class ControllerDeploymentService;
class NodeGateway;

// Routes inference traffic on the controller's port (issue "Deploy" §5) through the reverse proxy:
//
//   /models/{model}/{instance}/{rest}   the running deployment of that instance, on its node:
//                                       -> http://<node>:<proxyPort>/deployments/{deploymentId}/{rest'}
//                                       where rest' maps Triton's v1/inference to v2/models/{model}/infer
//                                       and vLLM's v1/inference to v1/chat/completions.
//   GET  /v1/models                     every model with a running OpenAI-speaking instance
//   POST /v1/chat/completions,          by the body's "model", to the running instance with the fewest
//        /v1/completions, /v1/embeddings requests in flight
//   GET  /deployments/{id}/logs         the container's log tail from its node (?lines=, ?since=), as
//                                       text/plain; needs the view permission, not inference
//
// Callers present a bearer credential (user token or API key) holding the inference permission in
// the deployment's organization; API keys limited to some models reach only those. The credential is
// not forwarded; the node daemon gets the secret it announced instead. No ready instance: 503 with
// Retry-After. Unknown model or instance: 404. Errors are JSON {errorCode, message}.
class InferenceRouter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InferenceRouter)
public:
    static constexpr int kRetryAfterSeconds = 5;
    static constexpr int kAuthCacheMs = 30000;

    // Installs itself as the proxy's resolver and finished callback (the proxy must outlive it).
    InferenceRouter(net::ReverseProxy* proxy,
                    ControllerDeploymentService* deployments,
                    NodeGateway* gateway,
                    iam::IamService* iam,
                    QObject* parent = nullptr);
    ~InferenceRouter() override;
    // True for the paths this router serves (the shared port hands those connections to the proxy):
    // /v1/... and /models/{model}/{instance}/{rest}; not the registry's shorter /models/... routes.
    static bool claims(QByteArrayView target);

    net::ProxyDecision resolve(const net::ProxyRequestHead& head, const QByteArray* body);

    // For a claimed path that reached QHttpServer anyway (a connection it already holds): 503 with
    // Retry-After: 0 and Connection: close, so the client retries on a fresh connection, which the
    // front door gives to the proxy. REST replies carry Connection: close, so clients rarely get here.
    static bool refuseHeld(const QHttpServerRequest& request, QHttpServerResponder& responder);

private:
    struct CachedPrincipal
    {
        iam::Principal principal;
        qint64 expiresAtMs = 0;
    };
    Result<iam::Principal> authenticate(const net::ProxyRequestHead& head);
    net::ProxyDecision routeTo(const QString& deploymentId,
                               const QString& nodeId,
                               const QByteArray& upstreamPath,
                               const net::ProxyRequestHead& head);
    net::ProxyDecision modelsList(const iam::Principal& principal) const;
    net::ProxyDecision
    openAi(const net::ProxyRequestHead& head, const QByteArray* body, const iam::Principal& principal);
    void onFinished(quint64 tag, int status, double elapsedMs);
    quint64 tagFor(const QString& deploymentId);

    ControllerDeploymentService* m_deployments;
    NodeGateway* m_gateway;
    iam::IamService* m_iam;
    net::ReverseProxy* m_proxy;
    QElapsedTimer m_clock;
    QHash<QByteArray, CachedPrincipal> m_authCache; // bearer credential ->
    QHash<QString, quint64> m_tags; // deploymentId -> proxy tag
    QHash<quint64, QString> m_deploymentOfTag;
    QHash<QString, qint64> m_outstanding; // deploymentId -> requests in flight
};

// Error reply in the controller's JSON shape.
net::ProxyReply proxyError(const Error& error);

} // namespace aiops::controller
