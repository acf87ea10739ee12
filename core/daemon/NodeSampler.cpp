#include "core/daemon/NodeSampler.h"

#include <QDateTime>

namespace aiops::daemon {

NodeSampler::NodeSampler(std::unique_ptr<SystemProbe> system, std::unique_ptr<GpuProbe> gpu, QObject* parent)
    : QObject(parent)
    , m_system(std::move(system))
    , m_gpu(std::move(gpu))
{
}

NodeSampler::~NodeSampler() = default;

void NodeSampler::sample()
{
    NodeSample s;
    s.timestamp = QDateTime::currentMSecsSinceEpoch();
    if (m_system) {
        if (auto system = m_system->read()) {
            s.system = *system;
            s.systemValid = true;
        } else {
            s.errors.append(QStringLiteral("system: ") + system.error().message);
        }
    }
    if (m_gpu) {
        if (auto gpus = m_gpu->read())
            s.gpus = std::move(*gpus);
        else
            s.errors.append(m_gpu->name() + QStringLiteral(": ") + gpus.error().message);
        s.gpuProbe = m_gpu->name();
    } else {
        s.gpuProbe = QStringLiteral("none");
    }
    Q_EMIT sampled(s);
}

} // namespace aiops::daemon
