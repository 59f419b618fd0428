#pragma once

// Semaphore and BoundedSemaphore: Python's multiprocessing.Semaphore(value) and
// BoundedSemaphore(value), a counter in shared memory that processes take from and give back.
//
//   Semaphore slots(3);          // at most three at a time
//   slots.acquire();             // blocks while the count is 0; acquire(false) / with a timeout → false
//   … use the resource …
//   slots.release();
//
// The count is a single atomic: a process killed at any point leaves it consistent. Units a dead
// process had taken are not given back (there is no owner to tell, as in Python).

#include "core/shared_memory.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace forkscope::core {

namespace detail {
struct alignas(64) SemaphoreState {
    std::atomic<std::uint32_t> value{0}; // also the futex word: waiters sleep while it is 0
    std::atomic<std::uint32_t> waiters{0};
    std::uint32_t max = 0; // BoundedSemaphore's bound, 0 for none
    std::uint32_t id = 0;
    SemaphoreState(std::uint32_t initial, std::uint32_t bound) : value(initial), max(bound), id(next_object_id()) {}
    SemaphoreState(const SemaphoreState&) = delete; // lives in shared memory: never copied
    SemaphoreState& operator=(const SemaphoreState&) = delete;
};
} // namespace detail

class Semaphore {
public:
    explicit Semaphore(std::uint32_t value = 1) : Semaphore(value, 0) {}

    // True once a unit is taken; false if not blocking or the timeout passed.
    bool acquire(bool block = true, std::optional<std::chrono::nanoseconds> timeout = std::nullopt);
    // Gives n units back. BoundedSemaphore throws std::logic_error past its initial value.
    void release(std::uint32_t n = 1);
    [[nodiscard]] std::uint32_t get_value() const noexcept;
    [[nodiscard]] std::uint32_t id() const noexcept { return state_->id; }

    // BasicLockable, for std::lock_guard.
    void lock() { acquire(); }
    void unlock() { release(); }

protected:
    Semaphore(std::uint32_t value, std::uint32_t bound) : state_(sizeof(detail::SemaphoreState), value, bound) {}

private:
    SharedObject<detail::SemaphoreState> state_;
};

class BoundedSemaphore final : public Semaphore {
public:
    explicit BoundedSemaphore(std::uint32_t value = 1) : Semaphore(value, value) {}
};

} // namespace forkscope::core
