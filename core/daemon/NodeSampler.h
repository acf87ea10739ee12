#pragma once

#include "core/daemon/GpuProbe.h"
#include "core/daemon/NodeSample.h"
#include "core/daemon/SystemProbe.h"

#include <QObject>
#include <memory>

namespace aiops::daemon {

// Runs the probes. It lives on a worker thread so that a slow probe (nvidia-smi, a hung driver)
// never stalls the WebSocket; results come back through the sampled() signal.
class NodeSampler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodeSampler)

public:
    NodeSampler(std::unique_ptr<SystemProbe> system, std::unique_ptr<GpuProbe> gpu, QObject* parent = nullptr);
    ~NodeSampler() override;

    // Takes one sample and emits sampled(). Call through a queued invocation from other threads.
    void sample();

Q_SIGNALS:
    void sampled(const aiops::daemon::NodeSample& sample);

private:
    std::unique_ptr<SystemProbe> m_system;
    std::unique_ptr<GpuProbe> m_gpu;
};

} // namespace aiops::daemon
