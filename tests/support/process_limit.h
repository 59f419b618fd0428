#pragma once

// Making fork() fail on purpose, with EAGAIN, the way a user's process limit does.
//
// RLIMIT_NPROC counts every process (and thread) of the real user id, and root is exempt. So the
// limited process gets a user id of its own when we are root: a fresh, unused one, which also
// drops root's exemption; then the limit counts exactly the processes of the test. Any other user
// shares its count with whatever else it runs, so only a limit of 0 (no fork at all) is exact.

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <functional>

namespace forkscope::testing {

// Whether a limit of `processes` can be exact here.
inline bool canLimitProcessesTo(rlim_t processes)
{
    return processes == 0 || ::geteuid() == 0;
}

// In a forked child only (it changes the user id): allows this user `processes` processes in
// all, this one included. Async-signal-safe; false if it could not.
inline bool limitProcesses(rlim_t processes) noexcept
{
    if (::geteuid() == 0) {
        const auto uid = static_cast<uid_t>(3'000'000 + ::getpid()); // no one else's: pids are unique
        // Raw system calls: glibc's wrappers would try to reach the parent's other threads.
        if (::syscall(SYS_setgroups, 0, nullptr) != 0 || ::syscall(SYS_setresgid, uid, uid, uid) != 0 ||
            ::syscall(SYS_setresuid, uid, uid, uid) != 0)
            return false;
    } else if (processes != 0) {
        return false;
    }
    const rlimit limit{processes, processes};
    return ::setrlimit(RLIMIT_NPROC, &limit) == 0;
}

// Runs `body` in a forked child and returns its exit code (body's result); -1 if it did not end
// within `timeoutMs` (it is killed then) or died of a signal.
inline int exitCodeInChild(const std::function<int()>& body, int timeoutMs = 30000)
{
    const pid_t pid = ::fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
        ::_exit(body());
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    pollfd exited{pidfd, POLLIN, 0};
    if (pidfd < 0 || ::poll(&exited, 1, timeoutMs) != 1)
        ::kill(pid, SIGKILL);
    if (pidfd >= 0)
        ::close(pidfd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace forkscope::testing
