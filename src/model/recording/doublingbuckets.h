#pragma once

// DoublingBuckets: a run's whole length in at most kBuckets time buckets of fixed memory. They
// start 1 ms wide and double (neighbours merged) whenever the run outgrows them, so a summary
// costs the same for a second or an hour. `Bucket` has merge(const Bucket&), an empty() test
// and a default state that means "nothing yet".

#include <QtGlobal>

#include <algorithm>
#include <vector>

template <class Bucket>
class DoublingBuckets {
public:
    static constexpr std::size_t kBuckets = 1024;
    static constexpr qint64 kFirstBucketNs = 1'000'000;

    // The bucket `ns` falls in (ns since the run started, >= 0), made room for.
    Bucket& at(qint64 ns)
    {
        fit(ns + 1);
        return m_buckets[static_cast<std::size_t>(ns / m_bucketNs)];
    }
    [[nodiscard]] qint64 bucketNs() const { return m_bucketNs; }
    [[nodiscard]] const std::vector<Bucket>& buckets() const { return m_buckets; } // bucket i: [i, i+1) × bucketNs()

    // The width of the merged buckets over() gives for about `ns`: a whole number of buckets.
    [[nodiscard]] qint64 stepFor(qint64 ns) const { return std::max<qint64>(1, ns / m_bucketNs) * m_bucketNs; }
    // The buckets merged to stepFor(ns) each over [fromNs, toNs), each with its start: what a
    // view at that scale draws.
    [[nodiscard]] std::vector<std::pair<qint64, Bucket>> over(qint64 fromNs, qint64 toNs, qint64 ns) const
    {
        std::vector<std::pair<qint64, Bucket>> out;
        const qint64 step = stepFor(ns);
        for (qint64 t = std::max<qint64>(0, fromNs / step * step); t < toNs; t += step) {
            const auto first = static_cast<std::size_t>(t / m_bucketNs);
            if (first >= m_buckets.size())
                break;
            Bucket merged;
            for (auto b = first; b < static_cast<std::size_t>((t + step) / m_bucketNs) && b < m_buckets.size(); ++b)
                merged.merge(m_buckets[b]);
            out.emplace_back(t, merged);
        }
        return out;
    }
    bool operator==(const DoublingBuckets&) const = default;

private:
    // Widens the buckets until `ns` falls within kBuckets of them.
    void fit(qint64 ns)
    {
        while (ns > static_cast<qint64>(kBuckets) * m_bucketNs) {
            std::vector<Bucket> wider((m_buckets.size() + 1) / 2);
            for (std::size_t i = 0; i < m_buckets.size(); ++i)
                wider[i / 2].merge(m_buckets[i]);
            m_buckets = std::move(wider);
            m_bucketNs *= 2;
        }
        const auto needed = static_cast<std::size_t>((ns + m_bucketNs - 1) / m_bucketNs);
        if (m_buckets.size() < needed)
            m_buckets.resize(needed);
    }

    qint64 m_bucketNs = kFirstBucketNs;
    std::vector<Bucket> m_buckets;
};
