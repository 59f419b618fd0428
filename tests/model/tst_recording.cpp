// Recording: spans and statistics built from a run's messages and telemetry events, and the
// bounded event store. The Collector that feeds it is tested in tst_collector.

#include "core/event_ring.h"
#include "core/queue.h"
#include "core/ring_telemetry.h"
#include "core/shared_memory.h"
#include "model/files/runfile.h"
#include "model/files/runfilereader.h"
#include "model/recording/recording.h"
#include "model/report/recordingreport.h"
#include "model/report/textformat.h"
#include "support/recorded_event.h"

#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace forkscope;
using core::EventKind;
using core::WorkerState;
using testing::ev;

namespace {

constexpr qint64 kT0 = 1'000'000'000; // the run's start, CLOCK_MONOTONIC

// A run with its main process on ring 0 and two workers on rings 1 and 2.
Recording twoWorkers(quint64 limit = Recording::kDefaultEventLimit)
{
    Recording r(limit);
    r.runStarted(kT0, 100, 1);
    r.attachRing(0, 100);
    r.processStarted(101, 100, kT0 + 10, false, QStringLiteral("worker-0"), QStringLiteral("worker"));
    r.attachRing(1, 101);
    r.attachRing(2, 102); // the ring can be seen before the process's message
    r.processStarted(102, 100, kT0 + 20, false, QStringLiteral("worker-1"), QStringLiteral("worker"));
    return r;
}

const Span* findSpan(const Lane& lane, SpanKind kind)
{
    for (const Span& s : lane.spans) {
        if (s.kind == kind)
            return &s;
    }
    return nullptr;
}

} // namespace

class TestRecording : public QObject {
    Q_OBJECT

private slots:
    void lanesFollowMessagesAndRings();
    void aReusedPidGetsANewLane();
    void spansAndStatistics();
    void aKilledWorkerEndsItsSpans();
    void aLockTakenOverFromADeadOwnerIsMarked();
    void pastTheLimitOnlyStatisticsGrow();
    void histogramPercentiles();
    void queueNamesTravelInEvents();
    void theProcessesCountsOverrideTheEvents();
    void theProcessesHistogramsAndStateTimesOverrideTheEvents();
};

void TestRecording::lanesFollowMessagesAndRings()
{
    const Recording r = twoWorkers();
    QCOMPARE(r.lanes().size(), std::size_t{3});
    QCOMPARE(r.lanes()[0].name, QStringLiteral("MainProcess"));
    QCOMPARE(r.lanes()[1].pid, 101);
    QCOMPARE(r.lanes()[1].startNs, 10);
    QCOMPARE(r.lanes()[2].name, QStringLiteral("worker-1"));
    QCOMPARE(r.laneOfRing(2), 2);
    QCOMPARE(r.laneOfRing(7), -1);
}

void TestRecording::aReusedPidGetsANewLane()
{
    Recording r = twoWorkers();
    r.append(ev(30, 0, EventKind::ProcessExit, 1, 101, 0));
    r.processExited(101, 0, kT0 + 30);
    r.processStarted(101, 100, kT0 + 40, false, QStringLiteral("worker-2"), QStringLiteral("worker"));
    r.attachRing(3, 101);
    QCOMPARE(r.lanes().size(), std::size_t{4});
    QCOMPARE(r.laneOfRing(3), 3);
    QCOMPARE(r.laneOfPid(101), 3);
    QCOMPARE(r.lanes()[1].exitCode, std::optional<qint32>(0));
    QVERIFY(!r.lanes()[3].exitCode);
}

void TestRecording::spansAndStatistics()
{
    Recording r = twoWorkers();
    r.append(ev(100, 1, EventKind::State, 0, 0, 0, quint8(WorkerState::Running)));
    r.append(ev(110, 1, EventKind::TaskBegin, 5, 1));
    r.append(ev(150, 1, EventKind::LockAcquired, 9, 0, 30)); // waited 120..150
    r.append(ev(160, 2, EventKind::QueueBlocked, 4, 0, 40, 1));
    r.append(ev(160, 2, EventKind::QueuePut, 4, 0, 3, 1));
    r.append(ev(170, 1, EventKind::LockReleased, 9, 0, 20));
    r.append(ev(180, 1, EventKind::QueueGet, 4, 0, 2));
    r.append(ev(200, 1, EventKind::TaskEnd, 5, 1, 1));
    r.append(ev(210, 1, EventKind::State, 0, 0, 0, quint8(WorkerState::Done)));

    const Lane& w0 = r.lanes()[1];
    const Span* task = findSpan(w0, SpanKind::Task);
    QVERIFY(task);
    QCOMPARE(task->beginNs, 110);
    QCOMPARE(task->endNs, 200);
    QCOMPARE(task->task, 1u);
    const Span* wait = findSpan(w0, SpanKind::LockWait);
    QVERIFY(wait);
    QCOMPARE(wait->beginNs, 120);
    QCOMPARE(wait->endNs, 150);
    const Span* hold = findSpan(w0, SpanKind::LockHold);
    QVERIFY(hold);
    QCOMPARE(hold->beginNs, 150);
    QCOMPARE(hold->endNs, 170);
    const Span* state = findSpan(w0, SpanKind::State);
    QVERIFY(state);
    QCOMPARE(state->beginNs, 100);
    QCOMPARE(state->endNs, 210);
    QVERIFY(!w0.openState);
    QCOMPARE(w0.tasksDone, 1u);
    const Span* blocked = findSpan(r.lanes()[2], SpanKind::QueueBlocked);
    QVERIFY(blocked);
    QCOMPARE(blocked->beginNs, 120);

    const QueueStats& q = r.queues().at(4);
    QCOMPARE(q.puts, 1u);
    QCOMPARE(q.gets, 1u);
    QCOMPARE(q.maxDepth, 3u);
    QCOMPARE(q.lastDepth, 2u);
    QCOMPARE(q.blockedPuts, 1u);
    QCOMPARE(q.putBlockedNs.sum(), 40u);
    const LockStats& l = r.locks().at(9);
    QCOMPARE(l.acquisitions, 1u);
    QCOMPARE(l.contended, 1u);
    QCOMPARE(l.holdNs.sum(), 20u);
    QCOMPARE(l.holderLane, -1);
    QCOMPARE(r.taskNs().count(), 1u);
    QCOMPARE(r.taskNs().sum(), 90u);
    QCOMPARE(r.eventCount(), 9u);
    QCOMPARE(r.durationNs(), 210);
}

void TestRecording::aKilledWorkerEndsItsSpans()
{
    // SIGKILLed inside a task while holding a lock: no TaskEnd, no release. Its exit, written
    // by the parent into ring 0, ends them; the lock has no holder any more.
    Recording r = twoWorkers();
    r.append(ev(100, 1, EventKind::TaskBegin, 5, 7));
    r.append(ev(120, 1, EventKind::LockAcquired, 9));
    QCOMPARE(r.locks().at(9).holderLane, 1);
    r.append(ev(150, 0, EventKind::ProcessExit, 1, 101, -9));
    const Lane& w0 = r.lanes()[1];
    QCOMPARE(w0.exitCode, std::optional<qint32>(-9));
    QCOMPARE(w0.exitNs, 150);
    QCOMPARE(findSpan(w0, SpanKind::Task)->endNs, 150);
    QCOMPARE(findSpan(w0, SpanKind::LockHold)->endNs, 150);
    QCOMPARE(r.locks().at(9).holderLane, -1);
    QVERIFY(!w0.openTask && w0.openHolds.empty());
    // The message that follows changes nothing.
    r.processExited(101, -9, kT0 + 400);
    QCOMPARE(r.lanes()[1].exitNs, 150);
    QCOMPARE(r.lanes()[1].spans.size(), std::size_t{2});
}

void TestRecording::aLockTakenOverFromADeadOwnerIsMarked()
{
    // Worker 0 takes the lock and is killed holding it; worker 1 takes it over at once (no wait)
    // and the robust mutex reports the owner's death: counted, and drawn as a marked lock wait.
    Recording r = twoWorkers();
    r.append(ev(100, 1, EventKind::LockAcquired, 9));
    r.append(ev(150, 2, EventKind::LockAcquired, 9, 0, 0, 1));
    const LockStats& l = r.locks().at(9);
    QCOMPARE(l.acquisitions, 2u);
    QCOMPARE(l.contended, 0u);
    QCOMPARE(l.ownerDied, 1u);
    QCOMPARE(l.holderLane, 2);
    QVERIFY(!findSpan(r.lanes()[1], SpanKind::LockWait));
    const Span* takeover = findSpan(r.lanes()[2], SpanKind::LockWait);
    QVERIFY(takeover);
    QCOMPARE(takeover->endNs, 150);
    QCOMPARE(takeover->detail, 1);
}

void TestRecording::pastTheLimitOnlyStatisticsGrow()
{
    Recording r = twoWorkers(4);
    for (int i = 0; i < 10; ++i) {
        r.append(ev(100 + 10 * i, 1, EventKind::TaskBegin, 5, quint64(i)));
        r.append(ev(105 + 10 * i, 1, EventKind::TaskEnd, 5, quint64(i), 1));
    }
    QCOMPARE(r.events().size(), std::size_t{4});
    QCOMPARE(r.eventCount(), 20u);
    QCOMPARE(r.eventsNotKept(), 16u);
    QCOMPARE(r.lanes()[1].spans.size(), std::size_t{2}); // the spans of the kept events
    QCOMPARE(r.taskNs().count(), 10u); // every task
    QCOMPARE(r.lanes()[1].tasksDone, 10u);
}

void TestRecording::histogramPercentiles()
{
    LogHistogram h;
    QCOMPARE(h.percentile(0.5), 0);
    for (int i = 1; i <= 10000; ++i)
        h.add(i * 1000);
    QCOMPARE(h.count(), 10000u);
    QCOMPARE(h.min(), 1000);
    QCOMPARE(h.max(), 10'000'000);
    const double p50 = double(h.percentile(0.5)), p99 = double(h.percentile(0.99));
    QVERIFY2(std::abs(p50 - 5'000'000) / 5'000'000 < 0.03, QByteArray::number(p50).constData());
    QVERIFY2(std::abs(p99 - 9'900'000) / 9'900'000 < 0.03, QByteArray::number(p99).constData());
    QCOMPARE(h.percentile(1.0), 10'000'000);
    for (int v : {0, 1, 31, 32, 33, 1 << 20})
        h.add(v);
    QCOMPARE(h.min(), 0);
    h.add(std::numeric_limits<std::int64_t>::max()); // the top bucket exists
    QCOMPARE(h.percentile(1.0), std::numeric_limits<std::int64_t>::max());
}

// A program names its queues (Queue::set_name); the name rides in an ObjectNamed event, cut to 16
// bytes at a character boundary, and a saved run keeps it. An unnamed queue reads "queue <id>".
void TestRecording::queueNamesTravelInEvents()
{
    core::SharedMemory memory(core::EventRing::bytes_for(64));
    auto* ring = new (memory.data()) core::EventRing(64, ::getpid(), 0);
    core::RingTelemetry telemetry(*ring);
    core::set_telemetry_sink(&telemetry);
    core::Queue<int> results(2), accented(2), plain(2);
    results.set_name("pool results");
    accented.set_name("a\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc"); // 17 bytes: the last \u00fc would be split
    core::set_telemetry_sink(nullptr);
    std::vector<core::TraceEvent> out(16);
    const std::size_t n = ring->pop(out.data(), out.size());
    QCOMPARE(n, std::size_t{5}); // three made, two named

    Recording r;
    r.setScenario(QStringLiteral("pool"), "{}");
    r.runStarted(0, ::getpid(), 1);
    r.attachRing(0, ::getpid());
    for (std::size_t i = 0; i < n; ++i)
        r.append(RecordedEvent{qint64(i), out[i].task, out[i].value, out[i].object, 0, quint8(out[i].kind),
                               quint8(out[i].detail)});
    QCOMPARE(r.nameOf(results.id()), QStringLiteral("pool results"));
    QCOMPARE(r.nameOf(accented.id()), QStringLiteral("a\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc"));
    QCOMPARE(r.nameOf(plain.id()), QString());
    QCOMPARE(TextFormat::queueName(r, results.id()), QStringLiteral("pool results"));
    QCOMPARE(TextFormat::queueName(r, plain.id()), QStringLiteral("queue %1").arg(plain.id()));

    r.runFinished(10);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.json"));
    QVERIFY(!runfile::save(r, path));
    const runfile::Loaded loaded = runfile::load(path);
    QVERIFY2(loaded.recording, qPrintable(loaded.error));
    QCOMPARE(loaded.recording->nameOf(results.id()), QStringLiteral("pool results"));
    QVERIFY(*loaded.recording == r);
}

// Events a full ring dropped are missing from what the events count; the processes' own counts
// are not. Once given, the counts stand (later events do not add to them), and a saved run with
// dropped events keeps them: its events alone would count less.
void TestRecording::theProcessesCountsOverrideTheEvents()
{
    using core::CountedKind;
    Recording r = twoWorkers();
    r.append(ev(100, 1, EventKind::QueuePut, 4, 0, 1));
    r.append(ev(110, 2, EventKind::QueueGet, 4, 0, 0));
    r.append(ev(120, 2, EventKind::TaskBegin, 5, 1));
    r.append(ev(130, 2, EventKind::TaskEnd, 5, 1, 1));
    r.append(ev(140, 1, EventKind::LockAcquired, 9, 0, 30));
    QCOMPARE(r.queues().at(4).puts, 1u);
    QVERIFY(!r.countsExact());

    // What the processes counted: 1000 puts and gets each, 1000 tasks of which 7 failed.
    r.setCounts({{1, CountedKind::Queue, 4, {1000, 0, 3, 0, 0, 0, 0}},
                 {2, CountedKind::Queue, 4, {0, 1000, 0, 2, 0, 1, 0}},
                 {2, CountedKind::Tasks, 5, {1000, 7, 0, 0, 0, 0, 0}},
                 {1, CountedKind::Lock, 9, {50, 20, 1, 0, 0, 0, 0}}},
                0);
    QVERIFY(RecordingReport::eventsMissing(r).isEmpty()); // every event is there
    r.setDropped(2996);
    QVERIFY(r.countsExact());
    QVERIFY2(RecordingReport::eventsMissing(r).contains(QStringLiteral("the counts are exact")),
             qPrintable(RecordingReport::eventsMissing(r)));
    r.append(ev(150, 1, EventKind::QueuePut, 4, 0, 1)); // already in the counts
    r.append(ev(160, 2, EventKind::TaskEnd, 5, 2, 0));
    const QueueStats& q = r.queues().at(4);
    QCOMPARE(q.puts, 1000u);
    QCOMPARE(q.gets, 1000u);
    QCOMPARE(q.blockedPuts, 3u);
    QCOMPARE(q.blockedGets, 2u);
    QCOMPARE(q.lostGets, 1u);
    QCOMPARE(q.maxDepth, 1u); // depths still come from the events
    QCOMPARE(r.lanes()[2].tasksDone, 1000u);
    QCOMPARE(r.lanes()[1].tasksDone, 0u);
    QCOMPARE(r.tasksFailed(), 7u);
    QCOMPARE(r.locks().at(9).acquisitions, 50u);
    QCOMPARE(r.locks().at(9).contended, 20u);
    QCOMPARE(r.locks().at(9).ownerDied, 1u);
    QCOMPARE(r.locks().at(9).waitNs.count(), 1u); // the histogram is the events'

    r.setCounts({{1, CountedKind::Queue, 4, {1001, 0, 3, 0, 0, 0, 0}}}, 2); // two updates went uncounted
    QCOMPARE(r.queues().at(4).puts, 1001u);
    QCOMPARE(r.queues().at(4).gets, 0u);
    QVERIFY(!r.countsExact());
    QVERIFY(RecordingReport::eventsMissing(r).contains(
        QStringLiteral("the counts and the percentiles leave them out too")));
    QVERIFY(RecordingReport::text(r).contains(QStringLiteral("NOT EXACT")));

    // The processes waited for room in their rings: the report says what that cost the run.
    r.setTelemetryWaitNs(12'500'000);
    QVERIFY2(RecordingReport::text(r).contains(QStringLiteral("waited 12.50 ms in all")),
             qPrintable(RecordingReport::text(r)));

    r.runFinished(200);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.json"));
    QVERIFY(!runfile::save(r, path));
    const runfile::Loaded loaded = runfile::load(path);
    QVERIFY2(loaded.recording, qPrintable(loaded.error));
    QCOMPARE(loaded.recording->telemetryWaitNs(), 12'500'000u);
    QCOMPARE(loaded.recording->queues().at(4).puts, 1001u);
    QCOMPARE(loaded.recording->lanes()[2].tasksDone, 0u);
}

// The durations likewise: once the processes' histograms are given, the queue, lock and task
// percentiles are theirs (every sample, dropped events or not), later events add nothing to them,
// and each lane's time in each state runs to its end.
void TestRecording::theProcessesHistogramsAndStateTimesOverrideTheEvents()
{
    using core::CountedKind;
    Recording r = twoWorkers();
    r.append(ev(100, 1, EventKind::LockAcquired, 9, 0, 30));
    r.append(ev(110, 1, EventKind::QueueBlocked, 4, 0, 7, 1));
    QCOMPARE(r.locks().at(9).waitNs.count(), 1u);
    QVERIFY(!r.timesExact());
    QVERIFY(!r.timeInStates(1));

    // Worker 0 (ring 1) put 500 times into queue 4, blocked each time for 1..500 µs, and took
    // lock 9 with no wait; worker 1 (ring 2) ran 200 tasks of 2 ms. Each ring kept 8 events.
    auto workers = std::make_unique<core::ProcessCounters[]>(2);
    core::SharedMemory rings(2 * core::EventRing::bytes_for(8));
    auto* ring0 = new (rings.data()) core::EventRing(8, ::getpid(), 1);
    auto* ring1 =
        new (static_cast<char*>(rings.data()) + core::EventRing::bytes_for(8)) core::EventRing(8, ::getpid(), 2);
    core::ClockCalibration clock; // ticks are ns
    {
        core::RingTelemetry w0(*ring0, &workers[0], clock);
        w0.state_changed(core::WorkerState::Running);
        for (int i = 1; i <= 500; ++i)
            w0.queue_put(4, std::uint64_t(i), 1, i * 1000);
        w0.lock_acquired(9, 0, false);
        w0.lock_released(9, 4000);
        core::RingTelemetry w1(*ring1, &workers[1], clock);
        w1.state_changed(core::WorkerState::Running);
        for (int i = 0; i < 200; ++i) {
            w1.task_begin(5, std::uint64_t(i));
            w1.task_end(5, std::uint64_t(i), true);
        }
        w1.state_changed(core::WorkerState::Done);
    }
    QVERIFY(ring0->dropped() > 0 && ring1->dropped() > 0);
    r.setTimes({{1, &workers[0]}, {2, &workers[1]}}, clock);
    QVERIFY(r.timesExact());
    const QueueStats& q = r.queues().at(4);
    QCOMPARE(q.putBlockedNs.count(), 500u); // the event's 7 ns is not among them: these are all
    QCOMPARE(q.putBlockedNs.min(), 1000);
    QCOMPARE(q.putBlockedNs.max(), 500'000);
    QVERIFY(std::abs(q.putBlockedNs.percentile(0.5) - 250'000) < 250'000 * 0.03);
    QCOMPARE(q.getBlockedNs.count(), 0u);
    QCOMPARE(r.locks().at(9).waitNs.count(), 1u);
    QCOMPARE(r.locks().at(9).waitNs.max(), 0); // not the event's 30 ns
    QCOMPARE(r.locks().at(9).holdNs.sum(), 4000u);
    QCOMPARE(r.taskNs().count(), 200u);
    r.append(ev(120, 1, EventKind::LockAcquired, 9, 0, 50)); // already in the histogram
    r.append(ev(130, 2, EventKind::TaskEnd, 5, 1, 1));
    QCOMPARE(r.locks().at(9).waitNs.count(), 1u);
    QCOMPARE(r.taskNs().count(), 200u);
    r.setTimes({{1, &workers[0]}, {2, &workers[1]}}, clock); // read again: the same, not twice
    QCOMPARE(r.queues().at(4).putBlockedNs.count(), 500u);

    // Time in each state: worker 1 is done, its Running time closed; worker 0 still runs, so
    // its Running time goes on to the latest time known, and then to its end.
    const auto done = r.timeInStates(2);
    QVERIFY(done);
    QVERIFY((*done)[std::size_t(WorkerState::Running)] > 0);
    QCOMPARE((*done)[std::size_t(WorkerState::Done)], 0);
    const auto running = r.timeInStates(1);
    QVERIFY(running);
    const qint64 sinceNs = clock.to_ns(workers[0].state_since()) - kT0;
    QCOMPARE((*running)[std::size_t(WorkerState::Running)], std::max<qint64>(0, r.durationNs() - sinceNs));
    r.processExited(101, 0, kT0 + sinceNs + 5000);
    QCOMPARE((*r.timeInStates(1))[std::size_t(WorkerState::Running)], 5000);
    QCOMPARE(r.timeInStates(0), std::nullopt); // the main process gave nothing
    workers[0].count_untimed();
    r.setTimes({{1, &workers[0]}, {2, &workers[1]}}, clock);
    QVERIFY(!r.timesExact());
}

QTEST_GUILESS_MAIN(TestRecording)
#include "tst_recording.moc"
