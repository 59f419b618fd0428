#pragma once

// FlowIndex: the put → get arrows of a run's queue items, for the timeline to draw on demand.
// Each item is matched by its queue and ticket from the recording's put and get events (a woken
// getter can stamp its get before the putter stamps its put: either side waits for the other),
// and kept by put time with a running maximum of get times, so the arrows that cross a time
// window are found by binary search, like the timeline's spans.

#include "model/recording/recording.h"

#include <unordered_map>
#include <vector>

class FlowIndex {
public:
    struct Flow {
        qint64 putNs = 0;
        qint64 getNs = 0;
        int putLane = -1;
        int getLane = -1;
        quint32 queue = 0;
        quint64 ticket = 0;
    };

    void clear();
    // Takes in the events `recording` gained since the last call.
    void refresh(const Recording& recording);
    // The arrows that cross [fromNs, toNs), by put time, at most `limit` of them.
    [[nodiscard]] std::vector<Flow> flows(qint64 fromNs, qint64 toNs, std::size_t limit) const;
    [[nodiscard]] std::size_t size() const { return m_byPut.size(); }

private:
    struct Side {
        qint64 timeNs;
        int lane;
    };
    void add(const Flow& flow);

    std::vector<Flow> m_byPut; // sorted by putNs
    std::vector<qint64> m_maxGet; // m_maxGet[i]: the latest get among m_byPut[0..i]
    std::unordered_map<quint64, Side> m_waitingPuts, m_waitingGets; // (queue, ticket) -> one side
    std::size_t m_eventsTaken = 0;
};
