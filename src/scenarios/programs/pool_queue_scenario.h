#pragma once

#include "scenarios/scenario.h"

namespace forkscope::scenarios {

// Seed 002 §9: two tasks of a Pool talk through a queue. A writer task puts each character of a
// text; the main process waits a while (the seed's time.sleep(1)); a reader task then gets as
// many items as qsize() says. Without the wait the reader may find the queue still filling.
class PoolQueueScenario final : public Scenario {
public:
    [[nodiscard]] std::string_view id() const override { return "pool-queue"; }
    [[nodiscard]] const char* title() const override;
    [[nodiscard]] const char* summary() const override;
    [[nodiscard]] const std::vector<Field>& fields() const override;
    void run(const nlohmann::json& config, RunContext& context) const override;
};

} // namespace forkscope::scenarios
