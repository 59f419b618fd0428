#pragma once

// ProcessTableModel: the processes of a run, one row per lane of its Recording (the main process
// first, then its children in start order), with a side table of what /proc says about the live
// ones (CPU %, resident memory, stopped). The recording is the truth; this only reads it.

#include "model/live/procsampler.h"
#include "model/recording/recording.h"
#include "model/recording/recordingview.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QVector>

#include <vector>

class ProcessTableModel : public QAbstractTableModel, public RecordingView {
    Q_OBJECT

public:
    enum Columns {
        NameColumn,
        RoleColumn,
        PidColumn,
        PpidColumn,
        StateColumn,
        CpuColumn,
        RssColumn,
        TasksColumn,
        BlockedColumn, // share of its time blocked on a queue or waiting for a lock
        ExitColumn,
        StartColumn,
        EndColumn,
        NUM_COLUMNS
    };
    enum Roles { SortRole = Qt::UserRole, PidRole, StateRole, ExitCodeRole };

    using QAbstractTableModel::QAbstractTableModel;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // The latest samples of the running processes, all at once (one dataChanged); a process not
    // in them shows no CPU or memory. A new recording clears them.
    void setUsage(const QVector<ProcessUsage>& usage);

    [[nodiscard]] static QString stateText(ProcessState state, bool isMain, bool stopped);
    [[nodiscard]] static QString roleText(const Lane& lane);

private:
    void reset() override;
    void takeIn(const Recording& run) override;
    // What a row showed, to tell the view only about the rows that changed.
    struct Shown {
        bool named = false; // a lane can come before its start message, and get its name then
        ProcessState state = ProcessState::Running;
        bool stopped = false;
        quint64 tasksDone = 0;
        int blockedPermille = -1;
        bool operator==(const Shown&) const = default;
    };
    [[nodiscard]] Shown shown(int row) const;
    // The share of the process's life it spent blocked on a queue or waiting for a lock, 0..1,
    // and the breakdown for the tooltip; -1 when not known exactly.
    [[nodiscard]] double blockedShare(int row) const;
    [[nodiscard]] QString blockedText(int row) const;
    [[nodiscard]] qint64 lifeNs(int row) const; // from its start to its end, or as far as known
    [[nodiscard]] const ProcessUsage* usage(int row) const; // only while it runs
    [[nodiscard]] bool stopped(int row) const;

    std::vector<Shown> m_shown;
    QHash<qint64, ProcessUsage> m_usage; // by pid
};
