#pragma once

// The processes of one run as its supervisor follows them (supervisor.h): the main process and
// every child it reports. For each: what it writes (its output pipe, read back into lines stamped
// with the time they were written), how it ends, and, when the run is stopped or its main program
// fails, how it is made to end (SIGTERM, then SIGKILL after a grace period).
//
// A child's end is learnt in one of three ways, whichever comes first: its pidfd turns readable
// and /proc still holds its exit code (check_exit()), its parent joins it (joined()), or it comes
// to the supervisor, a subreaper, to be reaped (reaped()). Each calls conclude(), which reports
// the end once: its last lines, then the ProcessExit event in its ring and ProcessExited.
//
// Used by the supervisor's poll loop alone: nothing here blocks, and nothing is thread-safe.

#include "core/trace_event.h"
#include "core/unique_fd.h"
#include "scenarios/runner/line_buffer.h"
#include "scenarios/runner/protocol.h"
#include "scenarios/runner/run_arena.h"
#include "scenarios/runner/stamped_output.h"

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace forkscope::scenarios {

// One process of the run that the supervisor follows: the main process, or a child of it.
struct Child {
    pid_t pid = 0;
    bool is_main = false;
    std::uint32_t ring = UINT32_MAX; // its telemetry ring, if it got one
    core::UniqueFd pidfd; // watched until its exit is seen
    core::UniqueFd output; // its stdout+stderr, until EOF
    OutputFrameReader frames; // the pipe's bytes, back to what was written and when
    LineBuffer lines; // output after the last newline
    std::int64_t exit_seen_ns = 0; // exited, code unknown until its parent's join tells it
    std::optional<int> exitcode; // set by conclude(): its end is reported
    std::int64_t end_ns = 0; // when it ended, once concluded
    bool joined = false;

    [[nodiscard]] bool concluded() const noexcept { return exitcode.has_value(); }
    // Not known to have exited: a stop still has to make it end.
    [[nodiscard]] bool running() const noexcept { return !concluded() && exit_seen_ns == 0; }
};

class ChildTable {
public:
    // Every report goes through it, to the front end.
    using Send = std::function<void(const protocol::Message&)>;

    // Follows the main process, just forked, whose output pipe `output` is: ring 0 is its when
    // the run has telemetry (`arena` is nullptr when it has none).
    ChildTable(std::uint32_t run_id, RunArena* arena, Send send, pid_t main_pid, core::UniqueFd output);

    ChildTable(const ChildTable&) = delete;
    ChildTable& operator=(const ChildTable&) = delete;

    // The main process has started a child (ChildStarted), whose output pipe and pidfd came with
    // the message (either may be missing): followed from now on, and reported (ProcessStarted).
    void started(const protocol::ChildStarted& m, core::UniqueFd output, core::UniqueFd pidfd);
    // The main process has joined a child (ChildJoined), which has therefore ended.
    void joined(const protocol::ChildJoined& m);
    // We have reaped `pid` ourselves: the main process, or a process it left behind. Returns
    // whether it was the main process.
    [[nodiscard]] bool reaped(pid_t pid, int exitcode);
    [[nodiscard]] const Child& main() const noexcept { return *children_.front(); }
    // Every process followed, the main process first: what the poll loop watches.
    [[nodiscard]] std::span<const std::unique_ptr<Child>> all() noexcept { return children_; }

    // Reads up to `budget` bytes of its output, without blocking, and sends its complete lines.
    void read_output(Child& child, std::size_t budget);
    // A worker's pidfd is readable: it has exited.
    void check_exit(Child& child);

    // ProcessExit events still waiting for room in a full ring: retried by flush_exit_events().
    [[nodiscard]] bool exit_events_pending() const noexcept { return !pending_exit_events_.empty(); }
    void flush_exit_events();
    // Lets go of the children that need nothing more: joined, and their output read to EOF.
    void forget_done();
    // Every process has ended, its output is read to EOF and its exit event is in its ring.
    [[nodiscard]] bool all_done() const;

    // A stop request: SIGTERM to the workers, SIGKILL after a grace period; or, `kill_now`,
    // SIGKILL to them and the main process at once.
    void stop(bool kill_now);
    // The main program failed: its workers still running go, SIGTERM then SIGKILL.
    void terminate_workers();
    // Sends the SIGKILLs whose time has come.
    void escalate_if_due();
    // When escalate_if_due() has something to do next; INT64_MAX: nothing.
    [[nodiscard]] std::int64_t next_deadline_ns() const noexcept;
    [[nodiscard]] bool stopping() const noexcept { return stopping_; }
    [[nodiscard]] bool main_killed() const noexcept { return main_killed_; }

private:
    Child& add(pid_t pid, std::uint32_t ring, core::UniqueFd output);
    [[nodiscard]] Child* find(pid_t pid) noexcept;
    // Settles that `child` has ended with `exitcode` (-N for signal N), once: check_exit(),
    // joined() and reaped() all come here, and whichever learns of the end later does nothing.
    // Its output is read first, so that its lines come before its exit. The time of its end is
    // the earliest known: when its exit was seen, `ended_by_ns` (when its parent joined it), or
    // now. The main process's end is the run's, told with RunFinished: recorded, not reported.
    void conclude(Child& child, int exitcode, std::int64_t ended_by_ns = INT64_MAX);
    void log(std::string_view line); // a line of the main process's, about the run
    void emit_line(const Child& child, std::string_view line, std::int64_t t_ns);
    void write_exit_event(const Child& child, int exitcode);
    // Calls f(Child&) for each worker not known to have exited; returns how many there were.
    template <class F>
    std::size_t for_each_running_worker(F&& f);

    std::uint32_t run_id_;
    RunArena* arena_;
    Send send_;
    std::vector<std::unique_ptr<Child>> children_; // [0]: the main process
    std::vector<std::pair<std::uint32_t, core::TraceEvent>> pending_exit_events_;
    bool stopping_ = false;
    bool main_killed_ = false;
    std::int64_t kill_workers_at_ns_ = 0; // 0: not due
    std::int64_t kill_main_at_ns_ = 0;
};

} // namespace forkscope::scenarios
