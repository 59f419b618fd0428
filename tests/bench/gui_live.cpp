#include "gui_live.h"

#include "gui_bench.h"
#include "gui_load.h"

#include "app/frameclock.h"
#include "app/processtableproxy.h"
#include "app/queuechart.h"
#include "app/timelineview.h"
#include "core/clock.h"
#include "model/live/collector.h"
#include "model/live/procsampler.h"
#include "model/views/processtablemodel.h"
#include "model/views/queueseriesmodel.h"
#include "model/views/timelinemodel.h"
#include "scenarios/runner/run_arena.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

#include <sys/resource.h>
#include <unistd.h>

#include <stdexcept>

namespace forkscope::bench {

namespace {

constexpr int kFramesPerUsageSample = 30; // RunController samples /proc once a second

double cpuSeconds(int who)
{
    rusage usage{};
    ::getrusage(who, &usage);
    auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

} // namespace

double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0; // kB
    }
    return -1;
}

LiveResult runLive(SyntheticLoad& load, scenarios::RunArena& arena, std::int64_t t0Ns, double seconds)
{
    // What RunController and MainWindow hold for a run, declared before the widgets that show it.
    Recording recording;
    recording.runStarted(t0Ns, ::getpid(), ::getppid());
    const std::vector<std::int32_t> pids = load.pids();
    for (std::size_t w = 0; w < pids.size(); ++w)
        recording.processStarted(pids[w], ::getpid(), t0Ns, false, QStringLiteral("worker-%1").arg(w),
                                 QStringLiteral("worker"));
    ProcessTableModel processes;
    processes.follow(&recording);
    TimelineModel timeline;
    timeline.follow(&recording);
    QueueSeriesModel queues;
    queues.follow(&recording);
    ProcessTableProxy proxy;
    proxy.setSourceModel(&processes);
    ProcSampler sampler;

    // A frame is one tick of the window's frame clock, timed whole: this first handler starts
    // the clock on it, the views' own (the timeline's, the chart's 5 Hz redraw) run next, and the
    // last handler, connected once they are made, takes in the recording and paints.
    FrameClock* clock = FrameClock::instance();
    QObject frames; // the bench's handlers' context: gone, and so disconnected, when it returns
    std::int64_t begin = 0;
    QObject::connect(clock, &FrameClock::tick, &frames, [&] { begin = core::monotonic_ns(); });

    // The main window's run views, in its proportions.
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto* timelineView = new TimelineView;
    timelineView->setModel(&timeline);
    layout->addWidget(timelineView, 3);
    auto* bottom = new QHBoxLayout;
    auto* table = new QTableView;
    table->setModel(&proxy);
    table->sortByColumn(-1, Qt::AscendingOrder);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    bottom->addWidget(table, 1);
    auto* chart = new QueueChart;
    chart->setModel(&queues);
    bottom->addWidget(chart, 1);
    layout->addLayout(bottom, 2);
    window.resize(1400, 900);
    window.show();
    QCoreApplication::processEvents();
    PaintCounter painted;
    timelineView->installEventFilter(&painted);

    Collector collector(core::UniqueFd(::dup(arena.fd())), t0Ns, &recording);
    collector.start();

    LiveResult result;
    const std::int64_t start = load.go(seconds);
    const std::int64_t deadline = start + static_cast<std::int64_t>(seconds * 1e9);
    const double mainCpu0 = cpuSeconds(RUSAGE_THREAD), processCpu0 = cpuSeconds(RUSAGE_SELF);
    QEventLoop loop;
    std::int64_t lastBegin = 0;
    long frame = 0, unpainted = 0;
    auto paintNow = [&] {
        timelineView->update();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::UpdateRequest);
    };
    QObject::connect(clock, &FrameClock::tick, &frames, [&] {
        if (begin >= deadline) {
            clock->hold(&frames, false);
            loop.quit();
            return;
        }
        if (lastBegin)
            result.intervalMs.push_back(static_cast<double>(begin - lastBegin) / 1e6);
        lastBegin = begin;
        // What RunViews does on the tick: take in what the collector delivered…
        processes.follow(&recording);
        timeline.follow(&recording);
        queues.follow(&recording);
        timeline.setLiveEndNs(begin - t0Ns);
        if (frame % kFramesPerUsageSample == 0)
            processes.setUsage(sampler.sample(recording, begin));
        // …and paint it: the timeline's tick asked for a paint, which is done now, inside the
        // timed frame, through the window's backing store as the event loop would.
        const long paintsBefore = painted.paints();
        paintNow();
        const std::int64_t end = core::monotonic_ns();
        unpainted += painted.paints() == paintsBefore ? 1 : 0;
        result.frameMs.push_back(static_cast<double>(end - begin) / 1e6);
        const qint64 newest = recording.durationNs(); // since t0: the newest event this frame drew
        if (newest >= start - t0Ns) { // an event of the load, not of the start-up
            const double latency = static_cast<double>(end - t0Ns - newest) / 1e6;
            result.latencyMs.push_back(latency);
            if (recording.eventsNotKept() == 0)
                result.latencyKeptMs.push_back(latency);
        }
        if (result.limitReachedS < 0 && recording.eventsNotKept() > 0)
            result.limitReachedS = static_cast<double>(begin - start) / 1e9;
        ++frame;
    });
    clock->hold(&frames, true);
    loop.exec();
    const double wall = static_cast<double>(core::monotonic_ns() - start) / 1e9;
    result.mainThreadCpuPercent = 100 * (cpuSeconds(RUSAGE_THREAD) - mainCpu0) / wall;
    result.processCpuPercent = 100 * (cpuSeconds(RUSAGE_SELF) - processCpu0) / wall;

    if (!load.join())
        throw std::runtime_error("a worker failed");
    result.workersCpuPercent = 100 * cpuSeconds(RUSAGE_CHILDREN) / wall;
    collector.finish();
    for (const std::int32_t pid : pids)
        recording.processExited(pid, 0, core::monotonic_ns());
    processes.follow(&recording);
    timeline.follow(&recording);
    queues.follow(&recording);
    paintNow();
    if (unpainted > 0)
        throw std::runtime_error(std::to_string(unpainted) + " of " + std::to_string(frame) +
                                 " frames did not paint the timeline: they measured nothing");
    std::printf("# the timeline painted %ld times in %ld frames\n", painted.paints(), frame);

    result.emitted = load.emitted();
    result.workerEvents = load.emitted_by_workers();
    result.overrunMs = static_cast<double>(load.last_event_ns() - deadline) / 1e6;
    result.recorded = recording.eventCount();
    result.dropped = recording.dropped();
    result.kept = recording.events().size();
    result.eventLimit = recording.eventLimit();
    result.peakRssMb = peakRssMb();
    return result;
}

} // namespace forkscope::bench
