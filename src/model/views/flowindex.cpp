#include "model/views/flowindex.h"

#include <algorithm>

using forkscope::core::EventKind;

void FlowIndex::clear()
{
    m_byPut.clear();
    m_maxGet.clear();
    m_waitingPuts.clear();
    m_waitingGets.clear();
    m_eventsTaken = 0;
}

void FlowIndex::refresh(const Recording& recording)
{
    const auto& events = recording.events();
    for (; m_eventsTaken < events.size(); ++m_eventsTaken) {
        const RecordedEvent& e = events[m_eventsTaken];
        const bool put = e.eventKind() == EventKind::QueuePut;
        if (!put && e.eventKind() != EventKind::QueueGet)
            continue;
        const quint64 key = (quint64{e.object} << 40) ^ e.task;
        const Side side{e.timeNs, recording.laneOfRing(e.ring)};
        auto& waitingOther = put ? m_waitingGets : m_waitingPuts;
        if (const auto other = waitingOther.find(key); other != waitingOther.end()) {
            const Side& putSide = put ? side : other->second;
            const Side& getSide = put ? other->second : side;
            add(Flow{putSide.timeNs, getSide.timeNs, putSide.lane, getSide.lane, e.object, e.task});
            waitingOther.erase(other);
        } else {
            (put ? m_waitingPuts : m_waitingGets)[key] = side;
        }
    }
}

void FlowIndex::add(const Flow& flow)
{
    // Items are got about in the order they were put: nearly always an append.
    auto at = m_byPut.end();
    if (!m_byPut.empty() && flow.putNs < m_byPut.back().putNs)
        at = std::upper_bound(m_byPut.begin(), m_byPut.end(), flow.putNs,
                              [](qint64 t, const Flow& f) { return t < f.putNs; });
    const auto i = static_cast<std::size_t>(at - m_byPut.begin());
    m_byPut.insert(at, flow);
    m_maxGet.resize(m_byPut.size());
    for (std::size_t j = i; j < m_byPut.size(); ++j)
        m_maxGet[j] = std::max(j > 0 ? m_maxGet[j - 1] : m_byPut[j].getNs, m_byPut[j].getNs);
}

std::vector<FlowIndex::Flow> FlowIndex::flows(qint64 fromNs, qint64 toNs, std::size_t limit) const
{
    std::vector<Flow> out;
    // The first arrow that may still reach the window: m_maxGet only grows.
    auto i = static_cast<std::size_t>(std::lower_bound(m_maxGet.begin(), m_maxGet.end(), fromNs) - m_maxGet.begin());
    for (; i < m_byPut.size() && m_byPut[i].putNs < toNs && out.size() < limit; ++i) {
        if (m_byPut[i].getNs >= fromNs)
            out.push_back(m_byPut[i]);
    }
    return out;
}
