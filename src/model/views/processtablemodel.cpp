#include "model/views/processtablemodel.h"

#include "model/views/changedrows.h"

#include "model/recording/recording.h"
#include "model/report/textformat.h"

#include <QCoreApplication>

int ProcessTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}

int ProcessTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

void ProcessTableModel::reset()
{
    beginResetModel();
    m_shown.clear();
    m_usage.clear();
    endResetModel();
}

void ProcessTableModel::takeIn(const Recording& run)
{
    const int lanes = static_cast<int>(run.lanes().size());
    if (const auto rows = changedRows(m_shown, [this](int row) { return shown(row); }))
        emit dataChanged(index(rows->first, 0), index(rows->second, NUM_COLUMNS - 1));
    if (lanes > rowCount()) {
        beginInsertRows({}, rowCount(), lanes - 1);
        for (int row = rowCount(); row < lanes; ++row)
            m_shown.push_back(shown(row));
        endInsertRows();
    }
}

void ProcessTableModel::setUsage(const QVector<ProcessUsage>& usage)
{
    m_usage.clear();
    for (const ProcessUsage& u : usage)
        m_usage.insert(u.pid, u);
    if (rowCount() == 0)
        return;
    for (int row = 0; row < rowCount(); ++row)
        m_shown[static_cast<std::size_t>(row)].stopped = stopped(row);
    static_assert(StateColumn < CpuColumn && CpuColumn < RssColumn, "one range covers what a sample changes");
    emit dataChanged(index(0, StateColumn), index(rowCount() - 1, RssColumn));
}

ProcessTableModel::Shown ProcessTableModel::shown(int row) const
{
    const Lane& lane = recording()->lanes()[static_cast<std::size_t>(row)];
    const double blocked = blockedShare(row);
    return Shown{!lane.name.isEmpty(), recording()->stateOf(row), stopped(row), lane.tasksDone,
                 blocked < 0 ? -1 : static_cast<int>(blocked * 1000)};
}

double ProcessTableModel::blockedShare(int row) const
{
    const auto blocked = recording()->blockedTimes(row);
    const qint64 life = lifeNs(row);
    if (!blocked || life <= 0)
        return -1;
    return std::min(1.0, static_cast<double>(blocked->total()) / static_cast<double>(life));
}

qint64 ProcessTableModel::lifeNs(int row) const
{
    const Lane& lane = recording()->lanes()[static_cast<std::size_t>(row)];
    const qint64 end = recording()->endOf(row) >= 0 ? recording()->endOf(row) : recording()->durationNs();
    return end - std::max<qint64>(0, lane.startNs);
}

QString ProcessTableModel::blockedText(int row) const
{
    const auto blocked = recording()->blockedTimes(row);
    if (!blocked)
        return tr("Not known exactly: a full ring dropped some of this process's events.");
    const auto life = static_cast<double>(std::max<qint64>(1, lifeNs(row)));
    QStringList lines;
    auto line = [&](const QString& what, qint64 ns) {
        lines << tr("%1: %2 (%3)").arg(what, TextFormat::duration(ns), TextFormat::percent(100.0 * double(ns) / life));
    };
    using forkscope::core::WorkerState;
    line(TextFormat::workerState(quint8(WorkerState::BlockedOnPut)), blocked->putNs);
    line(TextFormat::workerState(quint8(WorkerState::BlockedOnGet)), blocked->getNs);
    line(TextFormat::workerState(quint8(WorkerState::WaitingForLock)), blocked->lockNs);
    QString text = tr("Of %1 alive:\n%2").arg(TextFormat::duration(lifeNs(row)), lines.join(QLatin1Char('\n')));
    if (const auto states = recording()->timeInStates(row)) {
        lines.clear();
        for (std::size_t s = 0; s < states->size(); ++s) {
            if ((*states)[s] > 0)
                line(TextFormat::workerState(static_cast<quint8>(s)), (*states)[s]);
        }
        if (!lines.isEmpty())
            text += tr("\nIn the states it reported (blocked calls happen while running):\n%1")
                        .arg(lines.join(QLatin1Char('\n')));
    }
    return text;
}

const ProcessUsage* ProcessTableModel::usage(int row) const
{
    if (recording()->stateOf(row) != ProcessState::Running)
        return nullptr; // an earlier process with a pid that came back is not sampled
    const auto it = m_usage.constFind(recording()->lanes()[static_cast<std::size_t>(row)].pid);
    return it == m_usage.constEnd() ? nullptr : &*it;
}

bool ProcessTableModel::stopped(int row) const
{
    if (recording()->stateOf(row) != ProcessState::Running)
        return false;
    // /proc knows best while the run goes on (a SIGSTOP may come from anywhere); a saved or
    // replayed run has only ForkScope's own signals.
    const ProcessUsage* sample = usage(row);
    return sample ? sample->stopped : recording()->lanes()[static_cast<std::size_t>(row)].stoppedByForkScope();
}

QString ProcessTableModel::roleText(const Lane& lane)
{
    const QString role = QCoreApplication::translate("Role", lane.role.toUtf8().constData());
    return lane.daemon ? tr("%1 (daemon)").arg(role) : role;
}

QString ProcessTableModel::stateText(ProcessState state, bool isMain, bool stopped)
{
    if (isMain && state != ProcessState::Running)
        return tr("finished");
    switch (state) {
    case ProcessState::Running: return stopped ? tr("stopped (SIGSTOP)") : tr("running");
    case ProcessState::Exited: return tr("exited, not joined");
    case ProcessState::Joined: return tr("joined");
    }
    return {};
}

QVariant ProcessTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Recording& run = *recording();
    const Lane& lane = run.lanes()[static_cast<std::size_t>(row)];
    const bool isMain = row == Recording::kMainLane;
    const ProcessState state = run.stateOf(row);
    const qint64 endNs = run.endOf(row);
    const ProcessUsage* sample = usage(row);
    if (role == PidRole)
        return lane.pid;
    if (role == StateRole)
        return static_cast<int>(state);
    if (role == ExitCodeRole)
        return lane.exitCode ? QVariant(*lane.exitCode) : QVariant();
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case PidColumn:
        case PpidColumn:
        case CpuColumn:
        case RssColumn:
        case TasksColumn:
        case BlockedColumn:
        case ExitColumn:
        case StartColumn:
        case EndColumn: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == StateColumn && state == ProcessState::Exited)
        return tr("The process has exited, but its parent has not joined it yet: until then it is a zombie.");
    if (role == Qt::ToolTipRole && index.column() == BlockedColumn)
        return blockedText(row);
    const qint64 startNs = std::max<qint64>(0, lane.startNs);
    if (role == SortRole) {
        switch (index.column()) {
        case PidColumn: return lane.pid;
        case PpidColumn: return lane.ppid;
        case StateColumn: return static_cast<int>(state);
        case ExitColumn: return lane.exitCode ? QVariant(*lane.exitCode) : QVariant();
        case CpuColumn: return sample ? sample->cpuPercent : -1.0;
        case RssColumn: return sample ? sample->rssBytes : qint64{-1};
        case TasksColumn: return lane.tasksDone;
        case BlockedColumn: return blockedShare(row);
        case StartColumn: return startNs;
        case EndColumn: return endNs >= 0 ? QVariant(endNs) : QVariant();
        default: break;
        }
        role = Qt::DisplayRole;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn: return lane.name;
    case RoleColumn: return roleText(lane);
    case PidColumn: return lane.pid;
    case PpidColumn: return lane.ppid;
    case StateColumn: return stateText(state, isMain, stopped(row));
    case ExitColumn: return TextFormat::exitCode(lane.exitCode);
    case CpuColumn: return sample && sample->cpuPercent >= 0 ? TextFormat::percent(sample->cpuPercent) : QString();
    case RssColumn: return sample && sample->rssBytes >= 0 ? TextFormat::mebibytes(sample->rssBytes) : QString();
    case TasksColumn: return lane.tasksDone > 0 ? QString::number(lane.tasksDone) : QString();
    case BlockedColumn: {
        const double share = blockedShare(row);
        return share < 0 ? QString() : TextFormat::percent(100 * share);
    }
    case StartColumn: return TextFormat::secondsWithUnit(startNs);
    case EndColumn: return endNs >= 0 ? TextFormat::secondsWithUnit(endNs) : QString();
    }
    return {};
}

QVariant ProcessTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == BlockedColumn)
        return tr("The share of the process's time it spent blocked on a queue (put or get) or waiting for a "
                  "lock, as the process measured it itself. Hover over a cell for the time in each state.");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Name");
    case RoleColumn: return tr("Role");
    case PidColumn: return tr("PID");
    case PpidColumn: return tr("PPID");
    case StateColumn: return tr("State");
    case CpuColumn: return tr("CPU");
    case RssColumn: return tr("RSS");
    case TasksColumn: return tr("Tasks");
    case BlockedColumn: return tr("Blocked");
    case ExitColumn: return tr("Exit code");
    case StartColumn: return tr("Started");
    case EndColumn: return tr("Ended");
    }
    return {};
}
