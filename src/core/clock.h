#pragma once

#include <time.h>

#include <cstdint>

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

} // namespace forkscope::core
