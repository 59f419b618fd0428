#include "core/barrier.h"

#include "core/clock.h"
#include "core/futex.h"
#include "core/telemetry.h"

#include <string>

namespace forkscope::core {

namespace {
constexpr std::uint64_t pack(std::uint32_t generation, std::uint32_t arrived, bool broken)
{
    return (std::uint64_t{generation} << 32) | (std::uint64_t{arrived} << 1) | (broken ? 1u : 0u);
}
constexpr std::uint32_t generation_of(std::uint64_t w)
{
    return static_cast<std::uint32_t>(w >> 32);
}
constexpr std::uint32_t arrived_of(std::uint64_t w)
{
    return static_cast<std::uint32_t>(w >> 1) & 0x7fffffffu;
}
constexpr bool broken_of(std::uint64_t w)
{
    return (w & 1u) != 0;
}
} // namespace

Barrier::Barrier(std::uint32_t parties, std::optional<std::chrono::nanoseconds> timeout)
    : state_([&] {
          if (parties < 1 || parties > 0x7fffffffu)
              throw std::invalid_argument("barrier parties must be at least 1, got " + std::to_string(parties));
          return SharedObject<detail::BarrierState>(sizeof(detail::BarrierState), parties);
      }()),
      default_timeout_(timeout)
{}

std::uint32_t Barrier::wait(std::optional<std::chrono::nanoseconds> timeout)
{
    detail::BarrierState& s = *state_;
    if (!timeout)
        timeout = default_timeout_;
    std::uint64_t w = s.word.load(std::memory_order_acquire);
    std::uint32_t generation, index;
    for (;;) {
        if (broken_of(w))
            throw BrokenBarrierError();
        generation = generation_of(w);
        index = arrived_of(w);
        const bool last = index + 1 == s.parties;
        const std::uint64_t next = last ? pack(generation + 1, 0, false) : pack(generation, index + 1, false);
        if (s.word.compare_exchange_weak(w, next, std::memory_order_acq_rel, std::memory_order_acquire))
            break;
    }
    if (index + 1 == s.parties) { // the last to arrive lets everyone go
        s.generation.store(generation + 1, std::memory_order_release);
        futex_wake(s.generation);
        return index;
    }
    const std::int64_t deadline = deadline_after(timeout ? timeout->count() : -1);
    TelemetrySink* sink = telemetry_sink();
    const std::int64_t begin = sink ? monotonic_ns() : 0;
    while (s.generation.load(std::memory_order_acquire) == generation) {
        if (!futex_wait_until(s.generation, generation, deadline) &&
            s.generation.load(std::memory_order_acquire) == generation) {
            break_generation(generation); // Python: a timed-out wait breaks the barrier
            throw BrokenBarrierError();
        }
    }
    if (sink) [[unlikely]]
        sink->waited(WaitKind::Barrier, s.id, monotonic_ns() - begin);
    if (s.broken_generation.load(std::memory_order_acquire) == generation)
        throw BrokenBarrierError();
    return index;
}

void Barrier::break_generation(std::uint32_t generation) noexcept
{
    detail::BarrierState& s = *state_;
    std::uint64_t w = s.word.load(std::memory_order_acquire);
    while (generation_of(w) == generation && !broken_of(w) &&
           !s.word.compare_exchange_weak(w, w | 1u, std::memory_order_acq_rel, std::memory_order_acquire)) {}
    s.broken_generation.store(generation, std::memory_order_release);
    s.generation.store(generation + 1, std::memory_order_release); // wakes this generation's waiters…
    futex_wake(s.generation);
}

void Barrier::abort()
{
    break_generation(generation_of(state_->word.load(std::memory_order_acquire)));
}

void Barrier::reset()
{
    detail::BarrierState& s = *state_;
    std::uint64_t w = s.word.load(std::memory_order_acquire);
    std::uint32_t generation;
    do {
        generation = generation_of(w);
    } while (!s.word.compare_exchange_weak(w, pack(generation + 1, 0, false), std::memory_order_acq_rel,
                                           std::memory_order_acquire));
    s.broken_generation.store(generation, std::memory_order_release); // …who were waiting fail
    s.generation.store(generation + 1, std::memory_order_release);
    futex_wake(s.generation);
}

std::uint32_t Barrier::n_waiting() const noexcept
{
    return arrived_of(state_->word.load(std::memory_order_acquire));
}

bool Barrier::broken() const noexcept
{
    return broken_of(state_->word.load(std::memory_order_acquire));
}

} // namespace forkscope::core
