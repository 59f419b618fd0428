// Recording::setCounts() and setTimes(): the statistics from the processes' own counters.

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

void Recording::setTimes(const std::vector<ProcessTimes>& processes,
                         const forkscope::core::ClockCalibration& calibration)
{
    using forkscope::core::ProcessCounters;
    m_timed = true;
    m_untimed = 0;
    for (auto& [id, q] : m_queues) {
        q.putBlockedNs.clear();
        q.getBlockedNs.clear();
    }
    for (auto& [id, l] : m_locks) {
        l.waitNs.clear();
        l.holdNs.clear();
    }
    m_taskNs.clear();
    for (const ProcessTimes& p : processes) {
        const ProcessCounters& c = *p.counters;
        if (!c.counting())
            continue;
        m_untimed += c.untimed();
        BlockedTimes blocked;
        for (std::uint32_t slot = 0, used = std::min<std::uint32_t>(c.used(), ProcessCounters::kTimed); slot < used;
             ++slot) {
            const forkscope::core::ObjectCounts& o = c.object(slot);
            const quint32 object = o.object.load(std::memory_order_relaxed);
            switch (o.kind.load(std::memory_order_relaxed)) {
            case CountedKind::Queue: {
                QueueStats& q = queue(object);
                const auto& puts = *c.histogram(slot, counted::PutBlockedNs);
                const auto& gets = *c.histogram(slot, counted::GetBlockedNs);
                q.putBlockedNs.add(puts);
                q.getBlockedNs.add(gets);
                blocked.putNs += static_cast<qint64>(puts.sum.load(std::memory_order_relaxed));
                blocked.getNs += static_cast<qint64>(gets.sum.load(std::memory_order_relaxed));
                break;
            }
            case CountedKind::Lock: {
                LockStats& l = lock(object);
                const auto& waits = *c.histogram(slot, counted::WaitNs);
                l.waitNs.add(waits);
                blocked.lockNs += static_cast<qint64>(waits.sum.load(std::memory_order_relaxed));
                l.holdNs.add(*c.histogram(slot, counted::HoldNs));
                break;
            }
            case CountedKind::Tasks: m_taskNs.add(*c.histogram(slot, counted::TaskNs)); break;
            }
        }
        const int lane = laneOfRing(p.ring);
        if (lane < 0)
            continue;
        LaneTotals& totals = m_laneTotals[static_cast<std::size_t>(lane)];
        totals.countedBlocked = blocked;
        CountedStates states;
        for (std::size_t s = 0; s < states.ns.size(); ++s)
            states.ns[s] = static_cast<qint64>(static_cast<double>(c.state_ticks(s)) * calibration.ns_per_tick);
        if (const std::uint32_t now = c.state(); now < ProcessCounters::kStates) {
            states.state = static_cast<int>(now);
            states.sinceNs = calibration.to_ns(c.state_since()) - m_t0Ns;
        }
        totals.countedStates = states;
    }
}

std::optional<Recording::StateTimes> Recording::timeInStates(int lane) const
{
    const auto index = static_cast<std::size_t>(lane);
    if (index >= m_lanes.size())
        return std::nullopt;
    // The state it is in (or died in) lasts until its end, or as far as the run is known.
    const qint64 end = endOf(lane) >= 0 ? endOf(lane) : durationNs();
    auto addOpen = [&](StateTimes& times, int state, qint64 sinceNs) {
        if (state >= 0 && state < static_cast<int>(times.size()) &&
            state != static_cast<int>(forkscope::core::WorkerState::Done))
            times[static_cast<std::size_t>(state)] += std::max<qint64>(0, end - sinceNs);
    };
    const LaneTotals& totals = m_laneTotals[index];
    if (totals.countedStates) {
        const CountedStates& c = *totals.countedStates;
        StateTimes times = c.ns;
        addOpen(times, c.state, c.sinceNs);
        return times;
    }
    // No counts from the process (a replayed moment, an older run file): every state event is in
    // the lane's summary, unless a full ring dropped some.
    if (m_dropped > 0)
        return std::nullopt;
    StateTimes times{};
    bool any = false;
    for (const auto& bucket : totals.summary.buckets()) {
        for (std::size_t s = 0; s < bucket.stateNs.size(); ++s) {
            if (LaneBucket::isBlocking(static_cast<int>(s))) // kept to draw, not reported
                continue;
            times[s] += static_cast<qint64>(bucket.stateNs[s]);
            any = any || bucket.stateNs[s] > 0;
        }
    }
    const Lane& l = m_lanes[index];
    if (l.openState) {
        addOpen(times, l.openState->detail, l.openState->beginNs);
        any = true;
    }
    return any ? std::optional(times) : std::nullopt;
}

void Recording::restoreTimeInStates(int lane, const StateTimes& times)
{
    m_laneTotals.at(static_cast<std::size_t>(lane)).countedStates = CountedStates{times, -1, 0};
}

std::optional<BlockedTimes> Recording::blockedTimes(int lane) const
{
    const auto index = static_cast<std::size_t>(lane);
    if (index >= m_lanes.size())
        return std::nullopt;
    const LaneTotals& totals = m_laneTotals[index];
    if (totals.countedBlocked)
        return totals.countedBlocked;
    if (m_dropped > 0)
        return std::nullopt;
    return totals.eventBlocked;
}

void Recording::restoreBlockedTimes(int lane, const BlockedTimes& times)
{
    m_laneTotals.at(static_cast<std::size_t>(lane)).countedBlocked = times;
}
