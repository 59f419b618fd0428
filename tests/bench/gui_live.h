#pragma once

// Part 1 of the GUI benchmark: the front end under a live load (see gui_bench.cpp).

#include <cstdint>
#include <vector>

namespace forkscope::scenarios {
class RunArena;
}

namespace forkscope::bench {

class SyntheticLoad;

struct LiveResult {
    std::vector<double> frameMs; // each frame's refresh and synchronous paint
    std::vector<double> intervalMs; // from one frame's start to the next's
    std::vector<double> latencyMs; // after each frame's paint: now − its newest event
    std::vector<double> latencyKeptMs; // the same, while the recording still kept its events
    std::uint64_t emitted = 0; // by the workers and the main process, counted by them
    std::uint64_t workerEvents = 0; // of those, by the workers
    std::uint64_t recorded = 0, dropped = 0, kept = 0, eventLimit = 0;
    double overrunMs = 0; // how long after the deadline the last worker's last event came
    double limitReachedS = -1; // when the recording stopped keeping events, if it did
    double mainThreadCpuPercent = 0, processCpuPercent = 0, workersCpuPercent = 0;
    double peakRssMb = 0;
};

// Runs `seconds` of load through a 1400×900 window; returns once every worker is joined and every
// event collected. Throws std::runtime_error when a worker failed or nothing was painted.
LiveResult runLive(SyntheticLoad& load, scenarios::RunArena& arena, std::int64_t t0Ns, double seconds);

} // namespace forkscope::bench
