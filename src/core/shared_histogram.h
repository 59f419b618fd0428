#pragma once

// SharedHistogram: a distribution of durations kept by one process in the run's shared memory
// (core/log_buckets.h's layout), read by the front end while the process runs and after it has
// died. Like ObjectCounts: one writer, so plain relaxed stores; a reader sees each figure as of
// some recent moment, and all of them final once the writer has ended.
//
// The buckets cover durations up to 2^44 ns (about 4.9 hours); a longer one goes into the last
// bucket, and the exact maximum says how long it was.

#include "core/log_buckets.h"

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace forkscope::core {

struct alignas(64) SharedHistogram {
    static constexpr int kBuckets = log_buckets::index(std::uint64_t{1} << 44);

    // The writer publishes the buckets before the count (release); a reader who loads the count
    // first (acquire) finds at least that many samples in the buckets.
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum{0};
    std::atomic<std::uint64_t> min{0}; // valid when count > 0
    std::atomic<std::uint64_t> max{0};
    std::atomic<std::uint64_t> buckets[kBuckets]{};

    // Writer.
    void add(std::int64_t value) noexcept
    {
        const auto v = static_cast<std::uint64_t>(value < 0 ? 0 : value);
        const int i = log_buckets::index(v);
        auto& b = buckets[i < kBuckets ? i : kBuckets - 1];
        b.store(b.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        const std::uint64_t n = count.load(std::memory_order_relaxed);
        sum.store(sum.load(std::memory_order_relaxed) + v, std::memory_order_relaxed);
        if (n == 0 || v < min.load(std::memory_order_relaxed))
            min.store(v, std::memory_order_relaxed);
        if (v > max.load(std::memory_order_relaxed))
            max.store(v, std::memory_order_relaxed);
        count.store(n + 1, std::memory_order_release);
    }
};
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
static_assert(sizeof(SharedHistogram) % 64 == 0 && sizeof(SharedHistogram) <= 10 * 1024 + 64,
              "laid out in shared memory, 10 KiB each");

} // namespace forkscope::core
