#pragma once

#include "scenarios/scenario.h"

namespace forkscope::scenarios {

// Seed 003's "processes do not share globals, threads do": each worker process adds to a global
// variable and sees its own copy change, while the main process's copy stays as it was; a Value
// in shared memory is what they really share. Threads in one process share that process's global.
class SharedStateScenario final : public Scenario {
public:
    [[nodiscard]] std::string_view id() const override { return "shared-state"; }
    [[nodiscard]] const char* title() const override;
    [[nodiscard]] const char* summary() const override;
    [[nodiscard]] const std::vector<Field>& fields() const override;
    void run(const nlohmann::json& config, RunContext& context) const override;
};

} // namespace forkscope::scenarios
