#pragma once

// The run supervisor: forked by the fork server, one per run. It is the scenario's main process
// (the workers' parent), stays single-threaded so it may fork at any time, and reports to the
// front end, live, what its children do: started, output lines, exited, joined.

#include "core/event_clock.h"
#include "core/unique_fd.h"
#include "scenarios/scenario.h"

#include <nlohmann/json.hpp>
#include <sys/types.h>

#include <cstdint>

namespace forkscope::scenarios {

struct SupervisorSetup {
    int frontend_fd = -1;     // the front end's socket: messages go straight to it
    core::UniqueFd control;   // from the fork server: StopRun; EOF when the server is gone
    pid_t fork_server = 0;    // the parent
    std::uint32_t request_id = 0;
    std::uint32_t run_id = 0;
    const Scenario* scenario = nullptr;
    nlohmann::json config;    // complete and validated
    core::ClockCalibration calibration; // the fork server's, made once when it started
};

// Runs in the freshly forked child; never returns.
[[noreturn]] void run_supervisor(SupervisorSetup setup);

} // namespace forkscope::scenarios
