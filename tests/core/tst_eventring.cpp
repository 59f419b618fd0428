// core::EventRing, EventClock, RingTelemetry and EventMerger: the telemetry path from a worker's
// hook to events in time order.

#include "core/clock.h"
#include "core/event_clock.h"
#include "core/event_merger.h"
#include "core/event_ring.h"
#include "core/lock.h"
#include "core/process.h"
#include "core/queue.h"
#include "core/ring_telemetry.h"
#include "core/shared_memory.h"
#include "support/test_main.h"

#include <QTest>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <thread>
#include <vector>

using namespace forkscope::core;
using namespace std::chrono_literals;

namespace {

// A ring in its own shared mapping.
struct SharedRing {
    SharedRing(std::uint32_t capacity, std::uint32_t worker)
        : memory(EventRing::bytes_for(capacity)), ring(new (memory.data()) EventRing(capacity, 0, worker))
    {}
    SharedMemory memory;
    EventRing* ring;
};

TraceEvent numbered(std::uint64_t n)
{
    return TraceEvent{EventClock::now(), n, 0, 0, EventKind::Progress, 0};
}

} // namespace

class TestEventRing : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void pushAndPopInOrderAcrossTheWrap();
    void aFullRingDropsAndCounts();
    void aFullRingWaitsForALateReader();
    void anotherProcessWrites();
    void aWriterThreadAndAReaderThreadAgree();
    void aKilledWriterLosesNothingItPublished();
    void calibrationMatchesTheMonotonicClock();
    void rebasingKeepsTheRateAndMovesTheBase();
    void telemetryHooksBecomeEvents();
    void countsStayExactWhenTheRingIsFull();
    void durationsPastTheTimedSlotsAreUntimed();
    void objectsPastTheCountersRoomAreUntracked();
    void mergerDeliversInTimeOrderUpToTheWatermark();
    void mergerTakesBoundedBitesInTimeOrder();

private:
    ClockCalibration m_calibration;
};

void TestEventRing::initTestCase()
{
    m_calibration = EventClock::calibrate();
    qInfo("event clock: %s", m_calibration.tsc ? "TSC" : "CLOCK_MONOTONIC");
}

void TestEventRing::pushAndPopInOrderAcrossTheWrap()
{
    SharedRing r(8, 0);
    std::vector<TraceEvent> out(8);
    std::uint64_t next = 0;
    for (int round = 0; round < 10; ++round) { // 30 events through 8 slots
        for (int i = 0; i < 3; ++i)
            QVERIFY(r.ring->push(numbered(next + static_cast<std::uint64_t>(i))));
        QCOMPARE(r.ring->pop(out.data(), out.size()), 3u);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(out[static_cast<std::size_t>(i)].task, next + static_cast<std::uint64_t>(i));
        next += 3;
    }
    QCOMPARE(r.ring->pop(out.data(), out.size()), 0u);
    QCOMPARE(r.ring->written(), 30u);
    QCOMPARE(r.ring->dropped(), 0u);
}

// With nobody reading, a full ring makes its writer wait for room once, for at most
// EventRing::kMaxWaitNs, then drop (counted) at once, until the reader makes room again.
void TestEventRing::aFullRingDropsAndCounts()
{
    SharedRing r(4, 0);
    for (int i = 0; i < 4; ++i)
        QVERIFY(r.ring->push(numbered(static_cast<std::uint64_t>(i))));
    const std::int64_t before = monotonic_ns();
    QVERIFY(!r.ring->push(numbered(4))); // waited for room, none came: dropped, and counted
    const std::int64_t waited = monotonic_ns() - before;
    QVERIFY2(waited >= EventRing::kMaxWaitNs, qPrintable(QString::number(waited)));
    const std::uint64_t counted = r.ring->waited_ns();
    QVERIFY(counted >= std::uint64_t(EventRing::kMaxWaitNs));
    QVERIFY(!r.ring->push(numbered(5))); // the reader is gone: no second wait
    QCOMPARE(r.ring->waited_ns(), counted);
    QCOMPARE(r.ring->dropped(), 2u);
    std::vector<TraceEvent> out(4);
    QCOMPARE(r.ring->pop(out.data(), 2), 2u);
    QVERIFY(r.ring->push(numbered(6))); // room again
    QCOMPARE(r.ring->pop(out.data(), 4), 3u);
    QCOMPARE(out[2].task, 6u);
}

// A reader that is late but there: the writer waits for it rather than lose an event. 20,000
// events through a ring of 16 while the reader takes them a few at a time with pauses: none is
// dropped, all arrive in order, and the writer's waits are counted.
void TestEventRing::aFullRingWaitsForALateReader()
{
    SharedRing r(16, 0);
    constexpr std::uint64_t kEvents = 20'000;
    std::atomic<bool> inOrder{true};
    std::thread reader([&] {
        std::vector<TraceEvent> out(4);
        for (std::uint64_t seen = 0; seen < kEvents;) {
            const std::size_t n = r.ring->pop(out.data(), out.size());
            for (std::size_t i = 0; i < n; ++i)
                inOrder = inOrder && out[i].task == seen + i;
            seen += n;
            if (seen % 4096 < 4)
                std::this_thread::sleep_for(2ms); // late now and then, well within kMaxWaitNs
        }
    });
    std::uint64_t pushed = 0;
    for (std::uint64_t i = 0; i < kEvents; ++i)
        pushed += r.ring->push(numbered(i));
    reader.join();
    QCOMPARE(pushed, kEvents);
    QVERIFY(inOrder);
    QCOMPARE(r.ring->dropped(), 0u);
    QVERIFY(r.ring->waited_ns() > 0);
}

void TestEventRing::anotherProcessWrites()
{
    constexpr std::uint64_t kEvents = 1'000'000;
    SharedRing r(1024, 1);
    Process writer([&r] {
        for (std::uint64_t i = 0; i < kEvents;) {
            if (r.ring->push(numbered(i)))
                ++i;
        }
    });
    writer.start();
    std::vector<TraceEvent> out(512);
    std::uint64_t expected = 0;
    std::uint64_t last_time = 0;
    while (expected < kEvents) {
        const std::size_t n = r.ring->pop(out.data(), out.size());
        for (std::size_t i = 0; i < n; ++i) {
            QCOMPARE(out[i].task, expected++);
            QVERIFY(out[i].time >= last_time); // one writer, one clock: never backwards
            last_time = out[i].time;
        }
    }
    QVERIFY(writer.join(30s));
}

void TestEventRing::aWriterThreadAndAReaderThreadAgree()
{
    // Both sides in one process use the same addresses, so ThreadSanitizer (the tsan preset)
    // checks the ring's memory orders: a slot read before its publication, or overwritten
    // before it was read, is a race. A small ring: it wraps and fills again and again.
    constexpr std::uint64_t kEvents = 200'000;
    SharedRing r(256, 1);
    std::thread writer([&r] {
        for (std::uint64_t i = 0; i < kEvents; ++i) {
            TraceEvent e = numbered(i);
            e.value = static_cast<std::int64_t>(3 * i); // a torn or stale slot shows
            r.ring->push(e); // full: dropped, and counted
        }
    });
    std::vector<TraceEvent> out(64);
    std::uint64_t received = 0;
    std::uint64_t next = 0; // the least task the next event may carry
    bool agree = true;
    const std::int64_t deadline = monotonic_ns() + 60'000'000'000;
    while (received + r.ring->dropped() < kEvents && monotonic_ns() < deadline) {
        const std::size_t n = r.ring->pop(out.data(), out.size());
        for (std::size_t i = 0; i < n; ++i) {
            agree = agree && out[i].task >= next && out[i].value == static_cast<std::int64_t>(3 * out[i].task);
            next = out[i].task + 1;
        }
        received += n;
    }
    writer.join();
    QVERIFY(agree);
    QCOMPARE(received + r.ring->dropped(), kEvents);
    QCOMPARE(r.ring->written(), received);
    QVERIFY(received > 0);
}

void TestEventRing::aKilledWriterLosesNothingItPublished()
{
    SharedRing r(1 << 20, 2);
    Process writer([&r] {
        for (std::uint64_t i = 0;; ++i)
            r.ring->push(numbered(i));
    });
    writer.start();
    ::usleep(20'000);
    writer.kill();
    QVERIFY(writer.join(10s));
    std::vector<TraceEvent> out(1 << 20);
    const std::size_t n = r.ring->pop(out.data(), out.size());
    QVERIFY(n > 0);
    QCOMPARE(static_cast<std::uint64_t>(n), r.ring->written() - 0);
    for (std::size_t i = 0; i < n; ++i)
        QCOMPARE(out[i].task, static_cast<std::uint64_t>(i)); // every published event, whole, in order
}

void TestEventRing::calibrationMatchesTheMonotonicClock()
{
    for (int i = 0; i < 5; ++i) {
        const std::int64_t before = monotonic_ns();
        const std::uint64_t ticks = EventClock::now();
        const std::int64_t after = monotonic_ns();
        const std::int64_t ns = m_calibration.to_ns(ticks);
        QVERIFY2(ns >= before - 100'000 && ns <= after + 100'000, // within 0.1 ms
                 (std::to_string(ns - before) + " ns off").c_str());
        ::usleep(10'000);
    }
}

void TestEventRing::rebasingKeepsTheRateAndMovesTheBase()
{
    if (!m_calibration.tsc)
        QSKIP("no invariant TSC: ticks are monotonic nanoseconds already");
    ::usleep(20'000);
    const ClockCalibration rebased = EventClock::rebase(m_calibration);
    QCOMPARE(rebased.ns_per_tick, m_calibration.ns_per_tick);
    QVERIFY(rebased.base_ticks > m_calibration.base_ticks);
    const std::uint64_t now = EventClock::now();
    const std::int64_t ns = monotonic_ns();
    QVERIFY(std::llabs(rebased.to_ns(now) - ns) < 100'000);
}

void TestEventRing::telemetryHooksBecomeEvents()
{
    SharedRing r(1024, 3);
    RingTelemetry telemetry(*r.ring);
    set_telemetry_sink(&telemetry);
    Queue<int> q(2);
    Lock lock;
    q.put(1);
    (void)q.get();
    lock.acquire();
    lock.release();
    report_state(WorkerState::Sleeping);
    set_telemetry_sink(nullptr);
    std::vector<TraceEvent> out(16);
    const std::size_t n = r.ring->pop(out.data(), out.size());
    std::vector<EventKind> kinds;
    for (std::size_t i = 0; i < n; ++i)
        kinds.push_back(out[i].kind);
    QCOMPARE(kinds, (std::vector<EventKind>{EventKind::QueueCreated, EventKind::QueuePut, EventKind::QueueGet,
                                            EventKind::LockAcquired, EventKind::LockReleased, EventKind::State}));
    QCOMPARE(out[0].object, q.id());
    QCOMPARE(out[0].value, 2); // its capacity
    out.erase(out.begin());
    QCOMPARE(out[0].object, q.id());
    QCOMPARE(out[0].value, 1); // depth after the put
    QCOMPARE(out[1].value, 0);
    QCOMPARE(out[2].object, lock.id());
}

// Events are dropped when a ring is full; the process's own counts are not. A ring of 8 events
// and 1000 puts, gets, lock acquisitions (100 of them after a wait) and tasks: the counters hold
// every one, the ring the first few, and a forked child that inherits the sink counts nothing
// (its writes would race ours).
void TestEventRing::countsStayExactWhenTheRingIsFull()
{
    SharedRing r(8, 1);
    SharedObject<ProcessCounters> counters(sizeof(ProcessCounters));
    RingTelemetry telemetry(*r.ring, &*counters);
    set_telemetry_sink(&telemetry);
    Queue<int> q(4);
    Lock lock;
    for (int i = 0; i < 1000; ++i) {
        q.put(i);
        (void)q.get();
        report_task_begin(7, std::uint64_t(i));
        report_task_end(7, std::uint64_t(i), i % 10 != 0);
    }
    for (int i = 0; i < 100; ++i) {
        telemetry.lock_acquired(lock.id(), 1000 + i, i == 0);
        telemetry.lock_released(lock.id(), 5000);
    }
    const std::uint64_t before = EventClock::now();
    telemetry.state_changed(WorkerState::Sleeping);
    const std::uint64_t since = EventClock::now();
    telemetry.state_changed(WorkerState::Running);
    telemetry.state_changed(WorkerState::BlockedOnGet);
    Process child([&] { q.put(-1); }, "child");
    child.start();
    QVERIFY(child.join(10s));
    set_telemetry_sink(nullptr);
    QVERIFY(r.ring->dropped() > 3000);

    std::map<std::pair<CountedKind, std::uint32_t>, const ObjectCounts*> seen;
    for (std::uint32_t i = 0; i < counters->used(); ++i)
        seen[{counters->object(i).kind.load(), counters->object(i).object.load()}] = &counters->object(i);
    QCOMPARE(seen.size(), std::size_t{3});
    const ObjectCounts* queue = seen.at({CountedKind::Queue, q.id()});
    QCOMPARE(queue->get(counted::Puts), 1000u); // not 1001: the child's put is its own
    QCOMPARE(queue->get(counted::Gets), 1000u);
    QCOMPARE(queue->get(counted::BlockedPuts), 0u);
    const ObjectCounts* tasks = seen.at({CountedKind::Tasks, 7});
    QCOMPARE(tasks->get(counted::Done), 1000u);
    QCOMPARE(tasks->get(counted::Failed), 100u);
    const ObjectCounts* locks = seen.at({CountedKind::Lock, lock.id()});
    QCOMPARE(locks->get(counted::Acquisitions), 100u);
    QCOMPARE(locks->get(counted::Contended), 100u);
    QCOMPARE(locks->get(counted::OwnerDied), 1u);
    QCOMPARE(counters->untracked(), 0u);

    // The durations too, beside their counts: every one, in its bucket, with exact figures.
    auto histogram = [&](const ObjectCounts* o, std::size_t which) {
        return counters->histogram(counters->slot_of(o), which);
    };
    QCOMPARE(histogram(queue, counted::PutBlockedNs)->count.load(), 0u); // never blocked
    const SharedHistogram* waits = histogram(locks, counted::WaitNs);
    QCOMPARE(waits->count.load(), 100u);
    QCOMPARE(waits->min.load(), 1000u);
    QCOMPARE(waits->max.load(), 1099u);
    QCOMPARE(waits->sum.load(), 100u * 1000u + 99u * 100u / 2);
    std::uint64_t inBuckets = 0;
    for (const auto& b : waits->buckets)
        inBuckets += b.load();
    QCOMPARE(inBuckets, 100u);
    QCOMPARE(waits->buckets[log_buckets::index(1050)].load(), 32u); // [1024, 1056): 32 ns wide
    const SharedHistogram* holds = histogram(locks, counted::HoldNs);
    QCOMPARE(holds->count.load(), 100u);
    QCOMPARE(holds->buckets[log_buckets::index(5000)].load(), 100u);
    QCOMPARE(histogram(tasks, counted::TaskNs)->count.load(), 1000u);
    QCOMPARE(counters->untimed(), 0u);
    // Time in each state: Sleeping closed (it lasted across the clock read between), Running too,
    // BlockedOnGet still open.
    const std::uint64_t sleeping = counters->state_ticks(std::size_t(WorkerState::Sleeping));
    QVERIFY(sleeping > 0 && sleeping <= since - before + (EventClock::now() - since));
    QVERIFY(counters->state_ticks(std::size_t(WorkerState::Running)) <= EventClock::now() - since);
    QCOMPARE(counters->state(), std::uint32_t(WorkerState::BlockedOnGet));
    QVERIFY(counters->state_since() >= since);
    QCOMPARE(counters->state_ticks(std::size_t(WorkerState::BlockedOnGet)), 0u);
}

// An object past the timed slots has exact counts, and its durations are counted as untimed, so
// the front end can say its histograms are not all exact.
void TestEventRing::durationsPastTheTimedSlotsAreUntimed()
{
    SharedRing r(8, 1);
    SharedObject<ProcessCounters> counters(sizeof(ProcessCounters));
    RingTelemetry telemetry(*r.ring, &*counters);
    for (std::uint32_t lock = 1; lock <= ProcessCounters::kTimed + 2; ++lock)
        telemetry.lock_acquired(lock, 10, false);
    QCOMPARE(counters->used(), std::uint32_t{ProcessCounters::kTimed + 2});
    QCOMPARE(counters->untimed(), 2u);
    QCOMPARE(counters->histogram(ProcessCounters::kTimed, counted::WaitNs), nullptr);
    QCOMPARE(counters->histogram(ProcessCounters::kTimed - 1, counted::WaitNs)->count.load(), 1u);
    QCOMPARE(counters->object(ProcessCounters::kTimed + 1).get(counted::Acquisitions), 1u);
}

// More objects than a process's counters have room for: the rest are counted as untracked, so
// the front end can say its counts are not all exact.
void TestEventRing::objectsPastTheCountersRoomAreUntracked()
{
    SharedObject<ProcessCounters> counters(sizeof(ProcessCounters));
    for (std::uint32_t object = 1; object <= ProcessCounters::kObjects + 2; ++object) {
        ObjectCounts* counts = counters->find_or_add(CountedKind::Queue, object);
        QCOMPARE(counts != nullptr, object <= ProcessCounters::kObjects);
    }
    QCOMPARE(counters->find_or_add(CountedKind::Lock, 1), nullptr); // a new kind is a new object
    QVERIFY(counters->find_or_add(CountedKind::Queue, 1) != nullptr); // a known one is still found
    QCOMPARE(counters->used(), std::uint32_t{ProcessCounters::kObjects});
    QCOMPARE(counters->untracked(), 3u);
}

void TestEventRing::mergerDeliversInTimeOrderUpToTheWatermark()
{
    // Writer 0 runs alone; then the watermark is taken; then writers 1 and 2 run together. The
    // first drain, up to the watermark, must deliver exactly writer 0's events; the final drain
    // the rest, interleaved in time order.
    constexpr std::uint64_t kPerWriter = 50'000;
    std::vector<std::unique_ptr<SharedRing>> rings;
    EventMerger merger;
    auto write = [&](std::size_t w) {
        EventRing* ring = rings[w]->ring;
        return std::make_unique<Process>([ring] {
            for (std::uint64_t i = 0; i < kPerWriter; ++i)
                ring->push(numbered(i));
        });
    };
    for (std::uint32_t w = 0; w < 3; ++w) {
        rings.push_back(std::make_unique<SharedRing>(1 << 17, w));
        merger.add(rings.back()->ring);
    }
    auto first = write(0);
    first->start();
    QVERIFY(first->join(30s));
    const std::uint64_t watermark = EventClock::now();
    auto second = write(1);
    auto third = write(2);
    second->start();
    third->start();
    QVERIFY(second->join(30s));
    QVERIFY(third->join(30s));

    std::uint64_t last = 0, count = 0;
    bool ordered = true;
    std::uint64_t from[3] = {};
    auto check = [&](const EventRing& ring, const TraceEvent& e) {
        ordered = ordered && e.time >= last;
        last = e.time;
        ++count;
        ++from[ring.worker()];
    };
    QCOMPARE(merger.drain(watermark, check), kPerWriter);
    QCOMPARE(from[0], kPerWriter);
    QCOMPARE(from[1] + from[2], 0u); // newer than the watermark: held back
    QCOMPARE(merger.pending(), 2 * kPerWriter);
    merger.drain(UINT64_MAX, check); // the end of the run
    QVERIFY(ordered);
    QCOMPARE(count, 3 * kPerWriter);
    QCOMPARE(merger.pending(), 0u);
    QCOMPARE(merger.dropped(), 0u);
}

// Rings fuller than the merger takes at once (EventMerger::kMaxTaken): a drain delivers no event
// later than what it left in a ring, so the order holds across drains; the final drain takes
// everything.
void TestEventRing::mergerTakesBoundedBitesInTimeOrder()
{
    constexpr std::uint64_t kPerRing = EventMerger::kMaxTaken + EventMerger::kMaxTaken / 2;
    SharedRing a(1 << 18, 0), b(1 << 18, 1);
    for (std::uint64_t i = 0; i < kPerRing; ++i) { // a: even times, b: odd ones
        a.ring->push(TraceEvent{2 * i + 2, i, 0, 0, EventKind::Progress, 0});
        b.ring->push(TraceEvent{2 * i + 3, i, 0, 0, EventKind::Progress, 0});
    }
    EventMerger merger;
    merger.add(a.ring);
    merger.add(b.ring);
    std::uint64_t last = 0, count = 0;
    bool ordered = true;
    auto check = [&](const EventRing&, const TraceEvent& e) {
        ordered = ordered && e.time > last;
        last = e.time;
        ++count;
    };
    const std::size_t first = merger.drain(UINT64_MAX - 1, check); // a live drain: bounded
    QVERIFY(first > 0 && first < 2 * kPerRing);
    QVERIFY(merger.pending() <= 2 * EventMerger::kMaxTaken);
    QVERIFY(ordered);
    QCOMPARE(merger.drain(UINT64_MAX, check), 2 * kPerRing - first); // the final one: the rest
    QVERIFY(ordered);
    QCOMPARE(count, 2 * kPerRing);
    QCOMPARE(last, 2 * kPerRing + 1);
}

FORKSCOPE_FORKING_TEST_MAIN(TestEventRing)
#include "tst_eventring.moc"
