#include "scenarios/programs/work.h"

#include "core/clock.h"
#include "core/telemetry.h"
#include "scenarios/config/translate_noop.h"

#include <nlohmann/json.hpp>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace forkscope::scenarios {

void sleep_until(std::int64_t deadline_ns)
{
    const timespec ts = core::to_timespec(deadline_ns);
    while (::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {}
}

// The volatile sink keeps the loop from being optimised away.
void spin_until(std::int64_t deadline_ns)
{
    volatile std::uint64_t sink = 0;
    while (core::monotonic_ns() < deadline_ns) {
        for (int i = 0; i < 1000; ++i)
            sink = sink + static_cast<std::uint64_t>(i);
    }
}

void sleep_for_work(std::int64_t ns)
{
    if (ns <= 0)
        return;
    core::report_state(core::WorkerState::Sleeping);
    sleep_until(core::monotonic_ns() + ns);
    core::report_state(core::WorkerState::Running);
}

Distribution distribution_from(const std::string& name)
{
    return name == "uniform"       ? Distribution::Uniform
           : name == "exponential" ? Distribution::Exponential
                                   : Distribution::Fixed;
}

std::int64_t draw_ns(Distribution distribution, std::int64_t mean_ns, std::mt19937_64& rng)
{
    if (mean_ns <= 0)
        return 0;
    switch (distribution) {
    case Distribution::Fixed: return mean_ns;
    case Distribution::Uniform: return std::uniform_int_distribution<std::int64_t>(0, 2 * mean_ns)(rng);
    case Distribution::Exponential: {
        const double drawn = std::exponential_distribution<double>(1.0 / static_cast<double>(mean_ns))(rng);
        return std::min<std::int64_t>(static_cast<std::int64_t>(drawn), 10 * mean_ns);
    }
    }
    return mean_ns;
}

Field distribution_field(const char* name, const char* label, const char* help)
{
    return {name,
            FieldKind::Choice,
            0,
            0,
            {QT_TRANSLATE_NOOP("Choice", "fixed"), QT_TRANSLATE_NOOP("Choice", "uniform"),
             QT_TRANSLATE_NOOP("Choice", "exponential")},
            "fixed",
            label,
            help,
            ""};
}

std::string seconds_text(double seconds)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", seconds);
    return text;
}

nlohmann::json summary_rows(const std::vector<std::pair<std::string, std::string>>& rows)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [label, value] : rows)
        out.push_back(nlohmann::json::array({label, value}));
    return out;
}

std::mt19937_64 worker_rng(std::uint64_t salt)
{
    std::seed_seq seed{static_cast<std::uint64_t>(::getpid()), salt, static_cast<std::uint64_t>(core::monotonic_ns())};
    return std::mt19937_64(seed);
}

} // namespace forkscope::scenarios
