#include "scenarios/runner/child_table.h"

#include "core/clock.h"
#include "core/event_clock.h"
#include "core/pidfd.h"
#include "scenarios/runner/zombie_exit.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

namespace forkscope::scenarios {

namespace {

constexpr std::int64_t kStopGraceNs = 1'000 * core::kNsPerMs; // SIGTERM, then SIGKILL
constexpr std::size_t kReadEverything = SIZE_MAX;

} // namespace

ChildTable::ChildTable(std::uint32_t run_id, RunArena* arena, Send send, pid_t main_pid, core::UniqueFd output)
    : run_id_(run_id), arena_(arena), send_(std::move(send))
{
    // No pidfd: the main process is our child, whose exit SIGCHLD tells.
    add(main_pid, arena_ ? 0 : UINT32_MAX, std::move(output)).is_main = true;
}

void ChildTable::started(const protocol::ChildStarted& m, core::UniqueFd output, core::UniqueFd pidfd)
{
    Child& child = add(m.pid, m.ring, std::move(output));
    child.pidfd = std::move(pidfd);
    if (!child.pidfd) // cannot happen unless descriptors ran out; a pidfd of a reaped pid is refused
        child.pidfd.reset(core::pidfd_open(m.pid));
    send_(static_cast<const protocol::ProcessStarted&>(m));
    if (stopping_) // started while a stop was being handled: it goes too
        (void)core::pidfd_send_signal(child.pidfd.get(), SIGTERM);
}

void ChildTable::joined(const protocol::ChildJoined& m)
{
    Child* child = find(m.pid);
    if (!child)
        return;
    conclude(*child, m.exitcode, m.t_ns); // it exited before it was joined
    child->joined = true;
    send_(static_cast<const protocol::ProcessJoined&>(m));
}

bool ChildTable::reaped(pid_t pid, int exitcode)
{
    Child* child = find(pid);
    if (!child)
        return false;
    conclude(*child, exitcode);
    child->joined = true; // nobody else can join it now
    return child->is_main;
}

Child& ChildTable::add(pid_t pid, std::uint32_t ring, core::UniqueFd output)
{
    auto child = std::make_unique<Child>();
    child->pid = pid;
    child->ring = ring;
    child->output = std::move(output);
    if (child->output)
        ::fcntl(child->output.get(), F_SETFL, O_NONBLOCK);
    children_.push_back(std::move(child));
    return *children_.back();
}

Child* ChildTable::find(pid_t pid) noexcept
{
    for (auto& child : children_) {
        if (child->pid == pid)
            return child.get();
    }
    return nullptr;
}

void ChildTable::read_output(Child& child, std::size_t budget)
{
    char buffer[16384];
    auto emit = [this, &child](std::string_view line, std::int64_t t_ns) { emit_line(child, line, t_ns); };
    auto to_lines = [&child, &emit](std::string_view bytes, std::int64_t t_ns) {
        child.lines.append(bytes, t_ns, emit);
    };
    while (child.output && budget > 0) {
        const ssize_t n = ::read(child.output.get(), buffer, std::min(sizeof buffer, budget));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN)
                child.output.reset();
            return;
        }
        if (n == 0) { // every writer has gone
            child.frames.flush(core::monotonic_ns(), to_lines);
            child.lines.flush(emit);
            child.output.reset();
            return;
        }
        budget -= static_cast<std::size_t>(n);
        child.frames.feed(std::string_view(buffer, static_cast<std::size_t>(n)), core::monotonic_ns(), to_lines);
    }
}

// Stamped with the time its last byte was written (stamped_output.h), not when it was read.
void ChildTable::emit_line(const Child& child, std::string_view line, std::int64_t t_ns)
{
    send_(protocol::LogLine{run_id_, child.pid, t_ns, std::string(line)});
}

// Its parent, the main process, reaps it when it joins; until then it is a zombie whose exit code
// /proc tells.
void ChildTable::check_exit(Child& child)
{
    if (child.concluded() || child.is_main)
        return;
    read_output(child, kReadEverything); // what it wrote before exiting comes first
    if (const std::optional<int> code = zombie_exitcode(child.pid, child.pidfd.get()))
        conclude(child, *code);
    else
        child.exit_seen_ns = core::monotonic_ns(); // already joined: its ChildJoined is on the way
}

void ChildTable::conclude(Child& child, int exitcode, std::int64_t ended_by_ns)
{
    if (child.concluded())
        return;
    read_output(child, kReadEverything); // its lines come before its end
    // Taken after the read: a line without a stamp of its own is stamped when read, and a
    // process's lines must not come after its end.
    const std::int64_t seen_ns = child.exit_seen_ns != 0 ? child.exit_seen_ns : core::monotonic_ns();
    child.end_ns = std::min(ended_by_ns, seen_ns);
    child.exitcode = exitcode;
    child.pidfd.reset();
    if (child.is_main)
        return;
    write_exit_event(child, exitcode);
    send_(protocol::ProcessExited{run_id_, child.pid, exitcode, child.end_ns});
}

// A process cannot record its own death, so its ProcessExit goes into its own ring, after its last
// event: the ring's writer is dead, and its death orders its last write before ours.
void ChildTable::write_exit_event(const Child& child, int exitcode)
{
    if (!arena_ || child.is_main || child.ring == UINT32_MAX)
        return;
    const core::TraceEvent event{core::EventClock::now(),
                                 static_cast<std::uint64_t>(child.pid),
                                 exitcode,
                                 child.ring,
                                 core::EventKind::ProcessExit,
                                 0};
    pending_exit_events_.emplace_back(child.ring, event);
    flush_exit_events();
}

// A full ring is drained by the front end soon; the lane must not stay open for want of room.
void ChildTable::flush_exit_events()
{
    std::erase_if(pending_exit_events_, [this](const auto& pending) {
        core::EventRing* ring = arena_->ring(pending.first);
        return !ring || (ring->has_room() && ring->push(pending.second));
    });
}

void ChildTable::forget_done()
{
    std::erase_if(children_, [](const auto& c) { return !c->is_main && c->joined && !c->output; });
}

bool ChildTable::all_done() const
{
    if (exit_events_pending())
        return false;
    return std::all_of(children_.begin(), children_.end(), [](const auto& c) { return c->concluded() && !c->output; });
}

void ChildTable::log(std::string_view line)
{
    send_(protocol::LogLine{run_id_, main().pid, core::monotonic_ns(), std::string(line)});
}

template <class F>
std::size_t ChildTable::for_each_running_worker(F&& f)
{
    std::size_t count = 0;
    for (auto& child : children_) {
        if (!child->is_main && child->running()) {
            f(*child);
            ++count;
        }
    }
    return count;
}

void ChildTable::stop(bool kill_now)
{
    stopping_ = true;
    const int signo = kill_now ? SIGKILL : SIGTERM;
    for_each_running_worker([signo](Child& child) { (void)core::pidfd_send_signal(child.pidfd.get(), signo); });
    if (kill_now) {
        // Our child: its pid cannot be reused before we reap it — and once reaped (concluded),
        // it may already belong to another process.
        if (!main().concluded()) {
            main_killed_ = true;
            ::kill(main().pid, SIGKILL);
        }
    } else if (kill_workers_at_ns_ == 0) {
        kill_workers_at_ns_ = core::monotonic_ns() + kStopGraceNs;
    }
}

// The workers still running may wait for what the failed main program will never do — put
// sentinels, join a queue — so they go.
void ChildTable::terminate_workers()
{
    const std::size_t running =
        for_each_running_worker([](Child& child) { (void)core::pidfd_send_signal(child.pidfd.get(), SIGTERM); });
    if (running == 0)
        return;
    log("main: the main program failed, terminating " +
        (running == 1 ? std::string("the worker") : "the " + std::to_string(running) + " workers") +
        " still running (SIGTERM)");
    if (kill_workers_at_ns_ == 0)
        kill_workers_at_ns_ = core::monotonic_ns() + kStopGraceNs;
}

void ChildTable::escalate_if_due()
{
    const std::int64_t now = core::monotonic_ns();
    if (kill_workers_at_ns_ != 0 && now >= kill_workers_at_ns_) {
        kill_workers_at_ns_ = 0;
        for_each_running_worker([this](Child& child) {
            log("main: " + std::to_string(child.pid) + " ignored SIGTERM, killing it (SIGKILL)");
            (void)core::pidfd_send_signal(child.pidfd.get(), SIGKILL);
        });
        // The main program then has its workers back (or their deaths); if it still waits on
        // something that will never come, it goes too.
        if (stopping_ && !main().concluded())
            kill_main_at_ns_ = now + kStopGraceNs;
    }
    if (kill_main_at_ns_ != 0 && now >= kill_main_at_ns_) {
        kill_main_at_ns_ = 0;
        if (!main().concluded()) {
            log("main: the main program did not end after its workers, killing it (SIGKILL)");
            main_killed_ = true;
            ::kill(main().pid, SIGKILL);
        }
    }
}

std::int64_t ChildTable::next_deadline_ns() const noexcept
{
    std::int64_t next = INT64_MAX;
    for (std::int64_t at : {kill_workers_at_ns_, kill_main_at_ns_})
        if (at != 0)
            next = std::min(next, at);
    return next;
}

} // namespace forkscope::scenarios
