#pragma once

#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

namespace forkscope::core {

// A file descriptor that becomes readable when process `pid` exits (Linux >= 5.3). Called
// through syscall(): glibc 2.36's <sys/pidfd.h> lacks extern "C" and does not link from C++.
[[nodiscard]] inline int pidfd_open(pid_t pid) noexcept
{
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

// kill() through a pidfd: never reaches a later process that reused the pid. With signal 0 it
// only tells whether the process is still there (a zombie is, until it is reaped).
[[nodiscard]] inline int pidfd_send_signal(int pidfd, int signal) noexcept
{
    return static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, signal, nullptr, 0));
}

} // namespace forkscope::core
