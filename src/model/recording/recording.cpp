#include "model/recording/recording.h"

#include "core/object_name.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>

#include <signal.h>

#include <algorithm>

using forkscope::core::EventKind;
using forkscope::core::WorkerState;

void Recording::setScenario(const QString& scenario, const std::string& configJson)
{
    m_scenario = scenario;
    const nlohmann::json config = nlohmann::json::parse(configJson, nullptr, false);
    m_configJson = config.is_object() ? config.dump() : "{}";
}

void Recording::setResult(const std::string& resultJson)
{
    const nlohmann::json result = nlohmann::json::parse(resultJson, nullptr, false);
    m_resultJson = result.is_object() ? result.dump() : std::string();
}

void Recording::runStarted(qint64 t0Ns, qint32 mainPid, qint32 mainPpid)
{
    m_t0Ns = t0Ns;
    const int lane = laneFor(mainPid, true, false);
    Lane& main = m_lanes[static_cast<std::size_t>(lane)];
    main.ppid = mainPpid;
    main.name = QStringLiteral("MainProcess"); // Python's name for it
    main.role = QString::fromUtf8(QT_TRANSLATE_NOOP("Role", "main")); // translated when shown
    main.startNs = 0;
}

// The lane of `pid` that still lacks what the caller brings (its name, or its ring); a new
// lane if there is none: a pid can come back within a run once its first process has gone.
int Recording::laneFor(qint32 pid, bool wantUnnamed, bool wantUnringed)
{
    for (int i = static_cast<int>(m_lanes.size()) - 1; i >= 0; --i) {
        const Lane& lane = m_lanes[static_cast<std::size_t>(i)];
        if (lane.pid != pid)
            continue;
        if ((wantUnnamed && !lane.name.isEmpty()) || (wantUnringed && lane.ring >= 0))
            break; // the latest one with this pid is taken: this is a new process
        return i;
    }
    Lane lane;
    lane.pid = pid;
    m_lanes.push_back(std::move(lane));
    m_laneTotals.emplace_back();
    return static_cast<int>(m_lanes.size()) - 1;
}

int Recording::laneOfPid(qint32 pid) const
{
    for (int i = static_cast<int>(m_lanes.size()) - 1; i >= 0; --i) {
        if (m_lanes[static_cast<std::size_t>(i)].pid == pid)
            return i;
    }
    return -1;
}

QString Recording::nameOf(quint32 object) const
{
    const auto it = m_names.find(object);
    return it == m_names.end() ? QString() : it->second;
}

ProcessState Recording::stateOf(int lane) const
{
    const Lane& l = m_lanes[static_cast<std::size_t>(lane)];
    if (lane == kMainLane)
        return m_finished ? ProcessState::Joined : ProcessState::Running;
    if (l.joinNs >= 0)
        return ProcessState::Joined;
    return l.exitNs >= 0 ? ProcessState::Exited : ProcessState::Running;
}

qint64 Recording::endOf(int lane) const
{
    if (lane == kMainLane)
        return m_finished ? m_endNs : -1;
    return m_lanes[static_cast<std::size_t>(lane)].exitNs;
}

bool Lane::stoppedByForkScope() const
{
    for (auto it = signalsSent.rbegin(); it != signalsSent.rend(); ++it) {
        if (it->signal == SIGSTOP || it->signal == SIGCONT)
            return it->signal == SIGSTOP;
    }
    return false;
}

int Recording::laneOfRing(quint32 ring) const
{
    return ring < m_ringLane.size() ? m_ringLane[ring] : -1;
}

void Recording::processStarted(qint32 pid, qint32 ppid, qint64 tNs, bool daemon, const QString& name,
                               const QString& role)
{
    Lane& lane = m_lanes[static_cast<std::size_t>(laneFor(pid, true, false))];
    lane.ppid = ppid;
    lane.daemon = daemon;
    lane.name = name;
    lane.role = role;
    lane.startNs = tNs - m_t0Ns;
    m_endNs = std::max(m_endNs, lane.startNs);
}

void Recording::processExited(qint32 pid, qint32 exitCode, qint64 tNs)
{
    const int index = laneOfPid(pid);
    if (index < 0)
        return;
    Lane& lane = m_lanes[static_cast<std::size_t>(index)];
    if (!lane.exitCode) {
        lane.exitCode = exitCode;
        lane.exitNs = tNs - m_t0Ns;
        m_endNs = std::max(m_endNs, lane.exitNs);
    }
    // A process with a ring ends with the ProcessExit event, in order after its own events.
    if (lane.ring < 0)
        endLane(index, lane.exitNs);
}

// What the process was doing ends with it (a killed worker never reports the end of its task).
void Recording::endLane(int index, qint64 endNs)
{
    Lane& lane = m_lanes[static_cast<std::size_t>(index)];
    closeSpan(lane, lane.openState, endNs);
    closeSpan(lane, lane.openTask, endNs);
    for (const auto& [lock, since] : lane.openHolds) {
        if (m_events.size() < m_eventLimit)
            lane.spans.push_back(Span{since, endNs, 0, lock, SpanKind::LockHold, 0});
        if (auto it = m_locks.find(lock); it != m_locks.end() && it->second.holderLane == index)
            it->second.holderLane = -1;
    }
    lane.openHolds.clear();
}

void Recording::signalSent(qint32 pid, int signal, qint64 tNs)
{
    if (const int index = laneOfPid(pid); index >= 0) {
        const qint64 t = tNs - m_t0Ns;
        m_lanes[static_cast<std::size_t>(index)].signalsSent.push_back(SignalMark{t, signal});
        m_endNs = std::max(m_endNs, t);
    }
}

void Recording::processJoined(qint32 pid, qint64 tNs)
{
    if (const int index = laneOfPid(pid); index >= 0)
        m_lanes[static_cast<std::size_t>(index)].joinNs = tNs - m_t0Ns;
}

void Recording::logLine(qint32 pid, qint64 tNs, const QString& text)
{
    if (m_log.size() >= kLogLimit) {
        ++m_logNotKept;
        return;
    }
    m_log.push_back(LogEntry{tNs - m_t0Ns, pid, text});
}

void Recording::runFinished(qint64 tNs)
{
    finishAt(tNs - m_t0Ns);
}

void Recording::finishAt(qint64 endNs)
{
    m_finished = true;
    m_endNs = std::max(m_endNs, endNs);
    if (const int main = laneOfRing(0); main >= 0) // the main process ends with the run
        endLane(main, m_endNs);
}

void Recording::attachRing(quint32 ring, qint32 pid)
{
    const int lane = ring == 0 && !m_lanes.empty() && m_lanes[0].pid == pid ? 0 : laneFor(pid, false, true);
    m_lanes[static_cast<std::size_t>(lane)].ring = static_cast<int>(ring);
    if (m_ringLane.size() <= ring)
        m_ringLane.resize(ring + 1, -1);
    m_ringLane[ring] = lane;
}

void Recording::closeSpan(Lane& lane, std::optional<Span>& open, qint64 endNs)
{
    if (!open)
        return;
    open->endNs = std::max(open->beginNs, endNs);
    if (open->kind == SpanKind::State) // every state, stored or not, goes into the lane's summary
        summaryFor(lane).addState(open->detail, open->beginNs, open->endNs);
    if (m_events.size() < m_eventLimit)
        lane.spans.push_back(*open);
    open.reset();
}

QueueStats& Recording::queue(quint32 id)
{
    return *lastQueue(id).stats;
}

Recording::LastQueue& Recording::lastQueue(quint32 id)
{
    if (!m_lastQueue.stats || m_lastQueue.id != id)
        m_lastQueue = {id, &m_queues[id], &m_depths[id]}; // map nodes never move
    return m_lastQueue;
}

LockStats& Recording::lock(quint32 id)
{
    if (!m_lastLock.second || m_lastLock.first != id)
        m_lastLock = {id, &m_locks[id]};
    return *m_lastLock.second;
}

bool Recording::operator==(const Recording& o) const
{
    return m_eventLimit == o.m_eventLimit && m_scenario == o.m_scenario && m_configJson == o.m_configJson &&
           m_resultJson == o.m_resultJson && m_t0Ns == o.m_t0Ns && m_endNs == o.m_endNs && m_finished == o.m_finished &&
           m_lanes == o.m_lanes && m_ringLane == o.m_ringLane && m_events == o.m_events &&
           m_eventCount == o.m_eventCount && m_dropped == o.m_dropped && m_telemetryWaitNs == o.m_telemetryWaitNs &&
           m_queues == o.m_queues && m_locks == o.m_locks && m_names == o.m_names && m_taskNs == o.m_taskNs &&
           m_tasksFailed == o.m_tasksFailed && m_progress == o.m_progress && m_log == o.m_log &&
           m_logNotKept == o.m_logNotKept;
}

void Recording::restoreLane(Lane lane)
{
    if (lane.ring >= 0) {
        const auto ring = static_cast<std::size_t>(lane.ring);
        if (m_ringLane.size() <= ring)
            m_ringLane.resize(ring + 1, -1);
        m_ringLane[ring] = static_cast<int>(m_lanes.size());
    }
    m_lanes.push_back(std::move(lane));
    m_laneTotals.emplace_back();
}

void Recording::restoreLog(std::vector<LogEntry> log, quint64 linesNotKept)
{
    m_log = std::move(log);
    m_logNotKept = linesNotKept;
}

void Recording::restoreTimes(qint64 t0Ns, qint64 durationNs, bool finished)
{
    m_t0Ns = t0Ns;
    if (finished)
        finishAt(durationNs);
    m_endNs = durationNs; // as saved, even if an event was stamped later
}

void Recording::restoreStatistics(Statistics statistics)
{
    m_eventCount = statistics.eventCount;
    m_taskNs = statistics.taskNs;
    m_tasksFailed = statistics.tasksFailed;
    for (std::size_t i = 0; i < m_lanes.size() && i < statistics.tasksDonePerLane.size(); ++i)
        m_lanes[i].tasksDone = statistics.tasksDonePerLane[i];
    m_queues = std::move(statistics.queues);
    m_locks = std::move(statistics.locks);
    m_lastQueue = {};
    m_lastLock = {0, nullptr};
    // What was open when the store filled up was closed by events not kept.
    for (Lane& lane : m_lanes) {
        if (lane.exitNs >= 0 || m_finished) {
            lane.openState.reset();
            lane.openTask.reset();
            lane.openHolds.clear();
        }
    }
}

void Recording::append(const RecordedEvent& e)
{
    ++m_eventCount;
    m_endNs = std::max(m_endNs, e.timeNs);
    const int index = laneOfRing(e.ring);
    if (index >= 0)
        apply(m_lanes[static_cast<std::size_t>(index)], e);
    if (m_events.size() < m_eventLimit) [[likely]] {
        if (m_events.capacity() == 0) // address space only: pages are touched as events arrive,
            m_events.reserve(m_eventLimit); // and the store never moves (no copies, no doubled peak)
        m_events.push_back(e);
    }
}

// Folds one event into the lane's spans and the statistics.
void Recording::apply(Lane& lane, const RecordedEvent& e)
{
    const bool keep = m_events.size() < m_eventLimit;
    auto addSpan = [&](const Span& span) {
        if (keep)
            lane.spans.push_back(span);
    };
    switch (e.eventKind()) {
    case EventKind::ProcessStart:
        if (lane.startNs < 0)
            lane.startNs = e.timeNs;
        break;
    case EventKind::ProcessExit:
        // Written by the parent into its own ring: the event names the child's ring.
        if (const int child = laneOfRing(e.object); child >= 0) {
            Lane& c = m_lanes[static_cast<std::size_t>(child)];
            if (!c.exitCode) {
                c.exitCode = static_cast<qint32>(e.value);
                c.exitNs = e.timeNs;
            }
            endLane(child, e.timeNs);
        }
        break;
    case EventKind::State:
        closeSpan(lane, lane.openState, e.timeNs);
        if (static_cast<WorkerState>(e.detail) != WorkerState::Done)
            lane.openState = Span{e.timeNs, e.timeNs, 0, 0, SpanKind::State, e.detail};
        break;
    case EventKind::TaskBegin:
        closeSpan(lane, lane.openTask, e.timeNs);
        lane.openTask = Span{e.timeNs, e.timeNs, e.task, e.object, SpanKind::Task, 0};
        break;
    case EventKind::TaskEnd: {
        const qint64 begin = lane.openTask && lane.openTask->task == e.task ? lane.openTask->beginNs : e.timeNs;
        lane.openTask.reset();
        addSpan(Span{begin, e.timeNs, e.task, e.object, SpanKind::Task, static_cast<quint8>(e.value != 0)});
        if (!m_timed)
            m_taskNs.add(e.timeNs - begin);
        summaryFor(lane).addTask(e.timeNs);
        if (!m_counted) {
            ++lane.tasksDone;
            if (e.value == 0)
                ++m_tasksFailed;
        }
        break;
    }
    case EventKind::QueuePut:
    case EventKind::QueueGet: {
        const LastQueue& entry = lastQueue(e.object);
        QueueStats& q = *entry.stats;
        const bool put = e.eventKind() == EventKind::QueuePut;
        if (!m_counted)
            ++(put ? q.puts : q.gets);
        q.lastDepth = static_cast<quint64>(std::max<qint64>(0, e.value));
        q.maxDepth = std::max(q.maxDepth, q.lastDepth);
        entry.depths->add(e.timeNs, static_cast<qint32>(std::min<quint64>(q.lastDepth, INT32_MAX)));
        break;
    }
    case EventKind::QueueBlocked: {
        QueueStats& q = queue(e.object);
        const bool put = e.detail != 0;
        if (!m_counted)
            ++(put ? q.blockedPuts : q.blockedGets);
        if (!m_timed)
            (put ? q.putBlockedNs : q.getBlockedNs).add(e.value);
        (put ? totalsFor(lane).eventBlocked.putNs : totalsFor(lane).eventBlocked.getNs) += e.value;
        // Workers report no state for a blocked call: the summary draws it as one, so that past
        // the detail kept a producer that waited on a full queue shows so.
        summaryFor(lane).addState(static_cast<int>(put ? WorkerState::BlockedOnPut : WorkerState::BlockedOnGet),
                                  e.timeNs - e.value, e.timeNs);
        addSpan(Span{e.timeNs - e.value, e.timeNs, e.task, e.object, SpanKind::QueueBlocked, e.detail});
        break;
    }
    case EventKind::QueueRecovered:
        if (!m_counted)
            ++(e.detail ? queue(e.object).lostGets : queue(e.object).lostPuts);
        break;
    case EventKind::LockAcquired: {
        LockStats& l = lock(e.object);
        if (!m_timed)
            l.waitNs.add(e.value);
        totalsFor(lane).eventBlocked.lockNs += e.value;
        summaryFor(lane).addState(static_cast<int>(WorkerState::WaitingForLock), e.timeNs - e.value, e.timeNs);
        if (!m_counted) {
            ++l.acquisitions;
            l.contended += e.value > 0;
            l.ownerDied += e.detail != 0;
        }
        if (e.value > 0 || e.detail) // a taken-over lock is drawn even when nobody had to wait
            addSpan(Span{e.timeNs - e.value, e.timeNs, 0, e.object, SpanKind::LockWait, e.detail});
        l.holderLane = laneOfRing(e.ring);
        lane.openHolds.emplace_back(e.object, e.timeNs);
        break;
    }
    case EventKind::LockReleased: {
        LockStats& l = lock(e.object);
        if (!m_timed)
            l.holdNs.add(e.value);
        if (l.holderLane == laneOfRing(e.ring))
            l.holderLane = -1;
        const auto open = std::find_if(lane.openHolds.begin(), lane.openHolds.end(),
                                       [&](const auto& hold) { return hold.first == e.object; });
        const qint64 since = open != lane.openHolds.end() ? open->second : e.timeNs - e.value;
        if (open != lane.openHolds.end())
            lane.openHolds.erase(open);
        addSpan(Span{since, e.timeNs, 0, e.object, SpanKind::LockHold, 0});
        break;
    }
    case EventKind::Waited: addSpan(Span{e.timeNs - e.value, e.timeNs, 0, e.object, SpanKind::Waited, e.detail}); break;
    case EventKind::Progress: m_progress = std::make_pair(e.value, static_cast<qint64>(e.task)); break;
    case EventKind::QueueCreated: queue(e.object).capacity = static_cast<quint64>(std::max<qint64>(0, e.value)); break;
    case EventKind::ObjectNamed:
        m_names[e.object] = QString::fromStdString(forkscope::core::unpack_object_name(e.task, e.value));
        break;
    case EventKind::Log: break;
    }
}
