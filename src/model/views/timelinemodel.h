#pragma once

// TimelineModel: what the timeline draws, from a Recording. One row per process (a list model of
// lanes, for headers and selection), each lane's spans kept sorted by start in three bands —
// states, tasks, and the waits and holds inside them — and, for a time window and a scale, the
// blocks to draw: spans narrower than a pixel are merged with their neighbours into one block
// (Tracy's level of detail), so a lane of a million spans costs a few hundred rectangles.

#include "model/recording/recording.h"
#include "model/recording/recordingview.h"
#include "model/views/flowindex.h"

#include <QAbstractListModel>

#include <array>
#include <vector>

class TimelineModel : public QAbstractListModel, public RecordingView {
    Q_OBJECT

public:
    enum Roles { PidRole = Qt::UserRole, RoleRole, ExitCodeRole, ExitNsRole };
    enum class Band { State, Task, Detail, NUM_BANDS };
    static constexpr int kBands = static_cast<int>(Band::NUM_BANDS);

    // A span to draw, or `merged` spans drawn as one (then kind and the rest are the first's).
    struct Block {
        qint64 beginNs = 0;
        qint64 endNs = 0;
        SpanKind kind = SpanKind::State;
        quint8 detail = 0;
        quint32 object = 0;
        quint64 task = 0;
        int merged = 1; // for a summary's Task block: the tasks that ended in it
        bool open = false; // still going
        // Past the detail kept (Recording::detailEndNs): from the lane's summary, the state it
        // spent most of the block in (State band) or the tasks that ended in it (Task band).
        bool summary = false;
    };

    using QAbstractListModel::QAbstractListModel;

    // The lane of the latest process with this pid, or -1.
    [[nodiscard]] int laneOfPid(qint64 pid) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;

    // The run's length so far: its last event, or while it runs, the live end when later.
    [[nodiscard]] qint64 durationNs() const;
    // Where "now" is during a live run (ns since it started), so what is still going reaches
    // it even when no event arrives; 0 once the run is over.
    void setLiveEndNs(qint64 ns);
    [[nodiscard]] static Band bandOf(SpanKind kind);

    // The blocks of `lane`'s `band` that meet [fromNs, toNs), in time order, at `nsPerPixel`.
    [[nodiscard]] std::vector<Block> blocks(int lane, Band band, qint64 fromNs, qint64 toNs, double nsPerPixel) const;
    // The innermost span under `timeNs` in that band (within `toleranceNs`), for tooltips.
    [[nodiscard]] std::optional<Block> blockAt(int lane, Band band, qint64 timeNs, qint64 toleranceNs) const;
    [[nodiscard]] std::size_t spanCount() const; // closed spans taken in, every lane and band

    // Put → get arrows, indexed only once asked for (a pass over the events, then as they come).
    void setFlowsShown(bool shown);
    [[nodiscard]] bool flowsShown() const { return m_flowsShown; }
    // The arrows crossing [fromNs, toNs), at most `limit`; none unless shown.
    [[nodiscard]] std::vector<FlowIndex::Flow> flows(qint64 fromNs, qint64 toNs, std::size_t limit) const;

    // The signals sent to `lane`'s process from ForkScope, in time order.
    [[nodiscard]] std::vector<SignalMark> signalMarks(int lane) const;
    // When it was stopped: from each SIGSTOP to the next SIGCONT, or to its end (or now).
    [[nodiscard]] std::vector<std::pair<qint64, qint64>> stoppedIntervals(int lane) const;

private:
    void reset() override;
    void takeIn(const Recording& run) override;
    // A band refers to the recording's spans rather than copying them: a copy and its index
    // cost 40 bytes a span, a third of a long run's memory; this costs 12.
    struct BandSpans {
        std::vector<quint32> order; // indices into the Lane's spans, by start
        std::vector<qint64> maxEnd; // maxEnd[i]: the latest end among the spans order[0..i]
        void add(const std::vector<Span>& spans, std::size_t index);
    };
    struct LaneSpans {
        std::array<BandSpans, kBands> bands;
        std::size_t taken = 0; // of the Lane's spans
    };
    [[nodiscard]] std::optional<Block> openBlock(int lane, Band band) const;
    // The summary's blocks of `lane` over [fromNs, toNs), past the detail kept.
    void addSummaryBlocks(std::vector<Block>& out, int lane, Band band, qint64 fromNs, qint64 toNs,
                          double nsPerPixel) const;

    std::vector<LaneSpans> m_lanes;
    qint64 m_liveEndNs = 0;
    FlowIndex m_flows;
    bool m_flowsShown = false;
};
