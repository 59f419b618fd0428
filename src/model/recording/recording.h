#pragma once

// Recording: what one run did, built from two streams — the supervisor's messages (processes,
// their output, the outcome) and the workers' telemetry events, which the Collector delivers
// in time order. Views and exporters read it; a run file saves it and loads it back equal.
//
// Memory stays bounded for long runs: events (and the spans built from them) are kept up to
// eventLimit(); past it they still count in every statistic but are not stored, and
// eventsNotKept() says how many. Statistics (per queue, per lock, per task) are fixed-size.

#include "core/event_clock.h"
#include "core/process_counters.h"
#include "core/trace_event.h"
#include "model/recording/lanesummary.h"
#include "model/recording/loghistogram.h"

#include <QString>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

// One telemetry event as kept: times in ns since the run started, the ring it came from.
struct RecordedEvent {
    qint64 timeNs = 0;
    quint64 task = 0;
    qint64 value = 0;
    quint32 object = 0;
    quint16 ring = 0;
    quint8 kind = 0; // core::EventKind
    quint8 detail = 0;

    [[nodiscard]] forkscope::core::EventKind eventKind() const { return static_cast<forkscope::core::EventKind>(kind); }
    bool operator==(const RecordedEvent&) const = default;
};
static_assert(sizeof(RecordedEvent) == 32, "a recording of millions of events stays compact");

enum class SpanKind : quint8 {
    State, // detail: core::WorkerState
    Task, // object: pool, task: task id, detail: 1 ok
    LockWait, // object: lock, detail: 1 if the previous owner died
    LockHold, // object: lock
    QueueBlocked, // object: queue, detail: 1 put, 0 get
    Waited, // object: semaphore/event/…, detail: core::WaitKind
};

// A closed interval on one lane.
struct Span {
    qint64 beginNs = 0;
    qint64 endNs = 0;
    quint64 task = 0;
    quint32 object = 0;
    SpanKind kind = SpanKind::State;
    quint8 detail = 0;
    bool operator==(const Span&) const = default;
};

// A signal the user sent to a process from ForkScope (Run › Send Signal), in ns since the start.
struct SignalMark {
    qint64 timeNs = 0;
    qint32 signal = 0;
    bool operator==(const SignalMark&) const = default;
};

// Where a process is in its life. Exited: it has ended but its parent has not joined it yet
// (until then it is a zombie). The main process counts as joined once the run has finished.
enum class ProcessState { Running, Exited, Joined };

// One process of the run: the main process (lane 0) or a worker.
struct Lane {
    qint32 pid = 0;
    qint32 ppid = 0;
    QString name;
    QString role;
    bool daemon = false;
    qint64 startNs = -1; // -1: not known (yet)
    qint64 exitNs = -1;
    std::optional<qint32> exitCode; // Python's exitcode: -N for signal N
    qint64 joinNs = -1;
    int ring = -1; // its telemetry ring, if it had one
    std::vector<Span> spans; // closed spans, in the order they closed
    // Open while the process runs.
    std::optional<Span> openState;
    std::optional<Span> openTask;
    std::vector<std::pair<quint32, qint64>> openHolds; // lock, since: rarely more than one
    quint64 tasksDone = 0;
    std::vector<SignalMark> signalsSent;

    // ForkScope's last SIGSTOP or SIGCONT to it was a SIGSTOP.
    [[nodiscard]] bool stoppedByForkScope() const;
    bool operator==(const Lane&) const = default;
};

struct QueueStats {
    quint64 capacity = 0; // its maxsize; 0 if the queue was made before telemetry started
    quint64 puts = 0, gets = 0;
    quint64 maxDepth = 0;
    quint64 lastDepth = 0;
    quint64 blockedPuts = 0, blockedGets = 0;
    LogHistogram putBlockedNs, getBlockedNs;
    quint64 lostPuts = 0, lostGets = 0; // cleaned up after a process died inside them
    bool operator==(const QueueStats&) const = default;
};

struct LockStats {
    quint64 acquisitions = 0;
    quint64 contended = 0; // acquisitions that waited
    quint64 ownerDied = 0;
    LogHistogram waitNs, holdNs;
    int holderLane = -1; // who holds it now, if anyone
    bool operator==(const LockStats&) const = default;
};

struct LogEntry {
    qint64 timeNs = 0;
    qint32 pid = 0;
    QString text;
    bool operator==(const LogEntry&) const = default;
};

struct BlockedTimes {
    qint64 putNs = 0;
    qint64 getNs = 0;
    qint64 lockNs = 0;
    [[nodiscard]] qint64 total() const { return putNs + getNs + lockNs; }
    bool operator==(const BlockedTimes&) const = default;
};

class Recording {
public:
    // The detail's memory budget: 96 MiB of events and, at full speed, some 75 MB of spans built
    // from them (about 57 bytes an event kept, measured). With the views' own indexes the GUI
    // stays under 400 MB and the CLI under 300 MB at full speed (forkscope_stress_bench
    // --full-speed); past it the summaries and the processes' own counts go on.
    static constexpr quint64 kDefaultEventLimit = 3'000'000;
    static constexpr std::size_t kLogLimit = 1'000'000;

    explicit Recording(quint64 eventLimit = kDefaultEventLimit) : m_eventLimit(eventLimit) {}

    // What ran: the scenario's id and its config (a JSON object's text, kept in canonical form).
    void setScenario(const QString& scenario, const std::string& configJson);
    [[nodiscard]] const QString& scenario() const { return m_scenario; }
    [[nodiscard]] const std::string& configJson() const { return m_configJson; }
    // The scenario's conclusion (protocol::RunResult): a JSON object's text, or empty.
    void setResult(const std::string& resultJson);
    [[nodiscard]] const std::string& resultJson() const { return m_resultJson; }

    // From the supervisor's messages; times are CLOCK_MONOTONIC ns, made relative here.
    void runStarted(qint64 t0Ns, qint32 mainPid, qint32 mainPpid);
    void processStarted(qint32 pid, qint32 ppid, qint64 tNs, bool daemon, const QString& name, const QString& role);
    void processExited(qint32 pid, qint32 exitCode, qint64 tNs);
    void processJoined(qint32 pid, qint64 tNs);
    void logLine(qint32 pid, qint64 tNs, const QString& text);
    // The front end sent `signal` to `pid` at CLOCK_MONOTONIC `tNs`.
    void signalSent(qint32 pid, int signal, qint64 tNs);
    void runFinished(qint64 tNs);

    // From the collector: ring `ring` belongs to process `pid`; then its events, in time order.
    void attachRing(quint32 ring, qint32 pid);
    void append(const RecordedEvent& event);
    void setDropped(quint64 dropped) { m_dropped = dropped; }
    // How long the processes waited, all told, for room in their full rings (core::EventRing):
    // what recording every event cost the run.
    void setTelemetryWaitNs(quint64 ns) { m_telemetryWaitNs = ns; }
    [[nodiscard]] quint64 telemetryWaitNs() const { return m_telemetryWaitNs; }
    // From the collector: every process's own counts (core::ProcessCounters), as of now. Once
    // given, they are the counts the statistics hold (puts, gets, blocks and losses per queue;
    // acquisitions, waits and owner deaths per lock; tasks per lane and failed), exact whatever
    // events were dropped; events still give the times, spans, depths and histograms.
    struct ProcessCount {
        quint32 ring = 0;
        forkscope::core::CountedKind kind{};
        quint32 object = 0;
        std::array<quint64, forkscope::core::ObjectCounts::kCounts> n{};
    };
    void setCounts(const std::vector<ProcessCount>& counts, quint64 untracked);
    // Whether the counts in the statistics are the processes' own, all of them (a process that
    // used more objects than its counters have room for leaves some to the events).
    [[nodiscard]] bool countsExact() const { return m_counted && m_untracked == 0; }
    // From the collector, every so often and once at the end: the processes' own duration
    // histograms and time in each state (core::ProcessCounters), as of now, read in place. Once
    // given, the histograms (queue blocks, lock waits and holds, task times) are theirs, exact
    // whatever events were dropped, and apply() leaves them alone.
    struct ProcessTimes {
        quint32 ring = 0;
        const forkscope::core::ProcessCounters* counters = nullptr;
    };
    void setTimes(const std::vector<ProcessTimes>& processes, const forkscope::core::ClockCalibration& calibration);
    // Whether the histograms are the processes' own, all of them (an object past a process's
    // timed slots leaves its durations to the events).
    [[nodiscard]] bool timesExact() const { return m_timed && m_untimed == 0; }
    // The time lane `lane` spent in each state (core::WorkerState), up to its end or, while it
    // runs, the latest time known: the process's own (setTimes(), or as saved), else from its
    // events when none were dropped; empty when neither is exact.
    using StateTimes = std::array<qint64, forkscope::core::ProcessCounters::kStates>;
    [[nodiscard]] std::optional<StateTimes> timeInStates(int lane) const;
    // The time lane `lane` spent blocked in put and get calls (on every queue) and waiting for
    // locks: the process's own sums, else its events' when none were dropped; empty otherwise.
    [[nodiscard]] std::optional<BlockedTimes> blockedTimes(int lane) const;

    [[nodiscard]] qint64 t0Ns() const { return m_t0Ns; }
    [[nodiscard]] qint64 durationNs() const { return m_endNs; } // so far, or the run's wall time
    [[nodiscard]] bool finished() const { return m_finished; }
    [[nodiscard]] const std::vector<Lane>& lanes() const { return m_lanes; }
    [[nodiscard]] int laneOfRing(quint32 ring) const;
    [[nodiscard]] int laneOfPid(qint32 pid) const; // the latest process with that pid, or -1
    static constexpr int kMainLane = 0; // the main process: runStarted() makes it the first lane
    [[nodiscard]] ProcessState stateOf(int lane) const;
    // When the process ended, in ns since the start (the main process's end is the run's), or -1.
    [[nodiscard]] qint64 endOf(int lane) const;
    // Lane `lane`'s whole run at a coarse grain (states, tasks), from every event, kept or not.
    // Not saved in run files yet: a loaded run's summary is built from the events it kept.
    [[nodiscard]] const LaneSummary& summaryOf(int lane) const
    {
        return m_laneTotals[static_cast<std::size_t>(lane)].summary;
    }
    // Queue `queue`'s depth over the whole run at a coarse grain (the same), or null.
    [[nodiscard]] const LevelSummary* depthSummaryOf(quint32 queue) const
    {
        const auto it = m_depths.find(queue);
        return it == m_depths.end() ? nullptr : &it->second;
    }
    // Until when spans were stored: the time of the last event kept, once events stopped being
    // kept; -1 while every event is (then the spans are the whole run).
    [[nodiscard]] qint64 detailEndNs() const
    {
        return m_events.size() < m_eventCount && !m_events.empty() ? m_events.back().timeNs : -1;
    }
    [[nodiscard]] const std::vector<RecordedEvent>& events() const { return m_events; }
    [[nodiscard]] quint64 eventCount() const { return m_eventCount; } // kept or not
    [[nodiscard]] quint64 eventsNotKept() const { return m_eventCount - m_events.size(); }
    [[nodiscard]] quint64 eventLimit() const { return m_eventLimit; }
    [[nodiscard]] quint64 dropped() const { return m_dropped; } // never written: a ring was full
    [[nodiscard]] const std::map<quint32, QueueStats>& queues() const { return m_queues; }
    [[nodiscard]] const std::map<quint32, LockStats>& locks() const { return m_locks; }
    // What an object (queue, lock, pool) was named by the program, or empty: views then say
    // "queue 3" (TextFormat::queueName). Names come as ObjectNamed events: a saved run keeps them.
    [[nodiscard]] QString nameOf(quint32 object) const;
    [[nodiscard]] const LogHistogram& taskNs() const { return m_taskNs; } // of the task events recorded
    [[nodiscard]] quint64 tasksDone() const; // every task that ended, failed ones too: the lanes' sum
    [[nodiscard]] quint64 tasksFailed() const { return m_tasksFailed; }
    [[nodiscard]] std::optional<std::pair<qint64, qint64>> progress() const { return m_progress; } // done, total
    [[nodiscard]] const std::vector<LogEntry>& log() const { return m_log; }
    [[nodiscard]] quint64 logLinesNotKept() const { return m_logNotKept; }

    // Equal content (the caches of the last queue and lock used are not content).
    bool operator==(const Recording& o) const;

    // Restoring a saved run (runfilereader.cpp), in this order: its lanes, then its events through
    // append(), then what the events cannot rebuild.
    void restoreLane(Lane lane); // its ring, if it has one, must be free: laneOfRing() < 0
    void restoreLog(std::vector<LogEntry> log, quint64 linesNotKept);
    // A finished run ends what its main process had open, as runFinished() did.
    void restoreTimes(qint64 t0Ns, qint64 durationNs, bool finished);
    void restoreProgress(qint64 done, qint64 total) { m_progress = std::make_pair(done, total); }
    void restoreTimeInStates(int lane, const StateTimes& times);
    void restoreBlockedTimes(int lane, const BlockedTimes& times);
    // The statistics as saved, for a run that counted more events than it kept (they cannot be
    // replayed from the events in the file).
    struct Statistics {
        quint64 eventCount = 0;
        LogHistogram taskNs;
        quint64 tasksFailed = 0;
        std::vector<quint64> tasksDonePerLane; // one per lane
        std::map<quint32, QueueStats> queues;
        std::map<quint32, LockStats> locks;
    };
    void restoreStatistics(Statistics statistics);

private:
    int laneFor(qint32 pid, bool wantUnnamed, bool wantUnringed);
    struct LastQueue {
        quint32 id = 0;
        QueueStats* stats = nullptr;
        LevelSummary* depths = nullptr;
    };
    QueueStats& queue(quint32 id);
    LastQueue& lastQueue(quint32 id); // its statistics and depth summary, the last used cached
    // What the recording keeps of each lane beside its Lane, one per lane, added with it.
    struct CountedStates {
        StateTimes ns{}; // closed intervals
        int state = -1; // the one it is in since sinceNs, if any
        qint64 sinceNs = 0;
    };
    struct LaneTotals {
        LaneSummary summary; // from every event, stored or not
        BlockedTimes eventBlocked; // from the events
        std::optional<BlockedTimes> countedBlocked; // the process's own (setTimes()), or as saved
        std::optional<CountedStates> countedStates; // likewise
    };
    LaneTotals& totalsFor(const Lane& lane) { return m_laneTotals[static_cast<std::size_t>(&lane - m_lanes.data())]; }
    LaneSummary& summaryFor(const Lane& lane) { return totalsFor(lane).summary; }
    LockStats& lock(quint32 id);
    void endLane(int index, qint64 endNs);
    void finishAt(qint64 endNs);
    void closeSpan(Lane& lane, std::optional<Span>& open, qint64 endNs);
    void apply(Lane& lane, const RecordedEvent& e);

    quint64 m_eventLimit;
    QString m_scenario;
    std::string m_configJson;
    std::string m_resultJson;
    qint64 m_t0Ns = 0;
    qint64 m_endNs = 0;
    bool m_finished = false;
    std::vector<Lane> m_lanes;
    std::vector<LaneTotals> m_laneTotals; // one per lane
    std::map<quint32, LevelSummary> m_depths; // per queue
    std::vector<int> m_ringLane; // ring -> lane
    std::vector<RecordedEvent> m_events;
    quint64 m_eventCount = 0;
    quint64 m_dropped = 0;
    quint64 m_telemetryWaitNs = 0;
    bool m_counted = false; // setCounts() was called: apply() leaves the counts alone
    quint64 m_untracked = 0;
    bool m_timed = false; // setTimes() was called: apply() leaves the histograms alone
    quint64 m_untimed = 0;
    std::map<quint32, QueueStats> m_queues;
    std::map<quint32, LockStats> m_locks;
    std::map<quint32, QString> m_names;
    // The last one used: runs have few queues and locks, and consecutive events share them.
    LastQueue m_lastQueue;
    std::pair<quint32, LockStats*> m_lastLock{0, nullptr};
    LogHistogram m_taskNs;
    quint64 m_tasksFailed = 0;
    std::optional<std::pair<qint64, qint64>> m_progress;
    std::vector<LogEntry> m_log;
    quint64 m_logNotKept = 0;
};
