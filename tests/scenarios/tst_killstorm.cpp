// The kill storm: producer–consumer, pool and ticket-race runs through the real fork server and
// supervisor while this test SIGKILLs random workers at random moments — 1000 kills over the
// suite, drawn from one seed (FORKSCOPE_KILL_STORM_SEED replays another, FORKSCOPE_KILL_STORM_KILLS
// changes the count; every failure names the seed and the run). The seed fixes the schedule — when
// each kill comes, and which of the workers alive then it picks — while the scheduler decides who
// is alive at that moment, so a replay hits the same moments, not always the same instruction.
// Each run must finish in bounded
// time and leave no process and no file behind; every item a producer saw acknowledged is
// consumed once, left in the queue, or named as lost with a killed consumer; every task is done
// or reported lost with its worker's pid; a lock whose holder was killed is recovered and said
// so; and the result names exactly the workers that were killed.

#include "core/clock.h"
#include "core/pidfd.h"
#include "scenarios/runner/fork_server.h"
#include "support/run_client.h"
#include "support/test_main.h"

#include <QTest>

#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>

using namespace forkscope;
using namespace std::chrono_literals;
using nlohmann::json;
using testing::RunClient;

namespace {

scenarios::ForkServerProcess g_server; // forked in main(), before QTest starts a thread
std::string g_tmpdir; // the server's $TMPDIR: must be empty after every run

struct Spec {
    const char* scenario;
    const char* config;
    int window_ms; // kills land in [0, window_ms) after the run starts; runs take about as long
    int kills; // at most, per run
};

// The seed from the environment, or the default; printed with every failure.
std::uint64_t storm_seed()
{
    const char* text = std::getenv("FORKSCOPE_KILL_STORM_SEED");
    return text ? std::strtoull(text, nullptr, 10) : 20261123;
}

int storm_kills()
{
    const char* text = std::getenv("FORKSCOPE_KILL_STORM_KILLS");
    return text ? std::max(1, std::atoi(text)) : 1000;
}

// SIGKILLs `pid` if it is still the main process's child: through a pidfd, so a pid that was
// reaped and reused in between is never hit.
bool kill_worker(pid_t pid, pid_t main_process)
{
    const int fd = core::pidfd_open(pid);
    if (fd < 0)
        return false;
    bool sent = false;
    if (testing::parent_of(pid) == main_process)
        sent = ::syscall(SYS_pidfd_send_signal, fd, SIGKILL, nullptr, 0) == 0;
    ::close(fd);
    return sent;
}

// What one run of the storm did, for the checks and the tally.
struct Storm {
    RunClient client{g_server.fd()};
    std::set<pid_t> sent; // SIGKILL sent
    json result;
    std::string label; // "seed 1 run 7 (pool …)", for failure messages

    [[nodiscard]] std::set<pid_t> killed(std::int64_t before_ns = INT64_MAX) const // the kills that landed
    {
        std::set<pid_t> out;
        for (const auto& e : client.record.exits) {
            if (e.exitcode == -SIGKILL && e.t_ns < before_ns)
                out.insert(e.pid);
        }
        return out;
    }
    [[nodiscard]] static std::string text(const std::set<pid_t>& pids)
    {
        std::string out;
        for (pid_t pid : pids)
            out += std::to_string(pid) + " ";
        return out;
    }
    [[nodiscard]] int exitcode_of(pid_t pid) const
    {
        const auto* e = client.record.exit_of(pid);
        return e ? e->exitcode : 1000;
    }
    [[nodiscard]] std::set<pid_t> deaths_by(const char* signal) const
    {
        std::set<pid_t> out;
        for (const auto& d : result.at("deaths")) {
            if (d.at("how").get<std::string>() == std::string("was killed by ") + signal)
                out.insert(d.at("pid").get<pid_t>());
        }
        return out;
    }
};

// Runs `spec` with kills at `kills` random moments; false (with a message) if it hangs.
bool run_storm(Storm& s, const Spec& spec, std::mt19937_64& rng, std::string* problem)
{
    s.client.request(spec.scenario, spec.config);
    if (!s.client.pump_until([&] { return s.client.record.started.has_value() || !s.client.record.errors.empty(); },
                             20s)) {
        *problem = "the run did not start";
        return false;
    }
    const pid_t main_process = s.client.record.started->main_pid;
    std::vector<int> moments;
    for (int i = 0; i < spec.kills; ++i)
        moments.push_back(static_cast<int>(rng() % static_cast<std::uint64_t>(spec.window_ms)));
    std::sort(moments.begin(), moments.end());
    const std::int64_t begin = core::monotonic_ns();
    for (int at : moments) {
        const std::int64_t wait_ns = begin + at * core::kNsPerMs - core::monotonic_ns();
        if (wait_ns > 0 && s.client.pump_until([&] { return s.client.record.finished.has_value(); },
                                               std::chrono::milliseconds(wait_ns / core::kNsPerMs)))
            break;
        std::vector<pid_t> alive;
        for (pid_t pid : s.client.record.worker_pids()) {
            if (!s.client.record.exit_of(pid))
                alive.push_back(pid);
        }
        if (alive.empty())
            continue;
        const pid_t victim = alive[rng() % alive.size()];
        if (kill_worker(victim, main_process))
            s.sent.insert(victim);
    }
    // Bounded: the longest of these runs takes about a second undisturbed.
    if (!s.client.wait_finished(30s)) {
        *problem = "HANG: the run did not finish within 30 s; present: " +
                   testing::describe_present(s.client.record.worker_pids());
        s.client.stop();
        s.client.wait_finished(10s);
        return false;
    }
    if (s.client.record.result)
        s.result = json::parse(s.client.record.result->result_json);
    return true;
}

// Nothing of the run is left: no process (not even a zombie) within 1 s, no file in $TMPDIR's
// scratch folder (the fork server's; the ticket race keeps its stock file there).
std::string leftovers(const Storm& s)
{
    std::vector<pid_t> pids = s.client.record.worker_pids();
    pids.push_back(s.client.record.started->main_pid);
    if (!testing::wait_all_gone(pids, 1s))
        return "processes left: " + testing::describe_present(pids);
    for (const auto& scratch : std::filesystem::directory_iterator(g_tmpdir)) {
        if (!scratch.is_directory())
            return "file left: " + scratch.path().string();
        for (const auto& entry : std::filesystem::recursive_directory_iterator(scratch.path()))
            return "file left: " + entry.path().string();
    }
    return {};
}

} // namespace

class TestKillStorm : public QObject {
    Q_OBJECT

private slots:
    void producerConsumerAccountsForEveryItem();
    void poolReportsEveryLostTask();
    void ticketRaceRecoversTheLock();

private:
    // Runs the specs round-robin until `kills` SIGKILLs have been sent; `check` each run.
    template <class Check>
    void storm(const std::vector<Spec>& specs, int kills, std::uint64_t salt, Check check);
    int m_killsSent = 0, m_killsLanded = 0;
};

template <class Check>
void TestKillStorm::storm(const std::vector<Spec>& specs, int kills, std::uint64_t salt, Check check)
{
    std::mt19937_64 rng(storm_seed() ^ salt);
    int sent = 0, landed = 0, runs = 0;
    std::int64_t longest = 0;
    while (sent < kills) {
        const Spec& spec = specs[static_cast<std::size_t>(runs) % specs.size()];
        Storm s;
        s.label = "seed " + std::to_string(storm_seed()) + " run " + std::to_string(runs) + " (" + spec.scenario + " " +
                  spec.config + ")";
        ++runs;
        std::string problem;
        const std::int64_t begin = core::monotonic_ns();
        QVERIFY2(run_storm(s, spec, rng, &problem), std::string(s.label + ": " + problem).c_str());
        longest = std::max(longest, core::monotonic_ns() - begin);
        QVERIFY2(s.client.record.finished->outcome == protocol::Outcome::Completed,
                 std::string(s.label + ": " + s.client.record.finished->message).c_str());
        QVERIFY2(s.result.contains("deaths"), std::string(s.label + ": no result").c_str());
        const std::string left = leftovers(s);
        QVERIFY2(left.empty(), std::string(s.label + ": " + left).c_str());
        // Nothing else kills: every SIGKILL death is one of ours, and the result names them all.
        const std::set<pid_t> killed = s.killed();
        QVERIFY2(std::includes(s.sent.begin(), s.sent.end(), killed.begin(), killed.end()),
                 std::string(s.label).c_str());
        // A kill may land after the result was set (on a daemon the main process was about to end):
        // the result names every kill that landed before it, and no other.
        const std::set<pid_t> named = s.deaths_by("SIGKILL"), before = s.killed(s.client.record.result->t_ns);
        QVERIFY2(std::includes(named.begin(), named.end(), before.begin(), before.end()) &&
                     std::includes(killed.begin(), killed.end(), named.begin(), named.end()),
                 std::string(s.label + ": deaths " + s.result.at("deaths").dump() + "; killed " + Storm::text(killed) +
                             "; before the result " + Storm::text(before))
                     .c_str());
        check(s);
        if (QTest::currentTestFailed())
            return;
        sent += static_cast<int>(s.sent.size());
        landed += static_cast<int>(killed.size());
    }
    m_killsSent += sent;
    m_killsLanded += landed;
    qInfo("%d runs, %d SIGKILLs sent, %d landed before the victim exited; longest run %.2f s; "
          "suite so far: %d sent",
          runs, sent, landed, static_cast<double>(longest) / 1e9, m_killsSent);
}

void TestKillStorm::producerConsumerAccountsForEveryItem()
{
    const std::vector<Spec> specs{
        {"producer-consumer", R"({"producers": 3, "consumers": 3, "capacity": 4, "items": 30, "produce_ms": 2,
            "consume_ms": 6, "consume_dist": "exponential"})",
         250, 3},
        {"producer-consumer", R"({"producers": 3, "consumers": 3, "capacity": 4, "items": 30, "produce_ms": 2,
            "consume_ms": 6, "consume_dist": "exponential", "shutdown": "joinable"})",
         250, 3},
    };
    std::int64_t named = 0, unnamed = 0, left = 0;
    storm(specs, storm_kills() * 2 / 5, 1, [&](const Storm& s) {
        const json& r = s.result;
        const auto n = [&](const char* key) { return r.at(key).get<std::int64_t>(); };
        named += static_cast<std::int64_t>(r.at("lost").size());
        unnamed += n("lost_unnamed");
        left += n("left_in_queue");
        QVERIFY2(r.at("tracked_item_by_item").get<bool>(), std::string(s.label).c_str());
        QVERIFY2(n("duplicates") == 0, std::string(s.label + ": an item was consumed twice").c_str());
        std::set<pid_t> holders;
        for (const auto& l : r.at("lost")) {
            const pid_t pid = l.at("pid").get<pid_t>();
            const int code = s.exitcode_of(pid);
            // Lost with a consumer that was killed, or a daemon the main process ended mid-item.
            QVERIFY2(code == -SIGKILL || code == -SIGTERM, std::string(s.label + ": " + l.dump()).c_str());
            QVERIFY2(holders.insert(pid).second, std::string(s.label + ": a consumer lost two items").c_str());
        }
        QVERIFY2(n("lost_unnamed") <= n("lost_gets"), std::string(s.label + ": " + r.dump()).c_str());
        bool producer_died = false, consumer_lived = false;
        for (const auto& p : s.client.record.processes) {
            const int code = s.exitcode_of(p.pid);
            producer_died |= p.role == "producer" && code != 0;
            consumer_lived |=
                p.role == "consumer" &&
                (code == 0 || (r.at("shutdown") == "joinable" && code == -SIGTERM && s.sent.count(p.pid) == 0));
        }
        if (consumer_lived) // a consumer was there to the end: it took everything
            QVERIFY2(n("left_in_queue") == 0, std::string(s.label + ": " + r.dump()).c_str());
        // Every acknowledged item: consumed once, left in the queue, or lost (named or not).
        const std::int64_t accounted =
            n("consumed") + n("left_in_queue") + static_cast<std::int64_t>(r.at("lost").size()) + n("lost_unnamed");
        if (!producer_died)
            QVERIFY2(n("produced") == 90 && accounted == 90, std::string(s.label + ": " + r.dump()).c_str());
        QVERIFY2(n("produced") <= accounted && accounted <= n("produced") + n("unacknowledged"),
                 std::string(s.label + ": " + r.dump()).c_str());
        if (s.killed().empty())
            QVERIFY2(r.at("every_item_once").get<bool>(), std::string(s.label).c_str());
    });
    qInfo("items lost with a killed consumer: %lld named by its claim, %lld in a get cut short; %lld left in the "
          "queue with no consumer alive",
          static_cast<long long>(named), static_cast<long long>(unnamed), static_cast<long long>(left));
}

void TestKillStorm::poolReportsEveryLostTask()
{
    const std::vector<Spec> specs{
        {"pool", R"({"size": 4, "tasks": 40, "task_ms": 10, "task_dist": "exponential", "mode": "apply_async"})", 150,
         6},
        {"pool", R"({"size": 3, "tasks": 12, "task_ms": 10, "mode": "apply"})", 150, 4},
        {"pool", R"({"size": 4, "tasks": 40, "task_ms": 5, "mode": "map", "chunksize": 4})", 100, 4},
    };
    std::size_t lost_tasks = 0, failed_maps = 0;
    storm(specs, storm_kills() * 2 / 5, 2, [&](const Storm& s) {
        const json& r = s.result;
        (r.at("mode") == "map" ? failed_maps : lost_tasks) += r.at("lost").size();
        const std::set<pid_t> killed = s.killed();
        const auto tasks = r.at("tasks").get<std::size_t>(), lost = r.at("lost").size();
        const std::size_t total = r.at("mode") == "apply" ? 12 : 40;
        if (r.at("mode") == "map") {
            QVERIFY2((tasks == total && lost == 0) || (tasks == 0 && lost == 1 && !killed.empty()),
                     std::string(s.label + ": " + r.dump()).c_str());
        } else {
            QVERIFY2(tasks + lost == total, std::string(s.label + ": " + r.dump()).c_str());
            QVERIFY2(lost <= killed.size(), std::string(s.label + ": more tasks lost than workers killed").c_str());
        }
        for (const auto& l : r.at("lost")) { // each names the pid of a worker that was killed
            const std::string why = l.at("error").get<std::string>();
            const bool named = std::any_of(killed.begin(), killed.end(), [&](pid_t pid) {
                return why.find("(pid " + std::to_string(pid) + ") was killed by SIGKILL") != std::string::npos;
            });
            QVERIFY2(named, std::string(s.label + ": " + why).c_str());
        }
    });
    qInfo("%zu tasks failed with WorkerLostError naming their killed worker; %zu map() calls raised it", lost_tasks,
          failed_maps);
}

void TestKillStorm::ticketRaceRecoversTheLock()
{
    const std::vector<Spec> specs{
        {"ticket-race", R"({"buyers": 10, "tickets": 6, "lock": true, "read_ms": 5, "write_ms": 5})", 150, 4},
    };
    std::uint64_t owner_deaths = 0;
    storm(specs, storm_kills() - storm_kills() * 4 / 5, 3, [&owner_deaths](const Storm& s) {
        const json& r = s.result;
        const int stock = r.at("stock"), sold = r.at("sold"), left = r.at("left_in_file");
        // With the lock, never oversold; the file may count a sale whose buyer died before confirming it.
        QVERIFY2(r.at("oversold") == 0 && left >= 0 && left <= stock, std::string(s.label + ": " + r.dump()).c_str());
        QVERIFY2(sold <= stock - left && stock - left <= sold + static_cast<int>(s.killed().size()),
                 std::string(s.label + ": " + r.dump()).c_str());
        // Each owner death was seen by the buyer that took the lock next, and said so.
        const auto deaths = r.at("owner_deaths").get<std::uint64_t>();
        const auto said = std::count_if(s.client.record.lines.begin(), s.client.record.lines.end(), [](const auto& l) {
            return l.text.find("previous owner died holding it") != std::string::npos;
        });
        QVERIFY2(static_cast<std::uint64_t>(said) == deaths, std::string(s.label).c_str());
        QVERIFY2(deaths <= s.killed().size(), std::string(s.label).c_str());
        owner_deaths += deaths;
    });
    // A buyer holds the lock most of the time, so many of the victims held it.
    QVERIFY2(owner_deaths > 0, "no kill landed on a lock holder: the recovery was never exercised");
    qInfo("%llu lock owners died holding it, each recovered by the next buyer",
          static_cast<unsigned long long>(owner_deaths));
}

int main(int argc, char** argv)
{
    ::prctl(PR_SET_CHILD_SUBREAPER, 1); // orphans come here: "gone" is told from "zombie"
    char tmpdir[] = "/tmp/tst_killstorm-XXXXXX";
    if (!::mkdtemp(tmpdir))
        return 1;
    g_tmpdir = tmpdir;
    ::setenv("TMPDIR", tmpdir, 1);
    g_server = scenarios::ForkServerProcess::spawn();
    const int result = testing::run_forking_test<QCoreApplication, TestKillStorm>(argc, argv);
    g_server.shutdown();
    std::error_code ignored;
    std::filesystem::remove_all(g_tmpdir, ignored);
    return result;
}

#include "tst_killstorm.moc"
