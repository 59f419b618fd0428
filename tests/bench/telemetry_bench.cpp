// Telemetry benchmarks: issue 4's targets for the cost of an event, the collector and a queue
// with telemetry on.

#include "bench_support.h"

#include "core/event_clock.h"
#include "core/event_merger.h"
#include "core/queue.h"
#include "core/ring_telemetry.h"

#include <unistd.h>

#include <algorithm>

namespace forkscope::bench {

namespace {

// A ring in its own shared mapping, for the telemetry benchmarks.
struct BenchRing {
    explicit BenchRing(std::uint32_t capacity, std::uint32_t worker = 0)
        : memory(EventRing::bytes_for(capacity)), ring(new (memory.data()) EventRing(capacity, 0, worker))
    {}
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

} // namespace

std::vector<Benchmark> telemetry_benchmarks()
{
    return {
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
    };
}

} // namespace forkscope::bench
