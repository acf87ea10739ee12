#include "core/nodes/NodeRegistry.h"

#include "core/store/AsyncStatusWriter.h"
#include "core/store/NodeRepository.h"

#include <QDateTime>
#include <QReadLocker>
#include <QWriteLocker>
#include <algorithm>

namespace aiops::nodes {

namespace {

const QString kOnline = QStringLiteral("online");
const QString kOffline = QStringLiteral("offline");
const QString kMaintenance = QStringLiteral("maintenance");

float percentUsed(qint64 total, qint64 free)
{
    if (total <= 0)
        return 0;
    return static_cast<float>(100.0 * double(std::max<qint64>(0, total - free)) / double(total));
}

} // namespace

NodeRegistry::NodeRegistry(store::NodeRepository* repository, Options options, Clock clock, QObject* parent)
    : QObject(parent)
    , m_repository(repository)
    , m_options(std::move(options))
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); }))
{
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(m_options.changeCoalesceMs);
    connect(&m_changeTimer, &QTimer::timeout, this, [this] {
        const QStringList ids(m_changed.cbegin(), m_changed.cend());
        m_changed.clear();
        if (!ids.isEmpty())
            Q_EMIT nodesChanged(ids);
    });
    // Check often enough that "offline within missed x interval" holds with a quarter-interval slack.
    m_livenessTimer.setInterval(std::max(50, m_options.heartbeatIntervalMs / 4));
    connect(&m_livenessTimer, &QTimer::timeout, this, &NodeRegistry::checkLiveness);
    m_flushTimer.setInterval(m_options.statusFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] {
        if (auto r = flush(); !r)
            Q_EMIT failed(QStringLiteral("flush"), r.error());
    });
}

NodeRegistry::~NodeRegistry()
{
    (void)flush();
}

Result<void> NodeRegistry::start()
{
    if (m_repository) {
        auto rows = m_repository->list();
        if (!rows)
            return std::unexpected(rows.error());
        QWriteLocker locker(&m_lock);
        for (store::NodeRecord& record : *rows) {
            Entry entry;
            if (record.status != kMaintenance)
                record.status = kOffline;
            record.websocketConnected = false;
            entry.info.record = record;
            entry.info.lastHeartbeatMs = record.lastHeartbeat.isValid() ? record.lastHeartbeat.toMSecsSinceEpoch() : 0;
            entry.history.resizeGpus(int(record.gpuDevices.size()));
            m_nodes.insert(record.nodeId, std::move(entry));
        }
    }
    m_livenessTimer.start();
    m_flushTimer.start();
    return {};
}

Result<NodeInfo>
NodeRegistry::registerNode(const protocol::NodeRegister& message, ConnectionId connection, const store::Owner* owner)
{
    std::optional<ConnectionId> superseded;
    std::optional<protocol::NodeOnline> onlineEvent;
    NodeInfo snapshot;
    {
        QWriteLocker locker(&m_lock);
        if (auto it = m_byConnection.constFind(connection); it != m_byConnection.cend() && *it != message.nodeId)
            return makeError(ErrorCode::NodeIdMismatch,
                             QStringLiteral("This connection is registered as %1").arg(*it),
                             QStringLiteral("nodeId"));

        const qint64 t = now();
        const QDateTime nowDt = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
        auto it = m_nodes.find(message.nodeId);
        const bool isNew = it == m_nodes.end();
        if (isNew) {
            it = m_nodes.insert(message.nodeId, Entry {});
            it->info.record.createdAt = nowDt;
            it->info.record.owner = m_options.owner;
        }
        if (owner)
            it->info.record.owner = *owner;
        Entry& entry = *it;
        if (entry.connection && *entry.connection != connection) {
            superseded = entry.connection;
            m_byConnection.remove(*entry.connection);
        }
        entry.connection = connection;
        m_byConnection.insert(connection, message.nodeId);

        store::NodeRecord& r = entry.info.record;
        const bool wasOnline = r.status == kOnline;
        r.nodeId = message.nodeId;
        r.name = message.name;
        r.role = message.role.isEmpty() ? QStringList { QStringLiteral("worker") } : message.role;
        r.isLocal = message.isLocal;
        r.config = message.config;
        r.cpuCores = message.cpuCores;
        r.ramTotal = message.ramTotal;
        r.websocketConnected = true;
        r.isDeleted = false;
        r.deletedAt.reset();
        r.changedAt = nowDt;
        r.lastHeartbeat = nowDt;
        if (r.status != kMaintenance)
            r.status = kOnline;

        QList<store::GpuDeviceRecord> gpus;
        gpus.reserve(message.gpuDevices.size());
        for (const protocol::GpuInventory& g : message.gpuDevices) {
            store::GpuDeviceRecord d;
            d.deviceId = g.deviceId;
            d.model = g.model;
            d.memoryTotal = g.memoryTotal;
            d.memoryFree = g.memoryTotal;
            d.uuid = g.uuid;
            d.vendor = g.vendor;
            gpus.append(d);
        }
        r.gpuDevices = gpus;
        entry.info.gpuLive.clear();
        for (const auto& g : gpus)
            entry.info.gpuLive.append(GpuLive { g.deviceId, -1 });
        entry.info.diskTotal = message.diskTotal;
        entry.info.hostname = message.hostname;
        entry.info.version = message.version;
        entry.info.lastHeartbeatMs = t;
        entry.lastSeenMs = t;
        const int interval = message.config.value(QStringLiteral("heartbeatIntervalMs")).toInt(0);
        entry.intervalMs = interval > 0 ? interval : m_options.heartbeatIntervalMs;
        entry.history.resizeGpus(int(gpus.size()));
        entry.hotGpus.clear();
        ++m_registrations;

        if (!wasOnline && r.status == kOnline)
            onlineEvent = protocol::NodeOnline { r.nodeId, r.name, int(gpus.size()), t };
        snapshot = entry.info;
    }

    if (m_repository) {
        if (auto saved = m_repository->upsert(snapshot.record); !saved)
            Q_EMIT failed(QStringLiteral("register"), saved.error());
    }
    if (superseded)
        Q_EMIT connectionSuperseded(*superseded, message.nodeId);
    markChanged(message.nodeId);
    if (onlineEvent)
        Q_EMIT nodeCameOnline(*onlineEvent);
    return snapshot;
}

Result<void> NodeRegistry::heartbeat(const protocol::NodeHeartbeat& message, ConnectionId connection)
{
    std::optional<protocol::NodeOnline> onlineEvent;
    QList<std::pair<QString, double>> hot;
    {
        QWriteLocker locker(&m_lock);
        const auto owner = m_byConnection.constFind(connection);
        if (owner == m_byConnection.cend())
            return makeError(ErrorCode::NodeNotRegistered,
                             QStringLiteral("Send system.node.register before heartbeats"),
                             QStringLiteral("nodeId"));
        if (*owner != message.nodeId)
            return makeError(ErrorCode::NodeIdMismatch,
                             QStringLiteral("This connection is registered as %1").arg(*owner),
                             QStringLiteral("nodeId"));
        auto it = m_nodes.find(message.nodeId);
        if (it == m_nodes.end())
            return makeError(ErrorCode::NodeNotRegistered, QStringLiteral("Unknown node"), QStringLiteral("nodeId"));
        Entry& entry = *it;
        store::NodeRecord& r = entry.info.record;

        // Validate against the registered inventory before changing anything.
        QList<int> indexes;
        indexes.reserve(message.metrics.gpuDevices.size());
        for (qsizetype i = 0; i < message.metrics.gpuDevices.size(); ++i) {
            const protocol::GpuSample& s = message.metrics.gpuDevices[i];
            const QString path = QStringLiteral("metrics.gpuDevices[%1]").arg(i);
            int index = -1;
            for (qsizetype k = 0; k < r.gpuDevices.size(); ++k) {
                if (r.gpuDevices[k].deviceId == s.deviceId) {
                    index = int(k);
                    break;
                }
            }
            if (index < 0)
                return makeError(ErrorCode::InvalidValue,
                                 QStringLiteral("GPU %1 was not in the registered inventory").arg(s.deviceId),
                                 path + QStringLiteral(".deviceId"));
            if (s.memoryFree > r.gpuDevices[index].memoryTotal)
                return makeError(ErrorCode::OutOfRange,
                                 QStringLiteral("memoryFree %1 exceeds memoryTotal %2")
                                     .arg(s.memoryFree)
                                     .arg(r.gpuDevices[index].memoryTotal),
                                 path + QStringLiteral(".memoryFree"));
            indexes.append(index);
        }
        if (r.ramTotal > 0 && message.metrics.ramFree > r.ramTotal)
            return makeError(
                ErrorCode::OutOfRange, QStringLiteral("ramFree exceeds ramTotal"), QStringLiteral("metrics.ramFree"));

        const qint64 t = now();
        for (qsizetype i = 0; i < message.metrics.gpuDevices.size(); ++i) {
            const protocol::GpuSample& s = message.metrics.gpuDevices[i];
            const int index = indexes[i];
            store::GpuDeviceRecord& g = r.gpuDevices[index];
            g.memoryFree = s.memoryFree;
            g.utilization = s.utilization;
            g.temperature = s.temperature;
            if (index < entry.info.gpuLive.size())
                entry.info.gpuLive[index].powerUsage = s.powerUsage.value_or(-1);
            entry.history.addGpuSample(
                index, t, float(s.utilization), float(g.memoryTotal - s.memoryFree), float(s.temperature));
            if (s.temperature >= m_options.gpuTemperatureThreshold) {
                if (!entry.hotGpus.contains(s.deviceId)) {
                    entry.hotGpus.insert(s.deviceId);
                    hot.append({ s.deviceId, s.temperature });
                }
            } else if (s.temperature < m_options.gpuTemperatureThreshold - 5) {
                entry.hotGpus.remove(s.deviceId); // hysteresis: alert again only after cooling down
            }
        }
        r.ramFree = message.metrics.ramFree;
        entry.info.diskFree = message.metrics.diskFree;
        entry.info.cpuUtilization = message.metrics.cpuUtilization.value_or(-1);
        entry.info.loadAverage = message.metrics.loadAverage.value_or(-1);
        entry.history.addNodeSample(t,
                                    float(entry.info.cpuUtilization),
                                    percentUsed(r.ramTotal, r.ramFree),
                                    percentUsed(entry.info.diskTotal, entry.info.diskFree));
        r.lastHeartbeat = QDateTime::fromMSecsSinceEpoch(t, Qt::UTC);
        entry.info.lastHeartbeatMs = t;
        entry.lastSeenMs = t;
        if (r.status == kOffline) {
            r.status = kOnline;
            r.websocketConnected = true;
            onlineEvent = protocol::NodeOnline { r.nodeId, r.name, int(r.gpuDevices.size()), t };
        }
        ++m_heartbeats;
        if (message.timestamp > 0)
            recordLatency(t - message.timestamp);
    }
    markChanged(message.nodeId);
    markStatusDirty(message.nodeId);
    if (onlineEvent)
        Q_EMIT nodeCameOnline(*onlineEvent);
    for (const auto& [deviceId, celsius] : hot)
        Q_EMIT gpuTemperatureHigh(message.nodeId, deviceId, celsius);
    return {};
}

void NodeRegistry::disconnectNode(const protocol::NodeDisconnect& message, ConnectionId connection)
{
    QList<protocol::NodeOffline> events;
    QString name;
    {
        QWriteLocker locker(&m_lock);
        const auto owner = m_byConnection.constFind(connection);
        if (owner == m_byConnection.cend() || *owner != message.nodeId)
            return;
        m_byConnection.remove(connection);
        auto it = m_nodes.find(message.nodeId);
        if (it == m_nodes.end())
            return;
        it->connection.reset();
        goOffline(*it, message.reason.isEmpty() ? QStringLiteral("disconnect") : message.reason, events);
        name = it->info.record.name;
    }
    markChanged(message.nodeId);
    markStatusDirty(message.nodeId);
    for (const auto& e : events)
        Q_EMIT nodeWentOffline(e, name);
}

void NodeRegistry::connectionClosed(ConnectionId connection)
{
    QList<protocol::NodeOffline> events;
    QString nodeId;
    QString name;
    {
        QWriteLocker locker(&m_lock);
        const auto owner = m_byConnection.constFind(connection);
        if (owner == m_byConnection.cend())
            return;
        nodeId = *owner;
        m_byConnection.remove(connection);
        auto it = m_nodes.find(nodeId);
        if (it == m_nodes.end() || it->connection != connection)
            return;
        it->connection.reset();
        goOffline(*it, QStringLiteral("connection closed"), events);
        name = it->info.record.name;
    }
    markChanged(nodeId);
    markStatusDirty(nodeId);
    for (const auto& e : events)
        Q_EMIT nodeWentOffline(e, name);
}

void NodeRegistry::goOffline(Entry& entry, const QString& reason, QList<protocol::NodeOffline>& events)
{
    store::NodeRecord& r = entry.info.record;
    if (!entry.connection)
        r.websocketConnected = false;
    if (r.status == kOnline) {
        r.status = kOffline;
        r.changedAt = QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC);
        events.append(protocol::NodeOffline { r.nodeId, reason, entry.lastSeenMs, now() });
    }
}

void NodeRegistry::checkLiveness()
{
    QList<protocol::NodeOffline> events;
    QStringList names;
    {
        QWriteLocker locker(&m_lock);
        const qint64 t = now();
        for (Entry& entry : m_nodes) {
            if (entry.info.record.status != kOnline)
                continue;
            const qint64 deadline = entry.lastSeenMs + qint64(m_options.missedHeartbeats) * entry.intervalMs;
            if (t > deadline) {
                const qsizetype before = events.size();
                goOffline(entry, QStringLiteral("heartbeat timeout"), events);
                if (events.size() > before)
                    names.append(entry.info.record.name);
            }
        }
    }
    for (qsizetype i = 0; i < events.size(); ++i) {
        markChanged(events[i].nodeId);
        markStatusDirty(events[i].nodeId);
        Q_EMIT nodeWentOffline(events[i], names.value(i));
    }
}

Result<int> NodeRegistry::flush()
{
    if (!m_repository || m_statusDirty.isEmpty())
        return 0;
    QList<store::NodeStatusUpdate> updates;
    {
        QReadLocker locker(&m_lock);
        updates.reserve(m_statusDirty.size());
        for (const QString& id : std::as_const(m_statusDirty)) {
            const auto it = m_nodes.constFind(id);
            if (it == m_nodes.cend())
                continue;
            const store::NodeRecord& r = it->info.record;
            updates.append(store::NodeStatusUpdate {
                r.nodeId, r.status, r.websocketConnected, r.lastHeartbeat, r.ramFree, r.gpuDevices });
        }
    }
    if (m_writer) {
        const int queued = int(updates.size());
        m_writer->write(std::move(updates));
        m_statusDirty.clear();
        return queued;
    }
    auto written = m_repository->saveStatusBatch(updates);
    if (written)
        m_statusDirty.clear();
    return written;
}

void NodeRegistry::setStatusWriter(store::AsyncStatusWriter* writer)
{
    m_writer = writer;
    if (writer) {
        connect(writer, &store::AsyncStatusWriter::failed, this, [this](const Error& error) {
            Q_EMIT failed(QStringLiteral("flush"), error);
        });
    }
}

void NodeRegistry::noteRejectedMessage()
{
    QWriteLocker locker(&m_lock);
    ++m_rejected;
}

Result<void> NodeRegistry::rename(const QString& nodeId, const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 255)
        return makeError(
            ErrorCode::InvalidValue, QStringLiteral("name must be 1-255 characters"), QStringLiteral("name"));
    {
        QWriteLocker locker(&m_lock);
        auto it = m_nodes.find(nodeId);
        if (it == m_nodes.end())
            return makeError(ErrorCode::NotFound, QStringLiteral("No node %1").arg(nodeId));
        if (m_repository) {
            if (auto r = m_repository->rename(nodeId, trimmed); !r)
                return r;
        }
        it->info.record.name = trimmed;
        it->info.record.changedAt = QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC);
    }
    markChanged(nodeId);
    return {};
}

Result<void> NodeRegistry::setMaintenance(const QString& nodeId, bool maintenance)
{
    {
        QWriteLocker locker(&m_lock);
        auto it = m_nodes.find(nodeId);
        if (it == m_nodes.end())
            return makeError(ErrorCode::NotFound, QStringLiteral("No node %1").arg(nodeId));
        store::NodeRecord& r = it->info.record;
        QString status = r.status;
        if (maintenance)
            status = kMaintenance;
        else if (r.status == kMaintenance)
            status = it->connection ? kOnline : kOffline;
        if (status != r.status) {
            if (m_repository) {
                if (auto s = m_repository->setStatus(nodeId, status); !s)
                    return s;
            }
            r.status = status;
            r.changedAt = QDateTime::fromMSecsSinceEpoch(now(), Qt::UTC);
            it->lastSeenMs
                = std::max(it->lastSeenMs, now() - it->intervalMs); // no instant timeout after leaving maintenance
        }
    }
    markChanged(nodeId);
    return {};
}

Result<void> NodeRegistry::remove(const QString& nodeId)
{
    std::optional<ConnectionId> connection;
    {
        QWriteLocker locker(&m_lock);
        auto it = m_nodes.find(nodeId);
        if (it == m_nodes.end())
            return makeError(ErrorCode::NotFound, QStringLiteral("No node %1").arg(nodeId));
        if (m_repository) {
            auto deleted = m_repository->softDelete(nodeId);
            if (!deleted)
                return std::unexpected(deleted.error());
        }
        connection = it->connection;
        if (connection)
            m_byConnection.remove(*connection);
        m_nodes.erase(it);
        m_statusDirty.remove(nodeId);
        m_changed.remove(nodeId);
    }
    if (connection)
        Q_EMIT connectionSuperseded(*connection, nodeId);
    Q_EMIT nodeRemoved(nodeId);
    return {};
}

QList<NodeInfo> NodeRegistry::nodes() const
{
    QReadLocker locker(&m_lock);
    QList<NodeInfo> out;
    out.reserve(m_nodes.size());
    for (const Entry& e : m_nodes)
        out.append(e.info);
    std::sort(out.begin(), out.end(), [](const NodeInfo& a, const NodeInfo& b) {
        return a.record.createdAt < b.record.createdAt
            || (a.record.createdAt == b.record.createdAt && a.record.nodeId < b.record.nodeId);
    });
    return out;
}

std::optional<NodeInfo> NodeRegistry::node(const QString& nodeId) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_nodes.constFind(nodeId);
    if (it == m_nodes.cend())
        return std::nullopt;
    return it->info;
}

QList<NodePoint> NodeRegistry::nodeHistory(const QString& nodeId, qint64 sinceMs) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_nodes.constFind(nodeId);
    return it == m_nodes.cend() ? QList<NodePoint> {} : it->history.nodeSince(sinceMs);
}

QList<GpuPoint> NodeRegistry::gpuHistory(const QString& nodeId, const QString& deviceId, qint64 sinceMs) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_nodes.constFind(nodeId);
    if (it == m_nodes.cend())
        return {};
    const auto& gpus = it->info.record.gpuDevices;
    for (qsizetype i = 0; i < gpus.size(); ++i) {
        if (gpus[i].deviceId == deviceId)
            return it->history.gpuSince(int(i), sinceMs);
    }
    return {};
}

std::optional<ConnectionId> NodeRegistry::connectionOf(const QString& nodeId) const
{
    QReadLocker locker(&m_lock);
    const auto it = m_nodes.constFind(nodeId);
    return it == m_nodes.cend() ? std::nullopt : it->connection;
}

NodeRegistry::Stats NodeRegistry::stats() const
{
    QReadLocker locker(&m_lock);
    Stats s;
    s.registrations = m_registrations;
    s.heartbeats = m_heartbeats;
    s.rejectedMessages = m_rejected;
    for (const Entry& e : m_nodes) {
        const QString& status = e.info.record.status;
        if (status == kOnline)
            ++s.online;
        else if (status == kMaintenance)
            ++s.maintenance;
        else
            ++s.offline;
        s.gpus += int(e.info.record.gpuDevices.size());
    }
    s.latencySamples = m_latencyCount;
    if (m_latencyCount > 0) {
        const auto percentile = [this](double p) {
            const quint64 rank = quint64(p * double(m_latencyCount - 1)) + 1;
            quint64 seen = 0;
            for (std::size_t ms = 0; ms < m_latency.size(); ++ms) {
                seen += m_latency[ms];
                if (seen >= rank)
                    return double(ms);
            }
            return double(m_latency.size() - 1);
        };
        s.latencyP50Ms = percentile(0.50);
        s.latencyP99Ms = percentile(0.99);
    }
    return s;
}

void NodeRegistry::recordLatency(qint64 ms)
{
    const std::size_t bucket = std::clamp<qint64>(ms, 0, qint64(m_latency.size() - 1));
    ++m_latency[bucket];
    ++m_latencyCount;
}

void NodeRegistry::markChanged(const QString& nodeId)
{
    m_changed.insert(nodeId);
    if (!m_changeTimer.isActive())
        m_changeTimer.start();
}

void NodeRegistry::markStatusDirty(const QString& nodeId)
{
    m_statusDirty.insert(nodeId);
}

} // namespace aiops::nodes
