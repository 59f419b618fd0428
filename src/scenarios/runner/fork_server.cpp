#include "scenarios/runner/fork_server.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/event_clock.h"
#include "core/poll.h"
#include "scenarios/programs/programs.h"
#include "scenarios/runner/channel.h"
#include "scenarios/runner/process_setup.h"
#include "scenarios/runner/supervisor.h"
#include "scenarios/scenario.h"

#include "core/pidfd.h"
#include <nlohmann/json.hpp>
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
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace forkscope::scenarios {

namespace {

constexpr std::int64_t kStopDeadlineNs = 3'000 * core::kNsPerMs; // then the run's group is killed
constexpr std::size_t kMaxRuns = 16;

class ForkServer {
public:
    ForkServer(core::UniqueFd frontend, core::UniqueFd sigchld, std::vector<const Scenario*> scenarios)
        : frontend_(std::move(frontend)), sigchld_(std::move(sigchld)), scenarios_(std::move(scenarios)),
          calibration_(core::EventClock::calibrate())
    {} // once, for every run

    void serve();

private:
    struct Run {
        std::uint32_t run_id = 0;
        std::uint32_t request_id = 0;
        pid_t supervisor = 0;
        core::UniqueFd control;
        std::int64_t kill_deadline_ns = 0; // after a stop request
        bool forced = false;
    };

    bool handle_frontend(); // false once the front end has gone
    void start_run(const protocol::RunRequest& request);
    void stop_run(std::uint32_t run_id);
    void drain_sigchld(); // and notes a SIGTERM: the front end has died
    bool terminate_ = false;
    void reap_children();
    void supervisor_ended(Run& run, int status);
    void kill_overdue_runs();
    void shutdown();
    void send(const protocol::Message& message);
    [[nodiscard]] const Scenario* find(const std::string& id) const;
    [[nodiscard]] std::string known_ids() const;

    core::UniqueFd frontend_;
    core::UniqueFd sigchld_;
    std::vector<const Scenario*> scenarios_;
    std::vector<Run> runs_;
    std::uint32_t next_run_id_ = 0;
    core::ClockCalibration calibration_;
};

void ForkServer::send(const protocol::Message& message)
{
    try {
        protocol::send_message(frontend_.get(), message);
    } catch (const std::exception&) {
        // The front end has gone; the next poll sees EOF and shuts everything down.
    }
}

const Scenario* ForkServer::find(const std::string& id) const
{
    const auto it =
        std::find_if(scenarios_.begin(), scenarios_.end(), [&](const Scenario* s) { return s->id() == id; });
    return it != scenarios_.end() ? *it : nullptr;
}

std::string ForkServer::known_ids() const
{
    std::string ids;
    for (const Scenario* s : scenarios_)
        ids += (ids.empty() ? "" : ", ") + std::string(s->id());
    return ids;
}

void ForkServer::serve()
{
    for (;;) {
        std::int64_t wake = INT64_MAX;
        for (const auto& run : runs_) {
            if (run.kill_deadline_ns != 0)
                wake = std::min(wake, run.kill_deadline_ns);
        }
        const int timeout = wake == INT64_MAX ? -1
                                              : static_cast<int>(std::clamp<std::int64_t>(
                                                    (wake - core::monotonic_ns()) / core::kNsPerMs + 1, 0, INT_MAX));
        pollfd fds[2] = {{frontend_.get(), POLLIN, 0}, {sigchld_.get(), POLLIN, 0}};
        if (::poll(fds, 2, timeout) < 0 && errno != EINTR)
            core::throw_errno("poll");
        if (fds[1].revents != 0)
            reap_children();
        if (terminate_ || (fds[0].revents != 0 && !handle_frontend())) {
            shutdown();
            return;
        }
        kill_overdue_runs();
    }
}

bool ForkServer::handle_frontend()
{
    for (;;) {
        protocol::Received r = protocol::receive_message(frontend_.get(), false);
        switch (r.status) {
        case protocol::ReceiveStatus::WouldBlock: return true;
        case protocol::ReceiveStatus::Closed: return false;
        case protocol::ReceiveStatus::Malformed: send(protocol::Error{0, 0, "malformed message: " + r.error}); continue;
        case protocol::ReceiveStatus::Ok: break;
        }
        if (const auto* request = std::get_if<protocol::RunRequest>(&*r.message))
            start_run(*request);
        else if (const auto* stop = std::get_if<protocol::StopRun>(&*r.message))
            stop_run(stop->run_id);
        else
            send(protocol::Error{
                0, 0, std::string("unexpected message ") + protocol::type_name(*r.message) + " from the front end"});
    }
}

void ForkServer::start_run(const protocol::RunRequest& request)
{
    auto refuse = [&](const std::string& why) { send(protocol::Error{request.request_id, 0, why}); };
    const Scenario* scenario = find(request.scenario);
    if (!scenario)
        return refuse("unknown scenario '" + request.scenario + "' (known: " + known_ids() + ")");
    nlohmann::json config;
    try {
        config = complete_config(*scenario, nlohmann::json::parse(request.config_json));
        scenario->check_environment(config);
    } catch (const nlohmann::json::exception& e) {
        return refuse("config: invalid JSON: " + std::string(e.what()));
    } catch (const ConfigError& e) {
        return refuse(e.what());
    }
    if (runs_.size() >= kMaxRuns)
        return refuse("cannot start a run: " + std::to_string(kMaxRuns) + " runs are already going");

    protocol::SocketPair control;
    try {
        control = protocol::make_socket_pair();
    } catch (const std::exception& e) {
        return refuse(std::string("cannot start a run: ") + e.what());
    }
    const std::uint32_t run_id = ++next_run_id_;
    const pid_t server = ::getpid();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0)
        return refuse("cannot start a run: fork failed: " + core::errno_text(errno));
    if (pid == 0) {
        control.first.reset();
        run_supervisor({frontend_.get(), std::move(control.second), server, request.request_id, run_id, scenario,
                        std::move(config), calibration_});
    }
    ::setpgid(pid, pid); // also done by the child: whichever runs first, no race on kill(-pid)
    runs_.push_back({run_id, request.request_id, pid, std::move(control.first), 0, false});
}

void ForkServer::stop_run(std::uint32_t run_id)
{
    for (auto& run : runs_) {
        if (run.run_id != run_id)
            continue;
        try {
            protocol::send_message(run.control.get(), protocol::StopRun{run_id});
        } catch (const std::exception&) {
            // The supervisor is on its way out; reap_children reports it.
        }
        if (run.kill_deadline_ns == 0)
            run.kill_deadline_ns = core::monotonic_ns() + kStopDeadlineNs;
        return;
    }
    // Unknown or already finished: a stop that crossed the run's end is not an error.
}

void ForkServer::kill_overdue_runs()
{
    const std::int64_t now = core::monotonic_ns();
    for (auto& run : runs_) {
        if (run.kill_deadline_ns != 0 && now >= run.kill_deadline_ns) {
            run.kill_deadline_ns = 0;
            run.forced = true;
            ::kill(-run.supervisor, SIGKILL);
        }
    }
}

void ForkServer::drain_sigchld()
{
    // SIGCHLD notifications coalesce: their count means nothing, waitpid() tells who ended.
    signalfd_siginfo info;
    while (::read(sigchld_.get(), &info, sizeof info) == sizeof info) {
        if (info.ssi_signo == SIGTERM)
            terminate_ = true;
    }
}

void ForkServer::reap_children()
{
    drain_sigchld();
    for (;;) {
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0)
            return; // adopted orphans (we are a subreaper) are reaped here too
        auto run = std::find_if(runs_.begin(), runs_.end(), [pid](const Run& r) { return r.supervisor == pid; });
        if (run != runs_.end()) {
            supervisor_ended(*run, status);
            runs_.erase(run);
        }
    }
}

void ForkServer::supervisor_ended(Run& run, int status)
{
    ::kill(-run.supervisor, SIGKILL); // anything of the run that outlived its supervisor
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !run.forced)
        return; // the supervisor reported RunFinished itself
    std::string why;
    protocol::Outcome outcome = protocol::Outcome::Killed;
    if (run.forced) {
        why = "the run did not stop within " + std::to_string(kStopDeadlineNs / core::kNsPerMs) +
              " ms of the stop request and was killed";
        outcome = protocol::Outcome::Stopped;
    } else if (WIFSIGNALED(status)) {
        why = "the run's supervisor was killed by " + core::signal_name(WTERMSIG(status));
    } else {
        why = "the run's supervisor failed with exit code " + std::to_string(WEXITSTATUS(status));
        outcome = protocol::Outcome::Failed;
    }
    send(protocol::Error{run.request_id, run.run_id, why});
    send(protocol::RunFinished{run.run_id, outcome, core::monotonic_ns(), 0, why});
}

void ForkServer::shutdown()
{
    for (const auto& run : runs_)
        ::kill(-run.supervisor, SIGKILL);
    // Reap supervisors and the workers they orphaned, but never hang on a stuck process.
    const std::int64_t give_up = core::monotonic_ns() + 2'000 * core::kNsPerMs;
    for (;;) {
        const pid_t pid = ::waitpid(-1, nullptr, WNOHANG);
        if (pid < 0 && errno == ECHILD)
            return;
        if (pid > 0)
            continue;
        const std::int64_t left = give_up - core::monotonic_ns();
        if (left <= 0)
            return;
        (void)core::poll_readable(sigchld_.get(),
                                  static_cast<int>(std::min<std::int64_t>(left / core::kNsPerMs + 1, 50)));
        drain_sigchld();
    }
}

// The runs' temporary files (the ticket race's stock file, …) go under a folder of this fork
// server's, named after its pid, which it removes when it ends: also when its front end is
// SIGKILLed, since then the server is told with SIGTERM rather than killed.
std::string make_scratch_root()
{
    std::string root = temporary_folder_pattern("forkscope-" + std::to_string(::getpid()));
    if (!::mkdtemp(root.data()))
        return {}; // the runs use $TMPDIR itself, as before
    ::setenv("TMPDIR", root.c_str(), 1);
    return root;
}

[[noreturn]] void serve_in_child(core::UniqueFd frontend, pid_t parent, const std::vector<const Scenario*>& scenarios)
{
    die_with_parent(parent);
    ::prctl(PR_SET_CHILD_SUBREAPER, 1); // orphaned workers come back to us to be reaped
    ::prctl(PR_SET_NAME, "fs-forkserver");
    reset_signals();
    ::signal(SIGINT, SIG_IGN); // Ctrl-C is for the front end, which stops runs cleanly
    redirect_to_dev_null(STDIN_FILENO);
    close_fds_except({frontend.get()});
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigaddset(&chld, SIGTERM); // read from the signalfd: the front end's death, to clean up after
    ::sigprocmask(SIG_BLOCK, &chld, nullptr);
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) // it died before the signal was set: nothing to serve
        ::_exit(0);
    const std::string scratch = make_scratch_root();
    int code = 0;
    try {
        core::UniqueFd sigchld(::signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC));
        if (!sigchld)
            core::throw_errno("signalfd");
        ForkServer server(std::move(frontend), std::move(sigchld), scenarios);
        server.serve();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "forkscope fork server: %s\n", e.what());
        code = 1;
    }
    if (!scratch.empty()) {
        std::error_code ignored; // nothing to report it to: the front end is gone
        std::filesystem::remove_all(scratch, ignored);
    }
    std::fflush(nullptr);
    ::_exit(code);
}

} // namespace

ForkServerProcess ForkServerProcess::spawn()
{
    return spawn(all_scenarios());
}

ForkServerProcess ForkServerProcess::spawn(const std::vector<const Scenario*>& scenarios)
{
    if (const int threads = thread_count(); threads != 1)
        throw std::logic_error("the fork server must be started while the process has one thread (at the top "
                               "of main, before QApplication); this process has " +
                               std::to_string(threads));
    protocol::SocketPair pair = protocol::make_socket_pair();
    const pid_t parent = ::getpid();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0)
        core::throw_errno("fork (fork server)");
    if (pid == 0) {
        pair.first.reset();
        serve_in_child(std::move(pair.second), parent, scenarios);
    }
    return ForkServerProcess(pid, std::move(pair.first));
}

ForkServerProcess ForkServerProcess::spawn_or_report(const char* program) noexcept
{
    try {
        return spawn();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: cannot start the fork server: %s\n", program, e.what());
        return {};
    }
}

ForkServerProcess::ForkServerProcess(ForkServerProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, 0)), fd_(std::move(other.fd_))
{}

ForkServerProcess& ForkServerProcess::operator=(ForkServerProcess&& other) noexcept
{
    if (this != &other) {
        shutdown();
        pid_ = std::exchange(other.pid_, 0);
        fd_ = std::move(other.fd_);
    }
    return *this;
}

ForkServerProcess::~ForkServerProcess()
{
    shutdown();
}

void ForkServerProcess::shutdown(std::chrono::milliseconds timeout) noexcept
{
    if (pid_ <= 0)
        return;
    fd_.reset();
    core::UniqueFd pidfd(core::pidfd_open(pid_));
    bool exited = false;
    try {
        exited = pidfd && core::poll_readable(pidfd.get(), static_cast<int>(timeout.count()));
    } catch (const std::exception&) {}
    if (!exited)
        ::kill(pid_, SIGKILL);
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {}
    pid_ = 0;
}

} // namespace forkscope::scenarios
