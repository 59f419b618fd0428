#include "scenarios/programs/processes_scenario.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/process.h"
#include "core/telemetry.h"
#include "scenarios/config/translate_noop.h"
#include "scenarios/programs/work.h"

#include <nlohmann/json.hpp>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>

namespace forkscope::scenarios {

namespace {

constexpr int kMaxWorkers = 256;
constexpr int kMaxWorkMs = 600'000;

void worker_main(int index, const ProcessesConfig& config)
{
    // The state first: the timeline's span then covers all of the work.
    core::report_state(config.work == ProcessesConfig::Work::Sleep ? core::WorkerState::Sleeping
                                                                   : core::WorkerState::Running);
    const std::int64_t begin = core::monotonic_ns();
    std::printf("worker %d: pid %d, ppid %d, working %d ms (%s)\n", index, static_cast<int>(::getpid()),
                static_cast<int>(::getppid()), config.work_ms,
                config.work == ProcessesConfig::Work::Sleep ? "sleep" : "spin");
    const std::int64_t deadline = begin + std::int64_t{config.work_ms} * core::kNsPerMs;
    if (config.work == ProcessesConfig::Work::Sleep)
        sleep_until(deadline);
    else
        spin_until(deadline);
    core::report_state(core::WorkerState::Done);
    std::printf("worker %d: done after %.1f ms\n", index, static_cast<double>(core::monotonic_ns() - begin) / 1e6);
}

std::string ms_text(std::int64_t ns)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f ms", static_cast<double>(ns) / 1e6);
    return buffer;
}

} // namespace

ProcessesConfig ProcessesConfig::from_json(const nlohmann::json& c)
{
    ProcessesConfig config;
    config.workers = c.at("workers").get<int>();
    config.work = c.at("work").get<std::string>() == "spin" ? Work::Spin : Work::Sleep;
    config.work_ms = c.at("work_ms").get<int>();
    const auto join = c.at("join").get<std::string>();
    config.join = join == "one-by-one" ? Join::OneByOne : join == "none" ? Join::None : Join::AfterAll;
    config.daemon = c.at("daemon").get<bool>();
    config.terminate_after_ms = c.at("terminate_after_ms").get<int>();
    return config;
}

const char* ProcessesScenario::title() const
{
    return QT_TRANSLATE_NOOP("Scenario", "Processes: start, join, PID, daemon");
}

const char* ProcessesScenario::summary() const
{
    return QT_TRANSLATE_NOOP(
        "Scenario", "Starts worker processes that print their PID and their parent's PID, then work for a while. "
                    "Joining each worker right after starting it runs them one after another (the tutorials' "
                    "Example 1: the run takes about the sum of the work); starting all first and then joining "
                    "them runs them at the same time (Example 2: about the longest). Daemon workers are "
                    "terminated when the main process ends; terminate-after stops workers that run too long.");
}

const std::vector<Field>& ProcessesScenario::fields() const
{
    static const std::vector<Field> fields{
        {"workers",
         FieldKind::Integer,
         1,
         kMaxWorkers,
         {},
         "4",
         QT_TRANSLATE_NOOP("Field", "Workers"),
         QT_TRANSLATE_NOOP("Field", "How many worker processes the main process starts."),
         ""},
        {"work",
         FieldKind::Choice,
         0,
         0,
         {QT_TRANSLATE_NOOP("Choice", "sleep"), QT_TRANSLATE_NOOP("Choice", "spin")},
         "sleep",
         QT_TRANSLATE_NOOP("Field", "Work"),
         QT_TRANSLATE_NOOP("Field",
                           "How a worker spends its time: sleeping (waiting, like I/O) or spinning (using a CPU)."),
         ""},
        {"work_ms",
         FieldKind::Integer,
         0,
         kMaxWorkMs,
         {},
         "500",
         QT_TRANSLATE_NOOP("Field", "Work time"),
         QT_TRANSLATE_NOOP("Field", "How long each worker works."),
         "ms"},
        {"join",
         FieldKind::Choice,
         0,
         0,
         {QT_TRANSLATE_NOOP("Choice", "after-all"), QT_TRANSLATE_NOOP("Choice", "one-by-one"),
          QT_TRANSLATE_NOOP("Choice", "none")},
         "after-all",
         QT_TRANSLATE_NOOP("Field", "Join"),
         QT_TRANSLATE_NOOP("Field",
                           "after-all: start every worker, then join them; one-by-one: join each worker before "
                           "starting the next; none: never join (non-daemon workers are still waited for "
                           "at the end, daemon workers are terminated)."),
         ""},
        {"daemon",
         FieldKind::Boolean,
         0,
         0,
         {},
         "false",
         QT_TRANSLATE_NOOP("Field", "Daemon"),
         QT_TRANSLATE_NOOP("Field", "Start the workers as daemons: they are terminated when the main process ends."),
         ""},
        {"terminate_after_ms",
         FieldKind::Integer,
         0,
         3'600'000,
         {},
         "0",
         QT_TRANSLATE_NOOP("Field", "Terminate after"),
         QT_TRANSLATE_NOOP("Field", "Stop waiting for a worker this long after the main process starts waiting for it, "
                                    "and terminate it (SIGTERM); 0 waits as long as it takes."),
         "ms"},
    };
    return fields;
}

void ProcessesScenario::run(const nlohmann::json& json, RunContext& context) const
{
    const ProcessesConfig config = ProcessesConfig::from_json(json);
    const std::int64_t begin = core::monotonic_ns();
    const char* join_name = config.join == ProcessesConfig::Join::OneByOne ? "one-by-one"
                            : config.join == ProcessesConfig::Join::None   ? "none"
                                                                           : "after-all";
    context.log("main: pid " + std::to_string(::getpid()) + ", starting " + std::to_string(config.workers) +
                " workers, join " + join_name + (config.daemon ? ", daemon" : ""));

    std::vector<std::unique_ptr<core::Process>> workers;
    auto start_next = [&](int index) -> core::Process& {
        auto p = std::make_unique<core::Process>([index, config] { worker_main(index, config); },
                                                 "worker-" + std::to_string(index));
        p->set_role(QT_TRANSLATE_NOOP("Role", "worker"));
        p->set_daemon(config.daemon);
        start_worker(*p, static_cast<std::size_t>(index), static_cast<std::size_t>(config.workers));
        workers.push_back(std::move(p));
        return *workers.back();
    };
    // Python's p.join(T); if p.is_alive(): p.terminate(); p.join()
    auto wait_for = [&](core::Process& p, std::int64_t deadline_ns) {
        if (config.terminate_after_ms == 0) {
            p.join();
            return;
        }
        const auto left = std::max<std::int64_t>(0, deadline_ns - core::monotonic_ns()) / core::kNsPerMs;
        if (!p.join(std::chrono::milliseconds(left))) {
            context.log("main: " + p.name() + " still running after " + std::to_string(config.terminate_after_ms) +
                        " ms, terminating it");
            p.terminate();
            p.join();
        }
    };
    const auto terminate_ns = std::int64_t{config.terminate_after_ms} * core::kNsPerMs;

    switch (config.join) {
    case ProcessesConfig::Join::OneByOne:
        for (int i = 0; i < config.workers; ++i) {
            core::Process& p = start_next(i);
            wait_for(p, core::monotonic_ns() + terminate_ns);
        }
        break;
    case ProcessesConfig::Join::AfterAll: {
        for (int i = 0; i < config.workers; ++i)
            start_next(i);
        const std::int64_t deadline = core::monotonic_ns() + terminate_ns;
        for (auto& p : workers)
            wait_for(*p, deadline);
        break;
    }
    case ProcessesConfig::Join::None:
        for (int i = 0; i < config.workers; ++i)
            start_next(i);
        break;
    }
    context.log("main: done after " + ms_text(core::monotonic_ns() - begin) +
                (config.join == ProcessesConfig::Join::None ? " without joining" : ", all workers joined"));
}

} // namespace forkscope::scenarios
