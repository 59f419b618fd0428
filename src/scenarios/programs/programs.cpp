#include "scenarios/programs/programs.h"

#include "scenarios/programs/cpu_speedup_scenario.h"
#include "scenarios/programs/folder_copy_scenario.h"
#include "scenarios/programs/pool_queue_scenario.h"
#include "scenarios/programs/pool_scenario.h"
#include "scenarios/programs/processes_scenario.h"
#include "scenarios/programs/producer_consumer_scenario.h"
#include "scenarios/programs/shared_state_scenario.h"
#include "scenarios/programs/ticket_race_scenario.h"

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
    static const std::vector<const Scenario*> scenarios{&processes, &ticketRace, &producerConsumer, &pool,
                                                        &poolQueue, &folderCopy, &sharedState,      &cpuSpeedup};
    return scenarios;
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

} // namespace forkscope::scenarios
