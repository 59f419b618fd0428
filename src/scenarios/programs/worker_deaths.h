#pragma once

// The workers of a run that did not end by returning: killed by a signal (a user's SIGKILL, a
// crash, the OOM killer) or exited with an error. Each scenario lists them in its result, so a
// run that lost workers ends with a plain account of who died and what went with them.
//
//   WorkerDeaths deaths;
//   deaths.note(*consumer);                // after join(): counted if it did not exit with 0
//   deaths.note_ended(pid, name, role, -SIGKILL, "while working on item 17");
//   result["deaths"] = deaths.json();      // [{"pid", "name", "role", "how", "what"}…]
//   rows.emplace_back("workers that died", deaths.text());

#include <nlohmann/json.hpp>
#include <sys/types.h>

#include <string>
#include <vector>

namespace forkscope::core {
class Process;
}

namespace forkscope::scenarios {

class WorkerDeaths {
public:
    // Notes `process` if it has been reaped with a non-zero exit code; `what` says what it was doing.
    void note(const core::Process& process, std::string what = {});
    void note_ended(pid_t pid, std::string name, std::string role, int exitcode, std::string what = {});
    // Adds to what a noted process was doing, found by pid; false when it is not noted.
    bool add_what(pid_t pid, const std::string& what);

    [[nodiscard]] bool empty() const noexcept { return deaths_.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return deaths_.size(); }
    [[nodiscard]] bool contains(pid_t pid) const noexcept;
    [[nodiscard]] nlohmann::json json() const;
    // "consumer-1 (pid 812) was killed by SIGKILL while working on item 17; …", or "none".
    [[nodiscard]] std::string text() const;

private:
    struct Death {
        pid_t pid;
        std::string name, role, how, what;
    };
    std::vector<Death> deaths_;
};

} // namespace forkscope::scenarios
