// ForkScope's core benchmarks. Prints one line per measurement, `name value unit`, the median of
// --reps repetitions after one discarded warm-up; every repetition goes to stderr as `# …`.
// Measured like ../shared/bench/anchors: workers are forked first and wait at a barrier; the
// clock runs from the first producer's start to the last consumer's end (CLOCK_MONOTONIC), and
// every run checks a checksum of what went through.
//
//   forkscope_bench [--reps N] [--quick] [substring …]

#include "bench_support.h"

#include "core/clock.h"
#include "core/event_clock.h"
#include "core/futex.h"
#include "core/lock.h"
#include "core/pool.h"
#include "core/process.h"
#include "core/queue.h"
#include "core/shared_memory.h"

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace forkscope::core;
using namespace forkscope::bench;

namespace {

// Producers put 1..items between them, the last one to finish adds a 0 per consumer; consumers
// sum what they get until their 0. Returns items per second.
template <class Q>
double queue_throughput(Q& q, int producers, int consumers, std::uint64_t items, bool task_done)
{
    std::vector<Worker> workers;
    for (int p = 0; p < producers; ++p) {
        workers.push_back([&q, p, producers, consumers, items](Stamps& s) {
            s.started();
            for (auto i = static_cast<std::uint64_t>(p) + 1; i <= items; i += static_cast<std::uint64_t>(producers))
                q.put(i);
            if (s.producers_done.fetch_add(1) + 1 == static_cast<std::uint32_t>(producers)) {
                for (int c = 0; c < consumers; ++c)
                    q.put(0);
            }
        });
    }
    for (int c = 0; c < consumers; ++c) {
        workers.push_back([&q, task_done](Stamps& s) {
            std::uint64_t sum = 0;
            for (std::uint64_t item; (item = q.get()) != 0;) {
                sum += item;
                if constexpr (requires { q.task_done(); }) {
                    if (task_done)
                        q.task_done();
                }
            }
            s.ended();
            s.checksum.fetch_add(sum);
        });
    }
    return static_cast<double>(items) / run_workers(workers, items * (items + 1) / 2);
}

std::vector<Benchmark> benchmarks()
{
    std::vector<Benchmark> telemetry = telemetry_benchmarks();
    auto queue_bench = [](std::size_t maxsize, int producers, int consumers) {
        return [=](bool quick) {
            Queue<std::uint64_t> q(maxsize);
            return queue_throughput(q, producers, consumers, quick ? 10'000 : 2'000'000, false);
        };
    };
    // The process benchmarks first: fork() costs more as the parent grows, and the others grow it.
    std::vector<Benchmark> all{
        {"fs.Process.start_join.sequential.1000", "ms/proc",
         [](bool quick) {
             const int n = quick ? 20 : 1000;
             const std::int64_t begin = monotonic_ns();
             for (int i = 0; i < n; ++i) {
                 Process p([] {});
                 p.start();
                 p.join();
             }
             return static_cast<double>(monotonic_ns() - begin) / 1e6 / n;
         }},
        {"fs.Process.start50_then_join50.total", "ms",
         [](bool) {
             std::vector<std::unique_ptr<Process>> ps;
             const std::int64_t begin = monotonic_ns();
             for (int i = 0; i < 50; ++i) {
                 ps.push_back(std::make_unique<Process>([] {}));
                 ps.back()->start();
             }
             for (auto& p : ps)
                 p->join();
             return static_cast<double>(monotonic_ns() - begin) / 1e6;
         }},
        {"fs.Queue.1p1c.maxsize64.2M", "items/s", queue_bench(64, 1, 1)},
        {"fs.Queue.2p2c.maxsize64.2M", "items/s", queue_bench(64, 2, 2)},
        {"fs.Queue.1p1c.unbounded.2M", "items/s", queue_bench(0, 1, 1)},
        {"fs.Queue.2p2c.unbounded.2M", "items/s", queue_bench(0, 2, 2)},
        {"fs.JoinableQueue.1p1c.put_get_taskdone.2M", "items/s",
         [](bool quick) {
             JoinableQueue<std::uint64_t> q;
             return queue_throughput(q, 1, 1, quick ? 10'000 : 2'000'000, true);
         }},
        {"fs.Lock.uncontended.acquire_release", "ns/op",
         [](bool quick) {
             Lock lock;
             const int n = quick ? 10'000 : 10'000'000;
             const std::int64_t begin = monotonic_ns();
             for (int i = 0; i < n; ++i) {
                 lock.acquire();
                 lock.release();
             }
             return static_cast<double>(monotonic_ns() - begin) / n;
         }},
        {"fs.Lock.Value_incr.2proc_contended.4M_total", "ops/s",
         [](bool quick) {
             // Python's `with lock: value.value += 1` in two processes at once.
             Lock lock;
             SharedObject<std::uint64_t> value(sizeof(std::uint64_t), 0u);
             const std::uint64_t per_process = quick ? 10'000 : 2'000'000;
             std::vector<Worker> workers;
             for (int w = 0; w < 2; ++w) {
                 workers.push_back([&lock, &value, per_process](Stamps& s) {
                     s.started();
                     for (std::uint64_t i = 0; i < per_process; ++i) {
                         lock.acquire();
                         *value = *value + 1;
                         lock.release();
                     }
                     s.ended();
                     lock.acquire();
                     if (s.producers_done.fetch_add(1) == 1) // the last one reports the total
                         s.checksum.store(*value);
                     lock.release();
                 });
             }
             return static_cast<double>(2 * per_process) / run_workers(workers, 2 * per_process);
         }},
        {"fs.Pool2.apply_async.200k", "tasks/s",
         [](bool quick) {
             // Python's anchor: submit every task, then get every result.
             Pool pool(2);
             const int n = quick ? 2'000 : 200'000;
             std::vector<AsyncResult<int>> results;
             results.reserve(static_cast<std::size_t>(n));
             const std::int64_t begin = monotonic_ns();
             for (int i = 0; i < n; ++i)
                 results.push_back(pool.apply_async([](int x) { return x; }, i));
             std::int64_t sum = 0;
             for (auto& r : results)
                 sum += r.get();
             const double seconds = static_cast<double>(monotonic_ns() - begin) / 1e9;
             if (sum != std::int64_t{n} * (n - 1) / 2)
                 fail("apply_async results are wrong");
             return n / seconds;
         }},
        {"fs.Pool2.map.default_chunksize.2M", "items/s",
         [](bool quick) {
             Pool pool(2);
             std::vector<int> items(quick ? 20'000 : 2'000'000);
             for (std::size_t i = 0; i < items.size(); ++i)
                 items[i] = static_cast<int>(i % 1000);
             const std::int64_t begin = monotonic_ns();
             const std::vector<int> out = pool.map([](int x) { return x * 2; }, items);
             const double seconds = static_cast<double>(monotonic_ns() - begin) / 1e9;
             for (std::size_t i = 0; i < items.size(); ++i) {
                 if (out[i] != items[i] * 2)
                     fail("map results are wrong");
             }
             return static_cast<double>(items.size()) / seconds;
         }},
        {"fs.Pool2.apply.sync.20k", "tasks/s",
         [](bool quick) {
             Pool pool(2);
             const int n = quick ? 200 : 20'000;
             const std::int64_t begin = monotonic_ns();
             for (int i = 0; i < n; ++i) {
                 if (pool.apply([](int x) { return x + 1; }, i) != i + 1)
                     fail("apply result is wrong");
             }
             return n / (static_cast<double>(monotonic_ns() - begin) / 1e9);
         }},
        {"fs.Pool2.create_first_apply_close_join", "ms",
         [](bool) {
             const std::int64_t begin = monotonic_ns();
             Pool pool(2);
             (void)pool.apply([](int x) { return x; }, 1);
             pool.close();
             pool.join();
             return static_cast<double>(monotonic_ns() - begin) / 1e6;
         }},
    };
    // The telemetry ones go just before the pools.
    const auto pools =
        std::find_if(all.begin(), all.end(), [](const Benchmark& b) { return b.name.starts_with("fs.Pool2"); });
    all.insert(pools, telemetry.begin(), telemetry.end());
    const std::vector<Benchmark> collector = collector_benchmarks();
    all.insert(all.end(), collector.begin(), collector.end());
    return all;
}

} // namespace

int main(int argc, char** argv)
{
    (void)EventClock::calibrate(); // the TSC where it is invariant, as a run does
    int reps = 5;
    bool quick = false;
    bool list = false;
    std::vector<std::string> filters;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--reps" && i + 1 < argc) {
            reps = std::atoi(argv[++i]);
            if (reps < 1 || reps > 1000)
                fail("--reps: must be 1..1000, got " + std::string(argv[i]));
        } else if (arg == "--quick") {
            quick = true;
        } else if (arg == "--list") {
            list = true;
        } else if (arg.starts_with("-")) {
            fail("unknown option " + arg + " (options: --reps N, --quick, --list, then name substrings)");
        } else {
            filters.push_back(arg);
        }
    }
    for (const Benchmark& b : benchmarks()) {
        if (!filters.empty() && std::none_of(filters.begin(), filters.end(),
                                             [&](const std::string& f) { return b.name.find(f) != std::string::npos; }))
            continue;
        if (list) {
            std::printf("%s %s\n", b.name.c_str(), b.unit.c_str());
            continue;
        }
        ::malloc_trim(0); // hand back what the last benchmark freed: fork() cost grows with RSS
        (void)b.run(quick); // warm-up, discarded
        std::vector<double> values;
        for (int r = 0; r < reps; ++r) {
            values.push_back(b.run(quick));
            std::fprintf(stderr, "# %s rep %d: %g %s\n", b.name.c_str(), r + 1, values.back(), b.unit.c_str());
        }
        std::sort(values.begin(), values.end());
        const double median = values.size() % 2 ? values[values.size() / 2]
                                                : (values[values.size() / 2 - 1] + values[values.size() / 2]) / 2;
        std::printf("%s %g %s\n", b.name.c_str(), median, b.unit.c_str());
        std::fflush(stdout);
    }
    return 0;
}
