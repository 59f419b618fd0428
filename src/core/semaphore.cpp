#include "core/semaphore.h"

#include "core/clock.h"
#include "core/futex.h"
#include "core/telemetry.h"

namespace forkscope::core {

bool Semaphore::acquire(bool block, std::optional<std::chrono::nanoseconds> timeout)
{
    detail::SemaphoreState& s = *state_;
    const std::int64_t deadline = deadline_after(timeout ? timeout->count() : -1);
    std::int64_t blocked_since = 0;
    for (;;) {
        std::uint32_t v = s.value.load(std::memory_order_relaxed);
        while (v > 0) {
            if (s.value.compare_exchange_weak(v, v - 1, std::memory_order_acquire, std::memory_order_relaxed)) {
                if (TelemetrySink* sink = telemetry_sink(); sink && blocked_since) [[unlikely]]
                    sink->waited(WaitKind::Semaphore, s.id, monotonic_ns() - blocked_since);
                return true;
            }
        }
        if (!block)
            return false;
        if (!blocked_since && telemetry_sink()) [[unlikely]]
            blocked_since = monotonic_ns();
        // Register, then re-check, then sleep: release() bumps the value before it reads waiters.
        s.waiters.fetch_add(1, std::memory_order_seq_cst);
        const bool in_time = s.value.load(std::memory_order_seq_cst) != 0 || futex_wait_until(s.value, 0, deadline);
        s.waiters.fetch_sub(1, std::memory_order_relaxed);
        if (!in_time)
            return false;
    }
}

void Semaphore::release(std::uint32_t n)
{
    detail::SemaphoreState& s = *state_;
    if (n == 0)
        return;
    std::uint32_t v = s.value.load(std::memory_order_relaxed);
    do {
        if (s.max != 0 && v + n > s.max)
            throw std::logic_error("semaphore or lock released too many times");
    } while (!s.value.compare_exchange_weak(v, v + n, std::memory_order_seq_cst, std::memory_order_relaxed));
    if (s.waiters.load(std::memory_order_seq_cst) != 0)
        futex_wake(s.value, static_cast<int>(n));
}

std::uint32_t Semaphore::get_value() const noexcept
{
    return state_->value.load(std::memory_order_relaxed);
}

} // namespace forkscope::core
