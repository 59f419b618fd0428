// ForkScope's stress benchmark (issue 6). Prints `name value unit` lines (comments start with #).
//
// A real producer–consumer run of 256 worker processes (128 producers putting an item every
// 10 ms for the whole duration, 128 consumers taking them off a queue of capacity 256) goes
// through each front end in turn for `--seconds` (default 600):
//   cli: the real `forkscope-cli run producer-consumer --set …`, a child of this process;
//   gui: the app's MainWindow in this process (1400×900, offscreen unless QT_QPA_PLATFORM says
//        otherwise), its run started as the Start button does and shown live by its views.
// Once a second a thread samples the front end's RSS and peak (/proc/<pid>/status) and the RSS
// and PSS of every process below it. At the end, per front end: the events it recorded per
// second, the drops it counted, drops it did not count (queue events checked against the
// config), its RSS at 10 %, 50 % and 100 % of the run and at its peak, the workers reached.
//
//   forkscope_stress_bench [--seconds N] [--workers N] [--produce-ms N] [--full-speed]
//                          [--front-end cli|gui|both] [--cli PATH] [--samples PREFIX] [--quick]
// --full-speed: 2 producers and 2 consumers with no work at all, capacity 64, for about --seconds:
// issue 13's run. Events lost and the front ends' memory are then targets.
// --samples writes every memory sample to PREFIX-cli.csv and PREFIX-gui.csv.

#include "stress_bench.h"
#include "bench_args.h"
#include "gui_bench.h"
#include "stress_gui.h"

#include <QApplication>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

using namespace forkscope;
using namespace forkscope::bench;

namespace {

struct Options {
    StressConfig config;
    bool cli = true, gui = true;
    std::string cliPath = FORKSCOPE_CLI_PATH;
    std::string samplesPrefix; // --samples: PREFIX-cli.csv and PREFIX-gui.csv
    bool quick = false; // 3 s: the memory targets mean nothing, the checks still hold
};

Options parse(int argc, char** argv)
{
    const Args args("forkscope_stress_bench", argc, argv);
    Options o;
    std::optional<double> seconds, workers;
    bool& quick = o.quick;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seconds") {
            seconds = args.number(i, arg, 1, 7200);
        } else if (arg == "--workers") {
            workers = args.number(i, arg, 2, 512); // the scenario's fields allow 256 producers and 256 consumers
        } else if (arg == "--produce-ms") {
            o.config.produce_ms = static_cast<int>(args.number(i, arg, 2, 10'000));
            o.config.consume_ms = o.config.produce_ms / 2;
        } else if (arg == "--full-speed") {
            o.config.produce_ms = o.config.consume_ms = 0;
            o.config.capacity = 64;
            workers = workers.value_or(4);
        } else if (arg == "--front-end") {
            const std::string which = args.value(i, arg);
            if (which != "cli" && which != "gui" && which != "both")
                args.fail("--front-end: cli, gui or both, got " + which);
            o.cli = which != "gui";
            o.gui = which != "cli";
        } else if (arg == "--cli") {
            o.cliPath = args.value(i, arg);
        } else if (arg == "--samples") {
            o.samplesPrefix = args.value(i, arg);
        } else if (arg == "--quick") {
            quick = true;
        } else {
            args.fail("unknown option " + arg +
                      " (options: --seconds N, --workers N, --produce-ms N, --full-speed, --front-end cli|gui|both, "
                      "--cli PATH, "
                      "--samples PREFIX, --quick)");
        }
    }
    o.config.seconds = seconds.value_or(quick ? 3 : 600);
    o.config.sample_ms = quick ? 200 : 1000;
    const int total = static_cast<int>(workers.value_or(quick ? 16 : 256));
    o.config.consumers = total / 2;
    o.config.producers = total - o.config.consumers;
    return o;
}

} // namespace

namespace forkscope::bench {

long long StressConfig::items() const
{
    if (full_speed())
        return std::max(1LL, std::llround(seconds * static_cast<double>(kFullSpeedItemsPerSecond)));
    return std::max(1LL, std::llround(seconds * 1000 / produce_ms));
}

std::vector<std::string> StressConfig::assignments() const
{
    return {"producers=" + std::to_string(producers),
            "consumers=" + std::to_string(consumers),
            "capacity=" + std::to_string(capacity),
            "items=" + std::to_string(items()),
            "produce_ms=" + std::to_string(produce_ms),
            "produce_dist=fixed",
            "consume_ms=" + std::to_string(consume_ms),
            "consume_dist=fixed",
            "shutdown=sentinel"};
}

std::uint64_t StressConfig::expected_queue_ops() const
{
    // The items, and the main process's sentinel for each consumer, each put once and got once.
    return 2 * (static_cast<std::uint64_t>(producers) * static_cast<std::uint64_t>(items()) +
                static_cast<std::uint64_t>(consumers));
}

} // namespace forkscope::bench

int main(int argc, char** argv)
{
    const Options o = parse(argc, argv);
    const StressConfig& c = o.config;
    // The GUI's fork server, forked first while this process has one thread, as the app's main()
    // does: every process of the GUI's run is forked from it, never from this threaded process.
    std::optional<scenarios::ForkServerProcess> server;
    if (o.gui) {
        server = scenarios::ForkServerProcess::spawn_or_report("forkscope_stress_bench");
        if (!server->running())
            return 1;
    }
    if (c.full_speed())
        std::printf("# producer-consumer at full speed: %d producers × %lld items, %d consumers, no work, capacity %d; "
                    "about %.0f s per front end\n",
                    c.producers, c.items(), c.consumers, c.capacity, c.seconds);
    else
        std::printf("# producer-consumer: %d producers × %lld items, one every %d ms; %d consumers, %d ms each; "
                    "capacity %d; about %.0f s per front end\n",
                    c.producers, c.items(), c.produce_ms, c.consumers, c.consume_ms, c.capacity, c.seconds);
    std::fflush(stdout);
    Verdict total;
    bool failed = false;
    auto add = [&total](const Verdict& v) {
        total.checks_failed += v.checks_failed;
        total.targets_missed += v.targets_missed;
    };
    if (o.cli) {
        const FrontEndResult r = run_cli(o.cliPath, c);
        add(report("cli", c, r, o.samplesPrefix.empty() ? "" : o.samplesPrefix + "-cli.csv"));
        failed = failed || !r.error.empty();
    }
    if (o.gui) {
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QStandardPaths::setTestModeEnabled(true); // the window's settings go to a test location
        int qtArgc = 1;
        QApplication app(qtArgc, argv);
        const FrontEndResult r = runGui(std::move(*server), c);
        add(report("gui", c, r, o.samplesPrefix.empty() ? "" : o.samplesPrefix + "-gui.csv"));
        failed = failed || !r.error.empty();
    }
    metricLine("fs.stress.checks_failed", total.checks_failed, "checks");
    metricLine("fs.stress.targets_missed", total.targets_missed, "targets");
    return failed || total.checks_failed > 0 || (!o.quick && total.targets_missed > 0) ? 1 : 0;
}
