#pragma once

// Condition: Python's multiprocessing.Condition. wait() lets go of the lock (every level of an
// RLock), sleeps until notified, and takes the lock back.
//
//   Condition cond;                       // its own RLock, like Python; or Condition cond(lock)
//   { std::lock_guard g(cond); cond.wait_for([&] { return ready(); }); }
//   { std::lock_guard g(cond); make_ready(); cond.notify_all(); }
//
// Like pthread_cond_signal, notify(n) may wake more than n waiters: loop on a predicate
// (wait_for does). Waiters and notifiers may be killed at any point without harming the others.

#include "core/lock.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

namespace forkscope::core {

namespace detail {
struct alignas(64) ConditionState {
    std::atomic<std::uint32_t> sequence{0}; // futex word: bumped by every notify
    std::atomic<std::uint32_t> waiters{0};
    std::uint32_t id = next_object_id();
    ConditionState() = default;
    ConditionState(const ConditionState&) = delete; // lives in shared memory: never copied
    ConditionState& operator=(const ConditionState&) = delete;
};
} // namespace detail

class Condition {
public:
    Condition(); // with its own RLock
    explicit Condition(LockBase& lock);

    void acquire() { lock_->acquire(); }
    void release() { lock_->release(); }
    void lock() { lock_->acquire(); }
    void unlock() { lock_->release(); }

    // Must hold the lock (LockError otherwise). True when notified, false on timeout; either way
    // the lock is held again on return.
    bool wait(std::optional<std::chrono::nanoseconds> timeout = std::nullopt);
    // Waits until predicate() holds (checked under the lock); returns its last value.
    template <class Predicate>
    bool wait_for(Predicate predicate, std::optional<std::chrono::nanoseconds> timeout = std::nullopt);
    // Must hold the lock (LockError otherwise).
    void notify(std::uint32_t n = 1);
    void notify_all();
    [[nodiscard]] std::uint32_t id() const noexcept { return state_->id; }

private:
    void check_held(const char* what) const;

    std::unique_ptr<RLock> own_lock_;
    LockBase* lock_;
    SharedObject<detail::ConditionState> state_;
};

template <class Predicate>
bool Condition::wait_for(Predicate predicate, std::optional<std::chrono::nanoseconds> timeout)
{
    using clock = std::chrono::steady_clock;
    const auto deadline = timeout ? clock::now() + *timeout : clock::time_point::max();
    bool result = predicate();
    while (!result) {
        std::optional<std::chrono::nanoseconds> left;
        if (timeout) {
            left = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - clock::now());
            if (left->count() <= 0)
                break;
        }
        wait(left);
        result = predicate();
    }
    return result;
}

} // namespace forkscope::core
