#pragma once

// Summaries of a whole run at a coarse grain, in fixed memory (DoublingBuckets): the Recording
// keeps them from every event, stored or not, and the views draw them where the detail was not
// kept (Tracy and Perfetto draw such level-of-detail summaries too).
//
//   LaneSummary   one process: how long it spent in each state, how many tasks it ended
//   LevelSummary  one queue's depth: lowest, highest and last per bucket

#include "core/trace_event.h"
#include "model/recording/doublingbuckets.h"

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <limits>

struct LaneBucket {
    static constexpr int kStates = static_cast<int>(forkscope::core::WorkerState::Done) + 1;
    std::array<quint64, kStates> stateNs{};
    quint64 tasks = 0;

    void merge(const LaneBucket& o)
    {
        for (std::size_t s = 0; s < stateNs.size(); ++s)
            stateNs[s] += o.stateNs[s];
        tasks += o.tasks;
    }
    // The state it reported most of its time in, or -1 if none. Blocked calls and lock waits
    // (kept here too, from their events) are not reported states: they happen while running,
    // and the timeline draws them apart, as it draws their spans.
    [[nodiscard]] int dominantState() const
    {
        int most = -1;
        for (int s = 0; s < kStates; ++s) {
            if (!isBlocking(s) && stateNs[static_cast<std::size_t>(s)] > 0 &&
                (most < 0 || stateNs[static_cast<std::size_t>(s)] > stateNs[static_cast<std::size_t>(most)]))
                most = s;
        }
        return most;
    }
    [[nodiscard]] static bool isBlocking(int state)
    {
        using forkscope::core::WorkerState;
        return state == int(WorkerState::BlockedOnPut) || state == int(WorkerState::BlockedOnGet) ||
               state == int(WorkerState::WaitingForLock);
    }
    bool operator==(const LaneBucket&) const = default;
};

class LaneSummary : public DoublingBuckets<LaneBucket> {
public:
    static constexpr int kStates = LaneBucket::kStates;

    // [fromNs, toNs) spent in `state` (ns since the run started).
    void addState(int state, qint64 fromNs, qint64 toNs)
    {
        if (state < 0 || state >= kStates || toNs <= fromNs || fromNs < 0)
            return;
        at(toNs - 1); // room for the whole stretch first: the buckets may widen
        for (qint64 t = fromNs; t < toNs;) {
            const qint64 end = std::min(toNs, (t / bucketNs() + 1) * bucketNs());
            at(t).stateNs[static_cast<std::size_t>(state)] += static_cast<quint64>(end - t);
            t = end;
        }
    }
    void addTask(qint64 atNs)
    {
        if (atNs >= 0)
            ++at(atNs).tasks;
    }
};

struct LevelBucket {
    qint32 lowest = std::numeric_limits<qint32>::max(); // max: nothing seen yet
    qint32 highest = 0;
    qint32 last = 0;

    [[nodiscard]] bool empty() const { return lowest == std::numeric_limits<qint32>::max(); }
    void merge(const LevelBucket& later)
    {
        if (later.empty())
            return;
        lowest = std::min(lowest, later.lowest);
        highest = std::max(highest, later.highest);
        last = later.last;
    }
    bool operator==(const LevelBucket&) const = default;
};

class LevelSummary : public DoublingBuckets<LevelBucket> {
public:
    void add(qint64 atNs, qint32 level)
    {
        if (atNs < 0)
            return;
        LevelBucket& b = at(atNs);
        b.lowest = std::min(b.lowest, level);
        b.highest = std::max(b.highest, level);
        b.last = level;
    }
};
