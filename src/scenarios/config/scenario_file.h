#pragma once

// Scenario files: the presets in resources/presets and what File > Save writes.
//
//   {"format": "forkscope-scenario", "version": 1, "scenario": "processes",
//    "title": "Join one by one", "config": {"workers": 3, "join": "one-by-one"}}
//
// config may leave fields out (they take their defaults); unknown keys are errors.

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace forkscope::scenarios {

inline constexpr int kScenarioFileVersion = 1;

struct ScenarioDocument {
    std::string scenario; // the scenario's id
    std::string title; // optional, shown instead of the scenario's own title
    nlohmann::json config; // complete and validated
};

// Thrown with a message that names the key: "config.workers: must be 1..256, got 0".
class ScenarioFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

[[nodiscard]] ScenarioDocument parse_scenario_file(std::string_view text);
[[nodiscard]] std::string format_scenario_file(const ScenarioDocument& document);

} // namespace forkscope::scenarios
