#pragma once

#include <time.h>

#include <cstdint>
#include <limits.h>

namespace forkscope::core {

// CLOCK_MONOTONIC in nanoseconds: every process on the machine reads the same clock, so
// timestamps taken in different workers compare directly.
[[nodiscard]] inline std::int64_t monotonic_ns() noexcept
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

inline constexpr std::int64_t kNsPerMs = 1'000'000;

// Nanoseconds (a CLOCK_MONOTONIC time, or a duration) as the timespec the system calls take.
[[nodiscard]] inline timespec to_timespec(std::int64_t ns) noexcept
{
    return {static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
}

// The deadline for a timeout in nanoseconds; a negative timeout means none (INT64_MAX).
[[nodiscard]] inline std::int64_t deadline_after(std::int64_t timeout_ns) noexcept
{
    return timeout_ns < 0 ? INT64_MAX : monotonic_ns() + timeout_ns;
}

} // namespace forkscope::core
