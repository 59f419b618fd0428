#include "scenarios/programs/shared_state_scenario.h"

#include "core/process.h"
#include "core/telemetry.h"
#include "core/value.h"
#include "scenarios/config/translate_noop.h"
#include "scenarios/programs/work.h"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>

namespace forkscope::scenarios {

namespace {

// The seed's `a = 1`. Each forked process gets its own copy of it.
long long g_counter = 1;
// The same for threads; atomic, since threads really share it (a plain int would be a data race).
std::atomic<long long> g_thread_counter{1};

} // namespace

const char* SharedStateScenario::title() const
{
    return QT_TRANSLATE_NOOP("Scenario", "Shared state: globals, Value and threads");
}

const char* SharedStateScenario::summary() const
{
    return QT_TRANSLATE_NOOP(
        "Scenario", "Every worker process adds to a global variable: each sees its own copy grow, and the main "
                    "process's copy is unchanged afterwards, because a forked process has its own memory. A Value "
                    "lives in shared memory and is changed by all of them: exactly when each increment holds its "
                    "lock, with lost updates when a process reads it and writes it back in two steps. Threads in "
                    "one process do share its global.");
}

const std::vector<Field>& SharedStateScenario::fields() const
{
    static const std::vector<Field> fields{
        {"workers",
         FieldKind::Integer,
         1,
         64,
         {},
         "2",
         QT_TRANSLATE_NOOP("Field", "Workers"),
         QT_TRANSLATE_NOOP("Field", "How many worker processes (and threads) add to the counters."),
         ""},
        {"increments",
         FieldKind::Integer,
         1,
         10'000'000,
         {},
         "100000",
         QT_TRANSLATE_NOOP("Field", "Increments"),
         QT_TRANSLATE_NOOP("Field", "How often each worker adds one."),
         ""},
        {"value_update",
         FieldKind::Choice,
         0,
         0,
         {QT_TRANSLATE_NOOP("Choice", "locked"), QT_TRANSLATE_NOOP("Choice", "get-then-set")},
         "locked",
         QT_TRANSLATE_NOOP("Field", "Value update"),
         QT_TRANSLATE_NOOP("Field", "locked: each += holds the Value's lock; get-then-set: value.set(value.get() + 1), "
                                    "two steps that other processes can come between."),
         ""},
    };
    return fields;
}

void SharedStateScenario::run(const nlohmann::json& json, RunContext& context) const
{
    const int workers = json.at("workers").get<int>();
    const long long increments = json.at("increments").get<long long>();
    const bool locked = json.at("value_update").get<std::string>() == "locked";
    core::Value<long long> shared(1);
    context.log("main: pid " + std::to_string(::getpid()) + ", global a = " + std::to_string(g_counter) +
                ", Value = " + std::to_string(shared.get()));

    std::vector<std::unique_ptr<core::Process>> processes;
    for (int i = 0; i < workers; ++i) {
        auto p = std::make_unique<core::Process>(
            [i, increments, locked, &shared] {
                core::report_state(core::WorkerState::Running);
                for (long long n = 0; n < increments; ++n) {
                    ++g_counter;
                    if (locked) {
                        std::lock_guard guard(shared.get_lock());
                        ++shared.raw();
                    } else {
                        shared.set(shared.get() + 1);
                    }
                }
                std::printf("worker-%d: my global a is now %lld\n", i, g_counter);
                core::report_state(core::WorkerState::Done);
            },
            "worker-" + std::to_string(i));
        p->set_role(QT_TRANSLATE_NOOP("Role", "worker"));
        start_worker(*p, static_cast<std::size_t>(i), static_cast<std::size_t>(workers));
        processes.push_back(std::move(p));
    }
    for (auto& p : processes)
        p->join();
    const long long value = shared.get();
    const long long expected = 1 + workers * increments;
    context.log("main: after joining, my global a is still " + std::to_string(g_counter) + "; the Value is " +
                std::to_string(value) + " (" + std::to_string(expected) + " if no update was lost)");

    // Threads of one process: they share its global.
    core::Value<long long> thread_result(0);
    core::Process threads(
        [workers, increments, &thread_result] {
            core::report_state(core::WorkerState::Running);
            std::vector<std::thread> pool;
            for (int t = 0; t < workers; ++t)
                pool.emplace_back([increments] {
                    for (long long n = 0; n < increments; ++n)
                        g_thread_counter.fetch_add(1, std::memory_order_relaxed);
                });
            for (auto& t : pool)
                t.join();
            thread_result.set(g_thread_counter.load());
            std::printf("threads: %d threads in pid %d added to one global a: it is now %lld\n", workers,
                        static_cast<int>(::getpid()), g_thread_counter.load());
            core::report_state(core::WorkerState::Done);
        },
        "threads");
    threads.set_role(QT_TRANSLATE_NOOP("Role", "threads"));
    threads.start();
    threads.join();

    context.set_result(
        {{"global_in_parent", g_counter},
         {"global_in_each_child", 1 + increments},
         {"value", value},
         {"expected", expected},
         {"lost_updates", expected - value},
         {"threads_global", thread_result.get()},
         {"summary", summary_rows({{"global a in the main process", std::to_string(g_counter) + " (unchanged)"},
                                   {"global a in each worker", std::to_string(1 + increments)},
                                   {"shared Value", std::to_string(value) + " of " + std::to_string(expected)},
                                   {"lost updates", std::to_string(expected - value)},
                                   {"global a shared by threads", std::to_string(thread_result.get())}})}});
}

} // namespace forkscope::scenarios
