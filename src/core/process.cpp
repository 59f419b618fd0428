#include "core/process.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/liveness.h"
#include "core/poll.h"
#include "core/telemetry.h"
#include "core/unique_fd.h"

#include "core/pidfd.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <exception>
#include <vector>

namespace forkscope::core {

namespace detail {

struct ChildRecord {
    ProcessInfo info;
    UniqueFd pidfd; // readable once the child has exited
    bool started = false;

    [[nodiscard]] bool reaped() const noexcept { return info.exitcode.has_value(); }
    bool reap(bool block);
};

} // namespace detail

using detail::ChildRecord;

namespace {

ProcessObserver* g_observer = nullptr;
bool g_is_daemon = false;
int g_counter = 0; // names Process-1, Process-2, … like Python

// Started and not yet reaped; shared so a child outlives a Process object destroyed early.
std::vector<std::shared_ptr<ChildRecord>>& registry()
{
    static std::vector<std::shared_ptr<ChildRecord>> children;
    return children;
}

void unregister(const ChildRecord* child)
{
    auto& children = registry();
    children.erase(
        std::remove_if(children.begin(), children.end(), [child](const auto& c) { return c.get() == child; }),
        children.end());
}

int decode_status(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return -WTERMSIG(status);
    return INT_MIN; // cannot happen without WUNTRACED
}

} // namespace

void set_process_observer(ProcessObserver* observer) noexcept
{
    g_observer = observer;
}

bool current_process_is_daemon() noexcept
{
    return g_is_daemon;
}

bool ChildRecord::reap(bool block)
{
    if (reaped())
        return true;
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(info.pid, &status, block ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == 0)
        return false;
    if (r < 0)
        throw_errno("waitpid(" + std::to_string(info.pid) + ")");
    info.exitcode = decode_status(status);
    pidfd.reset();
    // Keep ourselves alive while leaving the registry: it may hold the last reference.
    const auto self =
        std::find_if(registry().begin(), registry().end(), [this](const auto& c) { return c.get() == this; });
    std::shared_ptr<ChildRecord> keep = self != registry().end() ? *self : nullptr;
    unregister(this);
    if (g_observer)
        g_observer->joined(info);
    return true;
}

Process::Process() : Process(Target{})
{}

Process::Process(Target target, std::string name) : target_(std::move(target)), child_(std::make_shared<ChildRecord>())
{
    ++g_counter;
    child_->info.name = name.empty() ? "Process-" + std::to_string(g_counter) : std::move(name);
}

Process::~Process() = default;

const ProcessInfo& Process::info() const noexcept
{
    return child_->info;
}

void Process::set_name(std::string name)
{
    child_->info.name = std::move(name);
}

void Process::set_role(std::string role)
{
    child_->info.role = std::move(role);
}

void Process::set_daemon(bool daemon)
{
    if (child_->started)
        throw ProcessError("process has already started");
    child_->info.daemon = daemon;
}

pid_t Process::pid() const noexcept
{
    return child_->info.pid;
}

pid_t Process::ppid() const noexcept
{
    return child_->info.ppid;
}

void Process::run()
{
    if (target_)
        target_();
}

void Process::start()
{
    if (child_->started)
        throw ProcessError("cannot start a process twice");
    if (g_is_daemon)
        throw ProcessError("daemonic processes are not allowed to have children");

    ProcessInfo& info = child_->info;
    info.ppid = ::getpid();
    if (g_observer)
        g_observer->before_start(info);

    std::fflush(nullptr); // or the child would print the parent's buffered output again
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int error = errno;
        if (g_observer)
            g_observer->start_failed(info);
        throw ProcessStartError(error,
                                "cannot start " + info.name + ": fork failed: " + errno_text(error) +
                                    (error == EAGAIN ? "; the process limit (RLIMIT_NPROC) may be reached" : ""));
    }
    if (pid == 0)
        run_in_child();

    info.pid = pid;
    child_->started = true;
    child_->pidfd.reset(pidfd_open(pid));
    if (!child_->pidfd) {
        const int error = errno;
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        info.exitcode = -SIGKILL;
        if (g_observer)
            g_observer->start_failed(info);
        throw ProcessStartError(error, "cannot watch " + info.name + ": pidfd_open failed: " + errno_text(error));
    }
    registry().push_back(child_);
    if (g_observer)
        g_observer->started(info);
}

void Process::run_in_child()
{
    ProcessInfo& info = child_->info;
    // Die with the parent; if it died before prctl took effect, leave now.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != info.ppid)
        ::_exit(128 + SIGKILL);
    info.pid = ::getpid();
    refresh_current_pid();
    ::prctl(PR_SET_NAME, info.name.substr(0, 15).c_str());
    if (const int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC); devnull >= 0) {
        ::dup2(devnull, STDIN_FILENO);
        ::close(devnull);
    }
    g_is_daemon = info.daemon;
    // The parent's children are not ours: forget them (closing their pidfds).
    registry().clear();
    ProcessObserver* observer = std::exchange(g_observer, nullptr);
    if (observer)
        observer->in_child(info);

    int code = 0;
    try {
        run();
    } catch (const SystemExit& e) {
        code = e.code;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "Process %s (pid %d): uncaught exception: %s\n", info.name.c_str(),
                     static_cast<int>(info.pid), e.what());
        code = 1;
    } catch (...) {
        std::fprintf(stderr, "Process %s (pid %d): uncaught exception\n", info.name.c_str(),
                     static_cast<int>(info.pid));
        code = 1;
    }
    try {
        finalize_children();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "Process %s: %s\n", info.name.c_str(), e.what());
    }
    std::fflush(nullptr);
    ::_exit(code); // never exit(): the parent's atexit handlers are not ours to run
}

bool Process::join(std::optional<std::chrono::milliseconds> timeout)
{
    const int ms = timeout ? static_cast<int>(std::clamp<std::int64_t>(timeout->count(), 0, INT_MAX)) : -1;
    return join_while([] { return true; }, ms); // one wait: a timeout gives up at once
}

bool Process::join_unless(const std::function<bool()>& give_up, std::chrono::milliseconds check_every)
{
    return join_while(give_up, static_cast<int>(std::clamp<std::int64_t>(check_every.count(), 1, INT_MAX)));
}

// Waits `slice_ms` at a time (-1: until it exits) until the child exits or, after a slice, `give_up()`.
bool Process::join_while(const std::function<bool()>& give_up, int slice_ms)
{
    if (!child_->started)
        throw ProcessError("can only join a started process");
    if (child_->info.ppid != ::getpid()) // e.g. a copy inherited by a forked child
        throw ProcessError("can only join a child process");
    if (child_->reaped())
        return true;
    // The time spent in join() is what the tutorials' join order is about: the timeline shows it.
    TelemetrySink* sink = telemetry_sink();
    const std::int64_t begin = sink ? monotonic_ns() : 0;
    bool exited = false;
    while (!(exited = poll_readable(child_->pidfd.get(), slice_ms)) && !give_up()) {}
    if (sink) [[unlikely]]
        sink->waited(WaitKind::Join, static_cast<std::uint32_t>(child_->info.pid), monotonic_ns() - begin);
    return exited && child_->reap(true);
}

bool Process::is_alive()
{
    if (!child_->started || child_->reaped())
        return false;
    if (child_->info.ppid != ::getpid())
        throw ProcessError("can only test a child process");
    return !child_->reap(false);
}

void Process::terminate()
{
    if (child_->started && !child_->reaped())
        ::kill(child_->info.pid, SIGTERM); // an un-reaped child keeps its pid: no reuse race
}

void Process::kill()
{
    if (child_->started && !child_->reaped())
        ::kill(child_->info.pid, SIGKILL);
}

std::size_t active_children_count()
{
    const auto children = registry(); // copy: reaping edits the registry
    for (const auto& child : children)
        child->reap(false);
    return registry().size();
}

void finalize_children()
{
    auto children = registry();
    for (const auto& child : children) {
        if (child->info.daemon && !child->reaped())
            ::kill(child->info.pid, SIGTERM);
    }
    for (const auto& child : children) {
        if (!child->reaped()) {
            (void)poll_readable(child->pidfd.get(), -1);
            child->reap(true);
        }
    }
}

} // namespace forkscope::core
