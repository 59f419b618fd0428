#pragma once

// The buckets of a log histogram of durations (HdrHistogram's idea): values below 32 get a bucket
// each; above, each power of two is split in 32, so a bucket is at most about 3 % wide. One layout
// for the processes' SharedHistogram and the front end's LogHistogram, so that one adds into the
// other bucket by bucket.

#include <bit>
#include <cstdint>
#include <limits>

namespace forkscope::core::log_buckets {

inline constexpr int kSubBits = 5; // 32 buckets per octave
inline constexpr int kCount = (64 - kSubBits + 1) << kSubBits; // every uint64_t value

[[nodiscard]] constexpr int index(std::uint64_t v) noexcept
{
    if (v < (1u << kSubBits))
        return static_cast<int>(v);
    const int octave = std::bit_width(v) - 1 - kSubBits; // >= 0
    const auto sub = static_cast<int>((v >> octave) & ((1u << kSubBits) - 1));
    return ((octave + 1) << kSubBits) + sub;
}

// The smallest value in bucket `i`; for i == kCount, one past the largest (saturated).
[[nodiscard]] constexpr std::uint64_t lowest(int i) noexcept
{
    if (i < (1 << kSubBits))
        return static_cast<std::uint64_t>(i);
    const int octave = (i >> kSubBits) - 1;
    const auto sub = static_cast<std::uint64_t>(i & ((1 << kSubBits) - 1));
    if (octave >= 64 - kSubBits)
        return std::numeric_limits<std::uint64_t>::max();
    return ((std::uint64_t{1} << kSubBits) | sub) << octave;
}

static_assert(index(31) == 31 && index(32) == 32 && index(64) == 64 && lowest(index(1000)) <= 1000);
static_assert(index(std::numeric_limits<std::uint64_t>::max()) == kCount - 1);

} // namespace forkscope::core::log_buckets
