// The run supervisor serves every process of a run whatever the scenario's main program is blocked
// in: output is read as it is written (a chatty worker never stalls the run), exits are reported
// at once, and every line's time lies within its process's lifetime, in order. Real forks through
// a fork server that serves the real scenarios and two of this test's own.

#include "core/clock.h"
#include "core/event.h"
#include "core/lock.h"
#include "core/pool.h"
#include "core/process.h"
#include "core/queue.h"
#include "scenarios/programs/programs.h"
#include "scenarios/runner/fork_server.h"
#include "scenarios/scenario.h"
#include "support/run_client.h"
#include "support/test_main.h"

#include <QTest>

#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/prctl.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <thread>

using namespace forkscope;
using namespace std::chrono_literals;
using testing::RunClient;

namespace {

// A worker that prints `bytes` of numbered lines, each with the time it was written, while the
// main program waits for it in a queue get, a pool's apply or a lock; and a second worker that
// exits at once, whose exit must be reported while the main program still waits.
class WaitScenario final : public scenarios::Scenario {
public:
    [[nodiscard]] std::string_view id() const override { return "test-wait"; }
    [[nodiscard]] const char* title() const override { return "test: print while main waits"; }
    [[nodiscard]] const char* summary() const override { return ""; }
    [[nodiscard]] const std::vector<scenarios::Field>& fields() const override
    {
        static const std::vector<scenarios::Field> fields{
            {"wait", scenarios::FieldKind::Choice, 0, 0, {"queue", "pool", "lock"}, "queue", "", "", ""},
            {"bytes", scenarios::FieldKind::Integer, 0, 100'000'000, {}, "0", "", "", ""},
            {"hold_ms", scenarios::FieldKind::Integer, 0, 60'000, {}, "0", "", "", ""},
        };
        return fields;
    }

    // Lines of 100 bytes with the newline: "line <n> t=<monotonic ns> xxx…".
    static void print_lines(std::int64_t bytes)
    {
        for (std::int64_t n = 0; n * 100 < bytes; ++n) {
            char line[101];
            const int head = std::snprintf(line, sizeof line, "line %lld t=%lld ", static_cast<long long>(n),
                                           static_cast<long long>(core::monotonic_ns()));
            std::fill(line + head, line + 99, 'x');
            line[99] = '\n';
            std::fwrite(line, 1, 100, stdout);
            std::fflush(stdout); // one write a line: stamped as it is written, not in blocks
        }
    }

    void run(const nlohmann::json& config, scenarios::RunContext& context) const override
    {
        const std::string wait = config.at("wait").get<std::string>();
        const std::int64_t bytes = config.at("bytes").get<std::int64_t>();
        const auto hold = std::chrono::milliseconds(config.at("hold_ms").get<int>());
        core::Process quick([] { std::printf("exiting at %lld\n", static_cast<long long>(core::monotonic_ns())); },
                            "quick");
        if (wait == "queue") {
            core::Queue<int> done(1);
            core::Process chatty(
                [&] {
                    print_lines(bytes);
                    std::this_thread::sleep_for(hold);
                    done.put(1);
                },
                "chatty");
            chatty.start();
            quick.start();
            (void)done.get();
            context.log("main: waited");
            chatty.join();
        } else if (wait == "pool") {
            core::Pool pool(1);
            quick.start();
            pool.apply([bytes, hold] {
                print_lines(bytes);
                std::this_thread::sleep_for(hold);
            });
            context.log("main: waited");
            pool.close();
            pool.join();
        } else {
            core::Lock lock;
            core::Event held;
            core::Process chatty(
                [&] {
                    std::lock_guard guard(lock);
                    held.set();
                    print_lines(bytes);
                    std::this_thread::sleep_for(hold);
                },
                "chatty");
            chatty.start();
            held.wait();
            quick.start();
            lock.acquire();
            context.log("main: waited");
            lock.release();
            chatty.join();
        }
        quick.join();
    }
};

const WaitScenario g_wait;
scenarios::ForkServerProcess g_server;

std::vector<const scenarios::Scenario*> served()
{
    std::vector<const scenarios::Scenario*> all = scenarios::all_scenarios();
    all.push_back(&g_wait);
    return all;
}

std::string wait_config(const char* wait, std::int64_t bytes, int hold_ms)
{
    return nlohmann::json{{"wait", wait}, {"bytes", bytes}, {"hold_ms", hold_ms}}.dump();
}

const protocol::ProcessStarted* process_named(const testing::RunRecord& r, std::string_view name)
{
    for (const auto& p : r.processes) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

const protocol::LogLine* line_containing(const testing::RunRecord& r, pid_t pid, std::string_view text)
{
    for (const auto& l : r.lines) {
        if (l.pid == pid && l.text.find(text) != std::string::npos)
            return &l;
    }
    return nullptr;
}

// Every process's lines lie within its lifetime (from its start to its exit) and in order; and
// the main process's too, within the run.
void verify_lines_within_lifetimes(const testing::RunRecord& r)
{
    std::map<pid_t, std::int64_t> last;
    for (const auto& l : r.lines) {
        std::int64_t begin = r.started->t_ns, end = r.finished->t_ns;
        if (l.pid != r.started->main_pid) {
            const auto* start = r.start_of(l.pid);
            const auto* exit = r.exit_of(l.pid);
            QVERIFY2(start && exit, ("a line of an unknown process " + std::to_string(l.pid)).c_str());
            begin = start->t_ns;
            end = exit->t_ns;
        }
        QVERIFY2(l.t_ns >= begin && l.t_ns <= end,
                 (std::to_string(l.pid) + ": line at " + std::to_string(l.t_ns) + " outside " + std::to_string(begin) +
                  ".." + std::to_string(end) + ": " + l.text.substr(0, 40))
                     .c_str());
        QVERIFY2(l.t_ns >= last[l.pid], "lines of one process out of order");
        last[l.pid] = l.t_ns;
    }
}

// The chatty worker's lines: all of them, whole, in order, each stamped no earlier than written.
void verify_chatty_lines(const testing::RunRecord& r, pid_t chatty, std::int64_t bytes)
{
    std::int64_t expected = 0;
    for (const auto& l : r.lines) {
        if (l.pid != chatty)
            continue;
        long long n = -1, written = 0;
        QVERIFY2(std::sscanf(l.text.c_str(), "line %lld t=%lld", &n, &written) == 2, l.text.c_str());
        QCOMPARE(n, static_cast<long long>(expected));
        QCOMPARE(l.text.size(), std::size_t{99});
        QVERIFY(l.t_ns >= written);
        ++expected;
    }
    QCOMPARE(expected * 100, bytes);
}

} // namespace

class TestSupervisor : public QObject {
    Q_OBJECT

private slots:
    void exitsAreReportedWhileMainWaits_data();
    void exitsAreReportedWhileMainWaits();
    void aWorkerPrinting10MBFinishes_data();
    void aWorkerPrinting10MBFinishes();
    void aPoolOfOneWith3000ChattyTasksFinishes();
    void aKilledMainProcessStillReportsItsWorkers();
};

void TestSupervisor::exitsAreReportedWhileMainWaits_data()
{
    QTest::addColumn<QString>("wait");
    QTest::newRow("queue") << "queue";
    QTest::newRow("pool") << "pool";
    QTest::newRow("lock") << "lock";
}

void TestSupervisor::exitsAreReportedWhileMainWaits()
{
    QFETCH(QString, wait);
    RunClient client(g_server.fd());
    // The chatty worker prints 100 lines, then keeps the main program waiting for 1.5 s.
    client.request("test-wait", wait_config(qPrintable(wait), 10'000, 1500));
    QVERIFY(client.wait_finished(60s));
    const auto& r = client.record;
    QVERIFY2(r.errors.empty(), r.errors.empty() ? "" : r.errors[0].message.c_str());
    QCOMPARE(r.finished->outcome, protocol::Outcome::Completed);
    const auto* quick = process_named(r, "quick");
    QVERIFY(quick);
    const auto* said = line_containing(r, quick->pid, "exiting at ");
    QVERIFY(said);
    const std::int64_t exiting_at = std::stoll(said->text.substr(said->text.rfind(' ') + 1));
    const auto* exit = r.exit_of(quick->pid);
    QVERIFY(exit);
    QCOMPARE(exit->exitcode, 0);
    const auto* waited = line_containing(r, r.started->main_pid, "main: waited");
    QVERIFY(waited);
    // Reported within 100 ms of its last words, and long before the main program stopped waiting.
    const double latency_ms = static_cast<double>(exit->t_ns - exiting_at) / 1e6;
    qInfo("%s: exit reported %.2f ms after the worker's last line; main waited %.0f ms more", qPrintable(wait),
          latency_ms, static_cast<double>(waited->t_ns - exit->t_ns) / 1e6);
    QVERIFY2(latency_ms >= 0 && latency_ms <= 100, std::to_string(latency_ms).c_str());
    QVERIFY(exit->t_ns < waited->t_ns);
    // Lines are stamped as they are written, not when the main program gets round to it.
    for (const auto& l : r.lines) {
        long long n = -1, written = 0;
        if (std::sscanf(l.text.c_str(), "line %lld t=%lld", &n, &written) == 2)
            QVERIFY2(l.t_ns - written <= 100 * core::kNsPerMs, l.text.substr(0, 40).c_str());
    }
    verify_lines_within_lifetimes(r);
    const pid_t chatty =
        wait == QStringLiteral("pool") ? process_named(r, "ForkPoolWorker-1")->pid : process_named(r, "chatty")->pid;
    verify_chatty_lines(r, chatty, 10'000);
}

void TestSupervisor::aWorkerPrinting10MBFinishes_data()
{
    QTest::addColumn<QString>("wait");
    QTest::newRow("queue") << "queue";
    QTest::newRow("pool") << "pool";
}

void TestSupervisor::aWorkerPrinting10MBFinishes()
{
    QFETCH(QString, wait);
    constexpr std::int64_t kBytes = 10'000'000; // 100,000 lines, 150 pipes' worth
    RunClient client(g_server.fd());
    const std::int64_t begin = core::monotonic_ns();
    client.request("test-wait", wait_config(qPrintable(wait), kBytes, 0));
    QVERIFY(client.wait_finished(120s));
    qInfo("10 MB of output through a run in %.2f s", static_cast<double>(core::monotonic_ns() - begin) / 1e9);
    const auto& r = client.record;
    QCOMPARE(r.finished->outcome, protocol::Outcome::Completed);
    const auto* chatty = process_named(r, wait == QStringLiteral("pool") ? "ForkPoolWorker-1" : "chatty");
    QVERIFY(chatty);
    verify_chatty_lines(r, chatty->pid, kBytes);
    verify_lines_within_lifetimes(r);
}

// Issue 11's report: before, the main process read the workers' pipes only while it joined, so a
// pool worker filled its pipe and blocked in printf while the main program waited for its result.
void TestSupervisor::aPoolOfOneWith3000ChattyTasksFinishes()
{
    RunClient client(g_server.fd());
    client.request("pool", R"({"size": 1, "tasks": 3000, "task_ms": 0, "mode": "apply_async"})");
    QVERIFY(client.wait_finished(60s));
    const auto& r = client.record;
    QCOMPARE(r.finished->outcome, protocol::Outcome::Completed);
    QVERIFY(r.result);
    const auto* worker = process_named(r, "ForkPoolWorker-1");
    QVERIFY(worker);
    std::size_t worker_lines = 0;
    for (const auto& l : r.lines)
        worker_lines += l.pid == worker->pid;
    QVERIFY2(worker_lines >= 3000, std::to_string(worker_lines).c_str()); // a line or more a task
    verify_lines_within_lifetimes(r);
}

// The main process is SIGKILLed mid-run: its workers come to the supervisor (a subreaper), which
// still reports how each ended, and the run fails saying why.
void TestSupervisor::aKilledMainProcessStillReportsItsWorkers()
{
    RunClient client(g_server.fd());
    client.request("processes", R"({"workers": 3, "work_ms": 600000})");
    // Each worker has said its first line: it is past its start, where one that finds its parent
    // gone leaves with 128 + SIGKILL instead.
    QVERIFY(client.pump_until(
        [&] {
            std::size_t said = 0;
            for (const auto& p : client.record.processes)
                said += line_containing(client.record, p.pid, "working") != nullptr;
            return client.record.processes.size() == 3 && said == 3;
        },
        10s));
    QCOMPARE(::kill(client.record.started->main_pid, SIGKILL), 0);
    QVERIFY(client.wait_finished(10s));
    const auto& r = client.record;
    QCOMPARE(r.finished->outcome, protocol::Outcome::Failed);
    QVERIFY2(r.finished->message.find("the main process was killed by SIGKILL") != std::string::npos,
             r.finished->message.c_str());
    QCOMPARE(r.exits.size(), 3u);
    for (const auto& e : r.exits)
        QCOMPARE(e.exitcode, -SIGKILL); // PR_SET_PDEATHSIG: workers die with their parent
    QVERIFY(testing::wait_all_gone(r.worker_pids(), 1s));
}

int main(int argc, char** argv)
{
    ::prctl(PR_SET_CHILD_SUBREAPER, 1); // wait_all_gone tells gone from zombie
    g_server = scenarios::ForkServerProcess::spawn(served());
    const int result = testing::run_forking_test<QCoreApplication, TestSupervisor>(argc, argv);
    g_server.shutdown();
    return result;
}

#include "tst_supervisor.moc"
