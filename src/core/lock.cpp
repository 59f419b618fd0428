#include "core/lock.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/telemetry.h"

#include <cerrno>
#include <ctime>

namespace forkscope::core::detail {

MutexState::MutexState(bool recursive) : id(next_object_id())
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    // Error checking makes relocking by the holder fail (EDEADLK) instead of hanging for ever.
    pthread_mutexattr_settype(&attr, recursive ? PTHREAD_MUTEX_RECURSIVE : PTHREAD_MUTEX_ERRORCHECK);
    const int r = pthread_mutex_init(&mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    if (r != 0) {
        errno = r;
        throw_errno("pthread_mutex_init");
    }
}

MutexState::~MutexState()
{
    pthread_mutex_destroy(&mutex);
}

// Everything but the inline fast path: trylock, timeouts, a dead previous owner, errors, telemetry.
bool RobustMutex::acquire_slow(bool block, std::optional<std::chrono::nanoseconds> timeout, int result)
{
    TelemetrySink* sink = telemetry_sink();
    const std::int64_t begin = sink ? monotonic_ns() : 0;
    int r = result;
    if (r >= 0) {
        // The fast path's attempt already decided.
    } else if (!block) {
        r = pthread_mutex_trylock(&state_->mutex);
    } else if (!timeout) {
        r = pthread_mutex_lock(&state_->mutex);
    } else {
        const std::int64_t deadline = monotonic_ns() + std::max<std::int64_t>(0, timeout->count());
        const timespec ts{static_cast<time_t>(deadline / 1'000'000'000), static_cast<long>(deadline % 1'000'000'000)};
        r = pthread_mutex_clocklock(&state_->mutex, CLOCK_MONOTONIC, &ts);
    }
    bool died = false;
    if (r == EOWNERDEAD) {
        // The holder died inside its critical section: the lock is ours, marked usable again.
        pthread_mutex_consistent(&state_->mutex);
        state_->owner_deaths.fetch_add(1, std::memory_order_relaxed);
        died = true;
        r = 0;
    }
    if (r == EBUSY || r == ETIMEDOUT)
        return false;
    if (r == EDEADLK)
        throw LockError("acquire of a lock this process already holds");
    if (r != 0) {
        errno = r;
        throw_errno("pthread_mutex_lock");
    }
    owner_died_ = died;
    if (++depth_ == 1 && sink) [[unlikely]] {
        acquired_at_ns_ = monotonic_ns();
        sink->lock_acquired(state_->id, acquired_at_ns_ - begin, died);
    }
    return true;
}

void RobustMutex::release_slow()
{
    const int r = pthread_mutex_unlock(&state_->mutex);
    if (r == EPERM)
        throw LockError("release of a lock this process does not hold");
    if (r != 0) {
        errno = r;
        throw_errno("pthread_mutex_unlock");
    }
    if (--depth_ == 0) {
        if (TelemetrySink* sink = telemetry_sink(); sink && acquired_at_ns_) [[unlikely]]
            sink->lock_released(state_->id, monotonic_ns() - acquired_at_ns_);
        acquired_at_ns_ = 0;
    }
}

int RobustMutex::release_all()
{
    const int depth = depth_;
    for (int i = 0; i < depth; ++i)
        release();
    return depth;
}

void RobustMutex::reacquire(int depth)
{
    for (int i = 0; i < depth; ++i)
        acquire(true, std::nullopt);
}

std::uint64_t RobustMutex::owner_deaths() const noexcept
{
    return state_->owner_deaths.load(std::memory_order_relaxed);
}

} // namespace forkscope::core::detail
