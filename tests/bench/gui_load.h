#pragma once

// The GUI benchmark's synthetic load: forked workers that write a realistic mix of telemetry
// (states, tasks, lock waits and holds, queue puts and gets with their depth) through the same
// sink and rings as a scenario's workers, each paced by the clock to its share of a total rate.
//
//   SyntheticLoad load(arena, {64, 1e6});  // forks now: before any thread or QApplication
//   …                                      // the front end gets ready
//   load.go(seconds);                      // the workers start together and stop at the deadline
//   load.join();                           // then emitted() is exact
//
// No Qt here: the workers are fork()ed from this process and must never touch it. (And the other
// way round: Qt's `emit` macro breaks core/ring_telemetry.h, so this header does not include it.)

#include "core/shared_memory.h"
#include "core/trace_event.h"
#include "scenarios/runner/run_arena.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace forkscope::core {
class Process;
class RingTelemetry;
} // namespace forkscope::core

namespace forkscope::bench {

struct LoadConfig {
    int workers = 64;
    double events_per_second = 1e6; // all workers together
};

class SyntheticLoad {
public:
    static constexpr std::uint32_t kQueues = 4;
    static constexpr std::uint64_t kQueueCapacity = 1000;
    struct Shared; // what the workers and this process share; in gui_load.cpp

    // Claims a ring per worker and forks the workers, which wait for go(). The arena's ring 0 is
    // this process's, as a supervisor's: it writes the process starts and exits of the run.
    SyntheticLoad(scenarios::RunArena& arena, const LoadConfig& config);
    ~SyntheticLoad(); // kills workers still running (a failed benchmark)
    SyntheticLoad(const SyntheticLoad&) = delete;
    SyntheticLoad& operator=(const SyntheticLoad&) = delete;

    [[nodiscard]] std::int64_t go(double seconds); // returns the start, CLOCK_MONOTONIC ns
    // Reaps every worker and writes its exit into ring 0, as a supervisor does. False if one failed.
    [[nodiscard]] bool join();

    [[nodiscard]] std::vector<std::int32_t> pids() const;
    // Events the workers (so far, or all once joined) and this process asked their sinks to write.
    [[nodiscard]] std::uint64_t emitted() const;
    [[nodiscard]] std::uint64_t emitted_by_workers() const;
    // When the last worker wrote its last event (CLOCK_MONOTONIC ns), once joined.
    [[nodiscard]] std::int64_t last_event_ns() const;

private:
    struct Worker {
        std::unique_ptr<core::Process> process;
        std::uint32_t ring = 0;
    };
    void emit_main(core::EventKind kind, std::uint32_t object, std::uint64_t task, std::int64_t value,
                   std::uint16_t detail = 0);

    std::unique_ptr<core::SharedObject<Shared>> shared_; // MAP_SHARED with the workers
    std::vector<Worker> workers_;
    std::unique_ptr<core::RingTelemetry> main_;
    std::uint64_t main_emitted_ = 0;
};

} // namespace forkscope::bench
