#include "core/condition.h"

#include "core/clock.h"
#include "core/futex.h"
#include "core/telemetry.h"

#include <climits>

namespace forkscope::core {

Condition::Condition()
    : own_lock_(std::make_unique<RLock>()), lock_(own_lock_.get()), state_(sizeof(detail::ConditionState))
{}

Condition::Condition(LockBase& lock) : lock_(&lock), state_(sizeof(detail::ConditionState))
{}

void Condition::check_held(const char* what) const
{
    if (!lock_->held())
        throw LockError(std::string("cannot ") + what + " on an un-acquired lock");
}

bool Condition::wait(std::optional<std::chrono::nanoseconds> timeout)
{
    check_held("wait");
    detail::ConditionState& s = *state_;
    // Read the sequence while holding the lock: a notify, which needs the lock, comes after.
    const std::uint32_t seen = s.sequence.load(std::memory_order_acquire);
    s.waiters.fetch_add(1, std::memory_order_relaxed);
    const int depth = lock_->mutex_.release_all();
    const std::int64_t deadline = deadline_after(timeout ? timeout->count() : -1);
    TelemetrySink* sink = telemetry_sink();
    const std::int64_t begin = sink ? monotonic_ns() : 0;
    bool notified = false;
    for (;;) {
        if (s.sequence.load(std::memory_order_acquire) != seen) {
            notified = true;
            break;
        }
        if (!futex_wait_until(s.sequence, seen, deadline))
            break;
    }
    s.waiters.fetch_sub(1, std::memory_order_relaxed);
    if (sink) [[unlikely]]
        sink->waited(WaitKind::Condition, s.id, monotonic_ns() - begin);
    lock_->mutex_.reacquire(depth);
    return notified || s.sequence.load(std::memory_order_acquire) != seen;
}

void Condition::notify(std::uint32_t n)
{
    check_held("notify");
    detail::ConditionState& s = *state_;
    if (s.waiters.load(std::memory_order_relaxed) == 0)
        return;
    s.sequence.fetch_add(1, std::memory_order_release);
    futex_wake(s.sequence, static_cast<int>(std::min<std::uint32_t>(n, INT_MAX)));
}

void Condition::notify_all()
{
    check_held("notify");
    state_->sequence.fetch_add(1, std::memory_order_release);
    futex_wake(state_->sequence);
}

} // namespace forkscope::core
