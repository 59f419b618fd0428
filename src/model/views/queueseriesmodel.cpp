#include "model/views/queueseriesmodel.h"

#include "model/report/textformat.h"

#include "model/views/stepseries.h"

#include <algorithm>
#include <iterator>

using forkscope::core::EventKind;

void QueueSeriesModel::reset()
{
    beginResetModel();
    m_queues.clear();
    m_taken = 0;
    endResetModel();
}

void QueueSeriesModel::takeIn(const Recording& run)
{
    const auto& events = run.events();
    std::vector<Queue> fresh; // queues seen for the first time: rows to insert
    auto find = [](std::vector<Queue>& in, quint32 id) {
        const auto it = std::find_if(in.begin(), in.end(), [id](const Queue& q) { return q.id == id; });
        return it == in.end() ? nullptr : &*it;
    };
    for (; m_taken < events.size(); ++m_taken) {
        const RecordedEvent& e = events[m_taken];
        if (e.eventKind() != EventKind::QueuePut && e.eventKind() != EventKind::QueueGet &&
            e.eventKind() != EventKind::QueueCreated)
            continue;
        Queue* q = find(m_queues, e.object);
        if (!q)
            q = find(fresh, e.object);
        if (!q)
            q = &fresh.emplace_back(Queue{e.object, {}});
        const qint32 depth = e.eventKind() == EventKind::QueueCreated
                                 ? 0
                                 : static_cast<qint32>(std::clamp<qint64>(e.value, 0, INT32_MAX));
        q->points.emplace_back(e.timeNs, depth);
    }
    if (!fresh.empty()) {
        beginInsertRows({}, rowCount(), rowCount() + static_cast<int>(fresh.size()) - 1);
        std::move(fresh.begin(), fresh.end(), std::back_inserter(m_queues));
        endInsertRows();
    }
    if (!m_queues.empty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

int QueueSeriesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_queues.size());
}

QVariant QueueSeriesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !recording())
        return {};
    const Queue& q = m_queues[static_cast<std::size_t>(index.row())];
    const auto stats = recording()->queues().find(q.id);
    const quint64 capacity = stats != recording()->queues().end() ? stats->second.capacity : 0;
    switch (role) {
    case Qt::DisplayRole:
        return capacity ? tr("%1 (capacity %2)").arg(TextFormat::queueName(*recording(), q.id)).arg(capacity)
                        : TextFormat::queueName(*recording(), q.id);
    case QueueIdRole: return q.id;
    case CapacityRole: return capacity;
    case MaxDepthRole: return stats != recording()->queues().end() ? stats->second.maxDepth : 0;
    default: return {};
    }
}

std::vector<QPointF> QueueSeriesModel::series(int row, qint64 fromNs, qint64 toNs, int columns) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const Queue& q = m_queues[static_cast<std::size_t>(row)];
    const qint64 horizon = recording()->detailEndNs();
    const LevelSummary* summary = recording()->depthSummaryOf(q.id);
    if (horizon < 0 || toNs <= horizon || !summary)
        return stepSeries(q.points, fromNs, toNs, columns, durationNs());
    // The kept detail up to the horizon, then the summary: per bucket of about a pixel column,
    // its highest, lowest and last depth, so the chart keeps the range the queue moved in.
    const double nsPerColumn = static_cast<double>(toNs - fromNs) / std::max(1, columns);
    std::vector<QPointF> out;
    if (fromNs < horizon)
        out = stepSeries(q.points, fromNs, horizon, static_cast<int>((horizon - fromNs) / nsPerColumn) + 1, horizon);
    const qint64 want = static_cast<qint64>(std::max(1.0, nsPerColumn));
    const qint64 step = summary->stepFor(want);
    std::vector<std::pair<qint64, qint32>> steps;
    for (const auto& [t, b] : summary->over(std::max(fromNs, horizon), toNs, want)) {
        if (b.empty())
            continue;
        const qint64 at = std::max(t, horizon);
        steps.emplace_back(at, b.highest);
        steps.emplace_back(at + step / 3, b.lowest);
        steps.emplace_back(at + 2 * step / 3, b.last);
    }
    const auto rest = stepSeries(steps, std::max(fromNs, horizon), toNs,
                                 static_cast<int>((toNs - std::max(fromNs, horizon)) / nsPerColumn) + 1, durationNs());
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}
