#pragma once

#include "scenarios/scenario.h"

namespace forkscope::scenarios {

// Seed 001's ticket race: buyers read the stock from a JSON file, wait, and write it back one
// lower. Without a Lock they all see the same last ticket and all buy it (the file ends at 0,
// but more tickets were sold than there were); with the Lock around the purchase, exactly the
// stock is sold.
class TicketRaceScenario final : public Scenario {
public:
    [[nodiscard]] std::string_view id() const override { return "ticket-race"; }
    [[nodiscard]] const char* title() const override;
    [[nodiscard]] const char* summary() const override;
    [[nodiscard]] const std::vector<Field>& fields() const override;
    void run(const nlohmann::json& config, RunContext& context) const override;
};

} // namespace forkscope::scenarios
