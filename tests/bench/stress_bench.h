#pragma once

// What the stress benchmark's parts share (see stress_bench.cpp): the run's settings, what one
// front end's run measured, and the sampler of the front end's memory and its process tree.
// No Qt here: the CLI's part runs before QApplication exists.

#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace forkscope::bench {

// A producer–consumer run: `producers` processes put an item every `produce_ms` for about
// `seconds`, `consumers` processes take them off a bounded queue. Everything else is fixed.
struct StressConfig {
    double seconds = 600;
    int producers = 128;
    int consumers = 128;
    int produce_ms = 10;
    int consume_ms = 5; // half the producers' pace: the consumers keep up, the queue stays short
    int capacity = 256;
    int sample_ms = 1000; // how often the memory is sampled
    // produce_ms = consume_ms = 0: as fast as the queue goes. `seconds` then sets the items by
    // this machine's pace (1.4 to 2.3 M items a second with telemetry on, as loaded); the run's
    // real wall time is reported.
    [[nodiscard]] bool full_speed() const { return produce_ms == 0; }
    static constexpr long long kFullSpeedItemsPerSecond = 1'000'000; // per producer, 2P/2C
    [[nodiscard]] long long items() const; // per producer, so that producing lasts `seconds`
    // How long a front end's run may take before it is stopped: `seconds` and half as much again,
    // and time to start and end 256 processes on a loaded machine.
    [[nodiscard]] double limit_s() const { return seconds * 1.5 + std::min(120.0, 10 + seconds); }
    // The --set assignments (field=value) that make the run, the same for the CLI and the GUI.
    [[nodiscard]] std::vector<std::string> assignments() const;
    // Queue operations the run must record: every item and every sentinel put once, got once.
    [[nodiscard]] std::uint64_t expected_queue_ops() const;
};

// One sample of the front end and of every process below it (fork server, supervisor, workers).
struct TreeSample {
    double t_s = 0; // since the sampler started
    double front_rss_mb = 0; // VmRSS of the front end
    double front_hwm_mb = 0; // its VmHWM, the peak so far
    double tree_rss_mb = 0; // the descendants' VmRSS added up (shared pages counted in each)
    double tree_pss_mb = 0; // their Pss added up: shared pages divided among their users
    int processes = 0; // descendants alive
};

// Samples `root` and its descendants from /proc once every `interval_ms` on its own thread
// (never the GUI's); a sample is skipped once the root has no memory left (it exited).
class TreeSampler {
public:
    explicit TreeSampler(pid_t root, int interval_ms = 1000);
    ~TreeSampler();
    TreeSampler(const TreeSampler&) = delete;
    TreeSampler& operator=(const TreeSampler&) = delete;

    // Stops the thread (within one interval) and returns every sample, oldest first.
    std::vector<TreeSample> stop();

private:
    void loop();
    [[nodiscard]] bool sample(double t_s, TreeSample& out) const;

    pid_t root_;
    int interval_ms_;
    std::atomic<bool> stop_{false};
    std::vector<TreeSample> samples_; // written by the thread, read after it is joined
    std::thread thread_;
};

// What one front end's run measured.
struct FrontEndResult {
    std::string error; // empty: the run completed
    double wall_s = 0; // the run's wall time, as the front end measured it
    std::uint64_t events = 0; // recorded by the front end (kept or only counted)
    std::uint64_t dropped = 0; // not written: a ring was full (the app's count)
    std::uint64_t not_kept = 0; // counted, past the recording's event limit
    double telemetry_wait_s = 0; // the processes' waits for room in their rings, all told
    std::uint64_t queue_ops = 0; // puts and gets the recording counted
    int workers = 0; // worker processes the front end saw start
    double peak_rss_mb = 0; // the front end's peak RSS: over its life (CLI), until the run ended (GUI)
    std::uint64_t spans = 0; // GUI: the timeline spans the recording kept
    long paints = -1; // GUI: paint events its widgets got during the run
    std::vector<TreeSample> samples;
    // GUI: the gaps between the main thread's 5 ms probes (LoopTimer), first 10 s and after, ms.
    double loop_p95_first_ms = -1, loop_p95_rest_ms = -1, loop_max_ms = -1;
    std::size_t loop_iterations = 0;
};

// Runs `forkscope-cli run producer-consumer …` as a child process and reads its report.
FrontEndResult run_cli(const std::string& cli_path, const StressConfig& config);

// What one front end's run came to: checks of its results (all workers ran, every event
// accounted for, memory sampled), which fail the benchmark however long it ran, and targets.
struct Verdict {
    int checks_failed = 0;
    int targets_missed = 0;
};

// Prints `name value unit` lines for one front end's run, its checks and its targets. With a
// `csv` path, also writes every memory sample there.
Verdict report(const std::string& front_end, const StressConfig& config, const FrontEndResult& result,
               const std::string& csv);

} // namespace forkscope::bench
