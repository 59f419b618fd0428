#pragma once

// The scenario's main process: forked by the run supervisor, it runs the scenario's main program
// (Python's MainProcess, the script), forks the workers and joins them. Everything the supervisor
// must know to follow the run goes to it over one socket, in order: each child with its output
// pipe and a pidfd as it starts, each join with the exit code, the program's log lines, its
// result, and how it ended. It never waits for the supervisor, so whatever the program blocks in
// (a queue, a lock, a pool, a join, a sleep), the supervisor goes on reading output and seeing exits.

#include "core/event_ring.h"
#include "core/unique_fd.h"
#include "scenarios/runner/run_arena.h"
#include "scenarios/scenario.h"

#include <nlohmann/json.hpp>
#include <sys/types.h>

#include <atomic>
#include <cstdint>

namespace forkscope::scenarios {

// What the supervisor writes and the main process reads, in memory shared between them.
struct alignas(64) RunControl {
    std::atomic<bool> stop_requested{false}; // the user pressed Stop: start no more processes
};
static_assert(std::atomic<bool>::is_always_lock_free);

struct MainProcessSetup {
    core::UniqueFd channel; // to the supervisor
    int output_fd = -1; // becomes stdout and stderr: read by the supervisor
    pid_t supervisor = 0; // the parent
    std::uint32_t run_id = 0;
    const Scenario* scenario = nullptr;
    const nlohmann::json* config = nullptr; // complete and validated
    RunArena* arena = nullptr; // the run's telemetry, when it has one; ring 0 is ours
    const RunControl* control = nullptr;
};

// Runs in the freshly forked child; never returns.
[[noreturn]] void run_main_process(MainProcessSetup setup);

} // namespace forkscope::scenarios
