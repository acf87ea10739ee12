#include "models/FleetSummary.h"

#include "core/controller/NodeService.h"
#include "models/NodeMetrics.h"

namespace aiops::models {

FleetSummary::FleetSummary(controller::NodeService* service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{
    Q_ASSERT(m_service);
    m_recomputeTimer.setSingleShot(true);
    m_recomputeTimer.setInterval(kRecomputeIntervalMs);
    connect(&m_recomputeTimer, &QTimer::timeout, this, &FleetSummary::flush);
    connect(m_service, &controller::NodeService::nodesChanged, this, &FleetSummary::onServiceChanged);
    connect(m_service, &controller::NodeService::nodeRemoved, this, &FleetSummary::onServiceChanged);
    m_values = compute();
}

FleetSummary::~FleetSummary() = default;

void FleetSummary::onServiceChanged()
{
    if (!m_recomputeTimer.isActive())
        m_recomputeTimer.start();
}

void FleetSummary::flush()
{
    m_recomputeTimer.stop();
    const Values fresh = compute();
    if (fresh == m_values)
        return;
    m_values = fresh;
    Q_EMIT changed();
}

FleetSummary::Values FleetSummary::compute() const
{
    Values v;
    double utilSum = 0;
    const auto all = m_service->nodes();
    for (const auto& node : all) {
        ++v.nodesTotal;
        const QString& status = node.record.status;
        if (status == QLatin1String("online"))
            ++v.nodesOnline;
        else if (status == QLatin1String("maintenance"))
            ++v.nodesMaintenance;
        else
            ++v.nodesOffline;
        if (status == QLatin1String("offline"))
            continue;
        const NodeMetrics m = NodeMetrics::of(node);
        v.gpuCount += m.gpuCount;
        v.vramTotalMb += m.vramTotalMb;
        v.vramFreeMb += m.vramFreeMb;
        if (m.gpuCount > 0)
            utilSum += m.avgGpuUtilization * m.gpuCount;
    }
    if (v.gpuCount > 0)
        v.avgGpuUtilization = utilSum / v.gpuCount;
    return v;
}

} // namespace aiops::models
