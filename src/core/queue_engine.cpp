#include "core/queue_engine.h"

#include "core/clock.h"
#include "core/futex.h"
#include "core/liveness.h"
#include "core/telemetry.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

namespace forkscope::core::detail {

namespace {

// Slot state word: [lap: 40 bits][phase: 2 bits][owner pid: 22 bits] (Linux pids are < 2^22).
constexpr int kPidBits = 22;
constexpr int kLapShift = kPidBits + 2;
constexpr std::uint64_t kPidMask = (std::uint64_t{1} << kPidBits) - 1;
enum Phase : std::uint64_t { kEmpty = 0, kWriting = 1, kFull = 2, kReading = 3 };

constexpr std::uint64_t pack(std::uint64_t lap, Phase phase, std::uint32_t pid = 0) noexcept
{
    return (lap << kLapShift) | (std::uint64_t{phase} << kPidBits) | (pid & kPidMask);
}
constexpr std::uint64_t lap_of(std::uint64_t state) noexcept
{
    return state >> kLapShift;
}
constexpr Phase phase_of(std::uint64_t state) noexcept
{
    return static_cast<Phase>((state >> kPidBits) & 3);
}
constexpr pid_t pid_of(std::uint64_t state) noexcept
{
    return static_cast<pid_t>(state & kPidMask);
}
// a - b for 40-bit laps, as a signed distance.
constexpr std::int64_t lap_distance(std::uint64_t a, std::uint64_t b) noexcept
{
    return static_cast<std::int64_t>((a - b) << kLapShift) >> kLapShift;
}
static_assert(lap_of(pack(5, kFull, 4194303)) == 5 && phase_of(pack(5, kFull, 7)) == kFull &&
              pid_of(pack(5, kFull, 7)) == 7);
static_assert(lap_distance(0, (std::uint64_t{1} << 40) - 1) == 1, "laps compare across the 40-bit wrap");

constexpr int kSpins = 64; // tries before a caller that cannot wait at all gives up
// How long a caller that can wait tries before it sleeps: about what waking a sleeper takes.
// Sleeping sooner does not save the CPU: the other side, finding nobody to wake, runs ahead,
// fills (or drains) the ring while this side is being scheduled back in, and falls asleep in
// turn; the two then take turns through the scheduler. 1 producer and 1 consumer on a queue of
// 64 moved 6.5 M items/s that way, 24 M/s with this spin.
constexpr std::int64_t kSpinNs = 20'000;
constexpr std::int64_t kSliceNs = 50 * kNsPerMs; // a sleeper looks for dead owners this often
constexpr std::uint32_t kSlotHeader = 16;

} // namespace

struct QueueEngine::Slot {
    std::atomic<std::uint64_t> state;
    std::uint32_t length;
    std::uint32_t reserved;
    [[nodiscard]] unsigned char* payload() noexcept { return reinterpret_cast<unsigned char*>(this) + kSlotHeader; }
};
static_assert(sizeof(std::atomic<std::uint64_t>) == 8 && alignof(std::atomic<std::uint64_t>) == 8);

namespace {

std::uint32_t stride_for(std::uint32_t max_item_bytes)
{
    // Whole cache lines: a producer filling one slot never shares a line with a consumer emptying
    // the next.
    return (kSlotHeader + max_item_bytes + 63) / 64 * 64;
}

} // namespace

QueueEngine::QueueEngine(std::uint64_t capacity, std::uint32_t max_item_bytes, bool joinable)
    : memory_([&] {
          if (capacity < 1 || capacity > kMaxCapacity)
              throw std::invalid_argument("queue capacity must be 1.." + std::to_string(kMaxCapacity) + ", got " +
                                          std::to_string(capacity));
          if (max_item_bytes < 1 || max_item_bytes > kMaxItemBytes)
              throw std::invalid_argument("queue item size must be 1.." + std::to_string(kMaxItemBytes) +
                                          " bytes, got " + std::to_string(max_item_bytes));
          return SharedMemory(sizeof(QueueControl) + capacity * stride_for(max_item_bytes));
      }())
{
    auto* c = new (memory_.data()) QueueControl;
    c->capacity = capacity;
    c->slot_stride = stride_for(max_item_bytes);
    c->max_item_bytes = max_item_bytes;
    c->id = next_object_id();
    c->joinable = joinable;
    if (TelemetrySink* sink = telemetry_sink()) // charts draw the capacity beside the depth
        sink->queue_created(c->id, capacity);
    // Slots stay zero: EMPTY for lap 0, which is what every ticket below `capacity` needs.
}

QueueEngine::Slot& QueueEngine::slot(std::uint64_t ticket) const noexcept
{
    const QueueControl& c = control();
    auto* base = static_cast<unsigned char*>(memory_.data()) + sizeof(QueueControl);
    return *std::launder(reinterpret_cast<Slot*>(base + (ticket % c.capacity) * c.slot_stride));
}

std::atomic<std::uint64_t>& QueueEngine::slot_state(std::uint64_t ticket) const noexcept
{
    return slot(ticket).state;
}

QueueEngine::Attempt QueueEngine::try_put(const void* item, std::uint32_t bytes, std::uint64_t* ticket)
{
    QueueControl& c = control();
    const auto me = static_cast<std::uint32_t>(current_pid());
    for (;;) {
        if (c.closed.load(std::memory_order_relaxed) != 0)
            return Attempt::Closed;
        std::uint64_t h = c.head.load(std::memory_order_acquire);
        const std::uint64_t lap = h / c.capacity;
        Slot& s = slot(h);
        std::uint64_t state = s.state.load(std::memory_order_acquire);
        const std::int64_t d = lap_distance(lap_of(state), lap);
        if (d == 0) {
            if (phase_of(state) == kEmpty) {
                // acquire: the previous lap's reader is done with the payload we overwrite.
                if (!s.state.compare_exchange_strong(state, pack(lap, kWriting, me), std::memory_order_acquire,
                                                     std::memory_order_relaxed))
                    continue;
                c.head.compare_exchange_strong(h, h + 1, std::memory_order_release, std::memory_order_relaxed);
                if (c.joinable)
                    c.unfinished.fetch_add(1, std::memory_order_relaxed); // before anyone can get it
                s.length = bytes;
                if (bytes != 0) // an empty item may come with a null pointer
                    std::memcpy(s.payload(), item, bytes);
                // seq_cst: ordered before notify() reads the waiter count (see there).
                s.state.store(pack(lap, kFull), std::memory_order_seq_cst);
                notify(c.getters);
                *ticket = h;
                return Attempt::Done;
            }
            // Another producer holds ticket h: move head past it for them.
            c.head.compare_exchange_strong(h, h + 1, std::memory_order_release, std::memory_order_relaxed);
            continue;
        }
        if (d < 0) // the slot still holds the previous lap's item
            return phase_of(state) == kReading ? Attempt::InProgress : Attempt::Full;
        // d > 0: head was stale; another producer moved it on.
    }
}

QueueEngine::Attempt QueueEngine::try_get(Sink sink, void* context, std::uint64_t* ticket)
{
    QueueControl& c = control();
    const auto me = static_cast<std::uint32_t>(current_pid());
    for (;;) {
        std::uint64_t t = c.tail.load(std::memory_order_acquire);
        const std::uint64_t lap = t / c.capacity;
        Slot& s = slot(t);
        std::uint64_t state = s.state.load(std::memory_order_acquire);
        const std::int64_t d = lap_distance(lap_of(state), lap);
        if (d == 0) {
            switch (phase_of(state)) {
            case kFull:
                // acquire: pairs with the producer's publishing store; the payload is complete.
                if (!s.state.compare_exchange_strong(state, pack(lap, kReading, me), std::memory_order_acquire,
                                                     std::memory_order_relaxed))
                    continue;
                c.tail.compare_exchange_strong(t, t + 1, std::memory_order_release, std::memory_order_relaxed);
                sink(context, s.payload(), s.length);
                s.state.store(pack(lap + 1, kEmpty), std::memory_order_seq_cst); // see notify()
                notify(c.putters);
                *ticket = t;
                return Attempt::Done;
            case kReading: // another consumer holds ticket t
                c.tail.compare_exchange_strong(t, t + 1, std::memory_order_release, std::memory_order_relaxed);
                continue;
            case kWriting: return Attempt::InProgress;
            case kEmpty:
                if (c.closed.load(std::memory_order_acquire) != 0 && c.head.load(std::memory_order_acquire) <= t)
                    return Attempt::Closed;
                return Attempt::Empty;
            }
        }
        if (d > 0) { // ticket t is done with (or was a lost put): tail was stale
            c.tail.compare_exchange_strong(t, t + 1, std::memory_order_release, std::memory_order_relaxed);
            continue;
        }
        return Attempt::Empty; // the slot's previous lap is still being read: ticket t is not put yet
    }
}

// The waiter increments its count, then re-checks the ring; the notifier changes the ring, then
// reads the count. With both sides seq_cst, one of them sees the other: no lost wake-up, and no
// syscall while nobody sleeps.
//
// Nor while everyone who waits is already woken. A sleeper is in the kernel on a value of `word`
// older than the bump below, so it stays there until a futex_wake() takes it out; the rest see
// the bump, or the item, and do not sleep on the old value. Sleepers in the kernel number at most
// waiting - woken, if `woken` is read after `waiting`: in between, callers can only leave
// (`waiting` read high), say they were woken (`woken` read low), or be woken by another notifier
// (counted in both). Without this, a producer putting into a queue whose consumer was woken but
// has not run yet makes a syscall per item until it does.
void QueueEngine::notify(Sleepers& sleepers) noexcept
{
    const std::uint32_t waiting = sleepers.waiting.load(std::memory_order_seq_cst);
    if (waiting == 0)
        return;
    sleepers.word.fetch_add(1, std::memory_order_seq_cst);
    if (sleepers.woken.load(std::memory_order_seq_cst) >= static_cast<std::int32_t>(waiting))
        return;
    wake(sleepers, 1);
}

void QueueEngine::wake_all(Sleepers& sleepers) noexcept
{
    sleepers.word.fetch_add(1, std::memory_order_seq_cst);
    wake(sleepers, INT_MAX);
}

// Every futex_wake() on a Sleepers word goes through here: `woken` must count each caller a wake
// took out of the kernel, or notify() would skip a wake someone needs.
void QueueEngine::wake(Sleepers& sleepers, int count) noexcept
{
    if (const int n = futex_wake(sleepers.word, count); n > 0)
        sleepers.woken.fetch_add(n, std::memory_order_seq_cst);
}

template <class Try>
QueueEngine::Attempt QueueEngine::wait_for(Try&& attempt, Sleepers& sleepers, bool block, std::int64_t timeout_ns,
                                           std::int64_t* blocked_since)
{
    auto finished = [](Attempt a) { return a == Attempt::Done || a == Attempt::Closed; };
    Attempt a = attempt();
    for (int i = 0; i < kSpins && a == Attempt::InProgress; ++i) { // the other side is a few ns from done
        cpu_relax();
        a = attempt();
    }
    if (finished(a) || !block)
        return a;
    *blocked_since = monotonic_ns();
    const std::int64_t deadline = timeout_ns < 0 ? INT64_MAX : *blocked_since + timeout_ns;
    for (int i = 1; !finished(a); ++i) {
        cpu_relax();
        a = attempt();
        if (i % kSpins == 0 && monotonic_ns() - *blocked_since >= kSpinNs)
            break;
    }
    if (finished(a))
        return a;
    sleepers.waiting.fetch_add(1, std::memory_order_seq_cst);
    for (;;) {
        const std::uint32_t seen = sleepers.word.load(std::memory_order_seq_cst);
        a = attempt();
        if (finished(a))
            break;
        const std::int64_t now = monotonic_ns();
        if (now >= deadline)
            break;
        const FutexSleep why = futex_sleep(sleepers.word, seen, std::min(deadline - now, kSliceNs));
        if (why == FutexSleep::Woken)
            sleepers.woken.fetch_sub(1, std::memory_order_seq_cst);
        else if (why == FutexSleep::TimedOut)
            recover(); // a whole slice without progress: has a process died holding a slot?
    }
    sleepers.waiting.fetch_sub(1, std::memory_order_seq_cst);
    return a;
}

QueueStatus QueueEngine::put(const void* item, std::uint32_t bytes, bool block, std::int64_t timeout_ns)
{
    QueueControl& c = control();
    std::uint64_t ticket = 0;
    std::int64_t blocked_since = 0;
    const Attempt a =
        wait_for([&] { return try_put(item, bytes, &ticket); }, c.putters, block, timeout_ns, &blocked_since);
    if (a == Attempt::Closed)
        return QueueStatus::Closed;
    if (a != Attempt::Done)
        return QueueStatus::Full;
    if (TelemetrySink* sink = telemetry_sink()) [[unlikely]]
        sink->queue_put(c.id, ticket, qsize(), blocked_since ? monotonic_ns() - blocked_since : 0);
    return QueueStatus::Ok;
}

QueueStatus QueueEngine::get(Sink sink, void* context, bool block, std::int64_t timeout_ns)
{
    QueueControl& c = control();
    std::uint64_t ticket = 0;
    std::int64_t blocked_since = 0;
    const Attempt a =
        wait_for([&] { return try_get(sink, context, &ticket); }, c.getters, block, timeout_ns, &blocked_since);
    if (a == Attempt::Closed)
        return QueueStatus::Closed;
    if (a != Attempt::Done)
        return QueueStatus::Empty;
    if (TelemetrySink* telemetry = telemetry_sink()) [[unlikely]]
        telemetry->queue_get(c.id, ticket, qsize(), blocked_since ? monotonic_ns() - blocked_since : 0);
    return QueueStatus::Ok;
}

// As Python's, approximate while puts and gets are in flight but never outside [0, maxsize]; full()
// and empty() build on it, and so does every depth the telemetry reports. head and tail cannot be
// read at once: a caller preempted between the two loads would see head run thousands of tickets
// past tail at full speed. Reading tail again tells whether it moved in between; when it did not,
// h - t is off by at most the gets in flight, which the clamp takes care of.
std::uint64_t QueueEngine::qsize() const noexcept
{
    const QueueControl& c = control();
    std::uint64_t t = c.tail.load(std::memory_order_acquire);
    std::uint64_t h = 0;
    for (int tries = 0; tries < 8; ++tries) {
        h = c.head.load(std::memory_order_acquire);
        const std::uint64_t again = c.tail.load(std::memory_order_acquire);
        if (again == t)
            break;
        t = again;
    }
    return h > t ? std::min(h - t, c.capacity) : 0;
}

void QueueEngine::close() noexcept
{
    QueueControl& c = control();
    c.closed.store(1, std::memory_order_seq_cst);
    wake_all(c.getters);
    wake_all(c.putters);
}

bool QueueEngine::closed() const noexcept
{
    return control().closed.load(std::memory_order_acquire) != 0;
}

std::uint64_t QueueEngine::lost_puts() const noexcept
{
    return control().lost_puts.load(std::memory_order_relaxed);
}

std::uint64_t QueueEngine::lost_gets() const noexcept
{
    return control().lost_gets.load(std::memory_order_relaxed);
}

bool QueueEngine::recover_slot(std::uint64_t ticket, LostItem lost, void* context) noexcept
{
    QueueControl& c = control();
    Slot& s = slot(ticket);
    std::uint64_t state = s.state.load(std::memory_order_acquire);
    const Phase phase = phase_of(state);
    if ((phase != kWriting && phase != kReading) || !process_has_ended(pid_of(state)))
        return false;
    // The payload is read before the slot is freed: once free, the next lap's writer owns it.
    if (lost && phase == kReading)
        lost(context, s.payload(), s.length);
    // A dead writer's ticket becomes a hole the getters skip; a dead reader's slot is freed.
    if (!s.state.compare_exchange_strong(state, pack(lap_of(state) + 1, kEmpty), std::memory_order_acq_rel,
                                         std::memory_order_relaxed))
        return false;
    (phase == kWriting ? c.lost_puts : c.lost_gets).fetch_add(1, std::memory_order_relaxed);
    if (phase == kWriting && c.joinable) {
        // The writer counts its task right after claiming the slot: give the count back, or
        // join() would wait for an item that never arrived. (Dying between the two instructions
        // is the one case this cannot tell apart.)
        std::uint64_t unfinished = c.unfinished.load(std::memory_order_relaxed);
        while (unfinished > 0 &&
               !c.unfinished.compare_exchange_weak(unfinished, unfinished - 1, std::memory_order_acq_rel,
                                                   std::memory_order_relaxed)) {}
        c.join_seq.fetch_add(1, std::memory_order_release);
        futex_wake(c.join_seq);
    }
    if (TelemetrySink* sink = telemetry_sink()) [[unlikely]]
        sink->queue_recovered(c.id, pid_of(state), phase == kReading);
    wake_all(c.getters);
    wake_all(c.putters);
    return true;
}

std::uint32_t QueueEngine::recover() noexcept
{
    QueueControl& c = control();
    // Only two slots can block anyone: the one at tail (a getter waits for its writer) and the
    // one at head (a putter waits for the previous lap's reader).
    std::uint32_t n = recover_slot(c.tail.load(std::memory_order_acquire)) ? 1 : 0;
    n += recover_slot(c.head.load(std::memory_order_acquire)) ? 1 : 0;
    return n;
}

std::uint32_t QueueEngine::recover_reader(pid_t dead, LostItem lost, void* context) noexcept
{
    const QueueControl& c = control();
    std::uint32_t n = 0;
    for (std::uint64_t i = 0; i < c.capacity; ++i) {
        const std::uint64_t state = slot(i).state.load(std::memory_order_acquire);
        if (phase_of(state) == kReading && pid_of(state) == dead)
            n += recover_slot(i, lost, context) ? 1 : 0;
    }
    return n;
}

bool QueueEngine::task_done() noexcept
{
    QueueControl& c = control();
    std::uint64_t unfinished = c.unfinished.load(std::memory_order_relaxed);
    do {
        if (unfinished == 0)
            return false;
    } while (!c.unfinished.compare_exchange_weak(unfinished, unfinished - 1, std::memory_order_acq_rel,
                                                 std::memory_order_relaxed));
    if (unfinished == 1 && c.joiners_waiting.load(std::memory_order_seq_cst) != 0) {
        c.join_seq.fetch_add(1, std::memory_order_release);
        futex_wake(c.join_seq);
    }
    return true;
}

bool QueueEngine::join(std::int64_t timeout_ns)
{
    QueueControl& c = control();
    if (c.unfinished.load(std::memory_order_acquire) == 0)
        return true;
    const std::int64_t deadline = deadline_after(timeout_ns);
    c.joiners_waiting.fetch_add(1, std::memory_order_seq_cst);
    bool done = false;
    for (;;) {
        const std::uint32_t seen = c.join_seq.load(std::memory_order_seq_cst);
        if (c.unfinished.load(std::memory_order_seq_cst) == 0) {
            done = true;
            break;
        }
        const std::int64_t now = monotonic_ns();
        if (now >= deadline)
            break;
        futex_wait(c.join_seq, seen, std::min(deadline - now, kSliceNs));
    }
    c.joiners_waiting.fetch_sub(1, std::memory_order_relaxed);
    return done;
}

std::uint64_t QueueEngine::unfinished_tasks() const noexcept
{
    return control().unfinished.load(std::memory_order_acquire);
}

} // namespace forkscope::core::detail
