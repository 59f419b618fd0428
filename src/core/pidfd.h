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

} // namespace forkscope::core
