#include "core/event.h"

#include "core/clock.h"
#include "core/futex.h"
#include "core/telemetry.h"

namespace forkscope::core {

void Event::set() noexcept
{
    state_->flag.store(1, std::memory_order_seq_cst);
    if (state_->waiters.load(std::memory_order_seq_cst) != 0)
        futex_wake(state_->flag);
}

void Event::clear() noexcept
{
    state_->flag.store(0, std::memory_order_release);
}

bool Event::is_set() const noexcept
{
    return state_->flag.load(std::memory_order_acquire) != 0;
}

bool Event::wait(std::optional<std::chrono::nanoseconds> timeout) noexcept
{
    detail::EventState& s = *state_;
    if (s.flag.load(std::memory_order_acquire) != 0)
        return true;
    const std::int64_t deadline = deadline_after(timeout ? timeout->count() : -1);
    TelemetrySink* sink = telemetry_sink();
    const std::int64_t begin = sink ? monotonic_ns() : 0;
    s.waiters.fetch_add(1, std::memory_order_seq_cst);
    bool set = false;
    for (;;) {
        if (s.flag.load(std::memory_order_seq_cst) != 0) {
            set = true;
            break;
        }
        if (!futex_wait_until(s.flag, 0, deadline)) {
            set = s.flag.load(std::memory_order_acquire) != 0;
            break;
        }
    }
    s.waiters.fetch_sub(1, std::memory_order_relaxed);
    if (sink) [[unlikely]]
        sink->waited(WaitKind::Event, s.id, monotonic_ns() - begin);
    return set;
}

} // namespace forkscope::core
