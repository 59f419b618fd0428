#pragma once

// The run supervisor: forked by the fork server, one per run. It forks the scenario's main process
// (main_process.h), which forks the workers, and then only serves, in one poll loop, everything
// the run's processes do: their output pipes, their exits (pidfds), the main process's messages
// and the fork server's stop requests. It reports all of it to the front end as it happens,
// whatever the scenario's main program is blocked in. It is a subreaper: if the main process
// dies first, its workers come to the supervisor and their exits are still reported.

#include "core/event_clock.h"
#include "core/unique_fd.h"
#include "scenarios/scenario.h"

#include <nlohmann/json.hpp>
#include <sys/types.h>

#include <cstdint>

namespace forkscope::scenarios {

struct SupervisorSetup {
    int frontend_fd = -1; // the front end's socket: messages go straight to it
    core::UniqueFd control; // from the fork server: StopRun; EOF when the server is gone
    pid_t fork_server = 0; // the parent
    std::uint32_t request_id = 0;
    std::uint32_t run_id = 0;
    const Scenario* scenario = nullptr;
    nlohmann::json config; // complete and validated
    core::ClockCalibration calibration; // the fork server's, made once when it started
};

// Runs in the freshly forked child; never returns.
[[noreturn]] void run_supervisor(SupervisorSetup setup);

} // namespace forkscope::scenarios
