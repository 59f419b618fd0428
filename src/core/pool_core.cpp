#include "core/pool_core.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/telemetry.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace forkscope::core::detail {

namespace {

// Messages: a task is [id u64][invoker u64][arguments]; id 0 asks the worker to stop.
// A result is [id u64][status u32][result bytes, or the exception's message].
constexpr std::size_t kTaskHeader = 16;
constexpr std::size_t kResultHeader = 12;
constexpr std::size_t kResultQueueSize = 256;
constexpr std::size_t kTopUpEvery = 8; // results taken in between two top-ups of the task queue
constexpr std::int64_t kPumpSliceNs = 10 * kNsPerMs; // how soon a dead worker is noticed while waiting
constexpr std::int64_t kReapIntervalNs = 2 * kNsPerMs; // and while results keep coming

// Writes a task message into `m` (its capacity is reused) and returns it.
const std::string& task_message(std::string& m, std::uint64_t id, TaskInvoker invoke, std::string_view args)
{
    m.resize(kTaskHeader + args.size());
    const auto ptr = reinterpret_cast<std::uintptr_t>(invoke);
    std::memcpy(m.data(), &id, 8);
    std::memcpy(m.data() + 8, &ptr, 8);
    if (!args.empty()) // an empty view may hold a null pointer, which memcpy must not see
        std::memcpy(m.data() + kTaskHeader, args.data(), args.size());
    return m;
}

// The task a message in the task queue names: its id, 0 for a stop message.
std::uint64_t message_id(std::string_view message)
{
    std::uint64_t id = 0;
    if (message.size() >= sizeof id)
        std::memcpy(&id, message.data(), sizeof id);
    return id;
}

} // namespace

struct alignas(64) PoolCore::Record {
    std::atomic<std::uint64_t> running{0}; // the task the worker runs; 0 between tasks
    std::atomic<std::uint32_t> took_stop{0}; // it ended on a stop message (not maxtasksperchild)
};

PoolCore::PoolCore(unsigned processes, unsigned maxtasksperchild)
    : processes_(processes ? processes : std::max(1u, static_cast<unsigned>(::sysconf(_SC_NPROCESSORS_ONLN)))),
      maxtasksperchild_(maxtasksperchild), id_(next_object_id()),
      task_queue_(kTaskQueueSize, kTaskHeader + kMaxTaskBytes),
      results_(kResultQueueSize, kResultHeader + kMaxResultBytes), records_(sizeof(Record) * processes_)
{
    static_assert(sizeof(Record) == 64, "one cache line per worker");
    task_queue_.set_name("pool tasks");
    results_.set_name("pool results");
    for (std::size_t i = 0; i < processes_; ++i)
        new (static_cast<Record*>(records_.data()) + i) Record;
    std::size_t started = 0;
    try {
        for (; started < processes_; ++started)
            start_worker(started);
    } catch (const ProcessStartError& e) {
        terminate(); // the workers already started would wait for tasks for ever
        throw ProcessStartError(e.error(), std::to_string(processes_ - started) + " of " + std::to_string(processes_) +
                                               " pool workers could not be started: " + e.what());
    } catch (...) {
        terminate();
        throw;
    }
}

PoolCore::~PoolCore()
{
    try {
        if (state_ != State::Terminated)
            terminate();
    } catch (...) {
        // A destructor must not throw; the workers die with us anyway.
    }
}

PoolCore::Record& PoolCore::record(std::size_t index) const
{
    return static_cast<Record*>(records_.data())[index];
}

void PoolCore::start_worker(std::size_t record_index)
{
    auto worker = std::make_unique<Worker>();
    worker->record = record_index;
    record(record_index).running.store(0, std::memory_order_relaxed);
    record(record_index).took_stop.store(0, std::memory_order_relaxed);
    Worker* raw = worker.get();
    worker->process = std::make_unique<Process>([this, raw] { worker_main(*raw); },
                                                "ForkPoolWorker-" + std::to_string(++worker_counter_));
    worker->process->set_role("pool worker");
    worker->process->start();
    workers_.push_back(std::move(worker));
}

void PoolCore::worker_main(Worker& self)
{
    Record& mine = record(self.record);
    std::string result(kResultHeader + kMaxResultBytes, '\0');
    std::string task;
    unsigned done = 0;
    for (;;) {
        try {
            task_queue_.get_into_claimed(task, mine.running); // the claim names the task from here
        } catch (const QueueClosed&) {
            return;
        }
        const std::uint64_t id = message_id(task);
        std::uintptr_t ptr = 0;
        std::memcpy(&ptr, task.data() + 8, 8);
        if (id == 0) { // a stop message, Python's sentinel
            mine.took_stop.store(1, std::memory_order_release);
            return;
        }
        TelemetrySink* sink = telemetry_sink();
        if (sink) [[unlikely]]
            sink->task_begin(id_, id);
        std::uint32_t status = 0;
        std::size_t size = 0;
        try {
            const auto invoke = reinterpret_cast<TaskInvoker>(ptr);
            size = invoke(reinterpret_cast<const unsigned char*>(task.data()) + kTaskHeader,
                          static_cast<std::uint32_t>(task.size() - kTaskHeader),
                          reinterpret_cast<unsigned char*>(result.data()) + kResultHeader, kMaxResultBytes);
        } catch (const std::exception& e) {
            status = 1;
            size = std::min<std::size_t>(std::strlen(e.what()), kMaxResultBytes);
            std::memcpy(result.data() + kResultHeader, e.what(), size);
        } catch (...) {
            status = 1;
            constexpr std::string_view kUnknown = "unknown exception";
            size = kUnknown.size();
            std::memcpy(result.data() + kResultHeader, kUnknown.data(), size);
        }
        std::memcpy(result.data(), &id, 8);
        std::memcpy(result.data() + 8, &status, 4);
        if (sink) [[unlikely]]
            sink->task_end(id_, id, status == 0);
        results_.put(std::string_view(result.data(), kResultHeader + size)); // the result first…
        mine.running.store(0, std::memory_order_release); // …then "not running"
        if (maxtasksperchild_ != 0 && ++done >= maxtasksperchild_)
            return;
    }
}

void PoolCore::submit(TaskInvoker invoke, const void* args, std::uint32_t size, Completion done)
{
    if (state_ != State::Running)
        throw PoolNotRunning();
    if (size > kMaxTaskBytes)
        throw std::length_error("task arguments of " + std::to_string(size) + " bytes exceed the pool's limit of " +
                                std::to_string(kMaxTaskBytes));
    const std::uint64_t id = first_task_ + tasks_.size();
    tasks_.push_back(Task{invoke, std::string(static_cast<const char*>(args), size), std::move(done), false});
    ++unfinished_;
    pending_.push_back(id);
    dispatch();
}

void PoolCore::dispatch()
{
    // Workers take from the shared queue as they come free: keeping it stocked is all there is.
    while (!pending_.empty()) {
        const std::uint64_t id = pending_.front();
        const Task& task = *find_task(id);
        if (!task_queue_.try_put(task_message(message_, id, task.invoke, task.args)))
            return; // full: topped up again as workers take from it
        pending_.pop_front();
    }
}

PoolCore::Task* PoolCore::find_task(std::uint64_t id)
{
    if (id < first_task_ || id - first_task_ >= tasks_.size())
        return nullptr;
    Task& task = tasks_[id - first_task_];
    return task.finished ? nullptr : &task;
}

void PoolCore::complete(std::uint64_t id, TaskOutcome outcome, std::string_view bytes)
{
    Task* task = find_task(id);
    if (!task)
        return;
    Completion done = std::move(task->done); // out before running it: it may submit more tasks
    task->finished = true;
    task->args = {};
    --unfinished_;
    while (!tasks_.empty() && tasks_.front().finished) {
        tasks_.pop_front();
        ++first_task_;
    }
    done(outcome, bytes);
}

std::size_t PoolCore::drain_results(bool block, std::int64_t timeout_ns)
{
    std::size_t delivered = 0;
    for (;;) {
        std::string& result = result_;
        try {
            if (delivered == 0 && block)
                results_.get_into(result, true, std::chrono::nanoseconds(timeout_ns));
            else
                results_.get_into(result, false);
        } catch (const Empty&) {
            return delivered;
        }
        std::uint64_t id = 0;
        std::uint32_t status = 0;
        std::memcpy(&id, result.data(), 8);
        std::memcpy(&status, result.data() + 8, 4);
        complete(id, status == 0 ? TaskOutcome::Ok : TaskOutcome::Raised,
                 std::string_view(result).substr(kResultHeader));
        if (++delivered % kTopUpEvery == 0)
            dispatch(); // the workers go on while a long run of results is taken in
    }
}

void PoolCore::worker_ended(Worker& worker)
{
    drain_results(false, 0); // what it finished before it ended counts as finished
    const int exitcode = worker.process->exitcode().value_or(0);
    if (exitcode != 0 && state_ != State::Terminated) // terminate() kills them itself
        lost_workers_.push_back({worker.process->pid(), worker.process->ppid(), worker.process->name(),
                                 worker.process->role(), worker.process->daemon(), exitcode});
    auto lose = [&](std::uint64_t id, const char* when) {
        if (id == 0 || !find_task(id))
            return; // a stop message, or a task whose result came in
        complete(id, TaskOutcome::WorkerLost,
                 "worker " + worker.process->name() + " (pid " + std::to_string(worker.process->pid()) + ") " +
                     exit_description(exitcode) + " " + when + " task " + std::to_string(id));
    };
    // Killed inside its get: the slot it held still has the task.
    task_queue_.recover_reader(worker.process->pid(), [&](std::string_view item) {
        const std::uint64_t id = message_id(item);
        if (id == 0 && stops_in_flight_ > 0)
            --stops_in_flight_; // the stop message went with it: join() sends another
        lose(id, "while taking");
    });
    if (record(worker.record).took_stop.load(std::memory_order_acquire) != 0 && stops_in_flight_ > 0)
        --stops_in_flight_;
    // Killed after: its claim names the task (both may name the same one: it fails once).
    lose(record(worker.record).running.load(std::memory_order_acquire), "while running");
    record(worker.record).running.store(0, std::memory_order_relaxed);
}

void PoolCore::reap_workers_if_due()
{
    const std::int64_t now = monotonic_ns();
    if (now - last_reap_ns_ >= kReapIntervalNs) {
        last_reap_ns_ = now;
        reap_workers();
    }
}

void PoolCore::reap_workers()
{
    for (std::size_t n = unfinished_ == 0 || state_ == State::Terminated ? 0 : vacant_.size(); n > 0; --n) {
        const std::size_t slot = vacant_.front();
        vacant_.erase(vacant_.begin());
        replace_worker(slot);
    }
    for (std::size_t i = 0; i < workers_.size(); ++i) {
        Worker& w = *workers_[i];
        if (w.process->is_alive())
            continue;
        worker_ended(w);
        const std::size_t slot = w.record;
        workers_.erase(workers_.begin() + static_cast<std::ptrdiff_t>(i));
        --i;
        // Once closed and done, workers end on stop messages: no replacement then.
        if (state_ != State::Terminated && (state_ == State::Running || unfinished_ > 0))
            replace_worker(slot);
    }
}

void PoolCore::replace_worker(std::size_t slot)
{
    try {
        start_worker(slot); // Python's pool replaces ended workers the same way
        return;
    } catch (const ProcessStartError& e) {
        vacant_.push_back(slot); // tried again while tasks wait: the limit may have eased
        if (!workers_.empty())
            return; // the others go on, one fewer
        // No worker is left to run what is waiting: it fails rather than wait for ever.
        fail_queued(std::string("no pool worker is left to run it: ") + e.what());
    }
}

void PoolCore::fail_queued(const std::string& why)
{
    std::string item;
    while (task_queue_.try_get_into(item)) {
        if (const std::uint64_t id = message_id(item); id != 0)
            complete(id, TaskOutcome::WorkerLost, why);
    }
    while (!pending_.empty()) {
        const std::uint64_t id = pending_.front();
        pending_.pop_front();
        complete(id, TaskOutcome::WorkerLost, why);
    }
}

std::size_t PoolCore::pump(std::int64_t timeout_ns)
{
    std::size_t delivered = drain_results(false, 0);
    reap_workers_if_due();
    dispatch();
    if (delivered > 0 || timeout_ns == 0 || unfinished_ == 0)
        return delivered;
    const std::int64_t deadline = deadline_after(timeout_ns);
    while (delivered == 0 && unfinished_ > 0) {
        const std::int64_t left = deadline - monotonic_ns();
        if (left <= 0)
            break;
        delivered += drain_results(true, std::min(left, kPumpSliceNs));
        if (delivered == 0)
            reap_workers(); // a quiet slice: is a worker dead?
        else
            reap_workers_if_due();
        dispatch();
    }
    return delivered;
}

void PoolCore::close()
{
    if (state_ == State::Running)
        state_ = State::Closed;
}

void PoolCore::join()
{
    if (state_ == State::Running)
        throw std::logic_error("join() needs close() or terminate() first");
    while (unfinished_ > 0)
        pump(-1);
    while (!workers_.empty()) {
        // Only stop messages are left to send: one for every worker, as Python's sentinels, and
        // one more for each that took its stop with it when it was killed.
        while (stops_in_flight_ < workers_.size() && task_queue_.try_put(task_message(message_, 0, nullptr, {})))
            ++stops_in_flight_;
        for (auto& w : workers_)
            (void)w->process->join(std::chrono::milliseconds(10));
        reap_workers();
        // A worker that ended on its maxtasksperchild-th task, after its stop was sent, leaves
        // that stop behind: take it back, or the queue would end with an item nobody got.
        // (Sent = in the queue + taken by workers not reaped yet; so the queue holds
        // stops_in_flight_ - workers_.size() that nobody needs.)
        std::string left;
        while (stops_in_flight_ > workers_.size() && task_queue_.try_get_into(left))
            --stops_in_flight_;
    }
}

void PoolCore::terminate()
{
    state_ = State::Terminated;
    for (auto& w : workers_)
        w->process->terminate();
    for (auto& w : workers_) {
        if (!w->process->join(std::chrono::seconds(1))) { // ignoring SIGTERM: no more asking
            w->process->kill();
            (void)w->process->join();
        }
    }
    workers_.clear();
    pending_.clear();
    auto tasks = std::move(tasks_);
    const std::uint64_t first = first_task_;
    tasks_.clear();
    first_task_ += tasks.size();
    unfinished_ = 0;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        if (!tasks[i].finished)
            tasks[i].done(TaskOutcome::Terminated,
                          "the pool was terminated before task " + std::to_string(first + i) + " finished");
    }
}

std::vector<pid_t> PoolCore::worker_pids() const
{
    std::vector<pid_t> pids;
    for (const auto& w : workers_)
        pids.push_back(w->process->pid());
    return pids;
}

} // namespace forkscope::core::detail
