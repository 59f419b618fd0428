#include "model/views/taskstatsmodel.h"

#include "model/report/textformat.h"

#include <algorithm>

void TaskStatsModel::reset()
{
    beginResetModel();
    m_endsNs.clear();
    m_spans.reset();
    m_seen = seen();
    endResetModel();
}

void TaskStatsModel::takeIn(const Recording& run)
{
    const auto old = static_cast<std::ptrdiff_t>(m_endsNs.size());
    m_spans.readNew(run, [this](const Span& s) {
        if (s.kind == SpanKind::Task)
            m_endsNs.push_back(s.endNs);
    });
    // Lanes are read one after the other: a task may end before the last one taken. The new ones
    // are sorted among themselves, then merged with only the old ones that end after the first
    // of them (mostly none): an insert each would move the whole tail, millions of times.
    if (m_endsNs.begin() + old != m_endsNs.end()) {
        const auto mid = m_endsNs.begin() + old;
        std::sort(mid, m_endsNs.end());
        std::inplace_merge(std::upper_bound(m_endsNs.begin(), mid, *mid), mid, m_endsNs.end());
    }
    // The mean throughput moves with the run's length even when no task ends.
    if (const Seen now = seen(); now != m_seen) {
        m_seen = now;
        emit dataChanged(index(0, 0), index(NUM_ROWS - 1, NUM_COLUMNS - 1));
    }
}

TaskStatsModel::Seen TaskStatsModel::seen() const
{
    return recording() ? Seen{taskCount(), recording()->tasksFailed(), durationNs()} : Seen{};
}

int TaskStatsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !recording() ? 0 : NUM_ROWS;
}

int TaskStatsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

double TaskStatsModel::meanThroughput() const
{
    return TextFormat::perSecond(taskCount(), durationNs());
}

QVariant TaskStatsModel::value(int row) const
{
    const LogHistogram& ns = recording()->taskNs();
    switch (row) {
    case CountRow: return qulonglong{ns.count()};
    case FailedRow: return recording()->tasksFailed();
    case MedianRow: return qint64{ns.percentile(0.5)};
    case P95Row: return qint64{ns.percentile(0.95)};
    case MaxRow: return qint64{ns.max()};
    case ThroughputRow: return meanThroughput();
    default: return {};
    }
}

QString TaskStatsModel::valueText(int row) const
{
    switch (row) {
    case CountRow:
    case FailedRow: return QString::number(value(row).toULongLong());
    case MedianRow:
    case P95Row:
    case MaxRow: return taskCount() ? TextFormat::duration(value(row).toLongLong()) : tr("—");
    case ThroughputRow: return tr("%1 tasks/s").arg(TextFormat::rate(meanThroughput()));
    default: return {};
    }
}

QVariant TaskStatsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !recording())
        return {};
    const bool name = index.column() == NameColumn;
    switch (role) {
    case Qt::DisplayRole:
        if (!name)
            return valueText(index.row());
        switch (index.row()) {
        case CountRow: return tr("Tasks");
        case FailedRow: return tr("Failed");
        case MedianRow: return tr("Duration p50");
        case P95Row: return tr("Duration p95");
        case MaxRow: return tr("Duration max");
        case ThroughputRow: return tr("Mean throughput");
        default: return {};
        }
    case Qt::TextAlignmentRole: return name ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case ValueRole: return name ? QVariant() : value(index.row());
    default: return {};
    }
}

QVariant TaskStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Statistic");
    case ValueColumn: return tr("Value");
    default: return {};
    }
}

std::vector<LogHistogram::Bin> TaskStatsModel::durationHistogram(int perOctave) const
{
    return recording() ? recording()->taskNs().bins(perOctave) : std::vector<LogHistogram::Bin>{};
}

std::vector<QPointF> TaskStatsModel::throughput(qint64 fromNs, qint64 toNs, int buckets) const
{
    std::vector<QPointF> out;
    if (toNs <= fromNs || buckets < 1)
        return out;
    const double width = static_cast<double>(toNs - fromNs) / buckets;
    std::vector<quint64> counts(static_cast<std::size_t>(buckets), 0);
    auto add = [&](qint64 atNs, quint64 n) {
        const auto bucket = static_cast<std::size_t>(static_cast<double>(atNs - fromNs) / width);
        counts[std::min(bucket, counts.size() - 1)] += n;
    };
    if (recording() && recording()->detailEndNs() >= 0) {
        // Past the event store the task spans stop: the lanes' summaries have every task, in
        // buckets far finer than the chart's, each counted at its middle.
        for (int lane = 0; lane < static_cast<int>(recording()->lanes().size()); ++lane) {
            const LaneSummary& summary = recording()->summaryOf(lane);
            const qint64 w = summary.bucketNs();
            for (std::size_t i = 0; i < summary.buckets().size(); ++i) {
                const qint64 middle = static_cast<qint64>(i) * w + w / 2;
                if (summary.buckets()[i].tasks > 0 && middle >= fromNs && middle <= toNs)
                    add(middle, summary.buckets()[i].tasks);
            }
        }
    } else {
        const auto first = std::lower_bound(m_endsNs.begin(), m_endsNs.end(), fromNs);
        const auto last = std::upper_bound(first, m_endsNs.end(), toNs); // a task ending at toNs counts
        for (auto it = first; it != last; ++it)
            add(*it, 1);
    }
    out.reserve(counts.size());
    for (std::size_t i = 0; i < counts.size(); ++i)
        out.emplace_back((static_cast<double>(fromNs) + (static_cast<double>(i) + 0.5) * width) / 1e9,
                         static_cast<double>(counts[i]) / (width / 1e9));
    return out;
}

QString TaskStatsModel::summaryText() const
{
    if (!recording() || taskCount() == 0)
        return tr("No task in this run");
    return tr("Tasks: %1, failed: %2; duration p50 %3, p95 %4, max %5; %6")
        .arg(valueText(CountRow), valueText(FailedRow), valueText(MedianRow), valueText(P95Row), valueText(MaxRow),
             valueText(ThroughputRow));
}
