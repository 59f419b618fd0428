#include "scenarios/scenario.h"

#include "core/process.h"
#include "scenarios/cpu_speedup_scenario.h"
#include "scenarios/folder_copy_scenario.h"
#include "scenarios/pool_queue_scenario.h"
#include "scenarios/pool_scenario.h"
#include "scenarios/processes_scenario.h"
#include "scenarios/producer_consumer_scenario.h"
#include "scenarios/shared_state_scenario.h"
#include "scenarios/ticket_race_scenario.h"

#include <nlohmann/json.hpp>

namespace forkscope::scenarios {

const std::vector<const Scenario*>& all_scenarios()
{
    static const ProcessesScenario processes;
    static const ProducerConsumerScenario producerConsumer;
    static const TicketRaceScenario ticketRace;
    static const PoolScenario pool;
    static const SharedStateScenario sharedState;
    static const PoolQueueScenario poolQueue;
    static const CpuSpeedupScenario cpuSpeedup;
    static const FolderCopyScenario folderCopy;
    static const std::vector<const Scenario*> scenarios{&processes, &ticketRace,  &producerConsumer, &pool,
                                                        &poolQueue, &folderCopy, &sharedState,      &cpuSpeedup};
    return scenarios;
}

void start_worker(core::Process& worker, std::size_t index, std::size_t total)
{
    try {
        worker.start();
    } catch (const core::ProcessStartError& e) {
        throw core::ProcessStartError(e.error(), std::to_string(total - index) + " of " + std::to_string(total) +
                                                     " workers could not be started: " + e.what());
    }
}

const Scenario* find_scenario(std::string_view id)
{
    for (const Scenario* s : all_scenarios()) {
        if (s->id() == id)
            return s;
    }
    return nullptr;
}

std::string scenario_ids()
{
    std::string ids;
    for (const Scenario* s : all_scenarios())
        ids += (ids.empty() ? "" : ", ") + std::string(s->id());
    return ids;
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
