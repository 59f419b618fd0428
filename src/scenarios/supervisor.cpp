#include "scenarios/supervisor.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/process.h"
#include "core/ring_telemetry.h"
#include "core/wait_hook.h"
#include "scenarios/channel.h"
#include "scenarios/line_buffer.h"
#include "scenarios/process_setup.h"
#include "scenarios/run_arena.h"

#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include "core/pidfd.h"
#include <sys/prctl.h>
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

class RunStopped : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Supervisor final : public core::WaitHook, public core::ProcessObserver, public RunContext {
public:
    explicit Supervisor(SupervisorSetup& setup) : setup_(setup) {}

    int run();

    bool wait_readable(int fd, int timeout_ms) override;

    void before_start(const core::ProcessInfo& info) override;
    void start_failed(const core::ProcessInfo& info) noexcept override;
    void in_child(const core::ProcessInfo& info) noexcept override;
    void started(const core::ProcessInfo& info) override;
    void joined(const core::ProcessInfo& info) override;

    void log(std::string_view line) override;
    void set_result(const nlohmann::json& result) override;
    [[nodiscard]] bool stop_requested() const override { return stop_requested_; }

private:
    struct Child {
        pid_t pid = 0;
        std::uint32_t ring = UINT32_MAX; // its telemetry ring's index, if it got one
        core::UniqueFd pidfd;  // watched until the exit is reported
        core::UniqueFd output; // the child's stdout+stderr, until EOF
        LineBuffer lines;      // output after the last newline
        bool exit_reported = false;
        bool joined = false;
    };

    void send(const protocol::Message& message, int pass_fd = -1);
    void handle_control();
    void read_output(Child& child);
    void emit_line(const Child& child, std::string_view line);
    void check_exit(Child& child);
    void report_exit(Child& child, int exitcode);
    void request_stop(bool kill_now);
    void stop_workers_left();
    void escalate_if_due();
    void forget_finished();
    Child* find(pid_t pid);
    void drain_remaining_output();
    [[nodiscard]] std::string start_telemetry(); // what went wrong, if it did

    SupervisorSetup& setup_;
    std::vector<std::unique_ptr<Child>> children_;
    core::UniqueFd pending_read_; // the pipe of the child being started
    core::UniqueFd pending_write_;
    bool stop_requested_ = false;
    std::int64_t kill_deadline_ns_ = 0; // 0: none
    std::optional<RunArena> arena_;       // the run's telemetry, shared with the front end
    std::optional<core::RingTelemetry> telemetry_; // the main process's own ring (ring 0)
    core::EventRing* pending_ring_ = nullptr; // for the child being started
};

// A child's own telemetry: in the child, after fork (static: it outlives in_child()).
std::optional<core::RingTelemetry> g_child_telemetry;

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
    if (line.size() > LineBuffer::kMaxLineBytes)
        line = line.substr(0, LineBuffer::kMaxLineBytes);
    send(protocol::LogLine{setup_.run_id, ::getpid(), core::monotonic_ns(), std::string(line)});
}

void Supervisor::set_result(const nlohmann::json& result)
{
    std::string text = result.dump();
    if (text.size() > protocol::kMaxFrameSize - 1024) // a frame's limit: keep what fits, said so
        text = nlohmann::json{{"summary", {{"result", "too large to send"}}}}.dump();
    send(protocol::RunResult{setup_.run_id, core::monotonic_ns(), std::move(text)});
}

bool Supervisor::wait_readable(int fd, int timeout_ms)
{
    const std::int64_t deadline = core::deadline_after(timeout_ms < 0 ? -1 : std::int64_t{timeout_ms} * core::kNsPerMs);
    struct Slot {
        Child* child;
        bool output;
    };
    std::vector<pollfd> fds;
    std::vector<Slot> slots;
    for (;;) {
        fds.clear();
        slots.clear();
        fds.push_back({fd, POLLIN, 0});
        fds.push_back({setup_.control.get(), POLLIN, 0}); // -1 once closed: poll skips it
        for (auto& child : children_) {
            if (child->output) {
                fds.push_back({child->output.get(), POLLIN, 0});
                slots.push_back({child.get(), true});
            }
            if (!child->exit_reported && child->pidfd) {
                fds.push_back({child->pidfd.get(), POLLIN, 0});
                slots.push_back({child.get(), false});
            }
        }
        std::int64_t wake = deadline;
        if (kill_deadline_ns_ != 0)
            wake = std::min(wake, kill_deadline_ns_);
        int timeout = -1;
        if (wake != INT64_MAX)
            timeout = static_cast<int>(std::clamp<std::int64_t>((wake - core::monotonic_ns() + core::kNsPerMs - 1) / core::kNsPerMs, 0, INT_MAX));
        const int n = ::poll(fds.data(), fds.size(), timeout);
        if (n < 0 && errno != EINTR)
            core::throw_errno("poll");
        if (n > 0) {
            if (fds[1].revents != 0)
                handle_control();
            for (std::size_t i = 0; i < slots.size(); ++i) {
                if (fds[i + 2].revents == 0)
                    continue;
                if (slots[i].output)
                    read_output(*slots[i].child);
                else
                    check_exit(*slots[i].child);
            }
        }
        escalate_if_due();
        forget_finished();
        if (n > 0 && fds[0].revents != 0)
            return true;
        if (core::monotonic_ns() >= deadline)
            return false;
    }
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

void Supervisor::request_stop(bool kill_now)
{
    if (!stop_requested_)
        log(kill_now ? "main: the fork server has gone, killing the workers"
                     : "main: stop requested, terminating the workers (SIGTERM)");
    stop_requested_ = true;
    for (auto& child : children_) {
        if (!child->exit_reported)
            ::kill(child->pid, kill_now ? SIGKILL : SIGTERM);
    }
    if (!kill_now && kill_deadline_ns_ == 0)
        kill_deadline_ns_ = core::monotonic_ns() + kStopGraceNs;
}

// The main program failed (a worker could not be forked, …): the workers still running may wait
// for what it will never do — put sentinels, join a queue — so they go, SIGTERM then SIGKILL.
void Supervisor::stop_workers_left()
{
    std::size_t running = 0;
    for (auto& child : children_) {
        if (!child->exit_reported) {
            ::kill(child->pid, SIGTERM);
            ++running;
        }
    }
    if (running == 0)
        return;
    log("main: the main program failed, terminating " +
        (running == 1 ? std::string("the worker") : "the " + std::to_string(running) + " workers") + " still running (SIGTERM)");
    if (kill_deadline_ns_ == 0)
        kill_deadline_ns_ = core::monotonic_ns() + kStopGraceNs;
}

void Supervisor::escalate_if_due()
{
    if (kill_deadline_ns_ == 0 || core::monotonic_ns() < kill_deadline_ns_)
        return;
    kill_deadline_ns_ = 0;
    for (auto& child : children_) {
        if (!child->exit_reported) {
            log("main: " + std::to_string(child->pid) + " ignored SIGTERM, killing it (SIGKILL)");
            ::kill(child->pid, SIGKILL);
        }
    }
}

void Supervisor::read_output(Child& child)
{
    char buffer[16384];
    while (child.output) {
        const ssize_t n = ::read(child.output.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN)
                child.output.reset();
            return;
        }
        auto emit = [this, &child](std::string_view line) { emit_line(child, line); };
        if (n == 0) { // every writer has gone
            child.lines.flush(emit);
            child.output.reset();
            return;
        }
        child.lines.append(std::string_view(buffer, static_cast<std::size_t>(n)), emit);
    }
}

void Supervisor::emit_line(const Child& child, std::string_view line)
{
    send(protocol::LogLine{setup_.run_id, child.pid, core::monotonic_ns(), std::string(line)});
}

void Supervisor::check_exit(Child& child)
{
    siginfo_t info{};
    // WNOWAIT: report the exit now, but leave the reaping (the join) to the scenario's code.
    if (::waitid(static_cast<idtype_t>(P_PIDFD), static_cast<id_t>(child.pidfd.get()), &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
        info.si_pid == 0)
        return;
    const int exitcode = info.si_code == CLD_EXITED ? info.si_status : -info.si_status;
    read_output(child); // what it wrote before exiting comes first
    report_exit(child, exitcode);
}

void Supervisor::report_exit(Child& child, int exitcode)
{
    child.exit_reported = true;
    child.pidfd.reset();
    if (telemetry_) // the child cannot write its own death: the parent does, in ring 0
        telemetry_->emit(core::EventKind::ProcessExit, child.ring, static_cast<std::uint64_t>(child.pid), exitcode);
    send(protocol::ProcessExited{setup_.run_id, child.pid, exitcode, core::monotonic_ns()});
}

Supervisor::Child* Supervisor::find(pid_t pid)
{
    for (auto& child : children_) {
        if (child->pid == pid)
            return child.get();
    }
    return nullptr;
}

void Supervisor::forget_finished()
{
    std::erase_if(children_, [](const auto& c) { return c->joined && !c->output; });
}

void Supervisor::before_start(const core::ProcessInfo& info)
{
    if (stop_requested_)
        throw RunStopped("run stopped before " + info.name + " started");
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        core::throw_errno("pipe2 for the output of " + info.name);
    pending_read_.reset(fds[0]);
    pending_write_.reset(fds[1]);
    pending_ring_ = arena_ ? arena_->claim(0) : nullptr; // nullptr once all rings are taken
}

void Supervisor::start_failed(const core::ProcessInfo&) noexcept
{
    pending_read_.reset();
    pending_write_.reset();
    pending_ring_ = nullptr; // the ring stays unused: rings are only ever handed out in order
}

void Supervisor::in_child(const core::ProcessInfo&) noexcept
{
    ::dup2(pending_write_.get(), STDOUT_FILENO);
    ::dup2(pending_write_.get(), STDERR_FILENO);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // a pipe would be fully buffered: lines arrive live
    close_fds_except({}); // the supervisor's sockets, pipes and pidfds are not the worker's
    core::set_telemetry_sink(nullptr);    // the parent's ring is the parent's
    if (pending_ring_) {
        pending_ring_->set_pid(::getpid());
        g_child_telemetry.emplace(*pending_ring_);
        core::set_telemetry_sink(&*g_child_telemetry);
        g_child_telemetry->emit(core::EventKind::ProcessStart, pending_ring_->worker(), 0, ::getppid());
    }
}

void Supervisor::started(const core::ProcessInfo& info)
{
    auto child = std::make_unique<Child>();
    child->pid = info.pid;
    child->pidfd.reset(core::pidfd_open(info.pid));
    child->output = std::move(pending_read_);
    pending_write_.reset();
    child->ring = pending_ring_ ? pending_ring_->worker() : UINT32_MAX;
    if (pending_ring_)
        pending_ring_->set_pid(info.pid); // also set by the child; whoever is first
    pending_ring_ = nullptr;
    ::fcntl(child->output.get(), F_SETFL, O_NONBLOCK);
    if (!child->pidfd)
        core::throw_errno("pidfd_open for " + info.name);
    children_.push_back(std::move(child));
    send(protocol::ProcessStarted{setup_.run_id, info.pid, info.ppid, core::monotonic_ns(), info.daemon, info.name, info.role});
    if (stop_requested_) // started while a stop was being handled: it goes too
        ::kill(info.pid, SIGTERM);
}

void Supervisor::joined(const core::ProcessInfo& info)
{
    Child* child = find(info.pid);
    if (!child)
        return;
    if (!child->exit_reported) {
        read_output(*child);
        report_exit(*child, info.exitcode.value_or(0));
    }
    child->joined = true;
    send(protocol::ProcessJoined{setup_.run_id, info.pid, core::monotonic_ns()});
    forget_finished();
}

void Supervisor::drain_remaining_output()
{
    // Every child is reaped; a pipe stays open only while a grandchild still holds it.
    const std::int64_t give_up = core::monotonic_ns() + kOutputDrainNs;
    while (!children_.empty() && core::monotonic_ns() < give_up)
        (void)wait_readable(-1, 100);
}

std::string Supervisor::start_telemetry()
{
    try {
        const FileSizeLimitLift lift; // the arena is a memfd
        arena_.emplace(RunArena::create(core::EventClock::rebase(setup_.calibration)));
    } catch (const std::exception& e) {
        return std::string("main: running without telemetry: ") + e.what();
    }
    core::EventRing* mine = arena_->claim(::getpid());
    telemetry_.emplace(*mine);
    core::set_telemetry_sink(&*telemetry_); // the main program's own queue and lock calls
    telemetry_->emit(core::EventKind::ProcessStart, mine->worker(), 0, ::getppid());
    return {};
}

int Supervisor::run()
{
    const std::string telemetry_problem = start_telemetry();
    const std::int64_t begin = core::monotonic_ns();
    send(protocol::RunStarted{setup_.request_id, setup_.run_id, ::getpid(), ::getppid(), begin}, arena_ ? arena_->fd() : -1);
    if (!telemetry_problem.empty()) // only now: a line before RunStarted belongs to no run yet
        log(telemetry_problem);
    protocol::Outcome outcome = protocol::Outcome::Completed;
    std::string message;
    try {
        setup_.scenario->run(setup_.config, *this);
    } catch (const RunStopped&) {
    } catch (const std::exception& e) {
        outcome = protocol::Outcome::Failed;
        message = e.what();
        log(std::string("main: error: ") + e.what());
        stop_workers_left();
    }
    try {
        core::finalize_children(); // Python's exit: terminate daemons, join the rest
    } catch (const std::exception& e) {
        outcome = protocol::Outcome::Failed;
        message = e.what();
    }
    drain_remaining_output();
    if (stop_requested_ && outcome == protocol::Outcome::Completed) {
        outcome = protocol::Outcome::Stopped;
        message = "stopped on request";
    }
    const std::int64_t end = core::monotonic_ns();
    if (telemetry_)
        telemetry_->state_changed(core::WorkerState::Done);
    send(protocol::RunFinished{setup_.run_id, outcome, end, end - begin, message});
    core::set_telemetry_sink(nullptr);
    return 0;
}

} // namespace

void run_supervisor(SupervisorSetup setup)
{
    ::setpgid(0, 0); // the run's process group: one kill(-pgid) reaches every worker
    die_with_parent(setup.fork_server);
    ::prctl(PR_SET_NAME, "fs-supervisor");
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
        core::set_wait_hook(&supervisor);
        core::set_process_observer(&supervisor);
        code = supervisor.run();
        core::set_process_observer(nullptr);
        core::set_wait_hook(nullptr);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "forkscope supervisor: %s\n", e.what());
    }
    std::fflush(nullptr);
    ::_exit(code);
}

} // namespace forkscope::scenarios
