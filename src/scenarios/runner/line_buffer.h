#pragma once

// Splits a byte stream (a process's stdout and stderr) into lines, each with the time its last
// byte was written. A line longer than kMaxLineBytes is handed on in pieces, so one chatty process
// cannot grow the buffer without end.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace forkscope::scenarios {

class LineBuffer {
public:
    static constexpr std::size_t kMaxLineBytes = 4096;

    // Adds bytes written at `t_ns`; calls line(std::string_view, std::int64_t t_ns) for each
    // complete line, without its newline.
    template <class OnLine>
    void append(std::string_view bytes, std::int64_t t_ns, OnLine&& line)
    {
        partial_.append(bytes);
        last_ns_ = t_ns;
        std::size_t begin = 0;
        for (std::size_t nl; (nl = partial_.find('\n', begin)) != std::string::npos; begin = nl + 1)
            line(std::string_view(partial_).substr(begin, nl - begin), t_ns);
        partial_.erase(0, begin);
        while (partial_.size() >= kMaxLineBytes) {
            line(std::string_view(partial_).substr(0, kMaxLineBytes), t_ns);
            partial_.erase(0, kMaxLineBytes);
        }
    }
    // At end of stream: the last line, if it had no newline, with the time of its last bytes.
    template <class OnLine>
    void flush(OnLine&& line)
    {
        if (!partial_.empty())
            line(std::string_view(partial_), last_ns_);
        partial_.clear();
    }

private:
    std::string partial_;
    std::int64_t last_ns_ = 0;
};

} // namespace forkscope::scenarios
