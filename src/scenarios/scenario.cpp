#include "scenarios/scenario.h"

#include "core/process.h"

#include <nlohmann/json.hpp>

namespace forkscope::scenarios {

void start_worker(core::Process& worker, std::size_t index, std::size_t total)
{
    try {
        worker.start();
    } catch (const core::ProcessStartError& e) {
        throw core::ProcessStartError(e.error(), std::to_string(total - index) + " of " + std::to_string(total) +
                                                     " workers could not be started: " + e.what());
    }
}

nlohmann::json complete_config(const Scenario& scenario, const nlohmann::json& config)
{
    const auto errors = validate_config(scenario.fields(), config, scenario.id());
    if (!errors.empty()) {
        if (errors.size() == 1)
            throw errors.front();
        std::string all;
        for (const auto& e : errors)
            all += (all.empty() ? "" : "; ") + std::string(e.what());
        throw ConfigError(errors.front().field(), all.substr(errors.front().field().size() + 2));
    }
    nlohmann::json complete = default_config(scenario.fields());
    complete.update(config);
    return complete;
}

} // namespace forkscope::scenarios
