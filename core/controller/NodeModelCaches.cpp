#include "core/controller/NodeModelCaches.h"

#include "core/controller/HttpRouter.h"
#include "core/controller/JsonBody.h"
#include "core/controller/NodeGateway.h"
#include "core/nodes/NodeRegistry.h"
#include "core/protocol/Codec.h"
#include "core/registry/ModelRegistry.h"

#include <QJsonArray>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace aiops::controller {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

constexpr qsizetype kMaxRememberedRequests = 500;

QJsonValue dateJson(const QDateTime& dt)
{
    return dt.isValid() ? QJsonValue(dt.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

bool isFinal(const QString& status)
{
    return status == u"ready" || status == u"failed" || status == u"rejected" || status == u"cancelled";
}

} // namespace

NodeModelCaches::NodeModelCaches(NodeGateway& gateway,
                                 nodes::NodeRegistry& nodes,
                                 registry::ModelRegistry& models,
                                 QObject* parent)
    : QObject(parent)
    , m_gateway(gateway)
    , m_nodes(nodes)
    , m_models(models)
{
    connect(&gateway, &NodeGateway::commandAcknowledged, this, &NodeModelCaches::onAck);
    connect(&gateway, &NodeGateway::modelCacheProgress, this, &NodeModelCaches::onProgress);
    connect(&gateway, &NodeGateway::modelCacheReported, this, &NodeModelCaches::onReport);
}

NodeModelCaches::~NodeModelCaches() = default;

Result<NodeCacheRequest>
NodeModelCaches::cacheModel(const QString& nodeId, const QString& modelId, const QString& version)
{
    if (!m_nodes.node(nodeId))
        return makeError(ErrorCode::NotFound, u"No node %1"_s.arg(nodeId));
    auto manifest = m_models.manifest(modelId, version);
    if (!manifest)
        return std::unexpected(manifest.error());

    protocol::NodeCacheModel command;
    command.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    command.nodeId = nodeId;
    command.modelId = modelId;
    command.version = manifest->version;
    command.commitSha = manifest->commitSha;
    command.timestamp = protocol::nowMs();
    for (const registry::ManifestFile& f : std::as_const(manifest->files))
        command.files.append(protocol::CacheFileRef { f.path, f.size, f.sha256, f.url });
    if (auto sent = m_gateway.sendToNode(nodeId, protocol::encode(command)); !sent)
        return std::unexpected(sent.error());

    const QDateTime now = QDateTime::currentDateTimeUtc();
    NodeCacheRequest request {
        command.requestId, nodeId, modelId, manifest->version, u"sent"_s, 0, manifest->totalBytes, 0, {}, {}, now, now
    };
    remember(request);
    return request;
}

Result<NodeCacheRequest> NodeModelCaches::evictModel(const QString& nodeId, const QString& modelId)
{
    if (!m_nodes.node(nodeId))
        return makeError(ErrorCode::NotFound, u"No node %1"_s.arg(nodeId));
    if (!isCached(nodeId, modelId))
        return makeError(ErrorCode::NotFound, u"Node %1 has not reported model %2 in its cache"_s.arg(nodeId, modelId));
    protocol::NodeEvictModel command {
        QUuid::createUuid().toString(QUuid::WithoutBraces), nodeId, modelId, protocol::nowMs()
    };
    if (auto sent = m_gateway.sendToNode(nodeId, protocol::encode(command)); !sent)
        return std::unexpected(sent.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    NodeCacheRequest request { command.requestId, nodeId, modelId, {}, u"sent"_s, 0, 0, 0, {}, {}, now, now };
    remember(request);
    return request;
}

std::optional<NodeCacheState> NodeModelCaches::state(const QString& nodeId) const
{
    const auto it = m_states.constFind(nodeId);
    return it == m_states.cend() ? std::nullopt : std::optional(*it);
}

QList<NodeCacheRequest> NodeModelCaches::requests(const QString& nodeId) const
{
    QList<NodeCacheRequest> out;
    for (const NodeCacheRequest& r : m_requests) {
        if (r.nodeId == nodeId)
            out.append(r);
    }
    return out;
}

bool NodeModelCaches::isCached(const QString& nodeId, const QString& modelId) const
{
    const auto it = m_states.constFind(nodeId);
    if (it == m_states.cend())
        return false;
    return std::any_of(it->models.cbegin(), it->models.cend(), [&](const auto& m) { return m.modelId == modelId; });
}

NodeCacheRequest* NodeModelCaches::find(const QString& requestId, const QString& nodeId)
{
    for (NodeCacheRequest& r : m_requests) {
        // The node must be the one the command went to: a node cannot report on another's request.
        if (r.requestId == requestId && r.nodeId == nodeId)
            return &r;
    }
    return nullptr;
}

void NodeModelCaches::remember(const NodeCacheRequest& request)
{
    m_requests.append(request);
    if (m_requests.size() > kMaxRememberedRequests)
        m_requests.removeFirst();
    Q_EMIT requestChanged(request);
}

void NodeModelCaches::onAck(const protocol::NodeCommandAck& ack)
{
    NodeCacheRequest* r = find(ack.requestId, ack.nodeId);
    if (!r || isFinal(r->status))
        return;
    if (ack.status == u"rejected") {
        r->status = u"rejected"_s;
        r->errorCode = ack.errorCode;
        r->error = ack.reason;
    } else if (r->status == u"sent") {
        r->status = u"accepted"_s;
    }
    r->changedAt = QDateTime::currentDateTimeUtc();
    Q_EMIT requestChanged(*r);
}

void NodeModelCaches::onProgress(const protocol::NodeModelCacheProgress& progress)
{
    NodeCacheRequest* r = find(progress.requestId, progress.nodeId);
    if (!r || isFinal(r->status))
        return;
    r->status = progress.status;
    r->bytesDone = progress.bytesDone;
    if (progress.bytesTotal > 0)
        r->bytesTotal = progress.bytesTotal;
    r->progress = progress.progress;
    r->errorCode = progress.errorCode;
    r->error = progress.error;
    r->changedAt = QDateTime::currentDateTimeUtc();
    Q_EMIT requestChanged(*r);
}

void NodeModelCaches::onReport(const protocol::NodeModelCache& report)
{
    NodeCacheState& state = m_states[report.nodeId];
    state.capacityMb = report.capacityMb;
    state.usedMb = report.usedMb;
    state.models = report.models;
    state.reportedAt = QDateTime::currentDateTimeUtc();
    // An evict command is done when the model is gone from the node's report.
    for (NodeCacheRequest& r : m_requests) {
        if (r.nodeId == report.nodeId && r.version.isEmpty() && !isFinal(r.status) && !isCached(r.nodeId, r.modelId)) {
            r.status = u"ready"_s;
            r.changedAt = state.reportedAt;
            Q_EMIT requestChanged(r);
        }
    }
    Q_EMIT stateChanged(report.nodeId);
}

QJsonObject NodeModelCaches::toJson(const NodeCacheRequest& r)
{
    QJsonObject o { { u"requestId"_s, r.requestId },
                    { u"nodeId"_s, r.nodeId },
                    { u"modelId"_s, r.modelId },
                    { u"action"_s, r.version.isEmpty() ? u"evict"_s : u"cache"_s },
                    { u"status"_s, r.status },
                    { u"bytesDone"_s, double(r.bytesDone) },
                    { u"bytesTotal"_s, double(r.bytesTotal) },
                    { u"progress"_s, r.progress },
                    { u"createdAt"_s, dateJson(r.createdAt) },
                    { u"changedAt"_s, dateJson(r.changedAt) } };
    if (!r.version.isEmpty())
        o.insert(u"version"_s, r.version);
    if (!r.errorCode.isEmpty())
        o.insert(u"errorCode"_s, r.errorCode);
    if (!r.error.isEmpty())
        o.insert(u"error"_s, r.error);
    return o;
}

void NodeModelCaches::addRoutes(HttpRouter& router)
{
    const OrgResolver nodeOrg = [this](const RequestContext& c) -> Result<QString> {
        const auto node = m_nodes.node(c.param(u"nodeId"_s));
        if (!node)
            return makeError(ErrorCode::NotFound, u"No node %1"_s.arg(c.param(u"nodeId"_s)));
        return node->record.owner.orgId.isEmpty() ? u"default"_s : node->record.owner.orgId;
    };
    const QString tag = u"nodes"_s;
    router.add({ .method = Method::Get,
                 .path = u"/nodes/:nodeId/models"_s,
                 .permission = iam::Permission::ViewMetrics,
                 .summary = u"The node's model cache: capacity, cached models and recent cache requests"_s,
                 .tag = tag,
                 .handler = [this](RequestContext& c) { return getRoute(c); },
                 .resourceOrg = nodeOrg });
    router.add({ .method = Method::Post,
                 .path = u"/nodes/:nodeId/models"_s,
                 .permission = iam::Permission::DeployModels,
                 .summary = u"Cache a model on the node ahead of a deployment; progress in GET /nodes/:nodeId/models"_s,
                 .tag = tag,
                 .handler = [this](RequestContext& c) { return postRoute(c); },
                 .resourceOrg = nodeOrg,
                 .maxBodyBytes = 4096,
                 .createsResource = true,
                 .requestSchema
                 = QJsonObject { { u"type"_s, u"object"_s },
                                 { u"required"_s, QJsonArray { u"modelId"_s } },
                                 { u"properties"_s,
                                   QJsonObject { { u"modelId"_s, QJsonObject { { u"type"_s, u"string"_s } } },
                                                 { u"version"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } },
                 .successStatus = u"202"_s });
    router.add({ .method = Method::Delete,
                 .path = u"/nodes/:nodeId/models/:modelId"_s,
                 .permission = iam::Permission::DeployModels,
                 .summary = u"Remove a model from the node's cache (refused while a deployment uses it)"_s,
                 .tag = tag,
                 .handler = [this](RequestContext& c) { return deleteRoute(c); },
                 .resourceOrg = nodeOrg,
                 .successStatus = u"202"_s });
}

QHttpServerResponse NodeModelCaches::getRoute(const RequestContext& context) const
{
    const QString nodeId = context.param(u"nodeId"_s);
    const NodeCacheState state = this->state(nodeId).value_or(NodeCacheState {});
    QJsonArray models;
    for (const protocol::CachedModelInfo& m : state.models)
        models.append(QJsonObject { { u"modelId"_s, m.modelId },
                                    { u"version"_s, m.version },
                                    { u"sizeMb"_s, double(m.sizeMb) },
                                    { u"lastUsedAt"_s, double(m.lastUsedAt) },
                                    { u"pinned"_s, m.pinned } });
    QJsonArray requests;
    for (const NodeCacheRequest& r : this->requests(nodeId))
        requests.append(toJson(r));
    return QHttpServerResponse(QJsonObject { { u"nodeId"_s, nodeId },
                                             { u"capacityMb"_s, double(state.capacityMb) },
                                             { u"usedMb"_s, double(state.usedMb) },
                                             { u"reportedAt"_s, dateJson(state.reportedAt) },
                                             { u"models"_s, models },
                                             { u"requests"_s, requests } });
}

QHttpServerResponse NodeModelCaches::postRoute(const RequestContext& context)
{
    const auto body = parseJsonObject(context.request.body());
    if (!body)
        return errorResponse(body.error());
    BodyReader r(*body);
    r.allowOnly({ u"modelId"_s, u"version"_s });
    const auto modelId = r.string(u"modelId"_s, Need::Required, 255, true);
    const auto version = r.string(u"version"_s, Need::Optional, 64, true);
    if (r.error())
        return errorResponse(*r.error());
    // The model must belong to the caller's organization as well as the node.
    const auto model = m_models.model(*modelId);
    if (!model)
        return errorResponse(Error { ErrorCode::NotFound, u"No model %1"_s.arg(*modelId), u"modelId"_s });
    if (auto allowed = iam::authorize(
            context.principal, iam::Permission::DeployModels, model->orgId.isEmpty() ? u"default"_s : model->orgId);
        !allowed)
        return errorResponse(allowed.error());
    auto request = cacheModel(context.param(u"nodeId"_s), *modelId, version.value_or(QString()));
    if (!request)
        return errorResponse(request.error());
    return QHttpServerResponse(toJson(*request), Status::Accepted);
}

QHttpServerResponse NodeModelCaches::deleteRoute(const RequestContext& context)
{
    auto request = evictModel(context.param(u"nodeId"_s), context.param(u"modelId"_s));
    if (!request)
        return errorResponse(request.error());
    return QHttpServerResponse(toJson(*request), Status::Accepted);
}

} // namespace aiops::controller
