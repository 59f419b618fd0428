// The front end's collector end to end: rings in a run's memory, drained in time order by
// Collector and folded into a Recording (spans, queue/lock/task statistics).

#include "bench_support.h"
#include "core/clock.h"
#include "core/event_clock.h"
#include "model/live/collector.h"
#include "scenarios/runner/run_arena.h"

#include <unistd.h>

#include <algorithm>

namespace forkscope::bench {

using namespace core;

namespace {

// A realistic mix per worker: task begin, lock acquire and release, a put or get with its depth,
// task end. Each round writes what a drain finds at full speed (32,768 events a ring: 10 ms of a
// worker writing 3 M events/s); only the drains (merge, conversion, folding into the recording)
// are timed. `keep`: the recording stores the events and spans too, else only its
// statistics grow (as past its event limit).
double collector_rate(bool quick, bool keep)
{
    const ClockCalibration calibration = EventClock::calibrate(quick ? 2 : 20);
    auto arena = scenarios::RunArena::create(calibration);
    std::vector<EventRing*> rings{arena.claim(::getpid())};
    for (int w = 1; w < 8; ++w)
        rings.push_back(arena.claim(100000 + w));
    const std::uint64_t total = quick ? 80'000 : 8'000'000;
    const std::uint32_t per_round = std::min<std::uint32_t>(rings[0]->capacity() - 16, 32'768);
    Recording recording(keep ? total : 0);
    const qint64 t0 = calibration.to_ns(EventClock::now());
    recording.runStarted(t0, ::getpid(), ::getppid());
    Collector collector(UniqueFd(::dup(arena.fd())), t0, &recording);
    std::uint64_t pushed = 0, task = 0;
    std::int64_t drain_ns = 0;
    while (pushed < total) {
        for (std::uint32_t i = 0; i < per_round / 5 && pushed < total; ++i, ++task) {
            for (EventRing* r : rings) {
                const std::uint32_t w = r->worker();
                r->push(TraceEvent{EventClock::now(), task, 0, 1, EventKind::TaskBegin, 0});
                r->push(TraceEvent{EventClock::now(), 0, 12, 2, EventKind::LockAcquired, 0});
                r->push(TraceEvent{EventClock::now(), 0, 40, 2, EventKind::LockReleased, 0});
                r->push(TraceEvent{EventClock::now(), task, std::int64_t(task % 64), 3,
                                   w % 2 ? EventKind::QueueGet : EventKind::QueuePut, 0});
                r->push(TraceEvent{EventClock::now(), task, 1, 1, EventKind::TaskEnd, 0});
                pushed += 5;
            }
        }
        const std::int64_t begin = monotonic_ns();
        collector.drainAllNow();
        drain_ns += monotonic_ns() - begin;
    }
    if (recording.eventCount() != pushed || recording.taskNs().count() != pushed / 5 ||
        recording.events().size() != (keep ? pushed : 0))
        fail("the collector lost events");
    return static_cast<double>(pushed) / (static_cast<double>(drain_ns) / 1e9);
}

} // namespace

std::vector<Benchmark> collector_benchmarks()
{
    return {
        {"fs.Collector.drain_to_statistics.8rings", "events/s",
         [](bool quick) { return collector_rate(quick, false); }},
        {"fs.Collector.drain_into_recording.8rings", "events/s",
         [](bool quick) { return collector_rate(quick, true); }},
    };
}

} // namespace forkscope::bench
