// LockChart and TaskChart: drawn offscreen from a made-up run, they show lines and areas with
// points, in their series' colours on the picture; an empty run says so; a model's change is
// drawn at the next frame, not at once.

#include "app/lockchart.h"
#include "app/taskchart.h"
#include "model/views/lockseriesmodel.h"
#include "model/views/taskstatsmodel.h"
#include "support/synthetic_run.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QTest>

#include <map>

using forkscope::core::EventKind;
using forkscope::testing::ev;
using forkscope::testing::lockedTasks;
using forkscope::testing::runWithWorkers;

namespace {

// Pixels of the picture within a small distance of `colour`.
int pixelsOf(const QImage& image, QColor colour)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            n += std::abs(c.red() - colour.red()) + std::abs(c.green() - colour.green()) +
                     std::abs(c.blue() - colour.blue()) <
                 40;
        }
    }
    return n;
}

// The picture's most common colour: the chart's background.
QColor background(const QImage& image)
{
    std::map<QRgb, int> counts;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            ++counts[image.pixel(x, y)];
    }
    return QColor::fromRgb(std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
                               return a.second < b.second;
                           })->first);
}

// What a translucent area's brush looks like over the background.
QColor over(QColor fill, QColor background)
{
    const double a = fill.alphaF();
    auto mix = [a](int f, int b) { return static_cast<int>(f * a + b * (1 - a) + 0.5); };
    return QColor(mix(fill.red(), background.red()), mix(fill.green(), background.green()),
                  mix(fill.blue(), background.blue()));
}

QImage picture(QWidget& widget, const QString& name)
{
    // The charts lay out their legends, and the axes a redraw replaced go (Qt Charts deletes
    // their items later): a picture taken at once shows both the old and the new labels.
    QTest::qWait(20);
    const QImage image = widget.grab().toImage();
    // To look at the charts: FORKSCOPE_CHART_PNG_DIR=/tmp/charts ctest -R charts
    if (const QByteArray dir = qgetenv("FORKSCOPE_CHART_PNG_DIR"); !dir.isEmpty())
        image.save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + name + QStringLiteral(".png"));
    return image;
}

// `chart` showing `model` at a main window's size, redrawn once its plots have their width.
template <class Chart, class Model>
QImage drawn(Chart& chart, Model& model, const QString& name)
{
    chart.resize(900, 800);
    chart.setModel(&model);
    chart.show();
    if (!QTest::qWaitForWindowExposed(&chart))
        return {};
    chart.redraw();
    return picture(chart, name);
}

QList<QPointF> pointsOf(QAbstractSeries* series)
{
    if (auto* area = qobject_cast<QAreaSeries*>(series))
        return area->upperSeries()->points();
    return qobject_cast<QXYSeries*>(series)->points();
}

// A busy run: four workers taking lock 1 for their tasks, and worker 2 holding lock 2 now.
Recording busyRun()
{
    Recording r = runWithWorkers(4);
    const auto events = lockedTasks(4, 60, 42);
    for (const RecordedEvent& e : events)
        r.append(e);
    r.append(ev(events.back().timeNs + 1000, 2, EventKind::LockAcquired, 2));
    return r;
}

} // namespace

class TestCharts : public QObject {
    Q_OBJECT

private slots:
    void lockChartDrawsWaitersTimesAndHolders();
    void taskChartDrawsThroughputAndDurations();
    void emptyRunsSaySo();
    void changesAreDrawnAtTheNextFrame();
};

void TestCharts::lockChartDrawsWaitersTimesAndHolders()
{
    const Recording r = busyRun();
    LockSeriesModel model;
    model.follow(&r);
    LockChart chart;
    const QImage image = drawn(chart, model, QStringLiteral("lockchart"));
    QVERIFY(!image.isNull());

    const auto waiters = chart.waitersChart()->series();
    QCOMPARE(waiters.size(), 2); // a line per lock
    const QList<QPointF> lock1 = pointsOf(waiters[0]);
    QVERIFY(lock1.size() > 10);
    QVERIFY(lock1.size() <= 4 * int(chart.waitersChart()->plotArea().width()) + 2); // decimated to the plot
    const double peak =
        std::max_element(lock1.begin(), lock1.end(), [](QPointF a, QPointF b) { return a.y() < b.y(); })->y();
    QCOMPARE(peak, double(model.index(0, 0).data(LockSeriesModel::MaxWaitersRole).toInt()));
    QVERIFY(peak >= 2);
    QVERIFY2(pixelsOf(image, qobject_cast<QLineSeries*>(waiters[0])->color()) > 200,
             "the waiters line is on the picture");

    QCOMPARE(chart.shownLock(), 0);
    const auto times = chart.timesChart()->series();
    QCOMPARE(times.size(), 2); // wait and hold
    QCOMPARE(chart.timesChart()->title(), QStringLiteral("Wait and hold times of Lock 1"));
    QVERIFY(qobject_cast<QLogValueAxis*>(chart.timesChart()->axes(Qt::Horizontal).value(0)));
    for (QAbstractSeries* s : times) {
        auto* area = qobject_cast<QAreaSeries*>(s);
        QVERIFY(area);
        QVERIFY(area->upperSeries()->count() >= 4);
        QVERIFY2(pixelsOf(image, over(area->brush().color(), background(image))) > 200, qPrintable(area->name()));
    }
    QCOMPARE(chart.holdersText(), QStringLiteral("Lock 1: free · Lock 2: held by PID 102"));

    chart.setShownLock(1); // lock 2 was taken once, at once, and is held: nothing to draw yet
    chart.redraw();
    QVERIFY(chart.timesChart()->series().isEmpty());
    QCOMPARE(chart.timesChart()->title(), QStringLiteral("Lock 2: no wait or hold time yet"));
}

void TestCharts::taskChartDrawsThroughputAndDurations()
{
    const Recording r = busyRun();
    TaskStatsModel model;
    model.follow(&r);
    TaskChart chart;
    const QImage image = drawn(chart, model, QStringLiteral("taskchart"));
    QVERIFY(!image.isNull());

    const auto throughput = chart.throughputChart()->series();
    QCOMPARE(throughput.size(), 1);
    const QList<QPointF> rate = pointsOf(throughput[0]);
    QVERIFY2(rate.size() >= 10 && rate.size() <= 240 / 4, QByteArray::number(rate.size()).constData());
    // The buckets add up to every task of the run.
    const double bucket = (rate[1].x() - rate[0].x());
    double tasks = 0;
    for (const QPointF& p : rate)
        tasks += p.y() * bucket;
    QCOMPARE(qRound(tasks), 240);
    QVERIFY(pixelsOf(image, qobject_cast<QLineSeries*>(throughput[0])->color()) > 200);

    const auto durations = chart.durationsChart()->series();
    QCOMPARE(durations.size(), 1);
    auto* area = qobject_cast<QAreaSeries*>(durations[0]);
    QVERIFY(area);
    QCOMPARE(area->upperSeries()->count(), 2 * int(model.durationHistogram().size()) + 2);
    QVERIFY(pixelsOf(image, over(area->brush().color(), background(image))) > 500);
    QVERIFY(chart.summaryText().startsWith(QStringLiteral("Tasks: 240, failed: 34;")));
}

void TestCharts::emptyRunsSaySo()
{
    const Recording r = runWithWorkers(2);
    LockSeriesModel locks;
    locks.follow(&r);
    TaskStatsModel tasks;
    tasks.follow(&r);
    LockChart lockChart;
    lockChart.setModel(&locks);
    TaskChart taskChart;
    taskChart.setModel(&tasks);
    QCOMPARE(lockChart.waitersChart()->title(), QStringLiteral("No lock in this run"));
    QCOMPARE(lockChart.timesChart()->title(), QStringLiteral("No lock in this run"));
    QCOMPARE(taskChart.throughputChart()->title(), QStringLiteral("No task in this run"));
    QCOMPARE(taskChart.durationsChart()->title(), QStringLiteral("No task in this run"));
    for (QChart* c :
         {lockChart.waitersChart(), lockChart.timesChart(), taskChart.throughputChart(), taskChart.durationsChart()})
        QVERIFY(c->series().isEmpty() && c->axes().isEmpty());
    QVERIFY(lockChart.holdersText().isEmpty());
}

void TestCharts::changesAreDrawnAtTheNextFrame()
{
    Recording r = runWithWorkers(4);
    const auto events = lockedTasks(4, 20, 9);
    const std::size_t half = events.size() / 2;
    for (std::size_t i = 0; i < half; ++i)
        r.append(events[i]);
    LockSeriesModel locks;
    locks.follow(&r);
    TaskStatsModel tasks;
    tasks.follow(&r);
    LockChart lockChart;
    lockChart.setModel(&locks);
    TaskChart taskChart;
    taskChart.setModel(&tasks);
    const QString before = taskChart.summaryText();
    const qsizetype pointsBefore = pointsOf(lockChart.waitersChart()->series().value(0)).size();

    for (std::size_t i = half; i < events.size(); ++i)
        r.append(events[i]);
    locks.follow(locks.recording());
    tasks.follow(tasks.recording());
    // Not at once: views redraw at their frame rate, never per change.
    QCOMPARE(taskChart.summaryText(), before);
    QCOMPARE(pointsOf(lockChart.waitersChart()->series().value(0)).size(), pointsBefore);
    QTRY_VERIFY_WITH_TIMEOUT(taskChart.summaryText().startsWith(QStringLiteral("Tasks: 80,")), 1000);
    QTRY_VERIFY_WITH_TIMEOUT(pointsOf(lockChart.waitersChart()->series().value(0)).size() > pointsBefore, 1000);
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
