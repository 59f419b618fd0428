#pragma once

// Splits a byte stream (a worker's stdout and stderr) into lines. A line longer than
// kMaxLineBytes is handed on in pieces, so one chatty process cannot grow the buffer without end.

#include <cstddef>
#include <string>
#include <string_view>

namespace forkscope::scenarios {

class LineBuffer {
public:
    static constexpr std::size_t kMaxLineBytes = 4096;

    // Adds bytes; calls line(std::string_view) for each complete line, without its newline.
    template <class OnLine> void append(std::string_view bytes, OnLine&& line)
    {
        partial_.append(bytes);
        std::size_t begin = 0;
        for (std::size_t nl; (nl = partial_.find('\n', begin)) != std::string::npos; begin = nl + 1)
            line(std::string_view(partial_).substr(begin, nl - begin));
        partial_.erase(0, begin);
        while (partial_.size() >= kMaxLineBytes) {
            line(std::string_view(partial_).substr(0, kMaxLineBytes));
            partial_.erase(0, kMaxLineBytes);
        }
    }
    // At end of stream: the last line, if it had no newline.
    template <class OnLine> void flush(OnLine&& line)
    {
        if (!partial_.empty())
            line(std::string_view(partial_));
        partial_.clear();
    }

private:
    std::string partial_;
};

} // namespace forkscope::scenarios
