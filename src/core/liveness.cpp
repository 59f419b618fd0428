#include "core/liveness.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace forkscope::core {

namespace {
pid_t g_pid = ::getpid();
}

pid_t current_pid() noexcept
{
    return g_pid;
}

void refresh_current_pid() noexcept
{
    g_pid = ::getpid();
}

bool process_has_ended(pid_t pid) noexcept
{
    if (pid <= 0)
        return true;
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return true;
    // kill() succeeds on zombies; /proc tells them apart ("Z" dead, "X" being reaped).
    char path[32];
    std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT;
    char buffer[512];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return true;
    buffer[n] = '\0';
    const char* paren = std::strrchr(buffer, ')');
    return paren && (paren[2] == 'Z' || paren[2] == 'X');
}

} // namespace forkscope::core
