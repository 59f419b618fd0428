#include "model/processtablemodel.h"

#include "model/textformat.h"

#include <QCoreApplication>

int ProcessTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ProcessTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QString ProcessTableModel::roleText(const ProcessRow& row)
{
    const QString role = QCoreApplication::translate("Role", row.role.toUtf8().constData());
    return row.daemon ? tr("%1 (daemon)").arg(role) : role;
}

QString ProcessTableModel::stateText(const ProcessRow& row)
{
    if (row.isMain && row.state != ProcessRow::State::Running)
        return tr("finished");
    switch (row.state) {
    case ProcessRow::State::Running:
        return row.stopped ? tr("stopped (SIGSTOP)") : tr("running");
    case ProcessRow::State::Exited:
        return tr("exited, not joined");
    case ProcessRow::State::Joined:
        return tr("joined");
    }
    return {};
}

QVariant ProcessTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProcessRow& row = m_rows.at(index.row());
    if (role == PidRole)
        return row.pid;
    if (role == StateRole)
        return static_cast<int>(row.state);
    if (role == ExitCodeRole)
        return row.exitCode ? QVariant(*row.exitCode) : QVariant();
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case PidColumn: case PpidColumn: case CpuColumn: case RssColumn: case TasksColumn: case ExitColumn: case StartColumn: case EndColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == StateColumn && row.state == ProcessRow::State::Exited && !row.isMain)
        return tr("The process has exited, but its parent has not joined it yet: until then it is a zombie.");
    if (role == SortRole) {
        switch (index.column()) {
        case PidColumn: return row.pid;
        case PpidColumn: return row.ppid;
        case StateColumn: return static_cast<int>(row.state);
        case ExitColumn: return row.exitCode ? QVariant(*row.exitCode) : QVariant();
        case CpuColumn: return row.cpuPercent;
        case RssColumn: return row.rssBytes;
        case TasksColumn: return row.tasksDone;
        case StartColumn: return row.startNs;
        case EndColumn: return row.endNs ? QVariant(*row.endNs) : QVariant();
        default: break;
        }
        role = Qt::DisplayRole;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn: return row.name;
    case RoleColumn: return roleText(row);
    case PidColumn: return row.pid;
    case PpidColumn: return row.ppid;
    case StateColumn: return stateText(row);
    case ExitColumn: return TextFormat::exitCode(row.exitCode);
    case CpuColumn: return row.cpuPercent >= 0 ? TextFormat::percent(row.cpuPercent) : QString();
    case RssColumn: return row.rssBytes >= 0 ? TextFormat::mebibytes(row.rssBytes) : QString();
    case TasksColumn: return row.tasksDone > 0 ? QString::number(row.tasksDone) : QString();
    case StartColumn: return TextFormat::secondsWithUnit(row.startNs);
    case EndColumn: return row.endNs ? TextFormat::secondsWithUnit(*row.endNs) : QString();
    }
    return {};
}

QVariant ProcessTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
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
    case ExitColumn: return tr("Exit code");
    case StartColumn: return tr("Started");
    case EndColumn: return tr("Ended");
    }
    return {};
}

void ProcessTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void ProcessTableModel::addProcess(const ProcessRow& row)
{
    const int at = static_cast<int>(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(row);
    endInsertRows();
}

int ProcessTableModel::rowOf(qint64 pid) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].pid == pid)
            return i;
    }
    return -1;
}

const ProcessRow* ProcessTableModel::find(qint64 pid) const
{
    const int row = rowOf(pid);
    return row < 0 ? nullptr : &m_rows[row];
}

void ProcessTableModel::rowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, NUM_COLUMNS - 1));
}

const ProcessRow* ProcessTableModel::markExited(qint64 pid, std::optional<int> exitCode, qint64 tNs)
{
    const int row = rowOf(pid);
    if (row < 0)
        return nullptr;
    ProcessRow& r = m_rows[row];
    r.exitCode = exitCode;
    r.endNs = tNs;
    if (r.state == ProcessRow::State::Running)
        r.state = ProcessRow::State::Exited;
    rowChanged(row);
    return &r;
}

const ProcessRow* ProcessTableModel::markJoined(qint64 pid, qint64 tNs)
{
    const int row = rowOf(pid);
    if (row < 0)
        return nullptr;
    ProcessRow& r = m_rows[row];
    r.joinNs = tNs;
    r.state = ProcessRow::State::Joined;
    rowChanged(row);
    return &r;
}

void ProcessTableModel::setUsage(const QVector<Usage>& usage)
{
    if (usage.isEmpty() || m_rows.isEmpty())
        return;
    for (const Usage& u : usage) {
        if (const int row = rowOf(u.pid); row >= 0) {
            m_rows[row].cpuPercent = u.cpuPercent;
            m_rows[row].rssBytes = u.rssBytes;
            m_rows[row].stopped = u.stopped;
        }
    }
    static_assert(StateColumn < CpuColumn && CpuColumn < RssColumn, "one range covers what a sample changes");
    emit dataChanged(index(0, StateColumn), index(rowCount() - 1, RssColumn));
}

void ProcessTableModel::setTasksDone(const QVector<QPair<qint64, quint64>>& done)
{
    bool changed = false;
    for (const auto& [pid, count] : done) {
        if (const int row = rowOf(pid); row >= 0 && m_rows[row].tasksDone != count) {
            m_rows[row].tasksDone = count;
            changed = true;
        }
    }
    if (changed)
        emit dataChanged(index(0, TasksColumn), index(rowCount() - 1, TasksColumn));
}

void ProcessTableModel::setStopped(qint64 pid, bool stopped)
{
    if (const int row = rowOf(pid); row >= 0 && m_rows[row].stopped != stopped) {
        m_rows[row].stopped = stopped;
        rowChanged(row);
    }
}
