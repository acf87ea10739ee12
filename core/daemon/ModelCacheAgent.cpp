#include "core/daemon/ModelCacheAgent.h"

#include "core/daemon/ModelCache.h"
#include "core/daemon/NodeClient.h"
#include "core/protocol/Codec.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslKey>

using namespace Qt::StringLiterals;

namespace aiops::daemon {

Q_LOGGING_CATEGORY(lcCacheAgent, "aiops.node.cache")

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QByteArray keyPinOf(const QSslCertificate& certificate)
{
    if (certificate.isNull())
        return {};
    const QByteArray spki = certificate.publicKey().toDer();
    if (spki.isEmpty())
        return {};
    return "sha256//" + QCryptographicHash::hash(spki, QCryptographicHash::Sha256).toBase64();
}

int percent(qint64 done, qint64 total)
{
    return total > 0 ? int(std::clamp<qint64>(done * 100 / total, 0, 100)) : 0;
}

} // namespace

ModelCacheAgent::ModelCacheAgent(NodeClient* client, ModelCache* cache, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_cache(cache)
{
    connect(client, &NodeClient::cacheModelRequested, this, &ModelCacheAgent::onCacheModel);
    connect(client, &NodeClient::evictModelRequested, this, &ModelCacheAgent::onEvictModel);
    connect(client, &NodeClient::registered, this, [this] {
        // The credential may have just been issued (enrollment): use the current one from now on.
        m_cache->setCredential(m_client->currentCredential().toUtf8());
        // Over wss the storage route is the same pinned controller: libcurl trusts exactly its key.
        m_cache->setControllerKeyPin(keyPinOf(m_client->controllerCertificate()));
        sendReport();
    });
    connect(cache, &ModelCache::changed, this, &ModelCacheAgent::sendReport);
    connect(cache, &ModelCache::progress, this, [this](const QString& modelId, qint64 done, qint64 total) {
        sendProgress(modelId, u"downloading"_s, done, total);
    });
    connect(cache, &ModelCache::ready, this, [this](const QString& modelId, const QString&) {
        qint64 size = 0;
        for (const CachedModel& m : m_cache->models()) {
            if (m.modelId == modelId)
                size = m.sizeBytes;
        }
        sendProgress(modelId, u"ready"_s, size, size);
        m_requestOf.remove(modelId);
    });
    connect(cache, &ModelCache::failed, this, [this](const QString& modelId, const Error& error) {
        sendProgress(modelId, u"failed"_s, 0, 0, &error);
        m_requestOf.remove(modelId);
    });
}

QUrl ModelCacheAgent::httpBaseFor(const QUrl& controllerUrl)
{
    QUrl base = controllerUrl;
    base.setScheme(controllerUrl.scheme() == u"wss" ? u"https"_s : u"http"_s);
    base.setPath(u"/"_s);
    base.setQuery(QString());
    base.setFragment(QString());
    return base;
}

CacheManifest ModelCacheAgent::manifestFor(const protocol::NodeCacheModel& command, const QUrl& base)
{
    CacheManifest manifest { command.modelId, command.version, command.commitSha, {} };
    for (const protocol::CacheFileRef& f : command.files) {
        // Only the controller's own routes get the credential; a presigned URL carries its own signature.
        const bool controllerRoute = f.url.startsWith(u'/') && !f.url.startsWith(u"//");
        const QUrl url = controllerRoute ? base.resolved(QUrl(f.url)) : QUrl(f.url);
        manifest.files.append(CacheFile { f.path, f.size, f.sha256, url, controllerRoute });
    }
    return manifest;
}

void ModelCacheAgent::onCacheModel(const protocol::NodeCacheModel& command)
{
    const CacheManifest manifest = manifestFor(command, httpBaseFor(m_client->options().controllerUrl));
    if (auto valid = ModelCache::validate(manifest); !valid) {
        qCWarning(lcCacheAgent,
                  "refusing to cache %s: %s",
                  qUtf8Printable(command.modelId),
                  qUtf8Printable(valid.error().message));
        sendAck(command.requestId, &valid.error());
        return;
    }
    sendAck(command.requestId, nullptr);
    m_requestOf.insert(command.modelId, command.requestId);
    qCInfo(lcCacheAgent,
           "caching %s %s (%lld files)",
           qUtf8Printable(command.modelId),
           qUtf8Printable(command.version),
           static_cast<long long>(manifest.files.size()));
    m_cache->ensure(manifest);
}

void ModelCacheAgent::onEvictModel(const protocol::NodeEvictModel& command)
{
    auto evicted = m_cache->evict(command.modelId);
    sendAck(command.requestId, evicted ? nullptr : &evicted.error());
}

void ModelCacheAgent::sendAck(const QString& requestId, const Error* error)
{
    protocol::NodeCommandAck ack;
    ack.requestId = requestId;
    ack.nodeId = m_client->options().nodeId;
    ack.status = error ? u"rejected"_s : u"accepted"_s;
    if (error) {
        ack.reason = error->message.left(4000);
        ack.errorCode = error->codeName();
    }
    ack.timestamp = protocol::nowMs();
    m_client->send(protocol::encode(ack));
}

void ModelCacheAgent::sendProgress(const QString& modelId,
                                   const QString& status,
                                   qint64 done,
                                   qint64 total,
                                   const Error* error)
{
    const QString requestId = m_requestOf.value(modelId);
    if (requestId.isEmpty())
        return; // a fetch the controller did not ask for (none today)
    protocol::NodeModelCacheProgress p;
    p.requestId = requestId;
    p.nodeId = m_client->options().nodeId;
    p.modelId = modelId;
    p.status = status;
    p.bytesDone = done;
    p.bytesTotal = total;
    p.progress = status == u"ready" ? 100 : percent(done, total);
    if (error) {
        p.error = error->message.left(4000);
        p.errorCode = error->codeName();
    }
    p.timestamp = protocol::nowMs();
    // Progress lost while disconnected is not replayed: the report after the next register says where
    // the cache stands.
    m_client->send(protocol::encode(p));
}

void ModelCacheAgent::sendReport()
{
    protocol::NodeModelCache report;
    report.nodeId = m_client->options().nodeId;
    report.capacityMb = m_cache->capacityBytes() / kMiB;
    report.usedMb = (m_cache->usedBytes() + kMiB - 1) / kMiB;
    for (const CachedModel& m : m_cache->models())
        report.models.append(protocol::CachedModelInfo {
            m.modelId, m.version, (m.sizeBytes + kMiB - 1) / kMiB, m.lastUsedAt.toMSecsSinceEpoch(), m.pinned });
    report.timestamp = protocol::nowMs();
    m_client->send(protocol::encode(report));
}

} // namespace aiops::daemon
