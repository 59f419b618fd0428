#pragma once

// EventMerger: the collector's side of the rings. Each drain() takes what every ring holds and
// hands on, in time order, the events no ring can still precede: those older than the watermark
// the caller passes (a little before "now": a worker may be preempted between taking a
// timestamp and publishing its event). The final drain passes UINT64_MAX and flushes everything.
//
//   EventMerger merger;
//   merger.add(ring);                               // any time, e.g. as workers start
//   merger.drain(EventClock::now() - slack, [](const EventRing& from, const TraceEvent& e) { … });

#include "core/event_ring.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace forkscope::core {

class EventMerger {
public:
    using Deliver = std::function<void(const EventRing& from, const TraceEvent& event)>;

    void add(EventRing* ring);
    // Returns how many events it delivered.
    std::size_t drain(std::uint64_t watermark, const Deliver& deliver);
    [[nodiscard]] std::size_t rings() const noexcept { return sources_.size(); }
    [[nodiscard]] std::size_t pending() const noexcept; // taken from rings, not delivered yet
    [[nodiscard]] std::uint64_t dropped() const noexcept; // by all writers, rings full

private:
    struct Source {
        EventRing* ring;
        std::vector<TraceEvent> buffer; // in time order: one writer, one clock
        std::size_t next = 0;      // first not yet delivered
    };
    std::vector<Source> sources_;
    std::vector<std::size_t> heap_; // source indices, earliest next event on top
};

} // namespace forkscope::core
