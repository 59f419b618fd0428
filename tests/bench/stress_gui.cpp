// The stress benchmark's GUI part: the app's own MainWindow, in this process, with a fork server
// forked at the top of main() as the app's main() does; the run is started as the Start button
// does and shown live by the window's views while this process is sampled from another thread.

#include "stress_gui.h"

#include "gui_bench.h"

#include "app/mainwindow.h"
#include "app/screenshot.h"
#include "model/live/forkserverclient.h"
#include "model/live/runcontroller.h"

#include <QApplication>
#include <QEventLoop>
#include <QTimer>

#include <unistd.h>

namespace forkscope::bench {

FrontEndResult runGui(scenarios::ForkServerProcess server, const StressConfig& config)
{
    FrontEndResult r;
    ForkServerClient client(std::move(server));
    MainWindow window(&client);
    RunController* controller = window.runController();
    QStringList assignments;
    for (const std::string& a : config.assignments())
        assignments << QString::fromStdString(a);
    if (!window.selectPreset(QStringLiteral("producer-consumer"))) {
        r.error = "no producer-consumer preset";
        return r;
    }
    if (const QString error = applyAssignments(window, assignments); !error.isEmpty()) {
        r.error = "--set " + error.toStdString();
        return r;
    }
    window.resize(1400, 900);
    window.show();
    QCoreApplication::processEvents();

    QEventLoop loop;
    QString failure;
    QObject::connect(controller, &RunController::finished, &loop, [&] { loop.quit(); });
    QObject::connect(controller, &RunController::failed, &loop, [&](const QString& message) {
        failure = message;
        if (!controller->isActive())
            loop.quit();
    });
    // Bounded: past the deadline the run is stopped as the Stop button does, 30 s later given up.
    bool late = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        if (late) {
            loop.quit();
            return;
        }
        late = true;
        controller->stop();
        deadline.start(30'000);
    });
    deadline.start(static_cast<int>(config.limit_s() * 1000));

    PaintCounter painted; // every widget's paints: proof that the views were live
    qApp->installEventFilter(&painted);
    TreeSampler sampler(::getpid(), config.sample_ms);
    LoopTimer loopTimer;
    window.startRun();
    if (controller->isActive())
        loop.exec();
    r.samples = sampler.stop();
    const Percentiles first = loopTimer.first(), rest = loopTimer.rest();
    r.loop_p95_first_ms = first.p95;
    r.loop_p95_rest_ms = rest.count ? rest.p95 : first.p95;
    r.loop_max_ms = std::max(first.max, rest.max);
    r.loop_iterations = first.count + rest.count;
    qApp->removeEventFilter(&painted);
    r.paints = painted.paints();

    const Recording* recording = controller->recording();
    const auto& summary = controller->summary();
    if (late)
        r.error = "the run did not end within " + std::to_string(static_cast<int>(config.limit_s())) + " s";
    else if (!failure.isEmpty())
        r.error = failure.toStdString();
    else if (!recording || !summary)
        r.error = "the run did not start";
    else if (summary->outcome != protocol::Outcome::Completed)
        r.error = "the run did not complete: " + summary->message.toStdString();
    if (recording) {
        r.events = recording->eventCount();
        r.dropped = recording->dropped();
        r.not_kept = recording->eventsNotKept();
        r.telemetry_wait_s = static_cast<double>(recording->telemetryWaitNs()) / 1e9;
        for (const auto& [id, queue] : recording->queues())
            r.queue_ops += queue.puts + queue.gets;
        for (const Lane& lane : recording->lanes()) {
            r.workers += lane.role != QLatin1String("main") && lane.startNs >= 0 ? 1 : 0;
            r.spans += lane.spans.size();
        }
    }
    if (summary)
        r.wall_s = static_cast<double>(summary->wallNs) / 1e9;
    r.peak_rss_mb = r.samples.empty() ? -1 : r.samples.back().front_hwm_mb;
    return r;
}

} // namespace forkscope::bench
