#pragma once

// ProcessCounters: what one process did to each queue, lock and pool, counted by the process
// itself in the run's shared memory. Events can be dropped when a ring is full; these counts
// cannot, so every figure that is a count (puts, gets, acquisitions, tasks done) is exact
// whatever the rate. One writer, the process (no read-modify-write needed); any number of
// readers, who see each count as of some recent moment, and as final once the process has
// ended. A process killed at any instruction leaves every count it made up to then.
//
// Durations go into SharedHistograms beside the counts, two for each of the first eight objects
// (a queue's blocked puts and gets, a lock's waits and holds, a pool's task times): the tables'
// percentiles are exact too. Time in each worker state is kept the same way.
//
//   [used | counting | untracked ][ object 0: id, kind, 7 counts ][ object 1 ] … [ object 30 ]   2 KiB
//   [time in each state | the state now, since when | untimed ]                                128 B
//   [object 0: 2 histograms][ object 1 ] … [ object 7 ]                                        161 KiB
// Pages are touched only as they are written: a process with one queue uses about 24 KiB.

#include "core/shared_histogram.h"
#include "core/trace_event.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace forkscope::core {

enum class CountedKind : std::uint32_t { Queue = 1, Lock = 2, Tasks = 3 };

// The counts of each kind, as indices into ObjectCounts::n.
namespace counted {
enum Queue : std::size_t { Puts, Gets, BlockedPuts, BlockedGets, LostPuts, LostGets };
enum Lock : std::size_t { Acquisitions, Contended, OwnerDied };
enum Tasks : std::size_t { Done, Failed }; // Done: every task that ended, failed ones too
// The histograms of each kind, as indices into ProcessCounters::histogram()'s second argument.
enum QueueTimes : std::size_t { PutBlockedNs, GetBlockedNs };
enum LockTimes : std::size_t { WaitNs, HoldNs };
enum TaskTimes : std::size_t { TaskNs };
} // namespace counted

struct alignas(64) ObjectCounts {
    static constexpr std::size_t kCounts = 7;
    std::atomic<std::uint32_t> object{0};
    std::atomic<CountedKind> kind{};
    std::atomic<std::uint64_t> n[kCounts]{};

    // Writer: one more of count `field`.
    void add(std::size_t field, std::uint64_t by = 1) noexcept
    {
        n[field].store(n[field].load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
    }
    [[nodiscard]] std::uint64_t get(std::size_t field) const noexcept
    {
        return n[field].load(std::memory_order_relaxed);
    }
};
static_assert(sizeof(ObjectCounts) == 64, "one cache line per object");
static_assert(std::atomic<CountedKind>::is_always_lock_free && std::atomic<std::uint64_t>::is_always_lock_free);

class alignas(64) ProcessCounters {
public:
    static constexpr std::size_t kObjects = 31;
    static constexpr std::size_t kTimed = 8; // the first objects, which also get histograms
    static constexpr std::size_t kStates = 8; // WorkerState's values, with room to spare

    // The slot `counts` is in (it came from find_or_add()).
    [[nodiscard]] std::size_t slot_of(const ObjectCounts* counts) const noexcept
    {
        return static_cast<std::size_t>(counts - objects_);
    }
    // Histogram `which` of the object in slot `slot`, or nullptr past the timed slots (the
    // durations of such an object are then only in the events: untimed() counts them).
    SharedHistogram* histogram(std::size_t slot, std::size_t which) noexcept
    {
        return slot < kTimed ? &histograms_[slot][which] : nullptr;
    }
    [[nodiscard]] const SharedHistogram* histogram(std::size_t slot, std::size_t which) const noexcept
    {
        return slot < kTimed ? &histograms_[slot][which] : nullptr;
    }
    // Writer: a duration that had no histogram.
    void count_untimed() noexcept
    {
        untimed_.store(untimed_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
    [[nodiscard]] std::uint64_t untimed() const noexcept { return untimed_.load(std::memory_order_relaxed); }

    // Writer: the process entered `state` at `ticks` (EventClock): the time since the last change
    // goes to the state it leaves.
    void enter_state(WorkerState state, std::uint64_t ticks) noexcept
    {
        const std::uint32_t now = state_.load(std::memory_order_relaxed);
        if (now < kStates) {
            auto& t = state_ticks_[now];
            t.store(t.load(std::memory_order_relaxed) + (ticks - state_since_.load(std::memory_order_relaxed)),
                    std::memory_order_relaxed);
        }
        state_since_.store(ticks, std::memory_order_relaxed);
        state_.store(static_cast<std::uint32_t>(state) < kStates ? static_cast<std::uint32_t>(state) : kNoState,
                     std::memory_order_relaxed);
    }
    // Reader: EventClock ticks spent in `state`, up to the last change; the state the process is
    // in since state_since() (kNoState before the first) is not in it yet.
    [[nodiscard]] std::uint64_t state_ticks(std::size_t state) const noexcept
    {
        return state_ticks_[state].load(std::memory_order_relaxed);
    }
    [[nodiscard]] std::uint32_t state() const noexcept { return state_.load(std::memory_order_relaxed); }
    [[nodiscard]] std::uint64_t state_since() const noexcept { return state_since_.load(std::memory_order_relaxed); }
    static constexpr std::uint32_t kNoState = 0xffffffff;

    // Writer: the counts of `object`, a slot taken for it on first use; nullptr when all slots
    // are taken (the update is then counted in untracked(), and the figures built on it are not
    // exact: the front end says so).
    ObjectCounts* find_or_add(CountedKind kind, std::uint32_t object) noexcept
    {
        const std::uint32_t used = used_.load(std::memory_order_relaxed); // only we write it
        for (std::uint32_t i = 0; i < used; ++i) {
            ObjectCounts& o = objects_[i];
            if (o.object.load(std::memory_order_relaxed) == object && o.kind.load(std::memory_order_relaxed) == kind)
                return &o;
        }
        if (used == kObjects) {
            untracked_.store(untracked_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
            return nullptr;
        }
        ObjectCounts& o = objects_[used];
        o.object.store(object, std::memory_order_relaxed);
        o.kind.store(kind, std::memory_order_relaxed);
        used_.store(used + 1, std::memory_order_release); // publishes the slot: its counts are 0
        return &o;
    }

    // Writer: this process counts from now on. Until then its ring's events are all there is
    // (a synthetic writer in a benchmark, a process that wrote no telemetry).
    void start_counting() noexcept { counting_.store(1, std::memory_order_release); }

    // Reader.
    [[nodiscard]] bool counting() const noexcept { return counting_.load(std::memory_order_acquire) != 0; }
    [[nodiscard]] std::uint32_t used() const noexcept
    {
        const std::uint32_t n = used_.load(std::memory_order_acquire);
        return n < kObjects ? n : static_cast<std::uint32_t>(kObjects);
    }
    [[nodiscard]] const ObjectCounts& object(std::uint32_t index) const noexcept { return objects_[index]; }
    [[nodiscard]] std::uint64_t untracked() const noexcept { return untracked_.load(std::memory_order_relaxed); }

private:
    std::atomic<std::uint32_t> used_{0};
    std::atomic<std::uint32_t> counting_{0};
    std::atomic<std::uint64_t> untracked_{0};
    alignas(64) ObjectCounts objects_[kObjects];
    alignas(64) std::atomic<std::uint64_t> state_ticks_[kStates]{};
    alignas(64) std::atomic<std::uint64_t> state_since_{0};
    std::atomic<std::uint64_t> untimed_{0};
    std::atomic<std::uint32_t> state_{kNoState};
    alignas(64) SharedHistogram histograms_[kTimed][2];
};
static_assert(static_cast<std::size_t>(WorkerState::Done) < ProcessCounters::kStates);
static_assert(sizeof(ProcessCounters) == 64 * (ProcessCounters::kObjects + 1) + 64 + 64 +
                                             sizeof(SharedHistogram) * 2 * ProcessCounters::kTimed,
              "laid out in shared memory");

} // namespace forkscope::core
