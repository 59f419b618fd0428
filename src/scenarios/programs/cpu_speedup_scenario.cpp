#include "scenarios/programs/cpu_speedup_scenario.h"

#include "core/clock.h"
#include "core/process.h"
#include "core/telemetry.h"
#include "core/value.h"
#include "scenarios/config/translate_noop.h"
#include "scenarios/programs/work.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <thread>

namespace forkscope::scenarios {

namespace {

// CPU-bound work with a known amount: a linear congruential generator's steps.
std::uint64_t crunch(std::uint64_t steps)
{
    std::uint64_t x = steps;
    for (std::uint64_t i = 0; i < steps; ++i)
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return x;
}

// How many steps take `ms` on this machine, measured here for about 20 ms.
std::uint64_t steps_for_ms(int ms)
{
    std::uint64_t steps = 1 << 16;
    volatile std::uint64_t sink = 0;
    for (;;) {
        const std::int64_t begin = core::monotonic_ns();
        sink = sink + crunch(steps);
        const std::int64_t took = core::monotonic_ns() - begin;
        if (took >= 20 * core::kNsPerMs)
            return static_cast<std::uint64_t>(static_cast<double>(steps) * (ms * 1e6) / static_cast<double>(took));
        steps *= 2;
    }
}

// 1.95x
std::string times(double x)
{
    char out[32];
    std::snprintf(out, sizeof out, "%.2fx", x);
    return out;
}

} // namespace

const char* CpuSpeedupScenario::title() const
{
    return QT_TRANSLATE_NOOP("Scenario", "CPU speedup: processes and threads");
}

const char* CpuSpeedupScenario::summary() const
{
    return QT_TRANSLATE_NOOP(
        "Scenario", "The same CPU-bound work is split over 1, 2, … N processes, then over 1, 2, … N threads of "
                    "one process, and each split is timed. Processes speed the work up until there are more of "
                    "them than CPUs. In C++ threads do too; in Python the GIL lets only one thread run Python "
                    "code at a time, which is why the tutorials use processes for CPU-bound work.");
}

const std::vector<Field>& CpuSpeedupScenario::fields() const
{
    static const std::vector<Field> fields{
        {"max_workers",
         FieldKind::Integer,
         1,
         64,
         {},
         "4",
         QT_TRANSLATE_NOOP("Field", "Up to"),
         QT_TRANSLATE_NOOP("Field", "Split the work over 1 up to this many processes (and threads)."),
         ""},
        {"work_ms",
         FieldKind::Integer,
         10,
         600'000,
         {},
         "800",
         QT_TRANSLATE_NOOP("Field", "Work"),
         QT_TRANSLATE_NOOP("Field", "How long the whole work takes on one CPU, measured on this machine at the start."),
         "ms"},
        {"threads",
         FieldKind::Boolean,
         0,
         0,
         {},
         "true",
         QT_TRANSLATE_NOOP("Field", "Threads too"),
         QT_TRANSLATE_NOOP("Field", "Also split the work over threads of one process."),
         ""},
    };
    return fields;
}

void CpuSpeedupScenario::run(const nlohmann::json& json, RunContext& context) const
{
    const int max_workers = json.at("max_workers").get<int>();
    const bool with_threads = json.at("threads").get<bool>();
    const std::uint64_t total = steps_for_ms(json.at("work_ms").get<int>());
    context.log("main: " + std::to_string(total) + " steps of work (" + std::to_string(json.at("work_ms").get<int>()) +
                " ms on one CPU here); this machine has " + std::to_string(std::thread::hardware_concurrency()) +
                " CPUs");
    nlohmann::json rows = nlohmann::json::array();
    double process_one = 0, thread_one = 0;
    nlohmann::json measured = nlohmann::json::array();
    for (int n = 1; n <= max_workers; ++n) {
        if (context.stop_requested())
            break;
        const std::uint64_t share = total / static_cast<std::uint64_t>(n);
        // n processes, each with its share.
        std::int64_t begin = core::monotonic_ns();
        std::vector<std::unique_ptr<core::Process>> processes;
        for (int i = 0; i < n; ++i) {
            auto p = std::make_unique<core::Process>(
                [share] {
                    core::report_state(core::WorkerState::Running);
                    volatile std::uint64_t sink = crunch(share);
                    (void)sink;
                    core::report_state(core::WorkerState::Done);
                },
                "cpu-" + std::to_string(n) + "." + std::to_string(i));
            p->set_role(QT_TRANSLATE_NOOP("Role", "worker"));
            start_worker(*p, static_cast<std::size_t>(i), static_cast<std::size_t>(n));
            processes.push_back(std::move(p));
        }
        for (auto& p : processes)
            p->join();
        const double process_s = static_cast<double>(core::monotonic_ns() - begin) / 1e9;
        if (n == 1)
            process_one = process_s;
        // n threads in one process, timed inside it (thread start included, process start not).
        double thread_s = 0;
        if (with_threads) {
            core::Value<std::int64_t> took(0);
            core::Process threads(
                [n, share, &took] {
                    core::report_state(core::WorkerState::Running);
                    const std::int64_t t0 = core::monotonic_ns();
                    std::vector<std::thread> pool;
                    for (int i = 0; i < n; ++i)
                        pool.emplace_back([share] {
                            volatile std::uint64_t sink = crunch(share);
                            (void)sink;
                        });
                    for (auto& t : pool)
                        t.join();
                    took.set(core::monotonic_ns() - t0);
                    core::report_state(core::WorkerState::Done);
                },
                "threads-" + std::to_string(n));
            threads.set_role(QT_TRANSLATE_NOOP("Role", "threads"));
            threads.start();
            threads.join();
            thread_s = static_cast<double>(took.get()) / 1e9;
            if (n == 1)
                thread_one = thread_s;
        }
        const double process_speedup = process_s > 0 ? process_one / process_s : 0;
        const double thread_speedup = thread_s > 0 ? thread_one / thread_s : 0;
        context.log("main: " + std::to_string(n) + " processes " + seconds_text(process_s) +
                    (with_threads ? ", " + std::to_string(n) + " threads " + seconds_text(thread_s) : std::string()));
        rows.push_back({n, seconds_text(process_s), times(process_speedup),
                        with_threads ? seconds_text(thread_s) : std::string("-"),
                        with_threads ? times(thread_speedup) : std::string("-")});
        measured.push_back({{"workers", n},
                            {"process_s", process_s},
                            {"process_speedup", process_speedup},
                            {"thread_s", thread_s},
                            {"thread_speedup", thread_speedup}});
    }
    const double best = measured.empty() ? 0.0 : measured.back()["process_speedup"].get<double>();
    context.set_result(
        {{"cpus", std::thread::hardware_concurrency()},
         {"steps", total},
         {"measured", measured},
         {"summary", summary_rows({{"CPUs", std::to_string(std::thread::hardware_concurrency())},
                                   {"speedup with the most processes", times(best)}})},
         {"table", {{"columns", {"workers", "processes", "speedup", "threads", "speedup"}}, {"rows", rows}}}});
}

} // namespace forkscope::scenarios
