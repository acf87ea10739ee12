#include "core/store/NodeRepository.h"

#include "core/store/Database.h"
#include "core/store/WriteTransaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace aiops::store {

using namespace Qt::StringLiterals;

namespace {

// Column order of every SELECT; readRecord() indexes by it.
enum Column {
    NodeId,
    Name,
    Role,
    Status,
    IsLocal,
    VpnIp,
    WebsocketConnected,
    LastHeartbeat,
    GpuDevices,
    CpuCores,
    RamTotal,
    RamFree,
    Config,
    OwnerOrgId,
    OwnerUserId,
    CreatedAt,
    ChangedAt,
    DeletedAt,
    IsDeleted,
};

const QString kSelect = u"SELECT nodeId, name, role, status, isLocal, vpnIp, websocketConnected, lastHeartbeat, "
                        "gpuDevices, cpuCores, ramTotal, ramFree, config, ownerOrgId, ownerUserId, createdAt, "
                        "changedAt, deletedAt, isDeleted FROM nodes"_s;

std::unexpected<Error> storeError(const QString& what, const QSqlError& error)
{
    return makeError(ErrorCode::StoreError, what + u": "_s + error.text());
}

bool isValidStatus(const QString& status)
{
    return status == u"online" || status == u"offline" || status == u"maintenance";
}

std::unexpected<Error> invalidStatus(const QString& status)
{
    return makeError(ErrorCode::InvalidValue,
                     u"status \"%1\" is not one of online, offline, maintenance"_s.arg(status.left(64)),
                     u"status"_s);
}

// ISO-8601 UTC with milliseconds; NULL for an invalid date.
QVariant toDb(const QDateTime& dt)
{
    return dt.isValid() ? QVariant(dt.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

QDateTime dateFromDb(const QVariant& v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

QString compact(const QJsonDocument& doc)
{
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

QString gpuDevicesToJson(const QList<GpuDeviceRecord>& devices)
{
    QJsonArray array;
    for (const GpuDeviceRecord& g : devices) {
        QJsonObject o { { u"deviceId"_s, g.deviceId },       { u"model"_s, g.model },
                        { u"memoryTotal"_s, g.memoryTotal }, { u"memoryFree"_s, g.memoryFree },
                        { u"utilization"_s, g.utilization }, { u"temperature"_s, g.temperature } };
        if (!g.uuid.isEmpty())
            o.insert(u"uuid"_s, g.uuid);
        if (!g.vendor.isEmpty())
            o.insert(u"vendor"_s, g.vendor);
        array.append(o);
    }
    return compact(QJsonDocument(array));
}

QList<GpuDeviceRecord> gpuDevicesFromJson(const QJsonArray& array)
{
    QList<GpuDeviceRecord> devices;
    for (const QJsonValue& v : array) {
        const QJsonObject o = v.toObject();
        GpuDeviceRecord g;
        g.deviceId = o.value(u"deviceId").toString();
        g.model = o.value(u"model").toString();
        g.memoryTotal = o.value(u"memoryTotal").toInteger();
        g.memoryFree = o.value(u"memoryFree").toInteger();
        g.utilization = o.value(u"utilization").toDouble();
        g.temperature = o.value(u"temperature").toDouble();
        g.uuid = o.value(u"uuid").toString();
        g.vendor = o.value(u"vendor").toString();
        devices.append(g);
    }
    return devices;
}

QString rolesToJson(const QStringList& roles)
{
    return compact(QJsonDocument(QJsonArray::fromStringList(roles)));
}

// Parses a JSON column; a row written by this code always holds valid JSON, so anything else is
// reported instead of silently read as empty.
Result<QJsonDocument> jsonColumn(const QSqlQuery& query, Column column, const char* name)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(query.value(column).toString().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        return makeError(ErrorCode::StoreError,
                         u"nodes.%1 of %2 is not valid JSON: %3"_s.arg(
                             QLatin1String(name), query.value(NodeId).toString(), error.errorString()));
    }
    return doc;
}

Result<NodeRecord> readRecord(const QSqlQuery& query)
{
    const auto role = jsonColumn(query, Role, "role");
    const auto gpu = role ? jsonColumn(query, GpuDevices, "gpuDevices") : role;
    const auto config = gpu ? jsonColumn(query, Config, "config") : gpu;
    if (!config)
        return std::unexpected(config.error());

    NodeRecord r;
    r.nodeId = query.value(NodeId).toString();
    r.name = query.value(Name).toString();
    r.role.clear();
    for (const QJsonValue& v : role->array())
        r.role.append(v.toString());
    r.status = query.value(Status).toString();
    r.isLocal = query.value(IsLocal).toBool();
    r.vpnIp = query.value(VpnIp).toString();
    r.websocketConnected = query.value(WebsocketConnected).toBool();
    r.lastHeartbeat = dateFromDb(query.value(LastHeartbeat));
    r.gpuDevices = gpuDevicesFromJson(gpu->array());
    r.cpuCores = query.value(CpuCores).toInt();
    r.ramTotal = query.value(RamTotal).toLongLong();
    r.ramFree = query.value(RamFree).toLongLong();
    r.config = config->object();
    r.owner.orgId = query.value(OwnerOrgId).toString();
    r.owner.userId = query.value(OwnerUserId).toString();
    r.createdAt = dateFromDb(query.value(CreatedAt));
    r.changedAt = dateFromDb(query.value(ChangedAt));
    if (!query.value(DeletedAt).isNull())
        r.deletedAt = dateFromDb(query.value(DeletedAt));
    r.isDeleted = query.value(IsDeleted).toBool();
    return r;
}

} // namespace

NodeRepository::NodeRepository(Database& db)
    : m_db(db)
{
}

void NodeRepository::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QDateTime NodeRepository::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

Result<void> NodeRepository::upsert(const NodeRecord& node)
{
    if (node.nodeId.isEmpty())
        return makeError(ErrorCode::InvalidValue, u"nodeId must not be empty"_s, u"nodeId"_s);
    if (!isValidStatus(node.status))
        return invalidStatus(node.status);

    const QDateTime changedAt = now();
    QSqlQuery query(m_db.handle());
    query.prepare(u"INSERT INTO nodes (nodeId, name, role, status, isLocal, vpnIp, websocketConnected, "
                  "lastHeartbeat, gpuDevices, cpuCores, ramTotal, ramFree, config, ownerOrgId, ownerUserId, "
                  "createdAt, changedAt, deletedAt, isDeleted) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0) "
                  "ON CONFLICT (nodeId) DO UPDATE SET name = excluded.name, role = excluded.role, "
                  "status = excluded.status, isLocal = excluded.isLocal, vpnIp = excluded.vpnIp, "
                  "websocketConnected = excluded.websocketConnected, lastHeartbeat = excluded.lastHeartbeat, "
                  "gpuDevices = excluded.gpuDevices, cpuCores = excluded.cpuCores, ramTotal = excluded.ramTotal, "
                  "ramFree = excluded.ramFree, config = excluded.config, ownerOrgId = excluded.ownerOrgId, "
                  "ownerUserId = excluded.ownerUserId, changedAt = excluded.changedAt, deletedAt = NULL, "
                  "isDeleted = 0"_s);
    query.addBindValue(node.nodeId);
    query.addBindValue(node.name.isNull() ? QString(u""_s) : node.name);
    query.addBindValue(rolesToJson(node.role));
    query.addBindValue(node.status);
    query.addBindValue(node.isLocal ? 1 : 0);
    query.addBindValue(node.vpnIp);
    query.addBindValue(node.websocketConnected ? 1 : 0);
    query.addBindValue(toDb(node.lastHeartbeat));
    query.addBindValue(gpuDevicesToJson(node.gpuDevices));
    query.addBindValue(node.cpuCores);
    query.addBindValue(node.ramTotal);
    query.addBindValue(node.ramFree);
    query.addBindValue(compact(QJsonDocument(node.config)));
    query.addBindValue(node.owner.orgId);
    query.addBindValue(node.owner.userId);
    query.addBindValue(toDb(node.createdAt.isValid() ? node.createdAt : changedAt));
    query.addBindValue(toDb(changedAt));
    if (!query.exec())
        return storeError(u"upsert node %1"_s.arg(node.nodeId), query.lastError());
    return {};
}

Result<std::optional<NodeRecord>> NodeRepository::find(const QString& nodeId, bool includeDeleted) const
{
    QSqlQuery query(m_db.handle());
    query.setForwardOnly(true);
    query.prepare(kSelect + (includeDeleted ? u" WHERE nodeId = ?"_s : u" WHERE nodeId = ? AND isDeleted = 0"_s));
    query.addBindValue(nodeId);
    if (!query.exec())
        return storeError(u"find node %1"_s.arg(nodeId), query.lastError());
    if (!query.next())
        return std::optional<NodeRecord>();
    auto record = readRecord(query);
    if (!record)
        return std::unexpected(record.error());
    return std::optional<NodeRecord>(std::move(*record));
}

Result<QList<NodeRecord>> NodeRepository::list(bool includeDeleted) const
{
    QSqlQuery query(m_db.handle());
    query.setForwardOnly(true);
    if (!query.exec(kSelect + (includeDeleted ? QString() : u" WHERE isDeleted = 0"_s) + u" ORDER BY nodeId"_s))
        return storeError(u"list nodes"_s, query.lastError());
    QList<NodeRecord> nodes;
    while (query.next()) {
        auto record = readRecord(query);
        if (!record)
            return std::unexpected(record.error());
        nodes.append(std::move(*record));
    }
    return nodes;
}

Result<int> NodeRepository::saveStatusBatch(const QList<NodeStatusUpdate>& updates)
{
    // Validate everything first so that a bad entry cannot leave half a batch applied.
    for (const NodeStatusUpdate& u : updates) {
        if (!isValidStatus(u.status))
            return invalidStatus(u.status);
    }
    if (updates.isEmpty())
        return 0;

    QSqlDatabase& db = m_db.handle();
    WriteTransaction tx(db);
    if (auto begun = tx.begun(); !begun)
        return std::unexpected(begun.error());
    const QVariant changedAt = toDb(now());
    int updated = 0;
    {
        QSqlQuery query(db);
        bool ok = query.prepare(u"UPDATE nodes SET status = ?, websocketConnected = ?, "
                                "lastHeartbeat = coalesce(?, lastHeartbeat), ramFree = ?, "
                                "gpuDevices = coalesce(?, gpuDevices), changedAt = ? "
                                "WHERE nodeId = ? AND isDeleted = 0"_s);
        for (qsizetype i = 0; ok && i < updates.size(); ++i) {
            const NodeStatusUpdate& u = updates.at(i);
            query.addBindValue(u.status);
            query.addBindValue(u.websocketConnected ? 1 : 0);
            query.addBindValue(toDb(u.lastHeartbeat));
            query.addBindValue(u.ramFree);
            query.addBindValue(u.gpuDevices.isEmpty() ? QVariant() : QVariant(gpuDevicesToJson(u.gpuDevices)));
            query.addBindValue(changedAt);
            query.addBindValue(u.nodeId);
            ok = query.exec();
            if (ok)
                updated += qMax(0, query.numRowsAffected());
        }
        if (!ok) {
            const QSqlError error = query.lastError();
            query.finish();
            return storeError(u"save status batch"_s, error);
        }
    }
    if (auto committed = tx.commit(); !committed)
        return std::unexpected(committed.error());
    return updated;
}

Result<void> NodeRepository::rename(const QString& nodeId, const QString& name)
{
    if (name.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidValue, u"name must not be empty"_s, u"name"_s);
    QSqlQuery query(m_db.handle());
    query.prepare(u"UPDATE nodes SET name = ?, changedAt = ? WHERE nodeId = ? AND isDeleted = 0"_s);
    query.addBindValue(name);
    query.addBindValue(toDb(now()));
    query.addBindValue(nodeId);
    if (!query.exec())
        return storeError(u"rename node %1"_s.arg(nodeId), query.lastError());
    if (query.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"node %1 not found"_s.arg(nodeId), u"nodeId"_s);
    return {};
}

Result<void> NodeRepository::setStatus(const QString& nodeId, const QString& status)
{
    if (!isValidStatus(status))
        return invalidStatus(status);
    QSqlQuery query(m_db.handle());
    query.prepare(u"UPDATE nodes SET status = ?, changedAt = ? WHERE nodeId = ? AND isDeleted = 0"_s);
    query.addBindValue(status);
    query.addBindValue(toDb(now()));
    query.addBindValue(nodeId);
    if (!query.exec())
        return storeError(u"set status of node %1"_s.arg(nodeId), query.lastError());
    if (query.numRowsAffected() == 0)
        return makeError(ErrorCode::NotFound, u"node %1 not found"_s.arg(nodeId), u"nodeId"_s);
    return {};
}

Result<bool> NodeRepository::softDelete(const QString& nodeId)
{
    const QVariant deletedAt = toDb(now());
    QSqlQuery query(m_db.handle());
    query.prepare(u"UPDATE nodes SET isDeleted = 1, deletedAt = ?, changedAt = ? WHERE nodeId = ? AND isDeleted = 0"_s);
    query.addBindValue(deletedAt);
    query.addBindValue(deletedAt);
    query.addBindValue(nodeId);
    if (!query.exec())
        return storeError(u"delete node %1"_s.arg(nodeId), query.lastError());
    return query.numRowsAffected() > 0;
}

} // namespace aiops::store
