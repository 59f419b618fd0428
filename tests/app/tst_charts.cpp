// LockChart and TaskChart: drawn offscreen from a made-up run, they show lines and areas with
// points, in their series' colours on the picture; an empty run says so; a model's change is
// drawn at the next frame, not at once.

#include "app/chartaxes.h"
#include "app/lockchart.h"
#include "app/taskchart.h"
#include "model/views/lockseriesmodel.h"
#include "model/views/taskstatsmodel.h"
#include "support/synthetic_run.h"

#include <QApplication>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QTest>

#include <cmath>
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
    void logAxisLabelsNeverOverlap_data();
    void logAxisLabelsNeverOverlap();
    void aWideSpreadOfDurationsKeepsItsLabelsApart();
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

void TestCharts::logAxisLabelsNeverOverlap_data()
{
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::newRow("2 to 1024 ms") << 2.0 << 1024.0;
    QTest::newRow("10 ns to 1 s, in ms") << 1e-5 << 1e3; // "1e-05 0.00…0.001" overlapped
    QTest::newRow("1 ns to 10 min, in ns") << 1.0 << 6e11;
    QTest::newRow("4 µs to 0.6 ms, in ms") << 0.004 << 0.6;
}

// Each label sits centred on its power of the base, evenly spaced: they are apart when the
// spacing is at least the widest label, at any plot width from a narrow pane to a wide window,
// in the application's font and in a large one.
void TestCharts::logAxisLabelsNeverOverlap()
{
    QFETCH(double, from);
    QFETCH(double, to);
    QFont large = QApplication::font();
    large.setPointSizeF(large.pointSizeF() * 1.6);
    for (const QFont& font : {QApplication::font(), large}) {
        const QFontMetricsF metrics(font);
        for (int width = 150; width <= 1400; width += 25) {
            const ChartAxes::LogScale scale = ChartAxes::fitLogScale(from, to, width, metrics);
            QVERIFY(scale.from <= from * (1 + 1e-9) && scale.to >= to * (1 - 1e-9));
            const double steps = std::round(std::log(scale.to / scale.from) / std::log(scale.base));
            QVERIFY(steps >= 1);
            QVERIFY2(width / steps >= scale.widestLabel,
                     qPrintable(QStringLiteral("%1 px: %2 labels of up to %3 px, base %4")
                                    .arg(width)
                                    .arg(steps + 1)
                                    .arg(scale.widestLabel)
                                    .arg(scale.base)));
        }
    }
}

// Tasks from 10 ns to 1 s in a narrow task pane: the durations' axis uses a base whose labels
// fit its plot, and keeps room right of the plot for the last one.
void TestCharts::aWideSpreadOfDurationsKeepsItsLabelsApart()
{
    Recording r = runWithWorkers(2);
    qint64 t = 1'000'000;
    int id = 1;
    for (const qint64 ns : {10LL, 300LL, 20'000LL, 700'000LL, 40'000'000LL, 1'000'000'000LL}) {
        r.append(ev(t, 1, EventKind::TaskBegin, 1, id));
        r.append(ev(t + ns, 1, EventKind::TaskEnd, 1, id, 1));
        t += ns + 1000;
        ++id;
    }
    TaskStatsModel model;
    model.follow(&r);
    TaskChart chart;
    chart.resize(700, 420);
    chart.setModel(&model);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.redraw();
    chart.redraw(); // the second time with the plot's width from the first layout
    QVERIFY(!picture(chart, QStringLiteral("taskchart-wide-spread")).isNull());
    QChart* c = chart.durationsChart();
    const auto axes = c->axes(Qt::Horizontal);
    QCOMPARE(axes.size(), 1);
    auto* x = qobject_cast<QLogValueAxis*>(axes.first());
    QVERIFY(x);
    const double steps = std::round(std::log(x->max() / x->min()) / std::log(x->base()));
    const QFontMetricsF metrics(x->labelsFont());
    double widest = 0;
    for (double k = 0; k <= steps; ++k)
        widest =
            std::max(widest, metrics.horizontalAdvance(QString::asprintf("%g", x->min() * std::pow(x->base(), k))));
    QVERIFY2(
        c->plotArea().width() / steps >= widest,
        qPrintable(
            QStringLiteral("%1 labels of up to %2 px on %3 px").arg(steps + 1).arg(widest).arg(c->plotArea().width())));
    QVERIFY(c->margins().right() >= widest / 2);
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
