#pragma once

// A blocking, Qt-free client of the fork server for tests: sends one run request and collects
// the run's messages until it finishes or a deadline passes. Usable in a forked helper process.

#include "core/unique_fd.h"
#include "scenarios/runner/protocol.h"

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace forkscope::testing {

struct RunRecord {
    std::optional<protocol::RunStarted> started;
    std::vector<protocol::ProcessStarted> processes;
    std::vector<protocol::ProcessExited> exits;
    std::vector<protocol::ProcessJoined> joins;
    std::vector<protocol::LogLine> lines;
    std::vector<protocol::Error> errors;
    std::optional<protocol::RunResult> result; // the last one set
    std::optional<protocol::RunFinished> finished;
    core::UniqueFd telemetry; // the run's RunArena, passed with RunStarted

    [[nodiscard]] std::vector<pid_t> worker_pids() const;
    [[nodiscard]] const protocol::ProcessExited* exit_of(pid_t pid) const;
    [[nodiscard]] const protocol::ProcessStarted* start_of(pid_t pid) const;
};

class RunClient {
public:
    explicit RunClient(int fd) : fd_(fd) {}

    // Sends a RunRequest; the record collects what follows.
    void request(const std::string& scenario, const std::string& config_json);
    void stop();

    // Reads messages until `done()` holds; false if the deadline passed or the socket closed.
    bool pump_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);
    bool wait_finished(std::chrono::milliseconds timeout = std::chrono::milliseconds(20000))
    {
        return pump_until([this] { return record.finished.has_value() || !record.errors.empty(); }, timeout);
    }

    RunRecord record;

private:
    void take(protocol::Message message, core::UniqueFd passed);

    int fd_;
    std::uint32_t request_id_ = 0;
};

// True once every pid has gone: not running and not a zombie. Reaps those that were re-parented
// to the calling process (tests run as child subreapers). Polls until `timeout`.
bool wait_all_gone(const std::vector<pid_t>& pids, std::chrono::milliseconds timeout);

// The parent pid /proc/<pid>/stat gives, or 0 if the process does not exist.
[[nodiscard]] pid_t parent_of(pid_t pid);

// "1234 (worker-3, state S)" for each pid still present, for failure messages.
std::string describe_present(const std::vector<pid_t>& pids);

} // namespace forkscope::testing
