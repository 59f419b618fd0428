#pragma once

// SpanCursor: how far a model has read each lane's closed spans, so that its follow() reads only
// the spans closed since (Lane::spans grows in close order and never changes what it holds).

#include "model/recording/recording.h"

#include <vector>

class SpanCursor {
public:
    // Calls f(const Span&) for every span closed since the last call, lane by lane.
    template <class F>
    void readNew(const Recording& recording, F&& f)
    {
        const auto& lanes = recording.lanes();
        m_taken.resize(lanes.size(), 0);
        for (std::size_t l = 0; l < lanes.size(); ++l) {
            const auto& spans = lanes[l].spans;
            for (std::size_t& taken = m_taken[l]; taken < spans.size(); ++taken)
                f(spans[taken]);
        }
    }
    void reset() { m_taken.clear(); }

private:
    std::vector<std::size_t> m_taken; // per lane
};
