#pragma once

namespace forkscope::core {

// Blocks until `fd` is readable (true) or `timeout_ms` has passed (false); -1 waits forever.
// poll(2) with EINTR handled and the timeout kept across interruptions. POLLHUP and POLLERR also
// end the wait: the caller's read tells which.
[[nodiscard]] bool poll_readable(int fd, int timeout_ms);

} // namespace forkscope::core
