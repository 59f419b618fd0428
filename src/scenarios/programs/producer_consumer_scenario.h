#pragma once

#include "scenarios/scenario.h"

namespace forkscope::scenarios {

// The seeds' producer–consumer: producers put items on a shared Queue, consumers get them. The
// consumers end by sentinels (one None per consumer, seed 001) or, with a JoinableQueue, run as
// daemons that the main process leaves behind once join() says every item was task_done().
class ProducerConsumerScenario final : public Scenario {
public:
    [[nodiscard]] std::string_view id() const override { return "producer-consumer"; }
    [[nodiscard]] const char* title() const override;
    [[nodiscard]] const char* summary() const override;
    [[nodiscard]] const std::vector<Field>& fields() const override;
    void run(const nlohmann::json& config, RunContext& context) const override;
};

} // namespace forkscope::scenarios
