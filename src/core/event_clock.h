#pragma once

// Timestamps for telemetry events: the TSC where it is invariant (constant and non-stop, the
// same rate on every core — about 10 ns to read here, against about 30 ns for clock_gettime),
// else CLOCK_MONOTONIC. Workers store raw ticks; whoever reads the events converts them with
// the calibration the run made before forking its workers.

#include "core/clock.h"

#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace forkscope::core {

// ticks -> CLOCK_MONOTONIC nanoseconds: ns = base_ns + (ticks - base_ticks) * ns_per_tick.
struct ClockCalibration {
    bool tsc = false; // false: ticks are already CLOCK_MONOTONIC nanoseconds
    std::uint64_t base_ticks = 0;
    std::int64_t base_ns = 0;
    double ns_per_tick = 1.0;

    [[nodiscard]] std::int64_t to_ns(std::uint64_t ticks) const noexcept
    {
        if (!tsc)
            return static_cast<std::int64_t>(ticks);
        const auto delta = static_cast<std::int64_t>(ticks - base_ticks);
        return base_ns + static_cast<std::int64_t>(static_cast<double>(delta) * ns_per_tick);
    }
};

class EventClock {
public:
    // Decides TSC or not and calibrates, measuring for about `sample_ms`. Call once per run,
    // before forking: children inherit the choice.
    static ClockCalibration calibrate(int sample_ms = 20);
    // The same rate, with the base point taken now: a long-lived calibration (the fork
    // server's) rebased at each run's start stays exact at that start (no sleep needed).
    [[nodiscard]] static ClockCalibration rebase(const ClockCalibration& calibration);
    // Whether this machine's TSC is invariant (cpu flags constant_tsc and nonstop_tsc).
    [[nodiscard]] static bool tsc_is_invariant();

    [[nodiscard]] static std::uint64_t now() noexcept
    {
#if defined(__x86_64__) || defined(__i386__)
        if (use_tsc_) [[likely]]
            return __rdtsc();
#endif
        return static_cast<std::uint64_t>(monotonic_ns());
    }

private:
    static inline bool use_tsc_ = false;
};

} // namespace forkscope::core
