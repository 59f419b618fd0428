#pragma once

// LogHistogram: a distribution of non-negative durations in fixed memory (HdrHistogram's idea):
// 32 buckets per power of two, so a percentile is within about 3% of the true value however
// long the run is. Exact count, sum, min and max are kept beside it.

#include "core/log_buckets.h"
#include "core/shared_histogram.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

class LogHistogram {
public:
    static constexpr int kSubBits = forkscope::core::log_buckets::kSubBits; // 32 buckets per octave
    static constexpr int kBuckets = forkscope::core::log_buckets::kCount;

    void add(std::int64_t value) noexcept
    {
        const auto v = static_cast<std::uint64_t>(value < 0 ? 0 : value);
        ++m_buckets[index(v)];
        ++m_count;
        m_sum += v;
        m_min = v < m_min ? v : m_min;
        m_max = v > m_max ? v : m_max;
    }

    [[nodiscard]] std::uint64_t count() const noexcept { return m_count; }
    [[nodiscard]] std::uint64_t sum() const noexcept { return m_sum; }
    [[nodiscard]] std::int64_t min() const noexcept { return m_count ? static_cast<std::int64_t>(m_min) : 0; }
    [[nodiscard]] std::int64_t max() const noexcept { return static_cast<std::int64_t>(m_max); }
    [[nodiscard]] double mean() const noexcept
    {
        return m_count ? static_cast<double>(m_sum) / static_cast<double>(m_count) : 0.0;
    }

    // The value below which a fraction q (0..1) of the samples lie: the middle of its bucket,
    // clamped to the exact min and max. 0 when empty.
    [[nodiscard]] std::int64_t percentile(double q) const noexcept
    {
        if (m_count == 0)
            return 0;
        const auto rank = static_cast<std::uint64_t>(q * static_cast<double>(m_count - 1)) + 1;
        if (rank >= m_count)
            return static_cast<std::int64_t>(m_max); // the largest sample is known exactly
        std::uint64_t seen = 0;
        for (int i = 0; i < kBuckets; ++i) {
            seen += m_buckets[static_cast<std::size_t>(i)];
            if (seen >= rank) {
                const std::uint64_t low = lowest(i), high = lowest(i + 1) - 1;
                std::uint64_t mid = low + (high - low) / 2;
                mid = mid < m_min ? m_min : mid > m_max ? m_max : mid;
                return static_cast<std::int64_t>(mid);
            }
        }
        return static_cast<std::int64_t>(m_max);
    }

    // Samples in [lower, upper).
    struct Bin {
        std::int64_t lower = 0;
        std::int64_t upper = 0;
        std::uint64_t count = 0;
    };
    // The distribution at a grain a chart can show: `perOctave` bins per power of two (a power of
    // two up to 32; finer buckets hold too few samples to read), from the lowest sample's bin to
    // the highest's, the empty ones between kept so the shape is right. Samples below `from` are
    // left out (on a log scale, 0 has no place). Empty when no sample is left.
    [[nodiscard]] std::vector<Bin> bins(int perOctave, std::int64_t from = 0) const
    {
        std::vector<Bin> out;
        const auto per = std::bit_floor(static_cast<unsigned>(std::clamp(perOctave, 1, 1 << kSubBits)));
        const int group = (1 << kSubBits) / static_cast<int>(per); // buckets a bin
        const int start = index(static_cast<std::uint64_t>(std::max<std::int64_t>(from, 0)));
        int first = start, last = kBuckets - 1;
        while (first < kBuckets && m_buckets[static_cast<std::size_t>(first)] == 0)
            ++first;
        if (first == kBuckets)
            return out;
        while (m_buckets[static_cast<std::size_t>(last)] == 0)
            --last;
        auto bound = [](int i) {
            return static_cast<std::int64_t>(
                std::min<std::uint64_t>(lowest(i), std::numeric_limits<std::int64_t>::max()));
        };
        for (int g = first / group * group; g <= last; g += group) {
            const int begin = std::max(g, start);
            Bin bin{bound(begin), bound(g + group), 0};
            for (int i = begin; i < g + group; ++i)
                bin.count += m_buckets[static_cast<std::size_t>(i)];
            out.push_back(bin);
        }
        return out;
    }

    bool operator==(const LogHistogram&) const = default;

    // For saving and loading: the raw buckets and the exact figures.
    [[nodiscard]] const std::array<std::uint64_t, kBuckets>& buckets() const noexcept { return m_buckets; }
    void restore(const std::array<std::uint64_t, kBuckets>& buckets, std::uint64_t count, std::uint64_t sum,
                 std::uint64_t min, std::uint64_t max) noexcept
    {
        m_buckets = buckets;
        m_count = count;
        m_sum = sum;
        m_min = count ? min : std::numeric_limits<std::uint64_t>::max();
        m_max = max;
    }
    [[nodiscard]] std::uint64_t rawMin() const noexcept { return m_min; }

    // Adds what a process kept in shared memory, as of now (its samples, bucket by bucket).
    void add(const forkscope::core::SharedHistogram& h) noexcept
    {
        const std::uint64_t n = h.count.load(std::memory_order_acquire);
        if (n == 0)
            return;
        std::uint64_t seen = 0;
        for (int i = 0; i < forkscope::core::SharedHistogram::kBuckets; ++i) {
            const std::uint64_t b = h.buckets[i].load(std::memory_order_relaxed);
            m_buckets[static_cast<std::size_t>(i)] += b;
            seen += b;
        }
        // A sample being added as we read may be in the buckets and not yet in the count: the
        // buckets are what percentiles rank, so they decide the count.
        m_count += seen;
        m_sum += h.sum.load(std::memory_order_relaxed);
        m_min = std::min(m_min, h.min.load(std::memory_order_relaxed));
        m_max = std::max(m_max, h.max.load(std::memory_order_relaxed));
    }
    void clear() noexcept { *this = LogHistogram{}; }

private:
    static int index(std::uint64_t v) noexcept { return forkscope::core::log_buckets::index(v); }
    static std::uint64_t lowest(int i) noexcept { return forkscope::core::log_buckets::lowest(i); }

    std::array<std::uint64_t, kBuckets> m_buckets{};
    std::uint64_t m_count = 0;
    std::uint64_t m_sum = 0;
    std::uint64_t m_min = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t m_max = 0;
};
