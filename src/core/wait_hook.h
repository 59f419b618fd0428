#pragma once

namespace forkscope::core {

// Every blocking wait of the core that can be expressed as "until this fd is readable" (join
// waits on a pidfd) goes through wait_readable(). A parent that must keep serving other file
// descriptors while its program blocks — the run supervisor, which reports worker exits and
// output live — installs a WaitHook; everybody else gets a plain poll(2).
class WaitHook {
public:
    virtual ~WaitHook() = default;
    // Blocks until `fd` is readable (true) or `timeout_ms` has passed (false); -1 waits forever.
    virtual bool wait_readable(int fd, int timeout_ms) = 0;
};

// Per process; a forked child starts without one. Not thread-safe (forking processes are
// single-threaded).
void set_wait_hook(WaitHook* hook) noexcept;

[[nodiscard]] bool wait_readable(int fd, int timeout_ms);

// The hook-free wait, for hooks themselves: poll(2) with EINTR handled and the timeout kept.
[[nodiscard]] bool poll_readable(int fd, int timeout_ms);

} // namespace forkscope::core
