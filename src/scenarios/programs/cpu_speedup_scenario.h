#pragma once

#include "scenarios/scenario.h"

namespace forkscope::scenarios {

// Seed 003's processes against threads, measured: the same CPU-bound work split over 1..N
// processes, then over 1..N threads of one process, with the speedup over one of each.
class CpuSpeedupScenario final : public Scenario {
public:
    [[nodiscard]] std::string_view id() const override { return "cpu-speedup"; }
    [[nodiscard]] const char* title() const override;
    [[nodiscard]] const char* summary() const override;
    [[nodiscard]] const std::vector<Field>& fields() const override;
    void run(const nlohmann::json& config, RunContext& context) const override;
};

} // namespace forkscope::scenarios
