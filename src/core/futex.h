#pragma once

// Futex wait/wake on a 32-bit atomic in shared memory (not FUTEX_PRIVATE: the waiters are in
// different processes). Waiters compare-and-sleep, so a wake between the check and the sleep is
// never lost.

#include "core/clock.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdint>

namespace forkscope::core {

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t) &&
                  std::atomic<std::uint32_t>::is_always_lock_free,
              "futex words must be plain 32-bit integers");

enum class FutexSleep {
    Woken, // by a futex_wake() on this word: counted in the number it returned
    TimedOut,
    Other, // the value differed, or a signal
};

// Sleeps while `*word == expected`, at most `timeout_ns` (< 0: no limit), and says why it returned.
inline FutexSleep futex_sleep(std::atomic<std::uint32_t>& word, std::uint32_t expected,
                              std::int64_t timeout_ns) noexcept
{
    timespec ts{};
    timespec* tp = nullptr;
    if (timeout_ns >= 0) {
        ts = to_timespec(timeout_ns);
        tp = &ts;
    }
    const long r = ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT, expected, tp, nullptr, 0);
    if (r == 0)
        return FutexSleep::Woken;
    return errno == ETIMEDOUT ? FutexSleep::TimedOut : FutexSleep::Other;
}

// Sleeps while `*word == expected`, at most `timeout_ns` (< 0: no limit). Returns false on timeout;
// true when woken, when the value differed, or on a signal (callers re-check their condition).
inline bool futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t timeout_ns) noexcept
{
    return futex_sleep(word, expected, timeout_ns) != FutexSleep::TimedOut;
}

// Wakes up to `count` sleepers on `word`; returns how many it woke.
inline int futex_wake(std::atomic<std::uint32_t>& word, int count = INT_MAX) noexcept
{
    const long r =
        ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE, count, nullptr, nullptr, 0);
    return r > 0 ? static_cast<int>(r) : 0;
}

// Sleeps while `*word == expected`, until `deadline_ns` (CLOCK_MONOTONIC; INT64_MAX: no limit),
// but never longer than kLongestSleepNs at a time, so that a wake lost with a killed waker costs
// at most that. False once the deadline has passed; true otherwise (woken, changed, a signal, or
// the longest sleep over: callers re-check their condition and wait again).
inline constexpr std::int64_t kLongestSleepNs = 100'000'000;
bool futex_wait_until(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t deadline_ns) noexcept;

// Spin-wait hint for the short waits before sleeping.
inline void cpu_relax() noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

} // namespace forkscope::core
