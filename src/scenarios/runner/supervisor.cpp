#include "scenarios/runner/supervisor.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/event_clock.h"
#include "core/pidfd.h"
#include "core/shared_memory.h"
#include "scenarios/runner/channel.h"
#include "scenarios/runner/line_buffer.h"
#include "scenarios/runner/main_process.h"
#include "scenarios/runner/process_setup.h"
#include "scenarios/runner/run_arena.h"
#include "scenarios/runner/stamped_output.h"
#include "scenarios/runner/zombie_exit.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

namespace forkscope::scenarios {

namespace {

constexpr std::int64_t kStopGraceNs = 1'000 * core::kNsPerMs; // SIGTERM, then SIGKILL
constexpr std::int64_t kOutputDrainNs = 2'000 * core::kNsPerMs;
// What one pipe may hand over per round of the loop: a process printing without end gets its
// share, and every other pipe, exit and message is served between its shares.
constexpr std::size_t kReadShareBytes = 64 * 1024;
constexpr std::size_t kReadEverything = SIZE_MAX;
constexpr std::int64_t kRetryMs = 5; // a ProcessExit event waiting for room in a full ring

// One process of the run that the supervisor follows: the main process, or a child of it.
struct Child {
    pid_t pid = 0;
    bool is_main = false;
    std::uint32_t ring = UINT32_MAX; // its telemetry ring, if it got one
    core::UniqueFd pidfd;  // watched until its exit is seen
    core::UniqueFd output; // its stdout+stderr, until EOF
    OutputFrameReader frames; // the pipe's bytes, back to what was written and when
    LineBuffer lines;      // output after the last newline
    std::int64_t exit_seen_ns = 0; // exited, code unknown until its parent's join tells it
    bool exit_reported = false;
    bool joined = false;
};

class Supervisor {
public:
    explicit Supervisor(SupervisorSetup& setup) : setup_(setup) {}

    int run();

private:
    void send(const protocol::Message& message, int pass_fd = -1);
    void log(std::string_view line); // a line of the main process's, about the run
    [[nodiscard]] std::string start_telemetry(); // what went wrong, if it did
    void start_main();
    void serve();
    [[nodiscard]] bool done() const;
    void handle_control();
    void handle_channel();
    void on_child_started(const protocol::ChildStarted& m, protocol::Received& r);
    void on_child_joined(const protocol::ChildJoined& m);
    void read_output(Child& child, std::size_t budget);
    void emit_line(const Child& child, std::string_view line, std::int64_t t_ns);
    void check_exit(Child& child);
    void report_exit(Child& child, int exitcode, std::int64_t t_ns);
    void write_exit_event(const Child& child, int exitcode);
    void flush_exit_events();
    void reap_own_children();
    void main_ended(int exitcode);
    void request_stop(bool kill_now);
    void terminate_workers();
    void escalate_if_due();
    Child* find(pid_t pid);

    SupervisorSetup& setup_;
    std::optional<RunArena> arena_; // the run's telemetry, shared with the front end
    std::optional<core::SharedObject<RunControl>> control_;
    core::UniqueFd channel_;        // from the main process, until it closes
    core::UniqueFd sigchld_;        // the main process, and orphans once it is gone (we are a subreaper)
    std::vector<std::unique_ptr<Child>> children_; // [0]: the main process
    pid_t main_pid_ = 0;
    bool main_reaped_ = false;
    std::int64_t begin_ns_ = 0;
    std::int64_t main_end_ns_ = 0;
    std::optional<protocol::MainFinished> finished_; // as the main process said it
    std::optional<int> main_exitcode_;
    bool stop_requested_ = false;
    bool main_killed_ = false;
    std::int64_t kill_workers_at_ns_ = 0; // 0: not due
    std::int64_t kill_main_at_ns_ = 0;
    std::vector<std::pair<std::uint32_t, core::TraceEvent>> pending_exit_events_;
};

void Supervisor::send(const protocol::Message& message, int pass_fd)
{
    try {
        protocol::send_message(setup_.frontend_fd, message, pass_fd);
    } catch (const std::exception&) {
        // The front end is gone: nobody is watching, so the whole run goes (we lead its group).
        ::kill(0, SIGKILL);
        ::_exit(1);
    }
}

void Supervisor::log(std::string_view line)
{
    send(protocol::LogLine{setup_.run_id, main_pid_, core::monotonic_ns(), std::string(line)});
}

std::string Supervisor::start_telemetry()
{
    try {
        const FileSizeLimitLift lift; // the arena is a memfd
        arena_.emplace(RunArena::create(core::EventClock::rebase(setup_.calibration)));
    } catch (const std::exception& e) {
        return std::string("main: running without telemetry: ") + e.what();
    }
    (void)arena_->claim(0); // ring 0: the main process's, which sets its pid
    return {};
}

void Supervisor::start_main()
{
    control_.emplace(sizeof(RunControl));
    protocol::SocketPair channel = protocol::make_socket_pair();
    int output[2];
    if (::pipe2(output, O_CLOEXEC) != 0)
        core::throw_errno("pipe2 for the main process's output");
    core::UniqueFd output_read(output[0]), output_write(output[1]);
    const pid_t supervisor = ::getpid();
    std::fflush(nullptr);
    begin_ns_ = core::monotonic_ns();
    const pid_t pid = ::fork();
    if (pid < 0)
        core::throw_errno("fork (the main process)");
    if (pid == 0) {
        channel.first.reset();
        output_read.reset();
        run_main_process({std::move(channel.second), output_write.get(), supervisor, setup_.run_id, setup_.scenario,
                          &setup_.config, arena_ ? &*arena_ : nullptr, control_->get()});
    }
    main_pid_ = pid;
    if (arena_)
        arena_->ring(0)->set_pid(pid); // also set by the main process; whoever is first
    channel_ = std::move(channel.first);
    ::fcntl(channel_.get(), F_SETFL, O_NONBLOCK);
    auto main = std::make_unique<Child>();
    main->pid = pid;
    main->is_main = true;
    main->ring = arena_ ? 0 : UINT32_MAX;
    main->output = std::move(output_read);
    ::fcntl(main->output.get(), F_SETFL, O_NONBLOCK);
    children_.push_back(std::move(main));
}

// The main process reports its children over the channel; their output pipes and pidfds come
// with it. The loop serves them all, whatever the main program is blocked in.
void Supervisor::serve()
{
    struct Slot {
        Child* child;
        bool output;
    };
    std::vector<pollfd> fds;
    std::vector<Slot> slots;
    std::int64_t drain_until = 0;
    while (!done()) {
        fds.clear();
        slots.clear();
        fds.push_back({setup_.control.get(), POLLIN, 0}); // -1 once closed: poll skips it
        fds.push_back({channel_.get(), POLLIN, 0});
        fds.push_back({sigchld_.get(), POLLIN, 0});
        for (auto& child : children_) {
            if (child->output) {
                fds.push_back({child->output.get(), POLLIN, 0});
                slots.push_back({child.get(), true});
            }
            if (child->pidfd && child->exit_seen_ns == 0 && !child->exit_reported) {
                fds.push_back({child->pidfd.get(), POLLIN, 0});
                slots.push_back({child.get(), false});
            }
        }
        std::int64_t wake = INT64_MAX;
        for (std::int64_t at : {kill_workers_at_ns_, kill_main_at_ns_, drain_until})
            if (at != 0)
                wake = std::min(wake, at);
        int timeout = -1;
        if (wake != INT64_MAX)
            timeout = static_cast<int>(std::clamp<std::int64_t>((wake - core::monotonic_ns() + core::kNsPerMs - 1) / core::kNsPerMs, 0, INT_MAX));
        if (!pending_exit_events_.empty())
            timeout = timeout < 0 ? static_cast<int>(kRetryMs) : std::min(timeout, static_cast<int>(kRetryMs));
        const int n = ::poll(fds.data(), fds.size(), timeout);
        if (n < 0 && errno != EINTR)
            core::throw_errno("poll");
        if (n > 0) {
            if (fds[0].revents != 0)
                handle_control();
            // Output first, then exits, then the main process's messages: a process's lines come
            // before its exit, and its exit before its join.
            for (std::size_t i = 0; i < slots.size(); ++i) {
                if (fds[i + 3].revents != 0 && slots[i].output)
                    read_output(*slots[i].child, kReadShareBytes);
            }
            for (std::size_t i = 0; i < slots.size(); ++i) {
                if (fds[i + 3].revents != 0 && !slots[i].output)
                    check_exit(*slots[i].child);
            }
            if (fds[1].revents != 0)
                handle_channel();
            if (fds[2].revents != 0)
                reap_own_children();
        }
        flush_exit_events();
        escalate_if_due();
        std::erase_if(children_, [](const auto& c) { return !c->is_main && c->joined && !c->output; });
        if (main_reaped_) {
            // Every process is gone; a pipe stays open only while a grandchild still holds it.
            if (drain_until == 0)
                drain_until = core::monotonic_ns() + kOutputDrainNs;
            else if (core::monotonic_ns() >= drain_until)
                return;
        }
    }
}

bool Supervisor::done() const
{
    if (!main_reaped_ || channel_ || !pending_exit_events_.empty())
        return false;
    return std::all_of(children_.begin(), children_.end(), [](const auto& c) { return c->exit_reported && !c->output; });
}

void Supervisor::handle_control()
{
    for (;;) {
        const protocol::Received r = protocol::receive_message(setup_.control.get(), false);
        if (r.status == protocol::ReceiveStatus::WouldBlock)
            return;
        if (r.status == protocol::ReceiveStatus::Closed) {
            setup_.control.reset(); // the fork server is gone; PDEATHSIG will follow
            request_stop(true);
            return;
        }
        if (r.status == protocol::ReceiveStatus::Ok && std::holds_alternative<protocol::StopRun>(*r.message))
            request_stop(false);
        else
            std::fprintf(stderr, "forkscope supervisor: ignoring control message: %s\n", r.error.c_str());
    }
}

void Supervisor::handle_channel()
{
    while (channel_) {
        protocol::Received r = protocol::receive_message(channel_.get(), false);
        switch (r.status) {
        case protocol::ReceiveStatus::WouldBlock:
            return;
        case protocol::ReceiveStatus::Closed:
            channel_.reset(); // the main process has ended (or is ending)
            return;
        case protocol::ReceiveStatus::Malformed:
            std::fprintf(stderr, "forkscope supervisor: bad message from the main process: %s\n", r.error.c_str());
            continue;
        case protocol::ReceiveStatus::Ok:
            break;
        }
        std::visit(
            [&](auto& m) {
                using M = std::decay_t<decltype(m)>;
                if constexpr (std::is_same_v<M, protocol::ChildStarted>) {
                    on_child_started(m, r);
                } else if constexpr (std::is_same_v<M, protocol::ChildJoined>) {
                    on_child_joined(m);
                } else if constexpr (std::is_same_v<M, protocol::MainFinished>) {
                    if (m.outcome != protocol::Outcome::Completed && !stop_requested_)
                        terminate_workers();
                    finished_ = std::move(m);
                } else if constexpr (std::is_same_v<M, protocol::LogLine> || std::is_same_v<M, protocol::RunResult>) {
                    send(m);
                } else {
                    std::fprintf(stderr, "forkscope supervisor: unexpected %s from the main process\n", protocol::type_name(m));
                }
            },
            *r.message);
    }
}

void Supervisor::on_child_started(const protocol::ChildStarted& m, protocol::Received& r)
{
    auto child = std::make_unique<Child>();
    child->pid = m.pid;
    child->ring = m.ring;
    child->output = std::move(r.passed[0]);
    child->pidfd = std::move(r.passed[1]);
    if (!child->pidfd) // cannot happen unless descriptors ran out; a pidfd of a reaped pid is refused
        child->pidfd.reset(core::pidfd_open(m.pid));
    if (child->output)
        ::fcntl(child->output.get(), F_SETFL, O_NONBLOCK);
    children_.push_back(std::move(child));
    send(static_cast<const protocol::ProcessStarted&>(m));
    if (stop_requested_) // started while a stop was being handled: it goes too
        (void)core::pidfd_send_signal(children_.back()->pidfd.get(), SIGTERM);
}

void Supervisor::on_child_joined(const protocol::ChildJoined& m)
{
    Child* child = find(m.pid);
    if (!child)
        return;
    if (!child->exit_reported) {
        read_output(*child, kReadEverything);
        // It exited before it was joined, and before we saw it exit, if we did.
        report_exit(*child, m.exitcode, child->exit_seen_ns != 0 ? std::min(child->exit_seen_ns, m.t_ns) : m.t_ns);
    }
    child->joined = true;
    send(static_cast<const protocol::ProcessJoined&>(m));
}

void Supervisor::read_output(Child& child, std::size_t budget)
{
    char buffer[16384];
    auto emit = [this, &child](std::string_view line, std::int64_t t_ns) { emit_line(child, line, t_ns); };
    auto to_lines = [&child, &emit](std::string_view bytes, std::int64_t t_ns) { child.lines.append(bytes, t_ns, emit); };
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
void Supervisor::emit_line(const Child& child, std::string_view line, std::int64_t t_ns)
{
    send(protocol::LogLine{setup_.run_id, child.pid, t_ns, std::string(line)});
}

// A worker's pidfd is readable: it has exited. Its parent, the main process, reaps it when it
// joins; until then it is a zombie whose exit code /proc tells.
void Supervisor::check_exit(Child& child)
{
    if (child.exit_reported || child.is_main)
        return;
    read_output(child, kReadEverything); // what it wrote before exiting comes first
    if (const std::optional<int> code = zombie_exitcode(child.pid, child.pidfd.get()))
        report_exit(child, *code, core::monotonic_ns());
    else
        child.exit_seen_ns = core::monotonic_ns(); // already joined: its ChildJoined is on the way
}

void Supervisor::report_exit(Child& child, int exitcode, std::int64_t t_ns)
{
    child.exit_reported = true;
    child.pidfd.reset();
    write_exit_event(child, exitcode);
    send(protocol::ProcessExited{setup_.run_id, child.pid, exitcode, t_ns});
}

// A process cannot record its own death, so its ProcessExit goes into its own ring, after its last
// event: the ring's writer is dead, and its death orders its last write before ours.
void Supervisor::write_exit_event(const Child& child, int exitcode)
{
    if (!arena_ || child.is_main || child.ring == UINT32_MAX)
        return;
    const core::TraceEvent event{core::EventClock::now(), static_cast<std::uint64_t>(child.pid), exitcode, child.ring,
                                 core::EventKind::ProcessExit, 0};
    pending_exit_events_.emplace_back(child.ring, event);
    flush_exit_events();
}

// A full ring is drained by the front end soon; the lane must not stay open for want of room.
void Supervisor::flush_exit_events()
{
    std::erase_if(pending_exit_events_, [this](const auto& pending) {
        core::EventRing* ring = arena_->ring(pending.first);
        return !ring || (ring->has_room() && ring->push(pending.second));
    });
}

// SIGCHLD: the main process has ended, or a process it left behind (a worker orphaned by its
// death, a worker's own child) has come to us, the nearest subreaper, to be reaped.
void Supervisor::reap_own_children()
{
    signalfd_siginfo ignored;
    while (::read(sigchld_.get(), &ignored, sizeof ignored) == sizeof ignored) {
    }
    for (;;) {
        siginfo_t info{};
        if (::waitid(P_ALL, 0, &info, WEXITED | WNOHANG) != 0 || info.si_pid == 0)
            return;
        const int exitcode = info.si_code == CLD_EXITED ? info.si_status : -info.si_status;
        Child* child = find(info.si_pid);
        if (!child)
            continue;
        read_output(*child, kReadEverything);
        if (child->is_main) {
            main_ended(exitcode);
        } else {
            if (!child->exit_reported)
                report_exit(*child, exitcode, child->exit_seen_ns != 0 ? child->exit_seen_ns : core::monotonic_ns());
            child->joined = true; // nobody else can join it now
        }
    }
}

void Supervisor::main_ended(int exitcode)
{
    main_end_ns_ = core::monotonic_ns();
    main_reaped_ = true;
    main_exitcode_ = exitcode;
    children_[0]->exit_reported = true;
    handle_channel(); // all it said is in the socket now
}

void Supervisor::request_stop(bool kill_now)
{
    if (!stop_requested_)
        log(kill_now ? "main: the fork server has gone, killing the workers"
                     : "main: stop requested, terminating the workers (SIGTERM)");
    stop_requested_ = true;
    control_->get()->stop_requested.store(true, std::memory_order_relaxed); // a flag, guards nothing
    for (auto& child : children_) {
        if (!child->exit_reported && !child->is_main && child->exit_seen_ns == 0)
            (void)core::pidfd_send_signal(child->pidfd.get(), kill_now ? SIGKILL : SIGTERM);
    }
    if (kill_now) {
        main_killed_ = true;
        ::kill(main_pid_, SIGKILL); // our child: its pid cannot be reused before we reap it
    } else if (kill_workers_at_ns_ == 0) {
        kill_workers_at_ns_ = core::monotonic_ns() + kStopGraceNs;
    }
}

// The main program failed (a worker could not be forked, …): the workers still running may wait
// for what it will never do — put sentinels, join a queue — so they go, SIGTERM then SIGKILL.
void Supervisor::terminate_workers()
{
    std::size_t running = 0;
    for (auto& child : children_) {
        if (!child->exit_reported && !child->is_main && child->exit_seen_ns == 0) {
            (void)core::pidfd_send_signal(child->pidfd.get(), SIGTERM);
            ++running;
        }
    }
    if (running == 0)
        return;
    log("main: the main program failed, terminating " +
        (running == 1 ? std::string("the worker") : "the " + std::to_string(running) + " workers") + " still running (SIGTERM)");
    if (kill_workers_at_ns_ == 0)
        kill_workers_at_ns_ = core::monotonic_ns() + kStopGraceNs;
}

void Supervisor::escalate_if_due()
{
    const std::int64_t now = core::monotonic_ns();
    if (kill_workers_at_ns_ != 0 && now >= kill_workers_at_ns_) {
        kill_workers_at_ns_ = 0;
        for (auto& child : children_) {
            if (!child->exit_reported && !child->is_main && child->exit_seen_ns == 0) {
                log("main: " + std::to_string(child->pid) + " ignored SIGTERM, killing it (SIGKILL)");
                (void)core::pidfd_send_signal(child->pidfd.get(), SIGKILL);
            }
        }
        // The main program then has its workers back (or their deaths); if it still waits on
        // something that will never come, it goes too.
        if (stop_requested_ && !main_reaped_)
            kill_main_at_ns_ = now + kStopGraceNs;
    }
    if (kill_main_at_ns_ != 0 && now >= kill_main_at_ns_) {
        kill_main_at_ns_ = 0;
        if (!main_reaped_) {
            log("main: the main program did not end after its workers, killing it (SIGKILL)");
            main_killed_ = true;
            ::kill(main_pid_, SIGKILL);
        }
    }
}

Child* Supervisor::find(pid_t pid)
{
    for (auto& child : children_) {
        if (child->pid == pid)
            return child.get();
    }
    return nullptr;
}

int Supervisor::run()
{
    const std::string telemetry_problem = start_telemetry();
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &chld, nullptr); // the main process unblocks it again
    sigchld_.reset(::signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC));
    if (!sigchld_)
        core::throw_errno("signalfd");
    start_main();
    send(protocol::RunStarted{setup_.request_id, setup_.run_id, main_pid_, ::getpid(), begin_ns_}, arena_ ? arena_->fd() : -1);
    if (!telemetry_problem.empty()) // only now: a line before RunStarted belongs to no run yet
        log(telemetry_problem);
    serve();

    protocol::Outcome outcome = protocol::Outcome::Completed;
    std::string message;
    if (finished_) {
        outcome = finished_->outcome;
        message = finished_->message;
    }
    if (!finished_ || (main_exitcode_ && *main_exitcode_ != 0)) {
        outcome = protocol::Outcome::Failed;
        message = "the main process " + (main_exitcode_ ? core::exit_description(*main_exitcode_) : std::string("was lost"));
    }
    if (stop_requested_ && (outcome == protocol::Outcome::Completed || main_killed_)) {
        outcome = protocol::Outcome::Stopped;
        message = "stopped on request";
    }
    const std::int64_t end = main_end_ns_ != 0 ? main_end_ns_ : core::monotonic_ns();
    send(protocol::RunFinished{setup_.run_id, outcome, end, end - begin_ns_, message});
    return 0;
}

} // namespace

void run_supervisor(SupervisorSetup setup)
{
    ::setpgid(0, 0); // the run's process group: one kill(-pgid) reaches every worker
    die_with_parent(setup.fork_server);
    ::prctl(PR_SET_NAME, "fs-supervisor");
    // Processes the main process leaves behind (its workers, if it is killed) come to us, so that
    // their exits are still seen and reported.
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    reset_signals();
    // Over a file-size limit, writes (and the arena's ftruncate) fail with EFBIG instead of
    // killing: the supervisor and, by inheritance, its workers.
    ::signal(SIGXFSZ, SIG_IGN);
    close_fds_except({setup.frontend_fd, setup.control.get()});
    redirect_to_dev_null(STDOUT_FILENO); // stray prints must not reach the front end's terminal
    raise_fd_limit();
    int code = 1;
    try {
        Supervisor supervisor(setup);
        code = supervisor.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "forkscope supervisor: %s\n", e.what());
    }
    std::fflush(nullptr);
    ::_exit(code);
}

} // namespace forkscope::scenarios
