#include "core/event_clock.h"

#include <fstream>
#include <string>
#include <thread>

namespace forkscope::core {

bool EventClock::tsc_is_invariant()
{
#if defined(__x86_64__) || defined(__i386__)
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("flags", 0) == 0) {
            const auto has = [&](const char* flag) {
                return line.find(std::string(" ") + flag + " ") != std::string::npos ||
                       line.ends_with(std::string(" ") + flag);
            };
            return has("constant_tsc") && has("nonstop_tsc");
        }
    }
#endif
    return false;
}

namespace {

#if defined(__x86_64__) || defined(__i386__)
// One TSC read paired with the clock read closest to it: bracket it, keep the tightest of a few.
void paired_sample(std::uint64_t& ticks, std::int64_t& ns)
{
    std::int64_t best = INT64_MAX;
    for (int i = 0; i < 16; ++i) {
        const std::int64_t a = monotonic_ns();
        const std::uint64_t t = __rdtsc();
        const std::int64_t b = monotonic_ns();
        if (b - a < best) {
            best = b - a;
            ticks = t;
            ns = a + (b - a) / 2;
        }
    }
}
#endif

} // namespace

ClockCalibration EventClock::rebase(const ClockCalibration& calibration)
{
    ClockCalibration c = calibration;
#if defined(__x86_64__) || defined(__i386__)
    if (c.tsc)
        paired_sample(c.base_ticks, c.base_ns);
#endif
    return c;
}

ClockCalibration EventClock::calibrate(int sample_ms)
{
    ClockCalibration c;
    use_tsc_ = tsc_is_invariant();
    c.tsc = use_tsc_;
    if (!c.tsc)
        return c;
#if defined(__x86_64__) || defined(__i386__)
    std::uint64_t t0 = 0, t1 = 0;
    std::int64_t n0 = 0, n1 = 0;
    paired_sample(t0, n0);
    std::this_thread::sleep_for(std::chrono::milliseconds(sample_ms));
    paired_sample(t1, n1);
    c.base_ticks = t1;
    c.base_ns = n1;
    c.ns_per_tick = static_cast<double>(n1 - n0) / static_cast<double>(t1 - t0);
#endif
    return c;
}

} // namespace forkscope::core
