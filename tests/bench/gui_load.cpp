#include "gui_load.h"

#include "core/clock.h"
#include "core/futex.h"
#include "core/process.h"
#include "core/ring_telemetry.h"
#include "core/telemetry.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>

namespace forkscope::bench {

using core::EventKind;
using core::WorkerState;

namespace {

constexpr int kMaxWorkers = 512;
// Workers write in batches on a clock tick, as a busy worker does between two sleeps; 64 workers
// at 4 ms make 16 000 wake-ups a second, which two cores afford next to the GUI.
constexpr std::int64_t kPeriodNs = 4 * core::kNsPerMs;

struct alignas(64) WorkerSlot { // one cache line per worker: no false sharing between them
    std::atomic<std::uint64_t> emitted{0};
    std::atomic<std::int64_t> last_ns{0};
};

struct alignas(64) Depth {
    std::atomic<std::int64_t> value{0};
};

} // namespace

// Lives in MAP_SHARED memory: never copied or moved.
struct SyntheticLoad::Shared {
    std::atomic<std::uint32_t> go{0};
    std::int64_t start_ns = 0; // both written before go is released
    std::int64_t deadline_ns = 0;
    double events_per_ns = 0; // each worker's share
    std::array<Depth, kQueues> depth;
    std::array<WorkerSlot, kMaxWorkers> slots;
};
static_assert(std::atomic<std::int64_t>::is_always_lock_free && std::atomic<std::uint64_t>::is_always_lock_free);

namespace {

// What one worker does, paced by the clock to its share of the rate, until the deadline.
// Every event goes through the core's sink (the hooks Queue, Lock and the pool call), so each
// costs what it costs a scenario: a clock read, a virtual call, a ring push.
class WorkerLoop {
public:
    WorkerLoop(SyntheticLoad::Shared& shared, std::uint32_t index)
        : s_(shared), index_(index), random_(index * 2654435761u + 1)
    {}

    // In the child, on its own ring; returns once the deadline has passed.
    void run(core::EventRing& ring)
    {
        ring.set_pid(::getpid());
        core::RingTelemetry telemetry(ring); // the child's own sink, as Supervisor::in_child installs
        core::set_telemetry_sink(&telemetry);
        telemetry.emit(EventKind::ProcessStart, ring.worker(), 0, ::getppid());
        core::report_state(WorkerState::Sleeping);
        emitted_ = 2;
        while (s_.go.load(std::memory_order_acquire) == 0)
            core::futex_wait(s_.go, 0, -1);
        // Workers wake at staggered phases, as unrelated processes do.
        std::int64_t next = s_.start_ns + kPeriodNs * (index_ % 64) / 64;
        const std::uint64_t before = emitted_;
        for (;;) {
            const std::int64_t now = core::monotonic_ns();
            // Due by now; at the deadline, all that was due in the window (the last batch's share).
            const std::int64_t until = std::min(now, s_.deadline_ns);
            const auto due = static_cast<std::uint64_t>(static_cast<double>(until - s_.start_ns) * s_.events_per_ns);
            while (emitted_ - before < due)
                iteration();
            publish(now);
            if (now >= s_.deadline_ns)
                break;
            next += kPeriodNs;
            if (next <= now) // late (preempted): the next batch catches up, no burst of wake-ups
                next = now + kPeriodNs;
            const timespec at = core::to_timespec(next);
            ::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, nullptr);
        }
        core::report_state(WorkerState::Done);
        ++emitted_;
        publish(core::monotonic_ns());
        core::set_telemetry_sink(nullptr);
    }

private:
    // A task: begin, a lock taken (sometimes after a wait) and released, a put or get on one of
    // the queues (one in eight blocked, with the state changes around it), end. 5.375 events.
    void iteration()
    {
        core::TelemetrySink* sink = core::telemetry_sink();
        const std::uint64_t task = (std::uint64_t{index_} << 40) | tasks_++;
        const std::uint32_t r = next_random();
        core::report_task_begin(1, task);
        sink->lock_acquired(1, r % 4 == 0 ? 1000 + r % 50'000 : 0, false);
        sink->lock_released(1, 2000 + r % 3000);
        emitted_ += 3;
        const std::uint32_t queue = 1 + index_ % SyntheticLoad::kQueues;
        const bool put = index_ % 2 == 0;
        const bool blocked = r % 8 == 1;
        if (blocked) {
            core::report_state(put ? WorkerState::BlockedOnPut : WorkerState::BlockedOnGet);
            ++emitted_;
        }
        const std::int64_t blocked_ns = blocked ? 10'000 + r % 200'000 : 0;
        const std::uint64_t depth = move_depth(s_.depth[queue - 1].value, put);
        if (put)
            sink->queue_put(queue, tasks_, depth, blocked_ns);
        else
            sink->queue_get(queue, tasks_, depth, blocked_ns);
        emitted_ += blocked ? 2 : 1; // a blocked call is a QueueBlocked event, then the put or get
        if (blocked) {
            core::report_state(WorkerState::Running);
            ++emitted_;
        }
        core::report_task_end(1, task, true);
        ++emitted_;
    }

    // The queue's depth after a put or get, kept within 0..capacity.
    static std::uint64_t move_depth(std::atomic<std::int64_t>& depth, bool put)
    {
        std::int64_t d = depth.load(std::memory_order_relaxed);
        const std::int64_t limit = put ? static_cast<std::int64_t>(SyntheticLoad::kQueueCapacity) : 0;
        while (d != limit && !depth.compare_exchange_weak(d, put ? d + 1 : d - 1, std::memory_order_relaxed)) {}
        return static_cast<std::uint64_t>(d == limit ? d : (put ? d + 1 : d - 1));
    }

    std::uint32_t next_random() // xorshift32: cheap, and the same mix on every run
    {
        random_ ^= random_ << 13;
        random_ ^= random_ >> 17;
        random_ ^= random_ << 5;
        return random_;
    }

    void publish(std::int64_t now)
    {
        s_.slots[index_].emitted.store(emitted_,
                                       std::memory_order_relaxed); // read after join, or as a rough live count
        s_.slots[index_].last_ns.store(now, std::memory_order_relaxed);
    }

    SyntheticLoad::Shared& s_;
    std::uint32_t index_;
    std::uint32_t random_;
    std::uint64_t tasks_ = 0;
    std::uint64_t emitted_ = 0; // events asked of the sink, counted here independently of the ring
};

} // namespace

SyntheticLoad::SyntheticLoad(scenarios::RunArena& arena, const LoadConfig& config)
    : shared_(std::make_unique<core::SharedObject<Shared>>(sizeof(Shared)))
{
    if (config.workers < 1 || config.workers > kMaxWorkers)
        throw std::invalid_argument("workers: must be 1.." + std::to_string(kMaxWorkers));
    Shared& s = **shared_;
    s.events_per_ns = config.events_per_second / config.workers / 1e9;
    core::EventRing* mine = arena.claim(::getpid());
    if (!mine)
        throw std::runtime_error("the run's memory has no ring left for the main process");
    main_ = std::make_unique<core::RingTelemetry>(*mine);
    emit_main(EventKind::ProcessStart, mine->worker(), 0, ::getppid());
    for (std::uint32_t q = 1; q <= kQueues; ++q)
        emit_main(EventKind::QueueCreated, q, 0, static_cast<std::int64_t>(kQueueCapacity));
    for (int w = 0; w < config.workers; ++w) {
        core::EventRing* ring = arena.claim(0); // as the supervisor does: its pid is set by whoever is first
        if (!ring)
            throw std::runtime_error("the run's memory has no ring left for worker " + std::to_string(w));
        const auto index = static_cast<std::uint32_t>(w);
        auto process = std::make_unique<core::Process>([&s, ring, index] { WorkerLoop(s, index).run(*ring); },
                                                       "worker-" + std::to_string(w));
        process->start(); // PR_SET_PDEATHSIG: a worker dies with the benchmark
        ring->set_pid(process->pid());
        workers_.push_back(Worker{std::move(process), ring->worker()});
    }
}

SyntheticLoad::~SyntheticLoad()
{
    for (Worker& w : workers_) {
        if (!w.process->exitcode()) {
            w.process->kill();
            w.process->join();
        }
    }
}

void SyntheticLoad::emit_main(EventKind kind, std::uint32_t object, std::uint64_t task, std::int64_t value,
                              std::uint16_t detail)
{
    main_->emit(kind, object, task, value, detail);
    ++main_emitted_;
}

std::int64_t SyntheticLoad::go(double seconds)
{
    Shared& s = **shared_;
    s.start_ns = core::monotonic_ns();
    s.deadline_ns = s.start_ns + static_cast<std::int64_t>(seconds * 1e9);
    s.go.store(1, std::memory_order_release); // publishes the start and the deadline
    core::futex_wake(s.go);
    return s.start_ns;
}

bool SyntheticLoad::join()
{
    bool ok = true;
    for (Worker& w : workers_) {
        if (!w.process->join(std::chrono::seconds(30))) {
            w.process->kill();
            w.process->join();
        }
        const int code = w.process->exitcode().value_or(-SIGKILL);
        ok = ok && code == 0;
        // The child cannot write its own death: the parent does, in ring 0, naming its ring.
        emit_main(EventKind::ProcessExit, w.ring, static_cast<std::uint64_t>(w.process->pid()), code);
    }
    emit_main(EventKind::State, 0, 0, 0, static_cast<std::uint16_t>(WorkerState::Done));
    return ok;
}

std::vector<std::int32_t> SyntheticLoad::pids() const
{
    std::vector<std::int32_t> out;
    for (const Worker& w : workers_)
        out.push_back(w.process->pid());
    return out;
}

std::uint64_t SyntheticLoad::emitted() const
{
    return main_emitted_ + emitted_by_workers();
}

std::uint64_t SyntheticLoad::emitted_by_workers() const
{
    std::uint64_t n = 0;
    for (std::size_t w = 0; w < workers_.size(); ++w)
        n += (*shared_)->slots[w].emitted.load(std::memory_order_relaxed);
    return n;
}

std::int64_t SyntheticLoad::last_event_ns() const
{
    std::int64_t last = 0;
    for (std::size_t w = 0; w < workers_.size(); ++w)
        last = std::max(last, (*shared_)->slots[w].last_ns.load(std::memory_order_relaxed));
    return last;
}

} // namespace forkscope::bench
