// LockSeriesModel: one row per lock with its counts, holder and percentiles; processes waiting
// for each lock over time, decimated without losing the peak; wait and hold distributions; and
// refresh() that takes in only what is new yet ends where a fresh model starts.

#include "model/views/lockseriesmodel.h"
#include "support/recorded_event.h"
#include "support/synthetic_run.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <numeric>

using forkscope::core::EventKind;
using forkscope::testing::ev;
using forkscope::testing::lockedTasks;
using forkscope::testing::runWithWorkers;

namespace {

double peak(const std::vector<QPointF>& points)
{
    double top = 0;
    for (const QPointF& p : points)
        top = std::max(top, p.y());
    return top;
}

// The waiters at `seconds`: the last point at or before it (the series is made of steps).
double levelAt(const std::vector<QPointF>& points, double seconds)
{
    double level = 0;
    for (const QPointF& p : points) {
        if (p.x() > seconds)
            break;
        level = p.y();
    }
    return level;
}

quint64 total(const std::vector<LogHistogram::Bin>& bins)
{
    return std::accumulate(bins.begin(), bins.end(), quint64{0},
                           [](quint64 n, const LogHistogram::Bin& b) { return n + b.count; });
}

} // namespace

class TestLockSeriesModel : public QObject {
    Q_OBJECT

private slots:
    void locksAppearAsRowsInIdOrder();
    void overlappingWaitsMakeAPeakOfTwo();
    void decimationKeepsThePeak();
    void holderFollowsAcquireReleaseAndDeath();
    void countsAndPercentiles();
    void histogramsHoldEverySample();
    void incrementalRefreshEqualsAFreshModel();
};

void TestLockSeriesModel::locksAppearAsRowsInIdOrder()
{
    Recording r = runWithWorkers(1);
    LockSeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &LockSeriesModel::modelReset);
    model.follow(&r);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(LockSeriesModel::NUM_COLUMNS));

    QSignalSpy inserted(&model, &LockSeriesModel::rowsInserted);
    r.append(ev(10, 1, EventKind::LockAcquired, 5));
    r.append(ev(20, 1, EventKind::LockReleased, 5, 0, 10));
    model.follow(model.recording());
    r.append(ev(30, 1, EventKind::LockAcquired, 2));
    model.follow(model.recording());
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 0); // lock 2 goes before lock 5
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.lockId(0), 2u);
    QCOMPARE(model.lockId(1), 5u);
    QCOMPARE(model.index(0, LockSeriesModel::NameColumn).data().toString(), QStringLiteral("Lock 2"));
    QCOMPARE(model.index(1, LockSeriesModel::NameColumn).data(LockSeriesModel::LockIdRole).toUInt(), 5u);
    QCOMPARE(model.headerData(LockSeriesModel::HolderColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Holder PID"));
    QCOMPARE(reset.count(), 1); // rows came by insertion, not by a reset

    // Nothing new: views are told nothing.
    QSignalSpy changed(&model, &LockSeriesModel::dataChanged);
    model.follow(model.recording());
    QCOMPARE(changed.count(), 0);
}

void TestLockSeriesModel::overlappingWaitsMakeAPeakOfTwo()
{
    // Worker 2 holds the lock 50..300 µs; worker 1 waits for it 100..300 µs, worker 0 200..400 µs:
    // two wait at once in 200..300 µs.
    Recording r = runWithWorkers(3);
    r.append(ev(50'000, 3, EventKind::LockAcquired, 3));
    r.append(ev(300'000, 3, EventKind::LockReleased, 3, 0, 250'000));
    r.append(ev(300'000, 2, EventKind::LockAcquired, 3, 0, 200'000));
    r.append(ev(400'000, 2, EventKind::LockReleased, 3, 0, 100'000));
    r.append(ev(400'000, 1, EventKind::LockAcquired, 3, 0, 200'000));
    r.append(ev(500'000, 1, EventKind::LockReleased, 3, 0, 100'000));
    r.append(ev(1'000'000, 0, EventKind::Progress)); // the run goes on to 1 ms
    LockSeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.follow(&r);
    QCOMPARE(model.rowCount(), 1);
    const auto points = model.waiters(0, 0, r.durationNs(), 1000);
    QCOMPARE(peak(points), 2.0);
    QCOMPARE(levelAt(points, 50e-6), 0.0);
    QCOMPARE(levelAt(points, 150e-6), 1.0);
    QCOMPARE(levelAt(points, 250e-6), 2.0);
    QCOMPARE(levelAt(points, 350e-6), 1.0);
    QCOMPARE(levelAt(points, 450e-6), 0.0);
    QCOMPARE(points.back().x(), 1e-3); // reaches the run's end
    QCOMPARE(points.back().y(), 0.0);
    // Where it first reaches two: when the second wait began.
    const auto two = std::find_if(points.begin(), points.end(), [](const QPointF& p) { return p.y() == 2.0; });
    QCOMPARE(two->x(), 200e-6);
    QCOMPARE(model.index(0, 0).data(LockSeriesModel::MaxWaitersRole).toInt(), 2);
    // A window opening inside the overlap starts at two.
    QCOMPARE(model.waiters(0, 250'000, 260'000, 10).front().y(), 2.0);
}

void TestLockSeriesModel::decimationKeepsThePeak()
{
    // 2000 waits of 1 µs one after the other, and in the middle three that overlap for 470 ns,
    // far less than a pixel column.
    Recording r = runWithWorkers(3);
    qint64 t = 0;
    for (int i = 0; i < 2000; ++i) {
        r.append(ev(t += 2000, 1, EventKind::LockAcquired, 1, 0, 1000));
        r.append(ev(t += 10, 1, EventKind::LockReleased, 1, 0, 10));
        if (i == 1000) {
            r.append(ev(t + 10, 2, EventKind::LockAcquired, 1, 0, 500)); // waited t-490..t+10
            r.append(ev(t + 20, 3, EventKind::LockAcquired, 1, 0, 500));
        }
    }
    LockSeriesModel model;
    model.follow(&r);
    const auto points = model.waiters(0, 0, r.durationNs(), 100);
    QVERIFY2(points.size() <= 100 * 4 + 2, QByteArray::number(qulonglong(points.size())).constData());
    QCOMPARE(peak(points), 3.0);
    QCOMPARE(points.front().y(), 0.0);
    QCOMPARE(points.back().y(), 0.0);
    for (std::size_t i = 1; i < points.size(); ++i)
        QVERIFY(points[i].x() >= points[i - 1].x()); // time never goes back
}

void TestLockSeriesModel::holderFollowsAcquireReleaseAndDeath()
{
    Recording r = runWithWorkers(2);
    LockSeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.follow(&r);
    const auto holder = [&] { return model.index(0, LockSeriesModel::HolderColumn); };

    r.append(ev(100, 2, EventKind::LockAcquired, 7));
    model.follow(model.recording());
    QCOMPARE(holder().data().toString(), QStringLiteral("102"));
    QCOMPARE(holder().data(LockSeriesModel::HolderPidRole).toInt(), 102);
    QCOMPARE(model.index(0, LockSeriesModel::NameColumn).data(LockSeriesModel::HolderPidRole).toInt(), 102);

    QSignalSpy changed(&model, &LockSeriesModel::dataChanged);
    QSignalSpy reset(&model, &LockSeriesModel::modelReset);
    r.append(ev(200, 2, EventKind::LockReleased, 7, 0, 100));
    model.follow(model.recording());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reset.count(), 0);
    QVERIFY(changed.at(0).at(0).toModelIndex().column() <= LockSeriesModel::HolderColumn);
    QVERIFY(changed.at(0).at(1).toModelIndex().column() >= LockSeriesModel::HolderColumn);
    QCOMPARE(holder().data().toString(), QStringLiteral("—"));
    QVERIFY(!holder().data(LockSeriesModel::HolderPidRole).isValid());

    // Killed while holding it: the lock is free again.
    r.append(ev(300, 1, EventKind::LockAcquired, 7, 0, 0));
    model.follow(model.recording());
    QCOMPARE(holder().data(LockSeriesModel::HolderPidRole).toInt(), 101);
    r.append(ev(400, 0, EventKind::ProcessExit, 1, 101, -9));
    model.follow(model.recording());
    QVERIFY(!holder().data(LockSeriesModel::HolderPidRole).isValid());
}

void TestLockSeriesModel::countsAndPercentiles()
{
    Recording r = runWithWorkers(1);
    // Ten acquisitions: waits 0, 1000, …, 9000 ns, the last after its owner died; holds 5 µs.
    for (int i = 0; i < 10; ++i) {
        r.append(ev(100'000 * (i + 1), 1, EventKind::LockAcquired, 4, 0, 1000 * i, i == 9 ? 1 : 0));
        r.append(ev(100'000 * (i + 1) + 5000, 1, EventKind::LockReleased, 4, 0, 5000));
    }
    LockSeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.follow(&r);
    auto value = [&](int column) { return model.index(0, column).data(LockSeriesModel::ValueRole); };
    QCOMPARE(value(LockSeriesModel::AcquisitionsColumn).toULongLong(), 10u);
    QCOMPARE(value(LockSeriesModel::ContendedColumn).toULongLong(), 9u); // the first did not wait
    QCOMPARE(value(LockSeriesModel::OwnerDiedColumn).toULongLong(), 1u);
    QCOMPARE(value(LockSeriesModel::WaitMaxColumn).toLongLong(), 9000);
    const qint64 p50 = value(LockSeriesModel::WaitP50Column).toLongLong();
    QVERIFY2(p50 >= 4000 * 97 / 100 && p50 <= 4000 * 103 / 100, QByteArray::number(p50).constData()); // within a bucket
    QCOMPARE(value(LockSeriesModel::HoldP95Column).toLongLong(), 5000);
    QCOMPARE(model.index(0, LockSeriesModel::WaitMaxColumn).data().toString(), QStringLiteral("9.0 µs"));
    QCOMPARE(model.index(0, LockSeriesModel::HoldMaxColumn).data().toString(), QStringLiteral("5.0 µs"));
}

void TestLockSeriesModel::histogramsHoldEverySample()
{
    Recording r = runWithWorkers(4);
    for (const RecordedEvent& e : lockedTasks(4, 50, 7))
        r.append(e);
    LockSeriesModel model;
    model.follow(&r);
    const LockStats& stats = r.locks().at(1);
    QCOMPARE(stats.acquisitions, 200u);
    const auto wait = model.waitHistogram(0);
    const auto hold = model.holdHistogram(0);
    QCOMPARE(total(wait), stats.contended); // those that waited at all
    QVERIFY(stats.contended < stats.acquisitions);
    QVERIFY(wait.front().lower >= 1);
    QCOMPARE(total(hold), stats.holdNs.count());
    for (const auto* bins : {&wait, &hold}) {
        QVERIFY(!bins->empty());
        QVERIFY(bins->front().count > 0 && bins->back().count > 0); // no empty tails
        for (std::size_t i = 0; i < bins->size(); ++i) {
            QVERIFY((*bins)[i].lower < (*bins)[i].upper);
            if (i > 0)
                QCOMPARE((*bins)[i].lower, (*bins)[i - 1].upper); // contiguous
        }
    }
    // Holds were drawn from 20..500 µs: the bins span that and not much more.
    QVERIFY(hold.front().lower <= stats.holdNs.min() && hold.front().upper > stats.holdNs.min());
    QVERIFY(hold.back().lower <= stats.holdNs.max() && hold.back().upper > stats.holdNs.max());
    QVERIFY(hold.front().lower >= 16'000 && hold.back().upper <= 600'000);
    QVERIFY(model.index(0, 0).data(LockSeriesModel::MaxWaitersRole).toInt() >= 2); // four workers contended
    QVERIFY(model.waitHistogram(1).empty()); // no such row
}

void TestLockSeriesModel::incrementalRefreshEqualsAFreshModel()
{
    const auto events = lockedTasks(4, 40, 11);
    Recording r = runWithWorkers(4);
    LockSeriesModel live;
    QAbstractItemModelTester tester(&live, QAbstractItemModelTester::FailureReportingMode::QtTest);
    live.follow(&r);
    QSignalSpy reset(&live, &LockSeriesModel::modelReset);
    // In uneven chunks, as the collector delivers them; a second lock appears midway.
    std::size_t i = 0;
    for (std::size_t chunk = 1; i < events.size(); chunk = chunk * 3 % 17 + 1) {
        for (std::size_t end = std::min(events.size(), i + chunk); i < end; ++i)
            r.append(events[i]);
        if (i > events.size() / 2 && r.locks().size() == 1) {
            r.append(ev(events[i - 1].timeNs, 2, EventKind::LockAcquired, 0, 0, 0));
            r.append(ev(events[i - 1].timeNs + 1, 2, EventKind::LockReleased, 0, 0, 1));
        }
        live.follow(live.recording());
    }
    QCOMPARE(reset.count(), 0);
    LockSeriesModel fresh;
    fresh.follow(&r);
    QCOMPARE(live.rowCount(), 2);
    QCOMPARE(live.rowCount(), fresh.rowCount());
    for (int row = 0; row < fresh.rowCount(); ++row) {
        for (int column = 0; column < LockSeriesModel::NUM_COLUMNS; ++column) {
            for (int role :
                 {int(Qt::DisplayRole), int(LockSeriesModel::ValueRole), int(LockSeriesModel::MaxWaitersRole)})
                QCOMPARE(live.index(row, column).data(role), fresh.index(row, column).data(role));
        }
        QCOMPARE(live.waiters(row, 0, r.durationNs(), 300), fresh.waiters(row, 0, r.durationNs(), 300));
        QCOMPARE(live.waiters(row, 0, r.durationNs(), 100'000), fresh.waiters(row, 0, r.durationNs(), 100'000));
    }
    QVERIFY(live.index(1, 0).data(LockSeriesModel::MaxWaitersRole).toInt() >= 2);
}

QTEST_GUILESS_MAIN(TestLockSeriesModel)
#include "tst_lockseriesmodel.moc"
