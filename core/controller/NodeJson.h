#pragma once

#include "core/nodes/NodeInfo.h"

#include <QJsonArray>
#include <QJsonObject>

namespace aiops::controller {

// REST representation of a node: the seed's `nodes` fields plus live metrics.
QJsonObject nodeToJson(const nodes::NodeInfo& node);
QJsonObject nodeMetricsToJson(const nodes::NodeInfo& node,
                              const QList<nodes::NodePoint>& history,
                              const QList<QPair<QString, QList<nodes::GpuPoint>>>& gpuHistory);

} // namespace aiops::controller
