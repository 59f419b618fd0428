#include "core/futex.h"

#include "core/clock.h"

#include <algorithm>

namespace forkscope::core {

bool futex_wait_until(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t deadline_ns) noexcept
{
    const std::int64_t left = deadline_ns == INT64_MAX ? kLongestSleepNs : deadline_ns - monotonic_ns();
    if (left <= 0)
        return false;
    // A waker killed between changing the word and calling futex_wake() never wakes anyone: no
    // sleep lasts longer than kLongestSleepNs, after which the caller sees the new value.
    futex_wait(word, expected, std::min(left, kLongestSleepNs));
    return monotonic_ns() < deadline_ns;
}

} // namespace forkscope::core
