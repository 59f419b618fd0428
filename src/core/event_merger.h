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

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace forkscope::core {

class EventMerger {
public:
    void add(EventRing* ring);
    // Calls deliver(const EventRing& from, const TraceEvent& event) for each event, in time
    // order; returns how many events it delivered. A template: one indirect call per event
    // would cost a fifth of the collector's time.
    template <class Deliver>
    std::size_t drain(std::uint64_t watermark, Deliver&& deliver)
    {
        std::size_t delivered = 0;
        for (;;) {
            // A ring that still holds events past what was taken may hold some older than the
            // other rings' next ones: merge no further than its last event taken.
            const std::uint64_t upTo = std::min(watermark, refill());
            const std::size_t n = merge(upTo, deliver);
            delivered += n;
            // The final drain takes everything; otherwise the rest waits for the next drain.
            if (watermark != UINT64_MAX || upTo == UINT64_MAX || n == 0)
                return delivered;
        }
    }
    [[nodiscard]] std::size_t rings() const noexcept { return sources_.size(); }
    [[nodiscard]] std::size_t pending() const noexcept; // taken from rings, not delivered yet
    [[nodiscard]] std::uint64_t dropped() const noexcept; // by all writers, rings full
    [[nodiscard]] std::uint64_t waited_ns() const noexcept; // by all writers, for room
    // The largest share of a ring's capacity that the last drain found in it (0..1): how close
    // that drain came to being too late. The collector drains sooner when it is high.
    [[nodiscard]] double fullest() const noexcept { return fullest_; }
    // Events taken from one ring and not yet delivered, at most: the rest stays in the ring,
    // whose memory is there anyway, instead of growing this side's (4 MiB a ring at most).
    static constexpr std::size_t kMaxTaken = std::size_t{1} << 17;

private:
    template <class Deliver>
    std::size_t merge(std::uint64_t watermark, Deliver& deliver)
    {
        // k-way merge by time, stopping at the watermark.
        auto later = [this](std::size_t a, std::size_t b) {
            return sources_[a].buffer[sources_[a].next].time > sources_[b].buffer[sources_[b].next].time;
        };
        heap_.clear();
        for (std::size_t i = 0; i < sources_.size(); ++i) {
            if (sources_[i].next < sources_[i].buffer.size)
                heap_.push_back(i);
        }
        std::make_heap(heap_.begin(), heap_.end(), later);
        std::size_t delivered = 0;
        while (!heap_.empty()) {
            std::pop_heap(heap_.begin(), heap_.end(), later);
            Source& s = sources_[heap_.back()];
            // This source's run of events, while it stays the earliest.
            const std::uint64_t limit =
                heap_.size() > 1
                    ? std::min(watermark, sources_[heap_.front()].buffer[sources_[heap_.front()].next].time)
                    : watermark;
            while (s.next < s.buffer.size && s.buffer[s.next].time <= limit) {
                deliver(*s.ring, s.buffer[s.next]);
                ++s.next;
                ++delivered;
            }
            if (s.next < s.buffer.size && s.buffer[s.next].time <= watermark)
                std::push_heap(heap_.begin(), heap_.end(), later);
            else
                heap_.pop_back();
        }
        return delivered;
    }
    // Takes what every ring holds, up to kMaxTaken undelivered each; returns the time of the
    // last event taken from a ring that still holds more (UINT64_MAX if none does).
    std::uint64_t refill();

    // Events taken from a ring, not yet delivered. A vector would zero every slot it grows
    // into before the ring's events are copied over it: at millions of events a second, a
    // tenth of the collector's time.
    struct Buffer {
        std::unique_ptr<TraceEvent[]> data;
        std::size_t size = 0;
        std::size_t capacity = 0;
        [[nodiscard]] const TraceEvent& operator[](std::size_t i) const { return data[i]; }
        // Room for `n` more after size(), keeping what is there.
        TraceEvent* reserve_more(std::size_t n);
        void erase_front(std::size_t n); // the first n go
    };
    struct Source {
        EventRing* ring;
        Buffer buffer; // in time order: one writer, one clock
        std::size_t next = 0; // first not yet delivered
    };
    std::vector<Source> sources_;
    std::vector<std::size_t> heap_; // source indices, earliest next event on top
    double fullest_ = 0;
};

} // namespace forkscope::core
