#pragma once

// Lock and RLock: Python's multiprocessing.Lock and RLock, as robust process-shared mutexes.
// Create one before forking; parent and children use the same object.
//
//   Lock lock;
//   lock.acquire();                  // blocks; acquire(false) or acquire(true, 100ms) may return false
//   … critical section …
//   lock.release();                  // or: std::lock_guard guard(lock);
//
// A process that dies holding the lock does not deadlock the others: the next acquire() gets it
// and previous_owner_died() says so (what the holder was changing may be half done). Unlike
// Python's Lock, only the holder may release.

#include "core/shared_memory.h"
#include "core/telemetry.h"

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace forkscope::core {

class LockError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

namespace detail {

struct RobustMutexTestAccess;

struct alignas(64) MutexState {
    pthread_mutex_t mutex;
    std::atomic<std::uint64_t> owner_deaths{0};
    std::uint32_t id = 0;

    explicit MutexState(bool recursive);
    ~MutexState();
    MutexState(const MutexState&) = delete; // lives in shared memory: never copied
    MutexState& operator=(const MutexState&) = delete;
};

class RobustMutex {
public:
    explicit RobustMutex(bool recursive) : state_(sizeof(MutexState), recursive) {}

    // The common case — a free lock, no telemetry, a live previous owner — stays inline. Waiting
    // is never inline: see acquire_slow() for why it sleeps in bounded slices.
    bool acquire(bool block, std::optional<std::chrono::nanoseconds> timeout)
    {
        if (!telemetry_sink()) [[likely]] {
            const int result = pthread_mutex_trylock(&state_->mutex);
            if (result == 0) [[likely]] {
                owner_died_ = false;
                ++depth_;
                return true;
            }
            // EBUSY (wait, or give up), EOWNERDEAD (we hold it now), or an error.
            return acquire_slow(block, timeout, result);
        }
        return acquire_slow(block, timeout, -1);
    }
    void release()
    {
        if (depth_ > 1 || (depth_ == 1 && !acquired_at_ns_)) [[likely]] {
            if (pthread_mutex_unlock(&state_->mutex) == 0) [[likely]] {
                --depth_;
                return;
            }
        }
        release_slow();
    }
    [[nodiscard]] bool previous_owner_died() const noexcept { return owner_died_; }
    [[nodiscard]] std::uint64_t owner_deaths() const noexcept;
    [[nodiscard]] int depth() const noexcept { return depth_; } // how often this process holds it
    // For Condition::wait(): let go of every level, and take them all back.
    int release_all();
    void reacquire(int depth);
    [[nodiscard]] std::uint32_t id() const noexcept { return state_->id; }

private:
    friend struct RobustMutexTestAccess; // stages a lost wake deterministically
    // `result`: what the fast path's pthread_mutex_trylock returned, or -1 to make the attempt here.
    bool acquire_slow(bool block, std::optional<std::chrono::nanoseconds> timeout, int result);
    void release_slow();

    SharedObject<MutexState> state_;
    // Per process (this object is copied by fork): telemetry's hold time, and the last acquire's news.
    std::int64_t acquired_at_ns_ = 0;
    int depth_ = 0;
    bool owner_died_ = false;
};

} // namespace detail

// What Lock and RLock share; use those.
class LockBase {
public:
    // Python's acquire(block=True, timeout=None): true once held; false if not blocking or timed
    // out. For a Lock, throws LockError when this process already holds it (it would deadlock).
    bool acquire(bool block = true, std::optional<std::chrono::nanoseconds> timeout = std::nullopt)
    {
        return mutex_.acquire(block, timeout);
    }
    // Throws LockError when this process does not hold the lock.
    void release() { mutex_.release(); }

    // BasicLockable / Lockable, for std::lock_guard and std::unique_lock.
    void lock() { acquire(); }
    void unlock() { release(); }
    [[nodiscard]] bool try_lock() { return acquire(false); }

    // True if the last successful acquire() in this process took the lock from a dead holder.
    [[nodiscard]] bool previous_owner_died() const noexcept { return mutex_.previous_owner_died(); }
    // How often any process took it from a dead holder.
    [[nodiscard]] std::uint64_t owner_deaths() const noexcept { return mutex_.owner_deaths(); }
    [[nodiscard]] std::uint32_t id() const noexcept { return mutex_.id(); }
    // Whether this process holds it.
    [[nodiscard]] bool held() const noexcept { return mutex_.depth() > 0; }

protected:
    explicit LockBase(bool recursive) : mutex_(recursive) {}

private:
    friend class Condition;
    friend struct detail::RobustMutexTestAccess;
    detail::RobustMutex mutex_;
};

class Lock final : public LockBase {
public:
    Lock() : LockBase(false) {}
};

// Recursive: the holder may acquire again, and must release as often.
class RLock final : public LockBase {
public:
    RLock() : LockBase(true) {}
};

} // namespace forkscope::core
