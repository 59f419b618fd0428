#include "model/views/lockseriesmodel.h"

#include "model/report/textformat.h"
#include "model/views/changedrows.h"
#include "model/views/stepseries.h"

#include <algorithm>

std::size_t LockSeriesModel::Waits::add(qint64 timeNs, qint32 delta)
{
    // By time, and at one time the starts before the ends, so that the order (and the peak) does
    // not depend on which lane's spans were read first. Waits close nearly in time order: this
    // is almost always an append.
    auto before = [&](std::size_t i) {
        return timeNs != levels[i].first ? timeNs < levels[i].first : delta > deltas[i];
    };
    std::size_t at = levels.size();
    while (at > 0 && before(at - 1))
        --at;
    deltas.insert(deltas.begin() + static_cast<std::ptrdiff_t>(at), delta);
    levels.insert(levels.begin() + static_cast<std::ptrdiff_t>(at), {timeNs, 0});
    return at;
}

void LockSeriesModel::Waits::relevel(std::size_t from)
{
    // A wait raises the level only inside itself: the levels before `from` stand, and the peak
    // can only grow.
    qint32 level = from > 0 ? levels[from - 1].second : 0;
    for (std::size_t i = from; i < levels.size(); ++i) {
        level += deltas[i];
        levels[i].second = level;
        peak = std::max(peak, level);
    }
}

void LockSeriesModel::reset()
{
    beginResetModel();
    m_ids.clear();
    m_seen.clear();
    m_waits.clear();
    m_spans.reset();
    endResetModel();
}

void LockSeriesModel::takeIn(const Recording& run)
{
    // The waits that closed since the last call.
    std::map<quint32, std::size_t> stale; // lock -> its first level to recompute
    m_spans.readNew(run, [&](const Span& s) {
        if (s.kind != SpanKind::LockWait)
            return;
        Waits& waits = m_waits[s.object];
        const std::size_t begin = waits.add(s.beginNs, +1);
        waits.add(s.endNs, -1); // after its begin
        auto [it, added] = stale.try_emplace(s.object, begin);
        it->second = std::min(it->second, begin);
    });
    for (const auto& [id, from] : stale)
        m_waits[id].relevel(from);

    // New locks become rows where their id sorts, as Recording::locks() does.
    std::size_t row = 0;
    for (const auto& entry : run.locks()) {
        if (row < m_ids.size() && m_ids[row] == entry.first) {
            ++row;
            continue;
        }
        const int at = static_cast<int>(row);
        beginInsertRows({}, at, at);
        m_ids.insert(m_ids.begin() + at, entry.first);
        m_seen.insert(m_seen.begin() + at, seen(at));
        endInsertRows();
        ++row;
    }

    // The rows whose figures moved: counts, holder, percentiles, peak.
    if (const auto rows = changedRows(m_seen, [this](int r) { return seen(r); }))
        emit dataChanged(index(rows->first, 0), index(rows->second, NUM_COLUMNS - 1));
}

const LockStats* LockSeriesModel::stats(int row) const
{
    const auto it = recording()->locks().find(m_ids[static_cast<std::size_t>(row)]);
    return it != recording()->locks().end() ? &it->second : nullptr;
}

LockSeriesModel::Seen LockSeriesModel::seen(int row) const
{
    Seen s;
    if (const LockStats* l = stats(row))
        s = Seen{l->acquisitions, l->contended, l->ownerDied, l->holdNs.count(), l->holderLane, 0};
    if (const auto w = m_waits.find(m_ids[static_cast<std::size_t>(row)]); w != m_waits.end())
        s.peak = w->second.peak;
    return s;
}

int LockSeriesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
}

int LockSeriesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

quint32 LockSeriesModel::lockId(int row) const
{
    return row >= 0 && row < rowCount() ? m_ids[static_cast<std::size_t>(row)] : 0;
}

QVariant LockSeriesModel::holderPid(const LockStats& lock) const
{
    const auto& lanes = recording()->lanes();
    if (lock.holderLane < 0 || static_cast<std::size_t>(lock.holderLane) >= lanes.size())
        return {};
    return lanes[static_cast<std::size_t>(lock.holderLane)].pid;
}

QVariant LockSeriesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !recording())
        return {};
    const quint32 id = m_ids[static_cast<std::size_t>(index.row())];
    const LockStats* lock = stats(index.row());
    if (!lock)
        return {};
    const QVariant holder = holderPid(*lock);
    // The raw figure of each column; durations in ns.
    auto value = [&]() -> QVariant {
        switch (index.column()) {
        case NameColumn: return id;
        case AcquisitionsColumn: return lock->acquisitions;
        case ContendedColumn: return lock->contended;
        case OwnerDiedColumn: return lock->ownerDied;
        case HolderColumn: return holder;
        case WaitP50Column: return qint64{lock->waitNs.percentile(0.5)};
        case WaitP95Column: return qint64{lock->waitNs.percentile(0.95)};
        case WaitMaxColumn: return qint64{lock->waitNs.max()};
        case HoldP50Column: return qint64{lock->holdNs.percentile(0.5)};
        case HoldP95Column: return qint64{lock->holdNs.percentile(0.95)};
        case HoldMaxColumn: return qint64{lock->holdNs.max()};
        default: return {};
        }
    };
    switch (role) {
    case Qt::DisplayRole: {
        const int column = index.column();
        if (column == NameColumn)
            return tr("Lock %1").arg(id);
        if (column == HolderColumn)
            return holder.isValid() ? holder.toString() : tr("—");
        const LogHistogram& times = column >= HoldP50Column ? lock->holdNs : lock->waitNs;
        if (column >= WaitP50Column)
            return times.count() ? TextFormat::duration(value().toLongLong()) : tr("—");
        return value();
    }
    case Qt::TextAlignmentRole:
        return index.column() == NameColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case LockIdRole: return id;
    case ValueRole: return value();
    case HolderPidRole: return holder;
    case MaxWaitersRole: {
        const auto w = m_waits.find(id);
        return w != m_waits.end() ? w->second.peak : 0;
    }
    default: return {};
    }
}

QVariant LockSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Lock");
    case AcquisitionsColumn: return tr("Acquisitions");
    case ContendedColumn: return tr("Contended");
    case OwnerDiedColumn: return tr("Owner died");
    case HolderColumn: return tr("Holder PID");
    case WaitP50Column: return tr("Wait p50");
    case WaitP95Column: return tr("Wait p95");
    case WaitMaxColumn: return tr("Wait max");
    case HoldP50Column: return tr("Hold p50");
    case HoldP95Column: return tr("Hold p95");
    case HoldMaxColumn: return tr("Hold max");
    default: return {};
    }
}

std::vector<QPointF> LockSeriesModel::waiters(int row, qint64 fromNs, qint64 toNs, int columns) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const auto w = m_waits.find(m_ids[static_cast<std::size_t>(row)]);
    if (w == m_waits.end()) // nobody waited: a flat line at zero
        return stepSeries({}, fromNs, toNs, columns, durationNs());
    return stepSeries(w->second.levels, fromNs, toNs, columns, durationNs());
}

std::vector<LogHistogram::Bin> LockSeriesModel::waitHistogram(int row, int perOctave) const
{
    const LockStats* lock = row >= 0 && row < rowCount() ? stats(row) : nullptr;
    return lock ? lock->waitNs.bins(perOctave, 1) : std::vector<LogHistogram::Bin>{};
}

std::vector<LogHistogram::Bin> LockSeriesModel::holdHistogram(int row, int perOctave) const
{
    const LockStats* lock = row >= 0 && row < rowCount() ? stats(row) : nullptr;
    return lock ? lock->holdNs.bins(perOctave) : std::vector<LogHistogram::Bin>{};
}
