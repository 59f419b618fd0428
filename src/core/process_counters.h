#pragma once

// ProcessCounters: what one process did to each queue, lock and pool, counted by the process
// itself in the run's shared memory. Events can be dropped when a ring is full; these counts
// cannot, so every figure that is a count (puts, gets, acquisitions, tasks done) is exact
// whatever the rate. One writer, the process (no read-modify-write needed); any number of
// readers, who see each count as of some recent moment, and as final once the process has
// ended. A process killed at any instruction leaves every count it made up to then.
//
//   [used | counting | untracked ][ object 0: id, kind, 7 counts ][ object 1 ] … [ object 30 ]   2 KiB

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
};
static_assert(sizeof(ProcessCounters) == 64 * (ProcessCounters::kObjects + 1), "laid out in shared memory");

} // namespace forkscope::core
