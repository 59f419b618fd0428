#include "core/event_merger.h"

#include <algorithm>

namespace forkscope::core {

void EventMerger::add(EventRing* ring)
{
    sources_.push_back(Source{ring, {}, 0});
}

std::size_t EventMerger::pending() const noexcept
{
    std::size_t n = 0;
    for (const auto& s : sources_)
        n += s.buffer.size() - s.next;
    return n;
}

std::uint64_t EventMerger::dropped() const noexcept
{
    std::uint64_t n = 0;
    for (const auto& s : sources_)
        n += s.ring->dropped();
    return n;
}

std::size_t EventMerger::drain(std::uint64_t watermark, const Deliver& deliver)
{
    // Take everything each ring has, in bulk.
    for (auto& s : sources_) {
        if (s.next > 0 && s.next * 2 >= s.buffer.size()) { // drop what was delivered, now and then
            s.buffer.erase(s.buffer.begin(), s.buffer.begin() + static_cast<std::ptrdiff_t>(s.next));
            s.next = 0;
        }
        for (;;) {
            const std::size_t old = s.buffer.size();
            s.buffer.resize(old + 4096);
            const std::size_t n = s.ring->pop(s.buffer.data() + old, 4096);
            s.buffer.resize(old + n);
            if (n < 4096)
                break;
        }
    }
    // k-way merge by time, stopping at the watermark.
    auto later = [this](std::size_t a, std::size_t b) {
        return sources_[a].buffer[sources_[a].next].time > sources_[b].buffer[sources_[b].next].time;
    };
    heap_.clear();
    for (std::size_t i = 0; i < sources_.size(); ++i) {
        if (sources_[i].next < sources_[i].buffer.size())
            heap_.push_back(i);
    }
    std::make_heap(heap_.begin(), heap_.end(), later);
    std::size_t delivered = 0;
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), later);
        Source& s = sources_[heap_.back()];
        // Deliver this source's run of events while it stays the earliest.
        const std::uint64_t limit =
            heap_.size() > 1 ? std::min(watermark, sources_[heap_.front()].buffer[sources_[heap_.front()].next].time) : watermark;
        while (s.next < s.buffer.size() && s.buffer[s.next].time <= limit) {
            deliver(*s.ring, s.buffer[s.next]);
            ++s.next;
            ++delivered;
        }
        if (s.next < s.buffer.size() && s.buffer[s.next].time <= watermark)
            std::push_heap(heap_.begin(), heap_.end(), later);
        else
            heap_.pop_back();
    }
    return delivered;
}

} // namespace forkscope::core
