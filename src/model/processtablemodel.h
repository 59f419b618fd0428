#pragma once

#include <QAbstractTableModel>
#include <QVector>

#include <optional>

// One process of a run as the table shows it. Times are nanoseconds since the run started.
struct ProcessRow {
    enum class State { Running, Exited, Joined };

    QString name;
    QString role; // English; shown translated in the "Role" context
    qint64 pid = 0;
    qint64 ppid = 0;
    bool daemon = false;
    bool isMain = false; // the scenario's main process (Python's MainProcess)
    State state = State::Running;
    std::optional<int> exitCode; // Python's exitcode: status, or -signal
    qint64 startNs = 0;
    std::optional<qint64> endNs;
    std::optional<qint64> joinNs;
    double cpuPercent = -1; // sampled from /proc while it runs; -1 not yet
    qint64 rssBytes = -1;
    bool stopped = false; // running, but stopped by SIGSTOP until SIGCONT
    quint64 tasksDone = 0; // from its telemetry

    [[nodiscard]] std::optional<qint64> lifetimeNs() const
    {
        return endNs ? std::optional<qint64>(*endNs - startNs) : std::nullopt;
    }
};

// The processes of the current run: the main process first, then its children in start order.
class ProcessTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Columns { NameColumn, RoleColumn, PidColumn, PpidColumn, StateColumn, CpuColumn, RssColumn, TasksColumn, ExitColumn, StartColumn, EndColumn, NUM_COLUMNS };
    enum Roles { SortRole = Qt::UserRole, PidRole, StateRole, ExitCodeRole };

    using QAbstractTableModel::QAbstractTableModel;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void clear();
    void addProcess(const ProcessRow& row);
    // Return the updated row, or nullptr for an unknown pid.
    const ProcessRow* markExited(qint64 pid, std::optional<int> exitCode, qint64 tNs);
    const ProcessRow* markJoined(qint64 pid, qint64 tNs);
    // CPU % and resident memory of running processes, all at once (one dataChanged).
    struct Usage {
        qint64 pid;
        double cpuPercent;
        qint64 rssBytes;
        bool stopped; // by SIGSTOP (state T), from ForkScope or anywhere else
    };
    void setUsage(const QVector<Usage>& usage);
    // Shown at once when ForkScope sends SIGSTOP or SIGCONT; the next sample confirms it.
    void setStopped(qint64 pid, bool stopped);
    // Each process's finished tasks, (pid, count) — one update of the column for all of them.
    void setTasksDone(const QVector<QPair<qint64, quint64>>& done);

    [[nodiscard]] const QVector<ProcessRow>& rows() const { return m_rows; }
    [[nodiscard]] const ProcessRow* find(qint64 pid) const;

    [[nodiscard]] static QString stateText(const ProcessRow& row);
    [[nodiscard]] static QString roleText(const ProcessRow& row);

private:
    int rowOf(qint64 pid) const;
    void rowChanged(int row);

    QVector<ProcessRow> m_rows;
};
