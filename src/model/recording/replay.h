#pragma once

// Replay: a finished run shown as it was at any moment. It feeds the saved run's messages
// (processes starting, exiting, being joined, their output, signals sent) and its events, in
// time order, into a new Recording — the same steps a live run takes — so every view of a
// recording shows the run at that time, open spans, queue depths and lock holders included.
//
// Going forward only adds what happened since the last position; going back starts again.

#include "model/recording/recording.h"

#include <memory>
#include <vector>

class Replay {
public:
    // `full` must outlive the Replay.
    explicit Replay(const Recording& full);

    [[nodiscard]] const Recording& full() const { return m_full; }
    [[nodiscard]] qint64 endNs() const { return m_full.durationNs(); }
    [[nodiscard]] qint64 positionNs() const { return m_positionNs; }

    // A recording of the run at its start (time 0): scenario and main process only.
    [[nodiscard]] std::unique_ptr<Recording> restart();
    // Brings `partial` (from restart(), then only advanced) to `tNs`. At endNs() the run is
    // finished and its result set.
    void advance(qint64 tNs, Recording& partial);

private:
    // A message of the saved run, in the order it is fed.
    struct Step {
        enum class Kind { Start, Exit, Join, Log, Signal };
        Kind kind = Kind::Start;
        qint64 timeNs = 0; // since the run started
        int lane = 0; // of the full recording
        std::size_t index = 0; // Log: the entry; Signal: the mark in the lane's list
    };

    const Recording& m_full;
    std::vector<Step> m_steps; // messages, in time order
    std::size_t m_nextStep = 0;
    std::size_t m_nextEvent = 0;
    qint64 m_positionNs = 0;
    bool m_finished = false;
};
