#pragma once

// RecordingView: what every view of a run has in common. A run's Recording is its one truth —
// live, opened from a file, or replayed up to a moment — and each view (the process table, the
// output, the timeline, the charts) reads it, as Tracy's views read its Worker. A view shows one
// recording at a time; follow() is all its owner calls, on every frame or change:
// - another recording (a new run, an opened file, a replay going back in time): forget all, then
//   take in the new one from its start;
// - the same one: take in only what it gained since the last call.
// Recordings only grow, so "what it gained" is always a suffix: new lanes, new log lines, new
// closed spans, changed figures of existing rows.

class Recording;

class RecordingView {
public:
    virtual ~RecordingView() = default;

    // `recording` (or none) must outlive its use here, or be replaced first.
    void follow(const Recording* recording)
    {
        if (recording != m_recording) {
            m_recording = recording;
            reset();
        }
        if (m_recording)
            takeIn(*m_recording);
    }
    [[nodiscard]] const Recording* recording() const { return m_recording; }

protected:
    RecordingView() = default;
    RecordingView(const RecordingView&) = delete;
    RecordingView& operator=(const RecordingView&) = delete;

    // recording() has just changed (it may be null): drop whatever was taken from the last one.
    virtual void reset() = 0;
    // Take in what `recording` gained since the last call (everything, after reset()).
    virtual void takeIn(const Recording& recording) = 0;

private:
    const Recording* m_recording = nullptr;
};
