#pragma once

#include "scenarios/scenario.h"

namespace forkscope::scenarios {

// Seed 002's Pool: a few worker processes take many tasks. apply() hands over one task and
// waits for it, so the tasks run one after another; apply_async() hands them all over and the
// pool runs `size` at a time; map() cuts the list into chunks. The same few PIDs do all the work,
// unless maxtasksperchild replaces the workers.
class PoolScenario final : public Scenario {
public:
    [[nodiscard]] std::string_view id() const override { return "pool"; }
    [[nodiscard]] const char* title() const override;
    [[nodiscard]] const char* summary() const override;
    [[nodiscard]] const std::vector<Field>& fields() const override;
    void run(const nlohmann::json& config, RunContext& context) const override;
};

} // namespace forkscope::scenarios
