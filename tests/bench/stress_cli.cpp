// The stress benchmark's CLI part: the real `forkscope-cli run producer-consumer …` as a child,
// sampled from outside, and its printed report read back.

#include "stress_bench.h"

#include "core/unique_fd.h"

#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>

extern char** environ;

namespace forkscope::bench {

namespace {

using Clock = std::chrono::steady_clock;

// Spawns the CLI with its stdout into `out`; posix_spawn, not fork(): the caller may have threads.
pid_t spawn_cli(const std::string& cli_path, const StressConfig& config, int out)
{
    std::vector<std::string> args{cli_path, "run", "producer-consumer", "--no-progress"};
    for (const std::string& a : config.assignments()) {
        args.push_back("--set");
        args.push_back(a);
    }
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, cli_path.c_str(), &actions, nullptr, argv.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

// Waits for the CLI, bounded: past `deadline` it is asked to stop (SIGINT, as Ctrl-C), 30 s later
// killed. Returns false if it had to be.
bool wait_cli(pid_t pid, Clock::time_point deadline, int& status, rusage& usage)
{
    int signals_sent = 0;
    for (;;) {
        const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
        if (done == pid)
            return signals_sent == 0;
        if (done < 0)
            return false;
        if (Clock::now() > deadline && signals_sent < 2) {
            ::kill(pid, signals_sent == 0 ? SIGINT : SIGKILL);
            ++signals_sent;
            deadline = Clock::now() + std::chrono::seconds(30);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

std::string read_all(int fd)
{
    std::string text;
    char buffer[65536];
    off_t offset = 0;
    for (ssize_t n; (n = ::pread(fd, buffer, sizeof buffer, offset)) > 0; offset += n)
        text.append(buffer, static_cast<std::size_t>(n));
    return text;
}

// Reads the numbers out of the CLI's output (see RunPrinter and RecordingReport).
void parse_report(const std::string& text, FrontEndResult& r)
{
    std::istringstream lines(text);
    bool telemetry = false, wall = false;
    for (std::string line; std::getline(lines, line);) {
        unsigned long long events = 0, dropped = 0, not_kept = 0, puts = 0, gets = 0;
        unsigned queue = 0;
        char over[64] = {};
        if (line.find("] started ") != std::string::npos)
            ++r.workers;
        else if (std::sscanf(line.c_str(), " wall time %lf s", &r.wall_s) == 1)
            wall = true;
        else if (std::sscanf(line.c_str(),
                             "telemetry %llu events recorded over %63[^(](%llu dropped by full rings, %llu counted",
                             &events, over, &dropped, &not_kept) == 4) {
            r.events = events;
            r.dropped = dropped;
            r.not_kept = not_kept;
            telemetry = true;
        } else if (double waited = 0;
                   std::sscanf(line.c_str(), " the processes waited %lf %7s in all", &waited, over) == 2) {
            const std::string unit = over; // TextFormat::duration's: ns, µs, ms or s
            r.telemetry_wait_s = waited * (unit == "s" ? 1 : unit == "ms" ? 1e-3 : unit == "ns" ? 1e-9 : 1e-6);
        } else if (std::sscanf(line.c_str(), " queue %u %llu %llu", &queue, &puts, &gets) == 3) {
            r.queue_ops += puts + gets;
        }
    }
    if (!telemetry || !wall)
        r.error = "the CLI printed no summary with the run's telemetry";
}

} // namespace

FrontEndResult run_cli(const std::string& cli_path, const StressConfig& config)
{
    FrontEndResult r;
    const core::UniqueFd out(::memfd_create("forkscope-cli-stdout", MFD_CLOEXEC));
    if (out.get() < 0) {
        r.error = "memfd_create failed";
        return r;
    }
    const pid_t pid = spawn_cli(cli_path, config, out.get());
    if (pid < 0) {
        r.error = "cannot start " + cli_path;
        return r;
    }
    TreeSampler sampler(pid, config.sample_ms);
    const auto deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(config.limit_s()));
    int status = 0;
    rusage usage{};
    const bool in_time = wait_cli(pid, deadline, status, usage);
    r.samples = sampler.stop();
    // The child's peak RSS (kB), or the highest VmHWM sampled if that is higher (it can be, slightly).
    r.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    for (const TreeSample& s : r.samples)
        r.peak_rss_mb = std::max(r.peak_rss_mb, s.front_hwm_mb);
    parse_report(read_all(out.get()), r);
    if (!in_time)
        r.error = "the run did not end within " + std::to_string(static_cast<int>(config.limit_s())) + " s";
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        r.error = "the CLI ended with status " + std::to_string(status);
    return r;
}

} // namespace forkscope::bench
