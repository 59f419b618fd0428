#pragma once

// A scenario is a program whose main() runs in the run's main process (the "main process" of the
// seeds' examples, forked by the run supervisor) and forks workers with core::Process. It is described by its fields; its
// configuration arrives validated and complete.

#include "scenarios/config/field.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace forkscope::core {
class Process;
}

namespace forkscope::scenarios {

// What a scenario's main program sees of the run it belongs to.
class RunContext {
public:
    virtual ~RunContext() = default;
    // A line of the main process's output, shown with its PID like a worker's.
    virtual void log(std::string_view line) = 0;
    // True once the user asked to stop; starting another process then throws.
    [[nodiscard]] virtual bool stop_requested() const = 0;
    // The run's conclusion, a JSON object (see protocol::RunResult); the last one set counts.
    // Conventional members: "summary": [[label, value], …] and "table": {"columns": […], "rows": [[…]]}.
    // `as_of_ns` (CLOCK_MONOTONIC): when the facts it reports were taken, if before now — a
    // worker that died after it is not in it, and the result's time must say so.
    virtual void set_result(const nlohmann::json& result, std::int64_t as_of_ns = -1) = 0;
};

class Scenario {
public:
    virtual ~Scenario() = default;
    [[nodiscard]] virtual std::string_view id() const = 0;
    [[nodiscard]] virtual const char* title() const = 0; // QT_TRANSLATE_NOOP("Scenario", …)
    [[nodiscard]] virtual const char* summary() const = 0; // idem, one paragraph
    [[nodiscard]] virtual const std::vector<Field>& fields() const = 0;
    // Checks what the fields alone cannot (folders that must exist, …) before a run is
    // requested; throws ConfigError naming the field. The default accepts everything.
    virtual void check_environment(const nlohmann::json& /*complete_config*/) const {}
    // The scenario's main program. Runs in the main process; throws to fail the run.
    virtual void run(const nlohmann::json& config, RunContext& context) const = 0;
};

// Starts worker `index` (from 0) of the `total` a scenario starts one after another. When it cannot
// be forked (the process limit RLIMIT_NPROC, memory) the rest will not be tried either, so the
// core::ProcessStartError thrown says how many could not be started and why: "3 of 8 workers
// could not be started: …". The main program has failed then: the supervisor terminates the
// workers that are running rather than wait for them.
void start_worker(core::Process& worker, std::size_t index, std::size_t total);

// The config with defaults filled in and validated; throws ConfigError for the first problem
// (every problem's message joined by "; " when there are several). Before a run, also call the
// scenario's check_environment() (a preset may leave a folder for the user to fill in).
[[nodiscard]] nlohmann::json complete_config(const Scenario& scenario, const nlohmann::json& config);

} // namespace forkscope::scenarios
