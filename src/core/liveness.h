#pragma once

#include <sys/types.h>

namespace forkscope::core {

// True when `pid` has ended: it no longer exists, or it is a zombie waiting to be reaped.
// Used on slow paths to recover from a process that died inside a shared-memory operation.
// A PID reused by a new process reads as alive: ForkScope runs do not live long enough for
// the kernel to wrap its PIDs around.
[[nodiscard]] bool process_has_ended(pid_t pid) noexcept;

// This process's pid, cached (getpid() is a syscall on the slow paths' fast path). Refreshed in
// every child forked by core::Process.
[[nodiscard]] pid_t current_pid() noexcept;
void refresh_current_pid() noexcept;

} // namespace forkscope::core
