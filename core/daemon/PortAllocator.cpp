#include "core/daemon/PortAllocator.h"

#include "core/daemon/ContainerRuntime.h"

#include <QHostAddress>
#include <QTcpServer>
#include <algorithm>

namespace aiops::daemon {

PortAllocator::PortAllocator(int firstPort, int lastPort)
    : m_first(std::clamp(std::min(firstPort, lastPort), 1, 65535))
    , m_last(std::clamp(std::max(firstPort, lastPort), 1, 65535))
    , m_next(m_first)
{
}

Result<int> PortAllocator::allocate(const QList<ContainerSummary>& containers)
{
    QSet<int> used;
    for (const ContainerSummary& container : containers) {
        for (int port : container.hostPorts) {
            used.insert(port);
        }
    }
    return allocate(used);
}

Result<int> PortAllocator::allocate(const QSet<int>& usedPorts)
{
    const int count = m_last - m_first + 1;
    for (int i = 0; i < count; ++i) {
        const int port = m_first + (m_next - m_first + i) % count;
        if (usedPorts.contains(port) || m_held.contains(port) || !isFreeOnLoopback(port)) {
            continue;
        }
        m_held.insert(port);
        m_next = port == m_last ? m_first : port + 1;
        return port;
    }
    return makeError(ErrorCode::Unavailable,
                     QStringLiteral("No free host port in %1-%2 on 127.0.0.1").arg(m_first).arg(m_last));
}

void PortAllocator::release(int port)
{
    m_held.remove(port);
}

bool PortAllocator::isFreeOnLoopback(int port)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, static_cast<quint16>(port));
}

} // namespace aiops::daemon
