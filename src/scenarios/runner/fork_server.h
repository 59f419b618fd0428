#pragma once

// The fork server: forked at the top of main() of every front end, while the process is still
// single-threaded (fork() in a threaded process, such as a running Qt application, is only safe
// if the child calls nothing but async-signal-safe functions). It forks one supervisor per run
// request. It dies with its front end: PR_SET_PDEATHSIG, or EOF on the socket, after which it
// kills every run's process group and reaps what is left (it is a child subreaper).
//
//   front end ──socketpair──> fork server ──fork──> supervisor ──fork──> main process ──fork──> workers
//       ^                                               │  ^  output pipes, pidfds, messages  │
//       └──── run messages, written by the supervisor ──┘  └──────────────────────────────────┘

#include "core/unique_fd.h"

#include <sys/types.h>

#include <chrono>
#include <vector>

namespace forkscope::scenarios {

class Scenario;

class ForkServerProcess {
public:
    // Forks the fork server. Throws std::logic_error if this process has more than one thread,
    // std::system_error if fork() fails.
    [[nodiscard]] static ForkServerProcess spawn();
    // The same, serving `scenarios` instead of all_scenarios() (tests bring scenarios of their own).
    [[nodiscard]] static ForkServerProcess spawn(const std::vector<const Scenario*>& scenarios);
    // spawn() for a program's main(): on failure prints "<program>: cannot start the fork
    // server: <why>" to stderr and returns a server that is not running().
    [[nodiscard]] static ForkServerProcess spawn_or_report(const char* program) noexcept;

    ForkServerProcess() = default;
    ForkServerProcess(ForkServerProcess&& other) noexcept;
    ForkServerProcess& operator=(ForkServerProcess&& other) noexcept;
    ~ForkServerProcess(); // shutdown()

    // The front end's end of the socket: send RunRequest/StopRun, receive everything else.
    [[nodiscard]] int fd() const noexcept { return fd_.get(); }
    [[nodiscard]] pid_t pid() const noexcept { return pid_; }
    [[nodiscard]] bool running() const noexcept { return pid_ > 0; }

    // Closes the socket, which makes the server kill every run, and reaps the server; kills it
    // if it has not exited within `timeout`.
    void shutdown(std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) noexcept;

private:
    ForkServerProcess(pid_t pid, core::UniqueFd fd) : pid_(pid), fd_(std::move(fd)) {}

    pid_t pid_ = 0;
    core::UniqueFd fd_;
};

} // namespace forkscope::scenarios
