#pragma once

#include "core/protocol/Error.h"

#include <QList>
#include <QSet>

namespace aiops::daemon {

struct ContainerSummary;

// Picks host ports for containers from a range: a port is handed out when no listed container publishes it,
// no earlier allocate() still holds it, and binding it on 127.0.0.1 succeeds right now. The caller releases a
// port once its container has been created (the listing then covers it) or the deployment gave up.
class PortAllocator
{
public:
    PortAllocator(int firstPort = 20000, int lastPort = 20999);

    int firstPort() const { return m_first; }
    int lastPort() const { return m_last; }

    // Unavailable when every port of the range is taken.
    Result<int> allocate(const QList<ContainerSummary>& containers);
    Result<int> allocate(const QSet<int>& usedPorts);
    void release(int port);
    bool isHeld(int port) const { return m_held.contains(port); }

    static bool isFreeOnLoopback(int port);

private:
    int m_first;
    int m_last;
    int m_next; // round robin, so that a port just released is not reused at once
    QSet<int> m_held;
};

} // namespace aiops::daemon
