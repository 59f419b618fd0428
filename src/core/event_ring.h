#pragma once

// EventRing: one worker's telemetry events, a single-producer single-consumer ring in memory
// shared with the collector (rigtorp/SPSCQueue's design: each side caches the other's index).
//
//   writer (the worker):   ring.push(event)  — waits a little for room when full, then drops
//   reader (the collector): n = ring.pop(buffer, max)
//
// A full ring means the reader fell behind: on two cores, four workers at full speed can starve
// it. Rather than lose the event, the writer sleeps in 50 µs steps, handing its core to the
// reader, for up to 100 ms (counted in waited_ns(): telemetry's cost to the program, shown to the
// user). A reader gone for longer (stopped, killed) costs each writer one such wait: from then on
// it drops at once, counted, until the reader makes room again.
//
// Events live in memory the run's parent owns, so a worker killed at any instruction loses
// nothing it had published; an event it was half way through writing is simply not there.
// Once the writer is dead, another process may take its place (the supervisor writes the dead
// worker's ProcessExit last): the death orders the old writer's last push before the new one's.
//
//   [header: head | cached tail | dropped ][ tail | cached head ][ pid, worker, capacity ]
//   [events: capacity × 32 bytes ……………………………………………………………………………………………… ]

#include "core/clock.h"
#include "core/trace_event.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>

namespace forkscope::core {

class EventRing {
public:
    // Bytes of shared memory a ring of `capacity` events needs (capacity: a power of two).
    [[nodiscard]] static constexpr std::size_t bytes_for(std::uint32_t capacity) noexcept
    {
        return sizeof(EventRing) + std::size_t{capacity} * sizeof(TraceEvent);
    }

    EventRing(std::uint32_t capacity, std::int32_t pid, std::uint32_t worker) noexcept
        : pid_(pid), capacity_(capacity), mask_(capacity - 1), worker_(worker)
    {}
    EventRing(const EventRing&) = delete; // lives in shared memory: never copied or moved
    EventRing& operator=(const EventRing&) = delete;

    // Writer side.
    bool push(const TraceEvent& event) noexcept
    {
        const std::uint64_t head = head_.load(std::memory_order_relaxed); // only we write it
        if (head - cached_tail_ >= capacity_) {
            cached_tail_ = tail_.load(std::memory_order_acquire); // the reader's progress
            if (head - cached_tail_ < capacity_)
                stalled_ = false;
            else if (!wait_for_room(head)) {
                dropped_.store(dropped_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
                return false;
            }
        }
        events()[head & mask_] = event;
        head_.store(head + 1, std::memory_order_release); // publishes the event
        return true;
    }

    // Writer side: whether push() would take an event now, without counting a drop if not.
    [[nodiscard]] bool has_room() noexcept
    {
        const std::uint64_t head = head_.load(std::memory_order_relaxed); // only we write it
        if (head - cached_tail_ < capacity_)
            return true;
        cached_tail_ = tail_.load(std::memory_order_acquire); // the reader's progress
        return head - cached_tail_ < capacity_;
    }

    // Reader side: copies up to `max` events in order; returns how many.
    std::size_t pop(TraceEvent* out, std::size_t max) noexcept
    {
        const std::uint64_t tail = tail_.load(std::memory_order_relaxed); // only we write it
        if (cached_head_ - tail < max) // we may know of fewer than asked for: look again
            cached_head_ = head_.load(std::memory_order_acquire);
        std::size_t n = static_cast<std::size_t>(cached_head_ - tail);
        if (n > max)
            n = max;
        for (std::size_t i = 0; i < n; ++i)
            out[i] = events()[(tail + i) & mask_];
        tail_.store(tail + n, std::memory_order_release); // the slots are free again
        return n;
    }

    [[nodiscard]] std::uint64_t written() const noexcept { return head_.load(std::memory_order_acquire); }
    // Reader side: events published and not popped yet.
    [[nodiscard]] std::uint64_t available() const noexcept
    {
        return head_.load(std::memory_order_acquire) - tail_.load(std::memory_order_relaxed);
    }
    [[nodiscard]] std::uint64_t dropped() const noexcept { return dropped_.load(std::memory_order_relaxed); }
    // How long the writer waited for room, in ns (CLOCK_MONOTONIC).
    [[nodiscard]] std::uint64_t waited_ns() const noexcept { return waited_ns_.load(std::memory_order_relaxed); }
    static constexpr std::int64_t kMaxWaitNs = 100'000'000;
    static constexpr std::int64_t kWaitStepNs = 50'000;
    [[nodiscard]] std::uint32_t capacity() const noexcept { return capacity_; }
    [[nodiscard]] std::int32_t pid() const noexcept { return pid_.load(std::memory_order_acquire); }
    // The writer sets it once it knows it (a ring may be handed out before its process exists).
    void set_pid(std::int32_t pid) noexcept { pid_.store(pid, std::memory_order_release); }
    [[nodiscard]] std::uint32_t worker() const noexcept { return worker_; }

private:
    TraceEvent* events() noexcept { return std::launder(reinterpret_cast<TraceEvent*>(this + 1)); }

    // The ring is full: sleep until the reader makes room for the event at `head`, up to
    // kMaxWaitNs; false (and stalled_) if it did not.
    [[gnu::noinline, gnu::cold]] bool wait_for_room(std::uint64_t head) noexcept
    {
        if (stalled_)
            return false;
        const std::int64_t start = monotonic_ns();
        std::int64_t now = start;
        bool room = false;
        while (!room && now - start < kMaxWaitNs) {
            const timespec step = to_timespec(kWaitStepNs);
            ::nanosleep(&step, nullptr);
            cached_tail_ = tail_.load(std::memory_order_acquire);
            room = head - cached_tail_ < capacity_;
            now = monotonic_ns();
        }
        waited_ns_.store(waited_ns_.load(std::memory_order_relaxed) + static_cast<std::uint64_t>(now - start),
                         std::memory_order_relaxed);
        stalled_ = !room;
        return room;
    }

    // Writer's cache line.
    alignas(64) std::atomic<std::uint64_t> head_{0};
    std::uint64_t cached_tail_ = 0;
    std::atomic<std::uint64_t> dropped_{0};
    std::atomic<std::uint64_t> waited_ns_{0};
    bool stalled_ = false; // the last wait for room ran out: drop until the reader comes back
    // Reader's cache line.
    alignas(64) std::atomic<std::uint64_t> tail_{0};
    std::uint64_t cached_head_ = 0;
    // Fixed at creation, but for the pid.
    alignas(64) std::atomic<std::int32_t> pid_;
    std::uint32_t capacity_;
    std::uint32_t mask_;
    std::uint32_t worker_;
};

static_assert(sizeof(EventRing) % 64 == 0, "events start on a cache line");
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);

} // namespace forkscope::core
