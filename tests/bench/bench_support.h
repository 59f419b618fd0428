#pragma once

// What forkscope_bench's benchmarks share: timed runs of forked workers that wait at a barrier,
// and the benchmark table.

#include "core/clock.h"
#include "core/futex.h"
#include "core/process.h"
#include "core/shared_memory.h"

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace forkscope::bench {

using namespace forkscope::core;

// Start and end stamps of one timed run, shared with the workers.
struct Stamps {
    std::atomic<std::uint32_t> ready{0};
    std::atomic<std::uint32_t> go{0};
    std::atomic<std::uint32_t> producers_done{0};
    std::atomic<std::int64_t> first_start{INT64_MAX};
    std::atomic<std::int64_t> last_end{0};
    std::atomic<std::uint64_t> checksum{0};

    void arrive_and_wait() // everyone forked and ready before the clock starts
    {
        ready.fetch_add(1);
        while (go.load(std::memory_order_acquire) == 0)
            futex_wait(go, 0, -1);
    }
    void release(std::uint32_t workers)
    {
        while (ready.load() < workers)
            futex_wait(go, 0, 100'000); // a short nap while the workers arrive
        go.store(1, std::memory_order_release);
        futex_wake(go);
    }
    void started()
    {
        const std::int64_t now = monotonic_ns();
        std::int64_t seen = first_start.load();
        while (now < seen && !first_start.compare_exchange_weak(seen, now)) {}
    }
    void ended()
    {
        const std::int64_t now = monotonic_ns();
        std::int64_t seen = last_end.load();
        while (now > seen && !last_end.compare_exchange_weak(seen, now)) {}
    }
};

using Worker = std::function<void(Stamps&)>;

[[noreturn]] inline void fail(const std::string& why)
{
    std::fprintf(stderr, "# forkscope_bench: %s\n", why.c_str());
    std::exit(1);
}

// Forks the workers, releases them together, joins them; returns the timed span in seconds.
inline double run_workers(const std::vector<Worker>& workers, std::uint64_t expected_checksum)
{
    SharedObject<Stamps> stamps(sizeof(Stamps));
    std::vector<std::unique_ptr<Process>> processes;
    for (const Worker& w : workers) {
        Stamps* s = stamps.get();
        processes.push_back(std::make_unique<Process>([s, w] {
            s->arrive_and_wait();
            w(*s);
        }));
        processes.back()->start();
    }
    stamps->release(static_cast<std::uint32_t>(workers.size()));
    for (auto& p : processes) {
        if (!p->join(std::chrono::seconds(60))) {
            p->kill();
            fail("a run took longer than 60 s");
        }
        if (p->exitcode() != 0)
            fail("a worker failed with exit code " + std::to_string(*p->exitcode()));
    }
    if (stamps->checksum.load() != expected_checksum)
        fail("checksum " + std::to_string(stamps->checksum.load()) + " != " + std::to_string(expected_checksum));
    return static_cast<double>(stamps->last_end - stamps->first_start) / 1e9;
}

struct Benchmark {
    std::string name;
    std::string unit;
    std::function<double(bool quick)> run;
};

std::vector<Benchmark> telemetry_benchmarks();
std::vector<Benchmark> collector_benchmarks();

} // namespace forkscope::bench
