#include "scenarios/runner/stamped_output.h"

#include "core/clock.h"

#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>

namespace forkscope::scenarios {

namespace {

// fopencookie's write: the bytes stdio hands over (a line, or a buffer's worth), as frames.
ssize_t write_frames(void* cookie, const char* data, std::size_t size)
{
    const int fd = static_cast<int>(reinterpret_cast<std::intptr_t>(cookie));
    std::size_t done = 0;
    while (done < size) {
        const std::size_t n = std::min(size - done, kMaxFramePayload);
        OutputFrameHeader header;
        header.size = static_cast<std::uint32_t>(n);
        header.t_ns = core::monotonic_ns();
        iovec parts[2] = {{&header, sizeof header}, {const_cast<char*>(data + done), n}};
        ssize_t written;
        do {
            written = ::writev(fd, parts, 2); // at most PIPE_BUF bytes: whole, or not at all
        } while (written < 0 && errno == EINTR);
        if (written < 0)
            return done > 0 ? static_cast<ssize_t>(done) : -1;
        done += n;
    }
    return static_cast<ssize_t>(size);
}

FILE* open_stamped(int fd, int buffering)
{
    const cookie_io_functions_t io{nullptr, write_frames, nullptr, nullptr};
    FILE* stream = ::fopencookie(reinterpret_cast<void*>(static_cast<std::intptr_t>(fd)), "w", io);
    if (stream)
        std::setvbuf(stream, nullptr, buffering, buffering == _IONBF ? 0 : BUFSIZ);
    return stream;
}

} // namespace

void stamp_standard_streams() noexcept
{
    std::fflush(nullptr); // nothing the old streams hold may come after the new ones' output
    // glibc's stdout and stderr are variables: printf, puts and perror follow them.
    if (FILE* out = open_stamped(STDOUT_FILENO, _IOLBF))
        stdout = out;
    if (FILE* err = open_stamped(STDERR_FILENO, _IONBF))
        stderr = err;
}

} // namespace forkscope::scenarios
