#include "core/event_merger.h"

#include <algorithm>

namespace forkscope::core {

TraceEvent* EventMerger::Buffer::reserve_more(std::size_t n)
{
    if (size + n > capacity) {
        const std::size_t grown = std::max(size + n, capacity * 2);
        std::unique_ptr<TraceEvent[]> bigger(new TraceEvent[grown]); // trivially copyable: not zeroed
        std::copy(data.get(), data.get() + size, bigger.get());
        data = std::move(bigger);
        capacity = grown;
    }
    return data.get() + size;
}

void EventMerger::Buffer::erase_front(std::size_t n)
{
    std::copy(data.get() + n, data.get() + size, data.get());
    size -= n;
}

void EventMerger::add(EventRing* ring)
{
    sources_.push_back(Source{ring, {}, 0});
}

std::size_t EventMerger::pending() const noexcept
{
    std::size_t n = 0;
    for (const auto& s : sources_)
        n += s.buffer.size - s.next;
    return n;
}

std::uint64_t EventMerger::dropped() const noexcept
{
    std::uint64_t n = 0;
    for (const auto& s : sources_)
        n += s.ring->dropped();
    return n;
}

std::uint64_t EventMerger::waited_ns() const noexcept
{
    std::uint64_t n = 0;
    for (const auto& s : sources_)
        n += s.ring->waited_ns();
    return n;
}

std::uint64_t EventMerger::refill()
{
    fullest_ = 0;
    std::uint64_t upTo = UINT64_MAX;
    for (auto& s : sources_) {
        if (s.next > 0 && s.next * 2 >= s.buffer.size) { // drop what was delivered, now and then
            s.buffer.erase_front(s.next);
            s.next = 0;
        }
        const std::size_t before = s.buffer.size;
        for (;;) {
            const std::size_t room = kMaxTaken - std::min(kMaxTaken, s.buffer.size - s.next);
            const std::size_t want = std::min<std::size_t>(4096, room);
            const std::size_t n = want ? s.ring->pop(s.buffer.reserve_more(want), want) : 0;
            s.buffer.size += n;
            if (n < 4096) {
                // Left in the ring: events at least as late as the last one taken.
                if (want < 4096 && s.ring->available() > 0 && s.buffer.size > s.next)
                    upTo = std::min(upTo, s.buffer[s.buffer.size - 1].time);
                break;
            }
        }
        fullest_ = std::max(fullest_, static_cast<double>(s.buffer.size - before) / s.ring->capacity());
    }
    return upTo;
}

} // namespace forkscope::core
