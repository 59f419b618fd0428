#include "scenarios/runner/main_process.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/pidfd.h"
#include "core/process.h"
#include "core/ring_telemetry.h"
#include "scenarios/runner/channel.h"
#include "scenarios/runner/line_buffer.h"
#include "scenarios/runner/process_setup.h"
#include "scenarios/runner/stamped_output.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>
#include <optional>
#include <stdexcept>

namespace forkscope::scenarios {

namespace {

class RunStopped : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A child's own telemetry: in the child, after fork (static: it outlives in_child()).
std::optional<core::RingTelemetry> g_child_telemetry;

class MainProcess final : public core::ProcessObserver, public RunContext {
public:
    explicit MainProcess(MainProcessSetup& setup) : setup_(setup) {}

    [[noreturn]] void run();

    void before_start(const core::ProcessInfo& info) override;
    void start_failed(const core::ProcessInfo& info) noexcept override;
    void in_child(const core::ProcessInfo& info) noexcept override;
    void started(const core::ProcessInfo& info) override;
    void joined(const core::ProcessInfo& info) override;

    void log(std::string_view line) override;
    void set_result(const nlohmann::json& result, std::int64_t as_of_ns) override;
    [[nodiscard]] bool stop_requested() const override
    {
        return setup_.control->stop_requested.load(std::memory_order_relaxed); // a flag, guards nothing
    }

private:
    void send(const protocol::Message& message, std::span<const int> fds = {});

    MainProcessSetup& setup_;
    std::optional<core::RingTelemetry> telemetry_;
    core::UniqueFd pending_read_; // the output pipe of the child being started
    core::UniqueFd pending_write_;
    core::EventRing* pending_ring_ = nullptr;
    std::int64_t pending_start_ns_ = 0; // before the fork: the child's first line cannot be earlier
};

void MainProcess::send(const protocol::Message& message, std::span<const int> fds)
{
    try {
        protocol::send_message(setup_.channel.get(), message, fds);
    } catch (const std::exception&) {
        // The supervisor is gone, and with it the front end: nobody follows this run any more.
        ::_exit(1); // PDEATHSIG takes our children
    }
}

void MainProcess::log(std::string_view line)
{
    if (line.size() > LineBuffer::kMaxLineBytes)
        line = line.substr(0, LineBuffer::kMaxLineBytes);
    send(protocol::LogLine{setup_.run_id, ::getpid(), core::monotonic_ns(), std::string(line)});
}

void MainProcess::set_result(const nlohmann::json& result, std::int64_t as_of_ns)
{
    std::string text = result.dump();
    if (text.size() > protocol::kMaxFrameSize - 1024) // a frame's limit: keep what fits, said so
        text = nlohmann::json{{"summary", {{"result", "too large to send"}}}}.dump();
    send(protocol::RunResult{setup_.run_id, as_of_ns >= 0 ? as_of_ns : core::monotonic_ns(), std::move(text)});
}

void MainProcess::before_start(const core::ProcessInfo& info)
{
    if (stop_requested())
        throw RunStopped("run stopped before " + info.name + " started");
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        core::throw_errno("pipe2 for the output of " + info.name);
    pending_read_.reset(fds[0]);
    pending_write_.reset(fds[1]);
    pending_ring_ = setup_.arena ? setup_.arena->claim(0) : nullptr; // nullptr once all rings are taken
    pending_start_ns_ = core::monotonic_ns();
}

void MainProcess::start_failed(const core::ProcessInfo&) noexcept
{
    pending_read_.reset();
    pending_write_.reset();
    pending_ring_ = nullptr; // the ring stays unused: rings are only ever handed out in order
}

void MainProcess::in_child(const core::ProcessInfo&) noexcept
{
    ::dup2(pending_write_.get(), STDOUT_FILENO);
    ::dup2(pending_write_.get(), STDERR_FILENO);
    close_fds_except({}); // the main process's socket, pipes and pidfds are not the worker's
    stamp_standard_streams(); // line-buffered: lines arrive live, with the time they were written
    core::set_telemetry_sink(nullptr); // the parent's ring is the parent's
    if (pending_ring_) {
        pending_ring_->set_pid(::getpid());
        g_child_telemetry.emplace(*pending_ring_, setup_.arena->counters(pending_ring_->worker()),
                                  setup_.arena->header().calibration);
        core::set_telemetry_sink(&*g_child_telemetry);
        g_child_telemetry->emit(core::EventKind::ProcessStart, pending_ring_->worker(), 0, ::getppid());
    }
}

void MainProcess::started(const core::ProcessInfo& info)
{
    const std::uint32_t ring = pending_ring_ ? pending_ring_->worker() : UINT32_MAX;
    if (pending_ring_)
        pending_ring_->set_pid(info.pid); // also set by the child; whoever is first
    pending_ring_ = nullptr;
    pending_write_.reset();
    // Opened before any join can reap the child, so it is this child's and no later process's.
    const core::UniqueFd pidfd(core::pidfd_open(info.pid));
    if (!pidfd)
        core::throw_errno("pidfd_open for " + info.name);
    const int fds[] = {pending_read_.get(), pidfd.get()};
    send(
        protocol::ChildStarted{
            {setup_.run_id, info.pid, info.ppid, pending_start_ns_, info.daemon, info.name, info.role}, ring},
        fds);
    pending_read_.reset(); // the supervisor has its own copy now
}

void MainProcess::joined(const core::ProcessInfo& info)
{
    send(protocol::ChildJoined{{setup_.run_id, info.pid, core::monotonic_ns()}, info.exitcode.value_or(0)});
}

void MainProcess::run()
{
    if (setup_.arena) {
        core::EventRing* mine = setup_.arena->ring(0);
        mine->set_pid(::getpid());
        telemetry_.emplace(*mine, setup_.arena->counters(0), setup_.arena->header().calibration);
        core::set_telemetry_sink(&*telemetry_); // the main program's own queue and lock calls
        telemetry_->emit(core::EventKind::ProcessStart, mine->worker(), 0, ::getppid());
    }
    protocol::MainFinished finished;
    try {
        setup_.scenario->run(*setup_.config, *this);
    } catch (const RunStopped&) {
    } catch (const std::exception& e) {
        finished = {protocol::Outcome::Failed, e.what()};
        log(std::string("main: error: ") + e.what());
    }
    // Before the joins: a failed program's workers may wait for what it will never do (put
    // sentinels, join a queue), so the supervisor terminates them while we join.
    send(finished);
    try {
        core::finalize_children(); // Python's exit: terminate daemons, join the rest
    } catch (const std::exception& e) {
        send(protocol::MainFinished{protocol::Outcome::Failed, e.what()});
    }
    if (telemetry_)
        telemetry_->state_changed(core::WorkerState::Done);
    core::set_telemetry_sink(nullptr);
    std::fflush(nullptr);
    ::_exit(0);
}

} // namespace

void run_main_process(MainProcessSetup setup)
{
    die_with_parent(setup.supervisor);
    ::prctl(PR_SET_NAME, "fs-main");
    reset_signals();
    redirect_to_dev_null(STDIN_FILENO); // like a worker's: input() has nobody to read from
    ::dup2(setup.output_fd, STDOUT_FILENO);
    ::dup2(setup.output_fd, STDERR_FILENO);
    close_fds_except({setup.channel.get()});
    setup.output_fd = -1;
    stamp_standard_streams();
    try {
        MainProcess main(setup);
        core::set_process_observer(&main);
        main.run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "forkscope main process: %s\n", e.what());
    }
    std::fflush(nullptr);
    ::_exit(1);
}

} // namespace forkscope::scenarios
