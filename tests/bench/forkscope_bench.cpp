// ForkScope's core benchmarks. Prints one line per measurement, `name value unit`, the median of
// --reps repetitions after one discarded warm-up; every repetition goes to stderr as `# …`.
// Measured like ../shared/bench/anchors: workers are forked first and wait at a barrier; the
// clock runs from the first producer's start to the last consumer's end (CLOCK_MONOTONIC), and
// every run checks a checksum of what went through.
//
//   forkscope_bench [--reps N] [--quick] [substring …]

#include "core/clock.h"
#include "core/event_clock.h"
#include "core/event_merger.h"
#include "core/ring_telemetry.h"
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

namespace {

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
        while (now < seen && !first_start.compare_exchange_weak(seen, now)) {
        }
    }
    void ended()
    {
        const std::int64_t now = monotonic_ns();
        std::int64_t seen = last_end.load();
        while (now > seen && !last_end.compare_exchange_weak(seen, now)) {
        }
    }
};

using Worker = std::function<void(Stamps&)>;

[[noreturn]] void fail(const std::string& why)
{
    std::fprintf(stderr, "# forkscope_bench: %s\n", why.c_str());
    std::exit(1);
}

// Forks the workers, releases them together, joins them; returns the timed span in seconds.
double run_workers(const std::vector<Worker>& workers, std::uint64_t expected_checksum)
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

// Producers put 1..items between them, the last one to finish adds a 0 per consumer; consumers
// sum what they get until their 0. Returns items per second.
template <class Q> double queue_throughput(Q& q, int producers, int consumers, std::uint64_t items, bool task_done)
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

// A ring in its own shared mapping, for the telemetry benchmarks.
struct BenchRing {
    explicit BenchRing(std::uint32_t capacity, std::uint32_t worker = 0)
        : memory(EventRing::bytes_for(capacity)), ring(new (memory.data()) EventRing(capacity, 0, worker)) {}
    SharedMemory memory;
    EventRing* ring;
};

// Forks a collector that drains `rings` every `interval_us` until *stop is set; returns it started.
std::unique_ptr<Process> start_collector(std::vector<EventRing*> rings, std::atomic<std::uint32_t>* stop,
                                         useconds_t interval_us = 1000)
{
    auto collector = std::make_unique<Process>([rings, stop, interval_us] {
        EventMerger merger;
        for (EventRing* r : rings)
            merger.add(r);
        std::uint64_t sink = 0;
        auto count = [&sink](const EventRing&, const TraceEvent& e) { sink += e.task; };
        while (stop->load(std::memory_order_acquire) == 0) {
            merger.drain(EventClock::now(), count);
            ::usleep(interval_us);
        }
        merger.drain(UINT64_MAX, count);
    });
    collector->start();
    return collector;
}

// Items per second through Queue(64), 1 producer and 1 consumer, each writing its telemetry to
// its own ring while a collector process drains them.
double queue_with_telemetry(bool quick)
{
    const std::uint64_t items = quick ? 10'000 : 2'000'000;
    // Rings for a few milliseconds of events: the collector drains once a millisecond, as the
    // front end's does (often enough for a live view, rarely enough to leave the CPUs to the run).
    BenchRing producer_ring(1 << 18, 0), consumer_ring(1 << 18, 1);
    SharedObject<std::atomic<std::uint32_t>> stop(sizeof(std::atomic<std::uint32_t>), 0u);
    auto collector = start_collector({producer_ring.ring, consumer_ring.ring}, stop.get());
    Queue<std::uint64_t> q(64);
    std::vector<Worker> workers;
    workers.push_back([&q, &producer_ring, items](Stamps& s) {
        RingTelemetry telemetry(*producer_ring.ring);
        set_telemetry_sink(&telemetry);
        s.started();
        for (std::uint64_t i = 1; i <= items; ++i)
            q.put(i);
        q.put(0);
    });
    workers.push_back([&q, &consumer_ring](Stamps& s) {
        RingTelemetry telemetry(*consumer_ring.ring);
        set_telemetry_sink(&telemetry);
        std::uint64_t sum = 0;
        for (std::uint64_t item; (item = q.get()) != 0;)
            sum += item;
        s.ended();
        s.checksum.fetch_add(sum);
    });
    const double seconds = run_workers(workers, items * (items + 1) / 2);
    stop->store(1, std::memory_order_release);
    collector->join();
    const std::uint64_t written = producer_ring.ring->written() + consumer_ring.ring->written();
    const std::uint64_t dropped = producer_ring.ring->dropped() + consumer_ring.ring->dropped();
    std::fprintf(stderr, "#   %llu events, %.2f%% dropped\n", static_cast<unsigned long long>(written + dropped),
                 100.0 * static_cast<double>(dropped) / static_cast<double>(written + dropped));
    return static_cast<double>(items) / seconds;
}

struct Benchmark {
    std::string name;
    std::string unit;
    std::function<double(bool quick)> run;
};

std::vector<Benchmark> benchmarks()
{
    auto queue_bench = [](std::size_t maxsize, int producers, int consumers) {
        return [=](bool quick) {
            Queue<std::uint64_t> q(maxsize);
            return queue_throughput(q, producers, consumers, quick ? 10'000 : 2'000'000, false);
        };
    };
    // The process benchmarks first: fork() costs more as the parent grows, and the others grow it.
    return {
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
        {"fs.Telemetry.event.tsc.4M", "ns/event",
         [](bool quick) {
             // One event: read the clock, write 32 bytes, publish. Laps of a 2 MiB ring emptied
             // between them (not timed): warm pages, none dropped, as in a drained ring.
             constexpr std::uint32_t kLap = 60'000;
             const int laps = quick ? 2 : 66;
             BenchRing r(1 << 16);
             RingTelemetry telemetry(*r.ring);
             std::vector<TraceEvent> scratch(1 << 16);
             std::int64_t spent = 0;
             for (int lap = 0; lap < laps; ++lap) {
                 const std::int64_t begin = monotonic_ns();
                 for (std::uint32_t i = 0; i < kLap; ++i)
                     telemetry.emit(EventKind::Progress, 1, i, 0);
                 spent += monotonic_ns() - begin;
                 (void)r.ring->pop(scratch.data(), scratch.size());
             }
             if (r.ring->dropped() != 0)
                 fail("events were dropped");
             return static_cast<double>(spent) / (static_cast<double>(laps) * kLap);
         }},
        {"fs.Telemetry.queue_put_get.cost_per_event", "ns/event",
         [](bool quick) {
             // Telemetry on minus off, for a put and a get in one process: two events each pair.
             BenchRing r(1 << 16);
             SharedObject<std::atomic<std::uint32_t>> stop(sizeof(std::atomic<std::uint32_t>), 0u);
             auto collector = start_collector({r.ring}, stop.get());
             Queue<std::uint64_t> q(64);
             const int n = quick ? 20'000 : 1'000'000;
             auto pairs = [&] {
                 const std::int64_t begin = monotonic_ns();
                 for (int i = 0; i < n; ++i) {
                     q.put(static_cast<std::uint64_t>(i));
                     (void)q.get();
                 }
                 return static_cast<double>(monotonic_ns() - begin) / n;
             };
             // Off and on alternately, medians of each: the VM's slow and fast phases hit both.
             RingTelemetry telemetry(*r.ring);
             std::vector<double> off, on;
             for (int round = 0; round < 5; ++round) {
                 off.push_back(pairs());
                 set_telemetry_sink(&telemetry);
                 on.push_back(pairs());
                 set_telemetry_sink(nullptr);
             }
             std::sort(off.begin(), off.end());
             std::sort(on.begin(), on.end());
             stop->store(1, std::memory_order_release);
             collector->join();
             std::fprintf(stderr, "#   put+get: %.1f ns off, %.1f ns on\n", off[2], on[2]);
             return (on[2] - off[2]) / 2;
         }},
        {"fs.Telemetry.collector.drain.8rings", "events/s",
         [](bool quick) {
             // The collector's merge: 8 rings of interleaved events, drained in time order.
             const std::uint32_t per_ring = quick ? 10'000 : 1'000'000;
             std::vector<std::unique_ptr<BenchRing>> rings;
             EventMerger merger;
             for (std::uint32_t w = 0; w < 8; ++w) {
                 rings.push_back(std::make_unique<BenchRing>(1 << 20, w));
                 merger.add(rings.back()->ring);
             }
             for (std::uint32_t i = 0; i < per_ring; ++i) {
                 for (auto& r : rings)
                     r->ring->push(TraceEvent{EventClock::now(), i, 0, 0, EventKind::Progress, 0});
             }
             std::uint64_t delivered = 0;
             const std::int64_t begin = monotonic_ns();
             merger.drain(UINT64_MAX, [&delivered](const EventRing&, const TraceEvent&) { ++delivered; });
             const double seconds = static_cast<double>(monotonic_ns() - begin) / 1e9;
             if (delivered != std::uint64_t{per_ring} * 8)
                 fail("the collector lost events");
             return static_cast<double>(delivered) / seconds;
         }},
        {"fs.Queue.1p1c.maxsize64.telemetry_on.2M", "items/s", [](bool quick) { return queue_with_telemetry(quick); }},
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
