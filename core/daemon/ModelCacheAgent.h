#pragma once

#include "core/protocol/Error.h"
#include "core/protocol/Messages.h"

#include <QHash>
#include <QObject>
#include <QUrl>

namespace aiops::daemon {

class ModelCache;
class NodeClient;
struct CacheManifest;

// Carries out the controller's model-cache commands on the node: system.node.cacheModel becomes a
// ModelCache::ensure (acked with system.node.commandAck, then system.node.modelCacheProgress until
// ready or failed), system.node.evictModel a ModelCache::evict; and system.node.modelCache reports the
// cache after every registration and every change. Files on the controller's storage route ("/storage/…")
// are fetched with the node's credential; presigned S3 URLs without one.
class ModelCacheAgent final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelCacheAgent)
public:
    ModelCacheAgent(NodeClient* client, ModelCache* cache, QObject* parent = nullptr);

    // The base a relative storage URL resolves against: ws(s)://host:port/ws/node -> http(s)://host:port/.
    static QUrl httpBaseFor(const QUrl& controllerUrl);
    // The protocol command as a cache manifest (URLs resolved against `base`).
    static CacheManifest manifestFor(const protocol::NodeCacheModel& command, const QUrl& base);

private:
    void onCacheModel(const protocol::NodeCacheModel& command);
    void onEvictModel(const protocol::NodeEvictModel& command);
    void sendAck(const QString& requestId, const Error* error);
    void sendProgress(const QString& modelId,
                      const QString& status,
                      qint64 done,
                      qint64 total,
                      const Error* error = nullptr);
    void sendReport();

    NodeClient* m_client;
    ModelCache* m_cache;
    QHash<QString, QString> m_requestOf; // modelId -> requestId of the command being carried out
};

} // namespace aiops::daemon
