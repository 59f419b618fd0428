#include "model/live/collector.h"

#include "core/clock.h"
#include "core/event_merger.h"
#include "scenarios/runner/run_arena.h"

#include <QSocketNotifier>

#include <sys/eventfd.h>

#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

using namespace forkscope;

namespace {

// Now, in the run's ticks (the collector's process never calibrated its own EventClock).
std::uint64_t ticksNow(const core::ClockCalibration& calibration)
{
#if defined(__x86_64__) || defined(__i386__)
    if (calibration.tsc)
        return __rdtsc();
#endif
    return static_cast<std::uint64_t>(core::monotonic_ns());
}

// A worker can be preempted between reading the clock and publishing its event; events younger
// than this wait for the next drain, so nothing older can still turn up behind them.
constexpr double kSlackNs = 20e6;
// The share of a ring's capacity found in it above which the next drain comes after 1 ms.
constexpr double kDrainSoonerAt = 0.25;
// Events drained and not yet delivered, at most (16 MiB, in each of the three buffers that take
// turns): 50 ms of four workers at full speed, a few frames of the owner's time.
constexpr std::size_t kMaxPendingEvents = std::size_t{1} << 19;

struct Batch {
    std::vector<std::pair<quint32, qint32>> rings; // ring, pid: attach before the events
    std::vector<RecordedEvent> events;
    quint64 dropped = 0;
    quint64 waitedNs = 0;
    // Every process's counts, read after the events: as of the latest drain, not added up.
    std::vector<Recording::ProcessCount> counts;
    quint64 untracked = 0;
    bool counted = false;
};

} // namespace

struct Collector::State {
    scenarios::RunArena arena;
    qint64 t0Ns;
    core::EventMerger merger;
    std::vector<quint32> unattached; // rings whose pid was not yet known
    std::uint32_t ringsSeen = 0;
    Batch delivering; // only deliver() uses it

    // The thread's "a batch is pending", watched by the owning thread's event loop. Not a queued
    // call: that would hand a Qt object across threads through Qt's QMutex, a bare futex that
    // ThreadSanitizer cannot see, and the tsan preset could not check this hand-off.
    core::UniqueFd ready{::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)};

    std::mutex mutex; // guards what follows
    Batch pending;
    bool deliveryQueued = false; // `ready` was written and deliver() has not run since
    bool stop = false;
    std::condition_variable wake;
    std::thread thread;

    State(core::UniqueFd fd, qint64 t0) : arena(scenarios::RunArena::attach(fd.get())), t0Ns(t0) {}

    // Takes what the rings hold up to `watermark` (ticks) and adds it to `batch`.
    void drain(std::uint64_t watermark, Batch& batch)
    {
        for (const std::uint32_t used = arena.rings_used(); ringsSeen < used; ++ringsSeen) {
            merger.add(arena.ring(ringsSeen));
            unattached.push_back(ringsSeen);
        }
        const core::ClockCalibration calibration = arena.header().calibration;
        merger.drain(watermark, [&](const core::EventRing& from, const core::TraceEvent& e) {
            batch.events.push_back(RecordedEvent{calibration.to_ns(e.time) - t0Ns, e.task, e.value, e.object,
                                                 static_cast<quint16>(from.worker()), static_cast<quint8>(e.kind),
                                                 static_cast<quint8>(e.detail)});
        });
        // A ring's pid is set before its first event is published, so every ring with events is known now.
        std::erase_if(unattached, [&](quint32 ring) {
            const qint32 pid = arena.ring(ring)->pid();
            if (pid == 0)
                return false;
            batch.rings.emplace_back(ring, pid);
            return true;
        });
        batch.dropped = merger.dropped();
        batch.waitedNs = merger.waited_ns();
        readCounts(batch);
    }

    // The counters of every process that has a ring, into `batch` (replacing what it held).
    void readCounts(Batch& batch) const
    {
        batch.counts.clear();
        batch.untracked = 0;
        batch.counted = false;
        for (std::uint32_t ring = 0; ring < ringsSeen; ++ring) {
            const core::ProcessCounters* counters = arena.counters(ring);
            if (!counters || !counters->counting())
                continue;
            batch.counted = true;
            batch.untracked += counters->untracked();
            for (std::uint32_t i = 0, used = counters->used(); i < used; ++i) {
                const core::ObjectCounts& o = counters->object(i);
                Recording::ProcessCount c{
                    ring, o.kind.load(std::memory_order_relaxed), o.object.load(std::memory_order_relaxed), {}};
                for (std::size_t k = 0; k < c.n.size(); ++k)
                    c.n[k] = o.get(k);
                batch.counts.push_back(c);
            }
        }
    }
};

Collector::Collector(core::UniqueFd runMemory, qint64 t0Ns, Recording* recording, QObject* parent)
    : QObject(parent), m_state(std::make_unique<State>(std::move(runMemory), t0Ns)), m_recording(recording)
{
    if (!m_state->ready)
        throw std::system_error(errno, std::generic_category(), "eventfd");
    m_wakeNotifier = std::make_unique<QSocketNotifier>(m_state->ready.get(), QSocketNotifier::Read);
    connect(m_wakeNotifier.get(), &QSocketNotifier::activated, this, [this] {
        eventfd_t wakes = 0;
        eventfd_read(m_state->ready.get(), &wakes); // back to 0 first: a wake written after this is seen again
        deliver();
    });
}

Collector::~Collector()
{
    if (m_state->thread.joinable()) {
        {
            std::lock_guard lock(m_state->mutex);
            m_state->stop = true;
        }
        m_state->wake.notify_all();
        m_state->thread.join();
    }
}

void Collector::start(int intervalMs)
{
    State& s = *m_state;
    s.thread = std::thread([&s, intervalMs] {
        const auto slackTicks = static_cast<std::uint64_t>(kSlackNs / s.arena.header().calibration.ns_per_tick);
        Batch local;
        std::unique_lock lock(s.mutex);
        while (!s.stop) {
            // The owner has not taken in what is pending yet: leave the rest in the rings, whose
            // writers then wait for room, rather than hold an ever longer backlog in memory.
            if (s.pending.events.size() >= kMaxPendingEvents) {
                s.wake.wait_for(lock, std::chrono::milliseconds(1), [&] { return s.stop; });
                continue;
            }
            lock.unlock();
            const std::uint64_t now = ticksNow(s.arena.header().calibration);
            s.drain(now > slackTicks ? now - slackTicks : 0, local);
            lock.lock();
            if (!local.events.empty() || !local.rings.empty()) {
                s.pending.rings.insert(s.pending.rings.end(), local.rings.begin(), local.rings.end());
                if (s.pending.events.empty()) // mostly: the owner took the last batch already
                    std::swap(s.pending.events, local.events);
                else
                    s.pending.events.insert(s.pending.events.end(), local.events.begin(), local.events.end());
                s.pending.dropped = local.dropped;
                s.pending.waitedNs = local.waitedNs;
                std::swap(s.pending.counts, local.counts);
                s.pending.untracked = local.untracked;
                s.pending.counted = local.counted;
                local.rings.clear();
                local.events.clear();
                if (!s.deliveryQueued) {
                    s.deliveryQueued = true;
                    eventfd_write(s.ready.get(), 1); // the counter is read back long before it could fill
                }
            }
            // A ring found a quarter full could fill before a whole interval passes: sooner, then.
            const auto wait = s.merger.fullest() > kDrainSoonerAt ? std::chrono::milliseconds(1)
                                                                  : std::chrono::milliseconds(intervalMs);
            s.wake.wait_for(lock, wait, [&] { return s.stop; });
        }
    });
}

void Collector::deliver(bool everything)
{
    Batch& batch = m_state->delivering; // its buffers are reused: no allocation per delivery
    batch.rings.clear();
    batch.events.clear();
    {
        std::lock_guard lock(m_state->mutex);
        std::swap(batch, m_state->pending);
        m_state->deliveryQueued = false;
    }
    for (const auto& [ring, pid] : batch.rings)
        m_recording->attachRing(ring, pid);
    for (const RecordedEvent& e : batch.events)
        m_recording->append(e);
    m_recording->setDropped(std::max(m_recording->dropped(), batch.dropped));
    m_recording->setTelemetryWaitNs(std::max(m_recording->telemetryWaitNs(), batch.waitedNs));
    if (batch.counted) { // after the events: the counts are at least as recent
        m_recording->setCounts(batch.counts, batch.untracked);
        // These buffers become `pending` at the next swap: a delivery that comes late (the
        // thread's wake after finish()) must not bring these counts back over newer ones.
        batch.counted = false;
        // The histograms are read in place, 20 KiB an object a process: often enough for a
        // view, and every time once the run is over.
        const qint64 now = core::monotonic_ns();
        if (everything || now - m_timesReadNs >= kTimesEveryNs) {
            m_timesReadNs = now;
            readTimes();
        }
    }
    m_delivered += batch.events.size();
    if (!batch.events.empty() || !batch.rings.empty())
        emit collected();
}

void Collector::readTimes()
{
    const scenarios::RunArena& arena = m_state->arena;
    std::vector<Recording::ProcessTimes> processes;
    for (std::uint32_t ring = 0, used = arena.rings_used(); ring < used; ++ring) { // ringsSeen is the thread's
        if (const core::ProcessCounters* counters = arena.counters(ring))
            processes.push_back({ring, counters});
    }
    m_recording->setTimes(processes, arena.header().calibration);
}

void Collector::finish()
{
    if (m_state->thread.joinable()) {
        {
            std::lock_guard lock(m_state->mutex);
            m_state->stop = true;
        }
        m_state->wake.notify_all();
        m_state->thread.join();
    }
    drainAllNow();
}

std::size_t Collector::drainAllNow()
{
    {
        std::lock_guard lock(m_state->mutex); // nothing else drains now, but deliver() swaps `pending`
        m_state->drain(UINT64_MAX, m_state->pending);
    }
    const quint64 before = m_delivered;
    deliver(true);
    return static_cast<std::size_t>(m_delivered - before);
}
