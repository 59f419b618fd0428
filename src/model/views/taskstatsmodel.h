#pragma once

// TaskStatsModel: the tasks of a run — how long they took (Recording::taskNs(), as bins for a
// histogram), how many finished per second over time (from the lanes' closed task spans), and a
// few summary rows (count, failed, p50/p95/max, mean throughput) for a table or one line of text.
// follow() takes in only what the recording gained since the last call.

#include "model/recording/loghistogram.h"
#include "model/recording/recording.h"
#include "model/recording/recordingview.h"
#include "model/recording/spancursor.h"

#include <QAbstractTableModel>
#include <QPointF>

#include <vector>

class TaskStatsModel : public QAbstractTableModel, public RecordingView {
    Q_OBJECT

public:
    enum Columns { NameColumn, ValueColumn, NUM_COLUMNS };
    enum Rows { CountRow, FailedRow, MedianRow, P95Row, MaxRow, ThroughputRow, NUM_ROWS };
    // On the value column: the raw figure (a count, ns, or tasks per second).
    enum Roles { ValueRole = Qt::UserRole };

    using QAbstractTableModel::QAbstractTableModel;

    // NUM_ROWS rows while a recording is shown.
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    [[nodiscard]] qint64 durationNs() const { return recording() ? recording()->durationNs() : 0; }
    [[nodiscard]] quint64 taskCount() const { return recording() ? recording()->tasksDone() : 0; }
    // Tasks finished per second over the run so far.
    [[nodiscard]] double meanThroughput() const;
    // Task durations (ns) as bins, `perOctave` per power of two.
    [[nodiscard]] std::vector<LogHistogram::Bin> durationHistogram(int perOctave = 4) const;
    // [fromNs, toNs] cut in `buckets` equal buckets: per bucket, its middle in seconds since the
    // run started and the tasks that ended in it per second. Once the recording stopped keeping
    // events, from the lanes' summaries (every task, at the summary's grain).
    [[nodiscard]] std::vector<QPointF> throughput(qint64 fromNs, qint64 toNs, int buckets) const;
    // "Tasks: 412, failed: 3; duration p50 12.10 ms, p95 …, max …; 85.2 tasks/s"
    [[nodiscard]] QString summaryText() const;

private:
    void reset() override;
    void takeIn(const Recording& run) override;
    struct Seen {
        quint64 count = 0, failed = 0;
        qint64 durationNs = 0;
        bool operator==(const Seen&) const = default;
    };
    [[nodiscard]] Seen seen() const;
    [[nodiscard]] QVariant value(int row) const;
    [[nodiscard]] QString valueText(int row) const;

    std::vector<qint64> m_endsNs; // of the task spans, in time order
    SpanCursor m_spans;
    Seen m_seen;
};
