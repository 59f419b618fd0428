#include "core/poll.h"

#include "core/clock.h"
#include "core/errors.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>

namespace forkscope::core {

bool poll_readable(int fd, int timeout_ms)
{
    const std::int64_t deadline = monotonic_ns() + std::int64_t{timeout_ms} * kNsPerMs;
    for (;;) {
        int remaining = -1;
        if (timeout_ms >= 0)
            remaining =
                static_cast<int>(std::max<std::int64_t>(0, (deadline - monotonic_ns() + kNsPerMs - 1) / kNsPerMs));
        pollfd pfd{fd, POLLIN, 0};
        const int n = ::poll(&pfd, 1, remaining);
        if (n > 0)
            return true;
        if (n == 0)
            return false;
        if (errno != EINTR)
            throw_errno("poll");
    }
}

} // namespace forkscope::core
