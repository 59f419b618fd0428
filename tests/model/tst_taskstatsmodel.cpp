// TaskStatsModel: the task-duration histogram, throughput per time bucket, the summary rows, and
// refresh() that takes in only what is new yet ends where a fresh model starts.

#include "model/views/taskstatsmodel.h"
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

// The tasks a throughput series stands for: its rates times its bucket width.
double tasksIn(const std::vector<QPointF>& points, double bucketSeconds)
{
    return std::accumulate(points.begin(), points.end(), 0.0,
                           [&](double n, const QPointF& p) { return n + p.y() * bucketSeconds; });
}

} // namespace

class TestTaskStatsModel : public QObject {
    Q_OBJECT

private slots:
    void summaryRows();
    void histogramCountsSumToTheTasks();
    void throughputBucketsSumToTheTasks_data();
    void throughputBucketsSumToTheTasks();
    void incrementalRefreshEqualsAFreshModel();
};

void TestTaskStatsModel::summaryRows()
{
    Recording r = runWithWorkers(2);
    TaskStatsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.follow(&r);
    QCOMPARE(model.rowCount(), int(TaskStatsModel::NUM_ROWS));
    QCOMPARE(model.summaryText(), QStringLiteral("No task in this run"));
    QCOMPARE(model.index(TaskStatsModel::MedianRow, TaskStatsModel::ValueColumn).data().toString(),
             QStringLiteral("—"));

    // Tasks of 1, 2 and 3 ms; the third fails.
    r.append(ev(0, 1, EventKind::TaskBegin, 1, 1));
    r.append(ev(0, 2, EventKind::TaskBegin, 1, 2));
    r.append(ev(1'000'000, 1, EventKind::TaskEnd, 1, 1, 1));
    r.append(ev(1'000'000, 1, EventKind::TaskBegin, 1, 3));
    r.append(ev(2'000'000, 2, EventKind::TaskEnd, 1, 2, 1));
    QSignalSpy changed(&model, &TaskStatsModel::dataChanged);
    r.append(ev(4'000'000, 1, EventKind::TaskEnd, 1, 3, 0));
    model.follow(model.recording());
    QCOMPARE(changed.count(), 1);
    auto value = [&](int row) { return model.index(row, TaskStatsModel::ValueColumn).data(TaskStatsModel::ValueRole); };
    QCOMPARE(value(TaskStatsModel::CountRow).toULongLong(), 3u);
    QCOMPARE(value(TaskStatsModel::FailedRow).toULongLong(), 1u);
    QCOMPARE(value(TaskStatsModel::MaxRow).toLongLong(), 3'000'000);
    const qint64 p50 = value(TaskStatsModel::MedianRow).toLongLong();
    QVERIFY2(p50 >= 1'940'000 && p50 <= 2'060'000, QByteArray::number(p50).constData()); // within a bucket of 2 ms
    QCOMPARE(value(TaskStatsModel::ThroughputRow).toDouble(), 750.0); // 3 tasks in 4 ms
    QCOMPARE(model.index(TaskStatsModel::CountRow, TaskStatsModel::NameColumn).data().toString(),
             QStringLiteral("Tasks"));
    QCOMPARE(model.index(TaskStatsModel::ThroughputRow, TaskStatsModel::ValueColumn).data().toString(),
             QStringLiteral("750.0 tasks/s"));
    const QString summary = model.summaryText();
    QVERIFY2(summary.startsWith(QStringLiteral("Tasks: 3, failed: 1;")) &&
                 summary.contains(QStringLiteral("max 3.00 ms")),
             qPrintable(summary));

    // Nothing new: views are told nothing.
    model.follow(model.recording());
    QCOMPARE(changed.count(), 1);
}

void TestTaskStatsModel::histogramCountsSumToTheTasks()
{
    Recording r = runWithWorkers(3);
    for (const RecordedEvent& e : lockedTasks(3, 60, 3))
        r.append(e);
    TaskStatsModel model;
    model.follow(&r);
    const auto bins = model.durationHistogram();
    QCOMPARE(model.taskCount(), 180u);
    quint64 sum = 0;
    for (const auto& bin : bins)
        sum += bin.count;
    QCOMPARE(sum, 180u);
    QVERIFY(bins.front().lower <= r.taskNs().min() && r.taskNs().min() < bins.front().upper);
    QVERIFY(bins.back().lower <= r.taskNs().max() && r.taskNs().max() < bins.back().upper);
    // Finer bins, the same samples.
    const auto fine = model.durationHistogram(32);
    QVERIFY(fine.size() > bins.size());
    QCOMPARE(std::accumulate(fine.begin(), fine.end(), quint64{0},
                             [](quint64 n, const LogHistogram::Bin& b) { return n + b.count; }),
             180u);
}

void TestTaskStatsModel::throughputBucketsSumToTheTasks_data()
{
    QTest::addColumn<quint64>("eventLimit");
    QTest::newRow("every event kept") << Recording::kDefaultEventLimit;
    // Past the store, from the lanes' summaries: the same series (they have every task).
    QTest::newRow("40 events kept") << quint64{40};
}

void TestTaskStatsModel::throughputBucketsSumToTheTasks()
{
    QFETCH(quint64, eventLimit);
    // 100 tasks ending in the first second, steadily, then 50 in the last tenth of the second one.
    Recording r = runWithWorkers(2, eventLimit);
    quint64 id = 0;
    auto task = [&](quint16 ring, qint64 begin, qint64 end) {
        r.append(ev(begin, ring, EventKind::TaskBegin, 1, ++id));
        r.append(ev(end, ring, EventKind::TaskEnd, 1, id, 1));
    };
    for (int i = 0; i < 100; ++i)
        task(quint16(1 + i % 2), i * 10'000'000, i * 10'000'000 + 5'000'000);
    for (int i = 0; i < 50; ++i)
        task(1, 1'900'000'000 + i * 2'000'000, 1'900'000'000 + i * 2'000'000 + 1'000'000);
    r.append(ev(2'000'000'000, 0, EventKind::Progress)); // the run lasts two seconds
    TaskStatsModel model;
    model.follow(&r);
    const auto points = model.throughput(0, r.durationNs(), 20);
    QCOMPARE(points.size(), std::size_t{20});
    QCOMPARE(qRound(tasksIn(points, 0.1)), 150);
    QCOMPARE(points[0].x(), 0.05); // a bucket's middle
    QCOMPARE(points[0].y(), 100.0); // ten tasks in its tenth of a second
    QCOMPARE(points[15].y(), 0.0);
    QCOMPARE(points[19].y(), 500.0);
    QCOMPARE(model.meanThroughput(), 75.0);
    // A window: only what ended in it.
    const auto late = model.throughput(1'000'000'000, 2'000'000'000, 4);
    QCOMPARE(qRound(tasksIn(late, 0.25)), 50);
    QCOMPARE(late.front().x(), 1.125);
}

void TestTaskStatsModel::incrementalRefreshEqualsAFreshModel()
{
    const auto events = lockedTasks(4, 30, 5);
    Recording r = runWithWorkers(4);
    TaskStatsModel live;
    QAbstractItemModelTester tester(&live, QAbstractItemModelTester::FailureReportingMode::QtTest);
    live.follow(&r);
    for (std::size_t i = 0; i < events.size();) {
        for (std::size_t end = std::min(events.size(), i + 1 + i % 9); i < end; ++i)
            r.append(events[i]);
        live.follow(live.recording());
    }
    TaskStatsModel fresh;
    fresh.follow(&r);
    for (int row = 0; row < TaskStatsModel::NUM_ROWS; ++row) {
        for (int column = 0; column < TaskStatsModel::NUM_COLUMNS; ++column) {
            QCOMPARE(live.index(row, column).data(), fresh.index(row, column).data());
            QCOMPARE(live.index(row, column).data(TaskStatsModel::ValueRole),
                     fresh.index(row, column).data(TaskStatsModel::ValueRole));
        }
    }
    const auto points = live.throughput(0, r.durationNs(), 37);
    QCOMPARE(points, fresh.throughput(0, r.durationNs(), 37));
    QCOMPARE(qRound(tasksIn(points, double(r.durationNs()) / 37 / 1e9)), 120);
    QCOMPARE(live.index(TaskStatsModel::FailedRow, TaskStatsModel::ValueColumn)
                 .data(TaskStatsModel::ValueRole)
                 .toULongLong(),
             120u / 7);
}

QTEST_GUILESS_MAIN(TestTaskStatsModel)
#include "tst_taskstatsmodel.moc"
