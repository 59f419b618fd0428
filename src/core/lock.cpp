#include "core/lock.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/telemetry.h"

#include <algorithm>
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

namespace {

// Robust futexes can lose a wake when a process dies. glibc's unlock frees the word and wakes one
// waiter, who must then take the lock and pass the wake on. If that waiter is killed first while
// another process has already taken the free lock (without the waiters bit), nobody wakes the
// remaining sleepers: the kernel's robust-list walk sees a live owner and does nothing. So waiters
// sleep in slices and look again; a stranded one takes the lock within a slice of its release.
constexpr std::int64_t kWaitSliceNs = 50'000'000;

int lock_until(pthread_mutex_t* mutex, std::optional<std::int64_t> deadline_ns)
{
    for (;;) {
        const std::int64_t now = monotonic_ns();
        const std::int64_t slice_end = deadline_ns ? std::min(*deadline_ns, now + kWaitSliceNs) : now + kWaitSliceNs;
        const timespec ts = to_timespec(slice_end);
        const int r = pthread_mutex_clocklock(mutex, CLOCK_MONOTONIC, &ts);
        if (r != ETIMEDOUT || (deadline_ns && slice_end >= *deadline_ns))
            return r;
    }
}

} // namespace

// Everything but the inline fast path: waiting, timeouts, a dead previous owner, errors, telemetry.
bool RobustMutex::acquire_slow(bool block, std::optional<std::chrono::nanoseconds> timeout, int result)
{
    TelemetrySink* sink = telemetry_sink();
    const std::int64_t begin = sink ? monotonic_ns() : 0;
    int r = result < 0 ? pthread_mutex_trylock(&state_->mutex) : result;
    const bool waited = r == EBUSY && block; // a lock taken at once has no wait to report
    if (waited) {
        std::optional<std::int64_t> deadline;
        if (timeout)
            deadline = monotonic_ns() + std::max<std::int64_t>(0, timeout->count());
        r = lock_until(&state_->mutex, deadline);
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
        sink->lock_acquired(state_->id, waited ? acquired_at_ns_ - begin : 0, died);
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
