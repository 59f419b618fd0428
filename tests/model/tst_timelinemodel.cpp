// TimelineModel: a recording's spans sorted per lane and band, windowed, and merged below a pixel.

#include "model/views/timelinemodel.h"
#include "support/recorded_event.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using forkscope::core::EventKind;
using forkscope::core::WorkerState;
using forkscope::testing::ev;

namespace {

// One worker that runs `tasks` tasks of 5 ns, 10 ns apart, holding lock 9 for each.
Recording tasksRun(int tasks)
{
    Recording r;
    r.runStarted(1000, 100, 1);
    r.attachRing(0, 100);
    r.processStarted(101, 100, 1000, false, QStringLiteral("worker-0"), QStringLiteral("worker"));
    r.attachRing(1, 101);
    r.append(ev(0, 1, EventKind::State, 0, 0, 0, quint8(WorkerState::Running)));
    for (int i = 0; i < tasks; ++i) {
        const qint64 t = 10 + 10 * i;
        r.append(ev(t, 1, EventKind::TaskBegin, 7, quint64(i)));
        r.append(ev(t + 1, 1, EventKind::LockAcquired, 9));
        r.append(ev(t + 3, 1, EventKind::LockReleased, 9, 0, 2));
        r.append(ev(t + 5, 1, EventKind::TaskEnd, 7, quint64(i), 1));
    }
    return r;
}

} // namespace

class TestTimelineModel : public QObject {
    Q_OBJECT

private slots:
    void lanesAreRowsOfTheModel();
    void windowsAndLevelOfDetail();
    void openSpansAreDrawnToNow();
    void lateSpansKeepTheOrder();
    void blockAtFindsTheInnermost();
    void flowsMatchPutsAndGetsOnDemand();
    void pastTheDetailKeptTheSummaryReachesTheEnd();
    void pastTheDetailKeptBlockedCallsShowInTheDetailBand();
};

void TestTimelineModel::lanesAreRowsOfTheModel()
{
    Recording r = tasksRun(3);
    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &TimelineModel::rowsInserted);
    model.follow(&r);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("worker-0 (101)"));
    QCOMPARE(model.index(1).data(TimelineModel::PidRole).toInt(), 101);
    r.processStarted(102, 100, 2000, false, QStringLiteral("worker-1"), QStringLiteral("worker"));
    model.follow(model.recording());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 2); // the first two lanes, then the third
    QCOMPARE(model.laneOfPid(102), 2);
    QCOMPARE(model.spanCount(), std::size_t{6}); // three tasks and three holds (the state is still open)
    model.follow(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestTimelineModel::windowsAndLevelOfDetail()
{
    const Recording r = tasksRun(1000); // tasks at 10, 20, … 10000 ns
    TimelineModel model;
    model.follow(&r);
    // At 1 ns per pixel every task is its own block; only those in the window come back.
    auto tasks = model.blocks(1, TimelineModel::Band::Task, 500, 600, 1.0);
    QCOMPARE(tasks.size(), std::size_t{10}); // 500, 510, … 590
    QCOMPARE(tasks.front().beginNs, 500);
    QCOMPARE(tasks.front().task, 49u);
    QCOMPARE(tasks.front().merged, 1);
    // A span that starts before the window but reaches into it is drawn.
    tasks = model.blocks(1, TimelineModel::Band::Task, 503, 504, 1.0);
    QCOMPARE(tasks.size(), std::size_t{1});
    QCOMPARE(tasks.front().beginNs, 500);
    // At 100 ns per pixel the 5 ns tasks merge: a few blocks stand for all 1000.
    tasks = model.blocks(1, TimelineModel::Band::Task, 0, 20000, 100.0);
    int total = 0;
    for (const auto& b : tasks)
        total += b.merged;
    QCOMPARE(total, 1000);
    QVERIFY2(tasks.size() <= 10, QByteArray::number(qulonglong(tasks.size())).constData());
    // The holds are on the detail band, the state on its own.
    QCOMPARE(model.blocks(1, TimelineModel::Band::Detail, 500, 600, 1.0).size(), std::size_t{10});
    QCOMPARE(model.blocks(1, TimelineModel::Band::Detail, 500, 600, 1.0).front().kind, SpanKind::LockHold);
}

void TestTimelineModel::openSpansAreDrawnToNow()
{
    Recording r = tasksRun(2);
    r.append(ev(100, 1, EventKind::TaskBegin, 7, 99)); // still running
    TimelineModel model;
    model.follow(&r);
    const auto tasks = model.blocks(1, TimelineModel::Band::Task, 0, 1000, 1.0);
    QCOMPARE(tasks.size(), std::size_t{3});
    QVERIFY(tasks.back().open);
    QCOMPARE(tasks.back().task, 99u);
    QCOMPARE(tasks.back().endNs, r.durationNs());
    model.setLiveEndNs(5000); // a live run: what is going reaches now
    QCOMPARE(model.blocks(1, TimelineModel::Band::Task, 0, 10000, 1.0).back().endNs, 5000);
    model.setLiveEndNs(0);
    const auto state = model.blocks(1, TimelineModel::Band::State, 0, 1000, 1.0);
    QCOMPARE(state.size(), std::size_t{1});
    QVERIFY(state.front().open);
    // Once the process has exited its spans are closed: nothing open is drawn.
    r.append(ev(200, 0, EventKind::ProcessExit, 1, 101, -9));
    model.follow(model.recording());
    for (const auto& b : model.blocks(1, TimelineModel::Band::Task, 0, 1000, 1.0))
        QVERIFY(!b.open);
    QCOMPARE(model.index(1).data(TimelineModel::ExitCodeRole).toInt(), -9);
}

void TestTimelineModel::lateSpansKeepTheOrder()
{
    // A long hold closes after the short task inside it: spans close out of start order.
    Recording r = tasksRun(0);
    r.append(ev(10, 1, EventKind::LockAcquired, 9));
    r.append(ev(20, 1, EventKind::QueueBlocked, 3, 0, 5, 1)); // 15..20
    r.append(ev(30, 1, EventKind::LockReleased, 9, 0, 20)); // 10..30
    r.append(ev(40, 1, EventKind::Waited, 4, 0, 35)); // 5..40, closes last, starts first
    TimelineModel model;
    model.follow(&r);
    const auto detail = model.blocks(1, TimelineModel::Band::Detail, 0, 100, 1.0);
    QCOMPARE(detail.size(), std::size_t{3});
    QCOMPARE(detail[0].beginNs, 5);
    QCOMPARE(detail[1].beginNs, 10);
    QCOMPARE(detail[2].beginNs, 15);
    // The window test finds the long one from inside it.
    QCOMPARE(model.blocks(1, TimelineModel::Band::Detail, 35, 36, 1.0).size(), std::size_t{1});
}

void TestTimelineModel::blockAtFindsTheInnermost()
{
    Recording r = tasksRun(0);
    r.append(ev(10, 1, EventKind::LockAcquired, 9));
    r.append(ev(20, 1, EventKind::QueueBlocked, 3, 0, 5, 0)); // 15..20 inside the hold
    r.append(ev(30, 1, EventKind::LockReleased, 9, 0, 20));
    TimelineModel model;
    model.follow(&r);
    const auto inner = model.blockAt(1, TimelineModel::Band::Detail, 17, 0);
    QVERIFY(inner);
    QCOMPARE(inner->kind, SpanKind::QueueBlocked);
    const auto outer = model.blockAt(1, TimelineModel::Band::Detail, 25, 0);
    QVERIFY(outer);
    QCOMPARE(outer->kind, SpanKind::LockHold);
    QVERIFY(!model.blockAt(1, TimelineModel::Band::Detail, 90, 2));
}

// Arrows from put to get: none until asked for; then every item matched by queue and ticket,
// in either order, each found by any window it crosses; what comes later is added to them.
void TestTimelineModel::flowsMatchPutsAndGetsOnDemand()
{
    Recording r;
    r.runStarted(0, 100, 1);
    r.attachRing(0, 100);
    r.processStarted(101, 100, 0, false, QStringLiteral("producer"), QStringLiteral("producer"));
    r.processStarted(102, 100, 0, false, QStringLiteral("consumer"), QStringLiteral("consumer"));
    r.attachRing(1, 101);
    r.attachRing(2, 102);
    r.append(ev(10, 1, EventKind::QueuePut, 3, 4, 1)); // item 4: sits in the queue a long time
    r.append(ev(100, 1, EventKind::QueuePut, 3, 5, 2)); // item 5: got soon after
    r.append(ev(150, 2, EventKind::QueueGet, 3, 5, 1));
    r.append(ev(200, 2, EventKind::QueueGet, 3, 6, 0)); // item 6: the woken getter stamps first
    r.append(ev(201, 1, EventKind::QueuePut, 3, 6, 0));
    r.append(ev(300, 1, EventKind::QueuePut, 9, 5, 1)); // another queue's ticket 5: not item 5
    TimelineModel model;
    model.follow(&r);
    QVERIFY(model.flows(0, 1000, 100).empty()); // not asked for: no index, no memory
    model.setFlowsShown(true);
    auto all = model.flows(0, 1000, 100);
    QCOMPARE(all.size(), std::size_t{2});
    QCOMPARE(all[0].ticket, quint64{5});
    QCOMPARE(all[0].putNs, qint64{100});
    QCOMPARE(all[0].getNs, qint64{150});
    QCOMPARE(all[0].putLane, 1);
    QCOMPARE(all[0].getLane, 2);
    QCOMPARE(all[1].ticket, quint64{6});
    QCOMPARE(all[1].putNs, qint64{201});
    QCOMPARE(all[1].getNs, qint64{200});

    r.append(ev(900, 2, EventKind::QueueGet, 3, 4, 0)); // item 4 leaves the queue at last
    model.follow(model.recording());
    QCOMPARE(model.flows(0, 1000, 100).size(), std::size_t{3});
    // A window inside item 4's stay finds it, though it was put and got outside the window.
    auto inside = model.flows(500, 510, 100);
    QCOMPARE(inside.size(), std::size_t{1});
    QCOMPARE(inside[0].ticket, quint64{4});
    QCOMPARE(model.flows(120, 130, 100).size(), std::size_t{2}); // items 4 and 5
    QCOMPARE(model.flows(0, 1000, 1).size(), std::size_t{1}); // the limit holds
    // Built incrementally or in one pass, the same arrows.
    TimelineModel fresh;
    fresh.follow(&r);
    fresh.setFlowsShown(true);
    const auto a = model.flows(0, 1000, 100), b = fresh.flows(0, 1000, 100);
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        QVERIFY(a[i].putNs == b[i].putNs && a[i].getNs == b[i].getNs && a[i].ticket == b[i].ticket);
    model.setFlowsShown(false);
    QVERIFY(model.flows(0, 1000, 100).empty());
}

// A run longer than its event store: spans up to the last event kept, then the lane's summary
// (from every event) up to the run's end, in both the state and the task band, at any zoom; the
// summary says what the lane mostly did and how many tasks ended.
void TestTimelineModel::pastTheDetailKeptTheSummaryReachesTheEnd()
{
    Recording r(400); // events kept
    r.runStarted(0, 100, 1);
    r.attachRing(0, 100);
    r.processStarted(101, 100, 0, false, QStringLiteral("consumer"), QStringLiteral("consumer"));
    r.attachRing(1, 101);
    // 2 s of 1 ms tasks, each after 1 ms blocked on get: 4000 events, the first 400 kept.
    constexpr qint64 kMs = 1'000'000;
    quint64 tasks = 0;
    for (qint64 t = 0; t < 2000 * kMs; t += 2 * kMs, ++tasks) {
        r.append(ev(t, 1, EventKind::State, 0, 0, 0, quint8(WorkerState::BlockedOnGet)));
        r.append(ev(t + kMs, 1, EventKind::State, 0, 0, 0, quint8(WorkerState::Running)));
        r.append(ev(t + kMs, 1, EventKind::TaskBegin, 7, tasks));
        r.append(ev(t + 2 * kMs - 1, 1, EventKind::TaskEnd, 7, tasks, 1));
    }
    r.append(ev(2000 * kMs, 1, EventKind::State, 0, 0, 0, quint8(WorkerState::Sleeping)));
    r.append(ev(2100 * kMs, 1, EventKind::State, 0, 0, 0, quint8(WorkerState::Done)));
    r.processExited(101, 0, 2100 * kMs);
    QVERIFY(r.eventsNotKept() > 0);
    const qint64 horizon = r.detailEndNs();
    QVERIFY(horizon > 0 && horizon < 400 * kMs);

    TimelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.follow(&r);
    for (const double nsPerPixel : {1e3, 1e5, 3e6}) {
        const auto states = model.blocks(1, TimelineModel::Band::State, 0, 2100 * kMs, nsPerPixel);
        QVERIFY(!states.empty());
        QVERIFY(!states.front().summary); // the detail first
        QVERIFY(states.back().summary);
        QCOMPARE(states.back().endNs, 2100 * kMs); // to the lane's end
        for (const auto& b : states)
            QVERIFY(!b.summary || b.beginNs >= horizon);
        QCOMPARE(states.back().detail, quint8(WorkerState::Sleeping)); // the run's last 100 ms
        quint64 summed = 0;
        for (const auto& b : model.blocks(1, TimelineModel::Band::Task, horizon, 2100 * kMs, nsPerPixel)) {
            if (b.summary)
                summed += quint64(b.merged);
        }
        // The tasks that ended past the horizon, each once, whatever the scale; the block the
        // horizon falls in also holds those that ended in it before the horizon (a task every 2 ms).
        quint64 pastHorizon = 0;
        for (quint64 i = 0; i < tasks; ++i)
            pastHorizon += qint64(i) * 2 * kMs + 2 * kMs - 1 >= horizon;
        const auto step = r.summaryOf(1).stepFor(static_cast<qint64>(3 * nsPerPixel));
        QVERIFY2(summed >= pastHorizon && summed <= pastHorizon + quint64(step / (2 * kMs)) + 1,
                 qPrintable(QStringLiteral("%1 of %2 at %3 ns/px").arg(summed).arg(pastHorizon).arg(nsPerPixel)));
    }
    // The summary's time in each state adds up to the run's.
    quint64 blocked = 0, running = 0;
    for (const auto& bucket : r.summaryOf(1).buckets()) {
        blocked += bucket.stateNs[std::size_t(WorkerState::BlockedOnGet)];
        running += bucket.stateNs[std::size_t(WorkerState::Running)];
    }
    QCOMPARE(blocked, quint64(1000 * kMs));
    QCOMPARE(running, quint64(1000 * kMs));
}

// A producer reports no state, only its blocked puts (QueueBlocked events). Past the detail kept,
// the detail band shows where it was mostly blocked, as the detail draws the calls themselves;
// the state band shows nothing it did not report.
void TestTimelineModel::pastTheDetailKeptBlockedCallsShowInTheDetailBand()
{
    Recording r(100);
    r.runStarted(0, 100, 1);
    r.attachRing(0, 100);
    r.processStarted(101, 100, 0, false, QStringLiteral("producer"), QStringLiteral("producer"));
    r.attachRing(1, 101);
    constexpr qint64 kMs = 1'000'000;
    // 1 s blocked 0.8 ms of every 1 ms, then 1 s never blocked (puts only).
    for (qint64 t = kMs; t <= 1000 * kMs; t += kMs) {
        r.append(ev(t, 1, EventKind::QueueBlocked, 3, 0, 8 * kMs / 10, 1));
        r.append(ev(t, 1, EventKind::QueuePut, 3, 0, 1));
    }
    for (qint64 t = 1001 * kMs; t <= 2000 * kMs; t += kMs)
        r.append(ev(t, 1, EventKind::QueuePut, 3, 0, 1));
    r.processExited(101, 0, 2000 * kMs);
    const qint64 horizon = r.detailEndNs();
    QVERIFY(horizon > 0 && horizon < 100 * kMs);

    TimelineModel model;
    model.follow(&r);
    const auto detail = model.blocks(1, TimelineModel::Band::Detail, horizon, 2000 * kMs, 1e5);
    QVERIFY(!detail.empty());
    for (const auto& b : detail) {
        QVERIFY(b.summary);
        QCOMPARE(b.kind, SpanKind::QueueBlocked);
        QCOMPARE(b.detail, quint8(1)); // put
        QVERIFY2(b.endNs <= 1001 * kMs, qPrintable(QString::number(b.endNs))); // not where it never blocked
    }
    QVERIFY(detail.back().endNs >= 990 * kMs);
    QVERIFY(model.blocks(1, TimelineModel::Band::State, horizon, 2000 * kMs, 1e5).empty());
}

QTEST_GUILESS_MAIN(TestTimelineModel)
#include "tst_timelinemodel.moc"
