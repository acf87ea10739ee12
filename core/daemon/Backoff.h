#pragma once

#include <chrono>
#include <functional>

namespace aiops::daemon {

// Exponential reconnect delay: the ceiling doubles from `initial` to `cap`; the delay drawn is
// jittered so that many daemons cut off by one controller restart do not reconnect in step.
//   Full:  uniform in [0, ceiling]
//   Equal: uniform in [ceiling/2, ceiling]
//   None:  the ceiling itself
class Backoff final
{
public:
    enum class Jitter { None, Full, Equal };
    // Returns a number uniformly distributed in [0, 1].
    using RandomSource = std::function<double()>;

    explicit Backoff(Jitter jitter = Jitter::Equal,
                     std::chrono::milliseconds initial = std::chrono::seconds(1),
                     std::chrono::milliseconds cap = std::chrono::seconds(30),
                     RandomSource random = {});

    // The delay before the next attempt; each call advances the ceiling.
    std::chrono::milliseconds next();
    // The ceiling the next call to next() will jitter below.
    std::chrono::milliseconds ceiling() const;
    void reset();
    int attempts() const { return m_attempts; }

private:
    Jitter m_jitter;
    std::chrono::milliseconds m_initial;
    std::chrono::milliseconds m_cap;
    RandomSource m_random;
    int m_attempts = 0;
};

} // namespace aiops::daemon
