#pragma once

// The scenarios ForkScope ships: the seeds' examples as programs (one file each in this folder).
// The runner and the front ends find them here; nothing else depends on every program.

#include "scenarios/scenario.h"

#include <string>
#include <string_view>
#include <vector>

namespace forkscope::scenarios {

[[nodiscard]] const std::vector<const Scenario*>& all_scenarios();
[[nodiscard]] const Scenario* find_scenario(std::string_view id);
[[nodiscard]] std::string scenario_ids(); // "processes, …" for error messages

} // namespace forkscope::scenarios
