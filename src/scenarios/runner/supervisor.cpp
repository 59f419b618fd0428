#include "scenarios/runner/supervisor.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/event_clock.h"
#include "core/shared_memory.h"
#include "scenarios/runner/channel.h"
#include "scenarios/runner/child_table.h"
#include "scenarios/runner/main_process.h"
#include "scenarios/runner/process_setup.h"
#include "scenarios/runner/run_arena.h"

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
#include <optional>
#include <vector>

namespace forkscope::scenarios {

namespace {

constexpr std::int64_t kOutputDrainNs = 2'000 * core::kNsPerMs;
// What one pipe may hand over per round of the loop: a process printing without end gets its
// share, and every other pipe, exit and message is served between its shares.
constexpr std::size_t kReadShareBytes = 64 * 1024;
constexpr std::int64_t kRetryMs = 5; // a ProcessExit event waiting for room in a full ring

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
    void reap_own_children();
    void request_stop(bool kill_now);

    SupervisorSetup& setup_;
    std::optional<RunArena> arena_; // the run's telemetry, shared with the front end
    std::optional<core::SharedObject<RunControl>> control_;
    core::UniqueFd channel_; // from the main process, until it closes
    core::UniqueFd sigchld_; // the main process, and orphans once it is gone (we are a subreaper)
    std::optional<ChildTable> children_; // from start_main() on
    std::int64_t begin_ns_ = 0;
    std::optional<protocol::MainFinished> finished_; // as the main process said it
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
    send(protocol::LogLine{setup_.run_id, children_->main().pid, core::monotonic_ns(), std::string(line)});
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
    if (arena_)
        arena_->ring(0)->set_pid(pid); // also set by the main process; whoever is first
    channel_ = std::move(channel.first);
    ::fcntl(channel_.get(), F_SETFL, O_NONBLOCK);
    children_.emplace(
        setup_.run_id, arena_ ? &*arena_ : nullptr, [this](const protocol::Message& message) { send(message); }, pid,
        std::move(output_read));
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
        for (const auto& child : children_->all()) {
            if (child->output) {
                fds.push_back({child->output.get(), POLLIN, 0});
                slots.push_back({child.get(), true});
            }
            if (child->pidfd && child->running()) {
                fds.push_back({child->pidfd.get(), POLLIN, 0});
                slots.push_back({child.get(), false});
            }
        }
        std::int64_t wake = children_->next_deadline_ns();
        if (drain_until != 0)
            wake = std::min(wake, drain_until);
        int timeout = -1;
        if (wake != INT64_MAX)
            timeout = static_cast<int>(std::clamp<std::int64_t>(
                (wake - core::monotonic_ns() + core::kNsPerMs - 1) / core::kNsPerMs, 0, INT_MAX));
        if (children_->exit_events_pending())
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
                    children_->read_output(*slots[i].child, kReadShareBytes);
            }
            for (std::size_t i = 0; i < slots.size(); ++i) {
                if (fds[i + 3].revents != 0 && !slots[i].output)
                    children_->check_exit(*slots[i].child);
            }
            if (fds[1].revents != 0)
                handle_channel();
            if (fds[2].revents != 0)
                reap_own_children();
        }
        children_->flush_exit_events();
        children_->escalate_if_due();
        children_->forget_done();
        if (children_->main().concluded()) {
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
    return !channel_ && children_->all_done();
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
        case protocol::ReceiveStatus::WouldBlock: return;
        case protocol::ReceiveStatus::Closed:
            channel_.reset(); // the main process has ended (or is ending)
            return;
        case protocol::ReceiveStatus::Malformed:
            std::fprintf(stderr, "forkscope supervisor: bad message from the main process: %s\n", r.error.c_str());
            continue;
        case protocol::ReceiveStatus::Ok: break;
        }
        std::visit(
            [&](auto& m) {
                using M = std::decay_t<decltype(m)>;
                if constexpr (std::is_same_v<M, protocol::ChildStarted>) {
                    children_->started(m, std::move(r.passed[0]), std::move(r.passed[1]));
                } else if constexpr (std::is_same_v<M, protocol::ChildJoined>) {
                    children_->joined(m);
                } else if constexpr (std::is_same_v<M, protocol::MainFinished>) {
                    if (m.outcome != protocol::Outcome::Completed && !children_->stopping())
                        children_->terminate_workers();
                    finished_ = std::move(m);
                } else if constexpr (std::is_same_v<M, protocol::LogLine> || std::is_same_v<M, protocol::RunResult>) {
                    send(m);
                } else {
                    std::fprintf(stderr, "forkscope supervisor: unexpected %s from the main process\n",
                                 protocol::type_name(m));
                }
            },
            *r.message);
    }
}

// SIGCHLD: the main process has ended, or a process it left behind (a worker orphaned by its
// death, a worker's own child) has come to us, the nearest subreaper, to be reaped.
void Supervisor::reap_own_children()
{
    signalfd_siginfo ignored;
    while (::read(sigchld_.get(), &ignored, sizeof ignored) == sizeof ignored) {}
    for (;;) {
        siginfo_t info{};
        if (::waitid(P_ALL, 0, &info, WEXITED | WNOHANG) != 0 || info.si_pid == 0)
            return;
        const int exitcode = info.si_code == CLD_EXITED ? info.si_status : -info.si_status;
        if (children_->reaped(info.si_pid, exitcode))
            handle_channel(); // the main process's: all it said is in the socket now
    }
}

void Supervisor::request_stop(bool kill_now)
{
    if (!children_->stopping())
        log(kill_now ? "main: the fork server has gone, killing the workers"
                     : "main: stop requested, terminating the workers (SIGTERM)");
    control_->get()->stop_requested.store(true, std::memory_order_relaxed); // a flag, guards nothing
    children_->stop(kill_now);
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
    const Child& main = children_->main();
    send(protocol::RunStarted{setup_.request_id, setup_.run_id, main.pid, ::getpid(), begin_ns_},
         arena_ ? arena_->fd() : -1);
    if (!telemetry_problem.empty()) // only now: a line before RunStarted belongs to no run yet
        log(telemetry_problem);
    serve();

    protocol::Outcome outcome = protocol::Outcome::Completed;
    std::string message;
    if (finished_) {
        outcome = finished_->outcome;
        message = finished_->message;
    }
    if (!finished_ || (main.exitcode && *main.exitcode != 0)) {
        outcome = protocol::Outcome::Failed;
        message =
            "the main process " + (main.exitcode ? core::exit_description(*main.exitcode) : std::string("was lost"));
    }
    if (children_->stopping() && (outcome == protocol::Outcome::Completed || children_->main_killed())) {
        outcome = protocol::Outcome::Stopped;
        message = "stopped on request";
    }
    const std::int64_t end = main.concluded() ? main.end_ns : core::monotonic_ns();
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
