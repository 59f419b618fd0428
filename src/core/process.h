#pragma once

// Process: a fork()ed child running a callable or an overridden run(), with the surface of
// Python's multiprocessing.Process (start, join(timeout), is_alive, terminate, kill, pid, name,
// exitcode, daemon) plus ppid and a display role.
//
//   Process p([] { std::puts("in the child"); }, "reader");
//   p.start();              // forks; the child runs the target, then _exit()s
//   p.join();               // blocks until the child has exited, and reaps it
//   int code = *p.exitcode();  // 0, the child's exit code, or -SIGNAL like Python
//
// Differences from Python, on purpose:
//  - a child dies with its parent (PR_SET_PDEATHSIG): ForkScope never leaves orphans;
//  - children leave with _exit(), never exit(): no atexit handler of the parent runs twice;
//  - stdin of a child is /dev/null (Python's input() in a child fails for the same reason).

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace forkscope::core {

namespace detail {
struct ChildRecord; // shared by a Process and the registry of active children
}

class ProcessError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// start() could not make the child: fork() failed (EAGAIN when the process limit RLIMIT_NPROC is
// reached, ENOMEM), or the new child could not be watched. Nothing was started.
class ProcessStartError : public ProcessError {
public:
    ProcessStartError(int error, const std::string& message) : ProcessError(message), error_(error) {}
    [[nodiscard]] int error() const noexcept { return error_; } // the errno

private:
    int error_;
};

// Thrown in a child to leave run() with an exit code, like Python's sys.exit(code).
struct SystemExit {
    int code = 0;
};

// What the parent knows about one child; handed to the ProcessObserver.
struct ProcessInfo {
    pid_t pid = 0;
    pid_t ppid = 0;
    std::string name;
    std::string role;
    bool daemon = false;
    std::optional<int> exitcode; // set once reaped: code, or -signal
};

// The hooks a supervising parent (the run supervisor) needs to follow its children. At most one
// per process; a forked child starts with none. Called in the parent unless named in_child.
class ProcessObserver {
public:
    virtual ~ProcessObserver() = default;
    virtual void before_start(const ProcessInfo&) {} // may throw to refuse the start
    virtual void start_failed(const ProcessInfo&) noexcept {}
    virtual void in_child(const ProcessInfo&) noexcept {} // in the child, before run()
    virtual void started(const ProcessInfo&) {}
    virtual void joined(const ProcessInfo&) {} // reaped: exitcode is set
};

void set_process_observer(ProcessObserver* observer) noexcept;

class Process {
public:
    using Target = std::function<void()>;

    Process(); // for subclasses that override run()
    explicit Process(Target target, std::string name = {});
    virtual ~Process(); // never blocks: an un-joined child stays in active_children()

    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;
    Process(Process&&) = delete;
    Process& operator=(Process&&) = delete;

    // Forks. Throws ProcessError when already started, when called in a daemonic process
    // ("daemonic processes are not allowed to have children"), ProcessStartError when fork() fails.
    void start();

    // Waits for the child to exit and reaps it; true once it has. Without a timeout it blocks.
    // Only the starting process may join (ProcessError otherwise), as in Python.
    bool join(std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    // join(), but giving up once `give_up()` returns true, asked every `check_every`: for a parent
    // that must not wait for ever on a child waiting for someone who died. One wait, however many
    // checks (a loop of timed joins would be many on the timeline). True once joined.
    bool join_unless(const std::function<bool()>& give_up, std::chrono::milliseconds check_every);

    // Reaps the child if it has exited, like Python; false before start().
    [[nodiscard]] bool is_alive();

    void terminate(); // SIGTERM; no effect once reaped
    void kill(); // SIGKILL

    [[nodiscard]] pid_t pid() const noexcept; // 0 before start()
    [[nodiscard]] pid_t ppid() const noexcept; // the starting process, 0 before start()
    [[nodiscard]] const std::string& name() const noexcept { return info().name; }
    void set_name(std::string name);
    [[nodiscard]] const std::string& role() const noexcept { return info().role; }
    void set_role(std::string role);
    [[nodiscard]] std::optional<int> exitcode() const noexcept { return info().exitcode; }
    [[nodiscard]] bool daemon() const noexcept { return info().daemon; }
    void set_daemon(bool daemon); // only before start(), like Python

protected:
    virtual void run(); // calls the target

private:
    [[nodiscard]] const ProcessInfo& info() const noexcept;
    [[noreturn]] void run_in_child();
    bool join_while(const std::function<bool()>& give_up, int slice_ms);

    Target target_;
    std::shared_ptr<detail::ChildRecord> child_;
};

// Children started by this process and not reaped yet (reaps the ones that have exited first).
[[nodiscard]] std::size_t active_children_count();

// What a Python process does when its main code ends: terminate daemonic children that are
// still running, then join every child. Runs in each child too, before it leaves.
void finalize_children();

// True in a process started with daemon set.
[[nodiscard]] bool current_process_is_daemon() noexcept;

} // namespace forkscope::core
