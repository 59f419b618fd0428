#pragma once

#include "scenarios/scenario.h"

namespace forkscope::scenarios {

// The seeds' Process examples: N workers report their PID and PPID and work for a while; the
// main process joins them one by one (Example 1: about the sum of the work) or after starting
// all (Example 2: about the longest), or not at all (daemons then die with the main program).
struct ProcessesConfig {
    enum class Work { Sleep, Spin };
    enum class Join { AfterAll, OneByOne, None };

    int workers = 4;
    Work work = Work::Sleep;
    int work_ms = 500;
    Join join = Join::AfterAll;
    bool daemon = false;
    int terminate_after_ms = 0; // 0: wait as long as it takes

    [[nodiscard]] static ProcessesConfig from_json(const nlohmann::json& complete_config);
};

class ProcessesScenario final : public Scenario {
public:
    [[nodiscard]] std::string_view id() const override { return "processes"; }
    [[nodiscard]] const char* title() const override;
    [[nodiscard]] const char* summary() const override;
    [[nodiscard]] const std::vector<Field>& fields() const override;
    void run(const nlohmann::json& config, RunContext& context) const override;
};

} // namespace forkscope::scenarios
