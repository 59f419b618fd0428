#pragma once

// Small POSIX steps that the fork server, the supervisors and the workers take right after fork().

#include <sys/resource.h>
#include <sys/types.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace forkscope::scenarios {

// Asks for SIGKILL when the parent dies; leaves at once if it already has.
void die_with_parent(pid_t expected_parent) noexcept;

// Closes every descriptor from 3 up except the ones listed.
void close_fds_except(std::initializer_list<int> keep) noexcept;

// Unblocks every signal and restores the default action of those a parent may have changed.
void reset_signals() noexcept;

// "$TMPDIR/<name>-XXXXXX" (/tmp when TMPDIR is unset or empty): a pattern for mkdtemp().
[[nodiscard]] std::string temporary_folder_pattern(std::string_view name);

// Points `target_fd` (0, 1 or 2) at /dev/null.
void redirect_to_dev_null(int target_fd) noexcept;

// Raises the soft limit on open descriptors to the hard one (a supervisor holds two per worker).
void raise_fd_limit() noexcept;

// Raises the soft limit on file sizes (RLIMIT_FSIZE) to the hard one while it lives, then puts it
// back: a memfd is memory, yet it grows like a file, and a user's `ulimit -f` must not cost a run
// its telemetry. The workers, forked after, keep the user's limit.
class FileSizeLimitLift {
public:
    FileSizeLimitLift() noexcept;
    ~FileSizeLimitLift();
    FileSizeLimitLift(const FileSizeLimitLift&) = delete;
    FileSizeLimitLift& operator=(const FileSizeLimitLift&) = delete;

private:
    rlimit saved_{};
    bool lifted_ = false;
};

// Number of threads of this process, from /proc/self/status; 0 if it cannot be read.
[[nodiscard]] int thread_count() noexcept;

} // namespace forkscope::scenarios
