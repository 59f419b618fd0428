// core::Process: Python's Process semantics (start/join/exitcode/daemon/terminate), with real forks.
//
// These tests fork from the test process, which has QTest's idle watchdog thread. The children run
// only core code and leave with _exit(); glibc keeps malloc and stdio usable after fork.

#include "core/process.h"
#include "core/telemetry.h"

#include "core/clock.h"

#include "support/test_main.h"

#include <QTest>

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>

using forkscope::core::Process;
using forkscope::core::ProcessError;
using forkscope::core::SystemExit;
using namespace std::chrono_literals;

namespace {

// A page shared with the children, for them to report what they saw.
struct Shared {
    volatile int value = 0;
    volatile pid_t pid = 0;
    volatile pid_t ppid = 0;
};

Shared* make_shared_page()
{
    void* p = ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? nullptr : new (p) Shared;
}

class Subclass : public Process {
public:
    explicit Subclass(Shared* shared) : shared_(shared) {}

protected:
    void run() override { shared_->value = 42; }

private:
    Shared* shared_;
};

} // namespace

class TestProcess : public QObject {
    Q_OBJECT

private slots:
    void targetRunsInAChildWithItsOwnPid();
    void subclassRunOverrides();
    void exitcodeFollowsPython();
    void joinTimesOut();
    void joinUnlessGivesUpWhenAskedAsOneWait();
    void terminateAndKillGiveNegativeSignals();
    void defaultNamesCount();
    void cannotStartTwiceOrChangeDaemonAfterStart();
    void daemonCannotHaveChildren();
    void finalizeTerminatesDaemonsAndJoinsOthers();
    void globalsAreNotShared();
    void stdinIsDevNull();
    void isAliveReaps();
    void onlyTheParentMayJoin();
};

void TestProcess::targetRunsInAChildWithItsOwnPid()
{
    Shared* shared = make_shared_page();
    QVERIFY(shared);
    Process p([shared] {
        shared->pid = ::getpid();
        shared->ppid = ::getppid();
    });
    QCOMPARE(p.pid(), 0);
    p.start();
    QVERIFY(p.join(10s));
    QCOMPARE(shared->pid, p.pid());
    QCOMPARE(shared->ppid, ::getpid());
    QCOMPARE(p.ppid(), ::getpid());
    QCOMPARE(p.exitcode(), std::optional<int>(0));
    ::munmap(shared, sizeof(Shared));
}

void TestProcess::subclassRunOverrides()
{
    Shared* shared = make_shared_page();
    Subclass p(shared);
    p.start();
    p.join();
    QCOMPARE(shared->value, 42);
    ::munmap(shared, sizeof(Shared));
}

void TestProcess::exitcodeFollowsPython()
{
    Process ok([] {});
    Process exits([] { throw SystemExit{3}; });
    Process throws([] { throw std::runtime_error("boom"); });
    Process exits_directly([] { ::_exit(7); });
    for (Process* p : {&ok, &exits, &throws, &exits_directly})
        p->start();
    for (Process* p : {&ok, &exits, &throws, &exits_directly})
        QVERIFY(p->join(10s));
    QCOMPARE(*ok.exitcode(), 0);
    QCOMPARE(*exits.exitcode(), 3);
    QCOMPARE(*throws.exitcode(), 1);
    QCOMPARE(*exits_directly.exitcode(), 7);
}

void TestProcess::joinTimesOut()
{
    Process p([] { ::pause(); });
    p.start();
    const auto begin = forkscope::core::monotonic_ns();
    QVERIFY(!p.join(50ms));
    QVERIFY(forkscope::core::monotonic_ns() - begin >= 50 * forkscope::core::kNsPerMs);
    QVERIFY(p.is_alive());
    QVERIFY(!p.exitcode());
    p.kill();
    QVERIFY(p.join(10s));
}

namespace {
// Counts the join waits a process reports, and nothing else.
struct JoinWaits final : forkscope::core::TelemetrySink {
    int joins = 0;
    void queue_put(std::uint32_t, std::uint64_t, std::uint64_t, std::int64_t) override {}
    void queue_get(std::uint32_t, std::uint64_t, std::uint64_t, std::int64_t) override {}
    void queue_recovered(std::uint32_t, std::int32_t, bool) override {}
    void lock_acquired(std::uint32_t, std::int64_t, bool) override {}
    void lock_released(std::uint32_t, std::int64_t) override {}
    void waited(forkscope::core::WaitKind kind, std::uint32_t, std::int64_t) override
    {
        joins += kind == forkscope::core::WaitKind::Join;
    }
    void state_changed(forkscope::core::WorkerState) override {}
    void task_begin(std::uint32_t, std::uint64_t) override {}
    void task_end(std::uint32_t, std::uint64_t, bool) override {}
};
} // namespace

void TestProcess::joinUnlessGivesUpWhenAskedAsOneWait()
{
    JoinWaits waits;
    forkscope::core::set_telemetry_sink(&waits);
    Process stuck([] { ::pause(); });
    stuck.start();
    int asked = 0;
    QVERIFY(!stuck.join_unless([&asked] { return ++asked == 3; }, 20ms)); // gives up on the third check
    QCOMPARE(asked, 3);
    QVERIFY(stuck.is_alive());
    Process quick([] { ::usleep(50'000); });
    quick.start();
    QVERIFY(quick.join_unless([] { return false; }, 10ms));
    QCOMPARE(*quick.exitcode(), 0);
    forkscope::core::set_telemetry_sink(nullptr);
    QCOMPARE(waits.joins, 2); // one per call, not one per check
    stuck.kill();
    QVERIFY(stuck.join(10s));
}

void TestProcess::terminateAndKillGiveNegativeSignals()
{
    Process t([] { ::pause(); });
    Process k([] { ::pause(); });
    t.start();
    k.start();
    t.terminate();
    k.kill();
    QVERIFY(t.join(10s));
    QVERIFY(k.join(10s));
    QCOMPARE(*t.exitcode(), -SIGTERM);
    QCOMPARE(*k.exitcode(), -SIGKILL);
    t.terminate(); // after reaping: no effect, no error
}

void TestProcess::defaultNamesCount()
{
    Process a;
    Process b;
    QVERIFY(a.name().starts_with("Process-"));
    const int na = std::stoi(a.name().substr(8));
    QCOMPARE(b.name(), "Process-" + std::to_string(na + 1));
    Process named([] {}, "reader");
    QCOMPARE(named.name(), std::string("reader"));
}

void TestProcess::cannotStartTwiceOrChangeDaemonAfterStart()
{
    Process p([] {});
    p.start();
    QVERIFY_THROWS_EXCEPTION(ProcessError, p.start());
    QVERIFY_THROWS_EXCEPTION(ProcessError, p.set_daemon(true));
    p.join();
    Process never([] {});
    QVERIFY_THROWS_EXCEPTION(ProcessError, never.join());
}

void TestProcess::daemonCannotHaveChildren()
{
    Shared* shared = make_shared_page();
    Process p([shared] {
        Process child([] {});
        try {
            child.start();
            shared->value = 1;
        } catch (const ProcessError& e) {
            shared->value = std::string(e.what()) == "daemonic processes are not allowed to have children" ? 2 : 3;
        }
    });
    p.set_daemon(true);
    p.start();
    p.join();
    QCOMPARE(shared->value, 2);
    ::munmap(shared, sizeof(Shared));
}

void TestProcess::finalizeTerminatesDaemonsAndJoinsOthers()
{
    // In a child, so that the test process's own children are not finalized.
    Shared* shared = make_shared_page();
    Process main([shared] {
        auto* daemon = new Process([] { ::pause(); });
        daemon->set_daemon(true);
        daemon->start();
        auto* worker = new Process([] { ::usleep(50'000); });
        worker->start();
        shared->pid = daemon->pid();
        forkscope::core::finalize_children();
        shared->value = (*daemon->exitcode() == -SIGTERM ? 1 : 0) + (*worker->exitcode() == 0 ? 2 : 0);
    });
    main.start();
    QVERIFY(main.join(10s));
    QCOMPARE(shared->value, 3);
    ::munmap(shared, sizeof(Shared));
}

void TestProcess::globalsAreNotShared()
{
    static int counter = 0;
    counter = 10;
    Process p([] { counter += 5; });
    p.start();
    p.join();
    QCOMPARE(counter, 10); // the child changed its own copy
}

void TestProcess::stdinIsDevNull()
{
    Process p([] {
        char c;
        throw SystemExit{::read(STDIN_FILENO, &c, 1) == 0 ? 0 : 9}; // EOF at once, never waits for a terminal
    });
    p.start();
    QVERIFY(p.join(10s));
    QCOMPARE(*p.exitcode(), 0);
}

void TestProcess::isAliveReaps()
{
    Process p([] {});
    QVERIFY(!p.is_alive());
    p.start();
    const auto deadline = forkscope::core::monotonic_ns() + 10'000 * forkscope::core::kNsPerMs;
    while (p.is_alive() && forkscope::core::monotonic_ns() < deadline)
        QTest::qWait(5);
    QCOMPARE(p.exitcode(), std::optional<int>(0));
    QCOMPARE(forkscope::core::active_children_count(), 0u);
}

void TestProcess::onlyTheParentMayJoin()
{
    Shared* shared = make_shared_page();
    Process sibling([] { ::pause(); });
    sibling.start();
    // A child inherits a copy of the Process object, but that process is not its child.
    Process p([shared, &sibling] {
        try {
            sibling.join();
        } catch (const ProcessError& e) {
            shared->value = std::string(e.what()) == "can only join a child process" ? 1 : 2;
        }
    });
    p.start();
    QVERIFY(p.join(10s));
    QCOMPARE(shared->value, 1);
    sibling.kill();
    QVERIFY(sibling.join(10s));
    ::munmap(shared, sizeof(Shared));
}

FORKSCOPE_FORKING_TEST_MAIN(TestProcess)
#include "tst_process.moc"
