// Part 2 of the GUI benchmark: the timeline over a recording of a million spans, zoomed from the
// whole run down to under a millisecond and back, panning at every level, as a user does with
// W/S/A/D. Each step's key press and synchronous repaint is one frame.

#include "gui_bench.h"

#include "app/timelineview.h"
#include "core/clock.h"
#include "model/views/timelinemodel.h"

#include <QCoreApplication>
#include <QKeyEvent>

#include <stdexcept>

namespace forkscope::bench {

using core::EventKind;
using core::WorkerState;

namespace {

constexpr int kLanes = 16;
constexpr qint64 kRunNs = 60'000'000'000; // a minute's run
constexpr int kSpansPerIteration = 5;

// Per lane, repeatedly: running, a task holding a lock it waited for, then sleeping — five spans
// (the two states, the task, the wait and the hold) from six events, with varied lengths.
Recording spansRecording(std::size_t spans)
{
    Recording r;
    r.runStarted(0, 1000, 1);
    r.attachRing(0, 1000);
    const auto iterations = static_cast<qint64>(spans / (kSpansPerIteration * kLanes) + 2);
    const qint64 period = kRunNs / iterations;
    std::uint32_t random = 12345;
    auto next = [&random](std::uint32_t below) { // xorshift32
        random ^= random << 13;
        random ^= random >> 17;
        random ^= random << 5;
        return static_cast<qint64>(random % below);
    };
    for (quint16 lane = 1; lane <= kLanes; ++lane) {
        const qint32 pid = 1000 + lane;
        r.processStarted(pid, 1000, 0, false, QStringLiteral("worker-%1").arg(lane), QStringLiteral("worker"));
        r.attachRing(lane, pid);
        auto add = [&](qint64 t, EventKind kind, quint32 object, quint64 task, qint64 value, quint8 detail = 0) {
            r.append(RecordedEvent{t, task, value, object, lane, static_cast<quint8>(kind), detail});
        };
        for (qint64 i = 0; i < iterations; ++i) {
            const qint64 t = i * period + next(static_cast<std::uint32_t>(period / 10));
            const qint64 task = period / 10 + next(static_cast<std::uint32_t>(period / 2));
            const qint64 wait = 1000 + next(50'000), hold = 1000 + next(static_cast<std::uint32_t>(task / 2));
            add(t, EventKind::State, 0, 0, 0, quint8(WorkerState::Running));
            add(t + 1000, EventKind::TaskBegin, 1, quint64(i), 0);
            add(t + 2000 + wait, EventKind::LockAcquired, 7, 0, wait);
            add(t + 2000 + wait + hold, EventKind::LockReleased, 7, 0, hold);
            add(t + 3000 + wait + task, EventKind::TaskEnd, 1, quint64(i), 1);
            add(t + 4000 + wait + task, EventKind::State, 0, 0, 0, quint8(WorkerState::Sleeping));
        }
    }
    return r;
}

} // namespace

std::vector<double> panZoomFrames(const PanZoomOptions& options, std::size_t* spansMade)
{
    const Recording recording = spansRecording(options.spans);
    TimelineModel model;
    model.follow(&recording);
    *spansMade = model.spanCount();
    TimelineView view;
    view.setModel(&model);
    view.resize(1400, 600);
    view.show();
    QCoreApplication::processEvents(); // shown and exposed before the first timed frame
    PaintCounter painted;
    view.installEventFilter(&painted);
    view.repaint(); // the whole run: the fonts and the caches warm

    // In: five zooms then five pans (an eighth of the window each), again and again; then out,
    // panning back. Every zoom level is seen, panned across.
    std::vector<double> frames;
    const int half = options.steps / 2;
    for (int step = 0; step < options.steps; ++step) {
        const bool in = step < half;
        const bool zooming = (step % 10) < 5;
        const int key = zooming ? (in ? Qt::Key_W : Qt::Key_S) : (in ? Qt::Key_D : Qt::Key_A);
        const std::int64_t begin = core::monotonic_ns();
        QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
        QCoreApplication::sendEvent(&view, &press);
        view.repaint();
        frames.push_back(static_cast<double>(core::monotonic_ns() - begin) / 1e6);
    }
    if (painted.paints() < 1 + options.steps)
        throw std::runtime_error("the timeline painted " + std::to_string(painted.paints()) + " times for " +
                                 std::to_string(options.steps + 1) + " frames: nothing was measured");
    return frames;
}

} // namespace forkscope::bench
