#include "scenarios/runner/process_setup.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace forkscope::scenarios {

void die_with_parent(pid_t expected_parent) noexcept
{
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != expected_parent)
        ::_exit(128 + SIGKILL);
}

void close_fds_except(std::initializer_list<int> keep) noexcept
{
    std::vector<int> sorted(keep);
    std::sort(sorted.begin(), sorted.end());
    unsigned first = 3;
    for (int fd : sorted) {
        if (fd < 3 || static_cast<unsigned>(fd) < first)
            continue;
        if (static_cast<unsigned>(fd) > first)
            ::close_range(first, static_cast<unsigned>(fd) - 1, 0);
        first = static_cast<unsigned>(fd) + 1;
    }
    ::close_range(first, UINT_MAX, 0);
}

void reset_signals() noexcept
{
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig : {SIGCHLD, SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT})
        ::signal(sig, SIG_DFL);
}

void redirect_to_dev_null(int target_fd) noexcept
{
    const int fd = ::open("/dev/null", target_fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
    if (fd < 0)
        return;
    if (fd != target_fd) {
        ::dup2(fd, target_fd);
        ::close(fd);
    }
}

std::string temporary_folder_pattern(std::string_view name)
{
    const char* tmp = std::getenv("TMPDIR");
    return std::string(tmp && *tmp ? tmp : "/tmp") + "/" + std::string(name) + "-XXXXXX";
}

void raise_fd_limit() noexcept
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

FileSizeLimitLift::FileSizeLimitLift() noexcept
{
    if (::getrlimit(RLIMIT_FSIZE, &saved_) == 0 && saved_.rlim_cur < saved_.rlim_max) {
        const rlimit lifted{saved_.rlim_max, saved_.rlim_max};
        lifted_ = ::setrlimit(RLIMIT_FSIZE, &lifted) == 0;
    }
}

FileSizeLimitLift::~FileSizeLimitLift()
{
    if (lifted_)
        ::setrlimit(RLIMIT_FSIZE, &saved_);
}

int thread_count() noexcept
{
    FILE* status = std::fopen("/proc/self/status", "re");
    if (!status)
        return 0;
    char line[256];
    int threads = 0;
    while (std::fgets(line, sizeof line, status)) {
        if (std::strncmp(line, "Threads:", 8) == 0) {
            threads = std::atoi(line + 8);
            break;
        }
    }
    std::fclose(status);
    return threads;
}

} // namespace forkscope::scenarios
