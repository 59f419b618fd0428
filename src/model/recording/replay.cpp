#include "model/recording/replay.h"

#include <algorithm>
#include <limits>

Replay::Replay(const Recording& full) : m_full(full)
{
    const auto& lanes = full.lanes();
    // A worker's first event can precede its start message (the parent stamps the start when
    // fork() returns to it): the lane then starts with that event, or the event would be lost.
    std::vector<qint64> firstEvent(lanes.size(), std::numeric_limits<qint64>::max());
    for (const RecordedEvent& e : full.events()) {
        const int lane = full.laneOfRing(e.ring);
        if (lane >= 0)
            firstEvent[static_cast<std::size_t>(lane)] = std::min(firstEvent[static_cast<std::size_t>(lane)], e.timeNs);
    }
    using Kind = Step::Kind;
    for (std::size_t i = 1; i < lanes.size(); ++i) { // lane 0, the main process, starts with the run
        const Lane& lane = lanes[i];
        m_steps.push_back(
            {Kind::Start, std::min(std::max<qint64>(0, lane.startNs), firstEvent[i]), static_cast<int>(i), 0});
    }
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const Lane& lane = lanes[i];
        if (lane.exitCode && lane.exitNs >= 0)
            m_steps.push_back({Kind::Exit, lane.exitNs, static_cast<int>(i), 0});
        if (lane.joinNs >= 0)
            m_steps.push_back({Kind::Join, lane.joinNs, static_cast<int>(i), 0});
        for (std::size_t j = 0; j < lane.signalsSent.size(); ++j)
            m_steps.push_back({Kind::Signal, lane.signalsSent[j].timeNs, static_cast<int>(i), j});
    }
    for (std::size_t i = 0; i < full.log().size(); ++i)
        m_steps.push_back({Kind::Log, full.log()[i].timeNs, 0, i});
    // Stable: at one time, starts before the rest, and lanes in their order.
    std::stable_sort(m_steps.begin(), m_steps.end(), [](const Step& a, const Step& b) {
        return a.timeNs != b.timeNs ? a.timeNs < b.timeNs : (a.kind == Kind::Start) > (b.kind == Kind::Start);
    });
}

std::unique_ptr<Recording> Replay::restart()
{
    m_nextStep = m_nextEvent = 0;
    m_positionNs = 0;
    m_finished = false;
    auto partial = std::make_unique<Recording>(m_full.eventLimit());
    partial->setScenario(m_full.scenario(), m_full.configJson());
    if (!m_full.lanes().empty()) {
        const Lane& main = m_full.lanes().front();
        partial->runStarted(m_full.t0Ns(), main.pid, main.ppid);
        if (main.ring >= 0)
            partial->attachRing(static_cast<quint32>(main.ring), main.pid);
    }
    partial->setDropped(0);
    return partial;
}

void Replay::advance(qint64 tNs, Recording& partial)
{
    const qint64 t0 = m_full.t0Ns();
    const auto& events = m_full.events();
    const auto& lanes = m_full.lanes();
    auto applyStep = [&](const Step& s) {
        const Lane& lane = lanes[static_cast<std::size_t>(s.lane)];
        switch (s.kind) {
        case Step::Kind::Start:
            partial.processStarted(lane.pid, lane.ppid, t0 + std::max<qint64>(0, lane.startNs), lane.daemon, lane.name,
                                   lane.role);
            if (lane.ring >= 0)
                partial.attachRing(static_cast<quint32>(lane.ring), lane.pid);
            break;
        case Step::Kind::Exit: partial.processExited(lane.pid, *lane.exitCode, t0 + lane.exitNs); break;
        case Step::Kind::Join: partial.processJoined(lane.pid, t0 + lane.joinNs); break;
        case Step::Kind::Log: {
            const LogEntry& entry = m_full.log()[s.index];
            partial.logLine(entry.pid, t0 + entry.timeNs, entry.text);
            break;
        }
        case Step::Kind::Signal: {
            const SignalMark& mark = lane.signalsSent[s.index];
            partial.signalSent(lane.pid, mark.signal, t0 + mark.timeNs);
            break;
        }
        }
    };
    // Messages and events merged by time; at one time a message first, so a lane starts before
    // its first event.
    while (true) {
        const bool stepDue = m_nextStep < m_steps.size() && m_steps[m_nextStep].timeNs <= tNs;
        const bool eventDue = m_nextEvent < events.size() && events[m_nextEvent].timeNs <= tNs;
        if (!stepDue && !eventDue)
            break;
        if (stepDue && (!eventDue || m_steps[m_nextStep].timeNs <= events[m_nextEvent].timeNs))
            applyStep(m_steps[m_nextStep++]);
        else
            partial.append(events[m_nextEvent++]);
    }
    m_positionNs = std::max(m_positionNs, tNs);
    if (!m_finished && tNs >= endNs()) {
        partial.setDropped(m_full.dropped());
        partial.setTelemetryWaitNs(m_full.telemetryWaitNs());
        partial.setResult(m_full.resultJson());
        partial.runFinished(t0 + endNs());
        m_finished = true;
    }
}
