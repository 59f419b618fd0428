#pragma once

// Event: Python's multiprocessing.Event, a flag in shared memory that processes wait for.
//
//   Event ready;
//   ready.wait();            // blocks until some process calls ready.set(); wait(timeout) → false on timeout
//   ready.set();  ready.clear();  ready.is_set();

#include "core/shared_memory.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>

namespace forkscope::core {

namespace detail {
struct alignas(64) EventState {
    std::atomic<std::uint32_t> flag{0}; // also the futex word
    std::atomic<std::uint32_t> waiters{0};
    std::uint32_t id = next_object_id();
    EventState() = default;
    EventState(const EventState&) = delete; // lives in shared memory: never copied
    EventState& operator=(const EventState&) = delete;
};
} // namespace detail

class Event {
public:
    Event() : state_(sizeof(detail::EventState)) {}

    void set() noexcept;
    void clear() noexcept;
    [[nodiscard]] bool is_set() const noexcept;
    // True once set; false if the timeout passed first.
    bool wait(std::optional<std::chrono::nanoseconds> timeout = std::nullopt) noexcept;
    [[nodiscard]] std::uint32_t id() const noexcept { return state_->id; }

private:
    SharedObject<detail::EventState> state_;
};

} // namespace forkscope::core
