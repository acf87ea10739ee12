#include "models/RestNodeService.h"

#include "models/RemoteSession.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QUrl>

namespace aiops::models {

namespace {

constexpr int kEnrollmentWaitMs = 16000;
// Caches change slowly; every view that shows one asks for it, so ask the controller at most this often.
constexpr qint64 kModelCacheRefreshMs = 5000;

QDateTime dateFrom(const QJsonValue& v)
{
    return v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs) : QDateTime();
}

double optionalNumber(const QJsonValue& v)
{
    return v.isDouble() ? v.toDouble() : -1;
}

QString nodePath(const QString& nodeId)
{
    return QStringLiteral("/nodes/") + QString::fromLatin1(QUrl::toPercentEncoding(nodeId));
}

QString modelCachePath(const QString& nodeId)
{
    return nodePath(nodeId) + QStringLiteral("/models");
}

} // namespace

RestNodeService::RestNodeService(RemoteSession* session, int heartbeatIntervalMs, QObject* parent)
    : NodeService(parent)
    , m_session(session)
    , m_intervalMs(heartbeatIntervalMs)
{
    m_pollTimer.setInterval(m_intervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &RestNodeService::pollNow);
    connect(session, &RemoteSession::signedIn, this, &RestNodeService::onSignedIn);
    connect(session, &RemoteSession::signedOut, this, &RestNodeService::onSignedOut);
    connect(session, &RemoteSession::sessionExpired, this, &RestNodeService::onSignedOut);
    if (session->isSignedIn())
        onSignedIn();
}

RestNodeService::~RestNodeService() = default;

Result<nodes::NodeInfo> RestNodeService::nodeFromJson(const QJsonObject& o)
{
    if (!o.value(QStringLiteral("nodeId")).isString() || o.value(QStringLiteral("nodeId")).toString().isEmpty())
        return makeError(
            ErrorCode::InvalidFieldType, QStringLiteral("nodeId must be a non-empty string"), QStringLiteral("nodeId"));
    nodes::NodeInfo n;
    auto& r = n.record;
    r.nodeId = o.value(QStringLiteral("nodeId")).toString();
    r.name = o.value(QStringLiteral("name")).toString();
    r.role.clear();
    for (const auto& role : o.value(QStringLiteral("role")).toArray())
        r.role.append(role.toString());
    r.status = o.value(QStringLiteral("status")).toString(QStringLiteral("offline"));
    r.isLocal = o.value(QStringLiteral("isLocal")).toBool();
    r.vpnIp = o.value(QStringLiteral("vpnIp")).toString();
    r.websocketConnected = o.value(QStringLiteral("websocketConnected")).toBool();
    r.lastHeartbeat = dateFrom(o.value(QStringLiteral("lastHeartbeat")));
    for (const auto& value : o.value(QStringLiteral("gpuDevices")).toArray()) {
        const QJsonObject g = value.toObject();
        store::GpuDeviceRecord gpu;
        gpu.deviceId = g.value(QStringLiteral("deviceId")).toString();
        gpu.model = g.value(QStringLiteral("model")).toString();
        gpu.memoryTotal = g.value(QStringLiteral("memoryTotal")).toInteger();
        gpu.memoryFree = g.value(QStringLiteral("memoryFree")).toInteger();
        gpu.utilization = g.value(QStringLiteral("utilization")).toDouble();
        gpu.temperature = g.value(QStringLiteral("temperature")).toDouble();
        gpu.uuid = g.value(QStringLiteral("uuid")).toString();
        gpu.vendor = g.value(QStringLiteral("vendor")).toString();
        r.gpuDevices.append(gpu);
        n.gpuLive.append(nodes::GpuLive { gpu.deviceId, optionalNumber(g.value(QStringLiteral("powerUsage"))) });
    }
    r.cpuCores = o.value(QStringLiteral("cpuCores")).toInt();
    r.ramTotal = o.value(QStringLiteral("ramTotal")).toInteger();
    r.ramFree = o.value(QStringLiteral("ramFree")).toInteger();
    r.config = o.value(QStringLiteral("config")).toObject();
    const QJsonObject owner = o.value(QStringLiteral("owner")).toObject();
    r.owner = store::Owner { owner.value(QStringLiteral("orgId")).toString(),
                             owner.value(QStringLiteral("userId")).toString() };
    r.createdAt = dateFrom(o.value(QStringLiteral("createdAt")));
    r.changedAt = dateFrom(o.value(QStringLiteral("changedAt")));
    r.isDeleted = o.value(QStringLiteral("isDeleted")).toBool();
    n.cpuUtilization = optionalNumber(o.value(QStringLiteral("cpuUtilization")));
    n.loadAverage = optionalNumber(o.value(QStringLiteral("loadAverage")));
    n.diskTotal = o.value(QStringLiteral("diskTotal")).toInteger();
    n.diskFree = o.value(QStringLiteral("diskFree")).toInteger();
    n.lastHeartbeatMs = r.lastHeartbeat.isValid() ? r.lastHeartbeat.toMSecsSinceEpoch() : 0;
    n.hostname = o.value(QStringLiteral("hostname")).toString();
    n.version = o.value(QStringLiteral("version")).toString();
    return n;
}

Result<controller::NodeModelCacheView> RestNodeService::modelCacheFromJson(const QJsonObject& o)
{
    for (const auto* key : { "models", "requests" }) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isNull() && !v.isArray())
            return makeError(ErrorCode::InvalidFieldType,
                             QStringLiteral("%1 must be an array").arg(QLatin1String(key)),
                             QLatin1String(key));
    }
    controller::NodeModelCacheView view;
    view.capacityMb = o.value(QStringLiteral("capacityMb")).toInteger();
    view.usedMb = o.value(QStringLiteral("usedMb")).toInteger();
    view.reportedAt = dateFrom(o.value(QStringLiteral("reportedAt")));
    for (const auto& value : o.value(QStringLiteral("models")).toArray()) {
        const QJsonObject m = value.toObject();
        view.models.append(protocol::CachedModelInfo { m.value(QStringLiteral("modelId")).toString(),
                                                       m.value(QStringLiteral("version")).toString(),
                                                       m.value(QStringLiteral("sizeMb")).toInteger(),
                                                       m.value(QStringLiteral("lastUsedAt")).toInteger(),
                                                       m.value(QStringLiteral("pinned")).toBool() });
    }
    for (const auto& value : o.value(QStringLiteral("requests")).toArray()) {
        const QJsonObject r = value.toObject();
        controller::NodeCacheRequest request;
        request.requestId = r.value(QStringLiteral("requestId")).toString();
        request.nodeId = r.value(QStringLiteral("nodeId")).toString();
        request.modelId = r.value(QStringLiteral("modelId")).toString();
        request.version = r.value(QStringLiteral("version")).toString();
        request.status = r.value(QStringLiteral("status")).toString();
        request.bytesDone = r.value(QStringLiteral("bytesDone")).toInteger();
        request.bytesTotal = r.value(QStringLiteral("bytesTotal")).toInteger();
        request.progress = r.value(QStringLiteral("progress")).toInt();
        request.errorCode = r.value(QStringLiteral("errorCode")).toString();
        request.error = r.value(QStringLiteral("error")).toString();
        request.createdAt = dateFrom(r.value(QStringLiteral("createdAt")));
        request.changedAt = dateFrom(r.value(QStringLiteral("changedAt")));
        view.requests.append(request);
    }
    return view;
}

void RestNodeService::pollNow()
{
    if (!m_session->isSignedIn() || m_pollInFlight)
        return;
    m_pollInFlight = true;
    m_session->request("GET", QStringLiteral("/nodes"), std::nullopt, this, [this](const Result<QJsonDocument>& reply) {
        m_pollInFlight = false;
        if (!reply) {
            Q_EMIT pollFailed(reply.error());
            return;
        }
        onNodesReply(reply->object());
        Q_EMIT pollSucceeded();
    });
}

void RestNodeService::onSignedIn()
{
    m_pollTimer.start();
    pollNow();
}

void RestNodeService::onSignedOut()
{
    m_pollTimer.stop();
}

void RestNodeService::onNodesReply(const QJsonObject& body)
{
    QList<QString> order;
    QHash<QString, nodes::NodeInfo> parsed;
    QHash<QString, QJsonObject> raw;
    for (const auto& value : body.value(QStringLiteral("nodes")).toArray()) {
        const QJsonObject o = value.toObject();
        auto node = nodeFromJson(o);
        if (!node || parsed.contains(node->nodeId()))
            continue;
        const QString id = node->nodeId();
        order.append(id);
        raw.insert(id, o);
        parsed.insert(id, std::move(*node));
    }

    QStringList changed;
    QList<QPair<QString, QString>> cameOnline;
    QList<QPair<QString, QString>> wentOffline;
    for (const auto& id : order) {
        const auto previous = m_nodes.constFind(id);
        const bool known = previous != m_nodes.constEnd();
        if (!known || m_raw.value(id) != raw.value(id))
            changed.append(id);
        const QString before = known ? previous->record.status : QString();
        const nodes::NodeInfo& now = parsed[id];
        // The first poll only learns the fleet; it announces nothing.
        if (now.record.status == u"online" && before != u"online" && (known || m_firstPollDone))
            cameOnline.append({ id, now.record.name });
        if (now.record.status == u"offline" && known && before != u"offline")
            wentOffline.append({ id, now.record.name });
    }
    QStringList removed;
    for (const auto& id : std::as_const(m_order)) {
        if (!parsed.contains(id))
            removed.append(id);
    }

    m_order = std::move(order);
    m_nodes = std::move(parsed);
    m_raw = std::move(raw);
    m_firstPollDone = true;
    for (const auto& id : std::as_const(removed)) {
        m_history.remove(id);
        m_modelCaches.remove(id);
    }

    for (const auto& id : std::as_const(removed))
        Q_EMIT nodeRemoved(id);
    if (!changed.isEmpty())
        Q_EMIT nodesChanged(changed);
    for (const auto& [id, name] : std::as_const(cameOnline))
        Q_EMIT nodeCameOnline(id, name);
    for (const auto& [id, name] : std::as_const(wentOffline))
        Q_EMIT nodeWentOffline(id, name, tr("reported offline by the controller"));
}

QList<nodes::NodeInfo> RestNodeService::nodes() const
{
    QList<nodes::NodeInfo> list;
    list.reserve(m_order.size());
    for (const auto& id : m_order)
        list.append(m_nodes.value(id));
    return list;
}

std::optional<nodes::NodeInfo> RestNodeService::node(const QString& nodeId) const
{
    const auto it = m_nodes.constFind(nodeId);
    if (it == m_nodes.constEnd())
        return std::nullopt;
    return *it;
}

QList<nodes::NodePoint> RestNodeService::nodeHistory(const QString& nodeId, qint64 sinceMs) const
{
    requestHistory(nodeId, sinceMs);
    QList<nodes::NodePoint> points;
    const auto it = m_history.constFind(nodeId);
    if (it == m_history.constEnd())
        return points;
    for (const auto& p : it->node) {
        if (p.tMs >= sinceMs)
            points.append(p);
    }
    return points;
}

QList<nodes::GpuPoint> RestNodeService::gpuHistory(const QString& nodeId, const QString& deviceId, qint64 sinceMs) const
{
    requestHistory(nodeId, sinceMs);
    QList<nodes::GpuPoint> points;
    const auto it = m_history.constFind(nodeId);
    if (it == m_history.constEnd())
        return points;
    for (const auto& p : it->gpus.value(deviceId)) {
        if (p.tMs >= sinceMs)
            points.append(p);
    }
    return points;
}

void RestNodeService::requestHistory(const QString& nodeId, qint64 sinceMs) const
{
    if (!m_session->isSignedIn() || !m_nodes.contains(nodeId) || m_historyInFlight.contains(nodeId))
        return;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const auto cached = m_history.constFind(nodeId);
    if (cached != m_history.constEnd() && cached->sinceMs <= sinceMs && nowMs - cached->fetchedAtMs < m_intervalMs)
        return;
    m_historyInFlight.insert(nodeId);
    auto* self = const_cast<RestNodeService*>(this);
    m_session->request("GET",
                       nodePath(nodeId) + QStringLiteral("/metrics?since=%1").arg(sinceMs),
                       std::nullopt,
                       self,
                       [self, nodeId, sinceMs, nowMs](const Result<QJsonDocument>& reply) {
                           self->m_historyInFlight.remove(nodeId);
                           if (!reply || !self->m_nodes.contains(nodeId))
                               return;
                           const QJsonObject history = reply->object().value(QStringLiteral("history")).toObject();
                           History h;
                           h.sinceMs = sinceMs;
                           h.fetchedAtMs = nowMs;
                           h.raw = history;
                           for (const auto& value : history.value(QStringLiteral("node")).toArray()) {
                               const QJsonObject p = value.toObject();
                               h.node.append(nodes::NodePoint {
                                   p.value(QStringLiteral("t")).toInteger(),
                                   static_cast<float>(optionalNumber(p.value(QStringLiteral("cpuUtilization")))),
                                   static_cast<float>(p.value(QStringLiteral("ramUsedPercent")).toDouble()),
                                   static_cast<float>(p.value(QStringLiteral("diskUsedPercent")).toDouble()) });
                           }
                           const QJsonObject gpus = history.value(QStringLiteral("gpus")).toObject();
                           for (auto it = gpus.begin(); it != gpus.end(); ++it) {
                               QList<nodes::GpuPoint> points;
                               for (const auto& value : it.value().toArray()) {
                                   const QJsonObject p = value.toObject();
                                   points.append(nodes::GpuPoint {
                                       p.value(QStringLiteral("t")).toInteger(),
                                       static_cast<float>(p.value(QStringLiteral("utilization")).toDouble()),
                                       static_cast<float>(p.value(QStringLiteral("memoryUsed")).toDouble()),
                                       static_cast<float>(p.value(QStringLiteral("temperature")).toDouble()) });
                               }
                               h.gpus.insert(it.key(), points);
                           }
                           const auto before = self->m_history.constFind(nodeId);
                           const bool same = before != self->m_history.constEnd() && before->raw == h.raw;
                           self->m_history.insert(nodeId, std::move(h));
                           if (!same)
                               Q_EMIT self->nodesChanged(QStringList { nodeId });
                       });
}

std::optional<controller::NodeModelCacheView> RestNodeService::modelCache(const QString& nodeId) const
{
    requestModelCache(nodeId, false);
    const auto it = m_modelCaches.constFind(nodeId);
    return it == m_modelCaches.constEnd() ? std::nullopt : it->view;
}

void RestNodeService::requestModelCache(const QString& nodeId, bool force) const
{
    if (!m_session->isSignedIn() || !m_nodes.contains(nodeId))
        return;
    if (m_modelCacheInFlight.contains(nodeId)) {
        if (force)
            m_modelCacheRefetch.insert(nodeId);
        return;
    }
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const auto cached = m_modelCaches.constFind(nodeId);
    if (!force && cached != m_modelCaches.constEnd()
        && nowMs - cached->fetchedAtMs < std::max<qint64>(m_intervalMs, kModelCacheRefreshMs))
        return;
    m_modelCacheInFlight.insert(nodeId);
    auto* self = const_cast<RestNodeService*>(this);
    m_session->request(
        "GET", modelCachePath(nodeId), std::nullopt, self, [self, nodeId, nowMs](const Result<QJsonDocument>& reply) {
            self->m_modelCacheInFlight.remove(nodeId);
            if (!self->m_nodes.contains(nodeId))
                return;
            const bool refetch = self->m_modelCacheRefetch.remove(nodeId); // a mutation came after this GET left
            ModelCache& entry = self->m_modelCaches[nodeId];
            entry.fetchedAtMs = nowMs; // a failure waits for the next interval too
            auto view = reply ? modelCacheFromJson(reply->object()) : std::unexpected(reply.error());
            if (view) {
                const bool empty = !view->hasReported() && view->requests.isEmpty();
                std::optional<controller::NodeModelCacheView> next;
                if (!empty)
                    next = std::move(*view);
                const bool same = entry.view == next;
                entry.view = std::move(next);
                if (!same)
                    Q_EMIT self->modelCacheChanged(nodeId);
            }
            if (refetch)
                self->requestModelCache(nodeId, true);
        });
}

void RestNodeService::mutateModelCache(const QString& operation,
                                       const QByteArray& verb,
                                       const QString& nodeId,
                                       const QString& path,
                                       const std::optional<QJsonObject>& body)
{
    m_session->request(verb, path, body, this, [this, operation, nodeId](const Result<QJsonDocument>& reply) {
        if (!reply) {
            Q_EMIT operationFailed(operation, reply.error());
            return;
        }
        requestModelCache(nodeId, true);
    });
}

void RestNodeService::cacheModelOnNode(const QString& nodeId, const QString& modelId)
{
    mutateModelCache(QStringLiteral("cacheModel"),
                     "POST",
                     nodeId,
                     modelCachePath(nodeId),
                     QJsonObject { { QStringLiteral("modelId"), modelId } });
}

void RestNodeService::evictModelFromNode(const QString& nodeId, const QString& modelId)
{
    mutateModelCache(QStringLiteral("evictModel"),
                     "DELETE",
                     nodeId,
                     modelCachePath(nodeId) + QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(modelId)),
                     std::nullopt);
}

void RestNodeService::mutate(const QString& operation,
                             const QByteArray& verb,
                             const QString& nodeId,
                             const std::optional<QJsonObject>& body)
{
    m_session->request(verb, nodePath(nodeId), body, this, [this, operation](const Result<QJsonDocument>& reply) {
        if (!reply) {
            Q_EMIT operationFailed(operation, reply.error());
            return;
        }
        pollNow();
    });
}

void RestNodeService::renameNode(const QString& nodeId, const QString& name)
{
    mutate(QStringLiteral("rename"), "PATCH", nodeId, QJsonObject { { QStringLiteral("name"), name } });
}

void RestNodeService::setMaintenance(const QString& nodeId, bool maintenance)
{
    mutate(
        QStringLiteral("maintenance"), "PATCH", nodeId, QJsonObject { { QStringLiteral("maintenance"), maintenance } });
}

void RestNodeService::removeNode(const QString& nodeId)
{
    mutate(QStringLiteral("remove"), "DELETE", nodeId, std::nullopt);
}

QString RestNodeService::nodeEndpointUrl() const
{
    QUrl url = m_session->controllerUrl();
    url.setScheme(url.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(url.path() + QStringLiteral("/ws/node"));
    return url.toString();
}

Result<iam::EnrollmentToken> RestNodeService::issueEnrollmentToken()
{
    if (!m_session->isSignedIn())
        return makeError(ErrorCode::Unauthorized, tr("Not signed in to the controller."));
    QEventLoop loop;
    std::optional<Result<QJsonDocument>> answer;
    m_session->request(
        "POST", QStringLiteral("/nodes"), QJsonObject {}, &loop, [&answer, &loop](const Result<QJsonDocument>& reply) {
            answer = reply;
            loop.quit();
        });
    QTimer::singleShot(kEnrollmentWaitMs, &loop, &QEventLoop::quit);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!answer)
        return makeError(ErrorCode::Unavailable, tr("The controller did not answer in time."));
    if (!*answer)
        return std::unexpected(answer->error());
    const QJsonObject o = (*answer)->object();
    iam::EnrollmentToken token;
    token.token = o.value(QStringLiteral("token")).toString();
    if (token.token.isEmpty())
        return makeError(ErrorCode::InvalidJson, tr("The controller's answer has no enrollment token."));
    token.tokenId = o.value(QStringLiteral("tokenId")).toString();
    token.orgId = o.value(QStringLiteral("orgId")).toString();
    token.createdBy = o.value(QStringLiteral("createdBy")).toString();
    const QJsonValue expires = o.value(QStringLiteral("expiresAt"));
    if (expires.isString())
        token.expiresAt = QDateTime::fromString(expires.toString(), Qt::ISODateWithMs);
    else if (expires.isDouble()) // seconds since the epoch
        token.expiresAt = QDateTime::fromSecsSinceEpoch(expires.toInteger(), Qt::UTC);
    return token;
}

} // namespace aiops::models
