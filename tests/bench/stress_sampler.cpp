#include "stress_bench.h"

#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace forkscope::bench {

namespace {

// The parent of `pid` from /proc/<pid>/stat (its 4th field, after the command in parentheses,
// which may itself hold spaces and parentheses); -1 if the process is gone.
pid_t parent_of(pid_t pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
    std::ifstream in(path);
    std::string stat;
    if (!std::getline(in, stat))
        return -1;
    const std::size_t close = stat.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream rest(stat.substr(close + 1));
    std::string state;
    long ppid = -1;
    rest >> state >> ppid;
    return rest ? static_cast<pid_t>(ppid) : -1;
}

// Every process below `root`, found by walking /proc once.
std::vector<pid_t> descendants(pid_t root)
{
    std::multimap<pid_t, pid_t> children; // parent -> child
    if (DIR* proc = ::opendir("/proc")) {
        while (const dirent* entry = ::readdir(proc)) {
            char* end = nullptr;
            const long pid = std::strtol(entry->d_name, &end, 10);
            if (*end != '\0' || pid <= 0)
                continue;
            if (const pid_t ppid = parent_of(static_cast<pid_t>(pid)); ppid > 0)
                children.emplace(ppid, static_cast<pid_t>(pid));
        }
        ::closedir(proc);
    }
    std::vector<pid_t> out;
    std::vector<pid_t> todo{root};
    while (!todo.empty()) {
        const pid_t parent = todo.back();
        todo.pop_back();
        const auto [first, last] = children.equal_range(parent);
        for (auto it = first; it != last; ++it) {
            out.push_back(it->second);
            todo.push_back(it->second);
        }
    }
    return out;
}

// The kB values of the `keys` lines of a /proc file ("VmRSS:   1234 kB"), in MB; -1 if absent.
std::vector<double> read_kb(const std::string& path, const std::vector<const char*>& keys)
{
    std::vector<double> mb(keys.size(), -1);
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        for (std::size_t k = 0; k < keys.size(); ++k) {
            const std::size_t n = std::strlen(keys[k]);
            if (line.compare(0, n, keys[k]) == 0)
                mb[k] = std::strtod(line.c_str() + n, nullptr) / 1024.0;
        }
    }
    return mb;
}

} // namespace

TreeSampler::TreeSampler(pid_t root, int interval_ms) : root_(root), interval_ms_(interval_ms)
{
    thread_ = std::thread([this] { loop(); });
}

TreeSampler::~TreeSampler()
{
    stop();
}

std::vector<TreeSample> TreeSampler::stop()
{
    stop_.store(true);
    if (thread_.joinable())
        thread_.join();
    return samples_;
}

void TreeSampler::loop()
{
    using Clock = std::chrono::steady_clock;
    const Clock::time_point start = Clock::now();
    Clock::time_point next = start;
    while (!stop_.load()) {
        TreeSample s;
        if (sample(std::chrono::duration<double>(Clock::now() - start).count(), s))
            samples_.push_back(s);
        next += std::chrono::milliseconds(interval_ms_);
        // Sleeps in short steps so that stop() returns quickly.
        while (!stop_.load() && Clock::now() < next)
            std::this_thread::sleep_for(std::min<Clock::duration>(next - Clock::now(), std::chrono::milliseconds(50)));
    }
}

bool TreeSampler::sample(double t_s, TreeSample& out) const
{
    const std::vector<double> front = read_kb("/proc/" + std::to_string(root_) + "/status", {"VmRSS:", "VmHWM:"});
    if (front[0] < 0) // gone, or a zombie: nothing to measure
        return false;
    out.t_s = t_s;
    out.front_rss_mb = front[0];
    out.front_hwm_mb = front[1];
    for (const pid_t pid : descendants(root_)) {
        const std::string dir = "/proc/" + std::to_string(pid);
        const double rss = read_kb(dir + "/status", {"VmRSS:"})[0];
        if (rss < 0)
            continue; // exited between the walk and now
        out.tree_rss_mb += rss;
        out.tree_pss_mb += std::max(0.0, read_kb(dir + "/smaps_rollup", {"Pss:"})[0]);
        ++out.processes;
    }
    return true;
}

} // namespace forkscope::bench
