#pragma once

// The shared-memory ring behind Queue, BytesQueue and JoinableQueue: bounded, multi-producer,
// multi-consumer, and safe against processes that die in the middle of a put or a get.
//
//   control block (own cache lines: head, tail, wait words, counters)
//   slot 0 | slot 1 | … | slot capacity-1      one cache line or more each:
//   [state: lap 40 bits | phase 2 | owner pid 22][length][payload]
//
// Ticket t lives in slot t % capacity, on lap t / capacity; a zero-filled slot is free for lap 0,
// so a large ring costs nothing until used. A producer claims ticket `head` by CASing its slot
// from EMPTY(lap) to WRITING(lap, pid), copies the item, then publishes FULL(lap). A consumer
// claims `tail` by CASing FULL(lap) to READING(lap, pid), copies the item out, then frees the
// slot for the next lap: EMPTY(lap + 1). head and tail only ever move forward, helped along by whoever sees them
// lag. A process that dies holding a slot leaves its pid in it: a waiter that finds the owner
// gone turns a WRITING slot into a skipped hole (the put never happened) and a READING slot into
// a free one (the item went with its reader), and counts both.

#include "core/shared_memory.h"

#include <sys/types.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace forkscope::core::detail {

// The callers that sleep for one side of the ring (getters for an item, putters for a slot).
// `word` is the futex word, bumped only when someone sleeps on it (see QueueEngine::notify).
// `waiting` counts callers from announcing themselves until they leave; `woken` the ones a
// futex_wake() took out of the kernel that have not yet said so. When every waiting caller is
// already woken, nobody sleeps on the old value and a waker skips the syscall.
struct alignas(64) Sleepers {
    std::atomic<std::uint32_t> word{0};
    std::atomic<std::uint32_t> waiting{0};
    std::atomic<std::int32_t> woken{0}; // may dip below 0 for a moment: a wakee can say so first
};

struct alignas(64) QueueControl {
    alignas(64) std::atomic<std::uint64_t> head{0}; // next ticket to put
    alignas(64) std::atomic<std::uint64_t> tail{0}; // next ticket to get
    Sleepers getters; // woken when an item is published
    Sleepers putters; // woken when a slot is freed
    alignas(64) std::atomic<std::uint32_t> closed{0};
    std::atomic<std::uint32_t> join_seq{0};
    std::atomic<std::uint32_t> joiners_waiting{0};
    std::atomic<std::uint64_t> unfinished{0}; // JoinableQueue: puts not yet task_done()
    std::atomic<std::uint64_t> lost_puts{0};
    std::atomic<std::uint64_t> lost_gets{0};
    std::uint64_t capacity = 0;
    std::uint32_t slot_stride = 0;
    std::uint32_t max_item_bytes = 0;
    std::uint32_t id = 0;
    bool joinable = false;

    QueueControl() = default;
    QueueControl(const QueueControl&) = delete; // lives in shared memory: never copied
    QueueControl& operator=(const QueueControl&) = delete;
};

static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
static_assert(sizeof(QueueControl) % 64 == 0, "slots start on a cache line");

enum class QueueStatus { Ok, Full, Empty, Closed };

struct QueueEngineTestAccess;

class QueueEngine {
public:
    // capacity: 1..kMaxCapacity slots; max_item_bytes: 1..kMaxItemBytes.
    QueueEngine(std::uint64_t capacity, std::uint32_t max_item_bytes, bool joinable);

    static constexpr std::uint64_t kMaxCapacity = std::uint64_t{1} << 24;
    static constexpr std::uint32_t kMaxItemBytes = 1 << 16;

    // timeout_ns < 0: wait as long as it takes. Full/Empty only when not blocking or timed out.
    QueueStatus put(const void* item, std::uint32_t bytes, bool block, std::int64_t timeout_ns);
    // The item is handed to `sink` while its slot is held, so callers copy exactly its length.
    using Sink = void (*)(void* context, const void* item, std::uint32_t bytes);
    QueueStatus get(Sink sink, void* context, bool block, std::int64_t timeout_ns);

    [[nodiscard]] std::uint64_t qsize() const noexcept;
    [[nodiscard]] std::uint64_t capacity() const noexcept { return control().capacity; }
    [[nodiscard]] std::uint32_t max_item_bytes() const noexcept { return control().max_item_bytes; }
    [[nodiscard]] std::uint32_t id() const noexcept { return control().id; }
    void close() noexcept;
    [[nodiscard]] bool closed() const noexcept;
    [[nodiscard]] std::uint64_t lost_puts() const noexcept;
    [[nodiscard]] std::uint64_t lost_gets() const noexcept;

    // JoinableQueue. task_done() returns false when called more times than items were got.
    [[nodiscard]] bool task_done() noexcept;
    bool join(std::int64_t timeout_ns);
    [[nodiscard]] std::uint64_t unfinished_tasks() const noexcept;

    // Frees slots held by processes that have ended; returns how many. Waiters call it on their
    // own every slice; exposed for tests and for supervisors that know a worker just died.
    std::uint32_t recover() noexcept;
    // For an owner that knows `dead` has ended (a pool whose worker died): every slot it was
    // reading is handed to `lost` (its item is intact: readers only copy out) and freed, counted
    // in lost_gets() like recover() does. Returns how many. Scans the whole ring.
    using LostItem = void (*)(void* context, const void* item, std::uint32_t bytes);
    std::uint32_t recover_reader(pid_t dead, LostItem lost, void* context) noexcept;

private:
    friend struct QueueEngineTestAccess; // stages "died mid-put/get" states deterministically
    struct Slot;
    enum class Attempt { Done, Full, Empty, InProgress, Closed };

    [[nodiscard]] QueueControl& control() const noexcept { return *static_cast<QueueControl*>(memory_.data()); }
    [[nodiscard]] Slot& slot(std::uint64_t ticket) const noexcept;
    [[nodiscard]] std::atomic<std::uint64_t>& slot_state(std::uint64_t ticket) const noexcept;
    Attempt try_put(const void* item, std::uint32_t bytes, std::uint64_t* ticket);
    Attempt try_get(Sink sink, void* context, std::uint64_t* ticket);
    // Retries `attempt` (spinning, then sleeping as one of `sleepers`) until it is done,
    // closed, or the deadline passes. Sets *blocked_since when it had to wait.
    template <class Try>
    Attempt wait_for(Try&& attempt, Sleepers& sleepers, bool block, std::int64_t timeout_ns,
                     std::int64_t* blocked_since);
    static void notify(Sleepers& sleepers) noexcept; // one of them, if any sleeps
    static void wake_all(Sleepers& sleepers) noexcept;
    static void wake(Sleepers& sleepers, int count) noexcept; // up to `count`, counted in `woken`
    bool recover_slot(std::uint64_t ticket, LostItem lost = nullptr, void* context = nullptr) noexcept;

    SharedMemory memory_;
};

} // namespace forkscope::core::detail
