#include "scenarios/runner/zombie_exit.h"

#include "core/pidfd.h"
#include "core/unique_fd.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <string>
#include <string_view>

namespace forkscope::scenarios {

std::optional<int> exitcode_of_status(int status) noexcept
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return -WTERMSIG(status);
    return std::nullopt;
}

std::optional<int> zombie_exitcode(pid_t pid, int pidfd)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/stat";
    const core::UniqueFd stat(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!stat)
        return std::nullopt;
    // Checked after the open: a process not reaped now was not reaped then, so the entry opened
    // was this process's and not a newer one with its pid. Reading it after a reap fails (ESRCH).
    if (core::pidfd_send_signal(pidfd, 0) != 0)
        return std::nullopt;
    char buffer[4096];
    std::size_t size = 0;
    for (;;) {
        const ssize_t n = ::read(stat.get(), buffer + size, sizeof buffer - size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        size += static_cast<std::size_t>(n);
        if (size == sizeof buffer)
            break;
    }
    const std::string_view text(buffer, size);
    // "pid (comm) state …": comm may hold spaces and parentheses, so fields count from the last ')'.
    const std::size_t close = text.rfind(')');
    if (close == std::string_view::npos)
        return std::nullopt;
    std::string_view rest = text.substr(close + 1);
    constexpr int kStateField = 3, kExitCodeField = 52;
    int status = 0;
    for (int field = kStateField; field <= kExitCodeField; ++field) {
        const std::size_t begin = rest.find_first_not_of(' ');
        if (begin == std::string_view::npos)
            return std::nullopt;
        rest.remove_prefix(begin);
        const std::size_t end = std::min(rest.find_first_of(" \n"), rest.size());
        const std::string_view token = rest.substr(0, end);
        if (field == kStateField && token != "Z")
            return std::nullopt; // still running (or stopped): there is no exit code yet
        if (field == kExitCodeField &&
            std::from_chars(token.data(), token.data() + token.size(), status).ec != std::errc{})
            return std::nullopt;
        rest.remove_prefix(end);
    }
    return exitcode_of_status(status);
}

} // namespace forkscope::scenarios
