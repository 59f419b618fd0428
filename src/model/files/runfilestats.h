#pragma once

// The fields of a run file's per-queue and per-lock statistics, in one place: the writer
// (runfile.cpp) and the reader (runfilereader.cpp) walk the same tables, so a field added to
// QueueStats or LockStats is saved and loaded back by one line here.

#include "model/recording/recording.h"

#include <array>

namespace runfile::stats {

template <typename Stats>
struct Count {
    const char* name;
    quint64 Stats::*member;
};

template <typename Stats>
struct Histogram {
    const char* name;
    LogHistogram Stats::*member;
};

inline constexpr std::array<Count<QueueStats>, 9> kQueueCounts{{
    {"capacity", &QueueStats::capacity},
    {"puts", &QueueStats::puts},
    {"gets", &QueueStats::gets},
    {"max_depth", &QueueStats::maxDepth},
    {"last_depth", &QueueStats::lastDepth},
    {"blocked_puts", &QueueStats::blockedPuts},
    {"blocked_gets", &QueueStats::blockedGets},
    {"lost_puts", &QueueStats::lostPuts},
    {"lost_gets", &QueueStats::lostGets},
}};
inline constexpr std::array<Histogram<QueueStats>, 2> kQueueHistograms{{
    {"put_blocked_ns", &QueueStats::putBlockedNs},
    {"get_blocked_ns", &QueueStats::getBlockedNs},
}};

inline constexpr std::array<Count<LockStats>, 3> kLockCounts{{
    {"acquisitions", &LockStats::acquisitions},
    {"contended", &LockStats::contended},
    {"owner_died", &LockStats::ownerDied},
}};
inline constexpr std::array<Histogram<LockStats>, 2> kLockHistograms{{
    {"wait_ns", &LockStats::waitNs},
    {"hold_ns", &LockStats::holdNs},
}};
// LockStats::holderLane, an index that may be -1, is "holder_lane".

} // namespace runfile::stats
