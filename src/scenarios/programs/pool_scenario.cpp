#include "scenarios/programs/pool_scenario.h"

#include "core/clock.h"
#include "core/pool.h"
#include "scenarios/config/translate_noop.h"
#include "scenarios/programs/work.h"
#include "scenarios/programs/worker_deaths.h"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <set>

namespace forkscope::scenarios {

namespace {

// The role core::Pool gives its workers (core has no translation markers), marked here.
[[maybe_unused]] constexpr const char* kPoolWorkerRole = QT_TRANSLATE_NOOP("Role", "pool worker");

struct TaskArgs {
    int index;
    std::int64_t work_ns;
};
struct TaskResult {
    int index;
    int pid;
    std::int64_t took_ns;
};

// The seed's worker(msg): say which process runs it, sleep, say how long it took.
TaskResult pool_task(TaskArgs args)
{
    const std::int64_t begin = core::monotonic_ns();
    std::printf("task %d: started in pid %d\n", args.index, static_cast<int>(::getpid()));
    sleep_for_work(args.work_ns);
    const std::int64_t took = core::monotonic_ns() - begin;
    std::printf("task %d: done after %.2f s\n", args.index, static_cast<double>(took) / 1e9);
    return {args.index, static_cast<int>(::getpid()), took};
}

} // namespace

const char* PoolScenario::title() const
{
    return QT_TRANSLATE_NOOP("Scenario", "Pool: apply, apply_async and map");
}

const char* PoolScenario::summary() const
{
    return QT_TRANSLATE_NOOP(
        "Scenario", "A Pool of a few worker processes runs many tasks. apply() hands over one task and waits for "
                    "its result, so the tasks run one after another and the run takes about the sum of their "
                    "times; apply_async() hands them all over and the pool runs as many at once as it has "
                    "workers; map() cuts the list into chunks of chunksize. The same few PIDs do all the work "
                    "unless maxtasksperchild makes the pool replace a worker after that many tasks.");
}

const std::vector<Field>& PoolScenario::fields() const
{
    static const std::vector<Field> fields{
        {"size",
         FieldKind::Integer,
         1,
         64,
         {},
         "3",
         QT_TRANSLATE_NOOP("Field", "Pool size"),
         QT_TRANSLATE_NOOP("Field", "How many worker processes the pool has (Pool(3) in the seed)."),
         ""},
        {"tasks",
         FieldKind::Integer,
         1,
         100'000,
         {},
         "10",
         QT_TRANSLATE_NOOP("Field", "Tasks"),
         QT_TRANSLATE_NOOP("Field", "How many tasks the main process hands to the pool."),
         ""},
        {"task_ms",
         FieldKind::Integer,
         0,
         600'000,
         {},
         "500",
         QT_TRANSLATE_NOOP("Field", "Task time"),
         QT_TRANSLATE_NOOP("Field", "How long each task works (mean)."),
         "ms"},
        distribution_field("task_dist", QT_TRANSLATE_NOOP("Field", "Task time spread"),
                           QT_TRANSLATE_NOOP("Field", "fixed: always the task time; uniform: 0 to twice it (the seed's "
                                                      "random()*2); exponential: random with that mean.")),
        {"mode",
         FieldKind::Choice,
         0,
         0,
         {QT_TRANSLATE_NOOP("Choice", "apply_async"), QT_TRANSLATE_NOOP("Choice", "apply"),
          QT_TRANSLATE_NOOP("Choice", "map")},
         "apply_async",
         QT_TRANSLATE_NOOP("Field", "Mode"),
         QT_TRANSLATE_NOOP("Field", "apply_async: hand over every task, then wait; apply: hand over one task and wait "
                                    "for it before the next; map: the whole list in chunks."),
         ""},
        {"chunksize",
         FieldKind::Integer,
         1,
         10'000,
         {},
         "1",
         QT_TRANSLATE_NOOP("Field", "Chunk size"),
         QT_TRANSLATE_NOOP("Field", "For map: how many tasks a worker takes at a time."),
         ""},
        {"maxtasksperchild",
         FieldKind::Integer,
         0,
         100'000,
         {},
         "0",
         QT_TRANSLATE_NOOP("Field", "Max tasks per child"),
         QT_TRANSLATE_NOOP("Field", "Replace a worker after this many tasks; 0 keeps the workers for the whole run."),
         ""},
    };
    return fields;
}

void PoolScenario::run(const nlohmann::json& json, RunContext& context) const
{
    const int size = json.at("size").get<int>(), tasks = json.at("tasks").get<int>();
    const std::string mode = json.at("mode").get<std::string>();
    const auto chunksize = json.at("chunksize").get<std::size_t>();
    // The same seed for every mode: apply and apply_async compare on the same task times.
    std::mt19937_64 rng(20261122);
    const Distribution dist = distribution_from(json.at("task_dist").get<std::string>());
    std::vector<TaskArgs> args;
    std::int64_t work_sum = 0;
    for (int i = 0; i < tasks; ++i) {
        args.push_back({i, draw_ns(dist, json.at("task_ms").get<std::int64_t>() * core::kNsPerMs, rng)});
        work_sum += args.back().work_ns;
    }
    const std::int64_t begin = core::monotonic_ns();
    core::Pool pool(static_cast<unsigned>(size), json.at("maxtasksperchild").get<unsigned>());
    context.log("main: pid " + std::to_string(::getpid()) + ", Pool(" + std::to_string(size) + "), " +
                std::to_string(tasks) + " tasks by " + mode + "; ……start……");
    std::vector<TaskResult> results;
    // A task whose worker died fails with WorkerLostError (the pool replaces the worker and goes
    // on; Python's pool hangs here). The run goes on too and says what was lost.
    std::vector<std::pair<int, std::string>> lost; // task index (-1: map's), why
    auto unless_lost = [&lost](int task, auto&& call) {
        try {
            call();
        } catch (const core::WorkerLostError& e) {
            lost.emplace_back(task, e.what());
        }
    };
    if (mode == "apply") {
        for (const TaskArgs& a : args) // apply() blocks until this task is done
            unless_lost(a.index, [&] { results.push_back(pool.apply(pool_task, a)); });
    } else if (mode == "map") { // map() raises, and returns nothing, as in Python
        unless_lost(-1, [&] { results = pool.map(pool_task, args, chunksize); });
    } else {
        std::vector<core::AsyncResult<TaskResult>> pending;
        for (const TaskArgs& a : args)
            pending.push_back(pool.apply_async(pool_task, a));
        for (std::size_t i = 0; i < pending.size(); ++i)
            unless_lost(args[i].index, [&] { results.push_back(pending[i].get()); });
    }
    pool.close();
    pool.join();
    WorkerDeaths deaths;
    for (const core::ProcessInfo& w : pool.lost_workers())
        deaths.note_ended(w.pid, w.name, w.role, w.exitcode.value_or(0));
    nlohmann::json lost_json = nlohmann::json::array();
    for (const auto& [index, why] : lost) {
        lost_json.push_back({{"task", index}, {"error", why}});
        context.log(index < 0 ? "main: map() raised WorkerLostError: " + why
                              : "main: task " + std::to_string(index) + " failed with WorkerLostError: " + why);
    }
    if (!deaths.empty())
        context.log("main: workers that died: " + deaths.text());
    const std::int64_t wall = core::monotonic_ns() - begin;
    context.log("main: ……end…… after " + seconds_text(static_cast<double>(wall) / 1e9));

    std::map<int, int> per_pid;
    for (const TaskResult& r : results)
        ++per_pid[r.pid];
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& [pid, count] : per_pid)
        rows.push_back({pid, count});
    const double parallelism = wall > 0 ? static_cast<double>(work_sum) / static_cast<double>(wall) : 0.0;
    char parallel_text[32];
    std::snprintf(parallel_text, sizeof parallel_text, "%.2f", parallelism);
    std::vector<std::pair<std::string, std::string>> summary{
        {"tasks done", std::to_string(results.size())},
        {"mode", mode},
        {"sum of task times", seconds_text(static_cast<double>(work_sum) / 1e9)},
        {"wall time", seconds_text(static_cast<double>(wall) / 1e9)},
        {"tasks at once (sum / wall)", parallel_text},
        {"worker PIDs that ran tasks", std::to_string(per_pid.size())}};
    if (!lost.empty())
        summary.emplace_back(mode == "map" ? "map() raised" : "tasks lost with their worker",
                             mode == "map" ? "WorkerLostError: no results" : std::to_string(lost.size()));
    if (!deaths.empty())
        summary.emplace_back("workers that died (replaced)", deaths.text());
    context.set_result({{"tasks", results.size()},
                        {"lost", lost_json},
                        {"deaths", deaths.json()},
                        {"mode", mode},
                        {"worker_pids", per_pid.size()},
                        {"wall_ns", wall},
                        {"work_sum_ns", work_sum},
                        {"parallelism", parallelism},
                        {"summary", summary_rows(summary)},
                        {"table", {{"columns", {"worker pid", "tasks"}}, {"rows", rows}}}});
}

} // namespace forkscope::scenarios
