#include "model/views/timelinemodel.h"

#include <algorithm>
#include <climits>
#include <csignal>

void TimelineModel::BandSpans::add(const std::vector<Span>& spans, std::size_t index)
{
    // Spans arrive as they close, nearly in start order: almost always an append.
    const qint64 begin = spans[index].beginNs;
    auto at = order.end();
    if (!order.empty() && begin < spans[order.back()].beginNs)
        at = std::upper_bound(order.begin(), order.end(), begin,
                              [&](qint64 b, quint32 i) { return b < spans[i].beginNs; });
    const auto from = static_cast<std::size_t>(at - order.begin());
    order.insert(at, static_cast<quint32>(index)); // a lane of 4 G spans would need 128 GiB first
    maxEnd.resize(order.size());
    for (std::size_t i = from; i < order.size(); ++i) {
        const qint64 end = spans[order[i]].endNs;
        maxEnd[i] = std::max(i > 0 ? maxEnd[i - 1] : end, end);
    }
}

TimelineModel::Band TimelineModel::bandOf(SpanKind kind)
{
    switch (kind) {
    case SpanKind::State: return Band::State;
    case SpanKind::Task: return Band::Task;
    default: return Band::Detail;
    }
}

void TimelineModel::reset()
{
    beginResetModel();
    m_lanes.clear();
    m_flows.clear();
    endResetModel();
}

void TimelineModel::takeIn(const Recording& run)
{
    const auto& lanes = run.lanes();
    if (lanes.size() > m_lanes.size()) {
        beginInsertRows({}, static_cast<int>(m_lanes.size()), static_cast<int>(lanes.size()) - 1);
        m_lanes.resize(lanes.size());
        endInsertRows();
    }
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        LaneSpans& mine = m_lanes[l];
        const auto& spans = lanes[l].spans;
        for (; mine.taken < spans.size(); ++mine.taken)
            mine.bands[static_cast<std::size_t>(bandOf(spans[mine.taken].kind))].add(spans, mine.taken);
    }
    if (m_flowsShown)
        m_flows.refresh(run);
    if (!m_lanes.empty()) // exit codes and names may have arrived
        emit dataChanged(index(0), index(static_cast<int>(m_lanes.size()) - 1));
}

int TimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lanes.size());
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !recording())
        return {};
    const Lane& lane = recording()->lanes()[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 (%2)").arg(lane.name.isEmpty() ? QStringLiteral("?") : lane.name).arg(lane.pid);
    case Qt::ToolTipRole: return QStringLiteral("%1, pid %2, parent %3").arg(lane.name).arg(lane.pid).arg(lane.ppid);
    case PidRole: return lane.pid;
    case RoleRole: return lane.role;
    case ExitCodeRole: return lane.exitCode ? QVariant(*lane.exitCode) : QVariant();
    case ExitNsRole: return lane.exitNs >= 0 ? QVariant(lane.exitNs) : QVariant();
    default: return {};
    }
}

int TimelineModel::laneOfPid(qint64 pid) const
{
    if (!recording())
        return -1;
    const int lane = recording()->laneOfPid(static_cast<qint32>(pid));
    return lane < rowCount() ? lane : -1;
}

qint64 TimelineModel::durationNs() const
{
    return recording() ? std::max(recording()->durationNs(), m_liveEndNs) : 0;
}

void TimelineModel::setLiveEndNs(qint64 ns)
{
    if (ns == m_liveEndNs)
        return;
    m_liveEndNs = ns;
    if (!m_lanes.empty()) // the open spans grow: views redraw
        emit dataChanged(index(0), index(static_cast<int>(m_lanes.size()) - 1));
}

std::size_t TimelineModel::spanCount() const
{
    std::size_t n = 0;
    for (const LaneSpans& lane : m_lanes) {
        for (const BandSpans& band : lane.bands)
            n += band.order.size();
    }
    return n;
}

// What is still going on a live lane: its current state or task, drawn up to now.
std::optional<TimelineModel::Block> TimelineModel::openBlock(int lane, Band band) const
{
    const Lane& l = recording()->lanes()[static_cast<std::size_t>(lane)];
    const std::optional<Span>& open = band == Band::State  ? l.openState
                                      : band == Band::Task ? l.openTask
                                                           : std::nullopt;
    if (!open || l.exitNs >= 0)
        return std::nullopt;
    return Block{
        open->beginNs, std::max(open->beginNs, durationNs()), open->kind, open->detail, open->object, open->task, 1,
        true};
}

std::vector<TimelineModel::Block> TimelineModel::blocks(int lane, Band band, qint64 fromNs, qint64 toNs,
                                                        double nsPerPixel) const
{
    std::vector<Block> out;
    if (!recording() || lane < 0 || lane >= static_cast<int>(m_lanes.size()))
        return out;
    const BandSpans& b = m_lanes[static_cast<std::size_t>(lane)].bands[static_cast<std::size_t>(band)];
    const std::vector<Span>& spans = recording()->lanes()[static_cast<std::size_t>(lane)].spans;
    auto span = [&](std::size_t i) -> const Span& { return spans[b.order[i]]; };
    // The first span that may reach into the window: maxEnd only grows.
    auto i = static_cast<std::size_t>(std::upper_bound(b.maxEnd.begin(), b.maxEnd.end(), fromNs) - b.maxEnd.begin());
    const auto pixel = static_cast<qint64>(std::max(1.0, nsPerPixel));
    for (; i < b.order.size() && span(i).beginNs < toNs; ++i) {
        const Span& s = span(i);
        if (s.endNs < fromNs)
            continue;
        Block block{s.beginNs, s.endNs, s.kind, s.detail, s.object, s.task, 1, false};
        // Sub-pixel spans and their sub-pixel neighbours within a pixel become one block.
        if (s.endNs - s.beginNs < pixel) {
            while (i + 1 < b.order.size() && span(i + 1).beginNs < block.endNs + pixel &&
                   span(i + 1).endNs - span(i + 1).beginNs < pixel && span(i + 1).beginNs < toNs) {
                ++i;
                block.endNs = std::max(block.endNs, span(i).endNs);
                ++block.merged;
            }
        }
        out.push_back(block);
    }
    addSummaryBlocks(out, lane, band, fromNs, toNs, nsPerPixel);
    if (auto open = openBlock(lane, band); open && open->beginNs < toNs && open->endNs >= fromNs)
        out.push_back(*open);
    return out;
}

void TimelineModel::addSummaryBlocks(std::vector<Block>& out, int lane, Band band, qint64 fromNs, qint64 toNs,
                                     double nsPerPixel) const
{
    const qint64 horizon = recording()->detailEndNs();
    if (horizon < 0)
        return;
    const Lane& l = recording()->lanes()[static_cast<std::size_t>(lane)];
    const qint64 from = std::max(fromNs, horizon), to = std::min(toNs, l.exitNs >= 0 ? l.exitNs : durationNs());
    if (from >= to)
        return;
    // Blocks of a few pixels: finer ones would only flicker between neighbouring states.
    const LaneSummary& summary = recording()->summaryOf(lane);
    const qint64 want = static_cast<qint64>(std::max(1.0, 3 * nsPerPixel));
    const qint64 step = summary.stepFor(want);
    for (const auto& [t, bucket] : summary.over(from, to, want)) {
        Block block{std::max(t, from), std::min(t + step, to), SpanKind::State, 0, 0, 0, 1, false, true};
        if (band == Band::State) {
            const int state = bucket.dominantState();
            if (state < 0)
                continue;
            block.detail = static_cast<quint8>(state);
        } else if (band == Band::Detail) {
            // A block where the lane spent at least half the time blocked on a queue or a lock,
            // drawn as the detail draws such a call.
            using forkscope::core::WorkerState;
            const auto ns = [&](WorkerState s) { return bucket.stateNs[static_cast<std::size_t>(s)]; };
            const quint64 put = ns(WorkerState::BlockedOnPut), get = ns(WorkerState::BlockedOnGet),
                          lock = ns(WorkerState::WaitingForLock);
            const quint64 most = std::max({put, get, lock});
            if (most == 0 || 2 * most < static_cast<quint64>(block.endNs - block.beginNs))
                continue;
            block.kind = most == lock ? SpanKind::LockWait : SpanKind::QueueBlocked;
            block.detail = most == put ? 1 : 0;
        } else {
            if (bucket.tasks == 0)
                continue;
            block.kind = SpanKind::Task;
            block.merged = static_cast<int>(std::min<quint64>(bucket.tasks, INT_MAX));
            block.detail = 1; // drawn as tasks that succeeded
        }
        out.push_back(block);
    }
}

std::optional<TimelineModel::Block> TimelineModel::blockAt(int lane, Band band, qint64 timeNs, qint64 toleranceNs) const
{
    std::optional<Block> best;
    for (const Block& b : blocks(lane, band, timeNs - toleranceNs, timeNs + toleranceNs + 1, 1.0)) {
        if (b.beginNs - toleranceNs <= timeNs && timeNs <= b.endNs + toleranceNs &&
            (!best || b.endNs - b.beginNs < best->endNs - best->beginNs))
            best = b; // the innermost: the shortest that covers it
    }
    return best;
}

std::vector<SignalMark> TimelineModel::signalMarks(int lane) const
{
    if (!recording() || lane < 0 || lane >= rowCount())
        return {};
    return recording()->lanes()[static_cast<std::size_t>(lane)].signalsSent;
}

std::vector<std::pair<qint64, qint64>> TimelineModel::stoppedIntervals(int lane) const
{
    std::vector<std::pair<qint64, qint64>> out;
    if (!recording() || lane < 0 || lane >= rowCount())
        return out;
    const Lane& l = recording()->lanes()[static_cast<std::size_t>(lane)];
    qint64 since = -1; // stopped since, or -1
    for (const SignalMark& mark : l.signalsSent) {
        if (mark.signal == SIGSTOP && since < 0) {
            since = mark.timeNs;
        } else if ((mark.signal == SIGCONT || mark.signal == SIGKILL) && since >= 0) { // KILL ends a stopped process
            out.emplace_back(since, mark.timeNs);
            since = -1;
        }
    }
    if (since >= 0)
        out.emplace_back(since, l.exitNs >= 0 ? l.exitNs : durationNs());
    return out;
}

void TimelineModel::setFlowsShown(bool shown)
{
    if (shown == m_flowsShown)
        return;
    m_flowsShown = shown;
    m_flows.clear(); // memory only while they are wanted
    if (shown && recording())
        m_flows.refresh(*recording());
    if (!m_lanes.empty())
        emit dataChanged(index(0), index(static_cast<int>(m_lanes.size()) - 1));
}

std::vector<FlowIndex::Flow> TimelineModel::flows(qint64 fromNs, qint64 toNs, std::size_t limit) const
{
    return m_flowsShown ? m_flows.flows(fromNs, toNs, limit) : std::vector<FlowIndex::Flow>{};
}
