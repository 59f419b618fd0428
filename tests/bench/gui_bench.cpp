// ForkScope's GUI benchmark. Prints `name value unit` lines (comments start with #).
//
// Part 1, live: 64 forked workers write telemetry through the real path (core sink, their
// EventRing in a RunArena) at 1 M events/s in total for 60 s, while this process runs the front
// end as the app does: a Collector thread drains the rings into a Recording, and at 30 Hz a frame
// refreshes the timeline and queue models and synchronously repaints a 1400×900 window with the
// timeline, the process table and the queue chart. Measured: each frame's time, the event-to-
// screen latency (now, after the paint, minus the newest event the frame's models held), drops
// (and that every event emitted was recorded or counted as dropped), the peak RSS.
// Part 2, pan/zoom: the timeline over a million spans, zoomed and panned (gui_panzoom.cpp).
//
//   forkscope_gui_bench [--seconds N] [--workers N] [--rate EVENTS_PER_S] [--quick]

#include "gui_bench.h"
#include "bench_args.h"
#include "gui_live.h"
#include "gui_load.h"

#include "core/event_clock.h"
#include "scenarios/runner/process_setup.h"
#include "scenarios/runner/run_arena.h"

#include <QApplication>

#include <cstdlib>
#include <optional>
#include <string>

using namespace forkscope;
using namespace forkscope::bench;

namespace {

struct Options {
    double seconds = 60;
    int workers = 64;
    double rate = 1e6;
    bool quick = false;
};

[[noreturn]] void fail(const std::string& why)
{
    failAs("forkscope_gui_bench", why);
}

Options parse(int argc, char** argv)
{
    const Args args("forkscope_gui_bench", argc, argv);
    Options o;
    std::optional<double> seconds, rate;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seconds")
            seconds = args.number(i, arg, 0.5, 3600);
        else if (arg == "--workers")
            o.workers = static_cast<int>(args.number(i, arg, 1, 500));
        else if (arg == "--rate")
            rate = args.number(i, arg, 1000, 1e8);
        else if (arg == "--quick")
            o.quick = true;
        else
            args.fail("unknown option " + arg + " (options: --seconds N, --workers N, --rate EVENTS_PER_S, --quick)");
    }
    o.seconds = seconds.value_or(o.quick ? 3 : 60);
    o.rate = rate.value_or(o.quick ? 200'000 : 1e6);
    return o;
}

int targetsMissed = 0;

void target(const char* what, bool met, double value, const char* unit)
{
    targetsMissed += printTarget(what, met, value, unit);
}

} // namespace

int main(int argc, char** argv)
{
    const Options o = parse(argc, argv);
    // Workers are forked first, from a single thread, as the fork server does: a child of a
    // threaded process may only call async-signal-safe functions.
    if (scenarios::thread_count() != 1)
        fail("threads exist before the workers are forked");
    auto arena = scenarios::RunArena::create(core::EventClock::calibrate());
    const std::int64_t t0 = core::monotonic_ns(); // the run's start, as RunStarted carries it
    SyntheticLoad load(arena, {o.workers, o.rate});

    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    QApplication app(qtArgc, argv);

    std::printf("# live: %d workers, %.0f events/s, %.0f s; a frame every 33 ms\n", o.workers, o.rate, o.seconds);
    LiveResult live;
    try {
        live = runLive(load, arena, t0, o.seconds);
    } catch (const std::exception& e) {
        fail(e.what());
    }
    const Percentiles frames = percentiles(live.frameMs), intervals = percentiles(live.intervalMs);
    const Percentiles latency = percentiles(live.latencyMs), latencyKept = percentiles(live.latencyKeptMs);
    // The workers' events in the load's window (a few of them just after its end, see load_overrun).
    const double rate = static_cast<double>(live.workerEvents) / o.seconds;
    const auto uncounted = static_cast<double>(live.emitted) - static_cast<double>(live.recorded + live.dropped);
    metric("workers", o.workers, "processes");
    metric("events_per_second", rate, "events/s");
    metric("load_overrun", live.overrunMs, "ms");
    metric("events_emitted", static_cast<double>(live.emitted), "events");
    metric("events_recorded", static_cast<double>(live.recorded), "events");
    metric("dropped", static_cast<double>(live.dropped), "events");
    metric("uncounted_drops", uncounted, "events");
    metric("events_kept", static_cast<double>(live.kept), "events");
    metric("event_limit", static_cast<double>(live.eventLimit), "events");
    if (live.limitReachedS >= 0)
        metric("event_limit_reached_at", live.limitReachedS, "s");
    metric("frames", static_cast<double>(frames.count), "frames");
    metrics("frame", frames);
    metrics("frame_interval", intervals);
    metrics("latency", latency);
    metrics("latency_while_kept", latencyKept);
    metric("main_thread_cpu", live.mainThreadCpuPercent, "%");
    metric("gui_process_cpu", live.processCpuPercent, "%");
    metric("workers_cpu", live.workersCpuPercent, "%");
    metric("peak_rss", live.peakRssMb, "MB");
    if (live.limitReachedS >= 0)
        std::printf(
            "# past the event limit the recording only counts: the timeline's spans and the queue chart stop growing\n");
    if (uncounted != 0)
        fail(std::to_string(uncounted) + " events were neither recorded nor counted as dropped");

    PanZoomOptions panZoom;
    if (o.quick) {
        panZoom.spans = 100'000;
        panZoom.steps = 40;
    }
    std::size_t spans = 0;
    std::vector<double> panZoomMs;
    try {
        panZoomMs = panZoomFrames(panZoom, &spans);
    } catch (const std::exception& e) {
        fail(e.what());
    }
    const Percentiles timeline = percentiles(panZoomMs);
    const std::string label = spans >= 1'000'000 ? "1M" : std::to_string(spans / 1000) + "k";
    metric("timeline_spans", static_cast<double>(spans), "spans");
    metrics("timeline_" + label + "_spans_frame", timeline);

    target("load >= 1M events/s", rate >= 1e6, rate, "events/s");
    target("p95 frame <= 33 ms", frames.p95 <= 33, frames.p95, "ms");
    target("p95 event-to-screen latency <= 100 ms", latency.p95 <= 100, latency.p95, "ms");
    target("no uncounted drops", uncounted == 0, uncounted, "events");
    target("peak RSS <= 400 MB", live.peakRssMb <= 400, live.peakRssMb, "MB");
    target("timeline pan/zoom over 1M spans p95 <= 16 ms", spans >= 1'000'000 && timeline.p95 <= 16, timeline.p95,
           "ms");
    metric("targets_missed", targetsMissed, "targets");
    // --quick (3 s at a fifth of the rate) only checks that every event is accounted for, above.
    return !o.quick && targetsMissed > 0 ? 1 : 0;
}
