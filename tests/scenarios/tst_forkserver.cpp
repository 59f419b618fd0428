// The fork server and the run supervisor, end to end through the protocol: real forks, real PIDs.

#include "core/clock.h"
#include "scenarios/runner/fork_server.h"
#include "scenarios/runner/run_arena.h"
#include "support/run_client.h"
#include "support/test_main.h"

#include <QTest>

#include "core/poll.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

using namespace forkscope;
using namespace std::chrono_literals;
using testing::RunClient;

namespace {

// Fork servers must be forked while the process has a single thread, and QTest starts a watchdog
// thread before the first test function: main() prepares them all.
scenarios::ForkServerProcess g_server; // shared by the ordinary tests
scenarios::ForkServerProcess g_closed_server; // its socket gets closed mid-run

// A stand-in for the GUI: a process that owns a fork server, starts 16 long workers and waits to
// be killed. Forked in main() for the same reason.
struct FakeFrontEnd {
    pid_t pid = 0;
    int command_fd = -1; // write a byte: start the run
    int report_fd = -1; // reads: fork server pid, supervisor pid, then 16 worker pids
};
FakeFrontEnd g_front_end;
std::string g_tmpdir; // the servers' $TMPDIR: each keeps its runs' files in a folder of its own there

// The folders in g_tmpdir of the fork server `server`.
std::vector<std::string> scratch_folders(pid_t server)
{
    std::vector<std::string> out;
    const std::string prefix = "forkscope-" + std::to_string(server) + "-";
    for (const auto& entry : std::filesystem::directory_iterator(g_tmpdir)) {
        if (entry.path().filename().string().rfind(prefix, 0) == 0)
            out.push_back(entry.path().string());
    }
    return out;
}

// Polls until `server`'s folder is gone, for at most `limit`.
bool scratch_gone_within(pid_t server, std::chrono::milliseconds limit)
{
    const std::int64_t give_up = core::monotonic_ns() + limit.count() * core::kNsPerMs;
    while (!scratch_folders(server).empty()) {
        if (core::monotonic_ns() > give_up)
            return false;
        ::usleep(5'000); // polled: the server removes it as its last act
    }
    return true;
}

[[noreturn]] void fake_front_end_main(int command_fd, int report_fd)
{
    char go;
    if (::read(command_fd, &go, 1) != 1)
        ::_exit(1);
    auto server = scenarios::ForkServerProcess::spawn();
    RunClient client(server.fd());
    client.request("processes", R"({"workers": 16, "work_ms": 600000})");
    if (!client.pump_until([&] { return client.record.processes.size() == 16; }, 20s))
        ::_exit(2);
    std::vector<pid_t> pids{server.pid(), client.record.started->main_pid};
    for (pid_t p : client.record.worker_pids())
        pids.push_back(p);
    (void)!::write(report_fd, pids.data(), pids.size() * sizeof(pid_t));
    for (;;)
        ::pause(); // until SIGKILL
}

FakeFrontEnd spawn_fake_front_end()
{
    int command[2], report[2];
    if (::pipe2(command, O_CLOEXEC) != 0 || ::pipe2(report, O_CLOEXEC) != 0)
        std::abort();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(command[1]);
        ::close(report[0]);
        fake_front_end_main(command[0], report[1]);
    }
    ::close(command[0]);
    ::close(report[1]);
    return {pid, command[1], report[0]};
}

std::string config(int workers, int work_ms, const char* join, const std::string& extra = {})
{
    return "{\"workers\": " + std::to_string(workers) + ", \"work_ms\": " + std::to_string(work_ms) + ", \"join\": \"" +
           join + "\"" + extra + "}";
}

} // namespace

class TestForkServer : public QObject {
    Q_OBJECT

private slots:
    void sixteenWorkersHaveDistinctPidsAndTheMainProcessAsParent();
    void oneByOneRunsWorkersInSequence();
    void afterAllRunsWorkersTogether();
    void workerOutputArrivesAsLines();
    void telemetryArrivesWithTheRun();
    void badRequestsAreRefusedNamingTheField_data();
    void badRequestsAreRefusedNamingTheField();
    void stopTerminatesTheWorkers();
    void daemonWorkersAreTerminatedWhenMainEnds();
    void terminateAfterStopsLongWorkers();
    void spawnRefusesAThreadedProcess();
    void closingTheFrontEndKillsEveryProcess();
    void killingTheFrontEndKillsEveryProcess();
};

void TestForkServer::sixteenWorkersHaveDistinctPidsAndTheMainProcessAsParent()
{
    RunClient client(g_server.fd());
    client.request("processes", config(16, 20, "after-all"));
    QVERIFY(client.wait_finished());
    QVERIFY2(client.record.errors.empty(), client.record.errors.empty() ? "" : client.record.errors[0].message.c_str());
    QCOMPARE(client.record.finished->outcome, protocol::Outcome::Completed);

    // The main process is the run supervisor's child (checked live in stopTerminatesTheWorkers),
    // and the workers are the main process's, as in Python.
    const pid_t main_process = client.record.started->main_pid;
    const pid_t supervisor = client.record.started->main_ppid;
    QVERIFY(supervisor != g_server.pid() && supervisor != main_process && supervisor != ::getpid());
    const auto pids = client.record.worker_pids();
    QCOMPARE(pids.size(), 16u);
    QCOMPARE(std::set<pid_t>(pids.begin(), pids.end()).size(), 16u);
    for (const auto& p : client.record.processes) {
        QCOMPARE(p.ppid, main_process);
        QVERIFY(p.pid != main_process && p.pid != supervisor && p.pid != g_server.pid() && p.pid != ::getpid());
        QCOMPARE(p.role, std::string("worker"));
    }
    QCOMPARE(client.record.exits.size(), 16u);
    QCOMPARE(client.record.joins.size(), 16u);
    for (const auto& e : client.record.exits)
        QCOMPARE(e.exitcode, 0);
    // Each worker reports its own getpid()/getppid(): the PIDs the table shows are the real ones.
    for (pid_t pid : pids) {
        const std::string expected = "pid " + std::to_string(pid) + ", ppid " + std::to_string(main_process);
        QVERIFY2(std::any_of(client.record.lines.begin(), client.record.lines.end(),
                             [&](const auto& l) { return l.pid == pid && l.text.find(expected) != std::string::npos; }),
                 expected.c_str());
    }
}

void TestForkServer::oneByOneRunsWorkersInSequence()
{
    constexpr int kWorkers = 4, kWorkMs = 150;
    RunClient client(g_server.fd());
    client.request("processes", config(kWorkers, kWorkMs, "one-by-one"));
    QVERIFY(client.wait_finished());
    const auto& r = client.record;
    QCOMPARE(r.finished->outcome, protocol::Outcome::Completed);
    QCOMPARE(r.processes.size(), std::size_t{kWorkers});
    // Worker i+1 starts only after worker i was joined: the run takes the sum of the work.
    for (std::size_t i = 0; i + 1 < r.processes.size(); ++i) {
        const auto* exited = r.exit_of(r.processes[i].pid);
        QVERIFY(exited);
        QVERIFY(r.processes[i + 1].t_ns >= exited->t_ns);
    }
    QVERIFY2(r.finished->wall_ns >= std::int64_t{kWorkers} * kWorkMs * core::kNsPerMs,
             std::to_string(r.finished->wall_ns).c_str());
}

void TestForkServer::afterAllRunsWorkersTogether()
{
    constexpr int kWorkers = 4, kWorkMs = 400;
    RunClient client(g_server.fd());
    client.request("processes", config(kWorkers, kWorkMs, "after-all"));
    QVERIFY(client.wait_finished());
    const auto& r = client.record;
    QCOMPARE(r.processes.size(), std::size_t{kWorkers});
    // Every worker starts before any has finished its work: the run takes about the longest.
    const auto first_exit =
        std::min_element(r.exits.begin(), r.exits.end(), [](const auto& a, const auto& b) { return a.t_ns < b.t_ns; });
    for (const auto& p : r.processes)
        QVERIFY(p.t_ns < first_exit->t_ns);
    const std::int64_t sum = std::int64_t{kWorkers} * kWorkMs * core::kNsPerMs;
    QVERIFY(r.finished->wall_ns >= kWorkMs * core::kNsPerMs);
    QVERIFY2(r.finished->wall_ns < sum * 3 / 4, std::to_string(r.finished->wall_ns).c_str());
}

void TestForkServer::workerOutputArrivesAsLines()
{
    RunClient client(g_server.fd());
    client.request("processes", config(2, 0, "after-all"));
    QVERIFY(client.wait_finished());
    const auto& r = client.record;
    for (pid_t pid : r.worker_pids()) {
        int lines = 0;
        for (const auto& l : r.lines) {
            if (l.pid == pid) {
                ++lines;
                QVERIFY2(l.text.find('\n') == std::string::npos, l.text.c_str());
                QVERIFY(l.t_ns <= r.exit_of(pid)->t_ns); // output comes before the exit
            }
        }
        QCOMPARE(lines, 2); // "worker N: pid …" and "worker N: done after …"
    }
    // The main process's own lines carry its pid.
    QVERIFY(std::any_of(r.lines.begin(), r.lines.end(), [&](const auto& l) { return l.pid == r.started->main_pid; }));
}

void TestForkServer::telemetryArrivesWithTheRun()
{
    RunClient client(g_server.fd());
    client.request("processes", config(4, 20, "after-all"));
    QVERIFY(client.wait_finished());
    const auto& r = client.record;
    QVERIFY(r.telemetry); // the run's memory came with RunStarted
    scenarios::RunArena arena = scenarios::RunArena::attach(r.telemetry.get());
    QCOMPARE(arena.rings_used(), 5u); // the main process and four workers
    QCOMPARE(arena.ring(0)->pid(), r.started->main_pid);

    std::vector<core::TraceEvent> events(4096);
    const core::ClockCalibration& clock = arena.header().calibration;
    const std::int64_t first = r.started->t_ns - 1'000'000'000, last = r.finished->t_ns + 1'000'000'000;
    // Ring 0, the main process: its own start, its parent the supervisor; no exits of others.
    std::size_t n = arena.ring(0)->pop(events.data(), events.size());
    QVERIFY(n >= 1);
    QCOMPARE(events[0].kind, core::EventKind::ProcessStart);
    QCOMPARE(events[0].value, r.started->main_ppid);
    for (std::size_t i = 0; i < n; ++i) {
        QVERIFY(clock.to_ns(events[i].time) > first && clock.to_ns(events[i].time) < last);
        QVERIFY(events[i].kind != core::EventKind::ProcessExit);
    }
    // Each worker's ring: written by the worker itself, starting with its ProcessStart, and ending
    // with its exit, which the supervisor writes once the worker is dead.
    for (std::uint32_t w = 1; w < 5; ++w) {
        const core::EventRing* ring = arena.ring(w);
        QVERIFY(r.start_of(ring->pid()));
        n = arena.ring(w)->pop(events.data(), events.size());
        QVERIFY(n >= 1);
        QCOMPARE(events[0].kind, core::EventKind::ProcessStart);
        QCOMPARE(events[0].value, r.started->main_pid); // its parent
        const core::TraceEvent& exit = events[n - 1];
        QCOMPARE(exit.kind, core::EventKind::ProcessExit);
        QCOMPARE(static_cast<std::int32_t>(exit.task), ring->pid());
        QCOMPARE(exit.object, w); // the exit names the ring
        QCOMPARE(exit.value, 0);
        QVERIFY(r.exit_of(ring->pid()));
        QVERIFY(clock.to_ns(exit.time) > first && clock.to_ns(exit.time) < last);
        --n; // what the worker wrote itself
        // Then what the processes scenario reports: sleeping through its work, then done.
        QVERIFY(n >= 3);
        QCOMPARE(events[1].kind, core::EventKind::State);
        QCOMPARE(events[1].detail, static_cast<std::uint16_t>(core::WorkerState::Sleeping));
        QCOMPARE(events[2].detail, static_cast<std::uint16_t>(core::WorkerState::Done));
        QVERIFY(clock.to_ns(events[2].time) - clock.to_ns(events[1].time) >= 20 * core::kNsPerMs); // the 20 ms of work
        QCOMPARE(ring->dropped(), 0u);
    }
}

void TestForkServer::badRequestsAreRefusedNamingTheField_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("configJson");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown scenario") << "nope"
                                      << "{}"
                                      << "unknown scenario 'nope' (known: processes, ";
    QTest::newRow("workers 0") << "processes"
                               << R"({"workers": 0})"
                               << "workers: must be 1..256, got 0";
    QTest::newRow("workers 100000") << "processes"
                                    << R"({"workers": 100000})"
                                    << "workers: must be 1..256, got 100000";
    QTest::newRow("unknown field") << "processes"
                                   << R"({"nosuchfield": 1})"
                                   << "nosuchfield: no such field in scenario 'processes'";
    QTest::newRow("bad choice") << "processes"
                                << R"({"join": "sideways"})"
                                << "join: must be one of after-all, one-by-one, none; got 'sideways'";
    QTest::newRow("not JSON") << "processes"
                              << "{workers"
                              << "config: invalid JSON";
}

void TestForkServer::badRequestsAreRefusedNamingTheField()
{
    QFETCH(QString, scenario);
    QFETCH(QString, configJson);
    QFETCH(QString, message);
    RunClient client(g_server.fd());
    client.request(scenario.toStdString(), configJson.toStdString());
    QVERIFY(client.wait_finished(5s));
    QVERIFY(!client.record.started);
    QCOMPARE(client.record.errors.size(), 1u);
    QVERIFY2(client.record.errors[0].message.starts_with(message.toStdString()),
             client.record.errors[0].message.c_str());
}

void TestForkServer::stopTerminatesTheWorkers()
{
    RunClient client(g_server.fd());
    client.request("processes", config(4, 600000, "after-all"));
    QVERIFY(client.pump_until([&] { return client.record.processes.size() == 4; }, 10s));
    // Live: the main process is the supervisor's child, and the supervisor the fork server's.
    QCOMPARE(testing::parent_of(client.record.started->main_pid), client.record.started->main_ppid);
    QCOMPARE(testing::parent_of(client.record.started->main_ppid), g_server.pid());
    for (pid_t pid : client.record.worker_pids())
        QCOMPARE(testing::parent_of(pid), client.record.started->main_pid);
    client.stop();
    QVERIFY(client.wait_finished(10s));
    QCOMPARE(client.record.finished->outcome, protocol::Outcome::Stopped);
    QCOMPARE(client.record.exits.size(), 4u);
    for (const auto& e : client.record.exits)
        QCOMPARE(e.exitcode, -SIGTERM);
    QVERIFY(testing::wait_all_gone(client.record.worker_pids(), 1s));
}

void TestForkServer::daemonWorkersAreTerminatedWhenMainEnds()
{
    RunClient client(g_server.fd());
    client.request("processes", config(3, 600000, "none", R"(, "daemon": true)"));
    QVERIFY(client.wait_finished(10s));
    QCOMPARE(client.record.finished->outcome, protocol::Outcome::Completed);
    QCOMPARE(client.record.exits.size(), 3u);
    for (const auto& p : client.record.processes)
        QVERIFY(p.daemon);
    for (const auto& e : client.record.exits)
        QCOMPARE(e.exitcode, -SIGTERM);
}

void TestForkServer::terminateAfterStopsLongWorkers()
{
    RunClient client(g_server.fd());
    client.request("processes", config(2, 600000, "after-all", R"(, "terminate_after_ms": 200)"));
    QVERIFY(client.wait_finished(10s));
    QCOMPARE(client.record.finished->outcome, protocol::Outcome::Completed);
    for (const auto& e : client.record.exits)
        QCOMPARE(e.exitcode, -SIGTERM);
    QVERIFY(client.record.finished->wall_ns >= 200 * core::kNsPerMs);
}

void TestForkServer::spawnRefusesAThreadedProcess()
{
    // QTest's watchdog thread is running now.
    QVERIFY_THROWS_EXCEPTION(std::logic_error, (void)scenarios::ForkServerProcess::spawn());
}

void TestForkServer::closingTheFrontEndKillsEveryProcess()
{
    RunClient client(g_closed_server.fd());
    client.request("processes", config(16, 600000, "after-all"));
    QVERIFY(client.pump_until([&] { return client.record.processes.size() == 16; }, 20s));
    std::vector<pid_t> pids = client.record.worker_pids();
    pids.push_back(client.record.started->main_pid);

    QCOMPARE(scratch_folders(g_closed_server.pid()).size(), std::size_t{1});
    const std::int64_t closed_at = core::monotonic_ns();
    QCOMPARE(::shutdown(g_closed_server.fd(), SHUT_RDWR), 0); // what the kernel does when the GUI dies
    QVERIFY2(testing::wait_all_gone(pids, 1000ms), testing::describe_present(pids).c_str());
    QVERIFY(scratch_gone_within(g_closed_server.pid(), 1000ms)); // its runs' temporary files with it
    qInfo("all %zu processes gone %.1f ms after the socket closed", pids.size(),
          static_cast<double>(core::monotonic_ns() - closed_at) / 1e6);
    g_closed_server.shutdown(1000ms); // reaps the server, which exits once its runs are reaped
}

void TestForkServer::killingTheFrontEndKillsEveryProcess()
{
    QVERIFY(::write(g_front_end.command_fd, "g", 1) == 1);
    std::vector<pid_t> pids(18);
    std::size_t got = 0;
    while (got < pids.size() * sizeof(pid_t)) {
        QVERIFY(core::poll_readable(g_front_end.report_fd, 20000));
        const ssize_t n = ::read(g_front_end.report_fd, reinterpret_cast<char*>(pids.data()) + got,
                                 pids.size() * sizeof(pid_t) - got);
        QVERIFY(n > 0);
        got += static_cast<std::size_t>(n);
    }
    for (pid_t pid : pids)
        QVERIFY(::kill(pid, 0) == 0);
    QCOMPARE(scratch_folders(pids[0]).size(), std::size_t{1}); // pids[0]: the fork server

    const std::int64_t killed_at = core::monotonic_ns();
    QCOMPARE(::kill(g_front_end.pid, SIGKILL), 0);
    QCOMPARE(::waitpid(g_front_end.pid, nullptr, 0), g_front_end.pid);
    QVERIFY2(testing::wait_all_gone(pids, 1000ms), testing::describe_present(pids).c_str());
    qInfo("all %zu processes gone %.1f ms after SIGKILL of the front end", pids.size(),
          static_cast<double>(core::monotonic_ns() - killed_at) / 1e6);
    // The server is told with SIGTERM, not killed: it removes its runs' temporary files.
    QVERIFY(scratch_gone_within(pids[0], 1000ms));
}

int main(int argc, char** argv)
{
    // Orphans of the killed fake front end come to us, so the test can tell "gone" from "zombie".
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    char tmpdir[] = "/tmp/tst_forkserver-XXXXXX";
    if (!::mkdtemp(tmpdir))
        return 1;
    g_tmpdir = tmpdir;
    ::setenv("TMPDIR", tmpdir, 1);
    // The fake front end first: it must not inherit the other servers' sockets, or closing
    // one of them here would not reach its server.
    g_front_end = spawn_fake_front_end();
    g_server = scenarios::ForkServerProcess::spawn();
    g_closed_server = scenarios::ForkServerProcess::spawn();
    const int result = testing::run_forking_test<QCoreApplication, TestForkServer>(argc, argv);
    ::kill(g_front_end.pid, SIGKILL); // if its test did not run
    ::waitpid(g_front_end.pid, nullptr, 0);
    g_server.shutdown();
    std::error_code ignored;
    std::filesystem::remove_all(g_tmpdir, ignored);
    return result;
}

#include "tst_forkserver.moc"
