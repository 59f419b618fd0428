#pragma once

// LockSeriesModel: each lock of a run — one row per lock with its counts, who holds it now and
// its wait and hold percentiles (from Recording::locks()), and, for charts, how many processes
// wait for it over time (from the lanes' closed lock-wait spans) and its wait and hold
// distributions. follow() takes in only what the recording gained since the last call.

#include "model/recording/loghistogram.h"
#include "model/recording/recording.h"
#include "model/recording/recordingview.h"
#include "model/recording/spancursor.h"

#include <QAbstractTableModel>
#include <QPointF>

#include <map>
#include <vector>

class LockSeriesModel : public QAbstractTableModel, public RecordingView {
    Q_OBJECT

public:
    enum Columns {
        NameColumn,
        AcquisitionsColumn,
        ContendedColumn,
        OwnerDiedColumn,
        HolderColumn,
        WaitP50Column,
        WaitP95Column,
        WaitMaxColumn,
        HoldP50Column,
        HoldP95Column,
        HoldMaxColumn,
        NUM_COLUMNS
    };
    // On any column: the raw figure behind the text (counts, ns; the holder's pid, or no value).
    enum Roles { LockIdRole = Qt::UserRole, ValueRole, HolderPidRole, MaxWaitersRole };

    using QAbstractTableModel::QAbstractTableModel;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    [[nodiscard]] quint32 lockId(int row) const;
    [[nodiscard]] qint64 durationNs() const { return recording() ? recording()->durationNs() : 0; }
    // Processes waiting for the lock against seconds since the run started, as steps, for the
    // window [fromNs, toNs]: at most four points per pixel column, its lowest and highest included.
    // A wait counts over [begin, end]: one that ends when another starts overlaps it.
    [[nodiscard]] std::vector<QPointF> waiters(int row, qint64 fromNs, qint64 toNs, int columns) const;
    // Its wait times (ns) as bins, `perOctave` per power of two: those of the acquisitions that
    // waited (contended ones); the others waited 0 ns, which a log scale cannot show. And its hold
    // times, all of them.
    [[nodiscard]] std::vector<LogHistogram::Bin> waitHistogram(int row, int perOctave = 4) const;
    [[nodiscard]] std::vector<LogHistogram::Bin> holdHistogram(int row, int perOctave = 4) const;

private:
    void reset() override;
    void takeIn(const Recording& run) override;
    // The waiter count as steps: each wait adds +1 at its begin and -1 just after its end.
    struct Waits {
        std::vector<qint32> deltas;
        std::vector<std::pair<qint64, qint32>> levels; // time, waiters from then on
        qint32 peak = 0;
        std::size_t add(qint64 timeNs, qint32 delta); // where it went; levels are stale from there
        void relevel(std::size_t from);
    };
    // What a row showed at the last refresh, to tell views only about what changed.
    struct Seen {
        quint64 acquisitions = 0, contended = 0, ownerDied = 0, holds = 0;
        int holderLane = -1;
        qint32 peak = 0;
        bool operator==(const Seen&) const = default;
    };
    [[nodiscard]] const LockStats* stats(int row) const;
    [[nodiscard]] Seen seen(int row) const;
    [[nodiscard]] QVariant holderPid(const LockStats& lock) const; // no value when free

    std::vector<quint32> m_ids; // the rows: lock ids in ascending order
    std::vector<Seen> m_seen;
    std::map<quint32, Waits> m_waits;
    SpanCursor m_spans;
};
