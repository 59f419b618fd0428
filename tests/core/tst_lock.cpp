// core::Lock and RLock across processes: mutual exclusion, timeouts, recursion, and a holder
// killed inside its critical section.

#include "core/lock.h"

#include "core/clock.h"
#include "core/futex.h"
#include "core/process.h"
#include "support/lock_test_access.h"
#include "support/test_main.h"

#include <QTest>

#include <linux/futex.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

using namespace forkscope::core;
using namespace std::chrono_literals;

namespace {

struct Counter {
    std::uint64_t value = 0; // plain: only the lock protects it
    std::atomic<pid_t> holder{0}; // who entered last
    std::atomic<std::uint32_t> inside{0}; // how many processes are in the critical section
    std::atomic<std::uint32_t> overlaps{0}; // times someone found another inside
};

// Whether `pid` is asleep in the kernel's futex wait (and so past re-checking the lock word).
bool sleeps_on_futex(pid_t pid)
{
    std::ifstream wchan("/proc/" + std::to_string(pid) + "/wchan");
    std::string where;
    std::getline(wchan, where);
    return where.find("futex") != std::string::npos;
}

} // namespace

class TestLock : public QObject {
    Q_OBJECT

private slots:
    void acquireAndRelease();
    void anotherProcessWaitsOrTimesOut();
    void misuseIsAnError();
    void rlockNests();
    void incrementsUnderTheLockAreExact();
    void deadHolderHandsTheLockOn();
    void killedHoldersNeverBreakMutualExclusion();
    void aStrandedWaiterStillGetsTheLock();
};

void TestLock::acquireAndRelease()
{
    Lock lock;
    QVERIFY(lock.acquire());
    QVERIFY(!lock.previous_owner_died());
    lock.release();
    {
        std::lock_guard guard(lock);
    }
    QVERIFY(lock.try_lock());
    lock.unlock();
    QVERIFY(lock.id() != 0);
}

void TestLock::anotherProcessWaitsOrTimesOut()
{
    Lock lock;
    lock.acquire();
    Process p([&lock] {
        int code = lock.acquire(false) ? 1 : 0; // held by the parent: no
        const std::int64_t begin = monotonic_ns();
        if (lock.acquire(true, 100ms))
            code |= 2;
        if (monotonic_ns() - begin < 100 * kNsPerMs)
            code |= 4;
        code |= lock.acquire(true, 10s) ? 0 : 8; // released by the parent meanwhile
        lock.release();
        throw SystemExit{code};
    });
    p.start();
    ::usleep(300'000);
    lock.release();
    QVERIFY(p.join(20s));
    QCOMPARE(*p.exitcode(), 0);
}

void TestLock::misuseIsAnError()
{
    Lock lock;
    QVERIFY_THROWS_EXCEPTION(LockError, lock.release()); // not held
    lock.acquire();
    QVERIFY_THROWS_EXCEPTION(LockError, lock.acquire()); // would deadlock
    lock.release();
}

void TestLock::rlockNests()
{
    RLock lock;
    QVERIFY(lock.acquire());
    QVERIFY(lock.acquire());
    lock.release();
    Process other([&lock] { throw SystemExit{lock.acquire(true, 50ms) ? 1 : 0}; });
    other.start();
    QVERIFY(other.join(10s));
    QCOMPARE(*other.exitcode(), 0); // still held once
    lock.release();
    QVERIFY_THROWS_EXCEPTION(LockError, lock.release());
}

void TestLock::incrementsUnderTheLockAreExact()
{
    constexpr int kProcesses = 4, kIncrements = 20000;
    Lock lock;
    SharedObject<Counter> counter(sizeof(Counter));
    std::vector<std::unique_ptr<Process>> workers;
    for (int i = 0; i < kProcesses; ++i) {
        workers.push_back(std::make_unique<Process>([&lock, &counter] {
            for (int n = 0; n < kIncrements; ++n) {
                std::lock_guard guard(lock);
                if (counter->inside.fetch_add(1) != 0)
                    counter->overlaps.fetch_add(1);
                counter->value = counter->value + 1;
                counter->inside.fetch_sub(1);
            }
        }));
        workers.back()->start();
    }
    for (auto& w : workers) {
        QVERIFY(w->join(60s));
        QCOMPARE(*w->exitcode(), 0);
    }
    QCOMPARE(counter->value, std::uint64_t{kProcesses} * kIncrements);
    QCOMPARE(counter->overlaps.load(), 0u);
}

void TestLock::deadHolderHandsTheLockOn()
{
    Lock lock;
    Process holder([&lock] {
        lock.acquire();
        ::_exit(3); // dies holding it
    });
    holder.start();
    QVERIFY(holder.join(10s));
    QVERIFY(lock.acquire(true, 5s)); // not a deadlock
    QVERIFY(lock.previous_owner_died());
    QCOMPARE(lock.owner_deaths(), 1u);
    lock.release();
    QVERIFY(lock.acquire(true, 1s)); // and healthy again
    QVERIFY(!lock.previous_owner_died());
    lock.release();
}

void TestLock::killedHoldersNeverBreakMutualExclusion()
{
    // Three processes increment under the lock, each holding it for a microsecond or so; each
    // round the current holder is SIGKILLed at a random moment, so the kill lands inside the
    // critical section. The others must take the lock over, never overlap, and finish; the count
    // is exact up to the one increment the victim may have been making. Seeded.
    constexpr int kRounds = 50, kIncrements = 3000;
    std::mt19937 rng(20261122);
    std::uint64_t deaths_seen = 0;
    for (int round = 0; round < kRounds; ++round) {
        Lock lock;
        SharedObject<Counter> counter(sizeof(Counter));
        std::vector<std::unique_ptr<Process>> workers;
        for (int i = 0; i < 3; ++i) {
            workers.push_back(std::make_unique<Process>([&lock, &counter] {
                for (int n = 0; n < kIncrements; ++n) {
                    lock.acquire();
                    if (lock.previous_owner_died())
                        counter->inside.store(0); // the dead holder's mark: it is not inside any more
                    counter->holder.store(::getpid());
                    if (counter->inside.fetch_add(1) != 0)
                        counter->overlaps.fetch_add(1);
                    counter->value = counter->value + 1;
                    for (int spin = 0; spin < 300; ++spin)
                        cpu_relax(); // hold the lock for a while
                    counter->inside.fetch_sub(1);
                    lock.release();
                }
            }));
            workers.back()->start();
        }
        ::usleep(static_cast<useconds_t>(500 + rng() % 3000));
        const pid_t holder = counter->holder.load();
        for (auto& w : workers) {
            if (w->pid() == holder)
                w->kill();
        }
        for (auto& w : workers)
            QVERIFY2(w->join(30s), "a survivor hung on the lock");
        QCOMPARE(counter->overlaps.load(), 0u);
        QVERIFY(counter->value >= 2u * kIncrements && counter->value <= 3u * kIncrements);
        deaths_seen += lock.owner_deaths();
    }
    qInfo("%d rounds, the holder SIGKILLed in each: the lock was taken from a dead holder %llu times", kRounds,
          static_cast<unsigned long long>(deaths_seen));
    QVERIFY(deaths_seen > 0); // the recovery path really ran
}

void TestLock::aStrandedWaiterStillGetsTheLock()
{
    // The lost wake described in lock.cpp, staged: while a waiter sleeps, the word is freed as
    // glibc's unlock frees it, and the holder dies without the wake that should follow (as when
    // the woken process is killed and someone else has taken the lock in between). The waiter
    // must find the free lock on its own.
    Lock lock;
    std::atomic_ref<int> word(detail::RobustMutexTestAccess::futex_word(lock));
    SharedObject<std::atomic<int>> go_away(sizeof(std::atomic<int>), 0);
    Process holder([&] {
        lock.acquire();
        const std::int64_t deadline = monotonic_ns() + 20'000 * kNsPerMs;
        while (go_away->load() == 0 && monotonic_ns() < deadline)
            ::usleep(1000);
        ::_exit(0); // without release(): the word was freed for it
    });
    holder.start();
    const std::int64_t deadline = monotonic_ns() + 10'000 * kNsPerMs;
    while (word.load() == 0 && monotonic_ns() < deadline)
        ::usleep(1000);
    QVERIFY(word.load() != 0);

    Process waiter([&] { ::_exit(lock.acquire() && !lock.previous_owner_died() ? 0 : 1); });
    waiter.start();
    while (!((word.load() & FUTEX_WAITERS) && sleeps_on_futex(waiter.pid())) && monotonic_ns() < deadline)
        ::usleep(1000);
    QVERIFY2(sleeps_on_futex(waiter.pid()), "the waiter never went to sleep on the lock");
    word.store(0); // released, and the wake lost
    go_away->store(1);
    QVERIFY(holder.join(10s));
    QVERIFY2(waiter.join(10s), "the stranded waiter never took the free lock");
    QCOMPARE(*waiter.exitcode(), 0);
}

FORKSCOPE_FORKING_TEST_MAIN(TestLock)
#include "tst_lock.moc"
