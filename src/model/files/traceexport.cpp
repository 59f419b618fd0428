#include "model/files/traceexport.h"

#include "core/errors.h"
#include "core/telemetry.h"

#include "model/files/jsonwriter.h"

#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <unordered_map>

using forkscope::core::EventKind;
using forkscope::core::WorkerState;

namespace exports {

const char* stateName(WorkerState state)
{
    switch (state) {
    case WorkerState::Running: return "running";
    case WorkerState::BlockedOnPut: return "blocked on put";
    case WorkerState::BlockedOnGet: return "blocked on get";
    case WorkerState::WaitingForLock: return "waiting for lock";
    case WorkerState::HoldingLock: return "holding lock";
    case WorkerState::Sleeping: return "sleeping";
    case WorkerState::Done: return "done";
    }
    return "unknown";
}

const char* eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::ProcessStart: return "process_start";
    case EventKind::ProcessExit: return "process_exit";
    case EventKind::State: return "state";
    case EventKind::TaskBegin: return "task_begin";
    case EventKind::TaskEnd: return "task_end";
    case EventKind::QueuePut: return "queue_put";
    case EventKind::QueueGet: return "queue_get";
    case EventKind::QueueBlocked: return "queue_blocked";
    case EventKind::QueueRecovered: return "queue_recovered";
    case EventKind::LockAcquired: return "lock_acquired";
    case EventKind::LockReleased: return "lock_released";
    case EventKind::Waited: return "waited";
    case EventKind::Log: return "log";
    case EventKind::Progress: return "progress";
    case EventKind::QueueCreated: return "queue_created";
    case EventKind::ObjectNamed: return "object_named";
    }
    return "unknown";
}

std::optional<QString> saveAtomically(const QString& path, const std::function<bool(QIODevice&)>& write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString());
    try {
        if (!write(file)) {
            file.cancelWriting();
            return QObject::tr("Export to %1 cancelled; nothing was written.").arg(QFileInfo(path).absoluteFilePath());
        }
    } catch (const std::exception& e) {
        file.cancelWriting();
        return QObject::tr("Cannot write %1: %2")
            .arg(QFileInfo(path).absoluteFilePath(), QString::fromLocal8Bit(e.what()));
    }
    if (!file.commit())
        return QObject::tr("Cannot write %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString());
    return std::nullopt;
}

namespace {

struct Cancelled {};

std::string spanName(const Span& s)
{
    const std::string object = std::to_string(s.object);
    switch (s.kind) {
    case SpanKind::Task: return "task " + std::to_string(s.task);
    case SpanKind::LockWait: return "wait lock " + object;
    case SpanKind::LockHold: return "hold lock " + object;
    case SpanKind::QueueBlocked: return (s.detail ? "blocked on put, queue " : "blocked on get, queue ") + object;
    case SpanKind::Waited: {
        if (static_cast<forkscope::core::WaitKind>(s.detail) == forkscope::core::WaitKind::Join)
            return "join pid " + object;
        static const char* const kinds[] = {"semaphore", "event", "condition", "barrier"};
        return std::string("wait ") + (s.detail < 4 ? kinds[s.detail] : "object") + " " + object;
    }
    case SpanKind::State: return stateName(static_cast<WorkerState>(s.detail));
    }
    return "span";
}

const char* spanCategory(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Task: return "task";
    case SpanKind::LockWait:
    case SpanKind::LockHold: return "lock";
    case SpanKind::QueueBlocked: return "queue";
    case SpanKind::Waited: return "wait";
    case SpanKind::State: return "state";
    }
    return "span";
}

class TraceWriter {
public:
    TraceWriter(const Recording& r, QIODevice& out, const exports::Progress& progress)
        : m_r(r), m_out(out), m_progress(progress)
    {}

    void write()
    {
        m_out.raw("{\"traceEvents\":[");
        metadata();
        for (std::size_t i = 0; i < m_r.lanes().size(); ++i) {
            lane(m_r.lanes()[i]);
            report(0.5 * double(i + 1) / double(m_r.lanes().size()));
        }
        events();
        lockWaiters();
        m_out.raw("],\"displayTimeUnit\":\"ms\",\"otherData\":{\"tool\":\"ForkScope\",\"version\":");
        m_out.string(FORKSCOPE_VERSION);
        m_out.raw(",\"scenario\":");
        m_out.string(m_r.scenario().toStdString());
        m_out.raw(",\"config\":");
        m_out.raw(m_r.configJson().empty() ? std::string("{}") : m_r.configJson());
        m_out.raw(",\"result\":");
        m_out.raw(m_r.resultJson().empty() ? std::string("null") : m_r.resultJson());
        m_out.raw(",\"events\":");
        m_out.number(static_cast<qint64>(m_r.eventCount()));
        m_out.raw(",\"events_not_kept\":");
        m_out.number(static_cast<qint64>(m_r.eventsNotKept()));
        m_out.raw(",\"events_dropped\":");
        m_out.number(static_cast<qint64>(m_r.dropped()));
        m_out.raw("}}\n");
        m_out.flush();
    }

private:
    // Opens one event object with every field strict importers want; args follow.
    void begin(char ph, const std::string& name, const char* cat, qint64 tsNs, qint32 pid)
    {
        m_out.raw(m_first ? "\n{\"ph\":\"" : ",\n{\"ph\":\"");
        m_first = false;
        m_out.raw(std::string_view(&ph, 1));
        m_out.raw("\",\"name\":");
        m_out.string(name);
        m_out.raw(",\"cat\":");
        m_out.string(cat);
        m_out.raw(",\"ts\":");
        m_out.micros(tsNs);
        m_out.raw(",\"pid\":");
        m_out.number(pid);
        m_out.raw(",\"tid\":");
        m_out.number(pid);
    }
    void end() { m_out.raw("}"); }

    struct Arg {
        const char* key;
        qint64 value;
        bool boolean = false;
    };
    void args(std::initializer_list<Arg> list)
    {
        m_out.raw(",\"args\":{");
        bool first = true;
        for (const Arg& a : list) {
            m_out.raw(first ? "\"" : ",\"");
            first = false;
            m_out.raw(a.key);
            m_out.raw("\":");
            if (a.boolean)
                m_out.raw(a.value ? "true" : "false");
            else
                m_out.number(a.value);
        }
        m_out.raw("}");
    }

    void metadata()
    {
        // Lanes in role order: the main process first, then each role in order of appearance.
        std::vector<QString> roles;
        for (const Lane& lane : m_r.lanes()) {
            if (std::find(roles.begin(), roles.end(), lane.role) == roles.end())
                roles.push_back(lane.role);
        }
        for (std::size_t i = 0; i < m_r.lanes().size(); ++i) {
            const Lane& lane = m_r.lanes()[i];
            const std::string label = lane.name.toStdString() + " (" + std::to_string(lane.pid) + ")";
            for (const char* what : {"process_name", "thread_name"}) {
                begin('M', what, "__metadata", 0, lane.pid);
                m_out.raw(",\"args\":{\"name\":");
                m_out.string(label);
                m_out.raw(",\"role\":");
                m_out.string(lane.role.toStdString());
                m_out.raw("}");
                end();
            }
            const auto role = std::find(roles.begin(), roles.end(), lane.role) - roles.begin();
            begin('M', "process_sort_index", "__metadata", 0, lane.pid);
            args({{"sort_index", static_cast<qint64>(role * 100000 + static_cast<qint64>(i))}});
            end();
        }
    }

    void asyncPair(const Span& s, qint32 pid)
    {
        const qint64 id = ++m_nextId;
        for (char ph : {'b', 'e'}) {
            begin(ph, spanName(s), spanCategory(s.kind), ph == 'b' ? s.beginNs : s.endNs, pid);
            m_out.raw(",\"id\":");
            m_out.number(id);
            args({});
            end();
        }
    }

    void syncSpan(const Span& s, qint32 pid)
    {
        if (s.kind == SpanKind::LockWait) { // B/E, the E repeating the B's name and cat
            for (char ph : {'B', 'E'}) {
                begin(ph, spanName(s), "lock", ph == 'B' ? s.beginNs : s.endNs, pid);
                if (ph == 'B')
                    args({{"lock", s.object}, {"previous_owner_died", s.detail, true}});
                else
                    args({});
                end();
            }
            return;
        }
        begin('X', spanName(s), spanCategory(s.kind), s.beginNs, pid);
        m_out.raw(",\"dur\":");
        m_out.micros(s.endNs - s.beginNs);
        if (s.kind == SpanKind::Task)
            args({{"task", static_cast<qint64>(s.task)}, {"pool", s.object}, {"ok", s.detail, true}});
        else
            args({{"object", s.object}});
        end();
    }

    // States overlap what happens inside them, so they go on async tracks; the rest nests
    // (a task around its lock waits and holds), and whatever would cross its parent's end
    // goes on an async track too rather than break the lane.
    void lane(const Lane& lane)
    {
        std::vector<const Span*> sync;
        for (const Span& s : lane.spans) {
            if (s.kind == SpanKind::State)
                asyncPair(s, lane.pid);
            else
                sync.push_back(&s);
        }
        std::sort(sync.begin(), sync.end(), [](const Span* a, const Span* b) {
            if (a->beginNs != b->beginNs)
                return a->beginNs < b->beginNs;
            if (a->endNs != b->endNs)
                return a->endNs > b->endNs; // the longer one is the parent
            return (a->kind == SpanKind::Task) > (b->kind == SpanKind::Task);
        });
        std::vector<qint64> open; // ends of the enclosing spans
        for (const Span* s : sync) {
            while (!open.empty() && open.back() <= s->beginNs)
                open.pop_back();
            if (!open.empty() && s->endNs > open.back()) {
                asyncPair(*s, lane.pid);
                continue;
            }
            syncSpan(*s, lane.pid);
            open.push_back(s->endNs);
        }
        for (const SignalMark& mark : lane.signalsSent) { // sent by hand from ForkScope
            begin('i', forkscope::core::signal_name(mark.signal), "signal", mark.timeNs, lane.pid);
            m_out.raw(",\"s\":\"t\"");
            args({{"signal", mark.signal}});
            end();
        }
        if (lane.exitCode && lane.exitNs >= 0) {
            const bool signal = *lane.exitCode < 0;
            begin('i',
                  signal ? forkscope::core::signal_name(-*lane.exitCode) : "exit " + std::to_string(*lane.exitCode),
                  signal ? "signal" : "process", lane.exitNs, lane.pid);
            m_out.raw(",\"s\":\"p\"");
            args({{"exitcode", *lane.exitCode}});
            end();
        }
    }

    // Counters, instants and flow arrows, in event order.
    void events()
    {
        const qint32 mainPid = m_r.lanes().empty() ? 0 : m_r.lanes()[0].pid;
        // A put's event is stamped after put() returns, a blocked getter's as soon as it wakes:
        // a get can come first in time order. Each side waits for the other.
        std::unordered_map<quint64, std::pair<qint64, qint32>> puts, gets; // (queue, ticket) -> time, pid
        auto key = [](const RecordedEvent& e) { return (quint64(e.object) << 40) ^ e.task; };
        const std::size_t n = m_r.events().size();
        for (std::size_t i = 0; i < n; ++i) {
            const RecordedEvent& e = m_r.events()[i];
            const int laneIndex = m_r.laneOfRing(e.ring);
            const qint32 pid = laneIndex >= 0 ? m_r.lanes()[std::size_t(laneIndex)].pid : mainPid;
            switch (e.eventKind()) {
            case EventKind::QueuePut:
            case EventKind::QueueGet: {
                begin('C', queueLabel(e.object), "queue", e.timeNs, mainPid);
                args({{"depth", e.value}});
                end();
                const bool put = e.eventKind() == EventKind::QueuePut;
                auto& others = put ? gets : puts;
                if (const auto other = others.find(key(e)); other != others.end()) {
                    const auto [putNs, putPid] = put ? std::pair(e.timeNs, pid) : other->second;
                    const auto [getNs, getPid] = put ? other->second : std::pair(e.timeNs, pid);
                    flow(std::min(putNs, getNs), putPid, getNs, getPid); // never an arrow back in time
                    others.erase(other);
                } else {
                    (put ? puts : gets)[key(e)] = {e.timeNs, pid};
                }
                break;
            }
            case EventKind::LockAcquired:
                if (e.detail) {
                    begin('i', "owner died: lock " + std::to_string(e.object), "lock", e.timeNs, pid);
                    m_out.raw(",\"s\":\"p\"");
                    args({});
                    end();
                }
                break;
            case EventKind::QueueRecovered:
                begin('i', std::string(e.detail ? "lost get" : "lost put") + ", " + queueLabel(e.object), "queue",
                      e.timeNs, pid);
                m_out.raw(",\"s\":\"p\"");
                args({{"dead_pid", e.value}});
                end();
                break;
            default: break;
            }
            if (i % 65536 == 0)
                report(0.5 + 0.4 * double(i) / double(n));
        }
    }

    // An arrow from a put on the producer's lane to the get on the consumer's.
    void flow(qint64 fromNs, qint32 fromPid, qint64 toNs, qint32 toPid)
    {
        const qint64 id = ++m_nextId;
        begin('s', "item", "flow", fromNs, fromPid);
        m_out.raw(",\"id\":");
        m_out.number(id);
        args({});
        end();
        begin('f', "item", "flow", toNs, toPid);
        m_out.raw(",\"bp\":\"e\",\"id\":");
        m_out.number(id);
        args({});
        end();
    }

    // How many processes wait for each lock over time, from the wait spans of every lane.
    void lockWaiters()
    {
        std::map<quint32, std::vector<std::pair<qint64, int>>> edges;
        for (const Lane& lane : m_r.lanes()) {
            for (const Span& s : lane.spans) {
                if (s.kind == SpanKind::LockWait) {
                    edges[s.object].emplace_back(s.beginNs, +1);
                    edges[s.object].emplace_back(s.endNs, -1);
                }
            }
        }
        const qint32 mainPid = m_r.lanes().empty() ? 0 : m_r.lanes()[0].pid;
        for (auto& [lock, list] : edges) {
            std::sort(list.begin(), list.end()); // at equal times the -1 comes first
            qint64 waiters = 0;
            for (std::size_t i = 0; i < list.size(); ++i) {
                waiters += list[i].second;
                if (i + 1 < list.size() && list[i + 1].first == list[i].first)
                    continue; // one point per instant
                begin('C', "lock " + std::to_string(lock) + " waiters", "lock", list[i].first, mainPid);
                args({{"waiters", waiters}});
                end();
            }
        }
        report(1.0);
    }

    // The queue's name in the program, or "queue 3": a counter track is named once.
    std::string queueLabel(quint32 queue) const
    {
        const QString name = m_r.nameOf(queue);
        return name.isEmpty() ? "queue " + std::to_string(queue) : name.toStdString();
    }

    void report(double fraction)
    {
        if (m_progress && !m_progress(fraction))
            throw Cancelled{};
    }

    const Recording& m_r;
    JsonWriter m_out;
    const exports::Progress& m_progress;
    bool m_first = true;
    qint64 m_nextId = 0;
};

} // namespace

void writeChromeTrace(const Recording& recording, QIODevice& out, const Progress& progress)
{
    TraceWriter(recording, out, progress).write();
}

std::optional<QString> writeChromeTrace(const Recording& recording, const QString& path, const Progress& progress)
{
    return saveAtomically(path, [&](QIODevice& out) {
        try {
            writeChromeTrace(recording, out, progress);
            return true;
        } catch (const Cancelled&) {
            return false;
        }
    });
}

} // namespace exports
