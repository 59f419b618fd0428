// QueueSeriesModel: each queue's depth over time from put/get events, with its capacity, and
// decimation that keeps every peak.

#include "model/views/queueseriesmodel.h"
#include "support/recorded_event.h"

#include <QAbstractItemModelTester>
#include <QTest>

using forkscope::core::EventKind;
using forkscope::testing::ev;

class TestQueueSeriesModel : public QObject {
    Q_OBJECT

private slots:
    void queuesAppearAsRowsWithTheirCapacity();
    void seriesStepsAndKeepsPeaks();
    void aChangeOnARoundedColumnEdgeIsTaken();
    void pointOnAColumnsRoundedEndEnds();
    void pastTheDetailKeptTheSummaryKeepsTheRange();
};

void TestQueueSeriesModel::queuesAppearAsRowsWithTheirCapacity()
{
    Recording r;
    r.runStarted(0, 100, 1);
    r.attachRing(0, 100);
    QueueSeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.follow(&r);
    QCOMPARE(model.rowCount(), 0);
    r.append(ev(1, 0, EventKind::QueueCreated, 4, 0, 3));
    r.append(ev(10, 0, EventKind::QueuePut, 4, 0, 1));
    model.follow(model.recording());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(QueueSeriesModel::QueueIdRole).toUInt(), 4u);
    QCOMPARE(model.index(0).data(QueueSeriesModel::CapacityRole).toULongLong(), 3u);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("queue 4 (capacity 3)"));
    // Named by the program: the name instead of the number.
    r.append(forkscope::testing::named(15, 0, 4, "results"));
    model.follow(model.recording());
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("results (capacity 3)"));
    r.append(ev(20, 0, EventKind::QueuePut, 6, 0, 1)); // a queue made before telemetry: no capacity known
    model.follow(model.recording());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1).data().toString(), QStringLiteral("queue 6"));
    QCOMPARE(r.queues().at(4).capacity, 3u);
}

void TestQueueSeriesModel::seriesStepsAndKeepsPeaks()
{
    Recording r;
    r.runStarted(0, 100, 1);
    r.attachRing(0, 100);
    // Depth 1, 2, 3 … 1000 and back down, one change per µs: 2000 changes in 2 ms.
    qint64 t = 0;
    for (int d = 1; d <= 1000; ++d)
        r.append(ev(t += 1000, 0, EventKind::QueuePut, 1, 0, d));
    for (int d = 999; d >= 0; --d)
        r.append(ev(t += 1000, 0, EventKind::QueueGet, 1, 0, d));
    QueueSeriesModel model;
    model.follow(&r);
    const auto points = model.series(0, 0, r.durationNs(), 100);
    QVERIFY2(points.size() <= 100 * 4 + 2, QByteArray::number(qulonglong(points.size())).constData());
    double peak = 0;
    for (const QPointF& p : points)
        peak = std::max(peak, p.y());
    QCOMPARE(peak, 1000.0); // the top survives decimation
    QCOMPARE(points.front().y(), 0.0);
    QCOMPARE(points.back().y(), 0.0);
    for (std::size_t i = 1; i < points.size(); ++i)
        QVERIFY(points[i].x() >= points[i - 1].x()); // time never goes back
    // A window opening mid-run starts at the depth the queue held then.
    const auto late = model.series(0, 500'500, 600'000, 10);
    QCOMPARE(late.front().y(), 500.0);
}

void TestQueueSeriesModel::aChangeOnARoundedColumnEdgeIsTaken()
{
    // A change every ns over 1000 ns drawn in 3 columns of 333.3 ns: the one at 333 ns lies in
    // the first column though past its end rounded down. It once stopped the decimation cold.
    Recording r;
    r.runStarted(0, 100, 1);
    r.attachRing(0, 100);
    for (int t = 1; t <= 1000; ++t)
        r.append(ev(t, 0, EventKind::QueuePut, 1, 0, t % 5));
    QueueSeriesModel model;
    model.follow(&r);
    const auto points = model.series(0, 0, 1000, 3);
    QVERIFY(points.size() <= 3 * 4 + 2);
    QCOMPARE(std::max_element(points.begin(), points.end(), [](QPointF a, QPointF b) { return a.y() < b.y(); })->y(),
             4.0);
    QCOMPARE(points.back().y(), 0.0); // 1000 % 5
}

void TestQueueSeriesModel::pointOnAColumnsRoundedEndEnds()
{
    // 10 ns over 3 columns: the first ends at 3.33 ns, rounded down to 3. A change at 3 ns is in
    // the first column by its index but not before that rounded end: it must still be taken.
    Recording r;
    r.runStarted(0, 100, 1);
    r.attachRing(0, 100);
    r.append(ev(3, 0, EventKind::QueuePut, 1, 0, 1));
    r.append(ev(8, 0, EventKind::QueuePut, 1, 0, 2));
    QueueSeriesModel model;
    model.follow(&r);
    const auto points = model.series(0, 0, 10, 3);
    QVERIFY2(points.size() <= 3 * 4 + 2, QByteArray::number(qulonglong(points.size())).constData());
    QCOMPARE(points.back().y(), 2.0);
}

// A run longer than its event store: the series goes on from the queue's depth summary to the
// run's end, with each stretch's highest point (a peak of 7 at 1.5 s among depths 0 and 1), and
// nothing above what the events said.
void TestQueueSeriesModel::pastTheDetailKeptTheSummaryKeepsTheRange()
{
    Recording r(50);
    r.runStarted(0, 100, 1);
    r.attachRing(0, 100);
    r.append(ev(1, 0, EventKind::QueueCreated, 1, 0, 8));
    constexpr qint64 kMs = 1'000'000;
    for (qint64 t = kMs; t < 2000 * kMs; t += kMs) // a put and a get every ms
        r.append(ev(t, 0, t == 1500 * kMs ? EventKind::QueuePut : EventKind::QueueGet, 1, 0,
                    t == 1500 * kMs ? 7 : (t / kMs) % 2));
    QVERIFY(r.detailEndNs() > 0 && r.detailEndNs() < 100 * kMs);
    QueueSeriesModel model;
    model.follow(&r);
    for (const int columns : {50, 400, 3000}) {
        const auto points = model.series(0, 0, r.durationNs(), columns);
        QVERIFY(!points.empty());
        QVERIFY2(points.back().x() >= 1.99, qPrintable(QString::number(points.back().x())));
        double highest = 0;
        for (const QPointF& p : points) {
            QVERIFY(p.y() >= 0 && p.y() <= 7);
            if (p.x() > 1.4 && p.x() < 1.6)
                highest = std::max(highest, p.y());
        }
        QCOMPARE(highest, 7.0);
    }
}

QTEST_GUILESS_MAIN(TestQueueSeriesModel)
#include "tst_queueseriesmodel.moc"
