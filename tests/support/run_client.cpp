#include "support/run_client.h"

#include "core/clock.h"
#include "core/poll.h"
#include "scenarios/runner/channel.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <thread>

namespace forkscope::testing {

std::vector<pid_t> RunRecord::worker_pids() const
{
    std::vector<pid_t> pids;
    for (const auto& p : processes)
        pids.push_back(p.pid);
    return pids;
}

const protocol::ProcessExited* RunRecord::exit_of(pid_t pid) const
{
    for (const auto& e : exits) {
        if (e.pid == pid)
            return &e;
    }
    return nullptr;
}

const protocol::ProcessStarted* RunRecord::start_of(pid_t pid) const
{
    for (const auto& p : processes) {
        if (p.pid == pid)
            return &p;
    }
    return nullptr;
}

void RunClient::request(const std::string& scenario, const std::string& config_json)
{
    record = {};
    protocol::send_message(fd_, protocol::RunRequest{++request_id_, scenario, config_json});
}

void RunClient::stop()
{
    if (record.started)
        protocol::send_message(fd_, protocol::StopRun{record.started->run_id});
}

void RunClient::take(protocol::Message message, core::UniqueFd passed)
{
    std::visit(
        [this, &passed](auto&& m) {
            using M = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<M, protocol::RunStarted>) {
                if (m.request_id == request_id_) {
                    record.started = m;
                    record.telemetry = std::move(passed);
                }
            } else if constexpr (std::is_same_v<M, protocol::Error>) {
                record.errors.push_back(m);
            } else if constexpr (requires { m.run_id; }) {
                if (!record.started || m.run_id != record.started->run_id)
                    return;
                if constexpr (std::is_same_v<M, protocol::ProcessStarted>)
                    record.processes.push_back(m);
                else if constexpr (std::is_same_v<M, protocol::ProcessExited>)
                    record.exits.push_back(m);
                else if constexpr (std::is_same_v<M, protocol::ProcessJoined>)
                    record.joins.push_back(m);
                else if constexpr (std::is_same_v<M, protocol::LogLine>)
                    record.lines.push_back(m);
                else if constexpr (std::is_same_v<M, protocol::RunResult>)
                    record.result = m;
                else if constexpr (std::is_same_v<M, protocol::RunFinished>)
                    record.finished = m;
            }
        },
        std::move(message));
}

bool RunClient::pump_until(const std::function<bool()>& done, std::chrono::milliseconds timeout)
{
    const std::int64_t deadline = core::monotonic_ns() + timeout.count() * core::kNsPerMs;
    while (!done()) {
        const std::int64_t left = deadline - core::monotonic_ns();
        if (left <= 0 || !core::poll_readable(fd_, static_cast<int>(left / core::kNsPerMs + 1)))
            return done();
        protocol::Received r = protocol::receive_message(fd_, false);
        if (r.status == protocol::ReceiveStatus::Closed)
            return done();
        if (r.status == protocol::ReceiveStatus::Ok)
            take(std::move(*r.message), std::move(r.passed[0]));
    }
    return true;
}

namespace {

// What /proc/<pid>/stat says after the command's closing parenthesis ("S 1234 …"), or "".
std::string stat_fields(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text))
        return {};
    const auto paren = text.rfind(')');
    return paren != std::string::npos && paren + 2 < text.size() ? text.substr(paren + 2) : std::string("?");
}

// The state letter, or 0 if the process does not exist.
char process_state(pid_t pid)
{
    const std::string fields = stat_fields(pid);
    return fields.empty() ? 0 : fields[0];
}

} // namespace

pid_t parent_of(pid_t pid)
{
    const std::string fields = stat_fields(pid);
    char state = 0;
    int ppid = 0;
    return std::sscanf(fields.c_str(), "%c %d", &state, &ppid) == 2 ? ppid : 0;
}

bool wait_all_gone(const std::vector<pid_t>& pids, std::chrono::milliseconds timeout)
{
    const std::int64_t deadline = core::monotonic_ns() + timeout.count() * core::kNsPerMs;
    for (;;) {
        bool all_gone = true;
        for (pid_t pid : pids) {
            ::waitpid(pid, nullptr, WNOHANG); // ours if re-parented to this subreaper
            if (::kill(pid, 0) == 0 || errno != ESRCH)
                all_gone = false;
        }
        if (all_gone)
            return true;
        if (core::monotonic_ns() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::string describe_present(const std::vector<pid_t>& pids)
{
    std::string out;
    for (pid_t pid : pids) {
        if (const char state = process_state(pid)) {
            std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
            std::string name;
            std::getline(comm, name);
            out += std::to_string(pid) + " (" + name + ", state " + state + ") ";
        }
    }
    return out;
}

} // namespace forkscope::testing
