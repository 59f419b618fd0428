#pragma once

// What the scenarios' workers do to spend time, like the seeds' time.sleep() and busy loops,
// with the timeline told (Sleeping, Running), and the random work times the seeds draw.

#include "scenarios/config/field.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace forkscope::scenarios {

void sleep_until(std::int64_t deadline_ns);
void spin_until(std::int64_t deadline_ns); // burns CPU until then
// Sleeps `ns`, shown as Sleeping on the timeline, then Running again.
void sleep_for_work(std::int64_t ns);

// How a work time is drawn around its mean: always the mean (fixed), uniform in [0, 2×mean]
// (random.random()*2 in the seeds), or exponential with that mean (capped at 10×mean).
enum class Distribution { Fixed, Uniform, Exponential };

[[nodiscard]] Distribution distribution_from(const std::string& name);
[[nodiscard]] std::int64_t draw_ns(Distribution distribution, std::int64_t mean_ns, std::mt19937_64& rng);

// The field that picks a distribution, named `name` ("produce_dist"), for `what` ("produce time").
[[nodiscard]] Field distribution_field(const char* name, const char* label, const char* help);

// "1.234 s", for logs and results.
[[nodiscard]] std::string seconds_text(double seconds);

// A result's "summary": rows of [label, value], in this order (see RunContext::set_result).
[[nodiscard]] nlohmann::json summary_rows(const std::vector<std::pair<std::string, std::string>>& rows);

// A generator seeded from the process's pid and a salt: each worker draws its own times.
[[nodiscard]] std::mt19937_64 worker_rng(std::uint64_t salt);

} // namespace forkscope::scenarios
