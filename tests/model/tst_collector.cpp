// Collector: drains a run's rings in time order on its own thread and hands the events to a
// Recording on the thread that owns it. Here writer threads fill the rings while it runs live;
// every event written must reach the recording exactly once, in time order, and every event a
// full ring refused must be counted.

#include "core/event_clock.h"
#include "model/live/collector.h"
#include "scenarios/runner/run_arena.h"

#include <QSignalSpy>
#include <QTest>

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace forkscope;
using core::EventKind;

namespace {

constexpr qint64 kT0 = 1'000'000'000; // the run's start, CLOCK_MONOTONIC
constexpr std::uint32_t kPool = 1;
constexpr std::int32_t kFirstPid = 5000; // the writers' made-up processes

// The n-th event a ring's writer publishes: tasks 0, 0, 1, 1, … begun and ended in turn, so that
// a lost, repeated or reordered event shows, and the recording counts whole tasks.
core::TraceEvent nthEvent(std::uint64_t n)
{
    return core::TraceEvent{
        core::EventClock::now(), n / 2, 1, kPool, n % 2 ? EventKind::TaskEnd : EventKind::TaskBegin, 0};
}

// Writer threads, each the only writer of its ring, as a worker is. They write half their
// events, wait for releaseSecondHalf(), then write the rest.
//
// Each takes its timestamp and publishes under one mutex. The collector holds back events
// younger than its slack (20 ms) for a writer preempted between the two; under ThreadSanitizer
// on a loaded two-core machine a preemption can last longer, and a late event would then be the
// slack's failure, not the collector's. Serialised, the writers' time order is exact.
class Writers {
public:
    // `pids[i]`: ring i's process, set by its writer before its first event if the ring has none.
    Writers(const std::vector<core::EventRing*>& rings, const std::vector<std::int32_t>& pids, std::uint64_t events)
    {
        m_running.store(static_cast<int>(rings.size()), std::memory_order_relaxed);
        for (std::size_t i = 0; i < rings.size(); ++i)
            m_threads.emplace_back([this, ring = rings[i], pid = pids[i], events] { write(*ring, pid, events); });
    }
    Writers(const Writers&) = delete;
    Writers& operator=(const Writers&) = delete;
    ~Writers() { join(); } // a failed test returns early: let the writers finish

    void releaseSecondHalf()
    {
        m_secondHalf.store(true, std::memory_order_release);
        m_secondHalf.notify_all();
    }
    [[nodiscard]] bool done() const { return m_running.load(std::memory_order_acquire) == 0; }
    void join()
    {
        releaseSecondHalf();
        for (std::thread& t : m_threads) {
            if (t.joinable())
                t.join();
        }
    }
    // Pushes a full ring refused (the tests size the rings so that none should be).
    [[nodiscard]] std::uint64_t refused() const { return m_refused.load(std::memory_order_relaxed); }

private:
    void write(core::EventRing& ring, std::int32_t pid, std::uint64_t events)
    {
        if (ring.pid() == 0)
            ring.set_pid(pid); // a worker learns its pid after its ring was handed out
        for (std::uint64_t n = 0; n < events; ++n) {
            if (n == events / 2)
                m_secondHalf.wait(false, std::memory_order_acquire);
            std::lock_guard lock(m_clock);
            if (!ring.push(nthEvent(n)))
                m_refused.fetch_add(1, std::memory_order_relaxed);
        }
        m_running.fetch_sub(1, std::memory_order_release);
    }

    std::mutex m_clock;
    std::atomic<bool> m_secondHalf{false};
    std::atomic<int> m_running{0};
    std::atomic<std::uint64_t> m_refused{0};
    std::vector<std::thread> m_threads;
};

// A run's telemetry memory and its recording, started now.
struct Run {
    explicit Run(const core::ClockCalibration& calibration)
        : arena(scenarios::RunArena::create(calibration)), t0Ns(calibration.to_ns(core::EventClock::now()))
    {
        recording.runStarted(t0Ns, ::getpid(), ::getppid());
    }
    // What the front end receives with RunStarted.
    [[nodiscard]] core::UniqueFd memory() const { return core::UniqueFd(::dup(arena.fd())); }

    scenarios::RunArena arena;
    qint64 t0Ns;
    Recording recording;
};

// The pids of `writers` writers, and each one's number of events from nthEvent().
std::vector<std::int32_t> writerPids(std::size_t writers)
{
    std::vector<std::int32_t> pids;
    for (std::size_t w = 0; w < writers; ++w)
        pids.push_back(kFirstPid + static_cast<std::int32_t>(w));
    return pids;
}
std::map<quint16, std::uint64_t> eventsPerRing(const std::vector<core::EventRing*>& rings, std::uint64_t events)
{
    std::map<quint16, std::uint64_t> expected;
    for (const core::EventRing* ring : rings)
        expected[static_cast<quint16>(ring->worker())] = events;
    return expected;
}

// Empty if the recording holds, from each ring, exactly its first `expected[ring]` events of
// nthEvent()'s sequence, and all of them in time order; else what is wrong.
QString checkDelivered(const Recording& recording, const std::map<quint16, std::uint64_t>& expected)
{
    std::map<quint16, std::uint64_t> next;
    qint64 last = INT64_MIN;
    for (const RecordedEvent& e : recording.events()) {
        const std::uint64_t n = next[e.ring]++;
        if (e.timeNs < last)
            return QStringLiteral("ring %1, event %2: %3 ns after %4 ns").arg(e.ring).arg(n).arg(e.timeNs).arg(last);
        last = e.timeNs;
        const EventKind kind = n % 2 ? EventKind::TaskEnd : EventKind::TaskBegin;
        if (e.task != n / 2 || e.eventKind() != kind)
            return QStringLiteral("ring %1, event %2: task %3 kind %4, expected task %5 kind %6")
                .arg(e.ring)
                .arg(n)
                .arg(e.task)
                .arg(int(e.kind))
                .arg(n / 2)
                .arg(int(kind));
    }
    for (const auto& [ring, count] : expected) {
        if (next[ring] != count)
            return QStringLiteral("ring %1: %2 events, expected %3").arg(ring).arg(next[ring]).arg(count);
    }
    if (next.size() != expected.size())
        return QStringLiteral("events from %1 rings, expected %2").arg(next.size()).arg(expected.size());
    return {};
}

} // namespace

class TestCollector : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void drainsOnDemandInTimeOrder();
    void liveWritersAreDeliveredOnceInTimeOrder();
    void finishDeliversWhatTheThreadHeldBack();
    void destroyingALiveCollectorDeliversNothingMore();

private:
    core::ClockCalibration m_calibration;
};

void TestCollector::initTestCase()
{
    m_calibration = core::EventClock::calibrate(5); // the TSC where it is invariant, as a run does
}

void TestCollector::drainsOnDemandInTimeOrder()
{
    // Two rings written out of step; the collector attaches them to their processes and
    // delivers one time-ordered stream. The clock is CLOCK_MONOTONIC (no TSC), so ticks are ns.
    core::ClockCalibration calibration;
    auto arena = scenarios::RunArena::create(calibration);
    core::EventRing* main = arena.claim(::getpid());
    core::EventRing* worker = arena.claim(0);
    worker->set_pid(4242);
    for (std::uint64_t i = 0; i < 1000; ++i) {
        (i % 2 ? main : worker)->push(core::TraceEvent{std::uint64_t(kT0) + 10 + i, i, 0, 0, EventKind::Progress, 0});
    }
    Recording recording;
    recording.runStarted(kT0, ::getpid(), ::getppid());
    recording.processStarted(4242, ::getpid(), kT0 + 5, false, QStringLiteral("w"), QStringLiteral("worker"));
    Collector collector(core::UniqueFd(::dup(arena.fd())), kT0, &recording);
    QCOMPARE(collector.drainAllNow(), std::size_t{1000});
    QCOMPARE(recording.events().size(), std::size_t{1000});
    for (std::size_t i = 0; i < 1000; ++i) {
        QCOMPARE(recording.events()[i].timeNs, qint64(10 + i));
        QCOMPARE(recording.events()[i].ring, quint16(i % 2 ? 0 : 1));
    }
    QCOMPARE(recording.laneOfRing(1), 1);
    QCOMPARE(recording.lanes()[1].name, QStringLiteral("w"));
    QCOMPARE(recording.progress(), std::make_optional(std::make_pair(qint64(0), qint64(999))));

    // Live: the thread drains and the event loop delivers.
    main->push(core::TraceEvent{std::uint64_t(core::monotonic_ns()), 1, 0, 0, EventKind::Progress, 0});
    collector.start(5);
    QTRY_COMPARE_WITH_TIMEOUT(recording.events().size(), std::size_t{1001}, 10000);
    collector.finish();
    QCOMPARE(collector.delivered(), 1001u);
}

void TestCollector::liveWritersAreDeliveredOnceInTimeOrder()
{
    constexpr std::size_t kWriters = 4;
    constexpr std::uint32_t kOverflow = 7;
    Run run(m_calibration);
    Recording& recording = run.recording;
    QVERIFY(run.arena.claim(::getpid())); // ring 0: the main process, silent here

    // A ring written past its capacity before the collector starts: the excess is dropped, counted.
    core::EventRing* full = run.arena.claim(kFirstPid - 1);
    QVERIFY(full);
    const std::uint64_t capacity = full->capacity();
    for (std::uint64_t n = 0; n < capacity + kOverflow; ++n)
        QCOMPARE(full->push(nthEvent(n)), n < capacity);

    // Half the writers' rings are handed out before the collector starts, half while it runs and
    // before their process is known, as a run's workers start.
    const std::vector<std::int32_t> pids = writerPids(kWriters);
    std::vector<core::EventRing*> rings;
    for (std::size_t w = 0; w < kWriters / 2; ++w)
        rings.push_back(run.arena.claim(pids[w]));
    Collector collector(run.memory(), run.t0Ns, &recording);
    QSignalSpy collected(&collector, &Collector::collected);
    collector.start(2);
    for (std::size_t w = kWriters / 2; w < kWriters; ++w)
        rings.push_back(run.arena.claim(0));
    const std::uint64_t perWriter = capacity / 2; // never refused, even if the thread falls behind
    Writers writers(rings, pids, perWriter);

    // The first halves arrive while the writers wait; the second halves are written while the
    // thread drains and this thread delivers.
    QTRY_VERIFY_WITH_TIMEOUT(recording.eventCount() >= capacity + kWriters * (perWriter / 2), 30000);
    writers.releaseSecondHalf();
    QTRY_VERIFY_WITH_TIMEOUT(writers.done(), 60000);
    writers.join();
    QCOMPARE(writers.refused(), 0u);
    const quint64 total = capacity + kWriters * perWriter;
    QTRY_COMPARE_WITH_TIMEOUT(recording.eventCount(), total, 30000); // all of it live, before finish()
    QVERIFY(collected.count() >= 2);
    collector.finish();

    std::map<quint16, std::uint64_t> expected = eventsPerRing(rings, perWriter);
    expected[static_cast<quint16>(full->worker())] = capacity;
    const QString wrong = checkDelivered(recording, expected);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QCOMPARE(collector.delivered(), total);
    QCOMPARE(recording.events().size(), std::size_t(total));
    QCOMPARE(recording.dropped(), quint64(kOverflow));
    QCOMPARE(recording.taskNs().count(), total / 2);
    for (std::size_t w = 0; w < kWriters; ++w) {
        const int lane = recording.laneOfRing(rings[w]->worker());
        QVERIFY(lane > 0);
        QCOMPARE(recording.lanes()[std::size_t(lane)].pid, pids[w]);
        QCOMPARE(recording.lanes()[std::size_t(lane)].tasksDone, perWriter / 2);
    }
}

void TestCollector::finishDeliversWhatTheThreadHeldBack()
{
    // The run ends with events younger than the slack in the rings and, perhaps, a wake the
    // thread wrote before it stopped: finish() delivers all of them, and nothing twice.
    constexpr std::size_t kWriters = 3;
    constexpr std::uint64_t kEvents = 2000;
    Run run(m_calibration);
    const std::vector<std::int32_t> pids = writerPids(kWriters);
    std::vector<core::EventRing*> rings;
    for (std::int32_t pid : pids)
        rings.push_back(run.arena.claim(pid));
    Collector collector(run.memory(), run.t0Ns, &run.recording);
    collector.start(1);
    {
        Writers writers(rings, pids, kEvents);
        writers.join();
        QCOMPARE(writers.refused(), 0u);
    }
    collector.finish();
    QCOMPARE(run.recording.eventCount(), kWriters * kEvents);
    QCoreApplication::processEvents(); // a wake written before the thread stopped
    QCOMPARE(run.recording.eventCount(), kWriters * kEvents);
    const QString wrong = checkDelivered(run.recording, eventsPerRing(rings, kEvents));
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong));
    QCOMPARE(collector.delivered(), kWriters * kEvents);
}

void TestCollector::destroyingALiveCollectorDeliversNothingMore()
{
    // A front end that goes away mid-run destroys its collector: the thread stops, and what it
    // had drained but not delivered goes with it, never into the recording afterwards.
    Run run(m_calibration);
    core::EventRing* ring = run.arena.claim(kFirstPid);
    auto collector = std::make_unique<Collector>(run.memory(), run.t0Ns, &run.recording);
    collector->start(1);
    Writers writers({ring}, {kFirstPid}, 2000);
    QTRY_VERIFY_WITH_TIMEOUT(run.recording.eventCount() > 0, 30000);
    writers.releaseSecondHalf();
    collector.reset(); // while the writer may still be writing
    const quint64 count = run.recording.eventCount();
    writers.join();
    QCoreApplication::processEvents();
    QCOMPARE(run.recording.eventCount(), count);
}

QTEST_GUILESS_MAIN(TestCollector)
#include "tst_collector.moc"
