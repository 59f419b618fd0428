#pragma once

// The machinery under Pool, independent of task and result types.
//
// As Python's Pool: every task goes on one shared task queue ("pool tasks", Python's _inqueue)
// and each worker takes the next one when it is free, so no worker idles while a task waits;
// workers answer through one shared result queue ("pool results", _outqueue). The parent keeps
// what does not fit in the task queue and tops it up as workers take from it.
//
// A worker takes a task with a claimed get: the task's id goes into the worker's record while
// the queue slot is still held, and the record is cleared after the result is posted. When a
// worker dies the parent knows exactly what it lost: the task its record names, or the one whose
// slot it still held (the queue hands the parent that item). That task fails with
// WorkerLostError; the tasks in the queue are nobody's and go to whichever worker is next free.
//
// A worker that cannot be forked (the process limit, memory) is not retried: at construction the
// pool stops the workers it started and throws ProcessStartError ("2 of 4 pool workers could not
// be started: …"); when replacing a worker that ended, the pool goes on with one fewer (trying
// again while tasks wait), and once none is left, the tasks waiting fail with WorkerLostError
// saying why.
//
// The parent stays single-threaded: completions (results, callbacks) and worker replacement
// happen in pump(), which every waiting call of Pool and AsyncResult runs.

#include "core/pool_task.h"
#include "core/process.h"
#include "core/queue.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace forkscope::core {

class WorkerLostError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What a task threw in its worker: the message, and the exception's kind where known.
class RemoteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Python's multiprocessing.TimeoutError, from AsyncResult::get(timeout).
class TimeoutError : public std::runtime_error {
public:
    TimeoutError() : std::runtime_error("timed out waiting for the result") {}
};

// Python's ValueError("Pool not running").
class PoolNotRunning : public std::logic_error {
public:
    PoolNotRunning() : std::logic_error("pool not running") {}
};

namespace detail {

enum class TaskOutcome { Ok, Raised, WorkerLost, Terminated };

class PoolCore {
public:
    using Completion = std::function<void(TaskOutcome outcome, std::string_view bytes)>;

    // What one task's arguments and one result may take (a message header rides along).
    static constexpr std::uint32_t kMaxTaskBytes = QueueEngine::kMaxItemBytes - 64;
    static constexpr std::uint32_t kMaxResultBytes = QueueEngine::kMaxItemBytes - 64;
    static constexpr std::size_t kTaskQueueSize = 64; // tasks queued at once; the rest wait in the parent

    PoolCore(unsigned processes, unsigned maxtasksperchild);
    ~PoolCore(); // terminate()s if still running, like Python's pool on exit
    PoolCore(const PoolCore&) = delete;
    PoolCore& operator=(const PoolCore&) = delete;

    // Queues a task; `done` runs in this process once it finished, raised, or was lost.
    void submit(TaskInvoker invoke, const void* args, std::uint32_t size, Completion done);
    // Delivers finished tasks, replaces ended workers and hands out tasks; waits up to timeout_ns
    // (< 0: until something happens) if nothing was delivered. Returns how many were delivered.
    std::size_t pump(std::int64_t timeout_ns);
    [[nodiscard]] std::size_t outstanding() const noexcept { return unfinished_; }

    void close();
    void join(); // after close() or terminate(): waits for the tasks and the workers
    void terminate(); // stops the workers now; unfinished tasks fail
    [[nodiscard]] bool running() const noexcept { return state_ == State::Running; }
    [[nodiscard]] unsigned processes() const noexcept { return processes_; }
    [[nodiscard]] std::vector<pid_t> worker_pids() const;
    [[nodiscard]] std::uint32_t id() const noexcept { return id_; }
    // Workers that ended on their own with a signal or a non-zero code (and were replaced).
    [[nodiscard]] const std::vector<ProcessInfo>& lost_workers() const noexcept { return lost_workers_; }

private:
    enum class State { Running, Closed, Terminated };
    struct Record; // shared: the task a worker is running
    struct Worker {
        std::unique_ptr<Process> process;
        std::size_t record = 0; // index into records_
    };
    struct Task {
        TaskInvoker invoke = nullptr;
        std::string args;
        Completion done;
        bool finished = false;
    };
    [[nodiscard]] Task* find_task(std::uint64_t id);

    void start_worker(std::size_t record);
    void worker_main(Worker& self);
    std::size_t drain_results(bool block, std::int64_t timeout_ns);
    void complete(std::uint64_t id, TaskOutcome outcome, std::string_view bytes);
    void reap_workers();
    void reap_workers_if_due(); // at most every couple of milliseconds: waitpid is a syscall per worker
    void replace_worker(std::size_t slot); // if no fork is possible: fewer workers, or fail what waits
    void worker_ended(Worker& worker);
    void dispatch();
    void fail_queued(const std::string& why); // no worker is left to take them
    [[nodiscard]] Record& record(std::size_t index) const;

    unsigned processes_;
    unsigned maxtasksperchild_;
    std::uint32_t id_;
    State state_ = State::Running;
    BytesQueue task_queue_;
    BytesQueue results_;
    SharedMemory records_; // one Record per worker slot
    std::vector<std::unique_ptr<Worker>> workers_;
    std::vector<std::size_t> vacant_; // slots whose replacement could not be forked
    std::deque<std::uint64_t> pending_; // not in the task queue yet
    std::deque<Task> tasks_; // tasks_[id - first_task_]: ids are handed out in order
    std::uint64_t first_task_ = 1;
    std::string message_; // reused for every task sent and result read: no allocation per task
    std::string result_;
    std::size_t unfinished_ = 0;
    std::size_t stops_in_flight_ = 0; // stop messages sent that no ended worker is known to have taken
    std::int64_t last_reap_ns_ = 0;
    int worker_counter_ = 0;
    std::vector<ProcessInfo> lost_workers_;
};

} // namespace detail
} // namespace forkscope::core
