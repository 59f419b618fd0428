// Recording::setCounts(): the statistics' counts from the processes' own counters.

#include "model/recording/recording.h"

using forkscope::core::CountedKind;
namespace counted = forkscope::core::counted;

void Recording::setCounts(const std::vector<ProcessCount>& counts, quint64 untracked)
{
    m_counted = true;
    m_untracked = untracked;
    // Each call gives every process's counts as of now: start from nothing and add them up.
    for (auto& [id, q] : m_queues)
        q.puts = q.gets = q.blockedPuts = q.blockedGets = q.lostPuts = q.lostGets = 0;
    for (auto& [id, l] : m_locks)
        l.acquisitions = l.contended = l.ownerDied = 0;
    for (Lane& lane : m_lanes)
        lane.tasksDone = 0;
    m_tasksFailed = 0;
    for (const ProcessCount& c : counts) {
        switch (c.kind) {
        case CountedKind::Queue: {
            QueueStats& q = queue(c.object);
            q.puts += c.n[counted::Puts];
            q.gets += c.n[counted::Gets];
            q.blockedPuts += c.n[counted::BlockedPuts];
            q.blockedGets += c.n[counted::BlockedGets];
            q.lostPuts += c.n[counted::LostPuts];
            q.lostGets += c.n[counted::LostGets];
            break;
        }
        case CountedKind::Lock: {
            LockStats& l = lock(c.object);
            l.acquisitions += c.n[counted::Acquisitions];
            l.contended += c.n[counted::Contended];
            l.ownerDied += c.n[counted::OwnerDied];
            break;
        }
        case CountedKind::Tasks:
            // A ring whose process is not known yet has no lane: counted at the next call.
            if (const int lane = laneOfRing(c.ring); lane >= 0)
                m_lanes[static_cast<std::size_t>(lane)].tasksDone += c.n[counted::Done];
            m_tasksFailed += c.n[counted::Failed];
            break;
        }
    }
}

quint64 Recording::tasksDone() const
{
    quint64 n = 0;
    for (const Lane& lane : m_lanes)
        n += lane.tasksDone;
    return n;
}
