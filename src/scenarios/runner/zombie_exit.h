#pragma once

// The exit code of a process that has exited but is another process's child: the supervisor sees a
// worker's exit through its pidfd, while the worker's parent, the main process, may be busy in the
// scenario's code and join it much later. waitid() works only for one's own children, so the code
// is read from /proc/<pid>/stat (field 52, exit_code, Linux >= 3.5) while the process is a zombie.

#include <sys/types.h>

#include <optional>

namespace forkscope::scenarios {

// Python's exitcode (the exit status, or -N for signal N) of the zombie `pid`, whose pidfd is
// `pidfd`; nothing once its parent has reaped it (its parent's join reports the code then) or when
// /proc does not tell. The pidfd proves that the /proc entry read is that process, not a later one
// that reused its pid.
[[nodiscard]] std::optional<int> zombie_exitcode(pid_t pid, int pidfd);

// The exitcode in a wait status (WIFEXITED/WIFSIGNALED); nothing for a stopped or continued one.
[[nodiscard]] std::optional<int> exitcode_of_status(int status) noexcept;

} // namespace forkscope::scenarios
