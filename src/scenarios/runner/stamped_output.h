#pragma once

// A process's output, stamped when it is written. The run's processes write their stdout and
// stderr into a pipe the supervisor reads; a pipe keeps no times, and the supervisor reading it
// may lag behind a process that prints at full speed (2 CPUs, a busy front end). So each process
// writes frames that carry the time of the write:
//
//   [ magic "FSO1" | payload size | CLOCK_MONOTONIC ns ][ payload: up to PIPE_BUF − 16 bytes ]
//
// A frame is one write() of at most PIPE_BUF bytes, which a pipe never splits or interleaves with
// another writer's (stdout and stderr share the pipe). Bytes written some other way (a raw
// write(1, …), std::cout's own buffer) still arrive: they are stamped when read.

#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace forkscope::scenarios {

struct OutputFrameHeader {
    static constexpr std::uint32_t kMagic = 0x314f5346; // "FSO1" in memory order
    std::uint32_t magic = kMagic;
    std::uint32_t size = 0; // payload bytes
    std::int64_t t_ns = 0; // CLOCK_MONOTONIC when written
};
static_assert(sizeof(OutputFrameHeader) == 16);
inline constexpr std::size_t kMaxFramePayload = PIPE_BUF - sizeof(OutputFrameHeader);

// In a freshly forked process whose descriptors 1 and 2 are its output pipe: makes stdout and
// stderr (printf, puts, fprintf(stderr, …)) write stamped frames. stdout stays line-buffered,
// stderr unbuffered.
void stamp_standard_streams() noexcept;

// The reading side: turns a pipe's bytes back into what was written and when.
class OutputFrameReader {
public:
    // Adds bytes read at `read_ns`; calls on_bytes(std::string_view, std::int64_t t_ns) for each
    // complete frame's payload with its time, and for unframed bytes with `read_ns`.
    template <class OnBytes>
    void feed(std::string_view bytes, std::int64_t read_ns, OnBytes&& on_bytes)
    {
        pending_.append(bytes);
        const std::string_view magic(reinterpret_cast<const char*>(&kMagic), sizeof kMagic);
        std::size_t at = 0;
        while (at < pending_.size()) {
            const std::string_view rest = std::string_view(pending_).substr(at);
            if (rest.size() < magic.size()) {
                if (magic.starts_with(rest))
                    break; // perhaps a frame's first bytes
                on_bytes(rest, read_ns);
                at = pending_.size();
                break;
            }
            if (rest.starts_with(magic)) {
                if (rest.size() < sizeof(OutputFrameHeader))
                    break; // the rest of the header is on its way
                OutputFrameHeader header;
                std::memcpy(&header, rest.data(), sizeof header);
                if (header.size <= kMaxFramePayload) {
                    if (rest.size() < sizeof header + header.size)
                        break; // a frame is written whole, but may be read in two parts
                    on_bytes(rest.substr(sizeof header, header.size), header.t_ns);
                    at += sizeof header + header.size;
                    continue;
                }
            }
            // Unframed bytes, up to the next frame; a tail that may begin one waits for more.
            std::size_t raw = rest.find(magic, 1);
            if (raw == std::string_view::npos) {
                std::size_t keep = magic.size() - 1;
                while (keep > 0 && !magic.starts_with(rest.substr(rest.size() - keep)))
                    --keep;
                raw = rest.size() - keep;
            }
            on_bytes(rest.substr(0, raw), read_ns);
            at += raw;
        }
        pending_.erase(0, at);
    }
    // At end of stream: what is left (a frame cut short by the writer's death) is unframed.
    template <class OnBytes>
    void flush(std::int64_t read_ns, OnBytes&& on_bytes)
    {
        if (!pending_.empty())
            on_bytes(std::string_view(pending_), read_ns);
        pending_.clear();
    }

private:
    static constexpr std::uint32_t kMagic = OutputFrameHeader::kMagic;

    std::string pending_;
};

} // namespace forkscope::scenarios
