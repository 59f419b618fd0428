#pragma once

// LaneSummary: one process's whole run at a coarse grain, in fixed memory — how long it spent in
// each state and how many tasks it ended, per time bucket. Buckets start 1 ms wide and double
// (pairs merged) whenever the run outgrows them, so a lane costs the same 72 KiB for a second or
// an hour. The Recording keeps one per lane from every event, stored or not: the timeline draws
// it where the detail was not kept (Tracy and Perfetto draw such level-of-detail summaries too).

#include "core/trace_event.h"

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <vector>

class LaneSummary {
public:
    static constexpr std::size_t kBuckets = 1024;
    static constexpr int kStates = static_cast<int>(forkscope::core::WorkerState::Done) + 1;
    static constexpr qint64 kFirstBucketNs = 1'000'000;

    struct Bucket {
        std::array<quint64, kStates> stateNs{};
        quint64 tasks = 0;
        bool operator==(const Bucket&) const = default;
        // The state it spent most of its time in, or -1 if none was reported.
        [[nodiscard]] int dominantState() const
        {
            const auto most = std::max_element(stateNs.begin(), stateNs.end());
            return *most == 0 ? -1 : static_cast<int>(most - stateNs.begin());
        }
    };

    // [fromNs, toNs) spent in `state` (ns since the run started).
    void addState(int state, qint64 fromNs, qint64 toNs)
    {
        if (state < 0 || state >= kStates || toNs <= fromNs || fromNs < 0)
            return;
        fit(toNs);
        for (qint64 t = fromNs; t < toNs;) {
            const auto b = static_cast<std::size_t>(t / m_bucketNs);
            const qint64 end = std::min(toNs, static_cast<qint64>(b + 1) * m_bucketNs);
            m_buckets[b].stateNs[static_cast<std::size_t>(state)] += static_cast<quint64>(end - t);
            t = end;
        }
    }
    void addTask(qint64 atNs)
    {
        if (atNs < 0)
            return;
        fit(atNs + 1);
        ++m_buckets[static_cast<std::size_t>(atNs / m_bucketNs)].tasks;
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
            Bucket merged;
            bool any = false;
            for (qint64 b = t / m_bucketNs; b < (t + step) / m_bucketNs && b < static_cast<qint64>(m_buckets.size());
                 ++b) {
                const Bucket& from = m_buckets[static_cast<std::size_t>(b)];
                for (int s = 0; s < kStates; ++s)
                    merged.stateNs[static_cast<std::size_t>(s)] += from.stateNs[static_cast<std::size_t>(s)];
                merged.tasks += from.tasks;
                any = true;
            }
            if (!any)
                break;
            out.emplace_back(t, merged);
        }
        return out;
    }
    bool operator==(const LaneSummary&) const = default;

private:
    // Widens the buckets until `ns` falls within kBuckets of them.
    void fit(qint64 ns)
    {
        while (ns > static_cast<qint64>(kBuckets) * m_bucketNs) {
            std::vector<Bucket> wider((m_buckets.size() + 1) / 2);
            for (std::size_t i = 0; i < m_buckets.size(); ++i) {
                Bucket& into = wider[i / 2];
                for (int s = 0; s < kStates; ++s)
                    into.stateNs[static_cast<std::size_t>(s)] += m_buckets[i].stateNs[static_cast<std::size_t>(s)];
                into.tasks += m_buckets[i].tasks;
            }
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
