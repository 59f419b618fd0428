#include "model/queueseriesmodel.h"

#include <algorithm>
#include <iterator>

using forkscope::core::EventKind;

void QueueSeriesModel::setRecording(const Recording* recording)
{
    beginResetModel();
    m_recording = recording;
    m_queues.clear();
    m_taken = 0;
    endResetModel();
    refresh();
}

void QueueSeriesModel::refresh()
{
    if (!m_recording)
        return;
    const auto& events = m_recording->events();
    std::vector<Queue> fresh; // queues seen for the first time: rows to insert
    auto find = [](std::vector<Queue>& in, quint32 id) {
        const auto it = std::find_if(in.begin(), in.end(), [id](const Queue& q) { return q.id == id; });
        return it == in.end() ? nullptr : &*it;
    };
    for (; m_taken < events.size(); ++m_taken) {
        const RecordedEvent& e = events[m_taken];
        if (e.eventKind() != EventKind::QueuePut && e.eventKind() != EventKind::QueueGet && e.eventKind() != EventKind::QueueCreated)
            continue;
        Queue* q = find(m_queues, e.object);
        if (!q)
            q = find(fresh, e.object);
        if (!q)
            q = &fresh.emplace_back(Queue{e.object, {}});
        const qint32 depth = e.eventKind() == EventKind::QueueCreated ? 0 : static_cast<qint32>(std::clamp<qint64>(e.value, 0, INT32_MAX));
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
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_recording)
        return {};
    const Queue& q = m_queues[static_cast<std::size_t>(index.row())];
    const auto stats = m_recording->queues().find(q.id);
    const quint64 capacity = stats != m_recording->queues().end() ? stats->second.capacity : 0;
    switch (role) {
    case Qt::DisplayRole:
        return capacity ? tr("queue %1 (capacity %2)").arg(q.id).arg(capacity) : tr("queue %1").arg(q.id);
    case QueueIdRole: return q.id;
    case CapacityRole: return capacity;
    case MaxDepthRole: return stats != m_recording->queues().end() ? stats->second.maxDepth : 0;
    default: return {};
    }
}

std::vector<QPointF> QueueSeriesModel::series(int row, qint64 fromNs, qint64 toNs, int columns) const
{
    std::vector<QPointF> out;
    if (row < 0 || row >= rowCount() || toNs <= fromNs || columns < 1)
        return out;
    const auto& points = m_queues[static_cast<std::size_t>(row)].points;
    const double width = static_cast<double>(toNs - fromNs) / columns;
    auto seconds = [](qint64 ns) { return static_cast<double>(ns) / 1e9; };
    auto first = std::lower_bound(points.begin(), points.end(), fromNs, [](const auto& p, qint64 t) { return p.first < t; });
    qint32 depth = first == points.begin() ? 0 : std::prev(first)->second; // what it held when the window opens
    out.emplace_back(seconds(fromNs), depth);
    for (auto it = first; it != points.end() && it->first <= toNs;) {
        // One pixel column: its lowest and highest depth, then where it ends.
        const auto column = static_cast<qint64>((it->first - fromNs) / width);
        const qint64 columnEnd = fromNs + static_cast<qint64>((column + 1) * width);
        qint32 low = it->second, high = it->second;
        const qint64 at = it->first;
        // The column's first point is always its own: columnEnd is rounded down and may fall on it.
        for (const auto columnFirst = it;
             it != points.end() && (it == columnFirst || it->first < columnEnd || column + 1 >= columns) && it->first <= toNs; ++it) {
            low = std::min(low, it->second);
            high = std::max(high, it->second);
            depth = it->second;
        }
        out.emplace_back(seconds(at), out.back().y()); // a step: the old depth up to the change
        if (low != high) {
            out.emplace_back(seconds(at), low);
            out.emplace_back(seconds(at), high);
        }
        out.emplace_back(seconds(at), depth);
    }
    out.emplace_back(seconds(std::min(toNs, std::max(fromNs, durationNs()))), depth);
    return out;
}
