#pragma once

#include "core/protocol/Error.h"

#include <QHttpServerResponse>

class QHttpServer;
class QHttpServerRequest;

namespace aiops::nodes {
class NodeRegistry;
}

namespace aiops::controller {

class Authenticator;
class NodeGateway;

// JSON error body {errorCode, message, field?} with the status that matches the code.
QHttpServerResponse errorResponse(const Error& error);

// Seed 000 "API Endpoints" for this step: /system/health, /system/stats, /nodes..., /metrics.
// Every route but /system/health requires a bearer token.
class RestApi final
{
public:
    RestApi(QHttpServer& server,
            nodes::NodeRegistry& registry,
            const Authenticator& authenticator,
            const NodeGateway& gateway);

private:
    Result<void> authorize(const QHttpServerRequest& request) const;
    QHttpServerResponse health() const;
    QHttpServerResponse stats() const;
    QHttpServerResponse listNodes(const QHttpServerRequest& request) const;
    QHttpServerResponse getNode(const QString& nodeId) const;
    QHttpServerResponse getMetrics(const QString& nodeId, const QHttpServerRequest& request) const;
    QHttpServerResponse patchNode(const QString& nodeId, const QHttpServerRequest& request);
    QHttpServerResponse deleteNode(const QString& nodeId);
    QHttpServerResponse prometheus() const;

    nodes::NodeRegistry& m_registry;
    const Authenticator& m_authenticator;
    const NodeGateway& m_gateway;
    qint64 m_startedMs;
};

} // namespace aiops::controller
