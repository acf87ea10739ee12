#pragma once

#include "core/protocol/Messages.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <algorithm>

namespace aiops::controller {

// One "cache this model on that node" (or "evict it") command and how it went. An evict command has
// no version.
struct NodeCacheRequest
{
    QString requestId;
    QString nodeId;
    QString modelId;
    QString version;
    QString status; // sent | accepted | rejected | downloading | ready | failed | cancelled
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    int progress = 0; // 0-100
    QString errorCode;
    QString error;
    QDateTime createdAt;
    QDateTime changedAt;

    bool isEviction() const { return version.isEmpty(); }
    // No more progress will come.
    bool isFinal() const
    {
        return status == u"ready" || status == u"failed" || status == u"rejected" || status == u"cancelled";
    }
    bool operator==(const NodeCacheRequest&) const = default;
};

// What a node reported about its model cache, plus the recent cache requests sent to it (oldest
// first): what NodeService::modelCache() returns.
struct NodeModelCacheView
{
    qint64 capacityMb = 0;
    qint64 usedMb = 0;
    QDateTime reportedAt; // invalid until the node has reported its cache
    QList<protocol::CachedModelInfo> models;
    QList<NodeCacheRequest> requests;

    bool hasReported() const { return reportedAt.isValid(); }
    qint64 freeMb() const { return std::max<qint64>(0, capacityMb - usedMb); }
    bool contains(const QString& modelId) const
    {
        return std::any_of(
            models.cbegin(), models.cend(), [&](const protocol::CachedModelInfo& m) { return m.modelId == modelId; });
    }
    bool operator==(const NodeModelCacheView&) const = default;
};

} // namespace aiops::controller
