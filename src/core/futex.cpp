#include "core/futex.h"

#include "core/clock.h"

namespace forkscope::core {

bool futex_wait_until(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t deadline_ns) noexcept
{
    if (deadline_ns == INT64_MAX)
        return futex_wait(word, expected, -1);
    const std::int64_t left = deadline_ns - monotonic_ns();
    if (left <= 0)
        return false;
    futex_wait(word, expected, left);
    return monotonic_ns() < deadline_ns;
}

} // namespace forkscope::core
