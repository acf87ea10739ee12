#include "core/daemon/Backoff.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace aiops::daemon {

Backoff::Backoff(Jitter jitter, std::chrono::milliseconds initial, std::chrono::milliseconds cap, RandomSource random)
    : m_jitter(jitter)
    , m_initial(std::max(initial, std::chrono::milliseconds(1)))
    , m_cap(std::max(cap, m_initial))
    , m_random(random ? std::move(random) : RandomSource([] { return QRandomGenerator::global()->generateDouble(); }))
{
}

std::chrono::milliseconds Backoff::ceiling() const
{
    // Stop doubling once past the cap so that the shift cannot overflow.
    std::chrono::milliseconds value = m_initial;
    for (int i = 0; i < m_attempts && value < m_cap; ++i)
        value *= 2;
    return std::min(value, m_cap);
}

std::chrono::milliseconds Backoff::next()
{
    const auto top = static_cast<double>(ceiling().count());
    ++m_attempts;
    const double r = std::clamp(m_random(), 0.0, 1.0);
    double delay = top;
    switch (m_jitter) {
    case Jitter::None: break;
    case Jitter::Full: delay = r * top; break;
    case Jitter::Equal: delay = top / 2 + r * top / 2; break;
    }
    return std::chrono::milliseconds(std::llround(delay));
}

void Backoff::reset()
{
    m_attempts = 0;
}

} // namespace aiops::daemon
