#pragma once

// Barrier: Python's multiprocessing.Barrier(parties, timeout). Each wait() blocks until `parties`
// processes have called it, then all go on; each gets its arrival index 0..parties-1.
//
//   Barrier start(4);
//   start.wait();             // throws BrokenBarrierError if the barrier is aborted, reset, or a wait times out
//
// A party that dies before arriving leaves the others waiting, as in Python: give wait() a
// timeout (it then breaks the barrier for everyone) or call abort().

#include "core/shared_memory.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace forkscope::core {

class BrokenBarrierError : public std::runtime_error {
public:
    BrokenBarrierError() : std::runtime_error("barrier is broken") {}
};

namespace detail {
struct alignas(64) BarrierState {
    // [generation: 32 bits][arrived: 31 bits][broken: 1 bit], changed only by CAS.
    std::atomic<std::uint64_t> word{0};
    std::atomic<std::uint32_t> generation{0}; // futex word: mirrors word's generation
    std::atomic<std::uint32_t> broken_generation{UINT32_MAX}; // waiters of this generation fail
    std::uint32_t parties = 0;
    std::uint32_t id = next_object_id();
    explicit BarrierState(std::uint32_t n) : parties(n) {}
    BarrierState(const BarrierState&) = delete; // lives in shared memory: never copied
    BarrierState& operator=(const BarrierState&) = delete;
};
} // namespace detail

class Barrier {
public:
    // parties: 1..2^31-1. timeout: the default for wait().
    explicit Barrier(std::uint32_t parties, std::optional<std::chrono::nanoseconds> timeout = std::nullopt);

    std::uint32_t wait(std::optional<std::chrono::nanoseconds> timeout = std::nullopt);
    void reset(); // waiting parties get BrokenBarrierError; the barrier is usable again
    void abort(); // broken until reset()
    [[nodiscard]] std::uint32_t parties() const noexcept { return state_->parties; }
    [[nodiscard]] std::uint32_t n_waiting() const noexcept;
    [[nodiscard]] bool broken() const noexcept;
    [[nodiscard]] std::uint32_t id() const noexcept { return state_->id; }

private:
    void break_generation(std::uint32_t generation) noexcept;

    SharedObject<detail::BarrierState> state_;
    std::optional<std::chrono::nanoseconds> default_timeout_;
};

} // namespace forkscope::core
