#pragma once

#include "core/controller/NodeService.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

namespace aiops::models {

class RemoteSession;

// controller::NodeService over a remote controller's REST API, for a console signed in through a
// RemoteSession. Polls GET /nodes every heartbeat interval while the session is signed in and turns
// the differences into the service's signals. Mutators are PATCH/DELETE requests; their failures
// (403 Forbidden with the controller's message, 404, unreachable) arrive as operationFailed.
// History getters are synchronous, so they answer from the last GET /nodes/:id/metrics reply and ask
// for a fresh one in the background (at most once per interval per node); nodesChanged({id}) tells
// the views when it arrived. gpuTemperatureHigh is not emitted: the threshold lives on the controller.
// modelCache() works the same way over GET /nodes/:id/models (at most every 5 s per node, or the poll
// interval when longer; modelCacheChanged(id) when the answer differs); cacheModelOnNode / evictModelFromNode are POST
// /nodes/:id/models and DELETE /nodes/:id/models/:modelId, after which the node's cache is fetched again.
class RestNodeService final : public controller::NodeService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestNodeService)
public:
    // session must outlive the service.
    explicit RestNodeService(RemoteSession* session, int heartbeatIntervalMs = 2000, QObject* parent = nullptr);
    ~RestNodeService() override;

    // Parses one node of GET /nodes (the shape of controller::nodeToJson). InvalidFieldType when
    // nodeId is missing.
    static Result<nodes::NodeInfo> nodeFromJson(const QJsonObject& o);
    // Parses GET /nodes/:id/models (the shape of controller::NodeModelCaches). InvalidFieldType when
    // models or requests is not an array.
    static Result<controller::NodeModelCacheView> modelCacheFromJson(const QJsonObject& o);

    // Polls now instead of waiting for the timer (also done after each successful mutation).
    void pollNow();
    bool isPolling() const { return m_pollTimer.isActive(); }

    // controller::NodeService
    QList<nodes::NodeInfo> nodes() const override;
    std::optional<nodes::NodeInfo> node(const QString& nodeId) const override;
    QList<nodes::NodePoint> nodeHistory(const QString& nodeId, qint64 sinceMs) const override;
    QList<nodes::GpuPoint> gpuHistory(const QString& nodeId, const QString& deviceId, qint64 sinceMs) const override;
    void renameNode(const QString& nodeId, const QString& name) override;
    void setMaintenance(const QString& nodeId, bool maintenance) override;
    void removeNode(const QString& nodeId) override;
    QString nodeEndpointUrl() const override; // ws(s)://<controller host:port>/ws/node
    // POST /nodes (one-time enrollment token). The interface is synchronous, so this waits for the reply in a
    // local event loop (user input excluded, 15 s at most).
    Result<iam::EnrollmentToken> issueEnrollmentToken() override;
    int heartbeatIntervalMs() const override { return m_intervalMs; }
    std::optional<controller::NodeModelCacheView> modelCache(const QString& nodeId) const override;
    void cacheModelOnNode(const QString& nodeId, const QString& modelId) override;
    void evictModelFromNode(const QString& nodeId, const QString& modelId) override;

Q_SIGNALS:
    // A poll failed (controller unreachable, session expired). Cleared by the next successful poll.
    void pollFailed(const aiops::Error& error);
    void pollSucceeded();

private:
    struct History
    {
        qint64 sinceMs = 0;
        qint64 fetchedAtMs = 0;
        QJsonObject raw; // to tell whether a fetch brought anything new
        QList<nodes::NodePoint> node;
        QHash<QString, QList<nodes::GpuPoint>> gpus;
    };

    struct ModelCache
    {
        qint64 fetchedAtMs = 0;
        std::optional<controller::NodeModelCacheView> view; // nullopt: nothing reported or requested
    };

    void onSignedIn();
    void onSignedOut();
    void onNodesReply(const QJsonObject& body);
    void requestHistory(const QString& nodeId, qint64 sinceMs) const;
    // Fetches GET /nodes/:id/models unless a fetch is running or (without force) the last is recent.
    void requestModelCache(const QString& nodeId, bool force) const;
    void mutateModelCache(const QString& operation,
                          const QByteArray& verb,
                          const QString& nodeId,
                          const QString& path,
                          const std::optional<QJsonObject>& body);
    void mutate(const QString& operation,
                const QByteArray& verb,
                const QString& nodeId,
                const std::optional<QJsonObject>& body);

    RemoteSession* m_session;
    int m_intervalMs;
    QTimer m_pollTimer;
    bool m_pollInFlight = false;
    bool m_firstPollDone = false;
    QList<QString> m_order; // as the controller lists them
    QHash<QString, nodes::NodeInfo> m_nodes;
    QHash<QString, QJsonObject> m_raw; // for change detection
    // Caches filled by const getters.
    mutable QHash<QString, History> m_history;
    mutable QSet<QString> m_historyInFlight;
    mutable QHash<QString, ModelCache> m_modelCaches;
    mutable QSet<QString> m_modelCacheInFlight;
    mutable QSet<QString> m_modelCacheRefetch;
};

} // namespace aiops::models
